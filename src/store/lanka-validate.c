/* lanka-validate.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-validate"

#include "config.h"

#include "lanka-validate.h"
#include "lanka-store-error.h"

#include <glib/gi18n.h>
#include <string.h>

/* E.164 allows at most 15 digits after the plus. */
#define MAX_INTERNATIONAL_DIGITS 15

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID, message);
}

/**
 * lanka_phone_normalize:
 * @phone: a phone number as a person wrote it, such as "070-123 45 67"
 * @error: a location for a #GError
 *
 * Turns a Swedish number into its international form ("+46701234567") and
 * keeps an international one ("+44 20 …", "0044 20 …") with its country
 * code.  Short service numbers without a trunk prefix, such as 112 or
 * 114 14, stay as they are.  Spaces, hyphens, dots, slashes and brackets
 * are ignored, as people write them in all sorts of places.  The normal
 * form is for matching; what the person wrote is what they see.
 *
 * Returns: (transfer full) (nullable): the normal form, or %NULL with
 *   %LANKA_STORE_ERROR_INVALID
 */
char *
lanka_phone_normalize (const char  *phone,
                       GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;

  g_return_val_if_fail (phone != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (strchr (" -./()\t", *p) == NULL)
        {
          set_invalid (error, _("A phone number can only hold digits, spaces, hyphens and a "
                                "leading plus sign."));
          return NULL;
        }
    }

  if (digits->len == 0)
    {
      set_invalid (error, _("The phone number has no digits."));
      return NULL;
    }

  /* 00 is the international prefix dialled from Sweden. */
  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);
      plus = TRUE;
    }

  if (plus)
    {
      if (digits->len < 7 || digits->len > MAX_INTERNATIONAL_DIGITS || digits->str[0] == '0')
        {
          set_invalid (error, _("An international phone number needs a country code and "
                                "7 to 15 digits."));
          return NULL;
        }

      g_string_prepend_c (digits, '+');
      return g_string_free (g_steal_pointer (&digits), FALSE);
    }

  if (digits->str[0] == '0')
    {
      /* Swedish numbers are 7 to 10 digits with the leading 0 (area code
       * or mobile prefix included).
       */
      if (digits->len < 7 || digits->len > 10)
        {
          set_invalid (error, _("A Swedish phone number has 7 to 10 digits, area code "
                                "included."));
          return NULL;
        }

      g_string_erase (digits, 0, 1);
      g_string_prepend (digits, "+46");
      return g_string_free (g_steal_pointer (&digits), FALSE);
    }

  /* Without a trunk prefix only the short numbers of emergency and public
   * services are reachable (112, 114 14, 1177).
   */
  if (digits->len < 3 || digits->len > 6)
    {
      set_invalid (error, _("Write the phone number with its area code, such as 08-123 456 "
                            "or 070-123 45 67."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static gboolean
is_domain (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n_labels = g_strv_length (labels);
  const char *top;

  if (n_labels < 2)
    return FALSE;

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize length = strlen (label);

      if (length == 0 || length > 63 || label[0] == '-' || label[length - 1] == '-')
        return FALSE;

      /* Bytes above 127 belong to an internationalised name (å, ä, ö in
       * Swedish domains); the string is already known to be UTF-8.
       */
      for (const char *p = label; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && !((guchar)*p & 0x80))
          return FALSE;
    }

  top = labels[n_labels - 1];

  return strlen (top) >= 2 && !g_ascii_isdigit (top[0]);
}

/**
 * lanka_email_validate:
 * @email: an e-mail address
 * @error: a location for a #GError
 *
 * Checks the shape of an address: one @, something before it, and a
 * domain with a dot after it.  Whether the mailbox exists is for the
 * mail server to say.
 *
 * Returns: %TRUE if @email looks like an e-mail address
 */
gboolean
lanka_email_validate (const char  *email,
                      GError     **error)
{
  const char *at;

  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (email, -1, NULL))
    {
      set_invalid (error, _("The e-mail address contains characters that cannot be read."));
      return FALSE;
    }

  at = strchr (email, '@');

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    {
      set_invalid (error, _("An e-mail address has a name, an @ and a domain, such as "
                            "namn@kommun.se."));
      return FALSE;
    }

  for (const char *p = email; p < at; p++)
    if ((guchar)*p <= ' ' || strchr ("()<>[],;:\\\"", *p) != NULL)
      {
        set_invalid (error, _("The part before the @ in an e-mail address cannot contain "
                              "spaces or brackets."));
        return FALSE;
      }

  if (email[0] == '.' || at[-1] == '.' || strstr (email, "..") != NULL || !is_domain (at + 1))
    {
      set_invalid (error, _("The e-mail address does not end in a valid domain, such as "
                            "kommun.se."));
      return FALSE;
    }

  return TRUE;
}

/**
 * lanka_web_address_validate:
 * @address: a web address, with or without "https://"
 * @error: a location for a #GError
 *
 * Returns: %TRUE if @address is an http or https address with a domain
 */
gboolean
lanka_web_address_validate (const char  *address,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *full = NULL;
  const char *scheme;

  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* People write "www.example.se"; a browser takes it, so do we. */
  if (strstr (address, "://") == NULL)
    full = g_strconcat ("https://", address, NULL);
  else
    full = g_strdup (address);

  uri = g_uri_parse (full, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || strchr (address, ' ') != NULL)
    {
      set_invalid (error, _("This is not a web address. Write it as www.example.se or "
                            "https://www.example.se."));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      set_invalid (error, _("A web address starts with https:// or http://."));
      return FALSE;
    }

  /* A user name in a web address is how phishing links hide their real
   * host ("https://bank.se@example.com"); no agency needs one.
   */
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_host (uri) == NULL ||
      !is_domain (g_uri_get_host (uri)))
    {
      set_invalid (error, _("The web address needs a domain, such as www.example.se."));
      return FALSE;
    }

  return TRUE;
}

