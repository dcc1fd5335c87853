/* test-store-directory-match.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-agency.h"
#include "lanka-audit.h"
#include "lanka-database-private.h"
#include "lanka-directory-private.h"
#include "lanka-key.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"

/* The agencies, people and numbers below are made up for the tests. */

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
count_agencies (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 value;

  stmt = _lanka_database_prepare (database, "SELECT count(*) FROM agency", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static LankaAgency *
new_agency (const char *name,
            const char *type)
{
  LankaAgency *agency = lanka_agency_new ();

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, type);

  return agency;
}

static void
save (LankaDatabase *database,
      LankaAgency   *agency)
{
  g_autoptr(GError) error = NULL;

  lanka_directory_add_agency (database, agency, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lanka_agency_get_uuid (agency));
}

static LankaAgency *
add_agency (LankaDatabase *database,
            const char    *name)
{
  LankaAgency *agency = new_agency (name, "ngo");

  save (database, agency);

  return agency;
}

static LankaAgencyContact *
add_contact (LankaDatabase *database,
             LankaAgency   *agency,
             const char    *name,
             const char    *phone)
{
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_contact_set_name (contact, name);
  if (phone != NULL)
    lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_PHONE, "Mobil", phone);
  lanka_directory_add_contact (database, lanka_agency_get_uuid (agency), contact, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&contact);
}

static void
trash (LankaDatabase *database,
       LankaAgency   *agency)
{
  g_autoptr(GError) error = NULL;

  lanka_directory_trash_agency (database, lanka_agency_get_uuid (agency), &error);
  g_assert_no_error (error);
}

static gboolean
search_finds (LankaDatabase *database,
              const char    *text,
              const char    *uuid)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;

  found = lanka_directory_search (database, text, NULL, 0, 0, &error);
  g_assert_no_error (error);

  return g_strv_contains ((const char * const *)found, uuid);
}

/* The reasons @candidate looks like @existing, or 0 if it does not. */
static LankaSimilarity
similarity (LankaDatabase *database,
            LankaAgency   *candidate,
            LankaAgency   *existing)
{
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;

  similar = lanka_directory_find_similar (database, candidate, &error);
  g_assert_no_error (error);
  g_assert_nonnull (similar);

  for (guint i = 0; i < similar->len; i++)
    {
      LankaSimilarAgency *found = g_ptr_array_index (similar, i);

      g_assert_true (LANKA_IS_AGENCY (found->agency));
      g_assert_cmpuint (found->reasons, !=, 0);
      if (g_strcmp0 (lanka_agency_get_uuid (found->agency), lanka_agency_get_uuid (existing)) == 0)
        return found->reasons;
    }

  return 0;
}

/* What a migration would add: an index of the names by their keys. */
static gboolean
add_name_key_index (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (_lanka_directory_register_name_key (_lanka_database_get_handle (database)), ==,
                   SQLITE_OK);
  _lanka_database_exec (database,
                        "CREATE INDEX IF NOT EXISTS agency_name_key "
                        "ON agency (lanka_name_key (name))",
                        &error);
  g_assert_no_error (error);

  return TRUE;
}

