/* lanka-directory-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the directory, its seed, its duplicate checks and its bulk
 * import and export: writes without a transaction of their own, so that a
 * caller can apply everything in one.
 */

#pragma once

#include "lanka-database-private.h"
#include "lanka-directory.h"

G_BEGIN_DECLS

gboolean      _lanka_directory_find_seed              (LankaDatabase               *database,
                                                       const char                  *seed_key,
                                                       char                       **uuid,
                                                       char                       **seed_hash,
                                                       GError                     **error);
gboolean      _lanka_directory_write_agency           (LankaDatabase               *database,
                                                       LankaAgency                 *agency,
                                                       const char                  *seed_key,
                                                       const char                  *seed_hash,
                                                       GError                     **error);
gboolean      _lanka_directory_insert_contact         (LankaDatabase               *database,
                                                       gint64                       agency,
                                                       const char                  *agency_uuid,
                                                       LankaAgencyContact          *contact,
                                                       gint64                       now,
                                                       GError                     **error);
gboolean      _lanka_directory_write_agency_full      (LankaDatabase               *database,
                                                       LankaAgency                 *agency,
                                                       const char                  *seed_key,
                                                       const char                  *seed_hash,
                                                       gboolean                     index,
                                                       GError                     **error);
gboolean      _lanka_directory_savepoint_begin        (LankaDatabase               *database,
                                                       GError                     **error);
gboolean      _lanka_directory_savepoint_end          (LankaDatabase               *database,
                                                       gboolean                     ok,
                                                       GError                     **error);
void          _lanka_directory_bind_text              (sqlite3_stmt                *stmt,
                                                       int                          index,
                                                       const char                  *value);
gboolean      _lanka_directory_finish_rows            (LankaDatabase               *database,
                                                       sqlite3_stmt                *stmt,
                                                       int                          rc,
                                                       GError                     **error);
gboolean      _lanka_directory_agency_id              (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       gint64                      *id,
                                                       GError                     **error);
gboolean      _lanka_directory_index_agency           (LankaDatabase               *database,
                                                       gint64                       id,
                                                       GError                     **error);
gboolean      _lanka_directory_validate_contact       (LankaAgencyContact          *contact,
                                                       GError                     **error);
gboolean      _lanka_directory_write_contact_channels (LankaDatabase               *database,
                                                       gint64                       contact_id,
                                                       LankaAgencyContact          *contact,
                                                       GError                     **error);
gboolean      _lanka_directory_write_contact_history  (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       LankaAgencyContact          *before,
                                                       LankaAgencyContact          *after,
                                                       gint64                       now,
                                                       GError                     **error);

/* For LankaAgencyList: the ids of a search in list order, and whole
 * agencies loaded by the page.
 */
gboolean      _lanka_directory_search_ids             (LankaDatabase               *database,
                                                       const char                  *text,
                                                       const LankaDirectoryFilter  *filter,
                                                       GArray                      *ids,
                                                       GError                     **error);
gboolean      _lanka_directory_load_agencies          (LankaDatabase               *database,
                                                       const gint64                *ids,
                                                       guint                        n_ids,
                                                       LankaAgency                **agencies,
                                                       GError                     **error);

/* Whole agencies by id, however many, for the comparisons and the export. */
LankaAgency **_lanka_directory_load_many              (LankaDatabase               *database,
                                                       GArray                      *ids,
                                                       GError                     **error);

/* The duplicate checks' form of an agency name, and the SQL function
 * lanka_name_key() that computes it.
 */
char         *_lanka_directory_name_key               (const char                  *name);
int           _lanka_directory_register_name_key      (sqlite3                     *handle);

G_END_DECLS
