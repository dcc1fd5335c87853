/* lanka-due-notifier.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"

G_BEGIN_DECLS

/* The id of the one notification about tasks due today: a new one
 * replaces it.
 */
#define LANKA_DUE_NOTIFICATION_ID "tasks-due-today"

/* How many tasks the notification names before "and 3 more". */
#define LANKA_DUE_NOTIFICATION_MAX_SHOWN 3

#define LANKA_TYPE_DUE_NOTIFIER (lanka_due_notifier_get_type ())

G_DECLARE_FINAL_TYPE (LankaDueNotifier, lanka_due_notifier, LANKA, DUE_NOTIFIER, GObject)

/* Sends the desktop notification of the tasks due today while a database
 * is set (Länka unlocked): once a day for each task, again after
 * midnight, withdrawn when the database goes.  check() looks now, for a
 * given day; dup_body() is the text, case numbers and kinds of task only.
 */

LankaDueNotifier *lanka_due_notifier_new             (GApplication     *application);
GApplication     *lanka_due_notifier_get_application (LankaDueNotifier *self);
LankaDatabase    *lanka_due_notifier_get_database    (LankaDueNotifier *self);
void              lanka_due_notifier_set_database    (LankaDueNotifier *self,
                                                      LankaDatabase    *database);
char             *lanka_due_notifier_check           (LankaDueNotifier *self,
                                                      GDate            *today);
void              lanka_due_notifier_withdraw        (LankaDueNotifier *self);
char             *lanka_due_notifier_dup_body        (GListModel       *tasks,
                                                      GDate            *today);

G_END_DECLS
