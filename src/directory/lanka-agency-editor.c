/* lanka-agency-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-agency-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-agency-editor.h"
#include "lanka-channel-list.h"
#include "lanka-directory.h"
#include "lanka-record-editor.h"
#include "lanka-store-error.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* Adds an agency or changes one.  The editor works on a copy: the agency
 * the caller holds changes only once the database has taken the new
 * values, so a failed save leaves both the record and what was typed as
 * they were.  Values are checked as they are typed and Save waits until
 * they can be stored; nothing is ever corrected behind the person's back.
 *
 * Locking never loses what was typed: #LankaRecordEditor keeps the form
 * as a draft, and the next editor for the same agency (or the next new
 * one) takes it up again.
 */

/* How long typing pauses before the directory is searched for agencies
 * that look like this one: long enough not to search on every key.
 */
#define SIMILAR_DELAY_MS 300

/* How drafts of this editor are named in the database: the agency's uuid,
 * or DRAFT_NEW for an agency not saved yet.
 */
#define DRAFT_KIND "agency"
#define DRAFT_NEW  "new"

/* The layout of a draft's content, so that a later one can tell an older
 * draft apart instead of misreading it.
 */
#define DRAFT_VERSION 1

typedef enum
{
  CHECKLIST_COUNTIES,
  CHECKLIST_SUPPORT,
  CHECKLIST_EXPLOITATION,
  CHECKLIST_ACCEPTS,
  N_CHECKLISTS
} Checklist;

static const LankaVocabulary checklist_vocabularies[N_CHECKLISTS] = {
  [CHECKLIST_COUNTIES] = LANKA_VOCABULARY_COUNTY,
  [CHECKLIST_SUPPORT] = LANKA_VOCABULARY_SUPPORT_TYPE,
  [CHECKLIST_EXPLOITATION] = LANKA_VOCABULARY_EXPLOITATION,
  [CHECKLIST_ACCEPTS] = LANKA_VOCABULARY_ACCEPTS,
};

/* Why the editor goes without saving; see lanka_record_editor_leave(). */
typedef enum
{
  LEAVE_CLOSE,
  LEAVE_OPEN_EXISTING,
} Leave;

struct _LankaAgencyEditor
{
  AdwWindow            parent_instance;

  LankaDatabase       *database;
  /* The agency the caller holds, when editing a saved one. */
  LankaAgency         *original;
  /* What gets saved: a fresh copy from the database, or a new agency. */
  LankaAgency         *working;
  /* What the form showed when it opened, and what Discard goes back to. */
  LankaAgency         *stored;
  /* Closing, the error and draft bars, and drafts at a lock. */
  LankaRecordEditor   *record;
  char                *initial_identity;
  char                *searched_identity;
  char                *similar_uuid;
  GPtrArray           *checks[N_CHECKLISTS];
  AdwExpanderRow      *checklist_rows[N_CHECKLISTS];
  guint                similar_source;
  guint                loading : 1;

  /* Template widgets */
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkRevealer         *similar_revealer;
  GtkRevealer         *draft_revealer;
  GtkLabel            *similar_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *unit_row;
  AdwComboRow         *type_row;
  AdwEntryRow         *organisation_number_row;
  GtkSwitch           *nmt_switch;
  GtkLabel            *identity_message;
  LankaChannelList    *phone_list;
  LankaChannelList    *email_list;
  LankaChannelList    *web_list;
  LankaChannelList    *address_list;
  AdwEntryRow         *opening_hours_row;
  AdwEntryRow         *out_of_hours_row;
  GtkLabel            *hours_message;
  GtkSwitch           *national_switch;
  AdwExpanderRow      *counties_row;
  AdwExpanderRow      *support_row;
  AdwExpanderRow      *exploitation_row;
  AdwExpanderRow      *accepts_row;
  AdwEntryRow         *languages_row;
  GtkTextView         *limits_view;
  GtkTextView         *notes_view;
  AdwEntryRow         *verified_row;
  AdwEntryRow         *source_row;
  GtkLabel            *verified_message;
};

