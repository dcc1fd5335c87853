/* lanka-vault.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-vault"

#include "config.h"

#include "lanka-vault.h"

#include "lanka-audit.h"
#include "lanka-case-list.h"
#include "lanka-data-dir.h"
#include "lanka-keyring.h"
#include "lanka-slots.h"
#include "lanka-store-error.h"
#include "lanka-vault-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

/* The vault keeps the database key K in three kinds of slot: the system
 * keyring (the daily path), an optional passphrase and a recovery code.  It
 * never keeps K itself: every operation gets K from a slot, uses it and
 * wipes it.
 *
 * Key rotation writes the new key's slots as "pending" first, so that a
 * crash at any moment leaves exactly one key that opens the database and
 * slots for it.  Unlocking finishes an interrupted rotation: whichever of
 * the current and pending keys opens the database wins, and the slot file
 * and keyring follow it.  The steps, in order:
 *
 *   1. slot file: [Pending …] slots for K2 beside the current ones
 *   2. keyring: K2 as the "pending" item
 *   3. PRAGMA rekey to K2 (atomic: the database uses K1 or K2)
 *   4. slot file: pending slots replace the current ones
 *   5. keyring: K2 as the "current" item, the "pending" item removed
 *
 * A keyring "current" item that no longer opens the database (a crash
 * between 4 and 5) is repaired from the "pending" item, or at the next
 * unlock with a passphrase or recovery code.
 */

#define BACKUP_MAGIC          "LANKABAK"
#define BACKUP_MAGIC_LENGTH   8
#define BACKUP_VERSION        1
#define BACKUP_HEADER_LENGTH  (BACKUP_MAGIC_LENGTH + 1 + 4)
#define BACKUP_MAX_SLOTS      (64 * 1024)
#define COPY_CHUNK            (64 * 1024)

/* SQLite's page sizes are powers of two from 512 bytes, and a database file
 * is a whole number of pages: anything else was cut off.
 */
#define MIN_PAGE_SIZE         512

#define RESTORING_SUFFIX      ".restoring"
#define SAFETY_PREFIX         "lanka-before-restore-"

static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

struct _LankaVault
{
  GObject               parent_instance;

  char                 *data_dir;
  char                 *database_path;
  char                 *slots_path;

  /* Operations run in worker threads and each reads and rewrites the slot
   * file, so they take turns.
   */
  GMutex                mutex;

  /* Wrong passphrases and recovery codes since the last unlock, written to
   * the audit log once the database is open again.  Updated atomically.
   */
  guint                 failed_unlocks;

  LankaVaultRotateHook  rotate_hook;
  gpointer              rotate_hook_data;
};

G_DEFINE_FINAL_TYPE (LankaVault, lanka_vault, G_TYPE_OBJECT)

G_DEFINE_QUARK (lanka-vault-error-quark, lanka_vault_error)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  LankaVaultMethod  method;
  LankaSecret      *secret;
  LankaSecret      *passphrase;
  /* Held (lanka_database_hold()) while the worker uses it, so that
   * locking meanwhile closes it only when the worker is done with it.
   * The worker lets go before it returns its result (let_go_of_database()),
   * so that a close asked for meanwhile has happened when the caller
   * hears of the result, not whenever the task is freed.
   */
  LankaDatabase    *database;
  char             *path;
  gboolean          store_in_keyring;
} TaskData;

typedef struct
{
  LankaDatabase *database;
  LankaSecret   *recovery_code;
} CreateResult;

static void
let_go_of_database (TaskData *data)
{
  if (data->database != NULL)
    lanka_database_release (data->database);
  g_clear_object (&data->database);
}

static void
task_data_free (TaskData *data)
{
  g_clear_pointer (&data->secret, lanka_secret_free);
  g_clear_pointer (&data->passphrase, lanka_secret_free);
  let_go_of_database (data);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

static void
create_result_free (CreateResult *result)
{
  g_clear_object (&result->database);
  g_clear_pointer (&result->recovery_code, lanka_secret_free);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaskData, task_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CreateResult, create_result_free)

/* Secrets handed to a worker thread are copied, so that the caller can wipe
 * its own copy at once; the copies are wiped when the task ends.
 */
static LankaSecret *
secret_dup (const char *secret)
{
  return secret != NULL ? g_strdup (secret) : NULL;
}

static const char *
method_name (LankaVaultMethod method)
{
  switch (method)
    {
    case LANKA_VAULT_METHOD_KEYRING:
      return "keyring";

    case LANKA_VAULT_METHOD_PASSPHRASE:
      return "passphrase";

    case LANKA_VAULT_METHOD_RECOVERY_CODE:
      return "recovery-code";

    default:
      g_assert_not_reached ();
    }
}

static LankaSlotKind
method_slot_kind (LankaVaultMethod method)
{
  g_assert (method != LANKA_VAULT_METHOD_KEYRING);

  return method == LANKA_VAULT_METHOD_PASSPHRASE ? LANKA_SLOT_PASSPHRASE : LANKA_SLOT_RECOVERY;
}

static char *
sidecar_path (const char *path,
              const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static void
remove_with_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = sidecar_path (path, sidecar_suffixes[i]);

      g_unlink (sidecar);
    }

  g_unlink (path);
}

static gboolean
path_exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

static void
set_damaged_database (GError **error)
{
  g_set_error_literal (error,
                       LANKA_STORE_ERROR,
                       LANKA_STORE_ERROR_DAMAGED,
                       _("The key is right, but the database does not accept it: the database "
                         "file is damaged or was replaced."));
}

static void
run_rotate_hook (LankaVault *self,
                 const char *step,
                 const char *recovery_code)
{
  if (self->rotate_hook != NULL)
    self->rotate_hook (self, step, recovery_code, self->rotate_hook_data);
}

static void
lanka_vault_constructed (GObject *object)
{
  LankaVault *self = (LankaVault *)object;

  G_OBJECT_CLASS (lanka_vault_parent_class)->constructed (object);

  if (self->data_dir == NULL)
    self->data_dir = lanka_data_dir_dup_default ();

  self->database_path = g_build_filename (self->data_dir, LANKA_VAULT_DATABASE_NAME, NULL);
  self->slots_path = g_build_filename (self->data_dir, LANKA_VAULT_SLOTS_NAME, NULL);
}

static void
lanka_vault_finalize (GObject *object)
{
  LankaVault *self = (LankaVault *)object;

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->slots_path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lanka_vault_parent_class)->finalize (object);
}

static void
lanka_vault_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LankaVault *self = LANKA_VAULT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, lanka_vault_get_data_dir (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_vault_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LankaVault *self = LANKA_VAULT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_assert (self->data_dir == NULL);
      self->data_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_vault_class_init (LankaVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lanka_vault_constructed;
  object_class->finalize = lanka_vault_finalize;
  object_class->get_property = lanka_vault_get_property;
  object_class->set_property = lanka_vault_set_property;

  /**
   * LankaVault:data-dir:
   *
   * The directory that holds the database and its key file; %NULL at
   * construction means the default one.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanka_vault_init (LankaVault *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * lanka_vault_new:
 * @data_dir: (nullable): the data directory, or %NULL for the default one
 *
 * Returns: (transfer full): a vault for the database in @data_dir.  Nothing
 *   is read or created yet.
 */
LankaVault *
lanka_vault_new (const char *data_dir)
{
  return g_object_new (LANKA_TYPE_VAULT,
                       "data-dir", data_dir,
                       NULL);
}

const char *
lanka_vault_get_data_dir (LankaVault *self)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);

  return self->data_dir;
}

/**
 * lanka_vault_dup_database_path:
 * @self: a #LankaVault
 *
 * Returns: (transfer full): the path of the database file
 */
