/* lanka-vault.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_VAULT_ERROR (lanka_vault_error_quark ())

/**
 * LankaVaultError:
 * @LANKA_VAULT_ERROR_WRONG_SECRET: the passphrase or recovery code does not open the slot
 * @LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE: the text is not a recovery code (typo, wrong length)
 * @LANKA_VAULT_ERROR_NO_PASSPHRASE: no passphrase has been set for this database
 * @LANKA_VAULT_ERROR_DATABASE_MISSING: key slots exist but the database file is gone
 * @LANKA_VAULT_ERROR_KEYS_MISSING: the database exists but its key slot file is gone
 * @LANKA_VAULT_ERROR_SLOTS_DAMAGED: the key slot file cannot be read
 * @LANKA_VAULT_ERROR_EXISTS: there is already a database in the data directory
 * @LANKA_VAULT_ERROR_NOT_A_BACKUP: the file is not a Länka backup
 * @LANKA_VAULT_ERROR_WEAK_PASSPHRASE: the passphrase is too short
 */
typedef enum
{
  LANKA_VAULT_ERROR_WRONG_SECRET,
  LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE,
  LANKA_VAULT_ERROR_NO_PASSPHRASE,
  LANKA_VAULT_ERROR_DATABASE_MISSING,
  LANKA_VAULT_ERROR_KEYS_MISSING,
  LANKA_VAULT_ERROR_SLOTS_DAMAGED,
  LANKA_VAULT_ERROR_EXISTS,
  LANKA_VAULT_ERROR_NOT_A_BACKUP,
  LANKA_VAULT_ERROR_WEAK_PASSPHRASE,
} LankaVaultError;

typedef enum
{
  LANKA_VAULT_STATE_EMPTY,                 /* first run: nothing there */
  LANKA_VAULT_STATE_READY,                 /* database and key slots */
  LANKA_VAULT_STATE_DATABASE_MISSING,      /* slots without database */
  LANKA_VAULT_STATE_KEYS_MISSING,          /* database without slots */
} LankaVaultState;

/* How the caller proves it may use the key. */
typedef enum
{
  LANKA_VAULT_METHOD_KEYRING,
  LANKA_VAULT_METHOD_PASSPHRASE,
  LANKA_VAULT_METHOD_RECOVERY_CODE,
} LankaVaultMethod;

#define LANKA_VAULT_DATABASE_NAME "lanka.db"
#define LANKA_VAULT_SLOTS_NAME    "lanka.keys"
#define LANKA_PASSPHRASE_MIN_LENGTH 8

#define LANKA_TYPE_VAULT (lanka_vault_get_type ())

G_DECLARE_FINAL_TYPE (LankaVault, lanka_vault, LANKA, VAULT, GObject)

GQuark          lanka_vault_error_quark                (void);

LankaVault     *lanka_vault_new                        (const char           *data_dir);
const char     *lanka_vault_get_data_dir               (LankaVault           *self);
char           *lanka_vault_dup_database_path          (LankaVault           *self);
LankaVaultState lanka_vault_get_state                  (LankaVault           *self);
gboolean        lanka_vault_has_passphrase             (LankaVault           *self);
guint           lanka_vault_get_failed_unlocks         (LankaVault           *self);

/* Recovery codes: 30 characters of Crockford base32 in six groups of five,
 * 128 random bits and a check.  Spaces, dashes and case do not matter.
 */
LankaSecret    *lanka_recovery_code_normalize          (const char           *text,
                                                        GError              **error);

void            lanka_vault_create_async               (LankaVault           *self,
                                                        const char           *passphrase,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
LankaDatabase  *lanka_vault_create_finish              (LankaVault           *self,
                                                        GAsyncResult         *result,
                                                        LankaSecret         **recovery_code,
                                                        GError              **error);
void            lanka_vault_unlock_async               (LankaVault           *self,
                                                        LankaVaultMethod      method,
                                                        const char           *secret,
                                                        gboolean              store_in_keyring,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
LankaDatabase  *lanka_vault_unlock_finish              (LankaVault           *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void            lanka_vault_set_passphrase_async       (LankaVault           *self,
                                                        LankaVaultMethod      method,
                                                        const char           *secret,
                                                        const char           *new_passphrase,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean        lanka_vault_set_passphrase_finish      (LankaVault           *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void            lanka_vault_renew_recovery_code_async  (LankaVault           *self,
                                                        LankaVaultMethod      method,
                                                        const char           *secret,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
LankaSecret    *lanka_vault_renew_recovery_code_finish (LankaVault           *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void            lanka_vault_rotate_key_async           (LankaVault           *self,
                                                        LankaDatabase        *database,
                                                        const char           *passphrase,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
LankaSecret    *lanka_vault_rotate_key_finish          (LankaVault           *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void            lanka_vault_backup_async               (LankaVault           *self,
                                                        LankaDatabase        *database,
                                                        const char           *path,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean        lanka_vault_backup_finish              (LankaVault           *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void            lanka_vault_restore_async              (LankaVault           *self,
                                                        const char           *backup_path,
                                                        LankaVaultMethod      method,
                                                        const char           *secret,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
LankaDatabase  *lanka_vault_restore_finish             (LankaVault           *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Synchronous forms for the command line (lanka --check, lanka --backup)
 * and for worker threads.
 */
LankaDatabase  *lanka_vault_unlock                     (LankaVault           *self,
                                                        LankaVaultMethod      method,
                                                        const char           *secret,
                                                        gboolean              store_in_keyring,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
gboolean        lanka_vault_backup                     (LankaVault           *self,
                                                        LankaDatabase        *database,
                                                        const char           *path,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

G_END_DECLS
