/* lanka-due-view.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-due-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-due-view.h"
#include "lanka-tasks.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* What is due across all cases: the tasks overdue, due today and due in
 * the coming week, in that order and under those headings, each with its
 * case number, what is due and when.  A task is done with its check
 * button, which a toast offers to undo; choosing a task opens its case.
 *
 * A task is named by its kind, or by its title when someone wrote it;
 * the person of the case never appears: the list is read at a glance,
 * often with others in the room.
 */

#define TASK_KEY "lanka-task"

/* A list box makes a row for every task: the list stops at a number a
 * person can still read through, and says that there are more.  Each
 * case's Deadlines has all of its own.
 */
#define MAX_TASKS 200

struct _LankaDueView
{
  AdwBin           parent_instance;

  LankaDatabase   *database;
  GListModel      *tasks;
  /* The day the list is for: invalid for the clock's. */
  GDate            today;
  /* A reload after a task was done, once its check button is left alone. */
  guint            reload_source;
  /* What is shown is older than the database: read again when shown. */
  guint            stale : 1;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  GtkLabel        *more_label;
  AdwStatusPage   *error_page;
};

G_DEFINE_FINAL_TYPE (LankaDueView, lanka_due_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

enum {
  TASK_ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
get_today (LankaDueView *self,
           GDate        *today)
{
  lanka_date_get_today (&self->today, today);
}

/**
 * lanka_due_view_dup_task_title:
 * @task: a task
 *
 * Returns: (transfer full): what is due: the title someone gave the task,
 *   or the label of its kind
 */
char *
lanka_due_view_dup_task_title (LankaRecord *task)
{
  const char *kind;
  const char *title;
  const char *label = NULL;

  g_return_val_if_fail (LANKA_IS_RECORD (task), NULL);

  kind = lanka_record_get (task, "kind");
  title = lanka_record_get (task, "title");

  if (title != NULL && *title != '\0')
    return g_strdup (title);

  if (kind != NULL)
    label = lanka_vocabulary_get_label (LANKA_VOCABULARY_TASK_KIND, kind);

  return g_strdup (label != NULL ? label : _("Task"));
}

/**
 * lanka_due_view_dup_due_text:
 * @due_on: a date, YYYY-MM-DD
 * @today: (nullable): the day it is, %NULL for the clock's
 *
 * Returns: (transfer full): when a task is due, in words and as a date:
 *   "Today (2026-03-02)", "In 3 days (2026-03-05)", "2 days ago
 *   (2026-02-28)"; only the date when it is more than two weeks away
 */
char *
lanka_due_view_dup_due_text (const char *due_on,
                             GDate      *today)
{
  g_autofree char *words = NULL;
  GDate date;
  GDate now;
  int days;

  g_return_val_if_fail (due_on != NULL, NULL);

  if (!lanka_date_parse (due_on, &date))
    return g_strdup (due_on);

  g_date_clear (&now, 1);
  if (today != NULL && g_date_valid (today))
    now = *today;
  else
    g_date_set_time_t (&now, time (NULL));

  days = g_date_days_between (&now, &date);

  /* Words help within a fortnight; further off the date says it better. */
  if (ABS (days) > 14)
    return g_strdup (due_on);

  if (days == 0)
    words = g_strdup (_("Today"));
  else if (days == -1)
    words = g_strdup (_("Yesterday"));
  else if (days == 1)
    words = g_strdup (_("Tomorrow"));
  else if (days > 1)
    words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d day", "In %d days", days), days);
  else
    words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days),
                             -days);

  /* Translators: when a task is due, in words and as a date,
   * "In 3 days (2026-03-05)"
   */
  return g_strdup_printf (C_("due date", "%s (%s)"), words, due_on);
}

static const char *
get_group_title (LankaDueGroup group)
{
  switch (group)
    {
    case LANKA_DUE_OVERDUE:
      return _("Overdue");

    case LANKA_DUE_TODAY:
      return _("Today");

    case LANKA_DUE_THIS_WEEK:
      return _("This Week");

    case LANKA_DUE_LATER:
    default:
      return _("Later");
    }
}

