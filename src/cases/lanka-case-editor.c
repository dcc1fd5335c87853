/* lanka-case-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-editor"

#include "config.h"

#include "lanka-case-editor.h"

/* Placeholder: being written. */
struct _LankaCaseEditor
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCaseEditor, lanka_case_editor, ADW_TYPE_BIN)

static void
dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_EDITOR);
  G_OBJECT_CLASS (lanka_case_editor_parent_class)->dispose (object);
}

static void
lanka_case_editor_class_init (LankaCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-case-editor.ui");
}

static void
lanka_case_editor_init (LankaCaseEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LankaCaseEditor *
lanka_case_editor_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_EDITOR, NULL);
}

void
lanka_case_editor_set_database (LankaCaseEditor *self, LankaDatabase *database)
{
}

gboolean
lanka_case_editor_open (LankaCaseEditor *self, const char *uuid, GError **error)
{
  return FALSE;
}

void
lanka_case_editor_open_new (LankaCaseEditor *self, LankaCase *kase)
{
}

void
lanka_case_editor_clear (LankaCaseEditor *self)
{
}

const char *
lanka_case_editor_get_uuid (LankaCaseEditor *self)
{
  return NULL;
}

LankaCase *
lanka_case_editor_get_case (LankaCaseEditor *self)
{
  return NULL;
}

gboolean
lanka_case_editor_get_modified (LankaCaseEditor *self)
{
  return FALSE;
}

gboolean
lanka_case_editor_save (LankaCaseEditor *self, GError **error)
{
  return FALSE;
}

gboolean
lanka_case_editor_save_draft (LankaCaseEditor *self, GError **error)
{
  return FALSE;
}

void
lanka_case_editor_discard_changes (LankaCaseEditor *self)
{
}

void
lanka_case_editor_set_show_names (LankaCaseEditor *self, gboolean show_names)
{
}

gboolean
lanka_case_editor_get_show_names (LankaCaseEditor *self)
{
  return FALSE;
}

void
lanka_case_editor_show_section (LankaCaseEditor *self, const char *section)
{
}
