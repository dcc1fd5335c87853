/* test-ui-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lanka-agency-editor.h"
#include "lanka-agency-list.h"
#include "lanka-agency-page.h"
#include "lanka-application.h"
#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"
#include "lanka-vocabulary.h"
#include "lanka-window-private.h"

/* The Directory part as a person meets it: in the window, over the
 * database the application opened, with the seed directory in it.
 */

static LankaApplication *app;

typedef gboolean (*Condition) (gpointer data);

static void
iterate_until (Condition condition,
               gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
iterate_a_while (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static gboolean
is_unlocked (gpointer data)
{
  return lanka_application_get_database (app) != NULL;
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_create_finish (LANKA_VAULT (object), result, &code, &error);
  g_assert_no_error (error);
  lanka_application_set_database (app, database);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_unlock_finish (LANKA_VAULT (object), result, &error);
  g_assert_no_error (error);
  lanka_application_set_database (app, database);
}

/* The first test creates the database; after a lock, the keyring opens it. */
static void
ensure_unlocked (void)
{
  LankaVault *vault = lanka_application_get_vault (app);

  if (lanka_application_get_database (app) != NULL)
    return;

  if (lanka_vault_get_state (vault) == LANKA_VAULT_STATE_EMPTY)
    lanka_vault_create_async (vault, NULL, NULL, create_cb, NULL);
  else
    lanka_vault_unlock_async (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, unlock_cb, NULL);

  iterate_until (is_unlocked, NULL);
}

static LankaWindow *
open_window (int width)
{
  LankaWindow *window;

  ensure_unlocked ();

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  iterate_until (is_mapped, window);
  lanka_window_set_visible_part (window, "directory");
  iterate_a_while ();

  return window;
}

static void
close_window (LankaWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  iterate_until (is_cleared, &weak);
}

static GtkWidget *
find_child (GtkWidget  *root,
            GType       type,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (label == NULL ||
           (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)))
        return child;

      if ((found = find_child (child, type, label)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *buildable_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), buildable_id) == 0)
        return child;

      if ((found = find_by_name (child, buildable_id)) != NULL)
        return found;
    }

  return NULL;
}

/* Whether the buttons for @action_name can be pressed. */
static gboolean
action_enabled (LankaDirectoryView *view,
                const char         *action_name)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();
  gboolean found = FALSE;

  g_ptr_array_add (queue, view);
  while (queue->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (queue, queue->len - 1);

      if (GTK_IS_ACTIONABLE (widget) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
        {
          if (!gtk_widget_get_sensitive (widget))
            return FALSE;
          found = TRUE;
        }

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (queue, child);
    }

  g_assert_true (found);

  return TRUE;
}

