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
#include "lanka-case-record-group.h"
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
  AdwBin                parent_instance;

  LankaDatabase        *database;
  LankaCase            *kase;
  /* The rows of the case's assessments, newest first. */
  LankaCaseRecordGroup *assessments;

  /* Template widgets */
  AdwPreferencesGroup  *assessments_group;
  GtkLabel             *empty_label;
};

G_DEFINE_FINAL_TYPE (LankaCaseProtection, lanka_case_protection, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

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
  GListModel *assessments;
  guint n_items;

  if (self->kase == NULL)
    return NULL;

  assessments = lanka_case_get_assessments (self->kase);
  n_items = g_list_model_get_n_items (assessments);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (assessments, i);

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

/* The rows of an assessment keep its overdue tag here, to show and hide
 * it as the dates change.
 */
#define OVERDUE_LABEL_KEY "lanka-overdue-label"

static void
update_row (AdwExpanderRow *expander,
            LankaRecord    *record,
            gpointer        user_data)
{
  LankaCaseProtection *self = user_data;
  LankaRecord *newest = find_newest (self);
  g_autofree char *today = dup_today ();
  const char *assessed_on = lanka_record_get (record, "assessed_on");
  const char *risk = lanka_record_get (record, "risk");
  const char *next_review = lanka_record_get (record, "next_review");
  const char *review_date = get_date (record, "next_review");
  GtkWidget *overdue_label = g_object_get_data (G_OBJECT (expander), OVERDUE_LABEL_KEY);
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

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (expander, subtitle != NULL ? subtitle : "");

  /* Only the newest assessment's review is due: a newer assessment is
   * the review of the ones before it.
   */
  gtk_widget_set_visible (overdue_label,
                          record == newest && is_overdue (review_date, today));
}

static void
on_assessment_risk_changed_cb (LankaCaseProtection *self)
{
  sync_case_risk (self);
}

static void
build_rows (AdwExpanderRow *expander,
            LankaRecord    *record,
            gpointer        user_data)
{
  LankaCaseProtection *self = user_data;
  GtkWidget *overdue_label;

  overdue_label = gtk_label_new (C_("review", "Overdue"));
  gtk_widget_set_tooltip_text (overdue_label, _("The date for the next review has passed"));
  gtk_widget_set_valign (overdue_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (overdue_label, "lanka-tag");
  gtk_widget_add_css_class (overdue_label, "warning");
  gtk_widget_set_visible (overdue_label, FALSE);
  adw_expander_row_add_action (expander, overdue_label);
  g_object_set_data (G_OBJECT (expander), OVERDUE_LABEL_KEY, overdue_label);

  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "assessed_on",
                                                            _("Assessed on")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_choice_row_new (record, "risk", _("Risk level"),
                                                              LANKA_VOCABULARY_RISK, TRUE));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_entry_row_new (record, "assessed_by",
                                                             _("Assessed by")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_text_row_new (record, "summary", _("Summary")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "next_review",
                                                            _("Next review")));

  g_signal_connect_object (record, "changed::risk",
                           G_CALLBACK (on_assessment_risk_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (record, "changed::assessed_on",
                           G_CALLBACK (on_assessment_risk_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
on_assessment_removed (gpointer user_data)
{
  sync_case_risk (user_data);
}

static const LankaCaseRecordGroupFuncs assessment_funcs = {
  .build_rows = build_rows,
  .update_row = update_row,
  .compare = compare_newest_first,
  .removed = on_assessment_removed,
};

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

  if (self->kase == NULL)
    return;

  case_risk = lanka_record_get (lanka_case_get_record (self->kase), "risk");
  record = lanka_case_add_record (self->kase, "assessment");
  lanka_record_set (record, "assessed_on", today);
  /* Offered as a starting point: most reviews confirm the level before,
   * and the case's risk only moves when this one's does.
   */
  lanka_record_set (record, "risk", case_risk);

  lanka_case_record_group_open (self->assessments, record);
}

static void
lanka_case_protection_remove (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LankaCaseProtection *self = LANKA_CASE_PROTECTION (widget);
  LankaRecord *record;
  const char *assessed_on;
  g_autofree char *body = NULL;

  record = lanka_case_record_group_find (self->assessments, g_variant_get_string (param, NULL));
  if (record == NULL)
    return;

  assessed_on = lanka_record_get (record, "assessed_on");
  if (assessed_on != NULL)
    body = g_strdup_printf (_("The assessment of %s leaves the case when you save it."),
                            assessed_on);
  else
    body = g_strdup (_("The assessment leaves the case when you save it."));

  lanka_case_record_group_confirm_remove (self->assessments, record,
                                          _("Remove Assessment?"), body);
}

static void
lanka_case_protection_dispose (GObject *object)
{
  LankaCaseProtection *self = (LankaCaseProtection *)object;

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
  gtk_widget_init_template (GTK_WIDGET (self));

  self->assessments = lanka_case_record_group_new (self->assessments_group,
                                                   GTK_WIDGET (self->empty_label),
                                                   _("_Remove Assessment"),
                                                   "case-protection.remove",
                                                   &assessment_funcs, self);
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

  lanka_case_record_group_set_records (self->assessments, kase,
                                       kase != NULL ? lanka_case_get_assessments (kase) : NULL);
  update_actions (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}
