/* test-ui-find-help.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-find-help.h"
#include "lanka-merge-dialog.h"
#include "lanka-store-error.h"
#include "lanka-test-ui.h"

/* The agencies below are made up for the tests. */

typedef struct
{
  char          *dir;
  LankaDatabase *database;

  /* A shelter in Stockholm for women only. */
  LankaAgency   *women_shelter;
  /* A national agency that says nothing about whom it accepts. */
  LankaAgency   *national;
  /* A shelter in Stockholm that takes children. */
  LankaAgency   *children_shelter;
  /* A shelter in Skåne. */
  LankaAgency   *elsewhere;
} Fixture;

static LankaAgency *
add_agency (LankaDatabase      *database,
            const char         *name,
            const char         *type,
            const char * const *counties,
            const char * const *accepts,
            gboolean            nmt)
{
  static const char * const housing[] = { "protected_housing", NULL };
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, type);
  lanka_agency_set_support (agency, housing);
  lanka_agency_set_national (agency, counties == NULL);
  lanka_agency_set_counties (agency, counties);
  lanka_agency_set_accepts (agency, accepts);
  lanka_agency_set_nmt (agency, nmt);
  lanka_directory_add_agency (database, agency, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&agency);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char * const stockholm[] = { "01", NULL };
  static const char * const skane[] = { "12", NULL };
  static const char * const women[] = { "women", NULL };
  static const char * const children[] = { "children", "accompanied_children", NULL };
  static const char * const women_and_children[] = { "women", "children", NULL };
  g_autoptr(GError) error = NULL;

  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = lanka_test_create_database (fixture->dir);

  fixture->women_shelter = add_agency (fixture->database, "Kvinnohuset Linden", "shelter",
                                       stockholm, women, FALSE);
  lanka_agency_set_limits (fixture->women_shelter, "Inga husdjur");
  lanka_directory_update_agency (fixture->database, fixture->women_shelter, &error);
  g_assert_no_error (error);
  fixture->national = add_agency (fixture->database, "Stödlinjen Riks", "ngo", NULL, NULL, TRUE);
  fixture->children_shelter = add_agency (fixture->database, "Barnens hus Ekbacken", "shelter",
                                          stockholm, children, FALSE);
  fixture->elsewhere = add_agency (fixture->database, "Boendet Sydkusten", "shelter",
                                   skane, women_and_children, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->women_shelter);
  g_clear_object (&fixture->national);
  g_clear_object (&fixture->children_shelter);
  g_clear_object (&fixture->elsewhere);
  lanka_database_close (fixture->database);
  g_assert_finalize_object (g_steal_pointer (&fixture->database));
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* The directory's own answer, to tell a placeholder from a real one. */
static gboolean
skip_unless_find_help_works (Fixture *fixture)
{
  LankaHelpQuery query = { "protected_housing", FALSE, "01" };
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  matches = lanka_directory_find_help (fixture->database, &query, &error);
  if (matches == NULL)
    {
      g_autofree char *message = g_strdup_printf ("lanka_directory_find_help() fails: %s",
                                                  error->message);
      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

/* The rows a person sees, top to bottom: the uuid of each agency. */
static GStrv
visible_agencies (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (root, GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      const char *uuid = g_object_get_data (rows->pdata[i], "lanka-uuid");

      if (uuid != NULL && gtk_widget_get_mapped (rows->pdata[i]))
        g_strv_builder_add (builder, uuid);
    }

  return g_strv_builder_end (builder);
}

static GtkWidget *
find_agency_row (GtkWidget  *root,
                 const char *uuid)
{
  g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (root, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (rows->pdata[i], "lanka-uuid"), uuid) == 0)
      return rows->pdata[i];

  return NULL;
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_choose_a_need (Fixture       *fixture,
                    gconstpointer  user_data)
{
  LankaFindHelp *find_help = g_object_ref_sink (lanka_find_help_new ());
  GtkWindow *window = lanka_test_show_in_window (GTK_WIDGET (find_help), 600, 900);
  AdwStatusPage *page;
  g_auto(GStrv) shown = NULL;

  lanka_find_help_set_database (find_help, fixture->database);
  lanka_find_help_set_county (find_help, "01");
  settle ();

  /* Before a need is chosen, the widget says what to do, not "nothing found". */
  page = lanka_test_visible_status_page (GTK_WIDGET (find_help));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("Choose What the Person Needs"));
  shown = visible_agencies (GTK_WIDGET (find_help));
  g_assert_cmpuint (g_strv_length (shown), ==, 0);

  /* The chooser offers both support types and forms of exploitation. */
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (find_help), _("Not chosen")));

  lanka_find_help_set_need (find_help, "protected_housing");
  settle ();
  g_assert_null (lanka_test_find_label (GTK_WIDGET (find_help), _("Not chosen")));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (find_help),
                                           g_dpgettext2 (GETTEXT_PACKAGE, "support type",
                                                         "Protected housing")));

  page = lanka_test_visible_status_page (GTK_WIDGET (find_help));
  if (page != NULL &&
      g_strcmp0 (adw_status_page_get_title (page), _("The Directory Could Not Be Searched")) == 0)
    {
      /* Even the placeholder's failure reads as a sentence. */
      g_assert_nonnull (adw_status_page_get_description (page));
      g_assert_cmpstr (adw_status_page_get_description (page), !=, "");
    }

  lanka_test_close_window (window);
  g_assert_finalize_object (find_help);
}

