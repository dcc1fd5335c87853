/* lanka-case-rows.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-rows"

#include "config.h"

#include "lanka-case-rows.h"

#include "lanka-case.h"
#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-iso-codes.h"
#include "lanka-validate.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

/* Every bound row carries one Binding (as object data under BINDING_KEY):
 * the record and field it edits, what it needs to show them, and the
 * problem icon that lanka_case_rows_show_problems() turns on.  The row
 * holds the record; the record's ::changed handler is connected with the
 * row as its object, so it goes with the row.
 */
#define BINDING_KEY "lanka-case-row-binding"

typedef struct _Binding Binding;
typedef void (*SyncFunc) (GtkWidget *row,
                          Binding   *binding);

typedef enum
{
  ISO_COUNTRIES,
  ISO_LANGUAGES,
} IsoStandard;

struct _Binding
{
  LankaRecord     *record;
  char            *field;
  char            *name_field;
  SyncFunc         sync;
  /* The record's ::changed handlers: the field's, and the name field's. */
  gulong           handlers[2];
  GtkWidget       *problem_icon;
  guint            updating;

  /* The widget that edits the value: a text view, spin button, switch,
   * calendar or the agency's clear button.
   */
  GtkWidget       *editor;

  /* Choice and codes rows. */
  LankaVocabulary  vocabulary;
  gboolean         allow_none;
  GPtrArray       *codes;
  GPtrArray       *checks;

  /* Number rows: the field is empty, so the spin button shows nothing. */
  gboolean         unset;

  /* Countries and languages rows. */
  IsoStandard      standard;
  gboolean         multiple;
  GPtrArray       *chosen_rows;
  GtkWidget       *search_entry;
  GtkWidget       *list_view;
  GtkStringFilter *filter;
  GtkFilterListModel *filtered;

  /* Agency rows. */
  LankaDatabase   *database;
};

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_clear_object (&binding->record);
  g_clear_object (&binding->database);
  g_clear_object (&binding->filter);
  g_clear_object (&binding->filtered);
  g_clear_pointer (&binding->field, g_free);
  g_clear_pointer (&binding->name_field, g_free);
  g_clear_pointer (&binding->codes, g_ptr_array_unref);
  g_clear_pointer (&binding->checks, g_ptr_array_unref);
  g_clear_pointer (&binding->chosen_rows, g_ptr_array_unref);
  g_free (binding);
}

static Binding *
get_binding (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), BINDING_KEY);
}

static void
on_record_changed_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);

  if (binding == NULL || binding->updating > 0)
    return;

  binding->updating++;
  binding->sync (row, binding);
  binding->updating--;
}

static GtkWidget *
new_problem_icon (void)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);

  return icon;
}

static Binding *
bind (GtkWidget   *row,
      LankaRecord *record,
      const char  *field,
      SyncFunc     sync)
{
  Binding *binding = g_new0 (Binding, 1);
  g_autofree char *detailed = g_strdup_printf ("changed::%s", field);

  binding->record = g_object_ref (record);
  binding->field = g_strdup (field);
  binding->sync = sync;
  binding->problem_icon = new_problem_icon ();
  g_object_set_data_full (G_OBJECT (row), BINDING_KEY, binding, binding_free);

  binding->handlers[0] = g_signal_connect_object (record, detailed,
                                                  G_CALLBACK (on_record_changed_cb), row,
                                                  G_CONNECT_SWAPPED);

  return binding;
}

/* Shows the row's value as it is now. */
static void
sync_now (GtkWidget *row)
{
  on_record_changed_cb (row);
}

static void
set_text_field (Binding    *binding,
                const char *text)
{
  binding->updating++;
  lanka_record_set (binding->record, binding->field,
                    text != NULL && text[0] != '\0' ? text : NULL);
  binding->updating--;
}

/* Entry rows */

static void
sync_entry_row (GtkWidget *row,
                Binding   *binding)
{
  const char *value = lanka_record_get (binding->record, binding->field);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value != NULL ? value : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
}

static void
on_entry_row_changed_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);

  if (binding->updating == 0)
    set_text_field (binding, gtk_editable_get_text (GTK_EDITABLE (row)));
}

/**
 * lanka_case_entry_row_new:
 * @record: the record to edit
 * @field: the field of @record
 * @title: the row's title
 *
 * Returns: (transfer floating): an #AdwEntryRow bound to @field
 */
GtkWidget *
lanka_case_entry_row_new (LankaRecord *record,
                          const char  *field,
                          const char  *title)
{
  GtkWidget *row;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  binding = bind (row, record, field, sync_entry_row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), binding->problem_icon);
  sync_now (row);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_row_changed_cb), NULL);

  return row;
}

/* Text rows */

static void
sync_text_row (GtkWidget *row,
               Binding   *binding)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->editor));
  const char *value = lanka_record_get (binding->record, binding->field);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, value != NULL ? value : "") != 0)
    gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
}

