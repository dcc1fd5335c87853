/* test-store-referrals.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-audit.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-directory.h"
#include "lanka-journal.h"
#include "lanka-key.h"
#include "lanka-referrals.h"
#include "lanka-store-error.h"
#include "lanka-tasks.h"
#include "lanka-test-util.h"

#include <string.h>

/* The people, agencies and texts below are made up for the tests.  Every
 * function that needs the day gets the fixture's: 10 March 2026.
 */

#define TODAY          "2026-03-10"
#define YESTERDAY      "2026-03-09"
#define TOMORROW       "2026-03-11"
#define FOLLOW_UP      "2026-03-24"
#define AGENCY_NAME    "Exempelboendet"
#define OTHER_NAME     "Exempelmottagningen"
#define CONTACT_NAME   "Kim Kontakt"
#define JUSTIFICATION  "Akut skyddsbehov: hot mot personen i dag."

typedef struct
{
  char          *dir;
  LankaDatabase *database;
  GDate          today;
  /* A case with a victim and an accompanying child, and another case. */
  char          *case_uuid;
  char          *victim_uuid;
  char          *child_uuid;
  char          *other_case_uuid;
  char          *other_victim_uuid;
  /* Two agencies, each with a contact person. */
  char          *agency_uuid;
  char          *contact_uuid;
  char          *other_agency_uuid;
  char          *other_contact_uuid;
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

static char *
save_case (LankaDatabase  *database,
           const char     *alias,
           char          **victim_uuid,
           char          **child_uuid)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(GError) error = NULL;
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *child;

  lanka_record_set (record, "status", "active");
  lanka_record_set (record, "nrm_step", "3");
  lanka_record_set (record, "county", "01");
  lanka_record_set (record, "intake_type", "anmalan");
  lanka_record_set (record, "intake_date", "2025-11-03");
  lanka_record_set (record, "opened", "2025-11-03");
  lanka_record_set (victim, "alias", alias);
  lanka_record_set (victim, "birth_date", "1990-04-02");
  lanka_record_set (victim, "birth_precision", "day");

  child = lanka_case_add_record (kase, "person");
  lanka_record_set (child, "role", "accompanying_child");
  lanka_record_set (child, "alias", "Liten");

  g_assert_true (lanka_cases_save (database, kase, &error));
  g_assert_no_error (error);

  *victim_uuid = g_strdup (lanka_record_get_uuid (victim));
  if (child_uuid != NULL)
    *child_uuid = g_strdup (lanka_record_get_uuid (child));

  return g_strdup (lanka_case_get_uuid (kase));
}

static char *
add_agency (LankaDatabase *database,
            const char    *name,
            const char    *type)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, type);
  g_assert_true (lanka_directory_add_agency (database, agency, &error));
  g_assert_no_error (error);

  return g_strdup (lanka_agency_get_uuid (agency));
}

static char *
add_contact (LankaDatabase *database,
             const char    *agency_uuid,
             const char    *name)
{
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_contact_set_name (contact, name);
  g_assert_true (lanka_directory_add_contact (database, agency_uuid, contact, &error));
  g_assert_no_error (error);

  return g_strdup (lanka_agency_contact_get_uuid (contact));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, 10, G_DATE_MARCH, 2026);

  fixture->dir = lanka_test_make_data_dir ();
  path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);

  fixture->case_uuid = save_case (fixture->database, "Test Lärka", &fixture->victim_uuid,
                                  &fixture->child_uuid);
  fixture->other_case_uuid = save_case (fixture->database, "Test Trana",
                                        &fixture->other_victim_uuid, NULL);

  fixture->agency_uuid = add_agency (fixture->database, AGENCY_NAME, "shelter");
  fixture->contact_uuid = add_contact (fixture->database, fixture->agency_uuid, CONTACT_NAME);
  fixture->other_agency_uuid = add_agency (fixture->database, OTHER_NAME, "ngo");
  fixture->other_contact_uuid = add_contact (fixture->database, fixture->other_agency_uuid,
                                             "Alex Annan");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->case_uuid, g_free);
  g_clear_pointer (&fixture->victim_uuid, g_free);
  g_clear_pointer (&fixture->child_uuid, g_free);
  g_clear_pointer (&fixture->other_case_uuid, g_free);
  g_clear_pointer (&fixture->other_victim_uuid, g_free);
  g_clear_pointer (&fixture->agency_uuid, g_free);
  g_clear_pointer (&fixture->contact_uuid, g_free);
  g_clear_pointer (&fixture->other_agency_uuid, g_free);
  g_clear_pointer (&fixture->other_contact_uuid, g_free);
}

/* An outgoing referral of the victim to the first agency that would be
 * sent as it is: shared on a disclosure rule with a justification.
 */
static LankaRecord *
new_referral (Fixture *fixture)
{
  LankaRecord *referral = lanka_referrals_new ("outgoing");
  const char * const shared[] = { "identity", "risk", NULL };

  lanka_record_set (referral, "agency", fixture->agency_uuid);
  lanka_record_set (referral, "contact", fixture->contact_uuid);
  lanka_record_set (referral, "person", fixture->victim_uuid);
  lanka_record_set (referral, "reason", "Protection");
  lanka_record_set_list (referral, "shared", shared);
  lanka_record_set (referral, "basis", "necessary");
  lanka_record_set (referral, "justification", JUSTIFICATION);
  lanka_record_set (referral, "note", "Behöver plats i kväll.");

  return referral;
}

static char *
send_ok (Fixture     *fixture,
         LankaRecord *referral)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_referrals_send (fixture->database, fixture->case_uuid, referral,
                                       &fixture->today, &error));
  g_assert_no_error (error);

  return g_strdup (lanka_record_get_uuid (referral));
}

/* A consent of the victim for the first agency and "Protection", given
 * on @given_on.
 */
static LankaRecord *
new_consent (Fixture    *fixture,
             const char *given_on)
{
  LankaRecord *consent = lanka_consents_new ();

  lanka_record_set (consent, "person", fixture->victim_uuid);
  lanka_record_set (consent, "recipient", fixture->agency_uuid);
  lanka_record_set (consent, "purpose", "Protection");
  lanka_record_set (consent, "given_by", "person");
  lanka_record_set (consent, "form", "written");
  lanka_record_set (consent, "given_on", given_on);

  return consent;
}

static char *
save_consent_ok (Fixture     *fixture,
                 LankaRecord *consent)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_consents_save (fixture->database, fixture->case_uuid, consent,
                                      &fixture->today, &error));
  g_assert_no_error (error);

  return g_strdup (lanka_record_get_uuid (consent));
}

static void
use_consent (LankaRecord *referral,
             const char  *consent_uuid)
{
  lanka_record_set (referral, "basis", "consent");
  lanka_record_set (referral, "consent", consent_uuid);
  lanka_record_set (referral, "justification", NULL);
}

static void
set_status_ok (Fixture    *fixture,
               const char *uuid,
               const char *status,
               const char *reason,
               const char *outcome)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_referrals_set_status (fixture->database, uuid, status, reason, outcome,
                                             &fixture->today, &error));
  g_assert_no_error (error);
}

