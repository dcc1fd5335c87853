/* lanka-case-list.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cases as a list model for a GtkListView, like the directory's: one
 * query finds the ids of every match in list order, and the cases
 * themselves are read a page at a time when the view asks for them.
 *
 * A keystroke in the search must cost less than a frame with a hundred
 * thousand cases.  Sorting the matches in SQL would cost a collation call
 * or an index walk over every case at each keystroke, so each sort order
 * is read once (from its index alone) and kept on the database until the
 * connection changes anything.  A query then only marks the places of the
 * search index's matches and of the filter's cases, and reads the order
 * once.  The cases of each condition of the filter (a status, a step,
 * the children) are kept too, each read from its own index, since a
 * person types with the same filter set or tries one after another.
 */

#define G_LOG_DOMAIN "lanka-case-list"

#include "config.h"

#include "lanka-case-list.h"

#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-store-error.h"

#include <glib/gi18n.h>
#include <string.h>

/* Cases read in one go around the position asked for: a screenful and
 * more, so that scrolling reads now and then rather than at every row.
 */
#define PAGE_SIZE 50

/* The statuses of a case that no longer needs work: every other one is
 * "open".
 */
#define CLOSED_STATUSES "('closed', 'closed_referred', 'duplicate')"

/* LankaCaseSummary */

struct _LankaCaseSummary
{
  GObject   parent_instance;

  char     *uuid;
  char     *number;
  char     *alias;
  char     *legal_name;
  char     *status;
  int       nrm_step;
  gboolean  child;
  gboolean  urgent;
  char     *risk;
  char     *next_deadline;
  gboolean  has_draft;
  gboolean  protected_identity;
};

G_DEFINE_FINAL_TYPE (LankaCaseSummary, lanka_case_summary, G_TYPE_OBJECT)

enum {
  SUMMARY_PROP_0,
  SUMMARY_PROP_UUID,
  SUMMARY_PROP_NUMBER,
  SUMMARY_PROP_ALIAS,
  SUMMARY_PROP_LEGAL_NAME,
  SUMMARY_PROP_STATUS,
  SUMMARY_PROP_NRM_STEP,
  SUMMARY_PROP_CHILD,
  SUMMARY_PROP_URGENT,
  SUMMARY_PROP_RISK,
  SUMMARY_PROP_NEXT_DEADLINE,
  SUMMARY_PROP_HAS_DRAFT,
  SUMMARY_PROP_PROTECTED,
  SUMMARY_N_PROPS
};

static GParamSpec *summary_properties[SUMMARY_N_PROPS];

static void
lanka_case_summary_finalize (GObject *object)
{
  LankaCaseSummary *self = (LankaCaseSummary *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->alias, g_free);
  g_clear_pointer (&self->legal_name, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->risk, g_free);
  g_clear_pointer (&self->next_deadline, g_free);

  G_OBJECT_CLASS (lanka_case_summary_parent_class)->finalize (object);
}

static void
lanka_case_summary_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LankaCaseSummary *self = LANKA_CASE_SUMMARY (object);

  switch (prop_id)
    {
    case SUMMARY_PROP_UUID:
      g_value_set_string (value, lanka_case_summary_get_uuid (self));
      break;

    case SUMMARY_PROP_NUMBER:
      g_value_set_string (value, lanka_case_summary_get_number (self));
      break;

    case SUMMARY_PROP_ALIAS:
      g_value_set_string (value, lanka_case_summary_get_alias (self));
      break;

    case SUMMARY_PROP_LEGAL_NAME:
      g_value_set_string (value, lanka_case_summary_get_legal_name (self));
      break;

    case SUMMARY_PROP_STATUS:
      g_value_set_string (value, lanka_case_summary_get_status (self));
      break;

    case SUMMARY_PROP_NRM_STEP:
      g_value_set_int (value, lanka_case_summary_get_nrm_step (self));
      break;

    case SUMMARY_PROP_CHILD:
      g_value_set_boolean (value, lanka_case_summary_get_child (self));
      break;

    case SUMMARY_PROP_URGENT:
      g_value_set_boolean (value, lanka_case_summary_get_urgent (self));
      break;

    case SUMMARY_PROP_RISK:
      g_value_set_string (value, lanka_case_summary_get_risk (self));
      break;

    case SUMMARY_PROP_NEXT_DEADLINE:
      g_value_set_string (value, lanka_case_summary_get_next_deadline (self));
      break;

    case SUMMARY_PROP_HAS_DRAFT:
      g_value_set_boolean (value, lanka_case_summary_get_has_draft (self));
      break;

    case SUMMARY_PROP_PROTECTED:
      g_value_set_boolean (value, lanka_case_summary_get_protected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
summary_string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE |
                               G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
summary_boolean_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               (G_PARAM_READABLE |
                                G_PARAM_EXPLICIT_NOTIFY |
                                G_PARAM_STATIC_STRINGS));
}

