/* lanka-cases.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-cases"

#include "config.h"

#include "lanka-store-error.h"

#include "lanka-cases.h"

/* Placeholder: being written. */

void
lanka_case_match_free (LankaCaseMatch *self)
{
  g_free (self);
}

LankaCase *
lanka_cases_load (LankaDatabase *database, const char *uuid, GError **error)
{
  return NULL;
}

gboolean
lanka_cases_save (LankaDatabase *database, LankaCase *kase, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

gboolean
lanka_cases_delete (LankaDatabase *database, const char *uuid, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

GPtrArray *
lanka_cases_list_history (LankaDatabase *database, const char *uuid, GError **error)
{
  return NULL;
}

gboolean
lanka_cases_save_draft (LankaDatabase *database, LankaCase *kase, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

LankaCase *
lanka_cases_load_draft (LankaDatabase *database, const char *uuid, gint64 *saved_at, GError **error)
{
  return NULL;
}

gboolean
lanka_cases_discard_draft (LankaDatabase *database, const char *uuid, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

GStrv
lanka_cases_list_drafts (LankaDatabase *database, GError **error)
{
  return 0;
}

GPtrArray *
lanka_cases_find_duplicates (LankaDatabase *database, const char *alias, const char *birth_date, const char * const *citizenships, const char *personal_number, GError **error)
{
  return NULL;
}

gboolean
_lanka_cases_index (LankaDatabase *database, gint64 case_id, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}
