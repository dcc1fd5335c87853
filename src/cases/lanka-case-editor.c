/* lanka-case-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-case-child.h"
#include "lanka-case-closure.h"
#include "lanka-case-editor.h"
#include "lanka-case-exploitation.h"
#include "lanka-case-journal.h"
#include "lanka-case-legal.h"
#include "lanka-case-overview.h"
#include "lanka-case-people.h"
#include "lanka-case-plan.h"
#include "lanka-case-protection.h"
#include "lanka-case-referrals.h"
#include "lanka-case-rows.h"
#include "lanka-case-tasks.h"
#include "lanka-cases.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* One case, with a header that says which case it is and whether what is
 * on screen is saved, and its sections.  The sections edit the LankaCase
 * in memory; the editor alone writes it: as a draft shortly after every
 * change (so that a crash, a lock or a power cut loses nothing), and as
 * the case itself on Save.
 *
 * A draft is written at most DRAFT_DELAY_MS after the first change that
 * no draft holds yet.  The timer is not started again by later changes:
 * someone who keeps typing would otherwise never get a draft.
 */
#define DRAFT_DELAY_MS 1500

typedef struct
{
  const char  *name;
  const char  *title;
  GType      (*get_type) (void);
} Section;

/* The sections in the order a case is worked through; Ctrl+1 … Ctrl+9
 * follow this order among the sections shown.  (Alt+1 … Alt+3 belong to
 * the window, which switches between its parts with them.)
 */
static const Section sections[] = {
  { "overview", N_("Overview"), lanka_case_overview_get_type },
  { "people", N_("People"), lanka_case_people_get_type },
  { "exploitation", N_("Exploitation"), lanka_case_exploitation_get_type },
  { "protection", N_("Protection and Risk"), lanka_case_protection_get_type },
  { "tasks", N_("Deadlines"), lanka_case_tasks_get_type },
  { "legal", N_("Residence and Legal"), lanka_case_legal_get_type },
  { "plan", N_("Support Plan"), lanka_case_plan_get_type },
  { "referrals", N_("Referrals and Consent"), lanka_case_referrals_get_type },
  { "journal", N_("Journal"), lanka_case_journal_get_type },
  { "closure", N_("Closure"), lanka_case_closure_get_type },
  { "child", N_("Child"), lanka_case_child_get_type },
};

#define N_SECTIONS G_N_ELEMENTS (sections)
#define CHILD_SECTION (N_SECTIONS - 1)

struct _LankaCaseEditor
{
  AdwBin          parent_instance;

  LankaDatabase  *database;
  LankaCase      *kase;
  /* The case as it was loaded or last saved, for Discard. */
  LankaCase      *stored;
  GSignalGroup   *case_signals;
  GSignalGroup   *application_signals;

  GPtrArray      *problems;
  /* The sections' names in the drop-down's order. */
  GPtrArray      *shown_sections;
  /* The sections, each made when it is first needed: nine forms built
   * at start-up would make every start slower for a case not yet open.
   */
  GtkWidget      *section_widgets[N_SECTIONS];
  /* The stack's children: each section in its scrolled window, or the
   * journal, which scrolls by itself; and where the section goes in it.
   */
  GtkWidget      *section_pages[N_SECTIONS];
  GtkWidget      *section_holders[N_SECTIONS];
  GtkListBoxRow  *section_rows[N_SECTIONS];
  /* Whether a section was given the case shown.  A section builds its
   * rows when it gets a case, and a filled case has hundreds of them: so
   * a section gets the case only when it is first shown, or when its
   * rows must carry validation marks.  Until then it may still hold the
   * case shown before, which nobody sees.
   */
  gboolean        section_current[N_SECTIONS];

  /* When the last draft was written (real time), or 0 when there are
   * changes no draft holds.
   */
  gint64          draft_saved_at;
  guint           draft_timeout_id;

  guint           modified : 1;
  guint           show_names : 1;
  guint           syncing_section : 1;

  /* Template widgets */
  GtkLabel       *number_label;
  GtkLabel       *child_badge;
  GtkLabel       *state_label;
  GtkLabel       *alias_label;
  GtkLabel       *status_label;
  GtkButton      *save_button;
  GtkMenuButton  *menu_button;
  GtkRevealer    *protected_revealer;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkRevealer    *problems_revealer;
  GtkLabel       *problems_label;
  GtkRevealer    *draft_revealer;
  GtkLabel       *draft_label;
  AdwLeaflet     *leaflet;
  GtkListBox     *section_list;
  GtkDropDown    *section_dropdown;
  GtkStack       *stack;
};

