/* lanka-vcard-reader.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-vcard-reader"

#include "config.h"

#include "lanka-io-error.h"
#include "lanka-vcard.h"
#include "lanka-vcard-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* A card that goes wrong on every line would otherwise bury the others'
 * problems in the preview.
 */
#define MAX_PROBLEMS_PER_CARD 10

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;

  /* The physical line read ahead to see whether it continues the last. */
  gboolean    has_pending;
  const char *pending;
  gsize       pending_len;
  guint       pending_line;
} Lines;

typedef struct
{
  GPtrArray  *cards;
  GPtrArray  *problems;
  guint       n_begun;

  /* The card being read, NULL between cards. */
  LankaVCard *card;
  guint       begin_line;
  guint       n_problems;
  gboolean    noted_charset;
  gboolean    noted_too_many;
  gboolean    last_was_binary;
} Reader;

static gboolean
next_physical_line (Lines       *lines,
                    const char **start,
                    gsize       *len,
                    guint       *line)
{
  gsize end;

  if (lines->has_pending)
    {
      lines->has_pending = FALSE;
      *start = lines->pending;
      *len = lines->pending_len;
      *line = lines->pending_line;
      return TRUE;
    }

  if (lines->pos >= lines->len)
    return FALSE;

  end = lines->pos;
  while (end < lines->len && lines->data[end] != '\r' && lines->data[end] != '\n')
    end++;

  *start = lines->data + lines->pos;
  *len = end - lines->pos;
  *line = ++lines->line;

  /* CRLF, a lone LF (Unix) and a lone CR (old Macs) all end a line. */
  if (end < lines->len && lines->data[end] == '\r')
    {
      end++;
      if (end < lines->len && lines->data[end] == '\n')
        end++;
    }
  else if (end < lines->len)
    {
      end++;
    }

  lines->pos = end;
  return TRUE;
}

static gboolean
header_says_quoted_printable (const char *text,
                              gsize       len)
{
  const char *colon = memchr (text, ':', len);
  g_autofree char *head = NULL;
  g_autofree char *upper = NULL;

  if (colon == NULL)
    return FALSE;

  head = g_strndup (text, colon - text);
  upper = g_ascii_strup (head, -1);
  return strstr (upper, "QUOTED-PRINTABLE") != NULL;
}

static void
append_limited (GString    *logical,
                const char *text,
                gsize       len,
                gboolean   *too_long)
{
  if (*too_long || logical->len + len > LANKA_VCARD_MAX_LINE_LENGTH)
    {
      *too_long = TRUE;
      return;
    }

  g_string_append_len (logical, text, len);
}

/* Joins folded lines: a line that begins with a space or a tab continues
 * the one before it, and in 2.1's quoted-printable a line that ends with
 * "=" continues on the next whatever it begins with.
 */
static gboolean
next_logical_line (Lines    *lines,
                   GString  *logical,
                   guint    *line,
                   gboolean *too_long)
{
  const char *text;
  gsize len;
  guint number;
  gboolean quoted_printable;

  g_string_truncate (logical, 0);
  *too_long = FALSE;

  if (!next_physical_line (lines, &text, &len, line))
    return FALSE;

  append_limited (logical, text, len, too_long);
  quoted_printable = header_says_quoted_printable (text, len);

  while (next_physical_line (lines, &text, &len, &number))
    {
      if (quoted_printable && logical->len > 0 && logical->str[logical->len - 1] == '=')
        {
          g_string_truncate (logical, logical->len - 1);
          append_limited (logical, text, len, too_long);
        }
      else if (len > 0 && (text[0] == ' ' || text[0] == '\t'))
        {
          append_limited (logical, text + 1, len - 1, too_long);
        }
      else
        {
          lines->has_pending = TRUE;
          lines->pending = text;
          lines->pending_len = len;
          lines->pending_line = number;
          break;
        }
    }

  return TRUE;
}

