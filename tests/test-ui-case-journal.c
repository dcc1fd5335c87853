/* test-ui-case-journal.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-audit.h"
#include "lanka-case-history-dialog.h"
#include "lanka-case-journal.h"
#include "lanka-case-print.h"
#include "lanka-cases.h"
#include "lanka-draft.h"
#include "lanka-journal.h"
#include "lanka-key.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"

/* Every person and case below is made up for the tests. */
#define ALIAS      "Sample Lark"
#define LEGAL_NAME "Testa Påhittadsdotter"

typedef struct
{
  char          *dir;
  char          *path;
  LankaKey      *key;
  LankaDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->key = lanka_key_new_random ();
  fixture->dir = lanka_test_make_data_dir ();
  fixture->path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->database = lanka_database_create (fixture->path, fixture->key, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->key, lanka_key_free);
}

/* A saved case with a victim, as it comes back from the store. */
static LankaCase *
create_case (LankaDatabase *database)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(LankaCase) loaded = NULL;
  g_autoptr(GError) error = NULL;

  lanka_record_set (lanka_case_get_victim (kase), "alias", ALIAS);
  lanka_record_set (lanka_case_get_victim (kase), "legal_name", LEGAL_NAME);
  lanka_cases_save (database, kase, &error);
  g_assert_no_error (error);

  loaded = lanka_cases_load (database, lanka_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_false (lanka_case_is_new (loaded));

  return g_steal_pointer (&loaded);
}

static LankaCaseJournal *
create_journal (LankaDatabase *database,
                LankaCase     *kase)
{
  return g_object_new (LANKA_TYPE_CASE_JOURNAL,
                       "database", database,
                       "case", kase,
                       NULL);
}

static GtkTextBuffer *
get_composer_buffer (LankaCaseJournal *journal)
{
  GtkWidget *text_view = lanka_test_find_by_id (GTK_WIDGET (journal), "text_view");

  g_assert_nonnull (text_view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
}

static char *
dup_composer_text (LankaCaseJournal *journal)
{
  GtkTextBuffer *buffer = get_composer_buffer (journal);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_composer_text (LankaCaseJournal *journal,
                      const char       *expected)
{
  g_autofree char *text = dup_composer_text (journal);

  g_assert_cmpstr (text, ==, expected);
}

/* Presses a button as a click does, at once. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Types @text in the composer and presses Add Entry (or Save Entry). */
static void
write_entry (LankaCaseJournal *journal,
             const char       *text)
{
  GtkWidget *add_button = lanka_test_find_by_id (GTK_WIDGET (journal), "add_button");

  gtk_text_buffer_set_text (get_composer_buffer (journal), text, -1);
  lanka_test_iterate_a_while ();
  g_assert_true (gtk_widget_get_sensitive (add_button));
  click (add_button);
  lanka_test_iterate_a_while ();
}

/* The row of the timeline that shows @text. */
static GtkWidget *
find_entry_row (LankaCaseJournal *journal,
                const char       *text)
{
  GtkWidget *label = lanka_test_find_label (GTK_WIDGET (journal), text);

  if (label == NULL)
    return NULL;

  return gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
}

static GtkWidget *
find_button_starting (GtkWidget  *root,
                      const char *prefix)
{
  g_autoptr(GPtrArray) buttons = lanka_test_collect_widgets (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (label != NULL && g_str_has_prefix (label, prefix))
        return g_ptr_array_index (buttons, i);
    }

  return NULL;
}

/* The words of a translated format before its first conversion. */
static char *
dup_prefix (const char *format)
{
  const char *end = strchr (format, '%');

  return g_strndup (format, end != NULL ? (gsize) (end - format) : strlen (format));
}

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

static gboolean
has_label_containing (GtkWidget  *root,
                      const char *text)
{
  g_autoptr(GPtrArray) labels = lanka_test_collect_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), text) != NULL)
      return TRUE;

  return FALSE;
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
  /* As the dialog's button does: answer, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_message_dialog, NULL);
  lanka_test_iterate_a_while ();
}

static LankaJournalEntry *
find_stored_entry (LankaDatabase *database,
                   LankaCase     *kase,
                   const char    *text)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = lanka_journal_list (database, lanka_case_get_uuid (kase), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (lanka_journal_entry_get_text (entry), text) == 0)
        return g_steal_pointer (&entry);
    }

  return NULL;
}

static guint
count_audit (LankaDatabase *database,
             const char    *action)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = lanka_audit_list (database, action, 1000, &error);
  g_assert_no_error (error);

  return rows->len;
}

static void
close_journal (GtkWindow        *window,
               LankaCaseJournal *journal)
{
  g_object_ref (journal);
  lanka_test_close_window (window);
  g_assert_finalize_object (journal);
}

/* A case that is not saved has no journal yet: the section says so. */
static void
test_new_case (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(LankaCase) saved = NULL;
  LankaCaseJournal *journal = create_journal (fixture->database, kase);
  GtkWindow *window = lanka_test_show_in_window (GTK_WIDGET (journal), 600, 700);
  AdwStatusPage *page = lanka_test_visible_status_page (GTK_WIDGET (journal));

  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("Save the Case First"));
  g_assert_false (gtk_widget_get_mapped (lanka_test_find_by_id (GTK_WIDGET (journal),
                                                                "text_view")));

  /* Once saved, it has a journal to write in, with at most the case's
   * own events.
   */
  saved = create_case (fixture->database);
  lanka_case_journal_set_case (journal, saved);
  lanka_test_iterate_a_while ();
  page = lanka_test_visible_status_page (GTK_WIDGET (journal));
  g_assert_true (page == NULL ||
                 g_strcmp0 (adw_status_page_get_title (page), _("No Journal Entries")) == 0);
  g_assert_null (lanka_test_find_label (GTK_WIDGET (journal), _("Save the Case First")));
  g_assert_true (gtk_widget_get_mapped (lanka_test_find_by_id (GTK_WIDGET (journal),
                                                               "text_view")));

  close_journal (window, journal);
}

