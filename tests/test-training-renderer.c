/* test-training-renderer.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presenter's page renderer, without a display: a PDF made here with
 * Cairo (pages of different colours and sizes), its pages rendered in the
 * worker into textures of the fitted size and the right colour, the
 * cache, the order of urgent requests and prefetches, clearing while a
 * page is rendered, a damaged PDF, and an image as a document.
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>

#include "lanka-io-error.h"
#include "lanka-page-renderer.h"
#include "lanka-test-util.h"

#define N_PAGES 24

#define RED   0xffff0000
#define GREEN 0xff00ff00
#define BLUE  0xff0000ff
#define GREY  0xff808080

typedef struct
{
  double  width;
  double  height;
  guint32 colour;
} PageSpec;

/* Pages 0–3 differ in size and colour; the rest are grey, landscape. */
static const PageSpec special_pages[] = {
  { 400, 300, RED },
  { 300, 400, GREEN },
  { 500, 250, BLUE },
  { 200, 200, GREY },
};

static PageSpec
page_spec (guint page)
{
  if (page < G_N_ELEMENTS (special_pages))
    return special_pages[page];

  return (PageSpec) { 400, 300, GREY };
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* A PDF of N_PAGES pages, each filled with its colour, in memory. */
static GBytes *
make_pdf (void)
{
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, buffer, 400, 300);
  cr = cairo_create (surface);
  for (guint i = 0; i < N_PAGES; i++)
    {
      PageSpec spec = page_spec (i);

      cairo_pdf_surface_set_size (surface, spec.width, spec.height);
      cairo_set_source_rgb (cr,
                            ((spec.colour >> 16) & 0xff) / 255.0,
                            ((spec.colour >> 8) & 0xff) / 255.0,
                            (spec.colour & 0xff) / 255.0);
      cairo_paint (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (buffer);
}

/* The colour at the middle of @texture, as 0xAARRGGBB. */
static guint32
centre_colour (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new0 (guint32, (gsize)width * height);

  /* Downloaded as Cairo's ARGB32: a 32-bit word per pixel. */
  gdk_texture_download (texture, (guchar *)pixels, (gsize)width * 4);

  return pixels[(height / 2) * width + width / 2];
}

typedef struct
{
  int         document;
  guint       page;
  int         width;
  int         height;
  GdkTexture *texture;
} Ready;

static void
ready_clear (gpointer data)
{
  Ready *ready = data;

  g_clear_object (&ready->texture);
}

typedef struct
{
  LankaPageRenderer *renderer;
  int                document;
  GArray            *ready;
} Fixture;

static void
on_page_ready_cb (Fixture    *fixture,
                  int         document,
                  guint       page,
                  int         width,
                  int         height,
                  GdkTexture *texture)
{
  Ready ready = { document, page, width, height, g_object_ref (texture) };

  g_array_append_val (fixture->ready, ready);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GError) error = NULL;
  gsize cache_bytes = GPOINTER_TO_SIZE (data);

  fixture->renderer = lanka_page_renderer_new (cache_bytes != 0 ? cache_bytes : 256 << 20);
  fixture->ready = g_array_new (FALSE, TRUE, sizeof (Ready));
  g_array_set_clear_func (fixture->ready, ready_clear);
  g_signal_connect_swapped (fixture->renderer, "page-ready", G_CALLBACK (on_page_ready_cb),
                            fixture);

  fixture->document = lanka_page_renderer_add_pdf (fixture->renderer, pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->document, >=, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->renderer);
  /* Nothing arrives for a renderer that is gone. */
  g_array_set_size (fixture->ready, 0);
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (fixture->ready->len, ==, 0);
  g_array_unref (fixture->ready);
}

static gboolean
has_ready (gpointer data)
{
  Fixture *fixture = data;

  return fixture->ready->len > 0;
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} Count;

static gboolean
has_n_ready (gpointer data)
{
  Count *count = data;

  return count->fixture->ready->len >= count->n;
}

static void
wait_for_n_ready (Fixture *fixture,
                  guint    n)
{
  Count count = { fixture, n };

  lanka_test_iterate_until (has_n_ready, &count);
}

static Ready *
get_ready (Fixture *fixture,
           guint    i)
{
  g_assert_cmpuint (i, <, fixture->ready->len);

  return &g_array_index (fixture->ready, Ready, i);
}

static void
test_renderer_pages (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_cmpuint (lanka_page_renderer_get_n_pages (fixture->renderer, fixture->document), ==,
                    N_PAGES);

  for (guint i = 0; i < G_N_ELEMENTS (special_pages); i++)
    {
      double width;
      double height;

      lanka_page_renderer_get_page_size (fixture->renderer, fixture->document, i,
                                         &width, &height);
      g_assert_cmpfloat_with_epsilon (width, special_pages[i].width, 0.01);
      g_assert_cmpfloat_with_epsilon (height, special_pages[i].height, 0.01);
    }

  /* A document that is not there has no pages. */
  g_assert_cmpuint (lanka_page_renderer_get_n_pages (fixture->renderer, fixture->document + 1),
                    ==, 0);
}

static void
test_renderer_request (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct {
    int     width;
    int     height;
  } fitted[] = {
    { 200, 150 }, { 150, 200 }, { 200, 100 }, { 200, 200 },
  };
  g_autoptr(GdkTexture) found = NULL;
  Ready *ready;

  /* Nothing is rendered before it is asked for. */
  g_assert_null (lanka_page_renderer_lookup (fixture->renderer, fixture->document, 0, 200, 200));

  for (guint i = 0; i < G_N_ELEMENTS (special_pages); i++)
    {
      lanka_page_renderer_request (fixture->renderer, fixture->document, i, 200, 200, TRUE);
      wait_for_n_ready (fixture, i + 1);
      ready = get_ready (fixture, i);

      g_assert_cmpint (ready->document, ==, fixture->document);
      g_assert_cmpuint (ready->page, ==, i);
      g_assert_cmpint (ready->width, ==, 200);
      g_assert_cmpint (ready->height, ==, 200);
      /* Fitted into the box, keeping the page's proportions. */
      g_assert_cmpint (gdk_texture_get_width (ready->texture), ==, fitted[i].width);
      g_assert_cmpint (gdk_texture_get_height (ready->texture), ==, fitted[i].height);
      g_assert_cmphex (centre_colour (ready->texture), ==, special_pages[i].colour);
    }

  /* Once ready, the page is in the cache: the same texture, not a new
   * rendering, also when it is asked for again.
   */
  ready = get_ready (fixture, 0);
  found = lanka_page_renderer_lookup (fixture->renderer, fixture->document, 0, 200, 200);
  g_assert_true (found == ready->texture);

  lanka_page_renderer_request (fixture->renderer, fixture->document, 0, 200, 200, FALSE);
  /* Not from within request(): from the main loop. */
  g_assert_cmpuint (fixture->ready->len, ==, G_N_ELEMENTS (special_pages));
  wait_for_n_ready (fixture, G_N_ELEMENTS (special_pages) + 1);
  g_assert_true (get_ready (fixture, G_N_ELEMENTS (special_pages))->texture == found);

  /* Another size is another rendering. */
  g_assert_null (lanka_page_renderer_lookup (fixture->renderer, fixture->document, 0, 800, 800));
  lanka_page_renderer_request (fixture->renderer, fixture->document, 0, 800, 600, FALSE);
  wait_for_n_ready (fixture, G_N_ELEMENTS (special_pages) + 2);
  ready = get_ready (fixture, G_N_ELEMENTS (special_pages) + 1);
  g_assert_cmpint (gdk_texture_get_width (ready->texture), ==, 800);
  g_assert_cmpint (gdk_texture_get_height (ready->texture), ==, 600);
  g_assert_cmphex (centre_colour (ready->texture), ==, RED);
}

/* Twenty prefetches, then the page on screen: it comes first, or second
 * when the worker had already begun the first prefetch.
 */
static void
test_renderer_urgent (Fixture       *fixture,
                      gconstpointer  data)
{
  guint urgent = 3;
  guint position = G_MAXUINT;

  for (guint i = 4; i < N_PAGES; i++)
    lanka_page_renderer_request (fixture->renderer, fixture->document, i, 1600, 1200, FALSE);
  lanka_page_renderer_request (fixture->renderer, fixture->document, urgent, 1600, 1200, TRUE);

  wait_for_n_ready (fixture, N_PAGES - 3);
  for (guint i = 0; i < fixture->ready->len; i++)
    if (get_ready (fixture, i)->page == urgent)
      position = i;
  g_assert_cmpuint (position, <, 2);

  /* The prefetches come in the order they were asked for. */
  for (guint i = 0, expected = 4; i < fixture->ready->len; i++)
    {
      if (i == position)
        continue;
      g_assert_cmpuint (get_ready (fixture, i)->page, ==, expected);
      expected++;
    }
}

/* A page queued already is not queued again. */
static void
test_renderer_once (Fixture       *fixture,
                    gconstpointer  data)
{
  for (guint i = 4; i < N_PAGES; i++)
    lanka_page_renderer_request (fixture->renderer, fixture->document, i, 1600, 1200, FALSE);
  for (guint i = 0; i < 3; i++)
    lanka_page_renderer_request (fixture->renderer, fixture->document, N_PAGES - 1, 1600, 1200,
                                 FALSE);

  wait_for_n_ready (fixture, N_PAGES - 4);
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (fixture->ready->len, ==, N_PAGES - 4);
}

/* Room for three of the four pages at 100 × 100: the one used longest
 * ago goes.
 */
static void
test_renderer_lru (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GdkTexture) looked_at = NULL;
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) second = NULL;
  g_autoptr(GdkTexture) third = NULL;
  g_autoptr(GdkTexture) fourth = NULL;

  /* 100 × 75, 75 × 100 and 100 × 50 pixels of 4 bytes: 80 000 bytes. */
  for (guint i = 0; i < 3; i++)
    {
      lanka_page_renderer_request (fixture->renderer, fixture->document, i, 100, 100, FALSE);
      wait_for_n_ready (fixture, i + 1);
    }

  /* Page 0 is looked at again: page 1 is now the one used longest ago. */
  looked_at = lanka_page_renderer_lookup (fixture->renderer, fixture->document, 0, 100, 100);
  g_assert_nonnull (looked_at);

  /* Page 3, 40 000 bytes, goes over the 100 000 of the budget. */
  lanka_page_renderer_request (fixture->renderer, fixture->document, 3, 100, 100, FALSE);
  wait_for_n_ready (fixture, 4);

  second = lanka_page_renderer_lookup (fixture->renderer, fixture->document, 1, 100, 100);
  g_assert_null (second);
  first = lanka_page_renderer_lookup (fixture->renderer, fixture->document, 0, 100, 100);
  g_assert_true (first == get_ready (fixture, 0)->texture);
  third = lanka_page_renderer_lookup (fixture->renderer, fixture->document, 2, 100, 100);
  g_assert_true (third == get_ready (fixture, 2)->texture);
  fourth = lanka_page_renderer_lookup (fixture->renderer, fixture->document, 3, 100, 100);
  g_assert_true (fourth == get_ready (fixture, 3)->texture);
}

