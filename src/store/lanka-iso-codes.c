/* lanka-iso-codes.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-iso-codes"

#include "config.h"

#include "lanka-iso-codes.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

/* Languages and countries by their ISO codes, named in the interface's
 * language.  The lists and their translations come from Debian's
 * iso-codes, not from a list of our own: they are complete, kept up to
 * date, and already in Swedish.
 */

typedef struct
{
  const char *file;
  const char *member;
  const char *domain;
  GHashTable *names;
  GStrv       codes;
} Standard;

static Standard languages = { "iso_639-3.json", "639-3", "iso_639-3", NULL, NULL };
static Standard countries = { "iso_3166-1.json", "3166-1", "iso_3166-1", NULL, NULL };

/* The code a list offers for an entry: the short one where there is one,
 * which is what the records store.  Languages that are extinct, ancient
 * or historical are not offered; nobody we meet needs an interpreter for
 * them.
 */
static const char *
offered_code (const Standard *standard,
              JsonObject     *entry)
{
  const char *type = json_object_get_string_member_with_default (entry, "type", NULL);
  const char *code;

  if (standard == &languages && g_strcmp0 (type, "L") != 0)
    return NULL;

  code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
  if (code == NULL)
    code = json_object_get_string_member_with_default (entry, "alpha_3", NULL);

  return code;
}

/* code (alpha-2 and alpha-3, lower case) → English name, as iso-codes
 * writes it and as its translations look it up.
 */
static GHashTable *
load (Standard *standard)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autofree char *path = g_build_filename (ISO_CODES_JSON_DIR, standard->file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *entries;

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_debug ("%s cannot be read: %s", path, error->message);
      standard->codes = g_strv_builder_end (codes);
      return g_steal_pointer (&names);
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      standard->codes = g_strv_builder_end (codes);
      return g_steal_pointer (&names);
    }

  root = json_node_get_object (json_parser_get_root (parser));
  entries = json_object_get_array_member (root, standard->member);
  if (entries == NULL)
    {
      standard->codes = g_strv_builder_end (codes);
      return g_steal_pointer (&names);
    }

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      static const char * const code_members[] = { "alpha_2", "alpha_3" };
      const char *name;
      const char *offered;

      if (entry == NULL || !(name = json_object_get_string_member_with_default (entry, "name", NULL)))
        continue;

      if ((offered = offered_code (standard, entry)) != NULL)
        {
          g_autofree char *cased = standard == &countries ? g_ascii_strup (offered, -1)
                                                          : g_ascii_strdown (offered, -1);

          g_strv_builder_add (codes, cased);
        }

      for (guint j = 0; j < G_N_ELEMENTS (code_members); j++)
        {
          const char *code = json_object_get_string_member_with_default (entry, code_members[j], NULL);

          if (code != NULL)
            g_hash_table_insert (names, g_ascii_strdown (code, -1), g_strdup (name));
        }
    }

  standard->codes = g_strv_builder_end (codes);
  return g_steal_pointer (&names);
}

static void
ensure_loaded (Standard *standard)
{
  /* The codes are set inside load(), before the names are published, so
   * that whoever sees the names sees the codes too.
   */
  if (g_once_init_enter (&standard->names))
    g_once_init_leave (&standard->names, load (standard));
}

static const char *
get_name (Standard   *standard,
          const char *code)
{
  g_autofree char *key = g_ascii_strdown (code, -1);
  const char *name;

  ensure_loaded (standard);

  g_strstrip (key);
  if (!(name = g_hash_table_lookup (standard->names, key)))
    return NULL;

  return g_dgettext (standard->domain, name);
}

/**
 * lanka_iso_language_get_name:
 * @code: an ISO 639-1 or 639-3 code, such as "sv" or "tir"
 *
 * Returns: (nullable): the language's name in the interface's language,
 *   or %NULL when @code is not a language code
 */
const char *
lanka_iso_language_get_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return get_name (&languages, code);
}

/**
 * lanka_iso_country_get_name:
 * @code: an ISO 3166-1 alpha-2 or alpha-3 code, such as "SE" or "ERI"
 *
 * Returns: (nullable): the country's name in the interface's language,
 *   or %NULL when @code is not a country code
 */
const char *
lanka_iso_country_get_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return get_name (&countries, code);
}

/**
 * lanka_iso_country_get_codes:
 *
 * Returns: (transfer none): the alpha-2 codes of every country, in
 *   upper case, in the order of the standard
 */
const char * const *
lanka_iso_country_get_codes (void)
{
  ensure_loaded (&countries);

  return (const char * const *) countries.codes;
}

/**
 * lanka_iso_language_get_codes:
 *
 * Returns: (transfer none): the codes of every living language (ISO 639-1
 *   where the language has one, otherwise ISO 639-3), in lower case, in
 *   the order of the standard
 */
const char * const *
lanka_iso_language_get_codes (void)
{
  ensure_loaded (&languages);

  return (const char * const *) languages.codes;
}