static LankaRecord *
load_ok (Fixture    *fixture,
         const char *uuid)
{
  g_autoptr(GError) error = NULL;
  LankaRecord *referral = lanka_referrals_load (fixture->database, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (referral);

  return referral;
}

/* What a write leaves behind, to show that a refused one left nothing. */
typedef struct
{
  gint64  referrals;
  gint64  shared;
  gint64  consents;
  gint64  excluded;
  gint64  journal;
  gint64  audit;
  gint64  tasks;
  char   *case_modified;
  char   *rows;
} Counts;

static void
counts_clear (Counts *counts)
{
  g_clear_pointer (&counts->case_modified, g_free);
  g_clear_pointer (&counts->rows, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Counts, counts_clear)

static void
take_counts (Fixture *fixture,
             Counts  *counts)
{
  LankaDatabase *database = fixture->database;

  counts->referrals = query_int (database, "SELECT count(*) FROM referral", NULL);
  counts->shared = query_int (database, "SELECT count(*) FROM referral_shared", NULL);
  counts->consents = query_int (database, "SELECT count(*) FROM consent", NULL);
  counts->excluded = query_int (database, "SELECT count(*) FROM consent_excluded", NULL);
  counts->journal = query_int (database, "SELECT count(*) FROM journal_entry", NULL);
  counts->audit = query_int (database, "SELECT count(*) FROM audit_log", NULL);
  counts->tasks = query_int (database, "SELECT count(*) FROM task", NULL);
  counts->case_modified = query_string (database, "SELECT modified FROM \"case\" WHERE uuid = ?1",
                                        fixture->case_uuid);
  /* Every stored value of every referral and consent, to catch a change. */
  counts->rows = query_string (database,
                               "SELECT group_concat (v, '|') FROM ("
                               "SELECT uuid || status || coalesce (status_reason, '') || "
                               "coalesce (outcome, '') || coalesce (answered_on, '') || "
                               "coalesce (done_on, '') || coalesce (revoked_on, '') || "
                               "coalesce (follow_up_on, '') || modified AS v FROM referral "
                               "UNION ALL SELECT uuid || coalesce (valid_until, '') || "
                               "coalesce (withdrawn_on, '') || modified FROM consent "
                               "UNION ALL SELECT uuid || due_on || coalesce (completed, '') "
                               "FROM task ORDER BY 1)",
                               NULL);
}

static void
assert_counts_unchanged (Fixture      *fixture,
                         const Counts *before)
{
  g_auto(Counts) after = { 0 };

  take_counts (fixture, &after);
  g_assert_cmpint (after.referrals, ==, before->referrals);
  g_assert_cmpint (after.shared, ==, before->shared);
  g_assert_cmpint (after.consents, ==, before->consents);
  g_assert_cmpint (after.excluded, ==, before->excluded);
  g_assert_cmpint (after.journal, ==, before->journal);
  g_assert_cmpint (after.audit, ==, before->audit);
  g_assert_cmpint (after.tasks, ==, before->tasks);
  g_assert_cmpstr (after.case_modified, ==, before->case_modified);
  g_assert_cmpstr (after.rows, ==, before->rows);
}

/* Sending @referral is refused with @message, which the checks also give
 * as their first problem, on @field; and nothing at all was written.
 */
static void
assert_send_refused (Fixture     *fixture,
                     LankaRecord *referral,
                     const char  *field,
                     const char  *message)
{
  g_auto(Counts) before = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  LankaCaseProblem *problem;

  problems = lanka_referrals_validate (fixture->database, fixture->case_uuid, referral,
                                       &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >=, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->record, ==, lanka_record_get_uuid (referral));
  g_assert_cmpstr (problem->field, ==, field);
  g_assert_cmpstr (problem->message, ==, message);

  take_counts (fixture, &before);

  g_assert_false (lanka_referrals_send (fixture->database, fixture->case_uuid, referral,
                                        &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);

  assert_counts_unchanged (fixture, &before);
  /* The referral was not made "pending": it was not sent. */
  g_assert_null (lanka_record_get (referral, "status"));
}

static void
assert_status_refused (Fixture    *fixture,
                       const char *uuid,
                       const char *status,
                       const char *reason,
                       const char *outcome,
                       const char *message)
{
  g_auto(Counts) before = { 0 };
  g_autoptr(GError) error = NULL;

  take_counts (fixture, &before);

  g_assert_false (lanka_referrals_set_status (fixture->database, uuid, status, reason, outcome,
                                              &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);

  assert_counts_unchanged (fixture, &before);
}

/* How many events @event with these values the case's timeline holds. */
static guint
count_events (Fixture    *fixture,
              const char *case_uuid,
              const char *event,
              const char *old_value,
              const char *new_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = lanka_journal_list (fixture->database, case_uuid, &error);
  guint n = 0;

  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (list, i);

      if (lanka_journal_entry_is_event (entry) &&
          g_strcmp0 (lanka_journal_entry_get_event (entry), event) == 0 &&
          g_strcmp0 (lanka_journal_entry_get_event_old (entry), old_value) == 0 &&
          g_strcmp0 (lanka_journal_entry_get_event_new (entry), new_value) == 0)
        n++;
    }

  return n;
}

/* The details of the audit rows of @action about @object, oldest first. */
static GStrv
list_audit (Fixture    *fixture,
            const char *action,
            const char *object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lanka_audit_list (fixture->database, action, 0, &error);
  g_autoptr(GStrvBuilder) details = g_strv_builder_new ();

  g_assert_no_error (error);

  for (guint i = rows->len; i > 0; i--)
    {
      LankaAuditEntry *row = g_ptr_array_index (rows, i - 1);

      if (g_strcmp0 (row->object, object) == 0)
        g_strv_builder_add (details, row->detail != NULL ? row->detail : "");
    }

  return g_strv_builder_end (details);
}

/* The follow-up task of a referral: its date, and whether it is done. */
static char *
dup_follow_up_task (Fixture    *fixture,
                    const char *referral_uuid,
                    gboolean   *completed)
{
  g_autofree char *done = NULL;

  done = query_string (fixture->database,
                       "SELECT completed IS NOT NULL FROM task "
                       "WHERE kind = 'referral_follow_up' AND source = ?1",
                       referral_uuid);
  if (done == NULL)
    return NULL;

  *completed = g_str_equal (done, "1");

  return query_string (fixture->database,
                       "SELECT due_on FROM task WHERE kind = 'referral_follow_up' AND source = ?1",
                       referral_uuid);
}

static void
test_new (void)
{
  g_autoptr(LankaRecord) outgoing = lanka_referrals_new ("outgoing");
  g_autoptr(LankaRecord) incoming = lanka_referrals_new ("incoming");
  g_autoptr(LankaRecord) consent = lanka_consents_new ();

  g_assert_cmpstr (lanka_record_get_kind (outgoing), ==, "referral");
  g_assert_cmpstr (lanka_record_get (outgoing, "direction"), ==, "outgoing");
  g_assert_cmpstr (lanka_record_get (incoming, "direction"), ==, "incoming");
  g_assert_cmpstr (lanka_record_get_uuid (outgoing), !=, lanka_record_get_uuid (incoming));
  g_assert_null (lanka_record_get (outgoing, "status"));
  g_assert_cmpstr (lanka_record_get_kind (consent), ==, "consent");
  g_assert_nonnull (lanka_record_get_uuid (consent));

  g_assert_true (lanka_referrals_status_is_open ("pending"));
  g_assert_true (lanka_referrals_status_is_open ("in_progress"));
  g_assert_true (lanka_referrals_status_is_open ("accepted"));
  g_assert_false (lanka_referrals_status_is_open ("rejected"));
  g_assert_false (lanka_referrals_status_is_open ("done"));
  g_assert_false (lanka_referrals_status_is_open ("revoked"));
  g_assert_false (lanka_referrals_status_is_open (NULL));
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audit = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *modified_before = NULL;
  g_autofree char *modified_after = NULL;
  g_autofree char *detail = NULL;
  const char * const *shared;

  modified_before = query_string (fixture->database,
                                  "SELECT modified FROM \"case\" WHERE uuid = ?1",
                                  fixture->case_uuid);
  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->case_uuid, &error),
                    ==, 0);
  g_assert_no_error (error);

  uuid = send_ok (fixture, referral);

  /* The caller's record is the referral as sent. */
  g_assert_cmpstr (lanka_record_get (referral, "status"), ==, "pending");
  g_assert_cmpstr (lanka_record_get (referral, "sent_on"), ==, TODAY);
  g_assert_cmpstr (lanka_record_get (referral, "agency_name"), ==, AGENCY_NAME);

  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get_kind (read), ==, "referral");
  g_assert_cmpstr (lanka_record_get (read, "case_uuid"), ==, fixture->case_uuid);
  g_assert_cmpstr (lanka_record_get (read, "direction"), ==, "outgoing");
  g_assert_cmpstr (lanka_record_get (read, "person"), ==, fixture->victim_uuid);
  g_assert_cmpstr (lanka_record_get (read, "agency"), ==, fixture->agency_uuid);
  g_assert_cmpstr (lanka_record_get (read, "agency_name"), ==, AGENCY_NAME);
  g_assert_cmpstr (lanka_record_get (read, "contact"), ==, fixture->contact_uuid);
  g_assert_cmpstr (lanka_record_get (read, "contact_name"), ==, CONTACT_NAME);
  g_assert_cmpstr (lanka_record_get (read, "reason"), ==, "Protection");
  g_assert_cmpstr (lanka_record_get (read, "note"), ==, "Behöver plats i kväll.");
  g_assert_cmpstr (lanka_record_get (read, "basis"), ==, "necessary");
  g_assert_null (lanka_record_get (read, "consent"));
  g_assert_cmpstr (lanka_record_get (read, "justification"), ==, JUSTIFICATION);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "pending");
  g_assert_cmpstr (lanka_record_get (read, "sent_on"), ==, TODAY);
  g_assert_null (lanka_record_get (read, "answered_on"));
  g_assert_null (lanka_record_get (read, "done_on"));
  g_assert_null (lanka_record_get (read, "consent_withdrawn_on"));
  shared = lanka_record_get_list (read, "shared");
  g_assert_cmpuint (g_strv_length ((GStrv)shared), ==, 2);
  g_assert_true (lanka_record_list_contains (read, "shared", "identity"));
  g_assert_true (lanka_record_list_contains (read, "shared", "risk"));

  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->case_uuid, &error),
                    ==, 1);
  g_assert_no_error (error);

  /* The timeline says to whom it went; the audit log to which agency on
   * which ground, by uuid and code only.
   */
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_sent", "Protection",
                                  AGENCY_NAME), ==, 1);
  detail = g_strdup_printf ("agency=%s basis=necessary", fixture->agency_uuid);
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_SEND, uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 1);
  g_assert_cmpstr (audit[0], ==, detail);
  g_assert_null (strstr (audit[0], AGENCY_NAME));
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM audit_log WHERE detail LIKE '%Akut%' "
                              "OR detail LIKE '%" AGENCY_NAME "%' OR detail LIKE '%Lärka%'",
                              NULL), ==, 0);
  modified_after = query_string (fixture->database,
                                 "SELECT modified FROM \"case\" WHERE uuid = ?1",
                                 fixture->case_uuid);
  g_assert_cmpstr (modified_after, !=, modified_before);

  /* Accepted, then done with an outcome. */
  set_status_ok (fixture, uuid, "accepted", NULL, NULL);
  g_clear_object (&read);
  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "accepted");
  g_assert_cmpstr (lanka_record_get (read, "answered_on"), ==, TODAY);
  g_assert_null (lanka_record_get (read, "done_on"));
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_status", "pending",
                                  "accepted"), ==, 1);
  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->case_uuid, &error),
                    ==, 1);

  g_date_add_days (&fixture->today, 5);
  set_status_ok (fixture, uuid, "done", NULL, "implemented");
  g_clear_object (&read);
  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "done");
  g_assert_cmpstr (lanka_record_get (read, "outcome"), ==, "implemented");
  g_assert_cmpstr (lanka_record_get (read, "answered_on"), ==, TODAY);
  g_assert_cmpstr (lanka_record_get (read, "done_on"), ==, "2026-03-15");
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_status", "accepted",
                                  "done"), ==, 1);
  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->case_uuid, &error),
                    ==, 0);
  g_assert_no_error (error);

  g_clear_pointer (&audit, g_strfreev);
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_STATUS, uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 2);
  g_assert_cmpstr (audit[0], ==, "status=pending->accepted");
  g_assert_cmpstr (audit[1], ==, "status=accepted->done");

  /* The other case saw none of it. */
  g_assert_cmpuint (count_events (fixture, fixture->other_case_uuid, "referral_sent",
                                  "Protection", AGENCY_NAME), ==, 0);
  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->other_case_uuid,
                                                &error), ==, 0);
}

