/* lanka-material-import.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-material-import"

#include "config.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "lanka-material-import.h"
#include "lanka-io-error.h"
#include "lanka-sample-resources.h"
#include "lanka-store-error.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Everything here works on bytes in memory.  A format is recognised by
 * its first bytes, never by the file's name, because a name can say
 * anything; the libraries that read the files (poppler, gdk-pixbuf,
 * GStreamer) are given the bytes themselves, or a sealed memfd when they
 * insist on a file, so that nothing of a trainer's material reaches the
 * disk outside the encrypted database.
 */

/* An image larger than this many pixels is refused before it is decoded:
 * decoding would need four bytes a pixel in memory at once.
 */
#define MAX_IMAGE_PIXELS (G_GINT64_CONSTANT (64) * 1000 * 1000)

/* How much of a text the language guess reads: enough words to tell, and
 * a hundred-page PDF still costs nothing.
 */
#define LANGUAGE_SAMPLE_BYTES (64 * 1024)

/* How long GStreamer may take to look at a film before it counts as one
 * that cannot be played.
 */
#define DISCOVER_TIMEOUT (5 * GST_SECOND)

#define SAMPLE_RESOURCE_PATH "/io/github/lanka/Lanka/sample/"
#define SAMPLE_SOURCE        "Länka (sample)"

typedef enum
{
  FORMAT_UNKNOWN,
  FORMAT_PDF,
  FORMAT_PNG,
  FORMAT_JPEG,
  FORMAT_SVG,
  FORMAT_MP4,
  FORMAT_WEBM,
  FORMAT_TEXT,
  FORMAT_FOREIGN_TEXT,
} Format;

static gboolean
has_prefix (const guint8 *bytes,
            gsize         size,
            const void   *prefix,
            gsize         prefix_size)
{
  return size >= prefix_size && memcmp (bytes, prefix, prefix_size) == 0;
}

static gboolean
contains (const guint8 *bytes,
          gsize         size,
          const char   *needle)
{
  return memmem (bytes, size, needle, strlen (needle)) != NULL;
}

/* Valid UTF-8 without NUL or other control characters than the ones text
 * uses (tab, newlines, form feed).
 */
static gboolean
is_text (const guint8 *bytes,
         gsize         size)
{
  for (gsize i = 0; i < size; i++)
    if (bytes[i] < 0x20 && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r' &&
        bytes[i] != '\f')
      return FALSE;

  return g_utf8_validate_len ((const char *) bytes, size, NULL);
}

/* Text in another character set (Latin-1, Windows-1252 …): no control
 * characters, three quarters printable ASCII or more, yet not UTF-8.
 */
static gboolean
is_foreign_text (const guint8 *bytes,
                 gsize         size)
{
  gsize ascii = 0;

  for (gsize i = 0; i < size; i++)
    {
      if (bytes[i] < 0x20 && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r' &&
          bytes[i] != '\f')
        return FALSE;
      if (bytes[i] < 0x7f)
        ascii++;
    }

  return ascii >= size - size / 4;
}

static gsize
skip_bom (const guint8 *bytes,
          gsize         size)
{
  return has_prefix (bytes, size, "\xef\xbb\xbf", 3) ? 3 : 0;
}

static Format
sniff (const guint8 *bytes,
       gsize         size)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };
  static const guint8 ebml[] = { 0x1a, 0x45, 0xdf, 0xa3 };
  gsize head = MIN (size, 1024);

  /* Readers accept a few bytes of junk before the PDF header, and so
   * does poppler.
   */
  if (contains (bytes, head, "%PDF-"))
    return FORMAT_PDF;
  if (has_prefix (bytes, size, png, sizeof png))
    return FORMAT_PNG;
  if (has_prefix (bytes, size, jpeg, sizeof jpeg))
    return FORMAT_JPEG;
  if (size >= 12 && memcmp (bytes + 4, "ftyp", 4) == 0)
    return FORMAT_MP4;
  /* An EBML file is WebM when its document type says so; other Matroska
   * files are left to the general refusal.
   */
  if (has_prefix (bytes, size, ebml, sizeof ebml))
    return contains (bytes, MIN (size, 64), "webm") ? FORMAT_WEBM : FORMAT_UNKNOWN;

  if (is_text (bytes, size))
    {
      gsize start = skip_bom (bytes, size);

      while (start < size && g_ascii_isspace (bytes[start]))
        start++;
      if (start < size && bytes[start] == '<' &&
          contains (bytes + start, MIN (size - start, 4096), "<svg"))
        return FORMAT_SVG;

      return FORMAT_TEXT;
    }

  if (is_foreign_text (bytes, size))
    return FORMAT_FOREIGN_TEXT;

  return FORMAT_UNKNOWN;
}

