/* test-store-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-agency-list.h"
#include "lanka-agency.h"
#include "lanka-database-private.h"
#include "lanka-directory-seed.h"
#include "lanka-directory.h"
#include "lanka-iso-codes.h"
#include "lanka-vocabulary.h"
#include "lanka-key.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"
#include "lanka-validate.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

/* The people and numbers below are made up for the tests; only the seed's
 * own public numbers are real.
 */

typedef struct
{
  char          *dir;
  LankaDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = lanka_test_make_data_dir ();
  path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
query_int (LankaDatabase *database,
           const char    *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 value;

  stmt = _lanka_database_prepare (database, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static LankaAgency *
add_agency (LankaDatabase *database,
            const char    *name,
            const char    *type)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, type);
  lanka_directory_add_agency (database, agency, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lanka_agency_get_uuid (agency));

  return g_steal_pointer (&agency);
}

static LankaAgencyContact *
add_contact (LankaDatabase *database,
             LankaAgency   *agency,
             const char    *name,
             const char    *role,
             const char    *phone)
{
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_contact_set_name (contact, name);
  lanka_agency_contact_set_role (contact, role);
  if (phone != NULL)
    lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_PHONE, "Mobil", phone);
  lanka_directory_add_contact (database, lanka_agency_get_uuid (agency), contact, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&contact);
}

static guint
search_count (LankaDatabase              *database,
              const char                 *text,
              const LankaDirectoryFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;
  guint count = G_MAXUINT;

  found = lanka_directory_search (database, text, filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  /* The count a list model asks for must agree with the rows it gets. */
  lanka_directory_count (database, text, filter, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, g_strv_length (found));

  return count;
}

static gboolean
search_finds (LankaDatabase *database,
              const char    *text,
              LankaAgency   *agency)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;

  found = lanka_directory_search (database, text, NULL, 0, 0, &error);
  g_assert_no_error (error);

  return g_strv_contains ((const char * const *)found, lanka_agency_get_uuid (agency));
}

static void
test_agency_round_trip (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(LankaAgency) read = NULL;
  g_autoptr(GError) error = NULL;
  const char * const counties[] = { "21", "01", "21", NULL };
  const char * const support[] = { "protected_housing", "psychosocial", NULL };
  const char * const accepts[] = { "women", "children", NULL };
  const char * const languages[] = { "sv", "en", "ro", NULL };
  GPtrArray *channels;
  const LankaChannel *channel;

  g_object_set (agency,
                "name", "Skyddat boende Näktergalen",
                "unit", "Mottagningen",
                "agency-type", "shelter",
                "nmt", FALSE,
                "national", FALSE,
                "organisation-number", "202100-0076",
                "opening-hours", "Vardagar 8–17",
                "out-of-hours", "Jourtelefonen",
                "limits", "Tar inte emot män",
                "notes", "Kräver placering från socialtjänsten",
                "verified-on", "2026-11-01",
                "source", "Telefonsamtal",
                NULL);
  lanka_agency_set_counties (agency, counties);
  lanka_agency_set_support (agency, support);
  lanka_agency_set_accepts (agency, accepts);
  lanka_agency_set_languages (agency, languages);
  lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, "Växel", "026-10 20 30");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_EMAIL, NULL, "Info@Example.se");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_WEB, "", "www.example.se");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_ADDRESS, "Post", "Box 1, 801 00 Gävle");

  g_assert_true (lanka_directory_add_agency (fixture->database, agency, &error));
  g_assert_no_error (error);
  g_assert_nonnull (lanka_agency_get_uuid (agency));
  g_assert_cmpint (lanka_agency_get_created (agency), >, 0);

  read = lanka_directory_get_agency (fixture->database, lanka_agency_get_uuid (agency), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_name (read), ==, "Skyddat boende Näktergalen");
  g_assert_cmpstr (lanka_agency_get_unit (read), ==, "Mottagningen");
  g_assert_cmpstr (lanka_agency_get_agency_type (read), ==, "shelter");
  g_assert_cmpstr (lanka_agency_get_organisation_number (read), ==, "202100-0076");
  g_assert_cmpstr (lanka_agency_get_opening_hours (read), ==, "Vardagar 8–17");
  g_assert_cmpstr (lanka_agency_get_out_of_hours (read), ==, "Jourtelefonen");
  g_assert_cmpstr (lanka_agency_get_limits (read), ==, "Tar inte emot män");
  g_assert_cmpstr (lanka_agency_get_notes (read), ==, "Kräver placering från socialtjänsten");
  g_assert_cmpstr (lanka_agency_get_verified_on (read), ==, "2026-11-01");
  g_assert_cmpstr (lanka_agency_get_source (read), ==, "Telefonsamtal");
  g_assert_false (lanka_agency_get_national (read));
  g_assert_cmpint (lanka_agency_get_created (read), ==, lanka_agency_get_created (agency));

  /* Codes are sets: duplicates gone, sorted. */
  g_assert_cmpstrv (lanka_agency_get_counties (read), ((const char * const[]) { "01", "21", NULL }));
  g_assert_cmpstrv (lanka_agency_get_support (read), support);
  g_assert_cmpstrv (lanka_agency_get_accepts (read),
                    ((const char * const[]) { "children", "women", NULL }));
  g_assert_cmpstrv (lanka_agency_get_languages (read),
                    ((const char * const[]) { "en", "ro", "sv", NULL }));

  channels = lanka_agency_get_channels (read);
  g_assert_cmpuint (channels->len, ==, 4);
  channel = g_ptr_array_index (channels, 0);
  g_assert_cmpint (channel->kind, ==, LANKA_CHANNEL_PHONE);
  g_assert_cmpstr (channel->label, ==, "Växel");
  g_assert_cmpstr (channel->value, ==, "026-10 20 30");
  channel = g_ptr_array_index (channels, 2);
  g_assert_null (channel->label);
  channel = g_ptr_array_index (channels, 3);
  g_assert_cmpstr (channel->value, ==, "Box 1, 801 00 Gävle");

  /* Shown as written, matched in normal form. */
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM agency_channel "
                              "WHERE normalized = '+4626102030'"), ==, 1);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM agency_channel "
                              "WHERE normalized = 'info@example.se'"), ==, 1);

  /* An update replaces the lists and the channels. */
  lanka_agency_set_name (read, "Skyddat boende Trasten");
  lanka_agency_set_counties (read, NULL);
  lanka_agency_set_national (read, TRUE);
  lanka_agency_clear_channels (read);
  lanka_agency_add_channel (read, LANKA_CHANNEL_PHONE, NULL, "+44 20 7946 0000");
  g_assert_true (lanka_directory_update_agency (fixture->database, read, &error));
  g_assert_no_error (error);

  g_clear_object (&agency);
  agency = lanka_directory_get_agency (fixture->database, lanka_agency_get_uuid (read), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_name (agency), ==, "Skyddat boende Trasten");
  g_assert_true (lanka_agency_get_national (agency));
  g_assert_cmpstrv (lanka_agency_get_counties (agency), ((const char * const[]) { NULL }));
  g_assert_cmpuint (lanka_agency_get_channels (agency)->len, ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency_county"), ==, 0);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM agency_channel "
                              "WHERE normalized = '+442079460000'"), ==, 1);

  /* The index follows: the old name is gone, the new one found. */
  g_assert_false (search_finds (fixture->database, "Näktergalen", agency));
  g_assert_true (search_finds (fixture->database, "Trasten", agency));
}