static void
test_in_progress (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autofree char *uuid = send_ok (fixture, referral);

  set_status_ok (fixture, uuid, "in_progress", NULL, NULL);
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_status", "pending",
                                  "in_progress"), ==, 1);
  set_status_ok (fixture, uuid, "done", NULL, "declined_by_person");

  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "done");
  g_assert_cmpstr (lanka_record_get (read, "outcome"), ==, "declined_by_person");
}

static void
test_rejected (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audit = NULL;
  g_autofree char *uuid = send_ok (fixture, referral);

  assert_status_refused (fixture, uuid, "rejected", NULL, NULL,
                         "Write why the referral was rejected.");
  assert_status_refused (fixture, uuid, "rejected", "  \n ", NULL,
                         "Write why the referral was rejected.");

  set_status_ok (fixture, uuid, "rejected", "  Inga lediga platser.  ", NULL);

  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "rejected");
  g_assert_cmpstr (lanka_record_get (read, "status_reason"), ==, "Inga lediga platser.");
  g_assert_cmpstr (lanka_record_get (read, "answered_on"), ==, TODAY);
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_status", "pending",
                                  "rejected"), ==, 1);
  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->case_uuid, &error),
                    ==, 0);

  /* The reason is the case's content: not in the audit log. */
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_STATUS, uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 1);
  g_assert_cmpstr (audit[0], ==, "status=pending->rejected");

  assert_status_refused (fixture, uuid, "done", NULL, "implemented",
                         "A rejected referral cannot be done.");
  assert_status_refused (fixture, uuid, "accepted", NULL, NULL,
                         "The referral has already been answered.");
}

static void
test_revoke (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autofree char *uuid = send_ok (fixture, referral);

  set_status_ok (fixture, uuid, "accepted", NULL, NULL);
  assert_status_refused (fixture, uuid, "revoked", "", NULL,
                         "Write why the referral is revoked.");

  g_date_add_days (&fixture->today, 1);
  set_status_ok (fixture, uuid, "revoked", "Personen flyttade.", NULL);

  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "revoked");
  g_assert_cmpstr (lanka_record_get (read, "status_reason"), ==, "Personen flyttade.");
  g_assert_cmpstr (lanka_record_get (read, "answered_on"), ==, TODAY);
  g_assert_cmpstr (lanka_record_get (read, "revoked_on"), ==, TOMORROW);
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_status", "accepted",
                                  "revoked"), ==, 1);

  assert_status_refused (fixture, uuid, "revoked", "Igen.", NULL,
                         "The referral is already revoked.");
  assert_status_refused (fixture, uuid, "accepted", NULL, NULL,
                         "A revoked referral cannot change. Make a new referral instead.");
  assert_status_refused (fixture, uuid, "done", NULL, "implemented",
                         "A revoked referral cannot change. Make a new referral instead.");
}

static void
test_revoke_rejected (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autofree char *uuid = send_ok (fixture, referral);

  set_status_ok (fixture, uuid, "rejected", "Fel målgrupp.", NULL);
  set_status_ok (fixture, uuid, "revoked", "Skickas till annan aktör.", NULL);

  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "revoked");
  g_assert_cmpstr (lanka_record_get (read, "status_reason"), ==, "Skickas till annan aktör.");
}

static void
test_transitions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = send_ok (fixture, referral);

  assert_status_refused (fixture, uuid, "done", NULL, "implemented",
                         "A referral must be accepted before it can be done.");
  assert_status_refused (fixture, uuid, "pending", NULL, NULL,
                         "A referral cannot go back to waiting for a reply.");
  assert_status_refused (fixture, uuid, "forgotten", NULL, NULL,
                         "Choose a status for the referral.");

  set_status_ok (fixture, uuid, "accepted", NULL, NULL);
  assert_status_refused (fixture, uuid, "accepted", NULL, NULL,
                         "The referral has already been answered.");
  assert_status_refused (fixture, uuid, "rejected", "Ångrade sig.", NULL,
                         "The referral has already been answered.");
  assert_status_refused (fixture, uuid, "in_progress", NULL, NULL,
                         "The referral has already been answered.");
  assert_status_refused (fixture, uuid, "pending", NULL, NULL,
                         "A referral cannot go back to waiting for a reply.");
  assert_status_refused (fixture, uuid, "done", NULL, NULL, "Choose how the referral ended.");
  assert_status_refused (fixture, uuid, "done", NULL, "perhaps", "Choose how the referral ended.");

  set_status_ok (fixture, uuid, "done", NULL, "not_implemented");
  assert_status_refused (fixture, uuid, "revoked", "För sent.", NULL,
                         "A referral that is done cannot be revoked.");
  assert_status_refused (fixture, uuid, "done", NULL, "implemented",
                         "The referral is already done.");
  assert_status_refused (fixture, uuid, "accepted", NULL, NULL,
                         "A referral that is done cannot change.");

  /* A referral that is not there. */
  g_assert_false (lanka_referrals_set_status (fixture->database,
                                              "00000000-0000-4000-8000-000000000000",
                                              "accepted", NULL, NULL, &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_blocked_no_basis (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);

  lanka_record_set (referral, "basis", NULL);
  assert_send_refused (fixture, referral, "basis",
                       "Choose the basis for sharing: a consent or a rule that allows it.");

  lanka_record_set (referral, "basis", "because");
  assert_send_refused (fixture, referral, "basis",
                       "Choose the basis for sharing: a consent or a rule that allows it.");

  /* A consent basis without a consent chosen. */
  lanka_record_set (referral, "basis", "consent");
  assert_send_refused (fixture, referral, "consent",
                       "Choose the consent the information is shared on, or another basis.");
}

static void
test_blocked_no_justification (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  const char * const bases[] = { "duty", "necessary", "serious_crime", "emergency", "other" };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      lanka_record_set (referral, "basis", bases[i]);
      lanka_record_set (referral, "justification", NULL);
      assert_send_refused (fixture, referral, "justification",
                           "Write why the information may be shared without consent.");

      lanka_record_set (referral, "justification", " \t\n ");
      assert_send_refused (fixture, referral, "justification",
                           "Write why the information may be shared without consent.");
    }
}

