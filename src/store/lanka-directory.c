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
#include "lanka-audit.h"
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
 * touches an agency or its contact persons ends with _lanka_directory_index_agency().
 */

#define HISTORY_TABLE_CONTACT "agency_contact"

/* Audit actions of the directory.  The object is the uuid, never a name:
 * the audit log outlives what it records.
 */

/* The order of every list of names: Swedish alphabetical order (the
 * collation lanka-database.c registers), then the order of creation, which
 * the indexes of names follow so that no list needs a sort of its own.
 */
#define AGENCY_ORDER  "a.name COLLATE swedish, a.id"
#define CONTACT_ORDER "c.name COLLATE swedish, c.id"

/* bm25 weights per column: name, unit, kind, limits, notes, people, channels.
 * A hit in the name matters most; a word in the notes least.
 */
#define SEARCH_RANK "bm25(agency_fts, 10.0, 5.0, 3.0, 1.0, 1.0, 4.0, 2.0)"

/* bm25 costs about 50 µs a matching row in a directory of 10 000
 * agencies and 50 000 contact persons: with memory security, FTS5's
 * allocations for a row's positions make up most of it.  A keystroke that
 * matches many ("s", "070") would take tens of milliseconds to rank, and
 * such a broad query has no meaningful order anyway: above this many
 * matches the list is by name.
 */
#define RANK_LIMIT 100

#define FILTER_SQL \
  " AND (?2 IS NULL OR a.type = ?2)" \
  " AND (?3 IS NULL OR a.national = 1 OR EXISTS" \
  "      (SELECT 1 FROM agency_county c WHERE c.agency = a.id AND c.county = ?3))" \
  " AND (?4 IS NULL OR EXISTS" \
  "      (SELECT 1 FROM agency_helps h WHERE h.agency = a.id AND h.code = ?4))" \
  " AND (?5 = 0 OR a.nmt = 1)" \
  " AND a.trashed IS NULL"

gboolean
_lanka_directory_savepoint_begin (LankaDatabase  *database,
                                  GError        **error)
{
  return _lanka_database_exec (database, "SAVEPOINT directory", error);
}

