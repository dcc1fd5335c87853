/* lanka-presentation.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-presentation"

#include "config.h"

#include <gdk/gdkkeysyms.h>

#include "lanka-presentation.h"

/* More digits than any deck has slides: further ones are ignored, so that
 * a key held down cannot grow the number without end.
 */
#define MAX_TYPED 6

struct _LankaPresentation
{
  GObject      parent_instance;

  guint        n_slides;
  guint        current;
  /* What the audience sees, kept up to date by update_audience(). */
  guint        audience;
  LankaScreen  screen;

  gboolean     frozen;
  guint        frozen_slide;

  gboolean     overview;
  /* The slide the overview was opened on: the audience keeps it, and
   * Escape goes back to it.
   */
  guint        overview_origin;
  guint        overview_columns;

  gboolean     ended;
  GString     *typed;

  guint        planned;
  gboolean     timer_running;
  /* Microseconds counted before the last start, and when that was. */
  gint64       elapsed_before;
  gint64       started_at;
};

G_DEFINE_FINAL_TYPE (LankaPresentation, lanka_presentation, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LankaScreen, lanka_screen,
  G_DEFINE_ENUM_VALUE (LANKA_SCREEN_SLIDE, "slide"),
  G_DEFINE_ENUM_VALUE (LANKA_SCREEN_BLACK, "black"),
  G_DEFINE_ENUM_VALUE (LANKA_SCREEN_WHITE, "white"))

G_DEFINE_ENUM_TYPE (LankaPace, lanka_pace,
  G_DEFINE_ENUM_VALUE (LANKA_PACE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (LANKA_PACE_ON_TIME, "on-time"),
  G_DEFINE_ENUM_VALUE (LANKA_PACE_AHEAD, "ahead"),
  G_DEFINE_ENUM_VALUE (LANKA_PACE_BEHIND, "behind"),
  G_DEFINE_ENUM_VALUE (LANKA_PACE_OVERTIME, "overtime"))

enum {
  PROP_0,
  PROP_N_SLIDES,
  PROP_CURRENT,
  PROP_AUDIENCE,
  PROP_SCREEN,
  PROP_FROZEN,
  PROP_OVERVIEW,
  PROP_OVERVIEW_COLUMNS,
  PROP_TYPED,
  PROP_ENDED,
  PROP_PLANNED,
  PROP_TIMER_RUNNING,
  N_PROPS
};

enum {
  ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
last_slide (LankaPresentation *self)
{
  return self->n_slides > 0 ? self->n_slides - 1 : 0;
}

static void
update_audience (LankaPresentation *self)
{
  guint audience;

  if (self->frozen)
    audience = self->frozen_slide;
  else if (self->overview)
    audience = self->overview_origin;
  else
    audience = self->current;

  if (audience == self->audience)
    return;

  self->audience = audience;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
}

static void
set_current (LankaPresentation *self,
             guint              slide)
{
  slide = MIN (slide, last_slide (self));
  if (slide == self->current)
    return;

  self->current = slide;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void
set_screen (LankaPresentation *self,
            LankaScreen        screen)
{
  if (screen == self->screen)
    return;

  self->screen = screen;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCREEN]);
}

static void
set_overview (LankaPresentation *self,
              gboolean           overview)
{
  if (overview == self->overview)
    return;

  self->overview = overview;
  if (overview)
    self->overview_origin = self->current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERVIEW]);
}

static void
clear_typed (LankaPresentation *self)
{
  if (self->typed->len == 0)
    return;

  g_string_truncate (self->typed, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPED]);
}

/* Every change of the slide goes through here: notifications are sent
 * after the whole state is consistent, so that a handler reading
 * "audience" on a notify of "current" sees the new value.
 */
