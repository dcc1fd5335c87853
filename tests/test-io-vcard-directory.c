/* test-io-vcard-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-audit.h"

#include <string.h>

#include "lanka-directory.h"
#include "lanka-io-error.h"
#include "lanka-key.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"
#include "lanka-vcard-directory.h"

/* The people, numbers and addresses below are made up for the tests. */

typedef struct
{
  char          *dir;
  LankaDatabase *database;
  LankaDatabase *other;
} Fixture;

static LankaDatabase *
create_database (const char *dir,
                 const char *name)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  LankaDatabase *database;

  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);

  return database;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = create_database (fixture->dir, "lanka.db");
  fixture->other = create_database (fixture->dir, "other.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  g_clear_object (&fixture->other);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GBytes *
load_vector (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "vcard", "directory", name, NULL);
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GListModel *
prepare (LankaDatabase *database,
         GBytes        *data)
{
  g_autoptr(GError) error = NULL;
  GListModel *candidates;

  candidates = lanka_vcard_directory_prepare_import (database, data, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (candidates);
  g_assert_true (g_list_model_get_item_type (candidates) == LANKA_TYPE_IMPORT_CANDIDATE);

  return candidates;
}

static guint
import (LankaDatabase *database,
        GListModel    *candidates)
{
  g_autoptr(GError) error = NULL;
  guint n_imported = G_MAXUINT;

  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *detail = NULL;
  LankaAuditEntry *entry;

  before = lanka_audit_list (database, LANKA_AUDIT_DIRECTORY_IMPORT, 0, &error);
  g_assert_no_error (error);

  g_assert_true (lanka_vcard_directory_import (database, candidates, &n_imported, NULL, &error));
  g_assert_no_error (error);

  /* Every import is in the audit log, with the count and nothing else. */
  after = lanka_audit_list (database, LANKA_AUDIT_DIRECTORY_IMPORT, 0, &error);
  g_assert_no_error (error);
  if (n_imported == 0)
    {
      g_assert_cmpuint (after->len, ==, before->len);
      return 0;
    }
  g_assert_cmpuint (after->len, ==, before->len + 1);
  entry = g_ptr_array_index (after, 0);
  detail = g_strdup_printf ("%u", n_imported);
  if (g_strcmp0 (entry->detail, detail) != 0)
    entry = g_ptr_array_index (after, after->len - 1);
  g_assert_cmpstr (entry->detail, ==, detail);
  g_assert_null (entry->object);

  return n_imported;
}

/* Borrowed: the model keeps its items. */
static LankaImportCandidate *
candidate_at (GListModel *candidates,
              guint       position)
{
  g_autoptr(LankaImportCandidate) candidate = NULL;

  g_assert_cmpuint (position, <, g_list_model_get_n_items (candidates));
  candidate = g_list_model_get_item (candidates, position);

  return candidate;
}

static void
assert_candidate (LankaImportCandidate *candidate,
                  guint                 card_number,
                  LankaImportStatus     status,
                  const char           *title)
{
  g_assert_cmpuint (lanka_import_candidate_get_card_number (candidate), ==, card_number);
  g_assert_cmpint (lanka_import_candidate_get_status (candidate), ==, status);
  if (title != NULL)
    g_assert_cmpstr (lanka_import_candidate_get_title (candidate), ==, title);

  /* Only new candidates start ticked. */
  g_assert_cmpint (lanka_import_candidate_get_selected (candidate), ==,
                   status == LANKA_IMPORT_STATUS_NEW);

  if (status == LANKA_IMPORT_STATUS_UNREADABLE)
    {
      g_assert_nonnull (lanka_import_candidate_get_reason (candidate));
      g_assert_null (lanka_import_candidate_get_entry (candidate));
    }
  else
    {
      g_assert_nonnull (lanka_import_candidate_get_entry (candidate));
    }
}

static void
assert_reason_contains (LankaImportCandidate *candidate,
                        const char           *text)
{
  const char *reason = lanka_import_candidate_get_reason (candidate);

  g_assert_nonnull (reason);
  if (strstr (reason, text) == NULL)
    g_error ("Reason “%s” does not contain “%s”", reason, text);
}

static LankaAgency *
entry_agency (LankaImportCandidate *candidate)
{
  return lanka_import_candidate_get_entry (candidate)->agency;
}

static LankaAgencyContact *
entry_contact (LankaImportCandidate *candidate,
               guint                 index)
{
  GPtrArray *contacts = lanka_import_candidate_get_entry (candidate)->contacts;

  g_assert_cmpuint (index, <, contacts->len);
  return g_ptr_array_index (contacts, index);
}

static guint
entry_n_contacts (LankaImportCandidate *candidate)
{
  return lanka_import_candidate_get_entry (candidate)->contacts->len;
}

static void
assert_channel (GPtrArray        *channels,
                guint             index,
                LankaChannelKind  kind,
                const char       *label,
                const char       *value)
{
  const LankaChannel *channel;

  g_assert_cmpuint (index, <, channels->len);
  channel = g_ptr_array_index (channels, index);
  g_assert_cmpint (channel->kind, ==, kind);
  g_assert_cmpstr (channel->label, ==, label);
  g_assert_cmpstr (channel->value, ==, value);
}

static guint
count_agencies (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  guint count = G_MAXUINT;

  lanka_directory_count (database, NULL, NULL, &count, &error);
  g_assert_no_error (error);

  return count;
}

static guint
count_contacts (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lanka_directory_export_entries (database, NULL, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    count += ((LankaDirectoryEntry *)g_ptr_array_index (entries, i))->contacts->len;

  return count;
}

static LankaAgency *
add_agency (LankaDatabase *database,
            const char    *name,
            const char    *unit)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, name);
  lanka_agency_set_unit (agency, unit);
  lanka_directory_add_agency (database, agency, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&agency);
}

static void
add_contact (LankaDatabase *database,
             LankaAgency   *agency,
             const char    *name)
{
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_contact_set_name (contact, name);
  lanka_directory_add_contact (database, lanka_agency_get_uuid (agency), contact, &error);
  g_assert_no_error (error);
}

static GPtrArray *
contacts_of (LankaDatabase *database,
             LankaAgency   *agency)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts;

  contacts = lanka_directory_list_contacts (database, lanka_agency_get_uuid (agency), &error);
  g_assert_no_error (error);

  return contacts;
}

/* Round trip */