char *
lanka_vault_dup_database_path (LankaVault *self)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);

  return g_strdup (self->database_path);
}

/**
 * lanka_vault_get_state:
 * @self: a #LankaVault
 *
 * Looks at which files exist, without opening or creating anything.  Only
 * the database file itself counts: a stray -wal file beside no database is
 * nothing to unlock.
 *
 * Returns: the state of the data directory
 */
LankaVaultState
lanka_vault_get_state (LankaVault *self)
{
  gboolean has_database;
  gboolean has_slots;

  g_return_val_if_fail (LANKA_IS_VAULT (self), LANKA_VAULT_STATE_EMPTY);

  has_database = path_exists (self->database_path);
  has_slots = path_exists (self->slots_path);

  if (has_database && has_slots)
    return LANKA_VAULT_STATE_READY;
  if (has_database)
    return LANKA_VAULT_STATE_KEYS_MISSING;
  if (has_slots)
    return LANKA_VAULT_STATE_DATABASE_MISSING;

  return LANKA_VAULT_STATE_EMPTY;
}

/**
 * lanka_vault_has_passphrase:
 * @self: a #LankaVault
 *
 * Reads the key file (a small, local read).
 *
 * Returns: %TRUE if a passphrase opens the database
 */
gboolean
lanka_vault_has_passphrase (LankaVault *self)
{
  g_autoptr(LankaSlots) slots = NULL;

  g_return_val_if_fail (LANKA_IS_VAULT (self), FALSE);

  slots = lanka_slots_load (self->slots_path, NULL);

  return slots != NULL && lanka_slots_has (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE);
}

/**
 * lanka_vault_get_failed_unlocks:
 * @self: a #LankaVault
 *
 * Returns: how many wrong passphrases and recovery codes were given since
 *   the last successful unlock
 */
guint
lanka_vault_get_failed_unlocks (LankaVault *self)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), 0);

  return (guint)g_atomic_int_get (&self->failed_unlocks);
}

/**
 * lanka_recovery_code_normalize:
 * @text: a recovery code as a person typed it
 * @error: a location for a #GError
 *
 * Accepts any case, spaces and dashes, and reads O as 0 and I or L as 1.
 * The check characters catch typos before any slow key derivation.
 *
 * Returns: (transfer full) (nullable): the code as six groups of five
 *   characters joined by dashes, to be freed with lanka_secret_free(), or
 *   %NULL with %LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE saying what is wrong
 */
LankaSecret *
lanka_recovery_code_normalize (const char  *text,
                               GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lanka_slots_normalize_recovery_code (text, error);
}

void
_lanka_vault_set_rotate_hook (LankaVault           *self,
                              LankaVaultRotateHook  hook,
                              gpointer              user_data)
{
  g_return_if_fail (LANKA_IS_VAULT (self));

  self->rotate_hook = hook;
  self->rotate_hook_data = user_data;
}

/* Every operation but create and restore needs both files.  None of these
 * errors creates or changes anything: a missing file is explained, never
 * replaced.
 */
static gboolean
check_ready (LankaVault  *self,
             GError     **error)
{
  switch (lanka_vault_get_state (self))
    {
    case LANKA_VAULT_STATE_READY:
      return TRUE;

    case LANKA_VAULT_STATE_EMPTY:
      g_set_error_literal (error,
                           LANKA_STORE_ERROR,
                           LANKA_STORE_ERROR_MISSING,
                           _("There is no database yet."));
      return FALSE;

    case LANKA_VAULT_STATE_DATABASE_MISSING:
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_DATABASE_MISSING,
                           _("The database file is missing, although its key file is there."));
      return FALSE;

    case LANKA_VAULT_STATE_KEYS_MISSING:
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_KEYS_MISSING,
                           _("The key file of the database is missing."));
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_same_database (LankaSlots     *slots,
                     LankaDatabase  *database,
                     GError        **error)
{
  if (g_strcmp0 (lanka_database_get_uuid (database), lanka_slots_get_uuid (slots)) != 0)
    {
      g_set_error_literal (error,
                           LANKA_STORE_ERROR,
                           LANKA_STORE_ERROR_FOREIGN,
                           _("The key file belongs to another database."));
      return FALSE;
    }

  return TRUE;
}

/* Best effort: the keyring is a convenience on top of the passphrase and
 * the recovery code, so its failures are reported to the log only.
 */
static void
keyring_settle (const char     *uuid,
                const LankaKey *key,
                gboolean        store_current,
                GCancellable   *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (store_current &&
      !lanka_keyring_store (uuid, LANKA_KEYRING_SLOT_CURRENT, key, cancellable, &error))
    {
      g_message ("The database key could not be kept in the keyring: %s", error->message);
      return;
    }

  if (!lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_PENDING, cancellable, &error))
    g_message ("An old key could not be removed from the keyring: %s", error->message);
}

/* Gets K from the keyring, trying the "pending" item when the "current" one
 * is missing or does not open the database (a rotation interrupted after
 * its rekey).
 */
static LankaDatabase *
open_through_keyring (LankaVault    *self,
                      LankaSlots    *slots,
                      LankaKey     **key_out,
                      gboolean      *from_pending_item,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) current_error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(LankaKey) current = NULL;
  g_autoptr(LankaKey) pending = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  const char *uuid = lanka_slots_get_uuid (slots);
  LankaSlotStage stage;

  current = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, TRUE, cancellable,
                                  &current_error);
  if (current == NULL &&
      !g_error_matches (current_error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&current_error));
      return NULL;
    }

  if (current != NULL)
    {
      database = lanka_database_open (self->database_path, current, &open_error);
      if (database != NULL)
        {
          *key_out = g_steal_pointer (&current);
          *from_pending_item = FALSE;
          return g_steal_pointer (&database);
        }

      if (!g_error_matches (open_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
        {
          g_propagate_error (error, g_steal_pointer (&open_error));
          return NULL;
        }
      g_clear_error (&open_error);
    }

  /* The keyring is known to be unlocked now, so no second prompt. */
  pending = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_PENDING, FALSE, cancellable, NULL);
  if (pending != NULL && (current == NULL || !lanka_key_equal (pending, current)))
    {
      database = lanka_database_open (self->database_path, pending, &open_error);
      if (database != NULL)
        {
          *key_out = g_steal_pointer (&pending);
          *from_pending_item = TRUE;
          return g_steal_pointer (&database);
        }

      if (!g_error_matches (open_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
        {
          g_propagate_error (error, g_steal_pointer (&open_error));
          return NULL;
        }
    }

  if (current == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&current_error));
      return NULL;
    }

  /* A key the slot file vouches for is the right key, so the database is
   * what is wrong.  A key it does not know is an outdated keyring item.
   */
  if (lanka_slots_find_key (slots, current, &stage))
    set_damaged_database (error);
  else
    g_set_error_literal (error,
                         LANKA_KEYRING_ERROR,
                         LANKA_KEYRING_ERROR_NOT_FOUND,
                         _("The keyring holds an outdated key for this database."));

  return NULL;
}

/* Gets K from the passphrase or recovery-code slot, current first, then
 * pending (a rotation interrupted after its rekey; the pending passphrase
 * slot has the same passphrase, the pending recovery slot the new code).
 */
