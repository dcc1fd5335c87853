/* lanka-case-people.h
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

#define LANKA_TYPE_CASE_PEOPLE (lanka_case_people_get_type ())

G_DECLARE_FINAL_TYPE (LankaCasePeople, lanka_case_people, LANKA, CASE_PEOPLE, AdwBin)

LankaDatabase *lanka_case_people_get_database   (LankaCasePeople *self);
void           lanka_case_people_set_database   (LankaCasePeople *self,
                                                 LankaDatabase   *database);
LankaCase     *lanka_case_people_get_case       (LankaCasePeople *self);
void           lanka_case_people_set_case       (LankaCasePeople *self,
                                                 LankaCase       *kase);
gboolean       lanka_case_people_get_show_names (LankaCasePeople *self);
void           lanka_case_people_set_show_names (LankaCasePeople *self,
                                                 gboolean         show_names);

G_END_DECLS
