/* lanka-case-plan.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-plan.h"
#include "lanka-case-record-group.h"
#include "lanka-case-rows.h"
#include "lanka-vocabulary.h"

/* The support plan: the measures agreed with the person (protected
 * housing, health care, legal support, an NSP programme…), each with a
 * goal, the agency that provides it (from the directory), its dates and
 * what came of it, in the plan's order.
 *
 * A measure is added by choosing its kind of support first, because a
 * measure is never without one and the title of its row is that kind.
 * The section edits the case document in memory; the editor drafts and
 * saves it.
 */
struct _LankaCasePlan
{
  AdwBin                parent_instance;

  LankaDatabase        *database;
  LankaCase            *kase;
  /* The rows of the case's plan items. */
  LankaCaseRecordGroup *plan;

  /* Template widgets */
  AdwPreferencesGroup  *plan_group;
  GtkMenuButton        *add_button;
  GtkLabel             *empty_label;
};

G_DEFINE_FINAL_TYPE (LankaCasePlan, lanka_case_plan, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* "Protected housing · Skyddat boende Näktergalen": the support and who
 * gives it.
 */
static char *
dup_item_title (LankaRecord *record)
{
  const char *support_type = lanka_record_get (record, "support_type");
  const char *provider_name = lanka_record_get (record, "provider_name");
  const char *label;

  label = support_type != NULL ? lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE,
                                                             support_type)
                               : _("Support");

  if (provider_name == NULL)
    return g_strdup (label);

  /* Translators: a support measure and its provider,
   * "Protected housing · Skyddat boende Näktergalen"
   */
  return g_strdup_printf (C_("plan item title", "%s · %s"), label, provider_name);
}

static char *
dup_item_subtitle (LankaRecord *record)
{
  const char *start_on = lanka_record_get (record, "start_on");
  const char *end_on = lanka_record_get (record, "end_on");
  const char *follow_up_on = lanka_record_get (record, "follow_up_on");

  /* What is due next matters more than when the measure began. */
  if (follow_up_on != NULL)
    return g_strdup_printf (_("Follow-up on %s"), follow_up_on);

  if (start_on != NULL || end_on != NULL)
    /* Translators: when a support measure runs, "2026-03-01 – 2026-06-30";
     * an unknown date is "…"
     */
    return g_strdup_printf (C_("plan item period", "%s – %s"),
                            start_on != NULL ? start_on : "…",
                            end_on != NULL ? end_on : "…");

  return g_strdup ("");
}

static void
update_row (AdwExpanderRow *expander,
            LankaRecord    *record,
            gpointer        user_data)
{
  g_autofree char *title = dup_item_title (record);
  g_autofree char *subtitle = dup_item_subtitle (record);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (expander, subtitle);
}

/* The directory to choose from is in the database; while there is none
 * the row only says who provides the measure.
 */
static GtkWidget *
create_provider_row (LankaCasePlan *self,
                     LankaRecord   *record)
{
  const char *provider_name;
  GtkWidget *row;

  if (self->database != NULL)
    {
      row = lanka_case_agency_row_new (self->database, record, "provider", "provider_name",
                                       _("Provider"));
      /* Agency names are text: "Stöd & skydd" is no markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      return row;
    }

  provider_name = lanka_record_get (record, "provider_name");
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Provider"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               provider_name != NULL ? provider_name
                                                     : C_("provider", "None chosen"));

  return row;
}

static void
build_rows (AdwExpanderRow *expander,
            LankaRecord    *record,
            gpointer        user_data)
{
  LankaCasePlan *self = user_data;

  lanka_case_record_group_add_row (expander,
                                   lanka_case_choice_row_new (record, "support_type",
                                                              _("Support"),
                                                              LANKA_VOCABULARY_SUPPORT_TYPE,
                                                              FALSE));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_text_row_new (record, "goal", _("Goal")));
  lanka_case_record_group_add_row (expander, create_provider_row (self, record));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "start_on", _("Starts on")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "end_on", _("Ends on")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_date_row_new (record, "follow_up_on",
                                                            _("Follow-up on")));
  lanka_case_record_group_add_row (expander,
                                   lanka_case_text_row_new (record, "outcome", _("Outcome")));
}

static const LankaCaseRecordGroupFuncs plan_funcs = {
  .build_rows = build_rows,
  .update_row = update_row,
};

static void
update_actions (LankaCasePlan *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-plan.add", self->kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-plan.remove", self->kase != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->kase != NULL);
}

static void
lanka_case_plan_add (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LankaCasePlan *self = LANKA_CASE_PLAN (widget);
  const char *support_type = g_variant_get_string (param, NULL);
  LankaRecord *record;

  if (self->kase == NULL ||
      !lanka_vocabulary_contains (LANKA_VOCABULARY_SUPPORT_TYPE, support_type))
    return;

  record = lanka_case_add_record (self->kase, "plan_item");
  lanka_record_set (record, "support_type", support_type);

  lanka_case_record_group_open (self->plan, record);
}

static void
lanka_case_plan_remove (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LankaCasePlan *self = LANKA_CASE_PLAN (widget);
  LankaRecord *record;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  record = lanka_case_record_group_find (self->plan, g_variant_get_string (param, NULL));
  if (record == NULL)
    return;

  title = dup_item_title (record);
  /* Translators: %s is a support measure, "Protected housing · Skyddat boende Näktergalen" */
  body = g_strdup_printf (_("“%s” leaves the support plan when you save the case."), title);

  lanka_case_record_group_confirm_remove (self->plan, record, _("Remove Measure?"), body);
}

/* One item for each kind of support, in the vocabulary's order. */
static GMenuModel *
create_add_menu (void)
{
  GMenu *menu = g_menu_new ();
  guint n_codes = lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_SUPPORT_TYPE);

  for (guint i = 0; i < n_codes; i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_SUPPORT_TYPE, i);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE, code),
                              NULL);
      g_menu_item_set_action_and_target_value (item, "case-plan.add", g_variant_new_string (code));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
