/* lanka-material-details.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-material-details"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-course-dialog.h"
#include "lanka-iso-codes.h"
#include "lanka-material-details.h"
#include "lanka-materials.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* The fields are edited on a copy of the material: the library's grid
 * keeps showing what is stored until Save succeeds, and a refused save
 * leaves the person's edits where they are.
 */
struct _LankaMaterialDetails
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaRecord         *material;

  /* The codes behind the combo rows (kind: all; language: position 0 is
   * "not set") and the check buttons of the two checklists, by code.
   */
  GPtrArray           *kind_codes;
  GPtrArray           *language_codes;
  GHashTable          *audience_checks;
  GHashTable          *topic_checks;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkLabel            *title_label;
  GtkMenuButton       *course_button;
  AdwFlap             *flap;
  LankaMaterialViewer *viewer;
  GtkLabel            *error_label;
  AdwEntryRow         *title_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *language_row;
  AdwExpanderRow      *audiences_row;
  AdwExpanderRow      *topics_row;
  GtkTextView         *description_view;
  AdwEntryRow         *source_row;
  AdwEntryRow         *year_row;
  AdwEntryRow         *usage_row;
  GtkSpinButton       *duration_spin;
  AdwActionRow        *file_row;

  /* Set while the fields are filled from the material, not by a person. */
  guint                loading : 1;
  guint                modified : 1;
};

G_DEFINE_FINAL_TYPE (LankaMaterialDetails, lanka_material_details, ADW_TYPE_BIN)

enum {
  SAVED,
  DELETED,
  PRESENT,
  COURSES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (LankaMaterialDetails *self,
            const char           *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static GtkWindow *
get_window (LankaMaterialDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (LankaMaterialDetails *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_actions (LankaMaterialDetails *self)
{
  gboolean shown = self->database != NULL && self->material != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "material.save", shown && self->modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "material.present", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "material.delete", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "material.add-to-course", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "material.add-to-new-course", shown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->course_button), shown);
}

/* What the checklist holds, for its collapsed row: "Police, Health care". */
static void
update_checklist_subtitle (AdwExpanderRow *row,
                           GHashTable     *checks,
                           LankaVocabulary vocabulary)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);
      GtkCheckButton *check = g_hash_table_lookup (checks, code);

      if (check == NULL || !gtk_check_button_get_active (check))
        continue;

      if (subtitle->len > 0)
        /* TRANSLATORS: separates the chosen audiences or topics */
        g_string_append (subtitle, _(", "));
      g_string_append (subtitle, lanka_vocabulary_get_label (vocabulary, code));
    }

  if (subtitle->len == 0)
    g_string_append (subtitle, _("None chosen"));

  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_expander_row_set_subtitle (row, escaped);
}

static void
update_checklist_subtitles (LankaMaterialDetails *self)
{
  update_checklist_subtitle (self->audiences_row, self->audience_checks, LANKA_VOCABULARY_MATERIAL_AUDIENCE);
  update_checklist_subtitle (self->topics_row, self->topic_checks, LANKA_VOCABULARY_MATERIAL_TOPIC);
}

static void
set_modified (LankaMaterialDetails *self,
              gboolean              modified)
{
  self->modified = !!modified;
  update_actions (self);
}

static void
on_field_changed_cb (LankaMaterialDetails *self,
                     GtkWidget            *widget)
{
  if (self->loading)
    return;

  /* The person is putting right what was marked. */
  gtk_widget_remove_css_class (widget, "error");
  show_error (self, NULL);
  set_modified (self, TRUE);
}

static void
on_field_notify_cb (LankaMaterialDetails *self,
                    GParamSpec           *pspec,
                    GtkWidget            *widget)
{
  on_field_changed_cb (self, widget);
}

static void
on_check_toggled_cb (LankaMaterialDetails *self,
                     GtkCheckButton       *check)
{
  update_checklist_subtitles (self);
  on_field_changed_cb (self, GTK_WIDGET (check));
}

