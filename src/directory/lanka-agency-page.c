/* lanka-agency-page.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-agency-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-agency-page.h"
#include "lanka-contact-editor.h"
#include "lanka-directory.h"
#include "lanka-history-dialog.h"
#include "lanka-iso-codes.h"
#include "lanka-validate.h"
#include "lanka-value-row.h"
#include "lanka-vocabulary.h"

/* Everything the directory knows about one agency, laid out the way a
 * caseworker reads it before a referral: how to reach it, what it helps
 * with, whom it takes (and, just as important, whom it does not), where,
 * and the people to ask for.  Groups without anything to say are hidden
 * rather than filled with "none".
 *
 * The page shows the agency it is given and rebuilds when it is given
 * again; editing, deleting and exporting the agency are the directory
 * view's "directory.*" actions, offered under the agency's name (the
 * window has one header bar, and the view brings the way back to the
 * list).  Contact persons are the page's own, because they are edited
 * one at a time right here.
 */
struct _LankaAgencyPage
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaAgency         *agency;

  /* The contact persons shown, and their rows in the same order. */
  GPtrArray           *contacts;
  GPtrArray           *contact_rows;
  /* Every other row added to a group, to take them out again. */
  GPtrArray           *rows;
  /* The contact person to show opened after the next load. */
  char                *expand_uuid;

  GtkWindow           *history_dialog;

  /* Template widgets */
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *unit_label;
  GtkLabel            *summary_label;
  GtkLabel            *nmt_label;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *helps_group;
  AdwPreferencesGroup *for_whom_group;
  AdwPreferencesGroup *regions_group;
  AdwPreferencesGroup *people_group;
  AdwPreferencesGroup *notes_group;
  GtkLabel            *notes_label;
  GtkLabel            *footer_label;
};

G_DEFINE_FINAL_TYPE (LankaAgencyPage, lanka_agency_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_AGENCY,
  N_PROPS,
};

enum {
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* More counties than this are counted in the header, not named. */
#define MAX_NAMED_COUNTIES 3

static const char *
get_channel_kind_label (LankaChannelKind kind)
{
  switch (kind)
    {
    case LANKA_CHANNEL_PHONE:
      return C_("channel", "Phone");

    case LANKA_CHANNEL_EMAIL:
      return C_("channel", "E-mail");

    case LANKA_CHANNEL_WEB:
      return C_("channel", "Web site");

    case LANKA_CHANNEL_ADDRESS:
      return C_("channel", "Address");

    default:
      g_assert_not_reached ();
    }
}

/* The tel: address of a number as the person wrote it, in the +46 form a
 * phone dials, or %NULL for something that is not a number (such as
 * "Ring växeln").
 */
static char *
dup_phone_uri (const char *phone)
{
  g_autofree char *normalized = lanka_phone_normalize (phone, NULL);

  if (normalized == NULL)
    return NULL;

  return g_strconcat ("tel:", normalized, NULL);
}

static char *
dup_channel_uri (const LankaChannel *channel)
{
  switch (channel->kind)
    {
    case LANKA_CHANNEL_PHONE:
      return dup_phone_uri (channel->value);

    case LANKA_CHANNEL_EMAIL:
      if (!lanka_email_validate (channel->value, NULL))
        return NULL;
      return g_strconcat ("mailto:", channel->value, NULL);

    case LANKA_CHANNEL_WEB:
      if (!lanka_web_address_validate (channel->value, NULL))
        return NULL;
      /* People write "www.example.se"; a browser needs the scheme. */
      if (strstr (channel->value, "://") == NULL)
        return g_strconcat ("https://", channel->value, NULL);
      return g_strdup (channel->value);

    case LANKA_CHANNEL_ADDRESS:
      return NULL;

    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
create_channel_row (const LankaChannel *channel,
                    gboolean            personal)
{
  g_autofree char *uri = dup_channel_uri (channel);
  const char *label = channel->label != NULL ? channel->label : get_channel_kind_label (channel->kind);
  GtkWidget *row = lanka_value_row_new (label, channel->value, uri);

  lanka_value_row_set_personal (LANKA_VALUE_ROW (row), personal);

  if (channel->kind == LANKA_CHANNEL_ADDRESS)
    lanka_value_row_set_copy_label (LANKA_VALUE_ROW (row), _("Copy address"));
  else if (uri == NULL)
    lanka_value_row_set_copy_label (LANKA_VALUE_ROW (row),
                                    channel->kind == LANKA_CHANNEL_PHONE ? _("Copy phone number") :
                                    channel->kind == LANKA_CHANNEL_EMAIL ? _("Copy e-mail address") :
                                    _("Copy web address"));

  return row;
}

static GtkWidget *
create_text_row (const char *title,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text != NULL ? text : "");

  return row;
}

/* The labels of @codes, in the vocabulary's order so that two agencies
 * read alike; codes the vocabulary does not know are shown as they are.
 */
static char *
join_labels (LankaVocabulary     vocabulary,
             const char * const *codes)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  guint n_codes = lanka_vocabulary_get_n_codes (vocabulary);

  if (codes == NULL || codes[0] == NULL)
    return NULL;

  for (guint i = 0; i < n_codes; i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);

      if (!g_strv_contains (codes, code))
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, lanka_vocabulary_get_label (vocabulary, code));
    }

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (lanka_vocabulary_contains (vocabulary, codes[i]))
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, codes[i]);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* "Other" help is free to hold codes of any list, such as a support type
 * the agency offers only to children.
 */
