/* lanka-audience-window.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-audience-window"

#include "config.h"

#include "lanka-audience-window.h"

/* The projector's window.  It holds nothing that could show anything but
 * the material: no header bar, no toast overlay, no transient dialogs
 * (none is ever made for it), and the pointer disappears when the
 * trainer stops moving it.  A blanked screen is a plain colour over the
 * whole window.  In rehearsal it is an ordinary window: the whole of it
 * is a handle, so it can be moved without a title bar.  Full screen the
 * handle takes no pointer events: a double click would unfullscreen or
 * maximise the window, a right click would open the window menu on the
 * projector.  Nothing in it has a tooltip.
 */

struct _LankaAudienceWindow
{
  AdwWindow   parent_instance;

  LankaScreen screen;
  gboolean    showing_film;
  guint       cursor_timeout_id;
  double      pointer_x;
  double      pointer_y;

  /* Template widgets */
  GtkWidget  *handle;
  GtkStack   *stack;
  GtkPicture *picture;
  GtkPicture *film_picture;
};

G_DEFINE_FINAL_TYPE (LankaAudienceWindow, lanka_audience_window, ADW_TYPE_WINDOW)

static void
update_stack (LankaAudienceWindow *self)
{
  const char *name;

  switch (self->screen)
    {
    case LANKA_SCREEN_BLACK:
      name = "black";
      break;

    case LANKA_SCREEN_WHITE:
      name = "white";
      break;

    case LANKA_SCREEN_SLIDE:
    default:
      name = self->showing_film ? "film" : "slide";
      break;
    }

  gtk_stack_set_visible_child_name (self->stack, name);
}

static gboolean
on_cursor_timeout_cb (gpointer user_data)
{
  LankaAudienceWindow *self = user_data;

  self->cursor_timeout_id = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");

  return G_SOURCE_REMOVE;
}

static void
restart_cursor_timeout (LankaAudienceWindow *self)
{
  g_clear_handle_id (&self->cursor_timeout_id, g_source_remove);
  self->cursor_timeout_id = g_timeout_add (LANKA_AUDIENCE_CURSOR_HIDE_MS, on_cursor_timeout_cb,
                                           self);
}

static void
on_motion_cb (LankaAudienceWindow      *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  /* Some systems send a motion when what is under the pointer changes:
   * only a pointer that really moved shows itself again.
   */
  if (x == self->pointer_x && y == self->pointer_y)
    return;

  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  restart_cursor_timeout (self);
}

static void
on_fullscreened_cb (LankaAudienceWindow *self,
                    GParamSpec          *pspec,
                    gpointer             user_data)
{
  gtk_widget_set_can_target (self->handle, !gtk_window_is_fullscreen (GTK_WINDOW (self)));
}

static void
lanka_audience_window_map (GtkWidget *widget)
{
  LankaAudienceWindow *self = LANKA_AUDIENCE_WINDOW (widget);

  GTK_WIDGET_CLASS (lanka_audience_window_parent_class)->map (widget);

  restart_cursor_timeout (self);
}

static void
lanka_audience_window_unmap (GtkWidget *widget)
{
  LankaAudienceWindow *self = LANKA_AUDIENCE_WINDOW (widget);

  g_clear_handle_id (&self->cursor_timeout_id, g_source_remove);

  GTK_WIDGET_CLASS (lanka_audience_window_parent_class)->unmap (widget);
}

static void
lanka_audience_window_dispose (GObject *object)
{
  LankaAudienceWindow *self = (LankaAudienceWindow *)object;

  g_clear_handle_id (&self->cursor_timeout_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_AUDIENCE_WINDOW);

  G_OBJECT_CLASS (lanka_audience_window_parent_class)->dispose (object);
}

static void
lanka_audience_window_class_init (LankaAudienceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_audience_window_dispose;

  widget_class->map = lanka_audience_window_map;
  widget_class->unmap = lanka_audience_window_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/training/lanka-audience-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaAudienceWindow, film_picture);
  gtk_widget_class_bind_template_child (widget_class, LankaAudienceWindow, handle);
  gtk_widget_class_bind_template_child (widget_class, LankaAudienceWindow, picture);
  gtk_widget_class_bind_template_child (widget_class, LankaAudienceWindow, stack);
}

