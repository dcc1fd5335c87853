/* lanka-directory-match.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-directory-match"

#include "config.h"

#include "lanka-directory-private.h"
#include "lanka-audit.h"
#include "lanka-store-error.h"
#include "lanka-validate.h"

#include <glib/gi18n.h>

/* Comparing agencies: which ones look like another (before adding or
 * importing one), which ones can help a person, and merging two that turn
 * out to be the same.  Everything here leaves trashed agencies out.
 */

/**
 * lanka_similar_agency_free:
 * @self: (nullable): a #LankaSimilarAgency
 */
void
lanka_similar_agency_free (LankaSimilarAgency *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->agency);
  g_free (self);
}

/**
 * lanka_help_match_free:
 * @self: (nullable): a #LankaHelpMatch
 */
void
lanka_help_match_free (LankaHelpMatch *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->agency);
  g_free (self);
}

/* Letters, digits and private-use characters make words; everything else
 * (spaces, punctuation, symbols) separates them.  This is how the search
 * index's tokenizer (unicode61) splits text too.
 */
static gboolean
is_word_character (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_LOWERCASE_LETTER ||
         type == G_UNICODE_MODIFIER_LETTER ||
         type == G_UNICODE_OTHER_LETTER ||
         type == G_UNICODE_TITLECASE_LETTER ||
         type == G_UNICODE_UPPERCASE_LETTER ||
         type == G_UNICODE_DECIMAL_NUMBER ||
         type == G_UNICODE_LETTER_NUMBER ||
         type == G_UNICODE_OTHER_NUMBER ||
         type == G_UNICODE_PRIVATE_USE;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK ||
         type == G_UNICODE_NON_SPACING_MARK;
}

/* A lower-case letter, without its accent if @fold_accents, except that
 * å, ä and ö are letters of their own in Swedish: "Café" is "cafe", but
 * "Malmö" is not "Malmo".
 */
static gunichar
fold_character (gunichar c,
                gboolean fold_accents)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  c = g_unichar_tolower (c);

  if (!fold_accents || c < 0x80 || c == 0x00E5 || c == 0x00E4 || c == 0x00F6)
    return c;

  if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 1)
    return decomposed[0];

  return c;
}

/* Splits @name into lower-case words: every run of spaces, punctuation
 * and symbols separates two words, and accents that do not compose with
 * their letter go.  With @fold_accents, accents other than those of å, ä
 * and ö go too; without, the words are those the search index holds.
 */
static GPtrArray *
split_name (const char *name,
            gboolean    fold_accents)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *composed = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) ||
      !(composed = g_utf8_normalize (name, -1, G_NORMALIZE_NFC)))
    return g_steal_pointer (&words);

  for (const char *p = composed; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_character (c))
        {
          g_string_append_unichar (word, fold_character (c, fold_accents));
          continue;
        }

      if (c != 0 && is_mark (c))
        continue;

      if (word->len > 0)
        {
          g_ptr_array_add (words, g_strndup (word->str, word->len));
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  return g_steal_pointer (&words);
}

static char *
join_words (GPtrArray *words)
{
  g_ptr_array_add (words, NULL);
  return g_strjoinv (" ", (char **)words->pdata);
}

/**
 * _lanka_directory_name_key:
 * @name: (nullable): an agency name
 *
 * The form names are compared in to find duplicates: lower case, accents
 * other than on å, ä and ö set aside, and spaces and punctuation reduced
 * to single spaces, so that "Polismyndigheten  Region Syd" and
 * "polismyndigheten region syd" are the same, and so are "Café Växthuset"
 * and "Cafe Växthuset", but not "Malmö stad" and "Malmo stad".
 *
 * Returns: (transfer full): the key, empty if @name has no letters or digits
 */
char *
_lanka_directory_name_key (const char *name)
{
  g_autoptr(GPtrArray) words = split_name (name, TRUE);

  return join_words (words);
}

static void
name_key_function (sqlite3_context  *context,
                   int               n_values,
                   sqlite3_value   **values)
{
  const char *name = (const char *)sqlite3_value_text (values[0]);

  if (name == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, _lanka_directory_name_key (name), -1, g_free);
}

/**
 * _lanka_directory_register_name_key:
 * @handle: a connection
 *
 * Makes _lanka_directory_name_key() the SQL function lanka_name_key(), for
 * an index of agency names by their keys.  Like a collation an index uses,
 * it has to be there on every connection before the first statement.
 *
 * Returns: an SQLite result code
 */