/* The title a file gets when it has none of its own: its name without
 * the extension.
 */
static char *
title_from_file_name (const char *file_name)
{
  g_autofree char *base = NULL;
  char *dot;

  if (file_name == NULL || *file_name == '\0')
    return g_strdup (C_("material", "Untitled"));

  base = g_path_get_basename (file_name);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

static gboolean
is_swedish_word (const char *word)
{
  static const char * const words[] = {
    "och", "att", "som", "är", "det", "för", "inte", "med", "på", "av", "till", "ett",
    "om", "har", "de", "den", "kan", "ska", "vid", "eller", NULL
  };

  return g_strv_contains (words, word);
}

static gboolean
is_english_word (const char *word)
{
  static const char * const words[] = {
    "the", "and", "of", "to", "is", "that", "for", "with", "in", "on", "it", "are",
    "be", "this", "as", "by", "or", "an", "can", "you", NULL
  };

  return g_strv_contains (words, word);
}

/* A guess good enough for the language facet: Swedish when its common
 * words and letters (å, ä, ö) outweigh English ones, English when there
 * are letters at all, otherwise nothing.
 */
static char *
guess_language (GPtrArray *texts)
{
  g_autoptr(GString) sample = g_string_new (NULL);
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  guint swedish = 0;
  guint english = 0;
  gboolean letters = FALSE;

  for (guint i = 0; i < texts->len && sample->len < LANGUAGE_SAMPLE_BYTES; i++)
    {
      g_string_append (sample, g_ptr_array_index (texts, i));
      g_string_append_c (sample, '\n');
    }

  folded = g_utf8_strdown (sample->str, -1);
  words = g_regex_split_simple ("[^[:alpha:]]+", folded, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (*word == '\0')
        continue;

      letters = TRUE;
      if (is_swedish_word (word))
        swedish++;
      else if (is_english_word (word))
        english++;
      else if (strstr (word, "å") != NULL || strstr (word, "ä") != NULL ||
               strstr (word, "ö") != NULL)
        swedish++;
    }

  if (!letters)
    return NULL;

  return g_strdup (swedish > english ? "sv" : "en");
}

static cairo_status_t
write_png_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_pdf_thumbnail (PopplerPage *page,
                      double       width,
                      double       height)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  double scale = LANKA_MATERIAL_THUMBNAIL_SIZE / MAX (width, height);
  int thumbnail_width = MAX (1, (int) round (width * scale));
  int thumbnail_height = MAX (1, (int) round (height * scale));
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, thumbnail_width, thumbnail_height);
  cr = cairo_create (surface);

  /* A page is paper: what it leaves transparent is white. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);

  status = cairo_surface_write_to_png_stream (surface, write_png_cb, png);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static gboolean
read_pdf_pages (LankaMaterialContent  *content,
                PopplerDocument       *document,
                GCancellable          *cancellable,
                LankaMaterialProgress  progress,
                gpointer               user_data,
                GError               **error)
{
  g_autofree char *title = NULL;
  int n_pages;

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                           _("The PDF has no pages."));
      return FALSE;
    }

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page;
      g_autofree char *text = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      page = poppler_document_get_page (document, i);
      if (page != NULL)
        text = poppler_page_get_text (page);

      if (i == 0)
        {
          double width = 0;
          double height = 0;

          if (page != NULL)
            poppler_page_get_size (page, &width, &height);

          /* poppler gives a page without a usable size one of its own,
           * but a damaged file can still end up here.
           */
          if (!(isfinite (width) && isfinite (height) && width > 0 && height > 0))
            {
              g_clear_object (&page);
              g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                                   _("The PDF is damaged and cannot be read."));
              return FALSE;
            }

          content->page_width = width;
          content->page_height = height;
          content->thumbnail = render_pdf_thumbnail (page, width, height);

          /* A deck is drawn in landscape, a document on portrait paper. */
          content->kind = g_strdup (width > height ? "slides" : "document");
        }

      g_clear_object (&page);
      g_ptr_array_add (content->page_texts,
                       text != NULL ? g_utf8_make_valid (text, -1) : g_strdup (""));

      if (progress != NULL)
        progress (i + 1, n_pages, user_data);
    }

  content->page_count = n_pages;
  content->mime_type = g_strdup ("application/pdf");

  title = poppler_document_get_title (document);
  if (title != NULL)
    {
      char *valid = g_utf8_make_valid (title, -1);

      g_free (title);
      title = g_strstrip (valid);
    }
  if (title != NULL && *title != '\0')
    content->title = g_steal_pointer (&title);

  return TRUE;
}