static void
test_blocked_nothing_shared (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  const char * const unknown[] = { "identity", "horoscope", NULL };

  lanka_record_set_list (referral, "shared", NULL);
  assert_send_refused (fixture, referral, "shared",
                       "Choose what to share: at least one kind of information.");

  lanka_record_set_list (referral, "shared", unknown);
  assert_send_refused (fixture, referral, "shared",
                       "Choose what to share from the kinds of information listed.");
}

static void
test_blocked_form (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) empty = lanka_referrals_new ("outgoing");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = { "agency", "person", "reason", "shared", "basis" };

  /* An empty form: every problem, in the order of the form. */
  problems = lanka_referrals_validate (fixture->database, fixture->case_uuid, empty,
                                       &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      LankaCaseProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->field, ==, expected[i]);
      g_assert_true (g_str_has_suffix (problem->message, "."));
    }
  assert_send_refused (fixture, empty, "agency", "Choose the agency to refer to.");

  /* A good one has none. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = lanka_referrals_validate (fixture->database, fixture->case_uuid, referral,
                                       &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  lanka_record_set (referral, "reason", "Shopping");
  assert_send_refused (fixture, referral, "reason", "Choose why the person is referred.");
  lanka_record_set (referral, "reason", "Protection");

  lanka_record_set (referral, "person", NULL);
  assert_send_refused (fixture, referral, "person", "Choose the person the referral is about.");
  lanka_record_set (referral, "person", fixture->other_victim_uuid);
  assert_send_refused (fixture, referral, "person",
                       "The person is no longer on the case. Choose another one.");
  lanka_record_set (referral, "person", fixture->victim_uuid);

  lanka_record_set (referral, "contact", fixture->other_contact_uuid);
  assert_send_refused (fixture, referral, "contact",
                       "The contact person does not work at this agency. Choose another one.");
  lanka_record_set (referral, "contact", "00000000-0000-4000-8000-000000000000");
  assert_send_refused (fixture, referral, "contact",
                       "The contact person is no longer in the directory. Choose another one.");
  lanka_record_set (referral, "contact", fixture->contact_uuid);

  lanka_record_set (referral, "sent_on", TOMORROW);
  assert_send_refused (fixture, referral, "sent_on",
                       "A referral cannot be sent on a day that has not come yet.");
  lanka_record_set (referral, "sent_on", "2026-02-30");
  assert_send_refused (fixture, referral, "sent_on",
                       "There is no such day: check the month and the day.");
  lanka_record_set (referral, "sent_on", NULL);

  lanka_record_set (referral, "follow_up_on", YESTERDAY);
  assert_send_refused (fixture, referral, "follow_up_on",
                       "Choose a follow-up date on or after the day the referral is sent.");
  lanka_record_set (referral, "follow_up_on", "24/3");
  assert_send_refused (fixture, referral, "follow_up_on",
                       "Write the date as year-month-day, such as 2026-03-14.");
  lanka_record_set (referral, "follow_up_on", NULL);

  /* A case that does not exist. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = lanka_referrals_validate (fixture->database, "00000000-0000-4000-8000-000000000000",
                                       referral, &fixture->today, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (problems);
  g_clear_error (&error);

  g_assert_false (lanka_referrals_send (fixture->database, "00000000-0000-4000-8000-000000000000",
                                        referral, &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM referral", NULL), ==, 0);

  /* Now the same referral goes. */
  g_free (send_ok (fixture, referral));
}

static void
test_blocked_deleted_agency (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) other = new_referral (fixture);
  g_autoptr(GError) error = NULL;

  /* In the trash, then back. */
  g_assert_true (lanka_directory_trash_agency (fixture->database, fixture->agency_uuid, &error));
  g_assert_no_error (error);
  assert_send_refused (fixture, referral, "agency",
                       "The agency is no longer in the directory. Choose another one.");

  g_assert_true (lanka_directory_restore_agency (fixture->database, fixture->agency_uuid,
                                                 &error));
  g_assert_no_error (error);
  g_free (send_ok (fixture, referral));

  /* Deleted for good. */
  lanka_record_set (other, "agency", fixture->other_agency_uuid);
  lanka_record_set (other, "contact", NULL);
  g_assert_true (lanka_directory_delete_agency (fixture->database, fixture->other_agency_uuid,
                                                &error));
  g_assert_no_error (error);
  assert_send_refused (fixture, other, "agency",
                       "The agency is no longer in the directory. Choose another one.");
}

static void
test_consent_basis (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaRecord) consent = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(GPtrArray) valid = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audit = NULL;
  g_autofree char *consent_uuid = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *detail = NULL;

  lanka_record_set (consent, "valid_until", "2026-09-01");
  consent_uuid = save_consent_ok (fixture, consent);

  valid = lanka_consents_find_valid (fixture->database, fixture->case_uuid, fixture->victim_uuid,
                                     fixture->agency_uuid, "Protection", &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (valid->len, ==, 1);
  g_assert_cmpstr (lanka_record_get_uuid (g_ptr_array_index (valid, 0)), ==, consent_uuid);

  use_consent (referral, consent_uuid);
  lanka_record_set (referral, "justification", "Behövs inte med samtycke.");
  uuid = send_ok (fixture, referral);

  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "basis"), ==, "consent");
  g_assert_cmpstr (lanka_record_get (read, "consent"), ==, consent_uuid);
  g_assert_null (lanka_record_get (read, "justification"));
  g_assert_null (lanka_record_get (read, "consent_withdrawn_on"));

  detail = g_strdup_printf ("agency=%s basis=consent", fixture->agency_uuid);
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_SEND, uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 1);
  g_assert_cmpstr (audit[0], ==, detail);
}

static void
test_blocked_consent_expired (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(LankaRecord) consent = new_consent (fixture, "2025-12-01");
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GPtrArray) valid = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *consent_uuid = NULL;

  lanka_record_set (consent, "valid_until", YESTERDAY);
  consent_uuid = save_consent_ok (fixture, consent);
  use_consent (referral, consent_uuid);

  assert_send_refused (fixture, referral, "consent",
                       "This consent was valid until 2026-03-09. Record a new consent or choose "
                       "another basis.");

  valid = lanka_consents_find_valid (fixture->database, fixture->case_uuid, fixture->victim_uuid,
                                     fixture->agency_uuid, "Protection", &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (valid->len, ==, 0);

  /* Sent on its last day, it holds. */
  lanka_record_set (referral, "sent_on", YESTERDAY);
  g_free (send_ok (fixture, referral));
}

static void
test_blocked_consent_later (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LankaRecord) consent = new_consent (fixture, TODAY);
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autofree char *consent_uuid = save_consent_ok (fixture, consent);

  /* A referral recorded as sent before the consent was given. */
  use_consent (referral, consent_uuid);
  lanka_record_set (referral, "sent_on", YESTERDAY);
  assert_send_refused (fixture, referral, "consent",
                       "This consent applies only from 2026-03-10. Choose another basis.");
}

