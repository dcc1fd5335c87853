/* lanka-slots.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-slots"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "lanka-slots.h"
#include "lanka-store-error.h"
#include "lanka-vault.h"

/* The slot file is a GKeyFile:
 *
 *   [Vault]
 *   version=1
 *   uuid=<the database's UUID>
 *
 *   [Slot passphrase]           [Slot recovery]
 *   [Pending passphrase]        [Pending recovery]    (only during key rotation)
 *   kdf=argon2id13
 *   opslimit=…
 *   memlimit=…
 *   salt=<base64>
 *   nonce=<base64>
 *   wrapped=<base64: the key, XChaCha20-Poly1305>
 *   key-id=<base64: a keyed BLAKE2b of the key>
 *
 * None of it is secret.  The key-id names the wrapped key without revealing
 * it (a 256-bit random key cannot be guessed from its hash), so that after
 * an interrupted key rotation the vault knows which slots belong to the key
 * that opened the database.
 */
#define VAULT_GROUP       "Vault"
#define FORMAT_VERSION    1
#define KDF_NAME          "argon2id13"
#define KEY_ID_BYTES      16
#define KEY_ID_CONTEXT    "lanka-key-id-v1"
#define AD_PREFIX         "lanka-slot-v1"
#define WRAPPED_BYTES     (LANKA_KEY_SIZE + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define MAX_FILE_SIZE     (64 * 1024)

/* Limits a slot may ask for.  They are read from the file so that they can
 * be raised later; the upper bounds keep a damaged file from asking for
 * absurd amounts of memory or time.
 */
#define MAX_OPSLIMIT      64
#define MAX_MEMLIMIT      (G_GUINT64_CONSTANT (4) * 1024 * 1024 * 1024)

/* Crockford's base32: no I, L, O or U, so that what is read aloud or
 * copied by hand cannot be confused.
 */
static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define RECOVERY_DATA_CHARS   26  /* 128 bits, the last character padded */
#define RECOVERY_CHECK_CHARS   4  /* 20 bits of BLAKE2b */
#define RECOVERY_GROUP_CHARS   5

struct _LankaSlots
{
  GKeyFile *key_file;
  char     *uuid;
};

static void
ensure_sodium (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Without a working CSPRNG no salt, nonce or recovery code may be
       * made, and there is no weaker fallback.
       */
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");

      g_once_init_leave (&initialized, 1);
    }
}

static const char *
slot_name (LankaSlotKind kind)
{
  switch (kind)
    {
    case LANKA_SLOT_PASSPHRASE:
      return "passphrase";

    case LANKA_SLOT_RECOVERY:
      return "recovery";

    default:
      g_assert_not_reached ();
    }
}

static char *
group_name (LankaSlotStage stage,
            LankaSlotKind  kind)
{
  return g_strdup_printf ("%s %s",
                          stage == LANKA_SLOT_STAGE_PENDING ? "Pending" : "Slot",
                          slot_name (kind));
}

static void
set_damaged (GError     **error,
             const char  *detail)
{
  g_set_error (error,
               LANKA_VAULT_ERROR,
               LANKA_VAULT_ERROR_SLOTS_DAMAGED,
               _("The key file is damaged: %s"),
               detail);
}

/**
 * lanka_slots_set_io_error:
 * @error: a location for a #GError
 * @errsv: the saved errno
 * @path: the file that could not be written
 *
 * Sets a store error for a failed write, telling a full disk apart.
 */
void
lanka_slots_set_io_error (GError     **error,
                          int          errsv,
                          const char  *path)
{
  gboolean full = errsv == ENOSPC || errsv == EDQUOT;

  g_set_error (error,
               LANKA_STORE_ERROR,
               full ? LANKA_STORE_ERROR_DISK_FULL : LANKA_STORE_ERROR_IO,
               _("“%s” could not be written: %s"),
               path, g_strerror (errsv));
}

/**
 * lanka_slots_new:
 * @uuid: the UUID of the database the slots belong to
 *
 * Returns: (transfer full): a slot file without slots
 */
