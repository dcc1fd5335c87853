/* test-store-data-dir.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "lanka-data-dir.h"
#include "lanka-store-error.h"

static char *
make_scratch_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lanka-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_default_from_environment (void)
{
  g_autofree char *scratch = make_scratch_dir ();
  g_autofree char *chosen = g_build_filename (scratch, "chosen", NULL);
  g_autofree char *found = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("LANKA_DATA_DIR", chosen, TRUE);
  found = lanka_data_dir_dup_default ();
  g_assert_cmpstr (found, ==, chosen);

  /* An empty variable is as good as none. */
  g_setenv ("LANKA_DATA_DIR", "", TRUE);
  fallback = lanka_data_dir_dup_default ();
  expected = g_build_filename (g_get_user_data_dir (), "lanka", NULL);
  g_assert_cmpstr (fallback, ==, expected);

  g_unsetenv ("LANKA_DATA_DIR");
  g_rmdir (scratch);
}

static void
test_ensure_creates_private (void)
{
  g_autofree char *scratch = make_scratch_dir ();
  g_autofree char *parent = g_build_filename (scratch, "a", NULL);
  g_autofree char *dir = g_build_filename (parent, "b", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_data_dir_ensure (dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_cmphex (mode_of (dir), ==, 0700);

  /* A second call on an existing directory is fine. */
  g_assert_true (lanka_data_dir_ensure (dir, &error));
  g_assert_no_error (error);

  g_rmdir (dir);
  g_rmdir (parent);
  g_rmdir (scratch);
}

static void
test_ensure_tightens_mode (void)
{
  g_autofree char *scratch = make_scratch_dir ();
  g_autofree char *dir = g_build_filename (scratch, "open", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmphex (mode_of (dir), ==, 0755);

  g_assert_true (lanka_data_dir_ensure (dir, &error));
  g_assert_no_error (error);
  g_assert_cmphex (mode_of (dir), ==, 0700);

  g_rmdir (dir);
  g_rmdir (scratch);
}

static void
test_ensure_refuses_file (void)
{
  g_autofree char *scratch = make_scratch_dir ();
  g_autofree char *path = g_build_filename (scratch, "lanka", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "keep me", -1, &error));
  g_assert_no_error (error);

  g_assert_false (lanka_data_dir_ensure (path, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);

  /* The file in the way is neither removed nor changed. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  g_unlink (path);
  g_rmdir (scratch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/data-dir/default-from-environment", test_default_from_environment);
  g_test_add_func ("/store/data-dir/ensure-creates-private", test_ensure_creates_private);
  g_test_add_func ("/store/data-dir/ensure-tightens-mode", test_ensure_tightens_mode);
  g_test_add_func ("/store/data-dir/ensure-refuses-file", test_ensure_refuses_file);

  return g_test_run ();
}
