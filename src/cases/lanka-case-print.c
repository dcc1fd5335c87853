/* lanka-case-print.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-print"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-audit.h"
#include "lanka-case-print.h"
#include "lanka-iso-codes.h"
#include "lanka-journal.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* A case as plain text, for paper and PDF: a heading, each section's
 * filled fields with their labels, and the journal.  Legal names and
 * personal numbers are left out unless names are shown.  The text is
 * laid out in memory and goes to the print system as it is; nothing is
 * written to a file on the way, apart from the PDF the person asks for.
 */

typedef enum
{
  VALUE_TEXT,
  VALUE_BOOLEAN,
  VALUE_CODE,
  VALUE_CODES,
  VALUE_COUNTRIES,
  VALUE_LANGUAGES,
  VALUE_LANGUAGE,
  /* Only when names are shown. */
  VALUE_NAME,
} ValueKind;

typedef enum
{
  PLACE_NONE,
  PLACE_OVERVIEW,
  PLACE_CHILD,
  PLACE_CLOSURE,
} Place;

typedef struct
{
  const char      *kind;
  const char      *field;
  const char      *label;
  ValueKind        value;
  LankaVocabulary  vocabulary;
  Place            place;
} Field;

/* In the order the sections show them. */
static const Field fields[] = {
  { "case", "status", NC_("case field", "Status"), VALUE_CODE, LANKA_VOCABULARY_CASE_STATUS, PLACE_OVERVIEW },
  { "case", "nrm_step", NC_("case field", "NRM step"), VALUE_CODE, LANKA_VOCABULARY_NRM_STEP, PLACE_OVERVIEW },
  { "case", "victim_status", NC_("case field", "Victim status"), VALUE_CODE, LANKA_VOCABULARY_VICTIM_STATUS, PLACE_OVERVIEW },
  { "case", "victim_status_by", NC_("case field", "Assessed by"), VALUE_CODE, LANKA_VOCABULARY_ASSESSED_BY, PLACE_OVERVIEW },
  { "case", "injured_party", NC_("case field", "Injured party in a preliminary investigation"), VALUE_BOOLEAN, 0, PLACE_OVERVIEW },
  { "case", "risk", NC_("case field", "Risk level"), VALUE_CODE, LANKA_VOCABULARY_RISK, PLACE_OVERVIEW },
  { "case", "urgent", NC_("case field", "Urgent"), VALUE_BOOLEAN, 0, PLACE_OVERVIEW },
  { "case", "flags", NC_("case field", "Flags"), VALUE_CODES, LANKA_VOCABULARY_CASE_FLAG, PLACE_OVERVIEW },
  { "case", "county", NC_("case field", "County"), VALUE_CODE, LANKA_VOCABULARY_COUNTY, PLACE_OVERVIEW },
  { "case", "intake_type", NC_("case field", "Intake"), VALUE_CODE, LANKA_VOCABULARY_INTAKE, PLACE_OVERVIEW },
  { "case", "intake_date", NC_("case field", "Intake date"), VALUE_TEXT, 0, PLACE_OVERVIEW },
  { "case", "identified_by", NC_("case field", "Identified by"), VALUE_CODE, LANKA_VOCABULARY_IDENTIFIED_BY, PLACE_OVERVIEW },
  { "case", "referred_from_name", NC_("case field", "Referred in from"), VALUE_TEXT, 0, PLACE_OVERVIEW },
  { "case", "opened", NC_("case field", "Opened"), VALUE_TEXT, 0, PLACE_OVERVIEW },
  { "case", "notes", NC_("case field", "Notes"), VALUE_TEXT, 0, PLACE_OVERVIEW },
  { "case", "unaccompanied", NC_("case field", "Unaccompanied"), VALUE_BOOLEAN, 0, PLACE_CHILD },
  { "case", "bbic_reference", NC_("case field", "BBIC investigation reference"), VALUE_TEXT, 0, PLACE_CHILD },
  { "case", "protection_assessed_on", NC_("case field", "Protection assessed on"), VALUE_TEXT, 0, PLACE_CHILD },
  { "case", "initial_assessment_on", NC_("case field", "Initial assessment on"), VALUE_TEXT, 0, PLACE_CHILD },
  { "case", "investigation_done_on", NC_("case field", "Investigation done on"), VALUE_TEXT, 0, PLACE_CHILD },
  { "case", "closed", NC_("case field", "Closed"), VALUE_TEXT, 0, PLACE_CLOSURE },
  { "case", "closure_reason", NC_("case field", "Closure reason"), VALUE_CODE, LANKA_VOCABULARY_CLOSURE_REASON, PLACE_CLOSURE },
  { "case", "handed_over_to_name", NC_("case field", "Handed over to"), VALUE_TEXT, 0, PLACE_CLOSURE },

  { "person", "role", NC_("case field", "Role"), VALUE_CODE, LANKA_VOCABULARY_ROLE, PLACE_NONE },
  { "person", "alias", NC_("case field", "Alias"), VALUE_TEXT, 0, PLACE_NONE },
  { "person", "legal_name", NC_("case field", "Legal name"), VALUE_NAME, 0, PLACE_NONE },
  { "person", "personal_number", NC_("case field", "Personal identity number"), VALUE_NAME, 0, PLACE_NONE },
  { "person", "birth_date", NC_("case field", "Birth date"), VALUE_TEXT, 0, PLACE_NONE },
  { "person", "birth_precision", NC_("case field", "Birth date known"), VALUE_CODE, LANKA_VOCABULARY_BIRTH_PRECISION, PLACE_NONE },
  { "person", "estimated_age", NC_("case field", "Estimated age"), VALUE_TEXT, 0, PLACE_NONE },
  { "person", "estimated_on", NC_("case field", "Age estimated on"), VALUE_TEXT, 0, PLACE_NONE },
  { "person", "gender", NC_("case field", "Gender"), VALUE_CODE, LANKA_VOCABULARY_GENDER, PLACE_NONE },
  { "person", "citizenships", NC_("case field", "Citizenships"), VALUE_COUNTRIES, 0, PLACE_NONE },
  { "person", "languages", NC_("case field", "Languages"), VALUE_LANGUAGES, 0, PLACE_NONE },
  { "person", "interpreter", NC_("case field", "Needs an interpreter"), VALUE_BOOLEAN, 0, PLACE_NONE },
  { "person", "interpreter_language", NC_("case field", "Interpreter language"), VALUE_LANGUAGE, 0, PLACE_NONE },
  { "person", "protected_identity", NC_("case field", "Protected identity"), VALUE_BOOLEAN, 0, PLACE_NONE },
  { "person", "address", NC_("case field", "Address"), VALUE_TEXT, 0, PLACE_NONE },
  { "person", "phone", NC_("case field", "Phone"), VALUE_TEXT, 0, PLACE_NONE },
  { "person", "notes", NC_("case field", "Notes"), VALUE_TEXT, 0, PLACE_NONE },

  { "exploitation", "forms", NC_("case field", "Forms of exploitation"), VALUE_CODES, LANKA_VOCABULARY_EXPLOITATION, PLACE_NONE },
  { "exploitation", "sexual_types", NC_("case field", "Type of sexual exploitation"), VALUE_CODES, LANKA_VOCABULARY_SEXUAL_TYPE, PLACE_NONE },
  { "exploitation", "means", NC_("case field", "Means of control"), VALUE_CODES, LANKA_VOCABULARY_MEANS_OF_CONTROL, PLACE_NONE },
  { "exploitation", "recruitment", NC_("case field", "Recruitment"), VALUE_CODE, LANKA_VOCABULARY_RECRUITMENT, PLACE_NONE },
  { "exploitation", "recruiter_relation", NC_("case field", "Relation to the recruiter"), VALUE_CODE, LANKA_VOCABULARY_RECRUITER_RELATION, PLACE_NONE },
  { "exploitation", "countries", NC_("case field", "Countries"), VALUE_COUNTRIES, 0, PLACE_NONE },
  { "exploitation", "age_at_entry", NC_("case field", "Age at entry"), VALUE_TEXT, 0, PLACE_NONE },
  { "exploitation", "period_start", NC_("case field", "From"), VALUE_TEXT, 0, PLACE_NONE },
  { "exploitation", "period_end", NC_("case field", "To"), VALUE_TEXT, 0, PLACE_NONE },
  { "exploitation", "ongoing", NC_("case field", "Ongoing"), VALUE_BOOLEAN, 0, PLACE_NONE },
  { "exploitation", "notes", NC_("case field", "Notes"), VALUE_TEXT, 0, PLACE_NONE },

  { "assessment", "assessed_on", NC_("case field", "Assessed on"), VALUE_TEXT, 0, PLACE_NONE },
  { "assessment", "risk", NC_("case field", "Risk level"), VALUE_CODE, LANKA_VOCABULARY_RISK, PLACE_NONE },
  { "assessment", "summary", NC_("case field", "Summary"), VALUE_TEXT, 0, PLACE_NONE },
  { "assessment", "next_review", NC_("case field", "Next review"), VALUE_TEXT, 0, PLACE_NONE },
  { "assessment", "assessed_by", NC_("case field", "Assessed by"), VALUE_TEXT, 0, PLACE_NONE },

  { "permit_event", "kind", NC_("case field", "Permit"), VALUE_CODE, LANKA_VOCABULARY_PERMIT_KIND, PLACE_NONE },
  { "permit_event", "applied_on", NC_("case field", "Applied for on"), VALUE_TEXT, 0, PLACE_NONE },
  { "permit_event", "decided_on", NC_("case field", "Decided on"), VALUE_TEXT, 0, PLACE_NONE },
  { "permit_event", "decision", NC_("case field", "Decision"), VALUE_CODE, LANKA_VOCABULARY_PERMIT_DECISION, PLACE_NONE },
  { "permit_event", "valid_from", NC_("case field", "Valid from"), VALUE_TEXT, 0, PLACE_NONE },
  { "permit_event", "valid_to", NC_("case field", "Valid to"), VALUE_TEXT, 0, PLACE_NONE },
  { "permit_event", "notes", NC_("case field", "Notes"), VALUE_TEXT, 0, PLACE_NONE },

  { "legal_process", "police_report_on", NC_("case field", "Police report made on"), VALUE_TEXT, 0, PLACE_NONE },
  { "legal_process", "police_reference", NC_("case field", "Police reference"), VALUE_TEXT, 0, PLACE_NONE },
  { "legal_process", "investigation_status", NC_("case field", "Investigation"), VALUE_CODE, LANKA_VOCABULARY_INVESTIGATION, PLACE_NONE },
  { "legal_process", "counsel", NC_("case field", "Counsel"), VALUE_TEXT, 0, PLACE_NONE },
  { "legal_process", "next_hearing", NC_("case field", "Next hearing"), VALUE_TEXT, 0, PLACE_NONE },
  { "legal_process", "outcome", NC_("case field", "Outcome"), VALUE_TEXT, 0, PLACE_NONE },

  { "plan_item", "support_type", NC_("case field", "Support"), VALUE_CODE, LANKA_VOCABULARY_SUPPORT_TYPE, PLACE_NONE },
  { "plan_item", "goal", NC_("case field", "Goal"), VALUE_TEXT, 0, PLACE_NONE },
  { "plan_item", "provider_name", NC_("case field", "Provider"), VALUE_TEXT, 0, PLACE_NONE },
  { "plan_item", "start_on", NC_("case field", "Starts"), VALUE_TEXT, 0, PLACE_NONE },
  { "plan_item", "end_on", NC_("case field", "Ends"), VALUE_TEXT, 0, PLACE_NONE },
  { "plan_item", "follow_up_on", NC_("case field", "Follow-up"), VALUE_TEXT, 0, PLACE_NONE },
  { "plan_item", "outcome", NC_("case field", "Outcome"), VALUE_TEXT, 0, PLACE_NONE },
};

