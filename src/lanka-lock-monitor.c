/* lanka-lock-monitor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-lock-monitor"

#include "config.h"

#include <unistd.h>

#include "lanka-lock-monitor.h"

/* Watches for the moments Länka must lock: the person was idle for the
 * configured time, the screen was locked, or the computer is about to sleep.
 * Every source is optional: without a screensaver or logind on the bus the
 * idle timer and Ctrl+L still protect the data.
 *
 * The idle timer can be held off while a person is busy with Länka without
 * touching it, as a trainer is who talks over one slide or shows a film.
 * A hold only affects the idle timer: a locked screen, sleep and Ctrl+L
 * still lock at once.
 */
struct _LankaLockMonitor
{
  GObject          parent_instance;

  GSettings       *settings;
  GCancellable    *cancellable;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  char            *session_path;

  gint64           last_activity;
  guint            idle_holds;
  guint            idle_source;
  guint            screensaver_gnome_id;
  guint            screensaver_freedesktop_id;
  guint            logind_lock_id;
  guint            logind_sleep_id;

  guint            armed : 1;
};

G_DEFINE_FINAL_TYPE (LankaLockMonitor, lanka_lock_monitor, G_TYPE_OBJECT)

enum {
  LOCK_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How often the idle time is compared with the setting. */
#define IDLE_CHECK_SECONDS 15

static void
request_lock (LankaLockMonitor *self,
              const char       *reason)
{
  g_assert (LANKA_IS_LOCK_MONITOR (self));

  if (!self->armed)
    return;

  g_debug ("Locking: %s", reason);
  g_signal_emit (self, signals[LOCK_REQUESTED], 0, reason);
}

/**
 * lanka_lock_monitor_check_idle:
 * @self: a #LankaLockMonitor
 * @now: the monotonic time to compare with, in microseconds
 *
 * Requests a lock when the person has been idle for longer than the
 * `idle-lock-minutes` setting.  Called periodically; tests call it with a
 * time of their choosing.
 */
void
lanka_lock_monitor_check_idle (LankaLockMonitor *self,
                               gint64            now)
{
  guint minutes;

  g_return_if_fail (LANKA_IS_LOCK_MONITOR (self));

  if (self->idle_holds > 0)
    return;

  minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");
  if (minutes == 0)
    return;

  if (now - self->last_activity >= (gint64)minutes * 60 * G_USEC_PER_SEC)
    request_lock (self, "idle");
}

static gboolean
on_idle_check_cb (gpointer user_data)
{
  LankaLockMonitor *self = user_data;

  lanka_lock_monitor_check_idle (self, g_get_monotonic_time ());

  return G_SOURCE_CONTINUE;
}

/**
 * lanka_lock_monitor_note_activity:
 * @self: a #LankaLockMonitor
 *
 * Tells the monitor that the person used Länka just now.
 */
void
lanka_lock_monitor_note_activity (LankaLockMonitor *self)
{
  g_return_if_fail (LANKA_IS_LOCK_MONITOR (self));

  self->last_activity = g_get_monotonic_time ();
}

/**
 * lanka_lock_monitor_hold_idle:
 * @self: a #LankaLockMonitor
 *
 * Holds off the idle lock until lanka_lock_monitor_release_idle() is
 * called as many times.  Locking the screen, sleep and Ctrl+L still lock.
 */
void
lanka_lock_monitor_hold_idle (LankaLockMonitor *self)
{
  g_return_if_fail (LANKA_IS_LOCK_MONITOR (self));

  self->idle_holds++;
}

/**
 * lanka_lock_monitor_release_idle:
 * @self: a #LankaLockMonitor
 *
 * Releases a hold of lanka_lock_monitor_hold_idle().  When the last one
 * goes the idle time starts from now: a presentation of an hour without a
 * key press is not an hour of idleness.
 */
void
lanka_lock_monitor_release_idle (LankaLockMonitor *self)
{
  g_return_if_fail (LANKA_IS_LOCK_MONITOR (self));
  g_return_if_fail (self->idle_holds > 0);

  self->idle_holds--;
  if (self->idle_holds == 0)
    self->last_activity = g_get_monotonic_time ();
}

gboolean
lanka_lock_monitor_get_idle_held (LankaLockMonitor *self)
{
  g_return_val_if_fail (LANKA_IS_LOCK_MONITOR (self), FALSE);

  return self->idle_holds > 0;
}

/**
 * lanka_lock_monitor_set_armed:
 * @self: a #LankaLockMonitor
 * @armed: whether there is anything to lock
 *
 * The monitor only requests locks while the database is open.
 */
void
lanka_lock_monitor_set_armed (LankaLockMonitor *self,
                              gboolean          armed)
{
  g_return_if_fail (LANKA_IS_LOCK_MONITOR (self));

  armed = !!armed;
  if (self->armed == armed)
    return;

  self->armed = armed;
  self->last_activity = g_get_monotonic_time ();

  if (armed && self->idle_source == 0)
    self->idle_source = g_timeout_add_seconds (IDLE_CHECK_SECONDS, on_idle_check_cb, self);
  else if (!armed)
    g_clear_handle_id (&self->idle_source, g_source_remove);
}

gboolean
lanka_lock_monitor_get_armed (LankaLockMonitor *self)
{
  g_return_val_if_fail (LANKA_IS_LOCK_MONITOR (self), FALSE);

  return self->armed;
}

static void
on_screensaver_active_changed_cb (GDBusConnection *connection,
                                  const char      *sender_name,
                                  const char      *object_path,
                                  const char      *interface_name,
                                  const char      *signal_name,
                                  GVariant        *parameters,
                                  gpointer         user_data)
{
  LankaLockMonitor *self = user_data;
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &active);

