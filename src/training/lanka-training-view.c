/* lanka-training-view.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-training-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-application.h"
#include "lanka-course-dialog.h"
#include "lanka-iso-codes.h"
#include "lanka-material-details.h"
#include "lanka-material-import-dialog.h"
#include "lanka-material-import.h"
#include "lanka-materials.h"
#include "lanka-presenter.h"
#include "lanka-store-error.h"
#include "lanka-training-view.h"
#include "lanka-vocabulary.h"

/* Where the person was going when the material's page held edits that
 * could not be saved: Discard goes on there.
 */
typedef enum
{
  LEAVE_BACK,
  LEAVE_TO_MATERIAL,
  LEAVE_TO_SIDEBAR,
  LEAVE_TO_SEARCH,
} LeaveTo;

/* The Training part: the library and the courses on the side; beside
 * them the library's grid of cards (narrowed by facets), search results
 * with the pages that match, a course's materials in order, or one
 * material's page.  Filtering, searching and ordering happen in the
 * store.  Thumbnails are decoded when a card is first shown and kept in
 * memory only, while the database is open.
 *
 * Länka starts on the Cases part, and the time to its first frame is
 * budgeted: so the library is read when the part is first shown (or
 * when something here is asked for before that), and the material's
 * page, with its viewer, is made when a material is first opened.
 */
struct _LankaTrainingView
{
  AdwBin                parent_instance;

  LankaDatabase        *database;
  LankaPresenter       *presenter;

  /* The material's page, once a material has been opened. */
  LankaMaterialDetails *details;

  GListModel           *materials;
  GtkSingleSelection   *grid_selection;
  GListStore           *course_items;
  GtkSingleSelection   *course_selection;
  LankaRecord          *course;
  GHashTable           *thumbnails;

  /* The codes behind the facet drop-downs; position 0 is "any". */
  GPtrArray            *kind_codes;
  GPtrArray            *topic_codes;
  GPtrArray            *audience_codes;
  GPtrArray            *language_codes;

  /* Where Back from a material's page returns: "library", "search" or
   * "course".
   */
  char                 *return_page;

  /* What the results on screen were found for.  The search field tells
   * of a change a moment after it happens, also of one made here.
   */
  char                 *query;

  /* The question asked when the material's page is left with edits that
   * cannot be saved, and where Discard goes then: back, to a material
   * (uuid, page), to the library or a course of the sidebar (uuid, or
   * %NULL for the library), or to the search results.
   */
  AdwMessageDialog     *leave_dialog;
  LeaveTo               leave_to;
  char                 *leave_uuid;
  guint                 leave_page;

  /* Locking is told here while the database is still open. */
  GSignalGroup         *application_signals;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkListBox           *sidebar_list;
  GtkRevealer          *back_revealer;
  GtkStack             *content_stack;
  GtkWidget            *library_page;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *topic_dropdown;
  GtkDropDown          *audience_dropdown;
  GtkDropDown          *language_dropdown;
  GtkStack             *library_stack;
  GtkGridView          *grid_view;
  AdwStatusPage        *library_error_status;
  GtkStack             *search_stack;
  GtkLabel             *search_count_label;
  GtkListBox           *results_list;
  AdwStatusPage        *search_error_status;
  GtkLabel             *course_title_label;
  GtkLabel             *course_subtitle_label;
  GtkStack             *course_stack;
  GtkListView          *course_view;
  AdwBin               *material_page;

  /* Set once the library of the database has been read. */
  guint                 loaded : 1;
  /* Set while the sidebar is rebuilt, not chosen from by a person. */
  guint                 filling_sidebar : 1;
  /* Set while edits are saved on the way out, with no one to show. */
  guint                 saving_quietly : 1;
};

G_DEFINE_FINAL_TYPE (LankaTrainingView, lanka_training_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void     update_actions     (LankaTrainingView *self);
static void     show_library       (LankaTrainingView *self);
static gboolean may_leave_material (LankaTrainingView *self,
                                    LeaveTo            to,
                                    const char        *uuid,
                                    guint              page);

#define ROW_COURSE_UUID "lanka-course-uuid"
#define ITEM_LIST_ITEM  "lanka-list-item"

static void
show_toast (LankaTrainingView *self,
            const char        *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static GtkWindow *
get_window (LankaTrainingView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static const char *
selected_code (GtkDropDown *dropdown,
               GPtrArray   *codes)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, position);
}

static const char *
get_visible_page (LankaTrainingView *self)
{
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* Cards */

static const char *
kind_icon_name (const char *kind)
{
  if (g_strcmp0 (kind, "slides") == 0)
    return "x-office-presentation-symbolic";
  if (g_strcmp0 (kind, "video") == 0)
    return "video-x-generic-symbolic";
  if (g_strcmp0 (kind, "image") == 0)
    return "image-x-generic-symbolic";
  if (g_strcmp0 (kind, "link") == 0)
    return "insert-link-symbolic";
  if (g_strcmp0 (kind, "note") == 0)
    return "text-x-generic-symbolic";

  return "x-office-document-symbolic";
}

/* "Presentation · 24 pages", "Film · 12 min", or the kind alone. */
static char *
describe_material (LankaRecord *material)
{
  const char *kind = lanka_record_get (material, "kind");
  const char *label = kind != NULL && lanka_vocabulary_contains (LANKA_VOCABULARY_MATERIAL_KIND, kind)
    ? lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_KIND, kind) : "";
  guint pages = (guint)MAX (0, lanka_record_get_int (material, "page_count", 0));
  guint minutes = (guint)MAX (0, lanka_record_get_int (material, "duration", 0));
  g_autofree char *detail = NULL;

  if ((g_strcmp0 (kind, "slides") == 0 || g_strcmp0 (kind, "document") == 0) && pages > 0)
    detail = g_strdup_printf (ngettext ("%u page", "%u pages", pages), pages);
  else if (minutes > 0)
    /* TRANSLATORS: a duration in minutes, short */
    detail = g_strdup_printf (ngettext ("%u min", "%u min", minutes), minutes);

  if (detail == NULL)
    return g_strdup (label);

  /* TRANSLATORS: a material's kind and its length, as in "Presentation · 24 pages" */
  return g_strdup_printf (_("%s · %s"), label, detail);
}

/* The thumbnail is read and decoded when a card first shows it, and kept
 * (or its absence) until the database closes.
 */
static GdkPaintable *
lookup_thumbnail (LankaTrainingView *self,
                  const char        *uuid)
{
  g_autoptr(GBytes) bytes = NULL;
  gpointer texture = NULL;

  if (g_hash_table_lookup_extended (self->thumbnails, uuid, NULL, &texture))
    return texture;

  if (self->database != NULL)
    bytes = lanka_materials_dup_thumbnail (self->database, uuid, NULL);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, NULL);

  g_hash_table_insert (self->thumbnails, g_strdup (uuid), texture);

  return texture;
}

static void
on_card_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  LankaTrainingView        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_stack_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "lanka-material-card");
  gtk_widget_set_size_request (frame, 160, 120);
  gtk_widget_add_css_class (frame, "lanka-material-thumbnail");
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_stack_add_named (GTK_STACK (frame), picture, "thumbnail");
  gtk_stack_add_named (GTK_STACK (frame), icon, "icon");

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");

  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);

  g_object_set_data (G_OBJECT (box), "lanka-frame", frame);
  g_object_set_data (G_OBJECT (box), "lanka-picture", picture);
  g_object_set_data (G_OBJECT (box), "lanka-icon", icon);
  g_object_set_data (G_OBJECT (box), "lanka-title", title);
  g_object_set_data (G_OBJECT (box), "lanka-subtitle", subtitle);

  gtk_list_item_set_child (list_item, box);
}

static void
on_card_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 LankaTrainingView        *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  LankaRecord *material = gtk_list_item_get_item (list_item);
  GdkPaintable *thumbnail = lookup_thumbnail (self, lanka_record_get_uuid (material));
  GtkWidget *frame = g_object_get_data (G_OBJECT (box), "lanka-frame");
  g_autofree char *subtitle = describe_material (material);
  const char *title = lanka_record_get (material, "title");

  gtk_picture_set_paintable (g_object_get_data (G_OBJECT (box), "lanka-picture"), thumbnail);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "lanka-icon"),
                                kind_icon_name (lanka_record_get (material, "kind")));
  gtk_stack_set_visible_child_name (GTK_STACK (frame), thumbnail != NULL ? "thumbnail" : "icon");
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "lanka-title"), title != NULL ? title : "");
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "lanka-subtitle"), subtitle);
}

