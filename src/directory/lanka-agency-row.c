/* lanka-agency-row.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-agency-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-agency-row.h"
#include "lanka-vocabulary.h"

/* One agency in the directory's list: its name, and below it the unit,
 * the type and where it works, so that two offices of one authority can
 * be told apart without opening them.
 *
 * The list view makes up to two hundred of these when the directory
 * first shows, so they are built in code: a template would be parsed for
 * every row.
 */
struct _LankaAgencyRow
{
  AdwBin       parent_instance;

  LankaAgency *agency;

  GtkLabel    *name_label;
  GtkLabel    *details_label;
  GtkLabel    *nmt_label;
};

G_DEFINE_FINAL_TYPE (LankaAgencyRow, lanka_agency_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_AGENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lanka_agency_row_update (LankaAgencyRow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reach = NULL;
  g_autofree char *details = NULL;
  const char *unit;
  const char *type;

  g_assert (LANKA_IS_AGENCY_ROW (self));

  if (self->agency == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->details_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->nmt_label), FALSE);
      return;
    }

  unit = lanka_agency_get_unit (self->agency);
  type = lanka_agency_get_agency_type (self->agency);
  /* One county by name; several by their number, to fit the row. */
  reach = lanka_vocabulary_dup_reach (lanka_agency_get_counties (self->agency),
                                      lanka_agency_get_national (self->agency),
                                      1);

  if (unit != NULL && *unit != '\0')
    g_ptr_array_add (parts, g_strdup (unit));
  /* "Arbetsmiljöverket · Arbetsmiljöverket" says nothing twice. */
  if (type != NULL && lanka_vocabulary_contains (LANKA_VOCABULARY_AGENCY_TYPE, type))
    {
      const char *type_label = lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE, type);

      if (g_strcmp0 (type_label, lanka_agency_get_name (self->agency)) != 0)
        g_ptr_array_add (parts, g_strdup (type_label));
    }
  if (reach != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&reach));
  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: separates the unit, type and region of an agency in a list row */
  details = g_strjoinv (_(" · "), (char **)parts->pdata);

  gtk_label_set_label (self->name_label, lanka_agency_get_name (self->agency));
  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), *details != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->nmt_label), lanka_agency_get_nmt (self->agency));
}

static void
lanka_agency_row_dispose (GObject *object)
{
  LankaAgencyRow *self = (LankaAgencyRow *)object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->agency);

  G_OBJECT_CLASS (lanka_agency_row_parent_class)->dispose (object);
}

static void
lanka_agency_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LankaAgencyRow *self = LANKA_AGENCY_ROW (object);

  switch (prop_id)
    {
    case PROP_AGENCY:
      g_value_set_object (value, lanka_agency_row_get_agency (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LankaAgencyRow *self = LANKA_AGENCY_ROW (object);

  switch (prop_id)
    {
    case PROP_AGENCY:
      lanka_agency_row_set_agency (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_row_class_init (LankaAgencyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_agency_row_dispose;
  object_class->get_property = lanka_agency_row_get_property;
  object_class->set_property = lanka_agency_row_set_property;

  /**
   * LankaAgencyRow:agency:
   *
   * The agency the row shows.
   */
  properties[PROP_AGENCY] =
    g_param_spec_object ("agency", NULL, NULL,
                         LANKA_TYPE_AGENCY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

}

static GtkLabel *
add_label (GtkBox     *box,
           const char *css_class,
           const char *css_class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (label, css_class2);
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

static void
lanka_agency_row_init (LankaAgencyRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *nmt;

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  self->name_label = add_label (GTK_BOX (text), "heading", NULL);
  self->details_label = add_label (GTK_BOX (text), "dim-label", "caption");

  /* TRANSLATORS: a badge on agencies that take part in the national method-support team (NMT); keep it short */
  nmt = gtk_label_new (_("NMT"));
  gtk_widget_set_valign (nmt, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (nmt, _("Part of the national method-support team against prostitution and human trafficking"));
  gtk_widget_add_css_class (nmt, "lanka-badge");
  gtk_box_append (GTK_BOX (box), nmt);
  self->nmt_label = GTK_LABEL (nmt);

  adw_bin_set_child (ADW_BIN (self), box);
}

/**
 * lanka_agency_row_new:
 *
 * Returns: (transfer floating): a row that shows no agency yet
 */
GtkWidget *
lanka_agency_row_new (void)
{
  return g_object_new (LANKA_TYPE_AGENCY_ROW, NULL);
}

/**
 * lanka_agency_row_get_agency:
 * @self: a #LankaAgencyRow
 *
 * Returns: (transfer none) (nullable): the agency shown
 */
LankaAgency *
lanka_agency_row_get_agency (LankaAgencyRow *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_ROW (self), NULL);

  return self->agency;
}

/**
 * lanka_agency_row_set_agency:
 * @self: a #LankaAgencyRow
 * @agency: (nullable): the agency to show
 */
void
lanka_agency_row_set_agency (LankaAgencyRow *self,
                             LankaAgency    *agency)
{
  g_return_if_fail (LANKA_IS_AGENCY_ROW (self));
  g_return_if_fail (!agency || LANKA_IS_AGENCY (agency));

  if (g_set_object (&self->agency, agency))
    {
      lanka_agency_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENCY]);
    }
}
