/* lanka-iso-codes.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char         *lanka_iso_language_get_name  (const char *code);
const char         *lanka_iso_country_get_name   (const char *code);
const char * const *lanka_iso_language_get_codes (void);
const char * const *lanka_iso_country_get_codes  (void);

G_END_DECLS
