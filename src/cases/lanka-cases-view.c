/* lanka-cases-view.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-cases-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-audit.h"
#include "lanka-case-editor.h"
#include "lanka-case-history-dialog.h"
#include "lanka-case-list.h"
#include "lanka-case-print.h"
#include "lanka-case-row.h"
#include "lanka-cases-view.h"
#include "lanka-cases.h"
#include "lanka-due-view.h"
#include "lanka-new-case-dialog.h"
#include "lanka-retention-dialog.h"
#include "lanka-tasks.h"
#include "lanka-vocabulary.h"

/* The Cases part: a searchable, filterable list of cases on the side, the
 * case open in the editor beside it, one at a time on a narrow window.
 * The list is a lazy model over the store, so a hundred thousand cases
 * cost no more than ten.  Legal names stay hidden until the person asks
 * for them, which the audit log records; every lock hides them again.
 *
 * The side can show the tasks due across all cases instead of the list
 * (the Due button, Ctrl+D).  Whatever changes tasks (a save, a task done
 * in the Due list or in a case's Deadlines) activates cases.tasks-changed,
 * and the view tells the rest with ::tasks-changed.
 */
struct _LankaCasesView
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCaseList       *cases;
  GtkSingleSelection  *selection;
  char                *sort;
  GSignalGroup        *application_signals;

  /* The case open when Länka locked: opened again after the unlock, where
   * the editor takes up its draft.  A uuid, nothing personal.
   */
  char                *reopen_uuid;

  /* The section to show once the case asked for is open: a task chosen
   * in the Due list opens its case at its deadlines.
   */
  char                *open_section;

  /* The question asked before leaving a case with changes not saved. */
  AdwMessageDialog    *leave_dialog;

  /* The codes behind the filter drop-downs; position 0 is "any". */
  GPtrArray           *status_codes;
  GPtrArray           *form_codes;
  GPtrArray           *risk_codes;
  GPtrArray           *county_codes;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkStack            *sidebar_stack;
  GtkButton           *due_button;
  GtkLabel            *due_count_label;
  LankaDueView        *due_view;
  GtkWidget           *content;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *filter_button;
  GtkRevealer         *filter_revealer;
  GtkLabel            *filter_label;
  GtkStack            *list_stack;
  GtkGridView         *list_view;
  AdwStatusPage       *error_status;
  GtkLabel            *count_label;
  GtkRevealer         *back_revealer;
  GtkStack            *content_stack;
  LankaCaseEditor     *editor;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *step_dropdown;
  GtkDropDown         *form_dropdown;
  GtkDropDown         *risk_dropdown;
  GtkDropDown         *county_dropdown;
  GtkCheckButton      *child_check;

  guint                show_names : 1;

  /* Set while the selection changes because the list changed, not
   * because the person chose: then nothing opens and a narrow window
   * stays where it is.
   */
  guint                selecting_quietly : 1;
};

G_DEFINE_FINAL_TYPE (LankaCasesView, lanka_cases_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SHOW_NAMES,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TASKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char    *name;
  LankaCaseSort  sort;
} sorts[] = {
  { "number", LANKA_CASE_SORT_NUMBER },
  { "alias", LANKA_CASE_SORT_ALIAS },
  { "modified", LANKA_CASE_SORT_MODIFIED },
  { "deadline", LANKA_CASE_SORT_DEADLINE },
};

static void lanka_cases_view_update_actions (LankaCasesView *self);
static void lanka_cases_view_clear_filters  (GtkWidget      *widget,
                                             const char     *action_name,
                                             GVariant       *param);

/* Takes @toast. */
static void
show_toast (LankaCasesView *self,
            AdwToast       *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_toast (LankaCasesView *self,
                  const char     *message)
{
  show_toast (self, adw_toast_new (message));
}

static GtkWindow *
get_window (LankaCasesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
selected_code (GtkDropDown *dropdown,
               GPtrArray   *codes)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, position);
}

static LankaCaseSort
get_sort (LankaCasesView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_strcmp0 (self->sort, sorts[i].name) == 0)
      return sorts[i].sort;

  return LANKA_CASE_SORT_NUMBER;
}

static void
get_filter (LankaCasesView  *self,
            LankaCaseFilter *filter)
{
  guint step = gtk_drop_down_get_selected (self->step_dropdown);

  filter->status = selected_code (self->status_dropdown, self->status_codes);
  filter->nrm_step = step != GTK_INVALID_LIST_POSITION && step <= 6 ? (int)step : 0;
  filter->form = selected_code (self->form_dropdown, self->form_codes);
  filter->child_only = gtk_check_button_get_active (self->child_check);
  filter->risk = selected_code (self->risk_dropdown, self->risk_codes);
  filter->county = selected_code (self->county_dropdown, self->county_codes);
}

