/* lanka-retention.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The retention review ("gallring"): a closed case may be deleted some
 * years after its last journal entry and should be by the end of the
 * following year, unless the person is in the research sample or someone
 * put the case on hold.  Deleting is explicit and final, and leaves one
 * row in the retention log that says what went, without content.
 */

#define G_LOG_DOMAIN "lanka-retention"

#include "config.h"

#include "lanka-retention.h"

#include "lanka-audit.h"
#include "lanka-cases.h"
#include "lanka-database-private.h"
#include "lanka-journal.h"
#include "lanka-store-error.h"
#include "lanka-validate.h"

#include <glib/gi18n.h>
#include <string.h>

#define YEARS_KEY           "retention_years"
#define RESEARCH_SAMPLE_KEY "retention_research_sample"
#define MAX_YEARS           100

/* The statuses of a referral still under way. */
#define OPEN_REFERRAL "'pending', 'in_progress', 'accepted'"

/* What the review needs of a case, for one case or all the closed ones.
 * The victim's birth date counts only when its day is known.
 */
#define ITEM_SELECT \
  "SELECT c.id, c.uuid, c.number, c.closed, c.last_entry, h.reason, " \
  "(SELECT count(*) FROM referral r WHERE r.case_id = c.id AND r.status IN (" OPEN_REFERRAL ")), " \
  "(SELECT p.birth_date FROM case_person cp JOIN person p ON p.id = cp.person " \
  "WHERE cp.case_id = c.id AND cp.role = 'victim' " \
  "AND coalesce (p.birth_precision, 'day') = 'day' ORDER BY cp.position LIMIT 1) " \
  "FROM \"case\" c LEFT JOIN retention_hold h ON h.case_id = c.id "

void
lanka_retention_item_free (LankaRetentionItem *self)
{
  if (self == NULL)
    return;

  g_free (self->case_uuid);
  g_free (self->number);
  g_free (self->closed);
  g_free (self->last_entry);
  g_free (self->earliest);
  g_free (self->deadline);
  g_free (self->hold_reason);
  g_free (self);
}

/* The local day of a time in microseconds since the epoch.  The review
 * reads tens of thousands of them at once, so the zone's offset is looked
 * up in @zone rather than through a GDateTime each.
 */
static void
date_of_time (GTimeZone *zone,
              gint64     usec,
              GDate     *date)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 days;
  int interval;

  interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, seconds);
  if (interval >= 0)
    seconds += g_time_zone_get_offset (zone, interval);

  days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);

  g_date_clear (date, 1);
  g_date_set_dmy (date, 1, G_DATE_JANUARY, 1970);
  if (days >= 0)
    g_date_add_days (date, (guint)days);
  else
    g_date_subtract_days (date, (guint)-days);
}

/* The start of @date, local time, in microseconds since the epoch. */
static gint64
time_of_date (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (date),
                                                     g_date_get_month (date),
                                                     g_date_get_day (date),
                                                     0, 0, 0);

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : 0;
}

/**
 * lanka_retention_rule_init:
 * @rule: a #LankaRetentionRule
 *
 * Sets @rule to the rule of the Social Services Act as it stood: five
 * years, with the research sample kept.
 */
void
lanka_retention_rule_init (LankaRetentionRule *rule)
{
  g_return_if_fail (rule != NULL);

  rule->years = LANKA_RETENTION_DEFAULT_YEARS;
  rule->research_sample = TRUE;
}

/* The rule as the retention log writes it: what made the case due. */
static char *
rule_to_text (const LankaRetentionRule *rule)
{
  return g_strdup_printf ("years=%u research_sample=%d", rule->years,
                          rule->research_sample ? 1 : 0);
}

static gboolean
read_meta (LankaDatabase  *database,
           const char     *key,
           char          **value,
           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _lanka_database_prepare (database, "SELECT value FROM meta WHERE key = ?1",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);

  *value = NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      rc = SQLITE_DONE;
    }

  return _lanka_database_finish_rows (database, stmt, rc, error);
}

