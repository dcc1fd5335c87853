/* lanka-materials.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"
#include "lanka-record.h"

G_BEGIN_DECLS

/* The training library.  Nothing here is about a case: the material is
 * what trainers teach with, and the file itself (a PDF, an image, a
 * video, a note) lives inside the encrypted database with its thumbnail
 * and the text of its pages, never in a file of its own.
 *
 * A material is a LankaRecord of kind "material" with the fields
 * title, description, kind (a LANKA_VOCABULARY_MATERIAL_KIND code),
 * language ("sv", "en", … an ISO 639-1 code), audiences and topics (lists
 * of LANKA_VOCABULARY_MATERIAL_AUDIENCE / _TOPIC codes), source, year,
 * usage_note, duration (minutes), url (links only), and, read only, set
 * at import: file_name, mime_type, size (bytes), sha256 (hex), page_count
 * (1 for an image, a note or a video), page_width, page_height (the first
 * page's size in PDF points; the image's size in pixels), created,
 * updated (microseconds).  In a course's list
 * (lanka_materials_list() with a collection_uuid), each record also has
 * its place in the course as "position" (from 0).
 *
 * A course is a LankaRecord of kind "collection" with the fields title,
 * audience (one audience code), planned_minutes, description, and, read
 * only, n_items.
 */

/**
 * LankaMaterialContent:
 * @kind: a material kind code ("slides", "document", "image", "video",
 *   "note", "link")
 * @title: a title found in the file (PDF metadata, a note's first
 *   heading) or its name without the extension
 * @file_name: the name of the file the person chose, without a folder
 * @mime_type: the type found by reading the file, not its name
 * @data: the whole file (%NULL for a link)
 * @url: the address of a link (%NULL otherwise)
 * @sha256: the hex SHA-256 of @data (of @url for a link)
 * @page_count: pages of a PDF; 1 otherwise
 * @page_width: first page width in points, or image width in pixels
 * @page_height: the same, height
 * @page_texts: (element-type utf8): the text of each page, @page_count
 *   strings ("" for a page without text); a note has its text as page 1
 * @thumbnail: a PNG of the first page (or the image) at most
 *   %LANKA_MATERIAL_THUMBNAIL_SIZE pixels on its long side, or %NULL
 *   (videos, links)
 * @language: the language the text looks to be in, or %NULL
 *
 * What an import read from a file, ready to store.  Made by the io
 * layer's lanka_material_read(); the store checks it again.
 * lanka_material_content_new() sets @page_count to 1 and @page_texts to
 * an empty array that frees the strings added to it; a %NULL @sha256 is
 * computed by lanka_materials_add().  Page texts are stored in Unicode
 * composed form (NFC).
 */
typedef struct
{
  char      *kind;
  char      *title;
  char      *file_name;
  char      *mime_type;
  GBytes    *data;
  char      *url;
  char      *sha256;
  guint      page_count;
  double     page_width;
  double     page_height;
  GPtrArray *page_texts;
  GBytes    *thumbnail;
  char      *language;
} LankaMaterialContent;

#define LANKA_MATERIAL_THUMBNAIL_SIZE 320

/* The biggest file the library takes: 512 MiB (a training film). */
#define LANKA_MATERIAL_MAX_SIZE (G_GUINT64_CONSTANT (512) * 1024 * 1024)

LankaMaterialContent *lanka_material_content_new  (void);
void                  lanka_material_content_free (LankaMaterialContent *content);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaMaterialContent, lanka_material_content_free)

/**
 * LankaMaterialFilter:
 * @kind: only this kind, or %NULL
 * @language: only this language, or %NULL
 * @audience: only material for this audience (or for "all"), or %NULL
 * @topic: only material on this topic, or %NULL
 * @collection_uuid: only the material of this course, in the course's
 *   order, or %NULL for the whole library by title
 *
 * The facets of the library view.
 */
typedef struct
{
  const char *kind;
  const char *language;
  const char *audience;
  const char *topic;
  const char *collection_uuid;
} LankaMaterialFilter;

/**
 * LankaMaterialHit:
 * @material: the material that matches
 * @pages: (element-type guint): the pages (counted from 1) whose text
 *   matches, best first, at most 20
 * @in_metadata: whether the title, description, source, usage note or
 *   topics match
 * @snippet: a short piece of the best page's text around the match, with
 *   the matched words between U+0002 and U+0003, or %NULL
 *
 * One material found by lanka_materials_search().
 */
typedef struct
{
  LankaRecord *material;
  GArray      *pages;
  gboolean     in_metadata;
  char        *snippet;
} LankaMaterialHit;

void lanka_material_hit_free (LankaMaterialHit *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaMaterialHit, lanka_material_hit_free)

/* Adds what an import read as a new material, in one transaction: the
 * material row, its file, thumbnail and page texts (indexed for search).
 * The same file twice (same SHA-256) is refused with
 * %LANKA_STORE_ERROR_EXISTS, whose message names the material already in
 * the library.  Also refused (%LANKA_STORE_ERROR_INVALID): no data and no
 * url, an empty file, a file over %LANKA_MATERIAL_MAX_SIZE, an unknown
 * kind, page texts that do not match the page count.
 */
