/* test-store-retention.c
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
#include "lanka-retention.h"
#include "lanka-store-error.h"
#include "lanka-tasks.h"
#include "lanka-test-util.h"

#include <string.h>

/* The retention review: the dates a rule gives, the review list on a day
 * of our own choosing, holds, and a deletion that takes every row of the
 * case and nothing of any other.  Every person and case here is made up.
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

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
query_string (LankaDatabase *database,
              const char    *sql,
              const char    *parameter)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, sql, &error);
  char *value = NULL;

  g_assert_no_error (error);
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
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

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
}

static gint64
query_id (LankaDatabase *database,
          const char    *sql,
          gint64         id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, sql, &error);
  gint64 value = -1;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return value;
}

static void
save_ok (LankaDatabase *database,
         LankaCase     *kase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_cases_save (database, kase, &error));
  g_assert_no_error (error);
}

static gint64
case_id_of (LankaDatabase *database,
            LankaCase     *kase)
{
  return query_int (database, "SELECT id FROM \"case\" WHERE uuid = ?1",
                    lanka_case_get_uuid (kase));
}

/* The case's last journal entry written at noon of @year-@month-@day. */
static void
set_last_entry (LankaDatabase *database,
                LankaCase     *kase,
                guint          year,
                guint          month,
                guint          day)
{
  g_autoptr(GDateTime) noon = g_date_time_new_local (year, month, day, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = _lanka_database_prepare (database, "UPDATE \"case\" SET last_entry = ?2 WHERE id = ?1",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, case_id_of (database, kase));
  if (year != 0)
    sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (noon) * G_USEC_PER_SEC);
  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_no_error (error);
}

/* A case closed on 2019-06-01 with its last entry on the given day;
 * @birth_date and @precision are the victim's.
 */
static LankaCase *
make_closed_case (LankaDatabase *database,
                  const char    *alias,
                  guint          year,
                  guint          month,
                  guint          day,
                  const char    *birth_date,
                  const char    *precision)
{
  LankaCase *kase = lanka_case_new ();
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);

  lanka_record_set (record, "intake_date", "2019-01-10");
  lanka_record_set (record, "opened", "2019-01-10");
  lanka_record_set (record, "status", "closed");
  lanka_record_set (record, "closed", "2019-06-01");
  lanka_record_set (record, "closure_reason", "goal_reached");
  lanka_record_set (victim, "alias", alias);
  lanka_record_set (victim, "birth_date", birth_date);
  lanka_record_set (victim, "birth_precision", precision);
  save_ok (database, kase);
  set_last_entry (database, kase, year, month, day);

  return kase;
}

static const LankaRetentionItem *
find_item (GPtrArray *items,
           LankaCase *kase)
{
  for (guint i = 0; i < items->len; i++)
    {
      const LankaRetentionItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->case_uuid, lanka_case_get_uuid (kase)))
        return item;
    }

  return NULL;
}

static GPtrArray *
list_due (LankaDatabase *database,
          GDate         *today)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = lanka_retention_list_due (database, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);

  return items;
}

