/* lanka-cases.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-cases"

#include "config.h"

#include "lanka-cases.h"
#include "lanka-audit.h"
#include "lanka-database-private.h"
#include "lanka-directory-private.h"
#include "lanka-draft.h"
#include "lanka-journal.h"
#include "lanka-store-error.h"
#include "lanka-tasks.h"
#include "lanka-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* Whole cases in and out of the tables of migration 4.  A case is read
 * and written as one document: saving compares it with what the database
 * holds, record by record and field by field, and writes only what
 * changed, with one history row per changed field.
 */

#define DRAFT_KIND "case"
#define HISTORY_TABLE "case"
#define MAX_DUPLICATES 20

typedef enum
{
  COLUMN_TEXT,
  COLUMN_BOOLEAN,
  COLUMN_INTEGER,
} ColumnType;

typedef struct
{
  const char *name;
  ColumnType  type;
} Column;

/* The columns of each table that a record holds as fields, in the order
 * of the generated statements.  id, uuid, case_id, created, modified and
 * position are the store's own.
 */
static const Column case_columns[] = {
  { "status", COLUMN_TEXT },
  { "nrm_step", COLUMN_INTEGER },
  { "victim_status", COLUMN_TEXT },
  { "victim_status_by", COLUMN_TEXT },
  { "injured_party", COLUMN_BOOLEAN },
  { "risk", COLUMN_TEXT },
  { "urgent", COLUMN_BOOLEAN },
  { "county", COLUMN_TEXT },
  { "intake_type", COLUMN_TEXT },
  { "intake_date", COLUMN_TEXT },
  { "identified_by", COLUMN_TEXT },
  { "referred_from", COLUMN_TEXT },
  { "referred_from_name", COLUMN_TEXT },
  { "unaccompanied", COLUMN_BOOLEAN },
  { "bbic_reference", COLUMN_TEXT },
  { "protection_assessed_on", COLUMN_TEXT },
  { "initial_assessment_on", COLUMN_TEXT },
  { "investigation_done_on", COLUMN_TEXT },
  { "opened", COLUMN_TEXT },
  { "closed", COLUMN_TEXT },
  { "closure_reason", COLUMN_TEXT },
  { "handed_over_to", COLUMN_TEXT },
  { "handed_over_to_name", COLUMN_TEXT },
  { "notes", COLUMN_TEXT },
  { "child", COLUMN_BOOLEAN },
  { "alias", COLUMN_TEXT },
  { "next_deadline", COLUMN_TEXT },
  { NULL }
};

static const Column person_columns[] = {
  { "alias", COLUMN_TEXT },
  { "legal_name", COLUMN_TEXT },
  { "personal_number", COLUMN_TEXT },
  { "birth_date", COLUMN_TEXT },
  { "birth_precision", COLUMN_TEXT },
  { "estimated_age", COLUMN_INTEGER },
  { "estimated_on", COLUMN_TEXT },
  { "gender", COLUMN_TEXT },
  { "interpreter", COLUMN_BOOLEAN },
  { "interpreter_language", COLUMN_TEXT },
  { "protected_identity", COLUMN_BOOLEAN },
  { "address", COLUMN_TEXT },
  { "phone", COLUMN_TEXT },
  { "notes", COLUMN_TEXT },
  { NULL }
};

static const Column exploitation_columns[] = {
  { "recruitment", COLUMN_TEXT },
  { "recruiter_relation", COLUMN_TEXT },
  { "age_at_entry", COLUMN_INTEGER },
  { "period_start", COLUMN_TEXT },
  { "period_end", COLUMN_TEXT },
  { "ongoing", COLUMN_BOOLEAN },
  { "notes", COLUMN_TEXT },
  { NULL }
};

static const Column assessment_columns[] = {
  { "assessed_on", COLUMN_TEXT },
  { "risk", COLUMN_TEXT },
  { "summary", COLUMN_TEXT },
  { "next_review", COLUMN_TEXT },
  { "assessed_by", COLUMN_TEXT },
  { NULL }
};

static const Column permit_columns[] = {
  { "kind", COLUMN_TEXT },
  { "applied_on", COLUMN_TEXT },
  { "decided_on", COLUMN_TEXT },
  { "decision", COLUMN_TEXT },
  { "valid_from", COLUMN_TEXT },
  { "valid_to", COLUMN_TEXT },
  { "notes", COLUMN_TEXT },
  { NULL }
};

static const Column legal_columns[] = {
  { "police_report_on", COLUMN_TEXT },
  { "police_reference", COLUMN_TEXT },
  { "investigation_status", COLUMN_TEXT },
  { "counsel", COLUMN_TEXT },
  { "next_hearing", COLUMN_TEXT },
  { "outcome", COLUMN_TEXT },
  { NULL }
};

static const Column plan_columns[] = {
  { "support_type", COLUMN_TEXT },
  { "goal", COLUMN_TEXT },
  { "provider", COLUMN_TEXT },
  { "provider_name", COLUMN_TEXT },
  { "start_on", COLUMN_TEXT },
  { "end_on", COLUMN_TEXT },
  { "follow_up_on", COLUMN_TEXT },
  { "outcome", COLUMN_TEXT },
  { NULL }
};

/* The sub-records kept in a table of their own with a case_id. */
typedef struct
{
  const char   *kind;
  const Column *columns;
  /* Extra columns written after the fields: "position" for ordered lists. */
  gboolean      positioned;
  const char   *order;
  /* The fallback of a NOT NULL field the person emptied. */
  const char   *required;
  const char   *required_fallback;
  char         *select_sql;
  char         *insert_sql;
  char         *update_sql;
  char         *delete_sql;
} Table;

static Table tables[] = {
  { "exploitation", exploitation_columns, FALSE, "id", NULL, NULL },
  { "legal_process", legal_columns, FALSE, "id", NULL, NULL },
  { "assessment", assessment_columns, FALSE, "assessed_on, id", "assessed_on", NULL },
  { "permit_event", permit_columns, FALSE, "id", "kind", "other" },
  { "plan_item", plan_columns, TRUE, "position, id", "support_type", "social_care" },
};

/* Fields of a case the store keeps, never the person: no history rows for
 * them.
 */
static const char * const derived_fields[] = { "number", "child", "alias", "next_deadline", NULL };

/* The multi-valued fields of an exploitation and their exploitation_value kinds. */
static const struct
{
  const char *field;
  const char *kind;
} exploitation_lists[] = {
  { "forms", "form" },
  { "sexual_types", "sexual_type" },
  { "means", "means" },
  { "countries", "country" },
};

static char *case_select_sql;
static char *case_insert_sql;
static char *case_update_sql;
static char *person_select_sql;
static char *person_insert_sql;
static char *person_update_sql;

static char *
column_list (const Column *columns,
             const char   *prefix)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; columns[i].name != NULL; i++)
    g_string_append_printf (sql, "%s%s%s", i > 0 ? ", " : "", prefix, columns[i].name);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static guint
count_columns (const Column *columns)
{
  guint n = 0;

  while (columns[n].name != NULL)
    n++;

  return n;
}