static char *
describe_filter (LankaCasesView        *self,
                 const LankaCaseFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter->status != NULL)
    g_ptr_array_add (parts, g_strdup (g_str_equal (filter->status, "open")
                                      ? _("Open cases")
                                      : lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS,
                                                                    filter->status)));
  if (filter->nrm_step != 0)
    {
      char code[2] = { '0' + filter->nrm_step, '\0' };

      /* TRANSLATORS: an NRM step in the filter summary, as in "Step 2: Immediate protection" */
      g_ptr_array_add (parts, g_strdup_printf (_("Step %d: %s"), filter->nrm_step,
                                               lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP,
                                                                           code)));
    }
  if (filter->form != NULL)
    g_ptr_array_add (parts, g_strdup (lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION,
                                                                  filter->form)));
  if (filter->child_only)
    g_ptr_array_add (parts, g_strdup (_("Child cases")));
  if (filter->risk != NULL)
    {
      if (g_str_equal (filter->risk, "urgent"))
        g_ptr_array_add (parts, g_strdup (_("Urgent")));
      else
        /* TRANSLATORS: a risk level in the filter summary, as in "Risk: High" */
        g_ptr_array_add (parts, g_strdup_printf (_("Risk: %s"),
                                                 lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK,
                                                                             filter->risk)));
    }
  if (filter->county != NULL)
    g_ptr_array_add (parts, g_strdup (lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY,
                                                                  filter->county)));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: separates the active filters, as in "Police · Skåne" */
  return g_strjoinv (_(" · "), (char **)parts->pdata);
}

/* Selects the case open in the editor if the list holds it, without
 * opening anything or moving a narrow window.
 */
static void
select_shown_quietly (LankaCasesView *self)
{
  const char *uuid = lanka_case_editor_get_uuid (self->editor);
  guint position = GTK_INVALID_LIST_POSITION;

  if (uuid != NULL && self->cases != NULL)
    position = lanka_case_list_find (self->cases, uuid);

  self->selecting_quietly = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting_quietly = FALSE;
}

static void
update_list_state (LankaCasesView        *self,
                   const char            *text,
                   const LankaCaseFilter *filter)
{
  g_autofree char *filter_text = describe_filter (self, filter);
  guint n_items = self->cases != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->cases)) : 0;
  gboolean searching = (text != NULL && *text != '\0') || filter_text != NULL;

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, searching ? "no-results" : "empty");

  gtk_revealer_set_reveal_child (self->filter_revealer, filter_text != NULL);
  gtk_label_set_label (self->filter_label, filter_text != NULL ? filter_text : "");

  if (filter_text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  if (n_items > 0)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u case", "%u cases", n_items), n_items);

      gtk_label_set_label (self->count_label, count);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
}

/* Whether the keyboard focus is on a row of the list, whose widget a
 * change of the list may take away.
 */
static gboolean
list_has_focus (LankaCasesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
}

/* The list changes in place, and the list view gives the rows it has
 * the new cases.  But when the selected case leaves the list, GTK 4.8's
 * GtkSingleSelection looks for it among every item the change added,
 * which reads every page of a lazy list: a hundred thousand cases for one
 * keystroke.  So nothing is selected while the list changes;
 * select_shown_quietly() selects the open case again after.
 */
static void
unselect_quietly (LankaCasesView *self)
{
  self->selecting_quietly = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting_quietly = FALSE;
}

/* A new list of cases comes in front of the old one, which goes right
 * after (see lanka-case-list.c): the view moves to the top in between,
 * to the new cases, so that the old ones leave no row the list view
 * would look for among the new.
 */
