/* lanka-merge-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-directory.h"
#include "lanka-merge-dialog.h"
#include "lanka-store-error.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* Two entries in the directory that are the same agency become one, the
 * way the person decides: for each field where they differ the person
 * picks one of the two values, lists are combined, the contact persons of
 * both are kept, and the person picks whose record stays.  Länka never
 * merges by itself; nothing is written until the person presses Merge and
 * confirms.
 */

typedef struct
{
  const char *property;
  const char *title;
} Field;

/* The single-valued fields of an agency, by their LankaAgency property. */
static const Field fields[] = {
  { "name", NC_("agency field", "Name") },
  { "unit", NC_("agency field", "Unit") },
  { "agency-type", NC_("agency field", "Type") },
  { "organisation-number", NC_("agency field", "Organisation number") },
  { "opening-hours", NC_("agency field", "Opening hours") },
  { "out-of-hours", NC_("agency field", "Out of hours") },
  { "limits", NC_("agency field", "Limits") },
  { "notes", NC_("agency field", "Notes") },
  { "verified-on", NC_("agency field", "Verified on") },
  { "source", NC_("agency field", "Source") },
};

/* One field where the two agencies differ, and the person's pick. */
typedef struct
{
  const Field    *field;
  GtkCheckButton *first_check;
  GtkCheckButton *second_check;
  GtkWidget      *group;

  /* Set once the person picked a value: choosing which record stays then
   * no longer changes it.
   */
  gboolean        touched;
} Choice;

struct _LankaMergeDialog
{
  AdwWindow       parent_instance;

  LankaDatabase  *database;
  LankaAgency    *first;
  LankaAgency    *second;
  GArray         *choices;
  GtkWidget      *keep_first_check;
  GtkWidget      *keep_second_check;
  GtkWidget      *keep_box;
  GPtrArray      *combined_rows;
  gboolean        searched;
  gboolean        setting_defaults;

  /* Template widgets */
  GtkButton      *back_button;
  GtkButton      *cancel_button;
  GtkButton      *merge_button;
  GtkStack       *stack;
  GtkLabel       *search_intro_label;
  GtkSearchEntry *search_entry;
  GtkListBox     *search_list;
  GtkLabel       *search_hint_label;
  GtkScrolledWindow *compare_scroller;
  GtkBox         *compare_box;
  GtkLabel       *error_label;
  AdwPreferencesGroup *keep_group;
  GtkLabel       *same_label;
  AdwPreferencesGroup *combined_group;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (LankaMergeDialog, lanka_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How many agencies the search step lists at most: enough to find one by
 * name, few enough to stay quick.
 */
#define SEARCH_LIMIT 50

#define ROW_UUID "lanka-uuid"

static char *
describe_error (const GError *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DISK_FULL))
    return g_strdup (_("The disk is full. Free some space and try again."));

  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID) ||
      g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
    return g_strdup (error->message);

  /* Translators: %s is the reason, as the database gives it */
  return g_strdup_printf (_("The directory could not be read or written: %s"), error->message);
}

static gboolean
is_empty (const char *value)
{
  return value == NULL || value[0] == '\0';
}

static char *
dup_field_value (LankaAgency *agency,
                 const Field *field)
{
  char *value = NULL;

  g_object_get (agency, field->property, &value, NULL);

  if (is_empty (value))
    g_clear_pointer (&value, g_free);

  return value;
}

/* The value as a person reads it: a type by its label. */
static char *
dup_display_value (LankaAgency *agency,
                   const Field *field)
{
  g_autofree char *value = dup_field_value (agency, field);
  const char *label;

  if (value != NULL && g_str_equal (field->property, "agency-type") &&
      (label = lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE, value)) != NULL)
    return g_strdup (label);

  return g_steal_pointer (&value);
}

static GStrv
union_strv (const char * const *a,
            const char * const *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  const char * const *lists[] = { a, b };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        if (g_ptr_array_find_with_equal_func (seen, lists[l][i], g_str_equal, NULL))
          continue;
        g_ptr_array_add (seen, (gpointer)lists[l][i]);
        g_strv_builder_add (builder, lists[l][i]);
      }

  return g_strv_builder_end (builder);
}

/* Phone numbers written in two ways are one number; e-mail addresses do
 * not care about case.
 */
