/* lanka-referral-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-referral-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-referrals.h"
#include "lanka-case-rows.h"
#include "lanka-consent-dialog.h"
#include "lanka-directory.h"
#include "lanka-referral-dialog.h"
#include "lanka-referrals.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* Refers a case to an agency, in two steps: the agency first, found with
 * the directory's Find Help started from what the case needs, then what
 * the referral is about, what is shared and on which basis.  Without a
 * valid consent or another ground with a justification it cannot be
 * sent: Send says why at the field, and nothing is written.
 *
 * An incoming referral, one another agency sent, needs no basis: it is
 * recorded with the agency (from the directory or by its name), the
 * reason and the day it came, in one step.
 *
 * The dialog fills in a referral record from lanka_referrals_new(); the
 * store writes it on Send.  The two steps are the pages of a leaflet that
 * never unfolds, so that a phone and a wide screen see the same thing.
 */
struct _LankaReferralDialog
{
  AdwWindow            parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  char                *direction;
  LankaRecord         *referral;

  /* The agency's contact persons: uuids, names, with "None" first. */
  GPtrArray           *contact_uuids;
  GPtrArray           *contact_names;
  /* The consents the referral may rest on, in the combo row's order. */
  GPtrArray           *consent_uuids;
  guint                syncing : 1;

  /* The first problem, to bring into view once it is laid out. */
  GtkWidget           *scroll_row;
  GtkWidget           *scroll_label;
  guint                scroll_source;

  /* Rows made in code. */
  GtkWidget           *agency_row;
  GtkWidget           *contact_row;
  GtkWidget           *basis_row;
  GtkWidget           *consent_row;
  GtkWidget           *no_consent_row;
  GtkWidget           *justification_row;

  /* The sentences under each group. */
  GtkWidget           *agency_problem;
  GtkWidget           *referral_problem;
  GtkWidget           *shared_problem;
  GtkWidget           *basis_problem;
  GtkWidget           *follow_up_problem;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *back_button;
  GtkWidget           *cancel_button;
  GtkWidget           *next_button;
  GtkButton           *send_button;
  AdwLeaflet          *leaflet;
  LankaFindHelp       *find_help;
  GtkScrolledWindow   *scrolled_window;
  GtkWidget           *form_box;
  GtkLabel            *error_label;
  AdwPreferencesGroup *agency_group;
  AdwPreferencesGroup *referral_group;
  AdwPreferencesGroup *shared_group;
  AdwPreferencesGroup *basis_group;
  AdwPreferencesGroup *follow_up_group;
};

G_DEFINE_FINAL_TYPE (LankaReferralDialog, lanka_referral_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  PROP_DIRECTION,
  N_PROPS
};

enum {
  SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_incoming (LankaReferralDialog *self)
{
  return g_strcmp0 (self->direction, "incoming") == 0;
}

static const char *
get_label (LankaVocabulary  vocabulary,
           const char      *code)
{
  const char *label = code != NULL ? lanka_vocabulary_get_label (vocabulary, code) : NULL;

  return label != NULL ? label : (code != NULL ? code : "");
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
show_error (LankaReferralDialog *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
on_details_page (LankaReferralDialog *self)
{
  return g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "details") == 0;
}

static void
update_header (LankaReferralDialog *self)
{
  gboolean details = on_details_page (self);

  /* On the details, Back leads to Cancel: a phone has no room for both
   * beside the title and Send.
   */
  gtk_widget_set_visible (self->back_button, details && !is_incoming (self));
  gtk_widget_set_visible (self->cancel_button, !details || is_incoming (self));
  gtk_widget_set_visible (self->next_button, !details);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), details);

  if (is_incoming (self))
    adw_window_title_set_subtitle (self->window_title, NULL);
  else if (details)
    adw_window_title_set_subtitle (self->window_title,
                                   lanka_record_get (self->referral, "agency_name"));
  else
    adw_window_title_set_subtitle (self->window_title, _("Choose an agency"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "referral.next",
                                 lanka_find_help_get_selected_uuid (self->find_help) != NULL);
}

/* Contact persons */

static void
on_contact_row_selected_cb (LankaReferralDialog *self)
{
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (self->contact_row));