static void
test_blocked_consent_mismatch (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) for_child = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) for_other = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) for_return = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) by_name = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) other_case = lanka_consents_new ();
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GPtrArray) valid = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *child_uuid = NULL;
  g_autofree char *other_uuid = NULL;
  g_autofree char *return_uuid = NULL;
  g_autofree char *name_uuid = NULL;

  lanka_record_set (for_child, "person", fixture->child_uuid);
  child_uuid = save_consent_ok (fixture, for_child);
  lanka_record_set (for_other, "recipient", fixture->other_agency_uuid);
  other_uuid = save_consent_ok (fixture, for_other);
  lanka_record_set (for_return, "purpose", "Return");
  return_uuid = save_consent_ok (fixture, for_return);
  /* A recipient outside the directory, even one with the agency's name,
   * is not the agency referred to.
   */
  lanka_record_set (by_name, "recipient", NULL);
  lanka_record_set (by_name, "recipient_name", AGENCY_NAME);
  name_uuid = save_consent_ok (fixture, by_name);

  lanka_record_set (other_case, "person", fixture->other_victim_uuid);
  lanka_record_set (other_case, "recipient", fixture->agency_uuid);
  lanka_record_set (other_case, "purpose", "Protection");
  lanka_record_set (other_case, "given_by", "person");
  lanka_record_set (other_case, "form", "oral");
  lanka_record_set (other_case, "given_on", "2026-03-01");
  g_assert_true (lanka_consents_save (fixture->database, fixture->other_case_uuid, other_case,
                                      &fixture->today, &error));
  g_assert_no_error (error);

  use_consent (referral, child_uuid);
  assert_send_refused (fixture, referral, "consent",
                       "This consent is about someone else. Choose a consent of the person "
                       "referred.");

  use_consent (referral, other_uuid);
  assert_send_refused (fixture, referral, "consent",
                       "This consent does not cover this agency. Record a consent for it or "
                       "choose another basis.");

  use_consent (referral, name_uuid);
  assert_send_refused (fixture, referral, "consent",
                       "This consent does not cover this agency. Record a consent for it or "
                       "choose another basis.");

  use_consent (referral, return_uuid);
  assert_send_refused (fixture, referral, "consent",
                       "This consent is for another purpose. Record a consent for this one or "
                       "choose another basis.");

  use_consent (referral, lanka_record_get_uuid (other_case));
  assert_send_refused (fixture, referral, "consent",
                       "The consent is no longer recorded on the case. Choose another basis.");

  /* None of them is offered for this referral. */
  valid = lanka_consents_find_valid (fixture->database, fixture->case_uuid, fixture->victim_uuid,
                                     fixture->agency_uuid, "Protection", &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (valid->len, ==, 0);

  /* The child's and the return consent are, for their own person and purpose. */
  g_clear_pointer (&valid, g_ptr_array_unref);
  valid = lanka_consents_find_valid (fixture->database, fixture->case_uuid, fixture->child_uuid,
                                     fixture->agency_uuid, "Protection", &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (valid->len, ==, 1);
  g_assert_cmpstr (lanka_record_get_uuid (g_ptr_array_index (valid, 0)), ==, child_uuid);

  g_clear_pointer (&valid, g_ptr_array_unref);
  valid = lanka_consents_find_valid (fixture->database, fixture->case_uuid, fixture->victim_uuid,
                                     fixture->agency_uuid, NULL, &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (valid->len, ==, 1);
  g_assert_cmpstr (lanka_record_get_uuid (g_ptr_array_index (valid, 0)), ==, return_uuid);
}

static void
test_blocked_consent_excluded (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) consent = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  const char * const excluded[] = { "health", "legal", NULL };
  const char * const with_health[] = { "identity", "health", NULL };
  const char * const without[] = { "identity", "contact", NULL };
  g_autofree char *consent_uuid = NULL;

  lanka_record_set_list (consent, "excluded", excluded);
  lanka_record_set (consent, "restrictions", "Inget om hälsan till boendet.");
  consent_uuid = save_consent_ok (fixture, consent);

  use_consent (referral, consent_uuid);
  lanka_record_set_list (referral, "shared", with_health);
  assert_send_refused (fixture, referral, "shared",
                       "This consent does not cover “Health and special needs”. Untick it or "
                       "choose another basis.");

  lanka_record_set_list (referral, "shared", without);
  g_free (send_ok (fixture, referral));
}

static void
test_consent_withdraw (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaRecord) consent = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) again = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) consents = NULL;
  g_autoptr(GPtrArray) valid = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audit = NULL;
  g_auto(Counts) before = { 0 };
  g_autofree char *consent_uuid = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *detail = NULL;

  consent_uuid = save_consent_ok (fixture, consent);
  use_consent (referral, consent_uuid);
  uuid = send_ok (fixture, referral);
  set_status_ok (fixture, uuid, "accepted", NULL, NULL);

  /* Not on a day that has not come, nor before it was given. */
  take_counts (fixture, &before);
  g_assert_false (lanka_consents_withdraw (fixture->database, consent_uuid, TOMORROW,
                                           &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "A consent cannot be withdrawn on a day that has not come yet.");
  g_clear_error (&error);
  g_assert_false (lanka_consents_withdraw (fixture->database, consent_uuid, "2026-02-28",
                                           &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "A consent cannot be withdrawn before the day it was given.");
  g_clear_error (&error);
  assert_counts_unchanged (fixture, &before);

  /* Today, as the person said it. */
  g_assert_true (lanka_consents_withdraw (fixture->database, consent_uuid, NULL, &fixture->today,
                                          &error));
  g_assert_no_error (error);

  /* The open referral shows it at once. */
  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "consent_withdrawn_on"), ==, TODAY);
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "accepted");
  list = lanka_referrals_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(LankaRecord) item = g_list_model_get_item (list, 0);

    g_assert_cmpstr (lanka_record_get (item, "consent_withdrawn_on"), ==, TODAY);
  }

  consents = lanka_consents_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  {
    g_autoptr(LankaRecord) item = g_list_model_get_item (consents, 0);

    g_assert_cmpstr (lanka_record_get (item, "withdrawn_on"), ==, TODAY);
    g_assert_false (lanka_consent_is_valid (item, &fixture->today));
  }

  /* A new referral on it is refused the same day. */
  use_consent (again, consent_uuid);
  assert_send_refused (fixture, again, "consent",
                       "This consent was withdrawn on 2026-03-10. Record a new consent or choose "
                       "another basis.");
  valid = lanka_consents_find_valid (fixture->database, fixture->case_uuid, fixture->victim_uuid,
                                     fixture->agency_uuid, "Protection", &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (valid->len, ==, 0);

  /* Even recorded as sent before the withdrawal. */
  lanka_record_set (again, "sent_on", "2026-03-05");
  assert_send_refused (fixture, again, "consent",
                       "This consent was withdrawn on 2026-03-10. Record a new consent or choose "
                       "another basis.");

  /* The timeline and the audit log have it, once. */
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "consent_recorded", "Protection",
                                  AGENCY_NAME), ==, 1);
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "consent_withdrawn", "Protection",
                                  AGENCY_NAME), ==, 1);
  detail = g_strdup_printf ("recipient=%s purpose=Protection", fixture->agency_uuid);
  audit = list_audit (fixture, LANKA_AUDIT_CONSENT_WITHDRAW, consent_uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 1);
  g_assert_cmpstr (audit[0], ==, detail);
  g_clear_pointer (&audit, g_strfreev);
  audit = list_audit (fixture, LANKA_AUDIT_CONSENT_RECORD, consent_uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 1);
  g_assert_cmpstr (audit[0], ==, detail);

  /* Withdrawn once only, and then it does not change. */
  counts_clear (&before);
  take_counts (fixture, &before);
  g_assert_false (lanka_consents_withdraw (fixture->database, consent_uuid, NULL, &fixture->today,
                                           &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This consent was already withdrawn on 2026-03-10.");
  g_clear_error (&error);

  lanka_record_set (consent, "valid_until", "2026-12-31");
  g_assert_false (lanka_consents_save (fixture->database, fixture->case_uuid, consent,
                                       &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "A withdrawn consent cannot change. Record a new consent instead.");
  g_clear_error (&error);
  assert_counts_unchanged (fixture, &before);

  g_assert_false (lanka_consents_withdraw (fixture->database,
                                           "00000000-0000-4000-8000-000000000000", NULL,
                                           &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_consent_is_valid (void)
{
  g_autoptr(LankaRecord) consent = lanka_consents_new ();
  GDate day;

  g_date_clear (&day, 1);

  lanka_record_set (consent, "given_on", "2026-03-01");
  lanka_record_set (consent, "valid_until", "2026-03-31");

  g_date_set_dmy (&day, 28, G_DATE_FEBRUARY, 2026);
  g_assert_false (lanka_consent_is_valid (consent, &day));
  g_date_set_dmy (&day, 1, G_DATE_MARCH, 2026);
  g_assert_true (lanka_consent_is_valid (consent, &day));
  g_date_set_dmy (&day, 31, G_DATE_MARCH, 2026);
  g_assert_true (lanka_consent_is_valid (consent, &day));
  g_date_set_dmy (&day, 1, G_DATE_APRIL, 2026);
  g_assert_false (lanka_consent_is_valid (consent, &day));

  /* Withdrawn on the 15th: no longer that day. */
  lanka_record_set (consent, "withdrawn_on", "2026-03-15");
  g_date_set_dmy (&day, 14, G_DATE_MARCH, 2026);
  g_assert_true (lanka_consent_is_valid (consent, &day));
  g_date_set_dmy (&day, 15, G_DATE_MARCH, 2026);
  g_assert_false (lanka_consent_is_valid (consent, &day));

  /* Without an end it lasts until it is withdrawn; without a day given
   * it is no consent.
   */
  lanka_record_set (consent, "withdrawn_on", NULL);
  lanka_record_set (consent, "valid_until", NULL);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, 2030);
  g_assert_true (lanka_consent_is_valid (consent, &day));
  lanka_record_set (consent, "given_on", NULL);
  g_assert_false (lanka_consent_is_valid (consent, &day));
}

static void
test_consent_validate (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaRecord) empty = lanka_consents_new ();
  g_autoptr(LankaRecord) consent = new_consent (fixture, "2026-03-01");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Counts) before = { 0 };
  const char * const expected[] = { "person", "recipient", "purpose", "given_by", "form",
                                    "given_on" };
  const struct
  {
    const char *field;
    const char *value;
    const char *message;
  } cases[] = {
    { "person", fixture->other_victim_uuid,
      "The person is no longer on the case. Choose another one." },
    { "recipient", "00000000-0000-4000-8000-000000000000",
      "The agency is no longer in the directory. Choose another one." },
    { "purpose", "Fun", "Choose what the information may be shared for." },
    { "given_by", "neighbour", "Choose who gave the consent." },
    { "form", "telepathic", "Choose whether the consent was given orally or in writing." },
    { "given_on", TOMORROW, "A consent cannot be given on a day that has not come yet." },
    { "given_on", "2026-13-01", "There is no such day: check the month and the day." },
    { "valid_until", "2026-02-28", "A consent cannot end before the day it was given." },
  };

  problems = lanka_consents_validate (fixture->database, fixture->case_uuid, empty,
                                      &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      LankaCaseProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->record, ==, lanka_record_get_uuid (empty));
      g_assert_cmpstr (problem->field, ==, expected[i]);
    }

  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = lanka_consents_validate (fixture->database, fixture->case_uuid, consent,
                                      &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  take_counts (fixture, &before);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LankaRecord) copy = lanka_record_copy (consent);
      LankaCaseProblem *problem;

      lanka_record_set (copy, cases[i].field, cases[i].value);

      g_clear_pointer (&problems, g_ptr_array_unref);
      problems = lanka_consents_validate (fixture->database, fixture->case_uuid, copy,
                                          &fixture->today, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpstr (problem->field, ==, cases[i].field);
      g_assert_cmpstr (problem->message, ==, cases[i].message);

      g_assert_false (lanka_consents_save (fixture->database, fixture->case_uuid, copy,
                                           &fixture->today, &error));
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }

  assert_counts_unchanged (fixture, &before);
}

static void
test_consent_save (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaRecord) consent = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) outside = new_consent (fixture, "2026-02-01");
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Counts) before = { 0 };
  const char * const excluded[] = { "health", NULL };
  g_autofree char *consent_uuid = NULL;

  lanka_record_set (consent, "given_by", "god_man");
  lanka_record_set (consent, "recipient_name", "Ett namn som inte gäller");
  lanka_record_set_list (consent, "excluded", excluded);
  lanka_record_set (consent, "restrictions", "  Inget om hälsan.  ");
  consent_uuid = save_consent_ok (fixture, consent);

  /* The directory's name, and what the person said, without spaces around. */
  g_assert_cmpstr (lanka_record_get (consent, "recipient_name"), ==, AGENCY_NAME);

  list = lanka_consents_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(LankaRecord) read = g_list_model_get_item (list, 0);

    g_assert_cmpstr (lanka_record_get_kind (read), ==, "consent");
    g_assert_cmpstr (lanka_record_get_uuid (read), ==, consent_uuid);
    g_assert_cmpstr (lanka_record_get (read, "case_uuid"), ==, fixture->case_uuid);
    g_assert_cmpstr (lanka_record_get (read, "person"), ==, fixture->victim_uuid);
    g_assert_cmpstr (lanka_record_get (read, "recipient"), ==, fixture->agency_uuid);
    g_assert_cmpstr (lanka_record_get (read, "recipient_name"), ==, AGENCY_NAME);
    g_assert_cmpstr (lanka_record_get (read, "purpose"), ==, "Protection");
    g_assert_cmpstr (lanka_record_get (read, "given_by"), ==, "god_man");
    g_assert_cmpstr (lanka_record_get (read, "form"), ==, "written");
    g_assert_cmpstr (lanka_record_get (read, "given_on"), ==, "2026-03-01");
    g_assert_null (lanka_record_get (read, "valid_until"));
    g_assert_null (lanka_record_get (read, "withdrawn_on"));
    g_assert_cmpstr (lanka_record_get (read, "restrictions"), ==, "Inget om hälsan.");
    g_assert_true (g_strv_equal (lanka_record_get_list (read, "excluded"), excluded));
  }

  /* A change: an end and nothing excluded any more.  It is saved, with an
   * audit row, but it is not a new consent in the timeline.
   */
  lanka_record_set (consent, "valid_until", "2026-06-30");
  lanka_record_set_list (consent, "excluded", NULL);
  g_assert_true (lanka_consents_save (fixture->database, fixture->case_uuid, consent,
                                      &fixture->today, &error));
  g_assert_no_error (error);
  g_clear_object (&list);
  list = lanka_consents_list (fixture->database, fixture->case_uuid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(LankaRecord) read = g_list_model_get_item (list, 0);

    g_assert_cmpstr (lanka_record_get (read, "valid_until"), ==, "2026-06-30");
    g_assert_null (lanka_record_get_list (read, "excluded")[0]);
  }
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM consent_excluded", NULL),
                   ==, 0);
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "consent_recorded", "Protection",
                                  AGENCY_NAME), ==, 1);
  {
    g_auto(GStrv) audit = list_audit (fixture, LANKA_AUDIT_CONSENT_RECORD, consent_uuid);

    g_assert_cmpuint (g_strv_length (audit), ==, 2);
  }

  /* A recipient outside the directory needs its name. */
  lanka_record_set (outside, "recipient", NULL);
  lanka_record_set (outside, "recipient_name", "  ");
  take_counts (fixture, &before);
  g_assert_false (lanka_consents_save (fixture->database, fixture->case_uuid, outside,
                                       &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Choose the agency the information may be shared with.");
  g_clear_error (&error);
  assert_counts_unchanged (fixture, &before);
  lanka_record_set (outside, "recipient_name", "Kyrkans stödgrupp");
  g_free (save_consent_ok (fixture, outside));
  {
    g_auto(GStrv) audit = list_audit (fixture, LANKA_AUDIT_CONSENT_RECORD,
                                      lanka_record_get_uuid (outside));

    g_assert_cmpuint (g_strv_length (audit), ==, 1);
    g_assert_cmpstr (audit[0], ==, "purpose=Protection");
  }

  /* Once a referral rests on it, whom and what for stay as they were. */
  use_consent (referral, consent_uuid);
  g_free (send_ok (fixture, referral));

  counts_clear (&before);
  take_counts (fixture, &before);
  lanka_record_set (consent, "purpose", "Return");
  g_assert_false (lanka_consents_save (fixture->database, fixture->case_uuid, consent,
                                       &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "A referral rests on this consent, so whom it is about, whom it covers and "
                   "what for cannot change. Record a new consent instead.");
  g_clear_error (&error);
  assert_counts_unchanged (fixture, &before);

  /* Its end can still move. */
  lanka_record_set (consent, "purpose", "Protection");
  lanka_record_set (consent, "valid_until", "2026-12-31");
  g_assert_true (lanka_consents_save (fixture->database, fixture->case_uuid, consent,
                                      &fixture->today, &error));
  g_assert_no_error (error);

  /* Not into another case. */
  g_assert_false (lanka_consents_save (fixture->database, fixture->other_case_uuid, consent,
                                       &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
}

static void
test_incoming (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = lanka_referrals_new ("incoming");
  g_autoptr(LankaRecord) from_directory = lanka_referrals_new ("incoming");
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audit = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *detail = NULL;

  lanka_record_set (referral, "person", fixture->victim_uuid);
  lanka_record_set (referral, "reason", "SupportProgramme");
  assert_send_refused (fixture, referral, "agency",
                       "Choose or write the agency the referral came from.");

  /* An agency outside the directory, by its name; received last week. */
  lanka_record_set (referral, "agency_name", "  Gränspolisen i Malmö ");
  lanka_record_set (referral, "contact_name", "Vakthavande");
  lanka_record_set (referral, "sent_on", "2026-03-03");
  lanka_record_set (referral, "basis", "duty");
  uuid = send_ok (fixture, referral);

  read = load_ok (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (read, "direction"), ==, "incoming");
  g_assert_null (lanka_record_get (read, "agency"));
  g_assert_cmpstr (lanka_record_get (read, "agency_name"), ==, "Gränspolisen i Malmö");
  g_assert_cmpstr (lanka_record_get (read, "contact_name"), ==, "Vakthavande");
  g_assert_cmpstr (lanka_record_get (read, "status"), ==, "pending");
  g_assert_cmpstr (lanka_record_get (read, "sent_on"), ==, "2026-03-03");
  g_assert_cmpstr (lanka_record_get (read, "basis"), ==, "duty");
  g_assert_null (lanka_record_get_list (read, "shared")[0]);

  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_received",
                                  "SupportProgramme", "Gränspolisen i Malmö"), ==, 1);
  g_assert_cmpuint (count_events (fixture, fixture->case_uuid, "referral_sent",
                                  "SupportProgramme", "Gränspolisen i Malmö"), ==, 0);
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_RECEIVE, uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 1);
  g_assert_cmpstr (audit[0], ==, "basis=duty");
  g_clear_pointer (&audit, g_strfreev);
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_SEND, uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 0);

  /* Taking it on. */
  set_status_ok (fixture, uuid, "accepted", NULL, NULL);
  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->case_uuid, &error),
                    ==, 1);

  /* From an agency of the directory, with the name the directory has. */
  lanka_record_set (from_directory, "agency", fixture->other_agency_uuid);
  lanka_record_set (from_directory, "agency_name", "Gammalt namn");
  lanka_record_set (from_directory, "contact", fixture->contact_uuid);
  lanka_record_set (from_directory, "person", fixture->child_uuid);
  lanka_record_set (from_directory, "reason", "Consultation");
  lanka_record_set (from_directory, "sent_on", TOMORROW);
  assert_send_refused (fixture, from_directory, "contact",
                       "The contact person does not work at this agency. Choose another one.");
  lanka_record_set (from_directory, "contact", fixture->other_contact_uuid);
  assert_send_refused (fixture, from_directory, "sent_on",
                       "A referral cannot be received on a day that has not come yet.");
  lanka_record_set (from_directory, "sent_on", NULL);
  g_free (send_ok (fixture, from_directory));
  g_assert_cmpstr (lanka_record_get (from_directory, "agency_name"), ==, OTHER_NAME);
  g_assert_cmpstr (lanka_record_get (from_directory, "contact_name"), ==, "Alex Annan");
  g_assert_cmpstr (lanka_record_get (from_directory, "sent_on"), ==, TODAY);
  detail = g_strdup_printf ("agency=%s", fixture->other_agency_uuid);
  g_clear_pointer (&audit, g_strfreev);
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_RECEIVE,
                      lanka_record_get_uuid (from_directory));
  g_assert_cmpuint (g_strv_length (audit), ==, 1);
  g_assert_cmpstr (audit[0], ==, detail);
}

