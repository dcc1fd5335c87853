/* test-ui-referrals.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-audit.h"
#include "lanka-case-editor.h"
#include "lanka-case-journal.h"
#include "lanka-case-referrals.h"
#include "lanka-case-rows.h"
#include "lanka-cases.h"
#include "lanka-consent-dialog.h"
#include "lanka-directory.h"
#include "lanka-find-help-dialog.h"
#include "lanka-referral-dialog.h"
#include "lanka-referral-print.h"
#include "lanka-referrals.h"
#include "lanka-test-ui.h"
#include "lanka-vocabulary.h"

/* Referrals and consent, as a caseworker does them in the case's
 * "Referrals and Consent" section: refer the case to an agency found with
 * Find Help, be stopped without a basis for sharing, send it on a
 * disclosure rule, follow it to done; record a consent, refer on it,
 * withdraw it and see the warning; print only what was shared.  What was
 * done is checked on screen and in the store.  The agency, its contact
 * person and the case's people are made up.
 *
 * With LANKA_TEST_SCREENSHOT_DIR set, the dialogs and the section are
 * also written there as PNG files, wide and narrow, to be looked at.
 */

#define AGENCY       "Mottagningen Tranan"
#define CONTACT      "Kontakt Ödegaard"
#define ALIAS        "Test Stjärna"
#define RELATIVE     "Test Lärka"
#define ADDRESS      "Provgatan 7, Ingenstad"
#define JUSTIFICATION "Akut skyddsbehov; placering samma dag."

typedef struct
{
  char          *dir;
  LankaDatabase *database;
  LankaCase     *kase;
  char          *agency;
  GtkWindow     *window;
  GtkWidget     *section;
} Fixture;

/* Setting up */

static char *
add_agency (LankaDatabase *database)
{
  static const char * const housing[] = { "protected_housing", NULL };
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, AGENCY);
  lanka_agency_set_agency_type (agency, "shelter");
  lanka_agency_set_support (agency, housing);
  lanka_agency_set_national (agency, TRUE);
  lanka_directory_add_agency (database, agency, &error);
  g_assert_no_error (error);

  lanka_agency_contact_set_name (contact, CONTACT);
  lanka_directory_add_contact (database, lanka_agency_get_uuid (agency), contact, &error);
  g_assert_no_error (error);

  return g_strdup (lanka_agency_get_uuid (agency));
}

/* A saved case whose plan asks for protected housing nobody provides
 * yet, with something in several categories of information.
 */
static LankaCase *
create_case (LankaDatabase *database)
{
  static const char * const forms[] = { "ForcedLabour", NULL };
  static const char * const flags[] = { "pregnant", NULL };
  g_autoptr(LankaCase) kase = lanka_case_new ();
  g_autoptr(GError) error = NULL;
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *relative;
  LankaRecord *item;

  lanka_record_set (victim, "alias", ALIAS);
  lanka_record_set (victim, "address", ADDRESS);
  lanka_record_set (lanka_case_get_record (kase), "county", "01");
  lanka_record_set_list (lanka_case_get_record (kase), "flags", flags);
  lanka_record_set_list (lanka_case_get_exploitation (kase), "forms", forms);

  relative = lanka_case_add_record (kase, "person");
  lanka_record_set (relative, "alias", RELATIVE);
  lanka_record_set (relative, "role", "relative");

  item = lanka_case_add_record (kase, "plan_item");
  lanka_record_set (item, "support_type", "protected_housing");

  lanka_cases_save (database, kase, &error);
  g_assert_no_error (error);
  g_assert_false (lanka_case_is_new (kase));

  return g_steal_pointer (&kase);
}

/* The section sits in a scrolled, clamped page, as in the case editor. */
static void
show_section (Fixture *fixture,
              int      width)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  fixture->section = lanka_case_referrals_new ();
  g_object_set (fixture->section,
                "database", fixture->database,
                "case", fixture->kase,
                NULL);

  adw_clamp_set_child (ADW_CLAMP (clamp), fixture->section);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  fixture->window = lanka_test_show_in_window (scrolled, width, 900);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = lanka_test_create_database (fixture->dir);
  fixture->agency = add_agency (fixture->database);
  fixture->kase = create_case (fixture->database);

  show_section (fixture, 720);
}

