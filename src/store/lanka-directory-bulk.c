/* lanka-directory-bulk.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-directory-bulk"

#include "config.h"

#include "lanka-directory-private.h"
#include "lanka-agency-private.h"
#include "lanka-store-error.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

/* Many agencies at once: an import of a whole address book, an export of
 * the directory, the answers of "find help for…".  Reading them one by one
 * would cost a handful of queries per agency; here a few queries read them
 * all, with the set of agencies passed as one JSON array (json_each) rather
 * than as SQL pasted together.
 */

G_DEFINE_BOXED_TYPE (LankaDirectoryEntry, lanka_directory_entry,
                     lanka_directory_entry_copy, lanka_directory_entry_free)

/**
 * lanka_directory_entry_new:
 * @agency: an agency
 *
 * Returns: (transfer full): an entry for @agency without contact persons
 */
LankaDirectoryEntry *
lanka_directory_entry_new (LankaAgency *agency)
{
  LankaDirectoryEntry *self;

  g_return_val_if_fail (LANKA_IS_AGENCY (agency), NULL);

  self = g_new0 (LankaDirectoryEntry, 1);
  self->agency = g_object_ref (agency);
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

/**
 * lanka_directory_entry_copy:
 * @self: an entry
 *
 * The copy shares the agency and the contact persons with @self; only the
 * list of contact persons is its own.
 *
 * Returns: (transfer full): a copy of @self
 */
LankaDirectoryEntry *
lanka_directory_entry_copy (const LankaDirectoryEntry *self)
{
  LankaDirectoryEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lanka_directory_entry_new (self->agency);
  for (guint i = 0; i < self->contacts->len; i++)
    g_ptr_array_add (copy->contacts, g_object_ref (g_ptr_array_index (self->contacts, i)));

  return copy;
}

/**
 * lanka_directory_entry_free:
 * @self: (nullable): an entry
 */
void
lanka_directory_entry_free (LankaDirectoryEntry *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->agency);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_free (self);
}

/* _lanka_directory_load_agencies() is made for a page of a list; this is
 * how many it gets at a time here.
 */
#define LOAD_PAGE 256

/**
 * _lanka_directory_load_many:
 * @database: an open #LankaDatabase
 * @ids: (element-type gint64): agency ids, as many as there are
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): an array of @ids->len agencies, an
 *   element %NULL where an id is no agency (or one in the trash), or %NULL
 *   on error; free each agency, and the array with g_free()
 */
LankaAgency **
_lanka_directory_load_many (LankaDatabase  *database,
                            GArray         *ids,
                            GError        **error)
{
  g_autofree LankaAgency **agencies = g_new0 (LankaAgency *, ids->len + 1);

  for (guint start = 0; start < ids->len; start += LOAD_PAGE)
    {
      guint n = MIN (LOAD_PAGE, ids->len - start);

      if (!_lanka_directory_load_agencies (database, &g_array_index (ids, gint64, start), n,
                                           agencies + start, error))
        {
          for (guint i = 0; i < start; i++)
            g_clear_object (&agencies[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&agencies);
}

/* @ids as a JSON array, for json_each(). */
static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT,
                            i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* The contact persons of @entries (whose agencies have the row ids @ids),
 * by name, with their phones and e-mail addresses: two queries.
 */
static gboolean
read_contacts (LankaDatabase  *database,
               GPtrArray      *entries,
               GArray         *ids,
               GError        **error)
{
  g_autoptr(GHashTable) entry_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) contact_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                               g_free, NULL);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (entries->len == 0)
    return TRUE;

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (entry_by_id, &g_array_index (ids, gint64, i),
                         g_ptr_array_index (entries, i));

  json = ids_to_json (ids);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id, uuid, agency, name, role, notes, created, "
                                        "modified FROM agency_contact "
                                        "WHERE agency IN (SELECT value FROM json_each (?1)) "
                                        "ORDER BY agency, name COLLATE swedish, id",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 agency_id = sqlite3_column_int64 (stmt, 2);
      LankaDirectoryEntry *entry = g_hash_table_lookup (entry_by_id, &agency_id);
      LankaAgencyContact *contact;

      if (entry == NULL)
        continue;

      contact = g_object_new (LANKA_TYPE_AGENCY_CONTACT,
                              "name", sqlite3_column_text (stmt, 3),
                              "role", sqlite3_column_text (stmt, 4),
                              "notes", sqlite3_column_text (stmt, 5),
                              NULL);
      _lanka_agency_contact_set_identity (contact,
                                          (const char *)sqlite3_column_text (stmt, 1),
                                          lanka_agency_get_uuid (entry->agency),
                                          sqlite3_column_int64 (stmt, 6),
                                          sqlite3_column_int64 (stmt, 7));
      g_ptr_array_add (entry->contacts, contact);
      g_hash_table_insert (contact_by_id, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                     sizeof (gint64)),
                           contact);
    }

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (g_hash_table_size (contact_by_id) == 0)
    return TRUE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT cc.contact, cc.kind, cc.label, cc.value "
                                        "FROM agency_contact_channel cc "
                                        "JOIN agency_contact c ON c.id = cc.contact "
                                        "WHERE c.agency IN (SELECT value FROM json_each (?1)) "
                                        "ORDER BY cc.contact, cc.position",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 contact_id = sqlite3_column_int64 (stmt, 0);
      LankaAgencyContact *contact = g_hash_table_lookup (contact_by_id, &contact_id);
      LankaChannelKind kind;

      if (contact != NULL &&
          lanka_channel_kind_from_string ((const char *)sqlite3_column_text (stmt, 1), &kind))
        lanka_agency_contact_add_channel (contact, kind,
                                          (const char *)sqlite3_column_text (stmt, 2),
                                          (const char *)sqlite3_column_text (stmt, 3));
    }

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

