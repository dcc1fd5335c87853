/* lanka-bench.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LankaBench LankaBench;

LankaBench *lanka_bench_new        (const char *benchmark,
                                    guint       size);
void        lanka_bench_add_count  (LankaBench *self,
                                    const char *name,
                                    gint64      count);
void        lanka_bench_report     (LankaBench *self,
                                    const char *name,
                                    GArray     *samples,
                                    const char *unit);
void        lanka_bench_report_ratio (LankaBench *self,
                                      const char *name,
                                      GArray     *samples,
                                      GArray     *baseline,
                                      const char *unit);
void        lanka_bench_print_json (LankaBench *self);
void        lanka_bench_free       (LankaBench *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaBench, lanka_bench_free)

G_END_DECLS