static void
lanka_case_summary_class_init (LankaCaseSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_case_summary_finalize;
  object_class->get_property = lanka_case_summary_get_property;

  /* Read from the database, never changed: the properties are there for
   * expressions in the list's rows.
   */
  summary_properties[SUMMARY_PROP_UUID] = summary_string_property ("uuid");
  summary_properties[SUMMARY_PROP_NUMBER] = summary_string_property ("number");
  summary_properties[SUMMARY_PROP_ALIAS] = summary_string_property ("alias");
  summary_properties[SUMMARY_PROP_LEGAL_NAME] = summary_string_property ("legal-name");
  summary_properties[SUMMARY_PROP_STATUS] = summary_string_property ("status");
  summary_properties[SUMMARY_PROP_NRM_STEP] =
    g_param_spec_int ("nrm-step", NULL, NULL, 0, 6, 0,
                      (G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));
  summary_properties[SUMMARY_PROP_CHILD] = summary_boolean_property ("child");
  summary_properties[SUMMARY_PROP_URGENT] = summary_boolean_property ("urgent");
  summary_properties[SUMMARY_PROP_RISK] = summary_string_property ("risk");
  summary_properties[SUMMARY_PROP_NEXT_DEADLINE] = summary_string_property ("next-deadline");
  summary_properties[SUMMARY_PROP_HAS_DRAFT] = summary_boolean_property ("has-draft");
  summary_properties[SUMMARY_PROP_PROTECTED] = summary_boolean_property ("protected");

  g_object_class_install_properties (object_class, SUMMARY_N_PROPS, summary_properties);
}

static void
lanka_case_summary_init (LankaCaseSummary *self)
{
}

const char *
lanka_case_summary_get_uuid (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), NULL);

  return self->uuid;
}

const char *
lanka_case_summary_get_number (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), NULL);

  return self->number;
}

const char *
lanka_case_summary_get_alias (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), NULL);

  return self->alias;
}

/**
 * lanka_case_summary_get_legal_name:
 * @self: a #LankaCaseSummary
 *
 * Returns: (nullable): the victim's legal name, read only while the list
 *   shows names
 */
const char *
lanka_case_summary_get_legal_name (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), NULL);

  return self->legal_name;
}

const char *
lanka_case_summary_get_status (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), NULL);

  return self->status;
}

/**
 * lanka_case_summary_get_nrm_step:
 * @self: a #LankaCaseSummary
 *
 * Returns: the step of the national referral mechanism, 1–6, or 0 for an
 *   empty summary (a case deleted since the query ran)
 */
int
lanka_case_summary_get_nrm_step (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), 0);

  return self->nrm_step;
}

gboolean
lanka_case_summary_get_child (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), FALSE);

  return self->child;
}

gboolean
lanka_case_summary_get_urgent (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), FALSE);

  return self->urgent;
}

const char *
lanka_case_summary_get_risk (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), NULL);

  return self->risk;
}

/**
 * lanka_case_summary_get_next_deadline:
 * @self: a #LankaCaseSummary
 *
 * Returns: (nullable): the next date something of the case is due, as
 *   YYYY-MM-DD
 */
const char *
lanka_case_summary_get_next_deadline (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), NULL);

  return self->next_deadline;
}

/**
 * lanka_case_summary_get_has_draft:
 * @self: a #LankaCaseSummary
 *
 * Returns: whether the case has changes that were drafted but not saved
 */
gboolean
lanka_case_summary_get_has_draft (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), FALSE);

  return self->has_draft;
}

/**
 * lanka_case_summary_get_protected:
 * @self: a #LankaCaseSummary
 *
 * Returns: whether a person of the case has a protected identity
 */
gboolean
lanka_case_summary_get_protected (LankaCaseSummary *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_SUMMARY (self), FALSE);

  return self->protected_identity;
}

/* SQL helpers */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static gboolean
is_set (const char *value)
{
  return value != NULL && value[0] != '\0';
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (is_set (value))
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* The search index */

/* A case number the ways people say it: "2026-0042", "20260042", "0042"
 * and "42".  (The tokenizer splits the first at the dash.)
 */
static void
append_number_words (GString    *text,
                     const char *number)
{
  const char *dash = strchr (number, '-');

  g_string_append_printf (text, "%s ", number);

  if (dash == NULL)
    return;

  g_string_append_len (text, number, dash - number);
  g_string_append_printf (text, "%s ", dash + 1);

  for (dash++; *dash == '0' && dash[1] != '\0'; dash++)
    ;
  g_string_append_printf (text, "%s ", dash);
}

/* A personnummer as written (YYYYMMDD-NNNN), as twelve digits and as the
 * ten digits of the short form.
 */
static void
append_personal_number_words (GString    *text,
                              const char *personal_number)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  g_string_append_printf (text, "%s ", personal_number);

  for (const char *p = personal_number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  g_string_append_printf (text, "%s ", digits->str);

  if (digits->len == 12)
    g_string_append_printf (text, "%s ", digits->str + 2);
}

static gboolean
is_word_character (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) ||
         g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
}

/* Appends the words of @text that @seen does not hold yet, in lower case,
 * and adds them to it.  The list only asks whether a case has a word
 * starting with what was typed, never where or how often: ten journal
 * entries that all name the alias would otherwise give every one of its
 * words ten positions to read at every keystroke.
 */
static void
append_new_words (GString    *column,
                  GHashTable *seen,
                  const char *text)
{
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_character (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }

      if (word->len > 0 && !g_hash_table_contains (seen, word->str))
        {
          g_string_append_printf (column, "%s ", word->str);
          g_hash_table_add (seen, g_strdup (word->str));
        }
      g_string_truncate (word, 0);

      if (c == 0)
        break;
    }
}

/**
 * _lanka_cases_index:
 * @database: an open #LankaDatabase, inside the transaction of the write
 * @case_id: the case's id
 * @error: a location for a #GError
 *
 * Writes the case's row of the search index again: its number, the
 * aliases of its people, their legal names and personal numbers (a
 * column of its own, searched only while names are shown) and the text
 * of its journal.  Every word is there once: a word of the number or an
 * alias is not repeated for the journal.  A case that no longer exists
 * loses its row.
 *
 * Returns: %TRUE on success
 */
