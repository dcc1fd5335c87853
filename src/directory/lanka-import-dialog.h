/* lanka-import-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_IMPORT_DIALOG (lanka_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaImportDialog, lanka_import_dialog, LANKA, IMPORT_DIALOG, AdwWindow)

LankaImportDialog  *lanka_import_dialog_new            (LankaDatabase      *database,
                                                        GFile              *file);
gboolean            lanka_import_dialog_is_busy        (LankaImportDialog  *self);

G_END_DECLS