gboolean
_lanka_directory_savepoint_end (LankaDatabase  *database,
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

void
_lanka_directory_bind_text (sqlite3_stmt *stmt,
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

gboolean
_lanka_directory_finish_rows (LankaDatabase  *database,
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

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
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

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

gboolean
_lanka_directory_agency_id (LankaDatabase  *database,
                            const char     *uuid,
                            gint64         *id,
                            GError        **error)
{
  if (!lookup_id (database, "SELECT id FROM agency WHERE uuid = ?1 AND trashed IS NULL",
                  uuid, id, error))
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

  return _lanka_directory_finish_rows (database, stmt, rc, error);
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

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

gboolean
_lanka_directory_index_agency (LankaDatabase  *database,
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
                                        "FROM agency WHERE id = ?1 AND trashed IS NULL",
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

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM agency_fts WHERE rowid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  /* A deleted or trashed agency leaves nothing to index. */
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
  _lanka_directory_bind_text (stmt, 2, name);
  _lanka_directory_bind_text (stmt, 3, unit);
  _lanka_directory_bind_text (stmt, 4, kind->str);
  _lanka_directory_bind_text (stmt, 5, limits);
  _lanka_directory_bind_text (stmt, 6, notes);
  _lanka_directory_bind_text (stmt, 7, people->str);
  _lanka_directory_bind_text (stmt, 8, channels->str);

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
      _lanka_directory_bind_text (stmt, 3, channel->label);
      sqlite3_bind_text (stmt, 4, channel->value, -1, SQLITE_TRANSIENT);
      _lanka_directory_bind_text (stmt, 5, normalized);
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
  return _lanka_directory_write_agency_full (database, agency, seed_key, seed_hash, TRUE, error);
}

/**
 * _lanka_directory_write_agency_full:
 * @database: an open #LankaDatabase inside a transaction
 * @agency: the agency
 * @seed_key: (nullable): as for _lanka_directory_write_agency()
 * @seed_hash: (nullable): as for _lanka_directory_write_agency()
 * @index: whether to bring the search index up to date; an import leaves
 *   it to after the contact persons, so that each agency is indexed once
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_directory_write_agency_full (LankaDatabase  *database,
                                    LankaAgency    *agency,
                                    const char     *seed_key,
                                    const char     *seed_hash,
                                    gboolean        index,
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

      _lanka_directory_bind_text (stmt, 14, seed_key);
    }
  else
    {
      if (!_lanka_directory_agency_id (database, uuid, &id, error))
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
  _lanka_directory_bind_text (stmt, 2, lanka_agency_get_name (agency));
  _lanka_directory_bind_text (stmt, 3, lanka_agency_get_unit (agency));
  _lanka_directory_bind_text (stmt, 4, lanka_agency_get_agency_type (agency));
  sqlite3_bind_int (stmt, 5, lanka_agency_get_national (agency));
  sqlite3_bind_int (stmt, 6, lanka_agency_get_nmt (agency));
  _lanka_directory_bind_text (stmt, 7, lanka_agency_get_organisation_number (agency));
  _lanka_directory_bind_text (stmt, 8, lanka_agency_get_opening_hours (agency));
  _lanka_directory_bind_text (stmt, 9, lanka_agency_get_out_of_hours (agency));
  _lanka_directory_bind_text (stmt, 10, lanka_agency_get_limits (agency));
  _lanka_directory_bind_text (stmt, 11, lanka_agency_get_notes (agency));
  _lanka_directory_bind_text (stmt, 12, lanka_agency_get_verified_on (agency));
  _lanka_directory_bind_text (stmt, 13, lanka_agency_get_source (agency));
  _lanka_directory_bind_text (stmt, 15, seed_hash);
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
      (index && !_lanka_directory_index_agency (database, id, error)))
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

  return _lanka_directory_finish_rows (database, stmt, rc, error);
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

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database,
                                         _lanka_directory_write_agency (database, agency, NULL, NULL,
                                                                        error),
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

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database,
                                         _lanka_directory_write_agency (database, agency, NULL, NULL,
                                                                        error),
                                         error);
}

/**
 * lanka_directory_delete_agency:
 * @database: an open #LankaDatabase
 * @uuid: the agency's uuid
 * @error: a location for a #GError
 *
 * Deletes the agency, its contact persons and their change history for
 * good, also when it is in the trash.  A seed agency stays deleted: a
 * later seed does not add it again.  For a deletion the person can undo,
 * see lanka_directory_trash_agency().
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
  gint64 id = 0;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  ok = lookup_id (database, "SELECT id FROM agency WHERE uuid = ?1", uuid, &id, error);

  if (ok && id == 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The agency no longer exists."));
      ok = FALSE;
    }

  ok = ok && (stmt = _lanka_database_prepare (database, "DELETE FROM agency WHERE id = ?1",
                                              error));

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _lanka_database_step_done (database, stmt, error) &&
           _lanka_directory_index_agency (database, id, error) &&
           lanka_audit_log (database, LANKA_AUDIT_AGENCY_PURGE, uuid, NULL, error);
    }

  return _lanka_directory_savepoint_end (database, ok, error);
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

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

/* How many ids one statement takes: a page of the list.  Unused places
 * are bound to NULL, which no id equals.
 */
#define IDS_PER_STATEMENT 50
#define IN_IDS \
  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, " \
  "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, " \
  "?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50)"

/* Bound parameters rather than a JSON array: with memory security on,
 * every allocation SQLite makes costs a system call, and json_each()
 * makes one per element.
 */
static void
bind_ids (sqlite3_stmt *stmt,
          const gint64 *ids,
          guint         n_ids)
{
  g_assert (n_ids <= IDS_PER_STATEMENT);

  for (guint i = 0; i < IDS_PER_STATEMENT; i++)
    {
      if (i < n_ids)
        sqlite3_bind_int64 (stmt, i + 1, ids[i]);
      else
        sqlite3_bind_null (stmt, i + 1);
    }
}

#define LOAD_AGENCIES_SQL \
  "SELECT id, uuid, name, unit, type, national, nmt, organisation_number, opening_hours, " \
  "out_of_hours, limits, notes, verified_on, source, created, modified FROM agency " \
  "WHERE id IN " IN_IDS " AND trashed IS NULL"

/* Every code list and channel of the agencies, in one statement and
 * without a sort (the lists are sets; channels are put in order here):
 * (agency, list, code, NULL, NULL, 0) with a list number per setter, and
 * (agency, 6, kind, label, value, position) for a channel.
 */
#define LOAD_CHILDREN_SQL \
  "SELECT agency, 0, county, NULL, NULL, 0 FROM agency_county WHERE agency IN " IN_IDS " " \
  "UNION ALL SELECT agency, CASE kind WHEN 'support' THEN 1 WHEN 'exploitation' THEN 2 " \
  "ELSE 3 END, code, NULL, NULL, 0 FROM agency_helps WHERE agency IN " IN_IDS " " \
  "UNION ALL SELECT agency, 4, code, NULL, NULL, 0 FROM agency_accepts " \
  "WHERE agency IN " IN_IDS " " \
  "UNION ALL SELECT agency, 5, language, NULL, NULL, 0 FROM agency_language " \
  "WHERE agency IN " IN_IDS " " \
  "UNION ALL SELECT agency, 6, kind, label, value, position FROM agency_channel " \
  "WHERE agency IN " IN_IDS

enum {
  LIST_COUNTIES,
  LIST_SUPPORT,
  LIST_EXPLOITATION,
  LIST_OTHER_HELPS,
  LIST_ACCEPTS,
  LIST_LANGUAGES,
  N_LISTS
};

typedef struct
{
  int           position;
  LankaChannel *channel;
} PendingChannel;

/* What the children statement gathered for one agency. */
typedef struct
{
  GStrvBuilder *lists[N_LISTS];
  GArray       *channels;
} Pending;

static void
pending_clear (Pending *pending)
{
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&pending->lists[i], g_strv_builder_unref);

  if (pending->channels != NULL)
    {
      for (guint i = 0; i < pending->channels->len; i++)
        lanka_channel_free (g_array_index (pending->channels, PendingChannel, i).channel);
      g_clear_pointer (&pending->channels, g_array_unref);
    }
}

static int
compare_pending_channels (gconstpointer a,
                          gconstpointer b)
{
  const PendingChannel *x = a;
  const PendingChannel *y = b;

  return (x->position > y->position) - (x->position < y->position);
}

static void
pending_apply (Pending     *pending,
               LankaAgency *agency)
{
  static void (* const setters[N_LISTS]) (LankaAgency *, const char * const *) = {
    lanka_agency_set_counties,
    lanka_agency_set_support,
    lanka_agency_set_exploitation,
    lanka_agency_set_other_helps,
    lanka_agency_set_accepts,
    lanka_agency_set_languages,
  };
  static const char * const empty[] = { NULL };

  /* Empty lists, not none, as for an agency that has some. */
  for (guint i = 0; i < N_LISTS; i++)
    {
      g_auto(GStrv) values = NULL;

      if (pending->lists[i] != NULL)
        values = g_strv_builder_end (pending->lists[i]);

      setters[i] (agency, values != NULL ? (const char * const *)values : empty);
    }

  if (pending->channels != NULL)
    {
      g_array_sort (pending->channels, compare_pending_channels);

      for (guint i = 0; i < pending->channels->len; i++)
        {
          const LankaChannel *channel;

          channel = g_array_index (pending->channels, PendingChannel, i).channel;

          lanka_agency_add_channel (agency, channel->kind, channel->label, channel->value);
        }
    }
}

static LankaAgency *
agency_from_row (sqlite3_stmt *stmt)
{
  LankaAgency *agency;

  agency = g_object_new (LANKA_TYPE_AGENCY,
                         "name", sqlite3_column_text (stmt, 2),
                         "unit", sqlite3_column_text (stmt, 3),
                         "agency-type", sqlite3_column_text (stmt, 4),
                         "national", sqlite3_column_int (stmt, 5) != 0,
                         "nmt", sqlite3_column_int (stmt, 6) != 0,
                         "organisation-number", sqlite3_column_text (stmt, 7),
                         "opening-hours", sqlite3_column_text (stmt, 8),
                         "out-of-hours", sqlite3_column_text (stmt, 9),
                         "limits", sqlite3_column_text (stmt, 10),
                         "notes", sqlite3_column_text (stmt, 11),
                         "verified-on", sqlite3_column_text (stmt, 12),
                         "source", sqlite3_column_text (stmt, 13),
                         NULL);
  _lanka_agency_set_identity (agency,
                              (const char *)sqlite3_column_text (stmt, 1),
                              sqlite3_column_int64 (stmt, 14),
                              sqlite3_column_int64 (stmt, 15));

  return agency;
}

static guint
find_id (const gint64 *ids,
         guint         n_ids,
         gint64        id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return i;

  return G_MAXUINT;
}

/* At most IDS_PER_STATEMENT agencies, in two statements. */
static gboolean
load_some (LankaDatabase  *database,
           const gint64   *ids,
           guint           n_ids,
           LankaAgency   **agencies,
           GError        **error)
{
  Pending pending[IDS_PER_STATEMENT] = { { { NULL } } };
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, LOAD_AGENCIES_SQL, error)))
    return FALSE;

  bind_ids (stmt, ids, n_ids);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint i = find_id (ids, n_ids, sqlite3_column_int64 (stmt, 0));

      if (i != G_MAXUINT && agencies[i] == NULL)
        agencies[i] = agency_from_row (stmt);
    }

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database, LOAD_CHILDREN_SQL, error)))
    return FALSE;

  bind_ids (stmt, ids, n_ids);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint i = find_id (ids, n_ids, sqlite3_column_int64 (stmt, 0));
      int list = sqlite3_column_int (stmt, 1);
      const char *value = (const char *)sqlite3_column_text (stmt, 2);
      LankaChannelKind kind;

      /* A trashed agency's rows. */
      if (i == G_MAXUINT || agencies[i] == NULL || value == NULL)
        continue;

      if (list < N_LISTS)
        {
          if (pending[i].lists[list] == NULL)
            pending[i].lists[list] = g_strv_builder_new ();
          g_strv_builder_add (pending[i].lists[list], value);
        }
      else if (lanka_channel_kind_from_string (value, &kind))
        {
          PendingChannel channel = {
            .position = sqlite3_column_int (stmt, 5),
            .channel = lanka_channel_new (kind,
                                          (const char *)sqlite3_column_text (stmt, 3),
                                          (const char *)sqlite3_column_text (stmt, 4)),
          };

          if (pending[i].channels == NULL)
            pending[i].channels = g_array_new (FALSE, FALSE, sizeof (PendingChannel));
          g_array_append_val (pending[i].channels, channel);
        }
    }

  ok = _lanka_directory_finish_rows (database, stmt, rc, error);

  for (guint i = 0; i < n_ids; i++)
    {
      if (ok && agencies[i] != NULL)
        pending_apply (&pending[i], agencies[i]);
      pending_clear (&pending[i]);
    }

  return ok;
}

