/* test-ui-training.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lanka-application.h"
#include "lanka-course-dialog.h"
#include "lanka-material-details.h"
#include "lanka-material-import-dialog.h"
#include "lanka-material-viewer.h"
#include "lanka-materials.h"
#include "lanka-monitor-dialog.h"
#include "lanka-audience-window.h"
#include "lanka-presenter-console.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"
#include "lanka-window-private.h"

/* The Training part as a trainer meets it: in the window, over the
 * database the application opened, with PDFs the test draws itself and
 * imports through the part, as the file chooser and a drop do.  The PDFs
 * are written to the test's own temporary directory, like files a person
 * would choose.
 */

#define FIRST_TITLE  "Identifiering av människohandel"
#define SECOND_TITLE "Samverkan mellan myndigheter"
#define DECK_TITLE   "Tre färger"

static LankaApplication *app;
static char *data_dir;
static char *first_uuid;
static char *second_uuid;
static char *deck_uuid;

static LankaWindow *
open_window (int width)
{
  LankaWindow *window;

  lanka_test_ensure_unlocked (app);

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  lanka_test_iterate_until (lanka_test_is_mapped, window);
  lanka_window_set_visible_part (window, "training");
  lanka_test_iterate_a_while ();

  return window;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* A slide deck drawn in memory: one page per text. */
static GBytes *
make_pdf (const char         *title,
          const char * const *pages)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, array, 842, 595);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cr = cairo_create (surface);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 28");

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, 700 * PANGO_SCALE);
      pango_layout_set_text (layout, pages[i], -1);
      cairo_move_to (cr, 60, 80);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);

      pango_font_description_free (font);
      g_object_unref (layout);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (array);
}

static GFile *
write_file (const char *name,
            GBytes     *bytes)
{
  g_autofree char *dir = g_build_filename (data_dir, "chosen", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GtkSingleSelection *
get_grid_selection (LankaTrainingView *view)
{
  GtkGridView *grid = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "grid_view"));

  return GTK_SINGLE_SELECTION (gtk_grid_view_get_model (grid));
}

/* The grid gets its model when it is first on screen: before, it shows
 * no cards.
 */
static guint
n_cards (LankaTrainingView *view)
{
  GtkSingleSelection *selection = get_grid_selection (view);
  GListModel *model = selection != NULL ? gtk_single_selection_get_model (selection) : NULL;

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static const char *
visible_child (LankaTrainingView *view,
               const char        *stack_id)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (lanka_test_find_by_id (GTK_WIDGET (view), stack_id)));
}

static gboolean
import_is_done (gpointer dialog)
{
  return !lanka_material_import_dialog_is_busy (dialog);
}

static GListModel *
list_course (const char *course_uuid)
{
  LankaMaterialFilter filter = { .collection_uuid = course_uuid };
  g_autoptr(GError) error = NULL;
  GListModel *items;

  items = lanka_materials_list (lanka_application_get_database (app), &filter, &error);
  g_assert_no_error (error);

  return items;
}

static const char *
item_uuid (GListModel *model,
           guint       position)
{
  g_autoptr(LankaRecord) item = g_list_model_get_item (model, position);

  /* The model keeps its items. */
  return lanka_record_get_uuid (item);
}

/* A new library says it is empty, and how to fill it. */
static void
test_empty (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  AdwStatusPage *status;

  g_assert_true (lanka_training_view_get_database (view) == lanka_application_get_database (app));
  g_assert_cmpuint (n_cards (view), ==, 0);
  g_assert_cmpstr (visible_child (view, "library_stack"), ==, "empty");

  status = lanka_test_visible_status_page (GTK_WIDGET (view));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, _("No Training Material Yet"));
  g_assert_nonnull (lanka_test_find_button (GTK_WIDGET (status), _("_Import Material…")));
}

/* Two good decks, a copy of one and a broken file: the good ones are
 * kept, the copy is named as already there, the broken one refused.
 */