static gboolean
import_entry (LankaDatabase        *database,
              LankaDirectoryEntry  *entry,
              gint64                now,
              GError              **error)
{
  gint64 id;

  /* Indexed once, with its contact persons, at the end. */
  if (!_lanka_directory_write_agency_full (database, entry->agency, NULL, NULL, FALSE, error) ||
      !_lanka_directory_agency_id (database, lanka_agency_get_uuid (entry->agency), &id, error))
    return FALSE;

  for (guint i = 0; i < entry->contacts->len; i++)
    if (!_lanka_directory_insert_contact (database, id, lanka_agency_get_uuid (entry->agency),
                                          g_ptr_array_index (entry->contacts, i), now, error))
      return FALSE;

  return _lanka_directory_index_agency (database, id, error);
}

static void
forget_identities (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      LankaDirectoryEntry *entry = g_ptr_array_index (entries, i);

      _lanka_agency_set_identity (entry->agency, NULL, 0, 0);
      for (guint j = 0; j < entry->contacts->len; j++)
        _lanka_agency_contact_set_identity (g_ptr_array_index (entry->contacts, j),
                                            NULL, NULL, 0, 0);
    }
}

/**
 * lanka_directory_import:
 * @database: an open #LankaDatabase
 * @entries: (element-type LankaDirectoryEntry): new agencies with their
 *   contact persons, none of them saved yet
 * @error: a location for a #GError
 *
 * Saves all of @entries in one transaction: either every agency and every
 * contact person is saved and searchable, or, when one of them cannot be
 * (a value that cannot be right, a full disk), none is, and @error says
 * which one failed and why.  On success the agencies and contact persons
 * have their uuids; on failure they are as they were.
 *
 * Returns: %TRUE on success
 */
/* An import of a whole address book writes far more pages than SQLite's
 * default page cache (2 MiB) holds; it would write pages out and read them
 * back, encrypting and decrypting them each time, which costs more than
 * the inserts themselves (10 000 agencies: twice as long).  The cache
 * grows to at most this many KiB for the import, and shrinks back after.
 */
#define IMPORT_CACHE_KIB 131072

static gboolean
get_cache_size (LankaDatabase  *database,
                gint64         *cache_size,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, "PRAGMA cache_size", error)))
    return FALSE;

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *cache_size = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

static gboolean
set_cache_size (LankaDatabase  *database,
                gint64          cache_size,
                GError        **error)
{
  g_autofree char *sql = NULL;

  /* A pragma takes no parameters; the value is a number, never text. */
  sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

  return _lanka_database_exec (database, sql, error);
}

