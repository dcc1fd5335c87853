/* test-store-journal.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-audit.h"
#include "lanka-case-sample.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-journal.h"
#include "lanka-key.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"

#include <string.h>

/* The cases are the sample generator's fictional ones; the texts below
 * are made up for the tests.
 */

typedef struct
{
  char          *dir;
  LankaDatabase *database;
  /* Two cases with nothing in their journals but the case's own events. */
  char          *case_uuid;
  char          *other_case_uuid;
} Fixture;

static char *
query_string (LankaDatabase *database,
              const char    *sql,
              const char    *parameter)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;

  stmt = _lanka_database_prepare (database, sql, &error);
  g_assert_no_error (error);
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return value;
}

static gint64
query_int (LankaDatabase *database,
           const char    *sql,
           const char    *parameter)
{
  g_autofree char *value = query_string (database, sql, parameter);

  g_assert_nonnull (value);

  return g_ascii_strtoll (value, NULL, 10);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = lanka_test_make_data_dir ();
  path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);

  lanka_case_sample_generate (fixture->database, 2, 0, 7, NULL, &error);
  g_assert_no_error (error);

  fixture->case_uuid = query_string (fixture->database,
                                     "SELECT uuid FROM \"case\" ORDER BY id LIMIT 1", NULL);
  fixture->other_case_uuid = query_string (fixture->database,
                                           "SELECT uuid FROM \"case\" ORDER BY id DESC LIMIT 1",
                                           NULL);
  g_assert_cmpstr (fixture->case_uuid, !=, fixture->other_case_uuid);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->case_uuid, g_free);
  g_clear_pointer (&fixture->other_case_uuid, g_free);
}

/* The entries of the timeline that people wrote, not the case's events. */
static GPtrArray *
list_written (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = lanka_journal_list (fixture->database, fixture->case_uuid, &error);
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  g_assert_nonnull (list);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (list, i);

      if (!lanka_journal_entry_is_event (entry))
        g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  return entries;
}

static gboolean
case_text_matches (Fixture    *fixture,
                   const char *word)
{
  return query_int (fixture->database,
                    "SELECT count(*) FROM case_fts WHERE case_fts MATCH ?1 AND rowid = "
                    "(SELECT id FROM \"case\" WHERE uuid = (SELECT uuid FROM \"case\" ORDER BY id "
                    "LIMIT 1))",
                    word) == 1;
}

static void
test_author (void)
{
  const char *author = lanka_journal_get_author ();

  g_assert_nonnull (author);
  g_assert_cmpstr (author, !=, "");
  g_assert_cmpstr (author, !=, "Unknown");
  /* The same name every time: a signature must not change its author. */
  g_assert_true (author == lanka_journal_get_author ());
}

static void
test_add (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before = g_get_real_time ();
  gint64 event_time = before - 3 * G_TIME_SPAN_DAY;
  gint64 modified_before;

  modified_before = query_int (fixture->database,
                               "SELECT modified FROM \"case\" WHERE uuid = ?1", fixture->case_uuid);

  g_assert_false (case_text_matches (fixture, "lunchsamtal"));

  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", event_time,
                             "Lunchsamtal på mottagningen, tolk närvarande. 👍", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);

  g_assert_nonnull (lanka_journal_entry_get_uuid (entry));
  g_assert_cmpstr (lanka_journal_entry_get_case_uuid (entry), ==, fixture->case_uuid);
  g_assert_cmpstr (lanka_journal_entry_get_entry_type (entry), ==, "meeting");
  g_assert_cmpstr (lanka_journal_entry_get_text (entry), ==,
                   "Lunchsamtal på mottagningen, tolk närvarande. 👍");
  g_assert_cmpint (lanka_journal_entry_get_event_time (entry), ==, event_time);
  g_assert_cmpint (lanka_journal_entry_get_written (entry), >=, before);
  g_assert_cmpint (lanka_journal_entry_get_written (entry), <=, g_get_real_time ());
  g_assert_cmpstr (lanka_journal_entry_get_author (entry), ==, lanka_journal_get_author ());
  g_assert_cmpint (lanka_journal_entry_get_signed (entry), ==, 0);
  g_assert_null (lanka_journal_entry_get_signed_by (entry));
  g_assert_null (lanka_journal_entry_get_corrects (entry));
  g_assert_false (lanka_journal_entry_is_event (entry));

  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (lanka_journal_entry_get_uuid (g_ptr_array_index (entries, 0)), ==,
                   lanka_journal_entry_get_uuid (entry));

  /* The case counts as changed, and its journal is searchable. */
  g_assert_cmpint (query_int (fixture->database, "SELECT modified FROM \"case\" WHERE uuid = ?1",
                              fixture->case_uuid), >, modified_before);
  g_assert_true (case_text_matches (fixture, "lunchsamtal"));
  g_assert_true (case_text_matches (fixture, "mottag*"));

  /* Nothing else has the entry. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  {
    g_autoptr(GListModel) other = lanka_journal_list (fixture->database,
                                                      fixture->other_case_uuid, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (other); i++)
      {
        g_autoptr(LankaJournalEntry) item = g_list_model_get_item (other, i);

        g_assert_cmpstr (lanka_journal_entry_get_uuid (item), !=,
                         lanka_journal_entry_get_uuid (entry));
      }
  }

  /* Event time 0 means now. */
  g_clear_object (&entry);
  before = g_get_real_time ();
  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "phone", 0,
                             "Ringde upp.", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lanka_journal_entry_get_event_time (entry), >=, before);
}

