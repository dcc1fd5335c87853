/* test-ui-case-sections.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-case.h"
#include "lanka-case-legal.h"
#include "lanka-case-plan.h"
#include "lanka-case-protection.h"
#include "lanka-case-rows.h"
#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"

/* The three sections of a case that hold lists of dated records:
 * Protection and Risk (assessments), Residence and Legal (permit events
 * and the legal process) and Support Plan (measures).  Everything is
 * done through the section's own buttons and rows, and checked in the
 * case document the editor would save.  The agency below is made up.
 */

typedef struct
{
  char          *dir;
  LankaDatabase *database;
  LankaCase     *kase;
  GtkWindow     *window;
  GtkWidget     *section;
} Fixture;

/* The section sits in a scrolled, clamped page, as in the case editor. */
static void
show_section (Fixture   *fixture,
              GtkWidget *section)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  fixture->section = section;
  g_object_set (section,
                "database", fixture->database,
                "case", fixture->kase,
                NULL);

  adw_clamp_set_child (ADW_CLAMP (clamp), section);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  fixture->window = lanka_test_show_in_window (scrolled, 720, 900);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  GType type = GPOINTER_TO_SIZE (user_data);

  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = lanka_test_create_database (fixture->dir);
  fixture->kase = lanka_case_new ();

  show_section (fixture, g_object_new (type, NULL));
}

/* Closes the window and checks that nothing keeps the section alive. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_ref (fixture->section);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->section);

  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static LankaRecord *
get_record (GListModel *model,
            guint       position)
{
  g_autoptr(LankaRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);
  /* The case document holds its own reference. */
  return record;
}

/* The rows of the records, in the order a person sees them. */
static GPtrArray *
collect_items (Fixture *fixture)
{
  return lanka_test_collect_widgets (fixture->section, ADW_TYPE_EXPANDER_ROW);
}

static guint
count_items (Fixture *fixture)
{
  g_autoptr(GPtrArray) items = collect_items (fixture);

  return items->len;
}

static AdwExpanderRow *
get_item (Fixture *fixture,
          guint    position)
{
  g_autoptr(GPtrArray) items = collect_items (fixture);

  g_assert_cmpuint (position, <, items->len);
  return g_ptr_array_index (items, position);
}

static const char *
get_title (gpointer row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  GtkWidget *row = lanka_test_find_row (GTK_WIDGET (root), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static void
type_into (gpointer    root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, title)), text);
}