/* Long enough to fold several times, with å, ä and ö near every fold. */
#define LONG_LIMITS \
  "Tar emot kvinnor över 18 år med eller utan barn; inte män. Ingen plats för " \
  "husdjur. Föräldrar med barn över 12 år: ring först, så ordnar vi ett möte på " \
  "förmiddagen med socialtjänsten i hemkommunen, även på lördagar och söndagar."

static void
add_full_agencies (LankaDatabase *database)
{
  static const char * const counties[] = { "07", "12", NULL };
  static const char * const support[] = { "protected_housing", "legal", "interpreter", NULL };
  static const char * const exploitation[] = { "SexualExploitation", "ForcedLabour", NULL };
  static const char * const other_helps[] = { "children", "return", NULL };
  static const char * const accepts[] = { "children", "women", NULL };
  static const char * const languages[] = { "sv", "en", "ro", NULL };
  g_autoptr(LankaAgency) shelter = lanka_agency_new ();
  g_autoptr(LankaAgency) national = lanka_agency_new ();
  g_autoptr(LankaAgencyContact) asa = lanka_agency_contact_new ();
  g_autoptr(LankaAgencyContact) erik = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (shelter, "Kvinnojouren Åsa & Ödegärdet; Väst, Syd");
  lanka_agency_set_unit (shelter, "Enheten för barn, unga och familjer i Växjö kommun");
  lanka_agency_set_agency_type (shelter, "shelter");
  lanka_agency_set_organisation_number (shelter, "802400-0005");
  lanka_agency_set_opening_hours (shelter, "Mån–fre 8–17\nLör 10–14");
  lanka_agency_set_out_of_hours (shelter, "Ring 112 vid akut fara, annars jouren: 0470-00 00 99");
  lanka_agency_set_limits (shelter, LONG_LIMITS);
  lanka_agency_set_notes (shelter, "Första raden: kolon, semikolon; komma, backslash \\ och "
                                   "citattecken \"så\".\nAndra raden.\n\nEfter en tom rad.");
  lanka_agency_set_verified_on (shelter, "2026-01-15");
  lanka_agency_set_source (shelter, "Jämställdhetsmyndighetens webbplats, januari 2026");
  lanka_agency_set_counties (shelter, counties);
  lanka_agency_set_support (shelter, support);
  lanka_agency_set_exploitation (shelter, exploitation);
  lanka_agency_set_other_helps (shelter, other_helps);
  lanka_agency_set_accepts (shelter, accepts);
  lanka_agency_set_languages (shelter, languages);
  lanka_agency_add_channel (shelter, LANKA_CHANNEL_PHONE, "Växel", "0470-00 00 10");
  lanka_agency_add_channel (shelter, LANKA_CHANNEL_EMAIL, "Jour", "jour@example.se");
  lanka_agency_add_channel (shelter, LANKA_CHANNEL_PHONE, NULL, "+46 70 000 00 11");
  lanka_agency_add_channel (shelter, LANKA_CHANNEL_WEB, NULL, "https://example.se/stöd?a=1,b=2;c");
  lanka_agency_add_channel (shelter, LANKA_CHANNEL_ADDRESS, "Besöksadress",
                            "Storgatan 1, 2 tr\n352 30 Växjö");
  lanka_agency_add_channel (shelter, LANKA_CHANNEL_EMAIL, NULL, "info@example.se");
  lanka_directory_add_agency (database, shelter, &error);
  g_assert_no_error (error);

  lanka_agency_contact_set_name (asa, "Åsa Öberg Lind");
  lanka_agency_contact_set_role (asa, "Samordnare, socionom");
  lanka_agency_contact_set_notes (asa, "Nås bäst på förmiddagar.\nTalar svenska; engelska.");
  lanka_agency_contact_add_channel (asa, LANKA_CHANNEL_PHONE, "Mobil", "070-000 00 12");
  lanka_agency_contact_add_channel (asa, LANKA_CHANNEL_EMAIL, NULL, "asa.oberg@example.se");
  lanka_directory_add_contact (database, lanka_agency_get_uuid (shelter), asa, &error);
  g_assert_no_error (error);

  lanka_agency_contact_set_name (erik, "Erik");
  lanka_directory_add_contact (database, lanka_agency_get_uuid (shelter), erik, &error);
  g_assert_no_error (error);

  lanka_agency_set_name (national, "Nationella stödlinjen");
  lanka_agency_set_agency_type (national, "national_coordination");
  lanka_agency_set_national (national, TRUE);
  lanka_agency_set_nmt (national, TRUE);
  lanka_agency_add_channel (national, LANKA_CHANNEL_PHONE, "Stödlinje", "020-00 00 00");
  lanka_directory_add_agency (database, national, &error);
  g_assert_no_error (error);
}

static void
assert_strv_equal (const char * const *a,
                   const char * const *b)
{
  g_assert_cmpuint (a != NULL ? g_strv_length ((char **)a) : 0, ==,
                    b != NULL ? g_strv_length ((char **)b) : 0);
  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
assert_channels_equal (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const LankaChannel *x = g_ptr_array_index (a, i);

      assert_channel (b, i, x->kind, x->label, x->value);
    }
}

