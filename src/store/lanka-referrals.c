/* lanka-referrals.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Länkning: what a case shared with which agency, on which ground, and
 * how it went; and the consents that ground may be.  A referral is part
 * of the record from the moment it is sent, so it is written at once,
 * each change in its own transaction together with its journal event, its
 * audit row and its follow-up task: either all of it is there or none.
 *
 * The checks come before any write.  What they refuse is said in a
 * sentence that tells the caseworker what to do, and a refused referral
 * leaves no trace: information that could not be shared lawfully must not
 * look as if it had been.
 */

#define G_LOG_DOMAIN "lanka-referrals"

#include "config.h"

#include "lanka-referrals.h"

#include "lanka-audit.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-directory.h"
#include "lanka-journal.h"
#include "lanka-store-error.h"
#include "lanka-tasks.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <string.h>

#define REFERRAL_KIND "referral"
#define CONSENT_KIND "consent"

/* The columns a referral record holds as fields, in the order of the
 * statements below.
 */
static const char * const referral_fields[] = {
  "direction", "person", "agency", "agency_name", "contact", "contact_name", "reason",
  "note", "basis", "consent", "justification", "status", "status_reason", "outcome",
  "sent_on", "answered_on", "done_on", "revoked_on", "follow_up_on", NULL
};

#define N_REFERRAL_FIELDS 19

G_STATIC_ASSERT (G_N_ELEMENTS (referral_fields) == N_REFERRAL_FIELDS + 1);

/* Column 0 the referral's uuid, 1 the case's, then the fields, then the
 * shared categories, the consent's withdrawal, the row's id and case id.
 */
#define REFERRAL_SELECT \
  "SELECT r.uuid, c.uuid, r.direction, r.person, r.agency, r.agency_name, r.contact, " \
  "r.contact_name, r.reason, r.note, r.basis, r.consent, r.justification, r.status, " \
  "r.status_reason, r.outcome, r.sent_on, r.answered_on, r.done_on, r.revoked_on, " \
  "r.follow_up_on, " \
  "(SELECT group_concat (s.category, ',') FROM referral_shared s WHERE s.referral = r.id), " \
  "co.withdrawn_on, r.id, r.case_id " \
  "FROM referral r JOIN \"case\" c ON c.id = r.case_id " \
  "LEFT JOIN consent co ON co.uuid = r.consent AND co.case_id = r.case_id "

#define REFERRAL_COLUMN_SHARED     (2 + N_REFERRAL_FIELDS)
#define REFERRAL_COLUMN_WITHDRAWN  (REFERRAL_COLUMN_SHARED + 1)
#define REFERRAL_COLUMN_ID         (REFERRAL_COLUMN_SHARED + 2)
#define REFERRAL_COLUMN_CASE_ID    (REFERRAL_COLUMN_SHARED + 3)

static const char * const consent_fields[] = {
  "person", "recipient", "recipient_name", "purpose", "given_by", "form", "given_on",
  "valid_until", "withdrawn_on", "restrictions", NULL
};

#define N_CONSENT_FIELDS 10

G_STATIC_ASSERT (G_N_ELEMENTS (consent_fields) == N_CONSENT_FIELDS + 1);

#define CONSENT_SELECT \
  "SELECT co.uuid, c.uuid, co.person, co.recipient, co.recipient_name, co.purpose, " \
  "co.given_by, co.form, co.given_on, co.valid_until, co.withdrawn_on, co.restrictions, " \
  "(SELECT group_concat (e.category, ',') FROM consent_excluded e WHERE e.consent = co.id), " \
  "co.id, co.case_id " \
  "FROM consent co JOIN \"case\" c ON c.id = co.case_id "

#define CONSENT_COLUMN_EXCLUDED  (2 + N_CONSENT_FIELDS)
#define CONSENT_COLUMN_ID        (CONSENT_COLUMN_EXCLUDED + 1)
#define CONSENT_COLUMN_CASE_ID   (CONSENT_COLUMN_EXCLUDED + 2)

/* Dates */

/* Whether the date in @text comes before @date; FALSE when it is no date. */
static gboolean
date_before (const char  *text,
             const GDate *date)
{
  GDate parsed;

  return lanka_date_parse (text, &parsed) && g_date_compare (&parsed, date) < 0;
}

static gboolean
date_after (const char  *text,
            const GDate *date)
{
  GDate parsed;

  return lanka_date_parse (text, &parsed) && g_date_compare (&parsed, date) > 0;
}

/* Small helpers */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static char *
dup_stripped (const char *text)
{
  if (is_blank (text))
    return NULL;

  return g_strstrip (g_strdup (text));
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value != NULL && value[0] != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, message);
}

static void
add_problem (GPtrArray   *problems,
             LankaRecord *record,
             const char  *field,
             const char  *message)
{
  LankaCaseProblem *problem = g_new0 (LankaCaseProblem, 1);

  problem->record = g_strdup (lanka_record_get_uuid (record));
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_case_problem_free);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      LankaCaseProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->field, field))
        return TRUE;
    }

  return FALSE;
}

/* "a,b,c" from group_concat() into a list field. */
static void
read_list (LankaRecord  *record,
           const char   *field,
           sqlite3_stmt *stmt,
           int           column)
{
  const char *joined = (const char *)sqlite3_column_text (stmt, column);
  g_auto(GStrv) codes = NULL;

  if (joined == NULL)
    return;

  codes = g_strsplit (joined, ",", -1);
  lanka_record_set_list (record, field, (const char * const *)codes);
}

static void
read_fields (LankaRecord        *record,
             const char * const *fields,
             sqlite3_stmt       *stmt,
             int                 first)
{
  for (guint i = 0; fields[i] != NULL; i++)
    if (sqlite3_column_type (stmt, first + i) != SQLITE_NULL)
      _lanka_record_set_quiet (record, fields[i],
                               (const char *)sqlite3_column_text (stmt, first + i));
}