/* Write, change, sign and correct an entry, as the journal is kept. */
static void
test_entries (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = create_case (fixture->database);
  g_autoptr(LankaJournalEntry) signed_entry = NULL;
  g_autoptr(LankaJournalEntry) correction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_prefix = NULL;
  g_autofree char *status_event = NULL;
  g_autofree char *prefix = NULL;
  LankaCaseJournal *journal;
  GtkWindow *window;
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *mode_label;

  /* A status change the store writes as an event of the case. */
  lanka_record_set (lanka_case_get_record (kase), "status", "active");
  lanka_cases_save (fixture->database, kase, &error);
  g_assert_no_error (error);

  journal = create_journal (fixture->database, kase);
  window = lanka_test_show_in_window (GTK_WIDGET (journal), 600, 800);

  status_event = g_strdup_printf (_("Status changed from %s to %s"),
                                  lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "intake"),
                                  lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "active"));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (journal), status_event));

  /* Entries only: the events go. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (lanka_test_find_by_id (GTK_WIDGET (journal),
                                                                       "events_check")),
                               FALSE);
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_test_find_label (GTK_WIDGET (journal), status_event));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (lanka_test_find_by_id (GTK_WIDGET (journal),
                                                                       "events_check")),
                               TRUE);
  lanka_test_iterate_a_while ();

  /* Add: the entry shows with its author, and the composer is empty. */
  write_entry (journal, "Met at the office. Interpreter present.");
  row = find_entry_row (journal, "Met at the office. Interpreter present.");
  g_assert_nonnull (row);
  g_assert_nonnull (lanka_test_find_label (row, lanka_journal_get_author ()));
  g_assert_nonnull (lanka_test_find_label (row, lanka_vocabulary_get_label (LANKA_VOCABULARY_JOURNAL_TYPE,
                                                                            "meeting")));
  assert_composer_text (journal, "");

  /* Edit: the composer takes the text up; saving changes the entry. */
  button = lanka_test_find_button (row, _("Edit"));
  g_assert_nonnull (button);
  click (button);
  lanka_test_iterate_a_while ();
  assert_composer_text (journal, "Met at the office. Interpreter present.");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (lanka_test_find_by_id (GTK_WIDGET (journal),
                                                                           "add_button"))),
                   ==, _("_Save Entry"));
  write_entry (journal, "Met at the office. Interpreter present by phone.");
  g_assert_null (find_entry_row (journal, "Met at the office. Interpreter present."));
  row = find_entry_row (journal, "Met at the office. Interpreter present by phone.");
  g_assert_nonnull (row);

  /* Sign, after the question: no more Edit, a mark who signed it. */
  confirm (lanka_test_find_button (row, _("Sign…")), "sign");
  row = find_entry_row (journal, "Met at the office. Interpreter present by phone.");
  g_assert_nonnull (row);
  g_assert_null (lanka_test_find_button (row, _("Edit")));
  g_assert_null (lanka_test_find_button (row, _("Delete…")));
  g_assert_nonnull (lanka_test_find_button (row, _("Correct…")));
  signed_prefix = g_strdup_printf (_("Signed by %s on %s"), lanka_journal_get_author (), "");
  g_assert_true (has_label_starting (row, signed_prefix));

  /* The store refuses to change it. */
  signed_entry = find_stored_entry (fixture->database, kase,
                                    "Met at the office. Interpreter present by phone.");
  g_assert_nonnull (signed_entry);
  g_assert_cmpint (lanka_journal_entry_get_signed (signed_entry), >, 0);
  g_assert_false (lanka_journal_update (fixture->database, lanka_journal_entry_get_uuid (signed_entry),
                                        "meeting", g_get_real_time (), "Changed", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (lanka_journal_delete (fixture->database,
                                        lanka_journal_entry_get_uuid (signed_entry), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Correct: the composer says what it corrects; the correction points
   * at the signed entry, which points back.
   */
  click (lanka_test_find_button (row, _("Correct…")));
  lanka_test_iterate_a_while ();
  mode_label = lanka_test_find_by_id (GTK_WIDGET (journal), "mode_label");
  g_assert_true (gtk_widget_get_mapped (mode_label));
  prefix = dup_prefix (_("Correction of the entry of %s"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (mode_label)), prefix));
  g_clear_pointer (&prefix, g_free);
  write_entry (journal, "Correction: the interpreter was present in person.");

  correction = find_stored_entry (fixture->database, kase,
                                  "Correction: the interpreter was present in person.");
  g_assert_nonnull (correction);
  g_assert_cmpstr (lanka_journal_entry_get_corrects (correction),
                   ==, lanka_journal_entry_get_uuid (signed_entry));

  row = find_entry_row (journal, "Correction: the interpreter was present in person.");
  g_assert_nonnull (row);
  prefix = dup_prefix (_("Corrects the entry of %s"));
  button = find_button_starting (row, prefix);
  g_clear_pointer (&prefix, g_free);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)),
                   ==, "journal.show-entry");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)),
                                         NULL),
                   ==, lanka_journal_entry_get_uuid (signed_entry));
  row = find_entry_row (journal, "Met at the office. Interpreter present by phone.");
  prefix = dup_prefix (_("Corrected on %s"));
  button = find_button_starting (row, prefix);
  g_clear_pointer (&prefix, g_free);
  g_assert_nonnull (button);
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)),
                                         NULL),
                   ==, lanka_journal_entry_get_uuid (correction));
  click (button);
  lanka_test_iterate_a_while ();
  g_assert_true (gtk_widget_has_focus (find_entry_row (journal,
                                                       "Correction: the interpreter was present in person.")));

  /* Delete an unsigned entry, after the question. */
  write_entry (journal, "Written by mistake.");
  row = find_entry_row (journal, "Written by mistake.");
  g_assert_nonnull (row);
  confirm (lanka_test_find_button (row, _("Delete…")), "cancel");
  g_assert_nonnull (find_entry_row (journal, "Written by mistake."));
  confirm (lanka_test_find_button (find_entry_row (journal, "Written by mistake."), _("Delete…")),
           "delete");
  g_assert_null (find_entry_row (journal, "Written by mistake."));
  g_assert_null (find_stored_entry (fixture->database, kase, "Written by mistake."));

  /* Search within the journal. */
  gtk_editable_set_text (GTK_EDITABLE (lanka_test_find_by_id (GTK_WIDGET (journal), "search_entry")),
                         "in person");
  lanka_test_iterate_for (0.5);
  g_assert_nonnull (find_entry_row (journal, "Correction: the interpreter was present in person."));
  g_assert_null (find_entry_row (journal, "Met at the office. Interpreter present by phone."));

  close_journal (window, journal);
}