static void
on_text_buffer_changed_cb (GtkWidget     *row,
                           GtkTextBuffer *buffer)
{
  Binding *binding = get_binding (row);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (binding->updating > 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_text_field (binding, text);
}

/**
 * lanka_case_text_row_new:
 * @record: the record to edit
 * @field: the field of @record
 * @title: the row's title
 *
 * Returns: (transfer floating): a row with a title and a multi-line text
 *   view, for summaries and notes
 */
GtkWidget *
lanka_case_text_row_new (LankaRecord *record,
                         const char  *field,
                         const char  *title)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *label;
  GtkWidget *view;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = adw_preferences_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "lanka-text-row");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (header), label);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  binding = bind (row, record, field, sync_text_row);
  binding->editor = view;
  gtk_box_append (GTK_BOX (header), binding->problem_icon);
  sync_now (row);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (on_text_buffer_changed_cb), row);

  return row;
}

/* Date rows */

/* Reads a date the way people write it here: YYYY-MM-DD, eight digits, or
 * the locale's short form (its order of day, month and year from
 * D_FMT, with any separators).  Two-digit years are in this century unless
 * that would be the future.
 */
char *
lanka_case_rows_parse_date (const char *text)
{
  g_autofree char *stripped = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *format;
  guint numbers[3];
  gsize first_length = 0;
  int year = -1, month = -1, day = -1;
  guint n_parts = 0;
  guint position = 0;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return NULL;

  if (strlen (stripped) == 8 && strspn (stripped, "0123456789") == 8)
    {
      year = (int) g_ascii_strtoull (stripped, NULL, 10) / 10000;
      month = ((int) g_ascii_strtoull (stripped, NULL, 10) / 100) % 100;
      day = (int) g_ascii_strtoull (stripped, NULL, 10) % 100;
    }
  else
    {
      /* Only digits and the usual separators: "1 mars" is no short form. */
      if (strspn (stripped, "0123456789-./ ") != strlen (stripped))
        return NULL;

      parts = g_regex_split_simple ("[^0-9]+", stripped, 0, 0);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (parts[i][0] == '\0')
            continue;
          if (n_parts == 3 || strlen (parts[i]) > 4)
            return NULL;
          if (n_parts == 0)
            first_length = strlen (parts[i]);
          numbers[n_parts++] = (guint) g_ascii_strtoull (parts[i], NULL, 10);
        }
      if (n_parts != 3)
        return NULL;

      if (first_length == 4)
        {
          /* ISO order, whatever the locale. */
          year = numbers[0];
          month = numbers[1];
          day = numbers[2];
        }
      else
        {
          format = nl_langinfo (D_FMT);
          for (const char *p = format; *p != '\0' && position < 3; p++)
            {
              if (*p != '%' || p[1] == '\0')
                continue;
              p++;
              if (*p == 'E' || *p == 'O')
                p++;
              switch (*p)
                {
                case 'd': case 'e': day = numbers[position++]; break;
                case 'm': month = numbers[position++]; break;
                case 'y': case 'Y': year = numbers[position++]; break;
                default: break;
                }
            }
          if (position != 3)
            {
              day = numbers[0];
              month = numbers[1];
              year = numbers[2];
            }

          if (year < 100)
            {
              int this_year;

              now = g_date_time_new_now_local ();
              this_year = g_date_time_get_year (now);
              year += this_year - this_year % 100;
              if (year > this_year)
                year -= 100;
            }
        }
    }

  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static void
sync_date_row (GtkWidget *row,
               Binding   *binding)
{
  const char *value = lanka_record_get (binding->record, binding->field);
  g_autofree char *typed = lanka_case_rows_parse_date (gtk_editable_get_text (GTK_EDITABLE (row)));

  /* What was typed stays while it means the stored date: "3/1/2026"
   * is not rewritten under the person's fingers.
   */
  if (value != NULL && g_strcmp0 (typed, value) == 0)
    return;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value != NULL ? value : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");

  typed = lanka_case_rows_parse_date (value);
  if (value == NULL || typed != NULL)
    gtk_widget_remove_css_class (row, "warning");
}

static void
on_date_row_changed_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *date = NULL;

  if (binding->updating > 0)
    return;

  date = lanka_case_rows_parse_date (text);

  /* An unreadable date goes into the record as typed, so that the draft
   * keeps it and validation names it; the row shows at once that it is
   * not a date yet.
   */
  if (date == NULL && text[strspn (text, " ")] != '\0')
    gtk_widget_add_css_class (row, "warning");
  else
    gtk_widget_remove_css_class (row, "warning");

  set_text_field (binding, date != NULL ? date : text);
}

static void
on_date_row_apply_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);
  const char *value = lanka_record_get (binding->record, binding->field);
  g_autofree char *date = lanka_case_rows_parse_date (value);

  /* Enter shows the date as it is stored, so that a short form that was
   * read another way than meant is seen.
   */
  if (date != NULL)
    {
      binding->updating++;
      gtk_editable_set_text (GTK_EDITABLE (row), date);
      binding->updating--;
    }
}

static void on_calendar_day_selected_cb (GtkWidget   *row,
                                         GtkCalendar *calendar);