static gboolean
person_on_case (LankaDatabase  *database,
                gint64          case_id,
                const char     *person_uuid,
                gboolean       *found,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT 1 FROM case_person cp "
                                        "JOIN person p ON p.id = cp.person "
                                        "WHERE cp.case_id = ?1 AND p.uuid = ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, person_uuid, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;

  return _lanka_database_finish_rows (database, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

/* The agency's name, or %NULL (and %TRUE) when it is not in the
 * directory: gone, or in the trash.
 */
static gboolean
lookup_agency (LankaDatabase  *database,
               const char     *uuid,
               char          **name,
               GError        **error)
{
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(GError) local_error = NULL;

  *name = NULL;

  if (!(agency = lanka_directory_get_agency (database, uuid, &local_error)))
    {
      if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *name = g_strdup (lanka_agency_get_name (agency));

  return TRUE;
}

/* The contact person's name and agency, or %NULL (and %TRUE) when the
 * directory no longer has them.
 */
static gboolean
lookup_contact (LankaDatabase  *database,
                const char     *uuid,
                char          **name,
                char          **agency_uuid,
                GError        **error)
{
  g_autoptr(LankaAgencyContact) contact = NULL;
  g_autoptr(GError) local_error = NULL;

  *name = NULL;
  *agency_uuid = NULL;

  if (!(contact = lanka_directory_get_contact (database, uuid, &local_error)))
    {
      if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *name = g_strdup (lanka_agency_contact_get_name (contact));
  *agency_uuid = g_strdup (lanka_agency_contact_get_agency_uuid (contact));

  return TRUE;
}

/* Reading referrals and consents */

static LankaRecord *
referral_from_row (sqlite3_stmt *stmt)
{
  LankaRecord *record;

  record = lanka_record_new_with_uuid (REFERRAL_KIND, (const char *)sqlite3_column_text (stmt, 0));
  _lanka_record_set_quiet (record, "case_uuid", (const char *)sqlite3_column_text (stmt, 1));
  read_fields (record, referral_fields, stmt, 2);
  read_list (record, "shared", stmt, REFERRAL_COLUMN_SHARED);

  if (sqlite3_column_type (stmt, REFERRAL_COLUMN_WITHDRAWN) != SQLITE_NULL)
    _lanka_record_set_quiet (record, "consent_withdrawn_on",
                             (const char *)sqlite3_column_text (stmt, REFERRAL_COLUMN_WITHDRAWN));

  return record;
}

static LankaRecord *
consent_from_row (sqlite3_stmt *stmt)
{
  LankaRecord *record;

  record = lanka_record_new_with_uuid (CONSENT_KIND, (const char *)sqlite3_column_text (stmt, 0));
  _lanka_record_set_quiet (record, "case_uuid", (const char *)sqlite3_column_text (stmt, 1));
  read_fields (record, consent_fields, stmt, 2);
  read_list (record, "excluded", stmt, CONSENT_COLUMN_EXCLUDED);

  return record;
}

/* A stored referral with its row and case ids. */
typedef struct
{
  LankaRecord *record;
  gint64       id;
  gint64       case_id;
} Stored;

static void
stored_clear (Stored *stored)
{
  g_clear_object (&stored->record);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stored, stored_clear)

/* Reads one row of @sql (with the uuid as ?1 and, when not 0, the case id
 * as ?2) into @stored; a %NULL record when there is none.
 */
static gboolean
read_one (LankaDatabase  *database,
          const char     *sql,
          const char     *uuid,
          gint64          case_id,
          gboolean        is_referral,
          Stored         *stored,
          GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (case_id != 0)
    sqlite3_bind_int64 (stmt, 2, case_id);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (is_referral)
        {
          stored->record = referral_from_row (stmt);
          stored->id = sqlite3_column_int64 (stmt, REFERRAL_COLUMN_ID);
          stored->case_id = sqlite3_column_int64 (stmt, REFERRAL_COLUMN_CASE_ID);
        }
      else
        {
          stored->record = consent_from_row (stmt);
          stored->id = sqlite3_column_int64 (stmt, CONSENT_COLUMN_ID);
          stored->case_id = sqlite3_column_int64 (stmt, CONSENT_COLUMN_CASE_ID);
        }

      rc = SQLITE_DONE;
    }

  return _lanka_database_finish_rows (database, stmt, rc, error);
}

static gboolean
read_referral (LankaDatabase  *database,
               const char     *uuid,
               Stored         *stored,
               GError        **error)
{
  if (!read_one (database, REFERRAL_SELECT "WHERE r.uuid = ?1", uuid, 0, TRUE, stored, error))
    return FALSE;

  if (stored->record == NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The referral no longer exists. Someone may have deleted its case."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_consent (LankaDatabase  *database,
              const char     *uuid,
              Stored         *stored,
              GError        **error)
{
  if (!read_one (database, CONSENT_SELECT "WHERE co.uuid = ?1", uuid, 0, FALSE, stored, error))
    return FALSE;

  if (stored->record == NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The consent no longer exists. Someone may have deleted its case."));
      return FALSE;
    }

  return TRUE;
}

/* Every row of @sql, which takes the case's uuid as ?1, as records. */
static GListModel *
list_case (LankaDatabase  *database,
           const char     *sql,
           const char     *case_uuid,
           gboolean        is_referral,
           GError        **error)
{
  g_autoptr(GListStore) store = NULL;
  sqlite3_stmt *stmt;
  gint64 case_id;
  int rc;

  if (!_lanka_database_check_open (database, error) ||
      !_lanka_cases_find_id (database, case_uuid, &case_id, error))
    return NULL;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);

  store = g_list_store_new (LANKA_TYPE_RECORD);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LankaRecord) record = NULL;

      record = is_referral ? referral_from_row (stmt) : consent_from_row (stmt);
      g_list_store_append (store, record);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * lanka_referrals_list:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a list of the case's referrals as
 *   #LankaRecords, the latest sent first; %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND when the case does not exist
 */
GListModel *
lanka_referrals_list (LankaDatabase  *database,
                      const char     *case_uuid,
                      GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_case (database,
                    REFERRAL_SELECT "WHERE r.case_id = ?1 ORDER BY r.sent_on DESC, r.id DESC",
                    case_uuid, TRUE, error);
}

/**
 * lanka_referrals_load:
 * @database: an open #LankaDatabase
 * @uuid: the referral's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the referral, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND
 */
LankaRecord *
lanka_referrals_load (LankaDatabase  *database,
                      const char     *uuid,
                      GError        **error)
{
  g_auto(Stored) stored = { NULL };

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) || !read_referral (database, uuid, &stored, error))
    return NULL;

  return g_steal_pointer (&stored.record);
}

/**
 * lanka_referrals_new:
 * @direction: "outgoing" or "incoming"
 *
 * Returns: (transfer full): an empty referral with a new uuid
 */
LankaRecord *
lanka_referrals_new (const char *direction)
{
  LankaRecord *record;

  g_return_val_if_fail (g_strcmp0 (direction, "outgoing") == 0 ||
                        g_strcmp0 (direction, "incoming") == 0, NULL);

  record = lanka_record_new (REFERRAL_KIND);
  _lanka_record_set_quiet (record, "direction", direction);

  return record;
}

gboolean
lanka_referrals_status_is_open (const char *status)
{
  return g_strcmp0 (status, "pending") == 0 ||
         g_strcmp0 (status, "in_progress") == 0 ||
         g_strcmp0 (status, "accepted") == 0;
}

/* Checking a referral */

/* The consent a referral rests on, checked against the referral: the
 * same person, the agency it goes to, the purpose, the day it is sent
 * and what it shares.
 */
static gboolean
check_consent (LankaDatabase  *database,
               gint64          case_id,
               LankaRecord    *referral,
               const GDate    *sent,
               const GDate    *today,
               GPtrArray      *problems,
               GError        **error)
{
  g_auto(Stored) stored = { NULL };
  const char *uuid = lanka_record_get (referral, "consent");
  const char * const *shared = lanka_record_get_list (referral, "shared");
  LankaRecord *consent;
  const char *withdrawn_on;
  const char *given_on;
  const char *valid_until;

  if (uuid == NULL)
    {
      add_problem (problems, referral, "consent",
                   _("Choose the consent the information is shared on, or another basis."));
      return TRUE;
    }

  if (!read_one (database, CONSENT_SELECT "WHERE co.uuid = ?1 AND co.case_id = ?2",
                 uuid, case_id, FALSE, &stored, error))
    return FALSE;

  if ((consent = stored.record) == NULL)
    {
      add_problem (problems, referral, "consent",
                   _("The consent is no longer recorded on the case. Choose another basis."));
      return TRUE;
    }

  withdrawn_on = lanka_record_get (consent, "withdrawn_on");
  given_on = lanka_record_get (consent, "given_on");
  valid_until = lanka_record_get (consent, "valid_until");

  if (g_strcmp0 (lanka_record_get (consent, "person"), lanka_record_get (referral, "person")) != 0)
    add_problem (problems, referral, "consent",
                 _("This consent is about someone else. Choose a consent of the person referred."));
  else if (lanka_record_get (consent, "recipient") == NULL ||
           g_strcmp0 (lanka_record_get (consent, "recipient"),
                      lanka_record_get (referral, "agency")) != 0)
    add_problem (problems, referral, "consent",
                 _("This consent does not cover this agency. Record a consent for it or choose "
                   "another basis."));
  else if (g_strcmp0 (lanka_record_get (consent, "purpose"),
                      lanka_record_get (referral, "reason")) != 0)
    add_problem (problems, referral, "consent",
                 _("This consent is for another purpose. Record a consent for this one or choose "
                   "another basis."));
  /* A withdrawal counts from the day it was recorded for, and for every
   * referral sent after it was recorded, whatever day it says it was sent.
   */
  else if (withdrawn_on != NULL && !date_after (withdrawn_on, today))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("This consent was withdrawn on %s. Record a new consent or "
                                   "choose another basis."),
                                 withdrawn_on);
      add_problem (problems, referral, "consent", message);
    }
  else if (given_on == NULL || date_after (given_on, sent))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("This consent applies only from %s. Choose another basis."),
                                 given_on != NULL ? given_on : "");
      add_problem (problems, referral, "consent", message);
    }
  else if (valid_until != NULL && date_before (valid_until, sent))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("This consent was valid until %s. Record a new consent or "
                                   "choose another basis."),
                                 valid_until);
      add_problem (problems, referral, "consent", message);
    }
  else
    {
      for (guint i = 0; shared[i] != NULL; i++)
        {
          if (lanka_record_list_contains (consent, "excluded", shared[i]))
            {
              const char *label = lanka_vocabulary_get_label (LANKA_VOCABULARY_SHARE_CATEGORY,
                                                              shared[i]);
              g_autofree char *message = NULL;

              /* Translators: %s is a kind of information, such as "Contact details". */
              message = g_strdup_printf (_("This consent does not cover “%s”. Untick it or "
                                           "choose another basis."),
                                         label);
              add_problem (problems, referral, "shared", message);
              break;
            }
        }
    }

  return TRUE;
}

