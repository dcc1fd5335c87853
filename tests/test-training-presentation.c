/* test-training-presentation.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presenter's state machine, without a display: every key a clicker
 * sends, the edges of the deck, black and white screens, freezing, the
 * overview, go-to, the timer and its pace with times given by the test,
 * and that each property notifies exactly when it changes.
 */

#include "config.h"

#include <string.h>

#include <gdk/gdkkeysyms.h>

#include "lanka-presentation.h"

#define SECOND ((gint64)G_USEC_PER_SEC)
#define MINUTE (60 * SECOND)
/* An arbitrary monotonic time: the timer must not care where it starts. */
#define T0     ((gint64)987654321)

/* Counts notifications by property name, and ::ended. */
typedef struct
{
  LankaPresentation *presentation;
  GHashTable        *counts;
  guint              ended;
} Watch;

static void
on_notify_cb (Watch      *watch,
              GParamSpec *pspec)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (watch->counts, pspec->name));

  g_hash_table_insert (watch->counts, (gpointer)pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
on_ended_cb (Watch *watch)
{
  watch->ended++;
}

static void
watch_init (Watch *watch,
            guint  n_slides)
{
  watch->presentation = lanka_presentation_new (n_slides);
  watch->counts = g_hash_table_new (g_str_hash, g_str_equal);
  watch->ended = 0;
  g_signal_connect_swapped (watch->presentation, "notify", G_CALLBACK (on_notify_cb), watch);
  g_signal_connect_swapped (watch->presentation, "ended", G_CALLBACK (on_ended_cb), watch);
}

static void
watch_clear (Watch *watch)
{
  g_assert_finalize_object (watch->presentation);
  g_hash_table_unref (watch->counts);
}

static guint
count (Watch      *watch,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (watch->counts, name));
}

/* Asserts the notifications since the last call, as "name=n name=n", in
 * any order, and forgets them.  "" means none at all.
 */
static void
assert_notified (Watch      *watch,
                 const char *expected)
{
  g_auto(GStrv) parts = g_strsplit (expected, " ", -1);
  guint n_expected = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;

      if (parts[i][0] == '\0')
        continue;
      pair = g_strsplit (parts[i], "=", 2);
      g_assert_cmpuint (g_strv_length (pair), ==, 2);
      if (count (watch, pair[0]) != g_ascii_strtoull (pair[1], NULL, 10))
        g_error ("“%s” notified %u times, expected %s", pair[0], count (watch, pair[0]),
                 pair[1]);
      n_expected++;
    }

  if (g_hash_table_size (watch->counts) != n_expected)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, watch->counts);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_test_message ("notified: %s", (const char *)name);
      g_error ("expected only “%s”", expected);
    }

  g_hash_table_remove_all (watch->counts);
}

static void
assert_slides (LankaPresentation *presentation,
               guint              current,
               guint              audience)
{
  g_assert_cmpuint (lanka_presentation_get_current (presentation), ==, current);
  g_assert_cmpuint (lanka_presentation_get_audience (presentation), ==, audience);
}

static void
test_presentation_new (void)
{
  g_autoptr(LankaPresentation) presentation = lanka_presentation_new (12);
  LankaScreen screen;
  guint n_slides;

  g_assert_cmpuint (lanka_presentation_get_n_slides (presentation), ==, 12);
  assert_slides (presentation, 0, 0);
  g_assert_cmpint (lanka_presentation_get_screen (presentation), ==, LANKA_SCREEN_SLIDE);
  g_assert_false (lanka_presentation_get_frozen (presentation));
  g_assert_false (lanka_presentation_get_overview (presentation));
  g_assert_false (lanka_presentation_get_ended (presentation));
  g_assert_cmpstr (lanka_presentation_get_typed (presentation), ==, "");
  g_assert_cmpuint (lanka_presentation_get_planned (presentation), ==, 0);
  g_assert_false (lanka_presentation_get_timer_running (presentation));

  /* The properties say the same as the getters. */
  g_object_get (presentation, "n-slides", &n_slides, "screen", &screen, NULL);
  g_assert_cmpuint (n_slides, ==, 12);
  g_assert_cmpint (screen, ==, LANKA_SCREEN_SLIDE);
}

