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
#include "lanka-case-list.h"
#include "lanka-case-overview.h"
#include "lanka-case-people.h"
#include "lanka-case-sample.h"
#include "lanka-case-rows.h"
#include "lanka-cases.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"
#include "lanka-window-private.h"

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

/* One application for the tests that need one: a second one in the same
 * process could not take the first one's name on the bus.
 */
static LankaApplication *shared_app;
static char *shared_app_dir;

static LankaApplication *
get_application (void)
{
  if (shared_app == NULL)
    {
      shared_app_dir = lanka_test_make_data_dir ();
      shared_app = lanka_test_application_new (shared_app_dir);
    }

  return shared_app;
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

static int
compare_doubles (const double *a,
                 const double *b)
{
  return (*a > *b) - (*a < *b);
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
  g_assert_cmpstr (get_chosen_label (overview, _("Status")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "closed"));
  g_assert_cmpstr (get_chosen_label (overview, _("NRM step")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, "3"));
  g_assert_cmpstr (get_chosen_label (overview, _("Risk level")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK, "high"));
  g_assert_true (gtk_switch_get_active (find_switch (overview, _("Urgent"))));
  g_assert_true (gtk_switch_get_active (find_switch (overview, _("Injured party"))));
  g_assert_cmpstr (get_typed (overview, _("Intake date")), ==, intake);
  lanka_case_editor_show_section (editor, "closure");
  closure = find_section (editor, LANKA_TYPE_CASE_CLOSURE);
  g_assert_cmpstr (get_typed (closure, _("Closed on")), ==, today);
  g_assert_cmpstr (get_chosen_label (closure, _("Reason")), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CLOSURE_REASON, "goal_reached"));
  lanka_case_editor_show_section (editor, "child");
  child = find_section (editor, LANKA_TYPE_CASE_CHILD);
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
  LankaApplication *app = get_application ();
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

/* The Save button in the header: there for a new case, gone grey when
 * everything is saved, back with the next change; and at 360 px it is
 * still inside the window, beside the case menu.
 */
static void
test_save_button (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = new_child_case ("Prästkrage");
  g_autoptr(LankaCase) stored = NULL;
  g_autofree char *saved_uuid = NULL;
  const char *actions[] = { "cases.history", "cases.print", "cases.delete" };
  LankaCaseEditor *editor;
  GtkWindow *window;
  GtkWidget *button;
  GtkWidget *menu_button;
  GMenuModel *menu;
  graphene_rect_t bounds;
  guint found = 0;

  editor = new_editor (fixture->database, 360, &window);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved_uuid);
  button = lanka_test_find_by_id (GTK_WIDGET (editor), "save_button");
  menu_button = lanka_test_find_by_id (GTK_WIDGET (editor), "menu_button");
  g_assert_false (gtk_widget_is_sensitive (button));

  lanka_case_editor_open_new (editor, kase);
  lanka_test_iterate_a_while ();
  g_assert_false (lanka_case_editor_get_modified (editor));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Both buttons are whole on a phone. */
  g_assert_true (lanka_test_is_mapped (button));
  g_assert_true (lanka_test_is_mapped (menu_button));
  g_assert_true (gtk_widget_compute_bounds (menu_button, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (saved_uuid, ==, lanka_case_get_uuid (kase));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{4}$",
                                       get_label (GTK_WIDGET (editor), "number_label"), 0, 0));

  g_clear_pointer (&saved_uuid, g_free);
  gtk_switch_set_active (find_switch (find_section (editor, LANKA_TYPE_CASE_OVERVIEW),
                                      _("Urgent")),
                         TRUE);
  g_assert_true (lanka_case_editor_get_modified (editor));
  g_assert_true (gtk_widget_is_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (saved_uuid, ==, lanka_case_get_uuid (kase));
  g_assert_false (lanka_case_editor_get_modified (editor));
  g_assert_false (gtk_widget_is_sensitive (button));
  stored = lanka_cases_load (fixture->database, lanka_case_get_uuid (kase), NULL);
  g_assert_nonnull (stored);
  g_assert_true (lanka_record_get_boolean (lanka_case_get_record (stored), "urgent"));

  /* The case menu offers the view's History, Print and Delete. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            for (guint k = 0; k < G_N_ELEMENTS (actions); k++)
              if (g_strcmp0 (action, actions[k]) == 0)
                found |= 1 << k;
        }
    }
  g_assert_cmpuint (found, ==, 7);

  close_editor (editor, window);
}

/* Runs the shortcut that a key press on @target would run: the shortcut
 * controllers of @target and its ancestors, those that capture from the
 * window down first, then the others from @target up, as GTK hands a key
 * press on.  Returns whether one took it.
 */
static gboolean
press_keys (GtkWidget       *target,
            guint            keyval,
            GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *w = target; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);

  for (guint phase = 0; phase < 2; phase++)
    for (guint k = 0; k < chain->len; k++)
      {
        GtkWidget *w = chain->pdata[phase == 0 ? k : chain->len - 1 - k];
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

        for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
          {
            g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
            GtkPropagationPhase wanted = phase == 0 ? GTK_PHASE_CAPTURE : GTK_PHASE_BUBBLE;

            if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
                gtk_event_controller_get_propagation_phase (controller) != wanted)
              continue;

            for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
              {
                g_autoptr(GtkShortcut) shortcut = NULL;
                GtkShortcutTrigger *trigger;

                shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
                trigger = gtk_shortcut_get_trigger (shortcut);

                if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
                    gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
                    gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
                  continue;

                if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w,
                                                  gtk_shortcut_get_arguments (shortcut)))
                  {
                    lanka_test_iterate_a_while ();
                    return TRUE;
                  }
              }
          }
      }

  return FALSE;
}