static void
add_problem (Reader     *reader,
             guint       line,
             const char *message)
{
  LankaVCardProblem *problem;

  g_assert (reader != NULL);

  if (reader->card != NULL && ++reader->n_problems > MAX_PROBLEMS_PER_CARD)
    return;

  problem = g_new0 (LankaVCardProblem, 1);
  problem->card_number = reader->n_begun;
  problem->line = line;
  problem->message = g_strdup (message);
  g_ptr_array_add (reader->problems, problem);
}

G_GNUC_PRINTF (3, 4)
static void
add_problemf (Reader     *reader,
              guint       line,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  add_problem (reader, line, message);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* Splits on @separator where it is not inside double quotes. */
static GPtrArray *
split_outside_quotes (const char *text,
                      gsize       len,
                      char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  gboolean quoted = FALSE;
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && text[i] == '"')
        quoted = !quoted;
      if (i == len || (!quoted && text[i] == separator))
        {
          g_ptr_array_add (parts, g_strndup (text + start, i - start));
          start = i + 1;
        }
    }

  return parts;
}

/* Removes the quotes around a parameter value and, in 4.0, undoes the
 * escapes of RFC 6868 (^n, ^' and ^^).
 */
static char *
unquote_parameter (const char        *text,
                   LankaVCardVersion  version)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        continue;
      if (version == LANKA_VCARD_VERSION_4_0 && *p == '^' && p[1] != '\0')
        {
          if (p[1] == 'n')
            {
              g_string_append_c (out, '\n');
              p++;
              continue;
            }
          if (p[1] == '\'')
            {
              g_string_append_c (out, '"');
              p++;
              continue;
            }
          if (p[1] == '^')
            {
              g_string_append_c (out, '^');
              p++;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_bare_encoding (const char *token)
{
  static const char * const encodings[] = { "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (g_ascii_strcasecmp (token, encodings[i]) == 0)
      return TRUE;

  return FALSE;
}

static void normalize_controls (char *text);

static gboolean
is_name (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!is_name_char (*p))
      return FALSE;

  return TRUE;
}

static void
add_parameters (LankaVCardProperty *property,
                GPtrArray          *segments,
                LankaVCardVersion   version)
{
  /* The first segment is the name itself. */
  for (guint i = 1; i < segments->len; i++)
    {
      g_autofree char *segment = g_strstrip (g_strdup (g_ptr_array_index (segments, i)));
      char *equals = strchr (segment, '=');

      if (*segment == '\0')
        continue;

      if (equals == NULL)
        {
          g_autofree char *value = unquote_parameter (segment, version);

          if (!is_name (value))
            continue;

          /* 2.1 writes "TEL;HOME;VOICE:" and "NOTE;QUOTED-PRINTABLE:". */
          if (is_bare_encoding (value))
            lanka_vcard_property_add_parameter (property, "ENCODING", value);
          else if (*value != '\0')
            lanka_vcard_property_add_parameter (property, "TYPE", value);
          continue;
        }

      *equals = '\0';
      g_strstrip (segment);
      if (!is_name (segment))
        continue;

      if (g_ascii_strcasecmp (segment, "TYPE") == 0)
        {
          /* Type names never hold a comma, so "a,b" and "\"a,b\"" are the same list. */
          g_autofree char *values = unquote_parameter (equals + 1, version);
          g_auto(GStrv) types = NULL;

          normalize_controls (values);
          types = g_strsplit (values, ",", -1);

          for (guint j = 0; types[j] != NULL; j++)
            {
              g_strstrip (types[j]);
              if (*types[j] != '\0')
                lanka_vcard_property_add_parameter (property, "TYPE", types[j]);
            }
        }
      else
        {
          g_autofree char *value = unquote_parameter (equals + 1, version);

          normalize_controls (value);
          lanka_vcard_property_add_parameter (property, segment, value);
        }
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static GString *
decode_quoted_printable (const char *text,
                         gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      /* A "=" not followed by two hex digits is kept as written. */
      if (text[i] == '=' && i + 2 < len && hex_value (text[i + 1]) >= 0
          && hex_value (text[i + 2]) >= 0)
        {
          g_string_append_c (out, (char) (hex_value (text[i + 1]) * 16 + hex_value (text[i + 2])));
          i += 2;
        }
      else
        {
          g_string_append_c (out, text[i]);
        }
    }

  return out;
}

static char *
convert_to_utf8 (const char *text,
                 gsize       len,
                 const char *charset)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  char *converted;

  converted = g_convert (text, len, "UTF-8", charset, NULL, &written, &error);
  if (converted == NULL)
    return NULL;

  /* A NUL inside would cut the text short anyway; make it explicit. */
  converted[strnlen (converted, written)] = '\0';
  return converted;
}

/* Windows-1252 is what Outlook and old Windows programs write when they
 * say nothing; a few of its bytes are unassigned, and ISO-8859-1 maps
 * every byte, so it is the last resort that always succeeds.
 */
static char *
convert_fallback (const char *text,
                  gsize       len)
{
  char *converted = convert_to_utf8 (text, len, "WINDOWS-1252");

  if (converted == NULL)
    converted = convert_to_utf8 (text, len, "ISO-8859-1");
  if (converted == NULL)
    converted = g_utf8_make_valid (text, len);

  return converted;
}

static char *
decode_value (Reader             *reader,
              LankaVCardProperty *property,
              const char         *raw,
              gsize               len,
              guint               line)
{
  const char * const *encoding = lanka_vcard_property_get_parameter (property, "ENCODING");
  const char * const *charset = lanka_vcard_property_get_parameter (property, "CHARSET");
  g_autoptr(GString) bytes = NULL;
  char *text;

  if (encoding != NULL && encoding[0] != NULL
      && g_ascii_strcasecmp (encoding[0], "QUOTED-PRINTABLE") == 0)
    bytes = decode_quoted_printable (raw, len);
  else
    bytes = g_string_new_len (raw, len);

  if (charset != NULL && charset[0] != NULL
      && g_ascii_strcasecmp (charset[0], "UTF-8") != 0
      && g_ascii_strcasecmp (charset[0], "UTF8") != 0)
    {
      text = convert_to_utf8 (bytes->str, bytes->len, charset[0]);
      if (text != NULL)
        return text;

      if (!reader->noted_charset)
        {
          reader->noted_charset = TRUE;
          add_problemf (reader, line,
                        _("Card %u names a character set Länka does not know (“%s”); "
                          "its text was read as Windows-1252 and may show wrong letters."),
                        reader->n_begun, charset[0]);
        }
      return convert_fallback (bytes->str, bytes->len);
    }

  if (g_utf8_validate_len (bytes->str, bytes->len, NULL))
    return g_strdup (bytes->str);

  if (!reader->noted_charset)
    {
      reader->noted_charset = TRUE;
      add_problemf (reader, line,
                    _("Card %u is not in UTF-8; its text was read as Windows-1252. "
                      "Check that å, ä and ö look right."),
                    reader->n_begun);
    }

  return convert_fallback (bytes->str, bytes->len);
}

/* Backslash escapes of 3.0 and 4.0; Google also escapes the colon in
 * web addresses.  Other backslashes are kept, as in a Windows path.
 */
static char *
unescape (const char *text,
          gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 1 < len)
        {
          char next = text[i + 1];

          if (next == 'n' || next == 'N')
            {
              g_string_append_c (out, '\n');
              i++;
              continue;
            }
          if (next == '\\' || next == ',' || next == ';' || next == ':')
            {
              g_string_append_c (out, next);
              i++;
              continue;
            }
        }
      g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}

/* Splits where the separator is not escaped with a backslash, then
 * unescapes each part.
 */
static GStrv
split_components (const char *text,
                  char        separator)
{
  GPtrArray *parts = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  gsize len = strlen (text);
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && text[i] == '\\')
        {
          i++;
          continue;
        }
      if (i >= len || text[i] == separator)
        {
          gsize end = MIN (i, len);

          g_ptr_array_add (parts, unescape (text + start, end - start));
          start = i + 1;
        }
    }

  return (GStrv) g_ptr_array_free (parts, FALSE);
}

