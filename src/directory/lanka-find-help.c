/* lanka-find-help.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-find-help"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-directory.h"
#include "lanka-find-help.h"
#include "lanka-store-error.h"
#include "lanka-vocabulary.h"

/* "Find help for…": the caseworker says what the person needs, whether the
 * person is a child and where the person is, and gets the agencies that
 * help with it, those of the county before those of the whole country.
 * Each agency says whom it accepts, so that nobody sends a family to a
 * shelter that does not take children.  The directory, the directory's
 * dialog and the case editor's referral all use this one widget.
 */
struct _LankaFindHelp
{
  AdwBin          parent_instance;

  LankaDatabase  *database;
  char           *need;
  char           *county;
  char           *selected_uuid;
  guint           child : 1;
  guint           selectable : 1;
  guint           disposed : 1;

  /* Set while the widgets are made to show the properties, so that their
   * change signals do not write back what was just read.
   */
  guint           syncing : 1;

  GtkStringList  *county_model;

  /* Template widgets */
  AdwActionRow   *need_row;
  GtkMenuButton  *need_button;
  GtkPopover     *need_popover;
  GtkSearchEntry *need_search;
  GtkListBox     *need_list;
  GtkLabel       *need_none_label;
  GtkSwitch      *child_switch;
  AdwComboRow    *county_row;
  GtkStack       *results_stack;
  AdwStatusPage  *empty_page;
  AdwStatusPage  *error_page;
  GtkWidget      *regional_box;
  GtkLabel       *regional_heading;
  GtkListBox     *regional_list;
  GtkListBox     *national_list;
};

G_DEFINE_FINAL_TYPE (LankaFindHelp, lanka_find_help, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_NEED,
  PROP_CHILD,
  PROP_COUNTY,
  PROP_SELECTABLE,
  PROP_SELECTED_UUID,
  N_PROPS
};

enum {
  AGENCY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The two lists a need comes from, in the order the chooser shows them. */
static const LankaVocabulary need_vocabularies[] = {
  LANKA_VOCABULARY_SUPPORT_TYPE,
  LANKA_VOCABULARY_EXPLOITATION,
};

#define ROW_CODE       "lanka-code"
#define ROW_VOCABULARY "lanka-vocabulary"
#define ROW_LABEL      "lanka-label"
#define ROW_CHECK      "lanka-check"
#define ROW_UUID       "lanka-uuid"

static const char *
need_get_label (const char *need)
{
  const char *label;

  if (need == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (need_vocabularies); i++)
    if ((label = lanka_vocabulary_get_label (need_vocabularies[i], need)) != NULL)
      return label;

  /* A code from elsewhere, such as a case's "other help": better its own
   * words than nothing.
   */
  return need;
}

static char *
describe_error (const GError *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DISK_FULL))
    return g_strdup (_("The disk is full. Free some space and try again."));

  /* These carry a sentence written for the record they name. */
  if (g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_INVALID) ||
      g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND))
    return g_strdup (error->message);

  /* Translators: %s is the reason, as the database gives it */
  return g_strdup_printf (_("The directory could not be read: %s"), error->message);
}

/* GLib 2.76 has g_set_str(); Länka runs on 2.74. */
static gboolean
replace_string (char       **pointer,
                const char  *value)
{
  if (g_strcmp0 (*pointer, value) == 0)
    return FALSE;

  g_free (*pointer);
  *pointer = g_strdup (value);

  return TRUE;
}

static void
set_selected_uuid (LankaFindHelp *self,
                   const char    *uuid)
{
  g_assert (LANKA_IS_FIND_HELP (self));

  if (replace_string (&self->selected_uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UUID]);
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* The labels of @codes in the order of the vocabulary, which puts like
 * with like ("Children, Accompanied children"), then any unknown code.
 */
static char *
join_labels (LankaVocabulary     vocabulary,
             const char * const *codes)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (codes == NULL)
    return NULL;

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);

      if (g_strv_contains (codes, code))
        g_ptr_array_add (labels, (gpointer)lanka_vocabulary_get_label (vocabulary, code));
    }

  for (guint i = 0; codes[i] != NULL; i++)
    if (!lanka_vocabulary_contains (vocabulary, codes[i]))
      g_ptr_array_add (labels, (gpointer)codes[i]);

  if (labels->len == 0)
    return NULL;

  g_ptr_array_add (labels, NULL);

  /* Translators: the separator between items of a list, such as "Women, Children" */
  return g_strjoinv (_(", "), (char **)labels->pdata);
}