static void
on_description_changed_cb (LankaMaterialDetails *self,
                           GtkTextBuffer        *buffer)
{
  on_field_changed_cb (self, GTK_WIDGET (self->description_view));
}

static GHashTable *
add_checklist (LankaMaterialDetails *self,
               AdwExpanderRow       *expander,
               LankaVocabulary       vocabulary)
{
  GHashTable *checks = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);
      g_autofree char *title = g_markup_escape_text (lanka_vocabulary_get_label (vocabulary, code), -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (expander, row);
      g_hash_table_insert (checks, (gpointer)code, check);
    }

  return checks;
}

static void
fill_checklist (GHashTable         *checks,
                const char * const *codes)
{
  GHashTableIter iter;
  gpointer code, check;

  g_hash_table_iter_init (&iter, checks);
  while (g_hash_table_iter_next (&iter, &code, &check))
    gtk_check_button_set_active (check, codes != NULL && g_strv_contains (codes, code));
}

static GStrv
dup_checked (GHashTable      *checks,
             LankaVocabulary  vocabulary)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  /* In the vocabulary's order, not the hash table's. */
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);
      GtkCheckButton *check = g_hash_table_lookup (checks, code);

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, code);
    }

  return g_strv_builder_end (builder);
}

static void
add_language (GPtrArray     *codes,
              GtkStringList *labels,
              const char    *code)
{
  const char *name;

  if (code == NULL || *code == '\0')
    return;

  for (guint i = 1; i < codes->len; i++)
    if (g_str_equal (g_ptr_array_index (codes, i), code))
      return;

  name = lanka_iso_language_get_name (code);
  g_ptr_array_add (codes, g_strdup (code));
  gtk_string_list_append (labels, name != NULL ? name : code);
}

/* The languages trainers here teach in, those the library has, and the
 * material's own.
 */
static void
fill_languages (LankaMaterialDetails *self,
                const char           *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_auto(GStrv) library = NULL;
  guint position = 0;

  g_ptr_array_set_size (self->language_codes, 0);
  g_ptr_array_add (self->language_codes, NULL);
  gtk_string_list_append (labels, _("Not set"));

  add_language (self->language_codes, labels, "sv");
  add_language (self->language_codes, labels, "en");

  if (self->database != NULL)
    library = lanka_materials_dup_languages (self->database, NULL);
  for (guint i = 0; library != NULL && library[i] != NULL; i++)
    add_language (self->language_codes, labels, library[i]);

  add_language (self->language_codes, labels, current);

  for (guint i = 1; current != NULL && i < self->language_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->language_codes, i), current))
      position = i;

  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->language_row, position);
}

