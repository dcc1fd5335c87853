/* lanka-case.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case"

#include "config.h"

#include "lanka-case.h"
#include "lanka-store-error.h"
#include "lanka-validate.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The document's serialisation; a draft written by a later version with
 * another layout is refused rather than misread.
 */
#define DOCUMENT_VERSION 1

/* A person is a child under this age, in years. */
#define CHILD_AGE 18

struct _LankaCase
{
  GObject      parent_instance;

  LankaRecord *record;
  LankaRecord *exploitation;
  LankaRecord *legal_process;
  GListStore  *people;
  GListStore  *assessments;
  GListStore  *permits;
  GListStore  *plan;

  /* Until the store has saved it the first time: no number yet. */
  guint        is_new : 1;
};

G_DEFINE_FINAL_TYPE (LankaCase, lanka_case, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The fields of each kind that hold dates, for validation. */
static const char * const case_dates[] = {
  "intake_date", "protection_assessed_on", "initial_assessment_on",
  "investigation_done_on", "opened", "closed", NULL
};
static const char * const person_dates[] = { "birth_date", "estimated_on", NULL };
static const char * const exploitation_dates[] = { "period_start", "period_end", NULL };
static const char * const assessment_dates[] = { "assessed_on", "next_review", NULL };
static const char * const permit_dates[] = {
  "applied_on", "decided_on", "valid_from", "valid_to", NULL
};
static const char * const legal_dates[] = { "police_report_on", "next_hearing", NULL };
static const char * const plan_dates[] = { "start_on", "end_on", "follow_up_on", NULL };

void
lanka_case_problem_free (LankaCaseProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->record);
  g_free (self->field);
  g_free (self->message);
  g_free (self);
}

static void
lanka_case_dispose (GObject *object)
{
  LankaCase *self = (LankaCase *)object;

  g_clear_object (&self->record);
  g_clear_object (&self->exploitation);
  g_clear_object (&self->legal_process);
  g_clear_object (&self->people);
  g_clear_object (&self->assessments);
  g_clear_object (&self->permits);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (lanka_case_parent_class)->dispose (object);
}

static void
lanka_case_class_init (LankaCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_case_dispose;

  /**
   * LankaCase::changed:
   * @self: a #LankaCase
   *
   * Emitted after a field of any of the case's records changed, or after
   * a record was added or removed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
on_record_changed_cb (LankaCase   *self,
                      const char  *field,
                      LankaRecord *record)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_list_items_changed_cb (LankaCase  *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *list)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
watch_record (LankaCase   *self,
              LankaRecord *record)
{
  g_signal_connect_object (record, "changed", G_CALLBACK (on_record_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch_record (LankaCase   *self,
                LankaRecord *record)
{
  g_signal_handlers_disconnect_by_func (record, on_record_changed_cb, self);
}

static GListStore *
new_list (LankaCase *self)
{
  GListStore *list = g_list_store_new (LANKA_TYPE_RECORD);

  g_signal_connect_object (list, "items-changed", G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return list;
}

static void
lanka_case_init (LankaCase *self)
{
  self->people = new_list (self);
  self->assessments = new_list (self);
  self->permits = new_list (self);
  self->plan = new_list (self);
  self->is_new = TRUE;
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
set_record (LankaRecord **slot,
            LankaCase    *self,
            LankaRecord  *record)
{
  if (*slot != NULL)
    unwatch_record (self, *slot);

  g_set_object (slot, record);
  watch_record (self, record);
}

/**
 * _lanka_case_new_empty:
 * @uuid: the case's uuid
 *
 * For the store and the deserializer: a case with only an empty case
 * record, to be filled.
 *
 * Returns: (transfer full): a new #LankaCase
 */
LankaCase *
_lanka_case_new_empty (const char *uuid)
{
  LankaCase *self = g_object_new (LANKA_TYPE_CASE, NULL);
  g_autoptr(LankaRecord) record = NULL;

  g_return_val_if_fail (uuid != NULL, NULL);

  record = lanka_record_new_with_uuid ("case", uuid);
  set_record (&self->record, self, record);

  return self;
}

static GListStore *
list_for_kind (LankaCase  *self,
               const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return self->people;
  if (g_strcmp0 (kind, "assessment") == 0)
    return self->assessments;
  if (g_strcmp0 (kind, "permit_event") == 0)
    return self->permits;
  if (g_strcmp0 (kind, "plan_item") == 0)
    return self->plan;

  return NULL;
}

/**
 * _lanka_case_take_record:
 * @self: a #LankaCase
 * @record: a record of any kind but "case"
 *
 * For the store and the deserializer: puts a record filled elsewhere into
 * the case, at the end of its list, or as the one exploitation or legal
 * process record.
 */
void
_lanka_case_take_record (LankaCase   *self,
                         LankaRecord *record)
{
  const char *kind;
  GListStore *list;

  g_return_if_fail (LANKA_IS_CASE (self));
  g_return_if_fail (LANKA_IS_RECORD (record));

  kind = lanka_record_get_kind (record);

  if (g_strcmp0 (kind, "exploitation") == 0)
    set_record (&self->exploitation, self, record);
  else if (g_strcmp0 (kind, "legal_process") == 0)
    set_record (&self->legal_process, self, record);
  else if ((list = list_for_kind (self, kind)) != NULL)
    {
      watch_record (self, record);
      g_list_store_append (list, record);
    }
  else
    g_return_if_reached ();
}

/**
 * _lanka_case_set_saved:
 * @self: a #LankaCase
 *
 * For the store: the case is in the database now.
 */
void
_lanka_case_set_saved (LankaCase *self)
{
  g_return_if_fail (LANKA_IS_CASE (self));

  self->is_new = FALSE;
}

/**
 * lanka_case_new:
 *
 * A new case as intake starts it: status "intake", NRM step 1, opened
 * today, one person in the role of victim, and an empty exploitation and
 * legal process.
 *
 * Returns: (transfer full): a new #LankaCase, not yet in the database
 */
LankaCase *
lanka_case_new (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *today = dup_today ();
  g_autoptr(LankaCase) self = _lanka_case_new_empty (uuid);
  g_autoptr(LankaRecord) exploitation = lanka_record_new ("exploitation");
  g_autoptr(LankaRecord) legal_process = lanka_record_new ("legal_process");
  g_autoptr(LankaRecord) victim = lanka_record_new ("person");

  _lanka_record_set_quiet (self->record, "status", "intake");
  _lanka_record_set_quiet (self->record, "nrm_step", "1");
  _lanka_record_set_quiet (self->record, "opened", today);
  _lanka_record_set_quiet (self->record, "intake_date", today);
  _lanka_record_set_quiet (victim, "role", "victim");

  _lanka_case_take_record (self, victim);
  _lanka_case_take_record (self, exploitation);
  _lanka_case_take_record (self, legal_process);

  return g_steal_pointer (&self);
}

static void
copy_list (LankaCase  *copy,
           GListStore *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(LankaRecord) record_copy = lanka_record_copy (record);

      _lanka_case_take_record (copy, record_copy);
    }
}

