/* lanka-presenter-console.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-presenter-console"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lanka-presenter-console.h"

/* What the trainer looks at while the audience looks at the projector.
 * Everything follows the LankaPresentation; the console only adds what
 * is its own: the notes have the keyboard while the trainer types in
 * them (Escape gives it back to the slides), and in the overview the
 * arrows move between pages instead of turning them.  The buttons are
 * for the mouse and never take the keyboard's focus, so that a clicker's
 * Enter or Space always reaches the slides.
 */

#define OVERVIEW_COLUMNS   5
#define OVERVIEW_WIDTH     240
#define OVERVIEW_HEIGHT    135
#define TICK_MS            500
#define RESIZED_DELAY_MS   200
#define NOTES_SCALE_MIN    0.5
#define NOTES_SCALE_MAX    4.0
#define NOTES_SCALE_STEP   0.1

struct _LankaPresenterConsole
{
  AdwWindow           parent_instance;

  LankaPresentation  *presentation;
  GSettings          *settings;
  GtkCssProvider     *notes_provider;
  GtkSingleSelection *overview_selection;
  guint               overview_selected;
  gboolean            overview_shown;
  gboolean            can_swap;
  gulong              notes_changed_id;
  guint               tick_id;
  guint               resized_id;

  /* Template widgets */
  GtkStack           *main_stack;
  GtkWidget          *slides_area;
  GtkStack           *current_stack;
  GtkPicture         *current_picture;
  GtkVideo           *current_video;
  GtkLabel           *black_chip;
  GtkLabel           *white_chip;
  GtkLabel           *frozen_chip;
  GtkLabel           *goto_label;
  GtkStack           *next_stack;
  GtkPicture         *next_picture;
  GtkLabel           *next_film_label;
  GtkTextView        *notes_view;
  GtkLabel           *notes_error_label;
  GtkGridView        *overview_grid;
  GtkLabel           *counter_label;
  GtkLabel           *timer_label;
  GtkLabel           *pace_label;
  GtkButton          *timer_button;
  GtkLabel           *clock_label;
  GtkWidget          *swap_button;
};

G_DEFINE_FINAL_TYPE (LankaPresenterConsole, lanka_presenter_console, ADW_TYPE_WINDOW)

enum {
  NOTES_CHANGED,
  SWAP_SCREENS,
  RESIZED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const pace_classes[] = {
  "pace-on-time",
  "pace-ahead",
  "pace-behind",
  "pace-overtime",
};

/* Timer */

static char *
format_duration (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gboolean negative = seconds < 0;

  if (negative)
    seconds = -seconds;

  /* The minus sign, not a hyphen: the time is over by that much. */
  if (seconds >= 3600)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02d:%02d", negative ? "−" : "",
                            seconds / 3600, (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02d", negative ? "−" : "", seconds / 60,
                          (int) (seconds % 60));
}

static const char *
get_pace_text (LankaPace pace)
{
  switch (pace)
    {
    case LANKA_PACE_ON_TIME:
      return _("On time");

    case LANKA_PACE_AHEAD:
      return _("Ahead of time");

    case LANKA_PACE_BEHIND:
      return _("Behind time");

    case LANKA_PACE_OVERTIME:
      return _("Over time");

    case LANKA_PACE_NONE:
    default:
      return "";
    }
}

static void
update_timer (LankaPresenterConsole *self)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GDateTime) clock = g_date_time_new_now_local ();
  g_autofree char *clock_text = g_date_time_format (clock, "%H:%M");
  g_autofree char *timer_text = NULL;
  gboolean running = lanka_presentation_get_timer_running (self->presentation);
  LankaPace pace = LANKA_PACE_NONE;

  if (lanka_presentation_get_planned (self->presentation) > 0)
    timer_text = format_duration (lanka_presentation_get_remaining (self->presentation, now));
  else
    timer_text = format_duration (lanka_presentation_get_elapsed (self->presentation, now));

  if (running)
    pace = lanka_presentation_get_pace (self->presentation, now);

  gtk_label_set_label (self->timer_label, timer_text);
  gtk_label_set_label (self->clock_label, clock_text);
  gtk_label_set_label (self->pace_label, running ? get_pace_text (pace) : _("Timer paused"));

  for (guint i = 0; i < G_N_ELEMENTS (pace_classes); i++)
    {
      gboolean on = pace == (LankaPace) (LANKA_PACE_ON_TIME + i);

      if (on)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), pace_classes[i]);
          gtk_widget_add_css_class (GTK_WIDGET (self->pace_label), pace_classes[i]);
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), pace_classes[i]);
          gtk_widget_remove_css_class (GTK_WIDGET (self->pace_label), pace_classes[i]);
        }
    }

  gtk_button_set_icon_name (self->timer_button,
                            running ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer_button),
                               running ? _("Pause timer") : _("Start timer"));
}

