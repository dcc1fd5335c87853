/* test-ui-cases.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-application.h"
#include "lanka-audit.h"
#include "lanka-case-editor.h"
#include "lanka-case-list.h"
#include "lanka-case-row.h"
#include "lanka-case-sample.h"
#include "lanka-cases-view.h"
#include "lanka-cases.h"
#include "lanka-new-case-dialog.h"
#include "lanka-test-ui.h"
#include "lanka-window-private.h"

/* The Cases part as a person meets it: in the window, over the database
 * the application opened, first empty, then with generated cases.
 */

#define N_SAMPLE_CASES 60

static LankaApplication *app;

static LankaWindow *
open_window (int width)
{
  LankaWindow *window;

  lanka_test_ensure_unlocked (app);

  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  lanka_test_iterate_until (lanka_test_is_mapped, window);
  lanka_window_set_visible_part (window, "cases");
  lanka_test_iterate_a_while ();

  return window;
}

static void
close_window (LankaWindow *window)
{
  lanka_test_close_window (GTK_WINDOW (window));
}

static LankaDatabase *
get_database (void)
{
  return lanka_application_get_database (app);
}

static GListModel *
get_list (LankaCasesView *view)
{
  GtkGridView *list_view = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_grid_view_get_model (list_view);

  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

static guint
n_listed (LankaCasesView *view)
{
  GListModel *list = get_list (view);

  return list != NULL ? g_list_model_get_n_items (list) : 0;
}

static LankaCaseSummary *
get_item (LankaCasesView *view,
          guint           position)
{
  return g_list_model_get_item (get_list (view), position);
}

static const char *
visible_list_page (LankaCasesView *view)
{
  GtkWidget *stack = lanka_test_find_by_id (GTK_WIDGET (view), "list_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static guint
count_audit (const char *action)
{
  g_autoptr(GPtrArray) entries = lanka_audit_list (get_database (), action, 10000, NULL);

  g_assert_nonnull (entries);

  return entries->len;
}

/* The rows the list shows now, in order. */
static GPtrArray *
collect_rows (LankaCasesView *view)
{
  GtkWidget *list_view = lanka_test_find_by_id (GTK_WIDGET (view), "list_view");

  lanka_test_iterate_a_while ();

  return lanka_test_collect_widgets (list_view, LANKA_TYPE_CASE_ROW);
}

static LankaCaseRow *
find_row_for (LankaCasesView   *view,
              LankaCaseSummary *summary)
{
  g_autoptr(GPtrArray) rows = collect_rows (view);

  for (guint i = 0; i < rows->len; i++)
    {
      LankaCaseSummary *shown = lanka_case_row_get_summary (rows->pdata[i]);

      if (shown != NULL &&
          g_strcmp0 (lanka_case_summary_get_uuid (shown), lanka_case_summary_get_uuid (summary)) == 0)
        return rows->pdata[i];
    }

  return NULL;
}

/* Whether a label of @row shows @text, alone or among other words. */
static gboolean
row_shows (LankaCaseRow *row,
           const char   *text)
{
  g_autoptr(GPtrArray) labels = lanka_test_collect_widgets (GTK_WIDGET (row), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i]) &&
        strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL)
      return TRUE;

  return FALSE;
}

/* A new database has no cases: the list says so and offers to make one. */
static void
test_empty (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  AdwStatusPage *status;
  GtkWidget *button;

  g_assert_true (lanka_cases_view_get_database (view) == get_database ());
  g_assert_cmpuint (n_listed (view), ==, 0);
  g_assert_cmpstr (visible_list_page (view), ==, "empty");

  status = lanka_test_visible_status_page (lanka_test_find_by_id (GTK_WIDGET (view), "list_stack"));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, _("No Cases Yet"));
  button = lanka_test_find_button (GTK_WIDGET (status), _("_New Case"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (lanka_test_find_by_id (GTK_WIDGET (view), "count_label")));

  /* Nothing open, nothing to print or delete. */
  g_assert_null (lanka_cases_view_get_shown_uuid (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.delete", NULL);
  lanka_test_iterate_a_while ();
  g_assert_null (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  close_window (window);
}

/* Generated cases come into the list after the next unlock, newest number
 * first, each row with its number and alias.
 */
static void
test_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autoptr(LankaCaseSummary) first = NULL;
  g_autoptr(LankaCaseSummary) second = NULL;
  LankaWindow *window;
  LankaCasesView *view;
  LankaCaseRow *row;
  GtkWidget *label;

  lanka_test_ensure_unlocked (app);
  lanka_case_sample_generate (get_database (), N_SAMPLE_CASES, 2, 42, NULL, &error);
  g_assert_no_error (error);
  lanka_application_lock (app);

  window = open_window (1000);
  view = window->cases_view;

  g_assert_cmpuint (n_listed (view), ==, N_SAMPLE_CASES);
  g_assert_cmpstr (visible_list_page (view), ==, "list");

  label = lanka_test_find_by_id (GTK_WIDGET (view), "count_label");
  count = g_strdup_printf (ngettext ("%u case", "%u cases", N_SAMPLE_CASES), N_SAMPLE_CASES);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, count);
  g_assert_true (gtk_widget_get_visible (label));

  first = get_item (view, 0);
  second = get_item (view, 1);
  g_assert_cmpstr (lanka_case_summary_get_number (first), >, lanka_case_summary_get_number (second));

  row = find_row_for (view, first);
  g_assert_nonnull (row);
  g_assert_true (row_shows (row, lanka_case_summary_get_number (first)));
  g_assert_true (row_shows (row, lanka_case_summary_get_alias (first)));
  g_assert_true (g_str_has_prefix (lanka_case_summary_get_alias (first), "Sample "));

  close_window (window);
}

static void
test_search (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  g_autoptr(LankaCaseSummary) first = get_item (view, 0);
  g_autofree char *number = g_strdup (lanka_case_summary_get_number (first));
  g_autoptr(LankaCaseSummary) found = NULL;

  /* A case number finds its case. */
  lanka_cases_view_set_search_text (view, number);
  g_assert_cmpuint (n_listed (view), >=, 1);
  g_assert_cmpuint (n_listed (view), <, N_SAMPLE_CASES);
  found = get_item (view, 0);
  g_assert_cmpstr (lanka_case_summary_get_number (found), ==, number);

  /* Nothing found says so, instead of an empty list. */
  lanka_cases_view_set_search_text (view, "qxzqxz");
  g_assert_cmpuint (n_listed (view), ==, 0);
  g_assert_cmpstr (visible_list_page (view), ==, "no-results");

  lanka_cases_view_set_search_text (view, "");
  g_assert_cmpuint (n_listed (view), ==, N_SAMPLE_CASES);
  g_assert_cmpstr (visible_list_page (view), ==, "list");

  close_window (window);
}

static void
test_filter (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  GtkDropDown *status_dropdown = GTK_DROP_DOWN (lanka_test_find_by_id (GTK_WIDGET (view), "status_dropdown"));
  GtkCheckButton *child_check = GTK_CHECK_BUTTON (lanka_test_find_by_id (GTK_WIDGET (view), "child_check"));
  GtkRevealer *filter_revealer = GTK_REVEALER (lanka_test_find_by_id (GTK_WIDGET (view), "filter_revealer"));
  guint n_closed;
  guint n_child;

  g_assert_false (gtk_revealer_get_reveal_child (filter_revealer));

  /* Position 2 is the first status, after "any" and "open". */
  for (guint i = 2; i < g_list_model_get_n_items (gtk_drop_down_get_model (status_dropdown)); i++)
    {
      GtkStringObject *item = g_list_model_get_item (gtk_drop_down_get_model (status_dropdown), i);

      if (g_strcmp0 (gtk_string_object_get_string (item), C_("case status", "Closed")) == 0)
        gtk_drop_down_set_selected (status_dropdown, i);
      g_object_unref (item);
    }
  n_closed = n_listed (view);
  g_assert_cmpuint (n_closed, >=, 1);
  g_assert_cmpuint (n_closed, <, N_SAMPLE_CASES);
  for (guint i = 0; i < n_closed; i++)
    {
      g_autoptr(LankaCaseSummary) item = get_item (view, i);

      g_assert_cmpstr (lanka_case_summary_get_status (item), ==, "closed");
    }
  g_assert_true (gtk_revealer_get_reveal_child (filter_revealer));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.clear-filters", NULL));
  g_assert_cmpuint (n_listed (view), ==, N_SAMPLE_CASES);
  g_assert_false (gtk_revealer_get_reveal_child (filter_revealer));

  gtk_check_button_set_active (child_check, TRUE);
  n_child = n_listed (view);
  g_assert_cmpuint (n_child, <, N_SAMPLE_CASES);
  for (guint i = 0; i < n_child; i++)
    {
      g_autoptr(LankaCaseSummary) item = get_item (view, i);

      g_assert_true (lanka_case_summary_get_child (item));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.clear-filters", NULL));
  g_assert_cmpuint (n_listed (view), ==, N_SAMPLE_CASES);

  close_window (window);
}

static void
test_sort (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  g_autoptr(LankaCaseSummary) by_number = get_item (view, 0);
  g_autoptr(LankaCaseSummary) first = NULL;
  g_autoptr(LankaCaseSummary) second = NULL;

  g_assert_cmpstr (lanka_cases_view_get_sort (view), ==, "number");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.sort", "s", "alias"));
  g_assert_cmpstr (lanka_cases_view_get_sort (view), ==, "alias");
  first = get_item (view, 0);
  second = get_item (view, 1);
  g_assert_cmpstr (lanka_case_summary_get_uuid (first), !=, lanka_case_summary_get_uuid (by_number));
  g_assert_cmpint (g_utf8_collate (lanka_case_summary_get_alias (first),
                                   lanka_case_summary_get_alias (second)), <=, 0);

  /* The row on top shows it. */
  g_assert_nonnull (find_row_for (view, first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.sort", "s", "number"));
  g_clear_object (&first);
  first = get_item (view, 0);
  g_assert_cmpstr (lanka_case_summary_get_uuid (first), ==, lanka_case_summary_get_uuid (by_number));

  close_window (window);
}

/* Legal names appear only when asked for, which the audit log records,
 * and a lock hides them again.
 */
static void
test_show_names (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  g_autoptr(LankaCaseSummary) hidden = get_item (view, 0);
  g_autoptr(LankaCaseSummary) shown = NULL;
  g_autoptr(LankaCaseSummary) hidden_again = NULL;
  guint n_reveals = count_audit (LANKA_AUDIT_NAMES_REVEAL);
  LankaCaseRow *row;

  g_assert_false (lanka_cases_view_get_show_names (view));
  g_assert_null (lanka_case_summary_get_legal_name (hidden));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.show-names", NULL));
  g_assert_true (lanka_cases_view_get_show_names (view));
  g_assert_cmpuint (count_audit (LANKA_AUDIT_NAMES_REVEAL), ==, n_reveals + 1);

  shown = get_item (view, 0);
  g_assert_nonnull (lanka_case_summary_get_legal_name (shown));
  g_assert_true (g_str_has_prefix (lanka_case_summary_get_legal_name (shown), "Fictional Person"));
  row = find_row_for (view, shown);
  g_assert_nonnull (row);
  g_assert_true (row_shows (row, lanka_case_summary_get_legal_name (shown)));

  /* Hiding them again is not audited; showing them is, every time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.show-names", NULL));
  g_assert_false (lanka_cases_view_get_show_names (view));
  g_assert_cmpuint (count_audit (LANKA_AUDIT_NAMES_REVEAL), ==, n_reveals + 1);
  lanka_cases_view_set_show_names (view, TRUE);
  g_assert_cmpuint (count_audit (LANKA_AUDIT_NAMES_REVEAL), ==, n_reveals + 2);

  lanka_application_lock (app);
  g_assert_false (lanka_cases_view_get_show_names (view));
  g_assert_cmpuint (n_listed (view), ==, 0);

  lanka_test_ensure_unlocked (app);
  g_assert_false (lanka_cases_view_get_show_names (view));
  hidden_again = get_item (view, 0);
  g_assert_null (lanka_case_summary_get_legal_name (hidden_again));
  row = find_row_for (view, hidden_again);
  g_assert_nonnull (row);
  g_assert_false (row_shows (row, lanka_case_summary_get_legal_name (shown)));

  close_window (window);
}

static LankaNewCaseDialog *
open_new_case_dialog (LankaCasesView *view)
{
  LankaNewCaseDialog *dialog;

  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_NEW_CASE_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.new", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_NEW_CASE_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  return dialog;
}

static gboolean
has_duplicates (gpointer data)
{
  return lanka_new_case_dialog_get_n_duplicates (data) > 0;
}

static gboolean
has_no_duplicates (gpointer data)
{
  return lanka_new_case_dialog_get_n_duplicates (data) == 0;
}

/* New Case shows the cases that may be about the same person, and a new
 * case, once created, is in the list and open.
 */
static void
test_new_case (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  g_autoptr(LankaCaseSummary) existing = get_item (view, 0);
  g_autoptr(LankaCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *same_alias = NULL;
  GtkWidget *duplicate;
  const char *subtitle;
  g_autoptr(LankaCaseSummary) created = NULL;
  LankaNewCaseDialog *dialog;
  GtkWidget *alias;
  GtkWidget *birth_date;
  GtkWidget *number;
  GtkWidget *group;
  const char *existing_birth_date;

  stored = lanka_cases_load (get_database (), lanka_case_summary_get_uuid (existing), &error);
  g_assert_no_error (error);
  existing_birth_date = lanka_record_get (lanka_case_get_victim (stored), "birth_date");

  dialog = open_new_case_dialog (view);
  alias = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, _("_Alias"));
  birth_date = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, _("_Birth date (YYYY-MM-DD)"));
  number = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                _("_Personnummer or samordningsnummer"));
  group = lanka_test_find_group (GTK_WIDGET (dialog), _("Possible Duplicates"));
  g_assert_nonnull (alias);
  g_assert_nonnull (birth_date);
  g_assert_nonnull (number);
  g_assert_nonnull (group);
  g_assert_false (gtk_widget_get_visible (group));

  /* Without an alias there is nothing to create. */
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (dialog),
                                                                          "new-case.create")));

  /* The same alias, spelt another way. */
  upper = g_utf8_strup (lanka_case_summary_get_alias (existing), -1);
  gtk_editable_set_text (GTK_EDITABLE (alias), upper);
  lanka_test_iterate_until (has_duplicates, dialog);
  g_assert_true (gtk_widget_get_visible (group));
  title = g_strdup_printf (_("%s · %s"), lanka_case_summary_get_number (existing),
                           lanka_case_summary_get_alias (existing));
  duplicate = lanka_test_find_row (group, ADW_TYPE_ACTION_ROW, title);
  g_assert_nonnull (duplicate);
  /* What matched is said, as a sentence. */
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (duplicate));
  reasons = g_utf8_casefold (subtitle, -1);
  same_alias = g_utf8_casefold (_("same alias"), -1);
  g_assert_nonnull (strstr (reasons, same_alias));
  g_assert_true (g_unichar_isupper (g_utf8_get_char (subtitle)));

  /* The same birth date alone. */
  gtk_editable_set_text (GTK_EDITABLE (alias), "Test Nightingale");
  if (existing_birth_date != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (birth_date), existing_birth_date);
      lanka_test_iterate_until (has_duplicates, dialog);
      g_assert_nonnull (lanka_test_find_row (group, ADW_TYPE_ACTION_ROW, title));
      gtk_editable_set_text (GTK_EDITABLE (birth_date), "");
    }
  lanka_test_iterate_until (has_no_duplicates, dialog);
  g_assert_false (gtk_widget_get_visible (group));

  /* A wrong personnummer is marked and stops nothing but itself. */
  gtk_editable_set_text (GTK_EDITABLE (number), "19900101-0000");
  g_assert_true (gtk_widget_has_css_class (number, "error"));
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (dialog),
                                                                          "new-case.create")));
  /* A valid one fills in the birth date. */
  gtk_editable_set_text (GTK_EDITABLE (number), "19811218-9876");
  g_assert_false (gtk_widget_has_css_class (number, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth_date)), ==, "1981-12-18");
  g_assert_true (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (dialog),
                                                                         "new-case.create")));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-case.create", NULL));
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);

  g_assert_cmpuint (n_listed (view), ==, N_SAMPLE_CASES + 1);
  lanka_cases_view_set_search_text (view, "Nightingale");
  g_assert_cmpuint (n_listed (view), ==, 1);
  created = get_item (view, 0);
  g_assert_cmpstr (lanka_case_summary_get_alias (created), ==, "Test Nightingale");
  g_assert_nonnull (lanka_case_summary_get_number (created));
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, lanka_case_summary_get_uuid (created));
  lanka_cases_view_set_search_text (view, "");

  /* Open on a possible duplicate opens that case instead. */
  dialog = open_new_case_dialog (view);
  alias = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, _("_Alias"));
  gtk_editable_set_text (GTK_EDITABLE (alias), lanka_case_summary_get_alias (existing));
  lanka_test_iterate_until (has_duplicates, dialog);
  group = lanka_test_find_group (GTK_WIDGET (dialog), _("Possible Duplicates"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (lanka_test_find_button (group, _("_Open")), "clicked");
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, lanka_case_summary_get_uuid (existing));
  g_assert_cmpuint (n_listed (view), ==, N_SAMPLE_CASES + 1);

  /* Escape leaves without a case, and the dialog goes for good. */
  dialog = open_new_case_dialog (view);
  alias = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, _("_Alias"));
  gtk_editable_set_text (GTK_EDITABLE (alias), "Test Never");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);
  g_assert_cmpuint (n_listed (view), ==, N_SAMPLE_CASES + 1);

  close_window (window);
}

