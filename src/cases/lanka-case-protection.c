/* lanka-case-protection.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-protection"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-protection.h"
#include "lanka-case-rows.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* Protection and risk: the dated risk assessments of a case, newest
 * first.  An assessment is a record of its own, so the case keeps how the
 * risk was judged over time; the overview shows one risk level, the case
 * record's "risk", and it follows the newest assessment, because that is
 * what a caseworker means by "the risk now".
 *
 * The section edits the case document in memory; the editor drafts and
 * saves it.
 */
struct _LankaCaseProtection
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  /* The case's assessments, followed for records added or removed. */
  GListModel          *assessments;
  /* An Item for each assessment shown, newest first. */
  GPtrArray           *items;

  /* Template widgets */
  AdwPreferencesGroup *assessments_group;
  GtkLabel            *empty_label;
};

G_DEFINE_FINAL_TYPE (LankaCaseProtection, lanka_case_protection, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  LankaCaseProtection *self;
  LankaRecord         *record;
  /* Owned by the group. */
  GtkWidget           *row;
  GtkWidget           *overdue_label;
} Item;

static void
item_free (Item *item)
{
  g_signal_handlers_disconnect_by_data (item->record, item->self);
  g_clear_object (&item->record);
  g_free (item);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Dates are "YYYY-MM-DD", so they sort as text.  A date row gives the
 * record what is typed, keystroke by keystroke, so an assessment whose
 * date is missing or not (yet) a date sorts as the oldest.
 */
static const char *
get_date (LankaRecord *record,
          const char  *field)
{
  const char *date = lanka_record_get (record, field);

  return date != NULL && lanka_date_validate (date, NULL) ? date : NULL;
}

static int
compare_dates (const char *a,
               const char *b)
{
  return g_strcmp0 (a, b);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  LankaRecord *record_a = *(LankaRecord **)a;
  LankaRecord *record_b = *(LankaRecord **)b;

  return compare_dates (get_date (record_b, "assessed_on"),
                        get_date (record_a, "assessed_on"));
}

/* The assessment that speaks for the case now: the one with the latest
 * date, and of two on the same day the one added last.
 */
static LankaRecord *
find_newest (LankaCaseProtection *self)
{
  LankaRecord *newest = NULL;
  guint n_items;

  if (self->assessments == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (self->assessments);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (self->assessments, i);

      if (newest == NULL ||
          compare_dates (get_date (record, "assessed_on"),
                         get_date (newest, "assessed_on")) >= 0)
        newest = record;
    }

  /* The model holds its own reference. */
  return newest;
}

/* The overview's risk level follows the newest assessment.  An assessment
 * without a risk level says nothing about it, so it leaves the case's
 * risk as it is.
 */
static void
sync_case_risk (LankaCaseProtection *self)
{
  LankaRecord *newest = find_newest (self);
  const char *risk;

  if (newest == NULL)
    return;

  risk = lanka_record_get (newest, "risk");
  if (risk != NULL)
    lanka_record_set (lanka_case_get_record (self->kase), "risk", risk);
}

static gboolean
is_overdue (const char *next_review,
            const char *today)
{
  return next_review != NULL && compare_dates (next_review, today) < 0;
}

static void
update_item (Item        *item,
             LankaRecord *newest,
             const char  *today)
{
  const char *assessed_on = lanka_record_get (item->record, "assessed_on");
  const char *risk = lanka_record_get (item->record, "risk");
  const char *next_review = lanka_record_get (item->record, "next_review");
  const char *review_date = get_date (item->record, "next_review");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *date;

  date = assessed_on != NULL ? assessed_on : _("No date");
  if (risk != NULL)
    /* Translators: an assessment's date and its risk level, "2026-03-01 · High" */
    title = g_strdup_printf (C_("assessment title", "%s · %s"),
                             date, lanka_vocabulary_get_label (LANKA_VOCABULARY_RISK, risk));
  else
    title = g_strdup (date);

  if (next_review != NULL)
    subtitle = g_strdup_printf (_("Next review on %s"), next_review);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (item->row), subtitle != NULL ? subtitle : "");

  /* Only the newest assessment's review is due: a newer assessment is
   * the review of the ones before it.
   */
  gtk_widget_set_visible (item->overdue_label,
                          item->record == newest && is_overdue (review_date, today));
}

static void
update_items (LankaCaseProtection *self)
{
  LankaRecord *newest = find_newest (self);
  g_autofree char *today = dup_today ();

  for (guint i = 0; i < self->items->len; i++)
    update_item (g_ptr_array_index (self->items, i), newest, today);
}

static void
on_assessment_changed_cb (LankaCaseProtection *self)
{
  update_items (self);
}

static void
on_assessment_risk_changed_cb (LankaCaseProtection *self)
{
  sync_case_risk (self);
}

static GtkWidget *
create_remove_row (const char *uuid)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Remove Assessment"));

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  gtk_widget_set_margin_start (button, 6);
  gtk_widget_set_margin_end (button, 6);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case-protection.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);

  /* The button takes the focus, not the row around it. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);

  return row;
}

/* A row marked by validation may sit in a closed item; the item opens
 * so that the person sees the row and what it says.
 */