LankaSlots *
lanka_slots_new (const char *uuid)
{
  LankaSlots *self;

  g_return_val_if_fail (uuid != NULL, NULL);

  self = g_new0 (LankaSlots, 1);
  self->key_file = g_key_file_new ();
  self->uuid = g_strdup (uuid);

  g_key_file_set_comment (self->key_file, NULL, NULL,
                          " Länka key slots: the database key, wrapped.  Not secret on its own,\n"
                          " but the database cannot be opened without it: keep it with lanka.db.",
                          NULL);
  g_key_file_set_integer (self->key_file, VAULT_GROUP, "version", FORMAT_VERSION);
  g_key_file_set_string (self->key_file, VAULT_GROUP, "uuid", uuid);

  return self;
}

/**
 * lanka_slots_new_from_data:
 * @data: the text of a slot file
 * @length: its length
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the slots, or %NULL with
 *   %LANKA_VAULT_ERROR_SLOTS_DAMAGED
 */
LankaSlots *
lanka_slots_new_from_data (const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = NULL;
  LankaSlots *self;
  int version;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > MAX_FILE_SIZE || !g_utf8_validate (data, length, NULL))
    {
      set_damaged (error, _("it is not a key file"));
      return NULL;
    }

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      set_damaged (error, local_error->message);
      return NULL;
    }

  version = g_key_file_get_integer (key_file, VAULT_GROUP, "version", &local_error);
  if (local_error != NULL)
    {
      set_damaged (error, local_error->message);
      return NULL;
    }

  if (version != FORMAT_VERSION)
    {
      set_damaged (error, _("it was made by a newer version of Länka"));
      return NULL;
    }

  uuid = g_key_file_get_string (key_file, VAULT_GROUP, "uuid", NULL);
  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      set_damaged (error, _("it does not name its database"));
      return NULL;
    }

  self = g_new0 (LankaSlots, 1);
  self->key_file = g_steal_pointer (&key_file);
  self->uuid = g_steal_pointer (&uuid);

  return self;
}

/**
 * lanka_slots_load:
 * @path: the slot file
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the slots, or %NULL with
 *   %LANKA_VAULT_ERROR_KEYS_MISSING, %LANKA_VAULT_ERROR_SLOTS_DAMAGED or a
 *   store I/O error
 */
LankaSlots *
lanka_slots_load (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error,
                             LANKA_VAULT_ERROR,
                             LANKA_VAULT_ERROR_KEYS_MISSING,
                             _("The key file of the database is missing."));
      else
        g_set_error (error,
                     LANKA_STORE_ERROR,
                     LANKA_STORE_ERROR_IO,
                     _("The key file could not be read: %s"),
                     local_error->message);
      return NULL;
    }

  return lanka_slots_new_from_data (data, length, error);
}

/**
 * lanka_slots_to_data:
 * @self: slots
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the text of the slot file
 */
char *
lanka_slots_to_data (LankaSlots *self,
                     gsize      *length)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_key_file_to_data (self->key_file, length, NULL);
}

/**
 * lanka_slots_save:
 * @self: slots
 * @path: the slot file
 * @error: a location for a #GError
 *
 * Replaces @path atomically and durably: after a crash it holds either the
 * old text or the new one, never a mix.
 *
 * Returns: %TRUE if the new text is on disk
 */
gboolean
lanka_slots_save (LankaSlots  *self,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = lanka_slots_to_data (self, &length);

  return lanka_slots_replace_file (path, data, length, error);
}

void
lanka_slots_free (LankaSlots *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->key_file, g_key_file_unref);
  g_clear_pointer (&self->uuid, g_free);
  g_free (self);
}

const char *
lanka_slots_get_uuid (LankaSlots *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->uuid;
}

gboolean
lanka_slots_has (LankaSlots     *self,
                 LankaSlotStage  stage,
                 LankaSlotKind   kind)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  group = group_name (stage, kind);
  return g_key_file_has_group (self->key_file, group);
}

gboolean
lanka_slots_has_pending (LankaSlots *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return lanka_slots_has (self, LANKA_SLOT_STAGE_PENDING, LANKA_SLOT_PASSPHRASE) ||
         lanka_slots_has (self, LANKA_SLOT_STAGE_PENDING, LANKA_SLOT_RECOVERY);
}