  if (self->syncing || position >= self->contact_uuids->len)
    return;

  lanka_record_set (self->referral, "contact", g_ptr_array_index (self->contact_uuids, position));
  lanka_record_set (self->referral, "contact_name",
                    g_ptr_array_index (self->contact_names, position));
}

/* The contact persons of the agency chosen, none chosen. */
static void
load_contacts (LankaReferralDialog *self,
               const char          *agency_uuid)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) contacts = NULL;

  g_ptr_array_set_size (self->contact_uuids, 0);
  g_ptr_array_set_size (self->contact_names, 0);
  g_ptr_array_add (self->contact_uuids, NULL);
  g_ptr_array_add (self->contact_names, NULL);
  gtk_string_list_append (labels, C_("contact person", "None"));

  if (agency_uuid != NULL)
    contacts = lanka_directory_list_contacts (self->database, agency_uuid, NULL);

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      LankaAgencyContact *contact = g_ptr_array_index (contacts, i);
      const char *name = lanka_agency_contact_get_name (contact);
      const char *role = lanka_agency_contact_get_role (contact);
      g_autofree char *label = NULL;

      if (name == NULL)
        continue;

      if (role != NULL && role[0] != '\0')
        /* Translators: a contact person and their role: "Anna Berg (Coordinator)" */
        label = g_strdup_printf (_("%s (%s)"), name, role);
      else
        label = g_strdup (name);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->contact_uuids, g_strdup (lanka_agency_contact_get_uuid (contact)));
      g_ptr_array_add (self->contact_names, g_strdup (name));
    }

  self->syncing = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->contact_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->contact_row), 0);
  self->syncing = FALSE;

  gtk_widget_set_visible (self->contact_row, self->contact_uuids->len > 1);
  lanka_record_set (self->referral, "contact", NULL);
  lanka_record_set (self->referral, "contact_name", NULL);
}

/* Consents */

static void
on_consent_row_selected_cb (LankaReferralDialog *self)
{
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (self->consent_row));

  if (self->syncing || position >= self->consent_uuids->len)
    return;

  lanka_record_set (self->referral, "consent", g_ptr_array_index (self->consent_uuids, position));
}

/* "The person · Written · 2026-03-01, valid until 2026-09-01" */
static char *
dup_consent_label (LankaRecord *consent)
{
  const char *valid_until = lanka_record_get (consent, "valid_until");
  g_autofree char *given = NULL;

  /* Translators: a consent to choose: who gave it, how and when,
   * "The person · Written · 2026-03-01"
   */
  given = g_strdup_printf (C_("consent", "%s · %s · %s"),
                           get_label (LANKA_VOCABULARY_CONSENT_GIVEN_BY,
                                      lanka_record_get (consent, "given_by")),
                           get_label (LANKA_VOCABULARY_CONSENT_FORM,
                                      lanka_record_get (consent, "form")),
                           lanka_record_get (consent, "given_on") ?: "");
  if (valid_until == NULL)
    return g_steal_pointer (&given);

  /* Translators: a consent to choose and its last day */
  return g_strdup_printf (_("%s, valid until %s"), given, valid_until);
}

/* The basis decides what else is asked: a consent to choose among those
 * that cover the agency, the person and the purpose today, or a written
 * justification.
 */
