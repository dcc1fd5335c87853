/* lanka-case-referrals.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-referrals"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-editor.h"
#include "lanka-case-referrals.h"
#include "lanka-case-rows.h"
#include "lanka-consent-dialog.h"
#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-referral-dialog.h"
#include "lanka-referral-print.h"
#include "lanka-referrals.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* Referrals and Consent: the agencies the case was referred to (and the
 * referrals other agencies sent), each with where it stands and what can
 * be done with it next, and the consents the person gave.
 *
 * Unlike the sections that edit the case document, this one reads and
 * writes the store at once, as the journal does: a referral is sent when
 * it is sent, not when the case is saved.  So it needs a saved case, and
 * it reads the referrals by the case's uuid rather than from the
 * document.  The document only names the people.
 */

#define ROW_UUID "lanka-uuid"

struct _LankaCaseReferrals
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;

  /* What was read, and the rows that show it. */
  GListModel          *referrals;
  GListModel          *consents;
  GPtrArray           *referral_rows;
  GPtrArray           *consent_rows;

  /* The editor around the section, whose first save makes the case one
   * that can be referred.
   */
  GtkWidget           *editor;

  /* Template widgets */
  GtkLabel            *unsaved_label;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwPreferencesGroup *referrals_group;
  GtkLabel            *referrals_empty_label;
  GtkButton           *refer_button;
  GtkButton           *incoming_button;
  AdwPreferencesGroup *consents_group;
  GtkLabel            *consents_empty_label;
  GtkButton           *consent_button;
};

G_DEFINE_FINAL_TYPE (LankaCaseReferrals, lanka_case_referrals, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *
get_label (LankaVocabulary  vocabulary,
           const char      *code)
{
  const char *label = code != NULL ? lanka_vocabulary_get_label (vocabulary, code) : NULL;

  return label != NULL ? label : (code != NULL ? code : "");
}

static char *
describe_error (const GError *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DISK_FULL))
    return g_strdup (_("The disk is full. Free some space and try again."));

  /* These carry a sentence written for the person. */
  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID) ||
      g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
    return g_strdup (error->message);

  /* Translators: %s is the reason, as the database gives it */
  return g_strdup_printf (_("The referrals could not be read or written: %s"), error->message);
}

static void
show_error (LankaCaseReferrals *self,
            const char         *message)
{
  if (message != NULL)
    gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
show_gerror (LankaCaseReferrals *self,
             const GError       *error)
{
  g_autofree char *message = describe_error (error);

  show_error (self, message);
}

static gboolean
can_refer (LankaCaseReferrals *self)
{
  return self->database != NULL && self->kase != NULL && !lanka_case_is_new (self->kase);
}

static GtkWindow *
get_window (LankaCaseReferrals *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static LankaRecord *
find_in (GListModel *records,
         const char *uuid)
{
  guint n = records != NULL ? g_list_model_get_n_items (records) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (records, i);

      if (g_strcmp0 (lanka_record_get_uuid (record), uuid) == 0)
        return record;
    }

  return NULL;
}

/* Rows */

/* Where a referral stands, with the day it got there: "Accepted ·
 * 2026-03-02", and why or how it ended when it did.
 */
static char *
dup_status_text (LankaRecord *referral)
{
  const char *status = lanka_record_get (referral, "status");
  const char *label = get_label (LANKA_VOCABULARY_REFERRAL_STATUS, status);
  const char *date = NULL;
  const char *why = NULL;
  g_autofree char *dated = NULL;

  if (g_strcmp0 (status, "done") == 0)
    {
      date = lanka_record_get (referral, "done_on");
      if (lanka_record_get (referral, "outcome") != NULL)
        why = get_label (LANKA_VOCABULARY_REFERRAL_OUTCOME, lanka_record_get (referral, "outcome"));
    }
  else if (g_strcmp0 (status, "revoked") == 0)
    {
      date = lanka_record_get (referral, "revoked_on");
      why = lanka_record_get (referral, "status_reason");
    }
  else if (g_strcmp0 (status, "pending") == 0 || status == NULL)
    {
      date = lanka_record_get (referral, "sent_on");
    }
  else
    {
      date = lanka_record_get (referral, "answered_on");
      if (g_strcmp0 (status, "rejected") == 0)
        why = lanka_record_get (referral, "status_reason");
    }

  if (date != NULL)
    /* Translators: a referral's status and the day it got it,
     * "Accepted · 2026-03-02"
     */
    dated = g_strdup_printf (C_("referral status", "%s · %s"), label, date);
  else
    dated = g_strdup (label);

  if (why == NULL)
    return g_steal_pointer (&dated);

  /* Translators: a referral's status and why it ended so,
   * "Rejected · 2026-03-02: No place free"
   */
  return g_strdup_printf (C_("referral status", "%s: %s"), dated, why);
}

static char *
dup_referral_subtitle (LankaRecord *referral)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *reason = lanka_record_get (referral, "reason");
  const char *follow_up_on = lanka_record_get (referral, "follow_up_on");
  const char *withdrawn_on = lanka_record_get (referral, "consent_withdrawn_on");
  const char *reason_label = reason != NULL ? get_label (LANKA_VOCABULARY_REFERRAL_REASON, reason)
                                            : _("No reason given");

  if (g_strcmp0 (lanka_record_get (referral, "direction"), "incoming") == 0)
    /* Translators: the first line of a referral another agency sent,
     * with its reason: "Incoming · Protection"
     */
    g_ptr_array_add (lines, g_strdup_printf (_("Incoming · %s"), reason_label));
  else
    g_ptr_array_add (lines, g_strdup (reason_label));

  g_ptr_array_add (lines, dup_status_text (referral));

  if (follow_up_on != NULL &&
      lanka_referrals_status_is_open (lanka_record_get (referral, "status")))
    g_ptr_array_add (lines, g_strdup_printf (_("Follow-up on %s"), follow_up_on));

  if (withdrawn_on != NULL)
    /* Translators: under a referral whose consent was withdrawn */
    g_ptr_array_add (lines, g_strdup_printf (_("The consent it rests on was withdrawn on %s"),
                                             withdrawn_on));

  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *uuid)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (uuid));
  g_menu_append_item (menu, item);
}

