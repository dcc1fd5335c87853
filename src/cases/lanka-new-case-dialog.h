/* lanka-new-case-dialog.h
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

#define LANKA_TYPE_NEW_CASE_DIALOG (lanka_new_case_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaNewCaseDialog, lanka_new_case_dialog, LANKA, NEW_CASE_DIALOG, AdwWindow)

/* Asks for the victim's alias and what identifies them (birth date,
 * citizenship, personnummer), shows the cases that may already be about
 * them as it is typed, and emits ::create with a new LankaCase (not yet
 * saved) or ::open-existing with the uuid of a case the person chose.
 */
LankaNewCaseDialog *lanka_new_case_dialog_new             (GtkWindow          *parent,
                                                           LankaDatabase      *database);
LankaDatabase      *lanka_new_case_dialog_get_database    (LankaNewCaseDialog *self);
guint               lanka_new_case_dialog_get_n_duplicates (LankaNewCaseDialog *self);

G_END_DECLS
