/* lanka-database.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-database"

#include "config.h"

#include "lanka-database-private.h"
#include "lanka-directory-private.h"
#include "lanka-sqlite-memory.h"
#include "lanka-store-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct _LankaDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  char       *uuid;
  int         version;

  /* Prepared statements per thread, GThread → (SQL text → sqlite3_stmt):
   * the main thread and a worker (an import, an export, a backup) may use
   * the connection at the same time, but never the same statement.  All
   * are finalized when the handle closes, a worker's own when it lets go
   * of the database.
   */
  GMutex      statements_lock;
  GHashTable *statements;

  /* A worker thread (backup, key rotation) may be using the handle when the
   * person locks Länka: the close then waits for it, and happens when the
   * worker lets go.  Meanwhile the database counts as closed.
   */
  GMutex      busy_lock;
  guint       busy;
  gboolean    close_pending;
};

G_DEFINE_FINAL_TYPE (LankaDatabase, lanka_database, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_UUID,
  PROP_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The plaintext header every unencrypted SQLite file starts with.  SQLCipher
 * puts a random salt there instead, so a file that starts with it was never
 * encrypted, and keying it would only fail later with a misleading error.
 */
static const char sqlite_magic[16] = "SQLite format 3";

/* Set only by the benchmark; see _lanka_database_set_benchmark_flags(). */
static LankaDatabaseBenchmarkFlags benchmark_flags;

/* The meta row that asks for the search index to be filled again. */
#define REINDEX_KEY "directory-reindex"

/* Schema migrations, applied in order: a database at user_version N has run
 * the first N entries.  Entries are only ever appended; a shipped entry
 * never changes, because databases in the field have already run it.
 */
static const char * const migrations[] = {
  /* 1: the tables every Länka database has from the start. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  time INTEGER NOT NULL,"
  "  user TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  object TEXT,"
  "  detail TEXT"
  ");"
  "CREATE INDEX audit_log_action ON audit_log (action, id);"
  /* Accountability needs a log that the application itself cannot rewrite:
   * no code path may change or remove an entry once written.
   */
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
  "BEGIN SELECT RAISE (ABORT, 'audit_log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
  "BEGIN SELECT RAISE (ABORT, 'audit_log is append-only'); END;"
  "CREATE TABLE draft ("
  "  kind TEXT NOT NULL,"
  "  object TEXT NOT NULL,"
  "  content BLOB NOT NULL,"
  "  saved_at INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, object)"
  ");",

  /* 2: the agency directory and the field-level change history.  Codes
   * (type, county, helps-with, accepts) are the stable English codes of the
   * vocabulary; labels stay in gettext.  Times are microseconds since the
   * epoch, like the audit log; verified_on is an ISO 8601 date.
   */
  "CREATE TABLE agency ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  name TEXT NOT NULL,"
  "  unit TEXT,"
  "  type TEXT NOT NULL DEFAULT 'other',"
  "  national INTEGER NOT NULL DEFAULT 0,"
  "  nmt INTEGER NOT NULL DEFAULT 0,"
  "  organisation_number TEXT,"
  "  opening_hours TEXT,"
  "  out_of_hours TEXT,"
  "  limits TEXT,"
  "  notes TEXT,"
  "  verified_on TEXT,"
  "  source TEXT,"
  /* Seed agencies carry the seed's stable key and a hash of the values the
   * seed last wrote, so that a later seed can tell whether the person has
   * changed them since.
   */
  "  seed_key TEXT UNIQUE,"
  "  seed_hash TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX agency_name ON agency (name);"
  "CREATE INDEX agency_type ON agency (type, name);"
  "CREATE TABLE agency_county ("
  "  agency INTEGER NOT NULL REFERENCES agency ON DELETE CASCADE,"
  "  county TEXT NOT NULL,"
  "  PRIMARY KEY (agency, county)"
  ") WITHOUT ROWID;"
  "CREATE INDEX agency_county_county ON agency_county (county, agency);"
  "CREATE TABLE agency_helps ("
  "  agency INTEGER NOT NULL REFERENCES agency ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('support', 'exploitation', 'other')),"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (agency, kind, code)"
  ") WITHOUT ROWID;"
  "CREATE INDEX agency_helps_code ON agency_helps (code, agency);"
  "CREATE TABLE agency_accepts ("
  "  agency INTEGER NOT NULL REFERENCES agency ON DELETE CASCADE,"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (agency, code)"
  ") WITHOUT ROWID;"
  "CREATE TABLE agency_language ("
  "  agency INTEGER NOT NULL REFERENCES agency ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  PRIMARY KEY (agency, language)"
  ") WITHOUT ROWID;"
  "CREATE TABLE agency_channel ("
  "  id INTEGER PRIMARY KEY,"
  "  agency INTEGER NOT NULL REFERENCES agency ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'web', 'address')),"
  "  label TEXT,"
  "  value TEXT NOT NULL,"
  /* Phones as +46…, e-mail addresses in lower case: what duplicate checks
   * compare, while value keeps what the person wrote.
   */
  "  normalized TEXT,"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE INDEX agency_channel_agency ON agency_channel (agency, position);"
  "CREATE INDEX agency_channel_normalized ON agency_channel (normalized);"
  "CREATE TABLE agency_contact ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  agency INTEGER NOT NULL REFERENCES agency ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  role TEXT,"
  "  notes TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX agency_contact_agency ON agency_contact (agency, name);"
  "CREATE TABLE agency_contact_channel ("
  "  id INTEGER PRIMARY KEY,"
  "  contact INTEGER NOT NULL REFERENCES agency_contact ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')),"
  "  label TEXT,"
  "  value TEXT NOT NULL,"
  "  normalized TEXT,"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE INDEX agency_contact_channel_contact ON agency_contact_channel (contact, position);"
  "CREATE INDEX agency_contact_channel_normalized ON agency_contact_channel (normalized);"
  /* Old and new values of personal records, field by field.  It is personal
   * data itself, so it goes when its record goes.
   */
  "CREATE TABLE record_history ("
  "  id INTEGER PRIMARY KEY,"
  "  time INTEGER NOT NULL,"
  "  user TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  record_uuid TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX record_history_record ON record_history (table_name, record_uuid, id);"
  /* A cascade from a deleted agency fires this as well. */
  "CREATE TRIGGER agency_contact_history_delete AFTER DELETE ON agency_contact "
  "BEGIN DELETE FROM record_history "
  "WHERE table_name = 'agency_contact' AND record_uuid = OLD.uuid; END;"
  /* One row per agency, rowid = agency.id, kept in step by the store (the
   * text gathers labels and several tables, which triggers cannot build).
   * Contentless: the words live only in the index, the values in agency.
   * unicode61 without removing diacritics keeps å, ä and ö letters of
   * their own, as they are in Swedish.
   */
  "CREATE VIRTUAL TABLE agency_fts USING fts5 ("
  "  name, unit, kind, limits, notes, people, channels,"
  "  content = '', contentless_delete = 1,"
  "  tokenize = 'unicode61 remove_diacritics 0',"
  "  prefix = '2 3 4'"
  ");",

  /* 3: names in Swedish order, and a trash for the undo of a deletion.
   * A trashed agency (trashed = the time it was trashed) is out of every
   * list and search until it is restored or the trash is emptied, which
   * happens at the latest when the database is next opened.  A seed
   * agency the person deleted stays deleted: its key is remembered.
   */
  "ALTER TABLE agency ADD COLUMN trashed INTEGER;"
  /* Only what the lists show: read in order, this index alone answers the
   * unfiltered list, with no sort and no look at the table.
   */
  "DROP INDEX agency_name;"
  "CREATE INDEX agency_name ON agency (name COLLATE swedish, id) WHERE trashed IS NULL;"
  "DROP INDEX agency_contact_agency;"
  "CREATE INDEX agency_contact_agency ON agency_contact (agency, name COLLATE swedish);"
  "CREATE INDEX agency_trashed ON agency (trashed) WHERE trashed IS NOT NULL;"
  /* A prefix index of one character as well: the first letter or digit
   * typed ("m", "0") otherwise merges the lists of every word that starts
   * with it, tens of milliseconds in a large directory.  The store fills
   * the new index again after migrating (lanka_directory_reindex()).
   */
  "DROP TABLE agency_fts;"
  "CREATE VIRTUAL TABLE agency_fts USING fts5 ("
  "  name, unit, kind, limits, notes, people, channels,"
  "  content = '', contentless_delete = 1,"
  "  tokenize = 'unicode61 remove_diacritics 0',"
  "  prefix = '1 2 3 4'"
  ");"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('" REINDEX_KEY "', '1');"
  "CREATE TABLE seed_tombstone ("
  "  seed_key TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"
  /* Whatever removes a seed agency for good (a deletion, the trash being
   * emptied, a merge into another agency) keeps the seed from adding it
   * again.
   */
  "CREATE TRIGGER agency_seed_tombstone AFTER DELETE ON agency "
  "WHEN OLD.seed_key IS NOT NULL "
  "BEGIN INSERT OR IGNORE INTO seed_tombstone (seed_key) VALUES (OLD.seed_key); END;"
  /* Duplicate checks by index: names by their keys (the SQL function
   * lanka_name_key(), registered on every connection), organisation
   * numbers by their digits.
   */
  "CREATE INDEX agency_name_key ON agency (lanka_name_key (name));"
  "CREATE INDEX agency_organisation_number ON agency "
  "(replace (replace (organisation_number, '-', ''), ' ', ''));",

  /* 4: cases and the people in them.  Codes are the vocabulary's stable
   * codes (HTCDS spellings where they exist); dates are ISO 8601 dates
   * (YYYY-MM-DD), times microseconds since the epoch.  Every row of a case
   * goes with its case: the people, their details, the journal and the
   * change history.
   */
  "CREATE TABLE person ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  alias TEXT NOT NULL,"
  "  legal_name TEXT,"
  /* A personnummer or samordningsnummer as YYYYMMDD-NNNN. */
  "  personal_number TEXT,"
  "  birth_date TEXT,"
  /* 'day', 'month' or 'year': how much of birth_date is known. */
  "  birth_precision TEXT,"
  "  estimated_age INTEGER,"
  "  estimated_on TEXT,"
  "  gender TEXT,"
  "  interpreter INTEGER NOT NULL DEFAULT 0,"
  "  interpreter_language TEXT,"
  "  protected_identity INTEGER NOT NULL DEFAULT 0,"
  "  address TEXT,"
  "  phone TEXT,"
  "  notes TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX person_personal_number ON person (personal_number) "
  "WHERE personal_number IS NOT NULL;"
  "CREATE INDEX person_birth_date ON person (birth_date) WHERE birth_date IS NOT NULL;"
  "CREATE INDEX person_alias_key ON person (lanka_name_key (alias));"
  "CREATE TABLE person_citizenship ("
  "  person INTEGER NOT NULL REFERENCES person ON DELETE CASCADE,"
  "  country TEXT NOT NULL,"
  "  PRIMARY KEY (person, country)"
  ") WITHOUT ROWID;"
  "CREATE INDEX person_citizenship_country ON person_citizenship (country, person);"
  "CREATE TABLE person_language ("
  "  person INTEGER NOT NULL REFERENCES person ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  PRIMARY KEY (person, language)"
  ") WITHOUT ROWID;"
  "CREATE TABLE \"case\" ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  /* The number people say: the year and a running number, "2026-0042". */
  "  number TEXT UNIQUE NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'intake',"
  "  nrm_step INTEGER NOT NULL DEFAULT 1 CHECK (nrm_step BETWEEN 1 AND 6),"
  "  victim_status TEXT,"
  "  victim_status_by TEXT,"
  "  injured_party INTEGER NOT NULL DEFAULT 0,"
  "  risk TEXT,"
  "  urgent INTEGER NOT NULL DEFAULT 0,"
  "  county TEXT,"
  "  intake_type TEXT,"
  "  intake_date TEXT,"
  "  identified_by TEXT,"
  /* Agencies by uuid: the directory may lose an agency, a case keeps
   * the name it was given as well.
   */
  "  referred_from TEXT,"
  "  referred_from_name TEXT,"
  "  unaccompanied INTEGER NOT NULL DEFAULT 0,"
  "  bbic_reference TEXT,"
  "  protection_assessed_on TEXT,"
  "  initial_assessment_on TEXT,"
  "  investigation_done_on TEXT,"
  "  opened TEXT NOT NULL,"
  "  closed TEXT,"
  "  closure_reason TEXT,"
  "  handed_over_to TEXT,"
  "  handed_over_to_name TEXT,"
  "  notes TEXT,"
  /* Kept by the store at every save, for the list: whether the case is a
   * child case, the victim's alias, and the next date something is due.
   */
  "  child INTEGER NOT NULL DEFAULT 0,"
  "  alias TEXT,"
  "  next_deadline TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX case_number ON \"case\" (number DESC);"
  "CREATE INDEX case_alias ON \"case\" (alias COLLATE swedish, id);"
  "CREATE INDEX case_modified ON \"case\" (modified DESC);"
  "CREATE INDEX case_next_deadline ON \"case\" (next_deadline) WHERE next_deadline IS NOT NULL;"
  "CREATE INDEX case_status ON \"case\" (status, number DESC);"
  "CREATE INDEX case_nrm_step ON \"case\" (nrm_step, number DESC);"
  "CREATE INDEX case_child ON \"case\" (child, number DESC) WHERE child = 1;"
  "CREATE INDEX case_risk ON \"case\" (risk, number DESC) WHERE risk IS NOT NULL;"
  "CREATE INDEX case_urgent ON \"case\" (urgent, number DESC) WHERE urgent = 1;"
  "CREATE INDEX case_county ON \"case\" (county, number DESC) WHERE county IS NOT NULL;"
  "CREATE TABLE case_person ("
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  person INTEGER NOT NULL REFERENCES person ON DELETE CASCADE,"
  "  role TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (case_id, person)"
  ") WITHOUT ROWID;"
  "CREATE INDEX case_person_person ON case_person (person);"
  /* A person goes with the last case that names them. */
  "CREATE TRIGGER case_person_orphan AFTER DELETE ON case_person "
  "WHEN NOT EXISTS (SELECT 1 FROM case_person WHERE person = OLD.person) "
  "BEGIN DELETE FROM person WHERE id = OLD.person; END;"
  "CREATE TABLE case_flag ("
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  flag TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, flag)"
  ") WITHOUT ROWID;"
  "CREATE INDEX case_flag_flag ON case_flag (flag, case_id);"
  "CREATE TABLE exploitation ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER UNIQUE NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  recruitment TEXT,"
  "  recruiter_relation TEXT,"
  "  age_at_entry INTEGER,"
  "  period_start TEXT,"
  "  period_end TEXT,"
  "  ongoing INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT"
  ");"
  /* The multi-valued parts: kind is 'form', 'sexual_type', 'means' or
   * 'country' (ISO 3166-1 alpha-2), code a vocabulary code.
   */
  "CREATE TABLE exploitation_value ("
  "  exploitation INTEGER NOT NULL REFERENCES exploitation ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('form', 'sexual_type', 'means', 'country')),"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (exploitation, kind, code)"
  ") WITHOUT ROWID;"
  "CREATE INDEX exploitation_value_code ON exploitation_value (kind, code, exploitation);"
  "CREATE TABLE assessment ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  assessed_on TEXT NOT NULL,"
  "  risk TEXT,"
  "  summary TEXT,"
  "  next_review TEXT,"
  "  assessed_by TEXT"
  ");"
  "CREATE INDEX assessment_case ON assessment (case_id, assessed_on);"
  "CREATE TABLE permit_event ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  applied_on TEXT,"
  "  decided_on TEXT,"
  "  decision TEXT,"
  "  valid_from TEXT,"
  "  valid_to TEXT,"
  "  notes TEXT"
  ");"
  "CREATE INDEX permit_event_case ON permit_event (case_id);"
  "CREATE TABLE legal_process ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER UNIQUE NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  police_report_on TEXT,"
  "  police_reference TEXT,"
  "  investigation_status TEXT,"
  "  counsel TEXT,"
  "  next_hearing TEXT,"
  "  outcome TEXT"
  ");"
  "CREATE TABLE plan_item ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  support_type TEXT NOT NULL,"
  "  goal TEXT,"
  "  provider TEXT,"
  "  provider_name TEXT,"
  "  start_on TEXT,"
  "  end_on TEXT,"
  "  follow_up_on TEXT,"
  "  outcome TEXT,"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE INDEX plan_item_case ON plan_item (case_id, position);"
  /* The journal, with the case's own events (a status changed, a person
   * was added) as entries of kind 'event'.  A signed entry is part of the
   * record: nothing may change it; a correction is a new entry.
   */
  "CREATE TABLE journal_entry ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  event_time INTEGER NOT NULL,"
  "  written INTEGER NOT NULL,"
  "  author TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  text TEXT,"
  /* For type 'event': what happened, and its codes (old and new status). */
  "  event TEXT,"
  "  event_old TEXT,"
  "  event_new TEXT,"
  "  corrects TEXT,"
  "  signed INTEGER,"
  "  signed_by TEXT"
  ");"
  "CREATE INDEX journal_entry_case ON journal_entry (case_id, event_time, id);"
  "CREATE TRIGGER journal_entry_signed BEFORE UPDATE ON journal_entry "
  "WHEN OLD.signed IS NOT NULL "
  "BEGIN SELECT RAISE (ABORT, 'a signed journal entry cannot change'); END;"
  /* The change history of a case is kept under the case's uuid; it is
   * personal data and goes with the case.
   */
  "CREATE TRIGGER case_history_delete AFTER DELETE ON \"case\" "
  "BEGIN DELETE FROM record_history "
  "WHERE table_name = 'case' AND record_uuid = OLD.uuid; "
  "DELETE FROM draft WHERE kind IN ('case', 'journal') AND object = OLD.uuid; END;"
  /* One row per case, rowid = case.id, kept in step by the store: the
   * number, the aliases, the legal names (searched only while names are
   * shown) and the journal's text.  Prefix indexes answer the keystrokes
   * that would otherwise read every word beginning the same way: one and
   * two characters of any word, and four, the year of a case number
   * ("2026"), which begins thousands of numbers.  Three characters
   * already narrow a word down: with a hundred thousand cases an index
   * for them made the search table a quarter larger and no keystroke
   * noticeably quicker.
   */
  "CREATE VIRTUAL TABLE case_fts USING fts5 ("
  "  number, alias, names, journal,"
  "  content = '', contentless_delete = 1,"
  "  tokenize = 'unicode61 remove_diacritics 0',"
  "  prefix = '1 2 4'"
  ");",

  /* 5: länkning, consents, tasks and the retention review.  A referral
   * and a consent are written when they are made, like the journal, not
   * with the case document; both go with their case.  Agencies and
   * contacts are kept by uuid and by the name they had, as on the case.
   */
  "CREATE TABLE consent ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  /* The person on the case it is about, by uuid. */
  "  person TEXT NOT NULL,"
  "  recipient TEXT,"
  "  recipient_name TEXT NOT NULL,"
  /* A referral reason code: what the information may be shared for. */
  "  purpose TEXT NOT NULL,"
  "  given_by TEXT NOT NULL CHECK (given_by IN ('person', 'guardian', 'god_man')),"
  "  form TEXT NOT NULL CHECK (form IN ('oral', 'written')),"
  "  given_on TEXT NOT NULL,"
  "  valid_until TEXT,"
  "  withdrawn_on TEXT,"
  /* What must not be shared with whom, in the person's words. */
  "  restrictions TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX consent_case ON consent (case_id, given_on);"
  /* The information categories the consent does not cover. */
  "CREATE TABLE consent_excluded ("
  "  consent INTEGER NOT NULL REFERENCES consent ON DELETE CASCADE,"
  "  category TEXT NOT NULL,"
  "  PRIMARY KEY (consent, category)"
  ") WITHOUT ROWID;"
  "CREATE TABLE referral ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),"
  "  person TEXT,"
  "  agency TEXT,"
  "  agency_name TEXT NOT NULL,"
  "  contact TEXT,"
  "  contact_name TEXT,"
  "  reason TEXT NOT NULL,"
  "  note TEXT,"
  /* A disclosure basis code; 'consent' names the consent row by uuid,
   * any other basis has a written justification.
   */
  "  basis TEXT,"
  "  consent TEXT,"
  "  justification TEXT,"
  "  status TEXT NOT NULL DEFAULT 'pending',"
  /* Why it was rejected or revoked. */
  "  status_reason TEXT,"
  "  outcome TEXT,"
  "  sent_on TEXT NOT NULL,"
  "  answered_on TEXT,"
  "  done_on TEXT,"
  "  revoked_on TEXT,"
  "  follow_up_on TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX referral_case ON referral (case_id, sent_on);"
  "CREATE INDEX referral_open ON referral (case_id) "
  "WHERE status IN ('pending', 'in_progress', 'accepted');"
  "CREATE INDEX referral_consent ON referral (consent) WHERE consent IS NOT NULL;"
  /* The information categories that were shared: only those. */
  "CREATE TABLE referral_shared ("
  "  referral INTEGER NOT NULL REFERENCES referral ON DELETE CASCADE,"
  "  category TEXT NOT NULL,"
  "  PRIMARY KEY (referral, category)"
  ") WITHOUT ROWID;"
  /* Deadlines.  A task a rule made (kind a task kind code) names the
   * record its date came from in source (a permit, a plan item, a
   * referral, or the case itself), so that the rule finds it again when
   * the date moves; a task someone added has kind 'manual' and a title.
   */
  "CREATE TABLE task ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  case_id INTEGER NOT NULL REFERENCES \"case\" ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  source TEXT,"
  "  title TEXT,"
  "  due_on TEXT NOT NULL,"
  "  completed INTEGER,"
  "  completed_by TEXT,"
  "  created INTEGER NOT NULL,"
  "  UNIQUE (case_id, kind, source)"
  ");"
  "CREATE INDEX task_open ON task (due_on, case_id) WHERE completed IS NULL;"
  "CREATE INDEX task_case ON task (case_id, due_on);"
  /* The retention review.  The time of a case's last journal entry is
   * kept on the case for the review list; a case on hold is kept until
   * the hold is lifted; a deletion leaves one row without content.
   */
  "ALTER TABLE \"case\" ADD COLUMN last_entry INTEGER;"
  "UPDATE \"case\" SET last_entry = "
  "(SELECT max (written) FROM journal_entry WHERE case_id = \"case\".id);"
  "CREATE TRIGGER journal_entry_last_entry AFTER INSERT ON journal_entry "
  "BEGIN UPDATE \"case\" SET last_entry = max (coalesce (last_entry, 0), NEW.written) "
  "WHERE id = NEW.case_id; END;"
  "CREATE INDEX case_closed ON \"case\" (closed) WHERE closed IS NOT NULL;"
  "CREATE TABLE retention_hold ("
  "  case_id INTEGER PRIMARY KEY REFERENCES \"case\" ON DELETE CASCADE,"
  "  reason TEXT NOT NULL,"
  "  held_on TEXT NOT NULL,"
  "  held_by TEXT NOT NULL"
  ");"
  "CREATE TABLE retention_log ("
  "  id INTEGER PRIMARY KEY,"
  "  time INTEGER NOT NULL,"
  "  user TEXT NOT NULL,"
  "  case_uuid TEXT NOT NULL,"
  "  case_number TEXT NOT NULL,"
  /* The date of the last entry and the rule that made the case due. */
  "  last_entry TEXT,"
  "  rule TEXT NOT NULL"
  ");"
  "CREATE TRIGGER retention_log_no_update BEFORE UPDATE ON retention_log "
  "BEGIN SELECT RAISE (ABORT, 'retention_log is append-only'); END;"
  "CREATE TRIGGER retention_log_no_delete BEFORE DELETE ON retention_log "
  "BEGIN SELECT RAISE (ABORT, 'retention_log is append-only'); END;",

  /* 6: the training library.  Nothing here is about a case.  The file of
   * a material, its thumbnail and the text of its pages live in tables of
   * their own, so that a list of the library reads none of them; all of
   * them go with their material, and so do its notes and its places in
   * courses.  Times are microseconds since the epoch.
   */
  "CREATE TABLE material ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  title TEXT NOT NULL,"
  "  description TEXT,"
  "  kind TEXT NOT NULL,"
  /* An ISO 639 code, such as 'sv'. */
  "  language TEXT,"
  "  source TEXT,"
  "  year INTEGER,"
  "  usage_note TEXT,"
  /* Minutes. */
  "  duration INTEGER,"
  "  url TEXT,"
  /* Set at import from the file, never edited. */
  "  file_name TEXT,"
  "  mime_type TEXT,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  /* The same file twice is one material: the hex SHA-256 of the file (of
   * the address, for a link).
   */
  "  sha256 TEXT UNIQUE NOT NULL,"
  "  page_count INTEGER NOT NULL DEFAULT 1 CHECK (page_count >= 1),"
  "  page_width REAL,"
  "  page_height REAL,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX material_title ON material (title COLLATE swedish, id);"
  "CREATE INDEX material_kind ON material (kind);"
  "CREATE INDEX material_language ON material (language) WHERE language IS NOT NULL;"
  /* Audiences and topics: vocabulary codes, as many as apply. */
  "CREATE TABLE material_tag ("
  "  material_id INTEGER NOT NULL REFERENCES material ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('audience', 'topic')),"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (material_id, kind, code)"
  ") WITHOUT ROWID;"
  "CREATE INDEX material_tag_code ON material_tag (kind, code, material_id);"
  "CREATE TABLE material_file ("
  "  material_id INTEGER PRIMARY KEY REFERENCES material ON DELETE CASCADE,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE material_thumbnail ("
  "  material_id INTEGER PRIMARY KEY REFERENCES material ON DELETE CASCADE,"
  "  png BLOB NOT NULL"
  ");"
  /* The text of each page that has any, pages counted from 1.  The rowid
   * is the material's id and the page in one number, so that the search
   * index, which knows a page by its rowid, tells the material and the
   * page of a hit without reading the page, and a material's pages are
   * one run of rowids.  Declared, since VACUUM may renumber an implicit
   * rowid.
   */
  "CREATE TABLE material_page ("
  "  id INTEGER PRIMARY KEY CHECK (id = material_id * 1048576 + page),"
  "  material_id INTEGER NOT NULL REFERENCES material ON DELETE CASCADE,"
  "  page INTEGER NOT NULL CHECK (page BETWEEN 1 AND 1048575),"
  "  text TEXT NOT NULL"
  ");"
  "CREATE INDEX material_page_material ON material_page (material_id);"
  /* The page text is indexed where it is stored (external content), so
   * that a search can show a piece of the page around the words it found;
   * the triggers keep the index in step, also when a deleted material
   * takes its pages with it.  The tokenizer is the case search's.
   */
  "CREATE VIRTUAL TABLE material_page_fts USING fts5 ("
  "  text,"
  "  content = 'material_page', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 0',"
  "  prefix = '1 2 4'"
  ");"
  "CREATE TRIGGER material_page_fts_insert AFTER INSERT ON material_page "
  "BEGIN INSERT INTO material_page_fts (rowid, text) VALUES (NEW.id, NEW.text); END;"
  "CREATE TRIGGER material_page_fts_delete AFTER DELETE ON material_page "
  "BEGIN INSERT INTO material_page_fts (material_page_fts, rowid, text) "
  "VALUES ('delete', OLD.id, OLD.text); END;"
  "CREATE TRIGGER material_page_fts_update AFTER UPDATE ON material_page "
  "BEGIN INSERT INTO material_page_fts (material_page_fts, rowid, text) "
  "VALUES ('delete', OLD.id, OLD.text); "
  "INSERT INTO material_page_fts (rowid, text) VALUES (NEW.id, NEW.text); END;"
  /* One row per material, rowid = material.id, written by the store: the
   * tags column holds the audiences' and topics' codes with their labels,
   * which only the store knows.
   */
  "CREATE VIRTUAL TABLE material_fts USING fts5 ("
  "  title, description, source, usage_note, tags,"
  "  content = '', contentless_delete = 1,"
  "  tokenize = 'unicode61 remove_diacritics 0',"
  "  prefix = '1 2 4'"
  ");"
  "CREATE TRIGGER material_fts_delete AFTER DELETE ON material "
  "BEGIN DELETE FROM material_fts WHERE rowid = OLD.id; END;"
  /* Courses: an ordered list of materials, positions from 0 without
   * gaps; a material may be in many courses and twice in one.
   */
  "CREATE TABLE collection ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT UNIQUE NOT NULL,"
  "  title TEXT NOT NULL,"
  "  audience TEXT,"
  "  planned_minutes INTEGER,"
  "  description TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX collection_title ON collection (title COLLATE swedish, id);"
  "CREATE TABLE collection_item ("
  "  collection_id INTEGER NOT NULL REFERENCES collection ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  material_id INTEGER NOT NULL REFERENCES material ON DELETE CASCADE,"
  "  PRIMARY KEY (collection_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX collection_item_material ON collection_item (material_id);"
  /* Plain text or Markdown, one note per page. */
  "CREATE TABLE presenter_note ("
  "  material_id INTEGER NOT NULL REFERENCES material ON DELETE CASCADE,"
  "  page INTEGER NOT NULL CHECK (page >= 1),"
  "  text TEXT NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  PRIMARY KEY (material_id, page)"
  ") WITHOUT ROWID;",
};