static gboolean
has_no_dialogs (gpointer data)
{
  return lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL &&
         lanka_test_find_toplevel (LANKA_TYPE_REFERRAL_DIALOG) == NULL &&
         lanka_test_find_toplevel (LANKA_TYPE_CONSENT_DIALOG) == NULL &&
         lanka_test_find_toplevel (LANKA_TYPE_FIND_HELP_DIALOG) == NULL;
}

/* Closes the window and checks that nothing keeps the section alive. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs a failed check left open go first. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != fixture->window)
        gtk_window_destroy (window);
    }
  lanka_test_iterate_until (has_no_dialogs, NULL);

  g_object_ref (fixture->section);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->section);

  g_clear_object (&fixture->kase);
  lanka_database_close (fixture->database);
  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->agency, g_free);
}

/* Screenshots */

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("LANKA_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  const char *language = g_getenv ("LANGUAGE");
  int width, height;

  if (dir == NULL)
    return;

  lanka_test_iterate_a_while ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  file = g_strdup_printf ("%s-%d-%s.png", name, width, language != NULL ? language : "C");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Helpers */

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  GtkWidget *row = lanka_test_find_row (GTK_WIDGET (root), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  lanka_test_iterate_a_while ();
}

static void
click_action (gpointer    root,
              const char *action)
{
  click (lanka_test_find_action_button (GTK_WIDGET (root), action));
}

/* Chooses @code's label in the combo row titled @title, as a person does. */
static void
choose (gpointer         root,
        const char      *title,
        LankaVocabulary  vocabulary,
        const char      *code)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (root, title));
  GListModel *labels = adw_combo_row_get_model (row);
  const char *label = lanka_vocabulary_get_label (vocabulary, code);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          lanka_test_iterate_a_while ();
          return;
        }
    }

  g_assert_not_reached ();
}

static void
tick (gpointer         root,
      LankaVocabulary  vocabulary,
      const char      *code)
{
  GtkWidget *row = find_row (root, lanka_vocabulary_get_label (vocabulary, code));
  GtkWidget *check = lanka_test_find_child (row, GTK_TYPE_CHECK_BUTTON);

  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  g_autoptr(GPtrArray) checks = lanka_test_collect_widgets (root, GTK_TYPE_CHECK_BUTTON);

  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), label) == 0)
      return checks->pdata[i];

  g_assert_not_reached ();
}

static void
write_into (gpointer    root,
            const char *title,
            const char *text)
{
  GtkWidget *view = lanka_test_find_child (find_row (root, title), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

static gboolean
shows_label (gpointer    root,
             const char *text)
{
  return is_shown (lanka_test_find_label (GTK_WIDGET (root), text));
}

/* Whether @widget lies inside its window's width: nothing cut off. */
static gboolean
fits_width (GtkWidget *widget)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  lanka_test_iterate_a_while ();
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_test_message ("%s: %g + %g in %d", G_OBJECT_TYPE_NAME (widget),
                  bounds.origin.x, bounds.size.width, gtk_widget_get_width (window));

  return bounds.origin.x >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window) + 0.5;
}

static GListModel *
list_referrals (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GListModel *referrals;

  referrals = lanka_referrals_list (fixture->database, lanka_case_get_uuid (fixture->kase),
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (referrals);

  return referrals;
}

static guint
count_consents (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) consents = NULL;

  consents = lanka_consents_list (fixture->database, lanka_case_get_uuid (fixture->kase), &error);
  g_assert_no_error (error);

  return g_list_model_get_n_items (consents);
}