static char *
dup_channel_key (const LankaChannel *channel)
{
  g_autofree char *normalized = NULL;

  switch (channel->kind)
    {
    case LANKA_CHANNEL_PHONE:
      normalized = lanka_phone_normalize (channel->value, NULL);
      break;

    case LANKA_CHANNEL_EMAIL:
      normalized = g_utf8_strdown (channel->value, -1);
      break;

    case LANKA_CHANNEL_WEB:
    case LANKA_CHANNEL_ADDRESS:
    default:
      break;
    }

  return g_strdup_printf ("%d:%s", channel->kind, normalized != NULL ? normalized : channel->value);
}

static GPtrArray *
union_channels (LankaAgency *a,
                LankaAgency *b)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *channels = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_channel_free);
  LankaAgency *agencies[] = { a, b };

  for (guint n = 0; n < G_N_ELEMENTS (agencies); n++)
    {
      GPtrArray *list = lanka_agency_get_channels (agencies[n]);

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          const LankaChannel *channel = g_ptr_array_index (list, i);

          if (g_hash_table_add (seen, dup_channel_key (channel)))
            g_ptr_array_add (channels, lanka_channel_copy (channel));
        }
    }

  return channels;
}

static gboolean
keeps_first (LankaMergeDialog *self)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (self->keep_first_check));
}

static void
show_merge_error (LankaMergeDialog *self,
                  const char       *message)
{
  GtkAdjustment *adjustment;

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  /* The sentence is at the top: bring it into view. */
  if (message != NULL)
    {
      adjustment = gtk_scrolled_window_get_vadjustment (self->compare_scroller);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
}

static void
show_fatal_error (LankaMergeDialog *self,
                  const char       *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", FALSE);
}

/* Where the person has not picked a value, the record that stays keeps
 * its own, unless it has none.
 */
static void
set_default_choices (LankaMergeDialog *self)
{
  gboolean first = keeps_first (self);

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  self->setting_defaults = TRUE;

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = &g_array_index (self->choices, Choice, i);
      g_autofree char *kept_value = NULL;
      gboolean take_first;

      if (choice->touched)
        continue;

      kept_value = dup_field_value (first ? self->first : self->second, choice->field);
      take_first = kept_value != NULL ? first : !first;
      gtk_check_button_set_active (take_first ? choice->first_check : choice->second_check, TRUE);
    }

  self->setting_defaults = FALSE;
}

static void
on_choice_toggled_cb (GtkCheckButton *check,
                      gpointer        user_data)
{
  LankaMergeDialog *self = user_data;

  if (self->setting_defaults || !gtk_check_button_get_active (check))
    return;

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = &g_array_index (self->choices, Choice, i);

      if (choice->first_check == check || choice->second_check == check)
        choice->touched = TRUE;
    }
}

static void
on_keep_toggled_cb (LankaMergeDialog *self,
                    GtkCheckButton   *check)
{
  if (gtk_check_button_get_active (check))
    set_default_choices (self);
}

static void
on_card_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkCheckButton  *check)
{
  gtk_check_button_set_active (check, TRUE);
}

/* A card with a radio choice, and what more there is to say about it
 * below, lined up with the choice's label.  A click anywhere on the card
 * chooses it.
 */
static GtkWidget *
new_card (GtkWidget *check,
          GtkWidget *details)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, details != NULL ? 0 : 6);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_margin_end (check, 12);
  gtk_widget_set_hexpand (check, TRUE);
  gtk_box_append (GTK_BOX (card), check);

  if (details != NULL)
    {
      /* The width of the radio indicator and its spacing. */
      gtk_widget_set_margin_start (details, 6 + 28);
      gtk_widget_set_margin_end (details, 12);
      gtk_widget_set_margin_bottom (details, 10);
      gtk_box_append (GTK_BOX (card), details);
    }

  gtk_widget_add_css_class (card, "card");

  /* Wide enough for two side by side from about 500 pixels up, one
   * above the other below that.
   */
  gtk_widget_set_size_request (card, 230, -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_card_pressed_cb), check, 0);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));

  return card;
}

static GtkWidget *
new_value_label (const char *value)
{
  GtkWidget *label;

  if (value == NULL)
    {
      label = gtk_label_new (_("Not filled in"));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      label = gtk_label_new (value);
    }

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);

  /* A long value would ask for a line of its own and put its pair one
   * above the other even in a wide window: it wraps instead.
   */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_set_hexpand (label, TRUE);

  return label;
}

