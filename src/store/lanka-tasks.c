/* lanka-tasks.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deadlines of the cases as rows of their own, so that the Due view
 * across every case is one look at an index rather than a reading of
 * every case.  The rules live in lanka_case_list_deadlines(); this file
 * keeps the task table in step with them and with what people do.
 */

#define G_LOG_DOMAIN "lanka-tasks"

#include "config.h"

#include "lanka-tasks.h"

#include "lanka-audit.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-journal.h"
#include "lanka-store-error.h"
#include "lanka-validate.h"

#include <glib/gi18n.h>
#include <string.h>

#define MANUAL_KIND "manual"
#define DAYS_AHEAD  7

/* The kinds the case's rules make, each with the field of the case that
 * says it was done (for the social services' own deadlines).
 */
static const struct
{
  const char *kind;
  const char *done_field;
} rule_kinds[] = {
  { "protection_assessment", "protection_assessed_on" },
  { "initial_assessment", "initial_assessment_on" },
  { "investigation_due", "investigation_done_on" },
  { "reflection_period_ends", NULL },
  { "permit_ends", NULL },
  { "assessment_review", NULL },
  { "hearing", NULL },
  { "plan_follow_up", NULL },
};

/* The statuses of a closed case, as lanka-case.c counts them. */
#define CLOSED_STATUSES "'closed', 'closed_referred', 'duplicate'"

/* Every statement that reads tasks reads these columns, so that one
 * function turns a row into a record.
 */
#define TASK_COLUMNS \
  "t.uuid, t.kind, t.source, t.title, t.due_on, t.completed, t.completed_by, " \
  "c.uuid, c.number, c.status"

static void
set_task_not_found (GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                       _("The task no longer exists."));
}

static void
set_text (LankaRecord  *record,
          const char   *field,
          sqlite3_stmt *stmt,
          int           column)
{
  _lanka_record_set_quiet (record, field, (const char *)sqlite3_column_text (stmt, column));
}

static LankaRecord *
task_from_row (sqlite3_stmt *stmt)
{
  LankaRecord *task;

  task = lanka_record_new_with_uuid ("task", (const char *)sqlite3_column_text (stmt, 0));
  set_text (task, "kind", stmt, 1);
  set_text (task, "source", stmt, 2);
  set_text (task, "title", stmt, 3);
  set_text (task, "due_on", stmt, 4);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    {
      char completed[32];

      g_snprintf (completed, sizeof completed, "%" G_GINT64_FORMAT,
                  (gint64)sqlite3_column_int64 (stmt, 5));
      _lanka_record_set_quiet (task, "completed", completed);
    }
  set_text (task, "completed_by", stmt, 6);
  set_text (task, "case_uuid", stmt, 7);
  set_text (task, "case_number", stmt, 8);
  set_text (task, "case_status", stmt, 9);

  return task;
}

/* Runs @stmt, already bound, and collects its tasks. */
static GListModel *
collect_tasks (LankaDatabase  *database,
               sqlite3_stmt   *stmt,
               GError        **error)
{
  g_autoptr(GListStore) tasks = g_list_store_new (LANKA_TYPE_RECORD);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LankaRecord) task = task_from_row (stmt);

      g_list_store_append (tasks, task);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&tasks));
}

/**
 * lanka_tasks_list_due:
 * @database: an open #LankaDatabase
 * @today: (nullable): the day it is, %NULL for the clock's
 * @until: (nullable): the last due date to list, %NULL for a week from
 *   @today
 * @limit: the most tasks to list, 0 for all
 * @error: a location for a #GError
 *
 * The open tasks of every case that is not closed, due on or before
 * @until: what is overdue first, then by date and case number.  The
 * partial index of open tasks answers it without reading the tasks that
 * are done or further off, and in date order, so that a @limit stops it
 * early.
 *
 * Returns: (transfer full) (nullable): a #GListModel of task
 *   #LankaRecords, or %NULL on error
 */
