/* lanka-backup-scheduler.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-backup-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-backup-scheduler.h"

/* The daily backup.  While a database is unlocked, and daily backups are on
 * and have a folder, the scheduler looks once an hour whether the last one is
 * a day old.  If so it writes lanka-YYYY-MM-DD.lankabackup into the folder and
 * removes the oldest daily backups beyond the number to keep.
 *
 * A backup folder is often a USB disk or a network share that is not always
 * there, so a failure is normal: it is reported once a day, and the next
 * hour simply tries again.
 */
struct _LankaBackupScheduler
{
  GObject        parent_instance;

  GSettings     *settings;
  LankaVault    *vault;
  LankaDatabase *database;

  /* Set while a backup runs; cancelled when the database goes away. */
  GCancellable  *cancellable;

  guint          timeout_id;

  /* The local date (YYYY-MM-DD) of the last failure that was reported. */
  char          *reported_day;
};

G_DEFINE_FINAL_TYPE (LankaBackupScheduler, lanka_backup_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  BACKED_UP,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define CHECK_INTERVAL_SECONDS (60 * 60)
#define DAILY_PREFIX           "lanka-"
#define DAILY_SUFFIX           ".lankabackup"

/* One backup from start to end: the scheduler may have moved on to another
 * database (lock, unlock) before the callbacks arrive.
 */
typedef struct
{
  LankaBackupScheduler *self;
  LankaVault           *vault;
  LankaDatabase        *database;
  GCancellable         *cancellable;
  GFile                *folder;
  GFile                *file;
  guint                 keep;
} BackupRun;

static void
backup_run_free (BackupRun *run)
{
  g_clear_object (&run->self);
  g_clear_object (&run->vault);
  g_clear_object (&run->database);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->folder);
  g_clear_object (&run->file);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackupRun, backup_run_free)

/**
 * lanka_backup_is_due:
 * @last_backup: when the last daily backup was made, in seconds since 1970,
 *   or 0 if never
 * @now: the current time, in seconds since 1970
 *
 * Returns: %TRUE if a daily backup should be made now
 */
gboolean
lanka_backup_is_due (gint64 last_backup,
                     gint64 now)
{
  /* A last backup "in the future" means the clock was wrong then or is
   * wrong now.  Waiting for it could mean weeks without a backup; one
   * backup too many costs nothing.
   */
  if (last_backup <= 0 || last_backup > now)
    return TRUE;

  return now - last_backup >= LANKA_BACKUP_INTERVAL;
}

/**
 * lanka_backup_dup_daily_name:
 * @date: the date of the backup, usually local time now
 *
 * Returns: (transfer full): the file name of the daily backup for @date
 */
char *
lanka_backup_dup_daily_name (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return g_date_time_format (date, DAILY_PREFIX "%Y-%m-%d" DAILY_SUFFIX);
}

/**
 * lanka_backup_is_daily_name:
 * @name: a file name
 *
 * Tells the daily backups from every other file in the folder: only these
 * are ever removed.  A backup the person made by hand and called, say,
 * "lanka-before-the-move.lankabackup" is not one of them.
 *
 * Returns: %TRUE if @name is exactly lanka-YYYY-MM-DD.lankabackup with a
 *   real date
 */
gboolean
lanka_backup_is_daily_name (const char *name)
{
  static const char pattern[] = DAILY_PREFIX "0000-00-00" DAILY_SUFFIX;
  const char *date;
  guint year;
  guint month;
  guint day;

  g_return_val_if_fail (name != NULL, FALSE);

  if (strlen (name) != strlen (pattern))
    return FALSE;

  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '0' ? !g_ascii_isdigit (name[i]) : name[i] != pattern[i])
        return FALSE;
    }

  date = name + strlen (DAILY_PREFIX);
  year = g_ascii_digit_value (date[0]) * 1000 + g_ascii_digit_value (date[1]) * 100 +
         g_ascii_digit_value (date[2]) * 10 + g_ascii_digit_value (date[3]);
  month = g_ascii_digit_value (date[5]) * 10 + g_ascii_digit_value (date[6]);
  day = g_ascii_digit_value (date[8]) * 10 + g_ascii_digit_value (date[9]);

  return g_date_valid_dmy (day, month, year);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * lanka_backup_prune:
 * @folder: the daily backup folder
 * @keep: how many daily backups to keep, at least 1
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the oldest daily backups in @folder so that @keep are left.
 * Only regular files named like a daily backup are counted or removed;
 * everything else in the folder is left alone.  Blocks: call it from a
 * worker thread.
 *
 * Returns: %TRUE if nothing needed removing or all of it was removed
 */
