/* lanka-referral-print.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-referral-print"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case-print.h"
#include "lanka-referral-print.h"
#include "lanka-referrals.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* What goes to the agency with a referral, on paper or as a PDF: the
 * case number, who it goes to, when, why and on which basis, and then
 * the shared categories of the case's information, each under its own
 * heading, and nothing else.  A category not ticked in the referral
 * does not appear at all, not even as a heading.
 *
 * Free-text notes of the case's records are never printed: what they
 * hold belongs to no category, and a referral shares only what was
 * chosen.  The text is laid out in memory and goes to the print system
 * as it is.
 */

typedef struct
{
  const char *kind;
  const char *field;
} Field;

/* The fields of a person that make up the categories about the person
 * the referral is about.
 */
static const Field identity_fields[] = {
  { "person", "alias" },
  { "person", "legal_name" },
  { "person", "personal_number" },
  { "person", "birth_date" },
  { "person", "estimated_age" },
  { "person", "gender" },
  { "person", "citizenships" },
};

static const Field contact_fields[] = {
  { "person", "address" },
  { "person", "phone" },
  { "person", "languages" },
  { "person", "interpreter" },
  { "person", "interpreter_language" },
};

static const Field exploitation_fields[] = {
  { "exploitation", "forms" },
  { "exploitation", "sexual_types" },
  { "exploitation", "means" },
  { "exploitation", "recruitment" },
  { "exploitation", "recruiter_relation" },
  { "exploitation", "countries" },
  { "exploitation", "age_at_entry" },
  { "exploitation", "period_start" },
  { "exploitation", "period_end" },
  { "exploitation", "ongoing" },
};

static const Field case_risk_fields[] = {
  { "case", "risk" },
  { "case", "urgent" },
};

static const Field assessment_fields[] = {
  { "assessment", "assessed_on" },
  { "assessment", "risk" },
  { "assessment", "summary" },
  { "assessment", "next_review" },
};

static const Field permit_fields[] = {
  { "permit_event", "kind" },
  { "permit_event", "applied_on" },
  { "permit_event", "decided_on" },
  { "permit_event", "decision" },
  { "permit_event", "valid_from" },
  { "permit_event", "valid_to" },
};

static const Field legal_fields[] = {
  { "legal_process", "police_report_on" },
  { "legal_process", "police_reference" },
  { "legal_process", "investigation_status" },
  { "legal_process", "counsel" },
  { "legal_process", "next_hearing" },
  { "legal_process", "outcome" },
};

static const Field plan_fields[] = {
  { "plan_item", "support_type" },
  { "plan_item", "goal" },
  { "plan_item", "provider_name" },
  { "plan_item", "start_on" },
  { "plan_item", "end_on" },
  { "plan_item", "follow_up_on" },
  { "plan_item", "outcome" },
};

/* The case's flags split between the two categories they tell about. */
static const char * const risk_flags[] = {
  "threat", "protected_identity", "missing_risk", "violence_in_family", NULL
};
static const char * const health_flags[] = {
  "pregnant", "medical_needs", "disability", "interpreter_required", NULL
};

static const char *
get_label (LankaVocabulary  vocabulary,
           const char      *code)
{
  const char *label = code != NULL ? lanka_vocabulary_get_label (vocabulary, code) : NULL;

  return label != NULL ? label : (code != NULL ? code : "");
}

static gboolean
is_boolean_field (const char *field)
{
  return g_str_equal (field, "urgent") ||
         g_str_equal (field, "ongoing") ||
         g_str_equal (field, "interpreter") ||
         g_str_equal (field, "injured_party");
}