static void
assert_entries_equal (LankaDirectoryEntry *a,
                      LankaDirectoryEntry *b)
{
  g_assert_cmpstr (lanka_agency_get_name (a->agency), ==, lanka_agency_get_name (b->agency));
  g_assert_cmpstr (lanka_agency_get_unit (a->agency), ==, lanka_agency_get_unit (b->agency));
  g_assert_cmpstr (lanka_agency_get_agency_type (a->agency), ==,
                   lanka_agency_get_agency_type (b->agency));
  g_assert_cmpstr (lanka_agency_get_organisation_number (a->agency), ==,
                   lanka_agency_get_organisation_number (b->agency));
  g_assert_cmpstr (lanka_agency_get_opening_hours (a->agency), ==,
                   lanka_agency_get_opening_hours (b->agency));
  g_assert_cmpstr (lanka_agency_get_out_of_hours (a->agency), ==,
                   lanka_agency_get_out_of_hours (b->agency));
  g_assert_cmpstr (lanka_agency_get_limits (a->agency), ==, lanka_agency_get_limits (b->agency));
  g_assert_cmpstr (lanka_agency_get_notes (a->agency), ==, lanka_agency_get_notes (b->agency));
  g_assert_cmpstr (lanka_agency_get_verified_on (a->agency), ==,
                   lanka_agency_get_verified_on (b->agency));
  g_assert_cmpstr (lanka_agency_get_source (a->agency), ==, lanka_agency_get_source (b->agency));
  g_assert_cmpint (lanka_agency_get_national (a->agency), ==,
                   lanka_agency_get_national (b->agency));
  g_assert_cmpint (lanka_agency_get_nmt (a->agency), ==, lanka_agency_get_nmt (b->agency));
  assert_strv_equal (lanka_agency_get_counties (a->agency), lanka_agency_get_counties (b->agency));
  assert_strv_equal (lanka_agency_get_support (a->agency), lanka_agency_get_support (b->agency));
  assert_strv_equal (lanka_agency_get_exploitation (a->agency),
                     lanka_agency_get_exploitation (b->agency));
  assert_strv_equal (lanka_agency_get_other_helps (a->agency),
                     lanka_agency_get_other_helps (b->agency));
  assert_strv_equal (lanka_agency_get_accepts (a->agency), lanka_agency_get_accepts (b->agency));
  assert_strv_equal (lanka_agency_get_languages (a->agency),
                     lanka_agency_get_languages (b->agency));
  assert_channels_equal (lanka_agency_get_channels (a->agency),
                         lanka_agency_get_channels (b->agency));

  g_assert_cmpuint (a->contacts->len, ==, b->contacts->len);
  for (guint i = 0; i < a->contacts->len; i++)
    {
      LankaAgencyContact *x = g_ptr_array_index (a->contacts, i);
      LankaAgencyContact *y = g_ptr_array_index (b->contacts, i);

      g_assert_cmpstr (lanka_agency_contact_get_name (x), ==, lanka_agency_contact_get_name (y));
      g_assert_cmpstr (lanka_agency_contact_get_role (x), ==, lanka_agency_contact_get_role (y));
      g_assert_cmpstr (lanka_agency_contact_get_notes (x), ==, lanka_agency_contact_get_notes (y));
      assert_channels_equal (lanka_agency_contact_get_channels (x),
                             lanka_agency_contact_get_channels (y));
    }
}

/* RFC 6350 3.2: no physical line longer than 75 octets, and a fold never
 * splits a UTF-8 sequence, so every physical line is valid UTF-8 alone.
 */
static void
assert_folded (GBytes *data)
{
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  g_autofree char *copy = g_strndup (text, len);
  g_auto(GStrv) lines = g_strsplit (copy, "\r\n", -1);
  guint n_continued = 0;

  g_assert_cmpuint (strlen (copy), ==, len);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      n_continued += lines[i][0] == ' ';
    }

  /* The long limits and notes were folded, not written on one line. */
  g_assert_cmpuint (n_continued, >=, 4);
}

static char *
unfold (GBytes *data)
{
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r' && i + 2 < len && text[i + 1] == '\n' && text[i + 2] == ' ')
        {
          i += 2;
          continue;
        }
      g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}

static void
round_trip (Fixture           *fixture,
            LankaVCardVersion  version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *unfolded = NULL;
  g_autofree char *related = NULL;
  LankaDirectoryEntry *shelter;

  add_full_agencies (fixture->database);
  before = lanka_directory_export_entries (fixture->database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 2);

  data = lanka_vcard_directory_export (fixture->database, NULL, version, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  assert_folded (data);

  /* What phones read: a company card and a person who points to it. */
  unfolded = unfold (data);
  shelter = g_ptr_array_index (before, 0);
  g_assert_cmpstr (lanka_agency_get_name (shelter->agency), ==,
                   "Kvinnojouren Åsa & Ödegärdet; Väst, Syd");
  related = g_strdup_printf ("%s:urn:uuid:%s\r\n",
                             version == LANKA_VCARD_VERSION_4_0 ? "RELATED" : "X-RELATED",
                             lanka_agency_get_uuid (shelter->agency));
  g_assert_nonnull (strstr (unfolded, related));
  g_assert_nonnull (strstr (unfolded, "ORG:Kvinnojouren Åsa & Ödegärdet\\; Väst\\, Syd;"
                                      "Enheten för barn\\, unga och familjer i Växjö kommun\r\n"));
  g_assert_nonnull (strstr (unfolded, "item1.X-ABLABEL:Växel\r\n"));
  if (version == LANKA_VCARD_VERSION_4_0)
    {
      g_assert_nonnull (strstr (unfolded, "VERSION:4.0\r\nKIND:org\r\n"));
      g_assert_nonnull (strstr (unfolded, "KIND:individual\r\n"));
      g_assert_nonnull (strstr (unfolded, "\r\nLANG:sv\r\n"));
    }
  else
    {
      g_assert_null (strstr (unfolded, "\r\nKIND:"));
      g_assert_nonnull (strstr (unfolded, "X-ADDRESSBOOKSERVER-KIND:org\r\n"));
      g_assert_nonnull (strstr (unfolded, "\r\nN:Lind;Åsa Öberg;;;\r\n"));
      g_assert_null (strstr (unfolded, "\r\nLANG:"));
    }

  candidates = prepare (fixture->other, data);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      LankaImportCandidate *candidate = candidate_at (candidates, i);

      g_assert_cmpint (lanka_import_candidate_get_status (candidate), ==,
                       LANKA_IMPORT_STATUS_NEW);
      g_assert_null (lanka_import_candidate_get_reason (candidate));
    }

  /* Two agencies and two contact persons: four cards. */
  g_assert_cmpuint (import (fixture->other, candidates), ==, 4);

  after = lanka_directory_export_entries (fixture->other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    assert_entries_equal (g_ptr_array_index (before, i), g_ptr_array_index (after, i));
}

static void
test_round_trip_4_0 (Fixture       *fixture,
                     gconstpointer  user_data)
{
  round_trip (fixture, LANKA_VCARD_VERSION_4_0);
}

static void
test_round_trip_3_0 (Fixture       *fixture,
                     gconstpointer  user_data)
{
  round_trip (fixture, LANKA_VCARD_VERSION_3_0);
}

/* Two agencies of the same name: RELATED, not the name in ORG, decides
 * where each person goes, in 4.0 and in 3.0 alike.
 */
static void
test_related_beats_name (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const LankaVCardVersion versions[] = { LANKA_VCARD_VERSION_4_0, LANKA_VCARD_VERSION_3_0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaAgency) north = lanka_agency_new ();
  g_autoptr(LankaAgency) south = lanka_agency_new ();

  lanka_agency_set_name (north, "Socialtjänsten");
  lanka_agency_add_channel (north, LANKA_CHANNEL_PHONE, NULL, "0920-00 00 01");
  lanka_directory_add_agency (fixture->database, north, &error);
  g_assert_no_error (error);
  lanka_agency_set_name (south, "Socialtjänsten");
  lanka_agency_add_channel (south, LANKA_CHANNEL_PHONE, NULL, "040-00 00 02");
  lanka_directory_add_agency (fixture->database, south, &error);
  g_assert_no_error (error);
  add_contact (fixture->database, north, "Nora Norr");
  add_contact (fixture->database, south, "Sune Söder");

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(LankaDatabase) target = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GListModel) candidates = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autofree char *name = g_strdup_printf ("related-%u.db", v);

      target = create_database (fixture->dir, name);
      data = lanka_vcard_directory_export (fixture->database, NULL, versions[v], &error);
      g_assert_no_error (error);

      candidates = prepare (target, data);
      g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
      g_assert_cmpint (lanka_import_candidate_get_status (candidate_at (candidates, 1)), ==,
                       LANKA_IMPORT_STATUS_DUPLICATE);
      lanka_import_candidate_set_selected (candidate_at (candidates, 1), TRUE);
      g_assert_cmpuint (import (target, candidates), ==, 4);

      entries = lanka_directory_export_entries (target, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, 2);
      for (guint i = 0; i < entries->len; i++)
        {
          LankaDirectoryEntry *entry = g_ptr_array_index (entries, i);
          GPtrArray *channels = lanka_agency_get_channels (entry->agency);
          const LankaChannel *phone = g_ptr_array_index (channels, 0);
          const char *person;

          g_assert_cmpuint (entry->contacts->len, ==, 1);
          person = lanka_agency_contact_get_name (g_ptr_array_index (entry->contacts, 0));
          g_assert_cmpstr (person, ==, g_str_has_prefix (phone->value, "0920") ? "Nora Norr"
                                                                                : "Sune Söder");
        }
    }
}

