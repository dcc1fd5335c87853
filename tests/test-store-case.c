/* test-store-case.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-audit.h"
#include "lanka-case.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-journal.h"
#include "lanka-key.h"
#include "lanka-record.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"
#include "lanka-validate.h"

#include <stdlib.h>
#include <string.h>

/* Every person, number and text below is made up for the tests.  The
 * personal numbers are the well-known test numbers or numbers whose check
 * digit was computed for the test; none is meant to belong to anyone.
 */

typedef struct
{
  char          *dir;
  char          *path;
  LankaKey      *key;
  LankaDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = lanka_test_make_data_dir ();
  fixture->path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->key = lanka_key_new_random ();
  fixture->database = lanka_database_create (fixture->path, fixture->key, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->key, lanka_key_free);
}

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

static void
exec_sql (LankaDatabase *database,
          const char    *sql)
{
  g_autoptr(GError) error = NULL;

  _lanka_database_exec (database, sql, &error);
  g_assert_no_error (error);
}

static GDate *
make_date (guint year,
           guint month,
           guint day)
{
  return g_date_new_dmy (day, month, year);
}

static char *
this_year_number (guint n)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_strdup_printf ("%04d-%04u", g_date_time_get_year (now), n);
}

static char *
today_text (int days_from_now)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days_from_now);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
save_ok (LankaDatabase *database,
         LankaCase     *kase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_cases_save (database, kase, &error));
  g_assert_no_error (error);
}

static LankaCase *
load_ok (LankaDatabase *database,
         const char    *uuid)
{
  g_autoptr(GError) error = NULL;
  LankaCase *kase = lanka_cases_load (database, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);

  return kase;
}

/* A case with every table filled. */
static LankaCase *
make_full_case (const char *alias)
{
  LankaCase *kase = lanka_case_new ();
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *exploitation = lanka_case_get_exploitation (kase);
  LankaRecord *legal = lanka_case_get_legal_process (kase);
  LankaRecord *child;
  LankaRecord *assessment;
  LankaRecord *permit;
  LankaRecord *item;
  const char * const flags[] = { "threat", "interpreter_required", NULL };
  const char * const citizenships[] = { "RO", "BG", NULL };
  const char * const languages[] = { "ro", "en", NULL };
  const char * const forms[] = { "SexualExploitation", "ForcedLabour", NULL };
  const char * const means[] = { "DebtBondage", "WithholdsDocuments", NULL };
  const char * const countries[] = { "RO", "SE", NULL };
  const char * const sexual_types[] = { "Prostitution", NULL };

  lanka_record_set (record, "status", "active");
  lanka_record_set (record, "nrm_step", "2");
  lanka_record_set (record, "victim_status", "PossibleVictimOfTrafficking");
  lanka_record_set (record, "victim_status_by", "SocialServices");
  lanka_record_set_boolean (record, "injured_party", TRUE);
  lanka_record_set (record, "risk", "high");
  lanka_record_set_boolean (record, "urgent", TRUE);
  lanka_record_set (record, "county", "01");
  lanka_record_set (record, "intake_type", "anmalan");
  lanka_record_set (record, "intake_date", "2025-11-03");
  lanka_record_set (record, "opened", "2025-11-03");
  lanka_record_set (record, "identified_by", "NGO");
  lanka_record_set (record, "referred_from", "a7d3a8b6-0000-4000-8000-000000000001");
  lanka_record_set (record, "referred_from_name", "Exempelorganisationen");
  lanka_record_set (record, "bbic_reference", "BBIC-TEST-1");
  lanka_record_set (record, "notes", "Anteckning om ärendet.");
  lanka_record_set_list (record, "flags", flags);

  lanka_record_set (victim, "alias", alias);
  lanka_record_set (victim, "legal_name", "Testa Testsson");
  lanka_record_set (victim, "personal_number", "19811218-9876");
  lanka_record_set (victim, "birth_date", "1981-12-18");
  lanka_record_set (victim, "birth_precision", "day");
  lanka_record_set (victim, "gender", "Feminine");
  lanka_record_set_boolean (victim, "interpreter", TRUE);
  lanka_record_set (victim, "interpreter_language", "ro");
  lanka_record_set (victim, "address", "Exempelgatan 1");
  lanka_record_set (victim, "phone", "070-000 00 00");
  lanka_record_set (victim, "notes", "Vill bli kallad Mira.");
  lanka_record_set_list (victim, "citizenships", citizenships);
  lanka_record_set_list (victim, "languages", languages);

  child = lanka_case_add_record (kase, "person");
  lanka_record_set (child, "role", "accompanying_child");
  lanka_record_set (child, "alias", "Liten");
  lanka_record_set_int (child, "estimated_age", 6);
  lanka_record_set (child, "estimated_on", "2025-11-03");

  lanka_record_set (exploitation, "recruitment", "ThroughOnlineSocialNetworks");
  lanka_record_set (exploitation, "recruiter_relation", "Friend");
  lanka_record_set_int (exploitation, "age_at_entry", 40);
  lanka_record_set (exploitation, "period_start", "2024-05-01");
  lanka_record_set (exploitation, "period_end", "2025-10-30");
  lanka_record_set_boolean (exploitation, "ongoing", FALSE);
  lanka_record_set (exploitation, "notes", "Rekryterad via ett jobbannons.");
  lanka_record_set_list (exploitation, "forms", forms);
  lanka_record_set_list (exploitation, "means", means);
  lanka_record_set_list (exploitation, "countries", countries);
  lanka_record_set_list (exploitation, "sexual_types", sexual_types);

  lanka_record_set (legal, "police_report_on", "2025-11-05");
  lanka_record_set (legal, "police_reference", "5000-K000000-25");
  lanka_record_set (legal, "investigation_status", "investigation");
  lanka_record_set (legal, "counsel", "Advokat Exempel");
  lanka_record_set (legal, "next_hearing", "2099-01-15");
  lanka_record_set (legal, "outcome", "Pågår");

  assessment = lanka_case_add_record (kase, "assessment");
  lanka_record_set (assessment, "assessed_on", "2025-11-04");
  lanka_record_set (assessment, "risk", "high");
  lanka_record_set (assessment, "summary", "Hot från rekryteraren.");
  lanka_record_set (assessment, "next_review", "2099-02-01");
  lanka_record_set (assessment, "assessed_by", "Handläggare A");

  permit = lanka_case_add_record (kase, "permit_event");
  lanka_record_set (permit, "kind", "reflection_period");
  lanka_record_set (permit, "applied_on", "2025-11-06");
  lanka_record_set (permit, "valid_from", "2025-11-10");
  lanka_record_set (permit, "valid_to", "2099-12-09");
  lanka_record_set (permit, "notes", "Ansökt av socialnämnden.");

  item = lanka_case_add_record (kase, "plan_item");
  lanka_record_set (item, "support_type", "protected_housing");
  lanka_record_set (item, "goal", "Tryggt boende");
  lanka_record_set (item, "provider", "a7d3a8b6-0000-4000-8000-000000000002");
  lanka_record_set (item, "provider_name", "Skyddat boende Exempel");
  lanka_record_set (item, "start_on", "2025-11-04");
  lanka_record_set (item, "end_on", "2026-05-04");
  lanka_record_set (item, "follow_up_on", "2099-03-01");
  lanka_record_set (item, "outcome", "Pågår");

  item = lanka_case_add_record (kase, "plan_item");
  lanka_record_set (item, "support_type", "legal");
  lanka_record_set (item, "goal", "Målsägandebiträde");

  return kase;
}