static const Field *
find_field (const char *kind,
            const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].kind, kind) == 0 && g_strcmp0 (fields[i].field, field) == 0)
      return &fields[i];

  return NULL;
}

static const char *
get_code_label (LankaVocabulary  vocabulary,
                const char      *code)
{
  const char *label = lanka_vocabulary_get_label (vocabulary, code);

  return label != NULL ? label : code;
}

static const char *
get_one_label (const Field *field,
               const char  *code)
{
  const char *name = NULL;

  switch (field->value)
    {
    case VALUE_CODE:
    case VALUE_CODES:
      return get_code_label (field->vocabulary, code);

    case VALUE_COUNTRIES:
      name = lanka_iso_country_get_name (code);
      break;

    case VALUE_LANGUAGES:
    case VALUE_LANGUAGE:
      name = lanka_iso_language_get_name (code);
      break;

    case VALUE_TEXT:
    case VALUE_BOOLEAN:
    case VALUE_NAME:
    default:
      break;
    }

  return name != NULL ? name : code;
}

static char *
dup_list_text (const Field        *field,
               const char * const *codes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (codes[i]));

      if (code[0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, get_one_label (field, code));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * lanka_case_print_get_field_label:
 * @kind: a record kind, such as "person"
 * @field: a field of it, such as "gender"
 *
 * Returns: the translated label of the field, or @field itself for a
 *   field that has none
 */
const char *
lanka_case_print_get_field_label (const char *kind,
                                  const char *field)
{
  const Field *found;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  found = find_field (kind, field);

  return found != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "case field", found->label) : field;
}

