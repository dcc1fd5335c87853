/* lanka-person-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-person-editor"

#include "config.h"

#include "lanka-person-editor.h"

#include "lanka-audit.h"
#include "lanka-case-rows.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <time.h>

struct _LankaPersonEditor
{
  AdwWindow        parent_instance;

  LankaDatabase   *database;
  LankaRecord     *person;
  char            *case_uuid;
  gboolean         show_names;
  gboolean         number_valid;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *protected_banner;
  AdwPreferencesGroup *identity_group;
  GtkWidget       *names_row;
  GtkWidget       *show_names_button;
  GtkLabel        *number_problem;
  AdwPreferencesGroup *birth_group;
  AdwPreferencesGroup *background_group;
  AdwPreferencesGroup *contact_group;

  GtkWidget       *alias_row;
  GtkWidget       *legal_name_row;
  GtkWidget       *number_row;
  GtkWidget       *interpreter_language_row;
  GtkWidget       *address_row;
};

G_DEFINE_FINAL_TYPE (LankaPersonEditor, lanka_person_editor, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;

  return FALSE;
}

static void
update_actions (LankaPersonEditor *self)
{
  gboolean can_finish = has_text (lanka_record_get (self->person, "alias")) && self->number_valid;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.done", can_finish);
}

static void
set_names_shown (LankaPersonEditor *self,
                 gboolean           shown)
{
  gtk_widget_set_visible (self->names_row, !shown);
  gtk_widget_set_visible (self->legal_name_row, shown);
  gtk_widget_set_visible (self->number_row, shown);
}

static void
on_alias_changed_cb (LankaPersonEditor *self)
{
  update_actions (self);
}

/* The number is checked as it is typed.  A good one gives the birth date
 * to the day; a bad one keeps Done from closing, with the sentence that
 * says why under the names.
 */
static void
on_personal_number_changed_cb (LankaPersonEditor *self)
{
  const char *number = lanka_record_get (self->person, "personal_number");
  g_autofree char *birth_date = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new ();

  if (!has_text (number))
    {
      self->number_valid = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->number_problem), FALSE);
      gtk_widget_remove_css_class (self->number_row, "error");
      update_actions (self);
      return;
    }

  g_date_set_time_t (today, time (NULL));
  canonical = lanka_personal_number_normalize (number, today, NULL, &birth_date, &error);
  self->number_valid = canonical != NULL;

  if (canonical != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->number_problem), FALSE);
      gtk_widget_remove_css_class (self->number_row, "error");
      lanka_record_set (self->person, "birth_date", birth_date);
      lanka_record_set (self->person, "birth_precision", "day");
    }
  else
    {
      gtk_label_set_text (self->number_problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->number_problem), TRUE);
      gtk_widget_add_css_class (self->number_row, "error");
    }

  update_actions (self);
}

static void
on_interpreter_changed_cb (LankaPersonEditor *self)
{
  gtk_widget_set_visible (self->interpreter_language_row,
                          lanka_record_get_boolean (self->person, "interpreter"));
}

/* A protected person's address is not shown at all, not even to the one
 * who types it: the screen may be seen by others.
 */
static void
on_protected_identity_changed_cb (LankaPersonEditor *self)
{
  gboolean protected = lanka_record_get_boolean (self->person, "protected_identity");

  if (protected && gtk_widget_get_focus_child (self->address_row) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));

  gtk_widget_set_visible (self->address_row, !protected);
  gtk_widget_set_visible (self->protected_banner, protected);
}

static void
on_show_names_clicked_cb (LankaPersonEditor *self)
{
  g_autoptr(GError) error = NULL;

  /* Who looked at a name is logged, as in the list of cases. */
  if (self->case_uuid != NULL &&
      !lanka_audit_log (self->database, LANKA_AUDIT_NAMES_REVEAL, self->case_uuid, NULL, &error))
    {
      g_debug ("Revealing names is not logged: %s", error->message);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The names cannot be shown because the log cannot be written")));
      return;
    }

  set_names_shown (self, TRUE);
  gtk_widget_grab_focus (self->legal_name_row);
}