/**
 * lanka_case_copy:
 * @self: a #LankaCase
 *
 * Returns: (transfer full): a deep copy of @self: new records with the
 *   same uuids and fields
 */
LankaCase *
lanka_case_copy (LankaCase *self)
{
  LankaCase *copy;
  g_autoptr(LankaRecord) record = NULL;
  g_autoptr(LankaRecord) exploitation = NULL;
  g_autoptr(LankaRecord) legal_process = NULL;

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  copy = g_object_new (LANKA_TYPE_CASE, NULL);
  record = lanka_record_copy (self->record);
  set_record (&copy->record, copy, record);
  copy->is_new = self->is_new;

  if (self->exploitation != NULL)
    {
      exploitation = lanka_record_copy (self->exploitation);
      _lanka_case_take_record (copy, exploitation);
    }
  if (self->legal_process != NULL)
    {
      legal_process = lanka_record_copy (self->legal_process);
      _lanka_case_take_record (copy, legal_process);
    }

  copy_list (copy, self->people);
  copy_list (copy, self->assessments);
  copy_list (copy, self->permits);
  copy_list (copy, self->plan);

  return copy;
}

const char *
lanka_case_get_uuid (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return lanka_record_get_uuid (self->record);
}

/**
 * lanka_case_get_number:
 * @self: a #LankaCase
 *
 * Returns: (nullable): the case number, such as "2026-0042"; %NULL until
 *   the case is first saved
 */
const char *
lanka_case_get_number (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return lanka_record_get (self->record, "number");
}

/**
 * lanka_case_is_new:
 * @self: a #LankaCase
 *
 * Returns: whether the case has never been saved
 */
gboolean
lanka_case_is_new (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), FALSE);

  return self->is_new;
}

/**
 * lanka_case_get_record:
 * @self: a #LankaCase
 *
 * Returns: (transfer none): the record of kind "case"
 */
LankaRecord *
lanka_case_get_record (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return self->record;
}

/* A case always has its one exploitation and legal process record, even
 * one read from an older draft without them.
 */
static LankaRecord *
ensure_single (LankaCase    *self,
               LankaRecord **slot,
               const char   *kind)
{
  if (*slot == NULL)
    {
      g_autoptr(LankaRecord) record = lanka_record_new (kind);

      set_record (slot, self, record);
    }

  return *slot;
}

