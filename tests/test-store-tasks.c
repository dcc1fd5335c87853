/* test-store-tasks.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-audit.h"
#include "lanka-case.h"
#include "lanka-case-sample.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-journal.h"
#include "lanka-key.h"
#include "lanka-record.h"
#include "lanka-store-error.h"
#include "lanka-tasks.h"
#include "lanka-test-util.h"

#include <string.h>

/* The deadlines of the cases as tasks: each rule with a day of our own
 * choosing (never the clock's), the Due list across cases, and the tasks
 * people add and complete.  Every person and case here is made up.
 */

typedef struct
{
  char          *dir;
  LankaDatabase *database;
} Fixture;

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
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GDate *
make_date (guint year,
           guint month,
           guint day)
{
  return g_date_new_dmy (day, month, year);
}

/* The first column of the first row, as text; %NULL for none. */
static char *
query_string (LankaDatabase *database,
              const char    *sql,
              const char    *first,
              const char    *second,
              const char    *third)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, sql, &error);
  char *value = NULL;

  g_assert_no_error (error);
  if (first != NULL)
    sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  if (third != NULL)
    sqlite3_bind_text (stmt, 3, third, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return value;
}

static gint64
query_int (LankaDatabase *database,
           const char    *sql,
           const char    *first)
{
  g_autofree char *value = query_string (database, sql, first, NULL, NULL);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
}

static void
save_ok (LankaDatabase *database,
         LankaCase     *kase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_cases_save (database, kase, &error));
  g_assert_no_error (error);
}

/* An adult's case taken in on 2025-10-31, saved. */
static LankaCase *
make_case (LankaDatabase *database,
           const char    *alias)
{
  LankaCase *kase = lanka_case_new ();
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);

  lanka_record_set (record, "intake_date", "2025-10-31");
  lanka_record_set (record, "opened", "2025-10-31");
  lanka_record_set (victim, "alias", alias);
  lanka_record_set (victim, "birth_date", "1990-01-02");
  lanka_record_set (victim, "birth_precision", "day");
  save_ok (database, kase);

  return kase;
}

/* A child's case: the victim was 15 when the exploitation began, so it is
 * one whatever day the test runs on.
 */
static LankaCase *
make_child_case (LankaDatabase *database,
                 const char    *alias)
{
  LankaCase *kase = make_case (database, alias);

  lanka_record_set (lanka_case_get_victim (kase), "birth_date", NULL);
  lanka_record_set_int (lanka_case_get_exploitation (kase), "age_at_entry", 15);
  save_ok (database, kase);

  return kase;
}