static void
write_into (gpointer    root,
            const char *title,
            const char *text)
{
  GtkWidget *view = lanka_test_find_child (find_row (root, title), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* Chooses @code's label in the combo row titled @title, as a person does. */
static void
choose (gpointer         root,
        const char      *title,
        LankaVocabulary  vocabulary,
        const char      *code)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (root, title));
  GListModel *labels = adw_combo_row_get_model (row);
  const char *label = lanka_vocabulary_get_label (vocabulary, code);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_assert_not_reached ();
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
has_no_message_dialog (gpointer data)
{
  return lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* Answers the question the remove button asks. */
static void
answer (const char *response)
{
  AdwMessageDialog *dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  if (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_message_dialog, NULL);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

static gboolean
shows_label (Fixture    *fixture,
             const char *text)
{
  return is_shown (lanka_test_find_label (fixture->section, text));
}

/* Protection and Risk */

static void
test_protection_assessments (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GListModel *assessments = lanka_case_get_assessments (fixture->kase);
  LankaRecord *case_record = lanka_case_get_record (fixture->kase);
  g_autofree char *today = dup_today ();
  g_autofree char *high_title = NULL;
  GtkWidget *add_button;
  AdwExpanderRow *item;
  LankaRecord *first;
  LankaRecord *second;

  g_assert_true (shows_label (fixture, _("No assessments yet")));

  add_button = lanka_test_find_action_button (fixture->section, "case-protection.add");
  click (add_button);

  /* A new assessment is dated today and opened, ready to be filled in. */
  g_assert_cmpuint (g_list_model_get_n_items (assessments), ==, 1);
  first = get_record (assessments, 0);
  g_assert_cmpstr (lanka_record_get (first, "assessed_on"), ==, today);
  g_assert_false (shows_label (fixture, _("No assessments yet")));
  item = get_item (fixture, 0);
  g_assert_true (adw_expander_row_get_expanded (item));
  g_assert_cmpstr (get_title (item), ==, today);

  choose (item, _("Risk level"), LANKA_VOCABULARY_RISK, "high");
  type_into (item, _("Assessed by"), "Socialsekreterare Å. Öberg");
  write_into (item, _("Summary"),
              "Hot från gärningspersonen via sociala medier.\nSkyddat boende behövs.");
  type_into (item, _("Next review"), "2020-02-01");
  lanka_test_iterate_a_while ();

  g_assert_cmpstr (lanka_record_get (first, "risk"), ==, "high");
  g_assert_cmpstr (lanka_record_get (first, "assessed_by"), ==, "Socialsekreterare Å. Öberg");
  g_assert_cmpstr (lanka_record_get (first, "summary"), ==,
                   "Hot från gärningspersonen via sociala medier.\nSkyddat boende behövs.");
  g_assert_cmpstr (lanka_record_get (first, "next_review"), ==, "2020-02-01");

  /* The title says when and how high; the overview's risk follows. */
  high_title = g_strdup_printf ("%s · %s", today,
                                lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK, "high"));
  g_assert_cmpstr (get_title (item), ==, high_title);
  g_assert_cmpstr (lanka_record_get (case_record, "risk"), ==, "high");

  /* The review date has passed. */
  g_assert_true (shows_label (fixture, C_("review", "Overdue")));

  /* A second assessment the same day is the newest: it starts from the
   * case's risk level, and when it changes, the case's risk does.
   */
  click (add_button);
  g_assert_cmpuint (g_list_model_get_n_items (assessments), ==, 2);
  second = get_record (assessments, 1);
  g_assert_cmpstr (lanka_record_get (second, "risk"), ==, "high");
  item = get_item (fixture, 0);
  g_assert_cmpstr (get_title (item), ==, high_title);
  g_assert_true (adw_expander_row_get_expanded (item));
  choose (item, _("Risk level"), LANKA_VOCABULARY_RISK, "low");
  g_assert_cmpstr (lanka_record_get (second, "risk"), ==, "low");
  g_assert_cmpstr (lanka_record_get (case_record, "risk"), ==, "low");
  /* An older assessment's review is done by the newer one. */
  lanka_test_iterate_a_while ();
  g_assert_false (shows_label (fixture, C_("review", "Overdue")));

  /* Changing an older assessment leaves the case's risk alone. */
  choose (get_item (fixture, 1), _("Risk level"), LANKA_VOCABULARY_RISK, "medium");
  g_assert_cmpstr (lanka_record_get (first, "risk"), ==, "medium");
  g_assert_cmpstr (lanka_record_get (case_record, "risk"), ==, "low");

  /* Remove asks first; Cancel keeps the assessment. */
  click (lanka_test_find_action_button (GTK_WIDGET (get_item (fixture, 0)),
                                        "case-protection.remove"));
  answer ("cancel");
  g_assert_cmpuint (g_list_model_get_n_items (assessments), ==, 2);

  click (lanka_test_find_action_button (GTK_WIDGET (get_item (fixture, 0)),
                                        "case-protection.remove"));
  answer ("remove");
  g_assert_cmpuint (g_list_model_get_n_items (assessments), ==, 1);
  g_assert_true (get_record (assessments, 0) == first);
  g_assert_cmpuint (count_items (fixture), ==, 1);
  /* The remaining assessment is the newest now. */
  g_assert_cmpstr (lanka_record_get (case_record, "risk"), ==, "medium");

  click (lanka_test_find_action_button (GTK_WIDGET (get_item (fixture, 0)),
                                        "case-protection.remove"));
  answer ("remove");
  g_assert_cmpuint (g_list_model_get_n_items (assessments), ==, 0);
  lanka_test_iterate_a_while ();
  g_assert_true (shows_label (fixture, _("No assessments yet")));
}

static void
test_protection_newest_first (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  LankaRecord *older = lanka_case_add_record (kase, "assessment");
  LankaRecord *newer = lanka_case_add_record (kase, "assessment");
  LankaRecord *undated = lanka_case_add_record (kase, "assessment");

  lanka_record_set (older, "assessed_on", "2025-11-03");
  lanka_record_set (older, "risk", "high");
  lanka_record_set (newer, "assessed_on", "2026-01-15");
  lanka_record_set (newer, "risk", "medium");
  lanka_record_set (undated, "assessed_on", NULL);
  lanka_record_set (lanka_case_get_record (kase), "risk", "medium");

  g_object_set (fixture->section, "case", kase, NULL);
  lanka_test_iterate_a_while ();

  g_assert_cmpuint (count_items (fixture), ==, 3);
  g_assert_true (g_str_has_prefix (get_title (get_item (fixture, 0)), "2026-01-15"));
  g_assert_true (g_str_has_prefix (get_title (get_item (fixture, 1)), "2025-11-03"));
  g_assert_cmpstr (get_title (get_item (fixture, 2)), ==, _("No date"));
  /* Opening a case changes nothing in it. */
  g_assert_cmpstr (lanka_record_get (lanka_case_get_record (kase), "risk"), ==, "medium");
  /* The section edits the case it was given last. */
  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_assessments (fixture->kase)), ==, 0);

  /* Dating the older assessment later makes it the newest. */
  type_into (get_item (fixture, 1), _("Assessed on"), "2026-02-01");
  g_assert_cmpstr (lanka_record_get (older, "assessed_on"), ==, "2026-02-01");
  g_assert_cmpstr (lanka_record_get (lanka_case_get_record (kase), "risk"), ==, "high");
}