/* Exporting only some agencies writes only those and their persons. */
static void
test_export_selected (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaAgency) first = add_agency (fixture->database, "Första aktören", NULL);
  g_autoptr(LankaAgency) second = add_agency (fixture->database, "Andra aktören", NULL);
  const char *uuids[] = { lanka_agency_get_uuid (second), NULL };
  g_autoptr(GBytes) data = NULL;
  g_autofree char *text = NULL;

  add_contact (fixture->database, first, "Fia Första");
  add_contact (fixture->database, second, "Anders Andra");

  data = lanka_vcard_directory_export (fixture->database, uuids, LANKA_VCARD_VERSION_4_0, &error);
  g_assert_no_error (error);
  text = unfold (data);

  g_assert_nonnull (strstr (text, "FN:Andra aktören\r\n"));
  g_assert_nonnull (strstr (text, "FN:Anders Andra\r\n"));
  g_assert_null (strstr (text, "Första"));
}

/* Entries not saved yet still tie their persons to them. */
static void
test_to_cards_unsaved (void)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  LankaDirectoryEntry *entry;
  const char *uid;
  const char *related;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_directory_entry_free);
  lanka_agency_set_name (agency, "Osparad aktör");
  lanka_agency_contact_set_name (contact, "Olle Osparad");
  entry = lanka_directory_entry_new (agency);
  g_ptr_array_add (entry->contacts, g_object_ref (contact));
  g_ptr_array_add (entries, entry);

  cards = lanka_vcard_directory_to_cards (entries);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (lanka_vcard_get_kind (g_ptr_array_index (cards, 0)), ==, "org");
  g_assert_cmpstr (lanka_vcard_get_kind (g_ptr_array_index (cards, 1)), ==, "individual");

  uid = lanka_vcard_get_uid (g_ptr_array_index (cards, 0));
  related = lanka_vcard_get_value (g_ptr_array_index (cards, 1), "RELATED");
  g_assert_true (g_str_has_prefix (uid, "urn:uuid:"));
  g_assert_cmpstr (uid, ==, related);
}

/* Import of what other programs write */

static void
test_import_iphone (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GBytes) data = load_vector ("iphone.vcf");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);
  LankaImportCandidate *candidate;
  LankaAgencyContact *contact;
  GPtrArray *channels;

  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 3);

  /* Apple's company card, and the person who works there. */
  candidate = candidate_at (candidates, 0);
  assert_candidate (candidate, 1, LANKA_IMPORT_STATUS_NEW, "Stadsmissionen");
  g_assert_cmpstr (lanka_import_candidate_get_subtitle (candidate), ==,
                   "Stödcenter · 1 contact person");
  g_assert_null (lanka_import_candidate_get_agency_uuid (candidate));
  g_assert_cmpstr (lanka_agency_get_unit (entry_agency (candidate)), ==, "Stödcenter");
  g_assert_cmpstr (lanka_agency_get_notes (entry_agency (candidate)), ==,
                   "Öppet vardagar 9–16.\nRing först, kom sedan.");
  channels = lanka_agency_get_channels (entry_agency (candidate));
  g_assert_cmpuint (channels->len, ==, 5);
  assert_channel (channels, 0, LANKA_CHANNEL_PHONE, "Switchboard", "+46 8 000 00 10");
  assert_channel (channels, 1, LANKA_CHANNEL_PHONE, "Jour", "08-000 00 11");
  assert_channel (channels, 2, LANKA_CHANNEL_EMAIL, NULL, "stod@example.org");
  assert_channel (channels, 3, LANKA_CHANNEL_ADDRESS, NULL,
                  "Storgatan 1, 111 22 Stockholm, Sverige");
  assert_channel (channels, 4, LANKA_CHANNEL_WEB, NULL, "https://example.org/stod");

  g_assert_cmpuint (entry_n_contacts (candidate), ==, 1);
  contact = entry_contact (candidate, 0);
  /* iOS wrote the Ö decomposed; Länka stores it as one letter. */
  g_assert_cmpstr (lanka_agency_contact_get_name (contact), ==, "Anna \xc3\x96" "berg");
  g_assert_cmpstr (lanka_agency_contact_get_role (contact), ==, "Kurator");
  channels = lanka_agency_contact_get_channels (contact);
  g_assert_cmpuint (channels->len, ==, 2);
  assert_channel (channels, 0, LANKA_CHANNEL_PHONE, "Mobile", "070-000 00 12");
  assert_channel (channels, 1, LANKA_CHANNEL_EMAIL, NULL, "anna@example.org");

  /* Two people of one organisation, written in different case. */
  candidate = candidate_at (candidates, 1);
  assert_candidate (candidate, 3, LANKA_IMPORT_STATUS_NEW, "Kvinnojouren Lilja");
  g_assert_cmpstr (lanka_import_candidate_get_subtitle (candidate), ==, "2 contact persons");
  g_assert_cmpuint (entry_n_contacts (candidate), ==, 2);
  g_assert_cmpstr (lanka_agency_contact_get_name (entry_contact (candidate, 0)), ==, "Bo Ek");
  contact = entry_contact (candidate, 1);
  g_assert_cmpstr (lanka_agency_contact_get_name (contact), ==, "Cecilia Lund");
  channels = lanka_agency_contact_get_channels (contact);
  assert_channel (channels, 0, LANKA_CHANNEL_EMAIL, "Jourmejl", "cecilia@example.se");
  assert_channel (channels, 1, LANKA_CHANNEL_PHONE, "Mobile", "+46 70 000 00 14");

  /* A person with no organisation has no agency to go under. */
  candidate = candidate_at (candidates, 2);
  assert_candidate (candidate, 5, LANKA_IMPORT_STATUS_UNREADABLE, "Dan Holm");
  assert_reason_contains (candidate, "no organisation");

  /* Five cards, one of them unreadable. */
  g_assert_cmpuint (import (fixture->database, candidates), ==, 4);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 2);
  g_assert_cmpuint (count_contacts (fixture->database), ==, 3);
}

