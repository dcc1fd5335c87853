/* lanka-case-people.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-people"

#include "config.h"

#include "lanka-case-people.h"

#include "lanka-case.h"
#include "lanka-database.h"
#include "lanka-iso-codes.h"
#include "lanka-person-editor.h"
#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <time.h>

struct _LankaCasePeople
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  GSignalGroup        *people_signals;
  GPtrArray           *watched;
  gboolean             show_names;

  GtkWidget           *protected_banner;
  GtkLabel            *protected_label;
  AdwPreferencesGroup *group;
  GtkMenuButton       *add_button;

  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (LankaCasePeople, lanka_case_people, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  PROP_SHOW_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_victims (LankaCase *kase)
{
  GListModel *people = lanka_case_get_people (kase);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (lanka_record_get (person, "role"), "victim") == 0)
        n++;
    }

  return n;
}

/* "17 years", "born 2008" or "about 30 years": what is known of the age,
 * without pretending to know more.
 */
static char *
dup_age (LankaRecord *person)
{
  const char *birth_date = lanka_record_get (person, "birth_date");
  const char *precision = lanka_record_get (person, "birth_precision");
  gint64 estimated = lanka_record_get_int (person, "estimated_age", -1);
  int year, month, day;

  if (birth_date != NULL && sscanf (birth_date, "%d-%d-%d", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDate) today = g_date_new ();
      int years;

      if (g_strcmp0 (precision, "year") == 0 || g_strcmp0 (precision, "month") == 0)
        /* Translators: %d is a year */
        return g_strdup_printf (_("born %d"), year);

      g_date_set_time_t (today, time (NULL));
      years = (int) g_date_get_year (today) - year;
      if (g_date_get_month (today) < (GDateMonth) month ||
          (g_date_get_month (today) == (GDateMonth) month && g_date_get_day (today) < day))
        years--;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", years), years);
    }

  if (estimated >= 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %d year", "about %d years",
                                         estimated),
                            (int) estimated);

  return NULL;
}

static char *
dup_subtitle (LankaCasePeople *self,
              LankaRecord     *person)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *citizenships = lanka_record_get_list (person, "citizenships");
  const char *role = lanka_record_get (person, "role");
  char *age = dup_age (person);

  if (role != NULL)
    {
      const char *label = lanka_vocabulary_get_label (LANKA_VOCABULARY_ROLE, role);

      g_ptr_array_add (parts, g_strdup (label != NULL ? label : role));
    }
  if (age != NULL)
    g_ptr_array_add (parts, age);
  for (guint i = 0; citizenships[i] != NULL; i++)
    {
      const char *name = lanka_iso_country_get_name (citizenships[i]);

      g_ptr_array_add (parts, g_strdup (name != NULL ? name : citizenships[i]));
    }
  if (self->show_names)
    {
      if (lanka_record_get (person, "legal_name") != NULL)
        g_ptr_array_add (parts, g_strdup (lanka_record_get (person, "legal_name")));
      if (lanka_record_get (person, "personal_number") != NULL)
        g_ptr_array_add (parts, g_strdup (lanka_record_get (person, "personal_number")));
    }
  g_ptr_array_add (parts, NULL);

  /* Translators: between the parts of a person's description, as in
   * "Victim · 17 years · Eritrea"
   */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/* Puts the edited copy's values into the case's own record, field by
 * field, so that only real changes are seen (and drafted).
 */
static void
copy_fields (LankaRecord *from,
             LankaRecord *to)
{
  g_auto(GStrv) from_fields = lanka_record_dup_fields (from);
  g_auto(GStrv) to_fields = lanka_record_dup_fields (to);
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer field;

  for (guint i = 0; from_fields[i] != NULL; i++)
    g_hash_table_add (fields, from_fields[i]);
  for (guint i = 0; to_fields[i] != NULL; i++)
    g_hash_table_add (fields, to_fields[i]);

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    {
      if (_lanka_record_is_list (from, field) || _lanka_record_is_list (to, field))
        lanka_record_set_list (to, field, lanka_record_get_list (from, field));
      else
        lanka_record_set (to, field, lanka_record_get (from, field));
    }
}

static void
on_person_done_cb (LankaCasePeople *self,
                   LankaRecord     *edited)
{
  LankaRecord *person;

  if (self->kase == NULL)
    return;

  person = lanka_case_find_record (self->kase, lanka_record_get_uuid (edited));
  if (person == NULL)
    person = lanka_case_add_record (self->kase, "person");

  copy_fields (edited, person);
}

