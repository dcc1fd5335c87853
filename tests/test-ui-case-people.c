/* test-ui-case-people.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-audit.h"
#include "lanka-case.h"
#include "lanka-case-exploitation.h"
#include "lanka-case-people.h"
#include "lanka-case-rows.h"
#include "lanka-cases.h"
#include "lanka-directory.h"
#include "lanka-iso-codes.h"
#include "lanka-person-editor.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"

/* The people below are made up for the tests; the personnummer are the
 * Swedish Tax Agency's published test numbers' form, checked here by the
 * Luhn digit only.
 */

typedef struct
{
  char          *dir;
  LankaDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = lanka_test_create_database (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GtkWidget *
new_group (void)
{
  return adw_preferences_group_new ();
}

static void
type_text (GtkWidget  *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Rows */

static void
test_entry_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("person");
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_entry_row_new (record, "alias", "Alias");
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 400, 300);

  type_text (row, "Amira");
  g_assert_cmpstr (lanka_record_get (record, "alias"), ==, "Amira");

  lanka_record_set (record, "alias", "Sara");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Sara");

  type_text (row, "");
  g_assert_null (lanka_record_get (record, "alias"));

  /* Long, emoji and right-to-left text shows as it is. */
  lanka_record_set (record, "alias", "أمينة 🌷 עדן");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "أمينة 🌷 עדן");

  lanka_test_close_window (window);
}

static char *
text_view_text (GtkWidget *row)
{
  GtkWidget *view = lanka_test_find_child (row, GTK_TYPE_TEXT_VIEW);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_text_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("person");
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *shown = NULL;
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_text_row_new (record, "notes", "Notes");
  GtkWidget *view;
  GtkWindow *window;
  int height;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 400, 300);
  view = lanka_test_find_child (row, GTK_TYPE_TEXT_VIEW);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "First line\nSecond line", -1);
  g_assert_cmpstr (lanka_record_get (record, "notes"), ==, "First line\nSecond line");

  lanka_record_set (record, "notes", "Changed elsewhere");
  shown = text_view_text (row);
  g_assert_cmpstr (shown, ==, "Changed elsewhere");

  /* A very long note wraps in the row instead of widening the window. */
  for (guint i = 0; i < 400; i++)
    g_string_append (long_text, "Ordet🙂 שלום ");
  lanka_record_set (record, "notes", long_text->str);
  g_clear_pointer (&shown, g_free);
  shown = text_view_text (row);
  g_assert_cmpstr (shown, ==, long_text->str);
  lanka_test_iterate_for (0.2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, 300, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, >, 200);

  lanka_test_close_window (window);
}

static void
test_date_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new_with_uuid ("person", "person-1");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_case_problem_free);
  LankaCaseProblem *problem;
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_date_row_new (record, "birth_date", "Birth date");
  GtkWidget *other = lanka_case_entry_row_new (record, "alias", "Alias");
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), other);
  window = lanka_test_show_in_window (group, 400, 300);

  type_text (row, "2001-02-03");
  g_assert_cmpstr (lanka_record_get (record, "birth_date"), ==, "2001-02-03");

  type_text (row, "20010204");
  g_assert_cmpstr (lanka_record_get (record, "birth_date"), ==, "2001-02-04");
  /* What was typed stays while it means the stored date. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "20010204");

  lanka_record_set (record, "birth_date", "1999-12-31");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "1999-12-31");

  /* Not a date: the text stays as typed and goes into the record so that
   * validation can name it.
   */
  type_text (row, "31 februari");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31 februari");
  g_assert_cmpstr (lanka_record_get (record, "birth_date"), ==, "31 februari");
  g_assert_null (lanka_case_rows_get_problem (row));

  problem = g_new0 (LankaCaseProblem, 1);
  problem->record = g_strdup ("person-1");
  problem->field = g_strdup ("birth_date");
  problem->message = g_strdup ("The birth date is not a date.");
  g_ptr_array_add (problems, problem);

  g_assert_true (lanka_case_rows_show_problems (group, problems) == row);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_has_css_class (other, "error"));
  g_assert_cmpstr (lanka_case_rows_get_problem (row), ==, "The birth date is not a date.");
  g_assert_null (lanka_case_rows_get_problem (other));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31 februari");

  /* Fixed: the marks go. */
  type_text (row, "2000-02-29");
  g_assert_cmpstr (lanka_record_get (record, "birth_date"), ==, "2000-02-29");
  g_ptr_array_set_size (problems, 0);
  g_assert_null (lanka_case_rows_show_problems (group, problems));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_null (lanka_case_rows_get_problem (row));

  type_text (row, "");
  g_assert_null (lanka_record_get (record, "birth_date"));

  lanka_test_close_window (window);
}