G_DEFINE_FINAL_TYPE (LankaAgencyEditor, lanka_agency_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  OPEN_EXISTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CODE_KEY "lanka-code"

static char *
dup_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static char *
dup_view_text_as_typed (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_view_text (GtkTextView *view)
{
  return g_strstrip (dup_view_text_as_typed (view));
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* Copies everything a person can change, so that the agency the caller
 * holds shows the saved values without a trip to the database.
 */
static void
copy_agency (LankaAgency *to,
             LankaAgency *from)
{
  GPtrArray *channels = lanka_agency_get_channels (from);

  g_assert (to != from);

  g_object_set (to,
                "name", lanka_agency_get_name (from),
                "unit", lanka_agency_get_unit (from),
                "agency-type", lanka_agency_get_agency_type (from),
                "organisation-number", lanka_agency_get_organisation_number (from),
                "opening-hours", lanka_agency_get_opening_hours (from),
                "out-of-hours", lanka_agency_get_out_of_hours (from),
                "limits", lanka_agency_get_limits (from),
                "notes", lanka_agency_get_notes (from),
                "verified-on", lanka_agency_get_verified_on (from),
                "source", lanka_agency_get_source (from),
                "national", lanka_agency_get_national (from),
                "nmt", lanka_agency_get_nmt (from),
                NULL);
  lanka_agency_set_counties (to, lanka_agency_get_counties (from));
  lanka_agency_set_support (to, lanka_agency_get_support (from));
  lanka_agency_set_exploitation (to, lanka_agency_get_exploitation (from));
  lanka_agency_set_other_helps (to, lanka_agency_get_other_helps (from));
  lanka_agency_set_accepts (to, lanka_agency_get_accepts (from));
  lanka_agency_set_languages (to, lanka_agency_get_languages (from));

  lanka_agency_clear_channels (to);
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_add_channel (to, channel->kind, channel->label, channel->value);
    }
}

static GStrv
checklist_get_codes (LankaAgencyEditor *self,
                     Checklist          which)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *checks = self->checks[which];

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (builder, g_object_get_data (g_ptr_array_index (checks, i), CODE_KEY));

  return g_strv_builder_end (builder);
}

static void
checklist_set_codes (LankaAgencyEditor  *self,
                     Checklist           which,
                     const char * const *codes)
{
  GPtrArray *checks = self->checks[which];

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      const char *code = g_object_get_data (G_OBJECT (check), CODE_KEY);

      gtk_check_button_set_active (check,
                                   codes != NULL && g_strv_contains (codes, code));
    }
}

static void
update_checklist_summary (LankaAgencyEditor *self,
                          Checklist          which)
{
  g_auto(GStrv) codes = checklist_get_codes (self, which);
  g_autofree char *summary = NULL;
  guint n_codes = g_strv_length (codes);

  /* A few names say more than a number; many make a line too long. */
  if (n_codes == 0)
    {
      summary = g_strdup (_("None chosen"));
    }
  else if (n_codes <= 3)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; i < n_codes; i++)
        g_ptr_array_add (labels,
                         (gpointer)lanka_vocabulary_get_label (checklist_vocabularies[which],
                                                               codes[i]));
      g_ptr_array_add (labels, NULL);
      summary = g_strjoinv (", ", (char **)labels->pdata);
    }
  else
    {
      /* Translators: how many counties, support types or other items are
       * ticked in a list.
       */
      summary = g_strdup_printf (ngettext ("%u chosen", "%u chosen", n_codes), n_codes);
    }

  adw_expander_row_set_subtitle (self->checklist_rows[which], summary);
}

static GStrv
split_languages (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static const char *
selected_type (LankaAgencyEditor *self)
{
  guint position = adw_combo_row_get_selected (self->type_row);

  if (position >= lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_AGENCY_TYPE))
    return "other";

  return lanka_vocabulary_get_code (LANKA_VOCABULARY_AGENCY_TYPE, position);
}

static void
select_type (LankaAgencyEditor *self,
             const char        *code)
{
  guint n_codes = lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_AGENCY_TYPE);
  guint other = 0;

  for (guint i = 0; i < n_codes; i++)
    {
      const char *candidate = lanka_vocabulary_get_code (LANKA_VOCABULARY_AGENCY_TYPE, i);

      if (g_strcmp0 (candidate, code) == 0)
        {
          adw_combo_row_set_selected (self->type_row, i);
          return;
        }

      if (g_str_equal (candidate, "other"))
        other = i;
    }

  /* No type yet (a new agency, or one from an import): "Other" until the
   * person says what it is.
   */
  adw_combo_row_set_selected (self->type_row, other);
}

static void
fill_form (LankaAgencyEditor *self,
           LankaAgency       *agency)
{
  const char * const *languages = lanka_agency_get_languages (agency);
  g_autofree char *joined = NULL;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lanka_agency_get_name (agency) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), lanka_agency_get_unit (agency) ?: "");
  select_type (self, lanka_agency_get_agency_type (agency));
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_number_row),
                         lanka_agency_get_organisation_number (agency) ?: "");
  gtk_switch_set_active (self->nmt_switch, lanka_agency_get_nmt (agency));

  lanka_channel_list_set_channels (self->phone_list, lanka_agency_get_channels (agency));
  lanka_channel_list_set_channels (self->email_list, lanka_agency_get_channels (agency));
  lanka_channel_list_set_channels (self->web_list, lanka_agency_get_channels (agency));
  lanka_channel_list_set_channels (self->address_list, lanka_agency_get_channels (agency));

  gtk_editable_set_text (GTK_EDITABLE (self->opening_hours_row),
                         lanka_agency_get_opening_hours (agency) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->out_of_hours_row),
                         lanka_agency_get_out_of_hours (agency) ?: "");

  gtk_switch_set_active (self->national_switch, lanka_agency_get_national (agency));
  checklist_set_codes (self, CHECKLIST_COUNTIES, lanka_agency_get_counties (agency));
  checklist_set_codes (self, CHECKLIST_SUPPORT, lanka_agency_get_support (agency));
  checklist_set_codes (self, CHECKLIST_EXPLOITATION, lanka_agency_get_exploitation (agency));
  checklist_set_codes (self, CHECKLIST_ACCEPTS, lanka_agency_get_accepts (agency));

  joined = languages != NULL ? g_strjoinv (", ", (char **)languages) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->languages_row), joined ?: "");

  set_view_text (self->limits_view, lanka_agency_get_limits (agency));
  set_view_text (self->notes_view, lanka_agency_get_notes (agency));
  gtk_editable_set_text (GTK_EDITABLE (self->verified_row),
                         lanka_agency_get_verified_on (agency) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), lanka_agency_get_source (agency) ?: "");

  self->loading = FALSE;
}