gboolean
_lanka_cases_index (LankaDatabase  *database,
                    gint64          case_id,
                    GError        **error)
{
  g_autoptr(GString) number = g_string_new (NULL);
  g_autoptr(GString) aliases = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) journal = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean found = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT number, alias FROM \"case\" WHERE id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) number_words = g_string_new (NULL);

      found = TRUE;
      append_number_words (number_words, (const char *)sqlite3_column_text (stmt, 0));
      append_new_words (number, seen, number_words->str);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        append_new_words (aliases, seen, (const char *)sqlite3_column_text (stmt, 1));
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  /* Contentless with contentless_delete: a row is deleted by its rowid and
   * written anew, never updated in place.
   */
  if (!(stmt = _lanka_database_prepare (database, "DELETE FROM case_fts WHERE rowid = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);

  if (!_lanka_database_step_done (database, stmt, error))
    return FALSE;

  if (!found)
    return TRUE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT p.alias, p.legal_name, p.personal_number "
                                        "FROM case_person cp JOIN person p ON p.id = cp.person "
                                        "WHERE cp.case_id = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        append_new_words (aliases, seen, (const char *)sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        append_new_words (names, seen_names, (const char *)sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          g_autoptr(GString) personal_number_words = g_string_new (NULL);

          append_personal_number_words (personal_number_words,
                                        (const char *)sqlite3_column_text (stmt, 2));
          append_new_words (names, seen_names, personal_number_words->str);
        }
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "SELECT text FROM journal_entry "
                                        "WHERE case_id = ?1 AND text IS NOT NULL",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    append_new_words (journal, seen, (const char *)sqlite3_column_text (stmt, 0));

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO case_fts "
                                        "(rowid, number, alias, names, journal) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5)",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  bind_text (stmt, 2, number->str);
  bind_text (stmt, 3, aliases->str);
  bind_text (stmt, 4, names->str);
  bind_text (stmt, 5, journal->str);

  return _lanka_database_step_done (database, stmt, error);
}

/* Turns what a person typed into an FTS5 query, every word a prefix that
 * must match somewhere: "lark möte" → {number alias journal} : "lark"* AND
 * {number alias journal} : "möte"*.  Only letters and digits reach the
 * query, so no input can be FTS5 syntax.  A word of digits and dashes is
 * a case number or a personnummer being typed: "2026-00" becomes
 * "202600"*, which the index's undashed form of the number answers.  With
 * names shown every column counts.
 */
static char *
build_match (const char *text,
             gboolean    show_names)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_auto(GStrv) chunks = g_strsplit_set (text, " \t\n\r", -1);
  const char *columns = show_names ? "" : "{number alias journal} : ";

  for (guint i = 0; chunks[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);
      const char *chunk = chunks[i];
      gboolean number = TRUE;
      gboolean digits = FALSE;

      for (const char *p = chunk; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            digits = TRUE;
          else if (*p != '-')
            number = FALSE;
        }

      if (number && digits)
        {
          for (const char *p = chunk; *p != '\0'; p++)
            if (g_ascii_isdigit (*p))
              g_string_append_c (word, *p);

          if (match->len > 0)
            g_string_append (match, " AND ");
          g_string_append_printf (match, "%s\"%s\"*", columns, word->str);
          continue;
        }

      _lanka_database_append_fts_words (match, chunk, columns);
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* The list orders */

typedef struct
{
  gint64  changes;    /* sqlite3_total_changes64() when read, -1 not to keep */
  GArray *ids;        /* gint64, in list order */
  /* The place of each id, indexed by id (ids are rowids, dense enough). */
  guint  *rank_by_id;
  gint64  max_id;
} Order;

static void
order_free (Order *order)
{
  g_clear_pointer (&order->ids, g_array_unref);
  g_clear_pointer (&order->rank_by_id, g_free);
  g_free (order);
}

static const char * const order_keys[] = {
  [LANKA_CASE_SORT_NUMBER] = "lanka-case-list-order-number",
  [LANKA_CASE_SORT_ALIAS] = "lanka-case-list-order-alias",
  [LANKA_CASE_SORT_MODIFIED] = "lanka-case-list-order-modified",
  [LANKA_CASE_SORT_DEADLINE] = "lanka-case-list-order-deadline",
};

/* Each order straight from its index, without a sort.  By deadline: the
 * cases with a deadline first, the soonest first, from the partial index
 * of deadlines; then the others in the order of numbers.
 */
static const char * const order_sql[] = {
  [LANKA_CASE_SORT_NUMBER] = "SELECT id, number FROM \"case\" ORDER BY number DESC",
  [LANKA_CASE_SORT_ALIAS] = "SELECT id, NULL FROM \"case\" ORDER BY alias COLLATE swedish, id",
  [LANKA_CASE_SORT_MODIFIED] = "SELECT id, NULL FROM \"case\" ORDER BY modified DESC",
  [LANKA_CASE_SORT_DEADLINE] =
    "SELECT id, NULL FROM \"case\" WHERE next_deadline IS NOT NULL ORDER BY next_deadline",
};

typedef struct
{
  gint64      id;
  const char *number;
} NumberedId;

/* Newest first: by year, then by the running number as a number, so that
 * a year's ten thousandth case comes before its 9999th.
 */
static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  const NumberedId *x = a;
  const NumberedId *y = b;
  gint64 x_year = g_ascii_strtoll (x->number, NULL, 10);
  gint64 y_year = g_ascii_strtoll (y->number, NULL, 10);
  const char *x_dash = strchr (x->number, '-');
  const char *y_dash = strchr (y->number, '-');
  gint64 x_running = x_dash != NULL ? g_ascii_strtoll (x_dash + 1, NULL, 10) : 0;
  gint64 y_running = y_dash != NULL ? g_ascii_strtoll (y_dash + 1, NULL, 10) : 0;

  if (x_year != y_year)
    return x_year > y_year ? -1 : 1;
  if (x_running != y_running)
    return x_running > y_running ? -1 : 1;

  return strcmp (y->number, x->number);
}

static gboolean
order_read (LankaDatabase  *database,
            const char     *sql,
            gboolean        by_number,
            Order          *order,
            GError        **error)
{
  g_autoptr(GStringChunk) numbers = NULL;
  g_autoptr(GArray) numbered = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, sql, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (order->ids, id);
      order->max_id = MAX (order->max_id, id);

      /* Numbers in text order are right while a year has fewer than ten
       * thousand cases; past that, the numbers are sorted here.
       */
      if (by_number && numbered == NULL && sqlite3_column_bytes (stmt, 1) > 9)
        numbered = g_array_new (FALSE, FALSE, sizeof (NumberedId));
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  if (numbered == NULL)
    return TRUE;

  numbers = g_string_chunk_new (4096);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NumberedId entry = {
        sqlite3_column_int64 (stmt, 0),
        g_string_chunk_insert (numbers, (const char *)sqlite3_column_text (stmt, 1)),
      };

      g_array_append_val (numbered, entry);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return FALSE;

  g_array_sort (numbered, compare_numbers);
  g_array_set_size (order->ids, 0);

  for (guint i = 0; i < numbered->len; i++)
    g_array_append_val (order->ids, g_array_index (numbered, NumberedId, i).id);

  return TRUE;
}

static gint64
current_changes (LankaDatabase *database)
{
  sqlite3 *handle = _lanka_database_get_handle (database);

  /* Inside a transaction, what was read may yet be rolled back without
   * the count of changes moving back: such a result is not kept.
   */
  return sqlite3_get_autocommit (handle) ? sqlite3_total_changes64 (handle) : -1;
}

static const Order *order_get (LankaDatabase  *database,
                               LankaCaseSort   sort,
                               GError        **error);

/* The cases without a deadline have no index of their own (the index of
 * deadlines is partial): they are the order of numbers less the cases
 * already in @order.
 */
static gboolean
order_append_rest (LankaDatabase  *database,
                   Order          *order,
                   GError        **error)
{
  g_autofree guint8 *listed = NULL;
  const Order *by_number;

  if (!(by_number = order_get (database, LANKA_CASE_SORT_NUMBER, error)))
    return FALSE;

  listed = g_malloc0 (by_number->max_id + 1);

  for (guint i = 0; i < order->ids->len; i++)
    {
      gint64 id = g_array_index (order->ids, gint64, i);

      if (id <= by_number->max_id)
        listed[id] = TRUE;
    }

  for (guint i = 0; i < by_number->ids->len; i++)
    {
      gint64 id = g_array_index (by_number->ids, gint64, i);

      if (!listed[id])
        g_array_append_val (order->ids, id);
    }

  order->max_id = MAX (order->max_id, by_number->max_id);

  return TRUE;
}

static const Order *
order_get (LankaDatabase  *database,
           LankaCaseSort   sort,
           GError        **error)
{
  Order *order = g_object_get_data (G_OBJECT (database), order_keys[sort]);
  g_autoptr(GError) local_error = NULL;
  gint64 changes;

  changes = current_changes (database);

  if (order != NULL && changes >= 0 && order->changes == changes)
    return order;

  order = g_new0 (Order, 1);
  order->changes = changes;
  order->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!order_read (database, order_sql[sort], sort == LANKA_CASE_SORT_NUMBER, order, error) ||
      (sort == LANKA_CASE_SORT_DEADLINE && !order_append_rest (database, order, error)))
    {
      order_free (order);
      return NULL;
    }

  order->rank_by_id = g_new (guint, order->max_id + 1);
  memset (order->rank_by_id, 0xff, (order->max_id + 1) * sizeof (guint));
  for (guint i = 0; i < order->ids->len; i++)
    order->rank_by_id[g_array_index (order->ids, gint64, i)] = i;

  g_object_set_data_full (G_OBJECT (database), order_keys[sort], order,
                          (GDestroyNotify)order_free);

  return order;
}