/* What a save does for the tasks, with @today as the day it is. */
static void
sync_tasks (LankaDatabase *database,
            LankaCase     *kase,
            GDate         *today)
{
  g_autoptr(GError) error = NULL;
  gint64 case_id = query_int (database, "SELECT id FROM \"case\" WHERE uuid = ?1",
                              lanka_case_get_uuid (kase));

  g_assert_cmpint (case_id, >, 0);
  g_assert_true (lanka_database_begin (database, &error));
  g_assert_true (_lanka_tasks_sync_case (database, case_id, kase, today, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_database_commit (database, &error));
}

#define TASK_SQL(column) \
  "SELECT t." column " FROM task t JOIN \"case\" c ON c.id = t.case_id " \
  "WHERE c.uuid = ?1 AND t.kind = ?2 AND t.source = ?3"

/* The due date of the case's task of @kind from @source; %NULL for none. */
static char *
task_due (LankaDatabase *database,
          LankaCase     *kase,
          const char    *kind,
          const char    *source)
{
  return query_string (database, TASK_SQL ("due_on"), lanka_case_get_uuid (kase), kind, source);
}

static gboolean
task_completed (LankaDatabase *database,
                LankaCase     *kase,
                const char    *kind,
                const char    *source)
{
  g_autofree char *completed = query_string (database, TASK_SQL ("completed"),
                                             lanka_case_get_uuid (kase), kind, source);

  return completed != NULL;
}

static char *
task_uuid (LankaDatabase *database,
           LankaCase     *kase,
           const char    *kind,
           const char    *source)
{
  return query_string (database, TASK_SQL ("uuid"), lanka_case_get_uuid (kase), kind, source);
}

static gint64
count_tasks (LankaDatabase *database,
             LankaCase     *kase)
{
  return query_int (database,
                    "SELECT count(*) FROM task t JOIN \"case\" c ON c.id = t.case_id "
                    "WHERE c.uuid = ?1",
                    lanka_case_get_uuid (kase));
}

static const char *
find_deadline (GPtrArray  *deadlines,
               const char *kind,
               const char *source)
{
  for (guint i = 0; i < deadlines->len; i++)
    {
      LankaDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (g_str_equal (deadline->kind, kind) && g_str_equal (deadline->source, source))
        return deadline->due_on;
    }

  return NULL;
}

/* The rules themselves, on the document alone. */
static void
test_list_deadlines (void)
{
  g_autoptr(GDate) today = make_date (2025, 11, 1);
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(GPtrArray) deadlines = NULL;
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *reflection, *permit, *assessment, *item;
  const char *uuid = lanka_case_get_uuid (kase);

  lanka_record_set (record, "intake_date", "2025-10-31");
  lanka_record_set (victim, "birth_date", "1990-01-02");

  reflection = lanka_case_add_record (kase, "permit_event");
  lanka_record_set (reflection, "valid_from", "2025-11-01");
  permit = lanka_case_add_record (kase, "permit_event");
  lanka_record_set (permit, "kind", "temporary_permit_investigation");
  lanka_record_set (permit, "valid_to", "2026-05-01");
  assessment = lanka_case_add_record (kase, "assessment");
  lanka_record_set (assessment, "assessed_on", "2025-11-01");
  lanka_record_set (assessment, "next_review", "2025-12-01");
  item = lanka_case_add_record (kase, "plan_item");
  lanka_record_set (item, "support_type", "health");
  lanka_record_set (item, "follow_up_on", "2025-11-20");
  lanka_record_set (lanka_case_get_legal_process (kase), "next_hearing", "2026-01-15");

  /* An adult: the records' dates only, by date, passed ones too. */
  deadlines = lanka_case_list_deadlines (kase, today);
  g_assert_cmpuint (deadlines->len, ==, 5);
  g_assert_cmpstr (find_deadline (deadlines, "reflection_period_ends",
                                  lanka_record_get_uuid (reflection)), ==, "2025-12-01");
  g_assert_cmpstr (find_deadline (deadlines, "permit_ends", lanka_record_get_uuid (permit)),
                   ==, "2026-05-01");
  g_assert_cmpstr (find_deadline (deadlines, "assessment_review",
                                  lanka_record_get_uuid (assessment)), ==, "2025-12-01");
  g_assert_cmpstr (find_deadline (deadlines, "plan_follow_up", lanka_record_get_uuid (item)),
                   ==, "2025-11-20");
  g_assert_cmpstr (find_deadline (deadlines, "hearing",
                                  lanka_record_get_uuid (lanka_case_get_legal_process (kase))),
                   ==, "2026-01-15");
  g_assert_null (find_deadline (deadlines, "protection_assessment", uuid));
  for (guint i = 1; i < deadlines->len; i++)
    g_assert_cmpstr (((LankaDeadline *)deadlines->pdata[i - 1])->due_on, <=,
                     ((LankaDeadline *)deadlines->pdata[i])->due_on);
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  /* A rejected reflection period ends nothing; the next deadline is the
   * one the list shows.
   */
  lanka_record_set (reflection, "decision", "rejected");
  deadlines = lanka_case_list_deadlines (kase, today);
  g_assert_null (find_deadline (deadlines, "reflection_period_ends",
                                lanka_record_get_uuid (reflection)));
  g_clear_pointer (&deadlines, g_ptr_array_unref);
  {
    g_autoptr(GDate) later = make_date (2025, 11, 21);
    g_autofree char *next = lanka_case_dup_next_deadline (kase, later);

    g_assert_cmpstr (next, ==, "2025-12-01");
  }

  /* A child: the social services' own deadlines from the intake, the
   * investigation's four months ending on the last day of February.
   */
  lanka_record_set (victim, "birth_date", "2012-05-05");
  deadlines = lanka_case_list_deadlines (kase, today);
  g_assert_cmpstr (find_deadline (deadlines, "protection_assessment", uuid), ==, "2025-11-01");
  g_assert_cmpstr (find_deadline (deadlines, "initial_assessment", uuid), ==, "2025-11-14");
  g_assert_cmpstr (find_deadline (deadlines, "investigation_due", uuid), ==, "2026-02-28");
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  /* Closed: nothing at all. */
  lanka_record_set (record, "status", "closed");
  deadlines = lanka_case_list_deadlines (kase, today);
  g_assert_cmpuint (deadlines->len, ==, 0);
}

static void
test_reflection_period (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2025, 11, 1);
  g_autoptr(LankaCase) kase = make_case (fixture->database, "Sample Ada");
  LankaRecord *permit;
  g_autofree char *source = NULL;
  char *due;

  permit = lanka_case_add_record (kase, "permit_event");
  source = g_strdup (lanka_record_get_uuid (permit));

  /* From the first valid day: 30 days later. */
  lanka_record_set (permit, "valid_from", "2025-11-03");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  due = task_due (fixture->database, kase, "reflection_period_ends", source);
  g_assert_cmpstr (due, ==, "2025-12-03");
  g_free (due);
  g_assert_false (task_completed (fixture->database, kase, "reflection_period_ends", source));

  /* The last valid day written: that day, the same task moved. */
  lanka_record_set (permit, "valid_to", "2025-12-10");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  due = task_due (fixture->database, kase, "reflection_period_ends", source);
  g_assert_cmpstr (due, ==, "2025-12-10");
  g_free (due);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 1);

  /* Granted still ends then; rejected ends nothing: the task goes. */
  lanka_record_set (permit, "decision", "granted");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 1);
  lanka_record_set (permit, "decision", "rejected");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 0);

  /* Back, and then the permit removed: its task goes with it. */
  lanka_record_set (permit, "decision", NULL);
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 1);
  lanka_case_remove_record (kase, permit);
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 0);
}

