/* test-io-vcard.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lanka-io-error.h"
#include "lanka-vcard.h"

static GBytes *
load_vector (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "vcard", name, NULL);
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

/* Reads a file that must be readable, and hands back its cards. */
static GPtrArray *
read_ok (GBytes     *data,
         GPtrArray **problems_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (lanka_vcard_read_bytes (data, &cards, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cards);
  g_assert_nonnull (problems);

  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
  else
    g_assert_cmpuint (problems->len, ==, 0);

  return g_steal_pointer (&cards);
}

static GPtrArray *
read_vector (const char *name)
{
  g_autoptr(GBytes) data = load_vector (name);

  return read_ok (data, NULL);
}

static LankaVCard *
card_at (GPtrArray *cards,
         guint      index)
{
  g_assert_cmpuint (index, <, cards->len);
  return g_ptr_array_index (cards, index);
}

/* The first property called @name whose value is @value, which must exist. */
static LankaVCardProperty *
find_value (LankaVCard *card,
            const char *name,
            const char *value)
{
  g_autoptr(GPtrArray) found = lanka_vcard_dup_properties_named (card, name);

  for (guint i = 0; i < found->len; i++)
    {
      LankaVCardProperty *property = g_ptr_array_index (found, i);

      if (g_strcmp0 (lanka_vcard_property_get_value (property), value) == 0)
        return property;
    }

  g_error ("no %s with the value “%s”", name, value);
  return NULL;
}

static void
assert_components (LankaVCardProperty *property,
                   const char * const *expected)
{
  const char * const *components = lanka_vcard_property_get_components (property);

  g_assert_nonnull (property);
  g_assert_cmpstrv (components, expected);
}

static void
test_read_v21_outlook (void)
{
  g_autoptr(GPtrArray) cards = read_vector ("v21-outlook.vcf");
  LankaVCard *card;
  LankaVCardProperty *property;
  const char *note;
  static const char * const name[] = { "Öberg", "Åsa", "", "", "", NULL };
  static const char * const org[] = { "Kvinnojouren i Växjö", "Boende", NULL };

  g_assert_cmpuint (cards->len, ==, 2);
  card = card_at (cards, 0);
  g_assert_cmpint (lanka_vcard_get_version (card), ==, LANKA_VCARD_VERSION_2_1);

  /* Quoted-printable in ISO-8859-1 comes out as Swedish letters. */
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card), ==, "Åsa Öberg");
  assert_components (lanka_vcard_get_property (card, "N"), name);
  assert_components (lanka_vcard_get_property (card, "ORG"), org);

  /* Bare 2.1 types become TYPE values. */
  property = find_value (card, "TEL", "+46 470 00 00 01");
  g_assert_true (lanka_vcard_property_has_type (property, "home"));
  g_assert_true (lanka_vcard_property_has_type (property, "voice"));
  property = find_value (card, "TEL", "070-000 00 02");
  g_assert_true (lanka_vcard_property_has_type (property, "cell"));
  property = find_value (card, "TEL", "0470-00 00 03");
  g_assert_true (lanka_vcard_property_has_type (property, "fax"));
  g_assert_cmpuint (lanka_vcard_property_get_pref (property), ==, 1);
  property = find_value (card, "EMAIL", "asa@example.se");
  g_assert_true (lanka_vcard_property_has_type (property, "internet"));

  /* The soft line break joined "f" and "ör" into one word. */
  note = lanka_vcard_get_note (card);
  g_assert_nonnull (strstr (note, "Tar emot kvinnor med barn."));
  g_assert_nonnull (strstr (note, "Särskilt boende för våldsutsatta; Även helger."));

  /* The embedded picture is skipped, not mistaken for properties. */
  g_assert_null (lanka_vcard_get_property (card, "PHOTO"));
  g_assert_cmpuint (lanka_vcard_get_properties (card)->len, ==, 8);

  /* No FN, but N is enough for a name. */
  card = card_at (cards, 1);
  g_assert_null (lanka_vcard_get_formatted_name (card));
  g_assert_cmpstr (lanka_vcard_dup_display_name (card), ==, "Erik Lind");
  property = find_value (card, "TEL", "08-000 00 04");
  g_assert_true (lanka_vcard_property_has_type (property, "work"));
}