static LankaRecord *
load_referral (Fixture    *fixture,
               const char *uuid)
{
  g_autoptr(GError) error = NULL;
  LankaRecord *referral = lanka_referrals_load (fixture->database, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (referral);

  return referral;
}

/* The row of a referral or consent in the section, by its title. */
static AdwActionRow *
find_item (Fixture    *fixture,
           const char *title)
{
  return ADW_ACTION_ROW (lanka_test_find_row (fixture->section, ADW_TYPE_ACTION_ROW, title));
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether the menu of @row offers @action, as a person sees it. */
static gboolean
row_offers (AdwActionRow *row,
            const char   *action)
{
  GtkWidget *button = lanka_test_find_child (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  return menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), action);
}

/* Runs @action of @row's menu, as choosing the menu item does. */
static void
run_row_action (Fixture      *fixture,
                AdwActionRow *row,
                const char   *action,
                const char   *uuid)
{
  g_assert_true (row_offers (row, action));
  g_assert_true (gtk_widget_activate_action (fixture->section, action, "s", uuid));
  lanka_test_iterate_a_while ();
}

static AdwMessageDialog *
get_message_dialog (void)
{
  AdwMessageDialog *dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  return dialog;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  if (lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_dialogs, NULL);
}

static gboolean
subtitle_has (AdwActionRow *row,
              const char   *text)
{
  const char *subtitle = adw_action_row_get_subtitle (row);

  return subtitle != NULL && strstr (subtitle, text) != NULL;
}

static LankaReferralDialog *
open_refer_dialog (Fixture *fixture)
{
  LankaReferralDialog *dialog;

  click (lanka_test_find_button (fixture->section, _("_Refer…")));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  return dialog;
}

static gboolean
lists_agency (gpointer data)
{
  return lanka_test_find_label (GTK_WIDGET (data), AGENCY) != NULL;
}

/* Picks the agency among those Find Help lists, and goes on. */
static void
pick_agency (LankaReferralDialog *dialog)
{
  LankaFindHelp *find_help = lanka_referral_dialog_get_find_help (dialog);
  GtkWidget *label;
  GtkWidget *row;

  lanka_test_iterate_until (lists_agency, find_help);
  label = lanka_test_find_label (GTK_WIDGET (find_help), AGENCY);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  lanka_test_iterate_a_while ();

  click_action (dialog, "referral.next");
  g_assert_true (is_shown (find_row (dialog, _("Reason"))));
}

/* Tests */

static void
test_unsaved_case (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaCase) draft = lanka_case_new ();
  GtkWidget *refer = lanka_test_find_button (fixture->section, _("_Refer…"));

  g_assert_true (gtk_widget_is_sensitive (refer));
  g_assert_true (shows_label (fixture->section, _("No referrals yet. Use Refer to link the person "
                                                  "to an agency that can help, or record a "
                                                  "referral another agency sent.")));

  lanka_case_referrals_set_case (LANKA_CASE_REFERRALS (fixture->section), draft);
  lanka_test_iterate_a_while ();

  g_assert_true (shows_label (fixture->section, _("Save the case before referring it.")));
  g_assert_false (gtk_widget_is_sensitive (refer));
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_button (fixture->section,
                                                                   _("Record _Incoming…"))));
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_button (fixture->section,
                                                                   _("Record _Consent…"))));
  g_assert_null (lanka_case_referrals_refer (LANKA_CASE_REFERRALS (fixture->section)));
}

