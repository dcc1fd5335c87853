/* lanka-key.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The database key K: 32 bytes from libsodium's CSPRNG, kept in guarded
 * memory (sodium_malloc: guard pages, mlock, wiped on free).
 */
#define LANKA_KEY_SIZE 32

/* The raw-key form SQLCipher receives: x' + 64 hex digits + ' */
#define LANKA_KEY_RAW_FORM_LENGTH (2 + 2 * LANKA_KEY_SIZE + 1)

typedef struct _LankaKey LankaKey;

LankaKey     *lanka_key_new_random      (void);
LankaKey     *lanka_key_new_from_bytes  (const guint8    *bytes,
                                         gsize            length);
LankaKey     *lanka_key_new_from_hex    (const char      *hex,
                                         GError         **error);
LankaKey     *lanka_key_copy            (const LankaKey  *key);
gboolean      lanka_key_equal           (const LankaKey  *a,
                                         const LankaKey  *b);
const guint8 *lanka_key_get_bytes       (const LankaKey  *key);
char         *lanka_key_dup_hex         (const LankaKey  *key);
char         *lanka_key_dup_raw_form    (const LankaKey  *key);
void          lanka_key_free            (LankaKey        *key);

/* A string holding secret material (a hex key, a passphrase, a recovery
 * code): freed with lanka_secret_free(), which wipes it first.
 */
typedef char LankaSecret;

void          lanka_secret_free         (LankaSecret     *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaKey, lanka_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaSecret, lanka_secret_free)

G_END_DECLS