/**
 * lanka_case_print_dup_value:
 * @kind: a record kind
 * @field: a field of it
 * @value: (nullable): the stored value; a list of codes separated by
 *   commas, semicolons or new lines for a multi-valued field
 * @show_names: whether legal names and personal numbers may be shown
 *
 * Returns: (transfer full) (nullable): the value as a person reads it,
 *   "Hidden" for a name that may not be shown, %NULL for no value
 */
char *
lanka_case_print_dup_value (const char *kind,
                            const char *field,
                            const char *value,
                            gboolean    show_names)
{
  const Field *found;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || value[0] == '\0')
    return NULL;

  found = find_field (kind, field);
  if (found == NULL)
    return g_strdup (value);

  switch (found->value)
    {
    case VALUE_NAME:
      return show_names ? g_strdup (value) : g_strdup (C_("case value", "Hidden"));

    case VALUE_BOOLEAN:
      return g_strdup (g_strcmp0 (value, "0") != 0 ? C_("case value", "Yes")
                                                    : C_("case value", "No"));

    case VALUE_CODE:
    case VALUE_LANGUAGE:
      return g_strdup (get_one_label (found, value));

    case VALUE_CODES:
    case VALUE_COUNTRIES:
    case VALUE_LANGUAGES:
      {
        g_auto(GStrv) codes = g_regex_split_simple ("[,;\\n]", value, 0, 0);

        return dup_list_text (found, (const char * const *)codes);
      }

    case VALUE_TEXT:
    default:
      return g_strdup (value);
    }
}

