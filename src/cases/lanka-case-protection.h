/* lanka-case-protection.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_PROTECTION (lanka_case_protection_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseProtection, lanka_case_protection, LANKA, CASE_PROTECTION, AdwBin)

G_END_DECLS
