/* lanka-monitor-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_MONITOR_DIALOG (lanka_monitor_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaMonitorDialog, lanka_monitor_dialog, LANKA, MONITOR_DIALOG, AdwWindow)

/* Asked before a presentation: which screen the audience sees (monitors
 * by connector and model, the last choice preselected), Swap Screens,
 * rehearsal mode (both views as ordinary windows on one screen) and the
 * planned length.  Start remembers the choice and emits ::start; the
 * dialog then closes.  Closed any other way, it emits nothing.
 */
LankaMonitorDialog *lanka_monitor_dialog_new                 (GtkWindow           *parent,
                                                              guint                planned_minutes);
/* The monitors, or %NULL (none, or rehearsal on a single screen). */
GdkMonitor         *lanka_monitor_dialog_get_audience        (LankaMonitorDialog  *self);
GdkMonitor         *lanka_monitor_dialog_get_console         (LankaMonitorDialog  *self);
gboolean            lanka_monitor_dialog_get_rehearsal       (LankaMonitorDialog  *self);
guint               lanka_monitor_dialog_get_planned_minutes (LankaMonitorDialog  *self);
void                lanka_monitor_dialog_swap                (LankaMonitorDialog  *self);

/* The choice without asking: the monitor whose connector is @remembered,
 * else one that @near is not on, for the audience; for the console the
 * one @near is on, else another.  Both %NULL with fewer than two
 * monitors.
 */
void                lanka_monitor_dialog_choose              (GdkDisplay          *display,
                                                              GtkWindow           *near,
                                                              const char          *remembered,
                                                              GdkMonitor         **audience,
                                                              GdkMonitor         **console);
/* "HDMI-1", or a number when the system gives no connector */
char               *lanka_monitor_dialog_dup_monitor_name    (GdkMonitor          *monitor,
                                                              guint                position);

G_END_DECLS