GListModel *
lanka_tasks_list_due (LankaDatabase  *database,
                      GDate          *today,
                      GDate          *until,
                      guint           limit,
                      GError        **error)
{
  g_autofree char *today_text = NULL;
  g_autofree char *until_text = NULL;
  sqlite3_stmt *stmt;
  GDate now, last;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error))
    return NULL;

  lanka_date_get_today (today, &now);
  if (until != NULL && g_date_valid (until))
    last = *until;
  else
    {
      last = now;
      g_date_add_days (&last, DAYS_AHEAD);
    }

  today_text = lanka_date_format (&now);
  until_text = lanka_date_format (&last);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT " TASK_COLUMNS " FROM task t "
                                        "JOIN \"case\" c ON c.id = t.case_id "
                                        "WHERE t.completed IS NULL AND t.due_on <= ?1 "
                                        "AND c.status NOT IN (" CLOSED_STATUSES ") "
                                        "AND (c.closed IS NULL OR c.closed > ?2) "
                                        "ORDER BY t.due_on, c.number, t.kind, t.id "
                                        "LIMIT ?3",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, until_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);

  return collect_tasks (database, stmt, error);
}

/**
 * lanka_tasks_list_case:
 * @database: an open #LankaDatabase
 * @case_uuid: a case's uuid
 * @error: a location for a #GError
 *
 * Every task of the case, the open ones first, each part by date.  A case
 * that is not (yet) in the database has none.
 *
 * Returns: (transfer full) (nullable): a #GListModel of task
 *   #LankaRecords, or %NULL on error
 */
GListModel *
lanka_tasks_list_case (LankaDatabase  *database,
                       const char     *case_uuid,
                       GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error))
    return NULL;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT " TASK_COLUMNS " FROM task t "
                                        "JOIN \"case\" c ON c.id = t.case_id "
                                        "WHERE c.uuid = ?1 "
                                        "ORDER BY t.completed IS NOT NULL, t.due_on, t.id",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, case_uuid, -1, SQLITE_TRANSIENT);

  return collect_tasks (database, stmt, error);
}

/**
 * lanka_tasks_count_due:
 * @database: an open #LankaDatabase
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * The open tasks of cases that are not closed, due today or earlier: the
 * number on the Cases part's badge.
 *
 * Returns: the number, 0 on error
 */
guint
lanka_tasks_count_due (LankaDatabase  *database,
                       GDate          *today,
                       GError        **error)
{
  g_autofree char *today_text = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;
  GDate now;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_lanka_database_check_open (database, error))
    return 0;

  lanka_date_get_today (today, &now);
  today_text = lanka_date_format (&now);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT count(*) FROM task t "
                                        "JOIN \"case\" c ON c.id = t.case_id "
                                        "WHERE t.completed IS NULL AND t.due_on <= ?1 "
                                        "AND c.status NOT IN (" CLOSED_STATUSES ") "
                                        "AND (c.closed IS NULL OR c.closed > ?1)",
                                        error)))
    return 0;

  sqlite3_bind_text (stmt, 1, today_text, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      count = (guint)sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return 0;

  return count;
}

/**
 * lanka_task_get_group:
 * @task: a task #LankaRecord
 * @today: (nullable): the day it is, %NULL for the clock's
 *
 * Where the Due view puts the task: overdue (before today), today, this
 * week (the next seven days) or later.
 *
 * Returns: the group
 */
LankaDueGroup
lanka_task_get_group (LankaRecord *task,
                      GDate       *today)
{
  GDate now, due;
  int days;

  g_return_val_if_fail (LANKA_IS_RECORD (task), LANKA_DUE_LATER);

  lanka_date_get_today (today, &now);

  if (!lanka_date_parse (lanka_record_get (task, "due_on"), &due))
    return LANKA_DUE_LATER;

  days = g_date_days_between (&now, &due);

  if (days < 0)
    return LANKA_DUE_OVERDUE;
  if (days == 0)
    return LANKA_DUE_TODAY;
  if (days <= DAYS_AHEAD)
    return LANKA_DUE_THIS_WEEK;

  return LANKA_DUE_LATER;
}

/* What adding a task needs to know of its case. */
typedef struct
{
  gint64  id;
  char   *status;
  char   *intake_date;
  char   *closed;
} CaseState;