static void
lanka_audience_window_init (LankaAudienceWindow *self)
{
  GtkEventController *motion;

  self->screen = LANKA_SCREEN_SLIDE;
  self->pointer_x = -1;
  self->pointer_y = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened_cb), NULL);
  on_fullscreened_cb (self, NULL, NULL);

  update_stack (self);
}

/**
 * lanka_audience_window_new:
 *
 * Returns: (transfer none): a new audience window, not shown yet
 */
LankaAudienceWindow *
lanka_audience_window_new (void)
{
  return g_object_new (LANKA_TYPE_AUDIENCE_WINDOW, NULL);
}

/**
 * lanka_audience_window_show_slide:
 * @self: a #LankaAudienceWindow
 * @paintable: (nullable): the slide
 *
 * Shows a slide's picture.  %NULL, while the page is being drawn, keeps
 * the one shown: a moment of the old slide is better than a flash of
 * black.
 */
void
lanka_audience_window_show_slide (LankaAudienceWindow *self,
                                  GdkPaintable        *paintable)
{
  g_return_if_fail (LANKA_IS_AUDIENCE_WINDOW (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  if (paintable != NULL && gtk_picture_get_paintable (self->picture) != paintable)
    gtk_picture_set_paintable (self->picture, paintable);

  gtk_picture_set_paintable (self->film_picture, NULL);
  self->showing_film = FALSE;
  update_stack (self);
}

/**
 * lanka_audience_window_show_film:
 * @self: a #LankaAudienceWindow
 * @stream: the film
 *
 * Shows a film's picture; the presenter plays and pauses it.
 */
void
lanka_audience_window_show_film (LankaAudienceWindow *self,
                                 GtkMediaStream      *stream)
{
  g_return_if_fail (LANKA_IS_AUDIENCE_WINDOW (self));
  g_return_if_fail (GTK_IS_MEDIA_STREAM (stream));

  if (gtk_picture_get_paintable (self->film_picture) != GDK_PAINTABLE (stream))
    gtk_picture_set_paintable (self->film_picture, GDK_PAINTABLE (stream));

  self->showing_film = TRUE;
  update_stack (self);
}

void
lanka_audience_window_set_screen (LankaAudienceWindow *self,
                                  LankaScreen          screen)
{
  g_return_if_fail (LANKA_IS_AUDIENCE_WINDOW (self));

  self->screen = screen;
  update_stack (self);
}

LankaScreen
lanka_audience_window_get_screen (LankaAudienceWindow *self)
{
  g_return_val_if_fail (LANKA_IS_AUDIENCE_WINDOW (self), LANKA_SCREEN_SLIDE);

  return self->screen;
}

/**
 * lanka_audience_window_get_picture:
 * @self: a #LankaAudienceWindow
 *
 * Returns: (transfer none): the slide's picture
 */
GtkPicture *
lanka_audience_window_get_picture (LankaAudienceWindow *self)
{
  g_return_val_if_fail (LANKA_IS_AUDIENCE_WINDOW (self), NULL);

  return self->picture;
}

/**
 * lanka_audience_window_get_size:
 * @self: a #LankaAudienceWindow
 * @width: (out): the width in device pixels
 * @height: (out): the height in device pixels
 *
 * The room for a slide: the window's, or before it is on screen the
 * monitor's when it is full screen, else its default size.
 */
void
lanka_audience_window_get_size (LankaAudienceWindow *self,
                                int                 *width,
                                int                 *height)
{
  int scale;

  g_return_if_fail (LANKA_IS_AUDIENCE_WINDOW (self));
  g_return_if_fail (width != NULL && height != NULL);

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  *width = gtk_widget_get_width (GTK_WIDGET (self->stack));
  *height = gtk_widget_get_height (GTK_WIDGET (self->stack));

  if (*width <= 1 || *height <= 1)
    gtk_window_get_default_size (GTK_WINDOW (self), width, height);

  *width = MAX (*width, 1) * scale;
  *height = MAX (*height, 1) * scale;
}