#define N_MIGRATIONS ((int) G_N_ELEMENTS (migrations))

void
_lanka_database_set_closed_error (GError **error)
{
  g_set_error_literal (error,
                       LANKA_STORE_ERROR,
                       LANKA_STORE_ERROR_IO,
                       _("The database is closed."));
}

/* Whether the database is open; a sentence when it is not (locked). */
gboolean
_lanka_database_check_open (LankaDatabase  *self,
                            GError        **error)
{
  if (_lanka_database_get_handle (self) == NULL)
    {
      _lanka_database_set_closed_error (error);
      return FALSE;
    }

  return TRUE;
}

/* Appends the words of @text (runs of letters and digits; anything else
 * parts them) to the FTS5 query in @match, each a quoted prefix after
 * @columns (a column filter such as "{number alias} : ", or ""), every
 * one of them required: "männ läns" → "männ"* AND "läns"*.  Only letters
 * and digits reach the query, so no input can be FTS5 syntax.
 */
void
_lanka_database_append_fts_words (GString    *match,
                                  const char *text,
                                  const char *columns)
{
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append (match, " AND ");
          g_string_append_printf (match, "%s\"%s\"*", columns, word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }
}

/* After stepping @stmt through its rows: reset it for the next use, and
 * an error unless the last step ended the rows (@rc is SQLITE_DONE).
 */
