/* lanka-referral-print.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lanka-case.h"
#include "lanka-database.h"
#include "lanka-record.h"

G_BEGIN_DECLS

/* The summary of a referral that goes with it to the agency: the case
 * number, the recipient, the date, the reason, the basis for sharing and
 * only the categories of the case's information that were shared.
 */
char     *lanka_referral_print_dup_summary (LankaDatabase            *database,
                                            LankaCase                *kase,
                                            LankaRecord              *referral,
                                            GError                  **error);

/* Shows the print dialog for the summary ("Print to File" saves a PDF)
 * and writes the audit row when it was printed.
 */
gboolean  lanka_referral_print             (GtkWindow                *parent,
                                            LankaDatabase            *database,
                                            LankaCase                *kase,
                                            LankaRecord              *referral,
                                            GError                  **error);

/* For tests and lanka_referral_print(): runs the print operation with
 * @action, writing to @export_filename for an export.
 */
gboolean  _lanka_referral_print_run        (GtkWindow                *parent,
                                            LankaDatabase            *database,
                                            LankaCase                *kase,
                                            LankaRecord              *referral,
                                            GtkPrintOperationAction   action,
                                            const char               *export_filename,
                                            GError                  **error);

G_END_DECLS
