/* lanka-types.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LankaApplication         LankaApplication;
typedef struct _LankaLockMonitor         LankaLockMonitor;
typedef struct _LankaPreferencesWindow   LankaPreferencesWindow;
typedef struct _LankaWindow              LankaWindow;

G_END_DECLS