/* Quoted-printable text from Windows carries "=0D=0A"; inside Länka a
 * line break is "\n" alone.  Other control characters have no place in
 * a name or a number and would only confuse whatever shows or stores it.
 */
static void
normalize_controls (char *text)
{
  char *out = text;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          *out++ = '\n';
          if (p[1] == '\n')
            p++;
        }
      else if ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t')
        {
          *out++ = *p;
        }
    }
  *out = '\0';
}

static gboolean
value_is (const char *value,
          const char *expected)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  return g_ascii_strcasecmp (stripped, expected) == 0;
}

static void
begin_card (Reader *reader,
            guint   line)
{
  reader->n_begun++;
  reader->card = lanka_vcard_new ();
  reader->card->number = reader->n_begun;
  /* 2.1 files from old phones sometimes leave VERSION out. */
  reader->card->version = LANKA_VCARD_VERSION_2_1;
  reader->begin_line = line;
  reader->n_problems = 0;
  reader->noted_charset = FALSE;
  reader->noted_too_many = FALSE;
  reader->last_was_binary = FALSE;
}

static void
end_card (Reader *reader)
{
  g_autoptr(LankaVCard) card = g_steal_pointer (&reader->card);
  g_autofree char *name = lanka_vcard_dup_display_name (card);

  if (name == NULL)
    {
      add_problemf (reader, reader->begin_line,
                    _("Card %u has no name (no FN, N or ORG) and was left out."),
                    card->number);
      return;
    }

  g_ptr_array_add (reader->cards, g_steal_pointer (&card));
}