static void
test_parse_date (void)
{
  g_autofree char *iso = lanka_case_rows_parse_date ("2026-03-01");
  g_autofree char *compact = lanka_case_rows_parse_date (" 20260301 ");
  g_autofree char *impossible = lanka_case_rows_parse_date ("2026-02-30");
  g_autofree char *words = lanka_case_rows_parse_date ("1 mars 2026");
  g_autofree char *short_form = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 3, 1, 0, 0, 0);
  g_autofree char *written = g_date_time_format (day, "%x");

  g_assert_cmpstr (iso, ==, "2026-03-01");
  g_assert_cmpstr (compact, ==, "2026-03-01");
  g_assert_null (impossible);
  g_assert_null (words);
  g_assert_null (lanka_case_rows_parse_date (""));

  /* The locale's own short form reads back as the same day. */
  short_form = lanka_case_rows_parse_date (written);
  g_assert_cmpstr (short_form, ==, "2026-03-01");
  (void) expected;
}

static void
test_number_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("exploitation");
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_number_row_new (record, "age_at_entry", "Age", 0, 120);
  GtkWidget *placeholder;
  GtkWidget *spin;
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 400, 300);
  spin = lanka_test_find_child (row, GTK_TYPE_SPIN_BUTTON);

  /* Unset shows nothing, not a zero, and says that nothing is set. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");
  placeholder = lanka_test_find_label (spin, C_("choice", "Not set"));
  g_assert_nonnull (placeholder);
  g_assert_true (lanka_test_is_mapped (placeholder));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 16);
  g_assert_cmpint (lanka_record_get_int (record, "age_at_entry", -1), ==, 16);

  lanka_record_set_int (record, "age_at_entry", 19);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 19);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "19");
  lanka_test_iterate_a_while ();
  g_assert_false (lanka_test_is_mapped (placeholder));

  /* Typing the lowest number sets it; emptying the field clears it. */
  lanka_record_set (record, "age_at_entry", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (spin), "0");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpstr (lanka_record_get (record, "age_at_entry"), ==, "0");
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_null (lanka_record_get (record, "age_at_entry"));

  lanka_test_close_window (window);
}

static gboolean
switch_is_active (gpointer toggle)
{
  return gtk_switch_get_active (toggle);
}

static void
test_switch_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("exploitation");
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_switch_row_new (record, "ongoing", "Ongoing", NULL);
  GtkWidget *toggle;
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 400, 300);
  toggle = lanka_test_find_child (row, GTK_TYPE_SWITCH);

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  /* The switch moves over before it is on. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  lanka_test_iterate_until (switch_is_active, toggle);
  g_assert_true (lanka_record_get_boolean (record, "ongoing"));

  lanka_record_set_boolean (record, "ongoing", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  lanka_test_close_window (window);
}

static void
test_choice_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("person");
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_choice_row_new (record, "gender", "Gender",
                                              LANKA_VOCABULARY_GENDER, TRUE);
  GtkWidget *strict = lanka_case_choice_row_new (record, "role", "Role",
                                                 LANKA_VOCABULARY_ROLE, FALSE);
  const char *first = lanka_vocabulary_get_code (LANKA_VOCABULARY_GENDER, 0);
  const char *second = lanka_vocabulary_get_code (LANKA_VOCABULARY_GENDER, 1);
  GListModel *model;
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), strict);
  window = lanka_test_show_in_window (group, 400, 300);

  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_GENDER) + 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==,
                   C_("choice", "Not set"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_GENDER, first));

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpstr (lanka_record_get (record, "gender"), ==, second);
  lanka_record_set (record, "gender", first);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_null (lanka_record_get (record, "gender"));

  /* Without "Not set", an empty field selects nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (strict))), ==,
                    lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_ROLE));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (strict)), ==,
                    GTK_INVALID_LIST_POSITION);
  lanka_record_set (record, "role", "victim");
  g_assert_cmpstr (lanka_vocabulary_get_code (LANKA_VOCABULARY_ROLE,
                                              adw_combo_row_get_selected (ADW_COMBO_ROW (strict))),
                   ==, "victim");

  /* Short labels fit beside the title. */
  g_assert_false (adw_combo_row_get_use_subtitle (ADW_COMBO_ROW (row)));

  lanka_test_close_window (window);
}

/* A long label is read whole, under the title and in the list, at any
 * width.
 */
