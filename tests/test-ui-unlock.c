/* test-ui-unlock.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "lanka-application.h"
#include "lanka-audit.h"
#include "lanka-keyring.h"
#include "lanka-recovery-code-view.h"
#include "lanka-lock-monitor.h"
#include "lanka-store-error.h"
#include "lanka-test-ui.h"
#include "lanka-unlock-error.h"
#include "lanka-window-private.h"

/* What a person goes through: the first run, the recovery code, the main
 * window, locking and unlocking — driven through the same widgets and
 * actions the person uses, against the session's real keyring.
 */

static LankaApplication *app;
static char *data_dir;

/* Creating and unlocking go through the keyring and derive keys. */
#define UNLOCK_SECONDS 30

typedef struct
{
  LankaWindow *window;
  const char  *page;
} PageWait;

static gboolean
shows_page (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (lanka_window_get_visible_page (wait->window), wait->page) == 0;
}

static void
wait_for_page (LankaWindow *window,
               const char  *page)
{
  PageWait wait = { window, page };

  lanka_test_iterate_until_within (shows_page, &wait, UNLOCK_SECONDS);
}

static gboolean
create_reached_code (gpointer data)
{
  return g_strcmp0 (lanka_create_page_get_step (data), "code") == 0;
}

static void
test_first_run (void)
{
  g_autofree char *code = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *db_path = NULL;
  LankaWindow *window;
  GtkWidget *label;
  GtkWidget *confirm_row;

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  lanka_test_iterate_until_within (lanka_test_is_mapped, window, UNLOCK_SECONDS);

  /* No database: the welcome page, and the parts are out of reach. */
  g_assert_cmpstr (lanka_window_get_visible_page (window), ==, "welcome");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-part", "s", "directory") &&
                  g_strcmp0 (lanka_window_get_visible_part (window), "directory") == 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-database", NULL));
  wait_for_page (window, "create");
  g_assert_cmpstr (lanka_create_page_get_step (window->create_page), ==, "passphrase");

  /* Two different passphrases are refused before anything is created. */
  gtk_editable_set_text (GTK_EDITABLE (lanka_test_find_row (GTK_WIDGET (window->create_page),
                                                            ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                            _("_Passphrase"))),
                         "correct horse battery");
  gtk_editable_set_text (GTK_EDITABLE (lanka_test_find_row (GTK_WIDGET (window->create_page),
                                                            ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                            _("_Repeat passphrase"))),
                         "correct horse batterY");
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.create", NULL);
  g_assert_cmpstr (lanka_create_page_get_step (window->create_page), ==, "passphrase");
  db_path = g_build_filename (data_dir, LANKA_VAULT_DATABASE_NAME, NULL);
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  gtk_editable_set_text (GTK_EDITABLE (lanka_test_find_row (GTK_WIDGET (window->create_page),
                                                            ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                            _("_Repeat passphrase"))),
                         "correct horse battery");
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.create", NULL);
  lanka_test_iterate_until_within (create_reached_code, window->create_page, UNLOCK_SECONDS);
  g_assert_true (g_file_test (db_path, G_FILE_TEST_EXISTS));

  /* The code is shown once, grouped. */
  label = lanka_test_find_styled (GTK_WIDGET (window->create_page), GTK_TYPE_LABEL, "recovery-code");
  g_assert_nonnull (label);
  code = g_strdup (gtk_label_get_label (GTK_LABEL (label)));
  g_assert_cmpuint (strlen (code), ==, 35);
  g_assert_cmpint (code[5], ==, '-');

  /* Printing puts the whole code on paper (here: a PDF in the test's own
   * directory, read back with poppler).
   */
  {
    g_autoptr(GtkPrintOperation) operation = NULL;
    PopplerDocument *document;
    PopplerPage *page;
    g_autoptr(GError) error = NULL;
    g_autofree char *pdf = g_build_filename (data_dir, "code.pdf", NULL);
    g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
    g_autofree char *text = NULL;
    GtkWidget *view = gtk_widget_get_ancestor (label, LANKA_TYPE_RECOVERY_CODE_VIEW);

    operation = lanka_recovery_code_view_new_print_operation (LANKA_RECOVERY_CODE_VIEW (view));
    gtk_print_operation_set_export_filename (operation, pdf);
    g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                     ==,
                     GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);

    document = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
    page = poppler_document_get_page (document, 0);
    text = poppler_page_get_text (page);
    g_assert_nonnull (strstr (text, code));
    g_unlink (pdf);

    /* poppler-glib 22.12 has no autoptr cleanups. */
    g_object_unref (page);
    g_object_unref (document);
  }

  /* Confirming with a wrong code keeps the person on the page … */
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.show-confirm", NULL);
  confirm_row = lanka_test_find_row (GTK_WIDGET (window->create_page), ADW_TYPE_ENTRY_ROW,
                                     _("_Recovery code"));
  g_assert_nonnull (confirm_row);
  gtk_editable_set_text (GTK_EDITABLE (confirm_row), "00000-00000-00000-00000-00000-00000");
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.confirm", NULL);
  g_assert_cmpstr (lanka_window_get_visible_page (window), ==, "create");
  g_assert_true (gtk_widget_has_css_class (confirm_row, "error"));

  /* … the right one, typed loosely, opens the parts. */
  typed = g_ascii_strdown (code, -1);
  g_strdelimit (typed, "-", ' ');
  gtk_editable_set_text (GTK_EDITABLE (confirm_row), typed);
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.confirm", NULL);
  wait_for_page (window, "workspace");
  g_assert_nonnull (lanka_application_get_database (app));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->lock_button)));

  /* Kept for the next test. */
  g_object_set_data_full (G_OBJECT (app), "recovery-code", g_steal_pointer (&code), g_free);
}

