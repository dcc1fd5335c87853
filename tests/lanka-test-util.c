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

/**
 * lanka_test_wait_for:
 * @condition: what to wait for
 * @data: passed to @condition
 * @seconds: how long to wait at most
 *
 * Runs the default main context until @condition holds or @seconds have
 * passed, for the callers that carry on either way.
 *
 * Returns: whether @condition held in time
 */
gboolean
lanka_test_wait_for (LankaTestCondition condition,
                     gpointer           data,
                     double             seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);

  g_assert (condition != NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;

      /* Never blocks: work in a thread finishes without waking the context. */
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

/**
 * lanka_test_iterate_until_within:
 * @condition: what to wait for
 * @data: passed to @condition
 * @seconds: how long to wait at most
 *
 * Runs the default main context until @condition holds, and fails the test
 * when it does not within @seconds: a hung test says where it hung.
 */
void
lanka_test_iterate_until_within (LankaTestCondition condition,
                                 gpointer           data,
                                 double             seconds)
{
  g_assert_true (lanka_test_wait_for (condition, data, seconds));
}

/**
 * lanka_test_iterate_until:
 * @condition: what to wait for
 * @data: passed to @condition
 *
 * Like lanka_test_iterate_until_within() with %LANKA_TEST_TIMEOUT_SECONDS.
 */
void
lanka_test_iterate_until (LankaTestCondition condition,
                          gpointer           data)
{
  lanka_test_iterate_until_within (condition, data, LANKA_TEST_TIMEOUT_SECONDS);
}

/**
 * lanka_test_iterate_for:
 * @seconds: how long
 *
 * Runs the default main context for @seconds, for what has no condition to
 * wait for: idle callbacks, animations, a toast's timeout.
 */
void
lanka_test_iterate_for (double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/**
 * lanka_test_iterate_a_while:
 *
 * Runs the default main context for a fifth of a second: long enough for
 * pending idle work and a frame, short enough to do often.
 */
void
lanka_test_iterate_a_while (void)
{
  lanka_test_iterate_for (0.2);
}

/**
 * lanka_test_is_cleared:
 * @location: (type gpointer*): a weak pointer
 *
 * A #LankaTestCondition: whether the object behind the weak pointer at
 * @location has been finalized.
 */
gboolean
lanka_test_is_cleared (gpointer location)
{
  return *(gpointer *)location == NULL;
}

/**
 * lanka_test_is_set:
 * @location: (type gpointer*): where a callback stores its result
 *
 * A #LankaTestCondition: whether the pointer at @location has been set.
 */
gboolean
lanka_test_is_set (gpointer location)
{
  return *(gpointer *)location != NULL;
}
