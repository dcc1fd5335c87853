/* lanka-case-legal.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-legal"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-legal.h"
#include "lanka-case-record-group.h"
#include "lanka-case-rows.h"
#include "lanka-vocabulary.h"

/* Residence and legal: the person's permit events (a reflection period,
 * residence permits, each with its application, decision and validity)
 * in the order they were added, and the one legal process of the case
 * (police report, investigation, counsel, hearing, outcome).
 *
 * Whether the person is the injured party is asked on the overview, with
 * the victim status it belongs to.  The section edits the case document
 * in memory; the editor drafts and saves it.
 */
struct _LankaCaseLegal
{
  AdwBin                parent_instance;

  LankaDatabase        *database;
  LankaCase            *kase;
  /* The rows of the case's permit events. */
  LankaCaseRecordGroup *permits;
  /* The rows of the legal process, to take them out again. */
  GPtrArray            *legal_rows;

  /* Template widgets */
  AdwPreferencesGroup  *permits_group;
  GtkLabel             *empty_label;
  AdwPreferencesGroup  *legal_group;
};

G_DEFINE_FINAL_TYPE (LankaCaseLegal, lanka_case_legal, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* What a new permit event is, until the person says otherwise: the
 * reflection period is usually the first permit a case meets.
 */
#define DEFAULT_PERMIT_KIND "reflection_period"

/* "Reflection period · 2026-03-01 – 2026-03-31": what the permit is and
 * when it holds, which is what a caseworker looks for in the list.
 */
static char *
dup_permit_title (LankaRecord *record)
{
  const char *kind = lanka_record_get (record, "kind");
  const char *valid_from = lanka_record_get (record, "valid_from");
  const char *valid_to = lanka_record_get (record, "valid_to");
  const char *label;

  label = kind != NULL ? lanka_vocabulary_get_label (LANKA_VOCABULARY_PERMIT_KIND, kind)
                       : _("Permit");

  if (valid_from == NULL && valid_to == NULL)
    return g_strdup (label);

  /* Translators: a permit's kind and when it is valid,
   * "Reflection period · 2026-03-01 – 2026-03-31"; an unknown date is "…"
   */
  return g_strdup_printf (C_("permit title", "%s · %s – %s"),
                          label,
                          valid_from != NULL ? valid_from : "…",
                          valid_to != NULL ? valid_to : "…");
}

static char *
dup_permit_subtitle (LankaRecord *record)
{
  const char *applied_on = lanka_record_get (record, "applied_on");
  const char *decided_on = lanka_record_get (record, "decided_on");
  const char *decision = lanka_record_get (record, "decision");

  if (decision != NULL)
    {
      const char *label = lanka_vocabulary_get_label (LANKA_VOCABULARY_PERMIT_DECISION, decision);

      if (decided_on == NULL)
        return g_strdup (label);

      /* Translators: a permit decision and its date, "Granted · 2026-03-05" */
      return g_strdup_printf (C_("permit decision", "%s · %s"), label, decided_on);
    }

  if (applied_on != NULL)
    return g_strdup_printf (_("Applied for on %s"), applied_on);

  return g_strdup ("");
}

static void
update_row (AdwExpanderRow *expander,
            LankaRecord    *record,
            gpointer        user_data)
{
  g_autofree char *title = dup_permit_title (record);
  g_autofree char *subtitle = dup_permit_subtitle (record);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (expander, subtitle);
}

static void
build_rows (AdwExpanderRow *expander,
            LankaRecord    *record,
            gpointer        user_data)
{
  lanka_case_record_group_add_row (expander,
                                   lanka_case_choice_row_new (record, "kind", _("Kind"),
                                                              LANKA_VOCABULARY_PERMIT_KIND,
                                                              FALSE));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "applied_on",
                                                            _("Applied for on")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "decided_on",
                                                            _("Decided on")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_choice_row_new (record, "decision", _("Decision"),
                                                              LANKA_VOCABULARY_PERMIT_DECISION,
                                                              TRUE));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "valid_from",
                                                            _("Valid from")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "valid_to", _("Valid to")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_text_row_new (record, "notes", _("Notes")));
}

static const LankaCaseRecordGroupFuncs permit_funcs = {
  .build_rows = build_rows,
  .update_row = update_row,
};

static void
add_legal_row (LankaCaseLegal *self,
               GtkWidget      *row)
{
  adw_preferences_group_add (self->legal_group, row);
  g_ptr_array_add (self->legal_rows, row);
}

static void
rebuild_legal_process (LankaCaseLegal *self)
{
  LankaRecord *legal;

  for (guint i = 0; i < self->legal_rows->len; i++)
    adw_preferences_group_remove (self->legal_group, g_ptr_array_index (self->legal_rows, i));
  g_ptr_array_set_size (self->legal_rows, 0);

  legal = self->kase != NULL ? lanka_case_get_legal_process (self->kase) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->legal_group), legal != NULL);
  if (legal == NULL)
    return;

  add_legal_row (self, lanka_case_date_row_new (legal, "police_report_on",
                                                _("Reported to the police on")));
  add_legal_row (self, lanka_case_entry_row_new (legal, "police_reference",
                                                 _("Police reference")));
  add_legal_row (self, lanka_case_choice_row_new (legal, "investigation_status",
                                                  _("Investigation"),
                                                  LANKA_VOCABULARY_INVESTIGATION, TRUE));
  /* The målsägandebiträde, appointed by the court. */
  add_legal_row (self, lanka_case_entry_row_new (legal, "counsel",
                                                 _("Counsel for the injured party")));
  add_legal_row (self, lanka_case_date_row_new (legal, "next_hearing", _("Next hearing")));
  add_legal_row (self, lanka_case_text_row_new (legal, "outcome", _("Outcome")));
}