G_DEFINE_FINAL_TYPE (LankaCaseEditor, lanka_case_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  PROP_MODIFIED,
  PROP_SHOW_NAMES,
  N_PROPS,
};

enum {
  SAVED,
  CLOSED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
get_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_time_t (today, time (NULL));
}

static char *
describe_error (const GError *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DISK_FULL))
    return g_strdup (_("The disk is full. Free some space and try again."));

  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
    return g_strdup (_("The case no longer exists. It may have been deleted."));

  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID))
    return g_strdup (error->message);

  /* Translators: %s is the reason, as the database gives it */
  return g_strdup_printf (_("The case could not be read or written: %s"), error->message);
}

static void
show_error (LankaCaseEditor *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static char *
dup_time_of_day (gint64 real_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (real_time / G_USEC_PER_SEC);

  return g_date_time_format (when, "%H:%M");
}

/* The words under the case number that say whether what is on screen is
 * kept: nothing to say, changes no draft holds yet, or changes kept as a
 * draft but not saved.
 */
static void
update_state (LankaCaseEditor *self)
{
  g_autofree char *text = NULL;

  if (self->kase == NULL || !self->modified)
    {
      text = NULL;
    }
  else if (self->draft_saved_at == 0)
    {
      text = g_strdup (_("Unsaved changes"));
    }
  else
    {
      g_autofree char *time_text = dup_time_of_day (self->draft_saved_at);

      /* Translators: %s is a time of day, such as 14:02 */
      text = g_strdup_printf (_("Draft saved %s"), time_text);
    }

  gtk_label_set_label (self->state_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
}

/* Save is offered while there is something to save: changes, or a new
 * case that is not in the database yet (its journal waits for it).  What
 * the case menu does belongs to the view, which enables it.
 */
static void
update_actions (LankaCaseEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-editor.save",
                                 self->kase != NULL &&
                                 (self->modified || lanka_case_is_new (self->kase)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-editor.refer", self->kase != NULL);
}

static gboolean
has_protected_identity (LankaCase *kase)
{
  GListModel *people = lanka_case_get_people (kase);
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;

  if (lanka_record_list_contains (lanka_case_get_record (kase), "flags", "protected_identity"))
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (people, i);

      if (lanka_record_get_boolean (person, "protected_identity"))
        return TRUE;
    }

  return FALSE;
}

static void
rebuild_dropdown (LankaCaseEditor *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  const char *visible = gtk_stack_get_visible_child_name (self->stack);
  guint selected = 0;

  g_ptr_array_set_size (self->shown_sections, 0);

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      if (!gtk_widget_get_visible (GTK_WIDGET (self->section_rows[i])))
        continue;

      if (g_strcmp0 (visible, sections[i].name) == 0)
        selected = self->shown_sections->len;

      g_ptr_array_add (self->shown_sections, (gpointer) sections[i].name);
      gtk_string_list_append (titles, _(sections[i].title));
    }

  self->syncing_section = TRUE;
  gtk_drop_down_set_model (self->section_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->section_dropdown, selected);
  self->syncing_section = FALSE;
}

/* The Child section is there for child cases only.  Whether a case is
 * one can change while it is edited (a birth date typed in), so this is
 * checked after every change.
 */
static void
set_child_section_shown (LankaCaseEditor *self,
                         gboolean         shown)
{
  GtkStackPage *page;

  if (gtk_widget_get_visible (GTK_WIDGET (self->section_rows[CHILD_SECTION])) == shown)
    return;

  if (!shown && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack),
                           sections[CHILD_SECTION].name) == 0)
    gtk_stack_set_visible_child_name (self->stack, sections[0].name);

  page = gtk_stack_get_page (self->stack, self->section_pages[CHILD_SECTION]);
  gtk_stack_page_set_visible (page, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->section_rows[CHILD_SECTION]), shown);

  rebuild_dropdown (self);
}

