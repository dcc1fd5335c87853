/* lanka-window.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-tasks.h"
#include "lanka-window-private.h"

G_DEFINE_FINAL_TYPE (LankaWindow, lanka_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VISIBLE_PART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_midnight (LankaWindow *self);

LankaWindow *
lanka_window_new (LankaApplication *application)
{
  g_return_val_if_fail (LANKA_IS_APPLICATION (application), NULL);

  return g_object_new (LANKA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * lanka_window_get_visible_part:
 * @self: a #LankaWindow
 *
 * Returns: the name of the visible part: "cases", "directory" or "training"
 */
const char *
lanka_window_get_visible_part (LankaWindow *self)
{
  const char *name;

  g_return_val_if_fail (LANKA_IS_WINDOW (self), NULL);

  name = adw_view_stack_get_visible_child_name (self->stack);

  return name != NULL ? name : "cases";
}

/**
 * lanka_window_set_visible_part:
 * @self: a #LankaWindow
 * @part: "cases", "directory" or "training"
 *
 * Shows one of the three parts of the window.
 */
void
lanka_window_set_visible_part (LankaWindow *self,
                               const char  *part)
{
  g_return_if_fail (LANKA_IS_WINDOW (self));
  g_return_if_fail (part != NULL);
  g_return_if_fail (adw_view_stack_get_child_by_name (self->stack, part) != NULL);

  adw_view_stack_set_visible_child_name (self->stack, part);
}

/**
 * lanka_window_add_toast:
 * @self: a #LankaWindow
 * @toast: (transfer full): a toast
 *
 * Shows @toast above the window's content.
 */