static void
drop_unfinished_card (Reader   *reader,
                      guint     line,
                      gboolean  at_end_of_file)
{
  g_autoptr(LankaVCard) card = g_steal_pointer (&reader->card);
  g_autofree char *name = lanka_vcard_dup_display_name (card);

  if (at_end_of_file && name != NULL)
    add_problemf (reader, reader->begin_line,
                  _("Card %u (“%s”) is cut off: the file ends before its END:VCARD line. "
                    "It was left out."),
                  card->number, name);
  else if (at_end_of_file)
    add_problemf (reader, reader->begin_line,
                  _("Card %u is cut off: the file ends before its END:VCARD line. "
                    "It was left out."),
                  card->number);
  else
    add_problemf (reader, line,
                  _("Card %u has no END:VCARD line before the next card begins. "
                    "It was left out."),
                  card->number);
}

static void
read_version (Reader     *reader,
              const char *value,
              guint       line)
{
  if (value_is (value, "2.1"))
    reader->card->version = LANKA_VCARD_VERSION_2_1;
  else if (value_is (value, "3.0"))
    reader->card->version = LANKA_VCARD_VERSION_3_0;
  else if (value_is (value, "4.0"))
    reader->card->version = LANKA_VCARD_VERSION_4_0;
  else
    {
      reader->card->version = LANKA_VCARD_VERSION_3_0;
      add_problemf (reader, line,
                    _("Card %u has a vCard version Länka does not know; it was read as "
                      "version 3.0."),
                    reader->n_begun);
    }
}

static gboolean
is_binary_encoding (LankaVCardProperty *property)
{
  const char * const *encoding = lanka_vcard_property_get_parameter (property, "ENCODING");

  return encoding != NULL && encoding[0] != NULL
         && (g_ascii_strcasecmp (encoding[0], "BASE64") == 0
             || g_ascii_strcasecmp (encoding[0], "B") == 0);
}

static void
remove_parameter (LankaVCardProperty *property,
                  const char         *name)
{
  for (guint i = property->parameters->len; i > 0; i--)
    {
      LankaVCardParameter *parameter = g_ptr_array_index (property->parameters, i - 1);

      if (g_ascii_strcasecmp (parameter->name, name) == 0)
        g_ptr_array_remove_index (property->parameters, i - 1);
    }
}