static char *
compute_key_id (const LankaKey *key)
{
  guint8 id[KEY_ID_BYTES];

  /* Keyed by K over a fixed text: the result names K and nothing else. */
  crypto_generichash (id, sizeof id,
                      (const guint8 *)KEY_ID_CONTEXT, strlen (KEY_ID_CONTEXT),
                      lanka_key_get_bytes (key), LANKA_KEY_SIZE);

  return g_base64_encode (id, sizeof id);
}

static gboolean
stage_has_key_id (LankaSlots     *self,
                  LankaSlotStage  stage,
                  const char     *key_id)
{
  static const LankaSlotKind kinds[] = { LANKA_SLOT_RECOVERY, LANKA_SLOT_PASSPHRASE };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *group = group_name (stage, kinds[i]);
      g_autofree char *stored = g_key_file_get_string (self->key_file, group, "key-id", NULL);

      if (stored != NULL)
        return g_str_equal (stored, key_id);
    }

  return FALSE;
}

/**
 * lanka_slots_find_key:
 * @self: slots
 * @key: a key
 * @stage: (out): where the slots of @key are
 *
 * Finds out whether @key is the current or the pending key of the file,
 * without any secret.
 *
 * Returns: %TRUE if slots for @key exist
 */
gboolean
lanka_slots_find_key (LankaSlots     *self,
                      const LankaKey *key,
                      LankaSlotStage *stage)
{
  g_autofree char *key_id = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);

  key_id = compute_key_id (key);

  if (stage_has_key_id (self, LANKA_SLOT_STAGE_CURRENT, key_id))
    {
      *stage = LANKA_SLOT_STAGE_CURRENT;
      return TRUE;
    }

  if (stage_has_key_id (self, LANKA_SLOT_STAGE_PENDING, key_id))
    {
      *stage = LANKA_SLOT_STAGE_PENDING;
      return TRUE;
    }

  return FALSE;
}

/* Passphrases are compared as NFC, so that "å" typed as one character or as
 * "a" and a combining ring opens the same slot on every keyboard.
 */
static LankaSecret *
normalize_passphrase (const char *passphrase)
{
  LankaSecret *normalized = g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFC);

  if (normalized == NULL)
    normalized = g_strdup (passphrase);

  return normalized;
}

/**
 * lanka_slots_check_passphrase:
 * @passphrase: a new passphrase
 * @error: a location for a #GError
 *
 * Returns: %TRUE if @passphrase is long enough to be wrapped under, or
 *   %FALSE with %LANKA_VAULT_ERROR_WEAK_PASSPHRASE
 */
gboolean
lanka_slots_check_passphrase (const char  *passphrase,
                              GError     **error)
{
  g_autoptr(LankaSecret) normalized = NULL;

  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = normalize_passphrase (passphrase);

  if (!g_utf8_validate (normalized, -1, NULL) ||
      g_utf8_strlen (normalized, -1) < LANKA_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error,
                   LANKA_VAULT_ERROR,
                   LANKA_VAULT_ERROR_WEAK_PASSPHRASE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A passphrase needs at least %d character.",
                                "A passphrase needs at least %d characters.",
                                LANKA_PASSPHRASE_MIN_LENGTH),
                   LANKA_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }

  return TRUE;
}

/* Derives the key-encryption key into @kek (LANKA_KEY_SIZE bytes of
 * sodium_malloc()ed memory).  A recovery code is fed as its 16 random
 * bytes, so its spelling (case, dashes, O for 0) does not matter.
 */