static void
update_header (LankaCaseEditor *self)
{
  LankaRecord *record;
  LankaRecord *victim;
  const char *number;
  const char *alias = NULL;
  const char *status;
  const char *step;
  g_autofree char *step_text = NULL;
  g_autofree char *status_text = NULL;
  gboolean child = FALSE;
  GDate today;

  update_state (self);

  if (self->kase == NULL)
    {
      gtk_label_set_label (self->number_label, NULL);
      gtk_label_set_label (self->alias_label, NULL);
      gtk_label_set_label (self->status_label, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->child_badge), FALSE);
      gtk_revealer_set_reveal_child (self->protected_revealer, FALSE);
      return;
    }

  get_today (&today);
  record = lanka_case_get_record (self->kase);
  victim = lanka_case_get_victim (self->kase);

  number = lanka_case_get_number (self->kase);
  if (lanka_case_is_new (self->kase) || number == NULL || number[0] == '\0')
    number = _("New case");
  gtk_label_set_label (self->number_label, number);

  if (victim != NULL)
    alias = lanka_record_get (victim, "alias");
  if (alias == NULL || alias[0] == '\0')
    alias = lanka_record_get (record, "alias");
  if (alias == NULL || alias[0] == '\0')
    alias = _("No alias yet");
  gtk_label_set_label (self->alias_label, alias);

  status = lanka_record_get (record, "status");
  step = lanka_record_get (record, "nrm_step");
  if (status == NULL || !lanka_vocabulary_contains (LANKA_VOCABULARY_CASE_STATUS, status))
    status = "intake";
  if (step == NULL || !lanka_vocabulary_contains (LANKA_VOCABULARY_NRM_STEP, step))
    step = "1";
  /* Translators: the case's NRM step: its number, then its name */
  step_text = g_strdup_printf (_("Step %s: %s"), step,
                               lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, step));
  /* Translators: the case's status, then its NRM step */
  status_text = g_strdup_printf (C_("case header", "%s · %s"),
                                 lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, status),
                                 step_text);
  gtk_label_set_label (self->status_label, status_text);

  child = lanka_case_is_child (self->kase, &today);
  gtk_widget_set_visible (GTK_WIDGET (self->child_badge), child);
  set_child_section_shown (self, child);

  gtk_revealer_set_reveal_child (self->protected_revealer, has_protected_identity (self->kase));
}