static void
on_card_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   LankaTrainingView        *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  gtk_picture_set_paintable (g_object_get_data (G_OBJECT (box), "lanka-picture"), NULL);
}

/* Facets */

static void
append_codes (GtkStringList   *labels,
              GPtrArray       *codes,
              LankaVocabulary  vocabulary)
{
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);

      gtk_string_list_append (labels, lanka_vocabulary_get_label (vocabulary, code));
      g_ptr_array_add (codes, g_strdup (code));
    }
}

static void
on_facet_changed_cb (LankaTrainingView *self,
                     GParamSpec        *pspec,
                     GtkDropDown       *dropdown);

static void
setup_facet (GtkDropDown     *dropdown,
             GPtrArray       *codes,
             const char      *any_label,
             LankaVocabulary  vocabulary)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, any_label);
  g_ptr_array_add (codes, NULL);
  append_codes (labels, codes, vocabulary);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

/* The languages the library has, keeping the one chosen. */
static void
fill_language_facet (LankaTrainingView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *current = g_strdup (selected_code (self->language_dropdown, self->language_codes));
  g_auto(GStrv) languages = NULL;
  guint position = 0;

  if (self->database != NULL && self->loaded)
    languages = lanka_materials_dup_languages (self->database, NULL);

  g_ptr_array_set_size (self->language_codes, 0);
  g_ptr_array_add (self->language_codes, NULL);
  gtk_string_list_append (labels, _("Any language"));

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      const char *name = lanka_iso_language_get_name (languages[i]);

      if (g_strcmp0 (languages[i], current) == 0)
        position = self->language_codes->len;
      g_ptr_array_add (self->language_codes, g_strdup (languages[i]));
      gtk_string_list_append (labels, name != NULL ? name : languages[i]);
    }

  g_signal_handlers_block_by_func (self->language_dropdown, on_facet_changed_cb, self);
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->language_dropdown, position);
  g_signal_handlers_unblock_by_func (self->language_dropdown, on_facet_changed_cb, self);
}

static gboolean
get_facets (LankaTrainingView   *self,
            LankaMaterialFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->kind = selected_code (self->kind_dropdown, self->kind_codes);
  filter->topic = selected_code (self->topic_dropdown, self->topic_codes);
  filter->audience = selected_code (self->audience_dropdown, self->audience_codes);
  filter->language = selected_code (self->language_dropdown, self->language_codes);

  return filter->kind != NULL || filter->topic != NULL || filter->audience != NULL || filter->language != NULL;
}

/* The library */

static guint
find_material (GListModel *model,
               const char *uuid)
{
  for (guint i = 0; model != NULL && uuid != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LankaRecord) material = g_list_model_get_item (model, i);

      if (g_strcmp0 (lanka_record_get_uuid (material), uuid) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
reload_library (LankaTrainingView *self)
{
  g_autoptr(GListModel) materials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_uuid = NULL;
  LankaMaterialFilter filter;
  gboolean narrowed;
  guint position;

  if (self->database == NULL || !self->loaded)
    return;

  position = gtk_single_selection_get_selected (self->grid_selection);
  if (self->materials != NULL && position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(LankaRecord) selected = g_list_model_get_item (self->materials, position);

      selected_uuid = g_strdup (lanka_record_get_uuid (selected));
    }

  fill_language_facet (self);
  narrowed = get_facets (self, &filter);

  if (!(materials = lanka_materials_list (self->database, &filter, &error)))
    {
      adw_status_page_set_description (self->library_error_status, error->message);
      gtk_stack_set_visible_child_name (self->library_stack, "error");
      gtk_single_selection_set_model (self->grid_selection, NULL);
      g_clear_object (&self->materials);
      update_actions (self);
      return;
    }

  g_set_object (&self->materials, materials);
  gtk_single_selection_set_model (self->grid_selection, materials);
  gtk_single_selection_set_selected (self->grid_selection, find_material (materials, selected_uuid));

  if (g_list_model_get_n_items (materials) > 0)
    gtk_stack_set_visible_child_name (self->library_stack, "grid");
  else
    gtk_stack_set_visible_child_name (self->library_stack, narrowed ? "no-match" : "empty");

  update_actions (self);
}

static void
on_facet_changed_cb (LankaTrainingView *self,
                     GParamSpec        *pspec,
                     GtkDropDown       *dropdown)
{
  reload_library (self);
}

/* The sidebar */

static GtkWidget *
new_sidebar_row (const char *icon_name,
                 const char *title,
                 guint       count,
                 const char *course_uuid)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count_text);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), count_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), ROW_COURSE_UUID, g_strdup (course_uuid), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return row;
}

/* Rebuilds the list of the library and the courses, and selects
 * @course_uuid (%NULL: the library).
 */
static void
fill_sidebar (LankaTrainingView *self,
              const char        *course_uuid)
{
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkWidget *library;
  GtkWidget *select = NULL;

  self->filling_sidebar = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);

  if (self->database == NULL || !self->loaded)
    {
      self->filling_sidebar = FALSE;
      return;
    }

  all = lanka_materials_list (self->database, NULL, NULL);
  library = new_sidebar_row ("x-office-presentation-symbolic", _("Library"),
                             all != NULL ? g_list_model_get_n_items (all) : 0, NULL);
  gtk_list_box_append (self->sidebar_list, library);
  select = library;

  if (!(courses = lanka_collections_list (self->database, &error)))
    show_toast (self, error->message);

  for (guint i = 0; courses != NULL && i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(LankaRecord) course = g_list_model_get_item (courses, i);
      const char *uuid = lanka_record_get_uuid (course);
      GtkWidget *row;

      row = new_sidebar_row ("view-list-symbolic", lanka_record_get (course, "title"),
                             (guint)MAX (0, lanka_record_get_int (course, "n_items", 0)), uuid);
      if (i == 0)
        gtk_widget_add_css_class (row, "first-course");
      gtk_list_box_append (self->sidebar_list, row);

      if (g_strcmp0 (uuid, course_uuid) == 0)
        select = row;
    }

  gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (select));
  self->filling_sidebar = FALSE;
}

/* The course headed "Courses" in the sidebar. */
static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  GtkWidget *header = NULL;

  if (gtk_widget_has_css_class (GTK_WIDGET (row), "first-course"))
    {
      header = gtk_label_new (_("Courses"));
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_set_margin_top (header, 12);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_bottom (header, 6);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
    }

  gtk_list_box_row_set_header (row, header);
}

/* The course */

static void
update_course_header (LankaTrainingView *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->course_items));
  gint64 minutes;
  const char *audience;

  if (self->course == NULL)
    return;

  gtk_label_set_label (self->course_title_label, lanka_record_get (self->course, "title"));

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u material", "%u materials", n_items), n_items));
  minutes = lanka_record_get_int (self->course, "planned_minutes", 0);
  if (minutes > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u minute planned", "%u minutes planned", (guint)minutes),
                                             (guint)minutes));
  audience = lanka_record_get (self->course, "audience");
  if (audience != NULL && lanka_vocabulary_contains (LANKA_VOCABULARY_MATERIAL_AUDIENCE, audience))
    g_ptr_array_add (parts, g_strdup (lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_AUDIENCE, audience)));
  g_ptr_array_add (parts, NULL);

  {
    g_autofree char *subtitle = g_strjoinv (_(" · "), (char **)parts->pdata);

    gtk_label_set_label (self->course_subtitle_label, subtitle);
  }

  gtk_stack_set_visible_child_name (self->course_stack, n_items > 0 ? "list" : "empty");
}

static void
reload_course (LankaTrainingView *self)
{
  g_autoptr(GListModel) materials = NULL;
  g_autoptr(GError) error = NULL;
  LankaMaterialFilter filter = { 0 };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->course == NULL || self->database == NULL)
    {
      g_list_store_remove_all (self->course_items);
      return;
    }

  filter.collection_uuid = lanka_record_get_uuid (self->course);
  if (!(materials = lanka_materials_list (self->database, &filter, &error)))
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    g_ptr_array_add (items, g_list_model_get_item (materials, i));

  g_list_store_splice (self->course_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->course_items)),
                       items->pdata, items->len);
  update_course_header (self);
}

