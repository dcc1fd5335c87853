/* lanka-case-record-group.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-record-group"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-record-group.h"

/* The records of one kind in a case (assessments, permit events, plan
 * items…), shown in a preferences group as expander rows, one a record,
 * each ending in a button that removes it.  The sections of the case
 * editor differ only in the rows of a record and its title, so those come
 * from the section; the rest (rebuilding the rows when the records
 * change, keeping open what was open, asking before a record goes) is
 * here once.
 */
struct _LankaCaseRecordGroup
{
  GObject                          parent_instance;

  /* The section's template widgets, which outlive this object. */
  AdwPreferencesGroup             *group;
  GtkWidget                       *empty_label;

  const char                      *remove_label;
  const char                      *remove_action;
  const LankaCaseRecordGroupFuncs *funcs;
  gpointer                         user_data;

  LankaCase                       *kase;
  /* Followed for records added or removed. */
  GListModel                      *records;
  /* An Item for each record shown, in the order shown. */
  GPtrArray                       *items;
};

G_DEFINE_FINAL_TYPE (LankaCaseRecordGroup, lanka_case_record_group, G_TYPE_OBJECT)

typedef struct
{
  LankaCaseRecordGroup *self;
  LankaRecord          *record;
  /* Owned by the group. */
  GtkWidget            *row;
} Item;

static void
item_free (Item *item)
{
  g_signal_handlers_disconnect_by_data (item->record, item->self);
  /* What the section connected for these rows. */
  if (item->self->user_data != NULL)
    g_signal_handlers_disconnect_by_data (item->record, item->self->user_data);
  g_clear_object (&item->record);
  g_free (item);
}

static void
update_item (Item *item)
{
  item->self->funcs->update_row (ADW_EXPANDER_ROW (item->row), item->record,
                                 item->self->user_data);
}

static void
on_record_changed_cb (LankaCaseRecordGroup *self)
{
  lanka_case_record_group_update (self);
}

static GtkWidget *
create_remove_row (LankaCaseRecordGroup *self,
                   const char           *uuid)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (self->remove_label);

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  gtk_widget_set_margin_start (button, 6);
  gtk_widget_set_margin_end (button, 6);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), self->remove_action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);

  /* The button takes the focus, not the row around it. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);

  return row;
}

static Item *
create_item (LankaCaseRecordGroup *self,
             LankaRecord          *record)
{
  Item *item = g_new0 (Item, 1);

  item->self = self;
  item->record = g_object_ref (record);
  item->row = adw_expander_row_new ();

  /* Titles hold what was typed, such as an agency's "&", not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->row), FALSE);

  /* Before the section's own handlers, so that the title is right when
   * they run.
   */
  g_signal_connect_object (record, "changed",
                           G_CALLBACK (on_record_changed_cb), self, G_CONNECT_SWAPPED);

  self->funcs->build_rows (ADW_EXPANDER_ROW (item->row), record, self->user_data);
  lanka_case_record_group_add_row (ADW_EXPANDER_ROW (item->row),
                                   create_remove_row (self, lanka_record_get_uuid (record)));

  return item;
}

static Item *
find_item (LankaCaseRecordGroup *self,
           const char           *uuid)
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
clear_items (LankaCaseRecordGroup *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      adw_preferences_group_remove (self->group, item->row);
    }
  g_ptr_array_set_size (self->items, 0);
}

static GPtrArray *
dup_records (LankaCaseRecordGroup *self)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = self->records != NULL ? g_list_model_get_n_items (self->records) : 0;

  if (self->funcs->compare == NULL)
    {
      for (guint i = 0; i < n_items; i++)
        g_ptr_array_add (records, g_list_model_get_item (self->records, i));
      return records;
    }

  /* Taken last first, so that the stable sort shows the later of two
   * equal records first.
   */
  for (guint i = n_items; i > 0; i--)
    g_ptr_array_add (records, g_list_model_get_item (self->records, i - 1));
  g_ptr_array_sort (records, self->funcs->compare);

  return records;
}