static const char *
get_any_label (const char *code)
{
  static const LankaVocabulary vocabularies[] = {
    LANKA_VOCABULARY_SUPPORT_TYPE,
    LANKA_VOCABULARY_EXPLOITATION,
    LANKA_VOCABULARY_ACCEPTS,
    LANKA_VOCABULARY_AGENCY_TYPE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (vocabularies); i++)
    if (lanka_vocabulary_contains (vocabularies[i], code))
      return lanka_vocabulary_get_label (vocabularies[i], code);

  return code;
}

static char *
join_other_labels (const char * const *codes)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  if (codes == NULL || codes[0] == NULL)
    return NULL;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, get_any_label (codes[i]));
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Languages written as ISO codes ("sv", "ti") are shown by their names in
 * the interface's language; anything else as it was written.
 */
static char *
join_languages (const char * const *languages)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (languages == NULL || languages[0] == NULL)
    return NULL;

  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *name = lanka_iso_language_get_name (languages[i]);

      g_ptr_array_add (names, (gpointer)(name != NULL ? name : languages[i]));
    }
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **)names->pdata);
}

static void
add_row (LankaAgencyPage     *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
}

static void
add_text_row (LankaAgencyPage     *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *text)
{
  if (text == NULL || text[0] == '\0')
    return;

  add_row (self, group, create_text_row (title, text));
}

static void
remove_row (GtkWidget *row)
{
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

  g_assert (group != NULL);

  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
}

static void
clear_rows (LankaAgencyPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    remove_row (g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->contact_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->helps_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->for_whom_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->regions_group), FALSE);
}

static void
clear_contact_rows (LankaAgencyPage *self)
{
  for (guint i = 0; i < self->contact_rows->len; i++)
    remove_row (g_ptr_array_index (self->contact_rows, i));
  g_ptr_array_set_size (self->contact_rows, 0);
  g_ptr_array_set_size (self->contacts, 0);
}

static void
close_history_dialog (LankaAgencyPage *self)
{
  if (self->history_dialog != NULL)
    gtk_window_destroy (self->history_dialog);
  g_assert (self->history_dialog == NULL);
}