/* Checks @referral of the case @case_id into @problems, in the order a
 * person fills in the form, so that the first problem is the first thing
 * to do.  @row, when given, receives what would be written: the names the
 * directory has now, the status of a new referral, the day it is sent.
 */
static gboolean
check_referral (LankaDatabase  *database,
                gint64          case_id,
                LankaRecord    *referral,
                GDate          *today,
                GPtrArray      *problems,
                LankaRecord    *row,
                GError        **error)
{
  const char *direction = lanka_record_get (referral, "direction");
  const char *agency = lanka_record_get (referral, "agency");
  const char *contact = lanka_record_get (referral, "contact");
  const char *person = lanka_record_get (referral, "person");
  const char *reason = lanka_record_get (referral, "reason");
  const char *basis = lanka_record_get (referral, "basis");
  const char *sent_on = lanka_record_get (referral, "sent_on");
  const char *follow_up_on = lanka_record_get (referral, "follow_up_on");
  const char * const *shared = lanka_record_get_list (referral, "shared");
  g_autofree char *agency_name = NULL;
  g_autofree char *contact_name = NULL;
  g_autofree char *justification = NULL;
  g_autofree char *sent_text = NULL;
  g_autofree char *note = NULL;
  gboolean outgoing;
  GDate now, sent;

  lanka_date_get_today (today, &now);

  if (g_strcmp0 (direction, "outgoing") != 0 && g_strcmp0 (direction, "incoming") != 0)
    {
      add_problem (problems, referral, "direction",
                   _("Choose whether the referral is sent or received."));
      return TRUE;
    }

  outgoing = g_str_equal (direction, "outgoing");

  /* The agency and the contact person as the directory has them now. */
  if (agency != NULL)
    {
      if (!lookup_agency (database, agency, &agency_name, error))
        return FALSE;

      if (agency_name == NULL)
        add_problem (problems, referral, "agency",
                     _("The agency is no longer in the directory. Choose another one."));
    }
  else if (outgoing)
    add_problem (problems, referral, "agency", _("Choose the agency to refer to."));
  else if ((agency_name = dup_stripped (lanka_record_get (referral, "agency_name"))) == NULL)
    add_problem (problems, referral, "agency",
                 _("Choose or write the agency the referral came from."));

  if (contact != NULL && !has_problem (problems, "agency"))
    {
      g_autofree char *contact_agency = NULL;

      if (!lookup_contact (database, contact, &contact_name, &contact_agency, error))
        return FALSE;

      if (contact_name == NULL)
        add_problem (problems, referral, "contact",
                     _("The contact person is no longer in the directory. Choose another one."));
      else if (agency == NULL || g_strcmp0 (contact_agency, agency) != 0)
        add_problem (problems, referral, "contact",
                     _("The contact person does not work at this agency. Choose another one."));
    }
  else if (contact == NULL)
    contact_name = dup_stripped (lanka_record_get (referral, "contact_name"));

  if (person == NULL)
    add_problem (problems, referral, "person", _("Choose the person the referral is about."));
  else
    {
      gboolean found;

      if (!person_on_case (database, case_id, person, &found, error))
        return FALSE;

      if (!found)
        add_problem (problems, referral, "person",
                     _("The person is no longer on the case. Choose another one."));
    }

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_REFERRAL_REASON, reason))
    add_problem (problems, referral, "reason", _("Choose why the person is referred."));

  if (outgoing && shared[0] == NULL)
    add_problem (problems, referral, "shared",
                 _("Choose what to share: at least one kind of information."));

  for (guint i = 0; shared[i] != NULL; i++)
    {
      if (!lanka_vocabulary_contains (LANKA_VOCABULARY_SHARE_CATEGORY, shared[i]))
        {
          add_problem (problems, referral, "shared",
                       _("Choose what to share from the kinds of information listed."));
          break;
        }
    }

  /* The day it is sent, for the consent and the follow-up. */
  g_date_clear (&sent, 1);

  if (sent_on != NULL)
    {
      g_autoptr(GError) date_error = NULL;

      if (!lanka_date_validate (sent_on, &date_error))
        add_problem (problems, referral, "sent_on", date_error->message);
      else if (date_after (sent_on, &now))
        add_problem (problems, referral, "sent_on",
                     outgoing ? _("A referral cannot be sent on a day that has not come yet.")
                              : _("A referral cannot be received on a day that has not come "
                                  "yet."));
      else
        lanka_date_parse (sent_on, &sent);
    }
  else
    sent = now;

  /* The ground for sharing is ours to show for what we send; what comes
   * in was shared on the sender's ground, which is theirs to keep.
   */
  justification = dup_stripped (lanka_record_get (referral, "justification"));

  if (basis != NULL && !lanka_vocabulary_contains (LANKA_VOCABULARY_DISCLOSURE_BASIS, basis))
    add_problem (problems, referral, "basis",
                 _("Choose the basis for sharing: a consent or a rule that allows it."));
  else if (outgoing && basis == NULL)
    add_problem (problems, referral, "basis",
                 _("Choose the basis for sharing: a consent or a rule that allows it."));
  else if (outgoing && g_str_equal (basis, "consent"))
    {
      if (!has_problem (problems, "agency") && !has_problem (problems, "person") &&
          !has_problem (problems, "reason"))
        {
          if (!check_consent (database, case_id, referral,
                              g_date_valid (&sent) ? &sent : &now, &now, problems, error))
            return FALSE;
        }
      else if (lanka_record_get (referral, "consent") == NULL)
        add_problem (problems, referral, "consent",
                     _("Choose the consent the information is shared on, or another basis."));
    }
  else if (outgoing && justification == NULL)
    add_problem (problems, referral, "justification",
                 _("Write why the information may be shared without consent."));

  if (follow_up_on != NULL)
    {
      g_autoptr(GError) date_error = NULL;

      if (!lanka_date_validate (follow_up_on, &date_error))
        add_problem (problems, referral, "follow_up_on", date_error->message);
      else if (g_date_valid (&sent) && date_before (follow_up_on, &sent))
        add_problem (problems, referral, "follow_up_on",
                     _("Choose a follow-up date on or after the day the referral is sent."));
    }

  if (row == NULL)
    return TRUE;

  sent_text = g_date_valid (&sent) ? lanka_date_format (&sent) : NULL;
  note = dup_stripped (lanka_record_get (referral, "note"));

  for (guint i = 0; referral_fields[i] != NULL; i++)
    _lanka_record_set_quiet (row, referral_fields[i],
                             lanka_record_get (referral, referral_fields[i]));

  lanka_record_set_list (row, "shared", shared);
  _lanka_record_set_quiet (row, "agency_name", agency_name);
  _lanka_record_set_quiet (row, "contact_name", contact_name);
  _lanka_record_set_quiet (row, "note", note);
  _lanka_record_set_quiet (row, "consent",
                           outgoing && g_strcmp0 (basis, "consent") == 0
                             ? lanka_record_get (referral, "consent") : NULL);
  _lanka_record_set_quiet (row, "justification",
                           g_strcmp0 (basis, "consent") == 0 ? NULL : justification);
  _lanka_record_set_quiet (row, "status", "pending");
  _lanka_record_set_quiet (row, "status_reason", NULL);
  _lanka_record_set_quiet (row, "outcome", NULL);
  _lanka_record_set_quiet (row, "sent_on", sent_text);
  _lanka_record_set_quiet (row, "answered_on", NULL);
  _lanka_record_set_quiet (row, "done_on", NULL);
  _lanka_record_set_quiet (row, "revoked_on", NULL);

  return TRUE;
}