static char *
describe_file (LankaRecord *material)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *file_name = lanka_record_get (material, "file_name");
  const char *url = lanka_record_get (material, "url");
  gint64 size = lanka_record_get_int (material, "size", 0);
  gint64 pages = lanka_record_get_int (material, "page_count", 0);

  if (url != NULL)
    g_string_append (text, url);
  else if (file_name != NULL)
    g_string_append (text, file_name);

  if (size > 0)
    {
      g_autofree char *formatted = g_format_size (size);

      /* TRANSLATORS: separates what is known about a file */
      g_string_append (text, _(" · "));
      g_string_append (text, formatted);
    }

  if (pages > 1)
    {
      g_string_append (text, _(" · "));
      g_string_append_printf (text, ngettext ("%u page", "%u pages", (guint)pages), (guint)pages);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
fill_fields (LankaMaterialDetails *self)
{
  LankaRecord *material = self->material;
  g_autofree char *file = NULL;
  g_autofree char *escaped = NULL;
  const char *kind;
  guint kind_position = 0;

  self->loading = TRUE;

  show_error (self, NULL);
  set_entry (self->title_row, material != NULL ? lanka_record_get (material, "title") : NULL);
  set_entry (self->source_row, material != NULL ? lanka_record_get (material, "source") : NULL);
  set_entry (self->year_row, material != NULL ? lanka_record_get (material, "year") : NULL);
  set_entry (self->usage_row, material != NULL ? lanka_record_get (material, "usage_note") : NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            material != NULL && lanka_record_get (material, "description") != NULL
                            ? lanka_record_get (material, "description") : "",
                            -1);
  gtk_spin_button_set_value (self->duration_spin,
                             material != NULL ? lanka_record_get_int (material, "duration", 0) : 0);

  kind = material != NULL ? lanka_record_get (material, "kind") : NULL;
  for (guint i = 0; kind != NULL && i < self->kind_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->kind_codes, i), kind))
      kind_position = i;
  adw_combo_row_set_selected (self->kind_row, kind_position);

  fill_languages (self, material != NULL ? lanka_record_get (material, "language") : NULL);
  fill_checklist (self->audience_checks,
                  material != NULL ? lanka_record_get_list (material, "audiences") : NULL);
  fill_checklist (self->topic_checks,
                  material != NULL ? lanka_record_get_list (material, "topics") : NULL);
  update_checklist_subtitles (self);

  gtk_label_set_label (self->title_label,
                       material != NULL && lanka_record_get (material, "title") != NULL
                       ? lanka_record_get (material, "title") : "");

  file = material != NULL ? describe_file (material) : g_strdup ("");
  escaped = g_markup_escape_text (file, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), escaped);

  self->loading = FALSE;
  set_modified (self, FALSE);
}

static char *
dup_trimmed (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
mark_field (LankaMaterialDetails *self,
            GtkWidget            *field,
            const char           *message)
{
  gtk_widget_add_css_class (field, "error");
  show_error (self, message);
  adw_flap_set_reveal_flap (self->flap, TRUE);

  /* Not when the edits are saved as the window goes. */
  if (gtk_widget_get_mapped (field))
    gtk_widget_grab_focus (field);
}

/* Stores what the fields hold.  A field that is not valid is marked
 * and keeps what was typed; so does everything when the store refuses.
 */
static gboolean
save_changes (LankaMaterialDetails  *self,
              GError               **error)
{
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *year = NULL;
  g_autofree char *description = NULL;
  g_autofree char *source = NULL;
  g_autofree char *usage = NULL;
  g_auto(GStrv) audiences = NULL;
  g_auto(GStrv) topics = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint position;

  if (self->material == NULL || self->database == NULL || !self->modified)
    return TRUE;

  title = dup_trimmed (GTK_EDITABLE (self->title_row));
  if (title == NULL)
    {
      mark_field (self, GTK_WIDGET (self->title_row), _("The material needs a title."));
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The material needs a title."));
      return FALSE;
    }

  year = dup_trimmed (GTK_EDITABLE (self->year_row));
  for (const char *c = year; c != NULL && *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      {
        mark_field (self, GTK_WIDGET (self->year_row), _("The year is a number, such as 2024."));
        g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                             _("The year is a number, such as 2024."));
        return FALSE;
      }

  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  material = lanka_record_copy (self->material);
  lanka_record_set (material, "title", title);
  lanka_record_set (material, "description", *description != '\0' ? description : NULL);
  lanka_record_set (material, "year", year);
  source = dup_trimmed (GTK_EDITABLE (self->source_row));
  lanka_record_set (material, "source", source);
  usage = dup_trimmed (GTK_EDITABLE (self->usage_row));
  lanka_record_set (material, "usage_note", usage);

  position = adw_combo_row_get_selected (self->kind_row);
  if (position < self->kind_codes->len)
    lanka_record_set (material, "kind", g_ptr_array_index (self->kind_codes, position));

  position = adw_combo_row_get_selected (self->language_row);
  lanka_record_set (material, "language",
                    position < self->language_codes->len ? g_ptr_array_index (self->language_codes, position)
                                                         : NULL);

  if (gtk_spin_button_get_value_as_int (self->duration_spin) > 0)
    lanka_record_set_int (material, "duration", gtk_spin_button_get_value_as_int (self->duration_spin));
  else
    lanka_record_set (material, "duration", NULL);

  audiences = dup_checked (self->audience_checks, LANKA_VOCABULARY_MATERIAL_AUDIENCE);
  topics = dup_checked (self->topic_checks, LANKA_VOCABULARY_MATERIAL_TOPIC);
  lanka_record_set_list (material, "audiences", (const char * const *)audiences);
  lanka_record_set_list (material, "topics", (const char * const *)topics);

  if (!lanka_materials_save (self->database, material, &local_error))
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_object (&self->material, material);
  gtk_label_set_label (self->title_label, title);
  set_modified (self, FALSE);

  g_signal_emit (self, signals[SAVED], 0, self->material);

  return TRUE;
}

static void
lanka_material_details_save (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  LankaMaterialDetails *self = LANKA_MATERIAL_DETAILS (widget);
  g_autoptr(GError) error = NULL;

  if (self->material == NULL || self->database == NULL)
    return;

  if (save_changes (self, &error))
    show_toast (self, _("Changes saved"));
  /* A field that is not valid is marked beside it already. */
  else if (!g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID))
    show_toast (self, error->message);
}