static GtkWidget *
add_line (GtkBox     *box,
          const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return label;
}

static GtkWidget *
create_result_row (LankaFindHelp        *self,
                   const LankaHelpMatch *match)
{
  LankaAgency *agency = match->agency;
  GtkWidget *row;
  GtkWidget *outer;
  GtkWidget *content;
  GtkWidget *title_box;
  GtkWidget *label;
  g_autoptr(GPtrArray) unit_type = g_ptr_array_new ();
  g_autofree char *accepts = NULL;
  const char *unit = lanka_agency_get_unit (agency);
  const char *type = lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE,
                                                 lanka_agency_get_agency_type (agency));
  const char *limits = lanka_agency_get_limits (agency);

  g_assert (LANKA_IS_FIND_HELP (self));

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), ROW_UUID, g_strdup (lanka_agency_get_uuid (agency)), g_free);

  outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (outer, 10);
  gtk_widget_set_margin_bottom (outer, 10);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_widget_set_valign (content, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (outer), content);

  title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (content), title_box);

  label = gtk_label_new (lanka_agency_get_name (agency));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (title_box), label);

  if (lanka_agency_get_nmt (agency))
    {
      label = gtk_label_new (C_("national method-support team", "NMT"));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (label, _("Takes part in the national method-support team against "
                                            "prostitution and human trafficking"));
      gtk_widget_add_css_class (label, "lanka-badge");
      gtk_box_append (GTK_BOX (title_box), label);
    }

  if (unit != NULL && unit[0] != '\0')
    g_ptr_array_add (unit_type, (gpointer)unit);
  if (type != NULL)
    g_ptr_array_add (unit_type, (gpointer)type);
  if (unit_type->len > 0)
    {
      g_autofree char *text = NULL;

      g_ptr_array_add (unit_type, NULL);
      text = g_strjoinv (" · ", (char **)unit_type->pdata);
      add_line (GTK_BOX (content), text, "dim-label");
    }

  /* What decides whether to refer comes first, and a refusal is not to
   * be missed: it has a colour and an icon, not only words.
   */
  if (match->eligibility == LANKA_ELIGIBILITY_EXCLUDED)
    {
      GtkWidget *warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (warning), icon);
      label = add_line (GTK_BOX (warning),
                        self->child ? _("Does not take children") : _("Does not take adults"),
                        "heading");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (content), warning);
    }

  accepts = join_labels (LANKA_VOCABULARY_ACCEPTS, lanka_agency_get_accepts (agency));
  if (accepts != NULL)
    {
      /* Translators: %s is a list of groups, such as "Women, Pregnant women" */
      g_autofree char *text = g_strdup_printf (_("Accepts: %s"), accepts);

      add_line (GTK_BOX (content), text, NULL);
    }
  else if (match->eligibility == LANKA_ELIGIBILITY_UNKNOWN)
    {
      add_line (GTK_BOX (content), _("Does not say whom it accepts"), "dim-label");
    }

  if (limits != NULL && limits[0] != '\0')
    {
      /* Translators: %s is what the agency wrote about whom it can help */
      g_autofree char *text = g_strdup_printf (_("Limits: %s"), limits);

      add_line (GTK_BOX (content), text, NULL);
    }

  if (!self->selectable)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (outer), arrow);
    }

  return row;
}