/**
 * lanka_retention_get_rule:
 * @database: an open #LankaDatabase
 * @rule: (out): the rule
 * @error: a location for a #GError
 *
 * Reads the rule the database keeps; what it does not keep (or keeps in a
 * shape this version cannot read) is the default.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_retention_get_rule (LankaDatabase       *database,
                          LankaRetentionRule  *rule,
                          GError             **error)
{
  g_autofree char *years = NULL;
  g_autofree char *research_sample = NULL;
  guint64 value;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lanka_retention_rule_init (rule);

  if (!_lanka_database_check_open (database, error) ||
      !read_meta (database, YEARS_KEY, &years, error) ||
      !read_meta (database, RESEARCH_SAMPLE_KEY, &research_sample, error))
    return FALSE;

  if (years != NULL && g_ascii_string_to_unsigned (years, 10, 1, MAX_YEARS, &value, NULL))
    rule->years = (guint)value;

  if (research_sample != NULL)
    rule->research_sample = g_strcmp0 (research_sample, "0") != 0;

  return TRUE;
}

static gboolean
write_meta (LankaDatabase  *database,
            const char     *key,
            const char     *value,
            GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                                        error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return _lanka_database_step_done (database, stmt, error);
}

/**
 * lanka_retention_set_rule:
 * @database: an open #LankaDatabase
 * @rule: the rule
 * @error: a location for a #GError
 *
 * Keeps @rule in the database, so that it goes with the data.  The number
 * of years is from 1 to 100.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_retention_set_rule (LankaDatabase             *database,
                          const LankaRetentionRule  *rule,
                          GError                   **error)
{
  char years[16];

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rule->years < 1 || rule->years > MAX_YEARS)
    {
      g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                   _("Cases are kept from 1 to %u years after their last entry."), MAX_YEARS);
      return FALSE;
    }

  g_snprintf (years, sizeof years, "%u", rule->years);

  if (!_lanka_database_check_open (database, error) || !lanka_database_begin (database, error))
    return FALSE;

  if (!write_meta (database, YEARS_KEY, years, error) ||
      !write_meta (database, RESEARCH_SAMPLE_KEY, rule->research_sample ? "1" : "0", error) ||
      !lanka_database_commit (database, error))
    {
      lanka_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_research_sample (const char *birth_date)
{
  GDate date;
  guint day;

  if (!lanka_date_parse (birth_date, &date))
    return FALSE;

  day = g_date_get_day (&date);

  return day == 5 || day == 15 || day == 25;
}

/**
 * lanka_retention_compute:
 * @rule: the rule
 * @last_entry: the day of the case's last journal entry
 * @birth_date: (nullable): the victim's birth date, YYYY-MM-DD, only when
 *   its day is known
 * @earliest: (out caller-allocates): the earliest deletion date
 * @deadline: (out caller-allocates): the date by which the case should be
 *   deleted
 *
 * Returns: %FALSE when the rule keeps the case for research, %TRUE when
 *   the dates say when it goes
 */
gboolean
lanka_retention_compute (const LankaRetentionRule *rule,
                         const GDate              *last_entry,
                         const char               *birth_date,
                         GDate                    *earliest,
                         GDate                    *deadline)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (last_entry != NULL && g_date_valid (last_entry), FALSE);
  g_return_val_if_fail (earliest != NULL, FALSE);
  g_return_val_if_fail (deadline != NULL, FALSE);

  /* GLib takes 29 February to 28 February in a year without one. */
  *earliest = *last_entry;
  g_date_add_years (earliest, rule->years);

  g_date_clear (deadline, 1);
  g_date_set_dmy (deadline, 31, G_DATE_DECEMBER, g_date_get_year (earliest) + 1);

  return !(rule->research_sample && is_research_sample (birth_date));
}

/* Turns a row of ITEM_SELECT into an item, with its dates and state as of
 * @today.  A case without a journal entry counts from the day it closed.
 */
static LankaRetentionItem *
item_from_row (sqlite3_stmt             *stmt,
               GTimeZone                *zone,
               const LankaRetentionRule *rule,
               const GDate              *today,
               gint64                   *case_id,
               gboolean                 *research_sample)
{
  LankaRetentionItem *item = g_new0 (LankaRetentionItem, 1);
  GDate last, earliest, deadline;
  gboolean deletable;

  if (case_id != NULL)
    *case_id = sqlite3_column_int64 (stmt, 0);

  item->case_uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  item->number = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  item->closed = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  item->hold_reason = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  item->open_referrals = (guint)sqlite3_column_int64 (stmt, 6);

  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    date_of_time (zone, sqlite3_column_int64 (stmt, 4), &last);
  else
    lanka_date_parse (item->closed, &last);

  if (!g_date_valid (&last))
    {
      /* Neither an entry nor a closing day: nothing to count from. */
      item->state = LANKA_RETENTION_NOT_DUE;
      if (research_sample != NULL)
        *research_sample = FALSE;
      return item;
    }

  deletable = lanka_retention_compute (rule, &last, (const char *)sqlite3_column_text (stmt, 7),
                                       &earliest, &deadline);

  item->last_entry = lanka_date_format (&last);
  item->earliest = lanka_date_format (&earliest);
  item->deadline = lanka_date_format (&deadline);

  if (research_sample != NULL)
    *research_sample = !deletable;

  if (g_date_compare (&earliest, today) > 0)
    item->state = LANKA_RETENTION_NOT_DUE;
  else if (item->hold_reason != NULL)
    item->state = LANKA_RETENTION_HELD;
  else if (!deletable)
    item->state = LANKA_RETENTION_RESEARCH_SAMPLE;
  else if (g_date_compare (&deadline, today) < 0)
    item->state = LANKA_RETENTION_OVERDUE;
  else
    item->state = LANKA_RETENTION_DUE;

  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const LankaRetentionItem *first = *(LankaRetentionItem * const *)a;
  const LankaRetentionItem *second = *(LankaRetentionItem * const *)b;
  int order = g_strcmp0 (first->deadline, second->deadline);

  return order != 0 ? order : g_strcmp0 (first->number, second->number);
}