static gboolean
read_pdf (LankaMaterialContent  *content,
          GCancellable          *cancellable,
          LankaMaterialProgress  progress,
          gpointer               user_data,
          GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;
  gboolean ok;

  document = poppler_document_new_from_bytes (content->data, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_ENCRYPTED,
                             _("The PDF is protected by a password. Save a copy without "
                               "the password and import that."));
      else
        g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                             _("The PDF is damaged and cannot be read."));
      return FALSE;
    }

  ok = read_pdf_pages (content, document, cancellable, progress, user_data, error);
  g_object_unref (document);

  return ok;
}

typedef struct
{
  int      width;
  int      height;
  gboolean scalable;
  gboolean too_large;
} ImageSize;

static void
on_loader_size_prepared_cb (GdkPixbufLoader *loader,
                            int              width,
                            int              height,
                            ImageSize       *size)
{
  int longest = MAX (width, height);

  size->width = width;
  size->height = height;

  if (width <= 0 || height <= 0)
    return;

  /* Stop a huge bitmap before gdk-pixbuf allocates its pixels; a
   * drawing (SVG) is simply drawn small.
   */
  if (!size->scalable && (gint64) width * height > MAX_IMAGE_PIXELS)
    {
      size->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if (longest > LANKA_MATERIAL_THUMBNAIL_SIZE)
    {
      double scale = (double) LANKA_MATERIAL_THUMBNAIL_SIZE / longest;

      gdk_pixbuf_loader_set_size (loader,
                                  MAX (1, (int) round (width * scale)),
                                  MAX (1, (int) round (height * scale)));
    }
}

static gboolean
read_image (LankaMaterialContent  *content,
            const char            *mime_type,
            GError               **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *png = NULL;
  ImageSize size = { 0, 0, g_str_equal (mime_type, "image/svg+xml"), FALSE };
  GdkPixbuf *pixbuf;
  gsize png_size = 0;
  gboolean written;
  gboolean closed;

  loader = gdk_pixbuf_loader_new_with_mime_type (mime_type, &local_error);
  if (loader == NULL)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED,
                           _("Länka cannot show images of this kind on this computer."));
      return FALSE;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_loader_size_prepared_cb), &size);

  written = gdk_pixbuf_loader_write_bytes (loader, content->data, NULL);
  /* A loader must always be closed, also after a failed write. */
  closed = gdk_pixbuf_loader_close (loader, NULL);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  if (size.too_large)
    {
      g_set_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_TOO_LARGE,
                   _("The image is %d × %d pixels, more than Länka can show. Save a smaller "
                     "copy and import that."),
                   size.width, size.height);
      return FALSE;
    }

  if (!written || !closed || pixbuf == NULL || size.width <= 0 || size.height <= 0)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                           _("The image is damaged and cannot be read."));
      return FALSE;
    }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_size, "png", &local_error, NULL))
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                           _("The image is damaged and cannot be read."));
      return FALSE;
    }

  content->kind = g_strdup ("image");
  content->mime_type = g_strdup (mime_type);
  content->page_count = 1;
  content->page_width = size.width;
  content->page_height = size.height;
  content->thumbnail = g_bytes_new_take (g_steal_pointer (&png), png_size);
  g_ptr_array_add (content->page_texts, g_strdup (""));

  return TRUE;
}