static void
move_to (LankaPresentation *self,
         guint              slide,
         gboolean           reveal)
{
  g_object_freeze_notify (G_OBJECT (self));

  clear_typed (self);

  if (self->overview)
    {
      /* Only the highlight moves; the audience is not shown the search. */
      set_current (self, slide);
    }
  else if (reveal || self->screen == LANKA_SCREEN_SLIDE)
    {
      set_current (self, slide);
      set_screen (self, LANKA_SCREEN_SLIDE);
    }
  else
    {
      /* Next or Previous on a black or white screen: the audience sees
       * again where the presenter left off, as in other programs.
       */
      set_screen (self, LANKA_SCREEN_SLIDE);
    }

  update_audience (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
lanka_presentation_finalize (GObject *object)
{
  LankaPresentation *self = (LankaPresentation *)object;

  g_string_free (self->typed, TRUE);

  G_OBJECT_CLASS (lanka_presentation_parent_class)->finalize (object);
}

static void
lanka_presentation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LankaPresentation *self = LANKA_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_N_SLIDES:
      g_value_set_uint (value, lanka_presentation_get_n_slides (self));
      break;

    case PROP_CURRENT:
      g_value_set_uint (value, lanka_presentation_get_current (self));
      break;

    case PROP_AUDIENCE:
      g_value_set_uint (value, lanka_presentation_get_audience (self));
      break;

    case PROP_SCREEN:
      g_value_set_enum (value, lanka_presentation_get_screen (self));
      break;

    case PROP_FROZEN:
      g_value_set_boolean (value, lanka_presentation_get_frozen (self));
      break;

    case PROP_OVERVIEW:
      g_value_set_boolean (value, lanka_presentation_get_overview (self));
      break;

    case PROP_OVERVIEW_COLUMNS:
      g_value_set_uint (value, lanka_presentation_get_overview_columns (self));
      break;

    case PROP_TYPED:
      g_value_set_string (value, lanka_presentation_get_typed (self));
      break;

    case PROP_ENDED:
      g_value_set_boolean (value, lanka_presentation_get_ended (self));
      break;

    case PROP_PLANNED:
      g_value_set_uint (value, lanka_presentation_get_planned (self));
      break;

    case PROP_TIMER_RUNNING:
      g_value_set_boolean (value, lanka_presentation_get_timer_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_presentation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LankaPresentation *self = LANKA_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_N_SLIDES:
      self->n_slides = g_value_get_uint (value);
      break;

    case PROP_OVERVIEW_COLUMNS:
      lanka_presentation_set_overview_columns (self, g_value_get_uint (value));
      break;

    case PROP_PLANNED:
      lanka_presentation_set_planned (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_presentation_class_init (LankaPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_presentation_finalize;
  object_class->get_property = lanka_presentation_get_property;
  object_class->set_property = lanka_presentation_set_property;

  properties[PROP_N_SLIDES] =
    g_param_spec_uint ("n-slides", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUDIENCE] =
    g_param_spec_uint ("audience", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCREEN] =
    g_param_spec_enum ("screen", NULL, NULL,
                       LANKA_TYPE_SCREEN, LANKA_SCREEN_SLIDE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FROZEN] =
    g_param_spec_boolean ("frozen", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OVERVIEW] =
    g_param_spec_boolean ("overview", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OVERVIEW_COLUMNS] =
    g_param_spec_uint ("overview-columns", NULL, NULL,
                       1, G_MAXUINT, 1,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TYPED] =
    g_param_spec_string ("typed", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENDED] =
    g_param_spec_boolean ("ended", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLANNED] =
    g_param_spec_uint ("planned", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMER_RUNNING] =
    g_param_spec_boolean ("timer-running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaPresentation::ended:
   *
   * The presenter ended the presentation (Escape, or lanka_presentation_end()).
   * Emitted once.
   */
  signals[ENDED] =
    g_signal_new ("ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
lanka_presentation_init (LankaPresentation *self)
{
  self->typed = g_string_new (NULL);
  self->overview_columns = 1;
}

/**
 * lanka_presentation_new:
 * @n_slides: how many slides there are (0 is allowed: nothing moves)
 *
 * Returns: (transfer full): a presentation on the first slide
 */
LankaPresentation *
lanka_presentation_new (guint n_slides)
{
  return g_object_new (LANKA_TYPE_PRESENTATION,
                       "n-slides", n_slides,
                       NULL);
}

guint
lanka_presentation_get_n_slides (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), 0);

  return self->n_slides;
}

guint
lanka_presentation_get_current (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), 0);

  return self->current;
}

guint
lanka_presentation_get_audience (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), 0);

  return self->audience;
}

LankaScreen
lanka_presentation_get_screen (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), LANKA_SCREEN_SLIDE);

  return self->screen;
}

gboolean
lanka_presentation_get_frozen (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), FALSE);

  return self->frozen;
}

gboolean
lanka_presentation_get_overview (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), FALSE);

  return self->overview;
}

gboolean
lanka_presentation_get_ended (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), FALSE);

  return self->ended;
}

const char *
lanka_presentation_get_typed (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), "");

  return self->typed->str;
}

void
lanka_presentation_next (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  move_to (self, MIN (self->current + 1, last_slide (self)), FALSE);
}

void
lanka_presentation_previous (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  move_to (self, self->current > 0 ? self->current - 1 : 0, FALSE);
}

