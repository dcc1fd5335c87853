/* bench-lanka-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directory part of the benchmark: a search keystroke (the list model
 * runs its query and the view reads the rows it shows), the count beside
 * the search, the whole list scrolled, an agency opened.  The directory
 * is generated (always the same one: a fixed seed) straight into the
 * tables and indexed as the store indexes it.
 */

#include "config.h"

#include "bench-lanka.h"
#include "lanka-agency-list.h"
#include "lanka-database-private.h"
#include "lanka-directory.h"
#include "lanka-validate.h"

#include <string.h>

#define ROUNDS               5
#define ROWS_SHOWN           30

/* Made-up data in the shape of the real thing: no real people, no real
 * numbers (phone numbers are drawn at random and never dialled).
 */
static const char * const towns[] = {
  "Gävle", "Umeå", "Malmö", "Örebro", "Västerås", "Luleå", "Växjö", "Borås", "Jönköping",
  "Täby", "Södertälje", "Norrköping", "Linköping", "Hässleholm", "Ängelholm", "Åre",
  "Älmhult", "Östersund", "Skövde", "Göteborg", "Uppsala", "Karlstad", "Sundsvall",
  "Halmstad", "Kalmar", "Kristianstad", "Falun", "Borlänge", "Trollhättan", "Eskilstuna",
  "Nyköping", "Visby", "Karlskrona", "Härnösand", "Kiruna", "Skellefteå", "Lund",
  "Helsingborg", "Varberg", "Motala", "Mölndal", "Sollentuna", "Huddinge", "Botkyrka",
  "Haninge", "Nacka", "Solna", "Järfälla", "Örnsköldsvik", "Ludvika",
};

static const char * const patterns[] = {
  "Socialtjänsten", "Kvinnojouren", "Stödcentrum för unga brottsoffer",
  "Polisen", "Migrationsverket", "Vårdcentralen", "Ungdomsmottagningen",
  "Skyddat boende", "Brottsofferjouren", "Mottagningen", "Kriscentrum",
  "Familjerätten", "Tjejjouren", "Mansmottagningen", "Frivården",
  "Åklagarkammaren i", "Arbetsförmedlingen", "Röda Korset", "Stadsmissionen",
  "Överförmyndaren",
};

static const char * const pattern_types[] = {
  "social_services", "shelter", "ngo", "police", "migration", "health", "health",
  "shelter", "ngo", "social_services", "ngo", "social_services", "shelter", "health",
  "other", "prosecution", "other", "ngo", "ngo", "other",
};

static const char * const units[] = {
  "Barn och familj", "Vuxenenheten", "Mottagningsenheten", "Socialjouren",
  "Enheten för människohandel", "Utredningsenheten", "Ekonomiskt bistånd", "Boendeenheten",
  "Region Syd", "Region Mitt", "Region Nord", "Jourverksamheten", NULL, NULL, NULL,
};

static const char * const first_names[] = {
  "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Mikael", "Elin", "Ahmed",
  "Fatima", "Mohammed", "Åsa", "Örjan", "Björn", "Märta", "Göran", "Ebba", "Jönne", "Linnéa",
  "Per", "Eva", "Hassan", "Amira", "Nils", "Ingrid", "Olle", "Sofia", "Ali", "Leyla",
};

static const char * const surnames[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
  "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Öberg", "Åberg", "Holm",
  "Sjöberg", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson",
  "Ali", "Mohammadi", "Hussein", "Nguyen", "Kowalski", "Popescu", "Yilmaz", "Ahmadi",
};

static const char * const roles[] = {
  "Socialsekreterare", "Kurator", "Enhetschef", "Samordnare", "Handläggare", "Jurist",
  "Sjuksköterska", "Polisinspektör", "Regionkoordinator", "Verksamhetsledare", "Volontär",
};

