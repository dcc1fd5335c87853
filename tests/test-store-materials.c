/* test-store-materials.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-database-private.h"
#include "lanka-key.h"
#include "lanka-materials.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"
#include "lanka-vocabulary.h"

#include <string.h>

/* The texts below are made up for the tests. */

#define PDF_HEADER "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"

static const char * const deck_pages[] = {
  "Människohandel i Sverige. Vad säger lagen om människohandel och människoexploatering?",
  "Tvångsarbete på byggarbetsplatser och i restauranger: tecken att känna igen.",
  "Barnäktenskap och tvångsäktenskap. Kontakta socialtjänsten vid oro.",
};

typedef struct
{
  char          *dir;
  char          *path;
  LankaKey      *key;
  LankaDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->key = lanka_key_new_random ();
  fixture->dir = lanka_test_make_data_dir ();
  fixture->path = g_build_filename (fixture->dir, "lanka.db", NULL);
  fixture->database = lanka_database_create (fixture->path, fixture->key, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->key, lanka_key_free);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  lanka_database_close (fixture->database);
  g_clear_object (&fixture->database);
  fixture->database = lanka_database_open (fixture->path, fixture->key, &error);
  g_assert_no_error (error);
}

static gint64
query_int (LankaDatabase *database,
           const char    *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _lanka_database_prepare (database, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/* A PDF-looking file: the header and @size bytes in all, unique by @seed. */
static GBytes *
make_pdf_bytes (const char *seed,
                gsize       size)
{
  g_autoptr(GString) data = g_string_new (PDF_HEADER);

  g_string_append_printf (data, "%% %s\n", seed);
  while (data->len < size)
    g_string_append_c (data, (char)('a' + data->len % 26));
  g_string_append (data, "\n%%EOF\n");

  return g_string_free_to_bytes (g_steal_pointer (&data));
}

static LankaMaterialContent *
make_content (const char         *title,
              const char         *kind,
              const char * const *texts,
              guint               n_texts)
{
  LankaMaterialContent *content = lanka_material_content_new ();
  g_autofree char *file_name = g_strdup_printf ("%s.pdf", title);

  content->kind = g_strdup (kind);
  content->title = g_strdup (title);
  content->file_name = g_steal_pointer (&file_name);
  content->mime_type = g_strdup ("application/pdf");
  content->data = make_pdf_bytes (title, 1024);
  content->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content->data);
  content->page_count = n_texts;
  content->page_width = 595.276;
  content->page_height = 841.89;
  for (guint i = 0; i < n_texts; i++)
    g_ptr_array_add (content->page_texts, g_strdup (texts[i]));
  content->language = g_strdup ("sv");

  return content;
}

static LankaRecord *
add_ok (Fixture              *fixture,
        LankaMaterialContent *content)
{
  g_autoptr(GError) error = NULL;
  LankaRecord *material = lanka_materials_add (fixture->database, content, &error);

  g_assert_no_error (error);
  g_assert_nonnull (material);

  return material;
}

/* A material titled @title whose pages say @texts. */
static char *
add_material (Fixture            *fixture,
              const char         *title,
              const char         *kind,
              const char * const *texts,
              guint               n_texts)
{
  g_autoptr(LankaMaterialContent) content = make_content (title, kind, texts, n_texts);
  g_autoptr(LankaRecord) material = add_ok (fixture, content);

  return g_strdup (lanka_record_get_uuid (material));
}

static LankaRecord *
get_ok (Fixture    *fixture,
        const char *uuid)
{
  g_autoptr(GError) error = NULL;
  LankaRecord *material = lanka_materials_get (fixture->database, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (material);

  return material;
}

static void
save_ok (Fixture     *fixture,
         LankaRecord *material)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_materials_save (fixture->database, material, &error));
  g_assert_no_error (error);
}

static void
set_tags (Fixture    *fixture,
          const char *uuid,
          const char *audiences,
          const char *topics,
          const char *language)
{
  g_autoptr(LankaRecord) material = get_ok (fixture, uuid);
  g_auto(GStrv) audience_list = g_strsplit (audiences, ",", -1);
  g_auto(GStrv) topic_list = g_strsplit (topics, ",", -1);

  lanka_record_set_list (material, "audiences", (const char * const *)audience_list);
  lanka_record_set_list (material, "topics", (const char * const *)topic_list);
  lanka_record_set (material, "language", language);
  save_ok (fixture, material);
}

static GPtrArray *
search_ok (Fixture                   *fixture,
           const char                *query,
           const LankaMaterialFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = lanka_materials_search (fixture->database, query, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);

  return hits;
}

/* The hits' titles, "A, B"; with their pages, "A 2 1, B". */
static char *
describe_hits (GPtrArray *hits,
               gboolean   with_pages)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      LankaMaterialHit *hit = g_ptr_array_index (hits, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, lanka_record_get (hit->material, "title"));
      if (with_pages)
        for (guint j = 0; j < hit->pages->len; j++)
          g_string_append_printf (text, " %u", g_array_index (hit->pages, guint, j));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
search_titles (Fixture                   *fixture,
               const char                *query,
               const LankaMaterialFilter *filter,
               gboolean                   with_pages)
{
  g_autoptr(GPtrArray) hits = search_ok (fixture, query, filter);

  return describe_hits (hits, with_pages);
}