/**
 * lanka_case_get_exploitation:
 * @self: a #LankaCase
 *
 * Returns: (transfer none): the record of kind "exploitation"
 */
LankaRecord *
lanka_case_get_exploitation (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return ensure_single (self, &self->exploitation, "exploitation");
}

/**
 * lanka_case_get_legal_process:
 * @self: a #LankaCase
 *
 * Returns: (transfer none): the record of kind "legal_process"
 */
LankaRecord *
lanka_case_get_legal_process (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return ensure_single (self, &self->legal_process, "legal_process");
}

/**
 * lanka_case_get_people:
 * @self: a #LankaCase
 *
 * Returns: (transfer none): the people (records of kind "person", with
 *   their "role"), in the order they were added
 */
GListModel *
lanka_case_get_people (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return G_LIST_MODEL (self->people);
}

GListModel *
lanka_case_get_assessments (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return G_LIST_MODEL (self->assessments);
}

GListModel *
lanka_case_get_permits (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return G_LIST_MODEL (self->permits);
}

GListModel *
lanka_case_get_plan (LankaCase *self)
{
  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  return G_LIST_MODEL (self->plan);
}

/**
 * lanka_case_get_victim:
 * @self: a #LankaCase
 *
 * Returns: (transfer none) (nullable): the first person in the role of
 *   victim, or %NULL if there is none
 */
LankaRecord *
lanka_case_get_victim (LankaCase *self)
{
  guint n;

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (g_strcmp0 (lanka_record_get (person, "role"), "victim") == 0)
        return person;
    }

  return NULL;
}

static LankaRecord *
find_in_list (GListStore *list,
              const char *uuid,
              guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (lanka_record_get_uuid (record), uuid) == 0)
        {
          if (position != NULL)
            *position = i;
          return record;
        }
    }

  return NULL;
}

/**
 * lanka_case_find_record:
 * @self: a #LankaCase
 * @uuid: a record's uuid
 *
 * Returns: (transfer none) (nullable): the record of the case with @uuid
 */
LankaRecord *
lanka_case_find_record (LankaCase  *self,
                        const char *uuid)
{
  LankaRecord *record;
  GListStore *lists[] = { self->people, self->assessments, self->permits, self->plan };

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (g_strcmp0 (lanka_record_get_uuid (self->record), uuid) == 0)
    return self->record;
  if (self->exploitation != NULL &&
      g_strcmp0 (lanka_record_get_uuid (self->exploitation), uuid) == 0)
    return self->exploitation;
  if (self->legal_process != NULL &&
      g_strcmp0 (lanka_record_get_uuid (self->legal_process), uuid) == 0)
    return self->legal_process;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if ((record = find_in_list (lists[i], uuid, NULL)) != NULL)
      return record;

  return NULL;
}

/**
 * lanka_case_add_record:
 * @self: a #LankaCase
 * @kind: "person", "assessment", "permit_event" or "plan_item"
 *
 * Adds an empty record at the end of its list.  The fields the database
 * cannot do without get a start: a person is a contact, an assessment is
 * made today, a permit event is a reflection period.
 *
 * Returns: (transfer none): the new record
 */
LankaRecord *
lanka_case_add_record (LankaCase  *self,
                       const char *kind)
{
  g_autoptr(LankaRecord) record = NULL;

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);
  g_return_val_if_fail (list_for_kind (self, kind) != NULL, NULL);

  record = lanka_record_new (kind);

  if (g_str_equal (kind, "person"))
    _lanka_record_set_quiet (record, "role", "contact");
  else if (g_str_equal (kind, "assessment"))
    {
      g_autofree char *today = dup_today ();

      _lanka_record_set_quiet (record, "assessed_on", today);
    }
  else if (g_str_equal (kind, "permit_event"))
    _lanka_record_set_quiet (record, "kind", "reflection_period");

  _lanka_case_take_record (self, record);

  return record;
}

/**
 * lanka_case_remove_record:
 * @self: a #LankaCase
 * @record: a person, assessment, permit event or plan item of the case
 *
 * Removes @record from the case; saving deletes its row.
 */
void
lanka_case_remove_record (LankaCase   *self,
                          LankaRecord *record)
{
  GListStore *list;
  guint position;

  g_return_if_fail (LANKA_IS_CASE (self));
  g_return_if_fail (LANKA_IS_RECORD (record));

  list = list_for_kind (self, lanka_record_get_kind (record));

  g_return_if_fail (list != NULL);

  if (find_in_list (list, lanka_record_get_uuid (record), &position) == NULL)
    return;

  unwatch_record (self, record);
  g_list_store_remove (list, position);
}

