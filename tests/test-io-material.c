/* test-io-material.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/gst.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lanka-io-error.h"
#include "lanka-key.h"
#include "lanka-material-import.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"

/* A manual that Debian ships as a PDF made by pdfTeX: a real document
 * that Länka did not draw itself.
 */
#define THIRD_PARTY_PDF "/usr/share/doc/libtasn1-doc/libtasn1.pdf"

typedef struct
{
  char          *dir;
  LankaDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = lanka_test_make_data_dir ();
  path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GBytes *
load_file (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "material", name, NULL);
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF drawn here, one word of its own on each page. */
static GBytes *
make_pdf (double              width,
          double              height,
          const char         *title,
          const char * const *words)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, width, height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cr = cairo_create (surface);

  for (guint i = 0; words[i] != NULL; i++)
    {
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                              CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 32);
      cairo_move_to (cr, 40, 100);
      cairo_show_text (cr, words[i]);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (pdf);
}

static GBytes *
make_png (int width,
          int height)
{
  GByteArray *png = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.9, 0.4, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_cb, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

static GdkPixbuf *
decode_png (GBytes *png)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type ("image/png", NULL);
  g_autoptr(GError) error = NULL;
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_assert_nonnull (png);
  g_assert_cmpuint (g_bytes_get_size (png), >, sizeof signature);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), sizeof signature, signature, sizeof signature);

  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static guint
n_materials (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) materials = lanka_materials_list (database, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (materials);

  return g_list_model_get_n_items (materials);
}

static void
count_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, calls[0] + 1);
  calls[0]++;
  calls[1] = total;
}

static const char * const three_words[] = { "ankare", "blåbär", "cykelväg", NULL };

static void
test_pdf_generated (void)
{
  g_autoptr(GBytes) pdf = make_pdf (800, 450, "Samverkan i länet", three_words);
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  guint calls[2] = { 0, 0 };

  content = lanka_material_read (pdf, "/home/trainer/Documents/deck.pdf", NULL,
                                 count_progress_cb, calls, &error);
  g_assert_no_error (error);
  g_assert_nonnull (content);

  g_assert_cmpstr (content->kind, ==, "slides");
  g_assert_cmpstr (content->mime_type, ==, "application/pdf");
  g_assert_cmpstr (content->title, ==, "Samverkan i länet");
  g_assert_cmpstr (content->file_name, ==, "deck.pdf");
  g_assert_cmpstr (content->sha256, ==, sha256);
  g_assert_true (content->data == pdf);
  g_assert_cmpuint (content->page_count, ==, 3);
  g_assert_cmpfloat_with_epsilon (content->page_width, 800, 0.5);
  g_assert_cmpfloat_with_epsilon (content->page_height, 450, 0.5);

  /* Each page has its own word, and only that one. */
  g_assert_cmpuint (content->page_texts->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_true ((strstr (g_ptr_array_index (content->page_texts, i), three_words[j]) != NULL)
                     == (i == j));

  /* Progress page by page, up to the last. */
  g_assert_cmpuint (calls[0], ==, 3);
  g_assert_cmpuint (calls[1], ==, 3);

  thumbnail = decode_png (content->thumbnail);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, LANKA_MATERIAL_THUMBNAIL_SIZE);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 180);

  /* The thumbnail shows the page: white paper with dark text on it. */
  {
    const guint8 *pixels = gdk_pixbuf_read_pixels (thumbnail);
    int stride = gdk_pixbuf_get_rowstride (thumbnail);
    int channels = gdk_pixbuf_get_n_channels (thumbnail);
    gboolean dark = FALSE;

    g_assert_cmpuint (pixels[0], ==, 255);
    for (int y = 0; y < 60; y++)
      for (int x = 0; x < 200; x++)
        dark |= pixels[y * stride + x * channels] < 128;
    g_assert_true (dark);
  }
}

static void
test_pdf_portrait_untitled (void)
{
  static const char * const words[] = { "Handläggning", NULL };
  g_autoptr(GBytes) pdf = make_pdf (595, 842, NULL, words);
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  content = lanka_material_read (pdf, "Rutin för handläggning.v2.pdf", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (content->kind, ==, "document");
  g_assert_cmpstr (content->title, ==, "Rutin för handläggning.v2");

  thumbnail = decode_png (content->thumbnail);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, LANKA_MATERIAL_THUMBNAIL_SIZE);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 226);
}

