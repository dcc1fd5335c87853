/* lanka-crash-writer.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The process that test-reliability kills with SIGKILL at random moments.
 *
 *   lanka-crash-writer write PATH   commits forever: each transaction adds one
 *                                   "crash" draft and raises a counter draft,
 *                                   then prints the counter
 *   lanka-crash-writer rekey PATH   prints "open", rekeys, prints "rekeyed",
 *                                   closes and prints "closed"
 *
 * The keys come in the environment as hex (LANKA_CRASH_KEY and, for rekey,
 * LANKA_CRASH_NEW_KEY), never on the command line, where other users could
 * read them.
 */

#include "config.h"

#include "lanka-database.h"
#include "lanka-draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNTER_KIND   "crash-counter"
#define COUNTER_OBJECT "counter"
#define ROW_KIND       "crash"

/* The parent kills the writer long before this; the cap only keeps an
 * orphaned writer from filling the disk.
 */
#define MAX_COMMITS 1000000

static LankaKey *
key_from_environment (const char *name)
{
  g_autoptr(GError) error = NULL;
  const char *hex = g_getenv (name);
  LankaKey *key;

  if (hex == NULL)
    g_error ("%s is not set", name);

  key = lanka_key_new_from_hex (hex, &error);
  g_assert_no_error (error);

  return key;
}

static gint64
read_counter (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  bytes = lanka_draft_load (database, COUNTER_KIND, COUNTER_OBJECT, NULL, &error);
  g_assert_no_error (error);

  if (bytes == NULL)
    return 0;

  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);

  return g_ascii_strtoll (text, NULL, 10);
}

static int
run_writer (const char *path)
{
  g_autoptr(LankaKey) key = key_from_environment ("LANKA_CRASH_KEY");
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  gint64 counter;

  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);

  counter = read_counter (database);

  for (guint i = 0; i < MAX_COMMITS; i++)
    {
      g_autofree char *object = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GBytes) row = NULL;
      g_autoptr(GBytes) value = NULL;

      counter++;
      object = g_strdup_printf ("%010" G_GINT64_FORMAT, counter);
      text = g_strdup_printf ("%" G_GINT64_FORMAT, counter);
      /* A row of a realistic size, so that commits touch several pages. */
      row = g_bytes_new_take (g_strnfill (300, 'r'), 300);
      value = g_bytes_new (text, strlen (text));

      g_assert_true (lanka_database_begin (database, &error));
      g_assert_true (lanka_draft_save (database, ROW_KIND, object, row, &error));
      g_assert_true (lanka_draft_save (database, COUNTER_KIND, COUNTER_OBJECT, value, &error));
      g_assert_true (lanka_database_commit (database, &error));
      g_assert_no_error (error);

      /* Only after COMMIT returned: a printed value is a durable one. */
      printf ("%" G_GINT64_FORMAT "\n", counter);
      fflush (stdout);
    }

  return EXIT_SUCCESS;
}

static int
run_rekey (const char *path)
{
  g_autoptr(LankaKey) key = key_from_environment ("LANKA_CRASH_KEY");
  g_autoptr(LankaKey) new_key = key_from_environment ("LANKA_CRASH_NEW_KEY");
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);

  printf ("open\n");
  fflush (stdout);

  g_assert_true (lanka_database_rekey (database, new_key, &error));
  g_assert_no_error (error);

  printf ("rekeyed\n");
  fflush (stdout);

  lanka_database_close (database);

  printf ("closed\n");
  fflush (stdout);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s write|rekey PATH\n", argv[0]);
      return 2;
    }

  if (g_str_equal (argv[1], "write"))
    return run_writer (argv[2]);
  if (g_str_equal (argv[1], "rekey"))
    return run_rekey (argv[2]);

  fprintf (stderr, "Unknown mode %s\n", argv[1]);
  return 2;
}
