/* lanka-tasks.h
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

/**
 * LankaDueGroup:
 * @LANKA_DUE_OVERDUE: due before today
 * @LANKA_DUE_TODAY: due today
 * @LANKA_DUE_THIS_WEEK: due in the next seven days
 * @LANKA_DUE_LATER: due later
 */
typedef enum
{
  LANKA_DUE_OVERDUE,
  LANKA_DUE_TODAY,
  LANKA_DUE_THIS_WEEK,
  LANKA_DUE_LATER,
} LankaDueGroup;

/* Tasks: the deadlines that drive the Due view and the reminders.  A task
 * is a LankaRecord of kind "task" with the columns of the task table
 * (kind (a task kind code or "manual"), source, title, due_on, completed
 * (microseconds, decimal), completed_by); read through these functions it
 * also has "case_uuid", "case_number" and "case_status".
 *
 * Rules make tasks from the case (see lanka_case_list_deadlines()): when a
 * case is saved its rule tasks are brought in step: new ones added, open
 * ones moved to their new date, open ones whose rule no longer applies
 * completed (the case's own field for it was filled in, or the case was
 * closed: completed now, by lanka_journal_get_author()) or removed (its
 * record or date went, or the case is no longer a child case).  A
 * completed task stays completed, on its date.  Referrals make
 * "referral_follow_up" tasks themselves.  The tasks of a closed case are
 * never due.  @today is the day it is, %NULL for the clock's.
 */

/* The open tasks of every case due on or before @until (today + 7 days
 * when %NULL), overdue first, then by date and case number; at most
 * @limit of them (0: all).
 */
GListModel   *lanka_tasks_list_due          (LankaDatabase  *database,
                                             GDate          *today,
                                             GDate          *until,
                                             guint           limit,
                                             GError        **error);
/* Every task of a case, open ones first, by date. */
GListModel   *lanka_tasks_list_case         (LankaDatabase  *database,
                                             const char     *case_uuid,
                                             GError        **error);
/* Open tasks due on or before today: the badge's number. */
guint         lanka_tasks_count_due         (LankaDatabase  *database,
                                             GDate          *today,
                                             GError        **error);
LankaDueGroup lanka_task_get_group          (LankaRecord    *task,
                                             GDate          *today);
/* A task someone adds (kind "manual"): a title and a date not before the
 * case's intake; a closed case takes none.  Refusals are
 * %LANKA_STORE_ERROR_INVALID with a sentence.
 */
LankaRecord  *lanka_tasks_add               (LankaDatabase  *database,
                                             const char     *case_uuid,
                                             const char     *due_on,
                                             const char     *title,
                                             GDate          *today,
                                             GError        **error);
/* Completing records who (lanka_journal_get_author()) and when, with an
 * audit row (LANKA_AUDIT_TASK_COMPLETE, the task's uuid).
 */
gboolean      lanka_tasks_complete          (LankaDatabase  *database,
                                             const char     *uuid,
                                             GError        **error);
gboolean      lanka_tasks_reopen            (LankaDatabase  *database,
                                             const char     *uuid,
                                             GError        **error);
/* Only manual tasks can be removed. */
gboolean      lanka_tasks_remove            (LankaDatabase  *database,
                                             const char     *uuid,
                                             GError        **error);

/* For the store, inside the caller's transaction: the rule tasks of a
 * saved case, and one referral's follow-up task (%NULL @due_on or @open
 * %FALSE completes it; a completed one given another date opens again
 * with it).
 */
gboolean      _lanka_tasks_sync_case        (LankaDatabase  *database,
                                             gint64          case_id,
                                             LankaCase      *kase,
                                             GDate          *today,
                                             GError        **error);
gboolean      _lanka_tasks_sync_referral    (LankaDatabase  *database,
                                             gint64          case_id,
                                             const char     *referral_uuid,
                                             const char     *due_on,
                                             gboolean        open,
                                             GError        **error);

G_END_DECLS
