/* lanka-store-error.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-store-error"

#include "config.h"

#include "lanka-store-error.h"

G_DEFINE_QUARK (lanka-store-error-quark, lanka_store_error)
