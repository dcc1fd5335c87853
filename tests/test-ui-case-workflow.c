/* test-ui-case-workflow.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-application.h"
#include "lanka-case-editor.h"
#include "lanka-case-exploitation.h"
#include "lanka-case-history-dialog.h"
#include "lanka-case-journal.h"
#include "lanka-case-legal.h"
#include "lanka-case-overview.h"
#include "lanka-case-people.h"
#include "lanka-case-plan.h"
#include "lanka-case-print.h"
#include "lanka-case-protection.h"
#include "lanka-case-sample.h"
#include "lanka-cases-view.h"
#include "lanka-cases.h"
#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-iso-codes.h"
#include "lanka-journal.h"
#include "lanka-new-case-dialog.h"
#include "lanka-person-editor.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"
#include "lanka-window-private.h"

/* The whole story of one case, as a caseworker goes through it in the
 * window: New Case, every section filled in through its rows, Ctrl+S, a
 * journal entry written and signed, another case opened and this one
 * again, and the history.  What was entered is checked on screen and in
 * the database.  The person, the agency and the personnummer (the Tax
 * Agency's form of a test number) are made up.
 */

#define ALIAS           "Test Stjärna"
#define PERSONAL_NUMBER "19811218-9876"
#define GUARDIAN        "God man Ödegaard"
#define AGENCY          "Skyddat boende Tranan"
#define JOURNAL_TEXT    "Första samtalet med tolk. Stjärna vill stanna i boendet."

static LankaApplication *app;

static LankaDatabase *
get_database (void)
{
  return lanka_application_get_database (app);
}

static LankaWindow *
open_window (void)
{
  LankaWindow *window;

  lanka_test_ensure_unlocked (app);
  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  lanka_test_iterate_until (lanka_test_is_mapped, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-part", "s", "cases"));
  lanka_test_iterate_a_while ();

  return window;
}

/* Presses @keyval with @modifiers where @widget is: whatever shortcut of
 * @widget or an ancestor answers it runs, as the key would run it.
 */
static void
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
                continue;

              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w,
                                                           gtk_shortcut_get_arguments (shortcut)));
              lanka_test_iterate_a_while ();
              return;
            }
        }
    }

  g_error ("No shortcut answers %s", gtk_accelerator_name (keyval, modifiers));
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
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Chooses @code's label in the combo row titled @title. */
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
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  g_assert_not_reached ();
}

/* The label the combo row titled @title shows. */
static const char *
chosen (gpointer    root,
        const char *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (root, title));

  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
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

