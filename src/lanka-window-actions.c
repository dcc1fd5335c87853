/* lanka-window-actions.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-unlock-error.h"
#include "lanka-window-private.h"

static LankaApplication *
get_application (LankaWindow *self)
{
  return LANKA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
lanka_window_actions_show_part (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;
  const char *part;

  g_assert (LANKA_IS_WINDOW (self));
  g_assert (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING));

  part = g_variant_get_string (param, NULL);
  if (adw_view_stack_get_child_by_name (self->stack, part) != NULL)
    lanka_window_set_visible_part (self, part);
}

static void
lanka_window_actions_create_database (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;

  g_assert (LANKA_IS_WINDOW (self));

  lanka_create_page_reset (self->create_page);
  gtk_stack_set_visible_child_name (self->main_stack, "create");
}

static void
lanka_window_actions_restore_backup (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;

  g_assert (LANKA_IS_WINDOW (self));

  lanka_restore_page_reset (self->restore_page);
  gtk_stack_set_visible_child_name (self->main_stack, "restore");
}

static void
lanka_window_actions_go_back (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;
  LankaVault *vault;

  g_assert (LANKA_IS_WINDOW (self));

  vault = lanka_application_get_vault (get_application (self));
  gtk_stack_set_visible_child_name (self->main_stack,
                                    lanka_vault_get_state (vault) == LANKA_VAULT_STATE_EMPTY
                                    ? "welcome" : "unlock");
  _lanka_window_update_page (self);
}

static void
sample_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LankaVault *vault = LANKA_VAULT (object);
  g_autoptr(LankaWindow) self = user_data;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) recovery_code = NULL;
  g_autoptr(GError) error = NULL;
  LankaApplication *app;

  if (g_task_get_source_tag (G_TASK (result)) == lanka_vault_create_async)
    database = lanka_vault_create_finish (vault, result, &recovery_code, &error);
  else
    database = lanka_vault_unlock_finish (vault, result, &error);

  app = get_application (self);
  if (app == NULL || vault != lanka_application_get_vault (app))
    return;

  lanka_unlock_page_set_busy (self->unlock_page, FALSE);

  if (database == NULL)
    {
      g_autofree char *message = lanka_unlock_describe_error (error);

      lanka_application_set_sample (app, FALSE);
      lanka_window_add_toast (self, adw_toast_new (message));
      return;
    }

  lanka_application_set_database (app, database);
}

static void
lanka_window_actions_explore_sample (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;
  LankaApplication *app = get_application (self);
  LankaVault *vault;

  g_assert (LANKA_IS_WINDOW (self));

  /* An unlock of the real database may be under way since start-up. */
  lanka_unlock_page_cancel (self->unlock_page);
  lanka_application_set_sample (app, TRUE);
  vault = lanka_application_get_vault (app);

  /* The sample database is made on first use and opened with its fixed
   * passphrase; it never involves the keyring or a recovery code the person
   * would have to keep.
   */
  lanka_unlock_page_set_busy (self->unlock_page, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "unlock");

  if (lanka_vault_get_state (vault) == LANKA_VAULT_STATE_EMPTY)
    lanka_vault_create_async (vault,
                              lanka_application_get_sample_passphrase (),
                              self->cancellable,
                              sample_ready_cb,
                              g_object_ref (self));
  else
    lanka_vault_unlock_async (vault,
                              LANKA_VAULT_METHOD_PASSPHRASE,
                              lanka_application_get_sample_passphrase (),
                              FALSE,
                              self->cancellable,
                              sample_ready_cb,
                              g_object_ref (self));
}

static void
lanka_window_actions_leave_sample (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;

  g_assert (LANKA_IS_WINDOW (self));

  lanka_application_set_sample (get_application (self), FALSE);
}

/* Ctrl+O and F5 work wherever the focus is while the Training part is
 * shown: the part's own actions do the work.
 */
static void
lanka_window_actions_import_material (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;

  g_assert (LANKA_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self->training_view), "training.import", NULL);
}

static void
lanka_window_actions_present (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LankaWindow *self = (LankaWindow *)widget;

  g_assert (LANKA_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self->training_view), "training.present", NULL);
}

void
_lanka_window_class_actions_init (LankaWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.show-part", "s",
                                   lanka_window_actions_show_part);
  gtk_widget_class_install_action (widget_class, "win.create-database", NULL,
                                   lanka_window_actions_create_database);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   lanka_window_actions_restore_backup);
  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL,
                                   lanka_window_actions_explore_sample);
  gtk_widget_class_install_action (widget_class, "win.leave-sample", NULL,
                                   lanka_window_actions_leave_sample);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL,
                                   lanka_window_actions_go_back);
  gtk_widget_class_install_action (widget_class, "win.import-material", NULL,
                                   lanka_window_actions_import_material);
  gtk_widget_class_install_action (widget_class, "win.present", NULL,
                                   lanka_window_actions_present);

  /* Every shortcut here is listed in gtk/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-part", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-part", "s", "directory");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-part", "s", "training");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import-material", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "win.present", NULL);
}

void
_lanka_window_actions_init (LankaWindow *self)
{
  g_assert (LANKA_IS_WINDOW (self));

  _lanka_window_actions_update (self);
}

void
_lanka_window_actions_update (LankaWindow *self)
{
  const char *page;
  gboolean workspace;
  gboolean first_run_page;
  gboolean training;

  g_assert (LANKA_IS_WINDOW (self));

  page = gtk_stack_get_visible_child_name (self->main_stack);
  workspace = g_strcmp0 (page, "workspace") == 0;
  first_run_page = g_strcmp0 (page, "create") == 0 || g_strcmp0 (page, "restore") == 0;
  training = workspace && g_strcmp0 (lanka_window_get_visible_part (self), "training") == 0;

  /* The parts hold data only while the database is open. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-part", workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", first_run_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-sample", workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-material", training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", training);
}