static void
test_similar_name (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gboolean with_index = GPOINTER_TO_INT (user_data) && add_name_key_index (fixture->database);
  g_autoptr(LankaAgency) police = add_agency (fixture->database, "Polismyndigheten Region Syd");
  g_autoptr(LankaAgency) cafe = add_agency (fixture->database, "Café Växthuset");
  g_autoptr(LankaAgency) malmo = add_agency (fixture->database, "Malmö stad");
  g_autoptr(LankaAgency) candidate = NULL;
  g_autofree char *key = NULL;

  key = _lanka_directory_name_key ("  Polismyndigheten  Region-SYD. ");
  g_assert_cmpstr (key, ==, "polismyndigheten region syd");
  g_clear_pointer (&key, g_free);
  key = _lanka_directory_name_key ("Café «Växthuset» & Co");
  g_assert_cmpstr (key, ==, "cafe växthuset co");

  candidate = new_agency ("polismyndigheten  region - SYD.", "police");
  g_assert_cmpuint (similarity (fixture->database, candidate, police), ==, LANKA_SIMILARITY_NAME);

  /* The start or a part of a name is another name. */
  lanka_agency_set_name (candidate, "Polismyndigheten");
  g_assert_cmpuint (similarity (fixture->database, candidate, police), ==, 0);
  lanka_agency_set_name (candidate, "Polismyndigheten Region Syd Malmö");
  g_assert_cmpuint (similarity (fixture->database, candidate, police), ==, 0);
  lanka_agency_set_name (candidate, "Region Syd");
  g_assert_cmpuint (similarity (fixture->database, candidate, police), ==, 0);
  lanka_agency_set_name (candidate, "Polismyndigheten Region Nord");
  g_assert_cmpuint (similarity (fixture->database, candidate, police), ==, 0);

  /* Å, ä and ö are letters of their own. */
  lanka_agency_set_name (candidate, "CAFÉ VÄXTHUSET");
  g_assert_cmpuint (similarity (fixture->database, candidate, cafe), ==, LANKA_SIMILARITY_NAME);
  lanka_agency_set_name (candidate, "Café Vaxthuset");
  g_assert_cmpuint (similarity (fixture->database, candidate, cafe), ==, 0);
  lanka_agency_set_name (candidate, "Malmo stad");
  g_assert_cmpuint (similarity (fixture->database, candidate, malmo), ==, 0);
  lanka_agency_set_name (candidate, "MALMÖ STAD");
  g_assert_cmpuint (similarity (fixture->database, candidate, malmo), ==, LANKA_SIMILARITY_NAME);

  /* Other accents are set aside, which takes the index of name keys. */
  if (with_index)
    {
      lanka_agency_set_name (candidate, "Cafe Växthuset");
      g_assert_cmpuint (similarity (fixture->database, candidate, cafe), ==,
                        LANKA_SIMILARITY_NAME);
    }
}

static void
test_similar_channels (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaAgency) existing = new_agency ("Stödcentrum Väst", "ngo");
  g_autoptr(LankaAgency) other = new_agency ("Jourhemmet", "ngo");
  g_autoptr(LankaAgency) candidate = new_agency ("Något helt annat", "ngo");

  lanka_agency_add_channel (existing, LANKA_CHANNEL_PHONE, "Växel", "040-12 34 56");
  lanka_agency_add_channel (existing, LANKA_CHANNEL_EMAIL, NULL, "Info@Stodcentrum.example");
  lanka_agency_add_channel (existing, LANKA_CHANNEL_WEB, NULL, "https://stodcentrum.example");
  lanka_agency_set_organisation_number (existing, "802002-6343");
  save (fixture->database, existing);

  lanka_agency_add_channel (other, LANKA_CHANNEL_PHONE, NULL, "040-65 43 21");
  lanka_agency_add_channel (other, LANKA_CHANNEL_EMAIL, NULL, "jour@annat.example");
  lanka_agency_set_organisation_number (other, "202100-5489");
  save (fixture->database, other);

  /* Nothing in common: nothing found. */
  lanka_agency_add_channel (candidate, LANKA_CHANNEL_PHONE, NULL, "040-12 34 57");
  lanka_agency_add_channel (candidate, LANKA_CHANNEL_EMAIL, NULL, "info@annat.example");
  lanka_agency_add_channel (candidate, LANKA_CHANNEL_WEB, NULL, "https://stodcentrum.example");
  lanka_agency_set_organisation_number (candidate, "556000-0001");
  g_assert_cmpuint (similarity (fixture->database, candidate, existing), ==, 0);
  g_assert_cmpuint (similarity (fixture->database, candidate, other), ==, 0);

  /* The same number written the international way. */
  lanka_agency_clear_channels (candidate);
  lanka_agency_add_channel (candidate, LANKA_CHANNEL_PHONE, "Reception", "+46 40 123456");
  g_assert_cmpuint (similarity (fixture->database, candidate, existing), ==,
                    LANKA_SIMILARITY_PHONE);
  g_assert_cmpuint (similarity (fixture->database, candidate, other), ==, 0);

  lanka_agency_clear_channels (candidate);
  lanka_agency_add_channel (candidate, LANKA_CHANNEL_EMAIL, NULL, "INFO@stodcentrum.EXAMPLE");
  g_assert_cmpuint (similarity (fixture->database, candidate, existing), ==,
                    LANKA_SIMILARITY_EMAIL);

  lanka_agency_clear_channels (candidate);
  lanka_agency_set_organisation_number (candidate, "8020026343");
  g_assert_cmpuint (similarity (fixture->database, candidate, existing), ==,
                    LANKA_SIMILARITY_ORGANISATION_NUMBER);
  g_assert_cmpuint (similarity (fixture->database, candidate, other), ==, 0);

  /* Everything in common at once: one result with every reason. */
  lanka_agency_set_name (candidate, "STÖDCENTRUM väst");
  lanka_agency_add_channel (candidate, LANKA_CHANNEL_PHONE, NULL, "040123456");
  lanka_agency_add_channel (candidate, LANKA_CHANNEL_EMAIL, NULL, "info@stodcentrum.example");
  g_assert_cmpuint (similarity (fixture->database, candidate, existing), ==,
                    LANKA_SIMILARITY_NAME | LANKA_SIMILARITY_PHONE | LANKA_SIMILARITY_EMAIL |
                    LANKA_SIMILARITY_ORGANISATION_NUMBER);
}