static void
on_agency_activated_cb (LankaFindHelp *find_help,
                        const char    *uuid,
                        char         **activated)
{
  g_free (*activated);
  *activated = g_strdup (uuid);
}

static void
test_ranking (Fixture       *fixture,
              gconstpointer  user_data)
{
  LankaFindHelp *find_help;
  GtkWindow *window;
  g_auto(GStrv) shown = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *in_stockholm = NULL;
  GtkWidget *row;

  if (!skip_unless_find_help_works (fixture))
    return;

  find_help = g_object_ref_sink (lanka_find_help_new ());
  window = lanka_test_show_in_window (GTK_WIDGET (find_help), 600, 900);
  g_signal_connect (find_help, "agency-activated", G_CALLBACK (on_agency_activated_cb), &activated);

  g_object_set (find_help,
                "database", fixture->database,
                "need", "protected_housing",
                "person-is-child", TRUE,
                "county", "01",
                NULL);
  settle ();

  /* The county first, the agency that takes children before the one that
   * does not; then the whole country.  Skåne is not Stockholm.
   */
  shown = visible_agencies (GTK_WIDGET (find_help));
  g_assert_cmpuint (g_strv_length (shown), ==, 3);
  g_assert_cmpstr (shown[0], ==, lanka_agency_get_uuid (fixture->children_shelter));
  g_assert_cmpstr (shown[1], ==, lanka_agency_get_uuid (fixture->women_shelter));
  g_assert_cmpstr (shown[2], ==, lanka_agency_get_uuid (fixture->national));

  /* Translators' own words, under each group's heading. */
  in_stockholm = g_strdup_printf (_("In %s"), "Stockholm");
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (find_help), in_stockholm));
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (find_help), _("Whole Country")));

  /* The shelter for women warns that it does not take children; the one
   * that does take them does not; the national one says it does not say.
   */
  row = find_agency_row (GTK_WIDGET (find_help), lanka_agency_get_uuid (fixture->women_shelter));
  g_assert_nonnull (lanka_test_find_label (row, _("Does not take children")));
  g_assert_nonnull (lanka_test_find_label (row, "Kvinnohuset Linden"));
  row = find_agency_row (GTK_WIDGET (find_help), lanka_agency_get_uuid (fixture->children_shelter));
  g_assert_null (lanka_test_find_label (row, _("Does not take children")));
  row = find_agency_row (GTK_WIDGET (find_help), lanka_agency_get_uuid (fixture->national));
  g_assert_null (lanka_test_find_label (row, _("Does not take children")));
  g_assert_nonnull (lanka_test_find_label (row, _("Does not say whom it accepts")));
  g_assert_nonnull (lanka_test_find_label (row, C_("national method-support team", "NMT")));

  /* An adult may go to the shelter for women. */
  lanka_find_help_set_child (find_help, FALSE);
  settle ();
  row = find_agency_row (GTK_WIDGET (find_help), lanka_agency_get_uuid (fixture->women_shelter));
  g_assert_nonnull (row);
  g_assert_null (lanka_test_find_label (row, _("Does not take children")));

  /* A click opens the agency. */
  row = find_agency_row (GTK_WIDGET (find_help), lanka_agency_get_uuid (fixture->national));
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (activated, ==, lanka_agency_get_uuid (fixture->national));

  lanka_test_close_window (window);
  g_assert_finalize_object (find_help);
}

