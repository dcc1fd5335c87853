/* test-ui-due.c
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
#include "lanka-case-tasks.h"
#include "lanka-cases-view.h"
#include "lanka-cases.h"
#include "lanka-due-notifier.h"
#include "lanka-due-view.h"
#include "lanka-journal.h"
#include "lanka-preferences-window.h"
#include "lanka-retention-dialog.h"
#include "lanka-retention.h"
#include "lanka-store-error.h"
#include "lanka-tasks.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"
#include "lanka-window-private.h"

/* What is due, as a caseworker meets it: the count on the Cases part,
 * the Due list (Ctrl+D) with a task done from its check button, a task
 * that opens its case at its deadlines, a task refused before the intake,
 * the notification's words, and the retention review: a hold with a
 * reason and a case deleted for good.  The people are made up; their
 * aliases must never be shown in the Due list or the notification.
 *
 * The tasks due "today" and "yesterday" both count as due, so the counts
 * hold even if midnight passes during the test; the notification and the
 * review are given days of their own.
 *
 * With LANKA_TEST_SCREENSHOT_DIR set, pictures of the Due list and the
 * review are saved there, at desktop and phone width.
 */

#define ALIAS_DUE      "Test Näktergal"
#define ALIAS_NOTIFIED "Test Trana"
#define ALIAS_HELD     "Test Lärka"
#define ALIAS_DELETED  "Test Stare"
#define TITLE_TODAY    "Ring advokaten"
#define TITLE_OVERDUE  "Skicka intyget"
#define TITLE_LATER    "Boka tolk"

static LankaApplication *app;

