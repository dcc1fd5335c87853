/* lanka-case-child.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_CHILD (lanka_case_child_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseChild, lanka_case_child, LANKA, CASE_CHILD, AdwBin)

G_END_DECLS