static void
test_read_v30_apple (void)
{
  g_autoptr(GPtrArray) cards = read_vector ("v30-apple.vcf");
  LankaVCard *card = card_at (cards, 0);
  LankaVCardProperty *property;
  g_autofree char *work_label = NULL;
  g_autofree char *jour_label = NULL;
  g_autofree char *web_label = NULL;
  static const char * const adr[] = { "", "", "Storgatan 1", "Stockholm", "", "111 22", "Sverige", NULL };

  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_cmpint (lanka_vcard_get_version (card), ==, LANKA_VCARD_VERSION_3_0);
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card), ==, "Stadsmissionen Stödcenter");

  /* Apple labels a number through its group. */
  property = find_value (card, "TEL", "+46 8 000 00 10");
  g_assert_cmpstr (lanka_vcard_property_get_group (property), ==, "item1");
  g_assert_cmpuint (lanka_vcard_property_get_pref (property), ==, 1);
  work_label = lanka_vcard_dup_label (card, property);
  g_assert_cmpstr (work_label, ==, "Work");
  property = find_value (card, "TEL", "+46 8 000 00 11");
  jour_label = lanka_vcard_dup_label (card, property);
  g_assert_cmpstr (jour_label, ==, "Jour");

  /* "type=a;type=b" gathers into one list, in lower case. */
  property = find_value (card, "EMAIL", "stod@example.org");
  g_assert_true (lanka_vcard_property_has_type (property, "work"));
  g_assert_true (lanka_vcard_property_has_type (property, "internet"));
  g_assert_cmpuint (lanka_vcard_property_get_pref (property), ==, 1);

  assert_components (lanka_vcard_get_property (card, "ADR"), adr);
  g_assert_true (lanka_vcard_property_has_type (lanka_vcard_get_property (card, "ADR"), "work"));

  property = find_value (card, "URL", "https://example.org/stod?a=1,b=2");
  web_label = lanka_vcard_dup_label (card, property);
  g_assert_cmpstr (web_label, ==, "HomePage");

  g_assert_cmpstr (lanka_vcard_get_note (card), ==, "Öppet vardagar 9–16.\nRing först, kom sedan.");
}

static void
test_read_v30_google (void)
{
  g_autoptr(GPtrArray) cards = read_vector ("v30-google.vcf");
  LankaVCard *card = card_at (cards, 0);
  LankaVCardProperty *property;
  static const char * const categories[] = { "myContacts", "Samverkan", NULL };

  g_assert_cmpuint (cards->len, ==, 1);
  /* The byte order mark does not end up in the first property. */
  g_assert_cmpint (lanka_vcard_get_version (card), ==, LANKA_VCARD_VERSION_3_0);
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card), ==, "Maria Nyström");

  property = find_value (card, "EMAIL", "maria.nystrom@example.se");
  g_assert_true (lanka_vcard_property_has_type (property, "work"));
  g_assert_false (lanka_vcard_property_has_type (property, "home"));
  property = find_value (card, "TEL", "+46 40 000 00 21");
  g_assert_true (lanka_vcard_property_has_type (property, "work"));
  g_assert_true (lanka_vcard_property_has_type (property, "voice"));

  g_assert_cmpstr (lanka_vcard_get_value (card, "URL"), ==, "http://www.example.se/");
  g_assert_cmpstr (lanka_vcard_property_get_components (lanka_vcard_get_property (card, "ADR"))[3],
                   ==, "Malmö");
  assert_components (lanka_vcard_get_property (card, "CATEGORIES"), categories);
}

static void
test_read_v40_thunderbird (void)
{
  g_autoptr(GPtrArray) cards = read_vector ("v40-thunderbird.vcf");
  LankaVCard *card = card_at (cards, 0);
  LankaVCardProperty *property;

  g_assert_cmpint (lanka_vcard_get_version (card), ==, LANKA_VCARD_VERSION_4_0);
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card), ==, "Karin Berg");
  g_assert_cmpstr (lanka_vcard_get_uid (card), ==, "0b5e1c7a-1f0e-4d2b-9a55-3c1d7e2f8a10");
  g_assert_cmpuint (lanka_vcard_property_get_pref (lanka_vcard_get_property (card, "EMAIL")), ==, 1);

  /* A tel: URI shows as the number a person would dial. */
  property = find_value (card, "TEL", "+46700000031");
  g_assert_true (lanka_vcard_property_has_type (property, "cell"));
  property = find_value (card, "TEL", "+46 8 000 00 30");
  g_assert_true (lanka_vcard_property_has_type (property, "work"));

  /* Unfolded (one space removed, the second kept) and unescaped. */
  g_assert_cmpstr (lanka_vcard_get_note (card), ==,
                   "Kontaktperson för återvändande. Talar svenska, engelska och rumänska. "
                   "Nås bäst på förmiddagar.");
}