static gboolean
on_tick_cb (gpointer user_data)
{
  update_timer (user_data);

  return G_SOURCE_CONTINUE;
}

/* State */

static void
update_overview (LankaPresenterConsole *self)
{
  gboolean shown = lanka_presentation_get_overview (self->presentation);
  guint current = lanka_presentation_get_current (self->presentation);

  /* In the overview the current slide is the one highlighted: the
   * presentation moves it, the grid only shows where it is.
   */
  if (shown && (!self->overview_shown || self->overview_selected != current))
    {
      self->overview_selected = current;
      gtk_single_selection_set_selected (self->overview_selection, current);
      gtk_widget_activate_action (GTK_WIDGET (self->overview_grid), "list.scroll-to-item", "u",
                                  current);
    }

  if (shown == self->overview_shown)
    return;

  self->overview_shown = shown;
  gtk_stack_set_visible_child_name (self->main_stack, shown ? "overview" : "slides");
  lanka_presenter_console_focus_slides (self);
}

static void
update_state (LankaPresenterConsole *self)
{
  LankaPresentation *presentation = self->presentation;
  LankaScreen screen = lanka_presentation_get_screen (presentation);
  gboolean frozen = lanka_presentation_get_frozen (presentation);
  const char *typed = lanka_presentation_get_typed (presentation);
  g_autofree char *counter = NULL;

  /* Translators: the slide counter of the presenter console, "12 / 40" */
  counter = g_strdup_printf (C_("slide counter", "%u / %u"),
                             lanka_presentation_get_current (presentation) + 1,
                             lanka_presentation_get_n_slides (presentation));
  gtk_label_set_label (self->counter_label, counter);

  gtk_widget_set_visible (GTK_WIDGET (self->black_chip), screen == LANKA_SCREEN_BLACK);
  gtk_widget_set_visible (GTK_WIDGET (self->white_chip), screen == LANKA_SCREEN_WHITE);
  gtk_widget_set_visible (GTK_WIDGET (self->frozen_chip), frozen);
  if (frozen)
    gtk_widget_add_css_class (GTK_WIDGET (self->current_stack), "frozen");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->current_stack), "frozen");

  if (typed != NULL && typed[0] != '\0')
    {
      /* Translators: shown while the trainer types a slide number */
      g_autofree char *text = g_strdup_printf (_("Go to slide %s"), typed);

      gtk_label_set_label (self->goto_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->goto_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->goto_label), FALSE);
    }

  update_overview (self);
  update_timer (self);
}

static void
on_presentation_notify_cb (LankaPresenterConsole *self)
{
  update_state (self);
}

/* Notes */

static void
update_notes_font (LankaPresenterConsole *self)
{
  double scale = g_settings_get_double (self->settings, "presenter-notes-font-scale");
  g_autofree char *css = NULL;

  css = g_strdup_printf ("textview { font-size: %d%%; }", (int) round (scale * 100));
  gtk_css_provider_load_from_data (self->notes_provider, css, -1);
}

static void
change_notes_font (LankaPresenterConsole *self,
                   double                 step)
{
  double scale = g_settings_get_double (self->settings, "presenter-notes-font-scale");

  scale = step == 0 ? 1.0 : round ((scale + step) * 10) / 10;
  g_settings_set_double (self->settings, "presenter-notes-font-scale",
                         CLAMP (scale, NOTES_SCALE_MIN, NOTES_SCALE_MAX));
}

