/* lanka-screenshots.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-case-editor.h"
#include "lanka-case-history-dialog.h"
#include "lanka-case-list.h"
#include "lanka-case-sample.h"
#include "lanka-directory.h"
#include "lanka-new-case-dialog.h"
#include "lanka-person-editor.h"
#include "lanka-material-import.h"
#include "lanka-materials.h"
#include "lanka-preferences-window.h"
#include "lanka-presenter.h"
#include "lanka-test-ui.h"
#include "lanka-training-view.h"
#include "lanka-window-private.h"

/* Walks through every page a person meets and saves a picture of each, at
 * phone width and at desktop width, for review and for the software
 * centre.  (The locked page is left out: a widget paintable does not
 * follow the window through a lock; build-aux/screenshot shows it.)  Run it
 * in the headless session, once per language and width:
 *
 *   LANGUAGE=sv build-aux/run-headless _build/tests/lanka-screenshots DIR WIDTH
 */

static LankaApplication *app;
static const char *out_dir;
static int width;

/* A picture that is not ready in time is left out, not the whole walk. */
#define WAIT_SECONDS 30


static void
save (GtkWidget  *widget,
      const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  /* A window that was just mapped has not drawn its first frame yet. */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      lanka_test_iterate_for (0.6);
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }

  if (node == NULL)
    {
      g_printerr ("No picture of %s\n", name);
      return;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

  file = g_strdup_printf ("%s-%d-%s.png", name, width, g_getenv ("LANGUAGE") ?: "en");
  path = g_build_filename (out_dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
  g_print ("%s\n", path);
}

static gboolean
create_step_is (gpointer data)
{
  LankaWindow *window = lanka_application_get_window (app);

  return g_strcmp0 (lanka_create_page_get_step (window->create_page), data) == 0;
}

/* The directory with an agency shown, a search that finds nothing, and the
 * filters in use.
 */
static void
shoot_directory (LankaWindow *window)
{
  LankaDatabase *database = lanka_application_get_database (app);
  g_auto(GStrv) found = NULL;

  found = lanka_directory_search (database, "Jämställdhetsmyndigheten", NULL, 1, 0, NULL);
  if (found != NULL && found[0] != NULL)
    {
      lanka_directory_view_show_agency (window->directory_view, found[0]);
      save (GTK_WIDGET (window), "directory-agency");
    }

  /* Searching happens on the list, which a narrow window shows alone. */
  gtk_widget_activate_action (GTK_WIDGET (window->directory_view), "directory.back", NULL);
  lanka_directory_view_set_search_text (window->directory_view, "qxzqxz");
  save (GTK_WIDGET (window), "directory-no-results");
  lanka_directory_view_set_search_text (window->directory_view, "läns");
  save (GTK_WIDGET (window), "directory-search");
  lanka_directory_view_set_search_text (window->directory_view, "");
  gtk_widget_activate_action (GTK_WIDGET (window->directory_view), "directory.back", NULL);
}

static const char * const case_sections[] = {
  "overview", "people", "exploitation", "protection", "tasks", "legal", "plan", "referrals",
  "journal", "closure", "child",
};

/* A child case from the sample, filled in every section: each section,
 * the person editor, the history, and the bars for problems and for a
 * restored draft.
 */
static void
shoot_case_editor (LankaWindow *window,
                   GListModel  *list)
{
  LankaCasesView *view = window->cases_view;
  LankaCaseEditor *editor = lanka_cases_view_get_editor (view);
  LankaDatabase *database = lanka_application_get_database (app);
  g_autoptr(LankaCaseSummary) chosen = NULL;
  g_autofree char *uuid = NULL;
  LankaCase *kase;
  GtkWindow *other;
  GtkWidget *row;

  for (guint i = 0; chosen == NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LankaCaseSummary) summary = g_list_model_get_item (list, i);

      if (lanka_case_summary_get_child (summary))
        chosen = g_steal_pointer (&summary);
    }
  if (chosen == NULL)
    {
      g_printerr ("No child case in the sample\n");
      return;
    }

  uuid = g_strdup (lanka_case_summary_get_uuid (chosen));
  lanka_cases_view_show_case (view, uuid);
  kase = lanka_case_editor_get_case (editor);
  if (kase == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (case_sections); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%s", case_sections[i]);

      lanka_case_editor_show_section (editor, case_sections[i]);
      save (GTK_WIDGET (window), name);
    }
  lanka_case_editor_show_section (editor, "overview");

  other = GTK_WINDOW (lanka_person_editor_new (GTK_WINDOW (window), database,
                                               lanka_case_get_victim (kase), FALSE));
  gtk_window_set_default_size (other, MIN (width, 600), 680);
  gtk_window_present (other);
  lanka_test_wait_for (lanka_test_is_mapped, other, WAIT_SECONDS);
  save (GTK_WIDGET (other), "person-editor");
  gtk_window_destroy (other);

  /* A change saved, for the history to show. */
  lanka_record_set (lanka_case_get_record (kase), "risk", "high");
  lanka_record_set_boolean (lanka_case_get_record (kase), "urgent", TRUE);
  lanka_case_editor_save (editor, NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.history", NULL);
  other = lanka_test_find_toplevel (LANKA_TYPE_CASE_HISTORY_DIALOG);
  if (other != NULL)
    {
      gtk_window_set_default_size (other, MIN (width, 640), 600);
      lanka_test_wait_for (lanka_test_is_mapped, other, WAIT_SECONDS);
      save (GTK_WIDGET (other), "case-history");
      gtk_window_destroy (other);
    }

  /* A date that does not exist: the rest is saved, the field is marked. */
  row = lanka_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, _("Intake date"));
  if (row != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-31");
      lanka_case_editor_save (editor, NULL);
      save (GTK_WIDGET (window), "case-problems");
    }

  /* What was typed comes back after a lock, with a bar that says so. */
  lanka_case_editor_save_draft (editor, NULL);
  lanka_case_editor_open (editor, uuid, NULL);
  save (GTK_WIDGET (window), "case-draft-restored");
  lanka_case_editor_discard_changes (editor);
}

