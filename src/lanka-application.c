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
#include "lanka-audit.h"
#include "lanka-backup-scheduler.h"
#include "lanka-case-sample.h"
#include "lanka-data-dir.h"
#include "lanka-directory-seed.h"
#include "lanka-lock-monitor.h"
#include "lanka-material-import.h"
#include "lanka-preferences-window.h"
#include "lanka-unlock-error.h"
#include "lanka-window-private.h"

struct _LankaApplication
{
  AdwApplication        parent_instance;

  GSettings            *settings;
  LankaLockMonitor     *lock_monitor;
  LankaBackupScheduler *backup_scheduler;
  char                 *data_dir;
  LankaVault           *vault;
  LankaVault           *sample_vault;
  LankaDatabase        *database;

  /* When the application object was made, for --benchmark-startup. */
  gint64                started;

  guint                 start_with_sample : 1;
  guint                 benchmark_startup : 1;
  guint                 benchmark_scroll : 1;
};

G_DEFINE_FINAL_TYPE (LankaApplication, lanka_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_VAULT,
  N_PROPS
};

enum {
  LOCKING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The sample database holds only generated, fictional records, so its
 * passphrase can be written here: it keeps the sample apart from the real
 * database and from the keyring, not secret.
 */
#define SAMPLE_PASSPHRASE "lanka-sample-data-is-fictional"

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database in DIR instead of the usual one"), N_("DIR") },
  { "sample", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the fictional sample data, for a demonstration or a training session"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the database through the keyring, print a verdict and exit"), NULL },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Back up the database through the keyring into FILE and exit"), N_("FILE") },
  /* For the benchmark (tests/bench-lanka.c), not for people: no text to
   * translate.
   */
  { "benchmark-startup", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "benchmark-scroll", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
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
 * lanka_application_get_vault:
 * @self: a #LankaApplication
 *
 * Returns: (transfer none): the vault in use: the real one, or the sample
 *   one while the person explores sample data
 */
LankaVault *
lanka_application_get_vault (LankaApplication *self)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (self), NULL);

  return self->sample_vault != NULL ? self->sample_vault : self->vault;
}

/**
 * lanka_application_get_database:
 * @self: a #LankaApplication
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL while
 *   Länka is locked
 */
LankaDatabase *
lanka_application_get_database (LankaApplication *self)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (self), NULL);

  return self->database;
}

/**
 * lanka_application_get_is_sample:
 * @self: a #LankaApplication
 *
 * Returns: %TRUE while the person explores the fictional sample data
 */
gboolean
lanka_application_get_is_sample (LankaApplication *self)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (self), FALSE);

  return self->sample_vault != NULL;
}

static void
lanka_application_update_actions (LankaApplication *self)
{
  GAction *action;

  g_assert (LANKA_IS_APPLICATION (self));

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->database != NULL);
}

/* The seed directory (public facts about the authorities and organisations
 * that help) is merged into a database whenever it is opened: a new one is
 * filled, an older one gets what changed since, and what a person edited
 * stays as they left it.  An unchanged seed costs one lookup.
 */
