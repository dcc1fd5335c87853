/* lanka-material-import-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_MATERIAL_IMPORT_DIALOG (lanka_material_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaMaterialImportDialog, lanka_material_import_dialog, LANKA, MATERIAL_IMPORT_DIALOG, AdwWindow)

/* Imports outside files (GFile) into the training library, one after
 * another in a worker, and reports on each: imported, already in the
 * library, or refused and why.  What was imported stays when the rest
 * fails or the person stops.  ::material-imported is emitted for each
 * new material, ::finished once at the end.
 */
LankaMaterialImportDialog *lanka_material_import_dialog_new           (LankaDatabase             *database,
                                                                       GListModel                *files);
gboolean                   lanka_material_import_dialog_is_busy       (LankaMaterialImportDialog *self);
/* What the report says about the file at @position: a sentence. */
const char                *lanka_material_import_dialog_get_outcome   (LankaMaterialImportDialog *self,
                                                                       guint                      position);
guint                      lanka_material_import_dialog_get_n_imported (LankaMaterialImportDialog *self);

G_END_DECLS
