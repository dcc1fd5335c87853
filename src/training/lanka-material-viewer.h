/* lanka-material-viewer.h
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

#define LANKA_TYPE_MATERIAL_VIEWER (lanka_material_viewer_get_type ())

G_DECLARE_FINAL_TYPE (LankaMaterialViewer, lanka_material_viewer, LANKA, MATERIAL_VIEWER, AdwBin)

/* Shows one material as it is: a PDF's pages (zoom, fit width, fit page,
 * page thumbnails, search in the document, go to page), an image, a film
 * (GtkVideo, from a sealed memfd), a note's text, or a link's address.
 * The file is read from the database into memory; nothing reaches the
 * disk.  "page" counts from 1.
 *
 * Properties: "material" (read only), "page" (the page on screen; notify
 * follows the person scrolling) and "show-thumbnails".  Its actions are
 * in the "viewer" group: zoom-in (Ctrl+plus), zoom-out (Ctrl+minus),
 * zoom ("fit-width" with Ctrl+0, "fit-page" or a percentage),
 * previous-page and next-page (Page Up, Page Down), show-thumbnails
 * (F9), search (Ctrl+F), next-match and previous-match (Enter and
 * Shift+Enter in the search entry) and open-link.
 */
GtkWidget     *lanka_material_viewer_new          (void);
void           lanka_material_viewer_set_material (LankaMaterialViewer *self,
                                                   LankaDatabase       *database,
                                                   LankaRecord         *material);
LankaRecord   *lanka_material_viewer_get_material (LankaMaterialViewer *self);
guint          lanka_material_viewer_get_page     (LankaMaterialViewer *self);
void           lanka_material_viewer_set_page     (LankaMaterialViewer *self,
                                                   guint                page);
/* Searches the document's pages and shows the first match after the
 * current page.
 */
void           lanka_material_viewer_search       (LankaMaterialViewer *self,
                                                   const char          *query);

G_END_DECLS
