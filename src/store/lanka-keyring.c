/* lanka-keyring.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lanka-keyring.h"

G_DEFINE_QUARK (lanka-keyring-error-quark, lanka_keyring_error)

#define SECRET_BUS_NAME             "org.freedesktop.secrets"
#define SECRET_OBJECT_PATH          "/org/freedesktop/secrets"
#define SECRET_SERVICE_IFACE        "org.freedesktop.Secret.Service"
#define SECRET_COLLECTION_INTERFACE "org.freedesktop.Secret.Collection"

/* The attributes are readable by anything on the session bus, so they hold
 * nothing but the database's random UUID and which of our two items this is.
 */
static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.lanka.Lanka.DatabaseKey",
    SECRET_SCHEMA_NONE,
    {
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "slot", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static const char *
slot_to_string (LankaKeyringSlot slot)
{
  switch (slot)
    {
    case LANKA_KEYRING_SLOT_CURRENT:
      return "current";

    case LANKA_KEYRING_SLOT_PENDING:
      return "pending";

    default:
      g_assert_not_reached ();
    }
}

/* Cancellation is the caller's own decision and keeps its own error, so that
 * it is never explained to a person as a keyring problem.
 */
static gboolean
propagate_cancelled (GError  *local_error,
                     GError **error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (local_error));
      return TRUE;
    }

  return FALSE;
}

static SecretService *
get_service (GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *owner = NULL;

  /* Without SECRET_SERVICE_LOAD_COLLECTIONS: libsecret 0.20 refreshes
   * loaded collections on the main context whenever an item changes, and
   * completes that refresh twice.  The vault needs no cached collection; it
   * asks for the one fact it needs, the default collection's lock state.
   */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error);

  if (service == NULL)
    {
      if (!propagate_cancelled (local_error, error))
        g_set_error (error,
                     LANKA_KEYRING_ERROR,
                     LANKA_KEYRING_ERROR_NO_SERVICE,
                     _("No keyring service answers in this session: %s"),
                     local_error->message);
      return NULL;
    }

  /* A proxy can be made for a name nobody owns (nothing could be started
   * for it); every later call would then fail with an obscure D-Bus error.
   */
  owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (service));
  if (owner == NULL)
    {
      g_set_error_literal (error,
                           LANKA_KEYRING_ERROR,
                           LANKA_KEYRING_ERROR_NO_SERVICE,
                           _("No keyring service is running in this session."));
      return NULL;
    }

  return g_steal_pointer (&service);
}

static GDBusConnection *
service_connection (SecretService *service)
{
  return g_dbus_proxy_get_connection (G_DBUS_PROXY (service));
}

/* Returns the object path of the default collection, "/" when there is
 * none.
 */
static char *
read_default_collection (SecretService  *service,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  char *path = NULL;

  reply = g_dbus_connection_call_sync (service_connection (service),
                                       SECRET_BUS_NAME,
                                       SECRET_OBJECT_PATH,
                                       SECRET_SERVICE_IFACE,
                                       "ReadAlias",
                                       g_variant_new ("(s)", SECRET_COLLECTION_DEFAULT),
                                       G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NONE,
                                       -1,
                                       cancellable,
                                       &local_error);
  if (reply == NULL)
    {
      if (!propagate_cancelled (local_error, error))
        g_set_error (error,
                     LANKA_KEYRING_ERROR,
                     LANKA_KEYRING_ERROR_FAILED,
                     _("The default keyring could not be found: %s"),
                     local_error->message);
      return NULL;
    }

  g_variant_get (reply, "(o)", &path);
  return path;
}

/* The lock state decides between "locked" and "not found", so it is asked
 * for afresh every time rather than read from a cached proxy property,
 * which a worker thread's main context would never update.
 */
static gboolean
read_collection_locked (SecretService  *service,
                        const char     *collection_path,
                        GCancellable   *cancellable,
                        gboolean       *locked,
                        GError        **error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) local_error = NULL;

  reply = g_dbus_connection_call_sync (service_connection (service),
                                       SECRET_BUS_NAME,
                                       collection_path,
                                       "org.freedesktop.DBus.Properties",
                                       "Get",
                                       g_variant_new ("(ss)",
                                                      SECRET_COLLECTION_INTERFACE, "Locked"),
                                       G_VARIANT_TYPE ("(v)"),
                                       G_DBUS_CALL_FLAGS_NONE,
                                       -1,
                                       cancellable,
                                       &local_error);
  if (reply == NULL)
    {
      if (!propagate_cancelled (local_error, error))
        g_set_error (error,
                     LANKA_KEYRING_ERROR,
                     LANKA_KEYRING_ERROR_FAILED,
                     _("The keyring did not say whether it is locked: %s"),
                     local_error->message);
      return FALSE;
    }

  g_variant_get (reply, "(v)", &value);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      g_set_error_literal (error,
                           LANKA_KEYRING_ERROR,
                           LANKA_KEYRING_ERROR_FAILED,
                           _("The keyring gave an unexpected answer."));
      return FALSE;
    }

  *locked = g_variant_get_boolean (value);
  return TRUE;
}