/* With the focus in a case, Ctrl+1 … Ctrl+9 go to its sections, and
 * Alt+1 … Alt+3 still go to the window's parts.
 */
static void
test_section_shortcuts (void)
{
  LankaApplication *app = get_application ();
  g_autoptr(LankaCase) kase = new_child_case ("Blåsippa");
  LankaCaseEditor *editor;
  LankaWindow *window;
  GtkWidget *focus;

  lanka_test_ensure_unlocked (app);
  g_assert_true (lanka_cases_save (lanka_application_get_database (app), kase, NULL));
  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  lanka_test_iterate_until (lanka_test_is_mapped, window);

  lanka_window_set_visible_part (window, "cases");
  lanka_cases_view_show_case (window->cases_view, lanka_case_get_uuid (kase));
  editor = lanka_cases_view_get_editor (window->cases_view);
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (lanka_case_editor_get_uuid (editor), ==, lanka_case_get_uuid (kase));

  /* Ctrl+2 goes to People and puts the focus there. */
  focus = find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, _("Status"));
  g_assert_true (gtk_widget_grab_focus (focus));
  g_assert_true (press_keys (gtk_root_get_focus (GTK_ROOT (window)), GDK_KEY_2,
                             GDK_CONTROL_MASK));
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "people");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, find_section (editor, LANKA_TYPE_CASE_PEOPLE)));

  /* Ctrl+1 goes back to the overview. */
  g_assert_true (press_keys (focus, GDK_KEY_1, GDK_CONTROL_MASK));
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "overview");

  /* Alt+2 from inside the case shows the directory. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (editor)));
  g_assert_true (press_keys (focus, GDK_KEY_2, GDK_ALT_MASK));
  g_assert_cmpstr (lanka_window_get_visible_part (window), ==, "directory");
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "overview");

  lanka_test_close_window (GTK_WINDOW (window));
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
                    ==, 11);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 9);
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

/* Every section of filled cases fits a phone: at 360 px, the width the
 * window keeps as its least, no section asks for more, so nothing is cut
 * off at the right and the window does not grow past the screen.  Measured
 * in GNOME's own font, as people see it.
 */