/* The moves the store allows from the referral's status, and what else
 * can be done with it.
 */
static GMenuModel *
create_referral_menu (LankaRecord *referral)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  const char *uuid = lanka_record_get_uuid (referral);
  const char *status = lanka_record_get (referral, "status");
  gboolean open = lanka_referrals_status_is_open (status);

  if (g_strcmp0 (status, "pending") == 0)
    {
      append_item (moves, _("Mark In _Progress"), "referrals.in-progress", uuid);
      append_item (moves, _("_Accept"), "referrals.accept", uuid);
      append_item (moves, _("Re_ject…"), "referrals.reject", uuid);
    }
  if (g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "in_progress") == 0)
    append_item (moves, _("Mark _Done…"), "referrals.done", uuid);
  if (open)
    append_item (moves, _("Re_voke…"), "referrals.revoke", uuid);

  if (open)
    append_item (other, _("Set _Follow-up Date…"), "referrals.follow-up", uuid);
  if (g_strcmp0 (lanka_record_get (referral, "direction"), "incoming") != 0)
    append_item (other, _("_Print Summary…"), "referrals.print", uuid);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_menu_button (GMenuModel *menu,
                    const char *tooltip)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static GtkWidget *
create_referral_row (LankaRecord *referral)
{
  g_autoptr(GMenuModel) menu = create_referral_menu (referral);
  g_autofree char *subtitle = dup_referral_subtitle (referral);
  const char *name = lanka_record_get (referral, "agency_name");
  const char *withdrawn_on = lanka_record_get (referral, "consent_withdrawn_on");
  gboolean incoming = g_strcmp0 (lanka_record_get (referral, "direction"), "incoming") == 0;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  /* An agency's name is text: "Stöd & skydd" is no markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name != NULL ? name : _("Unnamed agency"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), ROW_UUID,
                          g_strdup (lanka_record_get_uuid (referral)), g_free);

  icon = gtk_image_new_from_icon_name (incoming ? "mail-reply-sender-symbolic"
                                                : "mail-send-symbolic");
  gtk_widget_set_tooltip_text (icon, incoming ? _("Received from another agency")
                                              : _("Sent to the agency"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (withdrawn_on != NULL)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_valign (warning, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (warning, _("The consent this referral rests on was withdrawn"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (warning),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The consent this referral rests on was withdrawn"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_menu_button (menu, _("Referral actions")));

  return row;
}

static char *
dup_consent_subtitle (LankaCaseReferrals *self,
                      LankaRecord        *consent)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *person = _lanka_referrals_dup_person_name (self->kase,
                                                              lanka_record_get (consent, "person"));
  const char *purpose = lanka_record_get (consent, "purpose");
  const char *given_by = lanka_record_get (consent, "given_by");
  const char *form = lanka_record_get (consent, "form");
  const char *given_on = lanka_record_get (consent, "given_on");
  const char *valid_until = lanka_record_get (consent, "valid_until");
  const char *withdrawn_on = lanka_record_get (consent, "withdrawn_on");
  g_autoptr(GPtrArray) how = g_ptr_array_new ();
  const char * const *excluded = lanka_record_get_list (consent, "excluded");

  /* Translators: whom a consent is about and what for: "Sample Lark ·
   * Protection"
   */
  g_ptr_array_add (lines, g_strdup_printf (C_("consent", "%s · %s"), person,
                                           purpose != NULL
                                           ? get_label (LANKA_VOCABULARY_REFERRAL_REASON, purpose)
                                           : _("No purpose given")));

  if (given_by != NULL)
    g_ptr_array_add (how, (gpointer) get_label (LANKA_VOCABULARY_CONSENT_GIVEN_BY, given_by));
  if (form != NULL)
    g_ptr_array_add (how, (gpointer) get_label (LANKA_VOCABULARY_CONSENT_FORM, form));
  if (given_on != NULL)
    g_ptr_array_add (how, (gpointer) given_on);
  if (how->len > 0)
    {
      g_ptr_array_add (how, NULL);
      /* Translators: between who gave a consent, how and when:
       * "The person · Written · 2026-03-01"
       */
      g_ptr_array_add (lines, g_strjoinv (C_("consent", " · "), (char **) how->pdata));
    }

  if (withdrawn_on != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Withdrawn on %s"), withdrawn_on));
  else if (valid_until != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Valid until %s"), valid_until));

  if (excluded != NULL && excluded[0] != NULL)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint i = 0; excluded[i] != NULL; i++)
        g_ptr_array_add (labels, (gpointer) get_label (LANKA_VOCABULARY_SHARE_CATEGORY,
                                                       excluded[i]));
      g_ptr_array_add (labels, NULL);
      /* Translators: between the items of a list, as in "Health, Exploitation" */
      joined = g_strjoinv (_(", "), (char **) labels->pdata);
      /* Translators: the categories a consent does not cover */
      g_ptr_array_add (lines, g_strdup_printf (_("Not to be shared: %s"), joined));
    }

  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

static GtkWidget *
create_consent_row (LankaCaseReferrals *self,
                    LankaRecord        *consent)
{
  g_autofree char *subtitle = dup_consent_subtitle (self, consent);
  const char *name = lanka_record_get (consent, "recipient_name");
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name != NULL ? name : _("Unnamed recipient"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), ROW_UUID,
                          g_strdup (lanka_record_get_uuid (consent)), g_free);

  if (lanka_record_get (consent, "withdrawn_on") == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      append_item (menu, _("_Withdraw…"), "referrals.withdraw-consent",
                   lanka_record_get_uuid (consent));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_menu_button (G_MENU_MODEL (menu), _("Consent actions")));
    }
  else
    {
      gtk_widget_add_css_class (row, "dim-label");
    }

  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
