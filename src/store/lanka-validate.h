/* lanka-validate.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *lanka_phone_normalize                (const char  *phone,
                                                GError     **error);
gboolean  lanka_email_validate                 (const char  *email,
                                                GError     **error);
gboolean  lanka_web_address_validate           (const char  *address,
                                                GError     **error);
gboolean  lanka_organisation_number_validate   (const char  *number,
                                                GError     **error);

typedef enum
{
  LANKA_PERSONAL_NUMBER_PERSONNUMMER,
  LANKA_PERSONAL_NUMBER_SAMORDNINGSNUMMER,
} LankaPersonalNumberKind;

/* A personnummer or samordningsnummer in any usual spelling (10 or 12
 * digits, with "-" or "+" or nothing).  A 10-digit number gets its century
 * from today (with "+", a hundred years earlier).  Returns the canonical
 * YYYYMMDD-NNNN, the kind and the birth date (YYYY-MM-DD; for a
 * samordningsnummer the day less 60); or NULL and a sentence.
 */
char     *lanka_personal_number_normalize      (const char               *number,
                                                GDate                    *today,
                                                LankaPersonalNumberKind  *kind,
                                                char                    **birth_date,
                                                GError                  **error);
gboolean  lanka_date_validate                  (const char               *date,
                                                GError                  **error);

/* Dates as the store keeps them (YYYY-MM-DD) and as GDates.  "Today" is
 * @given when it is a valid date (a test's day), else the clock's, in
 * local time.
 */
gboolean  lanka_date_parse                     (const char               *text,
                                                GDate                    *date);
char     *lanka_date_format                    (const GDate              *date);
char     *lanka_date_format_for_people         (const GDate              *date);
void      lanka_date_get_today                 (const GDate              *given,
                                                GDate                    *today);

G_END_DECLS
