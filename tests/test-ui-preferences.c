/* test-ui-preferences.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lanka-application.h"
#include "lanka-audit.h"
#include "lanka-passphrase-dialog.h"
#include "lanka-preferences-window.h"
#include "lanka-recovery-code-dialog.h"
#include "lanka-test-ui.h"
#include "lanka-window.h"

/* Preferences → Security and Backup, against a real vault and the session's
 * real keyring: the lock settings, the key rows while locked and unlocked,
 * the passphrase, a new recovery code, a new database key and a backup that
 * restores elsewhere.  The tests follow each other, sharing one database.
 */

#define PASSPHRASE     "correct horse battery"
#define NEW_PASSPHRASE "staple in the drawer"

/* Changing a key derives it again, which takes longer than a page turn. */
#define KEY_SECONDS 60

static LankaApplication *app;
static char *data_dir;
static char *recovery_code;

static gboolean
is_page (GtkWidget     *widget,
         gconstpointer  name)
{
  return ADW_IS_PREFERENCES_PAGE (widget) &&
         g_strcmp0 (adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (widget)), name) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  GtkWidget *button = lanka_test_find_action_button (root, action);

  g_assert_nonnull (button);
  return button;
}

static gboolean
can_use (gpointer    window,
         const char *action)
{
  return gtk_widget_is_sensitive (find_button (window, action));
}

static gboolean
shows (gpointer    window,
       const char *action)
{
  return gtk_widget_get_visible (find_button (window, action));
}

static GtkWidget *
find_in_page (GtkWidget  *root,
              const char *page_name,
              GType       type)
{
  GtkWidget *page = lanka_test_find_widget (root, is_page, page_name);

  g_assert_nonnull (page);
  return lanka_test_find_child (page, type);
}

/* The visible password rows of a dialog, top to bottom. */
static GPtrArray *
visible_password_rows (GtkWidget *root)
{
  GPtrArray *rows = lanka_test_collect_widgets (root, ADW_TYPE_PASSWORD_ENTRY_ROW);

  for (guint i = rows->len; i > 0; i--)
    if (!gtk_widget_is_visible (rows->pdata[i - 1]))
      g_ptr_array_remove_index (rows, i - 1);

  return rows;
}

static LankaPreferencesWindow *
open_preferences (void)
{
  LankaPreferencesWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = lanka_test_find_toplevel (LANKA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_object_ref (preferences);
  lanka_test_iterate_until_within (lanka_test_is_mapped, preferences, KEY_SECONDS);

  return preferences;
}

/* Closes Preferences and checks that nothing, not even a finished backup
 * or a dialog, keeps it alive.
 */
static void
close_preferences (LankaPreferencesWindow *preferences)
{
  gtk_window_destroy (GTK_WINDOW (preferences));
  lanka_test_iterate_a_while ();
  g_assert_finalize_object (preferences);
}

static gpointer watched;

/* Call before the step that closes @window: it may go at once. */
static void
watch (gpointer window)
{
  watched = window;
  g_object_add_weak_pointer (G_OBJECT (window), &watched);
}

static void
wait_until_gone (void)
{
  lanka_test_iterate_until_within (lanka_test_is_cleared, &watched, KEY_SECONDS);
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LankaDatabase **database = user_data;
  g_autoptr(GError) error = NULL;

  *database = lanka_vault_create_finish (LANKA_VAULT (object), result, &recovery_code, &error);
  g_assert_no_error (error);
}

static void
test_idle_lock (void)
{
  GSettings *settings = lanka_application_get_settings (app);
  LankaPreferencesWindow *preferences = open_preferences ();
  GtkSpinButton *spin;
  GtkSwitch *screen_lock;
  GtkWidget *row;
  g_autofree char *expected = NULL;

  spin = GTK_SPIN_BUTTON (find_in_page (GTK_WIDGET (preferences), "security", GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);

  /* Any number of minutes up to four hours, and 0 for never. */
  gtk_spin_button_set_value (spin, 25);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 25);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "25"));

  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 0);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "25"));

  gtk_spin_button_set_value (spin, 1000);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 240);

  /* A change made elsewhere shows. */
  g_settings_set_uint (settings, "idle-lock-minutes", 5);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 5);
  expected = g_strdup_printf (ngettext ("Länka locks itself after %u minute without use",
                                        "Länka locks itself after %u minutes without use",
                                        5),
                              5);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected);

  screen_lock = GTK_SWITCH (find_in_page (GTK_WIDGET (preferences), "security", GTK_TYPE_SWITCH));
  g_assert_nonnull (screen_lock);
  g_assert_true (gtk_switch_get_active (screen_lock));
  gtk_switch_set_active (screen_lock, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "lock-on-screen-lock"));

  g_settings_reset (settings, "idle-lock-minutes");
  g_settings_reset (settings, "lock-on-screen-lock");
  g_assert_true (gtk_switch_get_active (screen_lock));

  close_preferences (preferences);
}