static void
test_pdf_cancelled (void)
{
  g_autoptr(GBytes) pdf = make_pdf (800, 450, NULL, three_words);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  content = lanka_material_read (pdf, "deck.pdf", cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (content);
}

static void
test_pdf_import_search (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GBytes) pdf = make_pdf (800, 450, "Samverkan i länet", three_words);
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(LankaRecord) again = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  LankaMaterialHit *hit;

  material = lanka_material_import (fixture->database, pdf, "deck.pdf", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (material);
  g_assert_cmpstr (lanka_record_get (material, "title"), ==, "Samverkan i länet");
  g_assert_cmpstr (lanka_record_get (material, "kind"), ==, "slides");
  g_assert_cmpint (lanka_record_get_int (material, "page_count", 0), ==, 3);

  /* The file itself is kept, byte for byte. */
  stored = lanka_materials_dup_file (fixture->database, lanka_record_get_uuid (material), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, pdf));

  /* The search finds the page the word is on. */
  hits = lanka_materials_search (fixture->database, "blåbär", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (lanka_record_get_uuid (hit->material), ==, lanka_record_get_uuid (material));
  g_assert_cmpuint (hit->pages->len, ==, 1);
  g_assert_cmpuint (g_array_index (hit->pages, guint, 0), ==, 2);

  pages = lanka_materials_find_pages (fixture->database, lanka_record_get_uuid (material),
                                      "cykelväg", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpuint (g_array_index (pages, guint, 0), ==, 3);

  /* The same bytes again, under another name: refused, still one. */
  again = lanka_material_import (fixture->database, pdf, "copy of deck.pdf", NULL, NULL, NULL,
                                 &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_EXISTS);
  g_assert_null (again);
  g_assert_cmpuint (n_materials (fixture->database), ==, 1);
}

static void
test_pdf_third_party (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *page_text = NULL;
  g_autoptr(GBytes) pdf = NULL;
  gsize len = 0;

  g_file_get_contents (THIRD_PARTY_PDF, &contents, &len, &error);
  g_assert_no_error (error);
  pdf = g_bytes_new_take (g_steal_pointer (&contents), len);

  content = lanka_material_read (pdf, THIRD_PARTY_PDF, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* A portrait manual without a title of its own. */
  g_assert_cmpuint (content->page_count, >, 10);
  g_assert_cmpstr (content->kind, ==, "document");
  g_assert_cmpstr (content->title, ==, "libtasn1");
  g_assert_cmpstr (content->language, ==, "en");
  g_assert_nonnull (strstr (g_ptr_array_index (content->page_texts, 0), "Libtasn1"));
  g_assert_nonnull (strstr (g_ptr_array_index (content->page_texts, 10), "vectorName"));
  g_assert_null (strstr (g_ptr_array_index (content->page_texts, 11), "vectorName"));

  thumbnail = decode_png (content->thumbnail);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, LANKA_MATERIAL_THUMBNAIL_SIZE);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), <, LANKA_MATERIAL_THUMBNAIL_SIZE);

  material = lanka_materials_add (fixture->database, content, &error);
  g_assert_no_error (error);

  /* Found on page 11 (counted from 1), where the manual has it. */
  pages = lanka_materials_find_pages (fixture->database, lanka_record_get_uuid (material),
                                      "vectorname", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpuint (g_array_index (pages, guint, 0), ==, 11);

  page_text = lanka_materials_dup_page_text (fixture->database, lanka_record_get_uuid (material),
                                             11, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page_text, "asn1_parser2tree"));
}

static void
assert_refused (Fixture    *fixture,
                GBytes     *data,
                const char *file_name,
                GQuark      domain,
                int         code)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) import_error = NULL;

  content = lanka_material_read (data, file_name, NULL, NULL, NULL, &error);
  g_assert_error (error, domain, code);
  g_assert_null (content);

  /* A sentence for the person, not a library's message. */
  g_assert_true (g_ascii_isupper (error->message[0]) || error->message[0] == 'L');
  g_assert_true (g_str_has_suffix (error->message, "."));

  /* Nothing refused leaves a trace in the library. */
  material = lanka_material_import (fixture->database, data, file_name, NULL, NULL, NULL,
                                    &import_error);
  g_assert_error (import_error, domain, code);
  g_assert_null (material);
  g_assert_cmpuint (n_materials (fixture->database), ==, 0);
}