update_actions (LankaCaseReferrals *self)
{
  gboolean saved = can_refer (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referrals.refer", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referrals.incoming", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referrals.record-consent", saved);
  gtk_widget_set_visible (GTK_WIDGET (self->unsaved_label), self->kase != NULL && !saved);
}

static GListModel *
read_list (LankaCaseReferrals  *self,
           GListModel        *(*list) (LankaDatabase *, const char *, GError **),
           GError             **error)
{
  return list (self->database, lanka_case_get_uuid (self->kase), error);
}

/**
 * lanka_case_referrals_reload:
 * @self: a #LankaCaseReferrals
 *
 * Reads the case's referrals and consents again and shows them.
 */
void
lanka_case_referrals_reload (LankaCaseReferrals *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_if_fail (LANKA_IS_CASE_REFERRALS (self));

  clear_rows (self->referrals_group, self->referral_rows);
  clear_rows (self->consents_group, self->consent_rows);
  g_clear_object (&self->referrals);
  g_clear_object (&self->consents);

  update_actions (self);

  if (can_refer (self))
    {
      self->referrals = read_list (self, lanka_referrals_list, &error);
      if (error == NULL)
        self->consents = read_list (self, lanka_consents_list, &error);
      if (error != NULL)
        show_gerror (self, error);
    }

  n = self->referrals != NULL ? g_list_model_get_n_items (self->referrals) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) referral = g_list_model_get_item (self->referrals, i);
      GtkWidget *row = create_referral_row (referral);

      adw_preferences_group_add (self->referrals_group, row);
      g_ptr_array_add (self->referral_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->referrals_empty_label), n == 0 && can_refer (self));

  n = self->consents != NULL ? g_list_model_get_n_items (self->consents) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) consent = g_list_model_get_item (self->consents, i);
      GtkWidget *row = create_consent_row (self, consent);

      adw_preferences_group_add (self->consents_group, row);
      g_ptr_array_add (self->consent_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->consents_empty_label), n == 0 && can_refer (self));
}

/* After a referral or consent was written: what the section shows, and
 * the follow-up tasks in the Due list and the badge.
 */
static void
show_changes (LankaCaseReferrals *self)
{
  show_error (self, NULL);
  lanka_case_referrals_reload (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "cases.tasks-changed", NULL);
}

/* Opening the dialogs */

static void
on_dialog_done_cb (LankaCaseReferrals *self)
{
  /* A dialog goes with the window, and the section may go first. */
  if (self->referrals_group == NULL)
    return;

  show_changes (self);
}

static GtkWindow *
open_referral_dialog (LankaCaseReferrals *self,
                      const char         *direction)
{
  LankaReferralDialog *dialog;

  if (!can_refer (self))
    return NULL;

  dialog = lanka_referral_dialog_new (self->database, self->kase, direction);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  /* Whether it sent the referral or not, it may have recorded a consent
   * on the way.
   */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_done_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/**
 * lanka_case_referrals_refer:
 * @self: a #LankaCaseReferrals
 *
 * Opens the dialog that refers the case to an agency.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the case
 *   is not saved yet
 */
GtkWindow *
lanka_case_referrals_refer (LankaCaseReferrals *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_REFERRALS (self), NULL);

  return open_referral_dialog (self, "outgoing");
}

/**
 * lanka_case_referrals_record_incoming:
 * @self: a #LankaCaseReferrals
 *
 * Opens the dialog that records a referral another agency sent.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the case
 *   is not saved yet
 */
GtkWindow *
lanka_case_referrals_record_incoming (LankaCaseReferrals *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_REFERRALS (self), NULL);

  return open_referral_dialog (self, "incoming");
}

/**
 * lanka_case_referrals_record_consent:
 * @self: a #LankaCaseReferrals
 *
 * Opens the dialog that records a consent.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the case
 *   is not saved yet
 */
GtkWindow *
lanka_case_referrals_record_consent (LankaCaseReferrals *self)
{
  LankaConsentDialog *dialog;

  g_return_val_if_fail (LANKA_IS_CASE_REFERRALS (self), NULL);

  if (!can_refer (self))
    return NULL;

  dialog = lanka_consent_dialog_new (self->database, self->kase);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_done_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* Questions */

typedef enum
{
  QUESTION_REJECT,
  QUESTION_DONE,
  QUESTION_REVOKE,
  QUESTION_FOLLOW_UP,
  QUESTION_WITHDRAW,
} QuestionKind;

typedef struct
{
  QuestionKind  kind;
  char         *uuid;
  /* The entry, or the outcomes' check buttons. */
  GtkWidget    *entry;
  GPtrArray    *checks;
} Question;

static void
question_free (Question *question)
{
  g_free (question->uuid);
  g_clear_pointer (&question->checks, g_ptr_array_unref);
  g_free (question);
}

static const char *
question_response (QuestionKind kind)
{
  switch (kind)
    {
    case QUESTION_REJECT: return "reject";
    case QUESTION_DONE: return "done";
    case QUESTION_REVOKE: return "revoke";
    case QUESTION_FOLLOW_UP: return "set";
    case QUESTION_WITHDRAW: return "withdraw";
    default: g_assert_not_reached ();
    }
}

static char *
dup_entry_text (Question *question)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (question->entry)));

  g_strstrip (text);

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static const char *
get_chosen_outcome (Question *question)
{
  for (guint i = 0; question->checks != NULL && i < question->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (question->checks, i);

      if (gtk_check_button_get_active (check))
        return g_object_get_data (G_OBJECT (check), "lanka-code");
    }

  return NULL;
}

/* Whether the answer can be given yet: a reason typed, an outcome
 * chosen, a date that is one.
 */