static char *
dup_record_value (LankaRecord *record,
                  const Field *field,
                  gboolean     show_names)
{
  switch (field->value)
    {
    case VALUE_CODES:
    case VALUE_COUNTRIES:
    case VALUE_LANGUAGES:
      return dup_list_text (field, lanka_record_get_list (record, field->field));

    case VALUE_BOOLEAN:
      /* Only what is so is worth printing: "Urgent: No" says nothing. */
      return lanka_record_get_boolean (record, field->field) ? g_strdup (C_("case value", "Yes"))
                                                             : NULL;

    case VALUE_NAME:
      /* Left out, not marked: a printout shows nothing of the name. */
      if (!show_names)
        return NULL;
      G_GNUC_FALLTHROUGH;

    case VALUE_TEXT:
    case VALUE_CODE:
    case VALUE_LANGUAGE:
    default:
      return lanka_case_print_dup_value (lanka_record_get_kind (record), field->field,
                                         lanka_record_get (record, field->field), show_names);
    }
}

static LankaRecord *
find_record (LankaCase  *kase,
             const char *uuid)
{
  return kase != NULL && uuid != NULL ? lanka_case_find_record (kase, uuid) : NULL;
}

/**
 * lanka_case_print_dup_place:
 * @kase: (nullable): the case, to name its records
 * @kind: a record kind
 * @uuid: (nullable): the record
 * @field: the field, which tells the section of a field of the case
 *
 * Returns: (transfer full): where a field is, as a section and the
 *   record in it, such as "Person «Sample Lark»" or "Overview"
 */
