/* lanka-create-page.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-create-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-create-page.h"
#include "lanka-keyring.h"
#include "lanka-recovery-code-view.h"
#include "lanka-unlock-error.h"

/* Creating a database, in three steps: an optional passphrase, the recovery
 * code shown once (with Copy and Print), and typing the code back, so that
 * nobody reaches their data without a way back in.
 */
struct _LankaCreatePage
{
  AdwBin                 parent_instance;

  GCancellable          *cancellable;
  LankaDatabase         *database;
  LankaSecret           *recovery_code;

  /* Template widgets */
  GtkStack              *steps;
  AdwPreferencesGroup   *passphrase_group;
  AdwPasswordEntryRow   *passphrase_row;
  AdwPasswordEntryRow   *repeat_row;
  GtkLabel              *passphrase_error;
  GtkButton             *create_button;
  GtkSpinner            *create_spinner;
  LankaRecoveryCodeView *code_view;
  AdwEntryRow           *confirm_row;
  GtkLabel              *confirm_error;
  GtkButton             *confirm_button;
};

G_DEFINE_FINAL_TYPE (LankaCreatePage, lanka_create_page, ADW_TYPE_BIN)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (GtkLabel   *label,
            GtkWidget  *field,
            const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);

  if (field == NULL)
    return;

  if (message != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}

/**
 * lanka_create_page_get_step:
 * @self: a #LankaCreatePage
 *
 * Returns: "passphrase", "code" or "confirm"
 */
const char *
lanka_create_page_get_step (LankaCreatePage *self)
{
  g_return_val_if_fail (LANKA_IS_CREATE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->steps);
}

/**
 * lanka_create_page_reset:
 * @self: a #LankaCreatePage
 *
 * Starts again at the first step with empty fields.
 */
void
lanka_create_page_reset (LankaCreatePage *self)
{
  g_return_if_fail (LANKA_IS_CREATE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->recovery_code, lanka_secret_free);
  if (self->database != NULL)
    lanka_database_close (self->database);
  g_clear_object (&self->database);

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  lanka_recovery_code_view_set_code (self->code_view, NULL);
  show_error (self->passphrase_error, GTK_WIDGET (self->repeat_row), NULL);
  show_error (self->confirm_error, GTK_WIDGET (self->confirm_row), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), TRUE);
  gtk_spinner_stop (self->create_spinner);
  gtk_stack_set_visible_child_name (self->steps, "passphrase");
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LankaCreatePage) self = user_data;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) recovery_code = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_create_finish (LANKA_VAULT (object), result, &recovery_code, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->create_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), TRUE);

  if (database == NULL)
    {
      g_autofree char *message = lanka_unlock_describe_error (error);

      /* Without a keyring the passphrase is the daily way in. */
      if (error->domain == LANKA_KEYRING_ERROR)
        {
          g_free (message);
          message = g_strdup (_("No keyring can hold the key on this computer. Choose a passphrase: "
                                "you will type it each time you unlock Länka."));
        }

      show_error (self->passphrase_error, GTK_WIDGET (self->passphrase_row), message);
      return;
    }

  self->database = g_steal_pointer (&database);
  self->recovery_code = g_steal_pointer (&recovery_code);
  lanka_recovery_code_view_set_code (self->code_view, self->recovery_code);
  gtk_stack_set_visible_child_name (self->steps, "code");
}

static void
lanka_create_page_create (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LankaCreatePage *self = (LankaCreatePage *)widget;
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  LankaVault *vault;

  g_assert (LANKA_IS_CREATE_PAGE (self));

  if (g_strcmp0 (passphrase, repeat) != 0)
    {
      show_error (self->passphrase_error, GTK_WIDGET (self->repeat_row),
                  _("The two passphrases are not the same."));
      return;
    }

  if (passphrase[0] != '\0' && g_utf8_strlen (passphrase, -1) < LANKA_PASSPHRASE_MIN_LENGTH)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("The passphrase must be at least %d character long.",
                                           "The passphrase must be at least %d characters long.",
                                           LANKA_PASSPHRASE_MIN_LENGTH),
                                 LANKA_PASSPHRASE_MIN_LENGTH);
      show_error (self->passphrase_error, GTK_WIDGET (self->passphrase_row), message);
      return;
    }

  show_error (self->passphrase_error, GTK_WIDGET (self->passphrase_row), NULL);
  show_error (self->passphrase_error, GTK_WIDGET (self->repeat_row), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), FALSE);
  gtk_spinner_start (self->create_spinner);

  vault = lanka_application_get_vault (LANKA_APPLICATION_DEFAULT);
  lanka_vault_create_async (vault,
                            passphrase[0] != '\0' ? passphrase : NULL,
                            self->cancellable,
                            create_cb,
                            g_object_ref (self));
}