int
_lanka_directory_register_name_key (sqlite3 *handle)
{
  return sqlite3_create_function (handle, "lanka_name_key", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, name_key_function, NULL, NULL);
}

typedef struct
{
  gint64          id;
  LankaSimilarity reasons;
} Similar;

static void
add_similar (GArray          *similar,
             gint64           id,
             LankaSimilarity  reason)
{
  for (guint i = 0; i < similar->len; i++)
    {
      Similar *s = &g_array_index (similar, Similar, i);

      if (s->id == id)
        {
          s->reasons |= reason;
          return;
        }
    }

  g_array_append_val (similar, ((Similar) { id, reason }));
}

/* Whether the database has an index of the names by their keys (see
 * _lanka_directory_register_name_key()).  Migrations run when a database
 * is opened, so the answer holds as long as the object does.
 */
static gboolean
has_name_key_index (LankaDatabase  *database,
                    gboolean       *has_index,
                    GError        **error)
{
  static GQuark quark;
  sqlite3_stmt *stmt;
  gpointer known;
  int rc;

  if (quark == 0)
    quark = g_quark_from_static_string ("lanka-directory-name-key-index");

  if ((known = g_object_get_qdata (G_OBJECT (database), quark)) != NULL)
    {
      *has_index = GPOINTER_TO_INT (known) == 1;
      return TRUE;
    }

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT 1 FROM sqlite_schema "
                                        "WHERE type = 'index' AND name = 'agency_name_key'",
                                        error)))
    return FALSE;

  *has_index = (rc = sqlite3_step (stmt)) == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE;

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    return FALSE;

  g_object_set_qdata (G_OBJECT (database), quark, GINT_TO_POINTER (*has_index ? 1 : 2));

  return TRUE;
}

/* Without the index of name keys, the search index finds the candidates:
 * the agencies whose name starts with the same words (a phrase, so only
 * the few that start alike), whose keys are then compared.  It holds the
 * words with their accents, so that "Cafe" does not find "Café" this way.
 */
static sqlite3_stmt *
prepare_name_candidates (LankaDatabase  *database,
                         const char     *name,
                         GError        **error)
{
  g_autoptr(GPtrArray) words = split_name (name, FALSE);
  g_autofree char *phrase = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  if (words->len == 0)
    return NULL;

  /* Words hold only letters and digits: nothing in them is FTS5 syntax. */
  phrase = join_words (words);
  match = g_strdup_printf ("name : ^\"%s\"", phrase);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT a.id, a.name FROM agency_fts "
                                        "JOIN agency a ON a.id = agency_fts.rowid "
                                        "WHERE agency_fts MATCH ?1 AND a.trashed IS NULL "
                                        "AND a.uuid IS NOT ?2",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);

  return stmt;
}

