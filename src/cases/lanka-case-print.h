/* lanka-case-print.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lanka-case.h"
#include "lanka-database.h"

G_BEGIN_DECLS

/* Prints (or saves as PDF, through the print dialog) a summary of the case:
 * its sections and journal, with legal names and personal numbers only
 * when @show_names.  Writes an audit row when the job is sent.
 */
gboolean lanka_case_print (GtkWindow      *parent,
                           LankaDatabase  *database,
                           LankaCase      *kase,
                           gboolean        show_names,
                           GError        **error);

/* The text of the summary, for the printout and for tests. */
char    *lanka_case_print_dup_summary (LankaDatabase  *database,
                                       LankaCase      *kase,
                                       gboolean        show_names,
                                       GError        **error);

G_END_DECLS