static void
test_add_invalid (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "no_such_type", 0,
                             "Text", NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_null (entry);
  g_clear_error (&error);

  /* The case's own events are written by the case, not by a person. */
  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "event", 0,
                             "Text", NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                             "  \n ", NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  entry = lanka_journal_add (fixture->database, "00000000-0000-4000-8000-000000000000",
                             "meeting", 0, "Text", NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_timeline_order (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  gint64 now = g_get_real_time ();
  const char *texts[] = { "Tredje", "Första", "Andra (samma tid, skriven först)",
                          "Andra (samma tid, skriven sist)" };
  const gint64 times[] = { now - 1 * G_TIME_SPAN_HOUR, now - 30 * G_TIME_SPAN_DAY,
                           now - 2 * G_TIME_SPAN_DAY, now - 2 * G_TIME_SPAN_DAY };
  g_autoptr(GPtrArray) entries = NULL;
  gint64 last_time = 0;
  guint n_events = 0;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(LankaJournalEntry) entry = NULL;

      entry = lanka_journal_add (fixture->database, fixture->case_uuid, "other", times[i],
                                 texts[i], NULL, &error);
      g_assert_no_error (error);
    }

  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (lanka_journal_entry_get_text (g_ptr_array_index (entries, 0)), ==, "Första");
  g_assert_cmpstr (lanka_journal_entry_get_text (g_ptr_array_index (entries, 1)), ==,
                   "Andra (samma tid, skriven först)");
  g_assert_cmpstr (lanka_journal_entry_get_text (g_ptr_array_index (entries, 2)), ==,
                   "Andra (samma tid, skriven sist)");
  g_assert_cmpstr (lanka_journal_entry_get_text (g_ptr_array_index (entries, 3)), ==, "Tredje");

  /* The case's events are in the same timeline, in the same order. */
  list = lanka_journal_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == LANKA_TYPE_JOURNAL_ENTRY);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (list, i);

      g_assert_cmpint (lanka_journal_entry_get_event_time (entry), >=, last_time);
      last_time = lanka_journal_entry_get_event_time (entry);

      if (lanka_journal_entry_is_event (entry))
        {
          n_events++;
          g_assert_cmpstr (lanka_journal_entry_get_entry_type (entry), ==, "event");
          g_assert_nonnull (lanka_journal_entry_get_event (entry));
        }
    }

  /* Every sample case was at least created. */
  g_assert_cmpuint (n_events, >=, 1);

  /* A case not saved yet has an empty timeline, not an error. */
  g_clear_object (&list);
  list = lanka_journal_list (fixture->database, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LankaJournalEntry *read;
  gint64 event_time = g_get_real_time () - G_TIME_SPAN_DAY;

  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                             "Hembesök planerat", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (lanka_journal_update (fixture->database, lanka_journal_entry_get_uuid (entry),
                                       "home_visit", event_time, "Hembesök genomfört", &error));
  g_assert_no_error (error);

  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 1);
  read = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (lanka_journal_entry_get_entry_type (read), ==, "home_visit");
  g_assert_cmpstr (lanka_journal_entry_get_text (read), ==, "Hembesök genomfört");
  g_assert_cmpint (lanka_journal_entry_get_event_time (read), ==, event_time);

  /* The search finds the new words, no longer the old ones. */
  g_assert_true (case_text_matches (fixture, "genomfört"));
  g_assert_false (case_text_matches (fixture, "planerat"));

  /* Invalid values leave the entry as it was. */
  g_assert_false (lanka_journal_update (fixture->database, lanka_journal_entry_get_uuid (entry),
                                        "meeting", 0, "", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (lanka_journal_update (fixture->database, "00000000-0000-4000-8000-000000000000",
                                        "meeting", 0, "Text", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_written (fixture);
  g_assert_cmpstr (lanka_journal_entry_get_text (g_ptr_array_index (entries, 0)), ==,
                   "Hembesök genomfört");
}

static void
test_sign (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  LankaJournalEntry *read;
  LankaAuditEntry *row;
  const char *uuid;
  gint64 before = g_get_real_time ();

  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "decision", 0,
                             "Beslut om insats fattat.", NULL, &error);
  g_assert_no_error (error);
  uuid = lanka_journal_entry_get_uuid (entry);

  g_assert_true (lanka_journal_sign (fixture->database, uuid, &error));
  g_assert_no_error (error);

  entries = list_written (fixture);
  read = g_ptr_array_index (entries, 0);
  g_assert_cmpint (lanka_journal_entry_get_signed (read), >=, before);
  g_assert_cmpstr (lanka_journal_entry_get_signed_by (read), ==, lanka_journal_get_author ());

  /* The audit log knows that the case's journal was signed, and nothing
   * of what it says.
   */
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_JOURNAL_SIGN, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  row = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (row->object, ==, fixture->case_uuid);
  g_assert_true (row->detail == NULL || strstr (row->detail, "Beslut") == NULL);

  /* Signed means immutable: no update, no second signature, no deletion. */
  g_assert_false (lanka_journal_update (fixture->database, uuid, "decision", 0,
                                        "Beslut om insats ändrat.", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (lanka_journal_sign (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (lanka_journal_delete (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 1);
  read = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (lanka_journal_entry_get_text (read), ==, "Beslut om insats fattat.");

  /* Still one signature in the audit log. */
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_JOURNAL_SIGN, 10, &error);
  g_assert_cmpuint (audit->len, ==, 1);

  /* And the database itself refuses, whatever code tries. */
  {
    sqlite3_stmt *stmt = _lanka_database_prepare (fixture->database,
                                                  "UPDATE journal_entry SET text = 'x' "
                                                  "WHERE uuid = ?1", &error);

    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
    g_assert_false (_lanka_database_step_done (fixture->database, stmt, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

static void
test_correct (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) original = NULL;
  g_autoptr(LankaJournalEntry) correction = NULL;
  g_autoptr(LankaJournalEntry) other = NULL;
  g_autoptr(LankaJournalEntry) refused = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LankaJournalEntry *read;

  original = lanka_journal_add (fixture->database, fixture->case_uuid, "phone", 0,
                                "Samtal med Migrationsverket den 3 mars.", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanka_journal_sign (fixture->database, lanka_journal_entry_get_uuid (original),
                                     &error));
  g_assert_no_error (error);

  correction = lanka_journal_add (fixture->database, fixture->case_uuid, "phone", 0,
                                  "Rättelse: samtalet var den 4 mars.",
                                  lanka_journal_entry_get_uuid (original), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_journal_entry_get_corrects (correction), ==,
                   lanka_journal_entry_get_uuid (original));

  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 2);
  read = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (lanka_journal_entry_get_uuid (read), ==,
                   lanka_journal_entry_get_uuid (original));
  g_assert_cmpstr (lanka_journal_entry_get_corrected_by (read), ==,
                   lanka_journal_entry_get_uuid (correction));
  /* The original stays as it was signed. */
  g_assert_cmpstr (lanka_journal_entry_get_text (read), ==,
                   "Samtal med Migrationsverket den 3 mars.");
  read = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (lanka_journal_entry_get_corrects (read), ==,
                   lanka_journal_entry_get_uuid (original));
  g_assert_null (lanka_journal_entry_get_corrected_by (read));

  /* A correction points into its own case, at an entry that exists. */
  other = lanka_journal_add (fixture->database, fixture->other_case_uuid, "phone", 0,
                             "Ett annat ärende.", NULL, &error);
  g_assert_no_error (error);

  refused = lanka_journal_add (fixture->database, fixture->case_uuid, "phone", 0,
                               "Rättelse av fel ärende.", lanka_journal_entry_get_uuid (other),
                               &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  refused = lanka_journal_add (fixture->database, fixture->case_uuid, "phone", 0,
                               "Rättelse av inget.", "00000000-0000-4000-8000-000000000000",
                               &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 2);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) kept = NULL;
  g_autoptr(LankaJournalEntry) removed = NULL;
  g_autoptr(LankaJournalEntry) corrected = NULL;
  g_autoptr(LankaJournalEntry) correction = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  kept = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                            "Stannar kvar.", NULL, &error);
  g_assert_no_error (error);
  removed = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                               "Felskrivet utkast.", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (case_text_matches (fixture, "felskrivet"));

  g_assert_true (lanka_journal_delete (fixture->database, lanka_journal_entry_get_uuid (removed),
                                       &error));
  g_assert_no_error (error);

  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (lanka_journal_entry_get_uuid (g_ptr_array_index (entries, 0)), ==,
                   lanka_journal_entry_get_uuid (kept));
  g_assert_false (case_text_matches (fixture, "felskrivet"));

  g_assert_false (lanka_journal_delete (fixture->database, lanka_journal_entry_get_uuid (removed),
                                        &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An entry a correction points at stays, signed or not. */
  corrected = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                                 "Fel datum.", NULL, &error);
  g_assert_no_error (error);
  correction = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                                  "Rätt datum.", lanka_journal_entry_get_uuid (corrected), &error);
  g_assert_no_error (error);
  g_assert_false (lanka_journal_delete (fixture->database,
                                        lanka_journal_entry_get_uuid (corrected), &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_written (fixture);
  g_assert_cmpuint (entries->len, ==, 3);
}

static void
test_event (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(LankaJournalEntry) event = NULL;
  gint64 case_id;
  guint n_before;

  case_id = query_int (fixture->database, "SELECT id FROM \"case\" WHERE uuid = ?1",
                       fixture->case_uuid);
  list = lanka_journal_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  n_before = g_list_model_get_n_items (list);
  g_clear_object (&list);

  /* Rolled back with the transaction it was part of. */
  g_assert_true (lanka_database_begin (fixture->database, &error));
  g_assert_true (_lanka_journal_add_event (fixture->database, case_id, "status",
                                           "intake", "active", &error));
  g_assert_no_error (error);
  lanka_database_rollback (fixture->database);

  list = lanka_journal_list (fixture->database, fixture->case_uuid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_before);
  g_clear_object (&list);

  g_assert_true (lanka_database_begin (fixture->database, &error));
  g_assert_true (_lanka_journal_add_event (fixture->database, case_id, "status",
                                           "intake", "active", &error));
  g_assert_true (lanka_database_commit (fixture->database, &error));
  g_assert_no_error (error);

  list = lanka_journal_list (fixture->database, fixture->case_uuid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_before + 1);
  event = g_list_model_get_item (list, n_before);
  g_assert_true (lanka_journal_entry_is_event (event));
  g_assert_cmpstr (lanka_journal_entry_get_event (event), ==, "status");
  g_assert_cmpstr (lanka_journal_entry_get_event_old (event), ==, "intake");
  g_assert_cmpstr (lanka_journal_entry_get_event_new (event), ==, "active");
  g_assert_cmpstr (lanka_journal_entry_get_author (event), ==, lanka_journal_get_author ());
  g_assert_null (lanka_journal_entry_get_text (event));

  /* What the case recorded by itself is not a person's to change. */
  g_assert_false (lanka_journal_update (fixture->database, lanka_journal_entry_get_uuid (event),
                                        "meeting", 0, "Text", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lanka_journal_delete (fixture->database, lanka_journal_entry_get_uuid (event),
                                        &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lanka_journal_sign (fixture->database, lanka_journal_entry_get_uuid (event),
                                      &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
}

/* A signed entry is immutable, but it goes with its case. */
static void
test_case_deleted (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autoptr(GListModel) list = NULL;
  sqlite3_stmt *stmt;

  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                             "Signerad anteckning.", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanka_journal_sign (fixture->database, lanka_journal_entry_get_uuid (entry),
                                     &error));

  stmt = _lanka_database_prepare (fixture->database, "DELETE FROM \"case\" WHERE uuid = ?1",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, fixture->case_uuid, -1, SQLITE_TRANSIENT);
  g_assert_true (_lanka_database_step_done (fixture->database, stmt, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM journal_entry WHERE uuid = ?1",
                              lanka_journal_entry_get_uuid (entry)), ==, 0);
  list = lanka_journal_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_closed (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autoptr(GListModel) list = NULL;

  lanka_database_close (fixture->database);

  entry = lanka_journal_add (fixture->database, fixture->case_uuid, "meeting", 0,
                             "Text", NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_clear_error (&error);

  list = lanka_journal_list (fixture->database, fixture->case_uuid, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_assert_null (list);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/journal/author", test_author);
  ADD ("/store/journal/add", test_add);
  ADD ("/store/journal/add-invalid", test_add_invalid);
  ADD ("/store/journal/timeline-order", test_timeline_order);
  ADD ("/store/journal/update", test_update);
  ADD ("/store/journal/sign", test_sign);
  ADD ("/store/journal/correct", test_correct);
  ADD ("/store/journal/delete", test_delete);
  ADD ("/store/journal/event", test_event);
  ADD ("/store/journal/case-deleted", test_case_deleted);
  ADD ("/store/journal/closed", test_closed);

  return g_test_run ();
}