/* "?3, ?4, …" for @n parameters starting at @first. */
static char *
parameter_list (guint first,
                guint n)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", first + i);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
assignment_list (const Column *columns,
                 guint         first)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; columns[i].name != NULL; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i > 0 ? ", " : "", columns[i].name, first + i);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The statements are built once from the column tables: fixed SQL text
 * with a parameter for every value, so the database's statement cache
 * keeps them prepared.
 */
static void
build_statements (void)
{
  static gsize built = 0;

  if (!g_once_init_enter (&built))
    return;

  {
    g_autofree char *columns = column_list (case_columns, "");
    g_autofree char *parameters = parameter_list (5, count_columns (case_columns));
    g_autofree char *assignments = assignment_list (case_columns, 3);

    case_select_sql = g_strdup_printf ("SELECT id, uuid, number, %s FROM \"case\" WHERE uuid = ?1",
                                       columns);
    case_insert_sql = g_strdup_printf ("INSERT INTO \"case\" (uuid, number, created, modified, %s) "
                                       "VALUES (?1, ?2, ?3, ?4, %s)",
                                       columns, parameters);
    case_update_sql = g_strdup_printf ("UPDATE \"case\" SET modified = ?2, %s WHERE id = ?1",
                                       assignments);
  }

  {
    g_autofree char *columns = column_list (person_columns, "");
    g_autofree char *prefixed = column_list (person_columns, "p.");
    g_autofree char *parameters = parameter_list (4, count_columns (person_columns));
    g_autofree char *assignments = assignment_list (person_columns, 3);

    person_select_sql = g_strdup_printf ("SELECT p.id, p.uuid, cp.role, %s "
                                         "FROM case_person cp JOIN person p ON p.id = cp.person "
                                         "WHERE cp.case_id = ?1 ORDER BY cp.position",
                                         prefixed);
    person_insert_sql = g_strdup_printf ("INSERT INTO person (uuid, created, modified, %s) "
                                         "VALUES (?1, ?2, ?3, %s)",
                                         columns, parameters);
    person_update_sql = g_strdup_printf ("UPDATE person SET modified = ?2, %s WHERE id = ?1",
                                         assignments);
  }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      Table *table = &tables[i];
      guint n = count_columns (table->columns);
      g_autofree char *columns = column_list (table->columns, "");
      g_autofree char *parameters = parameter_list (3, n);
      g_autofree char *assignments = assignment_list (table->columns, 2);

      table->select_sql = g_strdup_printf ("SELECT id, uuid, %s FROM %s WHERE case_id = ?1 "
                                           "ORDER BY %s",
                                           columns, table->kind, table->order);

      if (table->positioned)
        {
          table->insert_sql = g_strdup_printf ("INSERT INTO %s (uuid, case_id, %s, position) "
                                               "VALUES (?1, ?2, %s, ?%u)",
                                               table->kind, columns, parameters, n + 3);
          table->update_sql = g_strdup_printf ("UPDATE %s SET %s, position = ?%u WHERE id = ?1",
                                               table->kind, assignments, n + 2);
        }
      else
        {
          table->insert_sql = g_strdup_printf ("INSERT INTO %s (uuid, case_id, %s) "
                                               "VALUES (?1, ?2, %s)",
                                               table->kind, columns, parameters);
          table->update_sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?1",
                                               table->kind, assignments);
        }

      table->delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table->kind);
    }

  g_once_init_leave (&built, 1);
}

