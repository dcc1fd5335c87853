/* lanka-sqlite-memory.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _lanka_sqlite_memory_init      (void);
gboolean _lanka_sqlite_memory_is_wiping (void);

G_END_DECLS