static void
test_refused_encrypted (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GBytes) pdf = load_file ("encrypted.pdf");

  assert_refused (fixture, pdf, "encrypted.pdf", LANKA_IO_ERROR, LANKA_IO_ERROR_ENCRYPTED);
}

static void
test_refused_damaged (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GBytes) pdf = load_file ("damaged.pdf");
  g_autoptr(GBytes) good = make_pdf (800, 450, NULL, three_words);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (good, 0, 300);
  g_autoptr(GBytes) png = make_png (64, 64);
  /* The signature, the header and the first bytes of the pixels. */
  g_autoptr(GBytes) broken_png = g_bytes_new_from_bytes (png, 0, 45);
  g_autoptr(GBytes) svg = NULL;
  static const char *broken_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect";

  assert_refused (fixture, pdf, "damaged.pdf", LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED);
  assert_refused (fixture, truncated, "truncated.pdf", LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED);
  assert_refused (fixture, broken_png, "broken.png", LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED);

  svg = g_bytes_new_static (broken_svg, strlen (broken_svg));
  assert_refused (fixture, svg, "broken.svg", LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED);
}

static void
test_refused_empty (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) blank = g_bytes_new_static ("\n  \n\t\n", 6);

  assert_refused (fixture, empty, "empty.pdf", LANKA_IO_ERROR, LANKA_IO_ERROR_EMPTY);
  assert_refused (fixture, blank, "blank.md", LANKA_IO_ERROR, LANKA_IO_ERROR_EMPTY);
}

static void
test_refused_unknown (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260801);
  guint8 random[4096];
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) matroska = NULL;
  static const guint8 mkv[] = {
    0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88,
    'm', 'a', 't', 'r', 'o', 's', 'k', 'a', 0x00, 0x00, 0x00, 0x00,
  };
  /* "Blåbär" in Latin-1: text, but not UTF-8. */
  static const char latin1_text[] = "Bl\xe5" "b\xe4r och lingon\n";
  g_autoptr(GBytes) latin1 = g_bytes_new_static (latin1_text, sizeof latin1_text - 1);

  for (guint i = 0; i < sizeof random; i++)
    random[i] = g_rand_int_range (rand, 0, 256);
  data = g_bytes_new (random, sizeof random);
  matroska = g_bytes_new_static (mkv, sizeof mkv);

  assert_refused (fixture, data, "slides.pdf", LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED);
  assert_refused (fixture, matroska, "film.mkv", LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED);
  assert_refused (fixture, latin1, "lingon.txt", LANKA_IO_ERROR, LANKA_IO_ERROR_NOT_TEXT);
}

static void
test_refused_too_large (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gsize size = LANKA_MATERIAL_MAX_SIZE + 1;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) huge = NULL;
  void *memory;

  /* The size alone refuses the file: reserved, never touched, so the
   * pages are never really allocated.
   */
  memory = mmap (NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  g_assert_true (memory != MAP_FAILED);
  data = g_bytes_new_static (memory, size);

  assert_refused (fixture, data, "film.mp4", LANKA_IO_ERROR, LANKA_IO_ERROR_TOO_LARGE);

  g_clear_pointer (&data, g_bytes_unref);
  munmap (memory, size);

  /* A small file that says it is a 20000 × 20000 image: refused before
   * its pixels would take 1.6 GB.
   */
  huge = load_file ("huge.png");
  assert_refused (fixture, huge, "huge.png", LANKA_IO_ERROR, LANKA_IO_ERROR_TOO_LARGE);
}

static void
test_image_png (void)
{
  g_autoptr(GBytes) png = make_png (1000, 500);
  g_autoptr(GBytes) tiny = load_file ("tiny.png");
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaMaterialContent) tiny_content = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GdkPixbuf) tiny_thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  content = lanka_material_read (png, "Karta över länen.png", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content->kind, ==, "image");
  g_assert_cmpstr (content->mime_type, ==, "image/png");
  g_assert_cmpstr (content->title, ==, "Karta över länen");
  g_assert_cmpuint (content->page_count, ==, 1);
  g_assert_cmpfloat (content->page_width, ==, 1000);
  g_assert_cmpfloat (content->page_height, ==, 500);
  g_assert_null (content->language);

  thumbnail = decode_png (content->thumbnail);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 160);

  /* A small image is not blown up. */
  tiny_content = lanka_material_read (tiny, "tiny.png", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  tiny_thumbnail = decode_png (tiny_content->thumbnail);
  g_assert_cmpint (gdk_pixbuf_get_width (tiny_thumbnail), ==, 12);
  g_assert_cmpint (gdk_pixbuf_get_height (tiny_thumbnail), ==, 8);
}

