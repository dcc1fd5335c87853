/* lanka-find-help-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-find-help.h"

G_BEGIN_DECLS

#define LANKA_TYPE_FIND_HELP_DIALOG (lanka_find_help_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaFindHelpDialog, lanka_find_help_dialog, LANKA, FIND_HELP_DIALOG, AdwWindow)

LankaFindHelpDialog *lanka_find_help_dialog_new              (LankaDatabase       *database,
                                                              const char          *need,
                                                              gboolean             child,
                                                              const char          *county);
const char          *lanka_find_help_dialog_get_choose_label (LankaFindHelpDialog *self);
void                 lanka_find_help_dialog_set_choose_label (LankaFindHelpDialog *self,
                                                              const char          *choose_label);
LankaFindHelp       *lanka_find_help_dialog_get_find_help    (LankaFindHelpDialog *self);

G_END_DECLS