static void
case_state_clear (CaseState *state)
{
  g_clear_pointer (&state->status, g_free);
  g_clear_pointer (&state->intake_date, g_free);
  g_clear_pointer (&state->closed, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseState, case_state_clear)

static gboolean
read_case_state (LankaDatabase  *database,
                 const char     *case_uuid,
                 CaseState      *state,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id, status, intake_date, closed FROM \"case\" "
                                        "WHERE uuid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, case_uuid, -1, SQLITE_TRANSIENT);

  state->id = 0;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      state->id = sqlite3_column_int64 (stmt, 0);
      state->status = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      state->intake_date = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      state->closed = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (state->id == 0)
    {
      _lanka_cases_set_not_found (error);
      return FALSE;
    }

  return TRUE;
}

/* Closed as lanka-case.c counts it: a closing status, or a closing date
 * that has come.
 */
static gboolean
is_closed (const char *status,
           const char *closed,
           GDate      *today)
{
  GDate date;

  if (g_strcmp0 (status, "closed") == 0 ||
      g_strcmp0 (status, "closed_referred") == 0 ||
      g_strcmp0 (status, "duplicate") == 0)
    return TRUE;

  return lanka_date_parse (closed, &date) && g_date_compare (&date, today) <= 0;
}

static LankaRecord *
read_task (LankaDatabase  *database,
           const char     *uuid,
           GError        **error)
{
  LankaRecord *task = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT " TASK_COLUMNS " FROM task t "
                                        "JOIN \"case\" c ON c.id = t.case_id WHERE t.uuid = ?1",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      task = task_from_row (stmt);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    {
      g_clear_object (&task);
      return NULL;
    }

  if (task == NULL)
    set_task_not_found (error);

  return task;
}

static gboolean
insert_task (LankaDatabase  *database,
             gint64          case_id,
             const char     *uuid,
             const char     *kind,
             const char     *source,
             const char     *title,
             const char     *due_on,
             GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO task (uuid, case_id, kind, source, title, "
                                        "due_on, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  if (source != NULL)
    sqlite3_bind_text (stmt, 4, source, -1, SQLITE_TRANSIENT);
  if (title != NULL)
    sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, due_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time ());

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_tasks_add:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @due_on: the date it is due, YYYY-MM-DD
 * @title: what is to be done
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Adds a task someone wrote (kind "manual").  Refused, with a sentence: an
 * empty title, a date that is not one, a date before the case's intake,
 * and a closed case, whose tasks the Due view no longer shows.
 *
 * Returns: (transfer full) (nullable): the task, or %NULL on error
 */
LankaRecord *
lanka_tasks_add (LankaDatabase  *database,
                 const char     *case_uuid,
                 const char     *due_on,
                 const char     *title,
                 GDate          *today,
                 GError        **error)
{
  g_auto(CaseState) state = { 0, };
  g_autofree char *uuid = NULL;
  g_autofree char *stripped = NULL;
  GDate now, due, intake;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error))
    return NULL;

  lanka_date_get_today (today, &now);
  stripped = g_strstrip (g_strdup (title != NULL ? title : ""));

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("Write what is to be done."));
      return NULL;
    }

  if (!g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The text contains characters that cannot be read."));
      return NULL;
    }

  if (due_on == NULL || due_on[0] == '\0')
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("Choose the date the task is due."));
      return NULL;
    }

  if (!lanka_date_validate (due_on, error))
    return NULL;

  lanka_date_parse (due_on, &due);

  if (!lanka_database_begin (database, error))
    return NULL;

  if (!read_case_state (database, case_uuid, &state, error))
    goto failed;

  if (is_closed (state.status, state.closed, &now))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The case is closed and has no deadlines any more. Reopen it to "
                             "add a task."));
      goto failed;
    }

  if (lanka_date_parse (state.intake_date, &intake) && g_date_compare (&due, &intake) < 0)
    {
      g_autofree char *when = lanka_date_format_for_people (&intake);

      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                   _("The date is before the case's intake on %s."), when);
      goto failed;
    }

  uuid = g_uuid_string_random ();

  if (!insert_task (database, state.id, uuid, MANUAL_KIND, NULL, stripped, due_on, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return read_task (database, uuid, error);

failed:
  lanka_database_rollback (database);
  return NULL;
}

/* The task's row id and whether it is open, inside a transaction. */
static gboolean
find_task (LankaDatabase  *database,
           const char     *uuid,
           gint64         *id,
           gboolean       *completed,
           char          **kind,
           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id, completed IS NOT NULL, kind FROM task "
                                        "WHERE uuid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  *id = 0;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *completed = sqlite3_column_int (stmt, 1);
      if (kind != NULL)
        *kind = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (*id == 0)
    {
      set_task_not_found (error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_completed (LankaDatabase  *database,
               gint64          id,
               gboolean        completed,
               GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE task SET completed = ?2, completed_by = ?3 "
                                        "WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (completed)
    {
      sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      sqlite3_bind_text (stmt, 3, lanka_journal_get_author (), -1, SQLITE_TRANSIENT);
    }

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_tasks_complete:
 * @database: an open #LankaDatabase
 * @uuid: a task's uuid
 * @error: a location for a #GError
 *
 * Marks the task done, now, by the person using Länka
 * (lanka_journal_get_author()), with an audit row.  A task done already
 * stays as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_tasks_complete (LankaDatabase  *database,
                      const char     *uuid,
                      GError        **error)
{
  gboolean completed = FALSE;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !lanka_database_begin (database, error))
    return FALSE;

  if (!find_task (database, uuid, &id, &completed, NULL, error))
    goto failed;

  if (!completed &&
      (!set_completed (database, id, TRUE, error) ||
       !lanka_audit_log (database, LANKA_AUDIT_TASK_COMPLETE, uuid, NULL, error)))
    goto failed;

  if (!lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_tasks_reopen:
 * @database: an open #LankaDatabase
 * @uuid: a task's uuid
 * @error: a location for a #GError
 *
 * Makes a completed task open again, as if it had never been done.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_tasks_reopen (LankaDatabase  *database,
                    const char     *uuid,
                    GError        **error)
{
  gboolean completed = FALSE;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !lanka_database_begin (database, error))
    return FALSE;

  if (!find_task (database, uuid, &id, &completed, NULL, error) ||
      (completed && !set_completed (database, id, FALSE, error)) ||
      !lanka_database_commit (database, error))
    {
      lanka_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * lanka_tasks_remove:
 * @database: an open #LankaDatabase
 * @uuid: a task's uuid
 * @error: a location for a #GError
 *
 * Removes a task someone added.  A deadline the case's records set goes
 * when its date goes, so removing one is refused with a sentence.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_tasks_remove (LankaDatabase  *database,
                    const char     *uuid,
                    GError        **error)
{
  g_autofree char *kind = NULL;
  gboolean completed = FALSE;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !lanka_database_begin (database, error))
    return FALSE;

  if (!find_task (database, uuid, &id, &completed, &kind, error))
    goto failed;

  if (g_strcmp0 (kind, MANUAL_KIND) != 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("Only tasks that someone added can be removed. This deadline "
                             "comes from the case: change or remove its date there."));
      goto failed;
    }

  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM task WHERE id = ?1", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/* A rule task as the table holds it. */
typedef struct
{
  gint64    id;
  char     *kind;
  char     *source;
  char     *due_on;
  gboolean  completed;
  gboolean  seen;
} StoredTask;

static void
stored_task_free (StoredTask *task)
{
  g_free (task->kind);
  g_free (task->source);
  g_free (task->due_on);
  g_free (task);
}

static const char *
done_field_of (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_kinds); i++)
    if (g_str_equal (rule_kinds[i].kind, kind))
      return rule_kinds[i].done_field;

  return NULL;
}

static gboolean
is_rule_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_kinds); i++)
    if (g_str_equal (rule_kinds[i].kind, kind))
      return TRUE;

  return FALSE;
}

static GPtrArray *
read_rule_tasks (LankaDatabase  *database,
                 gint64          case_id,
                 GError        **error)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)stored_task_free);
  sqlite3_stmt *stmt;
  int rc;

  /* The case's tasks are few; the kinds are sorted out here. */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id, kind, source, due_on, completed IS NOT NULL "
                                        "FROM task WHERE case_id = ?1",
                                        error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *)sqlite3_column_text (stmt, 1);
      StoredTask *task;

      if (kind == NULL || !is_rule_kind (kind) || sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        continue;

      task = g_new0 (StoredTask, 1);
      task->id = sqlite3_column_int64 (stmt, 0);
      task->kind = g_strdup (kind);
      task->source = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      task->due_on = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      task->completed = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (tasks, task);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&tasks);
}