static void
test_image_jpeg_svg (void)
{
  g_autoptr(GBytes) jpeg = load_file ("tiny.jpg");
  g_autoptr(GBytes) svg = load_file ("drawing.svg");
  g_autoptr(LankaMaterialContent) jpeg_content = NULL;
  g_autoptr(LankaMaterialContent) svg_content = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  jpeg_content = lanka_material_read (jpeg, "photo.jpeg", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jpeg_content->mime_type, ==, "image/jpeg");
  g_assert_cmpfloat (jpeg_content->page_width, ==, 12);
  g_assert_cmpfloat (jpeg_content->page_height, ==, 8);

  /* An SVG is recognised by its content, whatever it is called. */
  svg_content = lanka_material_read (svg, "drawing.txt", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (svg_content->kind, ==, "image");
  g_assert_cmpstr (svg_content->mime_type, ==, "image/svg+xml");
  g_assert_cmpfloat (svg_content->page_width, ==, 640);
  g_assert_cmpfloat (svg_content->page_height, ==, 480);

  thumbnail = decode_png (svg_content->thumbnail);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 240);
}

static void
test_note (void)
{
  g_autoptr(GBytes) markdown = load_file ("note.md");
  g_autoptr(GBytes) text = load_file ("note.txt");
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaMaterialContent) plain = NULL;
  g_autoptr(GError) error = NULL;

  content = lanka_material_read (markdown, "samtal.md", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content->kind, ==, "note");
  g_assert_cmpstr (content->mime_type, ==, "text/markdown");
  g_assert_cmpstr (content->title, ==, "Samtal med en förmodat utsatt person");
  g_assert_cmpstr (content->language, ==, "sv");
  g_assert_cmpuint (content->page_count, ==, 1);
  g_assert_cmpuint (content->page_texts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (content->page_texts, 0), "Boka en tolk"));
  g_assert_null (content->thumbnail);

  plain = lanka_material_read (text, "checklist.txt", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain->mime_type, ==, "text/plain");
  g_assert_cmpstr (plain->title, ==, "Checklist for the training day");
  g_assert_cmpstr (plain->language, ==, "en");
}

/* A file that says it is an MP4 and then holds nothing a codec can use. */
static GBytes *
make_junk_mp4 (void)
{
  static const guint8 header[] = {
    0x00, 0x00, 0x00, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm',
    0x00, 0x00, 0x02, 0x00, 'i', 's', 'o', 'm', 'a', 'v', 'c', '1',
  };
  GByteArray *mp4 = g_byte_array_new ();

  g_byte_array_append (mp4, header, sizeof header);
  for (guint i = 0; i < 2048; i++)
    {
      guint8 junk = (i * 131 + 7) & 0xff;

      g_byte_array_append (mp4, &junk, 1);
    }

  return g_byte_array_free_to_bytes (mp4);
}

static void
test_video (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GBytes) mp4 = make_junk_mp4 ();
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaMaterialContent) webm_content = NULL;
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 webm[] = {
    0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84,
    'w', 'e', 'b', 'm', 0x42, 0x87, 0x81, 0x04,
  };
  g_autoptr(GBytes) webm_bytes = g_bytes_new_static (webm, sizeof webm);

  content = lanka_material_read (mp4, "film.mp4", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content->kind, ==, "video");
  g_assert_cmpstr (content->mime_type, ==, "video/mp4");
  g_assert_cmpuint (content->page_count, ==, 1);
  g_assert_null (content->thumbnail);

  webm_content = lanka_material_read (webm_bytes, "film.webm", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (webm_content->mime_type, ==, "video/webm");

  g_assert_false (lanka_material_check_video (mp4, NULL, &error));
  g_assert_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_CANNOT_PLAY);
  g_assert_nonnull (strstr (error->message, "WebM"));
  g_clear_error (&error);

  /* Refused as a whole: no material that cannot be shown. */
  material = lanka_material_import (fixture->database, mp4, "film.mp4", NULL, NULL, NULL, &error);
  g_assert_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_CANNOT_PLAY);
  g_assert_null (material);
  g_assert_cmpuint (n_materials (fixture->database), ==, 0);
}