static void
test_import (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  const char *first_pages[] = { "Tecken på människohandel",
                                "Tvångsarbete i restaurangbranschen",
                                "Kontakta polisen och socialtjänsten", NULL };
  const char *second_pages[] = { "Regional samverkan", "Länsstyrelsens uppdrag", NULL };
  g_autoptr(GBytes) first = make_pdf (FIRST_TITLE, first_pages);
  g_autoptr(GBytes) second = make_pdf (SECOND_TITLE, second_pages);
  g_autoptr(GBytes) broken = g_bytes_new_static ("%PDF-1.4\nthis is not a PDF\n", 25);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) first_file = write_file ("identifiering.pdf", first);
  g_autoptr(GFile) second_file = write_file ("samverkan.pdf", second);
  g_autoptr(GFile) copy_file = write_file ("kopia.pdf", first);
  g_autoptr(GFile) broken_file = write_file ("trasig.pdf", broken);
  LankaMaterialImportDialog *dialog;
  GtkSingleSelection *selection;
  g_autoptr(LankaRecord) selected = NULL;
  GtkWidget *row;
  GtkWidget *grid;

  g_list_store_append (files, first_file);
  g_list_store_append (files, second_file);
  g_list_store_append (files, copy_file);
  g_list_store_append (files, broken_file);

  lanka_training_view_import_files (view, G_LIST_MODEL (files));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_MATERIAL_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (import_is_done, dialog);
  lanka_test_iterate_a_while ();

  g_assert_cmpuint (lanka_material_import_dialog_get_n_imported (dialog), ==, 2);

  /* The copy is named after what the library already has. */
  g_assert_nonnull (strstr (lanka_material_import_dialog_get_outcome (dialog, 2), FIRST_TITLE));
  row = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "kopia.pdf");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), FIRST_TITLE));

  /* The broken file says why, marked as an error. */
  row = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "trasig.pdf");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");
  g_assert_nonnull (lanka_test_find_styled (row, GTK_TYPE_IMAGE, "error"));
  g_assert_cmpstr (lanka_material_import_dialog_get_outcome (dialog, 3), ==,
                   adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  lanka_test_iterate_a_while ();

  /* The grid shows both, by title, and the first new one is chosen. */
  g_assert_cmpuint (n_cards (view), ==, 2);
  g_assert_cmpstr (visible_child (view, "library_stack"), ==, "grid");
  grid = lanka_test_find_by_id (GTK_WIDGET (view), "grid_view");
  g_assert_nonnull (lanka_test_find_label (grid, FIRST_TITLE));
  g_assert_nonnull (lanka_test_find_label (grid, SECOND_TITLE));

  selection = get_grid_selection (view);
  selected = gtk_single_selection_get_selected_item (selection) != NULL
    ? g_object_ref (gtk_single_selection_get_selected_item (selection)) : NULL;
  g_assert_nonnull (selected);
  g_assert_cmpstr (lanka_record_get (selected, "title"), ==, FIRST_TITLE);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LankaRecord) material = g_list_model_get_item (gtk_single_selection_get_model (selection), i);

      if (g_str_equal (lanka_record_get (material, "title"), FIRST_TITLE))
        first_uuid = g_strdup (lanka_record_get_uuid (material));
      else
        second_uuid = g_strdup (lanka_record_get_uuid (material));
    }
  g_assert_nonnull (first_uuid);
  g_assert_nonnull (second_uuid);
}

static void
choose (GtkDropDown *dropdown,
        const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }

  g_error ("No choice “%s”", label);
}

/* The facets narrow the grid; none matching says so. */
static void
test_facets (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaDatabase *database = lanka_application_get_database (app);
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  const char *topics[] = { "identification", NULL };
  GtkDropDown *topic = GTK_DROP_DOWN (lanka_test_find_by_id (GTK_WIDGET (view), "topic_dropdown"));
  GtkDropDown *kind = GTK_DROP_DOWN (lanka_test_find_by_id (GTK_WIDGET (view), "kind_dropdown"));
  g_autoptr(LankaRecord) shown = NULL;

  material = lanka_materials_get (database, first_uuid, &error);
  g_assert_no_error (error);
  lanka_record_set_list (material, "topics", topics);
  lanka_materials_save (database, material, &error);
  g_assert_no_error (error);

  /* The first entry of each list is "any". */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (topic)), 0), ==,
                   _("Any topic"));

  choose (topic, lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_TOPIC, "identification"));
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (n_cards (view), ==, 1);
  shown = g_list_model_get_item (gtk_single_selection_get_model (get_grid_selection (view)), 0);
  g_assert_cmpstr (lanka_record_get_uuid (shown), ==, first_uuid);
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (view), FIRST_TITLE));
  g_assert_null (lanka_test_find_label (GTK_WIDGET (view), SECOND_TITLE));

  choose (kind, lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_KIND, "video"));
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (n_cards (view), ==, 0);
  g_assert_cmpstr (visible_child (view, "library_stack"), ==, "no-match");
  g_assert_cmpstr (adw_status_page_get_title (lanka_test_visible_status_page (GTK_WIDGET (view))), ==,
                   _("No Material Matches"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.clear-facets", NULL));
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (n_cards (view), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (topic), ==, 0);
}

/* The material's page, made when a material is first opened. */
static LankaMaterialDetails *
find_details (LankaTrainingView *view)
{
  GtkWidget *details = lanka_test_find_child (GTK_WIDGET (view), LANKA_TYPE_MATERIAL_DETAILS);

  g_assert_nonnull (details);
  return LANKA_MATERIAL_DETAILS (details);
}

static gboolean
is_page_button (GtkWidget     *widget,
                gconstpointer  page)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "lanka-page-hit") &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), page) == 0;
}

/* A word on the second page finds that page, and the page's button opens
 * the material there.
 */