static void
update_basis (LankaReferralDialog *self)
{
  const char *basis = lanka_record_get (self->referral, "basis");
  gboolean consent = g_strcmp0 (basis, "consent") == 0;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) consents = NULL;
  const char *chosen = lanka_record_get (self->referral, "consent");
  guint position = 0;

  if (is_incoming (self))
    return;

  gtk_widget_set_visible (self->justification_row, basis != NULL && !consent);

  g_ptr_array_set_size (self->consent_uuids, 0);
  if (consent && lanka_record_get (self->referral, "agency") != NULL)
    consents = lanka_consents_find_valid (self->database, lanka_case_get_uuid (self->kase),
                                          lanka_record_get (self->referral, "person"),
                                          lanka_record_get (self->referral, "agency"),
                                          lanka_record_get (self->referral, "reason"),
                                          NULL, NULL);

  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      LankaRecord *record = g_ptr_array_index (consents, i);
      g_autofree char *label = dup_consent_label (record);

      if (g_strcmp0 (lanka_record_get_uuid (record), chosen) == 0)
        position = i;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->consent_uuids, g_strdup (lanka_record_get_uuid (record)));
    }

  self->syncing = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->consent_row), G_LIST_MODEL (labels));
  if (self->consent_uuids->len > 0)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->consent_row), position);
  self->syncing = FALSE;

  gtk_widget_set_visible (self->consent_row, consent && self->consent_uuids->len > 0);
  gtk_widget_set_visible (self->no_consent_row, consent && self->consent_uuids->len == 0);

  /* Only a consent that covers the referral is kept; no other basis
   * rests on one.
   */
  lanka_record_set (self->referral, "consent",
                    consent && self->consent_uuids->len > 0
                    ? g_ptr_array_index (self->consent_uuids, position) : NULL);
}

static void
on_referral_changed_cb (LankaReferralDialog *self)
{
  update_basis (self);
}

static void
on_consent_saved_cb (LankaReferralDialog *self,
                     LankaRecord         *consent)
{
  lanka_record_set (self->referral, "consent", lanka_record_get_uuid (consent));
  update_basis (self);
}

static void
on_record_consent_clicked_cb (LankaReferralDialog *self)
{
  LankaConsentDialog *dialog = lanka_consent_dialog_new (self->database, self->kase);

  lanka_consent_dialog_set_person (dialog, lanka_record_get (self->referral, "person"));
  lanka_consent_dialog_set_recipient (dialog, lanka_record_get (self->referral, "agency"),
                                      lanka_record_get (self->referral, "agency_name"));
  lanka_consent_dialog_set_purpose (dialog, lanka_record_get (self->referral, "reason"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_consent_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Choosing the agency */

/**
 * lanka_referral_dialog_choose_agency:
 * @self: a #LankaReferralDialog
 * @agency_uuid: an agency of the directory
 *
 * Takes @agency_uuid as the agency referred to and goes on to the
 * details, as Next does with the agency selected.
 */
void
lanka_referral_dialog_choose_agency (LankaReferralDialog *self,
                                     const char          *agency_uuid)
{
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_return_if_fail (LANKA_IS_REFERRAL_DIALOG (self));
  g_return_if_fail (agency_uuid != NULL);

  agency = lanka_directory_get_agency (self->database, agency_uuid, &error);
  if (agency == NULL)
    {
      show_error (self, error != NULL ? error->message
                                      : _("The agency is no longer in the directory."));
      return;
    }

  name = lanka_agency_get_name (agency);
  lanka_record_set (self->referral, "agency_name", name);
  lanka_record_set (self->referral, "agency", lanka_agency_get_uuid (agency));

  if (!is_incoming (self))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->agency_row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->agency_row),
                                   lanka_agency_get_unit (agency));
      load_contacts (self, agency_uuid);
    }

  adw_leaflet_set_visible_child_name (self->leaflet, "details");
  update_header (self);
}

static void
on_find_help_agency_activated_cb (LankaReferralDialog *self,
                                  const char          *uuid)
{
  g_autofree char *chosen = g_strdup (uuid);

  lanka_referral_dialog_choose_agency (self, chosen);
}

static void
on_find_help_selected_uuid_cb (LankaReferralDialog *self)
{
  update_header (self);
}