/**
 * _lanka_directory_load_agencies:
 * @database: an open #LankaDatabase
 * @ids: (array length=n_ids): distinct agency ids
 * @n_ids: how many
 * @agencies: (out caller-allocates) (array length=n_ids): where the
 *   agencies go, %NULL where an id is no agency (deleted or trashed)
 * @error: a location for a #GError
 *
 * Loads whole agencies, as lanka_directory_get_agency() returns them, two
 * statements for every 50: a list shows a page at a time.
 *
 * Returns: %TRUE on success; on failure every element of @agencies is %NULL
 */
gboolean
_lanka_directory_load_agencies (LankaDatabase  *database,
                                const gint64   *ids,
                                guint           n_ids,
                                LankaAgency   **agencies,
                                GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (agencies != NULL || n_ids == 0, FALSE);

  if (n_ids == 0)
    return TRUE;

  memset (agencies, 0, n_ids * sizeof (LankaAgency *));

  for (guint start = 0; start < n_ids; start += IDS_PER_STATEMENT)
    {
      guint n = MIN (IDS_PER_STATEMENT, n_ids - start);

      if (!load_some (database, ids + start, n, agencies + start, error))
        {
          for (guint i = 0; i < n_ids; i++)
            g_clear_object (&agencies[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * lanka_directory_get_agency:
 * @database: an open #LankaDatabase
 * @uuid: the agency's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the agency, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND (also for an agency in the trash)
 */
LankaAgency *
lanka_directory_get_agency (LankaDatabase  *database,
                            const char     *uuid,
                            GError        **error)
{
  LankaAgency *agency = NULL;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_directory_agency_id (database, uuid, &id, error) ||
      !_lanka_directory_load_agencies (database, &id, 1, &agency, error))
    return NULL;

  if (agency == NULL)
    g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                         _("The agency no longer exists."));

  return agency;
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
  _lanka_directory_bind_text (stmt, 6, old_value);
  _lanka_directory_bind_text (stmt, 7, new_value);

  return _lanka_database_step_done (database, stmt, error);
}

/* One history row per field that differs between @before (NULL for a new
 * contact) and @after.
 */
gboolean
_lanka_directory_write_contact_history (LankaDatabase       *database,
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

gboolean
_lanka_directory_write_contact_channels (LankaDatabase       *database,
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

gboolean
_lanka_directory_validate_contact (LankaAgencyContact  *contact,
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

/**
 * _lanka_directory_insert_contact:
 * @database: an open #LankaDatabase inside a transaction
 * @agency: the id of the agency the person works at
 * @agency_uuid: its uuid
 * @contact: a new contact person, without a uuid
 * @now: the time of the change
 * @error: a location for a #GError
 *
 * Inserts a contact person with the first values in the change history,
 * but leaves the agency's search index to the caller, so that an import
 * indexes each agency once.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_directory_insert_contact (LankaDatabase       *database,
                                 gint64               agency,
                                 const char          *agency_uuid,
                                 LankaAgencyContact  *contact,
                                 gint64               now,
                                 GError             **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;
  gint64 id;

  if (!_lanka_directory_validate_contact (contact, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO agency_contact "
                                        "(uuid, agency, name, role, notes, created, modified) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, agency);
  _lanka_directory_bind_text (stmt, 3, lanka_agency_contact_get_name (contact));
  _lanka_directory_bind_text (stmt, 4, lanka_agency_contact_get_role (contact));
  _lanka_directory_bind_text (stmt, 5, lanka_agency_contact_get_notes (contact));
  sqlite3_bind_int64 (stmt, 6, now);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

  /* A contact person's first values go into the change history too. */
  if (!_lanka_directory_write_contact_channels (database, id, contact, error) ||
      !_lanka_directory_write_contact_history (database, uuid, NULL, contact, now, error))
    return FALSE;

  _lanka_agency_contact_set_identity (contact, uuid, agency_uuid, now, now);

  return TRUE;
}

static gboolean
add_contact (LankaDatabase       *database,
             const char          *agency_uuid,
             LankaAgencyContact  *contact,
             GError             **error)
{
  gint64 agency;

  return _lanka_directory_validate_contact (contact, error) &&
         _lanka_directory_agency_id (database, agency_uuid, &agency, error) &&
         _lanka_directory_insert_contact (database, agency, agency_uuid, contact,
                                          g_get_real_time (), error) &&
         _lanka_directory_index_agency (database, agency, error);
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

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database,
                                         add_contact (database, agency_uuid, contact, error),
                                         error);
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

/* Contact persons of a trashed agency are out of sight with it. */
#define CONTACT_COLUMNS \
  "SELECT c.id, c.uuid, a.uuid, c.name, c.role, c.notes, c.created, c.modified, c.agency " \
  "FROM agency_contact c JOIN agency a ON a.id = c.agency AND a.trashed IS NULL "

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

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
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

  if (!_lanka_directory_validate_contact (contact, error) ||
      !(before = get_contact (database, uuid, &id, &agency, error)))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE agency_contact SET name = ?2, role = ?3, "
                                        "notes = ?4, modified = ?5 WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  _lanka_directory_bind_text (stmt, 2, lanka_agency_contact_get_name (contact));
  _lanka_directory_bind_text (stmt, 3, lanka_agency_contact_get_role (contact));
  _lanka_directory_bind_text (stmt, 4, lanka_agency_contact_get_notes (contact));
  sqlite3_bind_int64 (stmt, 5, now);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !_lanka_directory_write_contact_channels (database, id, contact, error) ||
      !_lanka_directory_write_contact_history (database, uuid, before, contact, now, error) ||
      !_lanka_directory_index_agency (database, agency, error))
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

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database,
                                         update_contact (database, contact, error),
                                         error);
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

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  ok = (contact = get_contact (database, uuid, &id, &agency, error)) &&
       (stmt = _lanka_database_prepare (database, "DELETE FROM agency_contact WHERE id = ?1",
                                        error));

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _lanka_database_step_done (database, stmt, error) &&
           _lanka_directory_index_agency (database, agency, error) &&
           lanka_audit_log (database, LANKA_AUDIT_CONTACT_DELETE, uuid, NULL, error);
    }

  return _lanka_directory_savepoint_end (database, ok, error);
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
                                        CONTACT_COLUMNS "WHERE a.uuid = ?1 ORDER BY " CONTACT_ORDER,
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, agency_uuid, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id;

      g_ptr_array_add (contacts, contact_from_row (database, stmt, &id));
      g_array_append_val (ids, id);
    }

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
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

  _lanka_database_append_fts_words (match, text, "");

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
  _lanka_directory_bind_text (stmt, 2, filter->agency_type);
  _lanka_directory_bind_text (stmt, 3, filter->county);
  _lanka_directory_bind_text (stmt, 4, filter->helps);
  sqlite3_bind_int (stmt, 5, filter->nmt_only);
}