/* The cases with generated, fictional content: the list, a case open,
 * names shown, a search that finds nothing, and a new case that looks
 * like one already there.
 */
static void
shoot_cases (LankaWindow *window)
{
  LankaCasesView *view = window->cases_view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) first = NULL;
  GtkSelectionModel *selection;
  GtkWidget *list_view;
  GListModel *list;
  GtkWindow *dialog;
  GtkWidget *row;

  if (!lanka_case_sample_generate (lanka_application_get_database (app), 40, 3, 2026, NULL, &error))
    {
      g_printerr ("No sample cases: %s\n", error->message);
      return;
    }

  /* A search reads the list again. */
  lanka_cases_view_set_search_text (view, "");
  save (GTK_WIDGET (window), "cases-list");

  /* What is due across the cases. */
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.tasks-changed", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.show-due", NULL);
  save (GTK_WIDGET (window), "cases-due");
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.hide-due", NULL);

  list_view = lanka_test_find_by_id (GTK_WIDGET (view), "list_view");
  selection = gtk_grid_view_get_model (GTK_GRID_VIEW (list_view));
  list = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  first = g_list_model_get_item (list, 0);
  if (first == NULL)
    return;

  lanka_cases_view_show_case (view, lanka_case_summary_get_uuid (LANKA_CASE_SUMMARY (first)));
  save (GTK_WIDGET (window), "cases-case");
  shoot_case_editor (window, list);

  gtk_widget_activate_action (GTK_WIDGET (view), "cases.back", NULL);
  lanka_cases_view_set_show_names (view, TRUE);
  save (GTK_WIDGET (window), "cases-names");
  lanka_cases_view_set_show_names (view, FALSE);

  lanka_cases_view_set_search_text (view, "qxzqxz");
  save (GTK_WIDGET (window), "cases-no-results");
  lanka_cases_view_set_search_text (view, "");

  gtk_widget_activate_action (GTK_WIDGET (view), "cases.new", NULL);
  dialog = lanka_test_find_toplevel (LANKA_TYPE_NEW_CASE_DIALOG);
  if (dialog != NULL)
    {
      gtk_window_set_default_size (dialog, MIN (width, 520), 620);
      lanka_test_wait_for (lanka_test_is_mapped, dialog, WAIT_SECONDS);
      row = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, _("_Alias"));
      gtk_editable_set_text (GTK_EDITABLE (row), lanka_case_summary_get_alias (LANKA_CASE_SUMMARY (first)));
      lanka_test_iterate_for (0.5);
      save (GTK_WIDGET (dialog), "new-case-duplicates");
      gtk_window_destroy (dialog);
    }

  gtk_widget_activate_action (GTK_WIDGET (view), "cases.back", NULL);
}