static void
on_leaflet_visible_child_cb (LankaReferralDialog *self)
{
  update_header (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LankaReferralDialog *self = LANKA_REFERRAL_DIALOG (widget);
  g_autofree char *uuid = g_strdup (lanka_find_help_get_selected_uuid (self->find_help));

  if (uuid != NULL)
    lanka_referral_dialog_choose_agency (self, uuid);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LankaReferralDialog *self = LANKA_REFERRAL_DIALOG (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "agency");
  update_header (self);
}

/* Sending */

static GtkWidget *
get_problem_label (LankaReferralDialog *self,
                   const char          *field)
{
  static const char * const agency_fields[] = {
    "agency", "agency_name", "contact", "contact_name", NULL
  };
  static const char * const referral_fields[] = {
    "person", "reason", "sent_on", "direction", NULL
  };
  static const char * const basis_fields[] = { "basis", "consent", "justification", NULL };
  static const char * const follow_up_fields[] = { "follow_up_on", "note", NULL };

  if (field == NULL)
    return NULL;
  if (g_strv_contains (agency_fields, field))
    return self->agency_problem;
  if (g_strv_contains (referral_fields, field))
    return self->referral_problem;
  if (g_str_equal (field, "shared"))
    return self->shared_problem;
  if (g_strv_contains (basis_fields, field))
    return self->basis_problem;
  if (g_strv_contains (follow_up_fields, field))
    return self->follow_up_problem;

  return NULL;
}

static gboolean
scroll_to_problem_cb (gpointer user_data)
{
  LankaReferralDialog *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double x, top, bottom;

  self->scroll_source = 0;

  if (self->scroll_label == NULL ||
      !gtk_widget_translate_coordinates (self->scroll_label, self->form_box, 0, 0, &x, &bottom))
    return G_SOURCE_REMOVE;

  bottom += gtk_widget_get_height (self->scroll_label) + 12;
  top = bottom - gtk_widget_get_height (self->scroll_label) - 60;
  if (self->scroll_row != NULL &&
      gtk_widget_translate_coordinates (self->scroll_row, self->form_box, 0, 0, &x, &top))
    top -= 12;

  /* The row first, if both cannot be seen at once.  It takes the keyboard
   * once it is in view, so that focusing it scrolls no further.
   */
  gtk_adjustment_clamp_page (adjustment, top, MAX (top, bottom));
  if (self->scroll_row != NULL)
    gtk_widget_grab_focus (self->scroll_row);

  g_clear_weak_pointer (&self->scroll_row);
  g_clear_weak_pointer (&self->scroll_label);

  return G_SOURCE_REMOVE;
}

/* Each sentence goes under the group of its field, any other above them
 * all; the first is brought into view.
 */
static void
show_problems (LankaReferralDialog *self,
               GPtrArray           *problems)
{
  GtkWidget *labels[] = { self->agency_problem, self->referral_problem, self->shared_problem,
                          self->basis_problem, self->follow_up_problem,
                          GTK_WIDGET (self->error_label) };
  GString *texts[G_N_ELEMENTS (labels)] = { NULL, };
  GtkWidget *first_label = NULL;
  GtkWidget *first_row;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const LankaCaseProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *label = get_problem_label (self, problem->field);

      if (label == NULL)
        label = GTK_WIDGET (self->error_label);
      if (first_label == NULL)
        first_label = label;

      for (guint j = 0; j < G_N_ELEMENTS (labels); j++)
        {
          if (labels[j] != label)
            continue;
          if (texts[j] == NULL)
            texts[j] = g_string_new (problem->message);
          else
            g_string_append_printf (texts[j], "\n%s", problem->message);
        }
    }

  for (guint j = 0; j < G_N_ELEMENTS (labels); j++)
    {
      _lanka_referrals_set_problem (labels[j], texts[j] != NULL ? texts[j]->str : NULL);
      if (texts[j] != NULL)
        g_string_free (texts[j], TRUE);
    }

  first_row = lanka_case_rows_show_problems (self->form_box, problems);
  if (first_label == NULL)
    return;

  /* The row and the sentence under it are brought into view once the
   * sentence has its place.
   */
  g_set_weak_pointer (&self->scroll_row, first_row);
  g_set_weak_pointer (&self->scroll_label, first_label);
  if (self->scroll_source == 0)
    self->scroll_source = g_timeout_add (50, scroll_to_problem_cb, self);
}