static void
on_row_css_classes_cb (AdwExpanderRow *expander,
                       GParamSpec     *pspec,
                       GtkWidget      *row)
{
  if (gtk_widget_has_css_class (row, "error"))
    adw_expander_row_set_expanded (expander, TRUE);
}

static void
add_item_row (Item      *item,
              GtkWidget *row)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (item->row), row);
  g_signal_connect_object (row, "notify::css-classes",
                           G_CALLBACK (on_row_css_classes_cb), item->row, G_CONNECT_SWAPPED);
}

static Item *
create_item (LankaCaseProtection *self,
             LankaRecord         *record)
{
  Item *item = g_new0 (Item, 1);
  AdwExpanderRow *expander;

  item->self = self;
  item->record = g_object_ref (record);
  item->row = adw_expander_row_new ();
  expander = ADW_EXPANDER_ROW (item->row);

  /* Titles hold what was typed, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->row), FALSE);

  item->overdue_label = gtk_label_new (C_("review", "Overdue"));
  gtk_widget_set_tooltip_text (item->overdue_label, _("The date for the next review has passed"));
  gtk_widget_set_valign (item->overdue_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (item->overdue_label, "lanka-tag");
  gtk_widget_add_css_class (item->overdue_label, "warning");
  gtk_widget_set_visible (item->overdue_label, FALSE);
  adw_expander_row_add_action (expander, item->overdue_label);

  add_item_row (item, lanka_case_date_row_new (record, "assessed_on", _("Assessed on")));
  add_item_row (item, lanka_case_choice_row_new (record, "risk", _("Risk level"),
                                                 LANKA_VOCABULARY_RISK, TRUE));
  add_item_row (item, lanka_case_entry_row_new (record, "assessed_by", _("Assessed by")));
  add_item_row (item, lanka_case_text_row_new (record, "summary", _("Summary")));
  add_item_row (item, lanka_case_date_row_new (record, "next_review", _("Next review")));
  add_item_row (item, create_remove_row (lanka_record_get_uuid (record)));

  g_signal_connect_object (record, "changed",
                           G_CALLBACK (on_assessment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (record, "changed::risk",
                           G_CALLBACK (on_assessment_risk_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (record, "changed::assessed_on",
                           G_CALLBACK (on_assessment_risk_changed_cb), self, G_CONNECT_SWAPPED);

  return item;
}

static Item *
find_item (LankaCaseProtection *self,
           const char          *uuid)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (lanka_record_get_uuid (item->record), uuid) == 0)
        return item;
    }

  return NULL;
}

static void
clear_items (LankaCaseProtection *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      adw_preferences_group_remove (self->assessments_group, item->row);
    }
  g_ptr_array_set_size (self->items, 0);
}

/* Builds the rows again from the document, keeping open what was open. */
static void
rebuild (LankaCaseProtection *self)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (item->row)))
        g_hash_table_add (expanded, g_strdup (lanka_record_get_uuid (item->record)));
    }

  clear_items (self);

  n_items = self->assessments != NULL ? g_list_model_get_n_items (self->assessments) : 0;
  /* Taken last first, so that the stable sort shows the later of two
   * assessments of one day first.
   */
  for (guint i = n_items; i > 0; i--)
    g_ptr_array_add (records, g_list_model_get_item (self->assessments, i - 1));
  g_ptr_array_sort (records, compare_newest_first);

  for (guint i = 0; i < records->len; i++)
    {
      LankaRecord *record = g_ptr_array_index (records, i);
      Item *item = create_item (self, record);

      adw_preferences_group_add (self->assessments_group, item->row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row),
                                     g_hash_table_contains (expanded,
                                                            lanka_record_get_uuid (record)));
      g_ptr_array_add (self->items, item);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->items->len == 0);
  update_items (self);
}

static void
on_assessments_items_changed_cb (LankaCaseProtection *self)
{
  rebuild (self);
}

static void
update_actions (LankaCaseProtection *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-protection.add", self->kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-protection.remove", self->kase != NULL);
}

static void
lanka_case_protection_add (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaCaseProtection *self = LANKA_CASE_PROTECTION (widget);
  const char *case_risk;
  g_autofree char *today = dup_today ();
  LankaRecord *record;
  Item *item;

  if (self->kase == NULL)
    return;

  case_risk = lanka_record_get (lanka_case_get_record (self->kase), "risk");
  record = lanka_case_add_record (self->kase, "assessment");
  lanka_record_set (record, "assessed_on", today);
  /* Offered as a starting point: most reviews confirm the level before,
   * and the case's risk only moves when this one's does.
   */
  lanka_record_set (record, "risk", case_risk);

  item = find_item (self, lanka_record_get_uuid (record));
  if (item == NULL)
    {
      /* A model that did not say it changed. */
      rebuild (self);
      item = find_item (self, lanka_record_get_uuid (record));
    }

  g_assert (item != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
  gtk_widget_grab_focus (item->row);
}

static GtkWindow *
get_window (LankaCaseProtection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_remove_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       LankaCaseProtection *self)
{
  LankaRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_strcmp0 (response, "remove") != 0 || self->kase == NULL)
    return;

  /* The case may have changed while the question was open. */
  if (lanka_case_find_record (self->kase, lanka_record_get_uuid (record)) != record)
    return;

  lanka_case_remove_record (self->kase, record);
  if (find_item (self, lanka_record_get_uuid (record)) != NULL)
    rebuild (self);
  sync_case_risk (self);
}

