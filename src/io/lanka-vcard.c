/* lanka-vcard.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-vcard"

#include "config.h"

#include "lanka-vcard.h"
#include "lanka-vcard-private.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (LankaVCard, lanka_vcard, lanka_vcard_ref, lanka_vcard_unref)

static void
parameter_free (gpointer data)
{
  LankaVCardParameter *parameter = data;

  g_free (parameter->name);
  g_ptr_array_unref (parameter->values);
  g_free (parameter);
}

static void
lanka_vcard_clear (gpointer data)
{
  LankaVCard *card = data;

  g_clear_pointer (&card->properties, g_ptr_array_unref);
}

LankaVCard *
lanka_vcard_new (void)
{
  LankaVCard *card = g_rc_box_new0 (LankaVCard);

  card->version = LANKA_VCARD_VERSION_4_0;
  card->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) lanka_vcard_property_free);
  return card;
}

LankaVCard *
lanka_vcard_ref (LankaVCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  return g_rc_box_acquire (card);
}

void
lanka_vcard_unref (LankaVCard *card)
{
  g_return_if_fail (card != NULL);

  g_rc_box_release_full (card, lanka_vcard_clear);
}

/**
 * lanka_vcard_get_version:
 *
 * Returns: the version the card was read as; 4.0 for a card made here
 */
LankaVCardVersion
lanka_vcard_get_version (LankaVCard *card)
{
  g_return_val_if_fail (card != NULL, LANKA_VCARD_VERSION_4_0);

  return card->version;
}

/**
 * lanka_vcard_get_number:
 *
 * Returns: the position of the card in the file it was read from,
 *   counting from 1 (the number problems refer to), or 0
 */
guint
lanka_vcard_get_number (LankaVCard *card)
{
  g_return_val_if_fail (card != NULL, 0);

  return card->number;
}

/**
 * lanka_vcard_get_properties:
 *
 * Returns: (transfer none) (element-type LankaVCardProperty): every
 *   property in the order of the file
 */
GPtrArray *
lanka_vcard_get_properties (LankaVCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  return card->properties;
}

/**
 * lanka_vcard_add_property:
 * @property: (transfer full): the property to append
 */
void
lanka_vcard_add_property (LankaVCard         *card,
                          LankaVCardProperty *property)
{
  g_return_if_fail (card != NULL);
  g_return_if_fail (property != NULL);

  g_ptr_array_add (card->properties, property);
}

/**
 * lanka_vcard_get_property:
 *
 * Returns: (transfer none) (nullable): the first property called @name
 */
LankaVCardProperty *
lanka_vcard_get_property (LankaVCard *card,
                          const char *name)
{
  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < card->properties->len; i++)
    {
      LankaVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_ascii_strcasecmp (property->name, name) == 0)
        return property;
    }

  return NULL;
}

/**
 * lanka_vcard_dup_properties_named:
 *
 * Returns: (transfer container) (element-type LankaVCardProperty): every
 *   property called @name, in the order of the file
 */
GPtrArray *
lanka_vcard_dup_properties_named (LankaVCard *card,
                                  const char *name)
{
  GPtrArray *found;

  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  found = g_ptr_array_new ();
  for (guint i = 0; i < card->properties->len; i++)
    {
      LankaVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_ascii_strcasecmp (property->name, name) == 0)
        g_ptr_array_add (found, property);
    }

  return found;
}

const char *
lanka_vcard_get_value (LankaVCard *card,
                       const char *name)
{
  LankaVCardProperty *property;

  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  property = lanka_vcard_get_property (card, name);
  return property != NULL ? property->value : NULL;
}

/**
 * lanka_vcard_get_kind:
 *
 * Version 3.0 has no KIND; Apple's servers write the same thing as
 * X-ADDRESSBOOKSERVER-KIND, which is also what Länka writes for 3.0.
 *
 * Returns: the kind in lower case ("individual", "org", "group",
 *   "location"), "individual" when the card does not say
 */
const char *
lanka_vcard_get_kind (LankaVCard *card)
{
  const char *kind;

  g_return_val_if_fail (card != NULL, NULL);

  kind = lanka_vcard_get_value (card, "KIND");
  if (kind == NULL || *kind == '\0')
    kind = lanka_vcard_get_value (card, "X-ADDRESSBOOKSERVER-KIND");
  if (kind == NULL || *kind == '\0')
    return "individual";

  return kind;
}

const char *
lanka_vcard_get_formatted_name (LankaVCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  return lanka_vcard_get_value (card, "FN");
}

const char *
lanka_vcard_get_uid (LankaVCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  return lanka_vcard_get_value (card, "UID");
}

const char *
lanka_vcard_get_note (LankaVCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  return lanka_vcard_get_value (card, "NOTE");
}

/**
 * lanka_vcard_dup_display_name:
 *
 * The name a person would recognise the card by: FN, else the given and
 * family names from N, else the organisation.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL when the card
 *   has none
 */
