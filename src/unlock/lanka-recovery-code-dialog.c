/* lanka-recovery-code-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-recovery-code-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-audit.h"
#include "lanka-keyring.h"
#include "lanka-recovery-code-dialog.h"
#include "lanka-recovery-code-view.h"
#include "lanka-unlock-error.h"

/* Two operations that end in a new recovery code: renewing the code alone,
 * and rotating the database key (which re-encrypts the database, and so
 * needs new slots for everything).  Both go start → busy → code.
 *
 * The new code is the only one that works from then on, so once the vault
 * has made it, the dialog does not let itself be closed until the person
 * says they have kept it, except by locking, which must never show a
 * secret on an unattended screen.
 */
struct _LankaRecoveryCodeDialog
{
  AdwWindow                    parent_instance;

  LankaApplication            *application;
  GCancellable                *cancellable;
  LankaRecoveryCodeDialogMode  mode;
  LankaVaultMethod             method;
  guint                        busy : 1;

  /* Template widgets */
  GtkButton                   *cancel_button;
  GtkStack                    *steps;
  AdwStatusPage               *start_page;
  GtkWidget                   *proof_box;
  AdwPasswordEntryRow         *secret_row;
  GtkLabel                    *proof_hint;
  GtkButton                   *switch_method_button;
  GtkLabel                    *error_label;
  GtkButton                   *start_button;
  AdwStatusPage               *busy_page;
  GtkSpinner                  *spinner;
  AdwStatusPage               *code_page;
  LankaRecoveryCodeView       *code_view;
};

G_DEFINE_FINAL_TYPE (LankaRecoveryCodeDialog, lanka_recovery_code_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (LankaRecoveryCodeDialog *self,
            gboolean                 secret_wrong,
            const char              *message)
{
  g_assert (LANKA_IS_RECOVERY_CODE_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (secret_wrong)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->secret_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->secret_row), "error");
    }
}

static void
update_method (LankaRecoveryCodeDialog *self)
{
  LankaVault *vault = lanka_application_get_vault (self->application);
  gboolean by_code = self->method == LANKA_VAULT_METHOD_RECOVERY_CODE;
  gboolean rotating = self->mode == LANKA_RECOVERY_CODE_DIALOG_ROTATE_KEY;

  g_assert (LANKA_IS_RECOVERY_CODE_DIALOG (self));

  gtk_widget_set_visible (self->proof_box, self->method != LANKA_VAULT_METHOD_KEYRING);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 by_code ? _("Current _recovery code") : _("Current _passphrase"));
  gtk_button_set_label (self->switch_method_button,
                        by_code
                        ? _("Use the _passphrase instead")
                        : _("Use the _recovery code instead"));

  /* Rotation re-wraps the new key under the passphrase itself, so only
   * the passphrase will do there.
   */
  gtk_widget_set_visible (GTK_WIDGET (self->switch_method_button),
                          !rotating && lanka_vault_has_passphrase (vault));
  gtk_widget_set_visible (GTK_WIDGET (self->proof_hint), rotating);
}

static void
set_busy (LankaRecoveryCodeDialog *self,
          gboolean                 busy)
{
  g_assert (LANKA_IS_RECOVERY_CODE_DIALOG (self));

  self->busy = !!busy;

  /* The focused field is about to be hidden with its page; without this it
   * never gets its focus-out.
   */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->steps, busy ? "busy" : "start");
}

