/* lanka-case-row.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-row"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lanka-case-row.h"
#include "lanka-vocabulary.h"

/* One case in the case list: its number and the victim's alias, the legal
 * name only while names are shown (the summary holds none otherwise),
 * where the case stands, and what needs attention — a child, high risk or
 * urgency, a deadline, changes not yet saved.
 */
struct _LankaCaseRow
{
  AdwBin            parent_instance;

  LankaCaseSummary *summary;

  /* Template widgets */
  GtkLabel         *number_label;
  GtkLabel         *alias_label;
  GtkLabel         *name_label;
  GtkLabel         *details_label;
  GtkLabel         *deadline_label;
  GtkLabel         *urgent_label;
  GtkLabel         *child_label;
  GtkLabel         *draft_label;
};

G_DEFINE_FINAL_TYPE (LankaCaseRow, lanka_case_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GDateTime *
parse_date (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;

  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

/* @date as the person's language writes dates, or %NULL when it is not
 * a date ("YYYY-MM-DD", as the store writes them).
 */
static char *
format_date (const char *date)
{
  g_autoptr(GDateTime) time = parse_date (date);

  if (time == NULL)
    return NULL;

  /* Translators: a date as in "Added on 3 March 2026"; see g_date_time_format() */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static gboolean
is_overdue (const char *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  /* Dates in the store sort as text. */
  return date != NULL && strcmp (date, today) < 0;
}

static void
lanka_case_row_update (LankaCaseRow *self)
{
  g_autofree char *details = NULL;
  g_autofree char *deadline = NULL;
  const char *legal_name = NULL;
  const char *status;
  const char *risk;
  int step;
  gboolean urgent;
  gboolean high_risk;

  g_assert (LANKA_IS_CASE_ROW (self));

  if (self->summary == NULL)
    {
      gtk_label_set_label (self->number_label, "");
      gtk_label_set_label (self->alias_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->name_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->urgent_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->child_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->draft_label), FALSE);
      return;
    }

  /* A case not saved yet has no number. */
  gtk_label_set_label (self->number_label, lanka_case_summary_get_number (self->summary) ?: "");
  gtk_label_set_label (self->alias_label, lanka_case_summary_get_alias (self->summary) ?: "");

  legal_name = lanka_case_summary_get_legal_name (self->summary);
  gtk_label_set_label (self->name_label, legal_name ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), legal_name != NULL && *legal_name != '\0');

  status = lanka_case_summary_get_status (self->summary);
  step = lanka_case_summary_get_nrm_step (self->summary);
  if (status != NULL && lanka_vocabulary_contains (LANKA_VOCABULARY_CASE_STATUS, status))
    status = lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, status);
  else
    status = NULL;

  if (step >= 1 && step <= 6)
    {
      char code[2] = { '0' + step, '\0' };
      const char *step_label = lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, code);

      /* TRANSLATORS: the NRM step in a case list row, as in "Step 2: Immediate protection" */
      details = g_strdup_printf (_("Step %d: %s"), step, step_label);
      if (status != NULL)
        {
          g_autofree char *step_text = g_steal_pointer (&details);

          /* TRANSLATORS: separates the status and the NRM step of a case in a list row */
          details = g_strconcat (status, _(" · "), step_text, NULL);
        }
    }
  else if (status != NULL)
    details = g_strdup (status);

  gtk_label_set_label (self->details_label, details ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details != NULL);

  deadline = format_date (lanka_case_summary_get_next_deadline (self->summary));
  if (deadline != NULL)
    {
      g_autofree char *text = NULL;

      if (is_overdue (lanka_case_summary_get_next_deadline (self->summary)))
        {
          /* TRANSLATORS: in a case list row; %s is a date that has passed */
          text = g_strdup_printf (_("Overdue since %s"), deadline);
          gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "error");
          gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
        }
      else
        {
          /* TRANSLATORS: in a case list row; %s is a date */
          text = g_strdup_printf (_("Next deadline %s"), deadline);
          gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "error");
          gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
        }
      gtk_label_set_label (self->deadline_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline != NULL);

  risk = lanka_case_summary_get_risk (self->summary);
  urgent = lanka_case_summary_get_urgent (self->summary);
  high_risk = g_strcmp0 (risk, "high") == 0;
  if (urgent)
    {
      gtk_label_set_label (self->urgent_label, C_("case list badge", "Urgent"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->urgent_label),
                                   high_risk ? _("Urgent, high risk") : _("Urgent"));
    }
  else if (high_risk)
    {
      gtk_label_set_label (self->urgent_label, C_("case list badge", "High risk"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->urgent_label), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->urgent_label), urgent || high_risk);

  gtk_widget_set_visible (GTK_WIDGET (self->child_label), lanka_case_summary_get_child (self->summary));
  gtk_widget_set_visible (GTK_WIDGET (self->draft_label), lanka_case_summary_get_has_draft (self->summary));
}

static void
lanka_case_row_dispose (GObject *object)
{
  LankaCaseRow *self = (LankaCaseRow *)object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_ROW);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (lanka_case_row_parent_class)->dispose (object);
}

static void
lanka_case_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LankaCaseRow *self = LANKA_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, lanka_case_row_get_summary (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LankaCaseRow *self = LANKA_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      lanka_case_row_set_summary (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_row_class_init (LankaCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_row_dispose;
  object_class->get_property = lanka_case_row_get_property;
  object_class->set_property = lanka_case_row_set_property;

  /**
   * LankaCaseRow:summary:
   *
   * The case the row shows.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL,
                         LANKA_TYPE_CASE_SUMMARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, alias_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, child_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, draft_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseRow, urgent_label);
}

static void
lanka_case_row_init (LankaCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lanka_case_row_update (self);
}

/**
 * lanka_case_row_get_summary:
 * @self: a #LankaCaseRow
 *
 * Returns: (transfer none) (nullable): the case shown
 */
LankaCaseSummary *
lanka_case_row_get_summary (LankaCaseRow *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_ROW (self), NULL);

  return self->summary;
}

/**
 * lanka_case_row_set_summary:
 * @self: a #LankaCaseRow
 * @summary: (nullable): the case to show
 */
void
lanka_case_row_set_summary (LankaCaseRow     *self,
                            LankaCaseSummary *summary)
{
  g_return_if_fail (LANKA_IS_CASE_ROW (self));
  g_return_if_fail (!summary || LANKA_IS_CASE_SUMMARY (summary));

  if (g_set_object (&self->summary, summary))
    {
      lanka_case_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}
