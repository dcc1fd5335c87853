/* test-ui-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-agency-editor.h"
#include "lanka-agency-list.h"
#include "lanka-agency-page.h"
#include "lanka-application.h"
#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-store-error.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"
#include "lanka-window-private.h"

/* The Directory part as a person meets it: in the window, over the
 * database the application opened, with the seed directory in it.
 */

static LankaApplication *app;

static LankaWindow *
open_window (int width)
{
  LankaWindow *window;

  lanka_test_ensure_unlocked (app);

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  lanka_test_iterate_until (lanka_test_is_mapped, window);
  lanka_window_set_visible_part (window, "directory");
  lanka_test_iterate_a_while ();

  return window;
}

static void
close_window (LankaWindow *window)
{
  lanka_test_close_window (GTK_WINDOW (window));
}

/* Whether the buttons for @action_name can be pressed. */
static gboolean
action_enabled (LankaDirectoryView *view,
                const char         *action_name)
{
  g_autoptr(GPtrArray) actionables = lanka_test_collect_widgets (GTK_WIDGET (view), GTK_TYPE_ACTIONABLE);
  gboolean found = FALSE;

  for (guint i = 0; i < actionables->len; i++)
    {
      GtkWidget *widget = actionables->pdata[i];

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
        {
          if (!gtk_widget_get_sensitive (widget))
            return FALSE;
          found = TRUE;
        }
    }

  g_assert_true (found);

  return TRUE;
}

static gboolean
has_text (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_EDITABLE (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0;
}

static LankaAgencyList *
get_list (LankaDirectoryView *view)
{
  GtkGridView *list_view = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_grid_view_get_model (list_view);

  return LANKA_AGENCY_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

static const char *
visible_list_page (LankaDirectoryView *view)
{
  GtkGridView *list_view = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "list_view"));
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (list_view), GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static char *
add_agency (const char *name,
            const char *phone,
            const char *county)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;
  const char *counties[] = { county, NULL };

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, "ngo");
  if (county != NULL)
    lanka_agency_set_counties (agency, counties);
  if (phone != NULL)
    lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, NULL, phone);

  lanka_directory_add_agency (lanka_application_get_database (app), agency, &error);
  g_assert_no_error (error);

  return g_strdup (lanka_agency_get_uuid (agency));
}

static guint
n_listed (LankaDirectoryView *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (get_list (view)));
}

/* A new database opens with the public seed directory, in Swedish
 * alphabetical order.
 */
static void
test_seeded (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  LankaAgencyList *list = get_list (view);
  g_autoptr(LankaAgency) previous = NULL;
  guint n_items;

  g_assert_true (lanka_directory_view_get_database (view) == lanka_application_get_database (app));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_items, >=, 20);
  g_assert_cmpstr (visible_list_page (view), ==, "list");

  /* Å, Ä and Ö come after Z. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaAgency) agency = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *name = lanka_agency_get_name (agency);

      if (previous != NULL && g_str_has_prefix (lanka_agency_get_name (previous), "Ö"))
        g_assert_true (g_str_has_prefix (name, "Ö"));
      g_set_object (&previous, agency);
    }

  close_window (window);
}

static void
test_search (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  g_autoptr(LankaAgency) first = NULL;

  /* Part of a word, with a Swedish letter. */
  lanka_directory_view_set_search_text (view, "jämst");
  g_assert_cmpuint (n_listed (view), >=, 1);
  first = g_list_model_get_item (G_LIST_MODEL (get_list (view)), 0);
  g_assert_cmpstr (lanka_agency_get_name (first), ==, "Jämställdhetsmyndigheten");

  /* The support line's number, written another way. */
  lanka_directory_view_set_search_text (view, "020 390");
  g_assert_cmpuint (n_listed (view), >=, 1);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (get_list (view)), 0);
  g_assert_cmpstr (lanka_agency_get_name (first), ==, "Jämställdhetsmyndigheten");

  /* Nothing found says so, instead of an empty list. */
  lanka_directory_view_set_search_text (view, "qxzqxz");
  g_assert_cmpuint (n_listed (view), ==, 0);
  g_assert_cmpstr (visible_list_page (view), ==, "no-results");

  lanka_directory_view_set_search_text (view, "");
  g_assert_cmpstr (visible_list_page (view), ==, "list");

  close_window (window);
}

