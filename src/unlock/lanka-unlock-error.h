/* lanka-unlock-error.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lanka_unlock_describe_error (const GError *error);

G_END_DECLS
