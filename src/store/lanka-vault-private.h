/* lanka-vault-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the store's own tests only.
 */

#pragma once

#include "lanka-vault.h"

G_BEGIN_DECLS

/* Called from the worker thread at each step of a key rotation: "generated"
 * (with the new recovery code, before anything is written),
 * "pending-written", "pending-stored", "rekeyed", "promoted" and
 * "keyring-promoted".  The crash tests use it to know the new code and to
 * kill the process between or inside the steps.
 */
typedef void (*LankaVaultRotateHook) (LankaVault *vault,
                                      const char *step,
                                      const char *recovery_code,
                                      gpointer    user_data);

void _lanka_vault_set_rotate_hook (LankaVault           *self,
                                   LankaVaultRotateHook  hook,
                                   gpointer              user_data);

G_END_DECLS
