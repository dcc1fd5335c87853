/* bench-lanka-training.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The training part of the benchmark, against its performance budget:
 *
 *   - importing a 100-page 16:9 deck with about 300 words a page into the
 *     encrypted database (read, text of every page, thumbnail, SHA-256,
 *     stored and indexed) — under 5 s;
 *   - the first rendering of a slide at 1080p by a new page renderer, as
 *     when a presentation starts or jumps to a page not prefetched —
 *     under 150 ms;
 *   - turning to a page the renderer already has: from
 *     lanka_presentation_next() through the handler that looks the
 *     texture up and puts it in a GtkPicture filling a 1920 × 1080
 *     window, to the end of the frame that shows it — under 16 ms.
 *
 * The decks are drawn here with Cairo and Pango, always the same ones (a
 * fixed seed), each import a different deck so that none is a duplicate.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gtk/gtk.h>
#include <pango/pangocairo.h>

#include "bench-lanka.h"
#include "lanka-material-import.h"
#include "lanka-page-renderer.h"
#include "lanka-presentation.h"
#include "lanka-test-util.h"

#define DECK_PAGES      100
#define WORDS_PER_PAGE  300
/* 16:9 in points, as presentation programs export. */
#define DECK_WIDTH      960.0
#define DECK_HEIGHT     540.0
#define SLIDE_WIDTH     1920
#define SLIDE_HEIGHT    1080
#define CACHE_BYTES     (256 << 20)

static const char * const words[] = {
  "människohandel", "utnyttjande", "samverkan", "länsstyrelsen", "identifiering",
  "stöd", "återvändande", "polisen", "socialtjänsten", "barnperspektiv", "tolk",
  "skyddat", "boende", "betänketid", "ärende", "aktör", "kontaktperson", "samtycke",
  "tvångsarbete", "prostitution", "tiggeri", "brottslighet", "migrationsverket",
  "hälso- och sjukvården", "skolan", "indikatorer", "förmodat", "offer", "rättsprocess",
  "trafficking", "exploitation", "cooperation", "support", "referral", "identification",
  "och", "att", "det", "som", "en", "på", "är", "för", "med", "till", "av", "inte",
  "har", "kan", "om", "när", "vi", "de", "the", "of", "and", "to", "in", "is", "for",
};

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* A deck of DECK_PAGES slides: a coloured title bar, a heading and about
 * WORDS_PER_PAGE words of running text, different for each @seed.
 */
static GBytes *
make_deck (guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, buffer, DECK_WIDTH, DECK_HEIGHT);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  pango_layout_set_width (layout, (DECK_WIDTH - 80) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);

  for (guint page = 0; page < DECK_PAGES; page++)
    {
      g_autofree char *heading = g_strdup_printf ("Bild %u: samverkan mot människohandel",
                                                  page + 1);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.11, 0.35, 0.55);
      cairo_rectangle (cr, 0, 0, DECK_WIDTH, 70);
      cairo_fill (cr);

      font = pango_font_description_from_string ("Sans Bold 26");
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_text (layout, heading, -1);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, 40, 16);
      pango_cairo_show_layout (cr, layout);

      g_string_truncate (text, 0);
      for (guint i = 0; i < WORDS_PER_PAGE; i++)
        {
          if (i > 0)
            g_string_append_c (text, i % 25 == 0 ? '\n' : ' ');
          g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }

      font = pango_font_description_from_string ("Sans 11");
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_text (layout, text->str, -1);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, 40, 95);
      pango_cairo_show_layout (cr, layout);

      cairo_show_page (cr);
    }

  g_clear_object (&layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (buffer);
}

/**
 * bench_training_import:
 * @database: the benchmark's database
 * @n_imports: how many decks, each a different one
 * @run: where the samples go ("training-import-100-pages")
 *
 * Imports decks as a trainer does, through lanka_material_import().
 */