static void
show_course (LankaTrainingView *self,
             const char        *uuid)
{
  g_autoptr(LankaRecord) course = NULL;
  g_autoptr(GError) error = NULL;

  if (!(course = lanka_collections_get (self->database, uuid, &error)))
    {
      show_toast (self, error->message);
      return;
    }

  g_set_object (&self->course, course);
  reload_course (self);
  gtk_single_selection_set_selected (self->course_selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->content_stack, "course");
  update_actions (self);
}

/* Moves an item of the course in the store, then in the list the same
 * way.  Of two neighbours the other one is moved, so that the row the
 * person moves keeps the keyboard focus.
 */
static gboolean
move_course_item (LankaTrainingView *self,
                  guint              from,
                  guint              to)
{
  g_autoptr(GError) error = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->course_items));

  if (self->course == NULL || from >= n_items || to >= n_items || from == to)
    return FALSE;

  if (!lanka_collections_move (self->database, lanka_record_get_uuid (self->course), from, to, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }

  if (to + 1 == from || from + 1 == to)
    {
      g_autoptr(LankaRecord) neighbour = g_list_model_get_item (G_LIST_MODEL (self->course_items), to);

      g_list_store_remove (self->course_items, to);
      g_list_store_insert (self->course_items, from, neighbour);
    }
  else
    {
      g_autoptr(LankaRecord) item = g_list_model_get_item (G_LIST_MODEL (self->course_items), from);

      g_list_store_remove (self->course_items, from);
      g_list_store_insert (self->course_items, to, item);
    }

  gtk_single_selection_set_selected (self->course_selection, to);
  update_actions (self);

  return TRUE;
}

static void
remove_course_item (LankaTrainingView *self,
                    guint              position)
{
  g_autoptr(GError) error = NULL;

  if (self->course == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->course_items)))
    return;

  if (!lanka_collections_remove_at (self->database, lanka_record_get_uuid (self->course), position, &error))
    {
      show_toast (self, error->message);
      return;
    }

  g_list_store_remove (self->course_items, position);
  update_course_header (self);
  fill_sidebar (self, lanka_record_get_uuid (self->course));
  update_actions (self);
}

static LankaTrainingView *
get_view (GtkWidget *widget)
{
  return LANKA_TRAINING_VIEW (gtk_widget_get_ancestor (widget, LANKA_TYPE_TRAINING_VIEW));
}

static guint
get_row_position (GtkWidget *row)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (row), ITEM_LIST_ITEM);

  return list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;
}

static void
on_row_move_up_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       row)
{
  guint position = get_row_position (row);

  if (position != GTK_INVALID_LIST_POSITION && position > 0)
    move_course_item (get_view (row), position, position - 1);
}

static void
on_row_move_down_cb (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       row)
{
  guint position = get_row_position (row);

  if (position != GTK_INVALID_LIST_POSITION)
    move_course_item (get_view (row), position, position + 1);
}

static void
on_row_remove_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       row)
{
  guint position = get_row_position (row);

  if (position != GTK_INVALID_LIST_POSITION)
    remove_course_item (get_view (row), position);
}

static GdkContentProvider *
on_row_drag_prepare_cb (GtkDragSource *source,
                        double         x,
                        double         y,
                        GtkWidget     *row)
{
  guint position = get_row_position (row);

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_UINT, position);
}

static void
on_row_drag_begin_cb (GtkDragSource *source,
                      GdkDrag       *drag,
                      GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_row_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                GtkWidget     *row)
{
  guint to = get_row_position (row);

  if (!G_VALUE_HOLDS_UINT (value) || to == GTK_INVALID_LIST_POSITION)
    return FALSE;

  return move_course_item (get_view (row), g_value_get_uint (value), to);
}

static void
update_position_label (GtkListItem *list_item,
                       GParamSpec  *pspec,
                       GtkLabel    *label)
{
  g_autofree char *text = g_strdup_printf ("%u", gtk_list_item_get_position (list_item) + 1);

  gtk_label_set_label (label, text);
}

static void
on_course_item_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         LankaTrainingView        *self)
{
  static const GActionEntry entries[] = {
    { "move-up", on_row_move_up_cb },
    { "move-down", on_row_move_down_cb },
    { "remove", on_row_remove_cb },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkDragSource *source;
  GtkDropTarget *target;

  gtk_widget_add_css_class (row, "lanka-course-item");
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to move"));
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (number), 3);
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);

  g_menu_append (moves, _("Move _Up"), "row.move-up");
  g_menu_append (moves, _("Move _Down"), "row.move-down");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append (menu, _("_Remove from Course"), "row.remove");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _("Move or Remove"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");

  gtk_box_append (GTK_BOX (row), handle);
  gtk_box_append (GTK_BOX (row), number);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), labels);
  gtk_box_append (GTK_BOX (row), menu_button);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), row);
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (group));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_row_drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_row_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (on_row_drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  g_object_set_data (G_OBJECT (row), ITEM_LIST_ITEM, list_item);
  g_object_set_data (G_OBJECT (row), "lanka-icon", icon);
  g_object_set_data (G_OBJECT (row), "lanka-title", title);
  g_object_set_data (G_OBJECT (row), "lanka-subtitle", subtitle);
  g_signal_connect_object (list_item, "notify::position", G_CALLBACK (update_position_label), number, 0);

  gtk_list_item_set_child (list_item, row);
}

static void
on_course_item_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        LankaTrainingView        *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  LankaRecord *material = gtk_list_item_get_item (list_item);
  g_autofree char *subtitle = describe_material (material);
  const char *title = lanka_record_get (material, "title");
  GtkWidget *number = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (row), "lanka-icon"),
                                kind_icon_name (lanka_record_get (material, "kind")));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "lanka-title"), title != NULL ? title : "");
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "lanka-subtitle"), subtitle);
  update_position_label (list_item, NULL, GTK_LABEL (number));
}

/* Search */

/* The store marks the matched words between U+0002 and U+0003; they are
 * shown bold, and everything else as plain text.
 */
static char *
snippet_to_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);
  gboolean bold = FALSE;
  const char *p = snippet;

  while (p != NULL && *p != '\0')
    {
      const char *mark = strpbrk (p, "\002\003");
      g_autofree char *escaped = g_markup_escape_text (p, mark != NULL ? mark - p : -1);

      /* A page's text keeps the lines of the slide; a snippet is one line. */
      g_strdelimit (escaped, "\n\r\t", ' ');

      g_string_append (markup, escaped);
      if (mark == NULL)
        break;

      if (*mark == '\002' && !bold)
        g_string_append (markup, "<b>");
      else if (*mark == '\003' && bold)
        g_string_append (markup, "</b>");
      bold = *mark == '\002' ? TRUE : *mark == '\003' ? FALSE : bold;
      p = mark + 1;
    }

  if (bold)
    g_string_append (markup, "</b>");

  return g_string_free (markup, FALSE);
}

static void
on_page_button_clicked_cb (GtkButton         *button,
                           LankaTrainingView *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "lanka-uuid");
  guint page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "lanka-page"));

  lanka_training_view_show_material (self, uuid, page);
}

static GtkWidget *
new_result_row (LankaTrainingView      *self,
                const LankaMaterialHit *hit)
{
  LankaRecord *material = hit->material;
  const char *uuid = lanka_record_get_uuid (material);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (lanka_record_get (material, "title"));
  g_autofree char *description = describe_material (material);
  GtkWidget *subtitle = gtk_label_new (description);
  guint first_page = hit->pages != NULL && hit->pages->len > 0 ? g_array_index (hit->pages, guint, 0) : 1;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);

  if (hit->snippet != NULL)
    {
      g_autofree char *markup = snippet_to_markup (hit->snippet);
      GtkWidget *snippet = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (snippet), markup);
      gtk_label_set_xalign (GTK_LABEL (snippet), 0);
      gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (snippet, "lanka-search-snippet");
      gtk_box_append (GTK_BOX (box), snippet);
    }

  if (hit->pages != NULL && hit->pages->len > 0)
    {
      GtkWidget *pages = gtk_flow_box_new ();
      GtkWidget *label = gtk_label_new (ngettext ("Page", "Pages", hit->pages->len));

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (pages), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (pages), 20);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (pages), 3);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_flow_box_append (GTK_FLOW_BOX (pages), label);
      gtk_widget_set_can_focus (gtk_widget_get_parent (label), FALSE);

      for (guint i = 0; i < hit->pages->len; i++)
        {
          guint page = g_array_index (hit->pages, guint, i);
          g_autofree char *number = g_strdup_printf ("%u", page);
          /* TRANSLATORS: a button in a search result; %u is a page number */
          g_autofree char *tooltip = g_strdup_printf (_("Open at page %u"), page);
          GtkWidget *button = gtk_button_new_with_label (number);

          gtk_widget_set_tooltip_text (button, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
          gtk_widget_add_css_class (button, "lanka-page-hit");
          g_object_set_data_full (G_OBJECT (button), "lanka-uuid", g_strdup (uuid), g_free);
          g_object_set_data (G_OBJECT (button), "lanka-page", GUINT_TO_POINTER (page));
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_page_button_clicked_cb), self, 0);
          gtk_flow_box_append (GTK_FLOW_BOX (pages), button);
        }

      gtk_box_append (GTK_BOX (box), pages);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "lanka-uuid", g_strdup (uuid), g_free);
  g_object_set_data (G_OBJECT (row), "lanka-page", GUINT_TO_POINTER (first_page));

  return row;
}