static void
test_long_choice_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("case");
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_choice_row_new (record, "victim_status", "Status",
                                              LANKA_VOCABULARY_VICTIM_STATUS, TRUE);
  const char *code = "ActualVictimOfTrafficking";
  const char *label = lanka_vocabulary_get_label (LANKA_VOCABULARY_VICTIM_STATUS, code);
  GtkWidget *popover;
  GtkWidget *shown;
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 1000, 300);

  lanka_record_set (record, "victim_status", code);
  lanka_test_iterate_a_while ();
  g_assert_true (adw_combo_row_get_use_subtitle (ADW_COMBO_ROW (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, label);

  /* Nothing of it is cut off with an ellipsis. */
  shown = lanka_test_find_label (row, label);
  g_assert_nonnull (shown);
  g_assert_true (lanka_test_is_mapped (shown));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (shown))));

  /* The list offers every label whole too. */
  popover = lanka_test_find_child (row, GTK_TYPE_POPOVER);
  /* Without a grab, which a test running beside it may hold. */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  lanka_test_iterate_until (lanka_test_is_mapped, popover);
  lanka_test_iterate_a_while ();
  shown = lanka_test_find_label (popover, label);
  g_assert_nonnull (shown);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (shown))));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (shown)));

  gtk_popover_popdown (GTK_POPOVER (popover));
  lanka_test_iterate_a_while ();
  lanka_test_close_window (window);
}

static GtkCheckButton *
find_code_check (GtkWidget       *row,
                 LankaVocabulary  vocabulary,
                 const char      *code)
{
  GtkWidget *child = lanka_test_find_row (row, ADW_TYPE_ACTION_ROW,
                                          lanka_vocabulary_get_label (vocabulary, code));

  g_assert_nonnull (child);
  return GTK_CHECK_BUTTON (lanka_test_find_child (child, GTK_TYPE_CHECK_BUTTON));
}

static void
test_codes_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("exploitation");
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_codes_row_new (record, "forms", "Forms",
                                             LANKA_VOCABULARY_EXPLOITATION);
  const char *labour = "ForcedLabour";
  const char *sexual = "SexualExploitation";
  const char * const both[] = { sexual, labour, NULL };
  g_autofree char *expected = NULL;
  GtkWindow *window;

  g_assert_true (lanka_vocabulary_contains (LANKA_VOCABULARY_EXPLOITATION, labour));
  g_assert_true (lanka_vocabulary_contains (LANKA_VOCABULARY_EXPLOITATION, sexual));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 400, 600);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  gtk_check_button_set_active (find_code_check (row, LANKA_VOCABULARY_EXPLOITATION, labour), TRUE);
  g_assert_true (lanka_record_list_contains (record, "forms", labour));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION, labour));

  lanka_record_set_list (record, "forms", both);
  g_assert_true (gtk_check_button_get_active (find_code_check (row, LANKA_VOCABULARY_EXPLOITATION, sexual)));
  /* In the vocabulary's order, the order of the list. */
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_EXPLOITATION); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_EXPLOITATION, i);
      const char *label = lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION, code);

      if (!g_strv_contains (both, code))
        continue;
      if (expected == NULL)
        expected = g_strdup (label);
      else
        {
          char *longer = g_strconcat (expected, _(", "), label, NULL);

          g_free (expected);
          expected = longer;
        }
    }
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, expected);

  gtk_check_button_set_active (find_code_check (row, LANKA_VOCABULARY_EXPLOITATION, sexual), FALSE);
  g_assert_false (lanka_record_list_contains (record, "forms", sexual));
  g_assert_true (lanka_record_list_contains (record, "forms", labour));

  lanka_test_close_window (window);
}

