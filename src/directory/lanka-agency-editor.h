/* lanka-agency-editor.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-agency.h"
#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_AGENCY_EDITOR (lanka_agency_editor_get_type ())

G_DECLARE_FINAL_TYPE (LankaAgencyEditor, lanka_agency_editor, LANKA, AGENCY_EDITOR, AdwWindow)

LankaAgencyEditor  *lanka_agency_editor_new            (LankaDatabase      *database,
                                                        LankaAgency        *agency);

G_END_DECLS