static void
show_results (LankaFindHelp *self,
              GPtrArray     *matches)
{
  g_assert (LANKA_IS_FIND_HELP (self));

  for (guint i = 0; i < matches->len; i++)
    {
      const LankaHelpMatch *match = g_ptr_array_index (matches, i);
      GtkListBox *list;

      if (match->reach == LANKA_HELP_REACH_REGIONAL)
        list = self->regional_list;
      else
        list = self->national_list;

      gtk_list_box_append (list, create_result_row (self, match));
    }

  /* With a county chosen, its heading stays even when it is empty: that
   * nothing in the county helps is worth knowing too.  Without one, only
   * national agencies are left.
   */
  gtk_widget_set_visible (self->regional_box, self->county != NULL);
  if (self->county != NULL)
    {
      const char *county = lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY, self->county);
      /* Translators: %s is a county, such as "Stockholm" */
      g_autofree char *heading = g_strdup_printf (_("In %s"), county);

      gtk_label_set_label (self->regional_heading, heading);
    }

  gtk_stack_set_visible_child_name (self->results_stack, "results");
}

static void
show_empty (LankaFindHelp *self)
{
  g_autofree char *description = NULL;
  const char *need = need_get_label (self->need);

  g_assert (LANKA_IS_FIND_HELP (self));

  if (self->county == NULL)
    {
      description = g_strdup_printf (/* Translators: %s is a need, such as "Protected housing" */
                                     _("No agency that serves the whole country helps with “%s”. "
                                       "Choose a county to see the agencies there too, or choose "
                                       "another need."),
                                     need);
    }
  else
    {
      description = g_strdup_printf (/* Translators: the first %s is a county, such as
                                      * "Stockholm", the second a need, such as
                                      * "Protected housing" */
                                     _("No agency in %s and none that serves the whole country "
                                       "helps with “%s”. Choose another need, or look for the "
                                       "agency in the directory."),
                                     lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY, self->county),
                                     need);
    }

  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->results_stack, "empty");
}

/**
 * lanka_find_help_refresh:
 * @self: a #LankaFindHelp
 *
 * Asks the directory again, for example after an agency was changed.
 * Changing the need, the child switch or the county does this by itself.
 */
void
lanka_find_help_refresh (LankaFindHelp *self)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  LankaHelpQuery query = { 0, };

  g_return_if_fail (LANKA_IS_FIND_HELP (self));

  remove_all_rows (self->regional_list);
  remove_all_rows (self->national_list);
  set_selected_uuid (self, NULL);

  if (self->database == NULL || self->need == NULL || !lanka_database_is_open (self->database))
    {
      gtk_stack_set_visible_child_name (self->results_stack, "choose");
      return;
    }

  query.need = self->need;
  query.child = self->child;
  query.county = self->county;

  matches = lanka_directory_find_help (self->database, &query, &error);
  if (matches == NULL)
    {
      g_autofree char *message = describe_error (error);

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      return;
    }

  /* "Whole country only" means that: the agencies of every county would
   * be a long list of places where the person is not.
   */
  if (self->county == NULL)
    {
      for (guint i = matches->len; i > 0; i--)
        {
          const LankaHelpMatch *match = g_ptr_array_index (matches, i - 1);

          if (match->reach == LANKA_HELP_REACH_REGIONAL)
            g_ptr_array_remove_index (matches, i - 1);
        }
    }

  if (matches->len == 0)
    show_empty (self);
  else
    show_results (self, matches);
}

static void
update_need_widgets (LankaFindHelp *self)
{
  g_assert (LANKA_IS_FIND_HELP (self));

  adw_action_row_set_subtitle (self->need_row,
                               self->need != NULL ? need_get_label (self->need) : _("Not chosen"));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->need_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), ROW_CHECK);

      if (check != NULL)
        gtk_widget_set_opacity (check,
                                g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_CODE), self->need) == 0);
    }
}

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized, -1);
}

static gboolean
need_row_matches (GtkListBoxRow *row,
                  const char    *folded_search)
{
  g_autofree char *label = NULL;

  if (folded_search == NULL || folded_search[0] == '\0')
    return TRUE;

  label = fold (g_object_get_data (G_OBJECT (row), ROW_LABEL));

  return strstr (label, folded_search) != NULL;
}

