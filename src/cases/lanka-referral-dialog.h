/* lanka-referral-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case.h"
#include "lanka-database.h"
#include "lanka-find-help.h"
#include "lanka-record.h"

G_BEGIN_DECLS

#define LANKA_TYPE_REFERRAL_DIALOG (lanka_referral_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaReferralDialog, lanka_referral_dialog, LANKA, REFERRAL_DIALOG, AdwWindow)

/* @direction is "outgoing" (refer the case to an agency) or "incoming"
 * (record a referral another agency sent).
 */
LankaReferralDialog *lanka_referral_dialog_new            (LankaDatabase       *database,
                                                           LankaCase           *kase,
                                                           const char          *direction);
LankaDatabase       *lanka_referral_dialog_get_database   (LankaReferralDialog *self);
LankaCase           *lanka_referral_dialog_get_case       (LankaReferralDialog *self);
const char          *lanka_referral_dialog_get_direction  (LankaReferralDialog *self);
LankaRecord         *lanka_referral_dialog_get_referral   (LankaReferralDialog *self);
LankaFindHelp       *lanka_referral_dialog_get_find_help  (LankaReferralDialog *self);
void                 lanka_referral_dialog_choose_agency  (LankaReferralDialog *self,
                                                           const char          *agency_uuid);
gboolean             lanka_referral_dialog_send           (LankaReferralDialog *self);

G_END_DECLS