/* Every field of every record of @a equals that of @b. */
static void
assert_records_equal (LankaRecord *a,
                      LankaRecord *b)
{
  g_auto(GStrv) fields_a = lanka_record_dup_fields (a);
  g_auto(GStrv) fields_b = lanka_record_dup_fields (b);

  g_assert_cmpstr (lanka_record_get_kind (a), ==, lanka_record_get_kind (b));
  g_assert_cmpstr (lanka_record_get_uuid (a), ==, lanka_record_get_uuid (b));

  for (guint i = 0; fields_a[i] != NULL; i++)
    {
      if (!lanka_record_field_equal (a, b, fields_a[i]))
        g_error ("%s/%s differs: %s and %s", lanka_record_get_kind (a), fields_a[i],
                 lanka_record_get (a, fields_a[i]), lanka_record_get (b, fields_a[i]));
    }

  g_assert_true (g_strv_equal ((const char * const *)fields_a, (const char * const *)fields_b));
}

static void
assert_lists_equal (GListModel *a,
                    GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));

  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(LankaRecord) record_a = g_list_model_get_item (a, i);
      g_autoptr(LankaRecord) record_b = g_list_model_get_item (b, i);

      assert_records_equal (record_a, record_b);
    }
}

static void
assert_cases_equal (LankaCase *a,
                    LankaCase *b)
{
  assert_records_equal (lanka_case_get_record (a), lanka_case_get_record (b));
  assert_records_equal (lanka_case_get_exploitation (a), lanka_case_get_exploitation (b));
  assert_records_equal (lanka_case_get_legal_process (a), lanka_case_get_legal_process (b));
  assert_lists_equal (lanka_case_get_people (a), lanka_case_get_people (b));
  assert_lists_equal (lanka_case_get_assessments (a), lanka_case_get_assessments (b));
  assert_lists_equal (lanka_case_get_permits (a), lanka_case_get_permits (b));
  assert_lists_equal (lanka_case_get_plan (a), lanka_case_get_plan (b));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_record_fields (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("person");
  g_autoptr(LankaRecord) copy = NULL;
  const char * const unsorted[] = { "SE", "RO", "SE", "", NULL };
  const char * const * list;
  guint changed = 0;
  guint alias_changed = 0;

  g_assert_cmpstr (lanka_record_get_kind (record), ==, "person");
  g_assert_true (g_uuid_string_is_valid (lanka_record_get_uuid (record)));

  g_signal_connect_swapped (record, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (record, "changed::alias", G_CALLBACK (count_cb), &alias_changed);

  lanka_record_set (record, "alias", "Mira");
  lanka_record_set (record, "alias", "Mira");
  g_assert_cmpstr (lanka_record_get (record, "alias"), ==, "Mira");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (alias_changed, ==, 1);

  /* Empty is NULL. */
  lanka_record_set (record, "notes", "");
  g_assert_null (lanka_record_get (record, "notes"));
  g_assert_cmpuint (changed, ==, 1);

  lanka_record_set_boolean (record, "interpreter", TRUE);
  g_assert_cmpstr (lanka_record_get (record, "interpreter"), ==, "1");
  g_assert_true (lanka_record_get_boolean (record, "interpreter"));
  lanka_record_set_boolean (record, "interpreter", FALSE);
  g_assert_null (lanka_record_get (record, "interpreter"));

  lanka_record_set_int (record, "estimated_age", 17);
  g_assert_cmpstr (lanka_record_get (record, "estimated_age"), ==, "17");
  g_assert_cmpint (lanka_record_get_int (record, "estimated_age", -1), ==, 17);
  g_assert_cmpint (lanka_record_get_int (record, "alias", -1), ==, -1);
  g_assert_cmpint (lanka_record_get_int (record, "phone", -5), ==, -5);

  /* Lists are sets of codes: sorted, without repeats or empty codes. */
  changed = 0;
  lanka_record_set_list (record, "citizenships", unsorted);
  list = lanka_record_get_list (record, "citizenships");
  g_assert_cmpuint (g_strv_length ((char **)list), ==, 2);
  g_assert_cmpstr (list[0], ==, "RO");
  g_assert_cmpstr (list[1], ==, "SE");
  g_assert_cmpuint (changed, ==, 1);
  lanka_record_list_toggle (record, "citizenships", "SE", TRUE);
  g_assert_cmpuint (changed, ==, 1);
  lanka_record_list_toggle (record, "citizenships", "BG", TRUE);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (lanka_record_list_contains (record, "citizenships", "BG"));
  lanka_record_list_toggle (record, "citizenships", "RO", FALSE);
  g_assert_false (lanka_record_list_contains (record, "citizenships", "RO"));
  g_assert_cmpstr (lanka_record_get_list (record, "citizenships")[0], ==, "BG");
  g_assert_null (lanka_record_get_list (record, "languages")[0]);

  copy = lanka_record_copy (record);
  g_assert_cmpstr (lanka_record_get_uuid (copy), ==, lanka_record_get_uuid (record));
  g_assert_true (lanka_record_field_equal (record, copy, "citizenships"));
  g_assert_true (lanka_record_field_equal (record, copy, "alias"));
  lanka_record_list_toggle (copy, "citizenships", "SE", FALSE);
  g_assert_false (lanka_record_field_equal (record, copy, "citizenships"));
  lanka_record_set (copy, "alias", "Nora");
  g_assert_false (lanka_record_field_equal (record, copy, "alias"));
  g_assert_cmpstr (lanka_record_get (record, "alias"), ==, "Mira");

  {
    g_auto(GStrv) fields = lanka_record_dup_fields (record);
    const char * const expected[] = { "alias", "citizenships", "estimated_age", NULL };

    g_assert_true (g_strv_equal ((const char * const *)fields, expected));
  }
}

static void
test_case_document (void)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(LankaCase) copy = NULL;
  g_autofree char *today = today_text (0);
  g_autoptr(LankaRecord) removed = NULL;
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim;
  LankaRecord *assessment;
  guint changed = 0;

  g_assert_true (lanka_case_is_new (kase));
  g_assert_null (lanka_case_get_number (kase));
  g_assert_cmpstr (lanka_case_get_uuid (kase), ==, lanka_record_get_uuid (record));
  g_assert_cmpstr (lanka_record_get (record, "status"), ==, "intake");
  g_assert_cmpstr (lanka_record_get (record, "nrm_step"), ==, "1");
  g_assert_cmpstr (lanka_record_get (record, "opened"), ==, today);

  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_people (kase)), ==, 1);
  victim = lanka_case_get_victim (kase);
  g_assert_nonnull (victim);
  g_assert_cmpstr (lanka_record_get (victim, "role"), ==, "victim");
  g_assert_cmpstr (lanka_record_get_kind (lanka_case_get_exploitation (kase)), ==, "exploitation");
  g_assert_cmpstr (lanka_record_get_kind (lanka_case_get_legal_process (kase)), ==,
                   "legal_process");
  g_assert_true (lanka_case_find_record (kase, lanka_record_get_uuid (victim)) == victim);
  g_assert_null (lanka_case_find_record (kase, "no-such-uuid"));

  /* Every record's change and every list change reaches the case. */
  g_signal_connect_swapped (kase, "changed", G_CALLBACK (count_cb), &changed);
  lanka_record_set (victim, "alias", "Mira");
  g_assert_cmpuint (changed, ==, 1);
  lanka_record_set (lanka_case_get_exploitation (kase), "notes", "Text");
  g_assert_cmpuint (changed, ==, 2);
  lanka_record_set (lanka_case_get_legal_process (kase), "counsel", "Advokat");
  g_assert_cmpuint (changed, ==, 3);
  lanka_record_set (record, "risk", "low");
  g_assert_cmpuint (changed, ==, 4);

  assessment = lanka_case_add_record (kase, "assessment");
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpstr (lanka_record_get (assessment, "assessed_on"), ==, today);
  lanka_record_set (assessment, "summary", "Kort");
  g_assert_cmpuint (changed, ==, 6);
  g_assert_true (lanka_case_find_record (kase, lanka_record_get_uuid (assessment)) == assessment);

  /* A removed record no longer counts as a change of the case. */
  removed = g_object_ref (assessment);
  lanka_case_remove_record (kase, removed);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_assessments (kase)), ==, 0);
  lanka_record_set (removed, "summary", "Annan");
  g_assert_cmpuint (changed, ==, 7);

  lanka_case_add_record (kase, "permit_event");
  lanka_case_add_record (kase, "plan_item");
  lanka_case_add_record (kase, "person");
  g_assert_cmpuint (changed, ==, 10);

  /* A copy is deep: changing it leaves the original alone. */
  copy = lanka_case_copy (kase);
  assert_cases_equal (kase, copy);
  lanka_record_set (lanka_case_get_victim (copy), "alias", "Nora");
  g_assert_cmpstr (lanka_record_get (victim, "alias"), ==, "Mira");
  g_assert_cmpuint (changed, ==, 10);
}