/* Whole years from @birth to @date. */
static int
years_between (GDate *birth,
               GDate *date)
{
  int years = (int)g_date_get_year (date) - (int)g_date_get_year (birth);

  if (g_date_get_month (date) < g_date_get_month (birth) ||
      (g_date_get_month (date) == g_date_get_month (birth) &&
       g_date_get_day (date) < g_date_get_day (birth)))
    years--;

  return years;
}

/* The person's birth date: the one written, or else the one an estimated
 * age implies (the estimate's date less the age, in years; when the
 * estimate has no date, the case's intake date or today stands in).
 */
static gboolean
get_birth_date (LankaCase   *self,
                LankaRecord *person,
                GDate       *today,
                GDate       *birth)
{
  gint64 estimated_age;
  GDate estimated_on;

  if (lanka_date_parse (lanka_record_get (person, "birth_date"), birth))
    return TRUE;

  estimated_age = lanka_record_get_int (person, "estimated_age", -1);

  if (estimated_age < 0 || estimated_age > 150)
    return FALSE;

  if (!lanka_date_parse (lanka_record_get (person, "estimated_on"), &estimated_on) &&
      !lanka_date_parse (lanka_record_get (self->record, "intake_date"), &estimated_on))
    estimated_on = *today;

  *birth = estimated_on;

  if (g_date_get_year (birth) <= estimated_age + 1)
    return FALSE;

  g_date_subtract_years (birth, estimated_age);

  return TRUE;
}

/**
 * lanka_case_is_child:
 * @self: a #LankaCase
 * @today: (nullable): today's date, %NULL for the clock's
 *
 * A case is a child case when its victim is under 18 today or was under
 * 18 when the exploitation began: by the birth date, by an estimated age
 * (counted from the date of the estimate), or by the age at entry the
 * exploitation records.
 *
 * Returns: whether the case is a child case
 */
gboolean
lanka_case_is_child (LankaCase *self,
                     GDate     *today)
{
  LankaRecord *victim;
  LankaRecord *exploitation;
  GDate now, birth, start;
  gint64 age_at_entry;

  g_return_val_if_fail (LANKA_IS_CASE (self), FALSE);

  lanka_date_get_today (today, &now);

  if ((victim = lanka_case_get_victim (self)) == NULL)
    return FALSE;

  exploitation = self->exploitation;

  age_at_entry = exploitation != NULL
                 ? lanka_record_get_int (exploitation, "age_at_entry", -1)
                 : -1;

  if (age_at_entry >= 0 && age_at_entry < CHILD_AGE)
    return TRUE;

  if (!get_birth_date (self, victim, &now, &birth))
    return FALSE;

  if (years_between (&birth, &now) < CHILD_AGE)
    return TRUE;

  return exploitation != NULL &&
         lanka_date_parse (lanka_record_get (exploitation, "period_start"), &start) &&
         years_between (&birth, &start) < CHILD_AGE;
}

static gboolean
is_closed (LankaCase *self,
           GDate     *today)
{
  const char *status = lanka_record_get (self->record, "status");
  GDate closed;

  if (g_strcmp0 (status, "closed") == 0 ||
      g_strcmp0 (status, "closed_referred") == 0 ||
      g_strcmp0 (status, "duplicate") == 0)
    return TRUE;

  return lanka_date_parse (lanka_record_get (self->record, "closed"), &closed) &&
         g_date_compare (&closed, today) <= 0;
}

void
lanka_deadline_free (LankaDeadline *self)
{
  if (self == NULL)
    return;

  g_free (self->kind);
  g_free (self->source);
  g_free (self->due_on);
  g_free (self);
}

static void
add_deadline (GPtrArray   *deadlines,
              const char  *kind,
              LankaRecord *source,
              GDate       *due)
{
  LankaDeadline *deadline;

  if (!g_date_valid (due))
    return;

  deadline = g_new0 (LankaDeadline, 1);
  deadline->kind = g_strdup (kind);
  deadline->source = g_strdup (lanka_record_get_uuid (source));
  deadline->due_on = lanka_date_format (due);
  g_ptr_array_add (deadlines, deadline);
}

static void
add_field_deadline (GPtrArray   *deadlines,
                    const char  *kind,
                    LankaRecord *record,
                    const char  *field)
{
  GDate due;

  if (record != NULL && lanka_date_parse (lanka_record_get (record, field), &due))
    add_deadline (deadlines, kind, record, &due);
}

static void
add_list_deadlines (GPtrArray  *deadlines,
                    const char *kind,
                    GListStore *list,
                    const char *field)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

      add_field_deadline (deadlines, kind, record, field);
    }
}

/* A reflection period that was granted or is still to be decided ends on
 * its last valid day, or, when only its first day is written, 30 days
 * after it: the length the law gives it.  A rejected one ends nothing.
 * Any other permit ends on its last valid day.
 */
