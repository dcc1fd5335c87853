/* lanka-passphrase-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-audit.h"
#include "lanka-keyring.h"
#include "lanka-passphrase-dialog.h"
#include "lanka-unlock-error.h"

/* Sets, changes or removes the passphrase slot.  The vault needs the key to
 * do that, and the person has to show that they may have it: for a first
 * passphrase the keyring is enough (it already opens the database without
 * a question), but changing or removing one asks for the current passphrase
 * or the recovery code, so that nobody at an unlocked, unattended desk can
 * take over the way in.
 */
struct _LankaPassphraseDialog
{
  AdwWindow                  parent_instance;

  LankaApplication          *application;
  GCancellable              *cancellable;
  LankaPassphraseDialogMode  mode;
  LankaVaultMethod           method;
  guint                      busy : 1;
  guint                      locked : 1;

  /* Template widgets */
  GtkButton                 *cancel_button;
  GtkButton                 *save_button;
  GtkSpinner                *spinner;
  GtkLabel                  *intro_label;
  GtkWidget                 *proof_box;
  AdwPasswordEntryRow       *secret_row;
  GtkButton                 *switch_method_button;
  GtkWidget                 *new_box;
  AdwPasswordEntryRow       *new_row;
  AdwPasswordEntryRow       *repeat_row;
  GtkLabel                  *hint_label;
  GtkLabel                  *error_label;
};

G_DEFINE_FINAL_TYPE (LankaPassphraseDialog, lanka_passphrase_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (LankaPassphraseDialog *self,
            GtkWidget             *field,
            const char            *message)
{
  g_assert (LANKA_IS_PASSPHRASE_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->secret_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->new_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->repeat_row), "error");

  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
clear_fields (LankaPassphraseDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
}

static void
update_method (LankaPassphraseDialog *self)
{
  LankaVault *vault = lanka_application_get_vault (self->application);
  gboolean by_code = self->method == LANKA_VAULT_METHOD_RECOVERY_CODE;

  g_assert (LANKA_IS_PASSPHRASE_DIALOG (self));

  gtk_widget_set_visible (self->proof_box, self->method != LANKA_VAULT_METHOD_KEYRING);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 by_code ? _("_Recovery code") : _("Current _passphrase"));
  gtk_button_set_label (self->switch_method_button,
                        by_code
                        ? _("Use the _passphrase instead")
                        : _("Use the _recovery code instead"));

  /* Without a passphrase slot the recovery code is the only proof. */
  gtk_widget_set_visible (GTK_WIDGET (self->switch_method_button),
                          lanka_vault_has_passphrase (vault));
}