static void
set_modified (LankaCaseEditor *self,
              gboolean         modified)
{
  modified = !!modified;

  if (self->modified == modified)
    return;

  self->modified = modified;
  update_state (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
show_restored (LankaCaseEditor *self,
               gint64           saved_at)
{
  gboolean restored = saved_at != 0;

  if (restored)
    {
      g_autofree char *time_text = dup_time_of_day (saved_at);
      g_autofree char *text = NULL;

      /* Translators: %s is a time of day, such as 14:02 */
      text = g_strdup_printf (_("Unsaved changes from %s were restored."), time_text);
      gtk_label_set_label (self->draft_label, text);
    }

  gtk_revealer_set_reveal_child (self->draft_revealer, restored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-editor.discard-draft", restored);
}

static gboolean
on_draft_timeout_cb (gpointer user_data)
{
  LankaCaseEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  self->draft_timeout_id = 0;

  if (!lanka_case_editor_save_draft (self, &error))
    {
      g_autofree char *message = describe_error (error);
      g_autofree char *text = NULL;

      /* Translators: %s says why */
      text = g_strdup_printf (_("Your changes could not be kept as a draft. %s"), message);
      show_error (self, text);
    }

  return G_SOURCE_REMOVE;
}

static void
on_case_changed_cb (LankaCaseEditor *self)
{
  self->draft_saved_at = 0;

  if (self->draft_timeout_id == 0)
    self->draft_timeout_id = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout_cb, self);

  if (!self->modified)
    set_modified (self, TRUE);

  update_header (self);
}

/* Section @i, made now if it was not yet. */
static GtkWidget *
get_section_widget (LankaCaseEditor *self,
                    guint            i)
{
  g_assert (i < N_SECTIONS);

  if (self->section_widgets[i] != NULL)
    return self->section_widgets[i];

  self->section_widgets[i] = g_object_new (sections[i].get_type (),
                                           "database", self->database,
                                           NULL);

  if (ADW_IS_CLAMP (self->section_holders[i]))
    adw_clamp_set_child (ADW_CLAMP (self->section_holders[i]), self->section_widgets[i]);
  else
    adw_bin_set_child (ADW_BIN (self->section_holders[i]), self->section_widgets[i]);

  /* The People section shows legal names only when the view says so. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->section_widgets[i]), "show-names"))
    g_object_bind_property (self, "show-names", self->section_widgets[i], "show-names",
                            G_BINDING_SYNC_CREATE);

  return self->section_widgets[i];
}

/* Gives section @i the case shown, which builds its rows, unless it has
 * it already.  A section not made yet has nothing to let go of.
 */
static void
ensure_section (LankaCaseEditor *self,
                guint            i)
{
  g_assert (i < N_SECTIONS);

  if (self->section_current[i])
    return;

  self->section_current[i] = TRUE;

  if (self->section_widgets[i] == NULL && self->kase == NULL)
    return;

  g_object_set (get_section_widget (self, i),
                "database", self->database,
                "case", self->kase,
                NULL);
}

static void
ensure_visible_section (LankaCaseEditor *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_strcmp0 (name, sections[i].name) == 0)
      ensure_section (self, i);
}

static void
ensure_all_sections (LankaCaseEditor *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    ensure_section (self, i);
}

/* Shows @kase.  The section on screen builds its rows now, the others
 * when they are first shown (see section_current); without a case every
 * section lets go of what it showed, so nothing personal stays behind.
 */
static void
set_case (LankaCaseEditor *self,
          LankaCase       *kase)
{
  g_autoptr(LankaCase) old = NULL;

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  old = g_steal_pointer (&self->kase);
  self->kase = kase != NULL ? g_object_ref (kase) : NULL;
  self->draft_saved_at = 0;

  g_signal_group_set_target (self->case_signals, self->kase);
  show_error (self, NULL);
  g_ptr_array_set_size (self->problems, 0);
  gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);

  for (guint i = 0; i < N_SECTIONS; i++)
    self->section_current[i] = FALSE;

  if (self->kase == NULL)
    ensure_all_sections (self);

  /* The header first: it decides whether the Child section is there,
   * and so which section is shown.
   */
  update_header (self);
  update_actions (self);
  ensure_visible_section (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

static void
on_application_locking_cb (LankaCaseEditor *self,
                           LankaDatabase   *database)
{
  g_autoptr(GError) error = NULL;

  if (database != self->database || self->kase == NULL)
    return;

  /* Nobody is there to ask, and nothing personal may stay on screen:
   * what was typed goes into a draft, which the next open restores.
   */
  if (self->modified && self->draft_saved_at == 0 &&
      !lanka_case_editor_save_draft (self, &error))
    g_warning ("The changes to a case could not be kept as a draft: %s", error->message);

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  lanka_case_editor_clear (self);
  lanka_case_editor_set_database (self, NULL);
}

static void
follow_application (LankaCaseEditor *self)
{
  GApplication *application = g_application_get_default ();

  if (LANKA_IS_APPLICATION (application))
    g_signal_group_set_target (self->application_signals, application);
}

static void
show_section_widget (LankaCaseEditor *self,
                     GtkWidget       *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      for (guint i = 0; i < N_SECTIONS; i++)
        if (w == self->section_widgets[i])
          {
            lanka_case_editor_show_section (self, sections[i].name);
            return;
          }
    }
}

static void
show_first_problem (LankaCaseEditor *self)
{
  GtkWidget *first = lanka_case_rows_show_problems (GTK_WIDGET (self->stack), self->problems);

  if (first == NULL)
    return;

  show_section_widget (self, first);
  gtk_widget_grab_focus (first);
}

static void
on_section_list_row_selected_cb (LankaCaseEditor *self,
                                 GtkListBoxRow   *row)
{
  if (row == NULL || self->syncing_section)
    return;

  for (guint i = 0; i < N_SECTIONS; i++)
    if (row == self->section_rows[i])
      lanka_case_editor_show_section (self, sections[i].name);
}

static void
on_section_dropdown_selected_cb (LankaCaseEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->section_dropdown);

  if (self->syncing_section || selected >= self->shown_sections->len)
    return;

  lanka_case_editor_show_section (self, g_ptr_array_index (self->shown_sections, selected));
}

/* The list and the drop-down follow the stack, however it was changed. */
static void
on_stack_visible_child_cb (LankaCaseEditor *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (name == NULL)
    return;

  ensure_visible_section (self);

  self->syncing_section = TRUE;

  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_strcmp0 (name, sections[i].name) == 0)
      gtk_list_box_select_row (self->section_list, self->section_rows[i]);

  for (guint i = 0; i < self->shown_sections->len; i++)
    if (g_strcmp0 (name, g_ptr_array_index (self->shown_sections, i)) == 0)
      gtk_drop_down_set_selected (self->section_dropdown, i);

  self->syncing_section = FALSE;
}

