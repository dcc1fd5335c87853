/* lanka-record.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LANKA_TYPE_RECORD (lanka_record_get_type ())

G_DECLARE_FINAL_TYPE (LankaRecord, lanka_record, LANKA, RECORD, GObject)

/* A row of a case as its editor sees it: a kind (the table: "case",
 * "person", "exploitation", "assessment", "permit_event", "legal_process",
 * "plan_item"), a uuid and fields by their column names.  Single values are
 * strings (NULL when empty; dates as YYYY-MM-DD, booleans as "1"/NULL,
 * numbers in decimal); multi-valued fields ("citizenships", "languages",
 * "flags", "forms", "sexual_types", "means", "countries") are lists of
 * codes.  Setting a field to what it holds already changes nothing and
 * emits nothing; otherwise ::changed is emitted with the field as detail.
 */
LankaRecord         *lanka_record_new            (const char         *kind);
LankaRecord         *lanka_record_new_with_uuid  (const char         *kind,
                                                  const char         *uuid);
LankaRecord         *lanka_record_copy           (LankaRecord        *self);
const char          *lanka_record_get_kind       (LankaRecord        *self);
const char          *lanka_record_get_uuid       (LankaRecord        *self);
const char          *lanka_record_get            (LankaRecord        *self,
                                                  const char         *field);
void                 lanka_record_set            (LankaRecord        *self,
                                                  const char         *field,
                                                  const char         *value);
gboolean             lanka_record_get_boolean    (LankaRecord        *self,
                                                  const char         *field);
void                 lanka_record_set_boolean    (LankaRecord        *self,
                                                  const char         *field,
                                                  gboolean            value);
gint64               lanka_record_get_int        (LankaRecord        *self,
                                                  const char         *field,
                                                  gint64              unset);
void                 lanka_record_set_int        (LankaRecord        *self,
                                                  const char         *field,
                                                  gint64              value);
const char * const  *lanka_record_get_list       (LankaRecord        *self,
                                                  const char         *field);
void                 lanka_record_set_list       (LankaRecord        *self,
                                                  const char         *field,
                                                  const char * const *values);
gboolean             lanka_record_list_contains  (LankaRecord        *self,
                                                  const char         *field,
                                                  const char         *code);
void                 lanka_record_list_toggle    (LankaRecord        *self,
                                                  const char         *field,
                                                  const char         *code,
                                                  gboolean            present);
GStrv                lanka_record_dup_fields     (LankaRecord        *self);
gboolean             lanka_record_field_equal    (LankaRecord        *self,
                                                  LankaRecord        *other,
                                                  const char         *field);

/* For the store. */
void                 _lanka_record_set_quiet     (LankaRecord        *self,
                                                  const char         *field,
                                                  const char         *value);
gboolean             _lanka_record_is_list       (LankaRecord        *self,
                                                  const char         *field);

G_END_DECLS