static void
clear_results (LankaTrainingView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
}

static void
run_search (LankaTrainingView *self,
            gboolean           again)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (!again && g_strcmp0 (text, self->query != NULL ? self->query : "") == 0)
    return;

  /* The results replace a material's page: its edits are saved first,
   * or, when they cannot be, the search waits for the person's answer.
   */
  if (text != NULL && *text != '\0' && g_strcmp0 (get_visible_page (self), "material") == 0 &&
      !may_leave_material (self, LEAVE_TO_SEARCH, NULL, 0))
    return;

  g_free (self->query);
  self->query = g_strdup (text);
  clear_results (self);

  if (self->database == NULL)
    return;

  if (text == NULL || *text == '\0')
    {
      if (g_str_equal (get_visible_page (self), "search"))
        {
          if (self->course != NULL)
            gtk_stack_set_visible_child_name (self->content_stack, "course");
          else
            show_library (self);
        }
      update_actions (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, "search");

  if (!(hits = lanka_materials_search (self->database, text, NULL, &error)))
    {
      adw_status_page_set_description (self->search_error_status, error->message);
      gtk_stack_set_visible_child_name (self->search_stack, "error");
      update_actions (self);
      return;
    }

  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results_list, new_result_row (self, g_ptr_array_index (hits, i)));

  count = g_strdup_printf (ngettext ("%u material found", "%u materials found", hits->len), hits->len);
  gtk_label_set_label (self->search_count_label, count);
  gtk_stack_set_visible_child_name (self->search_stack, hits->len > 0 ? "results" : "no-results");
  update_actions (self);
}

static void
on_search_entry_search_changed_cb (LankaTrainingView *self,
                                   GtkSearchEntry    *entry)
{
  run_search (self, FALSE);
}

static void
on_search_entry_stop_search_cb (LankaTrainingView *self,
                                GtkSearchEntry    *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* On a narrow window the results are beside the sidebar, out of sight:
 * Enter shows them.
 */
static void
on_search_entry_activate_cb (LankaTrainingView *self,
                             GtkSearchEntry    *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text != NULL && *text != '\0' && g_strcmp0 (get_visible_page (self), "search") == 0 &&
      adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
set_search_text_quietly (LankaTrainingView *self,
                         const char        *text)
{
  g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);

  /* Emptied quietly, the results go too. */
  if (*text == '\0')
    g_clear_pointer (&self->query, g_free);
}

static void
on_results_list_row_activated_cb (LankaTrainingView *self,
                                  GtkListBoxRow     *row,
                                  GtkListBox        *list)
{
  lanka_training_view_show_material (self,
                                     g_object_get_data (G_OBJECT (row), "lanka-uuid"),
                                     GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lanka-page")));
}

/* Navigation */

static void
navigate_to_content (LankaTrainingView *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
update_back (LankaTrainingView *self)
{
  gboolean material = g_strcmp0 (get_visible_page (self), "material") == 0;

  gtk_revealer_set_reveal_child (self->back_revealer, adw_leaflet_get_folded (self->leaflet) || material);
}

static void
show_library (LankaTrainingView *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "library");
  update_actions (self);
}

/* Chooses the row of the library (%NULL) or a course without showing
 * it: the row of what is on screen.
 */
static void
select_sidebar_row_quietly (LankaTrainingView *self,
                            const char        *course_uuid)
{
  self->filling_sidebar = TRUE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_COURSE_UUID), course_uuid) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
        break;
      }

  self->filling_sidebar = FALSE;
}

/* Shows the library (%NULL) or a course, as choosing its row does. */
static void
show_sidebar_choice (LankaTrainingView *self,
                     const char        *course_uuid)
{
  set_search_text_quietly (self, "");
  clear_results (self);

  if (course_uuid == NULL)
    {
      g_clear_object (&self->course);
      g_list_store_remove_all (self->course_items);
      show_library (self);
    }
  else
    show_course (self, course_uuid);
}

static void
on_sidebar_list_row_selected_cb (LankaTrainingView *self,
                                 GtkListBoxRow     *row,
                                 GtkListBox        *list)
{
  g_autofree char *uuid = NULL;

  if (row == NULL || self->database == NULL)
    return;

  uuid = g_strdup (g_object_get_data (G_OBJECT (row), ROW_COURSE_UUID));

  /* Rebuilding keeps what is shown; choosing shows what was chosen. */
  if (self->filling_sidebar)
    {
      if (uuid == NULL)
        g_clear_object (&self->course);
      return;
    }

  /* Until the person has answered, the row of what is shown stays
   * chosen.
   */
  if (!may_leave_material (self, LEAVE_TO_SIDEBAR, uuid, 0))
    {
      select_sidebar_row_quietly (self, self->course != NULL ? lanka_record_get_uuid (self->course) : NULL);
      return;
    }

  show_sidebar_choice (self, uuid);
}

static void
on_sidebar_list_row_activated_cb (LankaTrainingView *self,
                                  GtkListBoxRow     *row,
                                  GtkListBox        *list)
{
  /* The question about the material's edits is being asked. */
  if (self->leave_dialog != NULL)
    return;

  /* A chosen row shows its page again, also after a material's page. */
  if (g_strcmp0 (get_visible_page (self), "material") == 0 || g_strcmp0 (get_visible_page (self), "search") == 0)
    {
      if (!may_leave_material (self, LEAVE_TO_SIDEBAR, g_object_get_data (G_OBJECT (row), ROW_COURSE_UUID), 0))
        return;

      set_search_text_quietly (self, "");
      clear_results (self);
      if (self->course != NULL)
        gtk_stack_set_visible_child_name (self->content_stack, "course");
      else
        show_library (self);
    }

  navigate_to_content (self);
  update_actions (self);
}

static void
on_leaflet_folded_cb (LankaTrainingView *self,
                      GParamSpec        *pspec,
                      AdwLeaflet        *leaflet)
{
  update_back (self);
  update_actions (self);
}

static void
on_content_stack_visible_child_cb (LankaTrainingView *self,
                                   GParamSpec        *pspec,
                                   GtkStack          *stack)
{
  update_back (self);
}

static void
open_position (LankaTrainingView *self,
               GListModel        *model,
               guint              position)
{
  g_autoptr(LankaRecord) material = NULL;

  if (model == NULL || position >= g_list_model_get_n_items (model))
    return;

  material = g_list_model_get_item (model, position);
  lanka_training_view_show_material (self, lanka_record_get_uuid (material), 0);
}

static void
on_grid_view_activate_cb (LankaTrainingView *self,
                          guint              position,
                          GtkGridView       *grid_view)
{
  gtk_single_selection_set_selected (self->grid_selection, position);
  open_position (self, self->materials, position);
}

static void
on_course_view_activate_cb (LankaTrainingView *self,
                            guint              position,
                            GtkListView       *course_view)
{
  open_position (self, G_LIST_MODEL (self->course_items), position);
}

/* Presenting */

static void
on_presenter_ended_cb (LankaTrainingView *self,
                       LankaPresenter    *presenter)
{
  if (self->presenter == presenter)
    g_clear_object (&self->presenter);
}

static void
end_presentation (LankaTrainingView *self)
{
  g_autoptr(LankaPresenter) presenter = g_steal_pointer (&self->presenter);

  if (presenter != NULL)
    lanka_presenter_end (presenter);
}

/* The trainer chooses the screens first (LankaMonitorDialog); the
 * presenter lets go of itself with ::ended when that is cancelled.
 */
