/* lanka-directory-view.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_DIRECTORY_VIEW (lanka_directory_view_get_type ())

G_DECLARE_FINAL_TYPE (LankaDirectoryView, lanka_directory_view, LANKA, DIRECTORY_VIEW, AdwBin)

LankaDatabase *lanka_directory_view_get_database    (LankaDirectoryView *self);
void           lanka_directory_view_set_database    (LankaDirectoryView *self,
                                                     LankaDatabase      *database);
gboolean       lanka_directory_view_show_agency     (LankaDirectoryView *self,
                                                     const char         *uuid);
const char    *lanka_directory_view_get_shown_uuid  (LankaDirectoryView *self);
void           lanka_directory_view_set_search_text (LankaDirectoryView *self,
                                                     const char         *text);
void           lanka_directory_view_focus_search    (LankaDirectoryView *self);

G_END_DECLS