static void
test_presentation_next_keys (void)
{
  static const guint keys[] = {
    GDK_KEY_Right, GDK_KEY_Down, GDK_KEY_space, GDK_KEY_Page_Down, GDK_KEY_Return,
    GDK_KEY_KP_Enter, GDK_KEY_n, GDK_KEY_N, GDK_KEY_KP_Right, GDK_KEY_KP_Down,
    GDK_KEY_KP_Page_Down,
  };
  Watch watch;

  watch_init (&watch, G_N_ELEMENTS (keys) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (lanka_presentation_handle_key (watch.presentation, keys[i]));
      assert_slides (watch.presentation, i + 1, i + 1);
      assert_notified (&watch, "current=1 audience=1");
    }

  watch_clear (&watch);
}

static void
test_presentation_previous_keys (void)
{
  static const guint keys[] = {
    GDK_KEY_Left, GDK_KEY_Up, GDK_KEY_Page_Up, GDK_KEY_BackSpace, GDK_KEY_p, GDK_KEY_P,
    GDK_KEY_KP_Left, GDK_KEY_KP_Up, GDK_KEY_KP_Page_Up,
  };
  guint last = G_N_ELEMENTS (keys);
  Watch watch;

  watch_init (&watch, last + 1);
  lanka_presentation_last (watch.presentation);
  assert_slides (watch.presentation, last, last);
  assert_notified (&watch, "current=1 audience=1");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (lanka_presentation_handle_key (watch.presentation, keys[i]));
      assert_slides (watch.presentation, last - i - 1, last - i - 1);
      assert_notified (&watch, "current=1 audience=1");
    }

  watch_clear (&watch);
}

static void
test_presentation_home_end (void)
{
  Watch watch;

  watch_init (&watch, 8);

  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_End));
  assert_slides (watch.presentation, 7, 7);
  assert_notified (&watch, "current=1 audience=1");

  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Home));
  assert_slides (watch.presentation, 0, 0);
  assert_notified (&watch, "current=1 audience=1");

  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_KP_End));
  assert_slides (watch.presentation, 7, 7);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_KP_Home));
  assert_slides (watch.presentation, 0, 0);
  assert_notified (&watch, "current=2 audience=2");

  /* Home on the first slide changes nothing, and says nothing. */
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Home));
  assert_notified (&watch, "");

  watch_clear (&watch);
}

static void
test_presentation_edges (void)
{
  Watch watch;

  watch_init (&watch, 3);

  /* Before the first slide there is nothing. */
  lanka_presentation_previous (watch.presentation);
  assert_slides (watch.presentation, 0, 0);
  assert_notified (&watch, "");

  /* Past the last slide there is nothing either: no wrapping round. */
  lanka_presentation_next (watch.presentation);
  lanka_presentation_next (watch.presentation);
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "current=2 audience=2");
  lanka_presentation_next (watch.presentation);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_space));
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "");

  lanka_presentation_last (watch.presentation);
  assert_notified (&watch, "");

  /* Out of range is the last slide. */
  lanka_presentation_first (watch.presentation);
  lanka_presentation_go_to (watch.presentation, 1000);
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "current=2 audience=2");

  watch_clear (&watch);
}

static void
test_presentation_empty (void)
{
  static const guint keys[] = {
    GDK_KEY_Right, GDK_KEY_Left, GDK_KEY_Home, GDK_KEY_End, GDK_KEY_Return, GDK_KEY_BackSpace,
  };
  Watch watch;

  watch_init (&watch, 0);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      lanka_presentation_handle_key (watch.presentation, keys[i]);
      assert_slides (watch.presentation, 0, 0);
    }
  lanka_presentation_go_to (watch.presentation, 5);
  assert_slides (watch.presentation, 0, 0);
  assert_notified (&watch, "");

  /* Typing a number and going there lands nowhere else either. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_4);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return);
  assert_slides (watch.presentation, 0, 0);
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "");
  assert_notified (&watch, "typed=2");

  /* The screen can still go black, and the presentation still ends. */
  lanka_presentation_toggle_black (watch.presentation);
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_BLACK);
  lanka_presentation_end (watch.presentation);
  g_assert_cmpuint (watch.ended, ==, 1);
  assert_notified (&watch, "screen=1 ended=1");

  watch_clear (&watch);
}