/* Two cards side by side, or one above the other in a narrow window. */
static GtkWidget *
new_pair (GtkWidget *first_card,
          GtkWidget *second_card)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), first_card);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), second_card);

  /* The flow box's own children would take the focus and a highlight
   * that mean nothing here: only the check buttons are for the person.
   */
  for (GtkWidget *child = gtk_widget_get_first_child (flow);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  return flow;
}

/* What tells the two apart besides the name. */
static GtkWidget *
new_agency_details (LankaAgency *agency)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label;
  const char *unit = lanka_agency_get_unit (agency);
  const char *type = lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE,
                                                 lanka_agency_get_agency_type (agency));
  gint64 created = lanka_agency_get_created (agency);

  if (!is_empty (unit))
    {
      label = new_value_label (unit);
      gtk_box_append (GTK_BOX (box), label);
    }

  if (type != NULL)
    {
      label = new_value_label (type);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  if (created > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (created / G_USEC_PER_SEC);
      /* Translators: a date as in "Added on 3 March 2026"; see g_date_time_format() */
      g_autofree char *date = g_date_time_format (time, _("%-d %B %Y"));
      /* Translators: %s is a date */
      g_autofree char *text = g_strdup_printf (_("Added on %s"), date);

      label = new_value_label (text);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static void
build_keep_choice (LankaMergeDialog *self)
{
  GtkWidget *first_check = gtk_check_button_new ();
  GtkWidget *second_check = gtk_check_button_new ();

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  gtk_check_button_set_child (GTK_CHECK_BUTTON (first_check),
                              new_value_label (lanka_agency_get_name (self->first)));
  gtk_check_button_set_child (GTK_CHECK_BUTTON (second_check),
                              new_value_label (lanka_agency_get_name (self->second)));
  gtk_widget_add_css_class (gtk_check_button_get_child (GTK_CHECK_BUTTON (first_check)), "heading");
  gtk_widget_add_css_class (gtk_check_button_get_child (GTK_CHECK_BUTTON (second_check)), "heading");
  gtk_check_button_set_group (GTK_CHECK_BUTTON (second_check), GTK_CHECK_BUTTON (first_check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_check), TRUE);
  g_signal_connect_object (first_check, "toggled", G_CALLBACK (on_keep_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (second_check, "toggled", G_CALLBACK (on_keep_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  self->keep_first_check = first_check;
  self->keep_second_check = second_check;
  self->keep_box = new_pair (new_card (first_check, new_agency_details (self->first)),
                             new_card (second_check, new_agency_details (self->second)));
  adw_preferences_group_add (self->keep_group, self->keep_box);
}

static void
build_choices (LankaMergeDialog *self)
{
  GtkWidget *previous = GTK_WIDGET (self->keep_group);

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *first_value = dup_display_value (self->first, &fields[i]);
      g_autofree char *second_value = dup_display_value (self->second, &fields[i]);
      GtkWidget *group;
      Choice choice = { &fields[i], NULL, NULL, NULL, FALSE };

      if (g_strcmp0 (first_value, second_value) == 0)
        continue;

      choice.first_check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      choice.second_check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_child (choice.first_check, new_value_label (first_value));
      gtk_check_button_set_child (choice.second_check, new_value_label (second_value));
      gtk_check_button_set_group (choice.second_check, choice.first_check);
      g_signal_connect_object (choice.first_check, "toggled", G_CALLBACK (on_choice_toggled_cb), self, 0);
      g_signal_connect_object (choice.second_check, "toggled", G_CALLBACK (on_choice_toggled_cb), self, 0);

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       g_dpgettext2 (GETTEXT_PACKAGE, "agency field", fields[i].title));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_pair (new_card (GTK_WIDGET (choice.first_check), NULL),
                                           new_card (GTK_WIDGET (choice.second_check), NULL)));
      gtk_box_insert_child_after (self->compare_box, group, previous);
      previous = group;
      choice.group = group;

      g_array_append_val (self->choices, choice);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->same_label), self->choices->len == 0);
  set_default_choices (self);
}

/* Adds the labels of @codes to @into in the order of the vocabulary,
 * then any unknown code as it is.
 */
static void
join_vocabulary (LankaVocabulary     vocabulary,
                 const char * const *codes,
                 GPtrArray          *into)
{
  if (codes == NULL)
    return;

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);

      if (g_strv_contains (codes, code))
        g_ptr_array_add (into, g_strdup (lanka_vocabulary_get_label (vocabulary, code)));
    }

  for (guint i = 0; codes[i] != NULL; i++)
    if (!lanka_vocabulary_contains (vocabulary, codes[i]))
      g_ptr_array_add (into, g_strdup (codes[i]));
}