LankaRecord  *lanka_materials_add              (LankaDatabase              *database,
                                                const LankaMaterialContent *content,
                                                GError                    **error);
/* The material with @sha256, or %NULL without an error when there is none. */
LankaRecord  *lanka_materials_find_by_hash     (LankaDatabase              *database,
                                                const char                 *sha256,
                                                GError                    **error);
LankaRecord  *lanka_materials_get              (LankaDatabase              *database,
                                                const char                 *uuid,
                                                GError                    **error);
/* The library's materials (LankaRecord) that pass @filter (%NULL: all),
 * by title; a course's in the course's order.
 */
GListModel   *lanka_materials_list             (LankaDatabase              *database,
                                                const LankaMaterialFilter  *filter,
                                                GError                    **error);
/* Saves the editable fields; the title must not be empty, codes must be
 * known, the year between 1900 and next year, the duration not negative
 * (%LANKA_STORE_ERROR_INVALID, with the field in the message).
 */
gboolean      lanka_materials_save             (LankaDatabase              *database,
                                                LankaRecord                *material,
                                                GError                    **error);
/* Removes the material, its file, thumbnail, page texts and notes, and
 * takes it out of every course.
 */
gboolean      lanka_materials_delete           (LankaDatabase              *database,
                                                const char                 *uuid,
                                                GError                    **error);
/* The whole file, read from the database into memory; a link has none
 * (%LANKA_STORE_ERROR_NOT_FOUND).
 */
GBytes       *lanka_materials_dup_file         (LankaDatabase              *database,
                                                const char                 *uuid,
                                                GError                    **error);
/* The PNG thumbnail, or %NULL without an error when there is none. */
GBytes       *lanka_materials_dup_thumbnail    (LankaDatabase              *database,
                                                const char                 *uuid,
                                                GError                    **error);
char         *lanka_materials_dup_page_text    (LankaDatabase              *database,
                                                const char                 *uuid,
                                                guint                       page,
                                                GError                    **error);
/* Full-text search over metadata and page text: word prefixes
 * ("männ" finds "människohandel"), every word must match (all in the
 * metadata, or all on one page).  Hits (LankaMaterialHit) with the best
 * first; an empty query, or one of punctuation only, finds nothing.
 * Nothing typed is taken as FTS5 syntax.
 */
GPtrArray    *lanka_materials_search           (LankaDatabase              *database,
                                                const char                 *query,
                                                const LankaMaterialFilter  *filter,
                                                GError                    **error);
/* The pages (guint, from 1) of one material whose text matches @query,
 * in page order: the viewer's search in the document.
 */
GArray       *lanka_materials_find_pages       (LankaDatabase              *database,
                                                const char                 *uuid,
                                                const char                 *query,
                                                GError                    **error);
/* The languages the library has material in, sorted: the language facet. */
GStrv         lanka_materials_dup_languages    (LankaDatabase              *database,
                                                GError                    **error);

/* Presenter notes: one plain-text or Markdown note per page of a
 * material (page from 1, at most its page count:
 * %LANKA_STORE_ERROR_INVALID otherwise).  Setting an empty (or blank)
 * note removes it; a note is kept as written.
 */
char         *lanka_presenter_notes_get        (LankaDatabase              *database,
                                                const char                 *material_uuid,
                                                guint                       page,
                                                GError                    **error);
gboolean      lanka_presenter_notes_set        (LankaDatabase              *database,
                                                const char                 *material_uuid,
                                                guint                       page,
                                                const char                 *text,
                                                GError                    **error);
/* Every note of a material: page (GUINT_TO_POINTER) → text. */
GHashTable   *lanka_presenter_notes_list       (LankaDatabase              *database,
                                                const char                 *material_uuid,
                                                GError                    **error);

/* Courses: an ordered list of materials; a material may be in many
 * courses, and twice in one.  Positions count from 0.
 */
GListModel   *lanka_collections_list           (LankaDatabase              *database,
                                                GError                    **error);
LankaRecord  *lanka_collections_get            (LankaDatabase              *database,
                                                const char                 *uuid,
                                                GError                    **error);
/* Creates a course when @collection's uuid is new, otherwise saves its
 * fields; the title must not be empty.
 */
gboolean      lanka_collections_save           (LankaDatabase              *database,
                                                LankaRecord                *collection,
                                                GError                    **error);
gboolean      lanka_collections_delete         (LankaDatabase              *database,
                                                const char                 *uuid,
                                                GError                    **error);
/* Inserts @material_uuid at @position (-1 or past the end: at the end).
 * A position that is not in the course (remove_at, move) is refused with
 * %LANKA_STORE_ERROR_NOT_FOUND and changes nothing.
 */
gboolean      lanka_collections_insert         (LankaDatabase              *database,
                                                const char                 *uuid,
                                                const char                 *material_uuid,
                                                int                         position,
                                                GError                    **error);
gboolean      lanka_collections_remove_at      (LankaDatabase              *database,
                                                const char                 *uuid,
                                                guint                       position,
                                                GError                    **error);
/* Moves the item at @from to @to, the others closing up. */
gboolean      lanka_collections_move           (LankaDatabase              *database,
                                                const char                 *uuid,
                                                guint                       from,
                                                guint                       to,
                                                GError                    **error);

G_END_DECLS