static void
test_search (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  GtkWidget *results = NULL;
  GtkWidget *button;
  LankaMaterialDetails *details;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean bold = FALSE;

  lanka_training_view_set_search_text (view, "restaurang");
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "search");
  g_assert_cmpstr (visible_child (view, "search_stack"), ==, "results");

  results = lanka_test_find_by_id (GTK_WIDGET (view), "results_list");
  g_assert_nonnull (lanka_test_find_label (results, FIRST_TITLE));
  g_assert_null (lanka_test_find_label (results, SECOND_TITLE));

  /* The matched word is shown bold. */
  labels = lanka_test_collect_widgets (results, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (labels->pdata[i]), "<b>") != NULL &&
        gtk_label_get_use_markup (labels->pdata[i]))
      bold = TRUE;
  g_assert_true (bold);

  button = lanka_test_find_widget (results, is_page_button, "2");
  g_assert_nonnull (button);
  g_assert_null (lanka_test_find_widget (results, is_page_button, "3"));
  g_signal_emit_by_name (button, "clicked");
  lanka_test_iterate_a_while ();

  g_assert_cmpstr (lanka_training_view_get_shown_uuid (view), ==, first_uuid);
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "material");
  details = find_details (view);
  g_assert_cmpuint (lanka_material_viewer_get_page (lanka_material_details_get_viewer (details)), ==, 2);

  /* Back returns to the results. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.back", NULL));
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "search");

  lanka_training_view_set_search_text (view, "xylofonorkester");
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (visible_child (view, "search_stack"), ==, "no-results");
  g_assert_cmpstr (adw_status_page_get_title (lanka_test_visible_status_page (GTK_WIDGET (view))), ==,
                   _("No Results Found"));

  lanka_training_view_set_search_text (view, "");
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "library");
}

/* On a phone-wide window the results are beside the sidebar: Enter in
 * the search field shows them, and a snippet reads as one line.
 */
static void
test_search_narrow (void)
{
  LankaWindow *window = open_window (360);
  LankaTrainingView *view = window->training_view;
  AdwLeaflet *leaflet = ADW_LEAFLET (lanka_test_find_by_id (GTK_WIDGET (view), "leaflet"));
  GtkWidget *entry = lanka_test_find_by_id (GTK_WIDGET (view), "search_entry");
  GtkWidget *results;
  g_autoptr(GPtrArray) labels = NULL;

  lanka_test_iterate_a_while ();
  g_assert_true (adw_leaflet_get_folded (leaflet));

  lanka_training_view_set_search_text (view, "restaurang");
  lanka_test_iterate_a_while ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == lanka_test_find_by_id (GTK_WIDGET (view), "sidebar"));

  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_a_while ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == lanka_test_find_by_id (GTK_WIDGET (view), "content"));
  g_assert_cmpstr (visible_child (view, "search_stack"), ==, "results");

  results = lanka_test_find_by_id (GTK_WIDGET (view), "results_list");
  labels = lanka_test_collect_widgets (results, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    g_assert_null (strchr (gtk_label_get_label (labels->pdata[i]), '\n'));

  lanka_training_view_set_search_text (view, "");
}

static GtkWidget *
find_course_row (LankaTrainingView *view,
                 const char        *title)
{
  GtkWidget *course_view = lanka_test_find_by_id (GTK_WIDGET (view), "course_view");
  g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (course_view, GTK_TYPE_BOX);

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_has_css_class (rows->pdata[i], "lanka-course-item") &&
        lanka_test_find_label (rows->pdata[i], title) != NULL)
      return rows->pdata[i];

  return NULL;
}

/* Finds the key binding on @widget and uses it, as pressing the keys
 * does when the widget has the focus.
 */
static void
press_shortcut (GtkWidget  *widget,
                const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, accelerator))
            {
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL);
              return;
            }
        }
    }

  g_error ("No shortcut %s", accelerator);
}

/* A course made in the dialog, filled from the material's page, and
 * reordered with the keyboard and the row's menu: the order is stored.
 */