static void
lanka_person_editor_cancel (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
lanka_person_editor_done (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LankaPersonEditor *self = LANKA_PERSON_EDITOR (widget);
  const char *number = lanka_record_get (self->person, "personal_number");
  g_autoptr(GDate) today = g_date_new ();

  update_actions (self);
  if (!gtk_widget_is_sensitive (widget) ||
      !has_text (lanka_record_get (self->person, "alias")) || !self->number_valid)
    return;

  /* The number is kept in one spelling, so that it is found again. */
  if (has_text (number))
    {
      g_autofree char *canonical = NULL;

      g_date_set_time_t (today, time (NULL));
      canonical = lanka_personal_number_normalize (number, today, NULL, NULL, NULL);
      if (canonical != NULL)
        lanka_record_set (self->person, "personal_number", canonical);
    }

  g_signal_emit (self, signals[DONE], 0, self->person);
  gtk_window_close (GTK_WINDOW (self));
}

static void
build_rows (LankaPersonEditor *self)
{
  LankaRecord *person = self->person;

  self->alias_row = lanka_case_entry_row_new (person, "alias", _("Alias"));
  adw_preferences_group_add (self->identity_group, self->alias_row);
  adw_preferences_group_add (self->identity_group,
                             lanka_case_choice_row_new (person, "role", _("Role"),
                                                        LANKA_VOCABULARY_ROLE, FALSE));
  self->legal_name_row = lanka_case_entry_row_new (person, "legal_name", _("Legal name"));
  adw_preferences_group_add (self->identity_group, self->legal_name_row);
  self->number_row = lanka_case_entry_row_new (person, "personal_number",
                                               _("Personnummer or samordningsnummer"));
  adw_preferences_group_add (self->identity_group, self->number_row);

  adw_preferences_group_add (self->birth_group,
                             lanka_case_date_row_new (person, "birth_date", _("Birth date")));
  adw_preferences_group_add (self->birth_group,
                             lanka_case_choice_row_new (person, "birth_precision",
                                                        _("How much is known"),
                                                        LANKA_VOCABULARY_BIRTH_PRECISION, TRUE));
  adw_preferences_group_add (self->birth_group,
                             lanka_case_number_row_new (person, "estimated_age",
                                                        _("Estimated age"), 0, 120));
  adw_preferences_group_add (self->birth_group,
                             lanka_case_date_row_new (person, "estimated_on",
                                                      _("Age estimated on")));

  adw_preferences_group_add (self->background_group,
                             lanka_case_choice_row_new (person, "gender", _("Gender"),
                                                        LANKA_VOCABULARY_GENDER, TRUE));
  adw_preferences_group_add (self->background_group,
                             lanka_case_countries_row_new (person, "citizenships",
                                                           _("Citizenship")));
  adw_preferences_group_add (self->background_group,
                             lanka_case_languages_row_new (person, "languages", _("Languages")));
  adw_preferences_group_add (self->background_group,
                             lanka_case_switch_row_new (person, "interpreter",
                                                        _("Needs an interpreter"), NULL));
  self->interpreter_language_row = lanka_case_language_row_new (person, "interpreter_language",
                                                                _("Interpreter language"));
  adw_preferences_group_add (self->background_group, self->interpreter_language_row);

  adw_preferences_group_add (self->contact_group,
                             lanka_case_switch_row_new (person, "protected_identity",
                                                        _("Protected identity"),
                                                        _("The address is hidden everywhere in Länka")));
  self->address_row = lanka_case_text_row_new (person, "address", _("Address"));
  adw_preferences_group_add (self->contact_group, self->address_row);
  adw_preferences_group_add (self->contact_group,
                             lanka_case_entry_row_new (person, "phone", _("Phone")));
  adw_preferences_group_add (self->contact_group,
                             lanka_case_text_row_new (person, "notes", _("Notes")));

  g_signal_connect_object (person, "changed::alias",
                           G_CALLBACK (on_alias_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (person, "changed::personal_number",
                           G_CALLBACK (on_personal_number_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (person, "changed::interpreter",
                           G_CALLBACK (on_interpreter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (person, "changed::protected_identity",
                           G_CALLBACK (on_protected_identity_changed_cb), self,
                           G_CONNECT_SWAPPED);

  on_personal_number_changed_cb (self);
  on_interpreter_changed_cb (self);
  on_protected_identity_changed_cb (self);

  /* Nothing to reveal is nothing to log. */
  set_names_shown (self, self->show_names ||
                         (!has_text (lanka_record_get (person, "legal_name")) &&
                          !has_text (lanka_record_get (person, "personal_number"))));
  update_actions (self);
}

static void
lanka_person_editor_dispose (GObject *object)
{
  LankaPersonEditor *self = (LankaPersonEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_PERSON_EDITOR);

  g_clear_object (&self->person);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_person_editor_parent_class)->dispose (object);
}

static void
lanka_person_editor_finalize (GObject *object)
{
  LankaPersonEditor *self = (LankaPersonEditor *)object;

  g_clear_pointer (&self->case_uuid, g_free);

  G_OBJECT_CLASS (lanka_person_editor_parent_class)->finalize (object);
}

static void
lanka_person_editor_class_init (LankaPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_person_editor_dispose;
  object_class->finalize = lanka_person_editor_finalize;

  /**
   * LankaPersonEditor::done:
   * @self: a #LankaPersonEditor
   * @person: the edited copy of the person
   *
   * Emitted when the person pressed Done, just before the window closes.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, protected_banner);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, names_row);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, show_names_button);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, number_problem);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, birth_group);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, background_group);
  gtk_widget_class_bind_template_child (widget_class, LankaPersonEditor, contact_group);
  gtk_widget_class_bind_template_callback (widget_class, on_show_names_clicked_cb);

  gtk_widget_class_install_action (widget_class, "person.cancel", NULL,
                                   lanka_person_editor_cancel);
  gtk_widget_class_install_action (widget_class, "person.done", NULL,
                                   lanka_person_editor_done);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "person.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "person.done", NULL);
}

static void
lanka_person_editor_init (LankaPersonEditor *self)
{
  self->number_valid = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lanka_person_editor_new:
 * @parent: (nullable): the window to stay above
 * @database: the open database (for the log)
 * @person: the person to edit; the editor works on a copy
 * @show_names: whether legal names and numbers are shown at once
 *
 * Returns: (transfer none): a new editor, owned by GTK until it closes
 */
LankaPersonEditor *
lanka_person_editor_new (GtkWindow     *parent,
                         LankaDatabase *database,
                         LankaRecord   *person,
                         gboolean       show_names)
{
  LankaPersonEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_RECORD (person), NULL);

  self = g_object_new (LANKA_TYPE_PERSON_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->person = lanka_record_copy (person);
  self->show_names = !!show_names;
  build_rows (self);

  return self;
}

/**
 * lanka_person_editor_set_case_uuid:
 * @self: a #LankaPersonEditor
 * @case_uuid: (nullable): the case the person belongs to
 *
 * Sets the case that the log names when legal names are shown.
 */
void
lanka_person_editor_set_case_uuid (LankaPersonEditor *self,
                                   const char        *case_uuid)
{
  g_return_if_fail (LANKA_IS_PERSON_EDITOR (self));

  g_free (self->case_uuid);
  self->case_uuid = g_strdup (case_uuid);
}

/**
 * lanka_person_editor_get_person:
 * @self: a #LankaPersonEditor
 *
 * Returns: (transfer none): the copy being edited
 */
LankaRecord *
lanka_person_editor_get_person (LankaPersonEditor *self)
{
  g_return_val_if_fail (LANKA_IS_PERSON_EDITOR (self), NULL);

  return self->person;
}
