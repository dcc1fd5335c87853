/* lanka-presenter.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-presentation.h"

G_BEGIN_DECLS

#define LANKA_TYPE_PRESENTER (lanka_presenter_get_type ())

G_DECLARE_FINAL_TYPE (LankaPresenter, lanka_presenter, LANKA, PRESENTER, GObject)

/* A presentation on screen: an audience window that shows nothing but the
 * material, fullscreen on the chosen monitor, and a presenter console
 * (current and next slide, notes, timer, clock, overview) on another one;
 * in rehearsal both are ordinary windows on one screen.  The sequence is
 * the pages of the materials (LankaRecord) in order: every page of a PDF,
 * an image, a film; notes and links are left out.  The screensaver is
 * inhibited while it runs.  ::ended is emitted once, when the person ends
 * it, or lanka_presenter_end() is called (locking Länka does).
 */
LankaPresenter    *lanka_presenter_new                  (GtkApplication  *application,
                                                         LankaDatabase   *database,
                                                         GPtrArray       *materials,
                                                         guint            planned_minutes);
/* Opens the windows, with slide @first (from 0) on screen.  With a single
 * monitor, or @rehearsal, both are ordinary windows.  Errors (a damaged
 * file) are LANKA_IO_ERROR.
 */
gboolean           lanka_presenter_start                (LankaPresenter  *self,
                                                         guint            first,
                                                         gboolean         rehearsal,
                                                         GError         **error);
/* The same on the screens given: full screen on both, or rehearsal when
 * one is %NULL.
 */
gboolean           lanka_presenter_start_on             (LankaPresenter  *self,
                                                         guint            first,
                                                         GdkMonitor      *audience,
                                                         GdkMonitor      *console,
                                                         GError         **error);
/* Asks first: LankaMonitorDialog (screens, rehearsal, planned length),
 * transient for @parent, and opens the windows on Start.  The files are
 * read before the dialog shows, so a damaged one is an error here.
 * Cancelled, the presenter emits ::ended.
 */
gboolean           lanka_presenter_choose_and_start     (LankaPresenter  *self,
                                                         GtkWindow       *parent,
                                                         guint            first,
                                                         GError         **error);
void               lanka_presenter_end                  (LankaPresenter  *self);
LankaPresentation *lanka_presenter_get_presentation     (LankaPresenter  *self);
GtkWindow         *lanka_presenter_get_console          (LankaPresenter  *self);
GtkWindow         *lanka_presenter_get_audience         (LankaPresenter  *self);
guint              lanka_presenter_get_n_slides         (LankaPresenter  *self);
gboolean           lanka_presenter_get_rehearsal        (LankaPresenter  *self);
/* The screens in use; %NULL in rehearsal (the console's also when its
 * screen went away and it stepped aside).
 */
GdkMonitor        *lanka_presenter_get_audience_monitor (LankaPresenter  *self);
GdkMonitor        *lanka_presenter_get_console_monitor  (LankaPresenter  *self);
/* Follows a change of the screens (a cable pulled out): a window whose
 * screen is gone moves to one that is left, or it becomes rehearsal.
 * Called on the display's GListModel of monitors changing.
 */
void               lanka_presenter_update_monitors      (LankaPresenter  *self,
                                                         GListModel      *monitors);

G_END_DECLS