char *
lanka_case_print_dup_place (LankaCase  *kase,
                            const char *kind,
                            const char *uuid,
                            const char *field)
{
  LankaRecord *record = find_record (kase, uuid);
  const char *value;

  g_return_val_if_fail (kind != NULL, NULL);

  if (g_strcmp0 (kind, "case") == 0)
    {
      const Field *found = field != NULL ? find_field (kind, field) : NULL;

      if (found != NULL && found->place == PLACE_CHILD)
        return g_strdup (_("Child perspective"));
      if (found != NULL && found->place == PLACE_CLOSURE)
        return g_strdup (_("Closure"));
      return g_strdup (_("Overview"));
    }

  if (g_strcmp0 (kind, "person") == 0)
    {
      value = record != NULL ? lanka_record_get (record, "alias") : NULL;
      /* Translators: a person in a case, by their alias. */
      return value != NULL ? g_strdup_printf (_("Person «%s»"), value) : g_strdup (_("Person"));
    }

  if (g_strcmp0 (kind, "exploitation") == 0)
    return g_strdup (_("Exploitation"));

  if (g_strcmp0 (kind, "assessment") == 0)
    {
      value = record != NULL ? lanka_record_get (record, "assessed_on") : NULL;
      /* Translators: a protection and risk assessment, by its date. */
      return value != NULL ? g_strdup_printf (_("Assessment of %s"), value)
                           : g_strdup (_("Assessment"));
    }

  if (g_strcmp0 (kind, "permit_event") == 0)
    {
      value = record != NULL ? lanka_record_get (record, "kind") : NULL;
      /* Translators: a residence permit in a case, by its kind. */
      return value != NULL ? g_strdup_printf (_("Permit «%s»"),
                                              get_code_label (LANKA_VOCABULARY_PERMIT_KIND, value))
                           : g_strdup (_("Permit"));
    }

  if (g_strcmp0 (kind, "legal_process") == 0)
    return g_strdup (_("Legal process"));

  if (g_strcmp0 (kind, "plan_item") == 0)
    {
      value = record != NULL ? lanka_record_get (record, "support_type") : NULL;
      /* Translators: a support measure in the plan, by its type. */
      return value != NULL ? g_strdup_printf (_("Support «%s»"),
                                              get_code_label (LANKA_VOCABULARY_SUPPORT_TYPE, value))
                           : g_strdup (_("Support"));
    }

  return g_strdup (kind);
}

/* The summary */

static void
append_heading (GString    *text,
                const char *heading)
{
  g_string_append_printf (text, "\n%s\n", heading);
}

/* The filled fields of @record, one a line; returns whether any was. */
static gboolean
append_fields (GString     *text,
               LankaRecord *record,
               Place        place,
               const char  *indent,
               gboolean     show_names)
{
  const char *kind = lanka_record_get_kind (record);
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;

      if (g_strcmp0 (fields[i].kind, kind) != 0 || fields[i].place != place)
        continue;

      value = dup_record_value (record, &fields[i], show_names);
      if (value == NULL)
        continue;

      /* Translators: a field and its value in a printed case summary. */
      g_string_append_printf (text, _("%s%s: %s\n"), indent,
                              g_dpgettext2 (GETTEXT_PACKAGE, "case field", fields[i].label),
                              value);
      any = TRUE;
    }

  return any;
}

