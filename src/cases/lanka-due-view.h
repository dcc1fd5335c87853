/* lanka-due-view.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-record.h"

G_BEGIN_DECLS

#define LANKA_TYPE_DUE_VIEW (lanka_due_view_get_type ())

G_DECLARE_FINAL_TYPE (LankaDueView, lanka_due_view, LANKA, DUE_VIEW, AdwBin)

/* The tasks of every case that are overdue, due today or due this week,
 * by group.  ::task-activated is emitted with the case's uuid when a task
 * is chosen, ::changed when a task was completed or reopened here.
 */
GtkWidget     *lanka_due_view_new            (void);
LankaDatabase *lanka_due_view_get_database   (LankaDueView  *self);
void           lanka_due_view_set_database   (LankaDueView  *self,
                                              LankaDatabase *database);
void           lanka_due_view_set_today      (LankaDueView  *self,
                                              const GDate   *today);
void           lanka_due_view_reload         (LankaDueView  *self);
guint          lanka_due_view_get_n_tasks    (LankaDueView  *self);

/* How a task is named and its date told, here and in a case's Deadlines. */
char          *lanka_due_view_dup_task_title (LankaRecord   *task);
char          *lanka_due_view_dup_due_text   (const char    *due_on,
                                              GDate         *today);

G_END_DECLS