static void
add_permit_deadlines (GPtrArray  *deadlines,
                      GListStore *permits)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (permits));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) permit = g_list_model_get_item (G_LIST_MODEL (permits), i);
      const char *decision = lanka_record_get (permit, "decision");
      GDate due;

      if (g_strcmp0 (lanka_record_get (permit, "kind"), "reflection_period") != 0)
        {
          add_field_deadline (deadlines, "permit_ends", permit, "valid_to");
          continue;
        }

      if (decision != NULL && !g_str_equal (decision, "granted"))
        continue;

      if (lanka_date_parse (lanka_record_get (permit, "valid_to"), &due))
        add_deadline (deadlines, "reflection_period_ends", permit, &due);
      else if (lanka_date_parse (lanka_record_get (permit, "valid_from"), &due))
        {
          g_date_add_days (&due, 30);
          add_deadline (deadlines, "reflection_period_ends", permit, &due);
        }
    }
}

static int
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const LankaDeadline *first = *(LankaDeadline * const *)a;
  const LankaDeadline *second = *(LankaDeadline * const *)b;
  int order = strcmp (first->due_on, second->due_on);

  return order != 0 ? order : strcmp (first->kind, second->kind);
}

/**
 * lanka_case_list_deadlines:
 * @self: a #LankaCase
 * @today: (nullable): today's date, %NULL for the clock's
 *
 * Every date the case's rules set, passed or not, for its tasks: the end
 * of a reflection period ("reflection_period_ends": a granted or not yet
 * decided one, on its last valid day or else 30 days after its first),
 * the end of any other permit ("permit_ends"), the assessments' next
 * reviews ("assessment_review"), the legal process's next hearing
 * ("hearing") and the support plan's follow-ups ("plan_follow_up"), each
 * with the uuid of its record as source.  A child case adds the social
 * services' own deadlines while the case's field for them is empty,
 * counted from the intake date and with the case's uuid as source: the
 * protection assessment ("protection_assessment", the day of intake or
 * the next, so the next day), the initial assessment
 * ("initial_assessment", 14 days) and the investigation
 * ("investigation_due", 4 months; from 31 October that is the last day of
 * February).  A closed case has none.
 *
 * Returns: (transfer container) (element-type LankaDeadline): the
 *   deadlines by date, an empty array when there are none
 */
GPtrArray *
lanka_case_list_deadlines (LankaCase *self,
                           GDate     *today)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  GDate now, intake;

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  lanka_date_get_today (today, &now);
  deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_deadline_free);

  if (is_closed (self, &now))
    return g_steal_pointer (&deadlines);

  add_permit_deadlines (deadlines, self->permits);
  add_list_deadlines (deadlines, "assessment_review", self->assessments, "next_review");
  add_field_deadline (deadlines, "hearing", self->legal_process, "next_hearing");
  add_list_deadlines (deadlines, "plan_follow_up", self->plan, "follow_up_on");

  if (lanka_case_is_child (self, &now) &&
      lanka_date_parse (lanka_record_get (self->record, "intake_date"), &intake))
    {
      GDate due;

      if (lanka_record_get (self->record, "protection_assessed_on") == NULL)
        {
          due = intake;
          g_date_add_days (&due, 1);
          add_deadline (deadlines, "protection_assessment", self->record, &due);
        }

      if (lanka_record_get (self->record, "initial_assessment_on") == NULL)
        {
          due = intake;
          g_date_add_days (&due, 14);
          add_deadline (deadlines, "initial_assessment", self->record, &due);
        }

      if (lanka_record_get (self->record, "investigation_done_on") == NULL)
        {
          due = intake;
          g_date_add_months (&due, 4);
          add_deadline (deadlines, "investigation_due", self->record, &due);
        }
    }

  g_ptr_array_sort (deadlines, compare_deadlines);

  return g_steal_pointer (&deadlines);
}

/**
 * lanka_case_dup_next_deadline:
 * @self: a #LankaCase
 * @today: (nullable): today's date, %NULL for the clock's
 *
 * The next date something is due, for the list to sort and mark by: the
 * earliest of lanka_case_list_deadlines() on or after today.  A date
 * already passed is not "next": the list would otherwise keep every case
 * at the top forever.  A closed case has nothing due.
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD, or %NULL
 */
char *
lanka_case_dup_next_deadline (LankaCase *self,
                              GDate     *today)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autofree char *from = NULL;
  GDate now;

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  lanka_date_get_today (today, &now);
  from = lanka_date_format (&now);
  deadlines = lanka_case_list_deadlines (self, &now);

  /* By date: the first not before today is the next. */
  for (guint i = 0; i < deadlines->len; i++)
    {
      LankaDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (strcmp (deadline->due_on, from) >= 0)
        return g_strdup (deadline->due_on);
    }

  return NULL;
}