static guint
order_rank (const Order *order,
            gint64       id)
{
  return id >= 0 && id <= order->max_id ? order->rank_by_id[id] : G_MAXUINT;
}

/* LankaCaseList */

struct _LankaCaseList
{
  GObject         parent_instance;

  LankaDatabase  *database;

  /* The query, kept for reload(). */
  char           *text;
  char           *status;
  int             nrm_step;
  char           *form;
  gboolean        child_only;
  char           *risk;
  char           *county;
  LankaCaseSort   sort;
  gboolean        show_names;

  /* The cases of each condition of the filter (see get_conditions), by
   * its statement and value, while nothing changed.
   */
  GHashTable     *filter_sets;
  gint64          filter_changes;

  /* The matches in list order, and the cases read so far (NULL where
   * nothing was read yet), as long as ids.
   */
  GArray         *ids;
  GPtrArray      *items;

  /* While a new list replaces the old one (see replace_ids), the old one
   * follows it, at the positions after the new cases.
   */
  GArray         *old_ids;
  GPtrArray      *old_items;

  /* How many pages were read from the database, for the tests that check
   * that a query reads only what the view shows.
   */
  guint           n_reads;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_is_empty (LankaCaseList *self)
{
  return !is_set (self->status) && self->nrm_step == 0 && !is_set (self->form) &&
         !self->child_only && !is_set (self->risk) && !is_set (self->county);
}

/* How many ids one statement takes: a page of the list.  Unused places
 * are bound to NULL, which no id equals.
 */
#define IN_IDS \
  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, " \
  "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, " \
  "?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50)"