void
lanka_case_match_free (LankaCaseMatch *self)
{
  if (self == NULL)
    return;

  g_free (self->uuid);
  g_free (self->number);
  g_free (self->alias);
  g_free (self->status);
  g_strfreev (self->reasons);
  g_free (self);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* Reads the columns from @first on into @record's fields. */
static void
read_columns (LankaRecord  *record,
              const Column *columns,
              sqlite3_stmt *stmt,
              int           first)
{
  for (guint i = 0; columns[i].name != NULL; i++)
    {
      int column = first + i;

      if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
        continue;

      if (columns[i].type == COLUMN_BOOLEAN)
        _lanka_record_set_quiet (record, columns[i].name,
                                 sqlite3_column_int64 (stmt, column) != 0 ? "1" : NULL);
      else
        _lanka_record_set_quiet (record, columns[i].name,
                                 (const char *)sqlite3_column_text (stmt, column));
    }
}

/* Binds the fields of @record from parameter @first on.  A NOT NULL
 * integer gets @integer_fallback when the field is not a number.
 */
static void
bind_columns (LankaRecord  *record,
              const Column *columns,
              sqlite3_stmt *stmt,
              int           first)
{
  for (guint i = 0; columns[i].name != NULL; i++)
    {
      int index = first + i;
      const char *value = lanka_record_get (record, columns[i].name);
      gint64 number;

      switch (columns[i].type)
        {
        case COLUMN_BOOLEAN:
          sqlite3_bind_int (stmt, index, lanka_record_get_boolean (record, columns[i].name));
          break;

        case COLUMN_INTEGER:
          if (value != NULL &&
              g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
            sqlite3_bind_int64 (stmt, index, number);
          else
            sqlite3_bind_null (stmt, index);
          break;

        case COLUMN_TEXT:
        default:
          bind_text (stmt, index, value);
          break;
        }
    }
}

static gboolean
read_codes (LankaDatabase  *database,
            const char     *sql,
            gint64          id,
            const char     *kind,
            LankaRecord    *record,
            const char     *field,
            GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  codes = g_strv_builder_end (builder);

  if (codes[0] != NULL)
    {
      lanka_record_set_list (record, field, (const char * const *)codes);
    }

  return TRUE;
}

/* A case as the database holds it, with the row ids of its records. */
typedef struct
{
  LankaCase  *kase;
  gint64      case_id;
  GHashTable *ids;   /* record uuid → gint64 * row id */
} Stored;

static void
stored_clear (Stored *stored)
{
  g_clear_object (&stored->kase);
  g_clear_pointer (&stored->ids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stored, stored_clear)

static void
remember_id (Stored     *stored,
             const char *uuid,
             gint64      id)
{
  gint64 *value = g_new (gint64, 1);

  *value = id;
  g_hash_table_insert (stored->ids, g_strdup (uuid), value);
}

static gint64
stored_id (Stored     *stored,
           const char *uuid)
{
  gint64 *id = stored->ids != NULL ? g_hash_table_lookup (stored->ids, uuid) : NULL;

  return id != NULL ? *id : 0;
}

static gboolean
read_people (LankaDatabase  *database,
             Stored         *stored,
             GError        **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, person_select_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stored->case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      LankaRecord *person;

      person = lanka_record_new_with_uuid ("person", (const char *)sqlite3_column_text (stmt, 1));
      _lanka_record_set_quiet (person, "role", (const char *)sqlite3_column_text (stmt, 2));
      read_columns (person, person_columns, stmt, 3);
      g_ptr_array_add (people, person);
      g_array_append_val (ids, id);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  /* The lists after the people: one statement at a time. */
  for (guint i = 0; i < people->len; i++)
    {
      LankaRecord *person = g_ptr_array_index (people, i);
      gint64 id = g_array_index (ids, gint64, i);

      if (!read_codes (database,
                       "SELECT country FROM person_citizenship WHERE person = ?1 ORDER BY country",
                       id, NULL, person, "citizenships", error) ||
          !read_codes (database,
                       "SELECT language FROM person_language WHERE person = ?1 ORDER BY language",
                       id, NULL, person, "languages", error))
        return FALSE;

      remember_id (stored, lanka_record_get_uuid (person), id);
      _lanka_case_take_record (stored->kase, person);
    }

  return TRUE;
}

static gboolean
read_table (LankaDatabase  *database,
            Stored         *stored,
            Table          *table,
            GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, table->select_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stored->case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      LankaRecord *record;

      record = lanka_record_new_with_uuid (table->kind,
                                           (const char *)sqlite3_column_text (stmt, 1));
      read_columns (record, table->columns, stmt, 2);
      g_ptr_array_add (records, record);
      g_array_append_val (ids, id);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      LankaRecord *record = g_ptr_array_index (records, i);
      gint64 id = g_array_index (ids, gint64, i);

      if (g_str_equal (table->kind, "exploitation"))
        for (guint j = 0; j < G_N_ELEMENTS (exploitation_lists); j++)
          if (!read_codes (database,
                           "SELECT code FROM exploitation_value "
                           "WHERE exploitation = ?1 AND kind = ?2 ORDER BY code",
                           id, exploitation_lists[j].kind, record, exploitation_lists[j].field,
                           error))
            return FALSE;

      remember_id (stored, lanka_record_get_uuid (record), id);
      _lanka_case_take_record (stored->kase, record);
    }

  return TRUE;
}

/* Reads the case with @uuid; FALSE with NOT_FOUND when there is none. */
static gboolean
read_case (LankaDatabase  *database,
           const char     *uuid,
           Stored         *stored,
           GError        **error)
{
  g_autoptr(LankaCase) kase = NULL;
  LankaRecord *record;
  sqlite3_stmt *stmt;
  int rc;

  build_statements ();

  if (!(stmt = _lanka_database_prepare (database, case_select_sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      stored->case_id = sqlite3_column_int64 (stmt, 0);
      kase = _lanka_case_new_empty ((const char *)sqlite3_column_text (stmt, 1));
      record = lanka_case_get_record (kase);
      _lanka_record_set_quiet (record, "number", (const char *)sqlite3_column_text (stmt, 2));
      read_columns (record, case_columns, stmt, 3);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return FALSE;
    }

  if (kase == NULL)
    {
      _lanka_cases_set_not_found (error);
      return FALSE;
    }

  stored->kase = g_steal_pointer (&kase);
  stored->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  _lanka_case_set_saved (stored->kase);

  if (!read_codes (database, "SELECT flag FROM case_flag WHERE case_id = ?1 ORDER BY flag",
                   stored->case_id, NULL, lanka_case_get_record (stored->kase), "flags", error) ||
      !read_people (database, stored, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!read_table (database, stored, &tables[i], error))
      return FALSE;

  return TRUE;
}

/**
 * lanka_cases_load:
 * @database: an open #LankaDatabase
 * @uuid: a case's uuid
 * @error: a location for a #GError
 *
 * Reads a whole case and writes that it was opened in the audit log.
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with
 *   %LANKA_STORE_ERROR_NOT_FOUND if there is no such case
 */
LankaCase *
lanka_cases_load (LankaDatabase  *database,
                  const char     *uuid,
                  GError        **error)
{
  g_auto(Stored) stored = { NULL };

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_case (database, uuid, &stored, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_CASE_OPEN, uuid, NULL, error))
    return NULL;

  return g_steal_pointer (&stored.kase);
}

/* Lists in the history and the journal: codes joined by commas. */
static char *
dup_field_text (LankaRecord *record,
                const char  *field)
{
  const char * const *list;

  if (record == NULL)
    return NULL;

  if (lanka_record_get (record, field) != NULL)
    return g_strdup (lanka_record_get (record, field));

  list = lanka_record_get_list (record, field);

  if (list[0] == NULL)
    return NULL;

  return g_strjoinv (",", (char **)list);
}

static gboolean
write_history_row (LankaDatabase  *database,
                   const char     *case_uuid,
                   LankaRecord    *record,
                   const char     *field,
                   const char     *old_value,
                   const char     *new_value,
                   gint64          now,
                   GError        **error)
{
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO record_history (time, user, table_name, "
                                        "record_uuid, field, old_value, new_value) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                        error)))
    return FALSE;

  name = g_strdup_printf ("%s/%s/%s", lanka_record_get_kind (record),
                          lanka_record_get_uuid (record), field);

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, HISTORY_TABLE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, case_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, name, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 6, old_value);
  bind_text (stmt, 7, new_value);

  return _lanka_database_step_done (database, stmt, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* One history row per field that differs between @before (NULL for an
 * added record) and @after (NULL for a removed one).
 */
static gboolean
write_record_history (LankaDatabase  *database,
                      const char     *case_uuid,
                      LankaRecord    *before,
                      LankaRecord    *after,
                      gint64          now,
                      GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_auto(GStrv) before_fields = before != NULL ? lanka_record_dup_fields (before) : NULL;
  g_auto(GStrv) after_fields = after != NULL ? lanka_record_dup_fields (after) : NULL;
  LankaRecord *record = after != NULL ? after : before;

  /* Both records' fields, each once, in a stable order. */
  for (guint i = 0; before_fields != NULL && before_fields[i] != NULL; i++)
    if (g_hash_table_add (seen, before_fields[i]))
      g_ptr_array_add (names, before_fields[i]);
  for (guint i = 0; after_fields != NULL && after_fields[i] != NULL; i++)
    if (g_hash_table_add (seen, after_fields[i]))
      g_ptr_array_add (names, after_fields[i]);

  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *field = g_ptr_array_index (names, i);
      g_autofree char *old_value = dup_field_text (before, field);
      g_autofree char *new_value = dup_field_text (after, field);

      if ((g_str_equal (lanka_record_get_kind (record), "case") &&
           g_strv_contains (derived_fields, field)) ||
          g_strcmp0 (old_value, new_value) == 0)
        continue;

      if (!write_history_row (database, case_uuid, record, field, old_value, new_value, now,
                              error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_codes (LankaDatabase       *database,
             const char          *delete_sql,
             const char          *insert_sql,
             gint64               id,
             const char          *kind,
             const char * const  *codes,
             GError             **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database, delete_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (!(stmt = _lanka_database_prepare (database, insert_sql, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, codes[i], -1, SQLITE_TRANSIENT);
      if (kind != NULL)
        sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
list_differs (LankaRecord *before,
              LankaRecord *after,
              const char  *field)
{
  return before == NULL || !g_strv_equal (lanka_record_get_list (before, field),
                                          lanka_record_get_list (after, field));
}

static gboolean
next_number (LankaDatabase  *database,
             char          **number,
             GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from = g_strdup_printf ("%04d-", g_date_time_get_year (now));
  g_autofree char *to = g_strdup_printf ("%04d.", g_date_time_get_year (now));
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  /* Numbers of one year sort together: "2026-" < "2026-0042" < "2026.". */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT max(number) FROM \"case\" "
                                        "WHERE number >= ?1 AND number < ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);

      last = g_ascii_strtoll (text + strlen (from), NULL, 10);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return FALSE;
    }

  *number = g_strdup_printf ("%s%04" G_GINT64_FORMAT, from, last + 1);

  return TRUE;
}

/* The columns a case cannot do without, when the person emptied them (a
 * problem lanka_case_validate() reports) and the database had nothing
 * better: a new case starts at intake, step 1, opened today.
 */
static void
bind_case_fallbacks (LankaRecord  *record,
                     sqlite3_stmt *stmt,
                     int           first)
{
  for (guint i = 0; case_columns[i].name != NULL; i++)
    {
      const char *name = case_columns[i].name;
      gint64 step = lanka_record_get_int (record, "nrm_step", 0);

      if (g_str_equal (name, "status") && lanka_record_get (record, name) == NULL)
        sqlite3_bind_text (stmt, first + i, "intake", -1, SQLITE_STATIC);
      else if (g_str_equal (name, "nrm_step") && (step < 1 || step > 6))
        sqlite3_bind_int (stmt, first + i, 1);
      else if (g_str_equal (name, "opened") && lanka_record_get (record, name) == NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          sqlite3_bind_text (stmt, first + i, g_date_time_format (now, "%Y-%m-%d"), -1, g_free);
        }
    }
}

static gboolean
write_case_row (LankaDatabase  *database,
                LankaRecord    *record,
                Stored         *stored,
                gint64         *case_id,
                gint64          now,
                GError        **error)
{
  sqlite3_stmt *stmt;

  if (stored->kase == NULL)
    {
      if (!(stmt = _lanka_database_prepare (database, case_insert_sql, error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, lanka_record_get_uuid (record), -1, SQLITE_TRANSIENT);
      bind_text (stmt, 2, lanka_record_get (record, "number"));
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, now);
      bind_columns (record, case_columns, stmt, 5);
      bind_case_fallbacks (record, stmt, 5);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;

      *case_id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));
      return TRUE;
    }

  if (!(stmt = _lanka_database_prepare (database, case_update_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stored->case_id);
  sqlite3_bind_int64 (stmt, 2, now);
  bind_columns (record, case_columns, stmt, 3);
  bind_case_fallbacks (record, stmt, 3);
  *case_id = stored->case_id;

  return _lanka_database_step_done (database, stmt, error);
}

/* A person's row id by uuid, also when another case holds them. */
static gboolean
find_person (LankaDatabase  *database,
             const char     *uuid,
             gint64         *id,
             GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *id = 0;

  if (!(stmt = _lanka_database_prepare (database, "SELECT id FROM person WHERE uuid = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);

  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_person (LankaDatabase  *database,
              gint64          case_id,
              LankaRecord    *person,
              LankaRecord    *before,
              guint           position,
              gint64          now,
              GError        **error)
{
  const char *uuid = lanka_record_get_uuid (person);
  const char *role = lanka_record_get (person, "role");
  sqlite3_stmt *stmt;
  gint64 id;

  if (!find_person (database, uuid, &id, error))
    return FALSE;

  if (id == 0)
    {
      if (!(stmt = _lanka_database_prepare (database, person_insert_sql, error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, now);
      bind_columns (person, person_columns, stmt, 4);

      /* alias is NOT NULL: an alias the person left empty is a problem
       * lanka_case_validate() reports, and the row still needs a value.
       */
      if (lanka_record_get (person, "alias") == NULL)
        sqlite3_bind_text (stmt, 4, "", -1, SQLITE_STATIC);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;

      id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));
    }
  else
    {
      if (!(stmt = _lanka_database_prepare (database, person_update_sql, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, now);
      bind_columns (person, person_columns, stmt, 3);
      if (lanka_record_get (person, "alias") == NULL)
        sqlite3_bind_text (stmt, 3, "", -1, SQLITE_STATIC);

      if (!_lanka_database_step_done (database, stmt, error))
        return FALSE;
    }

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO case_person (case_id, person, role, position) "
                                        "VALUES (?1, ?2, ?3, ?4) "
                                        "ON CONFLICT (case_id, person) DO UPDATE "
                                        "SET role = excluded.role, position = excluded.position",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, role != NULL ? role : "contact", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, position);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  if (list_differs (before, person, "citizenships") &&
      !write_codes (database,
                    "DELETE FROM person_citizenship WHERE person = ?1",
                    "INSERT INTO person_citizenship (person, country) VALUES (?1, ?2)",
                    id, NULL, lanka_record_get_list (person, "citizenships"), error))
    return FALSE;

  if (list_differs (before, person, "languages") &&
      !write_codes (database,
                    "DELETE FROM person_language WHERE person = ?1",
                    "INSERT INTO person_language (person, language) VALUES (?1, ?2)",
                    id, NULL, lanka_record_get_list (person, "languages"), error))
    return FALSE;

  return TRUE;
}

static gboolean
remove_person (LankaDatabase  *database,
               gint64          case_id,
               gint64          person_id,
               GError        **error)
{
  sqlite3_stmt *stmt;

  /* The person goes too when no other case names them (a trigger). */
  if (!(stmt = _lanka_database_prepare (database,
                                        "DELETE FROM case_person "
                                        "WHERE case_id = ?1 AND person = ?2",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, person_id);

  return _lanka_database_step_done (database, stmt, error);
}

static gboolean
write_table_record (LankaDatabase  *database,
                    Table          *table,
                    gint64          case_id,
                    LankaRecord    *record,
                    LankaRecord    *before,
                    gint64          id,
                    guint           position,
                    GError        **error)
{
  guint n = count_columns (table->columns);
  sqlite3_stmt *stmt;

  if (id == 0)
    {
      if (!(stmt = _lanka_database_prepare (database, table->insert_sql, error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, lanka_record_get_uuid (record), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, case_id);
      bind_columns (record, table->columns, stmt, 3);
      if (table->positioned)
        sqlite3_bind_int (stmt, n + 3, position);
    }
  else
    {
      if (!(stmt = _lanka_database_prepare (database, table->update_sql, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      bind_columns (record, table->columns, stmt, 2);
      if (table->positioned)
        sqlite3_bind_int (stmt, n + 2, position);
    }

  /* The first column of a table is the one it cannot do without. */
  if (table->required != NULL && lanka_record_get (record, table->required) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      int index = id == 0 ? 3 : 2;

      g_assert (g_str_equal (table->columns[0].name, table->required));
      sqlite3_bind_text (stmt, index,
                         table->required_fallback != NULL ? table->required_fallback : today,
                         -1, SQLITE_TRANSIENT);
    }

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  if (id == 0)
    id = sqlite3_last_insert_rowid (_lanka_database_get_handle (database));

  if (g_str_equal (table->kind, "exploitation"))
    for (guint i = 0; i < G_N_ELEMENTS (exploitation_lists); i++)
      if (list_differs (before, record, exploitation_lists[i].field) &&
          !write_codes (database,
                        "DELETE FROM exploitation_value WHERE exploitation = ?1 AND kind = ?2",
                        "INSERT INTO exploitation_value (exploitation, code, kind) "
                        "VALUES (?1, ?2, ?3)",
                        id, exploitation_lists[i].kind,
                        lanka_record_get_list (record, exploitation_lists[i].field), error))
        return FALSE;

  return TRUE;
}

static gboolean
delete_row (LankaDatabase  *database,
            const char     *sql,
            gint64          id,
            GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  return _lanka_database_step_done (database, stmt, error);
}

/* Sets @field of @record to what the database holds (or NULL). */
static void
keep_stored_value (LankaRecord *record,
                   LankaRecord *stored,
                   const char  *field)
{
  if (_lanka_record_is_list (record, field) ||
      (stored != NULL && _lanka_record_is_list (stored, field)))
    lanka_record_set_list (record, field,
                           stored != NULL ? lanka_record_get_list (stored, field) : NULL);
  else
    _lanka_record_set_quiet (record, field,
                             stored != NULL ? lanka_record_get (stored, field) : NULL);
}

/* The records of @list (a GListModel of the case being saved) as a
 * GPtrArray, for walking the stored and the new list side by side.
 */
static GPtrArray *
list_records (GListModel *list)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, g_list_model_get_item (list, i));

  return records;
}

static GListModel *
model_for_kind (LankaCase  *kase,
                const char *kind)
{
  if (g_str_equal (kind, "assessment"))
    return lanka_case_get_assessments (kase);
  if (g_str_equal (kind, "permit_event"))
    return lanka_case_get_permits (kase);
  if (g_str_equal (kind, "plan_item"))
    return lanka_case_get_plan (kase);

  return NULL;
}

static gboolean
add_event (LankaDatabase  *database,
           gint64          case_id,
           const char     *event,
           const char     *old_value,
           const char     *new_value,
           GError        **error)
{
  return _lanka_journal_add_event (database, case_id, event, old_value, new_value, error);
}

static gboolean
write_people (LankaDatabase  *database,
              gint64          case_id,
              LankaCase      *kase,
              Stored         *stored,
              gboolean        created,
              gint64          now,
              GError        **error)
{
  g_autoptr(GPtrArray) people = list_records (lanka_case_get_people (kase));
  const char *case_uuid = lanka_case_get_uuid (kase);

  for (guint i = 0; i < people->len; i++)
    {
      LankaRecord *person = g_ptr_array_index (people, i);
      const char *uuid = lanka_record_get_uuid (person);
      LankaRecord *before = stored->kase != NULL ? lanka_case_find_record (stored->kase, uuid)
                                                 : NULL;

      if (!write_person (database, case_id, person, before, i, now, error))
        return FALSE;

      if (created)
        continue;

      if (!write_record_history (database, case_uuid, before, person, now, error))
        return FALSE;

      if (before == NULL &&
          !add_event (database, case_id, "person_added", lanka_record_get (person, "role"),
                      lanka_record_get (person, "alias"), error))
        return FALSE;
    }

  if (stored->kase != NULL)
    {
      g_autoptr(GPtrArray) before = list_records (lanka_case_get_people (stored->kase));

      for (guint i = 0; i < before->len; i++)
        {
          LankaRecord *person = g_ptr_array_index (before, i);

          if (lanka_case_find_record (kase, lanka_record_get_uuid (person)) != NULL)
            continue;

          if (!remove_person (database, case_id,
                              stored_id (stored, lanka_record_get_uuid (person)), error) ||
              !write_record_history (database, case_uuid, person, NULL, now, error) ||
              !add_event (database, case_id, "person_removed", lanka_record_get (person, "role"),
                          lanka_record_get (person, "alias"), error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_sub_records (LankaDatabase  *database,
                   gint64          case_id,
                   LankaCase      *kase,
                   Stored         *stored,
                   Table          *table,
                   gboolean        created,
                   gint64          now,
                   GError        **error)
{
  g_autoptr(GPtrArray) records = NULL;
  const char *case_uuid = lanka_case_get_uuid (kase);
  GListModel *model = model_for_kind (kase, table->kind);

  if (model != NULL)
    records = list_records (model);
  else
    {
      records = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (records,
                       g_object_ref (g_str_equal (table->kind, "exploitation")
                                     ? lanka_case_get_exploitation (kase)
                                     : lanka_case_get_legal_process (kase)));
    }

  for (guint i = 0; i < records->len; i++)
    {
      LankaRecord *record = g_ptr_array_index (records, i);
      const char *uuid = lanka_record_get_uuid (record);
      LankaRecord *before = stored->kase != NULL ? lanka_case_find_record (stored->kase, uuid)
                                                 : NULL;
      gint64 id = before != NULL ? stored_id (stored, uuid) : 0;

      /* A single record replaced by one with another uuid (an old draft)
       * takes over the row: there is one per case.
       */
      if (model == NULL && before == NULL && stored->kase != NULL)
        {
          LankaRecord *old = g_str_equal (table->kind, "exploitation")
                             ? lanka_case_get_exploitation (stored->kase)
                             : lanka_case_get_legal_process (stored->kase);

          if (stored_id (stored, lanka_record_get_uuid (old)) != 0 &&
              !delete_row (database, table->delete_sql,
                           stored_id (stored, lanka_record_get_uuid (old)), error))
            return FALSE;
        }

      if (!write_table_record (database, table, case_id, record, before, id, i, error))
        return FALSE;

      if (!created && !write_record_history (database, case_uuid, before, record, now, error))
        return FALSE;

      if (g_str_equal (table->kind, "permit_event") && lanka_record_get (record, "decision") &&
          g_strcmp0 (before != NULL ? lanka_record_get (before, "decision") : NULL,
                     lanka_record_get (record, "decision")) != 0 &&
          !add_event (database, case_id, "permit_decided", lanka_record_get (record, "kind"),
                      lanka_record_get (record, "decision"), error))
        return FALSE;
    }

  if (stored->kase != NULL && model != NULL)
    {
      g_autoptr(GPtrArray) before = list_records (model_for_kind (stored->kase, table->kind));

      for (guint i = 0; i < before->len; i++)
        {
          LankaRecord *record = g_ptr_array_index (before, i);
          const char *uuid = lanka_record_get_uuid (record);

          if (lanka_case_find_record (kase, uuid) != NULL)
            continue;

          if (!delete_row (database, table->delete_sql, stored_id (stored, uuid), error) ||
              !write_record_history (database, case_uuid, record, NULL, now, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* What is written: the case as typed, except that a field with a problem
 * keeps the value the database holds (none, for a new record).
 */
static LankaCase *
dup_valid_case (LankaCase *kase,
                LankaCase *stored,
                GPtrArray *problems)
{
  LankaCase *valid = lanka_case_copy (kase);

  for (guint i = 0; i < problems->len; i++)
    {
      LankaCaseProblem *problem = g_ptr_array_index (problems, i);
      LankaRecord *record = lanka_case_find_record (valid, problem->record);
      LankaRecord *before = stored != NULL ? lanka_case_find_record (stored, problem->record)
                                           : NULL;

      if (record != NULL)
        keep_stored_value (record, before, problem->field);
    }

  return valid;
}

static gboolean
write_case (LankaDatabase  *database,
            LankaCase      *valid,
            Stored         *stored,
            gint64         *case_id,
            GError        **error)
{
  LankaRecord *record = lanka_case_get_record (valid);
  LankaRecord *before = stored->kase != NULL ? lanka_case_get_record (stored->kase) : NULL;
  const char *case_uuid = lanka_case_get_uuid (valid);
  gboolean created = stored->kase == NULL;
  gint64 now = g_get_real_time ();

  if (!write_case_row (database, record, stored, case_id, now, error))
    return FALSE;

  if (list_differs (before, record, "flags") &&
      !write_codes (database,
                    "DELETE FROM case_flag WHERE case_id = ?1",
                    "INSERT INTO case_flag (case_id, flag) VALUES (?1, ?2)",
                    *case_id, NULL, lanka_record_get_list (record, "flags"), error))
    return FALSE;

  if (created)
    {
      if (!add_event (database, *case_id, "created", NULL, lanka_record_get (record, "status"),
                      error))
        return FALSE;
    }
  else
    {
      if (!write_record_history (database, case_uuid, before, record, now, error))
        return FALSE;

      if (g_strcmp0 (lanka_record_get (before, "status"),
                     lanka_record_get (record, "status")) != 0 &&
          !add_event (database, *case_id, "status", lanka_record_get (before, "status"),
                      lanka_record_get (record, "status"), error))
        return FALSE;

      if (g_strcmp0 (lanka_record_get (before, "nrm_step"),
                     lanka_record_get (record, "nrm_step")) != 0 &&
          !add_event (database, *case_id, "nrm_step", lanka_record_get (before, "nrm_step"),
                      lanka_record_get (record, "nrm_step"), error))
        return FALSE;
    }

  if (lanka_record_get (record, "closed") != NULL &&
      (before == NULL || lanka_record_get (before, "closed") == NULL) &&
      !add_event (database, *case_id, "closed", NULL, lanka_record_get (record, "closure_reason"),
                  error))
    return FALSE;

  if (!write_people (database, *case_id, valid, stored, created, now, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!write_sub_records (database, *case_id, valid, stored, &tables[i], created, now, error))
      return FALSE;

  return TRUE;
}

/**
 * lanka_cases_save:
 * @database: an open #LankaDatabase
 * @kase: a case, new or loaded
 * @error: a location for a #GError
 *
 * Writes the case in one transaction.  Fields with a problem (see
 * lanka_case_validate()) keep the value the database holds and the typed
 * document stays as a draft; every other change is written, with one
 * history row per changed field, journal events for what the case itself
 * records (a new status or step, a person added or removed, a permit
 * decided, the case opened or closed), its rule tasks brought in step
 * with its deadlines (see _lanka_tasks_sync_case()), the search row, and
 * an audit row.
 * A new case gets the next number of the year.  Afterwards @kase holds
 * its number and the derived fields (child, alias, next deadline).
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_cases_save (LankaDatabase  *database,
                  LankaCase      *kase,
                  GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LankaCase) valid = NULL;
  g_autofree char *number = NULL;
  g_autofree char *next_deadline = NULL;
  g_auto(Stored) stored = { NULL };
  g_autoptr(GError) local_error = NULL;
  LankaRecord *record;
  LankaRecord *victim;
  const char *uuid;
  gboolean created;
  gboolean child;
  gint64 case_id = 0;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  build_statements ();
  uuid = lanka_case_get_uuid (kase);

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!read_case (database, uuid, &stored, &local_error))
    {
      /* A case that was saved and is gone now was deleted meanwhile: saving
       * must not bring it back.
       */
      if (!g_error_matches (local_error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND) ||
          !lanka_case_is_new (kase))
        {
          lanka_database_rollback (database);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_clear_error (&local_error);
      stored_clear (&stored);
    }

  created = stored.kase == NULL;
  problems = lanka_case_validate (kase, NULL);
  valid = dup_valid_case (kase, stored.kase, problems);
  record = lanka_case_get_record (valid);

  if (created)
    {
      if (!next_number (database, &number, error))
        goto failed;
    }
  else
    number = g_strdup (lanka_record_get (lanka_case_get_record (stored.kase), "number"));

  _lanka_record_set_quiet (record, "number", number);

  child = lanka_case_is_child (valid, NULL);
  next_deadline = lanka_case_dup_next_deadline (valid, NULL);
  victim = lanka_case_get_victim (valid);
  _lanka_record_set_quiet (record, "child", child ? "1" : NULL);
  _lanka_record_set_quiet (record, "alias", victim != NULL ? lanka_record_get (victim, "alias")
                                                           : NULL);
  _lanka_record_set_quiet (record, "next_deadline", next_deadline);

  if (!write_case (database, valid, &stored, &case_id, error) ||
      !_lanka_tasks_sync_case (database, case_id, valid, NULL, error) ||
      !_lanka_cases_index (database, case_id, error) ||
      (created && !lanka_audit_log (database, LANKA_AUDIT_CASE_CREATE, uuid, NULL, error)) ||
      !lanka_audit_log (database, LANKA_AUDIT_CASE_SAVE, uuid, NULL, error))
    goto failed;

  /* What was typed and could not be saved stays a draft, so nothing the
   * person wrote is lost; a clean save needs no draft.
   */
  if (problems->len > 0)
    {
      g_autoptr(LankaCase) draft = lanka_case_copy (kase);
      g_autoptr(GBytes) content = NULL;

      _lanka_record_set_quiet (lanka_case_get_record (draft), "number", number);
      _lanka_case_set_saved (draft);
      content = lanka_case_serialize (draft);

      if (!lanka_draft_save (database, DRAFT_KIND, uuid, content, error))
        goto failed;
    }
  else if (!lanka_draft_discard (database, DRAFT_KIND, uuid, error))
    goto failed;

  if (!lanka_database_commit (database, error))
    goto failed;

  record = lanka_case_get_record (kase);
  _lanka_record_set_quiet (record, "number", number);
  _lanka_record_set_quiet (record, "child", child ? "1" : NULL);
  _lanka_record_set_quiet (record, "alias",
                           lanka_record_get (lanka_case_get_record (valid), "alias"));
  _lanka_record_set_quiet (record, "next_deadline", next_deadline);
  _lanka_case_set_saved (kase);

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * _lanka_cases_remove:
 * @database: an open #LankaDatabase, inside a transaction
 * @case_id: the case's row
 * @uuid: the case's uuid
 * @error: a location for a #GError
 *
 * Removes every row of the case, for lanka_cases_delete() and the
 * retention review alike: its people (unless another case names them
 * too) and their details, the case's own records, journal, referrals,
 * consents, tasks and retention hold (by cascade), the change history of
 * the case and of its referrals, consents and tasks, every draft of it and
 * its search row.  Writes no audit row: the caller says why it went.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_cases_remove (LankaDatabase  *database,
                     gint64          case_id,
                     const char     *uuid,
                     GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 open_referrals;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  /* Someone is still waiting for the referral's answer or acting on it:
   * the case cannot go before the referral is done or revoked.
   */
  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT count(*) FROM referral WHERE case_id = ?1 "
                                        "AND status IN ('pending', 'in_progress', 'accepted')",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  open_referrals = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _lanka_database_set_error (database, rc, error);
      return FALSE;
    }

  if (open_referrals > 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The case has a referral that is still open. Mark it done or "
                             "revoke it before deleting the case."));
      return FALSE;
    }

  /* The history of the rows that cascade with the case is kept under
   * their own uuids; it goes first, while they can still be found.  The
   * people go next, so that the trigger removes those no other case
   * names; the rest goes with the case by cascade and trigger, and the
   * search row with a new index of a case that is gone.
   */
  if (!delete_row (database,
                   "DELETE FROM record_history "
                   "WHERE table_name IN ('referral', 'consent', 'task') AND record_uuid IN ("
                   "SELECT uuid FROM referral WHERE case_id = ?1 UNION ALL "
                   "SELECT uuid FROM consent WHERE case_id = ?1 UNION ALL "
                   "SELECT uuid FROM task WHERE case_id = ?1)",
                   case_id, error) ||
      !delete_row (database, "DELETE FROM case_person WHERE case_id = ?1", case_id, error) ||
      !delete_row (database, "DELETE FROM \"case\" WHERE id = ?1", case_id, error) ||
      !_lanka_cases_index (database, case_id, error))
    return FALSE;

  /* Drafts of any kind made for the case (the case's, a journal entry's,
   * a referral's) are kept under its uuid.
   */
  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM draft WHERE object = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * _lanka_cases_set_not_found:
 * @error: a location for a #GError
 *
 * The sentence for a case that is not (any more) in the database.
 */
void
_lanka_cases_set_not_found (GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND,
                       _("The case no longer exists. Someone may have deleted it."));
}

/**
 * _lanka_cases_find_id:
 * @database: an open #LankaDatabase
 * @uuid: a case's uuid
 * @case_id: (out): its row
 * @error: a location for a #GError
 *
 * Returns: %TRUE when the case is there; %FALSE with
 *   %LANKA_STORE_ERROR_NOT_FOUND when it is not
 */
gboolean
_lanka_cases_find_id (LankaDatabase  *database,
                      const char     *uuid,
                      gint64         *case_id,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *case_id = 0;

  if (!(stmt = _lanka_database_prepare (database, "SELECT id FROM \"case\" WHERE uuid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *case_id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (*case_id == 0)
    {
      _lanka_cases_set_not_found (error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _lanka_cases_touch:
 * @database: an open #LankaDatabase, inside a transaction
 * @case_id: the case's row
 * @reindex: whether the case's words changed (its journal), so that its
 *   search row is written again
 * @error: a location for a #GError
 *
 * A journal entry, a referral or a consent changes the case without a
 * save: the list sorted by last change shows it at the top.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_cases_touch (LankaDatabase  *database,
                    gint64          case_id,
                    gboolean        reindex,
                    GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "UPDATE \"case\" SET modified = ?2 WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  return !reindex || _lanka_cases_index (database, case_id, error);
}

/**
 * lanka_cases_delete:
 * @database: an open #LankaDatabase
 * @uuid: a case's uuid
 * @error: a location for a #GError
 *
 * Deletes the case and everything of it (see _lanka_cases_remove()): its
 * people (unless another case names them too), their details, its
 * journal, referrals, consents and tasks, its change history, its drafts
 * and its search row.  The audit log keeps that it happened.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_cases_delete (LankaDatabase  *database,
                    const char     *uuid,
                    GError        **error)
{
  gint64 case_id = 0;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lanka_database_begin (database, error))
    return FALSE;

  if (!_lanka_cases_find_id (database, uuid, &case_id, error) ||
      !_lanka_cases_remove (database, case_id, uuid, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_CASE_DELETE, uuid, NULL, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_cases_list_history:
 * @database: an open #LankaDatabase
 * @uuid: a case's uuid
 * @error: a location for a #GError
 *
 * The change history of the case, newest first.  Each entry's field is
 * "<kind>/<record uuid>/<field>", such as "person/…/alias"; lists are
 * codes joined by commas.
 *
 * Returns: (transfer container) (element-type LankaHistoryEntry) (nullable):
 *   the entries, or %NULL on error
 */
GPtrArray *
lanka_cases_list_history (LankaDatabase  *database,
                          const char     *uuid,
                          GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT time, user, field, old_value, new_value "
                                        "FROM record_history "
                                        "WHERE table_name = ?1 AND record_uuid = ?2 "
                                        "ORDER BY id DESC",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, HISTORY_TABLE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_history_entry_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LankaHistoryEntry *entry = g_new0 (LankaHistoryEntry, 1);

      entry->time = sqlite3_column_int64 (stmt, 0);
      entry->user = column_dup (stmt, 1);
      entry->field = column_dup (stmt, 2);
      entry->old_value = column_dup (stmt, 3);
      entry->new_value = column_dup (stmt, 4);
      g_ptr_array_add (entries, entry);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&entries);
}

/**
 * lanka_cases_save_draft:
 * @database: an open #LankaDatabase
 * @kase: a case, as typed
 * @error: a location for a #GError
 *
 * Keeps the document as typed, under the case's uuid (a new case has one
 * too), until the case is saved or the draft discarded.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_cases_save_draft (LankaDatabase  *database,
                        LankaCase      *kase,
                        GError        **error)
{
  g_autoptr(GBytes) content = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  content = lanka_case_serialize (kase);

  return lanka_draft_save (database, DRAFT_KIND, lanka_case_get_uuid (kase), content, error);
}

/**
 * lanka_cases_load_draft:
 * @database: an open #LankaDatabase
 * @uuid: a case's uuid
 * @saved_at: (out) (optional): when the draft was saved, in microseconds
 *   since the epoch
 * @error: a location for a #GError
 *
 * Having no draft is the usual case: it returns %NULL without an error.
 *
 * Returns: (transfer full) (nullable): the case as it was typed, or %NULL
 */
LankaCase *
lanka_cases_load_draft (LankaDatabase  *database,
                        const char     *uuid,
                        gint64         *saved_at,
                        GError        **error)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(content = lanka_draft_load (database, DRAFT_KIND, uuid, saved_at, &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return lanka_case_deserialize (content, error);
}

gboolean
lanka_cases_discard_draft (LankaDatabase  *database,
                           const char     *uuid,
                           GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return lanka_draft_discard (database, DRAFT_KIND, uuid, error);
}

/**
 * lanka_cases_list_drafts:
 * @database: an open #LankaDatabase
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the uuids of the cases with a
 *   draft, new cases included, or %NULL on error
 */
GStrv
lanka_cases_list_drafts (LankaDatabase  *database,
                         GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lanka_draft_list (database, DRAFT_KIND, error);
}

/* Why a case may be about the same person, strongest first. */
typedef enum
{
  REASON_PERSONAL_NUMBER = 1 << 0,
  REASON_BIRTH_DATE      = 1 << 1,
  REASON_ALIAS           = 1 << 2,
  REASON_CITIZENSHIP     = 1 << 3,
} Reason;

typedef struct
{
  gint64 case_id;
  gint64 person;
  guint  reasons;
} Candidate;

static guint
candidate_score (const Candidate *candidate)
{
  return ((candidate->reasons & REASON_PERSONAL_NUMBER) ? 8 : 0) +
         ((candidate->reasons & REASON_BIRTH_DATE) ? 4 : 0) +
         ((candidate->reasons & REASON_ALIAS) ? 3 : 0) +
         ((candidate->reasons & REASON_CITIZENSHIP) ? 1 : 0);
}

static gboolean
collect_candidates (LankaDatabase  *database,
                    const char     *sql,
                    const char     *value,
                    Reason          reason,
                    GHashTable     *candidates,
                    GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      Candidate *candidate = g_hash_table_lookup (candidates, &case_id);

      if (candidate == NULL)
        {
          candidate = g_new0 (Candidate, 1);
          candidate->case_id = case_id;
          candidate->person = sqlite3_column_int64 (stmt, 1);
          g_hash_table_insert (candidates, &candidate->case_id, candidate);
        }

      candidate->reasons |= reason;
    }

  return _lanka_database_finish_rows (database, stmt, rc, error);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *first = *(const Candidate * const *)a;
  const Candidate *second = *(const Candidate * const *)b;
  guint first_score = candidate_score (first);
  guint second_score = candidate_score (second);

  if (first_score != second_score)
    return first_score > second_score ? -1 : 1;

  /* The newer case first among equals. */
  return first->case_id > second->case_id ? -1 : first->case_id < second->case_id;
}

static LankaCaseMatch *
read_match (LankaDatabase    *database,
            const Candidate  *candidate,
            GError          **error)
{
  g_autoptr(LankaCaseMatch) match = NULL;
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT uuid, number, alias, status FROM \"case\" "
                                        "WHERE id = ?1",
                                        error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, candidate->case_id);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      match = g_new0 (LankaCaseMatch, 1);
      match->uuid = column_dup (stmt, 0);
      match->number = column_dup (stmt, 1);
      match->alias = column_dup (stmt, 2);
      match->status = column_dup (stmt, 3);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _lanka_database_set_error (database, rc, error);
      return NULL;
    }

  if (match == NULL)
    return NULL;

  if (candidate->reasons & REASON_PERSONAL_NUMBER)
    g_strv_builder_add (reasons, "personal_number");
  if (candidate->reasons & REASON_BIRTH_DATE)
    g_strv_builder_add (reasons, "birth_date");
  if (candidate->reasons & REASON_ALIAS)
    g_strv_builder_add (reasons, "alias");
  if (candidate->reasons & REASON_CITIZENSHIP)
    g_strv_builder_add (reasons, "citizenship");

  match->reasons = g_strv_builder_end (reasons);

  return g_steal_pointer (&match);
}

/**
 * lanka_cases_find_duplicates:
 * @database: an open #LankaDatabase
 * @alias: (nullable): the new victim's alias
 * @birth_date: (nullable): their birth date, YYYY-MM-DD
 * @citizenships: (nullable) (array zero-terminated=1): their citizenships
 * @personal_number: (nullable): their personnummer or samordningsnummer
 * @error: a location for a #GError
 *
 * Cases whose victim may be the same person: the same personal number,
 * the same birth date, or the same alias once case, spaces and punctuation
 * are set aside.  A shared citizenship alone says little (many victims
 * share one), so it only strengthens another match.  Best matches first,
 * at most 20.
 *
 * Returns: (transfer container) (element-type LankaCaseMatch) (nullable):
 *   the matches, or %NULL on error
 */
GPtrArray *
lanka_cases_find_duplicates (LankaDatabase       *database,
                             const char          *alias,
                             const char          *birth_date,
                             const char * const  *citizenships,
                             const char          *personal_number,
                             GError             **error)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *alias_key = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  candidates = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  if (personal_number != NULL && personal_number[0] != '\0')
    {
      g_autofree char *normalized = lanka_personal_number_normalize (personal_number, NULL,
                                                                     NULL, NULL, NULL);

      if (!collect_candidates (database,
                               "SELECT cp.case_id, p.id FROM person p "
                               "JOIN case_person cp ON cp.person = p.id AND cp.role = 'victim' "
                               "WHERE p.personal_number = ?1",
                               normalized != NULL ? normalized : personal_number,
                               REASON_PERSONAL_NUMBER, candidates, error))
        return NULL;
    }

  if (birth_date != NULL && birth_date[0] != '\0' &&
      !collect_candidates (database,
                           "SELECT cp.case_id, p.id FROM person p "
                           "JOIN case_person cp ON cp.person = p.id AND cp.role = 'victim' "
                           "WHERE p.birth_date = ?1",
                           birth_date, REASON_BIRTH_DATE, candidates, error))
    return NULL;

  if (alias != NULL && (alias_key = _lanka_directory_name_key (alias)) != NULL &&
      alias_key[0] != '\0' &&
      !collect_candidates (database,
                           "SELECT cp.case_id, p.id FROM person p "
                           "JOIN case_person cp ON cp.person = p.id AND cp.role = 'victim' "
                           "WHERE lanka_name_key (p.alias) = ?1",
                           alias_key, REASON_ALIAS, candidates, error))
    return NULL;

  sorted = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Candidate *candidate = value;

      /* Only the candidates' own citizenships are looked at: a query by
       * citizenship alone would return a large part of the database.
       */
      for (guint i = 0; citizenships != NULL && citizenships[i] != NULL; i++)
        {
          sqlite3_stmt *stmt;
          int rc;

          if (!(stmt = _lanka_database_prepare (database,
                                                "SELECT 1 FROM person_citizenship "
                                                "WHERE person = ?1 AND country = ?2",
                                                error)))
            return NULL;

          sqlite3_bind_int64 (stmt, 1, candidate->person);
          sqlite3_bind_text (stmt, 2, citizenships[i], -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);

          if (rc == SQLITE_ROW)
            {
              candidate->reasons |= REASON_CITIZENSHIP;
              break;
            }

          if (rc != SQLITE_DONE)
            {
              _lanka_database_set_error (database, rc, error);
              return NULL;
            }
        }

      g_ptr_array_add (sorted, candidate);
    }

  g_ptr_array_sort (sorted, compare_candidates);

  matches = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_case_match_free);

  for (guint i = 0; i < sorted->len && matches->len < MAX_DUPLICATES; i++)
    {
      g_autoptr(GError) local_error = NULL;
      LankaCaseMatch *match = read_match (database, g_ptr_array_index (sorted, i), &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (match != NULL)
        g_ptr_array_add (matches, match);
    }

  return g_steal_pointer (&matches);
}