static LankaDatabase *
get_database (void)
{
  return lanka_application_get_database (app);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("LANKA_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width;
  int height;

  if (dir == NULL)
    return;

  /* A window that was just mapped has not drawn its first frame yet. */
  lanka_test_iterate_for (0.6);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("due-%s-%d-%s.png", name, width, g_getenv ("LANGUAGE") ?: "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static char *
format_date (GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);

  return g_strdup (text);
}

static void
get_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_time_t (today, time (NULL));
}

/* A case as the store keeps it: intake long ago, closed or not. */
static LankaCase *
make_case (const char *alias,
           gboolean    closed)
{
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(GError) error = NULL;
  LankaRecord *record = lanka_case_get_record (kase);

  lanka_record_set (lanka_case_get_victim (kase), "alias", alias);
  lanka_record_set (record, "intake_date", "2020-01-10");
  lanka_record_set (record, "opened", "2020-01-10");
  if (closed)
    {
      lanka_record_set (record, "status", "closed");
      lanka_record_set (record, "closed", "2020-06-30");
      lanka_record_set (record, "closure_reason", "goal_reached");
    }

  lanka_cases_save (get_database (), kase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lanka_case_get_number (kase));

  return g_steal_pointer (&kase);
}

static LankaRecord *
add_task (LankaCase  *kase,
          const char *due_on,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  LankaRecord *task;

  task = lanka_tasks_add (get_database (), lanka_case_get_uuid (kase), due_on, title, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);

  return task;
}

static LankaRecord *
find_stored_task (LankaCase  *kase,
                  const char *uuid)
{
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;

  tasks = lanka_tasks_list_case (get_database (), lanka_case_get_uuid (kase), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(LankaRecord) task = g_list_model_get_item (tasks, i);

      if (g_strcmp0 (lanka_record_get_uuid (task), uuid) == 0)
        return g_steal_pointer (&task);
    }

  return NULL;
}

static LankaWindow *
open_window (int width,
             int height)
{
  LankaWindow *window;

  lanka_test_ensure_unlocked (app);
  g_application_activate (G_APPLICATION (app));
  window = lanka_application_get_window (app);
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  lanka_test_iterate_until (lanka_test_is_mapped, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-part", "s", "cases"));
  lanka_test_iterate_a_while ();

  return window;
}

static guint
get_badge (LankaWindow *window)
{
  AdwViewStackPage *page = adw_view_stack_get_page (window->stack, GTK_WIDGET (window->cases_view));

  return adw_view_stack_page_get_badge_number (page);
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

/* Whether any label below @root says @text somewhere in it. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = lanka_test_collect_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), text) != NULL)
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_due_row (GtkWidget  *due_view,
              const char *title)
{
  GtkWidget *label = lanka_test_find_label (due_view, title);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW) : NULL;
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

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  AdwMessageDialog *dialog;

  lanka_test_iterate_until (has_message_dialog, NULL);
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  return dialog;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_message_dialog, NULL);
  lanka_test_iterate_a_while ();
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  lanka_test_iterate_a_while ();
}

static void
test_due_view (void)
{
  g_autoptr(LankaCase) kase = NULL;
  g_autoptr(LankaRecord) today_task = NULL;
  g_autoptr(LankaRecord) overdue_task = NULL;
  g_autoptr(LankaRecord) stored = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *yesterday_text = NULL;
  LankaWindow *window;
  LankaCasesView *view;
  LankaCaseEditor *editor;
  GtkWidget *due_view;
  GtkWidget *sidebar_stack;
  GtkWidget *count_label;
  GtkWidget *row;
  GtkWidget *check;
  GtkWidget *section;
  GtkWidget *title_row;
  GtkWidget *date_row;
  GtkWidget *error_label;
  GDate today;
  GDate yesterday;

  lanka_test_ensure_unlocked (app);

  /* One case with a task due today and one overdue. */
  get_today (&today);
  yesterday = today;
  g_date_subtract_days (&yesterday, 1);
  today_text = format_date (&today);
  yesterday_text = format_date (&yesterday);
  kase = make_case (ALIAS_DUE, FALSE);
  today_task = add_task (kase, today_text, TITLE_TODAY);
  overdue_task = add_task (kase, yesterday_text, TITLE_OVERDUE);

  /* The Cases part counts both. */
  window = open_window (1200, 900);
  view = window->cases_view;
  editor = lanka_cases_view_get_editor (view);
  _lanka_window_update_due_badge (window);
  g_assert_cmpuint (get_badge (window), ==, 2);
  count_label = lanka_test_find_by_id (GTK_WIDGET (view), "due_count_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "2");
  g_assert_true (gtk_widget_get_visible (count_label));

  /* Ctrl+D shows the Due list in place of the cases. */
  press_shortcut (GTK_WIDGET (view), GDK_KEY_d, GDK_CONTROL_MASK);
  sidebar_stack = lanka_test_find_by_id (GTK_WIDGET (view), "sidebar_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sidebar_stack)), ==, "due");
  due_view = lanka_test_find_by_id (GTK_WIDGET (view), "due_view");
  lanka_test_iterate_until (lanka_test_is_mapped, due_view);
  g_assert_cmpuint (lanka_due_view_get_n_tasks (LANKA_DUE_VIEW (due_view)), ==, 2);
  g_assert_nonnull (lanka_test_find_label (due_view, _("Overdue")));
  g_assert_nonnull (lanka_test_find_label (due_view, _("Today")));
  g_assert_true (shows_text (due_view, lanka_case_get_number (kase)));
  /* Case numbers, never names. */
  g_assert_false (shows_text (due_view, ALIAS_DUE));
  save_screenshot (GTK_WIDGET (window), "view");

  /* The task due today is done with its check button. */
  row = find_due_row (due_view, TITLE_TODAY);
  g_assert_nonnull (row);
  check = lanka_test_find_child (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  gtk_widget_activate (check);
  lanka_test_iterate_a_while ();

  stored = find_stored_task (kase, lanka_record_get_uuid (today_task));
  g_assert_nonnull (stored);
  g_assert_nonnull (lanka_record_get (stored, "completed"));
  g_assert_cmpstr (lanka_record_get (stored, "completed_by"), ==, lanka_journal_get_author ());
  g_assert_null (find_due_row (due_view, TITLE_TODAY));
  g_assert_cmpuint (get_badge (window), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "1");

  /* Choosing the overdue task opens its case at its deadlines. */
  row = find_due_row (due_view, TITLE_OVERDUE);
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (lanka_case_editor_get_uuid (editor), ==, lanka_case_get_uuid (kase));
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "tasks");
  section = lanka_test_find_child (GTK_WIDGET (editor), LANKA_TYPE_CASE_TASKS);
  g_assert_nonnull (section);
  lanka_test_iterate_until (lanka_test_is_mapped, section);
  g_assert_nonnull (lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, TITLE_OVERDUE));
  g_assert_nonnull (lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, TITLE_TODAY));

  /* A task before the intake is refused at its date, and what was typed
   * stays; a later date is taken.
   */
  g_assert_true (gtk_widget_activate_action (section, "case-tasks.add", NULL));
  lanka_test_iterate_a_while ();
  title_row = lanka_test_find_by_id (section, "title_row");
  date_row = lanka_test_find_by_id (section, "date_row");
  error_label = lanka_test_find_by_id (section, "form_error_label");
  gtk_editable_set_text (GTK_EDITABLE (title_row), TITLE_LATER);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2019-12-31");
  g_assert_true (gtk_widget_activate_action (section, "case-tasks.save", NULL));
  lanka_test_iterate_a_while ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, TITLE_LATER);
  g_assert_null (lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, TITLE_LATER));
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2099-05-05");
  g_assert_true (gtk_widget_activate_action (section, "case-tasks.save", NULL));
  lanka_test_iterate_a_while ();
  g_assert_nonnull (lanka_test_find_row (section, ADW_TYPE_ACTION_ROW, TITLE_LATER));
  g_assert_cmpuint (get_badge (window), ==, 1);
  save_screenshot (GTK_WIDGET (window), "deadlines");

  /* Narrow: the Due list fills the window, and back to the cases. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.back", NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  lanka_test_iterate_for (0.5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.show-due", NULL));
  lanka_test_iterate_a_while ();
  g_assert_true (gtk_widget_get_mapped (due_view));
  save_screenshot (GTK_WIDGET (window), "view");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.hide-due", NULL));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sidebar_stack)), ==, "cases");
  save_screenshot (GTK_WIDGET (window), "cases");

  lanka_test_close_window (GTK_WINDOW (window));
}

static void
test_notification (void)
{
  g_autoptr(LankaCase) kase = NULL;
  g_autoptr(LankaDueNotifier) notifier = NULL;
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *again = NULL;
  g_autofree char *next_day = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *more = NULL;
  g_autoptr(LankaRecord) next_task = NULL;
  const char *label;
  GDate day;
  GDate tomorrow;

  lanka_test_ensure_unlocked (app);

  /* Five tasks on a day of the test's own. */
  kase = make_case (ALIAS_NOTIFIED, FALSE);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(LankaRecord) task = add_task (kase, "2030-05-05", "Ring Trana om boendet");
    }
  next_task = add_task (kase, "2030-05-06", "Möte med Trana");
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 5, G_DATE_MAY, 2030);
  tomorrow = day;
  g_date_add_days (&tomorrow, 1);

  tasks = lanka_tasks_list_due (get_database (), &day, &day, 0, &error);
  g_assert_no_error (error);
  body = lanka_due_notifier_dup_body (tasks, &day);
  g_assert_nonnull (body);

  /* The case number and the kind of task, three of them, and how many
   * more: nothing a person wrote, and no name.
   */
  label = lanka_vocabulary_get_label (LANKA_VOCABULARY_TASK_KIND, "manual");
  expected = g_strdup_printf (C_("due notification", "%s: %s"), lanka_case_get_number (kase), label);
  g_assert_nonnull (strstr (body, expected));
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", 2), 2);
  g_assert_true (g_str_has_suffix (body, more));
  g_assert_null (strstr (body, ALIAS_NOTIFIED));
  g_assert_null (strstr (body, "Trana"));

  /* Once a day for a task; the next day's tasks on the next day. */
  notifier = lanka_due_notifier_new (NULL);
  lanka_due_notifier_set_database (notifier, get_database ());
  g_clear_pointer (&body, g_free);
  body = lanka_due_notifier_check (notifier, &day);
  g_assert_nonnull (body);
  g_assert_null (strstr (body, "Trana"));
  again = lanka_due_notifier_check (notifier, &day);
  g_assert_null (again);
  next_day = lanka_due_notifier_check (notifier, &tomorrow);
  g_assert_nonnull (next_day);
  g_assert_nonnull (strstr (next_day, lanka_case_get_number (kase)));
  g_assert_null (strstr (next_day, "Trana"));

  /* Nothing is announced while Länka is locked. */
  lanka_due_notifier_set_database (notifier, NULL);
  g_clear_pointer (&next_day, g_free);
  next_day = lanka_due_notifier_check (notifier, &tomorrow);
  g_assert_null (next_day);
}