/* The titles of a list, "A, B"; with positions, "0 A, 1 B". */
static char *
describe_list (GListModel *model,
               gboolean    with_positions)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (text, ", ");
      if (with_positions)
        g_string_append_printf (text, "%s ", lanka_record_get (record, "position"));
      g_string_append (text, lanka_record_get (record, "title"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
list_titles (Fixture                   *fixture,
             const LankaMaterialFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = lanka_materials_list (fixture->database, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return describe_list (model, filter != NULL && filter->collection_uuid != NULL);
}

static void
assert_pages (GArray     *pages,
              const char *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < pages->len; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? " " : "", g_array_index (pages, guint, i));

  g_assert_cmpstr (text->str, ==, expected);
}

/* Adding and reading */

static void
test_add_get (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(LankaRecord) added = NULL;
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GBytes) thumbnail = g_bytes_new_static ("\x89PNG\r\n\x1a\nthumbnail", 17);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) stored_thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  const char * const texts[] = { deck_pages[0], "", deck_pages[2] };
  const char * const audiences[] = { "social_services", "police", NULL };
  const char * const topics[] = { "identification", "ForcedLabour", NULL };

  content = make_content ("Människohandel – grunderna", "slides", texts, 3);
  content->thumbnail = g_bytes_ref (thumbnail);
  added = add_ok (fixture, content);

  material = get_ok (fixture, lanka_record_get_uuid (added));
  size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (content->data));
  g_assert_cmpstr (lanka_record_get_kind (material), ==, "material");
  g_assert_cmpstr (lanka_record_get (material, "title"), ==, "Människohandel – grunderna");
  g_assert_cmpstr (lanka_record_get (material, "kind"), ==, "slides");
  g_assert_cmpstr (lanka_record_get (material, "language"), ==, "sv");
  g_assert_cmpstr (lanka_record_get (material, "file_name"), ==, "Människohandel – grunderna.pdf");
  g_assert_cmpstr (lanka_record_get (material, "mime_type"), ==, "application/pdf");
  g_assert_cmpstr (lanka_record_get (material, "size"), ==, size);
  g_assert_cmpstr (lanka_record_get (material, "sha256"), ==, content->sha256);
  g_assert_cmpstr (lanka_record_get (material, "page_count"), ==, "3");
  g_assert_cmpstr (lanka_record_get (material, "page_width"), ==, "595.276");
  g_assert_cmpstr (lanka_record_get (material, "page_height"), ==, "841.89");
  g_assert_cmpint (lanka_record_get_int (material, "created", 0), >, 0);
  g_assert_cmpint (lanka_record_get_int (material, "updated", 0), ==,
                   lanka_record_get_int (material, "created", 0));
  g_assert_null (lanka_record_get (material, "description"));
  g_assert_null (lanka_record_get (material, "url"));
  g_assert_cmpuint (g_strv_length ((char **)lanka_record_get_list (material, "topics")), ==, 0);
  /* What add returned is what get reads. */
  g_assert_cmpstr (lanka_record_get (added, "sha256"), ==, content->sha256);
  g_assert_cmpstr (lanka_record_get (added, "title"), ==, lanka_record_get (material, "title"));

  /* The page texts, "" for the page without text. */
  text = lanka_materials_dup_page_text (fixture->database, lanka_record_get_uuid (material), 1,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, deck_pages[0]);
  g_clear_pointer (&text, g_free);
  text = lanka_materials_dup_page_text (fixture->database, lanka_record_get_uuid (material), 2,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = lanka_materials_dup_page_text (fixture->database, lanka_record_get_uuid (material), 4,
                                        &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_null (text);
  g_clear_error (&error);

  /* The exact bytes of the file and the thumbnail. */
  file = lanka_materials_dup_file (fixture->database, lanka_record_get_uuid (material), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (file, content->data));
  stored_thumbnail = lanka_materials_dup_thumbnail (fixture->database,
                                                    lanka_record_get_uuid (material), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored_thumbnail, thumbnail));

  /* Every editable field saved and read back. */
  lanka_record_set (material, "title", "  Människohandel: grunderna  ");
  lanka_record_set (material, "description", "En introduktion för socialsekreterare.");
  lanka_record_set (material, "kind", "document");
  lanka_record_set (material, "language", "en");
  lanka_record_set (material, "source", "Länsstyrelsen");
  lanka_record_set (material, "year", "2013");
  lanka_record_set (material, "usage_note", "Visa inte bild 3 för skolklasser.");
  lanka_record_set (material, "duration", "45");
  lanka_record_set_list (material, "audiences", audiences);
  lanka_record_set_list (material, "topics", topics);
  save_ok (fixture, material);
  g_assert_cmpstr (lanka_record_get (material, "title"), ==, "Människohandel: grunderna");

  reopen (fixture);
  g_clear_object (&added);
  added = get_ok (fixture, lanka_record_get_uuid (material));
  g_assert_cmpstr (lanka_record_get (added, "title"), ==, "Människohandel: grunderna");
  g_assert_cmpstr (lanka_record_get (added, "description"), ==,
                   "En introduktion för socialsekreterare.");
  g_assert_cmpstr (lanka_record_get (added, "kind"), ==, "document");
  g_assert_cmpstr (lanka_record_get (added, "language"), ==, "en");
  g_assert_cmpstr (lanka_record_get (added, "source"), ==, "Länsstyrelsen");
  g_assert_cmpstr (lanka_record_get (added, "year"), ==, "2013");
  g_assert_cmpstr (lanka_record_get (added, "usage_note"), ==,
                   "Visa inte bild 3 för skolklasser.");
  g_assert_cmpstr (lanka_record_get (added, "duration"), ==, "45");
  g_assert_true (lanka_record_list_contains (added, "audiences", "police"));
  g_assert_true (lanka_record_list_contains (added, "audiences", "social_services"));
  g_assert_cmpuint (g_strv_length ((char **)lanka_record_get_list (added, "audiences")), ==, 2);
  g_assert_true (lanka_record_list_contains (added, "topics", "identification"));
  g_assert_true (lanka_record_list_contains (added, "topics", "ForcedLabour"));
  g_assert_cmpstr (lanka_record_get (added, "updated"), ==, lanka_record_get (material, "updated"));
  g_assert_cmpint (lanka_record_get_int (added, "updated", 0), >=,
                   lanka_record_get_int (added, "created", 0));
  /* What the import read stays. */
  g_assert_cmpstr (lanka_record_get (added, "sha256"), ==, content->sha256);
  g_assert_cmpstr (lanka_record_get (added, "page_count"), ==, "3");

  /* A material that is not there. */
  g_clear_object (&material);
  material = lanka_materials_get (fixture->database, "no-such-material", &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (material);
}

static void
test_add_link_and_note (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LankaMaterialContent) link = lanka_material_content_new ();
  g_autoptr(LankaMaterialContent) note = lanka_material_content_new ();
  g_autoptr(LankaRecord) link_material = NULL;
  g_autoptr(LankaRecord) note_material = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *link_hash = NULL;

  /* A link has no file: its address is what makes it the same link. */
  link->kind = g_strdup ("link");
  link->url = g_strdup ("https://www.jamstalldhetsmyndigheten.se/");
  link_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, link->url, -1);
  link_material = add_ok (fixture, link);
  g_assert_cmpstr (lanka_record_get (link_material, "title"), ==,
                   "https://www.jamstalldhetsmyndigheten.se/");
  g_assert_cmpstr (lanka_record_get (link_material, "url"), ==,
                   "https://www.jamstalldhetsmyndigheten.se/");
  g_assert_cmpstr (lanka_record_get (link_material, "sha256"), ==, link_hash);
  file = lanka_materials_dup_file (fixture->database, lanka_record_get_uuid (link_material), &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (file);
  g_clear_error (&error);
  thumbnail = lanka_materials_dup_thumbnail (fixture->database,
                                             lanka_record_get_uuid (link_material), &error);
  g_assert_no_error (error);
  g_assert_null (thumbnail);

  /* A note's text is its page 1, and search finds it. */
  note->kind = g_strdup ("note");
  note->title = g_strdup ("Anteckningar inför dagen");
  note->file_name = g_strdup ("dagen.md");
  note->mime_type = g_strdup ("text/markdown");
  note->data = g_bytes_new_static ("# Dagen\nFika klockan tio.", 26);
  g_ptr_array_add (note->page_texts, g_strdup ("# Dagen\nFika klockan tio."));
  note_material = add_ok (fixture, note);
  titles = search_titles (fixture, "fika", NULL, TRUE);
  g_assert_cmpstr (titles, ==, "Anteckningar inför dagen 1");
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaMaterialContent) content = make_content ("Lagen och människohandel", "slides",
                                                          deck_pages, 3);
  g_autoptr(LankaMaterialContent) again = NULL;
  g_autoptr(LankaRecord) first = add_ok (fixture, content);
  g_autoptr(LankaRecord) second = NULL;
  g_autoptr(LankaRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upper = NULL;

  /* The same bytes under another name and title. */
  again = make_content ("Något annat", "document", deck_pages, 1);
  g_bytes_unref (again->data);
  again->data = g_bytes_ref (content->data);
  g_free (again->sha256);
  again->sha256 = g_strdup (content->sha256);

  second = lanka_materials_add (fixture->database, again, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_EXISTS);
  g_assert_null (second);
  /* The message names the material already there. */
  g_assert_nonnull (strstr (error->message, "Lagen och människohandel"));
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material"), ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material_file"), ==, 1);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material_page"), ==, 3);

  found = lanka_materials_find_by_hash (fixture->database, content->sha256, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (lanka_record_get_uuid (found), ==, lanka_record_get_uuid (first));
  g_clear_object (&found);

  /* A hash is a hash, however it is written. */
  upper = g_ascii_strup (content->sha256, -1);
  found = lanka_materials_find_by_hash (fixture->database, upper, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_clear_object (&found);

  found = lanka_materials_find_by_hash (fixture->database,
                                        "0000000000000000000000000000000000000000000000000000000000000000",
                                        &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_add_invalid (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(LankaMaterialContent) content = make_content ("Trasig", "slides", deck_pages, 3);
      g_autoptr(LankaRecord) material = NULL;

      switch (i)
        {
        case 0: /* An empty file. */
          g_bytes_unref (content->data);
          content->data = g_bytes_new_static ("", 0);
          break;

        case 1: /* No file at all. */
          g_clear_pointer (&content->data, g_bytes_unref);
          break;

        case 2:
          g_free (content->kind);
          content->kind = g_strdup ("spreadsheet");
          break;

        case 3: /* Three texts for two pages. */
          content->page_count = 2;
          break;

        case 4:
          g_free (content->sha256);
          content->sha256 = g_strdup ("not-a-hash");
          break;

        default:
          g_assert_not_reached ();
        }

      material = lanka_materials_add (fixture->database, content, &error);
      g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_null (material);
      g_clear_error (&error);
    }

  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material"), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material_page"), ==, 0);
}

