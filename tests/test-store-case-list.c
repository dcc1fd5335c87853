/* test-store-case-list.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-case-list.h"
#include "lanka-case.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-journal.h"
#include "lanka-key.h"
#include "lanka-record.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"

#include <string.h>

/* One database of a hundred thousand generated (fictional) cases, shared
 * by the tests in the order they run: the tests that write come last.
 */
#define N_CASES 100000

static char *dir;
static LankaDatabase *database;

static char *
query_string (const char *sql,
              const char *parameter)
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
query_int (const char *sql,
           const char *parameter)
{
  g_autofree char *value = query_string (sql, parameter);

  g_assert_nonnull (value);

  return g_ascii_strtoll (value, NULL, 10);
}

static void
exec_sql (const char *sql,
          const char *parameter)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = _lanka_database_prepare (database, sql, &error);
  g_assert_no_error (error);
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_TRANSIENT);
  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_no_error (error);
}

/* The cases of the tests: minimal rows, straight into the tables in one
 * transaction, with the search rows written by _lanka_cases_index() as a
 * save writes them.  (The sample generator fills every section and takes
 * minutes for a hundred thousand cases; the list only needs what it shows
 * and searches.)  Values cycle with different periods, so that every
 * filter lets some cases through and none lets all of them through; ids
 * follow neither the aliases nor the times of change.
 */
static const char * const alias_words[] = {
  "Lark", "Wren", "Finch", "Heron", "Robin", "Swift", "Plover", "Kestrel", "Linnet", "Osprey",
  "Alder", "Birch", "Cedar", "Hazel", "Ärla", "Öring", "Åkerbär", "Zander",
};

static const char * const statuses[] = {
  "intake", "assessment", "active", "follow_up", "closed", "closed_referred", "duplicate",
};

static const char * const risks[] = { "high", "medium", "low", NULL };

static const char * const counties[] = { "01", "03", "12", "14", NULL, "25", "21" };

static const char * const forms[] = {
  "SexualExploitation", "ForcedLabour", "ForcedBegging", "ForcedCriminality", "Other",
};

static const char * const sentences[] = {
  "Samtal på kontoret tillsammans med tolk.",
  "Har bokat tid på vårdcentralen.",
  "Met at the office together with an interpreter.",
  "Would like to start a language course.",
  "Är orolig för familjen i hemlandet.",
  "Uppföljande samtal om boendet.",
};

static sqlite3_stmt *
prepare (const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, sql, &error);

  g_assert_no_error (error);

  return stmt;
}

static void
step_done (sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_lanka_database_step_done (database, stmt, &error));
  g_assert_no_error (error);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Valid uuids in the order of the rows: random ones would make every
 * insert a write at a random place of four unique indexes, which takes
 * longer than everything else together.
 */
static char *
test_uuid (guint table,
           guint index)
{
  return g_strdup_printf ("%08x-0000-4000-8000-%012x", table, index);
}

