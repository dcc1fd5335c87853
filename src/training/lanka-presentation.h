/* lanka-presentation.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LANKA_TYPE_PRESENTATION (lanka_presentation_get_type ())

G_DECLARE_FINAL_TYPE (LankaPresentation, lanka_presentation, LANKA, PRESENTATION, GObject)

/**
 * LankaScreen:
 * @LANKA_SCREEN_SLIDE: the audience sees the slide
 * @LANKA_SCREEN_BLACK: the audience sees black
 * @LANKA_SCREEN_WHITE: the audience sees white
 */
typedef enum
{
  LANKA_SCREEN_SLIDE,
  LANKA_SCREEN_BLACK,
  LANKA_SCREEN_WHITE,
} LankaScreen;

#define LANKA_TYPE_SCREEN (lanka_screen_get_type ())
GType lanka_screen_get_type (void) G_GNUC_CONST;

/**
 * LankaPace:
 * @LANKA_PACE_NONE: no planned length, or the timer has not started
 * @LANKA_PACE_ON_TIME: the slide matches the time gone
 * @LANKA_PACE_AHEAD: further on than the time gone asks for
 * @LANKA_PACE_BEHIND: further back than the time gone asks for
 * @LANKA_PACE_OVERTIME: the planned length has run out
 */
typedef enum
{
  LANKA_PACE_NONE,
  LANKA_PACE_ON_TIME,
  LANKA_PACE_AHEAD,
  LANKA_PACE_BEHIND,
  LANKA_PACE_OVERTIME,
} LankaPace;

#define LANKA_TYPE_PACE (lanka_pace_get_type ())
GType lanka_pace_get_type (void) G_GNUC_CONST;

/* What a presentation is at any moment, apart from any window: which of
 * n slides the presenter is on (counted from 0), which one the audience
 * sees (the same, unless frozen), black or white screen, the overview,
 * the number typed for "go to", and the timer.  Time comes from the
 * caller (monotonic microseconds), so that tests need no clock.  Every
 * property notifies when it changes; ::ended is emitted once, by End.
 *
 * Keys are those presentation clickers send: → ↓ Space Page Down Enter N
 * next; ← ↑ Page Up Backspace P previous; Home, End; B or . black; W or ,
 * white; F freeze; Tab overview; digits then Enter go to that slide;
 * Escape leaves the overview, drops typed digits, or ends.
 *
 * The details a person relies on:
 *  - Next at the last slide and Previous at the first do nothing.
 *  - While the screen is black or white, Next and Previous only bring the
 *    slide back (as other presentation programs do); First, Last and
 *    go-to move and bring it back.
 *  - Frozen, the audience keeps the slide it saw when freezing while the
 *    presenter moves on; unfreezing shows the current slide.
 *  - In the overview, moving changes the current (highlighted) slide but
 *    the audience keeps what it saw when the overview opened.  Enter, Tab
 *    or go-to choose the highlighted slide and leave the overview;
 *    Escape leaves it and goes back to the slide it was opened on.
 *    Up and Down move by a row of the grid (set_overview_columns).
 *  - Digits (also on the keypad) are typed for go-to: Enter goes to that
 *    slide as people count them, from 1 (0 or past the end is clamped);
 *    Backspace drops the last digit typed; any other key that means
 *    something here drops them all.  Enter with nothing typed is Next.
 *  - After End nothing changes any more, and keys mean nothing.
 */
LankaPresentation *lanka_presentation_new               (guint              n_slides);
guint              lanka_presentation_get_n_slides      (LankaPresentation *self);
guint              lanka_presentation_get_current       (LankaPresentation *self);
/* The slide the audience sees: the current one, or while frozen the one
 * shown when freezing.
 */
guint              lanka_presentation_get_audience      (LankaPresentation *self);
LankaScreen        lanka_presentation_get_screen        (LankaPresentation *self);
gboolean           lanka_presentation_get_frozen        (LankaPresentation *self);
gboolean           lanka_presentation_get_overview      (LankaPresentation *self);
gboolean           lanka_presentation_get_ended         (LankaPresentation *self);
/* The digits typed for "go to", or "" */
const char        *lanka_presentation_get_typed         (LankaPresentation *self);

void               lanka_presentation_next              (LankaPresentation *self);
void               lanka_presentation_previous          (LankaPresentation *self);
void               lanka_presentation_first             (LankaPresentation *self);
void               lanka_presentation_last              (LankaPresentation *self);
/* Out of range is clamped. Leaves black/white screen and the overview. */
void               lanka_presentation_go_to             (LankaPresentation *self,
                                                         guint              slide);
void               lanka_presentation_toggle_black      (LankaPresentation *self);
void               lanka_presentation_toggle_white      (LankaPresentation *self);
void               lanka_presentation_toggle_freeze     (LankaPresentation *self);
void               lanka_presentation_toggle_overview   (LankaPresentation *self);
void               lanka_presentation_end               (LankaPresentation *self);
/* How many slides a row of the overview grid shows (default 1): what Up
 * and Down move by in the overview.
 */
void               lanka_presentation_set_overview_columns (LankaPresentation *self,
                                                            guint              columns);
guint              lanka_presentation_get_overview_columns (LankaPresentation *self);
/* A key as GDK names it (GDK_KEY_*, no modifiers apart from Shift):
 * %TRUE when it meant something to the presentation.
 */
gboolean           lanka_presentation_handle_key        (LankaPresentation *self,
                                                         guint              keyval);

/* The timer: elapsed time runs from the first start, can be paused and
 * reset.  With a planned length (seconds, 0: none) it counts down and
 * gives a pace: the slide one would be on by now if slides took equal
 * time, against the current one, with a slide's worth of slack.
 * Reset stops the timer at zero (the pace is NONE until it starts
 * again).  Without a planned length the remaining time is 0.
 */
void               lanka_presentation_set_planned       (LankaPresentation *self,
                                                         guint              seconds);
guint              lanka_presentation_get_planned       (LankaPresentation *self);
void               lanka_presentation_start_timer       (LankaPresentation *self,
                                                         gint64             now);
void               lanka_presentation_pause_timer       (LankaPresentation *self,
                                                         gint64             now);
void               lanka_presentation_reset_timer       (LankaPresentation *self);
gboolean           lanka_presentation_get_timer_running (LankaPresentation *self);
/* Elapsed microseconds at @now */
gint64             lanka_presentation_get_elapsed       (LankaPresentation *self,
                                                         gint64             now);
/* Microseconds left of the planned length at @now (negative: over time) */
gint64             lanka_presentation_get_remaining     (LankaPresentation *self,
                                                         gint64             now);
LankaPace          lanka_presentation_get_pace          (LankaPresentation *self,
                                                         gint64             now);

G_END_DECLS
