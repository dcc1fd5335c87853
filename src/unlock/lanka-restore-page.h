/* lanka-restore-page.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_RESTORE_PAGE (lanka_restore_page_get_type ())

G_DECLARE_FINAL_TYPE (LankaRestorePage, lanka_restore_page, LANKA, RESTORE_PAGE, AdwBin)

void lanka_restore_page_reset    (LankaRestorePage *self);
void lanka_restore_page_set_file (LankaRestorePage *self,
                                  GFile            *file);

G_END_DECLS