static void
set_busy (LankaPassphraseDialog *self,
          gboolean               busy)
{
  g_assert (LANKA_IS_PASSPHRASE_DIALOG (self));

  self->busy = !!busy;

  /* A text field that turns insensitive while it has the focus never gets
   * its focus-out: move the focus away first.
   */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_set_sensitive (self->proof_box, !busy);
  gtk_widget_set_sensitive (self->new_box, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passphrase.save", !busy);

  if (!busy)
    gtk_widget_grab_focus (gtk_widget_get_visible (self->proof_box)
                           ? GTK_WIDGET (self->secret_row)
                           : GTK_WIDGET (self->new_row));
}

static const char *
audit_detail (LankaPassphraseDialogMode mode)
{
  switch (mode)
    {
    case LANKA_PASSPHRASE_DIALOG_SET:
      return "set";

    case LANKA_PASSPHRASE_DIALOG_CHANGE:
      return "changed";

    case LANKA_PASSPHRASE_DIALOG_REMOVE:
      return "removed";

    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_passphrase_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LankaPassphraseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  LankaDatabase *database;

  if (!lanka_vault_set_passphrase_finish (LANKA_VAULT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *message = lanka_unlock_describe_error (error);

      /* The keyring could not vouch for the person: ask for the recovery
       * code, which is always there, and try again with it.
       */
      if (self->method == LANKA_VAULT_METHOD_KEYRING && error->domain == LANKA_KEYRING_ERROR)
        {
          g_autofree char *explained = NULL;

          self->method = LANKA_VAULT_METHOD_RECOVERY_CODE;
          update_method (self);
          explained = g_strdup_printf ("%s %s", message, _("Type your recovery code to go on."));
          show_error (self, GTK_WIDGET (self->secret_row), explained);
        }
      else if (self->mode == LANKA_PASSPHRASE_DIALOG_REMOVE && error->domain == LANKA_KEYRING_ERROR)
        {
          g_autofree char *explained = NULL;

          /* The vault refuses to leave the recovery code as the only,
           * daily, way in.
           */
          explained = g_strdup_printf ("%s %s",
                                       _("The passphrase stays, because without it and without the "
                                         "key in the keyring only the recovery code would open the "
                                         "database."),
                                       message);
          show_error (self, NULL, explained);
        }
      else if (g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET) ||
               g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE) ||
               g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_NO_PASSPHRASE))
        {
          show_error (self, GTK_WIDGET (self->secret_row), message);
        }
      else if (g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WEAK_PASSPHRASE))
        {
          show_error (self, GTK_WIDGET (self->new_row), message);
        }
      else
        {
          show_error (self, NULL, message);
        }

      if (self->locked)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* The change is made; the audit row only records it.  A database that
   * was locked meanwhile has nothing to write into.
   */
  database = lanka_application_get_database (self->application);
  if (database != NULL && lanka_database_is_open (database))
    {
      g_autoptr(GError) audit_error = NULL;

      if (!lanka_audit_log (database, LANKA_AUDIT_PASSPHRASE, NULL, audit_detail (self->mode),
                            &audit_error))
        g_warning ("Could not write the passphrase change to the audit log: %s", audit_error->message);
    }

  clear_fields (self);
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lanka_passphrase_dialog_save (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LankaPassphraseDialog *self = (LankaPassphraseDialog *)widget;
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->new_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  g_autoptr(LankaSecret) code = NULL;
  LankaVault *vault;

  g_assert (LANKA_IS_PASSPHRASE_DIALOG (self));

  if (self->busy)
    return;

  if (self->mode != LANKA_PASSPHRASE_DIALOG_REMOVE)
    {
      if (g_utf8_strlen (passphrase, -1) < LANKA_PASSPHRASE_MIN_LENGTH)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (ngettext ("The passphrase must be at least %d character long.",
                                               "The passphrase must be at least %d characters long.",
                                               LANKA_PASSPHRASE_MIN_LENGTH),
                                     LANKA_PASSPHRASE_MIN_LENGTH);
          show_error (self, GTK_WIDGET (self->new_row), message);
          return;
        }

      if (g_strcmp0 (passphrase, repeat) != 0)
        {
          show_error (self, GTK_WIDGET (self->repeat_row), _("The two passphrases are not the same."));
          return;
        }
    }

  if (self->method == LANKA_VAULT_METHOD_PASSPHRASE && secret[0] == '\0')
    {
      show_error (self, GTK_WIDGET (self->secret_row), _("Type your current passphrase."));
      return;
    }

  if (self->method == LANKA_VAULT_METHOD_RECOVERY_CODE)
    {
      g_autoptr(GError) error = NULL;

      if (secret[0] == '\0')
        {
          show_error (self, GTK_WIDGET (self->secret_row), _("Type your recovery code."));
          return;
        }

      code = lanka_recovery_code_normalize (secret, &error);
      if (code == NULL)
        {
          g_autofree char *message = lanka_unlock_describe_error (error);

          show_error (self, GTK_WIDGET (self->secret_row), message);
          return;
        }
    }

  show_error (self, NULL, NULL);
  set_busy (self, TRUE);

  /* The keyring needs no secret; a recovery code goes in its normal form. */
  if (self->method == LANKA_VAULT_METHOD_KEYRING)
    secret = NULL;
  else if (code != NULL)
    secret = code;

  vault = lanka_application_get_vault (self->application);
  lanka_vault_set_passphrase_async (vault,
                                    self->method,
                                    secret,
                                    self->mode == LANKA_PASSPHRASE_DIALOG_REMOVE ? NULL : passphrase,
                                    self->cancellable,
                                    set_passphrase_cb,
                                    g_object_ref (self));
}

static void
lanka_passphrase_dialog_switch_method (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  LankaPassphraseDialog *self = (LankaPassphraseDialog *)widget;

  g_assert (LANKA_IS_PASSPHRASE_DIALOG (self));

  self->method = self->method == LANKA_VAULT_METHOD_RECOVERY_CODE
                 ? LANKA_VAULT_METHOD_PASSPHRASE
                 : LANKA_VAULT_METHOD_RECOVERY_CODE;

  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  show_error (self, NULL, NULL);
  update_method (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
}

static void
on_row_changed_cb (LankaPassphraseDialog *self,
                   GtkEditable           *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_secret_activated_cb (LankaPassphraseDialog *self,
                        AdwEntryRow           *row)
{
  if (gtk_widget_get_visible (self->new_box))
    gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "passphrase.save", NULL);
}

static void
on_new_activated_cb (LankaPassphraseDialog *self,
                     AdwEntryRow           *row)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
}

static void
on_repeat_activated_cb (LankaPassphraseDialog *self,
                        AdwEntryRow           *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "passphrase.save", NULL);
}

static gboolean
on_close_request_cb (LankaPassphraseDialog *self,
                     GtkWindow             *window)
{
  /* The vault is rewriting its key file: let it finish and say how it went. */
  if (self->busy)
    return TRUE;

  clear_fields (self);
  return FALSE;
}

static gboolean
on_event_cb (LankaPassphraseDialog    *self,
             GdkEvent                 *event,
             GtkEventControllerLegacy *controller)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* Typing here is using Länka: the idle lock must not strike mid-word. */
  if (type == GDK_KEY_PRESS || type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    lanka_application_note_activity (self->application);

  return GDK_EVENT_PROPAGATE;
}

