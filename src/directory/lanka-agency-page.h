/* lanka-agency-page.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-agency.h"
#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_AGENCY_PAGE (lanka_agency_page_get_type ())

G_DECLARE_FINAL_TYPE (LankaAgencyPage, lanka_agency_page, LANKA, AGENCY_PAGE, AdwBin)

LankaAgencyPage    *lanka_agency_page_new              (void);
LankaDatabase      *lanka_agency_page_get_database     (LankaAgencyPage    *self);
void                lanka_agency_page_set_database     (LankaAgencyPage    *self,
                                                        LankaDatabase      *database);
LankaAgency        *lanka_agency_page_get_agency       (LankaAgencyPage    *self);
void                lanka_agency_page_set_agency       (LankaAgencyPage    *self,
                                                        LankaAgency        *agency);
void                lanka_agency_page_reload_contacts  (LankaAgencyPage    *self);

G_END_DECLS