/**
 * lanka_organisation_number_validate:
 * @number: a Swedish organisation number, "NNNNNN-NNNN" or ten digits
 * @error: a location for a #GError
 *
 * Checks the length and the check digit (the Luhn algorithm over all ten
 * digits, as Bolagsverket and Skatteverket compute it).
 *
 * Returns: %TRUE if @number is a well-formed organisation number
 */
gboolean
lanka_organisation_number_validate (const char  *number,
                                    GError     **error)
{
  char digits[10];
  guint n_digits = 0;
  guint sum = 0;

  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) && n_digits < G_N_ELEMENTS (digits))
        digits[n_digits++] = *p;
      else if (g_ascii_isdigit (*p) || (*p != '-' && *p != ' ') || (*p == '-' && n_digits != 6))
        {
          n_digits = 0;
          break;
        }
    }

  if (n_digits != G_N_ELEMENTS (digits))
    {
      set_invalid (error, _("An organisation number has ten digits: six, a hyphen and four more."));
      return FALSE;
    }

  for (guint i = 0; i < n_digits; i++)
    {
      guint d = digits[i] - '0';

      /* Every other digit doubles, starting with the first. */
      if (i % 2 == 0)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  if (sum % 10 != 0)
    {
      set_invalid (error, _("The organisation number is mistyped: its last digit does not "
                            "match the others."));
      return FALSE;
    }

  return TRUE;
}

/* The Luhn sum over the ten digits YYMMDDNNNN, as Skatteverket computes
 * the check digit of personnummer and samordningsnummer alike.
 */
static gboolean
luhn_valid (const char *digits)
{
  guint sum = 0;

  for (guint i = 0; i < 10; i++)
    {
      guint d = digits[i] - '0';

      if (i % 2 == 0)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

static guint
two_digits (const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

/**
 * lanka_personal_number_normalize:
 * @number: a personnummer or samordningsnummer as a person wrote it
 * @today: (nullable): today's date, for the century of a 10-digit number;
 *   %NULL for the clock's
 * @kind: (out) (optional): whether it is a personnummer or a
 *   samordningsnummer
 * @birth_date: (out) (optional) (transfer full): the date of birth it
 *   holds, YYYY-MM-DD
 * @error: a location for a #GError
 *
 * Checks the date (a samordningsnummer has 60 added to the day), the check
 * digit, and that the date of birth is not in the future.  A 10-digit
 * number belongs to someone under a hundred ("-" or nothing), or a hundred
 * or older ("+"), which gives its century.
 *
 * Returns: (transfer full) (nullable): YYYYMMDD-NNNN, or %NULL with
 *   %LANKA_STORE_ERROR_INVALID and a sentence
 */
char *
lanka_personal_number_normalize (const char               *number,
                                 GDate                    *today,
                                 LankaPersonalNumberKind  *kind,
                                 char                    **birth_date,
                                 GError                  **error)
{
  char digits[13];
  guint n_digits = 0;
  char separator = '\0';
  guint separator_at = 0;
  guint year, month, day, birth_day;
  GDate now, born;

  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (birth_date != NULL)
    *birth_date = NULL;

  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) && n_digits < 12)
        digits[n_digits++] = *p;
      else if ((*p == '-' || *p == '+') && separator == '\0' && n_digits > 0)
        {
          separator = *p;
          separator_at = n_digits;
        }
      else if (*p != ' ')
        {
          n_digits = 0;
          break;
        }
    }
  digits[n_digits] = '\0';

  if ((n_digits != 10 && n_digits != 12) ||
      (separator != '\0' && separator_at != n_digits - 4) ||
      (separator == '+' && n_digits == 12))
    {
      set_invalid (error, _("A personal number has ten or twelve digits: the date of birth "
                            "and four more, such as YYYYMMDD-NNNN."));
      return NULL;
    }

  g_date_clear (&now, 1);
  if (today != NULL && g_date_valid (today))
    now = *today;
  else
    {
      g_autoptr(GDateTime) clock = g_date_time_new_now_local ();

      g_date_set_dmy (&now,
                      g_date_time_get_day_of_month (clock),
                      g_date_time_get_month (clock),
                      g_date_time_get_year (clock));
    }

  {
    const char *short_form = digits + (n_digits - 10);

    month = two_digits (short_form + 2);
    day = two_digits (short_form + 4);

    if (n_digits == 12)
      year = two_digits (digits) * 100 + two_digits (digits + 2);
    else
      {
        guint current = g_date_get_year (&now);

        guint this_month = g_date_get_month (&now);
        guint this_day = g_date_get_day (&now);

        birth_day = day > 60 ? day - 60 : day;

        /* "-" means under a hundred: the latest such date up to today.
         * "+" means a hundred or more: a century before that.
         */
        year = (current / 100) * 100 + two_digits (short_form);
        if (year > current ||
            (year == current &&
             (month > this_month || (month == this_month && birth_day > this_day))))
          year -= 100;
        if (separator == '+')
          year -= 100;
      }
  }

  birth_day = day > 60 ? day - 60 : day;

  if (year < 1 || month < 1 || month > 12 || birth_day < 1 ||
      !g_date_valid_dmy (birth_day, month, year))
    {
      set_invalid (error, _("The personal number does not start with a real date of birth."));
      return NULL;
    }

  g_date_clear (&born, 1);
  g_date_set_dmy (&born, birth_day, month, year);

  if (g_date_compare (&born, &now) > 0)
    {
      set_invalid (error, _("The personal number gives a date of birth in the future."));
      return NULL;
    }

  if (!luhn_valid (digits + (n_digits - 10)))
    {
      set_invalid (error, _("The personal number is mistyped: its last digit does not match "
                            "the others."));
      return NULL;
    }

  if (kind != NULL)
    *kind = day > 60 ? LANKA_PERSONAL_NUMBER_SAMORDNINGSNUMMER
                     : LANKA_PERSONAL_NUMBER_PERSONNUMMER;

  if (birth_date != NULL)
    *birth_date = g_strdup_printf ("%04u-%02u-%02u", year, month, birth_day);

  return g_strdup_printf ("%04u%02u%02u-%s", year, month, day, digits + (n_digits - 4));
}