static const char *key_actions[] = {
  "preferences.set-passphrase",
  "preferences.new-recovery-code",
  "preferences.rotate-key",
  "preferences.back-up",
};

static void
test_locked (void)
{
  LankaPreferencesWindow *preferences;
  g_autoptr(LankaDatabase) database = NULL;
  GtkWidget *button;
  GtkWidget *group;

  g_assert_null (lanka_application_get_database (app));
  preferences = open_preferences ();

  /* Nothing to change the keys of while locked, and the group says why. */
  for (guint i = 0; i < G_N_ELEMENTS (key_actions); i++)
    {
      if (can_use (preferences, key_actions[i]))
        g_error ("%s can be used while locked", key_actions[i]);
    }

  button = find_button (GTK_WIDGET (preferences), "preferences.rotate-key");
  g_assert_false (gtk_widget_is_sensitive (gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW)));
  group = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)));

  /* A backup can still be restored: the restore page asks first. */
  g_assert_true (can_use (preferences, "preferences.restore-backup"));

  /* Unlocking makes the rows usable in the open window. */
  lanka_vault_create_async (lanka_application_get_vault (app), NULL, NULL, on_created_cb, &database);
  lanka_test_iterate_until_within (lanka_test_is_set, &database, KEY_SECONDS);
  lanka_application_set_database (app, database);

  for (guint i = 0; i < G_N_ELEMENTS (key_actions); i++)
    g_assert_true (can_use (preferences, key_actions[i]));

  /* No passphrase yet: it can only be set. */
  g_assert_true (shows (preferences, "preferences.set-passphrase"));
  g_assert_false (shows (preferences, "preferences.change-passphrase"));

  close_preferences (preferences);
}

static gboolean
is_visible_spinner (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SPINNER (widget) && gtk_widget_is_visible (widget);
}

static gboolean
is_not_busy (gpointer data)
{
  return lanka_test_find_widget (data, is_visible_spinner, NULL) == NULL;
}

static gboolean
has_audit_row (const char *action)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = lanka_audit_list (lanka_application_get_database (app), action, 10, &error);
  g_assert_no_error (error);

  return rows->len > 0;
}

static void
test_set_passphrase (void)
{
  LankaVault *vault = lanka_application_get_vault (app);
  LankaPreferencesWindow *preferences = open_preferences ();
  LankaPassphraseDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_false (lanka_vault_has_passphrase (vault));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences),
                                             "preferences.set-passphrase", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_PASSPHRASE_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until_within (lanka_test_is_mapped, dialog, KEY_SECONDS);

  /* The keyring vouches for a first passphrase: only the new one is asked. */
  rows = visible_password_rows (GTK_WIDGET (dialog));
  g_assert_cmpuint (rows->len, ==, 2);

  /* Typed differently: marked, and nothing changes. */
  gtk_editable_set_text (rows->pdata[0], PASSPHRASE);
  gtk_editable_set_text (rows->pdata[1], PASSPHRASE "!");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "passphrase.save", NULL);
  g_assert_true (gtk_widget_has_css_class (rows->pdata[1], "error"));
  lanka_test_iterate_a_while ();
  g_assert_false (lanka_vault_has_passphrase (vault));

  /* Too short: marked on the first row. */
  gtk_editable_set_text (rows->pdata[0], "short");
  gtk_editable_set_text (rows->pdata[1], "short");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "passphrase.save", NULL);
  g_assert_true (gtk_widget_has_css_class (rows->pdata[0], "error"));
  lanka_test_iterate_a_while ();
  g_assert_false (lanka_vault_has_passphrase (vault));

  gtk_editable_set_text (rows->pdata[0], PASSPHRASE);
  gtk_editable_set_text (rows->pdata[1], PASSPHRASE);
  watch (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "passphrase.save", NULL);
  wait_until_gone ();

  g_assert_true (lanka_vault_has_passphrase (vault));
  g_assert_true (has_audit_row (LANKA_AUDIT_PASSPHRASE));

  /* Now it can be changed or removed, not set again. */
  g_assert_false (shows (preferences, "preferences.set-passphrase"));
  g_assert_true (can_use (preferences, "preferences.change-passphrase"));
  g_assert_true (can_use (preferences, "preferences.remove-passphrase"));

  close_preferences (preferences);
}