static void
on_records_items_changed_cb (LankaCaseRecordGroup *self)
{
  lanka_case_record_group_rebuild (self);
}

static void
lanka_case_record_group_dispose (GObject *object)
{
  LankaCaseRecordGroup *self = (LankaCaseRecordGroup *)object;

  /* The rows go with the section; only the records' handlers remain. */
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  g_clear_object (&self->records);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (lanka_case_record_group_parent_class)->dispose (object);
}

static void
lanka_case_record_group_finalize (GObject *object)
{
  LankaCaseRecordGroup *self = (LankaCaseRecordGroup *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_case_record_group_parent_class)->finalize (object);
}

static void
lanka_case_record_group_class_init (LankaCaseRecordGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_case_record_group_dispose;
  object_class->finalize = lanka_case_record_group_finalize;
}

static void
lanka_case_record_group_init (LankaCaseRecordGroup *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
}

/**
 * lanka_case_record_group_new:
 * @group: the group the rows go into
 * @empty_label: what @group shows while there are no records
 * @remove_label: the mnemonic label of the button that removes a record,
 *   translated and static
 * @remove_action: the action of that button, static; its target is the
 *   record's uuid
 * @funcs: (not nullable): the section's functions, static
 * @user_data: the section, given to @funcs
 *
 * Returns: (transfer full): a new #LankaCaseRecordGroup showing no
 *   records
 */
LankaCaseRecordGroup *
lanka_case_record_group_new (AdwPreferencesGroup             *group,
                             GtkWidget                       *empty_label,
                             const char                      *remove_label,
                             const char                      *remove_action,
                             const LankaCaseRecordGroupFuncs *funcs,
                             gpointer                         user_data)
{
  LankaCaseRecordGroup *self;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (empty_label), NULL);
  g_return_val_if_fail (remove_label != NULL, NULL);
  g_return_val_if_fail (remove_action != NULL, NULL);
  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (funcs->build_rows != NULL && funcs->update_row != NULL, NULL);

  self = g_object_new (LANKA_TYPE_CASE_RECORD_GROUP, NULL);
  self->group = group;
  self->empty_label = empty_label;
  self->remove_label = remove_label;
  self->remove_action = remove_action;
  self->funcs = funcs;
  self->user_data = user_data;

  lanka_case_record_group_rebuild (self);

  return self;
}

/**
 * lanka_case_record_group_set_records:
 * @self: a #LankaCaseRecordGroup
 * @kase: (nullable): the case the records belong to
 * @records: (nullable): the records of @kase to show, a #GListModel of
 *   #LankaRecord
 *
 * Shows @records, building the rows again even when they are the records
 * shown already; no row is open.
 */
void
lanka_case_record_group_set_records (LankaCaseRecordGroup *self,
                                     LankaCase            *kase,
                                     GListModel           *records)
{
  g_return_if_fail (LANKA_IS_CASE_RECORD_GROUP (self));
  g_return_if_fail (!kase || LANKA_IS_CASE (kase));
  g_return_if_fail (!records || G_IS_LIST_MODEL (records));

  g_set_object (&self->kase, kase);

  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  g_set_object (&self->records, records);
  if (records != NULL)
    g_signal_connect_object (records, "items-changed",
                             G_CALLBACK (on_records_items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  /* What was open belonged to the records before. */
  clear_items (self);
  lanka_case_record_group_rebuild (self);
}

/**
 * lanka_case_record_group_rebuild:
 * @self: a #LankaCaseRecordGroup
 *
 * Builds the rows again from the records, keeping open what was open.
 */
void
lanka_case_record_group_rebuild (LankaCaseRecordGroup *self)
{
  g_autoptr(GHashTable) expanded = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_if_fail (LANKA_IS_CASE_RECORD_GROUP (self));

  expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (item->row)))
        g_hash_table_add (expanded, g_strdup (lanka_record_get_uuid (item->record)));
    }

  clear_items (self);

  records = dup_records (self);
  for (guint i = 0; i < records->len; i++)
    {
      LankaRecord *record = g_ptr_array_index (records, i);
      Item *item = create_item (self, record);

      adw_preferences_group_add (self->group, item->row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row),
                                     g_hash_table_contains (expanded,
                                                            lanka_record_get_uuid (record)));
      g_ptr_array_add (self->items, item);
    }

  gtk_widget_set_visible (self->empty_label, self->items->len == 0);
  lanka_case_record_group_update (self);
}