static void
add_combined_row (LankaMergeDialog *self,
                  const char       *title,
                  GPtrArray        *values,
                  const char       *separator)
{
  GtkWidget *row;
  g_autofree char *text = NULL;

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  if (values->len == 0)
    return;

  g_ptr_array_add (values, NULL);
  text = g_strjoinv (separator, (char **)values->pdata);
  g_ptr_array_remove_index (values, values->len - 1);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_preferences_group_add (self->combined_group, row);
  g_ptr_array_add (self->combined_rows, row);
}

static void
add_channel_row (LankaMergeDialog *self,
                 GPtrArray        *channels,
                 LankaChannelKind  kind,
                 const char       *title)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind != kind)
        continue;

      if (!is_empty (channel->label))
        /* Translators: a phone number or address with its label, such as "Växel: 08-123 45 67" */
        g_ptr_array_add (values, g_strdup_printf (_("%s: %s"), channel->label, channel->value));
      else
        g_ptr_array_add (values, g_strdup (channel->value));
    }

  add_combined_row (self, title, values, "\n");
}

static gboolean
add_contacts (LankaAgency   *agency,
              LankaDatabase *database,
              GPtrArray     *names,
              GError       **error)
{
  g_autoptr(GPtrArray) contacts = NULL;

  contacts = lanka_directory_list_contacts (database, lanka_agency_get_uuid (agency), error);
  if (contacts == NULL)
    return FALSE;

  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (names, g_strdup (lanka_agency_contact_get_name (contacts->pdata[i])));

  return TRUE;
}

static gboolean
build_combined (LankaMergeDialog  *self,
                GError           **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) channels = union_channels (self->first, self->second);
  g_auto(GStrv) counties = union_strv (lanka_agency_get_counties (self->first),
                                       lanka_agency_get_counties (self->second));
  g_auto(GStrv) support = union_strv (lanka_agency_get_support (self->first),
                                      lanka_agency_get_support (self->second));
  g_auto(GStrv) exploitation = union_strv (lanka_agency_get_exploitation (self->first),
                                           lanka_agency_get_exploitation (self->second));
  g_auto(GStrv) other_helps = union_strv (lanka_agency_get_other_helps (self->first),
                                          lanka_agency_get_other_helps (self->second));
  g_auto(GStrv) accepts = union_strv (lanka_agency_get_accepts (self->first),
                                      lanka_agency_get_accepts (self->second));
  g_auto(GStrv) languages = union_strv (lanka_agency_get_languages (self->first),
                                        lanka_agency_get_languages (self->second));
  const char *separator = _(", ");

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  if (lanka_agency_get_national (self->first) || lanka_agency_get_national (self->second))
    g_ptr_array_add (values, g_strdup (_("Whole country")));
  join_vocabulary (LANKA_VOCABULARY_COUNTY, (const char * const *)counties, values);
  add_combined_row (self, _("Counties"), values, separator);

  g_ptr_array_set_size (values, 0);
  join_vocabulary (LANKA_VOCABULARY_SUPPORT_TYPE, (const char * const *)support, values);
  join_vocabulary (LANKA_VOCABULARY_EXPLOITATION, (const char * const *)exploitation, values);
  for (guint i = 0; other_helps[i] != NULL; i++)
    g_ptr_array_add (values, g_strdup (other_helps[i]));
  add_combined_row (self, _("Helps with"), values, separator);

  g_ptr_array_set_size (values, 0);
  join_vocabulary (LANKA_VOCABULARY_ACCEPTS, (const char * const *)accepts, values);
  add_combined_row (self, _("Accepts"), values, separator);

  g_ptr_array_set_size (values, 0);
  for (guint i = 0; languages[i] != NULL; i++)
    g_ptr_array_add (values, g_strdup (languages[i]));
  add_combined_row (self, _("Languages"), values, separator);

  add_channel_row (self, channels, LANKA_CHANNEL_PHONE, _("Phone numbers"));
  add_channel_row (self, channels, LANKA_CHANNEL_EMAIL, _("E-mail addresses"));
  add_channel_row (self, channels, LANKA_CHANNEL_WEB, _("Web sites"));
  add_channel_row (self, channels, LANKA_CHANNEL_ADDRESS, _("Addresses"));

  g_ptr_array_set_size (values, 0);
  if (lanka_agency_get_nmt (self->first) || lanka_agency_get_nmt (self->second))
    g_ptr_array_add (values, g_strdup (_("Takes part in the national method-support team")));
  add_combined_row (self, C_("national method-support team", "NMT"), values, separator);

  g_ptr_array_set_size (values, 0);
  if (!add_contacts (self->first, self->database, values, error) ||
      !add_contacts (self->second, self->database, values, error))
    return FALSE;
  if (values->len == 0)
    g_ptr_array_add (values, g_strdup (_("Neither agency has contact persons")));
  add_combined_row (self, _("Contact persons"), values, separator);

  return TRUE;
}