static void
test_course (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaMaterialDetails *details;
  GtkWidget *course_view = lanka_test_find_by_id (GTK_WIDGET (view), "course_view");
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(LankaRecord) course = NULL;
  g_autoptr(GListModel) items = NULL;
  GtkSingleSelection *selection;
  LankaCourseDialog *dialog;
  GtkWidget *title_row;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.new-course", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_COURSE_DIALOG);
  g_assert_nonnull (dialog);

  /* A course needs a title. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "course.save", NULL));
  title_row = lanka_test_find_by_id (GTK_WIDGET (dialog), "title_row");
  g_assert_true (gtk_widget_has_css_class (title_row, "error"));
  g_assert_true (lanka_test_find_toplevel (LANKA_TYPE_COURSE_DIALOG) == (gpointer)dialog);

  gtk_editable_set_text (GTK_EDITABLE (title_row), "Introduktion för polisen");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "course.save", NULL));
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_COURSE_DIALOG));

  courses = lanka_collections_list (lanka_application_get_database (app), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (courses), ==, 1);
  course = g_list_model_get_item (courses, 0);
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "course");
  g_assert_cmpstr (visible_child (view, "course_stack"), ==, "empty");
  g_assert_nonnull (lanka_test_find_label (lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_list"),
                                           "Introduktion för polisen"));

  /* Added from each material's page, in this order. */
  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  details = find_details (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "material.add-to-course", "s",
                                             lanka_record_get_uuid (course)));
  g_assert_true (lanka_training_view_show_material (view, second_uuid, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "material.add-to-course", "s",
                                             lanka_record_get_uuid (course)));

  row = lanka_test_find_label (lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_list"),
                               "Introduktion för polisen");
  gtk_widget_activate (gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "course");
  g_assert_cmpstr (visible_child (view, "course_stack"), ==, "list");
  g_assert_nonnull (find_course_row (view, FIRST_TITLE));
  g_assert_nonnull (find_course_row (view, SECOND_TITLE));

  items = list_course (lanka_record_get_uuid (course));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_cmpstr (item_uuid (items, 0), ==, first_uuid);
  g_clear_object (&items);

  /* Alt+Down on the first row moves it down. */
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (course_view)));
  gtk_single_selection_set_selected (selection, 0);
  press_shortcut (course_view, "<Alt>Down");
  lanka_test_iterate_a_while ();
  items = list_course (lanka_record_get_uuid (course));
  g_assert_cmpstr (item_uuid (items, 0), ==, second_uuid);
  g_assert_cmpstr (item_uuid (items, 1), ==, first_uuid);
  g_clear_object (&items);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  /* Move Up in the first material's menu puts it back. */
  row = find_course_row (view, FIRST_TITLE);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, "row.move-up", NULL));
  lanka_test_iterate_a_while ();
  items = list_course (lanka_record_get_uuid (course));
  g_assert_cmpstr (item_uuid (items, 0), ==, first_uuid);
  g_assert_cmpstr (item_uuid (items, 1), ==, second_uuid);
  g_clear_object (&items);

  /* Nothing moves past the ends. */
  gtk_single_selection_set_selected (selection, 0);
  press_shortcut (course_view, "<Alt>Up");
  items = list_course (lanka_record_get_uuid (course));
  g_assert_cmpstr (item_uuid (items, 0), ==, first_uuid);
}

/* The material's page saves a new title, and refuses an empty one
 * without losing what was typed.
 */
static void
test_details_save (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaMaterialDetails *details;
  GtkWidget *title_row;
  GtkWidget *error_label;
  GtkWidget *sidebar_list = lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_list");
  g_autoptr(LankaRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *library;

  /* From the library's grid, as a person opens a card. */
  library = lanka_test_find_label (sidebar_list, _("Library"));
  g_assert_nonnull (library);
  gtk_widget_activate (gtk_widget_get_ancestor (library, GTK_TYPE_LIST_BOX_ROW));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "library");

  g_assert_true (lanka_training_view_show_material (view, second_uuid, 0));
  details = find_details (view);
  title_row = lanka_test_find_by_id (GTK_WIDGET (details), "title_row");
  error_label = lanka_test_find_by_id (GTK_WIDGET (details), "error_label");
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, SECOND_TITLE);

  gtk_editable_set_text (GTK_EDITABLE (title_row), "Samverkan i Skåne");
  g_assert_true (lanka_material_details_get_modified (details));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "material.save", NULL));
  stored = lanka_materials_get (lanka_application_get_database (app), second_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_record_get (stored, "title"), ==, "Samverkan i Skåne");
  g_assert_false (lanka_material_details_get_modified (details));
  g_clear_object (&stored);

  gtk_editable_set_text (GTK_EDITABLE (title_row), "   ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "material.save", NULL));
  lanka_test_iterate_a_while ();
  g_assert_true (gtk_widget_has_css_class (title_row, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, _("The material needs a title."));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "   ");
  g_assert_true (lanka_material_details_get_modified (details));
  stored = lanka_materials_get (lanka_application_get_database (app), second_uuid, &error);
  g_assert_cmpstr (lanka_record_get (stored, "title"), ==, "Samverkan i Skåne");

  /* Put right, the title is saved on the way out. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Samverkan i Skåne län");

  /* Back in the library, the card shows the saved title. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.back", NULL));
  lanka_test_iterate_a_while ();
  g_assert_nonnull (lanka_test_find_label (lanka_test_find_by_id (GTK_WIDGET (view), "grid_view"),
                                           "Samverkan i Skåne län"));
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Locking lets go of everything the part showed. */
static void
test_lock_empties (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaMaterialDetails *details;
  GtkWidget *sidebar_list = lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_list");
  GtkWidget *search_entry = lanka_test_find_by_id (GTK_WIDGET (view), "search_entry");

  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  details = find_details (view);
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "polisen");
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (n_cards (view), >, 0);

  lanka_training_view_set_database (view, NULL);
  lanka_test_iterate_a_while ();

  g_assert_null (lanka_training_view_get_database (view));
  g_assert_cmpuint (n_cards (view), ==, 0);
  g_assert_null (gtk_widget_get_first_child (sidebar_list));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry)), ==, "");
  g_assert_null (lanka_material_details_get_material (details));
  g_assert_null (lanka_training_view_get_shown_uuid (view));
  g_assert_null (gtk_widget_get_first_child (lanka_test_find_by_id (GTK_WIDGET (view), "results_list")));

  /* The window gives it the database again. */
  lanka_training_view_set_database (view, lanka_application_get_database (app));
  g_assert_cmpuint (n_cards (view), ==, 2);
}

