/* lanka-case-plan.h
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

#define LANKA_TYPE_CASE_PLAN (lanka_case_plan_get_type ())

G_DECLARE_FINAL_TYPE (LankaCasePlan, lanka_case_plan, LANKA, CASE_PLAN, AdwBin)

GtkWidget     *lanka_case_plan_new           (void);
LankaDatabase *lanka_case_plan_get_database  (LankaCasePlan *self);
void           lanka_case_plan_set_database  (LankaCasePlan *self,
                                              LankaDatabase *database);
LankaCase     *lanka_case_plan_get_case      (LankaCasePlan *self);
void           lanka_case_plan_set_case      (LankaCasePlan *self,
                                              LankaCase     *kase);

G_END_DECLS
