/* lanka-directory-seed.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seed is the directory Länka ships: public facts about the national
 * authorities and organisations, merged into a database without ever
 * overwriting what a person changed.
 */

#define G_LOG_DOMAIN "lanka-directory-seed"

#include "config.h"

#include "lanka-directory-seed.h"
#include "lanka-directory-private.h"
#include "lanka-store-error.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The layout of directory-seed.json this code reads. */
#define SEED_FORMAT 1

/* Raise it when the way a seed is merged changes, so that every database
 * gets the seed merged again even if the file is the same.
 */
#define SEED_MERGE_VERSION 2

/* The meta row that holds the hash of the seed applied last. */
#define SEED_HASH_KEY "directory-seed-hash"

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                       _("The built-in directory is damaged. Reinstall Länka."));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static GStrv
member_strv (JsonObject *object,
             const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

static LankaAgency *
agency_from_json (JsonObject  *object,
                  GError     **error)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_auto(GStrv) counties = member_strv (object, "counties");
  g_auto(GStrv) support = member_strv (object, "support");
  g_auto(GStrv) exploitation = member_strv (object, "exploitation");
  g_auto(GStrv) other_helps = member_strv (object, "other_helps");
  g_auto(GStrv) accepts = member_strv (object, "accepts");
  g_auto(GStrv) languages = member_strv (object, "languages");
  JsonNode *channels = json_object_get_member (object, "channels");

  if (member_string (object, "name") == NULL || member_string (object, "type") == NULL)
    {
      set_damaged (error);
      return NULL;
    }

  g_object_set (agency,
                "name", member_string (object, "name"),
                "unit", member_string (object, "unit"),
                "agency-type", member_string (object, "type"),
                "national", json_object_get_boolean_member_with_default (object, "national", FALSE),
                "nmt", json_object_get_boolean_member_with_default (object, "nmt", FALSE),
                "organisation-number", member_string (object, "organisation_number"),
                "opening-hours", member_string (object, "opening_hours"),
                "out-of-hours", member_string (object, "out_of_hours"),
                "limits", member_string (object, "limits"),
                "notes", member_string (object, "notes"),
                "verified-on", member_string (object, "verified_on"),
                "source", member_string (object, "source"),
                NULL);

  lanka_agency_set_counties (agency, (const char * const *)counties);
  lanka_agency_set_support (agency, (const char * const *)support);
  lanka_agency_set_exploitation (agency, (const char * const *)exploitation);
  lanka_agency_set_other_helps (agency, (const char * const *)other_helps);
  lanka_agency_set_accepts (agency, (const char * const *)accepts);
  lanka_agency_set_languages (agency, (const char * const *)languages);

  if (channels != NULL && JSON_NODE_HOLDS_ARRAY (channels))
    {
      JsonArray *array = json_node_get_array (channels);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *channel;
          LankaChannelKind kind;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;

          channel = json_node_get_object (element);

          if (!lanka_channel_kind_from_string (member_string (channel, "kind"), &kind) ||
              member_string (channel, "value") == NULL)
            {
              set_damaged (error);
              return NULL;
            }

          lanka_agency_add_channel (agency, kind,
                                    member_string (channel, "label"),
                                    member_string (channel, "value"));
        }
    }

  return g_steal_pointer (&agency);
}

static void
hash_field (GChecksum  *checksum,
            const char *name,
            const char *value)
{
  /* The NUL bytes keep "a" + "bc" apart from "ab" + "c". */
  g_checksum_update (checksum, (const guchar *)name, strlen (name) + 1);
  if (value != NULL)
    g_checksum_update (checksum, (const guchar *)value, strlen (value));
  g_checksum_update (checksum, (const guchar *)"", 1);
}

static void
hash_list (GChecksum          *checksum,
           const char         *name,
           const char * const *values)
{
  hash_field (checksum, name, NULL);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    hash_field (checksum, "", values[i]);
}

/* A fingerprint of every value the seed owns.  Lists are sets and come
 * sorted from LankaAgency, and empty values are NULL there, so an agency
 * read back from the database hashes like the one the seed wrote.
 */