/* "  Label: value" for a filled field; returns whether it was. */
static gboolean
append_field (GString     *text,
              LankaRecord *record,
              const Field *field,
              const char  *indent)
{
  g_autofree char *stored = NULL;
  g_autofree char *value = NULL;

  if (record == NULL)
    return FALSE;

  if (is_boolean_field (field->field))
    {
      /* "Urgent: No" tells nothing worth sharing. */
      if (!lanka_record_get_boolean (record, field->field))
        return FALSE;
      stored = g_strdup ("1");
    }
  else if (lanka_record_get (record, field->field) != NULL)
    {
      stored = g_strdup (lanka_record_get (record, field->field));
    }
  else
    {
      const char * const *codes = lanka_record_get_list (record, field->field);

      if (codes == NULL || codes[0] == NULL)
        return FALSE;
      stored = g_strjoinv (",", (char **) codes);
    }

  /* Names are printed when identity is shared: that is what sharing it
   * means.
   */
  value = lanka_case_print_dup_value (field->kind, field->field, stored, TRUE);
  if (value == NULL)
    return FALSE;

  /* Translators: a field and its value in a printed referral summary */
  g_string_append_printf (text, _("%s%s: %s\n"), indent,
                          lanka_case_print_get_field_label (field->kind, field->field), value);

  return TRUE;
}

static gboolean
append_fields (GString     *text,
               LankaRecord *record,
               const Field *fields,
               guint        n_fields,
               const char  *indent)
{
  gboolean any = FALSE;

  for (guint i = 0; i < n_fields; i++)
    any |= append_field (text, record, &fields[i], indent);

  return any;
}

static gboolean
append_flags (GString            *text,
              LankaCase          *kase,
              const char * const *wanted)
{
  LankaRecord *record = lanka_case_get_record (kase);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint i = 0; wanted[i] != NULL; i++)
    if (lanka_record_list_contains (record, "flags", wanted[i]))
      g_ptr_array_add (labels, (gpointer) get_label (LANKA_VOCABULARY_CASE_FLAG, wanted[i]));

  if (labels->len == 0)
    return FALSE;

  g_ptr_array_add (labels, NULL);
  /* Translators: between the items of a list, as in "Threat, Protected identity" */
  joined = g_strjoinv (_(", "), (char **) labels->pdata);
  g_string_append_printf (text, _("%s%s: %s\n"), "  ",
                          lanka_case_print_get_field_label ("case", "flags"), joined);

  return TRUE;
}

/* Each record of @records under its own name, with its fields. */
static gboolean
append_records (GString     *text,
                LankaCase   *kase,
                GListModel  *records,
                const Field *fields,
                guint        n_fields)
{
  guint n = records != NULL ? g_list_model_get_n_items (records) : 0;
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) record = g_list_model_get_item (records, i);
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *place = NULL;

      if (!append_fields (body, record, fields, n_fields, "    "))
        continue;

      place = lanka_case_print_dup_place (kase, lanka_record_get_kind (record),
                                          lanka_record_get_uuid (record), NULL);
      g_string_append_printf (text, "  %s\n%s", place, body->str);
      any = TRUE;
    }

  return any;
}

/* The other people of the case, by role and alias only. */
static gboolean
append_people (GString     *text,
               LankaCase   *kase,
               LankaRecord *person)
{
  GListModel *people = lanka_case_get_people (kase);
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) other = g_list_model_get_item (people, i);
      const char *alias = lanka_record_get (other, "alias");

      if (other == person)
        continue;

      /* Translators: a person in a printed referral summary: role and alias,
       * such as "Relative: Sample Wren"
       */
      g_string_append_printf (text, _("  %s: %s\n"),
                              get_label (LANKA_VOCABULARY_ROLE, lanka_record_get (other, "role")),
                              alias != NULL ? alias : "–");
      any = TRUE;
    }

  return any;
}