/* Picks @name from the searchable list a countries or languages row opens. */
static void
choose_in_popover (GtkWidget  *row,
                   const char *name)
{
  GtkWidget *button = lanka_test_find_child (row, GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;
  GtkWidget *entry;

  g_assert_nonnull (button);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  lanka_test_iterate_until (lanka_test_is_mapped, button);
  lanka_test_iterate_a_while ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  /* Another test's window may take the focus, which would close it. */
  gtk_popover_set_autohide (popover, FALSE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  lanka_test_iterate_until_within (lanka_test_is_mapped, popover, 30);
  entry = lanka_test_find_child (GTK_WIDGET (popover), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_for (0.05);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
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

/* Presses @button, which asks, and answers @response. */
static void
confirm (GtkWidget  *button,
         const char *response)
{
  AdwMessageDialog *dialog;

  click (button);
  lanka_test_iterate_until (has_message_dialog, NULL);
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_message_dialog, NULL);
  lanka_test_iterate_a_while ();
}

/* The section @type of @editor, brought on screen as the section list does. */
static GtkWidget *
show_section (LankaCaseEditor *editor,
              const char      *name,
              GType            type)
{
  GtkWidget *section;

  lanka_case_editor_show_section (editor, name);
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, name);
  section = lanka_test_find_child (GTK_WIDGET (editor), type);
  g_assert_nonnull (section);
  lanka_test_iterate_until (lanka_test_is_mapped, section);

  return section;
}

static AdwExpanderRow *
first_item (GtkWidget *section)
{
  g_autoptr(GPtrArray) items = lanka_test_collect_widgets (section, ADW_TYPE_EXPANDER_ROW);

  g_assert_cmpuint (items->len, >, 0);
  return g_ptr_array_index (items, 0);
}

static LankaPersonEditor *
wait_for_person_editor (void)
{
  LankaPersonEditor *editor;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((editor = lanka_test_find_toplevel (LANKA_TYPE_PERSON_EDITOR)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  lanka_test_iterate_until (lanka_test_is_mapped, editor);

  return editor;
}

static char *
add_agency (const char *name)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, "shelter");
  lanka_directory_add_agency (get_database (), agency, &error);
  g_assert_no_error (error);

  return g_strdup (lanka_agency_get_uuid (agency));
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static LankaRecord *
find_person (LankaCase  *kase,
             const char *role)
{
  GListModel *people = lanka_case_get_people (kase);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (lanka_record_get (person, "role"), role) == 0)
        return person;
    }

  return NULL;
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

/* Everything the story entered, as the database has it. */
static void
assert_stored (const char *uuid,
               const char *provider)
{
  g_autoptr(LankaCase) kase = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = dup_today ();
  LankaRecord *record;
  LankaRecord *victim;
  LankaRecord *guardian;
  LankaRecord *exploitation;
  LankaRecord *assessment;
  LankaRecord *permit;
  LankaRecord *measure;
  gboolean signed_found = FALSE;

  kase = lanka_cases_load (get_database (), uuid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);

  record = lanka_case_get_record (kase);
  g_assert_nonnull (lanka_record_get (record, "number"));
  g_assert_cmpstr (lanka_record_get (record, "alias"), ==, ALIAS);
  g_assert_cmpstr (lanka_record_get (record, "status"), ==, "active");
  g_assert_cmpstr (lanka_record_get (record, "nrm_step"), ==, "2");
  g_assert_cmpstr (lanka_record_get (record, "risk"), ==, "high");
  /* Closure was left empty. */
  g_assert_null (lanka_record_get (record, "closed"));
  g_assert_null (lanka_record_get (record, "closure_reason"));

  victim = lanka_case_get_victim (kase);
  g_assert_cmpstr (lanka_record_get (victim, "alias"), ==, ALIAS);
  g_assert_cmpstr (lanka_record_get (victim, "personal_number"), ==, PERSONAL_NUMBER);
  g_assert_cmpstr (lanka_record_get (victim, "birth_date"), ==, "1981-12-18");

  guardian = find_person (kase, "guardian");
  g_assert_nonnull (guardian);
  g_assert_cmpstr (lanka_record_get (guardian, "alias"), ==, GUARDIAN);
  g_assert_cmpstr (lanka_record_get (guardian, "gender"), ==, "Masculine");
  g_assert_true (lanka_record_list_contains (guardian, "citizenships", "SE"));
  g_assert_true (lanka_record_list_contains (guardian, "languages", "ti"));

  exploitation = lanka_case_get_exploitation (kase);
  g_assert_true (lanka_record_list_contains (exploitation, "forms", "ForcedLabour"));
  g_assert_true (lanka_record_list_contains (exploitation, "means", "DebtBondage"));
  g_assert_true (lanka_record_list_contains (exploitation, "countries", "RO"));

  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_assessments (kase)), ==, 1);
  assessment = get_record (lanka_case_get_assessments (kase), 0);
  g_assert_cmpstr (lanka_record_get (assessment, "risk"), ==, "high");
  g_assert_cmpstr (lanka_record_get (assessment, "assessed_on"), ==, today);

  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_permits (kase)), ==, 1);
  permit = get_record (lanka_case_get_permits (kase), 0);
  g_assert_cmpstr (lanka_record_get (permit, "kind"), ==, "reflection_period");
  g_assert_cmpstr (lanka_record_get (permit, "decision"), ==, "granted");
  g_assert_cmpstr (lanka_record_get (permit, "valid_from"), ==, "2026-03-01");
  g_assert_cmpstr (lanka_record_get (permit, "valid_to"), ==, "2026-03-31");
  g_assert_cmpstr (lanka_record_get (lanka_case_get_legal_process (kase), "investigation_status"),
                   ==, "investigation");

  g_assert_cmpuint (g_list_model_get_n_items (lanka_case_get_plan (kase)), ==, 1);
  measure = get_record (lanka_case_get_plan (kase), 0);
  g_assert_cmpstr (lanka_record_get (measure, "support_type"), ==, "protected_housing");
  g_assert_cmpstr (lanka_record_get (measure, "provider"), ==, provider);
  g_assert_cmpstr (lanka_record_get (measure, "provider_name"), ==, AGENCY);

  entries = lanka_journal_list (get_database (), uuid, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (lanka_journal_entry_get_text (entry), JOURNAL_TEXT) == 0)
        signed_found = lanka_journal_entry_get_signed (entry) > 0;
    }
  g_assert_true (signed_found);
}

/* Everything the story entered, as the editor shows it. */
static gboolean
has_label_starting (GtkWidget  *root,
                    const char *prefix)
{
  g_autoptr(GPtrArray) labels = lanka_test_collect_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_label (g_ptr_array_index (labels, i)), prefix))
      return TRUE;

  return FALSE;
}