static void
update_response (AdwMessageDialog *dialog)
{
  Question *question = g_object_get_data (G_OBJECT (dialog), "lanka-question");
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  gboolean enabled = FALSE;

  switch (question->kind)
    {
    case QUESTION_REJECT:
    case QUESTION_REVOKE:
      text = dup_entry_text (question);
      enabled = text != NULL;
      break;

    case QUESTION_DONE:
      enabled = get_chosen_outcome (question) != NULL;
      break;

    case QUESTION_FOLLOW_UP:
      /* An empty date takes the follow-up away. */
      text = dup_entry_text (question);
      date = lanka_case_rows_parse_date (text);
      enabled = text == NULL || date != NULL;
      break;

    case QUESTION_WITHDRAW:
      text = dup_entry_text (question);
      date = lanka_case_rows_parse_date (text);
      enabled = date != NULL;
      break;

    default:
      g_assert_not_reached ();
    }

  adw_message_dialog_set_response_enabled (dialog, question_response (question->kind), enabled);
}

static void
on_question_response_cb (LankaCaseReferrals *self,
                         const char         *response,
                         AdwMessageDialog   *dialog)
{
  Question *question = g_object_get_data (G_OBJECT (dialog), "lanka-question");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  gboolean done = FALSE;

  if (g_strcmp0 (response, question_response (question->kind)) != 0 || self->database == NULL)
    return;

  switch (question->kind)
    {
    case QUESTION_REJECT:
      text = dup_entry_text (question);
      done = lanka_referrals_set_status (self->database, question->uuid, "rejected", text, NULL,
                                         NULL, &error);
      break;

    case QUESTION_DONE:
      done = lanka_referrals_set_status (self->database, question->uuid, "done", NULL,
                                         get_chosen_outcome (question), NULL, &error);
      break;

    case QUESTION_REVOKE:
      text = dup_entry_text (question);
      done = lanka_referrals_set_status (self->database, question->uuid, "revoked", text, NULL,
                                         NULL, &error);
      break;

    case QUESTION_FOLLOW_UP:
      text = dup_entry_text (question);
      date = lanka_case_rows_parse_date (text);
      done = lanka_referrals_set_follow_up (self->database, question->uuid, date, NULL, &error);
      break;

    case QUESTION_WITHDRAW:
      text = dup_entry_text (question);
      date = lanka_case_rows_parse_date (text);
      done = lanka_consents_withdraw (self->database, question->uuid, date, NULL, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!done)
    {
      if (error != NULL)
        show_gerror (self, error);
      return;
    }

  show_changes (self);
}

static void
on_question_changed_cb (AdwMessageDialog *dialog)
{
  update_response (dialog);
}

static GtkWidget *
create_entry (AdwMessageDialog *dialog,
              const char       *placeholder,
              const char       *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder,
                                  -1);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_question_changed_cb), dialog,
                           G_CONNECT_SWAPPED);

  return entry;
}

static GtkWidget *
create_outcome_checks (AdwMessageDialog *dialog,
                       Question         *question)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkCheckButton *first = NULL;

  question->checks = g_ptr_array_new ();

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_REFERRAL_OUTCOME); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_REFERRAL_OUTCOME, i);
      const char *label = get_label (LANKA_VOCABULARY_REFERRAL_OUTCOME, code);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      g_object_set_data_full (G_OBJECT (check), "lanka-code", g_strdup (code), g_free);
      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_question_changed_cb), dialog,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), check);
      g_ptr_array_add (question->checks, check);
    }

  return box;
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Asks what a status move, a follow-up date or a withdrawal needs, and
 * does it when answered.
 */
static void
ask (LankaCaseReferrals *self,
     QuestionKind        kind,
     LankaRecord        *record)
{
  g_autofree char *today = NULL;
  const char *name;
  const char *heading = NULL;
  g_autofree char *body = NULL;
  const char *answer = NULL;
  AdwResponseAppearance appearance = ADW_RESPONSE_SUGGESTED;
  AdwMessageDialog *dialog;
  Question *question;
  GtkWidget *extra = NULL;

  question = g_new0 (Question, 1);
  question->kind = kind;
  question->uuid = g_strdup (lanka_record_get_uuid (record));

  name = lanka_record_get (record, kind == QUESTION_WITHDRAW ? "recipient_name" : "agency_name");
  if (name == NULL)
    name = "";

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), NULL, NULL));
  g_object_set_data_full (G_OBJECT (dialog), "lanka-question", question,
                          (GDestroyNotify) question_free);

  switch (kind)
    {
    case QUESTION_REJECT:
      heading = _("Referral Rejected");
      /* Translators: %s is an agency's name */
      body = g_strdup_printf (_("Why did %s reject the referral?"), name);
      answer = _("_Reject");
      question->entry = extra = create_entry (dialog, _("Reason"), NULL);
      break;

    case QUESTION_DONE:
      heading = _("Referral Done");
      /* Translators: %s is an agency's name */
      body = g_strdup_printf (_("How did the referral to %s end?"), name);
      answer = _("_Mark Done");
      extra = create_outcome_checks (dialog, question);
      break;

    case QUESTION_REVOKE:
      heading = _("Revoke Referral?");
      /* Translators: %s is an agency's name */
      body = g_strdup_printf (_("The referral to %s no longer stands. Tell the agency, and say "
                                "here why it was revoked."), name);
      answer = _("Re_voke");
      appearance = ADW_RESPONSE_DESTRUCTIVE;
      question->entry = extra = create_entry (dialog, _("Reason"), NULL);
      break;

    case QUESTION_FOLLOW_UP:
      heading = _("Follow-up Date");
      /* Translators: %s is an agency's name */
      body = g_strdup_printf (_("When should the referral to %s be followed up? Leave the date "
                                "empty for no follow-up."), name);
      answer = _("_Set");
      question->entry = extra = create_entry (dialog, _("Date, such as 2026-03-31"),
                                              lanka_record_get (record, "follow_up_on"));
      break;

    case QUESTION_WITHDRAW:
      heading = _("Withdraw Consent?");
      /* Translators: %s is the name of the agency the consent was given for */
      body = g_strdup_printf (_("From the day it is withdrawn, no new referral to %s can rest on "
                                "this consent, and open referrals that did show a warning."),
                              name);
      answer = _("_Withdraw");
      appearance = ADW_RESPONSE_DESTRUCTIVE;
      today = dup_today ();
      question->entry = extra = create_entry (dialog, _("Withdrawn on"), today);
      break;

    default:
      g_assert_not_reached ();
    }

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    question_response (kind), answer,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, question_response (kind), appearance);
  adw_message_dialog_set_default_response (dialog, question_response (kind));
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, extra);
  update_response (dialog);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static LankaRecord *