static void
test_agency_invalid (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (lanka_directory_add_agency (fixture->database, agency, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  lanka_agency_set_name (agency, "Kommunen");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, NULL, "ring mig");
  g_assert_false (lanka_directory_add_agency (fixture->database, agency, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  lanka_agency_clear_channels (agency);
  lanka_agency_set_organisation_number (agency, "202100-0077");
  g_assert_false (lanka_directory_add_agency (fixture->database, agency, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing half-written. */
  g_assert_null (lanka_agency_get_uuid (agency));
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency_channel"), ==, 0);

  g_assert_null (lanka_directory_get_agency (fixture->database, "no-such-uuid", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

typedef struct
{
  char *field;
  char *old_value;
  char *new_value;
  char *user;
} HistoryRow;

static void
history_row_free (HistoryRow *row)
{
  g_free (row->field);
  g_free (row->old_value);
  g_free (row->new_value);
  g_free (row->user);
  g_free (row);
}

static GPtrArray *
read_history (LankaDatabase *database,
              const char    *uuid)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)history_row_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = _lanka_database_prepare (database,
                                  "SELECT field, old_value, new_value, user FROM record_history "
                                  "WHERE table_name = 'agency_contact' AND record_uuid = ?1 "
                                  "ORDER BY id",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HistoryRow *row = g_new0 (HistoryRow, 1);

      row->field = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      row->old_value = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      row->new_value = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      row->user = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&rows);
}

static void
test_contact_history (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_agency (fixture->database, "Socialtjänsten", "social_services");
  g_autoptr(LankaAgencyContact) contact = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  HistoryRow *row;
  LankaAgencyContact *read;

  contact = add_contact (fixture->database, agency, "Kerstin Exempel", "Socialsekreterare",
                         "070-111 22 33");
  g_assert_nonnull (lanka_agency_contact_get_uuid (contact));
  g_assert_cmpstr (lanka_agency_contact_get_agency_uuid (contact), ==,
                   lanka_agency_get_uuid (agency));

  /* The first values are history too: who entered the person, and when. */
  history = read_history (fixture->database, lanka_agency_contact_get_uuid (contact));
  g_assert_cmpuint (history->len, ==, 3);
  row = g_ptr_array_index (history, 0);
  g_assert_cmpstr (row->field, ==, "name");
  g_assert_null (row->old_value);
  g_assert_cmpstr (row->new_value, ==, "Kerstin Exempel");
  g_assert_cmpstr (row->user, ==, g_get_user_name ());
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Two fields change; the note and the role stay. */
  lanka_agency_contact_set_name (contact, "Kerstin Prov");
  lanka_agency_contact_clear_channels (contact);
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_PHONE, "Mobil", "070-444 55 66");
  g_assert_true (lanka_directory_update_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  history = read_history (fixture->database, lanka_agency_contact_get_uuid (contact));
  g_assert_cmpuint (history->len, ==, 5);
  row = g_ptr_array_index (history, 3);
  g_assert_cmpstr (row->field, ==, "name");
  g_assert_cmpstr (row->old_value, ==, "Kerstin Exempel");
  g_assert_cmpstr (row->new_value, ==, "Kerstin Prov");
  g_assert_cmpstr (row->user, ==, g_get_user_name ());
  row = g_ptr_array_index (history, 4);
  g_assert_cmpstr (row->field, ==, "phones");
  g_assert_cmpstr (row->old_value, ==, "Mobil: 070-111 22 33");
  g_assert_cmpstr (row->new_value, ==, "Mobil: 070-444 55 66");
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Saving without a change writes nothing. */
  g_assert_true (lanka_directory_update_contact (fixture->database, contact, &error));
  g_assert_no_error (error);
  history = read_history (fixture->database, lanka_agency_contact_get_uuid (contact));
  g_assert_cmpuint (history->len, ==, 5);

  contacts = lanka_directory_list_contacts (fixture->database, lanka_agency_get_uuid (agency),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  read = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (lanka_agency_contact_get_name (read), ==, "Kerstin Prov");
  g_assert_cmpstr (lanka_agency_contact_get_role (read), ==, "Socialsekreterare");
  g_assert_cmpuint (lanka_agency_contact_get_channels (read)->len, ==, 1);

  /* The old number no longer finds the agency, the new one does. */
  g_assert_false (search_finds (fixture->database, "0701112233", agency));
  g_assert_true (search_finds (fixture->database, "0704445566", agency));

  /* Deleting the person deletes their history. */
  g_assert_true (lanka_directory_delete_contact (fixture->database,
                                                 lanka_agency_contact_get_uuid (contact),
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM record_history"), ==, 0);
  g_assert_false (search_finds (fixture->database, "Kerstin", agency));
}

static void
test_agency_delete_cascades (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_agency (fixture->database, "Mottagningen", "social_services");
  g_autoptr(LankaAgency) other = add_agency (fixture->database, "Kvinnojouren", "shelter");
  g_autoptr(LankaAgencyContact) first = NULL;
  g_autoptr(LankaAgencyContact) second = NULL;
  g_autoptr(LankaAgencyContact) kept = NULL;
  g_autoptr(GError) error = NULL;

  first = add_contact (fixture->database, agency, "Anna Exempel", "Kurator", "070-100 00 01");
  second = add_contact (fixture->database, agency, "Bo Exempel", "Chef", "070-100 00 02");
  kept = add_contact (fixture->database, other, "Cilla Exempel", "Jour", "070-100 00 03");
  lanka_agency_contact_set_role (first, "Enhetschef");
  g_assert_true (lanka_directory_update_contact (fixture->database, first, &error));
  g_assert_no_error (error);

  g_assert_true (lanka_directory_delete_agency (fixture->database,
                                                lanka_agency_get_uuid (agency), &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency_contact"), ==, 1);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM agency_contact_channel"), ==, 1);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(DISTINCT record_uuid) FROM record_history"), ==, 1);
  g_assert_false (search_finds (fixture->database, "Mottagningen", agency));
  g_assert_false (search_finds (fixture->database, "0701000001", agency));
  g_assert_true (search_finds (fixture->database, "Cilla", other));

  g_assert_false (lanka_directory_delete_agency (fixture->database,
                                                 lanka_agency_get_uuid (agency), &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_search_phone (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(LankaAgency) other = NULL;
  g_autoptr(GError) error = NULL;
  const char * const found[] = {
    "020-39 00 00", "0203900", "020 39", "2039", "+46203900", "46 20 39", "020390000",
  };
  const char * const not_found[] = { "0203901", "+47203900", "2040", "0709" };

  lanka_agency_set_name (agency, "Stödtelefonen");
  lanka_agency_set_agency_type (agency, "national_coordination");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, NULL, "020-39 00 00");
  lanka_directory_add_agency (fixture->database, agency, &error);
  g_assert_no_error (error);

  other = add_agency (fixture->database, "Jouren", "shelter");
  g_object_unref (add_contact (fixture->database, other, "Dan Exempel", NULL, "0709-12 34 56"));

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_test_message ("Searching for %s", found[i]);
      g_assert_true (search_finds (fixture->database, found[i], agency));
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
    {
      g_test_message ("Searching for %s", not_found[i]);
      g_assert_false (search_finds (fixture->database, not_found[i], agency));
    }

  /* A contact person's number finds their agency, in every form. */
  g_assert_true (search_finds (fixture->database, "0709", other));
  g_assert_true (search_finds (fixture->database, "+46 709 12", other));
  g_assert_true (search_finds (fixture->database, "70912", other));
}

static void
test_search_words (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaAgency) gavle = add_agency (fixture->database, "Kommunen i Gävle", "social_services");
  g_autoptr(LankaAgency) plain = add_agency (fixture->database, "Gavle Consulting", "other");
  g_autoptr(LankaAgency) orebro = add_agency (fixture->database, "Örebro kommun", "social_services");
  g_autoptr(LankaAgency) platform = add_agency (fixture->database,
                                                "Plattformen Civila Sverige mot människohandel",
                                                "ngo");
  g_autoptr(LankaAgency) board = add_agency (fixture->database, "Länsstyrelsen i Gävleborgs län",
                                             "county_board");
  g_autoptr(LankaAgency) region = add_agency (fixture->database, "Regionen", "health");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;

  /* Prefixes of words, any case, several words all required. */
  g_assert_true (search_finds (fixture->database, "männ", platform));
  g_assert_true (search_finds (fixture->database, "MÄNNISKO", platform));
  g_assert_true (search_finds (fixture->database, "civ sver", platform));
  g_assert_false (search_finds (fixture->database, "civ norge", platform));
  g_assert_true (search_finds (fixture->database, "läns", board));
  g_assert_true (search_finds (fixture->database, "gävleb", board));

  /* å, ä and ö are letters of their own in Swedish, not a with marks. */
  g_assert_true (search_finds (fixture->database, "Gävle", gavle));
  g_assert_false (search_finds (fixture->database, "Gävle", plain));
  g_assert_true (search_finds (fixture->database, "Gavle", plain));
  g_assert_false (search_finds (fixture->database, "Gavle", gavle));
  g_assert_false (search_finds (fixture->database, "Gavle", board));
  g_assert_true (search_finds (fixture->database, "örebro", orebro));
  g_assert_false (search_finds (fixture->database, "orebro", orebro));
  g_assert_false (search_finds (fixture->database, "lans", board));

  /* Types and what agencies help with are found by their labels. */
  g_assert_true (search_finds (fixture->database, "county administrative", board));
  g_assert_true (search_finds (fixture->database, "health care", region));

  /* Contact persons by name and role. */
  g_object_unref (add_contact (fixture->database, region, "Ebba Exempelsson", "Regionkoordinator",
                               NULL));
  g_assert_true (search_finds (fixture->database, "exempels", region));
  g_assert_true (search_finds (fixture->database, "regionkoord", region));
  g_assert_true (search_finds (fixture->database, "ebba region", region));

  /* Query syntax is only ever text. */
  found = lanka_directory_search (fixture->database, "\"män* OR NEAR(", NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_clear_pointer (&found, g_strfreev);

  /* The name hit ranks above a hit in a note, though "Kommunen" comes
   * first by name.
   */
  lanka_agency_set_notes (gavle, "Samarbetar med Plattformen");
  lanka_directory_update_agency (fixture->database, gavle, &error);
  g_assert_no_error (error);
  found = lanka_directory_search (fixture->database, "plattformen", NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 2);
  g_assert_cmpstr (found[0], ==, lanka_agency_get_uuid (platform));
}

static GBytes *
load_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (TEST_DIRECTORY_SEED, FALSE, &error);

  g_assert_no_error (error);

  return g_mapped_file_get_bytes (file);
}

static guint
seed_length (GBytes *seed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (seed, &length);

  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);

  return json_array_get_length (json_object_get_array_member (
                                  json_node_get_object (json_parser_get_root (parser)),
                                  "agencies"));
}

static void
apply_seed (LankaDatabase   *database,
            GBytes          *seed,
            LankaSeedReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_directory_seed_apply (database, seed, report, &error));
  g_assert_no_error (error);
}

static void
test_search_filters (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) seed = load_seed ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) page = NULL;
  g_auto(GStrv) next = NULL;
  LankaDirectoryFilter filter = { NULL };
  guint national;

  apply_seed (fixture->database, seed, NULL);
  national = query_int (fixture->database, "SELECT count(*) FROM agency WHERE national = 1");
  g_assert_cmpuint (national, >, 0);

  filter.agency_type = "county_board";
  g_assert_cmpuint (search_count (fixture->database, NULL, &filter), ==, 21);
  g_assert_cmpuint (search_count (fixture->database, "gävleborg", &filter), ==, 1);

  /* A county means the agencies that serve it, national ones included. */
  filter.county = "21";
  g_assert_cmpuint (search_count (fixture->database, NULL, &filter), ==, 1);
  filter.agency_type = NULL;
  g_assert_cmpuint (search_count (fixture->database, NULL, &filter), ==, 1 + national);
  g_assert_cmpuint (search_count (fixture->database, "läns", &filter), ==, 1);

  filter.county = NULL;
  filter.helps = "return";
  g_assert_cmpuint (search_count (fixture->database, NULL, &filter), ==, 1);
  g_assert_cmpuint (search_count (fixture->database, "iom", &filter), ==, 1);
  filter.helps = "ForcedLabour";
  g_assert_cmpuint (search_count (fixture->database, NULL, &filter), >=, 2);

  filter.helps = NULL;
  filter.nmt_only = TRUE;
  g_assert_cmpuint (search_count (fixture->database, NULL, &filter),
                    ==, query_int (fixture->database, "SELECT count(*) FROM agency WHERE nmt"));
  g_assert_cmpuint (search_count (fixture->database, "plattformen", &filter), ==, 0);

  /* Without text the list is by name, in pages. */
  page = lanka_directory_search (fixture->database, NULL, NULL, 5, 0, &error);
  g_assert_no_error (error);
  next = lanka_directory_search (fixture->database, NULL, NULL, 5, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (page), ==, 5);
  g_assert_cmpuint (g_strv_length (next), ==, 5);
  g_assert_false (g_strv_contains ((const char * const *)page, next[0]));
}

static void
test_seed_apply (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GBytes) seed = load_seed ();
  g_autoptr(LankaAgency) line = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_auto(GStrv) found = NULL;
  LankaSeedReport report;
  guint n = seed_length (seed);

  g_assert_cmpuint (n, ==, 30);

  apply_seed (fixture->database, seed, &report);
  g_assert_cmpuint (report.added, ==, n);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.kept, ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, n);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM agency WHERE type = 'county_board'"), ==, 21);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(DISTINCT county) FROM agency_county"), ==, 21);

  /* The NMT support line is found by its number. */
  found = lanka_directory_search (fixture->database, "020-39", NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  line = lanka_directory_get_agency (fixture->database, found[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_name (line), ==, "Jämställdhetsmyndigheten");
  g_assert_true (lanka_agency_get_nmt (line));

  /* Applied again, at the next opening, it is known and skipped. */
  apply_seed (fixture->database, seed, &report);
  g_assert_true (report.unchanged);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, n);

  /* Merged again all the same, it finds everything up to date. */
  g_assert_true (_lanka_database_exec (fixture->database,
                                       "DELETE FROM meta WHERE key = 'directory-seed-hash'",
                                       &error));
  g_assert_no_error (error);
  apply_seed (fixture->database, seed, &report);
  g_assert_false (report.unchanged);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.kept, ==, n);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, n);

  /* A backup copy carries the search index along and passes its checks. */
  copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_assert_true (lanka_database_export (fixture->database, copy, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_database_verify_copy (fixture->database, copy, &error));
  g_assert_no_error (error);
}

static char *
agency_uuid_by_seed_key (LankaDatabase *database,
                         const char    *key)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  char *uuid;

  stmt = _lanka_database_prepare (database, "SELECT uuid FROM agency WHERE seed_key = ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return uuid;
}

/* The seed with a new note on two agencies, as a later release might ship. */
static GBytes *
changed_seed (GBytes *seed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  const char *data;
  JsonArray *agencies;
  gsize length;
  char *text;

  data = g_bytes_get_data (seed, &length);
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);

  agencies = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "agencies");

  for (guint i = 0; i < json_array_get_length (agencies); i++)
    {
      JsonObject *agency = json_array_get_object_element (agencies, i);
      const char *key = json_object_get_string_member (agency, "key");

      if (g_str_equal (key, "polismyndigheten") || g_str_equal (key, "skatteverket"))
        json_object_set_string_member (agency, "notes", "Ny uppgift från en senare version.");
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

static void
test_seed_keeps_edits (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GBytes) seed = load_seed ();
  g_autoptr(GBytes) update = changed_seed (seed);
  g_autoptr(LankaAgency) police = NULL;
  g_autoptr(LankaAgency) tax = NULL;
  g_autoptr(LankaAgencyContact) contact = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *police_uuid = NULL;
  g_autofree char *tax_uuid = NULL;
  LankaSeedReport report;
  guint n = seed_length (seed);

  apply_seed (fixture->database, seed, NULL);
  police_uuid = agency_uuid_by_seed_key (fixture->database, "polismyndigheten");
  tax_uuid = agency_uuid_by_seed_key (fixture->database, "skatteverket");

  /* The caseworker adds the local unit's details to the police. */
  police = lanka_directory_get_agency (fixture->database, police_uuid, &error);
  g_assert_no_error (error);
  lanka_agency_set_notes (police, "Människohandelsgruppen nås via växeln.");
  lanka_directory_update_agency (fixture->database, police, &error);
  g_assert_no_error (error);
  g_clear_object (&police);

  /* A contact person is not a seed value: adding one is no edit. */
  tax = lanka_directory_get_agency (fixture->database, tax_uuid, &error);
  g_assert_no_error (error);
  contact = add_contact (fixture->database, tax, "Fia Exempel", "Handläggare", NULL);
  g_clear_object (&tax);

  apply_seed (fixture->database, update, &report);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.kept, ==, n - 1);

  police = lanka_directory_get_agency (fixture->database, police_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_notes (police), ==, "Människohandelsgruppen nås via växeln.");

  tax = lanka_directory_get_agency (fixture->database, tax_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_notes (tax), ==, "Ny uppgift från en senare version.");
  contacts = lanka_directory_list_contacts (fixture->database, tax_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);

  /* Applying the same update again changes nothing more, whether it is
   * skipped as known or merged once more.
   */
  apply_seed (fixture->database, update, &report);
  g_assert_true (report.unchanged);
  g_assert_true (_lanka_database_exec (fixture->database,
                                       "DELETE FROM meta WHERE key = 'directory-seed-hash'",
                                       &error));
  g_assert_no_error (error);
  apply_seed (fixture->database, update, &report);
  g_assert_false (report.unchanged);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.kept, ==, n);
  g_assert_cmpstr (lanka_agency_get_notes (police), ==, "Människohandelsgruppen nås via växeln.");

  /* A damaged seed changes nothing at all. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("{\"format\": 1, \"agencies\": [{]", 31);

    g_assert_false (lanka_directory_seed_apply (fixture->database, junk, &report, &error));
    g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
    g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, n);
  }
}

static void
test_validate_phone (void)
{
  const struct {
    const char *input;
    const char *normalized;
  } vectors[] = {
    { "070-123 45 67", "+46701234567" },
    { "0701234567", "+46701234567" },
    { "08-123 456 78", "+46812345678" },
    { "(08) 12 34 56", "+468123456" },
    { "020-39 00 00", "+4620390000" },
    { "+46 70 123 45 67", "+46701234567" },
    { "0046 70 123 45 67", "+46701234567" },
    { "+44 20 7946 0000", "+442079460000" },
    { "+1 (212) 555-0100", "+12125550100" },
    { "112", "112" },
    { "114 14", "11414" },
    { "1177", "1177" },
  };
  const char * const invalid[] = {
    "", "abc", "070-123 45 67 ring", "12", "0701", "07012345678901", "+46", "+0701234567",
    "+1234567890123456", "070+1234567",
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = lanka_phone_normalize (vectors[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, vectors[i].normalized);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = lanka_phone_normalize (invalid[i], &error);

      g_test_message ("Invalid: “%s”", invalid[i]);
      g_assert_null (normalized);
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_validate_email_web (void)
{
  const char * const emails[] = {
    "namn@kommun.se", "förnamn.efternamn@örebro.se", "a+b@example.co.uk", "X@Y.SE",
  };
  const char * const bad_emails[] = {
    "", "namn", "@kommun.se", "namn@", "namn@kommun", "na mn@kommun.se", "a@b@c.se",
    "namn@-kommun.se", "namn@kommun..se", ".namn@kommun.se", "namn.@kommun.se", "namn@kommun.s",
  };
  const char * const webs[] = {
    "www.polisen.se", "https://polisen.se", "http://example.se/sida?a=1", "https://www.iom.int",
  };
  const char * const bad_webs[] = {
    "", "polisen", "ftp://polisen.se", "https://", "www polisen se", "mailto:namn@kommun.se",
  };

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lanka_email_validate (emails[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("Invalid e-mail: “%s”", bad_emails[i]);
      g_assert_false (lanka_email_validate (bad_emails[i], &error));
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
    }

  for (guint i = 0; i < G_N_ELEMENTS (webs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lanka_web_address_validate (webs[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_webs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("Invalid web address: “%s”", bad_webs[i]);
      g_assert_false (lanka_web_address_validate (bad_webs[i], &error));
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
    }
}

static void
test_validate_organisation_number (void)
{
  /* Public numbers of two authorities, and made-up ones with a valid
   * check digit.
   */
  const char * const valid[] = { "202100-0076", "2021005448", "556000-0167", "802000-0009" };
  const char * const invalid[] = {
    "", "202100-0077", "2021000075", "202100-007", "20210000766", "2021-000076", "abcdef-ghij",
    "202100–0076",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("Valid: %s", valid[i]);
      g_assert_true (lanka_organisation_number_validate (valid[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("Invalid: “%s”", invalid[i]);
      g_assert_false (lanka_organisation_number_validate (invalid[i], &error));
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
    }
}

/* Swedish alphabetical order: å, ä, ö after z, case set aside until
 * everything else is equal.
 */
static const char * const swedish_names[] = {
  "Örebro", "Ängel", "zeta", "Åbo", "Zorn", "Älvsby", "ab", "Ac", "Zeta",
};
static const char * const swedish_order[] = {
  "ab", "Ac", "Zeta", "zeta", "Zorn", "Åbo", "Älvsby", "Ängel", "Örebro",
};

static char **
names_of (LankaDatabase      *database,
          const char * const *uuids)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; uuids[i] != NULL; i++)
    {
      g_autoptr(LankaAgency) agency = NULL;
      g_autoptr(GError) error = NULL;

      agency = lanka_directory_get_agency (database, uuids[i], &error);
      g_assert_no_error (error);
      g_strv_builder_add (names, lanka_agency_get_name (agency));
    }

  return g_strv_builder_end (names);
}

