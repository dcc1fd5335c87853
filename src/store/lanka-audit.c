/* lanka-audit.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-audit"

#include "config.h"

#include "lanka-audit.h"
#include "lanka-database-private.h"

/**
 * lanka_audit_log:
 * @database: an open #LankaDatabase
 * @action: what happened, one of the `LANKA_AUDIT_*` actions or a similar code
 * @object: (nullable): the id of the object it happened to
 * @detail: (nullable): a short note without personal content
 * @error: a location for a #GError
 *
 * Appends one row to the audit log with the current time and the OS user.
 * The row can never be changed or removed afterwards.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_audit_log (LankaDatabase  *database,
                 const char     *action,
                 const char     *object,
                 const char     *detail,
                 GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ret;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (action != NULL && action[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_lanka_database_get_handle (database) == NULL)
    {
      _lanka_database_set_closed_error (error);
      return FALSE;
    }

  /* A statement of its own rather than a cached one: the lock row is written
   * on the main thread while a worker (a backup, a key rotation) may be
   * using the cached statements of the same connection.
   */
  rc = sqlite3_prepare_v2 (_lanka_database_get_handle (database),
                           "INSERT INTO audit_log (time, user, action, object, detail) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _lanka_database_set_error (database, rc, error);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  if (object != NULL)
    sqlite3_bind_text (stmt, 4, object, -1, SQLITE_TRANSIENT);
  if (detail != NULL)
    sqlite3_bind_text (stmt, 5, detail, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  ret = rc == SQLITE_DONE;
  if (!ret)
    _lanka_database_set_error (database, rc, error);

  sqlite3_finalize (stmt);

  return ret;
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/**
 * lanka_audit_list:
 * @database: an open #LankaDatabase
 * @action: (nullable): only entries with this action, or %NULL for all
 * @limit: the most entries to return, 0 for no limit
 * @error: a location for a #GError
 *
 * Lists audit entries, the most recently written first.
 *
 * Returns: (transfer full) (element-type LankaAuditEntry) (nullable): the
 *   entries, or %NULL on error
 */
GPtrArray *
lanka_audit_list (LankaDatabase  *database,
                  const char     *action,
                  guint           limit,
                  GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Ordered by id rather than time: ids grow with every row written, while
   * the clock can be set back.  A NULL ?1 matches every action.
   */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT id, time, user, action, object, detail "
                                        "FROM audit_log "
                                        "WHERE ?1 IS NULL OR action = ?1 "
                                        "ORDER BY id DESC LIMIT ?2",
                                        error)))
    return NULL;

  if (action != NULL)
    sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_audit_entry_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LankaAuditEntry *entry = g_new0 (LankaAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->time = sqlite3_column_int64 (stmt, 1);
      entry->user = dup_column_text (stmt, 2);
      entry->action = dup_column_text (stmt, 3);
      entry->object = dup_column_text (stmt, 4);
      entry->detail = dup_column_text (stmt, 5);

      g_ptr_array_add (entries, entry);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * lanka_audit_entry_free:
 * @entry: (nullable): an entry from lanka_audit_list()
 */
void
lanka_audit_entry_free (LankaAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->user);
  g_free (entry->action);
  g_free (entry->object);
  g_free (entry->detail);
  g_free (entry);
}
