/* lanka-consent-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-consent-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-referrals.h"
#include "lanka-case-rows.h"
#include "lanka-consent-dialog.h"
#include "lanka-referrals.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* Records a consent: which person of the case agreed (or who agreed for
 * the person), that information may go to which recipient, for what, how
 * it was given, until when, and what must still not be shared with that
 * recipient.  A recipient is an agency of the directory or a name typed
 * in.  The consent is written when Record is pressed; the dialog stays
 * open with what was typed when something is missing.
 */
struct _LankaConsentDialog
{
  AdwWindow            parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  LankaRecord         *consent;

  /* The sentences under each group, when a field of it has a problem. */
  GtkWidget           *consent_problem;
  GtkWidget           *given_problem;
  GtkWidget           *restrictions_problem;

  /* Template widgets */
  GtkScrolledWindow   *scrolled_window;
  GtkWidget           *form_box;
  GtkLabel            *error_label;
  AdwPreferencesGroup *consent_group;
  AdwPreferencesGroup *given_group;
  AdwPreferencesGroup *restrictions_group;
};

G_DEFINE_FINAL_TYPE (LankaConsentDialog, lanka_consent_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
show_error (LankaConsentDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GtkWidget *
get_problem_label (LankaConsentDialog *self,
                   const char         *field)
{
  static const char * const consent_fields[] = {
    "person", "recipient", "recipient_name", "purpose", NULL
  };
  static const char * const given_fields[] = {
    "given_by", "form", "given_on", "valid_until", NULL
  };
  static const char * const restrictions_fields[] = { "excluded", "restrictions", NULL };

  if (field != NULL && g_strv_contains (consent_fields, field))
    return self->consent_problem;
  if (field != NULL && g_strv_contains (given_fields, field))
    return self->given_problem;
  if (field != NULL && g_strv_contains (restrictions_fields, field))
    return self->restrictions_problem;

  return NULL;
}

/* Each sentence goes under the group of its field, the others above
 * them all.
 */
static void
show_problems (LankaConsentDialog *self,
               GPtrArray          *problems)
{
  GtkWidget *labels[] = { self->consent_problem, self->given_problem,
                          self->restrictions_problem, GTK_WIDGET (self->error_label) };
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
  if (first_row != NULL)
    gtk_widget_grab_focus (first_row);
  else if (first_label != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->scrolled_window));
}

/**
 * lanka_consent_dialog_save:
 * @self: a #LankaConsentDialog
 *
 * Records the consent as filled in, as Record does: the problems are
 * shown and nothing is written when it is not complete; otherwise
 * #LankaConsentDialog::saved is emitted and the dialog closes.
 *
 * Returns: whether the consent was recorded
 */
gboolean
lanka_consent_dialog_save (LankaConsentDialog *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LANKA_IS_CONSENT_DIALOG (self), FALSE);

  show_error (self, NULL);

  problems = lanka_consents_validate (self->database, lanka_case_get_uuid (self->kase),
                                      self->consent, NULL, &error);
  if (problems == NULL && error != NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  show_problems (self, problems);
  if (problems != NULL && problems->len > 0)
    return FALSE;

  if (!lanka_consents_save (self->database, lanka_case_get_uuid (self->kase), self->consent,
                            NULL, &error))
    {
      if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DISK_FULL))
        show_error (self, _("The disk is full. Free some space and try again."));
      else if (error != NULL)
        show_error (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->consent);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lanka_consent_dialog_save (LANKA_CONSENT_DIALOG (widget));
}

static void
build_rows (LankaConsentDialog *self)
{
  g_autofree char *today = NULL;

  g_assert (self->consent != NULL);

  if (lanka_record_get (self->consent, "given_on") == NULL)
    {
      today = dup_today ();
      lanka_record_set (self->consent, "given_on", today);
    }

  adw_preferences_group_add (self->consent_group,
                             _lanka_referrals_person_row_new (self->kase, self->consent, "person",
                                                              _("Person")));
  adw_preferences_group_add (self->consent_group,
                             _lanka_referrals_agency_row_new (self->database, self->kase,
                                                              self->consent, "recipient",
                                                              "recipient_name",
                                                              _("Recipient")));
  adw_preferences_group_add (self->consent_group,
                             lanka_case_choice_row_new (self->consent, "purpose", _("Purpose"),
                                                        LANKA_VOCABULARY_REFERRAL_REASON, TRUE));
  self->consent_problem = _lanka_referrals_problem_label_new (self->consent_group);

  adw_preferences_group_add (self->given_group,
                             lanka_case_choice_row_new (self->consent, "given_by", _("Given by"),
                                                        LANKA_VOCABULARY_CONSENT_GIVEN_BY, TRUE));
  adw_preferences_group_add (self->given_group,
                             lanka_case_choice_row_new (self->consent, "form",
                                                        _("Oral or written"),
                                                        LANKA_VOCABULARY_CONSENT_FORM, TRUE));
  adw_preferences_group_add (self->given_group,
                             lanka_case_date_row_new (self->consent, "given_on",
                                                      _("Given on")));
  adw_preferences_group_add (self->given_group,
                             lanka_case_date_row_new (self->consent, "valid_until",
                                                      _("Valid until (optional)")));
  self->given_problem = _lanka_referrals_problem_label_new (self->given_group);

  _lanka_referrals_add_category_checks (self->restrictions_group, self->consent, "excluded");
  adw_preferences_group_add (self->restrictions_group,
                             lanka_case_text_row_new (self->consent, "restrictions",
                                                      _("Other restrictions")));
  self->restrictions_problem = _lanka_referrals_problem_label_new (self->restrictions_group);
}