static guint
count_rows_titled (GtkWidget  *root,
                   const char *title)
{
  g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (root, ADW_TYPE_ACTION_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      n++;

  return n;
}

static void
choose_in_popover (GtkWidget  *row,
                   const char *search)
{
  GtkWidget *button = lanka_test_find_child (row, GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;
  GtkWidget *entry;

  g_assert_nonnull (button);
  /* Other tests' windows share the display and take the focus, which
   * would close a popover that hides itself.
   */
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  gtk_popover_set_autohide (popover, FALSE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  lanka_test_iterate_until_within (lanka_test_is_mapped, popover, 30);
  entry = lanka_test_find_child (GTK_WIDGET (popover), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_for (0.05);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
test_countries_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("person");
  const char *sweden = lanka_iso_country_get_name ("SE");
  const char *eritrea = lanka_iso_country_get_name ("ER");
  const char * const codes[] = { "NG", NULL };
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_countries_row_new (record, "citizenships", "Citizenship");
  GtkWidget *remove;
  GtkWindow *window;

  g_assert_nonnull (sweden);
  g_assert_true (g_strv_contains (lanka_iso_country_get_codes (), "SE"));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 400, 600);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  choose_in_popover (row, eritrea);
  g_assert_true (lanka_record_list_contains (record, "citizenships", "ER"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, eritrea);
  g_assert_cmpuint (count_rows_titled (row, eritrea), ==, 1);

  lanka_record_set_list (record, "citizenships", codes);
  g_assert_cmpuint (count_rows_titled (row, eritrea), ==, 0);
  g_assert_cmpuint (count_rows_titled (row, lanka_iso_country_get_name ("NG")), ==, 1);

  remove = lanka_test_find_button_with_icon (row, "edit-delete-symbolic");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (g_strv_length ((char **) lanka_record_get_list (record, "citizenships")), ==, 0);
  g_assert_cmpuint (count_rows_titled (row, lanka_iso_country_get_name ("NG")), ==, 0);

  lanka_test_close_window (window);
}

static void
test_languages_row (void)
{
  g_autoptr(LankaRecord) record = lanka_record_new ("person");
  const char *tigrinya = lanka_iso_language_get_name ("ti");
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_languages_row_new (record, "languages", "Languages");
  GtkWidget *single = lanka_case_language_row_new (record, "interpreter_language",
                                                   "Interpreter language");
  GtkWindow *window;

  g_assert_nonnull (tigrinya);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), single);
  window = lanka_test_show_in_window (group, 400, 600);

  choose_in_popover (row, tigrinya);
  g_assert_true (lanka_record_list_contains (record, "languages", "ti"));

  /* The name typed in full wins over a longer name that sorts before it
   * ("Finland-Swedish Sign Language" for "Swedish").
   */
  choose_in_popover (row, lanka_iso_language_get_name ("sv"));
  g_assert_true (lanka_record_list_contains (record, "languages", "sv"));

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (single)), ==, C_("choice", "Not set"));
  choose_in_popover (single, tigrinya);
  g_assert_cmpstr (lanka_record_get (record, "interpreter_language"), ==, "ti");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (single)), ==, tigrinya);

  lanka_record_set (record, "interpreter_language", "ar");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (single)), ==,
                   lanka_iso_language_get_name ("ar"));

  lanka_test_close_window (window);
}

static void
test_agency_row (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaRecord) record = lanka_record_new_with_uuid ("plan_item", "plan-1");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_case_problem_free);
  LankaCaseProblem *problem;
  GtkWidget *group = new_group ();
  GtkWidget *row = lanka_case_agency_row_new (fixture->database, record, "agency_uuid",
                                              "agency_name", "Agency");
  GtkWidget *clear;
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  window = lanka_test_show_in_window (group, 400, 300);
  clear = lanka_test_find_button_with_icon (row, "edit-clear-symbolic");

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, C_("agency", "None chosen"));
  g_assert_false (gtk_widget_get_visible (clear));

  lanka_record_set (record, "agency_uuid", "agency-1");
  lanka_record_set (record, "agency_name", "Stadsmissionen 🏠");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Stadsmissionen 🏠");
  g_assert_true (gtk_widget_get_visible (clear));

  problem = g_new0 (LankaCaseProblem, 1);
  problem->record = g_strdup ("plan-1");
  problem->field = g_strdup ("agency_name");
  problem->message = g_strdup ("Choose who does it.");
  g_ptr_array_add (problems, problem);
  g_assert_true (lanka_case_rows_show_problems (group, problems) == row);
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  g_signal_emit_by_name (clear, "clicked");
  g_assert_null (lanka_record_get (record, "agency_uuid"));
  g_assert_null (lanka_record_get (record, "agency_name"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, C_("agency", "None chosen"));

  lanka_test_close_window (window);
}