static void
add_channels (LankaAgency      *agency,
              LankaChannelList *list)
{
  g_autoptr(GPtrArray) channels = lanka_channel_list_get_channels (list);

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_add_channel (agency, channel->kind, channel->label, channel->value);
    }
}

/* Writes what the form holds into @agency, with the spaces around each
 * value left out.  The store keeps "" as no value.
 */
static void
apply_form (LankaAgencyEditor *self,
            LankaAgency       *agency)
{
  g_autofree char *name = dup_stripped (self->name_row);
  g_autofree char *unit = dup_stripped (self->unit_row);
  g_autofree char *number = dup_stripped (self->organisation_number_row);
  g_autofree char *opening_hours = dup_stripped (self->opening_hours_row);
  g_autofree char *out_of_hours = dup_stripped (self->out_of_hours_row);
  g_autofree char *languages_text = dup_stripped (self->languages_row);
  g_autofree char *limits = dup_view_text (self->limits_view);
  g_autofree char *notes = dup_view_text (self->notes_view);
  g_autofree char *verified_on = dup_stripped (self->verified_row);
  g_autofree char *source = dup_stripped (self->source_row);
  g_auto(GStrv) counties = checklist_get_codes (self, CHECKLIST_COUNTIES);
  g_auto(GStrv) support = checklist_get_codes (self, CHECKLIST_SUPPORT);
  g_auto(GStrv) exploitation = checklist_get_codes (self, CHECKLIST_EXPLOITATION);
  g_auto(GStrv) accepts = checklist_get_codes (self, CHECKLIST_ACCEPTS);
  g_auto(GStrv) languages = split_languages (languages_text);
  gboolean national = gtk_switch_get_active (self->national_switch);

  g_object_set (agency,
                "name", name,
                "unit", unit,
                "agency-type", selected_type (self),
                "organisation-number", number,
                "opening-hours", opening_hours,
                "out-of-hours", out_of_hours,
                "limits", limits,
                "notes", notes,
                "verified-on", verified_on,
                "source", source,
                "national", national,
                "nmt", gtk_switch_get_active (self->nmt_switch),
                NULL);

  /* A national agency serves every county; ticked ones stay in the form
   * while the switch is on, but would rank it as regional in searches.
   */
  lanka_agency_set_counties (agency, national ? NULL : (const char * const *)counties);
  lanka_agency_set_support (agency, (const char * const *)support);
  lanka_agency_set_exploitation (agency, (const char * const *)exploitation);
  lanka_agency_set_accepts (agency, (const char * const *)accepts);
  lanka_agency_set_languages (agency, (const char * const *)languages);

  lanka_agency_clear_channels (agency);
  add_channels (agency, self->phone_list);
  add_channels (agency, self->email_list);
  add_channels (agency, self->web_list);
  add_channels (agency, self->address_list);
}

static LankaAgency *
form_to_agency (LankaAgencyEditor *self)
{
  LankaAgency *agency = lanka_agency_new ();

  if (self->working != NULL)
    lanka_agency_set_other_helps (agency, lanka_agency_get_other_helps (self->working));

  apply_form (self, agency);

  return agency;
}

static void
append_field (GString    *digest,
              const char *value)
{
  g_string_append (digest, value != NULL ? value : "");
  g_string_append_c (digest, '\x1f');
}

static void
append_list (GString            *digest,
             const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    append_field (digest, values[i]);
  g_string_append_c (digest, '\x1e');
}

/* Everything a person can change, in one string: what tells whether
 * closing the window would lose anything.
 */
static char *
agency_digest (LankaAgency *agency)
{
  GString *digest = g_string_new (NULL);
  GPtrArray *channels = lanka_agency_get_channels (agency);

  append_field (digest, lanka_agency_get_name (agency));
  append_field (digest, lanka_agency_get_unit (agency));
  append_field (digest, lanka_agency_get_agency_type (agency));
  append_field (digest, lanka_agency_get_organisation_number (agency));
  append_field (digest, lanka_agency_get_opening_hours (agency));
  append_field (digest, lanka_agency_get_out_of_hours (agency));
  append_field (digest, lanka_agency_get_limits (agency));
  append_field (digest, lanka_agency_get_notes (agency));
  append_field (digest, lanka_agency_get_verified_on (agency));
  append_field (digest, lanka_agency_get_source (agency));
  append_field (digest, lanka_agency_get_national (agency) ? "national" : "");
  append_field (digest, lanka_agency_get_nmt (agency) ? "nmt" : "");
  append_list (digest, lanka_agency_get_counties (agency));
  append_list (digest, lanka_agency_get_support (agency));
  append_list (digest, lanka_agency_get_exploitation (agency));
  append_list (digest, lanka_agency_get_accepts (agency));
  append_list (digest, lanka_agency_get_languages (agency));

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      append_field (digest, lanka_channel_kind_to_string (channel->kind));
      append_field (digest, channel->label);
      append_field (digest, channel->value);
    }

  return g_string_free (digest, FALSE);
}