/* Clearing while pages are being rendered: nothing asked before arrives
 * afterwards, and the documents are gone.
 */
static void
test_renderer_clear (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GError) error = NULL;
  int document;

  for (guint i = 4; i < N_PAGES; i++)
    lanka_page_renderer_request (fixture->renderer, fixture->document, i, 1600, 1200, FALSE);

  /* The first page is there, the worker is at the next ones. */
  lanka_test_iterate_until (has_ready, fixture);
  lanka_page_renderer_clear (fixture->renderer);
  g_array_set_size (fixture->ready, 0);

  lanka_test_iterate_a_while ();
  g_assert_cmpuint (fixture->ready->len, ==, 0);
  g_assert_cmpuint (lanka_page_renderer_get_n_pages (fixture->renderer, fixture->document), ==, 0);
  g_assert_null (lanka_page_renderer_lookup (fixture->renderer, fixture->document, 4, 1600, 1200));

  /* A request for a document that is gone is dropped. */
  lanka_page_renderer_request (fixture->renderer, fixture->document, 4, 1600, 1200, TRUE);
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (fixture->ready->len, ==, 0);

  /* The renderer works again with a new document, under a new number. */
  document = lanka_page_renderer_add_pdf (fixture->renderer, pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (document, !=, fixture->document);
  lanka_page_renderer_request (fixture->renderer, document, 2, 100, 100, TRUE);
  wait_for_n_ready (fixture, 1);
  g_assert_cmpint (get_ready (fixture, 0)->document, ==, document);
  g_assert_cmphex (centre_colour (get_ready (fixture, 0)->texture), ==, BLUE);
}