static void
test_read_v40_org_related (void)
{
  g_autoptr(GPtrArray) cards = read_vector ("v40-org-related.vcf");
  LankaVCard *agency = card_at (cards, 0);
  LankaVCard *person = card_at (cards, 1);
  LankaVCardProperty *property;
  const char * const *label;

  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (lanka_vcard_get_kind (agency), ==, "org");
  g_assert_cmpstr (lanka_vcard_get_kind (person), ==, "individual");

  /* A quoted TYPE list and a quoted label with a comma in it. */
  property = find_value (agency, "TEL", "+46-8-000-00-40");
  /* Without "tel:" the number is no longer a URI. */
  g_assert_null (lanka_vcard_property_get_parameter (property, "VALUE"));
  g_assert_true (lanka_vcard_property_has_type (property, "work"));
  g_assert_true (lanka_vcard_property_has_type (property, "voice"));
  g_assert_cmpuint (lanka_vcard_property_get_pref (property), ==, 1);
  label = lanka_vcard_property_get_parameter (lanka_vcard_get_property (agency, "ADR"), "LABEL");
  g_assert_nonnull (label);
  g_assert_cmpstr (label[0], ==, "Box 123, 101 23 Stockholm");

  /* The person points at the agency by its UID. */
  property = lanka_vcard_get_property (person, "RELATED");
  g_assert_nonnull (property);
  g_assert_cmpstr (lanka_vcard_property_get_value (property), ==, lanka_vcard_get_uid (agency));
  g_assert_true (lanka_vcard_property_has_type (property, "co-worker"));
  g_assert_cmpstr (lanka_vcard_get_value (person, "ORG"), ==, "Exempelmyndigheten");
}

/* An agency and a contact person, with what tends to go wrong on the way. */
static GPtrArray *
make_cards (void)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_vcard_unref);
  LankaVCard *agency = lanka_vcard_new ();
  LankaVCard *person = lanka_vcard_new ();
  LankaVCardProperty *property;
  static const char * const org[] = { "Stöd; Råd, Hjälp", "Enhet\\Syd", NULL };
  static const char * const adr[] = { "", "", "Östra vägen 5", "Växjö", "", "352 30", "Sverige", NULL };
  static const char * const name[] = { "Ek", "Johan", "", "", "", NULL };

  lanka_vcard_add_property (agency, lanka_vcard_property_new (NULL, "KIND", "org"));
  lanka_vcard_add_property (agency, lanka_vcard_property_new (NULL, "FN", "Stöd; Råd, Hjälp"));
  lanka_vcard_add_property (agency, lanka_vcard_property_new_structured (NULL, "ORG", org));
  lanka_vcard_add_property (agency, lanka_vcard_property_new (NULL, "UID", "urn:uuid:1"));
  property = lanka_vcard_property_new (NULL, "TEL", "+46 470 00 00 50");
  lanka_vcard_property_add_parameter (property, "TYPE", "work");
  lanka_vcard_property_add_parameter (property, "TYPE", "voice");
  lanka_vcard_property_add_parameter (property, "PREF", "1");
  lanka_vcard_add_property (agency, property);
  property = lanka_vcard_property_new_structured (NULL, "ADR", adr);
  lanka_vcard_property_add_parameter (property, "TYPE", "work");
  lanka_vcard_add_property (agency, property);
  lanka_vcard_add_property (agency, lanka_vcard_property_new (NULL, "URL", "https://example.se/a,b;c"));
  lanka_vcard_add_property (agency,
                            lanka_vcard_property_new (NULL, "NOTE",
                                                      "Rad ett\nRad två med \\ och ; och ,"));

  lanka_vcard_add_property (person, lanka_vcard_property_new (NULL, "KIND", "individual"));
  lanka_vcard_add_property (person, lanka_vcard_property_new (NULL, "FN", "Johan Ek"));
  lanka_vcard_add_property (person, lanka_vcard_property_new_structured (NULL, "N", name));
  lanka_vcard_add_property (person, lanka_vcard_property_new (NULL, "ORG", "Stöd; Råd, Hjälp"));
  lanka_vcard_add_property (person, lanka_vcard_property_new (NULL, "RELATED", "urn:uuid:1"));
  property = lanka_vcard_property_new ("item1", "EMAIL", "johan@example.se");
  lanka_vcard_property_add_parameter (property, "TYPE", "work");
  lanka_vcard_add_property (person, property);

  g_ptr_array_add (cards, agency);
  g_ptr_array_add (cards, person);
  return cards;
}

