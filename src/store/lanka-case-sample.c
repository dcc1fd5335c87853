/* lanka-case-sample.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-sample"

#include "config.h"

#include "lanka-case-sample.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-retention.h"
#include "lanka-store-error.h"

#include <string.h>

/* Everything here is invented and says so: aliases are "Sample" and an
 * English word, legal names "Fictional Person", references "Sample".  No
 * personal identity numbers and no phone numbers are made up, since a
 * made-up one may well belong to someone.  The rows go straight into the
 * tables inside one transaction, with the derived columns (child, alias,
 * next_deadline), the tasks their deadlines make and the search row
 * written as a save writes them, so that a hundred thousand cases take
 * seconds rather than the hours that saving them one document at a time
 * would take.
 */

/* A running number per year stays within four digits ("2026-0042"), so a
 * larger set of cases reaches further back than three years.
 */
#define MAX_PER_YEAR   9000
#define MIN_YEARS      3
#define CANCEL_EVERY   256
#define USEC_PER_DAY   (G_USEC_PER_SEC * (gint64) 86400)
#define MAX_TASKS      16

/* Tasks draw from a generator of their own, so that the cases of a seed
 * stay what they were before cases had tasks.
 */
#define TASK_SEED_SALT 0x7a5c

static const char * const alias_words[] = {
  "Lark", "Wren", "Finch", "Heron", "Robin", "Swift", "Plover", "Kestrel", "Linnet", "Osprey",
  "Alder", "Birch", "Cedar", "Hazel", "Juniper", "Maple", "Rowan", "Willow", "Aspen", "Elm",
  "Fern", "Moss", "Clover", "Heather", "Sorrel", "Pebble", "River", "Meadow", "Harbour",
  "Comet", "Ember", "Quill", "Lantern", "Thistle", "Marble", "Cobalt", "Saffron", "Tundra",
};

static const char * const caseworkers[] = {
  "Sample Caseworker Ash", "Sample Caseworker Bay", "Sample Caseworker Cove",
  "Sample Caseworker Dune", "Sample Caseworker Fjord",
};

static const char * const statuses[] = {
  "intake", "assessment", "active", "follow_up", "closed", "closed_referred", "duplicate",
};

static const char * const victim_statuses[] = {
  "PossibleVictimOfTrafficking", "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking",
  "NotAVictimOfTrafficking", "PossibleVictimOfExploitation",
};

static const char * const assessors[] = {
  "Police", "NGO", "CourtOrProsecution", "SocialServices", "MigrationAgency",
  "RegionalCoordinator", "Other",
};

static const char * const risks[] = { "high", "medium", "medium", "low", "low" };

static const char * const counties[] = {
  "01", "01", "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "12", "13", "14",
  "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
};

static const char * const intake_types[] = { "anmalan", "anmalan", "ansokan", "annat_satt" };

static const char * const identifiers[] = {
  "NGO", "LawEnforcement", "HealthServiceOrganisation", "CentralGovernmentOrganisation",
  "LocalGovernmentOrganisation", "ImmigrationService", "LegalService", "CorporateBusiness",
  "SchoolOrCollege", "SelfReferral", "Public", "Helpline", "RegionalCoordinator",
};

static const char * const flags[] = {
  "threat", "pregnant", "medical_needs", "disability", "missing_risk", "violence_in_family",
};

static const char * const genders[] = {
  "Feminine", "Feminine", "Feminine", "Feminine", "Feminine", "Masculine", "Masculine",
  "Masculine", "TransgenderFeminine", "TransgenderMasculine", "NonConforming",
  "NonSpecifiedUnknown",
};

/* A country and the language most people from there speak (ISO 3166-1
 * alpha-2 and ISO 639-1, as the records store them).
 */
static const struct {
  const char *country;
  const char *language;
} origins[] = {
  { "RO", "ro" }, { "BG", "bg" }, { "NG", "en" }, { "VN", "vi" }, { "TH", "th" },
  { "UA", "uk" }, { "AL", "sq" }, { "PL", "pl" }, { "HU", "hu" }, { "MA", "ar" },
  { "ER", "ti" }, { "SO", "so" }, { "AF", "fa" }, { "SY", "ar" }, { "CN", "zh" },
  { "BR", "pt" }, { "LT", "lt" }, { "SE", "sv" }, { "MN", "mn" }, { "UG", "en" },
};

static const char * const forms[] = {
  "SexualExploitation", "SexualExploitation", "SexualExploitation", "ForcedLabour",
  "ForcedLabour", "UnreasonableWorkingConditions", "ForcedBegging", "ForcedCriminality",
  "OrganRemoval", "ForcedMilitaryService", "ForcedMarriage", "Servitude", "ChildLabour",
  "ForcedAdoption", "Surrogacy", "OtherSituationOfDistress", "Other",
};

static const char * const sexual_types[] = {
  "Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices",
};

static const char * const means[] = {
  "DebtBondage", "TakesEarnings", "RestrictsFinancialAccess", "PhysicalThreats",
  "ThreatsLawEnforcement", "ThreatensChildrenFamily", "PsychologicalAbuse", "PhysicalAbuse",
  "SexualAbuse", "FalsePromises", "PsychoactiveSubstance", "RestrictsMovement",
  "RestrictsMedicalCare", "ExcessiveWorkingHours", "UsesChildren", "WithholdsNecessities",
  "WithholdsDocuments", "Other", "NotSpecified",
};

static const char * const recruitments[] = {
  "AtAPlaceOfBusiness", "AtAnEducationalInstitution", "AtWork", "ThroughOnlineSocialNetworks",
  "ThroughAnOnlineAdvertisement", "ThroughATelevisionAdvert", "ThroughANewspaperAdvert",
  "ThroughFamilyOrFamilyEvents", "ThroughFriendsOrSocialEvents", "Other",
};

static const char * const recruiter_relations[] = {
  "IntimatePartner", "Friend", "Family", "Other", "Unknown",
};

static const char * const investigation_statuses[] = {
  "none", "reported", "investigation", "discontinued", "prosecuted", "judgment", "appealed",
};

static const char * const support_types[] = {
  "protected_housing", "health", "psychosocial", "legal", "financial", "interpreter",
  "education", "livelihood", "social_care", "nsp_initial", "nsp_rehabilitation",
  "nsp_integration", "return",
};

static const char * const closure_reasons[] = {
  "goal_reached", "returned", "transferred", "declined", "unknown_whereabouts", "deceased",
  "other",
};

static const char * const journal_types[] = {
  "meeting", "meeting", "meeting", "phone", "phone", "home_visit", "agency_contact",
  "consultation", "decision", "report", "assessment", "measure", "other",
};

