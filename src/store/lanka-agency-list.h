/* lanka-agency-list.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-agency.h"
#include "lanka-database.h"
#include "lanka-directory.h"

G_BEGIN_DECLS

#define LANKA_TYPE_AGENCY_LIST (lanka_agency_list_get_type ())

G_DECLARE_FINAL_TYPE (LankaAgencyList, lanka_agency_list, LANKA, AGENCY_LIST, GObject)

LankaAgencyList *lanka_agency_list_new        (LankaDatabase               *database);
LankaDatabase   *lanka_agency_list_get_database (LankaAgencyList           *self);
gboolean         lanka_agency_list_set_query  (LankaAgencyList             *self,
                                               const char                  *text,
                                               const LankaDirectoryFilter  *filter,
                                               GError                     **error);
gboolean         lanka_agency_list_reload     (LankaAgencyList             *self,
                                               GError                     **error);
guint            lanka_agency_list_find       (LankaAgencyList             *self,
                                               const char                  *uuid);

G_END_DECLS