static void
test_retention (void)
{
  g_autoptr(LankaCase) held = NULL;
  g_autoptr(LankaCase) deleted = NULL;
  g_autoptr(LankaCase) gone = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *on_hold = NULL;
  LankaRetentionDialog *dialog;
  AdwMessageDialog *question;
  LankaWindow *window;
  GtkWidget *row;
  GtkWidget *entry;
  GDate review_day;
  gboolean held_listed = FALSE;

  lanka_test_ensure_unlocked (app);
  held = make_case (ALIAS_HELD, TRUE);
  deleted = make_case (ALIAS_DELETED, TRUE);

  /* The review, some years on: both are due. */
  get_today (&review_day);
  g_date_add_years (&review_day, 6);

  window = open_window (1200, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->cases_view),
                                             "cases.review-retention", NULL));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_RETENTION_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  g_assert_nonnull (lanka_test_visible_status_page (GTK_WIDGET (dialog)));
  lanka_retention_dialog_set_today (dialog, &review_day);
  lanka_test_iterate_a_while ();
  g_assert_nonnull (lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                         lanka_case_get_number (held)));
  g_assert_false (shows_text (GTK_WIDGET (dialog), ALIAS_HELD));
  save_screenshot (GTK_WIDGET (dialog), "retention");

  /* A hold needs a reason. */
  row = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                             lanka_case_get_number (held));
  click (lanka_test_find_button (row, _("Put on _Hold…")));
  question = wait_for_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (question, "hold"));
  entry = adw_message_dialog_get_extra_child (question);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rättegång pågår");
  answer (question, "hold");

  items = lanka_retention_list_due (get_database (), &review_day, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      LankaRetentionItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->case_uuid, lanka_case_get_uuid (held)) == 0)
        {
          g_assert_cmpint (item->state, ==, LANKA_RETENTION_HELD);
          g_assert_cmpstr (item->hold_reason, ==, "Rättegång pågår");
          held_listed = TRUE;
        }
    }
  g_assert_true (held_listed);
  row = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                             lanka_case_get_number (held));
  on_hold = g_strdup_printf (_("On hold: %s"), "Rättegång pågår");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), on_hold));
  g_assert_null (lanka_test_find_button (row, _("_Delete…")));

  /* Deleting asks first, and then the case is gone. */
  row = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                             lanka_case_get_number (deleted));
  g_assert_nonnull (row);
  click (lanka_test_find_button (row, _("_Delete…")));
  question = wait_for_message_dialog ();
  heading = g_strdup_printf (_("Delete Case %s for Good?"), lanka_case_get_number (deleted));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (question, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  answer (question, "delete");

  gone = lanka_cases_load (get_database (), lanka_case_get_uuid (deleted), &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_assert_null (lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                      lanka_case_get_number (deleted)));
  g_clear_error (&error);
  g_clear_object (&gone);
  gone = lanka_cases_load (get_database (), lanka_case_get_uuid (held), &error);
  g_assert_no_error (error);
  g_assert_nonnull (gone);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  lanka_test_iterate_for (0.3);
  save_screenshot (GTK_WIDGET (dialog), "retention");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);

  lanka_test_close_window (GTK_WINDOW (window));
}

