/* lanka-test-util.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lanka-test-util.h"

/**
 * lanka_test_make_data_dir:
 *
 * Returns: (transfer full): a fresh, empty, private directory for one test
 */
char *
lanka_test_make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("lanka-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);

  return path;
}

/**
 * lanka_test_remove_tree:
 * @path: a directory a test made
 *
 * Removes @path and everything in it, without following symbolic links.
 */
void
lanka_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      lanka_test_remove_tree (child);
    }

  g_rmdir (path);
}