char *
lanka_vcard_dup_display_name (LankaVCard *card)
{
  LankaVCardProperty *property;
  const char *fn;

  g_return_val_if_fail (card != NULL, NULL);

  fn = lanka_vcard_get_formatted_name (card);
  if (fn != NULL && *fn != '\0')
    return g_strdup (fn);

  property = lanka_vcard_get_property (card, "N");
  if (property != NULL)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      /* Given, additional and family name, in the order they are spoken. */
      static const guint order[] = { 1, 2, 0 };
      guint n_components = g_strv_length (property->components);

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          const char *part;

          if (order[i] >= n_components)
            continue;
          part = property->components[order[i]];
          if (*part == '\0')
            continue;
          if (name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append (name, part);
        }

      if (name->len > 0)
        return g_string_free (g_steal_pointer (&name), FALSE);
    }

  property = lanka_vcard_get_property (card, "ORG");
  if (property != NULL && property->components[0] != NULL && *property->components[0] != '\0')
    return g_strdup (property->components[0]);

  return NULL;
}

/**
 * lanka_vcard_dup_label:
 *
 * Apple writes the label of a phone number or address as a separate
 * X-ABLabel property in the same group ("item1.TEL", "item1.X-ABLabel"),
 * and its own standard labels wrapped as "_$!<Work>!$_".
 *
 * Returns: (transfer full) (nullable): the label of @property
 */
char *
lanka_vcard_dup_label (LankaVCard         *card,
                       LankaVCardProperty *property)
{
  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  if (property->group == NULL)
    return NULL;

  for (guint i = 0; i < card->properties->len; i++)
    {
      LankaVCardProperty *other = g_ptr_array_index (card->properties, i);
      const char *label;
      gsize len;

      if (other->group == NULL
          || g_ascii_strcasecmp (other->group, property->group) != 0
          || g_ascii_strcasecmp (other->name, "X-ABLABEL") != 0)
        continue;

      label = other->value;
      len = strlen (label);
      if (len >= 8 && g_str_has_prefix (label, "_$!<") && g_str_has_suffix (label, ">!$_"))
        return g_strndup (label + 4, len - 8);

      return g_strdup (label);
    }

  return NULL;
}

/* Which properties have components, and what separates them. */
char
_lanka_vcard_separator_for (const char *name)
{
  static const char * const semicolon[] = { "N", "ADR", "ORG", "GENDER", "CLIENTPIDMAP" };
  static const char * const comma[] = { "NICKNAME", "CATEGORIES" };

  for (guint i = 0; i < G_N_ELEMENTS (semicolon); i++)
    if (g_ascii_strcasecmp (name, semicolon[i]) == 0)
      return ';';
  for (guint i = 0; i < G_N_ELEMENTS (comma); i++)
    if (g_ascii_strcasecmp (name, comma[i]) == 0)
      return ',';

  return '\0';
}

LankaVCardProperty *
_lanka_vcard_property_new_take (char  *group,
                                char  *name,
                                GStrv  components)
{
  LankaVCardProperty *property = g_new0 (LankaVCardProperty, 1);
  char separator[2] = { _lanka_vcard_separator_for (name), '\0' };

  property->group = group;
  property->name = g_ascii_strup (name, -1);
  g_free (name);
  property->components = components;
  property->value = g_strjoinv (separator, components);
  property->parameters = g_ptr_array_new_with_free_func (parameter_free);
  return property;
}

/**
 * lanka_vcard_property_new:
 * @group: (nullable): the group, as in "item1.TEL"
 * @name: the property name, in any case
 * @value: the text, unescaped
 */
LankaVCardProperty *
lanka_vcard_property_new (const char *group,
                          const char *name,
                          const char *value)
{
  char **components;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (value != NULL, NULL);

  components = g_new0 (char *, 2);
  components[0] = g_strdup (value);
  return _lanka_vcard_property_new_take (g_strdup (group), g_strdup (name), components);
}

/**
 * lanka_vcard_property_new_structured:
 * @components: the parts, as for N (family; given; additional; prefixes;
 *   suffixes), ADR or ORG (name; unit; …)
 */
LankaVCardProperty *
lanka_vcard_property_new_structured (const char         *group,
                                     const char         *name,
                                     const char * const *components)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (components != NULL, NULL);

  return _lanka_vcard_property_new_take (g_strdup (group), g_strdup (name),
                                         g_strdupv ((char **) components));
}

void
lanka_vcard_property_free (LankaVCardProperty *property)
{
  g_return_if_fail (property != NULL);

  g_free (property->group);
  g_free (property->name);
  g_free (property->value);
  g_strfreev (property->components);
  g_ptr_array_unref (property->parameters);
  g_free (property);
}

const char *
lanka_vcard_property_get_group (LankaVCardProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return property->group;
}

/**
 * lanka_vcard_property_get_name:
 *
 * Returns: the name in upper case
 */