static void
clear_compare (LankaMergeDialog *self)
{
  g_assert (LANKA_IS_MERGE_DIALOG (self));

  for (guint i = 0; i < self->choices->len; i++)
    gtk_box_remove (self->compare_box, g_array_index (self->choices, Choice, i).group);
  g_array_set_size (self->choices, 0);

  for (guint i = 0; i < self->combined_rows->len; i++)
    adw_preferences_group_remove (self->combined_group, self->combined_rows->pdata[i]);
  g_ptr_array_set_size (self->combined_rows, 0);

  if (self->keep_box != NULL)
    adw_preferences_group_remove (self->keep_group, self->keep_box);
  self->keep_box = NULL;
  self->keep_first_check = NULL;
  self->keep_second_check = NULL;

  show_merge_error (self, NULL);
}

static void
show_compare (LankaMergeDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (LANKA_IS_MERGE_DIALOG (self));
  g_assert (self->first != NULL && self->second != NULL);

  clear_compare (self);
  build_keep_choice (self);
  build_choices (self);

  if (!build_combined (self, &error))
    {
      g_autofree char *message = describe_error (error);

      show_fatal_error (self, message);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "compare");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->searched);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", TRUE);
}

static GtkWidget *
new_search_row (LankaAgency *agency)
{
  GtkWidget *row = adw_action_row_new ();
  const char *unit = lanka_agency_get_unit (agency);
  const char *type = lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE,
                                                 lanka_agency_get_agency_type (agency));
  g_autofree char *subtitle = NULL;

  if (!is_empty (unit) && type != NULL)
    subtitle = g_strdup_printf ("%s · %s", unit, type);
  else
    subtitle = g_strdup (!is_empty (unit) ? unit : type);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lanka_agency_get_name (agency));
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), ROW_UUID, g_strdup (lanka_agency_get_uuid (agency)), g_free);

  return row;
}

static void
update_search (LankaMergeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;
  GtkListBoxRow *row;
  guint shown = 0;

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  while ((row = gtk_list_box_get_row_at_index (self->search_list, 0)) != NULL)
    gtk_list_box_remove (self->search_list, GTK_WIDGET (row));

  /* One more than shown, to know whether there are more. */
  found = lanka_directory_search (self->database, text, NULL, SEARCH_LIMIT + 2, 0, &error);
  if (found == NULL)
    {
      g_autofree char *message = describe_error (error);

      gtk_label_set_label (self->search_hint_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->search_hint_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->search_list), FALSE);
      return;
    }

  for (guint i = 0; found[i] != NULL && shown < SEARCH_LIMIT; i++)
    {
      g_autoptr(LankaAgency) agency = NULL;

      if (g_strcmp0 (found[i], lanka_agency_get_uuid (self->first)) == 0)
        continue;

      agency = lanka_directory_get_agency (self->database, found[i], NULL);
      if (agency == NULL)
        continue;

      gtk_list_box_append (self->search_list, new_search_row (agency));
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->search_list), shown > 0);

  if (shown == 0)
    {
      gtk_label_set_label (self->search_hint_label,
                           text[0] != '\0'
                           ? _("No other agency matches the search.")
                           : _("The directory holds no other agency."));
      gtk_widget_set_visible (GTK_WIDGET (self->search_hint_label), TRUE);
    }
  else if (shown == SEARCH_LIMIT && g_strv_length (found) > SEARCH_LIMIT + 1)
    {
      gtk_label_set_label (self->search_hint_label,
                           _("There are more agencies. Type more of the name to find the one."));
      gtk_widget_set_visible (GTK_WIDGET (self->search_hint_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->search_hint_label), FALSE);
    }
}