/* A second of a real WebM film, encoded here, or %NULL when the
 * GStreamer elements for it are missing.
 */
static GBytes *
make_webm (void)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize size = 0;
  int fd;

  gst_init (NULL, NULL);

  fd = memfd_create ("test-film", MFD_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  description = g_strdup_printf ("videotestsrc num-buffers=25 ! video/x-raw,width=160,height=90,"
                                 "framerate=25/1 ! vp8enc deadline=1 ! webmmux ! fdsink fd=%d",
                                 fd);
  pipeline = gst_parse_launch (description, &error);
  if (pipeline == NULL)
    {
      close (fd);
      return NULL;
    }

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  path = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  close (fd);

  return g_bytes_new_take (contents, size);
}

static void
test_video_playable (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) webm = make_webm ();
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;

  if (webm == NULL)
    {
      g_test_skip ("GStreamer cannot encode VP8 WebM here");
      return;
    }

  g_assert_true (lanka_material_check_video (webm, NULL, &error));
  g_assert_no_error (error);

  material = lanka_material_import (fixture->database, webm, "Introduktion.webm", NULL, NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_record_get (material, "kind"), ==, "video");
  g_assert_cmpstr (lanka_record_get (material, "mime_type"), ==, "video/webm");
  g_assert_cmpstr (lanka_record_get (material, "title"), ==, "Introduktion");
  g_assert_cmpuint (n_materials (fixture->database), ==, 1);
}

static void
test_memfd (void)
{
  g_autoptr(GBytes) png = make_png (200, 100);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *read_back = NULL;
  gsize read_size = 0;
  struct stat st;
  int seals;
  int fd;

  fd = lanka_memfd_new_from_bytes (png, "thumbnail", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);

  g_assert_cmpint (fstat (fd, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, g_bytes_get_size (png));
  g_assert_cmpint (lseek (fd, 0, SEEK_CUR), ==, 0);

  seals = fcntl (fd, F_GET_SEALS);
  g_assert_cmpint (seals & (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL), ==,
                   F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);

  /* Nobody can change it, not even its owner. */
  g_assert_cmpint (write (fd, "x", 1), ==, -1);
  g_assert_cmpint (errno, ==, EPERM);
  g_assert_cmpint (ftruncate (fd, 0), ==, -1);

  /* Libraries open it by its path, as a file. */
  path = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_file_get_contents (path, &read_back, &read_size, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (read_back, read_size, g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  g_assert_cmpint (close (fd), ==, 0);
}

static void
test_link (void)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaMaterialContent) refused = NULL;
  g_autoptr(GError) error = NULL;

  content = lanka_material_read_link (" https://www.jamstalldhetsmyndigheten.se/ ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content->kind, ==, "link");
  g_assert_cmpstr (content->url, ==, "https://www.jamstalldhetsmyndigheten.se/");
  g_assert_cmpstr (content->title, ==, "www.jamstalldhetsmyndigheten.se");
  g_assert_null (content->data);
  g_assert_cmpuint (strlen (content->sha256), ==, 64);

  refused = lanka_material_read_link ("file:///etc/passwd", "Lösenord", &error);
  g_assert_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED);
  g_assert_null (refused);
  g_clear_error (&error);

  refused = lanka_material_read_link ("inte en adress", NULL, &error);
  g_assert_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED);
  g_assert_null (refused);
}

