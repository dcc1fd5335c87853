/* lanka-cases-view.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case-editor.h"
#include "lanka-case.h"
#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CASES_VIEW (lanka_cases_view_get_type ())

G_DECLARE_FINAL_TYPE (LankaCasesView, lanka_cases_view, LANKA, CASES_VIEW, AdwBin)

LankaDatabase   *lanka_cases_view_get_database    (LankaCasesView *self);
void             lanka_cases_view_set_database    (LankaCasesView *self,
                                                   LankaDatabase  *database);
gboolean         lanka_cases_view_get_show_names  (LankaCasesView *self);
void             lanka_cases_view_set_show_names  (LankaCasesView *self,
                                                   gboolean        show_names);
const char      *lanka_cases_view_get_sort        (LankaCasesView *self);
void             lanka_cases_view_set_sort        (LankaCasesView *self,
                                                   const char     *sort);
gboolean         lanka_cases_view_show_case       (LankaCasesView *self,
                                                   const char     *uuid);
const char      *lanka_cases_view_get_shown_uuid  (LankaCasesView *self);
LankaCaseEditor *lanka_cases_view_get_editor      (LankaCasesView *self);
void             lanka_cases_view_set_search_text (LankaCasesView *self,
                                                   const char     *text);
void             lanka_cases_view_focus_search    (LankaCasesView *self);

G_END_DECLS
