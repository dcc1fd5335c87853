/* test-ui-backup-scheduler.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lanka-backup-scheduler.h"
#include "lanka-test-util.h"

/* The daily backup: when one is due, what it is called, which files it may
 * remove, and, against a real vault, that it writes a backup, keeps the
 * newest ones and reports a missing folder once a day.  No display needed.
 */

typedef gboolean (*Condition) (gpointer data);

static void
iterate_until (Condition condition,
               gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
file_exists (const char *folder,
             const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static guint
count_daily (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      /* Directories and links with such names are not backups. */
      if (lanka_backup_is_daily_name (name) &&
          g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
          !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        n++;
    }

  return n;
}

static void
test_due (void)
{
  gint64 now = 1774000000;

  /* Never backed up: due at once. */
  g_assert_true (lanka_backup_is_due (0, now));

  g_assert_false (lanka_backup_is_due (now, now));
  g_assert_false (lanka_backup_is_due (now - 60 * 60, now));
  g_assert_false (lanka_backup_is_due (now - LANKA_BACKUP_INTERVAL + 1, now));
  g_assert_true (lanka_backup_is_due (now - LANKA_BACKUP_INTERVAL, now));
  g_assert_true (lanka_backup_is_due (now - 30 * LANKA_BACKUP_INTERVAL, now));

  /* A last backup in the future means a wrong clock: better one too many. */
  g_assert_true (lanka_backup_is_due (now + 60, now));
}

static void
test_daily_name (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = g_date_time_new (zone, 2026, 3, 5, 23, 59, 0);
  g_autofree char *name = lanka_backup_dup_daily_name (date);
  static const char *others[] = {
    "",
    "lanka-.lankabackup",
    "lanka-2026-3-5.lankabackup",
    "lanka-2026-13-05.lankabackup",
    "lanka-2026-02-30.lankabackup",
    "lanka-2026-00-10.lankabackup",
    "lanka-before-the-move.lankabackup",
    "Lanka-2026-03-05.lankabackup",
    "lanka-2026-03-05.lankabackup.partial",
    ".lanka-2026-03-05.lankabackup.X3bq9a",
    "lanka-2026-03-05.lankabackup~",
    "lanka-2026-03-05.LANKABACKUP",
    "lanka-2026-03-05 .lankabackup",
    "lanka-2026-03-0a.lankabackup",
  };

  g_assert_cmpstr (name, ==, "lanka-2026-03-05.lankabackup");
  g_assert_true (lanka_backup_is_daily_name (name));
  g_assert_true (lanka_backup_is_daily_name ("lanka-2024-02-29.lankabackup"));

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      if (lanka_backup_is_daily_name (others[i]))
        g_error ("“%s” was taken for a daily backup", others[i]);
    }
}

static void
test_prune (void)
{
  g_autofree char *folder = lanka_test_make_data_dir ();
  g_autofree char *outside = lanka_test_make_data_dir ();
  g_autofree char *target = g_build_filename (outside, "precious.lankabackup", NULL);
  g_autofree char *link = g_build_filename (folder, "lanka-2019-12-30.lankabackup", NULL);
  g_autofree char *subdir = g_build_filename (folder, "lanka-2019-12-31.lankabackup", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  /* Eight daily backups, written out of order … */
  for (guint day = 8; day >= 1; day--)
    {
      g_autofree char *name = g_strdup_printf ("lanka-2020-01-%02u.lankabackup", day);

      write_file (folder, name, "daily");
    }

  /* … and what a person or another program keeps beside them. */
  write_file (folder, "lanka-before-the-move.lankabackup", "by hand");
  write_file (folder, "notes.txt", "mine");
  write_file (folder, ".lanka-2020-01-09.lankabackup.Xy12ab", "half written");
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  write_file (outside, "precious.lankabackup", "not ours");
  g_assert_cmpint (symlink (target, link), ==, 0);

  /* Nothing beyond the number to keep: nothing goes. */
  g_assert_true (lanka_backup_prune (file, 8, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_daily (folder), ==, 8);

  g_assert_true (lanka_backup_prune (file, 3, NULL, &error));
  g_assert_no_error (error);

  /* The three newest by date stay, the five oldest are gone … */
  g_assert_true (file_exists (folder, "lanka-2020-01-08.lankabackup"));
  g_assert_true (file_exists (folder, "lanka-2020-01-07.lankabackup"));
  g_assert_true (file_exists (folder, "lanka-2020-01-06.lankabackup"));
  for (guint day = 1; day <= 5; day++)
    {
      g_autofree char *name = g_strdup_printf ("lanka-2020-01-%02u.lankabackup", day);

      g_assert_false (file_exists (folder, name));
    }

  /* … and nothing else was touched, not even what looks like a backup. */
  g_assert_true (file_exists (folder, "lanka-before-the-move.lankabackup"));
  g_assert_true (file_exists (folder, "notes.txt"));
  g_assert_true (file_exists (folder, ".lanka-2020-01-09.lankabackup.Xy12ab"));
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));

  /* Keeping one keeps the newest. */
  g_assert_true (lanka_backup_prune (file, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_daily (folder), ==, 1);
  g_assert_true (file_exists (folder, "lanka-2020-01-08.lankabackup"));

  lanka_test_remove_tree (folder);
  lanka_test_remove_tree (outside);
}

static void
test_prune_missing_folder (void)
{
  g_autofree char *parent = lanka_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (parent, "usb-disk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  g_assert_false (lanka_backup_prune (file, 3, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  lanka_test_remove_tree (parent);
}

/* A real vault with a real database, for the scheduler itself. */
typedef struct
{
  char          *data_dir;
  char          *folder;
  GSettings     *settings;
  LankaVault    *vault;
  LankaDatabase *database;
  LankaBackupScheduler *scheduler;
  GPtrArray     *backed_up;
  GPtrArray     *failures;
} Fixture;

static void
on_create_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  fixture->database = lanka_vault_create_finish (LANKA_VAULT (object), result, &code, &error);
  g_assert_no_error (error);
}

static gboolean
has_database (gpointer data)
{
  return ((Fixture *)data)->database != NULL;
}

static void
on_backed_up_cb (LankaBackupScheduler *scheduler,
                 GFile                *file,
                 Fixture              *fixture)
{
  g_ptr_array_add (fixture->backed_up, g_file_get_path (file));
}

static void
on_failed_cb (LankaBackupScheduler *scheduler,
              const GError         *error,
              Fixture              *fixture)
{
  g_ptr_array_add (fixture->failures, g_error_copy (error));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *vault_dir = NULL;

  fixture->data_dir = lanka_test_make_data_dir ();
  fixture->folder = g_build_filename (fixture->data_dir, "backups", NULL);
  g_assert_cmpint (g_mkdir (fixture->folder, 0700), ==, 0);

  vault_dir = g_build_filename (fixture->data_dir, "lanka", NULL);
  fixture->vault = lanka_vault_new (vault_dir);
  lanka_vault_create_async (fixture->vault, NULL, NULL, on_create_cb, fixture);
  iterate_until (has_database, fixture);

  /* The memory backend starts every test from the defaults. */
  fixture->settings = g_settings_new ("io.github.lanka.Lanka");
  g_settings_set_string (fixture->settings, "backup-folder", fixture->folder);
  g_settings_set_uint (fixture->settings, "backup-keep", 3);
  g_settings_set_int64 (fixture->settings, "backup-last", 0);
  g_settings_set_boolean (fixture->settings, "backup-automatic", TRUE);

  fixture->backed_up = g_ptr_array_new_with_free_func (g_free);
  fixture->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  fixture->scheduler = lanka_backup_scheduler_new (fixture->settings);
  g_signal_connect (fixture->scheduler, "backed-up", G_CALLBACK (on_backed_up_cb), fixture);
  g_signal_connect (fixture->scheduler, "failed", G_CALLBACK (on_failed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lanka_backup_scheduler_set_database (fixture->scheduler, NULL, NULL);
  g_assert_finalize_object (fixture->scheduler);

  lanka_database_close (fixture->database);
  g_clear_object (&fixture->database);
  g_clear_object (&fixture->vault);

  g_settings_reset (fixture->settings, "backup-folder");
  g_settings_reset (fixture->settings, "backup-keep");
  g_settings_reset (fixture->settings, "backup-last");
  g_settings_reset (fixture->settings, "backup-automatic");
  g_clear_object (&fixture->settings);

  g_ptr_array_unref (fixture->backed_up);
  g_ptr_array_unref (fixture->failures);
  lanka_test_remove_tree (fixture->data_dir);
  g_free (fixture->data_dir);
  g_free (fixture->folder);
}

static gboolean
is_idle (gpointer data)
{
  return !lanka_backup_scheduler_get_busy (data);
}

static void
test_daily_backup (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = lanka_backup_dup_daily_name (now);
  g_autofree char *path = g_build_filename (fixture->folder, today, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last;
  gsize length;

  for (guint day = 1; day <= 8; day++)
    {
      g_autofree char *name = g_strdup_printf ("lanka-2020-01-%02u.lankabackup", day);

      write_file (fixture->folder, name, "an old backup");
    }
  write_file (fixture->folder, "lanka-before-the-move.lankabackup", "by hand");

  /* Locked: nothing happens, however overdue. */
  lanka_backup_scheduler_check (fixture->scheduler);
  g_assert_false (lanka_backup_scheduler_get_busy (fixture->scheduler));

  /* Unlocking makes the overdue backup at once. */
  lanka_backup_scheduler_set_database (fixture->scheduler, fixture->vault, fixture->database);
  g_assert_true (lanka_backup_scheduler_get_busy (fixture->scheduler));
  iterate_until (is_idle, fixture->scheduler);

  g_assert_cmpuint (fixture->failures->len, ==, 0);
  g_assert_cmpuint (fixture->backed_up->len, ==, 1);
  g_assert_cmpstr (fixture->backed_up->pdata[0], ==, path);

  /* A real backup, named by today's date … */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8);
  g_assert_true (memcmp (contents, "LANKABAK", 8) == 0);

  /* … recorded as the last one … */
  last = g_settings_get_int64 (fixture->settings, "backup-last");
  g_assert_cmpint (last, <=, g_date_time_to_unix (now) + 60);
  g_assert_cmpint (last, >=, g_date_time_to_unix (now) - 60);

  /* … with the two newest old ones beside it, and the rest removed. */
  g_assert_cmpuint (count_daily (fixture->folder), ==, 3);
  g_assert_true (file_exists (fixture->folder, "lanka-2020-01-08.lankabackup"));
  g_assert_true (file_exists (fixture->folder, "lanka-2020-01-07.lankabackup"));
  g_assert_false (file_exists (fixture->folder, "lanka-2020-01-06.lankabackup"));
  g_assert_true (file_exists (fixture->folder, "lanka-before-the-move.lankabackup"));

  /* Not due again for a day: the hourly check does nothing. */
  lanka_backup_scheduler_check (fixture->scheduler);
  g_assert_false (lanka_backup_scheduler_get_busy (fixture->scheduler));
  g_assert_cmpuint (fixture->backed_up->len, ==, 1);
}

static void
test_turned_on (Fixture       *fixture,
                gconstpointer  data)
{
  g_settings_set_boolean (fixture->settings, "backup-automatic", FALSE);

  /* Off: unlocking makes no backup. */
  lanka_backup_scheduler_set_database (fixture->scheduler, fixture->vault, fixture->database);
  g_assert_false (lanka_backup_scheduler_get_busy (fixture->scheduler));

  /* Turning daily backups on makes the first one right away. */
  g_settings_set_boolean (fixture->settings, "backup-automatic", TRUE);
  g_assert_true (lanka_backup_scheduler_get_busy (fixture->scheduler));
  iterate_until (is_idle, fixture->scheduler);
  g_assert_cmpuint (fixture->backed_up->len, ==, 1);
  g_assert_cmpuint (count_daily (fixture->folder), ==, 1);

  /* Without a folder there is nowhere to write: nothing happens. */
  g_settings_set_int64 (fixture->settings, "backup-last", 0);
  g_settings_set_string (fixture->settings, "backup-folder", "");
  lanka_backup_scheduler_check (fixture->scheduler);
  g_assert_false (lanka_backup_scheduler_get_busy (fixture->scheduler));
  g_assert_cmpuint (fixture->failures->len, ==, 0);
}

static void
test_failure_once_a_day (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->data_dir, "usb-disk", NULL);
  const GError *error;

  g_settings_set_string (fixture->settings, "backup-folder", missing);

  lanka_backup_scheduler_set_database (fixture->scheduler, fixture->vault, fixture->database);
  iterate_until (is_idle, fixture->scheduler);

  g_assert_cmpuint (fixture->backed_up->len, ==, 0);
  g_assert_cmpuint (fixture->failures->len, ==, 1);
  error = fixture->failures->pdata[0];
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));

  /* Nothing was written, and the last backup stays "never". */
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "backup-last"), ==, 0);

  /* The next hour tries again, but says nothing new the same day. */
  lanka_backup_scheduler_check (fixture->scheduler);
  g_assert_true (lanka_backup_scheduler_get_busy (fixture->scheduler));
  iterate_until (is_idle, fixture->scheduler);
  g_assert_cmpuint (fixture->failures->len, ==, 1);

  /* Once the disk is back, the backup is made. */
  g_assert_cmpint (g_mkdir (missing, 0700), ==, 0);
  lanka_backup_scheduler_check (fixture->scheduler);
  iterate_until (is_idle, fixture->scheduler);
  g_assert_cmpuint (fixture->backed_up->len, ==, 1);
  g_assert_cmpuint (count_daily (missing), ==, 1);
}