static gboolean
filter_need_row (GtkListBoxRow *row,
                 gpointer       user_data)
{
  LankaFindHelp *self = user_data;
  g_autofree char *search = fold (gtk_editable_get_text (GTK_EDITABLE (self->need_search)));

  return need_row_matches (row, search);
}

static void
update_need_header (GtkListBoxRow *row,
                    GtkListBoxRow *before,
                    gpointer       user_data)
{
  gpointer vocabulary = g_object_get_data (G_OBJECT (row), ROW_VOCABULARY);
  GtkWidget *header;
  const char *title;

  if (before != NULL && g_object_get_data (G_OBJECT (before), ROW_VOCABULARY) == vocabulary)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (GPOINTER_TO_UINT (vocabulary) == LANKA_VOCABULARY_SUPPORT_TYPE + 1)
    title = _("Support");
  else
    title = _("Form of Exploitation");

  header = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_top (header, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static void
populate_need_list (LankaFindHelp *self)
{
  g_assert (LANKA_IS_FIND_HELP (self));

  for (guint v = 0; v < G_N_ELEMENTS (need_vocabularies); v++)
    {
      LankaVocabulary vocabulary = need_vocabularies[v];

      for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
        {
          const char *code = lanka_vocabulary_get_code (vocabulary, i);
          const char *label = lanka_vocabulary_get_label (vocabulary, code);
          GtkWidget *row = gtk_list_box_row_new ();
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *text = gtk_label_new (label);
          GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

          gtk_label_set_xalign (GTK_LABEL (text), 0);
          gtk_label_set_wrap (GTK_LABEL (text), TRUE);
          gtk_widget_set_hexpand (text, TRUE);
          gtk_box_append (GTK_BOX (box), text);
          gtk_widget_set_opacity (check, 0);
          gtk_box_append (GTK_BOX (box), check);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

          /* The codes and labels are static: no copies needed. */
          g_object_set_data (G_OBJECT (row), ROW_CODE, (gpointer)code);
          g_object_set_data (G_OBJECT (row), ROW_LABEL, (gpointer)label);
          g_object_set_data (G_OBJECT (row), ROW_VOCABULARY, GUINT_TO_POINTER (vocabulary + 1));
          g_object_set_data (G_OBJECT (row), ROW_CHECK, check);
          gtk_list_box_append (self->need_list, row);
        }
    }

  gtk_list_box_set_filter_func (self->need_list, filter_need_row, self, NULL);
  gtk_list_box_set_header_func (self->need_list, update_need_header, NULL, NULL);
}

static void
populate_counties (LankaFindHelp *self)
{
  g_assert (LANKA_IS_FIND_HELP (self));

  self->county_model = gtk_string_list_new (NULL);

  /* Position 0 is no county; the counties follow in code order. */
  gtk_string_list_append (self->county_model, _("Whole country only"));
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_COUNTY); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_COUNTY, i);

      gtk_string_list_append (self->county_model,
                              lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY, code));
    }

  adw_combo_row_set_model (self->county_row, G_LIST_MODEL (self->county_model));
}

static guint
county_position (const char *county)
{
  for (guint i = 0; county != NULL && i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_COUNTY); i++)
    if (g_strcmp0 (lanka_vocabulary_get_code (LANKA_VOCABULARY_COUNTY, i), county) == 0)
      return i + 1;

  return 0;
}

static void
on_need_popover_show_cb (LankaFindHelp *self,
                         GtkPopover    *popover)
{
  gtk_editable_set_text (GTK_EDITABLE (self->need_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->need_search));
}

static void
on_need_search_changed_cb (LankaFindHelp  *self,
                           GtkSearchEntry *entry)
{
  g_autofree char *search = fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gboolean any = FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->need_list));
       row != NULL && !any;
       row = gtk_widget_get_next_sibling (row))
    any = GTK_IS_LIST_BOX_ROW (row) && need_row_matches (GTK_LIST_BOX_ROW (row), search);

  gtk_list_box_invalidate_filter (self->need_list);
  gtk_list_box_invalidate_headers (self->need_list);
  gtk_widget_set_visible (GTK_WIDGET (self->need_none_label), !any);
}