/* Residence and Legal */

static void
test_legal_permits (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GListModel *permits = lanka_case_get_permits (fixture->kase);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *title = NULL;
  AdwExpanderRow *item;
  LankaRecord *permit;
  GtkWidget *valid_to_row;
  GtkWidget *group;
  const char *hint;

  g_assert_true (shows_label (fixture, _("No permits or reflection periods yet")));
  /* The group says how long a reflection period is and who may apply. */
  group = lanka_test_find_group (fixture->section, _("Residence Permits"));
  g_assert_nonnull (group);
  hint = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
  g_assert_nonnull (strstr (hint, "30"));
  g_assert_nonnull (strstr (hint, "2022"));

  click (lanka_test_find_action_button (fixture->section, "case-legal.add-permit"));
  g_assert_cmpuint (g_list_model_get_n_items (permits), ==, 1);
  permit = get_record (permits, 0);
  g_assert_cmpstr (lanka_record_get (permit, "kind"), ==, "reflection_period");
  g_assert_false (shows_label (fixture, _("No permits or reflection periods yet")));

  item = get_item (fixture, 0);
  g_assert_true (adw_expander_row_get_expanded (item));
  type_into (item, _("Applied for on"), "2026-02-27");
  type_into (item, _("Decided on"), "2026-02-28");
  choose (item, _("Decision"), LANKA_VOCABULARY_PERMIT_DECISION, "granted");
  type_into (item, _("Valid from"), "2026-03-01");
  type_into (item, _("Valid to"), "2026-03-31");
  write_into (item, _("Notes"), "Ansökan gjord av socialnämnden.");

  g_assert_cmpstr (lanka_record_get (permit, "applied_on"), ==, "2026-02-27");
  g_assert_cmpstr (lanka_record_get (permit, "decided_on"), ==, "2026-02-28");
  g_assert_cmpstr (lanka_record_get (permit, "decision"), ==, "granted");
  g_assert_cmpstr (lanka_record_get (permit, "valid_from"), ==, "2026-03-01");
  g_assert_cmpstr (lanka_record_get (permit, "valid_to"), ==, "2026-03-31");
  g_assert_cmpstr (lanka_record_get (permit, "notes"), ==, "Ansökan gjord av socialnämnden.");

  title = g_strdup_printf ("%s · 2026-03-01 – 2026-03-31",
                           lanka_vocabulary_get_label (LANKA_VOCABULARY_PERMIT_KIND,
                                                       "reflection_period"));
  g_assert_cmpstr (get_title (item), ==, title);

  choose (item, _("Kind"), LANKA_VOCABULARY_PERMIT_KIND, "temporary_permit_investigation");
  g_assert_cmpstr (lanka_record_get (permit, "kind"), ==, "temporary_permit_investigation");
  g_assert_true (g_str_has_prefix (get_title (item),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_PERMIT_KIND,
                                                               "temporary_permit_investigation")));

  /* Valid to before valid from: the row says so once the case is
   * checked, and the record keeps what was typed.
   */
  valid_to_row = find_row (item, _("Valid to"));
  type_into (item, _("Valid to"), "2026-02-01");
  g_assert_cmpstr (lanka_record_get (permit, "valid_to"), ==, "2026-02-01");
  adw_expander_row_set_expanded (item, FALSE);
  problems = lanka_case_validate (fixture->kase, NULL);
  g_assert_true (lanka_case_rows_show_problems (fixture->section, problems) == valid_to_row);
  g_assert_nonnull (lanka_case_rows_get_problem (valid_to_row));
  g_assert_true (gtk_widget_has_css_class (valid_to_row, "error"));
  /* A marked row in a closed permit event opens it. */
  g_assert_true (adw_expander_row_get_expanded (item));
  g_assert_null (lanka_case_rows_get_problem (find_row (item, _("Valid from"))));
  g_clear_pointer (&problems, g_ptr_array_unref);

  type_into (item, _("Valid to"), "2026-05-31");
  problems = lanka_case_validate (fixture->kase, NULL);
  g_assert_null (lanka_case_rows_show_problems (fixture->section, problems));
  g_assert_null (lanka_case_rows_get_problem (valid_to_row));

  /* A second permit event, then the first removed. */
  click (lanka_test_find_action_button (fixture->section, "case-legal.add-permit"));
  g_assert_cmpuint (g_list_model_get_n_items (permits), ==, 2);
  g_assert_cmpuint (count_items (fixture), ==, 2);
  click (lanka_test_find_action_button (GTK_WIDGET (get_item (fixture, 0)),
                                        "case-legal.remove-permit"));
  answer ("remove");
  g_assert_cmpuint (g_list_model_get_n_items (permits), ==, 1);
  g_assert_false (get_record (permits, 0) == permit);
  g_assert_cmpuint (count_items (fixture), ==, 1);

  click (lanka_test_find_action_button (GTK_WIDGET (get_item (fixture, 0)),
                                        "case-legal.remove-permit"));
  answer ("remove");
  g_assert_cmpuint (g_list_model_get_n_items (permits), ==, 0);
  lanka_test_iterate_a_while ();
  g_assert_true (shows_label (fixture, _("No permits or reflection periods yet")));
}