/* A 100-page PDF's content: 100 pages of about 2 KB and a 2 MB file.  Not
 * timed here (a test must not depend on the machine's speed); the time is
 * reported with --verbose.
 */
static void
test_add_large (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaMaterialContent) content = lanka_material_content_new ();
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;

  content->kind = g_strdup ("slides");
  content->title = g_strdup ("Hundra bilder");
  content->data = make_pdf_bytes ("hundra", 2 * 1024 * 1024);
  content->page_count = 100;
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      while (text->len < 2000)
        g_string_append_printf (text, "Bild %u handlar om samverkan mellan myndigheter. ", i + 1);
      if (i == 41)
        g_string_append (text, "Regionkoordinatorn svarar.");
      g_ptr_array_add (content->page_texts, g_string_free (g_steal_pointer (&text), FALSE));
    }

  timer = g_timer_new ();
  material = add_ok (fixture, content);
  g_test_message ("Adding 100 pages and 2 MB took %.1f ms", g_timer_elapsed (timer, NULL) * 1000);

  pages = lanka_materials_find_pages (fixture->database, lanka_record_get_uuid (material),
                                      "regionkoord", &error);
  g_assert_no_error (error);
  assert_pages (pages, "42");
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material_page"), ==, 100);
}

/* Searching */

typedef struct
{
  char *deck;     /* Swedish slides on trafficking, pages as deck_pages */
  char *labour;   /* English slides on forced labour */
  char *note;     /* a note on child marriage */
} Library;