/* The training library with the sample course: the library, a search
 * with page hits, a deck open, the course, and the presenter's two
 * windows in rehearsal, on the slide that has speaker notes.
 */
static void
shoot_training (LankaWindow *window)
{
  LankaTrainingView *view = window->training_view;
  LankaDatabase *database = lanka_application_get_database (app);
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LankaPresenter) presenter = NULL;
  g_autoptr(GListModel) library = NULL;
  g_autoptr(GError) error = NULL;
  const char *deck = NULL;
  GtkListBoxRow *course_row;
  GtkWidget *sidebar;

  if (!lanka_material_sample_ensure (database, NULL, &error) ||
      (library = lanka_materials_list (database, NULL, &error)) == NULL)
    {
      g_printerr ("No sample course: %s\n", error->message);
      return;
    }

  /* The view reads the library again when it is given the database. */
  lanka_training_view_set_database (view, NULL);
  lanka_training_view_set_database (view, database);
  save (GTK_WIDGET (window), "training-library");

  for (guint i = 0; i < g_list_model_get_n_items (library); i++)
    {
      g_autoptr(LankaRecord) material = g_list_model_get_item (library, i);

      if (g_strcmp0 (lanka_record_get (material, "language"), "sv") == 0)
        deck = lanka_record_get_uuid (material);
    }

  lanka_training_view_set_search_text (view, "samordning");
  save (GTK_WIDGET (window), "training-search");
  lanka_training_view_set_search_text (view, "");

  if (deck != NULL && lanka_training_view_show_material (view, deck, 2))
    save (GTK_WIDGET (window), "training-material");
  gtk_widget_activate_action (GTK_WIDGET (view), "training.back", NULL);

  sidebar = lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_list");
  course_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 1);
  if (course_row != NULL)
    {
      gtk_list_box_select_row (GTK_LIST_BOX (sidebar), course_row);
      save (GTK_WIDGET (window), "training-course");
    }

  for (guint i = 0; i < g_list_model_get_n_items (library); i++)
    g_ptr_array_add (materials, g_list_model_get_item (library, i));

  presenter = lanka_presenter_new (GTK_APPLICATION (app), database, materials, 45);
  if (!lanka_presenter_start (presenter, 1, TRUE, &error))
    {
      g_printerr ("No presentation: %s\n", error->message);
      return;
    }

  gtk_window_set_default_size (lanka_presenter_get_console (presenter), MAX (width, 1024), 640);
  gtk_window_set_default_size (lanka_presenter_get_audience (presenter), 960, 540);
  lanka_test_wait_for (lanka_test_is_mapped, lanka_presenter_get_console (presenter), WAIT_SECONDS);
  lanka_test_wait_for (lanka_test_is_mapped, lanka_presenter_get_audience (presenter), WAIT_SECONDS);
  lanka_presentation_start_timer (lanka_presenter_get_presentation (presenter), g_get_monotonic_time ());
  save (GTK_WIDGET (lanka_presenter_get_console (presenter)), "presenter-console");
  save (GTK_WIDGET (lanka_presenter_get_audience (presenter)), "presenter-audience");
  lanka_presenter_end (presenter);
}