void
lanka_presentation_first (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  move_to (self, 0, TRUE);
}

void
lanka_presentation_last (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  move_to (self, last_slide (self), TRUE);
}

/**
 * lanka_presentation_go_to:
 * @self: a #LankaPresentation
 * @slide: the slide, counted from 0; past the end means the last
 *
 * Goes to @slide, shows it (no black or white screen any more) and
 * leaves the overview: choosing in the overview grid is this.
 */
void
lanka_presentation_go_to (LankaPresentation *self,
                          guint              slide)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  set_overview (self, FALSE);
  move_to (self, slide, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
toggle_screen (LankaPresentation *self,
               LankaScreen        screen)
{
  if (self->ended)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  clear_typed (self);
  set_screen (self, self->screen == screen ? LANKA_SCREEN_SLIDE : screen);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lanka_presentation_toggle_black:
 * @self: a #LankaPresentation
 *
 * Black screen, or back to the slide; on a white screen, black.
 */
void
lanka_presentation_toggle_black (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  toggle_screen (self, LANKA_SCREEN_BLACK);
}

/**
 * lanka_presentation_toggle_white:
 * @self: a #LankaPresentation
 *
 * White screen, or back to the slide; on a black screen, white.
 */
void
lanka_presentation_toggle_white (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  toggle_screen (self, LANKA_SCREEN_WHITE);
}

void
lanka_presentation_toggle_freeze (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  clear_typed (self);
  self->frozen = !self->frozen;
  self->frozen_slide = self->audience;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROZEN]);
  update_audience (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lanka_presentation_toggle_overview:
 * @self: a #LankaPresentation
 *
 * Opens the overview, or leaves it choosing the highlighted slide (the
 * current one), as go-to does.
 */
void
lanka_presentation_toggle_overview (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  if (self->overview)
    {
      lanka_presentation_go_to (self, self->current);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  clear_typed (self);
  set_overview (self, TRUE);
  update_audience (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Escape in the overview: back to where it was opened, nothing chosen. */
static void
cancel_overview (LankaPresentation *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  clear_typed (self);
  set_current (self, self->overview_origin);
  set_overview (self, FALSE);
  update_audience (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lanka_presentation_end:
 * @self: a #LankaPresentation
 *
 * Ends the presentation: #LankaPresentation:ended becomes %TRUE and
 * #LankaPresentation::ended is emitted, the first time only.
 */
void
lanka_presentation_end (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->ended)
    return;

  self->ended = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
  g_signal_emit (self, signals[ENDED], 0);
}

void
lanka_presentation_set_overview_columns (LankaPresentation *self,
                                         guint              columns)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));
  g_return_if_fail (columns > 0);

  if (columns == self->overview_columns)
    return;

  self->overview_columns = columns;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERVIEW_COLUMNS]);
}

guint
lanka_presentation_get_overview_columns (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), 1);

  return self->overview_columns;
}

static int
key_digit (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_0;
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_0;

  return -1;
}

static void
type_digit (LankaPresentation *self,
            int                digit)
{
  if (self->typed->len >= MAX_TYPED)
    return;

  g_string_append_c (self->typed, '0' + digit);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPED]);
}

/* Enter: the typed number, as people count slides (from 1), or Next. */
static void
enter (LankaPresentation *self)
{
  if (self->typed->len > 0)
    {
      guint64 number = g_ascii_strtoull (self->typed->str, NULL, 10);

      lanka_presentation_go_to (self, number > 0 ? (guint)MIN (number - 1, G_MAXUINT) : 0);
    }
  else if (self->overview)
    lanka_presentation_go_to (self, self->current);
  else
    lanka_presentation_next (self);
}

/* Up and Down in the overview move by a row of the grid. */
static void
move_row (LankaPresentation *self,
          gboolean           down)
{
  guint columns = self->overview_columns;
  guint slide;

  if (down)
    slide = self->current + columns > last_slide (self) ? self->current : self->current + columns;
  else
    slide = self->current >= columns ? self->current - columns : self->current;

  move_to (self, slide, FALSE);
}