static void
test_presentation_single (void)
{
  Watch watch;

  watch_init (&watch, 1);

  lanka_presentation_next (watch.presentation);
  lanka_presentation_previous (watch.presentation);
  lanka_presentation_last (watch.presentation);
  lanka_presentation_first (watch.presentation);
  lanka_presentation_go_to (watch.presentation, 1);
  assert_slides (watch.presentation, 0, 0);
  assert_notified (&watch, "");

  /* The overview of one slide opens, moves nowhere, and closes. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Tab);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Down);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Right);
  assert_slides (watch.presentation, 0, 0);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return);
  g_assert_false (lanka_presentation_get_overview (watch.presentation));
  assert_notified (&watch, "overview=2");

  watch_clear (&watch);
}

static void
test_presentation_black_white (void)
{
  Watch watch;

  watch_init (&watch, 5);
  lanka_presentation_go_to (watch.presentation, 2);
  assert_notified (&watch, "current=1 audience=1");

  /* B, then B again: black and back. */
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_b));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_BLACK);
  assert_notified (&watch, "screen=1");
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_B));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  assert_notified (&watch, "screen=1");

  /* The clicker's "." and ",". */
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_period));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_BLACK);

  /* White while black is white, not back to the slide. */
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_w));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_WHITE);
  /* And black while white is black. */
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_B));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_BLACK);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_comma));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_WHITE);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_W));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  assert_notified (&watch, "screen=5");
  assert_slides (watch.presentation, 2, 2);

  /* Next on a black screen shows the slide where the presenter left
   * off, without moving on; the next Next moves.
   */
  lanka_presentation_toggle_black (watch.presentation);
  assert_notified (&watch, "screen=1");
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Page_Down));
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "screen=1");
  lanka_presentation_next (watch.presentation);
  assert_slides (watch.presentation, 3, 3);

  /* Previous on a white screen likewise. */
  lanka_presentation_toggle_white (watch.presentation);
  lanka_presentation_previous (watch.presentation);
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  assert_slides (watch.presentation, 3, 3);
  assert_notified (&watch, "current=1 audience=1 screen=2");

  /* Home, End and go-to move and show the slide. */
  lanka_presentation_toggle_black (watch.presentation);
  lanka_presentation_first (watch.presentation);
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  assert_slides (watch.presentation, 0, 0);
  lanka_presentation_toggle_white (watch.presentation);
  lanka_presentation_go_to (watch.presentation, 4);
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  assert_slides (watch.presentation, 4, 4);
  assert_notified (&watch, "current=2 audience=2 screen=4");

  watch_clear (&watch);
}

static void
test_presentation_freeze (void)
{
  Watch watch;

  watch_init (&watch, 10);
  lanka_presentation_go_to (watch.presentation, 3);
  assert_notified (&watch, "current=1 audience=1");

  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_f));
  g_assert_true (lanka_presentation_get_frozen (watch.presentation));
  assert_notified (&watch, "frozen=1");

  /* The presenter moves on; the audience keeps slide 3. */
  lanka_presentation_next (watch.presentation);
  lanka_presentation_next (watch.presentation);
  assert_slides (watch.presentation, 5, 3);
  lanka_presentation_last (watch.presentation);
  lanka_presentation_go_to (watch.presentation, 1);
  assert_slides (watch.presentation, 1, 3);
  assert_notified (&watch, "current=4");

  /* Black still works while frozen. */
  lanka_presentation_toggle_black (watch.presentation);
  lanka_presentation_toggle_black (watch.presentation);
  assert_notified (&watch, "screen=2");

  /* Unfrozen, the audience sees the presenter's slide. */
  lanka_presentation_next (watch.presentation);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_F));
  g_assert_false (lanka_presentation_get_frozen (watch.presentation));
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "current=1 frozen=1 audience=1");

  /* Freezing and unfreezing on the same slide changes only "frozen". */
  lanka_presentation_toggle_freeze (watch.presentation);
  lanka_presentation_toggle_freeze (watch.presentation);
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "frozen=2");

  /* Frozen, moved, and back where it was frozen: unfreezing changes
   * nothing the audience sees.
   */
  lanka_presentation_toggle_freeze (watch.presentation);
  lanka_presentation_next (watch.presentation);
  lanka_presentation_previous (watch.presentation);
  lanka_presentation_toggle_freeze (watch.presentation);
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "frozen=2 current=2");

  watch_clear (&watch);
}

