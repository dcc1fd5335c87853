/* lanka-retention-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-retention-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-retention-dialog.h"

/* The retention review ("gallring"): the closed cases whose earliest
 * deletion date has come, with the rule that made them due.  A case is
 * put on hold with a reason (a trial, a complaint, a request for the
 * file), released again, or deleted for good after a question that says
 * it cannot be undone.  What the store refuses (a case held, in the
 * research sample, with an open referral) it says in a sentence, shown
 * above the list.
 *
 * Only case numbers and dates are shown: the review is about the file,
 * not the person.
 */

#define UUID_KEY   "lanka-case-uuid"
#define NUMBER_KEY "lanka-case-number"

struct _LankaRetentionDialog
{
  AdwWindow            parent_instance;

  LankaDatabase       *database;
  GPtrArray           *rows;
  /* The day of the review: invalid for the clock's. */
  GDate                today;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkLabel            *rule_label;
  GtkLabel            *error_label;
  GtkStack            *stack;
  AdwPreferencesGroup *cases_group;
};

G_DEFINE_FINAL_TYPE (LankaRetentionDialog, lanka_retention_dialog, ADW_TYPE_WINDOW)

enum {
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDate *
get_today (LankaRetentionDialog *self)
{
  return g_date_valid (&self->today) ? &self->today : NULL;
}

static void
show_error (LankaRetentionDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * lanka_retention_dialog_dup_rule_text:
 * @rule: a retention rule
 *
 * Returns: (transfer full): the rule in a sentence or two
 */
char *
lanka_retention_dialog_dup_rule_text (const LankaRetentionRule *rule)
{
  g_autofree char *years = NULL;

  g_return_val_if_fail (rule != NULL, NULL);

  years = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Closed cases are deleted %u year after their last journal "
                                        "entry, by the end of the following year.",
                                        "Closed cases are deleted %u years after their last journal "
                                        "entry, by the end of the following year.",
                                        rule->years),
                           rule->years);

  if (!rule->research_sample)
    return g_steal_pointer (&years);

  /* Translators: the retention rule and its research sample, two sentences */
  return g_strdup_printf (_("%s People born on the 5th, 15th or 25th are kept for research."),
                          years);
}

static char *
dup_state_text (const LankaRetentionItem *item)
{
  switch (item->state)
    {
    case LANKA_RETENTION_DUE:
      /* Translators: %s is the date by which a case should be deleted */
      return g_strdup_printf (_("Due for deletion, by %s"), item->deadline ?: "");

    case LANKA_RETENTION_OVERDUE:
      return g_strdup_printf (_("Overdue: it should have been deleted by %s"), item->deadline ?: "");

    case LANKA_RETENTION_HELD:
      if (item->hold_reason != NULL)
        /* Translators: %s is why a case is kept, as someone wrote it */
        return g_strdup_printf (_("On hold: %s"), item->hold_reason);
      return g_strdup (_("On hold"));

    case LANKA_RETENTION_RESEARCH_SAMPLE:
      return g_strdup (_("Kept for research: the person was born on the 5th, 15th or 25th"));

    case LANKA_RETENTION_NOT_DUE:
    default:
      return g_strdup (_("Not due yet"));
    }
}

static char *
dup_subtitle (const LankaRetentionItem *item)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *state = dup_state_text (item);

  /* Translators: a case in the retention review: when it was closed and
   * its last journal entry
   */
  g_string_append_printf (text, _("Closed %s · last entry %s"),
                          item->closed ?: "—", item->last_entry ?: "—");
  g_string_append_c (text, '\n');
  /* Translators: the earliest date a case may be deleted */
  g_string_append_printf (text, _("May be deleted from %s"), item->earliest ?: "—");
  g_string_append_c (text, '\n');
  g_string_append (text, state);

  if (item->open_referrals > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Has %u open referral: close it before deleting",
                                           "Has %u open referrals: close them before deleting",
                                           item->open_referrals),
                              item->open_referrals);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
can_delete (const LankaRetentionItem *item)
{
  return (item->state == LANKA_RETENTION_DUE || item->state == LANKA_RETENTION_OVERDUE) &&
         item->open_referrals == 0;
}