/**
 * lanka_retention_list_due:
 * @database: an open #LankaDatabase
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * The closed cases whose earliest deletion date has come, by deadline and
 * case number: the ones that may go (due or overdue) and the ones kept
 * (held, or in the research sample), with their open referrals counted.
 * A case's last entry is the day of its last journal entry, or the day
 * it closed when it has none.
 *
 * Returns: (transfer container) (element-type LankaRetentionItem)
 *   (nullable): the cases, or %NULL on error
 */
GPtrArray *
lanka_retention_list_due (LankaDatabase  *database,
                          GDate          *today,
                          GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *today_text = NULL;
  LankaRetentionRule rule;
  sqlite3_stmt *stmt;
  GDate now, cutoff;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lanka_retention_get_rule (database, &rule, error))
    return NULL;

  lanka_date_get_today (today, &now);
  today_text = lanka_date_format (&now);

  /* Only cases whose last entry is old enough are read; the two days of
   * margin leave 29 February and the time zone to the exact reckoning
   * below.
   */
  cutoff = now;
  g_date_subtract_years (&cutoff, rule.years);
  g_date_add_days (&cutoff, 2);

  if (!(stmt = _lanka_database_prepare (database,
                                        ITEM_SELECT
                                        "WHERE c.closed IS NOT NULL AND c.closed <= ?1 "
                                        "AND (c.last_entry IS NULL OR c.last_entry < ?2)",
                                        error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, today_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, time_of_date (&cutoff));

  items = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_retention_item_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LankaRetentionItem *item = item_from_row (stmt, zone, &rule, &now, NULL, NULL);

      if (item->state == LANKA_RETENTION_NOT_DUE)
        lanka_retention_item_free (item);
      else
        g_ptr_array_add (items, item);
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    return NULL;

  g_ptr_array_sort (items, compare_items);

  return g_steal_pointer (&items);
}

/**
 * lanka_retention_hold:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @reason: why it is kept
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Keeps the case from deletion until the hold is released, with the
 * reason, the day and who held it; a case held already gets the new
 * reason.  The audit row names the case only, never the reason.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_retention_hold (LankaDatabase  *database,
                      const char     *case_uuid,
                      const char     *reason,
                      GDate          *today,
                      GError        **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *held_on = NULL;
  sqlite3_stmt *stmt;
  gint64 case_id;
  GDate now;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (case_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("Write why the case is kept."));
      return FALSE;
    }

  if (!g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The text contains characters that cannot be read."));
      return FALSE;
    }

  lanka_date_get_today (today, &now);
  held_on = lanka_date_format (&now);

  if (!_lanka_database_check_open (database, error) || !lanka_database_begin (database, error))
    return FALSE;

  if (!_lanka_cases_find_id (database, case_uuid, &case_id, error))
    goto failed;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT OR REPLACE INTO retention_hold "
                                        "(case_id, reason, held_on, held_by) "
                                        "VALUES (?1, ?2, ?3, ?4)",
                                        error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, held_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, lanka_journal_get_author (), -1, SQLITE_TRANSIENT);

  if (!_lanka_database_step_done (database, stmt, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_RETENTION_HOLD, case_uuid, NULL, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

/**
 * lanka_retention_release:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @error: a location for a #GError
 *
 * Lifts the hold on the case, with an audit row; a case not held stays
 * as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_retention_release (LankaDatabase  *database,
                         const char     *case_uuid,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 case_id;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (case_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lanka_database_check_open (database, error) || !lanka_database_begin (database, error))
    return FALSE;

  if (!_lanka_cases_find_id (database, case_uuid, &case_id, error))
    goto failed;

  if (!(stmt = _lanka_database_prepare (database,
                                        "DELETE FROM retention_hold WHERE case_id = ?1", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, case_id);

  if (!_lanka_database_step_done (database, stmt, error))
    goto failed;

  if (sqlite3_changes (_lanka_database_get_handle (database)) > 0 &&
      !lanka_audit_log (database, LANKA_AUDIT_RETENTION_RELEASE, case_uuid, NULL, error))
    goto failed;

  if (!lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}

static gboolean
write_log (LankaDatabase             *database,
           const LankaRetentionItem  *item,
           const char                *rule,
           GError                   **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _lanka_database_prepare (database,
                                        "INSERT INTO retention_log (time, user, case_uuid, "
                                        "case_number, last_entry, rule) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                        error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, item->case_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, item->number, -1, SQLITE_TRANSIENT);
  if (item->last_entry != NULL)
    sqlite3_bind_text (stmt, 5, item->last_entry, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, rule, -1, SQLITE_TRANSIENT);

  return _lanka_database_step_done (database, stmt, error);
}

/* Says why @item may not be deleted on @today, or returns TRUE. */
static gboolean
check_deletable (const LankaRetentionItem  *item,
                 gboolean                   research_sample,
                 const GDate               *today,
                 GError                   **error)
{
  GDate closed, earliest;

  if (!lanka_date_parse (item->closed, &closed) || g_date_compare (&closed, today) > 0)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The case is still open. Only a closed case can be deleted."));
      return FALSE;
    }

  if (!lanka_date_parse (item->earliest, &earliest) || g_date_compare (&earliest, today) > 0)
    {
      g_autofree char *when = g_date_valid (&earliest) ? lanka_date_format_for_people (&earliest)
                                                       : NULL;

      if (when != NULL)
        g_set_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                     _("The case may not be deleted before %s."), when);
      else
        g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                             _("The case may not be deleted yet."));
      return FALSE;
    }

  if (item->hold_reason != NULL)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The case is on hold. Release the hold before deleting it."));
      return FALSE;
    }

  if (research_sample)
    {
      g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                           _("The case is kept for research: the person was born on the 5th, "
                             "15th or 25th of a month."));
      return FALSE;
    }

  /* An open referral is refused by _lanka_cases_remove(), for every
   * deletion alike.
   */

  return TRUE;
}