static void
test_presentation_go_to_typed (void)
{
  Watch watch;

  watch_init (&watch, 30);

  /* "1", "2", Enter: the twelfth slide, as people count, is number 11. */
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_1));
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "1");
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_KP_2));
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "12");
  assert_slides (watch.presentation, 0, 0);
  assert_notified (&watch, "typed=2");
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return));
  assert_slides (watch.presentation, 11, 11);
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "");
  assert_notified (&watch, "typed=1 current=1 audience=1");

  /* Enter with nothing typed is Next. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_KP_Enter);
  assert_slides (watch.presentation, 12, 12);
  assert_notified (&watch, "current=1 audience=1");

  /* Backspace takes back a digit; with none left it is Previous. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_2);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_9);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_BackSpace);
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "2");
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_BackSpace);
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "");
  assert_slides (watch.presentation, 12, 12);
  assert_notified (&watch, "typed=4");
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_BackSpace);
  assert_slides (watch.presentation, 11, 11);
  assert_notified (&watch, "current=1 audience=1");

  /* Past the end is the last slide; 0 is the first. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_9);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_9);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return);
  assert_slides (watch.presentation, 29, 29);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_0);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return);
  assert_slides (watch.presentation, 0, 0);
  /* A long row of digits is cut short rather than overflowing. */
  for (guint i = 0; i < 30; i++)
    lanka_presentation_handle_key (watch.presentation, GDK_KEY_9);
  g_assert_cmpuint (strlen (lanka_presentation_get_typed (watch.presentation)), <=, 10);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return);
  assert_slides (watch.presentation, 29, 29);
  g_hash_table_remove_all (watch.counts);

  /* Another key drops what was typed, and does its own thing. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_3);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Left);
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "");
  assert_slides (watch.presentation, 28, 28);
  assert_notified (&watch, "typed=2 current=1 audience=1");
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_3);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_b);
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "");
  assert_notified (&watch, "typed=2 screen=1");

  /* Go-to on a black screen shows the slide it went to. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_5);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return);
  assert_slides (watch.presentation, 4, 4);
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  assert_notified (&watch, "typed=2 current=1 audience=1 screen=1");

  watch_clear (&watch);
}

static void
test_presentation_overview (void)
{
  Watch watch;

  watch_init (&watch, 20);
  lanka_presentation_set_overview_columns (watch.presentation, 4);
  lanka_presentation_go_to (watch.presentation, 5);
  assert_notified (&watch, "overview-columns=1 current=1 audience=1");

  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Tab));
  g_assert_true (lanka_presentation_get_overview (watch.presentation));
  assert_notified (&watch, "overview=1");

  /* Arrows move the highlight; the audience keeps slide 5. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Right);
  assert_slides (watch.presentation, 6, 5);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Down);
  assert_slides (watch.presentation, 10, 5);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Left);
  assert_slides (watch.presentation, 9, 5);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Up);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Up);
  assert_slides (watch.presentation, 1, 5);
  /* Up from the first row stays; so does Down from the last. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Up);
  assert_slides (watch.presentation, 1, 5);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_End);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Down);
  assert_slides (watch.presentation, 19, 5);
  assert_notified (&watch, "current=6");

  /* Enter chooses the highlight and leaves the overview. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Left);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return));
  g_assert_false (lanka_presentation_get_overview (watch.presentation));
  assert_slides (watch.presentation, 18, 18);
  assert_notified (&watch, "current=1 overview=1 audience=1");

  /* Escape leaves it and goes back to where it was opened. */
  lanka_presentation_toggle_overview (watch.presentation);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Home);
  assert_slides (watch.presentation, 0, 18);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Escape));
  g_assert_false (lanka_presentation_get_overview (watch.presentation));
  g_assert_false (lanka_presentation_get_ended (watch.presentation));
  assert_slides (watch.presentation, 18, 18);
  assert_notified (&watch, "overview=2 current=2");

  /* Tab again chooses, like Enter. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Tab);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Left);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_ISO_Left_Tab);
  g_assert_false (lanka_presentation_get_overview (watch.presentation));
  assert_slides (watch.presentation, 17, 17);
  assert_notified (&watch, "overview=2 current=1 audience=1");

  /* A number typed in the overview goes there and leaves it. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Tab);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_3);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_Return);
  g_assert_false (lanka_presentation_get_overview (watch.presentation));
  assert_slides (watch.presentation, 2, 2);
  assert_notified (&watch, "overview=2 typed=2 current=1 audience=1");

  /* On a black screen, moving in the overview keeps it black; choosing
   * shows the chosen slide.
   */
  lanka_presentation_toggle_black (watch.presentation);
  lanka_presentation_toggle_overview (watch.presentation);
  lanka_presentation_next (watch.presentation);
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_BLACK);
  assert_slides (watch.presentation, 3, 2);
  lanka_presentation_go_to (watch.presentation, 7);
  g_assert_cmpint (lanka_presentation_get_screen (watch.presentation), ==, LANKA_SCREEN_SLIDE);
  g_assert_false (lanka_presentation_get_overview (watch.presentation));
  assert_slides (watch.presentation, 7, 7);
  assert_notified (&watch, "screen=2 overview=2 current=2 audience=1");

  /* Frozen, the audience keeps the frozen slide after choosing too. */
  lanka_presentation_toggle_freeze (watch.presentation);
  lanka_presentation_toggle_overview (watch.presentation);
  lanka_presentation_next (watch.presentation);
  lanka_presentation_toggle_overview (watch.presentation);
  assert_slides (watch.presentation, 8, 7);
  lanka_presentation_toggle_freeze (watch.presentation);
  assert_slides (watch.presentation, 8, 8);

  watch_clear (&watch);
}

