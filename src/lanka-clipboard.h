/* lanka-clipboard.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long copied personal data or secrets stay on the clipboard. */
#define LANKA_CLIPBOARD_CLEAR_SECONDS 30

void lanka_clipboard_copy_sensitive     (GtkWidget  *widget,
                                         const char *text);
void lanka_clipboard_set_clear_seconds (guint       seconds);

G_END_DECLS