static void
lanka_material_details_present (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaMaterialDetails *self = LANKA_MATERIAL_DETAILS (widget);
  guint page;

  if (self->material == NULL)
    return;

  /* The viewer counts pages from 1, the presentation from 0. */
  page = lanka_material_viewer_get_page (self->viewer);
  g_signal_emit (self, signals[PRESENT], 0, self->material, page > 0 ? page - 1 : 0);
}

static void
on_delete_response_cb (LankaMaterialDetails *self,
                       const char           *response,
                       AdwMessageDialog     *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->material == NULL || self->database == NULL)
    return;

  uuid = g_strdup (lanka_record_get_uuid (self->material));
  if (!lanka_materials_delete (self->database, uuid, &error))
    {
      show_toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, uuid);
}

static void
lanka_material_details_delete (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  LankaMaterialDetails *self = LANKA_MATERIAL_DETAILS (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->material == NULL)
    return;

  /* TRANSLATORS: %s is the title of a training material */
  heading = g_strdup_printf (_("Delete “%s”?"), lanka_record_get (self->material, "title"));
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   _("The material is removed from the library and from every "
                                     "course, with its presenter notes. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_to_course (LankaMaterialDetails *self,
               LankaRecord          *course)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->material == NULL || self->database == NULL)
    return;

  if (!lanka_collections_insert (self->database, lanka_record_get_uuid (course),
                                 lanka_record_get_uuid (self->material), -1, &error))
    {
      show_toast (self, error->message);
      return;
    }

  /* TRANSLATORS: %s is the title of a course */
  message = g_strdup_printf (_("Added to “%s”"), lanka_record_get (course, "title"));
  show_toast (self, message);
  g_signal_emit (self, signals[COURSES_CHANGED], 0);
}

static void
lanka_material_details_add_to_course (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  LankaMaterialDetails *self = LANKA_MATERIAL_DETAILS (widget);
  g_autoptr(LankaRecord) course = NULL;
  g_autoptr(GError) error = NULL;

  if (self->database == NULL)
    return;

  if (!(course = lanka_collections_get (self->database, g_variant_get_string (param, NULL), &error)))
    {
      show_toast (self, error->message);
      return;
    }

  add_to_course (self, course);
}

static void
on_course_dialog_saved_cb (LankaMaterialDetails *self,
                           LankaRecord          *course,
                           LankaCourseDialog    *dialog)
{
  add_to_course (self, course);
}

