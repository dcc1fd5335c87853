/* lanka-window.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-types.h"

G_BEGIN_DECLS

#define LANKA_TYPE_WINDOW (lanka_window_get_type ())

G_DECLARE_FINAL_TYPE (LankaWindow, lanka_window, LANKA, WINDOW, AdwApplicationWindow)

LankaWindow *lanka_window_new              (LankaApplication *application);
const char  *lanka_window_get_visible_part (LankaWindow      *self);
void         lanka_window_set_visible_part (LankaWindow      *self,
                                            const char       *part);
void         lanka_window_add_toast        (LankaWindow      *self,
                                            AdwToast         *toast);
const char  *lanka_window_get_visible_page (LankaWindow      *self);

G_END_DECLS