static GtkWidget *
find_editable_with_text (GtkWidget  *root,
                         const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_EDITABLE (child) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (child)), text) == 0)
        return child;

      if ((found = find_editable_with_text (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static LankaAgencyList *
get_list (LankaDirectoryView *view)
{
  GtkListView *list_view = GTK_LIST_VIEW (find_by_name (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_list_view_get_model (list_view);

  return LANKA_AGENCY_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

static const char *
visible_list_page (LankaDirectoryView *view)
{
  GtkListView *list_view = GTK_LIST_VIEW (find_by_name (GTK_WIDGET (view), "list_view"));
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
  GtkDropDown *type_dropdown = GTK_DROP_DOWN (find_by_name (GTK_WIDGET (view), "type_dropdown"));
  GtkRevealer *filter_revealer = GTK_REVEALER (find_by_name (GTK_WIDGET (view), "filter_revealer"));
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
  GtkListView *list_view = GTK_LIST_VIEW (find_by_name (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_list_view_get_model (list_view);
  LankaAgencyPage *page = LANKA_AGENCY_PAGE (find_child (GTK_WIDGET (view), LANKA_TYPE_AGENCY_PAGE, NULL));
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
  return ADW_TOAST_OVERLAY (find_child (GTK_WIDGET (view), ADW_TYPE_TOAST_OVERLAY, NULL));
}

static GtkWidget *
find_toast_button (LankaDirectoryView *view,
                   const char         *label)
{
  return find_child (GTK_WIDGET (get_toast_overlay (view)), GTK_TYPE_BUTTON, label);
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
  iterate_until (has_undo, view);

  /* Undo brings it back, shown. */
  g_signal_emit_by_name (find_toast_button (view, _("_Undo")), "clicked");
  iterate_a_while ();
  g_assert_cmpuint (lanka_agency_list_find (get_list (view), uuid), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (lanka_directory_view_get_shown_uuid (view), ==, uuid);

  /* Deleted again and the toast let go: gone for good. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.delete", NULL));
  iterate_until (has_undo, view);
  close_window (window);
  iterate_a_while ();

  gone = lanka_directory_get_agency (database, uuid, &error);
  g_assert_null (gone);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

static void
test_add_opens_editor (void)
{
  LankaWindow *window = open_window (1000);
  LankaDirectoryView *view = window->directory_view;
  GtkWindow *editor;

  g_assert_null (find_toplevel (LANKA_TYPE_AGENCY_EDITOR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "directory.add", NULL));
  editor = find_toplevel (LANKA_TYPE_AGENCY_EDITOR);
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
  dialog = find_toplevel (LANKA_TYPE_FIND_HELP_DIALOG);
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

  ensure_unlocked ();
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
  editor = find_toplevel (LANKA_TYPE_AGENCY_EDITOR);
  g_assert_nonnull (editor);
  iterate_until (is_mapped, editor);

  /* The first field of a new agency is its name. */
  name = GTK_WIDGET (gtk_root_get_focus (GTK_ROOT (editor)));
  g_assert_nonnull (name);
  name = gtk_widget_get_ancestor (name, GTK_TYPE_EDITABLE) != NULL
    ? gtk_widget_get_ancestor (name, ADW_TYPE_ENTRY_ROW)
    : name;
  gtk_editable_set_text (GTK_EDITABLE (name), "Stödcentrum Gotland");

  lanka_application_lock (app);
  iterate_a_while ();
  g_assert_null (find_toplevel (LANKA_TYPE_AGENCY_EDITOR));

  ensure_unlocked ();
  iterate_until (has_open, view);
  g_signal_emit_by_name (find_toast_button (view, _("_Open")), "clicked");
  editor = find_toplevel (LANKA_TYPE_AGENCY_EDITOR);
  g_assert_nonnull (editor);
  g_assert_nonnull (find_editable_with_text (GTK_WIDGET (editor), "Stödcentrum Gotland"));
  gtk_window_destroy (editor);

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
  AdwLeaflet *leaflet = ADW_LEAFLET (find_child (GTK_WIDGET (view), ADW_TYPE_LEAFLET, NULL));
  GtkListView *list_view = GTK_LIST_VIEW (find_by_name (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_list_view_get_model (list_view);
  GtkWidget *sidebar = find_by_name (GTK_WIDGET (view), "sidebar");

  iterate_until (is_folded, leaflet);
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
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int ret;

  data_dir = lanka_test_make_data_dir ();
  g_setenv ("LANKA_DATA_DIR", data_dir, TRUE);

  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The locale of this test (LANG=%s) is not installed", g_getenv ("LANG"));
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);

  app = lanka_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/directory/seeded", test_seeded);
  g_test_add_func ("/ui/directory/search", test_search);
  g_test_add_func ("/ui/directory/filter", test_filter);
  g_test_add_func ("/ui/directory/select-shows-page", test_select_shows_page);
  g_test_add_func ("/ui/directory/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/ui/directory/add-opens-editor", test_add_opens_editor);
  g_test_add_func ("/ui/directory/find-help-shows-choice", test_find_help_shows_choice);
  g_test_add_func ("/ui/directory/lock-empties", test_lock_empties);
  g_test_add_func ("/ui/directory/draft-after-unlock", test_draft_after_unlock);
  g_test_add_func ("/ui/directory/narrow", test_narrow);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);

  return ret;
}
