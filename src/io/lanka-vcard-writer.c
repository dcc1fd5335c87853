/* lanka-vcard-writer.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-vcard-writer"

#include "config.h"

#include "lanka-vcard.h"
#include "lanka-vcard-private.h"

#include <string.h>

/* RFC 6350 asks for lines of at most 75 octets, not counting the line end. */
#define FOLD_OCTETS 75

/* Properties that only 4.0 defines.  A 3.0 reader would reject or
 * misread them, so 3.0 gets them as X- properties, which every reader
 * must skip quietly and Länka's own import still finds.  RELATED is the
 * important one: it ties a contact person to an agency by UID, and
 * dropping it would lose that tie on a round trip through 3.0.  The
 * person's ORG still names the agency for phones that ignore it.
 */
static const char * const only_in_4_0[] = {
  "RELATED", "GENDER", "ANNIVERSARY", "LANG", "MEMBER", "CLIENTPIDMAP", "XML",
};

/* Properties whose value is a URI, where a comma or semicolon is part of
 * the address and must not be escaped.
 */
static const char * const uri_properties[] = {
  "URL", "SOURCE", "PHOTO", "LOGO", "SOUND", "MEMBER", "FBURL", "CALURI", "CALADRURI",
  "IMPP", "GEO", "KEY",
};

static gboolean
name_in (const char         *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Appends one logical line, folded so that no physical line is longer
 * than 75 octets and no UTF-8 sequence is cut in two: a reader that
 * decodes each physical line on its own would otherwise show garbage.
 */
static void
append_folded (GString    *out,
               const char *line,
               gsize       len)
{
  gsize pos = 0;
  gsize room = FOLD_OCTETS;

  while (len - pos > room)
    {
      gsize cut = pos + room;

      while (cut > pos && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      /* Only text that is not UTF-8 at all gets here; cut it anywhere. */
      if (cut == pos)
        cut = pos + room;

      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      /* The leading space of a continuation counts toward its 75. */
      room = FOLD_OCTETS - 1;
    }

  g_string_append_len (out, line + pos, len - pos);
  g_string_append (out, "\r\n");
}

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    escape_separators)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;

        case '\n':
          g_string_append (out, "\\n");
          break;

        case '\\':
          g_string_append (out, escape_separators ? "\\\\" : "\\");
          break;

        case ',':
        case ';':
          if (escape_separators)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;

        case '\t':
          g_string_append_c (out, *p);
          break;

        default:
          /* Control characters are not allowed in a vCard value. */
          if ((guchar) *p >= 0x20)
            g_string_append_c (out, *p);
        }
    }
}

/* Parameter values are quoted when they hold a separator; 4.0 can carry
 * quotes and line breaks with RFC 6868's ^ escapes, 3.0 cannot carry
 * them at all, so there they become an apostrophe and a space.
 */
static void
append_parameter_value (GString           *out,
                        const char        *value,
                        LankaVCardVersion  version)
{
  gboolean quote = strpbrk (value, ",;:\"") != NULL;

  if (quote)
    g_string_append_c (out, '"');

  for (const char *p = value; *p != '\0'; p++)
    {
      if (version == LANKA_VCARD_VERSION_4_0)
        {
          if (*p == '^')
            g_string_append (out, "^^");
          else if (*p == '"')
            g_string_append (out, "^'");
          else if (*p == '\n')
            g_string_append (out, "^n");
          else if ((guchar) *p >= 0x20)
            g_string_append_c (out, *p);
        }
      else
        {
          if (*p == '"')
            g_string_append_c (out, '\'');
          else if (*p == '\n' || *p == '\r')
            g_string_append_c (out, ' ');
          else if ((guchar) *p >= 0x20)
            g_string_append_c (out, *p);
        }
    }

  if (quote)
    g_string_append_c (out, '"');
}

