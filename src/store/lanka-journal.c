/* lanka-journal.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case's journal: what the caseworkers wrote and what the case itself
 * recorded (a status changed, a person was added), in one timeline.  A
 * signed entry is part of the record and never changes; what was wrong in
 * it is put right by a new entry that points at it.  The table's trigger
 * refuses any change to a signed entry as well, but the checks here come
 * first, so that the person gets a sentence rather than a failed
 * statement.
 */

#define G_LOG_DOMAIN "lanka-journal"

#include "config.h"

#include "lanka-journal.h"

#include "lanka-audit.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

#include <glib/gi18n.h>

#define EVENT_TYPE "event"

struct _LankaJournalEntry
{
  GObject  parent_instance;

  char    *uuid;
  char    *case_uuid;
  gint64   event_time;
  gint64   written;
  char    *author;
  char    *entry_type;
  char    *text;
  char    *event;
  char    *event_old;
  char    *event_new;
  char    *corrects;
  char    *corrected_by;
  gint64   signed_time;
  char    *signed_by;
};

G_DEFINE_FINAL_TYPE (LankaJournalEntry, lanka_journal_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_CASE_UUID,
  PROP_EVENT_TIME,
  PROP_WRITTEN,
  PROP_AUTHOR,
  PROP_ENTRY_TYPE,
  PROP_TEXT,
  PROP_EVENT,
  PROP_EVENT_OLD,
  PROP_EVENT_NEW,
  PROP_CORRECTS,
  PROP_CORRECTED_BY,
  PROP_SIGNED,
  PROP_SIGNED_BY,
  PROP_IS_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lanka_journal_entry_finalize (GObject *object)
{
  LankaJournalEntry *self = (LankaJournalEntry *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->case_uuid, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->entry_type, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->event, g_free);
  g_clear_pointer (&self->event_old, g_free);
  g_clear_pointer (&self->event_new, g_free);
  g_clear_pointer (&self->corrects, g_free);
  g_clear_pointer (&self->corrected_by, g_free);
  g_clear_pointer (&self->signed_by, g_free);

  G_OBJECT_CLASS (lanka_journal_entry_parent_class)->finalize (object);
}

static void
lanka_journal_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LankaJournalEntry *self = LANKA_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, lanka_journal_entry_get_uuid (self));
      break;

    case PROP_CASE_UUID:
      g_value_set_string (value, lanka_journal_entry_get_case_uuid (self));
      break;

    case PROP_EVENT_TIME:
      g_value_set_int64 (value, lanka_journal_entry_get_event_time (self));
      break;

    case PROP_WRITTEN:
      g_value_set_int64 (value, lanka_journal_entry_get_written (self));
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, lanka_journal_entry_get_author (self));
      break;

    case PROP_ENTRY_TYPE:
      g_value_set_string (value, lanka_journal_entry_get_entry_type (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, lanka_journal_entry_get_text (self));
      break;

    case PROP_EVENT:
      g_value_set_string (value, lanka_journal_entry_get_event (self));
      break;

    case PROP_EVENT_OLD:
      g_value_set_string (value, lanka_journal_entry_get_event_old (self));
      break;

    case PROP_EVENT_NEW:
      g_value_set_string (value, lanka_journal_entry_get_event_new (self));
      break;

    case PROP_CORRECTS:
      g_value_set_string (value, lanka_journal_entry_get_corrects (self));
      break;

    case PROP_CORRECTED_BY:
      g_value_set_string (value, lanka_journal_entry_get_corrected_by (self));
      break;

    case PROP_SIGNED:
      g_value_set_int64 (value, lanka_journal_entry_get_signed (self));
      break;

    case PROP_SIGNED_BY:
      g_value_set_string (value, lanka_journal_entry_get_signed_by (self));
      break;

    case PROP_IS_EVENT:
      g_value_set_boolean (value, lanka_journal_entry_is_event (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE |
                               G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
time_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             (G_PARAM_READABLE |
                              G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS));
}

static void
lanka_journal_entry_class_init (LankaJournalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_journal_entry_finalize;
  object_class->get_property = lanka_journal_entry_get_property;

  /* Entries are read from the database and never changed in memory: the
   * properties are there for expressions in list rows.
   */
  properties[PROP_UUID] = string_property ("uuid");
  properties[PROP_CASE_UUID] = string_property ("case-uuid");
  properties[PROP_EVENT_TIME] = time_property ("event-time");
  properties[PROP_WRITTEN] = time_property ("written");
  properties[PROP_AUTHOR] = string_property ("author");
  properties[PROP_ENTRY_TYPE] = string_property ("entry-type");
  properties[PROP_TEXT] = string_property ("text");
  properties[PROP_EVENT] = string_property ("event");
  properties[PROP_EVENT_OLD] = string_property ("event-old");
  properties[PROP_EVENT_NEW] = string_property ("event-new");
  properties[PROP_CORRECTS] = string_property ("corrects");
  properties[PROP_CORRECTED_BY] = string_property ("corrected-by");
  properties[PROP_SIGNED] = time_property ("signed");
  properties[PROP_SIGNED_BY] = string_property ("signed-by");
  properties[PROP_IS_EVENT] =
    g_param_spec_boolean ("is-event", NULL, NULL, FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanka_journal_entry_init (LankaJournalEntry *self)
{
}

const char *
lanka_journal_entry_get_uuid (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->uuid;
}

const char *
lanka_journal_entry_get_case_uuid (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->case_uuid;
}

/**
 * lanka_journal_entry_get_event_time:
 * @self: a #LankaJournalEntry
 *
 * Returns: when what the entry tells happened, in microseconds since the
 *   epoch
 */
gint64
lanka_journal_entry_get_event_time (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), 0);

  return self->event_time;
}

/**
 * lanka_journal_entry_get_written:
 * @self: a #LankaJournalEntry
 *
 * Returns: when the entry got its present text, in microseconds since the
 *   epoch
 */
gint64
lanka_journal_entry_get_written (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), 0);

  return self->written;
}

