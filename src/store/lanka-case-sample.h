/* lanka-case-sample.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"

G_BEGIN_DECLS

/* The cases of the sample data: enough to show every section and every
 * status, few enough to read through.
 */
#define LANKA_CASE_SAMPLE_N_CASES           40
#define LANKA_CASE_SAMPLE_JOURNAL_PER_CASE  6
#define LANKA_CASE_SAMPLE_SEED              20260705

/* Generated, clearly fictional cases: the same seed gives the same cases.
 * Every section of a case has something in it; aliases are invented
 * ("Sample Lark 0042"), legal names say they are fictional.  Used for the
 * sample data, the tests and the benchmarks.
 */
gboolean lanka_case_sample_generate (LankaDatabase  *database,
                                     guint           n_cases,
                                     guint           journal_per_case,
                                     guint32         seed,
                                     GCancellable   *cancellable,
                                     GError        **error);
gboolean lanka_case_sample_ensure   (LankaDatabase  *database,
                                     GCancellable   *cancellable,
                                     GError        **error);

G_END_DECLS
