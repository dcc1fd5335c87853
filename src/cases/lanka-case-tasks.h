/* lanka-case-tasks.h
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

#define LANKA_TYPE_CASE_TASKS (lanka_case_tasks_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseTasks, lanka_case_tasks, LANKA, CASE_TASKS, AdwBin)

GtkWidget     *lanka_case_tasks_new          (void);
LankaDatabase *lanka_case_tasks_get_database (LankaCaseTasks *self);
void           lanka_case_tasks_set_database (LankaCaseTasks *self,
                                              LankaDatabase  *database);
LankaCase     *lanka_case_tasks_get_case     (LankaCaseTasks *self);
void           lanka_case_tasks_set_case     (LankaCaseTasks *self,
                                              LankaCase      *kase);
void           lanka_case_tasks_reload       (LankaCaseTasks *self);

G_END_DECLS