void
bench_training_import (LankaDatabase *database,
                       guint          n_imports,
                       BenchRun      *run)
{
  for (guint i = 0; i < n_imports; i++)
    {
      g_autoptr(GBytes) deck = make_deck (BENCH_SEED + 100 + i);
      g_autofree char *name = g_strdup_printf ("bench-deck-%u.pdf", i + 1);
      g_autoptr(LankaRecord) material = NULL;
      g_autoptr(GError) error = NULL;
      double ms;

      BENCH_TIME (ms, material = lanka_material_import (database, deck, name, NULL, NULL, NULL,
                                                        &error));
      g_assert_no_error (error);
      g_assert_nonnull (material);
      g_assert_cmpint (lanka_record_get_int (material, "page_count", 0), ==, DECK_PAGES);
      bench_run_add (run, "training-import-100-pages", ms);
    }
}

/**
 * bench_training_render:
 * @n_pages: how many pages, spread over a deck
 * @run: where the samples go ("training-open-pdf", "training-first-render-1080p")
 *
 * Each page by a new renderer, so that nothing is cached and its worker
 * starts as it does when a presentation begins.
 */
void
bench_training_render (guint     n_pages,
                       BenchRun *run)
{
  g_autoptr(GBytes) deck = make_deck (BENCH_SEED + 200);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(LankaPageRenderer) renderer = lanka_page_renderer_new (CACHE_BYTES);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;
      guint page = (i * DECK_PAGES) / n_pages;
      int document;
      double ms;

      BENCH_TIME (ms, document = lanka_page_renderer_add_pdf (renderer, deck, &error));
      g_assert_no_error (error);
      bench_run_add (run, "training-open-pdf", ms);

      BENCH_TIME (ms, texture = lanka_page_renderer_render_sync (renderer, document, page,
                                                                 SLIDE_WIDTH, SLIDE_HEIGHT,
                                                                 &error));
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, SLIDE_WIDTH);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, SLIDE_HEIGHT);
      bench_run_add (run, "training-first-render-1080p", ms);
    }
}

/* Turning pages in a window */

typedef struct
{
  LankaPageRenderer *renderer;
  int                document;
  int                width;
  int                height;
  GtkPicture        *picture;
  gint64             frame_start;
  gint64             frame_end;
} Turn;

/* What the audience window does when the slide changes. */
static void
on_presentation_audience_cb (Turn              *turn,
                             GParamSpec        *pspec,
                             LankaPresentation *presentation)
{
  g_autoptr(GdkTexture) texture = NULL;

  texture = lanka_page_renderer_lookup (turn->renderer, turn->document,
                                        lanka_presentation_get_audience (presentation),
                                        turn->width, turn->height);
  g_assert_nonnull (texture);
  gtk_picture_set_paintable (turn->picture, GDK_PAINTABLE (texture));
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Turn          *turn)
{
  if (turn->frame_start == 0)
    turn->frame_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Turn          *turn)
{
  if (turn->frame_start != 0 && turn->frame_end == 0)
    turn->frame_end = g_get_monotonic_time ();
}