/* What makes an agency look like another one: name, organisation number,
 * phone numbers and e-mail addresses.  Empty when none is filled in.
 */
static char *
agency_identity (LankaAgency *agency)
{
  GString *identity = g_string_new (NULL);
  GPtrArray *channels = lanka_agency_get_channels (agency);

  if (lanka_agency_get_name (agency) != NULL)
    append_field (identity, lanka_agency_get_name (agency));
  if (lanka_agency_get_organisation_number (agency) != NULL)
    append_field (identity, lanka_agency_get_organisation_number (agency));

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind == LANKA_CHANNEL_PHONE || channel->kind == LANKA_CHANNEL_EMAIL)
        append_field (identity, channel->value);
    }

  return g_string_free (identity, FALSE);
}

static char *
form_digest (GtkWindow *editor)
{
  g_autoptr(LankaAgency) agency = form_to_agency (LANKA_AGENCY_EDITOR (editor));

  return agency_digest (agency);
}

static void
hide_similar (LankaAgencyEditor *self)
{
  g_clear_pointer (&self->similar_uuid, g_free);
  gtk_revealer_set_reveal_child (self->similar_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-existing", FALSE);
}

static char *
describe_similarity (LankaSimilarity reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reasons & LANKA_SIMILARITY_NAME)
    g_ptr_array_add (parts, _("same name"));
  if (reasons & LANKA_SIMILARITY_PHONE)
    g_ptr_array_add (parts, _("same phone number"));
  if (reasons & LANKA_SIMILARITY_EMAIL)
    g_ptr_array_add (parts, _("same e-mail address"));
  if (reasons & LANKA_SIMILARITY_ORGANISATION_NUMBER)
    g_ptr_array_add (parts, _("same organisation number"));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **)parts->pdata);
}

static gboolean
search_similar_cb (gpointer user_data)
{
  LankaAgencyEditor *self = user_data;
  g_autoptr(LankaAgency) probe = form_to_agency (self);
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *message = NULL;
  const char *own_uuid = self->original != NULL ? lanka_agency_get_uuid (self->original) : NULL;
  const LankaSimilarAgency *first = NULL;
  guint n_others = 0;

  self->similar_source = 0;

  /* A search that fails only means no warning: the warning helps, it
   * never stands in the way of saving.
   */
  if (!(similar = lanka_directory_find_similar (self->database, probe, &error)))
    {
      hide_similar (self);
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < similar->len; i++)
    {
      const LankaSimilarAgency *match = g_ptr_array_index (similar, i);

      if (g_strcmp0 (lanka_agency_get_uuid (match->agency), own_uuid) == 0)
        continue;

      if (first == NULL)
        first = match;
      else
        n_others++;
    }

  if (first == NULL)
    {
      hide_similar (self);
      return G_SOURCE_REMOVE;
    }

  reasons = describe_similarity (first->reasons);
  /* Translators: the first %s is the name of an agency already in the
   * directory, the second what the two have in common, such as "same
   * name, same phone number".
   */
  message = g_strdup_printf (_("This looks like “%s” (%s)"),
                             lanka_agency_get_name (first->agency), reasons);

  if (n_others > 0)
    {
      g_autofree char *more = NULL;
      g_autofree char *alone = g_steal_pointer (&message);

      more = g_strdup_printf (ngettext ("One more agency looks alike.",
                                        "%u more agencies look alike.",
                                        n_others),
                              n_others);
      message = g_strdup_printf ("%s. %s", alone, more);
    }

  g_free (self->similar_uuid);
  self->similar_uuid = g_strdup (lanka_agency_get_uuid (first->agency));
  gtk_label_set_label (self->similar_label, message);
  gtk_revealer_set_reveal_child (self->similar_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-existing", TRUE);

  return G_SOURCE_REMOVE;
}

static void
schedule_similar_search (LankaAgencyEditor *self,
                         LankaAgency       *probe)
{
  g_autofree char *identity = agency_identity (probe);

  /* Editing only checks again what the person changed; an agency always
   * looks like itself.
   */
  if (identity[0] == '\0' ||
      (self->original != NULL && g_strcmp0 (identity, self->initial_identity) == 0))
    {
      g_clear_handle_id (&self->similar_source, g_source_remove);
      g_clear_pointer (&self->searched_identity, g_free);
      hide_similar (self);
      return;
    }

  if (g_strcmp0 (identity, self->searched_identity) == 0)
    return;

  g_free (self->searched_identity);
  self->searched_identity = g_steal_pointer (&identity);

  g_clear_handle_id (&self->similar_source, g_source_remove);
  self->similar_source = g_timeout_add (SIMILAR_DELAY_MS, search_similar_cb, self);
}

/* Marks @row as wrong, with @error's sentence, or as right when @error is
 * %NULL.  Returns whether it is right.
 */
static gboolean
mark_field (GtkWidget    *row,
            const GError *error,
            GString      *messages)
{
  if (error == NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return TRUE;
    }

  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                  -1);

  if (messages->len > 0)
    g_string_append_c (messages, '\n');
  g_string_append (messages, error->message);

  return FALSE;
}

