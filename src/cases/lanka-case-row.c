/* lanka-case-row.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-row"

#include "config.h"

#include "lanka-case-row.h"

/* Placeholder: being written. */
struct _LankaCaseRow
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCaseRow, lanka_case_row, ADW_TYPE_BIN)

static void
dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_ROW);
  G_OBJECT_CLASS (lanka_case_row_parent_class)->dispose (object);
}

static void
lanka_case_row_class_init (LankaCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-case-row.ui");
}

static void
lanka_case_row_init (LankaCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