static void
on_settings_changed_cb (LankaPresenterConsole *self,
                        const char            *key)
{
  if (g_strcmp0 (key, "presenter-notes-font-scale") == 0)
    update_notes_font (self);
}

static void
on_notes_changed_cb (LankaPresenterConsole *self)
{
  g_signal_emit (self, signals[NOTES_CHANGED], 0);
}

/* Overview */

static void
on_overview_setup_cb (LankaPresenterConsole    *self,
                      GtkListItem              *item,
                      GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "lanka-presenter-overview-page");
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, OVERVIEW_WIDTH / 2, OVERVIEW_HEIGHT / 2);
  gtk_widget_set_vexpand (picture, TRUE);
  gtk_widget_add_css_class (picture, "lanka-presenter-slide");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
on_overview_bind_cb (LankaPresenterConsole    *self,
                     GtkListItem              *item,
                     GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (picture);
  guint position = gtk_list_item_get_position (item);
  g_autofree char *number = g_strdup_printf ("%u", position + 1);
  /* Translators: a page of the overview, for screen readers; %u is its number */
  g_autofree char *name = g_strdup_printf (_("Slide %u"), position + 1);

  gtk_picture_set_paintable (GTK_PICTURE (picture), gtk_list_item_get_item (item));
  gtk_label_set_label (GTK_LABEL (label), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
on_overview_activate_cb (LankaPresenterConsole *self,
                         guint                  position)
{
  lanka_presentation_go_to (self->presentation, position);
}

static void
on_overview_items_changed_cb (LankaPresenterConsole *self)
{
  /* A page replaced by its finished picture must not lose the choice. */
  if (self->overview_shown)
    gtk_single_selection_set_selected (self->overview_selection, self->overview_selected);
}

/* Actions */

static void
presenter_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LankaPresenterConsole *self = LANKA_PRESENTER_CONSOLE (widget);
  LankaPresentation *presentation = self->presentation;

  if (g_str_equal (action_name, "presenter.next"))
    lanka_presentation_next (presentation);
  else if (g_str_equal (action_name, "presenter.previous"))
    lanka_presentation_previous (presentation);
  else if (g_str_equal (action_name, "presenter.black"))
    lanka_presentation_toggle_black (presentation);
  else if (g_str_equal (action_name, "presenter.white"))
    lanka_presentation_toggle_white (presentation);
  else if (g_str_equal (action_name, "presenter.freeze"))
    lanka_presentation_toggle_freeze (presentation);
  else if (g_str_equal (action_name, "presenter.overview"))
    lanka_presentation_toggle_overview (presentation);
  else if (g_str_equal (action_name, "presenter.end"))
    lanka_presentation_end (presentation);
  else if (g_str_equal (action_name, "presenter.reset-timer"))
    lanka_presentation_reset_timer (presentation);
  else if (g_str_equal (action_name, "presenter.toggle-timer"))
    {
      if (lanka_presentation_get_timer_running (presentation))
        lanka_presentation_pause_timer (presentation, g_get_monotonic_time ());
      else
        lanka_presentation_start_timer (presentation, g_get_monotonic_time ());
    }
  else if (g_str_equal (action_name, "presenter.notes-bigger"))
    change_notes_font (self, NOTES_SCALE_STEP);
  else if (g_str_equal (action_name, "presenter.notes-smaller"))
    change_notes_font (self, -NOTES_SCALE_STEP);
  else if (g_str_equal (action_name, "presenter.swap"))
    g_signal_emit (self, signals[SWAP_SCREENS], 0);

  update_timer (self);
}

/* Size */

static gboolean
on_resized_timeout_cb (gpointer user_data)
{
  LankaPresenterConsole *self = user_data;

  self->resized_id = 0;
  g_signal_emit (self, signals[RESIZED], 0);

  return G_SOURCE_REMOVE;
}

static void
queue_resized (LankaPresenterConsole *self)
{
  g_clear_handle_id (&self->resized_id, g_source_remove);
  self->resized_id = g_timeout_add (RESIZED_DELAY_MS, on_resized_timeout_cb, self);
}

static void
get_widget_size (GtkWidget *widget,
                 int        fallback_width,
                 int        fallback_height,
                 int       *width,
                 int       *height)
{
  int scale = gtk_widget_get_scale_factor (widget);

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);

  /* Before the first frame nothing has a size yet: an estimate from the
   * window's lets the first pictures be drawn at once.
   */
  if (*width <= 1 || *height <= 1)
    {
      *width = fallback_width;
      *height = fallback_height;
    }

  *width = MAX (*width, 1) * scale;
  *height = MAX (*height, 1) * scale;
}

