/* test-ui-window.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-case-editor.h"
#include "lanka-case-overview.h"
#include "lanka-cases-view.h"
#include "lanka-cases.h"
#include "lanka-material-details.h"
#include "lanka-preferences-window.h"
#include "lanka-test-ui.h"
#include "lanka-training-view.h"
#include "lanka-vocabulary.h"
#include "lanka-window-private.h"

static LankaApplication *app;
static gboolean in_swedish;

static LankaWindow *
open_window (void)
{
  LankaWindow *window;

  /* The parts hold data, so they are only reachable with the database open. */
  lanka_test_ensure_unlocked (app);

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  g_assert_nonnull (window);
  lanka_test_iterate_until (lanka_test_is_mapped, window);
  g_assert_cmpstr (lanka_window_get_visible_page (window), ==, "workspace");

  return window;
}

/* Closes the window the way a person does, and checks that nothing keeps it
 * alive afterwards.
 */
static void
close_window (LankaWindow *window)
{
  lanka_test_close_window (GTK_WINDOW (window));
  g_assert_null (lanka_application_get_window (app));
}

static void
test_three_parts (void)
{
  static const struct {
    const char *name;
    const char *english;
    const char *swedish;
  } parts[] = {
    { "cases", "Cases", "Ärenden" },
    { "directory", "Directory", "Aktörer" },
    { "training", "Training", "Utbildning" },
  };
  LankaWindow *window = open_window ();
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (window->stack));

  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, G_N_ELEMENTS (parts));

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, parts[i].name);
      g_assert_cmpstr (adw_view_stack_page_get_title (page),
                       ==,
                       in_swedish ? parts[i].swedish : parts[i].english);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      if (g_str_equal (parts[i].name, "cases"))
        {
          g_assert_true (LANKA_IS_CASES_VIEW (adw_view_stack_page_get_child (page)));
          continue;
        }

      if (g_str_equal (parts[i].name, "directory"))
        {
          g_assert_true (LANKA_IS_DIRECTORY_VIEW (adw_view_stack_page_get_child (page)));
          continue;
        }

      g_assert_true (LANKA_IS_TRAINING_VIEW (adw_view_stack_page_get_child (page)));
    }

  close_window (window);
}

static void
test_switch_parts (void)
{
  LankaWindow *window = open_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-part", "s", "directory"));
  g_assert_cmpstr (lanka_window_get_visible_part (window), ==, "directory");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->stack), ==, "directory");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-part", "s", "training"));
  g_assert_cmpstr (lanka_window_get_visible_part (window), ==, "training");

  /* An unknown part changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-part", "s", "nowhere"));
  g_assert_cmpstr (lanka_window_get_visible_part (window), ==, "training");

  /* The view switcher is what a person clicks: it moves the same stack. */
  adw_view_stack_set_visible_child_name (window->stack, "cases");
  g_assert_cmpstr (lanka_window_get_visible_part (window), ==, "cases");

  close_window (window);
}

/* The key bindings the window declares for its own win.* actions, from every
 * shortcut controller on the window.
 */
static GPtrArray *
collect_window_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.") &&
              GTK_IS_KEYVAL_TRIGGER (gtk_shortcut_get_trigger (shortcut)))
            g_ptr_array_add (shortcuts, g_steal_pointer (&shortcut));
        }
    }

  return shortcuts;
}

static void
test_part_shortcuts (void)
{
  static const char *expected[] = { "cases", "directory", "training" };
  LankaWindow *window = open_window ();
  g_autoptr(GPtrArray) shortcuts = collect_window_shortcuts (GTK_WIDGET (window));
  guint n_part_shortcuts = 0;

  /* Alt+1, Alt+2 and Alt+3 lead to the three parts, in order. */
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = shortcuts->pdata[i];
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
      guint keyval;
      GdkModifierType modifiers;

      keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
      modifiers = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger));
      if (modifiers != GDK_ALT_MASK || keyval < GDK_KEY_1 || keyval > GDK_KEY_3)
        continue;

      gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                    0,
                                    GTK_WIDGET (window),
                                    gtk_shortcut_get_arguments (shortcut));
      g_assert_cmpstr (lanka_window_get_visible_part (window), ==, expected[keyval - GDK_KEY_1]);
      n_part_shortcuts++;
    }

  g_assert_cmpuint (n_part_shortcuts, ==, 3);

  close_window (window);
}