static void
test_filter (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  GtkDropDown *type_dropdown = GTK_DROP_DOWN (lanka_test_find_by_id (GTK_WIDGET (view), "type_dropdown"));
  GtkRevealer *filter_revealer = GTK_REVEALER (lanka_test_find_by_id (GTK_WIDGET (view), "filter_revealer"));
  guint n_all = n_listed (view);
  guint county_board = GTK_INVALID_LIST_POSITION;
  GListModel *types;

  g_assert_nonnull (type_dropdown);
  g_assert_false (gtk_revealer_get_reveal_child (filter_revealer));

  /* The 21 county administrative boards of the seed. */
  types = gtk_drop_down_get_model (type_dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (types, i);

      if (g_strcmp0 (gtk_string_object_get_string (item),
                     lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE, "county_board")) == 0)
        county_board = i;
    }
  g_assert_cmpuint (county_board, !=, GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (type_dropdown, county_board);
  g_assert_cmpuint (n_listed (view), ==, 21);
  g_assert_true (gtk_revealer_get_reveal_child (filter_revealer));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.clear-filters", NULL));
  g_assert_cmpuint (n_listed (view), ==, n_all);
  g_assert_false (gtk_revealer_get_reveal_child (filter_revealer));

  close_window (window);
}

static void
test_select_shows_page (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  GtkGridView *list_view = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_grid_view_get_model (list_view);
  LankaAgencyPage *page = LANKA_AGENCY_PAGE (lanka_test_find_child (GTK_WIDGET (view),
                                                                    LANKA_TYPE_AGENCY_PAGE));
  g_autoptr(LankaAgency) item = g_list_model_get_item (G_LIST_MODEL (get_list (view)), 2);

  gtk_selection_model_select_item (selection, 2, TRUE);
  g_assert_cmpstr (lanka_directory_view_get_shown_uuid (view), ==, lanka_agency_get_uuid (item));
  g_assert_nonnull (lanka_agency_page_get_agency (page));
  g_assert_cmpstr (lanka_agency_get_uuid (lanka_agency_page_get_agency (page)), ==, lanka_agency_get_uuid (item));

  close_window (window);
}

static AdwToastOverlay *
get_toast_overlay (LankaDirectoryView *view)
{
  return ADW_TOAST_OVERLAY (lanka_test_find_child (GTK_WIDGET (view), ADW_TYPE_TOAST_OVERLAY));
}

static GtkWidget *
find_toast_button (LankaDirectoryView *view,
                   const char         *label)
{
  return lanka_test_find_button (GTK_WIDGET (get_toast_overlay (view)), label);
}

static gboolean
has_undo (gpointer data)
{
  return find_toast_button (data, _("_Undo")) != NULL;
}