void
lanka_window_add_toast (LankaWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (LANKA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * lanka_window_get_visible_page:
 * @self: a #LankaWindow
 *
 * Returns: what the window shows: "welcome", "create", "unlock", "restore"
 *   or "workspace" (the three parts)
 */
const char *
lanka_window_get_visible_page (LankaWindow *self)
{
  g_return_val_if_fail (LANKA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

static void
on_stack_visible_child_name_cb (LankaWindow  *self,
                                GParamSpec   *pspec,
                                AdwViewStack *stack)
{
  /* Import and Present belong to the Training part. */
  if (self->main_stack != NULL)
    _lanka_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PART]);
}

static void
on_main_stack_visible_child_name_cb (LankaWindow *self,
                                     GParamSpec  *pspec,
                                     GtkStack    *main_stack)
{
  const char *page = gtk_stack_get_visible_child_name (main_stack);
  gboolean workspace = g_strcmp0 (page, "workspace") == 0;

  g_assert (LANKA_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->title_stack, workspace ? "switcher" : "title");
  gtk_widget_set_visible (GTK_WIDGET (self->lock_button), workspace);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          g_strcmp0 (page, "create") == 0 || g_strcmp0 (page, "restore") == 0);
  _lanka_window_actions_update (self);

  /* Keyboard users start on the page's first control, not nowhere. */
  if (!workspace && gtk_stack_get_visible_child (main_stack) != NULL)
    gtk_widget_child_focus (gtk_stack_get_visible_child (main_stack), GTK_DIR_TAB_FORWARD);
}

/**
 * _lanka_window_update_due_badge:
 * @self: a #LankaWindow
 *
 * The Cases part's badge in the view switcher is the number of tasks
 * overdue or due today; none shows no badge.
 */
void
_lanka_window_update_due_badge (LankaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  LankaDatabase *database = NULL;
  AdwViewStackPage *page;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert (LANKA_IS_WINDOW (self));

  if (LANKA_IS_APPLICATION (app))
    database = lanka_application_get_database (LANKA_APPLICATION (app));
  if (database != NULL)
    count = lanka_tasks_count_due (database, NULL, &error);
  if (error != NULL)
    g_debug ("The tasks due could not be counted: %s", error->message);

  page = adw_view_stack_get_page (self->stack, GTK_WIDGET (self->cases_view));
  adw_view_stack_page_set_badge_number (page, count);
}

/**
 * _lanka_window_show_due:
 * @self: a #LankaWindow
 *
 * Shows the Cases part with the tasks due, as the notification about
 * them asks.  While Länka is locked there is nothing to show.
 */
void
_lanka_window_show_due (LankaWindow *self)
{
  g_assert (LANKA_IS_WINDOW (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workspace") != 0)
    return;

  lanka_window_set_visible_part (self, "cases");
  gtk_widget_activate_action (GTK_WIDGET (self->cases_view), "cases.show-due", NULL);
}

static void
on_cases_view_tasks_changed_cb (LankaWindow    *self,
                                LankaCasesView *cases_view)
{
  g_autofree char *announced = NULL;

  _lanka_window_update_due_badge (self);

  /* A task added or moved to today is announced, and the notification
   * goes when the last of today's is done.
   */
  if (self->due_notifier != NULL)
    announced = lanka_due_notifier_check (self->due_notifier, NULL);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  LankaWindow *self = user_data;

  self->midnight_source = 0;

  /* Today's tasks become overdue and this week's today's. */
  gtk_widget_activate_action (GTK_WIDGET (self->cases_view), "cases.tasks-changed", NULL);
  _lanka_window_update_due_badge (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_midnight (LankaWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_clear_handle_id (&self->midnight_source, g_source_remove);

  if (!LANKA_IS_APPLICATION (app) || lanka_application_get_database (LANKA_APPLICATION (app)) == NULL)
    return;

  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  midnight = g_date_time_add_days (today, 1);
  self->midnight_source =
    g_timeout_add_seconds (MAX (1, g_date_time_difference (midnight, now) / G_TIME_SPAN_SECOND) + 1,
                           on_midnight_cb, self);
}

/**
 * _lanka_window_update_page:
 * @self: a #LankaWindow
 *
 * Shows what fits the application's state: the three parts while a
 * database is open, otherwise the first-run welcome or the unlock page.
 * Whatever held data is emptied when the database closes.
 */
void
_lanka_window_update_page (LankaWindow *self)
{
  LankaApplication *app;
  LankaVault *vault;

  g_assert (LANKA_IS_WINDOW (self));

  app = LANKA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app == NULL)
    return;

  gtk_revealer_set_reveal_child (self->sample_banner, lanka_application_get_is_sample (app));
  lanka_cases_view_set_database (self->cases_view, lanka_application_get_database (app));
  lanka_directory_view_set_database (self->directory_view, lanka_application_get_database (app));
  lanka_training_view_set_database (self->training_view, lanka_application_get_database (app));
  if (self->due_notifier != NULL)
    lanka_due_notifier_set_database (self->due_notifier, lanka_application_get_database (app));
  _lanka_window_update_due_badge (self);
  schedule_midnight (self);

  if (lanka_application_get_database (app) != NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "workspace");
      _lanka_window_actions_update (self);
      return;
    }

  vault = lanka_application_get_vault (app);

  /* A first run, or the sample directory before its first use. */
  if (lanka_vault_get_state (vault) == LANKA_VAULT_STATE_EMPTY && !lanka_application_get_is_sample (app))
    {
      const char *page = gtk_stack_get_visible_child_name (self->main_stack);

      if (g_strcmp0 (page, "create") != 0 && g_strcmp0 (page, "restore") != 0)
        gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
  else
    {
      lanka_unlock_page_update (self->unlock_page);
      gtk_stack_set_visible_child_name (self->main_stack, "unlock");

      if (!self->tried_keyring && !lanka_application_get_is_sample (app))
        {
          self->tried_keyring = TRUE;
          if (lanka_vault_get_state (vault) == LANKA_VAULT_STATE_READY)
            lanka_unlock_page_unlock (self->unlock_page, LANKA_VAULT_METHOD_KEYRING, NULL);
        }
    }

  _lanka_window_actions_update (self);
}

static void
on_application_state_cb (LankaWindow      *self,
                         GParamSpec       *pspec,
                         LankaApplication *app)
{
  _lanka_window_update_page (self);
}

/* Whatever the window opened on top of itself (an editor, a search for
 * help, an import preview, a question) may show personal data: it goes
 * when Länka locks.  Editors have kept what was typed as a draft by then,
 * in their own handlers, which run before this one.
 */
static void
on_application_locking_cb (LankaWindow      *self,
                           LankaDatabase    *database,
                           LankaApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      /* The shortcuts window belongs to the window and holds no data. */
      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        continue;

      for (GtkWindow *parent = gtk_window_get_transient_for (toplevel);
           parent != NULL;
           parent = gtk_window_get_transient_for (parent))
        {
          if (parent == GTK_WINDOW (self))
            {
              g_ptr_array_add (dialogs, g_object_ref (toplevel));
              break;
            }
        }
    }

  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_close (g_ptr_array_index (dialogs, i));
}

static void
on_create_page_created_cb (LankaWindow     *self,
                           LankaDatabase   *database,
                           LankaCreatePage *page)
{
  lanka_application_set_database (LANKA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                  database);
}

static void
on_unlock_page_unlocked_cb (LankaWindow     *self,
                            LankaDatabase   *database,
                            LankaUnlockPage *page)
{
  lanka_application_set_database (LANKA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                  database);
}

static void
on_restore_page_restored_cb (LankaWindow      *self,
                             LankaDatabase    *database,
                             LankaRestorePage *page)
{
  lanka_application_set_database (LANKA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                  database);
  lanka_window_add_toast (self, adw_toast_new (_("The backup was restored")));
}

static void
note_activity (LankaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (LANKA_IS_APPLICATION (app))
    lanka_application_note_activity (LANKA_APPLICATION (app));
}

static gboolean
on_key_pressed_cb (LankaWindow     *self,
                   guint            keyval,
                   guint            keycode,
                   GdkModifierType  state,
                   GtkEventControllerKey *controller)
{
  note_activity (self);

  return GDK_EVENT_PROPAGATE;
}

static void
on_pressed_cb (LankaWindow     *self,
               int              n_press,
               double           x,
               double           y,
               GtkGestureClick *gesture)
{
  note_activity (self);
}

static void
lanka_window_save_state (LankaWindow *self)
{
  int width;
  int height;

  g_assert (LANKA_IS_WINDOW (self));

  /* The default size follows the window as long as it is not maximized,
   * so it is the size to come back to.
   */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "visible-part",
                         lanka_window_get_visible_part (self));
  g_settings_apply (self->settings);
}

static void
lanka_window_restore_state (LankaWindow *self)
{
  g_autofree char *part = NULL;

  g_assert (LANKA_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  part = g_settings_get_string (self->settings, "visible-part");
  if (adw_view_stack_get_child_by_name (self->stack, part) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, part);
}

static gboolean
close_when_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_close_dialog_response_cb (LankaWindow      *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  LankaCaseEditor *editor = lanka_cases_view_get_editor (self->cases_view);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save"))
    {
      if (!lanka_case_editor_save (editor, &error))
        {
          lanka_window_add_toast (self, adw_toast_new (error->message));
          return;
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      lanka_case_editor_discard_changes (editor);
    }
  else
    {
      return;
    }

  /* The dialog still has the window as its parent until it has closed
   * itself after this answer: close the window once it has.
   */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_when_idle_cb, g_object_ref (self), g_object_unref);
}

/* Closing with unsaved changes to a case asks, as leaving the case does.
 * The draft would keep them anyway; the question makes the choice the
 * person's.
 */
static gboolean
ask_about_unsaved_case (LankaWindow *self)
{
  LankaCaseEditor *editor = lanka_cases_view_get_editor (self->cases_view);
  AdwMessageDialog *dialog;

  if (self->close_confirmed ||
      lanka_case_editor_get_case (editor) == NULL ||
      !lanka_case_editor_get_modified (editor))
    return FALSE;

  dialog = lanka_case_editor_new_unsaved_dialog (editor, GTK_WINDOW (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static gboolean
lanka_window_close_request (GtkWindow *window)
{
  LankaWindow *self = (LankaWindow *)window;

  g_assert (LANKA_IS_WINDOW (self));

  if (ask_about_unsaved_case (self))
    return TRUE;

  lanka_window_save_state (self);

  return GTK_WINDOW_CLASS (lanka_window_parent_class)->close_request (window);
}

/* GtkWindow:application is not a construct property: the window follows the
 * application's state from the moment it joins one.
 */
static void
on_notify_application_cb (LankaWindow *self,
                          GParamSpec  *pspec,
                          gpointer     user_data)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (!LANKA_IS_APPLICATION (application))
    return;

  if (self->due_notifier == NULL)
    self->due_notifier = lanka_due_notifier_new (G_APPLICATION (application));

  g_signal_connect_object (application,
                           "notify::database",
                           G_CALLBACK (on_application_state_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application,
                           "notify::vault",
                           G_CALLBACK (on_application_state_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application,
                           "locking",
                           G_CALLBACK (on_application_locking_cb),
                           self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  _lanka_window_update_page (self);
}

static void
lanka_window_constructed (GObject *object)
{
  LankaWindow *self = (LankaWindow *)object;

  G_OBJECT_CLASS (lanka_window_parent_class)->constructed (object);

  self->settings = g_settings_new ("io.github.lanka.Lanka");
  lanka_window_restore_state (self);
}

static void
lanka_window_dispose (GObject *object)
{
  LankaWindow *self = (LankaWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  g_clear_object (&self->due_notifier);

  /* The switchers live in other branches of the tree than the stack they
   * follow; let go of it before the tree is torn down.
   */
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_WINDOW);

  G_OBJECT_CLASS (lanka_window_parent_class)->dispose (object);
}

static void
lanka_window_finalize (GObject *object)
{
  LankaWindow *self = (LankaWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lanka_window_parent_class)->finalize (object);
}

static void
lanka_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LankaWindow *self = LANKA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PART:
      g_value_set_string (value, lanka_window_get_visible_part (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LankaWindow *self = LANKA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PART:
      lanka_window_set_visible_part (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_window_class_init (LankaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lanka_window_constructed;
  object_class->dispose = lanka_window_dispose;
  object_class->finalize = lanka_window_finalize;
  object_class->get_property = lanka_window_get_property;
  object_class->set_property = lanka_window_set_property;

  window_class->close_request = lanka_window_close_request;

  /**
   * LankaWindow:visible-part:
   *
   * The name of the part on screen: "cases", "directory" or "training".
   */
  properties[PROP_VISIBLE_PART] =
    g_param_spec_string ("visible-part", NULL, NULL,
                         "cases",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/lanka-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, cases_view);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, directory_view);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, restore_page);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, training_view);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LankaWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_create_page_created_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_main_stack_visible_child_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_page_restored_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_page_unlocked_cb);

  _lanka_window_class_actions_init (klass);
}

static void
lanka_window_init (LankaWindow *self)
{
  GtkEventController *controller;

  g_type_ensure (LANKA_TYPE_CASES_VIEW);
  g_type_ensure (LANKA_TYPE_CREATE_PAGE);
  g_type_ensure (LANKA_TYPE_DIRECTORY_VIEW);
  g_type_ensure (LANKA_TYPE_RESTORE_PAGE);
  g_type_ensure (LANKA_TYPE_TRAINING_VIEW);
  g_type_ensure (LANKA_TYPE_UNLOCK_PAGE);
  g_type_ensure (LANKA_TYPE_WELCOME_PAGE);

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::application", G_CALLBACK (on_notify_application_cb), NULL);
  g_signal_connect_object (self->cases_view, "tasks-changed",
                           G_CALLBACK (on_cases_view_tasks_changed_cb), self, G_CONNECT_SWAPPED);

  /* The first page was visible before anyone listened. */
  on_main_stack_visible_child_name_cb (self, NULL, self->main_stack);

  /* Every key press and click counts as activity for the idle lock. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (on_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  _lanka_window_actions_init (self);
}