static void
read_line (Reader  *reader,
           GString *logical,
           guint    line,
           gboolean too_long)
{
  const char *text = logical->str;
  gsize len = logical->len;
  gboolean quoted = FALSE;
  gsize colon = len;
  gsize name_end;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(LankaVCardProperty) property = NULL;
  g_autofree char *group = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  const char *first;
  const char *dot;
  char separator;

  if (too_long)
    {
      if (reader->card != NULL)
        add_problemf (reader, line,
                      _("Card %u has a line longer than 1 MiB, which was skipped."),
                      reader->n_begun);
      return;
    }

  if (len == 0 || strspn (text, " \t") == len)
    return;

  /* A colon inside a quoted parameter value does not end the name. */
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (text[i] == ':' && !quoted)
        {
          colon = i;
          break;
        }
    }

  if (colon == len)
    {
      /* 2.1 writers put the lines of an embedded picture without indentation. */
      if (reader->card != NULL && !reader->last_was_binary)
        add_problemf (reader, line,
                      _("Card %u has a line without a colon, which was skipped."),
                      reader->n_begun);
      return;
    }

  segments = split_outside_quotes (text, colon, ';');
  first = g_ptr_array_index (segments, 0);
  dot = strrchr (first, '.');
  if (dot != NULL && dot > first)
    {
      group = g_strndup (first, dot - first);
      name = g_strdup (dot + 1);
    }
  else
    {
      name = g_strdup (dot != NULL ? dot + 1 : first);
    }
  g_strstrip (name);

  name_end = strlen (name);
  for (gsize i = 0; i < name_end; i++)
    if (!is_name_char (name[i]))
      name_end = 0;
  for (const char *p = group; p != NULL && *p != '\0'; p++)
    if (!is_name_char (*p))
      name_end = 0;

  if (name_end == 0)
    {
      if (reader->card != NULL)
        add_problemf (reader, line,
                      _("Card %u has a line that is not a property, which was skipped."),
                      reader->n_begun);
      return;
    }

  if (g_ascii_strcasecmp (name, "BEGIN") == 0)
    {
      if (!value_is (text + colon + 1, "VCARD"))
        return;
      if (reader->card != NULL)
        drop_unfinished_card (reader, line, FALSE);
      begin_card (reader, line);
      return;
    }

  if (g_ascii_strcasecmp (name, "END") == 0)
    {
      if (!value_is (text + colon + 1, "VCARD"))
        return;
      if (reader->card == NULL)
        {
          add_problemf (reader, line,
                        _("Line %u has END:VCARD without a card before it; it was ignored."),
                        line);
          return;
        }
      end_card (reader);
      return;
    }

  /* Anything between cards is not part of any card. */
  if (reader->card == NULL)
    return;

  if (g_ascii_strcasecmp (name, "VERSION") == 0)
    {
      read_version (reader, text + colon + 1, line);
      return;
    }

  if (reader->card->properties->len >= LANKA_VCARD_MAX_PROPERTIES)
    {
      if (!reader->noted_too_many)
        {
          reader->noted_too_many = TRUE;
          add_problemf (reader, line,
                        _("Card %u has more than %u properties; the rest were skipped."),
                        reader->n_begun, (guint) LANKA_VCARD_MAX_PROPERTIES);
        }
      return;
    }

  property = _lanka_vcard_property_new_take (g_steal_pointer (&group),
                                             g_steal_pointer (&name),
                                             g_new0 (char *, 1));
  add_parameters (property, segments, reader->card->version);

  /* Embedded pictures and keys are not needed and can be large. */
  reader->last_was_binary = is_binary_encoding (property);
  if (reader->last_was_binary)
    return;

  value = decode_value (reader, property, text + colon + 1, len - colon - 1, line);
  normalize_controls (value);

  separator = _lanka_vcard_separator_for (property->name);
  g_strfreev (property->components);
  g_free (property->value);
  if (separator != '\0')
    {
      char join[2] = { separator, '\0' };

      property->components = split_components (value, separator);
      property->value = g_strjoinv (join, property->components);
    }
  else
    {
      const char *start = value;

      /* "tel:+46…" in 4.0 is the same number a person would type; once
       * it is plain text, VALUE=uri would no longer be true.
       */
      if (strcmp (property->name, "TEL") == 0 && g_ascii_strncasecmp (value, "tel:", 4) == 0)
        {
          start = value + 4;
          remove_parameter (property, "VALUE");
        }

      property->components = g_new0 (char *, 2);
      property->components[0] = unescape (start, strlen (start));
      property->value = g_strdup (property->components[0]);
    }

  /* The text is UTF-8 and unescaped now; saying otherwise would mislead
   * whoever writes it out again.
   */
  remove_parameter (property, "ENCODING");
  remove_parameter (property, "CHARSET");

  lanka_vcard_add_property (reader->card, g_steal_pointer (&property));
}

