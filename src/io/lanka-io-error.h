/* lanka-io-error.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANKA_IO_ERROR (lanka_io_error_quark ())

/**
 * LankaIOError:
 * @LANKA_IO_ERROR_EMPTY: the file holds nothing
 * @LANKA_IO_ERROR_TOO_LARGE: the file is larger than Länka accepts
 * @LANKA_IO_ERROR_NOT_TEXT: the file is not text in a known character set
 * @LANKA_IO_ERROR_MALFORMED: the file does not follow its format
 * @LANKA_IO_ERROR_UNSUPPORTED: the format or version is not one Länka reads
 * @LANKA_IO_ERROR_ENCRYPTED: the file is protected by a password
 * @LANKA_IO_ERROR_CANNOT_PLAY: the codecs installed cannot play the film
 *
 * The ways a file from outside can be unreadable, each explained to the
 * person with its own sentence.
 */
typedef enum
{
  LANKA_IO_ERROR_EMPTY,
  LANKA_IO_ERROR_TOO_LARGE,
  LANKA_IO_ERROR_NOT_TEXT,
  LANKA_IO_ERROR_MALFORMED,
  LANKA_IO_ERROR_UNSUPPORTED,
  LANKA_IO_ERROR_ENCRYPTED,
  LANKA_IO_ERROR_CANNOT_PLAY,
} LankaIOError;

GQuark lanka_io_error_quark (void);

G_END_DECLS