static void
on_cases_items_changed_cb (LankaCasesView *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *cases)
{
  if (position == 0 && removed == 0 && added > 0 && added < g_list_model_get_n_items (cases))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
run_query (LankaCasesView *self)
{
  g_autoptr(GError) error = NULL;
  LankaCaseFilter filter;
  const char *text;
  gboolean had_focus;
  gboolean queried;

  g_assert (LANKA_IS_CASES_VIEW (self));

  if (self->cases == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  get_filter (self, &filter);

  had_focus = list_has_focus (self);
  unselect_quietly (self);
  queried = lanka_case_list_set_query (self->cases, text, &filter, get_sort (self), self->show_names, &error);

  /* The row that had the focus may be gone with its case. */
  if (had_focus && !list_has_focus (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  if (!queried)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  update_list_state (self, text, &filter);
  select_shown_quietly (self);
  lanka_cases_view_update_actions (self);
}

/* After a case was saved, made or deleted: the same query again (the
 * list model runs it anew whenever the database changed).
 */
static void
reload (LankaCasesView *self)
{
  run_query (self);
}

static void
on_search_entry_search_changed_cb (LankaCasesView *self,
                                   GtkSearchEntry *entry)
{
  run_query (self);
}

static void
on_search_entry_stop_search_cb (LankaCasesView *self,
                                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_filter_changed_cb (LankaCasesView *self,
                      GParamSpec     *pspec,
                      GObject        *object)
{
  run_query (self);
}

static void
navigate_to_content (LankaCasesView *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
update_content (LankaCasesView *self)
{
  gboolean open = lanka_case_editor_get_case (self->editor) != NULL;

  gtk_stack_set_visible_child_name (self->content_stack, open ? "case" : "none");
  lanka_cases_view_update_actions (self);
}

/* Opens @uuid in the editor, or @kase when it is a case never saved. */
static gboolean
open_case (LankaCasesView *self,
           const char     *uuid,
           LankaCase      *kase)
{
  g_autoptr(GError) error = NULL;

  if (kase != NULL)
    lanka_case_editor_open_new (self->editor, kase);
  else if (!lanka_case_editor_open (self->editor, uuid, &error))
    {
      show_error_toast (self, error->message);
      select_shown_quietly (self);
      return FALSE;
    }

  update_content (self);
  select_shown_quietly (self);

  return TRUE;
}

/* Leaving a case with changes not saved: what to open once the person
 * said what becomes of the changes.
 */
typedef struct
{
  char      *uuid;
  LankaCase *kase;
  guint      navigate : 1;
} Leave;

static void
leave_free (gpointer data)
{
  Leave *leave = data;

  g_free (leave->uuid);
  g_clear_object (&leave->kase);
  g_free (leave);
}

static void
show_open_section (LankaCasesView *self)
{
  g_autofree char *section = g_steal_pointer (&self->open_section);

  if (section != NULL && lanka_case_editor_get_case (self->editor) != NULL)
    lanka_case_editor_show_section (self->editor, section);
}

static void
finish_leave (LankaCasesView *self,
              Leave          *leave)
{
  if (!open_case (self, leave->uuid, leave->kase))
    {
      g_clear_pointer (&self->open_section, g_free);
      return;
    }

  show_open_section (self);
  if (leave->navigate)
    navigate_to_content (self);
}

static void
on_leave_dialog_response_cb (LankaCasesView   *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  Leave *leave = g_object_get_data (G_OBJECT (dialog), "lanka-leave");
  g_autoptr(GError) error = NULL;

  g_clear_weak_pointer (&self->leave_dialog);

  if (self->database == NULL || leave == NULL)
    return;

  if (g_str_equal (response, "save"))
    {
      if (!lanka_case_editor_save (self->editor, &error))
        {
          show_error_toast (self, error->message);
          select_shown_quietly (self);
          return;
        }
      finish_leave (self, leave);
    }
  else if (g_str_equal (response, "discard"))
    {
      lanka_case_editor_discard_changes (self->editor);
      finish_leave (self, leave);
    }
  else
    {
      g_clear_pointer (&self->open_section, g_free);
      select_shown_quietly (self);
    }
}

/* Opens a case, asking first what becomes of the changes to the case
 * open now when it has some.  Takes a reference on @kase.
 */
static void
request_open (LankaCasesView *self,
              const char     *uuid,
              LankaCase      *kase,
              gboolean        navigate)
{
  LankaCase *current = lanka_case_editor_get_case (self->editor);
  Leave *leave;

  g_assert (uuid != NULL || kase != NULL);

  if (kase == NULL && g_strcmp0 (uuid, lanka_case_editor_get_uuid (self->editor)) == 0)
    {
      show_open_section (self);
      if (navigate)
        navigate_to_content (self);
      return;
    }

  leave = g_new0 (Leave, 1);
  leave->uuid = g_strdup (uuid);
  leave->kase = kase != NULL ? g_object_ref (kase) : NULL;
  leave->navigate = navigate;

  if (current == NULL || !lanka_case_editor_get_modified (self->editor))
    {
      finish_leave (self, leave);
      leave_free (leave);
      return;
    }

  /* One question at a time: a second choice replaces the first. */
  if (self->leave_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->leave_dialog));
  g_clear_weak_pointer (&self->leave_dialog);

  g_set_weak_pointer (&self->leave_dialog,
                     lanka_case_editor_new_unsaved_dialog (self->editor, get_window (self)));
  g_object_set_data_full (G_OBJECT (self->leave_dialog), "lanka-leave", leave, leave_free);
  g_signal_connect_object (self->leave_dialog, "response", G_CALLBACK (on_leave_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->leave_dialog));
}

static void
open_position (LankaCasesView *self,
               guint           position,
               gboolean        navigate)
{
  g_autoptr(LankaCaseSummary) item = NULL;

  if (self->cases == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->cases), position);
  if (item == NULL)
    return;

  request_open (self, lanka_case_summary_get_uuid (item), NULL, navigate);
}

static void
on_selection_changed_cb (LankaCasesView     *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->selecting_quietly || position == GTK_INVALID_LIST_POSITION)
    return;

  open_position (self, position, TRUE);
}

static void
on_list_view_activate_cb (LankaCasesView *self,
                          guint           position,
                          GtkGridView    *list_view)
{
  open_position (self, position, TRUE);
}

/* Enter in the search field opens the best match. */
static void
on_search_entry_activate_cb (LankaCasesView *self,
                             GtkSearchEntry *entry)
{
  if (self->cases == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->cases)) == 0)
    return;

  on_list_view_activate_cb (self, 0, self->list_view);
}

static void
on_leaflet_folded_cb (LankaCasesView *self,
                      GParamSpec     *pspec,
                      AdwLeaflet     *leaflet)
{
  gtk_revealer_set_reveal_child (self->back_revealer, adw_leaflet_get_folded (leaflet));
  lanka_cases_view_update_actions (self);
}

/* The Due button says how many tasks are overdue or due today, as the
 * badge of the Cases part does.
 */
static void
update_due_count (LankaCasesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  guint count = 0;

  if (self->database != NULL)
    count = lanka_tasks_count_due (self->database, NULL, &error);
  if (error != NULL)
    g_debug ("The tasks due could not be counted: %s", error->message);

  text = g_strdup_printf ("%u", count);
  gtk_label_set_label (self->due_count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->due_count_label), count > 0);

  accessible = g_strdup_printf (ngettext ("Due: %u task overdue or due today",
                                          "Due: %u tasks overdue or due today",
                                          count),
                                count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
tasks_changed (LankaCasesView *self)
{
  lanka_due_view_reload (self->due_view);
  update_due_count (self);
  g_signal_emit (self, signals[TASKS_CHANGED], 0);
}

/* A save brings the rules' tasks of the case in step. */
static void
on_editor_saved_cb (LankaCasesView  *self,
                    const char      *uuid,
                    LankaCaseEditor *editor)
{
  reload (self);
  update_content (self);
  tasks_changed (self);
}

static void
on_due_view_task_activated_cb (LankaCasesView *self,
                               const char     *case_uuid,
                               LankaDueView   *due_view)
{
  g_free (self->open_section);
  self->open_section = g_strdup ("tasks");

  if (!lanka_cases_view_show_case (self, case_uuid))
    g_clear_pointer (&self->open_section, g_free);
}

static void
on_due_view_changed_cb (LankaCasesView *self,
                        LankaDueView   *due_view)
{
  update_due_count (self);
  g_signal_emit (self, signals[TASKS_CHANGED], 0);
}

/* The editor keeps what is typed as a draft: the row says so at once,
 * without a query, and says it no more once the case is saved or the
 * changes are discarded.
 */
static void
on_editor_notify_modified_cb (LankaCasesView  *self,
                              GParamSpec      *pspec,
                              LankaCaseEditor *editor)
{
  const char *uuid = lanka_case_editor_get_uuid (editor);

  if (self->cases == NULL || uuid == NULL)
    return;

  unselect_quietly (self);
  lanka_case_list_set_has_draft (self->cases, uuid, lanka_case_editor_get_modified (editor));
  select_shown_quietly (self);
}

static void
on_editor_closed_cb (LankaCasesView  *self,
                     LankaCaseEditor *editor)
{
  update_content (self);
  select_shown_quietly (self);
}

/* Actions */

static void
on_new_case_dialog_create_cb (LankaCasesView     *self,
                              LankaCase          *kase,
                              LankaNewCaseDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (self->database == NULL)
    return;

  /* A case gets its number, and its place in the list, when it is first
   * saved.  Should that fail, the case opens unsaved, so that nothing
   * typed is lost.
   */
  if (!lanka_cases_save (self->database, kase, &error))
    {
      show_error_toast (self, error->message);
      request_open (self, NULL, kase, TRUE);
      return;
    }

  reload (self);
  request_open (self, lanka_case_get_uuid (kase), NULL, TRUE);
}

static void
on_new_case_dialog_open_existing_cb (LankaCasesView     *self,
                                     const char         *uuid,
                                     LankaNewCaseDialog *dialog)
{
  lanka_cases_view_show_case (self, uuid);
}

static void
lanka_cases_view_new (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);
  LankaNewCaseDialog *dialog;

  if (self->database == NULL)
    return;

  dialog = lanka_new_case_dialog_new (get_window (self), self->database);
  g_signal_connect_object (dialog, "create", G_CALLBACK (on_new_case_dialog_create_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "open-existing", G_CALLBACK (on_new_case_dialog_open_existing_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_cases_view_search (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  lanka_cases_view_focus_search (LANKA_CASES_VIEW (widget));
}

static void
lanka_cases_view_save (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (lanka_case_editor_get_case (self->editor) == NULL)
    return;

  if (!lanka_case_editor_save (self->editor, &error))
    show_error_toast (self, error->message);
}

static void
lanka_cases_view_print (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);
  LankaCase *kase = lanka_case_editor_get_case (self->editor);
  g_autoptr(GError) error = NULL;

  if (kase == NULL || self->database == NULL)
    return;

  if (!lanka_case_print (get_window (self), self->database, kase, self->show_names, &error))
    show_error_toast (self, error->message);
}

static void
lanka_cases_view_history (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);
  LankaCase *kase = lanka_case_editor_get_case (self->editor);
  LankaCaseHistoryDialog *dialog;

  if (kase == NULL || self->database == NULL)
    return;

  dialog = lanka_case_history_dialog_new (get_window (self), self->database, kase, self->show_names);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The case Delete is about: the one chosen in the list, else the one open. */
static gboolean
get_delete_target (LankaCasesView  *self,
                   char           **uuid,
                   char           **number)
{
  LankaCaseSummary *item;
  LankaCase *kase;

  if (self->database == NULL)
    return FALSE;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item != NULL)
    {
      *uuid = g_strdup (lanka_case_summary_get_uuid (item));
      *number = g_strdup (lanka_case_summary_get_number (item));
      return TRUE;
    }

  kase = lanka_case_editor_get_case (self->editor);
  if (kase != NULL && !lanka_case_is_new (kase))
    {
      *uuid = g_strdup (lanka_case_get_uuid (kase));
      *number = g_strdup (lanka_case_get_number (kase));
      return TRUE;
    }

  return FALSE;
}

static void
on_delete_dialog_response_cb (LankaCasesView   *self,
                              const char       *response,
                              AdwMessageDialog *dialog)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "lanka-uuid");
  const char *number = g_object_get_data (G_OBJECT (dialog), "lanka-number");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "delete") || self->database == NULL || uuid == NULL)
    return;

  if (!lanka_cases_delete (self->database, uuid, &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  /* What was open goes with the case, changes and all. */
  if (g_strcmp0 (lanka_case_editor_get_uuid (self->editor), uuid) == 0)
    {
      lanka_case_editor_clear (self->editor);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }

  reload (self);
  update_content (self);

  /* TRANSLATORS: a toast after deleting a case; %s is its number */
  title = g_strdup_printf (_("Case %s deleted"), number != NULL ? number : "");
  show_toast (self, adw_toast_new (title));
}

static void
lanka_cases_view_delete (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);
  g_autofree char *uuid = NULL;
  g_autofree char *number = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (!get_delete_target (self, &uuid, &number))
    return;

  /* TRANSLATORS: %s is a case number, such as 2026-0042 */
  heading = g_strdup_printf (_("Delete Case %s?"), number != NULL ? number : "");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, NULL));
  adw_message_dialog_set_body (dialog, _("The case, its people, journal and change history are "
                                         "deleted for good. This cannot be undone."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lanka-uuid", g_steal_pointer (&uuid), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "lanka-number", g_steal_pointer (&number), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_cases_view_show_due (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);

  if (self->database == NULL)
    return;

  lanka_due_view_reload (self->due_view);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "due");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_child_focus (GTK_WIDGET (self->due_view), GTK_DIR_TAB_FORWARD);
  lanka_cases_view_update_actions (self);
}