static char *
hash_agency (LankaAgency *agency)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  GPtrArray *channels = lanka_agency_get_channels (agency);

  hash_field (checksum, "name", lanka_agency_get_name (agency));
  hash_field (checksum, "unit", lanka_agency_get_unit (agency));
  hash_field (checksum, "type", lanka_agency_get_agency_type (agency));
  hash_field (checksum, "national", lanka_agency_get_national (agency) ? "1" : "0");
  hash_field (checksum, "nmt", lanka_agency_get_nmt (agency) ? "1" : "0");
  hash_field (checksum, "organisation_number", lanka_agency_get_organisation_number (agency));
  hash_field (checksum, "opening_hours", lanka_agency_get_opening_hours (agency));
  hash_field (checksum, "out_of_hours", lanka_agency_get_out_of_hours (agency));
  hash_field (checksum, "limits", lanka_agency_get_limits (agency));
  hash_field (checksum, "notes", lanka_agency_get_notes (agency));
  hash_field (checksum, "verified_on", lanka_agency_get_verified_on (agency));
  hash_field (checksum, "source", lanka_agency_get_source (agency));
  hash_list (checksum, "counties", lanka_agency_get_counties (agency));
  hash_list (checksum, "support", lanka_agency_get_support (agency));
  hash_list (checksum, "exploitation", lanka_agency_get_exploitation (agency));
  hash_list (checksum, "other_helps", lanka_agency_get_other_helps (agency));
  hash_list (checksum, "accepts", lanka_agency_get_accepts (agency));
  hash_list (checksum, "languages", lanka_agency_get_languages (agency));

  hash_field (checksum, "channels", NULL);
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      hash_field (checksum, "kind", lanka_channel_kind_to_string (channel->kind));
      hash_field (checksum, "label", channel->label);
      hash_field (checksum, "value", channel->value);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Copies the seed-owned values of @from into @to, which keeps its identity. */
static void
copy_seed_values (LankaAgency *to,
                  LankaAgency *from)
{
  GPtrArray *channels = lanka_agency_get_channels (from);

  g_object_set (to,
                "name", lanka_agency_get_name (from),
                "unit", lanka_agency_get_unit (from),
                "agency-type", lanka_agency_get_agency_type (from),
                "national", lanka_agency_get_national (from),
                "nmt", lanka_agency_get_nmt (from),
                "organisation-number", lanka_agency_get_organisation_number (from),
                "opening-hours", lanka_agency_get_opening_hours (from),
                "out-of-hours", lanka_agency_get_out_of_hours (from),
                "limits", lanka_agency_get_limits (from),
                "notes", lanka_agency_get_notes (from),
                "verified-on", lanka_agency_get_verified_on (from),
                "source", lanka_agency_get_source (from),
                NULL);
  lanka_agency_set_counties (to, lanka_agency_get_counties (from));
  lanka_agency_set_support (to, lanka_agency_get_support (from));
  lanka_agency_set_exploitation (to, lanka_agency_get_exploitation (from));
  lanka_agency_set_other_helps (to, lanka_agency_get_other_helps (from));
  lanka_agency_set_accepts (to, lanka_agency_get_accepts (from));
  lanka_agency_set_languages (to, lanka_agency_get_languages (from));

  lanka_agency_clear_channels (to);
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_add_channel (to, channel->kind, channel->label, channel->value);
    }
}

