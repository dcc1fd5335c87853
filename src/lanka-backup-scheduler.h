/* lanka-backup-scheduler.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-vault.h"

G_BEGIN_DECLS

/* A daily backup is due this many seconds after the last one. */
#define LANKA_BACKUP_INTERVAL (24 * 60 * 60)

#define LANKA_TYPE_BACKUP_SCHEDULER (lanka_backup_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (LankaBackupScheduler, lanka_backup_scheduler, LANKA, BACKUP_SCHEDULER, GObject)

LankaBackupScheduler *lanka_backup_scheduler_new          (GSettings             *settings);
void                  lanka_backup_scheduler_set_database (LankaBackupScheduler  *self,
                                                           LankaVault            *vault,
                                                           LankaDatabase         *database);
void                  lanka_backup_scheduler_check        (LankaBackupScheduler  *self);
gboolean              lanka_backup_scheduler_get_busy     (LankaBackupScheduler  *self);

/* The decisions, apart from the timer and the vault, so that tests can
 * check them without a database or a display.
 */
gboolean              lanka_backup_is_due                 (gint64                 last_backup,
                                                           gint64                 now);
char                 *lanka_backup_dup_daily_name         (GDateTime             *date);
gboolean              lanka_backup_is_daily_name          (const char            *name);
gboolean              lanka_backup_prune                  (GFile                 *folder,
                                                           guint                  keep,
                                                           GCancellable          *cancellable,
                                                           GError               **error);

G_END_DECLS
