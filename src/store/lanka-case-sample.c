/* lanka-case-sample.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-sample"

#include "config.h"

#include "lanka-store-error.h"

#include "lanka-case-sample.h"

/* Placeholder: being written. */

gboolean
lanka_case_sample_generate (LankaDatabase *database, guint n_cases, guint journal_per_case, guint32 seed, GCancellable *cancellable, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}