/* The victim's legal name only while names are shown: otherwise it is
 * not even read.
 */
#define SUMMARY_SQL(legal_name) \
  "SELECT c.id, c.uuid, c.number, c.alias, c.status, c.nrm_step, c.child, c.urgent, " \
  "c.risk, c.next_deadline, " \
  "EXISTS (SELECT 1 FROM draft d WHERE d.kind = 'case' AND d.object = c.uuid), " \
  "EXISTS (SELECT 1 FROM case_flag f WHERE f.case_id = c.id " \
  "        AND f.flag = 'protected_identity') OR " \
  "EXISTS (SELECT 1 FROM case_person cp JOIN person p ON p.id = cp.person " \
  "        WHERE cp.case_id = c.id AND p.protected_identity = 1), " \
  legal_name " FROM \"case\" c WHERE c.id IN " IN_IDS

#define VICTIM_LEGAL_NAME \
  "(SELECT p.legal_name FROM case_person cp JOIN person p ON p.id = cp.person " \
  " WHERE cp.case_id = c.id AND cp.role = 'victim' ORDER BY cp.position LIMIT 1)"

static LankaCaseSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  LankaCaseSummary *summary = g_object_new (LANKA_TYPE_CASE_SUMMARY, NULL);

  summary->uuid = column_dup (stmt, 1);
  summary->number = column_dup (stmt, 2);
  summary->alias = column_dup (stmt, 3);
  summary->status = column_dup (stmt, 4);
  summary->nrm_step = sqlite3_column_int (stmt, 5);
  summary->child = sqlite3_column_int (stmt, 6) != 0;
  summary->urgent = sqlite3_column_int (stmt, 7) != 0;
  summary->risk = column_dup (stmt, 8);
  summary->next_deadline = column_dup (stmt, 9);
  summary->has_draft = sqlite3_column_int (stmt, 10) != 0;
  summary->protected_identity = sqlite3_column_int (stmt, 11) != 0;
  summary->legal_name = column_dup (stmt, 12);

  return summary;
}

static GType
lanka_case_list_get_item_type (GListModel *model)
{
  return LANKA_TYPE_CASE_SUMMARY;
}

static guint
lanka_case_list_get_n_items (GListModel *model)
{
  LankaCaseList *self = LANKA_CASE_LIST (model);

  return self->ids->len + (self->old_ids != NULL ? self->old_ids->len : 0);
}

static gboolean
load_page (LankaCaseList  *self,
           guint           position,
           GError        **error)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  if (_lanka_database_get_handle (self->database) == NULL)
    {
      _lanka_database_set_closed_error (error);
      return FALSE;
    }

  if (!(stmt = _lanka_database_prepare (self->database,
                                        self->show_names
                                          ? SUMMARY_SQL (VICTIM_LEGAL_NAME)
                                          : SUMMARY_SQL ("NULL"),
                                        error)))
    return FALSE;

  for (guint i = start; i < end; i++)
    if (g_ptr_array_index (self->items, i) == NULL)
      sqlite3_bind_int64 (stmt, ++n, g_array_index (self->ids, gint64, i));

  if (n == 0)
    {
      sqlite3_clear_bindings (stmt);
      return TRUE;
    }

  self->n_reads++;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (guint i = start; i < end; i++)
        {
          if (g_array_index (self->ids, gint64, i) == id &&
              g_ptr_array_index (self->items, i) == NULL)
            {
              g_ptr_array_index (self->items, i) = summary_from_row (stmt);
              break;
            }
        }
    }

  if (!_lanka_database_finish_rows (self->database, stmt, rc, error))
    return FALSE;

  /* Deleted since the query ran: the position still needs an item, and
   * an empty summary is what it shows until the next reload.
   */
  for (guint i = start; i < end; i++)
    if (g_ptr_array_index (self->items, i) == NULL)
      g_ptr_array_index (self->items, i) = g_object_new (LANKA_TYPE_CASE_SUMMARY, NULL);

  return TRUE;
}

