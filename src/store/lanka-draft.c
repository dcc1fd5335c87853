/* lanka-draft.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-draft"

#include "config.h"

#include "lanka-draft.h"
#include "lanka-database-private.h"

/**
 * lanka_draft_save:
 * @database: an open #LankaDatabase
 * @kind: the kind of editor, such as "case"
 * @object: the id of the edited object, "" for a new one
 * @content: the editor's serialisation of the unsaved edits
 * @error: a location for a #GError
 *
 * Stores a draft, replacing an earlier one for the same @kind and @object.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_draft_save (LankaDatabase  *database,
                  const char     *kind,
                  const char     *object,
                  GBytes         *content,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT OR REPLACE INTO draft (kind, object, content, saved_at) "
                                        "VALUES (?1, ?2, ?3, ?4)",
                                        error)))
    return FALSE;

  data = g_bytes_get_data (content, &size);

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, object, -1, SQLITE_TRANSIENT);
  /* zeroblob for empty content: a NULL pointer would bind SQL NULL, which
   * the NOT NULL column refuses.
   */
  if (size == 0)
    sqlite3_bind_zeroblob (stmt, 3, 0);
  else
    sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_draft_load:
 * @database: an open #LankaDatabase
 * @kind: the kind of editor
 * @object: the id of the edited object
 * @saved_at: (out) (optional): when the draft was saved, in microseconds
 *   since the epoch, UTC
 * @error: a location for a #GError
 *
 * Finds the draft for @kind and @object.  Having no draft is the usual case,
 * not an error: it returns %NULL without setting @error, so callers tell the
 * two apart by @error.
 *
 * Returns: (transfer full) (nullable): the draft's content, or %NULL
 */
GBytes *
lanka_draft_load (LankaDatabase  *database,
                  const char     *kind,
                  const char     *object,
                  gint64         *saved_at,
                  GError        **error)
{
  g_autoptr(GBytes) content = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (saved_at != NULL)
    *saved_at = 0;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT content, saved_at FROM draft "
                                        "WHERE kind = ?1 AND object = ?2",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, object, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      /* column_blob() before column_bytes(), as SQLite asks. */
      const void *data = sqlite3_column_blob (stmt, 0);
      gsize size = sqlite3_column_bytes (stmt, 0);

      content = g_bytes_new (data, size);

      if (saved_at != NULL)
        *saved_at = sqlite3_column_int64 (stmt, 1);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return NULL;
    }

  return g_steal_pointer (&content);
}

/**
 * lanka_draft_discard:
 * @database: an open #LankaDatabase
 * @kind: the kind of editor
 * @object: the id of the edited object
 * @error: a location for a #GError
 *
 * Removes the draft for @kind and @object, if there is one.  With
 * secure_delete on, its bytes are overwritten in the file.
 *
 * Returns: %TRUE on success, also when there was no draft
 */
gboolean
lanka_draft_discard (LankaDatabase  *database,
                     const char     *kind,
                     const char     *object,
                     GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(stmt = _lanka_database_prepare (database,
                                        "DELETE FROM draft WHERE kind = ?1 AND object = ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, object, -1, SQLITE_TRANSIENT);

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_draft_list:
 * @database: an open #LankaDatabase
 * @kind: the kind of editor
 * @error: a location for a #GError
 *
 * Lists the objects that have a draft of @kind, sorted by id.
 *
 * Returns: (transfer full) (nullable): the object ids (an empty array when
 *   there are none), or %NULL on error
 */
GStrv
lanka_draft_list (LankaDatabase  *database,
                  const char     *kind,
                  GError        **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT object FROM draft WHERE kind = ?1 ORDER BY object",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);

  builder = g_strv_builder_new ();

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}