static gboolean
frame_done (gpointer data)
{
  Turn *turn = data;

  return turn->frame_end != 0;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Runs what is pending: the wait of one page turn is not the next one's. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * bench_training_turn:
 * @n_turns: how many pages to turn (at most 99)
 * @run: where the samples go
 *
 * Needs a display; GTK is initialised here, drawing with Cairo unless
 * GSK_RENDERER says otherwise (as the start-up is measured: the virtual
 * display has no graphics card, and its software GL would be measured
 * instead of Länka).  "training-turn-page" is the work: next() with its
 * handler, and the frame from ::before-paint to the end of ::after-paint;
 * "training-turn-page-latency" adds the frame clock's wait for its tick;
 * "training-turn-page-handler" is Länka's own part alone (next(), the
 * lookup, the picture's new texture), as the frame is mostly the
 * display's: on the virtual display the X server draws in software.
 * For true 1080p, run with LANKA_HEADLESS_SCREEN=1920x1080.
 *
 * Returns: %FALSE when there is no display
 */
gboolean
bench_training_turn (guint     n_turns,
                     BenchRun *run)
{
  g_autoptr(LankaPageRenderer) renderer = NULL;
  g_autoptr(LankaPresentation) presentation = NULL;
  g_autoptr(GBytes) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) first = NULL;
  GdkFrameClock *clock;
  GtkWindow *window;
  GtkWidget *picture;
  Turn turn = { 0 };

  g_assert_cmpuint (n_turns, <, DECK_PAGES);

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (g_str_equal (g_getenv ("GSK_RENDERER"), "cairo"))
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  if (!gtk_init_check ())
    return FALSE;

  deck = make_deck (BENCH_SEED + 300);
  renderer = lanka_page_renderer_new (CACHE_BYTES);
  turn.renderer = renderer;
  turn.document = lanka_page_renderer_add_pdf (renderer, deck, &error);
  g_assert_no_error (error);

  picture = gtk_picture_new ();
  turn.picture = GTK_PICTURE (picture);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, SLIDE_WIDTH, SLIDE_HEIGHT);
  gtk_window_set_child (window, picture);

  presentation = lanka_presentation_new (DECK_PAGES);
  g_signal_connect_swapped (presentation, "notify::audience",
                            G_CALLBACK (on_presentation_audience_cb), &turn);

  gtk_window_present (window);
  lanka_test_iterate_until (is_mapped, window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &turn);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &turn);
  lanka_test_iterate_until (frame_done, &turn);

  /* Pages are rendered at the size the picture has on screen, as the
   * presenter does: a screen smaller than 1920 × 1080 (the headless
   * display's default) makes the window, and so the pages, smaller.
   */
  turn.width = gtk_widget_get_width (picture) * gtk_widget_get_scale_factor (picture);
  turn.height = gtk_widget_get_height (picture) * gtk_widget_get_scale_factor (picture);
  g_print ("# page turns at %d × %d pixels\n", turn.width, turn.height);

  /* The first page, and its frame, before anything is measured. */
  first = lanka_page_renderer_render_sync (renderer, turn.document, 0, turn.width, turn.height,
                                           &error);
  g_assert_no_error (error);
  gtk_picture_set_paintable (turn.picture, GDK_PAINTABLE (first));
  turn.frame_start = 0;
  turn.frame_end = 0;
  lanka_test_iterate_until (frame_done, &turn);

  for (guint i = 0; i < n_turns; i++)
    {
      g_autoptr(GdkTexture) next = NULL;
      gint64 start;
      gint64 turned;

      /* The presenter prefetches the next page while the audience looks
       * at this one: here it is made ready, not measured.
       */
      next = lanka_page_renderer_render_sync (renderer, turn.document, i + 1,
                                              turn.width, turn.height, &error);
      g_assert_no_error (error);
      settle ();

      turn.frame_start = 0;
      turn.frame_end = 0;
      start = g_get_monotonic_time ();
      lanka_presentation_next (presentation);
      turned = g_get_monotonic_time ();
      g_assert_true (gtk_picture_get_paintable (turn.picture) == GDK_PAINTABLE (next));
      lanka_test_iterate_until (frame_done, &turn);

      bench_run_add (run, "training-turn-page-handler", (turned - start) / 1000.0);
      bench_run_add (run, "training-turn-page",
                     ((turned - start) + (turn.frame_end - turn.frame_start)) / 1000.0);
      bench_run_add (run, "training-turn-page-latency", (turn.frame_end - start) / 1000.0);
    }

  g_signal_handlers_disconnect_by_data (clock, &turn);
  g_signal_handlers_disconnect_by_data (presentation, &turn);
  gtk_window_destroy (window);
  settle ();

  return TRUE;
}