static LankaPersonEditor *
open_editor (LankaCasePeople *self,
             LankaRecord     *person)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LankaPersonEditor *editor;

  editor = lanka_person_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->database, person, self->show_names);
  lanka_person_editor_set_case_uuid (editor, lanka_case_get_uuid (self->kase));
  g_signal_connect_object (editor, "done", G_CALLBACK (on_person_done_cb), self,
                           G_CONNECT_SWAPPED);

  return editor;
}

static void
on_edit_clicked_cb (GtkButton       *button,
                    LankaCasePeople *self)
{
  LankaRecord *person = g_object_get_data (G_OBJECT (button), "lanka-person");

  gtk_window_present (GTK_WINDOW (open_editor (self, person)));
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LankaCasePeople  *self)
{
  LankaRecord *person = g_object_get_data (G_OBJECT (dialog), "lanka-person");

  if (g_strcmp0 (response, "remove") == 0 && self->kase != NULL && person != NULL)
    lanka_case_remove_record (self->kase, person);
}

static void
on_remove_clicked_cb (GtkButton       *button,
                      LankaCasePeople *self)
{
  LankaRecord *person = g_object_get_data (G_OBJECT (button), "lanka-person");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  /* Translators: %s is a person's alias */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove Person?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and what is written about them here are removed from the case when it is saved."),
                                  lanka_record_get (person, "alias") != NULL
                                  ? lanka_record_get (person, "alias") : "");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lanka-person", g_object_ref (person),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_person_row (LankaCasePeople *self,
                LankaRecord     *person,
                gboolean         last_victim)
{
  g_autofree char *subtitle = dup_subtitle (self, person);
  const char *alias = lanka_record_get (person, "alias");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit;
  GtkWidget *remove_button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 alias != NULL ? alias : _("No alias"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  if (lanka_record_get_boolean (person, "protected_identity"))
    {
      GtkWidget *tag = gtk_label_new (_("Protected identity"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "caption-heading");
      gtk_widget_add_css_class (tag, "warning");
      gtk_widget_add_css_class (row, "lanka-warning-row");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  g_object_set_data_full (G_OBJECT (edit), "lanka-person", g_object_ref (person), g_object_unref);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), self);

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "flat");
  g_object_set_data_full (G_OBJECT (remove_button), "lanka-person", g_object_ref (person), g_object_unref);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);

  /* A case is about someone: its only victim stays. */
  if (last_victim)
    {
      gtk_widget_set_sensitive (remove_button, FALSE);
      gtk_widget_set_tooltip_text (remove_button, _("A case needs the person it is about"));
    }
  else
    gtk_widget_set_tooltip_text (remove_button, _("Remove"));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);

  return row;
}

static void rebuild (LankaCasePeople *self);

/* The rows show the people's own fields: a change elsewhere in the case
 * (a note typed in the Overview) leaves them as they are.
 */
static void
unwatch_people (LankaCasePeople *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), rebuild, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
rebuild (LankaCasePeople *self)
{
  g_autoptr(GPtrArray) protected = g_ptr_array_new ();
  GListModel *people;
  guint victims;

  unwatch_people (self);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->kase != NULL);
  if (self->kase == NULL)
    {
      gtk_widget_set_visible (self->protected_banner, FALSE);
      return;
    }

  people = lanka_case_get_people (self->kase);
  victims = count_victims (self->kase);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (people, i);
      gboolean last_victim = victims <= 1 &&
                             g_strcmp0 (lanka_record_get (person, "role"), "victim") == 0;
      GtkWidget *row = new_person_row (self, person, last_victim);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);

      g_signal_connect_swapped (person, "changed", G_CALLBACK (rebuild), self);
      g_ptr_array_add (self->watched, g_object_ref (person));

      if (lanka_record_get_boolean (person, "protected_identity"))
        g_ptr_array_add (protected, (gpointer) (lanka_record_get (person, "alias") != NULL
                                                ? lanka_record_get (person, "alias") : ""));
    }

  if (protected->len > 0)
    {
      g_autofree char *aliases = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (protected, NULL);
      aliases = g_strjoinv (_(", "), (char **) protected->pdata);
      /* Translators: %s is one alias or a list of them */
      text = g_strdup_printf (_("Protected identity: %s. Never write down or pass on where they live."),
                              aliases);
      gtk_label_set_text (self->protected_label, text);
    }
  gtk_widget_set_visible (self->protected_banner, protected->len > 0);
}

