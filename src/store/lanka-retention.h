/* lanka-retention.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lanka-database.h"

G_BEGIN_DECLS

/**
 * LankaRetentionRule:
 * @years: years after the last journal entry before a closed case may be
 *   deleted (5 by default)
 * @research_sample: whether people born on the 5th, 15th and 25th of a
 *   month are kept for research (on by default)
 *
 * The retention rule, kept in the database (meta) so that it goes with
 * the data: the law that sets it was replaced on 2025-07-01 and may be
 * again.
 */
typedef struct
{
  guint    years;
  gboolean research_sample;
} LankaRetentionRule;

#define LANKA_RETENTION_DEFAULT_YEARS 5

/**
 * LankaRetentionState:
 * @LANKA_RETENTION_NOT_DUE: the earliest deletion date has not come
 * @LANKA_RETENTION_DUE: it may be deleted now
 * @LANKA_RETENTION_OVERDUE: the end of the year after the earliest date
 *   has passed
 * @LANKA_RETENTION_HELD: put on hold, with a reason
 * @LANKA_RETENTION_RESEARCH_SAMPLE: kept: the victim is in the research
 *   sample
 */
typedef enum
{
  LANKA_RETENTION_NOT_DUE,
  LANKA_RETENTION_DUE,
  LANKA_RETENTION_OVERDUE,
  LANKA_RETENTION_HELD,
  LANKA_RETENTION_RESEARCH_SAMPLE,
} LankaRetentionState;

/**
 * LankaRetentionItem:
 * @case_uuid: the case
 * @number: its case number
 * @closed: the day it was closed
 * @last_entry: the day of its last journal entry
 * @earliest: the earliest deletion date
 * @deadline: the date by which it should be deleted
 * @state: where it stands
 * @hold_reason: (nullable): why it is held
 * @open_referrals: referrals of the case still open
 */
typedef struct
{
  char                *case_uuid;
  char                *number;
  char                *closed;
  char                *last_entry;
  char                *earliest;
  char                *deadline;
  LankaRetentionState  state;
  char                *hold_reason;
  guint                open_referrals;
} LankaRetentionItem;

void      lanka_retention_item_free      (LankaRetentionItem       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaRetentionItem, lanka_retention_item_free)

void      lanka_retention_rule_init      (LankaRetentionRule       *rule);
gboolean  lanka_retention_get_rule       (LankaDatabase            *database,
                                          LankaRetentionRule       *rule,
                                          GError                  **error);
gboolean  lanka_retention_set_rule       (LankaDatabase            *database,
                                          const LankaRetentionRule *rule,
                                          GError                  **error);
/* The earliest deletion date of a case whose last entry was on
 * @last_entry: @years later (29 February becomes 28 February), and the
 * deadline: 31 December of the following year.  Returns %FALSE, with
 * both dates set anyway, when @birth_date (nullable, "YYYY-MM-DD" with a
 * known day) puts the person in the research sample and the rule keeps
 * it.
 */
gboolean  lanka_retention_compute        (const LankaRetentionRule *rule,
                                          const GDate              *last_entry,
                                          const char               *birth_date,
                                          GDate                    *earliest,
                                          GDate                    *deadline);
/* Closed cases (a closing date on or before @today) whose earliest
 * deletion date is on or before @today (the clock's when %NULL), with held
 * and research-sample cases among them, by deadline and number.  The last
 * entry is the day of the case's last journal entry, or the day it closed
 * when it has none; the victim's birth date counts for the research
 * sample when its day is known (birth_precision "day", or none given).
 */
GPtrArray *lanka_retention_list_due      (LankaDatabase            *database,
                                          GDate                    *today,
                                          GError                  **error);
gboolean  lanka_retention_hold           (LankaDatabase            *database,
                                          const char               *case_uuid,
                                          const char               *reason,
                                          GDate                    *today,
                                          GError                  **error);
gboolean  lanka_retention_release        (LankaDatabase            *database,
                                          const char               *case_uuid,
                                          GError                  **error);
/* Deletes a due case for good: every row of it, its history, drafts and
 * search row, with secure_delete on; one retention_log row (case uuid and
 * number, last entry date, rule as "years=5 research_sample=1") and an
 * audit row (LANKA_AUDIT_RETENTION_DELETE, the case's uuid, the rule)
 * remain.  Refuses a case that is open, not yet due, held, in the
 * research sample, or has an open referral (pending, in progress or
 * accepted), with a sentence that says which (%LANKA_STORE_ERROR_INVALID).
 */
gboolean  lanka_retention_delete         (LankaDatabase            *database,
                                          const char               *case_uuid,
                                          GDate                    *today,
                                          GError                  **error);

G_END_DECLS