static void
test_import_outlook (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) data = load_vector ("outlook.vcf");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);
  LankaImportCandidate *candidate;
  LankaAgencyContact *contact;
  GPtrArray *channels;

  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);

  /* Two people of the same organisation, one in quoted-printable. */
  candidate = candidate_at (candidates, 0);
  assert_candidate (candidate, 1, LANKA_IMPORT_STATUS_NEW, "Kvinnojouren i Växjö");
  g_assert_null (lanka_import_candidate_get_reason (candidate));
  g_assert_cmpuint (entry_n_contacts (candidate), ==, 2);

  contact = entry_contact (candidate, 0);
  g_assert_cmpstr (lanka_agency_contact_get_name (contact), ==, "Åsa Öberg");
  g_assert_cmpstr (lanka_agency_contact_get_role (contact), ==, "Jourhävande");
  /* Windows-1252's dash, and a line break across a soft line break. */
  g_assert_cmpstr (lanka_agency_contact_get_notes (contact), ==,
                   "Tar emot kvinnor med barn – även på helger.\nRing först.");
  channels = lanka_agency_contact_get_channels (contact);
  g_assert_cmpuint (channels->len, ==, 4);
  assert_channel (channels, 0, LANKA_CHANNEL_PHONE, NULL, "0470-00 00 01");
  assert_channel (channels, 1, LANKA_CHANNEL_PHONE, "Mobile", "070-000 00 02");
  assert_channel (channels, 2, LANKA_CHANNEL_PHONE, "Fax", "0470-00 00 03");
  assert_channel (channels, 3, LANKA_CHANNEL_EMAIL, NULL, "asa@example.se");
  g_assert_cmpstr (lanka_agency_contact_get_name (entry_contact (candidate, 1)), ==, "Erik Lind");

  /* A company card: FN is the company and there is no person's name. */
  candidate = candidate_at (candidates, 1);
  assert_candidate (candidate, 2, LANKA_IMPORT_STATUS_NEW, "Socialtjänsten Växjö");
  g_assert_cmpstr (lanka_agency_get_unit (entry_agency (candidate)), ==, "Mottagningen");
  g_assert_cmpuint (entry_n_contacts (candidate), ==, 0);
  channels = lanka_agency_get_channels (entry_agency (candidate));
  g_assert_cmpuint (channels->len, ==, 3);
  assert_channel (channels, 0, LANKA_CHANNEL_PHONE, NULL, "0470-00 00 04");
  assert_channel (channels, 1, LANKA_CHANNEL_WEB, NULL, "www.example.se");
  assert_channel (channels, 2, LANKA_CHANNEL_ADDRESS, NULL,
                  "Kungsgatan 8\nIngång B, 352 30 Växjö, Sverige");

  g_assert_cmpuint (import (fixture->database, candidates), ==, 3);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 2);
  g_assert_cmpuint (count_contacts (fixture->database), ==, 2);
}

static void
test_import_google (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GBytes) data = load_vector ("google.vcf");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);
  LankaImportCandidate *candidate;
  LankaAgencyContact *contact;
  GPtrArray *channels;

  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);

  /* "Länsstyrelsen  Skåne" with two spaces is the same organisation. */
  candidate = candidate_at (candidates, 0);
  assert_candidate (candidate, 1, LANKA_IMPORT_STATUS_NEW, "Länsstyrelsen Skåne");
  g_assert_cmpuint (entry_n_contacts (candidate), ==, 2);
  contact = entry_contact (candidate, 0);
  g_assert_cmpstr (lanka_agency_contact_get_name (contact), ==, "Maria Nyström");
  g_assert_cmpstr (lanka_agency_contact_get_role (contact), ==,
                   "Regional samordnare mot prostitution och människohandel");
  channels = lanka_agency_contact_get_channels (contact);
  g_assert_cmpuint (channels->len, ==, 3);
  assert_channel (channels, 0, LANKA_CHANNEL_EMAIL, NULL, "maria.nystrom@example.se");
  assert_channel (channels, 1, LANKA_CHANNEL_PHONE, "Mobile", "070 000 00 20");
  assert_channel (channels, 2, LANKA_CHANNEL_PHONE, "Direkt", "+46 40 000 00 21");
  g_assert_cmpstr (lanka_agency_contact_get_name (entry_contact (candidate, 1)), ==, "Ola Persson");

  candidate = candidate_at (candidates, 1);
  assert_candidate (candidate, 3, LANKA_IMPORT_STATUS_NEW, "Migrationsverket");
  channels = lanka_agency_get_channels (entry_agency (candidate));
  g_assert_cmpuint (channels->len, ==, 4);
  assert_channel (channels, 2, LANKA_CHANNEL_ADDRESS, "Postadress",
                  "Box 1, 601 70 Norrköping, Sverige");
  /* Google escapes the colon of a web address. */
  assert_channel (channels, 3, LANKA_CHANNEL_WEB, NULL, "http://www.example.se/migration");

  g_assert_cmpuint (import (fixture->database, candidates), ==, 3);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 2);
  g_assert_cmpuint (count_contacts (fixture->database), ==, 2);
}