static gboolean
shortcuts_window_lists (GPtrArray  *entries,
                        const char *action,
                        const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  if (accel != NULL)
    g_assert_true (gtk_accelerator_parse (accel, &key, &mods));

  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *entry_action = NULL;
      g_autofree char *entry_accel = NULL;
      g_autofree char *title = NULL;

      g_object_get (entries->pdata[i],
                    "action-name", &entry_action,
                    "accelerator", &entry_accel,
                    "title", &title,
                    NULL);

      /* Every entry names what the shortcut does. */
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");

      if (action != NULL && g_strcmp0 (entry_action, action) == 0)
        return TRUE;

      if (accel != NULL && entry_accel != NULL)
        {
          guint entry_key = 0;
          GdkModifierType entry_mods = 0;

          if (gtk_accelerator_parse (entry_accel, &entry_key, &entry_mods) &&
              entry_key == key && entry_mods == mods)
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_shortcuts_window (void)
{
  LankaWindow *window = open_window ();
  GtkShortcutsWindow *overlay;
  g_autoptr(GPtrArray) shortcuts = NULL;
  g_auto(GStrv) actions = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint n_checked = 0;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  lanka_test_iterate_until (lanka_test_is_mapped, overlay);

  entries = lanka_test_collect_widgets (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT);
  g_assert_cmpuint (entries->len, >, 0);

  /* Every accelerator the application sets is listed … */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      if (accels[0] == NULL)
        continue;

      if (!shortcuts_window_lists (entries, actions[i], NULL))
        g_error ("The shortcuts window does not list %s (%s)", actions[i], accels[0]);
      n_checked++;
    }

  /* … and so is every key binding of the window. */
  shortcuts = collect_window_shortcuts (GTK_WIDGET (window));
  g_assert_cmpuint (shortcuts->len, >, 0);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcuts->pdata[i]);
      g_autofree char *accel = NULL;

      accel = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                    gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
      if (!shortcuts_window_lists (entries, NULL, accel))
        g_error ("The shortcuts window does not list %s", accel);
      n_checked++;
    }

  /* Quit, preferences, help, close, show shortcuts and the three parts. */
  g_assert_cmpuint (n_checked, >=, 8);

  gtk_window_close (GTK_WINDOW (overlay));
  close_window (window);
}

static void
test_state_persists (void)
{
  GSettings *settings = lanka_application_get_settings (app);
  LankaWindow *window;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);

  window = open_window ();
  lanka_window_set_visible_part (window, "training");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  close_window (window);

  g_assert_cmpstr (g_settings_get_string (settings, "visible-part"), ==, "training");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens where the person left off. */
  window = open_window ();
  g_assert_cmpstr (lanka_window_get_visible_part (window), ==, "training");
  close_window (window);

  g_settings_reset (settings, "visible-part");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
