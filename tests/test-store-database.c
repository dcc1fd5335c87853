/* test-store-database.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-audit.h"
#include "lanka-database-private.h"
#include "lanka-draft.h"
#include "lanka-key.h"
#include "lanka-sqlite-memory.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The schema version a new database has: the number of migrations.  Raise
 * it together with every new migration.
 */
#define EXPECTED_SCHEMA_VERSION 6

#define SQLITE_MAGIC "SQLite format 3"

typedef struct
{
  char     *dir;
  char     *path;
  LankaKey *key;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->key = lanka_key_new_random ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->key, lanka_key_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static LankaDatabase *
create_database (const char     *path,
                 const LankaKey *key)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);

  return g_steal_pointer (&database);
}

static LankaDatabase *
open_database (const char     *path,
               const LankaKey *key)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);

  return g_steal_pointer (&database);
}

static void
make_closed_database (const char     *path,
                      const LankaKey *key)
{
  g_autoptr(LankaDatabase) database = create_database (path, key);

  lanka_database_close (database);
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/* The sorted names in @dir, joined: shows a -wal, -shm or any other new file. */
static char *
list_directory (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);

  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("/", (char **)names->pdata);
}

static void
write_file (const char    *path,
            gconstpointer  data,
            gsize          length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  write_file (to, contents, length);
}

