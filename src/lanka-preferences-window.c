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
#include "lanka-passphrase-dialog.h"
#include "lanka-preferences-window.h"
#include "lanka-recovery-code-dialog.h"
#include "lanka-retention.h"
#include "lanka-unlock-error.h"
#include "lanka-window.h"

struct _LankaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  LankaApplication     *application;
  GtkFileChooserNative *chooser;

  /* The running backup: cancelled when the window closes or Länka locks. */
  GCancellable         *backup_cancellable;

  /* Template widgets */
  AdwComboRow          *color_scheme_row;
  AdwActionRow         *idle_lock_row;
  GtkSpinButton        *idle_lock_spin;
  GtkSwitch            *screen_lock_switch;
  AdwPreferencesGroup  *keys_group;
  AdwActionRow         *passphrase_row;
  GtkWidget            *set_passphrase_button;
  GtkWidget            *change_passphrase_button;
  GtkWidget            *remove_passphrase_button;
  AdwActionRow         *recovery_code_row;
  AdwActionRow         *rotate_key_row;
  AdwPreferencesGroup  *backup_group;
  AdwActionRow         *back_up_row;
  GtkSpinner           *back_up_spinner;
  AdwActionRow         *restore_row;
  GtkSwitch            *automatic_switch;
  AdwActionRow         *folder_row;
  GtkSpinButton        *keep_spin;
  AdwActionRow         *last_backup_row;
  AdwPreferencesGroup  *retention_group;
  AdwActionRow         *retention_years_row;
  GtkSpinButton        *retention_years_spin;
  AdwActionRow         *retention_sample_row;
  GtkSwitch            *retention_sample_switch;

  /* Set while the retention controls show the database's rule, so that
   * showing it does not write it back.
   */
  guint                 loading_retention : 1;
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

static gboolean
is_busy (LankaPreferencesWindow *self)
{
  return self->backup_cancellable != NULL;
}

/* Every enabled state comes from here: whether a database is open, whether
 * it is the fictional sample, whether a passphrase exists and whether a
 * backup is running.
 */
static void
update_actions (LankaPreferencesWindow *self)
{
  LankaDatabase *database = NULL;
  LankaVault *vault = NULL;
  gboolean sample = FALSE;
  gboolean has_passphrase = FALSE;
  gboolean keys_available;

  g_assert (LANKA_IS_PREFERENCES_WINDOW (self));

  if (self->application != NULL)
    {
      database = lanka_application_get_database (self->application);
      vault = lanka_application_get_vault (self->application);
      sample = lanka_application_get_is_sample (self->application);
    }

  if (vault != NULL)
    has_passphrase = lanka_vault_has_passphrase (vault);

  /* The sample opens with a built-in passphrase: changing its keys would
   * lock the person out of it, and backing it up protects nothing.
   */
  keys_available = database != NULL && !sample;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.set-passphrase",
                                 keys_available && !has_passphrase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.change-passphrase",
                                 keys_available && has_passphrase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-passphrase",
                                 keys_available && has_passphrase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.new-recovery-code", keys_available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.rotate-key", keys_available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.back-up",
                                 keys_available && !is_busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.restore-backup",
                                 self->application != NULL && !sample && !is_busy (self));

  gtk_widget_set_visible (self->set_passphrase_button, !has_passphrase);
  gtk_widget_set_visible (self->change_passphrase_button, has_passphrase);
  gtk_widget_set_visible (self->remove_passphrase_button, has_passphrase);
  adw_action_row_set_subtitle (self->passphrase_row,
                               has_passphrase
                               ? _("Set. It opens the database when the keyring cannot.")
                               : _("Not set. The keyring and the recovery code open the database."));

  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), keys_available);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recovery_code_row), keys_available);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rotate_key_row), keys_available);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_row), keys_available || is_busy (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_row), self->application != NULL && !sample);

  if (sample)
    {
      adw_preferences_group_set_description (self->keys_group,
                                             _("The sample data open with a built-in passphrase, so "
                                               "their keys cannot be changed. Leave the sample data "
                                               "to change the keys of your own database."));
      adw_preferences_group_set_description (self->backup_group,
                                             _("The sample data are fictional and need no backup. "
                                               "Leave the sample data to back up or restore your own "
                                               "database."));
    }
  else if (database == NULL)
    {
      adw_preferences_group_set_description (self->keys_group,
                                             _("Unlock Länka to change its passphrase, recovery code "
                                               "or key."));
      adw_preferences_group_set_description (self->backup_group,
                                             _("Unlock Länka to back it up."));
    }
  else
    {
      adw_preferences_group_set_description (self->keys_group,
                                             _("The key to the database is kept in your keyring. A "
                                               "passphrase and the recovery code are the ways in "
                                               "when the keyring cannot be used."));
      adw_preferences_group_set_description (self->backup_group, NULL);
    }
}

