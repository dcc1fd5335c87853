/* lanka-case-journal.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CASE_JOURNAL (lanka_case_journal_get_type ())

G_DECLARE_FINAL_TYPE (LankaCaseJournal, lanka_case_journal, LANKA, CASE_JOURNAL, AdwBin)

G_END_DECLS