static void
insert_cases (guint n_cases)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  g_assert_true (lanka_database_begin (database, &error));

  for (guint i = 0; i < n_cases; i++)
    {
      /* A permutation of the indexes: times in another order than the
       * ids.
       */
      guint shuffled = (guint)(((guint64)i * 7919) % n_cases);
      g_autofree char *case_uuid = test_uuid (0, i);
      g_autofree char *person_uuid = test_uuid (1, i);
      g_autofree char *exploitation_uuid = test_uuid (2, i);
      g_autofree char *entry_uuid = test_uuid (3, i);
      g_autofree char *number = g_strdup_printf ("%04u-%04u", 2016 + i / 9500, i % 9500 + 1);
      g_autofree char *alias = g_strdup_printf ("Sample %s %04u",
                                                alias_words[(i * 31 + i / 7) %
                                                            G_N_ELEMENTS (alias_words)],
                                                i % 10000);
      g_autofree char *legal_name = g_strdup_printf ("Fictional Person %u", i);
      g_autofree char *deadline = NULL;
      g_autofree char *text = NULL;
      gint64 case_id, person_id, exploitation_id;
      sqlite3_stmt *stmt;

      if (i % 3 != 0)
        deadline = g_strdup_printf ("%04u-%02u-%02u", 2026 + i % 2, 1 + (i / 3) % 12,
                                    1 + (i / 5) % 28);

      stmt = prepare ("INSERT INTO \"case\" (uuid, number, status, nrm_step, risk, urgent, "
                      "county, child, alias, next_deadline, opened, created, modified) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)");
      bind_text (stmt, 1, case_uuid);
      bind_text (stmt, 2, number);
      bind_text (stmt, 3, statuses[i % G_N_ELEMENTS (statuses)]);
      sqlite3_bind_int (stmt, 4, 1 + (i / 7) % 6);
      bind_text (stmt, 5, risks[i % G_N_ELEMENTS (risks)]);
      sqlite3_bind_int (stmt, 6, i % 13 == 0);
      bind_text (stmt, 7, counties[i % G_N_ELEMENTS (counties)]);
      sqlite3_bind_int (stmt, 8, i % 5 == 0);
      bind_text (stmt, 9, alias);
      bind_text (stmt, 10, deadline);
      bind_text (stmt, 11, "2026-01-01");
      sqlite3_bind_int64 (stmt, 12, now - (gint64)shuffled * G_USEC_PER_SEC);
      step_done (stmt);
      case_id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

      stmt = prepare ("INSERT INTO person (uuid, alias, legal_name, created, modified) "
                      "VALUES (?1, ?2, ?3, ?4, ?4)");
      bind_text (stmt, 1, person_uuid);
      bind_text (stmt, 2, alias);
      bind_text (stmt, 3, legal_name);
      sqlite3_bind_int64 (stmt, 4, now);
      step_done (stmt);
      person_id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

      stmt = prepare ("INSERT INTO case_person (case_id, person, role, position) "
                      "VALUES (?1, ?2, 'victim', 0)");
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, person_id);
      step_done (stmt);

      stmt = prepare ("INSERT INTO exploitation (uuid, case_id) VALUES (?1, ?2)");
      bind_text (stmt, 1, exploitation_uuid);
      sqlite3_bind_int64 (stmt, 2, case_id);
      step_done (stmt);
      exploitation_id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

      stmt = prepare ("INSERT INTO exploitation_value (exploitation, kind, code) "
                      "VALUES (?1, 'form', ?2)");
      sqlite3_bind_int64 (stmt, 1, exploitation_id);
      bind_text (stmt, 2, forms[i % G_N_ELEMENTS (forms)]);
      step_done (stmt);

      text = g_strconcat (alias, ": ", sentences[(i / 2) % G_N_ELEMENTS (sentences)], NULL);

      stmt = prepare ("INSERT INTO journal_entry (uuid, case_id, event_time, written, author, "
                      "type, text) VALUES (?1, ?2, ?3, ?3, 'Sample Caseworker', 'meeting', ?4)");
      bind_text (stmt, 1, entry_uuid);
      sqlite3_bind_int64 (stmt, 2, case_id);
      sqlite3_bind_int64 (stmt, 3, now);
      bind_text (stmt, 4, text);
      step_done (stmt);

      g_assert_true (_lanka_cases_index (database, case_id, &error));
      g_assert_no_error (error);
    }

  g_assert_true (lanka_database_commit (database, &error));
  g_assert_no_error (error);
}

static LankaCaseList *
list_new (const char            *text,
          const LankaCaseFilter *filter,
          LankaCaseSort          sort,
          gboolean               show_names)
{
  g_autoptr(GError) error = NULL;
  LankaCaseList *list = lanka_case_list_new (database);

  g_assert_true (lanka_case_list_set_query (list, text, filter, sort, show_names, &error));
  g_assert_no_error (error);

  return list;
}

static LankaCaseSummary *
item (LankaCaseList *list,
      guint          position)
{
  LankaCaseSummary *summary = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (summary);
  /* The test holds the list, which holds the summary as well. */
  g_object_unref (summary);

  return summary;
}

static guint
n_items (LankaCaseList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static gboolean
list_contains (LankaCaseList *list,
               const char    *uuid)
{
  return lanka_case_list_find (list, uuid) != G_MAXUINT;
}

static void
test_count (void)
{
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_autoptr(LankaCaseSummary) past_end = NULL;

  g_assert_cmpuint (n_items (list), ==, N_CASES);
  g_assert_cmpuint (n_items (list), ==, query_int ("SELECT count(*) FROM \"case\"", NULL));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == LANKA_TYPE_CASE_SUMMARY);
  g_assert_true (lanka_case_list_get_database (list) == database);

  past_end = g_list_model_get_item (G_LIST_MODEL (list), N_CASES);
  g_assert_null (past_end);
}

/* The list reads a case when the view asks for it, a page at a time: a
 * case deleted after the query but before it was read shows as an empty
 * row; one deleted after its page was read still shows what was read.
 * (Inside a transaction that is rolled back, so the cases stay.)
 */
