/* lanka-window-actions.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-window-actions"

#include "config.h"

#include "lanka-window-private.h"

static void
lanka_window_actions_show_part (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;
  const char *part;

  g_assert (LANKA_IS_WINDOW (self));
  g_assert (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING));

  part = g_variant_get_string (param, NULL);
  if (adw_view_stack_get_child_by_name (self->stack, part) != NULL)
    lanka_window_set_visible_part (self, part);
}

void
_lanka_window_class_actions_init (LankaWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class,
                                   "win.show-part",
                                   "s",
                                   lanka_window_actions_show_part);

  /* Every shortcut here is listed in gtk/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-part", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-part", "s", "directory");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-part", "s", "training");
}

void
_lanka_window_actions_init (LankaWindow *self)
{
  g_assert (LANKA_IS_WINDOW (self));

  _lanka_window_actions_update (self);
}

void
_lanka_window_actions_update (LankaWindow *self)
{
  g_assert (LANKA_IS_WINDOW (self));

  /* Every part can always be shown; later parts that depend on an unlocked
   * database gate their actions here.
   */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-part", TRUE);
}
