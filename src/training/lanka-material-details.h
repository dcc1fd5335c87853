/* lanka-material-details.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-material-viewer.h"
#include "lanka-record.h"

G_BEGIN_DECLS

#define LANKA_TYPE_MATERIAL_DETAILS (lanka_material_details_get_type ())

G_DECLARE_FINAL_TYPE (LankaMaterialDetails, lanka_material_details, LANKA, MATERIAL_DETAILS, AdwBin)

/* A material's page: the material itself in a LankaMaterialViewer, with
 * what is known about it editable beside it (below on a narrow window),
 * and the actions on it: Present, Add to Course, Delete.  Emits ::saved,
 * ::deleted, ::present and ::courses-changed; the Training part acts on
 * them.
 */
GtkWidget           *lanka_material_details_new             (void);
void                 lanka_material_details_set_database    (LankaMaterialDetails  *self,
                                                             LankaDatabase         *database);
/* Shows @material (%NULL: nothing), the edits of another one let go. */
void                 lanka_material_details_set_material    (LankaMaterialDetails  *self,
                                                             LankaRecord           *material);
LankaRecord         *lanka_material_details_get_material    (LankaMaterialDetails  *self);
LankaMaterialViewer *lanka_material_details_get_viewer      (LankaMaterialDetails  *self);
/* Whether the fields hold edits not yet saved. */
gboolean             lanka_material_details_get_modified    (LankaMaterialDetails  *self);
/* Saves the edits as Save does, without its toast.  Edits that are not
 * valid stay as typed, the field marked, and the error
 * (LANKA_STORE_ERROR_INVALID) says what is wrong.
 */
gboolean             lanka_material_details_save_changes    (LankaMaterialDetails  *self,
                                                             GError               **error);
/* Puts the fields back as the material is stored. */
void                 lanka_material_details_discard_changes (LankaMaterialDetails  *self);

G_END_DECLS