gboolean
_lanka_database_finish_rows (LankaDatabase  *self,
                             sqlite3_stmt   *stmt,
                             int             rc,
                             GError        **error)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _lanka_database_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
set_errno_error (int          errsv,
                 const char  *message,
                 GError     **error)
{
  g_set_error (error,
               LANKA_STORE_ERROR,
               errsv == ENOSPC || errsv == EDQUOT
                 ? LANKA_STORE_ERROR_DISK_FULL
                 : LANKA_STORE_ERROR_IO,
               "%s (%s)",
               message, g_strerror (errsv));
}

static void
set_error_from_rc (sqlite3  *handle,
                   int       rc,
                   GError  **error)
{
  int code;
  const char *message;

  /* SQLite's own message can name tables and columns and, for syntax
   * errors, quote SQL; it goes to the debug log for developers, never into
   * a sentence a person reads.  Values are always bound, so it holds no
   * personal content.
   */
  if (handle != NULL)
    g_debug ("SQLite error %d: %s", rc, sqlite3_errmsg (handle));
  else
    g_debug ("SQLite error %d: %s", rc, sqlite3_errstr (rc));

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      code = LANKA_STORE_ERROR_WRONG_KEY;
      message = _("The key does not open the database.");
      break;

    case SQLITE_CORRUPT:
      code = LANKA_STORE_ERROR_DAMAGED;
      message = _("The database is damaged.");
      break;

    case SQLITE_FULL:
      code = LANKA_STORE_ERROR_DISK_FULL;
      message = _("There is no space left on the disk.");
      break;

    case SQLITE_CONSTRAINT:
      code = LANKA_STORE_ERROR_IO;
      message = _("The database refused the change.");
      break;

    case SQLITE_NOMEM:
      code = LANKA_STORE_ERROR_IO;
      message = _("There is not enough memory to use the database.");
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = LANKA_STORE_ERROR_IO;
      message = _("The database is in use by another program.");
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    default:
      code = LANKA_STORE_ERROR_IO;
      message = _("The database could not be read or written.");
      break;
    }

  g_set_error_literal (error, LANKA_STORE_ERROR, code, message);
}

