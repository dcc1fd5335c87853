/* lanka-directory.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-agency.h"
#include "lanka-database.h"

G_BEGIN_DECLS

/**
 * LankaDirectoryFilter:
 * @agency_type: (nullable): only agencies of this type code
 * @county: (nullable): only agencies that serve this county code (national
 *   agencies serve every county)
 * @helps: (nullable): only agencies that help with this support type,
 *   form of exploitation or other code
 * @nmt_only: only agencies that take part in NMT
 *
 * What the directory list is narrowed to.  All members set means all
 * conditions hold.
 */
typedef struct
{
  const char *agency_type;
  const char *county;
  const char *helps;
  gboolean    nmt_only;
} LankaDirectoryFilter;

/**
 * LankaDirectoryEntry:
 * @agency: an agency
 * @contacts: (element-type LankaAgencyContact): its contact persons
 *
 * An agency with its contact persons, as an import brings them or an
 * export writes them.
 */
typedef struct
{
  LankaAgency *agency;
  GPtrArray   *contacts;
} LankaDirectoryEntry;

#define LANKA_TYPE_DIRECTORY_ENTRY (lanka_directory_entry_get_type ())

GType                lanka_directory_entry_get_type   (void) G_GNUC_CONST;
LankaDirectoryEntry *lanka_directory_entry_new        (LankaAgency                 *agency);
LankaDirectoryEntry *lanka_directory_entry_copy       (const LankaDirectoryEntry   *self);
void                 lanka_directory_entry_free       (LankaDirectoryEntry         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaDirectoryEntry, lanka_directory_entry_free)

/**
 * LankaSimilarity:
 * @LANKA_SIMILARITY_NAME: the same name once case, spaces and punctuation
 *   are set aside
 * @LANKA_SIMILARITY_PHONE: a phone number that is the same once normalised
 * @LANKA_SIMILARITY_EMAIL: the same e-mail address
 * @LANKA_SIMILARITY_ORGANISATION_NUMBER: the same organisation number
 *
 * Why an agency looks like another one.
 */
typedef enum
{
  LANKA_SIMILARITY_NAME                = 1 << 0,
  LANKA_SIMILARITY_PHONE               = 1 << 1,
  LANKA_SIMILARITY_EMAIL               = 1 << 2,
  LANKA_SIMILARITY_ORGANISATION_NUMBER = 1 << 3,
} LankaSimilarity;

/**
 * LankaSimilarAgency:
 * @agency: an agency already in the directory
 * @reasons: what it has in common with the one compared
 */
typedef struct
{
  LankaAgency     *agency;
  LankaSimilarity  reasons;
} LankaSimilarAgency;

void                 lanka_similar_agency_free        (LankaSimilarAgency          *self);

/**
 * LankaHelpReach:
 * @LANKA_HELP_REACH_REGIONAL: the agency serves the county asked for
 * @LANKA_HELP_REACH_NATIONAL: the agency serves the whole country
 */
typedef enum
{
  LANKA_HELP_REACH_REGIONAL,
  LANKA_HELP_REACH_NATIONAL,
} LankaHelpReach;

/**
 * LankaEligibility:
 * @LANKA_ELIGIBILITY_ACCEPTS: the agency says it accepts the person's group
 * @LANKA_ELIGIBILITY_UNKNOWN: the agency says nothing about whom it accepts
 * @LANKA_ELIGIBILITY_EXCLUDED: the agency lists whom it accepts, and the
 *   person's group is not among them
 */
typedef enum
{
  LANKA_ELIGIBILITY_ACCEPTS,
  LANKA_ELIGIBILITY_UNKNOWN,
  LANKA_ELIGIBILITY_EXCLUDED,
} LankaEligibility;

/**
 * LankaHelpQuery:
 * @need: a support type, form of exploitation or other code the person
 *   needs help with
 * @child: whether the person is a child (under 18)
 * @county: (nullable): the county code where the person is, or %NULL for
 *   every agency that helps with the need, wherever it works (a caller
 *   that wants national agencies only keeps those with
 *   %LANKA_HELP_REACH_NATIONAL)
 */
