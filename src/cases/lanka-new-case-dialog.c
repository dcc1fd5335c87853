/* lanka-new-case-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-new-case-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-cases.h"
#include "lanka-iso-codes.h"
#include "lanka-new-case-dialog.h"
#include "lanka-validate.h"

/* How long typing may pause before the duplicates are looked for again. */
#define DUPLICATES_DELAY_MS 250

/* The first step of a new case: who it is about.  Before a second case is
 * opened for someone who already has one, the cases that share the alias,
 * the birth date, the citizenship or the personnummer are shown, each
 * with a way to open it instead.
 */
struct _LankaNewCaseDialog
{
  AdwWindow             parent_instance;

  LankaDatabase        *database;

  /* ISO 3166 alpha-2 codes behind the citizenship drop-down; position 0
   * is "not known".
   */
  GPtrArray            *country_codes;

  guint                 duplicates_source;
  guint                 n_duplicates;

  /* The canonical personnummer and the birth date it gave, while the
   * number typed is valid.
   */
  char                 *personal_number;
  char                 *number_birth_date;

  /* Template widgets */
  AdwEntryRow          *alias_row;
  AdwEntryRow          *personal_number_row;
  AdwEntryRow          *birth_date_row;
  GtkDropDown          *citizenship_dropdown;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *duplicates_group;
  GtkListBox           *duplicates_list;
};

G_DEFINE_FINAL_TYPE (LankaNewCaseDialog, lanka_new_case_dialog, ADW_TYPE_WINDOW)

enum {
  CREATE,
  OPEN_EXISTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* Marks @row as wrong, with @error's sentence, or as right when @error is
 * %NULL.
 */
static void
mark_row (GtkWidget    *row,
          const GError *error,
          GString      *messages)
{
  if (error == NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                  -1);

  if (messages->len > 0)
    g_string_append_c (messages, '\n');
  g_string_append (messages, error->message);
}

static const char *
selected_country (LankaNewCaseDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->citizenship_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->country_codes->len)
    return NULL;

  return g_ptr_array_index (self->country_codes, position);
}

/* Checks what was typed; returns whether a case can be made of it.  A
 * wrong personnummer or birth date is marked, and blocks nothing else.
 */
static gboolean
validate (LankaNewCaseDialog *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) number_error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autofree char *alias = dup_stripped (self->alias_row);
  g_autofree char *number = dup_stripped (self->personal_number_row);
  g_autofree char *birth_date = dup_stripped (self->birth_date_row);

  g_clear_pointer (&self->personal_number, g_free);
  g_clear_pointer (&self->number_birth_date, g_free);

  if (*number != '\0')
    {
      LankaPersonalNumberKind kind;

      self->personal_number = lanka_personal_number_normalize (number, NULL, &kind,
                                                               &self->number_birth_date,
                                                               &number_error);
    }
  mark_row (GTK_WIDGET (self->personal_number_row), number_error, messages);

  if (*birth_date != '\0')
    lanka_date_validate (birth_date, &date_error);
  mark_row (GTK_WIDGET (self->birth_date_row), date_error, messages);

  gtk_label_set_label (self->error_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), messages->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-case.create",
                                 *alias != '\0' && number_error == NULL && date_error == NULL);

  return *alias != '\0' && number_error == NULL && date_error == NULL;
}

static char *
describe_reasons (const char * const *reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *first = NULL;

  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    {
      if (g_str_equal (reasons[i], "alias"))
        g_ptr_array_add (parts, _("same alias"));
      else if (g_str_equal (reasons[i], "birth_date"))
        g_ptr_array_add (parts, _("same birth date"));
      else if (g_str_equal (reasons[i], "citizenship"))
        g_ptr_array_add (parts, _("same citizenship"));
      else if (g_str_equal (reasons[i], "personal_number"))
        g_ptr_array_add (parts, _("same personnummer"));
    }
  g_ptr_array_add (parts, NULL);

  joined = g_strjoinv (", ", (char **)parts->pdata);
  if (*joined == '\0')
    return g_steal_pointer (&joined);

  /* A subtitle starts with a capital, as a sentence does. */
  first = g_utf8_strup (joined, g_utf8_next_char (joined) - joined);

  return g_strconcat (first, g_utf8_next_char (joined), NULL);
}