static void
test_refer_from_case (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GListModel) referrals = NULL;
  g_autoptr(LankaRecord) referral = NULL;
  g_autoptr(GError) error = NULL;
  LankaReferralDialog *dialog;
  LankaFindHelp *find_help;
  LankaRecord *filling;
  AdwActionRow *row;
  const char *basis_sentence;
  const char *shared[] = { "exploitation", NULL };
  const char *uuid;

  dialog = open_refer_dialog (fixture);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 760);

  /* Find Help starts from what the case needs: the housing its plan
   * still lacks, in the case's county.
   */
  find_help = lanka_referral_dialog_get_find_help (dialog);
  g_assert_cmpstr (lanka_find_help_get_need (find_help), ==, "protected_housing");
  g_assert_cmpstr (lanka_find_help_get_county (find_help), ==, "01");
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (dialog),
                                                                          "referral.next")));
  lanka_test_iterate_until (lists_agency, find_help);
  save_screenshot (GTK_WIDGET (dialog), "referral-agency");

  pick_agency (dialog);
  filling = lanka_referral_dialog_get_referral (dialog);
  g_assert_cmpstr (lanka_record_get (filling, "agency"), ==, fixture->agency);
  g_assert_nonnull (find_row (dialog, AGENCY));

  /* The victim is preselected; nothing is shared until ticked. */
  g_assert_cmpstr (lanka_record_get (filling, "person"), ==,
                   lanka_record_get_uuid (lanka_case_get_victim (fixture->kase)));
  g_assert_null (lanka_record_get_list (filling, "shared")[0]);

  /* The agency's contact person can be named. */
  {
    AdwComboRow *contacts = ADW_COMBO_ROW (find_row (dialog, _("Contact person (optional)")));
    GListModel *labels = adw_combo_row_get_model (contacts);

    g_assert_true (is_shown (GTK_WIDGET (contacts)));
    g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 1), ==, CONTACT);
    adw_combo_row_set_selected (contacts, 1);
    g_assert_cmpstr (lanka_record_get (filling, "contact_name"), ==, CONTACT);
  }
  choose (dialog, _("Reason"), LANKA_VOCABULARY_REFERRAL_REASON, "Protection");
  tick (dialog, LANKA_VOCABULARY_SHARE_CATEGORY, "exploitation");

  /* No basis: the sentence is shown at the field, and nothing is sent. */
  click_action (dialog, "referral.send");
  basis_sentence = _("Choose the basis for sharing: a consent or a rule that allows it.");
  g_assert_true (shows_label (dialog, basis_sentence));
  g_assert_true (lanka_test_find_toplevel (LANKA_TYPE_REFERRAL_DIALOG) == dialog);
  referrals = list_referrals (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (referrals), ==, 0);
  g_clear_object (&referrals);
  save_screenshot (GTK_WIDGET (dialog), "referral-problem");

  /* A disclosure rule needs its justification written. */
  choose (dialog, _("Basis"), LANKA_VOCABULARY_DISCLOSURE_BASIS, "necessary");
  g_assert_true (is_shown (find_row (dialog, _("Justification"))));
  write_into (dialog, _("Justification"), JUSTIFICATION);
  click_action (dialog, "referral.send");
  lanka_test_iterate_until (has_no_dialogs, NULL);

  /* The section shows it at once, and the store has it. */
  row = find_item (fixture, AGENCY);
  g_assert_nonnull (row);
  g_assert_true (subtitle_has (row, lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_REASON,
                                                                "Protection")));
  g_assert_true (subtitle_has (row, lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_STATUS,
                                                                "pending")));
  g_assert_false (shows_label (fixture->section,
                               _("No referrals yet. Use Refer to link the person to an agency "
                                 "that can help, or record a referral another agency sent.")));

  referrals = list_referrals (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (referrals), ==, 1);
  referral = g_list_model_get_item (referrals, 0);
  uuid = lanka_record_get_uuid (referral);
  g_assert_cmpstr (lanka_record_get (referral, "status"), ==, "pending");
  g_assert_cmpstr (lanka_record_get (referral, "agency"), ==, fixture->agency);
  g_assert_cmpstr (lanka_record_get (referral, "basis"), ==, "necessary");
  g_assert_cmpstr (lanka_record_get (referral, "justification"), ==, JUSTIFICATION);
  g_assert_cmpstrv (lanka_record_get_list (referral, "shared"), shared);

  /* Accepted, then done with its outcome. */
  g_assert_false (row_offers (row, "referrals.done"));
  run_row_action (fixture, row, "referrals.accept", uuid);
  g_clear_object (&referral);
  referral = load_referral (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (referral, "status"), ==, "accepted");
  row = find_item (fixture, AGENCY);
  g_assert_true (subtitle_has (row, lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_STATUS,
                                                                "accepted")));
  g_assert_false (row_offers (row, "referrals.accept"));

  run_row_action (fixture, row, "referrals.done", uuid);
  {
    AdwMessageDialog *question = get_message_dialog ();
    const char *label = lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_OUTCOME,
                                                    "implemented");
    GtkWidget *check;

    /* No outcome chosen, no answer. */
    g_assert_false (adw_message_dialog_get_response_enabled (question, "done"));
    check = find_check (GTK_WIDGET (question), label);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    respond (question, "done");
  }
  g_clear_object (&referral);
  referral = load_referral (fixture, uuid);
  g_assert_cmpstr (lanka_record_get (referral, "status"), ==, "done");
  g_assert_cmpstr (lanka_record_get (referral, "outcome"), ==, "implemented");
  row = find_item (fixture, AGENCY);
  g_assert_true (subtitle_has (row, lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_OUTCOME,
                                                                "implemented")));
  g_assert_false (row_offers (row, "referrals.revoke"));
  save_screenshot (GTK_WIDGET (fixture->window), "referrals-section");

  /* The journal tells it in sentences. */
  {
    GtkWidget *journal = g_object_new (LANKA_TYPE_CASE_JOURNAL,
                                       "database", fixture->database,
                                       "case", fixture->kase,
                                       NULL);
    GtkWindow *window = lanka_test_show_in_window (journal, 720, 900);
    g_autofree char *sent = NULL;

    sent = g_strdup_printf (_("Referred to %s: %s"), AGENCY,
                            lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_REASON,
                                                        "Protection"));
    lanka_test_iterate_a_while ();
    g_assert_true (shows_label (journal, sent));
    g_assert_true (shows_label (journal, _("Referral accepted")));
    g_assert_true (shows_label (journal, _("Referral done")));
    lanka_test_close_window (window);
  }
}