static const char * const notes[] = {
  "Tar emot kvinnor och barn som utsatts för människohandel.",
  "Samverkar med socialtjänsten och polisen i länet.",
  "Har tolk på plats två dagar i veckan.",
  "Mötesplats för män som söker stöd efter våld.",
  "Kräver placering från socialtjänsten; ring innan.",
  "Har erfarenhet av ärenden med tvångsarbete och tiggeri.",
  "Mänskliga rättigheter och juridisk rådgivning utan kostnad.",
  "Jour dygnet runt via växeln.",
  "Tar inte emot män; hänvisar till mansmottagningen.",
  "Öppet hus på onsdagar, ingen tidsbokning.",
  NULL, NULL, NULL,
};

static const char * const support_codes[] = {
  "protected_housing", "health", "psychosocial", "legal", "financial", "interpreter",
  "education", "livelihood", "social_care", "nsp_initial", "nsp_rehabilitation",
  "nsp_integration", "return",
};

static const char * const exploitation_codes[] = {
  "SexualExploitation", "ForcedLabour", "UnreasonableWorkingConditions", "ForcedBegging",
  "ForcedCriminality", "ForcedMarriage", "ChildLabour", "OtherSituationOfDistress",
};

static const char * const accepts_codes[] = {
  "children", "accompanied_children", "women", "men", "transgender", "pregnant",
};

static const char * const counties[] = {
  "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19",
  "20", "21", "22", "23", "24", "25",
};

static const char * const area_codes[] = {
  "08", "031", "040", "026", "090", "019", "021", "0920", "0470", "033", "036", "013", "011",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* Lower-case ASCII for an e-mail address: "Åsa Öberg" → "asa.oberg". */
static char *
mail_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);

  g_strdelimit (lower, " ", '.');

  return g_steal_pointer (&lower);
}

static char *
random_phone (GRand    *rand,
              gboolean  mobile)
{
  if (mobile)
    return g_strdup_printf ("07%d-%03d %02d %02d",
                            g_rand_int_range (rand, 0, 10), g_rand_int_range (rand, 0, 1000),
                            g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100));

  return g_strdup_printf ("%s-%02d %02d %02d", PICK (rand, area_codes),
                          g_rand_int_range (rand, 10, 100), g_rand_int_range (rand, 0, 100),
                          g_rand_int_range (rand, 0, 100));
}

static sqlite3_stmt *
prepare (LankaDatabase *database,
         const char    *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, sql, &error);

  g_assert_no_error (error);

  return stmt;
}

static void
step (LankaDatabase *database,
      sqlite3_stmt  *stmt)
{
  g_autoptr(GError) error = NULL;

  _lanka_database_step_done (database, stmt, &error);
  g_assert_no_error (error);
}

static void
insert_code (LankaDatabase *database,
             const char    *sql,
             gint64         agency,
             const char    *code,
             const char    *kind)
{
  sqlite3_stmt *stmt = prepare (database, sql);

  sqlite3_bind_int64 (stmt, 1, agency);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  step (database, stmt);
}

#define AGENCY_CHANNEL_SQL \
  "INSERT INTO agency_channel (agency, kind, label, value, normalized, position) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
#define CONTACT_CHANNEL_SQL \
  "INSERT INTO agency_contact_channel (contact, kind, label, value, normalized, position) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"

static void
insert_channel (LankaDatabase *database,
                const char    *sql,
                gint64         owner,
                const char    *kind,
                const char    *label,
                const char    *value,
                int            position)
{
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt = prepare (database, sql);

  if (g_str_equal (kind, "phone"))
    normalized = lanka_phone_normalize (value, NULL);
  else
    normalized = g_utf8_strdown (value, -1);

  sqlite3_bind_int64 (stmt, 1, owner);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  if (label != NULL)
    sqlite3_bind_text (stmt, 3, label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, normalized, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, position);
  step (database, stmt);
}

/**
 * bench_directory_generate:
 * @database: a database without agencies
 * @n_agencies: how many agencies
 * @contacts_per_agency: how many contact persons per agency, on average
 *
 * Straight into the tables, then indexed the way the store indexes: the
 * time goes to the benchmark, not to building its data.
 */