static gboolean
has_message_dialog (gpointer data)
{
  return lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Delete asks first, naming the case, and then the case is gone. */
static void
test_delete (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  g_autoptr(LankaCaseSummary) victim = get_item (view, 3);
  g_autofree char *uuid = g_strdup (lanka_case_summary_get_uuid (victim));
  g_autofree char *heading = NULL;
  guint n_before = n_listed (view);
  AdwMessageDialog *question;

  lanka_cases_view_show_case (view, uuid);
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, uuid);

  /* Cancel keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.delete", NULL));
  lanka_test_iterate_until (has_message_dialog, NULL);
  question = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  heading = g_strdup_printf (_("Delete Case %s?"), lanka_case_summary_get_number (victim));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_cmpuint (n_listed (view), ==, n_before);
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, uuid);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.delete", NULL));
  lanka_test_iterate_until (has_message_dialog, NULL);
  question = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (question, "delete");
  gtk_window_destroy (GTK_WINDOW (question));

  g_assert_cmpuint (n_listed (view), ==, n_before - 1);
  g_assert_cmpuint (lanka_case_list_find (LANKA_CASE_LIST (get_list (view)), uuid), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_null (lanka_cases_view_get_shown_uuid (view));
  g_assert_cmpuint (count_audit (LANKA_AUDIT_CASE_DELETE), >=, 1);

  close_window (window);
}

static gboolean
has_toast_open (gpointer data)
{
  GtkWidget *overlay = lanka_test_find_child (GTK_WIDGET (data), ADW_TYPE_TOAST_OVERLAY);

  return lanka_test_find_button (overlay, _("_Open")) != NULL;
}

/* The case open at a lock is open again after the unlock; a new case
 * never saved is offered.
 */
static void
test_reopen_after_lock (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  g_autoptr(LankaCaseSummary) item = get_item (view, 5);
  g_autofree char *uuid = g_strdup (lanka_case_summary_get_uuid (item));
  g_autoptr(LankaCase) unsaved = lanka_case_new ();
  g_autoptr(GError) error = NULL;
  LankaRecord *victim;
  GtkWidget *overlay;
  LankaCase *opened;

  lanka_cases_view_show_case (view, uuid);
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, uuid);

  lanka_application_lock (app);
  g_assert_null (lanka_cases_view_get_shown_uuid (view));

  lanka_test_ensure_unlocked (app);
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, uuid);

  /* A new case that only ever was a draft. */
  victim = lanka_case_get_victim (unsaved);
  if (victim == NULL)
    {
      victim = lanka_case_add_record (unsaved, "person");
      lanka_record_set (victim, "role", "victim");
    }
  lanka_record_set (victim, "alias", "Test Draft Starling");
  lanka_cases_save_draft (get_database (), unsaved, &error);
  g_assert_no_error (error);

  lanka_application_lock (app);
  lanka_test_ensure_unlocked (app);
  lanka_test_iterate_until (has_toast_open, view);
  overlay = lanka_test_find_child (GTK_WIDGET (view), ADW_TYPE_TOAST_OVERLAY);
  g_signal_emit_by_name (lanka_test_find_button (overlay, _("_Open")), "clicked");
  lanka_test_iterate_a_while ();

  opened = lanka_case_editor_get_case (lanka_cases_view_get_editor (view));
  g_assert_nonnull (opened);
  g_assert_cmpstr (lanka_case_get_uuid (opened), ==, lanka_case_get_uuid (unsaved));
  g_assert_cmpstr (lanka_record_get (lanka_case_get_victim (opened), "alias"), ==, "Test Draft Starling");

  lanka_case_editor_discard_changes (lanka_cases_view_get_editor (view));
  lanka_cases_discard_draft (get_database (), lanka_case_get_uuid (unsaved), NULL);
  lanka_case_editor_clear (lanka_cases_view_get_editor (view));

  close_window (window);
}

