/* lanka-case-print.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-print"

#include "config.h"

#include "lanka-case-print.h"

/* Placeholder: being written. */
gboolean
lanka_case_print (GtkWindow *parent, LankaDatabase *database, LankaCase *kase, gboolean show_names, GError **error)
{
  return FALSE;
}

char *
lanka_case_print_dup_summary (LankaDatabase *database, LankaCase *kase, gboolean show_names, GError **error)
{
  return NULL;
}
