/* lanka-key.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-key"

#include "config.h"

#include "lanka-key.h"
#include "lanka-store-error.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

struct _LankaKey
{
  /* Points into sodium_malloc()ed memory: guard pages around it, locked
   * into RAM where the system allows, and wiped by sodium_free().
   */
  guint8 *bytes;
};

static const char hex_digits[] = "0123456789abcdef";

/* libsodium must be initialised before its CSPRNG or its allocator is used.
 * A failure means the process has no usable randomness, so there is no safe
 * way to continue: no key may ever come from a weaker source.
 */
static void
ensure_sodium (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");

      g_once_init_leave (&initialized, 1);
    }
}

static LankaKey *
lanka_key_alloc (void)
{
  LankaKey *key;

  ensure_sodium ();

  key = g_new0 (LankaKey, 1);
  key->bytes = sodium_malloc (LANKA_KEY_SIZE);

  /* sodium_malloc() returns NULL only when memory is exhausted; GLib aborts
   * in that situation as well.
   */
  if (key->bytes == NULL)
    g_error ("Could not allocate protected memory for a key");

  return key;
}

/**
 * lanka_key_new_random:
 *
 * Makes a new database key from libsodium's CSPRNG.
 *
 * Returns: (transfer full): a new key
 */
LankaKey *
lanka_key_new_random (void)
{
  LankaKey *key = lanka_key_alloc ();

  randombytes_buf (key->bytes, LANKA_KEY_SIZE);

  return key;
}

/**
 * lanka_key_new_from_bytes:
 * @bytes: (array length=length): the key material
 * @length: the length of @bytes, which must be %LANKA_KEY_SIZE
 *
 * Copies @bytes into protected memory.  The caller still owns @bytes and
 * should wipe them.
 *
 * Returns: (transfer full): a new key
 */
LankaKey *
lanka_key_new_from_bytes (const guint8 *bytes,
                          gsize         length)
{
  LankaKey *key;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (length == LANKA_KEY_SIZE, NULL);

  key = lanka_key_alloc ();
  memcpy (key->bytes, bytes, LANKA_KEY_SIZE);

  return key;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/**
 * lanka_key_new_from_hex:
 * @hex: exactly 64 hexadecimal digits (either case)
 * @error: a location for a #GError
 *
 * Parses a key as the keyring stores it.  Text of any other shape fails with
 * %LANKA_STORE_ERROR_WRONG_KEY: whatever produced it, it is not the key to
 * the database, and the interface explains it the same way.
 *
 * Returns: (transfer full) (nullable): a new key, or %NULL
 */
LankaKey *
lanka_key_new_from_hex (const char  *hex,
                        GError     **error)
{
  g_autoptr(LankaKey) key = NULL;
  gsize length;

  g_return_val_if_fail (hex != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* strnlen() so that a long string is not read further than needed. */
  length = strnlen (hex, 2 * LANKA_KEY_SIZE + 1);

  if (length != 2 * LANKA_KEY_SIZE)
    goto invalid;

  key = lanka_key_alloc ();

  for (gsize i = 0; i < LANKA_KEY_SIZE; i++)
    {
      int high = hex_value (hex[2 * i]);
      int low = hex_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        goto invalid;

      key->bytes[i] = (guint8)((high << 4) | low);
    }

  return g_steal_pointer (&key);

invalid:
  g_set_error_literal (error,
                       LANKA_STORE_ERROR,
                       LANKA_STORE_ERROR_WRONG_KEY,
                       _("The stored key is not a valid database key."));
  return NULL;
}

/**
 * lanka_key_copy:
 * @key: a key
 *
 * Returns: (transfer full): a copy of @key in its own protected memory
 */
LankaKey *
lanka_key_copy (const LankaKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return lanka_key_new_from_bytes (key->bytes, LANKA_KEY_SIZE);
}

/**
 * lanka_key_equal:
 * @a: a key
 * @b: another key
 *
 * Compares two keys in constant time.
 *
 * Returns: %TRUE if @a and @b hold the same bytes
 */
gboolean
lanka_key_equal (const LankaKey *a,
                 const LankaKey *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return sodium_memcmp (a->bytes, b->bytes, LANKA_KEY_SIZE) == 0;
}

/**
 * lanka_key_get_bytes:
 * @key: a key
 *
 * Returns: (array fixed-size=32) (transfer none): the %LANKA_KEY_SIZE bytes of @key
 */
const guint8 *
lanka_key_get_bytes (const LankaKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->bytes;
}

static void
write_hex (const LankaKey *key,
           char           *out)
{
  for (gsize i = 0; i < LANKA_KEY_SIZE; i++)
    {
      out[2 * i] = hex_digits[key->bytes[i] >> 4];
      out[2 * i + 1] = hex_digits[key->bytes[i] & 0x0f];
    }
}

/**
 * lanka_key_dup_hex:
 * @key: a key
 *
 * Returns: (transfer full): 64 lowercase hexadecimal digits, to be freed
 *   with lanka_secret_free()
 */
char *
lanka_key_dup_hex (const LankaKey *key)
{
  char *hex;

  g_return_val_if_fail (key != NULL, NULL);

  hex = g_malloc (2 * LANKA_KEY_SIZE + 1);
  write_hex (key, hex);
  hex[2 * LANKA_KEY_SIZE] = '\0';

  return hex;
}

/**
 * lanka_key_dup_raw_form:
 * @key: a key
 *
 * Formats @key the way SQLCipher takes a raw key: `x'` followed by 64
 * lowercase hexadecimal digits and `'`, %LANKA_KEY_RAW_FORM_LENGTH
 * characters in all.  Any other shape would be taken for a passphrase and
 * run through a slow key derivation, giving a different key.
 *
 * Returns: (transfer full): the raw form, to be freed with lanka_secret_free()
 */
char *
lanka_key_dup_raw_form (const LankaKey *key)
{
  char *raw;

  g_return_val_if_fail (key != NULL, NULL);

  raw = g_malloc (LANKA_KEY_RAW_FORM_LENGTH + 1);
  raw[0] = 'x';
  raw[1] = '\'';
  write_hex (key, raw + 2);
  raw[LANKA_KEY_RAW_FORM_LENGTH - 1] = '\'';
  raw[LANKA_KEY_RAW_FORM_LENGTH] = '\0';

  return raw;
}

/**
 * lanka_key_free:
 * @key: (nullable): a key
 *
 * Wipes and frees @key.
 */
void
lanka_key_free (LankaKey *key)
{
  if (key == NULL)
    return;

  /* sodium_free() wipes the bytes before it releases the pages. */
  sodium_free (key->bytes);
  g_free (key);
}

/**
 * lanka_secret_free:
 * @secret: (nullable): a string holding secret material
 *
 * Wipes @secret and frees it with g_free().
 */
void
lanka_secret_free (LankaSecret *secret)
{
  if (secret == NULL)
    return;

  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}