static void
lanka_material_details_add_to_new_course (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  LankaMaterialDetails *self = LANKA_MATERIAL_DETAILS (widget);
  LankaCourseDialog *dialog;

  if (self->database == NULL)
    return;

  dialog = lanka_course_dialog_new (self->database, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_course_dialog_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The courses change elsewhere: the menu is made when it opens. */
static void
create_course_menu (GtkMenuButton *button,
                    gpointer       user_data)
{
  LankaMaterialDetails *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) courses = g_menu_new ();
  g_autoptr(GMenu) create = g_menu_new ();
  g_autoptr(GListModel) list = NULL;

  if (self->database != NULL)
    list = lanka_collections_list (self->database, NULL);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LankaRecord) course = g_list_model_get_item (list, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (lanka_record_get (course, "title"), NULL);

      g_menu_item_set_action_and_target (item, "material.add-to-course", "s", lanka_record_get_uuid (course));
      g_menu_append_item (courses, item);
    }

  g_menu_append (create, _("_New Course…"), "material.add-to-new-course");
  g_menu_append_section (menu, _("Add to Course"), G_MENU_MODEL (courses));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (create));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
lanka_material_details_dispose (GObject *object)
{
  LankaMaterialDetails *self = (LankaMaterialDetails *)object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_MATERIAL_DETAILS);

  g_clear_object (&self->material);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_material_details_parent_class)->dispose (object);
}

static void
lanka_material_details_finalize (GObject *object)
{
  LankaMaterialDetails *self = (LankaMaterialDetails *)object;

  g_clear_pointer (&self->kind_codes, g_ptr_array_unref);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);
  g_clear_pointer (&self->audience_checks, g_hash_table_unref);
  g_clear_pointer (&self->topic_checks, g_hash_table_unref);

  G_OBJECT_CLASS (lanka_material_details_parent_class)->finalize (object);
}

