/* lanka-cases.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-case.h"
#include "lanka-database.h"
#include "lanka-directory.h"

G_BEGIN_DECLS

/**
 * LankaCaseMatch:
 * @uuid: the case
 * @number: its case number
 * @alias: the victim's alias
 * @status: the case status code
 * @reasons: what matched: "alias", "birth_date", "citizenship",
 *   "personal_number" (NULL-terminated)
 *
 * A case that may be about the same person as a new one.
 */
typedef struct
{
  char  *uuid;
  char  *number;
  char  *alias;
  char  *status;
  GStrv  reasons;
} LankaCaseMatch;

void lanka_case_match_free (LankaCaseMatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaCaseMatch, lanka_case_match_free)

/* Whole cases: one transaction each, one record_history row per changed
 * field (table_name "case", record_uuid the case's uuid, field
 * "<kind>/<record uuid>/<field>"), a journal event for a changed status or
 * NRM step, a person added and a permit decided, and an audit row with the
 * case's uuid only.  Saving discards the case's draft.
 */
LankaCase  *lanka_cases_load              (LankaDatabase      *database,
                                           const char         *uuid,
                                           GError            **error);
gboolean    lanka_cases_save              (LankaDatabase      *database,
                                           LankaCase          *kase,
                                           GError            **error);
gboolean    lanka_cases_delete            (LankaDatabase      *database,
                                           const char         *uuid,
                                           GError            **error);
GPtrArray  *lanka_cases_list_history      (LankaDatabase      *database,
                                           const char         *uuid,
                                           GError            **error);

/* Drafts: the document as typed, encrypted in the database like all else. */
gboolean    lanka_cases_save_draft        (LankaDatabase      *database,
                                           LankaCase          *kase,
                                           GError            **error);
LankaCase  *lanka_cases_load_draft        (LankaDatabase      *database,
                                           const char         *uuid,
                                           gint64             *saved_at,
                                           GError            **error);
gboolean    lanka_cases_discard_draft     (LankaDatabase      *database,
                                           const char         *uuid,
                                           GError            **error);
GStrv       lanka_cases_list_drafts       (LankaDatabase      *database,
                                           GError            **error);

/* Possible duplicates of a new case's victim, best first. */
GPtrArray  *lanka_cases_find_duplicates   (LankaDatabase      *database,
                                           const char         *alias,
                                           const char         *birth_date,
                                           const char * const *citizenships,
                                           const char         *personal_number,
                                           GError            **error);

/* The search row of one case (number, aliases, names, journal text),
 * written again after a save or a journal entry.
 */
gboolean    _lanka_cases_index            (LankaDatabase      *database,
                                           gint64              case_id,
                                           GError            **error);

/* For the store: a case's row by its uuid, the sentence for a case that
 * is gone, and a change without a save (see lanka-cases.c).
 */
gboolean    _lanka_cases_find_id          (LankaDatabase      *database,
                                           const char         *uuid,
                                           gint64             *case_id,
                                           GError            **error);
void        _lanka_cases_set_not_found    (GError            **error);
gboolean    _lanka_cases_touch            (LankaDatabase      *database,
                                           gint64              case_id,
                                           gboolean            reindex,
                                           GError            **error);

/* Every row of a case, removed inside the caller's transaction: what
 * lanka_cases_delete() and lanka_retention_delete() share.
 */
gboolean    _lanka_cases_remove           (LankaDatabase      *database,
                                           gint64              case_id,
                                           const char         *uuid,
                                           GError            **error);

G_END_DECLS
