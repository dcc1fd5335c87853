/* lanka-consent-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case.h"
#include "lanka-database.h"
#include "lanka-record.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CONSENT_DIALOG (lanka_consent_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaConsentDialog, lanka_consent_dialog, LANKA, CONSENT_DIALOG, AdwWindow)

LankaConsentDialog *lanka_consent_dialog_new           (LankaDatabase      *database,
                                                        LankaCase          *kase);
LankaDatabase      *lanka_consent_dialog_get_database  (LankaConsentDialog *self);
LankaCase          *lanka_consent_dialog_get_case      (LankaConsentDialog *self);
LankaRecord        *lanka_consent_dialog_get_consent   (LankaConsentDialog *self);
void                lanka_consent_dialog_set_person    (LankaConsentDialog *self,
                                                        const char         *person_uuid);
void                lanka_consent_dialog_set_recipient (LankaConsentDialog *self,
                                                        const char         *agency_uuid,
                                                        const char         *agency_name);
void                lanka_consent_dialog_set_purpose   (LankaConsentDialog *self,
                                                        const char         *purpose);
gboolean            lanka_consent_dialog_save          (LankaConsentDialog *self);

G_END_DECLS