static void
lanka_cases_view_hide_due (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "cases");
  gtk_widget_grab_focus (GTK_WIDGET (self->due_button));
  lanka_cases_view_update_actions (self);
}

static void
lanka_cases_view_tasks_changed (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  tasks_changed (LANKA_CASES_VIEW (widget));
}

/* A case the review deleted goes from the list, and from the editor
 * without a draft: there is no case left to keep changes for.
 */
static void
on_retention_dialog_deleted_cb (LankaCasesView       *self,
                                const char           *case_uuid,
                                LankaRetentionDialog *dialog)
{
  if (g_strcmp0 (lanka_case_editor_get_uuid (self->editor), case_uuid) == 0)
    {
      lanka_case_editor_discard_changes (self->editor);
      lanka_case_editor_clear (self->editor);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }

  reload (self);
  update_content (self);
  tasks_changed (self);
}

static void
lanka_cases_view_review_retention (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);
  LankaRetentionDialog *dialog;

  if (self->database == NULL)
    return;

  dialog = lanka_retention_dialog_new (get_window (self), self->database);
  g_signal_connect_object (dialog, "deleted", G_CALLBACK (on_retention_dialog_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_cases_view_back (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
lanka_cases_view_clear_filters (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaCasesView *self = LANKA_CASES_VIEW (widget);
  GObject *controls[] = {
    G_OBJECT (self->status_dropdown),
    G_OBJECT (self->step_dropdown),
    G_OBJECT (self->form_dropdown),
    G_OBJECT (self->risk_dropdown),
    G_OBJECT (self->county_dropdown),
    G_OBJECT (self->child_check),
  };

  /* One query for the lot, not one per control. */
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    g_signal_handlers_block_by_func (controls[i], on_filter_changed_cb, self);

  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->step_dropdown, 0);
  gtk_drop_down_set_selected (self->form_dropdown, 0);
  gtk_drop_down_set_selected (self->risk_dropdown, 0);
  gtk_drop_down_set_selected (self->county_dropdown, 0);
  gtk_check_button_set_active (self->child_check, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    g_signal_handlers_unblock_by_func (controls[i], on_filter_changed_cb, self);

  run_query (self);
}

static void
lanka_cases_view_update_actions (LankaCasesView *self)
{
  LankaCase *kase = lanka_case_editor_get_case (self->editor);
  gboolean open = self->database != NULL;
  gboolean has_case = open && kase != NULL;
  gboolean saved_case = has_case && !lanka_case_is_new (kase);
  gboolean selected = open && gtk_single_selection_get_selected_item (self->selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.new", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.search", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.show-names", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.sort", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.clear-filters", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.save", has_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.print", has_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.history", saved_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.delete", selected || saved_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.back",
                                 adw_leaflet_get_folded (self->leaflet));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.show-due", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.hide-due", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.tasks-changed", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.review-retention", open);
}

static void
on_selected_item_changed_cb (LankaCasesView     *self,
                             GParamSpec         *pspec,
                             GtkSingleSelection *selection)
{
  lanka_cases_view_update_actions (self);
}

/* A new case that was never saved lives only in its draft: offered after
 * the unlock, since no list row leads to it.
 */
static char *
find_new_case_draft (LankaCasesView *self)
{
  g_auto(GStrv) drafts = lanka_cases_list_drafts (self->database, NULL);

  for (guint i = 0; drafts != NULL && drafts[i] != NULL; i++)
    {
      g_autoptr(LankaCase) kase = NULL;

      if (g_strcmp0 (drafts[i], lanka_case_editor_get_uuid (self->editor)) == 0)
        continue;

      kase = lanka_cases_load_draft (self->database, drafts[i], NULL, NULL);
      if (kase != NULL && lanka_case_is_new (kase))
        return g_strdup (drafts[i]);
    }

  return NULL;
}

static void
on_draft_toast_button_clicked_cb (LankaCasesView *self,
                                  AdwToast       *toast)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "lanka-uuid");
  g_autoptr(LankaCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (self->database == NULL || uuid == NULL)
    return;

  if (!(kase = lanka_cases_load_draft (self->database, uuid, NULL, &error)))
    {
      show_error_toast (self, error->message);
      return;
    }

  request_open (self, NULL, kase, TRUE);
}

static void
offer_new_case_draft (LankaCasesView *self)
{
  g_autofree char *uuid = find_new_case_draft (self);
  AdwToast *toast;

  if (uuid == NULL)
    return;

  toast = adw_toast_new (_("A new case you had not saved is kept"));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 0);
  g_object_set_data_full (G_OBJECT (toast), "lanka-uuid", g_steal_pointer (&uuid), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_draft_toast_button_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

/* After an unlock the case that was open comes back, and the editor
 * takes up its draft.  It may have gone since (another database, or
 * deleted): then there is nothing to open.
 */
static void
reopen_case (LankaCasesView *self)
{
  g_autofree char *uuid = g_steal_pointer (&self->reopen_uuid);

  if (uuid == NULL)
    return;

  if (lanka_case_editor_open (self->editor, uuid, NULL))
    {
      update_content (self);
      select_shown_quietly (self);
      navigate_to_content (self);
    }
}

/* Runs before the editor empties itself for the lock: which case was
 * open is known only now.
 */
static void
on_application_locking_cb (LankaCasesView *self,
                           LankaDatabase  *database)
{
  const char *uuid = lanka_case_editor_get_uuid (self->editor);

  if (database != self->database || uuid == NULL)
    return;

  g_free (self->reopen_uuid);
  self->reopen_uuid = g_strdup (uuid);
}

static GtkStringList *
new_code_list (LankaVocabulary  vocabulary,
               const char      *any_label,
               GPtrArray       *codes)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any_label);
  g_ptr_array_add (codes, NULL);

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);

      gtk_string_list_append (list, lanka_vocabulary_get_label (vocabulary, code));
      g_ptr_array_add (codes, (gpointer)code);
    }

  return list;
}