static gboolean
has_message_dialog (gpointer data)
{
  return lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
has_no_message_dialog (gpointer data)
{
  return lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* The question about edits that cannot be saved, answered as its button
 * does: the answer, then the dialog closes.
 */
static void
answer_discard_question (const char *response)
{
  AdwMessageDialog *dialog;

  lanka_test_iterate_until (has_message_dialog, NULL);
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Discard Changes?"));
  /* It says what is wrong. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), _("The material needs a title.")));
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));

  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_message_dialog, NULL);
  lanka_test_iterate_a_while ();
}

static char *
dup_stored_title (const char *uuid)
{
  g_autoptr(LankaRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = lanka_materials_get (lanka_application_get_database (app), uuid, &error);
  g_assert_no_error (error);

  return g_strdup (lanka_record_get (stored, "title"));
}

static GtkWidget *
find_sidebar_row (LankaTrainingView *view,
                  const char        *title)
{
  GtkWidget *label = lanka_test_find_label (lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_list"), title);

  g_assert_nonnull (label);

  return gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
}

/* Leaving a material's page never loses what the trainer typed: valid
 * edits are saved on the way out; a title removed keeps the page open
 * and asks, and Discard leaves the stored title as it was.
 */
static void
test_leave_unsaved (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaMaterialDetails *details;
  GtkWidget *title_row;
  GtkListBox *sidebar_list = GTK_LIST_BOX (lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_list"));
  GtkWidget *library = find_sidebar_row (view, _("Library"));
  GtkWidget *course = find_sidebar_row (view, "Introduktion för polisen");
  g_autofree char *title = NULL;

  gtk_widget_activate (library);
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "library");

  /* A new title, then Back: saved, and the grid shows it. */
  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  details = find_details (view);
  title_row = lanka_test_find_by_id (GTK_WIDGET (details), "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Identifiering – grundkurs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.back", NULL));
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "library");
  title = dup_stored_title (first_uuid);
  g_assert_cmpstr (title, ==, "Identifiering – grundkurs");
  g_clear_pointer (&title, g_free);
  g_assert_false (lanka_material_details_get_modified (details));
  g_assert_nonnull (lanka_test_find_label (lanka_test_find_by_id (GTK_WIDGET (view), "grid_view"),
                                           "Identifiering – grundkurs"));

  /* The title removed, Back asks; Keep Editing stays with the text. */
  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.back", NULL));
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "material");
  g_assert_true (gtk_widget_has_css_class (title_row, "error"));
  answer_discard_question ("keep");
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "material");
  g_assert_cmpstr (lanka_training_view_get_shown_uuid (view), ==, first_uuid);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "");
  g_assert_true (lanka_material_details_get_modified (details));

  /* Choosing a course asks too, and the library stays chosen. */
  gtk_list_box_select_row (sidebar_list, GTK_LIST_BOX_ROW (course));
  answer_discard_question ("keep");
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "material");
  g_assert_true (gtk_list_box_get_selected_row (sidebar_list) == GTK_LIST_BOX_ROW (library));

  /* So does a search; Discard goes on to the results. */
  lanka_training_view_set_search_text (view, "restaurang");
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "material");
  answer_discard_question ("discard");
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "search");
  g_assert_false (lanka_material_details_get_modified (details));
  title = dup_stored_title (first_uuid);
  g_assert_cmpstr (title, ==, "Identifiering – grundkurs");
  g_clear_pointer (&title, g_free);
  lanka_training_view_set_search_text (view, "");

  /* Discard on Back leaves the page; the stored title stays. */
  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "   ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.back", NULL));
  answer_discard_question ("discard");
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "library");
  g_assert_false (lanka_material_details_get_modified (details));
  title = dup_stored_title (first_uuid);
  g_assert_cmpstr (title, ==, "Identifiering – grundkurs");
  g_clear_pointer (&title, g_free);

  /* Opening another material, and choosing a course, save on the way. */
  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Identifiering – fördjupning");
  g_assert_true (lanka_training_view_show_material (view, second_uuid, 0));
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (lanka_training_view_get_shown_uuid (view), ==, second_uuid);
  title = dup_stored_title (first_uuid);
  g_assert_cmpstr (title, ==, "Identifiering – fördjupning");
  g_clear_pointer (&title, g_free);

  gtk_editable_set_text (GTK_EDITABLE (title_row), "Samverkan i Skåne");
  gtk_list_box_select_row (sidebar_list, GTK_LIST_BOX_ROW (course));
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "course");
  title = dup_stored_title (second_uuid);
  g_assert_cmpstr (title, ==, "Samverkan i Skåne");
  g_clear_pointer (&title, g_free);
  g_assert_nonnull (find_course_row (view, "Samverkan i Skåne"));
}

