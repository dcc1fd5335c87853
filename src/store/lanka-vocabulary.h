/* lanka-vocabulary.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LankaVocabulary:
 * @LANKA_VOCABULARY_AGENCY_TYPE: agency types, such as "police"
 * @LANKA_VOCABULARY_SUPPORT_TYPE: support types, such as "protected_housing"
 * @LANKA_VOCABULARY_EXPLOITATION: forms of exploitation, such as "ForcedLabour"
 * @LANKA_VOCABULARY_ACCEPTS: the groups an agency accepts, such as "children"
 * @LANKA_VOCABULARY_COUNTY: Swedish counties by their two-digit code, such as "21"
 * @LANKA_VOCABULARY_CASE_STATUS: case status, such as "intake"
 * @LANKA_VOCABULARY_NRM_STEP: the six NRM steps by number, "1" to "6"
 * @LANKA_VOCABULARY_VICTIM_STATUS: HTCDS victim status
 * @LANKA_VOCABULARY_ASSESSED_BY: who assessed the victim status
 * @LANKA_VOCABULARY_SEXUAL_TYPE: type of sexual exploitation
 * @LANKA_VOCABULARY_MEANS_OF_CONTROL: means of control
 * @LANKA_VOCABULARY_RECRUITMENT: how the person was recruited
 * @LANKA_VOCABULARY_RECRUITER_RELATION: relation to the recruiter
 * @LANKA_VOCABULARY_GENDER: HTCDS gender
 * @LANKA_VOCABULARY_ROLE: a person's role in a case
 * @LANKA_VOCABULARY_INTAKE: how the case came in
 * @LANKA_VOCABULARY_IDENTIFIED_BY: who identified the person
 * @LANKA_VOCABULARY_PERMIT_KIND: residence permit kind
 * @LANKA_VOCABULARY_PERMIT_DECISION: permit decision
 * @LANKA_VOCABULARY_INVESTIGATION: status of the criminal investigation
 * @LANKA_VOCABULARY_RISK: risk level
 * @LANKA_VOCABULARY_JOURNAL_TYPE: journal entry type
 * @LANKA_VOCABULARY_CLOSURE_REASON: why a case was closed
 * @LANKA_VOCABULARY_CASE_FLAG: case flags, such as "threat"
 * @LANKA_VOCABULARY_BIRTH_PRECISION: how much of a birth date is known
 * @LANKA_VOCABULARY_REFERRAL_STATUS: where a referral stands, such as "pending"
 * @LANKA_VOCABULARY_REFERRAL_OUTCOME: how a finished referral ended
 * @LANKA_VOCABULARY_REFERRAL_REASON: why a person is referred (HTCDS)
 * @LANKA_VOCABULARY_DISCLOSURE_BASIS: on what ground information is shared
 * @LANKA_VOCABULARY_SHARE_CATEGORY: the categories of a case's information
 * @LANKA_VOCABULARY_CONSENT_GIVEN_BY: who gave a consent
 * @LANKA_VOCABULARY_CONSENT_FORM: oral or written
 * @LANKA_VOCABULARY_TASK_KIND: what a deadline is for
 * @LANKA_VOCABULARY_MATERIAL_KIND: what a training material is, such as "slides"
 * @LANKA_VOCABULARY_MATERIAL_AUDIENCE: whom a training material is for, such as "police"
 * @LANKA_VOCABULARY_MATERIAL_TOPIC: what a training material is about: the forms of
 *   exploitation by their codes, and "identification", "child_perspective", …
 *
 * The code lists of the directory, of cases and of the training library.
 * Codes are stored; labels are shown.
 */
typedef enum
{
  LANKA_VOCABULARY_AGENCY_TYPE,
  LANKA_VOCABULARY_SUPPORT_TYPE,
  LANKA_VOCABULARY_EXPLOITATION,
  LANKA_VOCABULARY_ACCEPTS,
  LANKA_VOCABULARY_COUNTY,
  LANKA_VOCABULARY_CASE_STATUS,
  LANKA_VOCABULARY_NRM_STEP,
  LANKA_VOCABULARY_VICTIM_STATUS,
  LANKA_VOCABULARY_ASSESSED_BY,
  LANKA_VOCABULARY_SEXUAL_TYPE,
  LANKA_VOCABULARY_MEANS_OF_CONTROL,
  LANKA_VOCABULARY_RECRUITMENT,
  LANKA_VOCABULARY_RECRUITER_RELATION,
  LANKA_VOCABULARY_GENDER,
  LANKA_VOCABULARY_ROLE,
  LANKA_VOCABULARY_INTAKE,
  LANKA_VOCABULARY_IDENTIFIED_BY,
  LANKA_VOCABULARY_PERMIT_KIND,
  LANKA_VOCABULARY_PERMIT_DECISION,
  LANKA_VOCABULARY_INVESTIGATION,
  LANKA_VOCABULARY_RISK,
  LANKA_VOCABULARY_JOURNAL_TYPE,
  LANKA_VOCABULARY_CLOSURE_REASON,
  LANKA_VOCABULARY_CASE_FLAG,
  LANKA_VOCABULARY_BIRTH_PRECISION,
  LANKA_VOCABULARY_REFERRAL_STATUS,
  LANKA_VOCABULARY_REFERRAL_OUTCOME,
  LANKA_VOCABULARY_REFERRAL_REASON,
  LANKA_VOCABULARY_DISCLOSURE_BASIS,
  LANKA_VOCABULARY_SHARE_CATEGORY,
  LANKA_VOCABULARY_CONSENT_GIVEN_BY,
  LANKA_VOCABULARY_CONSENT_FORM,
  LANKA_VOCABULARY_TASK_KIND,
  LANKA_VOCABULARY_MATERIAL_KIND,
  LANKA_VOCABULARY_MATERIAL_AUDIENCE,
  LANKA_VOCABULARY_MATERIAL_TOPIC,
} LankaVocabulary;

guint        lanka_vocabulary_get_n_codes       (LankaVocabulary  vocabulary);
const char  *lanka_vocabulary_get_code          (LankaVocabulary  vocabulary,
                                                 guint            position);
gboolean     lanka_vocabulary_contains          (LankaVocabulary  vocabulary,
                                                 const char      *code);
const char  *lanka_vocabulary_get_label         (LankaVocabulary  vocabulary,
                                                 const char      *code);
const char  *lanka_vocabulary_get_source_label  (LankaVocabulary  vocabulary,
                                                 const char      *code);
char        *lanka_vocabulary_dup_reach         (const char * const *codes,
                                                 gboolean            national,
                                                 guint               max_named);

G_END_DECLS