static gint64
query_int (LankaDatabase *database,
           const char    *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 value;

  stmt = _lanka_database_prepare (database, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/* Keys a connection with exactly these bytes and tries the first read: how
 * SQLCipher itself judges a key, without Länka's open sequence around it.
 */
static int
raw_first_read (const char *path,
                const char *key,
                int         length)
{
  sqlite3 *handle = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  rc = sqlite3_key (handle, key, length);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  rc = sqlite3_exec (handle, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close_v2 (handle);

  return rc;
}

static void
test_key_raw_form (void)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(LankaKey) other = lanka_key_new_random ();
  g_autoptr(LankaKey) parsed = NULL;
  g_autoptr(LankaKey) copy = NULL;
  g_autoptr(LankaSecret) raw = lanka_key_dup_raw_form (key);
  g_autoptr(LankaSecret) hex = lanka_key_dup_hex (key);
  g_autoptr(GError) error = NULL;

  /* Exactly x' + 64 lowercase hex digits + ': any other shape is a
   * passphrase to SQLCipher.
   */
  g_assert_cmpint (LANKA_KEY_RAW_FORM_LENGTH, ==, 67);
  g_assert_cmpuint (strlen (raw), ==, LANKA_KEY_RAW_FORM_LENGTH);
  g_assert_true (g_str_has_prefix (raw, "x'"));
  g_assert_true (g_str_has_suffix (raw, "'"));
  for (guint i = 2; i < LANKA_KEY_RAW_FORM_LENGTH - 1; i++)
    g_assert_nonnull (strchr ("0123456789abcdef", raw[i]));
  g_assert_cmpint (strncmp (raw + 2, hex, 64), ==, 0);
  g_assert_cmpuint (strlen (hex), ==, 64);

  parsed = lanka_key_new_from_hex (hex, &error);
  g_assert_no_error (error);
  g_assert_true (lanka_key_equal (parsed, key));
  g_assert_cmpmem (lanka_key_get_bytes (parsed), LANKA_KEY_SIZE,
                   lanka_key_get_bytes (key), LANKA_KEY_SIZE);

  copy = lanka_key_copy (key);
  g_assert_true (lanka_key_equal (copy, key));
  g_assert_false (lanka_key_equal (other, key));
}

static void
test_key_from_hex (void)
{
  const char *invalid[] = {
    "",
    "00",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
    "x'0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd'",
  };
  const guint8 expected[LANKA_KEY_SIZE] = {
    0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
    0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
    0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
    0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaKey) upper = NULL;

  upper = lanka_key_new_from_hex ("0123456789ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef",
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpmem (lanka_key_get_bytes (upper), LANKA_KEY_SIZE, expected, sizeof expected);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(LankaKey) key = lanka_key_new_from_hex (invalid[i], &error);

      g_assert_null (key);
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
      g_clear_error (&error);
    }
}

static void
test_create_and_reopen (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *header = NULL;
  gsize length;
  GStatBuf st;

  database = create_database (fixture->path, fixture->key);
  g_assert_true (lanka_database_is_open (database));
  g_assert_cmpstr (lanka_database_get_path (database), ==, fixture->path);
  g_assert_true (g_uuid_string_is_valid (lanka_database_get_uuid (database)));
  g_assert_cmpint (lanka_database_get_version (database), ==, EXPECTED_SCHEMA_VERSION);
  g_assert_cmpint (query_int (database, "PRAGMA user_version"), ==, EXPECTED_SCHEMA_VERSION);
  uuid = g_strdup (lanka_database_get_uuid (database));

  /* The settings from the security model are in force. */
  g_assert_cmpint (query_int (database, "PRAGMA temp_store"), ==, 2);
  g_assert_cmpint (query_int (database, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (query_int (database, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (database, "PRAGMA secure_delete"), ==, 1);
  /* Freed memory is wiped by Länka's allocator, which SQLite uses since
   * the first database of the process; SQLCipher's per-allocation mlock
   * is off.
   */
  g_assert_true (_lanka_sqlite_memory_is_wiping ());
  g_assert_cmpint (query_int (database, "PRAGMA cipher_memory_security"), ==, 0);
  g_assert_true (sqlite3_threadsafe () != 0);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM meta WHERE key = 'created'"), ==, 1);

  lanka_database_close (database);
  g_assert_false (lanka_database_is_open (database));
  lanka_database_close (database);
  g_clear_object (&database);

  /* Only the owner can read it, whatever the umask was. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmphex (st.st_mode & 0777, ==, 0600);

  /* A clean close leaves one file, which does not start with the plaintext
   * SQLite header.
   */
  {
    g_autofree char *listing = list_directory (fixture->dir);

    g_assert_cmpstr (listing, ==, "lanka.db");
  }
  g_file_get_contents (fixture->path, &header, &length, NULL);
  g_assert_cmpuint (length, >=, 16);
  g_assert_true (memcmp (header, SQLITE_MAGIC, 16) != 0);

  database = open_database (fixture->path, fixture->key);
  g_assert_cmpstr (lanka_database_get_uuid (database), ==, uuid);
  g_assert_cmpint (lanka_database_get_version (database), ==, EXPECTED_SCHEMA_VERSION);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM meta WHERE key = 'uuid'"), ==, 1);

  /* The journal mode is a property of the file: check it after reopening. */
  {
    g_autoptr(GError) error = NULL;
    sqlite3_stmt *stmt = _lanka_database_prepare (database, "PRAGMA journal_mode", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_reset (stmt);
  }
}

static void
test_closed_database (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static ("x", 1);

  lanka_database_close (database);

  /* Work that arrives after locking fails cleanly instead of crashing. */
  g_assert_false (lanka_draft_save (database, "case", "1", content, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (lanka_audit_log (database, LANKA_AUDIT_LOCK, NULL, NULL, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (lanka_database_begin (database, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) unlocks = NULL;
  g_autoptr(GPtrArray) last = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time ();
  LankaAuditEntry *entry;

  g_assert_true (lanka_audit_log (database, LANKA_AUDIT_UNLOCK, NULL, "keyring", &error));
  g_assert_true (lanka_audit_log (database, LANKA_AUDIT_BACKUP, "backup-1", NULL, &error));
  g_assert_true (lanka_audit_log (database, LANKA_AUDIT_UNLOCK, NULL, "recovery-code", &error));
  g_assert_no_error (error);

  all = lanka_audit_list (database, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);

  /* Newest first. */
  entry = g_ptr_array_index (all, 0);
  g_assert_cmpstr (entry->action, ==, LANKA_AUDIT_UNLOCK);
  g_assert_cmpstr (entry->detail, ==, "recovery-code");
  g_assert_null (entry->object);
  g_assert_cmpstr (entry->user, ==, g_get_user_name ());
  g_assert_cmpint (entry->time, >=, before);
  g_assert_cmpint (entry->time, <=, g_get_real_time ());

  entry = g_ptr_array_index (all, 1);
  g_assert_cmpstr (entry->action, ==, LANKA_AUDIT_BACKUP);
  g_assert_cmpstr (entry->object, ==, "backup-1");
  g_assert_null (entry->detail);
  g_assert_cmpint (entry->id, <, ((LankaAuditEntry *)g_ptr_array_index (all, 0))->id);

  unlocks = lanka_audit_list (database, LANKA_AUDIT_UNLOCK, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unlocks->len, ==, 2);

  last = lanka_audit_list (database, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last->len, ==, 1);
  g_assert_cmpstr (((LankaAuditEntry *)g_ptr_array_index (last, 0))->detail, ==, "recovery-code");

  /* Append-only: the triggers refuse changes and removals, even from code
   * that has the open database.
   */
  g_assert_false (_lanka_database_exec (database, "UPDATE audit_log SET action = 'x'", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (_lanka_database_exec (database, "DELETE FROM audit_log", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_clear_error (&error);

  g_assert_cmpint (query_int (database, "SELECT count(*) FROM audit_log"), ==, 3);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM audit_log WHERE action = 'x'"), ==, 0);
}

static void
test_drafts (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
  g_autoptr(GBytes) first = g_bytes_new_static ("first", 5);
  g_autoptr(GBytes) second = g_bytes_new_static ("second\0binary", 13);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) objects = NULL;
  gint64 saved_at = -1;

  /* No draft is not an error. */
  loaded = lanka_draft_load (database, "case", "17", &saved_at, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  g_assert_cmpint (saved_at, ==, 0);

  g_assert_true (lanka_draft_save (database, "case", "17", first, &error));
  g_assert_true (lanka_draft_save (database, "case", "", empty, &error));
  g_assert_true (lanka_draft_save (database, "agency", "17", first, &error));
  g_assert_no_error (error);

  loaded = lanka_draft_load (database, "case", "17", &saved_at, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, first));
  g_assert_cmpint (saved_at, >, 0);
  g_clear_pointer (&loaded, g_bytes_unref);

  /* Saving again replaces, binary content included. */
  g_assert_true (lanka_draft_save (database, "case", "17", second, &error));
  g_assert_no_error (error);
  loaded = lanka_draft_load (database, "case", "17", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, second));
  g_clear_pointer (&loaded, g_bytes_unref);

  loaded = lanka_draft_load (database, "case", "", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (g_bytes_get_size (loaded), ==, 0);
  g_clear_pointer (&loaded, g_bytes_unref);

  objects = lanka_draft_list (database, "case", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (objects), ==, 2);
  g_assert_cmpstr (objects[0], ==, "");
  g_assert_cmpstr (objects[1], ==, "17");
  g_clear_pointer (&objects, g_strfreev);

  g_assert_true (lanka_draft_discard (database, "case", "17", &error));
  g_assert_true (lanka_draft_discard (database, "case", "no-such-draft", &error));
  g_assert_no_error (error);

  loaded = lanka_draft_load (database, "case", "17", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  objects = lanka_draft_list (database, "case", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (objects), ==, 1);
  g_clear_pointer (&objects, g_strfreev);

  objects = lanka_draft_list (database, "material", &error);
  g_assert_no_error (error);
  g_assert_nonnull (objects);
  g_assert_cmpuint (g_strv_length (objects), ==, 0);

  /* Drafts survive closing, which is the point of them. */
  lanka_database_close (database);
  g_clear_object (&database);
  database = open_database (fixture->path, fixture->key);
  loaded = lanka_draft_load (database, "agency", "17", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, first));
}

static void
test_open_missing (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  database = lanka_database_open (fixture->path, fixture->key, &error);
  g_assert_null (database);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_MISSING);

  /* Opening never creates anything. */
  listing = list_directory (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_create_refuses_existing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);

  write_file (fixture->path, "keep me", 7);

  database = lanka_database_create (fixture->path, fixture->key, &error);
  g_assert_null (database);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_file_get_contents (fixture->path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "keep me");
  g_unlink (fixture->path);

  /* An existing database is not replaced either. */
  make_closed_database (fixture->path, fixture->key);
  before = file_sha256 (fixture->path);

  database = lanka_database_create (fixture->path, fixture->key, &error);
  g_assert_null (database);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  after = file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A log left by an earlier database belongs to that database. */
  write_file (other_wal, "earlier log", 11);
  database = lanka_database_create (other, fixture->key, &error);
  g_assert_null (database);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (other_wal);

  listing = list_directory (fixture->dir);
  g_assert_cmpstr (listing, ==, "lanka.db");
}

static void
test_wrong_keys (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *env = g_getenv ("LANKA_TEST_WRONG_KEYS");
  guint64 n_keys = 200;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  gint64 started;

  if (env != NULL && env[0] != '\0')
    g_assert_true (g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &n_keys, NULL));

  make_closed_database (fixture->path, fixture->key);
  before = file_sha256 (fixture->path);
  listing_before = list_directory (fixture->dir);

  started = g_get_monotonic_time ();

  for (guint64 i = 0; i < n_keys; i++)
    {
      g_autoptr(LankaKey) wrong = lanka_key_new_random ();
      g_autoptr(LankaDatabase) database = NULL;
      g_autoptr(GError) error = NULL;

      database = lanka_database_open (fixture->path, wrong, &error);
      g_assert_null (database);
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
    }

  g_test_message ("%" G_GUINT64_FORMAT " wrong keys refused in %.1f ms",
                  n_keys, (g_get_monotonic_time () - started) / 1000.0);

  after = file_sha256 (fixture->path);
  listing_after = list_directory (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing_before, ==, listing_after);

  /* And the right key still opens it. */
  {
    g_autoptr(LankaDatabase) database = open_database (fixture->path, fixture->key);

    g_assert_true (lanka_database_is_open (database));
  }
}

static void
make_plain_sqlite (const char *path)
{
  sqlite3 *handle = NULL;
  int rc;

  /* This process links SQLCipher; without a key it writes plain SQLite. */
  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (handle,
                     "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                     "INSERT INTO meta VALUES ('uuid', 'not-encrypted');"
                     "PRAGMA user_version = 1;",
                     NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_close_v2 (handle);
}

static void
assert_refused_untouched (Fixture        *fixture,
                          const LankaKey *key,
                          GQuark          domain,
                          int             code)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_sha256 (fixture->path);
  g_autofree char *listing_before = list_directory (fixture->dir);
  g_autofree char *after = NULL;
  g_autofree char *listing_after = NULL;

  database = lanka_database_open (fixture->path, key, &error);
  g_assert_null (database);
  g_assert_error (error, domain, code);

  after = file_sha256 (fixture->path);
  listing_after = list_directory (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing_before, ==, listing_after);
}

static void
test_foreign_files (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *header = NULL;
  g_autofree guint8 *noise = g_malloc (64 * 1024);
  g_autofree char *link = g_build_filename (fixture->dir, "link.db", NULL);
  gsize length;

  /* A plaintext SQLite file, even one shaped like a Länka database. */
  make_plain_sqlite (fixture->path);
  g_file_get_contents (fixture->path, &header, &length, NULL);
  g_assert_cmpmem (header, 16, SQLITE_MAGIC, 16);
  assert_refused_untouched (fixture, fixture->key, LANKA_STORE_ERROR, LANKA_STORE_ERROR_FOREIGN);
  g_unlink (fixture->path);

  /* Random bytes look like an encrypted file with another key. */
  for (gsize i = 0; i < 64 * 1024; i++)
    noise[i] = (guint8)g_test_rand_int_range (0, 256);
  write_file (fixture->path, noise, 64 * 1024);
  assert_refused_untouched (fixture, fixture->key, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
  g_unlink (fixture->path);

  /* An empty file would look like a new database to SQLite. */
  write_file (fixture->path, "", 0);
  assert_refused_untouched (fixture, fixture->key, LANKA_STORE_ERROR, LANKA_STORE_ERROR_FOREIGN);
  g_unlink (fixture->path);

  /* A symbolic link is not followed. */
  make_closed_database (fixture->path, fixture->key);
  g_assert_cmpint (symlink ("lanka.db", link), ==, 0);
  {
    g_autoptr(LankaDatabase) database = NULL;
    g_autoptr(GError) error = NULL;

    database = lanka_database_open (link, fixture->key, &error);
    g_assert_null (database);
    g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  }
}

static void
test_foreign_versions (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaSecret) raw = lanka_key_dup_raw_form (fixture->key);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  sqlite3 *handle = NULL;

  /* A database from a newer Länka is left for that version. */
  {
    g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
    g_autoptr(GError) error = NULL;

    g_assert_true (_lanka_database_exec (database, "PRAGMA user_version = 999", &error));
    g_assert_no_error (error);
  }
  assert_refused_untouched (fixture, fixture->key, LANKA_STORE_ERROR, LANKA_STORE_ERROR_FOREIGN);

  /* An encrypted database with the right key but without Länka's identity,
   * at version 0 (never migrated) and at version 1 (no uuid).
   */
  g_assert_cmpint (sqlite3_open_v2 (other, &handle,
                                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_key (handle, raw, LANKA_KEY_RAW_FORM_LENGTH), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE something (x)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close_v2 (handle);

  g_unlink (fixture->path);
  g_assert_cmpint (g_rename (other, fixture->path), ==, 0);
  assert_refused_untouched (fixture, fixture->key, LANKA_STORE_ERROR, LANKA_STORE_ERROR_FOREIGN);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &handle, SQLITE_OPEN_READWRITE, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_key (handle, raw, LANKA_KEY_RAW_FORM_LENGTH), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close_v2 (handle);
  assert_refused_untouched (fixture, fixture->key, LANKA_STORE_ERROR, LANKA_STORE_ERROR_FOREIGN);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

static void
test_raw_key_is_fast (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LankaSecret) raw = lanka_key_dup_raw_form (fixture->key);
  g_autofree char *longer = NULL;
  gint64 times[5];

  make_closed_database (fixture->path, fixture->key);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(LankaDatabase) database = open_database (fixture->path, fixture->key);

      times[i] = g_get_monotonic_time () - started;
      lanka_database_close (database);
    }

  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_gint64);
  g_test_message ("open with the raw key: median %.2f ms", times[2] / 1000.0);

  /* A slow open means SQLCipher ran its passphrase KDF over the key. */
  g_assert_cmpint (times[2], <, 50 * 1000);

  /* The exact raw form opens; one character less or more is a passphrase
   * to SQLCipher and gives another key.
   */
  g_assert_cmpint (raw_first_read (fixture->path, raw, LANKA_KEY_RAW_FORM_LENGTH), ==, SQLITE_OK);
  g_assert_cmpint (raw_first_read (fixture->path, raw, LANKA_KEY_RAW_FORM_LENGTH - 1),
                   ==, SQLITE_NOTADB);
  longer = g_strdup_printf ("x'%.64s0'", raw + 2);
  g_assert_cmpuint (strlen (longer), ==, LANKA_KEY_RAW_FORM_LENGTH + 1);
  g_assert_cmpint (raw_first_read (fixture->path, longer, LANKA_KEY_RAW_FORM_LENGTH + 1),
                   ==, SQLITE_NOTADB);
}

/* Every file this process has open is the database or its -wal and -shm;
 * nothing else, and nothing already unlinked, which is how SQLite keeps its
 * temporary files.
 */
static void
assert_no_temporary_files (const char *database_path)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (fds);

  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      /* Pipes, sockets, terminals, /dev/urandom and the directory listing
       * itself are not files SQLite wrote.
       */
      if (target == NULL || target[0] != '/' ||
          g_str_has_prefix (target, "/dev/") || g_str_has_prefix (target, "/proc/"))
        continue;

      g_assert_false (g_str_has_suffix (target, " (deleted)"));
      g_assert_true (g_str_has_prefix (target, database_path));
    }
}

static char *
make_marker (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *marker = g_malloc (25);

  for (guint i = 0; i < 24; i++)
    marker[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
  marker[24] = '\0';

  return marker;
}

typedef struct
{
  const char *needle;
  gsize       needle_length;
  GPtrArray  *hits;
  guint       n_files;
  guint64     n_bytes;
} Scan;

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle,
          gsize       needle_length)
{
  const char *end = haystack + length;
  const char *p = haystack;

  while (end - p >= (gssize)needle_length &&
         (p = memchr (p, needle[0], end - p - needle_length + 1)) != NULL)
    {
      if (memcmp (p, needle, needle_length) == 0)
        return TRUE;
      p++;
    }

  return FALSE;
}

static void
scan_file (Scan       *scan,
           const char *path)
{
  g_autofree char *buffer = NULL;
  gsize chunk = 1024 * 1024;
  gsize kept = 0;
  int fd;

  /* O_NONBLOCK so that a FIFO someone left behind does not hang the test. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return;

  buffer = g_malloc (chunk + scan->needle_length);
  scan->n_files++;

  for (;;)
    {
      gssize n = read (fd, buffer + kept, chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;

      scan->n_bytes += n;

      if (contains (buffer, kept + n, scan->needle, scan->needle_length))
        {
          g_ptr_array_add (scan->hits, g_strdup (path));
          break;
        }

      /* Keep the tail, so a marker split across two reads is found. */
      {
        gsize total = kept + n;

        kept = MIN (total, scan->needle_length - 1);
        memmove (buffer, buffer + total - kept, kept);
      }
    }

  g_close (fd, NULL);
}

static void
scan_tree (Scan       *scan,
           const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        scan_tree (scan, child);
      else if (S_ISREG (st.st_mode))
        scan_file (scan, child);
    }
}

static guint
count_marker_files (const char *marker,
                    const char *dir)
{
  Scan scan = { marker, strlen (marker), g_ptr_array_new_with_free_func (g_free), 0, 0 };
  guint n_hits;

  scan_tree (&scan, dir);

  for (guint i = 0; i < scan.hits->len; i++)
    g_test_message ("plaintext found in %s", (char *)g_ptr_array_index (scan.hits, i));

  g_test_message ("scanned %u files, %.1f MB under %s",
                  scan.n_files, scan.n_bytes / (1024.0 * 1024.0), dir);

  n_hits = scan.hits->len;
  g_ptr_array_unref (scan.hits);

  return n_hits;
}

static void
test_no_plaintext (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
  g_autofree char *marker = make_marker ();
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *control = g_build_filename (fixture->dir, "control", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *object = g_strdup_printf ("%u", i);
      g_autofree char *text = g_strdup_printf ("Namn: %s, rad %u", marker, i);
      g_autoptr(GBytes) content = g_bytes_new (text, strlen (text));

      g_assert_true (lanka_draft_save (database, "case", object, content, &error));
      g_assert_true (lanka_audit_log (database, "view", object, marker, &error));
      g_assert_no_error (error);
    }

  /* A sort bigger than the page cache, which SQLite would spill to a
   * temporary file.  Such a file is unlinked as soon as it is opened, so no
   * directory scan could see it: look at the open descriptors halfway
   * through the sort instead.
   */
  stmt = _lanka_database_prepare (database,
                                  "WITH RECURSIVE n (x) AS "
                                  "(SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 30000) "
                                  "SELECT ?1 || x || hex (randomblob (32)) AS v FROM n ORDER BY v DESC",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, marker, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < 15000; i++)
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  assert_no_temporary_files (fixture->path);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  stmt = _lanka_database_prepare (database,
                                  "CREATE TEMP TABLE scratch AS "
                                  "WITH RECURSIVE n (x) AS "
                                  "(SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000) "
                                  "SELECT ?1 || x || hex (randomblob (32)) AS v FROM n",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, marker, -1, SQLITE_TRANSIENT);
  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_true (_lanka_database_exec (database, "CREATE INDEX temp.scratch_v ON scratch (v)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM scratch WHERE v > ''"), ==, 20000);
  assert_no_temporary_files (fixture->path);

  g_assert_true (lanka_database_checkpoint (database, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_database_export (database, copy, &error));
  g_assert_no_error (error);
  lanka_database_close (database);

  /* The scan finds the marker when it is there, so zero hits means
   * something.
   */
  write_file (control, marker, strlen (marker));
  g_assert_cmpuint (count_marker_files (marker, fixture->dir), ==, 1);
  g_unlink (control);

  g_assert_cmpuint (count_marker_files (marker, fixture->dir), ==, 0);
  g_assert_cmpuint (count_marker_files (marker, g_get_tmp_dir ()), ==, 0);
}

static void
test_rekey (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
  g_autoptr(LankaKey) new_key = lanka_key_new_random ();
  g_autoptr(GBytes) content = g_bytes_new_static ("kept", 4);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (lanka_database_get_uuid (database));

  g_assert_true (lanka_draft_save (database, "case", "1", content, &error));
  g_assert_true (lanka_database_rekey (database, new_key, &error));
  g_assert_no_error (error);

  /* The open connection goes on working with the new key. */
  g_assert_true (lanka_draft_save (database, "case", "2", content, &error));
  g_assert_no_error (error);
  lanka_database_close (database);
  g_clear_object (&database);

  database = lanka_database_open (fixture->path, fixture->key, &error);
  g_assert_null (database);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  database = open_database (fixture->path, new_key);
  g_assert_cmpstr (lanka_database_get_uuid (database), ==, uuid);
  loaded = lanka_draft_load (database, "case", "1", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, content));
  g_clear_pointer (&loaded, g_bytes_unref);
  loaded = lanka_draft_load (database, "case", "2", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, content));
}

static void
fill_drafts (LankaDatabase *database,
             guint          n_rows,
             gsize          row_size)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_database_begin (database, &error));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *object = g_strdup_printf ("%06u", i);
      g_autofree guint8 *data = g_malloc (row_size);
      g_autoptr(GBytes) content = NULL;

      for (gsize j = 0; j < row_size; j++)
        data[j] = (guint8)g_test_rand_int_range (0, 256);
      content = g_bytes_new_take (g_steal_pointer (&data), row_size);
      g_assert_true (lanka_draft_save (database, "fill", object, content, &error));
    }
  g_assert_true (lanka_database_commit (database, &error));
  g_assert_no_error (error);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
  g_autoptr(LankaDatabase) damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autofree guint8 *junk = g_malloc (4096);
  GStatBuf st;
  int fd;

  fill_drafts (database, 400, 2000);

  g_assert_true (lanka_database_check (database, &verdict, &error));
  g_assert_no_error (error);
  g_assert_nonnull (verdict);
  g_clear_pointer (&verdict, g_free);
  lanka_database_close (database);

  /* Junk over one page in the middle, in a copy: the first pages (and so
   * the key check) are fine, the damage is found only by looking.
   */
  copy_file (fixture->path, copy);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 100 * 4096);
  for (guint i = 0; i < 4096; i++)
    junk[i] = (guint8)g_test_rand_int_range (0, 256);
  fd = g_open (copy, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, junk, 4096, (st.st_size / 4096 / 2) * 4096), ==, 4096);
  g_close (fd, NULL);

  damaged = open_database (copy, fixture->key);
  g_assert_false (lanka_database_check (damaged, &verdict, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DAMAGED);
  g_assert_nonnull (verdict);
  g_test_message ("verdict: %s", verdict);
}

static void
test_export_and_verify (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = create_database (fixture->path, fixture->key);
  g_autoptr(LankaDatabase) exported = NULL;
  g_autoptr(LankaKey) other_key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *truncated = g_build_filename (fixture->dir, "truncated.db", NULL);
  g_autofree char *stranger = g_build_filename (fixture->dir, "stranger.db", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;
  GStatBuf st;

  fill_drafts (database, 300, 1500);
  g_assert_true (lanka_audit_log (database, LANKA_AUDIT_BACKUP, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (lanka_database_export (database, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmphex (st.st_mode & 0777, ==, 0600);

  g_assert_true (lanka_database_verify_copy (database, copy, &error));
  g_assert_no_error (error);

  /* Never over an existing file. */
  before = file_sha256 (copy);
  g_assert_false (lanka_database_export (database, copy, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  after = file_sha256 (copy);
  g_assert_cmpstr (before, ==, after);

  /* Half a copy is not a copy. */
  g_file_get_contents (copy, &contents, &length, NULL);
  write_file (truncated, contents, length / 2);
  g_assert_false (lanka_database_verify_copy (database, truncated, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  /* Nor is another database, or no file at all. */
  make_closed_database (stranger, other_key);
  g_assert_false (lanka_database_verify_copy (database, stranger, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  g_assert_false (lanka_database_verify_copy (database, missing, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* The copy is encrypted with the same key (no KEY clause needed) and is
   * the same database.
   */
  g_assert_true (memcmp (contents, SQLITE_MAGIC, 16) != 0);
  exported = open_database (copy, fixture->key);
  g_assert_cmpstr (lanka_database_get_uuid (exported), ==, lanka_database_get_uuid (database));
  g_assert_cmpint (lanka_database_get_version (exported), ==, EXPECTED_SCHEMA_VERSION);
  g_assert_cmpint (query_int (exported, "SELECT count(*) FROM draft"), ==, 300);
  g_assert_cmpint (query_int (exported, "SELECT count(*) FROM audit_log"), ==, 1);
  lanka_database_close (exported);
  g_clear_object (&exported);

  exported = lanka_database_open (copy, other_key, &error);
  g_assert_null (exported);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/key/raw-form", test_key_raw_form);
  g_test_add_func ("/store/key/from-hex", test_key_from_hex);

#define ADD(path, func) \
  g_test_add ("/store/database/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create-and-reopen", test_create_and_reopen);
  ADD ("closed", test_closed_database);
  ADD ("audit", test_audit);
  ADD ("drafts", test_drafts);
  ADD ("open-missing", test_open_missing);
  ADD ("create-refuses-existing", test_create_refuses_existing);
  ADD ("wrong-keys", test_wrong_keys);
  ADD ("foreign-files", test_foreign_files);
  ADD ("foreign-versions", test_foreign_versions);
  ADD ("raw-key-is-fast", test_raw_key_is_fast);
  ADD ("no-plaintext", test_no_plaintext);
  ADD ("rekey", test_rekey);
  ADD ("check", test_check);
  ADD ("export-and-verify", test_export_and_verify);

#undef ADD

  return g_test_run ();
}