static void
test_similar_not_itself (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaAgency) existing = new_agency ("Rådgivningen", "ngo");
  g_autoptr(LankaAgency) twin = add_agency (fixture->database, "Rådgivningen");
  g_autoptr(LankaAgency) gone = new_agency ("RÅDGIVNINGEN", "ngo");
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;
  LankaSimilarAgency *found;

  lanka_agency_add_channel (existing, LANKA_CHANNEL_PHONE, NULL, "08-123 456 78");
  lanka_agency_add_channel (existing, LANKA_CHANNEL_EMAIL, NULL, "rad@givning.example");
  lanka_agency_set_organisation_number (existing, "202100-5489");
  save (fixture->database, existing);

  /* Like it in every way. */
  lanka_agency_add_channel (gone, LANKA_CHANNEL_PHONE, NULL, "+46812345678");
  lanka_agency_add_channel (gone, LANKA_CHANNEL_EMAIL, NULL, "RAD@givning.example");
  lanka_agency_set_organisation_number (gone, "2021005489");
  save (fixture->database, gone);

  /* A saved agency compared with the directory does not find itself. */
  g_assert_cmpuint (similarity (fixture->database, existing, existing), ==, 0);
  g_assert_cmpuint (similarity (fixture->database, existing, twin), ==, LANKA_SIMILARITY_NAME);
  g_assert_cmpuint (similarity (fixture->database, existing, gone), ==,
                    LANKA_SIMILARITY_NAME | LANKA_SIMILARITY_PHONE | LANKA_SIMILARITY_EMAIL |
                    LANKA_SIMILARITY_ORGANISATION_NUMBER);

  /* A deleted agency (in the trash, until the undo is over) is no
   * longer in the directory, so it is nothing to warn about.
   */
  trash (fixture->database, gone);
  similar = lanka_directory_find_similar (fixture->database, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (similar->len, ==, 1);
  found = g_ptr_array_index (similar, 0);
  g_assert_cmpstr (lanka_agency_get_uuid (found->agency), ==, lanka_agency_get_uuid (twin));
  g_assert_cmpstr (lanka_agency_get_name (found->agency), ==, "Rådgivningen");

  trash (fixture->database, twin);
  g_clear_pointer (&similar, g_ptr_array_unref);
  similar = lanka_directory_find_similar (fixture->database, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (similar->len, ==, 0);
}

/* Agencies for the "find help" tests; all help with protected housing
 * unless said otherwise.
 */
typedef struct
{
  const char *name;
  gboolean    national;
  const char *county;
  const char *accepts[3];
  gboolean    nmt;
} HelpAgency;

static const HelpAgency help_agencies[] = {
  { "Kvinnojouren Skåne", FALSE, "12", { "pregnant" }, FALSE },
  { "Öppna dörren", FALSE, "12", { NULL }, TRUE },
  { "Barnens hus", FALSE, "12", { "children", "accompanied_children" }, FALSE },
  { "Ersta boende", FALSE, "01", { NULL }, FALSE },
  { "Åre stöd", TRUE, NULL, { NULL }, FALSE },
  { "Ängelholms stöd", TRUE, NULL, { NULL }, FALSE },
  { "Riksjouren", TRUE, NULL, { "women", "men" }, TRUE },
};

static void
add_help_agencies (LankaDatabase *database)
{
  g_autoptr(LankaAgency) elsewhere = NULL;
  g_autoptr(LankaAgency) trashed = NULL;
  const char *support[] = { "protected_housing", NULL };
  const char *legal[] = { "legal", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (help_agencies); i++)
    {
      const HelpAgency *h = &help_agencies[i];
      g_autoptr(LankaAgency) agency = new_agency (h->name, "ngo");
      const char *counties[] = { h->county, NULL };

      lanka_agency_set_national (agency, h->national);
      lanka_agency_set_counties (agency, counties);
      lanka_agency_set_accepts (agency, h->accepts);
      lanka_agency_set_nmt (agency, h->nmt);
      lanka_agency_set_support (agency, support);
      save (database, agency);
    }

  /* Helps with something else. */
  elsewhere = new_agency ("Juristjouren", "ngo");
  lanka_agency_set_national (elsewhere, TRUE);
  lanka_agency_set_support (elsewhere, legal);
  save (database, elsewhere);

  /* Would come first, but has been deleted. */
  trashed = new_agency ("Aaa boende", "ngo");
  lanka_agency_set_national (trashed, TRUE);
  lanka_agency_set_support (trashed, support);
  lanka_agency_set_nmt (trashed, TRUE);
  save (database, trashed);
  trash (database, trashed);
}

typedef struct
{
  const char       *name;
  LankaHelpReach    reach;
  LankaEligibility  eligibility;
} Expected;

static void
assert_help (LankaDatabase        *database,
             const LankaHelpQuery *query,
             const Expected       *expected,
             guint                 n_expected)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  matches = lanka_directory_find_help (database, query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (matches);

  for (guint i = 0; i < MIN (matches->len, n_expected); i++)
    {
      LankaHelpMatch *match = g_ptr_array_index (matches, i);

      g_test_message ("%u: %s", i, lanka_agency_get_name (match->agency));
      g_assert_cmpstr (lanka_agency_get_name (match->agency), ==, expected[i].name);
      g_assert_cmpint (match->reach, ==, expected[i].reach);
      g_assert_cmpint (match->eligibility, ==, expected[i].eligibility);
    }

  g_assert_cmpuint (matches->len, ==, n_expected);
}

static void
test_help_adult (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const LankaHelpQuery query = { "protected_housing", FALSE, "12" };
  const Expected expected[] = {
    /* Regional before national; accepting before saying nothing, even
     * before an NMT participant.
     */
    { "Kvinnojouren Skåne", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_ACCEPTS },
    { "Öppna dörren", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Riksjouren", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_ACCEPTS },
    /* Swedish order: å before ä. */
    { "Åre stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Ängelholms stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    /* Takes only children: shown last, with the reason. */
    { "Barnens hus", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_EXCLUDED },
  };

  add_help_agencies (fixture->database);
  assert_help (fixture->database, &query, expected, G_N_ELEMENTS (expected));
}

static void
test_help_child (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const LankaHelpQuery query = { "protected_housing", TRUE, "12" };
  const Expected expected[] = {
    { "Barnens hus", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_ACCEPTS },
    { "Öppna dörren", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Åre stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Ängelholms stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    /* A shelter for women does not take a child: last, regional first. */
    { "Kvinnojouren Skåne", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_EXCLUDED },
    { "Riksjouren", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_EXCLUDED },
  };

  add_help_agencies (fixture->database);
  assert_help (fixture->database, &query, expected, G_N_ELEMENTS (expected));
}

static void
test_help_no_county (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const LankaHelpQuery query = { "protected_housing", FALSE, NULL };
  const Expected expected[] = {
    /* Without a county, national agencies come first. */
    { "Riksjouren", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_ACCEPTS },
    { "Åre stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Ängelholms stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Kvinnojouren Skåne", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_ACCEPTS },
    /* NMT participants first, before the alphabet. */
    { "Öppna dörren", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Ersta boende", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Barnens hus", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_EXCLUDED },
  };
  const LankaHelpQuery nothing = { "ForcedBegging", FALSE, "12" };
  const LankaHelpQuery stockholm = { "protected_housing", TRUE, "01" };
  const Expected in_stockholm[] = {
    { "Ersta boende", LANKA_HELP_REACH_REGIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Åre stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Ängelholms stöd", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_UNKNOWN },
    { "Riksjouren", LANKA_HELP_REACH_NATIONAL, LANKA_ELIGIBILITY_EXCLUDED },
  };

  add_help_agencies (fixture->database);
  assert_help (fixture->database, &query, expected, G_N_ELEMENTS (expected));
  assert_help (fixture->database, &nothing, NULL, 0);

  /* Agencies of Skåne do not serve Stockholm. */
  assert_help (fixture->database, &stockholm, in_stockholm, G_N_ELEMENTS (in_stockholm));
}

static void
test_help_whole_agencies (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const LankaHelpQuery query = { "SexualExploitation", FALSE, "14" };
  const char *exploitation[] = { "SexualExploitation", "ForcedLabour", NULL };
  const char *counties[] = { "14", "13", NULL };
  g_autoptr(LankaAgency) agency = new_agency ("Mottagningen", "social_services");
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  LankaHelpMatch *match;
  GPtrArray *channels;

  lanka_agency_set_exploitation (agency, exploitation);
  lanka_agency_set_counties (agency, counties);
  lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, "Jour", "031-123 45 67");
  save (fixture->database, agency);

  /* Helping with a form of exploitation counts as helping with the need;
   * what comes back is the whole agency, ready to show.
   */
  matches = lanka_directory_find_help (fixture->database, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (lanka_agency_get_uuid (match->agency), ==, lanka_agency_get_uuid (agency));
  g_assert_cmpstr (lanka_agency_get_agency_type (match->agency), ==, "social_services");
  g_assert_cmpuint (g_strv_length ((GStrv)lanka_agency_get_counties (match->agency)), ==, 2);
  channels = lanka_agency_get_channels (match->agency);
  g_assert_cmpuint (channels->len, ==, 1);
  g_assert_cmpstr (((LankaChannel *)g_ptr_array_index (channels, 0))->value, ==, "031-123 45 67");
}

static guint
history_length (LankaDatabase *database,
                const char    *contact_uuid)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  history = lanka_directory_list_history (database, contact_uuid, &error);
  g_assert_no_error (error);

  return history->len;
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LankaAgency) kept = add_agency (fixture->database, "Stadsmissionen");
  g_autoptr(LankaAgency) merged = add_agency (fixture->database, "Stadsmissionen Göteborg");
  g_autoptr(LankaAgencyContact) stays = add_contact (fixture->database, kept, "Anna Andersson",
                                                     NULL);
  g_autoptr(LankaAgencyContact) moves = add_contact (fixture->database, merged, "Bertil Berg",
                                                     "070-111 22 33");
  g_autoptr(LankaAgencyContact) also = add_contact (fixture->database, merged, "Cecilia Ek",
                                                    NULL);
  g_autoptr(LankaAgency) reloaded = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  LankaAuditEntry *entry;
  guint history;

  lanka_agency_contact_set_role (moves, "Samordnare");
  lanka_directory_update_contact (fixture->database, moves, &error);
  g_assert_no_error (error);
  history = history_length (fixture->database, lanka_agency_contact_get_uuid (moves));
  g_assert_cmpuint (history, >, 1);

  /* The person chose the name of one and the notes of the other. */
  lanka_agency_set_notes (kept, "Öppet dygnet runt");
  lanka_directory_merge_agencies (fixture->database, kept, lanka_agency_get_uuid (merged), &error);
  g_assert_no_error (error);

  reloaded = lanka_directory_get_agency (fixture->database, lanka_agency_get_uuid (merged), &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (reloaded);
  g_clear_error (&error);

  reloaded = lanka_directory_get_agency (fixture->database, lanka_agency_get_uuid (kept), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_notes (reloaded), ==, "Öppet dygnet runt");

  contacts = lanka_directory_list_contacts (fixture->database, lanka_agency_get_uuid (kept),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3);
  g_assert_cmpstr (lanka_agency_contact_get_uuid (g_ptr_array_index (contacts, 1)), ==,
                   lanka_agency_contact_get_uuid (moves));
  g_assert_cmpstr (lanka_agency_contact_get_agency_uuid (g_ptr_array_index (contacts, 1)), ==,
                   lanka_agency_get_uuid (kept));
  g_assert_cmpuint (history_length (fixture->database, lanka_agency_contact_get_uuid (moves)), ==,
                    history);

  /* The search follows: the people are found at the kept agency, the
   * merged one is not found at all.
   */
  g_assert_true (search_finds (fixture->database, "Bertil", lanka_agency_get_uuid (kept)));
  g_assert_true (search_finds (fixture->database, "0701112233", lanka_agency_get_uuid (kept)));
  g_assert_false (search_finds (fixture->database, "Göteborg", lanka_agency_get_uuid (merged)));
  g_assert_false (search_finds (fixture->database, "Bertil", lanka_agency_get_uuid (merged)));
  g_assert_cmpint (count_agencies (fixture->database), ==, 1);

  /* One audit row, with uuids and nothing else. */
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_AGENCY_MERGE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->object, ==, lanka_agency_get_uuid (kept));
  g_assert_cmpstr (entry->detail, ==, lanka_agency_get_uuid (merged));
}

static void
test_merge_refused (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaAgency) kept = add_agency (fixture->database, "Kyrkans jour");
  g_autoptr(LankaAgency) other = add_agency (fixture->database, "Kyrkans jour Lund");
  g_autoptr(LankaAgency) trashed = add_agency (fixture->database, "Kyrkans jour Malmö");
  g_autoptr(LankaAgencyContact) contact = add_contact (fixture->database, other, "Doris Dahl",
                                                       NULL);
  g_autoptr(LankaAgency) unsaved = new_agency ("Kyrkans jour", "ngo");
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_uuid_string_random ();
  g_autofree char *kept_uuid = g_strdup (lanka_agency_get_uuid (kept));

  trash (fixture->database, trashed);
  lanka_agency_set_notes (kept, "Ändrad");

  g_assert_false (lanka_directory_merge_agencies (fixture->database, kept, kept_uuid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  g_assert_false (lanka_directory_merge_agencies (fixture->database, kept, missing, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lanka_directory_merge_agencies (fixture->database, kept,
                                                  lanka_agency_get_uuid (trashed), &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Keeping a trashed agency is refused too, and nothing is changed. */
  g_assert_false (lanka_directory_merge_agencies (fixture->database, trashed,
                                                  lanka_agency_get_uuid (other), &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  contacts = lanka_directory_list_contacts (fixture->database, lanka_agency_get_uuid (other),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);

  g_clear_object (&kept);
  kept = lanka_directory_get_agency (fixture->database, kept_uuid, &error);
  g_assert_no_error (error);
  g_assert_null (lanka_agency_get_notes (kept));

  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_AGENCY_MERGE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 0);
}

static LankaDirectoryEntry *
new_entry (const char *name,
           const char *phone,
           guint       n_contacts)
{
  g_autoptr(LankaAgency) agency = new_agency (name, "ngo");
  LankaDirectoryEntry *entry;

  if (phone != NULL)
    lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, NULL, phone);

  entry = lanka_directory_entry_new (agency);

  for (guint i = 0; i < n_contacts; i++)
    {
      g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
      g_autofree char *contact_name = g_strdup_printf ("%s person %u", name, i + 1);

      lanka_agency_contact_set_name (contact, contact_name);
      lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_EMAIL, NULL, "person@jour.example");
      g_ptr_array_add (entry->contacts, g_steal_pointer (&contact));
    }

  return entry;
}

static GPtrArray *
new_entries (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_directory_entry_free);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = new_entries ();
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  LankaDirectoryEntry *entry;
  LankaAgencyContact *contact;

  g_ptr_array_add (entries, new_entry ("Jourcentralen", "08-123 45 67", 2));
  g_ptr_array_add (entries, new_entry ("Tjejjouren", NULL, 0));
  g_ptr_array_add (entries, new_entry ("Killfabriken", "+46 31 12 34 56", 1));

  g_assert_true (lanka_directory_import (fixture->database, entries, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_agencies (fixture->database), ==, 3);

  /* The store gave everything its uuid; people are found by name and
   * their first values are in their change history.
   */
  entry = g_ptr_array_index (entries, 0);
  g_assert_nonnull (lanka_agency_get_uuid (entry->agency));
  contacts = lanka_directory_list_contacts (fixture->database,
                                            lanka_agency_get_uuid (entry->agency), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (lanka_agency_contact_get_uuid (g_ptr_array_index (entry->contacts, 0)), ==,
                   lanka_agency_contact_get_uuid (g_ptr_array_index (contacts, 0)));
  g_assert_true (search_finds (fixture->database, "Jourcentralen person",
                               lanka_agency_get_uuid (entry->agency)));
  g_assert_true (search_finds (fixture->database, "081234567",
                               lanka_agency_get_uuid (entry->agency)));
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpuint (history_length (fixture->database, lanka_agency_contact_get_uuid (contact)),
                    >, 0);

  entry = g_ptr_array_index (entries, 2);
  g_assert_true (search_finds (fixture->database, "Killfabriken person 1",
                               lanka_agency_get_uuid (entry->agency)));
}

static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = new_entries ();
  g_autoptr(LankaAgency) existing = add_agency (fixture->database, "Redan här");
  g_autoptr(GError) error = NULL;
  LankaDirectoryEntry *bad;

  g_ptr_array_add (entries, new_entry ("Första", "08-123 45 67", 3));
  g_ptr_array_add (entries, new_entry ("Andra", "08-765 43 21", 2));
  g_ptr_array_add (entries, new_entry ("Trasig", "ring mig", 1));
  g_ptr_array_add (entries, new_entry ("Fjärde", NULL, 1));

  /* A number that is no number, in the middle: nothing is imported, and
   * the message says which agency.
   */
  g_assert_false (lanka_directory_import (fixture->database, entries, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Trasig"));
  g_clear_error (&error);

  g_assert_cmpint (count_agencies (fixture->database), ==, 1);
  g_assert_false (search_finds (fixture->database, "Första",
                                lanka_agency_get_uuid (existing)));

  for (guint i = 0; i < entries->len; i++)
    {
      LankaDirectoryEntry *entry = g_ptr_array_index (entries, i);

      g_assert_null (lanka_agency_get_uuid (entry->agency));
      for (guint j = 0; j < entry->contacts->len; j++)
        g_assert_null (lanka_agency_contact_get_uuid (g_ptr_array_index (entry->contacts, j)));
    }

  /* A contact person without a name spoils it as well. */
  bad = g_ptr_array_index (entries, 2);
  lanka_agency_clear_channels (bad->agency);
  lanka_agency_contact_set_name (g_ptr_array_index (bad->contacts, 0), NULL);
  g_assert_false (lanka_directory_import (fixture->database, entries, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_agencies (fixture->database), ==, 1);

  /* Once mended, the same entries import. */
  lanka_agency_contact_set_name (g_ptr_array_index (bad->contacts, 0), "Greta Grön");
  g_assert_true (lanka_directory_import (fixture->database, entries, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_agencies (fixture->database), ==, 5);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *names[] = { "Öst", "Beta", "Ängel", "alfa", "Åre" };
  const char *expected[] = { "alfa", "Beta", "Åre", "Ängel", "Öst" };
  const char *counties[] = { "12", "13", NULL };
  const char *accepts[] = { "women", NULL };
  LankaAgency *agencies[G_N_ELEMENTS (names)];
  g_autoptr(LankaAgency) trashed = add_agency (fixture->database, "Borttagen");
  g_autoptr(LankaAgencyContact) gone = add_contact (fixture->database, trashed, "Ingen", NULL);
  g_autoptr(LankaAgencyContact) second = NULL;
  g_autoptr(LankaAgencyContact) first = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_uuid_string_random ();
  LankaDirectoryEntry *entry;
  LankaAgencyContact *contact;
  GPtrArray *channels;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    agencies[i] = add_agency (fixture->database, names[i]);

  lanka_agency_set_counties (agencies[1], counties);
  lanka_agency_set_accepts (agencies[1], accepts);
  lanka_agency_set_unit (agencies[1], "Enheten");
  lanka_agency_add_channel (agencies[1], LANKA_CHANNEL_PHONE, "Växel", "08-111 11 11");
  lanka_agency_add_channel (agencies[1], LANKA_CHANNEL_EMAIL, NULL, "beta@jour.example");
  lanka_directory_update_agency (fixture->database, agencies[1], &error);
  g_assert_no_error (error);
  second = add_contact (fixture->database, agencies[1], "Örjan Ödman", "070-222 33 44");
  first = add_contact (fixture->database, agencies[1], "Åsa Åberg", NULL);
  trash (fixture->database, trashed);

  /* Everything, in Swedish order, without what is in the trash. */
  entries = lanka_directory_export_entries (fixture->database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      g_assert_cmpstr (lanka_agency_get_name (entry->agency), ==, expected[i]);
    }

  /* With what the agency holds and its people, by name (Å before Ö). */
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (lanka_agency_get_uuid (entry->agency), ==, lanka_agency_get_uuid (agencies[1]));
  g_assert_cmpstr (lanka_agency_get_unit (entry->agency), ==, "Enheten");
  g_assert_cmpstrv (lanka_agency_get_counties (entry->agency), counties);
  g_assert_cmpstrv (lanka_agency_get_accepts (entry->agency), accepts);
  channels = lanka_agency_get_channels (entry->agency);
  g_assert_cmpuint (channels->len, ==, 2);
  g_assert_cmpstr (((LankaChannel *)g_ptr_array_index (channels, 0))->label, ==, "Växel");
  g_assert_cmpstr (((LankaChannel *)g_ptr_array_index (channels, 1))->value, ==,
                   "beta@jour.example");
  g_assert_cmpuint (entry->contacts->len, ==, 2);
  contact = g_ptr_array_index (entry->contacts, 0);
  g_assert_cmpstr (lanka_agency_contact_get_uuid (contact), ==,
                   lanka_agency_contact_get_uuid (first));
  contact = g_ptr_array_index (entry->contacts, 1);
  g_assert_cmpstr (lanka_agency_contact_get_name (contact), ==, "Örjan Ödman");
  g_assert_cmpstr (lanka_agency_contact_get_agency_uuid (contact), ==,
                   lanka_agency_get_uuid (agencies[1]));
  channels = lanka_agency_contact_get_channels (contact);
  g_assert_cmpuint (channels->len, ==, 1);
  g_assert_cmpstr (((LankaChannel *)g_ptr_array_index (channels, 0))->value, ==, "070-222 33 44");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Chosen ones, in the order chosen: once each, without the missing and
   * the trashed.
   */
  {
    const char *chosen[] = {
      lanka_agency_get_uuid (agencies[0]),
      missing,
      lanka_agency_get_uuid (agencies[3]),
      lanka_agency_get_uuid (trashed),
      lanka_agency_get_uuid (agencies[0]),
      lanka_agency_get_uuid (agencies[1]),
      NULL
    };

    entries = lanka_directory_export_entries (fixture->database, chosen, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 3);
    entry = g_ptr_array_index (entries, 0);
    g_assert_cmpstr (lanka_agency_get_name (entry->agency), ==, "Öst");
    entry = g_ptr_array_index (entries, 1);
    g_assert_cmpstr (lanka_agency_get_name (entry->agency), ==, "alfa");
    entry = g_ptr_array_index (entries, 2);
    g_assert_cmpstr (lanka_agency_get_name (entry->agency), ==, "Beta");
    g_assert_cmpuint (entry->contacts->len, ==, 2);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (agencies[i]);
}

static void
test_entry_copy (void)
{
  g_autoptr(LankaAgency) agency = new_agency ("Kopian", "ngo");
  g_autoptr(LankaDirectoryEntry) entry = lanka_directory_entry_new (agency);
  g_autoptr(LankaDirectoryEntry) copy = NULL;
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();

  g_ptr_array_add (entry->contacts, g_object_ref (contact));
  copy = g_boxed_copy (LANKA_TYPE_DIRECTORY_ENTRY, entry);

  g_assert_true (copy->agency == agency);
  g_assert_cmpuint (copy->contacts->len, ==, 1);
  g_assert_true (g_ptr_array_index (copy->contacts, 0) == contact);

  /* Its list is its own. */
  g_ptr_array_set_size (entry->contacts, 0);
  g_assert_cmpuint (copy->contacts->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add ("/store/directory-match/similar/name", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_similar_name, fixture_tear_down);
  g_test_add ("/store/directory-match/similar/name-key-index", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_similar_name, fixture_tear_down);
  ADD ("/store/directory-match/similar/channels", test_similar_channels);
  ADD ("/store/directory-match/similar/not-itself-or-trashed", test_similar_not_itself);
  ADD ("/store/directory-match/help/adult", test_help_adult);
  ADD ("/store/directory-match/help/child", test_help_child);
  ADD ("/store/directory-match/help/no-county", test_help_no_county);
  ADD ("/store/directory-match/help/whole-agencies", test_help_whole_agencies);
  ADD ("/store/directory-match/merge/moves-contacts", test_merge);
  ADD ("/store/directory-match/merge/refused", test_merge_refused);
  ADD ("/store/directory-match/import/saves-everything", test_import);
  ADD ("/store/directory-match/import/all-or-nothing", test_import_all_or_nothing);
  ADD ("/store/directory-match/export/order-and-content", test_export);
  g_test_add_func ("/store/directory-match/entry/copy", test_entry_copy);

#undef ADD

  return g_test_run ();
}
