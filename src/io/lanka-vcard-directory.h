/* lanka-vcard-directory.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"
#include "lanka-directory.h"
#include "lanka-vcard.h"

G_BEGIN_DECLS

/**
 * LankaImportStatus:
 * @LANKA_IMPORT_STATUS_NEW: nothing in the directory looks like it
 * @LANKA_IMPORT_STATUS_DUPLICATE: an agency in the directory (or earlier in
 *   the same file) looks like it
 * @LANKA_IMPORT_STATUS_UNREADABLE: the card cannot become an agency or a
 *   contact person; the reason says why
 */
typedef enum
{
  LANKA_IMPORT_STATUS_NEW,
  LANKA_IMPORT_STATUS_DUPLICATE,
  LANKA_IMPORT_STATUS_UNREADABLE,
} LankaImportStatus;

#define LANKA_TYPE_IMPORT_STATUS (lanka_import_status_get_type ())

GType lanka_import_status_get_type (void) G_GNUC_CONST;

#define LANKA_TYPE_IMPORT_CANDIDATE (lanka_import_candidate_get_type ())

G_DECLARE_FINAL_TYPE (LankaImportCandidate, lanka_import_candidate, LANKA, IMPORT_CANDIDATE, GObject)

const char          *lanka_import_candidate_get_title          (LankaImportCandidate *self);
const char          *lanka_import_candidate_get_subtitle       (LankaImportCandidate *self);
guint                lanka_import_candidate_get_card_number    (LankaImportCandidate *self);
LankaImportStatus    lanka_import_candidate_get_status         (LankaImportCandidate *self);
const char          *lanka_import_candidate_get_reason         (LankaImportCandidate *self);
const char          *lanka_import_candidate_get_duplicate_uuid (LankaImportCandidate *self);
const char          *lanka_import_candidate_get_agency_uuid    (LankaImportCandidate *self);
LankaDirectoryEntry *lanka_import_candidate_get_entry          (LankaImportCandidate *self);
gboolean             lanka_import_candidate_get_selected       (LankaImportCandidate *self);
void                 lanka_import_candidate_set_selected       (LankaImportCandidate *self,
                                                                gboolean              selected);

GPtrArray           *lanka_vcard_directory_to_cards            (GPtrArray            *entries);
GListModel          *lanka_vcard_directory_prepare_import      (LankaDatabase        *database,
                                                                GBytes               *data,
                                                                GCancellable         *cancellable,
                                                                GError              **error);
gboolean             lanka_vcard_directory_import              (LankaDatabase        *database,
                                                                GListModel           *candidates,
                                                                guint                *n_imported,
                                                                GCancellable         *cancellable,
                                                                GError              **error);
GBytes              *lanka_vcard_directory_export              (LankaDatabase        *database,
                                                                const char * const   *uuids,
                                                                LankaVCardVersion     version,
                                                                GError              **error);

G_END_DECLS