static void
lanka_consent_dialog_constructed (GObject *object)
{
  LankaConsentDialog *self = (LankaConsentDialog *)object;

  G_OBJECT_CLASS (lanka_consent_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->database != NULL);
  g_return_if_fail (self->kase != NULL);

  self->consent = lanka_consents_new ();
  g_return_if_fail (self->consent != NULL);

  build_rows (self);
}

static void
lanka_consent_dialog_dispose (GObject *object)
{
  LankaConsentDialog *self = (LankaConsentDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CONSENT_DIALOG);

  g_clear_object (&self->consent);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_consent_dialog_parent_class)->dispose (object);
}

static void
lanka_consent_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LankaConsentDialog *self = LANKA_CONSENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_consent_dialog_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_consent_dialog_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_consent_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LankaConsentDialog *self = LANKA_CONSENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_CASE:
      self->kase = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_consent_dialog_class_init (LankaConsentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanka_consent_dialog_constructed;
  object_class->dispose = lanka_consent_dialog_dispose;
  object_class->get_property = lanka_consent_dialog_get_property;
  object_class->set_property = lanka_consent_dialog_set_property;

  /**
   * LankaConsentDialog:database:
   *
   * The open database the consent is written to.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaConsentDialog:case:
   *
   * The saved case the consent belongs to.
   */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaConsentDialog::saved:
   * @self: a #LankaConsentDialog
   * @consent: the consent recorded
   *
   * Emitted when the consent was recorded, just before the dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaConsentDialog, consent_group);
  gtk_widget_class_bind_template_child (widget_class, LankaConsentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaConsentDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, LankaConsentDialog, given_group);
  gtk_widget_class_bind_template_child (widget_class, LankaConsentDialog, restrictions_group);
  gtk_widget_class_bind_template_child (widget_class, LankaConsentDialog, scrolled_window);

  gtk_widget_class_install_action (widget_class, "consent.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_consent_dialog_init (LankaConsentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lanka_consent_dialog_new:
 * @database: the open database
 * @kase: the saved case the consent belongs to
 *
 * Returns: (transfer none): a new dialog for a new consent, owned by GTK
 *   until it closes
 */
LankaConsentDialog *
lanka_consent_dialog_new (LankaDatabase *database,
                          LankaCase     *kase)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_CASE (kase), NULL);

  return g_object_new (LANKA_TYPE_CONSENT_DIALOG,
                       "database", database,
                       "case", kase,
                       NULL);
}

/**
 * lanka_consent_dialog_get_database:
 * @self: a #LankaConsentDialog
 *
 * Returns: (transfer none): the database
 */
LankaDatabase *
lanka_consent_dialog_get_database (LankaConsentDialog *self)
{
  g_return_val_if_fail (LANKA_IS_CONSENT_DIALOG (self), NULL);

  return self->database;
}

/**
 * lanka_consent_dialog_get_case:
 * @self: a #LankaConsentDialog
 *
 * Returns: (transfer none): the case
 */
LankaCase *
lanka_consent_dialog_get_case (LankaConsentDialog *self)
{
  g_return_val_if_fail (LANKA_IS_CONSENT_DIALOG (self), NULL);

  return self->kase;
}

/**
 * lanka_consent_dialog_get_consent:
 * @self: a #LankaConsentDialog
 *
 * Returns: (transfer none): the consent as filled in so far
 */
LankaRecord *
lanka_consent_dialog_get_consent (LankaConsentDialog *self)
{
  g_return_val_if_fail (LANKA_IS_CONSENT_DIALOG (self), NULL);

  return self->consent;
}

/**
 * lanka_consent_dialog_set_person:
 * @self: a #LankaConsentDialog
 * @person_uuid: (nullable): a person of the case
 */
void
lanka_consent_dialog_set_person (LankaConsentDialog *self,
                                 const char         *person_uuid)
{
  g_return_if_fail (LANKA_IS_CONSENT_DIALOG (self));

  if (person_uuid != NULL)
    lanka_record_set (self->consent, "person", person_uuid);
}

/**
 * lanka_consent_dialog_set_recipient:
 * @self: a #LankaConsentDialog
 * @agency_uuid: (nullable): an agency of the directory, or %NULL for one
 *   known by its name only
 * @agency_name: (nullable): the recipient's name
 */
void
lanka_consent_dialog_set_recipient (LankaConsentDialog *self,
                                    const char         *agency_uuid,
                                    const char         *agency_name)
{
  g_return_if_fail (LANKA_IS_CONSENT_DIALOG (self));

  lanka_record_set (self->consent, "recipient_name", agency_name);
  lanka_record_set (self->consent, "recipient", agency_uuid);
}

/**
 * lanka_consent_dialog_set_purpose:
 * @self: a #LankaConsentDialog
 * @purpose: (nullable): a referral reason code
 */
void
lanka_consent_dialog_set_purpose (LankaConsentDialog *self,
                                  const char         *purpose)
{
  g_return_if_fail (LANKA_IS_CONSENT_DIALOG (self));

  lanka_record_set (self->consent, "purpose", purpose);
}
