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
 * where the case stands, the next deadline, and what needs attention — a
 * child, high risk or urgency, changes not yet saved.
 *
 * The list view makes up to two hundred of these each time its model
 * changes, so a row is built in code, not from a template (GTK 4.8 parses
 * a template anew for every instance), out of four labels on a grid
 * layout with no boxes in between: one for the number and alias, one for
 * the legal name and the status, one for the deadline and one for the
 * tags.  Emphasis is a Pango attribute, colours come from style classes.
 */
struct _LankaCaseRow
{
  GtkWidget         parent_instance;

  LankaCaseSummary *summary;

  GtkLabel         *title_label;
  GtkLabel         *details_label;
  GtkLabel         *deadline_label;
  GtkLabel         *tags_label;
};

G_DEFINE_FINAL_TYPE (LankaCaseRow, lanka_case_row, GTK_TYPE_WIDGET)

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
  char today[11];

  g_snprintf (today, sizeof today, "%04d-%02d-%02d",
              g_date_time_get_year (now),
              g_date_time_get_month (now),
              g_date_time_get_day_of_month (now));

  /* Dates in the store sort as text. */
  return date != NULL && strcmp (date, today) < 0;
}

/* Bold from @start to @end (bytes) of a label's text. */
static void
set_bold (GtkLabel *label,
          guint     start,
          guint     end)
{
  g_autoptr(PangoAttrList) attributes = NULL;
  PangoAttribute *bold;

  if (start == end)
    {
      gtk_label_set_attributes (label, NULL);
      return;
    }

  attributes = pango_attr_list_new ();
  bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  bold->start_index = start;
  bold->end_index = end;
  pango_attr_list_insert (attributes, bold);
  gtk_label_set_attributes (label, attributes);
}

static void
set_style (GtkWidget  *widget,
           const char *style,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, style);
  else
    gtk_widget_remove_css_class (widget, style);
}

static void
update_title (LankaCaseRow *self)
{
  const char *number = lanka_case_summary_get_number (self->summary);
  const char *alias = lanka_case_summary_get_alias (self->summary);
  g_autofree char *title = NULL;

  /* A case not saved yet has no number. */
  if (number == NULL)
    number = "";

  title = alias != NULL ? g_strconcat (number, "  ", alias, NULL) : g_strdup (number);
  gtk_label_set_text (self->title_label, title);
  set_bold (self->title_label, 0, strlen (number));
}

static void
update_details (LankaCaseRow *self)
{
  const char *legal_name = lanka_case_summary_get_legal_name (self->summary);
  const char *status = lanka_case_summary_get_status (self->summary);
  int step = lanka_case_summary_get_nrm_step (self->summary);
  g_autoptr(GString) details = g_string_new (NULL);
  guint name_end = 0;

  if (legal_name != NULL && *legal_name != '\0')
    {
      g_string_append (details, legal_name);
      name_end = details->len;
    }

  if (status != NULL && lanka_vocabulary_contains (LANKA_VOCABULARY_CASE_STATUS, status))
    status = lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, status);
  else
    status = NULL;

  if (status != NULL || (step >= 1 && step <= 6))
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      if (status != NULL)
        g_string_append (details, status);
    }

  if (step >= 1 && step <= 6)
    {
      char code[2] = { '0' + step, '\0' };
      const char *step_label = lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, code);

      if (status != NULL)
        /* TRANSLATORS: separates the status and the NRM step of a case in a list row */
        g_string_append (details, _(" · "));

      /* TRANSLATORS: the NRM step in a case list row, as in "Step 2: Immediate protection" */
      g_string_append_printf (details, _("Step %d: %s"), step, step_label);
    }

  gtk_label_set_text (self->details_label, details->str);
  set_bold (self->details_label, 0, name_end);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details->len > 0);
}

static void
update_deadline (LankaCaseRow *self)
{
  const char *next_deadline = lanka_case_summary_get_next_deadline (self->summary);
  g_autofree char *deadline = format_date (next_deadline);
  g_autofree char *text = NULL;
  gboolean overdue;

  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline != NULL);
  if (deadline == NULL)
    return;

  overdue = is_overdue (next_deadline);
  if (overdue)
    /* TRANSLATORS: in a case list row; %s is a date that has passed */
    text = g_strdup_printf (_("Overdue since %s"), deadline);
  else
    /* TRANSLATORS: in a case list row; %s is a date */
    text = g_strdup_printf (_("Next deadline %s"), deadline);

  gtk_label_set_text (self->deadline_label, text);
  set_style (GTK_WIDGET (self->deadline_label), "error", overdue);
  set_style (GTK_WIDGET (self->deadline_label), "dim-label", !overdue);
}

