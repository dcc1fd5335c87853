/* lanka-directory-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the directory and its seed: writes without a transaction of
 * their own, so that the seed can apply everything in one.
 */

#pragma once

#include "lanka-directory.h"

G_BEGIN_DECLS

gboolean _lanka_directory_find_seed      (LankaDatabase  *database,
                                          const char     *seed_key,
                                          char          **uuid,
                                          char          **seed_hash,
                                          GError        **error);
gboolean _lanka_directory_write_agency   (LankaDatabase  *database,
                                          LankaAgency    *agency,
                                          const char     *seed_key,
                                          const char     *seed_hash,
                                          GError        **error);

G_END_DECLS
