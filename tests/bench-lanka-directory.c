/* bench-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long a search keystroke takes in a large directory: the list model
 * runs its query and the view reads the rows it shows.  The directory is
 * generated (always the same one: a fixed seed) into a fresh encrypted
 * database with the settings Länka runs with, memory security included.
 *
 *   bench-directory [N_AGENCIES]     (default 10 000; 5 contact persons each)
 *
 * One line per metric, "name size p50 p95 unit", then the same as JSON on
 * the last line.  It reports; it does not judge.
 */

#include "config.h"

#include "lanka-agency-list.h"
#include "lanka-database-private.h"
#include "lanka-directory.h"
#include "lanka-key.h"
#include "lanka-bench.h"
#include "lanka-test-util.h"
#include "lanka-validate.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_AGENCIES     10000
#define CONTACTS_PER_AGENCY  5
#define ROUNDS               5
#define ROWS_SHOWN           30
#define SEED                 20261129

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

/* Straight into the tables, then indexed the way the store indexes: the
 * time goes to the benchmark, not to building its data.
 */
static void
generate (LankaDatabase *database,
          guint          n_agencies)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GError) error = NULL;
  guint n_contacts = n_agencies * CONTACTS_PER_AGENCY;

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

/* Typing @word letter by letter, @ROUNDS times. */
static void
type_word (LankaAgencyList *list,
           const char      *word,
           GArray          *samples,
           GArray          *all)
{
  for (guint round = 0; round < ROUNDS; round++)
    for (const char *p = word; *p != '\0';)
      {
        g_autofree char *prefix = NULL;
        double ms;

        p = g_utf8_next_char (p);
        prefix = g_strndup (word, p - word);
        ms = keystroke (list, prefix);
        g_array_append_val (samples, ms);
        g_array_append_val (all, ms);
      }
}

static void
type_sequence (LankaAgencyList    *list,
               const char * const *texts,
               GArray             *samples,
               GArray             *all)
{
  for (guint round = 0; round < ROUNDS; round++)
    for (guint i = 0; texts[i] != NULL; i++)
      {
        double ms = keystroke (list, texts[i]);

        g_array_append_val (samples, ms);
        g_array_append_val (all, ms);
      }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const phone[] = { "0", "07", "070", "0701", NULL };
  static const char * const swedish[] = { "m", "mä", "män", "männ", NULL };
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaAgencyList) list = NULL;
  g_autoptr(LankaBench) bench = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_agencies = DEFAULT_AGENCIES;
  gint64 start;

  if (argc > 1)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[1], 10, 1, 1000000, &n, NULL))
        {
          g_printerr ("Usage: %s [N_AGENCIES]\n", argv[0]);
          return EXIT_FAILURE;
        }
      n_agencies = n;
    }

  bench = lanka_bench_new ("directory", n_agencies);
  lanka_bench_add_count (bench, "agencies", n_agencies);
  lanka_bench_add_count (bench, "contacts", (gint64) n_agencies * CONTACTS_PER_AGENCY);

  dir = lanka_test_make_data_dir ();
  path = g_build_filename (dir, "lanka.db", NULL);
  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  generate (database, n_agencies);
  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
    double s = (g_get_monotonic_time () - start) / 1e6;

    g_array_append_val (samples, s);
    lanka_bench_report (bench, "generate-and-index", samples, "s");
  }

  list = lanka_agency_list_new (database);

#define SEQUENCE(name, call) \
  G_STMT_START { \
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double)); \
    call; \
    lanka_bench_report (bench, name, samples, "ms"); \
  } G_STMT_END

  SEQUENCE ("keystroke-agency-name", type_word (list, "kvinnojouren gävle", samples, all));
  SEQUENCE ("keystroke-phone", type_sequence (list, phone, samples, all));
  SEQUENCE ("keystroke-swedish-word", type_sequence (list, swedish, samples, all));
  SEQUENCE ("keystroke-contact-surname", type_word (list, "lindström", samples, all));
  SEQUENCE ("keystroke-county", type_word (list, "västra götaland", samples, all));

  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint round = 0; round < ROUNDS * 4; round++)
      {
        double ms = keystroke (list, NULL);

        g_array_append_val (samples, ms);
      }
    lanka_bench_report (bench, "list-unfiltered", samples, "ms");
  }

  /* Scrolling the whole list from top to bottom: each step brings a
   * screenful of new rows, which must be ready within a frame.
   */
  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
    guint n_items;

    keystroke (list, NULL);
    n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

    for (guint first = 0; first < n_items; first += ROWS_SHOWN)
      {
        gint64 t = g_get_monotonic_time ();
        double ms;

        for (guint i = first; i < MIN (first + ROWS_SHOWN, n_items); i++)
          {
            g_autoptr(LankaAgency) agency = g_list_model_get_item (G_LIST_MODEL (list), i);

            g_assert_nonnull (lanka_agency_get_name (agency));
          }

        ms = (g_get_monotonic_time () - t) / 1000.0;
        g_array_append_val (samples, ms);
      }

    lanka_bench_report (bench, "scroll-screenful", samples, "ms");
  }

  lanka_bench_report (bench, "keystroke", all, "ms");

  /* The count beside the search field, for the same texts. */
  {
    static const char * const texts[] = {
      "k", "kvinnojouren", "0", "070", "m", "män", "lindström", "västra götaland", NULL,
    };
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint round = 0; round < ROUNDS; round++)
      for (guint i = 0; texts[i] != NULL; i++)
        {
          gint64 t = g_get_monotonic_time ();
          guint count;
          double ms;

          lanka_directory_count (database, texts[i], NULL, &count, &error);
          g_assert_no_error (error);
          ms = (g_get_monotonic_time () - t) / 1000.0;
          g_array_append_val (samples, ms);
        }
    lanka_bench_report (bench, "count", samples, "ms");
  }

  /* Opening an agency's page. */
  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
    g_auto(GStrv) uuids = lanka_directory_search (database, NULL, NULL, 0, 0, &error);
    guint n = g_strv_length (uuids);

    g_assert_no_error (error);
    for (guint i = 0; i < 200; i++)
      {
        g_autoptr(LankaAgency) agency = NULL;
        gint64 t = g_get_monotonic_time ();
        double ms;

        agency = lanka_directory_get_agency (database, uuids[g_rand_int_range (rand, 0, n)],
                                             &error);
        g_assert_no_error (error);
        ms = (g_get_monotonic_time () - t) / 1000.0;
        g_array_append_val (samples, ms);
      }
    lanka_bench_report (bench, "get-agency", samples, "ms");
  }

#undef SEQUENCE

  lanka_bench_print_json (bench);

  g_clear_object (&list);
  lanka_database_close (database);
  g_clear_object (&database);
  lanka_test_remove_tree (dir);

  return EXIT_SUCCESS;
}
