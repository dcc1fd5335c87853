/* test-store-case-sample.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-case.h"
#include "lanka-case-sample.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-key.h"
#include "lanka-record.h"
#include "lanka-test-util.h"

#include <string.h>

/* The generated cases: always the same for a seed, stored as a save
 * would store them, valid, and all or nothing.
 */

#define N_CASES  40
#define SEED     20260705

/* Every table a generated case writes rows into. */
static const char * const case_tables[] = {
  "\"case\"", "person", "person_citizenship", "person_language", "case_person", "case_flag",
  "exploitation", "exploitation_value", "assessment", "permit_event", "legal_process",
  "plan_item", "journal_entry",
};

typedef struct
{
  char          *dir;
  LankaDatabase *database;
} Fixture;

static LankaDatabase *
create_database (const char *dir,
                 const char *name)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  LankaDatabase *database = lanka_database_create (path, key, &error);

  g_assert_no_error (error);
  return database;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = create_database (fixture->dir, "lanka.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
generate (LankaDatabase *database,
          guint          n_cases,
          guint32        seed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_case_sample_generate (database, n_cases, 3, seed, NULL, &error));
  g_assert_no_error (error);
}

static gint64
query_int (LankaDatabase *database,
           const char    *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/* A digest of every row of every case table, column by column, with
 * what separates values and rows, so that no two contents hash alike.
 */
static char *
dup_digest (LankaDatabase *database)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (case_tables); i++)
    {
      g_autofree char *all = g_strdup_printf ("SELECT * FROM %s", case_tables[i]);
      g_autoptr(GString) sql = g_string_new (all);
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = _lanka_database_prepare (database, all, &error);
      int rc;

      /* In the order of every column: some tables have no rowid. */
      g_assert_no_error (error);
      for (int column = 0; column < sqlite3_column_count (stmt); column++)
        g_string_append_printf (sql, "%s%d", column == 0 ? " ORDER BY " : ", ", column + 1);
      stmt = _lanka_database_prepare (database, sql->str, &error);
      g_assert_no_error (error);
      g_checksum_update (checksum, (const guchar *)case_tables[i], -1);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (int column = 0; column < sqlite3_column_count (stmt); column++)
            {
              const guchar *text = sqlite3_column_text (stmt, column);
              guchar type = (guchar) sqlite3_column_type (stmt, column);

              g_checksum_update (checksum, &type, 1);
              if (text != NULL)
                g_checksum_update (checksum, text, sqlite3_column_bytes (stmt, column));
              g_checksum_update (checksum, (const guchar *)"\x1f", 1);
            }
          g_checksum_update (checksum, (const guchar *)"\x1e", 1);
        }

      g_assert_cmpint (rc, ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static GPtrArray *
list_uuids (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, "SELECT uuid FROM \"case\" ORDER BY id",
                                                &error);
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  return uuids;
}

/* The same seed gives the same rows in another database; another seed
 * does not.
 */
static void
test_same_seed (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) same = create_database (fixture->dir, "same.db");
  g_autoptr(LankaDatabase) other = create_database (fixture->dir, "other.db");
  g_autofree char *digest = NULL;
  g_autofree char *same_digest = NULL;
  g_autofree char *other_digest = NULL;

  generate (fixture->database, N_CASES, SEED);
  generate (same, N_CASES, SEED);
  generate (other, N_CASES, SEED + 1);

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM \"case\""), ==, N_CASES);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM journal_entry"),
                   >=, N_CASES * 3);

  digest = dup_digest (fixture->database);
  same_digest = dup_digest (same);
  other_digest = dup_digest (other);
  g_assert_cmpstr (digest, ==, same_digest);
  g_assert_cmpstr (digest, !=, other_digest);
}

/* The columns the store keeps for the list are what the case document
 * says, and every generated case passes the editor's checks.
 */
static void
test_derived_and_valid (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) uuids = NULL;
  guint n_children = 0;
  guint n_deadlines = 0;

  generate (fixture->database, N_CASES, SEED);
  uuids = list_uuids (fixture->database);
  g_assert_cmpuint (uuids->len, ==, N_CASES);

  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LankaCase) kase = lanka_cases_load (fixture->database, uuids->pdata[i], &error);
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *deadline = NULL;
      LankaRecord *record;
      gboolean child;

      g_assert_no_error (error);
      g_assert_nonnull (kase);
      record = lanka_case_get_record (kase);

      child = lanka_case_is_child (kase, NULL);
      g_assert_cmpint (lanka_record_get_boolean (record, "child"), ==, child);
      n_children += child;

      deadline = lanka_case_dup_next_deadline (kase, NULL);
      g_assert_cmpstr (lanka_record_get (record, "next_deadline"), ==, deadline);
      n_deadlines += deadline != NULL;

      g_assert_nonnull (lanka_record_get (record, "alias"));
      g_assert_cmpstr (lanka_record_get (record, "alias"), ==,
                       lanka_record_get (lanka_case_get_victim (kase), "alias"));
      g_assert_true (g_str_has_prefix (lanka_record_get (record, "alias"), "Sample "));

      problems = lanka_case_validate (kase, NULL);
      for (guint j = 0; j < problems->len; j++)
        {
          LankaCaseProblem *problem = problems->pdata[j];

          g_test_message ("%s: %s %s: %s", (const char *)uuids->pdata[i], problem->record,
                          problem->field, problem->message);
        }
      g_assert_cmpuint (problems->len, ==, 0);
    }

  /* The set has both, or the comparisons above prove little. */
  g_assert_cmpuint (n_children, >, 0);
  g_assert_cmpuint (n_children, <, N_CASES);
  g_assert_cmpuint (n_deadlines, >, 0);
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (G_USEC_PER_SEC / 20);
  g_cancellable_cancel (data);

  return NULL;
}

/* Cancelled halfway, nothing of the generation stays: the cases there
 * before are all that is left, row for row, and so is their search.
 */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 n_indexed;

  generate (fixture->database, 5, SEED);
  before = dup_digest (fixture->database);
  n_indexed = query_int (fixture->database, "SELECT count(*) FROM case_fts");
  g_assert_cmpint (n_indexed, ==, 5);

  /* Enough cases that the cancel comes while they are written. */
  thread = g_thread_new ("cancel", cancel_soon, cancellable);
  g_assert_false (lanka_case_sample_generate (fixture->database, 100000, 3, SEED + 1, cancellable,
                                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_thread_join (g_steal_pointer (&thread));

  after = dup_digest (fixture->database);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM case_fts"), ==, n_indexed);

  /* Cancelled before it starts, too. */
  g_clear_error (&error);
  g_assert_false (lanka_case_sample_generate (fixture->database, 10, 3, SEED, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM \"case\""), ==, 5);

  /* And the database takes the next write. */
  generate (fixture->database, 2, SEED + 2);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM \"case\""), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/case-sample/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("same-seed", test_same_seed);
  ADD ("derived-and-valid", test_derived_and_valid);
  ADD ("cancel", test_cancel);

#undef ADD

  return g_test_run ();
}