static gboolean
move_task (LankaDatabase  *database,
           gint64          id,
           const char     *due_on,
           gboolean        reopen,
           GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        reopen
                                        ? "UPDATE task SET due_on = ?2, completed = NULL, "
                                          "completed_by = NULL WHERE id = ?1"
                                        : "UPDATE task SET due_on = ?2 WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, due_on, -1, SQLITE_TRANSIENT);

  return _lanka_database_step_done (database, stmt, error);
}

static gboolean
delete_task (LankaDatabase  *database,
             gint64          id,
             GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM task WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * _lanka_tasks_sync_case:
 * @database: an open #LankaDatabase, inside a transaction
 * @case_id: the case's row
 * @kase: the case as it is being saved
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Brings the case's rule tasks in step with lanka_case_list_deadlines():
 * a new deadline gets a task; an open task whose date moved gets the new
 * date; an open task whose rule no longer gives it is completed (now, by
 * the person saving) when it was done — the case's own field for it was
 * filled in, or the case was closed — and removed otherwise (its record
 * or its date went, or the case is no longer a child case).  A completed
 * task stays as it was.  Manual and referral tasks are not touched.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_tasks_sync_case (LankaDatabase  *database,
                        gint64          case_id,
                        LankaCase      *kase,
                        GDate          *today,
                        GError        **error)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  LankaRecord *record;
  gboolean closed;
  GDate now;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lanka_date_get_today (today, &now);
  record = lanka_case_get_record (kase);
  closed = is_closed (lanka_record_get (record, "status"), lanka_record_get (record, "closed"),
                      &now);
  deadlines = lanka_case_list_deadlines (kase, &now);

  if (!(stored = read_rule_tasks (database, case_id, error)))
    return FALSE;

  for (guint i = 0; i < deadlines->len; i++)
    {
      LankaDeadline *deadline = g_ptr_array_index (deadlines, i);
      StoredTask *task = NULL;

      for (guint j = 0; j < stored->len && task == NULL; j++)
        {
          StoredTask *candidate = g_ptr_array_index (stored, j);

          if (g_str_equal (candidate->kind, deadline->kind) &&
              g_str_equal (candidate->source, deadline->source))
            task = candidate;
        }

      if (task == NULL)
        {
          g_autofree char *uuid = g_uuid_string_random ();

          if (!insert_task (database, case_id, uuid, deadline->kind, deadline->source, NULL,
                            deadline->due_on, error))
            return FALSE;
          continue;
        }

      task->seen = TRUE;

      if (!task->completed && g_strcmp0 (task->due_on, deadline->due_on) != 0 &&
          !move_task (database, task->id, deadline->due_on, FALSE, error))
        return FALSE;
    }

  for (guint i = 0; i < stored->len; i++)
    {
      StoredTask *task = g_ptr_array_index (stored, i);
      const char *done_field;

      if (task->seen || task->completed)
        continue;

      done_field = done_field_of (task->kind);

      if (closed || (done_field != NULL && lanka_record_get (record, done_field) != NULL))
        {
          if (!set_completed (database, task->id, TRUE, error))
            return FALSE;
        }
      else if (!delete_task (database, task->id, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _lanka_tasks_sync_referral:
 * @database: an open #LankaDatabase, inside a transaction
 * @case_id: the case's row
 * @referral_uuid: the referral's uuid: the task's source
 * @due_on: (nullable): the follow-up date, YYYY-MM-DD
 * @open: whether the referral is still open
 * @error: a location for a #GError
 *
 * The referral's "referral_follow_up" task: made when an open referral
 * has a follow-up date, moved when the date moves, completed when the
 * referral is done or revoked or its follow-up date is taken away.  A
 * completed follow-up given a new, different date is a new follow-up:
 * the task opens again with that date.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_tasks_sync_referral (LankaDatabase  *database,
                            gint64          case_id,
                            const char     *referral_uuid,
                            const char     *due_on,
                            gboolean        open,
                            GError        **error)
{
  g_autofree char *stored_due = NULL;
  gboolean completed = FALSE;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (referral_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (due_on != NULL && !lanka_date_validate (due_on, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id, due_on, completed IS NOT NULL FROM task "
                                        "WHERE case_id = ?1 AND kind = 'referral_follow_up' "
                                        "AND source = ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, referral_uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      stored_due = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      completed = sqlite3_column_int (stmt, 2);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (!open || due_on == NULL)
    return id == 0 || completed || set_completed (database, id, TRUE, error);

  if (id == 0)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      return insert_task (database, case_id, uuid, "referral_follow_up", referral_uuid, NULL,
                          due_on, error);
    }

  if (g_strcmp0 (stored_due, due_on) != 0)
    return move_task (database, id, due_on, completed, error);

  return TRUE;
}