/* The renderer dropped while it renders: the worker stops, and no
 * callback reaches the renderer that is gone (the tear-down checks).
 */
static void
test_renderer_dispose_busy (Fixture       *fixture,
                            gconstpointer  data)
{
  for (guint i = 4; i < N_PAGES; i++)
    lanka_page_renderer_request (fixture->renderer, fixture->document, i, 1600, 1200, FALSE);
  lanka_test_iterate_until (has_ready, fixture);
}

static void
test_renderer_render_sync (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) found = NULL;
  g_autoptr(GError) error = NULL;

  texture = lanka_page_renderer_render_sync (fixture->renderer, fixture->document, 1,
                                             1920, 1080, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 810);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1080);
  g_assert_cmphex (centre_colour (texture), ==, GREEN);

  found = lanka_page_renderer_lookup (fixture->renderer, fixture->document, 1, 1920, 1080);
  g_assert_true (found == texture);

  /* It was waited for: nobody is told again. */
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (fixture->ready->len, ==, 0);

  /* A document that is gone is an error, not a crash. */
  lanka_page_renderer_clear (fixture->renderer);
  g_assert_null (lanka_page_renderer_render_sync (fixture->renderer, fixture->document, 1,
                                                  1920, 1080, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_renderer_damaged (void)
{
  static const char * const damaged[] = {
    "%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n",
    "This is not a PDF at all.",
  };
  g_autoptr(LankaPageRenderer) renderer = lanka_page_renderer_new (1 << 20);
  g_autoptr(GBytes) pdf = make_pdf ();

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (damaged[i], strlen (damaged[i]));
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (lanka_page_renderer_add_pdf (renderer, bytes, &error), ==, -1);
      g_assert_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED);
      /* A sentence for the person. */
      g_assert_cmpuint (strlen (error->message), >, 10);
    }

  /* The first half of a good file is damaged too. */
  {
    g_autoptr(GBytes) half = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);
    g_autoptr(GError) error = NULL;
    int document = lanka_page_renderer_add_pdf (renderer, half, &error);

    /* Poppler may rebuild what it can; then the pages it has render. */
    if (document < 0)
      g_assert_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED);
    else
      g_assert_cmpuint (lanka_page_renderer_get_n_pages (renderer, document), >, 0);
  }
}

