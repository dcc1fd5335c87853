/* lanka-keyring.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-key.h"

G_BEGIN_DECLS

#define LANKA_KEYRING_ERROR (lanka_keyring_error_quark ())

/**
 * LankaKeyringError:
 * @LANKA_KEYRING_ERROR_NO_SERVICE: no Secret Service answers on the session bus
 * @LANKA_KEYRING_ERROR_LOCKED: the default keyring is locked and stayed locked
 * @LANKA_KEYRING_ERROR_NOT_FOUND: the keyring is open but holds no key for this database
 * @LANKA_KEYRING_ERROR_FAILED: the Secret Service failed in another way
 *
 * A locked keyring answers a lookup exactly like an empty one, so the store
 * checks the lock first: "not found" really means not found.
 */
typedef enum
{
  LANKA_KEYRING_ERROR_NO_SERVICE,
  LANKA_KEYRING_ERROR_LOCKED,
  LANKA_KEYRING_ERROR_NOT_FOUND,
  LANKA_KEYRING_ERROR_FAILED,
} LankaKeyringError;

/* Slot 1 holds the current key; during key rotation a second item holds the
 * pending one.
 */
typedef enum
{
  LANKA_KEYRING_SLOT_CURRENT,
  LANKA_KEYRING_SLOT_PENDING,
} LankaKeyringSlot;

GQuark    lanka_keyring_error_quark (void);

/* Synchronous: called from worker threads.  Unlocking the default
 * collection may show the Secret Service's own prompt.
 */
gboolean  lanka_keyring_store       (const char        *database_uuid,
                                     LankaKeyringSlot   slot,
                                     const LankaKey    *key,
                                     GCancellable      *cancellable,
                                     GError           **error);
LankaKey *lanka_keyring_lookup      (const char        *database_uuid,
                                     LankaKeyringSlot   slot,
                                     gboolean           allow_prompt,
                                     GCancellable      *cancellable,
                                     GError           **error);
gboolean  lanka_keyring_clear       (const char        *database_uuid,
                                     LankaKeyringSlot   slot,
                                     GCancellable      *cancellable,
                                     GError           **error);

G_END_DECLS
