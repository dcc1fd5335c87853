/* test-ui-case-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-application.h"
#include "lanka-case-child.h"
#include "lanka-case-closure.h"
#include "lanka-case-editor.h"
#include "lanka-case-overview.h"
#include "lanka-case-rows.h"
#include "lanka-cases.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"

/* The aliases and references below are made up for the tests. */

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

/* A date @years years and @days days before today, as the store keeps it. */
static char *
dup_date_ago (int years,
              int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_full (now, -years, 0, -days, 0, 0, 0);

  return g_date_time_format (then, "%Y-%m-%d");
}

static LankaCaseEditor *
new_editor (LankaDatabase  *database,
            int             width,
            GtkWindow     **window)
{
  LankaCaseEditor *editor = lanka_case_editor_new ();

  g_object_ref_sink (editor);
  lanka_case_editor_set_database (editor, database);
  *window = lanka_test_show_in_window (GTK_WIDGET (editor), width, 700);

  return editor;
}

static void
close_editor (LankaCaseEditor *editor,
              GtkWindow       *window)
{
  lanka_test_close_window (window);
  g_assert_finalize_object (editor);
}

static GtkWidget *
find_section (LankaCaseEditor *editor,
              GType            type)
{
  GtkWidget *section = lanka_test_find_child (GTK_WIDGET (editor), type);

  g_assert_nonnull (section);
  return section;
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  GtkWidget *row = lanka_test_find_row (root, type, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);

  return row;
}

static guint
get_position (LankaVocabulary  vocabulary,
              const char      *code,
              gboolean         allow_none)
{
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    if (g_strcmp0 (lanka_vocabulary_get_code (vocabulary, i), code) == 0)
      return i + (allow_none ? 1 : 0);

  g_assert_not_reached ();
}

/* Chooses the label of @code in a choice row, as a click would. */
static void
choose (GtkWidget       *root,
        const char      *title,
        LankaVocabulary  vocabulary,
        const char      *code,
        gboolean         allow_none)
{
  GtkWidget *row = find_row (root, ADW_TYPE_COMBO_ROW, title);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), get_position (vocabulary, code, allow_none));
}

static const char *
get_chosen_label (GtkWidget  *root,
                  const char *title)
{
  GtkWidget *row = find_row (root, ADW_TYPE_COMBO_ROW, title);
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, ADW_TYPE_ENTRY_ROW, title)), text);
}

static const char *
get_typed (GtkWidget  *root,
           const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (find_row (root, ADW_TYPE_ENTRY_ROW, title)));
}

static GtkSwitch *
find_switch (GtkWidget  *root,
             const char *title)
{
  GtkWidget *row = find_row (root, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *toggle = lanka_test_find_child (row, GTK_TYPE_SWITCH);

  g_assert_nonnull (toggle);
  return GTK_SWITCH (toggle);
}

static void
on_saved_cb (LankaCaseEditor *editor,
             const char      *uuid,
             char           **saved_uuid)
{
  g_free (*saved_uuid);
  *saved_uuid = g_strdup (uuid);
}

static gboolean
is_child_section_shown (LankaCaseEditor *editor)
{
  GtkStack *stack = GTK_STACK (lanka_test_find_by_id (GTK_WIDGET (editor), "stack"));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "child");

  return gtk_stack_page_get_visible (gtk_stack_get_page (stack, page));
}