static void
lanka_case_protection_remove (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LankaCaseProtection *self = LANKA_CASE_PROTECTION (widget);
  Item *item = find_item (self, g_variant_get_string (param, NULL));
  const char *assessed_on;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;

  assessed_on = lanka_record_get (item->record, "assessed_on");
  if (assessed_on != NULL)
    body = g_strdup_printf (_("The assessment of %s leaves the case when you save it."),
                            assessed_on);
  else
    body = g_strdup (_("The assessment leaves the case when you save it."));

  dialog = adw_message_dialog_new (get_window (self), _("Remove Assessment?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "record",
                          g_object_ref (item->record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_case_protection_dispose (GObject *object)
{
  LankaCaseProtection *self = (LankaCaseProtection *)object;

  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (self->assessments != NULL)
    g_signal_handlers_disconnect_by_data (self->assessments, self);
  g_clear_object (&self->assessments);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_PROTECTION);

  G_OBJECT_CLASS (lanka_case_protection_parent_class)->dispose (object);
}

static void
lanka_case_protection_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LankaCaseProtection *self = LANKA_CASE_PROTECTION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_protection_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_case_protection_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_protection_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LankaCaseProtection *self = LANKA_CASE_PROTECTION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_protection_set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      lanka_case_protection_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_protection_class_init (LankaCaseProtectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_protection_dispose;
  object_class->get_property = lanka_case_protection_get_property;
  object_class->set_property = lanka_case_protection_set_property;

  /**
   * LankaCaseProtection:database:
   *
   * The open database, or %NULL when it is locked.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaCaseProtection:case:
   *
   * The case document edited, or %NULL for none.
   */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-protection.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseProtection, assessments_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseProtection, empty_label);

  gtk_widget_class_install_action (widget_class, "case-protection.add", NULL,
                                   lanka_case_protection_add);
  gtk_widget_class_install_action (widget_class, "case-protection.remove", "s",
                                   lanka_case_protection_remove);
}

static void
lanka_case_protection_init (LankaCaseProtection *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  rebuild (self);
  update_actions (self);
}

/**
 * lanka_case_protection_new:
 *
 * Returns: (transfer floating): a new #LankaCaseProtection showing no case
 */
GtkWidget *
lanka_case_protection_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_PROTECTION, NULL);
}

/**
 * lanka_case_protection_get_database:
 * @self: a #LankaCaseProtection
 *
 * Returns: (nullable) (transfer none): the database
 */
LankaDatabase *
lanka_case_protection_get_database (LankaCaseProtection *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_PROTECTION (self), NULL);

  return self->database;
}

/**
 * lanka_case_protection_set_database:
 * @self: a #LankaCaseProtection
 * @database: (nullable): the open database, or %NULL when it is locked
 */
void
lanka_case_protection_set_database (LankaCaseProtection *self,
                                    LankaDatabase       *database)
{
  g_return_if_fail (LANKA_IS_CASE_PROTECTION (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (g_set_object (&self->database, database))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_case_protection_get_case:
 * @self: a #LankaCaseProtection
 *
 * Returns: (nullable) (transfer none): the case edited
 */
LankaCase *
lanka_case_protection_get_case (LankaCaseProtection *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_PROTECTION (self), NULL);

  return self->kase;
}

/**
 * lanka_case_protection_set_case:
 * @self: a #LankaCaseProtection
 * @kase: (nullable): the case document to edit, or %NULL for none
 *
 * Shows the assessments of @kase, building the rows again even when
 * @kase is the case shown already (a draft restored into it, say).
 */
void
lanka_case_protection_set_case (LankaCaseProtection *self,
                                LankaCase           *kase)
{
  gboolean changed;

  g_return_if_fail (LANKA_IS_CASE_PROTECTION (self));
  g_return_if_fail (!kase || LANKA_IS_CASE (kase));

  changed = g_set_object (&self->kase, kase);

  if (self->assessments != NULL)
    g_signal_handlers_disconnect_by_data (self->assessments, self);
  g_clear_object (&self->assessments);

  if (kase != NULL)
    {
      self->assessments = g_object_ref (lanka_case_get_assessments (kase));
      g_signal_connect_object (self->assessments, "items-changed",
                               G_CALLBACK (on_assessments_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* What was open belonged to the case before. */
  clear_items (self);
  rebuild (self);
  update_actions (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}
