/* lanka-materials.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The training library: materials with their files, thumbnails and page
 * texts, the courses they are gathered in, and the presenter's notes.
 * Every write is one transaction, and the checks come before it, so that
 * a refused change leaves everything as it was.
 *
 * Two search indexes answer a search.  material_page_fts indexes the text
 * of every page where material_page stores it, kept in step by triggers,
 * which lets a hit show a piece of its page.  material_fts (contentless,
 * rowid = material.id) indexes the metadata, with the labels of the
 * audiences and topics beside their codes; only this file knows the
 * labels, so it writes that row itself whenever a material is written.
 *
 * Training material is not case data: nothing here writes the audit log,
 * and nothing logs what a material says.
 */

#define G_LOG_DOMAIN "lanka-materials"

#include "config.h"

#include "lanka-materials.h"

#include "lanka-database-private.h"
#include "lanka-iso-codes.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <string.h>

#define MATERIAL_KIND "material"
#define COLLECTION_KIND "collection"

/* Pages a hit lists at most. */
#define MAX_HIT_PAGES 20

/* A page's rowid is its material's id times this, plus the page; see
 * migration 6.  The most pages a material can have is one less.
 */
#define PAGE_ROWID_FACTOR 1048576
#define PAGE_ROWID_SQL(rowid) "(" rowid " / " G_STRINGIFY (PAGE_ROWID_FACTOR) ")"

/* Words of page text a hit's snippet shows around the match. */
#define SNIPPET_TOKENS 12

/* The fields of a material as they follow its uuid in MATERIAL_SELECT. */
static const char * const material_fields[] = {
  "title", "description", "kind", "language", "source", "year", "usage_note", "duration",
  "url", "file_name", "mime_type", "size", "sha256", "page_count", "page_width", "page_height",
  "created", "updated", NULL
};

#define N_MATERIAL_FIELDS 18

G_STATIC_ASSERT (G_N_ELEMENTS (material_fields) == N_MATERIAL_FIELDS + 1);

#define MATERIAL_SELECT \
  "SELECT m.uuid, m.title, m.description, m.kind, m.language, m.source, m.year, " \
  "m.usage_note, m.duration, m.url, m.file_name, m.mime_type, m.size, m.sha256, " \
  "m.page_count, m.page_width, m.page_height, m.created, m.updated, " \
  "(SELECT group_concat (t.code, ',') FROM material_tag t " \
  " WHERE t.material_id = m.id AND t.kind = 'audience'), " \
  "(SELECT group_concat (t.code, ',') FROM material_tag t " \
  " WHERE t.material_id = m.id AND t.kind = 'topic') "

#define MATERIAL_COLUMN_AUDIENCES  (1 + N_MATERIAL_FIELDS)
#define MATERIAL_COLUMN_TOPICS     (MATERIAL_COLUMN_AUDIENCES + 1)
#define MATERIAL_COLUMN_POSITION   (MATERIAL_COLUMN_TOPICS + 1)

/* The facets, with the kind as ?1, the language ?2, the audience ?3, the
 * topic ?4 and a course's uuid ?5; a NULL parameter lets everything pass.
 * Material for everyone is material for every audience.
 */
#define FILTER_SQL \
  " AND (?1 IS NULL OR m.kind = ?1)" \
  " AND (?2 IS NULL OR m.language = ?2)" \
  " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM material_tag t WHERE t.material_id = m.id" \
  "      AND t.kind = 'audience' AND t.code IN (?3, 'all')))" \
  " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM material_tag t WHERE t.material_id = m.id" \
  "      AND t.kind = 'topic' AND t.code = ?4))"

#define COURSE_FILTER_SQL \
  " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM collection_item ci" \
  "      JOIN collection c ON c.id = ci.collection_id" \
  "      WHERE c.uuid = ?5 AND ci.material_id = m.id))"

/* Title first: a word in the title says most about what a material is. */
#define METADATA_RANK "bm25 (material_fts, 10.0, 2.0, 3.0, 1.0, 2.0)"

/* What lanka_materials_save () writes besides the lists; the rest was
 * read from the file.
 */
static const char * const editable_fields[] = {
  "title", "description", "kind", "language", "source", "year", "usage_note", "duration", "url",
  NULL
};

static const char * const collection_fields[] = {
  "title", "audience", "planned_minutes", "description", "created", "updated", "n_items", NULL
};

#define N_COLLECTION_FIELDS 7

G_STATIC_ASSERT (G_N_ELEMENTS (collection_fields) == N_COLLECTION_FIELDS + 1);

#define COLLECTION_SELECT \
  "SELECT c.uuid, c.title, c.audience, c.planned_minutes, c.description, c.created, " \
  "c.updated, (SELECT count (*) FROM collection_item i WHERE i.collection_id = c.id) " \
  "FROM collection c "

/* Contents and hits */

/**
 * lanka_material_content_new:
 *
 * Returns: (transfer full): an empty content whose @page_texts is an
 *   empty array that frees the strings added to it
 */
LankaMaterialContent *
lanka_material_content_new (void)
{
  LankaMaterialContent *content = g_new0 (LankaMaterialContent, 1);

  content->page_count = 1;
  content->page_texts = g_ptr_array_new_with_free_func (g_free);

  return content;
}

void
lanka_material_content_free (LankaMaterialContent *content)
{
  if (content == NULL)
    return;

  g_free (content->kind);
  g_free (content->title);
  g_free (content->file_name);
  g_free (content->mime_type);
  g_clear_pointer (&content->data, g_bytes_unref);
  g_free (content->url);
  g_free (content->sha256);
  g_clear_pointer (&content->page_texts, g_ptr_array_unref);
  g_clear_pointer (&content->thumbnail, g_bytes_unref);
  g_free (content->language);
  g_free (content);
}

void
lanka_material_hit_free (LankaMaterialHit *hit)
{
  if (hit == NULL)
    return;

  g_clear_object (&hit->material);
  g_clear_pointer (&hit->pages, g_array_unref);
  g_free (hit->snippet);
  g_free (hit);
}

/* Small helpers */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* The text without the spaces around it, in composed form (as PDFs and
 * keyboards mostly give it), so that "ä" is one letter to the index
 * however it was written; NULL when nothing is left.
 */
static char *
dup_clean (const char *text)
{
  g_autofree char *stripped = NULL;

  if (is_blank (text))
    return NULL;

  stripped = g_strstrip (g_strdup (text));

  return g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
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

/* A number field: NULL when empty; otherwise bound as a number. */
static void
bind_number (sqlite3_stmt *stmt,
             int           index,
             const char   *value)
{
  gint64 number;

  if (value != NULL && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    sqlite3_bind_int64 (stmt, index, number);
  else
    sqlite3_bind_null (stmt, index);
}

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, message);
}

static void
set_material_gone (GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                       _("The material is no longer in the library. Someone may have deleted it."));
}

static void
set_collection_gone (GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                       _("The course no longer exists. Someone may have deleted it."));
}

