/* lanka-case-row.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case-list.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_ROW (lanka_case_row_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseRow, lanka_case_row, LANKA, CASE_ROW, GtkWidget)

GtkWidget        *lanka_case_row_new                (void);
LankaCaseSummary *lanka_case_row_get_summary        (LankaCaseRow     *self);
void              lanka_case_row_set_summary        (LankaCaseRow     *self,
                                                     LankaCaseSummary *summary);
GtkWidget        *lanka_case_row_get_deadline_label (LankaCaseRow     *self);
GtkWidget        *lanka_case_row_get_tags_label     (LankaCaseRow     *self);

G_END_DECLS