static gboolean
is_set (const char *value)
{
  return value != NULL && value[0] != '\0';
}

static gboolean
filter_is_empty (const LankaDirectoryFilter *filter)
{
  return filter == NULL ||
         (!is_set (filter->agency_type) && !is_set (filter->county) &&
          !is_set (filter->helps) && !filter->nmt_only);
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

/* Every agency outside the trash in list order (by name in Swedish
 * order), and each one's place in it.  Sorting matches by name in SQL
 * costs a collation call and an allocation for every match, which memory
 * security makes dear: thousands of matches, tens of milliseconds.  The
 * order is read once (from the name index alone) and kept until the
 * connection changes anything; a search then only picks from it.
 */
typedef struct
{
  gint64  id;
  guint   rank;
} IdRank;

typedef struct
{
  gint64  changes;    /* sqlite3_total_changes64() when read, -1 not to keep */
  GArray *ids;        /* gint64, in list order */
  /* The place of each id: an array indexed by id while ids are dense
   * enough (they are rowids), IdRank sorted by id otherwise.
   */
  guint  *rank_by_id;
  gint64  max_id;
  GArray *ranks;
} NameOrder;

#define NAME_ORDER_KEY "lanka-directory-name-order"

static void
name_order_free (NameOrder *order)
{
  g_clear_pointer (&order->ids, g_array_unref);
  g_clear_pointer (&order->ranks, g_array_unref);
  g_clear_pointer (&order->rank_by_id, g_free);
  g_free (order);
}

static int
compare_id_ranks (gconstpointer a,
                  gconstpointer b)
{
  const IdRank *x = a;
  const IdRank *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

static const NameOrder *
name_order_get (LankaDatabase  *database,
                GError        **error)
{
  sqlite3 *handle = _lanka_database_get_handle (database);
  NameOrder *order = g_object_get_data (G_OBJECT (database), NAME_ORDER_KEY);
  sqlite3_stmt *stmt;
  gint64 changes;
  int rc;

  if (handle == NULL)
    {
      _lanka_database_set_closed_error (error);
      return NULL;
    }

  /* Inside a transaction, what was read may yet be rolled back without
   * the count of changes moving back: such an order is not kept.
   */
  changes = sqlite3_get_autocommit (handle) ? sqlite3_total_changes64 (handle) : -1;

  if (order != NULL && changes >= 0 && order->changes == changes)
    return order;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT a.id FROM agency a WHERE a.trashed IS NULL "
                                        "ORDER BY " AGENCY_ORDER,
                                        error)))
    return NULL;

  order = g_new0 (NameOrder, 1);
  order->changes = changes;
  order->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (order->ids, id);
      order->max_id = MAX (order->max_id, id);
    }

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    {
      name_order_free (order);
      return NULL;
    }

  if (order->max_id <= 8 * (gint64)order->ids->len + 65536)
    {
      order->rank_by_id = g_new (guint, order->max_id + 1);
      memset (order->rank_by_id, 0xff, (order->max_id + 1) * sizeof (guint));
      for (guint i = 0; i < order->ids->len; i++)
        order->rank_by_id[g_array_index (order->ids, gint64, i)] = i;
    }
  else
    {
      order->ranks = g_array_sized_new (FALSE, FALSE, sizeof (IdRank), order->ids->len);
      for (guint i = 0; i < order->ids->len; i++)
        {
          IdRank id_rank = { g_array_index (order->ids, gint64, i), i };

          g_array_append_val (order->ranks, id_rank);
        }
      g_array_sort (order->ranks, compare_id_ranks);
    }

  g_object_set_data_full (G_OBJECT (database), NAME_ORDER_KEY, order,
                          (GDestroyNotify)name_order_free);

  return order;
}