static void
on_database_changed_cb (LankaPassphraseDialog *self,
                        GParamSpec            *pspec,
                        LankaApplication      *application)
{
  if (lanka_application_get_database (application) != NULL)
    return;

  /* Locking empties everything that could help someone else in: the typed
   * passphrases go with the dialog.  A change already under way finishes
   * first, and the dialog closes right after it.
   */
  self->locked = TRUE;
  if (!self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * lanka_passphrase_dialog_new:
 * @application: the application, whose vault and database are used
 * @parent: (nullable): the window the dialog belongs to
 * @mode: whether to set a first passphrase, change it or remove it
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
LankaPassphraseDialog *
lanka_passphrase_dialog_new (LankaApplication          *application,
                             GtkWindow                 *parent,
                             LankaPassphraseDialogMode  mode)
{
  LankaPassphraseDialog *self;
  g_autofree char *hint = NULL;

  g_return_val_if_fail (LANKA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (LANKA_TYPE_PASSPHRASE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->application = g_object_ref (application);
  self->mode = mode;

  g_signal_connect_object (application,
                           "notify::database",
                           G_CALLBACK (on_database_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  hint = g_strdup_printf (ngettext ("At least %d character. A few ordinary words make a passphrase "
                                    "that is long enough and easy to remember.",
                                    "At least %d characters. A few ordinary words make a passphrase "
                                    "that is long enough and easy to remember.",
                                    LANKA_PASSPHRASE_MIN_LENGTH),
                          LANKA_PASSPHRASE_MIN_LENGTH);
  gtk_label_set_label (self->hint_label, hint);

  switch (mode)
    {
    case LANKA_PASSPHRASE_DIALOG_SET:
      /* The keyring already opens the database without a question, so it
       * is proof enough to add another way in.
       */
      self->method = LANKA_VAULT_METHOD_KEYRING;
      gtk_window_set_title (GTK_WINDOW (self), _("Set a Passphrase"));
      gtk_label_set_label (self->intro_label,
                           _("A passphrase opens the database when the keyring cannot, for example "
                             "after the keyring was reset or on a computer without one. Länka does "
                             "not ask for it every day."));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
      break;

    case LANKA_PASSPHRASE_DIALOG_CHANGE:
      self->method = LANKA_VAULT_METHOD_PASSPHRASE;
      gtk_window_set_title (GTK_WINDOW (self), _("Change the Passphrase"));
      gtk_label_set_label (self->intro_label,
                           _("Type the current passphrase, then the new one twice. The recovery "
                             "code stays the same."));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
      break;

    case LANKA_PASSPHRASE_DIALOG_REMOVE:
      self->method = LANKA_VAULT_METHOD_PASSPHRASE;
      gtk_window_set_title (GTK_WINDOW (self), _("Remove the Passphrase"));
      gtk_label_set_label (self->intro_label,
                           _("Without a passphrase, only the key in your keyring and the recovery "
                             "code open the database. Type the current passphrase to remove it."));
      gtk_button_set_label (self->save_button, _("_Remove"));
      gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "destructive-action");
      gtk_widget_set_visible (self->new_box, FALSE);
      break;

    default:
      g_return_val_if_reached (self);
    }

  update_method (self);

  gtk_widget_grab_focus (self->method == LANKA_VAULT_METHOD_KEYRING
                         ? GTK_WIDGET (self->new_row)
                         : GTK_WIDGET (self->secret_row));

  return self;
}

/**
 * lanka_passphrase_dialog_get_mode:
 * @self: a #LankaPassphraseDialog
 *
 * Returns: what the dialog does
 */
LankaPassphraseDialogMode
lanka_passphrase_dialog_get_mode (LankaPassphraseDialog *self)
{
  g_return_val_if_fail (LANKA_IS_PASSPHRASE_DIALOG (self), LANKA_PASSPHRASE_DIALOG_SET);

  return self->mode;
}

static void
lanka_passphrase_dialog_dispose (GObject *object)
{
  LankaPassphraseDialog *self = (LankaPassphraseDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->application);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_PASSPHRASE_DIALOG);

  G_OBJECT_CLASS (lanka_passphrase_dialog_parent_class)->dispose (object);
}

static void
lanka_passphrase_dialog_class_init (LankaPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_passphrase_dialog_dispose;

  /**
   * LankaPassphraseDialog::saved:
   * @self: a #LankaPassphraseDialog
   *
   * Emitted when the passphrase was set, changed or removed, just before
   * the dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/unlock/lanka-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, new_box);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, proof_box);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaPassphraseDialog, switch_method_button);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_activated_cb);

  gtk_widget_class_install_action (widget_class, "passphrase.save", NULL,
                                   lanka_passphrase_dialog_save);
  gtk_widget_class_install_action (widget_class, "passphrase.switch-method", NULL,
                                   lanka_passphrase_dialog_switch_method);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_passphrase_dialog_init (LankaPassphraseDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}