static gboolean
has_message (gpointer data)
{
  return lanka_unlock_page_get_message (data) != NULL;
}

static void
test_lock_and_unlock (void)
{
  LankaWindow *window = lanka_application_get_window (app);
  g_autoptr(LankaDatabase) database = NULL;
  const char *code = g_object_get_data (G_OBJECT (app), "recovery-code");
  GtkWidget *recovery_row;
  GtkWidget *passphrase_row;

  g_assert_nonnull (code);
  database = g_object_ref (lanka_application_get_database (app));

  /* Ctrl+L: the database closes and the window shows nothing of it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  g_assert_null (lanka_application_get_database (app));
  g_assert_false (lanka_database_is_open (database));
  wait_for_page (window, "unlock");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "lock"));

  /* A wrong passphrase is marked and explained. */
  passphrase_row = lanka_test_find_row (GTK_WIDGET (window->unlock_page), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                        _("_Passphrase"));
  g_assert_nonnull (passphrase_row);
  g_assert_true (gtk_widget_get_visible (passphrase_row));
  gtk_editable_set_text (GTK_EDITABLE (passphrase_row), "not the passphrase");
  g_signal_emit_by_name (passphrase_row, "entry-activated");
  lanka_test_iterate_until_within (has_message, window->unlock_page, UNLOCK_SECONDS);
  g_assert_true (gtk_widget_has_css_class (passphrase_row, "error"));
  g_assert_cmpstr (lanka_window_get_visible_page (window), ==, "unlock");

  /* The recovery code opens it. */
  recovery_row = lanka_test_find_row (GTK_WIDGET (window->unlock_page), ADW_TYPE_ENTRY_ROW,
                                      _("_Recovery code"));
  g_assert_nonnull (recovery_row);
  gtk_editable_set_text (GTK_EDITABLE (recovery_row), code);
  g_signal_emit_by_name (recovery_row, "entry-activated");
  wait_for_page (window, "workspace");
  g_assert_nonnull (lanka_application_get_database (app));
}

static void
test_lock_audited (void)
{
  g_autoptr(GPtrArray) locks = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GError) error = NULL;
  LankaDatabase *database = lanka_application_get_database (app);

  g_assert_nonnull (database);

  locks = lanka_audit_list (database, LANKA_AUDIT_LOCK, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (locks->len, >=, 1);

  /* The wrong passphrase was counted while locked, and written now. */
  failures = lanka_audit_list (database, LANKA_AUDIT_UNLOCK_FAILED, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failures->len, ==, 1);
}

static void
test_idle_lock (void)
{
  LankaWindow *window = lanka_application_get_window (app);
  LankaLockMonitor *monitor = lanka_application_get_lock_monitor (app);
  GSettings *settings = lanka_application_get_settings (app);

  g_assert_nonnull (lanka_application_get_database (app));

  /* Ten minutes of idleness, without waiting ten minutes. */
  g_settings_set_uint (settings, "idle-lock-minutes", 10);
  lanka_lock_monitor_note_activity (monitor);
  lanka_lock_monitor_check_idle (monitor, g_get_monotonic_time () + 9 * 60 * G_USEC_PER_SEC);
  g_assert_nonnull (lanka_application_get_database (app));
  lanka_lock_monitor_check_idle (monitor, g_get_monotonic_time () + 11 * 60 * G_USEC_PER_SEC);
  g_assert_null (lanka_application_get_database (app));
  wait_for_page (window, "unlock");

  /* Back in through the keyring, as after a screen lock. */
  gtk_widget_activate_action (GTK_WIDGET (window->unlock_page), "unlock.keyring", NULL);
  wait_for_page (window, "workspace");
}

static gboolean
is_locked (gpointer data)
{
  return lanka_application_get_database (app) == NULL;
}

static void
emit_active_changed (GDBusConnection *bus,
                     const char      *interface,
                     const char      *path)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (bus, NULL, path, interface, "ActiveChanged",
                                 g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (bus, NULL, NULL);
}