/* An image is a document of one page whose texture is already there. */
static void
test_renderer_texture (void)
{
  g_autoptr(LankaPageRenderer) renderer = lanka_page_renderer_new (1 << 20);
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) image = NULL;
  g_autoptr(GdkTexture) found = NULL;
  g_autoptr(GdkTexture) rendered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *data = g_new (guint32, 30 * 20);
  Fixture fixture = { renderer, -1, NULL };
  double width;
  double height;

  for (guint i = 0; i < 30 * 20; i++)
    data[i] = BLUE;
  pixels = g_bytes_new (data, 30 * 20 * 4);
  image = gdk_memory_texture_new (30, 20, GDK_MEMORY_DEFAULT, pixels, 30 * 4);

  fixture.ready = g_array_new (FALSE, TRUE, sizeof (Ready));
  g_array_set_clear_func (fixture.ready, ready_clear);
  g_signal_connect_swapped (renderer, "page-ready", G_CALLBACK (on_page_ready_cb), &fixture);

  fixture.document = lanka_page_renderer_add_texture (renderer, image);
  g_assert_cmpint (fixture.document, >=, 0);
  g_assert_cmpuint (lanka_page_renderer_get_n_pages (renderer, fixture.document), ==, 1);
  lanka_page_renderer_get_page_size (renderer, fixture.document, 0, &width, &height);
  g_assert_cmpfloat (width, ==, 30);
  g_assert_cmpfloat (height, ==, 20);

  found = lanka_page_renderer_lookup (renderer, fixture.document, 0, 1920, 1080);
  g_assert_true (found == image);

  lanka_page_renderer_request (renderer, fixture.document, 0, 1920, 1080, TRUE);
  g_assert_cmpuint (fixture.ready->len, ==, 0);
  wait_for_n_ready (&fixture, 1);
  g_assert_true (get_ready (&fixture, 0)->texture == image);
  g_assert_cmpint (get_ready (&fixture, 0)->width, ==, 1920);

  rendered = lanka_page_renderer_render_sync (renderer, fixture.document, 0, 640, 480, &error);
  g_assert_no_error (error);
  g_assert_true (rendered == image);

  g_clear_object (&found);
  g_clear_object (&rendered);
  g_assert_finalize_object (g_steal_pointer (&renderer));
  g_array_unref (fixture.ready);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/training/renderer/pages", Fixture, NULL,
              fixture_set_up, test_renderer_pages, fixture_tear_down);
  g_test_add ("/training/renderer/request", Fixture, NULL,
              fixture_set_up, test_renderer_request, fixture_tear_down);
  g_test_add ("/training/renderer/urgent-first", Fixture, NULL,
              fixture_set_up, test_renderer_urgent, fixture_tear_down);
  g_test_add ("/training/renderer/queued-once", Fixture, NULL,
              fixture_set_up, test_renderer_once, fixture_tear_down);
  g_test_add ("/training/renderer/lru", Fixture, GSIZE_TO_POINTER (100000),
              fixture_set_up, test_renderer_lru, fixture_tear_down);
  g_test_add ("/training/renderer/clear-while-rendering", Fixture, NULL,
              fixture_set_up, test_renderer_clear, fixture_tear_down);
  g_test_add ("/training/renderer/dropped-while-rendering", Fixture, NULL,
              fixture_set_up, test_renderer_dispose_busy, fixture_tear_down);
  g_test_add ("/training/renderer/render-sync", Fixture, NULL,
              fixture_set_up, test_renderer_render_sync, fixture_tear_down);
  g_test_add_func ("/training/renderer/damaged", test_renderer_damaged);
  g_test_add_func ("/training/renderer/image", test_renderer_texture);

  return g_test_run ();
}