/* Leaving a case with changes asks what becomes of them. */
static void
test_leave_asks (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  LankaCaseEditor *editor = lanka_cases_view_get_editor (view);
  g_autoptr(LankaCaseSummary) first = get_item (view, 0);
  g_autoptr(LankaCaseSummary) second = get_item (view, 1);
  AdwMessageDialog *question;

  lanka_cases_view_show_case (view, lanka_case_summary_get_uuid (first));
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, lanka_case_summary_get_uuid (first));
  lanka_record_set (lanka_case_get_record (lanka_case_editor_get_case (editor)), "notes", "Changed");
  g_assert_true (lanka_case_editor_get_modified (editor));

  /* Cancel stays. */
  lanka_cases_view_show_case (view, lanka_case_summary_get_uuid (second));
  lanka_test_iterate_until (has_message_dialog, NULL);
  question = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, lanka_case_summary_get_uuid (first));
  g_assert_true (lanka_case_editor_get_modified (editor));

  /* Discard goes on. */
  lanka_cases_view_show_case (view, lanka_case_summary_get_uuid (second));
  lanka_test_iterate_until (has_message_dialog, NULL);
  question = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_cmpstr (lanka_cases_view_get_shown_uuid (view), ==, lanka_case_summary_get_uuid (second));
  g_assert_false (lanka_case_editor_get_modified (editor));

  close_window (window);
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static void
test_narrow (void)
{
  LankaWindow *window = open_window (360);
  LankaCasesView *view = window->cases_view;
  AdwLeaflet *leaflet = ADW_LEAFLET (lanka_test_find_child (GTK_WIDGET (view), ADW_TYPE_LEAFLET));
  GtkGridView *list_view = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_grid_view_get_model (list_view);
  GtkWidget *sidebar = lanka_test_find_by_id (GTK_WIDGET (view), "sidebar");

  lanka_test_iterate_until (is_folded, leaflet);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  /* Choosing a case shows it; Back returns to the list. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == sidebar);
  g_assert_nonnull (lanka_cases_view_get_shown_uuid (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  /* Search is on the list. */
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.search", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  close_window (window);
}

