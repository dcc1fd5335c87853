/* lanka-vocabulary.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-vocabulary"

#include "config.h"

#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct
{
  const char *code;
  const char *label;
} Term;

/* The contexts keep labels apart that read the same in English but not in
 * Swedish ("Other" is "Annan" for an agency and "Annat" for a form of
 * exploitation).
 */
static const Term agency_types[] = {
  { "police", NC_("agency type", "Police") },
  { "prosecution", NC_("agency type", "Prosecution") },
  { "social_services", NC_("agency type", "Social services") },
  { "migration", NC_("agency type", "Migration Agency") },
  { "border_police", NC_("agency type", "Border police") },
  { "tax", NC_("agency type", "Tax Agency") },
  { "work_environment", NC_("agency type", "Work Environment Authority") },
  { "customs", NC_("agency type", "Customs") },
  { "county_board", NC_("agency type", "County administrative board") },
  { "national_coordination", NC_("agency type", "National coordination") },
  { "regional_coordinator", NC_("agency type", "Regional coordinator") },
  { "health", NC_("agency type", "Health care") },
  { "ngo", NC_("agency type", "Non-profit organisation") },
  { "shelter", NC_("agency type", "Protected housing") },
  { "international", NC_("agency type", "International organisation") },
  { "embassy", NC_("agency type", "Embassy") },
  { "legal", NC_("agency type", "Legal support") },
  { "other", NC_("agency type", "Other") },
};

static const Term support_types[] = {
  { "protected_housing", NC_("support type", "Protected housing") },
  { "health", NC_("support type", "Health care") },
  { "psychosocial", NC_("support type", "Psychosocial support") },
  { "legal", NC_("support type", "Legal support") },
  { "financial", NC_("support type", "Financial assistance") },
  { "interpreter", NC_("support type", "Interpreter") },
  { "education", NC_("support type", "Education") },
  { "livelihood", NC_("support type", "Work and livelihood") },
  { "social_care", NC_("support type", "Social care") },
  { "nsp_initial", NC_("support type", "NSP initial rest") },
  { "nsp_rehabilitation", NC_("support type", "NSP rehabilitation") },
  { "nsp_integration", NC_("support type", "NSP integration") },
  { "return", NC_("support type", "Return (ÅMP)") },
};

static const Term exploitations[] = {
  { "SexualExploitation", NC_("exploitation", "Sexual purposes") },
  { "ForcedLabour", NC_("exploitation", "Forced labour") },
  { "UnreasonableWorkingConditions", NC_("exploitation", "Work under manifestly unreasonable conditions") },
  { "ForcedBegging", NC_("exploitation", "Begging") },
  { "ForcedCriminality", NC_("exploitation", "Criminal activity") },
  { "OrganRemoval", NC_("exploitation", "Organ removal") },
  { "ForcedMilitaryService", NC_("exploitation", "War service") },
  { "ForcedMarriage", NC_("exploitation", "Forced marriage") },
  { "Servitude", NC_("exploitation", "Servitude") },
  { "ChildLabour", NC_("exploitation", "Child labour") },
  { "ForcedAdoption", NC_("exploitation", "Forced adoption") },
  { "Surrogacy", NC_("exploitation", "Surrogacy") },
  { "OtherSituationOfDistress", NC_("exploitation", "Other activity in a situation of distress") },
  { "Other", NC_("exploitation", "Other") },
};

static const Term accepts[] = {
  { "children", NC_("accepts", "Children") },
  { "accompanied_children", NC_("accepts", "Accompanied children") },
  { "women", NC_("accepts", "Women") },
  { "men", NC_("accepts", "Men") },
  { "transgender", NC_("accepts", "Transgender people") },
  { "pregnant", NC_("accepts", "Pregnant women") },
};

/* Place names, the same in every language Länka speaks. */
static const Term counties[] = {
  { "01", "Stockholm" },
  { "03", "Uppsala" },
  { "04", "Södermanland" },
  { "05", "Östergötland" },
  { "06", "Jönköping" },
  { "07", "Kronoberg" },
  { "08", "Kalmar" },
  { "09", "Gotland" },
  { "10", "Blekinge" },
  { "12", "Skåne" },
  { "13", "Halland" },
  { "14", "Västra Götaland" },
  { "17", "Värmland" },
  { "18", "Örebro" },
  { "19", "Västmanland" },
  { "20", "Dalarna" },
  { "21", "Gävleborg" },
  { "22", "Västernorrland" },
  { "23", "Jämtland" },
  { "24", "Västerbotten" },
  { "25", "Norrbotten" },
};