static void
on_calendar_popover_show_cb (GtkWidget  *row,
                             GtkPopover *popover)
{
  Binding *binding = get_binding (row);
  g_autofree char *date = lanka_case_rows_parse_date (lanka_record_get (binding->record,
                                                                        binding->field));
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (date != NULL && sscanf (date, "%d-%d-%d", &y, &m, &d) == 3)
    day = g_date_time_new_local (y, m, d, 0, 0, 0);
  else
    day = g_date_time_new_now_local ();

  /* A calendar is made when it is first asked for: a case has dozens of
   * date rows, and a calendar is the costliest part of one.
   */
  if (binding->editor == NULL)
    {
      binding->editor = gtk_calendar_new ();
      gtk_popover_set_child (popover, binding->editor);
      g_signal_connect_swapped (binding->editor, "day-selected",
                                G_CALLBACK (on_calendar_day_selected_cb), row);
    }

  binding->updating++;
  gtk_calendar_select_day (GTK_CALENDAR (binding->editor), day);
  binding->updating--;
}

static void
on_calendar_day_selected_cb (GtkWidget   *row,
                             GtkCalendar *calendar)
{
  Binding *binding = get_binding (row);
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;
  GtkWidget *popover;

  if (binding->updating > 0)
    return;

  day = gtk_calendar_get_date (calendar);
  date = g_date_time_format (day, "%Y-%m-%d");
  lanka_record_set (binding->record, binding->field, date);

  binding->updating++;
  gtk_editable_set_text (GTK_EDITABLE (row), date);
  gtk_widget_remove_css_class (row, "warning");
  binding->updating--;

  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/**
 * lanka_case_date_row_new:
 * @record: the record to edit
 * @field: the date field of @record
 * @title: the row's title
 *
 * Returns: (transfer floating): an #AdwEntryRow that reads YYYY-MM-DD and
 *   the locale's short forms, with a calendar; the record gets YYYY-MM-DD,
 *   or the text as typed when it is no date
 */
GtkWidget *
lanka_case_date_row_new (LankaRecord *record,
                         const char  *field,
                         const char  *title)
{
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *popover;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "lanka-date-row");

  popover = gtk_popover_new ();
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));

  binding = bind (row, record, field, sync_date_row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), binding->problem_icon);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  sync_now (row);

  g_signal_connect (row, "changed", G_CALLBACK (on_date_row_changed_cb), NULL);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_date_row_apply_cb), NULL);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_calendar_popover_show_cb), row);

  return row;
}

/* Number rows */

static void
sync_number_row (GtkWidget *row,
                 Binding   *binding)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (binding->editor);
  const char *value = lanka_record_get (binding->record, binding->field);

  binding->unset = value == NULL;
  if (value != NULL)
    gtk_spin_button_set_value (spin, (double) lanka_record_get_int (binding->record,
                                                                    binding->field, 0));
  else
    gtk_spin_button_set_value (spin, gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)));
}

static gboolean
on_spin_output_cb (GtkWidget     *row,
                   GtkSpinButton *spin)
{
  Binding *binding = get_binding (row);
  g_autofree char *text = NULL;

  if (binding->unset)
    text = g_strdup ("");
  else
    text = g_strdup_printf ("%.0f", gtk_spin_button_get_value (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
on_spin_input_cb (GtkWidget     *row,
                  double        *new_value,
                  GtkSpinButton *spin)
{
  Binding *binding = get_binding (row);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  gint64 number;

  /* An emptied field is no number at all, not the lowest one. */
  if (text[0] == '\0')
    {
      binding->unset = TRUE;
      *new_value = gtk_adjustment_get_lower (adjustment);
      binding->updating++;
      lanka_record_set (binding->record, binding->field, NULL);
      binding->updating--;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10,
                                 (gint64) gtk_adjustment_get_lower (adjustment),
                                 (gint64) gtk_adjustment_get_upper (adjustment),
                                 &number, NULL))
    return GTK_INPUT_ERROR;

  *new_value = (double) number;
  if (binding->unset)
    {
      binding->unset = FALSE;
      binding->updating++;
      lanka_record_set_int (binding->record, binding->field, number);
      binding->updating--;
    }

  return TRUE;
}

static void
on_spin_value_changed_cb (GtkWidget     *row,
                          GtkSpinButton *spin)
{
  Binding *binding = get_binding (row);

  if (binding->updating > 0)
    return;

  binding->unset = FALSE;
  binding->updating++;
  lanka_record_set_int (binding->record, binding->field,
                        (gint64) gtk_spin_button_get_value (spin));
  binding->updating--;
}

/**
 * lanka_case_number_row_new:
 * @record: the record to edit
 * @field: the number field of @record
 * @title: the row's title
 * @lower: the smallest number
 * @upper: the largest number
 *
 * Returns: (transfer floating): a row with a spin button; an empty spin
 *   button empties the field
 */
GtkWidget *
lanka_case_number_row_new (LankaRecord *record,
                           const char  *field,
                           const char  *title,
                           int          lower,
                           int          upper)
{
  GtkWidget *row;
  GtkWidget *spin;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (lower <= upper, NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  spin = gtk_spin_button_new_with_range (lower, upper, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  /* An empty box looks like a number someone forgot; the field is
   * optional, and its placeholder says that nothing is set.
   */
  gtk_text_set_placeholder_text (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (spin))),
                                 C_("choice", "Not set"));

  binding = bind (row, record, field, sync_number_row);
  binding->editor = spin;
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), binding->problem_icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  g_signal_connect_swapped (spin, "output", G_CALLBACK (on_spin_output_cb), row);
  g_signal_connect_swapped (spin, "input", G_CALLBACK (on_spin_input_cb), row);
  sync_now (row);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_spin_value_changed_cb), row);

  return row;
}

