/* lanka-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-directory"

#include "config.h"

#include "lanka-directory-private.h"
#include "lanka-agency-private.h"
#include "lanka-database-private.h"
#include "lanka-store-error.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <string.h>

/* Every public write runs in a savepoint: on its own it is one
 * transaction, and inside the seed's transaction it nests.
 *
 * The search index (agency_fts, contentless FTS5, rowid = agency.id) is
 * kept in step here rather than by triggers: one row gathers the agency,
 * its labels in two languages, its contact persons and the several forms
 * of every phone number, which triggers cannot build.  Every write that
 * touches an agency or its contact persons ends with index_agency().
 */

#define HISTORY_TABLE_CONTACT "agency_contact"

/* bm25 weights per column: name, unit, kind, limits, notes, people, channels.
 * A hit in the name matters most; a word in the notes least.
 */
#define SEARCH_RANK "bm25(agency_fts, 10.0, 5.0, 3.0, 1.0, 1.0, 4.0, 2.0)"

/* bm25 costs about 30 µs a matching row (10 000 agencies, 50 000 contact
 * persons), so a keystroke that matches thousands ("s", "070") would take
 * hundreds of milliseconds to rank.  Such a broad query has no meaningful
 * order anyway: above this many matches the list is by name, which costs
 * a few milliseconds.
 */
#define RANK_LIMIT 500

#define FILTER_SQL \
  " AND (?2 IS NULL OR a.type = ?2)" \
  " AND (?3 IS NULL OR a.national = 1 OR EXISTS" \
  "      (SELECT 1 FROM agency_county c WHERE c.agency = a.id AND c.county = ?3))" \
  " AND (?4 IS NULL OR EXISTS" \
  "      (SELECT 1 FROM agency_helps h WHERE h.agency = a.id AND h.code = ?4))" \
  " AND (?5 = 0 OR a.nmt = 1)"

static gboolean
savepoint_begin (LankaDatabase  *database,
                 GError        **error)
{
  return _lanka_database_exec (database, "SAVEPOINT directory", error);
}

static gboolean
savepoint_end (LankaDatabase  *database,
               gboolean        ok,
               GError        **error)
{
  if (ok)
    {
      if (_lanka_database_exec (database, "RELEASE directory", error))
        return TRUE;
    }

  /* Rolling back to a savepoint keeps it open; releasing it afterwards
   * ends the transaction it may have started.
   */
  if (!_lanka_database_exec (database, "ROLLBACK TO directory", NULL) ||
      !_lanka_database_exec (database, "RELEASE directory", NULL))
    lanka_database_rollback (database);

  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value != NULL && value[0] != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static gboolean
finish_rows (LankaDatabase  *database,
             sqlite3_stmt   *stmt,
             int             rc,
             GError        **error)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The one-column text results of @sql for the row @id, as a list. */
static gboolean
read_strings (LankaDatabase  *database,
              const char     *sql,
              gint64          id,
              GStrv          *strings,
              GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (!finish_rows (database, stmt, rc, error))
    return FALSE;

  *strings = g_strv_builder_end (builder);

  return TRUE;
}

static gboolean
lookup_id (LankaDatabase  *database,
           const char     *sql,
           const char     *uuid,
           gint64         *id,
           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;

  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE;

  return finish_rows (database, stmt, rc, error);
}

static gboolean
agency_id (LankaDatabase  *database,
           const char     *uuid,
           gint64         *id,
           GError        **error)
{
  if (!lookup_id (database, "SELECT id FROM agency WHERE uuid = ?1", uuid, id, error))
    return FALSE;

  if (*id == 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The agency no longer exists."));
      return FALSE;
    }

  return TRUE;
}

/* The forms a phone number is found by: as written, digits only, the
 * international form without its plus, and the national number without
 * the trunk 0.  "020-39 00 00" is then found by "0203900", "2039" and
 * "+46203900".
 */
static void
append_phone_words (GString    *text,
                    const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *normalized = NULL;

  g_string_append_printf (text, "%s ", phone);

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  g_string_append_printf (text, "%s ", digits->str);

  if ((normalized = lanka_phone_normalize (phone, NULL)) && normalized[0] == '+')
    {
      g_string_append_printf (text, "%s ", normalized + 1);
      if (g_str_has_prefix (normalized, "+46"))
        g_string_append_printf (text, "%s ", normalized + 3);
    }
}

static void
append_term (GString         *text,
             LankaVocabulary  vocabulary,
             const char      *code)
{
  const char *source = lanka_vocabulary_get_source_label (vocabulary, code);
  const char *label = lanka_vocabulary_get_label (vocabulary, code);

  g_string_append_printf (text, "%s ", code);

  /* Both languages: a caseworker may search in either, whatever the
   * language the index was built in.
   */
  if (source != NULL)
    g_string_append_printf (text, "%s ", source);
  if (label != NULL && g_strcmp0 (label, source) != 0)
    g_string_append_printf (text, "%s ", label);
}

static gboolean
append_rows (LankaDatabase  *database,
             const char     *sql,
             gint64          id,
             GString        *text,
             GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n_columns = sqlite3_column_count (stmt);

      for (int i = 0; i < n_columns; i++)
        if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
          g_string_append_printf (text, "%s ", (const char *)sqlite3_column_text (stmt, i));
    }

  return finish_rows (database, stmt, rc, error);
}