/**
 * lanka_referral_dialog_send:
 * @self: a #LankaReferralDialog
 *
 * Sends (or records) the referral as filled in, as the Send button does:
 * when something is missing, the sentences are shown at the fields and
 * nothing is written; otherwise #LankaReferralDialog::sent is emitted and
 * the dialog closes.
 *
 * Returns: whether the referral was sent
 */
gboolean
lanka_referral_dialog_send (LankaReferralDialog *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LANKA_IS_REFERRAL_DIALOG (self), FALSE);

  show_error (self, NULL);

  problems = lanka_referrals_validate (self->database, lanka_case_get_uuid (self->kase),
                                       self->referral, NULL, &error);
  if (problems == NULL && error != NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  show_problems (self, problems);
  if (problems != NULL && problems->len > 0)
    return FALSE;

  if (!lanka_referrals_send (self->database, lanka_case_get_uuid (self->kase), self->referral,
                             NULL, &error))
    {
      if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DISK_FULL))
        show_error (self, _("The disk is full. Free some space and try again."));
      else if (error != NULL)
        show_error (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SENT], 0, self->referral);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lanka_referral_dialog_send (LANKA_REFERRAL_DIALOG (widget));
}

/* Building */

static void
build_outgoing_agency_rows (LankaReferralDialog *self)
{
  GtkWidget *change;

  self->agency_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->agency_row), FALSE);
  change = gtk_button_new_with_mnemonic (_("C_hange…"));
  gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "referral.back");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->agency_row), change);
  adw_preferences_group_add (self->agency_group, self->agency_row);

  self->contact_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->contact_row),
                                 _("Contact person (optional)"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->contact_row), FALSE);
  gtk_widget_set_visible (self->contact_row, FALSE);
  g_signal_connect_object (self->contact_row, "notify::selected",
                           G_CALLBACK (on_contact_row_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->agency_group, self->contact_row);
}

static void
build_basis_rows (LankaReferralDialog *self)
{
  GtkWidget *button;

  self->basis_row = lanka_case_choice_row_new (self->referral, "basis", _("Basis"),
                                               LANKA_VOCABULARY_DISCLOSURE_BASIS, TRUE);
  adw_preferences_group_add (self->basis_group, self->basis_row);

  self->consent_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row), _("Consent"));
  g_signal_connect_object (self->consent_row, "notify::selected",
                           G_CALLBACK (on_consent_row_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->basis_group, self->consent_row);

  self->no_consent_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_consent_row),
                                 _("No valid consent"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->no_consent_row),
                               _("No consent of this person covers this agency and purpose "
                                 "today."));
  button = gtk_button_new_with_mnemonic (_("Record _Consent…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_record_consent_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->no_consent_row), button);
  adw_preferences_group_add (self->basis_group, self->no_consent_row);

  self->justification_row = lanka_case_text_row_new (self->referral, "justification",
                                                     _("Justification"));
  adw_preferences_group_add (self->basis_group, self->justification_row);
  self->basis_problem = _lanka_referrals_problem_label_new (self->basis_group);
}

static void
build_rows (LankaReferralDialog *self)
{
  if (is_incoming (self))
    adw_preferences_group_add (self->agency_group,
                               _lanka_referrals_agency_row_new (self->database, self->kase,
                                                                self->referral, "agency",
                                                                "agency_name", _("Agency")));
  else
    build_outgoing_agency_rows (self);
  self->agency_problem = _lanka_referrals_problem_label_new (self->agency_group);

  adw_preferences_group_add (self->referral_group,
                             _lanka_referrals_person_row_new (self->kase, self->referral,
                                                              "person", _("About")));
  adw_preferences_group_add (self->referral_group,
                             lanka_case_choice_row_new (self->referral, "reason", _("Reason"),
                                                        LANKA_VOCABULARY_REFERRAL_REASON, TRUE));
  if (is_incoming (self))
    adw_preferences_group_add (self->referral_group,
                               lanka_case_date_row_new (self->referral, "sent_on",
                                                        _("Received on")));
  self->referral_problem = _lanka_referrals_problem_label_new (self->referral_group);

  if (!is_incoming (self))
    {
      _lanka_referrals_add_category_checks (self->shared_group, self->referral, "shared");
      self->shared_problem = _lanka_referrals_problem_label_new (self->shared_group);
      build_basis_rows (self);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->shared_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->basis_group), FALSE);
      self->shared_problem = _lanka_referrals_problem_label_new (self->shared_group);
      self->basis_problem = _lanka_referrals_problem_label_new (self->basis_group);
    }

  adw_preferences_group_add (self->follow_up_group,
                             lanka_case_date_row_new (self->referral, "follow_up_on",
                                                      _("Follow-up on (optional)")));
  adw_preferences_group_add (self->follow_up_group,
                             lanka_case_text_row_new (self->referral, "note", _("Note")));
  self->follow_up_problem = _lanka_referrals_problem_label_new (self->follow_up_group);
}

