/* lanka-preferences-window.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-types.h"

G_BEGIN_DECLS

#define LANKA_TYPE_PREFERENCES_WINDOW (lanka_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LankaPreferencesWindow, lanka_preferences_window, LANKA, PREFERENCES_WINDOW, AdwPreferencesWindow)

LankaPreferencesWindow *lanka_preferences_window_new          (LankaApplication       *application);
void                    lanka_preferences_window_back_up_to    (LankaPreferencesWindow *self,
                                                                GFile                  *file);

G_END_DECLS
