/* lanka-case-protection.h
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

#define LANKA_TYPE_CASE_PROTECTION (lanka_case_protection_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseProtection, lanka_case_protection, LANKA, CASE_PROTECTION, AdwBin)

GtkWidget     *lanka_case_protection_new           (void);
LankaDatabase *lanka_case_protection_get_database  (LankaCaseProtection *self);
void           lanka_case_protection_set_database  (LankaCaseProtection *self,
                                                    LankaDatabase       *database);
LankaCase     *lanka_case_protection_get_case      (LankaCaseProtection *self);
void           lanka_case_protection_set_case      (LankaCaseProtection *self,
                                                    LankaCase           *kase);

G_END_DECLS