static void
test_lazy (void)
{
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_uuid = NULL;
  g_autofree char *second_uuid = NULL;
  g_autofree char *far_uuid = NULL;
  LankaCaseSummary *summary;

  first_uuid = query_string ("SELECT uuid FROM \"case\" ORDER BY number DESC LIMIT 1", NULL);
  second_uuid = query_string ("SELECT uuid FROM \"case\" ORDER BY number DESC LIMIT 1 OFFSET 1",
                              NULL);
  far_uuid = query_string ("SELECT uuid FROM \"case\" ORDER BY number DESC LIMIT 1 OFFSET 5000",
                           NULL);

  summary = item (list, 0);
  g_assert_cmpstr (lanka_case_summary_get_uuid (summary), ==, first_uuid);

  g_assert_true (lanka_database_begin (database, &error));
  exec_sql ("DELETE FROM \"case\" WHERE uuid = ?1", second_uuid);
  exec_sql ("DELETE FROM \"case\" WHERE uuid = ?1", far_uuid);

  /* Read with the first page: still there. */
  summary = item (list, 1);
  g_assert_cmpstr (lanka_case_summary_get_uuid (summary), ==, second_uuid);

  /* Not read yet: gone, and the row is empty rather than missing. */
  g_assert_cmpuint (n_items (list), ==, N_CASES);
  summary = item (list, 5000);
  g_assert_null (lanka_case_summary_get_uuid (summary));
  g_assert_cmpint (lanka_case_summary_get_nrm_step (summary), ==, 0);
  /* Its neighbours on the same page are read. */
  g_assert_nonnull (lanka_case_summary_get_uuid (item (list, 5001)));

  lanka_database_rollback (database);

  g_assert_true (lanka_case_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_case_summary_get_uuid (item (list, 5000)), ==, far_uuid);
}

static int
compare_numbers (const char *a,
                 const char *b)
{
  int year_a = atoi (a);
  int year_b = atoi (b);

  if (year_a != year_b)
    return year_a < year_b ? -1 : 1;

  return atoi (strchr (a, '-') + 1) - atoi (strchr (b, '-') + 1);
}

/* Positions to look at: the first pages, a stretch in the middle and the
 * end, without reading all hundred thousand.
 */
static const guint windows[][2] = { { 0, 120 }, { 49950, 50060 }, { N_CASES - 120, N_CASES } };

static void
test_sort_number (void)
{
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_autofree char *newest = query_string ("SELECT number FROM \"case\" ORDER BY "
                                          "CAST(substr(number, 1, 4) AS INTEGER) DESC, "
                                          "CAST(substr(number, 6) AS INTEGER) DESC LIMIT 1", NULL);

  g_assert_cmpstr (lanka_case_summary_get_number (item (list, 0)), ==, newest);

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    for (guint i = windows[w][0] + 1; i < windows[w][1]; i++)
      g_assert_cmpint (compare_numbers (lanka_case_summary_get_number (item (list, i - 1)),
                                        lanka_case_summary_get_number (item (list, i))), >, 0);
}

/* What the unlock prepares in its worker is the order the list uses:
 * newest first, every case once.
 */
static void
test_prepare (void)
{
  g_autoptr(LankaCaseList) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_case_list_prepare (database, &error));
  g_assert_no_error (error);

  list = list_new (NULL, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_assert_cmpuint (n_items (list), ==, N_CASES);
  for (guint i = 1; i < 200; i++)
    g_assert_cmpint (compare_numbers (lanka_case_summary_get_number (item (list, i - 1)),
                                      lanka_case_summary_get_number (item (list, i))), >, 0);
}

static void
test_sort_alias (void)
{
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_ALIAS, FALSE);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  /* Swedish order is the database's collation: ask it about each pair. */
  stmt = _lanka_database_prepare (database, "SELECT ?1 COLLATE swedish <= ?2", &error);
  g_assert_no_error (error);

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    for (guint i = windows[w][0] + 1; i < windows[w][1]; i++)
      {
        const char *a = lanka_case_summary_get_alias (item (list, i - 1));
        const char *b = lanka_case_summary_get_alias (item (list, i));

        g_assert_nonnull (a);
        g_assert_nonnull (b);
        sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
        sqlite3_reset (stmt);
      }

  sqlite3_clear_bindings (stmt);

  /* "Sample Ä…" would sort as A in a C locale. */
  g_assert_cmpint (sqlite3_prepare_v2 (_lanka_database_get_handle (database),
                                       "SELECT 'Ö' COLLATE swedish > 'Z'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
}

static void
test_sort_modified (void)
{
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_MODIFIED, FALSE);
  g_autofree char *latest = query_string ("SELECT max(modified) FROM \"case\"", NULL);
  g_autofree char *first = NULL;

  first = query_string ("SELECT modified FROM \"case\" WHERE uuid = ?1",
                        lanka_case_summary_get_uuid (item (list, 0)));
  g_assert_cmpstr (first, ==, latest);

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    for (guint i = windows[w][0] + 1; i < windows[w][1]; i++)
      {
        g_autofree char *a = query_string ("SELECT modified FROM \"case\" WHERE uuid = ?1",
                                           lanka_case_summary_get_uuid (item (list, i - 1)));
        g_autofree char *b = query_string ("SELECT modified FROM \"case\" WHERE uuid = ?1",
                                           lanka_case_summary_get_uuid (item (list, i)));

        g_assert_cmpint (g_ascii_strtoll (a, NULL, 10), >=, g_ascii_strtoll (b, NULL, 10));
      }
}