/* 3.0 says "pref" among the types where 4.0 says PREF=1; both are
 * compared through lanka_vcard_property_get_pref().
 */
static GStrv
dup_types_but_pref (LankaVCardProperty *property)
{
  const char * const *types = lanka_vcard_property_get_types (property);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; types[i] != NULL; i++)
    if (!g_str_equal (types[i], "pref"))
      g_strv_builder_add (builder, types[i]);

  return g_strv_builder_end (builder);
}

/* The writer fills N and ADR up to their five and seven parts; empty
 * parts at the end mean the same as none.
 */
static void
assert_same_components (const char * const *actual,
                        const char * const *expected)
{
  guint n_actual = g_strv_length ((char **) actual);
  guint n_expected = g_strv_length ((char **) expected);

  for (guint i = 0; i < MAX (n_actual, n_expected); i++)
    g_assert_cmpstr (i < n_actual ? actual[i] : "", ==, i < n_expected ? expected[i] : "");
}

static void
assert_same_card (LankaVCard *written,
                  LankaVCard *read,
                  gboolean    through_3_0)
{
  GPtrArray *properties = lanka_vcard_get_properties (written);

  g_assert_cmpstr (lanka_vcard_get_kind (read), ==, lanka_vcard_get_kind (written));

  for (guint i = 0; i < properties->len; i++)
    {
      LankaVCardProperty *expected = g_ptr_array_index (properties, i);
      const char *name = lanka_vcard_property_get_name (expected);
      LankaVCardProperty *actual;
      g_auto(GStrv) actual_types = NULL;
      g_auto(GStrv) expected_types = NULL;

      if (g_str_equal (name, "KIND"))
        continue;
      /* 3.0 has no RELATED; it travels as X-RELATED. */
      if (through_3_0 && g_str_equal (name, "RELATED"))
        name = "X-RELATED";

      /* The n-th TEL written is the n-th TEL read. */
      {
        g_autoptr(GPtrArray) same_written =
          lanka_vcard_dup_properties_named (written, lanka_vcard_property_get_name (expected));
        g_autoptr(GPtrArray) same_read = lanka_vcard_dup_properties_named (read, name);
        guint nth = 0;

        g_assert_true (g_ptr_array_find (same_written, expected, &nth));
        g_assert_cmpuint (nth, <, same_read->len);
        actual = g_ptr_array_index (same_read, nth);
      }
      g_assert_cmpstr (lanka_vcard_property_get_group (actual), ==,
                       lanka_vcard_property_get_group (expected));
      assert_same_components (lanka_vcard_property_get_components (actual),
                              lanka_vcard_property_get_components (expected));
      actual_types = dup_types_but_pref (actual);
      expected_types = dup_types_but_pref (expected);
      g_assert_cmpstrv (actual_types, expected_types);
      g_assert_cmpuint (lanka_vcard_property_get_pref (actual), ==,
                        lanka_vcard_property_get_pref (expected));
    }
}

