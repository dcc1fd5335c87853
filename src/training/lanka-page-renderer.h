/* lanka-page-renderer.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LANKA_TYPE_PAGE_RENDERER (lanka_page_renderer_get_type ())

G_DECLARE_FINAL_TYPE (LankaPageRenderer, lanka_page_renderer, LANKA, PAGE_RENDERER, GObject)

/* Renders the pages of PDFs into textures in one worker thread of its
 * own (poppler documents are not thread-safe: after it is added, a
 * document is only touched by that thread), and keeps the last textures
 * in an LRU cache bounded in bytes.  Requests are served most urgent
 * first: a new request for the page on screen jumps the queue, prefetches
 * wait.  ::page-ready is emitted on the main context of the thread that
 * made the renderer, with the document, the page, the size and the
 * texture.  Images are documents of one page whose texture is already
 * there.  Dropping the last reference (or lanka_page_renderer_clear())
 * cancels what is queued and forgets every document and texture.
 */
LankaPageRenderer *lanka_page_renderer_new               (gsize              cache_bytes);
/* Opens a PDF held in memory; its page sizes are read at once.  Returns
 * a document number, or -1 with a LANKA_IO_ERROR (damaged, password).
 */
int                lanka_page_renderer_add_pdf           (LankaPageRenderer *self,
                                                          GBytes            *pdf,
                                                          GError           **error);
/* An image as a document of one page. */
int                lanka_page_renderer_add_texture       (LankaPageRenderer *self,
                                                          GdkTexture        *texture);
guint              lanka_page_renderer_get_n_pages       (LankaPageRenderer *self,
                                                          int                document);
/* The size of a page (from 0) in points (pixels for an image). */
void               lanka_page_renderer_get_page_size     (LankaPageRenderer *self,
                                                          int                document,
                                                          guint              page,
                                                          double            *width,
                                                          double            *height);
/* The cached texture of @page fitted into @width × @height device pixels
 * (the page keeps its proportions, so one side may be smaller), or %NULL
 * when it is not rendered yet; a reference the caller drops (the worker
 * may evict it from the cache at any moment).  Never blocks.  Looking a
 * page up makes it the most recently used.
 */
GdkTexture        *lanka_page_renderer_lookup            (LankaPageRenderer *self,
                                                          int                document,
                                                          guint              page,
                                                          int                width,
                                                          int                height);
/* Asks for @page at that size; @urgent puts it before everything queued.
 * When it is cached already, ::page-ready is emitted from an idle.  A
 * page already queued is not queued twice (urgent moves it to the front);
 * requests for documents that are gone are dropped.  ::page-ready gives
 * the size asked for, the texture has the fitted size.
 */
void               lanka_page_renderer_request           (LankaPageRenderer *self,
                                                          int                document,
                                                          guint              page,
                                                          int                width,
                                                          int                height,
                                                          gboolean           urgent);
/* Renders at once on the calling thread's behalf, waiting for the worker:
 * for the benchmark and for printing, not for the interface.  The page
 * goes into the cache; no ::page-ready.  Returns a reference.
 */
GdkTexture        *lanka_page_renderer_render_sync       (LankaPageRenderer *self,
                                                          int                document,
                                                          guint              page,
                                                          int                width,
                                                          int                height,
                                                          GError           **error);
void               lanka_page_renderer_clear             (LankaPageRenderer *self);

G_END_DECLS