static void
append_types (GString            *line,
              LankaVCardProperty *property,
              LankaVCardVersion   version)
{
  const char * const *types = lanka_vcard_property_get_types (property);
  guint pref = lanka_vcard_property_get_pref (property);
  gboolean first = TRUE;

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *type = NULL;

      /* 4.0 says PREF=n instead; 3.0 gets "pref" once, below. */
      if (g_ascii_strcasecmp (types[i], "pref") == 0)
        continue;

      /* Older phones compare type names in upper case, as 3.0 wrote them. */
      type = version == LANKA_VCARD_VERSION_3_0 ? g_ascii_strup (types[i], -1)
                                                : g_ascii_strdown (types[i], -1);
      g_string_append (line, first ? ";TYPE=" : ",");
      append_parameter_value (line, type, version);
      first = FALSE;
    }

  if (pref == 0)
    return;

  if (version == LANKA_VCARD_VERSION_4_0)
    g_string_append_printf (line, ";PREF=%u", pref);
  else
    g_string_append (line, first ? ";TYPE=PREF" : ",PREF");
}

/* Parameters Länka writes besides TYPE and PREF: the standard ones of
 * RFC 6350 and RFC 2426, and private X- ones.  Anything else, say a misspelt
 * ENCODING, could change how a reader takes the line, so it stays behind.
 */
static const char * const known_parameters[] = {
  "ALTID", "CALSCALE", "GEO", "LABEL", "LANGUAGE", "MEDIATYPE", "PID", "SORT-AS", "TZ", "VALUE",
};

static gboolean
mentions_quoted_printable (const char *text)
{
  g_autofree char *upper = g_ascii_strup (text, -1);

  /* A 2.1 reader (Länka's too) unfolds any line whose header says this. */
  return strstr (upper, "QUOTED-PRINTABLE") != NULL;
}

static gboolean
parameter_is_writable (LankaVCardParameter *parameter)
{
  const char * const *values = (const char * const *) parameter->values->pdata;

  if (!g_str_has_prefix (parameter->name, "X-") &&
      !name_in (parameter->name, known_parameters, G_N_ELEMENTS (known_parameters)))
    return FALSE;

  if (mentions_quoted_printable (parameter->name))
    return FALSE;

  for (guint j = 0; values[j] != NULL; j++)
    {
      if (mentions_quoted_printable (values[j]))
        return FALSE;
    }

  return TRUE;
}

static void
append_property (GString            *out,
                 LankaVCardProperty *property,
                 LankaVCardVersion   version)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char *name = property->name;
  char separator = _lanka_vcard_separator_for (name);

  if (mentions_quoted_printable (name) ||
      (property->group != NULL && mentions_quoted_printable (property->group)))
    return;

  if (property->group != NULL && *property->group != '\0')
    g_string_append_printf (line, "%s.", property->group);

  if (version == LANKA_VCARD_VERSION_3_0 && name_in (name, only_in_4_0, G_N_ELEMENTS (only_in_4_0)))
    g_string_append (line, "X-");
  g_string_append (line, name);

  append_types (line, property, version);

  for (guint i = 0; i < property->parameters->len; i++)
    {
      LankaVCardParameter *parameter = g_ptr_array_index (property->parameters, i);
      const char * const *values = (const char * const *) parameter->values->pdata;

      /* The text is written as UTF-8, unencoded, whatever it was read as. */
      if (g_str_equal (parameter->name, "TYPE")
          || g_str_equal (parameter->name, "PREF")
          || g_str_equal (parameter->name, "ENCODING")
          || g_str_equal (parameter->name, "CHARSET")
          || values[0] == NULL
          || !parameter_is_writable (parameter))
        continue;

      g_string_append_printf (line, ";%s=", parameter->name);
      for (guint j = 0; values[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (line, ',');
          append_parameter_value (line, values[j], version);
        }
    }

  g_string_append_c (line, ':');

  if (separator != '\0')
    {
      guint n_components = g_strv_length (property->components);
      guint n_required = 1;

      /* Both versions fix the number of parts of N and ADR, and some
       * phones count them; old 2.1 cards often wrote fewer.
       */
      if (g_str_equal (name, "N"))
        n_required = 5;
      else if (g_str_equal (name, "ADR"))
        n_required = 7;

      for (guint i = 0; i < MAX (n_components, n_required); i++)
        {
          if (i > 0)
            g_string_append_c (line, separator);
          if (i < n_components)
            append_escaped (line, property->components[i], TRUE);
        }
    }
  else
    {
      const char * const *value_type = lanka_vcard_property_get_parameter (property, "VALUE");
      gboolean is_uri = name_in (name, uri_properties, G_N_ELEMENTS (uri_properties));

      /* RELATED and UID are URIs in 4.0 unless marked as text. */
      if (g_str_equal (name, "RELATED") || (g_str_equal (name, "UID")
                                            && version == LANKA_VCARD_VERSION_4_0))
        is_uri = TRUE;
      if (value_type != NULL && value_type[0] != NULL)
        is_uri = g_ascii_strcasecmp (value_type[0], "uri") == 0;

      append_escaped (line, property->value, !is_uri);
    }

  append_folded (out, line->str, line->len);
}