gboolean
lanka_backup_prune (GFile         *folder,
                    guint          keep,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (keep > 0, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Symbolic links are not followed: a link named like a backup is not
   * a backup, and what it points to is not ours to remove.
   */
  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable,
                                          error);
  if (enumerator == NULL)
    return FALSE;

  names = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      GFileInfo *info;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return FALSE;

      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          lanka_backup_is_daily_name (g_file_info_get_name (info)))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  if (names->len <= keep)
    return TRUE;

  /* The date in the name decides what is oldest, not the modification
   * time, which changes when a person copies the folder elsewhere.
   */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len - keep; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (folder, names->pdata[i]);

      if (!g_file_delete (file, cancellable, error))
        return FALSE;

      g_debug ("Removed the old daily backup %s", (const char *)names->pdata[i]);
    }

  return TRUE;
}

static void
set_busy (LankaBackupScheduler *self,
          GCancellable         *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  g_assert (LANKA_IS_BACKUP_SCHEDULER (self));

  g_set_object (&self->cancellable, cancellable);

  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
report_failure (LankaBackupScheduler *self,
                const GError         *error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");

  g_assert (LANKA_IS_BACKUP_SCHEDULER (self));

  g_debug ("The daily backup failed: %s", error->message);

  /* The next try is in an hour: saying the same thing every hour of a day
   * the USB disk stays at home would only teach people to ignore it.
   */
  if (g_strcmp0 (today, self->reported_day) == 0)
    return;

  g_free (self->reported_day);
  self->reported_day = g_steal_pointer (&today);

  g_signal_emit (self, signals[FAILED], 0, error);
}

static void
finish_run (BackupRun    *run,
            const GError *error)
{
  LankaBackupScheduler *self = run->self;

  g_assert (LANKA_IS_BACKUP_SCHEDULER (self));

  /* A run that was cancelled by locking no longer owns the busy state. */
  if (run->cancellable == self->cancellable)
    set_busy (self, NULL);

  if (error == NULL)
    g_signal_emit (self, signals[BACKED_UP], 0, run->file);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report_failure (self, error);
}

static void
prune_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BackupRun *run = task_data;
  g_autoptr(GError) error = NULL;

  if (!lanka_backup_prune (run->folder, run->keep, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
prune_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  BackupRun *run = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_prefix_error (&error, _("The backup was saved, but old backups could not be removed: "));

  finish_run (run, error);
}

static void
backup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BackupRun) run = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (!lanka_vault_backup_finish (LANKA_VAULT (object), result, &error))
    {
      finish_run (run, error);
      return;
    }

  /* The backup exists and was verified: it counts even if pruning fails. */
  g_settings_set_int64 (run->self->settings, "backup-last", g_get_real_time () / G_USEC_PER_SEC);

  task = g_task_new (NULL, run->cancellable, prune_cb, NULL);
  g_task_set_source_tag (task, backup_cb);
  g_task_set_task_data (task, g_steal_pointer (&run), (GDestroyNotify)backup_run_free);
  g_task_run_in_thread (task, prune_in_thread);
}

static void
query_folder_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BackupRun) run = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  BackupRun *pending;

  info = g_file_query_info_finish (G_FILE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_run (run, error);
      return;
    }

  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *folder = g_file_get_path (run->folder);

      /* The usual reason is a disk that is not connected: say so, instead
       * of the system's "No such file or directory".
       */
      g_clear_error (&error);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is the path of a folder */
                   _("The backup folder “%s” cannot be found. If it is on a USB disk or a network "
                     "share, connect it; Länka tries again every hour."),
                   folder);
      finish_run (run, error);
      return;
    }

  path = g_file_get_path (run->file);
  pending = g_steal_pointer (&run);
  lanka_vault_backup_async (pending->vault,
                            pending->database,
                            path,
                            pending->cancellable,
                            backup_cb,
                            pending);
}

/**
 * lanka_backup_scheduler_check:
 * @self: a #LankaBackupScheduler
 *
 * Starts the daily backup if one is due.  Called every hour, and when the
 * database is unlocked or the settings change.
 */
void
lanka_backup_scheduler_check (LankaBackupScheduler *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  BackupRun *run;

  g_return_if_fail (LANKA_IS_BACKUP_SCHEDULER (self));

  if (self->database == NULL || self->cancellable != NULL)
    return;

  if (!g_settings_get_boolean (self->settings, "backup-automatic"))
    return;

  folder = g_settings_get_string (self->settings, "backup-folder");
  if (folder[0] == '\0')
    return;

  now = g_date_time_new_now_local ();
  if (!lanka_backup_is_due (g_settings_get_int64 (self->settings, "backup-last"),
                            g_date_time_to_unix (now)))
    return;

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);

  name = lanka_backup_dup_daily_name (now);

  run = g_new0 (BackupRun, 1);
  run->self = g_object_ref (self);
  run->vault = g_object_ref (self->vault);
  run->database = g_object_ref (self->database);
  run->cancellable = g_object_ref (cancellable);
  run->folder = g_file_new_for_path (folder);
  run->file = g_file_get_child (run->folder, name);
  run->keep = MAX (1, g_settings_get_uint (self->settings, "backup-keep"));

  /* Asked asynchronously: a network share that has gone away can take
   * a long time to say so.
   */
  g_file_query_info_async (run->folder,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_LOW,
                           cancellable,
                           query_folder_cb,
                           run);
}