static void
test_import_thunderbird (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GBytes) data = load_vector ("thunderbird.vcf");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);
  LankaImportCandidate *candidate;
  LankaAgencyContact *contact;
  GPtrArray *channels;

  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);

  candidate = candidate_at (candidates, 0);
  assert_candidate (candidate, 1, LANKA_IMPORT_STATUS_NEW, "Region Skåne");
  g_assert_cmpstr (lanka_import_candidate_get_subtitle (candidate), ==,
                   "Barnahus Lund · 2 contact persons");

  contact = entry_contact (candidate, 0);
  g_assert_cmpstr (lanka_agency_contact_get_name (contact), ==, "Karin Berg");
  g_assert_cmpstr (lanka_agency_contact_get_role (contact), ==, "Barnsamordnare");
  g_assert_cmpstr (lanka_agency_contact_get_notes (contact), ==,
                   "Kontaktperson för barn som kan vara utsatta för människohandel. "
                   "Talar svenska, engelska och rumänska.");
  channels = lanka_agency_contact_get_channels (contact);
  g_assert_cmpuint (channels->len, ==, 3);
  assert_channel (channels, 0, LANKA_CHANNEL_EMAIL, NULL, "karin.berg@example.se");
  assert_channel (channels, 1, LANKA_CHANNEL_PHONE, NULL, "+46 46 000 00 30");
  assert_channel (channels, 2, LANKA_CHANNEL_PHONE, "Mobile", "+46700000031");

  /* A contact person has phones and e-mail addresses, nothing else. */
  contact = entry_contact (candidate, 1);
  channels = lanka_agency_contact_get_channels (contact);
  g_assert_cmpuint (channels->len, ==, 1);
  assert_channel (channels, 0, LANKA_CHANNEL_EMAIL, NULL, "johan.ek@example.se");

  g_assert_cmpuint (import (fixture->database, candidates), ==, 2);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 1);
  g_assert_cmpuint (count_contacts (fixture->database), ==, 2);
}

static void
test_import_mixed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GBytes) data = load_vector ("mixed.vcf");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);
  LankaImportCandidate *candidate;
  LankaAgencyContact *contact;

  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 7);

  /* The person has no ORG: RELATED alone puts her under the agency. */
  candidate = candidate_at (candidates, 0);
  assert_candidate (candidate, 1, LANKA_IMPORT_STATUS_NEW, "Exempelmyndigheten");
  g_assert_cmpuint (entry_n_contacts (candidate), ==, 1);
  contact = entry_contact (candidate, 0);
  g_assert_cmpstr (lanka_agency_contact_get_name (contact), ==, "Johan Sand");
  g_assert_cmpstr (lanka_agency_contact_get_role (contact), ==, "Samordnare");
  assert_channel (lanka_agency_get_channels (entry_agency (candidate)), 0,
                  LANKA_CHANNEL_PHONE, NULL, "+46-8-000-00-40");

  candidate = candidate_at (candidates, 1);
  assert_candidate (candidate, 3, LANKA_IMPORT_STATUS_UNREADABLE, "Card 3");
  assert_reason_contains (candidate, "END:VCARD");
  lanka_import_candidate_set_selected (candidate, TRUE);
  g_assert_false (lanka_import_candidate_get_selected (candidate));

  /* A bad e-mail address costs the address, not the card. */
  candidate = candidate_at (candidates, 2);
  assert_candidate (candidate, 4, LANKA_IMPORT_STATUS_NEW, "Hjälpföreningen");
  assert_reason_contains (candidate, "“lisa@@example” was left out");
  contact = entry_contact (candidate, 0);
  g_assert_cmpuint (lanka_agency_contact_get_channels (contact)->len, ==, 1);
  assert_channel (lanka_agency_contact_get_channels (contact), 0,
                  LANKA_CHANNEL_PHONE, NULL, "070-000 00 41");

  candidate = candidate_at (candidates, 3);
  assert_candidate (candidate, 5, LANKA_IMPORT_STATUS_UNREADABLE, "Alla kontakter");
  assert_reason_contains (candidate, "group");

  candidate = candidate_at (candidates, 4);
  assert_candidate (candidate, 6, LANKA_IMPORT_STATUS_UNREADABLE, "Card 6");
  assert_reason_contains (candidate, "no name");

  candidate = candidate_at (candidates, 5);
  assert_candidate (candidate, 7, LANKA_IMPORT_STATUS_DUPLICATE, "EXEMPELMYNDIGHETEN");
  g_assert_null (lanka_import_candidate_get_duplicate_uuid (candidate));
  assert_reason_contains (candidate, "Looks like card 1 in this file: same name.");

  candidate = candidate_at (candidates, 6);
  assert_candidate (candidate, 8, LANKA_IMPORT_STATUS_UNREADABLE, "Card 8");
  assert_reason_contains (candidate, "cut off");

  /* The good cards import around the bad ones. */
  g_assert_cmpuint (import (fixture->database, candidates), ==, 3);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 2);
  g_assert_cmpuint (count_contacts (fixture->database), ==, 2);
}

/* Bad files */

static void
assert_refused (Fixture    *fixture,
                GBytes     *data,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;

  candidates = lanka_vcard_directory_prepare_import (fixture->database, data, NULL, &error);
  g_assert_error (error, LANKA_IO_ERROR, code);
  g_assert_null (candidates);
  /* A sentence for the person, not a code. */
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 0);
}

static void
test_bad_empty (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GBytes) data = g_bytes_new_static ("", 0);

  assert_refused (fixture, data, LANKA_IO_ERROR_EMPTY);
}

static void
test_bad_binary (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260115);
  guint8 junk[4096];
  g_autoptr(GBytes) data = NULL;

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  /* As if a picture had been chosen by mistake. */
  memcpy (junk, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  data = g_bytes_new (junk, sizeof junk);

  assert_refused (fixture, data, LANKA_IO_ERROR_NOT_TEXT);
}

static void
test_bad_too_large (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char card[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Stor Fil\r\nORG:Stora filen\r\n"
                             "END:VCARD\r\n";
  gsize size = LANKA_VCARD_MAX_FILE_SIZE + 1;
  char *text = g_malloc (size);
  g_autoptr(GBytes) data = NULL;

  /* Good cards all the way: only the size is wrong. */
  for (gsize i = 0; i < size; i++)
    text[i] = card[i % (sizeof card - 1)];
  data = g_bytes_new_take (text, size);

  assert_refused (fixture, data, LANKA_IO_ERROR_TOO_LARGE);
}

static void
test_bad_no_cards (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GBytes) data = bytes_from_string ("Namn;Telefon\r\nAnna;070-000 00 01\r\n");

  assert_refused (fixture, data, LANKA_IO_ERROR_MALFORMED);
}