static void
test_nothing_found (Fixture       *fixture,
                    gconstpointer  user_data)
{
  LankaFindHelp *find_help;
  GtkWindow *window;
  AdwStatusPage *page;
  g_auto(GStrv) shown = NULL;

  if (!skip_unless_find_help_works (fixture))
    return;

  find_help = g_object_ref_sink (lanka_find_help_new ());
  window = lanka_test_show_in_window (GTK_WIDGET (find_help), 600, 900);
  g_object_set (find_help,
                "database", fixture->database,
                "need", "OrganRemoval",
                "county", "12",
                NULL);
  settle ();

  page = lanka_test_visible_status_page (GTK_WIDGET (find_help));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("No Agency Found"));
  /* It says what to try instead, and names the county. */
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Skåne"));
  shown = visible_agencies (GTK_WIDGET (find_help));
  g_assert_cmpuint (g_strv_length (shown), ==, 0);

  /* Only the whole country: the shelter of Skåne is not found either. */
  lanka_find_help_set_need (find_help, "protected_housing");
  lanka_find_help_set_county (find_help, NULL);
  settle ();
  g_clear_pointer (&shown, g_strfreev);
  shown = visible_agencies (GTK_WIDGET (find_help));
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, lanka_agency_get_uuid (fixture->national));

  lanka_test_close_window (window);
  g_assert_finalize_object (find_help);
}

static void
on_agency_chosen_cb (LankaFindHelpDialog  *dialog,
                     const char           *uuid,
                     char                **chosen)
{
  g_free (*chosen);
  *chosen = g_strdup (uuid);
}