void
bench_directory_generate (LankaDatabase *database,
                          guint          n_agencies,
                          guint          contacts_per_agency)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  g_autoptr(GError) error = NULL;
  guint n_contacts = n_agencies * contacts_per_agency;

  g_assert_true (lanka_database_begin (database, &error));
  g_assert_no_error (error);

  for (guint i = 1; i <= n_agencies; i++)
    {
      guint pattern = g_rand_int_range (rand, 0, G_N_ELEMENTS (patterns));
      const char *town = PICK (rand, towns);
      g_autofree char *name = g_strconcat (patterns[pattern], " ", town, NULL);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *phone = random_phone (rand, FALSE);
      g_autofree char *mail_town = mail_part (town);
      g_autofree char *email = g_strdup_printf ("info.%u@%s.example.se", i, mail_town);
      const char *unit = PICK (rand, units);
      const char *note = PICK (rand, notes);
      gboolean national = g_rand_int_range (rand, 0, 10) == 0;
      sqlite3_stmt *stmt;

      stmt = prepare (database,
                      "INSERT INTO agency (id, uuid, name, unit, type, national, nmt, notes, "
                      "created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, 1)");
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      if (unit != NULL)
        sqlite3_bind_text (stmt, 4, unit, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, pattern_types[pattern], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, national);
      sqlite3_bind_int (stmt, 7, g_rand_int_range (rand, 0, 8) == 0);
      if (note != NULL)
        sqlite3_bind_text (stmt, 8, note, -1, SQLITE_STATIC);
      step (database, stmt);

      if (!national)
        {
          guint n = g_rand_int_range (rand, 1, 4);
          guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (counties));

          for (guint j = 0; j < n; j++)
            insert_code (database,
                         "INSERT OR IGNORE INTO agency_county (agency, county) VALUES (?1, ?2)",
                         i, counties[(first + j * 7) % G_N_ELEMENTS (counties)], NULL);
        }

      for (guint j = 0, n = g_rand_int_range (rand, 0, 4); j < n; j++)
        insert_code (database,
                     "INSERT OR IGNORE INTO agency_helps (agency, code, kind) VALUES (?1, ?2, ?3)",
                     i, PICK (rand, support_codes), "support");
      for (guint j = 0, n = g_rand_int_range (rand, 0, 3); j < n; j++)
        insert_code (database,
                     "INSERT OR IGNORE INTO agency_helps (agency, code, kind) VALUES (?1, ?2, ?3)",
                     i, PICK (rand, exploitation_codes), "exploitation");
      for (guint j = 0, n = g_rand_int_range (rand, 0, 3); j < n; j++)
        insert_code (database,
                     "INSERT OR IGNORE INTO agency_accepts (agency, code) VALUES (?1, ?2)",
                     i, PICK (rand, accepts_codes), NULL);

      insert_channel (database, AGENCY_CHANNEL_SQL, i, "phone", "Växel", phone, 0);
      insert_channel (database, AGENCY_CHANNEL_SQL, i, "email", NULL, email, 1);
    }

  for (guint k = 1; k <= n_contacts; k++)
    {
      const char *first = PICK (rand, first_names);
      const char *last = PICK (rand, surnames);
      g_autofree char *name = g_strdup_printf ("%s %s", first, last);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *phone = random_phone (rand, TRUE);
      g_autofree char *local = mail_part (name);
      g_autofree char *email = g_strdup_printf ("%s.%u@example.se", local, k);
      sqlite3_stmt *stmt;

      stmt = prepare (database,
                      "INSERT INTO agency_contact (id, uuid, agency, name, role, notes, created, "
                      "modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, 1)");
      sqlite3_bind_int64 (stmt, 1, k);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_rand_int_range (rand, 1, n_agencies + 1));
      sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, PICK (rand, roles), -1, SQLITE_STATIC);
      if (g_rand_int_range (rand, 0, 4) == 0)
        sqlite3_bind_text (stmt, 6, PICK (rand, notes), -1, SQLITE_STATIC);
      step (database, stmt);

      insert_channel (database, CONTACT_CHANNEL_SQL, k, "phone", "Mobil", phone, 0);
      insert_channel (database, CONTACT_CHANNEL_SQL, k, "email", NULL, email, 1);
    }

  g_assert_true (lanka_directory_reindex (database, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_database_commit (database, &error));
  g_assert_no_error (error);
}