static void
insert_referral (LankaDatabase *database,
                 LankaCase     *kase,
                 const char    *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 case_id = case_id_of (database, kase);
  sqlite3_stmt *stmt;

  stmt = _lanka_database_prepare (database,
                                  "INSERT INTO referral (uuid, case_id, direction, agency_name, "
                                  "reason, status, sent_on, follow_up_on, created, modified) "
                                  "VALUES (?1, ?2, 'outgoing', 'Exempelmottagningen', "
                                  "'Shelter', ?3, '2019-02-01', '2019-03-01', 1, 1)",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_no_error (error);

  stmt = _lanka_database_prepare (database,
                                  "INSERT INTO referral_shared (referral, category) "
                                  "VALUES (last_insert_rowid (), 'identity')",
                                  &error);
  g_assert_no_error (error);
  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_no_error (error);
}

static void
insert_consent (LankaDatabase *database,
                LankaCase     *kase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = _lanka_database_prepare (database,
                                  "INSERT INTO consent (uuid, case_id, person, recipient_name, "
                                  "purpose, given_by, form, given_on, created, modified) "
                                  "VALUES (?1, ?2, ?3, 'Exempelmottagningen', 'Shelter', "
                                  "'person', 'written', '2019-01-20', 1, 1)",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id_of (database, kase));
  sqlite3_bind_text (stmt, 3, lanka_record_get_uuid (lanka_case_get_victim (kase)), -1,
                     SQLITE_TRANSIENT);
  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_no_error (error);

  stmt = _lanka_database_prepare (database,
                                  "INSERT INTO consent_excluded (consent, category) "
                                  "VALUES (last_insert_rowid (), 'health')",
                                  &error);
  g_assert_no_error (error);
  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_no_error (error);
}

static void
test_rule (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LankaRetentionRule rule = { 0, FALSE };
  LankaRetentionRule wrong = { 0, TRUE };

  /* Not set: the Social Services Act's five years and research sample. */
  g_assert_true (lanka_retention_get_rule (fixture->database, &rule, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rule.years, ==, 5);
  g_assert_true (rule.research_sample);

  rule.years = 7;
  rule.research_sample = FALSE;
  g_assert_true (lanka_retention_set_rule (fixture->database, &rule, &error));
  g_assert_no_error (error);
  lanka_retention_rule_init (&rule);
  g_assert_true (lanka_retention_get_rule (fixture->database, &rule, &error));
  g_assert_cmpuint (rule.years, ==, 7);
  g_assert_false (rule.research_sample);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT value FROM meta WHERE key = 'retention_years'", NULL), ==, 7);

  /* No years is no rule; the one kept stays. */
  g_assert_false (lanka_retention_set_rule (fixture->database, &wrong, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lanka_retention_get_rule (fixture->database, &rule, &error));
  g_assert_cmpuint (rule.years, ==, 7);
}

static void
check_compute (const LankaRetentionRule *rule,
               guint                     year,
               guint                     month,
               guint                     day,
               const char               *birth_date,
               gboolean                  deletable,
               const char               *earliest,
               const char               *deadline)
{
  g_autoptr(GDate) last = make_date (year, month, day);
  g_autofree char *earliest_text = NULL;
  g_autofree char *deadline_text = NULL;
  GDate earliest_date, deadline_date;

  g_assert_cmpint (lanka_retention_compute (rule, last, birth_date, &earliest_date,
                                            &deadline_date), ==, deletable);
  earliest_text = format_date (&earliest_date);
  deadline_text = format_date (&deadline_date);
  g_assert_cmpstr (earliest_text, ==, earliest);
  g_assert_cmpstr (deadline_text, ==, deadline);
}

static void
test_compute (void)
{
  LankaRetentionRule rule;

  lanka_retention_rule_init (&rule);

  /* Year boundaries: the last day of a year and the first of the next are
   * a year apart in deadline.
   */
  check_compute (&rule, 2020, 12, 31, NULL, TRUE, "2025-12-31", "2026-12-31");
  check_compute (&rule, 2021, 1, 1, NULL, TRUE, "2026-01-01", "2027-12-31");

  /* A leap day: 28 February in a year without one, 29 in one with. */
  check_compute (&rule, 2020, 2, 29, NULL, TRUE, "2025-02-28", "2026-12-31");
  rule.years = 4;
  check_compute (&rule, 2020, 2, 29, NULL, TRUE, "2024-02-29", "2025-12-31");
  rule.years = 5;

  /* The research sample: born on the 5th, 15th or 25th; the dates are
   * still given.
   */
  check_compute (&rule, 2020, 6, 10, "1990-03-05", FALSE, "2025-06-10", "2026-12-31");
  check_compute (&rule, 2020, 6, 10, "1990-03-15", FALSE, "2025-06-10", "2026-12-31");
  check_compute (&rule, 2020, 6, 10, "1990-03-25", FALSE, "2025-06-10", "2026-12-31");
  check_compute (&rule, 2020, 6, 10, "1990-03-04", TRUE, "2025-06-10", "2026-12-31");
  check_compute (&rule, 2020, 6, 10, "1990-03-16", TRUE, "2025-06-10", "2026-12-31");
  check_compute (&rule, 2020, 6, 10, "not a date", TRUE, "2025-06-10", "2026-12-31");

  /* A rule without the exception, or with other years. */
  rule.research_sample = FALSE;
  check_compute (&rule, 2020, 6, 10, "1990-03-15", TRUE, "2025-06-10", "2026-12-31");
  rule.years = 10;
  check_compute (&rule, 2020, 6, 10, NULL, TRUE, "2030-06-10", "2031-12-31");
}

static void
test_list_due (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCase) overdue = make_closed_case (fixture->database, "Sample Alma", 2019, 6, 10,
                                                   "1990-01-02", "day");
  g_autoptr(LankaCase) due = make_closed_case (fixture->database, "Sample Bodil", 2020, 12, 31,
                                               "1990-01-02", "day");
  g_autoptr(LankaCase) not_yet = make_closed_case (fixture->database, "Sample Cissi", 2021, 3, 20,
                                                   "1990-01-02", "day");
  g_autoptr(LankaCase) sample = make_closed_case (fixture->database, "Sample Disa", 2020, 5, 1,
                                                  "1985-07-15", "day");
  g_autoptr(LankaCase) month_only = make_closed_case (fixture->database, "Sample Edit", 2020, 5, 1,
                                                      "1985-07-15", "month");
  g_autoptr(LankaCase) held = make_closed_case (fixture->database, "Sample Frida", 2020, 5, 2,
                                                "1990-01-02", "day");
  g_autoptr(LankaCase) referred = make_closed_case (fixture->database, "Sample Greta", 2020, 5, 3,
                                                    "1990-01-02", "day");
  g_autoptr(LankaCase) no_entry = make_closed_case (fixture->database, "Sample Hanna", 0, 0, 0,
                                                    "1990-01-02", "day");
  g_autoptr(LankaCase) open = make_closed_case (fixture->database, "Sample Ida", 2019, 6, 10,
                                                "1990-01-02", "day");
  const LankaRetentionItem *item;
  LankaRetentionRule rule;

  /* Reopened: an open case is never in the review. */
  lanka_record_set (lanka_case_get_record (open), "status", "active");
  lanka_record_set (lanka_case_get_record (open), "closed", NULL);
  save_ok (fixture->database, open);
  set_last_entry (fixture->database, open, 2019, 6, 10);

  g_assert_true (lanka_retention_hold (fixture->database, lanka_case_get_uuid (held),
                                       "Requested by the police", today, &error));
  g_assert_no_error (error);
  insert_referral (fixture->database, referred, "pending");
  insert_referral (fixture->database, referred, "done");

  items = list_due (fixture->database, today);
  g_assert_cmpuint (items->len, ==, 7);
  g_assert_null (find_item (items, not_yet));
  g_assert_null (find_item (items, open));

  item = find_item (items, overdue);
  g_assert_cmpint (item->state, ==, LANKA_RETENTION_OVERDUE);
  g_assert_cmpstr (item->number, ==, lanka_case_get_number (overdue));
  g_assert_cmpstr (item->closed, ==, "2019-06-01");
  g_assert_cmpstr (item->last_entry, ==, "2019-06-10");
  g_assert_cmpstr (item->earliest, ==, "2024-06-10");
  g_assert_cmpstr (item->deadline, ==, "2025-12-31");
  g_assert_null (item->hold_reason);
  g_assert_cmpuint (item->open_referrals, ==, 0);

  item = find_item (items, due);
  g_assert_cmpint (item->state, ==, LANKA_RETENTION_DUE);
  g_assert_cmpstr (item->earliest, ==, "2025-12-31");
  g_assert_cmpstr (item->deadline, ==, "2026-12-31");

  /* Born on the 15th: kept; when only the month is known, not. */
  g_assert_cmpint (find_item (items, sample)->state, ==, LANKA_RETENTION_RESEARCH_SAMPLE);
  g_assert_cmpint (find_item (items, month_only)->state, ==, LANKA_RETENTION_DUE);

  item = find_item (items, held);
  g_assert_cmpint (item->state, ==, LANKA_RETENTION_HELD);
  g_assert_cmpstr (item->hold_reason, ==, "Requested by the police");

  /* Only the referral still under way counts. */
  item = find_item (items, referred);
  g_assert_cmpint (item->state, ==, LANKA_RETENTION_DUE);
  g_assert_cmpuint (item->open_referrals, ==, 1);

  /* Without an entry the closing day counts. */
  item = find_item (items, no_entry);
  g_assert_cmpstr (item->last_entry, ==, "2019-06-01");
  g_assert_cmpint (item->state, ==, LANKA_RETENTION_OVERDUE);

  /* By deadline, then number. */
  for (guint i = 1; i < items->len; i++)
    {
      const LankaRetentionItem *a = g_ptr_array_index (items, i - 1);
      const LankaRetentionItem *b = g_ptr_array_index (items, i);

      g_assert_cmpint (g_strcmp0 (a->deadline, b->deadline) < 0 ||
                       (g_strcmp0 (a->deadline, b->deadline) == 0 &&
                        g_strcmp0 (a->number, b->number) < 0), ==, TRUE);
    }
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The year boundary: the day before the earliest date it is not due,
   * on the day it is.
   */
  {
    g_autoptr(GDate) eve = make_date (2025, 12, 30);
    g_autoptr(GDate) day = make_date (2025, 12, 31);

    items = list_due (fixture->database, eve);
    g_assert_null (find_item (items, due));
    g_clear_pointer (&items, g_ptr_array_unref);
    items = list_due (fixture->database, day);
    g_assert_cmpint (find_item (items, due)->state, ==, LANKA_RETENTION_DUE);
    g_clear_pointer (&items, g_ptr_array_unref);
  }

  /* A rule of six years: only the oldest are due; without the research
   * sample, the 15th is no exception.
   */
  rule.years = 6;
  rule.research_sample = FALSE;
  g_assert_true (lanka_retention_set_rule (fixture->database, &rule, &error));
  items = list_due (fixture->database, today);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (find_item (items, overdue)->earliest, ==, "2025-06-10");
  g_assert_cmpstr (find_item (items, no_entry)->earliest, ==, "2025-06-01");
  g_clear_pointer (&items, g_ptr_array_unref);

  rule.years = 5;
  g_assert_true (lanka_retention_set_rule (fixture->database, &rule, &error));
  items = list_due (fixture->database, today);
  g_assert_cmpint (find_item (items, sample)->state, ==, LANKA_RETENTION_DUE);
}

static void
test_hold (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCase) kase = make_closed_case (fixture->database, "Sample Jenny", 2019, 6, 10,
                                                "1990-01-02", "day");
  const char *uuid = lanka_case_get_uuid (kase);
  LankaAuditEntry *entry;

  g_assert_false (lanka_retention_hold (fixture->database, uuid, "  ", today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lanka_retention_hold (fixture->database, "00000000-0000-4000-8000-000000000000",
                                        "Reason", today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lanka_retention_hold (fixture->database, uuid, "Court case pending", today,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM retention_hold h JOIN \"case\" c "
                              "ON c.id = h.case_id WHERE c.uuid = ?1 AND h.held_on = '2026-03-14'",
                              uuid), ==, 1);

  /* The audit row names the case, not the reason. */
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_RETENTION_HOLD, 10, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->object, ==, uuid);
  g_assert_null (entry->detail);
  g_clear_pointer (&audit, g_ptr_array_unref);

  /* Held, it cannot go. */
  g_assert_false (lanka_retention_delete (fixture->database, uuid, today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "hold"));
  g_clear_error (&error);

  g_assert_true (lanka_retention_release (fixture->database, uuid, &error));
  g_assert_no_error (error);
  items = list_due (fixture->database, today);
  g_assert_cmpint (find_item (items, kase)->state, ==, LANKA_RETENTION_OVERDUE);
  g_assert_null (find_item (items, kase)->hold_reason);
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_RETENTION_RELEASE, 10, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((LankaAuditEntry *)audit->pdata[0])->object, ==, uuid);
}

/* Tables with a case_id, and how to count the rows of a case in the
 * others.
 */
static const struct
{
  const char *name;
  const char *count_sql;
} case_tables[] = {
  { "case", "SELECT count(*) FROM \"case\" WHERE id = ?1" },
  { "case_person", "SELECT count(*) FROM case_person WHERE case_id = ?1" },
  { "person", "SELECT count(*) FROM person WHERE id IN "
              "(SELECT person FROM case_person WHERE case_id = ?1)" },
  { "case_flag", "SELECT count(*) FROM case_flag WHERE case_id = ?1" },
  { "exploitation", "SELECT count(*) FROM exploitation WHERE case_id = ?1" },
  { "exploitation_value", "SELECT count(*) FROM exploitation_value WHERE exploitation IN "
                          "(SELECT id FROM exploitation WHERE case_id = ?1)" },
  { "assessment", "SELECT count(*) FROM assessment WHERE case_id = ?1" },
  { "permit_event", "SELECT count(*) FROM permit_event WHERE case_id = ?1" },
  { "legal_process", "SELECT count(*) FROM legal_process WHERE case_id = ?1" },
  { "plan_item", "SELECT count(*) FROM plan_item WHERE case_id = ?1" },
  { "journal_entry", "SELECT count(*) FROM journal_entry WHERE case_id = ?1" },
  { "referral", "SELECT count(*) FROM referral WHERE case_id = ?1" },
  { "referral_shared", "SELECT count(*) FROM referral_shared WHERE referral IN "
                       "(SELECT id FROM referral WHERE case_id = ?1)" },
  { "consent", "SELECT count(*) FROM consent WHERE case_id = ?1" },
  { "consent_excluded", "SELECT count(*) FROM consent_excluded WHERE consent IN "
                        "(SELECT id FROM consent WHERE case_id = ?1)" },
  { "task", "SELECT count(*) FROM task WHERE case_id = ?1" },
  { "retention_hold", "SELECT count(*) FROM retention_hold WHERE case_id = ?1" },
  { "case_fts", "SELECT count(*) FROM case_fts WHERE rowid = ?1" },
};

/* What is kept of a case elsewhere, under its uuid or its people's. */
static const char * const uuid_tables[] = {
  "SELECT count(*) FROM record_history WHERE record_uuid = ?1",
  "SELECT count(*) FROM draft WHERE object = ?1",
};

/* A closed, due case with a row in every table a case has. */
static LankaCase *
make_full_case (LankaDatabase *database,
                const char    *alias)
{
  g_autoptr(GDate) today = make_date (2019, 3, 1);
  g_autoptr(LankaRecord) task = NULL;
  g_autoptr(GError) error = NULL;
  LankaCase *kase = lanka_case_new ();
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *exploitation = lanka_case_get_exploitation (kase);
  LankaRecord *contact, *assessment, *permit, *item;
  const char * const flags[] = { "threat", NULL };
  const char * const citizenships[] = { "RO", NULL };
  const char * const languages[] = { "ro", NULL };
  const char * const forms[] = { "ForcedLabour", NULL };
  g_autoptr(LankaJournalEntry) entry = NULL;

  lanka_record_set (record, "intake_date", "2019-01-10");
  lanka_record_set (record, "opened", "2019-01-10");
  lanka_record_set_list (record, "flags", flags);
  lanka_record_set (victim, "alias", alias);
  lanka_record_set (victim, "birth_date", "1990-01-02");
  lanka_record_set (victim, "birth_precision", "day");
  lanka_record_set_list (victim, "citizenships", citizenships);
  lanka_record_set_list (victim, "languages", languages);
  contact = lanka_case_add_record (kase, "person");
  lanka_record_set (contact, "alias", "Sample contact");
  lanka_record_set_list (exploitation, "forms", forms);
  assessment = lanka_case_add_record (kase, "assessment");
  lanka_record_set (assessment, "assessed_on", "2019-01-10");
  lanka_record_set (assessment, "next_review", "2019-02-10");
  permit = lanka_case_add_record (kase, "permit_event");
  lanka_record_set (permit, "valid_from", "2019-01-12");
  item = lanka_case_add_record (kase, "plan_item");
  lanka_record_set (item, "support_type", "health");
  lanka_record_set (item, "follow_up_on", "2019-03-01");
  lanka_record_set (lanka_case_get_legal_process (kase), "next_hearing", "2019-04-01");
  save_ok (database, kase);

  /* A journal entry, history, a manual task, a referral done and a
   * consent, and then closed.
   */
  entry = lanka_journal_add (database, lanka_case_get_uuid (kase), "meeting",
                             g_get_real_time (), "Met the person.", NULL, &error);
  g_assert_no_error (error);
  task = lanka_tasks_add (database, lanka_case_get_uuid (kase), "2019-03-05", "Call back", today,
                          &error);
  g_assert_no_error (error);
  insert_referral (database, kase, "done");
  insert_consent (database, kase);

  lanka_record_set (record, "status", "closed");
  lanka_record_set (record, "closed", "2019-06-01");
  lanka_record_set (record, "closure_reason", "goal_reached");
  save_ok (database, kase);
  set_last_entry (database, kase, 2019, 6, 10);

  /* What was typed after, as a draft. */
  lanka_record_set (record, "notes", "Typed but not saved.");
  g_assert_true (lanka_cases_save_draft (database, kase, &error));
  g_assert_no_error (error);

  return kase;
}

static void
count_rows (LankaDatabase *database,
            gint64         case_id,
            const char    *uuid,
            gint64        *counts)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (case_tables); i++)
    counts[n++] = query_id (database, case_tables[i].count_sql, case_id);
  for (guint i = 0; i < G_N_ELEMENTS (uuid_tables); i++)
    counts[n++] = query_int (database, uuid_tables[i], uuid);
}