static void
test_presentation_escape (void)
{
  Watch watch;

  watch_init (&watch, 4);

  /* Escape first drops typed digits, then ends. */
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_2);
  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Escape));
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "");
  g_assert_false (lanka_presentation_get_ended (watch.presentation));
  g_assert_cmpuint (watch.ended, ==, 0);
  assert_notified (&watch, "typed=2");

  g_assert_true (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Escape));
  g_assert_true (lanka_presentation_get_ended (watch.presentation));
  g_assert_cmpuint (watch.ended, ==, 1);
  assert_notified (&watch, "ended=1");

  /* Ended once: neither Escape nor End ends it again, and nothing moves. */
  g_assert_false (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Escape));
  lanka_presentation_end (watch.presentation);
  g_assert_false (lanka_presentation_handle_key (watch.presentation, GDK_KEY_Right));
  lanka_presentation_next (watch.presentation);
  lanka_presentation_go_to (watch.presentation, 3);
  lanka_presentation_toggle_black (watch.presentation);
  lanka_presentation_toggle_freeze (watch.presentation);
  lanka_presentation_toggle_overview (watch.presentation);
  assert_slides (watch.presentation, 0, 0);
  g_assert_cmpuint (watch.ended, ==, 1);
  assert_notified (&watch, "");

  watch_clear (&watch);
}

static void
test_presentation_end (void)
{
  Watch watch;

  watch_init (&watch, 4);
  lanka_presentation_end (watch.presentation);
  lanka_presentation_end (watch.presentation);
  g_assert_true (lanka_presentation_get_ended (watch.presentation));
  g_assert_cmpuint (watch.ended, ==, 1);
  assert_notified (&watch, "ended=1");

  watch_clear (&watch);
}