static void
test_sort_deadline (void)
{
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_DEADLINE, FALSE);
  guint n_with = query_int ("SELECT count(*) FROM \"case\" WHERE next_deadline IS NOT NULL", NULL);
  g_autofree char *soonest = query_string ("SELECT min(next_deadline) FROM \"case\"", NULL);

  /* The sample has cases with and without deadlines. */
  g_assert_cmpuint (n_with, >, 120);
  g_assert_cmpuint (n_with, <, N_CASES - 120);

  g_assert_cmpstr (lanka_case_summary_get_next_deadline (item (list, 0)), ==, soonest);

  for (guint i = 1; i < 120; i++)
    g_assert_cmpstr (lanka_case_summary_get_next_deadline (item (list, i - 1)), <=,
                     lanka_case_summary_get_next_deadline (item (list, i)));

  /* Where the deadlines end, the cases without one begin, newest first. */
  g_assert_nonnull (lanka_case_summary_get_next_deadline (item (list, n_with - 1)));
  g_assert_null (lanka_case_summary_get_next_deadline (item (list, n_with)));
  for (guint i = N_CASES - 60; i < N_CASES; i++)
    {
      g_assert_null (lanka_case_summary_get_next_deadline (item (list, i)));
      g_assert_cmpint (compare_numbers (lanka_case_summary_get_number (item (list, i - 1)),
                                        lanka_case_summary_get_number (item (list, i))), >, 0);
    }
}

/* The number of cases @filter lets through matches what SQL counts with
 * @where, and is neither none nor all.
 */
static LankaCaseList *
check_filter (const LankaCaseFilter *filter,
              const char            *where,
              const char            *parameter)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"case\" c WHERE %s", where);
  LankaCaseList *list = list_new (NULL, filter, LANKA_CASE_SORT_NUMBER, FALSE);
  guint expected = query_int (sql, parameter);

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, N_CASES);
  g_assert_cmpuint (n_items (list), ==, expected);

  /* Still newest first. */
  for (guint i = 1; i < MIN (n_items (list), 60); i++)
    g_assert_cmpint (compare_numbers (lanka_case_summary_get_number (item (list, i - 1)),
                                      lanka_case_summary_get_number (item (list, i))), >, 0);

  return list;
}

static void
test_filter (void)
{
  g_autoptr(LankaCaseList) list = NULL;

  {
    LankaCaseFilter filter = { .status = "open" };

    list = check_filter (&filter,
                         "status NOT IN ('closed', 'closed_referred', 'duplicate')", NULL);
    for (guint i = 0; i < 100; i++)
      {
        const char *status = lanka_case_summary_get_status (item (list, i));

        g_assert_false (g_str_has_prefix (status, "closed"));
        g_assert_cmpstr (status, !=, "duplicate");
      }
    g_clear_object (&list);
  }

  {
    LankaCaseFilter filter = { .status = "closed_referred" };

    list = check_filter (&filter, "status = 'closed_referred'", NULL);
    for (guint i = 0; i < 100; i++)
      g_assert_cmpstr (lanka_case_summary_get_status (item (list, i)), ==, "closed_referred");
    g_clear_object (&list);
  }

  {
    LankaCaseFilter filter = { .nrm_step = 3 };

    list = check_filter (&filter, "nrm_step = 3", NULL);
    for (guint i = 0; i < 100; i++)
      g_assert_cmpint (lanka_case_summary_get_nrm_step (item (list, i)), ==, 3);
    g_clear_object (&list);
  }

  {
    LankaCaseFilter filter = { .child_only = TRUE };

    list = check_filter (&filter, "child = 1", NULL);
    for (guint i = 0; i < 100; i++)
      g_assert_true (lanka_case_summary_get_child (item (list, i)));
    g_clear_object (&list);
  }

  {
    LankaCaseFilter filter = { .risk = "high" };

    list = check_filter (&filter, "risk = 'high'", NULL);
    for (guint i = 0; i < 100; i++)
      g_assert_cmpstr (lanka_case_summary_get_risk (item (list, i)), ==, "high");
    g_clear_object (&list);
  }

  {
    LankaCaseFilter filter = { .risk = "urgent" };

    list = check_filter (&filter, "urgent = 1", NULL);
    for (guint i = 0; i < 100 && i < n_items (list); i++)
      g_assert_true (lanka_case_summary_get_urgent (item (list, i)));
    g_clear_object (&list);
  }

  {
    LankaCaseFilter filter = { .county = "12" };

    list = check_filter (&filter, "county = '12'", NULL);
    g_clear_object (&list);
  }

  {
    LankaCaseFilter filter = { .form = "ForcedLabour" };

    list = check_filter (&filter,
                         "EXISTS (SELECT 1 FROM exploitation e JOIN exploitation_value v "
                         "ON v.exploitation = e.id WHERE e.case_id = c.id AND v.kind = 'form' "
                         "AND v.code = 'ForcedLabour')", NULL);
    g_clear_object (&list);
  }

  /* Filters together narrow each other. */
  {
    LankaCaseFilter filter = { .status = "open", .nrm_step = 2, .child_only = TRUE };

    list = check_filter (&filter,
                         "status NOT IN ('closed', 'closed_referred', 'duplicate') "
                         "AND nrm_step = 2 AND child = 1", NULL);
    g_clear_object (&list);
  }
}

