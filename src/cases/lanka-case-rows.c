/* lanka-case-rows.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-rows"

#include "config.h"

#include "lanka-case-rows.h"

/* Placeholder: being written.  Plain rows with the title only. */
static GtkWidget *
placeholder (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

GtkWidget *
lanka_case_entry_row_new (LankaRecord *record, const char *field, const char *title)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_text_row_new (LankaRecord *record, const char *field, const char *title)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_date_row_new (LankaRecord *record, const char *field, const char *title)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_number_row_new (LankaRecord *record, const char *field, const char *title, int lower, int upper)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_switch_row_new (LankaRecord *record, const char *field, const char *title, const char *subtitle)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_choice_row_new (LankaRecord *record, const char *field, const char *title, LankaVocabulary vocabulary, gboolean allow_none)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_codes_row_new (LankaRecord *record, const char *field, const char *title, LankaVocabulary vocabulary)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_countries_row_new (LankaRecord *record, const char *field, const char *title)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_languages_row_new (LankaRecord *record, const char *field, const char *title)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_agency_row_new (LankaDatabase *database, LankaRecord *record, const char *uuid_field, const char *name_field, const char *title)
{
  return placeholder (title);
}

GtkWidget *
lanka_case_rows_show_problems (GtkWidget *root, GPtrArray *problems)
{
  return NULL;
}
