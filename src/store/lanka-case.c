/* lanka-case.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case"

#include "config.h"

#include "lanka-store-error.h"

#include "lanka-case.h"

/* Placeholder: being written. */

struct _LankaCase
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCase, lanka_case, G_TYPE_OBJECT)

static void
lanka_case_class_init (LankaCaseClass *klass)
{
}

static void
lanka_case_init (LankaCase *self)
{
}

void
lanka_case_problem_free (LankaCaseProblem *self)
{
  g_free (self);
}

LankaCase *
lanka_case_new (void)
{
  return NULL;
}

LankaCase *
lanka_case_copy (LankaCase *self)
{
  return NULL;
}

const char *
lanka_case_get_uuid (LankaCase *self)
{
  return NULL;
}

const char *
lanka_case_get_number (LankaCase *self)
{
  return NULL;
}

gboolean
lanka_case_is_new (LankaCase *self)
{
  return FALSE;
}

LankaRecord *
lanka_case_get_record (LankaCase *self)
{
  return NULL;
}

LankaRecord *
lanka_case_get_exploitation (LankaCase *self)
{
  return NULL;
}

LankaRecord *
lanka_case_get_legal_process (LankaCase *self)
{
  return NULL;
}

GListModel *
lanka_case_get_people (LankaCase *self)
{
  return NULL;
}

GListModel *
lanka_case_get_assessments (LankaCase *self)
{
  return NULL;
}

GListModel *
lanka_case_get_permits (LankaCase *self)
{
  return NULL;
}

GListModel *
lanka_case_get_plan (LankaCase *self)
{
  return NULL;
}

LankaRecord *
lanka_case_get_victim (LankaCase *self)
{
  return NULL;
}

LankaRecord *
lanka_case_find_record (LankaCase *self, const char *uuid)
{
  return NULL;
}

LankaRecord *
lanka_case_add_record (LankaCase *self, const char *kind)
{
  return NULL;
}

void
lanka_case_remove_record (LankaCase *self, LankaRecord *record)
{
}

gboolean
lanka_case_is_child (LankaCase *self, GDate *today)
{
  return FALSE;
}

char *
lanka_case_dup_next_deadline (LankaCase *self, GDate *today)
{
  return NULL;
}

GPtrArray *
lanka_case_validate (LankaCase *self, GDate *today)
{
  return NULL;
}

GBytes *
lanka_case_serialize (LankaCase *self)
{
  return NULL;
}

LankaCase *
lanka_case_deserialize (GBytes *bytes, GError **error)
{
  return NULL;
}