/* The lowest-level plan lines of @sql, one a line. */
static char *
query_plan (LankaDatabase *database,
            const char    *sql)
{
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_lanka_database_get_handle (database), explain, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static void
test_order_swedish (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(LankaAgencyList) list = lanka_agency_list_new (fixture->database);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (swedish_names); i++)
    {
      g_autoptr(LankaAgency) added = add_agency (fixture->database, swedish_names[i], "ngo");
    }

  found = lanka_directory_search (fixture->database, NULL, NULL, 0, 0, &error);
  g_assert_no_error (error);
  names = names_of (fixture->database, (const char * const *)found);
  g_assert_cmpstrv (names, swedish_order);

  /* The list model, page by page, agrees. */
  g_assert_true (lanka_agency_list_set_query (list, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)),
                    ==, G_N_ELEMENTS (swedish_order));
  for (guint i = 0; i < G_N_ELEMENTS (swedish_order); i++)
    {
      g_autoptr(LankaAgency) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (lanka_agency_get_name (item), ==, swedish_order[i]);
    }

  /* Many matches (more than are ranked) are by name too. */
  for (guint i = 0; i < 110; i++)
    {
      g_autofree char *name = g_strdup_printf ("Mottagning %03u", i);
      g_autoptr(LankaAgency) added = lanka_agency_new ();

      lanka_agency_set_name (added, name);
      lanka_agency_set_agency_type (added, "ngo");
      g_assert_true (lanka_directory_add_agency (fixture->database, added, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&found, g_strfreev);
  g_clear_pointer (&names, g_strfreev);
  found = lanka_directory_search (fixture->database, "ngo", NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 110 + G_N_ELEMENTS (swedish_order));
  names = names_of (fixture->database, (const char * const *)found);
  for (guint i = 0, j = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "Mottagning "))
        continue;
      g_assert_cmpstr (names[i], ==, swedish_order[j++]);
    }
  g_assert_cmpstr (names[2], ==, "Mottagning 000");
  g_assert_cmpstr (names[111], ==, "Mottagning 109");

  /* Contact persons of an agency are in the same order. */
  agency = add_agency (fixture->database, "Mottagningen", "social_services");
  for (guint i = 0; i < G_N_ELEMENTS (swedish_names); i++)
    {
      g_autoptr(LankaAgencyContact) contact = add_contact (fixture->database, agency,
                                                           swedish_names[i], NULL, NULL);
    }

  contacts = lanka_directory_list_contacts (fixture->database, lanka_agency_get_uuid (agency),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, G_N_ELEMENTS (swedish_order));
  for (guint i = 0; i < contacts->len; i++)
    g_assert_cmpstr (lanka_agency_contact_get_name (g_ptr_array_index (contacts, i)),
                     ==, swedish_order[i]);

  /* The list order is read from the name index in order: no sort.  (The
   * index is partial, trashed IS NULL, and holds the id, so the table is
   * never read either, though the plan does not say "covering".)
   */
  plan = query_plan (fixture->database,
                     "SELECT a.id FROM agency a WHERE a.trashed IS NULL "
                     "ORDER BY a.name COLLATE swedish, a.id");
  g_test_message ("%s", plan);
  g_assert_nonnull (strstr (plan, "INDEX agency_name"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
  g_clear_pointer (&plan, g_free);

  plan = query_plan (fixture->database,
                     "SELECT c.id FROM agency_contact c WHERE c.agency = 1 "
                     "ORDER BY c.name COLLATE swedish, c.id");
  g_test_message ("%s", plan);
  g_assert_null (strstr (plan, "TEMP B-TREE"));
}

typedef struct
{
  guint n_calls;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->n_calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
test_list_model (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaAgencyList) list = lanka_agency_list_new (fixture->database);
  g_autoptr(LankaAgency) first = NULL;
  g_autoptr(LankaAgency) again = NULL;
  g_autoptr(LankaAgency) added = NULL;
  g_autoptr(LankaAgency) shelter = NULL;
  g_autoptr(GError) error = NULL;
  LankaDirectoryFilter filter = { .agency_type = "shelter" };
  GListModel *model = G_LIST_MODEL (list);
  Changes changes = { 0 };
  guint n_items = G_MAXUINT;
  guint position;

  g_assert_true (g_list_model_get_item_type (model) == LANKA_TYPE_AGENCY);
  g_assert_true (lanka_agency_list_get_database (list) == fixture->database);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* 120 agencies: more than two pages. */
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Mottagning %03u", i);
      g_autoptr(LankaAgency) agency = add_agency (fixture->database, name,
                                                  i % 3 == 0 ? "shelter" : "ngo");
    }

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_assert_true (lanka_agency_list_set_query (list, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 120);
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 120);

  /* The same object for the same position, whole records, in order. */
  first = g_list_model_get_item (model, 0);
  again = g_list_model_get_item (model, 0);
  g_assert_true (first == again);
  g_assert_cmpstr (lanka_agency_get_name (first), ==, "Mottagning 000");
  g_assert_cmpstr (lanka_agency_get_agency_type (first), ==, "shelter");
  g_assert_nonnull (lanka_agency_get_counties (first));
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(LankaAgency) item = g_list_model_get_item (model, i);
      g_autofree char *name = g_strdup_printf ("Mottagning %03u", i);

      g_assert_cmpstr (lanka_agency_get_name (item), ==, name);
    }
  g_assert_null (g_list_model_get_item (model, 120));

  position = lanka_agency_list_find (list, lanka_agency_get_uuid (first));
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (lanka_agency_list_find (list, "no-such-uuid"), ==, G_MAXUINT);

  /* Text: the same agencies in the same order as a search. */
  g_assert_true (lanka_agency_list_set_query (list, "mottagning 01", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 120);
  {
    g_auto(GStrv) found = lanka_directory_search (fixture->database, "mottagning 01", NULL,
                                                  0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (changes.added, ==, g_strv_length (found));
    g_assert_cmpuint (changes.added, >, 0);
    for (guint i = 0; found[i] != NULL; i++)
      {
        g_autoptr(LankaAgency) item = g_list_model_get_item (model, i);

        g_assert_cmpstr (lanka_agency_get_uuid (item), ==, found[i]);
      }
  }

  /* A filter: one change, the whole list. */
  g_assert_true (lanka_agency_list_set_query (list, NULL, &filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 3);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, 40);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 40);
  shelter = g_list_model_get_item (model, 1);
  g_assert_cmpstr (lanka_agency_get_name (shelter), ==, "Mottagning 003");
  g_assert_cmpstr (lanka_agency_get_agency_type (shelter), ==, "shelter");
  {
    g_autoptr(LankaAgency) item = g_list_model_get_item (model, 0);

    /* A new query, new objects. */
    g_assert_false (item == first);
    g_object_unref (first);
    first = g_steal_pointer (&item);
  }
  g_assert_cmpuint (lanka_agency_list_find (list, lanka_agency_get_uuid (first)), ==, 0);
  g_assert_cmpuint (lanka_agency_list_find (list, lanka_agency_get_uuid (shelter)), ==, 1);

  /* An agency added: reload finds it, in its place by name. */
  added = lanka_agency_new ();
  lanka_agency_set_name (added, "Mottagning 000 B");
  lanka_agency_set_agency_type (added, "shelter");
  g_assert_true (lanka_directory_add_agency (fixture->database, added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lanka_agency_list_find (list, lanka_agency_get_uuid (added)), ==, G_MAXUINT);

  g_assert_true (lanka_agency_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 4);
  g_assert_cmpuint (changes.removed, ==, 40);
  g_assert_cmpuint (changes.added, ==, 41);
  g_assert_cmpuint (lanka_agency_list_find (list, lanka_agency_get_uuid (added)), ==, 1);

  /* Deleted between the query and the read: still an item, an empty one. */
  g_assert_true (lanka_directory_delete_agency (fixture->database,
                                                lanka_agency_get_uuid (shelter), &error));
  g_assert_no_error (error);
  {
    g_autoptr(LankaAgency) gone = g_list_model_get_item (model, 2);

    g_assert_nonnull (gone);
    g_assert_null (lanka_agency_get_uuid (gone));
    g_assert_null (lanka_agency_get_name (gone));
  }

  g_assert_true (lanka_agency_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 5);
  g_assert_cmpuint (changes.added, ==, 40);
  g_assert_cmpuint (lanka_agency_list_find (list, lanka_agency_get_uuid (shelter)), ==, G_MAXUINT);

  /* Renamed: the list follows the new name at the next reload. */
  lanka_agency_set_name (added, "Öppna mottagningen");
  g_assert_true (lanka_directory_update_agency (fixture->database, added, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_agency_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lanka_agency_list_find (list, lanka_agency_get_uuid (added)), ==, 39);
  {
    g_autoptr(LankaAgency) last = g_list_model_get_item (model, 39);

    g_assert_cmpstr (lanka_agency_get_name (last), ==, "Öppna mottagningen");
  }
  g_assert_cmpuint (changes.n_calls, ==, 6);

  /* Nothing found is an empty list. */
  g_assert_true (lanka_agency_list_set_query (list, "zzzz", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 7);
  g_assert_cmpuint (changes.removed, ==, 40);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));

  /* Bad text leaves the list as it was. */
  g_assert_false (lanka_agency_list_set_query (list, "\xff\xfe", NULL, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpuint (changes.n_calls, ==, 7);

  g_signal_handlers_disconnect_by_data (list, &changes);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_list_closed (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LankaAgencyList) list = lanka_agency_list_new (fixture->database);
  g_autoptr(LankaAgency) agency = add_agency (fixture->database, "Kvinnojouren", "shelter");
  g_autoptr(LankaAgency) item = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Jouren %02u", i);
      g_autoptr(LankaAgency) other = add_agency (fixture->database, name, "shelter");
    }

  g_assert_true (lanka_agency_list_set_query (list, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 61);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* Locking: the list empties itself, and nothing of it is read again. */
  lanka_database_close (fixture->database);
  g_assert_cmpuint (changes.n_calls, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 61);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_cmpuint (lanka_agency_list_find (list, lanka_agency_get_uuid (agency)), ==, G_MAXUINT);

  g_assert_false (lanka_agency_list_reload (list, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_assert_cmpuint (changes.n_calls, ==, 1);

  g_signal_handlers_disconnect_by_data (list, &changes);
}

/* A read that fails (here a table is gone, as in a damaged database):
 * the model still has an item at every position it reported, and no
 * warning.
 */
static void
test_list_failed_read (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaAgencyList) list = lanka_agency_list_new (fixture->database);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Jouren %02u", i);
      g_autoptr(LankaAgency) other = add_agency (fixture->database, name, "shelter");
    }

  g_assert_true (lanka_agency_list_set_query (list, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Something breaks the reads (here: the table is gone). */
  g_assert_true (_lanka_database_exec (fixture->database,
                                       "PRAGMA foreign_keys = OFF;"
                                       "DROP TABLE agency_contact_channel;"
                                       "DROP TABLE agency_contact;"
                                       "DROP TABLE agency_channel;",
                                       &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(LankaAgency) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (item);
      g_assert_null (lanka_agency_get_uuid (item));
    }

  /* Not kept: each read is tried again. */
  {
    g_autoptr(LankaAgency) a = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(LankaAgency) b = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_false (a == b);
  }
}

static guint
audit_count (LankaDatabase *database,
             const char    *action,
             const char    *object)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint count;

  stmt = _lanka_database_prepare (database,
                                  "SELECT count(*) FROM audit_log WHERE action = ?1 "
                                  "AND object = ?2 AND detail IS NULL",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, object, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static void
test_trash_restore (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_agency (fixture->database, "Mottagningen Gävle",
                                              "social_services");
  g_autoptr(LankaAgency) other = add_agency (fixture->database, "Kvinnojouren", "shelter");
  g_autoptr(LankaAgency) restored = NULL;
  g_autoptr(LankaAgencyContact) contact = NULL;
  g_autoptr(LankaAgencyContact) read = NULL;
  g_autoptr(LankaAgencyList) list = lanka_agency_list_new (fixture->database);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = lanka_agency_get_uuid (agency);
  g_autofree char *contact_uuid = NULL;
  guint count;

  contact = add_contact (fixture->database, agency, "Kerstin Exempel", "Kurator",
                         "070-111 22 33");
  contact_uuid = g_strdup (lanka_agency_contact_get_uuid (contact));
  lanka_agency_contact_set_role (contact, "Enhetschef");
  g_assert_true (lanka_directory_update_contact (fixture->database, contact, &error));
  g_assert_no_error (error);
  g_assert_true (search_finds (fixture->database, "Kerstin", agency));

  g_assert_true (lanka_directory_trash_agency (fixture->database, uuid, &error));
  g_assert_no_error (error);

  /* Out of sight everywhere. */
  g_assert_false (search_finds (fixture->database, "Mottagningen", agency));
  g_assert_false (search_finds (fixture->database, "Kerstin", agency));
  g_assert_false (search_finds (fixture->database, "0701112233", agency));
  g_assert_false (search_finds (fixture->database, NULL, agency));
  g_assert_cmpuint (search_count (fixture->database, NULL, NULL), ==, 1);
  g_assert_cmpuint (search_count (fixture->database, "social", NULL), ==, 0);
  g_assert_true (lanka_agency_list_set_query (list, NULL, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (lanka_agency_list_find (list, uuid), ==, G_MAXUINT);
  g_assert_null (lanka_directory_get_agency (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lanka_directory_get_contact (fixture->database, contact_uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  contacts = lanka_directory_list_contacts (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 0);
  g_clear_pointer (&contacts, g_ptr_array_unref);
  g_assert_false (lanka_directory_update_agency (fixture->database, agency, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lanka_directory_trash_agency (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo: all of it back, the history too. */
  g_assert_true (lanka_directory_restore_agency (fixture->database, uuid, &error));
  g_assert_no_error (error);
  restored = lanka_directory_get_agency (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_name (restored), ==, "Mottagningen Gävle");
  g_assert_cmpint (lanka_agency_get_modified (restored), ==, lanka_agency_get_modified (agency));
  g_assert_true (search_finds (fixture->database, "Mottagningen", agency));
  g_assert_true (search_finds (fixture->database, "Kerstin", agency));
  g_assert_true (search_finds (fixture->database, "0701112233", agency));
  read = lanka_directory_get_contact (fixture->database, contact_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_contact_get_role (read), ==, "Enhetschef");
  history = lanka_directory_list_history (fixture->database, contact_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpstr (((LankaHistoryEntry *)g_ptr_array_index (history, 0))->new_value,
                   ==, "Enhetschef");
  g_clear_pointer (&history, g_ptr_array_unref);
  lanka_directory_count (fixture->database, NULL, NULL, &count, &error);
  g_assert_cmpuint (count, ==, 2);

  g_assert_false (lanka_directory_restore_agency (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Emptying the trash: gone for good, the person and history with it. */
  g_assert_true (lanka_directory_trash_agency (fixture->database, uuid, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_directory_empty_trash (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency_contact"), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM record_history"), ==, 0);
  g_assert_false (lanka_directory_restore_agency (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (search_finds (fixture->database, "Kvinnojouren", other));

  /* The audit log knows what happened to which uuid, and nothing more. */
  g_assert_cmpuint (audit_count (fixture->database, "agency-deleted", uuid), ==, 2);
  g_assert_cmpuint (audit_count (fixture->database, "agency-restored", uuid), ==, 1);
  g_assert_cmpuint (audit_count (fixture->database, "agency-purged", uuid), ==, 1);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM audit_log WHERE object LIKE '%Gävle%' "
                              "OR detail LIKE '%Gävle%' OR object LIKE '%Kerstin%' "
                              "OR detail LIKE '%Kerstin%'"), ==, 0);
}

static void
test_trash_emptied_on_open (void)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaAgency) kept = NULL;
  g_autoptr(LankaAgency) trashed = NULL;
  g_autoptr(LankaAgencyContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lanka_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "lanka.db", NULL);

  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);
  kept = add_agency (database, "Kvinnojouren", "shelter");
  trashed = add_agency (database, "Mottagningen", "social_services");
  contact = add_contact (database, trashed, "Kerstin Exempel", "Kurator", NULL);
  g_assert_true (lanka_directory_trash_agency (database, lanka_agency_get_uuid (trashed),
                                               &error));
  g_assert_no_error (error);

  /* Länka quits (or is killed) with the undo toast still showing. */
  lanka_database_close (database);
  g_clear_object (&database);

  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM agency"), ==, 1);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM agency_contact"), ==, 0);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM record_history"), ==, 0);
  g_assert_false (lanka_directory_restore_agency (database, lanka_agency_get_uuid (trashed),
                                                  &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (audit_count (database, "agency-purged", lanka_agency_get_uuid (trashed)),
                    ==, 1);

  lanka_database_close (database);
  g_clear_object (&database);
  lanka_test_remove_tree (dir);
}

/* A migration that recreates the search index leaves it empty with a note
 * in meta; the next opening fills it, once.
 */
static void
test_search_index_rebuilt (void)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(LankaAgencyContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lanka_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "lanka.db", NULL);

  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM meta "
                                        "WHERE key = 'directory-reindex'"), ==, 0);
  agency = add_agency (database, "Mottagningen Gävle", "social_services");
  contact = add_contact (database, agency, "Kerstin Exempel", "Kurator", "070-111 22 33");

  /* What the migration leaves behind. */
  g_assert_true (_lanka_database_exec (database,
                                       "INSERT INTO agency_fts (agency_fts) VALUES ('delete-all');"
                                       "INSERT INTO meta (key, value) "
                                       "VALUES ('directory-reindex', '1');",
                                       &error));
  g_assert_no_error (error);
  g_assert_false (search_finds (database, "Kerstin", agency));
  lanka_database_close (database);
  g_clear_object (&database);

  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_true (search_finds (database, "Kerstin", agency));
  g_assert_true (search_finds (database, "0701112233", agency));
  g_assert_true (search_finds (database, "gävle", agency));
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM meta "
                                        "WHERE key = 'directory-reindex'"), ==, 0);

  lanka_database_close (database);
  g_clear_object (&database);
  lanka_test_remove_tree (dir);
}

static void
test_contact_history_list (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_agency (fixture->database, "Socialtjänsten",
                                              "social_services");
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(LankaAgencyContact) read = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  const LankaHistoryEntry *entry;
  const char *uuid;

  lanka_agency_contact_set_name (contact, "Kerstin Exempel");
  lanka_agency_contact_set_role (contact, "Kurator");
  lanka_agency_contact_set_notes (contact, "Nås bäst på förmiddagen");
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_PHONE, "Mobil", "070-111 22 33");
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_EMAIL, NULL, "kerstin@example.se");
  g_assert_true (lanka_directory_add_contact (fixture->database, lanka_agency_get_uuid (agency),
                                              contact, &error));
  g_assert_no_error (error);
  uuid = lanka_agency_contact_get_uuid (contact);

  read = lanka_directory_get_contact (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_contact_get_name (read), ==, "Kerstin Exempel");
  g_assert_cmpstr (lanka_agency_contact_get_notes (read), ==, "Nås bäst på förmiddagen");
  g_assert_cmpstr (lanka_agency_contact_get_agency_uuid (read), ==,
                   lanka_agency_get_uuid (agency));
  g_assert_cmpuint (lanka_agency_contact_get_channels (read)->len, ==, 2);

  /* Every field of the new person is history, one row each. */
  history = lanka_directory_list_history (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 5);
  g_clear_pointer (&history, g_ptr_array_unref);

  lanka_agency_contact_set_notes (contact, NULL);
  lanka_agency_contact_clear_channels (contact);
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_PHONE, "Mobil", "070-111 22 33");
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_EMAIL, "Arbete", "kerstin@example.org");
  g_assert_true (lanka_directory_update_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  /* Newest first: the two changes of the save, then the five first values. */
  history = lanka_directory_list_history (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 7);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpstr (entry->field, ==, "emails");
  g_assert_cmpstr (entry->old_value, ==, "kerstin@example.se");
  g_assert_cmpstr (entry->new_value, ==, "Arbete: kerstin@example.org");
  g_assert_cmpstr (entry->user, ==, g_get_user_name ());
  entry = g_ptr_array_index (history, 1);
  g_assert_cmpstr (entry->field, ==, "notes");
  g_assert_cmpstr (entry->old_value, ==, "Nås bäst på förmiddagen");
  g_assert_null (entry->new_value);
  g_assert_cmpint (entry->time, >=, ((LankaHistoryEntry *)g_ptr_array_index (history, 2))->time);
  entry = g_ptr_array_index (history, 6);
  g_assert_cmpstr (entry->field, ==, "name");
  g_assert_null (entry->old_value);
  g_assert_cmpstr (entry->new_value, ==, "Kerstin Exempel");
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Deleted: the person and their history are gone, the audit keeps the uuid. */
  g_assert_true (lanka_directory_delete_contact (fixture->database, uuid, &error));
  g_assert_no_error (error);
  g_assert_null (lanka_directory_list_history (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lanka_directory_get_contact (fixture->database, uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM record_history"), ==, 0);
  g_assert_cmpuint (audit_count (fixture->database, "agency-contact-deleted", uuid), ==, 1);
}

static void
test_seed_tombstone (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) seed = load_seed ();
  g_autoptr(GBytes) update = changed_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autofree char *police = NULL;
  g_autofree char *tax = NULL;
  LankaSeedReport report;
  guint n = seed_length (seed);

  apply_seed (fixture->database, seed, NULL);
  police = agency_uuid_by_seed_key (fixture->database, "polismyndigheten");
  tax = agency_uuid_by_seed_key (fixture->database, "skatteverket");

  /* The person deletes one and trashes another; a new seed comes. */
  g_assert_true (lanka_directory_delete_agency (fixture->database, police, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_directory_trash_agency (fixture->database, tax, &error));
  g_assert_no_error (error);

  apply_seed (fixture->database, update, &report);
  g_assert_false (report.unchanged);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.kept, ==, n);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, n - 1);
  g_assert_cmpuint (search_count (fixture->database, NULL, NULL), ==, n - 2);
  g_assert_cmpuint (search_count (fixture->database, "polismyndigheten", NULL), ==, 0);

  /* Undone: the seed may update it again; emptied: it stays away. */
  g_assert_true (lanka_directory_restore_agency (fixture->database, tax, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM seed_tombstone"), ==, 1);
  g_assert_true (lanka_directory_trash_agency (fixture->database, tax, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_directory_empty_trash (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM seed_tombstone"), ==, 2);

  /* Forget that the update was applied, so that it is merged again. */
  g_assert_true (_lanka_database_exec (fixture->database, "DELETE FROM meta WHERE key LIKE "
                                       "'directory-seed%'", &error));
  g_assert_no_error (error);
  apply_seed (fixture->database, update, &report);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM agency"), ==, n - 2);
}

static void
test_seed_unchanged (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) seed = load_seed ();
  g_autoptr(GBytes) update = changed_seed (seed);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  LankaSeedReport report;
  double full;
  double skipped;
  guint n = seed_length (seed);

  g_timer_start (timer);
  apply_seed (fixture->database, seed, &report);
  full = g_timer_elapsed (timer, NULL);
  g_assert_false (report.unchanged);
  g_assert_cmpuint (report.added, ==, n);

  /* The same seed at the next opening is not even read. */
  g_timer_start (timer);
  apply_seed (fixture->database, seed, &report);
  skipped = g_timer_elapsed (timer, NULL);
  g_assert_true (report.unchanged);
  g_assert_cmpuint (report.added + report.updated + report.kept, ==, 0);
  g_test_message ("Seed applied in %.2f ms, unchanged seed in %.3f ms",
                  full * 1000, skipped * 1000);
  g_assert_cmpfloat (skipped, <, full);

  /* A changed seed is merged, and then remembered. */
  apply_seed (fixture->database, update, &report);
  g_assert_false (report.unchanged);
  g_assert_cmpuint (report.updated, ==, 2);
  apply_seed (fixture->database, update, &report);
  g_assert_true (report.unchanged);

  /* Going back to the older seed is a change as well. */
  apply_seed (fixture->database, seed, &report);
  g_assert_false (report.unchanged);
  g_assert_cmpuint (report.updated, ==, 2);
}

/* Where an agency works, as short as the place that shows it allows. */
static void
test_reach (void)
{
  const char * const two[] = { "21", "03", NULL };
  g_autofree char *national = lanka_vocabulary_dup_reach (two, TRUE, 3);
  g_autofree char *named = lanka_vocabulary_dup_reach (two, FALSE, 3);
  g_autofree char *counted = lanka_vocabulary_dup_reach (two, FALSE, 1);
  g_autofree char *none = lanka_vocabulary_dup_reach (NULL, FALSE, 3);

  g_assert_cmpstr (national, ==, "Whole country");
  g_assert_cmpstr (named, ==, "Gävleborg, Uppsala");
  g_assert_cmpstr (counted, ==, "2 counties");
  g_assert_null (none);
}

/* Every code list: codes and labels, none missing, no code twice. */
static void
test_vocabulary_codes (void)
{
  static const char * const flags[] = {
    "threat", "protected_identity", "interpreter_required", "pregnant", "medical_needs",
    "disability", "missing_risk", "violence_in_family",
  };
  guint n_vocabularies = LANKA_VOCABULARY_TASK_KIND + 1;

  for (guint v = 0; v < n_vocabularies; v++)
    {
      g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = lanka_vocabulary_get_n_codes (v);

      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          const char *code = lanka_vocabulary_get_code (v, i);

          g_assert_nonnull (code);
          g_assert_cmpstr (code, !=, "");
          g_assert_true (g_hash_table_add (codes, (gpointer)code));
          g_assert_true (lanka_vocabulary_contains (v, code));
          g_assert_nonnull (lanka_vocabulary_get_label (v, code));
          g_assert_cmpstr (lanka_vocabulary_get_label (v, code), !=, "");
          g_assert_nonnull (lanka_vocabulary_get_source_label (v, code));
        }
      g_assert_false (lanka_vocabulary_contains (v, "no-such-code"));
      g_assert_null (lanka_vocabulary_get_label (v, "no-such-code"));
      g_assert_false (lanka_vocabulary_contains (v, NULL));
    }

  /* The NRM steps by number, in order. */
  g_assert_cmpuint (lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_NRM_STEP), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      char step[2] = { (char)('1' + i), 0 };

      g_assert_cmpstr (lanka_vocabulary_get_code (LANKA_VOCABULARY_NRM_STEP, i), ==, step);
    }

  g_assert_cmpuint (lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_CASE_FLAG), ==, G_N_ELEMENTS (flags));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_assert_true (lanka_vocabulary_contains (LANKA_VOCABULARY_CASE_FLAG, flags[i]));

  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "intake"), ==, "Intake");
  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_FLAG, "threat"), ==, "Threat");
}

/* With the Swedish translation, the labels are Swedish and the codes stay
 * as they are stored.
 */
static void
test_vocabulary_swedish (void)
{
  g_autofree char *mo = g_build_filename (TEST_LOCALEDIR, "sv", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  guint n_vocabularies = LANKA_VOCABULARY_TASK_KIND + 1;

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The Swedish translation is not built");
      return;
    }
  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    {
      g_test_skip ("The sv_SE.UTF-8 locale is not installed");
      return;
    }

  g_setenv ("LANGUAGE", "sv", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, "intake"), ==, "Aktualiserad");
  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_NRM_STEP, "2"), ==, "Akut skydd");
  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_FLAG, "threat"), ==, "Hot");
  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_FLAG, "protected_identity"),
                   ==, "Skyddad identitet");
  g_assert_cmpstr (lanka_vocabulary_get_source_label (LANKA_VOCABULARY_CASE_STATUS, "intake"),
                   ==, "Intake");

  /* Every list is translated: most labels differ from the English ones,
   * and none is lost on the way.
   */
  for (guint v = 0; v < n_vocabularies; v++)
    {
      guint n = lanka_vocabulary_get_n_codes (v);
      guint n_translated = 0;

      for (guint i = 0; i < n; i++)
        {
          const char *code = lanka_vocabulary_get_code (v, i);
          const char *label = lanka_vocabulary_get_label (v, code);

          g_assert_nonnull (label);
          g_assert_true (g_utf8_validate (label, -1, NULL));
          n_translated += g_strcmp0 (label, lanka_vocabulary_get_source_label (v, code)) != 0;
        }
      if (v == LANKA_VOCABULARY_COUNTY)
        continue;
      g_test_message ("Vocabulary %u: %u of %u labels in Swedish", v, n_translated, n);
      g_assert_cmpuint (n_translated * 2, >, n);
    }

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