static void
append_card (GString           *out,
             LankaVCard        *card,
             LankaVCardVersion  version)
{
  const char *kind = lanka_vcard_get_kind (card);
  g_autofree char *display_name = lanka_vcard_dup_display_name (card);

  append_folded (out, "BEGIN:VCARD", strlen ("BEGIN:VCARD"));
  if (version == LANKA_VCARD_VERSION_4_0)
    append_folded (out, "VERSION:4.0", strlen ("VERSION:4.0"));
  else
    append_folded (out, "VERSION:3.0", strlen ("VERSION:3.0"));

  /* 3.0 has no KIND.  Apple's X-ADDRESSBOOKSERVER-KIND is the one
   * extension others know; an individual is what a 3.0 card is anyway,
   * so only other kinds are written.
   */
  if (version == LANKA_VCARD_VERSION_4_0 || g_ascii_strcasecmp (kind, "individual") != 0)
    {
      g_autoptr(LankaVCardProperty) property =
        lanka_vcard_property_new (NULL,
                                  version == LANKA_VCARD_VERSION_4_0
                                    ? "KIND" : "X-ADDRESSBOOKSERVER-KIND",
                                  kind);

      append_property (out, property, version);
    }

  /* FN is required in both versions, N in 3.0; a card made from an
   * organisation may have neither, so they are made from what it has.
   */
  if (lanka_vcard_get_formatted_name (card) == NULL)
    {
      g_autoptr(LankaVCardProperty) property =
        lanka_vcard_property_new (NULL, "FN", display_name != NULL ? display_name : "");

      append_property (out, property, version);
    }

  if (version == LANKA_VCARD_VERSION_3_0 && lanka_vcard_get_property (card, "N") == NULL)
    {
      static const char * const empty[] = { "", "", "", "", "", NULL };
      g_autoptr(LankaVCardProperty) property =
        lanka_vcard_property_new_structured (NULL, "N", empty);

      append_property (out, property, version);
    }

  for (guint i = 0; i < card->properties->len; i++)
    {
      LankaVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_str_equal (property->name, "KIND")
          || g_str_equal (property->name, "X-ADDRESSBOOKSERVER-KIND")
          || g_str_equal (property->name, "VERSION")
          || g_str_equal (property->name, "BEGIN")
          || g_str_equal (property->name, "END"))
        continue;

      append_property (out, property, version);
    }

  append_folded (out, "END:VCARD", strlen ("END:VCARD"));
}

/**
 * lanka_vcard_write:
 * @cards: (element-type LankaVCard): the cards to write
 * @version: %LANKA_VCARD_VERSION_4_0, or 3.0 for older phones
 *
 * Writes UTF-8 with CRLF line ends, folded at 75 octets, as RFC 6350
 * (4.0) and RFC 2426 (3.0) ask.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
lanka_vcard_write (GPtrArray         *cards,
                   LankaVCardVersion  version)
{
  GString *out;

  g_return_val_if_fail (cards != NULL, NULL);
  g_return_val_if_fail (version == LANKA_VCARD_VERSION_4_0
                        || version == LANKA_VCARD_VERSION_3_0, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < cards->len; i++)
    append_card (out, g_ptr_array_index (cards, i), version);

  return g_string_free_to_bytes (out);
}