static void
test_change_passphrase (void)
{
  LankaVault *vault = lanka_application_get_vault (app);
  LankaPreferencesWindow *preferences = open_preferences ();
  LankaPassphraseDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LankaDatabase) check = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences),
                                             "preferences.change-passphrase", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_PASSPHRASE_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until_within (lanka_test_is_mapped, dialog, KEY_SECONDS);

  /* Changing asks for the current passphrase first. */
  rows = visible_password_rows (GTK_WIDGET (dialog));
  g_assert_cmpuint (rows->len, ==, 3);

  gtk_editable_set_text (rows->pdata[0], "not the passphrase");
  gtk_editable_set_text (rows->pdata[1], NEW_PASSPHRASE);
  gtk_editable_set_text (rows->pdata[2], NEW_PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "passphrase.save", NULL);
  lanka_test_iterate_a_while ();
  lanka_test_iterate_until_within (is_not_busy, dialog, KEY_SECONDS);
  g_assert_true (gtk_widget_has_css_class (rows->pdata[0], "error"));

  /* A failed change changed nothing. */
  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE, FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_database_close (check);
  g_clear_object (&check);

  gtk_editable_set_text (rows->pdata[0], PASSPHRASE);
  watch (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "passphrase.save", NULL);
  wait_until_gone ();

  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE, NEW_PASSPHRASE, FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_database_close (check);

  close_preferences (preferences);
}

static gboolean
is_not_working (gpointer data)
{
  return g_strcmp0 (lanka_recovery_code_dialog_get_step (data), "busy") != 0;
}

static gboolean
shows_code (gpointer data)
{
  return g_strcmp0 (lanka_recovery_code_dialog_get_step (data), "code") == 0;
}

static char *
take_code (LankaRecoveryCodeDialog *dialog)
{
  GtkWidget *label = lanka_test_find_styled (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "recovery-code");

  g_assert_nonnull (label);
  return g_strdup (gtk_label_get_label (GTK_LABEL (label)));
}

static void
test_new_recovery_code (void)
{
  LankaVault *vault = lanka_application_get_vault (app);
  LankaPreferencesWindow *preferences = open_preferences ();
  LankaRecoveryCodeDialog *dialog;
  g_autoptr(LankaDatabase) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences),
                                             "preferences.new-recovery-code", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_RECOVERY_CODE_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until_within (lanka_test_is_mapped, dialog, KEY_SECONDS);

  /* The keyring vouches for the person: no question before the new code. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "recovery.start", NULL);
  lanka_test_iterate_until_within (shows_code, dialog, KEY_SECONDS);
  code = take_code (dialog);
  g_assert_cmpstr (code, !=, recovery_code);

  /* The code cannot be closed away by accident. */
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_a_while ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  watch (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "recovery.done", NULL);
  wait_until_gone ();

  /* The new code opens the database, the old one no longer does. */
  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, code, FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_database_close (check);
  g_clear_object (&check);

  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, recovery_code, FALSE, NULL, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_assert_null (check);

  g_assert_true (has_audit_row (LANKA_AUDIT_RECOVERY_CODE));

  g_free (recovery_code);
  recovery_code = g_steal_pointer (&code);

  close_preferences (preferences);
}