static gboolean
is_revealed (GtkWidget  *editor,
             const char *id)
{
  GtkWidget *revealer = lanka_test_find_by_id (editor, id);

  g_assert_nonnull (revealer);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static const char *
get_label (GtkWidget  *editor,
           const char *id)
{
  GtkWidget *label = lanka_test_find_by_id (editor, id);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* A new case: its victim is fifteen, so that the Child section is there. */
static LankaCase *
new_child_case (const char *alias)
{
  LankaCase *kase = lanka_case_new ();
  LankaRecord *victim = lanka_case_get_victim (kase);
  g_autofree char *birth_date = dup_date_ago (15, 40);

  lanka_record_set (victim, "alias", alias);
  lanka_record_set (victim, "birth_date", birth_date);

  return kase;
}

static void
test_create_save_reopen (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_child_case ("Vitsippa");
  g_autofree char *saved_uuid = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *intake = dup_date_ago (0, 3);
  g_autofree char *today = dup_date_ago (0, 0);
  LankaCaseEditor *editor;
  GtkWindow *window;
  GtkWidget *overview;
  GtkWidget *closure;
  GtkWidget *child;
  GtkWidget *button;
  g_autofree char *number = NULL;

  editor = new_editor (fixture->database, 1000, &window);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved_uuid);
  lanka_case_editor_open_new (editor, kase);
  uuid = g_strdup (lanka_case_get_uuid (kase));

  g_assert_cmpstr (get_label (GTK_WIDGET (editor), "number_label"), ==, _("New case"));
  g_assert_cmpstr (get_label (GTK_WIDGET (editor), "alias_label"), ==, "Vitsippa");
  g_assert_false (lanka_case_editor_get_modified (editor));

  overview = find_section (editor, LANKA_TYPE_CASE_OVERVIEW);
  choose (overview, _("Status"), LANKA_VOCABULARY_CASE_STATUS, "active", FALSE);
  choose (overview, _("NRM step"), LANKA_VOCABULARY_NRM_STEP, "3", FALSE);
  choose (overview, _("Risk level"), LANKA_VOCABULARY_RISK, "high", TRUE);
  choose (overview, _("Victim status"), LANKA_VOCABULARY_VICTIM_STATUS,
          "PossibleVictimOfTrafficking", TRUE);
  gtk_switch_set_active (find_switch (overview, _("Urgent")), TRUE);
  gtk_switch_set_active (find_switch (overview, _("Injured party")), TRUE);
  type_into (overview, _("Intake date"), intake);

  /* What the person sees at once: changes, and the header follows. */
  g_assert_true (lanka_case_editor_get_modified (editor));
  g_assert_cmpstr (get_label (GTK_WIDGET (editor), "state_label"), ==, _("Unsaved changes"));
  g_assert_nonnull (strstr (get_label (GTK_WIDGET (editor), "status_label"),
                            lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "active")));

  /* Closing offers the status that goes with it. */
  lanka_case_editor_show_section (editor, "closure");
  closure = find_section (editor, LANKA_TYPE_CASE_CLOSURE);
  type_into (closure, _("Closed on"), today);
  choose (closure, _("Reason"), LANKA_VOCABULARY_CLOSURE_REASON, "goal_reached", TRUE);
  lanka_test_iterate_a_while ();
  button = lanka_test_find_by_id (closure, "status_button");
  g_assert_true (lanka_test_is_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (get_chosen_label (overview, _("Status")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "closed"));
  lanka_test_iterate_a_while ();
  g_assert_false (lanka_test_is_mapped (button));

  /* The Child section of a child case, with its deadlines. */
  g_assert_true (is_child_section_shown (editor));
  lanka_case_editor_show_section (editor, "child");
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "child");
  child = find_section (editor, LANKA_TYPE_CASE_CHILD);
  gtk_switch_set_active (find_switch (child, _("Unaccompanied")), TRUE);
  type_into (child, _("BBIC reference"), "BBIC-4711");
  type_into (child, _("Protection assessment done on"), intake);
  lanka_test_iterate_a_while ();
  g_assert_nonnull (lanka_test_find_label (child, _("Done")));
  /* Intake three days ago and no initial assessment: not overdue yet. */
  g_assert_null (lanka_test_find_label (child, _("Overdue")));

  gtk_widget_activate_action (GTK_WIDGET (editor), "case-editor.save", NULL);

  g_assert_false (lanka_case_editor_get_modified (editor));
  g_assert_cmpstr (saved_uuid, ==, uuid);
  number = g_strdup (get_label (GTK_WIDGET (editor), "number_label"));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{4}$", number, 0, 0));
  g_assert_false (is_revealed (GTK_WIDGET (editor), "problems_revealer"));
  g_assert_false (is_revealed (GTK_WIDGET (editor), "error_revealer"));
  close_editor (editor, window);

  /* Opened again from the database, everything is there. */
  editor = new_editor (fixture->database, 1000, &window);
  g_assert_true (lanka_case_editor_open (editor, uuid, NULL));
  g_assert_false (is_revealed (GTK_WIDGET (editor), "draft_revealer"));
  g_assert_false (lanka_case_editor_get_modified (editor));
  overview = find_section (editor, LANKA_TYPE_CASE_OVERVIEW);
  closure = find_section (editor, LANKA_TYPE_CASE_CLOSURE);
  child = find_section (editor, LANKA_TYPE_CASE_CHILD);
  g_assert_cmpstr (get_chosen_label (overview, _("Status")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "closed"));
  g_assert_cmpstr (get_chosen_label (overview, _("NRM step")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, "3"));
  g_assert_cmpstr (get_chosen_label (overview, _("Risk level")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK, "high"));
  g_assert_true (gtk_switch_get_active (find_switch (overview, _("Urgent"))));
  g_assert_true (gtk_switch_get_active (find_switch (overview, _("Injured party"))));
  g_assert_cmpstr (get_typed (overview, _("Intake date")), ==, intake);
  g_assert_cmpstr (get_typed (closure, _("Closed on")), ==, today);
  g_assert_cmpstr (get_chosen_label (closure, _("Reason")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CLOSURE_REASON, "goal_reached"));
  g_assert_true (gtk_switch_get_active (find_switch (child, _("Unaccompanied"))));
  g_assert_cmpstr (get_typed (child, _("BBIC reference")), ==, "BBIC-4711");
  g_assert_cmpstr (get_typed (child, _("Protection assessment done on")), ==, intake);
  g_assert_cmpstr (get_label (GTK_WIDGET (editor), "number_label"), ==, number);
  close_editor (editor, window);
}