/* The place of @id in the list, G_MAXUINT if it has none. */
static guint
name_order_rank (const NameOrder *order,
                 gint64           id)
{
  IdRank key = { id, 0 };
  const IdRank *found;

  if (order->rank_by_id != NULL)
    return id >= 0 && id <= order->max_id ? order->rank_by_id[id] : G_MAXUINT;

  found = bsearch (&key, order->ranks->data, order->ranks->len, sizeof (IdRank),
                   compare_id_ranks);

  return found != NULL ? found->rank : G_MAXUINT;
}

typedef struct
{
  gint64  id;
  guint   rank;
  double  score;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *x = a;
  const Match *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;

  return (x->id > y->id) - (x->id < y->id);
}

/* The agencies @match and @filter find, unordered; with @ranked, with
 * their bm25 scores.  Without a filter the search index alone answers:
 * trashed agencies are not in it.
 */
static gboolean
collect_matches (LankaDatabase               *database,
                 const char                  *match,
                 const LankaDirectoryFilter  *filter,
                 gboolean                     ranked,
                 GArray                      *matches,
                 GError                     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (match == NULL)
    stmt = _lanka_database_prepare (database,
                                    "SELECT a.id, 0 FROM agency a WHERE 1" FILTER_SQL,
                                    error);
  else if (filter_is_empty (filter))
    stmt = _lanka_database_prepare (database,
                                    ranked
                                      ? "SELECT rowid, " SEARCH_RANK " FROM agency_fts "
                                        "WHERE agency_fts MATCH ?1"
                                      : "SELECT rowid, 0 FROM agency_fts "
                                        "WHERE agency_fts MATCH ?1",
                                    error);
  else
    stmt = _lanka_database_prepare (database,
                                    ranked
                                      ? "SELECT a.id, " SEARCH_RANK " FROM agency_fts "
                                        "JOIN agency a ON a.id = agency_fts.rowid "
                                        "WHERE agency_fts MATCH ?1" FILTER_SQL
                                      : "SELECT a.id, 0 FROM agency_fts "
                                        "JOIN agency a ON a.id = agency_fts.rowid "
                                        "WHERE agency_fts MATCH ?1" FILTER_SQL,
                                    error);

  if (stmt == NULL)
    return FALSE;

  if (match == NULL || !filter_is_empty (filter))
    bind_filter (stmt, match, filter);
  else
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Match found = {
        .id = sqlite3_column_int64 (stmt, 0),
        .score = sqlite3_column_double (stmt, 1),
      };

      g_array_append_val (matches, found);
    }

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

