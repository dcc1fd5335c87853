/* lanka-case-rows.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-record.h"
#include "lanka-vocabulary.h"

G_BEGIN_DECLS

/* Rows bound to one field of a LankaRecord, both ways: what is typed goes
 * into the record at once (the editor's draft timer sees it), and a change
 * of the record shows in the row.  A row keeps what was typed even when it
 * is invalid; the record then gets it as typed and the editor's validation
 * marks the row (lanka_case_rows_show_problems()).
 */
GtkWidget *lanka_case_entry_row_new      (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title);
GtkWidget *lanka_case_text_row_new       (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title);
GtkWidget *lanka_case_date_row_new       (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title);
GtkWidget *lanka_case_number_row_new     (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title,
                                          int              lower,
                                          int              upper);
GtkWidget *lanka_case_switch_row_new     (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title,
                                          const char      *subtitle);
GtkWidget *lanka_case_choice_row_new     (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title,
                                          LankaVocabulary  vocabulary,
                                          gboolean         allow_none);
GtkWidget *lanka_case_codes_row_new      (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title,
                                          LankaVocabulary  vocabulary);
GtkWidget *lanka_case_countries_row_new  (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title);
GtkWidget *lanka_case_languages_row_new  (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title);
GtkWidget *lanka_case_language_row_new   (LankaRecord     *record,
                                          const char      *field,
                                          const char      *title);
GtkWidget *lanka_case_agency_row_new     (LankaDatabase   *database,
                                          LankaRecord     *record,
                                          const char      *uuid_field,
                                          const char      *name_field,
                                          const char      *title);

/* Marks every bound row under @root whose record and field have a
 * problem (LankaCaseProblem) and clears the others.  Returns the first
 * marked row, to scroll to and focus.
 */
void        lanka_case_rows_set_record    (GtkWidget       *row,
                                           LankaRecord     *record);

GtkWidget  *lanka_case_rows_show_problems (GtkWidget       *root,
                                           GPtrArray       *problems);
const char *lanka_case_rows_get_problem   (GtkWidget       *row);

/* Reads a date as the date rows do (YYYY-MM-DD, YYYYMMDD or the locale's
 * short form); returns YYYY-MM-DD or NULL.
 */
char       *lanka_case_rows_parse_date    (const char      *text);

G_END_DECLS
