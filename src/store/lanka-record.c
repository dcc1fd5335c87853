/* lanka-record.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-record"

#include "config.h"

#include "lanka-store-error.h"

#include "lanka-record.h"

/* Placeholder: being written. */

struct _LankaRecord
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaRecord, lanka_record, G_TYPE_OBJECT)

static void
lanka_record_class_init (LankaRecordClass *klass)
{
}

static void
lanka_record_init (LankaRecord *self)
{
}

LankaRecord *
lanka_record_new (const char *kind)
{
  return NULL;
}

LankaRecord *
lanka_record_new_with_uuid (const char *kind, const char *uuid)
{
  return NULL;
}

LankaRecord *
lanka_record_copy (LankaRecord *self)
{
  return NULL;
}

const char *
lanka_record_get_kind (LankaRecord *self)
{
  return NULL;
}

const char *
lanka_record_get_uuid (LankaRecord *self)
{
  return NULL;
}

const char *
lanka_record_get (LankaRecord *self, const char *field)
{
  return NULL;
}

void
lanka_record_set (LankaRecord *self, const char *field, const char *value)
{
}

gboolean
lanka_record_get_boolean (LankaRecord *self, const char *field)
{
  return FALSE;
}

void
lanka_record_set_boolean (LankaRecord *self, const char *field, gboolean value)
{
}

gint64
lanka_record_get_int (LankaRecord *self, const char *field, gint64 unset)
{
  return 0;
}

void
lanka_record_set_int (LankaRecord *self, const char *field, gint64 value)
{
}

void
lanka_record_set_list (LankaRecord *self, const char *field, const char * const *values)
{
}

gboolean
lanka_record_list_contains (LankaRecord *self, const char *field, const char *code)
{
  return FALSE;
}

void
lanka_record_list_toggle (LankaRecord *self, const char *field, const char *code, gboolean present)
{
}

GStrv
lanka_record_dup_fields (LankaRecord *self)
{
  return 0;
}

gboolean
lanka_record_field_equal (LankaRecord *self, LankaRecord *other, const char *field)
{
  return FALSE;
}