static gboolean
derive_kek (LankaSlotKind  kind,
            const char    *secret,
            const guint8  *salt,
            guint64        opslimit,
            guint64        memlimit,
            guint8        *kek,
            GError       **error)
{
  int rc;

  if (kind == LANKA_SLOT_RECOVERY)
    {
      guint8 *bytes = sodium_malloc (LANKA_RECOVERY_CODE_BYTES);

      if (bytes == NULL)
        g_error ("Could not allocate protected memory");

      if (!lanka_slots_parse_recovery_code (secret, bytes, error))
        {
          sodium_free (bytes);
          return FALSE;
        }

      rc = crypto_pwhash (kek, LANKA_KEY_SIZE,
                          (const char *)bytes, LANKA_RECOVERY_CODE_BYTES,
                          salt, opslimit, (gsize)memlimit,
                          crypto_pwhash_ALG_ARGON2ID13);
      sodium_free (bytes);
    }
  else
    {
      g_autoptr(LankaSecret) normalized = normalize_passphrase (secret);

      rc = crypto_pwhash (kek, LANKA_KEY_SIZE,
                          normalized, strlen (normalized),
                          salt, opslimit, (gsize)memlimit,
                          crypto_pwhash_ALG_ARGON2ID13);
    }

  /* crypto_pwhash() fails only when it cannot get its memory. */
  if (rc != 0)
    {
      g_set_error_literal (error,
                           LANKA_STORE_ERROR,
                           LANKA_STORE_ERROR_IO,
                           _("There is not enough free memory to protect the key."));
      return FALSE;
    }

  return TRUE;
}

/* Binds a slot to its database and to its kind: a slot copied into another
 * file or group does not open.  "Pending" is not part of it, so promotion
 * only renames groups.
 */
static char *
associated_data (LankaSlots    *self,
                 LankaSlotKind  kind)
{
  return g_strdup_printf ("%s:%s:%s", AD_PREFIX, self->uuid, slot_name (kind));
}

/**
 * lanka_slots_wrap:
 * @self: slots
 * @stage: current or pending
 * @kind: passphrase or recovery code
 * @secret: the passphrase, or a recovery code in any accepted spelling
 * @key: the key to wrap
 * @error: a location for a #GError
 *
 * Wraps @key under @secret and replaces the slot.  Passphrase slots use
 * Argon2id with libsodium's "moderate" limits; a recovery code already
 * carries 128 random bits, so "interactive" limits are enough.  Nothing is
 * written to disk: call lanka_slots_save().
 *
 * Returns: %TRUE if the slot was replaced
 */
gboolean
lanka_slots_wrap (LankaSlots      *self,
                  LankaSlotStage   stage,
                  LankaSlotKind    kind,
                  const char      *secret,
                  const LankaKey  *key,
                  GError         **error)
{
  g_autofree char *group = NULL;
  g_autofree char *ad = NULL;
  g_autofree char *salt_text = NULL;
  g_autofree char *nonce_text = NULL;
  g_autofree char *wrapped_text = NULL;
  g_autofree char *key_id = NULL;
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  guint8 wrapped[WRAPPED_BYTES];
  unsigned long long wrapped_length = 0;
  guint64 opslimit;
  guint64 memlimit;
  guint8 *kek;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ensure_sodium ();

  if (kind == LANKA_SLOT_PASSPHRASE)
    {
      opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
    }
  else
    {
      opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    }

  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);

  kek = sodium_malloc (LANKA_KEY_SIZE);
  if (kek == NULL)
    g_error ("Could not allocate protected memory");

  if (!derive_kek (kind, secret, salt, opslimit, memlimit, kek, error))
    {
      sodium_free (kek);
      return FALSE;
    }

  ad = associated_data (self, kind);
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, &wrapped_length,
                                              lanka_key_get_bytes (key), LANKA_KEY_SIZE,
                                              (const guint8 *)ad, strlen (ad),
                                              NULL, nonce, kek);
  sodium_free (kek);
  g_assert (wrapped_length == WRAPPED_BYTES);

  salt_text = g_base64_encode (salt, sizeof salt);
  nonce_text = g_base64_encode (nonce, sizeof nonce);
  wrapped_text = g_base64_encode (wrapped, sizeof wrapped);
  key_id = compute_key_id (key);

  group = group_name (stage, kind);
  g_key_file_remove_group (self->key_file, group, NULL);
  g_key_file_set_string (self->key_file, group, "kdf", KDF_NAME);
  g_key_file_set_uint64 (self->key_file, group, "opslimit", opslimit);
  g_key_file_set_uint64 (self->key_file, group, "memlimit", memlimit);
  g_key_file_set_string (self->key_file, group, "salt", salt_text);
  g_key_file_set_string (self->key_file, group, "nonce", nonce_text);
  g_key_file_set_string (self->key_file, group, "wrapped", wrapped_text);
  g_key_file_set_string (self->key_file, group, "key-id", key_id);

  return TRUE;
}

