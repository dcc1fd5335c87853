/* lanka-case-history-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-history-dialog.h"
#include "lanka-history-dialog.h"
#include "lanka-case-print.h"
#include "lanka-cases.h"

/* The change history of a case, newest first: one row per save, with
 * when and by whom, and under it every field that changed, from what to
 * what.  The store names a field "<kind>/<record uuid>/<field>"; the
 * dialog names it as the sections do, "Person «Sample Lark» · Gender",
 * and shows codes by their labels.  Legal names and personal numbers
 * show only while names are shown.  The history is personal data: it is
 * read when the dialog opens and goes with it.
 */
struct _LankaCaseHistoryDialog
{
  AdwWindow       parent_instance;

  LankaDatabase  *database;
  LankaCase      *kase;
  gboolean        show_names;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkListBox     *list_box;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (LankaCaseHistoryDialog, lanka_case_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  PROP_SHOW_NAMES,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Whether a field of @record may show: the address of a person with a
 * protected identity is kept like a name.
 */
static gboolean
is_hidden (LankaCaseHistoryDialog *self,
           LankaRecord            *record,
           const char             *kind,
           const char             *field)
{
  if (self->show_names || g_strcmp0 (kind, "person") != 0)
    return FALSE;

  if (g_strcmp0 (field, "address") == 0)
    return record == NULL || lanka_record_get_boolean (record, "protected_identity");

  return FALSE;
}

static void
add_field_change (LankaCaseHistoryDialog  *self,
                  GtkWidget               *row,
                  const LankaHistoryEntry *entry)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  g_auto(GStrv) parts = g_strsplit (entry->field != NULL ? entry->field : "", "/", 3);
  const char *kind = "case";
  const char *uuid = NULL;
  const char *field = entry->field;
  g_autofree char *place = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *change = NULL;
  GtkWidget *label;

  if (g_strv_length (parts) == 3)
    {
      kind = parts[0];
      uuid = parts[1];
      field = parts[2];
    }

  place = lanka_case_print_dup_place (self->kase, kind, uuid, field);
  /* Translators: where a change was, and the field, such as
   * "Person «Sample Lark» · Gender".
   */
  heading = g_strdup_printf (_("%s · %s"), place,
                             lanka_case_print_get_field_label (kind, field));

  if (is_hidden (self, uuid != NULL && self->kase != NULL ?
                         lanka_case_find_record (self->kase, uuid) : NULL,
                 kind, field))
    {
      old_value = entry->old_value != NULL ? g_strdup (C_("case value", "Hidden")) : NULL;
      new_value = entry->new_value != NULL ? g_strdup (C_("case value", "Hidden")) : NULL;
    }
  else
    {
      old_value = lanka_case_print_dup_value (kind, field, entry->old_value, self->show_names);
      new_value = lanka_case_print_dup_value (kind, field, entry->new_value, self->show_names);
    }

  /* Translators: a value before and after a change, such as
   * "Intake → Active"; "—" stands for an empty value.
   */
  change = g_strdup_printf (C_("history", "%s → %s"),
                            old_value != NULL ? old_value : C_("history", "—"),
                            new_value != NULL ? new_value : C_("history", "—"));

  label = lanka_history_label_new (heading, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);

  label = lanka_history_label_new (change, NULL);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
}

static void
load_history (LankaCaseHistoryDialog *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const LankaHistoryEntry *previous = NULL;
  GtkWidget *row = NULL;

  g_assert (LANKA_IS_CASE_HISTORY_DIALOG (self));

  if (self->database == NULL || self->kase == NULL)
    return;

  if (lanka_case_is_new (self->kase))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  entries = lanka_cases_list_history (self->database, lanka_case_get_uuid (self->kase), &error);

  if (entries == NULL)
    {
      /* The store's messages are sentences written for the person. */
      adw_status_page_set_description (self->error_page,
                                       error != NULL ? error->message
                                                     : _("The change history could not be read."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (entries->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* One save writes a row per field, all at the same time by the same
   * person: they read best together.
   */
  for (guint i = 0; i < entries->len; i++)
    {
      const LankaHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (row == NULL || entry->time != previous->time ||
          g_strcmp0 (entry->user, previous->user) != 0)
        {
          row = lanka_history_change_row_new (entry);
          gtk_list_box_append (self->list_box, row);
        }

      add_field_change (self, row, entry);
      previous = entry;
    }

  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
lanka_case_history_dialog_constructed (GObject *object)
{
  LankaCaseHistoryDialog *self = (LankaCaseHistoryDialog *)object;
  const char *number = self->kase != NULL ? lanka_case_get_number (self->kase) : NULL;

  G_OBJECT_CLASS (lanka_case_history_dialog_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title, number != NULL ? number : "");
  load_history (self);
}

static void
lanka_case_history_dialog_dispose (GObject *object)
{
  LankaCaseHistoryDialog *self = (LankaCaseHistoryDialog *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->kase);

  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_HISTORY_DIALOG);

  G_OBJECT_CLASS (lanka_case_history_dialog_parent_class)->dispose (object);
}

static void
lanka_case_history_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LankaCaseHistoryDialog *self = LANKA_CASE_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    case PROP_SHOW_NAMES:
      g_value_set_boolean (value, self->show_names);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_history_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LankaCaseHistoryDialog *self = LANKA_CASE_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_CASE:
      self->kase = g_value_dup_object (value);
      break;

    case PROP_SHOW_NAMES:
      self->show_names = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_history_dialog_class_init (LankaCaseHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanka_case_history_dialog_constructed;
  object_class->dispose = lanka_case_history_dialog_dispose;
  object_class->get_property = lanka_case_history_dialog_get_property;
  object_class->set_property = lanka_case_history_dialog_set_property;

  /**
   * LankaCaseHistoryDialog:database:
   *
   * The open database the history is read from.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaCaseHistoryDialog:case:
   *
   * The case whose history is shown; its records name the changes.
   */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaCaseHistoryDialog:show-names:
   *
   * Whether legal names and personal numbers are shown.
   */
  properties[PROP_SHOW_NAMES] =
    g_param_spec_boolean ("show-names", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseHistoryDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseHistoryDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseHistoryDialog, window_title);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_case_history_dialog_init (LankaCaseHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lanka_case_history_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @database: an open #LankaDatabase
 * @kase: the case whose history to show
 * @show_names: whether legal names and personal numbers are shown
 *
 * Returns: (transfer none): a new #LankaCaseHistoryDialog, not yet shown;
 *   like every window, it lives until it is closed
 */
LankaCaseHistoryDialog *
lanka_case_history_dialog_new (GtkWindow     *parent,
                               LankaDatabase *database,
                               LankaCase     *kase,
                               gboolean       show_names)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_CASE (kase), NULL);

  return g_object_new (LANKA_TYPE_CASE_HISTORY_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       "case", kase,
                       "show-names", show_names,
                       NULL);
}