static void
start_presentation (LankaTrainingView *self,
                    GPtrArray         *materials,
                    guint              planned_minutes,
                    guint              first)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window = get_window (self);

  if (self->database == NULL || materials->len == 0 || window == NULL)
    return;

  /* One presentation at a time: asked again, the console comes to the
   * front (while the screens are being chosen, that dialog is in front).
   */
  if (self->presenter != NULL)
    {
      GtkWindow *console = lanka_presenter_get_console (self->presenter);

      if (console != NULL)
        gtk_window_present (console);
      return;
    }

  self->presenter = lanka_presenter_new (gtk_window_get_application (window), self->database, materials,
                                         planned_minutes);
  g_signal_connect_object (self->presenter, "ended", G_CALLBACK (on_presenter_ended_cb), self,
                           G_CONNECT_SWAPPED);

  if (!lanka_presenter_choose_and_start (self->presenter, window, first, &error))
    {
      g_autofree char *message = NULL;

      g_clear_object (&self->presenter);

      /* TRANSLATORS: %s says why, in a sentence */
      message = g_strdup_printf (_("The presentation could not start: %s"), error->message);
      show_toast (self, message);
    }
}

static void
on_details_present_cb (LankaTrainingView    *self,
                       LankaRecord          *material,
                       guint                 first,
                       LankaMaterialDetails *details)
{
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (materials, g_object_ref (material));
  start_presentation (self, materials, (guint)MAX (0, lanka_record_get_int (material, "duration", 0)), first);
}

static void
present_course (LankaTrainingView *self)
{
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->course_items));

  if (self->course == NULL || n_items == 0)
    return;

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (materials, g_list_model_get_item (G_LIST_MODEL (self->course_items), i));

  start_presentation (self, materials,
                      (guint)MAX (0, lanka_record_get_int (self->course, "planned_minutes", 0)), 0);
}

static void
lanka_training_view_present_course (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  present_course (LANKA_TRAINING_VIEW (widget));
}

/* F5 presents what is on screen: the material, the course, or the card
 * chosen in the library.
 */
static void
lanka_training_view_present (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);
  const char *page = get_visible_page (self);
  guint position;

  if (g_strcmp0 (page, "material") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->details), "material.present", NULL);
      return;
    }

  if (g_strcmp0 (page, "course") == 0)
    {
      present_course (self);
      return;
    }

  position = gtk_single_selection_get_selected (self->grid_selection);
  if (self->materials != NULL && position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(LankaRecord) material = g_list_model_get_item (self->materials, position);

      on_details_present_cb (self, material, 0, NULL);
    }
}

/* The material's page */

/* The grid and the course show the new title.  The sidebar shows no
 * material, and is not rebuilt: this may run while one of its rows is
 * being chosen.
 */
static void
on_details_saved_cb (LankaTrainingView    *self,
                     LankaRecord          *material,
                     LankaMaterialDetails *details)
{
  if (self->saving_quietly)
    return;

  reload_library (self);
  if (self->course != NULL)
    reload_course (self);
}

static void
on_details_deleted_cb (LankaTrainingView    *self,
                       const char           *uuid,
                       LankaMaterialDetails *details)
{
  g_autofree char *message = NULL;
  const char *back = self->return_page != NULL ? self->return_page : "library";

  g_hash_table_remove (self->thumbnails, uuid);
  lanka_material_details_set_material (self->details, NULL);

  reload_library (self);
  if (self->course != NULL)
    reload_course (self);
  fill_sidebar (self, self->course != NULL ? lanka_record_get_uuid (self->course) : NULL);

  if (g_str_equal (back, "search"))
    run_search (self, TRUE);
  else
    gtk_stack_set_visible_child_name (self->content_stack, back);

  show_toast (self, _("Material deleted"));
  update_actions (self);
}

static void
on_details_courses_changed_cb (LankaTrainingView    *self,
                               LankaMaterialDetails *details)
{
  if (self->course != NULL)
    reload_course (self);
  fill_sidebar (self, self->course != NULL ? lanka_record_get_uuid (self->course) : NULL);
}

/* Leaving the material's page */

/* Back from the material's page to where it was opened from. */
static void
leave_material (LankaTrainingView *self)
{
  const char *back = self->return_page != NULL ? self->return_page : "library";

  /* The course it was opened from may be gone. */
  if (g_str_equal (back, "course") && self->course == NULL)
    back = "library";

  gtk_stack_set_visible_child_name (self->content_stack, back);
  update_actions (self);

  if (g_str_equal (back, "library"))
    gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
  else if (g_str_equal (back, "course"))
    gtk_widget_grab_focus (GTK_WIDGET (self->course_view));
}

static void
go_on_leaving (LankaTrainingView *self,
               LeaveTo            to,
               const char        *uuid,
               guint              page)
{
  switch (to)
    {
    case LEAVE_BACK:
      if (g_strcmp0 (get_visible_page (self), "material") == 0)
        leave_material (self);
      break;

    case LEAVE_TO_MATERIAL:
      lanka_training_view_show_material (self, uuid, page);
      break;

    case LEAVE_TO_SIDEBAR:
      show_sidebar_choice (self, uuid);
      select_sidebar_row_quietly (self, uuid);
      navigate_to_content (self);
      break;

    case LEAVE_TO_SEARCH:
      run_search (self, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  update_actions (self);
}

static void
on_leave_dialog_response_cb (LankaTrainingView *self,
                             const char        *response,
                             AdwMessageDialog  *dialog)
{
  g_autofree char *uuid = g_steal_pointer (&self->leave_uuid);

  /* Answered once: closing the dialog afterwards says nothing more. */
  g_signal_handlers_disconnect_by_func (dialog, on_leave_dialog_response_cb, self);
  g_clear_weak_pointer (&self->leave_dialog);

  if (g_strcmp0 (response, "discard") != 0 || self->database == NULL || self->details == NULL)
    return;

  lanka_material_details_discard_changes (self->details);
  go_on_leaving (self, self->leave_to, uuid, self->leave_page);
}

/* Whether the material's page may be left now.  Edits are saved on the
 * way out, as Save does.  Edits that cannot be saved (no title) stay on
 * screen, marked, and the person is asked: Discard goes on to @to (with
 * @uuid and @page), Keep Editing stays.
 */
static gboolean
may_leave_material (LankaTrainingView *self,
                    LeaveTo            to,
                    const char        *uuid,
                    guint              page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->leave_dialog == NULL)
    {
      if (self->details == NULL || !lanka_material_details_get_modified (self->details))
        return TRUE;

      if (lanka_material_details_save_changes (self->details, &error))
        {
          show_toast (self, _("Changes saved"));
          return TRUE;
        }
    }

  self->leave_to = to;
  g_free (self->leave_uuid);
  self->leave_uuid = g_strdup (uuid);
  self->leave_page = page;

  if (self->leave_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->leave_dialog));
      return FALSE;
    }

  /* TRANSLATORS: %s says what is wrong with the material's fields, or why
   * they could not be saved, as a sentence
   */
  body = g_strdup_printf (_("%s Discard the changes to leave the material, or keep editing."), error->message);
  dialog = adw_message_dialog_new (get_window (self), _("Discard Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_leave_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->leave_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return FALSE;
}

/* Nobody is there to ask (Länka locks, the window closes): valid edits
 * are saved while the database is still open.  Edits that cannot be
 * saved, a material without a title, go with the rest of the view.
 */
static void
save_edits_quietly (LankaTrainingView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->database == NULL || !lanka_database_is_open (self->database) ||
      self->details == NULL || !lanka_material_details_get_modified (self->details))
    return;

  self->saving_quietly = TRUE;
  if (!lanka_material_details_save_changes (self->details, &error) &&
      !g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID))
    g_warning ("The changes to a material could not be saved: %s", error->message);
  self->saving_quietly = FALSE;
}

static void
close_leave_dialog (LankaTrainingView *self)
{
  AdwMessageDialog *dialog = self->leave_dialog;

  g_clear_pointer (&self->leave_uuid, g_free);
  if (dialog == NULL)
    return;

  g_signal_handlers_disconnect_by_func (dialog, on_leave_dialog_response_cb, self);
  g_clear_weak_pointer (&self->leave_dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_application_locking_cb (LankaTrainingView *self,
                           LankaDatabase     *database)
{
  if (database != self->database)
    return;

  /* The notes of a presentation and the material's edits are saved
   * before the database closes.
   */
  end_presentation (self);
  save_edits_quietly (self);
}

/* Actions */

static void
lanka_training_view_back (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);

  if (g_strcmp0 (get_visible_page (self), "material") == 0)
    {
      if (may_leave_material (self, LEAVE_BACK, NULL, 0))
        leave_material (self);
      return;
    }

  if (adw_leaflet_get_folded (self->leaflet))
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
    }
}