static void
test_permit_ends (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2025, 11, 1);
  g_autoptr(LankaCase) kase = make_case (fixture->database, "Sample Bea");
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *uuid = NULL;
  LankaRecord *permit;
  char *due;

  permit = lanka_case_add_record (kase, "permit_event");
  source = g_strdup (lanka_record_get_uuid (permit));
  lanka_record_set (permit, "kind", "temporary_permit_investigation");
  lanka_record_set (permit, "valid_from", "2025-11-01");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);

  /* No last day, no end. */
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 0);

  lanka_record_set (permit, "valid_to", "2026-04-30");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  due = task_due (fixture->database, kase, "permit_ends", source);
  g_assert_cmpstr (due, ==, "2026-04-30");
  g_free (due);

  lanka_record_set (permit, "valid_to", "2026-05-31");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  due = task_due (fixture->database, kase, "permit_ends", source);
  g_assert_cmpstr (due, ==, "2026-05-31");
  g_free (due);

  /* Completed stays completed, on its date, whatever the permit does. */
  uuid = task_uuid (fixture->database, kase, "permit_ends", source);
  g_assert_true (lanka_tasks_complete (fixture->database, uuid, &error));
  g_assert_no_error (error);
  lanka_record_set (permit, "valid_to", "2026-06-30");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_true (task_completed (fixture->database, kase, "permit_ends", source));
  due = task_due (fixture->database, kase, "permit_ends", source);
  g_assert_cmpstr (due, ==, "2026-05-31");
  g_free (due);

  lanka_case_remove_record (kase, permit);
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_true (task_completed (fixture->database, kase, "permit_ends", source));
}

