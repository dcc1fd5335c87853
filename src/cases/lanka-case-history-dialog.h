/* lanka-case-history-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case.h"
#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_HISTORY_DIALOG (lanka_case_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseHistoryDialog, lanka_case_history_dialog, LANKA, CASE_HISTORY_DIALOG, AdwWindow)

/* Who changed what in a case, when, from what to what: newest first. */
LankaCaseHistoryDialog *lanka_case_history_dialog_new (GtkWindow     *parent,
                                                       LankaDatabase *database,
                                                       LankaCase     *kase,
                                                       gboolean       show_names);

G_END_DECLS
