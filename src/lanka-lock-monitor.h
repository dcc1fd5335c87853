/* lanka-lock-monitor.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LANKA_TYPE_LOCK_MONITOR (lanka_lock_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LankaLockMonitor, lanka_lock_monitor, LANKA, LOCK_MONITOR, GObject)

LankaLockMonitor *lanka_lock_monitor_new           (GSettings        *settings);
void              lanka_lock_monitor_set_armed     (LankaLockMonitor *self,
                                                    gboolean          armed);
gboolean          lanka_lock_monitor_get_armed     (LankaLockMonitor *self);
void              lanka_lock_monitor_note_activity (LankaLockMonitor *self);
void              lanka_lock_monitor_check_idle    (LankaLockMonitor *self,
                                                    gint64            now);
/* While held (a presentation runs), idleness does not lock. */
void              lanka_lock_monitor_hold_idle     (LankaLockMonitor *self);
void              lanka_lock_monitor_release_idle  (LankaLockMonitor *self);
gboolean          lanka_lock_monitor_get_idle_held (LankaLockMonitor *self);

G_END_DECLS