static void
lanka_referral_dialog_constructed (GObject *object)
{
  LankaReferralDialog *self = (LankaReferralDialog *)object;
  static const char * const watched[] = { "basis", "person", "agency", "reason" };

  G_OBJECT_CLASS (lanka_referral_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->database != NULL);
  g_return_if_fail (self->kase != NULL);

  if (self->direction == NULL)
    self->direction = g_strdup ("outgoing");

  self->referral = lanka_referrals_new (self->direction);
  g_return_if_fail (self->referral != NULL);

  if (is_incoming (self))
    {
      g_autofree char *today = dup_today ();

      gtk_window_set_title (GTK_WINDOW (self), _("Record Incoming Referral"));
      gtk_button_set_label (self->send_button, _("_Record"));
      if (lanka_record_get (self->referral, "sent_on") == NULL)
        lanka_record_set (self->referral, "sent_on", today);
    }
  else
    {
      gtk_button_set_label (self->send_button, _("_Send Referral"));
    }
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));

  build_rows (self);

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("changed::%s", watched[i]);

      g_signal_connect_object (self->referral, detailed, G_CALLBACK (on_referral_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  update_basis (self);

  /* An incoming referral names its agency in one row of the details; an
   * outgoing one starts by finding it.
   */
  if (is_incoming (self))
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "details");
      adw_leaflet_set_can_navigate_back (self->leaflet, FALSE);
    }
  else
    {
      _lanka_referrals_prepare_find_help (self->find_help, self->kase);
      lanka_find_help_set_database (self->find_help, self->database);
    }

  update_header (self);
}

static void
lanka_referral_dialog_dispose (GObject *object)
{
  LankaReferralDialog *self = (LankaReferralDialog *)object;

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_weak_pointer (&self->scroll_row);
  g_clear_weak_pointer (&self->scroll_label);

  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_REFERRAL_DIALOG);

  g_clear_object (&self->referral);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_referral_dialog_parent_class)->dispose (object);
}

static void
lanka_referral_dialog_finalize (GObject *object)
{
  LankaReferralDialog *self = (LankaReferralDialog *)object;

  g_clear_pointer (&self->direction, g_free);
  g_clear_pointer (&self->contact_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->contact_names, g_ptr_array_unref);
  g_clear_pointer (&self->consent_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_referral_dialog_parent_class)->finalize (object);
}