static void
test_list_order (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char * const days[] = { "2026-02-14", TODAY, "2026-01-05", "2026-02-14" };
  const char * const given[] = { "2026-01-10", "2026-03-02", "2025-12-24" };
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[G_N_ELEMENTS (days)];

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(LankaRecord) referral = new_referral (fixture);

      lanka_record_set (referral, "sent_on", days[i]);
      g_ptr_array_add (uuids, send_ok (fixture, referral));
    }

  /* The latest sent first; of two sent the same day, the later recorded. */
  expected[0] = g_ptr_array_index (uuids, 1);
  expected[1] = g_ptr_array_index (uuids, 3);
  expected[2] = g_ptr_array_index (uuids, 0);
  expected[3] = g_ptr_array_index (uuids, 2);

  list = lanka_referrals_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (days));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(LankaRecord) item = g_list_model_get_item (list, i);

      g_assert_cmpstr (lanka_record_get_uuid (item), ==, expected[i]);
      g_assert_true (lanka_record_list_contains (item, "shared", "risk"));
    }

  /* Consents, the latest given first. */
  g_ptr_array_set_size (uuids, 0);
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      g_autoptr(LankaRecord) consent = new_consent (fixture, given[i]);

      g_ptr_array_add (uuids, save_consent_ok (fixture, consent));
    }

  g_clear_object (&list);
  list = lanka_consents_list (fixture->database, fixture->case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  {
    g_autoptr(LankaRecord) first = g_list_model_get_item (list, 0);
    g_autoptr(LankaRecord) second = g_list_model_get_item (list, 1);
    g_autoptr(LankaRecord) third = g_list_model_get_item (list, 2);

    g_assert_cmpstr (lanka_record_get_uuid (first), ==, g_ptr_array_index (uuids, 1));
    g_assert_cmpstr (lanka_record_get_uuid (second), ==, g_ptr_array_index (uuids, 0));
    g_assert_cmpstr (lanka_record_get_uuid (third), ==, g_ptr_array_index (uuids, 2));
  }

  /* Valid ones, the same way. */
  {
    g_autoptr(GPtrArray) valid = NULL;

    valid = lanka_consents_find_valid (fixture->database, fixture->case_uuid,
                                       fixture->victim_uuid, fixture->agency_uuid, "Protection",
                                       &fixture->today, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (valid->len, ==, 3);
    g_assert_cmpstr (lanka_record_get_uuid (g_ptr_array_index (valid, 0)), ==,
                     g_ptr_array_index (uuids, 1));
    g_assert_cmpstr (lanka_record_get_uuid (g_ptr_array_index (valid, 2)), ==,
                     g_ptr_array_index (uuids, 2));
  }

  /* The other case has none of them. */
  g_clear_object (&list);
  list = lanka_referrals_list (fixture->database, fixture->other_case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);
  list = lanka_consents_list (fixture->database, fixture->other_case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  /* A case that is not there. */
  g_clear_object (&list);
  list = lanka_referrals_list (fixture->database, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (list);
  g_clear_error (&error);
  list = lanka_consents_list (fixture->database, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (list);
}

static void
test_already_sent (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_auto(Counts) before = { 0 };
  g_autofree char *uuid = send_ok (fixture, referral);

  take_counts (fixture, &before);
  g_assert_false (lanka_referrals_send (fixture->database, fixture->case_uuid, referral,
                                        &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This referral has already been recorded.");
  assert_counts_unchanged (fixture, &before);
}

static void
test_audit_print (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audit = NULL;
  g_autofree char *uuid = send_ok (fixture, referral);
  g_autofree char *detail = NULL;

  g_assert_true (lanka_referrals_audit_print (fixture->database, uuid, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_referrals_audit_print (fixture->database, uuid, &error));
  g_assert_no_error (error);

  detail = g_strdup_printf ("agency=%s basis=necessary", fixture->agency_uuid);
  audit = list_audit (fixture, LANKA_AUDIT_REFERRAL_PRINT, uuid);
  g_assert_cmpuint (g_strv_length (audit), ==, 2);
  g_assert_cmpstr (audit[0], ==, detail);

  g_assert_false (lanka_referrals_audit_print (fixture->database,
                                               "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_follow_up_task (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) other = new_referral (fixture);
  g_autoptr(LankaRecord) plain = new_referral (fixture);
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *other_uuid = NULL;
  g_autofree char *plain_uuid = NULL;
  g_autofree char *due = NULL;
  gboolean completed = TRUE;

  /* A follow-up date makes an open task for that day. */
  lanka_record_set (referral, "follow_up_on", FOLLOW_UP);
  uuid = send_ok (fixture, referral);
  due = dup_follow_up_task (fixture, uuid, &completed);
  g_assert_cmpstr (due, ==, FOLLOW_UP);
  g_assert_false (completed);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM task t JOIN \"case\" c ON c.id = t.case_id "
                              "WHERE c.uuid = ?1 AND t.kind = 'referral_follow_up'",
                              fixture->case_uuid), ==, 1);

  /* Without a date, none. */
  plain_uuid = send_ok (fixture, plain);
  g_assert_null (dup_follow_up_task (fixture, plain_uuid, &completed));

  /* Accepted, it is still to be followed up; done, it is not. */
  set_status_ok (fixture, uuid, "accepted", NULL, NULL);
  g_clear_pointer (&due, g_free);
  due = dup_follow_up_task (fixture, uuid, &completed);
  g_assert_false (completed);

  set_status_ok (fixture, uuid, "done", NULL, "implemented");
  g_clear_pointer (&due, g_free);
  due = dup_follow_up_task (fixture, uuid, &completed);
  g_assert_true (completed);

  /* Revoked, the same. */
  lanka_record_set (other, "follow_up_on", TODAY);
  other_uuid = send_ok (fixture, other);
  g_clear_pointer (&due, g_free);
  due = dup_follow_up_task (fixture, other_uuid, &completed);
  g_assert_cmpstr (due, ==, TODAY);
  g_assert_false (completed);

  /* Moving the date moves the task; a day passed is refused. */
  g_assert_false (lanka_referrals_set_follow_up (fixture->database, other_uuid, YESTERDAY,
                                                 &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Choose a follow-up date from today on.");
  g_clear_error (&error);

  g_assert_true (lanka_referrals_set_follow_up (fixture->database, other_uuid, "2026-04-01",
                                                &fixture->today, &error));
  g_assert_no_error (error);
  read = load_ok (fixture, other_uuid);
  g_assert_cmpstr (lanka_record_get (read, "follow_up_on"), ==, "2026-04-01");
  g_clear_pointer (&due, g_free);
  due = dup_follow_up_task (fixture, other_uuid, &completed);
  g_assert_cmpstr (due, ==, "2026-04-01");
  g_assert_false (completed);

  set_status_ok (fixture, other_uuid, "revoked", "Behovet finns inte längre.", NULL);
  g_clear_pointer (&due, g_free);
  due = dup_follow_up_task (fixture, other_uuid, &completed);
  g_assert_true (completed);

  g_assert_false (lanka_referrals_set_follow_up (fixture->database, other_uuid, "2026-04-02",
                                                 &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A referral that is done or revoked needs no follow-up.");
  g_clear_error (&error);

  /* A follow-up added later, then taken away. */
  g_assert_true (lanka_referrals_set_follow_up (fixture->database, plain_uuid, FOLLOW_UP,
                                                &fixture->today, &error));
  g_assert_no_error (error);
  g_clear_pointer (&due, g_free);
  due = dup_follow_up_task (fixture, plain_uuid, &completed);
  g_assert_cmpstr (due, ==, FOLLOW_UP);
  g_assert_false (completed);

  g_assert_true (lanka_referrals_set_follow_up (fixture->database, plain_uuid, NULL,
                                                &fixture->today, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = load_ok (fixture, plain_uuid);
  g_assert_null (lanka_record_get (read, "follow_up_on"));
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM task WHERE source = ?1 AND completed IS NULL",
                              plain_uuid), ==, 0);
}

static void
test_case_deleted (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaRecord) consent = new_consent (fixture, "2026-03-01");
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(LankaRecord) other_referral = new_referral (fixture);
  g_autoptr(LankaRecord) other_consent = lanka_consents_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  const char * const excluded[] = { "health", NULL };
  g_autofree char *consent_uuid = NULL;
  g_autofree char *uuid = NULL;

  lanka_record_set_list (consent, "excluded", excluded);
  consent_uuid = save_consent_ok (fixture, consent);
  use_consent (referral, consent_uuid);
  uuid = send_ok (fixture, referral);
  set_status_ok (fixture, uuid, "accepted", NULL, NULL);
  set_status_ok (fixture, uuid, "done", NULL, "implemented");

  /* The other case keeps what is its own. */
  lanka_record_set (other_referral, "person", fixture->other_victim_uuid);
  g_assert_true (lanka_referrals_send (fixture->database, fixture->other_case_uuid,
                                       other_referral, &fixture->today, &error));
  g_assert_no_error (error);
  lanka_record_set (other_consent, "person", fixture->other_victim_uuid);
  lanka_record_set (other_consent, "recipient", fixture->agency_uuid);
  lanka_record_set (other_consent, "purpose", "Protection");
  lanka_record_set (other_consent, "given_by", "person");
  lanka_record_set (other_consent, "form", "oral");
  lanka_record_set (other_consent, "given_on", "2026-03-01");
  lanka_record_set_list (other_consent, "excluded", excluded);
  g_assert_true (lanka_consents_save (fixture->database, fixture->other_case_uuid, other_consent,
                                      &fixture->today, &error));
  g_assert_no_error (error);

  g_assert_true (lanka_cases_delete (fixture->database, fixture->case_uuid, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM referral WHERE uuid = ?1",
                              uuid), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM consent WHERE uuid = ?1",
                              consent_uuid), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM referral", NULL), ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM referral_shared", NULL),
                   ==, 2);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM consent", NULL), ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM consent_excluded", NULL),
                   ==, 1);

  g_assert_null (lanka_referrals_load (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lanka_referrals_set_status (fixture->database, uuid, "revoked", "Borta.", NULL,
                                              &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = lanka_referrals_list (fixture->database, fixture->case_uuid, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (lanka_referrals_count_open (fixture->database, fixture->case_uuid, &error),
                    ==, 0);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&list);
  list = lanka_referrals_list (fixture->database, fixture->other_case_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_case_deleted_tasks (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  lanka_record_set (referral, "follow_up_on", FOLLOW_UP);
  uuid = send_ok (fixture, referral);
  set_status_ok (fixture, uuid, "revoked", "Ärendet avslutas.", NULL);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM task WHERE source = ?1",
                              uuid), ==, 1);

  g_assert_true (lanka_cases_delete (fixture->database, fixture->case_uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM task WHERE source = ?1",
                              uuid), ==, 0);
}

/* A case whose referral is still open cannot be deleted: the agency may
 * be acting on it.  The refusal says what to do and loses nothing.
 */
static void
test_case_delete_open_referral (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  uuid = send_ok (fixture, referral);
  set_status_ok (fixture, uuid, "accepted", NULL, NULL);

  g_assert_false (lanka_cases_delete (fixture->database, fixture->case_uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM \"case\" WHERE uuid = ?1",
                              fixture->case_uuid), ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM referral WHERE uuid = ?1",
                              uuid), ==, 1);

  /* Once it is done, the case can go. */
  set_status_ok (fixture, uuid, "done", NULL, "implemented");
  g_assert_true (lanka_cases_delete (fixture->database, fixture->case_uuid, &error));
  g_assert_no_error (error);
}

static void
test_closed (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = new_referral (fixture);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  lanka_database_close (fixture->database);

  g_assert_false (lanka_referrals_send (fixture->database, fixture->case_uuid, referral,
                                        &fixture->today, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_clear_error (&error);

  list = lanka_referrals_list (fixture->database, fixture->case_uuid, &error);
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

  g_test_add_func ("/store/referrals/new", test_new);
  ADD ("/store/referrals/lifecycle", test_lifecycle);
  ADD ("/store/referrals/in-progress", test_in_progress);
  ADD ("/store/referrals/rejected", test_rejected);
  ADD ("/store/referrals/revoke", test_revoke);
  ADD ("/store/referrals/revoke-rejected", test_revoke_rejected);
  ADD ("/store/referrals/transitions", test_transitions);
  ADD ("/store/referrals/blocked/no-basis", test_blocked_no_basis);
  ADD ("/store/referrals/blocked/no-justification", test_blocked_no_justification);
  ADD ("/store/referrals/blocked/nothing-shared", test_blocked_nothing_shared);
  ADD ("/store/referrals/blocked/form", test_blocked_form);
  ADD ("/store/referrals/blocked/deleted-agency", test_blocked_deleted_agency);
  ADD ("/store/referrals/blocked/consent-expired", test_blocked_consent_expired);
  ADD ("/store/referrals/blocked/consent-later", test_blocked_consent_later);
  ADD ("/store/referrals/blocked/consent-mismatch", test_blocked_consent_mismatch);
  ADD ("/store/referrals/blocked/consent-excluded", test_blocked_consent_excluded);
  ADD ("/store/referrals/consent/basis", test_consent_basis);
  ADD ("/store/referrals/consent/withdraw", test_consent_withdraw);
  g_test_add_func ("/store/referrals/consent/is-valid", test_consent_is_valid);
  ADD ("/store/referrals/consent/validate", test_consent_validate);
  ADD ("/store/referrals/consent/save", test_consent_save);
  ADD ("/store/referrals/incoming", test_incoming);
  ADD ("/store/referrals/list-order", test_list_order);
  ADD ("/store/referrals/already-sent", test_already_sent);
  ADD ("/store/referrals/audit-print", test_audit_print);
  ADD ("/store/referrals/follow-up-task", test_follow_up_task);
  ADD ("/store/referrals/case-deleted", test_case_deleted);
  ADD ("/store/referrals/case-deleted-tasks", test_case_deleted_tasks);
  ADD ("/store/referrals/case-delete-open-referral", test_case_delete_open_referral);
  ADD ("/store/referrals/closed", test_closed);

  return g_test_run ();
}