static LankaConsentDialog *
record_consent (Fixture *fixture)
{
  LankaConsentDialog *dialog;
  LankaFindHelpDialog *find_help;

  click (lanka_test_find_button (fixture->section, _("Record _Consent…")));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_CONSENT_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  /* The recipient comes from the directory. */
  click (lanka_test_find_button (GTK_WIDGET (dialog), _("C_hoose…")));
  find_help = lanka_test_find_toplevel (LANKA_TYPE_FIND_HELP_DIALOG);
  g_assert_nonnull (find_help);
  g_signal_emit_by_name (find_help, "agency-chosen", fixture->agency);
  gtk_window_destroy (GTK_WINDOW (find_help));
  lanka_test_iterate_a_while ();

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, _("Recipient")))), ==,
                   AGENCY);
  choose (dialog, _("Purpose"), LANKA_VOCABULARY_REFERRAL_REASON, "Protection");
  choose (dialog, _("Given by"), LANKA_VOCABULARY_CONSENT_GIVEN_BY, "person");

  return dialog;
}

static void
test_consent_withdrawn (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GListModel) consents = NULL;
  g_autoptr(LankaRecord) consent = NULL;
  g_autoptr(GError) error = NULL;
  LankaConsentDialog *consent_dialog;
  LankaReferralDialog *dialog;
  AdwActionRow *row;
  g_autofree char *consent_uuid = NULL;

  /* Oral or written is part of a consent: Record says so. */
  consent_dialog = record_consent (fixture);
  click_action (consent_dialog, "consent.save");
  g_assert_true (lanka_test_find_toplevel (LANKA_TYPE_CONSENT_DIALOG) == consent_dialog);
  g_assert_true (shows_label (consent_dialog,
                             _("Choose whether the consent was given orally or in writing.")));
  g_assert_cmpuint (count_consents (fixture), ==, 0);
  save_screenshot (GTK_WIDGET (consent_dialog), "consent-problem");
  choose (consent_dialog, _("Oral or written"), LANKA_VOCABULARY_CONSENT_FORM, "written");
  click_action (consent_dialog, "consent.save");
  lanka_test_iterate_until (has_no_dialogs, NULL);

  consents = lanka_consents_list (fixture->database, lanka_case_get_uuid (fixture->kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (consents), ==, 1);
  consent = g_list_model_get_item (consents, 0);
  consent_uuid = g_strdup (lanka_record_get_uuid (consent));
  g_assert_cmpstr (lanka_record_get (consent, "recipient"), ==, fixture->agency);
  g_assert_nonnull (find_item (fixture, AGENCY));

  /* A referral on that consent: it is offered, and chosen. */
  dialog = open_refer_dialog (fixture);
  pick_agency (dialog);
  choose (dialog, _("Reason"), LANKA_VOCABULARY_REFERRAL_REASON, "Protection");
  tick (dialog, LANKA_VOCABULARY_SHARE_CATEGORY, "identity");
  choose (dialog, _("Basis"), LANKA_VOCABULARY_DISCLOSURE_BASIS, "consent");
  g_assert_true (is_shown (find_row (dialog, _("Consent"))));
  g_assert_false (is_shown (find_row (dialog, _("Justification"))));
  g_assert_cmpstr (lanka_record_get (lanka_referral_dialog_get_referral (dialog), "consent"), ==,
                   consent_uuid);
  click_action (dialog, "referral.send");
  lanka_test_iterate_until (has_no_dialogs, NULL);

  /* Withdrawn: the referral that rests on it says so. */
  {
    GtkWidget *consent_row = NULL;
    g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (fixture->section, ADW_TYPE_ACTION_ROW);

    /* The agency's name heads both the referral and the consent. */
    g_assert_cmpuint (rows->len, ==, 2);
    consent_row = rows->pdata[1];
    g_assert_null (lanka_test_find_styled (rows->pdata[0], GTK_TYPE_IMAGE, "warning"));
    run_row_action (fixture, ADW_ACTION_ROW (consent_row), "referrals.withdraw-consent",
                    consent_uuid);
  }
  {
    AdwMessageDialog *question = get_message_dialog ();
    GtkWidget *entry = lanka_test_find_child (GTK_WIDGET (question), GTK_TYPE_ENTRY);
    g_autofree char *date = NULL;

    /* It is withdrawn today unless another day is written. */
    g_assert_nonnull (entry);
    date = lanka_case_rows_parse_date (gtk_editable_get_text (GTK_EDITABLE (entry)));
    g_assert_nonnull (date);
    respond (question, "withdraw");
  }

  g_clear_object (&consents);
  g_clear_object (&consent);
  consents = lanka_consents_list (fixture->database, lanka_case_get_uuid (fixture->kase), &error);
  g_assert_no_error (error);
  consent = g_list_model_get_item (consents, 0);
  g_assert_nonnull (lanka_record_get (consent, "withdrawn_on"));

  {
    g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (fixture->section, ADW_TYPE_ACTION_ROW);
    g_autofree char *warning = NULL;
    GtkWidget *icon;

    row = rows->pdata[0];
    warning = g_strdup_printf (_("The consent it rests on was withdrawn on %s"),
                               lanka_record_get (consent, "withdrawn_on"));
    g_assert_true (subtitle_has (row, warning));
    icon = lanka_test_find_styled (GTK_WIDGET (row), GTK_TYPE_IMAGE, "warning");
    g_assert_true (is_shown (icon));
    /* The consent itself can no longer be withdrawn. */
    g_assert_null (lanka_test_find_child (rows->pdata[1], GTK_TYPE_MENU_BUTTON));
  }
  save_screenshot (GTK_WIDGET (fixture->window), "referrals-withdrawn");

  /* A new referral can no longer rest on it. */
  dialog = open_refer_dialog (fixture);
  pick_agency (dialog);
  choose (dialog, _("Reason"), LANKA_VOCABULARY_REFERRAL_REASON, "Protection");
  choose (dialog, _("Basis"), LANKA_VOCABULARY_DISCLOSURE_BASIS, "consent");
  g_assert_false (is_shown (find_row (dialog, _("Consent"))));
  g_assert_true (is_shown (find_row (dialog, _("No valid consent"))));
  g_assert_null (lanka_record_get (lanka_referral_dialog_get_referral (dialog), "consent"));

  /* A new consent is recorded from there, for this agency and purpose,
   * and the referral rests on it at once.
   */
  click (lanka_test_find_button (find_row (dialog, _("No valid consent")),
                                 _("Record _Consent…")));
  consent_dialog = lanka_test_find_toplevel (LANKA_TYPE_CONSENT_DIALOG);
  g_assert_nonnull (consent_dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (consent_dialog)) ==
                 GTK_WINDOW (dialog));
  g_assert_cmpstr (lanka_record_get (lanka_consent_dialog_get_consent (consent_dialog),
                                     "recipient"), ==, fixture->agency);
  g_assert_cmpstr (lanka_record_get (lanka_consent_dialog_get_consent (consent_dialog),
                                     "purpose"), ==, "Protection");
  choose (consent_dialog, _("Given by"), LANKA_VOCABULARY_CONSENT_GIVEN_BY, "guardian");
  choose (consent_dialog, _("Oral or written"), LANKA_VOCABULARY_CONSENT_FORM, "oral");
  click_action (consent_dialog, "consent.save");
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_CONSENT_DIALOG));
  g_assert_true (is_shown (find_row (dialog, _("Consent"))));
  g_assert_false (is_shown (find_row (dialog, _("No valid consent"))));
  g_assert_nonnull (lanka_record_get (lanka_referral_dialog_get_referral (dialog), "consent"));
  g_assert_cmpstr (lanka_record_get (lanka_referral_dialog_get_referral (dialog), "consent"), !=,
                   consent_uuid);
  g_assert_cmpuint (count_consents (fixture), ==, 2);

  /* Closed unsent, the section still lists the consent recorded. */
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_dialogs, NULL);
  {
    g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (fixture->section, ADW_TYPE_ACTION_ROW);

    g_assert_cmpuint (rows->len, ==, 3);
  }
}

