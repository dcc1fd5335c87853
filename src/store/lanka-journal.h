/* lanka-journal.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_JOURNAL_ENTRY (lanka_journal_entry_get_type ())

G_DECLARE_FINAL_TYPE (LankaJournalEntry, lanka_journal_entry, LANKA, JOURNAL_ENTRY, GObject)

/* A journal entry as read.  Type is a journal entry type code ("meeting",
 * "phone", …) or "event" for what the case itself recorded: then event is
 * "status", "nrm_step", "person_added", "person_removed",
 * "permit_decided", "created" or "closed", with the codes before and after
 * in event_old and event_new (for "person_added" the role and the alias;
 * for "permit_decided" the permit kind and the decision).  Times are
 * microseconds since the epoch.
 */
const char  *lanka_journal_entry_get_uuid         (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_case_uuid    (LankaJournalEntry *self);
gint64       lanka_journal_entry_get_event_time   (LankaJournalEntry *self);
gint64       lanka_journal_entry_get_written      (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_author       (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_entry_type   (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_text         (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_event        (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_event_old    (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_event_new    (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_corrects     (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_corrected_by (LankaJournalEntry *self);
gint64       lanka_journal_entry_get_signed       (LankaJournalEntry *self);
const char  *lanka_journal_entry_get_signed_by    (LankaJournalEntry *self);
gboolean     lanka_journal_entry_is_event         (LankaJournalEntry *self);

/* The author of what this process writes: the OS user's real name, or
 * the login name when the real name is unknown.
 */
const char  *lanka_journal_get_author             (void);

/* The case's timeline, oldest first: the entries and the events. */
GListModel  *lanka_journal_list                   (LankaDatabase     *database,
                                                   const char        *case_uuid,
                                                   GError           **error);
LankaJournalEntry *lanka_journal_add              (LankaDatabase     *database,
                                                   const char        *case_uuid,
                                                   const char        *entry_type,
                                                   gint64             event_time,
                                                   const char        *text,
                                                   const char        *corrects,
                                                   GError           **error);
gboolean     lanka_journal_update                 (LankaDatabase     *database,
                                                   const char        *uuid,
                                                   const char        *entry_type,
                                                   gint64             event_time,
                                                   const char        *text,
                                                   GError           **error);
gboolean     lanka_journal_sign                   (LankaDatabase     *database,
                                                   const char        *uuid,
                                                   GError           **error);
gboolean     lanka_journal_delete                 (LankaDatabase     *database,
                                                   const char        *uuid,
                                                   GError           **error);

/* For the store: an event entry inside the caller's transaction. */
gboolean     _lanka_journal_add_event             (LankaDatabase     *database,
                                                   gint64             case_id,
                                                   const char        *event,
                                                   const char        *old_value,
                                                   const char        *new_value,
                                                   GError           **error);

G_END_DECLS