#define N_COUNTS (G_N_ELEMENTS (case_tables) + G_N_ELEMENTS (uuid_tables))

static const char *
count_name (guint i)
{
  return i < G_N_ELEMENTS (case_tables) ? case_tables[i].name
                                        : uuid_tables[i - G_N_ELEMENTS (case_tables)];
}

typedef gboolean (*DeleteFunc) (LankaDatabase  *database,
                                const char     *uuid,
                                GError        **error);

static gboolean
retention_delete (LankaDatabase  *database,
                  const char     *uuid,
                  GError        **error)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);

  return lanka_retention_delete (database, uuid, today, error);
}

/* Every row of the case goes, and nothing of the other.  A held case
 * cannot go through the review, so only @held cases have a hold.
 */
static void
check_removes_everything (LankaDatabase *database,
                          DeleteFunc     delete_func,
                          gboolean       held)
{
  g_autoptr(LankaCase) kase = make_full_case (database, "Sample Karin");
  g_autoptr(LankaCase) other = make_full_case (database, "Sample Lisa");
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (lanka_case_get_uuid (kase));
  const char *other_uuid = lanka_case_get_uuid (other);
  gint64 case_id = case_id_of (database, kase);
  gint64 other_id = case_id_of (database, other);
  gint64 counts[N_COUNTS], other_before[N_COUNTS], other_after[N_COUNTS];
  gint64 people = query_int (database, "SELECT count(*) FROM person", NULL);
  gint64 details = query_int (database,
                              "SELECT (SELECT count(*) FROM person_citizenship) + "
                              "(SELECT count(*) FROM person_language)", NULL);

  if (held)
    {
      g_autoptr(GDate) today = make_date (2026, 3, 14);

      g_assert_true (lanka_retention_hold (database, uuid, "Kept", today, &error));
      g_assert_true (lanka_retention_hold (database, other_uuid, "Kept", today, &error));
      g_assert_no_error (error);
    }

  count_rows (database, case_id, uuid, counts);
  count_rows (database, other_id, other_uuid, other_before);
  for (guint i = 0; i < N_COUNTS; i++)
    {
      g_test_message ("%s: %" G_GINT64_FORMAT, count_name (i), counts[i]);
      if (held || !g_str_equal (count_name (i), "retention_hold"))
        g_assert_cmpint (counts[i], >, 0);
      g_assert_cmpint (other_before[i], ==, counts[i]);
    }

  g_assert_true (delete_func (database, uuid, &error));
  g_assert_no_error (error);

  count_rows (database, case_id, uuid, counts);
  count_rows (database, other_id, other_uuid, other_after);
  for (guint i = 0; i < N_COUNTS; i++)
    {
      g_assert_cmpint (counts[i], ==, 0);
      g_assert_cmpint (other_after[i], ==, other_before[i]);
    }

  /* The people went, and their details: the other case's are left. */
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM person", NULL), ==, people / 2);
  g_assert_cmpint (query_int (database,
                              "SELECT (SELECT count(*) FROM person_citizenship) + "
                              "(SELECT count(*) FROM person_language)", NULL), ==, details / 2);

  /* Nothing can be found of it. */
  g_assert_cmpint (query_int (database,
                              "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'Karin'", NULL),
                   ==, 0);
  g_assert_cmpint (query_int (database,
                              "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'Lisa'", NULL),
                   ==, 1);
}