/* Long texts and right-to-left text show whole. */
static void
test_long_text (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = create_case (fixture->database);
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *rtl_text = "التقينا في المكتب مع مترجم";
  LankaCaseJournal *journal = create_journal (fixture->database, kase);
  GtkWindow *window = lanka_test_show_in_window (GTK_WIDGET (journal), 360, 700);
  GtkWidget *label;

  for (guint i = 0; i < 200; i++)
    g_string_append (long_text, "A long account of the meeting, sentence after sentence. ");
  g_string_truncate (long_text, long_text->len - 1);

  write_entry (journal, long_text->str);
  write_entry (journal, rtl_text);

  label = lanka_test_find_label (GTK_WIDGET (journal), long_text->str);
  g_assert_nonnull (label);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  g_assert_cmpint (gtk_widget_get_width (label), <=, 360);
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (journal), rtl_text));

  close_journal (window, journal);
}

/* Länka as it runs, for what locking does. */
static LankaApplication *
start_application (Fixture *fixture)
{
  LankaApplication *app;

  g_setenv ("LANKA_DATA_DIR", fixture->dir, TRUE);
  app = lanka_application_new ();
  g_assert_true (g_application_get_default () == G_APPLICATION (app));
  lanka_application_set_database (app, fixture->database);

  return app;
}

