/* lanka-agency-row.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-agency.h"

G_BEGIN_DECLS

#define LANKA_TYPE_AGENCY_ROW (lanka_agency_row_get_type ())

G_DECLARE_FINAL_TYPE (LankaAgencyRow, lanka_agency_row, LANKA, AGENCY_ROW, AdwBin)

GtkWidget   *lanka_agency_row_new        (void);
LankaAgency *lanka_agency_row_get_agency (LankaAgencyRow *self);
void         lanka_agency_row_set_agency (LankaAgencyRow *self,
                                          LankaAgency    *agency);

G_END_DECLS