static void
test_delete_removes_everything (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *secure_delete = NULL;
  LankaAuditEntry *entry;
  const LankaRetentionItem *item;
  g_autofree char *uuid = NULL;
  g_autofree char *number = NULL;
  sqlite3_stmt *stmt;

  /* Freed pages are overwritten on this connection, as on every one. */
  secure_delete = query_string (fixture->database, "PRAGMA secure_delete", NULL);
  g_assert_cmpstr (secure_delete, ==, "1");

  check_removes_everything (fixture->database, retention_delete, FALSE);

  /* One log row, without content: the case's uuid and number, the day of
   * its last entry and the rule.
   */
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_RETENTION_DELETE, 10, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->detail, ==, "years=5 research_sample=1");
  uuid = g_strdup (entry->object);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM \"case\" WHERE uuid = ?1",
                              uuid), ==, 0);
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_CASE_DELETE, 10, &error);
  g_assert_cmpuint (audit->len, ==, 0);

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM retention_log", NULL),
                   ==, 1);
  stmt = _lanka_database_prepare (fixture->database, "SELECT * FROM retention_log", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_count (stmt), ==, 7);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *column = sqlite3_column_name (stmt, i);
      const char *value = (const char *)sqlite3_column_text (stmt, i);

      if (g_str_equal (column, "case_uuid"))
        g_assert_cmpstr (value, ==, uuid);
      else if (g_str_equal (column, "case_number"))
        number = g_strdup (value);
      else if (g_str_equal (column, "last_entry"))
        g_assert_cmpstr (value, ==, "2019-06-10");
      else if (g_str_equal (column, "rule"))
        g_assert_cmpstr (value, ==, "years=5 research_sample=1");
      else if (g_str_equal (column, "user"))
        g_assert_cmpstr (value, ==, g_get_user_name ());
      else
        g_assert_true (g_str_equal (column, "id") || g_str_equal (column, "time"));

      g_assert_null (value != NULL ? strstr (value, "Karin") : NULL);
    }
  sqlite3_reset (stmt);
  g_assert_nonnull (number);

  /* The log is for good. */
  g_assert_false (_lanka_database_exec (fixture->database, "DELETE FROM retention_log", &error));
  g_clear_error (&error);

  /* The other case is still due, and is the only one. */
  items = lanka_retention_list_due (fixture->database, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->number, !=, number);
}