void
lanka_presenter_console_get_current_size (LankaPresenterConsole *self,
                                          int                   *width,
                                          int                   *height)
{
  int window_width;
  int window_height;

  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (width != NULL && height != NULL);

  gtk_window_get_default_size (GTK_WINDOW (self), &window_width, &window_height);
  get_widget_size (GTK_WIDGET (self->current_stack),
                   MAX (window_width - 340, 320), MAX (window_height - 140, 180),
                   width, height);
}

void
lanka_presenter_console_get_next_size (LankaPresenterConsole *self,
                                       int                   *width,
                                       int                   *height)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (width != NULL && height != NULL);

  get_widget_size (GTK_WIDGET (self->next_stack), 300, 170, width, height);
}

void
lanka_presenter_console_get_overview_size (LankaPresenterConsole *self,
                                           int                   *width,
                                           int                   *height)
{
  int scale;

  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (width != NULL && height != NULL);

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  *width = OVERVIEW_WIDTH * scale;
  *height = OVERVIEW_HEIGHT * scale;
}

/* GtkWidget */

static void
lanka_presenter_console_map (GtkWidget *widget)
{
  LankaPresenterConsole *self = LANKA_PRESENTER_CONSOLE (widget);

  GTK_WIDGET_CLASS (lanka_presenter_console_parent_class)->map (widget);

  /* The pictures were drawn for estimated sizes: now there are real ones. */
  queue_resized (self);
  lanka_presenter_console_focus_slides (self);
}

/* GObject */

static void
lanka_presenter_console_dispose (GObject *object)
{
  LankaPresenterConsole *self = (LankaPresenterConsole *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->resized_id, g_source_remove);

  /* The film is the presenter's; the console only showed it. */
  if (self->current_video != NULL)
    gtk_video_set_media_stream (self->current_video, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_PRESENTER_CONSOLE);

  g_clear_object (&self->overview_selection);
  g_clear_object (&self->notes_provider);
  g_clear_object (&self->settings);
  g_clear_object (&self->presentation);

  G_OBJECT_CLASS (lanka_presenter_console_parent_class)->dispose (object);
}

