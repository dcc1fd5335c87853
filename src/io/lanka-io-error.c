/* lanka-io-error.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-io-error"

#include "config.h"

#include "lanka-io-error.h"

G_DEFINE_QUARK (lanka-io-error-quark, lanka_io_error)
