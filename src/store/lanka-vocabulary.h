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
 *
 * The code lists of the directory.  Codes are stored; labels are shown.
 */
typedef enum
{
  LANKA_VOCABULARY_AGENCY_TYPE,
  LANKA_VOCABULARY_SUPPORT_TYPE,
  LANKA_VOCABULARY_EXPLOITATION,
  LANKA_VOCABULARY_ACCEPTS,
  LANKA_VOCABULARY_COUNTY,
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