/* A file of nothing but bad cards reads, lists them, and imports nothing. */
static void
test_bad_all_cards (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GBytes) data = bytes_from_string ("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:070-000 00 01\r\n"
                                              "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\n"
                                              "FN:Ensam Person\r\nEND:VCARD\r\n"
                                              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN: \r\n"
                                              "KIND:individual\r\nORG:Namnlösa\r\n"
                                              "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\n"
                                              "FN:\t\r\nX-ABShowAs:COMPANY\r\nORG: \r\n"
                                              "END:VCARD\r\n"
                                              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Avbruten\r\n");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);

  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 5);
  assert_candidate (candidate_at (candidates, 0), 1, LANKA_IMPORT_STATUS_UNREADABLE, NULL);
  assert_candidate (candidate_at (candidates, 1), 2, LANKA_IMPORT_STATUS_UNREADABLE,
                    "Ensam Person");
  /* A name of nothing but spaces is no name. */
  assert_candidate (candidate_at (candidates, 2), 3, LANKA_IMPORT_STATUS_UNREADABLE, "Card 3");
  assert_reason_contains (candidate_at (candidates, 2), "no name");
  assert_candidate (candidate_at (candidates, 3), 4, LANKA_IMPORT_STATUS_UNREADABLE, "Card 4");
  assert_reason_contains (candidate_at (candidates, 3), "no name");
  assert_candidate (candidate_at (candidates, 4), 5, LANKA_IMPORT_STATUS_UNREADABLE, NULL);

  g_assert_cmpuint (import (fixture->database, candidates), ==, 0);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 0);
}

/* Duplicates */

static void
test_duplicates_directory (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaAgency) lilja = lanka_agency_new ();
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GListModel) candidates = NULL;
  const char *uuid;

  lanka_agency_set_name (lilja, "Kvinnojouren Lilja");
  lanka_agency_set_organisation_number (lilja, "802400-0005");
  lanka_agency_add_channel (lilja, LANKA_CHANNEL_PHONE, NULL, "0470-00 00 99");
  lanka_agency_add_channel (lilja, LANKA_CHANNEL_EMAIL, NULL, "info@lilja.example.se");
  lanka_directory_add_agency (fixture->database, lilja, &error);
  g_assert_no_error (error);
  uuid = lanka_agency_get_uuid (lilja);

  data = bytes_from_string ("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:KVINNOJOUREN  LILJA\r\n"
                            "END:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Annat namn\r\n"
                            "TEL:+46 470 000 099\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Tredje namnet\r\n"
                            "EMAIL:INFO@lilja.example.se\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Fjärde namnet\r\n"
                            "X-LANKA-ORGANISATION-NUMBER:8024000005\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Helt ny aktör\r\n"
                            "TEL:0470-00 00 98\r\nEND:VCARD\r\n");
  candidates = prepare (fixture->database, data);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 5);

  assert_candidate (candidate_at (candidates, 0), 1, LANKA_IMPORT_STATUS_DUPLICATE, NULL);
  assert_reason_contains (candidate_at (candidates, 0),
                          "Looks like “Kvinnojouren Lilja” in the directory: same name.");
  assert_candidate (candidate_at (candidates, 1), 2, LANKA_IMPORT_STATUS_DUPLICATE, NULL);
  assert_reason_contains (candidate_at (candidates, 1), ": same phone number.");
  assert_candidate (candidate_at (candidates, 2), 3, LANKA_IMPORT_STATUS_DUPLICATE, NULL);
  assert_reason_contains (candidate_at (candidates, 2), ": same e-mail address.");
  assert_candidate (candidate_at (candidates, 3), 4, LANKA_IMPORT_STATUS_DUPLICATE, NULL);
  assert_reason_contains (candidate_at (candidates, 3), ": same organisation number.");
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (lanka_import_candidate_get_duplicate_uuid (candidate_at (candidates, i)), ==,
                     uuid);
  assert_candidate (candidate_at (candidates, 4), 5, LANKA_IMPORT_STATUS_NEW, "Helt ny aktör");
  g_assert_null (lanka_import_candidate_get_duplicate_uuid (candidate_at (candidates, 4)));

  /* Only the new one unless the person ticks a duplicate too. */
  g_assert_cmpuint (import (fixture->database, candidates), ==, 1);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 2);
}

static void
test_duplicates_in_file (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GListModel) candidates = NULL;

  data = bytes_from_string ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hjälplinjen\r\nORG:Hjälplinjen\r\n"
                            "TEL:020-00 00 01\r\nEMAIL:info@hjalp.example.se\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Stödlinjen\r\nORG:Stödlinjen\r\n"
                            "TEL:+46 20 00 00 01\r\nEMAIL:INFO@hjalp.example.se\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hjälplinjen\r\n"
                            "ORG:Hjälplinjen;Väst\r\n"
                            "TEL;TYPE=WORK:031-00 00 02\r\nTEL;TYPE=FAX:031-00 00 02\r\n"
                            "END:VCARD\r\n");
  candidates = prepare (fixture->database, data);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 3);

  assert_candidate (candidate_at (candidates, 0), 1, LANKA_IMPORT_STATUS_NEW, "Hjälplinjen");
  assert_candidate (candidate_at (candidates, 1), 2, LANKA_IMPORT_STATUS_DUPLICATE, "Stödlinjen");
  assert_reason_contains (candidate_at (candidates, 1),
                          "Looks like card 1 in this file: same phone number, "
                          "same e-mail address.");
  /* Another unit of the same organisation is another agency, and a number
   * given twice on one card makes no card a duplicate of itself.
   */
  assert_candidate (candidate_at (candidates, 2), 3, LANKA_IMPORT_STATUS_NEW, "Hjälplinjen");

  /* Ticked by the person, the duplicate is imported as well. */
  lanka_import_candidate_set_selected (candidate_at (candidates, 1), TRUE);
  g_assert_cmpuint (import (fixture->database, candidates), ==, 3);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 3);
}