static void
test_lock_cancels (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;

  lanka_backup_scheduler_set_database (fixture->scheduler, fixture->vault, fixture->database);
  g_assert_true (lanka_backup_scheduler_get_busy (fixture->scheduler));

  /* Locking stops the run: no report, no new "last backup". */
  lanka_backup_scheduler_set_database (fixture->scheduler, NULL, NULL);
  g_assert_false (lanka_backup_scheduler_get_busy (fixture->scheduler));

  /* Let the worker wind down. */
  for (guint i = 0; i < 500; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_assert_cmpuint (fixture->failures->len, ==, 0);

  /* The run was cancelled before the copy was written. */
  g_assert_cmpuint (fixture->backed_up->len, ==, 0);
  g_assert_cmpuint (count_daily (fixture->folder), ==, 0);
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "backup-last"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/backup-scheduler/due", test_due);
  g_test_add_func ("/ui/backup-scheduler/daily-name", test_daily_name);
  g_test_add_func ("/ui/backup-scheduler/prune", test_prune);
  g_test_add_func ("/ui/backup-scheduler/prune-missing-folder", test_prune_missing_folder);
  g_test_add ("/ui/backup-scheduler/daily-backup", Fixture, NULL,
              fixture_set_up, test_daily_backup, fixture_tear_down);
  g_test_add ("/ui/backup-scheduler/turned-on", Fixture, NULL,
              fixture_set_up, test_turned_on, fixture_tear_down);
  g_test_add ("/ui/backup-scheduler/failure-once-a-day", Fixture, NULL,
              fixture_set_up, test_failure_once_a_day, fixture_tear_down);
  g_test_add ("/ui/backup-scheduler/lock-cancels", Fixture, NULL,
              fixture_set_up, test_lock_cancels, fixture_tear_down);

  return g_test_run ();
}
