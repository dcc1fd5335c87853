/* lanka-case-editor.h
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

#define LANKA_TYPE_CASE_EDITOR (lanka_case_editor_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseEditor, lanka_case_editor, LANKA, CASE_EDITOR, AdwBin)

/* Shows one case with its sections.  Edits go into a draft in the
 * database within two seconds; save() commits them.  ::saved is emitted
 * with the case's uuid after a save, ::closed when the editor is left
 * empty.
 */
LankaCaseEditor *lanka_case_editor_new             (void);
void             lanka_case_editor_set_database    (LankaCaseEditor  *self,
                                                    LankaDatabase    *database);
gboolean         lanka_case_editor_open            (LankaCaseEditor  *self,
                                                    const char       *uuid,
                                                    GError          **error);
void             lanka_case_editor_open_new        (LankaCaseEditor  *self,
                                                    LankaCase        *kase);
void             lanka_case_editor_clear           (LankaCaseEditor  *self);
const char      *lanka_case_editor_get_uuid        (LankaCaseEditor  *self);
LankaCase       *lanka_case_editor_get_case        (LankaCaseEditor  *self);
gboolean         lanka_case_editor_get_modified    (LankaCaseEditor  *self);
gboolean         lanka_case_editor_save            (LankaCaseEditor  *self,
                                                    GError          **error);
gboolean         lanka_case_editor_save_draft      (LankaCaseEditor  *self,
                                                    GError          **error);
void             lanka_case_editor_discard_changes (LankaCaseEditor  *self);
void             lanka_case_editor_set_show_names  (LankaCaseEditor  *self,
                                                    gboolean          show_names);
gboolean         lanka_case_editor_get_show_names  (LankaCaseEditor  *self);
void             lanka_case_editor_show_section    (LankaCaseEditor  *self,
                                                    const char       *section);
const char      *lanka_case_editor_get_section     (LankaCaseEditor  *self);
AdwMessageDialog *lanka_case_editor_new_unsaved_dialog (LankaCaseEditor *self,
                                                       GtkWindow       *parent);

G_END_DECLS