lanka_case_plan_dispose (GObject *object)
{
  LankaCasePlan *self = (LankaCasePlan *)object;

  g_clear_object (&self->plan);
  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_PLAN);

  G_OBJECT_CLASS (lanka_case_plan_parent_class)->dispose (object);
}

static void
lanka_case_plan_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LankaCasePlan *self = LANKA_CASE_PLAN (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_plan_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_case_plan_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_plan_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LankaCasePlan *self = LANKA_CASE_PLAN (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_plan_set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      lanka_case_plan_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_plan_class_init (LankaCasePlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_plan_dispose;
  object_class->get_property = lanka_case_plan_get_property;
  object_class->set_property = lanka_case_plan_set_property;

  /**
   * LankaCasePlan:database:
   *
   * The open database the providers are chosen from, or %NULL when it is
   * locked.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaCasePlan:case:
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
                                               "/io/github/lanka/Lanka/cases/lanka-case-plan.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCasePlan, add_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCasePlan, empty_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCasePlan, plan_group);

  gtk_widget_class_install_action (widget_class, "case-plan.add", "s",
                                   lanka_case_plan_add);
  gtk_widget_class_install_action (widget_class, "case-plan.remove", "s",
                                   lanka_case_plan_remove);
}

static void
lanka_case_plan_init (LankaCasePlan *self)
{
  g_autoptr(GMenuModel) menu = create_add_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->add_button, menu);

  self->plan = lanka_case_record_group_new (self->plan_group,
                                            GTK_WIDGET (self->empty_label),
                                            _("_Remove Measure"),
                                            "case-plan.remove",
                                            &plan_funcs, self);
  update_actions (self);
}

/**
 * lanka_case_plan_new:
 *
 * Returns: (transfer floating): a new #LankaCasePlan showing no case
 */
GtkWidget *
lanka_case_plan_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_PLAN, NULL);
}

/**
 * lanka_case_plan_get_database:
 * @self: a #LankaCasePlan
 *
 * Returns: (nullable) (transfer none): the database
 */
LankaDatabase *
lanka_case_plan_get_database (LankaCasePlan *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_PLAN (self), NULL);

  return self->database;
}

/**
 * lanka_case_plan_set_database:
 * @self: a #LankaCasePlan
 * @database: (nullable): the open database, or %NULL when it is locked
 *
 * The providers' rows choose from the directory of @database, so they are
 * built again.
 */
void
lanka_case_plan_set_database (LankaCasePlan *self,
                              LankaDatabase *database)
{
  g_return_if_fail (LANKA_IS_CASE_PLAN (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  lanka_case_record_group_rebuild (self->plan);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_case_plan_get_case:
 * @self: a #LankaCasePlan
 *
 * Returns: (nullable) (transfer none): the case edited
 */
LankaCase *
lanka_case_plan_get_case (LankaCasePlan *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_PLAN (self), NULL);

  return self->kase;
}

/**
 * lanka_case_plan_set_case:
 * @self: a #LankaCasePlan
 * @kase: (nullable): the case document to edit, or %NULL for none
 *
 * Shows the support plan of @kase, building the rows again even when
 * @kase is the case shown already.
 */
void
lanka_case_plan_set_case (LankaCasePlan *self,
                          LankaCase     *kase)
{
  gboolean changed;

  g_return_if_fail (LANKA_IS_CASE_PLAN (self));
  g_return_if_fail (!kase || LANKA_IS_CASE (kase));

  changed = g_set_object (&self->kase, kase);

  lanka_case_record_group_set_records (self->plan, kase,
                                       kase != NULL ? lanka_case_get_plan (kase) : NULL);
  update_actions (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}
