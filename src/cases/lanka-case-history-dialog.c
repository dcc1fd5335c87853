/* lanka-case-history-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-history-dialog"

#include "config.h"

#include "lanka-case-history-dialog.h"

/* Placeholder: being written. */
struct _LankaCaseHistoryDialog
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCaseHistoryDialog, lanka_case_history_dialog, ADW_TYPE_WINDOW)

static void
dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_HISTORY_DIALOG);
  G_OBJECT_CLASS (lanka_case_history_dialog_parent_class)->dispose (object);
}

static void
lanka_case_history_dialog_class_init (LankaCaseHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-case-history-dialog.ui");
}

static void
lanka_case_history_dialog_init (LankaCaseHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LankaCaseHistoryDialog *
lanka_case_history_dialog_new (GtkWindow *parent, LankaDatabase *database, LankaCase *kase, gboolean show_names)
{
  return g_object_new (LANKA_TYPE_CASE_HISTORY_DIALOG, NULL);
}