static LankaRecord *
row_get_task (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), TASK_KEY) : NULL;
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
update_page (LankaDueView *self)
{
  guint n = self->tasks != NULL ? g_list_model_get_n_items (self->tasks) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static gboolean
reload_cb (gpointer user_data)
{
  LankaDueView *self = user_data;

  self->reload_source = 0;
  lanka_due_view_reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_undo_clicked_cb (LankaDueView *self,
                    AdwToast     *toast)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), TASK_KEY);
  g_autoptr(GError) error = NULL;

  if (self->database == NULL || uuid == NULL)
    return;

  if (!lanka_tasks_reopen (self->database, uuid, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  lanka_due_view_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_check_toggled_cb (LankaDueView   *self,
                     GtkCheckButton *check)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);
  LankaRecord *task = row_get_task (GTK_LIST_BOX_ROW (row));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (task == NULL || self->database == NULL || !gtk_check_button_get_active (check))
    return;

  if (!lanka_tasks_complete (self->database, lanka_record_get_uuid (task), &error))
    {
      g_signal_handlers_block_by_func (check, on_check_toggled_cb, self);
      gtk_check_button_set_active (check, FALSE);
      g_signal_handlers_unblock_by_func (check, on_check_toggled_cb, self);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  /* Translators: a toast after a task was marked as done; %s is its case number */
  title = g_strdup_printf (_("Task of case %s done"), lanka_record_get (task, "case_number") ?: "");
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), TASK_KEY, g_strdup (lanka_record_get_uuid (task)),
                          g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  /* The task leaves the list, and this row with it: not while the row's
   * check button is still handling the click.
   */
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT, reload_cb, self, NULL);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  LankaDueView *self = user_data;
  LankaRecord *task = item;
  g_autofree char *title = lanka_due_view_dup_task_title (task);
  g_autofree char *when = NULL;
  g_autofree char *accessible = NULL;
  const char *number = lanka_record_get (task, "case_number");
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label;
  GDate today;

  get_today (self, &today);
  when = lanka_due_view_dup_due_text (lanka_record_get (task, "due_on"), &today);

  g_object_set_data_full (G_OBJECT (row), TASK_KEY, g_object_ref (task), g_object_unref);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Mark as done"));
  /* Translators: the check button of a task, for screen readers:
   * "Mark as done: Protection assessment, case 2026-0042"
   */
  accessible = g_strdup_printf (_("Mark as done: %s, case %s"), title, number ?: "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), check);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  label = make_label (title, "heading");
  gtk_widget_set_tooltip_text (label, title);
  gtk_box_append (GTK_BOX (text), label);

  label = make_label (number != NULL ? number : "", "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (line), label);

  label = make_label (when, "caption");
  gtk_widget_add_css_class (label,
                            lanka_task_get_group (task, &today) == LANKA_DUE_OVERDUE ? "error"
                                                                                     : "dim-label");
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (text), line);
  gtk_box_append (GTK_BOX (box), text);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Open the case"));

  return row;
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  LankaDueView *self = user_data;
  LankaRecord *task = row_get_task (row);
  LankaRecord *previous = row_get_task (before);
  LankaDueGroup group;
  GtkWidget *header;
  GDate today;

  get_today (self, &today);
  group = lanka_task_get_group (task, &today);

  if (previous != NULL && lanka_task_get_group (previous, &today) == group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = make_label (get_group_title (group), "heading");
  if (group == LANKA_DUE_OVERDUE)
    gtk_widget_add_css_class (header, "error");
  gtk_widget_set_margin_top (header, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_list_box_row_set_header (row, header);
}

static void
on_list_box_row_activated_cb (LankaDueView  *self,
                              GtkListBoxRow *row,
                              GtkListBox    *list_box)
{
  LankaRecord *task = row_get_task (row);
  const char *case_uuid = task != NULL ? lanka_record_get (task, "case_uuid") : NULL;

  if (case_uuid != NULL)
    g_signal_emit (self, signals[TASK_ACTIVATED], 0, case_uuid);
}

/**
 * lanka_due_view_reload:
 * @self: a #LankaDueView
 *
 * Reads the tasks due again, as after a save elsewhere or at midnight.
 */
void
lanka_due_view_reload (LankaDueView *self)
{
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  GDate until;

  g_return_if_fail (LANKA_IS_DUE_VIEW (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->database == NULL || !lanka_database_is_open (self->database))
    {
      g_clear_object (&self->tasks);
      gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
      update_page (self);
      return;
    }

  /* Hidden, the view is read when it is next shown: the Cases part
   * reloads it after every save, and the unlock should not wait for it.
   */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  self->stale = FALSE;

  get_today (self, &today);
  until = today;
  g_date_add_days (&until, 7);

  tasks = lanka_tasks_list_due (self->database, &today, &until, MAX_TASKS + 1, &error);
  if (tasks == NULL && error != NULL)
    {
      g_clear_object (&self->tasks);
      gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->more_label),
                          g_list_model_get_n_items (tasks) > MAX_TASKS);
  if (g_list_model_get_n_items (tasks) > MAX_TASKS)
    {
      GtkSliceListModel *first = gtk_slice_list_model_new (g_steal_pointer (&tasks), 0, MAX_TASKS);
      g_autofree char *more = NULL;

      tasks = G_LIST_MODEL (first);
      more = g_strdup_printf (_("Only the first %u tasks are shown. Each case lists all of its "
                                "own under Deadlines."),
                              MAX_TASKS);
      gtk_label_set_label (self->more_label, more);
    }

  g_set_object (&self->tasks, tasks);
  gtk_list_box_bind_model (self->list_box, self->tasks, create_row_cb, self, NULL);
  update_page (self);
}

static void
lanka_due_view_map (GtkWidget *widget)
{
  LankaDueView *self = LANKA_DUE_VIEW (widget);

  GTK_WIDGET_CLASS (lanka_due_view_parent_class)->map (widget);

  if (self->stale)
    lanka_due_view_reload (self);
}

static void
lanka_due_view_dispose (GObject *object)
{
  LankaDueView *self = (LankaDueView *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_DUE_VIEW);

  g_clear_object (&self->tasks);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_due_view_parent_class)->dispose (object);
}

static void
lanka_due_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LankaDueView *self = LANKA_DUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_due_view_get_database (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_due_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LankaDueView *self = LANKA_DUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_due_view_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_due_view_class_init (LankaDueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_due_view_dispose;
  object_class->get_property = lanka_due_view_get_property;
  object_class->set_property = lanka_due_view_set_property;

  widget_class->map = lanka_due_view_map;

  /**
   * LankaDueView:database:
   *
   * The open database whose tasks are shown, or %NULL while Länka is
   * locked: then the view holds nothing.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaDueView::task-activated:
   * @self: a #LankaDueView
   * @case_uuid: the case of the task chosen
   *
   * A task was chosen: its case is to be opened, at its deadlines.
   */
  signals[TASK_ACTIVATED] =
    g_signal_new ("task-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LankaDueView::changed:
   * @self: a #LankaDueView
   *
   * A task was completed or reopened here: counts of what is due change.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-due-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaDueView, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaDueView, list_box);
  gtk_widget_class_bind_template_child (widget_class, LankaDueView, more_label);
  gtk_widget_class_bind_template_child (widget_class, LankaDueView, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaDueView, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated_cb);
}

static void
lanka_due_view_init (LankaDueView *self)
{
  g_date_clear (&self->today, 1);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, update_header_cb, self, NULL);
  update_page (self);
}

/**
 * lanka_due_view_new:
 *
 * Returns: (transfer floating): a new #LankaDueView with no database
 */
GtkWidget *
lanka_due_view_new (void)
{
  return g_object_new (LANKA_TYPE_DUE_VIEW, NULL);
}

/**
 * lanka_due_view_get_database:
 * @self: a #LankaDueView
 *
 * Returns: (transfer none) (nullable): the database
 */
LankaDatabase *
lanka_due_view_get_database (LankaDueView *self)
{
  g_return_val_if_fail (LANKA_IS_DUE_VIEW (self), NULL);

  return self->database;
}

/**
 * lanka_due_view_set_database:
 * @self: a #LankaDueView
 * @database: (nullable): the open database, or %NULL to empty the view
 */
void
lanka_due_view_set_database (LankaDueView  *self,
                             LankaDatabase *database)
{
  g_return_if_fail (LANKA_IS_DUE_VIEW (self));
  g_return_if_fail (database == NULL || LANKA_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  lanka_due_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_due_view_set_today:
 * @self: a #LankaDueView
 * @today: (nullable): the day to show the tasks for, %NULL for the
 *   clock's
 *
 * The list follows the clock; a test gives it a day of its own.
 */
void
lanka_due_view_set_today (LankaDueView *self,
                          const GDate  *today)
{
  g_return_if_fail (LANKA_IS_DUE_VIEW (self));

  g_date_clear (&self->today, 1);
  if (today != NULL && g_date_valid (today))
    self->today = *today;

  lanka_due_view_reload (self);
}

/**
 * lanka_due_view_get_n_tasks:
 * @self: a #LankaDueView
 *
 * Returns: how many tasks the list shows
 */
guint
lanka_due_view_get_n_tasks (LankaDueView *self)
{
  g_return_val_if_fail (LANKA_IS_DUE_VIEW (self), 0);

  return self->tasks != NULL ? g_list_model_get_n_items (self->tasks) : 0;
}