static void
on_need_search_activate_cb (LankaFindHelp  *self,
                            GtkSearchEntry *entry)
{
  g_autofree char *search = fold (gtk_editable_get_text (GTK_EDITABLE (entry)));

  /* Enter takes the first need that matches what was typed. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->need_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && need_row_matches (GTK_LIST_BOX_ROW (row), search))
        {
          gtk_popover_popdown (self->need_popover);
          lanka_find_help_set_need (self, g_object_get_data (G_OBJECT (row), ROW_CODE));
          return;
        }
    }
}

static void
on_need_search_stop_cb (LankaFindHelp  *self,
                        GtkSearchEntry *entry)
{
  gtk_popover_popdown (self->need_popover);
}

static void
on_need_list_row_activated_cb (LankaFindHelp *self,
                               GtkListBoxRow *row,
                               GtkListBox    *list)
{
  gtk_popover_popdown (self->need_popover);
  lanka_find_help_set_need (self, g_object_get_data (G_OBJECT (row), ROW_CODE));
}

static void
on_other_need_clicked_cb (LankaFindHelp *self,
                          GtkButton     *button)
{
  gtk_menu_button_popup (self->need_button);
}

static void
on_child_switch_active_cb (LankaFindHelp *self,
                           GParamSpec    *pspec,
                           GtkSwitch     *widget)
{
  if (!self->syncing)
    lanka_find_help_set_child (self, gtk_switch_get_active (widget));
}

static void
on_county_row_selected_cb (LankaFindHelp *self,
                           GParamSpec    *pspec,
                           AdwComboRow   *row)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->syncing)
    return;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    lanka_find_help_set_county (self, NULL);
  else
    lanka_find_help_set_county (self, lanka_vocabulary_get_code (LANKA_VOCABULARY_COUNTY, position - 1));
}

static void
on_result_row_activated_cb (LankaFindHelp *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), ROW_UUID);

  g_return_if_fail (uuid != NULL);

  g_signal_emit (self, signals[AGENCY_ACTIVATED], 0, uuid);
}

static void
on_result_row_selected_cb (LankaFindHelp *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  GtkListBox *other;

  /* Lists that go away let go of their selection too. */
  if (self->disposed)
    return;

  /* The two lists are one choice: picking in one clears the other. */
  other = list == self->regional_list ? self->national_list : self->regional_list;
  if (row != NULL)
    {
      gtk_list_box_unselect_all (other);
      set_selected_uuid (self, g_object_get_data (G_OBJECT (row), ROW_UUID));
    }
  else if (gtk_list_box_get_selected_row (other) == NULL)
    {
      set_selected_uuid (self, NULL);
    }
}

static void
lanka_find_help_dispose (GObject *object)
{
  LankaFindHelp *self = (LankaFindHelp *)object;

  self->disposed = TRUE;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_FIND_HELP);

  g_clear_object (&self->database);
  g_clear_object (&self->county_model);

  G_OBJECT_CLASS (lanka_find_help_parent_class)->dispose (object);
}

static void
lanka_find_help_finalize (GObject *object)
{
  LankaFindHelp *self = (LankaFindHelp *)object;

  g_clear_pointer (&self->need, g_free);
  g_clear_pointer (&self->county, g_free);
  g_clear_pointer (&self->selected_uuid, g_free);

  G_OBJECT_CLASS (lanka_find_help_parent_class)->finalize (object);
}

