/* lanka-case-legal.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_LEGAL (lanka_case_legal_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseLegal, lanka_case_legal, LANKA, CASE_LEGAL, AdwBin)

G_END_DECLS