static gpointer
lanka_case_list_get_item (GListModel *model,
                          guint       position)
{
  LankaCaseList *self = LANKA_CASE_LIST (model);
  LankaCaseSummary *summary;

  /* The old list, on its way out: what it had read, nothing more. */
  if (position >= self->ids->len)
    {
      position -= self->ids->len;

      if (self->old_ids == NULL || position >= self->old_ids->len)
        return NULL;

      summary = g_ptr_array_index (self->old_items, position);

      return summary != NULL ? g_object_ref (summary) : g_object_new (LANKA_TYPE_CASE_SUMMARY, NULL);
    }

  if (g_ptr_array_index (self->items, position) == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* No content in store errors: they are sentences about the
       * database.
       */
      if (!load_page (self, position, &error))
        g_debug ("Could not read cases of the list: %s", error->message);
    }

  summary = g_ptr_array_index (self->items, position);

  /* The read failed (the disk, or the database closed an instant ago).  A
   * GListModel has an item at every position below its length, so this
   * one is an empty summary, not kept: the next call tries to read again.
   */
  if (summary == NULL)
    return g_object_new (LANKA_TYPE_CASE_SUMMARY, NULL);

  return g_object_ref (summary);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lanka_case_list_get_item_type;
  iface->get_n_items = lanka_case_list_get_n_items;
  iface->get_item = lanka_case_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (LankaCaseList, lanka_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Replaces the whole list with @ids (taken).
 *
 * GTK 4.8's list view, when an items-changed removes the item at the top
 * of the view (or the focused or selected one), looks for it among every
 * item the change adds: that reads every page of a lazy list.  So a new
 * list comes in two changes that never add and remove at once: first the
 * new cases are added in front of the old ones, then the old ones are
 * removed.  Between the two a view moves to the top of the list (see
 * lanka_cases_view), and the rows it no longer shows are given the new
 * cases instead of being made anew.  Meanwhile the old list stays where
 * it was, behind the new one, rather than being copied after it: with a
 * hundred thousand cases the copies cost more than the search.
 */
static void unref_item (gpointer item);

static void
replace_ids (LankaCaseList *self,
             GArray        *ids)
{
  guint removed = self->ids->len;
  guint added = ids->len;

  g_assert (self->old_ids == NULL);

  self->old_ids = g_steal_pointer (&self->ids);
  self->old_items = g_steal_pointer (&self->items);
  self->ids = ids;
  self->items = g_ptr_array_new_full (added, unref_item);
  g_ptr_array_set_size (self->items, added);

  if (removed > 0 && added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);

      g_clear_pointer (&self->old_ids, g_array_unref);
      g_clear_pointer (&self->old_items, g_ptr_array_unref);
      g_list_model_items_changed (G_LIST_MODEL (self), added, removed, 0);
    }
  else
    {
      g_clear_pointer (&self->old_ids, g_array_unref);
      g_clear_pointer (&self->old_items, g_ptr_array_unref);

      if (removed > 0 || added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
    }

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Locking closes the database while the window may still hold this
 * model: it forgets every case it read, and its length becomes 0.
 */
static void
on_database_notify_open_cb (LankaCaseList *self,
                            GParamSpec    *pspec,
                            LankaDatabase *database)
{
  if (!lanka_database_is_open (database))
    {
      g_hash_table_remove_all (self->filter_sets);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
    }
}

static void
lanka_case_list_constructed (GObject *object)
{
  LankaCaseList *self = (LankaCaseList *)object;

  G_OBJECT_CLASS (lanka_case_list_parent_class)->constructed (object);

  g_assert (LANKA_IS_DATABASE (self->database));

  g_signal_connect_object (self->database,
                           "notify::open",
                           G_CALLBACK (on_database_notify_open_cb),
                           self,
                           G_CONNECT_SWAPPED);
}

static void
lanka_case_list_dispose (GObject *object)
{
  LankaCaseList *self = (LankaCaseList *)object;

  g_ptr_array_set_size (self->items, 0);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_list_parent_class)->dispose (object);
}

static void
lanka_case_list_finalize (GObject *object)
{
  LankaCaseList *self = (LankaCaseList *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->filter_sets, g_hash_table_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->form, g_free);
  g_clear_pointer (&self->risk, g_free);
  g_clear_pointer (&self->county, g_free);

  G_OBJECT_CLASS (lanka_case_list_parent_class)->finalize (object);
}

static void
lanka_case_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LankaCaseList *self = LANKA_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_list_get_database (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LankaCaseList *self = LANKA_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_list_class_init (LankaCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lanka_case_list_constructed;
  object_class->dispose = lanka_case_list_dispose;
  object_class->finalize = lanka_case_list_finalize;
  object_class->get_property = lanka_case_list_get_property;
  object_class->set_property = lanka_case_list_set_property;

  /**
   * LankaCaseList:database:
   *
   * The database the cases come from.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaCaseList:n-items:
   *
   * How many cases the list holds.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Most positions hold nothing yet. */
static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
lanka_case_list_init (LankaCaseList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_ptr_array_new_with_free_func (unref_item);
  self->filter_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_array_unref);
  self->sort = LANKA_CASE_SORT_NUMBER;
}

/**
 * lanka_case_list_prepare:
 * @database: a database just opened
 * @error: a location for a #GError
 *
 * Reads the order of the cases, newest first, which the case list then
 * finds ready: with a hundred thousand cases that is some 40 ms, better
 * spent in the worker that unlocks than on the main thread while the
 * window waits for its first frame.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_case_list_prepare (LankaDatabase  *database,
                         GError        **error)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return order_get (database, LANKA_CASE_SORT_NUMBER, error) != NULL;
}

/**
 * lanka_case_list_new:
 * @database: an open #LankaDatabase
 *
 * Creates an empty list of cases; lanka_case_list_set_query() or
 * lanka_case_list_reload() fills it.
 *
 * Returns: (transfer full): a new #LankaCaseList
 */
LankaCaseList *
lanka_case_list_new (LankaDatabase *database)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);

  return g_object_new (LANKA_TYPE_CASE_LIST,
                       "database", database,
                       NULL);
}

/**
 * lanka_case_list_get_database:
 * @self: a #LankaCaseList
 *
 * Returns: (transfer none): the database the cases come from
 */
LankaDatabase *
lanka_case_list_get_database (LankaCaseList *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_LIST (self), NULL);

  return self->database;
}

static void
replace_string (char       **location,
                const char  *value)
{
  if (g_strcmp0 (*location, value) == 0)
    return;

  g_free (*location);
  *location = g_strdup (value);
}