static void
show_messages (GtkLabel *label,
               GString  *messages)
{
  gtk_label_set_label (label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (label), messages->len > 0);
}

static gboolean
check_date (const char  *text,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gboolean shaped = strlen (text) == 10 && text[4] == '-' && text[7] == '-';

  for (guint i = 0; shaped && i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      shaped = FALSE;

  if (!shaped ||
      !g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text)))
    {
      /* Translators: %s is today's date, such as 2026-03-14. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Write the date as year-month-day, such as %s."), today);
      return FALSE;
    }

  /* The same shape sorts as text in date order. */
  if (strcmp (text, today) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The date is in the future."));
      return FALSE;
    }

  return TRUE;
}

/* Checks every field, shows what is wrong beside it, and lets Save work
 * only when everything can be stored.
 */
static void
update_state (LankaAgencyEditor *self)
{
  g_autoptr(LankaAgency) probe = NULL;
  g_autoptr(GString) identity_messages = g_string_new (NULL);
  g_autoptr(GString) hours_messages = g_string_new (NULL);
  g_autoptr(GString) verified_messages = g_string_new (NULL);
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) number_error = NULL;
  g_autoptr(GError) out_of_hours_error = NULL;
  g_autoptr(GError) verified_error = NULL;
  gboolean valid = TRUE;
  const char *value;

  if (self->loading)
    return;

  probe = form_to_agency (self);

  /* A new form is not wrong yet: only a name that was typed and then
   * removed gets the message.
   */
  if (lanka_agency_get_name (probe) == NULL)
    {
      valid = FALSE;
      if (lanka_record_editor_get_name_edited (self->record))
        g_set_error_literal (&name_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("An agency needs a name."));
    }
  mark_field (GTK_WIDGET (self->name_row), name_error, identity_messages);

  if ((value = lanka_agency_get_organisation_number (probe)) != NULL)
    lanka_organisation_number_validate (value, &number_error);
  valid &= mark_field (GTK_WIDGET (self->organisation_number_row), number_error,
                       identity_messages);

  if ((value = lanka_agency_get_out_of_hours (probe)) != NULL)
    {
      g_autofree char *normal = lanka_phone_normalize (value, &out_of_hours_error);
    }
  valid &= mark_field (GTK_WIDGET (self->out_of_hours_row), out_of_hours_error, hours_messages);

  if ((value = lanka_agency_get_verified_on (probe)) != NULL)
    check_date (value, &verified_error);
  valid &= mark_field (GTK_WIDGET (self->verified_row), verified_error, verified_messages);

  show_messages (self->identity_message, identity_messages);
  show_messages (self->hours_message, hours_messages);
  show_messages (self->verified_message, verified_messages);

  valid &= lanka_channel_list_get_valid (self->phone_list);
  valid &= lanka_channel_list_get_valid (self->email_list);
  valid &= lanka_channel_list_get_valid (self->web_list);
  valid &= lanka_channel_list_get_valid (self->address_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && self->working != NULL);

  schedule_similar_search (self, probe);
}

static void
on_name_changed_cb (LankaAgencyEditor *self,
                    GtkEditable       *editable)
{
  if (!self->loading)
    lanka_record_editor_set_name_edited (self->record, TRUE);

  update_state (self);
}

/* Any part of the form changed: an entry, a list of phone numbers and
 * the like, or a text.
 */
static void
on_form_changed_cb (LankaAgencyEditor *self,
                    gpointer           part)
{
  update_state (self);
}

static void
on_switch_active_cb (LankaAgencyEditor *self,
                     GParamSpec        *pspec,
                     GtkSwitch         *sw)
{
  gtk_widget_set_visible (GTK_WIDGET (self->counties_row),
                          !gtk_switch_get_active (self->national_switch));
  update_state (self);
}

static void
on_type_selected_cb (LankaAgencyEditor *self,
                     GParamSpec        *pspec,
                     AdwComboRow       *row)
{
  update_state (self);
}

static void
on_check_toggled_cb (LankaAgencyEditor *self,
                     GtkCheckButton    *check)
{
  Checklist which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "lanka-checklist"));

  update_checklist_summary (self, which);
  update_state (self);
}

static void
build_checklist (LankaAgencyEditor *self,
                 Checklist          which,
                 AdwExpanderRow    *expander)
{
  LankaVocabulary vocabulary = checklist_vocabularies[which];
  guint n_codes = lanka_vocabulary_get_n_codes (vocabulary);

  self->checks[which] = g_ptr_array_new ();
  self->checklist_rows[which] = expander;

  for (guint i = 0; i < n_codes; i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     lanka_vocabulary_get_label (vocabulary, code));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (expander, row);

      g_object_set_data (G_OBJECT (check), CODE_KEY, (gpointer)code);
      g_object_set_data (G_OBJECT (check), "lanka-checklist", GUINT_TO_POINTER (which));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->checks[which], check);
    }

  update_checklist_summary (self, which);
}