static void
test_case_serialize (void)
{
  g_autoptr(LankaCase) kase = make_full_case ("Mira 🌸 مريم");
  g_autoptr(LankaCase) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  for (guint i = 0; i < 20000; i++)
    g_string_append (long_text, "Lång text med å, ä och ö. ");
  lanka_record_set (lanka_case_get_record (kase), "notes", long_text->str);

  bytes = lanka_case_serialize (kase);
  back = lanka_case_deserialize (bytes, &error);
  g_assert_no_error (error);
  assert_cases_equal (kase, back);
  g_assert_true (lanka_case_is_new (back));

  broken = g_bytes_new_static ("{\"version\": 1, \"case\": 3}", 26);
  g_assert_null (lanka_case_deserialize (broken, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
}

typedef struct
{
  const char              *input;
  const char              *normalized;
  LankaPersonalNumberKind  kind;
  const char              *birth_date;
} NumberVector;

static void
test_personal_number (void)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  const NumberVector valid[] = {
    { "19121212-1212", "19121212-1212", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "1912-12-12" },
    { "191212121212", "19121212-1212", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "1912-12-12" },
    /* Ten digits: the latest such birthday up to today, or a century
     * before that with "+".
     */
    { "121212-1212", "20121212-1212", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "2012-12-12" },
    { "1212121212", "20121212-1212", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "2012-12-12" },
    { "121212+1212", "19121212-1212", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "1912-12-12" },
    { "811218-9876", "19811218-9876", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "1981-12-18" },
    { " 811218 - 9876 ", "19811218-9876", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "1981-12-18" },
    { "260301-1236", "20260301-1236", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "2026-03-01" },
    { "260401-1235", "19260401-1235", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "1926-04-01" },
    { "040229-1231", "20040229-1231", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "2004-02-29" },
    { "000229-1235", "20000229-1235", LANKA_PERSONAL_NUMBER_PERSONNUMMER, "2000-02-29" },
    /* Samordningsnummer: the day plus 60. */
    { "701063-2391", "19701063-2391", LANKA_PERSONAL_NUMBER_SAMORDNINGSNUMMER, "1970-10-03" },
    { "851272-1237", "19851272-1237", LANKA_PERSONAL_NUMBER_SAMORDNINGSNUMMER, "1985-12-12" },
  };
  const char * const invalid[] = {
    "811218-9875",      /* wrong check digit */
    "19811218-9875",
    "990230-1234",      /* 30 February */
    "000229+1235",      /* 1900 was no leap year */
    "851292-1235",      /* day 32 + 60 */
    "850635-1235",      /* neither a day nor a day + 60 */
    "20300101-1232",    /* born in the future */
    "12345",
    "19121212+1212",
    "8112-18-9876",
    "811218-98761",
    "abcdef-ghij",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *birth_date = NULL;
      g_autofree char *normalized = NULL;
      LankaPersonalNumberKind kind = 99;

      normalized = lanka_personal_number_normalize (valid[i].input, today, &kind, &birth_date,
                                                    &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, valid[i].normalized);
      g_assert_cmpint (kind, ==, valid[i].kind);
      g_assert_cmpstr (birth_date, ==, valid[i].birth_date);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *birth_date = NULL;
      g_autofree char *normalized = NULL;

      normalized = lanka_personal_number_normalize (invalid[i], today, NULL, &birth_date, &error);
      if (normalized != NULL)
        g_error ("%s was taken for a personal number", invalid[i]);
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
      g_assert_nonnull (error->message);
      g_assert_null (birth_date);
    }

  /* The sentences say which part is wrong. */
  {
    g_autoptr(GError) check = NULL;
    g_autoptr(GError) date = NULL;
    g_autofree char *a = lanka_personal_number_normalize ("811218-9875", today, NULL, NULL,
                                                          &check);
    g_autofree char *b = lanka_personal_number_normalize ("990230-1234", today, NULL, NULL,
                                                          &date);

    g_assert_cmpstr (check->message, !=, date->message);
  }
}

static void
test_date_validate (void)
{
  const char * const valid[] = { "2026-03-14", "2024-02-29", "2000-02-29", "1900-12-31", NULL };
  const char * const invalid[] = {
    "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-04-00",
    "26-03-14", "2026-3-14", "2026/03/14", "14-03-2026", "2026-03-14 ", "", "idag", NULL
  };

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lanka_date_validate (valid[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (lanka_date_validate (invalid[i], &error))
        g_error ("%s was taken for a date", invalid[i]);
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
    }
}

static const LankaCaseProblem *
find_problem (GPtrArray   *problems,
              LankaRecord *record,
              const char  *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const LankaCaseProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->record, lanka_record_get_uuid (record)) &&
          g_str_equal (problem->field, field))
        return problem;
    }

  return NULL;
}