static void
lanka_find_help_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LankaFindHelp *self = LANKA_FIND_HELP (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_find_help_get_database (self));
      break;

    case PROP_NEED:
      g_value_set_string (value, lanka_find_help_get_need (self));
      break;

    case PROP_CHILD:
      g_value_set_boolean (value, lanka_find_help_get_child (self));
      break;

    case PROP_COUNTY:
      g_value_set_string (value, lanka_find_help_get_county (self));
      break;

    case PROP_SELECTABLE:
      g_value_set_boolean (value, lanka_find_help_get_selectable (self));
      break;

    case PROP_SELECTED_UUID:
      g_value_set_string (value, lanka_find_help_get_selected_uuid (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_find_help_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LankaFindHelp *self = LANKA_FIND_HELP (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_find_help_set_database (self, g_value_get_object (value));
      break;

    case PROP_NEED:
      lanka_find_help_set_need (self, g_value_get_string (value));
      break;

    case PROP_CHILD:
      lanka_find_help_set_child (self, g_value_get_boolean (value));
      break;

    case PROP_COUNTY:
      lanka_find_help_set_county (self, g_value_get_string (value));
      break;

    case PROP_SELECTABLE:
      lanka_find_help_set_selectable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_find_help_class_init (LankaFindHelpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_find_help_dispose;
  object_class->finalize = lanka_find_help_finalize;
  object_class->get_property = lanka_find_help_get_property;
  object_class->set_property = lanka_find_help_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaFindHelp:need:
   *
   * The support type or form of exploitation the person needs help with,
   * or %NULL while none is chosen.
   */
  properties[PROP_NEED] =
    g_param_spec_string ("need", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaFindHelp:person-is-child:
   *
   * Whether the person is a child (under 18).  Not called "child", which
   * is the widget inside an #AdwBin.
   */
  properties[PROP_CHILD] =
    g_param_spec_boolean ("person-is-child", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaFindHelp:county:
   *
   * The code of the county where the person is, or %NULL for agencies that
   * serve the whole country only.
   */
  properties[PROP_COUNTY] =
    g_param_spec_string ("county", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LankaFindHelp:selectable:
   *
   * Whether a click selects an agency (and a double click or Enter
   * activates it), for a dialog with a button that acts on the selection.
   * Otherwise a click activates.
   */
  properties[PROP_SELECTABLE] =
    g_param_spec_boolean ("selectable", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_UUID] =
    g_param_spec_string ("selected-uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaFindHelp::agency-activated:
   * @self: a #LankaFindHelp
   * @uuid: the agency the person activated
   *
   * Emitted when the person activates one of the agencies found.
   */
  signals[AGENCY_ACTIVATED] =
    g_signal_new ("agency-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-find-help.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, child_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, county_row);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, national_list);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, need_button);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, need_list);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, need_none_label);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, need_popover);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, need_row);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, need_search);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, regional_box);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, regional_heading);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, regional_list);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelp, results_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_child_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_county_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_need_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_need_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_need_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_need_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_need_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_other_need_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_row_selected_cb);
}

/* What a group of results says when it is empty. */
static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
lanka_find_help_init (LankaFindHelp *self)
{
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  populate_need_list (self);
  populate_counties (self);
  self->syncing = FALSE;

  gtk_list_box_set_placeholder (self->regional_list,
                                new_placeholder (_("None in this county helps with the need.")));
  gtk_list_box_set_placeholder (self->national_list,
                                new_placeholder (_("None that serves the whole country helps with the need.")));

  update_need_widgets (self);
  gtk_stack_set_visible_child_name (self->results_stack, "choose");
}

/**
 * lanka_find_help_new:
 *
 * Returns: (transfer floating): a new #LankaFindHelp without a database
 */
LankaFindHelp *
lanka_find_help_new (void)
{
  return g_object_new (LANKA_TYPE_FIND_HELP, NULL);
}

/**
 * lanka_find_help_get_database:
 * @self: a #LankaFindHelp
 *
 * Returns: (transfer none) (nullable): the database searched
 */
LankaDatabase *
lanka_find_help_get_database (LankaFindHelp *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP (self), NULL);

  return self->database;
}

/**
 * lanka_find_help_set_database:
 * @self: a #LankaFindHelp
 * @database: (nullable): the database to search
 */
void
lanka_find_help_set_database (LankaFindHelp *self,
                              LankaDatabase *database)
{
  g_return_if_fail (LANKA_IS_FIND_HELP (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  lanka_find_help_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_find_help_get_need:
 * @self: a #LankaFindHelp
 *
 * Returns: (nullable): the code of the need, or %NULL while none is chosen
 */
const char *
lanka_find_help_get_need (LankaFindHelp *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP (self), NULL);

  return self->need;
}

/**
 * lanka_find_help_set_need:
 * @self: a #LankaFindHelp
 * @need: (nullable): a support type or form of exploitation code
 */
void
lanka_find_help_set_need (LankaFindHelp *self,
                          const char    *need)
{
  g_return_if_fail (LANKA_IS_FIND_HELP (self));

  if (need != NULL && need[0] == '\0')
    need = NULL;

  if (!replace_string (&self->need, need))
    return;

  update_need_widgets (self);
  lanka_find_help_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEED]);
}

/**
 * lanka_find_help_get_child:
 * @self: a #LankaFindHelp
 *
 * Returns: whether the person is a child (under 18)
 */
gboolean
lanka_find_help_get_child (LankaFindHelp *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP (self), FALSE);

  return self->child;
}

/**
 * lanka_find_help_set_child:
 * @self: a #LankaFindHelp
 * @child: whether the person is a child (under 18)
 */
void
lanka_find_help_set_child (LankaFindHelp *self,
                           gboolean       child)
{
  g_return_if_fail (LANKA_IS_FIND_HELP (self));

  child = !!child;
  if (self->child == child)
    return;

  self->child = child;

  self->syncing = TRUE;
  gtk_switch_set_active (self->child_switch, child);
  self->syncing = FALSE;

  lanka_find_help_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * lanka_find_help_get_county:
 * @self: a #LankaFindHelp
 *
 * Returns: (nullable): the county code, or %NULL for the whole country only
 */
const char *
lanka_find_help_get_county (LankaFindHelp *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP (self), NULL);

  return self->county;
}

/**
 * lanka_find_help_set_county:
 * @self: a #LankaFindHelp
 * @county: (nullable): a county code, such as "01", or %NULL for agencies
 *   that serve the whole country only
 */
void
lanka_find_help_set_county (LankaFindHelp *self,
                            const char    *county)
{
  g_return_if_fail (LANKA_IS_FIND_HELP (self));
  g_return_if_fail (county == NULL || lanka_vocabulary_contains (LANKA_VOCABULARY_COUNTY, county));

  if (!replace_string (&self->county, county))
    return;

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->county_row, county_position (county));
  self->syncing = FALSE;

  lanka_find_help_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTY]);
}

/**
 * lanka_find_help_get_selectable:
 * @self: a #LankaFindHelp
 *
 * Returns: whether a click selects an agency rather than activating it
 */
gboolean
lanka_find_help_get_selectable (LankaFindHelp *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP (self), FALSE);

  return self->selectable;
}

/**
 * lanka_find_help_set_selectable:
 * @self: a #LankaFindHelp
 * @selectable: whether a click selects an agency rather than activating it
 */
void
lanka_find_help_set_selectable (LankaFindHelp *self,
                                gboolean       selectable)
{
  GtkListBox *lists[] = { self->regional_list, self->national_list };

  g_return_if_fail (LANKA_IS_FIND_HELP (self));

  selectable = !!selectable;
  if (self->selectable == selectable)
    return;

  self->selectable = selectable;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      gtk_list_box_set_selection_mode (lists[i], selectable ? GTK_SELECTION_SINGLE : GTK_SELECTION_NONE);
      gtk_list_box_set_activate_on_single_click (lists[i], !selectable);
    }

  /* The rows show an arrow only when a click opens something. */
  lanka_find_help_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTABLE]);
}

/**
 * lanka_find_help_get_selected_uuid:
 * @self: a #LankaFindHelp
 *
 * Returns: (nullable): the agency selected, if #LankaFindHelp:selectable
 */
const char *
lanka_find_help_get_selected_uuid (LankaFindHelp *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP (self), NULL);

  return self->selected_uuid;
}
