/* lanka-case-journal.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-case.h"
#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_JOURNAL (lanka_case_journal_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseJournal, lanka_case_journal, LANKA, CASE_JOURNAL, AdwBin)

GtkWidget     *lanka_case_journal_new          (void);
LankaDatabase *lanka_case_journal_get_database (LankaCaseJournal *self);
void           lanka_case_journal_set_database (LankaCaseJournal *self,
                                                LankaDatabase    *database);
LankaCase     *lanka_case_journal_get_case     (LankaCaseJournal *self);
void           lanka_case_journal_set_case     (LankaCaseJournal *self,
                                                LankaCase        *kase);

G_END_DECLS