static void
test_dialog (Fixture       *fixture,
             gconstpointer  user_data)
{
  LankaFindHelpDialog *dialog;
  LankaFindHelp *find_help;
  GtkButton *choose;
  GtkWidget *row;
  gpointer weak;
  g_autofree char *chosen = NULL;

  dialog = lanka_find_help_dialog_new (fixture->database, "protected_housing", TRUE, "01");
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_connect (dialog, "agency-chosen", G_CALLBACK (on_agency_chosen_cb), &chosen);
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  /* What the caller asked for is what the person sees. */
  find_help = lanka_find_help_dialog_get_find_help (dialog);
  g_assert_cmpstr (lanka_find_help_get_need (find_help), ==, "protected_housing");
  g_assert_true (lanka_find_help_get_child (find_help));
  g_assert_cmpstr (lanka_find_help_get_county (find_help), ==, "01");

  choose = GTK_BUTTON (lanka_test_find_action_button (GTK_WIDGET (dialog), "find-help.choose"));
  g_assert_nonnull (choose);
  g_assert_cmpstr (gtk_button_get_label (choose), ==, _("_Show in Directory"));
  lanka_find_help_dialog_set_choose_label (dialog, "_Link");
  g_assert_cmpstr (gtk_button_get_label (choose), ==, "_Link");

  /* Nothing to take until an agency is selected. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (choose)));

  if (skip_unless_find_help_works (fixture))
    {
      settle ();
      row = find_agency_row (GTK_WIDGET (dialog), lanka_agency_get_uuid (fixture->children_shelter));
      g_assert_nonnull (row);
      gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (choose)));
      g_assert_null (chosen);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "find-help.choose", NULL));
      g_assert_cmpstr (chosen, ==, lanka_agency_get_uuid (fixture->children_shelter));
      lanka_test_iterate_until (lanka_test_is_cleared, &weak);
      return;
    }

  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
  g_assert_null (chosen);
}

/* The merge dialog: two entries for one police unit. */

typedef struct
{
  LankaAgency *first;
  LankaAgency *second;
} MergePair;

static void
add_merge_pair (Fixture   *fixture,
                MergePair *pair)
{
  static const char * const stockholm[] = { "01", NULL };
  static const char * const uppsala[] = { "03", NULL };
  g_autoptr(LankaAgencyContact) anna = lanka_agency_contact_new ();
  g_autoptr(LankaAgencyContact) erik = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;

  pair->first = lanka_agency_new ();
  lanka_agency_set_name (pair->first, "Polisen Region Stockholm");
  lanka_agency_set_unit (pair->first, "Människohandelsgruppen");
  lanka_agency_set_agency_type (pair->first, "police");
  lanka_agency_set_counties (pair->first, stockholm);
  lanka_agency_set_notes (pair->first, "Ring före besök");
  lanka_agency_add_channel (pair->first, LANKA_CHANNEL_PHONE, "Växel", "08-123 45 67");
  lanka_directory_add_agency (fixture->database, pair->first, &error);
  g_assert_no_error (error);

  pair->second = lanka_agency_new ();
  lanka_agency_set_name (pair->second, "Polismyndigheten Stockholm");
  lanka_agency_set_agency_type (pair->second, "police");
  lanka_agency_set_counties (pair->second, uppsala);
  lanka_agency_set_notes (pair->second, "Kontakt via växeln");
  lanka_agency_add_channel (pair->second, LANKA_CHANNEL_PHONE, NULL, "+46 8 123 45 67");
  lanka_agency_add_channel (pair->second, LANKA_CHANNEL_EMAIL, NULL, "mh@example.org");
  lanka_directory_add_agency (fixture->database, pair->second, &error);
  g_assert_no_error (error);

  lanka_agency_contact_set_name (anna, "Anna Berg");
  lanka_directory_add_contact (fixture->database, lanka_agency_get_uuid (pair->first), anna, &error);
  g_assert_no_error (error);
  lanka_agency_contact_set_name (erik, "Erik Lund");
  lanka_directory_add_contact (fixture->database, lanka_agency_get_uuid (pair->second), erik, &error);
  g_assert_no_error (error);
}

static void
clear_merge_pair (MergePair *pair)
{
  g_clear_object (&pair->first);
  g_clear_object (&pair->second);
}

/* A value to choose is a check button whose child is the value's label. */
static GtkCheckButton *
find_value_choice (GtkWidget  *root,
                   const char *value)
{
  g_autoptr(GPtrArray) checks = lanka_test_collect_widgets (root, GTK_TYPE_CHECK_BUTTON);

  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *child = gtk_check_button_get_child (checks->pdata[i]);

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), value) == 0)
        return checks->pdata[i];
    }

  return NULL;
}

static GtkWidget *
find_field_group (GtkWidget  *root,
                  const char *field)
{
  return lanka_test_find_group (root, g_dpgettext2 (GETTEXT_PACKAGE, "agency field", field));
}

/* The choice of @value for the field titled @field. */
static GtkCheckButton *
find_field_choice (GtkWidget  *root,
                   const char *field,
                   const char *value)
{
  GtkWidget *group = find_field_group (root, field);

  g_assert_nonnull (group);

  return find_value_choice (group, value);
}

static void
on_merged_cb (LankaMergeDialog  *dialog,
              const char        *kept_uuid,
              char             **merged)
{
  g_free (*merged);
  *merged = g_strdup (kept_uuid);
}