static LankaDatabase *
open_through_slot (LankaVault     *self,
                   LankaSlots     *slots,
                   LankaSlotKind   kind,
                   const char     *secret,
                   LankaKey      **key_out,
                   GError        **error)
{
  static const LankaSlotStage stages[] = { LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_STAGE_PENDING };
  g_autoptr(GError) wrong_secret = NULL;
  g_autoptr(GError) no_passphrase = NULL;
  gboolean rejected = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(LankaKey) key = NULL;
      g_autoptr(LankaDatabase) database = NULL;

      if (stages[i] == LANKA_SLOT_STAGE_PENDING && !lanka_slots_has_pending (slots))
        break;

      key = lanka_slots_unwrap (slots, stages[i], kind, secret, &local_error);
      if (key == NULL)
        {
          if (g_error_matches (local_error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET))
            {
              if (wrong_secret == NULL)
                wrong_secret = g_steal_pointer (&local_error);
              continue;
            }

          if (g_error_matches (local_error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_NO_PASSPHRASE))
            {
              if (no_passphrase == NULL)
                no_passphrase = g_steal_pointer (&local_error);
              continue;
            }

          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      database = lanka_database_open (self->database_path, key, &local_error);
      if (database != NULL)
        {
          *key_out = g_steal_pointer (&key);
          return g_steal_pointer (&database);
        }

      if (!g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      rejected = TRUE;
    }

  if (rejected && wrong_secret != NULL)
    {
      /* One slot took the secret but its key no longer fits, the other did
       * not take it: the old recovery code after a rotation whose rekey
       * went through.
       */
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_WRONG_SECRET,
                           kind == LANKA_SLOT_RECOVERY
                             ? _("This recovery code was replaced when the database key was "
                                 "changed.")
                             : _("The passphrase is not right."));
    }
  else if (rejected)
    set_damaged_database (error);
  else if (wrong_secret != NULL)
    g_propagate_error (error, g_steal_pointer (&wrong_secret));
  else
    g_propagate_error (error, g_steal_pointer (&no_passphrase));

  return NULL;
}

/* Finishes an interrupted rotation: the key that opened the database
 * decides whether the pending slots are promoted or discarded.
 */
static gboolean
settle_rotation (LankaVault      *self,
                 LankaSlots      *slots,
                 const LankaKey  *key,
                 GError         **error)
{
  LankaSlotStage stage;

  if (!lanka_slots_has_pending (slots) || !lanka_slots_find_key (slots, key, &stage))
    return TRUE;

  if (stage == LANKA_SLOT_STAGE_PENDING)
    lanka_slots_promote (slots);
  else
    lanka_slots_discard_pending (slots);

  return lanka_slots_save (slots, self->slots_path, error);
}