static LankaRecord *
find_material (GListModel *materials,
               const char *language)
{
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(LankaRecord) material = g_list_model_get_item (materials, i);

      if (g_strcmp0 (lanka_record_get (material, "language"), language) == 0)
        return g_steal_pointer (&material);
    }

  return NULL;
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GListModel) materials = NULL;
  g_autoptr(LankaRecord) course = NULL;
  g_autoptr(LankaRecord) swedish = NULL;
  g_autoptr(LankaRecord) english = NULL;
  g_autoptr(GHashTable) swedish_notes = NULL;
  g_autoptr(GHashTable) english_notes = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  LankaMaterialFilter filter = { NULL };
  const char *last_note;
  guint swedish_pages;

  /* Twice: the second time changes nothing. */
  g_assert_true (lanka_material_sample_ensure (fixture->database, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_material_sample_ensure (fixture->database, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_materials (fixture->database), ==, 2);
  courses = lanka_collections_list (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (courses), ==, 1);

  course = g_list_model_get_item (courses, 0);
  filter.collection_uuid = lanka_record_get_uuid (course);
  materials = lanka_materials_list (fixture->database, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, 2);

  swedish = find_material (materials, "sv");
  english = find_material (materials, "en");
  g_assert_nonnull (swedish);
  g_assert_nonnull (english);

  g_assert_cmpstr (lanka_record_get (swedish, "kind"), ==, "slides");
  g_assert_cmpstr (lanka_record_get (swedish, "source"), ==, "Länka (sample)");
  g_assert_cmpint (lanka_record_get_int (swedish, "year", 0), ==, 2013);
  g_assert_true (lanka_record_list_contains (swedish, "audiences", "social_services"));
  g_assert_true (lanka_record_list_contains (swedish, "topics", "cooperation"));
  g_assert_cmpstr (lanka_record_get (english, "title"), ==, "Using Länka");

  /* A note on every page of both decks; the Swedish one closes on
   * today's organisation.
   */
  swedish_pages = lanka_record_get_int (swedish, "page_count", 0);
  g_assert_cmpuint (swedish_pages, >=, 9);
  swedish_notes = lanka_presenter_notes_list (fixture->database, lanka_record_get_uuid (swedish),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (swedish_notes), ==, swedish_pages);
  last_note = g_hash_table_lookup (swedish_notes, GUINT_TO_POINTER (swedish_pages - 1));
  g_assert_nonnull (strstr (last_note, "Jämställdhetsmyndigheten"));

  english_notes = lanka_presenter_notes_list (fixture->database, lanka_record_get_uuid (english),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (english_notes), ==,
                    lanka_record_get_int (english, "page_count", 0));

  /* The decks' words can be found, on their pages. */
  hits = lanka_materials_search (fixture->database, "regionkoordinatorer", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (lanka_record_get_uuid (((LankaMaterialHit *) g_ptr_array_index (hits, 0))->material),
                   ==, lanka_record_get_uuid (swedish));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/material/pdf/generated", test_pdf_generated);
  g_test_add_func ("/io/material/pdf/portrait-untitled", test_pdf_portrait_untitled);
  g_test_add_func ("/io/material/pdf/cancelled", test_pdf_cancelled);
  g_test_add ("/io/material/pdf/import-search-duplicate", Fixture, NULL,
              fixture_set_up, test_pdf_import_search, fixture_tear_down);
  g_test_add ("/io/material/pdf/third-party", Fixture, NULL,
              fixture_set_up, test_pdf_third_party, fixture_tear_down);
  g_test_add ("/io/material/refused/encrypted", Fixture, NULL,
              fixture_set_up, test_refused_encrypted, fixture_tear_down);
  g_test_add ("/io/material/refused/damaged", Fixture, NULL,
              fixture_set_up, test_refused_damaged, fixture_tear_down);
  g_test_add ("/io/material/refused/empty", Fixture, NULL,
              fixture_set_up, test_refused_empty, fixture_tear_down);
  g_test_add ("/io/material/refused/unknown", Fixture, NULL,
              fixture_set_up, test_refused_unknown, fixture_tear_down);
  g_test_add ("/io/material/refused/too-large", Fixture, NULL,
              fixture_set_up, test_refused_too_large, fixture_tear_down);
  g_test_add_func ("/io/material/image/png", test_image_png);
  g_test_add_func ("/io/material/image/jpeg-svg", test_image_jpeg_svg);
  g_test_add_func ("/io/material/note", test_note);
  g_test_add ("/io/material/video/cannot-play", Fixture, NULL,
              fixture_set_up, test_video, fixture_tear_down);
  g_test_add ("/io/material/video/playable", Fixture, NULL,
              fixture_set_up, test_video_playable, fixture_tear_down);
  g_test_add_func ("/io/material/memfd", test_memfd);
  g_test_add_func ("/io/material/link", test_link);
  g_test_add ("/io/material/sample", Fixture, NULL,
              fixture_set_up, test_sample, fixture_tear_down);

  return g_test_run ();
}