static guint
count_contacts (LankaDatabase *database,
                const char    *uuid)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  contacts = lanka_directory_list_contacts (database, uuid, &error);
  g_assert_no_error (error);

  return contacts->len;
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  user_data)
{
  MergePair pair = { NULL, };
  LankaMergeDialog *dialog;
  AdwMessageDialog *confirm;
  g_autoptr(LankaAgency) kept = NULL;
  g_autoptr(LankaAgency) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = NULL;
  const char * const *counties;
  GPtrArray *channels;
  gpointer weak;
  const char *first_uuid;
  const char *second_uuid;
  GtkCheckButton *check;

  add_merge_pair (fixture, &pair);
  first_uuid = lanka_agency_get_uuid (pair.first);
  second_uuid = lanka_agency_get_uuid (pair.second);

  dialog = lanka_merge_dialog_new (fixture->database, first_uuid, second_uuid);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_connect (dialog, "merged", G_CALLBACK (on_merged_cb), &merged);
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  /* A choice for each field that differs, none for the type they share. */
  g_assert_nonnull (find_field_group (GTK_WIDGET (dialog), "Name"));
  g_assert_nonnull (find_field_group (GTK_WIDGET (dialog), "Unit"));
  g_assert_nonnull (find_field_group (GTK_WIDGET (dialog), "Notes"));
  g_assert_null (find_field_group (GTK_WIDGET (dialog), "Type"));

  /* The record that stays keeps its own values unless told otherwise. */
  g_assert_true (gtk_check_button_get_active (find_field_choice (GTK_WIDGET (dialog), "Name",
                                                                 "Polisen Region Stockholm")));
  g_assert_true (gtk_check_button_get_active (find_field_choice (GTK_WIDGET (dialog), "Unit",
                                                                 "Människohandelsgruppen")));

  /* The lists are shown combined: one phone number written two ways is one. */
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (dialog), "Växel: 08-123 45 67"));
  g_assert_null (lanka_test_find_label (GTK_WIDGET (dialog), "+46 8 123 45 67"));

  check = find_field_choice (GTK_WIDGET (dialog), "Name", "Polismyndigheten Stockholm");
  gtk_check_button_set_active (check, TRUE);
  check = find_field_choice (GTK_WIDGET (dialog), "Notes", "Kontakt via växeln");
  gtk_check_button_set_active (check, TRUE);

  /* Merge asks first; cancelling there changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.merge", NULL));
  confirm = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "cancel");
  settle ();
  g_assert_null (merged);
  g_assert_nonnull (weak);
  gone = lanka_directory_get_agency (fixture->database, second_uuid, &error);
  g_assert_no_error (error);
  g_clear_object (&gone);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.merge", NULL));
  confirm = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "merge");
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
  g_assert_cmpstr (merged, ==, first_uuid);

  kept = lanka_directory_get_agency (fixture->database, first_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_name (kept), ==, "Polismyndigheten Stockholm");
  g_assert_cmpstr (lanka_agency_get_unit (kept), ==, "Människohandelsgruppen");
  g_assert_cmpstr (lanka_agency_get_notes (kept), ==, "Kontakt via växeln");
  counties = lanka_agency_get_counties (kept);
  g_assert_true (g_strv_contains (counties, "01"));
  g_assert_true (g_strv_contains (counties, "03"));
  channels = lanka_agency_get_channels (kept);
  g_assert_cmpuint (channels->len, ==, 2);

  /* The other one is gone, and its contact person came along. */
  gone = lanka_directory_get_agency (fixture->database, second_uuid, &error);
  g_assert_null (gone);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_contacts (fixture->database, first_uuid), ==, 2);

  clear_merge_pair (&pair);
}

