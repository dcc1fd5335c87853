/* lanka-merge-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_MERGE_DIALOG (lanka_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaMergeDialog, lanka_merge_dialog, LANKA, MERGE_DIALOG, AdwWindow)

LankaMergeDialog   *lanka_merge_dialog_new             (LankaDatabase      *database,
                                                        const char         *first_uuid,
                                                        const char         *second_uuid);

G_END_DECLS