static void
test_rows_finalize (void)
{
  LankaRecord *record = lanka_record_new ("person");
  GtkWidget *group = new_group ();
  GtkWindow *window;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_entry_row_new (record, "alias", "A"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_text_row_new (record, "notes", "B"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_date_row_new (record, "birth_date", "C"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_number_row_new (record, "estimated_age", "D", 0, 120));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_switch_row_new (record, "interpreter", "E", NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_choice_row_new (record, "gender", "F", LANKA_VOCABULARY_GENDER, TRUE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_codes_row_new (record, "forms", "G", LANKA_VOCABULARY_EXPLOITATION));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_countries_row_new (record, "citizenships", "H"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), lanka_case_language_row_new (record, "interpreter_language", "I"));

  window = lanka_test_show_in_window (group, 400, 600);
  lanka_test_close_window (window);

  /* The rows let go of the record when they go. */
  g_assert_finalize_object (record);
}

/* People */

static LankaCase *
new_case (void)
{
  LankaCase *kase = lanka_case_new ();
  LankaRecord *victim = lanka_case_get_victim (kase);

  lanka_record_set (victim, "alias", "Amira");
  lanka_record_set (victim, "legal_name", "Amira Testsson");
  lanka_record_set (victim, "personal_number", "19121212-1212");
  lanka_record_set (victim, "address", "Hemliga gatan 1");
  lanka_record_set_list (victim, "citizenships", (const char * const[]) { "ER", NULL });

  return kase;
}

static GtkWidget *
find_person_row (GtkWidget  *section,
                 const char *alias)
{
  return lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, alias);
}

static LankaPersonEditor *
wait_for_editor (void)
{
  LankaPersonEditor *editor = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((editor = lanka_test_find_toplevel (LANKA_TYPE_PERSON_EDITOR)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  lanka_test_iterate_until (lanka_test_is_mapped, editor);

  return editor;
}

static gboolean
done_enabled (LankaPersonEditor *editor)
{
  GtkWidget *done = lanka_test_find_action_button (GTK_WIDGET (editor), "person.done");

  g_assert_nonnull (done);
  return gtk_widget_is_sensitive (done);
}

static GtkWidget *
editor_row (LankaPersonEditor *editor,
            GType              type,
            const char        *title)
{
  GtkWidget *row = lanka_test_find_row (GTK_WIDGET (editor), type, title);

  g_assert_nonnull (row);
  return row;
}

static void
close_editor (LankaPersonEditor *editor,
              const char        *action)
{
  gpointer weak = editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_widget_activate_action (GTK_WIDGET (editor), action, NULL);
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
}

static void
test_people_list (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_case ();
  GtkWidget *section = g_object_new (LANKA_TYPE_CASE_PEOPLE,
                                     "database", fixture->database,
                                     "case", kase,
                                     NULL);
  GtkWidget *row;
  GtkWidget *remove;
  const char *subtitle;
  GtkWindow *window;

  window = lanka_test_show_in_window (section, 600, 500);

  row = find_person_row (section, "Amira");
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, lanka_vocabulary_get_label (LANKA_VOCABULARY_ROLE, "victim")));
  g_assert_nonnull (strstr (subtitle, lanka_iso_country_get_name ("ER")));
  /* Names and numbers only when shown; the address never. */
  g_assert_null (strstr (subtitle, "Testsson"));
  g_assert_null (strstr (subtitle, "1212"));
  g_assert_null (lanka_test_find_label (section, "Hemliga gatan 1"));

  /* The only victim cannot be removed. */
  remove = lanka_test_find_button_with_icon (row, "user-trash-symbolic");
  g_assert_false (gtk_widget_is_sensitive (remove));

  lanka_case_people_set_show_names (LANKA_CASE_PEOPLE (section), TRUE);
  row = find_person_row (section, "Amira");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "Amira Testsson"));
  g_assert_nonnull (strstr (subtitle, "19121212-1212"));

  /* A change to the case shows. */
  lanka_record_set (lanka_case_get_victim (kase), "alias", "أمينة 🌷");
  g_assert_null (find_person_row (section, "Amira"));
  g_assert_nonnull (find_person_row (section, "أمينة 🌷"));

  g_object_ref (section);
  lanka_test_close_window (window);
  g_assert_finalize_object (section);
}

static void
test_people_add_and_remove (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_case ();
  GtkWidget *section = g_object_new (LANKA_TYPE_CASE_PEOPLE,
                                     "database", fixture->database,
                                     "case", kase,
                                     NULL);
  LankaPersonEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  GtkWindow *window;

  window = lanka_test_show_in_window (section, 600, 500);

  gtk_widget_activate_action (section, "people.add", "s", "guardian");
  editor = wait_for_editor ();

  /* No alias, no Done. */
  g_assert_false (done_enabled (editor));
  type_text (editor_row (editor, ADW_TYPE_ENTRY_ROW, _("Alias")), "Gode mannen");
  g_assert_true (done_enabled (editor));
  close_editor (editor, "person.done");

  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_people (kase)), ==, 2);
  row = find_person_row (section, "Gode mannen");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            lanka_vocabulary_get_label (LANKA_VOCABULARY_ROLE, "guardian")));

  /* Cancel adds nobody. */
  gtk_widget_activate_action (section, "people.add", "s", "family");
  editor = wait_for_editor ();
  type_text (editor_row (editor, ADW_TYPE_ENTRY_ROW, _("Alias")), "Syster");
  close_editor (editor, "person.cancel");
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_people (kase)), ==, 2);

  /* Removing asks first. */
  g_signal_emit_by_name (lanka_test_find_button_with_icon (row, "user-trash-symbolic"), "clicked");
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_people (kase)), ==, 2);
  gtk_window_close (GTK_WINDOW (dialog));

  row = find_person_row (section, "Gode mannen");
  g_signal_emit_by_name (lanka_test_find_button_with_icon (row, "user-trash-symbolic"), "clicked");
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_people (kase)), ==, 1);
  g_assert_null (find_person_row (section, "Gode mannen"));

  lanka_test_close_window (window);
}

static void
on_done_keep_cb (LankaPersonEditor  *editor,
                 LankaRecord        *person,
                 LankaRecord       **done)
{
  g_set_object (done, person);
}