find_referral (LankaCaseReferrals *self,
               GVariant           *param)
{
  return find_in (self->referrals, g_variant_get_string (param, NULL));
}

static void
set_status (LankaCaseReferrals *self,
            GVariant           *param,
            const char         *status)
{
  g_autoptr(GError) error = NULL;

  if (self->database == NULL || find_referral (self, param) == NULL)
    return;

  if (!lanka_referrals_set_status (self->database, g_variant_get_string (param, NULL), status,
                                   NULL, NULL, NULL, &error))
    {
      if (error != NULL)
        show_gerror (self, error);
      return;
    }

  show_changes (self);
}

static void
in_progress_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  set_status (LANKA_CASE_REFERRALS (widget), param, "in_progress");
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  set_status (LANKA_CASE_REFERRALS (widget), param, "accepted");
}

static void
ask_about_referral (GtkWidget    *widget,
                    GVariant     *param,
                    QuestionKind  kind)
{
  LankaCaseReferrals *self = LANKA_CASE_REFERRALS (widget);
  LankaRecord *referral = find_referral (self, param);

  if (referral != NULL)
    ask (self, kind, referral);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ask_about_referral (widget, param, QUESTION_REJECT);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ask_about_referral (widget, param, QUESTION_DONE);
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ask_about_referral (widget, param, QUESTION_REVOKE);
}

static void
follow_up_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ask_about_referral (widget, param, QUESTION_FOLLOW_UP);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LankaCaseReferrals *self = LANKA_CASE_REFERRALS (widget);
  LankaRecord *referral = find_referral (self, param);
  g_autoptr(GError) error = NULL;

  if (referral == NULL || !can_refer (self))
    return;

  if (!lanka_referral_print (get_window (self), self->database, self->kase, referral, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID) ||
          g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
        message = describe_error (error);
      else
        /* Translators: %s is the reason the print system gives */
        message = g_strdup_printf (_("The summary could not be printed: %s"),
                                   error != NULL ? error->message : "");
      show_error (self, message);
    }
}

static void
withdraw_consent_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LankaCaseReferrals *self = LANKA_CASE_REFERRALS (widget);
  LankaRecord *consent = find_in (self->consents, g_variant_get_string (param, NULL));

  if (consent != NULL)
    ask (self, QUESTION_WITHDRAW, consent);
}

static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  lanka_case_referrals_refer (LANKA_CASE_REFERRALS (widget));
}

static void
incoming_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  lanka_case_referrals_record_incoming (LANKA_CASE_REFERRALS (widget));
}

static void
record_consent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  lanka_case_referrals_record_consent (LANKA_CASE_REFERRALS (widget));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  show_error (LANKA_CASE_REFERRALS (widget), NULL);
}

/* A first save makes a case that can be referred. */
static void
on_editor_saved_cb (LankaCaseReferrals *self,
                    const char         *uuid)
{
  if (self->kase != NULL && g_strcmp0 (uuid, lanka_case_get_uuid (self->kase)) == 0)
    lanka_case_referrals_reload (self);
}

static void
lanka_case_referrals_map (GtkWidget *widget)
{
  LankaCaseReferrals *self = LANKA_CASE_REFERRALS (widget);
  GtkWidget *editor = gtk_widget_get_ancestor (widget, LANKA_TYPE_CASE_EDITOR);

  GTK_WIDGET_CLASS (lanka_case_referrals_parent_class)->map (widget);

  if (editor != NULL && editor != self->editor)
    {
      g_set_weak_pointer (&self->editor, editor);
      g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* The case may have been saved for the first time while the section
   * was not on screen.
   */
  if (gtk_widget_get_visible (GTK_WIDGET (self->unsaved_label)) && can_refer (self))
    lanka_case_referrals_reload (self);
}

/* GObject */

static void
lanka_case_referrals_dispose (GObject *object)
{
  LankaCaseReferrals *self = (LankaCaseReferrals *)object;

  g_clear_weak_pointer (&self->editor);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_REFERRALS);

  g_clear_object (&self->referrals);
  g_clear_object (&self->consents);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_referrals_parent_class)->dispose (object);
}

static void
lanka_case_referrals_finalize (GObject *object)
{
  LankaCaseReferrals *self = (LankaCaseReferrals *)object;

  g_clear_pointer (&self->referral_rows, g_ptr_array_unref);
  g_clear_pointer (&self->consent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_case_referrals_parent_class)->finalize (object);
}

static void
lanka_case_referrals_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LankaCaseReferrals *self = LANKA_CASE_REFERRALS (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_referrals_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_case_referrals_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_referrals_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LankaCaseReferrals *self = LANKA_CASE_REFERRALS (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_referrals_set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      lanka_case_referrals_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_referrals_class_init (LankaCaseReferralsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_referrals_dispose;
  object_class->finalize = lanka_case_referrals_finalize;
  object_class->get_property = lanka_case_referrals_get_property;
  object_class->set_property = lanka_case_referrals_set_property;

  widget_class->map = lanka_case_referrals_map;

  /**
   * LankaCaseReferrals:database:
   *
   * The open database the referrals are read from and written to, or
   * %NULL when it is locked.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaCaseReferrals:case:
   *
   * The case whose referrals and consents are shown, or %NULL for none.
   */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-referrals.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, consent_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, consents_empty_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, consents_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, incoming_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, refer_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, referrals_empty_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, referrals_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseReferrals, unsaved_label);

  gtk_widget_class_install_action (widget_class, "referrals.refer", NULL, refer_action);
  gtk_widget_class_install_action (widget_class, "referrals.incoming", NULL, incoming_action);
  gtk_widget_class_install_action (widget_class, "referrals.record-consent", NULL,
                                   record_consent_action);
  gtk_widget_class_install_action (widget_class, "referrals.in-progress", "s", in_progress_action);
  gtk_widget_class_install_action (widget_class, "referrals.accept", "s", accept_action);
  gtk_widget_class_install_action (widget_class, "referrals.reject", "s", reject_action);
  gtk_widget_class_install_action (widget_class, "referrals.done", "s", done_action);
  gtk_widget_class_install_action (widget_class, "referrals.revoke", "s", revoke_action);
  gtk_widget_class_install_action (widget_class, "referrals.follow-up", "s", follow_up_action);
  gtk_widget_class_install_action (widget_class, "referrals.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "referrals.withdraw-consent", "s",
                                   withdraw_consent_action);
  gtk_widget_class_install_action (widget_class, "referrals.dismiss-error", NULL,
                                   dismiss_error_action);
}

static void
lanka_case_referrals_init (LankaCaseReferrals *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->referral_rows = g_ptr_array_new ();
  self->consent_rows = g_ptr_array_new ();

  update_actions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->referrals_empty_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->consents_empty_label), FALSE);
}