/**
 * _lanka_directory_search_ids:
 * @database: an open #LankaDatabase
 * @text: (nullable): what the person typed
 * @filter: (nullable): what to narrow the list to
 * @ids: (element-type gint64): where the agency ids go, appended in the
 *   order of lanka_directory_search()
 * @error: a location for a #GError
 *
 * Every match at once, as ids: what a list model needs to know its length
 * and to load any page of it later.  The search index is read once (twice
 * when there are few enough matches to rank); the order is made here.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_directory_search_ids (LankaDatabase               *database,
                             const char                  *text,
                             const LankaDirectoryFilter  *filter,
                             GArray                      *ids,
                             GError                     **error)
{
  g_autoptr(GArray) matches = NULL;
  g_autofree char *match = NULL;
  const NameOrder *order;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!text_is_valid (text, error))
    return FALSE;

  if (text != NULL)
    match = build_match (text);

  if (!(order = name_order_get (database, error)))
    return FALSE;

  if (match == NULL && filter_is_empty (filter))
    {
      g_array_append_vals (ids, order->ids->data, order->ids->len);
      return TRUE;
    }

  matches = g_array_new (FALSE, FALSE, sizeof (Match));

  if (!collect_matches (database, match, filter, FALSE, matches, error))
    return FALSE;

  /* Few matches: the best first. */
  if (match != NULL && matches->len > 1 && matches->len <= RANK_LIMIT)
    {
      g_array_set_size (matches, 0);
      if (!collect_matches (database, match, filter, TRUE, matches, error))
        return FALSE;
    }

  if (match != NULL && matches->len <= RANK_LIMIT)
    {
      for (guint i = 0; i < matches->len; i++)
        {
          Match *found = &g_array_index (matches, Match, i);

          found->rank = name_order_rank (order, found->id);
        }

      g_array_sort (matches, compare_matches);

      for (guint i = 0; i < matches->len; i++)
        g_array_append_val (ids, g_array_index (matches, Match, i).id);
    }
  else
    {
      g_autofree guint8 *found = g_malloc0 (order->ids->len);

      /* By name: mark the matches' places, then read the list in order.
       * (While the order is current every match has a place; one without
       * would be left out rather than shown at a wrong place.)
       */
      for (guint i = 0; i < matches->len; i++)
        {
          guint rank = name_order_rank (order, g_array_index (matches, Match, i).id);

          if (rank != G_MAXUINT)
            found[rank] = TRUE;
        }

      for (guint rank = 0; rank < order->ids->len; rank++)
        if (found[rank])
          g_array_append_val (ids, g_array_index (order->ids, gint64, rank));
    }

  return TRUE;
}

