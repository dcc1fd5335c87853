/* lanka-contact-editor.h
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

#define LANKA_TYPE_CONTACT_EDITOR (lanka_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (LankaContactEditor, lanka_contact_editor, LANKA, CONTACT_EDITOR, AdwWindow)

LankaContactEditor *lanka_contact_editor_new           (LankaDatabase      *database,
                                                        const char         *agency_uuid,
                                                        LankaAgencyContact *contact);

G_END_DECLS
