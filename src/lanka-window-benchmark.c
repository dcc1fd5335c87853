/* lanka-window-benchmark.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hidden --benchmark-startup and --benchmark-scroll options: Länka
 * measures itself, the way a person meets it, and prints the figures for
 * the benchmark (tests/bench-lanka.c) to read.
 *
 * Start-up is measured from the moment the application object exists
 * until the frame clock has painted the window showing the Cases part of
 * an unlocked database; the first frame of all (the unlock page) is
 * printed too.  With scrolling, the case list is then scrolled a page per
 * frame from its top to its end, and the resident memory printed.
 *
 * The lines are "name value unit" and hold no content, only figures.
 */

#define G_LOG_DOMAIN "lanka-window-benchmark"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lanka-window-private.h"

typedef struct
{
  LankaWindow   *window;
  GtkAdjustment *adjustment;
  gint64         started;
  gulong         after_paint_id;
  guint          n_frames;
  guint          n_steps;
  guint          painted_any : 1;
  guint          scroll : 1;
} Benchmark;

static void
benchmark_free (Benchmark *benchmark)
{
  g_clear_object (&benchmark->adjustment);
  g_free (benchmark);
}

/* A figure of /proc/self/status, such as VmRSS, in KiB; 0 if unknown. */
static guint64
read_status_kib (const char *field)
{
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;

  if (!(line = strstr (contents, key)))
    return 0;

  return g_ascii_strtoull (line + strlen (key), NULL, 10);
}

static void
print_figure (const char *name,
              double      value,
              const char *unit)
{
  g_print ("%s %.1f %s\n", name, value, unit);
  fflush (stdout);
}

static double
elapsed_ms (Benchmark *benchmark)
{
  return (g_get_monotonic_time () - benchmark->started) / 1000.0;
}

static void
print_memory (const char *prefix)
{
  g_autofree char *rss = g_strconcat (prefix, "-rss", NULL);
  g_autofree char *peak = g_strconcat (prefix, "-rss-peak", NULL);

  print_figure (rss, read_status_kib ("VmRSS") / 1024.0, "MiB");
  print_figure (peak, read_status_kib ("VmHWM") / 1024.0, "MiB");
}

static void
finish (Benchmark *benchmark)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (benchmark->window)));

  /* As the Quit action does: Länka locks on the way out. */
  g_application_quit (app);
}

static GtkGridView *
get_case_list_view (LankaWindow *self)
{
  GObject *list_view = gtk_widget_get_template_child (GTK_WIDGET (self->cases_view),
                                                      LANKA_TYPE_CASES_VIEW,
                                                      "list_view");

  g_assert (GTK_IS_GRID_VIEW (list_view));

  return GTK_GRID_VIEW (list_view);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  Benchmark *benchmark = user_data;
  GtkAdjustment *adjustment = benchmark->adjustment;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double end = gtk_adjustment_get_upper (adjustment) - page;

  if (value >= end)
    {
      print_figure ("scroll-steps", benchmark->n_steps, "pages");
      print_figure ("scroll-total", elapsed_ms (benchmark), "ms");
      print_memory ("scrolled");
      finish (benchmark);
      return G_SOURCE_REMOVE;
    }

  benchmark->n_steps++;
  gtk_adjustment_set_value (adjustment, MIN (value + page, end));

  return G_SOURCE_CONTINUE;
}

static void
start_scrolling (Benchmark *benchmark)
{
  GtkGridView *list_view = get_case_list_view (benchmark->window);

  benchmark->adjustment = g_object_ref (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view)));
  benchmark->started = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (list_view), scroll_tick_cb, benchmark,
                                (GDestroyNotify)benchmark_free);
}

/* The Cases part of an unlocked database: its list was filled when the
 * database was given to it.
 */
static gboolean
shows_cases (LankaWindow *self)
{
  const char *page = lanka_window_get_visible_page (self);

  return page != NULL && g_str_equal (page, "workspace") &&
         g_str_equal (lanka_window_get_visible_part (self), "cases") &&
         lanka_cases_view_get_database (self->cases_view) != NULL;
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   Benchmark     *benchmark)
{
  benchmark->n_frames++;

  if (!benchmark->painted_any)
    {
      benchmark->painted_any = TRUE;
      print_figure ("first-frame", elapsed_ms (benchmark), "ms");
    }

  if (!shows_cases (benchmark->window))
    return;

  print_figure ("first-frame-cases", elapsed_ms (benchmark), "ms");
  print_figure ("frames-before-cases", benchmark->n_frames, "frames");
  print_memory ("first-frame-cases");

  g_clear_signal_handler (&benchmark->after_paint_id, frame_clock);

  if (benchmark->scroll)
    {
      start_scrolling (benchmark);
      return;
    }

  finish (benchmark);
  benchmark_free (benchmark);
}

/**
 * _lanka_window_benchmark:
 * @self: a #LankaWindow that was just presented
 * @started: g_get_monotonic_time() when Länka started
 * @scroll: whether to scroll the case list end to end after the first frame
 *
 * Prints the time until the window first showed the Cases part with its
 * cases, and the resident memory then; with @scroll, also after scrolling
 * the whole list.  Then Länka quits.  The database is unlocked through
 * the keyring, as at every start; until it is, nothing is printed but
 * the first frame.
 */
void
_lanka_window_benchmark (LankaWindow *self,
                         gint64       started,
                         gboolean     scroll)
{
  GdkFrameClock *frame_clock;
  Benchmark *benchmark;

  g_return_if_fail (LANKA_IS_WINDOW (self));

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  g_return_if_fail (frame_clock != NULL);

  lanka_window_set_visible_part (self, "cases");

  benchmark = g_new0 (Benchmark, 1);
  benchmark->window = self;
  benchmark->started = started;
  benchmark->scroll = !!scroll;
  benchmark->after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                                G_CALLBACK (on_after_paint_cb), benchmark);
}