static void
test_legal_process (Fixture       *fixture,
                    gconstpointer  user_data)
{
  LankaRecord *legal = lanka_case_get_legal_process (fixture->kase);
  GtkWidget *group = lanka_test_find_group (fixture->section, _("Legal Process"));

  g_assert_nonnull (group);
  g_assert_true (is_shown (group));

  type_into (group, _("Reported to the police on"), "2026-02-20");
  type_into (group, _("Police reference"), "5000-K123456-26");
  choose (group, _("Investigation"), LANKA_VOCABULARY_INVESTIGATION, "investigation");
  /* Names come in every script. */
  type_into (group, _("Counsel for the injured party"), "Advokat ليلى حداد");
  type_into (group, _("Next hearing"), "2026-09-14");
  write_into (group, _("Outcome"), "Huvudförhandling planerad.");

  g_assert_cmpstr (lanka_record_get (legal, "police_report_on"), ==, "2026-02-20");
  g_assert_cmpstr (lanka_record_get (legal, "police_reference"), ==, "5000-K123456-26");
  g_assert_cmpstr (lanka_record_get (legal, "investigation_status"), ==, "investigation");
  g_assert_cmpstr (lanka_record_get (legal, "counsel"), ==, "Advokat ليلى حداد");
  g_assert_cmpstr (lanka_record_get (legal, "next_hearing"), ==, "2026-09-14");
  g_assert_cmpstr (lanka_record_get (legal, "outcome"), ==, "Huvudförhandling planerad.");
}

