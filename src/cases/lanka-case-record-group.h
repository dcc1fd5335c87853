/* lanka-case-record-group.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case.h"
#include "lanka-record.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_RECORD_GROUP (lanka_case_record_group_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseRecordGroup, lanka_case_record_group, LANKA, CASE_RECORD_GROUP, GObject)

/**
 * LankaCaseRecordGroupFuncs:
 * @build_rows: adds the rows of @record to @expander, with
 *   lanka_case_record_group_add_row(); handlers it connects to @record
 *   with the section as their data go with the rows
 * @update_row: sets the title and subtitle of @expander from @record
 * @compare: (nullable): sorts the records for the list; of two that
 *   compare equal, the one later in the model comes first
 * @removed: (nullable): called after a record was removed on the
 *   person's word
 *
 * What a section of the case editor says about its own records.
 */
typedef struct
{
  void (*build_rows) (AdwExpanderRow *expander,
                      LankaRecord    *record,
                      gpointer        user_data);
  void (*update_row) (AdwExpanderRow *expander,
                      LankaRecord    *record,
                      gpointer        user_data);
  GCompareFunc compare;
  void (*removed)    (gpointer        user_data);
} LankaCaseRecordGroupFuncs;

LankaCaseRecordGroup *lanka_case_record_group_new            (AdwPreferencesGroup             *group,
                                                              GtkWidget                       *empty_label,
                                                              const char                      *remove_label,
                                                              const char                      *remove_action,
                                                              const LankaCaseRecordGroupFuncs *funcs,
                                                              gpointer                         user_data);
void                  lanka_case_record_group_set_records    (LankaCaseRecordGroup            *self,
                                                              LankaCase                       *kase,
                                                              GListModel                      *records);
void                  lanka_case_record_group_rebuild        (LankaCaseRecordGroup            *self);
void                  lanka_case_record_group_update         (LankaCaseRecordGroup            *self);
LankaRecord          *lanka_case_record_group_find           (LankaCaseRecordGroup            *self,
                                                              const char                      *uuid);
void                  lanka_case_record_group_open           (LankaCaseRecordGroup            *self,
                                                              LankaRecord                     *record);
void                  lanka_case_record_group_confirm_remove (LankaCaseRecordGroup            *self,
                                                              LankaRecord                     *record,
                                                              const char                      *heading,
                                                              const char                      *body);
void                  lanka_case_record_group_add_row        (AdwExpanderRow                  *expander,
                                                              GtkWidget                       *row);

G_END_DECLS