static void
lanka_training_view_search (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  lanka_training_view_focus_search (LANKA_TRAINING_VIEW (widget));
}

/* One query for the lot afterwards, not one per drop-down. */
static void
clear_facets_quietly (LankaTrainingView *self)
{
  GtkDropDown *dropdowns[] = { self->kind_dropdown, self->topic_dropdown,
                               self->audience_dropdown, self->language_dropdown };

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      g_signal_handlers_block_by_func (dropdowns[i], on_facet_changed_cb, self);
      gtk_drop_down_set_selected (dropdowns[i], 0);
      g_signal_handlers_unblock_by_func (dropdowns[i], on_facet_changed_cb, self);
    }
}

static void
lanka_training_view_clear_facets (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);

  clear_facets_quietly (self);
  reload_library (self);
}

static void
on_import_dialog_material_imported_cb (LankaTrainingView         *self,
                                       const char                *uuid,
                                       LankaMaterialImportDialog *dialog)
{
  reload_library (self);
}

/* The new material is chosen in the grid, with the facets cleared when
 * they would hide it.
 */
static void
select_material (LankaTrainingView *self,
                 const char        *uuid)
{
  guint position = find_material (self->materials, uuid);

  if (position == GTK_INVALID_LIST_POSITION)
    {
      lanka_training_view_clear_facets (GTK_WIDGET (self), NULL, NULL);
      position = find_material (self->materials, uuid);
    }

  gtk_single_selection_set_selected (self->grid_selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", position);
}

static void
on_import_dialog_finished_cb (LankaTrainingView         *self,
                              const char                *first_uuid,
                              guint                      n_imported,
                              LankaMaterialImportDialog *dialog)
{
  if (self->database == NULL)
    return;

  reload_library (self);
  fill_sidebar (self, self->course != NULL ? lanka_record_get_uuid (self->course) : NULL);

  if (first_uuid == NULL)
    return;

  /* The new material is shown where it now is: in the library. */
  if (g_strcmp0 (get_visible_page (self), "course") == 0 || g_strcmp0 (get_visible_page (self), "search") == 0)
    {
      set_search_text_quietly (self, "");
      clear_results (self);
      gtk_list_box_select_row (self->sidebar_list, gtk_list_box_get_row_at_index (self->sidebar_list, 0));
    }
  if (g_strcmp0 (get_visible_page (self), "library") == 0)
    select_material (self, first_uuid);
}

static void
on_import_chooser_response_cb (LankaTrainingView    *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->database != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      if (g_list_model_get_n_items (files) > 0)
        lanka_training_view_import_files (self, files);
    }

  g_object_unref (chooser);
}

static GtkFileFilter *
new_filter (const char         *name,
            const char * const *mime_types)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);

  return filter;
}

static void
lanka_training_view_import (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);
  static const char * const pdf[] = { "application/pdf", NULL };
  static const char * const images[] = { "image/png", "image/jpeg", "image/svg+xml", NULL };
  static const char * const videos[] = { "video/mp4", "video/webm", NULL };
  static const char * const notes[] = { "text/plain", "text/markdown", NULL };
  static const char * const all[] = { "application/pdf", "image/png", "image/jpeg", "image/svg+xml",
                                      "video/mp4", "video/webm", "text/plain", "text/markdown", NULL };
  g_autoptr(GtkFileFilter) all_filter = new_filter (_("All supported files"), all);
  g_autoptr(GtkFileFilter) pdf_filter = new_filter (_("PDF documents"), pdf);
  g_autoptr(GtkFileFilter) image_filter = new_filter (_("Images"), images);
  g_autoptr(GtkFileFilter) video_filter = new_filter (_("Films"), videos);
  g_autoptr(GtkFileFilter) note_filter = new_filter (_("Notes (text or Markdown)"), notes);
  GtkFileChooserNative *chooser;

  if (self->database == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Material"),
                                         get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), image_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), video_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), note_filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (LankaTrainingView *self,
            const GValue      *value,
            double             x,
            double             y,
            GtkDropTarget     *target)
{
  g_autoptr(GListStore) files = NULL;
  GSList *list;

  if (self->database == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_list_store_new (G_TYPE_FILE);
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  g_slist_free (list);

  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;

  lanka_training_view_import_files (self, G_LIST_MODEL (files));

  return TRUE;
}

static void
on_link_response_cb (LankaTrainingView *self,
                     const char        *response,
                     AdwMessageDialog  *dialog)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "lanka-title");
  GtkEditable *address = g_object_get_data (G_OBJECT (dialog), "lanka-address");
  g_autofree char *url = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->database == NULL)
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (address)));
  if (!(content = lanka_material_read_link (url, gtk_editable_get_text (title), &error)) ||
      !(material = lanka_materials_add (self->database, content, &error)))
    {
      show_toast (self, error->message);
      return;
    }

  reload_library (self);
  fill_sidebar (self, self->course != NULL ? lanka_record_get_uuid (self->course) : NULL);
  lanka_training_view_show_material (self, lanka_record_get_uuid (material), 0);
}

static void
on_link_address_changed_cb (AdwMessageDialog *dialog,
                            GtkEditable      *address)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (address)));

  adw_message_dialog_set_response_enabled (dialog, "add", *url != '\0');
}

static void
lanka_training_view_add_link (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);
  GtkWidget *dialog;
  GtkWidget *group;
  GtkWidget *title;
  GtkWidget *address;

  if (self->database == NULL)
    return;

  dialog = adw_message_dialog_new (get_window (self), _("Add Link"),
                                   _("A web page or a film on the web, kept in the library with its title."));
  group = adw_preferences_group_new ();
  title = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("_Title"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (title), TRUE);
  address = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (address), _("_Address"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (address), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), address);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "lanka-title", title);
  g_object_set_data (G_OBJECT (dialog), "lanka-address", address);
  g_signal_connect_object (address, "changed", G_CALLBACK (on_link_address_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_link_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_course_dialog_saved_cb (LankaTrainingView *self,
                           LankaRecord       *course,
                           LankaCourseDialog *dialog)
{
  if (self->database == NULL)
    return;

  /* Choosing the row shows the course, new or edited. */
  fill_sidebar (self, NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_COURSE_UUID), lanka_record_get_uuid (course)) == 0)
      gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));

  navigate_to_content (self);
}

static void
present_course_dialog (LankaTrainingView *self,
                       LankaRecord       *course)
{
  LankaCourseDialog *dialog = lanka_course_dialog_new (self->database, course);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_course_dialog_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_training_view_new_course (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);

  if (self->database != NULL)
    present_course_dialog (self, NULL);
}

static void
lanka_training_view_edit_course (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);

  if (self->database != NULL && self->course != NULL)
    present_course_dialog (self, self->course);
}

static void
on_delete_course_response_cb (LankaTrainingView *self,
                              const char        *response,
                              AdwMessageDialog  *dialog)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "lanka-uuid");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->database == NULL)
    return;

  if (!lanka_collections_delete (self->database, uuid, &error))
    {
      show_toast (self, error->message);
      return;
    }

  g_clear_object (&self->course);
  g_list_store_remove_all (self->course_items);
  fill_sidebar (self, NULL);

  /* A material's page opened from the course stays, with its edits;
   * Back then goes to the library.
   */
  if (g_strcmp0 (get_visible_page (self), "material") == 0)
    {
      g_free (self->return_page);
      self->return_page = g_strdup ("library");
      update_actions (self);
    }
  else
    show_library (self);

  show_toast (self, _("Course deleted"));
}