static void
close_handle (LankaDatabase *self)
{
  g_mutex_lock (&self->statements_lock);
  g_hash_table_remove_all (self->statements);
  g_mutex_unlock (&self->statements_lock);

  if (self->handle != NULL)
    {
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }
}

static void
lanka_database_finalize (GObject *object)
{
  LankaDatabase *self = (LankaDatabase *)object;

  close_handle (self);
  g_mutex_clear (&self->busy_lock);
  g_mutex_clear (&self->statements_lock);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->uuid, g_free);

  G_OBJECT_CLASS (lanka_database_parent_class)->finalize (object);
}

static void
lanka_database_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LankaDatabase *self = LANKA_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, lanka_database_get_path (self));
      break;

    case PROP_UUID:
      g_value_set_string (value, lanka_database_get_uuid (self));
      break;

    case PROP_OPEN:
      g_value_set_boolean (value, lanka_database_is_open (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_database_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LankaDatabase *self = LANKA_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_database_class_init (LankaDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_database_finalize;
  object_class->get_property = lanka_database_get_property;
  object_class->set_property = lanka_database_set_property;

  /**
   * LankaDatabase:path:
   *
   * The file that holds the database.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaDatabase:uuid:
   *
   * The random identity written when the database was created.  It is not
   * secret: the keyring item for the database key carries it.
   */
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaDatabase:open:
   *
   * Whether the database can be used.  It turns %FALSE when
   * lanka_database_close() is called, which happens when Länka locks:
   * list models over the database empty themselves then.
   */
  properties[PROP_OPEN] =
    g_param_spec_boolean ("open", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanka_database_init (LankaDatabase *self)
{
  g_mutex_init (&self->busy_lock);
  g_mutex_init (&self->statements_lock);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_hash_table_unref);
}

/* A statement that returned a row and was never reset keeps a read
 * transaction open, which blocks checkpoints, rekeying and DETACH.  Whole-
 * database operations therefore reset everything first.
 */
static void
reset_all_statements (LankaDatabase *self)
{
  GHashTableIter threads;
  gpointer thread_statements;

  g_mutex_lock (&self->statements_lock);

  g_hash_table_iter_init (&threads, self->statements);
  while (g_hash_table_iter_next (&threads, NULL, &thread_statements))
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, thread_statements);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        sqlite3_reset (value);
    }

  g_mutex_unlock (&self->statements_lock);
}

/* The statements of the calling thread; the caller holds statements_lock. */
static GHashTable *
get_thread_statements (LankaDatabase *self)
{
  GHashTable *statements = g_hash_table_lookup (self->statements, g_thread_self ());

  if (statements == NULL)
    {
      statements = g_hash_table_new_full (g_str_hash,
                                          g_str_equal,
                                          g_free,
                                          (GDestroyNotify)sqlite3_finalize);
      g_hash_table_insert (self->statements, g_thread_self (), statements);
    }

  return statements;
}

/**
 * _lanka_database_get_handle:
 * @self: a #LankaDatabase
 *
 * Returns: (transfer none) (nullable): the SQLCipher handle, %NULL once closed
 */
sqlite3 *
_lanka_database_get_handle (LankaDatabase *self)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), NULL);

  return self->handle;
}

/**
 * _lanka_database_set_error:
 * @self: a #LankaDatabase
 * @rc: an SQLite result code
 * @error: a location for a #GError
 *
 * Turns @rc into a %LANKA_STORE_ERROR that the interface can explain.
 */
void
_lanka_database_set_error (LankaDatabase  *self,
                           int             rc,
                           GError        **error)
{
  g_return_if_fail (LANKA_IS_DATABASE (self));

  set_error_from_rc (self->handle, rc, error);
}

/**
 * _lanka_database_prepare:
 * @self: a #LankaDatabase
 * @sql: fixed SQL text, with `?` parameters for every value
 * @error: a location for a #GError
 *
 * Finds or compiles the statement for @sql.  It comes back reset and with
 * its bindings cleared.  The database owns it: never finalize it.  Reset it
 * after reading the rows you need, so that it does not hold the database
 * open.  Only one user at a time: preparing the same SQL again resets it.
 *
 * Returns: (transfer none) (nullable): the statement, or %NULL
 */