static void
assert_shown (LankaCaseEditor *editor)
{
  g_autofree char *signed_prefix = NULL;
  g_autofree char *permit_title = NULL;
  g_autofree char *measure_title = NULL;
  g_autofree char *assessment_title = NULL;
  g_autofree char *today = dup_today ();
  GtkWidget *section;
  GtkWidget *row;
  const char *subtitle;

  g_assert_false (lanka_case_editor_get_modified (editor));

  section = show_section (editor, "overview", LANKA_TYPE_CASE_OVERVIEW);
  g_assert_cmpstr (chosen (section, _("Status")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "active"));
  g_assert_cmpstr (chosen (section, _("NRM step")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, "2"));
  g_assert_cmpstr (chosen (section, _("Risk level")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK, "high"));

  section = show_section (editor, "people", LANKA_TYPE_CASE_PEOPLE);
  g_assert_nonnull (lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, ALIAS));
  row = lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, GUARDIAN);
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, lanka_vocabulary_get_label (LANKA_VOCABULARY_ROLE, "guardian")));
  g_assert_nonnull (strstr (subtitle, lanka_iso_country_get_name ("SE")));

  section = show_section (editor, "exploitation", LANKA_TYPE_CASE_EXPLOITATION);
  g_assert_true (gtk_check_button_get_active (find_code_check (find_row (section, _("Forms of exploitation")),
                                                               LANKA_VOCABULARY_EXPLOITATION,
                                                               "ForcedLabour")));
  g_assert_true (gtk_check_button_get_active (find_code_check (find_row (section, _("Means of control")),
                                                               LANKA_VOCABULARY_MEANS_OF_CONTROL,
                                                               "DebtBondage")));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find_row (section, _("Countries of exploitation")))),
                   ==, lanka_iso_country_get_name ("RO"));

  section = show_section (editor, "protection", LANKA_TYPE_CASE_PROTECTION);
  assessment_title = g_strdup_printf ("%s · %s", today,
                                      lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK, "high"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_item (section))),
                   ==, assessment_title);

  section = show_section (editor, "legal", LANKA_TYPE_CASE_LEGAL);
  permit_title = g_strdup_printf ("%s · 2026-03-01 – 2026-03-31",
                                  lanka_vocabulary_get_label (LANKA_VOCABULARY_PERMIT_KIND,
                                                              "reflection_period"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_item (section))),
                   ==, permit_title);
  g_assert_cmpstr (chosen (lanka_test_find_group (section, _("Legal Process")), _("Investigation")),
                   ==, lanka_vocabulary_get_label (LANKA_VOCABULARY_INVESTIGATION, "investigation"));

  section = show_section (editor, "plan", LANKA_TYPE_CASE_PLAN);
  measure_title = g_strdup_printf ("%s · %s",
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE,
                                                               "protected_housing"),
                                   AGENCY);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_item (section))),
                   ==, measure_title);

  section = show_section (editor, "journal", LANKA_TYPE_CASE_JOURNAL);
  lanka_test_iterate_a_while ();
  row = gtk_widget_get_ancestor (lanka_test_find_label (section, JOURNAL_TEXT), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  signed_prefix = g_strdup_printf (_("Signed by %s on %s"), lanka_journal_get_author (), "");
  g_assert_true (has_label_starting (row, signed_prefix));
  g_assert_null (lanka_test_find_button (row, _("Edit")));
}

static gboolean
is_not_modified (gpointer editor)
{
  return !lanka_case_editor_get_modified (editor);
}