/* The retention rule lives in the database, not in GSettings: it goes
 * with the data, to a restored backup too.  While Länka is locked it
 * cannot be read or changed.
 */
static void
update_retention (LankaPreferencesWindow *self)
{
  LankaDatabase *database = NULL;
  LankaRetentionRule rule;
  g_autoptr(GError) error = NULL;

  g_assert (LANKA_IS_PREFERENCES_WINDOW (self));

  if (self->application != NULL)
    database = lanka_application_get_database (self->application);

  lanka_retention_rule_init (&rule);
  if (database != NULL && !lanka_retention_get_rule (database, &rule, &error))
    {
      g_debug ("The retention rule could not be read: %s", error->message);
      lanka_retention_rule_init (&rule);
    }

  self->loading_retention = TRUE;
  gtk_spin_button_set_value (self->retention_years_spin, CLAMP (rule.years, 1, 30));
  gtk_switch_set_active (self->retention_sample_switch, rule.research_sample);
  self->loading_retention = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->retention_years_row), database != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->retention_sample_row), database != NULL);
}

static void
on_retention_changed_cb (LankaPreferencesWindow *self)
{
  LankaDatabase *database = NULL;
  LankaRetentionRule rule;
  g_autoptr(GError) error = NULL;

  if (self->loading_retention || self->application == NULL)
    return;

  database = lanka_application_get_database (self->application);
  if (database == NULL)
    return;

  lanka_retention_rule_init (&rule);
  rule.years = gtk_spin_button_get_value_as_int (self->retention_years_spin);
  rule.research_sample = gtk_switch_get_active (self->retention_sample_switch);

  if (!lanka_retention_set_rule (database, &rule, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      update_retention (self);
    }
}

static void
update_idle_lock (LankaPreferencesWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");
  g_autofree char *subtitle = NULL;

  if (minutes == 0)
    subtitle = g_strdup (_("Länka does not lock by itself: 0 turns the idle lock off"));
  else
    subtitle = g_strdup_printf (ngettext ("Länka locks itself after %u minute without use",
                                          "Länka locks itself after %u minutes without use",
                                          minutes),
                                minutes);

  adw_action_row_set_subtitle (self->idle_lock_row, subtitle);
}

static void
update_folder (LankaPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *display = NULL;

  if (folder[0] == '\0')
    {
      adw_action_row_set_subtitle (self->folder_row, _("No folder chosen"));
      return;
    }

  display = g_filename_display_name (folder);
  adw_action_row_set_subtitle (self->folder_row, display);
}

static void
update_last_backup (LankaPreferencesWindow *self)
{
  gint64 last = g_settings_get_int64 (self->settings, "backup-last");
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (last > 0)
    when = g_date_time_new_from_unix_local (last);

  if (when != NULL)
    text = g_date_time_format (when, "%x %X");

  adw_action_row_set_subtitle (self->last_backup_row, text != NULL ? text : _("Never"));
}

static void
on_settings_changed_cb (LankaPreferencesWindow *self,
                        const char             *key,
                        GSettings              *settings)
{
  if (g_strcmp0 (key, "idle-lock-minutes") == 0)
    update_idle_lock (self);
  else if (g_strcmp0 (key, "backup-folder") == 0)
    update_folder (self);
  else if (g_strcmp0 (key, "backup-last") == 0)
    update_last_backup (self);
}

static void
on_application_changed_cb (LankaPreferencesWindow *self,
                           GParamSpec             *pspec,
                           LankaApplication       *application)
{
  /* A backup of a database that is being locked would fail halfway. */
  if (lanka_application_get_database (application) == NULL && self->backup_cancellable != NULL)
    g_cancellable_cancel (self->backup_cancellable);

  update_actions (self);
  update_retention (self);
}

static gboolean
on_event_cb (LankaPreferencesWindow   *self,
             GdkEvent                 *event,
             GtkEventControllerLegacy *controller)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* Working in Preferences is using Länka: the idle lock counts from here
   * as it does from the main window.
   */
  if (self->application != NULL &&
      (type == GDK_KEY_PRESS || type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN))
    lanka_application_note_activity (self->application);

  return GDK_EVENT_PROPAGATE;
}