sqlite3_stmt *
_lanka_database_prepare (LankaDatabase  *self,
                         const char     *sql,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->handle == NULL)
    {
      _lanka_database_set_closed_error (error);
      return NULL;
    }

  g_mutex_lock (&self->statements_lock);
  stmt = g_hash_table_lookup (get_thread_statements (self), sql);
  g_mutex_unlock (&self->statements_lock);

  if (stmt != NULL)
    {
      /* reset() repeats the outcome of the last step, which its caller has
       * already handled.
       */
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      return NULL;
    }

  g_mutex_lock (&self->statements_lock);
  g_hash_table_insert (get_thread_statements (self), g_strdup (sql), stmt);
  g_mutex_unlock (&self->statements_lock);

  return stmt;
}

/**
 * _lanka_database_step_done:
 * @self: a #LankaDatabase
 * @stmt: a statement from _lanka_database_prepare()
 * @error: a location for a #GError
 *
 * Runs @stmt to completion (any rows it returns are skipped) and resets it.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_database_step_done (LankaDatabase  *self,
                           sqlite3_stmt   *stmt,
                           GError        **error)
{
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  do
    rc = sqlite3_step (stmt);
  while (rc == SQLITE_ROW);

  /* Clearing the bindings drops pointers to the caller's buffers, which
   * may be freed as soon as this returns.
   */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _lanka_database_exec:
 * @self: a #LankaDatabase
 * @sql: fixed SQL without any values in it
 * @error: a location for a #GError
 *
 * Runs one or more fixed statements, such as a migration or a pragma.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_database_exec (LankaDatabase  *self,
                      const char     *sql,
                      GError        **error)
{
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->handle == NULL)
    {
      _lanka_database_set_closed_error (error);
      return FALSE;
    }

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Runs a statement that yields one integer, such as a count or a pragma. */
static gboolean
query_int64 (LankaDatabase  *self,
             const char     *sql,
             gint64         *value,
             GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (value != NULL);

  if (!(stmt = _lanka_database_prepare (self, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_CORRUPT;
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return TRUE;
}

/* Runs a statement that yields one text value; NULL when there is no row. */
static gboolean
query_text (LankaDatabase  *self,
            const char     *sql,
            const char     *parameter,
            char          **value,
            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (value != NULL);

  if (!(stmt = _lanka_database_prepare (self, sql, error)))
    return FALSE;

  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    *value = NULL;

  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_pragma (LankaDatabase  *self,
            const char     *sql,
            const char     *expected,
            GError        **error)
{
  g_autofree char *answer = NULL;

  if (!query_text (self, sql, NULL, &answer, error))
    return FALSE;

  /* journal_mode answers with the mode it ended up in, which is not the one
   * asked for when the file system cannot do it (WAL needs shared memory).
   */
  if (expected != NULL && g_strcmp0 (answer, expected) != 0)
    {
      g_debug ("Pragma did not take effect: %s", sql);
      g_set_error_literal (error,
                           LANKA_STORE_ERROR,
                           LANKA_STORE_ERROR_IO,
                           _("The database could not be set up on this file system."));
      return FALSE;
    }

  return TRUE;
}

static char *
sidecar_path (const char *path,
              const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

/* The files SQLite keeps beside a database.  A -wal or -journal file holds
 * committed or rollback data that belongs to the database it was next to.
 */
static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

/* Reads the first bytes of the file without SQLite, before anything could
 * write to it, so that a missing file stays missing and a plaintext file is
 * refused untouched.
 */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  char header[sizeof sqlite_magic];
  struct stat st;
  gssize n_read = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        g_set_error (error,
                     LANKA_STORE_ERROR,
                     LANKA_STORE_ERROR_MISSING,
                     _("There is no database at “%s”."),
                     display);
      else if (errsv == ELOOP)
        g_set_error (error,
                     LANKA_STORE_ERROR,
                     LANKA_STORE_ERROR_IO,
                     _("“%s” is a symbolic link, which Länka does not follow."),
                     display);
      else
        set_errno_error (errsv, _("The database could not be opened."), error);

      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error,
                   LANKA_STORE_ERROR,
                   LANKA_STORE_ERROR_FOREIGN,
                   _("“%s” is not a Länka database."),
                   display);
      return FALSE;
    }

  while (n_read < (gssize)sizeof header)
    {
      gssize n = read (fd, header + n_read, sizeof header - n_read);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int errsv = errno;

          g_close (fd, NULL);
          set_errno_error (errsv, _("The database could not be read."), error);
          return FALSE;
        }

      if (n == 0)
        break;

      n_read += n;
    }

  g_close (fd, NULL);

  /* An empty or tiny file would look like a new, empty database to SQLite,
   * and opening must never turn something into a database.
   */
  if (n_read < (gssize)sizeof header ||
      (memcmp (header, sqlite_magic, sizeof sqlite_magic) == 0 &&
       !(benchmark_flags & LANKA_DATABASE_BENCHMARK_PLAIN)))
    {
      g_set_error (error,
                   LANKA_STORE_ERROR,
                   LANKA_STORE_ERROR_FOREIGN,
                   _("“%s” is not a Länka database."),
                   display);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_cipher (LankaDatabase  *self,
              GError        **error)
{
  g_autofree char *version = NULL;
  g_autoptr(GError) local_error = NULL;

  /* A plain libsqlite3 loaded into the process (by a plugin, say) would
   * accept every key and silently write plaintext.
   */
  if (!query_text (self, "PRAGMA cipher_version", NULL, &version, &local_error) ||
      version == NULL || version[0] == '\0')
    {
      g_set_error_literal (error,
                           LANKA_STORE_ERROR,
                           LANKA_STORE_ERROR_NO_SQLCIPHER,
                           _("The database library does not support encryption."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_key (LankaDatabase   *self,
           const LankaKey  *key,
           gboolean         rekey,
           GError         **error)
{
  g_autoptr(LankaSecret) raw = NULL;
  int rc;

  if (benchmark_flags & LANKA_DATABASE_BENCHMARK_PLAIN)
    return TRUE;

  raw = lanka_key_dup_raw_form (key);

  /* The length must be exactly the raw form's: SQLCipher takes anything
   * else as a passphrase and derives a different key from it.
   */
  if (rekey)
    rc = sqlite3_rekey (self->handle, raw, LANKA_KEY_RAW_FORM_LENGTH);
  else
    rc = sqlite3_key (self->handle, raw, LANKA_KEY_RAW_FORM_LENGTH);

  /* SQLCipher has its own copy now: wipe ours at once, not at the end of
   * the scope.
   */
  g_clear_pointer (&raw, lanka_secret_free);

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_with_key (LankaDatabase  *self,
               GError        **error)
{
  gint64 count;

  /* The first read that touches the file: with a wrong key (or a damaged
   * first page) SQLCipher cannot authenticate page 1 and answers NOTADB.
   */
  return query_int64 (self, "SELECT count(*) FROM sqlite_schema", &count, error);
}

static gboolean
apply_pragmas (LankaDatabase  *self,
               GError        **error)
{
  /* Freed memory is wiped: by Länka's allocator when it is SQLite's (see
   * lanka-sqlite-memory.c for why), otherwise by SQLCipher's own memory
   * security.
   */
  return set_pragma (self,
                     _lanka_sqlite_memory_is_wiping ()
                     ? "PRAGMA cipher_memory_security = OFF"
                     : "PRAGMA cipher_memory_security = ON",
                     NULL, error) &&
         /* Sorting and temporary tables never reach a plaintext temp file. */
         set_pragma (self, "PRAGMA temp_store = MEMORY", NULL, error) &&
         set_pragma (self, "PRAGMA journal_mode = WAL", "wal", error) &&
         /* A commit is on disk when it returns, so a power cut after a
          * caseworker saved loses nothing.
          */
         set_pragma (self, "PRAGMA synchronous = FULL", NULL, error) &&
         set_pragma (self, "PRAGMA foreign_keys = ON", NULL, error) &&
         /* Deleted records are overwritten, not left in free pages. */
         set_pragma (self, "PRAGMA secure_delete = ON", NULL, error) &&
         /* 16 MiB of decrypted pages instead of 2: a search keystroke in a
          * large directory reads the search index and a page of agencies,
          * and reading them from the file again means decrypting them
          * again.  The memory is locked and wiped like all of SQLite's.
          */
         set_pragma (self, "PRAGMA cache_size = -16384", NULL, error);
}

static gboolean
run_migrations (LankaDatabase  *self,
                gboolean        creating,
                GError        **error)
{
  g_autofree char *set_version = NULL;

  if (self->version == N_MIGRATIONS)
    return TRUE;

  g_assert (self->version >= 0 && self->version < N_MIGRATIONS);

  if (!lanka_database_begin (self, error))
    return FALSE;

  for (int i = self->version; i < N_MIGRATIONS; i++)
    {
      if (!_lanka_database_exec (self, migrations[i], error))
        goto failed;
    }

  /* The identity is written in the same transaction as the schema, so a
   * crash while creating leaves either nothing or a whole database.
   */
  if (creating)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *created = g_date_time_format_iso8601 (now);
      sqlite3_stmt *stmt;

      if (!(stmt = _lanka_database_prepare (self,
                                            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                                            error)))
        goto failed;

      sqlite3_bind_text (stmt, 1, "uuid", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      if (!_lanka_database_step_done (self, stmt, error))
        goto failed;

      if (!(stmt = _lanka_database_prepare (self,
                                            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                                            error)))
        goto failed;

      sqlite3_bind_text (stmt, 1, "created", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, created, -1, SQLITE_TRANSIENT);
      if (!_lanka_database_step_done (self, stmt, error))
        goto failed;
    }

  /* A pragma takes no parameters; the number comes from this file. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", N_MIGRATIONS);
  if (!_lanka_database_exec (self, set_version, error))
    goto failed;

  if (!lanka_database_commit (self, error))
    goto failed;

  self->version = N_MIGRATIONS;

  return TRUE;

failed:
  lanka_database_rollback (self);
  return FALSE;
}

static void
set_foreign_error (const char  *path,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error,
               LANKA_STORE_ERROR,
               LANKA_STORE_ERROR_FOREIGN,
               _("“%s” is not a Länka database."),
               display);
}

/* Swedish alphabetical order: å, ä and ö are letters of their own after z
 * (æ sorts as ä, ø as ö, ü as y), case and other accents count only when
 * everything else is equal.  Registered as the collation "swedish" on every
 * connection, since the indexes of names use it.
 */
static gunichar
swedish_weight (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  c = g_unichar_tolower (c);

  switch (c)
    {
    case 0x00E5: /* å */
      return 'z' + 1;
    case 0x00E4: /* ä */
    case 0x00E6: /* æ */
      return 'z' + 2;
    case 0x00F6: /* ö */
    case 0x00F8: /* ø */
      return 'z' + 3;
    case 0x00FC: /* ü */
      return 'y';
    default:
      break;
    }

  if (c >= 0x80 && g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
    return g_unichar_tolower (decomposed[0]);

  return c;
}

static int
swedish_compare (void       *user_data,
                 int         length_a,
                 const void *data_a,
                 int         length_b,
                 const void *data_b)
{
  const char *a = data_a;
  const char *b = data_b;
  const char *end_a = a + length_a;
  const char *end_b = b + length_b;
  int binary;

  while (a < end_a && b < end_b)
    {
      gunichar ca = g_utf8_get_char_validated (a, end_a - a);
      gunichar cb = g_utf8_get_char_validated (b, end_b - b);
      gunichar wa;
      gunichar wb;

      /* Bytes that are not UTF-8 compare as bytes. */
      if (ca == (gunichar)-1 || ca == (gunichar)-2 || cb == (gunichar)-1 || cb == (gunichar)-2)
        break;

      wa = swedish_weight (ca);
      wb = swedish_weight (cb);

      if (wa != wb)
        return wa < wb ? -1 : 1;

      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
    }

  if (a >= end_a || b >= end_b)
    {
      if ((end_a - a) != (end_b - b))
        return (end_a - a) < (end_b - b) ? -1 : 1;
    }

  binary = memcmp (data_a, data_b, MIN (length_a, length_b));
  if (binary != 0)
    return binary;

  return length_a < length_b ? -1 : length_a > length_b;
}

/* The keyed part of opening, shared by open and create.  On failure the
 * caller drops the object, which closes the handle; nothing here deletes or
 * rewrites the file.
 */
static gboolean
open_keyed (LankaDatabase   *self,
            const LankaKey  *key,
            gboolean         creating,
            GError         **error)
{
  gint64 version;
  int flags;
  int rc;

  g_assert (self->handle == NULL);

  /* Never SQLITE_OPEN_CREATE: only create() makes files, and it makes the
   * file itself with the right mode first.
   */
  flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
  if (!(benchmark_flags & LANKA_DATABASE_BENCHMARK_CIPHER_MEMORY_SECURITY))
    _lanka_sqlite_memory_init ();
  rc = sqlite3_open_v2 (self->path, &self->handle, flags, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->handle, 1);

  /* Länka's own connections can overlap for a moment (a worker's last
   * write as the database is locked, the next unlock): the later one waits
   * for the file rather than failing at once.
   */
  sqlite3_busy_timeout (self->handle, 5000);

  sqlite3_create_collation (self->handle, "swedish", SQLITE_UTF8, NULL, swedish_compare);
  _lanka_directory_register_name_key (self->handle);

  /* SQLite quietly falls back to read-only for a write-protected file;
   * Länka would then fail at the first save, far from the cause.
   */
  if (sqlite3_db_readonly (self->handle, "main") == 1)
    {
      set_error_from_rc (self->handle, SQLITE_READONLY, error);
      return FALSE;
    }

  if (!check_cipher (self, error))
    return FALSE;

  /* Until the key is proven, closing must not checkpoint a -wal file left
   * by a crash into the database: a failed open leaves the file exactly as
   * it was.
   */
  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!apply_key (self, key, FALSE, error))
    return FALSE;

  /* SQLCipher prints a line to stderr for every page it cannot
   * authenticate, so each failed unlock would leave lines in the journal.
   * The outcome travels in the GError instead.  The setting is global and
   * only sticks once the first key in the process has set SQLCipher up.
   */
  if (!set_pragma (self, "PRAGMA cipher_log_level = NONE", NULL, error))
    return FALSE;

  if (!read_with_key (self, error))
    return FALSE;

  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (!query_int64 (self, "PRAGMA user_version", &version, error))
    return FALSE;

  /* Check what the file is before changing anything in it.  A new file is
   * empty; an existing Länka database has at least the first migration and
   * its identity.
   */
  if (creating ? version != 0 : version <= 0)
    {
      set_foreign_error (self->path, error);
      return FALSE;
    }

  if (version > N_MIGRATIONS)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error,
                   LANKA_STORE_ERROR,
                   LANKA_STORE_ERROR_FOREIGN,
                   _("“%s” was made by a newer version of Länka."),
                   display);
      return FALSE;
    }

  self->version = (int)version;

  if (!creating)
    {
      g_autofree char *uuid = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!query_text (self, "SELECT value FROM meta WHERE key = ?1", "uuid",
                       &uuid, &local_error) ||
          uuid == NULL)
        {
          set_foreign_error (self->path, error);
          return FALSE;
        }
    }

  if (!apply_pragmas (self, error))
    return FALSE;

  if (!run_migrations (self, creating, error))
    return FALSE;

  if (!query_text (self, "SELECT value FROM meta WHERE key = ?1", "uuid", &self->uuid, error))
    return FALSE;

  if (self->uuid == NULL)
    {
      set_foreign_error (self->path, error);
      return FALSE;
    }

  return TRUE;
}

/* What was deleted with an undo in the last session is deleted for good
 * now: nothing in the trash outlives the session it was trashed in, even
 * when Länka was killed before it could empty it.  A failure leaves the
 * trash for the next opening; it is hidden everywhere meanwhile, and the
 * database is as usable as before.
 */
static void
empty_trash (LankaDatabase *self)
{
  g_autoptr(GError) local_error = NULL;

  if (!lanka_directory_empty_trash (self, &local_error))
    g_debug ("Could not empty the trash: %s", local_error->message);
}

/* A migration that recreates the search index leaves it empty, and only
 * the store can fill it: the migration leaves a note in meta, removed in
 * the transaction that fills the index.  A failure (a full disk) leaves
 * searches without results until an opening succeeds, not an unusable
 * database.
 */
static void
rebuild_search_index (LankaDatabase *self)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pending = NULL;

  if (!query_text (self, "SELECT value FROM meta WHERE key = ?1", REINDEX_KEY,
                   &pending, &local_error) ||
      pending == NULL)
    return;

  if (!lanka_database_begin (self, &local_error))
    goto failed;

  if (!lanka_directory_reindex (self, &local_error) ||
      !_lanka_database_exec (self, "DELETE FROM meta WHERE key = '" REINDEX_KEY "'",
                             &local_error) ||
      !lanka_database_commit (self, &local_error))
    {
      lanka_database_rollback (self);
      goto failed;
    }

  return;

failed:
  g_debug ("Could not rebuild the search index: %s", local_error->message);
}

/**
 * _lanka_database_set_benchmark_flags:
 * @flags: how the databases opened from now on differ from Länka's
 *
 * For the benchmark only, which measures what encryption and SQLCipher's
 * memory security cost by running the same store code on databases that
 * differ in nothing else.  Länka itself never calls this.
 *
 * %LANKA_DATABASE_BENCHMARK_CIPHER_MEMORY_SECURITY must be set before
 * the process first opens a database: SQLite's allocator is chosen once.
 */
void
_lanka_database_set_benchmark_flags (LankaDatabaseBenchmarkFlags flags)
{
  benchmark_flags = flags;
}

/**
 * lanka_database_open:
 * @path: the database file
 * @key: the database key
 * @error: a location for a #GError
 *
 * Opens an existing Länka database.  Opening never creates the file and,
 * whatever goes wrong, never deletes, rewrites or "repairs" it: a missing
 * file is %LANKA_STORE_ERROR_MISSING, a plaintext or empty file
 * %LANKA_STORE_ERROR_FOREIGN, a key that does not fit (or a damaged first
 * page, which looks the same) %LANKA_STORE_ERROR_WRONG_KEY.  A database
 * made by a newer version of Länka is refused as %LANKA_STORE_ERROR_FOREIGN
 * with its own message.  Older schemas are migrated in one transaction.
 *
 * Returns: (transfer full) (nullable): the open database, or %NULL
 */
LankaDatabase *
lanka_database_open (const char      *path,
                     const LankaKey  *key,
                     GError         **error)
{
  g_autoptr(LankaDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_header (path, error))
    return NULL;

  self = g_object_new (LANKA_TYPE_DATABASE,
                       "path", path,
                       NULL);

  if (!open_keyed (self, key, FALSE, error))
    {
      lanka_database_close (self);
      return NULL;
    }

  empty_trash (self);
  rebuild_search_index (self);

  return g_steal_pointer (&self);
}

/* Makes an empty file that only the owner can read, whatever the umask, and
 * refuses to reuse or follow anything that is already there.
 */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);

  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == EEXIST)
        g_set_error (error,
                     G_IO_ERROR,
                     G_IO_ERROR_EXISTS,
                     _("There is already a file at “%s”."),
                     display);
      else
        set_errno_error (errsv, _("The database file could not be created."), error);

      return FALSE;
    }

  if (fchmod (fd, 0600) != 0)
    {
      int errsv = errno;

      g_close (fd, NULL);
      g_unlink (path);
      set_errno_error (errsv, _("The database file could not be made private."), error);
      return FALSE;
    }

  g_close (fd, NULL);

  return TRUE;
}

static gboolean
refuse_existing (const char  *path,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf st;

  if (g_lstat (path, &st) == 0)
    {
      g_set_error (error,
                   G_IO_ERROR,
                   G_IO_ERROR_EXISTS,
                   _("There is already a file at “%s”."),
                   display);
      return FALSE;
    }

  /* Leftovers of an earlier database would be taken for part of the new
   * one (SQLite deletes a -wal file beside an empty database).
   */
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = sidecar_path (path, sidecar_suffixes[i]);

      if (g_lstat (sidecar, &st) == 0)
        {
          g_set_error (error,
                       G_IO_ERROR,
                       G_IO_ERROR_EXISTS,
                       _("There are files of an earlier database beside “%s”."),
                       display);
          return FALSE;
        }
    }

  return TRUE;
}