/* Binary junk shows itself in the first KiB: NUL bytes, or many control
 * characters that no text file holds.
 */
static gboolean
looks_like_text (const char *data,
                 gsize       len)
{
  gsize checked = MIN (len, 1024);
  gsize controls = 0;

  for (gsize i = 0; i < checked; i++)
    {
      guchar c = data[i];

      if (c == '\0')
        return FALSE;
      if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f')
        controls++;
    }

  return controls * 20 <= checked;
}

/**
 * lanka_vcard_read_bytes:
 * @data: the contents of a vCard file of any version
 * @cards: (out) (element-type LankaVCard): the cards that could be read
 * @problems: (out) (element-type LankaVCardProblem): what was wrong with
 *   single cards, in the order of the file
 * @error: the reason the whole file could not be read
 *
 * Reads what it can and reports the rest: a broken card is a problem, the
 * good ones around it are still read.  Only a file that is empty, too
 * large, not text or holds no card at all is an error.
 *
 * Returns: %TRUE if the file was read, even with problems
 */
gboolean
lanka_vcard_read_bytes (GBytes     *data,
                        GPtrArray **cards,
                        GPtrArray **problems,
                        GError    **error)
{
  g_autoptr(GString) logical = NULL;
  g_autofree char *converted = NULL;
  Reader reader = { 0 };
  Lines lines = { 0 };
  const char *text;
  gsize len;
  guint line = 0;
  gboolean too_long = FALSE;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *cards = NULL;
  *problems = NULL;

  text = g_bytes_get_data (data, &len);

  if (len == 0)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }

  /* Before anything else, so that a huge file is never walked through. */
  if (len > LANKA_VCARD_MAX_FILE_SIZE)
    {
      g_set_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %u MiB, which is more than Länka reads "
                     "as contacts."),
                   (guint) (LANKA_VCARD_MAX_FILE_SIZE / (1024 * 1024)));
      return FALSE;
    }

  /* Windows programs sometimes save contacts as UTF-16 with a byte order mark. */
  if (len >= 2 && (((guchar) text[0] == 0xFF && (guchar) text[1] == 0xFE)
                   || ((guchar) text[0] == 0xFE && (guchar) text[1] == 0xFF)))
    {
      const char *from = (guchar) text[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      gsize written = 0;

      converted = g_convert (text + 2, len - 2, "UTF-8", from, NULL, &written, NULL);
      if (converted == NULL)
        {
          g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_NOT_TEXT,
                               _("The file says it is UTF-16 text but is not."));
          return FALSE;
        }
      text = converted;
      len = written;
    }

  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }

  if (!looks_like_text (text, len))
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_NOT_TEXT,
                           _("The file is not text, so it cannot hold contacts."));
      return FALSE;
    }

  reader.cards = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_vcard_unref);
  reader.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_vcard_problem_free);
  lines.data = text;
  lines.len = len;
  logical = g_string_new (NULL);

  while (next_logical_line (&lines, logical, &line, &too_long))
    read_line (&reader, logical, line, too_long);

  if (reader.card != NULL)
    drop_unfinished_card (&reader, line, TRUE);

  if (reader.n_begun == 0)
    {
      g_ptr_array_unref (reader.cards);
      g_ptr_array_unref (reader.problems);
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                           _("The file holds no contacts: it has no BEGIN:VCARD line."));
      return FALSE;
    }

  *cards = reader.cards;
  *problems = reader.problems;
  return TRUE;
}