/* Locking saves valid edits before the database closes; a material
 * without a title cannot be saved, and keeps the title it had.
 */
static void
test_lock_saves (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaMaterialDetails *details;
  GtkWidget *title_row;
  g_autofree char *title = NULL;

  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  details = find_details (view);
  title_row = lanka_test_find_by_id (GTK_WIDGET (details), "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), FIRST_TITLE);
  lanka_application_lock (app);
  g_assert_null (lanka_training_view_get_database (view));
  g_assert_null (lanka_material_details_get_material (details));
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  window = open_window (1100);
  g_assert_true (window->training_view == view);
  title = dup_stored_title (first_uuid);
  g_assert_cmpstr (title, ==, FIRST_TITLE);
  g_clear_pointer (&title, g_free);

  /* Asked about an empty title, and then locked: nobody is there to
   * answer, the question goes and the stored title stays.
   */
  g_assert_true (lanka_training_view_show_material (view, first_uuid, 0));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.back", NULL));
  lanka_test_iterate_until (has_message_dialog, NULL);
  lanka_application_lock (app);
  g_assert_null (lanka_material_details_get_material (details));
  lanka_test_iterate_until (has_no_message_dialog, NULL);

  open_window (1100);
  title = dup_stored_title (first_uuid);
  g_assert_cmpstr (title, ==, FIRST_TITLE);
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "library");
}

/* Closing the window keeps valid edits too: nobody is there to see a
 * question, and the database is still open.
 */
static void
test_close_saves (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaMaterialDetails *details;
  GtkWidget *title_row;
  g_autofree char *title = NULL;

  g_assert_true (lanka_training_view_show_material (view, second_uuid, 0));
  details = find_details (view);
  title_row = lanka_test_find_by_id (GTK_WIDGET (details), "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), SECOND_TITLE);
  lanka_test_close_window (GTK_WINDOW (window));
  g_assert_null (lanka_application_get_window (app));

  title = dup_stored_title (second_uuid);
  g_assert_cmpstr (title, ==, SECOND_TITLE);
}

static const double deck_colours[][3] = {
  { 0.8, 0.1, 0.1 },
  { 0.1, 0.7, 0.2 },
  { 0.1, 0.2, 0.8 },
};

/* Three pages, each filled with its colour, so that the page on screen
 * can be told by its middle.
 */
static GBytes *
make_coloured_deck (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, array, 640, 360);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, DECK_TITLE);
  cr = cairo_create (surface);

  for (guint i = 0; i < G_N_ELEMENTS (deck_colours); i++)
    {
      cairo_set_source_rgb (cr, deck_colours[i][0], deck_colours[i][1], deck_colours[i][2]);
      cairo_paint (cr);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (array);
}

/* The page of the deck @picture shows, by the colour at its middle; -1
 * for none yet.
 */
static int
shown_page (GtkPicture *picture)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (picture);
  g_autofree guchar *data = NULL;
  const guchar *pixel;
  int width;
  int height;

  if (!GDK_IS_TEXTURE (paintable))
    return -1;

  width = gdk_texture_get_width (GDK_TEXTURE (paintable));
  height = gdk_texture_get_height (GDK_TEXTURE (paintable));
  data = g_malloc ((gsize)width * height * 4);
  gdk_texture_download (GDK_TEXTURE (paintable), data, (gsize)width * 4);
  /* BGRA */
  pixel = data + ((gsize)(height / 2) * width + width / 2) * 4;

  for (guint i = 0; i < G_N_ELEMENTS (deck_colours); i++)
    if (ABS (pixel[2] - deck_colours[i][0] * 255) < 24 &&
        ABS (pixel[1] - deck_colours[i][1] * 255) < 24 &&
        ABS (pixel[0] - deck_colours[i][2] * 255) < 24)
      return i;

  return -1;
}

static gboolean
audience_shows_first_page (gpointer data)
{
  LankaAudienceWindow *audience = lanka_test_find_toplevel (LANKA_TYPE_AUDIENCE_WINDOW);

  return audience != NULL && shown_page (lanka_audience_window_get_picture (audience)) == 0;
}

