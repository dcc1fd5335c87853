/* lanka-person-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-person-editor"

#include "config.h"

#include "lanka-person-editor.h"

/* Placeholder: being written. */
struct _LankaPersonEditor
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaPersonEditor, lanka_person_editor, ADW_TYPE_WINDOW)

static void
dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_PERSON_EDITOR);
  G_OBJECT_CLASS (lanka_person_editor_parent_class)->dispose (object);
}

static void
lanka_person_editor_class_init (LankaPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-person-editor.ui");
}

static void
lanka_person_editor_init (LankaPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LankaPersonEditor *
lanka_person_editor_new (GtkWindow *parent, LankaDatabase *database, LankaRecord *person, gboolean show_names)
{
  return g_object_new (LANKA_TYPE_PERSON_EDITOR, NULL);
}
