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
} Standard;

static Standard languages = { "iso_639-3.json", "639-3", "iso_639-3", NULL };
static Standard countries = { "iso_3166-1.json", "3166-1", "iso_3166-1", NULL };

/* code (alpha-2 and alpha-3, lower case) → English name, as iso-codes
 * writes it and as its translations look it up.
 */
static GHashTable *
load (const Standard *standard)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = g_build_filename (ISO_CODES_JSON_DIR, standard->file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *entries;

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_debug ("%s cannot be read: %s", path, error->message);
      return g_steal_pointer (&names);
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_steal_pointer (&names);

  root = json_node_get_object (json_parser_get_root (parser));
  entries = json_object_get_array_member (root, standard->member);
  if (entries == NULL)
    return g_steal_pointer (&names);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      static const char * const code_members[] = { "alpha_2", "alpha_3" };
      const char *name;

      if (entry == NULL || !(name = json_object_get_string_member_with_default (entry, "name", NULL)))
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (code_members); j++)
        {
          const char *code = json_object_get_string_member_with_default (entry, code_members[j], NULL);

          if (code != NULL)
            g_hash_table_insert (names, g_ascii_strdown (code, -1), g_strdup (name));
        }
    }

  return g_steal_pointer (&names);
}

static const char *
get_name (Standard   *standard,
          const char *code)
{
  g_autofree char *key = g_ascii_strdown (code, -1);
  const char *name;

  if (g_once_init_enter (&standard->names))
    g_once_init_leave (&standard->names, load (standard));

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
