/* lanka-case-people.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_PEOPLE (lanka_case_people_get_type ())

G_DECLARE_FINAL_TYPE (LankaCasePeople, lanka_case_people, LANKA, CASE_PEOPLE, AdwBin)

G_END_DECLS