/* Switch rows */

static void
sync_switch_row (GtkWidget *row,
                 Binding   *binding)
{
  gtk_switch_set_active (GTK_SWITCH (binding->editor),
                         lanka_record_get_boolean (binding->record, binding->field));
}

static void
on_switch_active_cb (GtkWidget *row,
                     GParamSpec *pspec,
                     GtkSwitch  *toggle)
{
  Binding *binding = get_binding (row);

  if (binding->updating > 0)
    return;

  binding->updating++;
  lanka_record_set_boolean (binding->record, binding->field, gtk_switch_get_active (toggle));
  binding->updating--;
}

/**
 * lanka_case_switch_row_new:
 * @record: the record to edit
 * @field: the boolean field of @record
 * @title: the row's title
 * @subtitle: (nullable): what the switch means, if the title does not say
 *
 * Returns: (transfer floating): an #AdwActionRow with a switch
 */
GtkWidget *
lanka_case_switch_row_new (LankaRecord *record,
                           const char  *field,
                           const char  *title,
                           const char  *subtitle)
{
  GtkWidget *row;
  GtkWidget *toggle;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  binding = bind (row, record, field, sync_switch_row);
  binding->editor = toggle;
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), binding->problem_icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  sync_now (row);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (on_switch_active_cb), row);

  return row;
}

/* Choice rows */

static void
sync_choice_row (GtkWidget *row,
                 Binding   *binding)
{
  const char *value = lanka_record_get (binding->record, binding->field);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < binding->codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (binding->codes, i), value) == 0)
        {
          position = i;
          break;
        }
    }

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
}

static void
on_choice_selected_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (binding->updating > 0 || position >= binding->codes->len)
    return;

  binding->updating++;
  lanka_record_set (binding->record, binding->field, g_ptr_array_index (binding->codes, position));
  binding->updating--;
}

/* AdwComboRow shows the chosen value beside the title in a label that
 * ends after about LONG_CHOICE_CHARS characters, in the row and in its
 * list alike: "Assessed victim of huma…" even in a wide window.  So a row
 * whose vocabulary has a longer label (in the language shown) always
 * shows its value under the title, where it wraps, and lists the choices
 * in full; the other rows keep the value beside the title.  The rule goes
 * by the vocabulary, not by the value or the width, so that a row looks
 * the same in every case and every window.
 */
#define LONG_CHOICE_CHARS 20

static void
update_choice_check (GtkListItem *list_item,
                     GtkWidget   *row)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  gpointer selected = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                          selected != NULL && selected == gtk_list_item_get_item (list_item));
}

static void
on_long_choice_selected_item_cb (GtkListItem *list_item,
                                 GParamSpec  *pspec,
                                 GtkWidget   *row)
{
  update_choice_check (list_item, row);
}

static void
on_long_choice_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         GtkWidget                *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  /* Wide enough to read a label on one or two lines, narrow enough for a
   * phone.
   */
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), check);

  gtk_list_item_set_child (list_item, box);
}

static void
on_long_choice_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        GtkWidget                *row)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (item));
  update_choice_check (list_item, row);
  g_signal_connect_swapped (row, "notify::selected-item",
                            G_CALLBACK (on_long_choice_selected_item_cb), list_item);
}

static void
on_long_choice_unbind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          GtkWidget                *row)
{
  g_signal_handlers_disconnect_by_func (row, on_long_choice_selected_item_cb, list_item);
}

static gboolean
has_long_label (GtkStringList *labels)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (labels)); i++)
    if (g_utf8_strlen (gtk_string_list_get_string (labels, i), -1) > LONG_CHOICE_CHARS)
      return TRUE;

  return FALSE;
}

/**
 * lanka_case_choice_row_new:
 * @record: the record to edit
 * @field: the field of @record, a code of @vocabulary
 * @title: the row's title
 * @vocabulary: the codes to choose from
 * @allow_none: whether "Not set" is a choice
 *
 * Returns: (transfer floating): an #AdwComboRow over the labels of
 *   @vocabulary
 */
GtkWidget *
lanka_case_choice_row_new (LankaRecord     *record,
                           const char      *field,
                           const char      *title,
                           LankaVocabulary  vocabulary,
                           gboolean         allow_none)
{
  g_autoptr(GtkStringList) labels = NULL;
  GtkWidget *row;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  binding = bind (row, record, field, sync_choice_row);
  binding->vocabulary = vocabulary;
  binding->allow_none = allow_none;
  binding->codes = g_ptr_array_new_with_free_func (g_free);

  labels = gtk_string_list_new (NULL);
  if (allow_none)
    {
      /* NULL is the code of "Not set". */
      g_ptr_array_add (binding->codes, NULL);
      gtk_string_list_append (labels, C_("choice", "Not set"));
    }
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);

      g_ptr_array_add (binding->codes, g_strdup (code));
      gtk_string_list_append (labels, lanka_vocabulary_get_label (vocabulary, code));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));

  if (has_long_label (labels))
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      /* The factory belongs to the row, so the row outlives its items. */
      g_signal_connect (factory, "setup", G_CALLBACK (on_long_choice_setup_cb), row);
      g_signal_connect (factory, "bind", G_CALLBACK (on_long_choice_bind_cb), row);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_long_choice_unbind_cb), row);
      adw_combo_row_set_list_factory (ADW_COMBO_ROW (row), factory);
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), binding->problem_icon);
  sync_now (row);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_selected_cb), NULL);

  return row;
}