static void
test_validate (void)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(GPtrArray) problems = NULL;
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *permit;
  LankaRecord *item;
  LankaRecord *assessment;
  const LankaCaseProblem *problem;
  g_autoptr(GHashTable) messages = g_hash_table_new (g_str_hash, g_str_equal);

  problems = lanka_case_validate (kase, today);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("Unexpected: %s", ((LankaCaseProblem *)g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  permit = lanka_case_add_record (kase, "permit_event");
  item = lanka_case_add_record (kase, "plan_item");
  assessment = lanka_case_add_record (kase, "assessment");

  lanka_record_set (victim, "personal_number", "811218-9875");
  lanka_record_set (record, "closed", "2025-11-01");
  lanka_record_set (permit, "valid_from", "2026-01-10");
  lanka_record_set (permit, "valid_to", "2026-01-09");
  lanka_record_set (item, "support_type", "health");
  lanka_record_set (item, "start_on", "2026-02-01");
  lanka_record_set (item, "end_on", "2026-01-01");
  lanka_record_set (assessment, "assessed_on", "2026-01-02");
  lanka_record_set (assessment, "next_review", "2026-02-30");
  lanka_record_set (lanka_case_get_legal_process (kase), "next_hearing", "15 mars");

  problems = lanka_case_validate (kase, today);

  problem = find_problem (problems, victim, "personal_number");
  g_assert_nonnull (problem);
  g_assert_nonnull (find_problem (problems, record, "closed"));
  g_assert_nonnull (find_problem (problems, permit, "valid_to"));
  g_assert_null (find_problem (problems, permit, "valid_from"));
  g_assert_nonnull (find_problem (problems, item, "end_on"));
  g_assert_nonnull (find_problem (problems, assessment, "next_review"));
  g_assert_nonnull (find_problem (problems, lanka_case_get_legal_process (kase), "next_hearing"));
  g_assert_cmpuint (problems->len, ==, 6);

  /* Each sentence says what is wrong, so no two of these are alike (the
   * two date shapes aside).
   */
  for (guint i = 0; i < problems->len; i++)
    {
      LankaCaseProblem *p = g_ptr_array_index (problems, i);

      g_assert_true (g_str_has_suffix (p->message, "."));
      if (!g_str_equal (p->field, "next_review") && !g_str_equal (p->field, "next_hearing"))
        g_assert_true (g_hash_table_add (messages, p->message));
    }
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A birth date in the future; one that is not the personal number's. */
  lanka_record_set (victim, "personal_number", NULL);
  lanka_record_set (record, "closed", NULL);
  lanka_record_set (permit, "valid_to", NULL);
  lanka_record_set (item, "end_on", NULL);
  lanka_record_set (assessment, "next_review", NULL);
  lanka_record_set (lanka_case_get_legal_process (kase), "next_hearing", NULL);
  lanka_record_set (victim, "birth_date", "2026-03-15");
  problems = lanka_case_validate (kase, today);
  g_assert_nonnull (find_problem (problems, victim, "birth_date"));
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_pointer (&problems, g_ptr_array_unref);

  lanka_record_set (victim, "birth_date", "1981-12-19");
  lanka_record_set (victim, "personal_number", "811218-9876");
  problems = lanka_case_validate (kase, today);
  g_assert_nonnull (find_problem (problems, victim, "birth_date"));
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_pointer (&problems, g_ptr_array_unref);

  lanka_record_set (victim, "birth_date", "1981-12-18");
  lanka_record_set (victim, "personal_number", "701063-2391");
  lanka_record_set (victim, "birth_date", "1970-10-03");
  problems = lanka_case_validate (kase, today);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_child (void)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(LankaCase) kase = lanka_case_new ();
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *exploitation = lanka_case_get_exploitation (kase);
  LankaRecord *other;

  /* Nothing known: not a child case. */
  g_assert_false (lanka_case_is_child (kase, today));

  /* Under 18 today: the 18th birthday is tomorrow. */
  lanka_record_set (victim, "birth_date", "2008-03-15");
  g_assert_true (lanka_case_is_child (kase, today));
  lanka_record_set (victim, "birth_date", "2008-03-14");
  g_assert_false (lanka_case_is_child (kase, today));

  /* An adult now who was a child when the exploitation began. */
  lanka_record_set (exploitation, "period_start", "2026-03-13");
  g_assert_true (lanka_case_is_child (kase, today));
  lanka_record_set (exploitation, "period_start", "2026-03-14");
  g_assert_false (lanka_case_is_child (kase, today));
  lanka_record_set (exploitation, "period_start", NULL);

  /* By an estimated age and its date. */
  lanka_record_set (victim, "birth_date", NULL);
  lanka_record_set_int (victim, "estimated_age", 17);
  lanka_record_set (victim, "estimated_on", "2026-01-10");
  g_assert_true (lanka_case_is_child (kase, today));
  lanka_record_set (victim, "estimated_on", "2024-01-10");
  g_assert_false (lanka_case_is_child (kase, today));
  lanka_record_set (exploitation, "period_start", "2023-06-01");
  g_assert_true (lanka_case_is_child (kase, today));
  lanka_record_set (exploitation, "period_start", NULL);
  lanka_record_set_int (victim, "estimated_age", 25);
  lanka_record_set (victim, "estimated_on", "2026-01-10");
  g_assert_false (lanka_case_is_child (kase, today));

  /* By the age at entry. */
  lanka_record_set_int (exploitation, "age_at_entry", 16);
  g_assert_true (lanka_case_is_child (kase, today));
  lanka_record_set_int (exploitation, "age_at_entry", 19);
  g_assert_false (lanka_case_is_child (kase, today));

  /* Only the victim counts, not an accompanying child. */
  other = lanka_case_add_record (kase, "person");
  lanka_record_set (other, "role", "accompanying_child");
  lanka_record_set (other, "birth_date", "2020-01-01");
  g_assert_false (lanka_case_is_child (kase, today));
}

static void
test_next_deadline (void)
{
  g_autoptr(GDate) today = make_date (2026, 3, 14);
  g_autoptr(LankaCase) kase = lanka_case_new ();
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *assessment;
  LankaRecord *permit;
  LankaRecord *item;
  g_autofree char *deadline = NULL;

  lanka_record_set (record, "intake_date", "2026-03-10");
  lanka_record_set (victim, "birth_date", "1990-01-01");
  g_assert_null (lanka_case_dup_next_deadline (kase, today));

  assessment = lanka_case_add_record (kase, "assessment");
  lanka_record_set (assessment, "next_review", "2026-06-01");
  permit = lanka_case_add_record (kase, "permit_event");
  lanka_record_set (permit, "valid_to", "2026-04-09");
  item = lanka_case_add_record (kase, "plan_item");
  lanka_record_set (item, "follow_up_on", "2026-05-01");
  lanka_record_set (lanka_case_get_legal_process (kase), "next_hearing", "2026-04-20");

  deadline = lanka_case_dup_next_deadline (kase, today);
  g_assert_cmpstr (deadline, ==, "2026-04-09");
  g_clear_pointer (&deadline, g_free);

  /* A date passed is not next; today is. */
  lanka_record_set (permit, "valid_to", "2026-03-13");
  deadline = lanka_case_dup_next_deadline (kase, today);
  g_assert_cmpstr (deadline, ==, "2026-04-20");
  g_clear_pointer (&deadline, g_free);
  lanka_record_set (item, "follow_up_on", "2026-03-14");
  deadline = lanka_case_dup_next_deadline (kase, today);
  g_assert_cmpstr (deadline, ==, "2026-03-14");
  g_clear_pointer (&deadline, g_free);
  lanka_record_set (item, "follow_up_on", NULL);

  /* A child case: the protection assessment is due the day after intake,
   * the initial assessment in 14 days, the investigation in 4 months.
   */
  lanka_record_set (victim, "birth_date", "2012-01-01");
  lanka_record_set (record, "intake_date", "2026-03-13");
  deadline = lanka_case_dup_next_deadline (kase, today);
  g_assert_cmpstr (deadline, ==, "2026-03-14");
  g_clear_pointer (&deadline, g_free);

  lanka_record_set (record, "protection_assessed_on", "2026-03-13");
  deadline = lanka_case_dup_next_deadline (kase, today);
  g_assert_cmpstr (deadline, ==, "2026-03-27");
  g_clear_pointer (&deadline, g_free);

  lanka_record_set (record, "initial_assessment_on", "2026-03-14");
  lanka_record_set (lanka_case_get_legal_process (kase), "next_hearing", NULL);
  lanka_record_set (assessment, "next_review", "2026-08-01");
  deadline = lanka_case_dup_next_deadline (kase, today);
  g_assert_cmpstr (deadline, ==, "2026-07-13");
  g_clear_pointer (&deadline, g_free);

  lanka_record_set (record, "investigation_done_on", "2026-05-02");
  deadline = lanka_case_dup_next_deadline (kase, today);
  g_assert_cmpstr (deadline, ==, "2026-08-01");
  g_clear_pointer (&deadline, g_free);

  /* A closed case has nothing due. */
  lanka_record_set (record, "status", "closed");
  g_assert_null (lanka_case_dup_next_deadline (kase, today));
}

static gint64
count_rows (LankaDatabase *database,
            const char    *sql,
            const char    *case_uuid)
{
  return query_int (database, sql, case_uuid);
}

static void
test_crud (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(LankaCase) second = lanka_case_new ();
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(LankaCase) again = NULL;
  g_autofree char *first_number = this_year_number (1);
  g_autofree char *second_number = this_year_number (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const char *uuid = lanka_case_get_uuid (kase);
  LankaRecord *record;
  LankaRecord *victim;
  guint changed = 0;

  g_signal_connect_swapped (kase, "changed", G_CALLBACK (count_cb), &changed);
  save_ok (fixture->database, kase);

  /* The number of the year, and the derived fields, without counting as an
   * edit.
   */
  g_assert_false (lanka_case_is_new (kase));
  g_assert_cmpstr (lanka_case_get_number (kase), ==, first_number);
  g_assert_cmpstr (lanka_record_get (lanka_case_get_record (kase), "alias"), ==, "Mira");
  g_assert_null (lanka_record_get (lanka_case_get_record (kase), "child"));
  g_assert_cmpstr (lanka_record_get (lanka_case_get_record (kase), "next_deadline"), ==,
                   "2099-01-15");
  g_assert_cmpuint (changed, ==, 0);

  lanka_record_set (lanka_case_get_victim (second), "alias", "Nora");
  save_ok (fixture->database, second);
  g_assert_cmpstr (lanka_case_get_number (second), ==, second_number);

  loaded = load_ok (fixture->database, uuid);
  g_assert_false (lanka_case_is_new (loaded));
  assert_cases_equal (kase, loaded);

  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_CASE_OPEN, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((LankaAuditEntry *)g_ptr_array_index (audit, 0))->object, ==, uuid);
  g_assert_null (((LankaAuditEntry *)g_ptr_array_index (audit, 0))->detail);
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_CASE_CREATE, 0, &error);
  g_assert_cmpuint (audit->len, ==, 2);
  g_clear_pointer (&audit, g_ptr_array_unref);

  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM case_flag f JOIN \"case\" c ON c.id = f.case_id "
                               "WHERE c.uuid = ?1", uuid), ==, 2);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM exploitation_value v "
                               "JOIN exploitation e ON e.id = v.exploitation "
                               "JOIN \"case\" c ON c.id = e.case_id WHERE c.uuid = ?1", uuid),
                   ==, 7);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT personal_number FROM person WHERE alias = ?1", "Mira"),
                   ==, 19811218);

  /* Change something in every table, and save again. */
  record = lanka_case_get_record (loaded);
  victim = lanka_case_get_victim (loaded);
  lanka_record_set (record, "status", "assessment");
  lanka_record_list_toggle (record, "flags", "pregnant", TRUE);
  lanka_record_set (victim, "legal_name", NULL);
  lanka_record_list_toggle (victim, "languages", "sv", TRUE);
  lanka_record_list_toggle (lanka_case_get_exploitation (loaded), "means", "DebtBondage", FALSE);
  lanka_record_set (lanka_case_get_legal_process (loaded), "counsel", "Advokat Annan");
  {
    g_autoptr(LankaRecord) assessment = g_list_model_get_item (lanka_case_get_assessments (loaded), 0);
    g_autoptr(LankaRecord) permit = g_list_model_get_item (lanka_case_get_permits (loaded), 0);
    g_autoptr(LankaRecord) item = g_list_model_get_item (lanka_case_get_plan (loaded), 1);

    lanka_record_set (assessment, "risk", "medium");
    lanka_record_set (permit, "decision", "granted");
    lanka_record_set (permit, "decided_on", "2025-11-09");
    lanka_record_set (item, "outcome", "Klart");
  }

  save_ok (fixture->database, loaded);
  g_assert_cmpstr (lanka_case_get_number (loaded), ==, first_number);
  again = load_ok (fixture->database, uuid);
  assert_cases_equal (loaded, again);
  g_assert_null (lanka_record_get (lanka_case_get_victim (again), "legal_name"));
  g_assert_true (lanka_record_list_contains (lanka_case_get_record (again), "flags", "pregnant"));

  /* The other case did not change. */
  {
    g_autoptr(LankaCase) other = load_ok (fixture->database, lanka_case_get_uuid (second));

    assert_cases_equal (second, other);
  }

  /* A case that is not there. */
  g_assert_null (lanka_cases_load (fixture->database, "6a0c3c2e-0000-4000-8000-00000000dead",
                                   &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_removed_records (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(LankaCase) again = NULL;
  g_autoptr(LankaRecord) child = NULL;
  g_autoptr(LankaRecord) assessment = NULL;
  g_autoptr(LankaRecord) permit = NULL;
  g_autoptr(LankaRecord) item = NULL;
  g_autofree char *child_uuid = NULL;
  const char *uuid = lanka_case_get_uuid (kase);

  save_ok (fixture->database, kase);
  loaded = load_ok (fixture->database, uuid);

  child = g_list_model_get_item (lanka_case_get_people (loaded), 1);
  child_uuid = g_strdup (lanka_record_get_uuid (child));
  assessment = g_list_model_get_item (lanka_case_get_assessments (loaded), 0);
  permit = g_list_model_get_item (lanka_case_get_permits (loaded), 0);
  item = g_list_model_get_item (lanka_case_get_plan (loaded), 0);

  lanka_case_remove_record (loaded, child);
  lanka_case_remove_record (loaded, assessment);
  lanka_case_remove_record (loaded, permit);
  lanka_case_remove_record (loaded, item);
  save_ok (fixture->database, loaded);

  again = load_ok (fixture->database, uuid);
  assert_cases_equal (loaded, again);
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_people (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_assessments (again)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_permits (again)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_plan (again)), ==, 1);

  /* The rows are gone, not only unlinked. */
  g_assert_cmpint (count_rows (fixture->database, "SELECT count(*) FROM person WHERE uuid = ?1",
                               child_uuid), ==, 0);
  g_assert_cmpint (count_rows (fixture->database, "SELECT count(*) FROM assessment", NULL), ==, 0);
  g_assert_cmpint (count_rows (fixture->database, "SELECT count(*) FROM permit_event", NULL), ==, 0);
  g_assert_cmpint (count_rows (fixture->database, "SELECT count(*) FROM plan_item", NULL), ==, 1);

  /* Written as a removal in the history and the journal. */
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM record_history WHERE field LIKE "
                               "'person/' || ?1 || '/alias' AND new_value IS NULL "
                               "AND old_value = 'Liten'", child_uuid), ==, 1);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1 "
                               "AND event_old = 'accompanying_child' AND event_new = 'Liten'",
                               "person_removed"), ==, 1);
}