static guint8 *
get_base64 (GKeyFile   *key_file,
            const char *group,
            const char *name,
            gsize       expected)
{
  g_autofree char *text = g_key_file_get_string (key_file, group, name, NULL);
  g_autofree guint8 *bytes = NULL;
  gsize length = 0;

  if (text == NULL)
    return NULL;

  bytes = g_base64_decode (text, &length);
  if (length != expected)
    return NULL;

  return g_steal_pointer (&bytes);
}

/**
 * lanka_slots_unwrap:
 * @self: slots
 * @stage: current or pending
 * @kind: passphrase or recovery code
 * @secret: the passphrase, or a recovery code in any accepted spelling
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with
 *   %LANKA_VAULT_ERROR_WRONG_SECRET, %LANKA_VAULT_ERROR_NO_PASSPHRASE (no
 *   such passphrase slot), %LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE or
 *   %LANKA_VAULT_ERROR_SLOTS_DAMAGED
 */
LankaKey *
lanka_slots_unwrap (LankaSlots      *self,
                    LankaSlotStage   stage,
                    LankaSlotKind    kind,
                    const char      *secret,
                    GError         **error)
{
  g_autofree char *group = NULL;
  g_autofree char *kdf = NULL;
  g_autofree char *ad = NULL;
  g_autofree char *stored_id = NULL;
  g_autofree char *key_id = NULL;
  g_autofree guint8 *salt = NULL;
  g_autofree guint8 *nonce = NULL;
  g_autofree guint8 *wrapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LankaKey) key = NULL;
  unsigned long long plain_length = 0;
  guint64 opslimit;
  guint64 memlimit;
  guint8 *kek;
  guint8 *plain;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_sodium ();

  group = group_name (stage, kind);
  if (!g_key_file_has_group (self->key_file, group))
    {
      if (kind == LANKA_SLOT_PASSPHRASE)
        g_set_error_literal (error,
                             LANKA_VAULT_ERROR,
                             LANKA_VAULT_ERROR_NO_PASSPHRASE,
                             _("No passphrase has been set for this database."));
      else
        set_damaged (error, _("it has no slot for the recovery code"));
      return NULL;
    }

  kdf = g_key_file_get_string (self->key_file, group, "kdf", NULL);
  opslimit = g_key_file_get_uint64 (self->key_file, group, "opslimit", &local_error);
  if (local_error == NULL)
    memlimit = g_key_file_get_uint64 (self->key_file, group, "memlimit", &local_error);
  else
    memlimit = 0;
  salt = get_base64 (self->key_file, group, "salt", crypto_pwhash_SALTBYTES);
  nonce = get_base64 (self->key_file, group, "nonce", crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  wrapped = get_base64 (self->key_file, group, "wrapped", WRAPPED_BYTES);
  stored_id = g_key_file_get_string (self->key_file, group, "key-id", NULL);

  if (g_strcmp0 (kdf, KDF_NAME) != 0 ||
      local_error != NULL ||
      opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > MAX_OPSLIMIT ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > MAX_MEMLIMIT ||
      salt == NULL || nonce == NULL || wrapped == NULL || stored_id == NULL)
    {
      set_damaged (error, _("a key slot is incomplete"));
      return NULL;
    }

  kek = sodium_malloc (LANKA_KEY_SIZE);
  plain = sodium_malloc (LANKA_KEY_SIZE);
  if (kek == NULL || plain == NULL)
    g_error ("Could not allocate protected memory");

  if (!derive_kek (kind, secret, salt, opslimit, memlimit, kek, error))
    {
      sodium_free (kek);
      sodium_free (plain);
      return NULL;
    }

  ad = associated_data (self, kind);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt (plain, &plain_length, NULL,
                                                   wrapped, WRAPPED_BYTES,
                                                   (const guint8 *)ad, strlen (ad),
                                                   nonce, kek);
  sodium_free (kek);

  if (rc != 0 || plain_length != LANKA_KEY_SIZE)
    {
      sodium_free (plain);

      if (kind == LANKA_SLOT_PASSPHRASE)
        g_set_error_literal (error,
                             LANKA_VAULT_ERROR,
                             LANKA_VAULT_ERROR_WRONG_SECRET,
                             _("The passphrase is not right."));
      else
        g_set_error_literal (error,
                             LANKA_VAULT_ERROR,
                             LANKA_VAULT_ERROR_WRONG_SECRET,
                             _("The recovery code does not belong to this database."));
      return NULL;
    }

  key = lanka_key_new_from_bytes (plain, LANKA_KEY_SIZE);
  sodium_free (plain);

  /* The key-id is not covered by the AEAD tag, but the vault decides by it
   * which slots to keep after an interrupted rotation: a slot whose key-id
   * does not match its own key is not trusted.
   */
  key_id = compute_key_id (key);
  if (!g_str_equal (key_id, stored_id))
    {
      set_damaged (error, _("a key slot does not match its key"));
      return NULL;
    }

  return g_steal_pointer (&key);
}