static void
lanka_presenter_console_class_init (LankaPresenterConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "presenter.next",
    "presenter.previous",
    "presenter.black",
    "presenter.white",
    "presenter.freeze",
    "presenter.overview",
    "presenter.end",
    "presenter.toggle-timer",
    "presenter.reset-timer",
    "presenter.notes-bigger",
    "presenter.notes-smaller",
    "presenter.swap",
  };

  object_class->dispose = lanka_presenter_console_dispose;

  widget_class->map = lanka_presenter_console_map;

  /**
   * LankaPresenterConsole::notes-changed:
   * @self: a #LankaPresenterConsole
   *
   * The trainer changed the notes of the current slide.
   */
  signals[NOTES_CHANGED] =
    g_signal_new ("notes-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * LankaPresenterConsole::swap-screens:
   * @self: a #LankaPresenterConsole
   *
   * The trainer asked to exchange the audience's and the console's screens.
   */
  signals[SWAP_SCREENS] =
    g_signal_new ("swap-screens",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * LankaPresenterConsole::resized:
   * @self: a #LankaPresenterConsole
   *
   * The pictures have another size now: they can be drawn for it.
   */
  signals[RESIZED] =
    g_signal_new ("resized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/training/lanka-presenter-console.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, black_chip);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, clock_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, counter_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, current_picture);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, current_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, current_video);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, frozen_chip);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, goto_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, next_film_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, next_picture);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, next_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, notes_error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, overview_grid);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, pace_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, slides_area);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, swap_button);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, timer_button);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, timer_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPresenterConsole, white_chip);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, presenter_action);
}

static void
lanka_presenter_console_init (LankaPresenterConsole *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.lanka.Lanka");
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->notes_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->notes_view)),
                                  GTK_STYLE_PROVIDER (self->notes_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  update_notes_font (self);
  self->notes_changed_id =
    g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                             G_CALLBACK (on_notes_changed_cb), self, G_CONNECT_SWAPPED);

  self->overview_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->overview_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->overview_selection, TRUE);
  g_signal_connect_object (self->overview_selection, "items-changed",
                           G_CALLBACK (on_overview_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->overview_grid, GTK_SELECTION_MODEL (self->overview_selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_overview_setup_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_overview_bind_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_view_set_factory (self->overview_grid, factory);
  g_signal_connect_object (self->overview_grid, "activate", G_CALLBACK (on_overview_activate_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (queue_resized), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::default-height", G_CALLBACK (queue_resized), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::maximized", G_CALLBACK (queue_resized), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::fullscreened", G_CALLBACK (queue_resized), self,
                           G_CONNECT_SWAPPED);

  self->can_swap = TRUE;
  self->tick_id = g_timeout_add (TICK_MS, on_tick_cb, self);
}

/**
 * lanka_presenter_console_new:
 * @presentation: the presentation it shows
 *
 * Returns: (transfer none): a new console, not shown yet
 */
LankaPresenterConsole *
lanka_presenter_console_new (LankaPresentation *presentation)
{
  LankaPresenterConsole *self;

  g_return_val_if_fail (LANKA_IS_PRESENTATION (presentation), NULL);

  self = g_object_new (LANKA_TYPE_PRESENTER_CONSOLE, NULL);
  self->presentation = g_object_ref (presentation);
  lanka_presentation_set_overview_columns (presentation, OVERVIEW_COLUMNS);
  g_signal_connect_object (presentation, "notify", G_CALLBACK (on_presentation_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_state (self);

  return self;
}

/**
 * lanka_presenter_console_get_presentation:
 * @self: a #LankaPresenterConsole
 *
 * Returns: (transfer none): the presentation it shows
 */
LankaPresentation *
lanka_presenter_console_get_presentation (LankaPresenterConsole *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER_CONSOLE (self), NULL);

  return self->presentation;
}

void
lanka_presenter_console_show_current (LankaPresenterConsole *self,
                                      GdkPaintable          *paintable)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  if (paintable != NULL)
    gtk_picture_set_paintable (self->current_picture, paintable);
  gtk_video_set_media_stream (self->current_video, NULL);
  gtk_stack_set_visible_child_name (self->current_stack, "picture");
}

/**
 * lanka_presenter_console_show_current_film:
 * @self: a #LankaPresenterConsole
 * @stream: the film
 *
 * Shows the film with its controls, so that the trainer can pause or
 * wind it; the audience sees the same film without them.
 */
void
lanka_presenter_console_show_current_film (LankaPresenterConsole *self,
                                           GtkMediaStream        *stream)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (GTK_IS_MEDIA_STREAM (stream));

  if (gtk_video_get_media_stream (self->current_video) != stream)
    gtk_video_set_media_stream (self->current_video, stream);
  gtk_stack_set_visible_child_name (self->current_stack, "film");
}

void
lanka_presenter_console_show_next (LankaPresenterConsole *self,
                                   GdkPaintable          *paintable)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  if (paintable != NULL)
    gtk_picture_set_paintable (self->next_picture, paintable);
  gtk_stack_set_visible_child_name (self->next_stack, "picture");
}

void
lanka_presenter_console_show_next_film (LankaPresenterConsole *self,
                                        const char            *title)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));

  /* Translators: the next slide is a film; %s is its title */
  text = g_strdup_printf (_("Film: %s"), title != NULL ? title : "");
  gtk_label_set_label (self->next_film_label, text);
  gtk_stack_set_visible_child_name (self->next_stack, "film");
}

void
lanka_presenter_console_show_end (LankaPresenterConsole *self)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));

  gtk_picture_set_paintable (self->next_picture, NULL);
  gtk_stack_set_visible_child_name (self->next_stack, "end");
}