/* Where each part of the form is kept in a draft: under which key, and
 * in which member of the editor.
 */
typedef struct
{
  const char *key;
  glong       offset;
} DraftField;

static const DraftField draft_entries[] = {
  { "name", G_STRUCT_OFFSET (LankaAgencyEditor, name_row) },
  { "unit", G_STRUCT_OFFSET (LankaAgencyEditor, unit_row) },
  { "organisation-number", G_STRUCT_OFFSET (LankaAgencyEditor, organisation_number_row) },
  { "opening-hours", G_STRUCT_OFFSET (LankaAgencyEditor, opening_hours_row) },
  { "out-of-hours", G_STRUCT_OFFSET (LankaAgencyEditor, out_of_hours_row) },
  { "languages", G_STRUCT_OFFSET (LankaAgencyEditor, languages_row) },
  { "verified-on", G_STRUCT_OFFSET (LankaAgencyEditor, verified_row) },
  { "source", G_STRUCT_OFFSET (LankaAgencyEditor, source_row) },
};

static const DraftField draft_switches[] = {
  { "nmt", G_STRUCT_OFFSET (LankaAgencyEditor, nmt_switch) },
  { "national", G_STRUCT_OFFSET (LankaAgencyEditor, national_switch) },
};

static const DraftField draft_channel_lists[] = {
  { "phones", G_STRUCT_OFFSET (LankaAgencyEditor, phone_list) },
  { "emails", G_STRUCT_OFFSET (LankaAgencyEditor, email_list) },
  { "web", G_STRUCT_OFFSET (LankaAgencyEditor, web_list) },
  { "addresses", G_STRUCT_OFFSET (LankaAgencyEditor, address_list) },
};

static const DraftField draft_text_views[] = {
  { "limits", G_STRUCT_OFFSET (LankaAgencyEditor, limits_view) },
  { "notes", G_STRUCT_OFFSET (LankaAgencyEditor, notes_view) },
};

static const char * const draft_checklists[N_CHECKLISTS] = {
  [CHECKLIST_COUNTIES] = "counties",
  [CHECKLIST_SUPPORT] = "support",
  [CHECKLIST_EXPLOITATION] = "exploitation",
  [CHECKLIST_ACCEPTS] = "accepts",
};

#define DRAFT_MEMBER(self, field) G_STRUCT_MEMBER (gpointer, (self), (field).offset)

/* Counties stay ticked under "Whole country", as they do on screen. */
static void
save_draft (GtkWindow    *editor,
            GVariantDict *dict)
{
  LankaAgencyEditor *self = LANKA_AGENCY_EDITOR (editor);

  g_variant_dict_insert (dict, "type", "s", selected_type (self));

  for (guint i = 0; i < G_N_ELEMENTS (draft_entries); i++)
    g_variant_dict_insert (dict, draft_entries[i].key, "s",
                           gtk_editable_get_text (DRAFT_MEMBER (self, draft_entries[i])));

  for (guint i = 0; i < G_N_ELEMENTS (draft_switches); i++)
    g_variant_dict_insert (dict, draft_switches[i].key, "b",
                           gtk_switch_get_active (DRAFT_MEMBER (self, draft_switches[i])));

  for (guint i = 0; i < G_N_ELEMENTS (draft_channel_lists); i++)
    g_variant_dict_insert_value (dict, draft_channel_lists[i].key,
                                 lanka_channel_list_save_rows (DRAFT_MEMBER (self,
                                                                             draft_channel_lists[i])));

  for (guint i = 0; i < G_N_ELEMENTS (draft_text_views); i++)
    {
      g_autofree char *text = dup_view_text_as_typed (DRAFT_MEMBER (self, draft_text_views[i]));

      g_variant_dict_insert (dict, draft_text_views[i].key, "s", text);
    }

  for (guint i = 0; i < N_CHECKLISTS; i++)
    {
      g_auto(GStrv) codes = checklist_get_codes (self, i);

      g_variant_dict_insert_value (dict, draft_checklists[i],
                                   g_variant_new_strv ((const char * const *)codes, -1));
    }
}

