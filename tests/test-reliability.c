/* test-reliability.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kill -9 at random moments, during ordinary transactions and during key
 * rotation.  The victim is lanka-crash-writer, a separate process, so that
 * the kill is as abrupt as a power cut is for SQLite: nothing runs after it.
 */

#include "config.h"

#include "lanka-database-private.h"
#include "lanka-draft.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define CRASH_KIND   "crash"
#define COUNTER_KIND "crash-counter"

/* Enough rows that a rekey takes tens of milliseconds and spills out of
 * SQLite's page cache, so that kills land inside it.
 */
#define REKEY_ROWS      4000
#define REKEY_ROW_SIZE  600

typedef struct
{
  char     *dir;
  char     *path;
  LankaKey *key;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->key = lanka_key_new_random ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->key, lanka_key_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static guint
iterations_from_environment (const char *name,
                             guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 parsed;

  if (value == NULL || value[0] == '\0')
    return fallback;

  g_assert_true (g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &parsed, NULL));

  return (guint)parsed;
}

static void
create_database (const char     *path,
                 const LankaKey *key)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);
  lanka_database_close (database);
}

static LankaDatabase *
open_checked (const char     *path,
              const LankaKey *key)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;

  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);

  g_assert_true (lanka_database_check (database, &verdict, &error));
  g_assert_no_error (error);
  g_assert_nonnull (verdict);

  return g_steal_pointer (&database);
}

/* Starts the writer with the keys in its environment; its stdout comes back
 * through a pipe, its stderr goes to the test log.
 */
static GPid
spawn_writer (const char     *mode,
              const char     *path,
              const LankaKey *key,
              const LankaKey *new_key,
              int            *stdout_fd)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "lanka-crash-writer", NULL);
  g_autoptr(LankaSecret) hex = lanka_key_dup_hex (key);
  g_autoptr(LankaSecret) new_hex = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { writer, mode, path, NULL };
  GPid pid;

  env = g_environ_setenv (env, "LANKA_CRASH_KEY", hex, TRUE);
  if (new_key != NULL)
    {
      new_hex = lanka_key_dup_hex (new_key);
      env = g_environ_setenv (env, "LANKA_CRASH_NEW_KEY", new_hex, TRUE);
    }

  g_spawn_async_with_pipes (NULL, (char **)argv, env,
                            G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL,
                            &pid,
                            NULL, stdout_fd, NULL,
                            &error);
  g_assert_no_error (error);

  return pid;
}

static void
kill_and_reap (GPid pid)
{
  int status = 0;

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);

  /* The writer must not have failed on its own before the kill. */
  if (WIFEXITED (status))
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  else
    g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  g_spawn_close_pid (pid);
}

/* Reads from @fd until @until appears (or, for %NULL, to the end). */
static void
read_output (int         fd,
             GString    *output,
             const char *until)
{
  char buffer[4096];

  while (until == NULL || strstr (output->str, until) == NULL)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;

      g_assert_cmpint (n, >=, 0);

      if (n == 0)
        break;

      g_string_append_len (output, buffer, n);
    }
}

/* The last complete line the writer printed: a counter it saw committed. */
static gint64
last_printed_counter (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n_lines = g_strv_length (lines);

  /* The piece after the last newline may have been cut by the kill. */
  for (guint i = n_lines; i >= 2; i--)
    {
      const char *line = lines[i - 2];

      if (line[0] != '\0')
        return g_ascii_strtoll (line, NULL, 10);
    }

  return 0;
}

static gint64
read_counter (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  const char *data;
  gsize size;

  bytes = lanka_draft_load (database, COUNTER_KIND, "counter", NULL, &error);
  g_assert_no_error (error);

  if (bytes == NULL)
    return 0;

  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);

  return g_ascii_strtoll (text, NULL, 10);
}