gboolean
lanka_presentation_handle_key (LankaPresentation *self,
                               guint              keyval)
{
  int digit;

  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), FALSE);

  if (self->ended)
    return FALSE;

  digit = key_digit (keyval);
  if (digit >= 0)
    {
      type_digit (self, digit);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      enter (self);
      return TRUE;

    case GDK_KEY_BackSpace:
      if (self->typed->len > 0)
        {
          g_string_truncate (self->typed, self->typed->len - 1);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPED]);
        }
      else
        lanka_presentation_previous (self);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->overview)
        move_row (self, TRUE);
      else
        lanka_presentation_next (self);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->overview)
        move_row (self, FALSE);
      else
        lanka_presentation_previous (self);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_n:
    case GDK_KEY_N:
      lanka_presentation_next (self);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_p:
    case GDK_KEY_P:
      lanka_presentation_previous (self);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      lanka_presentation_first (self);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      lanka_presentation_last (self);
      return TRUE;

    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
      lanka_presentation_toggle_black (self);
      return TRUE;

    case GDK_KEY_w:
    case GDK_KEY_W:
    case GDK_KEY_comma:
      lanka_presentation_toggle_white (self);
      return TRUE;

    case GDK_KEY_f:
    case GDK_KEY_F:
      lanka_presentation_toggle_freeze (self);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      lanka_presentation_toggle_overview (self);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->overview)
        cancel_overview (self);
      else if (self->typed->len > 0)
        clear_typed (self);
      else
        lanka_presentation_end (self);
      return TRUE;

    default:
      return FALSE;
    }
}

/* The timer */

void
lanka_presentation_set_planned (LankaPresentation *self,
                                guint              seconds)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (seconds == self->planned)
    return;

  self->planned = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED]);
}

guint
lanka_presentation_get_planned (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), 0);

  return self->planned;
}

/**
 * lanka_presentation_start_timer:
 * @self: a #LankaPresentation
 * @now: monotonic time in microseconds (g_get_monotonic_time())
 *
 * Starts the timer, or goes on after a pause.  Nothing happens while it
 * runs.
 */
void
lanka_presentation_start_timer (LankaPresentation *self,
                                gint64             now)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (self->timer_running)
    return;

  self->started_at = now;
  self->timer_running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_RUNNING]);
}

void
lanka_presentation_pause_timer (LankaPresentation *self,
                                gint64             now)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  if (!self->timer_running)
    return;

  self->elapsed_before += MAX (now - self->started_at, 0);
  self->timer_running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_RUNNING]);
}

void
lanka_presentation_reset_timer (LankaPresentation *self)
{
  g_return_if_fail (LANKA_IS_PRESENTATION (self));

  self->elapsed_before = 0;
  if (!self->timer_running)
    return;

  self->timer_running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_RUNNING]);
}

gboolean
lanka_presentation_get_timer_running (LankaPresentation *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), FALSE);

  return self->timer_running;
}

gint64
lanka_presentation_get_elapsed (LankaPresentation *self,
                                gint64             now)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), 0);

  if (!self->timer_running)
    return self->elapsed_before;

  /* A @now before the start (a caller's mistake) counts as no time. */
  return self->elapsed_before + MAX (now - self->started_at, 0);
}

gint64
lanka_presentation_get_remaining (LankaPresentation *self,
                                  gint64             now)
{
  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), 0);

  if (self->planned == 0)
    return 0;

  return (gint64)self->planned * G_USEC_PER_SEC - lanka_presentation_get_elapsed (self, now);
}

/**
 * lanka_presentation_get_pace:
 * @self: a #LankaPresentation
 * @now: monotonic time in microseconds
 *
 * If every slide took the same time, by now the presenter would be on
 * slide elapsed / planned × n_slides.  Being one slide off either way is
 * still on time: a slide that needs longer is normal.
 *
 * Returns: the pace, for the colour of the presenter's timer
 */
LankaPace
lanka_presentation_get_pace (LankaPresentation *self,
                             gint64             now)
{
  gint64 elapsed;
  gint64 planned;
  guint expected;

  g_return_val_if_fail (LANKA_IS_PRESENTATION (self), LANKA_PACE_NONE);

  if (self->planned == 0 || self->n_slides == 0)
    return LANKA_PACE_NONE;

  if (!self->timer_running && self->elapsed_before == 0)
    return LANKA_PACE_NONE;

  elapsed = lanka_presentation_get_elapsed (self, now);
  planned = (gint64)self->planned * G_USEC_PER_SEC;
  if (elapsed > planned)
    return LANKA_PACE_OVERTIME;

  /* In integers, so that the slide changes exactly at its time. */
  expected = MIN ((guint)((elapsed * self->n_slides) / planned), last_slide (self));

  if (self->current > expected + 1)
    return LANKA_PACE_AHEAD;
  if (self->current + 1 < expected)
    return LANKA_PACE_BEHIND;

  return LANKA_PACE_ON_TIME;
}
