/* lanka-course-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-course-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-course-dialog.h"
#include "lanka-materials.h"
#include "lanka-vocabulary.h"

/* A course's own fields.  The materials and their order are arranged in
 * the course's view, not here.
 */
struct _LankaCourseDialog
{
  AdwWindow       parent_instance;

  LankaDatabase  *database;
  LankaRecord    *course;
  gboolean        is_new;

  /* The audience codes behind the combo row; position 0 is "none". */
  GPtrArray      *audience_codes;

  /* Template widgets */
  GtkButton      *save_button;
  GtkLabel       *error_label;
  AdwEntryRow    *title_row;
  AdwComboRow    *audience_row;
  GtkSpinButton  *minutes_spin;
  GtkTextView    *description_view;
};

G_DEFINE_FINAL_TYPE (LankaCourseDialog, lanka_course_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (LankaCourseDialog *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_title_row_changed_cb (LankaCourseDialog *self,
                         AdwEntryRow       *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  show_error (self, NULL);
}

static void
on_title_row_entry_activated_cb (LankaCourseDialog *self,
                                 AdwEntryRow       *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "course.save", NULL);
}

static void
lanka_course_dialog_save (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LankaCourseDialog *self = LANKA_COURSE_DIALOG (widget);
  g_autoptr(LankaRecord) course = lanka_record_copy (self->course);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint position;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      show_error (self, _("A course needs a title."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return;
    }

  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  position = adw_combo_row_get_selected (self->audience_row);

  lanka_record_set (course, "title", title);
  lanka_record_set (course, "description", *description != '\0' ? description : NULL);
  lanka_record_set (course, "audience",
                    position < self->audience_codes->len ? g_ptr_array_index (self->audience_codes, position)
                                                         : NULL);
  if (gtk_spin_button_get_value_as_int (self->minutes_spin) > 0)
    lanka_record_set_int (course, "planned_minutes", gtk_spin_button_get_value_as_int (self->minutes_spin));
  else
    lanka_record_set (course, "planned_minutes", NULL);

  if (!lanka_collections_save (self->database, course, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, course);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lanka_course_dialog_dispose (GObject *object)
{
  LankaCourseDialog *self = (LankaCourseDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_COURSE_DIALOG);

  g_clear_object (&self->course);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_course_dialog_parent_class)->dispose (object);
}

static void
lanka_course_dialog_finalize (GObject *object)
{
  LankaCourseDialog *self = (LankaCourseDialog *)object;

  g_clear_pointer (&self->audience_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_course_dialog_parent_class)->finalize (object);
}

static void
lanka_course_dialog_class_init (LankaCourseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_course_dialog_dispose;
  object_class->finalize = lanka_course_dialog_finalize;

  /**
   * LankaCourseDialog::saved:
   * @self: a #LankaCourseDialog
   * @course: the course as stored
   *
   * Emitted when the course was created or its changes saved.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/training/lanka-course-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCourseDialog, audience_row);
  gtk_widget_class_bind_template_child (widget_class, LankaCourseDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, LankaCourseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCourseDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, LankaCourseDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCourseDialog, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "course.save", NULL, lanka_course_dialog_save);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "course.save", NULL);
}

static void
lanka_course_dialog_init (LankaCourseDialog *self)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->audience_codes = g_ptr_array_new ();
  gtk_string_list_append (audiences, _("Not set"));
  g_ptr_array_add (self->audience_codes, NULL);

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_MATERIAL_AUDIENCE); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_MATERIAL_AUDIENCE, i);

      gtk_string_list_append (audiences, lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_AUDIENCE, code));
      g_ptr_array_add (self->audience_codes, (gpointer)code);
    }

  adw_combo_row_set_model (self->audience_row, G_LIST_MODEL (audiences));
}

/**
 * lanka_course_dialog_new:
 * @database: the open database
 * @course: (nullable): the course to edit, or %NULL for a new one
 *
 * Returns: (transfer none): a new dialog, to be made transient and
 *   presented
 */
LankaCourseDialog *
lanka_course_dialog_new (LankaDatabase *database,
                         LankaRecord   *course)
{
  LankaCourseDialog *self;
  const char *audience;
  guint position = 0;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!course || LANKA_IS_RECORD (course), NULL);

  self = g_object_new (LANKA_TYPE_COURSE_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->is_new = course == NULL;
  self->course = course != NULL ? lanka_record_copy (course) : lanka_record_new ("collection");

  if (self->is_new)
    return self;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Course"));
  gtk_button_set_label (self->save_button, _("_Save"));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         lanka_record_get (course, "title") != NULL ? lanka_record_get (course, "title") : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            lanka_record_get (course, "description") != NULL
                            ? lanka_record_get (course, "description") : "",
                            -1);
  gtk_spin_button_set_value (self->minutes_spin, lanka_record_get_int (course, "planned_minutes", 0));

  /* Position 0 holds no code. */
  audience = lanka_record_get (course, "audience");
  for (guint i = 1; audience != NULL && i < self->audience_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->audience_codes, i), audience))
      position = i;
  adw_combo_row_set_selected (self->audience_row, position);

  return self;
}
