/* lanka-history-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-directory.h"

G_BEGIN_DECLS

#define LANKA_TYPE_HISTORY_DIALOG (lanka_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaHistoryDialog, lanka_history_dialog, LANKA, HISTORY_DIALOG, AdwWindow)

LankaHistoryDialog *lanka_history_dialog_new           (LankaDatabase      *database,
                                                        const char         *contact_uuid,
                                                        const char         *contact_name);

GtkWidget          *lanka_history_label_new            (const char              *text,
                                                        const char              *css_class);
GtkWidget          *lanka_history_change_row_new       (const LankaHistoryEntry *entry);

G_END_DECLS