static void
test_incoming (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GListModel) referrals = NULL;
  g_autoptr(LankaRecord) referral = NULL;
  LankaReferralDialog *dialog;
  AdwActionRow *row;
  g_autofree char *incoming = NULL;

  click (lanka_test_find_button (fixture->section, _("Record _Incoming…")));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  /* An agency not in the directory, by its name; no basis asked for. */
  g_assert_false (is_shown (lanka_test_find_group (GTK_WIDGET (dialog), _("Basis for Sharing"))));
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog, _("Agency"))), "Polisen Region Test");
  choose (dialog, _("Reason"), LANKA_VOCABULARY_REFERRAL_REASON, "Protection");
  g_assert_nonnull (lanka_record_get (lanka_referral_dialog_get_referral (dialog), "sent_on"));
  click_action (dialog, "referral.send");
  lanka_test_iterate_until (has_no_dialogs, NULL);

  referrals = list_referrals (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (referrals), ==, 1);
  referral = g_list_model_get_item (referrals, 0);
  g_assert_cmpstr (lanka_record_get (referral, "direction"), ==, "incoming");
  g_assert_null (lanka_record_get (referral, "agency"));

  row = find_item (fixture, "Polisen Region Test");
  g_assert_nonnull (row);
  incoming = g_strdup_printf (_("Incoming · %s"),
                              lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_REASON,
                                                          "Protection"));
  g_assert_true (subtitle_has (row, incoming));
  g_assert_false (row_offers (row, "referrals.print"));
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(LankaRecord) referral = lanka_referrals_new ("outgoing");
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *pdf = NULL;
  const char *shared[] = { "exploitation", "people", NULL };

  lanka_record_set (referral, "agency", fixture->agency);
  lanka_record_set (referral, "agency_name", AGENCY);
  lanka_record_set (referral, "person",
                    lanka_record_get_uuid (lanka_case_get_victim (fixture->kase)));
  lanka_record_set (referral, "reason", "Protection");
  lanka_record_set (referral, "basis", "duty");
  lanka_record_set (referral, "justification", JUSTIFICATION);
  lanka_record_set_list (referral, "shared", shared);
  g_assert_true (lanka_referrals_send (fixture->database, lanka_case_get_uuid (fixture->kase),
                                       referral, NULL, &error));
  g_assert_no_error (error);

  summary = lanka_referral_print_dup_summary (fixture->database, fixture->kase, referral, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  /* What was shared is in it, with the basis. */
  g_assert_nonnull (strstr (summary, lanka_case_get_number (fixture->kase)));
  g_assert_nonnull (strstr (summary, AGENCY));
  g_assert_nonnull (strstr (summary, JUSTIFICATION));
  g_assert_nonnull (strstr (summary, lanka_vocabulary_get_label (LANKA_VOCABULARY_SHARE_CATEGORY,
                                                                 "exploitation")));
  g_assert_nonnull (strstr (summary, lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION,
                                                                 "ForcedLabour")));
  g_assert_nonnull (strstr (summary, RELATIVE));

  /* What was not is not, not even its heading. */
  g_assert_null (strstr (summary, ADDRESS));
  g_assert_null (strstr (summary, ALIAS));
  g_assert_null (strstr (summary, lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_FLAG,
                                                              "pregnant")));
  g_assert_null (strstr (summary, lanka_vocabulary_get_label (LANKA_VOCABULARY_SHARE_CATEGORY,
                                                              "contact")));
  g_assert_null (strstr (summary, lanka_vocabulary_get_label (LANKA_VOCABULARY_SHARE_CATEGORY,
                                                              "health")));

  /* Printed (here, saved as a PDF): one audit row. */
  pdf = g_build_filename (fixture->dir, "summary.pdf", NULL);
  g_assert_true (_lanka_referral_print_run (NULL, fixture->database, fixture->kase, referral,
                                            GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  audit = lanka_audit_list (fixture->database, LANKA_AUDIT_REFERRAL_PRINT, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
}

/* At a phone's width every step still fits: nothing is cut off. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  LankaReferralDialog *dialog;
  LankaConsentDialog *consent_dialog;
  GtkWidget *send;
  int width;

  gtk_window_destroy (fixture->window);
  show_section (fixture, 360);
  lanka_test_iterate_a_while ();
  g_assert_true (fits_width (lanka_test_find_button (fixture->section, _("_Refer…"))));
  g_assert_true (fits_width (lanka_test_find_button (fixture->section, _("Record _Incoming…"))));
  save_screenshot (GTK_WIDGET (fixture->window), "referrals-empty");

  dialog = lanka_referral_dialog_new (fixture->database, fixture->kase, "outgoing");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 700);
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  lanka_test_iterate_until (lists_agency, lanka_referral_dialog_get_find_help (dialog));
  lanka_test_iterate_a_while ();
  save_screenshot (GTK_WIDGET (dialog), "referral-agency");

  width = gtk_widget_get_width (GTK_WIDGET (dialog));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (width, <=, 360);

  /* The details need no more room than the list of agencies. */
  pick_agency (dialog);
  lanka_test_iterate_a_while ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), ==, width);
  send = lanka_test_find_action_button (GTK_WIDGET (dialog), "referral.send");
  g_assert_true (is_shown (send));
  g_assert_true (fits_width (send));
  g_assert_true (fits_width (find_row (dialog, _("Basis"))));
  tick (dialog, LANKA_VOCABULARY_SHARE_CATEGORY, "exploitation");
  click_action (dialog, "referral.send");
  save_screenshot (GTK_WIDGET (dialog), "referral-problem");
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_dialogs, NULL);

  consent_dialog = lanka_consent_dialog_new (fixture->database, fixture->kase);
  gtk_window_set_default_size (GTK_WINDOW (consent_dialog), 360, 700);
  gtk_window_present (GTK_WINDOW (consent_dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, consent_dialog);
  lanka_test_iterate_a_while ();
  g_assert_true (fits_width (find_row (consent_dialog, _("Recipient"))));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (consent_dialog)), <=, 360);
  save_screenshot (GTK_WIDGET (consent_dialog), "consent");
  gtk_window_close (GTK_WINDOW (consent_dialog));
  lanka_test_iterate_until (has_no_dialogs, NULL);
}