/* A part the draft does not hold keeps the agency's value. */
static void
restore_draft (GtkWindow *editor,
               GVariant  *draft)
{
  LankaAgencyEditor *self = LANKA_AGENCY_EDITOR (editor);
  const char *text;

  self->loading = TRUE;

  if (g_variant_lookup (draft, "type", "&s", &text))
    select_type (self, text);

  for (guint i = 0; i < G_N_ELEMENTS (draft_entries); i++)
    if (g_variant_lookup (draft, draft_entries[i].key, "&s", &text))
      gtk_editable_set_text (DRAFT_MEMBER (self, draft_entries[i]), text);

  for (guint i = 0; i < G_N_ELEMENTS (draft_switches); i++)
    {
      gboolean active;

      if (g_variant_lookup (draft, draft_switches[i].key, "b", &active))
        gtk_switch_set_active (DRAFT_MEMBER (self, draft_switches[i]), active);
    }

  for (guint i = 0; i < G_N_ELEMENTS (draft_channel_lists); i++)
    {
      g_autoptr(GVariant) rows = g_variant_lookup_value (draft, draft_channel_lists[i].key,
                                                         G_VARIANT_TYPE ("a(ss)"));

      if (rows != NULL)
        lanka_channel_list_restore_rows (DRAFT_MEMBER (self, draft_channel_lists[i]), rows);
    }

  for (guint i = 0; i < G_N_ELEMENTS (draft_text_views); i++)
    if (g_variant_lookup (draft, draft_text_views[i].key, "&s", &text))
      set_view_text (DRAFT_MEMBER (self, draft_text_views[i]), text);

  for (guint i = 0; i < N_CHECKLISTS; i++)
    {
      g_autofree const char **codes = NULL;

      if (g_variant_lookup (draft, draft_checklists[i], "^a&s", &codes))
        checklist_set_codes (self, i, codes);
    }

  self->loading = FALSE;
}

static void
reset_form (GtkWindow *editor)
{
  LankaAgencyEditor *self = LANKA_AGENCY_EDITOR (editor);

  fill_form (self, self->stored);
}

static const char *
get_stored_name (GtkWindow *editor)
{
  return lanka_agency_get_name (LANKA_AGENCY_EDITOR (editor)->stored);
}

/* Whether the agency a draft belongs to has been deleted since. */
static gboolean
draft_is_orphaned (LankaDatabase *database,
                   const char    *object)
{
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (object, DRAFT_NEW))
    return FALSE;

  agency = lanka_directory_get_agency (database, object, &error);

  return g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

static void
update_form (GtkWindow *editor)
{
  update_state (LANKA_AGENCY_EDITOR (editor));
}

static void
left (GtkWindow *editor,
      guint      reason)
{
  LankaAgencyEditor *self = LANKA_AGENCY_EDITOR (editor);
  g_autofree char *uuid = g_strdup (self->similar_uuid);

  if (reason == LEAVE_OPEN_EXISTING && uuid != NULL)
    g_signal_emit (self, signals[OPEN_EXISTING], 0, uuid);
}

/* What the closing, the bars and the drafts need to know of this form. */
static const LankaRecordForm agency_form = {
  .record_name = "an agency",
  .draft_kind = DRAFT_KIND,
  .draft_version = DRAFT_VERSION,
  .dup_digest = form_digest,
  .save_draft = save_draft,
  .restore_draft = restore_draft,
  .reset = reset_form,
  .get_stored_name = get_stored_name,
  .draft_is_orphaned = draft_is_orphaned,
  .update = update_form,
  .left = left,
};

static void
lanka_agency_editor_open_existing (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LankaAgencyEditor *self = LANKA_AGENCY_EDITOR (widget);

  if (self->similar_uuid != NULL)
    lanka_record_editor_leave (self->record, LEAVE_OPEN_EXISTING);
}

static void
lanka_agency_editor_verified_today (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  LankaAgencyEditor *self = LANKA_AGENCY_EDITOR (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->verified_row), today);
}

static void
lanka_agency_editor_save (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LankaAgencyEditor *self = LANKA_AGENCY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_return_if_fail (self->working != NULL);

  apply_form (self, self->working);

  if (lanka_agency_get_uuid (self->working) == NULL)
    saved = lanka_directory_add_agency (self->database, self->working, &error);
  else
    saved = lanka_directory_update_agency (self->database, self->working, &error);

  if (!saved)
    {
      /* Translators: %s says why, as a sentence. */
      g_autofree char *message = g_strdup_printf (_("The agency was not saved. %s"),
                                                  error->message);

      lanka_record_editor_show_error (self->record, message);
      return;
    }

  if (self->original != NULL)
    copy_agency (self->original, self->working);

  lanka_record_editor_finish (self->record);
  g_signal_emit (self, signals[SAVED], 0, self->working);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lanka_agency_editor_dispose (GObject *object)
{
  LankaAgencyEditor *self = (LankaAgencyEditor *)object;

  g_clear_handle_id (&self->similar_source, g_source_remove);

  /* The question goes with the window. */
  g_clear_object (&self->record);

  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_AGENCY_EDITOR);

  g_clear_object (&self->database);
  g_clear_object (&self->original);
  g_clear_object (&self->working);
  g_clear_object (&self->stored);

  G_OBJECT_CLASS (lanka_agency_editor_parent_class)->dispose (object);
}

static void
lanka_agency_editor_finalize (GObject *object)
{
  LankaAgencyEditor *self = (LankaAgencyEditor *)object;

  for (guint i = 0; i < N_CHECKLISTS; i++)
    g_clear_pointer (&self->checks[i], g_ptr_array_unref);

  g_free (self->initial_identity);
  g_free (self->searched_identity);
  g_free (self->similar_uuid);

  G_OBJECT_CLASS (lanka_agency_editor_parent_class)->finalize (object);
}

