/* lanka-referrals.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-case.h"
#include "lanka-database.h"
#include "lanka-record.h"

G_BEGIN_DECLS

/* Referrals ("länkning") and consents.  Like the journal they are written
 * when they are made, each in its own transaction, not with the case
 * document.  Both are LankaRecords:
 *
 * A "referral" record has the columns of the referral table (direction
 * "outgoing" or "incoming", person (a person uuid of the case), agency,
 * agency_name, contact, contact_name, reason, note, basis, consent,
 * justification, status, status_reason, outcome, sent_on, answered_on,
 * done_on, revoked_on, follow_up_on) and the list "shared" (information
 * category codes, LANKA_VOCABULARY_SHARE_CATEGORY).  Read back, it also
 * has "case_uuid", and "consent_withdrawn_on" when its consent has been
 * withdrawn (whatever the referral's status: the UI warns on open ones).
 * The agency's and contact person's names are taken from the directory
 * when they are in it; an incoming referral may come from an agency that
 * is not, by agency_name alone.  status_reason is why it was rejected or,
 * later, revoked.
 *
 * A "consent" record has the columns of the consent table (person,
 * recipient, recipient_name, purpose (a referral reason code), given_by,
 * form, given_on, valid_until, withdrawn_on, restrictions) and the list
 * "excluded" (categories that must not be shared with the recipient).
 * Read back, it also has "case_uuid".  The recipient is an agency uuid of
 * the directory, or %NULL with recipient_name alone for one outside it;
 * only a consent with the agency's uuid can carry a referral to it.
 *
 * Dates are YYYY-MM-DD.  @today is the day it is, %NULL for the clock's:
 * tests pass their own.
 *
 * Each change writes a journal event on the case and an audit row whose
 * object is the referral's or consent's uuid and whose detail names the
 * recipient and the basis by uuid and code, never content:
 *
 * - sent or received: event "referral_sent" or "referral_received"
 *   (event_old the reason code, event_new the agency's name); audit
 *   REFERRAL_SEND or REFERRAL_RECEIVE, "agency=<uuid> basis=<code>"
 * - a new status: event "referral_status" (the old and the new status
 *   code); audit REFERRAL_STATUS, "status=<old>-><new>"
 * - a follow-up date moved: no event; audit REFERRAL_STATUS,
 *   "follow_up=<date>" or "follow_up=none"
 * - a summary printed or saved: audit REFERRAL_PRINT, as when sent
 * - a consent recorded: event "consent_recorded" (event_old the purpose,
 *   event_new the recipient's name); audit CONSENT_RECORD,
 *   "recipient=<uuid> purpose=<code>"
 * - a consent changed: no event; audit CONSENT_RECORD, the same
 * - a consent withdrawn: event "consent_withdrawn" (as when recorded);
 *   audit CONSENT_WITHDRAW, the same
 *
 * (An incoming referral without a directory agency, or a consent for a
 * recipient outside it, leaves "agency=" / "recipient=" out; a referral
 * without a basis leaves "basis=" out.)
 *
 * Refusals are %LANKA_STORE_ERROR_INVALID with a translated sentence that
 * says what to do, and write nothing; a case, referral or consent that is
 * gone is %LANKA_STORE_ERROR_NOT_FOUND.
 */

/* Referrals of a case, the latest sent first (of one day, the latest
 * recorded first).
 */
GListModel   *lanka_referrals_list              (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 GError        **error);
LankaRecord  *lanka_referrals_load              (LankaDatabase  *database,
                                                 const char     *uuid,
                                                 GError        **error);
/* A new outgoing or incoming referral to fill in. */
LankaRecord  *lanka_referrals_new               (const char     *direction);

/* What stops @referral from being sent or recorded, as LankaCaseProblems
 * (record = the referral's uuid, field, sentence), in the order of the
 * form.  Checks: an agency that is in the directory and not deleted or in
 * the trash (outgoing; incoming: that, or an agency_name); a contact
 * person, if any, of that agency; a person of the case; a reason; at least
 * one shared category (outgoing); sent_on, if set, not after today; a
 * basis (outgoing): "consent" with a consent of the same case, person,
 * recipient and purpose that is given on the day it is sent, not expired
 * then and not withdrawn (on or before today), and that does not exclude
 * a shared category; any other basis with a written justification; a
 * follow-up date not before the day it is sent.  An incoming referral was
 * shared on the sender's ground: its basis is recorded if known, not
 * checked, and it rests on no consent of ours.
 *
 * Returns: (transfer full) (element-type LankaCaseProblem): the problems,
 *   empty when there are none
 */
