/* bench-lanka.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of the benchmark (bench-lanka.c): each workload adds its
 * samples, by metric, to a BenchRun, so that the same work can be run on
 * the encrypted database and on its baselines and compared.
 */

#pragma once

#include "lanka-database.h"

G_BEGIN_DECLS

#define BENCH_SEED 20261129

typedef struct _BenchRun BenchRun;

BenchRun *bench_run_new             (void);
void      bench_run_free            (BenchRun      *run);
void      bench_run_add             (BenchRun      *run,
                                     const char    *metric,
                                     double         ms);
GArray   *bench_run_get             (BenchRun      *run,
                                     const char    *metric);
double    bench_run_get_total       (BenchRun      *run);

GStrv     bench_prefixes            (const char    *word);

/* Times @call in milliseconds. */
#define BENCH_TIME(ms, call) \
  G_STMT_START { \
    gint64 bench_start_ = g_get_monotonic_time (); \
    call; \
    (ms) = (g_get_monotonic_time () - bench_start_) / 1000.0; \
  } G_STMT_END

/* bench-lanka-cases.c */
void      bench_cases_generate      (LankaDatabase *database,
                                     guint          n_cases,
                                     guint          journal_per_case);
void      bench_cases_read          (LankaDatabase *database,
                                     BenchRun      *run);
void      bench_cases_write         (LankaDatabase *database,
                                     BenchRun      *run);

/* bench-lanka-directory.c */
void      bench_directory_generate  (LankaDatabase *database,
                                     guint          n_agencies,
                                     guint          contacts_per_agency);
void      bench_directory_read      (LankaDatabase *database,
                                     BenchRun      *run);

/* bench-lanka-training.c */
void      bench_training_import     (LankaDatabase *database,
                                     guint          n_imports,
                                     BenchRun      *run);
void      bench_training_render     (guint          n_pages,
                                     BenchRun      *run);
gboolean  bench_training_turn       (guint          n_turns,
                                     BenchRun      *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchRun, bench_run_free)

G_END_DECLS