static gboolean
find_by_name (LankaDatabase  *database,
              const char     *name,
              const char     *uuid,
              GArray         *similar,
              GError        **error)
{
  g_autofree char *key = _lanka_directory_name_key (name);
  gboolean has_index;
  sqlite3_stmt *stmt;
  int rc;

  if (key[0] == '\0')
    return TRUE;

  if (!has_name_key_index (database, &has_index, error))
    return FALSE;

  if (has_index)
    {
      if (!(stmt = _lanka_database_prepare (database,
                                            "SELECT a.id, a.name FROM agency a "
                                            "WHERE lanka_name_key (a.name) = ?1 "
                                            "AND a.trashed IS NULL AND a.uuid IS NOT ?2",
                                            error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!(stmt = prepare_name_candidates (database, name, &local_error)))
        {
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  _lanka_directory_bind_text (stmt, 2, uuid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *other_name = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *other = _lanka_directory_name_key (other_name);

      if (g_strcmp0 (key, other) == 0)
        add_similar (similar, sqlite3_column_int64 (stmt, 0), LANKA_SIMILARITY_NAME);
    }

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

/* Agencies with a channel of @kind whose normal form (agency_channel.
 * normalized, indexed) is @normalized.
 */
static gboolean
find_by_channel (LankaDatabase    *database,
                 const char       *kind,
                 const char       *normalized,
                 const char       *uuid,
                 LankaSimilarity   reason,
                 GArray           *similar,
                 GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT DISTINCT a.id FROM agency_channel ch "
                                        "JOIN agency a ON a.id = ch.agency "
                                        "WHERE ch.normalized = ?1 AND ch.kind = ?2 "
                                        "AND a.trashed IS NULL AND a.uuid IS NOT ?3",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  _lanka_directory_bind_text (stmt, 3, uuid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_similar (similar, sqlite3_column_int64 (stmt, 0), reason);

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

static gboolean
find_by_channels (LankaDatabase  *database,
                  LankaAgency    *agency,
                  const char     *uuid,
                  GArray         *similar,
                  GError        **error)
{
  GPtrArray *channels = lanka_agency_get_channels (agency);

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);
      g_autofree char *normalized = NULL;
      g_autofree char *stripped = NULL;

      /* The same normal forms the directory stores: a number that cannot
       * be normalised was never stored, so it cannot match.
       */
      switch (channel->kind)
        {
        case LANKA_CHANNEL_PHONE:
          if ((normalized = lanka_phone_normalize (channel->value, NULL)) &&
              !find_by_channel (database, "phone", normalized, uuid, LANKA_SIMILARITY_PHONE,
                                similar, error))
            return FALSE;
          break;

        case LANKA_CHANNEL_EMAIL:
          stripped = g_strstrip (g_strdup (channel->value));
          if (stripped[0] != '\0' && g_utf8_validate (stripped, -1, NULL))
            {
              normalized = g_utf8_strdown (stripped, -1);
              if (!find_by_channel (database, "email", normalized, uuid, LANKA_SIMILARITY_EMAIL,
                                    similar, error))
                return FALSE;
            }
          break;

        case LANKA_CHANNEL_WEB:
        case LANKA_CHANNEL_ADDRESS:
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
find_by_organisation_number (LankaDatabase  *database,
                             const char     *number,
                             const char     *uuid,
                             GArray         *similar,
                             GError        **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  for (const char *p = number; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (digits->len == 0)
    return TRUE;

  /* The stored number is as the person wrote it; validation allows only
   * digits, one hyphen and spaces, which this takes away.
   */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id FROM agency "
                                        "WHERE replace (replace (organisation_number, '-', ''), "
                                        "' ', '') = ?1 AND trashed IS NULL AND uuid IS NOT ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, digits->str, -1, SQLITE_TRANSIENT);
  _lanka_directory_bind_text (stmt, 2, uuid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_similar (similar, sqlite3_column_int64 (stmt, 0), LANKA_SIMILARITY_ORGANISATION_NUMBER);

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

/* The agencies of @similar, with their reasons, in Swedish name order. */
static GPtrArray *
load_similar (LankaDatabase  *database,
              GArray         *similar,
              GError        **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree LankaAgency **agencies = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_similar_agency_free);

  if (similar->len == 0)
    return g_steal_pointer (&result);

  /* Usually there is one at most, which needs no sorting. */
  if (similar->len == 1)
    {
      g_array_append_val (ids, g_array_index (similar, Similar, 0).id);
    }
  else
    {
      for (guint i = 0; i < similar->len; i++)
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT,
                                i > 0 ? "," : "", g_array_index (similar, Similar, i).id);
      g_string_append_c (json, ']');

      if (!(stmt = _lanka_database_prepare (database,
                                            "SELECT id FROM agency "
                                            "WHERE id IN (SELECT value FROM json_each (?1)) "
                                            "ORDER BY name COLLATE swedish, id",
                                            error)))
        return NULL;

      sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }

      if (!_lanka_directory_finish_rows (database, stmt, rc, error))
        return NULL;
    }

  if (!(agencies = _lanka_directory_load_many (database, ids, error)))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      LankaSimilarAgency *found;

      if (agencies[i] == NULL)
        continue;

      found = g_new0 (LankaSimilarAgency, 1);
      found->agency = g_steal_pointer (&agencies[i]);
      for (guint j = 0; j < similar->len; j++)
        if (g_array_index (similar, Similar, j).id == g_array_index (ids, gint64, i))
          found->reasons = g_array_index (similar, Similar, j).reasons;

      g_ptr_array_add (result, found);
    }

  return g_steal_pointer (&result);
}

/**
 * lanka_directory_find_similar:
 * @database: an open #LankaDatabase
 * @agency: an agency, saved or not
 * @error: a location for a #GError
 *
 * Finds the agencies in the directory that look like @agency: the same
 * name once case, accents (other than on å, ä and ö), spaces and
 * punctuation are set aside; a phone number that is the same once
 * normalised; the same e-mail address in any case; the same organisation
 * number with or without its hyphen.  @agency itself, if saved, and
 * agencies in the trash are left out.  Nothing is merged: the person
 * decides.
 *
 * It is quick enough to run for every card of a large import: every
 * comparison is an indexed lookup.
 *
 * Returns: (transfer container) (element-type LankaSimilarAgency)
 *   (nullable): the similar agencies in Swedish alphabetical order, each
 *   with what it has in common with @agency, or %NULL on error
 */
GPtrArray *
lanka_directory_find_similar (LankaDatabase  *database,
                              LankaAgency    *agency,
                              GError        **error)
{
  g_autoptr(GArray) similar = g_array_new (FALSE, FALSE, sizeof (Similar));
  const char *uuid;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_AGENCY (agency), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uuid = lanka_agency_get_uuid (agency);

  if (!find_by_name (database, lanka_agency_get_name (agency), uuid, similar, error) ||
      !find_by_channels (database, agency, uuid, similar, error) ||
      !find_by_organisation_number (database, lanka_agency_get_organisation_number (agency),
                                    uuid, similar, error))
    return NULL;

  return load_similar (database, similar, error);
}

/* Ranks what can help: first those that do not exclude the person, then
 * those that do, so that a caseworker sees the latter with the reason
 * rather than wondering where they went.  Within each: the reach asked
 * for first (regional before national when a county is given, national
 * first when not), then agencies that say they accept the person's group
 * before those that say nothing, NMT participants, and the name.
 *
 * Columns after the agency's own: reach (LankaHelpReach), eligibility
 * (LankaEligibility).  ?1 need, ?2 county or NULL, ?3 child.
 */
#define FIND_HELP_SQL \
  "SELECT a.id, reach, eligibility FROM (" \
  "  SELECT a.id, a.name, a.nmt," \
  "    CASE WHEN a.national = 1 AND (?2 IS NULL OR NOT EXISTS" \
  "      (SELECT 1 FROM agency_county c WHERE c.agency = a.id AND c.county = ?2))" \
  "    THEN 1 ELSE 0 END AS reach," \
  "    CASE" \
  "      WHEN EXISTS (SELECT 1 FROM agency_accepts x WHERE x.agency = a.id AND" \
  "        ((?3 AND x.code IN ('children', 'accompanied_children')) OR" \
  "         (NOT ?3 AND x.code IN ('women', 'men', 'transgender', 'pregnant'))))" \
  "        THEN 0" \
  "      WHEN NOT EXISTS (SELECT 1 FROM agency_accepts x WHERE x.agency = a.id)" \
  "        THEN 1" \
  "      WHEN ?3 OR NOT EXISTS (SELECT 1 FROM agency_accepts x WHERE x.agency = a.id AND" \
  "        x.code NOT IN ('children', 'accompanied_children'))" \
  "        THEN 2" \
  "      ELSE 1" \
  "    END AS eligibility" \
  "  FROM agency a" \
  "  WHERE a.id IN (SELECT h.agency FROM agency_helps h WHERE h.code = ?1)" \
  "    AND a.trashed IS NULL" \
  "    AND (?2 IS NULL OR a.national = 1 OR EXISTS" \
  "      (SELECT 1 FROM agency_county c WHERE c.agency = a.id AND c.county = ?2))" \
  ") a " \
  "ORDER BY eligibility = 2, CASE WHEN ?2 IS NULL THEN -reach ELSE reach END, eligibility," \
  " a.nmt DESC, a.name COLLATE swedish, a.id"

G_STATIC_ASSERT (LANKA_HELP_REACH_REGIONAL == 0 && LANKA_HELP_REACH_NATIONAL == 1);
G_STATIC_ASSERT (LANKA_ELIGIBILITY_ACCEPTS == 0 && LANKA_ELIGIBILITY_UNKNOWN == 1 &&
                 LANKA_ELIGIBILITY_EXCLUDED == 2);

/**
 * lanka_directory_find_help:
 * @database: an open #LankaDatabase
 * @query: what the person needs, whether they are a child, and where
 * @error: a location for a #GError
 *
 * Finds the agencies that help with @query's need (as a support type, a
 * form of exploitation or otherwise) and serve the county, regionally or
 * nationally.  Each comes with whether it takes the person's group: a child
 * is accepted where children or accompanied children are; an adult where
 * women, men, transgender people or pregnant women are, and excluded where
 * only children are; an agency that lists no one says nothing.
 *
 * The order is the order to call them in: agencies that do not exclude the
 * person first, those that do last (so that a caseworker sees why, rather
 * than wondering where they went); within each, regional before national
 * (national first without a county), accepting before saying nothing, NMT
 * participants first, then by name.
 *
 * Returns: (transfer container) (element-type LankaHelpMatch) (nullable):
 *   the ranked agencies, or %NULL on error
 */
GPtrArray *
lanka_directory_find_help (LankaDatabase         *database,
                           const LankaHelpQuery  *query,
                           GError               **error)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree LankaAgency **agencies = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->need != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _lanka_database_prepare (database, FIND_HELP_SQL, error)))
    return NULL;

  matches = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_help_match_free);

  sqlite3_bind_text (stmt, 1, query->need, -1, SQLITE_TRANSIENT);
  _lanka_directory_bind_text (stmt, 2, query->county);
  sqlite3_bind_int (stmt, 3, query->child ? 1 : 0);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LankaHelpMatch *match = g_new0 (LankaHelpMatch, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      match->reach = sqlite3_column_int (stmt, 1);
      match->eligibility = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (matches, match);
      g_array_append_val (ids, id);
    }

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    return NULL;

  if (!(agencies = _lanka_directory_load_many (database, ids, error)))
    return NULL;

  for (guint i = 0; i < matches->len; i++)
    {
      LankaHelpMatch *match = g_ptr_array_index (matches, i);

      match->agency = g_steal_pointer (&agencies[i]);
    }

  return g_steal_pointer (&matches);
}

static gboolean
merge_agencies (LankaDatabase  *database,
                LankaAgency    *kept,
                const char     *merged_uuid,
                GError        **error)
{
  const char *kept_uuid = lanka_agency_get_uuid (kept);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 kept_id;
  gint64 merged_id;

  if (g_strcmp0 (kept_uuid, merged_uuid) == 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("An agency cannot be merged with itself."));
      return FALSE;
    }

  if (!_lanka_directory_agency_id (database, kept_uuid, &kept_id, error))
    return FALSE;

  if (!_lanka_directory_agency_id (database, merged_uuid, &merged_id, &local_error))
    {
      if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                             _("The agency to merge no longer exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!_lanka_directory_write_agency (database, kept, NULL, NULL, error))
    return FALSE;

  /* The contact persons move with their change history, which follows
   * their uuids, not the agency.
   */
  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE agency_contact SET agency = ?1 WHERE agency = ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, kept_id);
  sqlite3_bind_int64 (stmt, 2, merged_id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  /* A seed agency merged away stays away: the next seed update must not
   * bring it back.
   */
  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT OR IGNORE INTO seed_tombstone (seed_key) "
                                        "SELECT seed_key FROM agency "
                                        "WHERE id = ?1 AND seed_key IS NOT NULL",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, merged_id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM agency WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, merged_id);

  /* Indexing a deleted agency takes it out of the index. */
  return _lanka_database_step_done (database, stmt, error) &&
         _lanka_directory_index_agency (database, merged_id, error) &&
         _lanka_directory_index_agency (database, kept_id, error) &&
         lanka_audit_log (database, LANKA_AUDIT_AGENCY_MERGE, kept_uuid, merged_uuid, error);
}

/**
 * lanka_directory_merge_agencies:
 * @database: an open #LankaDatabase
 * @kept: the agency that stays, saved, with the values the person chose
 *   from both
 * @merged_uuid: the uuid of the agency that goes
 * @error: a location for a #GError
 *
 * Merges two agencies that are the same, in one transaction: saves
 * @kept, moves the contact persons of the other agency (with their change
 * history) to it, and deletes the other agency.  The audit log records
 * both uuids.
 *
 * Returns: %TRUE on success; %LANKA_STORE_ERROR_INVALID for an agency
 *   merged with itself, %LANKA_STORE_ERROR_NOT_FOUND if either agency no
 *   longer exists or is in the trash
 */
gboolean
lanka_directory_merge_agencies (LankaDatabase  *database,
                                LankaAgency    *kept,
                                const char     *merged_uuid,
                                GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_AGENCY (kept), FALSE);
  g_return_val_if_fail (lanka_agency_get_uuid (kept) != NULL, FALSE);
  g_return_val_if_fail (merged_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database,
                                         merge_agencies (database, kept, merged_uuid, error),
                                         error);
}