/* How long libsecret may take to close a prompt once the wait was
 * cancelled, before the wait is given up.
 */
#define DISMISS_GRACE_USEC (2 * G_USEC_PER_SEC)
#define WAIT_TICK_MSEC     200

/* Shared with the callbacks of the operations it waits for: an operation
 * that is given up keeps its reference, so that a late completion never
 * touches freed memory.
 */
typedef struct
{
  GMainContext *context;
  GCancellable *cancellable;
  GAsyncResult *result;
  gint64        cancelled_at;
  gboolean      appeared;
  gboolean      vanished;
} UnlockWait;

static void
unlock_wait_clear (UnlockWait *wait)
{
  g_clear_pointer (&wait->context, g_main_context_unref);
  g_clear_object (&wait->cancellable);
  g_clear_object (&wait->result);
}

static void
unlock_wait_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify)unlock_wait_clear);
}

static void
on_unlock_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  UnlockWait *wait = user_data;

  g_set_object (&wait->result, result);
  unlock_wait_unref (wait);
}

static void
on_service_appeared_cb (GDBusConnection *connection,
                        const char      *name,
                        const char      *owner,
                        gpointer         user_data)
{
  UnlockWait *wait = user_data;

  wait->appeared = TRUE;
}

static void
on_service_vanished_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  UnlockWait *wait = user_data;

  if (!wait->appeared)
    return;

  wait->vanished = TRUE;
  g_cancellable_cancel (wait->cancellable);
}

static void
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
on_wait_tick_cb (gpointer user_data)
{
  /* Only wakes the loop, which checks the time. */
  return G_SOURCE_CONTINUE;
}

/* Runs @wait's context until the operation completes, the service went
 * away, or a cancelled operation did not finish within the grace time.
 * Returns the result, or NULL when the operation was given up.
 */
static GAsyncResult *
unlock_wait_run (UnlockWait *wait)
{
  while (wait->result == NULL && !wait->vanished)
    {
      if (g_cancellable_is_cancelled (wait->cancellable))
        {
          if (wait->cancelled_at == 0)
            wait->cancelled_at = g_get_monotonic_time ();
          else if (g_get_monotonic_time () - wait->cancelled_at > DISMISS_GRACE_USEC)
            break;
        }

      g_main_context_iteration (wait->context, TRUE);
    }

  return g_steal_pointer (&wait->result);
}

/* Asks the Secret Service to unlock the default collection, which shows
 * its own prompt.  Some keyring daemons exit while their prompt is open
 * (when no prompter can be shown, or when the prompt is dismissed), and
 * libsecret then may never complete the operation.  So the wait runs on a
 * main context of its own, and ends when the caller cancels or the service
 * goes away, whether libsecret finishes or not.  The collection proxy is
 * made on that context too, so that its signals end with it.
 */