static void
test_rotate_key (void)
{
  LankaVault *vault = lanka_application_get_vault (app);
  LankaPreferencesWindow *preferences = open_preferences ();
  LankaRecoveryCodeDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LankaDatabase) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences),
                                             "preferences.rotate-key", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_RECOVERY_CODE_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until_within (lanka_test_is_mapped, dialog, KEY_SECONDS);

  /* With a passphrase set, rotating asks for it: the new key gets one too. */
  rows = visible_password_rows (GTK_WIDGET (dialog));
  g_assert_cmpuint (rows->len, ==, 1);

  gtk_editable_set_text (rows->pdata[0], PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "recovery.start", NULL);
  lanka_test_iterate_until_within (is_not_working, dialog, KEY_SECONDS);
  g_assert_cmpstr (lanka_recovery_code_dialog_get_step (dialog), ==, "start");
  g_assert_true (gtk_widget_has_css_class (rows->pdata[0], "error"));

  gtk_editable_set_text (rows->pdata[0], NEW_PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "recovery.start", NULL);
  lanka_test_iterate_until_within (shows_code, dialog, KEY_SECONDS);
  code = take_code (dialog);
  watch (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "recovery.done", NULL);
  wait_until_gone ();

  /* Every way in still works with the new key, and the old code does not. */
  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_database_close (check);
  g_clear_object (&check);

  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE, NEW_PASSPHRASE, FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_database_close (check);
  g_clear_object (&check);

  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, code, FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_database_close (check);
  g_clear_object (&check);

  check = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, recovery_code, FALSE, NULL, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  g_assert_true (has_audit_row (LANKA_AUDIT_REKEY));

  g_free (recovery_code);
  recovery_code = g_steal_pointer (&code);

  close_preferences (preferences);
}