static void
update_actions (LankaAgencyPage *self)
{
  gboolean has_agency = self->database != NULL &&
                        self->agency != NULL &&
                        lanka_agency_get_uuid (self->agency) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agency-page.add-contact", has_agency);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agency-page.edit-contact", has_agency);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agency-page.delete-contact", has_agency);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agency-page.show-history", has_agency);
}

static GtkWidget *
create_history_row (LankaAgencyContact *contact)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Change _History"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "agency-page.show-history");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", lanka_agency_contact_get_uuid (contact));

  return row;
}

static GtkWidget *
create_contact_buttons (LankaAgencyContact *contact)
{
  /* Delete is not red: the question it asks first is the warning. */
  static const struct {
    const char *label;
    const char *action;
  } buttons[] = {
    { N_("_Edit"), "agency-page.edit-contact" },
    { N_("_Delete"), "agency-page.delete-contact" },
  };
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        lanka_agency_contact_get_uuid (contact));
      gtk_box_append (GTK_BOX (box), button);
    }

  /* The buttons take the focus, not the row around them. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static GtkWidget *
create_contact_row (LankaAgencyContact *contact)
{
  GtkWidget *row = adw_expander_row_new ();
  GPtrArray *channels = lanka_agency_contact_get_channels (contact);
  const char *role = lanka_agency_contact_get_role (contact);
  const char *notes = lanka_agency_contact_get_notes (contact);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lanka_agency_contact_get_name (contact));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), role != NULL ? role : "");

  /* A person's numbers are personal data: copies leave the clipboard. */
  for (guint i = 0; i < channels->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              create_channel_row (g_ptr_array_index (channels, i), TRUE));

  if (notes != NULL)
    {
      GtkWidget *notes_row = lanka_value_row_new (_("Notes"), notes, NULL);

      lanka_value_row_set_copy_label (LANKA_VALUE_ROW (notes_row), _("Copy notes"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), notes_row);
    }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_history_row (contact));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_contact_buttons (contact));

  return row;
}

/**
 * lanka_agency_page_reload_contacts:
 * @self: a #LankaAgencyPage
 *
 * Reads the agency's contact persons from the database again.
 */
void
lanka_agency_page_reload_contacts (LankaAgencyPage *self)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANKA_IS_AGENCY_PAGE (self));

  /* A person opened before a reload stays open after it. */
  for (guint i = 0; i < self->contact_rows->len; i++)
    if (adw_expander_row_get_expanded (g_ptr_array_index (self->contact_rows, i)))
      g_ptr_array_add (expanded,
                       g_strdup (lanka_agency_contact_get_uuid (g_ptr_array_index (self->contacts, i))));
  if (self->expand_uuid != NULL)
    g_ptr_array_add (expanded, g_steal_pointer (&self->expand_uuid));

  clear_contact_rows (self);

  if (self->database == NULL || self->agency == NULL || lanka_agency_get_uuid (self->agency) == NULL)
    return;

  contacts = lanka_directory_list_contacts (self->database,
                                            lanka_agency_get_uuid (self->agency),
                                            &error);

  if (contacts == NULL)
    {
      adw_preferences_group_set_description (self->people_group, error->message);
      return;
    }

  if (contacts->len == 0)
    {
      adw_preferences_group_set_description (self->people_group,
                                             _("Add the people you work with at this agency."));
      return;
    }

  adw_preferences_group_set_description (self->people_group, NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      LankaAgencyContact *contact = g_ptr_array_index (contacts, i);
      GtkWidget *row = create_contact_row (contact);
      const char *uuid = lanka_agency_contact_get_uuid (contact);

      /* One person is opened at once: there is nothing to choose between. */
      if (contacts->len == 1 ||
          g_ptr_array_find_with_equal_func (expanded, uuid, g_str_equal, NULL))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

      adw_preferences_group_add (self->people_group, row);
      g_ptr_array_add (self->contact_rows, row);
      g_ptr_array_add (self->contacts, g_object_ref (contact));
    }
}

