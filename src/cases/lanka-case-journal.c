/* lanka-case-journal.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-journal"

#include "config.h"

#include "lanka-case-journal.h"

/* Placeholder: being written. */
struct _LankaCaseJournal
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCaseJournal, lanka_case_journal, ADW_TYPE_BIN)

static void
get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
}

static void
set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
}

static void
dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_JOURNAL);
  G_OBJECT_CLASS (lanka_case_journal_parent_class)->dispose (object);
}

static void
lanka_case_journal_class_init (LankaCaseJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;
  object_class->get_property = get_property;
  object_class->set_property = set_property;

  g_object_class_install_property (object_class, 1,
                                   g_param_spec_object ("database", NULL, NULL, G_TYPE_OBJECT,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, 2,
                                   g_param_spec_object ("case", NULL, NULL, G_TYPE_OBJECT,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-case-journal.ui");
}

static void
lanka_case_journal_init (LankaCaseJournal *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