static void
lanka_agency_editor_class_init (LankaAgencyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_agency_editor_dispose;
  object_class->finalize = lanka_agency_editor_finalize;

  /**
   * LankaAgencyEditor::saved:
   * @self: a #LankaAgencyEditor
   * @agency: the agency as it was saved, with its uuid
   *
   * Emitted when the agency was saved, just before the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_AGENCY);

  /**
   * LankaAgencyEditor::open-existing:
   * @self: a #LankaAgencyEditor
   * @uuid: the uuid of the agency this one looked like
   *
   * Emitted when the person chose to open the agency already in the
   * directory instead, just before the editor closes.
   */
  signals[OPEN_EXISTING] =
    g_signal_new ("open-existing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (LANKA_TYPE_CHANNEL_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-agency-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, accepts_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, address_list);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, counties_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, email_list);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, exploitation_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, hours_message);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, identity_message);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, languages_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, limits_view);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, national_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, nmt_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, opening_hours_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, organisation_number_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, out_of_hours_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, phone_list);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, similar_label);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, similar_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, support_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, verified_message);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, verified_row);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyEditor, web_list);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   lanka_agency_editor_save);
  gtk_widget_class_install_action (widget_class, "editor.open-existing", NULL,
                                   lanka_agency_editor_open_existing);
  gtk_widget_class_install_action (widget_class, "editor.verified-today", NULL,
                                   lanka_agency_editor_verified_today);

  lanka_record_editor_class_install_actions (widget_class);
}

static void
lanka_agency_editor_init (LankaAgencyEditor *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  guint n_types = lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_AGENCY_TYPE);

  /* Until lanka_agency_editor_new() has filled the form, changes are
   * part of building it, not of editing.
   */
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->record = lanka_record_editor_new (GTK_WINDOW (self), &agency_form,
                                          self->error_revealer, self->error_label,
                                          self->draft_revealer, GTK_EDITABLE (self->name_row));

  for (guint i = 0; i < n_types; i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_AGENCY_TYPE, i);

      gtk_string_list_append (types, lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE, code));
    }
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));

  build_checklist (self, CHECKLIST_COUNTIES, self->counties_row);
  build_checklist (self, CHECKLIST_SUPPORT, self->support_row);
  build_checklist (self, CHECKLIST_EXPLOITATION, self->exploitation_row);
  build_checklist (self, CHECKLIST_ACCEPTS, self->accepts_row);

  g_signal_connect_object (gtk_text_view_get_buffer (self->limits_view), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-existing", FALSE);
}

/**
 * lanka_agency_editor_new:
 * @database: the open database to save into
 * @agency: (nullable): a saved agency to change, or %NULL to add one
 *
 * The caller makes the editor transient for its window and presents it.
 * @agency itself only changes once the changes are saved.  When Länka locks,
 * the editor keeps its changes as a draft and closes by itself; the next
 * editor for the same record takes them up.
 *
 * Returns: (transfer none): a new editor, owned by GTK until it closes
 */
LankaAgencyEditor *
lanka_agency_editor_new (LankaDatabase *database,
                         LankaAgency   *agency)
{
  LankaAgencyEditor *self;
  g_autoptr(LankaAgency) initial = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (agency == NULL || LANKA_IS_AGENCY (agency), NULL);

  self = g_object_new (LANKA_TYPE_AGENCY_EDITOR, NULL);
  self->database = g_object_ref (database);

  if (agency != NULL && lanka_agency_get_uuid (agency) != NULL)
    {
      g_autoptr(GError) error = NULL;

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Agency"));
      self->original = g_object_ref (agency);

      /* The copy comes from the database, as only the store can give it
       * the agency's identity; the values are the ones the caller shows.
       */
      self->working = lanka_directory_get_agency (database, lanka_agency_get_uuid (agency), &error);
      if (self->working != NULL)
        {
          copy_agency (self->working, agency);
        }
      else
        {
          /* Translators: %s says why, as a sentence. */
          g_autofree char *message = g_strdup_printf (_("The agency cannot be changed. %s"),
                                                      error->message);

          lanka_record_editor_show_error (self->record, message);
        }
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Agency"));
      self->working = lanka_agency_new ();

      /* An unsaved agency, such as one read from a file, fills the form. */
      if (agency != NULL)
        copy_agency (self->working, agency);
    }

  /* A new agency starts from an empty one of its own: the working copy
   * takes what the form holds on a failed save, and Discard must not.
   */
  self->stored = agency != NULL ? g_object_ref (agency) : lanka_agency_new ();
  fill_form (self, self->stored);

  initial = form_to_agency (self);
  lanka_record_editor_mark_unchanged (self->record);
  self->initial_identity = agency_identity (initial);

  /* An agency from a file is new too, but its form is the file's: a draft
   * of a new agency would overwrite it.  Its changes are kept at a lock
   * all the same.
   */
  if (self->original != NULL)
    lanka_record_editor_set_up_drafts (self->record, database,
                                       lanka_agency_get_uuid (self->original),
                                       self->working != NULL);
  else
    lanka_record_editor_set_up_drafts (self->record, database, DRAFT_NEW, agency == NULL);

  update_state (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}