const char *
lanka_journal_entry_get_author (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->author;
}

const char *
lanka_journal_entry_get_entry_type (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->entry_type;
}

const char *
lanka_journal_entry_get_text (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->text;
}

const char *
lanka_journal_entry_get_event (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->event;
}

const char *
lanka_journal_entry_get_event_old (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->event_old;
}

const char *
lanka_journal_entry_get_event_new (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->event_new;
}

/**
 * lanka_journal_entry_get_corrects:
 * @self: a #LankaJournalEntry
 *
 * Returns: (nullable): the uuid of the entry this one corrects
 */
const char *
lanka_journal_entry_get_corrects (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->corrects;
}

/**
 * lanka_journal_entry_get_corrected_by:
 * @self: a #LankaJournalEntry
 *
 * Only filled in by lanka_journal_list().
 *
 * Returns: (nullable): the uuid of the latest entry that corrects this one
 */
const char *
lanka_journal_entry_get_corrected_by (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->corrected_by;
}

/**
 * lanka_journal_entry_get_signed:
 * @self: a #LankaJournalEntry
 *
 * Returns: when the entry was signed, in microseconds since the epoch, or
 *   0 when it is not signed
 */
gint64
lanka_journal_entry_get_signed (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), 0);

  return self->signed_time;
}

const char *
lanka_journal_entry_get_signed_by (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), NULL);

  return self->signed_by;
}

gboolean
lanka_journal_entry_is_event (LankaJournalEntry *self)
{
  g_return_val_if_fail (LANKA_IS_JOURNAL_ENTRY (self), FALSE);

  return g_strcmp0 (self->entry_type, EVENT_TYPE) == 0;
}

/**
 * lanka_journal_get_author:
 *
 * The name journal entries and signatures carry.  GLib answers "Unknown"
 * when the system knows no real name; the login name is better then.
 *
 * Returns: (transfer none): the author of what this process writes
 */