void
lanka_slots_remove (LankaSlots     *self,
                    LankaSlotStage  stage,
                    LankaSlotKind   kind)
{
  g_autofree char *group = NULL;

  g_return_if_fail (self != NULL);

  group = group_name (stage, kind);
  g_key_file_remove_group (self->key_file, group, NULL);
}

/**
 * lanka_slots_promote:
 * @self: slots
 *
 * Makes the pending slots current, dropping every current slot: the
 * database now uses the pending key, so the old slots open nothing.
 */
void
lanka_slots_promote (LankaSlots *self)
{
  static const LankaSlotKind kinds[] = { LANKA_SLOT_PASSPHRASE, LANKA_SLOT_RECOVERY };

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *current = group_name (LANKA_SLOT_STAGE_CURRENT, kinds[i]);
      g_autofree char *pending = group_name (LANKA_SLOT_STAGE_PENDING, kinds[i]);
      g_auto(GStrv) names = NULL;

      g_key_file_remove_group (self->key_file, current, NULL);

      names = g_key_file_get_keys (self->key_file, pending, NULL, NULL);
      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        {
          g_autofree char *value = g_key_file_get_value (self->key_file, pending, names[j], NULL);

          g_key_file_set_value (self->key_file, current, names[j], value);
        }

      g_key_file_remove_group (self->key_file, pending, NULL);
    }
}

void
lanka_slots_discard_pending (LankaSlots *self)
{
  g_return_if_fail (self != NULL);

  lanka_slots_remove (self, LANKA_SLOT_STAGE_PENDING, LANKA_SLOT_PASSPHRASE);
  lanka_slots_remove (self, LANKA_SLOT_STAGE_PENDING, LANKA_SLOT_RECOVERY);
}

/* Twenty bits of BLAKE2b over the 128 random bits: a typo is caught with a
 * probability of 1 - 2⁻²⁰ before the slow key derivation runs.
 */
static guint32
recovery_check (const guint8 *bytes)
{
  guint8 hash[crypto_generichash_BYTES];
  guint32 check;

  crypto_generichash (hash, sizeof hash, bytes, LANKA_RECOVERY_CODE_BYTES, NULL, 0);
  check = ((guint32)hash[0] << 12) | ((guint32)hash[1] << 4) | (hash[2] >> 4);
  sodium_memzero (hash, sizeof hash);

  return check;
}

/* 30 characters of Crockford base32 (26 for the bytes, 4 for the check) in
 * groups of five joined by dashes.
 */