static void
test_screensaver_lock (void)
{
  static const struct {
    const char *interface;
    const char *path;
  } screensavers[] = {
    { "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver" },
    { "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver" },
  };
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings = lanka_application_get_settings (app);
  LankaWindow *window = lanka_application_get_window (app);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  /* Both screensaver interfaces announce a locked screen. */
  for (guint i = 0; i < G_N_ELEMENTS (screensavers); i++)
    {
      g_assert_nonnull (lanka_application_get_database (app));

      emit_active_changed (bus, screensavers[i].interface, screensavers[i].path);
      lanka_test_iterate_until_within (is_locked, NULL, UNLOCK_SECONDS);
      wait_for_page (window, "unlock");

      gtk_widget_activate_action (GTK_WIDGET (window->unlock_page), "unlock.keyring", NULL);
      wait_for_page (window, "workspace");
    }

  /* With the setting off, a screen lock leaves Länka open. */
  g_settings_set_boolean (settings, "lock-on-screen-lock", FALSE);
  emit_active_changed (bus, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver");
  lanka_test_iterate_for (0.5);
  g_assert_nonnull (lanka_application_get_database (app));
  g_settings_reset (settings, "lock-on-screen-lock");
}

/* The fictional sample data live apart, open without a key, and reopen
 * after a lock with the same Unlock button.
 */
static void
test_sample_data (void)
{
  LankaWindow *window = lanka_application_get_window (app);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  lanka_test_iterate_until_within (lanka_test_has_database, app, UNLOCK_SECONDS);
  wait_for_page (window, "workspace");
  g_assert_true (lanka_application_get_is_sample (app));
  g_assert_true (gtk_revealer_get_reveal_child (window->sample_banner));

  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  wait_for_page (window, "unlock");

  /* Nothing on the sample's locked page leads to the real database. */
  g_assert_false (gtk_widget_is_visible (lanka_test_find_row (GTK_WIDGET (window->unlock_page),
                                                              ADW_TYPE_ENTRY_ROW, _("_Recovery code"))));
  g_assert_false (gtk_widget_is_visible (lanka_test_find_styled (GTK_WIDGET (window->unlock_page),
                                                                 GTK_TYPE_BUTTON, "flat")));

  gtk_widget_activate_action (GTK_WIDGET (window->unlock_page), "unlock.keyring", NULL);
  lanka_test_iterate_until_within (lanka_test_has_database, app, UNLOCK_SECONDS);
  g_assert_true (lanka_application_get_is_sample (app));

  /* Leaving them closes the sample and comes back to the real database. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-sample", NULL);
  g_assert_false (lanka_application_get_is_sample (app));
  g_assert_null (lanka_application_get_database (app));
  wait_for_page (window, "unlock");
}

/* Each way unlocking can fail has a sentence of its own, so that the person
 * knows what happened and what to do.
 */
static void
test_error_sentences (void)
{
  static const struct {
    const char *domain;
    int         code;
  } errors[] = {
    { "keyring", LANKA_KEYRING_ERROR_LOCKED },
    { "keyring", LANKA_KEYRING_ERROR_NO_SERVICE },
    { "keyring", LANKA_KEYRING_ERROR_NOT_FOUND },
    { "vault", LANKA_VAULT_ERROR_WRONG_SECRET },
    { "store", LANKA_STORE_ERROR_DAMAGED },
    { "vault", LANKA_VAULT_ERROR_DATABASE_MISSING },
    { "vault", LANKA_VAULT_ERROR_KEYS_MISSING },
    { "store", LANKA_STORE_ERROR_FOREIGN },
    { "vault", LANKA_VAULT_ERROR_NOT_A_BACKUP },
    { "store", LANKA_STORE_ERROR_NO_SQLCIPHER },
    { "store", LANKA_STORE_ERROR_DISK_FULL },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      GQuark domain = g_str_equal (errors[i].domain, "keyring") ? LANKA_KEYRING_ERROR
                      : g_str_equal (errors[i].domain, "vault") ? LANKA_VAULT_ERROR
                      : LANKA_STORE_ERROR;
      g_autoptr(GError) error = g_error_new_literal (domain, errors[i].code, "internal detail");
      g_autofree char *sentence = lanka_unlock_describe_error (error);

      /* A sentence in the person's language, not the internal message. */
      g_assert_nonnull (sentence);
      g_assert_cmpuint (strlen (sentence), >, 20);
      g_assert_null (strstr (sentence, "internal detail"));
      g_assert_true (g_str_has_suffix (sentence, "."));
      g_assert_false (g_hash_table_contains (seen, sentence));
      g_hash_table_add (seen, g_steal_pointer (&sentence));
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  lanka_test_ui_init (&argc, &argv);
  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  g_test_add_func ("/ui/unlock/error-sentences", test_error_sentences);

  /* The steps follow each other like a person's first day. */
  g_test_add_func ("/ui/unlock/first-run", test_first_run);
  g_test_add_func ("/ui/unlock/lock-and-unlock", test_lock_and_unlock);
  g_test_add_func ("/ui/unlock/lock-audited", test_lock_audited);
  g_test_add_func ("/ui/unlock/idle-lock", test_idle_lock);
  g_test_add_func ("/ui/unlock/screensaver-lock", test_screensaver_lock);
  g_test_add_func ("/ui/unlock/sample-data", test_sample_data);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);
  g_free (data_dir);

  return ret;
}