/**
 * lanka_case_referrals_new:
 *
 * Returns: (transfer floating): a new #LankaCaseReferrals showing no case
 */
GtkWidget *
lanka_case_referrals_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_REFERRALS, NULL);
}

/**
 * lanka_case_referrals_get_database:
 * @self: a #LankaCaseReferrals
 *
 * Returns: (nullable) (transfer none): the database
 */
LankaDatabase *
lanka_case_referrals_get_database (LankaCaseReferrals *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_REFERRALS (self), NULL);

  return self->database;
}

/**
 * lanka_case_referrals_set_database:
 * @self: a #LankaCaseReferrals
 * @database: (nullable): the open database, or %NULL when it is locked
 */
void
lanka_case_referrals_set_database (LankaCaseReferrals *self,
                                   LankaDatabase      *database)
{
  g_return_if_fail (LANKA_IS_CASE_REFERRALS (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  lanka_case_referrals_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_case_referrals_get_case:
 * @self: a #LankaCaseReferrals
 *
 * Returns: (nullable) (transfer none): the case shown
 */
LankaCase *
lanka_case_referrals_get_case (LankaCaseReferrals *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_REFERRALS (self), NULL);

  return self->kase;
}

/**
 * lanka_case_referrals_set_case:
 * @self: a #LankaCaseReferrals
 * @kase: (nullable): the case, or %NULL for none
 *
 * Shows the referrals and consents of @kase, read again even when @kase
 * is the case shown already.
 */
void
lanka_case_referrals_set_case (LankaCaseReferrals *self,
                               LankaCase          *kase)
{
  gboolean changed;

  g_return_if_fail (LANKA_IS_CASE_REFERRALS (self));
  g_return_if_fail (!kase || LANKA_IS_CASE (kase));

  changed = g_set_object (&self->kase, kase);
  if (changed)
    show_error (self, NULL);

  lanka_case_referrals_reload (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/* Rows the dialogs share */

/**
 * _lanka_referrals_dup_person_name:
 * @kase: (nullable): the case
 * @person_uuid: (nullable): a person of the case
 *
 * Returns: (transfer full): the person's alias, as the case shows it
 */
char *
_lanka_referrals_dup_person_name (LankaCase  *kase,
                                  const char *person_uuid)
{
  LankaRecord *person = NULL;
  const char *alias;

  if (kase != NULL && person_uuid != NULL)
    person = lanka_case_find_record (kase, person_uuid);
  if (person == NULL)
    return g_strdup (person_uuid != NULL ? _("A person no longer in the case")
                                         : _("No person chosen"));

  alias = lanka_record_get (person, "alias");

  return g_strdup (alias != NULL ? alias : _("No alias yet"));
}

#define PERSON_UUIDS "lanka-person-uuids"
#define ROW_RECORD   "lanka-record"
#define ROW_FIELD    "lanka-field"
#define ROW_SYNCING  "lanka-syncing"

static void
sync_person_row (GtkWidget *row)
{
  GPtrArray *uuids = g_object_get_data (G_OBJECT (row), PERSON_UUIDS);
  LankaRecord *record = g_object_get_data (G_OBJECT (row), ROW_RECORD);
  const char *field = g_object_get_data (G_OBJECT (row), ROW_FIELD);
  const char *value = lanka_record_get (record, field);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < uuids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (uuids, i), value) == 0)
      position = i;

  g_object_set_data (G_OBJECT (row), ROW_SYNCING, GINT_TO_POINTER (TRUE));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
  g_object_set_data (G_OBJECT (row), ROW_SYNCING, NULL);
}

static void
on_person_row_selected_cb (GtkWidget *row)
{
  GPtrArray *uuids = g_object_get_data (G_OBJECT (row), PERSON_UUIDS);
  LankaRecord *record = g_object_get_data (G_OBJECT (row), ROW_RECORD);
  const char *field = g_object_get_data (G_OBJECT (row), ROW_FIELD);
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (g_object_get_data (G_OBJECT (row), ROW_SYNCING) != NULL || position >= uuids->len)
    return;

  lanka_record_set (record, field, g_ptr_array_index (uuids, position));
}

static void
bind_record (GtkWidget   *row,
             LankaRecord *record,
             const char  *field)
{
  g_object_set_data_full (G_OBJECT (row), ROW_RECORD, g_object_ref (record), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), ROW_FIELD, g_strdup (field), g_free);
}

/**
 * _lanka_referrals_person_row_new:
 * @kase: the case, whose people to choose from
 * @record: the referral or consent
 * @field: the field of @record that holds the person's uuid
 * @title: the row's title
 *
 * The victim is chosen when @field is empty: most referrals are about
 * that person.
 *
 * Returns: (transfer floating): an #AdwComboRow of the case's people, by
 *   alias and role
 */
GtkWidget *
_lanka_referrals_person_row_new (LankaCase   *kase,
                                 LankaRecord *record,
                                 const char  *field,
                                 const char  *title)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *detailed = g_strdup_printf ("changed::%s", field);
  GListModel *people;
  GPtrArray *uuids;
  GtkWidget *row;

  g_return_val_if_fail (LANKA_IS_CASE (kase), NULL);
  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  bind_record (row, record, field);

  uuids = g_ptr_array_new_with_free_func (g_free);
  people = lanka_case_get_people (kase);
  for (guint i = 0; people != NULL && i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (people, i);
      g_autofree char *alias = _lanka_referrals_dup_person_name (kase,
                                                                 lanka_record_get_uuid (person));
      const char *role = lanka_record_get (person, "role");
      g_autofree char *label = NULL;

      if (role != NULL)
        /* Translators: a person to choose, by alias and role: "Sample Lark (Victim)" */
        label = g_strdup_printf (_("%s (%s)"), alias, get_label (LANKA_VOCABULARY_ROLE, role));
      else
        label = g_strdup (alias);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (uuids, g_strdup (lanka_record_get_uuid (person)));
    }
  g_object_set_data_full (G_OBJECT (row), PERSON_UUIDS, uuids,
                          (GDestroyNotify) g_ptr_array_unref);

  if (lanka_record_get (record, field) == NULL)
    {
      LankaRecord *victim = lanka_case_get_victim (kase);

      if (victim != NULL)
        lanka_record_set (record, field, lanka_record_get_uuid (victim));
      else if (uuids->len > 0)
        lanka_record_set (record, field, g_ptr_array_index (uuids, 0));
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  sync_person_row (row);

  g_signal_connect (row, "notify::selected", G_CALLBACK (on_person_row_selected_cb), NULL);
  g_signal_connect_object (record, detailed, G_CALLBACK (sync_person_row), row,
                           G_CONNECT_SWAPPED);

  return row;
}

/* Agency rows: a typed name, or an agency of the directory. */

#define AGENCY_UUID_FIELD "lanka-uuid-field"
#define AGENCY_DATABASE   "lanka-database"
#define AGENCY_CASE       "lanka-case"
#define AGENCY_ICON       "lanka-directory-icon"

static void
sync_agency_row (GtkWidget *row)
{
  LankaRecord *record = g_object_get_data (G_OBJECT (row), ROW_RECORD);
  const char *name_field = g_object_get_data (G_OBJECT (row), ROW_FIELD);
  const char *uuid_field = g_object_get_data (G_OBJECT (row), AGENCY_UUID_FIELD);
  const char *name = lanka_record_get (record, name_field);
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), AGENCY_ICON);

  gtk_widget_set_visible (icon, lanka_record_get (record, uuid_field) != NULL);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), name != NULL ? name : "") == 0)
    return;

  g_object_set_data (G_OBJECT (row), ROW_SYNCING, GINT_TO_POINTER (TRUE));
  gtk_editable_set_text (GTK_EDITABLE (row), name != NULL ? name : "");
  g_object_set_data (G_OBJECT (row), ROW_SYNCING, NULL);
}