/* A facet as a parameter: an empty one filters nothing. */
static const char *
facet (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : NULL;
}

static void
bind_filter (sqlite3_stmt              *stmt,
             const LankaMaterialFilter *filter,
             gboolean                   with_course)
{
  if (filter == NULL)
    return;

  bind_text (stmt, 1, facet (filter->kind));
  bind_text (stmt, 2, facet (filter->language));
  bind_text (stmt, 3, facet (filter->audience));
  bind_text (stmt, 4, facet (filter->topic));
  if (with_course)
    bind_text (stmt, 5, facet (filter->collection_uuid));
}

/* Looks up the row id of the material or course with @uuid in @sql; a
 * sentence when there is none.
 */
static gboolean
find_id (LankaDatabase  *database,
         const char     *sql,
         const char     *uuid,
         gboolean        collection,
         gint64         *id,
         GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  *id = 0;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (*id == 0)
    {
      if (collection)
        set_collection_gone (error);
      else
        set_material_gone (error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_material_id (LankaDatabase  *database,
                  const char     *uuid,
                  gint64         *id,
                  GError        **error)
{
  return find_id (database, "SELECT id FROM material WHERE uuid = ?1", uuid, FALSE, id, error);
}

static gboolean
find_collection_id (LankaDatabase  *database,
                    const char     *uuid,
                    gint64         *id,
                    GError        **error)
{
  return find_id (database, "SELECT id FROM collection WHERE uuid = ?1", uuid, TRUE, id, error);
}

/* The number of pages of the material with row id @id. */
static gboolean
read_page_count (LankaDatabase  *database,
                 gint64          id,
                 guint          *page_count,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT page_count FROM material WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  *page_count = 0;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *page_count = (guint)CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
      rc = SQLITE_DONE;
    }

  return _lanka_database_finish_rows (database, stmt, rc, error);
}

static gboolean
check_page (guint    page,
            guint    page_count,
            GError **error)
{
  if (page >= 1 && page <= page_count)
    return TRUE;

  g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
               _("The material has no page %u."), page);
  return FALSE;
}

/* Records */

/* "a,b,c" from group_concat () into a list field; codes hold no commas. */
static void
read_list (LankaRecord  *record,
           const char   *field,
           sqlite3_stmt *stmt,
           int           column)
{
  const char *joined = (const char *)sqlite3_column_text (stmt, column);
  g_auto(GStrv) codes = NULL;

  if (joined == NULL)
    return;

  codes = g_strsplit (joined, ",", -1);
  lanka_record_set_list (record, field, (const char * const *)codes);
}

/* Numbers come back as SQLite writes them: "595.276", "2021". */
static LankaRecord *
material_from_row (sqlite3_stmt *stmt,
                   gboolean      with_position)
{
  LankaRecord *record;

  record = lanka_record_new_with_uuid (MATERIAL_KIND, (const char *)sqlite3_column_text (stmt, 0));

  for (guint i = 0; i < N_MATERIAL_FIELDS; i++)
    _lanka_record_set_quiet (record, material_fields[i],
                             (const char *)sqlite3_column_text (stmt, 1 + i));

  read_list (record, "audiences", stmt, MATERIAL_COLUMN_AUDIENCES);
  read_list (record, "topics", stmt, MATERIAL_COLUMN_TOPICS);

  if (with_position)
    _lanka_record_set_quiet (record, "position",
                             (const char *)sqlite3_column_text (stmt, MATERIAL_COLUMN_POSITION));

  return record;
}

/* The material with row id @id, or NULL without an error. */
static gboolean
read_material (LankaDatabase  *database,
               const char     *sql,
               const char     *uuid,
               gint64          id,
               LankaRecord   **record,
               GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  if (uuid != NULL)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  *record = NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *record = material_from_row (stmt, FALSE);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    {
      g_clear_object (record);
      return FALSE;
    }

  return TRUE;
}

static LankaRecord *
collection_from_row (sqlite3_stmt *stmt)
{
  LankaRecord *record;

  record = lanka_record_new_with_uuid (COLLECTION_KIND,
                                       (const char *)sqlite3_column_text (stmt, 0));

  for (guint i = 0; i < N_COLLECTION_FIELDS; i++)
    _lanka_record_set_quiet (record, collection_fields[i],
                             (const char *)sqlite3_column_text (stmt, 1 + i));

  return record;
}

/* The search index of the metadata */

/* A code with its labels, the English one and the one in the language
 * Länka runs in, so that "barnperspektiv" and "child" both find a topic.
 */
static void
append_tags (GString            *tags,
             LankaVocabulary     vocabulary,
             const char * const *codes)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *source = lanka_vocabulary_get_source_label (vocabulary, codes[i]);
      const char *label = lanka_vocabulary_get_label (vocabulary, codes[i]);

      g_string_append_printf (tags, "%s\n", codes[i]);
      if (source != NULL)
        g_string_append_printf (tags, "%s\n", source);
      if (label != NULL && g_strcmp0 (label, source) != 0)
        g_string_append_printf (tags, "%s\n", label);
    }
}

/* Writes the metadata row of material @id anew from @record.
 * Contentless with contentless_delete: a row is deleted by its rowid and
 * written again, never updated in place.
 */
static gboolean
index_metadata (LankaDatabase  *database,
                gint64          id,
                LankaRecord    *record,
                GError        **error)
{
  g_autoptr(GString) tags = g_string_new (NULL);
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM material_fts WHERE rowid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  append_tags (tags, LANKA_VOCABULARY_MATERIAL_AUDIENCE,
               lanka_record_get_list (record, "audiences"));
  append_tags (tags, LANKA_VOCABULARY_MATERIAL_TOPIC, lanka_record_get_list (record, "topics"));

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO material_fts "
                                        "(rowid, title, description, source, usage_note, tags) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, lanka_record_get (record, "title"));
  bind_text (stmt, 3, lanka_record_get (record, "description"));
  bind_text (stmt, 4, lanka_record_get (record, "source"));
  bind_text (stmt, 5, lanka_record_get (record, "usage_note"));
  bind_text (stmt, 6, tags->str);

  return _lanka_database_step_done (database, stmt, error);
}

static gboolean
write_tags (LankaDatabase       *database,
            gint64               id,
            const char          *kind,
            const char * const  *codes,
            GError             **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "DELETE FROM material_tag "
                                        "WHERE material_id = ?1 AND kind = ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (!(stmt = _lanka_database_prepare (database,
                                            "INSERT INTO material_tag (material_id, kind, code) "
                                            "VALUES (?1, ?2, ?3)",
                                            error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, codes[i], -1, SQLITE_TRANSIENT);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Checks */

/* An ISO 639 code: two or three lower-case letters, and one the
 * installed list of languages knows when there is such a list.
 */