check_switcher_placement (int      width,
                          gboolean narrow)
{
  GSettings *settings = lanka_application_get_settings (app);
  LankaWindow *window;
  int minimum;

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 640);

  window = open_window ();
  lanka_test_iterate_a_while ();

  /* Nothing in the content forces a window wider than a phone. */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))),
                   <=,
                   width);

  /* Narrow windows move the switcher from the header bar to the bottom. */
  g_assert_cmpint (adw_view_switcher_title_get_title_visible (window->switcher_title), ==, narrow);
  g_assert_cmpint (adw_view_switcher_bar_get_reveal (window->switcher_bar), ==, narrow);

  close_window (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Länka starts on the Cases part, and the time to its first frame is
 * budgeted: the Training part, hidden, reads nothing from the database,
 * and the material's page is made only when a material is opened.
 */
static void
test_training_waits (void)
{
  GSettings *settings = lanka_application_get_settings (app);
  LankaWindow *window;
  GtkWidget *view;
  GtkWidget *sidebar_list;

  g_settings_set_string (settings, "visible-part", "cases");
  window = open_window ();
  view = GTK_WIDGET (window->training_view);
  sidebar_list = lanka_test_find_by_id (view, "sidebar_list");
  lanka_test_iterate_a_while ();

  g_assert_cmpstr (lanka_window_get_visible_part (window), ==, "cases");
  g_assert_nonnull (lanka_training_view_get_database (window->training_view));
  g_assert_false (gtk_widget_get_mapped (view));
  g_assert_null (gtk_widget_get_first_child (sidebar_list));
  g_assert_null (lanka_test_find_child (view, LANKA_TYPE_MATERIAL_DETAILS));

  /* Shown, it has its library; no material has been opened yet. */
  lanka_window_set_visible_part (window, "training");
  lanka_test_iterate_until (lanka_test_is_mapped, view);
  g_assert_nonnull (lanka_test_find_label (sidebar_list, _("Library")));
  g_assert_null (lanka_test_find_child (view, LANKA_TYPE_MATERIAL_DETAILS));

  close_window (window);
  g_settings_reset (settings, "visible-part");
}

static void
test_narrow_window (void)
{
  check_switcher_placement (360, TRUE);
}

static void
test_wide_window (void)
{
  check_switcher_placement (1200, FALSE);
}

static void
test_preferences_style (void)
{
  GSettings *settings = lanka_application_get_settings (app);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  LankaWindow *window = open_window ();
  LankaPreferencesWindow *preferences;
  g_autoptr(GPtrArray) rows = NULL;
  AdwComboRow *row;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = lanka_test_find_toplevel (LANKA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_object_ref (preferences);
  lanka_test_iterate_until (lanka_test_is_mapped, preferences);

  rows = lanka_test_collect_widgets (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];

  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  adw_combo_row_set_selected (row, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* A change made elsewhere shows in the open window. */
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (preferences));
  lanka_test_iterate_a_while ();
  g_assert_finalize_object (preferences);

  close_window (window);
}

static void
test_about (void)
{
  LankaWindow *window = open_window ();
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = lanka_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Länka");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (about));
  close_window (window);
}

/* Closing the window with unsaved changes to a case */

static char *
create_case (const char *alias)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(GError) error = NULL;

  lanka_record_set (lanka_case_get_victim (kase), "alias", alias);
  lanka_cases_save (lanka_application_get_database (app), kase, &error);
  g_assert_no_error (error);

  return g_strdup (lanka_case_get_uuid (kase));
}

static char *
dup_stored_status (const char *uuid)
{
  g_autoptr(LankaCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  kase = lanka_cases_load (lanka_application_get_database (app), uuid, &error);
  g_assert_no_error (error);

  return g_strdup (lanka_record_get (lanka_case_get_record (kase), "status"));
}

static GtkWidget *
show_overview (LankaWindow *window,
               const char  *uuid)
{
  LankaCaseEditor *editor = lanka_cases_view_get_editor (window->cases_view);
  GtkWidget *overview;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-part", "s", "cases"));
  g_assert_true (lanka_cases_view_show_case (window->cases_view, uuid));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (lanka_case_editor_get_uuid (editor), ==, uuid);
  lanka_case_editor_show_section (editor, "overview");
  overview = lanka_test_find_child (GTK_WIDGET (editor), LANKA_TYPE_CASE_OVERVIEW);
  g_assert_nonnull (overview);
  lanka_test_iterate_until (lanka_test_is_mapped, overview);

  return overview;
}

static AdwComboRow *
get_status_row (GtkWidget *overview)
{
  GtkWidget *row = lanka_test_find_row (overview, ADW_TYPE_COMBO_ROW, _("Status"));

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static const char *
shown_status (GtkWidget *overview)
{
  AdwComboRow *row = get_status_row (overview);

  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
}

/* Chooses Active as the case's status, as a person does in the list. */
static void
choose_active (GtkWidget *overview)
{
  AdwComboRow *row = get_status_row (overview);
  GListModel *labels = adw_combo_row_get_model (row);
  const char *active = lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "active");

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), active) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  g_assert_not_reached ();
}