static void
lanka_training_view_delete_course (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->course == NULL)
    return;

  /* TRANSLATORS: %s is the title of a course */
  heading = g_strdup_printf (_("Delete “%s”?"), lanka_record_get (self->course, "title"));
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   _("The course and its order are deleted. Its material stays in "
                                     "the library."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lanka-uuid",
                          g_strdup (lanka_record_get_uuid (self->course)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_course_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Alt+Up and Alt+Down move the chosen item of the course. */
static void
lanka_training_view_move (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (widget);
  guint position = gtk_single_selection_get_selected (self->course_selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (g_str_equal (action_name, "training.move-up"))
    {
      if (position > 0)
        move_course_item (self, position, position - 1);
    }
  else
    move_course_item (self, position, position + 1);
}

static void
update_actions (LankaTrainingView *self)
{
  gboolean open = self->database != NULL;
  const char *page = get_visible_page (self);
  gboolean course_shown = open && self->course != NULL && g_strcmp0 (page, "course") == 0;
  guint n_course_items = g_list_model_get_n_items (G_LIST_MODEL (self->course_items));
  guint course_position = gtk_single_selection_get_selected (self->course_selection);
  gboolean can_present;

  can_present = open &&
    (g_strcmp0 (page, "material") == 0 ||
     (course_shown && n_course_items > 0) ||
     (g_strcmp0 (page, "library") == 0 &&
      gtk_single_selection_get_selected (self->grid_selection) != GTK_INVALID_LIST_POSITION));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.import", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.add-link", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.new-course", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.search", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.clear-facets", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.present", can_present);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.present-course",
                                 course_shown && n_course_items > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.edit-course", open && self->course != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.delete-course", open && self->course != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.move-up",
                                 course_shown && course_position != GTK_INVALID_LIST_POSITION &&
                                 course_position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.move-down",
                                 course_shown && course_position != GTK_INVALID_LIST_POSITION &&
                                 course_position + 1 < n_course_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.back",
                                 adw_leaflet_get_folded (self->leaflet) || g_strcmp0 (page, "material") == 0);
}

static void
on_selection_changed_cb (LankaTrainingView  *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  update_actions (self);
}

/* GTK 4.8's list widgets make their rows as soon as their model has
 * items, shown or not, and Länka starts on the Cases part.  So the lists
 * get their models when they are first shown.
 */
static void
on_grid_view_map_cb (LankaTrainingView *self,
                     GtkGridView       *grid_view)
{
  if (gtk_grid_view_get_model (grid_view) == NULL)
    gtk_grid_view_set_model (grid_view, GTK_SELECTION_MODEL (self->grid_selection));
}

static void
on_course_view_map_cb (LankaTrainingView *self,
                       GtkListView       *course_view)
{
  if (gtk_list_view_get_model (course_view) == NULL)
    gtk_list_view_set_model (course_view, GTK_SELECTION_MODEL (self->course_selection));
}

/* Reads the library of the database, once: when the part is first shown
 * or something here is asked for before that.
 */
static void
ensure_loaded (LankaTrainingView *self)
{
  if (self->database == NULL || self->loaded)
    return;

  self->loaded = TRUE;
  fill_sidebar (self, NULL);
  reload_library (self);
}

/* The material's page, with its viewer, fields and checklists, is made
 * when a material is first opened: most people who start Länka do not.
 */
static LankaMaterialDetails *
ensure_details (LankaTrainingView *self)
{
  if (self->details != NULL)
    return self->details;

  self->details = LANKA_MATERIAL_DETAILS (lanka_material_details_new ());
  g_signal_connect_object (self->details, "saved", G_CALLBACK (on_details_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details, "deleted", G_CALLBACK (on_details_deleted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details, "present", G_CALLBACK (on_details_present_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details, "courses-changed", G_CALLBACK (on_details_courses_changed_cb), self,
                           G_CONNECT_SWAPPED);
  lanka_material_details_set_database (self->details, self->database);
  adw_bin_set_child (self->material_page, GTK_WIDGET (self->details));

  return self->details;
}

static void
lanka_training_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lanka_training_view_parent_class)->map (widget);

  ensure_loaded (LANKA_TRAINING_VIEW (widget));
}

static void
lanka_training_view_dispose (GObject *object)
{
  LankaTrainingView *self = (LankaTrainingView *)object;

  /* The window closes: what can be saved is, as when Länka locks. */
  end_presentation (self);
  save_edits_quietly (self);
  close_leave_dialog (self);
  if (self->application_signals != NULL)
    g_signal_group_set_target (self->application_signals, NULL);
  g_clear_object (&self->application_signals);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_TRAINING_VIEW);
  self->details = NULL;

  g_clear_object (&self->grid_selection);
  g_clear_object (&self->materials);
  g_clear_object (&self->course_selection);
  g_clear_object (&self->course_items);
  g_clear_object (&self->course);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_training_view_parent_class)->dispose (object);
}

static void
lanka_training_view_finalize (GObject *object)
{
  LankaTrainingView *self = (LankaTrainingView *)object;

  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_pointer (&self->kind_codes, g_ptr_array_unref);
  g_clear_pointer (&self->topic_codes, g_ptr_array_unref);
  g_clear_pointer (&self->audience_codes, g_ptr_array_unref);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);
  g_clear_pointer (&self->return_page, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->leave_uuid, g_free);

  G_OBJECT_CLASS (lanka_training_view_parent_class)->finalize (object);
}

static void
lanka_training_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_training_view_get_database (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_training_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LankaTrainingView *self = LANKA_TRAINING_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_training_view_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_training_view_class_init (LankaTrainingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_training_view_dispose;
  object_class->finalize = lanka_training_view_finalize;
  object_class->get_property = lanka_training_view_get_property;
  object_class->set_property = lanka_training_view_set_property;

  widget_class->map = lanka_training_view_map;

  /**
   * LankaTrainingView:database:
   *
   * The open database whose library is shown, or %NULL while Länka is
   * locked: then the view holds no data and nothing is presented.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/training/lanka-training-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, audience_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, back_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, content);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, course_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, course_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, course_title_label);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, course_view);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, library_error_status);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, library_page);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, library_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, material_page);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, results_list);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, search_count_label);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, search_error_status);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, search_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LankaTrainingView, topic_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_course_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_facet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "training.import", NULL, lanka_training_view_import);
  gtk_widget_class_install_action (widget_class, "training.add-link", NULL, lanka_training_view_add_link);
  gtk_widget_class_install_action (widget_class, "training.present", NULL, lanka_training_view_present);
  gtk_widget_class_install_action (widget_class, "training.present-course", NULL,
                                   lanka_training_view_present_course);
  gtk_widget_class_install_action (widget_class, "training.new-course", NULL, lanka_training_view_new_course);
  gtk_widget_class_install_action (widget_class, "training.edit-course", NULL, lanka_training_view_edit_course);
  gtk_widget_class_install_action (widget_class, "training.delete-course", NULL,
                                   lanka_training_view_delete_course);
  gtk_widget_class_install_action (widget_class, "training.move-up", NULL, lanka_training_view_move);
  gtk_widget_class_install_action (widget_class, "training.move-down", NULL, lanka_training_view_move);
  gtk_widget_class_install_action (widget_class, "training.search", NULL, lanka_training_view_search);
  gtk_widget_class_install_action (widget_class, "training.clear-facets", NULL,
                                   lanka_training_view_clear_facets);
  gtk_widget_class_install_action (widget_class, "training.back", NULL, lanka_training_view_back);

  /* Every shortcut here is listed in gtk/help-overlay.ui; Ctrl+O and F5
   * are the window's, so that they work wherever the focus is.
   */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "training.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "training.back", NULL);
}

static void
lanka_training_view_init (LankaTrainingView *self)
{
  g_autoptr(GtkListItemFactory) card_factory = NULL;
  g_autoptr(GtkListItemFactory) item_factory = NULL;
  GtkEventController *shortcuts;
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  self->kind_codes = g_ptr_array_new_with_free_func (g_free);
  self->topic_codes = g_ptr_array_new_with_free_func (g_free);
  self->audience_codes = g_ptr_array_new_with_free_func (g_free);
  self->language_codes = g_ptr_array_new_with_free_func (g_free);

  setup_facet (self->kind_dropdown, self->kind_codes, _("Any kind"), LANKA_VOCABULARY_MATERIAL_KIND);
  setup_facet (self->topic_dropdown, self->topic_codes, _("Any topic"), LANKA_VOCABULARY_MATERIAL_TOPIC);
  setup_facet (self->audience_dropdown, self->audience_codes, _("Any audience"),
               LANKA_VOCABULARY_MATERIAL_AUDIENCE);
  fill_language_facet (self);

  self->grid_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->grid_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->grid_selection, TRUE);
  g_signal_connect_object (self->grid_selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grid_view, "map", G_CALLBACK (on_grid_view_map_cb), self, G_CONNECT_SWAPPED);

  card_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (card_factory, "setup", G_CALLBACK (on_card_setup_cb), self);
  g_signal_connect (card_factory, "bind", G_CALLBACK (on_card_bind_cb), self);
  g_signal_connect (card_factory, "unbind", G_CALLBACK (on_card_unbind_cb), self);
  gtk_grid_view_set_factory (self->grid_view, card_factory);
  gtk_grid_view_set_single_click_activate (self->grid_view, TRUE);

  self->course_items = g_list_store_new (LANKA_TYPE_RECORD);
  self->course_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->course_items)));
  gtk_single_selection_set_autoselect (self->course_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->course_selection, TRUE);
  g_signal_connect_object (self->course_selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->course_view, "map", G_CALLBACK (on_course_view_map_cb), self, G_CONNECT_SWAPPED);

  item_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (item_factory, "setup", G_CALLBACK (on_course_item_setup_cb), self);
  g_signal_connect (item_factory, "bind", G_CALLBACK (on_course_item_bind_cb), self);
  gtk_list_view_set_factory (self->course_view, item_factory);

  /* On the list, so that the arrows alone still move the focus. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                          gtk_named_action_new ("training.move-up")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_named_action_new ("training.move-down")));
  gtk_widget_add_controller (GTK_WIDGET (self->course_view), shortcuts);

  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);
  g_signal_connect_object (self->content_stack, "notify::visible-child", G_CALLBACK (on_content_stack_visible_child_cb),
                           self, G_CONNECT_SWAPPED);

  /* Typing in the sidebar goes to the search field. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->sidebar);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->library_page, GTK_EVENT_CONTROLLER (target));

  /* Locking says so before the database closes, as the case editor
   * hears it to keep its drafts.
   */
  self->application_signals = g_signal_group_new (LANKA_TYPE_APPLICATION);
  g_signal_group_connect_swapped (self->application_signals, "locking",
                                  G_CALLBACK (on_application_locking_cb), self);
  if (LANKA_IS_APPLICATION (g_application_get_default ()))
    g_signal_group_set_target (self->application_signals, g_application_get_default ());

  update_back (self);
  update_actions (self);
}