static void
test_sections_fit_phone (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char * const names[] = {
    "overview", "people", "exploitation", "protection", "legal", "plan", "journal", "closure",
    "child",
  };
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(LankaCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *font = NULL;
  LankaCaseEditor *editor;
  GtkWindow *window;
  guint n_checked = 0;

  g_object_get (settings, "gtk-font-name", &font, NULL);
  g_object_set (settings, "gtk-font-name", "Cantarell 11", NULL);

  lanka_case_sample_generate (fixture->database, 40, 3, 2026, NULL, &error);
  g_assert_no_error (error);
  list = lanka_case_list_new (fixture->database);
  lanka_case_list_reload (list, &error);
  g_assert_no_error (error);

  editor = new_editor (fixture->database, 360, &window);

  /* Child cases show every section, the Child section too. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && n_checked < 3; i++)
    {
      g_autoptr(LankaCaseSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (!lanka_case_summary_get_child (summary))
        continue;

      g_assert_true (lanka_case_editor_open (editor, lanka_case_summary_get_uuid (summary),
                                             &error));
      g_assert_no_error (error);
      n_checked++;

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          int minimum;

          lanka_case_editor_show_section (editor, names[j]);
          g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, names[j]);
          lanka_test_iterate_a_while ();

          gtk_widget_measure (GTK_WIDGET (editor), GTK_ORIENTATION_HORIZONTAL, -1,
                              &minimum, NULL, NULL, NULL);
          if (minimum > 360)
            g_error ("The %s section of %s needs %d px", names[j],
                     lanka_case_summary_get_uuid (summary), minimum);
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
        }
    }
  g_assert_cmpuint (n_checked, ==, 3);

  close_editor (editor, window);
  g_object_set (settings, "gtk-font-name", font, NULL);
}

/* Opening a filled case builds only the section shown; the others are
 * made and built when they are first shown.  Prints how long opening
 * took.
 */
static void
test_open_builds_shown_section (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(LankaCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  LankaCaseEditor *editor;
  GtkWindow *window;
  GtkWidget *people;
  guint n;

  lanka_case_sample_generate (fixture->database, 12, 10, LANKA_CASE_SAMPLE_SEED, NULL, &error);
  g_assert_no_error (error);
  list = lanka_case_list_new (fixture->database);
  lanka_case_list_reload (list, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 12);

  editor = new_editor (fixture->database, 1000, &window);
  lanka_test_iterate_a_while ();

  /* Before a case is open, no section is made at all. */
  g_assert_null (lanka_test_find_child (GTK_WIDGET (editor), LANKA_TYPE_CASE_OVERVIEW));
  g_assert_null (lanka_test_find_child (GTK_WIDGET (editor), LANKA_TYPE_CASE_PEOPLE));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaCaseSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *uuid = lanka_case_summary_get_uuid (summary);
      g_autoptr(LankaCase) loaded = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      /* The store's part of opening, for comparison. */
      loaded = lanka_cases_load (fixture->database, uuid, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (loads, ms);

      start = g_get_monotonic_time ();
      g_assert_true (lanka_case_editor_open (editor, uuid, &error));
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
      lanka_test_iterate_a_while ();

      /* Every other case, the People section is looked at: it has the
       * victim only once it is shown.
       */
      if (i % 2 == 0)
        {
          const char *alias = lanka_record_get (lanka_case_get_victim (loaded), "alias");

          g_assert_nonnull (alias);
          g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "overview");
          people = lanka_test_find_child (GTK_WIDGET (editor), LANKA_TYPE_CASE_PEOPLE);
          g_assert_true (people == NULL ||
                         lanka_test_find_row (people, ADW_TYPE_PREFERENCES_ROW, alias) == NULL);
          lanka_case_editor_show_section (editor, "people");
          people = find_section (editor, LANKA_TYPE_CASE_PEOPLE);
          g_assert_nonnull (lanka_test_find_row (people, ADW_TYPE_PREFERENCES_ROW, alias));
          lanka_case_editor_show_section (editor, "overview");
        }
    }

  g_array_sort (samples, (GCompareFunc) compare_doubles);
  g_array_sort (loads, (GCompareFunc) compare_doubles);
  g_test_message ("Opening a case: median %.1f ms, slowest %.1f ms, of which reading it "
                  "from the database: median %.1f ms",
                  g_array_index (samples, double, samples->len / 2),
                  g_array_index (samples, double, samples->len - 1),
                  g_array_index (loads, double, loads->len / 2));

  close_editor (editor, window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

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
  g_test_add ("/case-editor/sections-fit-phone", Fixture, NULL,
              fixture_set_up, test_sections_fit_phone, fixture_tear_down);
  g_test_add_func ("/case-editor/section-shortcuts", test_section_shortcuts);
  g_test_add ("/case-editor/save-button", Fixture, NULL,
              fixture_set_up, test_save_button, fixture_tear_down);
  g_test_add ("/case-editor/open-builds-shown-section", Fixture, NULL,
              fixture_set_up, test_open_builds_shown_section, fixture_tear_down);

  ret = g_test_run ();

  if (shared_app != NULL)
    {
      lanka_application_lock (shared_app);
      g_clear_object (&shared_app);
      lanka_test_remove_tree (shared_app_dir);
      g_clear_pointer (&shared_app_dir, g_free);
    }

  return ret;
}
