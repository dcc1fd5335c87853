/* lanka-case-plan.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_PLAN (lanka_case_plan_get_type ())

G_DECLARE_FINAL_TYPE (LankaCasePlan, lanka_case_plan, LANKA, CASE_PLAN, AdwBin)

G_END_DECLS
