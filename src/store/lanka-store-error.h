/* lanka-store-error.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANKA_STORE_ERROR (lanka_store_error_quark ())

/**
 * LankaStoreError:
 * @LANKA_STORE_ERROR_WRONG_KEY: the key does not open the database
 * @LANKA_STORE_ERROR_DAMAGED: the database file is damaged
 * @LANKA_STORE_ERROR_MISSING: the database file does not exist
 * @LANKA_STORE_ERROR_FOREIGN: the file is not a Länka database (for example plain SQLite)
 * @LANKA_STORE_ERROR_NO_SQLCIPHER: the process does not use SQLCipher, so keys would be ignored
 * @LANKA_STORE_ERROR_IO: reading or writing failed
 * @LANKA_STORE_ERROR_DISK_FULL: there is no space left on the disk
 * @LANKA_STORE_ERROR_INVALID: a value is not valid for its field
 * @LANKA_STORE_ERROR_NOT_FOUND: the record does not exist (any more)
 * @LANKA_STORE_ERROR_EXISTS: the same thing is stored already
 *
 * The ways the store fails, each of which the interface explains with its
 * own sentence.
 */
typedef enum
{
  LANKA_STORE_ERROR_WRONG_KEY,
  LANKA_STORE_ERROR_DAMAGED,
  LANKA_STORE_ERROR_MISSING,
  LANKA_STORE_ERROR_FOREIGN,
  LANKA_STORE_ERROR_NO_SQLCIPHER,
  LANKA_STORE_ERROR_IO,
  LANKA_STORE_ERROR_DISK_FULL,
  LANKA_STORE_ERROR_INVALID,
  LANKA_STORE_ERROR_NOT_FOUND,
  LANKA_STORE_ERROR_EXISTS,
} LankaStoreError;

GQuark lanka_store_error_quark (void);

G_END_DECLS
