/* lanka-test-util.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lanka_test_make_data_dir (void);
void  lanka_test_remove_tree   (const char *path);

G_END_DECLS