static gboolean
append_channels (LankaDatabase  *database,
                 const char     *sql,
                 gint64          id,
                 GString        *text,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *)sqlite3_column_text (stmt, 0);
      const char *value = (const char *)sqlite3_column_text (stmt, 1);

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_string_append_printf (text, "%s ", (const char *)sqlite3_column_text (stmt, 2));

      if (g_strcmp0 (kind, "phone") == 0)
        append_phone_words (text, value);
      else
        g_string_append_printf (text, "%s ", value);
    }

  return finish_rows (database, stmt, rc, error);
}

static gboolean
index_agency (LankaDatabase  *database,
              gint64          id,
              GError        **error)
{
  g_autoptr(GString) kind = g_string_new (NULL);
  g_autoptr(GString) people = g_string_new (NULL);
  g_autoptr(GString) channels = g_string_new (NULL);
  g_auto(GStrv) counties = NULL;
  g_auto(GStrv) support = NULL;
  g_auto(GStrv) exploitation = NULL;
  g_auto(GStrv) accepts = NULL;
  g_autofree char *name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *type = NULL;
  g_autofree char *limits = NULL;
  g_autofree char *notes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT name, unit, type, limits, notes "
                                        "FROM agency WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      name = column_dup (stmt, 0);
      unit = column_dup (stmt, 1);
      type = column_dup (stmt, 2);
      limits = column_dup (stmt, 3);
      notes = column_dup (stmt, 4);
      rc = SQLITE_DONE;
    }

  if (!finish_rows (database, stmt, rc, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM agency_fts WHERE rowid = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  /* A deleted agency leaves nothing to index. */
  if (name == NULL)
    return TRUE;

  append_term (kind, LANKA_VOCABULARY_AGENCY_TYPE, type);

  if (!read_strings (database, "SELECT county FROM agency_county WHERE agency = ?1",
                     id, &counties, error) ||
      !read_strings (database,
                     "SELECT code FROM agency_helps WHERE agency = ?1 AND kind = 'support'",
                     id, &support, error) ||
      !read_strings (database,
                     "SELECT code FROM agency_helps WHERE agency = ?1 AND kind = 'exploitation'",
                     id, &exploitation, error) ||
      !read_strings (database, "SELECT code FROM agency_accepts WHERE agency = ?1",
                     id, &accepts, error) ||
      !append_rows (database,
                    "SELECT code FROM agency_helps WHERE agency = ?1 AND kind = 'other' "
                    "UNION ALL SELECT language FROM agency_language WHERE agency = ?1",
                    id, kind, error))
    return FALSE;

  /* County names, not their numbers: "21" would answer searches for
   * phone numbers.
   */
  for (guint i = 0; counties[i] != NULL; i++)
    {
      const char *county = lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY, counties[i]);

      if (county != NULL)
        g_string_append_printf (kind, "%s ", county);
    }

  for (guint i = 0; support[i] != NULL; i++)
    append_term (kind, LANKA_VOCABULARY_SUPPORT_TYPE, support[i]);
  for (guint i = 0; exploitation[i] != NULL; i++)
    append_term (kind, LANKA_VOCABULARY_EXPLOITATION, exploitation[i]);
  for (guint i = 0; accepts[i] != NULL; i++)
    append_term (kind, LANKA_VOCABULARY_ACCEPTS, accepts[i]);

  if (!append_rows (database,
                    "SELECT name, role FROM agency_contact WHERE agency = ?1",
                    id, people, error) ||
      !append_channels (database,
                        "SELECT kind, value, label FROM agency_channel WHERE agency = ?1",
                        id, channels, error) ||
      !append_channels (database,
                        "SELECT cc.kind, cc.value, cc.label FROM agency_contact_channel cc "
                        "JOIN agency_contact c ON c.id = cc.contact WHERE c.agency = ?1",
                        id, channels, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO agency_fts "
                                        "(rowid, name, unit, kind, limits, notes, people, channels) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, unit);
  bind_text (stmt, 4, kind->str);
  bind_text (stmt, 5, limits);
  bind_text (stmt, 6, notes);
  bind_text (stmt, 7, people->str);
  bind_text (stmt, 8, channels->str);

  return _lanka_database_step_done (database, stmt, error);
}

/* The form duplicate checks compare: +46… for phones, lower case for
 * e-mail and web addresses.  Also refuses values that cannot be right.
 */
static gboolean
normalize_channel (const LankaChannel  *channel,
                   char               **normalized,
                   GError             **error)
{
  *normalized = NULL;

  switch (channel->kind)
    {
    case LANKA_CHANNEL_PHONE:
      *normalized = lanka_phone_normalize (channel->value, error);
      return *normalized != NULL;

    case LANKA_CHANNEL_EMAIL:
      if (!lanka_email_validate (channel->value, error))
        return FALSE;
      *normalized = g_utf8_strdown (channel->value, -1);
      return TRUE;

    case LANKA_CHANNEL_WEB:
      if (!lanka_web_address_validate (channel->value, error))
        return FALSE;
      *normalized = g_utf8_strdown (channel->value, -1);
      return TRUE;

    case LANKA_CHANNEL_ADDRESS:
    default:
      return TRUE;
    }
}

static gboolean
validate_agency (LankaAgency  *agency,
                 GError      **error)
{
  const char * const *counties = lanka_agency_get_counties (agency);
  const char *number = lanka_agency_get_organisation_number (agency);

  if (lanka_agency_get_name (agency) == NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("An agency needs a name."));
      return FALSE;
    }

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_AGENCY_TYPE,
                                  lanka_agency_get_agency_type (agency)))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("Choose what type of agency this is."));
      return FALSE;
    }

  for (guint i = 0; counties != NULL && counties[i] != NULL; i++)
    if (!lanka_vocabulary_contains (LANKA_VOCABULARY_COUNTY, counties[i]))
      {
        g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                             _("One of the counties is not a Swedish county."));
        return FALSE;
      }

  if (number != NULL && !lanka_organisation_number_validate (number, error))
    return FALSE;

  return TRUE;
}