static void
on_duplicate_open_clicked_cb (LankaNewCaseDialog *self,
                              GtkButton          *button)
{
  g_autofree char *uuid = g_strdup (g_object_get_data (G_OBJECT (button), "lanka-uuid"));

  /* A handler may well close this dialog: keep a copy of the uuid. */
  g_object_ref (self);
  g_signal_emit (self, signals[OPEN_EXISTING], 0, uuid);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static GtkWidget *
new_duplicate_row (LankaNewCaseDialog   *self,
                   const LankaCaseMatch *match)
{
  g_autofree char *title = NULL;
  g_autofree char *reasons = describe_reasons ((const char * const *)match->reasons);
  g_autofree char *tooltip = NULL;
  GtkWidget *row;
  GtkWidget *button;

  /* TRANSLATORS: a possible duplicate case: its number and the person's alias */
  title = g_strdup_printf (_("%s · %s"), match->number ?: "", match->alias ?: "");

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reasons);

  button = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* TRANSLATORS: the tooltip of the Open button of a possible duplicate; %s is a case number */
  tooltip = g_strdup_printf (_("Open case %s instead"), match->number ?: "");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "lanka-uuid", g_strdup (match->uuid), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_duplicate_open_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
clear_duplicates (LankaNewCaseDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->duplicates_list))) != NULL)
    gtk_list_box_remove (self->duplicates_list, child);

  self->n_duplicates = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), FALSE);
}

static gboolean
find_duplicates_cb (gpointer user_data)
{
  LankaNewCaseDialog *self = user_data;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *alias = dup_stripped (self->alias_row);
  g_autofree char *birth_date = dup_stripped (self->birth_date_row);
  const char *country = selected_country (self);
  const char *countries[] = { country, NULL };

  self->duplicates_source = 0;
  clear_duplicates (self);

  if (self->database == NULL || !lanka_database_is_open (self->database))
    return G_SOURCE_REMOVE;

  if (*alias == '\0' && *birth_date == '\0' && country == NULL && self->personal_number == NULL)
    return G_SOURCE_REMOVE;

  if (*birth_date != '\0' && !lanka_date_validate (birth_date, NULL))
    g_clear_pointer (&birth_date, g_free);

  /* A search that fails only means no warning: it helps, it never stands
   * in the way of a new case.
   */
  matches = lanka_cases_find_duplicates (self->database,
                                         *alias != '\0' ? alias : NULL,
                                         birth_date != NULL && *birth_date != '\0' ? birth_date : NULL,
                                         country != NULL ? countries : NULL,
                                         self->personal_number,
                                         NULL);
  if (matches == NULL || matches->len == 0)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (self->duplicates_list, new_duplicate_row (self, g_ptr_array_index (matches, i)));

  self->n_duplicates = matches->len;
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), TRUE);

  return G_SOURCE_REMOVE;
}

static void
schedule_duplicates (LankaNewCaseDialog *self)
{
  g_clear_handle_id (&self->duplicates_source, g_source_remove);
  self->duplicates_source = g_timeout_add (DUPLICATES_DELAY_MS, find_duplicates_cb, self);
}

static void
on_field_changed_cb (LankaNewCaseDialog *self)
{
  validate (self);
  schedule_duplicates (self);
}

/* A valid personnummer says when the person was born. */
static void
on_personal_number_changed_cb (LankaNewCaseDialog *self,
                               GtkEditable        *editable)
{
  g_autofree char *birth_date = NULL;

  validate (self);

  birth_date = dup_stripped (self->birth_date_row);
  if (self->number_birth_date != NULL && g_strcmp0 (birth_date, self->number_birth_date) != 0)
    {
      g_signal_handlers_block_by_func (self->birth_date_row, on_field_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), self->number_birth_date);
      g_signal_handlers_unblock_by_func (self->birth_date_row, on_field_changed_cb, self);
      validate (self);
    }

  schedule_duplicates (self);
}

static void
on_citizenship_selected_cb (LankaNewCaseDialog *self,
                            GParamSpec         *pspec,
                            GtkDropDown        *dropdown)
{
  schedule_duplicates (self);
}

static LankaCase *
build_case (LankaNewCaseDialog *self)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autofree char *alias = dup_stripped (self->alias_row);
  g_autofree char *birth_date = dup_stripped (self->birth_date_row);
  const char *country = selected_country (self);
  LankaRecord *record = lanka_case_get_record (kase);
  LankaRecord *victim = lanka_case_get_victim (kase);

  if (victim == NULL)
    {
      victim = lanka_case_add_record (kase, "person");
      lanka_record_set (victim, "role", "victim");
    }

  lanka_record_set (victim, "alias", alias);
  if (self->personal_number != NULL)
    lanka_record_set (victim, "personal_number", self->personal_number);
  if (*birth_date != '\0')
    {
      lanka_record_set (victim, "birth_date", birth_date);
      lanka_record_set (victim, "birth_precision", "day");
    }
  if (country != NULL)
    {
      const char *countries[] = { country, NULL };

      lanka_record_set_list (victim, "citizenships", countries);
    }

  if (record != NULL && lanka_record_get (record, "opened") == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      lanka_record_set (record, "opened", today);
    }

  return g_steal_pointer (&kase);
}