static void
test_person_number (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_case ();
  LankaRecord *victim = lanka_case_get_victim (kase);
  g_autoptr(LankaRecord) done = NULL;
  LankaPersonEditor *editor;
  LankaRecord *copy;
  GtkWidget *number;
  GtkWidget *problem;

  lanka_record_set (victim, "personal_number", NULL);
  lanka_record_set (victim, "legal_name", NULL);
  editor = lanka_person_editor_new (NULL, fixture->database, victim, FALSE);
  gtk_window_present (GTK_WINDOW (editor));
  lanka_test_iterate_until (lanka_test_is_mapped, editor);
  copy = lanka_person_editor_get_person (editor);

  /* Nothing to reveal: the fields are there at once. */
  number = editor_row (editor, ADW_TYPE_ENTRY_ROW, _("Personnummer or samordningsnummer"));
  g_assert_true (lanka_test_is_mapped (number));

  /* A wrong check digit: the sentence shows and Done waits. */
  type_text (number, "19121212-1213");
  problem = lanka_test_find_styled (GTK_WIDGET (editor), GTK_TYPE_LABEL, "error");
  g_assert_nonnull (problem);
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), !=, "");
  g_assert_true (gtk_widget_has_css_class (number, "error"));
  g_assert_false (done_enabled (editor));

  /* A good one fills in the birth date to the day. */
  type_text (number, "191212121212");
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_true (done_enabled (editor));
  g_assert_cmpstr (lanka_record_get (copy, "birth_date"), ==, "1912-12-12");
  g_assert_cmpstr (lanka_record_get (copy, "birth_precision"), ==, "day");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_row (editor, ADW_TYPE_ENTRY_ROW, _("Birth date")))),
                   ==, "1912-12-12");

  /* The case's own record is untouched; Done hands over the copy, with
   * the number in its one spelling.
   */
  g_assert_null (lanka_record_get (victim, "personal_number"));
  g_signal_connect (editor, "done", G_CALLBACK (on_done_keep_cb), &done);
  close_editor (editor, "person.done");
  g_assert_nonnull (done);
  g_assert_cmpstr (lanka_record_get_uuid (done), ==, lanka_record_get_uuid (victim));
  g_assert_cmpstr (lanka_record_get (done, "personal_number"), ==, "19121212-1212");
  g_assert_null (lanka_record_get (victim, "personal_number"));
}

static void
test_person_names_hidden (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_case ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  LankaPersonEditor *editor;
  GtkWidget *legal_name;
  GtkWidget *show;
  LankaAuditEntry *entry;

  editor = lanka_person_editor_new (NULL, fixture->database, lanka_case_get_victim (kase), FALSE);
  lanka_person_editor_set_case_uuid (editor, lanka_case_get_uuid (kase));
  gtk_window_present (GTK_WINDOW (editor));
  lanka_test_iterate_until (lanka_test_is_mapped, editor);

  legal_name = editor_row (editor, ADW_TYPE_ENTRY_ROW, _("Legal name"));
  g_assert_false (gtk_widget_get_visible (legal_name));
  g_assert_false (gtk_widget_get_visible (editor_row (editor, ADW_TYPE_ENTRY_ROW,
                                                      _("Personnummer or samordningsnummer"))));
  g_assert_null (lanka_test_find_label (GTK_WIDGET (editor), "Amira Testsson"));

  before = lanka_audit_list (fixture->database, LANKA_AUDIT_NAMES_REVEAL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);

  show = lanka_test_find_button (GTK_WIDGET (editor), _("_Show"));
  g_assert_nonnull (show);
  g_signal_emit_by_name (show, "clicked");

  g_assert_true (gtk_widget_get_visible (legal_name));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (legal_name)), ==, "Amira Testsson");
  after = lanka_audit_list (fixture->database, LANKA_AUDIT_NAMES_REVEAL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  entry = g_ptr_array_index (after, 0);
  g_assert_cmpstr (entry->object, ==, lanka_case_get_uuid (kase));

  close_editor (editor, "person.cancel");

  /* Shown names need no Show and write nothing. */
  editor = lanka_person_editor_new (NULL, fixture->database, lanka_case_get_victim (kase), TRUE);
  lanka_person_editor_set_case_uuid (editor, lanka_case_get_uuid (kase));
  gtk_window_present (GTK_WINDOW (editor));
  lanka_test_iterate_until (lanka_test_is_mapped, editor);
  g_assert_true (gtk_widget_get_visible (editor_row (editor, ADW_TYPE_ENTRY_ROW, _("Legal name"))));
  g_assert_false (lanka_test_is_mapped (lanka_test_find_button (GTK_WIDGET (editor), _("_Show"))));
  close_editor (editor, "person.cancel");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = lanka_audit_list (fixture->database, LANKA_AUDIT_NAMES_REVEAL, 10, &error);
  g_assert_cmpuint (after->len, ==, 1);
}