static void
remove_created (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = sidecar_path (path, sidecar_suffixes[i]);

      g_unlink (sidecar);
    }

  g_unlink (path);
}

/**
 * lanka_database_create:
 * @path: where the new database goes; nothing may exist there yet
 * @key: the key for the new database
 * @error: a location for a #GError
 *
 * Creates a new, empty Länka database with mode 0600 and writes its random
 * identity.  An existing file (or an earlier database's -wal, -shm or
 * -journal file) is refused with %G_IO_ERROR_EXISTS and left alone.  On
 * failure, only the files this call created are removed.
 *
 * Returns: (transfer full) (nullable): the open database, or %NULL
 */
LankaDatabase *
lanka_database_create (const char      *path,
                       const LankaKey  *key,
                       GError         **error)
{
  g_autoptr(LankaDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!refuse_existing (path, error))
    return NULL;

  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (LANKA_TYPE_DATABASE,
                       "path", path,
                       NULL);

  if (!open_keyed (self, key, TRUE, error))
    {
      lanka_database_close (self);
      remove_created (path);
      return NULL;
    }

  /* Nothing to index yet; this only takes the migration's note away. */
  rebuild_search_index (self);

  return g_steal_pointer (&self);
}

/**
 * lanka_database_close:
 * @self: a #LankaDatabase
 *
 * Finalizes every statement and closes the handle; SQLCipher wipes its key
 * copy.  A clean close checkpoints the write-ahead log into the database
 * file.  Closing twice is harmless.  While a worker holds the database
 * (lanka_database_hold()), the close waits for it to let go.
 */