static gboolean
has_history (GPtrArray  *history,
             const char *field,
             const char *old_value,
             const char *new_value)
{
  for (guint i = 0; i < history->len; i++)
    {
      LankaHistoryEntry *entry = g_ptr_array_index (history, i);

      if (g_str_equal (entry->field, field) &&
          g_strcmp0 (entry->old_value, old_value) == 0 &&
          g_strcmp0 (entry->new_value, new_value) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  const char *uuid = lanka_case_get_uuid (kase);
  LankaRecord *victim;
  LankaRecord *assessment;
  LankaHistoryEntry *newest;

  save_ok (fixture->database, kase);

  /* A new case writes no history rows; its creation is in the audit log. */
  history = lanka_cases_list_history (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Saving without changes writes nothing either. */
  loaded = load_ok (fixture->database, uuid);
  save_ok (fixture->database, loaded);
  history = lanka_cases_list_history (fixture->database, uuid, &error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);

  victim = lanka_case_get_victim (loaded);
  lanka_record_set (victim, "alias", "Mirela");
  lanka_record_list_toggle (victim, "citizenships", "SE", TRUE);
  lanka_record_set (lanka_case_get_record (loaded), "nrm_step", "3");
  save_ok (fixture->database, loaded);

  history = lanka_cases_list_history (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);

  field = g_strdup_printf ("person/%s/alias", lanka_record_get_uuid (victim));
  g_assert_true (has_history (history, field, "Mira", "Mirela"));
  g_clear_pointer (&field, g_free);
  field = g_strdup_printf ("person/%s/citizenships", lanka_record_get_uuid (victim));
  g_assert_true (has_history (history, field, "BG,RO", "BG,RO,SE"));
  g_clear_pointer (&field, g_free);
  field = g_strdup_printf ("case/%s/nrm_step", uuid);
  g_assert_true (has_history (history, field, "2", "3"));
  g_clear_pointer (&field, g_free);

  for (guint i = 0; i < history->len; i++)
    {
      LankaHistoryEntry *entry = g_ptr_array_index (history, i);

      g_assert_cmpstr (entry->user, ==, g_get_user_name ());
      g_assert_cmpint (entry->time, >, 0);
    }
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A record added later: one row per field it holds; newest first. */
  assessment = lanka_case_add_record (loaded, "assessment");
  lanka_record_set (assessment, "assessed_on", "2026-01-02");
  lanka_record_set (assessment, "summary", "Ny bedömning");
  save_ok (fixture->database, loaded);
  history = lanka_cases_list_history (fixture->database, uuid, &error);
  g_assert_cmpuint (history->len, ==, 5);
  newest = g_ptr_array_index (history, 0);
  g_assert_true (g_str_has_prefix (newest->field, "assessment/"));
  g_assert_null (newest->old_value);
  field = g_strdup_printf ("assessment/%s/summary", lanka_record_get_uuid (assessment));
  g_assert_true (has_history (history, field, NULL, "Ny bedömning"));

  /* Journal events: created, a new step, the permit and people. */
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1", "created"),
                   ==, 1);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1 "
                               "AND event_old = '2' AND event_new = '3'", "nrm_step"), ==, 1);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1", "status"),
                   ==, 0);
}