static void
test_presentation_other_keys (void)
{
  static const guint keys[] = {
    GDK_KEY_a, GDK_KEY_x, GDK_KEY_F1, GDK_KEY_Control_L, GDK_KEY_Shift_L, GDK_KEY_q,
  };
  Watch watch;

  watch_init (&watch, 4);
  lanka_presentation_handle_key (watch.presentation, GDK_KEY_2);
  g_hash_table_remove_all (watch.counts);

  /* Keys that mean nothing here say so, and leave the typed digit. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_false (lanka_presentation_handle_key (watch.presentation, keys[i]));
  g_assert_cmpstr (lanka_presentation_get_typed (watch.presentation), ==, "2");
  assert_slides (watch.presentation, 0, 0);
  assert_notified (&watch, "");

  watch_clear (&watch);
}

static void
test_presentation_timer (void)
{
  Watch watch;

  watch_init (&watch, 10);

  /* Not started: no time, no pace. */
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0), ==, 0);
  g_assert_cmpint (lanka_presentation_get_remaining (watch.presentation, T0), ==, 0);

  lanka_presentation_start_timer (watch.presentation, T0);
  g_assert_true (lanka_presentation_get_timer_running (watch.presentation));
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0 + 90 * SECOND),
                   ==, 90 * SECOND);
  /* Starting again while it runs changes nothing. */
  lanka_presentation_start_timer (watch.presentation, T0 + 30 * SECOND);
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0 + 90 * SECOND),
                   ==, 90 * SECOND);
  assert_notified (&watch, "timer-running=1");

  /* A pause of ten minutes does not count. */
  lanka_presentation_pause_timer (watch.presentation, T0 + 2 * MINUTE);
  g_assert_false (lanka_presentation_get_timer_running (watch.presentation));
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0 + 12 * MINUTE),
                   ==, 2 * MINUTE);
  lanka_presentation_pause_timer (watch.presentation, T0 + 11 * MINUTE);
  lanka_presentation_start_timer (watch.presentation, T0 + 12 * MINUTE);
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0 + 13 * MINUTE),
                   ==, 3 * MINUTE);
  assert_notified (&watch, "timer-running=2");

  /* Without a planned length there is nothing to count down. */
  g_assert_cmpint (lanka_presentation_get_remaining (watch.presentation, T0 + 13 * MINUTE),
                   ==, 0);
  g_assert_cmpint (lanka_presentation_get_pace (watch.presentation, T0 + 13 * MINUTE),
                   ==, LANKA_PACE_NONE);

  /* With 20 minutes planned: 17 left; after 21 min 5 s counted (the pause
   * not among them), 1 min 5 s over.
   */
  lanka_presentation_set_planned (watch.presentation, 20 * 60);
  lanka_presentation_set_planned (watch.presentation, 20 * 60);
  g_assert_cmpuint (lanka_presentation_get_planned (watch.presentation), ==, 20 * 60);
  assert_notified (&watch, "planned=1");
  g_assert_cmpint (lanka_presentation_get_remaining (watch.presentation, T0 + 13 * MINUTE),
                   ==, 17 * MINUTE);
  g_assert_cmpint (lanka_presentation_get_remaining (watch.presentation,
                                                     T0 + 31 * MINUTE + 5 * SECOND),
                   ==, -(MINUTE + 5 * SECOND));

  /* Reset: zero, stopped, no pace until it starts again. */
  lanka_presentation_reset_timer (watch.presentation);
  g_assert_false (lanka_presentation_get_timer_running (watch.presentation));
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0 + 40 * MINUTE), ==, 0);
  g_assert_cmpint (lanka_presentation_get_remaining (watch.presentation, T0 + 40 * MINUTE),
                   ==, 20 * MINUTE);
  g_assert_cmpint (lanka_presentation_get_pace (watch.presentation, T0 + 40 * MINUTE),
                   ==, LANKA_PACE_NONE);
  lanka_presentation_start_timer (watch.presentation, T0 + 41 * MINUTE);
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0 + 42 * MINUTE),
                   ==, MINUTE);
  assert_notified (&watch, "timer-running=2");

  /* A reset while paused keeps it stopped and says nothing about it. */
  lanka_presentation_pause_timer (watch.presentation, T0 + 43 * MINUTE);
  g_hash_table_remove_all (watch.counts);
  lanka_presentation_reset_timer (watch.presentation);
  g_assert_cmpint (lanka_presentation_get_elapsed (watch.presentation, T0 + 50 * MINUTE), ==, 0);
  assert_notified (&watch, "");

  watch_clear (&watch);
}