static gboolean
unlock_collection (SecretService  *service,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) tick = g_timeout_source_new (WAIT_TICK_MSEC);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autolist(GDBusProxy) unlocked = NULL;
  GList objects = { NULL, NULL, NULL };
  UnlockWait *wait;
  gulong cancelled_id = 0;
  gboolean vanished;
  gboolean given_up = FALSE;
  guint watch_id;

  wait = g_atomic_rc_box_new0 (UnlockWait);
  wait->context = g_main_context_ref (context);
  wait->cancellable = g_cancellable_new ();

  g_main_context_push_thread_default (context);

  g_source_set_callback (tick, on_wait_tick_cb, NULL, NULL);
  g_source_attach (tick, context);

  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                          g_object_ref (wait->cancellable), g_object_unref);

  watch_id = g_bus_watch_name_on_connection (service_connection (service),
                                             SECRET_BUS_NAME,
                                             G_BUS_NAME_WATCHER_FLAGS_NONE,
                                             on_service_appeared_cb,
                                             on_service_vanished_cb,
                                             g_atomic_rc_box_acquire (wait),
                                             unlock_wait_unref);

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               wait->cancellable, on_unlock_ready_cb,
                               g_atomic_rc_box_acquire (wait));
  result = unlock_wait_run (wait);
  if (result != NULL)
    collection = secret_collection_for_alias_finish (result, &local_error);
  else
    given_up = TRUE;
  g_clear_object (&result);

  if (collection != NULL)
    {
      objects.data = collection;
      secret_service_unlock (service, &objects, wait->cancellable, on_unlock_ready_cb,
                             g_atomic_rc_box_acquire (wait));
      result = unlock_wait_run (wait);
      if (result != NULL)
        secret_service_unlock_finish (service, result, &unlocked, &local_error);
      else
        given_up = TRUE;
    }

  g_bus_unwatch_name (watch_id);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, cancelled_id);
  g_source_destroy (tick);

  /* Let the unwatch and any late replies finish on this context. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  vanished = wait->vanished;
  unlock_wait_unref (wait);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Unlocking the keyring was cancelled."));
      return FALSE;
    }

  if (vanished || given_up)
    {
      g_set_error_literal (error,
                           LANKA_KEYRING_ERROR,
                           LANKA_KEYRING_ERROR_LOCKED,
                           _("The keyring service stopped while it asked for the password, so the "
                             "keyring is still locked."));
      return FALSE;
    }

  /* Dismissing the prompt is not an error in libsecret, only "nothing was
   * unlocked"; the caller reads the lock state again.
   */
  if (local_error != NULL)
    {
      g_set_error (error,
                   LANKA_KEYRING_ERROR,
                   LANKA_KEYRING_ERROR_LOCKED,
                   _("The keyring could not be unlocked: %s"),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Makes sure that the Secret Service exists and that its default
 * collection is unlocked, so that a lookup that finds nothing really means
 * that there is nothing: a locked collection hides its items and would
 * otherwise look empty.  With @allow_prompt the Secret Service may show its
 * own unlock prompt.
 *
 * Returns the service, or NULL with LANKA_KEYRING_ERROR_NO_SERVICE,
 * _LOCKED or _FAILED.  *has_collection tells whether a default collection
 * exists at all.
 */
static SecretService *
prepare_default_collection (gboolean       allow_prompt,
                            gboolean      *has_collection,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autofree char *collection_path = NULL;
  gboolean locked = FALSE;

  service = get_service (cancellable, error);
  if (service == NULL)
    return NULL;

  collection_path = read_default_collection (service, cancellable, error);
  if (collection_path == NULL)
    return NULL;

  *has_collection = !g_str_equal (collection_path, "/");
  if (!*has_collection)
    return g_steal_pointer (&service);

  if (!read_collection_locked (service, collection_path, cancellable, &locked, error))
    return NULL;

  if (locked && allow_prompt)
    {
      if (!unlock_collection (service, cancellable, error) ||
          !read_collection_locked (service, collection_path, cancellable, &locked, error))
        return NULL;
    }

  if (locked)
    {
      g_set_error_literal (error,
                           LANKA_KEYRING_ERROR,
                           LANKA_KEYRING_ERROR_LOCKED,
                           _("The keyring is locked."));
      return NULL;
    }

  return g_steal_pointer (&service);
}

/**
 * lanka_keyring_store:
 * @database_uuid: the database's UUID
 * @slot: which of the two items to write
 * @key: the key to keep
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Keeps @key in the default collection of the Secret Service, replacing an
 * item for the same database and slot.  A locked collection is unlocked
 * first, which may show the Secret Service's prompt.  Blocks: call it from
 * a worker thread.
 *
 * Returns: %TRUE if the keyring holds @key
 */
gboolean
lanka_keyring_store (const char        *database_uuid,
                     LankaKeyringSlot   slot,
                     const LankaKey    *key,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(LankaSecret) hex = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_collection = FALSE;

  g_return_val_if_fail (database_uuid != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  service = prepare_default_collection (TRUE, &has_collection, cancellable, error);
  if (service == NULL)
    return FALSE;

  /* Without a default collection libsecret asks the Secret Service to make
   * one, with its own prompt for a password: that is what a person expects
   * on a fresh session.
   */
  hex = lanka_key_dup_hex (key);
  if (!secret_password_store_sync (get_schema (),
                                   SECRET_COLLECTION_DEFAULT,
                                   _("Länka database key"),
                                   hex,
                                   cancellable,
                                   &local_error,
                                   "database", database_uuid,
                                   "slot", slot_to_string (slot),
                                   NULL))
    {
      if (!propagate_cancelled (local_error, error))
        g_set_error (error,
                     LANKA_KEYRING_ERROR,
                     LANKA_KEYRING_ERROR_FAILED,
                     _("The key could not be saved in the keyring: %s"),
                     local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * lanka_keyring_lookup:
 * @database_uuid: the database's UUID
 * @slot: which of the two items to read
 * @allow_prompt: whether a locked keyring may be unlocked with the Secret
 *   Service's prompt
 * @cancellable: (nullable): a #GCancellable; cancelling it also closes a
 *   prompt that is still open
 * @error: a location for a #GError
 *
 * Reads the key for a database.  The lock state is checked first, so
 * %LANKA_KEYRING_ERROR_NOT_FOUND is only reported by an unlocked keyring
 * that really has no item; a keyring that stays locked gives
 * %LANKA_KEYRING_ERROR_LOCKED and no Secret Service at all
 * %LANKA_KEYRING_ERROR_NO_SERVICE.  Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL
 */
LankaKey *
lanka_keyring_lookup (const char        *database_uuid,
                      LankaKeyringSlot   slot,
                      gboolean           allow_prompt,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LankaKey) key = NULL;
  gboolean has_collection = FALSE;
  char *hex;

  g_return_val_if_fail (database_uuid != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  service = prepare_default_collection (allow_prompt, &has_collection, cancellable, error);
  if (service == NULL)
    return NULL;

  if (!has_collection)
    {
      g_set_error_literal (error,
                           LANKA_KEYRING_ERROR,
                           LANKA_KEYRING_ERROR_NOT_FOUND,
                           _("There is no default keyring, so it holds no key for this database."));
      return NULL;
    }

  /* Non-pageable memory, wiped by secret_password_free(). */
  hex = secret_password_lookup_nonpageable_sync (get_schema (),
                                                 cancellable,
                                                 &local_error,
                                                 "database", database_uuid,
                                                 "slot", slot_to_string (slot),
                                                 NULL);
  if (local_error != NULL)
    {
      if (!propagate_cancelled (local_error, error))
        g_set_error (error,
                     LANKA_KEYRING_ERROR,
                     LANKA_KEYRING_ERROR_FAILED,
                     _("The key could not be read from the keyring: %s"),
                     local_error->message);
      return NULL;
    }

  if (hex == NULL)
    {
      g_set_error_literal (error,
                           LANKA_KEYRING_ERROR,
                           LANKA_KEYRING_ERROR_NOT_FOUND,
                           _("The keyring holds no key for this database."));
      return NULL;
    }

  key = lanka_key_new_from_hex (hex, &local_error);
  secret_password_free (hex);

  if (key == NULL)
    {
      g_set_error (error,
                   LANKA_KEYRING_ERROR,
                   LANKA_KEYRING_ERROR_FAILED,
                   _("The keyring item for this database is damaged: %s"),
                   local_error->message);
      return NULL;
    }

  return g_steal_pointer (&key);
}

/**
 * lanka_keyring_clear:
 * @database_uuid: the database's UUID
 * @slot: which of the two items to remove
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Removes the item for a database and slot.  Removing an item that does not
 * exist succeeds.  A locked collection is unlocked first, which may show the
 * Secret Service's prompt.  Blocks: call it from a worker thread.
 *
 * Returns: %TRUE if the keyring holds no such item any more
 */
gboolean
lanka_keyring_clear (const char        *database_uuid,
                     LankaKeyringSlot   slot,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_collection = FALSE;

  g_return_val_if_fail (database_uuid != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  service = prepare_default_collection (TRUE, &has_collection, cancellable, error);
  if (service == NULL)
    return FALSE;

  /* FALSE without an error means that nothing matched, which is the state
   * the caller wants.
   */
  secret_password_clear_sync (get_schema (),
                              cancellable,
                              &local_error,
                              "database", database_uuid,
                              "slot", slot_to_string (slot),
                              NULL);
  if (local_error != NULL)
    {
      if (!propagate_cancelled (local_error, error))
        g_set_error (error,
                     LANKA_KEYRING_ERROR,
                     LANKA_KEYRING_ERROR_FAILED,
                     _("The key could not be removed from the keyring: %s"),
                     local_error->message);
      return FALSE;
    }

  return TRUE;
}