static void
update_actions (LankaCaseLegal *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-legal.add-permit", self->kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-legal.remove-permit", self->kase != NULL);
}

static void
lanka_case_legal_add_permit (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  LankaCaseLegal *self = LANKA_CASE_LEGAL (widget);
  LankaRecord *record;

  if (self->kase == NULL)
    return;

  record = lanka_case_add_record (self->kase, "permit_event");
  if (lanka_record_get (record, "kind") == NULL)
    lanka_record_set (record, "kind", DEFAULT_PERMIT_KIND);

  lanka_case_record_group_open (self->permits, record);
}

static void
lanka_case_legal_remove_permit (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaCaseLegal *self = LANKA_CASE_LEGAL (widget);
  LankaRecord *record;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  record = lanka_case_record_group_find (self->permits, g_variant_get_string (param, NULL));
  if (record == NULL)
    return;

  title = dup_permit_title (record);
  /* Translators: %s is a permit, "Reflection period · 2026-03-01 – 2026-03-31" */
  body = g_strdup_printf (_("“%s” leaves the case when you save it."), title);

  lanka_case_record_group_confirm_remove (self->permits, record,
                                          _("Remove Permit Event?"), body);
}

static void
lanka_case_legal_dispose (GObject *object)
{
  LankaCaseLegal *self = (LankaCaseLegal *)object;

  g_clear_object (&self->permits);
  g_clear_pointer (&self->legal_rows, g_ptr_array_unref);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_LEGAL);

  G_OBJECT_CLASS (lanka_case_legal_parent_class)->dispose (object);
}

static void
lanka_case_legal_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LankaCaseLegal *self = LANKA_CASE_LEGAL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_legal_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_case_legal_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_legal_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LankaCaseLegal *self = LANKA_CASE_LEGAL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_legal_set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      lanka_case_legal_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_legal_class_init (LankaCaseLegalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_legal_dispose;
  object_class->get_property = lanka_case_legal_get_property;
  object_class->set_property = lanka_case_legal_set_property;

  /**
   * LankaCaseLegal:database:
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
   * LankaCaseLegal:case:
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
                                               "/io/github/lanka/Lanka/cases/lanka-case-legal.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseLegal, empty_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseLegal, legal_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseLegal, permits_group);

  gtk_widget_class_install_action (widget_class, "case-legal.add-permit", NULL,
                                   lanka_case_legal_add_permit);
  gtk_widget_class_install_action (widget_class, "case-legal.remove-permit", "s",
                                   lanka_case_legal_remove_permit);
}

static void
lanka_case_legal_init (LankaCaseLegal *self)
{
  self->legal_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->permits = lanka_case_record_group_new (self->permits_group,
                                               GTK_WIDGET (self->empty_label),
                                               _("_Remove Permit Event"),
                                               "case-legal.remove-permit",
                                               &permit_funcs, self);
  rebuild_legal_process (self);
  update_actions (self);
}

/**
 * lanka_case_legal_new:
 *
 * Returns: (transfer floating): a new #LankaCaseLegal showing no case
 */
GtkWidget *
lanka_case_legal_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_LEGAL, NULL);
}

/**
 * lanka_case_legal_get_database:
 * @self: a #LankaCaseLegal
 *
 * Returns: (nullable) (transfer none): the database
 */
LankaDatabase *
lanka_case_legal_get_database (LankaCaseLegal *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_LEGAL (self), NULL);

  return self->database;
}

/**
 * lanka_case_legal_set_database:
 * @self: a #LankaCaseLegal
 * @database: (nullable): the open database, or %NULL when it is locked
 */
void
lanka_case_legal_set_database (LankaCaseLegal *self,
                               LankaDatabase  *database)
{
  g_return_if_fail (LANKA_IS_CASE_LEGAL (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (g_set_object (&self->database, database))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_case_legal_get_case:
 * @self: a #LankaCaseLegal
 *
 * Returns: (nullable) (transfer none): the case edited
 */
LankaCase *
lanka_case_legal_get_case (LankaCaseLegal *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_LEGAL (self), NULL);

  return self->kase;
}

/**
 * lanka_case_legal_set_case:
 * @self: a #LankaCaseLegal
 * @kase: (nullable): the case document to edit, or %NULL for none
 *
 * Shows the permits and the legal process of @kase, building the rows
 * again even when @kase is the case shown already.
 */
void
lanka_case_legal_set_case (LankaCaseLegal *self,
                           LankaCase      *kase)
{
  gboolean changed;

  g_return_if_fail (LANKA_IS_CASE_LEGAL (self));
  g_return_if_fail (!kase || LANKA_IS_CASE (kase));

  changed = g_set_object (&self->kase, kase);

  lanka_case_record_group_set_records (self->permits, kase,
                                       kase != NULL ? lanka_case_get_permits (kase) : NULL);
  rebuild_legal_process (self);
  update_actions (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}