/* What needs attention, in one label: urgency or high risk, a child,
 * changes not saved.  Its colour is that of the most pressing.
 */
static void
update_tags (LankaCaseRow *self)
{
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  gboolean urgent = lanka_case_summary_get_urgent (self->summary);
  gboolean high_risk = g_strcmp0 (lanka_case_summary_get_risk (self->summary), "high") == 0;
  gboolean child = lanka_case_summary_get_child (self->summary);
  gboolean draft = lanka_case_summary_get_has_draft (self->summary);

#define ADD_TAG(tag, sentence) \
  G_STMT_START { \
    if (tags->len > 0) \
      { \
        /* TRANSLATORS: separates the tags of a case in a list row, as in "Urgent · Child" */ \
        g_string_append (tags, _(" · ")); \
        g_string_append_c (tooltip, '\n'); \
      } \
    g_string_append (tags, tag); \
    g_string_append (tooltip, sentence); \
  } G_STMT_END

  if (urgent)
    ADD_TAG (C_("case list badge", "Urgent"), high_risk ? _("Urgent, high risk") : _("Urgent"));
  else if (high_risk)
    ADD_TAG (C_("case list badge", "High risk"), _("High risk"));

  /* TRANSLATORS: a badge on child cases in the case list; keep it short */
  if (child)
    ADD_TAG (C_("case list badge", "Child"), _("The person is under 18, or was when exploited"));

  /* TRANSLATORS: a tag on cases with changes not yet saved; keep it short */
  if (draft)
    ADD_TAG (C_("case list badge", "Draft"), _("Changes not saved yet"));

#undef ADD_TAG

  gtk_label_set_text (self->tags_label, tags->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tags_label), tooltip->len > 0 ? tooltip->str : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_label), tags->len > 0);
  set_style (GTK_WIDGET (self->tags_label), "error", urgent || high_risk);
  set_style (GTK_WIDGET (self->tags_label), "warning", !(urgent || high_risk) && draft);
  set_style (GTK_WIDGET (self->tags_label), "accent", !(urgent || high_risk || draft));
}

static void
lanka_case_row_update (LankaCaseRow *self)
{
  g_assert (LANKA_IS_CASE_ROW (self));

  if (self->summary == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_attributes (self->title_label, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->tags_label), FALSE);
      return;
    }

  update_title (self);
  update_details (self);
  update_deadline (self);
  update_tags (self);
}

static GtkLabel *
add_label (LankaCaseRow *self,
           int           column,
           int           row,
           int           height,
           const char   *style)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGridLayoutChild *child;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_widget_set_parent (label, GTK_WIDGET (self));

  child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, label));
  gtk_grid_layout_child_set_column (child, column);
  gtk_grid_layout_child_set_row (child, row);
  gtk_grid_layout_child_set_row_span (child, height);

  return GTK_LABEL (label);
}

static void
lanka_case_row_dispose (GObject *object)
{
  LankaCaseRow *self = (LankaCaseRow *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lanka-case-row");
}

static void
lanka_case_row_init (LankaCaseRow *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_grid_layout_set_column_spacing (layout, 6);
  gtk_grid_layout_set_row_spacing (layout, 3);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 9);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 9);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  self->title_label = add_label (self, 0, 0, 1, NULL);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);

  self->details_label = add_label (self, 0, 1, 1, "caption");
  gtk_label_set_ellipsize (self->details_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "dim-label");

  self->deadline_label = add_label (self, 0, 2, 1, "caption");
  gtk_label_set_ellipsize (self->deadline_label, PANGO_ELLIPSIZE_END);

  self->tags_label = add_label (self, 1, 0, 3, "lanka-tag");
  gtk_widget_set_valign (GTK_WIDGET (self->tags_label), GTK_ALIGN_CENTER);

  lanka_case_row_update (self);
}

/**
 * lanka_case_row_new:
 *
 * Returns: (transfer floating): a new #LankaCaseRow showing nothing yet
 */
GtkWidget *
lanka_case_row_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_ROW, NULL);
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

/**
 * lanka_case_row_get_deadline_label:
 * @self: a #LankaCaseRow
 *
 * Returns: (transfer none): the label that says when the case's next
 *   deadline is, hidden when it has none
 */
GtkWidget *
lanka_case_row_get_deadline_label (LankaCaseRow *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_ROW (self), NULL);

  return GTK_WIDGET (self->deadline_label);
}

/**
 * lanka_case_row_get_tags_label:
 * @self: a #LankaCaseRow
 *
 * Returns: (transfer none): the label with the case's tags (Urgent or
 *   High risk, Child, Draft), hidden when it has none
 */
GtkWidget *
lanka_case_row_get_tags_label (LankaCaseRow *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_ROW (self), NULL);

  return GTK_WIDGET (self->tags_label);
}