static void
append_section (GString     *text,
                const char  *heading,
                LankaRecord *record,
                Place        place,
                gboolean     show_names)
{
  g_autoptr(GString) body = g_string_new (NULL);

  if (record == NULL || !append_fields (body, record, place, "  ", show_names))
    return;

  append_heading (text, heading);
  g_string_append (text, body->str);
}

static void
append_records (GString    *text,
                const char *heading,
                LankaCase  *kase,
                GListModel *records,
                gboolean    show_names)
{
  guint n = records != NULL ? g_list_model_get_n_items (records) : 0;

  if (n == 0)
    return;

  append_heading (text, heading);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (records, i);
      g_autofree char *place = lanka_case_print_dup_place (kase, lanka_record_get_kind (record),
                                                           lanka_record_get_uuid (record),
                                                           NULL);

      g_string_append_printf (text, "  %s\n", place);
      append_fields (text, record, PLACE_NONE, "    ", show_names);
    }
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static gboolean
append_journal (GString        *text,
                LankaDatabase  *database,
                LankaCase      *kase,
                GError        **error)
{
  g_autoptr(GListModel) entries = NULL;
  guint n;

  if (lanka_case_is_new (kase))
    return TRUE;

  entries = lanka_journal_list (database, lanka_case_get_uuid (kase), error);
  if (entries == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                             _("The journal could not be read."));
      return FALSE;
    }

  n = g_list_model_get_n_items (entries);
  if (n == 0)
    return TRUE;

  append_heading (text, _("Journal"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *when = format_usec (lanka_journal_entry_get_event_time (entry));

      if (lanka_journal_entry_is_event (entry))
        {
          /* The events read as the journal section shows them, in short. */
          const char *event = lanka_journal_entry_get_event (entry);
          const char *old_value = lanka_journal_entry_get_event_old (entry);
          const char *new_value = lanka_journal_entry_get_event_new (entry);
          g_autofree char *what = NULL;

          if (g_strcmp0 (event, "status") == 0)
            what = g_strdup_printf ("%s: %s → %s",
                                    lanka_case_print_get_field_label ("case", "status"),
                                    old_value != NULL ? get_code_label (LANKA_VOCABULARY_CASE_STATUS, old_value) : "–",
                                    new_value != NULL ? get_code_label (LANKA_VOCABULARY_CASE_STATUS, new_value) : "–");
          else if (g_strcmp0 (event, "nrm_step") == 0)
            what = g_strdup_printf ("%s: %s → %s",
                                    lanka_case_print_get_field_label ("case", "nrm_step"),
                                    old_value != NULL ? get_code_label (LANKA_VOCABULARY_NRM_STEP, old_value) : "–",
                                    new_value != NULL ? get_code_label (LANKA_VOCABULARY_NRM_STEP, new_value) : "–");
          else if (g_strcmp0 (event, "person_added") == 0)
            what = g_strdup_printf (_("Person added: %s (%s)"), new_value != NULL ? new_value : "",
                                    old_value != NULL ? get_code_label (LANKA_VOCABULARY_ROLE, old_value) : "");
          else if (g_strcmp0 (event, "permit_decided") == 0)
            what = g_strdup_printf (_("Permit decided: %s – %s"),
                                    old_value != NULL ? get_code_label (LANKA_VOCABULARY_PERMIT_KIND, old_value) : "",
                                    new_value != NULL ? get_code_label (LANKA_VOCABULARY_PERMIT_DECISION, new_value) : "");
          else
            continue;

          g_string_append_printf (text, "  %s · %s\n", when, what);
          continue;
        }

      g_string_append_printf (text, "  %s · %s · %s\n", when,
                              get_code_label (LANKA_VOCABULARY_JOURNAL_TYPE,
                                              lanka_journal_entry_get_entry_type (entry)),
                              lanka_journal_entry_get_author (entry));
      if (lanka_journal_entry_get_text (entry) != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (lanka_journal_entry_get_text (entry), "\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            g_string_append_printf (text, "    %s\n", lines[j]);
        }
      if (lanka_journal_entry_get_signed (entry) != 0)
        {
          g_autofree char *signed_on = format_usec (lanka_journal_entry_get_signed (entry));

          g_string_append (text, "    ");
          g_string_append_printf (text, _("Signed by %s on %s"),
                                  lanka_journal_entry_get_signed_by (entry) ?: "", signed_on);
          g_string_append_c (text, '\n');
        }
    }

  return TRUE;
}

/**
 * lanka_case_print_dup_summary:
 * @database: the open database, for the journal
 * @kase: the case
 * @show_names: whether legal names and personal numbers are shown
 * @error: return location for a #GError
 *
 * Writes nothing, not even an audit row: that is for the printing.
 *
 * Returns: (transfer full): the summary as plain text, or %NULL with
 *   @error set when the journal could not be read
 */
char *
lanka_case_print_dup_summary (LankaDatabase  *database,
                              LankaCase      *kase,
                              gboolean        show_names,
                              GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  LankaRecord *record;
  const char *number;
  const char *alias;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_CASE (kase), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  record = lanka_case_get_record (kase);
  number = lanka_case_get_number (kase);
  alias = record != NULL ? lanka_record_get (record, "alias") : NULL;
  if (alias == NULL && lanka_case_get_victim (kase) != NULL)
    alias = lanka_record_get (lanka_case_get_victim (kase), "alias");

  if (number != NULL && alias != NULL)
    /* Translators: the heading of a printed case: its number and the alias. */
    g_string_append_printf (text, _("Case %s · %s\n"), number, alias);
  else if (number != NULL)
    g_string_append_printf (text, _("Case %s\n"), number);
  else
    g_string_append_printf (text, "%s\n", _("New case"));

  append_section (text, _("Overview"), record, PLACE_OVERVIEW, show_names);
  append_records (text, _("People"), kase, lanka_case_get_people (kase), show_names);
  append_section (text, _("Exploitation"), lanka_case_get_exploitation (kase), PLACE_NONE,
                  show_names);
  append_records (text, _("Protection and risk"), kase, lanka_case_get_assessments (kase),
                  show_names);
  append_records (text, _("Residence permits"), kase, lanka_case_get_permits (kase), show_names);
  append_section (text, _("Legal process"), lanka_case_get_legal_process (kase), PLACE_NONE,
                  show_names);
  append_records (text, _("Support plan"), kase, lanka_case_get_plan (kase), show_names);
  append_section (text, _("Child perspective"), record, PLACE_CHILD, show_names);
  append_section (text, _("Closure"), record, PLACE_CLOSURE, show_names);

  if (!append_journal (text, database, kase, error))
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Printing */

typedef struct
{
  char        *text;
  char        *number;
  PangoLayout *layout;
  /* The first line of each page, and one past the last. */
  GArray      *page_starts;
  double       header_height;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_free (data->text);
  g_free (data->number);
  g_clear_object (&data->layout);
  g_clear_pointer (&data->page_starts, g_array_unref);
  g_free (data);
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintData         *data)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double page_height;
  double used = 0;
  int n_lines;
  int start = 0;

  data->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (data->layout, font);
  pango_layout_set_width (data->layout, pango_units_from_double (width));
  pango_layout_set_wrap (data->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (data->layout, data->text, -1);

  data->header_height = 10 * 2.5;
  page_height = height - data->header_height;

  n_lines = pango_layout_get_line_count (data->layout);
  data->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (data->page_starts, start);

  for (int i = 0; i < n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (data->layout, i);
      PangoRectangle logical;
      double line_height;

      pango_layout_line_get_extents (line, NULL, &logical);
      line_height = pango_units_to_double (logical.height);

      if (used + line_height > page_height && used > 0)
        {
          g_array_append_val (data->page_starts, i);
          used = 0;
        }
      used += line_height;
    }

  g_array_append_val (data->page_starts, n_lines);
  gtk_print_operation_set_n_pages (operation, data->page_starts->len - 1);
}

static void
draw_header (GtkPrintContext *context,
             PrintData       *data,
             int              page_nr,
             int              n_pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 8");
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autofree char *page = NULL;
  double width = gtk_print_context_get_width (context);
  int text_width;

  pango_layout_set_font_description (layout, font);

  /* Translators: in the header of every printed page of a case. */
  pango_layout_set_text (layout, _("Confidential"), -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);

  if (data->number != NULL)
    {
      pango_layout_set_text (layout, data->number, -1);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      cairo_move_to (cr, (width - text_width) / 2, 0);
      pango_cairo_show_layout (cr, layout);
    }

  /* Translators: the page number in the header of a printed case. */
  page = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);
  pango_layout_set_text (layout, page, -1);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  cairo_move_to (cr, width - text_width, 0);
  pango_cairo_show_layout (cr, layout);

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, data->header_height * 0.6);
  cairo_line_to (cr, width, data->header_height * 0.6);
  cairo_stroke (cr);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintData         *data)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (data->page_starts, int, page_nr);
  int last = g_array_index (data->page_starts, int, page_nr + 1);
  double y = data->header_height;

  draw_header (context, data, page_nr, data->page_starts->len - 1);

  for (int i = first; i < last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (data->layout, i);
      PangoRectangle logical;
      double baseline;

      pango_layout_line_get_extents (line, NULL, &logical);
      baseline = pango_units_to_double (-logical.y);
      cairo_move_to (cr, pango_units_to_double (logical.x), y + baseline);
      pango_cairo_show_layout_line (cr, line);
      y += pango_units_to_double (logical.height);
    }
}