static void
test_journal_events (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autofree char *today = today_text (0);
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *permit;
  LankaRecord *person;

  lanka_record_set (lanka_case_get_victim (kase), "alias", "Mira");
  save_ok (fixture->database, kase);

  lanka_record_set (record, "status", "active");
  person = lanka_case_add_record (kase, "person");
  lanka_record_set (person, "role", "guardian");
  lanka_record_set (person, "alias", "God man");
  permit = lanka_case_add_record (kase, "permit_event");
  save_ok (fixture->database, kase);

  lanka_record_set (permit, "decision", "granted");
  lanka_record_set (record, "closed", today);
  lanka_record_set (record, "closure_reason", "goal_reached");
  save_ok (fixture->database, kase);

  /* The same document saved again adds nothing. */
  save_ok (fixture->database, kase);

  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1 "
                               "AND event_old = 'intake' AND event_new = 'active'", "status"),
                   ==, 1);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1 "
                               "AND event_old = 'guardian' AND event_new = 'God man'",
                               "person_added"), ==, 1);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1 "
                               "AND event_old = 'reflection_period' AND event_new = 'granted'",
                               "permit_decided"), ==, 1);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE event = ?1 "
                               "AND event_new = 'goal_reached'", "closed"), ==, 1);
  g_assert_cmpint (count_rows (fixture->database,
                               "SELECT count(*) FROM journal_entry WHERE type = ?1", "event"),
                   ==, 5);
}