static void
test_story (void)
{
  LankaWindow *window;
  LankaCasesView *view;
  LankaCaseEditor *editor;
  LankaNewCaseDialog *dialog;
  LankaPersonEditor *person_editor;
  LankaCaseHistoryDialog *history;
  LankaFindHelpDialog *find_help;
  g_autoptr(GError) error = NULL;
  g_autofree char *agency_uuid = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *other_uuid = NULL;
  g_autofree char *status_heading = NULL;
  g_autofree char *status_change = NULL;
  g_autofree char *step_heading = NULL;
  g_autofree char *gender_heading = NULL;
  g_autofree char *gender_change = NULL;
  g_autofree char *person = NULL;
  g_autoptr(LankaCase) other = NULL;
  GtkWidget *section;
  GtkWidget *text_view;
  GtkWidget *entry_row;
  AdwExpanderRow *item;
  LankaRecord *record;
  gpointer locked_database;

  /* A case to go to and come back from, and an agency to refer to. */
  lanka_test_ensure_unlocked (app);
  lanka_case_sample_generate (get_database (), 3, 1, 7, NULL, &error);
  g_assert_no_error (error);
  agency_uuid = add_agency (AGENCY);

  window = open_window ();
  view = window->cases_view;
  editor = lanka_cases_view_get_editor (view);

  /* Ctrl+N: the new-case dialog. */
  press_shortcut (GTK_WIDGET (view), GDK_KEY_n, GDK_CONTROL_MASK);
  dialog = lanka_test_find_toplevel (LANKA_TYPE_NEW_CASE_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  type_into (dialog, _("_Alias"), ALIAS);
  type_into (dialog, _("_Personnummer or samordningsnummer"), PERSONAL_NUMBER);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  click (lanka_test_find_action_button (GTK_WIDGET (dialog), "new-case.create"));
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);

  /* The new case is open in the editor. */
  g_assert_nonnull (lanka_case_editor_get_case (editor));
  uuid = g_strdup (lanka_case_editor_get_uuid (editor));
  g_assert_nonnull (uuid);
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, uuid);
  record = lanka_case_get_record (lanka_case_editor_get_case (editor));

  /* Overview. */
  section = show_section (editor, "overview", LANKA_TYPE_CASE_OVERVIEW);
  choose (section, _("Status"), LANKA_VOCABULARY_CASE_STATUS, "active");
  choose (section, _("NRM step"), LANKA_VOCABULARY_NRM_STEP, "2");
  choose (section, _("Risk level"), LANKA_VOCABULARY_RISK, "medium");
  g_assert_cmpstr (lanka_record_get (record, "status"), ==, "active");
  g_assert_true (lanka_case_editor_get_modified (editor));

  /* People: a guardian, through the person editor. */
  section = show_section (editor, "people", LANKA_TYPE_CASE_PEOPLE);
  g_assert_true (gtk_widget_activate_action (section, "people.add", "s", "guardian"));
  person_editor = wait_for_person_editor ();
  type_into (person_editor, _("Alias"), GUARDIAN);
  choose (person_editor, _("Gender"), LANKA_VOCABULARY_GENDER, "Masculine");
  choose_in_popover (find_row (person_editor, _("Citizenship")), lanka_iso_country_get_name ("SE"));
  choose_in_popover (find_row (person_editor, _("Languages")), lanka_iso_language_get_name ("ti"));
  g_object_add_weak_pointer (G_OBJECT (person_editor), (gpointer *)&person_editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_editor), "person.done", NULL));
  lanka_test_iterate_until (lanka_test_is_cleared, &person_editor);
  g_assert_nonnull (lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, GUARDIAN));

  /* Exploitation: a form, a means of control, a country. */
  section = show_section (editor, "exploitation", LANKA_TYPE_CASE_EXPLOITATION);
  gtk_check_button_set_active (find_code_check (find_row (section, _("Forms of exploitation")),
                                                LANKA_VOCABULARY_EXPLOITATION, "ForcedLabour"),
                               TRUE);
  gtk_check_button_set_active (find_code_check (find_row (section, _("Means of control")),
                                                LANKA_VOCABULARY_MEANS_OF_CONTROL, "DebtBondage"),
                               TRUE);
  choose_in_popover (find_row (section, _("Countries of exploitation")),
                     lanka_iso_country_get_name ("RO"));

  /* Protection and Risk: a newer assessment raises the case's risk. */
  section = show_section (editor, "protection", LANKA_TYPE_CASE_PROTECTION);
  click (lanka_test_find_action_button (section, "case-protection.add"));
  item = first_item (section);
  choose (item, _("Risk level"), LANKA_VOCABULARY_RISK, "high");
  type_into (item, _("Assessed by"), "Socialsekreterare Å. Öberg");
  g_assert_cmpstr (lanka_record_get (record, "risk"), ==, "high");

  /* Residence and Legal: a reflection period, and the investigation. */
  section = show_section (editor, "legal", LANKA_TYPE_CASE_LEGAL);
  click (lanka_test_find_action_button (section, "case-legal.add-permit"));
  item = first_item (section);
  choose (item, _("Kind"), LANKA_VOCABULARY_PERMIT_KIND, "reflection_period");
  choose (item, _("Decision"), LANKA_VOCABULARY_PERMIT_DECISION, "granted");
  type_into (item, _("Valid from"), "2026-03-01");
  type_into (item, _("Valid to"), "2026-03-31");
  choose (lanka_test_find_group (section, _("Legal Process")), _("Investigation"),
          LANKA_VOCABULARY_INVESTIGATION, "investigation");

  /* Support Plan: protected housing, from the directory. */
  section = show_section (editor, "plan", LANKA_TYPE_CASE_PLAN);
  g_assert_true (gtk_widget_activate_action (section, "case-plan.add", "s", "protected_housing"));
  item = first_item (section);
  click (lanka_test_find_button (find_row (item, _("Provider")), _("_Choose…")));
  find_help = lanka_test_find_toplevel (LANKA_TYPE_FIND_HELP_DIALOG);
  g_assert_nonnull (find_help);
  g_signal_emit_by_name (find_help, "agency-chosen", agency_uuid);
  gtk_window_destroy (GTK_WINDOW (find_help));
  lanka_test_iterate_a_while ();

  /* Closure stays empty.  Ctrl+S saves. */
  g_assert_true (lanka_case_editor_get_modified (editor));
  press_shortcut (section, GDK_KEY_s, GDK_CONTROL_MASK);
  lanka_test_iterate_until (is_not_modified, editor);
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The journal: an entry written and signed. */
  section = show_section (editor, "journal", LANKA_TYPE_CASE_JOURNAL);
  text_view = lanka_test_find_by_id (section, "text_view");
  g_assert_nonnull (text_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), JOURNAL_TEXT, -1);
  lanka_test_iterate_a_while ();
  click (lanka_test_find_by_id (section, "add_button"));
  lanka_test_iterate_a_while ();
  entry_row = gtk_widget_get_ancestor (lanka_test_find_label (section, JOURNAL_TEXT),
                                       GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (entry_row);
  confirm (lanka_test_find_button (entry_row, _("Sign…")), "sign");

  assert_stored (uuid, agency_uuid);

  /* Another case, and back: everything is there. */
  other = lanka_case_new ();
  lanka_record_set (lanka_case_get_victim (other), "alias", "Test Annan");
  lanka_cases_save (get_database (), other, &error);
  g_assert_no_error (error);
  other_uuid = g_strdup (lanka_case_get_uuid (other));
  g_assert_true (lanka_cases_view_show_case (view, other_uuid));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (lanka_case_editor_get_uuid (editor), ==, other_uuid);
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (lanka_cases_view_show_case (view, uuid));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (lanka_case_editor_get_uuid (editor), ==, uuid);
  assert_shown (editor);

  /* After a lock and an unlock too.  The unlock waits until everything
   * that read the database has let go of it.
   */
  locked_database = get_database ();
  g_object_add_weak_pointer (G_OBJECT (locked_database), &locked_database);
  lanka_application_lock (app);
  lanka_test_iterate_until (lanka_test_is_cleared, &locked_database);
  lanka_test_ensure_unlocked (app);
  lanka_test_iterate_a_while ();
  if (g_strcmp0 (lanka_case_editor_get_uuid (editor), uuid) != 0)
    g_assert_true (lanka_cases_view_show_case (view, uuid));
  lanka_test_iterate_a_while ();
  assert_shown (editor);
  assert_stored (uuid, agency_uuid);

  /* The history lists the fields that changed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.history", NULL));
  history = lanka_test_find_toplevel (LANKA_TYPE_CASE_HISTORY_DIALOG);
  g_assert_nonnull (history);
  lanka_test_iterate_until (lanka_test_is_mapped, history);
  status_heading = g_strdup_printf (_("%s · %s"), _("Overview"),
                                    lanka_case_print_get_field_label ("case", "status"));
  status_change = g_strdup_printf (C_("history", "%s → %s"),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "intake"),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "active"));
  step_heading = g_strdup_printf (_("%s · %s"), _("Overview"),
                                  lanka_case_print_get_field_label ("case", "nrm_step"));
  person = g_strdup_printf (_("Person «%s»"), GUARDIAN);
  gender_heading = g_strdup_printf (_("%s · %s"), person,
                                    lanka_case_print_get_field_label ("person", "gender"));
  gender_change = g_strdup_printf (C_("history", "%s → %s"), C_("history", "—"),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_GENDER, "Masculine"));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (history), status_heading));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (history), status_change));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (history), step_heading));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (history), gender_heading));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (history), gender_change));
  g_object_add_weak_pointer (G_OBJECT (history), (gpointer *)&history);
  gtk_window_close (GTK_WINDOW (history));
  lanka_test_iterate_until (lanka_test_is_cleared, &history);

  lanka_test_close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int ret;

  lanka_test_ui_init (&argc, &argv);
  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  g_test_add_func ("/ui/case-workflow/story", test_story);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);

  return ret;
}