/* Codes rows */

static char *
dup_code_labels (LankaVocabulary     vocabulary,
                 const char * const *codes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *label = lanka_vocabulary_get_label (vocabulary, codes[i]);

      if (text->len > 0)
        /* Translators: between the items of a list, as in "Forced labour, Begging" */
        g_string_append (text, _(", "));
      g_string_append (text, label != NULL ? label : codes[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
sync_codes_row (GtkWidget *row,
                Binding   *binding)
{
  const char * const *codes = lanka_record_get_list (binding->record, binding->field);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;

  /* The subtitle follows the order of the list below it; codes that are
   * not in the vocabulary (any more) come last, as they are.
   */
  for (guint i = 0; i < binding->codes->len; i++)
    if (g_strv_contains (codes, g_ptr_array_index (binding->codes, i)))
      g_ptr_array_add (ordered, g_ptr_array_index (binding->codes, i));
  for (guint i = 0; codes[i] != NULL; i++)
    if (!lanka_vocabulary_contains (binding->vocabulary, codes[i]))
      g_ptr_array_add (ordered, (gpointer) codes[i]);
  g_ptr_array_add (ordered, NULL);
  subtitle = dup_code_labels (binding->vocabulary, (const char * const *) ordered->pdata);

  for (guint i = 0; i < binding->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (binding->checks, i);

      gtk_check_button_set_active (check,
                                   lanka_record_list_contains (binding->record, binding->field,
                                                               g_ptr_array_index (binding->codes, i)));
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

static void
on_code_toggled_cb (GtkCheckButton *check,
                    GtkWidget      *row)
{
  Binding *binding = get_binding (row);
  const char *code = g_object_get_data (G_OBJECT (check), "lanka-code");

  if (binding->updating > 0)
    return;

  binding->updating++;
  lanka_record_list_toggle (binding->record, binding->field, code,
                            gtk_check_button_get_active (check));
  binding->sync (row, binding);
  binding->updating--;
}

/**
 * lanka_case_codes_row_new:
 * @record: the record to edit
 * @field: the list field of @record
 * @title: the row's title
 * @vocabulary: the codes to choose from
 *
 * Returns: (transfer floating): an #AdwExpanderRow with a check button per
 *   code; its subtitle names the chosen ones
 */
GtkWidget *
lanka_case_codes_row_new (LankaRecord     *record,
                          const char      *field,
                          const char      *title,
                          LankaVocabulary  vocabulary)
{
  GtkWidget *row;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  binding = bind (row, record, field, sync_codes_row);
  binding->vocabulary = vocabulary;
  binding->codes = g_ptr_array_new_with_free_func (g_free);
  binding->checks = g_ptr_array_new ();

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);
      GtkWidget *child = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child),
                                     lanka_vocabulary_get_label (vocabulary, code));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "lanka-code", g_strdup (code), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (child), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (child), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);

      g_ptr_array_add (binding->codes, g_strdup (code));
      g_ptr_array_add (binding->checks, check);
    }

  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), binding->problem_icon);
  sync_now (row);

  for (guint i = 0; i < binding->checks->len; i++)
    g_signal_connect (g_ptr_array_index (binding->checks, i), "toggled",
                      G_CALLBACK (on_code_toggled_cb), row);

  return row;
}

/* Countries and languages rows */

static const char *
iso_get_name (IsoStandard  standard,
              const char  *code)
{
  const char *name;

  if (code == NULL)
    return NULL;

  if (standard == ISO_COUNTRIES)
    name = lanka_iso_country_get_name (code);
  else
    name = lanka_iso_language_get_name (code);

  return name != NULL ? name : code;
}

static char *
iso_name_of_item (GtkStringObject *item,
                  gpointer         standard)
{
  return g_strdup (iso_get_name (GPOINTER_TO_INT (standard),
                                 gtk_string_object_get_string (item)));
}

static void
on_chosen_remove_clicked_cb (GtkButton *button,
                             GtkWidget *row)
{
  Binding *binding = get_binding (row);
  const char *code = g_object_get_data (G_OBJECT (button), "lanka-code");

  if (binding->multiple)
    lanka_record_list_toggle (binding->record, binding->field, code, FALSE);
  else
    lanka_record_set (binding->record, binding->field, NULL);
}

static GtkWidget *
new_remove_button (GtkWidget  *row,
                   const char *code,
                   const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-delete-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "lanka-code", g_strdup (code), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_chosen_remove_clicked_cb), row);

  return button;
}