static gboolean
insert_codes (LankaDatabase       *database,
              const char          *sql,
              gint64               id,
              const char          *kind,
              const char * const  *codes,
              GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = _lanka_database_prepare (database, sql, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, codes[i], -1, SQLITE_TRANSIENT);
      if (kind != NULL)
        sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_channels (LankaDatabase  *database,
                 const char     *sql,
                 gint64          owner,
                 GPtrArray      *channels,
                 GError        **error)
{
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);
      g_autofree char *normalized = NULL;
      sqlite3_stmt *stmt;

      if (!normalize_channel (channel, &normalized, error))
        return FALSE;

      if (!(stmt = _lanka_database_prepare (database, sql, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, owner);
      sqlite3_bind_text (stmt, 2, lanka_channel_kind_to_string (channel->kind), -1, SQLITE_STATIC);
      bind_text (stmt, 3, channel->label);
      sqlite3_bind_text (stmt, 4, channel->value, -1, SQLITE_TRANSIENT);
      bind_text (stmt, 5, normalized);
      sqlite3_bind_int (stmt, 6, i);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
delete_children (LankaDatabase  *database,
                 gint64          id,
                 GError        **error)
{
  static const char * const statements[] = {
    "DELETE FROM agency_county WHERE agency = ?1",
    "DELETE FROM agency_helps WHERE agency = ?1",
    "DELETE FROM agency_accepts WHERE agency = ?1",
    "DELETE FROM agency_language WHERE agency = ?1",
    "DELETE FROM agency_channel WHERE agency = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = _lanka_database_prepare (database, statements[i], error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _lanka_directory_write_agency:
 * @database: an open #LankaDatabase inside a transaction
 * @agency: the agency; without a uuid it is inserted and gets one
 * @seed_key: (nullable): the seed's key, for an agency the seed inserts
 * @seed_hash: (nullable): the hash of the seed values written, or %NULL to
 *   leave the stored hash as it is (an edit by the person)
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_directory_write_agency (LankaDatabase  *database,
                               LankaAgency    *agency,
                               const char     *seed_key,
                               const char     *seed_hash,
                               GError        **error)
{
  g_autofree char *new_uuid = NULL;
  const char *uuid = lanka_agency_get_uuid (agency);
  gint64 now = g_get_real_time ();
  gint64 created = lanka_agency_get_created (agency);
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_AGENCY (agency), FALSE);

  if (!validate_agency (agency, error))
    return FALSE;

  if (uuid == NULL)
    {
      uuid = new_uuid = g_uuid_string_random ();
      created = now;

      if (!(stmt = _lanka_database_prepare (database,
                                            "INSERT INTO agency (uuid, name, unit, type, national, "
                                            "nmt, organisation_number, opening_hours, out_of_hours, "
                                            "limits, notes, verified_on, source, seed_key, "
                                            "seed_hash, created, modified) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                            "?12, ?13, ?14, ?15, ?16, ?16)",
                                            error)))
        return FALSE;

      bind_text (stmt, 14, seed_key);
    }
  else
    {
      if (!agency_id (database, uuid, &id, error))
        return FALSE;

      if (!(stmt = _lanka_database_prepare (database,
                                            "UPDATE agency SET name = ?2, unit = ?3, type = ?4, "
                                            "national = ?5, nmt = ?6, organisation_number = ?7, "
                                            "opening_hours = ?8, out_of_hours = ?9, limits = ?10, "
                                            "notes = ?11, verified_on = ?12, source = ?13, "
                                            "seed_hash = coalesce (?15, seed_hash), "
                                            "modified = ?16 WHERE uuid = ?1",
                                            error)))
        return FALSE;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 2, lanka_agency_get_name (agency));
  bind_text (stmt, 3, lanka_agency_get_unit (agency));
  bind_text (stmt, 4, lanka_agency_get_agency_type (agency));
  sqlite3_bind_int (stmt, 5, lanka_agency_get_national (agency));
  sqlite3_bind_int (stmt, 6, lanka_agency_get_nmt (agency));
  bind_text (stmt, 7, lanka_agency_get_organisation_number (agency));
  bind_text (stmt, 8, lanka_agency_get_opening_hours (agency));
  bind_text (stmt, 9, lanka_agency_get_out_of_hours (agency));
  bind_text (stmt, 10, lanka_agency_get_limits (agency));
  bind_text (stmt, 11, lanka_agency_get_notes (agency));
  bind_text (stmt, 12, lanka_agency_get_verified_on (agency));
  bind_text (stmt, 13, lanka_agency_get_source (agency));
  bind_text (stmt, 15, seed_hash);
  sqlite3_bind_int64 (stmt, 16, now);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  if (new_uuid != NULL)
    id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));
  else if (!delete_children (database, id, error))
    return FALSE;

  if (!insert_codes (database, "INSERT INTO agency_county (agency, county) VALUES (?1, ?2)",
                     id, NULL, lanka_agency_get_counties (agency), error) ||
      !insert_codes (database, "INSERT INTO agency_helps (agency, code, kind) VALUES (?1, ?2, ?3)",
                     id, "support", lanka_agency_get_support (agency), error) ||
      !insert_codes (database, "INSERT INTO agency_helps (agency, code, kind) VALUES (?1, ?2, ?3)",
                     id, "exploitation", lanka_agency_get_exploitation (agency), error) ||
      !insert_codes (database, "INSERT INTO agency_helps (agency, code, kind) VALUES (?1, ?2, ?3)",
                     id, "other", lanka_agency_get_other_helps (agency), error) ||
      !insert_codes (database, "INSERT INTO agency_accepts (agency, code) VALUES (?1, ?2)",
                     id, NULL, lanka_agency_get_accepts (agency), error) ||
      !insert_codes (database, "INSERT INTO agency_language (agency, language) VALUES (?1, ?2)",
                     id, NULL, lanka_agency_get_languages (agency), error) ||
      !insert_channels (database,
                        "INSERT INTO agency_channel "
                        "(agency, kind, label, value, normalized, position) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        id, lanka_agency_get_channels (agency), error) ||
      !index_agency (database, id, error))
    return FALSE;

  _lanka_agency_set_identity (agency, uuid, created, now);

  return TRUE;
}

/**
 * _lanka_directory_find_seed:
 * @database: an open #LankaDatabase
 * @seed_key: the seed's key of an agency
 * @uuid: (out): the agency's uuid, or %NULL if no agency has @seed_key
 * @seed_hash: (out): the hash the seed last stored, or %NULL
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success, also when nothing was found
 */
gboolean
_lanka_directory_find_seed (LankaDatabase  *database,
                            const char     *seed_key,
                            char          **uuid,
                            char          **seed_hash,
                            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (seed_key != NULL, FALSE);

  *uuid = NULL;
  *seed_hash = NULL;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT uuid, seed_hash FROM agency WHERE seed_key = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, seed_key, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *uuid = column_dup (stmt, 0);
      *seed_hash = column_dup (stmt, 1);
      rc = SQLITE_DONE;
    }

  return finish_rows (database, stmt, rc, error);
}

/**
 * lanka_directory_add_agency:
 * @database: an open #LankaDatabase
 * @agency: a new agency, without a uuid
 * @error: a location for a #GError
 *
 * Saves @agency with everything it holds and gives it its uuid and
 * times.  Fails with %LANKA_STORE_ERROR_INVALID, and a sentence to show
 * beside the field, when a value cannot be right.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_add_agency (LankaDatabase  *database,
                            LankaAgency    *agency,
                            GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_AGENCY (agency), FALSE);
  g_return_val_if_fail (lanka_agency_get_uuid (agency) == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!savepoint_begin (database, error))
    return FALSE;

  return savepoint_end (database,
                        _lanka_directory_write_agency (database, agency, NULL, NULL, error),
                        error);
}

/**
 * lanka_directory_update_agency:
 * @database: an open #LankaDatabase
 * @agency: a saved agency
 * @error: a location for a #GError
 *
 * Replaces the stored agency (not its contact persons) with @agency.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_update_agency (LankaDatabase  *database,
                               LankaAgency    *agency,
                               GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_AGENCY (agency), FALSE);
  g_return_val_if_fail (lanka_agency_get_uuid (agency) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!savepoint_begin (database, error))
    return FALSE;

  return savepoint_end (database,
                        _lanka_directory_write_agency (database, agency, NULL, NULL, error),
                        error);
}

/**
 * lanka_directory_delete_agency:
 * @database: an open #LankaDatabase
 * @uuid: the agency's uuid
 * @error: a location for a #GError
 *
 * Deletes the agency, its contact persons and their change history.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_delete_agency (LankaDatabase  *database,
                               const char     *uuid,
                               GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!savepoint_begin (database, error))
    return FALSE;

  ok = agency_id (database, uuid, &id, error) &&
       (stmt = _lanka_database_prepare (database, "DELETE FROM agency WHERE id = ?1", error));

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _lanka_database_step_done (database, stmt, error) && index_agency (database, id, error);
    }

  return savepoint_end (database, ok, error);
}

static gboolean
read_channels (LankaDatabase  *database,
               const char     *sql,
               gint64          owner,
               GPtrArray      *channels,
               GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, owner);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LankaChannelKind kind;

      if (!lanka_channel_kind_from_string ((const char *)sqlite3_column_text (stmt, 0), &kind))
        continue;

      g_ptr_array_add (channels,
                       lanka_channel_new (kind,
                                          (const char *)sqlite3_column_text (stmt, 1),
                                          (const char *)sqlite3_column_text (stmt, 2)));
    }

  return finish_rows (database, stmt, rc, error);
}

/**
 * lanka_directory_get_agency:
 * @database: an open #LankaDatabase
 * @uuid: the agency's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the agency, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND
 */
LankaAgency *
lanka_directory_get_agency (LankaDatabase  *database,
                            const char     *uuid,
                            GError        **error)
{
  g_autoptr(LankaAgency) agency = NULL;
  g_auto(GStrv) counties = NULL;
  g_auto(GStrv) support = NULL;
  g_auto(GStrv) exploitation = NULL;
  g_auto(GStrv) other = NULL;
  g_auto(GStrv) accepts = NULL;
  g_auto(GStrv) languages = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id, name, unit, type, national, nmt, "
                                        "organisation_number, opening_hours, out_of_hours, "
                                        "limits, notes, verified_on, source, created, modified "
                                        "FROM agency WHERE uuid = ?1",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      agency = g_object_new (LANKA_TYPE_AGENCY,
                             "name", sqlite3_column_text (stmt, 1),
                             "unit", sqlite3_column_text (stmt, 2),
                             "agency-type", sqlite3_column_text (stmt, 3),
                             "national", sqlite3_column_int (stmt, 4) != 0,
                             "nmt", sqlite3_column_int (stmt, 5) != 0,
                             "organisation-number", sqlite3_column_text (stmt, 6),
                             "opening-hours", sqlite3_column_text (stmt, 7),
                             "out-of-hours", sqlite3_column_text (stmt, 8),
                             "limits", sqlite3_column_text (stmt, 9),
                             "notes", sqlite3_column_text (stmt, 10),
                             "verified-on", sqlite3_column_text (stmt, 11),
                             "source", sqlite3_column_text (stmt, 12),
                             NULL);
      id = sqlite3_column_int64 (stmt, 0);
      _lanka_agency_set_identity (agency, uuid,
                                  sqlite3_column_int64 (stmt, 13),
                                  sqlite3_column_int64 (stmt, 14));
      rc = SQLITE_DONE;
    }

  if (!finish_rows (database, stmt, rc, error))
    return NULL;

  if (agency == NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The agency no longer exists."));
      return NULL;
    }

  if (!read_strings (database, "SELECT county FROM agency_county WHERE agency = ?1",
                     id, &counties, error) ||
      !read_strings (database,
                     "SELECT code FROM agency_helps WHERE agency = ?1 AND kind = 'support'",
                     id, &support, error) ||
      !read_strings (database,
                     "SELECT code FROM agency_helps WHERE agency = ?1 AND kind = 'exploitation'",
                     id, &exploitation, error) ||
      !read_strings (database,
                     "SELECT code FROM agency_helps WHERE agency = ?1 AND kind = 'other'",
                     id, &other, error) ||
      !read_strings (database, "SELECT code FROM agency_accepts WHERE agency = ?1",
                     id, &accepts, error) ||
      !read_strings (database, "SELECT language FROM agency_language WHERE agency = ?1",
                     id, &languages, error) ||
      !read_channels (database,
                      "SELECT kind, label, value FROM agency_channel "
                      "WHERE agency = ?1 ORDER BY position",
                      id, lanka_agency_get_channels (agency), error))
    return NULL;

  lanka_agency_set_counties (agency, (const char * const *)counties);
  lanka_agency_set_support (agency, (const char * const *)support);
  lanka_agency_set_exploitation (agency, (const char * const *)exploitation);
  lanka_agency_set_other_helps (agency, (const char * const *)other);
  lanka_agency_set_accepts (agency, (const char * const *)accepts);
  lanka_agency_set_languages (agency, (const char * const *)languages);

  return g_steal_pointer (&agency);
}