static const struct {
  const Term *terms;
  guint       n_terms;
  const char *context;
} vocabularies[] = {
  [LANKA_VOCABULARY_AGENCY_TYPE] = { agency_types, G_N_ELEMENTS (agency_types), "agency type" },
  [LANKA_VOCABULARY_SUPPORT_TYPE] = { support_types, G_N_ELEMENTS (support_types), "support type" },
  [LANKA_VOCABULARY_EXPLOITATION] = { exploitations, G_N_ELEMENTS (exploitations), "exploitation" },
  [LANKA_VOCABULARY_ACCEPTS] = { accepts, G_N_ELEMENTS (accepts), "accepts" },
  [LANKA_VOCABULARY_COUNTY] = { counties, G_N_ELEMENTS (counties), NULL },
};

static const Term *
find_term (LankaVocabulary  vocabulary,
           const char      *code)
{
  g_assert (vocabulary < G_N_ELEMENTS (vocabularies));

  for (guint i = 0; code != NULL && i < vocabularies[vocabulary].n_terms; i++)
    if (strcmp (vocabularies[vocabulary].terms[i].code, code) == 0)
      return &vocabularies[vocabulary].terms[i];

  return NULL;
}

/**
 * lanka_vocabulary_get_n_codes:
 * @vocabulary: a #LankaVocabulary
 *
 * Returns: the number of codes in @vocabulary
 */
guint
lanka_vocabulary_get_n_codes (LankaVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), 0);

  return vocabularies[vocabulary].n_terms;
}

/**
 * lanka_vocabulary_get_code:
 * @vocabulary: a #LankaVocabulary
 * @position: a position below lanka_vocabulary_get_n_codes()
 *
 * Returns: the code at @position, in the order a list shows them
 */
const char *
lanka_vocabulary_get_code (LankaVocabulary vocabulary,
                           guint           position)
{
  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), NULL);
  g_return_val_if_fail (position < vocabularies[vocabulary].n_terms, NULL);

  return vocabularies[vocabulary].terms[position].code;
}

/**
 * lanka_vocabulary_contains:
 * @vocabulary: a #LankaVocabulary
 * @code: (nullable): a code
 *
 * Returns: %TRUE if @code belongs to @vocabulary
 */
gboolean
lanka_vocabulary_contains (LankaVocabulary  vocabulary,
                           const char      *code)
{
  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), FALSE);

  return find_term (vocabulary, code) != NULL;
}

/**
 * lanka_vocabulary_get_label:
 * @vocabulary: a #LankaVocabulary
 * @code: (nullable): a code
 *
 * Returns: (nullable): the label of @code in the current language, or
 *   %NULL for an unknown code
 */
const char *
lanka_vocabulary_get_label (LankaVocabulary  vocabulary,
                            const char      *code)
{
  const Term *term;

  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), NULL);

  if (!(term = find_term (vocabulary, code)))
    return NULL;

  if (vocabularies[vocabulary].context == NULL)
    return term->label;

  return g_dpgettext2 (GETTEXT_PACKAGE, vocabularies[vocabulary].context, term->label);
}

/**
 * lanka_vocabulary_get_source_label:
 * @vocabulary: a #LankaVocabulary
 * @code: (nullable): a code
 *
 * Returns: (nullable): the untranslated (English) label of @code
 */
const char *
lanka_vocabulary_get_source_label (LankaVocabulary  vocabulary,
                                   const char      *code)
{
  const Term *term;

  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), NULL);

  if (!(term = find_term (vocabulary, code)))
    return NULL;

  return term->label;
}

/**
 * lanka_vocabulary_dup_reach:
 * @codes: (nullable): the county codes an agency serves
 * @national: whether it serves the whole country
 * @max_named: the most counties to name; with more, their number is given
 *
 * Where an agency works, as short as the place allows: "Whole country",
 * "Gävleborg, Uppsala", or "5 counties".
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL when the
 *   agency names no region
 */
char *
lanka_vocabulary_dup_reach (const char * const *codes,
                            gboolean            national,
                            guint               max_named)
{
  guint n_counties = codes != NULL ? g_strv_length ((char **)codes) : 0;
  g_autoptr(GString) names = NULL;

  if (national)
    return g_strdup (_("Whole country"));

  if (n_counties == 0)
    return NULL;

  if (n_counties > max_named)
    return g_strdup_printf (ngettext ("%u county", "%u counties", n_counties), n_counties);

  names = g_string_new (NULL);
  for (guint i = 0; i < n_counties; i++)
    {
      const char *name = lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY, codes[i]);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name != NULL ? name : codes[i]);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}
