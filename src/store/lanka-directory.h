/* lanka-directory.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-agency.h"
#include "lanka-database.h"

G_BEGIN_DECLS

/**
 * LankaDirectoryFilter:
 * @agency_type: (nullable): only agencies of this type code
 * @county: (nullable): only agencies that serve this county code (national
 *   agencies serve every county)
 * @helps: (nullable): only agencies that help with this support type,
 *   form of exploitation or other code
 * @nmt_only: only agencies that take part in NMT
 *
 * What the directory list is narrowed to.  All members set means all
 * conditions hold.
 */
typedef struct
{
  const char *agency_type;
  const char *county;
  const char *helps;
  gboolean    nmt_only;
} LankaDirectoryFilter;

gboolean             lanka_directory_add_agency       (LankaDatabase               *database,
                                                       LankaAgency                 *agency,
                                                       GError                     **error);
gboolean             lanka_directory_update_agency    (LankaDatabase               *database,
                                                       LankaAgency                 *agency,
                                                       GError                     **error);
gboolean             lanka_directory_delete_agency    (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
LankaAgency         *lanka_directory_get_agency       (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
gboolean             lanka_directory_add_contact      (LankaDatabase               *database,
                                                       const char                  *agency_uuid,
                                                       LankaAgencyContact          *contact,
                                                       GError                     **error);
gboolean             lanka_directory_update_contact   (LankaDatabase               *database,
                                                       LankaAgencyContact          *contact,
                                                       GError                     **error);
gboolean             lanka_directory_delete_contact   (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
GPtrArray           *lanka_directory_list_contacts    (LankaDatabase               *database,
                                                       const char                  *agency_uuid,
                                                       GError                     **error);
GStrv                lanka_directory_search           (LankaDatabase               *database,
                                                       const char                  *text,
                                                       const LankaDirectoryFilter  *filter,
                                                       guint                        limit,
                                                       guint                        offset,
                                                       GError                     **error);
gboolean             lanka_directory_count            (LankaDatabase               *database,
                                                       const char                  *text,
                                                       const LankaDirectoryFilter  *filter,
                                                       guint                       *count,
                                                       GError                     **error);
gboolean             lanka_directory_reindex          (LankaDatabase               *database,
                                                       GError                     **error);

G_END_DECLS
