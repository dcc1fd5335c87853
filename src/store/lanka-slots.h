/* lanka-slots.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the vault and its tests only: the key slot file and recovery codes.
 */

#pragma once

#include <gio/gio.h>

#include "lanka-key.h"

G_BEGIN_DECLS

/* What a slot wraps the key under. */
typedef enum
{
  LANKA_SLOT_PASSPHRASE,
  LANKA_SLOT_RECOVERY,
} LankaSlotKind;

/* During key rotation the file holds the slots of the new key as "pending"
 * beside the current ones, until the database is known to use the new key.
 */
typedef enum
{
  LANKA_SLOT_STAGE_CURRENT,
  LANKA_SLOT_STAGE_PENDING,
} LankaSlotStage;

#define LANKA_RECOVERY_CODE_BYTES    16
#define LANKA_RECOVERY_CODE_LENGTH   30  /* characters, without dashes */
#define LANKA_RECOVERY_CODE_GROUPS    6

typedef struct _LankaSlots LankaSlots;

LankaSlots   *lanka_slots_new                (const char      *uuid);
LankaSlots   *lanka_slots_new_from_data      (const char      *data,
                                              gsize            length,
                                              GError         **error);
LankaSlots   *lanka_slots_load               (const char      *path,
                                              GError         **error);
char         *lanka_slots_to_data            (LankaSlots      *self,
                                              gsize           *length);
gboolean      lanka_slots_save               (LankaSlots      *self,
                                              const char      *path,
                                              GError         **error);
void          lanka_slots_free               (LankaSlots      *self);
const char   *lanka_slots_get_uuid           (LankaSlots      *self);
gboolean      lanka_slots_has                (LankaSlots      *self,
                                              LankaSlotStage   stage,
                                              LankaSlotKind    kind);
gboolean      lanka_slots_has_pending        (LankaSlots      *self);
gboolean      lanka_slots_find_key           (LankaSlots      *self,
                                              const LankaKey  *key,
                                              LankaSlotStage  *stage);
gboolean      lanka_slots_wrap               (LankaSlots      *self,
                                              LankaSlotStage   stage,
                                              LankaSlotKind    kind,
                                              const char      *secret,
                                              const LankaKey  *key,
                                              GError         **error);
LankaKey     *lanka_slots_unwrap             (LankaSlots      *self,
                                              LankaSlotStage   stage,
                                              LankaSlotKind    kind,
                                              const char      *secret,
                                              GError         **error);
void          lanka_slots_remove             (LankaSlots      *self,
                                              LankaSlotStage   stage,
                                              LankaSlotKind    kind);
void          lanka_slots_promote            (LankaSlots      *self);
void          lanka_slots_discard_pending    (LankaSlots      *self);

gboolean      lanka_slots_check_passphrase   (const char      *passphrase,
                                              GError         **error);

LankaSecret  *lanka_slots_new_recovery_code  (void);
gboolean      lanka_slots_parse_recovery_code (const char     *text,
                                               guint8         *bytes,
                                               GError        **error);
LankaSecret  *lanka_slots_normalize_recovery_code (const char *text,
                                                   GError    **error);

/* Durable files, shared with backups: write beside, fsync, rename, fsync
 * the directory.
 */
gboolean      lanka_slots_replace_file       (const char      *path,
                                              const char      *data,
                                              gsize            length,
                                              GError         **error);
gboolean      lanka_slots_sync_dir           (const char      *dir,
                                              GError         **error);
void          lanka_slots_set_io_error       (GError         **error,
                                              int              errsv,
                                              const char      *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaSlots, lanka_slots_free)

G_END_DECLS
