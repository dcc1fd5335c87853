/* lanka-restore-page.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-restore-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-restore-page.h"
#include "lanka-unlock-error.h"

/* Restoring a backup needs only the backup file and its recovery code or
 * passphrase, so it works on a new computer.  A database that is already
 * here is never overwritten without a question, and the vault keeps a
 * safety copy of it.
 */
struct _LankaRestorePage
{
  AdwBin               parent_instance;

  GCancellable        *cancellable;
  GFile               *file;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwActionRow        *file_row;
  AdwPasswordEntryRow *secret_row;
  GtkLabel            *error_label;
  GtkButton           *restore_button;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (LankaRestorePage, lanka_restore_page, ADW_TYPE_BIN)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (LankaRestorePage *self,
           const char       *message,
           GtkWidget        *field)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->secret_row), "error");
  if (field != NULL)
    gtk_widget_add_css_class (field, "error");
}

static void
update_restore_button (LankaRestorePage *self)
{
  gboolean busy = gtk_spinner_get_spinning (self->spinner);
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                            !busy && self->file != NULL && secret[0] != '\0');
}

/**
 * lanka_restore_page_set_file:
 * @self: a #LankaRestorePage
 * @file: (nullable): the backup to restore
 */
void
lanka_restore_page_set_file (LankaRestorePage *self,
                             GFile            *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (LANKA_IS_RESTORE_PAGE (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  g_set_object (&self->file, file);

  if (file != NULL)
    name = g_file_get_basename (file);

  adw_action_row_set_subtitle (self->file_row, name != NULL ? name : _("No file chosen"));
  update_restore_button (self);
}

/**
 * lanka_restore_page_reset:
 * @self: a #LankaRestorePage
 */
void
lanka_restore_page_reset (LankaRestorePage *self)
{
  g_return_if_fail (LANKA_IS_RESTORE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_spinner_stop (self->spinner);
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  set_error (self, NULL, NULL);
  lanka_restore_page_set_file (self, NULL);
}

static void
on_chooser_response_cb (LankaRestorePage     *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lanka_restore_page_set_file (self, file);
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
    }

  g_clear_object (&self->chooser);
}

static void
lanka_restore_page_choose (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaRestorePage *self = (LankaRestorePage *)widget;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a Backup"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Länka backups"));
  gtk_file_filter_add_pattern (filter, "*.lankabackup");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LankaRestorePage) self = user_data;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_restore_finish (LANKA_VAULT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  update_restore_button (self);

  if (database == NULL)
    {
      g_autofree char *message = lanka_unlock_describe_error (error);
      gboolean secret_wrong =
        g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET) ||
        g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE);

      set_error (self, message, secret_wrong ? GTK_WIDGET (self->secret_row) : NULL);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  g_signal_emit (self, signals[RESTORED], 0, database);
}

static void
start_restore (LankaRestorePage *self)
{
  LankaApplication *app = LANKA_APPLICATION_DEFAULT;
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  g_autoptr(LankaSecret) code = NULL;
  g_autofree char *path = NULL;
  LankaVaultMethod method;

  g_assert (LANKA_IS_RESTORE_PAGE (self));

  /* The same field takes either: what reads as a recovery code is one. */
  code = lanka_recovery_code_normalize (secret, NULL);
  method = code != NULL ? LANKA_VAULT_METHOD_RECOVERY_CODE : LANKA_VAULT_METHOD_PASSPHRASE;

  /* The open database is closed first; locking saves any drafts. */
  lanka_application_lock (app);

  set_error (self, NULL, NULL);
  gtk_spinner_start (self->spinner);
  update_restore_button (self);

  path = g_file_get_path (self->file);
  lanka_vault_restore_async (lanka_application_get_vault (app),
                             path,
                             method,
                             code != NULL ? code : secret,
                             self->cancellable,
                             restore_cb,
                             g_object_ref (self));
}

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LankaRestorePage *self)
{
  if (g_strcmp0 (response, "replace") == 0)
    start_restore (self);
}

static void
lanka_restore_page_restore (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  LankaRestorePage *self = (LankaRestorePage *)widget;
  LankaVault *vault = lanka_application_get_vault (LANKA_APPLICATION_DEFAULT);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *path = self->file != NULL ? g_file_get_path (self->file) : NULL;
  AdwMessageDialog *dialog;

  if (path == NULL)
    {
      set_error (self, _("Choose a backup file on this computer first."), NULL);
      return;
    }

  if (lanka_vault_get_state (vault) == LANKA_VAULT_STATE_EMPTY)
    {
      start_restore (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Replace the Current Database?"),
                                                       _("The database on this computer is replaced by "
                                                         "the backup. Länka keeps the current database as "
                                                         "a safety copy in the same folder.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_secret_changed_cb (LankaRestorePage *self,
                      GtkEditable      *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  update_restore_button (self);
}

static void
on_secret_activated_cb (LankaRestorePage *self,
                        AdwEntryRow      *row)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->restore_button)))
    gtk_widget_activate_action (GTK_WIDGET (self), "restore.restore", NULL);
}

static void
lanka_restore_page_dispose (GObject *object)
{
  LankaRestorePage *self = (LankaRestorePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_RESTORE_PAGE);

  G_OBJECT_CLASS (lanka_restore_page_parent_class)->dispose (object);
}

static void
lanka_restore_page_class_init (LankaRestorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_restore_page_dispose;

  /**
   * LankaRestorePage::restored:
   * @self: a #LankaRestorePage
   * @database: the restored database, open
   *
   * Emitted when the backup is in place and open.
   */
  signals[RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_DATABASE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/unlock/lanka-restore-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaRestorePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaRestorePage, file_row);
  gtk_widget_class_bind_template_child (widget_class, LankaRestorePage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, LankaRestorePage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LankaRestorePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_changed_cb);

  gtk_widget_class_install_action (widget_class, "restore.choose", NULL, lanka_restore_page_choose);
  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, lanka_restore_page_restore);
}

static void
lanka_restore_page_init (LankaRestorePage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  lanka_restore_page_set_file (self, NULL);
}
