/* lanka-new-case-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-new-case-dialog"

#include "config.h"

#include "lanka-new-case-dialog.h"

/* Placeholder: being written. */
struct _LankaNewCaseDialog
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaNewCaseDialog, lanka_new_case_dialog, ADW_TYPE_WINDOW)

static void
dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_NEW_CASE_DIALOG);
  G_OBJECT_CLASS (lanka_new_case_dialog_parent_class)->dispose (object);
}

static void
lanka_new_case_dialog_class_init (LankaNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-new-case-dialog.ui");
}

static void
lanka_new_case_dialog_init (LankaNewCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LankaNewCaseDialog *
lanka_new_case_dialog_new (GtkWindow *parent, LankaDatabase *database)
{
  return g_object_new (LANKA_TYPE_NEW_CASE_DIALOG, NULL);
}