/**
 * lanka_presenter_console_set_overview:
 * @self: a #LankaPresenterConsole
 * @pages: (nullable): a #GListModel of #GdkPaintable, one per slide
 *
 * The overview shows @pages; replacing an item replaces its picture.
 */
void
lanka_presenter_console_set_overview (LankaPresenterConsole *self,
                                      GListModel            *pages)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (pages == NULL || G_IS_LIST_MODEL (pages));

  gtk_single_selection_set_model (self->overview_selection, pages);
  gtk_single_selection_set_selected (self->overview_selection, GTK_INVALID_LIST_POSITION);
}

/**
 * lanka_presenter_console_set_notes:
 * @self: a #LankaPresenterConsole
 * @text: (nullable): the notes of the current slide
 *
 * Shows other notes, without ::notes-changed.
 */
void
lanka_presenter_console_set_notes (LankaPresenterConsole *self,
                                   const char            *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));

  buffer = gtk_text_view_get_buffer (self->notes_view);
  g_signal_handler_block (buffer, self->notes_changed_id);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  g_signal_handler_unblock (buffer, self->notes_changed_id);
}

/**
 * lanka_presenter_console_set_notes_error:
 * @self: a #LankaPresenterConsole
 * @message: (nullable): why the notes could not be saved, or %NULL
 *
 * Shows under the notes that they were not saved, and why.
 */
void
lanka_presenter_console_set_notes_error (LankaPresenterConsole *self,
                                         const char            *message)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));

  gtk_label_set_label (self->notes_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_error_label), message != NULL);
}

/**
 * lanka_presenter_console_dup_notes:
 * @self: a #LankaPresenterConsole
 *
 * Returns: (transfer full): the notes as they are in the console now
 */
char *
lanka_presenter_console_dup_notes (LankaPresenterConsole *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (LANKA_IS_PRESENTER_CONSOLE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * lanka_presenter_console_set_can_swap:
 * @self: a #LankaPresenterConsole
 * @can_swap: whether there are two screens to swap
 *
 * In rehearsal there is nothing to swap: the button goes away.
 */
void
lanka_presenter_console_set_can_swap (LankaPresenterConsole *self,
                                      gboolean               can_swap)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));

  self->can_swap = !!can_swap;
  gtk_widget_set_visible (self->swap_button, self->can_swap);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.swap", self->can_swap);
}

gboolean
lanka_presenter_console_get_typing (LankaPresenterConsole *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER_CONSOLE (self), FALSE);

  /* The console's own focus, whether or not it is the active window: a
   * trainer who clicked into the notes is typing until Escape or a click
   * elsewhere.
   */
  return gtk_widget_is_focus (GTK_WIDGET (self->notes_view));
}

/**
 * lanka_presenter_console_focus_slides:
 * @self: a #LankaPresenterConsole
 *
 * Takes the keyboard away from the notes, so that keys turn slides again.
 */
void
lanka_presenter_console_focus_slides (LankaPresenterConsole *self)
{
  g_return_if_fail (LANKA_IS_PRESENTER_CONSOLE (self));

  if (!gtk_widget_grab_focus (self->slides_area))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

gboolean
lanka_presenter_console_handle_key (LankaPresenterConsole *self,
                                    guint                  keyval,
                                    GdkModifierType        state)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER_CONSOLE (self), FALSE);

  if (state & GDK_CONTROL_MASK)
    {
      switch (keyval)
        {
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          change_notes_font (self, NOTES_SCALE_STEP);
          return TRUE;

        case GDK_KEY_minus:
        case GDK_KEY_KP_Subtract:
          change_notes_font (self, -NOTES_SCALE_STEP);
          return TRUE;

        case GDK_KEY_0:
        case GDK_KEY_KP_0:
          change_notes_font (self, 0);
          return TRUE;

        default:
          return FALSE;
        }
    }

  if (lanka_presenter_console_get_typing (self))
    {
      if (keyval != GDK_KEY_Escape)
        return FALSE;

      lanka_presenter_console_focus_slides (self);
      return TRUE;
    }

  return FALSE;
}