static void
setup_filters (LankaCasesView *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) steps = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) forms = NULL;
  g_autoptr(GtkStringList) risks = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) counties = NULL;

  self->status_codes = g_ptr_array_new ();
  self->form_codes = g_ptr_array_new ();
  self->risk_codes = g_ptr_array_new ();
  self->county_codes = g_ptr_array_new ();

  /* "Open" first: the cases still being worked on are the usual view. */
  gtk_string_list_append (statuses, _("Any status"));
  g_ptr_array_add (self->status_codes, NULL);
  gtk_string_list_append (statuses, _("Open cases"));
  g_ptr_array_add (self->status_codes, (gpointer)"open");
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_CASE_STATUS); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_CASE_STATUS, i);

      gtk_string_list_append (statuses, lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, code));
      g_ptr_array_add (self->status_codes, (gpointer)code);
    }

  /* The position is the step. */
  gtk_string_list_append (steps, _("Any step"));
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_NRM_STEP); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_NRM_STEP, i);
      g_autofree char *label = NULL;

      /* TRANSLATORS: an NRM step in the filter, as in "Step 2: Immediate protection" */
      label = g_strdup_printf (_("Step %d: %s"), (int)i + 1,
                               lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, code));
      gtk_string_list_append (steps, label);
    }

  forms = new_code_list (LANKA_VOCABULARY_EXPLOITATION, _("Any form"), self->form_codes);

  gtk_string_list_append (risks, _("Any risk"));
  g_ptr_array_add (self->risk_codes, NULL);
  gtk_string_list_append (risks, _("Urgent"));
  g_ptr_array_add (self->risk_codes, (gpointer)"urgent");
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_RISK); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_RISK, i);
      g_autofree char *label = NULL;

      /* TRANSLATORS: a risk level in the filter, as in "Risk: High" */
      label = g_strdup_printf (_("Risk: %s"), lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK, code));
      gtk_string_list_append (risks, label);
      g_ptr_array_add (self->risk_codes, (gpointer)code);
    }

  counties = new_code_list (LANKA_VOCABULARY_COUNTY, _("Any county"), self->county_codes);

  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->step_dropdown, G_LIST_MODEL (steps));
  gtk_drop_down_set_model (self->form_dropdown, G_LIST_MODEL (forms));
  gtk_drop_down_set_model (self->risk_dropdown, G_LIST_MODEL (risks));
  gtk_drop_down_set_model (self->county_dropdown, G_LIST_MODEL (counties));
}