static void
add_problem (GPtrArray   *problems,
             LankaRecord *record,
             const char  *field,
             const char  *message)
{
  LankaCaseProblem *problem = g_new0 (LankaCaseProblem, 1);

  problem->record = g_strdup (lanka_record_get_uuid (record));
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static gboolean
has_problem (GPtrArray   *problems,
             LankaRecord *record,
             const char  *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      LankaCaseProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->field, field) &&
          g_str_equal (problem->record, lanka_record_get_uuid (record)))
        return TRUE;
    }

  return FALSE;
}

static void
check_dates (GPtrArray          *problems,
             LankaRecord        *record,
             const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = lanka_record_get (record, fields[i]);
      g_autoptr(GError) error = NULL;

      if (value != NULL && !lanka_date_validate (value, &error))
        add_problem (problems, record, fields[i], error->message);
    }
}

/* A problem on @end when both dates are valid and @end comes first. */
static void
check_order (GPtrArray   *problems,
             LankaRecord *record,
             const char  *start_field,
             const char  *end_field,
             const char  *message)
{
  GDate start, end;

  if (has_problem (problems, record, start_field) || has_problem (problems, record, end_field))
    return;

  if (lanka_date_parse (lanka_record_get (record, start_field), &start) &&
      lanka_date_parse (lanka_record_get (record, end_field), &end) &&
      g_date_compare (&end, &start) < 0)
    add_problem (problems, record, end_field, message);
}

static void
check_not_future (GPtrArray   *problems,
                  LankaRecord *record,
                  const char  *field,
                  GDate       *today,
                  const char  *message)
{
  GDate date;

  if (!has_problem (problems, record, field) &&
      lanka_date_parse (lanka_record_get (record, field), &date) &&
      g_date_compare (&date, today) > 0)
    add_problem (problems, record, field, message);
}

static void
validate_person (GPtrArray   *problems,
                 LankaRecord *person,
                 GDate       *today)
{
  const char *personal_number = lanka_record_get (person, "personal_number");
  const char *estimated_age = lanka_record_get (person, "estimated_age");
  const char *alias = lanka_record_get (person, "alias");

  g_autofree char *stripped = g_strstrip (g_strdup (alias != NULL ? alias : ""));
  guint64 age;

  if (stripped[0] == '\0')
    add_problem (problems, person, "alias",
                 _("Give the person an alias: it is what the case shows instead of the "
                   "name."));

  check_dates (problems, person, person_dates);
  check_not_future (problems, person, "birth_date", today,
                    _("The birth date is in the future."));
  check_not_future (problems, person, "estimated_on", today,
                    _("The age is estimated on a date in the future."));

  if (estimated_age != NULL &&
      !g_ascii_string_to_unsigned (estimated_age, 10, 0, 130, &age, NULL))
    add_problem (problems, person, "estimated_age",
                 _("An estimated age is a number of years from 0 to 130."));

  if (personal_number != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *birth_date = NULL;
      const char *written_birth_date = lanka_record_get (person, "birth_date");

      normalized = lanka_personal_number_normalize (personal_number, today, NULL,
                                                    &birth_date, &error);

      if (normalized == NULL)
        add_problem (problems, person, "personal_number", error->message);
      else if (written_birth_date != NULL && !has_problem (problems, person, "birth_date") &&
               g_strcmp0 (lanka_record_get (person, "birth_precision"), "month") != 0 &&
               g_strcmp0 (lanka_record_get (person, "birth_precision"), "year") != 0 &&
               g_strcmp0 (written_birth_date, birth_date) != 0)
        add_problem (problems, person, "birth_date",
                     _("The birth date is not the one in the personal number."));
    }
}

static void
validate_list (GPtrArray   *problems,
               GListStore  *list,
               GDate       *today,
               void       (*validate) (GPtrArray   *problems,
                                       LankaRecord *record,
                                       GDate       *today))
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

      validate (problems, record, today);
    }
}

static void
validate_assessment (GPtrArray   *problems,
                     LankaRecord *assessment,
                     GDate       *today)
{
  check_dates (problems, assessment, assessment_dates);

  if (lanka_record_get (assessment, "assessed_on") == NULL)
    add_problem (problems, assessment, "assessed_on",
                 _("An assessment needs the date it was made."));

  check_not_future (problems, assessment, "assessed_on", today,
                    _("The assessment is dated in the future."));
  check_order (problems, assessment, "assessed_on", "next_review",
               _("The next review is before the assessment was made."));
}

static void
validate_permit (GPtrArray   *problems,
                 LankaRecord *permit,
                 GDate       *today)
{
  check_dates (problems, permit, permit_dates);

  if (lanka_record_get (permit, "kind") == NULL)
    add_problem (problems, permit, "kind", _("Choose what kind of permit this is."));

  check_order (problems, permit, "valid_from", "valid_to",
               _("The permit ends before it starts: the last valid day is before the "
                 "first."));
  check_order (problems, permit, "applied_on", "decided_on",
               _("The decision is dated before the application."));
}