static gboolean
is_language_code (const char *code)
{
  gsize length = strlen (code);
  const char * const *known;

  if (length < 2 || length > 3)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (code[i]))
      return FALSE;

  known = lanka_iso_language_get_codes ();

  return known == NULL || known[0] == NULL || lanka_iso_language_get_name (code) != NULL;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return TRUE;
}

/* Whether @field holds a whole number from @min to @max, or nothing. */
static gboolean
check_number (LankaRecord *record,
              const char  *field,
              gint64       min,
              gint64       max)
{
  const char *value = lanka_record_get (record, field);
  g_autofree char *stripped = NULL;

  if (is_blank (value))
    return TRUE;

  stripped = g_strstrip (g_strdup (value));

  return g_ascii_string_to_signed (stripped, 10, min, max, NULL, NULL);
}

static gboolean
check_codes (LankaVocabulary      vocabulary,
             const char * const  *codes,
             GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (lanka_vocabulary_contains (vocabulary, codes[i]))
        continue;

      if (vocabulary == LANKA_VOCABULARY_MATERIAL_AUDIENCE)
        g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                     _("The audience “%s” is not an audience Länka knows."), codes[i]);
      else
        g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                     _("The topic “%s” is not a topic Länka knows."), codes[i]);
      return FALSE;
    }

  return TRUE;
}

/* The editable fields of @material, checked, into @row: what is saved. */
static gboolean
check_material (LankaRecord  *material,
                LankaRecord  *row,
                GError      **error)
{
  static const char * const texts[] = {
    "title", "description", "source", "usage_note", "url", NULL
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int next_year = g_date_time_get_year (now) + 1;
  const char *kind = lanka_record_get (material, "kind");
  const char *language = lanka_record_get (material, "language");

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *clean = dup_clean (lanka_record_get (material, texts[i]));

      _lanka_record_set_quiet (row, texts[i], clean);
    }

  if (lanka_record_get (row, "title") == NULL)
    {
      set_invalid (error, _("The title is empty. Give the material a title."));
      return FALSE;
    }

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_MATERIAL_KIND, kind))
    {
      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                   _("The kind “%s” is not a kind of material Länka knows."),
                   kind != NULL ? kind : "");
      return FALSE;
    }

  if (language != NULL && !is_language_code (language))
    {
      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                   _("The language “%s” is not a language code Länka knows."), language);
      return FALSE;
    }

  if (!check_codes (LANKA_VOCABULARY_MATERIAL_AUDIENCE,
                    lanka_record_get_list (material, "audiences"), error) ||
      !check_codes (LANKA_VOCABULARY_MATERIAL_TOPIC,
                    lanka_record_get_list (material, "topics"), error))
    return FALSE;

  if (!check_number (material, "year", 1900, next_year))
    {
      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                   _("The year must be a year from 1900 to %d."), next_year);
      return FALSE;
    }

  if (!check_number (material, "duration", 0, G_MAXINT32))
    {
      set_invalid (error, _("The duration must be a number of minutes, not less than zero."));
      return FALSE;
    }

  _lanka_record_set_quiet (row, "kind", kind);
  _lanka_record_set_quiet (row, "language", language);
  lanka_record_set_list (row, "audiences", lanka_record_get_list (material, "audiences"));
  lanka_record_set_list (row, "topics", lanka_record_get_list (material, "topics"));

  for (guint i = 0; i < 2; i++)
    {
      const char *field = i == 0 ? "year" : "duration";
      g_autofree char *clean = dup_clean (lanka_record_get (material, field));

      _lanka_record_set_quiet (row, field, clean);
    }

  return TRUE;
}

/* What an import read, checked, as the record of a new material. */
static LankaRecord *
check_content (const LankaMaterialContent  *content,
               GError                     **error)
{
  g_autoptr(LankaRecord) row = lanka_record_new (MATERIAL_KIND);
  g_autofree char *title = NULL;
  g_autofree char *sha256 = NULL;
  guint n_texts = content->page_texts != NULL ? content->page_texts->len : 0;
  gsize size = content->data != NULL ? g_bytes_get_size (content->data) : 0;

  if (!lanka_vocabulary_contains (LANKA_VOCABULARY_MATERIAL_KIND, content->kind))
    {
      set_invalid (error, _("Länka cannot tell what kind of material the file is."));
      return NULL;
    }

  if (g_strcmp0 (content->kind, "link") == 0)
    {
      if (is_blank (content->url))
        {
          set_invalid (error, _("The link has no address."));
          return NULL;
        }
    }
  else if (content->data == NULL || size == 0)
    {
      set_invalid (error, _("The file is empty."));
      return NULL;
    }

  if (size > LANKA_MATERIAL_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (LANKA_MATERIAL_MAX_SIZE);
      g_autofree char *message =
        g_strdup_printf (_("The file is larger than %s, the most the library takes."), limit);

      set_invalid (error, message);
      return NULL;
    }

  if (content->page_count < 1 || content->page_count >= PAGE_ROWID_FACTOR ||
      (n_texts > 0 && n_texts != content->page_count))
    {
      set_invalid (error, _("The file’s pages could not be read."));
      return NULL;
    }

  for (guint i = 0; i < n_texts; i++)
    {
      const char *text = g_ptr_array_index (content->page_texts, i);

      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        {
          set_invalid (error, _("The file’s pages could not be read."));
          return NULL;
        }
    }

  if (content->sha256 == NULL)
    sha256 = content->data != NULL
             ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content->data)
             : g_compute_checksum_for_string (G_CHECKSUM_SHA256, content->url, -1);
  else if (is_sha256 (content->sha256))
    sha256 = g_ascii_strdown (content->sha256, -1);
  else
    {
      set_invalid (error, _("The file’s checksum is not valid."));
      return NULL;
    }

  /* A title is what the library lists; the file's name will do. */
  for (guint i = 0; i < 3 && title == NULL; i++)
    {
      const char *candidate = i == 0 ? content->title : i == 1 ? content->file_name : content->url;

      if (candidate != NULL && g_utf8_validate (candidate, -1, NULL))
        title = dup_clean (candidate);
    }

  if (title == NULL)
    {
      set_invalid (error, _("The title is empty. Give the material a title."));
      return NULL;
    }

  _lanka_record_set_quiet (row, "title", title);
  _lanka_record_set_quiet (row, "kind", content->kind);
  if (content->language != NULL && is_language_code (content->language))
    _lanka_record_set_quiet (row, "language", content->language);
  if (content->url != NULL && g_utf8_validate (content->url, -1, NULL))
    {
      g_autofree char *url = dup_clean (content->url);

      _lanka_record_set_quiet (row, "url", url);
    }
  if (content->file_name != NULL && g_utf8_validate (content->file_name, -1, NULL))
    _lanka_record_set_quiet (row, "file_name", content->file_name);
  if (content->mime_type != NULL && g_utf8_validate (content->mime_type, -1, NULL))
    _lanka_record_set_quiet (row, "mime_type", content->mime_type);
  _lanka_record_set_quiet (row, "sha256", sha256);

  return g_steal_pointer (&row);
}