/* People whose organisation is in the directory join it. */
static void
test_join_existing (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaAgency) lansstyrelsen = NULL;
  g_autoptr(GBytes) data = load_vector ("google.vcf");
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  LankaImportCandidate *candidate;

  lansstyrelsen = add_agency (fixture->database, "Länsstyrelsen Skåne", NULL);
  add_contact (fixture->database, lansstyrelsen, "Ola Persson");

  candidates = prepare (fixture->database, data);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);

  candidate = candidate_at (candidates, 0);
  assert_candidate (candidate, 1, LANKA_IMPORT_STATUS_NEW, "Maria Nyström");
  g_assert_cmpstr (lanka_import_candidate_get_subtitle (candidate), ==,
                   "Adds 1 contact person to “Länsstyrelsen Skåne”");
  g_assert_cmpstr (lanka_import_candidate_get_agency_uuid (candidate), ==,
                   lanka_agency_get_uuid (lansstyrelsen));
  assert_reason_contains (candidate, "1 person on these cards is already a contact person");
  g_assert_cmpuint (entry_n_contacts (candidate), ==, 1);

  g_assert_cmpuint (import (fixture->database, candidates), ==, 2);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 2);

  contacts = contacts_of (fixture->database, lansstyrelsen);
  g_assert_cmpuint (contacts->len, ==, 2);

  /* The same file again: nothing new for Länsstyrelsen, which says so. */
  g_clear_object (&candidates);
  candidates = prepare (fixture->database, data);
  candidate = candidate_at (candidates, 0);
  assert_candidate (candidate, 1, LANKA_IMPORT_STATUS_DUPLICATE, "Maria Nyström, Ola Persson");
  assert_reason_contains (candidate, "These people are already contact persons of "
                                     "“Länsstyrelsen Skåne”.");
  g_assert_cmpstr (lanka_import_candidate_get_duplicate_uuid (candidate), ==,
                   lanka_agency_get_uuid (lansstyrelsen));
  assert_candidate (candidate_at (candidates, 1), 3, LANKA_IMPORT_STATUS_DUPLICATE,
                    "Migrationsverket");
}

/* Transactions */

/* A failure halfway leaves nothing behind, and the same candidates can be
 * imported once the cause is gone.
 */
static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LankaAgency) lansstyrelsen = NULL;
  g_autoptr(GBytes) data = load_vector ("google.vcf");
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GError) error = NULL;
  LankaImportCandidate *join;
  LankaImportCandidate *migrationsverket;
  guint n_imported = G_MAXUINT;

  lansstyrelsen = add_agency (fixture->database, "Länsstyrelsen Skåne", NULL);
  candidates = prepare (fixture->database, data);
  join = candidate_at (candidates, 0);
  migrationsverket = candidate_at (candidates, 1);

  g_assert_nonnull (lanka_import_candidate_get_agency_uuid (join));
  g_assert_true (lanka_import_candidate_get_selected (migrationsverket));

  /* The agency the persons were to join is gone by the time of import. */
  lanka_directory_delete_agency (fixture->database, lanka_agency_get_uuid (lansstyrelsen), &error);
  g_assert_no_error (error);

  g_assert_false (lanka_vcard_directory_import (fixture->database, candidates, &n_imported,
                                                NULL, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n_imported, ==, 0);
  /* Migrationsverket came first in the transaction, and is not there. */
  g_assert_cmpuint (count_agencies (fixture->database), ==, 0);
  g_assert_null (lanka_agency_get_uuid (entry_agency (migrationsverket)));

  lanka_import_candidate_set_selected (join, FALSE);
  g_assert_cmpuint (import (fixture->database, candidates), ==, 1);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) data = load_vector ("iphone.vcf");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  none = lanka_vcard_directory_prepare_import (fixture->database, data, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
  g_clear_error (&error);

  g_assert_false (lanka_vcard_directory_import (fixture->database, candidates, NULL,
                                                cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 0);
}

/* The candidate as a list row sees it */

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_candidate_selected (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GBytes) data = load_vector ("iphone.vcf");
  g_autoptr(GListModel) candidates = prepare (fixture->database, data);
  LankaImportCandidate *good = candidate_at (candidates, 0);
  LankaImportCandidate *bad = candidate_at (candidates, 2);
  LankaImportStatus status;
  guint n_notified = 0;
  gboolean selected;

  g_signal_connect (good, "notify::selected", G_CALLBACK (on_notify_cb), &n_notified);
  g_signal_connect (bad, "notify::selected", G_CALLBACK (on_notify_cb), &n_notified);

  /* A check button bound to the property sets it through GObject. */
  g_object_set (good, "selected", FALSE, NULL);
  g_object_set (good, "selected", FALSE, NULL);
  g_assert_cmpuint (n_notified, ==, 1);
  g_object_get (good, "selected", &selected, "status", &status, NULL);
  g_assert_false (selected);
  g_assert_cmpint (status, ==, LANKA_IMPORT_STATUS_NEW);

  /* Refused, and said so, so that a bound check button unticks again. */
  g_object_set (bad, "selected", TRUE, NULL);
  g_assert_false (lanka_import_candidate_get_selected (bad));
  g_assert_cmpuint (n_notified, ==, 2);
  g_object_set (bad, "selected", FALSE, NULL);
  g_assert_cmpuint (n_notified, ==, 2);

  /* Nothing ticked, nothing written. */
  lanka_import_candidate_set_selected (candidate_at (candidates, 1), FALSE);
  g_assert_cmpuint (import (fixture->database, candidates), ==, 0);
  g_assert_cmpuint (count_agencies (fixture->database), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/io/vcard-directory/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip-4-0", test_round_trip_4_0);
  ADD ("round-trip-3-0", test_round_trip_3_0);
  ADD ("round-trip-related", test_related_beats_name);
  ADD ("export/selected", test_export_selected);
  g_test_add_func ("/io/vcard-directory/export/unsaved", test_to_cards_unsaved);
  ADD ("import/iphone", test_import_iphone);
  ADD ("import/outlook", test_import_outlook);
  ADD ("import/google", test_import_google);
  ADD ("import/thunderbird", test_import_thunderbird);
  ADD ("import/mixed", test_import_mixed);
  ADD ("import/join-existing", test_join_existing);
  ADD ("import/all-or-nothing", test_import_all_or_nothing);
  ADD ("import/cancel", test_cancel);
  ADD ("import/selected", test_candidate_selected);
  ADD ("bad/empty", test_bad_empty);
  ADD ("bad/binary", test_bad_binary);
  ADD ("bad/too-large", test_bad_too_large);
  ADD ("bad/no-cards", test_bad_no_cards);
  ADD ("bad/all-cards", test_bad_all_cards);
  ADD ("duplicates/directory", test_duplicates_directory);
  ADD ("duplicates/in-file", test_duplicates_in_file);

#undef ADD

  return g_test_run ();
}