/**
 * _lanka_case_print_run:
 * @parent: (nullable): the window to put the print dialog over
 * @database: the open database
 * @kase: the case
 * @show_names: whether legal names and personal numbers are printed
 * @action: what to do: show the print dialog, or export for tests
 * @export_filename: (nullable): the file to export to with
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @error: return location for a #GError
 *
 * Returns: whether the case was printed or the print was cancelled,
 *   %FALSE with @error set when it failed
 */
gboolean
_lanka_case_print_run (GtkWindow                *parent,
                       LankaDatabase            *database,
                       LankaCase                *kase,
                       gboolean                  show_names,
                       GtkPrintOperationAction   action,
                       const char               *export_filename,
                       GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  PrintData *data;
  char *text;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = lanka_case_print_dup_summary (database, kase, show_names, error);
  if (text == NULL)
    return FALSE;

  data = g_new0 (PrintData, 1);
  data->text = text;
  data->number = g_strdup (lanka_case_get_number (kase));

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, data->number != NULL ? data->number : _("Case"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_object_set_data_full (G_OBJECT (operation), "lanka-print-data", data,
                          (GDestroyNotify) print_data_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), data);

  result = gtk_print_operation_run (operation, action, parent, error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;

  /* The job was sent (or the PDF saved): that is what is accounted for.
   * A cancelled dialog printed nothing.
   */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY ||
      result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    return lanka_audit_log (database, LANKA_AUDIT_CASE_PRINT, lanka_case_get_uuid (kase),
                            NULL, error);

  return TRUE;
}

/**
 * lanka_case_print:
 * @parent: (nullable): the window to put the print dialog over
 * @database: the open database
 * @kase: the case
 * @show_names: whether legal names and personal numbers are printed
 * @error: return location for a #GError
 *
 * Shows the print dialog for a summary of @kase; its "Print to File"
 * saves a PDF.  An audit row is written when the job is sent.
 *
 * Returns: %FALSE with @error set when printing failed
 */
gboolean
lanka_case_print (GtkWindow      *parent,
                  LankaDatabase  *database,
                  LankaCase      *kase,
                  gboolean        show_names,
                  GError        **error)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_CASE (kase), FALSE);

  return _lanka_case_print_run (parent, database, kase, show_names,
                                GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, error);
}