/**
 * lanka_case_list_set_query:
 * @self: a #LankaCaseList
 * @text: (nullable): what the person typed
 * @filter: (nullable): what to narrow the list to
 * @sort: the order of the list
 * @show_names: whether the list shows legal names, and the search looks
 *   at them and at personal numbers
 * @error: a location for a #GError
 *
 * Makes the list hold the cases that match every word typed (as the
 * start of a word of the case number, an alias or the journal) and the
 * filter, in the order @sort asks for.  The list changes in one
 * items-changed, and the cases are read from the database only when
 * asked for.  On error the list stays as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_case_list_set_query (LankaCaseList          *self,
                           const char             *text,
                           const LankaCaseFilter  *filter,
                           LankaCaseSort           sort,
                           gboolean                show_names,
                           GError                **error)
{
  static const LankaCaseFilter no_filter = { NULL };

  g_return_val_if_fail (LANKA_IS_CASE_LIST (self), FALSE);
  g_return_val_if_fail (sort <= LANKA_CASE_SORT_DEADLINE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (filter == NULL)
    filter = &no_filter;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The search text contains characters that cannot be read."));
      return FALSE;
    }

  replace_string (&self->text, text);
  replace_string (&self->status, filter->status);
  self->nrm_step = filter->nrm_step;
  replace_string (&self->form, filter->form);
  self->child_only = !!filter->child_only;
  replace_string (&self->risk, filter->risk);
  replace_string (&self->county, filter->county);
  self->sort = sort;
  self->show_names = !!show_names;

  return lanka_case_list_reload (self, error);
}

/* One condition of the filter: the cases of one status, one NRM step,
 * the children, and so on.  Each is read on its own, from the index that
 * holds it and nothing else of the case, and kept while nothing changes:
 * a person tries one filter after another, and combining them is a
 * matter of marks in memory (see lanka_case_list_reload).  A statement
 * with every condition at once would look up each case of one index in
 * the table to check the others: 30 000 lookups for the open child cases
 * of a hundred thousand.
 */
typedef struct
{
  const char *sql;
  const char *value;  /* bound to ?1, if not NULL */
  int         number; /* bound to ?1, if not 0 */
} Condition;

static guint
get_conditions (LankaCaseList *self,
                Condition     *conditions)
{
  guint n = 0;

  if (g_strcmp0 (self->status, "open") == 0)
    conditions[n++] = (Condition) {
      "SELECT id FROM \"case\" WHERE status NOT IN " CLOSED_STATUSES, NULL, 0 };
  else if (is_set (self->status))
    conditions[n++] = (Condition) {
      "SELECT id FROM \"case\" WHERE status = ?1", self->status, 0 };
  if (self->nrm_step != 0)
    conditions[n++] = (Condition) {
      "SELECT id FROM \"case\" WHERE nrm_step = ?1", NULL, self->nrm_step };
  if (self->child_only)
    conditions[n++] = (Condition) { "SELECT id FROM \"case\" WHERE child = 1", NULL, 0 };
  if (g_strcmp0 (self->risk, "urgent") == 0)
    conditions[n++] = (Condition) { "SELECT id FROM \"case\" WHERE urgent = 1", NULL, 0 };
  else if (is_set (self->risk))
    conditions[n++] = (Condition) {
      "SELECT id FROM \"case\" WHERE risk = ?1", self->risk, 0 };
  if (is_set (self->county))
    conditions[n++] = (Condition) {
      "SELECT id FROM \"case\" WHERE county = ?1", self->county, 0 };
  if (is_set (self->form))
    conditions[n++] = (Condition) {
      "SELECT DISTINCT e.case_id FROM exploitation_value v "
      "JOIN exploitation e ON e.id = v.exploitation "
      "WHERE v.kind = 'form' AND v.code = ?1", self->form, 0 };

  return n;
}

#define MAX_CONDITIONS 6

/* The ids of the cases @condition lets through, unordered: kept, or read
 * now.
 */
static GArray *
get_condition_ids (LankaCaseList    *self,
                   const Condition  *condition,
                   GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  GArray *kept;
  gint64 changes;
  int rc;

  key = g_strdup_printf ("%s\n%s\n%d", condition->sql,
                         condition->value != NULL ? condition->value : "", condition->number);

  changes = current_changes (self->database);
  if (changes < 0 || changes != self->filter_changes)
    {
      g_hash_table_remove_all (self->filter_sets);
      self->filter_changes = changes;
    }

  if ((kept = g_hash_table_lookup (self->filter_sets, key)) != NULL)
    return g_array_ref (kept);

  if (!(stmt = _lanka_database_prepare (self->database, condition->sql, error)))
    return NULL;

  if (condition->value != NULL)
    bind_text (stmt, 1, condition->value);
  else if (condition->number != 0)
    sqlite3_bind_int (stmt, 1, condition->number);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (!_lanka_database_finish_rows (self->database, stmt, rc, error))
    return NULL;

  if (changes >= 0)
    g_hash_table_insert (self->filter_sets, g_steal_pointer (&key), g_array_ref (ids));

  return g_steal_pointer (&ids);
}