  if (active && g_settings_get_boolean (self->settings, "lock-on-screen-lock"))
    request_lock (self, "screen-locked");
}

static void
on_logind_lock_cb (GDBusConnection *connection,
                   const char      *sender_name,
                   const char      *object_path,
                   const char      *interface_name,
                   const char      *signal_name,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  LankaLockMonitor *self = user_data;

  if (g_settings_get_boolean (self->settings, "lock-on-screen-lock"))
    request_lock (self, "session-locked");
}

static void
on_logind_prepare_for_sleep_cb (GDBusConnection *connection,
                                const char      *sender_name,
                                const char      *object_path,
                                const char      *interface_name,
                                const char      *signal_name,
                                GVariant        *parameters,
                                gpointer         user_data)
{
  LankaLockMonitor *self = user_data;
  gboolean going_to_sleep = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);

  /* Memory may be written to disk on hibernation: lock before that. */
  if (going_to_sleep)
    request_lock (self, "sleep");
}

static void
on_session_path_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LankaLockMonitor) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_debug ("No logind session to follow: %s", error->message);
      return;
    }

  if (self->system_bus == NULL)
    return;

  g_variant_get (reply, "(o)", &self->session_path);
  self->logind_lock_id =
    g_dbus_connection_signal_subscribe (self->system_bus,
                                        "org.freedesktop.login1",
                                        "org.freedesktop.login1.Session",
                                        "Lock",
                                        self->session_path,
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_logind_lock_cb,
                                        self, NULL);
}

static void
on_system_bus_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LankaLockMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->system_bus = g_bus_get_finish (result, &error);
  if (self->system_bus == NULL)
    {
      g_debug ("No system bus: %s", error->message);
      return;
    }

  self->logind_sleep_id =
    g_dbus_connection_signal_subscribe (self->system_bus,
                                        "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager",
                                        "PrepareForSleep",
                                        "/org/freedesktop/login1",
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_logind_prepare_for_sleep_cb,
                                        self, NULL);

  /* Session.Lock is sent on our own session's object, whose path logind
   * tells us.
   */
  g_dbus_connection_call (self->system_bus,
                          "org.freedesktop.login1",
                          "/org/freedesktop/login1",
                          "org.freedesktop.login1.Manager",
                          "GetSessionByPID",
                          g_variant_new ("(u)", (guint32)getpid ()),
                          G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          -1,
                          self->cancellable,
                          on_session_path_cb,
                          g_object_ref (self));
}

static void
on_session_bus_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LankaLockMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->session_bus = g_bus_get_finish (result, &error);
  if (self->session_bus == NULL)
    {
      g_debug ("No session bus: %s", error->message);
      return;
    }

  /* Any sender: the screensaver's well-known name may change owner. */
  self->screensaver_gnome_id =
    g_dbus_connection_signal_subscribe (self->session_bus,
                                        NULL,
                                        "org.gnome.ScreenSaver",
                                        "ActiveChanged",
                                        NULL,
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_screensaver_active_changed_cb,
                                        self, NULL);
  self->screensaver_freedesktop_id =
    g_dbus_connection_signal_subscribe (self->session_bus,
                                        NULL,
                                        "org.freedesktop.ScreenSaver",
                                        "ActiveChanged",
                                        NULL,
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_screensaver_active_changed_cb,
                                        self, NULL);
}

LankaLockMonitor *
lanka_lock_monitor_new (GSettings *settings)
{
  LankaLockMonitor *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LANKA_TYPE_LOCK_MONITOR, NULL);
  self->settings = g_object_ref (settings);

  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus_cb, g_object_ref (self));
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_cb, g_object_ref (self));

  return self;
}

static void
lanka_lock_monitor_dispose (GObject *object)
{
  LankaLockMonitor *self = (LankaLockMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (self->session_bus != NULL)
    {
      if (self->screensaver_gnome_id != 0)
        g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_gnome_id);
      if (self->screensaver_freedesktop_id != 0)
        g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_freedesktop_id);
      self->screensaver_gnome_id = self->screensaver_freedesktop_id = 0;
    }

  if (self->system_bus != NULL)
    {
      if (self->logind_lock_id != 0)
        g_dbus_connection_signal_unsubscribe (self->system_bus, self->logind_lock_id);
      if (self->logind_sleep_id != 0)
        g_dbus_connection_signal_unsubscribe (self->system_bus, self->logind_sleep_id);
      self->logind_lock_id = self->logind_sleep_id = 0;
    }

  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);

  G_OBJECT_CLASS (lanka_lock_monitor_parent_class)->dispose (object);
}

static void
lanka_lock_monitor_finalize (GObject *object)
{
  LankaLockMonitor *self = (LankaLockMonitor *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->session_path, g_free);

  G_OBJECT_CLASS (lanka_lock_monitor_parent_class)->finalize (object);
}

static void
lanka_lock_monitor_class_init (LankaLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_lock_monitor_dispose;
  object_class->finalize = lanka_lock_monitor_finalize;

  /**
   * LankaLockMonitor::lock-requested:
   * @self: a #LankaLockMonitor
   * @reason: "idle", "screen-locked", "session-locked" or "sleep"
   *
   * Emitted when Länka should lock now.
   */
  signals[LOCK_REQUESTED] =
    g_signal_new ("lock-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lanka_lock_monitor_init (LankaLockMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->last_activity = g_get_monotonic_time ();
}