static void
test_retention_rule (void)
{
  LankaPreferencesWindow *preferences;
  GtkWidget *spin;
  GtkWidget *sample;
  LankaRetentionRule rule;
  g_autoptr(GError) error = NULL;

  lanka_test_ensure_unlocked (app);

  preferences = lanka_preferences_window_new (app);
  gtk_window_present (GTK_WINDOW (preferences));
  lanka_test_iterate_until (lanka_test_is_mapped, preferences);

  spin = lanka_test_find_by_id (GTK_WIDGET (preferences), "retention_years_spin");
  sample = lanka_test_find_by_id (GTK_WIDGET (preferences), "retention_sample_switch");
  g_assert_nonnull (spin);
  g_assert_nonnull (sample);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==,
                   LANKA_RETENTION_DEFAULT_YEARS);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sample)));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 7);
  gtk_switch_set_active (GTK_SWITCH (sample), FALSE);
  lanka_test_iterate_a_while ();

  g_assert_true (lanka_retention_get_rule (get_database (), &rule, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rule.years, ==, 7);
  g_assert_false (rule.research_sample);

  /* Back to the law's five years for the other tests. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  gtk_switch_set_active (GTK_SWITCH (sample), TRUE);
  lanka_test_iterate_a_while ();
  g_assert_true (lanka_retention_get_rule (get_database (), &rule, &error));
  g_assert_cmpuint (rule.years, ==, 5);

  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *)&preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));
  lanka_test_iterate_until (lanka_test_is_cleared, &preferences);
}

/* A list box makes a row for each task: the Due list stops at 200 and
 * says so; the count in the badge is all of them.  Hidden, the list is
 * not read at all, so that saving a case does not wait for it.
 */
static void
test_many (void)
{
  g_autoptr(LankaCase) kase = NULL;
  g_autofree char *today_text = NULL;
  LankaWindow *window;
  GtkWidget *due_view;
  GtkWidget *more_label;
  guint before;
  GDate today;

  lanka_test_ensure_unlocked (app);
  get_today (&today);
  today_text = format_date (&today);
  kase = make_case ("Många uppgifter", FALSE);
  before = lanka_tasks_count_due (get_database (), NULL, NULL);

  window = open_window (1200, 900);
  due_view = lanka_test_find_by_id (GTK_WIDGET (window->cases_view), "due_view");
  more_label = lanka_test_find_by_id (due_view, "more_label");
  g_assert_false (gtk_widget_get_mapped (due_view));

  for (guint i = 0; i < 205; i++)
    {
      g_autofree char *title = g_strdup_printf ("Uppgift %u", i);
      g_autoptr(LankaRecord) task = add_task (kase, today_text, title);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->cases_view),
                                             "cases.tasks-changed", NULL));
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (lanka_due_view_get_n_tasks (LANKA_DUE_VIEW (due_view)), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->cases_view),
                                             "cases.show-due", NULL));
  lanka_test_iterate_until (lanka_test_is_mapped, due_view);
  g_assert_cmpuint (lanka_due_view_get_n_tasks (LANKA_DUE_VIEW (due_view)), ==, 200);
  g_assert_true (gtk_widget_get_visible (more_label));
  g_assert_cmpuint (get_badge (window), ==, before + 205);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->cases_view),
                                             "cases.hide-due", NULL));
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

  g_test_add_func ("/ui/due/view", test_due_view);
  g_test_add_func ("/ui/due/notification", test_notification);
  g_test_add_func ("/ui/due/retention-rule", test_retention_rule);
  g_test_add_func ("/ui/due/retention", test_retention);
  g_test_add_func ("/ui/due/many", test_many);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);

  return ret;
}