static void
round_trip (LankaVCardVersion version)
{
  g_autoptr(GPtrArray) cards = make_cards ();
  g_autoptr(GBytes) written = lanka_vcard_write (cards, version);
  g_autoptr(GPtrArray) read = read_ok (written, NULL);
  gboolean through_3_0 = version == LANKA_VCARD_VERSION_3_0;
  g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));

  g_assert_cmpuint (read->len, ==, 2);
  for (guint i = 0; i < cards->len; i++)
    {
      g_assert_cmpint (lanka_vcard_get_version (card_at (read, i)), ==, version);
      assert_same_card (card_at (cards, i), card_at (read, i), through_3_0);
    }

  /* VERSION comes right after BEGIN. */
  g_assert_true (g_str_has_prefix (text, through_3_0 ? "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                                                     : "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  if (through_3_0)
    {
      g_assert_nonnull (strstr (text, "\r\nX-ADDRESSBOOKSERVER-KIND:org\r\n"));
      g_assert_nonnull (strstr (text, "TEL;TYPE=WORK,VOICE,PREF:"));
      g_assert_null (strstr (text, "\r\nKIND:"));
      g_assert_null (strstr (text, "\r\nRELATED"));
      g_assert_null (strstr (text, "PREF=1"));
    }
  else
    {
      g_assert_nonnull (strstr (text, "VERSION:4.0\r\nKIND:org\r\n"));
      g_assert_nonnull (strstr (text, "VERSION:4.0\r\nKIND:individual\r\n"));
      g_assert_nonnull (strstr (text, "TEL;TYPE=work,voice;PREF=1:+46 470 00 00 50\r\n"));
      g_assert_nonnull (strstr (text, "\r\nRELATED:urn:uuid:1\r\n"));
    }
}

static void
test_round_trip_4_0 (void)
{
  round_trip (LANKA_VCARD_VERSION_4_0);
}

static void
test_round_trip_3_0 (void)
{
  round_trip (LANKA_VCARD_VERSION_3_0);
}

static void
test_round_trip_vectors (void)
{
  static const char * const vectors[] = {
    "v21-outlook.vcf", "v30-apple.vcf", "v30-google.vcf", "v40-thunderbird.vcf",
    "v40-org-related.vcf",
  };

  /* What was read from other programs can be written and read again. */
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GPtrArray) cards = read_vector (vectors[i]);
      g_autoptr(GBytes) written = lanka_vcard_write (cards, LANKA_VCARD_VERSION_4_0);
      g_autoptr(GPtrArray) again = read_ok (written, NULL);

      g_assert_cmpuint (again->len, ==, cards->len);
      for (guint j = 0; j < cards->len; j++)
        assert_same_card (card_at (cards, j), card_at (again, j), FALSE);
    }
}

/* A parameter Länka does not know is not written back: a misspelt ENCODING
 * that still says QUOTED-PRINTABLE made a reader join the next lines to a
 * value ending in "=", and the next card vanished (found by the fuzzer).
 */
static void
test_unknown_parameter_not_written (void)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_vcard_unref);
  LankaVCardProperty *note;
  LankaVCard *card;

  card = lanka_vcard_new ();
  lanka_vcard_add_property (card, lanka_vcard_property_new (NULL, "FN", "Åsa Öberg"));
  note = lanka_vcard_property_new (NULL, "NOTE", "Tar emot kvinnor med barn f=");
  lanka_vcard_property_add_parameter (note, "EJCODING", "QUOTED-PRINTABLE");
  lanka_vcard_property_add_parameter (note, "X-SOURCE", "QUOTED-PRINTABLE");
  lanka_vcard_property_add_parameter (note, "X-LANKA-CHECKED", "yes");
  lanka_vcard_add_property (card, note);
  g_ptr_array_add (cards, card);

  card = lanka_vcard_new ();
  lanka_vcard_add_property (card, lanka_vcard_property_new (NULL, "FN", "Erik Lind"));
  g_ptr_array_add (cards, card);

  for (guint version = 0; version < 2; version++)
    {
      g_autoptr(GBytes) written = lanka_vcard_write (cards, version == 0 ? LANKA_VCARD_VERSION_4_0
                                                                         : LANKA_VCARD_VERSION_3_0);
      g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
      g_autoptr(GPtrArray) again = read_ok (written, NULL);

      g_assert_null (strstr (text, "EJCODING"));
      g_assert_null (strstr (text, "QUOTED-PRINTABLE"));
      /* A private X- parameter that means nothing dangerous is kept. */
      g_assert_nonnull (strstr (text, "X-LANKA-CHECKED=yes"));
      g_assert_cmpuint (again->len, ==, 2);
      g_assert_cmpstr (lanka_vcard_get_note (card_at (again, 0)), ==, "Tar emot kvinnor med barn f=");
    }
}

/* Every physical line is at most 75 octets, valid UTF-8 on its own, and
 * a long ASCII line is cut at exactly 75.
 */
static void
assert_folded (GBytes     *written,
               const char *expected_value)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_autoptr(GPtrArray) cards = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_null (strchr (lines[i], '\n'));
      /* Only a continuation may be shorter than it could be. */
      if (lines[i + 1] != NULL && lines[i + 1][0] == ' ')
        g_assert_cmpuint (strlen (lines[i]) + g_utf8_skip[(guchar) lines[i + 1][1]], >, 75);
    }

  cards = read_ok (written, NULL);
  g_assert_cmpstr (lanka_vcard_get_note (card_at (cards, 0)), ==, expected_value);
}