static LankaSecret *
format_recovery_code (const guint8 *bytes)
{
  char chars[LANKA_RECOVERY_CODE_LENGTH];
  LankaSecret *code;
  guint32 buffer = 0;
  guint32 check;
  guint bits = 0;
  guint n = 0;
  guint out = 0;

  for (guint i = 0; i < LANKA_RECOVERY_CODE_BYTES; i++)
    {
      buffer = (buffer << 8) | bytes[i];
      bits += 8;

      while (bits >= 5)
        {
          chars[n++] = crockford[(buffer >> (bits - 5)) & 0x1f];
          bits -= 5;
        }

      buffer &= (1u << bits) - 1;
    }

  if (bits > 0)
    chars[n++] = crockford[(buffer << (5 - bits)) & 0x1f];

  g_assert (n == RECOVERY_DATA_CHARS);

  check = recovery_check (bytes);
  for (guint i = 0; i < RECOVERY_CHECK_CHARS; i++)
    chars[n++] = crockford[(check >> (5 * (RECOVERY_CHECK_CHARS - 1 - i))) & 0x1f];

  code = g_malloc (LANKA_RECOVERY_CODE_LENGTH + LANKA_RECOVERY_CODE_GROUPS);
  for (guint i = 0; i < LANKA_RECOVERY_CODE_LENGTH; i++)
    {
      if (i > 0 && i % RECOVERY_GROUP_CHARS == 0)
        code[out++] = '-';
      code[out++] = chars[i];
    }
  code[out] = '\0';

  sodium_memzero (chars, sizeof chars);

  return code;
}

/**
 * lanka_slots_new_recovery_code:
 *
 * Returns: (transfer full): a new recovery code from the CSPRNG, in its
 *   canonical grouped form, to be freed with lanka_secret_free()
 */
LankaSecret *
lanka_slots_new_recovery_code (void)
{
  guint8 *bytes;
  LankaSecret *code;

  ensure_sodium ();

  bytes = sodium_malloc (LANKA_RECOVERY_CODE_BYTES);
  if (bytes == NULL)
    g_error ("Could not allocate protected memory");

  randombytes_buf (bytes, LANKA_RECOVERY_CODE_BYTES);
  code = format_recovery_code (bytes);
  sodium_free (bytes);

  return code;
}

static int
crockford_value (gunichar c)
{
  const char *found;

  if (c >= 0x80)
    return -1;

  c = g_ascii_toupper ((char)c);

  /* Letters that look like digits are read as those digits. */
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';

  if (c == '\0')
    return -1;

  found = strchr (crockford, (int)c);
  return found != NULL ? (int)(found - crockford) : -1;
}

static gboolean
is_separator (gunichar c)
{
  /* Dashes of every kind, since a code copied from a document may have
   * had its hyphens turned into typographic ones.
   */
  return g_unichar_isspace (c) ||
         c == '-' ||
         (c >= 0x2010 && c <= 0x2015) ||
         c == 0x2212;
}

/**
 * lanka_slots_parse_recovery_code:
 * @text: a recovery code as typed
 * @bytes: (out caller-allocates): %LANKA_RECOVERY_CODE_BYTES bytes
 * @error: a location for a #GError
 *
 * Reads a recovery code whatever its case, spacing and dashes, reading O as
 * 0 and I or L as 1, and checks it.
 *
 * Returns: %TRUE if @text is a recovery code, or %FALSE with
 *   %LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE saying what is wrong
 */