static void
lanka_new_case_dialog_create (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LankaNewCaseDialog *self = LANKA_NEW_CASE_DIALOG (widget);
  g_autoptr(LankaCase) kase = NULL;

  if (!validate (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
      return;
    }

  kase = build_case (self);

  g_object_ref (self);
  g_signal_emit (self, signals[CREATE], 0, kase);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_alias_row_entry_activated_cb (LankaNewCaseDialog *self,
                                 AdwEntryRow        *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-case.create", NULL);
}

typedef struct
{
  char       *code;
  const char *name;
  char       *key;
} Country;

static void
country_clear (gpointer data)
{
  Country *country = data;

  g_free (country->code);
  g_free (country->key);
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const Country *country_a = a;
  const Country *country_b = b;

  return strcmp (country_a->key, country_b->key);
}

/* Every country iso-codes knows, by name in the person's language and in
 * its order.
 */
static void
setup_countries (LankaNewCaseDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GArray) countries = g_array_new (FALSE, TRUE, sizeof (Country));
  g_autoptr(GtkExpression) expression = NULL;

  g_array_set_clear_func (countries, country_clear);

  for (const char * const *code = lanka_iso_country_get_codes (); *code != NULL; code++)
    {
      Country country;

      if (!(country.name = lanka_iso_country_get_name (*code)))
        continue;

      country.code = g_strdup (*code);
      country.key = g_utf8_collate_key (country.name, -1);
      g_array_append_val (countries, country);
    }

  g_array_sort (countries, compare_countries);

  self->country_codes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->country_codes, NULL);
  gtk_string_list_append (names, C_("citizenship", "Not known"));

  for (guint i = 0; i < countries->len; i++)
    {
      Country *country = &g_array_index (countries, Country, i);

      g_ptr_array_add (self->country_codes, g_strdup (country->code));
      gtk_string_list_append (names, country->name);
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->citizenship_dropdown, expression);
  gtk_drop_down_set_model (self->citizenship_dropdown, G_LIST_MODEL (names));
}

static void
lanka_new_case_dialog_dispose (GObject *object)
{
  LankaNewCaseDialog *self = (LankaNewCaseDialog *)object;

  g_clear_handle_id (&self->duplicates_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_NEW_CASE_DIALOG);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_new_case_dialog_parent_class)->dispose (object);
}

static void
lanka_new_case_dialog_finalize (GObject *object)
{
  LankaNewCaseDialog *self = (LankaNewCaseDialog *)object;

  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->personal_number, g_free);
  g_clear_pointer (&self->number_birth_date, g_free);

  G_OBJECT_CLASS (lanka_new_case_dialog_parent_class)->finalize (object);
}

static void
lanka_new_case_dialog_class_init (LankaNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_new_case_dialog_dispose;
  object_class->finalize = lanka_new_case_dialog_finalize;

  /**
   * LankaNewCaseDialog::create:
   * @self: a #LankaNewCaseDialog
   * @kase: the new case, not saved yet
   *
   * Emitted when the person chose to create the case, just before the
   * dialog closes.
   */
  signals[CREATE] =
    g_signal_new ("create",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_CASE);

  /**
   * LankaNewCaseDialog::open-existing:
   * @self: a #LankaNewCaseDialog
   * @uuid: the case to open
   *
   * Emitted when the person chose a case already there over a new one,
   * just before the dialog closes.
   */
  signals[OPEN_EXISTING] =
    g_signal_new ("open-existing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-new-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaNewCaseDialog, alias_row);
  gtk_widget_class_bind_template_child (widget_class, LankaNewCaseDialog, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, LankaNewCaseDialog, citizenship_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaNewCaseDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, LankaNewCaseDialog, duplicates_list);
  gtk_widget_class_bind_template_child (widget_class, LankaNewCaseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaNewCaseDialog, personal_number_row);
  gtk_widget_class_bind_template_callback (widget_class, on_alias_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_citizenship_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_personal_number_changed_cb);

  gtk_widget_class_install_action (widget_class, "new-case.create", NULL, lanka_new_case_dialog_create);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_new_case_dialog_init (LankaNewCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_countries (self);
  validate (self);
}

/**
 * lanka_new_case_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @database: the open database
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
LankaNewCaseDialog *
lanka_new_case_dialog_new (GtkWindow     *parent,
                           LankaDatabase *database)
{
  LankaNewCaseDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);

  self = g_object_new (LANKA_TYPE_NEW_CASE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);

  return self;
}

/**
 * lanka_new_case_dialog_get_database:
 * @self: a #LankaNewCaseDialog
 *
 * Returns: (transfer none): the database the new case goes into
 */
LankaDatabase *
lanka_new_case_dialog_get_database (LankaNewCaseDialog *self)
{
  g_return_val_if_fail (LANKA_IS_NEW_CASE_DIALOG (self), NULL);

  return self->database;
}

/**
 * lanka_new_case_dialog_get_n_duplicates:
 * @self: a #LankaNewCaseDialog
 *
 * Returns: how many possible duplicates are shown
 */
guint
lanka_new_case_dialog_get_n_duplicates (LankaNewCaseDialog *self)
{
  g_return_val_if_fail (LANKA_IS_NEW_CASE_DIALOG (self), 0);

  return self->n_duplicates;
}
