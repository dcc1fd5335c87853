/* lanka-due-notifier.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-due-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-due-notifier.h"
#include "lanka-record.h"
#include "lanka-tasks.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* While Länka is unlocked, a desktop notification says which tasks fall
 * due today: once a day for each task, again after midnight for the new
 * day's, and gone when Länka locks.
 *
 * A notification is seen by anyone near the screen and may be kept by
 * the desktop: it names case numbers and kinds of task only, never a
 * person, and never the title of a task someone wrote, which could name
 * one.  Clicking it shows the Due view (app.show-due).
 *
 * GIO's desktop backend complains when no notification server answers,
 * as on a bare X session; the server is looked for first, and without
 * one there is nothing to show the notification anyway.
 */

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"
/* Seconds after an unlock before today's tasks are looked up: the
 * window's first frame does not wait for them.
 */
#define UNLOCK_DELAY_S 2

struct _LankaDueNotifier
{
  GObject        parent_instance;

  GApplication  *application;
  LankaDatabase *database;

  /* The uuids of the tasks announced on announced_day (a Julian day). */
  GHashTable    *announced;
  guint32        announced_day;

  /* The notification waiting for the server's answer. */
  GNotification *pending;
  GCancellable  *cancellable;

  guint          midnight_source;
  /* The first look after an unlock, once the window is drawn. */
  guint          unlock_source;
  guint          shown : 1;
};

G_DEFINE_FINAL_TYPE (LankaDueNotifier, lanka_due_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_midnight (LankaDueNotifier *self);

/* "Protection assessment": what the notification may say of a task. */
static const char *
get_kind_label (LankaRecord *task)
{
  const char *kind = lanka_record_get (task, "kind");
  const char *label = kind != NULL ? lanka_vocabulary_get_label (LANKA_VOCABULARY_TASK_KIND, kind)
                                   : NULL;

  return label != NULL ? label : lanka_vocabulary_get_label (LANKA_VOCABULARY_TASK_KIND,
                                                             "manual");
}

static gboolean
is_due_today (LankaRecord *task,
              GDate       *today)
{
  return lanka_record_get (task, "completed") == NULL &&
         lanka_task_get_group (task, today) == LANKA_DUE_TODAY;
}

/**
 * lanka_due_notifier_dup_body:
 * @tasks: tasks (#LankaRecord), as lanka_tasks_list_due() gives them
 * @today: the day it is
 *
 * The text of the notification: the open tasks of @tasks due on @today,
 * each as its case number and kind, "2026-0042: Protection assessment;
 * 2026-0107: Permit ends", the first few of them and then how many more.
 * Nothing else of a case or a task goes into it.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when no task
 *   is due on @today
 */
char *
lanka_due_notifier_dup_body (GListModel *tasks,
                             GDate      *today)
{
  g_autoptr(GString) body = NULL;
  guint n_due = 0;
  guint n_shown = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  body = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(LankaRecord) task = g_list_model_get_item (tasks, i);
      g_autofree char *item = NULL;

      if (!is_due_today (task, today))
        continue;

      n_due++;
      if (n_shown == LANKA_DUE_NOTIFICATION_MAX_SHOWN)
        continue;

      /* Translators: one task in the notification of tasks due today: a
       * case number and the kind of task, "2026-0042: Protection
       * assessment"
       */
      item = g_strdup_printf (C_("due notification", "%s: %s"),
                              lanka_record_get (task, "case_number") ?: "",
                              get_kind_label (task));
      if (n_shown > 0)
        /* Translators: between the tasks in the notification of tasks due today */
        g_string_append (body, C_("due notification", "; "));
      g_string_append (body, item);
      n_shown++;
    }

  if (n_due == 0)
    return NULL;

  if (n_due > n_shown)
    {
      guint more = n_due - n_shown;

      g_string_append_c (body, ' ');
      /* Translators: after the tasks named in the notification of tasks due today */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 more),
                              more);
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static gboolean
can_send (LankaDueNotifier *self)
{
  return self->application != NULL &&
         g_application_get_is_registered (self->application) &&
         !g_application_get_is_remote (self->application);
}