/* lanka_cases_delete() takes the rows of the new tables as well. */
static void
test_cases_delete_removes_everything (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  check_removes_everything (fixture->database, lanka_cases_delete, TRUE);
}

static void
check_refused (LankaDatabase *database,
               LankaCase     *kase,
               GDate         *today,
               const char    *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lanka_retention_delete (database, lanka_case_get_uuid (kase), today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));

  /* Nothing lost, nothing logged. */
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM \"case\" WHERE uuid = ?1",
                              lanka_case_get_uuid (kase)), ==, 1);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM journal_entry j JOIN \"case\" c "
                              "ON c.id = j.case_id WHERE c.uuid = ?1",
                              lanka_case_get_uuid (kase)), >, 0);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM retention_log", NULL), ==, 0);
}

static void
test_delete_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCase) open = make_closed_case (fixture->database, "Sample Maja", 2019, 6, 10,
                                                "1990-01-02", "day");
  g_autoptr(LankaCase) not_yet = make_closed_case (fixture->database, "Sample Nora", 2021, 3, 20,
                                                   "1990-01-02", "day");
  g_autoptr(LankaCase) held = make_closed_case (fixture->database, "Sample Olga", 2019, 6, 10,
                                                "1990-01-02", "day");
  g_autoptr(LankaCase) sample = make_closed_case (fixture->database, "Sample Petra", 2019, 6, 10,
                                                  "1985-07-25", "day");
  g_autoptr(LankaCase) referred = make_closed_case (fixture->database, "Sample Rut", 2019, 6, 10,
                                                    "1990-01-02", "day");

  lanka_record_set (lanka_case_get_record (open), "status", "active");
  lanka_record_set (lanka_case_get_record (open), "closed", NULL);
  save_ok (fixture->database, open);
  set_last_entry (fixture->database, open, 2019, 6, 10);
  g_assert_true (lanka_retention_hold (fixture->database, lanka_case_get_uuid (held), "Asked to",
                                       today, &error));
  insert_referral (fixture->database, referred, "accepted");

  check_refused (fixture->database, open, today, "open");
  check_refused (fixture->database, not_yet, today, "20 March 2026");
  check_refused (fixture->database, held, today, "hold");
  check_refused (fixture->database, sample, today, "research");
  check_refused (fixture->database, referred, today, "referral");

  g_assert_false (lanka_retention_delete (fixture->database,
                                          "00000000-0000-4000-8000-000000000000", today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The day it comes, the case may go. */
  {
    g_autoptr(GDate) day = make_date (2026, 3, 20);

    g_assert_true (lanka_retention_delete (fixture->database, lanka_case_get_uuid (not_yet), day,
                                           &error));
    g_assert_no_error (error);
  }
}

/* The sample data have a few cases due for review and no holds. */
static void
test_sample (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  guint n_due = 0;

  g_assert_true (lanka_case_sample_generate (fixture->database, 40, 2, 20260705, NULL, &error));
  g_assert_no_error (error);

  items = lanka_retention_list_due (fixture->database, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      const LankaRetentionItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (item->state, !=, LANKA_RETENTION_HELD);
      n_due += item->state == LANKA_RETENTION_DUE || item->state == LANKA_RETENTION_OVERDUE;
    }
  g_assert_cmpuint (n_due, >, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM retention_hold", NULL),
                   ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/retention/compute", test_compute);

#define ADD(path, func) \
  g_test_add ("/store/retention/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("rule", test_rule);
  ADD ("list-due", test_list_due);
  ADD ("hold", test_hold);
  ADD ("delete-removes-everything", test_delete_removes_everything);
  ADD ("cases-delete-removes-everything", test_cases_delete_removes_everything);
  ADD ("delete-refused", test_delete_refused);
  ADD ("sample", test_sample);

#undef ADD

  return g_test_run ();
}
