/* lanka-application.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-preferences-window.h"
#include "lanka-window.h"

struct _LankaApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (LankaApplication, lanka_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

LankaApplication *
lanka_application_new (void)
{
  return g_object_new (LANKA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* The development id must find the same resources. */
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * lanka_application_get_settings:
 * @self: a #LankaApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
lanka_application_get_settings (LankaApplication *self)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * lanka_application_get_window:
 * @self: a #LankaApplication
 *
 * Returns: (transfer none) (nullable): the main window, if it is open
 */
LankaWindow *
lanka_application_get_window (LankaApplication *self)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (LANKA_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
apply_color_scheme (LankaApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint value;

  g_assert (LANKA_IS_APPLICATION (self));

  value = g_settings_get_enum (self->settings, "color-scheme");
  if (value >= G_N_ELEMENTS (schemes))
    value = 0;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[value]);
}

static void
on_color_scheme_changed_cb (LankaApplication *self,
                            const char       *key,
                            GSettings        *settings)
{
  apply_color_scheme (self);
}

static void
lanka_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  LankaApplication *self = user_data;

  g_assert (LANKA_IS_APPLICATION (self));

  /* Closing each window lets it store its size and state. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
lanka_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  LankaApplication *self = user_data;
  LankaPreferencesWindow *preferences;
  GtkWindow *parent;

  g_assert (LANKA_IS_APPLICATION (self));

  /* Ask before the new window joins the application and becomes active. */
  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  preferences = lanka_preferences_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
lanka_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  static const char *developers[] = {
    "The Länka authors",
    NULL
  };
  LankaApplication *self = user_data;
  AdwAboutWindow *about;

  g_assert (LANKA_IS_APPLICATION (self));

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, PACKAGE_NAME);
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_developer_name (about, "The Länka authors");
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about,
                                 _("Casework, referrals and training for the people who work "
                                   "against human trafficking in Sweden."));
  adw_about_window_set_website (about, PACKAGE_WEBSITE);
  adw_about_window_set_issue_url (about, PACKAGE_WEBSITE "/issues");
  adw_about_window_set_copyright (about, "© 2026 The Länka authors");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_developers (about, developers);
  /* Translators: Replace "translator-credits" with your names, one name per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_add_legal_section (about,
                                      _("Human Trafficking Case Data Standard"),
                                      "© International Organization for Migration (IOM)",
                                      GTK_LICENSE_CUSTOM,
                                      _("Case vocabulary based on the Human Trafficking Case "
                                        "Data Standard by IOM, licensed under "
                                        "<a href=\"https://creativecommons.org/licenses/by/4.0/\">"
                                        "CC BY 4.0</a>. No endorsement by IOM is implied."));
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (about));
}

static void
show_help_failed (GtkWindow    *parent,
                  const GError *error)
{
  AdwMessageDialog *dialog;

  g_assert (!parent || GTK_IS_WINDOW (parent));
  g_assert (error != NULL);

  /* There is no help content here to show: the person needs to know that the
   * viewer, not the manual, is missing.
   */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Help Is Not Available"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Länka's manual needs a help viewer, and none could be "
                                    "started. Install the “Help” application (package “yelp”) "
                                    "and try again.\n\nThe reason given was: %s"),
                                  error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_help_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_help_failed (parent, error);
    }
}

static void
lanka_application_help_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  LankaApplication *self = user_data;
  g_autofree char *uri = NULL;
  LankaWindow *window;
  GtkWindow *parent;

  g_assert (LANKA_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  window = lanka_application_get_window (self);

  /* F1 opens the page of the part the person is looking at. */
  if (window != NULL)
    uri = g_strdup_printf ("help:lanka/%s", lanka_window_get_visible_part (window));
  else
    uri = g_strdup ("help:lanka");

  gtk_show_uri_full (parent,
                     uri,
                     GDK_CURRENT_TIME,
                     NULL,
                     show_help_cb,
                     parent ? g_object_ref (parent) : NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", lanka_application_quit_action },
  { "preferences", lanka_application_preferences_action },
  { "about", lanka_application_about_action },
  { "help", lanka_application_help_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static int
lanka_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return G_APPLICATION_CLASS (lanka_application_parent_class)->handle_local_options (app, options);
}

static void
lanka_application_startup (GApplication *app)
{
  LankaApplication *self = (LankaApplication *)app;

  g_assert (LANKA_IS_APPLICATION (self));

  G_APPLICATION_CLASS (lanka_application_parent_class)->startup (app);

  /* The schema id stays the same for the development build, whose settings
   * are therefore shared with the released one, as gnome-text-editor does.
   * Reading them waits until start-up, so that `lanka --version` needs no
   * installed schema.
   */
  self->settings = g_settings_new ("io.github.lanka.Lanka");

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  g_signal_connect_object (self->settings,
                           "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
lanka_application_activate (GApplication *app)
{
  LankaApplication *self = (LankaApplication *)app;
  LankaWindow *window;

  g_assert (LANKA_IS_APPLICATION (self));

  window = lanka_application_get_window (self);
  if (window == NULL)
    window = lanka_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
lanka_application_finalize (GObject *object)
{
  LankaApplication *self = (LankaApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lanka_application_parent_class)->finalize (object);
}

static void
lanka_application_class_init (LankaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lanka_application_finalize;

  app_class->activate = lanka_application_activate;
  app_class->handle_local_options = lanka_application_handle_local_options;
  app_class->startup = lanka_application_startup;
}

static void
lanka_application_init (LankaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Casework, referrals and training against "
                                              "human trafficking."));
}