static void
fill_header (LankaAgencyPage *self)
{
  LankaAgency *agency = self->agency;
  const char *unit = lanka_agency_get_unit (agency);
  const char *type = lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE,
                                                 lanka_agency_get_agency_type (agency));
  g_autofree char *region = lanka_vocabulary_dup_reach (lanka_agency_get_counties (agency),
                                                         lanka_agency_get_national (agency),
                                                         MAX_NAMED_COUNTIES);
  g_autofree char *summary = NULL;

  gtk_label_set_label (self->name_label, lanka_agency_get_name (agency));
  adw_avatar_set_text (self->avatar, lanka_agency_get_name (agency));

  gtk_label_set_label (self->unit_label, unit != NULL ? unit : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unit_label), unit != NULL);

  if (type != NULL && region != NULL)
    /* Translators: an agency's type and where it works, such as
     * "Police · Whole country" or "Protected housing · Gävleborg".
     */
    summary = g_strdup_printf (_("%s · %s"), type, region);
  else
    summary = g_strdup (type != NULL ? type : region);

  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->nmt_label), lanka_agency_get_nmt (agency));
}

static void
fill_contact_group (LankaAgencyPage *self)
{
  LankaAgency *agency = self->agency;
  GPtrArray *channels = lanka_agency_get_channels (agency);
  const char *opening_hours = lanka_agency_get_opening_hours (agency);
  const char *out_of_hours = lanka_agency_get_out_of_hours (agency);
  const char *organisation_number = lanka_agency_get_organisation_number (agency);

  /* An agency's numbers and addresses are public: copies may stay. */
  for (guint i = 0; i < channels->len; i++)
    add_row (self, self->contact_group, create_channel_row (g_ptr_array_index (channels, i), FALSE));

  if (opening_hours != NULL)
    {
      GtkWidget *row = lanka_value_row_new (_("Opening hours"), opening_hours, NULL);

      lanka_value_row_set_personal (LANKA_VALUE_ROW (row), FALSE);
      lanka_value_row_set_copy_label (LANKA_VALUE_ROW (row), _("Copy opening hours"));
      add_row (self, self->contact_group, row);
    }

  if (out_of_hours != NULL)
    {
      g_autofree char *uri = dup_phone_uri (out_of_hours);
      GtkWidget *row = lanka_value_row_new (_("Out of hours"), out_of_hours, uri);

      lanka_value_row_set_personal (LANKA_VALUE_ROW (row), FALSE);
      if (uri == NULL)
        lanka_value_row_set_copy_label (LANKA_VALUE_ROW (row), _("Copy out-of-hours contact"));
      add_row (self, self->contact_group, row);
    }

  if (organisation_number != NULL)
    {
      GtkWidget *row = lanka_value_row_new (_("Organisation number"), organisation_number, NULL);

      lanka_value_row_set_personal (LANKA_VALUE_ROW (row), FALSE);
      lanka_value_row_set_copy_label (LANKA_VALUE_ROW (row), _("Copy organisation number"));
      add_row (self, self->contact_group, row);
    }
}

static void
fill_helps_group (LankaAgencyPage *self)
{
  LankaAgency *agency = self->agency;
  g_autofree char *support = join_labels (LANKA_VOCABULARY_SUPPORT_TYPE,
                                          lanka_agency_get_support (agency));
  g_autofree char *exploitation = join_labels (LANKA_VOCABULARY_EXPLOITATION,
                                               lanka_agency_get_exploitation (agency));
  g_autofree char *other = join_other_labels (lanka_agency_get_other_helps (agency));

  add_text_row (self, self->helps_group, _("Support"), support);
  add_text_row (self, self->helps_group, _("Forms of exploitation"), exploitation);
  add_text_row (self, self->helps_group, C_("helps with", "Other"), other);
}