static void
lanka_create_page_show_confirm (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaCreatePage *self = (LankaCreatePage *)widget;

  gtk_stack_set_visible_child_name (self->steps, "confirm");
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

static void
lanka_create_page_show_code (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  LankaCreatePage *self = (LankaCreatePage *)widget;

  gtk_stack_set_visible_child_name (self->steps, "code");
}

static void
lanka_create_page_confirm (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaCreatePage *self = (LankaCreatePage *)widget;
  g_autoptr(LankaSecret) typed = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (LANKA_IS_CREATE_PAGE (self));

  if (self->database == NULL)
    return;

  typed = lanka_recovery_code_normalize (gtk_editable_get_text (GTK_EDITABLE (self->confirm_row)), &error);
  if (typed == NULL)
    {
      g_autofree char *message = lanka_unlock_describe_error (error);

      show_error (self->confirm_error, GTK_WIDGET (self->confirm_row), message);
      return;
    }

  if (g_strcmp0 (typed, self->recovery_code) != 0)
    {
      show_error (self->confirm_error, GTK_WIDGET (self->confirm_row),
                  _("This is not the recovery code shown on the previous page. Go back and "
                    "compare them."));
      return;
    }

  show_error (self->confirm_error, GTK_WIDGET (self->confirm_row), NULL);

  database = g_steal_pointer (&self->database);
  g_clear_pointer (&self->recovery_code, lanka_secret_free);
  lanka_recovery_code_view_set_code (self->code_view, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");

  g_signal_emit (self, signals[CREATED], 0, database);
}

static void
on_confirm_changed_cb (LankaCreatePage *self,
                       GtkEditable     *editable)
{
  show_error (self->confirm_error, GTK_WIDGET (self->confirm_row), NULL);
}

static void
on_repeat_activated_cb (LankaCreatePage *self,
                        AdwEntryRow     *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "create.create", NULL);
}

static void
on_confirm_activated_cb (LankaCreatePage *self,
                         AdwEntryRow     *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "create.confirm", NULL);
}

static void
lanka_create_page_dispose (GObject *object)
{
  LankaCreatePage *self = (LankaCreatePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->recovery_code, lanka_secret_free);
  if (self->database != NULL)
    lanka_database_close (self->database);
  g_clear_object (&self->database);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CREATE_PAGE);

  G_OBJECT_CLASS (lanka_create_page_parent_class)->dispose (object);
}

static void
lanka_create_page_class_init (LankaCreatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_create_page_dispose;

  /**
   * LankaCreatePage::created:
   * @self: a #LankaCreatePage
   * @database: the new database, open
   *
   * Emitted when the database exists and the person confirmed the
   * recovery code.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_DATABASE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/unlock/lanka-create-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, code_view);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, confirm_error);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, passphrase_error);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, LankaCreatePage, steps);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_activated_cb);

  gtk_widget_class_install_action (widget_class, "create.create", NULL, lanka_create_page_create);
  gtk_widget_class_install_action (widget_class, "create.show-code", NULL, lanka_create_page_show_code);
  gtk_widget_class_install_action (widget_class, "create.show-confirm", NULL, lanka_create_page_show_confirm);
  gtk_widget_class_install_action (widget_class, "create.confirm", NULL, lanka_create_page_confirm);
}

static void
lanka_create_page_init (LankaCreatePage *self)
{
  g_autofree char *description = NULL;

  g_type_ensure (LANKA_TYPE_RECOVERY_CODE_VIEW);

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  description = g_strdup_printf (ngettext ("At least %d character. Leave both empty to rely on the "
                                           "keyring and the recovery code.",
                                           "At least %d characters. Leave both empty to rely on the "
                                           "keyring and the recovery code.",
                                           LANKA_PASSPHRASE_MIN_LENGTH),
                                 LANKA_PASSPHRASE_MIN_LENGTH);
  adw_preferences_group_set_description (self->passphrase_group, description);
}