/* Locking keeps what was typed and not added; it is there after. */
static void
test_draft_survives_lock (Fixture       *fixture,
                          gconstpointer  user_data)
{
  LankaApplication *app = start_application (fixture);
  g_autoptr(LankaCase) kase = create_case (fixture->database);
  g_autoptr(LankaCase) reopened = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (lanka_case_get_uuid (kase));
  LankaCaseJournal *journal = create_journal (fixture->database, kase);
  GtkWindow *window = lanka_test_show_in_window (GTK_WIDGET (journal), 600, 700);

  /* Two seconds after typing stops, the text is kept. */
  gtk_text_buffer_set_text (get_composer_buffer (journal), "Half a sentence", -1);
  lanka_test_iterate_for (0.5);
  draft = lanka_draft_load (fixture->database, "journal", uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (draft);
  lanka_test_iterate_for (2.0);
  draft = lanka_draft_load (fixture->database, "journal", uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);

  /* Typing on, then locking at once: the lock keeps the rest. */
  gtk_text_buffer_set_text (get_composer_buffer (journal), "Half a sentence, and the rest", -1);
  lanka_application_lock (app);
  g_assert_false (lanka_database_is_open (fixture->database));
  assert_composer_text (journal, "");
  g_clear_object (&kase);
  g_clear_object (&fixture->database);

  fixture->database = lanka_database_open (fixture->path, fixture->key, &error);
  g_assert_no_error (error);
  lanka_application_set_database (app, fixture->database);
  reopened = lanka_cases_load (fixture->database, uuid, &error);
  g_assert_no_error (error);

  lanka_case_journal_set_database (journal, fixture->database);
  lanka_case_journal_set_case (journal, reopened);
  lanka_test_iterate_a_while ();
  assert_composer_text (journal, "Half a sentence, and the rest");

  /* Added, the text needs no draft any more. */
  write_entry (journal, "Half a sentence, and the rest");
  g_assert_nonnull (find_entry_row (journal, "Half a sentence, and the rest"));
  g_clear_pointer (&draft, g_bytes_unref);
  draft = lanka_draft_load (fixture->database, "journal", uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (draft);

  close_journal (window, journal);
  g_assert_finalize_object (app);
}

static GtkWidget *
find_label_in (gpointer    window,
               const char *text)
{
  return lanka_test_find_label (GTK_WIDGET (window), text);
}

/* The history lists each changed field, old → new, by its label. */
static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = create_case (fixture->database);
  g_autoptr(LankaCase) fresh = lanka_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *status_change = NULL;
  g_autofree char *status_heading = NULL;
  g_autofree char *gender_heading = NULL;
  g_autofree char *gender_change = NULL;
  g_autofree char *name_hidden = NULL;
  g_autofree char *name_shown = NULL;
  g_autofree char *person = NULL;
  LankaCaseHistoryDialog *dialog;
  AdwStatusPage *page;

  /* A case not saved yet has no history. */
  dialog = g_object_ref (lanka_case_history_dialog_new (NULL, fixture->database, fresh, FALSE));
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  page = lanka_test_visible_status_page (GTK_WIDGET (dialog));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("No Changes Yet"));
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_a_while ();
  g_assert_finalize_object (dialog);

  lanka_record_set (lanka_case_get_record (kase), "status", "active");
  lanka_record_set (lanka_case_get_victim (kase), "gender", "Feminine");
  lanka_record_set (lanka_case_get_victim (kase), "legal_name", "Testa Ändradsdotter");
  lanka_cases_save (fixture->database, kase, &error);
  g_assert_no_error (error);

  status_heading = g_strdup_printf (_("%s · %s"), _("Overview"),
                                    lanka_case_print_get_field_label ("case", "status"));
  status_change = g_strdup_printf (C_("history", "%s → %s"),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "intake"),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "active"));
  person = g_strdup_printf (_("Person «%s»"), ALIAS);
  gender_heading = g_strdup_printf (_("%s · %s"), person,
                                    lanka_case_print_get_field_label ("person", "gender"));
  gender_change = g_strdup_printf (C_("history", "%s → %s"), C_("history", "—"),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_GENDER, "Feminine"));
  name_hidden = g_strdup_printf (C_("history", "%s → %s"), C_("case value", "Hidden"),
                                 C_("case value", "Hidden"));
  name_shown = g_strdup_printf (C_("history", "%s → %s"), LEGAL_NAME, "Testa Ändradsdotter");

  /* Names hidden. */
  dialog = g_object_ref (lanka_case_history_dialog_new (NULL, fixture->database, kase, FALSE));
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  g_assert_nonnull (find_label_in (dialog, status_heading));
  g_assert_nonnull (find_label_in (dialog, status_change));
  g_assert_nonnull (find_label_in (dialog, gender_heading));
  g_assert_nonnull (find_label_in (dialog, gender_change));
  g_assert_nonnull (find_label_in (dialog, name_hidden));
  g_assert_false (has_label_containing (GTK_WIDGET (dialog), LEGAL_NAME));
  g_assert_false (has_label_containing (GTK_WIDGET (dialog), "Ändradsdotter"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  lanka_test_iterate_a_while ();
  g_assert_finalize_object (dialog);

  /* Names shown. */
  dialog = g_object_ref (lanka_case_history_dialog_new (NULL, fixture->database, kase, TRUE));
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  g_assert_nonnull (find_label_in (dialog, name_shown));
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_a_while ();
  g_assert_finalize_object (dialog);
}

/* The printed summary hides the legal name unless names are shown; only
 * printing is audited.
 */
static void
test_print (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LankaCase) kase = create_case (fixture->database);
  g_autoptr(LankaJournalEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "case.pdf", NULL);
  g_autofree char *contents = NULL;
  guint printed = count_audit (fixture->database, LANKA_AUDIT_CASE_PRINT);
  gsize length = 0;

  entry = lanka_journal_add (fixture->database, lanka_case_get_uuid (kase), "phone",
                             g_get_real_time (), "Called about the reflection period.", NULL,
                             &error);
  g_assert_no_error (error);

  hidden = lanka_case_print_dup_summary (fixture->database, kase, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (hidden, lanka_case_get_number (kase)));
  g_assert_nonnull (strstr (hidden, ALIAS));
  g_assert_nonnull (strstr (hidden, "Called about the reflection period."));
  g_assert_null (strstr (hidden, LEGAL_NAME));

  shown = lanka_case_print_dup_summary (fixture->database, kase, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (shown, LEGAL_NAME));

  /* Writing the text is not printing. */
  g_assert_cmpuint (count_audit (fixture->database, LANKA_AUDIT_CASE_PRINT), ==, printed);

  /* Sending the job (here to a PDF, as Print to File does) is. */
  g_assert_true (_lanka_case_print_run (NULL, fixture->database, kase, FALSE,
                                        GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (fixture->database, LANKA_AUDIT_CASE_PRINT), ==, printed + 1);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

  g_test_add ("/ui/case-journal/new-case", Fixture, NULL,
              fixture_set_up, test_new_case, fixture_tear_down);
  g_test_add ("/ui/case-journal/entries", Fixture, NULL,
              fixture_set_up, test_entries, fixture_tear_down);
  g_test_add ("/ui/case-journal/long-text", Fixture, NULL,
              fixture_set_up, test_long_text, fixture_tear_down);
  g_test_add ("/ui/case-journal/history", Fixture, NULL,
              fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/ui/case-journal/print", Fixture, NULL,
              fixture_set_up, test_print, fixture_tear_down);
  g_test_add ("/ui/case-journal/draft-survives-lock", Fixture, NULL,
              fixture_set_up, test_draft_survives_lock, fixture_tear_down);

  return g_test_run ();
}