/* Runs what @widget's own shortcut for @keyval with @modifiers does, as
 * pressing the keys there does.
 */
static void
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              lanka_test_iterate_a_while ();
              return;
            }
        }
    }

  g_assert_not_reached ();
}

/* Ctrl+Shift+R in the case editor shows the section and opens Refer. */
static void
test_editor_shortcut (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LankaCaseEditor *editor = lanka_case_editor_new ();
  GtkWindow *window;
  LankaReferralDialog *dialog;

  g_object_ref_sink (editor);
  lanka_case_editor_set_database (editor, fixture->database);
  window = lanka_test_show_in_window (GTK_WIDGET (editor), 1000, 800);
  g_assert_true (lanka_case_editor_open (editor, lanka_case_get_uuid (fixture->kase), &error));
  g_assert_no_error (error);
  lanka_test_iterate_a_while ();

  press_shortcut (GTK_WIDGET (editor), GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpstr (lanka_case_editor_get_section (editor), ==, "referrals");
  dialog = lanka_test_find_toplevel (LANKA_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (has_no_dialogs, NULL);

  /* A referral is written without a save; the journal shows its event
   * when it is shown next.
   */
  lanka_case_editor_show_section (editor, "journal");
  lanka_test_iterate_a_while ();
  lanka_case_editor_show_section (editor, "referrals");
  lanka_test_iterate_a_while ();
  {
    g_autoptr(LankaRecord) incoming = lanka_referrals_new ("incoming");
    g_autofree char *received = NULL;

    lanka_record_set (incoming, "agency_name", "Polisen i Region Syd");
    lanka_record_set (incoming, "reason", "Protection");
    lanka_record_set (incoming, "person",
                      lanka_record_get_uuid (lanka_case_get_victim (fixture->kase)));
    g_assert_true (lanka_referrals_send (fixture->database, lanka_case_get_uuid (fixture->kase),
                                         incoming, NULL, &error));
    g_assert_no_error (error);

    received = g_strdup_printf (_("Referral received from %s: %s"), "Polisen i Region Syd",
                                lanka_vocabulary_get_label (LANKA_VOCABULARY_REFERRAL_REASON,
                                                            "Protection"));
    lanka_case_editor_show_section (editor, "journal");
    lanka_test_iterate_a_while ();
    g_assert_true (shows_label (GTK_WIDGET (editor), received));
  }

  lanka_test_close_window (window);
  g_assert_finalize_object (editor);
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

  g_test_add ("/referrals/unsaved-case", Fixture, NULL,
              fixture_set_up, test_unsaved_case, fixture_tear_down);
  g_test_add ("/referrals/refer-from-case", Fixture, NULL,
              fixture_set_up, test_refer_from_case, fixture_tear_down);
  g_test_add ("/referrals/consent-withdrawn", Fixture, NULL,
              fixture_set_up, test_consent_withdrawn, fixture_tear_down);
  g_test_add ("/referrals/incoming", Fixture, NULL,
              fixture_set_up, test_incoming, fixture_tear_down);
  g_test_add ("/referrals/summary", Fixture, NULL,
              fixture_set_up, test_summary, fixture_tear_down);
  g_test_add ("/referrals/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/referrals/editor-shortcut", Fixture, NULL,
              fixture_set_up, test_editor_shortcut, fixture_tear_down);

  return g_test_run ();
}