/* Journal sentences; "{alias}" becomes the victim's alias. */
static const char * const journal_sv[] = {
  "Samtal med {alias} på kontoret tillsammans med tolk.",
  "{alias} berättar att hen sover bättre sedan flytten till boendet.",
  "Vi gick igenom stödplanen och vad som ska hända nästa vecka.",
  "Tolk deltog via telefon; samtalet fungerade bra.",
  "{alias} vill fortsätta bo kvar i det skyddade boendet.",
  "Kontakt med handläggare på Migrationsverket om betänketiden.",
  "Har bokat tid på vårdcentralen åt {alias}.",
  "Uppföljning av insatsen planeras till nästa månad.",
  "{alias} är orolig för familjen i hemlandet.",
  "Samtalet avbröts tidigt, ny tid är bokad.",
  "Polisen har hört av sig om ett nytt förhör.",
  "God man närvarade under mötet.",
  "Skyddsbedömningen gjordes om; risken bedöms som oförändrad.",
  "Vi pratade om skola, språkkurs och fritid.",
  "{alias} har frågat om möjligheten att återvända.",
  "Regionkoordinatorn konsulterades om fortsatt stöd.",
  "Beslut om ekonomiskt bistånd för resten av månaden.",
  "{alias} uttrycker oro inför rättegången.",
};

static const char * const journal_en[] = {
  "Met {alias} at the office together with an interpreter.",
  "{alias} says the new housing feels safe.",
  "Went through the support plan and the next steps.",
  "Called the shelter to confirm the placement.",
  "A follow-up is booked for next week.",
  "{alias} asked about the reflection period.",
  "The guardian joined the meeting by phone.",
  "Talked about work, money and the debt {alias} was told to pay.",
  "The police investigator asked for a new interview.",
  "{alias} would like to start a language course.",
  "Consulted the regional coordinator about further support.",
  "{alias} was tired today; we kept the meeting short.",
};

static const char * const summaries[] = {
  "Hot via telefon från tidigare kontakter; skyddat boende behövs.",
  "Inga nya hot sedan förra bedömningen.",
  "{alias} har sökts upp nära boendet; polisen informerad.",
  "Threats against the family abroad; risk stays the same.",
  "No contact with the suspects since the move.",
  "Risken bedöms som låg; fortsatt uppföljning.",
};

static const char * const goals[] = {
  "Trygg bostad under betänketiden.",
  "Kontakt med vården för hälsoundersökning.",
  "Stöd inför och under rättegången.",
  "Språkkurs och praktik.",
  "Ekonomiskt bistånd tills egen försörjning finns.",
  "A safe return with the return programme.",
  "Regular conversations with a counsellor.",
};

static const char * const outcomes[] = {
  "Genomförd enligt plan.",
  "Avbruten på personens egen begäran.",
  "Completed as planned.",
  "Fortsätter i annan form.",
};

static const char * const legal_outcomes[] = {
  "Fällande dom i tingsrätten.",
  "Friande dom; åklagaren överväger att överklaga.",
  "Conviction for human exploitation.",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

typedef struct
{
  LankaDatabase *database;
  GRand         *rand;
  guint32        today;
  guint32        epoch;
  gint64         now;
  guint          n_years;
  GPtrArray     *agency_uuids;
  GPtrArray     *agency_names;
  GHashTable    *last_numbers;
  guint          n_people;
  guint64        n_uuids;
  GRand         *task_rand;
  guint64        n_task_uuids;
} Generator;

/* A deadline of a case, as lanka_case_list_deadlines() gives it. */
typedef struct
{
  const char *kind;
  char        source[37];
  guint32     due;
} SampleTask;

/* What the rows of one case need from each other while it is written. */
typedef struct
{
  gint64      id;
  guint       index;
  guint32     opened;
  guint32     closed;
  guint32     last_day;
  const char *status;
  int         nrm_step;
  gboolean    child;
  gboolean    protected_identity;
  gboolean    swedish;
  guint32     deadline;
  guint32     exploitation_start;
  guint       age_at_entry;
  const char *alias;
  const char *origin_country;
  SampleTask  tasks[MAX_TASKS];
  guint       n_tasks;
} SampleCase;

static void
generator_clear (Generator *self)
{
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->task_rand, g_rand_free);
  g_clear_pointer (&self->agency_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->agency_names, g_ptr_array_unref);
  g_clear_pointer (&self->last_numbers, g_hash_table_unref);
}

static gboolean
chance (Generator *self,
        double     probability)
{
  return g_rand_double (self->rand) < probability;
}

/* The earlier of two days; unlike MIN(), it evaluates a drawn day once. */
static guint32
not_after (guint32 day,
           guint32 last)
{
  return day < last ? day : last;
}

static guint32
between (Generator *self,
         guint32    first,
         guint32    last)
{
  if (last <= first)
    return first;

  return first + (guint32) g_rand_int_range (self->rand, 0, (gint32) (last - first + 1));
}

/* A uuid from the generator's random numbers, so that the same seed gives
 * the same uuids.  They are laid out as version 7 uuids, ordered by a
 * counter where a time would be: each new row's uuid lands at the end of
 * its table's uuid index instead of on a random page, which makes large
 * sets a quarter faster to write.
 */
static void
make_uuid (GRand   *rand,
           guint64 *counter,
           char     out[37])
{
  guint8 bytes[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 value = g_rand_int (rand);

      memcpy (bytes + i, &value, 4);
    }

  (*counter)++;
  for (guint i = 0; i < 6; i++)
    bytes[i] = (guint8) (*counter >> (8 * (5 - i)));

  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  g_snprintf (out, 37,
              "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
              bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14],
              bytes[15]);
}

static void
random_uuid (Generator *self,
             char       out[37])
{
  make_uuid (self->rand, &self->n_uuids, out);
}