static void
append_category (GString     *text,
                 LankaCase   *kase,
                 LankaRecord *person,
                 const char  *category)
{
  g_autoptr(GString) body = g_string_new (NULL);
  gboolean any = FALSE;

  if (g_str_equal (category, "identity"))
    {
      any = append_fields (body, person, identity_fields, G_N_ELEMENTS (identity_fields), "  ");
    }
  else if (g_str_equal (category, "contact"))
    {
      any = append_fields (body, person, contact_fields, G_N_ELEMENTS (contact_fields), "  ");
    }
  else if (g_str_equal (category, "people"))
    {
      any = append_people (body, kase, person);
    }
  else if (g_str_equal (category, "exploitation"))
    {
      any = append_fields (body, lanka_case_get_exploitation (kase), exploitation_fields,
                           G_N_ELEMENTS (exploitation_fields), "  ");
    }
  else if (g_str_equal (category, "risk"))
    {
      any |= append_fields (body, lanka_case_get_record (kase), case_risk_fields,
                            G_N_ELEMENTS (case_risk_fields), "  ");
      any |= append_flags (body, kase, risk_flags);
      any |= append_records (body, kase, lanka_case_get_assessments (kase), assessment_fields,
                             G_N_ELEMENTS (assessment_fields));
    }
  else if (g_str_equal (category, "health"))
    {
      any = append_flags (body, kase, health_flags);
    }
  else if (g_str_equal (category, "permits"))
    {
      any = append_records (body, kase, lanka_case_get_permits (kase), permit_fields,
                            G_N_ELEMENTS (permit_fields));
    }
  else if (g_str_equal (category, "legal"))
    {
      static const Field injured = { "case", "injured_party" };

      any |= append_field (body, lanka_case_get_record (kase), &injured, "  ");
      any |= append_fields (body, lanka_case_get_legal_process (kase), legal_fields,
                            G_N_ELEMENTS (legal_fields), "  ");
    }
  else if (g_str_equal (category, "plan"))
    {
      any = append_records (body, kase, lanka_case_get_plan (kase), plan_fields,
                            G_N_ELEMENTS (plan_fields));
    }
  else
    {
      /* A category this version does not know: its heading says it was
       * shared, and nothing is printed under it.
       */
    }

  g_string_append_printf (text, "\n%s\n",
                          get_label (LANKA_VOCABULARY_SHARE_CATEGORY, category));
  if (any)
    g_string_append (text, body->str);
  else
    g_string_append_printf (text, "  %s\n", _("Nothing recorded."));
}

static LankaRecord *
find_consent (LankaDatabase  *database,
              LankaCase      *kase,
              const char     *uuid,
              GError        **error)
{
  g_autoptr(GListModel) consents = NULL;

  consents = lanka_consents_list (database, lanka_case_get_uuid (kase), error);
  if (consents == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (consents); i++)
    {
      g_autoptr(LankaRecord) consent = g_list_model_get_item (consents, i);

      if (g_strcmp0 (lanka_record_get_uuid (consent), uuid) == 0)
        return g_steal_pointer (&consent);
    }

  return NULL;
}

static void
append_line (GString    *text,
             const char *label,
             const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  /* Translators: a line of a printed referral summary, "Reason: Protection" */
  g_string_append_printf (text, _("%s: %s\n"), label, value);
}

/**
 * lanka_referral_print_dup_summary:
 * @database: the open database, for the consent the referral rests on
 * @kase: the case referred
 * @referral: a "referral" record of @kase
 * @error: return location for a #GError
 *
 * Writes nothing, not even an audit row: that is for the printing.
 *
 * Returns: (transfer full): the summary as plain text, or %NULL with
 *   @error set when the consent could not be read
 */