static void
validate_plan_item (GPtrArray   *problems,
                    LankaRecord *item,
                    GDate       *today)
{
  check_dates (problems, item, plan_dates);

  if (lanka_record_get (item, "support_type") == NULL)
    add_problem (problems, item, "support_type", _("Choose what kind of support this is."));

  check_order (problems, item, "start_on", "end_on",
               _("The measure ends before it starts."));
}

/**
 * lanka_case_validate:
 * @self: a #LankaCase
 * @today: (nullable): today's date, %NULL for the clock's
 *
 * Checks what the person typed: dates that do not exist, personal numbers
 * with a wrong check digit, a birth date in the future, periods that end
 * before they start.  The store saves the rest of the case and keeps the
 * stored value of each field with a problem.
 *
 * Returns: (transfer container) (element-type LankaCaseProblem): the
 *   problems, an empty array when there are none
 */
GPtrArray *
lanka_case_validate (LankaCase *self,
                     GDate     *today)
{
  g_autoptr(GPtrArray) problems = NULL;
  LankaRecord *exploitation;
  LankaRecord *legal_process;
  const char *nrm_step;
  GDate now;
  guint64 step;

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  lanka_date_get_today (today, &now);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_case_problem_free);

  check_dates (problems, self->record, case_dates);

  if (lanka_record_get (self->record, "opened") == NULL)
    add_problem (problems, self->record, "opened", _("A case needs the date it was opened."));

  check_order (problems, self->record, "opened", "closed",
               _("The case is closed before it was opened."));
  check_not_future (problems, self->record, "opened", &now,
                    _("The case is opened on a date in the future."));

  nrm_step = lanka_record_get (self->record, "nrm_step");
  if (nrm_step == NULL || !g_ascii_string_to_unsigned (nrm_step, 10, 1, 6, &step, NULL))
    add_problem (problems, self->record, "nrm_step",
                 _("Choose a step of the referral mechanism, from 1 to 6."));

  if (lanka_record_get (self->record, "status") == NULL)
    add_problem (problems, self->record, "status", _("Choose a status for the case."));

  validate_list (problems, self->people, &now, validate_person);

  exploitation = lanka_case_get_exploitation (self);
  check_dates (problems, exploitation, exploitation_dates);
  check_order (problems, exploitation, "period_start", "period_end",
               _("The period of exploitation ends before it starts."));

  if (lanka_record_get (exploitation, "age_at_entry") != NULL &&
      !g_ascii_string_to_unsigned (lanka_record_get (exploitation, "age_at_entry"), 10,
                                   0, 130, &step, NULL))
    add_problem (problems, exploitation, "age_at_entry",
                 _("The age at entry is a number of years from 0 to 130."));

  legal_process = lanka_case_get_legal_process (self);
  check_dates (problems, legal_process, legal_dates);

  validate_list (problems, self->assessments, &now, validate_assessment);
  validate_list (problems, self->permits, &now, validate_permit);
  validate_list (problems, self->plan, &now, validate_plan_item);

  return g_steal_pointer (&problems);
}

/* Serialisation: the document as JSON, for drafts.  Every record is an
 * object with its uuid, its single values and its lists.
 */

static JsonNode *
record_to_json (LankaRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) fields = lanka_record_dup_fields (record);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lanka_record_get_kind (record));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, lanka_record_get_uuid (record));

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = lanka_record_get (record, fields[i]);

      if (value == NULL)
        continue;

      json_builder_set_member_name (builder, fields[i]);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "lists");
  json_builder_begin_object (builder);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char * const *list;

      if (!_lanka_record_is_list (record, fields[i]))
        continue;

      list = lanka_record_get_list (record, fields[i]);
      json_builder_set_member_name (builder, fields[i]);
      json_builder_begin_array (builder);
      for (guint j = 0; list[j] != NULL; j++)
        json_builder_add_string_value (builder, list[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_list_to_json (JsonBuilder *builder,
                  const char  *name,
                  GListStore  *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

      json_builder_add_value (builder, record_to_json (record));
    }

  json_builder_end_array (builder);
}

/**
 * lanka_case_serialize:
 * @self: a #LankaCase
 *
 * Returns: (transfer full): the whole document, as a draft stores it
 */
GBytes *
lanka_case_serialize (LankaCase *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  g_return_val_if_fail (LANKA_IS_CASE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DOCUMENT_VERSION);
  json_builder_set_member_name (builder, "new");
  json_builder_add_boolean_value (builder, self->is_new);
  json_builder_set_member_name (builder, "case");
  json_builder_add_value (builder, record_to_json (self->record));
  json_builder_set_member_name (builder, "exploitation");
  json_builder_add_value (builder, record_to_json (lanka_case_get_exploitation (self)));
  json_builder_set_member_name (builder, "legal_process");
  json_builder_add_value (builder, record_to_json (lanka_case_get_legal_process (self)));
  add_list_to_json (builder, "people", self->people);
  add_list_to_json (builder, "assessments", self->assessments);
  add_list_to_json (builder, "permits", self->permits);
  add_list_to_json (builder, "plan", self->plan);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

static void
set_malformed (GError **error)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                       _("The unsaved changes of this case cannot be read."));
}