static void
sync_iso_row (GtkWidget *row,
              Binding   *binding)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const char * const *codes;
  const char *single[2] = { NULL, NULL };

  if (binding->multiple)
    {
      codes = lanka_record_get_list (binding->record, binding->field);
    }
  else
    {
      single[0] = lanka_record_get (binding->record, binding->field);
      codes = single;
    }

  for (guint i = 0; binding->multiple && i < binding->chosen_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (row), g_ptr_array_index (binding->chosen_rows, i));
  g_ptr_array_set_size (binding->chosen_rows, 0);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *name = iso_get_name (binding->standard, codes[i]);

      if (names->len > 0)
        g_string_append (names, _(", "));
      g_string_append (names, name);

      if (binding->multiple)
        {
          GtkWidget *chosen = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (chosen), name);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (chosen), FALSE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (chosen),
                                     new_remove_button (row, codes[i], _("Remove")));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), chosen);
          g_ptr_array_add (binding->chosen_rows, chosen);
        }
    }

  if (binding->multiple)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), names->str);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   names->len > 0 ? names->str : C_("choice", "Not set"));
      gtk_widget_set_visible (binding->editor, names->len > 0);
    }
}

static void
choose_iso_code (GtkWidget  *row,
                 const char *code)
{
  Binding *binding = get_binding (row);
  GtkWidget *popover;

  if (binding->multiple)
    lanka_record_list_toggle (binding->record, binding->field, code, TRUE);
  else
    lanka_record_set (binding->record, binding->field, code);

  popover = gtk_widget_get_ancestor (binding->search_entry, GTK_TYPE_POPOVER);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_iso_list_activate_cb (GtkWidget *row,
                         guint      position)
{
  Binding *binding = get_binding (row);
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (binding->filtered),
                                                           position);

  if (item != NULL)
    choose_iso_code (row, gtk_string_object_get_string (item));
}

/* Enter takes the name typed when there is one ("Swedish", not "Finland-
 * Swedish Sign Language", which sorts first), then a name that starts with
 * it, then the first match.
 */
static void
on_iso_search_activate_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);
  g_autofree char *typed = NULL;
  guint n_items;
  guint best = 0;
  int best_rank = G_MAXINT;

  if (binding->filtered == NULL)
    return;

  typed = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (binding->search_entry)), -1);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (binding->filtered));

  for (guint i = 0; i < n_items && best_rank > 0; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (binding->filtered), i);
      const char *name = iso_get_name (binding->standard, gtk_string_object_get_string (item));
      g_autofree char *folded = g_utf8_casefold (name != NULL ? name : "", -1);
      int rank;

      if (g_str_equal (folded, typed))
        rank = 0;
      else if (g_str_has_prefix (folded, typed))
        rank = 1;
      else
        rank = 2;

      if (rank < best_rank)
        {
          best_rank = rank;
          best = i;
        }
    }

  on_iso_list_activate_cb (row, best);
}

static void
on_iso_search_changed_cb (GtkWidget      *row,
                          GtkSearchEntry *entry)
{
  Binding *binding = get_binding (row);

  if (binding->filter != NULL)
    gtk_string_filter_set_search (binding->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_iso_item_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_iso_item_bind_cb (GtkWidget                *row,
                     GtkListItem              *item)
{
  Binding *binding = get_binding (row);
  GtkStringObject *object = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      iso_get_name (binding->standard, gtk_string_object_get_string (object)));
}

/* The list is made when it is first needed: there are some seven thousand
 * languages, and a form has several of these rows.
 */
static void
on_iso_popover_show_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);
  g_autoptr(GtkStringList) codes = NULL;
  GtkExpression *expression;
  GtkSorter *sorter;
  GtkSortListModel *sorted;
  GtkNoSelection *selection;

  gtk_editable_set_text (GTK_EDITABLE (binding->search_entry), "");
  gtk_widget_grab_focus (binding->search_entry);

  if (binding->filter != NULL)
    return;

  codes = gtk_string_list_new (binding->standard == ISO_COUNTRIES ? lanka_iso_country_get_codes ()
                                                                 : lanka_iso_language_get_codes ());

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (iso_name_of_item),
                                            GINT_TO_POINTER (binding->standard), NULL);
  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_expression_ref (expression)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&codes)), sorter);
  binding->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (binding->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (binding->filter, TRUE);
  binding->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted),
                                                 GTK_FILTER (g_object_ref (binding->filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (binding->filtered)));
  gtk_list_view_set_model (GTK_LIST_VIEW (binding->list_view), GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static GtkWidget *
new_iso_chooser (GtkWidget  *row,
                 Binding    *binding,
                 const char *tooltip)
{
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkListItemFactory *factory;

  binding->search_entry = gtk_search_entry_new ();
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_iso_item_setup_cb), NULL);
  g_signal_connect_swapped (factory, "bind", G_CALLBACK (on_iso_item_bind_cb), row);
  binding->list_view = gtk_list_view_new (NULL, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (binding->list_view), TRUE);
  gtk_widget_add_css_class (binding->list_view, "navigation-sidebar");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), binding->list_view);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), binding->search_entry);
  gtk_box_append (GTK_BOX (box), scrolled);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);

  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_iso_popover_show_cb), row);
  /* Filtered at each change, not after the search entry's pause: the
   * list is in memory, and Enter right after typing must take what was
   * typed.
   */
  g_signal_connect_swapped (binding->search_entry, "changed",
                            G_CALLBACK (on_iso_search_changed_cb), row);
  g_signal_connect_swapped (binding->search_entry, "activate",
                            G_CALLBACK (on_iso_search_activate_cb), row);
  g_signal_connect_swapped (binding->list_view, "activate",
                            G_CALLBACK (on_iso_list_activate_cb), row);

  return button;
}