typedef struct
{
  const char *need;
  gboolean    child;
  const char *county;
} LankaHelpQuery;

/**
 * LankaHelpMatch:
 * @agency: an agency that helps with the need
 * @reach: whether it serves the county or the whole country
 * @eligibility: whether it takes the person's group
 */
typedef struct
{
  LankaAgency      *agency;
  LankaHelpReach    reach;
  LankaEligibility  eligibility;
} LankaHelpMatch;

void                 lanka_help_match_free            (LankaHelpMatch              *self);

/**
 * LankaHistoryEntry:
 * @time: when, in microseconds since the epoch
 * @user: who
 * @field: the field that changed, such as "name" or "phone"
 * @old_value: (nullable): the value before
 * @new_value: (nullable): the value after
 *
 * One change of one field of a personal record.
 */
typedef struct
{
  gint64  time;
  char   *user;
  char   *field;
  char   *old_value;
  char   *new_value;
} LankaHistoryEntry;

void                 lanka_history_entry_free         (LankaHistoryEntry           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaSimilarAgency, lanka_similar_agency_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaHelpMatch, lanka_help_match_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaHistoryEntry, lanka_history_entry_free)

gboolean             lanka_directory_add_agency       (LankaDatabase               *database,
                                                       LankaAgency                 *agency,
                                                       GError                     **error);
gboolean             lanka_directory_update_agency    (LankaDatabase               *database,
                                                       LankaAgency                 *agency,
                                                       GError                     **error);
gboolean             lanka_directory_delete_agency    (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
LankaAgency         *lanka_directory_get_agency       (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
gboolean             lanka_directory_add_contact      (LankaDatabase               *database,
                                                       const char                  *agency_uuid,
                                                       LankaAgencyContact          *contact,
                                                       GError                     **error);
gboolean             lanka_directory_update_contact   (LankaDatabase               *database,
                                                       LankaAgencyContact          *contact,
                                                       GError                     **error);
gboolean             lanka_directory_delete_contact   (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
GPtrArray           *lanka_directory_list_contacts    (LankaDatabase               *database,
                                                       const char                  *agency_uuid,
                                                       GError                     **error);
GStrv                lanka_directory_search           (LankaDatabase               *database,
                                                       const char                  *text,
                                                       const LankaDirectoryFilter  *filter,
                                                       guint                        limit,
                                                       guint                        offset,
                                                       GError                     **error);
gboolean             lanka_directory_count            (LankaDatabase               *database,
                                                       const char                  *text,
                                                       const LankaDirectoryFilter  *filter,
                                                       guint                       *count,
                                                       GError                     **error);
gboolean             lanka_directory_trash_agency     (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
gboolean             lanka_directory_restore_agency   (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
gboolean             lanka_directory_empty_trash      (LankaDatabase               *database,
                                                       GError                     **error);
LankaAgencyContact  *lanka_directory_get_contact      (LankaDatabase               *database,
                                                       const char                  *uuid,
                                                       GError                     **error);
GPtrArray           *lanka_directory_list_history     (LankaDatabase               *database,
                                                       const char                  *contact_uuid,
                                                       GError                     **error);
GPtrArray           *lanka_directory_find_similar     (LankaDatabase               *database,
                                                       LankaAgency                 *agency,
                                                       GError                     **error);
GPtrArray           *lanka_directory_find_help        (LankaDatabase               *database,
                                                       const LankaHelpQuery        *query,
                                                       GError                     **error);
gboolean             lanka_directory_merge_agencies   (LankaDatabase               *database,
                                                       LankaAgency                 *kept,
                                                       const char                  *merged_uuid,
                                                       GError                     **error);
gboolean             lanka_directory_import           (LankaDatabase               *database,
                                                       GPtrArray                   *entries,
                                                       GError                     **error);
GPtrArray           *lanka_directory_export_entries   (LankaDatabase               *database,
                                                       const char * const          *uuids,
                                                       GError                     **error);
gboolean             lanka_directory_reindex          (LankaDatabase               *database,
                                                       GError                     **error);

G_END_DECLS