/* Languages and countries by their ISO codes, named from Debian's
 * iso-codes, in the interface's language.
 */
static void
test_iso_codes (void)
{
  g_assert_cmpstr (lanka_iso_language_get_name ("sv"), ==, g_dgettext ("iso_639-3", "Swedish"));
  g_assert_cmpstr (lanka_iso_language_get_name ("SWE"), ==, g_dgettext ("iso_639-3", "Swedish"));
  g_assert_cmpstr (lanka_iso_language_get_name (" tir "), ==, g_dgettext ("iso_639-3", "Tigrinya"));
  g_assert_null (lanka_iso_language_get_name ("svenska"));
  g_assert_null (lanka_iso_language_get_name (""));
  g_assert_cmpstr (lanka_iso_country_get_name ("SE"), ==, g_dgettext ("iso_3166-1", "Sweden"));
  g_assert_cmpstr (lanka_iso_country_get_name ("eri"), ==, g_dgettext ("iso_3166-1", "Eritrea"));
  g_assert_null (lanka_iso_country_get_name ("XX"));
  g_assert_nonnull (lanka_iso_language_get_name ("ro"));
  g_assert_cmpstr (lanka_iso_language_get_name ("ro"), ==, lanka_iso_language_get_name ("ron"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/directory/validate/phone", test_validate_phone);
  g_test_add_func ("/store/directory/validate/email-and-web", test_validate_email_web);
  g_test_add_func ("/store/directory/validate/organisation-number",
                   test_validate_organisation_number);
  g_test_add_func ("/store/directory/trash/emptied-on-open", test_trash_emptied_on_open);
  g_test_add_func ("/store/directory/search/index-rebuilt", test_search_index_rebuilt);

#define ADD(path, func) \
  g_test_add ("/store/directory/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("agency/round-trip", test_agency_round_trip);
  ADD ("agency/invalid", test_agency_invalid);
  ADD ("agency/delete-cascades", test_agency_delete_cascades);
  ADD ("contact/history", test_contact_history);
  ADD ("search/phone", test_search_phone);
  ADD ("search/words", test_search_words);
  ADD ("search/filters", test_search_filters);
  ADD ("order/swedish", test_order_swedish);
  ADD ("list/model", test_list_model);
  ADD ("list/closed", test_list_closed);
  ADD ("list/failed-read", test_list_failed_read);
  ADD ("trash/restore", test_trash_restore);
  ADD ("contact/history-list", test_contact_history_list);
  ADD ("seed/tombstone", test_seed_tombstone);
  ADD ("seed/unchanged", test_seed_unchanged);
  ADD ("seed/apply", test_seed_apply);
  ADD ("seed/keeps-edits", test_seed_keeps_edits);

#undef ADD

  g_test_add_func ("/store/vocabulary/codes", test_vocabulary_codes);
  g_test_add_func ("/store/vocabulary/reach", test_reach);
  g_test_add_func ("/store/vocabulary/swedish", test_vocabulary_swedish);
  g_test_add_func ("/store/iso-codes/names", test_iso_codes);

  return g_test_run ();
}