/* Adding */

static gboolean
find_by_hash (LankaDatabase  *database,
              const char     *sha256,
              LankaRecord   **record,
              GError        **error)
{
  g_autofree char *lower = g_ascii_strdown (sha256, -1);

  return read_material (database, MATERIAL_SELECT "FROM material m WHERE m.sha256 = ?1",
                        lower, 0, record, error);
}

static gboolean
insert_blob (LankaDatabase  *database,
             const char     *sql,
             gint64          id,
             GBytes         *bytes,
             GError        **error)
{
  sqlite3_stmt *stmt;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  /* The bytes outlive the step: no copy of a file that may be large. */
  sqlite3_bind_blob64 (stmt, 2, data != NULL ? data : "", size, SQLITE_STATIC);

  return _lanka_database_step_done (database, stmt, error);
}

static gboolean
insert_material (LankaDatabase               *database,
                 const LankaMaterialContent  *content,
                 LankaRecord                 *row,
                 gint64                      *id,
                 GError                     **error)
{
  gint64 now = g_get_real_time ();
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO material (uuid, title, kind, language, url, "
                                        "file_name, mime_type, size, sha256, page_count, "
                                        "page_width, page_height, created, updated) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                        "?12, ?13, ?13)",
                                        error)))
    return FALSE;

  bind_text (stmt, 1, lanka_record_get_uuid (row));
  bind_text (stmt, 2, lanka_record_get (row, "title"));
  bind_text (stmt, 3, lanka_record_get (row, "kind"));
  bind_text (stmt, 4, lanka_record_get (row, "language"));
  bind_text (stmt, 5, lanka_record_get (row, "url"));
  bind_text (stmt, 6, lanka_record_get (row, "file_name"));
  bind_text (stmt, 7, lanka_record_get (row, "mime_type"));
  sqlite3_bind_int64 (stmt, 8, content->data != NULL ? g_bytes_get_size (content->data) : 0);
  bind_text (stmt, 9, lanka_record_get (row, "sha256"));
  sqlite3_bind_int64 (stmt, 10, content->page_count);
  if (content->page_width > 0 && content->page_height > 0)
    {
      sqlite3_bind_double (stmt, 11, content->page_width);
      sqlite3_bind_double (stmt, 12, content->page_height);
    }
  sqlite3_bind_int64 (stmt, 13, now);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

  return TRUE;
}

/* Pages without text have no row: dup_page_text () answers "" for them. */
static gboolean
insert_pages (LankaDatabase               *database,
              gint64                       id,
              const LankaMaterialContent  *content,
              GError                     **error)
{
  for (guint i = 0; content->page_texts != NULL && i < content->page_texts->len; i++)
    {
      const char *text = g_ptr_array_index (content->page_texts, i);
      g_autofree char *normalized = NULL;
      sqlite3_stmt *stmt;

      if (is_blank (text))
        continue;

      normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

      if (!(stmt = _lanka_database_prepare (database,
                                            "INSERT INTO material_page "
                                            "(id, material_id, page, text) "
                                            "VALUES (?1 * " G_STRINGIFY (PAGE_ROWID_FACTOR)
                                            " + ?2, ?1, ?2, ?3)",
                                            error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, i + 1);
      sqlite3_bind_text (stmt, 3, normalized, -1, SQLITE_STATIC);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * lanka_materials_add:
 * @database: an open #LankaDatabase
 * @content: what an import read
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new material, or %NULL with
 *   %LANKA_STORE_ERROR_EXISTS or %LANKA_STORE_ERROR_INVALID
 */
LankaRecord *
lanka_materials_add (LankaDatabase               *database,
                     const LankaMaterialContent  *content,
                     GError                     **error)
{
  g_autoptr(LankaRecord) row = NULL;
  g_autoptr(LankaRecord) existing = NULL;
  LankaRecord *material = NULL;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !(row = check_content (content, error)))
    return NULL;

  /* The duplicate check inside the transaction: the same file imported
   * twice at once is still stored once.
   */
  if (!lanka_database_begin (database, error))
    return NULL;

  if (!find_by_hash (database, lanka_record_get (row, "sha256"), &existing, error))
    goto failed;

  if (existing != NULL)
    {
      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_EXISTS,
                   _("“%s” is already in the library."), lanka_record_get (existing, "title"));
      goto failed;
    }

  if (!insert_material (database, content, row, &id, error))
    goto failed;

  if (content->data != NULL &&
      !insert_blob (database, "INSERT INTO material_file (material_id, data) VALUES (?1, ?2)",
                    id, content->data, error))
    goto failed;

  if (content->thumbnail != NULL && g_bytes_get_size (content->thumbnail) > 0 &&
      !insert_blob (database, "INSERT INTO material_thumbnail (material_id, png) VALUES (?1, ?2)",
                    id, content->thumbnail, error))
    goto failed;

  if (!insert_pages (database, id, content, error) ||
      !index_metadata (database, id, row, error) ||
      !read_material (database, MATERIAL_SELECT "FROM material m WHERE m.id = ?1", NULL, id,
                      &material, error))
    goto failed;

  if (!lanka_database_commit (database, error))
    {
      g_clear_object (&material);
      goto failed;
    }

  return material;

failed:
  lanka_database_rollback (database);
  return NULL;
}

/**
 * lanka_materials_find_by_hash:
 * @database: an open #LankaDatabase
 * @sha256: a hex SHA-256
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the material, or %NULL
 */
LankaRecord *
lanka_materials_find_by_hash (LankaDatabase  *database,
                              const char     *sha256,
                              GError        **error)
{
  LankaRecord *record = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !find_by_hash (database, sha256, &record, error))
    return NULL;

  return record;
}

/**
 * lanka_materials_get:
 * @database: an open #LankaDatabase
 * @uuid: the material's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the material, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND
 */
LankaRecord *
lanka_materials_get (LankaDatabase  *database,
                     const char     *uuid,
                     GError        **error)
{
  LankaRecord *record = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !read_material (database, MATERIAL_SELECT "FROM material m WHERE m.uuid = ?1", uuid, 0,
                      &record, error))
    return NULL;

  if (record == NULL)
    set_material_gone (error);

  return record;
}

/**
 * lanka_materials_list:
 * @database: an open #LankaDatabase
 * @filter: (nullable): the facets
 * @error: a location for a #GError
 *
 * A course's list holds a material once for each place it has in the
 * course, each record with its place in the field "position".
 *
 * Returns: (transfer full) (nullable): a list of #LankaRecords, or %NULL
 *   (%LANKA_STORE_ERROR_NOT_FOUND for a course that does not exist)
 */