static void
test_child_deadlines (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2025, 11, 1);
  g_autoptr(LankaCase) kase = make_child_case (fixture->database, "Sample Cleo");
  g_autoptr(LankaCase) adult = make_case (fixture->database, "Sample Dora");
  LankaRecord *record = lanka_case_get_record (kase);
  const char *uuid = lanka_case_get_uuid (kase);
  g_autofree char *completed_by = NULL;
  char *due;

  sync_tasks (fixture->database, kase, today);
  sync_tasks (fixture->database, adult, today);

  /* The day after intake, 14 days, and 4 months: 31 October is followed
   * by the last day of February.
   */
  due = task_due (fixture->database, kase, "protection_assessment", uuid);
  g_assert_cmpstr (due, ==, "2025-11-01");
  g_free (due);
  due = task_due (fixture->database, kase, "initial_assessment", uuid);
  g_assert_cmpstr (due, ==, "2025-11-14");
  g_free (due);
  due = task_due (fixture->database, kase, "investigation_due", uuid);
  g_assert_cmpstr (due, ==, "2026-02-28");
  g_free (due);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 3);

  /* Not for an adult. */
  g_assert_cmpint (count_tasks (fixture->database, adult), ==, 0);

  /* Done when its field is filled in: completed, by whom, not removed. */
  lanka_record_set (record, "protection_assessed_on", "2025-11-01");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_true (task_completed (fixture->database, kase, "protection_assessment", uuid));
  g_assert_false (task_completed (fixture->database, kase, "initial_assessment", uuid));
  completed_by = query_string (fixture->database, TASK_SQL ("completed_by"), uuid,
                               "protection_assessment", uuid);
  g_assert_cmpstr (completed_by, ==, lanka_journal_get_author ());

  /* The intake moved to a leap year: the open ones move, 31 October
   * plus four months is 29 February; the completed one stays.
   */
  lanka_record_set (record, "intake_date", "2027-10-31");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  due = task_due (fixture->database, kase, "investigation_due", uuid);
  g_assert_cmpstr (due, ==, "2028-02-29");
  g_free (due);
  due = task_due (fixture->database, kase, "initial_assessment", uuid);
  g_assert_cmpstr (due, ==, "2027-11-14");
  g_free (due);
  due = task_due (fixture->database, kase, "protection_assessment", uuid);
  g_assert_cmpstr (due, ==, "2025-11-01");
  g_free (due);

  /* Emptied again, the completed one stays completed. */
  lanka_record_set (record, "protection_assessed_on", NULL);
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_true (task_completed (fixture->database, kase, "protection_assessment", uuid));

  /* No longer a child case (the age was wrong): the open ones go, they
   * were never due.
   */
  lanka_record_set_int (lanka_case_get_exploitation (kase), "age_at_entry", 30);
  lanka_record_set (lanka_case_get_victim (kase), "birth_date", "1990-01-02");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_null (task_due (fixture->database, kase, "initial_assessment", uuid));
  g_assert_null (task_due (fixture->database, kase, "investigation_due", uuid));
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 1);
}

/* The assessment's review, the hearing and the plan's follow-up. */
static void
test_record_deadlines (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2025, 11, 1);
  g_autoptr(LankaCase) kase = make_case (fixture->database, "Sample Ebba");
  LankaRecord *assessment = lanka_case_add_record (kase, "assessment");
  LankaRecord *item = lanka_case_add_record (kase, "plan_item");
  LankaRecord *legal = lanka_case_get_legal_process (kase);
  char *due;

  lanka_record_set (assessment, "assessed_on", "2025-10-31");
  lanka_record_set (assessment, "next_review", "2026-01-31");
  lanka_record_set (item, "support_type", "health");
  lanka_record_set (item, "follow_up_on", "2025-12-15");
  lanka_record_set (legal, "next_hearing", "2026-02-02");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);

  due = task_due (fixture->database, kase, "assessment_review", lanka_record_get_uuid (assessment));
  g_assert_cmpstr (due, ==, "2026-01-31");
  g_free (due);
  due = task_due (fixture->database, kase, "plan_follow_up", lanka_record_get_uuid (item));
  g_assert_cmpstr (due, ==, "2025-12-15");
  g_free (due);
  due = task_due (fixture->database, kase, "hearing", lanka_record_get_uuid (legal));
  g_assert_cmpstr (due, ==, "2026-02-02");
  g_free (due);

  /* The hearing's date taken away: its task goes. */
  lanka_record_set (legal, "next_hearing", NULL);
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);
  g_assert_null (task_due (fixture->database, kase, "hearing", lanka_record_get_uuid (legal)));
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 2);
}