static GtkWidget *
iso_row_new (LankaRecord *record,
             const char  *field,
             const char  *title,
             IsoStandard  standard,
             gboolean     multiple,
             const char  *add_tooltip)
{
  GtkWidget *row;
  GtkWidget *chooser;
  Binding *binding;

  if (multiple)
    row = adw_expander_row_new ();
  else
    row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  binding = bind (row, record, field, sync_iso_row);
  binding->standard = standard;
  binding->multiple = multiple;
  binding->chosen_rows = g_ptr_array_new ();

  chooser = new_iso_chooser (row, binding, add_tooltip);
  if (multiple)
    {
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), binding->problem_icon);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), chooser);
    }
  else
    {
      binding->editor = new_remove_button (row, NULL, _("Clear"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), binding->problem_icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), binding->editor);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chooser);
    }

  sync_now (row);

  return row;
}

/**
 * lanka_case_countries_row_new:
 * @record: the record to edit
 * @field: the list field of @record, of ISO 3166-1 alpha-2 codes
 * @title: the row's title
 *
 * Returns: (transfer floating): an #AdwExpanderRow listing the chosen
 *   countries, each removable, with a searchable list to add one
 */
GtkWidget *
lanka_case_countries_row_new (LankaRecord *record,
                              const char  *field,
                              const char  *title)
{
  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return iso_row_new (record, field, title, ISO_COUNTRIES, TRUE, _("Add a country"));
}

/**
 * lanka_case_languages_row_new:
 * @record: the record to edit
 * @field: the list field of @record, of ISO 639 codes
 * @title: the row's title
 *
 * Returns: (transfer floating): an #AdwExpanderRow listing the chosen
 *   languages, each removable, with a searchable list to add one
 */
GtkWidget *
lanka_case_languages_row_new (LankaRecord *record,
                              const char  *field,
                              const char  *title)
{
  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return iso_row_new (record, field, title, ISO_LANGUAGES, TRUE, _("Add a language"));
}

/**
 * lanka_case_language_row_new:
 * @record: the record to edit
 * @field: the field of @record, one ISO 639 code
 * @title: the row's title
 *
 * Returns: (transfer floating): an #AdwActionRow naming the language, with
 *   a searchable list to choose it and a button to clear it
 */
GtkWidget *
lanka_case_language_row_new (LankaRecord *record,
                             const char  *field,
                             const char  *title)
{
  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return iso_row_new (record, field, title, ISO_LANGUAGES, FALSE, _("Choose a language"));
}

/* Agency rows */

static void
sync_agency_row (GtkWidget *row,
                 Binding   *binding)
{
  const char *uuid = lanka_record_get (binding->record, binding->field);
  const char *name = lanka_record_get (binding->record, binding->name_field);

  if (name != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
  else if (uuid != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("An agency no longer in the directory"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), C_("agency", "None chosen"));

  gtk_widget_set_visible (binding->editor, uuid != NULL || name != NULL);
}

static void
on_agency_chosen_cb (GtkWidget  *row,
                     const char *uuid)
{
  Binding *binding = get_binding (row);
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(GError) error = NULL;

  agency = lanka_directory_get_agency (binding->database, uuid, &error);
  if (agency == NULL)
    {
      g_debug ("The chosen agency cannot be read: %s", error->message);
      return;
    }

  lanka_record_set (binding->record, binding->field, uuid);
  lanka_record_set (binding->record, binding->name_field, lanka_agency_get_name (agency));
}

static void
on_agency_choose_clicked_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);
  LankaFindHelpDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (row);

  dialog = lanka_find_help_dialog_new (binding->database, NULL, FALSE, NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "agency-chosen", G_CALLBACK (on_agency_chosen_cb), row,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_agency_clear_clicked_cb (GtkWidget *row)
{
  Binding *binding = get_binding (row);

  lanka_record_set (binding->record, binding->field, NULL);
  lanka_record_set (binding->record, binding->name_field, NULL);
}

/**
 * lanka_case_agency_row_new:
 * @database: the database whose directory to choose from
 * @record: the record to edit
 * @uuid_field: the field of @record that holds the agency's uuid
 * @name_field: the field of @record that holds the agency's name, kept so
 *   that the case still says who it was when the agency is gone
 * @title: the row's title
 *
 * Returns: (transfer floating): an #AdwActionRow naming the agency, with a
 *   button that opens Find Help to choose one and a button to clear it
 */
GtkWidget *
lanka_case_agency_row_new (LankaDatabase *database,
                           LankaRecord   *record,
                           const char    *uuid_field,
                           const char    *name_field,
                           const char    *title)
{
  g_autofree char *detailed = NULL;
  GtkWidget *row;
  GtkWidget *choose;
  Binding *binding;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (uuid_field != NULL, NULL);
  g_return_val_if_fail (name_field != NULL, NULL);

  row = adw_action_row_new ();
  /* The subtitle is an agency's name, which may hold an "&". */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  binding = bind (row, record, uuid_field, sync_agency_row);
  binding->name_field = g_strdup (name_field);
  binding->database = g_object_ref (database);
  detailed = g_strdup_printf ("changed::%s", name_field);
  binding->handlers[1] = g_signal_connect_object (record, detailed,
                                                  G_CALLBACK (on_record_changed_cb), row,
                                                  G_CONNECT_SWAPPED);

  binding->editor = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (binding->editor, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (binding->editor, "flat");
  gtk_widget_set_tooltip_text (binding->editor, _("Clear"));
  g_signal_connect_swapped (binding->editor, "clicked",
                            G_CALLBACK (on_agency_clear_clicked_cb), row);

  choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_agency_choose_clicked_cb), row);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), binding->problem_icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), binding->editor);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
  sync_now (row);

  return row;
}