GListModel *
lanka_materials_list (LankaDatabase              *database,
                      const LankaMaterialFilter  *filter,
                      GError                    **error)
{
  g_autoptr(GListStore) store = NULL;
  const char *course = filter != NULL ? facet (filter->collection_uuid) : NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error))
    return NULL;

  if (course != NULL)
    {
      gint64 collection_id;

      if (!find_collection_id (database, course, &collection_id, error) ||
          !(stmt = _lanka_database_prepare (database,
                                            MATERIAL_SELECT ", ci.position "
                                            "FROM collection_item ci "
                                            "JOIN material m ON m.id = ci.material_id "
                                            "WHERE ci.collection_id = ?5" FILTER_SQL
                                            " ORDER BY ci.position",
                                            error)))
        return NULL;

      bind_filter (stmt, filter, FALSE);
      sqlite3_bind_int64 (stmt, 5, collection_id);
    }
  else
    {
      if (!(stmt = _lanka_database_prepare (database,
                                            MATERIAL_SELECT "FROM material m WHERE 1" FILTER_SQL
                                            " ORDER BY m.title COLLATE swedish, m.id",
                                            error)))
        return NULL;

      bind_filter (stmt, filter, FALSE);
    }

  store = g_list_store_new (LANKA_TYPE_RECORD);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LankaRecord) record = material_from_row (stmt, course != NULL);

      g_list_store_append (store, record);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * lanka_materials_save:
 * @database: an open #LankaDatabase
 * @material: a material from this library
 * @error: a location for a #GError
 *
 * On success, @material holds what was saved (without the spaces around
 * its texts) and its new "updated" time.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_materials_save (LankaDatabase  *database,
                      LankaRecord    *material,
                      GError        **error)
{
  g_autoptr(LankaRecord) row = NULL;
  g_autofree char *updated = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_RECORD (material), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  row = lanka_record_new_with_uuid (MATERIAL_KIND, lanka_record_get_uuid (material));

  if (!check_material (material, row, error))
    return FALSE;

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!find_material_id (database, lanka_record_get_uuid (material), &id, error))
    goto failed;

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE material SET title = ?2, description = ?3, "
                                        "kind = ?4, language = ?5, source = ?6, year = ?7, "
                                        "usage_note = ?8, duration = ?9, url = ?10, updated = ?11 "
                                        "WHERE id = ?1",
                                        error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, lanka_record_get (row, "title"));
  bind_text (stmt, 3, lanka_record_get (row, "description"));
  bind_text (stmt, 4, lanka_record_get (row, "kind"));
  bind_text (stmt, 5, lanka_record_get (row, "language"));
  bind_text (stmt, 6, lanka_record_get (row, "source"));
  bind_number (stmt, 7, lanka_record_get (row, "year"));
  bind_text (stmt, 8, lanka_record_get (row, "usage_note"));
  bind_number (stmt, 9, lanka_record_get (row, "duration"));
  bind_text (stmt, 10, lanka_record_get (row, "url"));
  sqlite3_bind_int64 (stmt, 11, now);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !write_tags (database, id, "audience", lanka_record_get_list (row, "audiences"), error) ||
      !write_tags (database, id, "topic", lanka_record_get_list (row, "topics"), error) ||
      !index_metadata (database, id, row, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  for (guint i = 0; editable_fields[i] != NULL; i++)
    _lanka_record_set_quiet (material, editable_fields[i],
                             lanka_record_get (row, editable_fields[i]));

  updated = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  _lanka_record_set_quiet (material, "updated", updated);

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/* The items of a course, in order: the material row ids. */
static gboolean
read_items (LankaDatabase  *database,
            gint64          collection_id,
            GArray         *items,
            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT material_id FROM collection_item "
                                        "WHERE collection_id = ?1 ORDER BY position",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, collection_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 material_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (items, material_id);
    }

  return _lanka_database_finish_rows (database, stmt, rc, error);
}

/* Writes the course's items anew, at positions 0, 1, 2, … .  A course
 * holds tens of items, and writing them all keeps the positions without
 * gaps whatever changed.
 */
static gboolean
write_items (LankaDatabase  *database,
             gint64          collection_id,
             GArray         *items,
             GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "DELETE FROM collection_item WHERE collection_id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, collection_id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      if (!(stmt = _lanka_database_prepare (database,
                                            "INSERT INTO collection_item "
                                            "(collection_id, position, material_id) "
                                            "VALUES (?1, ?2, ?3)",
                                            error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, collection_id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, g_array_index (items, gint64, i));

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE collection SET updated = ?2 WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, collection_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_materials_delete:
 * @database: an open #LankaDatabase
 * @uuid: the material's uuid
 * @error: a location for a #GError
 *
 * The courses the material was in close up behind it.
 *
 * Returns: %TRUE on success; %FALSE with %LANKA_STORE_ERROR_NOT_FOUND
 *   when there is no such material
 */