const char *
lanka_vcard_property_get_name (LankaVCardProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return property->name;
}

/**
 * lanka_vcard_property_get_value:
 *
 * Returns: the decoded text; for a structured property its components
 *   joined, so use lanka_vcard_property_get_components() for those
 */
const char *
lanka_vcard_property_get_value (LankaVCardProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return property->value;
}

/**
 * lanka_vcard_property_get_components:
 *
 * Returns: (transfer none): the parts of N, ADR, ORG and the other
 *   structured properties, unescaped; a single part for the others
 */
const char * const *
lanka_vcard_property_get_components (LankaVCardProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return (const char * const *) property->components;
}

static LankaVCardParameter *
find_parameter (LankaVCardProperty *property,
                const char         *name)
{
  for (guint i = 0; i < property->parameters->len; i++)
    {
      LankaVCardParameter *parameter = g_ptr_array_index (property->parameters, i);

      if (g_ascii_strcasecmp (parameter->name, name) == 0)
        return parameter;
    }

  return NULL;
}

/**
 * lanka_vcard_property_add_parameter:
 *
 * Adds one value; a second TYPE=… joins the list of the first.  TYPE
 * values are kept in lower case, since their case carries no meaning.
 */
void
lanka_vcard_property_add_parameter (LankaVCardProperty *property,
                                    const char         *name,
                                    const char         *value)
{
  LankaVCardParameter *parameter;
  g_autofree char *upper = NULL;

  g_return_if_fail (property != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  upper = g_ascii_strup (name, -1);
  parameter = find_parameter (property, upper);
  if (parameter == NULL)
    {
      parameter = g_new0 (LankaVCardParameter, 1);
      parameter->name = g_steal_pointer (&upper);
      parameter->values = g_ptr_array_new_null_terminated (1, g_free, TRUE);
      g_ptr_array_add (property->parameters, parameter);
    }

  if (strcmp (parameter->name, "TYPE") == 0)
    {
      char *lower = g_ascii_strdown (value, -1);

      if (g_strv_contains ((const char * const *) parameter->values->pdata, lower))
        g_free (lower);
      else
        g_ptr_array_add (parameter->values, lower);
    }
  else
    {
      g_ptr_array_add (parameter->values, g_strdup (value));
    }
}

/**
 * lanka_vcard_property_get_parameter:
 *
 * Returns: (transfer none) (nullable): the values of the parameter
 */
const char * const *
lanka_vcard_property_get_parameter (LankaVCardProperty *property,
                                    const char         *name)
{
  LankaVCardParameter *parameter;

  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  parameter = find_parameter (property, name);
  return parameter != NULL ? (const char * const *) parameter->values->pdata : NULL;
}

GStrv
lanka_vcard_property_dup_parameter_names (LankaVCardProperty *property)
{
  GStrv names;

  g_return_val_if_fail (property != NULL, NULL);

  names = g_new0 (char *, property->parameters->len + 1);
  for (guint i = 0; i < property->parameters->len; i++)
    names[i] = g_strdup (((LankaVCardParameter *) g_ptr_array_index (property->parameters, i))->name);

  return names;
}

/**
 * lanka_vcard_property_get_types:
 *
 * Returns: (transfer none): the TYPE values in lower case, maybe empty
 */
const char * const *
lanka_vcard_property_get_types (LankaVCardProperty *property)
{
  static const char * const none[] = { NULL };
  const char * const *types;

  g_return_val_if_fail (property != NULL, NULL);

  types = lanka_vcard_property_get_parameter (property, "TYPE");
  return types != NULL ? types : none;
}

gboolean
lanka_vcard_property_has_type (LankaVCardProperty *property,
                               const char         *type)
{
  const char * const *types;

  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  types = lanka_vcard_property_get_types (property);
  for (guint i = 0; types[i] != NULL; i++)
    if (g_ascii_strcasecmp (types[i], type) == 0)
      return TRUE;

  return FALSE;
}

/**
 * lanka_vcard_property_get_pref:
 *
 * Version 4.0 says PREF=1 (most preferred) to 100; earlier versions only
 * have TYPE=pref, which counts as 1.
 *
 * Returns: the preference, or 0 when the property is not preferred
 */
guint
lanka_vcard_property_get_pref (LankaVCardProperty *property)
{
  const char * const *pref;

  g_return_val_if_fail (property != NULL, 0);

  pref = lanka_vcard_property_get_parameter (property, "PREF");
  if (pref != NULL && pref[0] != NULL)
    {
      guint64 value = 0;

      if (g_ascii_string_to_unsigned (pref[0], 10, 1, 100, &value, NULL))
        return (guint) value;
    }

  return lanka_vcard_property_has_type (property, "pref") ? 1 : 0;
}

void
lanka_vcard_problem_free (LankaVCardProblem *problem)
{
  g_return_if_fail (problem != NULL);

  g_free (problem->message);
  g_free (problem);
}
