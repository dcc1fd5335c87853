/* lanka-case-legal.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case.h"
#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_LEGAL (lanka_case_legal_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseLegal, lanka_case_legal, LANKA, CASE_LEGAL, AdwBin)

GtkWidget     *lanka_case_legal_new           (void);
LankaDatabase *lanka_case_legal_get_database  (LankaCaseLegal *self);
void           lanka_case_legal_set_database  (LankaCaseLegal *self,
                                               LankaDatabase  *database);
LankaCase     *lanka_case_legal_get_case      (LankaCaseLegal *self);
void           lanka_case_legal_set_case      (LankaCaseLegal *self,
                                               LankaCase      *kase);

G_END_DECLS