void
lanka_database_close (LankaDatabase *self)
{
  gboolean was_open;
  gboolean in_use;

  g_return_if_fail (LANKA_IS_DATABASE (self));

  was_open = lanka_database_is_open (self);

  g_mutex_lock (&self->busy_lock);
  in_use = self->busy > 0;
  if (in_use)
    self->close_pending = TRUE;
  g_mutex_unlock (&self->busy_lock);

  if (!in_use)
    close_handle (self);

  /* On the thread that closes, before a worker may have let go: from now
   * on the database counts as closed.
   */
  if (was_open)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
}

/**
 * lanka_database_hold:
 * @self: a #LankaDatabase
 *
 * Marks the database as used by a worker thread until
 * lanka_database_release(): a lanka_database_close() meanwhile only takes
 * effect when the worker is done.
 */
void
lanka_database_hold (LankaDatabase *self)
{
  g_return_if_fail (LANKA_IS_DATABASE (self));

  g_mutex_lock (&self->busy_lock);
  self->busy++;
  g_mutex_unlock (&self->busy_lock);
}

/**
 * lanka_database_release:
 * @self: a #LankaDatabase
 *
 * Ends a lanka_database_hold(), and closes the database if a close was
 * asked for in the meantime.
 */
void
lanka_database_release (LankaDatabase *self)
{
  gboolean close_now;

  g_return_if_fail (LANKA_IS_DATABASE (self));

  g_mutex_lock (&self->busy_lock);
  g_assert (self->busy > 0);
  self->busy--;
  close_now = self->busy == 0 && self->close_pending;
  g_mutex_unlock (&self->busy_lock);

  /* The worker is done with its statements. */
  g_mutex_lock (&self->statements_lock);
  g_hash_table_remove (self->statements, g_thread_self ());
  g_mutex_unlock (&self->statements_lock);

  if (close_now)
    close_handle (self);
}

/**
 * lanka_database_is_open:
 * @self: a #LankaDatabase
 *
 * Returns: %TRUE until lanka_database_close() is called
 */
gboolean
lanka_database_is_open (LankaDatabase *self)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);

  return self->handle != NULL && !self->close_pending;
}

/**
 * lanka_database_get_path:
 * @self: a #LankaDatabase
 *
 * Returns: the database file's path
 */
const char *
lanka_database_get_path (LankaDatabase *self)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * lanka_database_get_uuid:
 * @self: a #LankaDatabase
 *
 * Returns: the identity written when the database was created
 */
const char *
lanka_database_get_uuid (LankaDatabase *self)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), NULL);

  return self->uuid;
}

/**
 * lanka_database_get_version:
 * @self: a #LankaDatabase
 *
 * Returns: the schema version (user_version) after migrations
 */
int
lanka_database_get_version (LankaDatabase *self)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), 0);

  return self->version;
}

/**
 * lanka_database_begin:
 * @self: a #LankaDatabase
 * @error: a location for a #GError
 *
 * Starts a write transaction.  IMMEDIATE takes the write lock now, so the
 * transaction cannot fail halfway through because another writer came
 * first.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_database_begin (LankaDatabase  *self,
                      GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _lanka_database_exec (self, "BEGIN IMMEDIATE", error);
}

/**
 * lanka_database_commit:
 * @self: a #LankaDatabase
 * @error: a location for a #GError
 *
 * Commits the transaction.  When this fails, call lanka_database_rollback().
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_database_commit (LankaDatabase  *self,
                       GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _lanka_database_exec (self, "COMMIT", error);
}

/**
 * lanka_database_rollback:
 * @self: a #LankaDatabase
 *
 * Abandons the open transaction, if there is one.
 */
