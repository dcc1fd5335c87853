/* lanka-person-editor.h
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

#define LANKA_TYPE_PERSON_EDITOR (lanka_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (LankaPersonEditor, lanka_person_editor, LANKA, PERSON_EDITOR, AdwWindow)

/* Edits one person of a case (a copy; ::done hands the edited record back
 * to the People section, which puts it into the case).
 */
LankaPersonEditor *lanka_person_editor_new           (GtkWindow         *parent,
                                                      LankaDatabase     *database,
                                                      LankaRecord       *person,
                                                      gboolean           show_names);
void               lanka_person_editor_set_case_uuid (LankaPersonEditor *self,
                                                      const char        *case_uuid);
LankaRecord       *lanka_person_editor_get_person    (LankaPersonEditor *self);

G_END_DECLS
