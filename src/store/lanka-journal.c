/* lanka-journal.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-journal"

#include "config.h"

#include "lanka-store-error.h"

#include "lanka-journal.h"

/* Placeholder: being written. */

struct _LankaJournalEntry
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaJournalEntry, lanka_journal_entry, G_TYPE_OBJECT)

static void
lanka_journal_entry_class_init (LankaJournalEntryClass *klass)
{
}

static void
lanka_journal_entry_init (LankaJournalEntry *self)
{
}

const char *
lanka_journal_entry_get_uuid (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_case_uuid (LankaJournalEntry *self)
{
  return NULL;
}

gint64
lanka_journal_entry_get_event_time (LankaJournalEntry *self)
{
  return 0;
}

gint64
lanka_journal_entry_get_written (LankaJournalEntry *self)
{
  return 0;
}

const char *
lanka_journal_entry_get_author (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_entry_type (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_text (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_event (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_event_old (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_event_new (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_corrects (LankaJournalEntry *self)
{
  return NULL;
}

const char *
lanka_journal_entry_get_corrected_by (LankaJournalEntry *self)
{
  return NULL;
}

gint64
lanka_journal_entry_get_signed (LankaJournalEntry *self)
{
  return 0;
}

const char *
lanka_journal_entry_get_signed_by (LankaJournalEntry *self)
{
  return NULL;
}

gboolean
lanka_journal_entry_is_event (LankaJournalEntry *self)
{
  return FALSE;
}

const char *
lanka_journal_get_author (void)
{
  return NULL;
}

GListModel *
lanka_journal_list (LankaDatabase *database, const char *case_uuid, GError **error)
{
  return NULL;
}

LankaJournalEntry *
lanka_journal_add (LankaDatabase *database, const char *case_uuid, const char *entry_type, gint64 event_time, const char *text, const char *corrects, GError **error)
{
  return NULL;
}

gboolean
lanka_journal_update (LankaDatabase *database, const char *uuid, const char *entry_type, gint64 event_time, const char *text, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

gboolean
lanka_journal_sign (LankaDatabase *database, const char *uuid, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

gboolean
lanka_journal_delete (LankaDatabase *database, const char *uuid, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}

gboolean
_lanka_journal_add_event (LankaDatabase *database, gint64 case_id, const char *event, const char *old_value, const char *new_value, GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, "Not yet");
  return FALSE;
}