static void
test_search_number (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCaseList) list = NULL;
  g_autofree char *number = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *year = NULL;
  g_autofree char *undashed = NULL;
  g_autofree char *prefix = NULL;
  g_auto(GStrv) parts = NULL;

  uuid = query_string ("SELECT uuid FROM \"case\" WHERE number LIKE '%-0042' "
                       "ORDER BY number DESC LIMIT 1", NULL);
  number = query_string ("SELECT number FROM \"case\" WHERE uuid = ?1", uuid);
  parts = g_strsplit (number, "-", 2);
  undashed = g_strconcat (parts[0], parts[1], NULL);

  /* As written, without the dash, and the running number alone. */
  list = list_new (number, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpstr (lanka_case_summary_get_uuid (item (list, 0)), ==, uuid);

  g_assert_true (lanka_case_list_set_query (list, undashed, NULL, LANKA_CASE_SORT_NUMBER,
                                            FALSE, &error));
  g_assert_cmpuint (n_items (list), ==, 1);

  g_assert_true (lanka_case_list_set_query (list, "0042", NULL, LANKA_CASE_SORT_NUMBER,
                                            FALSE, &error));
  g_assert_true (list_contains (list, uuid));
  /* One case 0042 a year (and aliases numbered 0042). */
  g_assert_cmpuint (n_items (list), <, 50);

  /* Typing the number: "2026-00" is every case of 2026 up to 0099. */
  prefix = g_strdup_printf ("%s-00", parts[0]);
  g_assert_true (lanka_case_list_set_query (list, prefix, NULL, LANKA_CASE_SORT_NUMBER,
                                            FALSE, &error));
  g_assert_true (list_contains (list, uuid));
  g_assert_cmpuint (n_items (list), ==,
                    query_int ("SELECT count(*) FROM \"case\" WHERE number LIKE ?1 || '%'",
                               prefix));
  for (guint i = 0; i < n_items (list); i++)
    g_assert_true (g_str_has_prefix (lanka_case_summary_get_number (item (list, i)), prefix));

  /* Nothing matches: an empty list, not an error. */
  g_assert_true (lanka_case_list_set_query (list, "2026-99999", NULL, LANKA_CASE_SORT_NUMBER,
                                            FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (list), ==, 0);

  /* FTS5 syntax is only text. */
  g_assert_true (lanka_case_list_set_query (list, "\"NEAR( * OR -", NULL,
                                            LANKA_CASE_SORT_NUMBER, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_search_alias (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCaseList) list = NULL;
  g_autofree char *alias = NULL;
  g_autofree char *uuid = NULL;
  guint n_heron;

  uuid = query_string ("SELECT uuid FROM \"case\" WHERE alias LIKE 'Sample Heron %' LIMIT 1",
                       NULL);
  alias = query_string ("SELECT alias FROM \"case\" WHERE uuid = ?1", uuid);

  /* Every word a prefix, in any case. */
  list = list_new ("hero", NULL, LANKA_CASE_SORT_ALIAS, FALSE);
  n_heron = n_items (list);
  g_assert_true (list_contains (list, uuid));
  g_assert_cmpuint (n_heron, >=,
                    query_int ("SELECT count(*) FROM \"case\" WHERE alias LIKE 'Sample Heron %'",
                               NULL));
  g_assert_cmpuint (n_heron, <, N_CASES / 2);

  /* The whole alias is one case (or a few: the numbers repeat). */
  g_assert_true (lanka_case_list_set_query (list, alias, NULL, LANKA_CASE_SORT_ALIAS,
                                            FALSE, &error));
  g_assert_true (list_contains (list, uuid));
  g_assert_cmpuint (n_items (list), <, 20);
  g_assert_cmpuint (n_items (list), <, n_heron);

  /* "Sample" is in every alias. */
  g_assert_true (lanka_case_list_set_query (list, "sampl", NULL, LANKA_CASE_SORT_ALIAS,
                                            FALSE, &error));
  g_assert_cmpuint (n_items (list), ==, N_CASES);

  /* With a filter, both must hold. */
  {
    LankaCaseFilter filter = { .child_only = TRUE };

    g_assert_true (lanka_case_list_set_query (list, "hero", &filter, LANKA_CASE_SORT_ALIAS,
                                              FALSE, &error));
    g_assert_cmpuint (n_items (list), >, 0);
    g_assert_cmpuint (n_items (list), <, n_heron);
    for (guint i = 0; i < MIN (n_items (list), 100); i++)
      g_assert_true (lanka_case_summary_get_child (item (list, i)));
  }
}

static void
test_search_journal (void)
{
  g_autoptr(LankaCaseList) list = NULL;
  guint n_matches;

  /* A word of the sample's journal sentences, not of any alias. */
  list = list_new ("vårdcentral", NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  n_matches = n_items (list);
  g_assert_cmpuint (n_matches, >, 0);
  g_assert_cmpuint (n_matches, <, N_CASES);

  /* Every one of them has the word in its journal. */
  for (guint i = 0; i < MIN (n_matches, 20); i++)
    g_assert_cmpint (query_int ("SELECT count(*) FROM journal_entry j JOIN \"case\" c "
                                "ON c.id = j.case_id WHERE c.uuid = ?1 "
                                "AND j.text LIKE '%vårdcentral%'",
                                lanka_case_summary_get_uuid (item (list, i))), >, 0);
}

/* Legal names and personal numbers are searched only while names are
 * shown, and only then does the list read them.
 */
static void
test_search_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCaseList) list = NULL;
  g_autofree char *uuid = NULL;
  gint64 case_id;

  uuid = query_string ("SELECT c.uuid FROM \"case\" c JOIN case_person cp ON cp.case_id = c.id "
                       "AND cp.role = 'victim' ORDER BY c.id LIMIT 1", NULL);
  case_id = query_int ("SELECT id FROM \"case\" WHERE uuid = ?1", uuid);

  g_assert_true (lanka_database_begin (database, &error));
  exec_sql ("UPDATE person SET legal_name = 'Fictional Xylofonia Åkesdotter', "
            "personal_number = '19900101-1234' WHERE id = (SELECT person FROM case_person "
            "WHERE case_id = (SELECT id FROM \"case\" WHERE uuid = ?1) AND role = 'victim' "
            "ORDER BY position LIMIT 1)", uuid);
  g_assert_true (_lanka_cases_index (database, case_id, &error));
  g_assert_true (lanka_database_commit (database, &error));
  g_assert_no_error (error);

  list = list_new ("xylofon", NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_assert_cmpuint (n_items (list), ==, 0);
  g_assert_true (lanka_case_list_set_query (list, "199001011234", NULL, LANKA_CASE_SORT_NUMBER,
                                            FALSE, &error));
  g_assert_cmpuint (n_items (list), ==, 0);

  g_assert_true (lanka_case_list_set_query (list, "xylofon åkes", NULL, LANKA_CASE_SORT_NUMBER,
                                            TRUE, &error));
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpstr (lanka_case_summary_get_uuid (item (list, 0)), ==, uuid);
  g_assert_cmpstr (lanka_case_summary_get_legal_name (item (list, 0)), ==,
                   "Fictional Xylofonia Åkesdotter");

  /* The personnummer in its long and short forms, with or without dash. */
  g_assert_true (lanka_case_list_set_query (list, "19900101-1234", NULL, LANKA_CASE_SORT_NUMBER,
                                            TRUE, &error));
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_true (lanka_case_list_set_query (list, "900101", NULL, LANKA_CASE_SORT_NUMBER,
                                            TRUE, &error));
  g_assert_true (list_contains (list, uuid));

  /* Names hidden again: not read either. */
  g_assert_true (lanka_case_list_set_query (list, NULL, NULL, LANKA_CASE_SORT_NUMBER,
                                            FALSE, &error));
  g_assert_null (lanka_case_summary_get_legal_name (item (list, lanka_case_list_find (list,
                                                                                       uuid))));
}

static void
test_has_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_autofree char *uuid = g_strdup (lanka_case_summary_get_uuid (item (list, 3)));

  g_assert_false (lanka_case_summary_get_has_draft (item (list, 3)));

  exec_sql ("INSERT INTO draft (kind, object, content, saved_at) VALUES ('case', ?1, x'00', 1)",
            uuid);
  g_assert_true (lanka_case_list_reload (list, &error));
  g_assert_true (lanka_case_summary_get_has_draft (item (list, 3)));

  exec_sql ("DELETE FROM draft WHERE kind = 'case' AND object = ?1", uuid);
  g_assert_true (lanka_case_list_reload (list, &error));
  g_assert_false (lanka_case_summary_get_has_draft (item (list, 3)));
}

/* What is written shows up at the next reload. */
static void
test_journal_entry_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCaseList) list = list_new ("zebrafink", NULL, LANKA_CASE_SORT_MODIFIED, FALSE);
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autofree char *uuid = NULL;

  g_assert_cmpuint (n_items (list), ==, 0);

  uuid = query_string ("SELECT uuid FROM \"case\" ORDER BY id LIMIT 1 OFFSET 777", NULL);
  entry = lanka_journal_add (database, uuid, "meeting", 0, "Pratade om en zebrafink.", NULL,
                             &error);
  g_assert_no_error (error);

  g_assert_true (lanka_case_list_reload (list, &error));
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpstr (lanka_case_summary_get_uuid (item (list, 0)), ==, uuid);

  /* And it was the last change of all. */
  g_assert_true (lanka_case_list_set_query (list, NULL, NULL, LANKA_CASE_SORT_MODIFIED,
                                            FALSE, &error));
  g_assert_cmpstr (lanka_case_summary_get_uuid (item (list, 0)), ==, uuid);
}