static void
test_presentation_pace (void)
{
  g_autoptr(LankaPresentation) presentation = lanka_presentation_new (10);

  /* Ten slides in ten minutes: a minute each. */
  lanka_presentation_set_planned (presentation, 10 * 60);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0), ==, LANKA_PACE_NONE);
  lanka_presentation_start_timer (presentation, T0);

  /* At the start, slides 0 and 1 are on time; 2 is ahead. */
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0), ==, LANKA_PACE_ON_TIME);
  lanka_presentation_go_to (presentation, 1);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0), ==, LANKA_PACE_ON_TIME);
  lanka_presentation_go_to (presentation, 2);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0), ==, LANKA_PACE_AHEAD);

  /* After 4 min 30 s one would be on slide 4: 3 to 5 are on time. */
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 4 * MINUTE + 30 * SECOND),
                   ==, LANKA_PACE_BEHIND);
  lanka_presentation_go_to (presentation, 3);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 4 * MINUTE + 30 * SECOND),
                   ==, LANKA_PACE_ON_TIME);
  lanka_presentation_go_to (presentation, 5);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 4 * MINUTE + 30 * SECOND),
                   ==, LANKA_PACE_ON_TIME);
  lanka_presentation_go_to (presentation, 6);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 4 * MINUTE + 30 * SECOND),
                   ==, LANKA_PACE_AHEAD);

  /* Exactly at the end it is still on time on the last slide; a moment
   * later it is over time, wherever the presenter is.
   */
  lanka_presentation_last (presentation);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 10 * MINUTE),
                   ==, LANKA_PACE_ON_TIME);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 10 * MINUTE + 1),
                   ==, LANKA_PACE_OVERTIME);
  lanka_presentation_first (presentation);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 10 * MINUTE),
                   ==, LANKA_PACE_BEHIND);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 11 * MINUTE),
                   ==, LANKA_PACE_OVERTIME);

  /* Paused, the pace is that of the time counted, not of the clock. */
  lanka_presentation_go_to (presentation, 2);
  lanka_presentation_pause_timer (presentation, T0 + 2 * MINUTE);
  g_assert_cmpint (lanka_presentation_get_pace (presentation, T0 + 9 * MINUTE),
                   ==, LANKA_PACE_ON_TIME);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/training/presentation/new", test_presentation_new);
  g_test_add_func ("/training/presentation/keys/next", test_presentation_next_keys);
  g_test_add_func ("/training/presentation/keys/previous", test_presentation_previous_keys);
  g_test_add_func ("/training/presentation/keys/home-end", test_presentation_home_end);
  g_test_add_func ("/training/presentation/keys/other", test_presentation_other_keys);
  g_test_add_func ("/training/presentation/edges", test_presentation_edges);
  g_test_add_func ("/training/presentation/no-slides", test_presentation_empty);
  g_test_add_func ("/training/presentation/one-slide", test_presentation_single);
  g_test_add_func ("/training/presentation/black-white", test_presentation_black_white);
  g_test_add_func ("/training/presentation/freeze", test_presentation_freeze);
  g_test_add_func ("/training/presentation/go-to-typed", test_presentation_go_to_typed);
  g_test_add_func ("/training/presentation/overview", test_presentation_overview);
  g_test_add_func ("/training/presentation/escape", test_presentation_escape);
  g_test_add_func ("/training/presentation/end", test_presentation_end);
  g_test_add_func ("/training/presentation/timer", test_presentation_timer);
  g_test_add_func ("/training/presentation/pace", test_presentation_pace);

  return g_test_run ();
}
