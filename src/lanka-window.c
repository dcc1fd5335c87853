/* lanka-window.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-window-private.h"

G_DEFINE_FINAL_TYPE (LankaWindow, lanka_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VISIBLE_PART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

LankaWindow *
lanka_window_new (LankaApplication *application)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (application), NULL);

  return g_object_new (LANKA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * lanka_window_get_visible_part:
 * @self: a #LankaWindow
 *
 * Returns: the name of the visible part: "cases", "directory" or "training"
 */
const char *
lanka_window_get_visible_part (LankaWindow *self)
{
  const char *name;

  g_return_val_if_fail (LANKA_IS_WINDOW (self), NULL);

  name = adw_view_stack_get_visible_child_name (self->stack);

  return name != NULL ? name : "cases";
}

/**
 * lanka_window_set_visible_part:
 * @self: a #LankaWindow
 * @part: "cases", "directory" or "training"
 *
 * Shows one of the three parts of the window.
 */
void
lanka_window_set_visible_part (LankaWindow *self,
                               const char  *part)
{
  g_return_if_fail (LANKA_IS_WINDOW (self));
  g_return_if_fail (part != NULL);
  g_return_if_fail (adw_view_stack_get_child_by_name (self->stack, part) != NULL);

  adw_view_stack_set_visible_child_name (self->stack, part);
}

/**
 * lanka_window_add_toast:
 * @self: a #LankaWindow
 * @toast: (transfer full): a toast
 *
 * Shows @toast above the window's content.
 */
void
lanka_window_add_toast (LankaWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (LANKA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_stack_visible_child_name_cb (LankaWindow *self,
                                GParamSpec  *pspec,
                                AdwViewStack *stack)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PART]);
}

static void
lanka_window_save_state (LankaWindow *self)
{
  int width;
  int height;

  g_assert (LANKA_IS_WINDOW (self));

  /* The default size follows the window as long as it is not maximized,
   * so it is the size to come back to.
   */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "visible-part",
                         lanka_window_get_visible_part (self));
  g_settings_apply (self->settings);
}

static void
lanka_window_restore_state (LankaWindow *self)
{
  g_autofree char *part = NULL;

  g_assert (LANKA_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  part = g_settings_get_string (self->settings, "visible-part");
  if (adw_view_stack_get_child_by_name (self->stack, part) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, part);
}

static gboolean
lanka_window_close_request (GtkWindow *window)
{
  LankaWindow *self = (LankaWindow *)window;

  g_assert (LANKA_IS_WINDOW (self));

  lanka_window_save_state (self);

  return GTK_WINDOW_CLASS (lanka_window_parent_class)->close_request (window);
}

static void
lanka_window_constructed (GObject *object)
{
  LankaWindow *self = (LankaWindow *)object;
  GtkApplication *application;

  G_OBJECT_CLASS (lanka_window_parent_class)->constructed (object);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (LANKA_IS_APPLICATION (application))
    self->settings = g_object_ref (lanka_application_get_settings (LANKA_APPLICATION (application)));
  else
    self->settings = g_settings_new ("io.github.lanka.Lanka");

  lanka_window_restore_state (self);
}

static void
lanka_window_dispose (GObject *object)
{
  LankaWindow *self = (LankaWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_WINDOW);

  G_OBJECT_CLASS (lanka_window_parent_class)->dispose (object);
}

static void
lanka_window_finalize (GObject *object)
{
  LankaWindow *self = (LankaWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lanka_window_parent_class)->finalize (object);
}

static void
lanka_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LankaWindow *self = LANKA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PART:
      g_value_set_string (value, lanka_window_get_visible_part (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LankaWindow *self = LANKA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PART:
      lanka_window_set_visible_part (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_window_class_init (LankaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lanka_window_constructed;
  object_class->dispose = lanka_window_dispose;
  object_class->finalize = lanka_window_finalize;
  object_class->get_property = lanka_window_get_property;
  object_class->set_property = lanka_window_set_property;

  window_class->close_request = lanka_window_close_request;

  /**
   * LankaWindow:visible-part:
   *
   * The name of the part on screen: "cases", "directory" or "training".
   */
  properties[PROP_VISIBLE_PART] =
    g_param_spec_string ("visible-part", NULL, NULL,
                         "cases",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/lanka-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_name_cb);

  _lanka_window_class_actions_init (klass);
}

static void
lanka_window_init (LankaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  _lanka_window_actions_init (self);
}