static GBytes *
write_note (const char *note)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_vcard_unref);
  LankaVCard *card = lanka_vcard_new ();

  lanka_vcard_add_property (card, lanka_vcard_property_new (NULL, "FN", "A"));
  lanka_vcard_add_property (card, lanka_vcard_property_new (NULL, "NOTE", note));
  g_ptr_array_add (cards, card);
  return lanka_vcard_write (cards, LANKA_VCARD_VERSION_4_0);
}

static void
test_fold (void)
{
  g_autoptr(GString) ascii = g_string_new (NULL);
  const char *fillers[] = { "å", "ä", "ö", "😀" };

  for (guint i = 0; i < 300; i++)
    g_string_append_c (ascii, 'a' + i % 26);

  {
    g_autoptr(GBytes) written = write_note (ascii->str);
    g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
    guint folded = 0;

    assert_folded (written, ascii->str);
    /* "NOTE:" and 300 letters: 75, 75, 75, 75 and the rest. */
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "NOTE:") || lines[i][0] == ' ')
        {
          if (lines[i + 1] != NULL && lines[i + 1][0] == ' ')
            g_assert_cmpuint (strlen (lines[i]), ==, 75);
          folded++;
        }
    g_assert_cmpuint (folded, ==, 5);
  }

  /* A two- or four-octet letter at every position around the cut. */
  for (guint f = 0; f < G_N_ELEMENTS (fillers); f++)
    for (guint shift = 0; shift < 8; shift++)
      {
        g_autoptr(GString) note = g_string_new (NULL);
        g_autoptr(GBytes) written = NULL;

        for (guint i = 0; i < 64 + shift; i++)
          g_string_append_c (note, 'x');
        for (guint i = 0; i < 40; i++)
          g_string_append (note, fillers[f]);

        written = write_note (note->str);
        assert_folded (written, note->str);
      }
}

static void
test_escape (void)
{
  g_autoptr(GBytes) written = write_note ("a,b;c\\d\ne");
  g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
  g_autoptr(GBytes) upper = bytes_from_string ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n"
                                               "NOTE:ett\\Ntvå\\\\tre\\;fyra\\,fem\r\n"
                                               "ORG:Ett\\;två;Enhet\\, syd\r\nEND:VCARD\r\n");
  g_autoptr(GPtrArray) cards = NULL;
  static const char * const org[] = { "Ett;två", "Enhet, syd", NULL };

  g_assert_nonnull (strstr (text, "\r\nNOTE:a\\,b\\;c\\\\d\\ne\r\n"));

  cards = read_ok (upper, NULL);
  g_assert_cmpstr (lanka_vcard_get_note (card_at (cards, 0)), ==, "ett\ntvå\\tre;fyra,fem");
  assert_components (lanka_vcard_get_property (card_at (cards, 0), "ORG"), org);
}

static void
assert_file_error (GBytes *data,
                   gint    code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_false (lanka_vcard_read_bytes (data, &cards, &problems, &error));
  g_assert_error (error, LANKA_IO_ERROR, code);
  g_assert_null (cards);
  g_assert_null (problems);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_bad_empty (void)
{
  g_autoptr(GBytes) data = g_bytes_new (NULL, 0);

  assert_file_error (data, LANKA_IO_ERROR_EMPTY);
}

static void
test_bad_binary (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  guint8 junk[4096];
  g_autoptr(GBytes) data = NULL;
  /* A PNG signature, as when a picture is chosen by mistake. */
  g_autoptr(GBytes) png = g_bytes_new ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  data = g_bytes_new (junk, sizeof junk);

  assert_file_error (data, LANKA_IO_ERROR_NOT_TEXT);
  assert_file_error (png, LANKA_IO_ERROR_NOT_TEXT);
}

static void
test_bad_no_begin (void)
{
  g_autoptr(GBytes) data = bytes_from_string ("VERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n");
  g_autoptr(GBytes) prose = bytes_from_string ("Dear colleague,\nhere are the numbers.\n");

  assert_file_error (data, LANKA_IO_ERROR_MALFORMED);
  assert_file_error (prose, LANKA_IO_ERROR_MALFORMED);
}

static void
test_bad_truncated (void)
{
  g_autoptr(GBytes) data =
    bytes_from_string ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Ek\r\nEND:VCARD\r\n"
                       "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Ek\r\nEND:VCARD\r\n"
                       "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cecilia Ek\r\nTEL:070");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cards = read_ok (data, &problems);
  LankaVCardProblem *problem;

  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card_at (cards, 0)), ==, "Anna Ek");
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card_at (cards, 1)), ==, "Bo Ek");

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->card_number, ==, 3);
  g_assert_cmpuint (problem->line, ==, 9);
  g_assert_nonnull (strstr (problem->message, "Card 3"));
  g_assert_nonnull (strstr (problem->message, "Cecilia Ek"));
  g_assert_nonnull (strstr (problem->message, "left out"));
}