/**
 * lanka_case_record_group_update:
 * @self: a #LankaCaseRecordGroup
 *
 * Sets the titles of the rows again, for what they say depends on more
 * than their own record.
 */
void
lanka_case_record_group_update (LankaCaseRecordGroup *self)
{
  g_return_if_fail (LANKA_IS_CASE_RECORD_GROUP (self));

  for (guint i = 0; i < self->items->len; i++)
    update_item (g_ptr_array_index (self->items, i));
}

/**
 * lanka_case_record_group_find:
 * @self: a #LankaCaseRecordGroup
 * @uuid: a record's uuid
 *
 * Returns: (nullable) (transfer none): the record shown with @uuid
 */
LankaRecord *
lanka_case_record_group_find (LankaCaseRecordGroup *self,
                              const char           *uuid)
{
  Item *item;

  g_return_val_if_fail (LANKA_IS_CASE_RECORD_GROUP (self), NULL);

  item = find_item (self, uuid);

  return item != NULL ? item->record : NULL;
}

/**
 * lanka_case_record_group_open:
 * @self: a #LankaCaseRecordGroup
 * @record: a record just added to the records shown
 *
 * Opens the row of @record and gives it the focus, so that the person
 * goes on with the record they asked for.
 */
void
lanka_case_record_group_open (LankaCaseRecordGroup *self,
                              LankaRecord          *record)
{
  Item *item;

  g_return_if_fail (LANKA_IS_CASE_RECORD_GROUP (self));
  g_return_if_fail (LANKA_IS_RECORD (record));

  item = find_item (self, lanka_record_get_uuid (record));
  if (item == NULL)
    {
      /* A model that did not say it changed. */
      lanka_case_record_group_rebuild (self);
      item = find_item (self, lanka_record_get_uuid (record));
    }

  g_assert (item != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
  gtk_widget_grab_focus (item->row);
}

static void
on_remove_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       LankaCaseRecordGroup *self)
{
  LankaRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_strcmp0 (response, "remove") != 0 || self->kase == NULL)
    return;

  /* The case may have changed while the question was open. */
  if (lanka_case_find_record (self->kase, lanka_record_get_uuid (record)) != record)
    return;

  lanka_case_remove_record (self->kase, record);
  if (find_item (self, lanka_record_get_uuid (record)) != NULL)
    lanka_case_record_group_rebuild (self);

  if (self->funcs->removed != NULL)
    self->funcs->removed (self->user_data);
}

/**
 * lanka_case_record_group_confirm_remove:
 * @self: a #LankaCaseRecordGroup
 * @record: the record to remove
 * @heading: the question, "Remove Assessment?"
 * @body: what removing @record means
 *
 * Asks the person whether @record goes, and removes it from the case if
 * they say so.
 */
void
lanka_case_record_group_confirm_remove (LankaCaseRecordGroup *self,
                                        LankaRecord          *record,
                                        const char           *heading,
                                        const char           *body)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (LANKA_IS_CASE_RECORD_GROUP (self));
  g_return_if_fail (LANKA_IS_RECORD (record));

  root = gtk_widget_get_root (GTK_WIDGET (self->group));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "record",
                          g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

/**
 * lanka_case_record_group_add_row:
 * @expander: the row of a record
 * @row: a row for one of its fields
 *
 * Adds @row to @expander, which opens when validation marks @row.
 */
void
lanka_case_record_group_add_row (AdwExpanderRow *expander,
                                 GtkWidget      *row)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (expander));
  g_return_if_fail (GTK_IS_WIDGET (row));

  adw_expander_row_add_row (expander, row);
  g_signal_connect_object (row, "notify::css-classes",
                           G_CALLBACK (on_row_css_classes_cb), expander, G_CONNECT_SWAPPED);
}