static gboolean
looks_like_markdown (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 200);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "# ") || g_str_has_prefix (line, "## ") ||
          g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* ") ||
          g_str_has_prefix (line, "```") || strstr (line, "](") != NULL ||
          strstr (line, "**") != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The first Markdown heading, or else the first line with something on
 * it; a long line is cut at a word.
 */
static char *
note_title (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *first = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '#')
        {
          while (*line == '#')
            line++;
          line = g_strstrip (line);
          if (*line != '\0')
            return g_strdup (line);
        }
      else if (first == NULL && *line != '\0')
        {
          first = line;
        }
    }

  if (first == NULL)
    return NULL;

  if (g_utf8_strlen (first, -1) > 80)
    {
      const char *cut = g_utf8_offset_to_pointer (first, 80);
      const char *space = g_utf8_strrchr (first, cut - first, ' ');
      g_autofree char *start = g_strndup (first, (space != NULL ? space : cut) - first);

      return g_strconcat (start, "…", NULL);
    }

  return g_strdup (first);
}

static gboolean
read_note (LankaMaterialContent  *content,
           GError               **error)
{
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (content->data, &size);
  gsize start = skip_bom (bytes, size);
  g_autofree char *text = g_strndup ((const char *) bytes + start, size - start);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *title = NULL;

  if (*stripped == '\0')
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_EMPTY,
                           _("The note has no text."));
      return FALSE;
    }

  title = note_title (text);

  content->kind = g_strdup ("note");
  content->mime_type = g_strdup (looks_like_markdown (text) ? "text/markdown" : "text/plain");
  content->page_count = 1;
  if (title != NULL)
    content->title = g_steal_pointer (&title);
  g_ptr_array_add (content->page_texts, g_steal_pointer (&text));

  return TRUE;
}

static void
set_video (LankaMaterialContent *content,
           const char           *mime_type)
{
  content->kind = g_strdup ("video");
  content->mime_type = g_strdup (mime_type);
  content->page_count = 1;
  g_ptr_array_add (content->page_texts, g_strdup (""));
}

/**
 * lanka_material_read:
 * @data: the whole file
 * @file_name: (nullable): the name the person chose, for the title and
 *   the library; a folder in it is dropped
 * @cancellable: (nullable): checked between the pages of a PDF
 * @progress: (nullable) (scope call): told the pages done so far
 * @user_data: for @progress
 * @error: a location for a #GError
 *
 * Reads one outside file for the training library in memory; see the
 * header for what it gives and refuses.
 *
 * Returns: (transfer full): what the file holds, ready for
 *   lanka_materials_add(), or %NULL with @error set
 */