static void
on_restored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LankaDatabase **database = user_data;
  g_autoptr(GError) error = NULL;

  *database = lanka_vault_restore_finish (LANKA_VAULT (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
backup_done (gpointer data)
{
  GtkWidget *button = find_button (data, "preferences.back-up");

  return gtk_widget_is_sensitive (button);
}

static void
test_back_up_now (void)
{
  LankaPreferencesWindow *preferences = open_preferences ();
  g_autofree char *other_dir = lanka_test_make_data_dir ();
  g_autofree char *path = g_build_filename (other_dir, "Länka backup.lankabackup", NULL);
  g_autofree char *restore_dir = g_build_filename (other_dir, "restored", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LankaVault) elsewhere = NULL;
  g_autoptr(LankaDatabase) restored = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  lanka_preferences_window_back_up_to (preferences, file);

  /* Busy: a second backup cannot start meanwhile. */
  g_assert_false (can_use (preferences, "preferences.back-up"));
  lanka_test_iterate_until_within (backup_done, preferences, KEY_SECONDS);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8);
  g_assert_true (memcmp (contents, "LANKABAK", 8) == 0);

  /* A fresh computer needs only the file and the recovery code. */
  g_assert_cmpint (g_mkdir (restore_dir, 0700), ==, 0);
  elsewhere = lanka_vault_new (restore_dir);
  lanka_vault_restore_async (elsewhere, path, LANKA_VAULT_METHOD_RECOVERY_CODE, recovery_code,
                             NULL, on_restored_cb, &restored);
  lanka_test_iterate_until_within (lanka_test_is_set, &restored, KEY_SECONDS);
  lanka_database_close (restored);

  close_preferences (preferences);
  lanka_test_remove_tree (other_dir);
}

static void
test_daily_backup_settings (void)
{
  GSettings *settings = lanka_application_get_settings (app);
  LankaPreferencesWindow *preferences = open_preferences ();
  GtkSwitch *automatic;
  GtkSpinButton *keep;

  automatic = GTK_SWITCH (find_in_page (GTK_WIDGET (preferences), "backup", GTK_TYPE_SWITCH));
  keep = GTK_SPIN_BUTTON (find_in_page (GTK_WIDGET (preferences), "backup", GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (automatic);
  g_assert_nonnull (keep);

  /* Off by default, and then the folder and the number are greyed out. */
  g_assert_false (gtk_switch_get_active (automatic));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (keep)));

  gtk_switch_set_active (automatic, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "backup-automatic"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (keep)));

  gtk_spin_button_set_value (keep, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep"), ==, 30);
  gtk_spin_button_set_value (keep, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep"), ==, 1);

  /* Without a folder nothing is written; the settings are put back. */
  g_settings_reset (settings, "backup-automatic");
  g_settings_reset (settings, "backup-keep");

  close_preferences (preferences);
}

static void
test_lock_closes_dialog (void)
{
  LankaPreferencesWindow *preferences = open_preferences ();
  LankaPassphraseDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences),
                                             "preferences.change-passphrase", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_PASSPHRASE_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until_within (lanka_test_is_mapped, dialog, KEY_SECONDS);
  rows = visible_password_rows (GTK_WIDGET (dialog));
  gtk_editable_set_text (rows->pdata[0], NEW_PASSPHRASE);

  /* Locking takes the typed passphrase away with the dialog … */
  watch (dialog);
  lanka_application_lock (app);
  wait_until_gone ();

  /* … and greys out the keys in Preferences. */
  g_assert_false (can_use (preferences, "preferences.change-passphrase"));
  g_assert_false (can_use (preferences, "preferences.back-up"));

  database = lanka_vault_unlock (lanka_application_get_vault (app), LANKA_VAULT_METHOD_KEYRING, NULL,
                                 FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_application_set_database (app, database);
  g_assert_true (can_use (preferences, "preferences.change-passphrase"));

  close_preferences (preferences);
}

static void
test_sample (void)
{
  LankaPreferencesWindow *preferences;
  g_autoptr(LankaDatabase) database = NULL;

  /* The fictional sample, open, with its built-in passphrase. */
  lanka_application_set_sample (app, TRUE);
  lanka_vault_create_async (lanka_application_get_vault (app),
                            lanka_application_get_sample_passphrase (),
                            NULL,
                            on_created_cb,
                            &database);
  lanka_test_iterate_until_within (lanka_test_is_set, &database, KEY_SECONDS);
  lanka_application_set_database (app, database);

  preferences = open_preferences ();

  /* Its keys cannot be changed, and it is not backed up or replaced. */
  for (guint i = 0; i < G_N_ELEMENTS (key_actions); i++)
    g_assert_false (can_use (preferences, key_actions[i]));
  g_assert_false (can_use (preferences, "preferences.change-passphrase"));
  g_assert_false (can_use (preferences, "preferences.restore-backup"));

  close_preferences (preferences);

  lanka_application_set_sample (app, FALSE);
}

static void
test_restore_leads_to_window (void)
{
  LankaPreferencesWindow *preferences;
  LankaWindow *window;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  /* Unlocked, so that the window settles on its parts at once. */
  database = lanka_vault_unlock (lanka_application_get_vault (app), LANKA_VAULT_METHOD_KEYRING, NULL,
                                 FALSE, NULL, &error);
  g_assert_no_error (error);
  lanka_application_set_database (app, database);

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  lanka_test_iterate_until_within (lanka_test_is_mapped, window, KEY_SECONDS);
  g_assert_cmpstr (lanka_window_get_visible_page (window), ==, "workspace");

  preferences = open_preferences ();
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));

  /* Preferences closes and the window shows the restore page, which asks
   * before it replaces anything.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences),
                                             "preferences.restore-backup", NULL));
  lanka_test_iterate_a_while ();
  g_assert_finalize_object (preferences);
  g_assert_cmpstr (lanka_window_get_visible_page (window), ==, "restore");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  lanka_test_ui_init (&argc, &argv);
  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  g_test_add_func ("/ui/preferences/idle-lock", test_idle_lock);
  g_test_add_func ("/ui/preferences/locked", test_locked);
  g_test_add_func ("/ui/preferences/set-passphrase", test_set_passphrase);
  g_test_add_func ("/ui/preferences/change-passphrase", test_change_passphrase);
  g_test_add_func ("/ui/preferences/new-recovery-code", test_new_recovery_code);
  g_test_add_func ("/ui/preferences/rotate-key", test_rotate_key);
  g_test_add_func ("/ui/preferences/back-up-now", test_back_up_now);
  g_test_add_func ("/ui/preferences/daily-backup-settings", test_daily_backup_settings);
  g_test_add_func ("/ui/preferences/lock-closes-dialog", test_lock_closes_dialog);
  g_test_add_func ("/ui/preferences/sample", test_sample);
  g_test_add_func ("/ui/preferences/restore", test_restore_leads_to_window);

  ret = g_test_run ();

  lanka_application_lock (app);

  /* Let work that a window started in a worker thread (an unlock through
   * the keyring gives up after two seconds) end before the process does.
   */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  lanka_test_iterate_for (3);

  g_object_unref (app);
  g_free (recovery_code);
  lanka_test_remove_tree (data_dir);
  g_free (data_dir);

  return ret;
}