static gboolean
has_monitor_dialog (gpointer data)
{
  return lanka_test_find_toplevel (LANKA_TYPE_MONITOR_DIALOG) != NULL;
}

static gboolean
has_presenter_windows (gpointer data)
{
  return lanka_test_find_toplevel (LANKA_TYPE_PRESENTER_CONSOLE) != NULL &&
         lanka_test_find_toplevel (LANKA_TYPE_AUDIENCE_WINDOW) != NULL;
}

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        n++;
    }

  return n;
}

static void
on_presenter_ended_cb (LankaPresenter *presenter,
                       guint          *n_ended)
{
  (*n_ended)++;
}

/* Asks for the screens, as F5 does, and waits for the dialog. */
static LankaMonitorDialog *
present_and_wait (LankaWindow *window)
{
  LankaMonitorDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  lanka_test_iterate_until (has_monitor_dialog, NULL);
  dialog = lanka_test_find_toplevel (LANKA_TYPE_MONITOR_DIALOG);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  return dialog;
}

/* Present on a material's page asks for the screens first; Start opens
 * the console and the audience view at the first page.  F5 again starts
 * nothing new, and locking closes both windows.
 */
static void
test_present (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  g_autoptr(GBytes) deck = make_coloured_deck ();
  g_autoptr(GFile) file = write_file ("tre-farger.pdf", deck);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  LankaMaterialImportDialog *import;
  LankaMonitorDialog *dialog;
  LankaPresenter *presenter;
  GtkSwitch *rehearsal;
  GtkWindow *console;
  guint n_ended = 0;

  g_list_store_append (files, file);
  lanka_training_view_import_files (view, G_LIST_MODEL (files));
  import = lanka_test_find_toplevel (LANKA_TYPE_MATERIAL_IMPORT_DIALOG);
  g_assert_nonnull (import);
  lanka_test_iterate_until (import_is_done, import);
  g_assert_cmpuint (lanka_material_import_dialog_get_n_imported (import), ==, 1);
  gtk_window_destroy (GTK_WINDOW (import));
  lanka_test_iterate_a_while ();

  {
    g_autoptr(LankaRecord) selected = g_object_ref (gtk_single_selection_get_selected_item (get_grid_selection (view)));

    g_assert_cmpstr (lanka_record_get (selected, "title"), ==, DECK_TITLE);
    deck_uuid = g_strdup (lanka_record_get_uuid (selected));
  }
  g_assert_true (lanka_training_view_show_material (view, deck_uuid, 0));
  lanka_test_iterate_a_while ();

  /* Cancelled, nothing opens and nothing is left running. */
  dialog = present_and_wait (window);
  g_assert_nonnull (lanka_training_view_get_presenter (view));
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_training_view_get_presenter (view));
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_PRESENTER_CONSOLE));

  /* One screen here: rehearsal, both as ordinary windows. */
  dialog = present_and_wait (window);
  rehearsal = GTK_SWITCH (lanka_test_find_by_id (GTK_WIDGET (dialog), "rehearsal_switch"));
  if (!gtk_switch_get_active (rehearsal))
    gtk_switch_set_active (rehearsal, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "monitor.start", NULL));
  lanka_test_iterate_until (has_presenter_windows, NULL);
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_MONITOR_DIALOG));

  presenter = lanka_training_view_get_presenter (view);
  g_assert_nonnull (presenter);
  g_signal_connect (presenter, "ended", G_CALLBACK (on_presenter_ended_cb), &n_ended);
  g_assert_true (lanka_presenter_get_rehearsal (presenter));
  g_assert_cmpuint (lanka_presenter_get_n_slides (presenter), ==, 3);
  g_assert_cmpuint (lanka_presentation_get_current (lanka_presenter_get_presentation (presenter)), ==, 0);
  lanka_test_iterate_until (audience_shows_first_page, NULL);
  console = lanka_presenter_get_console (presenter);
  g_assert_true (LANKA_IS_PRESENTER_CONSOLE (console));
  g_assert_true (LANKA_IS_AUDIENCE_WINDOW (lanka_presenter_get_audience (presenter)));

  /* F5 again: the same presentation, no second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_MONITOR_DIALOG));
  g_assert_true (lanka_training_view_get_presenter (view) == presenter);
  g_assert_cmpuint (count_toplevels (LANKA_TYPE_PRESENTER_CONSOLE), ==, 1);
  g_assert_cmpuint (count_toplevels (LANKA_TYPE_AUDIENCE_WINDOW), ==, 1);
  g_assert_cmpuint (n_ended, ==, 0);

  /* What locking does: both windows close, the presentation ends. */
  lanka_training_view_set_database (view, NULL);
  g_assert_cmpuint (n_ended, ==, 1);
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_training_view_get_presenter (view));
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_PRESENTER_CONSOLE));
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_AUDIENCE_WINDOW));

  lanka_training_view_set_database (view, lanka_application_get_database (app));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      /* The widget keeps it. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* The row of the course at @position, by the number it shows. */