static void
send_pending (LankaDueNotifier *self)
{
  g_autoptr(GNotification) notification = g_steal_pointer (&self->pending);

  if (notification == NULL || self->database == NULL || !can_send (self))
    return;

  g_application_send_notification (self->application, LANKA_DUE_NOTIFICATION_ID, notification);
  self->shown = TRUE;
}

static void
on_server_started_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LankaDueNotifier) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    {
      g_debug ("No notification server: %s", error->message);
      g_clear_object (&self->pending);
      return;
    }

  send_pending (self);
}

/* Sends @notification once a notification server is known to be there
 * (or can be started).  Inside a sandbox the portal takes it.
 */
static void
deliver (LankaDueNotifier *self,
         GNotification    *notification)
{
  GDBusConnection *connection;

  g_set_object (&self->pending, notification);

  if (!can_send (self))
    return;

  connection = g_application_get_dbus_connection (self->application);
  if (connection == NULL)
    {
      g_clear_object (&self->pending);
      return;
    }

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      send_pending (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_dbus_connection_call (connection,
                          "org.freedesktop.DBus",
                          "/org/freedesktop/DBus",
                          "org.freedesktop.DBus",
                          "StartServiceByName",
                          g_variant_new ("(su)", NOTIFICATIONS_NAME, 0),
                          G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          self->cancellable,
                          on_server_started_cb,
                          g_object_ref (self));
}

/**
 * lanka_due_notifier_withdraw:
 * @self: a #LankaDueNotifier
 *
 * Takes the notification off the desktop, and one about to be sent
 * stays unsent.
 */
void
lanka_due_notifier_withdraw (LankaDueNotifier *self)
{
  g_return_if_fail (LANKA_IS_DUE_NOTIFIER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);

  if (self->shown && self->application != NULL)
    g_application_withdraw_notification (self->application, LANKA_DUE_NOTIFICATION_ID);
  self->shown = FALSE;
}

/**
 * lanka_due_notifier_check:
 * @self: a #LankaDueNotifier
 * @today: (nullable): the day it is, %NULL for the clock's
 *
 * Looks at the tasks due @today now.  When one of them was not announced
 * yet today, the notification names them all; when none is left open,
 * the notification goes.
 *
 * Returns: (transfer full) (nullable): the text of the notification sent
 *   now, or %NULL when nothing new was due
 */
char *
lanka_due_notifier_check (LankaDueNotifier *self,
                          GDate            *today)
{
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gboolean news = FALSE;
  GDate day;

  g_return_val_if_fail (LANKA_IS_DUE_NOTIFIER (self), NULL);

  if (self->database == NULL || !lanka_database_is_open (self->database))
    {
      lanka_due_notifier_withdraw (self);
      return NULL;
    }

  lanka_date_get_today (today, &day);

  /* A new day announces its tasks anew. */
  if (g_date_get_julian (&day) != self->announced_day)
    {
      g_hash_table_remove_all (self->announced);
      self->announced_day = g_date_get_julian (&day);
    }

  tasks = lanka_tasks_list_due (self->database, &day, &day, 0, &error);
  if (tasks == NULL)
    {
      if (error != NULL)
        g_debug ("The tasks due could not be read: %s", error->message);
      return NULL;
    }

  body = lanka_due_notifier_dup_body (tasks, &day);
  if (body == NULL)
    {
      lanka_due_notifier_withdraw (self);
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(LankaRecord) task = g_list_model_get_item (tasks, i);

      if (is_due_today (task, &day) &&
          g_hash_table_add (self->announced, g_strdup (lanka_record_get_uuid (task))))
        news = TRUE;
    }

  if (!news)
    return NULL;

  notification = g_notification_new (_("Tasks due today"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-due");
  deliver (self, notification);

  return g_steal_pointer (&body);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  LankaDueNotifier *self = user_data;
  g_autofree char *body = NULL;

  self->midnight_source = 0;
  body = lanka_due_notifier_check (self, NULL);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

/* The next check is a little after midnight, when the day's tasks are
 * due.  The clock may have been set since; the check after that finds
 * out by itself.
 */
static void
schedule_midnight (LankaDueNotifier *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GTimeSpan until;

  g_clear_handle_id (&self->midnight_source, g_source_remove);

  if (self->database == NULL)
    return;

  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  midnight = g_date_time_add_days (today, 1);
  until = g_date_time_difference (midnight, now);

  self->midnight_source = g_timeout_add_seconds (MAX (1, until / G_TIME_SPAN_SECOND) + 1,
                                                 on_midnight_cb, self);
}

static gboolean
on_unlocked_cb (gpointer user_data)
{
  LankaDueNotifier *self = user_data;
  g_autofree char *body = NULL;

  self->unlock_source = 0;
  body = lanka_due_notifier_check (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
lanka_due_notifier_dispose (GObject *object)
{
  LankaDueNotifier *self = (LankaDueNotifier *)object;

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  g_clear_handle_id (&self->unlock_source, g_source_remove);
  if (self->application != NULL)
    lanka_due_notifier_withdraw (self);
  g_clear_object (&self->database);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (lanka_due_notifier_parent_class)->dispose (object);
}

static void
lanka_due_notifier_finalize (GObject *object)
{
  LankaDueNotifier *self = (LankaDueNotifier *)object;

  g_clear_pointer (&self->announced, g_hash_table_unref);

  G_OBJECT_CLASS (lanka_due_notifier_parent_class)->finalize (object);
}

static void
lanka_due_notifier_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LankaDueNotifier *self = LANKA_DUE_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, lanka_due_notifier_get_application (self));
      break;

    case PROP_DATABASE:
      g_value_set_object (value, lanka_due_notifier_get_database (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_due_notifier_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LankaDueNotifier *self = LANKA_DUE_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    case PROP_DATABASE:
      lanka_due_notifier_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_due_notifier_class_init (LankaDueNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_due_notifier_dispose;
  object_class->finalize = lanka_due_notifier_finalize;
  object_class->get_property = lanka_due_notifier_get_property;
  object_class->set_property = lanka_due_notifier_set_property;

  /**
   * LankaDueNotifier:application:
   *
   * The application the notification is sent through, or %NULL to send
   * none (lanka_due_notifier_check() still says what it would say).
   */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL,
                         G_TYPE_APPLICATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaDueNotifier:database:
   *
   * The open database whose tasks are announced, or %NULL while Länka is
   * locked.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanka_due_notifier_init (LankaDueNotifier *self)
{
  self->announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * lanka_due_notifier_new:
 * @application: (nullable): the application to notify through
 *
 * Returns: (transfer full): a notifier with no database yet
 */
LankaDueNotifier *
lanka_due_notifier_new (GApplication *application)
{
  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  return g_object_new (LANKA_TYPE_DUE_NOTIFIER,
                       "application", application,
                       NULL);
}

/**
 * lanka_due_notifier_get_application:
 * @self: a #LankaDueNotifier
 *
 * Returns: (transfer none) (nullable): the application notified through
 */
GApplication *
lanka_due_notifier_get_application (LankaDueNotifier *self)
{
  g_return_val_if_fail (LANKA_IS_DUE_NOTIFIER (self), NULL);

  return self->application;
}

/**
 * lanka_due_notifier_get_database:
 * @self: a #LankaDueNotifier
 *
 * Returns: (transfer none) (nullable): the database
 */
LankaDatabase *
lanka_due_notifier_get_database (LankaDueNotifier *self)
{
  g_return_val_if_fail (LANKA_IS_DUE_NOTIFIER (self), NULL);

  return self->database;
}

/**
 * lanka_due_notifier_set_database:
 * @self: a #LankaDueNotifier
 * @database: (nullable): the database just unlocked, or %NULL when Länka
 *   locks
 *
 * With a database the tasks due today are announced at once, and again
 * after every midnight; without one the notification is withdrawn.
 */
void
lanka_due_notifier_set_database (LankaDueNotifier *self,
                                 LankaDatabase    *database)
{
  g_return_if_fail (LANKA_IS_DUE_NOTIFIER (self));
  g_return_if_fail (database == NULL || LANKA_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  lanka_due_notifier_withdraw (self);
  schedule_midnight (self);
  g_clear_handle_id (&self->unlock_source, g_source_remove);
  if (database != NULL)
    self->unlock_source = g_timeout_add_seconds (UNLOCK_DELAY_S, on_unlocked_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}
