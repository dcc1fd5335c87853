/* lanka-test-util.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a test waits for something a person would see happen at once. */
#define LANKA_TEST_TIMEOUT_SECONDS 10

typedef gboolean (*LankaTestCondition) (gpointer data);

char     *lanka_test_make_data_dir        (void);
void      lanka_test_remove_tree          (const char         *path);
gboolean  lanka_test_wait_for             (LankaTestCondition  condition,
                                           gpointer            data,
                                           double              seconds);
void      lanka_test_iterate_until        (LankaTestCondition  condition,
                                           gpointer            data);
void      lanka_test_iterate_until_within (LankaTestCondition  condition,
                                           gpointer            data,
                                           double              seconds);
void      lanka_test_iterate_for          (double              seconds);
void      lanka_test_iterate_a_while      (void);
gboolean  lanka_test_is_cleared           (gpointer            location);
gboolean  lanka_test_is_set               (gpointer            location);

G_END_DECLS
