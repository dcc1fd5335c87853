/* lanka-training-view.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-presenter.h"

G_BEGIN_DECLS

#define LANKA_TYPE_TRAINING_VIEW (lanka_training_view_get_type ())

G_DECLARE_FINAL_TYPE (LankaTrainingView, lanka_training_view, LANKA, TRAINING_VIEW, AdwBin)

/* The Training part of the window: the library (a thumbnail grid with
 * facets, search with page hits, courses in the sidebar), a material's
 * page with its viewer, import, and the presenter.  Leaving a material's
 * page saves its edits, or asks when they cannot be saved.  Setting the
 * database to %NULL (locking) saves what can be saved, ends a
 * presentation and empties every view.
 */
LankaDatabase  *lanka_training_view_get_database    (LankaTrainingView *self);
void            lanka_training_view_set_database    (LankaTrainingView *self,
                                                     LankaDatabase     *database);
/* Imports outside files (GFile) as the file chooser and a drop do. */
void            lanka_training_view_import_files    (LankaTrainingView *self,
                                                     GListModel        *files);
gboolean        lanka_training_view_show_material   (LankaTrainingView *self,
                                                     const char        *uuid,
                                                     guint              page);
const char     *lanka_training_view_get_shown_uuid  (LankaTrainingView *self);
void            lanka_training_view_set_search_text (LankaTrainingView *self,
                                                     const char        *text);
void            lanka_training_view_focus_search    (LankaTrainingView *self);
/* The presentation started here, from the choice of screens until it
 * ends; there is one at a time.
 */
LankaPresenter *lanka_training_view_get_presenter   (LankaTrainingView *self);

G_END_DECLS