/**
 * lanka_referrals_validate:
 * @database: an open #LankaDatabase
 * @case_uuid: the case the referral belongs to
 * @referral: a referral to send or record
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * See the header for what is checked.  Checking reads the directory, the
 * case's people and its consents as they are now.
 *
 * Returns: (transfer full) (element-type LankaCaseProblem) (nullable): the
 *   problems, empty when there are none; %NULL on error
 */
GPtrArray *
lanka_referrals_validate (LankaDatabase  *database,
                          const char     *case_uuid,
                          LankaRecord    *referral,
                          GDate          *today,
                          GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  gint64 case_id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (LANKA_IS_RECORD (referral), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !_lanka_cases_find_id (database, case_uuid, &case_id, error))
    return NULL;

  problems = new_problems ();

  if (!check_referral (database, case_id, referral, today, problems, NULL, error))
    return NULL;

  return g_steal_pointer (&problems);
}

/* "agency=<uuid> basis=<code>", without what is not there: the audit
 * log's detail never holds a name or a text.
 */
static char *
dup_referral_detail (LankaRecord *referral)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  const char *agency = lanka_record_get (referral, "agency");
  const char *basis = lanka_record_get (referral, "basis");

  if (agency != NULL)
    g_string_append_printf (detail, "agency=%s", agency);
  if (basis != NULL)
    g_string_append_printf (detail, "%sbasis=%s", detail->len > 0 ? " " : "", basis);

  if (detail->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&detail), FALSE);
}