static gboolean
read_match_ids (LankaCaseList  *self,
                const char     *match,
                GArray         *ids,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (self->database,
                                        "SELECT rowid FROM case_fts WHERE case_fts MATCH ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  return _lanka_database_finish_rows (self->database, stmt, rc, error);
}

/* Marks the places of @ids in @order with @bit. */
static void
mark (const Order *order,
      GArray      *ids,
      guint8      *marks,
      guint8       bit)
{
  for (guint i = 0; i < ids->len; i++)
    {
      guint rank = order_rank (order, g_array_index (ids, gint64, i));

      if (rank != G_MAXUINT)
        marks[rank] |= bit;
    }
}

/**
 * lanka_case_list_reload:
 * @self: a #LankaCaseList
 * @error: a location for a #GError
 *
 * Runs the query again, after a case was saved, deleted or written in.
 * Every position gets a new object, read again when asked for; use
 * lanka_case_list_find() to select the same case again.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_case_list_reload (LankaCaseList  *self,
                        GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autofree guint8 *marks = NULL;
  g_autofree char *match = NULL;
  Condition conditions[MAX_CONDITIONS];
  guint n_conditions;
  const Order *order;
  guint8 wanted = 0;

  g_return_val_if_fail (LANKA_IS_CASE_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_lanka_database_get_handle (self->database) == NULL)
    {
      _lanka_database_set_closed_error (error);
      return FALSE;
    }

  if (self->text != NULL)
    match = build_match (self->text, self->show_names);

  if (!(order = order_get (self->database, self->sort, error)))
    return FALSE;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), order->ids->len);

  if (match == NULL && filter_is_empty (self))
    {
      g_array_append_vals (ids, order->ids->data, order->ids->len);
      replace_ids (self, g_steal_pointer (&ids));
      return TRUE;
    }

  marks = g_malloc0 (MAX (order->ids->len, 1));

  /* A bit for each condition of the filter, one for the search. */
  n_conditions = get_conditions (self, conditions);

  for (guint i = 0; i < n_conditions; i++)
    {
      g_autoptr(GArray) condition_ids = get_condition_ids (self, &conditions[i], error);

      if (condition_ids == NULL)
        return FALSE;

      mark (order, condition_ids, marks, 1 << i);
      wanted |= 1 << i;
    }

  if (match != NULL)
    {
      matches = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!read_match_ids (self, match, matches, error))
        return FALSE;

      mark (order, matches, marks, 1 << MAX_CONDITIONS);
      wanted |= 1 << MAX_CONDITIONS;
    }

  for (guint rank = 0; rank < order->ids->len; rank++)
    if (marks[rank] == wanted)
      g_array_append_val (ids, g_array_index (order->ids, gint64, rank));

  replace_ids (self, g_steal_pointer (&ids));

  return TRUE;
}

/**
 * lanka_case_list_find:
 * @self: a #LankaCaseList
 * @uuid: a case's uuid
 *
 * Returns: the position of the case, or %GTK_INVALID_LIST_POSITION
 *   (%G_MAXUINT) when the list does not hold it
 */
guint
lanka_case_list_find (LankaCaseList *self,
                      const char    *uuid)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (LANKA_IS_CASE_LIST (self), G_MAXUINT);
  g_return_val_if_fail (uuid != NULL, G_MAXUINT);

  /* Whatever the list holds, it was read; nothing to look up then. */
  for (guint i = 0; i < self->items->len; i++)
    {
      LankaCaseSummary *summary = g_ptr_array_index (self->items, i);

      if (summary != NULL && g_strcmp0 (summary->uuid, uuid) == 0)
        return i;
    }

  if (self->ids->len == 0 || _lanka_database_get_handle (self->database) == NULL)
    return G_MAXUINT;

  if (!(stmt = _lanka_database_prepare (self->database,
                                        "SELECT id FROM \"case\" WHERE uuid = ?1", NULL)))
    return G_MAXUINT;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (id == 0)
    return G_MAXUINT;

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

/**
 * lanka_case_list_set_has_draft:
 * @self: a #LankaCaseList
 * @uuid: a case's uuid
 * @has_draft: whether the case has changes that were not saved
 *
 * Says at once that the editor keeps changes of the case as a draft, or
 * no longer does, without running the query again: the case's row, if
 * the list read it, changes in one items-changed of one item.
 */
void
lanka_case_list_set_has_draft (LankaCaseList *self,
                               const char    *uuid,
                               gboolean       has_draft)
{
  LankaCaseSummary *old;
  LankaCaseSummary *summary;
  guint position;

  g_return_if_fail (LANKA_IS_CASE_LIST (self));
  g_return_if_fail (uuid != NULL);

  for (position = 0; position < self->items->len; position++)
    {
      old = g_ptr_array_index (self->items, position);

      if (old != NULL && g_strcmp0 (old->uuid, uuid) == 0)
        break;
    }

  /* Not read yet: it will be read with the draft as it is then. */
  if (position == self->items->len || old->has_draft == !!has_draft)
    return;

  /* Summaries never change: a list view binds a row to one only once. */
  summary = g_object_new (LANKA_TYPE_CASE_SUMMARY, NULL);
  summary->uuid = g_strdup (old->uuid);
  summary->number = g_strdup (old->number);
  summary->alias = g_strdup (old->alias);
  summary->legal_name = g_strdup (old->legal_name);
  summary->status = g_strdup (old->status);
  summary->nrm_step = old->nrm_step;
  summary->child = old->child;
  summary->urgent = old->urgent;
  summary->risk = g_strdup (old->risk);
  summary->next_deadline = g_strdup (old->next_deadline);
  summary->has_draft = !!has_draft;
  summary->protected_identity = old->protected_identity;

  g_object_unref (old);
  g_ptr_array_index (self->items, position) = summary;

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * lanka_case_list_get_n_reads:
 * @self: a #LankaCaseList
 *
 * Returns: how many times the list read a page of cases from the
 *   database since it was made; for tests and benchmarks
 */
guint
lanka_case_list_get_n_reads (LankaCaseList *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_LIST (self), 0);

  return self->n_reads;
}