/* A closed case: its open rule tasks were done with it. */
static void
test_closed_case (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2025, 11, 1);
  g_autoptr(LankaCase) kase = make_child_case (fixture->database, "Sample Fia");
  g_autoptr(GListModel) due = NULL;
  g_autoptr(LankaRecord) manual = NULL;
  g_autoptr(GError) error = NULL;
  LankaRecord *record = lanka_case_get_record (kase);

  sync_tasks (fixture->database, kase, today);
  manual = lanka_tasks_add (fixture->database, lanka_case_get_uuid (kase), "2025-11-02",
                            "Ring the guardian", today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lanka_tasks_count_due (fixture->database, today, &error), ==, 1);

  lanka_record_set (record, "status", "closed");
  lanka_record_set (record, "closed", "2025-11-01");
  lanka_record_set (record, "closure_reason", "goal_reached");
  save_ok (fixture->database, kase);
  sync_tasks (fixture->database, kase, today);

  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM task WHERE completed IS NULL AND kind != 'manual'",
                              NULL), ==, 0);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 4);

  /* Its manual task is still there, but a closed case is not due. */
  g_assert_cmpint (lanka_tasks_count_due (fixture->database, today, &error), ==, 0);
  due = lanka_tasks_list_due (fixture->database, today, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, 0);

  /* And it takes no new task. */
  g_assert_null (lanka_tasks_add (fixture->database, lanka_case_get_uuid (kase), "2025-11-05",
                                  "Write the report", today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
}

/* A save brings the tasks in step itself, in its transaction. */
static void
test_save_syncs (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_child_case (fixture->database, "Sample Gun");
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = lanka_case_get_uuid (kase);
  char *due;

  due = task_due (fixture->database, kase, "initial_assessment", uuid);
  g_assert_cmpstr (due, ==, "2025-11-14");
  g_free (due);

  lanka_record_set (lanka_case_get_record (kase), "initial_assessment_on", "2025-11-10");
  save_ok (fixture->database, kase);
  g_assert_true (task_completed (fixture->database, kase, "initial_assessment", uuid));

  /* Saving what is there changes nothing. */
  loaded = lanka_cases_load (fixture->database, uuid, &error);
  g_assert_no_error (error);
  save_ok (fixture->database, loaded);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 3);
  g_assert_true (task_completed (fixture->database, kase, "initial_assessment", uuid));
  g_assert_false (task_completed (fixture->database, kase, "investigation_due", uuid));
}

