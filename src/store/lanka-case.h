/* lanka-case.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-record.h"

G_BEGIN_DECLS

/**
 * LankaCaseProblem:
 * @record: the uuid of the record with the problem
 * @field: the field (column name) to mark
 * @message: a translated sentence that says what is wrong
 *
 * One invalid field.  A case with problems still saves: the invalid
 * fields keep their last saved value and the draft keeps what was typed.
 */
typedef struct
{
  char *record;
  char *field;
  char *message;
} LankaCaseProblem;

void lanka_case_problem_free (LankaCaseProblem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaCaseProblem, lanka_case_problem_free)

/**
 * LankaDeadline:
 * @kind: a task kind code (LANKA_VOCABULARY_TASK_KIND)
 * @source: the uuid of the record the date comes from (a permit, a plan
 *   item, an assessment), or the case's uuid for the case's own deadlines
 * @due_on: the date, YYYY-MM-DD
 *
 * A date the law or the case's own records set, for the tasks.
 */
typedef struct
{
  char *kind;
  char *source;
  char *due_on;
} LankaDeadline;

void lanka_deadline_free (LankaDeadline *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaDeadline, lanka_deadline_free)

#define LANKA_TYPE_CASE (lanka_case_get_type ())

G_DECLARE_FINAL_TYPE (LankaCase, lanka_case, LANKA, CASE, GObject)

/* A whole case as one document: the "case" record, its people (records of
 * kind "person" with the case_person "role" as a field), the one
 * "exploitation" and "legal_process" records, and the lists of
 * "assessment", "permit_event" and "plan_item" records.  The journal is
 * not part of it (see lanka-journal.h): an entry is written when it is
 * added.
 *
 * ::changed is emitted after any field of any record changes, or a record
 * is added or removed; the editor's draft timer listens to it.
 */
LankaCase          *lanka_case_new                 (void);
LankaCase          *lanka_case_copy                (LankaCase          *self);
const char         *lanka_case_get_uuid            (LankaCase          *self);
const char         *lanka_case_get_number          (LankaCase          *self);
gboolean            lanka_case_is_new              (LankaCase          *self);
LankaRecord        *lanka_case_get_record          (LankaCase          *self);
LankaRecord        *lanka_case_get_exploitation    (LankaCase          *self);
LankaRecord        *lanka_case_get_legal_process   (LankaCase          *self);
GListModel         *lanka_case_get_people          (LankaCase          *self);
GListModel         *lanka_case_get_assessments     (LankaCase          *self);
GListModel         *lanka_case_get_permits         (LankaCase          *self);
GListModel         *lanka_case_get_plan            (LankaCase          *self);
LankaRecord        *lanka_case_get_victim          (LankaCase          *self);
LankaRecord        *lanka_case_find_record         (LankaCase          *self,
                                                    const char         *uuid);
LankaRecord        *lanka_case_add_record          (LankaCase          *self,
                                                    const char         *kind);
void                lanka_case_remove_record       (LankaCase          *self,
                                                    LankaRecord        *record);
gboolean            lanka_case_is_child            (LankaCase          *self,
                                                    GDate              *today);
/* The dates the case's rules set, passed or not (LankaDeadlines, by
 * date), and the first of them on or after today.  A closed case has
 * none.
 */
char               *lanka_case_dup_next_deadline   (LankaCase          *self,
                                                    GDate              *today);
GPtrArray          *lanka_case_list_deadlines      (LankaCase          *self,
                                                    GDate              *today);
GPtrArray          *lanka_case_validate            (LankaCase          *self,
                                                    GDate              *today);
GBytes             *lanka_case_serialize           (LankaCase          *self);
LankaCase          *lanka_case_deserialize         (GBytes             *bytes,
                                                    GError            **error);

/* For the store. */
LankaCase          *_lanka_case_new_empty          (const char         *uuid);
void                _lanka_case_take_record        (LankaCase          *self,
                                                    LankaRecord        *record);
void                _lanka_case_set_saved          (LankaCase          *self);

G_END_DECLS