static LankaRecord *
record_from_json (JsonNode   *node,
                  const char *kind,
                  GError    **error)
{
  g_autoptr(LankaRecord) record = NULL;
  JsonObject *object;
  JsonObject *fields = NULL;
  JsonObject *lists = NULL;
  const char *uuid;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_malformed (error);
      return NULL;
    }

  object = json_node_get_object (node);
  uuid = json_object_get_string_member_with_default (object, "uuid", NULL);

  if (uuid == NULL || !g_uuid_string_is_valid (uuid) ||
      g_strcmp0 (json_object_get_string_member_with_default (object, "kind", NULL), kind) != 0)
    {
      set_malformed (error);
      return NULL;
    }

  record = lanka_record_new_with_uuid (kind, uuid);

  if (json_object_has_member (object, "fields"))
    fields = json_object_get_object_member (object, "fields");
  if (json_object_has_member (object, "lists"))
    lists = json_object_get_object_member (object, "lists");

  if (fields != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &name, &value))
        {
          const char *text;

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
              !g_utf8_validate ((text = json_node_get_string (value)), -1, NULL))
            {
              set_malformed (error);
              return NULL;
            }

          _lanka_record_set_quiet (record, name, text);
        }
    }

  if (lists != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, lists);
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
          g_auto(GStrv) list = NULL;
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (value))
            {
              set_malformed (error);
              return NULL;
            }

          array = json_node_get_array (value);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (element) ||
                  json_node_get_value_type (element) != G_TYPE_STRING)
                {
                  set_malformed (error);
                  return NULL;
                }

              g_strv_builder_add (codes, json_node_get_string (element));
            }

          list = g_strv_builder_end (codes);
          lanka_record_set_list (record, name, (const char * const *)list);
        }
    }

  return g_steal_pointer (&record);
}

static gboolean
list_from_json (LankaCase  *self,
                JsonObject *root,
                const char *name,
                const char *kind,
                GError    **error)
{
  JsonNode *node = json_object_get_member (root, name);
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_malformed (error);
      return FALSE;
    }

  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(LankaRecord) record = NULL;

      if (!(record = record_from_json (json_array_get_element (array, i), kind, error)))
        return FALSE;

      _lanka_case_take_record (self, record);
    }

  return TRUE;
}

/**
 * lanka_case_deserialize:
 * @bytes: what lanka_case_serialize() wrote
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with
 *   %LANKA_STORE_ERROR_INVALID
 */
LankaCase *
lanka_case_deserialize (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LankaCase) self = NULL;
  g_autoptr(LankaRecord) record = NULL;
  g_autoptr(LankaRecord) exploitation = NULL;
  g_autoptr(LankaRecord) legal_process = NULL;
  JsonObject *root;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_malformed (error);
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));

  if (json_object_get_int_member_with_default (root, "version", 0) != DOCUMENT_VERSION)
    {
      set_malformed (error);
      return NULL;
    }

  if (!(record = record_from_json (json_object_get_member (root, "case"), "case", error)))
    return NULL;

  self = g_object_new (LANKA_TYPE_CASE, NULL);
  set_record (&self->record, self, record);
  self->is_new = json_object_get_boolean_member_with_default (root, "new", TRUE);

  if (json_object_has_member (root, "exploitation"))
    {
      if (!(exploitation = record_from_json (json_object_get_member (root, "exploitation"),
                                             "exploitation", error)))
        return NULL;
      _lanka_case_take_record (self, exploitation);
    }

  if (json_object_has_member (root, "legal_process"))
    {
      if (!(legal_process = record_from_json (json_object_get_member (root, "legal_process"),
                                              "legal_process", error)))
        return NULL;
      _lanka_case_take_record (self, legal_process);
    }

  if (!list_from_json (self, root, "people", "person", error) ||
      !list_from_json (self, root, "assessments", "assessment", error) ||
      !list_from_json (self, root, "permits", "permit_event", error) ||
      !list_from_json (self, root, "plan", "plan_item", error))
    return NULL;

  return g_steal_pointer (&self);
}