static void
test_person_protected (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_case ();
  GtkWidget *section = g_object_new (LANKA_TYPE_CASE_PEOPLE,
                                     "database", fixture->database,
                                     "case", kase,
                                     NULL);
  LankaPersonEditor *editor;
  GtkWidget *address;
  GtkWidget *protected_row;
  GtkWidget *banner;
  GtkWindow *window;

  window = lanka_test_show_in_window (section, 600, 500);
  g_assert_null (lanka_test_find_label (section, _("Protected identity")));

  g_signal_emit_by_name (lanka_test_find_button_with_icon (find_person_row (section, "Amira"),
                                                           "document-edit-symbolic"),
                         "clicked");
  editor = wait_for_editor ();

  address = editor_row (editor, ADW_TYPE_PREFERENCES_ROW, _("Address"));
  g_assert_true (gtk_widget_get_visible (address));
  banner = lanka_test_find_styled (GTK_WIDGET (editor), GTK_TYPE_BOX, "editor-banner-warning");
  g_assert_false (gtk_widget_get_visible (banner));

  protected_row = editor_row (editor, ADW_TYPE_ACTION_ROW, _("Protected identity"));
  gtk_switch_set_active (GTK_SWITCH (lanka_test_find_child (protected_row, GTK_TYPE_SWITCH)), TRUE);
  g_assert_false (gtk_widget_get_visible (address));
  g_assert_true (gtk_widget_get_visible (banner));
  close_editor (editor, "person.done");

  g_assert_true (lanka_record_get_boolean (lanka_case_get_victim (kase), "protected_identity"));
  /* The section says so, by the person and above them. */
  g_assert_nonnull (lanka_test_find_label (find_person_row (section, "Amira"), _("Protected identity")));
  banner = lanka_test_find_styled (section, GTK_TYPE_BOX, "editor-banner-warning");
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_null (lanka_test_find_label (section, "Hemliga gatan 1"));

  lanka_test_close_window (window);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

static void
test_person_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_case ();
  LankaRecord *victim = lanka_case_get_victim (kase);
  g_autoptr(GString) long_alias = g_string_new (NULL);
  LankaPersonEditor *editor;
  guint changes = 0;

  for (guint i = 0; i < 60; i++)
    g_string_append (long_alias, "Ωmega-שם-🙂 ");

  editor = lanka_person_editor_new (NULL, fixture->database, victim, FALSE);
  gtk_window_present (GTK_WINDOW (editor));
  lanka_test_iterate_until (lanka_test_is_mapped, editor);
  g_signal_connect_swapped (kase, "changed", G_CALLBACK (count_change), &changes);

  type_text (editor_row (editor, ADW_TYPE_ENTRY_ROW, _("Alias")), long_alias->str);
  lanka_record_set (lanka_person_editor_get_person (editor), "notes", "Something");
  close_editor (editor, "person.cancel");

  g_assert_cmpstr (lanka_record_get (victim, "alias"), ==, "Amira");
  g_assert_null (lanka_record_get (victim, "notes"));
  g_assert_cmpuint (changes, ==, 0);
  g_signal_handlers_disconnect_by_data (kase, &changes);
}

/* Exploitation */