static void
lanka_case_people_add (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LankaCasePeople *self = LANKA_CASE_PEOPLE (widget);
  g_autoptr(LankaRecord) person = NULL;
  LankaPersonEditor *editor;

  if (self->kase == NULL)
    return;

  /* The person goes into the case only when the editor is done. */
  person = lanka_record_new ("person");
  lanka_record_set (person, "role", g_variant_get_string (parameter, NULL));
  editor = open_editor (self, person);
  gtk_window_set_title (GTK_WINDOW (editor), _("New Person"));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
build_add_menu (LankaCasePeople *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_ROLE); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_ROLE, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (lanka_vocabulary_get_label (LANKA_VOCABULARY_ROLE,
                                                                               code),
                                                   NULL);

      g_menu_item_set_action_and_target (item, "people.add", "s", code);
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));
}

LankaDatabase *
lanka_case_people_get_database (LankaCasePeople *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_PEOPLE (self), NULL);

  return self->database;
}

void
lanka_case_people_set_database (LankaCasePeople *self,
                                LankaDatabase   *database)
{
  g_return_if_fail (LANKA_IS_CASE_PEOPLE (self));
  g_return_if_fail (database == NULL || LANKA_IS_DATABASE (database));

  if (g_set_object (&self->database, database))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

LankaCase *
lanka_case_people_get_case (LankaCasePeople *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_PEOPLE (self), NULL);

  return self->kase;
}

void
lanka_case_people_set_case (LankaCasePeople *self,
                            LankaCase       *kase)
{
  g_return_if_fail (LANKA_IS_CASE_PEOPLE (self));
  g_return_if_fail (kase == NULL || LANKA_IS_CASE (kase));

  if (!g_set_object (&self->kase, kase))
    return;

  g_signal_group_set_target (self->people_signals,
                             kase != NULL ? lanka_case_get_people (kase) : NULL);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

gboolean
lanka_case_people_get_show_names (LankaCasePeople *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_PEOPLE (self), FALSE);

  return self->show_names;
}

void
lanka_case_people_set_show_names (LankaCasePeople *self,
                                  gboolean         show_names)
{
  g_return_if_fail (LANKA_IS_CASE_PEOPLE (self));

  show_names = !!show_names;
  if (self->show_names == show_names)
    return;

  self->show_names = show_names;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NAMES]);
}

static void
lanka_case_people_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LankaCasePeople *self = LANKA_CASE_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_people_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_case_people_get_case (self));
      break;

    case PROP_SHOW_NAMES:
      g_value_set_boolean (value, lanka_case_people_get_show_names (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_people_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LankaCasePeople *self = LANKA_CASE_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_people_set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      lanka_case_people_set_case (self, g_value_get_object (value));
      break;

    case PROP_SHOW_NAMES:
      lanka_case_people_set_show_names (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_people_dispose (GObject *object)
{
  LankaCasePeople *self = (LankaCasePeople *)object;

  if (self->people_signals != NULL)
    g_signal_group_set_target (self->people_signals, NULL);
  g_clear_object (&self->people_signals);
  if (self->watched != NULL)
    unwatch_people (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_PEOPLE);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_people_parent_class)->dispose (object);
}

static void
lanka_case_people_class_init (LankaCasePeopleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_people_dispose;
  object_class->get_property = lanka_case_people_get_property;
  object_class->set_property = lanka_case_people_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_NAMES] =
    g_param_spec_boolean ("show-names", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-people.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCasePeople, protected_banner);
  gtk_widget_class_bind_template_child (widget_class, LankaCasePeople, protected_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCasePeople, group);
  gtk_widget_class_bind_template_child (widget_class, LankaCasePeople, add_button);

  gtk_widget_class_install_action (widget_class, "people.add", "s", lanka_case_people_add);
}

static void
lanka_case_people_init (LankaCasePeople *self)
{
  self->rows = g_ptr_array_new ();
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  build_add_menu (self);

  /* A person added or removed, or a person's field changed (see
   * rebuild()): the list is short, so it is built again.
   */
  self->people_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->people_signals, "items-changed", G_CALLBACK (rebuild), self);

  rebuild (self);
}
