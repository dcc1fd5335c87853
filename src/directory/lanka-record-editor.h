/* lanka-record-editor.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"

G_BEGIN_DECLS

/**
 * LankaRecordForm:
 * @record_name: what the record is, for the log: "an agency"
 * @draft_kind: how the store names this editor's drafts
 * @draft_version: the layout of this editor's drafts, so that a later one
 *   can tell an older draft apart instead of misreading it
 * @dup_digest: everything a person can change in the form, in one string
 * @save_draft: puts the form as it is, half-typed values and all, into
 *   a draft
 * @restore_draft: fills the form from a draft of this editor; a part the
 *   draft does not hold keeps the record's value
 * @reset: fills the form with the record as it was when the editor opened
 * @get_stored_name: the name of the record as it was when the editor opened
 * @draft_is_orphaned: whether the record a draft belongs to is gone
 * @update: checks the form again after the helper changed it
 * @left: (nullable): called when the editor goes without saving, with the
 *   reason given to lanka_record_editor_leave(), just before it closes
 *
 * What an editor window tells its #LankaRecordEditor about its form.  The
 * functions get the editor window.
 */
typedef struct
{
  const char *record_name;
  const char *draft_kind;
  guint       draft_version;
  char       *(*dup_digest)        (GtkWindow     *editor);
  void        (*save_draft)        (GtkWindow     *editor,
                                    GVariantDict  *draft);
  void        (*restore_draft)     (GtkWindow     *editor,
                                    GVariant      *draft);
  void        (*reset)             (GtkWindow     *editor);
  const char *(*get_stored_name)   (GtkWindow     *editor);
  gboolean    (*draft_is_orphaned) (LankaDatabase *database,
                                    const char    *object);
  void        (*update)            (GtkWindow     *editor);
  void        (*left)              (GtkWindow     *editor,
                                    guint          reason);
} LankaRecordForm;

#define LANKA_TYPE_RECORD_EDITOR (lanka_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (LankaRecordEditor, lanka_record_editor, LANKA, RECORD_EDITOR, GObject)

void               lanka_record_editor_class_install_actions (GtkWidgetClass        *widget_class);
LankaRecordEditor *lanka_record_editor_new                   (GtkWindow             *editor,
                                                              const LankaRecordForm *form,
                                                              GtkRevealer           *error_revealer,
                                                              GtkLabel              *error_label,
                                                              GtkRevealer           *draft_revealer,
                                                              GtkEditable           *name_row);
void               lanka_record_editor_show_error            (LankaRecordEditor     *self,
                                                              const char            *message);
void               lanka_record_editor_mark_unchanged        (LankaRecordEditor     *self);
void               lanka_record_editor_set_up_drafts         (LankaRecordEditor     *self,
                                                              LankaDatabase         *database,
                                                              const char            *object,
                                                              gboolean               restore);
gboolean           lanka_record_editor_get_name_edited       (LankaRecordEditor     *self);
void               lanka_record_editor_set_name_edited       (LankaRecordEditor     *self,
                                                              gboolean               name_edited);
void               lanka_record_editor_leave                 (LankaRecordEditor     *self,
                                                              guint                  reason);
void               lanka_record_editor_discard_draft         (LankaRecordEditor     *self);
void               lanka_record_editor_finish                (LankaRecordEditor     *self);

G_END_DECLS