static GtkWidget *
make_button (const char               *label,
             const char               *action,
             const LankaRetentionItem *item,
             const char               *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", item->case_uuid,
                                    item->number ?: "");
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);

  return button;
}

static GtkWidget *
create_row (const LankaRetentionItem *item)
{
  g_autofree char *subtitle = dup_subtitle (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->number ?: "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);

  if (item->state == LANKA_RETENTION_HELD)
    gtk_box_append (GTK_BOX (buttons),
                    make_button (_("_Release Hold"), "retention.release", item, NULL));
  else if (item->state != LANKA_RETENTION_RESEARCH_SAMPLE)
    gtk_box_append (GTK_BOX (buttons),
                    make_button (_("Put on _Hold…"), "retention.hold", item, NULL));

  if (can_delete (item))
    gtk_box_append (GTK_BOX (buttons),
                    make_button (_("_Delete…"), "retention.delete", item, "destructive-action"));

  /* A case kept for research has nothing to be done with it. */
  if (gtk_widget_get_first_child (buttons) == NULL)
    {
      g_object_unref (g_object_ref_sink (buttons));
      return row;
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);

  return row;
}

/**
 * lanka_retention_dialog_reload:
 * @self: a #LankaRetentionDialog
 *
 * Reads the rule and the cases due again.
 */
void
lanka_retention_dialog_reload (LankaRetentionDialog *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rule_text = NULL;
  LankaRetentionRule rule;

  g_return_if_fail (LANKA_IS_RETENTION_DIALOG (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->cases_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  lanka_retention_rule_init (&rule);
  if (self->database != NULL && lanka_database_is_open (self->database) &&
      !lanka_retention_get_rule (self->database, &rule, &error))
    {
      g_debug ("The retention rule could not be read: %s", error->message);
      g_clear_error (&error);
      lanka_retention_rule_init (&rule);
    }

  rule_text = lanka_retention_dialog_dup_rule_text (&rule);
  gtk_label_set_label (self->rule_label, rule_text);

  if (self->database == NULL || !lanka_database_is_open (self->database))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  items = lanka_retention_list_due (self->database, get_today (self), &error);
  if (items == NULL && error != NULL)
    {
      /* Translators: %s says why, as a sentence */
      g_autofree char *message = g_strdup_printf (_("The cases due could not be read. %s"),
                                                  error->message);

      show_error (self, message);
    }

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      GtkWidget *row = create_row (g_ptr_array_index (items, i));

      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "list" : "empty");
}

/* Hold */

static void
on_reason_changed_cb (AdwMessageDialog *dialog,
                      GtkEditable      *entry)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "hold", reason[0] != '\0');
}

