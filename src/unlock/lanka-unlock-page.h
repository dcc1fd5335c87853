/* lanka-unlock-page.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-vault.h"

G_BEGIN_DECLS

#define LANKA_TYPE_UNLOCK_PAGE (lanka_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (LankaUnlockPage, lanka_unlock_page, LANKA, UNLOCK_PAGE, AdwBin)

void        lanka_unlock_page_update      (LankaUnlockPage  *self);
void        lanka_unlock_page_unlock      (LankaUnlockPage  *self,
                                           LankaVaultMethod  method,
                                           const char       *secret);
void        lanka_unlock_page_cancel      (LankaUnlockPage  *self);
void        lanka_unlock_page_set_busy    (LankaUnlockPage  *self,
                                           gboolean          busy);
const char *lanka_unlock_page_get_message (LankaUnlockPage  *self);

G_END_DECLS
