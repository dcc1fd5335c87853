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
gboolean    lanka_case_print                 (GtkWindow               *parent,
                                              LankaDatabase           *database,
                                              LankaCase               *kase,
                                              gboolean                 show_names,
                                              GError                 **error);

/* The text of the summary, for the printout and for tests. */
char       *lanka_case_print_dup_summary     (LankaDatabase           *database,
                                              LankaCase               *kase,
                                              gboolean                 show_names,
                                              GError                 **error);

/* How a case reads as text, for the summary and the change history: the
 * label of a field of a record of @kind, a stored value as a person
 * reads it (codes by their labels; legal names and personal numbers
 * only when @show_names), and where a field is ("Person «Sample Lark»").
 */
const char *lanka_case_print_get_field_label (const char              *kind,
                                              const char              *field);
char       *lanka_case_print_dup_value       (const char              *kind,
                                              const char              *field,
                                              const char              *value,
                                              gboolean                 show_names);
char       *lanka_case_print_dup_place       (LankaCase               *kase,
                                              const char              *kind,
                                              const char              *uuid,
                                              const char              *field);

/* For tests and for lanka_case_print(): runs the print operation with
 * @action, writing to @export_filename for an export.
 */
gboolean    _lanka_case_print_run            (GtkWindow               *parent,
                                              LankaDatabase           *database,
                                              LankaCase               *kase,
                                              gboolean                 show_names,
                                              GtkPrintOperationAction  action,
                                              const char              *export_filename,
                                              GError                 **error);

G_END_DECLS