static void
lanka_referral_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LankaReferralDialog *self = LANKA_REFERRAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_referral_dialog_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_referral_dialog_get_case (self));
      break;

    case PROP_DIRECTION:
      g_value_set_string (value, lanka_referral_dialog_get_direction (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_referral_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LankaReferralDialog *self = LANKA_REFERRAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_CASE:
      self->kase = g_value_dup_object (value);
      break;

    case PROP_DIRECTION:
      self->direction = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_referral_dialog_class_init (LankaReferralDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanka_referral_dialog_constructed;
  object_class->dispose = lanka_referral_dialog_dispose;
  object_class->finalize = lanka_referral_dialog_finalize;
  object_class->get_property = lanka_referral_dialog_get_property;
  object_class->set_property = lanka_referral_dialog_set_property;

  /**
   * LankaReferralDialog:database:
   *
   * The open database: its directory, and where the referral is written.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaReferralDialog:case:
   *
   * The saved case referred.
   */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaReferralDialog:direction:
   *
   * "outgoing" to refer the case, "incoming" to record a referral another
   * agency sent.
   */
  properties[PROP_DIRECTION] =
    g_param_spec_string ("direction", NULL, NULL,
                         "outgoing",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaReferralDialog::sent:
   * @self: a #LankaReferralDialog
   * @referral: the referral, as sent or recorded
   *
   * Emitted when the store took the referral, just before the dialog
   * closes.
   */
  signals[SENT] =
    g_signal_new ("sent",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_RECORD);

  g_type_ensure (LANKA_TYPE_FIND_HELP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-referral-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, agency_group);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, basis_group);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, find_help);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, follow_up_group);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, referral_group);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, shared_group);
  gtk_widget_class_bind_template_child (widget_class, LankaReferralDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_find_help_agency_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_help_selected_uuid_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "referral.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "referral.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "referral.send", NULL, send_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_referral_dialog_init (LankaReferralDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contact_uuids = g_ptr_array_new_with_free_func (g_free);
  self->contact_names = g_ptr_array_new_with_free_func (g_free);
  self->consent_uuids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * lanka_referral_dialog_new:
 * @database: the open database
 * @kase: the saved case referred
 * @direction: "outgoing" or "incoming"
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
LankaReferralDialog *
lanka_referral_dialog_new (LankaDatabase *database,
                           LankaCase     *kase,
                           const char    *direction)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_CASE (kase), NULL);
  g_return_val_if_fail (g_strcmp0 (direction, "outgoing") == 0 ||
                        g_strcmp0 (direction, "incoming") == 0, NULL);

  return g_object_new (LANKA_TYPE_REFERRAL_DIALOG,
                       "database", database,
                       "case", kase,
                       "direction", direction,
                       NULL);
}

/**
 * lanka_referral_dialog_get_database:
 * @self: a #LankaReferralDialog
 *
 * Returns: (transfer none): the database
 */
LankaDatabase *
lanka_referral_dialog_get_database (LankaReferralDialog *self)
{
  g_return_val_if_fail (LANKA_IS_REFERRAL_DIALOG (self), NULL);

  return self->database;
}

/**
 * lanka_referral_dialog_get_case:
 * @self: a #LankaReferralDialog
 *
 * Returns: (transfer none): the case referred
 */
LankaCase *
lanka_referral_dialog_get_case (LankaReferralDialog *self)
{
  g_return_val_if_fail (LANKA_IS_REFERRAL_DIALOG (self), NULL);

  return self->kase;
}

/**
 * lanka_referral_dialog_get_direction:
 * @self: a #LankaReferralDialog
 *
 * Returns: "outgoing" or "incoming"
 */
const char *
lanka_referral_dialog_get_direction (LankaReferralDialog *self)
{
  g_return_val_if_fail (LANKA_IS_REFERRAL_DIALOG (self), NULL);

  return self->direction;
}

/**
 * lanka_referral_dialog_get_referral:
 * @self: a #LankaReferralDialog
 *
 * Returns: (transfer none): the referral as filled in so far
 */
LankaRecord *
lanka_referral_dialog_get_referral (LankaReferralDialog *self)
{
  g_return_val_if_fail (LANKA_IS_REFERRAL_DIALOG (self), NULL);

  return self->referral;
}

/**
 * lanka_referral_dialog_get_find_help:
 * @self: a #LankaReferralDialog
 *
 * Returns: (transfer none): the Find Help of the agency step
 */
LankaFindHelp *
lanka_referral_dialog_get_find_help (LankaReferralDialog *self)
{
  g_return_val_if_fail (LANKA_IS_REFERRAL_DIALOG (self), NULL);

  return self->find_help;
}