static gboolean
is_tombstone (LankaDatabase  *database,
              const char     *seed_key,
              gboolean       *tombstone,
              GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT 1 FROM seed_tombstone WHERE seed_key = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, seed_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *tombstone = rc == SQLITE_ROW;

  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE;

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

/* A fingerprint of the seed file and of the code that merges it. */
static char *
hash_seed (GBytes *json)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *version = g_strdup_printf ("%d.%d", SEED_FORMAT, SEED_MERGE_VERSION);
  gsize length;
  const guchar *data = g_bytes_get_data (json, &length);

  hash_field (checksum, "version", version);
  g_checksum_update (checksum, data, length);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
read_seed_hash (LankaDatabase  *database,
                char          **hash,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *hash = NULL;

  if (!(stmt = _lanka_database_prepare (database, "SELECT value FROM meta WHERE key = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, SEED_HASH_KEY, -1, SQLITE_STATIC);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *hash = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      rc = SQLITE_DONE;
    }

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

static gboolean
write_seed_hash (LankaDatabase  *database,
                 const char     *hash,
                 GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, SEED_HASH_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);

  return _lanka_database_step_done (database, stmt, error);
}

static gboolean
apply_one (LankaDatabase    *database,
           JsonObject       *object,
           LankaSeedReport  *report,
           GError          **error)
{
  g_autoptr(LankaAgency) seed = NULL;
  g_autoptr(LankaAgency) current = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *seed_hash = NULL;
  g_autofree char *current_hash = NULL;
  const char *key = member_string (object, "key");
  gboolean tombstone;

  if (key == NULL)
    {
      set_damaged (error);
      return FALSE;
    }

  if (!(seed = agency_from_json (object, error)))
    return FALSE;

  /* Deleted by the person, or in the trash: it stays out. */
  if (!is_tombstone (database, key, &tombstone, error))
    return FALSE;

  if (tombstone)
    {
      report->kept++;
      return TRUE;
    }

  seed_hash = hash_agency (seed);

  if (!_lanka_directory_find_seed (database, key, &uuid, &stored_hash, error))
    return FALSE;

  if (uuid == NULL)
    {
      if (!_lanka_directory_write_agency (database, seed, key, seed_hash, error))
        return FALSE;
      report->added++;
      return TRUE;
    }

  if (!(current = lanka_directory_get_agency (database, uuid, error)))
    return FALSE;

  current_hash = hash_agency (current);

  /* Up to date, or changed by a person since the seed last wrote it: their
   * knowledge of a local office beats the seed's general facts.
   */
  if (g_strcmp0 (current_hash, seed_hash) == 0 || g_strcmp0 (current_hash, stored_hash) != 0)
    {
      report->kept++;
      return TRUE;
    }

  copy_seed_values (current, seed);

  if (!_lanka_directory_write_agency (database, current, NULL, seed_hash, error))
    return FALSE;

  report->updated++;

  return TRUE;
}

/**
 * lanka_directory_seed_apply:
 * @database: an open #LankaDatabase
 * @json: the contents of directory-seed.json
 * @report: (out caller-allocates) (optional): what was done
 * @error: a location for a #GError
 *
 * Adds the seed's agencies that the database lacks and updates those that
 * nobody has edited since the seed last wrote them.  Agencies a person
 * edited stay as they are, those a person deleted stay deleted, and
 * nothing is ever deleted.  All of it happens in one transaction, or none
 * of it.
 *
 * Länka calls this at every opening: when @json is the seed applied last,
 * it returns at once without reading it.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_directory_seed_apply (LankaDatabase    *database,
                            GBytes           *json,
                            LankaSeedReport  *report,
                            GError          **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *hash = NULL;
  LankaSeedReport counts = { 0 };
  JsonObject *root;
  JsonArray *agencies;
  JsonNode *node;
  gsize length;
  const char *data;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hash = hash_seed (json);

  if (!read_seed_hash (database, &stored_hash, error))
    return FALSE;

  if (g_strcmp0 (hash, stored_hash) == 0)
    {
      if (report != NULL)
        *report = (LankaSeedReport) { .unchanged = TRUE };
      return TRUE;
    }

  data = g_bytes_get_data (json, &length);
  parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      !(node = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_damaged (error);
      return FALSE;
    }

  root = json_node_get_object (node);

  if (json_object_get_int_member_with_default (root, "format", 0) != SEED_FORMAT ||
      !(node = json_object_get_member (root, "agencies")) || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_damaged (error);
      return FALSE;
    }

  agencies = json_node_get_array (node);

  if (!lanka_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (agencies); i++)
    {
      JsonNode *element = json_array_get_element (agencies, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          set_damaged (error);
          lanka_database_rollback (database);
          return FALSE;
        }

      if (!apply_one (database, json_node_get_object (element), &counts, error))
        {
          lanka_database_rollback (database);
          return FALSE;
        }
    }

  if (!write_seed_hash (database, hash, error) ||
      !lanka_database_commit (database, error))
    {
      lanka_database_rollback (database);
      return FALSE;
    }

  g_debug ("Directory seed: %u added, %u updated, %u kept",
           counts.added, counts.updated, counts.kept);

  if (report != NULL)
    *report = counts;

  return TRUE;
}