static void
on_hold_response_cb (LankaRetentionDialog *self,
                     const char           *response,
                     AdwMessageDialog     *dialog)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), UUID_KEY);
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "hold") != 0 || self->database == NULL || uuid == NULL)
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (!lanka_retention_hold (self->database, uuid, reason, get_today (self), &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  lanka_retention_dialog_reload (self);
}

static void
hold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LankaRetentionDialog *self = LANKA_RETENTION_DIALOG (widget);
  const char *uuid;
  const char *number;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_variant_get (param, "(&s&s)", &uuid, &number);

  /* Translators: %s is a case number */
  heading = g_strdup_printf (_("Put Case %s on Hold?"), number);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("The case is kept, and not deleted, until "
                                                         "the hold is released. Write why, so that "
                                                         "the next review knows.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, such as an ongoing trial"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for the hold"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "hold", _("Put on _Hold"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "hold", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "hold", FALSE);
  adw_message_dialog_set_default_response (dialog, "hold");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (dialog), UUID_KEY, g_strdup (uuid), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_hold_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
release_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LankaRetentionDialog *self = LANKA_RETENTION_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *uuid;
  const char *number;

  g_variant_get (param, "(&s&s)", &uuid, &number);

  if (self->database == NULL)
    return;

  if (!lanka_retention_release (self->database, uuid, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  lanka_retention_dialog_reload (self);

  /* Translators: a toast; %s is a case number */
  title = g_strdup_printf (_("The hold on case %s was released"), number);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Delete */

static void
on_delete_response_cb (LankaRetentionDialog *self,
                       const char           *response,
                       AdwMessageDialog     *dialog)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), UUID_KEY);
  const char *number = g_object_get_data (G_OBJECT (dialog), NUMBER_KEY);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->database == NULL || uuid == NULL)
    return;

  if (!lanka_retention_delete (self->database, uuid, get_today (self), &error))
    {
      /* Translators: %s says why, as a sentence */
      g_autofree char *message = g_strdup_printf (_("The case was not deleted. %s"),
                                                  error->message);

      show_error (self, message);
      lanka_retention_dialog_reload (self);
      return;
    }

  show_error (self, NULL);
  lanka_retention_dialog_reload (self);
  g_signal_emit (self, signals[DELETED], 0, uuid);

  /* Translators: a toast; %s is a case number */
  title = g_strdup_printf (_("Case %s was deleted"), number ?: "");
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LankaRetentionDialog *self = LANKA_RETENTION_DIALOG (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  const char *uuid;
  const char *number;

  g_variant_get (param, "(&s&s)", &uuid, &number);

  /* Translators: %s is a case number */
  heading = g_strdup_printf (_("Delete Case %s for Good?"), number);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Everything of the case is deleted: its "
                                                         "people, journal, referrals, consents, "
                                                         "deadlines, change history and drafts. "
                                                         "This cannot be undone.\n\nOnly a line "
                                                         "without content stays in the retention "
                                                         "log: the case number, the day of its "
                                                         "last entry and the rule.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), UUID_KEY, g_strdup (uuid), g_free);
  g_object_set_data_full (G_OBJECT (dialog), NUMBER_KEY, g_strdup (number), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
lanka_retention_dialog_dispose (GObject *object)
{
  LankaRetentionDialog *self = (LankaRetentionDialog *)object;

  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_RETENTION_DIALOG);

  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_retention_dialog_parent_class)->dispose (object);
}

static void
lanka_retention_dialog_finalize (GObject *object)
{
  LankaRetentionDialog *self = (LankaRetentionDialog *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_retention_dialog_parent_class)->finalize (object);
}

static void
lanka_retention_dialog_class_init (LankaRetentionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_retention_dialog_dispose;
  object_class->finalize = lanka_retention_dialog_finalize;

  /**
   * LankaRetentionDialog::deleted:
   * @self: a #LankaRetentionDialog
   * @case_uuid: the case deleted
   *
   * A case was deleted for good: whatever showed it lets it go.
   */
  signals[DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-retention-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaRetentionDialog, cases_group);
  gtk_widget_class_bind_template_child (widget_class, LankaRetentionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaRetentionDialog, rule_label);
  gtk_widget_class_bind_template_child (widget_class, LankaRetentionDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaRetentionDialog, toast_overlay);

  gtk_widget_class_install_action (widget_class, "retention.hold", "(ss)", hold_action);
  gtk_widget_class_install_action (widget_class, "retention.release", "(ss)", release_action);
  gtk_widget_class_install_action (widget_class, "retention.delete", "(ss)", delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_retention_dialog_init (LankaRetentionDialog *self)
{
  self->rows = g_ptr_array_new ();
  g_date_clear (&self->today, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lanka_retention_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @database: the open database
 *
 * Returns: (transfer none): a new review window, not shown yet
 */
LankaRetentionDialog *
lanka_retention_dialog_new (GtkWindow     *parent,
                            LankaDatabase *database)
{
  LankaRetentionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);

  self = g_object_new (LANKA_TYPE_RETENTION_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  lanka_retention_dialog_reload (self);

  return self;
}

/**
 * lanka_retention_dialog_set_today:
 * @self: a #LankaRetentionDialog
 * @today: (nullable): the day of the review, %NULL for the clock's
 *
 * The review follows the clock; a test gives it a day of its own.
 */
void
lanka_retention_dialog_set_today (LankaRetentionDialog *self,
                                  const GDate          *today)
{
  g_return_if_fail (LANKA_IS_RETENTION_DIALOG (self));

  g_date_clear (&self->today, 1);
  if (today != NULL && g_date_valid (today))
    self->today = *today;

  lanka_retention_dialog_reload (self);
}