static void
test_exploitation (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_case ();
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(GError) error = NULL;
  LankaRecord *exploitation = lanka_case_get_exploitation (kase);
  LankaRecord *reloaded;
  GtkWidget *section = g_object_new (LANKA_TYPE_CASE_EXPLOITATION,
                                     "database", fixture->database,
                                     "case", kase,
                                     NULL);
  GtkWidget *forms;
  GtkWidget *sexual;
  GtkWindow *window;

  window = lanka_test_show_in_window (section, 600, 700);

  forms = lanka_test_find_row (section, ADW_TYPE_EXPANDER_ROW, _("Forms of exploitation"));
  sexual = lanka_test_find_row (section, ADW_TYPE_EXPANDER_ROW, _("Kinds of sexual exploitation"));
  g_assert_nonnull (forms);
  g_assert_nonnull (sexual);
  g_assert_false (gtk_widget_get_visible (sexual));

  gtk_check_button_set_active (find_code_check (forms, LANKA_VOCABULARY_EXPLOITATION, "SexualExploitation"), TRUE);
  g_assert_true (gtk_widget_get_visible (sexual));
  gtk_check_button_set_active (find_code_check (sexual, LANKA_VOCABULARY_SEXUAL_TYPE,
                                                lanka_vocabulary_get_code (LANKA_VOCABULARY_SEXUAL_TYPE, 0)),
                               TRUE);
  gtk_check_button_set_active (find_code_check (forms, LANKA_VOCABULARY_EXPLOITATION, "ForcedLabour"), TRUE);
  gtk_check_button_set_active (find_code_check (lanka_test_find_row (section, ADW_TYPE_EXPANDER_ROW, _("Means of control")),
                                                LANKA_VOCABULARY_MEANS_OF_CONTROL,
                                                lanka_vocabulary_get_code (LANKA_VOCABULARY_MEANS_OF_CONTROL, 1)),
                               TRUE);
  lanka_record_set_list (exploitation, "countries", (const char * const[]) { "SE", "RO", NULL });
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lanka_test_find_child (lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, _("Age when it began")),
                                                                     GTK_TYPE_SPIN_BUTTON)),
                             15);
  type_text (lanka_test_find_row (section, ADW_TYPE_ENTRY_ROW, _("Began")), "2024-05-01");
  adw_combo_row_set_selected (ADW_COMBO_ROW (lanka_test_find_row (section, ADW_TYPE_COMBO_ROW,
                                                                  _("How the person was recruited"))),
                              1);

  g_assert_true (lanka_record_list_contains (exploitation, "forms", "SexualExploitation"));
  g_assert_true (lanka_record_list_contains (exploitation, "forms", "ForcedLabour"));
  g_assert_cmpint (lanka_record_get_int (exploitation, "age_at_entry", -1), ==, 15);
  g_assert_cmpstr (lanka_record_get (exploitation, "period_start"), ==, "2024-05-01");
  g_assert_cmpstr (lanka_record_get (exploitation, "recruitment"), ==,
                   lanka_vocabulary_get_code (LANKA_VOCABULARY_RECRUITMENT, 0));

  /* Through the database and back. */
  lanka_record_set (lanka_case_get_victim (kase), "personal_number", NULL);
  g_assert_true (lanka_cases_save (fixture->database, kase, &error));
  g_assert_no_error (error);
  loaded = lanka_cases_load (fixture->database, lanka_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  reloaded = lanka_case_get_exploitation (loaded);
  for (guint i = 0; i < 4; i++)
    {
      const char *field = (const char *[]) { "forms", "sexual_types", "means", "countries" }[i];

      g_assert_true (lanka_record_field_equal (exploitation, reloaded, field));
      g_assert_cmpuint (g_strv_length ((char **) lanka_record_get_list (reloaded, field)), >, 0);
    }

  /* The loaded case in the section shows the same choices. */
  lanka_case_exploitation_set_case (LANKA_CASE_EXPLOITATION (section), loaded);
  forms = lanka_test_find_row (section, ADW_TYPE_EXPANDER_ROW, _("Forms of exploitation"));
  g_assert_true (gtk_check_button_get_active (find_code_check (forms, LANKA_VOCABULARY_EXPLOITATION, "ForcedLabour")));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (lanka_test_find_row (section, ADW_TYPE_EXPANDER_ROW, _("Countries of exploitation")))),
                   !=, "");

  /* Taking sexual exploitation away hides its kinds again. */
  gtk_check_button_set_active (find_code_check (forms, LANKA_VOCABULARY_EXPLOITATION, "SexualExploitation"), FALSE);
  g_assert_false (gtk_widget_get_visible (lanka_test_find_row (section, ADW_TYPE_EXPANDER_ROW,
                                                               _("Kinds of sexual exploitation"))));

  g_object_ref (section);
  lanka_test_close_window (window);
  g_assert_finalize_object (section);
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/ui/case-rows/entry", test_entry_row);
  g_test_add_func ("/ui/case-rows/text", test_text_row);
  g_test_add_func ("/ui/case-rows/date", test_date_row);
  g_test_add_func ("/ui/case-rows/parse-date", test_parse_date);
  g_test_add_func ("/ui/case-rows/number", test_number_row);
  g_test_add_func ("/ui/case-rows/switch", test_switch_row);
  g_test_add_func ("/ui/case-rows/choice", test_choice_row);
  g_test_add_func ("/ui/case-rows/long-choice", test_long_choice_row);
  g_test_add_func ("/ui/case-rows/codes", test_codes_row);
  g_test_add_func ("/ui/case-rows/countries", test_countries_row);
  g_test_add_func ("/ui/case-rows/languages", test_languages_row);
  ADD ("/ui/case-rows/agency", test_agency_row);
  g_test_add_func ("/ui/case-rows/finalize", test_rows_finalize);
  ADD ("/ui/case-people/list", test_people_list);
  ADD ("/ui/case-people/add-and-remove", test_people_add_and_remove);
  ADD ("/ui/person-editor/personnummer", test_person_number);
  ADD ("/ui/person-editor/names-hidden", test_person_names_hidden);
  ADD ("/ui/person-editor/protected-identity", test_person_protected);
  ADD ("/ui/person-editor/cancel", test_person_cancel);
  ADD ("/ui/case-exploitation/codes-round-trip", test_exploitation);

#undef ADD

  return g_test_run ();
}
