/* lanka-preferences-window.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-preferences-window.h"

struct _LankaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwComboRow          *color_scheme_row;
};

G_DEFINE_FINAL_TYPE (LankaPreferencesWindow, lanka_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The rows of the style combo, in the order of the choices in the .ui. */
static const char *color_schemes[] = { "default", "light", "dark" };

LankaPreferencesWindow *
lanka_preferences_window_new (LankaApplication *application)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (application), NULL);

  return g_object_new (LANKA_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (nick, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[position]);
}

static void
lanka_preferences_window_constructed (GObject *object)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)object;
  GtkApplication *application;

  G_OBJECT_CLASS (lanka_preferences_window_parent_class)->constructed (object);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (LANKA_IS_APPLICATION (application))
    self->settings = g_object_ref (lanka_application_get_settings (LANKA_APPLICATION (application)));
  else
    self->settings = g_settings_new ("io.github.lanka.Lanka");

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);
}

static void
lanka_preferences_window_dispose (GObject *object)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (lanka_preferences_window_parent_class)->dispose (object);
}

static void
lanka_preferences_window_finalize (GObject *object)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lanka_preferences_window_parent_class)->finalize (object);
}

static void
lanka_preferences_window_class_init (LankaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanka_preferences_window_constructed;
  object_class->dispose = lanka_preferences_window_dispose;
  object_class->finalize = lanka_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/lanka-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, color_scheme_row);
}

static void
lanka_preferences_window_init (LankaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