static void
show_search (LankaMergeDialog *self)
{
  /* Translators: %s is the name of an agency */
  g_autofree char *intro = g_strdup_printf (_("Which agency in the directory is the same as “%s”?"),
                                            lanka_agency_get_name (self->first));

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  self->searched = TRUE;
  gtk_label_set_label (self->search_intro_label, intro);
  gtk_stack_set_visible_child_name (self->stack, "search");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", FALSE);
  update_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_changed_cb (LankaMergeDialog *self,
                      GtkSearchEntry   *entry)
{
  update_search (self);
}

static void
choose_second (LankaMergeDialog *self,
               const char       *uuid)
{
  g_autoptr(GError) error = NULL;
  LankaAgency *second;

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  second = lanka_directory_get_agency (self->database, uuid, &error);
  if (second == NULL)
    {
      g_autofree char *message = describe_error (error);

      gtk_label_set_label (self->search_hint_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->search_hint_label), TRUE);
      return;
    }

  g_clear_object (&self->second);
  self->second = second;
  show_compare (self);
}

static void
on_search_activate_cb (LankaMergeDialog *self,
                       GtkSearchEntry   *entry)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->search_list, 0);

  /* Enter takes the only match; with several, the person picks. */
  if (row != NULL && gtk_list_box_get_row_at_index (self->search_list, 1) == NULL)
    choose_second (self, g_object_get_data (G_OBJECT (row), ROW_UUID));
}

static void
on_search_row_activated_cb (LankaMergeDialog *self,
                            GtkListBoxRow    *row,
                            GtkListBox       *list)
{
  choose_second (self, g_object_get_data (G_OBJECT (row), ROW_UUID));
}

static void
lanka_merge_dialog_back (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LankaMergeDialog *self = (LankaMergeDialog *)widget;

  clear_compare (self);
  g_clear_object (&self->second);
  show_search (self);
}

static LankaAgency *
build_merged (LankaMergeDialog  *self,
              GError           **error)
{
  LankaAgency *kept_source = keeps_first (self) ? self->first : self->second;
  g_autoptr(LankaAgency) kept = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_auto(GStrv) list = NULL;

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  /* Start from the stored record that stays, so that whatever this
   * dialog does not show is kept as it is.
   */
  kept = lanka_directory_get_agency (self->database, lanka_agency_get_uuid (kept_source), error);
  if (kept == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      LankaAgency *from = kept_source;
      g_autofree char *value = NULL;

      for (guint c = 0; c < self->choices->len; c++)
        {
          Choice *choice = &g_array_index (self->choices, Choice, c);

          if (choice->field == &fields[i])
            from = gtk_check_button_get_active (choice->first_check) ? self->first : self->second;
        }

      value = dup_field_value (from, &fields[i]);
      g_object_set (kept, fields[i].property, value, NULL);
    }

#define UNION(what) \
  list = union_strv (lanka_agency_get_##what (self->first), lanka_agency_get_##what (self->second)); \
  lanka_agency_set_##what (kept, (const char * const *)list); \
  g_clear_pointer (&list, g_strfreev)

  UNION (counties);
  UNION (support);
  UNION (exploitation);
  UNION (other_helps);
  UNION (accepts);
  UNION (languages);

#undef UNION

  lanka_agency_set_national (kept, lanka_agency_get_national (self->first) ||
                                   lanka_agency_get_national (self->second));
  lanka_agency_set_nmt (kept, lanka_agency_get_nmt (self->first) || lanka_agency_get_nmt (self->second));

  channels = union_channels (kept_source, kept_source == self->first ? self->second : self->first);
  lanka_agency_clear_channels (kept);
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_add_channel (kept, channel->kind, channel->label, channel->value);
    }

  return g_steal_pointer (&kept);
}