static void
test_manual (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2025, 11, 1);
  g_autoptr(LankaCase) kase = make_case (fixture->database, "Sample Hedda");
  g_autoptr(LankaRecord) task = NULL;
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rule_task = NULL;
  const char *case_uuid = lanka_case_get_uuid (kase);
  LankaAuditEntry *entry;

  /* Before the intake: refused with the intake's date, nothing written. */
  g_assert_null (lanka_tasks_add (fixture->database, case_uuid, "2025-10-30", "Call back",
                                  today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The date is before the case's intake on 31 October 2025.");
  g_clear_error (&error);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 0);

  g_assert_null (lanka_tasks_add (fixture->database, case_uuid, "2025-11-31", "Call back",
                                  today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lanka_tasks_add (fixture->database, case_uuid, "2025-11-20", "  ", today,
                                  &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lanka_tasks_add (fixture->database, "00000000-0000-4000-8000-000000000000",
                                  "2025-11-20", "Call back", today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The intake day itself is fine. */
  task = lanka_tasks_add (fixture->database, case_uuid, "2025-10-31", " Call back ", today,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_record_get_kind (task), ==, "task");
  g_assert_cmpstr (lanka_record_get (task, "kind"), ==, "manual");
  g_assert_cmpstr (lanka_record_get (task, "title"), ==, "Call back");
  g_assert_cmpstr (lanka_record_get (task, "due_on"), ==, "2025-10-31");
  g_assert_null (lanka_record_get (task, "completed"));
  g_assert_cmpstr (lanka_record_get (task, "case_uuid"), ==, case_uuid);
  g_assert_cmpstr (lanka_record_get (task, "case_number"), ==, lanka_case_get_number (kase));
  g_assert_cmpstr (lanka_record_get (task, "case_status"), ==, "intake");

  /* Completing records who and when, with an audit row of the task. */
  g_assert_true (lanka_tasks_complete (fixture->database, lanka_record_get_uuid (task), &error));
  g_assert_no_error (error);
  tasks = lanka_tasks_list_case (fixture->database, case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 1);
  {
    g_autoptr(LankaRecord) done = g_list_model_get_item (tasks, 0);

    g_assert_nonnull (lanka_record_get (done, "completed"));
    g_assert_cmpint (lanka_record_get_int (done, "completed", 0), >, 0);
    g_assert_cmpstr (lanka_record_get (done, "completed_by"), ==, lanka_journal_get_author ());
  }
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_TASK_COMPLETE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->object, ==, lanka_record_get_uuid (task));
  g_assert_null (entry->detail);

  /* Completing again is no second completion. */
  g_assert_true (lanka_tasks_complete (fixture->database, lanka_record_get_uuid (task), &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_TASK_COMPLETE, 10, &error);
  g_assert_cmpuint (audit->len, ==, 1);

  g_assert_true (lanka_tasks_reopen (fixture->database, lanka_record_get_uuid (task), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM task WHERE uuid = ?1 AND completed IS NULL "
                              "AND completed_by IS NULL",
                              lanka_record_get_uuid (task)), ==, 1);

  /* A rule's task cannot be removed, a manual one can. */
  lanka_record_set (lanka_case_get_legal_process (kase), "next_hearing", "2026-01-10");
  save_ok (fixture->database, kase);
  rule_task = task_uuid (fixture->database, kase, "hearing",
                         lanka_record_get_uuid (lanka_case_get_legal_process (kase)));
  g_assert_nonnull (rule_task);
  g_assert_false (lanka_tasks_remove (fixture->database, rule_task, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 2);

  g_assert_true (lanka_tasks_remove (fixture->database, lanka_record_get_uuid (task), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 1);

  g_assert_false (lanka_tasks_complete (fixture->database, lanka_record_get_uuid (task), &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static LankaRecord *
add_task (LankaDatabase *database,
          LankaCase     *kase,
          const char    *due_on,
          const char    *title,
          GDate         *today)
{
  g_autoptr(GError) error = NULL;
  LankaRecord *task = lanka_tasks_add (database, lanka_case_get_uuid (kase), due_on, title,
                                       today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);

  return task;
}

static void
test_due_list (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(GDate) until = make_date (2026, 4, 30);
  g_autoptr(LankaCase) first = make_case (fixture->database, "Sample Ines");
  g_autoptr(LankaCase) second = make_case (fixture->database, "Sample Jana");
  g_autoptr(LankaCase) closed = make_case (fixture->database, "Sample Kaja");
  g_autoptr(LankaRecord) done = NULL;
  g_autoptr(GListModel) due = NULL;
  g_autoptr(GError) error = NULL;
  /* Two the same day go by case number: the first case's first. */
  const char * const expected[][2] = {
    { "2026-03-01", "Overdue, first case" },
    { "2026-03-13", "Overdue, first case, same day" },
    { "2026-03-13", "Overdue, second case" },
    { "2026-03-14", "Today" },
    { "2026-03-21", "In a week" },
  };
  const LankaDueGroup groups[] = {
    LANKA_DUE_OVERDUE, LANKA_DUE_OVERDUE, LANKA_DUE_OVERDUE, LANKA_DUE_TODAY, LANKA_DUE_THIS_WEEK,
  };

  g_assert_cmpstr (lanka_case_get_number (first), <, lanka_case_get_number (second));

  done = add_task (fixture->database, first, "2026-03-21", "In a week", today);
  g_clear_object (&done);
  done = add_task (fixture->database, second, "2026-03-22", "Later", today);
  g_clear_object (&done);
  done = add_task (fixture->database, first, "2026-03-14", "Today", today);
  g_clear_object (&done);
  done = add_task (fixture->database, second, "2026-03-13", "Overdue, second case", today);
  g_clear_object (&done);
  done = add_task (fixture->database, first, "2026-03-01", "Overdue, first case", today);
  g_clear_object (&done);
  done = add_task (fixture->database, closed, "2026-03-02", "Of a closed case", today);
  g_clear_object (&done);

  done = add_task (fixture->database, first, "2026-03-13", "Overdue, first case, same day",
                   today);
  g_clear_object (&done);

  /* Done already: not due. */
  done = add_task (fixture->database, second, "2026-03-10", "Done", today);
  g_assert_true (lanka_tasks_complete (fixture->database, lanka_record_get_uuid (done), &error));
  g_assert_no_error (error);

  lanka_record_set (lanka_case_get_record (closed), "status", "closed");
  lanka_record_set (lanka_case_get_record (closed), "closed", "2025-12-01");
  save_ok (fixture->database, closed);

  due = lanka_tasks_list_due (fixture->database, today, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LankaRecord) task = g_list_model_get_item (due, i);

      g_assert_cmpstr (lanka_record_get (task, "due_on"), ==, expected[i][0]);
      g_assert_cmpstr (lanka_record_get (task, "title"), ==, expected[i][1]);
      g_assert_cmpint (lanka_task_get_group (task, today), ==, groups[i]);
      g_assert_nonnull (lanka_record_get (task, "case_number"));
      g_assert_cmpstr (lanka_record_get (task, "case_status"), ==, "intake");
    }
  {
    g_autoptr(LankaRecord) task = g_list_model_get_item (due, 1);

    g_assert_cmpstr (lanka_record_get (task, "case_uuid"), ==, lanka_case_get_uuid (first));
    g_assert_cmpstr (lanka_record_get (task, "case_number"), ==, lanka_case_get_number (first));
  }

  /* The badge: overdue and today. */
  g_assert_cmpuint (lanka_tasks_count_due (fixture->database, today, &error), ==, 4);
  g_assert_no_error (error);

  /* Further ahead on request, and grouped as later. */
  g_clear_object (&due);
  due = lanka_tasks_list_due (fixture->database, today, until, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, G_N_ELEMENTS (expected) + 1);
  {
    g_autoptr(LankaRecord) task = g_list_model_get_item (due, G_N_ELEMENTS (expected));

    g_assert_cmpstr (lanka_record_get (task, "title"), ==, "Later");
    g_assert_cmpint (lanka_task_get_group (task, today), ==, LANKA_DUE_LATER);
  }

  /* A limit keeps the first ones, in the same order. */
  {
    g_autoptr(GListModel) limited_list = lanka_tasks_list_due (fixture->database, today, until,
                                                               2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (limited_list), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(LankaRecord) limited = g_list_model_get_item (limited_list, i);
        g_autoptr(LankaRecord) all = g_list_model_get_item (due, i);

        g_assert_cmpstr (lanka_record_get_uuid (limited), ==, lanka_record_get_uuid (all));
      }
  }

  /* A day later, today's task is overdue and a new day's is due. */
  {
    g_autoptr(GDate) tomorrow = make_date (2026, 3, 15);
    g_autoptr(LankaRecord) task = g_list_model_get_item (due, 3);

    g_assert_cmpint (lanka_task_get_group (task, tomorrow), ==, LANKA_DUE_OVERDUE);
    g_assert_cmpuint (lanka_tasks_count_due (fixture->database, tomorrow, &error), ==, 4);
  }
}

/* The plan of the Due list's statement uses the index of open tasks and
 * reads no table from end to end.
 */
static void
test_due_query_plan (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(GListModel) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3 *handle = _lanka_database_get_handle (fixture->database);
  g_autofree char *explain = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *found = NULL;

  due = lanka_tasks_list_due (fixture->database, today, NULL, 0, &error);
  g_assert_no_error (error);

  /* The statement is the cached one the store just ran. */
  while ((stmt = sqlite3_next_stmt (handle, stmt)) != NULL)
    if (strstr (sqlite3_sql (stmt), "FROM task t") != NULL &&
        strstr (sqlite3_sql (stmt), "t.due_on <= ?1") != NULL &&
        strstr (sqlite3_sql (stmt), "count(*)") == NULL)
      found = stmt;
  g_assert_nonnull (found);

  explain = g_strconcat ("EXPLAIN QUERY PLAN ", sqlite3_sql (found), NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "task_open"));
  g_assert_null (strstr (plan->str, "SCAN t\n"));
  g_assert_null (strstr (plan->str, "SCAN c\n"));
}

static void
sync_referral (LankaDatabase *database,
               gint64         case_id,
               const char    *referral,
               const char    *due_on,
               gboolean       open)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_database_begin (database, &error));
  g_assert_true (_lanka_tasks_sync_referral (database, case_id, referral, due_on, open, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_database_commit (database, &error));
}

static void
test_referral_follow_up (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_case (fixture->database, "Sample Lova");
  const char *referral = "5b0c5d4e-1111-4000-8000-000000000001";
  gint64 case_id = query_int (fixture->database, "SELECT id FROM \"case\" WHERE uuid = ?1",
                              lanka_case_get_uuid (kase));
  char *due;

  /* No date, no task. */
  sync_referral (fixture->database, case_id, referral, NULL, TRUE);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 0);

  sync_referral (fixture->database, case_id, referral, "2025-12-01", TRUE);
  due = task_due (fixture->database, kase, "referral_follow_up", referral);
  g_assert_cmpstr (due, ==, "2025-12-01");
  g_free (due);

  sync_referral (fixture->database, case_id, referral, "2025-12-08", TRUE);
  due = task_due (fixture->database, kase, "referral_follow_up", referral);
  g_assert_cmpstr (due, ==, "2025-12-08");
  g_free (due);
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 1);

  /* Done: completed, and a save of the case leaves it alone. */
  sync_referral (fixture->database, case_id, referral, "2025-12-08", FALSE);
  g_assert_true (task_completed (fixture->database, kase, "referral_follow_up", referral));
  save_ok (fixture->database, kase);
  g_assert_true (task_completed (fixture->database, kase, "referral_follow_up", referral));

  /* A new follow-up date is a new follow-up. */
  sync_referral (fixture->database, case_id, referral, "2026-01-12", TRUE);
  g_assert_false (task_completed (fixture->database, kase, "referral_follow_up", referral));

  /* The date taken away completes it too. */
  sync_referral (fixture->database, case_id, referral, NULL, TRUE);
  g_assert_true (task_completed (fixture->database, kase, "referral_follow_up", referral));
  g_assert_cmpint (count_tasks (fixture->database, kase), ==, 1);
}

/* The generated cases have the tasks their deadlines make, as a save
 * would make them.
 */
static void
test_sample (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint n_saved = 0;

  g_assert_true (lanka_case_sample_generate (fixture->database, 40, 2, 20260705, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM task WHERE completed IS NULL", NULL), >, 0);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM task WHERE completed IS NOT NULL "
                              "AND completed_by IS NOT NULL", NULL), >, 0);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM task t JOIN \"case\" c ON c.id = t.case_id "
                              "WHERE c.closed IS NOT NULL", NULL), ==, 0);

  stmt = _lanka_database_prepare (fixture->database, "SELECT uuid FROM \"case\" ORDER BY id",
                                  &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(LankaCase) kase = lanka_cases_load (fixture->database, uuids->pdata[i], &error);
      g_autoptr(GPtrArray) deadlines = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      const char *digest_sql =
        "SELECT group_concat (uuid || kind || source || due_on || coalesce (completed, '-'), ' ') "
        "FROM (SELECT t.* FROM task t JOIN \"case\" c ON c.id = t.case_id WHERE c.uuid = ?1 "
        "ORDER BY t.id)";

      g_assert_no_error (error);
      deadlines = lanka_case_list_deadlines (kase, NULL);

      /* One task for each deadline, on its date. */
      g_assert_cmpint (count_tasks (fixture->database, kase), ==, deadlines->len);
      for (guint j = 0; j < deadlines->len; j++)
        {
          LankaDeadline *deadline = g_ptr_array_index (deadlines, j);
          g_autofree char *due = task_due (fixture->database, kase, deadline->kind,
                                           deadline->source);

          g_assert_cmpstr (due, ==, deadline->due_on);
        }

      /* A save of a few of them changes none of their tasks. */
      if (deadlines->len == 0 || n_saved >= 8)
        continue;

      before = query_string (fixture->database, digest_sql, uuids->pdata[i], NULL, NULL);
      save_ok (fixture->database, kase);
      after = query_string (fixture->database, digest_sql, uuids->pdata[i], NULL, NULL);
      g_assert_cmpstr (before, ==, after);
      n_saved++;
    }

  g_assert_cmpuint (n_saved, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/tasks/list-deadlines", test_list_deadlines);

#define ADD(path, func) \
  g_test_add ("/store/tasks/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("reflection-period", test_reflection_period);
  ADD ("permit-ends", test_permit_ends);
  ADD ("child-deadlines", test_child_deadlines);
  ADD ("record-deadlines", test_record_deadlines);
  ADD ("closed-case", test_closed_case);
  ADD ("save-syncs", test_save_syncs);
  ADD ("manual", test_manual);
  ADD ("due-list", test_due_list);
  ADD ("due-query-plan", test_due_query_plan);
  ADD ("referral-follow-up", test_referral_follow_up);
  ADD ("sample", test_sample);

#undef ADD

  return g_test_run ();
}