static gboolean
show_nth_section (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  LankaCaseEditor *self = LANKA_CASE_EDITOR (widget);
  guint n = g_variant_get_uint32 (args);
  const char *name;

  if (n >= self->shown_sections->len)
    return FALSE;

  name = g_ptr_array_index (self->shown_sections, n);
  lanka_case_editor_show_section (self, name);

  /* Asked first, the section's scrolled window keeps the focus for
   * itself; the section hands it to its first row or button.
   */
  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_str_equal (sections[i].name, name))
      gtk_widget_child_focus (get_section_widget (self, i), GTK_DIR_TAB_FORWARD);

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LankaCaseEditor *self = LANKA_CASE_EDITOR (widget);

  if (self->kase != NULL)
    lanka_case_editor_save (self, NULL);
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  lanka_case_editor_discard_changes (LANKA_CASE_EDITOR (widget));
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  lanka_case_editor_show_section (LANKA_CASE_EDITOR (widget),
                                  g_variant_get_string (parameter, NULL));
}

/* Refer… opens the referral dialog over the section that lists the
 * referrals, so that the new one is seen there when it is sent.  A case
 * not saved yet gets the section, which says why it cannot be referred.
 */
static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LankaCaseEditor *self = LANKA_CASE_EDITOR (widget);

  if (self->kase == NULL)
    return;

  lanka_case_editor_show_section (self, "referrals");

  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_str_equal (sections[i].name, "referrals"))
      lanka_case_referrals_refer (LANKA_CASE_REFERRALS (get_section_widget (self, i)));
}

static void
show_problem_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_first_problem (LANKA_CASE_EDITOR (widget));
}

static void
add_sections (LankaCaseEditor *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      GtkWidget *page;
      GtkWidget *label;

      if (sections[i].get_type () == LANKA_TYPE_CASE_JOURNAL)
        {
          /* The journal scrolls its entries itself and keeps the composer
           * below them in sight; another scroller and margins around it
           * would scroll the composer away and take width a phone lacks.
           */
          page = adw_bin_new ();
          self->section_holders[i] = page;
        }
      else
        {
          GtkWidget *clamp = adw_clamp_new ();

          adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
          adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 480);
          gtk_widget_set_margin_top (clamp, 24);
          gtk_widget_set_margin_bottom (clamp, 24);
          gtk_widget_set_margin_start (clamp, 12);
          gtk_widget_set_margin_end (clamp, 12);
          self->section_holders[i] = clamp;

          page = gtk_scrolled_window_new ();
          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (page),
                                          GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page), clamp);
        }

      gtk_stack_add_titled (self->stack, page, sections[i].name, _(sections[i].title));
      self->section_pages[i] = page;

      label = gtk_label_new (_(sections[i].title));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      self->section_rows[i] = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());
      gtk_list_box_row_set_child (self->section_rows[i], label);
      gtk_list_box_append (self->section_list, GTK_WIDGET (self->section_rows[i]));
    }
}

static void
lanka_case_editor_dispose (GObject *object)
{
  LankaCaseEditor *self = (LankaCaseEditor *)object;

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (self->case_signals != NULL)
    g_signal_group_set_target (self->case_signals, NULL);
  if (self->application_signals != NULL)
    g_signal_group_set_target (self->application_signals, NULL);
  g_clear_object (&self->case_signals);
  g_clear_object (&self->application_signals);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_EDITOR);

  g_clear_object (&self->kase);
  g_clear_object (&self->stored);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_editor_parent_class)->dispose (object);
}

static void
lanka_case_editor_finalize (GObject *object)
{
  LankaCaseEditor *self = (LankaCaseEditor *)object;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->shown_sections, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_case_editor_parent_class)->finalize (object);
}

static void
lanka_case_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LankaCaseEditor *self = LANKA_CASE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, lanka_case_editor_get_modified (self));
      break;

    case PROP_SHOW_NAMES:
      g_value_set_boolean (value, lanka_case_editor_get_show_names (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LankaCaseEditor *self = LANKA_CASE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_editor_set_database (self, g_value_get_object (value));
      break;

    case PROP_SHOW_NAMES:
      lanka_case_editor_set_show_names (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_editor_class_init (LankaCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_editor_dispose;
  object_class->finalize = lanka_case_editor_finalize;
  object_class->get_property = lanka_case_editor_get_property;
  object_class->set_property = lanka_case_editor_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_NAMES] =
    g_param_spec_boolean ("show-names", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaCaseEditor::saved:
   * @self: a #LankaCaseEditor
   * @uuid: the case's uuid
   *
   * Emitted after the case was saved, for the list to show it anew.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LankaCaseEditor::closed:
   * @self: a #LankaCaseEditor
   *
   * Emitted when the editor was left empty, for the view to go back to
   * the list.
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, number_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, child_badge);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, alias_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, protected_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, draft_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, section_list);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseEditor, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_section_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "case-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "case-editor.discard-draft", NULL,
                                   discard_draft_action);
  gtk_widget_class_install_action (widget_class, "case-editor.show-section", "s",
                                   show_section_action);
  gtk_widget_class_install_action (widget_class, "case-editor.show-problem", NULL,
                                   show_problem_action);
  gtk_widget_class_install_action (widget_class, "case-editor.refer", NULL, refer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "case-editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case-editor.refer", NULL);
  for (guint i = 0; i < 9; i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                  show_nth_section, "u", i);
}