static void
format_date (guint32 julian,
             char    out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (out, 11, "%04u-%02u-%02u",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static guint
year_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_get_year (&date);
}

/* Whole years from @birth to @day, as a birthday counts them. */
static guint
age_on (guint32 birth,
        guint32 day)
{
  GDate from, to;
  int years;

  if (day <= birth)
    return 0;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_julian (&from, birth);
  g_date_set_julian (&to, day);

  years = g_date_get_year (&to) - g_date_get_year (&from);
  if (g_date_get_month (&to) < g_date_get_month (&from) ||
      (g_date_get_month (&to) == g_date_get_month (&from) &&
       g_date_get_day (&to) < g_date_get_day (&from)))
    years--;

  return MAX (years, 0);
}

/* A time in the working hours of @julian, in microseconds since the epoch,
 * never later than the start of today.
 */
static gint64
time_of (Generator *self,
         guint32    julian)
{
  gint64 time = (gint64) (julian - self->epoch) * USEC_PER_DAY
                + (gint64) g_rand_int_range (self->rand, 8 * 60, 17 * 60) * 60 * G_USEC_PER_SEC;

  return MIN (time, self->now);
}

/* The case's next date something is due, as a save works it out
 * (lanka_case_dup_next_deadline()): the first coming review, end of a
 * permit, follow-up or hearing, or in a child case the first coming due
 * date of a task not yet done.  A closed case has none.
 */
static void
consider_deadline (Generator  *self,
                   SampleCase *kase,
                   guint32     due)
{
  if (kase->closed != 0 || due == 0 || due < self->today)
    return;

  if (kase->deadline == 0 || due < kase->deadline)
    kase->deadline = due;
}

/* A deadline of the case, passed or not, for its tasks.  A closed case
 * has none.
 */
static void
add_task (SampleCase *kase,
          const char *kind,
          const char *source,
          guint32     due)
{
  SampleTask *task;

  if (kase->closed != 0 || due == 0 || kase->n_tasks == MAX_TASKS)
    return;

  task = &kase->tasks[kase->n_tasks++];
  task->kind = kind;
  task->due = due;
  g_strlcpy (task->source, source, sizeof task->source);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           column,
           guint32       julian)
{
  char text[11];

  if (julian == 0)
    return;

  format_date (julian, text);
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static char *
make_text (Generator          *self,
           const char * const *sentences,
           guint               n_sentences,
           guint               count,
           const char         *alias)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    {
      const char *sentence = sentences[g_rand_int_range (self->rand, 0, n_sentences)];
      const char *mark = strstr (sentence, "{alias}");

      if (text->len > 0)
        g_string_append_c (text, ' ');

      if (mark == NULL)
        {
          g_string_append (text, sentence);
          continue;
        }

      g_string_append_len (text, sentence, mark - sentence);
      g_string_append (text, alias);
      g_string_append (text, mark + strlen ("{alias}"));
    }

  return g_string_free (text, FALSE);
}

static guint
next_number (Generator  *self,
             guint       year,
             GError    **error)
{
  gpointer last;
  guint number;

  if (!g_hash_table_lookup_extended (self->last_numbers, GUINT_TO_POINTER (year), NULL, &last))
    {
      /* Cases already there keep their numbers; the new ones follow. */
      g_autofree char *pattern = g_strdup_printf ("%04u-%%", year);
      sqlite3_stmt *stmt;
      int rc;

      stmt = _lanka_database_prepare (self->database,
                                      "SELECT max(CAST(substr(number, 6) AS INTEGER)) "
                                      "FROM \"case\" WHERE number LIKE ?1",
                                      error);
      if (stmt == NULL)
        return 0;

      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _lanka_database_set_error (self->database, rc, error);
          sqlite3_reset (stmt);
          return 0;
        }

      last = GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 0));
      sqlite3_reset (stmt);
    }

  number = GPOINTER_TO_UINT (last) + 1;
  g_hash_table_insert (self->last_numbers, GUINT_TO_POINTER (year), GUINT_TO_POINTER (number));

  return number;
}