/* The uuids of @ids, in the same order; agencies gone meanwhile are left
 * out.
 */
static GStrv
read_uuids (LankaDatabase  *database,
            const gint64   *ids,
            guint           n_ids,
            GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (uuids, n_ids);

  for (guint start = 0; start < n_ids; start += IDS_PER_STATEMENT)
    {
      guint n = MIN (IDS_PER_STATEMENT, n_ids - start);
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = _lanka_database_prepare (database,
                                            "SELECT id, uuid FROM agency WHERE id IN " IN_IDS,
                                            error)))
        return NULL;

      bind_ids (stmt, ids + start, n);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          guint i = find_id (ids + start, n, sqlite3_column_int64 (stmt, 0));

          if (i != G_MAXUINT)
            g_ptr_array_index (uuids, start + i) = column_dup (stmt, 1);
        }

      if (!_lanka_directory_finish_rows (database, stmt, rc, error))
        return NULL;
    }

  for (guint i = 0; i < n_ids; i++)
    if (g_ptr_array_index (uuids, i) != NULL)
      g_strv_builder_add (builder, g_ptr_array_index (uuids, i));

  return g_strv_builder_end (builder);
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
 * enough to rank quickly; otherwise, and without text, the list is by name
 * in Swedish order.  Agencies in the trash are never found.
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
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint start;
  guint end;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_directory_search_ids (database, text, filter, ids, error))
    return NULL;

  start = MIN (offset, ids->len);
  end = limit > 0 ? start + MIN (limit, ids->len - start) : ids->len;

  return read_uuids (database, &g_array_index (ids, gint64, start), end - start, error);
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
  g_autoptr(GArray) matches = NULL;
  g_autofree char *match = NULL;
  const NameOrder *order;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *count = 0;

  if (!text_is_valid (text, error))
    return FALSE;

  if (text != NULL)
    match = build_match (text);

  if (match == NULL && filter_is_empty (filter))
    {
      if (!(order = name_order_get (database, error)))
        return FALSE;

      *count = order->ids->len;
      return TRUE;
    }

  matches = g_array_new (FALSE, FALSE, sizeof (Match));

  if (!collect_matches (database, match, filter, FALSE, matches, error))
    return FALSE;

  *count = matches->len;

  return TRUE;
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

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  ok = (stmt = _lanka_database_prepare (database,
                                        "SELECT id FROM agency WHERE trashed IS NULL",
                                        error)) != NULL;

  if (ok)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }

      ok = _lanka_directory_finish_rows (database, stmt, rc, error);
    }

  for (guint i = 0; ok && i < ids->len; i++)
    ok = _lanka_directory_index_agency (database, g_array_index (ids, gint64, i), error);

  return _lanka_directory_savepoint_end (database, ok, error);
}

/* Sets agency.trashed of @id to @trashed (a time, or 0 for NULL). */
static gboolean
set_trashed (LankaDatabase  *database,
             gint64          id,
             gint64          trashed,
             GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE agency SET trashed = ?2 WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (trashed != 0)
    sqlite3_bind_int64 (stmt, 2, trashed);

  return _lanka_database_step_done (database, stmt, error);
}

/* A seed agency in the trash counts as deleted for the seed, which must
 * not bring it back meanwhile; a restore takes the tombstone away again.
 */
static gboolean
set_tombstone (LankaDatabase  *database,
               gint64          id,
               gboolean        tombstone,
               GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        tombstone
                                          ? "INSERT OR IGNORE INTO seed_tombstone (seed_key) "
                                            "SELECT seed_key FROM agency "
                                            "WHERE id = ?1 AND seed_key IS NOT NULL"
                                          : "DELETE FROM seed_tombstone WHERE seed_key = "
                                            "(SELECT seed_key FROM agency WHERE id = ?1)",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  return _lanka_database_step_done (database, stmt, error);
}

static gboolean
trash_agency (LankaDatabase  *database,
              const char     *uuid,
              GError        **error)
{
  gint64 id;

  return _lanka_directory_agency_id (database, uuid, &id, error) &&
         set_trashed (database, id, g_get_real_time (), error) &&
         set_tombstone (database, id, TRUE, error) &&
         _lanka_directory_index_agency (database, id, error) &&
         lanka_audit_log (database, LANKA_AUDIT_AGENCY_DELETE, uuid, NULL, error);
}

/**
 * lanka_directory_trash_agency:
 * @database: an open #LankaDatabase
 * @uuid: the agency's uuid
 * @error: a location for a #GError
 *
 * Deletes the agency in a way that can be undone: it and its contact
 * persons are out of every search, count, list, comparison and export
 * until lanka_directory_restore_agency() brings them back.  The trash is
 * emptied for good by lanka_directory_empty_trash(), and at the latest
 * when the database is next opened.
 *
 * Returns: %TRUE on success; %LANKA_STORE_ERROR_NOT_FOUND if there is no
 *   such agency outside the trash
 */