/* Support Plan */

static char *
add_agency (Fixture    *fixture,
            const char *name)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, "shelter");
  lanka_directory_add_agency (fixture->database, agency, &error);
  g_assert_no_error (error);

  return g_strdup (lanka_agency_get_uuid (agency));
}

static void
test_plan_items (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GListModel *plan = lanka_case_get_plan (fixture->kase);
  g_autofree char *uuid = add_agency (fixture, "Skyddat boende Näktergalen & Co");
  g_autofree char *title = NULL;
  GtkWidget *add_button;
  GMenuModel *menu;
  AdwExpanderRow *item;
  LankaRecord *measure;
  LankaFindHelpDialog *dialog;

  g_assert_true (shows_label (fixture, _("No support measures yet")));

  /* Add offers every kind of support, and adds the one chosen. */
  add_button = lanka_test_find_child (fixture->section, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (add_button);
  g_assert_true (gtk_widget_is_sensitive (add_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (add_button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==,
                   lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_SUPPORT_TYPE));
  g_assert_true (gtk_widget_activate_action (add_button, "case-plan.add", "s",
                                             "protected_housing"));

  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 1);
  measure = get_record (plan, 0);
  g_assert_cmpstr (lanka_record_get (measure, "support_type"), ==, "protected_housing");
  item = get_item (fixture, 0);
  g_assert_true (adw_expander_row_get_expanded (item));
  g_assert_cmpstr (get_title (item), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE,
                                               "protected_housing"));

  write_into (item, _("Goal"), "Ett tryggt boende under betänketiden.");
  type_into (item, _("Starts on"), "2026-03-01");
  type_into (item, _("Ends on"), "2026-06-30");
  type_into (item, _("Follow-up on"), "2026-04-15");
  write_into (item, _("Outcome"), "Flyttade in 2026-03-02.");

  /* The provider comes from the directory, through Find Help. */
  click (lanka_test_find_button (find_row (item, _("Provider")), _("_Choose…")));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_FIND_HELP_DIALOG);
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (dialog, "agency-chosen", uuid);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpstr (lanka_record_get (measure, "provider"), ==, uuid);
  g_assert_cmpstr (lanka_record_get (measure, "provider_name"), ==,
                   "Skyddat boende Näktergalen & Co");
  g_assert_cmpstr (lanka_record_get (measure, "goal"), ==,
                   "Ett tryggt boende under betänketiden.");
  g_assert_cmpstr (lanka_record_get (measure, "start_on"), ==, "2026-03-01");
  g_assert_cmpstr (lanka_record_get (measure, "end_on"), ==, "2026-06-30");
  g_assert_cmpstr (lanka_record_get (measure, "follow_up_on"), ==, "2026-04-15");
  g_assert_cmpstr (lanka_record_get (measure, "outcome"), ==, "Flyttade in 2026-03-02.");

  /* The title names the support and who gives it. */
  title = g_strdup_printf ("%s · Skyddat boende Näktergalen & Co",
                           lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE,
                                                       "protected_housing"));
  g_assert_cmpstr (get_title (item), ==, title);

  /* A second measure, then the first one removed. */
  g_assert_true (gtk_widget_activate_action (add_button, "case-plan.add", "s", "health"));
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 2);
  g_assert_cmpuint (count_items (fixture), ==, 2);
  click (lanka_test_find_action_button (GTK_WIDGET (get_item (fixture, 0)), "case-plan.remove"));
  answer ("remove");
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 1);
  g_assert_cmpstr (lanka_record_get (get_record (plan, 0), "support_type"), ==, "health");
  g_assert_cmpuint (count_items (fixture), ==, 1);

  click (lanka_test_find_action_button (GTK_WIDGET (get_item (fixture, 0)), "case-plan.remove"));
  answer ("remove");
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 0);
  lanka_test_iterate_a_while ();
  g_assert_true (shows_label (fixture, _("No support measures yet")));
}