/* One keystroke as the directory part sees it: the query, then the rows
 * the list shows on screen.
 */
static double
keystroke (LankaAgencyList *list,
           const char      *text)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n;

  lanka_agency_list_set_query (list, text, NULL, &error);
  g_assert_no_error (error);

  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), ROWS_SHOWN);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaAgency) agency = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (lanka_agency_get_name (agency));
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
type_sequence (LankaAgencyList    *list,
               const char * const *texts,
               BenchRun           *run,
               const char         *metric)
{
  for (guint round = 0; round < ROUNDS; round++)
    for (guint i = 0; texts[i] != NULL; i++)
      {
        double ms = keystroke (list, texts[i]);

        bench_run_add (run, metric, ms);
        bench_run_add (run, "directory-keystroke", ms);
      }
}

/* Typing @word letter by letter, @ROUNDS times. */
static void
type_word (LankaAgencyList *list,
           const char      *word,
           BenchRun        *run,
           const char      *metric)
{
  g_auto(GStrv) prefixes = bench_prefixes (word);

  type_sequence (list, (const char * const *)prefixes, run, metric);
}

/**
 * bench_directory_read:
 * @database: a database with a generated directory
 * @run: where the samples go
 *
 * Searching the directory as a coordinator does ("directory-keystroke"),
 * the count beside the search, the whole list scrolled a screenful at a
 * time, agencies opened.
 */
void
bench_directory_read (LankaDatabase *database,
                      BenchRun      *run)
{
  static const char * const phone[] = { "0", "07", "070", "0701", NULL };
  static const char * const swedish[] = { "m", "mä", "män", "männ", NULL };
  static const char * const texts[] = {
    "k", "kvinnojouren", "0", "070", "m", "män", "lindström", "västra götaland", NULL,
  };
  g_autoptr(LankaAgencyList) list = lanka_agency_list_new (database);
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED + 3);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) uuids = NULL;
  guint n_items;
  guint n;

  type_word (list, "kvinnojouren gävle", run, "directory-keystroke-agency-name");
  type_sequence (list, phone, run, "directory-keystroke-phone");
  type_sequence (list, swedish, run, "directory-keystroke-swedish-word");
  type_word (list, "lindström", run, "directory-keystroke-contact-surname");
  type_word (list, "västra götaland", run, "directory-keystroke-county");

  for (guint round = 0; round < ROUNDS * 4; round++)
    bench_run_add (run, "directory-list-unfiltered", keystroke (list, NULL));

  /* Scrolling the whole list from top to bottom: each step brings a
   * screenful of new rows, which must be ready within a frame.
   */
  keystroke (list, NULL);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint first = 0; first < n_items; first += ROWS_SHOWN)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = first; i < MIN (first + ROWS_SHOWN, n_items); i++)
        {
          g_autoptr(LankaAgency) agency = g_list_model_get_item (G_LIST_MODEL (list), i);

          g_assert_nonnull (lanka_agency_get_name (agency));
        }

      bench_run_add (run, "directory-scroll-screenful", (g_get_monotonic_time () - start) / 1000.0);
    }

  /* The count beside the search field, for the same texts. */
  for (guint round = 0; round < ROUNDS; round++)
    for (guint i = 0; texts[i] != NULL; i++)
      {
        guint count;
        double ms;

        BENCH_TIME (ms, lanka_directory_count (database, texts[i], NULL, &count, &error));
        g_assert_no_error (error);
        bench_run_add (run, "directory-count", ms);
      }

  /* Opening an agency's page. */
  uuids = lanka_directory_search (database, NULL, NULL, 0, 0, &error);
  g_assert_no_error (error);
  n = g_strv_length (uuids);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(LankaAgency) agency = NULL;
      double ms;

      BENCH_TIME (ms, agency = lanka_directory_get_agency (database,
                                                           uuids[g_rand_int_range (rand, 0, n)],
                                                           &error));
      g_assert_no_error (error);
      bench_run_add (run, "directory-open-agency", ms);
    }
}