/**
 * lanka_date_validate:
 * @date: a date as typed
 * @error: a location for a #GError
 *
 * Dates are stored as YYYY-MM-DD (ISO 8601), the way Swedish forms write
 * them as well; this checks the shape and that the day exists.
 *
 * Returns: %TRUE if @date is a real date written as YYYY-MM-DD
 */
gboolean
lanka_date_validate (const char  *date,
                     GError     **error)
{
  guint year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-' ||
      !g_ascii_isdigit (date[0]) || !g_ascii_isdigit (date[1]) ||
      !g_ascii_isdigit (date[2]) || !g_ascii_isdigit (date[3]) ||
      !g_ascii_isdigit (date[5]) || !g_ascii_isdigit (date[6]) ||
      !g_ascii_isdigit (date[8]) || !g_ascii_isdigit (date[9]))
    {
      set_invalid (error, _("Write the date as year-month-day, such as 2026-03-14."));
      return FALSE;
    }

  year = two_digits (date) * 100 + two_digits (date + 2);
  month = two_digits (date + 5);
  day = two_digits (date + 8);

  if (year < 1 || month < 1 || month > 12 || day < 1 || !g_date_valid_dmy (day, month, year))
    {
      set_invalid (error, _("There is no such day: check the month and the day."));
      return FALSE;
    }

  return TRUE;
}

/**
 * lanka_date_parse:
 * @text: (nullable): a date as stored, YYYY-MM-DD
 * @date: (out caller-allocates): the date, cleared when @text is none
 *
 * Returns: %TRUE if @text is a real date written as YYYY-MM-DD
 */
gboolean
lanka_date_parse (const char *text,
                  GDate      *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (text == NULL || !lanka_date_validate (text, NULL))
    return FALSE;

  g_date_set_dmy (date,
                  (GDateDay) g_ascii_strtoull (text + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (text, NULL, 10));

  return g_date_valid (date);
}

/**
 * lanka_date_format:
 * @date: a valid date
 *
 * Returns: (transfer full): @date as stored, YYYY-MM-DD
 */
char *
lanka_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * lanka_date_format_for_people:
 * @date: a valid date
 *
 * Returns: (transfer full): @date as a sentence says it, "3 March 2026"
 */
char *
lanka_date_format_for_people (const GDate *date)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  time = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 0, 0, 0);

  /* Translators: a date as in "Added on 3 March 2026"; see g_date_time_format() */
  return g_date_time_format (time, _("%-d %B %Y"));
}

/**
 * lanka_date_get_today:
 * @given: (nullable): the day it is, as a test sets it
 * @today: (out caller-allocates): the day it is
 *
 * The day it is: @given when it is valid, otherwise the clock's, in
 * local time.  Everything in the store that depends on the day takes
 * a day this way, so that tests never wait for the clock.
 */
void
lanka_date_get_today (const GDate *given,
                      GDate       *today)
{
  g_return_if_fail (today != NULL);

  g_date_clear (today, 1);

  if (given != NULL && g_date_valid (given))
    *today = *given;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (today,
                      g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
}
