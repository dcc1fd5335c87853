/* lanka-unlock-error.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-unlock-error"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-keyring.h"
#include "lanka-store-error.h"
#include "lanka-unlock-error.h"
#include "lanka-vault.h"

/**
 * lanka_unlock_describe_error:
 * @error: an error from the vault, the keyring or the store
 *
 * Turns what went wrong while creating, unlocking or restoring into a
 * sentence a caseworker understands, with what to do next.  Each case has
 * its own sentence, and none of them tells the person that anything was
 * deleted or created: nothing was.
 *
 * Returns: (transfer full): a translated sentence
 */
char *
lanka_unlock_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == LANKA_KEYRING_ERROR)
    {
      switch ((LankaKeyringError)error->code)
        {
        case LANKA_KEYRING_ERROR_NO_SERVICE:
          return g_strdup (_("No keyring service is running, so the key cannot be fetched from the "
                             "keyring. Unlock with your passphrase or recovery code."));

        case LANKA_KEYRING_ERROR_LOCKED:
          return g_strdup (_("Your keyring is locked. Unlock it when the desktop asks, or use your "
                             "passphrase or recovery code."));

        case LANKA_KEYRING_ERROR_NOT_FOUND:
          return g_strdup (_("The keyring does not hold the key to this database; it may have been "
                             "reset or replaced. Unlock with your passphrase or recovery code, and "
                             "Länka can store the key in the keyring again."));

        case LANKA_KEYRING_ERROR_FAILED:
        default:
          return g_strdup_printf (_("The keyring could not be used: %s"), error->message);
        }
    }

  if (error->domain == LANKA_VAULT_ERROR)
    {
      switch ((LankaVaultError)error->code)
        {
        case LANKA_VAULT_ERROR_WRONG_SECRET:
          return g_strdup (_("That passphrase or recovery code does not open this database."));

        case LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE:
          /* The vault says where the code goes wrong. */
          return g_strdup (error->message);

        case LANKA_VAULT_ERROR_NO_PASSPHRASE:
          return g_strdup (_("No passphrase has been set for this database. Use the keyring or the "
                             "recovery code."));

        case LANKA_VAULT_ERROR_DATABASE_MISSING:
          return g_strdup (_("The database file is missing, although its keys are still here. Länka "
                             "has not created a new one. Put the file back or restore a backup."));

        case LANKA_VAULT_ERROR_KEYS_MISSING:
          return g_strdup (_("The key file beside the database is missing, so no passphrase or "
                             "recovery code can open it. Put the file back or restore a backup."));

        case LANKA_VAULT_ERROR_SLOTS_DAMAGED:
          return g_strdup (_("The key file beside the database cannot be read. Länka has not changed "
                             "it. Put back a good copy or restore a backup."));

        case LANKA_VAULT_ERROR_EXISTS:
          return g_strdup (_("There is already a database here. Länka does not overwrite it."));

        case LANKA_VAULT_ERROR_NOT_A_BACKUP:
          return g_strdup (_("This file is not a Länka backup, or it is incomplete. Nothing was "
                             "changed."));

        case LANKA_VAULT_ERROR_WEAK_PASSPHRASE:
          return g_strdup_printf (ngettext ("The passphrase must be at least %d character long.",
                                            "The passphrase must be at least %d characters long.",
                                            LANKA_PASSPHRASE_MIN_LENGTH),
                                  LANKA_PASSPHRASE_MIN_LENGTH);

        default:
          return g_strdup (error->message);
        }
    }

  if (error->domain == LANKA_STORE_ERROR)
    {
      switch ((LankaStoreError)error->code)
        {
        case LANKA_STORE_ERROR_WRONG_KEY:
          return g_strdup (_("The key does not open this database."));

        case LANKA_STORE_ERROR_DAMAGED:
          return g_strdup (_("The database file is damaged. Länka has not changed it. Restore a "
                             "backup, or keep the file and ask for help to recover it."));

        case LANKA_STORE_ERROR_MISSING:
          return g_strdup (_("The database file is missing. Länka has not created a new one. Put "
                             "the file back or restore a backup."));

        case LANKA_STORE_ERROR_FOREIGN:
          return g_strdup (_("This is not a Länka database. Länka has not changed it."));

        case LANKA_STORE_ERROR_NO_SQLCIPHER:
          return g_strdup (_("Länka was started without its encryption library and refuses to open "
                             "the database. Reinstall Länka."));

        case LANKA_STORE_ERROR_DISK_FULL:
          return g_strdup (_("The disk is full. Free some space and try again."));

        /* These carry a sentence written for the field or record they name. */
        case LANKA_STORE_ERROR_INVALID:
        case LANKA_STORE_ERROR_NOT_FOUND:
        case LANKA_STORE_ERROR_EXISTS:
          return g_strdup (error->message);

        case LANKA_STORE_ERROR_IO:
        default:
          return g_strdup_printf (_("The database could not be read or written: %s"), error->message);
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return g_strdup (_("The disk is full. Free some space and try again."));

  return g_strdup (error->message);
}