static void
show_error_dialog (LankaPreferencesWindow *self,
                   const char             *heading,
                   const GError           *error)
{
  g_autofree char *message = lanka_unlock_describe_error (error);
  AdwMessageDialog *dialog;

  g_assert (LANKA_IS_PREFERENCES_WINDOW (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_passphrase_saved_cb (LankaPreferencesWindow *self,
                        LankaPassphraseDialog  *dialog)
{
  const char *message;

  switch (lanka_passphrase_dialog_get_mode (dialog))
    {
    case LANKA_PASSPHRASE_DIALOG_SET:
      message = _("Passphrase set");
      break;

    case LANKA_PASSPHRASE_DIALOG_CHANGE:
      message = _("Passphrase changed");
      break;

    case LANKA_PASSPHRASE_DIALOG_REMOVE:
      message = _("Passphrase removed");
      break;

    default:
      g_return_if_reached ();
    }

  update_actions (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
open_passphrase_dialog (LankaPreferencesWindow    *self,
                        LankaPassphraseDialogMode  mode)
{
  LankaPassphraseDialog *dialog;

  g_assert (LANKA_IS_PREFERENCES_WINDOW (self));

  dialog = lanka_passphrase_dialog_new (self->application, GTK_WINDOW (self), mode);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_passphrase_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_preferences_window_set_passphrase (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  open_passphrase_dialog (LANKA_PREFERENCES_WINDOW (widget), LANKA_PASSPHRASE_DIALOG_SET);
}

static void
lanka_preferences_window_change_passphrase (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  open_passphrase_dialog (LANKA_PREFERENCES_WINDOW (widget), LANKA_PASSPHRASE_DIALOG_CHANGE);
}

static void
lanka_preferences_window_remove_passphrase (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  open_passphrase_dialog (LANKA_PREFERENCES_WINDOW (widget), LANKA_PASSPHRASE_DIALOG_REMOVE);
}

static void
on_recovery_code_finished_cb (LankaPreferencesWindow  *self,
                              LankaRecoveryCodeDialog *dialog)
{
  if (lanka_recovery_code_dialog_get_mode (dialog) == LANKA_RECOVERY_CODE_DIALOG_ROTATE_KEY)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("The database has a new key")));
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("The old recovery code no longer works")));
}

static void
open_recovery_code_dialog (LankaPreferencesWindow      *self,
                           LankaRecoveryCodeDialogMode  mode)
{
  LankaRecoveryCodeDialog *dialog;

  g_assert (LANKA_IS_PREFERENCES_WINDOW (self));

  dialog = lanka_recovery_code_dialog_new (self->application, GTK_WINDOW (self), mode);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_recovery_code_finished_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_preferences_window_new_recovery_code (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  open_recovery_code_dialog (LANKA_PREFERENCES_WINDOW (widget), LANKA_RECOVERY_CODE_DIALOG_NEW_CODE);
}

static void
lanka_preferences_window_rotate_key (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  open_recovery_code_dialog (LANKA_PREFERENCES_WINDOW (widget), LANKA_RECOVERY_CODE_DIALOG_ROTATE_KEY);
}

static void
set_backup_busy (LankaPreferencesWindow *self,
                 GCancellable           *cancellable)
{
  g_assert (LANKA_IS_PREFERENCES_WINDOW (self));

  g_set_object (&self->backup_cancellable, cancellable);
  gtk_spinner_set_spinning (self->back_up_spinner, cancellable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->back_up_spinner), cancellable != NULL);
  update_actions (self);
}

static void
backup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LankaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  lanka_vault_backup_finish (LANKA_VAULT (object), result, &error);

  /* Closing the window cancels quietly; locking cancels with a word. */
  if (self->application == NULL)
    return;

  set_backup_busy (self, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("Länka locked before the backup was done. "
                                                       "No backup was saved.")));
  else if (error != NULL)
    show_error_dialog (self, _("Backup Failed"), error);
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("Backup saved and verified")));
}

/**
 * lanka_preferences_window_back_up_to:
 * @self: a #LankaPreferencesWindow
 * @file: where to write the backup
 *
 * Backs up the open database into @file and tells the person how it went,
 * as "Back Up Now…" does after the file was chosen.
 */
void
lanka_preferences_window_back_up_to (LankaPreferencesWindow *self,
                                     GFile                  *file)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *path = NULL;
  LankaDatabase *database;

  g_return_if_fail (LANKA_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->application == NULL || is_busy (self))
    return;

  database = lanka_application_get_database (self->application);
  if (database == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The vault writes through the file system and verifies by opening
       * the copy: a location only a file manager can reach will not do.
       */
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Länka can only save backups on this computer or on a connected disk. "
                             "Choose another place."));
      show_error_dialog (self, _("Backup Failed"), error);
      return;
    }

  cancellable = g_cancellable_new ();
  set_backup_busy (self, cancellable);

  lanka_vault_backup_async (lanka_application_get_vault (self->application),
                            database,
                            path,
                            cancellable,
                            backup_cb,
                            g_object_ref (self));
}

