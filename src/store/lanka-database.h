/* lanka-database.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-key.h"

G_BEGIN_DECLS

#define LANKA_TYPE_DATABASE (lanka_database_get_type ())

G_DECLARE_FINAL_TYPE (LankaDatabase, lanka_database, LANKA, DATABASE, GObject)

LankaDatabase *lanka_database_create          (const char     *path,
                                               const LankaKey *key,
                                               GError        **error);
LankaDatabase *lanka_database_open            (const char     *path,
                                               const LankaKey *key,
                                               GError        **error);
void           lanka_database_close           (LankaDatabase  *self);
void           lanka_database_hold            (LankaDatabase  *self);
void           lanka_database_release         (LankaDatabase  *self);
gboolean       lanka_database_is_open         (LankaDatabase  *self);
const char    *lanka_database_get_path        (LankaDatabase  *self);
const char    *lanka_database_get_uuid        (LankaDatabase  *self);
int            lanka_database_get_version     (LankaDatabase  *self);
gboolean       lanka_database_begin           (LankaDatabase  *self,
                                               GError        **error);
gboolean       lanka_database_commit          (LankaDatabase  *self,
                                               GError        **error);
void           lanka_database_rollback        (LankaDatabase  *self);
gboolean       lanka_database_rekey           (LankaDatabase  *self,
                                               const LankaKey *new_key,
                                               GError        **error);
gboolean       lanka_database_check           (LankaDatabase  *self,
                                               char          **verdict,
                                               GError        **error);
gboolean       lanka_database_export          (LankaDatabase  *self,
                                               const char     *path,
                                               GError        **error);
gboolean       lanka_database_verify_copy     (LankaDatabase  *self,
                                               const char     *path,
                                               GError        **error);
gboolean       lanka_database_checkpoint      (LankaDatabase  *self,
                                               GError        **error);

G_END_DECLS
