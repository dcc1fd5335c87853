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

G_END_DECLS