static gboolean
close_when_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
merge (LankaMergeDialog *self)
{
  g_autoptr(LankaAgency) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_uuid = NULL;
  LankaAgency *removed = keeps_first (self) ? self->second : self->first;

  g_assert (LANKA_IS_MERGE_DIALOG (self));

  kept = build_merged (self, &error);
  if (kept == NULL ||
      !lanka_directory_merge_agencies (self->database, kept, lanka_agency_get_uuid (removed), &error))
    {
      g_autofree char *message = describe_error (error);
      g_autofree char *sentence = NULL;

      /* Translators: %s says why, such as "The disk is full." */
      sentence = g_strdup_printf (_("The agencies were not merged. %s"), message);
      show_merge_error (self, sentence);
      return;
    }

  kept_uuid = g_strdup (lanka_agency_get_uuid (kept));
  g_signal_emit (self, signals[MERGED], 0, kept_uuid);

  /* The question asked is still closing, and it belongs to this window:
   * let it go first.
   */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_confirm_response_cb (LankaMergeDialog *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "merge") == 0)
    merge (self);
}

static void
lanka_merge_dialog_merge (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LankaMergeDialog *self = (LankaMergeDialog *)widget;
  LankaAgency *removed;
  GtkWidget *dialog;

  if (self->first == NULL || self->second == NULL)
    return;

  removed = keeps_first (self) ? self->second : self->first;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Merge the Agencies?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is the name of an agency */
                                  _("“%s” is removed from the directory. What it holds goes into "
                                    "the agency that stays, as chosen here. This cannot be undone."),
                                  lanka_agency_get_name (removed));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lanka_merge_dialog_dispose (GObject *object)
{
  LankaMergeDialog *self = (LankaMergeDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_MERGE_DIALOG);

  g_clear_object (&self->database);
  g_clear_object (&self->first);
  g_clear_object (&self->second);

  G_OBJECT_CLASS (lanka_merge_dialog_parent_class)->dispose (object);
}

static void
lanka_merge_dialog_finalize (GObject *object)
{
  LankaMergeDialog *self = (LankaMergeDialog *)object;

  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_pointer (&self->combined_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_merge_dialog_parent_class)->finalize (object);
}

static void
lanka_merge_dialog_class_init (LankaMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_merge_dialog_dispose;
  object_class->finalize = lanka_merge_dialog_finalize;

  /**
   * LankaMergeDialog::merged:
   * @self: a #LankaMergeDialog
   * @kept_uuid: the agency that stayed
   *
   * Emitted when the two agencies became one, just before the dialog
   * closes.
   */
  signals[MERGED] =
    g_signal_new ("merged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, combined_group);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, compare_box);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, compare_scroller);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, keep_group);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, same_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, search_hint_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, search_intro_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, search_list);
  gtk_widget_class_bind_template_child (widget_class, LankaMergeDialog, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, lanka_merge_dialog_merge);
  gtk_widget_class_install_action (widget_class, "merge.back", NULL, lanka_merge_dialog_back);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_merge_dialog_init (LankaMergeDialog *self)
{
  self->choices = g_array_new (FALSE, TRUE, sizeof (Choice));
  self->combined_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", FALSE);
}

/**
 * lanka_merge_dialog_new:
 * @database: the database that holds both agencies
 * @first_uuid: one of the two agencies
 * @second_uuid: (nullable): the other one, or %NULL to let the person
 *   find it first
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
LankaMergeDialog *
lanka_merge_dialog_new (LankaDatabase *database,
                        const char    *first_uuid,
                        const char    *second_uuid)
{
  LankaMergeDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (first_uuid != NULL, NULL);

  self = g_object_new (LANKA_TYPE_MERGE_DIALOG, NULL);
  self->database = g_object_ref (database);

  self->first = lanka_directory_get_agency (database, first_uuid, &error);
  if (self->first != NULL && second_uuid != NULL)
    {
      if (g_strcmp0 (first_uuid, second_uuid) == 0)
        {
          g_set_error_literal (&error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID,
                               _("An agency cannot be merged with itself."));
        }
      else
        {
          self->second = lanka_directory_get_agency (database, second_uuid, &error);
        }
    }

  if (error != NULL)
    {
      g_autofree char *message = describe_error (error);

      show_fatal_error (self, message);
    }
  else if (self->second == NULL)
    {
      show_search (self);
    }
  else
    {
      show_compare (self);
    }

  return self;
}