/**
 * lanka_backup_scheduler_get_busy:
 * @self: a #LankaBackupScheduler
 *
 * Returns: %TRUE while a daily backup is being written
 */
gboolean
lanka_backup_scheduler_get_busy (LankaBackupScheduler *self)
{
  g_return_val_if_fail (LANKA_IS_BACKUP_SCHEDULER (self), FALSE);

  return self->cancellable != NULL;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  lanka_backup_scheduler_check (LANKA_BACKUP_SCHEDULER (user_data));

  return G_SOURCE_CONTINUE;
}

/**
 * lanka_backup_scheduler_set_database:
 * @self: a #LankaBackupScheduler
 * @vault: (nullable): the vault @database belongs to
 * @database: (nullable): the unlocked database, or %NULL while locked
 *
 * Daily backups are made only while a database is set.  The application
 * sets %NULL for the fictional sample database: it needs no backups.
 */
void
lanka_backup_scheduler_set_database (LankaBackupScheduler *self,
                                     LankaVault           *vault,
                                     LankaDatabase        *database)
{
  g_return_if_fail (LANKA_IS_BACKUP_SCHEDULER (self));
  g_return_if_fail (!vault || LANKA_IS_VAULT (vault));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));
  g_return_if_fail ((vault == NULL) == (database == NULL));

  if (self->database == database && self->vault == vault)
    return;

  /* A backup of a database that is being closed would fail anyway. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  g_set_object (&self->vault, vault);
  g_set_object (&self->database, database);

  if (database == NULL)
    return;

  self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_timeout_cb, self);
  lanka_backup_scheduler_check (self);
}

static void
on_settings_changed_cb (LankaBackupScheduler *self,
                        const char           *key,
                        GSettings            *settings)
{
  /* Turning daily backups on, or choosing a folder, makes the first one
   * right away instead of within the hour.
   */
  if (g_strcmp0 (key, "backup-automatic") == 0 || g_strcmp0 (key, "backup-folder") == 0)
    lanka_backup_scheduler_check (self);
}

/**
 * lanka_backup_scheduler_new:
 * @settings: the application's settings
 *
 * Returns: (transfer full): a new #LankaBackupScheduler
 */
LankaBackupScheduler *
lanka_backup_scheduler_new (GSettings *settings)
{
  LankaBackupScheduler *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LANKA_TYPE_BACKUP_SCHEDULER, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings,
                           "changed",
                           G_CALLBACK (on_settings_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  return self;
}

static void
lanka_backup_scheduler_dispose (GObject *object)
{
  LankaBackupScheduler *self = (LankaBackupScheduler *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->database);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lanka_backup_scheduler_parent_class)->dispose (object);
}

static void
lanka_backup_scheduler_finalize (GObject *object)
{
  LankaBackupScheduler *self = (LankaBackupScheduler *)object;

  g_clear_pointer (&self->reported_day, g_free);

  G_OBJECT_CLASS (lanka_backup_scheduler_parent_class)->finalize (object);
}

static void
lanka_backup_scheduler_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LankaBackupScheduler *self = LANKA_BACKUP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, lanka_backup_scheduler_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_backup_scheduler_class_init (LankaBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_backup_scheduler_dispose;
  object_class->finalize = lanka_backup_scheduler_finalize;
  object_class->get_property = lanka_backup_scheduler_get_property;

  /**
   * LankaBackupScheduler:busy:
   *
   * Whether a daily backup is being written.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaBackupScheduler::backed-up:
   * @self: a #LankaBackupScheduler
   * @file: the new daily backup
   *
   * Emitted when a daily backup was written and verified, and the old
   * ones beyond the number to keep were removed.
   */
  signals[BACKED_UP] =
    g_signal_new ("backed-up",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * LankaBackupScheduler::failed:
   * @self: a #LankaBackupScheduler
   * @error: what went wrong
   *
   * Emitted when a daily backup failed, at most once a day.  Länka goes on
   * working, and the scheduler tries again within the hour.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
lanka_backup_scheduler_init (LankaBackupScheduler *self)
{
}
