/* lanka-case-closure.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_CLOSURE (lanka_case_closure_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseClosure, lanka_case_closure, LANKA, CASE_CLOSURE, AdwBin)

G_END_DECLS