gboolean
lanka_directory_trash_agency (LankaDatabase  *database,
                              const char     *uuid,
                              GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database, trash_agency (database, uuid, error), error);
}

static gboolean
restore_agency (LankaDatabase  *database,
                const char     *uuid,
                GError        **error)
{
  gint64 id;

  if (!lookup_id (database, "SELECT id FROM agency WHERE uuid = ?1 AND trashed IS NOT NULL",
                  uuid, &id, error))
    return FALSE;

  if (id == 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The agency can no longer be restored."));
      return FALSE;
    }

  return set_trashed (database, id, 0, error) &&
         set_tombstone (database, id, FALSE, error) &&
         _lanka_directory_index_agency (database, id, error) &&
         lanka_audit_log (database, LANKA_AUDIT_AGENCY_RESTORE, uuid, NULL, error);
}

/**
 * lanka_directory_restore_agency:
 * @database: an open #LankaDatabase
 * @uuid: the uuid of an agency in the trash
 * @error: a location for a #GError
 *
 * Undoes lanka_directory_trash_agency(): the agency comes back exactly as
 * it was, with its contact persons and their change history.
 *
 * Returns: %TRUE on success; %LANKA_STORE_ERROR_NOT_FOUND if the agency is
 *   not in the trash (any more)
 */
gboolean
lanka_directory_restore_agency (LankaDatabase  *database,
                                const char     *uuid,
                                GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database, restore_agency (database, uuid, error), error);
}

static gboolean
empty_trash (LankaDatabase  *database,
             GError        **error)
{
  g_auto(GStrv) uuids = NULL;
  sqlite3_stmt *stmt;

  /* The audit rows first: once the rows are gone, so are their uuids.
   * (The statement has no parameter; the 0 binds nothing.)
   */
  if (!read_strings (database, "SELECT uuid FROM agency WHERE trashed IS NOT NULL",
                     0, &uuids, error))
    return FALSE;

  for (guint i = 0; uuids[i] != NULL; i++)
    if (!lanka_audit_log (database, LANKA_AUDIT_AGENCY_PURGE, uuids[i], NULL, error))
      return FALSE;

  /* Contact persons, their channels and change history go by cascade;
   * the search index lost the agencies when they were trashed, and the
   * seed's tombstones were written then.
   */
  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM agency WHERE trashed IS NOT NULL",
                                        error)))
    return FALSE;

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_directory_empty_trash:
 * @database: an open #LankaDatabase
 * @error: a location for a #GError
 *
 * Deletes every trashed agency for good, with its contact persons and
 * their change history (secure_delete overwrites them on disk).
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_empty_trash (LankaDatabase  *database,
                             GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_directory_savepoint_begin (database, error))
    return FALSE;

  return _lanka_directory_savepoint_end (database, empty_trash (database, error), error);
}

/**
 * lanka_directory_get_contact:
 * @database: an open #LankaDatabase
 * @uuid: the contact person's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the contact person with their
 *   phones and e-mail addresses, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND
 */
LankaAgencyContact *
lanka_directory_get_contact (LankaDatabase  *database,
                             const char     *uuid,
                             GError        **error)
{
  gint64 agency;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_contact (database, uuid, &id, &agency, error);
}

/**
 * lanka_directory_list_history:
 * @database: an open #LankaDatabase
 * @contact_uuid: a contact person's uuid
 * @error: a location for a #GError
 *
 * The change history of a contact person: one entry per changed field
 * and save, the first values included, newest first.
 *
 * Returns: (transfer container) (element-type LankaHistoryEntry) (nullable):
 *   the entries, or %NULL with %LANKA_STORE_ERROR_NOT_FOUND if the contact
 *   person no longer exists
 */
GPtrArray *
lanka_directory_list_history (LankaDatabase  *database,
                              const char     *contact_uuid,
                              GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(LankaAgencyContact) contact = NULL;
  sqlite3_stmt *stmt;
  gint64 agency;
  gint64 id;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (contact_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Also keeps the history of a trashed agency's people out of sight. */
  if (!(contact = get_contact (database, contact_uuid, &id, &agency, error)))
    return NULL;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT time, user, field, old_value, new_value "
                                        "FROM record_history "
                                        "WHERE table_name = ?1 AND record_uuid = ?2 "
                                        "ORDER BY id DESC",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, HISTORY_TABLE_CONTACT, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, contact_uuid, -1, SQLITE_TRANSIENT);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_history_entry_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LankaHistoryEntry *entry = g_new0 (LankaHistoryEntry, 1);

      entry->time = sqlite3_column_int64 (stmt, 0);
      entry->user = column_dup (stmt, 1);
      entry->field = column_dup (stmt, 2);
      entry->old_value = column_dup (stmt, 3);
      entry->new_value = column_dup (stmt, 4);
      g_ptr_array_add (entries, entry);
    }

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&entries);
}

/**
 * lanka_history_entry_free:
 * @self: (nullable): a #LankaHistoryEntry
 */
void
lanka_history_entry_free (LankaHistoryEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->user);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self);
}