/* Each section, given another case, shows that case's records and edits
 * them, not the ones before; given none, it offers nothing to add.
 */
static void
test_new_case_rebuilds (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LankaCase) other = lanka_case_new ();
  const char *add_action;
  const char *kind;
  GListModel *records;
  GListModel *other_records;

  if (LANKA_IS_CASE_PROTECTION (fixture->section))
    {
      add_action = "case-protection.add";
      kind = "assessment";
      records = lanka_case_get_assessments (fixture->kase);
      other_records = lanka_case_get_assessments (other);
    }
  else if (LANKA_IS_CASE_LEGAL (fixture->section))
    {
      add_action = "case-legal.add-permit";
      kind = "permit_event";
      records = lanka_case_get_permits (fixture->kase);
      other_records = lanka_case_get_permits (other);
    }
  else
    {
      add_action = "case-plan.add";
      kind = "plan_item";
      records = lanka_case_get_plan (fixture->kase);
      other_records = lanka_case_get_plan (other);
    }

  lanka_case_add_record (fixture->kase, kind);
  lanka_case_add_record (other, kind);
  lanka_case_add_record (other, kind);
  if (g_str_equal (kind, "plan_item"))
    for (guint i = 0; i < 2; i++)
      lanka_record_set (get_record (other_records, i), "support_type", "legal");

  /* A record added to the case shown appears at once. */
  g_assert_cmpuint (count_items (fixture), ==, 1);

  g_object_set (fixture->section, "case", other, NULL);
  g_assert_cmpuint (count_items (fixture), ==, 2);

  if (g_str_equal (kind, "plan_item"))
    g_assert_true (gtk_widget_activate_action (fixture->section, add_action, "s", "health"));
  else
    click (lanka_test_find_action_button (fixture->section, add_action));
  g_assert_cmpuint (g_list_model_get_n_items (other_records), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 1);
  g_assert_cmpuint (count_items (fixture), ==, 3);

  /* Records of the case before no longer reach the rows. */
  lanka_case_add_record (fixture->kase, kind);
  g_assert_cmpuint (count_items (fixture), ==, 3);

  g_object_set (fixture->section, "case", NULL, NULL);
  g_assert_cmpuint (count_items (fixture), ==, 0);
  lanka_test_iterate_a_while ();
  if (g_str_equal (kind, "plan_item"))
    g_assert_false (gtk_widget_is_sensitive (lanka_test_find_child (fixture->section,
                                                                    GTK_TYPE_MENU_BUTTON)));
  else
    g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (fixture->section,
                                                                            add_action)));
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

#define ADD(path, type, func) \
  g_test_add ("/ui/case-sections/" path, Fixture, GSIZE_TO_POINTER (type), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("protection/assessments", LANKA_TYPE_CASE_PROTECTION, test_protection_assessments);
  ADD ("protection/newest-first", LANKA_TYPE_CASE_PROTECTION, test_protection_newest_first);
  ADD ("protection/new-case", LANKA_TYPE_CASE_PROTECTION, test_new_case_rebuilds);
  ADD ("legal/permits", LANKA_TYPE_CASE_LEGAL, test_legal_permits);
  ADD ("legal/process", LANKA_TYPE_CASE_LEGAL, test_legal_process);
  ADD ("legal/new-case", LANKA_TYPE_CASE_LEGAL, test_new_case_rebuilds);
  ADD ("plan/items", LANKA_TYPE_CASE_PLAN, test_plan_items);
  ADD ("plan/new-case", LANKA_TYPE_CASE_PLAN, test_new_case_rebuilds);

#undef ADD

  return g_test_run ();
}