static void
lanka_case_editor_init (LankaCaseEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_case_problem_free);
  self->shown_sections = g_ptr_array_new ();

  self->case_signals = g_signal_group_new (LANKA_TYPE_CASE);
  g_signal_group_connect_swapped (self->case_signals, "changed",
                                  G_CALLBACK (on_case_changed_cb), self);
  self->application_signals = g_signal_group_new (LANKA_TYPE_APPLICATION);
  g_signal_group_connect_swapped (self->application_signals, "locking",
                                  G_CALLBACK (on_application_locking_cb), self);
  follow_application (self);

  add_sections (self);
  rebuild_dropdown (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_list_box_select_row (self->section_list, self->section_rows[0]);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-editor.discard-draft", FALSE);
  update_actions (self);
  update_header (self);
  set_child_section_shown (self, FALSE);
}

/**
 * lanka_case_editor_new:
 *
 * Returns: (transfer floating): a new, empty #LankaCaseEditor
 */
LankaCaseEditor *
lanka_case_editor_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_EDITOR, NULL);
}

/**
 * lanka_case_editor_set_database:
 * @self: a #LankaCaseEditor
 * @database: (nullable): where cases live
 *
 * Another database empties the editor.
 */
void
lanka_case_editor_set_database (LankaCaseEditor *self,
                                LankaDatabase   *database)
{
  g_return_if_fail (LANKA_IS_CASE_EDITOR (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (self->database == database)
    return;

  if (self->kase != NULL)
    lanka_case_editor_clear (self);

  g_set_object (&self->database, database);
  follow_application (self);

  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->section_widgets[i] != NULL)
      g_object_set (self->section_widgets[i], "database", database, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_case_editor_open:
 * @self: a #LankaCaseEditor
 * @uuid: the case to show
 * @error: return location for a #GError
 *
 * Shows the case with @uuid.  When a draft of it is stored (Länka locked,
 * or crashed, before it was saved), the draft is shown instead, with a
 * bar that says so and offers to discard it.
 *
 * Returns: whether the case could be read
 */
gboolean
lanka_case_editor_open (LankaCaseEditor  *self,
                        const char       *uuid,
                        GError          **error)
{
  g_autoptr(LankaCase) stored = NULL;
  g_autoptr(LankaCase) draft = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(GError) draft_error = NULL;
  gint64 saved_at = 0;

  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->database == NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The case cannot be opened while Länka is locked."));
      return FALSE;
    }

  stored = lanka_cases_load (self->database, uuid, &load_error);
  if (stored == NULL && !g_error_matches (load_error, LANKA_STORE_ERROR,
                                          LANKA_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      return FALSE;
    }

  /* A new case that was never saved lives in its draft alone. */
  draft = lanka_cases_load_draft (self->database, uuid, &saved_at, &draft_error);
  if (stored == NULL && draft == NULL)
    {
      g_propagate_error (error, draft_error != NULL ? g_steal_pointer (&draft_error)
                                                    : g_steal_pointer (&load_error));
      return FALSE;
    }

  g_clear_object (&self->stored);
  self->stored = stored != NULL ? lanka_case_copy (stored) : NULL;

  set_case (self, draft != NULL ? draft : stored);
  set_modified (self, draft != NULL);
  if (draft != NULL)
    self->draft_saved_at = saved_at;
  show_restored (self, draft != NULL ? MAX (saved_at, 1) : 0);
  update_state (self);

  if (draft_error != NULL)
    {
      g_autofree char *message = describe_error (draft_error);
      g_autofree char *text = NULL;

      /* Translators: %s says why */
      text = g_strdup_printf (_("Unsaved changes to this case could not be restored. %s"),
                              message);
      show_error (self, text);
    }

  return TRUE;
}

/**
 * lanka_case_editor_open_new:
 * @self: a #LankaCaseEditor
 * @kase: a case not saved yet
 *
 * Shows a new case.  It gets its number when it is first saved; until
 * then its draft keeps it.
 */
void
lanka_case_editor_open_new (LankaCaseEditor *self,
                            LankaCase       *kase)
{
  g_return_if_fail (LANKA_IS_CASE_EDITOR (self));
  g_return_if_fail (LANKA_IS_CASE (kase));

  g_clear_object (&self->stored);
  self->stored = lanka_case_copy (kase);

  set_case (self, kase);
  set_modified (self, FALSE);
  show_restored (self, 0);
  lanka_case_editor_show_section (self, sections[0].name);
}

/**
 * lanka_case_editor_clear:
 * @self: a #LankaCaseEditor
 *
 * Leaves the editor empty.  Changes no draft holds yet go into one first.
 */
void
lanka_case_editor_clear (LankaCaseEditor *self)
{
  g_return_if_fail (LANKA_IS_CASE_EDITOR (self));

  if (self->kase == NULL)
    return;

  if (self->modified && self->draft_saved_at == 0 && self->database != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!lanka_case_editor_save_draft (self, &error))
        g_warning ("The changes to a case could not be kept as a draft: %s", error->message);
    }

  g_clear_object (&self->stored);
  set_case (self, NULL);
  set_modified (self, FALSE);
  show_restored (self, 0);

  g_signal_emit (self, signals[CLOSED], 0);
}

/**
 * lanka_case_editor_get_uuid:
 * @self: a #LankaCaseEditor
 *
 * Returns: (nullable): the uuid of the case shown
 */
const char *
lanka_case_editor_get_uuid (LankaCaseEditor *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), NULL);

  return self->kase != NULL ? lanka_case_get_uuid (self->kase) : NULL;
}