static void
on_backup_chooser_response_cb (LankaPreferencesWindow *self,
                               int                     response,
                               GtkFileChooserNative   *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lanka_preferences_window_back_up_to (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
lanka_preferences_window_back_up (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)widget;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%F");
  g_autofree char *name = NULL;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save a Backup"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Länka backups"));
  gtk_file_filter_add_pattern (filter, "*.lankabackup");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  /* Translators: the suggested file name of a backup. %s is today's date
   * as 2026-03-31; keep the .lankabackup ending.
   */
  name = g_strdup_printf (_("Länka backup %s.lankabackup"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_backup_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_folder_chooser_response_cb (LankaPreferencesWindow *self,
                               int                     response,
                               GtkFileChooserNative   *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (folder);

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder", path);
      else
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (_("Choose a folder on this computer or "
                                                           "on a connected disk")));
    }

  g_clear_object (&self->chooser);
}

static void
lanka_preferences_window_choose_backup_folder (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *param)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)widget;
  g_autofree char *current = g_settings_get_string (self->settings, "backup-folder");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Backup Folder"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"),
                                               _("_Cancel"));

  if (current[0] != '\0' && g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_folder_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
lanka_preferences_window_restore_backup (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)widget;
  LankaWindow *window = lanka_application_get_window (self->application);

  /* The restore page in the main window asks before it replaces anything
   * and keeps a safety copy; Preferences only leads there.
   */
  if (window != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
      gtk_window_present (GTK_WINDOW (window));
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
lanka_preferences_window_constructed (GObject *object)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)object;
  GtkApplication *application;

  G_OBJECT_CLASS (lanka_preferences_window_parent_class)->constructed (object);

  /* GtkWindow:application is an ordinary property, set only after
   * construction: the default application is the one being passed.
   */
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application == NULL && GTK_IS_APPLICATION (g_application_get_default ()))
    application = GTK_APPLICATION (g_application_get_default ());

  if (LANKA_IS_APPLICATION (application))
    {
      self->application = g_object_ref (LANKA_APPLICATION (application));
      self->settings = g_object_ref (lanka_application_get_settings (self->application));

      g_signal_connect_object (self->application, "notify::database",
                               G_CALLBACK (on_application_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->application, "notify::vault",
                               G_CALLBACK (on_application_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      self->settings = g_settings_new ("io.github.lanka.Lanka");
    }

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "idle-lock-minutes",
                   self->idle_lock_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lock-on-screen-lock",
                   self->screen_lock_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-automatic",
                   self->automatic_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-keep",
                   self->keep_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);

  update_idle_lock (self);
  update_folder (self);
  update_last_backup (self);
  update_actions (self);
  update_retention (self);
}

static void
lanka_preferences_window_dispose (GObject *object)
{
  LankaPreferencesWindow *self = (LankaPreferencesWindow *)object;

  /* Nothing may reach the template widgets once they are gone. */
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->application);

  if (self->backup_cancellable != NULL)
    g_cancellable_cancel (self->backup_cancellable);
  g_clear_object (&self->backup_cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

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
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, back_up_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, back_up_spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, backup_group);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, change_passphrase_button);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, idle_lock_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, idle_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, keys_group);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, recovery_code_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, remove_passphrase_button);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, restore_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, retention_group);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, retention_sample_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, retention_sample_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, retention_years_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, retention_years_spin);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, rotate_key_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, screen_lock_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaPreferencesWindow, set_passphrase_button);
  gtk_widget_class_bind_template_callback (widget_class, on_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retention_changed_cb);

  gtk_widget_class_install_action (widget_class, "preferences.set-passphrase", NULL,
                                   lanka_preferences_window_set_passphrase);
  gtk_widget_class_install_action (widget_class, "preferences.change-passphrase", NULL,
                                   lanka_preferences_window_change_passphrase);
  gtk_widget_class_install_action (widget_class, "preferences.remove-passphrase", NULL,
                                   lanka_preferences_window_remove_passphrase);
  gtk_widget_class_install_action (widget_class, "preferences.new-recovery-code", NULL,
                                   lanka_preferences_window_new_recovery_code);
  gtk_widget_class_install_action (widget_class, "preferences.rotate-key", NULL,
                                   lanka_preferences_window_rotate_key);
  gtk_widget_class_install_action (widget_class, "preferences.back-up", NULL,
                                   lanka_preferences_window_back_up);
  gtk_widget_class_install_action (widget_class, "preferences.choose-backup-folder", NULL,
                                   lanka_preferences_window_choose_backup_folder);
  gtk_widget_class_install_action (widget_class, "preferences.restore-backup", NULL,
                                   lanka_preferences_window_restore_backup);
}

static void
lanka_preferences_window_init (LankaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