/* Problems */

static const LankaCaseProblem *
find_problem (Binding   *binding,
              GPtrArray *problems)
{
  const char *uuid = lanka_record_get_uuid (binding->record);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const LankaCaseProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->record, uuid) == 0 &&
          (g_strcmp0 (problem->field, binding->field) == 0 ||
           g_strcmp0 (problem->field, binding->name_field) == 0))
        return problem;
    }

  return NULL;
}

static void
mark_rows (GtkWidget  *widget,
           GPtrArray  *problems,
           GtkWidget **first)
{
  Binding *binding = get_binding (widget);

  if (binding != NULL)
    {
      const LankaCaseProblem *problem = find_problem (binding, problems);

      if (problem != NULL)
        {
          gtk_widget_add_css_class (widget, "error");
          gtk_widget_set_visible (binding->problem_icon, TRUE);
          gtk_widget_set_tooltip_text (binding->problem_icon, problem->message);
          gtk_widget_set_tooltip_text (widget, problem->message);
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem->message,
                                          -1);
          if (*first == NULL)
            *first = widget;
        }
      else if (gtk_widget_get_visible (binding->problem_icon))
        {
          gtk_widget_remove_css_class (widget, "error");
          gtk_widget_set_visible (binding->problem_icon, FALSE);
          gtk_widget_set_tooltip_text (binding->problem_icon, NULL);
          gtk_widget_set_tooltip_text (widget, NULL);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mark_rows (child, problems, first);
}

/**
 * lanka_case_rows_show_problems:
 * @root: a widget holding bound rows
 * @problems: (element-type LankaCaseProblem) (nullable): the problems of
 *   the case, from lanka_case_validate()
 *
 * Marks the bound rows under @root that have a problem: the "error" style,
 * a warning icon and the problem's sentence as tooltip and accessible
 * description.  Clears the marks of the other rows.
 *
 * Returns: (transfer none) (nullable): the first marked row
 */
GtkWidget *
lanka_case_rows_show_problems (GtkWidget *root,
                               GPtrArray *problems)
{
  GtkWidget *first = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  mark_rows (root, problems, &first);

  return first;
}

/**
 * lanka_case_rows_get_problem:
 * @row: a bound row
 *
 * Returns: (nullable): the sentence the row is marked with, or %NULL
 */
const char *
lanka_case_rows_get_problem (GtkWidget *row)
{
  Binding *binding;

  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  binding = get_binding (row);
  if (binding == NULL || !gtk_widget_get_visible (binding->problem_icon))
    return NULL;

  return gtk_widget_get_tooltip_text (binding->problem_icon);
}

/**
 * lanka_case_rows_set_record:
 * @row: a bound row
 * @record: the record to edit from now on, of the same kind
 *
 * Binds @row to another record's same field and shows its value, with no
 * problem marked.  Much cheaper than a new row: a section that shows a
 * single record keeps its rows from one case to the next.
 */
void
lanka_case_rows_set_record (GtkWidget   *row,
                            LankaRecord *record)
{
  Binding *binding;

  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (LANKA_IS_RECORD (record));

  binding = get_binding (row);
  g_return_if_fail (binding != NULL);

  if (binding->record == record)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (binding->handlers); i++)
    {
      g_autofree char *detailed = NULL;
      const char *field = i == 0 ? binding->field : binding->name_field;

      if (binding->handlers[i] == 0)
        continue;

      g_signal_handler_disconnect (binding->record, binding->handlers[i]);
      detailed = g_strdup_printf ("changed::%s", field);
      binding->handlers[i] = g_signal_connect_object (record, detailed,
                                                      G_CALLBACK (on_record_changed_cb), row,
                                                      G_CONNECT_SWAPPED);
    }

  g_set_object (&binding->record, record);

  /* What was typed into the row belonged to the other record. */
  if (ADW_IS_ENTRY_ROW (row))
    {
      binding->updating++;
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      binding->updating--;
      gtk_widget_remove_css_class (row, "warning");
    }
  sync_now (row);

  if (gtk_widget_get_visible (binding->problem_icon))
    {
      GtkWidget *first = NULL;

      mark_rows (row, NULL, &first);
    }
}