/**
 * lanka_case_editor_get_case:
 * @self: a #LankaCaseEditor
 *
 * Returns: (transfer none) (nullable): the case as edited
 */
LankaCase *
lanka_case_editor_get_case (LankaCaseEditor *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), NULL);

  return self->kase;
}

/**
 * lanka_case_editor_get_modified:
 * @self: a #LankaCaseEditor
 *
 * Returns: whether the case changed since it was opened or saved
 */
gboolean
lanka_case_editor_get_modified (LankaCaseEditor *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), FALSE);

  return self->modified;
}

/**
 * lanka_case_editor_save:
 * @self: a #LankaCaseEditor
 * @error: return location for a #GError
 *
 * Saves the case.  Fields with a problem are marked, and keep their last
 * saved value while the rest is saved; what was typed in them stays on
 * screen and in the draft.  A failed save keeps everything and says why
 * in a bar at the top.
 *
 * Returns: whether the case was saved
 */
gboolean
lanka_case_editor_save (LankaCaseEditor  *self,
                        GError          **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = NULL;
  GDate today;

  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), FALSE);
  g_return_val_if_fail (self->kase != NULL, FALSE);
  g_return_val_if_fail (self->database != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  get_today (&today);
  show_error (self, NULL);

  g_ptr_array_set_size (self->problems, 0);
  problems = lanka_case_validate (self->kase, &today);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (self->problems, g_ptr_array_steal_index (problems, i--));

  if (self->problems->len > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u field needs attention. It keeps its last saved "
                                           "value; everything else was saved.",
                                           "%u fields need attention. They keep their last saved "
                                           "values; everything else was saved.",
                                           self->problems->len),
                              self->problems->len);
      gtk_label_set_label (self->problems_label, text);

      /* The marks go on rows, wherever they are. */
      ensure_all_sections (self);
    }
  lanka_case_rows_show_problems (GTK_WIDGET (self->stack), self->problems);

  if (!lanka_cases_save (self->database, self->kase, &local_error))
    {
      g_autofree char *message = describe_error (local_error);
      g_autofree char *text = NULL;

      /* Translators: %s says why */
      text = g_strdup_printf (_("The case was not saved. %s"), message);
      show_error (self, text);
      gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gtk_revealer_set_reveal_child (self->problems_revealer, self->problems->len > 0);
  show_restored (self, 0);
  g_clear_object (&self->stored);
  self->stored = lanka_case_copy (self->kase);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);

  /* Saving discarded the draft; what was typed into a field with a
   * problem was not saved, so it goes into a new one.
   */
  if (self->problems->len > 0)
    {
      if (!lanka_case_editor_save_draft (self, &local_error))
        {
          g_autofree char *message = describe_error (local_error);

          show_error (self, message);
        }
      set_modified (self, TRUE);
    }
  else
    {
      self->draft_saved_at = 0;
      set_modified (self, FALSE);
    }

  update_header (self);
  update_actions (self);

  uuid = g_strdup (lanka_case_get_uuid (self->kase));
  g_signal_emit (self, signals[SAVED], 0, uuid);

  return TRUE;
}