/* The contact's phones or e-mail addresses, one a line: how the change
 * history shows a list.
 */
static char *
join_channels (LankaAgencyContact *contact,
               LankaChannelKind    kind)
{
  GPtrArray *channels = lanka_agency_contact_get_channels (contact);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind != kind)
        continue;

      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      if (channel->label != NULL)
        g_string_append_printf (joined, "%s: ", channel->label);
      g_string_append (joined, channel->value);
    }

  if (joined->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static gboolean
write_history (LankaDatabase  *database,
               const char     *uuid,
               const char     *field,
               const char     *old_value,
               const char     *new_value,
               gint64          now,
               GError        **error)
{
  sqlite3_stmt *stmt;

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO record_history (time, user, table_name, "
                                        "record_uuid, field, old_value, new_value) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, HISTORY_TABLE_CONTACT, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, field, -1, SQLITE_STATIC);
  bind_text (stmt, 6, old_value);
  bind_text (stmt, 7, new_value);

  return _lanka_database_step_done (database, stmt, error);
}

/* One history row per field that differs between @before (NULL for a new
 * contact) and @after.
 */
static gboolean
write_contact_history (LankaDatabase       *database,
                       const char          *uuid,
                       LankaAgencyContact  *before,
                       LankaAgencyContact  *after,
                       gint64               now,
                       GError             **error)
{
  g_autofree char *old_phones = before ? join_channels (before, LANKA_CHANNEL_PHONE) : NULL;
  g_autofree char *new_phones = join_channels (after, LANKA_CHANNEL_PHONE);
  g_autofree char *old_emails = before ? join_channels (before, LANKA_CHANNEL_EMAIL) : NULL;
  g_autofree char *new_emails = join_channels (after, LANKA_CHANNEL_EMAIL);

  return write_history (database, uuid, "name",
                        before ? lanka_agency_contact_get_name (before) : NULL,
                        lanka_agency_contact_get_name (after), now, error) &&
         write_history (database, uuid, "role",
                        before ? lanka_agency_contact_get_role (before) : NULL,
                        lanka_agency_contact_get_role (after), now, error) &&
         write_history (database, uuid, "notes",
                        before ? lanka_agency_contact_get_notes (before) : NULL,
                        lanka_agency_contact_get_notes (after), now, error) &&
         write_history (database, uuid, "phones", old_phones, new_phones, now, error) &&
         write_history (database, uuid, "emails", old_emails, new_emails, now, error);
}

static gboolean
write_contact_channels (LankaDatabase       *database,
                        gint64               contact_id,
                        LankaAgencyContact  *contact,
                        GError             **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "DELETE FROM agency_contact_channel WHERE contact = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, contact_id);

  return _lanka_database_step_done (database, stmt, error) &&
         insert_channels (database,
                          "INSERT INTO agency_contact_channel "
                          "(contact, kind, label, value, normalized, position) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          contact_id, lanka_agency_contact_get_channels (contact), error);
}

static gboolean
validate_contact (LankaAgencyContact  *contact,
                  GError             **error)
{
  if (lanka_agency_contact_get_name (contact) == NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("A contact person needs a name."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_contact (LankaDatabase       *database,
             const char          *agency_uuid,
             LankaAgencyContact  *contact,
             GError             **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 now = g_get_real_time ();
  sqlite3_stmt *stmt;
  gint64 agency;
  gint64 id;

  if (!validate_contact (contact, error) || !agency_id (database, agency_uuid, &agency, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO agency_contact "
                                        "(uuid, agency, name, role, notes, created, modified) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, agency);
  bind_text (stmt, 3, lanka_agency_contact_get_name (contact));
  bind_text (stmt, 4, lanka_agency_contact_get_role (contact));
  bind_text (stmt, 5, lanka_agency_contact_get_notes (contact));
  sqlite3_bind_int64 (stmt, 6, now);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

  if (!write_contact_channels (database, id, contact, error) ||
      !write_contact_history (database, uuid, NULL, contact, now, error) ||
      !index_agency (database, agency, error))
    return FALSE;

  _lanka_agency_contact_set_identity (contact, uuid, agency_uuid, now, now);

  return TRUE;
}

/**
 * lanka_directory_add_contact:
 * @database: an open #LankaDatabase
 * @agency_uuid: the agency the person works at
 * @contact: a new contact person, without a uuid
 * @error: a location for a #GError
 *
 * Saves @contact and records its first values in the change history.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_add_contact (LankaDatabase       *database,
                             const char          *agency_uuid,
                             LankaAgencyContact  *contact,
                             GError             **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (agency_uuid != NULL, FALSE);
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (contact), FALSE);
  g_return_val_if_fail (lanka_agency_contact_get_uuid (contact) == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!savepoint_begin (database, error))
    return FALSE;

  return savepoint_end (database, add_contact (database, agency_uuid, contact, error), error);
}

static LankaAgencyContact *
contact_from_row (LankaDatabase  *database,
                  sqlite3_stmt   *stmt,
                  gint64         *id)
{
  LankaAgencyContact *contact;

  /* Columns: id, uuid, agency uuid, name, role, notes, created, modified,
   * agency id.
   */
  contact = g_object_new (LANKA_TYPE_AGENCY_CONTACT,
                          "name", sqlite3_column_text (stmt, 3),
                          "role", sqlite3_column_text (stmt, 4),
                          "notes", sqlite3_column_text (stmt, 5),
                          NULL);
  _lanka_agency_contact_set_identity (contact,
                                      (const char *)sqlite3_column_text (stmt, 1),
                                      (const char *)sqlite3_column_text (stmt, 2),
                                      sqlite3_column_int64 (stmt, 6),
                                      sqlite3_column_int64 (stmt, 7));
  *id = sqlite3_column_int64 (stmt, 0);

  return contact;
}

#define CONTACT_COLUMNS \
  "SELECT c.id, c.uuid, a.uuid, c.name, c.role, c.notes, c.created, c.modified, c.agency " \
  "FROM agency_contact c JOIN agency a ON a.id = c.agency "

static gboolean
read_contact_channels (LankaDatabase       *database,
                       gint64               id,
                       LankaAgencyContact  *contact,
                       GError             **error)
{
  return read_channels (database,
                        "SELECT kind, label, value FROM agency_contact_channel "
                        "WHERE contact = ?1 ORDER BY position",
                        id, lanka_agency_contact_get_channels (contact), error);
}

static LankaAgencyContact *
get_contact (LankaDatabase  *database,
             const char     *uuid,
             gint64         *id,
             gint64         *agency,
             GError        **error)
{
  g_autoptr(LankaAgencyContact) contact = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        CONTACT_COLUMNS "WHERE c.uuid = ?1",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      contact = contact_from_row (database, stmt, id);
      *agency = sqlite3_column_int64 (stmt, 8);
      rc = SQLITE_DONE;
    }

  if (!finish_rows (database, stmt, rc, error))
    return NULL;

  if (contact == NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The contact person no longer exists."));
      return NULL;
    }

  if (!read_contact_channels (database, *id, contact, error))
    return NULL;

  return g_steal_pointer (&contact);
}

static gboolean
update_contact (LankaDatabase       *database,
                LankaAgencyContact  *contact,
                GError             **error)
{
  g_autoptr(LankaAgencyContact) before = NULL;
  const char *uuid = lanka_agency_contact_get_uuid (contact);
  gint64 now = g_get_real_time ();
  sqlite3_stmt *stmt;
  gint64 agency;
  gint64 id;

  if (!validate_contact (contact, error) ||
      !(before = get_contact (database, uuid, &id, &agency, error)))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE agency_contact SET name = ?2, role = ?3, "
                                        "notes = ?4, modified = ?5 WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, lanka_agency_contact_get_name (contact));
  bind_text (stmt, 3, lanka_agency_contact_get_role (contact));
  bind_text (stmt, 4, lanka_agency_contact_get_notes (contact));
  sqlite3_bind_int64 (stmt, 5, now);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !write_contact_channels (database, id, contact, error) ||
      !write_contact_history (database, uuid, before, contact, now, error) ||
      !index_agency (database, agency, error))
    return FALSE;

  _lanka_agency_contact_set_identity (contact, uuid,
                                      lanka_agency_contact_get_agency_uuid (before),
                                      lanka_agency_contact_get_created (before),
                                      now);

  return TRUE;
}

/**
 * lanka_directory_update_contact:
 * @database: an open #LankaDatabase
 * @contact: a saved contact person
 * @error: a location for a #GError
 *
 * Saves @contact and writes one change-history row, old and new value,
 * for every field that changed, all in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_update_contact (LankaDatabase       *database,
                                LankaAgencyContact  *contact,
                                GError             **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (contact), FALSE);
  g_return_val_if_fail (lanka_agency_contact_get_uuid (contact) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!savepoint_begin (database, error))
    return FALSE;

  return savepoint_end (database, update_contact (database, contact, error), error);
}

/**
 * lanka_directory_delete_contact:
 * @database: an open #LankaDatabase
 * @uuid: the contact person's uuid
 * @error: a location for a #GError
 *
 * Deletes the contact person and their change history.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_delete_contact (LankaDatabase  *database,
                                const char     *uuid,
                                GError        **error)
{
  g_autoptr(LankaAgencyContact) contact = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 agency = 0;
  gint64 id = 0;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!savepoint_begin (database, error))
    return FALSE;

  ok = (contact = get_contact (database, uuid, &id, &agency, error)) &&
       (stmt = _lanka_database_prepare (database, "DELETE FROM agency_contact WHERE id = ?1",
                                        error));

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _lanka_database_step_done (database, stmt, error) &&
           index_agency (database, agency, error);
    }

  return savepoint_end (database, ok, error);
}

/**
 * lanka_directory_list_contacts:
 * @database: an open #LankaDatabase
 * @agency_uuid: the agency
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LankaAgencyContact) (nullable):
 *   the agency's contact persons by name, or %NULL on error
 */
GPtrArray *
lanka_directory_list_contacts (LankaDatabase  *database,
                               const char     *agency_uuid,
                               GError        **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (agency_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _lanka_database_prepare (database,
                                        CONTACT_COLUMNS "WHERE a.uuid = ?1 ORDER BY c.name, c.id",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, agency_uuid, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id;

      g_ptr_array_add (contacts, contact_from_row (database, stmt, &id));
      g_array_append_val (ids, id);
    }

  if (!finish_rows (database, stmt, rc, error))
    return NULL;

  /* The channels come afterwards: the statement above must be done
   * before another one runs on the same cache entry.
   */
  for (guint i = 0; i < contacts->len; i++)
    if (!read_contact_channels (database, g_array_index (ids, gint64, i),
                                g_ptr_array_index (contacts, i), error))
      return NULL;

  return g_steal_pointer (&contacts);
}

/* Turns what a person typed into an FTS5 query, every word a prefix:
 * "männ läns" → "männ"* "läns"*.  Only letters and digits reach the query,
 * so no input can be FTS5 syntax.  A query of only digits and the
 * characters phone numbers are written with becomes one digit string, so
 * "020-39 00" finds 020-39 00 00.
 */
static char *
build_match (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  gboolean phone = TRUE;
  gboolean digits = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (strchr (" +-()./", *p) == NULL)
        phone = FALSE;
    }

  if (phone && digits)
    {
      g_string_append_c (match, '"');
      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (match, *p);
      g_string_append (match, "\"*");

      return g_string_free (g_steal_pointer (&match), FALSE);
    }

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

static void
bind_filter (sqlite3_stmt               *stmt,
             const char                 *match,
             const LankaDirectoryFilter *filter)
{
  static const LankaDirectoryFilter no_filter = { NULL };

  if (filter == NULL)
    filter = &no_filter;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 2, filter->agency_type);
  bind_text (stmt, 3, filter->county);
  bind_text (stmt, 4, filter->helps);
  sqlite3_bind_int (stmt, 5, filter->nmt_only);
}

/* Whether @match finds at most @limit agencies; stops counting there. */
static gboolean
count_at_most (LankaDatabase               *database,
               const char                  *match,
               const LankaDirectoryFilter  *filter,
               guint                        limit,
               gboolean                    *at_most,
               GError                     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT count(*) FROM (SELECT 1 FROM agency_fts "
                                        "JOIN agency a ON a.id = agency_fts.rowid "
                                        "WHERE agency_fts MATCH ?1" FILTER_SQL " LIMIT ?6)",
                                        error)))
    return FALSE;

  bind_filter (stmt, match, filter);
  sqlite3_bind_int64 (stmt, 6, (gint64)limit + 1);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *at_most = sqlite3_column_int64 (stmt, 0) <= limit;
      rc = SQLITE_DONE;
    }

  return finish_rows (database, stmt, rc, error);
}

static gboolean
text_is_valid (const char  *text,
               GError     **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The search text contains characters that cannot be read."));
      return FALSE;
    }

  return TRUE;
}

/**
 * lanka_directory_search:
 * @database: an open #LankaDatabase
 * @text: (nullable): what the person typed; every word is a prefix
 * @filter: (nullable): what to narrow the list to
 * @limit: the most uuids to return, 0 for all
 * @offset: how many to skip
 * @error: a location for a #GError
 *
 * Searches every field of the directory: names, units, types and what
 * the agencies help with (in English and the current language), counties,
 * limits, notes, contact persons and every form of every phone number.
 * With text, the best matches come first (bm25) as long as there are few
 * enough to rank quickly; otherwise, and without text, the list is by name.
 *
 * Returns: (transfer full) (nullable): the uuids of the agencies found,
 *   or %NULL on error
 */
GStrv
lanka_directory_search (LankaDatabase               *database,
                        const char                  *text,
                        const LankaDirectoryFilter  *filter,
                        guint                        limit,
                        guint                        offset,
                        GError                     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  gboolean few = FALSE;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!text_is_valid (text, error))
    return NULL;

  if (text != NULL)
    match = build_match (text);

  if (match != NULL && !count_at_most (database, match, filter, RANK_LIMIT, &few, error))
    return NULL;

  if (match != NULL && few)
    stmt = _lanka_database_prepare (database,
                                    "SELECT a.uuid FROM agency_fts "
                                    "JOIN agency a ON a.id = agency_fts.rowid "
                                    "WHERE agency_fts MATCH ?1" FILTER_SQL " "
                                    "ORDER BY " SEARCH_RANK ", a.name, a.id "
                                    "LIMIT ?6 OFFSET ?7",
                                    error);
  else if (match != NULL)
    stmt = _lanka_database_prepare (database,
                                    "SELECT a.uuid FROM agency_fts "
                                    "JOIN agency a ON a.id = agency_fts.rowid "
                                    "WHERE agency_fts MATCH ?1" FILTER_SQL " "
                                    "ORDER BY a.name, a.id LIMIT ?6 OFFSET ?7",
                                    error);
  else
    stmt = _lanka_database_prepare (database,
                                    "SELECT a.uuid FROM agency a WHERE 1" FILTER_SQL " "
                                    "ORDER BY a.name, a.id LIMIT ?6 OFFSET ?7",
                                    error);

  if (stmt == NULL)
    return NULL;

  bind_filter (stmt, match, filter);
  sqlite3_bind_int64 (stmt, 6, limit > 0 ? (gint64)limit : -1);
  sqlite3_bind_int64 (stmt, 7, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (!finish_rows (database, stmt, rc, error))
    return NULL;

  return g_strv_builder_end (builder);
}

/**
 * lanka_directory_count:
 * @database: an open #LankaDatabase
 * @text: (nullable): what the person typed
 * @filter: (nullable): what to narrow the list to
 * @count: (out): how many agencies lanka_directory_search() would find
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_count (LankaDatabase               *database,
                       const char                  *text,
                       const LankaDirectoryFilter  *filter,
                       guint                       *count,
                       GError                     **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *count = 0;

  if (!text_is_valid (text, error))
    return FALSE;

  if (text != NULL)
    match = build_match (text);

  if (match != NULL)
    stmt = _lanka_database_prepare (database,
                                    "SELECT count(*) FROM agency_fts "
                                    "JOIN agency a ON a.id = agency_fts.rowid "
                                    "WHERE agency_fts MATCH ?1" FILTER_SQL,
                                    error);
  else
    stmt = _lanka_database_prepare (database,
                                    "SELECT count(*) FROM agency a WHERE 1" FILTER_SQL,
                                    error);

  if (stmt == NULL)
    return FALSE;

  bind_filter (stmt, match, filter);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *count = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  return finish_rows (database, stmt, rc, error);
}

/**
 * lanka_directory_reindex:
 * @database: an open #LankaDatabase
 * @error: a location for a #GError
 *
 * Rebuilds the search index of every agency, for example after the
 * interface language changed (the index holds the labels of both).
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_reindex (LankaDatabase  *database,
                         GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!savepoint_begin (database, error))
    return FALSE;

  ok = (stmt = _lanka_database_prepare (database, "SELECT id FROM agency", error)) != NULL;

  if (ok)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }

      ok = finish_rows (database, stmt, rc, error);
    }

  for (guint i = 0; ok && i < ids->len; i++)
    ok = index_agency (database, g_array_index (ids, gint64, i), error);

  return savepoint_end (database, ok, error);
}
