/* test-cli.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "lanka-test-util.h"
#include "lanka-vault.h"

/* lanka --check and lanka --backup, as an administrator's script runs them:
 * through the keyring, with a one-line answer and an exit status.
 */

static const char *lanka_binary;

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LankaDatabase **database = user_data;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  *database = lanka_vault_create_finish (LANKA_VAULT (object), result, &code, &error);
  g_assert_no_error (error);
}

static char *
make_database (void)
{
  char *data_dir = lanka_test_make_data_dir ();
  g_autoptr(LankaVault) vault = lanka_vault_new (data_dir);
  g_autoptr(LankaDatabase) database = NULL;

  lanka_vault_create_async (vault, NULL, NULL, create_cb, &database);
  while (database == NULL)
    g_main_context_iteration (NULL, TRUE);

  lanka_database_close (database);

  return data_dir;
}

static int
run_lanka (const char  *data_dir,
           const char  *option,
           const char  *argument,
           char       **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { lanka_binary, "--data-dir", data_dir, option, argument, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);

  if (out != NULL && *out != NULL && err != NULL)
    {
      char *both = g_strconcat (*out, err, NULL);

      g_free (*out);
      *out = both;
    }

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_check_good (void)
{
  g_autofree char *data_dir = make_database ();
  g_autofree char *out = NULL;

  g_assert_cmpint (run_lanka (data_dir, "--check", NULL, &out), ==, 0);
  g_assert_nonnull (out);
  /* One line, for a log or a monitoring script. */
  g_assert_true (g_str_has_suffix (out, "\n"));
  g_assert_cmpint (strchr (out, '\n') - out, ==, (gssize)strlen (out) - 1);

  lanka_test_remove_tree (data_dir);
}

static void
test_check_damaged (void)
{
  g_autofree char *data_dir = make_database ();
  g_autofree char *db_path = g_build_filename (data_dir, LANKA_VAULT_DATABASE_NAME, NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Junk in the middle of the file, as a failing disk leaves it. */
  g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096 + 64);
  memset (contents + 4096 + 16, 0x5a, 32);
  g_assert_true (g_file_set_contents (db_path, contents, length, NULL));

  g_assert_cmpint (run_lanka (data_dir, "--check", NULL, &out), ==, 1);
  g_assert_nonnull (out);
  g_assert_cmpuint (strlen (out), >, 0);

  lanka_test_remove_tree (data_dir);
}

static void
test_check_missing (void)
{
  g_autofree char *data_dir = lanka_test_make_data_dir ();
  g_autofree char *out = NULL;
  g_autoptr(GDir) dir = NULL;

  /* No database: a failure, and still nothing created. */
  g_assert_cmpint (run_lanka (data_dir, "--check", NULL, &out), ==, 1);
  dir = g_dir_open (data_dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));

  lanka_test_remove_tree (data_dir);
}

static void
test_backup (void)
{
  g_autofree char *data_dir = make_database ();
  g_autofree char *backup = g_build_filename (data_dir, "copy.lankabackup", NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (run_lanka (data_dir, "--backup", backup, &out), ==, 0);
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "LANKABAK", 8);

  lanka_test_remove_tree (data_dir);
}

/* The running application writes no core dump: a crash must not put the
 * database key and the records it showed on the disk.
 */
static void
test_no_core_dumps (void)
{
  g_autofree char *data_dir = lanka_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *limits_path = NULL;
  g_autofree char *limits = NULL;
  const char *argv[] = { lanka_binary, "--data-dir", data_dir, NULL };
  const char *line;
  GPid pid;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("Needs a display to start the window");
      return;
    }

  g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  /* main() sets the limit first thing, but the dynamic loader comes
   * before it: on a busy machine that can take longer than a moment.
   */
  limits_path = g_strdup_printf ("/proc/%d/limits", pid);
  for (guint tries = 0; tries < 100; tries++)
    {
      g_usleep (G_USEC_PER_SEC / 10);
      g_clear_pointer (&limits, g_free);
      if (!g_file_get_contents (limits_path, &limits, NULL, NULL))
        continue;

      line = strstr (limits, "Max core file size");
      g_assert_nonnull (line);
      if (g_regex_match_simple ("^Max core file size\\s+0\\s+0\\s", line, G_REGEX_MULTILINE, 0))
        break;
    }
  g_assert_nonnull (limits);

  line = strstr (limits, "Max core file size");
  g_assert_nonnull (line);
  g_assert_true (g_regex_match_simple ("^Max core file size\\s+0\\s+0\\s", line, G_REGEX_MULTILINE, 0));

  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  lanka_test_remove_tree (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  lanka_binary = g_getenv ("LANKA_BINARY");
  g_assert_nonnull (lanka_binary);

  g_test_add_func ("/cli/check/good", test_check_good);
  g_test_add_func ("/cli/check/damaged", test_check_damaged);
  g_test_add_func ("/cli/check/missing", test_check_missing);
  g_test_add_func ("/cli/backup", test_backup);
  g_test_add_func ("/cli/no-core-dumps", test_no_core_dumps);

  return g_test_run ();
}