static void
test_bad_nested (void)
{
  g_autoptr(GBytes) data =
    bytes_from_string ("BEGIN:VCARD\nVERSION:3.0\nFN:Anna\n"
                       "BEGIN:VCARD\nVERSION:3.0\nFN:Bo\nEND:VCARD\n"
                       "END:VCARD\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cards = read_ok (data, &problems);
  LankaVCardProblem *problem;

  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card_at (cards, 0)), ==, "Bo");
  g_assert_cmpuint (lanka_vcard_get_number (card_at (cards, 0)), ==, 2);

  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->card_number, ==, 1);
  g_assert_nonnull (strstr (problem->message, "Card 1"));
  /* The stray END:VCARD is named by its line. */
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpuint (problem->line, ==, 8);
}

static void
test_bad_no_name (void)
{
  g_autoptr(GBytes) data =
    bytes_from_string ("BEGIN:VCARD\r\nVERSION:4.0\r\nTEL:070\r\nEND:VCARD\r\n"
                       "BEGIN:VCARD\r\nVERSION:4.0\r\nORG:Polisen\r\nEND:VCARD\r\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cards = read_ok (data, &problems);
  LankaVCardProblem *problem;
  g_autofree char *name = NULL;

  g_assert_cmpuint (cards->len, ==, 1);
  name = lanka_vcard_dup_display_name (card_at (cards, 0));
  g_assert_cmpstr (name, ==, "Polisen");

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->card_number, ==, 1);
  g_assert_nonnull (strstr (problem->message, "Card 1 has no name"));
}

static void
test_bad_long_line (void)
{
  gsize long_len = 2 * 1024 * 1024;
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna\r\nNOTE:");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  LankaVCardProblem *problem;

  /* Folded, as a writer would, so that the limit is on the unfolded line. */
  for (gsize i = 0; i < long_len; i += 74)
    g_string_append (text, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n ");
  g_string_append (text, "x\r\nTEL:070-000 00 60\r\nEND:VCARD\r\n");
  data = g_bytes_new (text->str, text->len);

  cards = read_ok (data, &problems);
  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_null (lanka_vcard_get_note (card_at (cards, 0)));
  g_assert_cmpstr (lanka_vcard_get_value (card_at (cards, 0), "TEL"), ==, "070-000 00 60");

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_nonnull (strstr (problem->message, "Card 1"));
}

static void
test_bad_too_large (void)
{
  /* Calloc'd memory is not touched until read, and the size is checked
   * before anything is read, so this costs no real memory.
   */
  g_autoptr(GBytes) data = g_bytes_new_take (g_malloc0 (LANKA_VCARD_MAX_FILE_SIZE + 1),
                                             LANKA_VCARD_MAX_FILE_SIZE + 1);

  assert_file_error (data, LANKA_IO_ERROR_TOO_LARGE);
}

static void
test_bad_too_many_properties (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\nVERSION:4.0\nFN:Anna\n");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  for (guint i = 0; i < LANKA_VCARD_MAX_PROPERTIES + 10; i++)
    g_string_append_printf (text, "TEL:%u\n", i);
  g_string_append (text, "END:VCARD\n");
  data = g_bytes_new (text->str, text->len);

  cards = read_ok (data, &problems);
  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_cmpuint (lanka_vcard_get_properties (card_at (cards, 0))->len, ==,
                    LANKA_VCARD_MAX_PROPERTIES);
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_windows_1252 (void)
{
  /* "Malmö – Stödlinjen" with ö and the en dash in Windows-1252, no CHARSET. */
  g_autoptr(GBytes) data =
    bytes_from_string ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Malm\xf6 \x96 St\xf6" "dlinjen\r\n"
                       "END:VCARD\r\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cards = read_ok (data, &problems);
  LankaVCardProblem *problem;

  g_assert_cmpstr (lanka_vcard_get_formatted_name (card_at (cards, 0)), ==, "Malmö – Stödlinjen");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_nonnull (strstr (problem->message, "Windows-1252"));
}

static void
test_line_ends (void)
{
  /* Old Macs end lines with CR alone; some files mix. */
  g_autoptr(GBytes) data =
    bytes_from_string ("BEGIN:VCARD\rVERSION:3.0\rFN:Anna\r\n ( jour)\nTEL;TYPE=HOME:070\r"
                       "END:VCARD\r");
  g_autoptr(GPtrArray) cards = read_ok (data, NULL);
  LankaVCard *card = card_at (cards, 0);

  g_assert_cmpstr (lanka_vcard_get_formatted_name (card), ==, "Anna( jour)");
  g_assert_true (lanka_vcard_property_has_type (lanka_vcard_get_property (card, "TEL"), "home"));
}

static void
test_utf16 (void)
{
  const char *text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Åsa Öberg\r\nEND:VCARD\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) utf16 = g_byte_array_new ();
  g_autofree char *converted = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  gsize written = 0;

  /* As some Windows programs save it: a byte order mark, then UTF-16LE. */
  converted = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &written, &error);
  g_assert_no_error (error);
  g_byte_array_append (utf16, (const guint8 *) "\xff\xfe", 2);
  g_byte_array_append (utf16, (const guint8 *) converted, written);
  data = g_byte_array_free_to_bytes (g_steal_pointer (&utf16));

  cards = read_ok (data, NULL);
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card_at (cards, 0)), ==, "Åsa Öberg");
}