static gboolean
has_message_dialog (gpointer data)
{
  return lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
has_no_window (gpointer data)
{
  return lanka_application_get_window (app) == NULL;
}

static GtkWidget *
find_response_button (AdwMessageDialog *dialog,
                      const char       *response)
{
  GtkWidget *button = lanka_test_find_button (GTK_WIDGET (dialog),
                                              adw_message_dialog_get_response_label (dialog, response));

  g_assert_nonnull (button);
  return button;
}

/* Closes @window, which asks, and answers @response as its button does. */
static void
close_and_answer (LankaWindow *window,
                  const char  *response,
                  const char  *number)
{
  g_autofree char *heading = g_strdup_printf (_("Save Changes to Case %s?"), number);
  AdwMessageDialog *dialog;

  gtk_window_close (GTK_WINDOW (window));
  lanka_test_iterate_until (has_message_dialog, NULL);
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));

  /* The dialog's own button, as a person presses it. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (find_response_button (dialog, response), "clicked");
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);
}

static void
test_close_unsaved (gconstpointer data)
{
  const char *response = data;
  const char *intake = lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "intake");
  const char *active = lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "active");
  g_autofree char *uuid = NULL;
  g_autofree char *number = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaCase) draft = NULL;
  LankaCaseEditor *editor;
  LankaWindow *window;
  GtkWidget *overview;

  lanka_test_ensure_unlocked (app);
  uuid = create_case ("Test Stängning");

  window = open_window ();
  editor = lanka_cases_view_get_editor (window->cases_view);
  overview = show_overview (window, uuid);
  number = g_strdup (lanka_record_get (lanka_case_get_record (lanka_case_editor_get_case (editor)),
                                       "number"));
  g_assert_cmpstr (shown_status (overview), ==, intake);
  choose_active (overview);
  g_assert_true (lanka_case_editor_get_modified (editor));

  close_and_answer (window, response, number);

  if (g_str_equal (response, "cancel"))
    {
      /* The window stays, and so does the change, not saved yet. */
      lanka_test_iterate_a_while ();
      g_assert_true (lanka_application_get_window (app) == window);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
      g_assert_true (lanka_case_editor_get_modified (editor));
      g_assert_cmpstr (shown_status (overview), ==, active);
      status = dup_stored_status (uuid);
      g_assert_cmpstr (status, ==, "intake");

      /* Asked again, the person lets it go. */
      close_and_answer (window, "discard", number);
    }

  lanka_test_iterate_until (has_no_window, NULL);
  g_clear_pointer (&status, g_free);
  status = dup_stored_status (uuid);
  if (g_str_equal (response, "save"))
    g_assert_cmpstr (status, ==, "active");
  else
    g_assert_cmpstr (status, ==, "intake");

  /* Nothing waits as a draft to come back either. */
  draft = lanka_cases_load_draft (lanka_application_get_database (app), uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (draft);

  /* The next window shows the case as it is stored, with nothing to save. */
  window = open_window ();
  editor = lanka_cases_view_get_editor (window->cases_view);
  overview = show_overview (window, uuid);
  g_assert_false (lanka_case_editor_get_modified (editor));
  g_assert_cmpstr (shown_status (overview), ==, g_str_equal (response, "save") ? active : intake);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  const char *language = g_getenv ("LANGUAGE");
  int ret;

  lanka_test_ui_init (&argc, &argv);
  in_swedish = language != NULL && g_str_has_prefix (language, "sv");

  /* GNOME's own title-bar buttons, not the X11 fallback with minimize and
   * maximize, so that widths are measured as a person sees them.
   */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  /* A database of its own, made in the first test, in the test's keyring. */
  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  g_test_add_func ("/ui/window/three-parts", test_three_parts);
  g_test_add_func ("/ui/window/switch-parts", test_switch_parts);
  g_test_add_func ("/ui/window/part-shortcuts", test_part_shortcuts);
  g_test_add_func ("/ui/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/window/state-persists", test_state_persists);
  g_test_add_func ("/ui/window/training-waits", test_training_waits);
  g_test_add_func ("/ui/window/narrow", test_narrow_window);
  g_test_add_func ("/ui/window/wide", test_wide_window);
  g_test_add_func ("/ui/preferences/style", test_preferences_style);
  g_test_add_func ("/ui/about", test_about);
  g_test_add_data_func ("/ui/window/close-unsaved/cancel", "cancel", test_close_unsaved);
  g_test_add_data_func ("/ui/window/close-unsaved/discard", "discard", test_close_unsaved);
  g_test_add_data_func ("/ui/window/close-unsaved/save", "save", test_close_unsaved);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);

  return ret;
}