static void
apply_directory_seed (LankaDatabase *database)
{
  g_autoptr(GBytes) seed = NULL;
  g_autoptr(GError) error = NULL;

  seed = g_resources_lookup_data ("/io/github/lanka/Lanka/directory-seed.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  &error);

  if (seed == NULL || !lanka_directory_seed_apply (database, seed, NULL, &error))
    g_warning ("The directory seed could not be applied: %s", error->message);
}

/**
 * lanka_application_set_database:
 * @self: a #LankaApplication
 * @database: (nullable): the database that was just unlocked, created or restored
 *
 * Makes @database the one every part of the window works on.
 */
void
lanka_application_set_database (LankaApplication *self,
                                LankaDatabase    *database)
{
  g_return_if_fail (LANKA_IS_APPLICATION (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (self->database == database)
    return;

  if (database != NULL)
    {
      g_autoptr(GError) error = NULL;

      apply_directory_seed (database);

      /* The sample data show a lived-in Länka: fictional cases that use
       * every section, given once, after the directory they refer to.
       */
      if (self->sample_vault != NULL && !lanka_case_sample_ensure (database, NULL, &error))
        g_warning ("The sample cases could not be added: %s", error->message);
      g_clear_error (&error);

      /* And a course to present: two decks with speaker notes. */
      if (self->sample_vault != NULL && !lanka_material_sample_ensure (database, NULL, &error))
        g_warning ("The sample course could not be added: %s", error->message);
    }

  g_set_object (&self->database, database);

  if (self->lock_monitor != NULL)
    lanka_lock_monitor_set_armed (self->lock_monitor, database != NULL);

  /* The fictional sample data get no daily backups. */
  if (self->backup_scheduler != NULL)
    {
      gboolean real = database != NULL && self->sample_vault == NULL;

      lanka_backup_scheduler_set_database (self->backup_scheduler,
                                           real ? self->vault : NULL,
                                           real ? database : NULL);
    }

  lanka_application_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_application_lock:
 * @self: a #LankaApplication
 *
 * Locks Länka: editors save their unsaved edits as drafts (in the
 * #LankaApplication::locking handlers), the database is closed and every
 * view that showed data is emptied.  Nothing is lost.
 */
void
lanka_application_lock (LankaApplication *self)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANKA_IS_APPLICATION (self));

  if (self->database == NULL)
    return;

  database = g_object_ref (self->database);

  g_signal_emit (self, signals[LOCKING], 0, database);

  if (!lanka_audit_log (database, LANKA_AUDIT_LOCK, NULL, NULL, &error))
    g_warning ("Could not write the lock to the audit log: %s", error->message);

  lanka_application_set_database (self, NULL);
  lanka_database_close (database);
}

/**
 * lanka_application_set_sample:
 * @self: a #LankaApplication
 * @sample: whether to use the sample data
 *
 * Switches between the real database and the fictional sample one, which
 * lives in a directory of its own.  The database in use is locked first.
 */
void
lanka_application_set_sample (LankaApplication *self,
                              gboolean          sample)
{
  g_return_if_fail (LANKA_IS_APPLICATION (self));

  if (sample == (self->sample_vault != NULL))
    return;

  lanka_application_lock (self);

  if (sample)
    {
      g_autofree char *sample_dir = g_build_filename (self->data_dir, "sample", NULL);

      self->sample_vault = lanka_vault_new (sample_dir);
    }
  else
    {
      g_clear_object (&self->sample_vault);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

/**
 * lanka_application_get_sample_passphrase:
 *
 * Returns: the passphrase of the fictional sample database
 */
const char *
lanka_application_get_sample_passphrase (void)
{
  return SAMPLE_PASSPHRASE;
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

static void
lanka_application_lock_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  lanka_application_lock (LANKA_APPLICATION (user_data));
}

/* The notification of tasks due today leads here. */
static void
lanka_application_show_due_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  LankaApplication *self = user_data;
  LankaWindow *window;

  g_assert (LANKA_IS_APPLICATION (self));

  window = lanka_application_get_window (self);
  if (window == NULL)
    window = lanka_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  _lanka_window_show_due (window);
}

static void
on_lock_requested_cb (LankaApplication *self,
                      const char       *reason,
                      LankaLockMonitor *monitor)
{
  g_assert (LANKA_IS_APPLICATION (self));

  lanka_application_lock (self);
}

/**
 * lanka_application_note_activity:
 * @self: a #LankaApplication
 *
 * Called by the windows on every key press and pointer click, so that the
 * idle lock counts from the last time the person used Länka.
 */
void
lanka_application_note_activity (LankaApplication *self)
{
  g_return_if_fail (LANKA_IS_APPLICATION (self));

  if (self->lock_monitor != NULL)
    lanka_lock_monitor_note_activity (self->lock_monitor);
}

/**
 * lanka_application_get_lock_monitor:
 * @self: a #LankaApplication
 *
 * Returns: (transfer none) (nullable): what decides when Länka locks itself
 */
LankaLockMonitor *
lanka_application_get_lock_monitor (LankaApplication *self)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (self), NULL);

  return self->lock_monitor;
}

static const GActionEntry app_entries[] = {
  { "lock", lanka_application_lock_action },
  { "quit", lanka_application_quit_action },
  { "preferences", lanka_application_preferences_action },
  { "about", lanka_application_about_action },
  { "help", lanka_application_help_action },
  { "show-due", lanka_application_show_due_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.lock", { "<Control>l", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

/* lanka --check: for administrators and scripts, a one-line verdict and an
 * exit status, through the keyring like a normal start.
 */
static int
lanka_application_check (LankaApplication *self)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;

  database = lanka_vault_unlock (self->vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (!lanka_database_check (database, &verdict, &error))
    {
      g_printerr ("%s\n", verdict != NULL ? verdict : error->message);
      return EXIT_FAILURE;
    }

  g_print ("%s\n", verdict);
  return EXIT_SUCCESS;
}

static int
lanka_application_backup_to (LankaApplication *self,
                             const char       *path)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_unlock (self->vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, &error);
  if (database == NULL ||
      !lanka_vault_backup (self->vault, database, path, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Translators: %s is the file name of a backup */
  g_print (_("Backed up to %s and verified."), path);
  g_print ("\n");
  return EXIT_SUCCESS;
}

static int
lanka_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  LankaApplication *self = (LankaApplication *)app;
  g_autofree char *data_dir = NULL;
  g_autofree char *backup = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^ay", &data_dir))
    {
      g_free (self->data_dir);
      self->data_dir = g_canonicalize_filename (data_dir, NULL);

      /* A second database is a second, separate Länka. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

      g_clear_object (&self->vault);
      self->vault = lanka_vault_new (self->data_dir);
    }

  if (g_variant_dict_contains (options, "check"))
    return lanka_application_check (self);

  self->start_with_sample = g_variant_dict_contains (options, "sample");
  self->benchmark_scroll = g_variant_dict_contains (options, "benchmark-scroll");
  self->benchmark_startup = self->benchmark_scroll ||
                            g_variant_dict_contains (options, "benchmark-startup");

  if (g_variant_dict_lookup (options, "backup", "^ay", &backup))
    {
      g_autofree char *path = g_canonicalize_filename (backup, NULL);

      return lanka_application_backup_to (self, path);
    }

  return G_APPLICATION_CLASS (lanka_application_parent_class)->handle_local_options (app, options);
}

static void
on_backup_details_cb (AdwToast *toast,
                      char     *message)
{
  LankaWindow *window = lanka_application_get_window (LANKA_APPLICATION_DEFAULT);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("The Daily Backup Failed"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_backup_failed_cb (LankaApplication     *self,
                     const GError         *error,
                     LankaBackupScheduler *scheduler)
{
  LankaWindow *window = lanka_application_get_window (self);
  AdwToast *toast;

  if (window == NULL)
    return;

  /* Once a day at most, and it stays until read: a missing backup only
   * matters on the day it is needed.
   */
  toast = adw_toast_new (_("The daily backup failed"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Details"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_backup_details_cb),
                         lanka_unlock_describe_error (error), (GClosureNotify)g_free, 0);
  lanka_window_add_toast (window, toast);
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

  self->lock_monitor = lanka_lock_monitor_new (self->settings);
  g_signal_connect_object (self->lock_monitor,
                           "lock-requested",
                           G_CALLBACK (on_lock_requested_cb),
                           self,
                           G_CONNECT_SWAPPED);
  lanka_application_update_actions (self);

  self->backup_scheduler = lanka_backup_scheduler_new (self->settings);
  g_signal_connect_object (self->backup_scheduler,
                           "failed",
                           G_CALLBACK (on_backup_failed_cb),
                           self,
                           G_CONNECT_SWAPPED);

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

  if (self->benchmark_startup)
    {
      self->benchmark_startup = FALSE;
      _lanka_window_benchmark (window, self->started, self->benchmark_scroll);
    }

  if (self->start_with_sample)
    {
      self->start_with_sample = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
    }
}

static void
lanka_application_shutdown (GApplication *app)
{
  LankaApplication *self = (LankaApplication *)app;

  lanka_application_lock (self);

  G_APPLICATION_CLASS (lanka_application_parent_class)->shutdown (app);
}

static void
lanka_application_dispose (GObject *object)
{
  LankaApplication *self = (LankaApplication *)object;

  if (self->database != NULL)
    lanka_database_close (self->database);

  g_clear_object (&self->database);
  g_clear_object (&self->lock_monitor);
  g_clear_object (&self->backup_scheduler);
  g_clear_object (&self->sample_vault);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lanka_application_parent_class)->dispose (object);
}

static void
lanka_application_finalize (GObject *object)
{
  LankaApplication *self = (LankaApplication *)object;

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (lanka_application_parent_class)->finalize (object);
}

static void
lanka_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LankaApplication *self = LANKA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_application_get_database (self));
      break;

    case PROP_VAULT:
      g_value_set_object (value, lanka_application_get_vault (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_application_class_init (LankaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lanka_application_dispose;
  object_class->finalize = lanka_application_finalize;
  object_class->get_property = lanka_application_get_property;

  app_class->activate = lanka_application_activate;
  app_class->handle_local_options = lanka_application_handle_local_options;
  app_class->shutdown = lanka_application_shutdown;
  app_class->startup = lanka_application_startup;

  /**
   * LankaApplication:database:
   *
   * The open database, or %NULL while Länka is locked.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaApplication:vault:
   *
   * The vault in use: the real one, or the sample one.
   */
  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         LANKA_TYPE_VAULT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaApplication::locking:
   * @self: a #LankaApplication
   * @database: the database, still open
   *
   * Emitted just before Länka locks: save unsaved edits as drafts now.
   */
  signals[LOCKING] =
    g_signal_new ("locking",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_DATABASE);
}

static void
lanka_application_init (LankaApplication *self)
{
  self->started = g_get_monotonic_time ();
  self->data_dir = lanka_data_dir_dup_default ();
  self->vault = lanka_vault_new (self->data_dir);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Casework, referrals and training against "
                                              "human trafficking."));
}