static gboolean
write_unlock_audit (LankaVault        *self,
                    LankaDatabase     *database,
                    LankaVaultMethod   method,
                    GError           **error)
{
  g_autofree char *detail = NULL;
  guint failed;

  failed = (guint)g_atomic_int_get (&self->failed_unlocks);

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (failed > 0)
    {
      detail = g_strdup_printf ("%u", failed);
      if (!lanka_audit_log (database, LANKA_AUDIT_UNLOCK_FAILED, NULL, detail, error))
        goto failed;
    }

  if (!lanka_audit_log (database, LANKA_AUDIT_UNLOCK, NULL, method_name (method), error) ||
      !lanka_database_commit (database, error))
    goto failed;

  /* Subtract what was written rather than reset, so that a failure counted
   * meanwhile by another thread is not lost.
   */
  g_atomic_int_add (&self->failed_unlocks, -(int)failed);
  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

static LankaDatabase *
vault_unlock (LankaVault        *self,
              LankaVaultMethod   method,
              const char        *secret,
              gboolean           store_in_keyring,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean from_pending_item = FALSE;
  gboolean had_pending;
  const char *uuid;

  if (!check_ready (self, error))
    return NULL;

  if (!(slots = lanka_slots_load (self->slots_path, error)))
    return NULL;

  uuid = lanka_slots_get_uuid (slots);
  had_pending = lanka_slots_has_pending (slots);

  if (method == LANKA_VAULT_METHOD_KEYRING)
    {
      database = open_through_keyring (self, slots, &key, &from_pending_item, cancellable, error);
    }
  else
    {
      database = open_through_slot (self, slots, method_slot_kind (method), secret, &key,
                                    &local_error);

      if (database == NULL)
        {
          if (g_error_matches (local_error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET))
            g_atomic_int_inc (&self->failed_unlocks);
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
    }

  if (database == NULL)
    return NULL;

  if (!check_same_database (slots, database, error) ||
      !settle_rotation (self, slots, key, error))
    {
      lanka_database_close (database);
      return NULL;
    }

  if (method == LANKA_VAULT_METHOD_KEYRING)
    {
      if (had_pending || from_pending_item)
        keyring_settle (uuid, key, from_pending_item, cancellable);
    }
  else if (store_in_keyring)
    {
      keyring_settle (uuid, key, TRUE, cancellable);
    }
  else
    {
      g_autoptr(LankaKey) stored = NULL;

      /* An item that a crash left outdated is brought up to date; a missing
       * one is only stored when asked for.
       */
      stored = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, cancellable, NULL);
      if (stored != NULL && !lanka_key_equal (stored, key))
        keyring_settle (uuid, key, TRUE, cancellable);
      else if (had_pending)
        keyring_settle (uuid, key, FALSE, cancellable);
    }

  /* SQLCipher has its own copy now. */
  g_clear_pointer (&key, lanka_key_free);

  if (!write_unlock_audit (self, database, method, error))
    {
      lanka_database_close (database);
      return NULL;
    }

  return g_steal_pointer (&database);
}

/**
 * lanka_vault_unlock:
 * @self: a #LankaVault
 * @method: where the key comes from
 * @secret: (nullable): the passphrase or recovery code; %NULL for the keyring
 * @store_in_keyring: whether to put the key into the keyring again (offered
 *   after a recovery-code unlock when the keyring lost it)
 * @cancellable: (nullable): a #GCancellable; cancelling closes a keyring
 *   prompt
 * @error: a location for a #GError
 *
 * Opens the database.  Nothing is ever created, and the database file is
 * never changed but by the audit rows of the unlock: a missing file is
 * %LANKA_VAULT_ERROR_DATABASE_MISSING or %LANKA_VAULT_ERROR_KEYS_MISSING,
 * a keyring problem its own #LankaKeyringError, a wrong passphrase or code
 * %LANKA_VAULT_ERROR_WRONG_SECRET (and counted, see
 * lanka_vault_get_failed_unlocks()), and a right key the database refuses
 * %LANKA_STORE_ERROR_DAMAGED.  An interrupted key rotation is finished.
 *
 * Blocks: for the command line and worker threads.
 *
 * Returns: (transfer full) (nullable): the open database, or %NULL
 */
LankaDatabase *
lanka_vault_unlock (LankaVault        *self,
                    LankaVaultMethod   method,
                    const char        *secret,
                    gboolean           store_in_keyring,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);
  g_return_val_if_fail (method == LANKA_VAULT_METHOD_KEYRING || secret != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return vault_unlock (self, method, secret, store_in_keyring, cancellable, error);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;
  LankaDatabase *database;

  database = vault_unlock (LANKA_VAULT (source_object),
                           data->method,
                           data->secret,
                           data->store_in_keyring,
                           cancellable,
                           &error);

  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The case list is the first thing shown: its order is read here,
   * while the window is still being built.
   */
  if (!lanka_case_list_prepare (database, &error))
    g_debug ("The order of the cases could not be read yet: %s", error->message);

  g_task_return_pointer (task, database, g_object_unref);
}

/**
 * lanka_vault_unlock_async:
 * @self: a #LankaVault
 * @method: where the key comes from
 * @secret: (nullable): the passphrase or recovery code; %NULL for the keyring
 * @store_in_keyring: whether to put the key into the keyring again
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the database is open or could not be
 * @user_data: data for @callback
 *
 * Runs lanka_vault_unlock() in a worker thread.  @secret is copied and the
 * copy wiped when the operation ends.
 */
void
lanka_vault_unlock_async (LankaVault          *self,
                          LankaVaultMethod     method,
                          const char          *secret,
                          gboolean             store_in_keyring,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (LANKA_IS_VAULT (self));
  g_return_if_fail (method == LANKA_VAULT_METHOD_KEYRING || secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (TaskData, 1);
  data->method = method;
  data->secret = secret_dup (secret);
  data->store_in_keyring = store_in_keyring;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanka_vault_unlock_async);
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

/**
 * lanka_vault_unlock_finish:
 * @self: a #LankaVault
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the open database, or %NULL
 */
LankaDatabase *
lanka_vault_unlock_finish (LankaVault    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lanka_vault_unlock_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

/* A -wal or -shm file without its database belongs to a database that is
 * gone; SQLite would take it for part of a new one.  It is kept, under a
 * name that no database uses, rather than removed.
 */
static gboolean
set_aside_leftovers (LankaVault  *self,
                     GError     **error)
{
  g_autofree char *stamp = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = sidecar_path (self->database_path, sidecar_suffixes[i]);
      g_autofree char *aside = NULL;

      if (!path_exists (sidecar))
        continue;

      if (stamp == NULL)
        stamp = timestamp_now ();

      aside = g_strdup_printf ("%s.orphaned-%s", sidecar, stamp);
      if (g_rename (sidecar, aside) != 0)
        {
          lanka_slots_set_io_error (error, errno, sidecar);
          return FALSE;
        }
    }

  return TRUE;
}

static LankaDatabase *
vault_create (LankaVault    *self,
              const char    *passphrase,
              LankaSecret  **recovery_code,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean made_dir;
  gboolean wrote_slots = FALSE;

  if (passphrase != NULL && !lanka_slots_check_passphrase (passphrase, error))
    return NULL;

  if (path_exists (self->database_path) || path_exists (self->slots_path))
    {
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_EXISTS,
                           _("There is already a database in this folder."));
      return NULL;
    }

  made_dir = !g_file_test (self->data_dir, G_FILE_TEST_IS_DIR);
  if (!lanka_data_dir_ensure (self->data_dir, error) ||
      !set_aside_leftovers (self, error))
    return NULL;

  key = lanka_key_new_random ();
  code = lanka_slots_new_recovery_code ();

  database = lanka_database_create (self->database_path, key, &local_error);
  if (database == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_set_error_literal (error,
                             LANKA_VAULT_ERROR,
                             LANKA_VAULT_ERROR_EXISTS,
                             local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  slots = lanka_slots_new (lanka_database_get_uuid (database));

  if (!lanka_slots_wrap (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_RECOVERY, code, key, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (passphrase != NULL &&
       !lanka_slots_wrap (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE, passphrase, key,
                          error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (!lanka_slots_save (slots, self->slots_path, error))
    goto failed;
  wrote_slots = TRUE;

  if (!lanka_keyring_store (lanka_database_get_uuid (database),
                            LANKA_KEYRING_SLOT_CURRENT,
                            key,
                            cancellable,
                            &local_error))
    {
      /* Without the keyring and without a passphrase, the recovery code
       * would be the only way in, every day: that is not a database to
       * create.  With a passphrase, the passphrase is the daily path.
       */
      if (passphrase == NULL ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }

      g_message ("The new database key is not in the keyring: %s", local_error->message);
    }

  *recovery_code = g_steal_pointer (&code);
  return g_steal_pointer (&database);

failed:
  /* Only what this call made is removed: both files were checked not to
   * exist before.
   */
  if (database != NULL)
    {
      lanka_database_close (database);
      remove_with_sidecars (self->database_path);
    }
  if (wrote_slots)
    g_unlink (self->slots_path);
  if (made_dir)
    g_rmdir (self->data_dir);

  return NULL;
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(CreateResult) result = g_new0 (CreateResult, 1);
  g_autoptr(GError) error = NULL;

  result->database = vault_create (LANKA_VAULT (source_object),
                                   data->passphrase,
                                   &result->recovery_code,
                                   cancellable,
                                   &error);

  if (result->database == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify)create_result_free);
}

/**
 * lanka_vault_create_async:
 * @self: a #LankaVault
 * @passphrase: (nullable): an optional passphrase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the database exists or could not be made
 * @user_data: data for @callback
 *
 * Creates a new database with a random key, a recovery code and, if given,
 * a passphrase, and keeps the key in the keyring.  Refuses with
 * %LANKA_VAULT_ERROR_EXISTS if the database or its key file already exists.
 * If the keyring cannot take the key and there is no passphrase, nothing is
 * left behind and the keyring's error is returned.
 */
void
lanka_vault_create_async (LankaVault          *self,
                          const char          *passphrase,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (LANKA_IS_VAULT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (TaskData, 1);
  data->passphrase = secret_dup (passphrase);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanka_vault_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, create_thread);
}

/**
 * lanka_vault_create_finish:
 * @self: a #LankaVault
 * @result: the #GAsyncResult
 * @recovery_code: (out) (optional) (transfer full): the recovery code, to be
 *   shown once and freed with lanka_secret_free()
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new, open database
 */
LankaDatabase *
lanka_vault_create_finish (LankaVault    *self,
                           GAsyncResult  *result,
                           LankaSecret  **recovery_code,
                           GError       **error)
{
  g_autoptr(CreateResult) created = NULL;

  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lanka_vault_create_async, NULL);

  if (recovery_code != NULL)
    *recovery_code = NULL;

  created = g_task_propagate_pointer (G_TASK (result), error);
  if (created == NULL)
    return NULL;

  if (recovery_code != NULL)
    *recovery_code = g_steal_pointer (&created->recovery_code);

  return g_steal_pointer (&created->database);
}

/* Gets the current K for a change of slots, without opening the database.
 * A keyring key must be the one the slot file vouches for: wrapping an
 * outdated key under a new passphrase would lock the person out.
 */
static LankaKey *
obtain_current_key (LankaSlots        *slots,
                    LankaVaultMethod   method,
                    const char        *secret,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(LankaKey) key = NULL;
  LankaSlotStage stage;

  if (lanka_slots_has_pending (slots))
    {
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_SLOTS_DAMAGED,
                           _("A change of the database key has not been completed yet. "
                             "Lock Länka, unlock it again and try once more."));
      return NULL;
    }

  if (method != LANKA_VAULT_METHOD_KEYRING)
    return lanka_slots_unwrap (slots, LANKA_SLOT_STAGE_CURRENT, method_slot_kind (method),
                               secret, error);

  key = lanka_keyring_lookup (lanka_slots_get_uuid (slots), LANKA_KEYRING_SLOT_CURRENT, TRUE,
                              cancellable, error);
  if (key == NULL)
    return NULL;

  if (!lanka_slots_find_key (slots, key, &stage) || stage != LANKA_SLOT_STAGE_CURRENT)
    {
      g_set_error_literal (error,
                           LANKA_KEYRING_ERROR,
                           LANKA_KEYRING_ERROR_NOT_FOUND,
                           _("The keyring holds an outdated key for this database."));
      return NULL;
    }

  return g_steal_pointer (&key);
}

static gboolean
vault_set_passphrase (LankaVault        *self,
                      LankaVaultMethod   method,
                      const char        *secret,
                      const char        *new_passphrase,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(LankaKey) key = NULL;

  if (new_passphrase != NULL && !lanka_slots_check_passphrase (new_passphrase, error))
    return FALSE;

  if (!check_ready (self, error) ||
      !(slots = lanka_slots_load (self->slots_path, error)))
    return FALSE;

  if (new_passphrase == NULL &&
      !lanka_slots_has (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE))
    return TRUE;

  if (!(key = obtain_current_key (slots, method, secret, cancellable, error)))
    return FALSE;

  if (new_passphrase != NULL)
    {
      if (!lanka_slots_wrap (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE,
                             new_passphrase, key, error))
        return FALSE;
    }
  else
    {
      g_autoptr(LankaKey) stored = NULL;
      g_autoptr(GError) local_error = NULL;

      /* Removing the passphrase is only allowed while the keyring holds
       * the key: otherwise the recovery code would be left as the only,
       * daily, way in.
       */
      stored = lanka_keyring_lookup (lanka_slots_get_uuid (slots), LANKA_KEYRING_SLOT_CURRENT,
                                     TRUE, cancellable, &local_error);
      if (stored == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("The passphrase cannot be removed while the keyring "
                                        "does not hold the key: "));
          return FALSE;
        }

      if (!lanka_key_equal (stored, key))
        {
          g_set_error_literal (error,
                               LANKA_KEYRING_ERROR,
                               LANKA_KEYRING_ERROR_NOT_FOUND,
                               _("The passphrase cannot be removed while the keyring holds an "
                                 "outdated key."));
          return FALSE;
        }

      lanka_slots_remove (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return lanka_slots_save (slots, self->slots_path, error);
}

static void
set_passphrase_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (vault_set_passphrase (LANKA_VAULT (source_object),
                            data->method,
                            data->secret,
                            data->passphrase,
                            cancellable,
                            &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * lanka_vault_set_passphrase_async:
 * @self: a #LankaVault
 * @method: how the caller proves it may use the key
 * @secret: (nullable): the current passphrase or recovery code; %NULL for
 *   the keyring
 * @new_passphrase: (nullable): the new passphrase, or %NULL to remove it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key file was rewritten or could not be
 * @user_data: data for @callback
 *
 * Sets, changes or removes the passphrase slot.  The database is not
 * touched, so the vault writes no audit row: the caller, which has the
 * database open, writes %LANKA_AUDIT_PASSPHRASE.
 *
 * Removing the passphrase is refused with the keyring's error unless the
 * keyring holds the current key, because the recovery code would otherwise
 * be the only way in.  Removing a passphrase that was never set succeeds.
 */
void
lanka_vault_set_passphrase_async (LankaVault          *self,
                                  LankaVaultMethod     method,
                                  const char          *secret,
                                  const char          *new_passphrase,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (LANKA_IS_VAULT (self));
  g_return_if_fail (method == LANKA_VAULT_METHOD_KEYRING || secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (TaskData, 1);
  data->method = method;
  data->secret = secret_dup (secret);
  data->passphrase = secret_dup (new_passphrase);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanka_vault_set_passphrase_async);
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, set_passphrase_thread);
}

gboolean
lanka_vault_set_passphrase_finish (LankaVault    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lanka_vault_set_passphrase_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static LankaSecret *
vault_renew_recovery_code (LankaVault        *self,
                           LankaVaultMethod   method,
                           const char        *secret,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(LankaSecret) code = NULL;

  if (!check_ready (self, error) ||
      !(slots = lanka_slots_load (self->slots_path, error)) ||
      !(key = obtain_current_key (slots, method, secret, cancellable, error)))
    return NULL;

  code = lanka_slots_new_recovery_code ();

  if (!lanka_slots_wrap (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_RECOVERY, code, key, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !lanka_slots_save (slots, self->slots_path, error))
    return NULL;

  return g_steal_pointer (&code);
}

static void
renew_recovery_code_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;
  LankaSecret *code;

  code = vault_renew_recovery_code (LANKA_VAULT (source_object),
                                    data->method,
                                    data->secret,
                                    cancellable,
                                    &error);

  if (code == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, code, (GDestroyNotify)lanka_secret_free);
}

/**
 * lanka_vault_renew_recovery_code_async:
 * @self: a #LankaVault
 * @method: how the caller proves it may use the key
 * @secret: (nullable): the passphrase or current recovery code; %NULL for
 *   the keyring
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the new code is in place or could not be
 * @user_data: data for @callback
 *
 * Replaces the recovery code; the old one stops working at once.  The
 * caller writes %LANKA_AUDIT_RECOVERY_CODE.
 */
void
lanka_vault_renew_recovery_code_async (LankaVault          *self,
                                       LankaVaultMethod     method,
                                       const char          *secret,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (LANKA_IS_VAULT (self));
  g_return_if_fail (method == LANKA_VAULT_METHOD_KEYRING || secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (TaskData, 1);
  data->method = method;
  data->secret = secret_dup (secret);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanka_vault_renew_recovery_code_async);
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, renew_recovery_code_thread);
}

/**
 * lanka_vault_renew_recovery_code_finish:
 * @self: a #LankaVault
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new recovery code, to be freed
 *   with lanka_secret_free()
 */
LankaSecret *
lanka_vault_renew_recovery_code_finish (LankaVault    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lanka_vault_renew_recovery_code_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Undoes steps 1 and 2 of a rotation whose rekey did not happen. */
static void
abandon_rotation (LankaVault *self,
                  LankaSlots *slots,
                  gboolean    stored_pending)
{
  g_autoptr(GError) error = NULL;

  lanka_slots_discard_pending (slots);
  if (!lanka_slots_save (slots, self->slots_path, &error))
    g_message ("The unused new key slots stay until the next unlock: %s", error->message);

  if (stored_pending)
    keyring_settle (lanka_slots_get_uuid (slots), NULL, FALSE, NULL);
}

static LankaSecret *
vault_rotate_key (LankaVault     *self,
                  LankaDatabase  *database,
                  const char     *passphrase,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(LankaKey) new_key = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_passphrase;
  gboolean use_keyring = TRUE;
  const char *uuid;

  if (!check_ready (self, error) ||
      !(slots = lanka_slots_load (self->slots_path, error)) ||
      !check_same_database (slots, database, error))
    return NULL;

  if (lanka_slots_has_pending (slots))
    {
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_SLOTS_DAMAGED,
                           _("A change of the database key has not been completed yet. "
                             "Lock Länka, unlock it again and try once more."));
      return NULL;
    }

  uuid = lanka_slots_get_uuid (slots);
  has_passphrase = lanka_slots_has (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE);

  /* The new key gets a passphrase slot too, which needs the passphrase;
   * it is checked against the current slot so that a typo cannot become
   * the new passphrase.
   */
  if (has_passphrase)
    {
      g_autoptr(LankaKey) check = NULL;

      if (passphrase == NULL)
        {
          g_set_error_literal (error,
                               LANKA_VAULT_ERROR,
                               LANKA_VAULT_ERROR_WRONG_SECRET,
                               _("The passphrase is needed to change the database key."));
          return NULL;
        }

      check = lanka_slots_unwrap (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE,
                                  passphrase, error);
      if (check == NULL)
        return NULL;
    }

  new_key = lanka_key_new_random ();
  code = lanka_slots_new_recovery_code ();
  run_rotate_hook (self, "generated", code);

  /* Step 1. */
  if (!lanka_slots_wrap (slots, LANKA_SLOT_STAGE_PENDING, LANKA_SLOT_RECOVERY, code, new_key,
                         error) ||
      (has_passphrase &&
       !lanka_slots_wrap (slots, LANKA_SLOT_STAGE_PENDING, LANKA_SLOT_PASSPHRASE, passphrase,
                          new_key, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !lanka_slots_save (slots, self->slots_path, error))
    return NULL;
  run_rotate_hook (self, "pending-written", NULL);

  /* Step 2.  Without a Secret Service the rotation goes on: the passphrase
   * or the recovery code is the way in.  A keyring that exists but refuses
   * the key (locked, prompt dismissed) stops it, or the daily path would
   * break silently.
   */
  if (!lanka_keyring_store (uuid, LANKA_KEYRING_SLOT_PENDING, new_key, cancellable, &local_error))
    {
      if (!g_error_matches (local_error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NO_SERVICE))
        {
          abandon_rotation (self, slots, FALSE);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      use_keyring = FALSE;
      g_clear_error (&local_error);
    }
  run_rotate_hook (self, "pending-stored", NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      abandon_rotation (self, slots, use_keyring);
      return NULL;
    }

  /* Step 3: from here on the rotation is not cancellable.  lanka_database_rekey()
   * proves through a second connection that the file opens with the new key.
   */
  if (!lanka_database_rekey (database, new_key, &local_error))
    {
      g_autoptr(LankaDatabase) probe = NULL;
      g_autoptr(GError) probe_error = NULL;

      /* The rekey is atomic, but a failure may come before or after its
       * commit: the file itself tells which key it has now.
       */
      probe = lanka_database_open (self->database_path, new_key, &probe_error);
      if (probe == NULL)
        {
          if (g_error_matches (probe_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
            abandon_rotation (self, slots, use_keyring);
          else
            g_message ("The key change will be finished at the next unlock: %s",
                       probe_error->message);

          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      lanka_database_close (probe);
      g_clear_error (&local_error);
    }
  run_rotate_hook (self, "rekeyed", NULL);

  /* Step 4.  The database uses the new key now, so the new recovery code is
   * the right one whatever happens below: a failure here is finished by the
   * next unlock, which finds the new key in the pending slots.
   */
  lanka_slots_promote (slots);
  if (!lanka_slots_save (slots, self->slots_path, &local_error))
    {
      g_message ("The key change will be finished at the next unlock: %s", local_error->message);
      g_clear_error (&local_error);
    }
  run_rotate_hook (self, "promoted", NULL);

  /* Step 5. */
  if (use_keyring)
    keyring_settle (uuid, new_key, TRUE, NULL);
  run_rotate_hook (self, "keyring-promoted", NULL);

  if (!lanka_audit_log (database, LANKA_AUDIT_REKEY, NULL, NULL, &local_error))
    g_message ("The key change could not be written to the audit log: %s", local_error->message);

  return g_steal_pointer (&code);
}

static void
rotate_key_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;
  LankaSecret *code;

  code = vault_rotate_key (LANKA_VAULT (source_object),
                           data->database,
                           data->passphrase,
                           cancellable,
                           &error);
  let_go_of_database (data);

  if (code == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, code, (GDestroyNotify)lanka_secret_free);
}

/**
 * lanka_vault_rotate_key_async:
 * @self: a #LankaVault
 * @database: the open database
 * @passphrase: (nullable): the passphrase, required when one is set
 * @cancellable: (nullable): a #GCancellable; it is honoured until the
 *   database is rekeyed
 * @callback: called when the database has its new key or could not get it
 * @user_data: data for @callback
 *
 * Gives the database a new random key, with new slots: the passphrase stays
 * the same, the recovery code is replaced (the old one stops working) and
 * the keyring gets the new key.  A crash at any moment leaves one key that
 * opens the database, and the next unlock finishes the change.  The caller
 * must not use @database in another thread until the operation finishes.
 */
void
lanka_vault_rotate_key_async (LankaVault          *self,
                              LankaDatabase       *database,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (LANKA_IS_VAULT (self));
  g_return_if_fail (LANKA_IS_DATABASE (database));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (TaskData, 1);
  data->database = g_object_ref (database);
  lanka_database_hold (database);
  data->passphrase = secret_dup (passphrase);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanka_vault_rotate_key_async);
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, rotate_key_thread);
}

/**
 * lanka_vault_rotate_key_finish:
 * @self: a #LankaVault
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new recovery code, to be shown
 *   to the person and freed with lanka_secret_free()
 */
LankaSecret *
lanka_vault_rotate_key_finish (LankaVault    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lanka_vault_rotate_key_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
write_all (int           fd,
           const void   *data,
           gsize         length)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }

      p += n;
      length -= n;
    }

  return TRUE;
}

/* Reads exactly @length bytes; a short read sets errno to 0. */
static gboolean
read_all (int    fd,
          void  *data,
          gsize  length)
{
  guint8 *p = data;

  while (length > 0)
    {
      gssize n = read (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = 0;
          return FALSE;
        }

      p += n;
      length -= n;
    }

  return TRUE;
}

/* Copies the rest of @in to @out (if @out >= 0) and hashes it. */
static gboolean
copy_and_hash (int            in,
               int            out,
               guint8        *digest,
               guint64       *copied,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);
  crypto_hash_sha256_state state;

  crypto_hash_sha256_init (&state);
  *copied = 0;

  for (;;)
    {
      gssize n = read (in, buffer, COPY_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int errsv = errno;

          g_set_error (error,
                       LANKA_STORE_ERROR,
                       LANKA_STORE_ERROR_IO,
                       _("The backup could not be read: %s"),
                       g_strerror (errsv));
          return FALSE;
        }

      if (n == 0)
        break;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      crypto_hash_sha256_update (&state, buffer, n);
      *copied += n;

      if (out >= 0 && !write_all (out, buffer, n))
        {
          int errsv = errno;

          g_set_error (error,
                       LANKA_STORE_ERROR,
                       errsv == ENOSPC || errsv == EDQUOT
                         ? LANKA_STORE_ERROR_DISK_FULL
                         : LANKA_STORE_ERROR_IO,
                       _("The copy could not be written: %s"),
                       g_strerror (errsv));
          return FALSE;
        }
    }

  crypto_hash_sha256_final (&state, digest);
  return TRUE;
}

static gboolean
write_bundle (const char     *path,
              const char     *slots_text,
              gsize           slots_length,
              const char     *copy_path,
              guint8         *digest,
              guint64        *size,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp_path = g_build_filename (dir, temp_name, NULL);
  guint8 header[BACKUP_HEADER_LENGTH];
  guint64 copied = 0;
  int in = -1;
  int out = -1;
  int errsv;

  memcpy (header, BACKUP_MAGIC, BACKUP_MAGIC_LENGTH);
  header[BACKUP_MAGIC_LENGTH] = BACKUP_VERSION;
  header[BACKUP_MAGIC_LENGTH + 1] = (slots_length >> 24) & 0xff;
  header[BACKUP_MAGIC_LENGTH + 2] = (slots_length >> 16) & 0xff;
  header[BACKUP_MAGIC_LENGTH + 3] = (slots_length >> 8) & 0xff;
  header[BACKUP_MAGIC_LENGTH + 4] = slots_length & 0xff;

  in = g_open (copy_path, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      lanka_slots_set_io_error (error, errno, copy_path);
      return FALSE;
    }

  out = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (out < 0)
    {
      errsv = errno;
      close (in);
      lanka_slots_set_io_error (error, errsv, path);
      return FALSE;
    }

  if (!write_all (out, header, sizeof header) ||
      !write_all (out, slots_text, slots_length))
    goto io_failed;

  if (!copy_and_hash (in, out, digest, &copied, cancellable, error))
    goto failed;

  if (fsync (out) != 0)
    goto io_failed;

  errsv = close (out) == 0 ? 0 : errno;
  out = -1;
  if (errsv != 0)
    {
      errno = errsv;
      goto io_failed;
    }

  close (in);
  in = -1;

  if (g_rename (temp_path, path) != 0)
    goto io_failed;

  *size = BACKUP_HEADER_LENGTH + slots_length + copied;

  return lanka_slots_sync_dir (dir, error);

io_failed:
  lanka_slots_set_io_error (error, errno, path);

failed:
  if (in >= 0)
    close (in);
  if (out >= 0)
    close (out);
  g_unlink (temp_path);
  return FALSE;
}

/* Reads the header and slot text of a backup.  Anything that does not look
 * like one is LANKA_VAULT_ERROR_NOT_A_BACKUP, and nothing else is touched.
 */
static int
open_bundle (const char  *path,
             char       **slots_text,
             gsize       *slots_length,
             guint64     *database_length,
             GError     **error)
{
  g_autofree char *text = NULL;
  guint8 header[BACKUP_HEADER_LENGTH];
  GStatBuf st;
  guint32 length;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error,
                   LANKA_STORE_ERROR,
                   errsv == ENOENT ? LANKA_STORE_ERROR_MISSING : LANKA_STORE_ERROR_IO,
                   _("The backup could not be opened: %s"),
                   g_strerror (errsv));
      return -1;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      !read_all (fd, header, sizeof header) ||
      memcmp (header, BACKUP_MAGIC, BACKUP_MAGIC_LENGTH) != 0)
    goto not_a_backup;

  if (header[BACKUP_MAGIC_LENGTH] != BACKUP_VERSION)
    {
      close (fd);
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_NOT_A_BACKUP,
                           _("The backup was made by a newer version of Länka."));
      return -1;
    }

  length = ((guint32)header[BACKUP_MAGIC_LENGTH + 1] << 24) |
           ((guint32)header[BACKUP_MAGIC_LENGTH + 2] << 16) |
           ((guint32)header[BACKUP_MAGIC_LENGTH + 3] << 8) |
           (guint32)header[BACKUP_MAGIC_LENGTH + 4];

  if (length == 0 || length > BACKUP_MAX_SLOTS ||
      (guint64)st.st_size < BACKUP_HEADER_LENGTH + (guint64)length + MIN_PAGE_SIZE)
    goto not_a_backup;

  *database_length = st.st_size - BACKUP_HEADER_LENGTH - length;
  if (*database_length % MIN_PAGE_SIZE != 0)
    goto not_a_backup;

  text = g_malloc (length + 1);
  if (!read_all (fd, text, length))
    goto not_a_backup;
  text[length] = '\0';

  *slots_text = g_steal_pointer (&text);
  *slots_length = length;

  return fd;

not_a_backup:
  close (fd);
  g_set_error_literal (error,
                       LANKA_VAULT_ERROR,
                       LANKA_VAULT_ERROR_NOT_A_BACKUP,
                       _("The file is not a Länka backup, or it is incomplete."));
  return -1;
}

/* Reads the written backup back from the disk and compares it with what
 * was meant to be there.
 */
static gboolean
check_bundle (const char    *path,
              const char    *slots_text,
              gsize          slots_length,
              const guint8  *expected_digest,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 digest[crypto_hash_sha256_BYTES];
  guint64 database_length = 0;
  guint64 copied = 0;
  gsize length = 0;
  gboolean ok;
  int fd;

  fd = open_bundle (path, &text, &length, &database_length, &local_error);
  if (fd < 0)
    goto damaged;

  ok = copy_and_hash (fd, -1, digest, &copied, cancellable, error);
  close (fd);
  if (!ok)
    return FALSE;

  if (length == slots_length && memcmp (text, slots_text, length) == 0 &&
      copied == database_length &&
      memcmp (digest, expected_digest, sizeof digest) == 0)
    return TRUE;

damaged:
  g_set_error_literal (error,
                       LANKA_STORE_ERROR,
                       LANKA_STORE_ERROR_DAMAGED,
                       _("The backup file did not read back as it was written."));
  return FALSE;
}

static gboolean
vault_backup (LankaVault     *self,
              LankaDatabase  *database,
              const char     *path,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(LankaSlots) slots = NULL;
  g_autofree char *slots_text = NULL;
  g_autofree char *copy_name = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *detail = NULL;
  guint8 digest[crypto_hash_sha256_BYTES];
  gsize slots_length = 0;
  guint64 size = 0;
  gboolean ok;

  if (!(slots = lanka_slots_load (self->slots_path, error)) ||
      !check_same_database (slots, database, error))
    return FALSE;

  slots_text = lanka_slots_to_data (slots, &slots_length);

  /* The copy stays inside the private data directory until it is verified
   * and bundled; it is encrypted with the same key as the database.
   */
  copy_name = g_strdup_printf (".lanka-backup-%08x%08x.db", g_random_int (), g_random_int ());
  copy_path = g_build_filename (self->data_dir, copy_name, NULL);

  if (!lanka_database_export (database, copy_path, error))
    return FALSE;

  ok = lanka_database_verify_copy (database, copy_path, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       write_bundle (path, slots_text, slots_length, copy_path, digest, &size, cancellable,
                     error) &&
       check_bundle (path, slots_text, slots_length, digest, cancellable, error);

  remove_with_sidecars (copy_path);

  if (!ok)
    return FALSE;

  /* The size only: even a file name is kept out of the log. */
  detail = g_strdup_printf ("%" G_GUINT64_FORMAT, size);
  return lanka_audit_log (database, LANKA_AUDIT_BACKUP, NULL, detail, error);
}

/**
 * lanka_vault_backup:
 * @self: a #LankaVault
 * @database: the open database
 * @path: the backup file to write; an existing file is replaced
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Writes one file that restores the database on any machine with only the
 * recovery code or the passphrase: the key file and an encrypted copy of
 * the database.  The copy is verified (integrity checks, row counts) before
 * it is bundled, and the bundle is read back and compared after it is
 * written.  The caller must not use @database in another thread meanwhile.
 *
 * Blocks: for the command line and worker threads.
 *
 * Returns: %TRUE if the backup was written and verified
 */
gboolean
lanka_vault_backup (LankaVault     *self,
                    LankaDatabase  *database,
                    const char     *path,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return vault_backup (self, database, path, cancellable, error);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;
  gboolean written;

  written = vault_backup (LANKA_VAULT (source_object), data->database, data->path, cancellable, &error);
  let_go_of_database (data);

  if (written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * lanka_vault_backup_async:
 * @self: a #LankaVault
 * @database: the open database
 * @path: the backup file to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the backup is written or could not be
 * @user_data: data for @callback
 *
 * Runs lanka_vault_backup() in a worker thread.
 */
void
lanka_vault_backup_async (LankaVault          *self,
                          LankaDatabase       *database,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (LANKA_IS_VAULT (self));
  g_return_if_fail (LANKA_IS_DATABASE (database));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (TaskData, 1);
  data->database = g_object_ref (database);
  lanka_database_hold (database);
  data->path = g_strdup (path);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanka_vault_backup_async);
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
lanka_vault_backup_finish (LankaVault    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lanka_vault_backup_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Writes the database part of a backup to @path, a new private file. */
static gboolean
extract_database (int            in,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  guint8 digest[crypto_hash_sha256_BYTES];
  guint64 copied = 0;
  int out;

  out = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (out < 0)
    {
      lanka_slots_set_io_error (error, errno, path);
      return FALSE;
    }

  if (!copy_and_hash (in, out, digest, &copied, cancellable, error))
    {
      close (out);
      return FALSE;
    }

  if (fsync (out) != 0 || close (out) != 0)
    {
      lanka_slots_set_io_error (error, errno, path);
      return FALSE;
    }

  return TRUE;
}

/* Keeps the current database, its log files and its key file under a
 * dated name, so that a restore never loses what was there.
 */
static gboolean
move_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  if (path_exists (from) && g_rename (from, to) != 0)
    {
      lanka_slots_set_io_error (error, errno, from);
      return FALSE;
    }

  return TRUE;
}

static gboolean
keep_safety_copy (LankaVault  *self,
                  GError     **error)
{
  g_autofree char *stamp = timestamp_now ();
  g_autofree char *base = NULL;
  g_autofree char *database_to = NULL;
  g_autofree char *keys_to = NULL;

  /* Two restores within a second get their own names. */
  for (guint attempt = 1; base == NULL; attempt++)
    {
      g_autofree char *name = NULL;

      if (attempt == 1)
        name = g_strconcat (SAFETY_PREFIX, stamp, NULL);
      else
        name = g_strdup_printf (SAFETY_PREFIX "%s-%u", stamp, attempt);

      base = g_build_filename (self->data_dir, name, NULL);
      database_to = g_strconcat (base, ".db", NULL);
      keys_to = g_strconcat (base, ".keys", NULL);

      if (path_exists (database_to) || path_exists (keys_to))
        {
          g_clear_pointer (&base, g_free);
          g_clear_pointer (&database_to, g_free);
          g_clear_pointer (&keys_to, g_free);
        }
    }

  /* The log files go with their database: one left behind would be read
   * as part of the restored database.
   */
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *from = sidecar_path (self->database_path, sidecar_suffixes[i]);
      g_autofree char *to = sidecar_path (database_to, sidecar_suffixes[i]);

      if (!move_aside (from, to, error))
        return FALSE;
    }

  return move_aside (self->database_path, database_to, error) &&
         move_aside (self->slots_path, keys_to, error);
}

static LankaDatabase *
vault_restore (LankaVault        *self,
               const char        *backup_path,
               LankaVaultMethod   method,
               const char        *secret,
               GCancellable      *cancellable,
               GError           **error)
{
  static const LankaSlotStage stages[] = { LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_STAGE_PENDING };
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_key_free);
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) secret_error = NULL;
  g_autofree char *slots_text = NULL;
  g_autofree char *restoring_path = NULL;
  const LankaKey *key = NULL;
  guint64 database_length = 0;
  gsize slots_length = 0;
  int fd;

  fd = open_bundle (backup_path, &slots_text, &slots_length, &database_length, error);
  if (fd < 0)
    return NULL;

  slots = lanka_slots_new_from_data (slots_text, slots_length, &local_error);
  if (slots == NULL)
    {
      close (fd);
      g_set_error (error,
                   LANKA_VAULT_ERROR,
                   LANKA_VAULT_ERROR_NOT_A_BACKUP,
                   _("The backup is damaged: %s"),
                   local_error->message);
      return NULL;
    }

  /* Every key the secret unwraps is a candidate; the database part decides
   * which one is right (a backup made during an interrupted rotation has
   * pending slots too).
   */
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(GError) unwrap_error = NULL;
      LankaKey *candidate;

      if (stages[i] == LANKA_SLOT_STAGE_PENDING && !lanka_slots_has_pending (slots))
        break;

      candidate = lanka_slots_unwrap (slots, stages[i], method_slot_kind (method), secret,
                                      &unwrap_error);
      if (candidate != NULL)
        {
          g_ptr_array_add (keys, candidate);
        }
      else if (g_error_matches (unwrap_error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET) ||
               g_error_matches (unwrap_error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_NO_PASSPHRASE))
        {
          if (secret_error == NULL)
            secret_error = g_steal_pointer (&unwrap_error);
        }
      else
        {
          close (fd);
          g_propagate_error (error, g_steal_pointer (&unwrap_error));
          return NULL;
        }
    }

  if (keys->len == 0)
    {
      close (fd);
      g_propagate_error (error, g_steal_pointer (&secret_error));
      return NULL;
    }

  if (!lanka_data_dir_ensure (self->data_dir, error))
    {
      close (fd);
      return NULL;
    }

  /* A leftover of an interrupted restore is this function's own file. */
  restoring_path = g_strconcat (self->database_path, RESTORING_SUFFIX, NULL);
  remove_with_sidecars (restoring_path);

  if (!extract_database (fd, restoring_path, cancellable, error))
    {
      close (fd);
      goto failed;
    }
  close (fd);

  for (guint i = 0; i < keys->len && database == NULL; i++)
    {
      g_clear_error (&local_error);
      database = lanka_database_open (restoring_path, g_ptr_array_index (keys, i), &local_error);
      if (database != NULL)
        key = g_ptr_array_index (keys, i);
      else if (!g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
        break;
    }

  if (database == NULL)
    {
      if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
        g_set_error_literal (error,
                             LANKA_STORE_ERROR,
                             LANKA_STORE_ERROR_DAMAGED,
                             _("The backup is damaged: its key does not open its database."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  if (!check_same_database (slots, database, error) ||
      !lanka_database_check (database, NULL, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  lanka_database_close (database);
  g_clear_object (&database);

  {
    LankaSlotStage stage;

    if (lanka_slots_find_key (slots, key, &stage) && stage == LANKA_SLOT_STAGE_PENDING)
      lanka_slots_promote (slots);
    else
      lanka_slots_discard_pending (slots);
  }

  /* From here on the restore is not cancellable: the files are moved. */
  if (path_exists (self->database_path) || path_exists (self->slots_path))
    {
      if (!keep_safety_copy (self, error))
        goto failed;
    }
  else if (!set_aside_leftovers (self, error))
    {
      goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *from = sidecar_path (restoring_path, sidecar_suffixes[i]);
      g_autofree char *to = sidecar_path (self->database_path, sidecar_suffixes[i]);

      if (!move_aside (from, to, error))
        goto failed;
    }

  if (!move_aside (restoring_path, self->database_path, error))
    goto failed;

  if (!lanka_slots_save (slots, self->slots_path, error))
    return NULL;

  database = lanka_database_open (self->database_path, key, error);
  if (database == NULL)
    return NULL;

  if (!lanka_audit_log (database, LANKA_AUDIT_RESTORE, NULL, method_name (method), error))
    {
      lanka_database_close (database);
      return NULL;
    }

  /* The person holds the secret they just used, so a keyring that cannot
   * take the key is no reason to fail.
   */
  keyring_settle (lanka_slots_get_uuid (slots), key, TRUE, cancellable);

  return g_steal_pointer (&database);

failed:
  if (database != NULL)
    lanka_database_close (database);
  remove_with_sidecars (restoring_path);
  return NULL;
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;
  LankaDatabase *database;

  database = vault_restore (LANKA_VAULT (source_object),
                            data->path,
                            data->method,
                            data->secret,
                            cancellable,
                            &error);

  if (database == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, database, g_object_unref);
}

/**
 * lanka_vault_restore_async:
 * @self: a #LankaVault
 * @backup_path: a backup made by lanka_vault_backup()
 * @method: %LANKA_VAULT_METHOD_PASSPHRASE or %LANKA_VAULT_METHOD_RECOVERY_CODE
 * @secret: the passphrase or recovery code the backup was made with
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the restored database is open or could not be
 * @user_data: data for @callback
 *
 * Restores a backup into the data directory.  A file that is not a backup
 * is refused with %LANKA_VAULT_ERROR_NOT_A_BACKUP before anything in the
 * data directory is touched.  The backup's database is written beside the
 * current one and checked first; only then is a current database (with its
 * key file) renamed to `lanka-before-restore-DATE-TIME.db` / `.keys` and
 * the restored one moved into place.  The caller asks the person before,
 * and closes any database it has open from this data directory.
 */
void
lanka_vault_restore_async (LankaVault          *self,
                           const char          *backup_path,
                           LankaVaultMethod     method,
                           const char          *secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (LANKA_IS_VAULT (self));
  g_return_if_fail (backup_path != NULL);
  g_return_if_fail (method == LANKA_VAULT_METHOD_PASSPHRASE ||
                    method == LANKA_VAULT_METHOD_RECOVERY_CODE);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (TaskData, 1);
  data->method = method;
  data->secret = secret_dup (secret);
  data->path = g_strdup (backup_path);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanka_vault_restore_async);
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * lanka_vault_restore_finish:
 * @self: a #LankaVault
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the restored, open database
 */
LankaDatabase *
lanka_vault_restore_finish (LankaVault    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (LANKA_IS_VAULT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lanka_vault_restore_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
