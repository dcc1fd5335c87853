/* lanka-case-tasks.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-tasks"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-editor.h"
#include "lanka-case-tasks.h"
#include "lanka-cases-view.h"
#include "lanka-due-view.h"
#include "lanka-tasks.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* The deadlines of a saved case: the tasks its rules made (the child
 * assessments counted from the intake, the end of the reflection period
 * and of permits, reviews, hearings, follow-ups) and those someone added,
 * open ones first.  A task is done with its check button and reopened
 * the same way; who did it and when is kept.
 *
 * Like the journal, the section does not edit the case document: tasks
 * are read from and written to the database at once.  A change is told
 * to the Cases part (the cases.tasks-changed action), whose Due list and
 * counts follow; the Cases part tells the section of changes made
 * elsewhere with ::tasks-changed.
 */

#define TASK_KEY "lanka-task"

struct _LankaCaseTasks
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  GListModel          *tasks;
  GPtrArray           *rows;

  /* The editor and the Cases part around the section, whose saves and
   * changes change the tasks.
   */
  GtkWidget           *editor;
  GtkWidget           *cases_view;

  /* Telling of a change, once the check button that made it is left
   * alone: the rows are built anew after it.
   */
  guint                changed_source;

  /* Template widgets */
  GtkStack            *stack;
  AdwPreferencesGroup *tasks_group;
  GtkButton           *add_button;
  GtkLabel            *empty_label;
  GtkRevealer         *form_revealer;
  AdwEntryRow         *title_row;
  AdwEntryRow         *date_row;
  GtkLabel            *form_error_label;
  GtkButton           *save_button;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (LankaCaseTasks, lanka_case_tasks, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_ready (LankaCaseTasks *self)
{
  return self->database != NULL && lanka_database_is_open (self->database) &&
         self->kase != NULL && !lanka_case_is_new (self->kase);
}

static char *
dup_today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
show_error (LankaCaseTasks *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_form_error (LankaCaseTasks *self,
                 AdwEntryRow    *row,
                 const char     *message)
{
  gtk_label_set_label (self->form_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), message != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  if (row != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

/* Where a rule's task comes from, in a few words, when the case says. */
static char *
dup_source_text (LankaCaseTasks *self,
                 LankaRecord    *task)
{
  const char *kind = lanka_record_get (task, "kind");
  const char *source_uuid = lanka_record_get (task, "source");
  LankaRecord *source = NULL;

  if (kind == NULL)
    return NULL;

  if (self->kase != NULL && source_uuid != NULL)
    source = lanka_case_find_record (self->kase, source_uuid);

  if (g_str_equal (kind, "protection_assessment") ||
      g_str_equal (kind, "initial_assessment") ||
      g_str_equal (kind, "investigation_due"))
    {
      const char *intake = self->kase != NULL
                           ? lanka_record_get (lanka_case_get_record (self->kase), "intake_date")
                           : NULL;

      if (intake == NULL)
        return g_strdup (_("Counted from the intake date"));

      /* Translators: where a child case's deadline comes from; %s is a date */
      return g_strdup_printf (_("Counted from the intake date, %s"), intake);
    }

  if (g_str_equal (kind, "reflection_period_ends") || g_str_equal (kind, "permit_ends"))
    {
      const char *permit_kind = source != NULL ? lanka_record_get (source, "kind") : NULL;
      const char *label = permit_kind != NULL
                          ? lanka_vocabulary_get_label (LANKA_VOCABULARY_PERMIT_KIND, permit_kind)
                          : NULL;

      if (label == NULL)
        return g_strdup (_("From Residence and Legal"));

      /* Translators: where a deadline comes from: a permit's kind, "Reflection period" */
      return g_strdup_printf (_("From the permit: %s"), label);
    }

  if (g_str_equal (kind, "assessment_review"))
    {
      const char *assessed_on = source != NULL ? lanka_record_get (source, "assessed_on") : NULL;

      if (assessed_on == NULL)
        return g_strdup (_("From Protection and Risk"));

      /* Translators: where a deadline comes from; %s is the date of a risk assessment */
      return g_strdup_printf (_("From the risk assessment of %s"), assessed_on);
    }

  if (g_str_equal (kind, "hearing"))
    return g_strdup (_("From the legal process"));

  if (g_str_equal (kind, "plan_follow_up"))
    {
      const char *support_type = source != NULL ? lanka_record_get (source, "support_type")
                                                : NULL;
      const char *label = support_type != NULL
                          ? lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE,
                                                        support_type)
                          : NULL;

      if (label == NULL)
        return g_strdup (_("From the support plan"));

      /* Translators: where a deadline comes from: a support measure, "Protected housing" */
      return g_strdup_printf (_("From the support measure: %s"), label);
    }

  if (g_str_equal (kind, "referral_follow_up"))
    return g_strdup (_("From a referral"));

  return NULL;
}

static char *
dup_completed_text (LankaRecord *task)
{
  gint64 completed = lanka_record_get_int (task, "completed", 0);
  const char *by = lanka_record_get (task, "completed_by");
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;

  if (completed > 0)
    when = g_date_time_new_from_unix_local (completed / G_USEC_PER_SEC);
  if (when != NULL)
    time = g_date_time_format (when, "%Y-%m-%d %H:%M");

  if (by != NULL && time != NULL)
    /* Translators: who completed a task and when */
    return g_strdup_printf (_("Done by %s on %s"), by, time);
  if (time != NULL)
    return g_strdup_printf (_("Done on %s"), time);

  return g_strdup (_("Done"));
}

static gboolean
tell_changed_cb (gpointer user_data)
{
  LankaCaseTasks *self = user_data;

  self->changed_source = 0;

  /* The Cases part reloads this section too. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "cases.tasks-changed", NULL))
    lanka_case_tasks_reload (self);

  return G_SOURCE_REMOVE;
}

static void
tell_changed (LankaCaseTasks *self)
{
  if (self->changed_source == 0)
    self->changed_source = g_idle_add_full (G_PRIORITY_DEFAULT, tell_changed_cb, self, NULL);
}

static void
on_check_toggled_cb (LankaCaseTasks *self,
                     GtkCheckButton *check)
{
  LankaRecord *task = g_object_get_data (G_OBJECT (check), TASK_KEY);
  gboolean done = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (task == NULL || !is_ready (self))
    return;

  if (done)
    ok = lanka_tasks_complete (self->database, lanka_record_get_uuid (task), &error);
  else
    ok = lanka_tasks_reopen (self->database, lanka_record_get_uuid (task), &error);

  if (!ok)
    {
      g_signal_handlers_block_by_func (check, on_check_toggled_cb, self);
      gtk_check_button_set_active (check, !done);
      g_signal_handlers_unblock_by_func (check, on_check_toggled_cb, self);
      show_error (self, error != NULL ? error->message : NULL);
      return;
    }

  show_error (self, NULL);
  tell_changed (self);
}

static GtkWidget *
create_row (LankaCaseTasks *self,
            LankaRecord    *task,
            GDate          *today)
{
  g_autofree char *title = lanka_due_view_dup_task_title (task);
  g_autofree char *due = NULL;
  g_autofree char *source = dup_source_text (self, task);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  const char *due_on = lanka_record_get (task, "due_on");
  gboolean completed = lanka_record_get (task, "completed") != NULL;
  gboolean manual = g_strcmp0 (lanka_record_get (task, "kind"), "manual") == 0;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  due = due_on != NULL ? lanka_due_view_dup_due_text (due_on, today) : NULL;
  if (due != NULL)
    /* Translators: when a task is due, "Due today (2026-03-02)" */
    g_string_append_printf (text, _("Due: %s"), due);
  if (completed)
    {
      g_autofree char *done = dup_completed_text (task);

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", done);
    }
  if (source != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", source);
  subtitle = g_string_free (g_steal_pointer (&text), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), completed);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, completed ? _("Mark as not done") : _("Mark as done"));
  /* Translators: the check button of a task, for screen readers */
  accessible = g_strdup_printf (_("Done: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (check), TASK_KEY, g_object_ref (task), g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  if (!completed && lanka_task_get_group (task, today) == LANKA_DUE_OVERDUE)
    {
      GtkWidget *label = gtk_label_new (_("Overdue"));

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  if (completed)
    gtk_widget_add_css_class (row, "dim-label");

  if (manual)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Task"));
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "case-tasks.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", lanka_record_get_uuid (task));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  return row;
}

static void
clear_rows (LankaCaseTasks *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->tasks_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
update_actions (LankaCaseTasks *self)
{
  gboolean ready = is_ready (self);
  gboolean form = gtk_revealer_get_reveal_child (self->form_revealer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-tasks.add", ready && !form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-tasks.cancel", form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-tasks.save", ready && form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-tasks.remove", ready);
}

/**
 * lanka_case_tasks_reload:
 * @self: a #LankaCaseTasks
 *
 * Reads the case's tasks again, as after a save.
 */
void
lanka_case_tasks_reload (LankaCaseTasks *self)
{
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  g_return_if_fail (LANKA_IS_CASE_TASKS (self));

  clear_rows (self);
  g_clear_object (&self->tasks);

  if (self->kase != NULL && lanka_case_is_new (self->kase))
    {
      gtk_stack_set_visible_child_name (self->stack, "new");
      update_actions (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "tasks");

  if (!is_ready (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
      update_actions (self);
      return;
    }

  tasks = lanka_tasks_list_case (self->database, lanka_case_get_uuid (self->kase), &error);
  if (tasks == NULL && error != NULL)
    {
      /* Translators: %s says why, as a sentence */
      g_autofree char *message = g_strdup_printf (_("The deadlines could not be read. %s"),
                                                  error->message);

      show_error (self, message);
    }

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  self->tasks = g_steal_pointer (&tasks);
  for (guint i = 0; self->tasks != NULL && i < g_list_model_get_n_items (self->tasks); i++)
    {
      g_autoptr(LankaRecord) task = g_list_model_get_item (self->tasks, i);
      GtkWidget *row = create_row (self, task, &today);

      adw_preferences_group_add (self->tasks_group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->rows->len == 0);
  update_actions (self);
}

/* The form */

static void
close_form (LankaCaseTasks *self)
{
  /* The focus leaves the fields before they go. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->add_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));

  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  show_form_error (self, NULL, NULL);
  update_actions (self);
}

static void
on_form_changed_cb (LankaCaseTasks *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->form_error_label)))
    show_form_error (self, NULL, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LankaCaseTasks *self = LANKA_CASE_TASKS (widget);
  g_autofree char *today = dup_today_text ();

  if (!is_ready (self))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  show_form_error (self, NULL, NULL);
  gtk_revealer_set_reveal_child (self->form_revealer, TRUE);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  close_form (LANKA_CASE_TASKS (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LankaCaseTasks *self = LANKA_CASE_TASKS (widget);
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autoptr(LankaRecord) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) date_error = NULL;

  if (!is_ready (self))
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));

  if (title[0] == '\0')
    {
      show_form_error (self, self->title_row, _("Write what is due."));
      return;
    }

  if (!lanka_date_validate (date, &date_error))
    {
      show_form_error (self, self->date_row, date_error->message);
      return;
    }

  /* What was typed stays in the form when the store refuses it. */
  task = lanka_tasks_add (self->database, lanka_case_get_uuid (self->kase), date, title, NULL,
                          &error);
  if (task == NULL)
    {
      show_form_error (self, self->date_row,
                       error != NULL ? error->message : _("The task could not be added."));
      return;
    }

  close_form (self);
  tell_changed (self);
}

static void
on_date_row_entry_activated_cb (LankaCaseTasks *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "case-tasks.save", NULL);
}

static LankaRecord *
find_task (LankaCaseTasks *self,
           const char     *uuid)
{
  for (guint i = 0; self->tasks != NULL && i < g_list_model_get_n_items (self->tasks); i++)
    {
      g_autoptr(LankaRecord) task = g_list_model_get_item (self->tasks, i);

      if (g_strcmp0 (lanka_record_get_uuid (task), uuid) == 0)
        return task;
    }

  return NULL;
}

static void
on_remove_response_cb (LankaCaseTasks   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), TASK_KEY);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || !is_ready (self))
    return;

  if (!lanka_tasks_remove (self->database, uuid, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  tell_changed (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LankaCaseTasks *self = LANKA_CASE_TASKS (widget);
  LankaRecord *task = find_task (self, g_variant_get_string (param, NULL));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (task == NULL || g_strcmp0 (lanka_record_get (task, "kind"), "manual") != 0)
    return;

  title = lanka_due_view_dup_task_title (task);
  /* Translators: %s is what a task someone added says is due */
  body = g_strdup_printf (_("“%s” is removed from the deadlines of the case."), title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                       _("Remove Task?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), TASK_KEY, g_strdup (lanka_record_get_uuid (task)),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Following the editor and the Cases part */

static void
on_editor_saved_cb (LankaCaseTasks *self,
                    const char     *uuid)
{
  if (self->kase != NULL && g_strcmp0 (uuid, lanka_case_get_uuid (self->kase)) == 0)
    lanka_case_tasks_reload (self);
}

static void
on_tasks_changed_cb (LankaCaseTasks *self)
{
  if (self->kase != NULL)
    lanka_case_tasks_reload (self);
}

static void
lanka_case_tasks_map (GtkWidget *widget)
{
  LankaCaseTasks *self = LANKA_CASE_TASKS (widget);
  GtkWidget *editor = gtk_widget_get_ancestor (widget, LANKA_TYPE_CASE_EDITOR);
  GtkWidget *cases_view = gtk_widget_get_ancestor (widget, LANKA_TYPE_CASES_VIEW);

  GTK_WIDGET_CLASS (lanka_case_tasks_parent_class)->map (widget);

  if (editor != NULL && editor != self->editor)
    {
      g_set_weak_pointer (&self->editor, editor);
      g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                               G_CONNECT_SWAPPED);
    }

  if (cases_view != NULL && cases_view != self->cases_view)
    {
      g_set_weak_pointer (&self->cases_view, cases_view);
      g_signal_connect_object (cases_view, "tasks-changed", G_CALLBACK (on_tasks_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* Tasks are done in the Due list too, while the section was elsewhere. */
  lanka_case_tasks_reload (self);
}

/* GObject */

static void
lanka_case_tasks_dispose (GObject *object)
{
  LankaCaseTasks *self = (LankaCaseTasks *)object;

  g_clear_handle_id (&self->changed_source, g_source_remove);

  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_TASKS);

  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->cases_view);
  g_clear_object (&self->tasks);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_tasks_parent_class)->dispose (object);
}

static void
lanka_case_tasks_finalize (GObject *object)
{
  LankaCaseTasks *self = (LankaCaseTasks *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_case_tasks_parent_class)->finalize (object);
}

static void
lanka_case_tasks_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LankaCaseTasks *self = LANKA_CASE_TASKS (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_tasks_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_case_tasks_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_tasks_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LankaCaseTasks *self = LANKA_CASE_TASKS (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_tasks_set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      lanka_case_tasks_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_tasks_class_init (LankaCaseTasksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_tasks_dispose;
  object_class->finalize = lanka_case_tasks_finalize;
  object_class->get_property = lanka_case_tasks_get_property;
  object_class->set_property = lanka_case_tasks_set_property;

  widget_class->map = lanka_case_tasks_map;

  /**
   * LankaCaseTasks:database:
   *
   * The open database the tasks are read from and written to.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaCaseTasks:case:
   *
   * The case whose deadlines are shown.
   */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-tasks.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, add_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, date_row);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, empty_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, form_error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, save_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, tasks_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseTasks, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "case-tasks.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "case-tasks.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "case-tasks.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "case-tasks.remove", "s", remove_action);
}

static void
lanka_case_tasks_init (LankaCaseTasks *self)
{
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  lanka_case_tasks_reload (self);
}

/**
 * lanka_case_tasks_new:
 *
 * Returns: (transfer floating): a new Deadlines section with no case yet
 */
GtkWidget *
lanka_case_tasks_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_TASKS, NULL);
}

/**
 * lanka_case_tasks_get_database:
 * @self: a #LankaCaseTasks
 *
 * Returns: (transfer none) (nullable): the database
 */
LankaDatabase *
lanka_case_tasks_get_database (LankaCaseTasks *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_TASKS (self), NULL);

  return self->database;
}

/**
 * lanka_case_tasks_set_database:
 * @self: a #LankaCaseTasks
 * @database: (nullable): the open database, or %NULL when it is locked
 */
void
lanka_case_tasks_set_database (LankaCaseTasks *self,
                               LankaDatabase  *database)
{
  g_return_if_fail (LANKA_IS_CASE_TASKS (self));
  g_return_if_fail (database == NULL || LANKA_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  close_form (self);
  lanka_case_tasks_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_case_tasks_get_case:
 * @self: a #LankaCaseTasks
 *
 * Returns: (transfer none) (nullable): the case
 */
LankaCase *
lanka_case_tasks_get_case (LankaCaseTasks *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_TASKS (self), NULL);

  return self->kase;
}

/**
 * lanka_case_tasks_set_case:
 * @self: a #LankaCaseTasks
 * @kase: (nullable): the case whose deadlines to show
 *
 * Shows the tasks of @kase, read again even when it is the case shown
 * already.  A case not saved yet has none: the section says when they
 * come.
 */
void
lanka_case_tasks_set_case (LankaCaseTasks *self,
                           LankaCase      *kase)
{
  gboolean changed;

  g_return_if_fail (LANKA_IS_CASE_TASKS (self));
  g_return_if_fail (kase == NULL || LANKA_IS_CASE (kase));

  changed = g_set_object (&self->kase, kase);

  if (changed)
    close_form (self);
  show_error (self, NULL);
  lanka_case_tasks_reload (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}