LankaMaterialContent *
lanka_material_read (GBytes                *data,
                     const char            *file_name,
                     GCancellable          *cancellable,
                     LankaMaterialProgress  progress,
                     gpointer               user_data,
                     GError               **error)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  const guint8 *bytes;
  gboolean ok = FALSE;
  gsize size = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_bytes_get_data (data, &size);

  if (size == 0)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_EMPTY,
                           _("The file is empty."));
      return NULL;
    }

  if (size > LANKA_MATERIAL_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (LANKA_MATERIAL_MAX_SIZE);

      g_set_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %s, the most the library takes."), limit);
      return NULL;
    }

  content = lanka_material_content_new ();
  content->data = g_bytes_ref (data);
  if (content->page_texts == NULL)
    content->page_texts = g_ptr_array_new_with_free_func (g_free);
  if (file_name != NULL && *file_name != '\0')
    content->file_name = g_path_get_basename (file_name);

  switch (sniff (bytes, size))
    {
    case FORMAT_PDF:
      ok = read_pdf (content, cancellable, progress, user_data, error);
      break;

    case FORMAT_PNG:
      ok = read_image (content, "image/png", error);
      break;

    case FORMAT_JPEG:
      ok = read_image (content, "image/jpeg", error);
      break;

    case FORMAT_SVG:
      ok = read_image (content, "image/svg+xml", error);
      break;

    case FORMAT_MP4:
      set_video (content, "video/mp4");
      ok = TRUE;
      break;

    case FORMAT_WEBM:
      set_video (content, "video/webm");
      ok = TRUE;
      break;

    case FORMAT_TEXT:
      ok = read_note (content, error);
      break;

    case FORMAT_FOREIGN_TEXT:
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_NOT_TEXT,
                           _("The text is not saved as UTF-8. Save it as UTF-8 in your "
                             "text editor and import it again."));
      break;

    case FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED,
                           _("Länka does not know this kind of file. The library takes PDF "
                             "documents, PNG, JPEG and SVG images, MP4 and WebM films, and "
                             "text or Markdown notes."));
      break;
    }

  if (!ok)
    return NULL;

  /* Formats read without pages (images, films) report their one step. */
  if (progress != NULL && g_strcmp0 (content->mime_type, "application/pdf") != 0)
    progress (1, 1, user_data);

  if (content->title == NULL)
    content->title = title_from_file_name (content->file_name);
  content->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  content->language = guess_language (content->page_texts);

  return g_steal_pointer (&content);
}

/**
 * lanka_material_read_link:
 * @url: an http or https address
 * @title: (nullable): the title, or %NULL for the address's host
 * @error: a location for a #GError
 *
 * Returns: (transfer full): a link as material, or %NULL with @error set
 */
LankaMaterialContent *
lanka_material_read_link (const char  *url,
                          const char  *title,
                          GError     **error)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *stripped_title = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (url));
  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                           _("This is not a web address. A link starts with http:// or "
                             "https://."));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED,
                           _("Only web addresses can be links. A link starts with http:// or "
                             "https://."));
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                           _("This is not a web address. A link starts with http:// or "
                             "https://."));
      return NULL;
    }

  if (title != NULL)
    stripped_title = g_strstrip (g_strdup (title));

  content = lanka_material_content_new ();
  if (content->page_texts == NULL)
    content->page_texts = g_ptr_array_new_with_free_func (g_free);
  content->kind = g_strdup ("link");
  content->mime_type = g_strdup ("text/uri-list");
  content->url = g_uri_to_string (uri);
  content->title = stripped_title != NULL && *stripped_title != '\0'
                   ? g_steal_pointer (&stripped_title)
                   : g_strdup (g_uri_get_host (uri));
  content->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content->url, -1);
  content->page_count = 1;
  g_ptr_array_add (content->page_texts, g_strdup (""));

  return g_steal_pointer (&content);
}

static gpointer
init_gstreamer (gpointer data)
{
  g_autoptr(GError) error = NULL;

  return GINT_TO_POINTER (gst_init_check (NULL, NULL, &error));
}

static gboolean
set_cannot_play (GError **error)
{
  g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_CANNOT_PLAY,
                       _("The codecs installed on this computer cannot play this film. Save it "
                         "as WebM (VP8 or VP9) or as MP4 (H.264) and import it again."));
  return FALSE;
}

/**
 * lanka_material_check_video:
 * @data: the whole film
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Asks GStreamer, through a sealed memfd, whether the installed codecs
 * can play the film in @data, as GtkVideo will have to.  Blocks for up
 * to a few seconds.
 *
 * Returns: %TRUE when the film can be played
 */