static void
test_delete_and_undo (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  LankaDatabase *database = lanka_application_get_database (app);
  g_autofree char *uuid = add_agency ("Ängelholms kvinnojour", "042-12 34 56", "12");
  g_autoptr(LankaAgency) gone = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.clear-filters", NULL));
  n_before = n_listed (view);
  g_assert_true (lanka_directory_view_show_agency (view, uuid));
  g_assert_cmpuint (lanka_agency_list_find (get_list (view), uuid), !=, GTK_INVALID_LIST_POSITION);

  /* Deleted: out of the list at once, with an Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.delete", NULL));
  g_assert_cmpuint (lanka_agency_list_find (get_list (view), uuid), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (n_listed (view), ==, n_before - 1);
  g_assert_null (lanka_directory_view_get_shown_uuid (view));
  lanka_test_iterate_until (has_undo, view);

  /* Undo brings it back, shown. */
  g_signal_emit_by_name (find_toast_button (view, _("_Undo")), "clicked");
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (lanka_agency_list_find (get_list (view), uuid), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (lanka_directory_view_get_shown_uuid (view), ==, uuid);

  /* Deleted again and the toast let go: gone for good. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.delete", NULL));
  lanka_test_iterate_until (has_undo, view);
  close_window (window);
  lanka_test_iterate_a_while ();

  gone = lanka_directory_get_agency (database, uuid, &error);
  g_assert_null (gone);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_add_opens_editor (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  GtkWindow *editor;

  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_AGENCY_EDITOR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.add", NULL));
  editor = lanka_test_find_toplevel (LANKA_TYPE_AGENCY_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  gtk_window_destroy (editor);

  close_window (window);
}

/* What the case editor will do: the find-help dialog names an agency and
 * the directory shows it, even when the search hid it.
 */
static void
test_find_help_shows_choice (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  g_autofree char *uuid = add_agency ("Skyddat boende Gävle", NULL, "21");
  GtkWindow *dialog;

  lanka_directory_view_set_search_text (view, "qxzqxz");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.find-help", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_FIND_HELP_DIALOG);
  g_assert_nonnull (dialog);

  g_signal_emit_by_name (dialog, "agency-chosen", uuid);
  g_assert_cmpstr (lanka_directory_view_get_shown_uuid (view), ==, uuid);
  g_assert_cmpuint (lanka_agency_list_find (get_list (view), uuid), !=, GTK_INVALID_LIST_POSITION);
  gtk_window_destroy (dialog);

  close_window (window);
}

/* Locking lets go of everything shown; unlocking shows the directory again. */
static void
test_lock_empties (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  g_autoptr(LankaAgency) item = g_list_model_get_item (G_LIST_MODEL (get_list (view)), 0);

  lanka_directory_view_show_agency (view, lanka_agency_get_uuid (item));
  lanka_application_lock (app);
  g_assert_null (lanka_directory_view_get_database (view));
  g_assert_null (lanka_directory_view_get_shown_uuid (view));
  g_assert_false (action_enabled (view, "directory.add"));

  lanka_test_ensure_unlocked (app);
  g_assert_nonnull (lanka_directory_view_get_database (view));
  g_assert_true (action_enabled (view, "directory.add"));
  g_assert_cmpuint (n_listed (view), >=, 20);

  close_window (window);
}

static gboolean
has_open (gpointer data)
{
  return find_toast_button (data, _("_Open")) != NULL;
}

/* An agency being added when Länka locks comes back after the unlock. */
static void
test_draft_after_unlock (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  GtkWindow *editor;
  GtkWidget *name;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.add", NULL));
  editor = lanka_test_find_toplevel (LANKA_TYPE_AGENCY_EDITOR);
  g_assert_nonnull (editor);
  lanka_test_iterate_until (lanka_test_is_mapped, editor);

  /* The first field of a new agency is its name. */
  name = GTK_WIDGET (gtk_root_get_focus (GTK_ROOT (editor)));
  g_assert_nonnull (name);
  name = gtk_widget_get_ancestor (name, GTK_TYPE_EDITABLE) != NULL
    ? gtk_widget_get_ancestor (name, ADW_TYPE_ENTRY_ROW)
    : name;
  gtk_editable_set_text (GTK_EDITABLE (name), "Stödcentrum Gotland");

  lanka_application_lock (app);
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_AGENCY_EDITOR));

  lanka_test_ensure_unlocked (app);
  lanka_test_iterate_until (has_open, view);
  g_signal_emit_by_name (find_toast_button (view, _("_Open")), "clicked");
  editor = lanka_test_find_toplevel (LANKA_TYPE_AGENCY_EDITOR);
  g_assert_nonnull (editor);
  g_assert_nonnull (lanka_test_find_widget (GTK_WIDGET (editor), has_text, "Stödcentrum Gotland"));
  gtk_window_destroy (editor);

  close_window (window);
}

/* Nothing opened over the window stays on screen after a lock. */
static void
test_lock_closes_dialogs (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  gpointer dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.find-help", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_FIND_HELP_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), &dialog);

  lanka_application_lock (app);
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);

  lanka_test_ensure_unlocked (app);
  close_window (window);
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static void
test_narrow (void)
{
  LankaWindow *window = open_window (360);
  LankaDirectoryView *view = window->directory_view;
  AdwLeaflet *leaflet = ADW_LEAFLET (lanka_test_find_child (GTK_WIDGET (view), ADW_TYPE_LEAFLET));
  GtkGridView *list_view = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_grid_view_get_model (list_view);
  GtkWidget *sidebar = lanka_test_find_by_id (GTK_WIDGET (view), "sidebar");

  lanka_test_iterate_until (is_folded, leaflet);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  /* Choosing an agency shows it; Back returns to the list. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == sidebar);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int ret;

  lanka_test_ui_init (&argc, &argv);
  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  g_test_add_func ("/ui/directory/seeded", test_seeded);
  g_test_add_func ("/ui/directory/search", test_search);
  g_test_add_func ("/ui/directory/filter", test_filter);
  g_test_add_func ("/ui/directory/select-shows-page", test_select_shows_page);
  g_test_add_func ("/ui/directory/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/ui/directory/add-opens-editor", test_add_opens_editor);
  g_test_add_func ("/ui/directory/find-help-shows-choice", test_find_help_shows_choice);
  g_test_add_func ("/ui/directory/lock-empties", test_lock_empties);
  g_test_add_func ("/ui/directory/draft-after-unlock", test_draft_after_unlock);
  g_test_add_func ("/ui/directory/lock-closes-dialogs", test_lock_closes_dialogs);
  g_test_add_func ("/ui/directory/narrow", test_narrow);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);

  return ret;
}