const char *
lanka_journal_get_author (void)
{
  static char *author = NULL;

  if (g_once_init_enter (&author))
    {
      const char *real_name = g_get_real_name ();
      char *name;

      if (real_name != NULL && real_name[0] != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
        name = g_strdup (real_name);
      else
        name = g_strdup (g_get_user_name ());

      g_once_init_leave (&author, name);
    }

  return author;
}

/* Statements of this file.  Every column list is the same, so that one
 * function turns a row into an entry.
 */
#define ENTRY_COLUMNS \
  "j.uuid, c.uuid, j.event_time, j.written, j.author, j.type, j.text, j.event, " \
  "j.event_old, j.event_new, j.corrects, j.signed, j.signed_by"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static LankaJournalEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  LankaJournalEntry *self = g_object_new (LANKA_TYPE_JOURNAL_ENTRY, NULL);

  self->uuid = column_dup (stmt, 0);
  self->case_uuid = column_dup (stmt, 1);
  self->event_time = sqlite3_column_int64 (stmt, 2);
  self->written = sqlite3_column_int64 (stmt, 3);
  self->author = column_dup (stmt, 4);
  self->entry_type = column_dup (stmt, 5);
  self->text = column_dup (stmt, 6);
  self->event = column_dup (stmt, 7);
  self->event_old = column_dup (stmt, 8);
  self->event_new = column_dup (stmt, 9);
  self->corrects = column_dup (stmt, 10);
  self->signed_time = sqlite3_column_int64 (stmt, 11);
  self->signed_by = column_dup (stmt, 12);

  return self;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value != NULL && value[0] != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Every write is a savepoint: on its own it is a transaction, inside the
 * case's save it nests.
 */
static gboolean
savepoint_begin (LankaDatabase  *database,
                 GError        **error)
{
  return _lanka_database_exec (database, "SAVEPOINT journal", error);
}

static gboolean
savepoint_end (LankaDatabase  *database,
               gboolean        ok,
               GError        **error)
{
  if (ok && _lanka_database_exec (database, "RELEASE journal", error))
    return TRUE;

  /* Rolling back to a savepoint keeps it open; releasing it afterwards
   * ends the transaction it may have started.
   */
  if (!_lanka_database_exec (database, "ROLLBACK TO journal", NULL) ||
      !_lanka_database_exec (database, "RELEASE journal", NULL))
    lanka_database_rollback (database);

  return FALSE;
}

/* What the checks of a change need to know about an entry. */
typedef struct
{
  gint64    id;
  gint64    case_id;
  char     *case_uuid;
  gboolean  is_event;
  gboolean  is_signed;
} EntryState;

static void
entry_state_clear (EntryState *state)
{
  g_clear_pointer (&state->case_uuid, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryState, entry_state_clear)

static gboolean
read_state (LankaDatabase  *database,
            const char     *uuid,
            EntryState     *state,
            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT j.id, j.case_id, c.uuid, "
                                        "j.type = '" EVENT_TYPE "', j.signed IS NOT NULL "
                                        "FROM journal_entry j JOIN \"case\" c ON c.id = j.case_id "
                                        "WHERE j.uuid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  state->id = 0;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      state->id = sqlite3_column_int64 (stmt, 0);
      state->case_id = sqlite3_column_int64 (stmt, 1);
      state->case_uuid = column_dup (stmt, 2);
      state->is_event = sqlite3_column_int (stmt, 3);
      state->is_signed = sqlite3_column_int (stmt, 4);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (state->id == 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                           _("The journal entry no longer exists."));
      return FALSE;
    }

  return TRUE;
}

/* Refuses a change to an entry that must not change. */
static gboolean
check_changeable (const EntryState  *state,
                  GError           **error)
{
  if (state->is_event)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("What the case recorded by itself cannot be changed."));
      return FALSE;
    }

  if (state->is_signed)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The journal entry is signed and cannot be changed. "
                             "Write a correction instead."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_words (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

static gboolean
check_entry (const char  *entry_type,
             const char  *text,
             GError     **error)
{
  if (entry_type == NULL || !lanka_vocabulary_contains (LANKA_VOCABULARY_JOURNAL_TYPE, entry_type))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("Choose what kind of entry this is."));
      return FALSE;
    }

  if (!has_words (text))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("A journal entry needs a text."));
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The text contains characters that cannot be read."));
      return FALSE;
    }

  return TRUE;
}

static LankaJournalEntry *
read_entry (LankaDatabase  *database,
            const char     *uuid,
            GError        **error)
{
  LankaJournalEntry *entry = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT " ENTRY_COLUMNS " FROM journal_entry j "
                                        "JOIN \"case\" c ON c.id = j.case_id WHERE j.uuid = ?1",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      entry = entry_from_row (stmt);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    {
      g_clear_object (&entry);
      return NULL;
    }

  if (entry == NULL)
    g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                         _("The journal entry no longer exists."));

  return entry;
}

/**
 * lanka_journal_list:
 * @database: an open #LankaDatabase
 * @case_uuid: a case's uuid
 * @error: a location for a #GError
 *
 * Reads the timeline of a case: its journal entries and its events, by
 * the time they happened, in the order they were written where times are
 * equal.  Each corrected entry knows the latest entry that corrects it.
 * A case that has not been saved yet has an empty timeline.
 *
 * Returns: (transfer full): a #GListStore of #LankaJournalEntry, or %NULL
 *   on error
 */
