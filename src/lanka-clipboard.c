/* lanka-clipboard.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-clipboard"

#include "config.h"

#include "lanka-clipboard.h"

typedef struct
{
  GdkClipboard       *clipboard;
  GdkContentProvider *provider;
} PendingClear;

static void
pending_clear_free (gpointer data)
{
  PendingClear *pending = data;

  g_clear_object (&pending->clipboard);
  g_clear_object (&pending->provider);
  g_free (pending);
}

static gboolean
clear_clipboard_cb (gpointer data)
{
  PendingClear *pending = data;

  /* Only take back what Länka put there: if the person copied something
   * else since, it stays.
   */
  if (gdk_clipboard_get_content (pending->clipboard) == pending->provider)
    gdk_clipboard_set_content (pending->clipboard, NULL);

  return G_SOURCE_REMOVE;
}

static guint clear_seconds = LANKA_CLIPBOARD_CLEAR_SECONDS;

/**
 * lanka_clipboard_set_clear_seconds:
 * @seconds: how long copied data stay on the clipboard
 *
 * For tests, which cannot wait half a minute each time: Länka itself
 * always uses %LANKA_CLIPBOARD_CLEAR_SECONDS.
 */
void
lanka_clipboard_set_clear_seconds (guint seconds)
{
  g_return_if_fail (seconds > 0);

  clear_seconds = seconds;
}

/**
 * lanka_clipboard_copy_sensitive:
 * @widget: the widget the person copied from
 * @text: personal data or a secret
 *
 * Copies @text to the clipboard and takes it off again after
 * %LANKA_CLIPBOARD_CLEAR_SECONDS (or what a test set with
 * lanka_clipboard_set_clear_seconds()) if it is still there.
 */
void
lanka_clipboard_copy_sensitive (GtkWidget  *widget,
                                const char *text)
{
  PendingClear *pending;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  pending = g_new0 (PendingClear, 1);
  pending->clipboard = g_object_ref (gtk_widget_get_clipboard (widget));
  bytes = g_bytes_new (text, strlen (text));
  pending->provider = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);

  gdk_clipboard_set_content (pending->clipboard, pending->provider);

  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT,
                              clear_seconds,
                              clear_clipboard_cb,
                              pending,
                              pending_clear_free);
}
