/* lanka-case-referrals.h
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

#define LANKA_TYPE_CASE_REFERRALS (lanka_case_referrals_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseReferrals, lanka_case_referrals, LANKA, CASE_REFERRALS, AdwBin)

GtkWidget     *lanka_case_referrals_new             (void);
LankaDatabase *lanka_case_referrals_get_database    (LankaCaseReferrals *self);
void           lanka_case_referrals_set_database    (LankaCaseReferrals *self,
                                                     LankaDatabase      *database);
LankaCase     *lanka_case_referrals_get_case        (LankaCaseReferrals *self);
void           lanka_case_referrals_set_case        (LankaCaseReferrals *self,
                                                     LankaCase          *kase);
void           lanka_case_referrals_reload          (LankaCaseReferrals *self);
GtkWindow     *lanka_case_referrals_refer           (LankaCaseReferrals *self);
GtkWindow     *lanka_case_referrals_record_incoming (LankaCaseReferrals *self);
GtkWindow     *lanka_case_referrals_record_consent  (LankaCaseReferrals *self);

/* For the referral and consent dialogs: rows they share. */
char          *_lanka_referrals_dup_person_name     (LankaCase          *kase,
                                                     const char         *person_uuid);
GtkWidget     *_lanka_referrals_person_row_new      (LankaCase          *kase,
                                                     LankaRecord        *record,
                                                     const char         *field,
                                                     const char         *title);
GtkWidget     *_lanka_referrals_agency_row_new      (LankaDatabase      *database,
                                                     LankaCase          *kase,
                                                     LankaRecord        *record,
                                                     const char         *uuid_field,
                                                     const char         *name_field,
                                                     const char         *title);
void           _lanka_referrals_add_category_checks (AdwPreferencesGroup *group,
                                                     LankaRecord        *record,
                                                     const char         *field);
void           _lanka_referrals_prepare_find_help   (LankaFindHelp      *find_help,
                                                     LankaCase          *kase);
GtkWidget     *_lanka_referrals_problem_label_new   (AdwPreferencesGroup *group);
void           _lanka_referrals_set_problem         (GtkWidget          *label,
                                                     const char         *message);

G_END_DECLS