static void
fill_for_whom_group (LankaAgencyPage *self)
{
  LankaAgency *agency = self->agency;
  const char * const *accepts = lanka_agency_get_accepts (agency);
  g_autofree char *accepted = join_labels (LANKA_VOCABULARY_ACCEPTS, accepts);
  g_autofree char *languages = join_languages (lanka_agency_get_languages (agency));

  /* Whom an agency takes is only known when it lists anyone; then a
   * missing group is a "no", and a family must not be sent to a shelter
   * that turns the children away.
   */
  if (accepted != NULL && !g_strv_contains (accepts, "children"))
    {
      GtkWidget *row;

      if (g_strv_contains (accepts, "accompanied_children"))
        {
          row = create_text_row (_("Takes children only together with an adult"),
                                 _("Children on their own are not accepted."));
          adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-information-symbolic");
        }
      else
        {
          row = create_text_row (_("Does not take children"),
                                 _("Neither children on their own nor children with an adult."));
          adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
          gtk_widget_add_css_class (row, "lanka-warning-row");
        }

      add_row (self, self->for_whom_group, row);
    }

  add_text_row (self, self->for_whom_group, _("Accepts"), accepted);
  add_text_row (self, self->for_whom_group, _("Languages"), languages);
  add_text_row (self, self->for_whom_group, _("Limits"), lanka_agency_get_limits (agency));
}

static void
fill_regions_group (LankaAgencyPage *self)
{
  const char * const *counties = lanka_agency_get_counties (self->agency);

  if (lanka_agency_get_national (self->agency))
    {
      add_row (self, self->regions_group, create_text_row (_("Whole country"), NULL));
      return;
    }

  for (guint i = 0; counties != NULL && counties[i] != NULL; i++)
    {
      const char *name = lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY, counties[i]);

      add_row (self, self->regions_group, create_text_row (name != NULL ? name : counties[i], NULL));
    }
}

static void
fill_footer (LankaAgencyPage *self)
{
  const char *verified_on = lanka_agency_get_verified_on (self->agency);
  const char *source = lanka_agency_get_source (self->agency);
  g_autofree char *footer = NULL;

  if (verified_on != NULL && source != NULL)
    /* Translators: the date the details were checked, and where they come from. */
    footer = g_strdup_printf (_("Verified on %s · Source: %s"), verified_on, source);
  else if (verified_on != NULL)
    footer = g_strdup_printf (_("Verified on %s"), verified_on);
  else if (source != NULL)
    footer = g_strdup_printf (_("Source: %s"), source);

  gtk_label_set_label (self->footer_label, footer != NULL ? footer : "");
  gtk_widget_set_visible (GTK_WIDGET (self->footer_label), footer != NULL);
}

static void
rebuild (LankaAgencyPage *self)
{
  const char *notes;

  clear_rows (self);

  if (self->agency == NULL)
    {
      /* Nothing of the last agency stays behind, contact persons least. */
      clear_contact_rows (self);
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->unit_label, "");
      gtk_label_set_label (self->notes_label, "");
      gtk_label_set_label (self->footer_label, "");
      adw_avatar_set_text (self->avatar, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  fill_header (self);
  fill_contact_group (self);
  fill_helps_group (self);
  fill_for_whom_group (self);
  fill_regions_group (self);
  lanka_agency_page_reload_contacts (self);

  notes = lanka_agency_get_notes (self->agency);
  gtk_label_set_label (self->notes_label, notes != NULL ? notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), notes != NULL);

  fill_footer (self);

  gtk_stack_set_visible_child_name (self->stack, "agency");
}

static LankaAgencyContact *
find_contact (LankaAgencyPage *self,
              GVariant        *param)
{
  const char *uuid = g_variant_get_string (param, NULL);

  for (guint i = 0; i < self->contacts->len; i++)
    {
      LankaAgencyContact *contact = g_ptr_array_index (self->contacts, i);

      if (g_strcmp0 (lanka_agency_contact_get_uuid (contact), uuid) == 0)
        return contact;
    }

  return NULL;
}