GPtrArray    *lanka_referrals_validate          (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 LankaRecord    *referral,
                                                 GDate          *today,
                                                 GError        **error);
/* Sends (outgoing) or records (incoming) a referral: status "pending",
 * sent_on today unless set.  Fails with LANKA_STORE_ERROR_INVALID and the
 * first problem's sentence when it does not validate, and writes nothing.
 * A follow-up date makes a "referral_follow_up" task.  Afterwards
 * @referral holds what was written (names from the directory, status,
 * sent_on).
 */
gboolean      lanka_referrals_send              (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 LankaRecord    *referral,
                                                 GDate          *today,
                                                 GError        **error);
/* Moves a referral on: pending → in_progress, accepted, rejected (a
 * reason is needed); accepted/in_progress → done (an outcome code is
 * needed: implemented, not_implemented, declined_by_person); any but done
 * and revoked → revoked (a reason is needed).  Sets answered_on, done_on
 * or revoked_on to today.  Done and revoked complete the follow-up task;
 * a rejected referral keeps it (what now?).  Any other step is refused
 * with a sentence ("A referral that is done cannot be revoked.").
 */
gboolean      lanka_referrals_set_status        (LankaDatabase  *database,
                                                 const char     *uuid,
                                                 const char     *status,
                                                 const char     *reason,
                                                 const char     *outcome,
                                                 GDate          *today,
                                                 GError        **error);
/* Moves, sets or (with %NULL) takes away the follow-up date of a
 * referral that is not done or revoked, and its task with it.  A date
 * before today is refused.
 */
gboolean      lanka_referrals_set_follow_up     (LankaDatabase  *database,
                                                 const char     *uuid,
                                                 const char     *follow_up_on,
                                                 GDate          *today,
                                                 GError        **error);
/* Whether a referral with this status is still open (pending,
 * in_progress, accepted).
 */
gboolean      lanka_referrals_status_is_open    (const char     *status);
/* The number of open referrals of a case (0 and an error when the case
 * is gone).
 */
guint         lanka_referrals_count_open        (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 GError        **error);
/* Writes the audit row of a printed or saved referral summary. */
gboolean      lanka_referrals_audit_print       (LankaDatabase  *database,
                                                 const char     *uuid,
                                                 GError        **error);

/* Consents of a case, the latest given first. */
GListModel   *lanka_consents_list               (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 GError        **error);
LankaRecord  *lanka_consents_new                (void);
/* Checks: a person of the case; a recipient (an agency in the directory,
 * or the name of one outside it); a purpose; who gave it and how; the day
 * it was given, not after today; valid_until not before that day; and,
 * once a referral rests on it, the same person, recipient and purpose.
 */
GPtrArray    *lanka_consents_validate           (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 LankaRecord    *consent,
                                                 GDate          *today,
                                                 GError        **error);
/* Records a new consent, or saves a changed one that is not withdrawn
 * (withdrawn_on is written by lanka_consents_withdraw() only).  Refuses
 * like lanka_referrals_send().
 */
gboolean      lanka_consents_save               (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 LankaRecord    *consent,
                                                 GDate          *today,
                                                 GError        **error);
/* Withdraws a consent from @withdrawn_on (today when %NULL; not after
 * today, not before it was given; once only): new referrals can no longer
 * use it at once, and referrals that did read "consent_withdrawn_on".
 */
gboolean      lanka_consents_withdraw           (LankaDatabase  *database,
                                                 const char     *uuid,
                                                 const char     *withdrawn_on,
                                                 GDate          *today,
                                                 GError        **error);
/* Whether @consent covers a day: given on or before it, not past
 * valid_until, not withdrawn on or before it.
 */
gboolean      lanka_consent_is_valid            (LankaRecord    *consent,
                                                 GDate          *today);
/* The consents of a case that a new referral to @agency_uuid for
 * @purpose about @person_uuid may rest on today, the latest given first
 * (element-type LankaRecord).  %NULL @person_uuid or @purpose: any.
 */
GPtrArray    *lanka_consents_find_valid         (LankaDatabase  *database,
                                                 const char     *case_uuid,
                                                 const char     *person_uuid,
                                                 const char     *agency_uuid,
                                                 const char     *purpose,
                                                 GDate          *today,
                                                 GError        **error);

G_END_DECLS
