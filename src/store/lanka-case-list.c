/* lanka-case-list.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-list"

#include "config.h"

#include "lanka-store-error.h"

#include "lanka-case-list.h"

/* Placeholder: being written. */

struct _LankaCaseSummary
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCaseSummary, lanka_case_summary, G_TYPE_OBJECT)

static void
lanka_case_summary_class_init (LankaCaseSummaryClass *klass)
{
}

static void
lanka_case_summary_init (LankaCaseSummary *self)
{
}

struct _LankaCaseList
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCaseList, lanka_case_list, G_TYPE_OBJECT)

static void
lanka_case_list_class_init (LankaCaseListClass *klass)
{
}

static void
lanka_case_list_init (LankaCaseList *self)
{
}

const char *
lanka_case_summary_get_uuid (LankaCaseSummary *self)
{
  return NULL;
}

const char *
lanka_case_summary_get_number (LankaCaseSummary *self)
{
  return NULL;
}

const char *
lanka_case_summary_get_alias (LankaCaseSummary *self)
{
  return NULL;
}

const char *
lanka_case_summary_get_legal_name (LankaCaseSummary *self)
{
  return NULL;
}

const char *
lanka_case_summary_get_status (LankaCaseSummary *self)
{
  return NULL;
}

int
lanka_case_summary_get_nrm_step (LankaCaseSummary *self)
{
  return 0;
}

gboolean
lanka_case_summary_get_child (LankaCaseSummary *self)
{
  return FALSE;
}

gboolean
lanka_case_summary_get_urgent (LankaCaseSummary *self)
{
  return FALSE;
}

const char *
lanka_case_summary_get_risk (LankaCaseSummary *self)
{
  return NULL;
}

const char *
lanka_case_summary_get_next_deadline (LankaCaseSummary *self)
{
  return NULL;
}

gboolean
lanka_case_summary_get_has_draft (LankaCaseSummary *self)
{
  return FALSE;
}

gboolean
lanka_case_summary_get_protected (LankaCaseSummary *self)
{
  return FALSE;
}

LankaCaseList *
lanka_case_list_new (LankaDatabase *database)
{
  return NULL;
}

LankaDatabase *
lanka_case_list_get_database (LankaCaseList *self)
{
  return NULL;
}

gboolean
lanka_case_list_set_query (LankaCaseList *self, const char *text, const LankaCaseFilter *filter, LankaCaseSort sort, gboolean show_names, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

gboolean
lanka_case_list_reload (LankaCaseList *self, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

guint
lanka_case_list_find (LankaCaseList *self, const char *uuid)
{
  return 0;
}
