/* lanka-directory-seed.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-database.h"

G_BEGIN_DECLS

/**
 * LankaSeedReport:
 * @added: agencies the seed added
 * @updated: agencies the seed changed, because nobody had edited them
 * @kept: agencies left as they were: already up to date, edited by a
 *   person since the seed last wrote them, or deleted by a person
 * @unchanged: the seed is the one applied last, so it was not even read
 *   and every count is 0
 *
 * What lanka_directory_seed_apply() did.
 */
typedef struct
{
  guint    added;
  guint    updated;
  guint    kept;
  gboolean unchanged;
} LankaSeedReport;

gboolean lanka_directory_seed_apply   (LankaDatabase    *database,
                                       GBytes           *json,
                                       LankaSeedReport  *report,
                                       GError          **error);

G_END_DECLS