static void
test_invalid_fields_keep_stored (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(LankaCase) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaRecord) permit = NULL;
  const char *uuid = lanka_case_get_uuid (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);

  save_ok (fixture->database, kase);

  /* Typed wrong: the personal number and a permit's end; typed right: the
   * alias.
   */
  lanka_record_set (victim, "personal_number", "811218-9875");
  lanka_record_set (victim, "alias", "Mirela");
  permit = g_list_model_get_item (lanka_case_get_permits (kase), 0);
  lanka_record_set (permit, "valid_to", "2025-01-01");
  save_ok (fixture->database, kase);

  /* The document keeps what was typed. */
  g_assert_cmpstr (lanka_record_get (victim, "personal_number"), ==, "811218-9875");

  loaded = load_ok (fixture->database, uuid);
  g_assert_cmpstr (lanka_record_get (lanka_case_get_victim (loaded), "alias"), ==, "Mirela");
  g_assert_cmpstr (lanka_record_get (lanka_case_get_victim (loaded), "personal_number"), ==,
                   "19811218-9876");
  {
    g_autoptr(LankaRecord) stored_permit = g_list_model_get_item (lanka_case_get_permits (loaded), 0);

    g_assert_cmpstr (lanka_record_get (stored_permit, "valid_to"), ==, "2099-12-09");
  }

  /* And so does the draft, so nothing typed is lost. */
  draft = lanka_cases_load_draft (fixture->database, uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_false (lanka_case_is_new (draft));
  g_assert_cmpstr (lanka_record_get (lanka_case_get_victim (draft), "personal_number"), ==,
                   "811218-9875");
  g_clear_object (&draft);

  /* A new case with an invalid field saves too, without the field. */
  {
    g_autoptr(LankaCase) fresh = lanka_case_new ();
    g_autoptr(LankaCase) fresh_loaded = NULL;

    lanka_record_set (lanka_case_get_victim (fresh), "alias", "Nora");
    lanka_record_set (lanka_case_get_victim (fresh), "birth_date", "2099-01-01");
    lanka_record_set (lanka_case_get_record (fresh), "opened", "2026-02-30");
    save_ok (fixture->database, fresh);
    fresh_loaded = load_ok (fixture->database, lanka_case_get_uuid (fresh));
    g_assert_null (lanka_record_get (lanka_case_get_victim (fresh_loaded), "birth_date"));
    g_assert_nonnull (lanka_record_get (lanka_case_get_record (fresh_loaded), "opened"));
    g_assert_true (lanka_date_validate (lanka_record_get (lanka_case_get_record (fresh_loaded),
                                                          "opened"), NULL));
  }

  /* Corrected and saved: the draft goes. */
  lanka_record_set (victim, "personal_number", "19811218-9876");
  lanka_record_set (permit, "valid_to", "2099-12-09");
  save_ok (fixture->database, kase);
  draft = lanka_cases_load_draft (fixture->database, uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (draft);
}

static void
test_drafts_survive_crash (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(LankaCase) fresh = lanka_case_new ();
  g_autoptr(LankaCase) draft = NULL;
  g_autoptr(LankaCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) drafts = NULL;
  g_autofree char *uuid = g_strdup (lanka_case_get_uuid (kase));
  g_autofree char *fresh_uuid = g_strdup (lanka_case_get_uuid (fresh));
  gint64 before = g_get_real_time ();
  gint64 saved_at = 0;

  save_ok (fixture->database, kase);

  lanka_record_set (lanka_case_get_victim (kase), "alias", "Typed, not saved");
  g_assert_true (lanka_cases_save_draft (fixture->database, kase, &error));
  g_assert_no_error (error);
  lanka_record_set (lanka_case_get_victim (fresh), "alias", "Ny 🌱");
  g_assert_true (lanka_cases_save_draft (fixture->database, fresh, &error));

  /* The process goes away without saving: the database closes, the
   * document is gone from memory.
   */
  lanka_database_close (fixture->database);
  g_clear_object (&fixture->database);
  g_clear_object (&kase);
  g_clear_object (&fresh);

  fixture->database = lanka_database_open (fixture->path, fixture->key, &error);
  g_assert_no_error (error);

  drafts = lanka_cases_list_drafts (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (drafts), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *)drafts, uuid));
  g_assert_true (g_strv_contains ((const char * const *)drafts, fresh_uuid));

  draft = lanka_cases_load_draft (fixture->database, uuid, &saved_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpint (saved_at, >=, before);
  g_assert_cmpstr (lanka_record_get (lanka_case_get_victim (draft), "alias"), ==,
                   "Typed, not saved");
  g_assert_false (lanka_case_is_new (draft));

  /* The saved case is what was saved. */
  stored = load_ok (fixture->database, uuid);
  g_assert_cmpstr (lanka_record_get (lanka_case_get_victim (stored), "alias"), ==, "Mira");
  g_clear_object (&draft);

  /* A new case's draft is a new case still, and saves as one. */
  draft = lanka_cases_load_draft (fixture->database, fresh_uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanka_case_is_new (draft));
  g_assert_cmpstr (lanka_record_get (lanka_case_get_victim (draft), "alias"), ==, "Ny 🌱");
  save_ok (fixture->database, draft);
  g_assert_nonnull (lanka_case_get_number (draft));
  g_clear_pointer (&drafts, g_strfreev);
  drafts = lanka_cases_list_drafts (fixture->database, &error);
  g_assert_cmpuint (g_strv_length (drafts), ==, 1);

  g_assert_true (lanka_cases_discard_draft (fixture->database, uuid, &error));
  g_assert_no_error (error);
  g_clear_object (&draft);
  draft = lanka_cases_load_draft (fixture->database, uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (draft);
}

static LankaCase *
save_victim (LankaDatabase      *database,
             const char         *alias,
             const char         *birth_date,
             const char         *personal_number,
             const char * const *citizenships)
{
  LankaCase *kase = lanka_case_new ();
  LankaRecord *victim = lanka_case_get_victim (kase);

  lanka_record_set (victim, "alias", alias);
  lanka_record_set (victim, "birth_date", birth_date);
  lanka_record_set (victim, "personal_number", personal_number);
  lanka_record_set_list (victim, "citizenships", citizenships);
  save_ok (database, kase);

  return kase;
}

static gboolean
match_has_reason (LankaCaseMatch *match,
                  const char     *reason)
{
  return g_strv_contains ((const char * const *)match->reasons, reason);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char * const ro[] = { "RO", NULL };
  const char * const ng[] = { "NG", NULL };
  g_autoptr(LankaCase) by_number = save_victim (fixture->database, "Anna", "1981-12-18",
                                                "19811218-9876", NULL);
  g_autoptr(LankaCase) by_alias = save_victim (fixture->database, "  MIRA-lena ", NULL, NULL, ro);
  g_autoptr(LankaCase) by_birth = save_victim (fixture->database, "Sara", "1999-05-05", NULL, NULL);
  g_autoptr(LankaCase) citizenship_only = save_victim (fixture->database, "Eva", NULL, NULL, ro);
  g_autoptr(LankaCase) unrelated = save_victim (fixture->database, "Olga", "1970-01-01", NULL, ng);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  LankaCaseMatch *match;

  /* The same personal number in another spelling. */
  matches = lanka_cases_find_duplicates (fixture->database, "Helt annan", NULL, NULL,
                                         "811218-9876", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (match->uuid, ==, lanka_case_get_uuid (by_number));
  g_assert_cmpstr (match->number, ==, lanka_case_get_number (by_number));
  g_assert_cmpstr (match->alias, ==, "Anna");
  g_assert_cmpstr (match->status, ==, "intake");
  g_assert_true (match_has_reason (match, "personal_number"));
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* The alias once case, spaces and punctuation are set aside; a shared
   * citizenship counts with it, but not alone.
   */
  matches = lanka_cases_find_duplicates (fixture->database, "mira lena", NULL, ro, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (match->uuid, ==, lanka_case_get_uuid (by_alias));
  g_assert_true (match_has_reason (match, "alias"));
  g_assert_true (match_has_reason (match, "citizenship"));
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* Best first: the birth date and the personal number beat the birth
   * date alone.
   */
  matches = lanka_cases_find_duplicates (fixture->database, "Sara", "1981-12-18", NULL,
                                         "19811218-9876", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 2);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (match->uuid, ==, lanka_case_get_uuid (by_number));
  g_assert_true (match_has_reason (match, "birth_date"));
  match = g_ptr_array_index (matches, 1);
  g_assert_cmpstr (match->uuid, ==, lanka_case_get_uuid (by_birth));
  g_assert_true (match_has_reason (match, "alias"));
  g_assert_false (match_has_reason (match, "birth_date"));
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = lanka_cases_find_duplicates (fixture->database, "Ingen", "2001-01-01", ro, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* At most 20. */
  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(LankaCase) same = save_victim (fixture->database, "Tvilling", NULL, NULL, NULL);
    }
  matches = lanka_cases_find_duplicates (fixture->database, "tvilling", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 20);
}

static gint64
count_of_case (LankaDatabase *database,
               const char    *table,
               gint64         case_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE case_id = ?1", table);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  return query_int (database, sql, id);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char * const tables[] = {
    "case_person", "case_flag", "exploitation", "assessment", "permit_event",
    "legal_process", "plan_item", "journal_entry", NULL
  };
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(LankaCase) other = make_full_case ("Nora");
  g_autoptr(LankaCase) other_loaded = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (lanka_case_get_uuid (kase));
  const char *other_uuid = lanka_case_get_uuid (other);
  gint64 case_id, other_id;
  gint64 other_counts[G_N_ELEMENTS (tables)];
  gint64 other_people, other_history;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);

  save_ok (fixture->database, kase);
  save_ok (fixture->database, other);

  /* History and drafts of both. */
  lanka_record_set (lanka_case_get_victim (kase), "alias", "Mirela");
  save_ok (fixture->database, kase);
  lanka_record_set (lanka_case_get_victim (other), "alias", "Norah");
  save_ok (fixture->database, other);
  lanka_record_set (lanka_case_get_victim (kase), "alias", "Typed");
  g_assert_true (lanka_cases_save_draft (fixture->database, kase, &error));
  g_assert_true (lanka_cases_save_draft (fixture->database, other, &error));
  g_assert_no_error (error);

  case_id = query_int (fixture->database, "SELECT id FROM \"case\" WHERE uuid = ?1", uuid);
  other_id = query_int (fixture->database, "SELECT id FROM \"case\" WHERE uuid = ?1", other_uuid);

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_assert_cmpint (count_of_case (fixture->database, tables[i], case_id), >, 0);
      other_counts[i] = count_of_case (fixture->database, tables[i], other_id);
      g_assert_cmpint (other_counts[i], >, 0);
    }
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

    g_assert_cmpint (query_int (fixture->database,
                                "SELECT count(*) FROM case_fts WHERE rowid = ?1", id), ==, 1);
  }
  other_people = query_int (fixture->database,
                            "SELECT count(*) FROM person p JOIN case_person cp ON cp.person = p.id "
                            "JOIN \"case\" c ON c.id = cp.case_id WHERE c.uuid = ?1", other_uuid);
  other_history = query_int (fixture->database,
                             "SELECT count(*) FROM record_history WHERE record_uuid = ?1",
                             other_uuid);
  g_assert_cmpint (other_history, >, 0);

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM person", NULL), ==,
                   other_people + 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (lanka_case_get_people (kase), i);

      g_ptr_array_add (people, g_strdup (lanka_record_get_uuid (person)));
    }

  g_assert_true (lanka_cases_delete (fixture->database, uuid, &error));
  g_assert_no_error (error);

  /* Nothing of the case is left. */
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM \"case\" WHERE uuid = ?1",
                              uuid), ==, 0);
  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpint (count_of_case (fixture->database, tables[i], case_id), ==, 0);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM record_history WHERE record_uuid = ?1", uuid),
                   ==, 0);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM draft WHERE object = ?1", uuid), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM person", NULL), ==,
                   other_people);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM person WHERE uuid = ?1",
                                g_ptr_array_index (people, i)), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM exploitation_value "
                              "WHERE exploitation NOT IN (SELECT id FROM exploitation)", NULL),
                   ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM person_citizenship "
                              "WHERE person NOT IN (SELECT id FROM person)", NULL), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM person_language "
                              "WHERE person NOT IN (SELECT id FROM person)", NULL), ==, 0);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

    g_assert_cmpint (query_int (fixture->database,
                                "SELECT count(*) FROM case_fts WHERE rowid = ?1", id), ==, 0);
  }

  /* Everything of the other case is. */
  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpint (count_of_case (fixture->database, tables[i], other_id), ==, other_counts[i]);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM person p JOIN case_person cp ON cp.person = p.id "
                              "JOIN \"case\" c ON c.id = cp.case_id WHERE c.uuid = ?1", other_uuid),
                   ==, other_people);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM record_history WHERE record_uuid = ?1",
                              other_uuid), ==, other_history);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM draft WHERE object = ?1", other_uuid), ==, 1);
  other_loaded = load_ok (fixture->database, other_uuid);
  assert_cases_equal (other, other_loaded);

  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_CASE_DELETE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((LankaAuditEntry *)g_ptr_array_index (audit, 0))->object, ==, uuid);

  g_assert_false (lanka_cases_delete (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving a deleted case does not bring it back. */
  g_assert_false (lanka_cases_save (fixture->database, kase, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_unicode_round_trip (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *other = lanka_case_add_record (kase, "person");
  const char *rtl = "\u202Bمريم\u202C עברית";
  const char *emoji = "Mira 👩🏽‍🦱🇸🇪";

  for (guint i = 0; i < 50000; i++)
    g_string_append (long_text, "Ärendet fortsätter – ");

  lanka_record_set (victim, "alias", emoji);
  lanka_record_set (victim, "legal_name", rtl);
  lanka_record_set (victim, "notes", long_text->str);
  lanka_record_set (other, "alias", rtl);
  lanka_record_set (lanka_case_get_record (kase), "notes", long_text->str);
  save_ok (fixture->database, kase);

  loaded = load_ok (fixture->database, lanka_case_get_uuid (kase));
  assert_cases_equal (kase, loaded);
  g_assert_cmpstr (lanka_record_get (lanka_case_get_record (loaded), "alias"), ==, emoji);
  g_assert_cmpuint (strlen (lanka_record_get (lanka_case_get_victim (loaded), "notes")), ==,
                    long_text->len);
}

/* Collects the statements a save runs, to check their query plans. */
static int
trace_cb (unsigned  type,
          void     *user_data,
          void     *p,
          void     *x)
{
  GPtrArray *statements = user_data;
  const char *text = x;
  char *expanded;

  if (type != SQLITE_TRACE_STMT || text == NULL || g_str_has_prefix (text, "--"))
    return 0;

  if ((expanded = sqlite3_expanded_sql (p)) != NULL)
    {
      g_ptr_array_add (statements, g_strdup (expanded));
      sqlite3_free (expanded);
    }

  return 0;
}

static void
assert_no_full_scan (LankaDatabase *database,
                     GPtrArray     *statements)
{
  sqlite3 *handle = _lanka_database_get_handle (database);

  for (guint i = 0; i < statements->len; i++)
    {
      const char *sql = g_ptr_array_index (statements, i);
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, explain, -1, &stmt, NULL), ==, SQLITE_OK);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *detail = (const char *)sqlite3_column_text (stmt, 3);

          if (g_str_has_prefix (detail, "SCAN") && strstr (detail, "VIRTUAL TABLE") == NULL &&
              strstr (detail, "CONSTANT ROW") == NULL)
            g_error ("A full scan (%s) in: %s", detail, sql);
        }

      sqlite3_finalize (stmt);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
test_save_speed (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = make_full_case ("Mira");
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *uuid = lanka_case_get_uuid (kase);
  double times[7];
  gint64 case_id;

  /* 100 000 cases with a victim each, numbered over ten years. */
  exec_sql (fixture->database,
            "BEGIN;"
            "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999) "
            "INSERT INTO \"case\" (uuid, number, opened, created, modified, alias, status) "
            "SELECT lower (hex (randomblob (16))), (2010 + i / 10000) || '-' || "
            "printf ('%04d', i % 10000 + 1), '2020-01-01', 0, 0, 'Fiktiv ' || i, "
            "CASE i % 3 WHEN 0 THEN 'active' ELSE 'intake' END FROM n;"
            "INSERT INTO person (uuid, alias, birth_date, created, modified) "
            "SELECT lower (hex (randomblob (16))), alias, "
            "date ('1970-01-01', '+' || (id % 15000) || ' days'), 0, 0 FROM \"case\";"
            "INSERT INTO case_person (case_id, person, role, position) "
            "SELECT id, id, 'victim', 0 FROM person;"
            "INSERT INTO person_citizenship (person, country) "
            "SELECT id, CASE id % 4 WHEN 0 THEN 'RO' WHEN 1 THEN 'NG' ELSE 'SE' END FROM person;"
            "COMMIT;");
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM \"case\"", NULL), ==,
                   100000);

  save_ok (fixture->database, kase);
  case_id = query_int (fixture->database, "SELECT id FROM \"case\" WHERE uuid = ?1", uuid);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(LankaJournalEntry) entry = lanka_journal_add (fixture->database, uuid, "meeting",
                                                              g_get_real_time (),
                                                              "Samtal om boende och stöd.",
                                                              NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (entry);
    }
  g_assert_cmpint (count_of_case (fixture->database, "journal_entry", case_id), >=, 10);

  loaded = load_ok (fixture->database, uuid);
  sqlite3_trace_v2 (_lanka_database_get_handle (fixture->database), SQLITE_TRACE_STMT,
                    trace_cb, statements);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *alias = g_strdup_printf ("Mira %u", i);
      g_autofree char *step = g_strdup_printf ("%u", i % 6 + 1);
      LankaRecord *assessment;
      gint64 start;

      lanka_record_set (lanka_case_get_victim (loaded), "alias", alias);
      lanka_record_set (lanka_case_get_record (loaded), "nrm_step", step);
      lanka_record_list_toggle (lanka_case_get_record (loaded), "flags", "pregnant", i % 2);
      assessment = lanka_case_add_record (loaded, "assessment");
      lanka_record_set (assessment, "summary", alias);

      start = g_get_monotonic_time ();
      save_ok (fixture->database, loaded);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;

      if (i == 0)
        sqlite3_trace_v2 (_lanka_database_get_handle (fixture->database), 0, NULL, NULL);
    }

  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  g_test_message ("Saving a case among 100 000: median %.1f ms, slowest %.1f ms",
                  times[G_N_ELEMENTS (times) / 2], times[G_N_ELEMENTS (times) - 1]);
  if (g_test_perf ())
    g_test_minimized_result (times[G_N_ELEMENTS (times) / 2], "median save %.1f ms",
                             times[G_N_ELEMENTS (times) / 2]);

  /* Every statement of a save finds its rows by index.  The time itself
   * depends on the machine; the plans do not.
   */
  g_assert_cmpuint (statements->len, >, 20);
  assert_no_full_scan (fixture->database, statements);
  g_assert_cmpfloat (times[G_N_ELEMENTS (times) / 2], <, 250.0);

  /* Opening it, and finding duplicates among 100 000, by index too. */
  g_ptr_array_set_size (statements, 0);
  sqlite3_trace_v2 (_lanka_database_get_handle (fixture->database), SQLITE_TRACE_STMT,
                    trace_cb, statements);
  {
    g_autoptr(LankaCase) opened = NULL;
    gint64 start = g_get_monotonic_time ();

    opened = load_ok (fixture->database, uuid);
    g_test_message ("Opening a case among 100 000: %.1f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
    assert_cases_equal (loaded, opened);
  }
  {
    const char * const ro[] = { "RO", NULL };
    g_autoptr(GPtrArray) matches = lanka_cases_find_duplicates (fixture->database, "Fiktiv 12",
                                                                "1970-01-05", ro,
                                                                "19811218-9876", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (matches->len, >=, 2);
  }
  sqlite3_trace_v2 (_lanka_database_get_handle (fixture->database), 0, NULL, NULL);
  assert_no_full_scan (fixture->database, statements);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/case/record/fields", test_record_fields);
  g_test_add_func ("/store/case/document/in-memory", test_case_document);
  g_test_add_func ("/store/case/document/serialize", test_case_serialize);
  g_test_add_func ("/store/case/validate/personal-number", test_personal_number);
  g_test_add_func ("/store/case/validate/date", test_date_validate);
  g_test_add_func ("/store/case/validate/case", test_validate);
  g_test_add_func ("/store/case/child", test_child);
  g_test_add_func ("/store/case/next-deadline", test_next_deadline);

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/store/case/crud", test_crud);
  ADD_TEST ("/store/case/removed-records", test_removed_records);
  ADD_TEST ("/store/case/history", test_history);
  ADD_TEST ("/store/case/journal-events", test_journal_events);
  ADD_TEST ("/store/case/invalid-fields-keep-stored", test_invalid_fields_keep_stored);
  ADD_TEST ("/store/case/drafts-survive-crash", test_drafts_survive_crash);
  ADD_TEST ("/store/case/duplicates", test_duplicates);
  ADD_TEST ("/store/case/delete", test_delete);
  ADD_TEST ("/store/case/unicode-round-trip", test_unicode_round_trip);
  ADD_TEST ("/store/case/save-speed", test_save_speed);

#undef ADD_TEST

  return g_test_run ();
}