static guint
count_with (LankaCaseList         *list,
            const LankaCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_case_list_set_query (list, NULL, filter, LANKA_CASE_SORT_NUMBER, FALSE,
                                            &error));
  g_assert_no_error (error);

  return n_items (list);
}

/* A person tries one filter after another: the cases of each condition
 * are kept between queries, combined in any way, and read again once a
 * case changed.
 */
static void
test_filter_kept (void)
{
  static const LankaCaseFilter intake = { .status = "intake" };
  static const LankaCaseFilter child = { .child_only = TRUE };
  static const LankaCaseFilter both = { .status = "intake", .child_only = TRUE };
  g_autoptr(LankaCaseList) list = lanka_case_list_new (database);
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(GError) error = NULL;
  guint n_intake = count_with (list, &intake);
  guint n_child = count_with (list, &child);
  guint n_both = count_with (list, &both);

  g_assert_cmpuint (n_intake, ==,
                    query_int ("SELECT count(*) FROM \"case\" WHERE status = 'intake'", NULL));
  g_assert_cmpuint (n_child, ==,
                    query_int ("SELECT count(*) FROM \"case\" WHERE child = 1", NULL));
  g_assert_cmpuint (n_both, ==, query_int ("SELECT count(*) FROM \"case\" "
                                           "WHERE status = 'intake' AND child = 1", NULL));
  g_assert_cmpuint (n_both, >, 0);
  g_assert_cmpuint (n_both, <, MIN (n_intake, n_child));

  /* Again, from what was kept. */
  g_assert_cmpuint (count_with (list, &intake), ==, n_intake);
  g_assert_cmpuint (count_with (list, &both), ==, n_both);

  /* A new case is at intake, and not a child's. */
  lanka_record_set (lanka_case_get_victim (kase), "alias", "Testfall Filter");
  g_assert_true (lanka_cases_save (database, kase, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_with (list, &intake), ==, n_intake + 1);
  g_assert_cmpuint (count_with (list, &child), ==, n_child);
  g_assert_cmpuint (count_with (list, &both), ==, n_both);
  g_assert_false (list_contains (list, lanka_case_get_uuid (kase)));
  count_with (list, &intake);
  g_assert_true (list_contains (list, lanka_case_get_uuid (kase)));

  g_assert_true (lanka_cases_delete (database, lanka_case_get_uuid (kase), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_with (list, &intake), ==, n_intake);
}

static void
test_save_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_autoptr(LankaCase) kase = lanka_case_new ();
  LankaCaseSummary *summary;
  guint position;

  lanka_record_set (lanka_case_get_victim (kase), "alias", "Testfall Örnbo");

  if (!lanka_cases_save (database, kase, &error))
    {
      g_test_skip ("Saving cases is not available");
      return;
    }

  g_assert_cmpuint (n_items (list), ==, N_CASES);
  g_assert_true (lanka_case_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (list), ==, N_CASES + 1);

  position = lanka_case_list_find (list, lanka_case_get_uuid (kase));
  g_assert_cmpuint (position, ==, 0);
  summary = item (list, position);
  g_assert_cmpstr (lanka_case_summary_get_alias (summary), ==, "Testfall Örnbo");
  g_assert_cmpstr (lanka_case_summary_get_number (summary), ==, lanka_case_get_number (kase));
  g_assert_cmpstr (lanka_case_summary_get_status (summary), ==, "intake");

  g_assert_true (lanka_case_list_set_query (list, "örnb", NULL, LANKA_CASE_SORT_ALIAS, FALSE,
                                            &error));
  g_assert_cmpuint (n_items (list), ==, 1);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_removed)
{
  *n_removed += removed;
}

/* Locking closes the database: whatever the list held is forgotten. */
static void
test_database_closed (void)
{
  g_autoptr(LankaCaseList) list = list_new (NULL, NULL, LANKA_CASE_SORT_NUMBER, FALSE);
  g_autoptr(GError) error = NULL;
  guint n_removed = 0;
  guint n_before = n_items (list);

  g_assert_nonnull (lanka_case_summary_get_uuid (item (list, 0)));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &n_removed);

  lanka_database_close (database);

  g_assert_cmpuint (n_items (list), ==, 0);
  g_assert_cmpuint (n_removed, ==, n_before);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  g_assert_false (lanka_case_list_reload (list, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* How long the list takes, for the record, and a bound far above the aim. */
static void
test_timings (void)
{
  g_autoptr(LankaCaseList) list = lanka_case_list_new (database);
  g_autoptr(GError) error = NULL;
  const char *typed[] = { "2026-00", "sample l", "vårdcen", "hero", "0042", "samtal" };
  LankaCaseFilter open_filter = { .status = "open" };
  double elapsed;

  /* Dropping the cached orders makes this a first query. */
  for (LankaCaseSort sort = LANKA_CASE_SORT_NUMBER; sort <= LANKA_CASE_SORT_DEADLINE; sort++)
    {
      lanka_case_list_reload (list, NULL);
      exec_sql ("UPDATE \"case\" SET modified = modified WHERE id = 1", NULL);
      g_test_timer_start ();
      g_assert_true (lanka_case_list_set_query (list, NULL, NULL, sort, FALSE, &error));
      elapsed = g_test_timer_elapsed ();
      g_test_message ("set_query without text, sort %d, first: %.1f ms", sort, elapsed * 1000);
      g_test_timer_start ();
      g_assert_true (lanka_case_list_set_query (list, NULL, NULL, sort, FALSE, &error));
      elapsed = g_test_timer_elapsed ();
      g_test_message ("set_query without text, sort %d, again: %.1f ms", sort, elapsed * 1000);
    }

  for (guint f = 0; f < 2; f++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
        for (glong len = 1; len <= g_utf8_strlen (typed[t], -1); len++)
          {
            g_autofree char *text = g_utf8_substring (typed[t], 0, len);

            g_test_timer_start ();
            lanka_case_list_set_query (list, text, f ? &open_filter : NULL,
                                       LANKA_CASE_SORT_NUMBER, FALSE, &error);
            g_assert_no_error (error);
            /* A screenful of rows as well. */
            for (guint i = 0; i < MIN (n_items (list), 20); i++)
              item (list, i);
            elapsed = g_test_timer_elapsed ();
            g_array_append_val (times, elapsed);
            g_test_message ("keystroke \"%s\"%s: %u cases, %.2f ms", text,
                            f ? " (open only)" : "", n_items (list), elapsed * 1000);
          }

      g_array_sort (times, compare_doubles);
      g_test_message ("keystrokes%s: median %.2f ms, p95 %.2f ms, max %.2f ms",
                      f ? " (open only)" : "",
                      g_array_index (times, double, times->len / 2) * 1000,
                      g_array_index (times, double, times->len * 95 / 100) * 1000,
                      g_array_index (times, double, times->len - 1) * 1000);

      /* The aim is a frame (16 ms).  Ten times that, on a busy test
       * machine, still tells a search that reads every case at each
       * keystroke.
       */
      g_assert_cmpfloat (g_array_index (times, double, times->len * 95 / 100), <, 0.160);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  key = lanka_key_new_random ();
  dir = lanka_test_make_data_dir ();
  path = g_build_filename (dir, "lanka.db", NULL);
  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);

  g_test_timer_start ();
  insert_cases (N_CASES);
  g_test_message ("Inserted %d cases in %.1f s", N_CASES, g_test_timer_elapsed ());

  g_test_add_func ("/store/case-list/count", test_count);
  g_test_add_func ("/store/case-list/lazy", test_lazy);
  g_test_add_func ("/store/case-list/sort-number", test_sort_number);
  g_test_add_func ("/store/case-list/prepare", test_prepare);
  g_test_add_func ("/store/case-list/sort-alias", test_sort_alias);
  g_test_add_func ("/store/case-list/sort-modified", test_sort_modified);
  g_test_add_func ("/store/case-list/sort-deadline", test_sort_deadline);
  g_test_add_func ("/store/case-list/filter", test_filter);
  g_test_add_func ("/store/case-list/search-number", test_search_number);
  g_test_add_func ("/store/case-list/search-alias", test_search_alias);
  g_test_add_func ("/store/case-list/search-journal", test_search_journal);
  g_test_add_func ("/store/case-list/search-names", test_search_names);
  g_test_add_func ("/store/case-list/timings", test_timings);
  g_test_add_func ("/store/case-list/has-draft", test_has_draft);
  g_test_add_func ("/store/case-list/journal-entry-reload", test_journal_entry_reload);
  g_test_add_func ("/store/case-list/filter-kept", test_filter_kept);
  g_test_add_func ("/store/case-list/save-reload", test_save_reload);
  g_test_add_func ("/store/case-list/database-closed", test_database_closed);

  ret = g_test_run ();

  g_clear_object (&database);
  lanka_test_remove_tree (dir);
  g_clear_pointer (&dir, g_free);

  return ret;
}