static void
test_invalid_date (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_child_case ("Blåsippa");
  g_autoptr(LankaCase) stored = NULL;
  g_autoptr(LankaCase) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *intake = NULL;
  LankaCaseEditor *editor;
  GtkWindow *window;
  GtkWidget *overview;
  GtkWidget *row;
  gint64 saved_at = 0;

  editor = new_editor (fixture->database, 1000, &window);
  lanka_case_editor_open_new (editor, kase);
  intake = g_strdup (lanka_record_get (lanka_case_get_record (kase), "intake_date"));
  g_assert_true (lanka_case_editor_save (editor, NULL));

  overview = find_section (editor, LANKA_TYPE_CASE_OVERVIEW);
  gtk_switch_set_active (find_switch (overview, _("Urgent")), TRUE);
  type_into (overview, _("Intake date"), "2026-02-31");

  g_assert_true (lanka_case_editor_save (editor, &error));
  g_assert_no_error (error);

  /* The field is marked and the bar counts it. */
  row = find_row (overview, ADW_TYPE_ENTRY_ROW, _("Intake date"));
  g_assert_nonnull (lanka_case_rows_get_problem (row));
  g_assert_true (is_revealed (GTK_WIDGET (editor), "problems_revealer"));
  g_assert_nonnull (strstr (get_label (GTK_WIDGET (editor), "problems_label"), "1"));
  g_assert_null (lanka_case_rows_get_problem (find_row (overview, ADW_TYPE_COMBO_ROW,
                                                        _("Status"))));
  /* What was typed stays on screen, unsaved but kept. */
  g_assert_cmpstr (get_typed (overview, _("Intake date")), ==, "2026-02-31");
  g_assert_true (lanka_case_editor_get_modified (editor));

  /* The rest was saved; the invalid date kept its stored value. */
  stored = lanka_cases_load (fixture->database, lanka_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_true (lanka_record_get_boolean (lanka_case_get_record (stored), "urgent"));
  g_assert_cmpstr (lanka_record_get (lanka_case_get_record (stored), "intake_date"), ==, intake);

  /* And the draft has what was typed. */
  draft = lanka_cases_load_draft (fixture->database, lanka_case_get_uuid (kase), &saved_at,
                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpstr (lanka_record_get (lanka_case_get_record (draft), "intake_date"), ==,
                   "2026-02-31");

  /* Fixed and saved again, the marks and the bar go. */
  type_into (overview, _("Intake date"), intake);
  g_assert_true (lanka_case_editor_save (editor, NULL));
  g_assert_null (lanka_case_rows_get_problem (row));
  g_assert_false (is_revealed (GTK_WIDGET (editor), "problems_revealer"));
  g_assert_false (lanka_case_editor_get_modified (editor));

  close_editor (editor, window);
}

typedef struct
{
  LankaDatabase *database;
  const char    *uuid;
} DraftCheck;

static gboolean
has_draft (gpointer data)
{
  DraftCheck *check = data;
  g_autoptr(LankaCase) draft = NULL;
  g_autoptr(GError) error = NULL;

  draft = lanka_cases_load_draft (check->database, check->uuid, NULL, &error);
  g_assert_no_error (error);

  return draft != NULL &&
         lanka_record_get_boolean (lanka_case_get_record (draft), "urgent");
}

static void
test_draft_within_two_seconds (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_child_case ("Gullviva");
  LankaCaseEditor *editor;
  GtkWindow *window;
  DraftCheck check;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time_text = NULL;

  editor = new_editor (fixture->database, 1000, &window);
  lanka_case_editor_open_new (editor, kase);
  check.database = fixture->database;
  check.uuid = lanka_case_get_uuid (kase);
  g_assert_false (has_draft (&check));

  gtk_switch_set_active (find_switch (find_section (editor, LANKA_TYPE_CASE_OVERVIEW),
                                      _("Urgent")),
                         TRUE);
  lanka_test_iterate_until_within (has_draft, &check, 2.0);

  now = g_date_time_new_now_local ();
  time_text = g_date_time_format (now, "%H:%M");
  expected = g_strdup_printf (_("Draft saved %s"), time_text);
  g_assert_cmpstr (get_label (GTK_WIDGET (editor), "state_label"), ==, expected);
  g_assert_true (lanka_case_editor_get_modified (editor));

  close_editor (editor, window);
}

static void
test_lock_restores_draft (void)
{
  g_autofree char *dir = lanka_test_make_data_dir ();
  g_autoptr(LankaApplication) app = lanka_test_application_new (dir);
  g_autoptr(LankaCase) kase = new_child_case ("Kungsljus");
  g_autoptr(LankaCase) draft = NULL;
  g_autofree char *uuid = NULL;
  LankaCaseEditor *editor;
  GtkWindow *window;

  lanka_test_ensure_unlocked (app);
  editor = new_editor (lanka_application_get_database (app), 1000, &window);
  lanka_case_editor_open_new (editor, kase);
  uuid = g_strdup (lanka_case_get_uuid (kase));
  g_assert_true (lanka_case_editor_save (editor, NULL));

  /* An edit, and Länka locks before the draft timer runs. */
  gtk_switch_set_active (find_switch (find_section (editor, LANKA_TYPE_CASE_OVERVIEW),
                                      _("Urgent")),
                         TRUE);
  lanka_application_lock (app);
  g_assert_null (lanka_case_editor_get_case (editor));
  g_assert_null (lanka_test_find_label (GTK_WIDGET (editor), "Kungsljus"));

  lanka_test_ensure_unlocked (app);
  lanka_case_editor_set_database (editor, lanka_application_get_database (app));
  g_assert_true (lanka_case_editor_open (editor, uuid, NULL));
  lanka_test_iterate_a_while ();

  g_assert_true (gtk_switch_get_active (find_switch (find_section (editor,
                                                                   LANKA_TYPE_CASE_OVERVIEW),
                                                     _("Urgent"))));
  g_assert_true (lanka_case_editor_get_modified (editor));
  g_assert_true (is_revealed (GTK_WIDGET (editor), "draft_revealer"));

  /* Discard goes back to the saved case and forgets the draft. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "case-editor.discard-draft", NULL);
  g_assert_false (gtk_switch_get_active (find_switch (find_section (editor,
                                                                    LANKA_TYPE_CASE_OVERVIEW),
                                                      _("Urgent"))));
  g_assert_false (lanka_case_editor_get_modified (editor));
  g_assert_false (is_revealed (GTK_WIDGET (editor), "draft_revealer"));
  draft = lanka_cases_load_draft (lanka_application_get_database (app), uuid, NULL, NULL);
  g_assert_null (draft);

  close_editor (editor, window);
  lanka_application_lock (app);
  g_clear_object (&app);
  lanka_test_remove_tree (dir);
}

static void
test_child_section (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaCase) adult = lanka_case_new ();
  g_autoptr(LankaCase) child = new_child_case ("Smörblomma");
  g_autofree char *adult_birth = dup_date_ago (34, 0);
  g_autofree char *long_ago = dup_date_ago (0, 30);
  LankaCaseEditor *editor;
  GtkWindow *window;
  GtkWidget *badge;
  GtkWidget *section;

  lanka_record_set (lanka_case_get_victim (adult), "alias", "Lönn");
  lanka_record_set (lanka_case_get_victim (adult), "birth_date", adult_birth);

  editor = new_editor (fixture->database, 1000, &window);
  badge = lanka_test_find_by_id (GTK_WIDGET (editor), "child_badge");

  lanka_case_editor_open_new (editor, adult);
  lanka_test_iterate_a_while ();
  g_assert_false (is_child_section_shown (editor));
  g_assert_false (lanka_test_is_mapped (badge));
  lanka_case_editor_show_section (editor, "child");
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "overview");

  lanka_case_editor_open_new (editor, child);
  lanka_test_iterate_a_while ();
  g_assert_true (is_child_section_shown (editor));
  g_assert_true (lanka_test_is_mapped (badge));

  /* An intake a month ago with nothing done: every child deadline but
   * the investigation's has passed.
   */
  lanka_record_set (lanka_case_get_record (child), "intake_date", long_ago);
  lanka_case_editor_show_section (editor, "child");
  lanka_test_iterate_a_while ();
  section = find_section (editor, LANKA_TYPE_CASE_CHILD);
  g_assert_nonnull (lanka_test_find_label (section, _("Overdue")));
  g_assert_null (lanka_test_find_label (section, _("Done")));

  /* The victim turns out to be an adult: the section goes. */
  lanka_record_set (lanka_case_get_victim (child), "birth_date", adult_birth);
  lanka_test_iterate_a_while ();
  g_assert_false (is_child_section_shown (editor));
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "overview");

  close_editor (editor, window);
}

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* At 360 px a drop-down takes the section list's place. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_child_case ("Linnea");
  LankaCaseEditor *editor;
  GtkWindow *window;
  GtkWidget *dropdown;
  GtkWidget *list;

  editor = new_editor (fixture->database, 360, &window);
  lanka_case_editor_open_new (editor, kase);
  lanka_test_iterate_a_while ();

  dropdown = lanka_test_find_by_id (GTK_WIDGET (editor), "section_dropdown");
  list = lanka_test_find_by_id (GTK_WIDGET (editor), "section_list");
  lanka_test_iterate_until (lanka_test_is_mapped, dropdown);
  lanka_test_iterate_until (is_unmapped, list);

  /* The drop-down lists every section shown, Child last, and picks one. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))),
                    ==, 9);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 7);
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "closure");
  lanka_case_editor_show_section (editor, "people");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 1);

  gtk_window_set_default_size (window, 1000, 700);
  lanka_test_iterate_until (is_unmapped, dropdown);
  g_assert_true (lanka_test_is_mapped (list));
  g_assert_true (gtk_list_box_row_is_selected (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list),
                                                                              1)));

  close_editor (editor, window);
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

  g_test_add ("/case-editor/create-save-reopen", Fixture, NULL,
              fixture_set_up, test_create_save_reopen, fixture_tear_down);
  g_test_add ("/case-editor/invalid-date", Fixture, NULL,
              fixture_set_up, test_invalid_date, fixture_tear_down);
  g_test_add ("/case-editor/draft-within-two-seconds", Fixture, NULL,
              fixture_set_up, test_draft_within_two_seconds, fixture_tear_down);
  g_test_add_func ("/case-editor/lock-restores-draft", test_lock_restores_draft);
  g_test_add ("/case-editor/child-section", Fixture, NULL,
              fixture_set_up, test_child_section, fixture_tear_down);
  g_test_add ("/case-editor/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