gboolean
lanka_materials_delete (LankaDatabase  *database,
                        const char     *uuid,
                        GError        **error)
{
  g_autoptr(GArray) collections = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) ||
      !lanka_database_begin (database, error))
    return FALSE;

  if (!find_material_id (database, uuid, &id, error) ||
      !(stmt = _lanka_database_prepare (database,
                                        "SELECT DISTINCT collection_id FROM collection_item "
                                        "WHERE material_id = ?1",
                                        error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 collection_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (collections, collection_id);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    goto failed;

  /* The file, thumbnail, pages (and through their trigger, their search
   * rows), notes and course items go by cascade; the metadata's search
   * row by its trigger.
   */
  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM material WHERE id = ?1", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_lanka_database_step_done (database, stmt, error))
    goto failed;

  for (guint i = 0; i < collections->len; i++)
    {
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 collection_id = g_array_index (collections, gint64, i);

      if (!read_items (database, collection_id, items, error) ||
          !write_items (database, collection_id, items, error))
        goto failed;
    }

  if (!lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/* One blob of the material with @uuid; NULL without an error when it has none. */
static GBytes *
read_blob (LankaDatabase  *database,
           const char     *sql,
           const char     *uuid,
           GError        **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;
  gint64 id;
  int rc;

  if (!_lanka_database_check_open (database, error) ||
      !find_material_id (database, uuid, &id, error) ||
      !(stmt = _lanka_database_prepare (database, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    g_clear_pointer (&bytes, g_bytes_unref);

  return bytes;
}

/**
 * lanka_materials_dup_file:
 * @database: an open #LankaDatabase
 * @uuid: the material's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the file's bytes, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND (also for a link, which has no file)
 */
GBytes *
lanka_materials_dup_file (LankaDatabase  *database,
                          const char     *uuid,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = read_blob (database, "SELECT data FROM material_file WHERE material_id = ?1", uuid,
                     &local_error);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (bytes == NULL)
    g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                         _("The material has no file."));

  return bytes;
}

/**
 * lanka_materials_dup_thumbnail:
 * @database: an open #LankaDatabase
 * @uuid: the material's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the PNG, or %NULL
 */
GBytes *
lanka_materials_dup_thumbnail (LankaDatabase  *database,
                               const char     *uuid,
                               GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_blob (database, "SELECT png FROM material_thumbnail WHERE material_id = ?1", uuid,
                    error);
}

/**
 * lanka_materials_dup_page_text:
 * @database: an open #LankaDatabase
 * @uuid: the material's uuid
 * @page: a page, from 1
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the page's text ("" for a page
 *   without text), or %NULL with an error
 */
char *
lanka_materials_dup_page_text (LankaDatabase  *database,
                               const char     *uuid,
                               guint           page,
                               GError        **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  guint page_count;
  gint64 id;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !find_material_id (database, uuid, &id, error) ||
      !read_page_count (database, id, &page_count, error) ||
      !check_page (page, page_count, error) ||
      !(stmt = _lanka_database_prepare (database,
                                        "SELECT text FROM material_page "
                                        "WHERE material_id = ?1 AND page = ?2",
                                        error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, page);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    {
      g_free (text);
      return NULL;
    }

  return text != NULL ? text : g_strdup ("");
}

/* Searching */

/* Turns @text into an FTS5 query in which every word must match as a
 * prefix: "männ läns" → "männ"* "läns"*.  Only letters and digits reach
 * the query, each word quoted as an FTS5 string, so no input can be FTS5
 * syntax; the words are split where the index's tokenizer splits them.
 * NULL when @text has no word in it.
 */
static char *
build_match (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autofree char *normalized = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  _lanka_database_append_fts_words (match, normalized, "");

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

typedef struct
{
  gint64            id;
  double            score;
  gint64            best_page_row;
  LankaMaterialHit *hit;
} Found;

static void
found_free (Found *found)
{
  g_clear_pointer (&found->hit, lanka_material_hit_free);
  g_free (found);
}

static Found *
lookup_found (GHashTable *found_by_id,
              GPtrArray  *found,
              gint64      id)
{
  Found *entry = g_hash_table_lookup (found_by_id, &id);

  if (entry == NULL)
    {
      entry = g_new0 (Found, 1);
      entry->id = id;
      entry->hit = g_new0 (LankaMaterialHit, 1);
      entry->hit->pages = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (found, entry);
      g_hash_table_insert (found_by_id, &entry->id, entry);
    }

  return entry;
}

/* Best first; bm25 () is lower the better.  The same score: by title. */
static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *first = *(const Found * const *)a;
  const Found *second = *(const Found * const *)b;
  const char *first_title = lanka_record_get (first->hit->material, "title");
  const char *second_title = lanka_record_get (second->hit->material, "title");

  if (first->score != second->score)
    return first->score < second->score ? -1 : 1;

  return g_utf8_collate (first_title != NULL ? first_title : "",
                         second_title != NULL ? second_title : "");
}

typedef struct
{
  gint64 rowid;
  double score;
} PageHit;

/* Best first; bm25 () is lower the better.  The same score: page order. */
static int
compare_page_hits (gconstpointer a,
                   gconstpointer b)
{
  const PageHit *first = a;
  const PageHit *second = b;

  if (first->score != second->score)
    return first->score < second->score ? -1 : 1;

  return first->rowid < second->rowid ? -1 : first->rowid > second->rowid;
}

static gboolean
has_facet (const LankaMaterialFilter *filter)
{
  return filter != NULL &&
         (facet (filter->kind) != NULL || facet (filter->language) != NULL ||
          facet (filter->audience) != NULL || facet (filter->topic) != NULL ||
          facet (filter->collection_uuid) != NULL);
}

/* Every page that matches @match and passes @filter, best first. */
static GArray *
search_pages (LankaDatabase              *database,
              const char                 *match,
              const LankaMaterialFilter  *filter,
              GError                    **error)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (PageHit));
  sqlite3_stmt *stmt;
  int rc;

  /* The index alone tells the material and the page; the material is
   * read only for the facets.  Sorting here rather than in SQL saves a
   * sorter over every matching page.
   */
  if (has_facet (filter))
    stmt = _lanka_database_prepare (database,
                                    "SELECT material_page_fts.rowid, bm25 (material_page_fts) "
                                    "FROM material_page_fts "
                                    "JOIN material m "
                                    "ON m.id = " PAGE_ROWID_SQL ("material_page_fts.rowid") " "
                                    "WHERE material_page_fts MATCH ?6" FILTER_SQL
                                    COURSE_FILTER_SQL,
                                    error);
  else
    stmt = _lanka_database_prepare (database,
                                    "SELECT rowid, bm25 (material_page_fts) "
                                    "FROM material_page_fts WHERE material_page_fts MATCH ?6",
                                    error);

  if (stmt == NULL)
    return NULL;

  bind_filter (stmt, filter, TRUE);
  sqlite3_bind_text (stmt, 6, match, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PageHit page = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (pages, page);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  g_array_sort (pages, compare_page_hits);

  return g_steal_pointer (&pages);
}

/* The snippets of the hits' best pages, in one pass over the matches: a
 * query per page would set the match up again each time, which for a
 * word prefix means merging the lists of every word it begins.
 */
static gboolean
read_snippets (LankaDatabase  *database,
               const char     *match,
               GPtrArray      *found,
               GError        **error)
{
  g_autoptr(GHashTable) by_page = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) rowids = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < found->len; i++)
    {
      Found *entry = g_ptr_array_index (found, i);

      if (entry->best_page_row == 0)
        continue;

      g_string_append_printf (rowids, "%s%" G_GINT64_FORMAT,
                              g_hash_table_size (by_page) > 0 ? "," : "", entry->best_page_row);
      g_hash_table_insert (by_page, &entry->best_page_row, entry);
    }

  g_string_append_c (rowids, ']');

  if (g_hash_table_size (by_page) == 0)
    return TRUE;

  /* "+rowid" keeps the list a filter on the one pass, not a lookup each. */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT rowid, snippet (material_page_fts, 0, char (2), "
                                        "char (3), '…', " G_STRINGIFY (SNIPPET_TOKENS) ") "
                                        "FROM material_page_fts "
                                        "WHERE material_page_fts MATCH ?1 "
                                        "AND +rowid IN (SELECT value FROM json_each (?2))",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rowids->str, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      Found *entry = g_hash_table_lookup (by_page, &rowid);

      if (entry != NULL && entry->hit->snippet == NULL)
        entry->hit->snippet = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
    }

  return _lanka_database_finish_rows (database, stmt, rc, error);
}

/**
 * lanka_materials_search:
 * @database: an open #LankaDatabase
 * @query: what a person typed
 * @filter: (nullable): the facets
 * @error: a location for a #GError
 *
 * A material is found when every word is in its metadata or every word
 * is on one of its pages.
 *
 * Returns: (transfer full) (element-type LankaMaterialHit) (nullable): the
 *   hits, best first, or %NULL with an error
 */
GPtrArray *
lanka_materials_search (LankaDatabase              *database,
                        const char                 *query,
                        const LankaMaterialFilter  *filter,
                        GError                    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)found_free);
  g_autoptr(GHashTable) found_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error))
    return NULL;

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_material_hit_free);

  if (!(match = build_match (query)))
    return g_steal_pointer (&hits);

  /* The first page of a material is its best. */
  if (!(pages = search_pages (database, match, filter, error)))
    return NULL;

  for (guint i = 0; i < pages->len; i++)
    {
      const PageHit *page_hit = &g_array_index (pages, PageHit, i);
      Found *entry = lookup_found (found_by_id, found, page_hit->rowid / PAGE_ROWID_FACTOR);
      guint page = (guint)(page_hit->rowid % PAGE_ROWID_FACTOR);

      if (entry->hit->pages->len == 0)
        {
          entry->score += page_hit->score;
          entry->best_page_row = page_hit->rowid;
        }

      if (entry->hit->pages->len < MAX_HIT_PAGES)
        g_array_append_val (entry->hit->pages, page);
    }

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT m.id, " METADATA_RANK " FROM material_fts "
                                        "JOIN material m ON m.id = material_fts.rowid "
                                        "WHERE material_fts MATCH ?6" FILTER_SQL
                                        COURSE_FILTER_SQL,
                                        error)))
    return NULL;

  bind_filter (stmt, filter, TRUE);
  sqlite3_bind_text (stmt, 6, match, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Found *entry = lookup_found (found_by_id, found, sqlite3_column_int64 (stmt, 0));

      entry->hit->in_metadata = TRUE;
      entry->score += sqlite3_column_double (stmt, 1);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < found->len; )
    {
      Found *entry = g_ptr_array_index (found, i);

      if (!read_material (database, MATERIAL_SELECT "FROM material m WHERE m.id = ?1", NULL,
                          entry->id, &entry->hit->material, error))
        return NULL;

      /* Deleted by another thread since the search read it. */
      if (entry->hit->material == NULL)
        g_ptr_array_remove_index_fast (found, i);
      else
        i++;
    }

  if (!read_snippets (database, match, found, error))
    return NULL;

  g_ptr_array_sort (found, compare_found);

  for (guint i = 0; i < found->len; i++)
    {
      Found *entry = g_ptr_array_index (found, i);

      g_ptr_array_add (hits, g_steal_pointer (&entry->hit));
    }

  return g_steal_pointer (&hits);
}