/* A name typed over a chosen agency is another agency, not in the
 * directory.
 */
static void
on_agency_row_changed_cb (GtkWidget *row)
{
  LankaRecord *record = g_object_get_data (G_OBJECT (row), ROW_RECORD);
  const char *name_field = g_object_get_data (G_OBJECT (row), ROW_FIELD);
  const char *uuid_field = g_object_get_data (G_OBJECT (row), AGENCY_UUID_FIELD);
  g_autofree char *text = NULL;

  if (g_object_get_data (G_OBJECT (row), ROW_SYNCING) != NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (g_strcmp0 (text, lanka_record_get (record, name_field)) == 0)
    return;

  g_object_set_data (G_OBJECT (row), ROW_SYNCING, GINT_TO_POINTER (TRUE));
  lanka_record_set (record, uuid_field, NULL);
  lanka_record_set (record, name_field, text[0] != '\0' ? text : NULL);
  g_object_set_data (G_OBJECT (row), ROW_SYNCING, NULL);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), AGENCY_ICON), FALSE);
}

static void
on_agency_chosen_cb (GtkWidget  *row,
                     const char *uuid)
{
  LankaRecord *record = g_object_get_data (G_OBJECT (row), ROW_RECORD);
  LankaDatabase *database = g_object_get_data (G_OBJECT (row), AGENCY_DATABASE);
  g_autoptr(LankaAgency) agency = NULL;

  agency = lanka_directory_get_agency (database, uuid, NULL);
  if (agency == NULL)
    return;

  lanka_record_set (record, g_object_get_data (G_OBJECT (row), AGENCY_UUID_FIELD), uuid);
  lanka_record_set (record, g_object_get_data (G_OBJECT (row), ROW_FIELD),
                    lanka_agency_get_name (agency));
}