gboolean
lanka_slots_parse_recovery_code (const char  *text,
                                 guint8      *bytes,
                                 GError     **error)
{
  guint8 values[LANKA_RECOVERY_CODE_LENGTH];
  guint32 buffer = 0;
  guint32 check = 0;
  guint bits = 0;
  guint count = 0;
  guint n = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE,
                           _("A recovery code has only letters and digits."));
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value;

      if (is_separator (c))
        continue;

      value = crockford_value (c);
      if (value < 0)
        {
          char shown[8] = { 0 };

          g_unichar_to_utf8 (c, shown);

          if (count < LANKA_RECOVERY_CODE_LENGTH)
            g_set_error (error,
                         LANKA_VAULT_ERROR,
                         LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE,
                         _("“%s” in group %u is not used in recovery codes."),
                         shown, count / RECOVERY_GROUP_CHARS + 1);
          else
            g_set_error (error,
                         LANKA_VAULT_ERROR,
                         LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE,
                         _("“%s” is not used in recovery codes."),
                         shown);
          goto out;
        }

      if (count < LANKA_RECOVERY_CODE_LENGTH)
        values[count] = (guint8)value;
      count++;
    }

  if (count != LANKA_RECOVERY_CODE_LENGTH)
    {
      g_set_error (error,
                   LANKA_VAULT_ERROR,
                   LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE,
                   _("A recovery code has %d letters and digits, not %u."),
                   LANKA_RECOVERY_CODE_LENGTH, count);
      goto out;
    }

  for (guint i = 0; i < RECOVERY_DATA_CHARS; i++)
    {
      buffer = (buffer << 5) | values[i];
      bits += 5;

      if (bits >= 8)
        {
          bytes[n++] = (guint8)(buffer >> (bits - 8));
          bits -= 8;
          buffer &= (1u << bits) - 1;
        }
    }

  g_assert (n == LANKA_RECOVERY_CODE_BYTES);

  for (guint i = 0; i < RECOVERY_CHECK_CHARS; i++)
    check = (check << 5) | values[RECOVERY_DATA_CHARS + i];

  /* The two padding bits must be zero, so a typo there is caught too. */
  if (buffer != 0 || check != recovery_check (bytes))
    {
      sodium_memzero (bytes, LANKA_RECOVERY_CODE_BYTES);
      g_set_error_literal (error,
                           LANKA_VAULT_ERROR,
                           LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE,
                           _("The recovery code has a typo: compare each group with the "
                             "printed code."));
      goto out;
    }

  ok = TRUE;

out:
  sodium_memzero (values, sizeof values);

  return ok;
}

/**
 * lanka_slots_normalize_recovery_code:
 * @text: a recovery code as typed
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the code in its canonical grouped
 *   form, to be freed with lanka_secret_free(), or %NULL with
 *   %LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE
 */
LankaSecret *
lanka_slots_normalize_recovery_code (const char  *text,
                                     GError     **error)
{
  LankaSecret *code = NULL;
  guint8 *bytes;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_sodium ();

  bytes = sodium_malloc (LANKA_RECOVERY_CODE_BYTES);
  if (bytes == NULL)
    g_error ("Could not allocate protected memory");

  if (lanka_slots_parse_recovery_code (text, bytes, error))
    code = format_recovery_code (bytes);

  sodium_free (bytes);

  return code;
}

/**
 * lanka_slots_sync_dir:
 * @dir: a directory
 * @error: a location for a #GError
 *
 * Makes a rename in @dir durable: without this, a power cut may bring back
 * the old name although the new file's data were synced.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_slots_sync_dir (const char  *dir,
                      GError     **error)
{
  int fd;

  g_return_val_if_fail (dir != NULL, FALSE);

  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      lanka_slots_set_io_error (error, errno, dir);
      return FALSE;
    }

  if (fsync (fd) != 0)
    {
      int errsv = errno;

      close (fd);

      /* Some file systems cannot sync a directory; that is not a failure. */
      if (errsv == EINVAL || errsv == EROFS)
        return TRUE;

      lanka_slots_set_io_error (error, errsv, dir);
      return FALSE;
    }

  close (fd);
  return TRUE;
}

/**
 * lanka_slots_replace_file:
 * @path: the file to replace
 * @data: the new content
 * @length: its length
 * @error: a location for a #GError
 *
 * Writes @data to a new file (mode 0600) beside @path, syncs it, renames it
 * over @path and syncs the directory.
 *
 * Returns: %TRUE if @path durably holds @data
 */
gboolean
lanka_slots_replace_file (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *temp_path = NULL;
  gsize written = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_name = g_strdup_printf (".%s.XXXXXX", base);
  temp_path = g_build_filename (dir, temp_name, NULL);

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      lanka_slots_set_io_error (error, errno, path);
      return FALSE;
    }

  while (written < length)
    {
      gssize n = write (fd, data + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;

      if (n <= 0)
        goto failed;

      written += n;
    }

  if (fsync (fd) != 0)
    goto failed;

  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  if (g_rename (temp_path, path) != 0)
    goto failed;

  return lanka_slots_sync_dir (dir, error);

failed:
  {
    int errsv = errno != 0 ? errno : EIO;

    if (fd >= 0)
      close (fd);
    g_unlink (temp_path);
    lanka_slots_set_io_error (error, errsv, path);
    return FALSE;
  }
}