static void
lanka_cases_view_dispose (GObject *object)
{
  LankaCasesView *self = (LankaCasesView *)object;

  if (self->leave_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->leave_dialog));
  g_clear_weak_pointer (&self->leave_dialog);

  if (self->application_signals != NULL)
    g_signal_group_set_target (self->application_signals, NULL);
  g_clear_object (&self->application_signals);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASES_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->cases);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_cases_view_parent_class)->dispose (object);
}

static void
lanka_cases_view_finalize (GObject *object)
{
  LankaCasesView *self = (LankaCasesView *)object;

  g_clear_pointer (&self->sort, g_free);
  g_clear_pointer (&self->reopen_uuid, g_free);
  g_clear_pointer (&self->open_section, g_free);
  g_clear_pointer (&self->status_codes, g_ptr_array_unref);
  g_clear_pointer (&self->form_codes, g_ptr_array_unref);
  g_clear_pointer (&self->risk_codes, g_ptr_array_unref);
  g_clear_pointer (&self->county_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_cases_view_parent_class)->finalize (object);
}

static void
lanka_cases_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LankaCasesView *self = LANKA_CASES_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_cases_view_get_database (self));
      break;

    case PROP_SHOW_NAMES:
      g_value_set_boolean (value, lanka_cases_view_get_show_names (self));
      break;

    case PROP_SORT:
      g_value_set_string (value, lanka_cases_view_get_sort (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_cases_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LankaCasesView *self = LANKA_CASES_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_cases_view_set_database (self, g_value_get_object (value));
      break;

    case PROP_SHOW_NAMES:
      lanka_cases_view_set_show_names (self, g_value_get_boolean (value));
      break;

    case PROP_SORT:
      lanka_cases_view_set_sort (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_cases_view_class_init (LankaCasesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_cases_view_dispose;
  object_class->finalize = lanka_cases_view_finalize;
  object_class->get_property = lanka_cases_view_get_property;
  object_class->set_property = lanka_cases_view_set_property;

  /**
   * LankaCasesView:database:
   *
   * The open database whose cases are shown, or %NULL while Länka is
   * locked: then the view holds no data at all.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaCasesView:show-names:
   *
   * Whether legal names are shown, in the list and in the case.  Turning
   * it on is written in the audit log; it goes off at every lock.
   */
  properties[PROP_SHOW_NAMES] =
    g_param_spec_boolean ("show-names", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaCasesView:sort:
   *
   * The order of the list: "number" (newest first), "alias", "modified"
   * (last changed first) or "deadline" (the next one first).
   */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL,
                         "number",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaCasesView::tasks-changed:
   * @self: a #LankaCasesView
   *
   * Tasks were added, done, reopened or moved (a save, the Due list, a
   * case's Deadlines): what counts or shows them reads them again.
   */
  signals[TASKS_CHANGED] =
    g_signal_new ("tasks-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-cases-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, back_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, child_check);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, content);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, due_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, due_count_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, due_view);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, editor);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, error_status);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, risk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, step_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaCasesView, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_due_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_view_task_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "cases.new", NULL, lanka_cases_view_new);
  gtk_widget_class_install_action (widget_class, "cases.search", NULL, lanka_cases_view_search);
  gtk_widget_class_install_action (widget_class, "cases.save", NULL, lanka_cases_view_save);
  gtk_widget_class_install_action (widget_class, "cases.print", NULL, lanka_cases_view_print);
  gtk_widget_class_install_action (widget_class, "cases.history", NULL, lanka_cases_view_history);
  gtk_widget_class_install_action (widget_class, "cases.delete", NULL, lanka_cases_view_delete);
  gtk_widget_class_install_action (widget_class, "cases.back", NULL, lanka_cases_view_back);
  gtk_widget_class_install_action (widget_class, "cases.clear-filters", NULL, lanka_cases_view_clear_filters);
  gtk_widget_class_install_action (widget_class, "cases.show-due", NULL, lanka_cases_view_show_due);
  gtk_widget_class_install_action (widget_class, "cases.hide-due", NULL, lanka_cases_view_hide_due);
  gtk_widget_class_install_action (widget_class, "cases.tasks-changed", NULL,
                                   lanka_cases_view_tasks_changed);
  gtk_widget_class_install_action (widget_class, "cases.review-retention", NULL,
                                   lanka_cases_view_review_retention);
  gtk_widget_class_install_property_action (widget_class, "cases.show-names", "show-names");
  gtk_widget_class_install_property_action (widget_class, "cases.sort", "sort");

  /* Every shortcut here is listed in gtk/help-overlay.ui.  Delete is the
   * list's own (see the template): in a text field it deletes text.
   */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "cases.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "cases.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "cases.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "cases.show-names", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "cases.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "cases.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "cases.show-due", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "cases.back", NULL);

  g_type_ensure (LANKA_TYPE_CASE_EDITOR);
  g_type_ensure (LANKA_TYPE_CASE_ROW);
  g_type_ensure (LANKA_TYPE_DUE_VIEW);
}

/* The list's rows: made once per list item, then given case after case
 * as the list scrolls.  Plain callbacks rather than a builder factory,
 * which would parse its template for every row.
 */
static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, lanka_case_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  lanka_case_row_set_summary (LANKA_CASE_ROW (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

/* A row kept for later holds no case: after a lock nothing personal
 * stays in a widget.
 */
static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  lanka_case_row_set_summary (LANKA_CASE_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
lanka_cases_view_init (LankaCasesView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *shortcuts;

  self->sort = g_strdup ("number");

  /* Connected before the editor, made with the template, connects its
   * own: see on_application_locking_cb().
   */
  self->application_signals = g_signal_group_new (LANKA_TYPE_APPLICATION);
  g_signal_group_connect_swapped (self->application_signals, "locking",
                                  G_CALLBACK (on_application_locking_cb), self);
  if (LANKA_IS_APPLICATION (g_application_get_default ()))
    g_signal_group_set_target (self->application_signals, g_application_get_default ());

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_filters (self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selected_item_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("cases.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "closed", G_CALLBACK (on_editor_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::modified", G_CALLBACK (on_editor_notify_modified_cb), self,
                           G_CONNECT_SWAPPED);

  /* Typing anywhere in the list goes to the search field. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  on_leaflet_folded_cb (self, NULL, self->leaflet);
  lanka_cases_view_update_actions (self);
}

/**
 * lanka_cases_view_get_database:
 * @self: a #LankaCasesView
 *
 * Returns: (transfer none) (nullable): the database shown
 */
LankaDatabase *
lanka_cases_view_get_database (LankaCasesView *self)
{
  g_return_val_if_fail (LANKA_IS_CASES_VIEW (self), NULL);

  return self->database;
}

/**
 * lanka_cases_view_set_database:
 * @self: a #LankaCasesView
 * @database: (nullable): the open database, or %NULL to empty the view
 *
 * Shows the cases of @database.  With %NULL, as when Länka locks, the
 * list, the case open and the search are let go and names are hidden;
 * the case that was open opens again with the next database.
 */
void
lanka_cases_view_set_database (LankaCasesView *self,
                               LankaDatabase  *database)
{
  g_return_if_fail (LANKA_IS_CASES_VIEW (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (self->database == database)
    return;

  /* The editor keeps what was typed as a draft when Länka locks; the case
   * opens again after the unlock.
   */
  if (self->database != NULL && lanka_case_editor_get_uuid (self->editor) != NULL)
    {
      g_free (self->reopen_uuid);
      self->reopen_uuid = g_strdup (lanka_case_editor_get_uuid (self->editor));
    }

  if (LANKA_IS_APPLICATION (g_application_get_default ()))
    g_signal_group_set_target (self->application_signals, g_application_get_default ());

  if (self->leave_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->leave_dialog));
  g_clear_weak_pointer (&self->leave_dialog);

  g_set_object (&self->database, database);

  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->cases);
  lanka_case_editor_set_database (self->editor, database);
  lanka_case_editor_clear (self->editor);

  /* Names are shown for a moment, never across a lock. */
  lanka_cases_view_set_show_names (self, FALSE);

  /* What was searched for is part of what the person did: not kept. */
  g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  /* The Due list is read anew from the next database, or let go. */
  g_clear_pointer (&self->open_section, g_free);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "cases");
  lanka_due_view_set_database (self->due_view, database);
  update_due_count (self);

  if (database != NULL)
    {
      self->cases = lanka_case_list_new (database);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->cases));
      /* After the selection's own handler, and so the list view's. */
      g_signal_connect_object (self->cases, "items-changed", G_CALLBACK (on_cases_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      run_query (self);
      reopen_case (self);
      offer_new_case_draft (self);
    }

  update_content (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_cases_view_get_show_names:
 * @self: a #LankaCasesView
 *
 * Returns: whether legal names are shown
 */
gboolean
lanka_cases_view_get_show_names (LankaCasesView *self)
{
  g_return_val_if_fail (LANKA_IS_CASES_VIEW (self), FALSE);

  return self->show_names;
}

/**
 * lanka_cases_view_set_show_names:
 * @self: a #LankaCasesView
 * @show_names: whether to show legal names
 *
 * Shows or hides legal names in the list and in the case open.  Showing
 * them writes an audit row, with the open case if there is one; without a
 * database there is nothing to show.
 */
void
lanka_cases_view_set_show_names (LankaCasesView *self,
                                 gboolean        show_names)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANKA_IS_CASES_VIEW (self));

  show_names = !!show_names && self->database != NULL;

  if (self->show_names == show_names)
    return;

  /* No record, no names. */
  if (show_names &&
      !lanka_audit_log (self->database, LANKA_AUDIT_NAMES_REVEAL,
                        lanka_case_editor_get_uuid (self->editor), NULL, &error))
    {
      show_error_toast (self, error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NAMES]);
      return;
    }

  self->show_names = show_names;
  lanka_case_editor_set_show_names (self->editor, show_names);
  run_query (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NAMES]);
}

/**
 * lanka_cases_view_get_sort:
 * @self: a #LankaCasesView
 *
 * Returns: the order of the list; see #LankaCasesView:sort
 */
const char *
lanka_cases_view_get_sort (LankaCasesView *self)
{
  g_return_val_if_fail (LANKA_IS_CASES_VIEW (self), NULL);

  return self->sort;
}

/**
 * lanka_cases_view_set_sort:
 * @self: a #LankaCasesView
 * @sort: "number", "alias", "modified" or "deadline"
 */
void
lanka_cases_view_set_sort (LankaCasesView *self,
                           const char     *sort)
{
  gboolean known = FALSE;

  g_return_if_fail (LANKA_IS_CASES_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    known |= g_strcmp0 (sort, sorts[i].name) == 0;
  g_return_if_fail (known);

  if (g_strcmp0 (self->sort, sort) == 0)
    return;

  g_free (self->sort);
  self->sort = g_strdup (sort);
  run_query (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

/**
 * lanka_cases_view_show_case:
 * @self: a #LankaCasesView
 * @uuid: the case to open
 *
 * Opens the case, selected in the list; when the search or the filters
 * hide it, they are cleared first.  With changes not saved in the case
 * open now, the person is asked first.
 *
 * Returns: %FALSE if there is no database to open it from
 */
gboolean
lanka_cases_view_show_case (LankaCasesView *self,
                            const char     *uuid)
{
  g_return_val_if_fail (LANKA_IS_CASES_VIEW (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (self->database == NULL)
    return FALSE;

  if (lanka_case_list_find (self->cases, uuid) == GTK_INVALID_LIST_POSITION)
    {
      g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
      lanka_cases_view_clear_filters (GTK_WIDGET (self), NULL, NULL);
    }

  request_open (self, uuid, NULL, TRUE);

  return TRUE;
}

/**
 * lanka_cases_view_get_shown_uuid:
 * @self: a #LankaCasesView
 *
 * Returns: (nullable): the uuid of the case open beside the list
 */
const char *
lanka_cases_view_get_shown_uuid (LankaCasesView *self)
{
  g_return_val_if_fail (LANKA_IS_CASES_VIEW (self), NULL);

  return lanka_case_editor_get_uuid (self->editor);
}

/**
 * lanka_cases_view_get_editor:
 * @self: a #LankaCasesView
 *
 * Returns: (transfer none): the case editor beside the list
 */
LankaCaseEditor *
lanka_cases_view_get_editor (LankaCasesView *self)
{
  g_return_val_if_fail (LANKA_IS_CASES_VIEW (self), NULL);

  return self->editor;
}

/**
 * lanka_cases_view_set_search_text:
 * @self: a #LankaCasesView
 * @text: what to search for
 *
 * Searches at once, as if the person had typed @text.
 */
void
lanka_cases_view_set_search_text (LankaCasesView *self,
                                  const char     *text)
{
  g_return_if_fail (LANKA_IS_CASES_VIEW (self));

  g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  run_query (self);
}

/**
 * lanka_cases_view_focus_search:
 * @self: a #LankaCasesView
 *
 * Moves the keyboard focus to the search field, showing the list on a
 * narrow window.
 */
void
lanka_cases_view_focus_search (LankaCasesView *self)
{
  g_return_if_fail (LANKA_IS_CASES_VIEW (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