static void
library_clear (Library *library)
{
  g_clear_pointer (&library->deck, g_free);
  g_clear_pointer (&library->labour, g_free);
  g_clear_pointer (&library->note, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Library, library_clear)

static void
make_library (Fixture *fixture,
              Library *library)
{
  const char * const labour_pages[] = {
    "Forced labour in Europe: an overview for labour inspectors.",
    "Indicators of forced labour. Withheld passports; debt bondage.",
  };
  const char * const note_pages[] = {
    "Tvångsäktenskap: barnet har rätt till skydd. Människohandel kan förekomma.",
  };

  library->deck = add_material (fixture, "Människohandel – grunderna", "slides", deck_pages, 3);
  library->labour = add_material (fixture, "Forced labour", "slides", labour_pages, 2);
  library->note = add_material (fixture, "Anteckning om barnäktenskap", "note", note_pages, 1);

  set_tags (fixture, library->deck, "social_services,police", "identification,law", "sv");
  set_tags (fixture, library->labour, "police", "ForcedLabour", "en");
  set_tags (fixture, library->note, "all", "ForcedMarriage,child_perspective", "sv");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_auto(Library) library = { NULL };
  g_autoptr(GPtrArray) hits = NULL;
  LankaMaterialHit *hit;
  const char *snippet;
  g_autofree char *titles = NULL;

  make_library (fixture, &library);

  /* A word's beginning finds it, in page text and in titles. */
  hits = search_ok (fixture, "männ", NULL);
  titles = describe_hits (hits, TRUE);
  g_assert_cmpstr (titles, ==, "Människohandel – grunderna 1, Anteckning om barnäktenskap 1");
  hit = g_ptr_array_index (hits, 0);
  g_assert_true (hit->in_metadata);
  g_assert_cmpstr (lanka_record_get_uuid (hit->material), ==, library.deck);
  hit = g_ptr_array_index (hits, 1);
  g_assert_false (hit->in_metadata);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_clear_pointer (&titles, g_free);

  /* The right page, with the matched word marked in the snippet. */
  hits = search_ok (fixture, "byggarbetsplatser", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (lanka_record_get_uuid (hit->material), ==, library.deck);
  g_assert_cmpuint (hit->pages->len, ==, 1);
  g_assert_cmpuint (g_array_index (hit->pages, guint, 0), ==, 2);
  g_assert_false (hit->in_metadata);
  snippet = hit->snippet;
  g_assert_nonnull (snippet);
  g_assert_nonnull (strstr (snippet, "\002byggarbetsplatser\003"));
  g_assert_nonnull (strstr (snippet, "Tvångsarbete"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Swedish letters, in any case, and every word must match. */
  titles = search_titles (fixture, "TVÅNGSÄKTENSKAP", NULL, TRUE);
  g_assert_cmpstr (titles, ==, "Människohandel – grunderna 3, Anteckning om barnäktenskap 1");
  g_clear_pointer (&titles, g_free);
  titles = search_titles (fixture, "tvångsäkt skydd", NULL, TRUE);
  g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap 1");
  g_clear_pointer (&titles, g_free);
  /* A title says more than a page. */
  titles = search_titles (fixture, "barnäktenskap", NULL, TRUE);
  g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap, Människohandel – grunderna 3");
  g_clear_pointer (&titles, g_free);
  titles = search_titles (fixture, "månsken", NULL, TRUE);
  g_assert_cmpstr (titles, ==, "");
  g_clear_pointer (&titles, g_free);

  /* Topics and audiences by their labels and codes. */
  titles = search_titles (fixture, "child perspective", NULL, FALSE);
  g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap");
  g_clear_pointer (&titles, g_free);
  titles = search_titles (fixture, "legislation", NULL, FALSE);
  g_assert_cmpstr (titles, ==, "Människohandel – grunderna");
  g_clear_pointer (&titles, g_free);

  /* Both words on each page; the first says "labour" twice. */
  titles = search_titles (fixture, "forced labour", NULL, TRUE);
  g_assert_cmpstr (titles, ==, "Forced labour 1 2");
  g_clear_pointer (&titles, g_free);

  /* The facets. */
  {
    LankaMaterialFilter notes = { .kind = "note" };
    LankaMaterialFilter english = { .language = "en" };
    LankaMaterialFilter police = { .audience = "police" };
    LankaMaterialFilter school = { .audience = "school" };
    LankaMaterialFilter marriage = { .topic = "ForcedMarriage" };

    titles = search_titles (fixture, "männ", &notes, FALSE);
    g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap");
    g_clear_pointer (&titles, g_free);
    titles = search_titles (fixture, "männ", &english, FALSE);
    g_assert_cmpstr (titles, ==, "");
    g_clear_pointer (&titles, g_free);
    /* Material for everyone is for the police too. */
    titles = search_titles (fixture, "männ", &police, FALSE);
    g_assert_cmpstr (titles, ==, "Människohandel – grunderna, Anteckning om barnäktenskap");
    g_clear_pointer (&titles, g_free);
    titles = search_titles (fixture, "männ", &school, FALSE);
    g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap");
    g_clear_pointer (&titles, g_free);
    titles = search_titles (fixture, "männ", &marriage, FALSE);
    g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap");
    g_clear_pointer (&titles, g_free);
  }
}

static void
test_search_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char * const queries[] = {
    "", "   ", "!!! ***", "\"", "*", "-", "()", "\"männ", "männ\"", "NEAR(männ", "AND", "OR männ",
    "männ OR", "männ NOT", "^männ", "{title}: männ", "title:männ", "männ*\"*",
  };
  g_auto(Library) library = { NULL };

  make_library (fixture, &library);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search_ok (fixture, queries[i], NULL);
      g_autoptr(GArray) pages = NULL;
      g_autoptr(GError) error = NULL;

      /* Nothing that was typed is FTS5 syntax: words are words. */
      if (i < 7)
        g_assert_cmpuint (hits->len, ==, 0);

      pages = lanka_materials_find_pages (fixture->database, library.deck, queries[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (pages);
      if (i < 7)
        g_assert_cmpuint (pages->len, ==, 0);
    }

  {
    g_autofree char *titles = search_titles (fixture, "\"männ", NULL, FALSE);

    g_assert_cmpstr (titles, ==, "Människohandel – grunderna, Anteckning om barnäktenskap");
  }
}

static void
test_search_page_order (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char * const pages[] = {
    "Inledning. Samverkan mellan myndigheter är viktig, och mycket annat som står här också "
    "för att göra sidan längre än de andra sidorna i den här presentationen.",
    "Ingenting om det.",
    "Samverkan. Samverkan. Samverkan.",
    "Samverkan i praktiken.",
  };
  g_autofree char *uuid = add_material (fixture, "Om samarbete", "slides", pages, 4);
  g_autofree char *other = add_material (fixture, "Annat", "slides", pages + 3, 1);
  g_autofree char *titles = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* Pages best first in a search: the page that says it most, and
   * shortest, first.
   */
  titles = search_titles (fixture, "samverkan", NULL, TRUE);
  g_assert_true (g_str_has_prefix (titles, "Om samarbete 3 4 1") ||
                 g_str_has_prefix (titles, "Annat 1, Om samarbete 3 4 1"));
  g_assert_nonnull (strstr (titles, "Annat 1"));

  /* In the document: in page order, and only its own pages. */
  found = lanka_materials_find_pages (fixture->database, uuid, "samverk", &error);
  g_assert_no_error (error);
  assert_pages (found, "1 3 4");
  g_clear_pointer (&found, g_array_unref);
  found = lanka_materials_find_pages (fixture->database, other, "samverk", &error);
  g_assert_no_error (error);
  assert_pages (found, "1");
  g_clear_pointer (&found, g_array_unref);
  found = lanka_materials_find_pages (fixture->database, uuid, "samverkan praktiken", &error);
  g_assert_no_error (error);
  assert_pages (found, "4");
  g_clear_pointer (&found, g_array_unref);

  found = lanka_materials_find_pages (fixture->database, "no-such-material", "samverkan", &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (found);
}

/* At most 20 pages per hit. */
static void
test_search_many_pages (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *uuid = NULL;
  LankaMaterialHit *hit;

  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (texts, g_strdup_printf ("Sida %u om identifiering.", i + 1));

  uuid = add_material (fixture, "Trettio sidor", "slides", (const char * const *)texts->pdata, 30);
  hits = search_ok (fixture, "identifiering", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpuint (hit->pages->len, ==, 20);
}

/* Lists and facets */

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_auto(Library) library = { NULL };
  g_autofree char *zebra = NULL;
  g_autofree char *titles = NULL;
  g_auto(GStrv) languages = NULL;
  g_autoptr(GError) error = NULL;
  const char * const page[] = { "Text." };

  make_library (fixture, &library);
  /* Swedish order: Å, Ä and Ö come after Z. */
  zebra = add_material (fixture, "Zebra", "image", page, 1);
  g_free (add_material (fixture, "Ärenden i praktiken", "document", page, 1));

  titles = list_titles (fixture, NULL);
  g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap, Forced labour, "
                   "Människohandel – grunderna, Zebra, Ärenden i praktiken");
  g_clear_pointer (&titles, g_free);

  {
    LankaMaterialFilter slides = { .kind = "slides" };
    LankaMaterialFilter swedish = { .language = "sv" };
    LankaMaterialFilter police = { .audience = "police" };
    LankaMaterialFilter health = { .audience = "health" };
    LankaMaterialFilter law = { .topic = "law" };
    LankaMaterialFilter police_slides_en = { .kind = "slides", .audience = "police",
                                             .language = "en" };
    LankaMaterialFilter empty = { .kind = "", .topic = "" };

    titles = list_titles (fixture, &slides);
    g_assert_cmpstr (titles, ==, "Forced labour, Människohandel – grunderna");
    g_clear_pointer (&titles, g_free);
    titles = list_titles (fixture, &swedish);
    g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap, Människohandel – grunderna, "
                     "Zebra, Ärenden i praktiken");
    g_clear_pointer (&titles, g_free);
    titles = list_titles (fixture, &police);
    g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap, Forced labour, "
                     "Människohandel – grunderna");
    g_clear_pointer (&titles, g_free);
    titles = list_titles (fixture, &health);
    g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap");
    g_clear_pointer (&titles, g_free);
    titles = list_titles (fixture, &law);
    g_assert_cmpstr (titles, ==, "Människohandel – grunderna");
    g_clear_pointer (&titles, g_free);
    titles = list_titles (fixture, &police_slides_en);
    g_assert_cmpstr (titles, ==, "Forced labour");
    g_clear_pointer (&titles, g_free);
    titles = list_titles (fixture, &empty);
    g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap, Forced labour, "
                     "Människohandel – grunderna, Zebra, Ärenden i praktiken");
    g_clear_pointer (&titles, g_free);
  }

  languages = lanka_materials_dup_languages (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (languages), ==, 2);
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpstr (languages[1], ==, "sv");
}

static void
assert_save_refused (Fixture     *fixture,
                     const char  *uuid,
                     const char  *field,
                     const char  *value,
                     const char  *list_value)
{
  g_autoptr(LankaRecord) material = get_ok (fixture, uuid);
  g_autoptr(LankaRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before_fields = NULL;

  lanka_record_set (material, "description", "Ska inte sparas.");
  if (list_value != NULL)
    {
      const char * const list[] = { list_value, NULL };

      lanka_record_set_list (material, field, list);
    }
  else
    lanka_record_set (material, field, value);

  g_assert_false (lanka_materials_save (fixture->database, material, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");

  /* Nothing changed. */
  after = get_ok (fixture, uuid);
  g_assert_null (lanka_record_get (after, "description"));
  g_assert_cmpstr (lanka_record_get (after, "title"), ==, "Människohandel – grunderna");
  g_assert_cmpstr (lanka_record_get (after, "kind"), ==, "slides");
  g_assert_cmpstr (lanka_record_get (after, "updated"), ==, lanka_record_get (after, "created"));
}

static void
test_save_invalid (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *uuid = add_material (fixture, "Människohandel – grunderna", "slides",
                                        deck_pages, 3);
  g_autofree char *next_year = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(LankaRecord) gone = NULL;
  g_autoptr(GError) error = NULL;

  assert_save_refused (fixture, uuid, "title", NULL, NULL);
  assert_save_refused (fixture, uuid, "title", "   ", NULL);
  assert_save_refused (fixture, uuid, "kind", "spreadsheet", NULL);
  assert_save_refused (fixture, uuid, "kind", NULL, NULL);
  assert_save_refused (fixture, uuid, "language", "Svenska", NULL);
  assert_save_refused (fixture, uuid, "audiences", NULL, "politicians");
  assert_save_refused (fixture, uuid, "topics", NULL, "ForcedLabor");
  assert_save_refused (fixture, uuid, "year", "1899", NULL);
  assert_save_refused (fixture, uuid, "year", "tjugohundra", NULL);
  next_year = g_strdup_printf ("%d", g_date_time_get_year (now) + 2);
  assert_save_refused (fixture, uuid, "year", next_year, NULL);
  assert_save_refused (fixture, uuid, "duration", "-5", NULL);
  assert_save_refused (fixture, uuid, "duration", "en timme", NULL);

  /* A material someone deleted meanwhile. */
  gone = lanka_record_new ("material");
  lanka_record_set (gone, "title", "Borta");
  lanka_record_set (gone, "kind", "note");
  g_assert_false (lanka_materials_save (fixture->database, gone, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

/* Presenter notes */

static void
test_notes (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *uuid = add_material (fixture, "Med anteckningar", "slides", deck_pages, 3);
  g_autofree char *other = add_material (fixture, "Utan anteckningar", "slides", deck_pages, 2);
  g_autoptr(GHashTable) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (lanka_presenter_notes_set (fixture->database, uuid, 1,
                                            "Hälsa välkommen.\n\n*Fråga* vad de vet.", &error));
  g_assert_no_error (error);
  g_assert_true (lanka_presenter_notes_set (fixture->database, uuid, 3, "Tio minuter.", &error));
  g_assert_no_error (error);
  g_assert_true (lanka_presenter_notes_set (fixture->database, uuid, 3, "Femton minuter.",
                                            &error));
  g_assert_no_error (error);

  /* Notes persist. */
  reopen (fixture);
  note = lanka_presenter_notes_get (fixture->database, uuid, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Hälsa välkommen.\n\n*Fråga* vad de vet.");
  g_clear_pointer (&note, g_free);
  note = lanka_presenter_notes_get (fixture->database, uuid, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Femton minuter.");
  g_clear_pointer (&note, g_free);
  note = lanka_presenter_notes_get (fixture->database, uuid, 2, &error);
  g_assert_no_error (error);
  g_assert_null (note);
  /* Per material. */
  note = lanka_presenter_notes_get (fixture->database, other, 1, &error);
  g_assert_no_error (error);
  g_assert_null (note);

  notes = lanka_presenter_notes_list (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (notes), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (notes, GUINT_TO_POINTER (1)), ==,
                   "Hälsa välkommen.\n\n*Fråga* vad de vet.");
  g_assert_cmpstr (g_hash_table_lookup (notes, GUINT_TO_POINTER (3)), ==, "Femton minuter.");
  g_clear_pointer (&notes, g_hash_table_unref);

  /* An empty note removes it. */
  g_assert_true (lanka_presenter_notes_set (fixture->database, uuid, 3, "", &error));
  g_assert_no_error (error);
  g_assert_true (lanka_presenter_notes_set (fixture->database, uuid, 1, NULL, &error));
  g_assert_no_error (error);
  notes = lanka_presenter_notes_list (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (notes), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM presenter_note"), ==, 0);

  /* Only the material's pages have notes. */
  g_assert_false (lanka_presenter_notes_set (fixture->database, uuid, 0, "Noll", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lanka_presenter_notes_set (fixture->database, uuid, 4, "Fyra", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lanka_presenter_notes_set (fixture->database, "no-such-material", 1, "X",
                                             &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM presenter_note"), ==, 0);
}

/* Courses */

static char *
course_titles (Fixture    *fixture,
               const char *course)
{
  LankaMaterialFilter filter = { .collection_uuid = course };

  return list_titles (fixture, &filter);
}

static void
assert_course (Fixture    *fixture,
               const char *course,
               const char *expected)
{
  g_autofree char *titles = course_titles (fixture, course);

  g_assert_cmpstr (titles, ==, expected);
}

static void
insert_ok (Fixture    *fixture,
           const char *course,
           const char *material,
           int         position)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_collections_insert (fixture->database, course, material, position, &error));
  g_assert_no_error (error);
}

static void
move_ok (Fixture    *fixture,
         const char *course,
         guint       from,
         guint       to)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_collections_move (fixture->database, course, from, to, &error));
  g_assert_no_error (error);
}

static char *
save_course (Fixture    *fixture,
             const char *title)
{
  g_autoptr(LankaRecord) course = lanka_record_new ("collection");
  g_autoptr(GError) error = NULL;

  lanka_record_set (course, "title", title);
  g_assert_true (lanka_collections_save (fixture->database, course, &error));
  g_assert_no_error (error);

  return g_strdup (lanka_record_get_uuid (course));
}

static void
test_courses (Fixture       *fixture,
              gconstpointer  user_data)
{
  const char * const page[] = { "Text." };
  g_autofree char *a = add_material (fixture, "A", "slides", page, 1);
  g_autofree char *b = add_material (fixture, "B", "document", page, 1);
  g_autofree char *c = add_material (fixture, "C", "video", page, 1);
  g_autofree char *d = add_material (fixture, "D", "image", page, 1);
  g_autoptr(LankaRecord) course = lanka_record_new ("collection");
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(LankaRecord) invalid = lanka_record_new ("collection");
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *other = NULL;
  const char *uuid;

  /* Create, read back, edit. */
  lanka_record_set (course, "title", " Grundkurs för socialtjänsten ");
  lanka_record_set (course, "audience", "social_services");
  lanka_record_set (course, "planned_minutes", "180");
  lanka_record_set (course, "description", "En heldag.");
  g_assert_true (lanka_collections_save (fixture->database, course, &error));
  g_assert_no_error (error);
  uuid = lanka_record_get_uuid (course);

  read = lanka_collections_get (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_record_get_kind (read), ==, "collection");
  g_assert_cmpstr (lanka_record_get (read, "title"), ==, "Grundkurs för socialtjänsten");
  g_assert_cmpstr (lanka_record_get (read, "audience"), ==, "social_services");
  g_assert_cmpstr (lanka_record_get (read, "planned_minutes"), ==, "180");
  g_assert_cmpstr (lanka_record_get (read, "description"), ==, "En heldag.");
  g_assert_cmpstr (lanka_record_get (read, "n_items"), ==, "0");
  g_assert_cmpint (lanka_record_get_int (read, "created", 0), >, 0);

  lanka_record_set (read, "title", "Grundkurs");
  lanka_record_set (read, "planned_minutes", "120");
  g_assert_true (lanka_collections_save (fixture->database, read, &error));
  g_assert_no_error (error);
  g_clear_object (&read);

  other = save_course (fixture, "Ännu en kurs");
  g_free (save_course (fixture, "Barnperspektivet"));
  courses = lanka_collections_list (fixture->database, &error);
  g_assert_no_error (error);
  titles = describe_list (courses, FALSE);
  g_assert_cmpstr (titles, ==, "Barnperspektivet, Grundkurs, Ännu en kurs");
  g_clear_pointer (&titles, g_free);

  /* Refused: nothing is stored. */
  lanka_record_set (invalid, "title", "");
  g_assert_false (lanka_collections_save (fixture->database, invalid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lanka_record_set (invalid, "title", "Kurs");
  lanka_record_set (invalid, "audience", "politicians");
  g_assert_false (lanka_collections_save (fixture->database, invalid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lanka_record_set (invalid, "audience", NULL);
  lanka_record_set (invalid, "planned_minutes", "-1");
  g_assert_false (lanka_collections_save (fixture->database, invalid, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM collection"), ==, 3);

  /* At the end, then in the middle. */
  insert_ok (fixture, uuid, a, -1);
  insert_ok (fixture, uuid, b, -1);
  insert_ok (fixture, uuid, c, 99);
  assert_course (fixture, uuid, "0 A, 1 B, 2 C");
  insert_ok (fixture, uuid, d, 1);
  assert_course (fixture, uuid, "0 A, 1 D, 2 B, 3 C");
  insert_ok (fixture, uuid, a, 0);
  assert_course (fixture, uuid, "0 A, 1 A, 2 D, 3 B, 4 C");

  /* Up, down, first, last. */
  move_ok (fixture, uuid, 3, 2);
  assert_course (fixture, uuid, "0 A, 1 A, 2 B, 3 D, 4 C");
  move_ok (fixture, uuid, 2, 3);
  assert_course (fixture, uuid, "0 A, 1 A, 2 D, 3 B, 4 C");
  move_ok (fixture, uuid, 4, 0);
  assert_course (fixture, uuid, "0 C, 1 A, 2 A, 3 D, 4 B");
  move_ok (fixture, uuid, 0, 4);
  assert_course (fixture, uuid, "0 A, 1 A, 2 D, 3 B, 4 C");
  move_ok (fixture, uuid, 2, 2);
  assert_course (fixture, uuid, "0 A, 1 A, 2 D, 3 B, 4 C");

  g_assert_true (lanka_collections_remove_at (fixture->database, uuid, 1, &error));
  g_assert_no_error (error);
  assert_course (fixture, uuid, "0 A, 1 D, 2 B, 3 C");

  /* Positions that are not there change nothing. */
  g_assert_false (lanka_collections_remove_at (fixture->database, uuid, 4, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lanka_collections_move (fixture->database, uuid, 0, 4, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lanka_collections_insert (fixture->database, uuid, "no-such-material", 0,
                                            &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_course (fixture, uuid, "0 A, 1 D, 2 B, 3 C");

  /* A material in two courses; the facets within a course. */
  insert_ok (fixture, other, c, -1);
  assert_course (fixture, other, "0 C");
  {
    LankaMaterialFilter slides = { .collection_uuid = uuid, .kind = "slides" };

    titles = list_titles (fixture, &slides);
    g_assert_cmpstr (titles, ==, "0 A");
    g_clear_pointer (&titles, g_free);
  }

  read = lanka_collections_get (fixture->database, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_record_get (read, "title"), ==, "Grundkurs");
  g_assert_cmpstr (lanka_record_get (read, "planned_minutes"), ==, "120");
  g_assert_cmpstr (lanka_record_get (read, "n_items"), ==, "4");
  g_clear_object (&read);

  /* Deleting a course leaves its materials. */
  g_assert_true (lanka_collections_delete (fixture->database, uuid, &error));
  g_assert_no_error (error);
  read = lanka_collections_get (fixture->database, uuid, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (read);
  g_clear_error (&error);
  titles = list_titles (fixture, NULL);
  g_assert_cmpstr (titles, ==, "A, B, C, D");
  g_clear_pointer (&titles, g_free);
  assert_course (fixture, other, "0 C");
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM collection_item"), ==, 1);

  {
    LankaMaterialFilter gone = { .collection_uuid = uuid };
    g_autoptr(GListModel) model = lanka_materials_list (fixture->database, &gone, &error);

    g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
    g_assert_null (model);
  }
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_auto(Library) library = { NULL };
  g_autofree char *course = NULL;
  g_autofree char *other = NULL;
  g_autofree char *titles = NULL;
  g_autoptr(LankaRecord) gone = NULL;
  g_autoptr(LankaRecord) read = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  make_library (fixture, &library);
  course = save_course (fixture, "Kurs");
  other = save_course (fixture, "Annan kurs");
  insert_ok (fixture, course, library.labour, -1);
  insert_ok (fixture, course, library.deck, -1);
  insert_ok (fixture, course, library.note, -1);
  insert_ok (fixture, course, library.deck, -1);
  insert_ok (fixture, course, library.labour, -1);
  insert_ok (fixture, other, library.deck, -1);
  g_assert_true (lanka_presenter_notes_set (fixture->database, library.deck, 2, "Paus.", &error));
  g_assert_no_error (error);
  g_assert_true (lanka_presenter_notes_set (fixture->database, library.note, 1, "Kvar.", &error));
  g_assert_no_error (error);

  read = get_ok (fixture, library.deck);
  sha256 = g_strdup (lanka_record_get (read, "sha256"));
  g_assert_true (lanka_materials_delete (fixture->database, library.deck, &error));
  g_assert_no_error (error);

  gone = lanka_materials_get (fixture->database, library.deck, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  file = lanka_materials_dup_file (fixture->database, library.deck, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Search no longer finds it, neither by its pages nor by its title. */
  titles = search_titles (fixture, "männ", NULL, FALSE);
  g_assert_cmpstr (titles, ==, "Anteckning om barnäktenskap");
  g_clear_pointer (&titles, g_free);
  titles = search_titles (fixture, "byggarbetsplatser", NULL, FALSE);
  g_assert_cmpstr (titles, ==, "");
  g_clear_pointer (&titles, g_free);
  titles = search_titles (fixture, "grunderna", NULL, FALSE);
  g_assert_cmpstr (titles, ==, "");
  g_clear_pointer (&titles, g_free);

  /* Nothing of it is left, not even in the search indexes. */
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material"), ==, 2);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material_file"), ==, 2);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material_page"), ==, 3);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM material_page_fts "
                              "WHERE material_page_fts MATCH 'byggarbetsplatser'"), ==, 0);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM material_fts "
                              "WHERE material_fts MATCH 'grunderna'"), ==, 0);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM material_fts"), ==, 2);
  g_assert_cmpint (query_int (fixture->database, "SELECT count(*) FROM presenter_note"), ==, 1);
  g_assert_cmpint (query_int (fixture->database,
                              "SELECT count(*) FROM material_tag t "
                              "WHERE NOT EXISTS (SELECT 1 FROM material m "
                              "WHERE m.id = t.material_id)"), ==, 0);
  g_assert_cmpint (query_int (fixture->database,
                              "INSERT INTO material_page_fts (material_page_fts) "
                              "VALUES ('integrity-check') RETURNING 1"), ==, 1);

  /* The courses close up behind it. */
  assert_course (fixture, course, "0 Forced labour, 1 Anteckning om barnäktenskap, "
                 "2 Forced labour");
  assert_course (fixture, other, "");

  /* And the same file may come in again. */
  {
    g_autoptr(LankaMaterialContent) content = make_content ("Människohandel – grunderna",
                                                            "slides", deck_pages, 3);
    g_autoptr(LankaRecord) again = add_ok (fixture, content);

    g_assert_cmpstr (lanka_record_get (again, "sha256"), ==, sha256);
  }

  g_assert_false (lanka_materials_delete (fixture->database, library.deck, &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
test_closed (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *uuid = add_material (fixture, "Låst", "slides", deck_pages, 3);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  lanka_database_close (fixture->database);

  hits = lanka_materials_search (fixture->database, "männ", NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_assert_null (hits);
  g_clear_error (&error);
  model = lanka_materials_list (fixture->database, NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
  g_assert_null (model);
  g_clear_error (&error);
  g_assert_false (lanka_presenter_notes_set (fixture->database, uuid, 1, "X", &error));
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_IO);
}

/* A backup copy holds the library, search indexes included. */
static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_auto(Library) library = { NULL };
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;

  make_library (fixture, &library);
  g_assert_true (lanka_presenter_notes_set (fixture->database, library.deck, 1, "Hej.", &error));
  g_assert_no_error (error);

  g_assert_true (lanka_database_export (fixture->database, copy_path, &error));
  g_assert_no_error (error);
  g_assert_true (lanka_database_verify_copy (fixture->database, copy_path, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->database);
  fixture->database = lanka_database_open (copy_path, fixture->key, &error);
  g_assert_no_error (error);

  {
    g_autofree char *titles = search_titles (fixture, "byggarb", NULL, TRUE);

    g_assert_cmpstr (titles, ==, "Människohandel – grunderna 2");
  }
}

/* The vocabularies of the library */

static void
test_vocabulary (void)
{
  static const LankaVocabulary vocabularies[] = {
    LANKA_VOCABULARY_MATERIAL_KIND,
    LANKA_VOCABULARY_MATERIAL_AUDIENCE,
    LANKA_VOCABULARY_MATERIAL_TOPIC,
  };

  for (guint v = 0; v < G_N_ELEMENTS (vocabularies); v++)
    {
      g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = lanka_vocabulary_get_n_codes (vocabularies[v]);

      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          const char *code = lanka_vocabulary_get_code (vocabularies[v], i);

          g_assert_true (g_hash_table_add (codes, (gpointer)code));
          g_assert_nonnull (lanka_vocabulary_get_label (vocabularies[v], code));
          g_assert_cmpstr (lanka_vocabulary_get_label (vocabularies[v], code), !=, "");
        }
    }

  g_assert_cmpuint (lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_MATERIAL_KIND), ==, 6);
  g_assert_cmpuint (lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_MATERIAL_AUDIENCE), ==, 8);
  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_AUDIENCE, "all"), ==,
                   "Everyone");

  /* Every form of exploitation is a topic, called the same. */
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_EXPLOITATION); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_EXPLOITATION, i);

      g_assert_true (lanka_vocabulary_contains (LANKA_VOCABULARY_MATERIAL_TOPIC, code));
      g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_TOPIC, code), ==,
                       lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION, code));
    }
  g_assert_cmpuint (lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_MATERIAL_TOPIC), ==,
                    lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_EXPLOITATION) + 6);
  g_assert_cmpstr (lanka_vocabulary_get_label (LANKA_VOCABULARY_MATERIAL_TOPIC,
                                               "child_perspective"), ==, "Child perspective");
}

/* 200 materials of 50 pages: how long a search takes, reported with
 * --verbose; only with -m perf, since building the library takes a while.
 */
static void
test_search_speed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char * const words[] = {
    "människohandel", "samverkan", "socialtjänsten", "polisen", "identifiering", "barn",
    "tvångsarbete", "skydd", "stöd", "återvändande", "lagstiftning", "migrationsverket",
  };
  /* The first four are on every page, the worst case; "regionkoordinator"
   * on every tenth.
   */
  static const char * const queries[] = {
    "männ", "s", "samverkan polisen", "återv", "regionkoord", "x",
  };
  g_autoptr(GError) error = NULL;

  if (!g_test_perf ())
    {
      g_test_skip ("Only with -m perf");
      return;
    }

  for (guint m = 0; m < 200; m++)
    {
      g_autoptr(LankaMaterialContent) content = lanka_material_content_new ();
      g_autoptr(LankaRecord) material = NULL;
      g_autofree char *seed = g_strdup_printf ("material %u", m);

      content->kind = g_strdup ("slides");
      content->title = g_strdup_printf ("Bildspel %u", m);
      content->data = make_pdf_bytes (seed, 256);
      content->page_count = 50;
      for (guint p = 0; p < 50; p++)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint w = 0; text->len < 2000; w++)
            g_string_append_printf (text, "%s ord%u ",
                                    words[(m * 7 + p * 3 + w) % G_N_ELEMENTS (words)],
                                    (m + p + w) % 500);
          if (p % 10 == 0)
            g_string_append (text, "Fråga regionkoordinatorn.");
          g_ptr_array_add (content->page_texts, g_string_free (g_steal_pointer (&text), FALSE));
        }
      material = lanka_materials_add (fixture->database, content, &error);
      g_assert_no_error (error);
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autoptr(GPtrArray) hits = search_ok (fixture, queries[q], NULL);

      g_test_minimized_result (g_timer_elapsed (timer, NULL),
                               "Search for “%s”: %u hits in %.1f ms", queries[q], hits->len,
                               g_timer_elapsed (timer, NULL) * 1000);
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/materials/add-get", test_add_get);
  ADD ("/store/materials/add-link-and-note", test_add_link_and_note);
  ADD ("/store/materials/duplicate", test_duplicate);
  ADD ("/store/materials/add-invalid", test_add_invalid);
  ADD ("/store/materials/add-large", test_add_large);
  ADD ("/store/materials/search", test_search);
  ADD ("/store/materials/search-empty", test_search_empty);
  ADD ("/store/materials/search-page-order", test_search_page_order);
  ADD ("/store/materials/search-many-pages", test_search_many_pages);
  ADD ("/store/materials/list", test_list);
  ADD ("/store/materials/save-invalid", test_save_invalid);
  ADD ("/store/materials/notes", test_notes);
  ADD ("/store/materials/courses", test_courses);
  ADD ("/store/materials/delete", test_delete);
  ADD ("/store/materials/closed", test_closed);
  ADD ("/store/materials/export", test_export);
  g_test_add_func ("/store/materials/vocabulary", test_vocabulary);
  ADD ("/store/materials/search-speed", test_search_speed);

  return g_test_run ();
}