static void
lanka_material_details_class_init (LankaMaterialDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_material_details_dispose;
  object_class->finalize = lanka_material_details_finalize;

  /**
   * LankaMaterialDetails::saved:
   * @self: a #LankaMaterialDetails
   * @material: the material as stored
   *
   * Emitted when changes to the material were saved.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_RECORD);

  /**
   * LankaMaterialDetails::deleted:
   * @self: a #LankaMaterialDetails
   * @uuid: the material that was deleted
   *
   * Emitted after the person confirmed and the material is gone.
   */
  signals[DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LankaMaterialDetails::present:
   * @self: a #LankaMaterialDetails
   * @material: the material to present
   * @first: the slide to start on, counted from 0
   *
   * Emitted when the person asks to present the material.
   */
  signals[PRESENT] =
    g_signal_new ("present",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, LANKA_TYPE_RECORD, G_TYPE_UINT);

  /**
   * LankaMaterialDetails::courses-changed:
   * @self: a #LankaMaterialDetails
   *
   * Emitted when the material was added to a course.
   */
  signals[COURSES_CHANGED] =
    g_signal_new ("courses-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/training/lanka-material-details.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, audiences_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, course_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, description_view);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, file_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, flap);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, language_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, source_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, title_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, topics_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, usage_row);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, viewer);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialDetails, year_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_notify_cb);

  gtk_widget_class_install_action (widget_class, "material.save", NULL, lanka_material_details_save);
  gtk_widget_class_install_action (widget_class, "material.present", NULL, lanka_material_details_present);
  gtk_widget_class_install_action (widget_class, "material.delete", NULL, lanka_material_details_delete);
  gtk_widget_class_install_action (widget_class, "material.add-to-course", "s",
                                   lanka_material_details_add_to_course);
  gtk_widget_class_install_action (widget_class, "material.add-to-new-course", NULL,
                                   lanka_material_details_add_to_new_course);

  /* Every shortcut here is listed in gtk/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "material.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "material.present", NULL);

  g_type_ensure (LANKA_TYPE_MATERIAL_VIEWER);
}

static void
lanka_material_details_init (LankaMaterialDetails *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind_codes = g_ptr_array_new ();
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_MATERIAL_KIND); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_MATERIAL_KIND, i);

      gtk_string_list_append (kinds, lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_KIND, code));
      g_ptr_array_add (self->kind_codes, (gpointer)code);
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  self->audience_checks = add_checklist (self, self->audiences_row, LANKA_VOCABULARY_MATERIAL_AUDIENCE);
  self->topic_checks = add_checklist (self, self->topics_row, LANKA_VOCABULARY_MATERIAL_TOPIC);

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (on_description_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_create_popup_func (self->course_button, create_course_menu, self, NULL);

  fill_fields (self);
}

/**
 * lanka_material_details_new:
 *
 * Returns: (transfer floating): a new, empty material page
 */
GtkWidget *
lanka_material_details_new (void)
{
  return g_object_new (LANKA_TYPE_MATERIAL_DETAILS, NULL);
}

/**
 * lanka_material_details_set_database:
 * @self: a #LankaMaterialDetails
 * @database: (nullable): the open database, or %NULL when Länka locks
 *
 * With %NULL the page shows nothing and holds nothing.
 */
void
lanka_material_details_set_database (LankaMaterialDetails *self,
                                     LankaDatabase        *database)
{
  g_return_if_fail (LANKA_IS_MATERIAL_DETAILS (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (self->database == database)
    return;

  lanka_material_details_set_material (self, NULL);
  g_set_object (&self->database, database);
  update_actions (self);
}

/**
 * lanka_material_details_set_material:
 * @self: a #LankaMaterialDetails
 * @material: (nullable): the material to show
 *
 * Shows @material in the viewer and its fields for editing.
 */
void
lanka_material_details_set_material (LankaMaterialDetails *self,
                                     LankaRecord          *material)
{
  g_return_if_fail (LANKA_IS_MATERIAL_DETAILS (self));
  g_return_if_fail (!material || LANKA_IS_RECORD (material));

  g_clear_object (&self->material);
  if (material != NULL && self->database != NULL)
    self->material = lanka_record_copy (material);

  lanka_material_viewer_set_material (self->viewer, self->database, self->material);
  fill_fields (self);
}

/**
 * lanka_material_details_get_material:
 * @self: a #LankaMaterialDetails
 *
 * Returns: (transfer none) (nullable): the material as last loaded or saved
 */
LankaRecord *
lanka_material_details_get_material (LankaMaterialDetails *self)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_DETAILS (self), NULL);

  return self->material;
}

/**
 * lanka_material_details_get_viewer:
 * @self: a #LankaMaterialDetails
 *
 * Returns: (transfer none): the viewer showing the material
 */
LankaMaterialViewer *
lanka_material_details_get_viewer (LankaMaterialDetails *self)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_DETAILS (self), NULL);

  return self->viewer;
}

/**
 * lanka_material_details_get_modified:
 * @self: a #LankaMaterialDetails
 *
 * Returns: whether the fields hold edits that are not saved
 */
gboolean
lanka_material_details_get_modified (LankaMaterialDetails *self)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_DETAILS (self), FALSE);

  return self->modified;
}

/**
 * lanka_material_details_save_changes:
 * @self: a #LankaMaterialDetails
 * @error: return location for a #GError
 *
 * Saves the edits as the Save button does, without a toast: the caller
 * says so where the person will see it.  A field that is not valid is
 * marked and keeps what was typed; the error is then
 * %LANKA_STORE_ERROR_INVALID with a sentence saying what is wrong.
 *
 * Returns: %TRUE if nothing was left unsaved
 */
gboolean
lanka_material_details_save_changes (LankaMaterialDetails  *self,
                                     GError               **error)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_DETAILS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_changes (self, error);
}

/**
 * lanka_material_details_discard_changes:
 * @self: a #LankaMaterialDetails
 *
 * Puts the fields back as the material is stored.
 */
void
lanka_material_details_discard_changes (LankaMaterialDetails *self)
{
  g_return_if_fail (LANKA_IS_MATERIAL_DETAILS (self));

  fill_fields (self);
}
