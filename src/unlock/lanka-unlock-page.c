/* lanka-unlock-page.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-unlock-error.h"
#include "lanka-unlock-page.h"

/* Shown whenever a database exists but is not open: at start-up while the
 * keyring is asked, after a lock, and when something is wrong.  Each
 * failure has its own sentence; nothing here creates, deletes or changes
 * the database file.
 */
struct _LankaUnlockPage
{
  AdwBin               parent_instance;

  GCancellable        *cancellable;
  char                *message;
  LankaVaultMethod     method;

  /* Template widgets */
  AdwStatusPage       *status;
  GtkButton           *unlock_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  AdwPreferencesGroup *passphrase_group;
  AdwPasswordEntryRow *passphrase_row;
  AdwPreferencesGroup *recovery_group;
  AdwEntryRow         *recovery_row;
  GtkSwitch           *store_switch;
  GtkButton           *restore_button;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (LankaUnlockPage, lanka_unlock_page, ADW_TYPE_BIN)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (LankaUnlockPage *self,
             const char      *message)
{
  g_assert (LANKA_IS_UNLOCK_PAGE (self));

  g_free (self->message);
  self->message = g_strdup (message);

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * lanka_unlock_page_get_message:
 * @self: a #LankaUnlockPage
 *
 * Returns: (nullable): the sentence that explains the last failure
 */
const char *
lanka_unlock_page_get_message (LankaUnlockPage *self)
{
  g_return_val_if_fail (LANKA_IS_UNLOCK_PAGE (self), NULL);

  return self->message;
}

/**
 * lanka_unlock_page_set_busy:
 * @self: a #LankaUnlockPage
 * @busy: whether an unlock is under way
 */
void
lanka_unlock_page_set_busy (LankaUnlockPage *self,
                            gboolean         busy)
{
  g_return_if_fail (LANKA_IS_UNLOCK_PAGE (self));

  self->busy = !!busy;

  /* A focused entry must not turn insensitive: GTK would lose track of
   * its focus.  Let go of the focus first.
   */
  if (busy && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recovery_group), !busy);

  if (busy)
    adw_status_page_set_description (self->status, _("Unlocking…"));
  else
    lanka_unlock_page_update (self);
}

/**
 * lanka_unlock_page_update:
 * @self: a #LankaUnlockPage
 *
 * Shows what the vault's state allows: a missing database or key file is
 * explained at once, without trying anything.
 */
void
lanka_unlock_page_update (LankaUnlockPage *self)
{
  g_autoptr(GError) error = NULL;
  LankaApplication *app = LANKA_APPLICATION_DEFAULT;
  LankaVault *vault;
  gboolean ready;
  gboolean sample;

  g_return_if_fail (LANKA_IS_UNLOCK_PAGE (self));

  if (app == NULL || self->busy)
    return;

  vault = lanka_application_get_vault (app);

  switch (lanka_vault_get_state (vault))
    {
    case LANKA_VAULT_STATE_DATABASE_MISSING:
      error = g_error_new_literal (LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_DATABASE_MISSING, "");
      break;

    case LANKA_VAULT_STATE_KEYS_MISSING:
      error = g_error_new_literal (LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_KEYS_MISSING, "");
      break;

    case LANKA_VAULT_STATE_EMPTY:
    case LANKA_VAULT_STATE_READY:
    default:
      break;
    }

  ready = error == NULL;
  sample = lanka_application_get_is_sample (app);

  if (error != NULL)
    {
      g_autofree char *message = lanka_unlock_describe_error (error);

      set_message (self, message);
    }

  if (!ready)
    adw_status_page_set_description (self->status, NULL);
  else if (sample)
    adw_status_page_set_description (self->status,
                                     _("The sample data are closed. They are fictional and open "
                                       "without a key."));
  else
    adw_status_page_set_description (self->status,
                                     _("The database is closed. Unlock it through your keyring, "
                                       "or with your passphrase or recovery code."));

  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), ready);
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_group),
                          ready && !sample && lanka_vault_has_passphrase (vault));
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_group), ready && !sample);
  /* A backup is restored into the real database, never into the sample. */
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), !sample);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LankaUnlockPage) self = user_data;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_unlock_finish (LANKA_VAULT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  lanka_unlock_page_set_busy (self, FALSE);

  if (database == NULL)
    {
      g_autofree char *message = lanka_unlock_describe_error (error);
      GtkWidget *field = NULL;

      if (g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET) ||
          g_error_matches (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE))
        field = self->method == LANKA_VAULT_METHOD_PASSPHRASE
                ? GTK_WIDGET (self->passphrase_row)
                : GTK_WIDGET (self->recovery_row);

      set_message (self, message);
      if (field != NULL)
        {
          gtk_widget_add_css_class (field, "error");
          gtk_widget_grab_focus (field);
        }
      return;
    }

  set_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");

  g_signal_emit (self, signals[UNLOCKED], 0, database);
}