/**
 * lanka_case_editor_save_draft:
 * @self: a #LankaCaseEditor
 * @error: return location for a #GError
 *
 * Keeps the case as it is on screen as a draft now.
 *
 * Returns: whether the draft was written (or there was nothing to keep)
 */
gboolean
lanka_case_editor_save_draft (LankaCaseEditor  *self,
                              GError          **error)
{
  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);

  if (self->kase == NULL || self->database == NULL || !self->modified)
    return TRUE;

  if (!lanka_cases_save_draft (self->database, self->kase, error))
    return FALSE;

  self->draft_saved_at = g_get_real_time ();
  update_state (self);

  return TRUE;
}

/**
 * lanka_case_editor_discard_changes:
 * @self: a #LankaCaseEditor
 *
 * Forgets the changes and their draft, and shows the case as it was
 * saved.  A new case that was never saved goes with them.
 */
void
lanka_case_editor_discard_changes (LankaCaseEditor *self)
{
  g_autoptr(LankaCase) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANKA_IS_CASE_EDITOR (self));

  if (self->kase == NULL)
    return;

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);

  if (self->database != NULL &&
      !lanka_cases_discard_draft (self->database, lanka_case_get_uuid (self->kase), &error))
    {
      g_autofree char *message = describe_error (error);

      show_error (self, message);
      return;
    }

  if (self->stored == NULL)
    {
      set_modified (self, FALSE);
      lanka_case_editor_clear (self);
      return;
    }

  stored = lanka_case_copy (self->stored);
  set_case (self, stored);
  set_modified (self, FALSE);
  show_restored (self, 0);
}

/**
 * lanka_case_editor_set_show_names:
 * @self: a #LankaCaseEditor
 * @show_names: whether legal names are shown
 */
void
lanka_case_editor_set_show_names (LankaCaseEditor *self,
                                  gboolean         show_names)
{
  g_return_if_fail (LANKA_IS_CASE_EDITOR (self));

  show_names = !!show_names;
  if (self->show_names == show_names)
    return;

  self->show_names = show_names;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NAMES]);
}

/**
 * lanka_case_editor_get_show_names:
 * @self: a #LankaCaseEditor
 *
 * Returns: whether legal names are shown
 */
gboolean
lanka_case_editor_get_show_names (LankaCaseEditor *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), FALSE);

  return self->show_names;
}

/**
 * lanka_case_editor_show_section:
 * @self: a #LankaCaseEditor
 * @section: "overview", "people", "exploitation", "protection", "legal",
 *   "plan", "journal", "closure" or "child"
 *
 * Shows one section.  The Child section exists for child cases only.
 */
void
lanka_case_editor_show_section (LankaCaseEditor *self,
                                const char      *section)
{
  g_return_if_fail (LANKA_IS_CASE_EDITOR (self));
  g_return_if_fail (section != NULL);

  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_strcmp0 (section, sections[i].name) == 0)
      {
        if (gtk_widget_get_visible (GTK_WIDGET (self->section_rows[i])))
          gtk_stack_set_visible_child_name (self->stack, section);
        return;
      }

  g_critical ("There is no case section called “%s”", section);
}

/**
 * lanka_case_editor_get_section:
 * @self: a #LankaCaseEditor
 *
 * Returns: the name of the section shown
 */
const char *
lanka_case_editor_get_section (LankaCaseEditor *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * lanka_case_editor_new_unsaved_dialog:
 * @self: a #LankaCaseEditor with unsaved changes
 * @parent: the window to ask over
 *
 * The question asked before the changes could be lost (another case is
 * opened, the window closes): "cancel", "discard" or "save".
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
AdwMessageDialog *
lanka_case_editor_new_unsaved_dialog (LankaCaseEditor *self,
                                      GtkWindow       *parent)
{
  g_autofree char *heading = NULL;
  const char *number = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (LANKA_IS_CASE_EDITOR (self), NULL);

  if (self->kase != NULL)
    number = lanka_case_get_number (self->kase);

  if (number != NULL && *number != '\0')
    /* TRANSLATORS: %s is a case number, such as 2026-0042 */
    heading = g_strdup_printf (_("Save Changes to Case %s?"), number);
  else
    heading = g_strdup (_("Save the New Case?"));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading,
                                                       _("Changes that are not saved are lost if you discard them.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}