static void
show_code (LankaRecoveryCodeDialog *self,
           const char              *code)
{
  LankaDatabase *database = lanka_application_get_database (self->application);
  g_autoptr(GError) error = NULL;

  g_assert (LANKA_IS_RECOVERY_CODE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  lanka_recovery_code_view_set_code (self->code_view, code);
  gtk_stack_set_visible_child_name (self->steps, "code");

  /* Rotation is written to the log by the vault itself, as "rekey". */
  if (self->mode == LANKA_RECOVERY_CODE_DIALOG_NEW_CODE &&
      database != NULL && lanka_database_is_open (database) &&
      !lanka_audit_log (database, LANKA_AUDIT_RECOVERY_CODE, NULL, NULL, &error))
    g_warning ("Could not write the new recovery code to the audit log: %s", error->message);

  g_signal_emit (self, signals[FINISHED], 0);
}

static void
handle_error (LankaRecoveryCodeDialog *self,
              const GError            *error)
{
  g_autofree char *message = lanka_unlock_describe_error (error);

  g_assert (LANKA_IS_RECOVERY_CODE_DIALOG (self));

  /* The keyring could not vouch for the person: ask for the passphrase,
   * or the recovery code when there is none, and let them try again.
   */
  if (self->method == LANKA_VAULT_METHOD_KEYRING && error->domain == LANKA_KEYRING_ERROR)
    {
      LankaVault *vault = lanka_application_get_vault (self->application);

      self->method = lanka_vault_has_passphrase (vault)
                     ? LANKA_VAULT_METHOD_PASSPHRASE
                     : LANKA_VAULT_METHOD_RECOVERY_CODE;
      update_method (self);
      show_error (self, TRUE, message);
      return;
    }

  show_error (self,
              g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET) ||
              g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE) ||
              g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_NO_PASSPHRASE),
              message);
}