/**
 * lanka_unlock_page_cancel:
 * @self: a #LankaUnlockPage
 *
 * Abandons an unlock under way; a database it opens is closed again.
 */
void
lanka_unlock_page_cancel (LankaUnlockPage *self)
{
  g_return_if_fail (LANKA_IS_UNLOCK_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  lanka_unlock_page_set_busy (self, FALSE);
}

/**
 * lanka_unlock_page_unlock:
 * @self: a #LankaUnlockPage
 * @method: how to get the key
 * @secret: (nullable): the passphrase or recovery code
 *
 * Unlocks in a worker thread and emits #LankaUnlockPage::unlocked, or
 * explains what went wrong.
 */
void
lanka_unlock_page_unlock (LankaUnlockPage  *self,
                          LankaVaultMethod  method,
                          const char       *secret)
{
  LankaVault *vault;
  gboolean store_in_keyring = FALSE;

  g_return_if_fail (LANKA_IS_UNLOCK_PAGE (self));

  vault = lanka_application_get_vault (LANKA_APPLICATION_DEFAULT);

  /* After a recovery-code unlock the keyring lost its item, or the person
   * moved to another computer: put the key back unless they said no.
   */
  if (method == LANKA_VAULT_METHOD_RECOVERY_CODE)
    store_in_keyring = gtk_switch_get_active (self->store_switch);

  self->method = method;
  set_message (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->recovery_row), "error");
  lanka_unlock_page_cancel (self);
  lanka_unlock_page_set_busy (self, TRUE);

  lanka_vault_unlock_async (vault, method, secret, store_in_keyring,
                            self->cancellable, unlock_cb, g_object_ref (self));
}

static void
lanka_unlock_page_unlock_keyring (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  /* The sample data open the way the window opens them, with no key. */
  if (lanka_application_get_is_sample (LANKA_APPLICATION_DEFAULT))
    gtk_widget_activate_action (widget, "win.explore-sample", NULL);
  else
    lanka_unlock_page_unlock (LANKA_UNLOCK_PAGE (widget), LANKA_VAULT_METHOD_KEYRING, NULL);
}

static void
on_passphrase_activated_cb (LankaUnlockPage *self,
                            AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (text[0] != '\0')
    lanka_unlock_page_unlock (self, LANKA_VAULT_METHOD_PASSPHRASE, text);
}

static void
on_recovery_activated_cb (LankaUnlockPage *self,
                          AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (text[0] != '\0')
    lanka_unlock_page_unlock (self, LANKA_VAULT_METHOD_RECOVERY_CODE, text);
}

static void
on_field_changed_cb (LankaUnlockPage *self,
                     GtkEditable     *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
lanka_unlock_page_dispose (GObject *object)
{
  LankaUnlockPage *self = (LankaUnlockPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_UNLOCK_PAGE);

  G_OBJECT_CLASS (lanka_unlock_page_parent_class)->dispose (object);
}

static void
lanka_unlock_page_finalize (GObject *object)
{
  LankaUnlockPage *self = (LankaUnlockPage *)object;

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (lanka_unlock_page_parent_class)->finalize (object);
}

static void
lanka_unlock_page_class_init (LankaUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_unlock_page_dispose;
  object_class->finalize = lanka_unlock_page_finalize;

  /**
   * LankaUnlockPage::unlocked:
   * @self: a #LankaUnlockPage
   * @database: the open database
   *
   * Emitted when the database was unlocked.
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_DATABASE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/unlock/lanka-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, recovery_group);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, status);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, store_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaUnlockPage, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_activated_cb);

  gtk_widget_class_install_action (widget_class, "unlock.keyring", NULL,
                                   lanka_unlock_page_unlock_keyring);
}

static void
lanka_unlock_page_init (LankaUnlockPage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