static GtkWidget *
find_course_row_at (LankaTrainingView *view,
                    guint              position)
{
  GtkWidget *course_view = lanka_test_find_by_id (GTK_WIDGET (view), "course_view");
  g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (course_view, GTK_TYPE_BOX);
  g_autofree char *number = g_strdup_printf ("%u", position + 1);

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_has_css_class (rows->pdata[i], "lanka-course-item") &&
        lanka_test_find_label (rows->pdata[i], number) != NULL)
      return rows->pdata[i];

  return NULL;
}

/* Drags the row at @from onto the row at @to: what the row's drag source
 * gives is dropped on the other row's drop target, as GTK does when the
 * pointer lets go.
 */
static void
drag_row (LankaTrainingView *view,
          guint              from,
          guint              to)
{
  GtkWidget *source_row = find_course_row_at (view, from);
  GtkWidget *target_row = find_course_row_at (view, to);
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  GtkEventController *source;
  GtkEventController *target;
  gboolean dropped = FALSE;

  g_assert_nonnull (source_row);
  g_assert_nonnull (target_row);
  source = find_controller (source_row, GTK_TYPE_DRAG_SOURCE);
  target = find_controller (target_row, GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (source);
  g_assert_nonnull (target);

  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
  g_assert_nonnull (content);

  /* The drop target takes what the source offers. */
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (target)),
                                                    G_TYPE_UINT));
  g_value_init (&value, G_TYPE_UINT);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (target, "drop", &value, 4.0, 4.0, &dropped);
  g_assert_true (dropped);
  lanka_test_iterate_a_while ();
}

/* A course reordered by dragging: the order is stored. */
static void
test_course_drop (void)
{
  LankaWindow *window = open_window (1100);
  LankaTrainingView *view = window->training_view;
  LankaMaterialDetails *details;
  g_autoptr(GListModel) courses = lanka_collections_list (lanka_application_get_database (app), NULL);
  g_autoptr(LankaRecord) course = g_list_model_get_item (courses, 0);
  const char *course_uuid = lanka_record_get_uuid (course);
  g_autoptr(GListModel) items = NULL;

  g_assert_true (lanka_training_view_show_material (view, deck_uuid, 0));
  details = find_details (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "material.add-to-course", "s", course_uuid));
  gtk_widget_activate (find_sidebar_row (view, "Introduktion för polisen"));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (visible_child (view, "content_stack"), ==, "course");

  items = list_course (course_uuid);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_cmpstr (item_uuid (items, 0), ==, first_uuid);
  g_assert_cmpstr (item_uuid (items, 1), ==, second_uuid);
  g_assert_cmpstr (item_uuid (items, 2), ==, deck_uuid);
  g_clear_object (&items);

  /* The first onto the last: the others move up. */
  drag_row (view, 0, 2);
  items = list_course (course_uuid);
  g_assert_cmpstr (item_uuid (items, 0), ==, second_uuid);
  g_assert_cmpstr (item_uuid (items, 1), ==, deck_uuid);
  g_assert_cmpstr (item_uuid (items, 2), ==, first_uuid);
  g_clear_object (&items);

  /* And the list on screen shows that order. */
  g_assert_nonnull (lanka_test_find_label (find_course_row_at (view, 1), DECK_TITLE));

  /* The last back onto the first. */
  drag_row (view, 2, 0);
  items = list_course (course_uuid);
  g_assert_cmpstr (item_uuid (items, 0), ==, first_uuid);
  g_assert_cmpstr (item_uuid (items, 1), ==, second_uuid);
  g_assert_cmpstr (item_uuid (items, 2), ==, deck_uuid);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  lanka_test_ui_init (&argc, &argv);
  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  g_test_add_func ("/ui/training/empty", test_empty);
  g_test_add_func ("/ui/training/import", test_import);
  g_test_add_func ("/ui/training/facets", test_facets);
  g_test_add_func ("/ui/training/search", test_search);
  g_test_add_func ("/ui/training/search-narrow", test_search_narrow);
  g_test_add_func ("/ui/training/course", test_course);
  g_test_add_func ("/ui/training/details-save", test_details_save);
  g_test_add_func ("/ui/training/leave-unsaved", test_leave_unsaved);
  g_test_add_func ("/ui/training/lock-saves", test_lock_saves);
  g_test_add_func ("/ui/training/close-saves", test_close_saves);
  g_test_add_func ("/ui/training/lock-empties", test_lock_empties);
  g_test_add_func ("/ui/training/present", test_present);
  g_test_add_func ("/ui/training/course-drop", test_course_drop);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);
  g_clear_pointer (&data_dir, g_free);
  g_clear_pointer (&first_uuid, g_free);
  g_clear_pointer (&second_uuid, g_free);
  g_clear_pointer (&deck_uuid, g_free);

  return ret;
}
