/* lanka-cases-view.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-cases-view"

#include "config.h"

#include "lanka-cases-view.h"

/* Placeholder: being written. */
struct _LankaCasesView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCasesView, lanka_cases_view, ADW_TYPE_BIN)

static void
dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASES_VIEW);
  G_OBJECT_CLASS (lanka_cases_view_parent_class)->dispose (object);
}

static void
lanka_cases_view_class_init (LankaCasesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-cases-view.ui");
}

static void
lanka_cases_view_init (LankaCasesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
lanka_cases_view_set_database (LankaCasesView *self, LankaDatabase *database)
{
}