static void
test_merge_search (Fixture       *fixture,
                   gconstpointer  user_data)
{
  MergePair pair = { NULL, };
  LankaMergeDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LankaAgency) still = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *second_row = NULL;
  GtkWidget *merge;
  gpointer weak;

  add_merge_pair (fixture, &pair);

  dialog = lanka_merge_dialog_new (fixture->database, lanka_agency_get_uuid (pair.first), NULL);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  /* First the other agency is found; the agency itself is not offered. */
  merge = lanka_test_find_action_button (GTK_WIDGET (dialog), "merge.merge");
  g_assert_false (gtk_widget_is_sensitive (merge));
  rows = lanka_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (rows->pdata[i]);

      g_assert_cmpstr (title, !=, "Polisen Region Stockholm");
      if (g_strcmp0 (title, "Polismyndigheten Stockholm") == 0)
        second_row = rows->pdata[i];
    }
  g_assert_nonnull (second_row);

  g_assert_true (gtk_widget_activate (second_row));
  settle ();
  g_assert_true (gtk_widget_is_sensitive (merge));
  g_assert_nonnull (find_field_choice (GTK_WIDGET (dialog), "Notes", "Kontakt via växeln"));

  /* Closing merges nothing. */
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
  still = lanka_directory_get_agency (fixture->database, lanka_agency_get_uuid (pair.second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_contacts (fixture->database, lanka_agency_get_uuid (pair.first)), ==, 1);

  clear_merge_pair (&pair);
}

static void
test_merge_keep_other (Fixture       *fixture,
                       gconstpointer  user_data)
{
  MergePair pair = { NULL, };
  LankaMergeDialog *dialog;
  AdwMessageDialog *confirm;
  GtkWidget *keep_group;
  g_autoptr(LankaAgency) kept = NULL;
  g_autoptr(LankaAgency) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = NULL;
  gpointer weak;

  add_merge_pair (fixture, &pair);

  dialog = lanka_merge_dialog_new (fixture->database, lanka_agency_get_uuid (pair.first),
                                   lanka_agency_get_uuid (pair.second));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_connect (dialog, "merged", G_CALLBACK (on_merged_cb), &merged);
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  /* Keeping the second record makes its values the ones chosen, except
   * where it has none.
   */
  keep_group = lanka_test_find_group (GTK_WIDGET (dialog), _("Which Agency Stays"));
  g_assert_nonnull (keep_group);
  gtk_check_button_set_active (find_value_choice (keep_group, "Polismyndigheten Stockholm"), TRUE);
  g_assert_true (gtk_check_button_get_active (find_field_choice (GTK_WIDGET (dialog), "Name",
                                                                 "Polismyndigheten Stockholm")));
  g_assert_true (gtk_check_button_get_active (find_field_choice (GTK_WIDGET (dialog), "Unit",
                                                                 "Människohandelsgruppen")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.merge", NULL));
  confirm = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "merge");
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);

  /* The second uuid survives; the first is gone. */
  g_assert_cmpstr (merged, ==, lanka_agency_get_uuid (pair.second));
  kept = lanka_directory_get_agency (fixture->database, lanka_agency_get_uuid (pair.second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_agency_get_name (kept), ==, "Polismyndigheten Stockholm");
  g_assert_cmpstr (lanka_agency_get_unit (kept), ==, "Människohandelsgruppen");
  gone = lanka_directory_get_agency (fixture->database, lanka_agency_get_uuid (pair.first), &error);
  g_assert_null (gone);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_contacts (fixture->database, lanka_agency_get_uuid (pair.second)), ==, 2);

  clear_merge_pair (&pair);
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

  g_test_add ("/ui/find-help/choose-a-need", Fixture, NULL,
              fixture_set_up, test_choose_a_need, fixture_tear_down);
  g_test_add ("/ui/find-help/ranking", Fixture, NULL,
              fixture_set_up, test_ranking, fixture_tear_down);
  g_test_add ("/ui/find-help/nothing-found", Fixture, NULL,
              fixture_set_up, test_nothing_found, fixture_tear_down);
  g_test_add ("/ui/find-help/dialog", Fixture, NULL,
              fixture_set_up, test_dialog, fixture_tear_down);
  g_test_add ("/ui/merge/chosen-values", Fixture, NULL,
              fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/ui/merge/keep-the-other", Fixture, NULL,
              fixture_set_up, test_merge_keep_other, fixture_tear_down);
  g_test_add ("/ui/merge/search", Fixture, NULL,
              fixture_set_up, test_merge_search, fixture_tear_down);

  return g_test_run ();
}
