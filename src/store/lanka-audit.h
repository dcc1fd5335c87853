/* lanka-audit.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-database.h"

G_BEGIN_DECLS

/* Actions written to the append-only audit log.  A row holds the time, the
 * OS user, the action and an object id: never personal content.
 */
#define LANKA_AUDIT_UNLOCK            "unlock"
#define LANKA_AUDIT_UNLOCK_FAILED     "unlock-failed"
#define LANKA_AUDIT_LOCK              "lock"
#define LANKA_AUDIT_REKEY             "rekey"
#define LANKA_AUDIT_BACKUP            "backup"
#define LANKA_AUDIT_RESTORE           "restore"
#define LANKA_AUDIT_PASSPHRASE        "passphrase-changed"
#define LANKA_AUDIT_RECOVERY_CODE     "recovery-code-renewed"
#define LANKA_AUDIT_AGENCY_DELETE     "agency-deleted"
#define LANKA_AUDIT_AGENCY_RESTORE    "agency-restored"
#define LANKA_AUDIT_AGENCY_MERGE      "agency-merged"
#define LANKA_AUDIT_AGENCY_PURGE      "agency-purged"
#define LANKA_AUDIT_CONTACT_DELETE    "agency-contact-deleted"
#define LANKA_AUDIT_DIRECTORY_IMPORT  "directory-imported"
#define LANKA_AUDIT_DIRECTORY_EXPORT  "directory-exported"
#define LANKA_AUDIT_CASE_CREATE       "case-created"
#define LANKA_AUDIT_CASE_OPEN         "case-opened"
#define LANKA_AUDIT_CASE_SAVE         "case-saved"
#define LANKA_AUDIT_CASE_DELETE       "case-deleted"
#define LANKA_AUDIT_CASE_PRINT        "case-printed"
#define LANKA_AUDIT_NAMES_REVEAL      "names-revealed"
#define LANKA_AUDIT_JOURNAL_SIGN      "journal-signed"
#define LANKA_AUDIT_REFERRAL_SEND     "referral-sent"
#define LANKA_AUDIT_REFERRAL_RECEIVE  "referral-received"
#define LANKA_AUDIT_REFERRAL_STATUS   "referral-status-changed"
#define LANKA_AUDIT_REFERRAL_PRINT    "referral-printed"
#define LANKA_AUDIT_CONSENT_RECORD    "consent-recorded"
#define LANKA_AUDIT_CONSENT_WITHDRAW  "consent-withdrawn"
#define LANKA_AUDIT_TASK_COMPLETE     "task-completed"
#define LANKA_AUDIT_RETENTION_HOLD    "retention-held"
#define LANKA_AUDIT_RETENTION_RELEASE "retention-released"
#define LANKA_AUDIT_RETENTION_DELETE  "retention-deleted"

typedef struct
{
  gint64  id;
  gint64  time;      /* microseconds since the epoch, UTC */
  char   *user;
  char   *action;
  char   *object;    /* nullable */
  char   *detail;    /* nullable, never personal content */
} LankaAuditEntry;

gboolean   lanka_audit_log         (LankaDatabase  *database,
                                    const char     *action,
                                    const char     *object,
                                    const char     *detail,
                                    GError        **error);
GPtrArray *lanka_audit_list        (LankaDatabase  *database,
                                    const char     *action,
                                    guint           limit,
                                    GError        **error);
void       lanka_audit_entry_free  (LankaAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaAuditEntry, lanka_audit_entry_free)

G_END_DECLS
