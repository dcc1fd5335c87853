/* lanka-case-list.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_SUMMARY (lanka_case_summary_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseSummary, lanka_case_summary, LANKA, CASE_SUMMARY, GObject)

/* A row of the case list: what the list shows, nothing more.  The legal
 * name is read only while names are shown (NULL otherwise).
 */
const char *lanka_case_summary_get_uuid          (LankaCaseSummary *self);
const char *lanka_case_summary_get_number        (LankaCaseSummary *self);
const char *lanka_case_summary_get_alias         (LankaCaseSummary *self);
const char *lanka_case_summary_get_legal_name    (LankaCaseSummary *self);
const char *lanka_case_summary_get_status        (LankaCaseSummary *self);
int         lanka_case_summary_get_nrm_step      (LankaCaseSummary *self);
gboolean    lanka_case_summary_get_child         (LankaCaseSummary *self);
gboolean    lanka_case_summary_get_urgent        (LankaCaseSummary *self);
const char *lanka_case_summary_get_risk          (LankaCaseSummary *self);
const char *lanka_case_summary_get_next_deadline (LankaCaseSummary *self);
gboolean    lanka_case_summary_get_has_draft     (LankaCaseSummary *self);
gboolean    lanka_case_summary_get_protected     (LankaCaseSummary *self);

typedef enum
{
  LANKA_CASE_SORT_NUMBER,
  LANKA_CASE_SORT_ALIAS,
  LANKA_CASE_SORT_MODIFIED,
  LANKA_CASE_SORT_DEADLINE,
} LankaCaseSort;

/**
 * LankaCaseFilter:
 * @status: a case status code, or %NULL for all; "open" for every status
 *   but the closed ones
 * @nrm_step: 1–6, or 0 for all
 * @form: a form-of-exploitation code, or %NULL
 * @child_only: only child cases
 * @risk: a risk level code, or %NULL; "urgent" for urgent cases
 * @county: a county code, or %NULL
 */
typedef struct
{
  const char *status;
  int         nrm_step;
  const char *form;
  gboolean    child_only;
  const char *risk;
  const char *county;
} LankaCaseFilter;

#define LANKA_TYPE_CASE_LIST (lanka_case_list_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseList, lanka_case_list, LANKA, CASE_LIST, GObject)

/* A lazy GListModel of LankaCaseSummary: the query is SQL, rows are read a
 * page at a time as the list asks for them.  It empties itself when the
 * database closes.  With names shown, the search also looks at legal
 * names.
 */
gboolean       lanka_case_list_prepare        (LankaDatabase          *database,
                                               GError                **error);
LankaCaseList *lanka_case_list_new            (LankaDatabase          *database);
LankaDatabase *lanka_case_list_get_database   (LankaCaseList          *self);
gboolean       lanka_case_list_set_query      (LankaCaseList          *self,
                                               const char             *text,
                                               const LankaCaseFilter  *filter,
                                               LankaCaseSort           sort,
                                               gboolean                show_names,
                                               GError                **error);
gboolean       lanka_case_list_reload         (LankaCaseList          *self,
                                               GError                **error);
guint          lanka_case_list_find           (LankaCaseList          *self,
                                               const char             *uuid);
void           lanka_case_list_set_has_draft  (LankaCaseList          *self,
                                               const char             *uuid,
                                               gboolean                has_draft);
guint          lanka_case_list_get_n_reads    (LankaCaseList          *self);

G_END_DECLS
