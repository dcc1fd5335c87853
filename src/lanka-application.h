/* lanka-application.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-types.h"
#include "lanka-vault.h"

G_BEGIN_DECLS

#define LANKA_TYPE_APPLICATION    (lanka_application_get_type ())
#define LANKA_APPLICATION_DEFAULT (LANKA_APPLICATION (g_application_get_default ()))

G_DECLARE_FINAL_TYPE (LankaApplication, lanka_application, LANKA, APPLICATION, AdwApplication)

LankaApplication *lanka_application_new                  (void);
GSettings        *lanka_application_get_settings         (LankaApplication *self);
LankaWindow      *lanka_application_get_window           (LankaApplication *self);
LankaVault       *lanka_application_get_vault            (LankaApplication *self);
LankaDatabase    *lanka_application_get_database         (LankaApplication *self);
void              lanka_application_set_database         (LankaApplication *self,
                                                          LankaDatabase    *database);
void              lanka_application_lock                 (LankaApplication *self);
gboolean          lanka_application_get_is_sample        (LankaApplication *self);
void              lanka_application_set_sample           (LankaApplication *self,
                                                          gboolean          sample);
const char       *lanka_application_get_sample_passphrase (void);
void              lanka_application_note_activity        (LankaApplication *self);
LankaLockMonitor *lanka_application_get_lock_monitor     (LankaApplication *self);

G_END_DECLS