/**
 * lanka_training_view_get_database:
 * @self: a #LankaTrainingView
 *
 * Returns: (transfer none) (nullable): the database shown
 */
LankaDatabase *
lanka_training_view_get_database (LankaTrainingView *self)
{
  g_return_val_if_fail (LANKA_IS_TRAINING_VIEW (self), NULL);

  return self->database;
}

/**
 * lanka_training_view_set_database:
 * @self: a #LankaTrainingView
 * @database: (nullable): the open database, or %NULL to empty the view
 *
 * Shows the library of @database, read when the part is shown.  With
 * %NULL, as when Länka locks, a presentation ends, the material's edits
 * are saved if they are valid, and every list, thumbnail, search and
 * material shown is let go.
 */
void
lanka_training_view_set_database (LankaTrainingView *self,
                                  LankaDatabase     *database)
{
  g_return_if_fail (LANKA_IS_TRAINING_VIEW (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (self->database == database)
    return;

  /* Locking has done this already, as the database was about to close;
   * this is for any other way the database goes.
   */
  end_presentation (self);
  save_edits_quietly (self);
  close_leave_dialog (self);
  g_set_object (&self->database, database);
  self->loaded = FALSE;

  gtk_single_selection_set_model (self->grid_selection, NULL);
  g_clear_object (&self->materials);
  g_clear_object (&self->course);
  g_list_store_remove_all (self->course_items);
  g_hash_table_remove_all (self->thumbnails);
  g_clear_pointer (&self->return_page, g_free);
  if (self->details != NULL)
    lanka_material_details_set_database (self->details, database);

  /* What was searched for is part of what the person did: not kept. */
  set_search_text_quietly (self, "");
  clear_results (self);
  clear_facets_quietly (self);

  fill_sidebar (self, NULL);
  fill_language_facet (self);
  gtk_stack_set_visible_child_name (self->library_stack, "empty");
  show_library (self);

  /* Hidden, as at start-up, the library waits until it is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_loaded (self);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_training_view_import_files:
 * @self: a #LankaTrainingView
 * @files: (element-type GFile): the files to import
 *
 * Imports the files into the library one after another, with a dialog
 * that reports on each.  When it is done the grid shows them and the
 * first new material is chosen.
 */
void
lanka_training_view_import_files (LankaTrainingView *self,
                                  GListModel        *files)
{
  LankaMaterialImportDialog *dialog;

  g_return_if_fail (LANKA_IS_TRAINING_VIEW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (self->database == NULL || g_list_model_get_n_items (files) == 0)
    return;

  ensure_loaded (self);
  dialog = lanka_material_import_dialog_new (self->database, files);
  g_signal_connect_object (dialog, "material-imported", G_CALLBACK (on_import_dialog_material_imported_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_import_dialog_finished_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lanka_training_view_show_material:
 * @self: a #LankaTrainingView
 * @uuid: the material to show
 * @page: the page to open it at, from 1; 0 for where the viewer starts
 *
 * Opens the material's page, as activating its card does.  The edits of
 * the material on screen are saved first; when they cannot be, the
 * person is asked, and the material opens if they discard them.
 *
 * Returns: %TRUE if the material exists and is shown now
 */
gboolean
lanka_training_view_show_material (LankaTrainingView *self,
                                   const char        *uuid,
                                   guint              page)
{
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  const char *current;

  g_return_val_if_fail (LANKA_IS_TRAINING_VIEW (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (self->database == NULL)
    return FALSE;

  ensure_loaded (self);
  if (!(material = lanka_materials_get (self->database, uuid, &error)))
    {
      show_toast (self, error->message);
      return FALSE;
    }

  /* The material on screen, also the same one opened at another page,
   * keeps its edits: they are saved first, or the person is asked.
   */
  if (!may_leave_material (self, LEAVE_TO_MATERIAL, lanka_record_get_uuid (material), page))
    return FALSE;

  current = get_visible_page (self);
  if (g_strcmp0 (current, "material") != 0)
    {
      g_free (self->return_page);
      self->return_page = g_strdup (current);
    }

  lanka_material_details_set_material (ensure_details (self), material);
  if (page > 0)
    lanka_material_viewer_set_page (lanka_material_details_get_viewer (self->details), page);

  gtk_stack_set_visible_child_name (self->content_stack, "material");
  navigate_to_content (self);
  update_actions (self);

  return TRUE;
}

/**
 * lanka_training_view_get_shown_uuid:
 * @self: a #LankaTrainingView
 *
 * Returns: (nullable): the uuid of the material whose page is on screen
 */
const char *
lanka_training_view_get_shown_uuid (LankaTrainingView *self)
{
  LankaRecord *material;

  g_return_val_if_fail (LANKA_IS_TRAINING_VIEW (self), NULL);

  if (self->details == NULL)
    return NULL;

  material = lanka_material_details_get_material (self->details);
  if (material == NULL || g_strcmp0 (get_visible_page (self), "material") != 0)
    return NULL;

  return lanka_record_get_uuid (material);
}

/**
 * lanka_training_view_set_search_text:
 * @self: a #LankaTrainingView
 * @text: what to search for
 *
 * Searches at once, as if the person had typed @text.
 */
void
lanka_training_view_set_search_text (LankaTrainingView *self,
                                     const char        *text)
{
  g_return_if_fail (LANKA_IS_TRAINING_VIEW (self));

  ensure_loaded (self);
  set_search_text_quietly (self, text != NULL ? text : "");
  run_search (self, TRUE);
}

/**
 * lanka_training_view_focus_search:
 * @self: a #LankaTrainingView
 *
 * Moves the keyboard focus to the search field, showing the sidebar on a
 * narrow window.
 */
void
lanka_training_view_focus_search (LankaTrainingView *self)
{
  g_return_if_fail (LANKA_IS_TRAINING_VIEW (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * lanka_training_view_get_presenter:
 * @self: a #LankaTrainingView
 *
 * Returns: (transfer none) (nullable): the presentation started here, from
 *   the dialog that chooses the screens until it ends
 */
LankaPresenter *
lanka_training_view_get_presenter (LankaTrainingView *self)
{
  g_return_val_if_fail (LANKA_IS_TRAINING_VIEW (self), NULL);

  return self->presenter;
}
