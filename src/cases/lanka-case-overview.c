/* lanka-case-overview.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case.h"
#include "lanka-case-overview.h"
#include "lanka-case-rows.h"
#include "lanka-database.h"

/* Where the case stands: its status and NRM step, the victim status and
 * who assessed it, risk and flags, and how the case came in.  The rows
 * are bound to the case record, so the section only builds them again
 * when it is given another case.
 */
struct _LankaCaseOverview
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  /* The rows added to the groups, to take them out again. */
  GPtrArray           *rows;

  /* Template widgets */
  AdwPreferencesGroup *status_group;
  AdwPreferencesGroup *risk_group;
  AdwPreferencesGroup *intake_group;
};

G_DEFINE_FINAL_TYPE (LankaCaseOverview, lanka_case_overview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
add_row (LankaCaseOverview   *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
remove_rows (LankaCaseOverview *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }

  g_ptr_array_set_size (self->rows, 0);
}

static void
rebuild (LankaCaseOverview *self)
{
  LankaRecord *record;

  remove_rows (self);

  if (self->kase == NULL)
    return;

  record = lanka_case_get_record (self->kase);

  add_row (self, self->status_group,
           lanka_case_choice_row_new (record, "status", _("Status"),
                                      LANKA_VOCABULARY_CASE_STATUS, FALSE));
  add_row (self, self->status_group,
           lanka_case_choice_row_new (record, "nrm_step", _("NRM step"),
                                      LANKA_VOCABULARY_NRM_STEP, FALSE));
  add_row (self, self->status_group,
           lanka_case_choice_row_new (record, "victim_status", _("Victim status"),
                                      LANKA_VOCABULARY_VICTIM_STATUS, TRUE));
  add_row (self, self->status_group,
           lanka_case_choice_row_new (record, "victim_status_by", _("Assessed by"),
                                      LANKA_VOCABULARY_ASSESSED_BY, TRUE));
  add_row (self, self->status_group,
           lanka_case_switch_row_new (record, "injured_party", _("Injured party"),
                                      _("The person is an injured party in a preliminary "
                                        "investigation")));

  add_row (self, self->risk_group,
           lanka_case_choice_row_new (record, "risk", _("Risk level"),
                                      LANKA_VOCABULARY_RISK, TRUE));
  add_row (self, self->risk_group,
           lanka_case_switch_row_new (record, "urgent", _("Urgent"),
                                      _("The case needs action today")));
  add_row (self, self->risk_group,
           lanka_case_codes_row_new (record, "flags", _("Flags"), LANKA_VOCABULARY_CASE_FLAG));

  add_row (self, self->intake_group,
           lanka_case_choice_row_new (record, "intake_type", _("Came in as"),
                                      LANKA_VOCABULARY_INTAKE, TRUE));
  add_row (self, self->intake_group,
           lanka_case_date_row_new (record, "intake_date", _("Intake date")));
  add_row (self, self->intake_group,
           lanka_case_date_row_new (record, "opened", _("Case opened on")));
  add_row (self, self->intake_group,
           lanka_case_choice_row_new (record, "identified_by", _("Identified by"),
                                      LANKA_VOCABULARY_IDENTIFIED_BY, TRUE));
  if (self->database != NULL)
    add_row (self, self->intake_group,
             lanka_case_agency_row_new (self->database, record, "referred_from",
                                        "referred_from_name", _("Referred in from")));
  add_row (self, self->intake_group,
           lanka_case_choice_row_new (record, "county", _("County"),
                                      LANKA_VOCABULARY_COUNTY, TRUE));
}

static void
set_database (LankaCaseOverview *self,
              LankaDatabase     *database)
{
  if (!g_set_object (&self->database, database))
    return;

  if (self->kase != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
set_case (LankaCaseOverview *self,
          LankaCase         *kase)
{
  gboolean had_rows = self->kase != NULL && self->rows->len > 0;

  if (!g_set_object (&self->kase, kase))
    return;

  /* Every row edits the case record: another case's record goes into
   * the same rows, which is much quicker than making them again.
   */
  if (had_rows && kase != NULL)
    {
      LankaRecord *record = lanka_case_get_record (kase);

      for (guint i = 0; i < self->rows->len; i++)
        lanka_case_rows_set_record (g_ptr_array_index (self->rows, i), record);
    }
  else
    {
      rebuild (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

static void
lanka_case_overview_dispose (GObject *object)
{
  LankaCaseOverview *self = (LankaCaseOverview *)object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_OVERVIEW);

  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_overview_parent_class)->dispose (object);
}

static void
lanka_case_overview_finalize (GObject *object)
{
  LankaCaseOverview *self = (LankaCaseOverview *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_case_overview_parent_class)->finalize (object);
}

static void
lanka_case_overview_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LankaCaseOverview *self = LANKA_CASE_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_overview_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LankaCaseOverview *self = LANKA_CASE_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_overview_class_init (LankaCaseOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_overview_dispose;
  object_class->finalize = lanka_case_overview_finalize;
  object_class->get_property = lanka_case_overview_get_property;
  object_class->set_property = lanka_case_overview_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseOverview, status_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseOverview, risk_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseOverview, intake_group);
}

static void
lanka_case_overview_init (LankaCaseOverview *self)
{
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