/**
 * lanka_materials_find_pages:
 * @database: an open #LankaDatabase
 * @uuid: the material's uuid
 * @query: what a person typed
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type guint) (nullable): the pages, in
 *   order (empty for an empty query), or %NULL with an error
 */
GArray *
lanka_materials_find_pages (LankaDatabase  *database,
                            const char     *uuid,
                            const char     *query,
                            GError        **error)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !find_material_id (database, uuid, &id, error))
    return NULL;

  if (!(match = build_match (query)))
    return g_steal_pointer (&pages);

  /* A material's pages are one run of rowids, in page order: the index
   * reads only that run.
   */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT rowid FROM material_page_fts "
                                        "WHERE material_page_fts MATCH ?1 "
                                        "AND rowid > ?2 AND rowid < ?3 ORDER BY rowid",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id * PAGE_ROWID_FACTOR);
  sqlite3_bind_int64 (stmt, 3, (id + 1) * PAGE_ROWID_FACTOR);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint page = (guint)(sqlite3_column_int64 (stmt, 0) % PAGE_ROWID_FACTOR);

      g_array_append_val (pages, page);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&pages);
}

/**
 * lanka_materials_dup_languages:
 * @database: an open #LankaDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the language codes, sorted
 */
GStrv
lanka_materials_dup_languages (LankaDatabase  *database,
                               GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !(stmt = _lanka_database_prepare (database,
                                        "SELECT DISTINCT language FROM material "
                                        "WHERE language IS NOT NULL ORDER BY language",
                                        error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return g_strv_builder_end (builder);
}

/* Presenter notes */

/**
 * lanka_presenter_notes_get:
 * @database: an open #LankaDatabase
 * @material_uuid: the material's uuid
 * @page: a page, from 1
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the note, or %NULL (without an
 *   error when the page has none)
 */
char *
lanka_presenter_notes_get (LankaDatabase  *database,
                           const char     *material_uuid,
                           guint           page,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (material_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !find_material_id (database, material_uuid, &id, error) ||
      !(stmt = _lanka_database_prepare (database,
                                        "SELECT text FROM presenter_note "
                                        "WHERE material_id = ?1 AND page = ?2",
                                        error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, page);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    g_clear_pointer (&text, g_free);

  return text;
}

/**
 * lanka_presenter_notes_set:
 * @database: an open #LankaDatabase
 * @material_uuid: the material's uuid
 * @page: a page of the material, from 1
 * @text: (nullable): the note as written; %NULL, "" or only spaces
 *   remove it
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_presenter_notes_set (LankaDatabase  *database,
                           const char     *material_uuid,
                           guint           page,
                           const char     *text,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  guint page_count;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (material_uuid != NULL, FALSE);
  g_return_val_if_fail (text == NULL || g_utf8_validate (text, -1, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) ||
      !lanka_database_begin (database, error))
    return FALSE;

  if (!find_material_id (database, material_uuid, &id, error) ||
      !read_page_count (database, id, &page_count, error) ||
      !check_page (page, page_count, error))
    goto failed;

  /* The note is kept as written: in Markdown, spaces can mean something. */
  if (is_blank (text))
    stmt = _lanka_database_prepare (database,
                                    "DELETE FROM presenter_note "
                                    "WHERE material_id = ?1 AND page = ?2",
                                    error);
  else
    stmt = _lanka_database_prepare (database,
                                    "INSERT INTO presenter_note (material_id, page, text, updated) "
                                    "VALUES (?1, ?2, ?3, ?4) "
                                    "ON CONFLICT (material_id, page) DO UPDATE "
                                    "SET text = excluded.text, updated = excluded.updated",
                                    error);

  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, page);
  if (!is_blank (text))
    {
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
    }

  if (!_lanka_database_step_done (database, stmt, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_presenter_notes_list:
 * @database: an open #LankaDatabase
 * @material_uuid: the material's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): page (GUINT_TO_POINTER) → note
 */
GHashTable *
lanka_presenter_notes_list (LankaDatabase  *database,
                            const char     *material_uuid,
                            GError        **error)
{
  g_autoptr(GHashTable) notes = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (material_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !find_material_id (database, material_uuid, &id, error) ||
      !(stmt = _lanka_database_prepare (database,
                                        "SELECT page, text FROM presenter_note "
                                        "WHERE material_id = ?1",
                                        error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  notes = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (notes,
                         GUINT_TO_POINTER ((guint)sqlite3_column_int64 (stmt, 0)),
                         g_strdup ((const char *)sqlite3_column_text (stmt, 1)));

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&notes);
}

/* Courses */

/**
 * lanka_collections_list:
 * @database: an open #LankaDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the courses as #LankaRecords, by
 *   title
 */
GListModel *
lanka_collections_list (LankaDatabase  *database,
                        GError        **error)
{
  g_autoptr(GListStore) store = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !(stmt = _lanka_database_prepare (database,
                                        COLLECTION_SELECT
                                        "ORDER BY c.title COLLATE swedish, c.id",
                                        error)))
    return NULL;

  store = g_list_store_new (LANKA_TYPE_RECORD);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LankaRecord) record = collection_from_row (stmt);

      g_list_store_append (store, record);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * lanka_collections_get:
 * @database: an open #LankaDatabase
 * @uuid: the course's uuid
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the course, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND
 */
LankaRecord *
lanka_collections_get (LankaDatabase  *database,
                       const char     *uuid,
                       GError        **error)
{
  LankaRecord *record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lanka_database_check_open (database, error) ||
      !(stmt = _lanka_database_prepare (database, COLLECTION_SELECT "WHERE c.uuid = ?1", error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      record = collection_from_row (stmt);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    {
      g_clear_object (&record);
      return NULL;
    }

  if (record == NULL)
    set_collection_gone (error);

  return record;
}

/**
 * lanka_collections_save:
 * @database: an open #LankaDatabase
 * @collection: a course
 * @error: a location for a #GError
 *
 * On success, @collection holds what was saved and its times.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_collections_save (LankaDatabase  *database,
                        LankaRecord    *collection,
                        GError        **error)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *now_text = NULL;
  const char *audience;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_RECORD (collection), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error))
    return FALSE;

  title = dup_clean (lanka_record_get (collection, "title"));
  description = dup_clean (lanka_record_get (collection, "description"));
  planned = dup_clean (lanka_record_get (collection, "planned_minutes"));
  audience = lanka_record_get (collection, "audience");

  if (title == NULL)
    {
      set_invalid (error, _("The title is empty. Give the course a title."));
      return FALSE;
    }

  if (audience != NULL && !lanka_vocabulary_contains (LANKA_VOCABULARY_MATERIAL_AUDIENCE, audience))
    {
      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                   _("The audience “%s” is not an audience Länka knows."), audience);
      return FALSE;
    }

  if (planned != NULL && !g_ascii_string_to_signed (planned, 10, 0, G_MAXINT32, NULL, NULL))
    {
      set_invalid (error, _("The planned length must be a number of minutes, not less than zero."));
      return FALSE;
    }

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database, "SELECT id FROM collection WHERE uuid = ?1",
                                        error)))
    goto failed;

  sqlite3_bind_text (stmt, 1, lanka_record_get_uuid (collection), -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    goto failed;

  if (id != 0)
    stmt = _lanka_database_prepare (database,
                                    "UPDATE collection SET title = ?2, audience = ?3, "
                                    "planned_minutes = ?4, description = ?5, updated = ?6 "
                                    "WHERE uuid = ?1",
                                    error);
  else
    stmt = _lanka_database_prepare (database,
                                    "INSERT INTO collection (uuid, title, audience, "
                                    "planned_minutes, description, created, updated) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                    error);

  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, lanka_record_get_uuid (collection), -1, SQLITE_TRANSIENT);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, audience);
  bind_number (stmt, 4, planned);
  bind_text (stmt, 5, description);
  sqlite3_bind_int64 (stmt, 6, now);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  _lanka_record_set_quiet (collection, "title", title);
  _lanka_record_set_quiet (collection, "description", description);
  _lanka_record_set_quiet (collection, "planned_minutes", planned);
  _lanka_record_set_quiet (collection, "updated", now_text);
  if (id == 0)
    {
      _lanka_record_set_quiet (collection, "created", now_text);
      _lanka_record_set_quiet (collection, "n_items", "0");
    }

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_collections_delete:
 * @database: an open #LankaDatabase
 * @uuid: the course's uuid
 * @error: a location for a #GError
 *
 * Removes the course; its materials stay in the library.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_collections_delete (LankaDatabase  *database,
                          const char     *uuid,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) ||
      !lanka_database_begin (database, error))
    return FALSE;

  if (!find_collection_id (database, uuid, &id, error) ||
      !(stmt = _lanka_database_prepare (database, "DELETE FROM collection WHERE id = ?1", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/* What each change to a course's order does to the list of its items. */
typedef enum
{
  CHANGE_INSERT,
  CHANGE_REMOVE,
  CHANGE_MOVE,
} Change;

static gboolean
change_items (LankaDatabase  *database,
              const char     *uuid,
              Change          change,
              const char     *material_uuid,
              int             position,
              guint           to,
              GError        **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 collection_id;
  gint64 material_id = 0;

  if (!_lanka_database_check_open (database, error) ||
      !lanka_database_begin (database, error))
    return FALSE;

  if (!find_collection_id (database, uuid, &collection_id, error) ||
      (material_uuid != NULL && !find_material_id (database, material_uuid, &material_id, error)) ||
      !read_items (database, collection_id, items, error))
    goto failed;

  switch (change)
    {
    case CHANGE_INSERT:
      if (position < 0 || (guint)position > items->len)
        position = items->len;
      g_array_insert_val (items, position, material_id);
      break;

    case CHANGE_REMOVE:
    case CHANGE_MOVE:
      /* The course changed under the person's eyes: say so, change nothing. */
      if ((guint)position >= items->len || (change == CHANGE_MOVE && to >= items->len))
        {
          g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                               _("The course has changed meanwhile. Look at it again."));
          goto failed;
        }

      material_id = g_array_index (items, gint64, position);
      g_array_remove_index (items, position);
      if (change == CHANGE_MOVE)
        g_array_insert_val (items, to, material_id);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!write_items (database, collection_id, items, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_collections_insert:
 * @database: an open #LankaDatabase
 * @uuid: the course's uuid
 * @material_uuid: the material's uuid
 * @position: where, from 0; -1 or past the end for the end
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_collections_insert (LankaDatabase  *database,
                          const char     *uuid,
                          const char     *material_uuid,
                          int             position,
                          GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (material_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_items (database, uuid, CHANGE_INSERT, material_uuid, position, 0, error);
}

/**
 * lanka_collections_remove_at:
 * @database: an open #LankaDatabase
 * @uuid: the course's uuid
 * @position: the item's position, from 0
 * @error: a location for a #GError
 *
 * The items after it close up; the material stays in the library.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_collections_remove_at (LankaDatabase  *database,
                             const char     *uuid,
                             guint           position,
                             GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (position <= G_MAXINT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_items (database, uuid, CHANGE_REMOVE, NULL, (int)position, 0, error);
}

/**
 * lanka_collections_move:
 * @database: an open #LankaDatabase
 * @uuid: the course's uuid
 * @from: the item's position, from 0
 * @to: its new position
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_collections_move (LankaDatabase  *database,
                        const char     *uuid,
                        guint           from,
                        guint           to,
                        GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (from <= G_MAXINT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_items (database, uuid, CHANGE_MOVE, NULL, (int)from, to, error);
}