GListModel *
lanka_journal_list (LankaDatabase  *database,
                    const char     *case_uuid,
                    GError        **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GHashTable) by_uuid = NULL;
  sqlite3_stmt *stmt;
  guint n_items;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error))
    return NULL;

  /* The case's uuid to its id first: then the index on (case_id,
   * event_time, id) gives the rows in order without a sort.
   */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT " ENTRY_COLUMNS " FROM \"case\" c "
                                        "JOIN journal_entry j ON j.case_id = c.id "
                                        "WHERE c.uuid = ?1 ORDER BY j.event_time, j.id",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, case_uuid, -1, SQLITE_TRANSIENT);

  store = g_list_store_new (LANKA_TYPE_JOURNAL_ENTRY);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LankaJournalEntry) entry = entry_from_row (stmt);

      g_list_store_append (store, entry);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_hash_table_insert (by_uuid, entry->uuid, entry);
    }

  /* In timeline order, so that a later correction wins. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (G_LIST_MODEL (store), i);
      LankaJournalEntry *corrected;

      if (entry->corrects == NULL)
        continue;

      if ((corrected = g_hash_table_lookup (by_uuid, entry->corrects)))
        {
          g_free (corrected->corrected_by);
          corrected->corrected_by = g_strdup (entry->uuid);
        }
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static gboolean
check_corrected (LankaDatabase  *database,
                 gint64          case_id,
                 const char     *corrects,
                 GError        **error)
{
  g_auto(EntryState) state = { 0 };
  g_autoptr(GError) local_error = NULL;

  if (!read_state (database, corrects, &state, &local_error))
    {
      if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                             _("The entry to correct no longer exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));

      return FALSE;
    }

  if (state.case_id != case_id)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("A correction must belong to the same case as the entry it "
                             "corrects."));
      return FALSE;
    }

  if (state.is_event)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("What the case recorded by itself cannot be corrected."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_entry (LankaDatabase  *database,
              const char     *uuid,
              gint64          case_id,
              const char     *entry_type,
              gint64          event_time,
              const char     *text,
              const char     *event,
              const char     *event_old,
              const char     *event_new,
              const char     *corrects,
              GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO journal_entry (uuid, case_id, event_time, "
                                        "written, author, type, text, event, event_old, "
                                        "event_new, corrects) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, event_time);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  sqlite3_bind_text (stmt, 5, lanka_journal_get_author (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, entry_type, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 7, text);
  bind_text (stmt, 8, event);
  bind_text (stmt, 9, event_old);
  bind_text (stmt, 10, event_new);
  bind_text (stmt, 11, corrects);

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_journal_add:
 * @database: an open #LankaDatabase
 * @case_uuid: the case the entry belongs to
 * @entry_type: a journal entry type code ("meeting", "phone", …)
 * @event_time: when it happened, in microseconds since the epoch; 0 for now
 * @text: what happened
 * @corrects: (nullable): the uuid of the entry of the same case this one
 *   corrects
 * @error: a location for a #GError
 *
 * Writes a new, unsigned entry by lanka_journal_get_author(), written now.
 *
 * Returns: (transfer full): the entry as written, or %NULL on error
 */
LankaJournalEntry *
lanka_journal_add (LankaDatabase  *database,
                   const char     *case_uuid,
                   const char     *entry_type,
                   gint64          event_time,
                   const char     *text,
                   const char     *corrects,
                   GError        **error)
{
  g_autofree char *uuid = NULL;
  gint64 case_id;
  gboolean ok;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) || !check_entry (entry_type, text, error))
    return NULL;

  if (corrects != NULL && corrects[0] == '\0')
    corrects = NULL;

  if (event_time <= 0)
    event_time = g_get_real_time ();

  uuid = g_uuid_string_random ();

  if (!savepoint_begin (database, error))
    return NULL;

  ok = _lanka_cases_find_id (database, case_uuid, &case_id, error) &&
       (corrects == NULL || check_corrected (database, case_id, corrects, error)) &&
       insert_entry (database, uuid, case_id, entry_type, event_time, text,
                     NULL, NULL, NULL, corrects, error) &&
       _lanka_cases_touch (database, case_id, TRUE, error);

  if (!savepoint_end (database, ok, error))
    return NULL;

  return read_entry (database, uuid, error);
}