/* A row on its own: a deadline in the past is in the error colour, one to
 * come is not; and no leak.
 */
static void
test_row (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint n_checked = 0;

  for (guint i = 0; i < n_listed (view); i++)
    {
      g_autoptr(LankaCaseSummary) item = get_item (view, i);
      const char *deadline = lanka_case_summary_get_next_deadline (item);
      LankaCaseRow *row;
      GtkWidget *label;

      if (deadline == NULL)
        continue;

      row = g_object_ref_sink (g_object_new (LANKA_TYPE_CASE_ROW, "summary", item, NULL));
      g_assert_true (lanka_case_row_get_summary (row) == item);
      label = lanka_case_row_get_deadline_label (row);
      g_assert_true (gtk_widget_get_visible (label));
      g_assert_cmpint (gtk_widget_has_css_class (label, "error"), ==, strcmp (deadline, today) < 0);
      n_checked++;

      lanka_case_row_set_summary (row, NULL);
      g_assert_false (gtk_widget_get_visible (label));
      g_assert_finalize_object (row);
    }

  g_assert_cmpuint (n_checked, >, 0);

  close_window (window);
}

/* The editor keeps typing as a draft: the row of the case says "Draft"
 * at once, without a search or a save, and the case stays selected.
 */
static void
test_draft_tag (void)
{
  LankaWindow *window = open_window (1000);
  LankaCasesView *view = window->cases_view;
  GtkGridView *list_view = GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view), "list_view"));
  GtkSelectionModel *selection = gtk_grid_view_get_model (list_view);
  g_autoptr(LankaCaseSummary) first = NULL;
  g_autoptr(LankaCaseSummary) drafted = NULL;
  LankaCaseEditor *editor = lanka_cases_view_get_editor (view);
  LankaCase *kase;
  LankaCaseRow *row;

  lanka_cases_view_set_search_text (view, "");
  first = get_item (view, 0);
  g_assert_false (lanka_case_summary_get_has_draft (first));
  gtk_selection_model_select_item (selection, 0, TRUE);
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (lanka_case_editor_get_uuid (editor), ==, lanka_case_summary_get_uuid (first));

  row = find_row_for (view, first);
  g_assert_nonnull (row);
  g_assert_false (row_shows (row, C_("case list badge", "Draft")));

  kase = lanka_case_editor_get_case (editor);
  lanka_record_set (lanka_case_get_record (kase), "notes", "Changed in the draft tag test");
  lanka_test_iterate_a_while ();

  drafted = get_item (view, 0);
  g_assert_true (lanka_case_summary_get_has_draft (drafted));
  row = find_row_for (view, drafted);
  g_assert_nonnull (row);
  g_assert_true (row_shows (row, C_("case list badge", "Draft")));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 0);

  /* Discarded: the tag goes. */
  lanka_case_editor_discard_changes (editor);
  lanka_test_iterate_a_while ();
  row = find_row_for (view, first);
  g_assert_nonnull (row);
  g_assert_false (row_shows (row, C_("case list badge", "Draft")));

  close_window (window);
}