static gboolean
write_codes (LankaDatabase       *database,
             const char          *delete_sql,
             const char          *insert_sql,
             gint64               owner,
             const char * const  *codes,
             GError             **error)
{
  sqlite3_stmt *stmt;

  if (delete_sql != NULL)
    {
      if (!(stmt = _lanka_database_prepare (database, delete_sql, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, owner);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (!(stmt = _lanka_database_prepare (database, insert_sql, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, owner);
      sqlite3_bind_text (stmt, 2, codes[i], -1, SQLITE_TRANSIENT);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_referral (LankaDatabase  *database,
                 gint64          case_id,
                 LankaRecord    *row,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO referral (uuid, case_id, direction, person, "
                                        "agency, agency_name, contact, contact_name, reason, "
                                        "note, basis, consent, justification, status, "
                                        "status_reason, outcome, sent_on, answered_on, done_on, "
                                        "revoked_on, follow_up_on, created, modified) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                        "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
                                        "?22)",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, lanka_record_get_uuid (row), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  for (guint i = 0; referral_fields[i] != NULL; i++)
    bind_text (stmt, 3 + i, lanka_record_get (row, referral_fields[i]));
  sqlite3_bind_int64 (stmt, 22, now);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  return write_codes (database, NULL,
                      "INSERT INTO referral_shared (referral, category) VALUES (?1, ?2)",
                      sqlite3_last_insert_rowid (_lanka_database_get_handle (database)),
                      lanka_record_get_list (row, "shared"), error);
}

static gboolean
referral_exists (LankaDatabase  *database,
                 const char     *uuid,
                 gboolean       *exists,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, "SELECT 1 FROM referral WHERE uuid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;

  return _lanka_database_finish_rows (database, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

/* Copies what was written back into the caller's record, quietly: it is
 * the record as the store has it now.
 */
static void
copy_fields (LankaRecord        *to,
             LankaRecord        *from,
             const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    _lanka_record_set_quiet (to, fields[i], lanka_record_get (from, fields[i]));
}

/**
 * lanka_referrals_send:
 * @database: an open #LankaDatabase
 * @case_uuid: the case the referral belongs to
 * @referral: a new referral (see lanka_referrals_new())
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Writes the referral with status "pending", its journal event, its audit
 * row and, with a follow-up date, its follow-up task, in one transaction.
 * Afterwards @referral holds what was written (the agency's and contact
 * person's names from the directory, the status, the day it was sent).
 *
 * Returns: %TRUE on success; %FALSE with %LANKA_STORE_ERROR_INVALID and
 *   the first problem's sentence when it does not validate, having
 *   written nothing
 */
gboolean
lanka_referrals_send (LankaDatabase  *database,
                      const char     *case_uuid,
                      LankaRecord    *referral,
                      GDate          *today,
                      GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LankaRecord) row = NULL;
  g_autofree char *detail = NULL;
  const char *uuid;
  gboolean outgoing;
  gboolean exists;
  gint64 case_id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (case_uuid != NULL, FALSE);
  g_return_val_if_fail (LANKA_IS_RECORD (referral), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  uuid = lanka_record_get_uuid (referral);
  row = lanka_record_new_with_uuid (REFERRAL_KIND, uuid);
  problems = new_problems ();

  /* The checks inside the transaction: what they read cannot change
   * before the referral is written.
   */
  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!_lanka_cases_find_id (database, case_uuid, &case_id, error) ||
      !referral_exists (database, uuid, &exists, error))
    goto failed;

  if (exists)
    {
      set_invalid (error, _("This referral has already been recorded."));
      goto failed;
    }

  if (!check_referral (database, case_id, referral, today, problems, row, error))
    goto failed;

  if (problems->len > 0)
    {
      set_invalid (error, ((LankaCaseProblem *)g_ptr_array_index (problems, 0))->message);
      goto failed;
    }

  outgoing = g_strcmp0 (lanka_record_get (row, "direction"), "outgoing") == 0;
  detail = dup_referral_detail (row);

  if (!insert_referral (database, case_id, row, error) ||
      !_lanka_journal_add_event (database, case_id,
                                 outgoing ? "referral_sent" : "referral_received",
                                 lanka_record_get (row, "reason"),
                                 lanka_record_get (row, "agency_name"), error) ||
      !_lanka_cases_touch (database, case_id, FALSE, error) ||
      !lanka_audit_log (database,
                        outgoing ? LANKA_AUDIT_REFERRAL_SEND : LANKA_AUDIT_REFERRAL_RECEIVE,
                        uuid, detail, error))
    goto failed;

  if (lanka_record_get (row, "follow_up_on") != NULL &&
      !_lanka_tasks_sync_referral (database, case_id, uuid,
                                   lanka_record_get (row, "follow_up_on"), TRUE, error))
    goto failed;

  if (!lanka_database_commit (database, error))
    goto failed;

  copy_fields (referral, row, referral_fields);
  lanka_record_set_list (referral, "shared", lanka_record_get_list (row, "shared"));
  _lanka_record_set_quiet (referral, "case_uuid", case_uuid);

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/* Whether a referral may go from @from to @to, and has what @to needs. */
static gboolean
check_transition (const char  *from,
                  const char  *to,
                  const char  *reason,
                  const char  *outcome,
                  GError     **error)
{
  const char *message = NULL;

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_REFERRAL_STATUS, to))
    message = _("Choose a status for the referral.");
  else if (g_str_equal (from, "revoked"))
    message = g_str_equal (to, "revoked")
                ? _("The referral is already revoked.")
                : _("A revoked referral cannot change. Make a new referral instead.");
  else if (g_str_equal (from, "done"))
    message = g_str_equal (to, "revoked") ? _("A referral that is done cannot be revoked.")
            : g_str_equal (to, "done") ? _("The referral is already done.")
            : _("A referral that is done cannot change.");
  else if (g_str_equal (to, "pending"))
    message = _("A referral cannot go back to waiting for a reply.");
  else if ((g_str_equal (to, "in_progress") || g_str_equal (to, "accepted") ||
            g_str_equal (to, "rejected")) &&
           !g_str_equal (from, "pending"))
    message = _("The referral has already been answered.");
  else if (g_str_equal (to, "done") && g_str_equal (from, "pending"))
    message = _("A referral must be accepted before it can be done.");
  else if (g_str_equal (to, "done") && g_str_equal (from, "rejected"))
    message = _("A rejected referral cannot be done.");
  else if (g_str_equal (to, "rejected") && is_blank (reason))
    message = _("Write why the referral was rejected.");
  else if (g_str_equal (to, "revoked") && is_blank (reason))
    message = _("Write why the referral is revoked.");
  else if (g_str_equal (to, "done") &&
           !lanka_vocabulary_contains (LANKA_VOCABULARY_REFERRAL_OUTCOME, outcome))
    message = _("Choose how the referral ended.");

  if (message != NULL)
    {
      set_invalid (error, message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
update_status (LankaDatabase  *database,
               gint64          id,
               LankaRecord    *record,
               GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE referral SET status = ?2, status_reason = ?3, "
                                        "outcome = ?4, answered_on = ?5, done_on = ?6, "
                                        "revoked_on = ?7, modified = ?8 WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, lanka_record_get (record, "status"));
  bind_text (stmt, 3, lanka_record_get (record, "status_reason"));
  bind_text (stmt, 4, lanka_record_get (record, "outcome"));
  bind_text (stmt, 5, lanka_record_get (record, "answered_on"));
  bind_text (stmt, 6, lanka_record_get (record, "done_on"));
  bind_text (stmt, 7, lanka_record_get (record, "revoked_on"));
  sqlite3_bind_int64 (stmt, 8, g_get_real_time ());

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_referrals_set_status:
 * @database: an open #LankaDatabase
 * @uuid: the referral's uuid
 * @status: the new status code
 * @reason: (nullable): why it was rejected or revoked
 * @outcome: (nullable): how it ended, for "done"
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * See the header for the steps a referral may take.  A step it may not
 * take, or one without its reason or outcome, is refused with
 * %LANKA_STORE_ERROR_INVALID and a sentence, and nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_referrals_set_status (LankaDatabase  *database,
                            const char     *uuid,
                            const char     *status,
                            const char     *reason,
                            const char     *outcome,
                            GDate          *today,
                            GError        **error)
{
  g_auto(Stored) stored = { NULL };
  g_autofree char *old_status = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *stripped_reason = NULL;
  LankaRecord *record;
  const char *follow_up_on;
  GDate now;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  lanka_date_get_today (today, &now);
  today_text = lanka_date_format (&now);
  stripped_reason = dup_stripped (reason);

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!read_referral (database, uuid, &stored, error))
    goto failed;

  record = stored.record;
  old_status = g_strdup (lanka_record_get (record, "status"));

  if (!check_transition (old_status, status, reason, outcome, error))
    goto failed;

  _lanka_record_set_quiet (record, "status", status);

  if (g_str_equal (status, "done"))
    {
      _lanka_record_set_quiet (record, "done_on", today_text);
      _lanka_record_set_quiet (record, "outcome", outcome);
    }
  else if (g_str_equal (status, "revoked"))
    {
      _lanka_record_set_quiet (record, "revoked_on", today_text);
      _lanka_record_set_quiet (record, "status_reason", stripped_reason);
    }
  else
    {
      _lanka_record_set_quiet (record, "answered_on", today_text);
      if (g_str_equal (status, "rejected"))
        _lanka_record_set_quiet (record, "status_reason", stripped_reason);
    }

  detail = g_strdup_printf ("status=%s->%s", old_status, status);
  follow_up_on = lanka_record_get (record, "follow_up_on");

  if (!update_status (database, stored.id, record, error) ||
      !_lanka_journal_add_event (database, stored.case_id, "referral_status", old_status, status,
                                 error) ||
      !_lanka_cases_touch (database, stored.case_id, FALSE, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_REFERRAL_STATUS, uuid, detail, error))
    goto failed;

  /* Done or revoked, there is nothing left to follow up. */
  if (follow_up_on != NULL &&
      (g_str_equal (status, "done") || g_str_equal (status, "revoked")) &&
      !_lanka_tasks_sync_referral (database, stored.case_id, uuid, follow_up_on, FALSE, error))
    goto failed;

  if (!lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_referrals_set_follow_up:
 * @database: an open #LankaDatabase
 * @uuid: the referral's uuid
 * @follow_up_on: (nullable): the new follow-up date, %NULL for none
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Moves or removes the follow-up date of a referral that is not done or
 * revoked, and its task with it.  A date before today is refused: a
 * follow-up that has passed already helps no one.  The audit log records
 * the new date under %LANKA_AUDIT_REFERRAL_STATUS ("follow_up=<date>").
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_referrals_set_follow_up (LankaDatabase  *database,
                               const char     *uuid,
                               const char     *follow_up_on,
                               GDate          *today,
                               GError        **error)
{
  g_auto(Stored) stored = { NULL };
  g_autoptr(GError) date_error = NULL;
  g_autofree char *detail = NULL;
  const char *status;
  sqlite3_stmt *stmt;
  GDate now;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  if (follow_up_on != NULL && follow_up_on[0] == '\0')
    follow_up_on = NULL;

  lanka_date_get_today (today, &now);

  if (follow_up_on != NULL && !lanka_date_validate (follow_up_on, &date_error))
    {
      g_propagate_error (error, g_steal_pointer (&date_error));
      return FALSE;
    }

  if (follow_up_on != NULL && date_before (follow_up_on, &now))
    {
      set_invalid (error, _("Choose a follow-up date from today on."));
      return FALSE;
    }

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!read_referral (database, uuid, &stored, error))
    goto failed;

  status = lanka_record_get (stored.record, "status");

  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "revoked") == 0)
    {
      set_invalid (error, _("A referral that is done or revoked needs no follow-up."));
      goto failed;
    }

  /* Nothing changes, nothing is written. */
  if (g_strcmp0 (follow_up_on, lanka_record_get (stored.record, "follow_up_on")) == 0)
    {
      lanka_database_rollback (database);
      return TRUE;
    }

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE referral SET follow_up_on = ?2, modified = ?3 "
                                        "WHERE id = ?1",
                                        error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, stored.id);
  bind_text (stmt, 2, follow_up_on);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  detail = g_strdup_printf ("follow_up=%s", follow_up_on != NULL ? follow_up_on : "none");

  if (!_lanka_database_step_done (database, stmt, error) ||
      !_lanka_tasks_sync_referral (database, stored.case_id, uuid, follow_up_on, TRUE, error) ||
      !_lanka_cases_touch (database, stored.case_id, FALSE, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_REFERRAL_STATUS, uuid, detail, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_referrals_count_open:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @error: a location for a #GError
 *
 * Returns: the number of the case's referrals that are pending, in
 *   progress or accepted; 0 with @error set on failure
 */
guint
lanka_referrals_count_open (LankaDatabase  *database,
                            const char     *case_uuid,
                            GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 case_id;
  guint count = 0;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), 0);
  g_return_val_if_fail (case_uuid != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_lanka_database_check_open (database, error) ||
      !_lanka_cases_find_id (database, case_uuid, &case_id, error))
    return 0;

  /* The same condition as the index referral_open, so that it is used. */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT count(*) FROM referral WHERE case_id = ?1 "
                                        "AND status IN ('pending', 'in_progress', 'accepted')",
                                        error)))
    return 0;

  sqlite3_bind_int64 (stmt, 1, case_id);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      count = sqlite3_column_int (stmt, 0);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return 0;

  return count;
}

/**
 * lanka_referrals_audit_print:
 * @database: an open #LankaDatabase
 * @uuid: the referral's uuid
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success; %LANKA_STORE_ERROR_NOT_FOUND if the referral
 *   no longer exists
 */
gboolean
lanka_referrals_audit_print (LankaDatabase  *database,
                             const char     *uuid,
                             GError        **error)
{
  g_auto(Stored) stored = { NULL };
  g_autofree char *detail = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !read_referral (database, uuid, &stored, error))
    return FALSE;

  detail = dup_referral_detail (stored.record);

  return lanka_audit_log (database, LANKA_AUDIT_REFERRAL_PRINT, uuid, detail, error);
}

/* Consents */

/**
 * lanka_consents_list:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a list of the case's consents as
 *   #LankaRecords, the latest given first; %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND when the case does not exist
 */
GListModel *
lanka_consents_list (LankaDatabase  *database,
                     const char     *case_uuid,
                     GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_case (database,
                    CONSENT_SELECT "WHERE co.case_id = ?1 ORDER BY co.given_on DESC, co.id DESC",
                    case_uuid, FALSE, error);
}

/**
 * lanka_consents_new:
 *
 * Returns: (transfer full): an empty consent with a new uuid
 */
LankaRecord *
lanka_consents_new (void)
{
  return lanka_record_new (CONSENT_KIND);
}

static gboolean
consent_in_use (LankaDatabase  *database,
                const char     *uuid,
                gboolean       *in_use,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT 1 FROM referral WHERE consent = ?1 LIMIT 1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  *in_use = rc == SQLITE_ROW;

  return _lanka_database_finish_rows (database, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

/* Checks @consent of the case @case_id into @problems; @row, when given,
 * receives what would be written.  @stored is the consent as saved, if it
 * was.
 */
static gboolean
check_consent_record (LankaDatabase  *database,
                      gint64          case_id,
                      LankaRecord    *consent,
                      LankaRecord    *stored,
                      GDate          *today,
                      GPtrArray      *problems,
                      LankaRecord    *row,
                      GError        **error)
{
  const char *person = lanka_record_get (consent, "person");
  const char *recipient = lanka_record_get (consent, "recipient");
  const char *given_on = lanka_record_get (consent, "given_on");
  const char *valid_until = lanka_record_get (consent, "valid_until");
  const char * const *excluded = lanka_record_get_list (consent, "excluded");
  g_autofree char *recipient_name = NULL;
  g_autofree char *restrictions = NULL;
  GDate now;

  lanka_date_get_today (today, &now);

  if (person == NULL)
    add_problem (problems, consent, "person", _("Choose the person who consents."));
  else
    {
      gboolean found;

      if (!person_on_case (database, case_id, person, &found, error))
        return FALSE;

      if (!found)
        add_problem (problems, consent, "person",
                     _("The person is no longer on the case. Choose another one."));
    }

  if (recipient != NULL)
    {
      if (!lookup_agency (database, recipient, &recipient_name, error))
        return FALSE;

      if (recipient_name == NULL)
        add_problem (problems, consent, "recipient",
                     _("The agency is no longer in the directory. Choose another one."));
    }
  else if ((recipient_name = dup_stripped (lanka_record_get (consent, "recipient_name"))) == NULL)
    add_problem (problems, consent, "recipient",
                 _("Choose the agency the information may be shared with."));

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_REFERRAL_REASON,
                                  lanka_record_get (consent, "purpose")))
    add_problem (problems, consent, "purpose",
                 _("Choose what the information may be shared for."));

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_CONSENT_GIVEN_BY,
                                  lanka_record_get (consent, "given_by")))
    add_problem (problems, consent, "given_by", _("Choose who gave the consent."));

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_CONSENT_FORM,
                                  lanka_record_get (consent, "form")))
    add_problem (problems, consent, "form",
                 _("Choose whether the consent was given orally or in writing."));

  if (given_on == NULL)
    add_problem (problems, consent, "given_on", _("Write the day the consent was given."));
  else
    {
      g_autoptr(GError) date_error = NULL;

      if (!lanka_date_validate (given_on, &date_error))
        add_problem (problems, consent, "given_on", date_error->message);
      else if (date_after (given_on, &now))
        add_problem (problems, consent, "given_on",
                     _("A consent cannot be given on a day that has not come yet."));
    }

  if (valid_until != NULL)
    {
      g_autoptr(GError) date_error = NULL;
      GDate given;

      if (!lanka_date_validate (valid_until, &date_error))
        add_problem (problems, consent, "valid_until", date_error->message);
      else if (!has_problem (problems, "given_on") && lanka_date_parse (given_on, &given) &&
               date_before (valid_until, &given))
        add_problem (problems, consent, "valid_until",
                     _("A consent cannot end before the day it was given."));
    }

  for (guint i = 0; excluded[i] != NULL; i++)
    {
      if (!lanka_vocabulary_contains (LANKA_VOCABULARY_SHARE_CATEGORY, excluded[i]))
        {
          add_problem (problems, consent, "excluded",
                       _("Choose what must not be shared from the kinds of information listed."));
          break;
        }
    }

  /* Referrals rest on what a consent says: whom it is about, whom it
   * lets the information go to and for what.  Once one does, those stay.
   */
  if (stored != NULL)
    {
      static const char * const fixed[] = { "person", "recipient", "purpose" };
      gboolean in_use;

      if (!consent_in_use (database, lanka_record_get_uuid (consent), &in_use, error))
        return FALSE;

      for (guint i = 0; in_use && i < G_N_ELEMENTS (fixed); i++)
        {
          if (g_strcmp0 (lanka_record_get (consent, fixed[i]),
                         lanka_record_get (stored, fixed[i])) != 0)
            {
              add_problem (problems, consent, fixed[i],
                           _("A referral rests on this consent, so whom it is about, whom it "
                             "covers and what for cannot change. Record a new consent "
                             "instead."));
              break;
            }
        }
    }

  if (row == NULL)
    return TRUE;

  restrictions = dup_stripped (lanka_record_get (consent, "restrictions"));

  for (guint i = 0; consent_fields[i] != NULL; i++)
    _lanka_record_set_quiet (row, consent_fields[i], lanka_record_get (consent, consent_fields[i]));

  lanka_record_set_list (row, "excluded", excluded);
  _lanka_record_set_quiet (row, "recipient_name", recipient_name);
  _lanka_record_set_quiet (row, "restrictions", restrictions);
  /* A withdrawal is recorded by lanka_consents_withdraw() alone. */
  _lanka_record_set_quiet (row, "withdrawn_on",
                           stored != NULL ? lanka_record_get (stored, "withdrawn_on") : NULL);

  return TRUE;
}

/**
 * lanka_consents_validate:
 * @database: an open #LankaDatabase
 * @case_uuid: the case the consent belongs to
 * @consent: a consent to record or save
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Checks: a person of the case; a recipient: an agency in the directory
 * or, for one that is not, its name; a purpose (a referral reason code);
 * who gave it and how; the day it was given, not after today; an end not
 * before that day; and, when a referral rests on the consent already,
 * the same person, recipient and purpose as saved.
 *
 * Returns: (transfer full) (element-type LankaCaseProblem) (nullable): the
 *   problems, empty when there are none; %NULL on error
 */
GPtrArray *
lanka_consents_validate (LankaDatabase  *database,
                         const char     *case_uuid,
                         LankaRecord    *consent,
                         GDate          *today,
                         GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(Stored) stored = { NULL };
  gint64 case_id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (LANKA_IS_RECORD (consent), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !_lanka_cases_find_id (database, case_uuid, &case_id, error) ||
      !read_one (database, CONSENT_SELECT "WHERE co.uuid = ?1 AND co.case_id = ?2",
                 lanka_record_get_uuid (consent), case_id, FALSE, &stored, error))
    return NULL;

  problems = new_problems ();

  if (!check_consent_record (database, case_id, consent, stored.record, today, problems, NULL,
                             error))
    return NULL;

  return g_steal_pointer (&problems);
}

static char *
dup_consent_detail (LankaRecord *consent)
{
  const char *recipient = lanka_record_get (consent, "recipient");
  const char *purpose = lanka_record_get (consent, "purpose");

  if (recipient != NULL)
    return g_strdup_printf ("recipient=%s purpose=%s", recipient, purpose);

  return g_strdup_printf ("purpose=%s", purpose);
}

static gboolean
write_consent (LankaDatabase  *database,
               gint64          case_id,
               gint64          id,
               LankaRecord    *row,
               GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();

  if (id == 0)
    stmt = _lanka_database_prepare (database,
                                    "INSERT INTO consent (uuid, case_id, person, recipient, "
                                    "recipient_name, purpose, given_by, form, given_on, "
                                    "valid_until, withdrawn_on, restrictions, created, modified) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                    "?13, ?13)",
                                    error);
  else
    stmt = _lanka_database_prepare (database,
                                    "UPDATE consent SET person = ?3, recipient = ?4, "
                                    "recipient_name = ?5, purpose = ?6, given_by = ?7, "
                                    "form = ?8, given_on = ?9, valid_until = ?10, "
                                    "withdrawn_on = ?11, restrictions = ?12, modified = ?13 "
                                    "WHERE id = ?14 AND uuid = ?1 AND case_id = ?2",
                                    error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, lanka_record_get_uuid (row), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  for (guint i = 0; consent_fields[i] != NULL; i++)
    bind_text (stmt, 3 + i, lanka_record_get (row, consent_fields[i]));
  sqlite3_bind_int64 (stmt, 13, now);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 14, id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  if (id == 0)
    id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

  return write_codes (database,
                      "DELETE FROM consent_excluded WHERE consent = ?1",
                      "INSERT INTO consent_excluded (consent, category) VALUES (?1, ?2)",
                      id, lanka_record_get_list (row, "excluded"), error);
}

/**
 * lanka_consents_save:
 * @database: an open #LankaDatabase
 * @case_uuid: the case the consent belongs to
 * @consent: a new consent (see lanka_consents_new()) or one read back
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Records a new consent ("consent_recorded" in the journal) or saves a
 * changed one; both leave an audit row.  A withdrawn consent cannot
 * change; withdrawn_on is only ever written by lanka_consents_withdraw().
 * Afterwards @consent holds what was written.
 *
 * Returns: %TRUE on success; %FALSE with %LANKA_STORE_ERROR_INVALID and
 *   the first problem's sentence when it does not validate, having
 *   written nothing
 */
gboolean
lanka_consents_save (LankaDatabase  *database,
                     const char     *case_uuid,
                     LankaRecord    *consent,
                     GDate          *today,
                     GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LankaRecord) row = NULL;
  g_autofree char *detail = NULL;
  g_auto(Stored) stored = { NULL };
  const char *uuid;
  gint64 case_id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (case_uuid != NULL, FALSE);
  g_return_val_if_fail (LANKA_IS_RECORD (consent), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  uuid = lanka_record_get_uuid (consent);
  row = lanka_record_new_with_uuid (CONSENT_KIND, uuid);
  problems = new_problems ();

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!_lanka_cases_find_id (database, case_uuid, &case_id, error) ||
      !read_one (database, CONSENT_SELECT "WHERE co.uuid = ?1", uuid, 0, FALSE, &stored, error))
    goto failed;

  if (stored.record != NULL && stored.case_id != case_id)
    {
      set_invalid (error, _("The consent belongs to another case."));
      goto failed;
    }

  if (stored.record != NULL && lanka_record_get (stored.record, "withdrawn_on") != NULL)
    {
      set_invalid (error, _("A withdrawn consent cannot change. Record a new consent instead."));
      goto failed;
    }

  if (!check_consent_record (database, case_id, consent, stored.record, today, problems, row,
                             error))
    goto failed;

  if (problems->len > 0)
    {
      set_invalid (error, ((LankaCaseProblem *)g_ptr_array_index (problems, 0))->message);
      goto failed;
    }

  detail = dup_consent_detail (row);

  if (!write_consent (database, case_id, stored.id, row, error) ||
      (stored.record == NULL &&
       !_lanka_journal_add_event (database, case_id, "consent_recorded",
                                  lanka_record_get (row, "purpose"),
                                  lanka_record_get (row, "recipient_name"), error)) ||
      !_lanka_cases_touch (database, case_id, FALSE, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_CONSENT_RECORD, uuid, detail, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  copy_fields (consent, row, consent_fields);
  lanka_record_set_list (consent, "excluded", lanka_record_get_list (row, "excluded"));
  _lanka_record_set_quiet (consent, "case_uuid", case_uuid);

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_consents_withdraw:
 * @database: an open #LankaDatabase
 * @uuid: the consent's uuid
 * @withdrawn_on: (nullable): the day it was withdrawn, today when %NULL;
 *   not after today and not before it was given
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Writes the withdrawal, a "consent_withdrawn" journal event and an audit
 * row.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_consents_withdraw (LankaDatabase  *database,
                         const char     *uuid,
                         const char     *withdrawn_on,
                         GDate          *today,
                         GError        **error)
{
  g_auto(Stored) stored = { NULL };
  g_autoptr(GError) date_error = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *detail = NULL;
  const char *already;
  sqlite3_stmt *stmt;
  GDate now;
  GDate given;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  lanka_date_get_today (today, &now);
  today_text = lanka_date_format (&now);

  if (withdrawn_on == NULL || withdrawn_on[0] == '\0')
    withdrawn_on = today_text;

  if (!lanka_date_validate (withdrawn_on, &date_error))
    {
      g_propagate_error (error, g_steal_pointer (&date_error));
      return FALSE;
    }

  if (date_after (withdrawn_on, &now))
    {
      set_invalid (error, _("A consent cannot be withdrawn on a day that has not come yet."));
      return FALSE;
    }

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!read_consent (database, uuid, &stored, error))
    goto failed;

  if ((already = lanka_record_get (stored.record, "withdrawn_on")) != NULL)
    {
      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                   _("This consent was already withdrawn on %s."), already);
      goto failed;
    }

  if (lanka_date_parse (lanka_record_get (stored.record, "given_on"), &given) &&
      date_before (withdrawn_on, &given))
    {
      set_invalid (error, _("A consent cannot be withdrawn before the day it was given."));
      goto failed;
    }

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE consent SET withdrawn_on = ?2, modified = ?3 "
                                        "WHERE id = ?1",
                                        error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, stored.id);
  sqlite3_bind_text (stmt, 2, withdrawn_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  detail = dup_consent_detail (stored.record);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !_lanka_journal_add_event (database, stored.case_id, "consent_withdrawn",
                                 lanka_record_get (stored.record, "purpose"),
                                 lanka_record_get (stored.record, "recipient_name"), error) ||
      !_lanka_cases_touch (database, stored.case_id, FALSE, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_CONSENT_WITHDRAW, uuid, detail, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_consent_is_valid:
 * @consent: a consent record
 * @today: (nullable): the day, %NULL for the clock's today
 *
 * Returns: whether @consent covers the day
 */
gboolean
lanka_consent_is_valid (LankaRecord *consent,
                        GDate       *today)
{
  const char *given_on;
  const char *valid_until;
  const char *withdrawn_on;
  GDate day;

  g_return_val_if_fail (LANKA_IS_RECORD (consent), FALSE);

  lanka_date_get_today (today, &day);
  given_on = lanka_record_get (consent, "given_on");
  valid_until = lanka_record_get (consent, "valid_until");
  withdrawn_on = lanka_record_get (consent, "withdrawn_on");

  if (given_on == NULL || date_after (given_on, &day) || !lanka_date_validate (given_on, NULL))
    return FALSE;

  if (valid_until != NULL && date_before (valid_until, &day))
    return FALSE;

  if (withdrawn_on != NULL && !date_after (withdrawn_on, &day))
    return FALSE;

  return TRUE;
}

/**
 * lanka_consents_find_valid:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @person_uuid: (nullable): the person referred; %NULL for anyone
 * @agency_uuid: the agency referred to
 * @purpose: (nullable): the referral reason code; %NULL for any
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * A consent names its recipient by the agency's uuid; one recorded for a
 * recipient outside the directory cannot carry a referral, since a
 * referral only goes to an agency in the directory.
 *
 * Returns: (transfer full) (element-type LankaRecord) (nullable): the
 *   consents, the latest given first; %NULL on error
 */
GPtrArray *
lanka_consents_find_valid (LankaDatabase  *database,
                           const char     *case_uuid,
                           const char     *person_uuid,
                           const char     *agency_uuid,
                           const char     *purpose,
                           GDate          *today,
                           GError        **error)
{
  g_autoptr(GPtrArray) consents = NULL;
  sqlite3_stmt *stmt;
  gint64 case_id;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (agency_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !_lanka_cases_find_id (database, case_uuid, &case_id, error))
    return NULL;

  if (!(stmt = _lanka_database_prepare (database,
                                        CONSENT_SELECT "WHERE co.case_id = ?1 "
                                        "AND co.recipient = ?2 "
                                        "AND (?3 IS NULL OR co.person = ?3) "
                                        "AND (?4 IS NULL OR co.purpose = ?4) "
                                        "AND co.withdrawn_on IS NULL "
                                        "ORDER BY co.given_on DESC, co.id DESC",
                                        error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, agency_uuid, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 3, person_uuid);
  bind_text (stmt, 4, purpose);

  consents = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LankaRecord) consent = consent_from_row (stmt);

      if (lanka_consent_is_valid (consent, today))
        g_ptr_array_add (consents, g_steal_pointer (&consent));
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&consents);
}