static GtkWindow *
get_window (LankaAgencyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_contact_editor_saved_cb (LankaAgencyPage    *self,
                            LankaAgencyContact *contact,
                            LankaContactEditor *editor)
{
  g_assert (LANKA_IS_AGENCY_PAGE (self));

  g_free (self->expand_uuid);
  self->expand_uuid = contact != NULL ? g_strdup (lanka_agency_contact_get_uuid (contact)) : NULL;

  lanka_agency_page_reload_contacts (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
open_contact_editor (LankaAgencyPage    *self,
                     LankaAgencyContact *contact)
{
  LankaContactEditor *editor;

  editor = lanka_contact_editor_new (self->database, lanka_agency_get_uuid (self->agency), contact);
  gtk_window_set_transient_for (GTK_WINDOW (editor), get_window (self));
  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (on_contact_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
lanka_agency_page_add_contact (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  open_contact_editor (LANKA_AGENCY_PAGE (widget), NULL);
}

static void
lanka_agency_page_edit_contact (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaAgencyPage *self = LANKA_AGENCY_PAGE (widget);
  LankaAgencyContact *contact = find_contact (self, param);

  if (contact != NULL)
    open_contact_editor (self, contact);
}

static void
show_error (LankaAgencyPage *self,
            const char      *heading,
            const GError    *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (get_window (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LankaAgencyPage  *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "contact-uuid");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->database == NULL)
    return;

  if (!lanka_directory_delete_contact (self->database, uuid, &error))
    {
      show_error (self, _("Could Not Delete the Contact Person"), error);
      return;
    }

  lanka_agency_page_reload_contacts (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
lanka_agency_page_delete_contact (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  LankaAgencyPage *self = LANKA_AGENCY_PAGE (widget);
  LankaAgencyContact *contact = find_contact (self, param);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (contact == NULL)
    return;

  /* Unlike an agency, a person is not kept for an undo: their data
   * should be gone when the person says so.  Hence the question.
   */
  heading = g_strdup_printf (_("Delete %s?"), lanka_agency_contact_get_name (contact));
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   _("The contact person and their change history are deleted. "
                                     "This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "contact-uuid",
                          g_strdup (lanka_agency_contact_get_uuid (contact)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_agency_page_show_history (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaAgencyPage *self = LANKA_AGENCY_PAGE (widget);
  LankaAgencyContact *contact = find_contact (self, param);
  LankaHistoryDialog *dialog;

  if (contact == NULL)
    return;

  close_history_dialog (self);

  dialog = lanka_history_dialog_new (self->database,
                                     lanka_agency_contact_get_uuid (contact),
                                     lanka_agency_contact_get_name (contact));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));

  /* The history is personal data: it closes with the agency it belongs to. */
  self->history_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->history_dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_agency_page_dispose (GObject *object)
{
  LankaAgencyPage *self = (LankaAgencyPage *)object;

  close_history_dialog (self);

  g_clear_object (&self->agency);
  g_clear_object (&self->database);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_AGENCY_PAGE);

  G_OBJECT_CLASS (lanka_agency_page_parent_class)->dispose (object);
}

static void
lanka_agency_page_finalize (GObject *object)
{
  LankaAgencyPage *self = (LankaAgencyPage *)object;

  g_clear_pointer (&self->expand_uuid, g_free);

  G_OBJECT_CLASS (lanka_agency_page_parent_class)->finalize (object);
}

static void
lanka_agency_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LankaAgencyPage *self = LANKA_AGENCY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_agency_page_get_database (self));
      break;

    case PROP_AGENCY:
      g_value_set_object (value, lanka_agency_page_get_agency (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LankaAgencyPage *self = LANKA_AGENCY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_agency_page_set_database (self, g_value_get_object (value));
      break;

    case PROP_AGENCY:
      lanka_agency_page_set_agency (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_page_class_init (LankaAgencyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_agency_page_dispose;
  object_class->finalize = lanka_agency_page_finalize;
  object_class->get_property = lanka_agency_page_get_property;
  object_class->set_property = lanka_agency_page_set_property;

  /**
   * LankaAgencyPage:database:
   *
   * The open database contact persons are read from and saved to.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyPage:agency:
   *
   * The agency shown, or %NULL for none.
   */
  properties[PROP_AGENCY] =
    g_param_spec_object ("agency", NULL, NULL,
                         LANKA_TYPE_AGENCY,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaAgencyPage::changed:
   * @self: a #LankaAgencyPage
   *
   * Emitted after a contact person of the shown agency was added, changed
   * or deleted, so that lists and searches can catch up.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-agency-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, footer_label);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, for_whom_group);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, helps_group);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, nmt_label);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, people_group);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, regions_group);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LankaAgencyPage, unit_label);

  gtk_widget_class_install_action (widget_class, "agency-page.add-contact", NULL,
                                   lanka_agency_page_add_contact);
  gtk_widget_class_install_action (widget_class, "agency-page.edit-contact", "s",
                                   lanka_agency_page_edit_contact);
  gtk_widget_class_install_action (widget_class, "agency-page.delete-contact", "s",
                                   lanka_agency_page_delete_contact);
  gtk_widget_class_install_action (widget_class, "agency-page.show-history", "s",
                                   lanka_agency_page_show_history);
}

static void
lanka_agency_page_init (LankaAgencyPage *self)
{
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  self->contact_rows = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  rebuild (self);
  update_actions (self);
}

/**
 * lanka_agency_page_new:
 *
 * Returns: (transfer floating): a new #LankaAgencyPage showing nothing
 */
LankaAgencyPage *
lanka_agency_page_new (void)
{
  return g_object_new (LANKA_TYPE_AGENCY_PAGE, NULL);
}

/**
 * lanka_agency_page_get_database:
 * @self: a #LankaAgencyPage
 *
 * Returns: (nullable) (transfer none): the database
 */
LankaDatabase *
lanka_agency_page_get_database (LankaAgencyPage *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_PAGE (self), NULL);

  return self->database;
}

/**
 * lanka_agency_page_set_database:
 * @self: a #LankaAgencyPage
 * @database: (nullable): an open database, or %NULL when it is locked
 */
void
lanka_agency_page_set_database (LankaAgencyPage *self,
                                LankaDatabase   *database)
{
  g_return_if_fail (LANKA_IS_AGENCY_PAGE (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  if (database == NULL)
    close_history_dialog (self);

  lanka_agency_page_reload_contacts (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_agency_page_get_agency:
 * @self: a #LankaAgencyPage
 *
 * Returns: (nullable) (transfer none): the agency shown
 */
LankaAgency *
lanka_agency_page_get_agency (LankaAgencyPage *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_PAGE (self), NULL);

  return self->agency;
}

/**
 * lanka_agency_page_set_agency:
 * @self: a #LankaAgencyPage
 * @agency: (nullable): the agency to show, or %NULL for none
 *
 * Shows @agency.  Records are plain values, so the page does not follow
 * later changes to @agency: set it again after saving it.
 */
void
lanka_agency_page_set_agency (LankaAgencyPage *self,
                              LankaAgency     *agency)
{
  gboolean same_agency;

  g_return_if_fail (LANKA_IS_AGENCY_PAGE (self));
  g_return_if_fail (!agency || LANKA_IS_AGENCY (agency));

  same_agency = agency != NULL && self->agency != NULL &&
                g_strcmp0 (lanka_agency_get_uuid (agency), lanka_agency_get_uuid (self->agency)) == 0;

  if (!same_agency)
    {
      close_history_dialog (self);
      g_clear_pointer (&self->expand_uuid, g_free);
      /* Whatever was open belonged to the agency before. */
      clear_contact_rows (self);
    }

  if (g_set_object (&self->agency, agency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENCY]);

  rebuild (self);
  update_actions (self);

  if (!same_agency)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0.0);
}
