/* lanka-database-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the store's own record code only: the UI never sees SQL.
 */

#pragma once

#include <sqlite3.h>

#include "lanka-database.h"

G_BEGIN_DECLS

/* Prepared statements are cached per SQL text and come back reset, with
 * cleared bindings.  Values are only ever bound, never pasted into SQL.
 */
sqlite3_stmt *_lanka_database_prepare            (LankaDatabase  *self,
                                                  const char     *sql,
                                                  GError        **error);
gboolean      _lanka_database_step_done          (LankaDatabase  *self,
                                                  sqlite3_stmt   *stmt,
                                                  GError        **error);
gboolean      _lanka_database_exec               (LankaDatabase  *self,
                                                  const char     *sql,
                                                  GError        **error);
void          _lanka_database_set_error          (LankaDatabase  *self,
                                                  int             rc,
                                                  GError        **error);
void          _lanka_database_set_closed_error   (GError        **error);
gboolean      _lanka_database_check_open         (LankaDatabase  *self,
                                                  GError        **error);
gboolean      _lanka_database_finish_rows        (LankaDatabase  *self,
                                                  sqlite3_stmt   *stmt,
                                                  int             rc,
                                                  GError        **error);
sqlite3      *_lanka_database_get_handle         (LankaDatabase  *self);
void          _lanka_database_append_fts_words   (GString        *match,
                                                  const char     *text,
                                                  const char     *columns);

/* For the benchmark only: databases built and read by the same code,
 * without encryption (a plain SQLite file), or in a process that leaves
 * the wiping to SQLCipher's own memory security instead of Länka's
 * allocator (set before the first database is opened).
 */
typedef enum
{
  LANKA_DATABASE_BENCHMARK_NONE                   = 0,
  LANKA_DATABASE_BENCHMARK_PLAIN                  = 1 << 0,
  LANKA_DATABASE_BENCHMARK_CIPHER_MEMORY_SECURITY = 1 << 1,
} LankaDatabaseBenchmarkFlags;

void          _lanka_database_set_benchmark_flags (LankaDatabaseBenchmarkFlags flags);

G_END_DECLS