char *
lanka_referral_print_dup_summary (LankaDatabase  *database,
                                  LankaCase      *kase,
                                  LankaRecord    *referral,
                                  GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(LankaRecord) consent = NULL;
  const char * const *shared;
  const char *basis;
  const char *person_uuid;
  const char *contact_name;
  LankaRecord *person = NULL;
  g_autofree char *recipient = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (LANKA_IS_CASE (kase), NULL);
  g_return_val_if_fail (LANKA_IS_RECORD (referral), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  basis = lanka_record_get (referral, "basis");
  if (g_strcmp0 (basis, "consent") == 0 && lanka_record_get (referral, "consent") != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      consent = find_consent (database, kase, lanka_record_get (referral, "consent"),
                              &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  person_uuid = lanka_record_get (referral, "person");
  if (person_uuid != NULL)
    person = lanka_case_find_record (kase, person_uuid);
  if (person == NULL)
    person = lanka_case_get_victim (kase);

  g_string_append_printf (text, "%s\n\n", _("Referral Summary"));

  append_line (text, _("Case"), lanka_case_get_number (kase));

  contact_name = lanka_record_get (referral, "contact_name");
  if (contact_name != NULL)
    /* Translators: the recipient of a referral and the contact person
     * there, "Mikamottagningen (Anna Berg)"
     */
    recipient = g_strdup_printf (_("%s (%s)"), lanka_record_get (referral, "agency_name"),
                                 contact_name);
  else
    recipient = g_strdup (lanka_record_get (referral, "agency_name"));
  append_line (text, _("To"), recipient);
  append_line (text, _("Date"), lanka_record_get (referral, "sent_on"));
  append_line (text, _("Reason"),
               lanka_record_get (referral, "reason") != NULL
               ? get_label (LANKA_VOCABULARY_REFERRAL_REASON, lanka_record_get (referral, "reason"))
               : NULL);
  append_line (text, _("Basis for sharing"),
               basis != NULL ? get_label (LANKA_VOCABULARY_DISCLOSURE_BASIS, basis) : NULL);

  if (consent != NULL)
    {
      g_autofree char *given = NULL;

      /* Translators: how a consent was given: who gave it, oral or
       * written, and the date, "The person, written, 2026-03-01"
       */
      given = g_strdup_printf (_("%s, %s, %s"),
                               get_label (LANKA_VOCABULARY_CONSENT_GIVEN_BY,
                                          lanka_record_get (consent, "given_by")),
                               get_label (LANKA_VOCABULARY_CONSENT_FORM,
                                          lanka_record_get (consent, "form")),
                               lanka_record_get (consent, "given_on") ?: "");
      append_line (text, _("Consent given"), given);
      append_line (text, _("Consent valid until"), lanka_record_get (consent, "valid_until"));
    }
  else if (g_strcmp0 (basis, "consent") != 0)
    {
      append_line (text, _("Justification"), lanka_record_get (referral, "justification"));
    }

  shared = lanka_record_get_list (referral, "shared");
  if (shared == NULL || shared[0] == NULL)
    {
      g_string_append_printf (text, "\n%s\n", _("No information about the case is shared."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  g_string_append_printf (text, "\n%s\n", _("Shared Information"));

  /* In the vocabulary's order, which is the case's order, whatever order
   * the boxes were ticked in.
   */
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_SHARE_CATEGORY); i++)
    {
      const char *category = lanka_vocabulary_get_code (LANKA_VOCABULARY_SHARE_CATEGORY, i);

      if (g_strv_contains (shared, category))
        append_category (text, kase, person, category);
    }

  for (guint i = 0; shared[i] != NULL; i++)
    if (!lanka_vocabulary_contains (LANKA_VOCABULARY_SHARE_CATEGORY, shared[i]))
      append_category (text, kase, person, shared[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Printing */

#define HEADER_POINTS 8.0

typedef struct
{
  char        *text;
  char        *header;
  PangoLayout *layout;
  /* Where each page begins in the layout, in points, and where the last
   * one ends.
   */
  GArray      *tops;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->text);
  g_free (job->header);
  g_clear_object (&job->layout);
  g_clear_pointer (&job->tops, g_array_unref);
  g_free (job);
}

static double
get_body_top (void)
{
  return HEADER_POINTS * 3;
}

/* Lays the text out at the page's width and breaks it into pages at line
 * boundaries, so that no line is cut in two.
 */
static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  double body_height = gtk_print_context_get_height (context) - get_body_top ();
  PangoLayoutIter *iter;
  double page_top = 0;
  double bottom = 0;

  job->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->layout, font);
  pango_layout_set_width (job->layout,
                          pango_units_from_double (gtk_print_context_get_width (context)));
  pango_layout_set_wrap (job->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (job->layout, job->text, -1);

  job->tops = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (job->tops, page_top);

  iter = pango_layout_get_iter (job->layout);
  do
    {
      PangoRectangle line;
      double line_top, line_bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      line_top = pango_units_to_double (line.y);
      line_bottom = pango_units_to_double (line.y + line.height);

      if (line_bottom - page_top > body_height && line_top > page_top)
        {
          page_top = line_top;
          g_array_append_val (job->tops, page_top);
        }
      bottom = line_bottom;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_array_append_val (job->tops, bottom);
  gtk_print_operation_set_n_pages (operation, job->tops->len - 1);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 8");
  g_autoptr(PangoLayout) header = gtk_print_context_create_pango_layout (context);
  g_autofree char *header_text = NULL;
  double top = g_array_index (job->tops, double, page_nr);
  double next = g_array_index (job->tops, double, page_nr + 1);

  /* Translators: the header of each page of a printed referral summary:
   * the case number, then the page and the number of pages
   */
  header_text = g_strdup_printf (_("Confidential · %s · Page %d of %d"), job->header,
                                 page_nr + 1, (int) job->tops->len - 1);
  pango_layout_set_font_description (header, font);
  pango_layout_set_text (header, header_text, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, header);

  /* The whole text, moved up to this page's first line and cut off after
   * its last.
   */
  cairo_save (cr);
  cairo_rectangle (cr, 0, get_body_top (), gtk_print_context_get_width (context), next - top);
  cairo_clip (cr);
  cairo_move_to (cr, 0, get_body_top () - top);
  pango_cairo_show_layout (cr, job->layout);
  cairo_restore (cr);
}

/**
 * _lanka_referral_print_run:
 * @parent: (nullable): the window to put the print dialog over
 * @database: the open database
 * @kase: the case referred
 * @referral: the referral
 * @action: show the print dialog, or export for tests
 * @export_filename: (nullable): the file to export to with
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @error: return location for a #GError
 *
 * Returns: whether the summary was printed or the print was cancelled,
 *   %FALSE with @error set when it failed
 */
gboolean
_lanka_referral_print_run (GtkWindow                *parent,
                           LankaDatabase            *database,
                           LankaCase                *kase,
                           LankaRecord              *referral,
                           GtkPrintOperationAction   action,
                           const char               *export_filename,
                           GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  g_autofree char *job_name = NULL;
  PrintJob *job;
  char *text;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_CASE (kase), FALSE);
  g_return_val_if_fail (LANKA_IS_RECORD (referral), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = lanka_referral_print_dup_summary (database, kase, referral, error);
  if (text == NULL)
    return FALSE;

  job = g_new0 (PrintJob, 1);
  job->text = text;
  job->header = g_strdup (lanka_case_get_number (kase) ?: "");

  operation = gtk_print_operation_new ();
  /* Translators: the name of a print job, with the case number */
  job_name = g_strdup_printf (_("Referral %s"), job->header);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_object_set_data_full (G_OBJECT (operation), "lanka-print-job", job,
                          (GDestroyNotify) print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);

  result = gtk_print_operation_run (operation, action, parent, error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;

  /* What left Länka is accounted for; a cancelled dialog printed nothing. */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY ||
      result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    return lanka_referrals_audit_print (database, lanka_record_get_uuid (referral), error);

  return TRUE;
}

/**
 * lanka_referral_print:
 * @parent: (nullable): the window to put the print dialog over
 * @database: the open database
 * @kase: the case referred
 * @referral: the referral
 * @error: return location for a #GError
 *
 * Shows the print dialog for the summary of @referral; its "Print to
 * File" saves a PDF.  An audit row is written when it was printed.
 *
 * Returns: %FALSE with @error set when printing failed
 */
gboolean
lanka_referral_print (GtkWindow      *parent,
                      LankaDatabase  *database,
                      LankaCase      *kase,
                      LankaRecord    *referral,
                      GError        **error)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (LANKA_IS_CASE (kase), FALSE);
  g_return_val_if_fail (LANKA_IS_RECORD (referral), FALSE);

  return _lanka_referral_print_run (parent, database, kase, referral,
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, error);
}