void
lanka_database_rollback (LankaDatabase *self)
{
  g_return_if_fail (LANKA_IS_DATABASE (self));

  if (self->handle == NULL || sqlite3_get_autocommit (self->handle))
    return;

  /* A failed rollback leaves nothing to do: SQLite rolls back itself when
   * the handle closes.
   */
  if (sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("Rollback failed: %s", sqlite3_errmsg (self->handle));
}

static gboolean
ensure_idle (LankaDatabase  *self,
             GError        **error)
{
  if (self->handle == NULL)
    {
      _lanka_database_set_closed_error (error);
      return FALSE;
    }

  reset_all_statements (self);

  g_return_val_if_fail (sqlite3_get_autocommit (self->handle), FALSE);

  return TRUE;
}

/* Proves that the file on disk, not just this connection's page cache,
 * opens with @key, by reading it through a second connection.
 */
static gboolean
verify_key_on_disk (LankaDatabase   *self,
                    const LankaKey  *key,
                    GError         **error)
{
  g_autoptr(LankaDatabase) probe = NULL;
  int rc;

  probe = g_object_new (LANKA_TYPE_DATABASE,
                        "path", self->path,
                        NULL);

  rc = sqlite3_open_v2 (self->path, &probe->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                        NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (probe->handle, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (probe->handle, 1);

  return apply_key (probe, key, FALSE, error) && read_with_key (probe, error);
}

/**
 * lanka_database_rekey:
 * @self: a #LankaDatabase
 * @new_key: the key the database is to have from now on
 * @error: a location for a #GError
 *
 * Re-encrypts every page with @new_key in one transaction, then proves
 * through a second connection that the file opens with it.  Must not be
 * called inside a transaction.  On failure the database is closed; open it
 * again with the key that works.
 *
 * A crash at any moment leaves a file that exactly one of the old and new
 * keys opens, with all data intact; the key slots must be able to supply
 * both until the rekey is known to have finished.
 *
 * Returns: %TRUE if the database now uses @new_key
 */
gboolean
lanka_database_rekey (LankaDatabase   *self,
                      const LankaKey  *new_key,
                      GError         **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (new_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_idle (self, error))
    return FALSE;

  /* SQLCipher's rekey rewrites every page inside one write transaction.  In
   * WAL mode the pages, encrypted with the new key, go to the -wal file
   * (spilling there early when the cache fills) and count only once the
   * commit frame is written.  A crash before it leaves the old key in
   * force: the frames are ignored.  A crash after it, also in the middle of
   * the checkpoint that copies the frames back, leaves the new key: every
   * page is read from the log until the checkpoint has finished.
   *
   * Measured with kill -9 at random moments (tests/test-reliability.c,
   * SQLCipher 4.6.1): 300 kills, every time exactly one key opened the file
   * and the data were intact.  Switching to journal_mode = DELETE around
   * the rekey was equally safe (200 kills: the rollback journal keeps the
   * old-key pages) but needs an exclusive lock and leaves one more state to
   * recover from, so the journal mode stays WAL.
   */
  if (!apply_key (self, new_key, TRUE, error) ||
      !read_with_key (self, error) ||
      !verify_key_on_disk (self, new_key, error))
    {
      /* Which key this connection would write with after a failed rekey
       * is SQLCipher's internal business; writing on could mix keys in one
       * file.  Closing leaves the file in one of the two states above, and
       * opening it again with whichever key works is safe.
       */
      lanka_database_close (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * lanka_database_check:
 * @self: a #LankaDatabase
 * @verdict: (out) (optional): a one-line verdict for a person to read
 * @error: a location for a #GError
 *
 * Authenticates every page (cipher_integrity_check) and checks the
 * structure (integrity_check).
 *
 * Returns: %TRUE if both checks pass; %FALSE with %LANKA_STORE_ERROR_DAMAGED
 *   if either finds a problem
 */
gboolean
lanka_database_check (LankaDatabase  *self,
                      char          **verdict,
                      GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  guint n_bad_pages = 0;
  gboolean structure_ok = FALSE;
  gboolean cipher_ok;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (verdict != NULL)
    *verdict = NULL;

  if (!ensure_idle (self, error))
    {
      if (verdict != NULL)
        *verdict = g_strdup (_("The database could not be checked."));
      return FALSE;
    }

  /* Each row names a page whose authentication code does not match. */
  if (!(stmt = _lanka_database_prepare (self, "PRAGMA cipher_integrity_check", error)))
    {
      if (verdict != NULL)
        *verdict = g_strdup (_("The database could not be checked."));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_bad_pages++;
  sqlite3_reset (stmt);

  cipher_ok = rc == SQLITE_DONE && n_bad_pages == 0;

  if (rc != SQLITE_DONE)
    set_error_from_rc (self->handle, rc, &local_error);

  if (local_error == NULL ||
      g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DAMAGED) ||
      g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
    {
      g_autofree char *answer = NULL;

      g_clear_error (&local_error);

      /* A page that fails authentication makes integrity_check stop with
       * an error rather than a row; both mean damage.
       */
      if (query_text (self, "PRAGMA integrity_check", NULL, &answer, &local_error))
        structure_ok = g_strcmp0 (answer, "ok") == 0;
      else if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DAMAGED) ||
               g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
        g_clear_error (&local_error);
    }

  if (local_error != NULL)
    {
      if (verdict != NULL)
        *verdict = g_strdup (_("The database could not be checked."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (cipher_ok && structure_ok)
    {
      if (verdict != NULL)
        *verdict = g_strdup (_("The database is intact."));
      return TRUE;
    }

  if (verdict != NULL)
    {
      if (n_bad_pages > 0)
        *verdict = g_strdup_printf (ngettext ("The database is damaged: %u page failed its check.",
                                              "The database is damaged: %u pages failed their check.",
                                              n_bad_pages),
                                    n_bad_pages);
      else
        *verdict = g_strdup (_("The database is damaged."));
    }

  g_set_error_literal (error,
                       LANKA_STORE_ERROR,
                       LANKA_STORE_ERROR_DAMAGED,
                       _("The database is damaged."));
  return FALSE;
}

/**
 * lanka_database_checkpoint:
 * @self: a #LankaDatabase
 * @error: a location for a #GError
 *
 * Moves everything from the write-ahead log into the database file and
 * empties the log.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_database_checkpoint (LankaDatabase  *self,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean busy;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_idle (self, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (self, "PRAGMA wal_checkpoint(TRUNCATE)", error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  busy = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  if (busy)
    {
      set_error_from_rc (self->handle, SQLITE_BUSY, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
attach (LankaDatabase  *self,
        const char     *path,
        const char     *sql,
        GError        **error)
{
  sqlite3_stmt *stmt;

  /* Without a KEY clause SQLCipher gives the attached file the main
   * database's key, which is what a copy is meant to have.
   */
  if (!(stmt = _lanka_database_prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);

  return _lanka_database_step_done (self, stmt, error);
}

static void
detach (LankaDatabase *self,
        const char    *sql)
{
  reset_all_statements (self);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("Detach failed: %s", sqlite3_errmsg (self->handle));
}

/**
 * lanka_database_export:
 * @self: a #LankaDatabase
 * @path: a new file; nothing may exist there yet
 * @error: a location for a #GError
 *
 * Writes an encrypted copy of the database, with the same key, to a new
 * file of mode 0600.  On failure the new file is removed again.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_database_export (LankaDatabase  *self,
                       const char     *path,
                       GError        **error)
{
  g_autofree char *set_version = NULL;
  gint64 count;

  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_idle (self, error))
    return FALSE;

  if (!refuse_existing (path, error))
    return FALSE;

  if (!create_private_file (path, error))
    return FALSE;

  if (!attach (self, path, "ATTACH DATABASE ?1 AS export", error))
    {
      remove_created (path);
      return FALSE;
    }

  set_version = g_strdup_printf ("PRAGMA export.user_version = %d", self->version);

  if (!query_int64 (self, "SELECT sqlcipher_export('export')", &count, error) ||
      !_lanka_database_exec (self, set_version, error))
    {
      detach (self, "DETACH DATABASE export");
      remove_created (path);
      return FALSE;
    }

  detach (self, "DETACH DATABASE export");

  return TRUE;
}

static char *
quote_identifier (const char *name)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }

  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

static gboolean
count_rows (LankaDatabase  *self,
            const char     *schema,
            const char     *table,
            gint64         *count,
            GError        **error)
{
  g_autofree char *quoted = quote_identifier (table);
  g_autofree char *sql = NULL;

  /* The only place an identifier goes into SQL: a table name read from the
   * database's own schema, quoted, never anything from outside.
   */
  sql = g_strdup_printf ("SELECT count(*) FROM %s.%s", schema, quoted);

  return query_int64 (self, sql, count, error);
}

static gboolean
compare_copy (LankaDatabase  *self,
              GError        **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *structure = NULL;
  sqlite3_stmt *stmt;
  gint64 copy_tables;
  gint64 copy_version;
  guint n_bad_pages = 0;
  int rc;

  if (!(stmt = _lanka_database_prepare (self, "PRAGMA copy.cipher_integrity_check", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_bad_pages++;
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  if (n_bad_pages > 0)
    {
      set_error_from_rc (self->handle, SQLITE_CORRUPT, error);
      return FALSE;
    }

  if (!query_text (self, "PRAGMA copy.integrity_check", NULL, &structure, error))
    return FALSE;

  if (g_strcmp0 (structure, "ok") != 0)
    {
      set_error_from_rc (self->handle, SQLITE_CORRUPT, error);
      return FALSE;
    }

  if (!query_int64 (self, "PRAGMA copy.user_version", &copy_version, error))
    return FALSE;

  if (copy_version != self->version)
    {
      set_error_from_rc (self->handle, SQLITE_CORRUPT, error);
      return FALSE;
    }

  if (!(stmt = _lanka_database_prepare (self,
                                        "SELECT name FROM main.sqlite_schema "
                                        "WHERE type = 'table' ORDER BY name",
                                        error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (self->handle, rc, error);
      return FALSE;
    }

  if (!query_int64 (self,
                    "SELECT count(*) FROM copy.sqlite_schema WHERE type = 'table'",
                    &copy_tables, error))
    return FALSE;

  if (copy_tables != tables->len)
    {
      set_error_from_rc (self->handle, SQLITE_CORRUPT, error);
      return FALSE;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      gint64 original = 0;
      gint64 copied = 0;

      if (!count_rows (self, "main", g_ptr_array_index (tables, i), &original, error))
        return FALSE;

      /* A table missing from the copy fails to prepare: that is damage too. */
      if (!count_rows (self, "copy", g_ptr_array_index (tables, i), &copied, NULL) ||
          copied != original)
        {
          set_error_from_rc (self->handle, SQLITE_CORRUPT, error);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * lanka_database_verify_copy:
 * @self: a #LankaDatabase
 * @path: a copy made with lanka_database_export()
 * @error: a location for a #GError
 *
 * Checks that the copy at @path opens with this database's key, passes
 * both integrity checks and has the same schema version, tables and row
 * counts as this database.
 *
 * Returns: %TRUE if the copy is good; %FALSE with
 *   %LANKA_STORE_ERROR_DAMAGED if it is not
 */
gboolean
lanka_database_verify_copy (LankaDatabase  *self,
                            const char     *path,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (LANKA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_idle (self, error))
    return FALSE;

  if (!check_header (path, &local_error))
    {
      /* A plaintext or empty file in place of the copy is a bad copy. */
      if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_FOREIGN))
        {
          g_clear_error (&local_error);
          set_error_from_rc (self->handle, SQLITE_CORRUPT, &local_error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (attach (self, path, "ATTACH DATABASE ?1 AS copy", &local_error))
    {
      ok = compare_copy (self, &local_error);
      detach (self, "DETACH DATABASE copy");
    }
  else
    ok = FALSE;

  if (!ok)
    {
      /* The copy has the same key by construction, so a page it cannot
       * authenticate is damage, not a wrong key.
       */
      if (g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY))
        {
          g_clear_error (&local_error);
          set_error_from_rc (self->handle, SQLITE_CORRUPT, &local_error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