static void
test_kill_during_writes (Fixture       *fixture,
                         gconstpointer  user_data)
{
  guint iterations = iterations_from_environment ("LANKA_TEST_CRASH_ITERATIONS", 200);
  gint64 previous = 0;
  gint64 started = g_get_monotonic_time ();
  guint interrupted = 0;

  create_database (fixture->path, fixture->key);

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(LankaDatabase) database = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) rows = NULL;
      gint64 printed;
      gint64 counter;
      int fd = -1;
      GPid pid;

      pid = spawn_writer ("write", fixture->path, fixture->key, NULL, &fd);
      g_usleep (g_test_rand_int_range (5, 51) * 1000);
      kill_and_reap (pid);
      read_output (fd, output, NULL);
      g_close (fd, NULL);

      printed = last_printed_counter (output->str);
      if (printed > previous)
        interrupted++;

      database = open_checked (fixture->path, fixture->key);
      counter = read_counter (database);
      rows = lanka_draft_list (database, CRASH_KIND, &error);
      g_assert_no_error (error);

      /* Every transaction is all or nothing, and what was reported as
       * committed survived.
       */
      g_assert_cmpint (g_strv_length (rows), ==, counter);
      g_assert_cmpint (counter, >=, printed);
      g_assert_cmpint (counter, >=, previous);
      previous = counter;

      lanka_database_close (database);
    }

  g_test_message ("%u kills during writes, %u after at least one new commit, "
                  "%" G_GINT64_FORMAT " commits survived, %.1f s",
                  iterations, interrupted, previous,
                  (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);
}

static void
fill_database (const char     *path,
               const LankaKey *key,
               guint           n_rows,
               gsize           row_size)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);

  g_assert_true (lanka_database_begin (database, &error));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *object = g_strdup_printf ("%08u", i);
      g_autofree guint8 *data = g_malloc (row_size);
      g_autoptr(GBytes) content = NULL;

      for (gsize j = 0; j < row_size; j++)
        data[j] = (guint8)g_test_rand_int_range (0, 256);
      content = g_bytes_new_take (g_steal_pointer (&data), row_size);

      g_assert_true (lanka_draft_save (database, "fill", object, content, &error));
    }
  g_assert_true (lanka_database_commit (database, &error));
  g_assert_no_error (error);

  lanka_database_close (database);
}

/* A digest of every draft row: the data are intact when it does not change. */
static char *
digest_drafts (LankaDatabase *database)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lanka_database_prepare (database,
                                  "SELECT kind, object, content FROM draft ORDER BY kind, object",
                                  &error);
  g_assert_no_error (error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int column = 0; column < 3; column++)
        {
          const void *data = sqlite3_column_blob (stmt, column);
          gsize size = sqlite3_column_bytes (stmt, column);
          guint32 length = GUINT32_TO_BE ((guint32)size);

          g_checksum_update (checksum, (const guchar *)&length, sizeof length);
          if (size > 0)
            g_checksum_update (checksum, data, size);
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
opens_with (const char     *path,
            const LankaKey *key)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_database_open (path, key, &error);

  if (database == NULL)
    {
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
      return FALSE;
    }

  lanka_database_close (database);
  return TRUE;
}

static gboolean
has_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  GStatBuf st;

  return (g_stat (wal, &st) == 0 && st.st_size > 0) ||
         (g_stat (journal, &st) == 0 && st.st_size > 0);
}