gboolean
lanka_material_check_video (GBytes        *data,
                            GCancellable  *cancellable,
                            GError       **error)
{
  static GOnce gstreamer_once = G_ONCE_INIT;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  GList *streams;
  gboolean playable;
  int fd;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!GPOINTER_TO_INT (g_once (&gstreamer_once, init_gstreamer, NULL)))
    return set_cannot_play (error);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT, &local_error);
  if (discoverer == NULL)
    return set_cannot_play (error);

  fd = lanka_memfd_new_from_bytes (data, "film", error);
  if (fd < 0)
    return FALSE;

  uri = g_strdup_printf ("file:///proc/self/fd/%d", fd);
  info = gst_discoverer_discover_uri (discoverer, uri, &local_error);
  close (fd);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (info == NULL || gst_discoverer_info_get_result (info) != GST_DISCOVERER_OK)
    return set_cannot_play (error);

  /* A sound file in an MP4 box has nothing to show. */
  streams = gst_discoverer_info_get_video_streams (info);
  playable = streams != NULL;
  gst_discoverer_stream_info_list_free (streams);

  if (!playable)
    return set_cannot_play (error);

  return TRUE;
}

/**
 * lanka_material_import:
 * @database: an open #LankaDatabase
 * @data: the whole file
 * @file_name: (nullable): the name the person chose
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope call): told the pages done so far
 * @user_data: for @progress
 * @error: a location for a #GError
 *
 * Reads the file, checks that a film can be played, and adds it to the
 * library.  A refused file leaves nothing behind.
 *
 * Returns: (transfer full): the new material, or %NULL with @error set
 *   (%LANKA_IO_ERROR, or %LANKA_STORE_ERROR_EXISTS for a file that is in
 *   the library already)
 */
