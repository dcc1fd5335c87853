/* lanka-material-import.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"
#include "lanka-materials.h"

G_BEGIN_DECLS

/* Called from the import's thread with the pages done so far; the caller
 * brings it to the main loop itself.
 */
typedef void (*LankaMaterialProgress) (guint    done,
                                       guint    total,
                                       gpointer user_data);

/* Reads one outside file for the training library, entirely in memory:
 * the format is found from the bytes, not the name (PDF, PNG, JPEG, SVG,
 * MP4, WebM, UTF-8 text or Markdown).  A PDF gives its pages' text
 * (poppler) and a thumbnail of its first page; an image its size and a
 * thumbnail; a note its text.  Nothing is written anywhere.
 *
 * Refusals are LANKA_IO_ERROR with a sentence for the person:
 * %LANKA_IO_ERROR_EMPTY, %LANKA_IO_ERROR_TOO_LARGE (over
 * %LANKA_MATERIAL_MAX_SIZE, or an image of more pixels than can be
 * decoded in memory), %LANKA_IO_ERROR_UNSUPPORTED (an unknown format),
 * %LANKA_IO_ERROR_MALFORMED (a damaged PDF or image),
 * %LANKA_IO_ERROR_NOT_TEXT (text that is not UTF-8),
 * %LANKA_IO_ERROR_ENCRYPTED (a PDF with a password).  The language is
 * guessed from the text ("sv" or "en"; %NULL without text).
 * Videos are only recognised here; lanka_material_check_video() says
 * whether they can be played.
 */
LankaMaterialContent *lanka_material_read          (GBytes                *data,
                                                    const char            *file_name,
                                                    GCancellable          *cancellable,
                                                    LankaMaterialProgress  progress,
                                                    gpointer               user_data,
                                                    GError               **error);
/* A link as material: an http or https address, no file. */
LankaMaterialContent *lanka_material_read_link     (const char            *url,
                                                    const char            *title,
                                                    GError               **error);
/* Whether the installed GStreamer codecs can play the video in @data:
 * %LANKA_IO_ERROR_CANNOT_PLAY with a sentence when they cannot.  Blocks;
 * call it from a thread.
 */
gboolean              lanka_material_check_video   (GBytes                *data,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
/* lanka_material_read() (and for a video lanka_material_check_video()),
 * then lanka_materials_add(): the whole import of one file, for a thread.
 */
LankaRecord          *lanka_material_import        (LankaDatabase         *database,
                                                    GBytes                *data,
                                                    const char            *file_name,
                                                    GCancellable          *cancellable,
                                                    LankaMaterialProgress  progress,
                                                    gpointer               user_data,
                                                    GError               **error);
/* An anonymous file in memory (memfd_create, sealed against writing)
 * holding @data, for libraries that want a file: a descriptor the caller
 * closes, or -1 with an error.  Its path is /proc/self/fd/N.  Nothing
 * reaches the disk.
 */
int                   lanka_memfd_new_from_bytes   (GBytes                *data,
                                                    const char            *name,
                                                    GError               **error);

/* The sample course: two decks that Länka makes itself when it is built
 * (a Swedish one on the county administrative boards' assignment, with
 * speaker notes, and a short English one on using Länka), imported with
 * their notes into a course.  Nothing happens when the library already
 * has them.
 */
gboolean              lanka_material_sample_ensure (LankaDatabase         *database,
                                                    GCancellable          *cancellable,
                                                    GError               **error);

G_END_DECLS
