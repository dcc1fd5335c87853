/* lanka-agency-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the store only: identity and times come from the database, never
 * from an editor.
 */

#pragma once

#include "lanka-agency.h"

G_BEGIN_DECLS

void _lanka_agency_set_identity           (LankaAgency        *self,
                                           const char         *uuid,
                                           gint64              created,
                                           gint64              modified);
void _lanka_agency_contact_set_identity   (LankaAgencyContact *self,
                                           const char         *uuid,
                                           const char         *agency_uuid,
                                           gint64              created,
                                           gint64              modified);

G_END_DECLS