LankaRecord *
lanka_material_import (LankaDatabase         *database,
                       GBytes                *data,
                       const char            *file_name,
                       GCancellable          *cancellable,
                       LankaMaterialProgress  progress,
                       gpointer               user_data,
                       GError               **error)
{
  g_autoptr(LankaMaterialContent) content = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  content = lanka_material_read (data, file_name, cancellable, progress, user_data, error);
  if (content == NULL)
    return NULL;

  if (g_str_equal (content->kind, "video") &&
      !lanka_material_check_video (data, cancellable, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return lanka_materials_add (database, content, error);
}

/**
 * lanka_memfd_new_from_bytes:
 * @data: what the file holds
 * @name: (nullable): a name for debugging (shown in /proc/self/fd)
 * @error: a location for a #GError
 *
 * Returns: a descriptor of a sealed anonymous file in memory holding
 *   @data, at its start, for the caller to close; or -1 with @error set
 */
int
lanka_memfd_new_from_bytes (GBytes      *data,
                            const char  *name,
                            GError     **error)
{
  const guint8 *bytes;
  gsize size = 0;
  gsize done = 0;
  int saved_errno;
  int fd;

  g_return_val_if_fail (data != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  bytes = g_bytes_get_data (data, &size);

  fd = memfd_create (name != NULL ? name : "lanka", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0)
    goto failed;

  while (done < size)
    {
      ssize_t written = write (fd, bytes + done, size - done);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        goto failed;
      done += written;
    }

  /* Sealed, the file can no more change than the bytes it came from. */
  if (fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0 ||
      lseek (fd, 0, SEEK_SET) < 0)
    goto failed;

  return fd;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The file could not be held in memory: %s"), g_strerror (saved_errno));
  return -1;
}

static GBytes *
lookup_sample (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (SAMPLE_RESOURCE_PATH, name, NULL);

  return g_resource_lookup_data (lanka_sample_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static GStrv
dup_string_array (JsonObject *object,
                  const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  return g_strv_builder_end (builder);
}

/* Adds one deck of the sample course with its metadata and notes, or
 * finds it when a person imported the same file before.
 */
static LankaRecord *
add_sample_deck (LankaDatabase  *database,
                 JsonObject     *deck,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_auto(GStrv) audiences = NULL;
  g_auto(GStrv) topics = NULL;
  const char *resource = json_object_get_string_member (deck, "resource");
  JsonArray *notes;

  data = lookup_sample (resource, error);
  if (data == NULL)
    return NULL;

  content = lanka_material_read (data, resource, cancellable, NULL, NULL, error);
  if (content == NULL)
    return NULL;

  material = lanka_materials_add (database, content, &local_error);
  if (material == NULL)
    {
      if (!g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      return lanka_materials_find_by_hash (database, content->sha256, error);
    }

  audiences = dup_string_array (deck, "audiences");
  topics = dup_string_array (deck, "topics");

  lanka_record_set (material, "title", json_object_get_string_member (deck, "title"));
  lanka_record_set (material, "description", json_object_get_string_member (deck, "description"));
  lanka_record_set (material, "language", json_object_get_string_member (deck, "language"));
  lanka_record_set_list (material, "audiences", (const char * const *) audiences);
  lanka_record_set_list (material, "topics", (const char * const *) topics);
  lanka_record_set (material, "source", SAMPLE_SOURCE);
  lanka_record_set_int (material, "year", json_object_get_int_member (deck, "year"));
  lanka_record_set (material, "usage_note", json_object_get_string_member (deck, "usage_note"));
  lanka_record_set_int (material, "duration", json_object_get_int_member (deck, "duration"));

  if (!lanka_materials_save (database, material, error))
    return NULL;

  notes = json_object_get_array_member (deck, "notes");
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      const char *note = json_array_get_string_element (notes, i);

      if (!lanka_presenter_notes_set (database, lanka_record_get_uuid (material), i + 1, note,
                                      error))
        return NULL;
    }

  return g_steal_pointer (&material);
}

/**
 * lanka_material_sample_ensure:
 * @database: an open #LankaDatabase
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Gives the sample data their course: the two decks Länka drew when it
 * was built, with their speaker notes and metadata, in one course.  Once:
 * when the Swedish deck is in the library already, nothing happens.
 *
 * Returns: %TRUE on success, also when the course was there
 */
gboolean
lanka_material_sample_ensure (LankaDatabase  *database,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LankaRecord) course = NULL;
  g_autoptr(LankaRecord) existing = NULL;
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) course_json = NULL;
  g_autoptr(GBytes) first_deck = NULL;
  g_autofree char *first_hash = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonObject *course_object;
  JsonArray *decks;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  course_json = lookup_sample ("sample-course.json", error);
  if (course_json == NULL)
    return FALSE;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (course_json, NULL),
                                   g_bytes_get_size (course_json), error))
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  course_object = json_object_get_object_member (root, "course");
  decks = json_object_get_array_member (root, "decks");

  /* The Swedish deck comes first; when it is there, so is the course. */
  first_deck = lookup_sample (json_object_get_string_member (json_array_get_object_element (decks, 0),
                                                             "resource"),
                              error);
  if (first_deck == NULL)
    return FALSE;

  first_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, first_deck);
  existing = lanka_materials_find_by_hash (database, first_hash, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (decks); i++)
    {
      LankaRecord *material = add_sample_deck (database, json_array_get_object_element (decks, i),
                                               cancellable, error);

      if (material == NULL)
        return FALSE;
      g_ptr_array_add (materials, material);
    }

  course = lanka_record_new ("collection");
  lanka_record_set (course, "title", json_object_get_string_member (course_object, "title"));
  lanka_record_set (course, "description",
                    json_object_get_string_member (course_object, "description"));
  lanka_record_set (course, "audience", json_object_get_string_member (course_object, "audience"));
  lanka_record_set_int (course, "planned_minutes",
                        json_object_get_int_member (course_object, "planned_minutes"));

  if (!lanka_collections_save (database, course, error))
    return FALSE;

  for (guint i = 0; i < materials->len; i++)
    {
      LankaRecord *material = g_ptr_array_index (materials, i);

      if (!lanka_collections_insert (database, lanka_record_get_uuid (course),
                                     lanka_record_get_uuid (material), -1, error))
        return FALSE;
    }

  return TRUE;
}