static void
on_agency_choose_clicked_cb (GtkWidget *row)
{
  LankaDatabase *database = g_object_get_data (G_OBJECT (row), AGENCY_DATABASE);
  LankaCase *kase = g_object_get_data (G_OBJECT (row), AGENCY_CASE);
  LankaFindHelpDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (row);

  dialog = lanka_find_help_dialog_new (database, NULL, FALSE, NULL);
  _lanka_referrals_prepare_find_help (lanka_find_help_dialog_get_find_help (dialog), kase);
  lanka_find_help_dialog_set_choose_label (dialog, _("_Choose"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL);
  g_signal_connect_object (dialog, "agency-chosen", G_CALLBACK (on_agency_chosen_cb), row,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _lanka_referrals_agency_row_new:
 * @database: the database whose directory to choose from
 * @kase: the case, for what Find Help starts with
 * @record: the referral or consent
 * @uuid_field: the field that holds the agency's uuid, when it is one of
 *   the directory
 * @name_field: the field that holds its name
 * @title: the row's title
 *
 * Returns: (transfer floating): an #AdwEntryRow for the agency's name,
 *   with a button that chooses an agency of the directory
 */
GtkWidget *
_lanka_referrals_agency_row_new (LankaDatabase *database,
                                 LankaCase     *kase,
                                 LankaRecord   *record,
                                 const char    *uuid_field,
                                 const char    *name_field,
                                 const char    *title)
{
  g_autofree char *detailed_uuid = g_strdup_printf ("changed::%s", uuid_field);
  g_autofree char *detailed_name = g_strdup_printf ("changed::%s", name_field);
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *icon;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_CASE (kase), NULL);
  g_return_val_if_fail (LANKA_IS_RECORD (record), NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  bind_record (row, record, name_field);
  g_object_set_data_full (G_OBJECT (row), AGENCY_UUID_FIELD, g_strdup (uuid_field), g_free);
  g_object_set_data_full (G_OBJECT (row), AGENCY_DATABASE, g_object_ref (database),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (row), AGENCY_CASE, g_object_ref (kase), g_object_unref);

  icon = gtk_image_new_from_icon_name ("x-office-address-book-symbolic");
  gtk_widget_set_tooltip_text (icon, _("An agency of the directory"));
  gtk_widget_add_css_class (icon, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), AGENCY_ICON, icon);

  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose an agency of the directory"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_agency_choose_clicked_cb), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  sync_agency_row (row);
  g_signal_connect (row, "changed", G_CALLBACK (on_agency_row_changed_cb), NULL);
  g_signal_connect_object (record, detailed_uuid, G_CALLBACK (sync_agency_row), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (record, detailed_name, G_CALLBACK (sync_agency_row), row,
                           G_CONNECT_SWAPPED);

  return row;
}

/* Category checklists */

static void
on_category_toggled_cb (GtkCheckButton *check)
{
  LankaRecord *record = g_object_get_data (G_OBJECT (check), ROW_RECORD);

  if (g_object_get_data (G_OBJECT (check), ROW_SYNCING) != NULL)
    return;

  lanka_record_list_toggle (record, g_object_get_data (G_OBJECT (check), ROW_FIELD),
                            g_object_get_data (G_OBJECT (check), "lanka-code"),
                            gtk_check_button_get_active (check));
}

static void
sync_category_check (GtkCheckButton *check)
{
  LankaRecord *record = g_object_get_data (G_OBJECT (check), ROW_RECORD);
  gboolean active = lanka_record_list_contains (record,
                                                g_object_get_data (G_OBJECT (check), ROW_FIELD),
                                                g_object_get_data (G_OBJECT (check), "lanka-code"));

  g_object_set_data (G_OBJECT (check), ROW_SYNCING, GINT_TO_POINTER (TRUE));
  gtk_check_button_set_active (check, active);
  g_object_set_data (G_OBJECT (check), ROW_SYNCING, NULL);
}

/**
 * _lanka_referrals_add_category_checks:
 * @group: the group to add the rows to
 * @record: the referral or consent
 * @field: its list of category codes, "shared" or "excluded"
 *
 * Adds a row with a check button for each category of the case's
 * information, ticked when @field holds it.
 */
void
_lanka_referrals_add_category_checks (AdwPreferencesGroup *group,
                                      LankaRecord         *record,
                                      const char          *field)
{
  g_autofree char *detailed = g_strdup_printf ("changed::%s", field);

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (LANKA_IS_RECORD (record));

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_SHARE_CATEGORY); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_SHARE_CATEGORY, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     get_label (LANKA_VOCABULARY_SHARE_CATEGORY, code));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      bind_record (check, record, field);
      g_object_set_data_full (G_OBJECT (check), "lanka-code", g_strdup (code), g_free);
      sync_category_check (GTK_CHECK_BUTTON (check));
      g_signal_connect (check, "toggled", G_CALLBACK (on_category_toggled_cb), NULL);
      g_signal_connect_object (record, detailed, G_CALLBACK (sync_category_check), check,
                               G_CONNECT_SWAPPED);

      adw_preferences_group_add (group, row);
    }
}

/**
 * _lanka_referrals_prepare_find_help:
 * @find_help: a #LankaFindHelp
 * @kase: the case referred
 *
 * Starts @find_help with what the case needs, where the person is and
 * whether the person is a child.  What the case needs is the support of
 * its plan that nobody provides yet, or else the first support of the
 * plan.
 */
void
_lanka_referrals_prepare_find_help (LankaFindHelp *find_help,
                                    LankaCase     *kase)
{
  GListModel *plan;
  const char *need = NULL;
  const char *first = NULL;

  g_return_if_fail (LANKA_IS_FIND_HELP (find_help));
  g_return_if_fail (LANKA_IS_CASE (kase));

  plan = lanka_case_get_plan (kase);
  for (guint i = 0; plan != NULL && i < g_list_model_get_n_items (plan) && need == NULL; i++)
    {
      g_autoptr(LankaRecord) item = g_list_model_get_item (plan, i);
      const char *support_type = lanka_record_get (item, "support_type");

      if (support_type == NULL)
        continue;
      if (first == NULL)
        first = support_type;
      if (lanka_record_get (item, "provider") == NULL &&
          lanka_record_get (item, "provider_name") == NULL)
        need = support_type;
    }

  lanka_find_help_set_need (find_help, need != NULL ? need : first);
  lanka_find_help_set_child (find_help, lanka_case_is_child (kase, NULL));
  lanka_find_help_set_county (find_help, lanka_record_get (lanka_case_get_record (kase), "county"));
}

/**
 * _lanka_referrals_problem_label_new:
 * @group: the group whose fields the label speaks of
 *
 * Returns: (transfer none): a label under the rows of @group, hidden
 *   until _lanka_referrals_set_problem() gives it a sentence
 */
GtkWidget *
_lanka_referrals_problem_label_new (AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (group, label);

  return label;
}

/**
 * _lanka_referrals_set_problem:
 * @label: a label from _lanka_referrals_problem_label_new()
 * @message: (nullable): the sentence, or %NULL to hide the label
 */
void
_lanka_referrals_set_problem (GtkWidget  *label,
                              const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_label (GTK_LABEL (label), message);
  gtk_widget_set_visible (label, message != NULL);
}