/* A keystroke with a hundred thousand cases reads the cases the list
 * shows, not all of them: not even when the case selected leaves the
 * list, which GTK's selection would look for among every case.
 */
static void
test_search_reads_little (void)
{
  g_autofree char *dir = lanka_test_make_data_dir ();
  g_autoptr(LankaDatabase) database = lanka_test_create_database (dir);
  g_autoptr(GError) error = NULL;
  LankaCasesView *view;
  GtkSelectionModel *selection;
  GtkWindow *window;
  LankaCaseList *list;
  guint n_cases = 100000;
  guint reads;

  lanka_case_sample_generate (database, n_cases, 0, LANKA_CASE_SAMPLE_SEED, NULL, &error);
  g_assert_no_error (error);

  view = g_object_new (LANKA_TYPE_CASES_VIEW, NULL);
  window = lanka_test_show_in_window (GTK_WIDGET (view), 1000, 700);
  lanka_cases_view_set_database (view, database);
  lanka_test_iterate_a_while ();

  selection = gtk_grid_view_get_model (GTK_GRID_VIEW (lanka_test_find_by_id (GTK_WIDGET (view),
                                                                             "list_view")));
  list = LANKA_CASE_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_cases);

  /* The newest case open and selected. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  lanka_test_iterate_a_while ();
  g_assert_nonnull (lanka_cases_view_get_shown_uuid (view));

  /* Every case matches "sample", each in a new item: the selection's
   * case is not among the items added.
   */
  reads = lanka_case_list_get_n_reads (list);
  lanka_cases_view_set_search_text (view, "sample");
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_cases);

  /* The rows on screen and the list view's reserve of two hundred: a
   * few pages of 50, not the 2 000 of the whole list.
   */
  g_assert_cmpuint (lanka_case_list_get_n_reads (list) - reads, <=, 20);

  /* The case open is still the one selected. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 0);

  reads = lanka_case_list_get_n_reads (list);
  lanka_cases_view_set_search_text (view, "");
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (lanka_case_list_get_n_reads (list) - reads, <=, 20);

  lanka_cases_view_set_database (view, NULL);
  lanka_test_close_window (window);
  g_clear_object (&database);
  lanka_test_remove_tree (dir);
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

  /* In this order: the first sees an empty database, the second fills it. */
  g_test_add_func ("/ui/cases/empty", test_empty);
  g_test_add_func ("/ui/cases/generated", test_generated);
  g_test_add_func ("/ui/cases/search", test_search);
  g_test_add_func ("/ui/cases/filter", test_filter);
  g_test_add_func ("/ui/cases/sort", test_sort);
  g_test_add_func ("/ui/cases/show-names", test_show_names);
  g_test_add_func ("/ui/cases/new-case", test_new_case);
  g_test_add_func ("/ui/cases/delete", test_delete);
  g_test_add_func ("/ui/cases/reopen-after-lock", test_reopen_after_lock);
  g_test_add_func ("/ui/cases/leave-asks", test_leave_asks);
  g_test_add_func ("/ui/cases/narrow", test_narrow);
  g_test_add_func ("/ui/cases/row", test_row);
  g_test_add_func ("/ui/cases/draft-tag", test_draft_tag);
  g_test_add_func ("/ui/cases/search-reads-little", test_search_reads_little);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);

  return ret;
}