/**
 * lanka_retention_delete:
 * @database: an open #LankaDatabase
 * @case_uuid: the case's uuid
 * @today: (nullable): the day it is, %NULL for the clock's
 * @error: a location for a #GError
 *
 * Deletes a due case for good, in one transaction: every row of it by the
 * code lanka_cases_delete() uses (SQLite's secure_delete, on for every
 * connection, overwrites what is freed), one row in the retention log
 * (the case's uuid and number, the day of its last entry, the rule) and
 * an audit row with the case's uuid and the rule.  Refused with a
 * sentence: a case that is open, not due yet, held, in the research
 * sample or has an open referral.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_retention_delete (LankaDatabase  *database,
                        const char     *case_uuid,
                        GDate          *today,
                        GError        **error)
{
  g_autoptr(LankaRetentionItem) item = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *rule_text = NULL;
  LankaRetentionRule rule;
  gboolean research_sample = FALSE;
  sqlite3_stmt *stmt;
  gint64 case_id = 0;
  GDate now;
  int rc;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (case_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lanka_date_get_today (today, &now);

  if (!_lanka_database_check_open (database, error) || !lanka_database_begin (database, error))
    return FALSE;

  if (!lanka_retention_get_rule (database, &rule, error))
    goto failed;

  if (!(stmt = _lanka_database_prepare (database, ITEM_SELECT "WHERE c.uuid = ?1", error)))
    goto failed;

  sqlite3_bind_text (stmt, 1, case_uuid, -1, SQLITE_TRANSIENT);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      item = item_from_row (stmt, zone, &rule, &now, &case_id, &research_sample);
      rc = SQLITE_DONE;
    }

  if (!_lanka_database_finish_rows (database, stmt, rc, error))
    goto failed;

  if (item == NULL)
    {
      _lanka_cases_set_not_found (error);
      goto failed;
    }

  if (!check_deletable (item, research_sample, &now, error))
    goto failed;

  rule_text = rule_to_text (&rule);

  if (!_lanka_cases_remove (database, case_id, case_uuid, error) ||
      !write_log (database, item, rule_text, error) ||
      !lanka_audit_log (database, LANKA_AUDIT_RETENTION_DELETE, case_uuid, rule_text, error) ||
      !lanka_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  lanka_database_rollback (database);
  return FALSE;
}