static void
renew_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LankaRecoveryCodeDialog) self = user_data;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  code = lanka_vault_renew_recovery_code_finish (LANKA_VAULT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  /* Locked meanwhile: the code must not appear on an unattended screen. */
  if (lanka_application_get_database (self->application) == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (code == NULL)
    handle_error (self, error);
  else
    show_code (self, code);
}

static void
rotate_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LankaRecoveryCodeDialog) self = user_data;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  code = lanka_vault_rotate_key_finish (LANKA_VAULT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (lanka_application_get_database (self->application) == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (code == NULL)
    handle_error (self, error);
  else
    show_code (self, code);
}

static void
lanka_recovery_code_dialog_start (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  LankaRecoveryCodeDialog *self = (LankaRecoveryCodeDialog *)widget;
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  LankaVault *vault = lanka_application_get_vault (self->application);
  LankaDatabase *database = lanka_application_get_database (self->application);
  g_autoptr(LankaSecret) code = NULL;

  g_assert (LANKA_IS_RECOVERY_CODE_DIALOG (self));

  if (self->busy || database == NULL)
    return;

  if (self->method != LANKA_VAULT_METHOD_KEYRING && secret[0] == '\0')
    {
      show_error (self, TRUE,
                  self->method == LANKA_VAULT_METHOD_RECOVERY_CODE
                  ? _("Type your recovery code.")
                  : _("Type your current passphrase."));
      return;
    }

  if (self->method == LANKA_VAULT_METHOD_RECOVERY_CODE)
    {
      g_autoptr(GError) error = NULL;

      code = lanka_recovery_code_normalize (secret, &error);
      if (code == NULL)
        {
          g_autofree char *message = lanka_unlock_describe_error (error);

          show_error (self, TRUE, message);
          return;
        }
    }

  show_error (self, FALSE, NULL);
  set_busy (self, TRUE);

  /* The keyring needs no secret; a recovery code goes in its normal form. */
  if (self->method == LANKA_VAULT_METHOD_KEYRING)
    secret = NULL;
  else if (code != NULL)
    secret = code;

  if (self->mode == LANKA_RECOVERY_CODE_DIALOG_ROTATE_KEY)
    lanka_vault_rotate_key_async (vault,
                                  database,
                                  secret,
                                  self->cancellable,
                                  rotate_cb,
                                  g_object_ref (self));
  else
    lanka_vault_renew_recovery_code_async (vault,
                                           self->method,
                                           secret,
                                           self->cancellable,
                                           renew_cb,
                                           g_object_ref (self));
}

static void
lanka_recovery_code_dialog_switch_method (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  LankaRecoveryCodeDialog *self = (LankaRecoveryCodeDialog *)widget;

  g_assert (LANKA_IS_RECOVERY_CODE_DIALOG (self));

  self->method = self->method == LANKA_VAULT_METHOD_RECOVERY_CODE
                 ? LANKA_VAULT_METHOD_PASSPHRASE
                 : LANKA_VAULT_METHOD_RECOVERY_CODE;

  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  show_error (self, FALSE, NULL);
  update_method (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
}

static void
lanka_recovery_code_dialog_done (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
on_secret_changed_cb (LankaRecoveryCodeDialog *self,
                      GtkEditable             *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_secret_activated_cb (LankaRecoveryCodeDialog *self,
                        AdwEntryRow             *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "recovery.start", NULL);
}

static void
on_step_changed_cb (LankaRecoveryCodeDialog *self,
                    GParamSpec              *pspec,
                    GtkStack                *steps)
{
  /* Cancelling makes sense only before anything happened. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button),
                          g_strcmp0 (gtk_stack_get_visible_child_name (steps), "start") == 0);
}

static gboolean
on_close_request_cb (LankaRecoveryCodeDialog *self,
                     GtkWindow               *window)
{
  /* While the vault works, and while the only working recovery code is on
   * screen, closing would lose it: "I Have Kept It Safe" closes instead.
   */
  if (self->busy || g_strcmp0 (gtk_stack_get_visible_child_name (self->steps), "code") == 0)
    return TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  return FALSE;
}

static gboolean
on_event_cb (LankaRecoveryCodeDialog  *self,
             GdkEvent                 *event,
             GtkEventControllerLegacy *controller)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* Writing the code down by hand is using Länka too. */
  if (type == GDK_KEY_PRESS || type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    lanka_application_note_activity (self->application);

  return GDK_EVENT_PROPAGATE;
}

static void
on_database_changed_cb (LankaRecoveryCodeDialog *self,
                        GParamSpec              *pspec,
                        LankaApplication        *application)
{
  /* A running operation finishes first; its callback closes the dialog. */
  if (lanka_application_get_database (application) == NULL && !self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * lanka_recovery_code_dialog_new:
 * @application: the application, whose vault and database are used
 * @parent: (nullable): the window the dialog belongs to
 * @mode: whether to renew the recovery code or rotate the database key
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
LankaRecoveryCodeDialog *
lanka_recovery_code_dialog_new (LankaApplication            *application,
                                GtkWindow                   *parent,
                                LankaRecoveryCodeDialogMode  mode)
{
  LankaRecoveryCodeDialog *self;
  LankaVault *vault;

  g_return_val_if_fail (LANKA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (LANKA_TYPE_RECOVERY_CODE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->application = g_object_ref (application);
  self->mode = mode;

  g_signal_connect_object (application,
                           "notify::database",
                           G_CALLBACK (on_database_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  vault = lanka_application_get_vault (application);

  switch (mode)
    {
    case LANKA_RECOVERY_CODE_DIALOG_NEW_CODE:
      /* The keyring is tried first; a question comes only if it fails. */
      self->method = LANKA_VAULT_METHOD_KEYRING;
      gtk_window_set_title (GTK_WINDOW (self), _("New Recovery Code"));
      adw_status_page_set_icon_name (self->start_page, "dialog-password-symbolic");
      adw_status_page_set_title (self->start_page, _("Make a New Recovery Code?"));
      adw_status_page_set_description (self->start_page,
                                       _("Make a new code if the current one is lost or may have "
                                         "been seen by someone else. The current code stops "
                                         "working at once, printed copies too."));
      gtk_button_set_label (self->start_button, _("_Make New Code"));
      adw_status_page_set_title (self->busy_page, _("Making a New Code…"));
      adw_status_page_set_description (self->code_page,
                                       _("The old recovery code no longer opens the database: "
                                         "destroy every copy of it. Print or write down this one "
                                         "and keep it locked away, apart from this computer. It is "
                                         "shown only this once.\n\nBackups made earlier still open "
                                         "with the old code. Make a new backup now, and if the old "
                                         "code may have been seen, delete the earlier backups."));
      break;

    case LANKA_RECOVERY_CODE_DIALOG_ROTATE_KEY:
      self->method = lanka_vault_has_passphrase (vault)
                     ? LANKA_VAULT_METHOD_PASSPHRASE
                     : LANKA_VAULT_METHOD_KEYRING;
      gtk_window_set_title (GTK_WINDOW (self), _("New Database Key"));
      adw_status_page_set_icon_name (self->start_page, "channel-secure-symbolic");
      adw_status_page_set_title (self->start_page, _("Change the Database Key?"));
      adw_status_page_set_description (self->start_page,
                                       _("Länka re-encrypts the whole database under a new key and "
                                         "keeps the key in your keyring. Do this if someone may "
                                         "have copied the database or its key. Your passphrase "
                                         "stays the same, but you get a new recovery code, and "
                                         "the current one stops working."));
      gtk_label_set_label (self->proof_hint,
                           _("The new key is protected with your passphrase too, so Länka needs "
                             "it."));
      gtk_button_set_label (self->start_button, _("_Change Key"));
      adw_status_page_set_title (self->busy_page, _("Changing the Database Key…"));
      adw_status_page_set_description (self->busy_page,
                                       _("A large database can take a minute. Keep the computer on "
                                         "until Länka is done."));
      adw_status_page_set_description (self->code_page,
                                       _("The database has a new key, and the old recovery code no "
                                         "longer opens it: destroy every copy of the old code. "
                                         "Print or write down this one and keep it locked away, "
                                         "apart from this computer. It is shown only this "
                                         "once.\n\nBackups made earlier still open with the old "
                                         "code. Make a new backup now, and if the old key or code "
                                         "may have been seen, delete the earlier backups."));
      break;

    default:
      g_return_val_if_reached (self);
    }

  update_method (self);

  gtk_widget_grab_focus (self->method == LANKA_VAULT_METHOD_KEYRING
                         ? GTK_WIDGET (self->start_button)
                         : GTK_WIDGET (self->secret_row));

  return self;
}

/**
 * lanka_recovery_code_dialog_get_mode:
 * @self: a #LankaRecoveryCodeDialog
 *
 * Returns: what the dialog does
 */
LankaRecoveryCodeDialogMode
lanka_recovery_code_dialog_get_mode (LankaRecoveryCodeDialog *self)
{
  g_return_val_if_fail (LANKA_IS_RECOVERY_CODE_DIALOG (self), LANKA_RECOVERY_CODE_DIALOG_NEW_CODE);

  return self->mode;
}

/**
 * lanka_recovery_code_dialog_get_step:
 * @self: a #LankaRecoveryCodeDialog
 *
 * Returns: "start", "busy" or "code"
 */
const char *
lanka_recovery_code_dialog_get_step (LankaRecoveryCodeDialog *self)
{
  g_return_val_if_fail (LANKA_IS_RECOVERY_CODE_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->steps);
}

static void
lanka_recovery_code_dialog_dispose (GObject *object)
{
  LankaRecoveryCodeDialog *self = (LankaRecoveryCodeDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->application);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_RECOVERY_CODE_DIALOG);

  G_OBJECT_CLASS (lanka_recovery_code_dialog_parent_class)->dispose (object);
}

static void
lanka_recovery_code_dialog_class_init (LankaRecoveryCodeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_recovery_code_dialog_dispose;

  /**
   * LankaRecoveryCodeDialog::finished:
   * @self: a #LankaRecoveryCodeDialog
   *
   * Emitted when the vault has made the new recovery code (and, when
   * rotating, the new key), as the code is shown.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/unlock/lanka-recovery-code-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, code_page);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, code_view);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, proof_box);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, proof_hint);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, start_page);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, steps);
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeDialog, switch_method_button);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_step_changed_cb);

  gtk_widget_class_install_action (widget_class, "recovery.start", NULL,
                                   lanka_recovery_code_dialog_start);
  gtk_widget_class_install_action (widget_class, "recovery.switch-method", NULL,
                                   lanka_recovery_code_dialog_switch_method);
  gtk_widget_class_install_action (widget_class, "recovery.done", NULL,
                                   lanka_recovery_code_dialog_done);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_recovery_code_dialog_init (LankaRecoveryCodeDialog *self)
{
  g_type_ensure (LANKA_TYPE_RECOVERY_CODE_VIEW);

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