static void
test_unknown_charset (void)
{
  g_autoptr(GBytes) data =
    bytes_from_string ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=X-NONSENSE:G\xf6ran\r\n"
                       "END:VCARD\r\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cards = read_ok (data, &problems);
  LankaVCardProblem *problem;

  /* Read as the most likely guess, and the person is told. */
  g_assert_cmpstr (lanka_vcard_get_formatted_name (card_at (cards, 0)), ==, "Göran");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->card_number, ==, 1);
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_nonnull (strstr (problem->message, "X-NONSENSE"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/vcard/read/v21-outlook", test_read_v21_outlook);
  g_test_add_func ("/io/vcard/write/unknown-parameter", test_unknown_parameter_not_written);
  g_test_add_func ("/io/vcard/read/v30-apple", test_read_v30_apple);
  g_test_add_func ("/io/vcard/read/v30-google", test_read_v30_google);
  g_test_add_func ("/io/vcard/read/v40-thunderbird", test_read_v40_thunderbird);
  g_test_add_func ("/io/vcard/read/v40-org-related", test_read_v40_org_related);
  g_test_add_func ("/io/vcard/read/windows-1252", test_windows_1252);
  g_test_add_func ("/io/vcard/read/line-ends", test_line_ends);
  g_test_add_func ("/io/vcard/read/utf-16", test_utf16);
  g_test_add_func ("/io/vcard/read/unknown-charset", test_unknown_charset);
  g_test_add_func ("/io/vcard/round-trip/4.0", test_round_trip_4_0);
  g_test_add_func ("/io/vcard/round-trip/3.0", test_round_trip_3_0);
  g_test_add_func ("/io/vcard/round-trip/vectors", test_round_trip_vectors);
  g_test_add_func ("/io/vcard/write/fold", test_fold);
  g_test_add_func ("/io/vcard/write/escape", test_escape);
  g_test_add_func ("/io/vcard/bad/empty", test_bad_empty);
  g_test_add_func ("/io/vcard/bad/binary", test_bad_binary);
  g_test_add_func ("/io/vcard/bad/no-begin", test_bad_no_begin);
  g_test_add_func ("/io/vcard/bad/truncated", test_bad_truncated);
  g_test_add_func ("/io/vcard/bad/nested", test_bad_nested);
  g_test_add_func ("/io/vcard/bad/no-name", test_bad_no_name);
  g_test_add_func ("/io/vcard/bad/long-line", test_bad_long_line);
  g_test_add_func ("/io/vcard/bad/too-large", test_bad_too_large);
  g_test_add_func ("/io/vcard/bad/too-many-properties", test_bad_too_many_properties);

  return g_test_run ();
}