static void
walk (void)
{
  LankaWindow *window;
  GtkWidget *row;
  GtkWidget *code;
  GtkWindow *other;

  g_settings_set_int (lanka_application_get_settings (app), "window-width", width);
  g_settings_set_int (lanka_application_get_settings (app), "window-height", 720);

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  lanka_test_wait_for (lanka_test_is_mapped, window, WAIT_SECONDS);

  /* A picture taken mid-transition would show the page before. */
  gtk_stack_set_transition_type (window->main_stack, GTK_STACK_TRANSITION_TYPE_NONE);
  save (GTK_WIDGET (window), "welcome");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  save (GTK_WIDGET (window), "restore");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-database", NULL);
  save (GTK_WIDGET (window), "create");

  row = lanka_test_find_row (GTK_WIDGET (window->create_page), ADW_TYPE_PASSWORD_ENTRY_ROW,
                             _("_Passphrase"));
  gtk_editable_set_text (GTK_EDITABLE (row), "correct horse battery");
  row = lanka_test_find_row (GTK_WIDGET (window->create_page), ADW_TYPE_PASSWORD_ENTRY_ROW,
                             _("_Repeat passphrase"));
  gtk_editable_set_text (GTK_EDITABLE (row), "correct horse");
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.create", NULL);
  save (GTK_WIDGET (window), "create-mismatch");

  gtk_editable_set_text (GTK_EDITABLE (row), "correct horse battery");
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.create", NULL);
  lanka_test_wait_for (create_step_is, (gpointer)"code", WAIT_SECONDS);
  save (GTK_WIDGET (window), "recovery-code");

  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.show-confirm", NULL);
  row = lanka_test_find_row (GTK_WIDGET (window->create_page), ADW_TYPE_ENTRY_ROW, _("_Recovery code"));
  gtk_editable_set_text (GTK_EDITABLE (row), "ABCDE-FGHJK");
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.confirm", NULL);
  save (GTK_WIDGET (window), "confirm-error");

  /* The rest of the walk needs the database open. */
  code = lanka_test_find_styled (GTK_WIDGET (window->create_page), GTK_TYPE_LABEL, "recovery-code");
  gtk_editable_set_text (GTK_EDITABLE (row), gtk_label_get_label (GTK_LABEL (code)));
  gtk_widget_activate_action (GTK_WIDGET (window->create_page), "create.confirm", NULL);
  lanka_test_wait_for (lanka_test_has_database, app, WAIT_SECONDS);

  lanka_window_set_visible_part (window, "cases");
  save (GTK_WIDGET (window), "cases");
  shoot_cases (window);
  lanka_window_set_visible_part (window, "directory");
  save (GTK_WIDGET (window), "directory");
  shoot_directory (window);
  lanka_window_set_visible_part (window, "training");
  save (GTK_WIDGET (window), "training");
  shoot_training (window);
  lanka_window_set_visible_part (window, "cases");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  other = lanka_test_find_toplevel (LANKA_TYPE_PREFERENCES_WINDOW);
  if (other != NULL)
    {
      gtk_window_set_default_size (other, MIN (width, 640), 640);
      lanka_test_wait_for (lanka_test_is_mapped, other, WAIT_SECONDS);
      save (GTK_WIDGET (other), "preferences-general");
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (other), "security");
      save (GTK_WIDGET (other), "preferences-security");
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (other), "backup");
      save (GTK_WIDGET (other), "preferences-backup");
      gtk_window_destroy (other);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  other = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  lanka_test_wait_for (lanka_test_is_mapped, other, WAIT_SECONDS);
  save (GTK_WIDGET (other), "shortcuts");
  gtk_window_close (other);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  other = lanka_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  if (other != NULL)
    {
      lanka_test_wait_for (lanka_test_is_mapped, other, WAIT_SECONDS);
      save (GTK_WIDGET (other), "about");
      gtk_window_destroy (other);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;

  if (argc < 3)
    {
      g_printerr ("Usage: %s DIRECTORY WIDTH\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];
  width = atoi (argv[2]);

  lanka_test_init_locale ();

  gtk_init ();
  g_object_set (gtk_settings_get_default (),
                "gtk-decoration-layout", "appmenu:close",
                "gtk-font-name", "Cantarell 11",
                NULL);

  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  walk ();

  lanka_application_lock (app);
  g_clear_object (&app);
  lanka_test_remove_tree (data_dir);

  return 0;
}
