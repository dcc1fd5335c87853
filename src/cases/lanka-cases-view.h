/* lanka-cases-view.h
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

#define LANKA_TYPE_CASES_VIEW (lanka_cases_view_get_type ())

G_DECLARE_FINAL_TYPE (LankaCasesView, lanka_cases_view, LANKA, CASES_VIEW, AdwBin)

void lanka_cases_view_set_database (LankaCasesView *self,
                                    LankaDatabase  *database);

G_END_DECLS