static gboolean
load_agencies (Generator  *self,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lanka_database_prepare (self->database,
                                  "SELECT uuid, name FROM agency WHERE trashed IS NULL "
                                  "ORDER BY id",
                                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (self->agency_uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (self->agency_names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _lanka_database_set_error (self->database, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* An agency from the directory, as a uuid and the name the case keeps. */
static void
bind_agency (Generator    *self,
             sqlite3_stmt *stmt,
             int           uuid_column,
             int           name_column)
{
  guint i;

  if (self->agency_uuids->len == 0)
    return;

  i = g_rand_int_range (self->rand, 0, self->agency_uuids->len);
  sqlite3_bind_text (stmt, uuid_column, g_ptr_array_index (self->agency_uuids, i), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, name_column, g_ptr_array_index (self->agency_names, i), -1,
                     SQLITE_STATIC);
}

static gint64
last_rowid (Generator *self)
{
  return sqlite3_last_insert_rowid (_lanka_database_get_handle (self->database));
}

static gboolean
insert_code (Generator   *self,
             const char  *sql,
             gint64       owner,
             const char  *code,
             const char  *kind,
             GError     **error)
{
  sqlite3_stmt *stmt = _lanka_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, owner);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);

  return _lanka_database_step_done (self->database, stmt, error);
}

/* Up to @max distinct codes from @codes, each once. */
static gboolean
insert_codes (Generator          *self,
              const char         *sql,
              gint64              owner,
              const char * const *codes,
              guint               n_codes,
              guint               max,
              const char         *kind,
              GError            **error)
{
  guint count = between (self, 1, max);
  guint first = g_rand_int_range (self->rand, 0, n_codes);
  guint step = between (self, 1, MAX (n_codes / max, 1));

  for (guint i = 0; i < count && i < n_codes; i++)
    {
      const char *code = codes[(first + i * step) % n_codes];
      gboolean repeated = FALSE;

      /* Lists weighted by repetition may hand out a code twice. */
      for (guint j = 0; j < i; j++)
        if (strcmp (codes[(first + j * step) % n_codes], code) == 0)
          repeated = TRUE;

      if (!repeated && !insert_code (self, sql, owner, code, kind, error))
        return FALSE;
    }

  return TRUE;
}

#define PERSON_SQL \
  "INSERT INTO person (uuid, alias, legal_name, birth_date, birth_precision, estimated_age, " \
  "estimated_on, gender, interpreter, interpreter_language, protected_identity, address, " \
  "notes, created, modified) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)"
#define CASE_PERSON_SQL \
  "INSERT INTO case_person (case_id, person, role, position) VALUES (?1, ?2, ?3, ?4)"
#define CITIZENSHIP_SQL \
  "INSERT OR IGNORE INTO person_citizenship (person, country) VALUES (?1, ?2)"
#define LANGUAGE_SQL \
  "INSERT OR IGNORE INTO person_language (person, language) VALUES (?1, ?2)"

/* One person of the case.  @birth is a julian day, or 0 for an estimated
 * age (@age on the day the case was opened).
 */
static gboolean
insert_person (Generator   *self,
               SampleCase  *kase,
               const char  *role,
               int          position,
               guint32      birth,
               guint        age,
               const char  *alias,
               GError     **error)
{
  char uuid[37];
  g_autofree char *legal_name = NULL;
  const char *country = kase->origin_country;
  const char *language = "sv";
  const char *precision = "day";
  gboolean is_victim = g_str_equal (role, "victim");
  gboolean interpreter;
  sqlite3_stmt *stmt;
  gint64 person;
  int c = 1;

  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    if (g_str_equal (origins[i].country, country))
      language = origins[i].language;

  interpreter = !g_str_equal (language, "sv") && chance (self, 0.7);

  self->n_people++;
  random_uuid (self, uuid);
  if (!g_str_equal (role, "suspected_perpetrator") || chance (self, 0.5))
    legal_name = g_strdup_printf ("Fictional Person %04u", self->n_people);

  if (!(stmt = _lanka_database_prepare (self->database, PERSON_SQL, error)))
    return FALSE;

  sqlite3_bind_text (stmt, c++, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c++, alias, -1, SQLITE_STATIC);
  bind_text (stmt, c++, legal_name);

  if (birth != 0)
    {
      GDate date;
      char text[11];

      /* What is not known of the date is stored as its first day. */
      g_date_clear (&date, 1);
      g_date_set_julian (&date, birth);
      if (chance (self, 0.15))
        {
          precision = chance (self, 0.5) ? "month" : "year";
          g_snprintf (text, sizeof text, "%04u-%02u-01", g_date_get_year (&date),
                      g_str_equal (precision, "month") ? g_date_get_month (&date) : 1);
        }
      else
        format_date (birth, text);

      sqlite3_bind_text (stmt, c++, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, c++, precision, -1, SQLITE_STATIC);
      c += 2;
    }
  else
    {
      c += 2;
      sqlite3_bind_int (stmt, c++, age);
      bind_date (stmt, c++, kase->opened);
    }

  sqlite3_bind_text (stmt, c++, PICK (self->rand, genders), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, c++, interpreter);
  if (interpreter)
    sqlite3_bind_text (stmt, c, language, -1, SQLITE_STATIC);
  c++;
  sqlite3_bind_int (stmt, c++, is_victim && kase->protected_identity);
  /* A protected person's address is never written down. */
  if (!(is_victim && kase->protected_identity) && chance (self, 0.4))
    {
      g_autofree char *address = g_strdup_printf ("Sample Street %u, Example Town",
                                                  between (self, 1, 99));

      sqlite3_bind_text (stmt, c, address, -1, SQLITE_TRANSIENT);
    }
  c++;
  if (chance (self, 0.2))
    sqlite3_bind_text (stmt, c, kase->swedish ? "Vill helst träffas på förmiddagen."
                                              : "Prefers meetings in the morning.",
                       -1, SQLITE_STATIC);
  c++;
  sqlite3_bind_int64 (stmt, c++, time_of (self, kase->opened));

  if (!_lanka_database_step_done (self->database, stmt, error))
    return FALSE;

  person = last_rowid (self);

  if (!(stmt = _lanka_database_prepare (self->database, CASE_PERSON_SQL, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, kase->id);
  sqlite3_bind_int64 (stmt, 2, person);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, position);
  if (!_lanka_database_step_done (self->database, stmt, error))
    return FALSE;

  if (!insert_code (self, CITIZENSHIP_SQL, person, country, NULL, error))
    return FALSE;
  if (chance (self, 0.1) &&
      !insert_code (self, CITIZENSHIP_SQL, person, PICK (self->rand, origins).country, NULL,
                    error))
    return FALSE;
  if (!insert_code (self, LANGUAGE_SQL, person, language, NULL, error))
    return FALSE;
  if (!g_str_equal (language, "en") && chance (self, 0.3) &&
      !insert_code (self, LANGUAGE_SQL, person, "en", NULL, error))
    return FALSE;

  return TRUE;
}

/* A birth day for someone @age years old on @day. */
static guint32
birth_for_age (Generator *self,
               guint      age,
               guint32    day)
{
  return day - (guint32) (age * 365.25) - between (self, 1, 360);
}

static const struct {
  const char *role;
  double      likelihood;
  double      child_likelihood;
} companions[] = {
  { "accompanying_child", 0.12, 0.0 },
  { "guardian", 0.0, 0.85 },
  { "suspected_perpetrator", 0.35, 0.35 },
  { "family", 0.08, 0.08 },
  { "contact", 0.1, 0.1 },
};

static gboolean
insert_people (Generator   *self,
               SampleCase  *kase,
               guint32      victim_birth,
               GError     **error)
{
  int position = 0;
  guint age_at_opening = kase->age_at_entry + (kase->opened - kase->exploitation_start) / 365;

  if (!insert_person (self, kase, "victim", position++, victim_birth, age_at_opening,
                      kase->alias, error))
    return FALSE;

  /* The others, each with an alias of their own.  An adult's child comes
   * along now and then, a child mostly has a guardian or god man.
   */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      double likelihood = kase->child ? companions[i].child_likelihood
                                      : companions[i].likelihood;
      g_autofree char *alias = NULL;
      guint age;

      /* Every tenth case has them all, so that a few cases show each. */
      if (kase->index % 10 == 3)
        likelihood = MIN (likelihood * 100, 1.0);

      if (!chance (self, likelihood))
        continue;

      age = g_str_equal (companions[i].role, "accompanying_child") ? between (self, 1, 12)
                                                                   : between (self, 22, 60);
      alias = g_strdup_printf ("Sample %s %04u", PICK (self->rand, alias_words),
                               self->n_people + 1);
      if (!insert_person (self, kase, companions[i].role, position++,
                          birth_for_age (self, age, kase->opened), age, alias, error))
        return FALSE;
    }

  return TRUE;
}

#define FLAG_SQL "INSERT OR IGNORE INTO case_flag (case_id, flag) VALUES (?1, ?2)"

static gboolean
insert_flags (Generator   *self,
              SampleCase  *kase,
              GError     **error)
{
  if (kase->protected_identity &&
      !insert_code (self, FLAG_SQL, kase->id, "protected_identity", NULL, error))
    return FALSE;

  if (!g_str_equal (kase->origin_country, "SE") && chance (self, 0.5) &&
      !insert_code (self, FLAG_SQL, kase->id, "interpreter_required", NULL, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (chance (self, 0.12) && !insert_code (self, FLAG_SQL, kase->id, flags[i], NULL, error))
      return FALSE;

  return TRUE;
}

#define EXPLOITATION_SQL \
  "INSERT INTO exploitation (uuid, case_id, recruitment, recruiter_relation, age_at_entry, " \
  "period_start, period_end, ongoing, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
#define VALUE_SQL \
  "INSERT OR IGNORE INTO exploitation_value (exploitation, code, kind) VALUES (?1, ?2, ?3)"

static gboolean
insert_exploitation (Generator   *self,
                     SampleCase  *kase,
                     GError     **error)
{
  char uuid[37];
  gboolean ongoing = chance (self, 0.15);
  const char *form;
  sqlite3_stmt *stmt;
  gint64 exploitation;

  random_uuid (self, uuid);
  if (!(stmt = _lanka_database_prepare (self->database, EXPLOITATION_SQL, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, kase->id);
  sqlite3_bind_text (stmt, 3, PICK (self->rand, recruitments), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, PICK (self->rand, recruiter_relations), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, kase->age_at_entry);
  bind_date (stmt, 6, kase->exploitation_start);
  if (!ongoing)
    bind_date (stmt, 7, kase->opened - between (self, 0, 30));
  sqlite3_bind_int (stmt, 8, ongoing);
  if (chance (self, 0.3))
    sqlite3_bind_text (stmt, 9, kase->swedish ? "Uppgifterna kommer från första samtalet."
                                              : "As told in the first conversation.",
                       -1, SQLITE_STATIC);
  if (!_lanka_database_step_done (self->database, stmt, error))
    return FALSE;

  exploitation = last_rowid (self);

  /* Children are exploited in their own ways too. */
  form = kase->child && chance (self, 0.3) ? (chance (self, 0.5) ? "ChildLabour"
                                                                 : "ForcedCriminality")
                                           : PICK (self->rand, forms);
  if (!insert_code (self, VALUE_SQL, exploitation, form, "form", error))
    return FALSE;
  if (chance (self, 0.2) &&
      !insert_code (self, VALUE_SQL, exploitation, PICK (self->rand, forms), "form", error))
    return FALSE;
  if (g_str_equal (form, "SexualExploitation") &&
      !insert_codes (self, VALUE_SQL, exploitation, sexual_types, G_N_ELEMENTS (sexual_types),
                     2, "sexual_type", error))
    return FALSE;
  if (!insert_codes (self, VALUE_SQL, exploitation, means, G_N_ELEMENTS (means), 4, "means",
                     error))
    return FALSE;

  /* Where it happened: Sweden mostly, often the home country first. */
  if (!insert_code (self, VALUE_SQL, exploitation, "SE", "country", error))
    return FALSE;
  if (chance (self, 0.4) &&
      !insert_code (self, VALUE_SQL, exploitation, kase->origin_country, "country", error))
    return FALSE;
  if (chance (self, 0.15) &&
      !insert_code (self, VALUE_SQL, exploitation, PICK (self->rand, origins).country, "country",
                    error))
    return FALSE;

  return TRUE;
}

#define ASSESSMENT_SQL \
  "INSERT INTO assessment (uuid, case_id, assessed_on, risk, summary, next_review, " \
  "assessed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"

static gboolean
insert_assessments (Generator   *self,
                    SampleCase  *kase,
                    const char  *risk,
                    GError     **error)
{
  guint count = between (self, kase->closed != 0 ? 0 : 1, 3);
  guint32 day = kase->opened + (kase->child ? between (self, 0, 1) : between (self, 0, 7));

  for (guint i = 0; i < count && day <= kase->last_day; i++)
    {
      char uuid[37];
      g_autofree char *summary = make_text (self, summaries, G_N_ELEMENTS (summaries), 1,
                                            kase->alias);
      guint32 review = day + (chance (self, 0.5) ? 30 : 90);
      sqlite3_stmt *stmt;

      /* An open case is reviewed again: its last review is still to come. */
      if (i + 1 == count && kase->closed == 0 && review < self->today)
        review = self->today + between (self, 1, 60);

      random_uuid (self, uuid);
      if (!(stmt = _lanka_database_prepare (self->database, ASSESSMENT_SQL, error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, kase->id);
      bind_date (stmt, 3, day);
      /* The latest assessment is the case's risk level. */
      sqlite3_bind_text (stmt, 4, i + 1 == count && risk != NULL ? risk : PICK (self->rand, risks),
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, summary, -1, SQLITE_STATIC);
      bind_date (stmt, 6, review);
      sqlite3_bind_text (stmt, 7, PICK (self->rand, assessors), -1, SQLITE_STATIC);
      if (!_lanka_database_step_done (self->database, stmt, error))
        return FALSE;

      consider_deadline (self, kase, review);
      add_task (kase, "assessment_review", uuid, review);

      day += between (self, 20, 120);
    }

  return TRUE;
}

#define PERMIT_SQL \
  "INSERT INTO permit_event (uuid, case_id, kind, applied_on, decided_on, decision, " \
  "valid_from, valid_to, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"

/* A permit applied for on @applied, decided some days later unless the
 * decision is still to come.  @ends is set to the last day of a granted
 * permit, or 0.
 */
static gboolean
insert_permit (Generator   *self,
               SampleCase  *kase,
               const char  *kind,
               guint32      applied,
               guint        days_valid,
               guint32     *ends,
               GError     **error)
{
  char uuid[37];
  guint32 decided = applied + between (self, 1, g_str_equal (kind, "reflection_period") ? 7 : 60);
  gboolean granted = chance (self, 0.85);
  sqlite3_stmt *stmt;

  *ends = 0;
  random_uuid (self, uuid);
  if (!(stmt = _lanka_database_prepare (self->database, PERMIT_SQL, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, kase->id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  bind_date (stmt, 4, applied);
  if (decided <= self->today)
    {
      bind_date (stmt, 5, decided);
      sqlite3_bind_text (stmt, 6, granted ? "granted" : "rejected", -1, SQLITE_STATIC);
      if (granted)
        {
          *ends = decided + days_valid;
          bind_date (stmt, 7, decided);
          bind_date (stmt, 8, *ends);
          consider_deadline (self, kase, *ends);
          add_task (kase, g_str_equal (kind, "reflection_period") ? "reflection_period_ends"
                                                                  : "permit_ends",
                    uuid, *ends);
        }
    }
  if (chance (self, 0.2))
    sqlite3_bind_text (stmt, 9, kase->swedish ? "Ansökan gjordes av socialnämnden."
                                              : "Applied for by the social welfare board.",
                       -1, SQLITE_STATIC);

  return _lanka_database_step_done (self->database, stmt, error);
}

static gboolean
insert_permits (Generator   *self,
                SampleCase  *kase,
                GError     **error)
{
  guint32 ends = 0;

  if (g_str_equal (kase->origin_country, "SE") || !chance (self, 0.55))
    return TRUE;

  if (!insert_permit (self, kase, "reflection_period", kase->opened + between (self, 1, 10),
                      30, &ends, error))
    return FALSE;

  if (ends != 0 && ends < self->today && chance (self, 0.4) &&
      !insert_permit (self, kase, "temporary_permit_investigation", ends - 5, 183, &ends, error))
    return FALSE;

  if (chance (self, 0.1))
    {
      static const char * const others[] = { "asylum", "eu_right_of_residence", "other" };
      guint32 applied = kase->opened + between (self, 20, 200);

      if (applied <= self->today &&
          !insert_permit (self, kase, PICK (self->rand, others), applied, 365, &ends, error))
        return FALSE;
    }

  return TRUE;
}

#define LEGAL_SQL \
  "INSERT INTO legal_process (uuid, case_id, police_report_on, police_reference, " \
  "investigation_status, counsel, next_hearing, outcome) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

static gboolean
insert_legal_process (Generator   *self,
                      SampleCase  *kase,
                      gboolean     injured_party,
                      GError     **error)
{
  char uuid[37];
  const char *status = injured_party ? investigation_statuses[between (self, 1, 6)] : "none";
  sqlite3_stmt *stmt;

  random_uuid (self, uuid);
  if (!(stmt = _lanka_database_prepare (self->database, LEGAL_SQL, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, kase->id);
  sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
  if (!g_str_equal (status, "none"))
    {
      g_autofree char *reference = g_strdup_printf ("Sample ref %06u",
                                                    g_rand_int_range (self->rand, 0, 1000000));

      bind_date (stmt, 3, not_after (kase->opened + between (self, 0, 20), self->today));
      sqlite3_bind_text (stmt, 4, reference, -1, SQLITE_TRANSIENT);
      if (chance (self, 0.6))
        {
          g_autofree char *counsel = g_strdup_printf ("Fictional Counsel %04u",
                                                      between (self, 1, 300));

          sqlite3_bind_text (stmt, 6, counsel, -1, SQLITE_TRANSIENT);
        }
    }
  if (g_str_equal (status, "prosecuted") || g_str_equal (status, "appealed"))
    {
      guint32 hearing = self->today + between (self, 3, 120);

      bind_date (stmt, 7, hearing);
      consider_deadline (self, kase, hearing);
      add_task (kase, "hearing", uuid, hearing);
    }
  if (g_str_equal (status, "judgment") || g_str_equal (status, "appealed"))
    sqlite3_bind_text (stmt, 8, PICK (self->rand, legal_outcomes), -1, SQLITE_STATIC);

  return _lanka_database_step_done (self->database, stmt, error);
}

#define PLAN_SQL \
  "INSERT INTO plan_item (uuid, case_id, support_type, goal, provider, provider_name, " \
  "start_on, end_on, follow_up_on, outcome, position) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"

static gboolean
insert_plan (Generator   *self,
             SampleCase  *kase,
             GError     **error)
{
  guint count = between (self, g_str_equal (kase->status, "intake") ? 0 : 1, 4);

  for (guint i = 0; i < count; i++)
    {
      char uuid[37];
      guint32 start = not_after (kase->opened + between (self, 1, 60), self->today);
      guint32 end = start + between (self, 30, 365);
      guint32 follow_up = start + between (self, 14, 90);
      sqlite3_stmt *stmt;

      random_uuid (self, uuid);
      if (!(stmt = _lanka_database_prepare (self->database, PLAN_SQL, error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, kase->id);
      sqlite3_bind_text (stmt, 3, PICK (self->rand, support_types), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, PICK (self->rand, goals), -1, SQLITE_STATIC);
      if (chance (self, 0.8))
        bind_agency (self, stmt, 5, 6);
      bind_date (stmt, 7, start);
      bind_date (stmt, 8, end);
      bind_date (stmt, 9, follow_up);
      if (end < self->today)
        sqlite3_bind_text (stmt, 10, PICK (self->rand, outcomes), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 11, i);
      if (!_lanka_database_step_done (self->database, stmt, error))
        return FALSE;

      consider_deadline (self, kase, follow_up);
      add_task (kase, "plan_follow_up", uuid, follow_up);
    }

  return TRUE;
}

#define JOURNAL_SQL \
  "INSERT INTO journal_entry (uuid, case_id, event_time, written, author, type, text, event, " \
  "event_old, event_new, corrects, signed, signed_by) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"

static gboolean
insert_event (Generator   *self,
              SampleCase  *kase,
              gint64       time,
              const char  *event,
              const char  *old_value,
              const char  *new_value,
              GError     **error)
{
  char uuid[37];
  sqlite3_stmt *stmt;

  random_uuid (self, uuid);
  if (!(stmt = _lanka_database_prepare (self->database, JOURNAL_SQL, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, kase->id);
  sqlite3_bind_int64 (stmt, 3, time);
  sqlite3_bind_int64 (stmt, 4, time);
  sqlite3_bind_text (stmt, 5, PICK (self->rand, caseworkers), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, "event", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, event, -1, SQLITE_STATIC);
  bind_text (stmt, 9, old_value);
  bind_text (stmt, 10, new_value);

  return _lanka_database_step_done (self->database, stmt, error);
}

/* The journal: the case's events and @count entries between the day it
 * was opened and its last day, the older ones signed, now and then one
 * that corrects an earlier signed entry.
 */
static gboolean
insert_journal (Generator   *self,
                SampleCase  *kase,
                guint        count,
                GError     **error)
{
  gint64 first = time_of (self, kase->opened);
  gint64 last = time_of (self, kase->last_day);
  gint64 span = MAX (last - first, G_USEC_PER_SEC);
  char signed_uuid[37] = "";
  char step[2] = { (char) ('0' + kase->nrm_step), '\0' };

  if (!insert_event (self, kase, first, "created", NULL, "intake", error))
    return FALSE;
  if (!g_str_equal (kase->status, "intake") &&
      !insert_event (self, kase, first + span / 3, "status", "intake", kase->status, error))
    return FALSE;
  if (kase->nrm_step > 1 &&
      !insert_event (self, kase, first + span / 2, "nrm_step", "1", step, error))
    return FALSE;

  for (guint i = 0; i < count; i++)
    {
      char uuid[37];
      gint64 event_time = first + (span / (count + 1)) * (i + 1);
      gint64 written = event_time + g_rand_int_range (self->rand, 5, 48 * 60) * 60 * G_USEC_PER_SEC;
      const char *author = PICK (self->rand, caseworkers);
      gboolean correction = signed_uuid[0] != '\0' && chance (self, 0.08);
      g_autofree char *text = NULL;
      sqlite3_stmt *stmt;

      written = MIN (written, self->now);
      if (kase->swedish)
        text = make_text (self, journal_sv, G_N_ELEMENTS (journal_sv), between (self, 1, 4),
                          kase->alias);
      else
        text = make_text (self, journal_en, G_N_ELEMENTS (journal_en), between (self, 1, 4),
                          kase->alias);

      random_uuid (self, uuid);
      if (!(stmt = _lanka_database_prepare (self->database, JOURNAL_SQL, error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, kase->id);
      sqlite3_bind_int64 (stmt, 3, event_time);
      sqlite3_bind_int64 (stmt, 4, written);
      sqlite3_bind_text (stmt, 5, author, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, PICK (self->rand, journal_types), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, text, -1, SQLITE_STATIC);
      if (correction)
        sqlite3_bind_text (stmt, 11, signed_uuid, -1, SQLITE_TRANSIENT);

      /* What is a fortnight old has usually been signed. */
      if (written + 14 * USEC_PER_DAY < self->now && chance (self, 0.7))
        {
          sqlite3_bind_int64 (stmt, 12, MIN (written + USEC_PER_DAY, self->now));
          sqlite3_bind_text (stmt, 13, author, -1, SQLITE_STATIC);
          memcpy (signed_uuid, uuid, sizeof uuid);
        }

      if (!_lanka_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  if (kase->closed != 0 &&
      !insert_event (self, kase, last, "closed", NULL, kase->status, error))
    return FALSE;

  return TRUE;
}

#define TASK_SQL \
  "INSERT INTO task (uuid, case_id, kind, source, due_on, completed, completed_by, created) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

/* The case's deadlines as tasks, made when the case was opened.  What was
 * due more than a fortnight ago has been done, a date passed more
 * recently now and then not yet, and now and then something was done
 * ahead of its date.
 */
static gboolean
insert_tasks (Generator   *self,
              SampleCase  *kase,
              GError     **error)
{
  gint64 created = MIN ((gint64) (kase->opened - self->epoch) * USEC_PER_DAY
                        + (gint64) 9 * 3600 * G_USEC_PER_SEC,
                        self->now);

  for (guint i = 0; i < kase->n_tasks; i++)
    {
      SampleTask *task = &kase->tasks[i];
      double draw = g_rand_double (self->task_rand);
      gboolean completed;
      char uuid[37];
      sqlite3_stmt *stmt;

      if (task->due < self->today)
        completed = task->due + 14 < self->today || draw < 0.6;
      else
        completed = draw < 0.05;

      make_uuid (self->task_rand, &self->n_task_uuids, uuid);
      if (!(stmt = _lanka_database_prepare (self->database, TASK_SQL, error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, kase->id);
      sqlite3_bind_text (stmt, 3, task->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, task->source, -1, SQLITE_STATIC);
      bind_date (stmt, 5, task->due);
      if (completed)
        {
          guint32 day = not_after (task->due, self->today);
          gint64 done = (gint64) (day - self->epoch) * USEC_PER_DAY
                        + (gint64) g_rand_int_range (self->task_rand, 8 * 60, 17 * 60)
                          * 60 * G_USEC_PER_SEC;

          sqlite3_bind_int64 (stmt, 6, MIN (MAX (done, created), self->now));
          sqlite3_bind_text (stmt, 7,
                             caseworkers[g_rand_int_range (self->task_rand, 0,
                                                           G_N_ELEMENTS (caseworkers))],
                             -1, SQLITE_STATIC);
        }
      sqlite3_bind_int64 (stmt, 8, created);

      if (!_lanka_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

#define CASE_SQL \
  "INSERT INTO \"case\" (uuid, number, status, nrm_step, victim_status, victim_status_by, " \
  "injured_party, risk, urgent, county, intake_type, intake_date, identified_by, " \
  "referred_from, referred_from_name, unaccompanied, bbic_reference, protection_assessed_on, " \
  "initial_assessment_on, investigation_done_on, opened, closed, closure_reason, " \
  "handed_over_to, handed_over_to_name, notes, child, alias, created, modified) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, " \
  "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)"
#define DEADLINE_SQL "UPDATE \"case\" SET next_deadline = ?1 WHERE id = ?2"

static gboolean
generate_case (Generator   *self,
               guint        index,
               guint        n_cases,
               guint        journal_per_case,
               GError     **error)
{
  SampleCase kase = { 0, };
  g_autofree char *alias = NULL;
  g_autofree char *number_text = NULL;
  g_autofree char *bbic = NULL;
  char uuid[37];
  guint span = self->n_years * 365;
  guint32 victim_birth = 0;
  guint number;
  const char *risk = chance (self, 0.85) ? PICK (self->rand, risks) : NULL;
  gboolean injured_party = chance (self, 0.45);
  sqlite3_stmt *stmt;
  int c = 1;

  /* Opened in order over the years, so that numbers follow dates. */
  kase.opened = self->today - span + (guint32) (((guint64) index * span) / MAX (n_cases, 1));
  kase.swedish = chance (self, 0.7);
  kase.origin_country = PICK (self->rand, origins).country;
  kase.index = index;
  kase.protected_identity = index % 12 == 2 || chance (self, 0.06);

  /* The first cases take every status and step once, so that even a
   * small set shows them all.
   */
  kase.status = index < G_N_ELEMENTS (statuses) ? statuses[index] : PICK (self->rand, statuses);
  kase.nrm_step = index < 6 ? (int) index + 1 : (int) between (self, 1, 6);

  /* A few cases closed long enough ago that the retention review has
   * them, whatever the size of the set.
   */
  if (index % 1000 == 4 || index % 1000 == 5)
    {
      kase.opened = self->today - (LANKA_RETENTION_DEFAULT_YEARS + 2) * 366 - index % 300;
      if (!g_str_has_prefix (kase.status, "closed"))
        kase.status = "closed";
    }

  if (g_str_has_prefix (kase.status, "closed") || g_str_equal (kase.status, "duplicate"))
    kase.closed = not_after (kase.opened + between (self, 20, 400), self->today);
  kase.last_day = kase.closed != 0 ? kase.closed : self->today;

  /* A child case: the victim was under 18 when the exploitation began. */
  kase.child = index % 4 == 1 || chance (self, 0.1);
  kase.exploitation_start = kase.opened - between (self, 30, 720);
  if (chance (self, 0.15))
    {
      /* Estimated ages are whole years; a year's margin keeps an adult
       * from counting as a child on a rounded-down estimate.
       */
      kase.age_at_entry = kase.child ? between (self, 12, 17) : between (self, 19, 50);
    }
  else
    {
      victim_birth = birth_for_age (self, kase.child ? between (self, 11, 17)
                                                     : between (self, 18, 50),
                                    kase.exploitation_start);
      kase.age_at_entry = age_on (victim_birth, kase.exploitation_start);
      kase.child = kase.age_at_entry < 18;
    }

  /* The victim's alias and legal name share the number insert_person()
   * gives them.
   */
  kase.alias = alias = g_strdup_printf ("Sample %s %04u", PICK (self->rand, alias_words),
                                        self->n_people + 1);

  number = next_number (self, year_of (kase.opened), error);
  if (number == 0)
    return FALSE;
  number_text = g_strdup_printf ("%04u-%04u", year_of (kase.opened), number);

  random_uuid (self, uuid);
  if (!(stmt = _lanka_database_prepare (self->database, CASE_SQL, error)))
    return FALSE;

  sqlite3_bind_text (stmt, c++, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c++, number_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c++, kase.status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, c++, kase.nrm_step);
  sqlite3_bind_text (stmt, c++, PICK (self->rand, victim_statuses), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c++, PICK (self->rand, assessors), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, c++, injured_party);
  bind_text (stmt, c++, risk);
  sqlite3_bind_int (stmt, c++, risk != NULL && g_str_equal (risk, "high") && chance (self, 0.5));
  sqlite3_bind_text (stmt, c++, PICK (self->rand, counties), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c++, PICK (self->rand, intake_types), -1, SQLITE_STATIC);
  bind_date (stmt, c++, kase.opened);
  sqlite3_bind_text (stmt, c++, PICK (self->rand, identifiers), -1, SQLITE_STATIC);
  if (chance (self, 0.5))
    bind_agency (self, stmt, c, c + 1);
  c += 2;
  sqlite3_bind_int (stmt, c++, kase.child && chance (self, 0.4));
  if (kase.child)
    bbic = g_strdup_printf ("Sample BBIC %05u", index + 1);
  bind_text (stmt, c++, bbic);

  /* A child case's tasks with deadlines: done, unless the case is too
   * new for it.
   */
  if (kase.child)
    {
      GDate due;

      if (kase.opened + 1 < self->today || chance (self, 0.5))
        bind_date (stmt, c, kase.opened + between (self, 0, 1));
      else
        {
          consider_deadline (self, &kase, kase.opened + 1);
          add_task (&kase, "protection_assessment", uuid, kase.opened + 1);
        }

      if (kase.opened + 14 < self->today)
        bind_date (stmt, c + 1, kase.opened + between (self, 3, 14));
      else
        {
          consider_deadline (self, &kase, kase.opened + 14);
          add_task (&kase, "initial_assessment", uuid, kase.opened + 14);
        }

      g_date_clear (&due, 1);
      g_date_set_julian (&due, kase.opened);
      g_date_add_months (&due, 4);
      if (g_date_get_julian (&due) < self->today)
        bind_date (stmt, c + 2, kase.opened + between (self, 60, 120));
      else
        {
          consider_deadline (self, &kase, g_date_get_julian (&due));
          add_task (&kase, "investigation_due", uuid, g_date_get_julian (&due));
        }
    }
  c += 3;

  bind_date (stmt, c++, kase.opened);
  bind_date (stmt, c++, kase.closed);
  if (kase.closed != 0)
    {
      const char *reason = g_str_equal (kase.status, "duplicate") ? "duplicate"
                           : g_str_equal (kase.status, "closed_referred") ? "transferred"
                           : PICK (self->rand, closure_reasons);

      sqlite3_bind_text (stmt, c, reason, -1, SQLITE_STATIC);
      if (g_str_equal (reason, "transferred"))
        bind_agency (self, stmt, c + 1, c + 2);
    }
  c += 3;
  if (chance (self, 0.3))
    sqlite3_bind_text (stmt, c, kase.swedish ? "Ärendet aktualiserades efter en orosanmälan."
                                             : "The case came in through a report of concern.",
                       -1, SQLITE_STATIC);
  c++;
  sqlite3_bind_int (stmt, c++, kase.child);
  sqlite3_bind_text (stmt, c++, kase.alias, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, c++, time_of (self, kase.opened));
  sqlite3_bind_int64 (stmt, c++, time_of (self, kase.last_day));

  if (!_lanka_database_step_done (self->database, stmt, error))
    return FALSE;

  kase.id = last_rowid (self);

  if (!insert_people (self, &kase, victim_birth, error) ||
      !insert_flags (self, &kase, error) ||
      !insert_exploitation (self, &kase, error) ||
      !insert_assessments (self, &kase, risk, error) ||
      !insert_permits (self, &kase, error) ||
      !insert_legal_process (self, &kase, injured_party, error) ||
      !insert_plan (self, &kase, error) ||
      !insert_journal (self, &kase, journal_per_case, error) ||
      !insert_tasks (self, &kase, error))
    return FALSE;

  if (kase.deadline != 0)
    {
      if (!(stmt = _lanka_database_prepare (self->database, DEADLINE_SQL, error)))
        return FALSE;

      bind_date (stmt, 1, kase.deadline);
      sqlite3_bind_int64 (stmt, 2, kase.id);
      if (!_lanka_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  return _lanka_cases_index (self->database, kase.id, error);
}

/**
 * lanka_case_sample_generate:
 * @database: an open #LankaDatabase
 * @n_cases: how many cases to add
 * @journal_per_case: how many journal entries each case gets, besides
 *   its events
 * @seed: the seed; the same seed gives the same cases on the same day
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Adds @n_cases fictional cases in one transaction: all of them, or none
 * when it fails or is cancelled.  Case numbers follow those already in
 * @database.  Plan items, referrals and hand-overs name agencies of the
 * directory when it has any.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_case_sample_generate (LankaDatabase  *database,
                            guint           n_cases,
                            guint           journal_per_case,
                            guint32         seed,
                            GCancellable   *cancellable,
                            GError        **error)
{
  Generator self = { 0, };
  GDate date;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self.database = database;
  self.rand = g_rand_new_with_seed (seed);
  self.task_rand = g_rand_new_with_seed (seed ^ TASK_SEED_SALT);
  self.now = g_get_real_time ();
  self.n_years = MAX (MIN_YEARS, (n_cases + MAX_PER_YEAR - 1) / MAX_PER_YEAR);
  self.agency_uuids = g_ptr_array_new_with_free_func (g_free);
  self.agency_names = g_ptr_array_new_with_free_func (g_free);
  self.last_numbers = g_hash_table_new (NULL, NULL);
  /* Counted on from somewhere in the first half of the 48 bits. */
  self.n_uuids = ((guint64) g_rand_int (self.rand) << 15) & G_GUINT64_CONSTANT (0x7fffffffffff);
  self.n_task_uuids = ((guint64) g_rand_int (self.task_rand) << 15)
                      & G_GUINT64_CONSTANT (0x7fffffffffff);

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, self.now / G_USEC_PER_SEC);
  self.today = g_date_get_julian (&date);

  /* Nothing is written later than the start of today, so that the same
   * seed gives the same rows all day, to the microsecond.
   */
  {
    g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_get_year (&date),
                                                           g_date_get_month (&date),
                                                           g_date_get_day (&date),
                                                           0, 0, 0);

    self.now = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
  }

  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1970);
  self.epoch = g_date_get_julian (&date);

  if (!lanka_database_begin (database, error))
    {
      generator_clear (&self);
      return FALSE;
    }

  if (!load_agencies (&self, error))
    goto failed;

  /* The people already there keep their numbers too. */
  {
    sqlite3_stmt *stmt = _lanka_database_prepare (database, "SELECT count(*) FROM person",
                                                  error);

    if (stmt == NULL)
      goto failed;
    if (sqlite3_step (stmt) == SQLITE_ROW)
      self.n_people = sqlite3_column_int (stmt, 0);
    sqlite3_reset (stmt);
  }

  for (guint i = 0; i < n_cases; i++)
    {
      if (i % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      if (!generate_case (&self, i, n_cases, journal_per_case, error))
        goto failed;
    }

  if (!lanka_database_commit (database, error))
    goto failed;

  generator_clear (&self);
  return TRUE;

failed:
  lanka_database_rollback (database);
  generator_clear (&self);
  return FALSE;
}

/**
 * lanka_case_sample_ensure:
 * @database: an open #LankaDatabase
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Gives the sample data their cases: %LANKA_CASE_SAMPLE_N_CASES of them,
 * always the same ones, when @database has no case yet.  A person who
 * explores the sample data and deletes its cases is not given new ones
 * behind their back until every case is gone.
 *
 * Returns: %TRUE on success, also when there were cases already
 */
gboolean
lanka_case_sample_ensure (LankaDatabase  *database,
                          GCancellable   *cancellable,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean empty;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _lanka_database_prepare (database, "SELECT NOT EXISTS (SELECT 1 FROM \"case\")", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  empty = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _lanka_database_set_error (database, rc, error);
      return FALSE;
    }

  if (!empty)
    return TRUE;

  return lanka_case_sample_generate (database, LANKA_CASE_SAMPLE_N_CASES,
                                     LANKA_CASE_SAMPLE_JOURNAL_PER_CASE,
                                     LANKA_CASE_SAMPLE_SEED, cancellable, error);
}
