/* lanka-case-overview.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_OVERVIEW (lanka_case_overview_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseOverview, lanka_case_overview, LANKA, CASE_OVERVIEW, AdwBin)

G_END_DECLS