static void
test_kill_during_rekey (Fixture       *fixture,
                        gconstpointer  user_data)
{
  guint iterations = iterations_from_environment ("LANKA_TEST_REKEY_ITERATIONS", 50);
  g_autoptr(LankaKey) other = lanka_key_new_random ();
  g_autofree char *expected = NULL;
  const LankaKey *current = fixture->key;
  const LankaKey *next = other;
  gint64 started = g_get_monotonic_time ();
  gint64 window;
  guint n_old = 0;
  guint n_new = 0;
  guint n_inside = 0;
  guint n_reported = 0;

  create_database (fixture->path, fixture->key);
  fill_database (fixture->path, fixture->key, REKEY_ROWS, REKEY_ROW_SIZE);

  {
    g_autoptr(LankaDatabase) database = open_checked (fixture->path, fixture->key);

    expected = digest_drafts (database);
    lanka_database_close (database);
  }

  /* One undisturbed run measures how long the writer takes from "open" to
   * its exit; the kills then spread over that window and a little beyond.
   */
  {
    g_autoptr(GString) output = g_string_new (NULL);
    int fd = -1;
    int status = 0;
    gint64 opened;
    GPid pid;

    pid = spawn_writer ("rekey", fixture->path, current, next, &fd);
    read_output (fd, output, "open\n");
    opened = g_get_monotonic_time ();
    read_output (fd, output, NULL);
    window = g_get_monotonic_time () - opened;
    g_close (fd, NULL);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_spawn_close_pid (pid);
    g_assert_nonnull (strstr (output->str, "closed\n"));

    g_assert_false (opens_with (fixture->path, current));
    g_assert_true (opens_with (fixture->path, next));
    current = other;
    next = fixture->key;

    g_test_message ("undisturbed rekey of %u rows: %.1f ms from open to exit",
                    REKEY_ROWS, window / 1000.0);
  }

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(LankaDatabase) database = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      g_autofree char *digest = NULL;
      gboolean old_opens;
      gboolean new_opens;
      gboolean reported;
      gboolean with_log;
      int fd = -1;
      GPid pid;

      pid = spawn_writer ("rekey", fixture->path, current, next, &fd);
      read_output (fd, output, "open\n");
      g_usleep (g_test_rand_int_range (0, (int)(window * 5 / 4) + 1));
      kill_and_reap (pid);
      read_output (fd, output, NULL);
      g_close (fd, NULL);

      reported = strstr (output->str, "rekeyed\n") != NULL;
      with_log = has_log (fixture->path);

      old_opens = opens_with (fixture->path, current);
      new_opens = opens_with (fixture->path, next);

      /* Exactly one key works, and a rekey that returned is never undone. */
      g_assert_true (old_opens != new_opens);
      if (reported)
        {
          g_assert_true (new_opens);
          n_reported++;
        }

      if (new_opens)
        {
          const LankaKey *swap = current;

          current = next;
          next = swap;
          n_new++;
        }
      else
        {
          /* New-key pages in the log without a commit: the kill landed
           * inside the rekey transaction.
           */
          if (with_log)
            n_inside++;
          n_old++;
        }

      database = open_checked (fixture->path, current);
      digest = digest_drafts (database);
      g_assert_cmpstr (digest, ==, expected);
      lanka_database_close (database);

      /* Trying the other key again, after a clean close, still fails. */
      g_assert_false (opens_with (fixture->path, next));
    }

  g_test_message ("%u kills during rekey: old key kept %u times (%u inside the rekey "
                  "transaction), new key %u times (%u after the rekey returned); %.1f s",
                  iterations, n_old, n_inside, n_new, n_reported,
                  (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);
}

/* Not a pass/fail test: run with -m perf to measure a rekey of about 30 MB. */
static void
test_rekey_time (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaKey) new_key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gint64 started;
  double elapsed;

  if (!g_test_perf ())
    {
      g_test_skip ("Only with -m perf");
      return;
    }

  create_database (fixture->path, fixture->key);
  fill_database (fixture->path, fixture->key, 22 * 1024, 1000);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);

  database = lanka_database_open (fixture->path, fixture->key, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  g_assert_true (lanka_database_rekey (database, new_key, &error));
  g_assert_no_error (error);
  elapsed = (g_get_monotonic_time () - started) / 1000.0;

  g_test_minimized_result (elapsed / 1000.0, "rekey of %.1f MB: %.1f ms",
                           st.st_size / (1024.0 * 1024.0), elapsed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reliability/kill-during-writes", Fixture, NULL,
              fixture_set_up, test_kill_during_writes, fixture_tear_down);
  g_test_add ("/reliability/kill-during-rekey", Fixture, NULL,
              fixture_set_up, test_kill_during_rekey, fixture_tear_down);
  g_test_add ("/reliability/rekey-time", Fixture, NULL,
              fixture_set_up, test_rekey_time, fixture_tear_down);

  return g_test_run ();
}