gboolean
lanka_directory_import (LankaDatabase  *database,
                        GPtrArray      *entries,
                        GError        **error)
{
  gint64 now = g_get_real_time ();
  gint64 cache_size = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < entries->len; i++)
    {
      LankaDirectoryEntry *entry = g_ptr_array_index (entries, i);

      g_return_val_if_fail (entry != NULL && LANKA_IS_AGENCY (entry->agency), FALSE);
      g_return_val_if_fail (lanka_agency_get_uuid (entry->agency) == NULL, FALSE);
    }

  if (!get_cache_size (database, &cache_size, error))
    return FALSE;

  /* A negative size is in KiB, a positive one in pages. */
  if (cache_size > -IMPORT_CACHE_KIB && !set_cache_size (database, -IMPORT_CACHE_KIB, error))
    return FALSE;

  if (!_lanka_directory_savepoint_begin (database, error))
    {
      set_cache_size (database, cache_size, NULL);
      return FALSE;
    }

  for (guint i = 0; ok && i < entries->len; i++)
    {
      LankaDirectoryEntry *entry = g_ptr_array_index (entries, i);
      const char *name = lanka_agency_get_name (entry->agency);

      if (!(ok = import_entry (database, entry, now, error)))
        {
          if (name != NULL)
            /* Translators: before the reason, such as "An agency needs a name." */
            g_prefix_error (error, _("“%s” could not be imported: "), name);
          else
            /* Translators: before the reason, such as "An agency needs a name." */
            g_prefix_error (error, _("Entry %u could not be imported: "), i + 1);
        }
    }

  if (!ok)
    forget_identities (entries);

  ok = _lanka_directory_savepoint_end (database, ok, error);

  if (cache_size > -IMPORT_CACHE_KIB)
    set_cache_size (database, cache_size, NULL);

  return ok;
}

/* The uuids as a JSON array of strings, for json_each(). */
static char *
uuids_to_json (const char * const *uuids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; uuids[i] != NULL; i++)
    json_builder_add_string_value (builder, uuids[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* The row ids of the live agencies among @uuids, in the order of @uuids
 * and each once.
 */
static gboolean
ids_of_uuids (LankaDatabase       *database,
              const char * const  *uuids,
              GArray              *ids,
              GError             **error)
{
  g_autoptr(GHashTable) id_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, g_free);
  g_autofree char *json = uuids_to_json (uuids);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT uuid, id FROM agency "
                                        "WHERE uuid IN (SELECT value FROM json_each (?1)) "
                                        "AND trashed IS NULL",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (id_by_uuid,
                         g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) },
                                    sizeof (gint64)));

  if (!_lanka_directory_finish_rows (database, stmt, rc, error))
    return FALSE;

  for (guint i = 0; uuids[i] != NULL; i++)
    {
      g_autofree gint64 *id = NULL;

      /* Stolen, so that a uuid given twice comes once, where it came first. */
      if (g_hash_table_steal_extended (id_by_uuid, uuids[i], NULL, (gpointer *)&id))
        g_array_append_val (ids, *id);
    }

  return TRUE;
}

static gboolean
all_ids (LankaDatabase  *database,
         GArray         *ids,
         GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id FROM agency WHERE trashed IS NULL "
                                        "ORDER BY name COLLATE swedish, id",
                                        error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  return _lanka_directory_finish_rows (database, stmt, rc, error);
}

/**
 * lanka_directory_export_entries:
 * @database: an open #LankaDatabase
 * @uuids: (nullable) (array zero-terminated=1): the agencies to export, or
 *   %NULL for all of them
 * @error: a location for a #GError
 *
 * Reads agencies with everything they hold and their contact persons
 * (by name), for an export.  Agencies in the trash, and uuids of agencies
 * that no longer exist, are left out.
 *
 * Returns: (transfer container) (element-type LankaDirectoryEntry)
 *   (nullable): the agencies in Swedish alphabetical order, or in the
 *   order of @uuids; %NULL on error
 */
GPtrArray *
lanka_directory_export_entries (LankaDatabase       *database,
                                const char * const  *uuids,
                                GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree LankaAgency **agencies = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (uuids != NULL ? !ids_of_uuids (database, uuids, ids, error) : !all_ids (database, ids, error))
    return NULL;

  if (!(agencies = _lanka_directory_load_many (database, ids, error)))
    return NULL;

  entries = g_ptr_array_new_full (ids->len, (GDestroyNotify)lanka_directory_entry_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LankaAgency) agency = g_steal_pointer (&agencies[i]);

      if (agency != NULL)
        {
          g_ptr_array_add (entries, lanka_directory_entry_new (agency));
          g_array_append_val (found, g_array_index (ids, gint64, i));
        }
    }

  if (!read_contacts (database, entries, found, error))
    return NULL;

  return g_steal_pointer (&entries);
}