/**
 * lanka_journal_update:
 * @database: an open #LankaDatabase
 * @uuid: the entry's uuid
 * @entry_type: a journal entry type code
 * @event_time: when it happened, in microseconds since the epoch; 0 for now
 * @text: what happened
 * @error: a location for a #GError
 *
 * Changes an unsigned entry; its written time becomes now.  A signed entry
 * and an event of the case are refused with %LANKA_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_journal_update (LankaDatabase  *database,
                      const char     *uuid,
                      const char     *entry_type,
                      gint64          event_time,
                      const char     *text,
                      GError        **error)
{
  g_auto(EntryState) state = { 0 };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !check_entry (entry_type, text, error))
    return FALSE;

  if (event_time <= 0)
    event_time = g_get_real_time ();

  if (!savepoint_begin (database, error))
    return FALSE;

  ok = read_state (database, uuid, &state, error) &&
       check_changeable (&state, error) &&
       (stmt = _lanka_database_prepare (database,
                                        "UPDATE journal_entry SET type = ?2, event_time = ?3, "
                                        "text = ?4, written = ?5 WHERE id = ?1",
                                        error)) != NULL;

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, state.id);
      sqlite3_bind_text (stmt, 2, entry_type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, event_time);
      sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time ());

      ok = _lanka_database_step_done (database, stmt, error) &&
           _lanka_cases_touch (database, state.case_id, TRUE, error);
    }

  return savepoint_end (database, ok, error);
}

/**
 * lanka_journal_sign:
 * @database: an open #LankaDatabase
 * @uuid: the entry's uuid
 * @error: a location for a #GError
 *
 * Signs an entry in the name of lanka_journal_get_author(): from now on
 * nothing may change it or delete it.  The audit log records the
 * signature with the case's uuid.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_journal_sign (LankaDatabase  *database,
                    const char     *uuid,
                    GError        **error)
{
  g_auto(EntryState) state = { 0 };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !savepoint_begin (database, error))
    return FALSE;

  ok = read_state (database, uuid, &state, error);

  if (ok && state.is_signed)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The journal entry is already signed."));
      ok = FALSE;
    }

  ok = ok && check_changeable (&state, error) &&
       (stmt = _lanka_database_prepare (database,
                                        "UPDATE journal_entry SET signed = ?2, signed_by = ?3 "
                                        "WHERE id = ?1",
                                        error)) != NULL;

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, state.id);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      sqlite3_bind_text (stmt, 3, lanka_journal_get_author (), -1, SQLITE_TRANSIENT);

      ok = _lanka_database_step_done (database, stmt, error) &&
           _lanka_cases_touch (database, state.case_id, TRUE, error) &&
           lanka_audit_log (database, LANKA_AUDIT_JOURNAL_SIGN, state.case_uuid, NULL, error);
    }

  return savepoint_end (database, ok, error);
}

/**
 * lanka_journal_delete:
 * @database: an open #LankaDatabase
 * @uuid: the entry's uuid
 * @error: a location for a #GError
 *
 * Deletes an unsigned entry that no other entry corrects.  A signed entry
 * and an event of the case are refused with %LANKA_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_journal_delete (LankaDatabase  *database,
                      const char     *uuid,
                      GError        **error)
{
  g_auto(EntryState) state = { 0 };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !savepoint_begin (database, error))
    return FALSE;

  ok = read_state (database, uuid, &state, error) &&
       check_changeable (&state, error) &&
       (stmt = _lanka_database_prepare (database,
                                        "SELECT EXISTS (SELECT 1 FROM journal_entry "
                                        "WHERE case_id = ?1 AND corrects = ?2)",
                                        error)) != NULL;

  if (ok)
    {
      gboolean corrected;
      int rc;

      sqlite3_bind_int64 (stmt, 1, state.case_id);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (stmt);
      corrected = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0);
      ok = _lanka_database_finish_rows (database, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);

      /* A correction without the entry it corrects would say nothing. */
      if (ok && corrected)
        {
          g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                               _("A correction points at this journal entry, so it cannot be "
                                 "deleted."));
          ok = FALSE;
        }
    }

  /* The signed condition again in the statement itself: the trigger
   * guards updates only.
   */
  ok = ok && (stmt = _lanka_database_prepare (database,
                                              "DELETE FROM journal_entry "
                                              "WHERE id = ?1 AND signed IS NULL",
                                              error)) != NULL;

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, state.id);

      ok = _lanka_database_step_done (database, stmt, error) &&
           _lanka_cases_touch (database, state.case_id, TRUE, error);
    }

  return savepoint_end (database, ok, error);
}

/**
 * _lanka_journal_add_event:
 * @database: an open #LankaDatabase inside a transaction
 * @case_id: the case's id
 * @event: what happened: "status", "nrm_step", "person_added", …
 * @old_value: (nullable): the code before
 * @new_value: (nullable): the code after
 * @error: a location for a #GError
 *
 * Writes an event of the case into its timeline, as part of the caller's
 * transaction (a save), which also writes the case's search row: events
 * hold no text of their own to search.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_journal_add_event (LankaDatabase  *database,
                          gint64          case_id,
                          const char     *event,
                          const char     *old_value,
                          const char     *new_value,
                          GError        **error)
{
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (event != NULL && event[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  uuid = g_uuid_string_random ();

  return insert_entry (database, uuid, case_id, EVENT_TYPE, g_get_real_time (), NULL,
                       event, old_value, new_value, NULL, error);
}
