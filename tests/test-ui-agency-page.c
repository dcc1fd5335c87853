/* test-ui-agency-page.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <sys/file.h>
#include <unistd.h>

#include "lanka-agency-page.h"
#include "lanka-clipboard.h"
#include "lanka-contact-editor.h"
#include "lanka-directory.h"
#include "lanka-history-dialog.h"
#include "lanka-test-ui.h"
#include "lanka-value-row.h"
#include "lanka-vocabulary.h"

/* The agencies, people and numbers below are made up for the tests. */

typedef struct
{
  char            *dir;
  LankaDatabase   *database;
  GtkWindow       *window;
  LankaAgencyPage *page;
  guint            changed;
} Fixture;

static void
on_changed_cb (Fixture         *fixture,
               LankaAgencyPage *page)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = lanka_test_create_database (fixture->dir);

  fixture->page = lanka_agency_page_new ();
  lanka_agency_page_set_database (fixture->page, fixture->database);
  g_signal_connect_swapped (fixture->page, "changed", G_CALLBACK (on_changed_cb), fixture);

  fixture->window = lanka_test_show_in_window (GTK_WIDGET (fixture->page), 800, 900);
}

/* Closes the window and checks that nothing keeps the page alive. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_ref (fixture->page);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->page);

  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Whether a person can see @widget: it and every ancestor are visible. */
static gboolean
is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
        return FALSE;
    }

  return TRUE;
}

/* All the text a person sees on the page, one label a line. */
static char *
dup_visible_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = lanka_test_collect_widgets (root, GTK_TYPE_LABEL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (is_shown (label) && gtk_widget_get_mapped (label))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (label)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *needle)
{
  g_autofree char *text = dup_visible_text (root);

  return strstr (text, needle) != NULL;
}

static AdwPreferencesGroup *
find_group (LankaAgencyPage *page,
            const char      *title)
{
  GtkWidget *group = lanka_test_find_group (GTK_WIDGET (page), title);

  g_assert_nonnull (group);
  return ADW_PREFERENCES_GROUP (group);
}

static AdwActionRow *
find_action_row (GtkWidget  *root,
                 const char *title)
{
  return ADW_ACTION_ROW (lanka_test_find_row (root, ADW_TYPE_ACTION_ROW, title));
}

static LankaValueRow *
find_value_row (GtkWidget  *root,
                const char *value)
{
  g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (root, LANKA_TYPE_VALUE_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (lanka_value_row_get_value (g_ptr_array_index (rows, i)), value) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

typedef struct
{
  gboolean  done;
  char     *text;
} ReadText;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadText *read = user_data;

  /* An empty clipboard is an error here, which is what the test wants. */
  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
read_is_done (gpointer data)
{
  return ((ReadText *)data)->done;
}

static char *
read_clipboard (GtkWidget *widget)
{
  ReadText read = { FALSE, NULL };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &read);
  lanka_test_iterate_until (read_is_done, &read);

  return read.text;
}

/* The clipboard belongs to the whole display, and the English and Swedish
 * runs of this test share one: they take turns with it.
 */
/* The test's clearing time: the real half minute twice, in two languages,
 * would be most of the test's time limit.
 */
#define CLEAR_SECONDS 2

static gboolean
shows_copy_icon (gpointer data)
{
  return lanka_test_find_button_with_icon (GTK_WIDGET (data), "edit-copy-symbolic") != NULL;
}

static int
lock_clipboard (void)
{
  g_autofree char *path = g_build_filename (g_get_user_runtime_dir (), "lanka-test-clipboard.lock", NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  return fd;
}

static void
unlock_clipboard (int fd)
{
  flock (fd, LOCK_UN);
  close (fd);
}

static void
click_copy (LankaValueRow *row)
{
  GtkButton *button = GTK_BUTTON (lanka_test_find_button_with_icon (GTK_WIDGET (row),
                                                                    "edit-copy-symbolic"));

  g_assert_nonnull (button);
  g_assert_true (is_shown (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static LankaAgency *
add_full_agency (Fixture *fixture)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;
  const char * const counties[] = { "21", "01", NULL };
  const char * const support[] = { "psychosocial", "protected_housing", NULL };
  const char * const exploitation[] = { "ForcedLabour", NULL };
  const char * const accepts[] = { "women", "pregnant", NULL };
  const char * const languages[] = { "svenska", "engelska", "rumänska", "ti", NULL };

  g_object_set (agency,
                "name", "Skyddat boende Näktergalen",
                "unit", "Mottagningen",
                "agency-type", "shelter",
                "nmt", TRUE,
                "national", FALSE,
                "organisation-number", "202100-0076",
                "opening-hours", "Vardagar 8–17",
                "out-of-hours", "026-10 20 99",
                "limits", "Endast kvinnor över 18 år",
                "verified-on", "2026-03-01",
                "source", "Telefonsamtal med mottagningen",
                NULL);
  lanka_agency_set_counties (agency, counties);
  lanka_agency_set_support (agency, support);
  lanka_agency_set_exploitation (agency, exploitation);
  lanka_agency_set_accepts (agency, accepts);
  lanka_agency_set_languages (agency, languages);
  /* An ampersand shows whether values are treated as text, not markup. */
  lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, "Växel & jour", "026-10 20 30");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_EMAIL, NULL, "info@example.se");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_WEB, NULL, "www.example.se");
  lanka_agency_add_channel (agency, LANKA_CHANNEL_ADDRESS, "Post", "Box 1, 801 00 Gävle");
  lanka_directory_add_agency (fixture->database, agency, &error);
  g_assert_no_error (error);

  lanka_agency_contact_set_name (contact, "Anna Andersson");
  lanka_agency_contact_set_role (contact, "Kurator & samordnare");
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_PHONE, "Mobil", "070-123 45 67");
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_EMAIL, NULL, "anna.andersson@example.se");
  lanka_agency_contact_set_notes (contact, "Nås bäst före lunch");
  lanka_directory_add_contact (fixture->database, lanka_agency_get_uuid (agency), contact, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&agency);
}

static LankaAgency *
add_small_agency (Fixture    *fixture,
                  const char *name)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  lanka_agency_set_name (agency, name);
  lanka_agency_set_agency_type (agency, "ngo");
  lanka_directory_add_agency (fixture->database, agency, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&agency);
}

static void
test_shows_agency (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_full_agency (fixture);
  GtkWidget *page = GTK_WIDGET (fixture->page);
  g_autofree char *text = NULL;
  g_autofree char *support = NULL;
  AdwActionRow *row;
  LankaValueRow *value_row;

  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.2);
  text = dup_visible_text (page);

  /* The header: name, unit, type in the current language, counties, NMT. */
  g_assert_nonnull (strstr (text, "Skyddat boende Näktergalen"));
  g_assert_nonnull (strstr (text, "Mottagningen"));
  g_assert_nonnull (strstr (text, lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE, "shelter")));
  g_assert_nonnull (strstr (text, "Gävleborg"));
  g_assert_nonnull (strstr (text, "Stockholm"));
  g_assert_nonnull (strstr (text, _("Part of NMT")));

  /* Every channel with its label, values as written. */
  g_assert_nonnull (strstr (text, "026-10 20 30"));
  g_assert_nonnull (strstr (text, "Växel & jour"));
  g_assert_nonnull (strstr (text, "info@example.se"));
  g_assert_nonnull (strstr (text, "Box 1, 801 00 Gävle"));
  g_assert_nonnull (strstr (text, "Vardagar 8–17"));
  g_assert_nonnull (strstr (text, "202100-0076"));

  /* Phone numbers open as +46 numbers; the web address gets its scheme. */
  value_row = find_value_row (page, "026-10 20 30");
  g_assert_cmpstr (lanka_value_row_get_uri (value_row), ==, "tel:+4626102030");
  g_assert_false (lanka_value_row_get_personal (value_row));
  g_assert_cmpstr (lanka_value_row_get_uri (find_value_row (page, "026-10 20 99")), ==,
                   "tel:+4626102099");
  g_assert_cmpstr (lanka_value_row_get_uri (find_value_row (page, "info@example.se")), ==,
                   "mailto:info@example.se");
  g_assert_cmpstr (lanka_value_row_get_uri (find_value_row (page, "www.example.se")), ==,
                   "https://www.example.se");
  g_assert_null (lanka_value_row_get_uri (find_value_row (page, "Box 1, 801 00 Gävle")));

  /* Addresses are never broken over lines, where a hyphen would change
   * them; a phone number and a postal address may wrap.
   */
  g_assert_cmpint (adw_action_row_get_title_lines (ADW_ACTION_ROW (find_value_row (page, "www.example.se"))), ==, 1);
  g_assert_cmpint (adw_action_row_get_title_lines (ADW_ACTION_ROW (find_value_row (page, "info@example.se"))), ==, 1);
  g_assert_cmpint (adw_action_row_get_title_lines (ADW_ACTION_ROW (find_value_row (page, "026-10 20 30"))), ==, 0);
  g_assert_nonnull (lanka_test_find_button_with_icon (GTK_WIDGET (find_value_row (page, "026-10 20 30")),
                                                      "call-start-symbolic"));

  /* What it helps with, as labels in the current language, not codes. */
  row = find_action_row (page, _("Support"));
  g_assert_nonnull (row);
  support = g_strdup_printf ("%s, %s",
                             lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE, "protected_housing"),
                             lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE, "psychosocial"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, support);
  g_assert_null (strstr (text, "protected_housing"));
  row = find_action_row (page, _("Forms of exploitation"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION, "ForcedLabour"));
  g_assert_null (find_action_row (page, C_("helps with", "Other")));

  /* Whom it takes, and that it does not take children, said plainly. */
  row = find_action_row (page, _("Accepts"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row),
                            lanka_vocabulary_get_label (LANKA_VOCABULARY_ACCEPTS, "women")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row),
                            lanka_vocabulary_get_label (LANKA_VOCABULARY_ACCEPTS, "pregnant")));
  row = find_action_row (page, _("Does not take children"));
  g_assert_nonnull (row);
  g_assert_true (is_shown (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (text, "rumänska"));
  /* A language written as its ISO code shows by its name. */
  g_assert_nonnull (strstr (text, g_dgettext ("iso_639-3", "Tigrinya")));
  g_assert_nonnull (strstr (text, "Endast kvinnor över 18 år"));

  /* The contact person, with their role and numbers. */
  g_assert_nonnull (strstr (text, "Anna Andersson"));
  g_assert_nonnull (strstr (text, "Kurator & samordnare"));
  g_assert_nonnull (strstr (text, "070-123 45 67"));
  g_assert_nonnull (strstr (text, "Nås bäst före lunch"));
  value_row = find_value_row (page, "070-123 45 67");
  g_assert_true (lanka_value_row_get_personal (value_row));
  g_assert_cmpstr (lanka_value_row_get_uri (value_row), ==, "tel:+46701234567");

  /* Everything fits a phone-sized window, in either language. */
  {
    g_autoptr(GPtrArray) expanders = lanka_test_collect_widgets (page, ADW_TYPE_EXPANDER_ROW);
    int minimum;

    for (guint i = 0; i < expanders->len; i++)
      adw_expander_row_set_expanded (g_ptr_array_index (expanders, i), TRUE);
    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* No notes: no Notes group.  The footer says when and where from. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_group (fixture->page, _("Notes")))));
  {
    g_autofree char *footer = g_strdup_printf (_("Verified on %s · Source: %s"),
                                               "2026-03-01", "Telefonsamtal med mottagningen");

    g_assert_nonnull (strstr (text, footer));
  }
}

static void
test_empty_groups_hidden (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_small_agency (fixture, "Föreningen Tyst");
  g_autoptr(LankaAgency) full = add_full_agency (fixture);
  const char *hidden[] = { _("Contact"), _("Helps With"), _("For Whom"), _("Regions"), _("Notes") };

  /* A full agency first, so that the test sees its groups go away. */
  lanka_agency_page_set_agency (fixture->page, full);
  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.2);

  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Föreningen Tyst"));
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    g_assert_false (is_shown (GTK_WIDGET (find_group (fixture->page, hidden[i]))));

  /* Nothing of the agency before stays behind. */
  g_assert_false (shows_text (GTK_WIDGET (fixture->page), "Anna Andersson"));
  g_assert_false (shows_text (GTK_WIDGET (fixture->page), "026-10 20 30"));
  g_assert_false (shows_text (GTK_WIDGET (fixture->page), _("Part of NMT")));
  g_assert_false (shows_text (GTK_WIDGET (fixture->page), _("Does not take children")));

  /* An agency that says nothing about whom it takes is not said to
   * turn children away; one that lists them is not either.
   */
  {
    const char * const accepts[] = { "children", "women", NULL };
    const char * const accompanied[] = { "accompanied_children", "women", NULL };
    g_autoptr(GError) error = NULL;

    lanka_agency_set_accepts (agency, accepts);
    lanka_agency_set_notes (agency, "Ring först");
    lanka_directory_update_agency (fixture->database, agency, &error);
    g_assert_no_error (error);
    lanka_agency_page_set_agency (fixture->page, agency);
    lanka_test_iterate_for (0.1);
    g_assert_true (is_shown (GTK_WIDGET (find_group (fixture->page, _("For Whom")))));
    g_assert_true (is_shown (GTK_WIDGET (find_group (fixture->page, _("Notes")))));
    g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Ring först"));
    g_assert_false (shows_text (GTK_WIDGET (fixture->page), _("Does not take children")));

    lanka_agency_set_accepts (agency, accompanied);
    lanka_agency_page_set_agency (fixture->page, agency);
    lanka_test_iterate_for (0.1);
    g_assert_false (shows_text (GTK_WIDGET (fixture->page), _("Does not take children")));
    g_assert_true (shows_text (GTK_WIDGET (fixture->page),
                               _("Takes children only together with an adult")));
  }

  /* Nothing chosen: nothing of any agency on the page. */
  lanka_agency_page_set_agency (fixture->page, NULL);
  lanka_test_iterate_for (0.1);
  g_assert_false (shows_text (GTK_WIDGET (fixture->page), "Föreningen Tyst"));
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), _("No Agency Selected")));
  {
    g_autoptr(GPtrArray) rows = lanka_test_collect_widgets (GTK_WIDGET (fixture->page),
                                                            ADW_TYPE_PREFERENCES_ROW);

    g_assert_cmpuint (rows->len, ==, 0);
  }
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_full_agency (fixture);
  GtkWidget *page = GTK_WIDGET (fixture->page);
  LankaValueRow *public_row;
  LankaValueRow *personal_row;
  g_autofree char *copied = NULL;
  g_autofree char *later = NULL;
  gpointer weak;
  int lock;

  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.2);
  lock = lock_clipboard ();

  /* An agency's public number is copied as written, and stays. */
  public_row = find_value_row (page, "026-10 20 30");
  click_copy (public_row);
  copied = read_clipboard (page);
  g_assert_cmpstr (copied, ==, "026-10 20 30");

  /* The button shows that it did something. */
  g_assert_nonnull (lanka_test_find_button_with_icon (GTK_WIDGET (public_row), "object-select-symbolic"));
  lanka_test_iterate_until (shows_copy_icon, public_row);

  lanka_test_iterate_for (CLEAR_SECONDS + 1);
  g_clear_pointer (&copied, g_free);
  copied = read_clipboard (page);
  g_assert_cmpstr (copied, ==, "026-10 20 30");

  /* A contact person's number is personal data: it is copied, and gone
   * again after the timeout.
   */
  personal_row = find_value_row (page, "070-123 45 67");
  click_copy (personal_row);
  g_clear_pointer (&copied, g_free);
  copied = read_clipboard (page);
  g_assert_cmpstr (copied, ==, "070-123 45 67");

  lanka_test_iterate_for (CLEAR_SECONDS + 1);
  later = read_clipboard (page);
  g_assert_cmpstr (later, !=, "070-123 45 67");
  unlock_clipboard (lock);

  /* A row that goes away takes nothing with it. */
  weak = personal_row;
  g_object_add_weak_pointer (G_OBJECT (personal_row), &weak);
  lanka_agency_page_set_agency (fixture->page, NULL);
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
}

static void
test_accessible_copy_buttons (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_full_agency (fixture);
  GtkWidget *page = GTK_WIDGET (fixture->page);
  g_autoptr(GPtrArray) rows = NULL;

  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.2);

  /* Every copy button has a tooltip; the ones that copy a known kind of
   * value say which.
   */
  rows = lanka_test_collect_widgets (page, LANKA_TYPE_VALUE_ROW);
  g_assert_cmpuint (rows->len, >=, 8);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkButton *button = GTK_BUTTON (lanka_test_find_button_with_icon (g_ptr_array_index (rows, i),
                                                                        "edit-copy-symbolic"));

      g_assert_nonnull (button);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, _("Copy"));
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (button)));
    }

  g_assert_cmpstr (lanka_value_row_get_copy_label (find_value_row (page, "Box 1, 801 00 Gävle")), ==,
                   _("Copy address"));
}

static void
test_add_contact (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_small_agency (fixture, "Föreningen Tyst");
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *editor;
  gpointer weak;

  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.1);

  /* No one yet: the group invites to add someone. */
  g_assert_true (is_shown (GTK_WIDGET (find_group (fixture->page, _("Contact Persons")))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "agency-page.add-contact", NULL));
  editor = lanka_test_find_toplevel (LANKA_TYPE_CONTACT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == fixture->window);

  /* The editor saves and says so; the page shows the new person. */
  lanka_agency_contact_set_name (contact, "Bertil Berg");
  lanka_agency_contact_set_role (contact, "Jurist");
  lanka_agency_contact_add_channel (contact, LANKA_CHANNEL_PHONE, NULL, "08-123 456");
  lanka_directory_add_contact (fixture->database, lanka_agency_get_uuid (agency), contact, &error);
  g_assert_no_error (error);
  g_signal_emit_by_name (editor, "saved", contact);
  lanka_test_iterate_for (0.2);

  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Bertil Berg"));
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Jurist"));
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "08-123 456"));

  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_window_destroy (editor);
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
}

static void
test_delete_contact (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_full_agency (fixture);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  const char *uuid;

  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.1);
  contacts = lanka_directory_list_contacts (fixture->database, lanka_agency_get_uuid (agency), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  uuid = lanka_agency_contact_get_uuid (g_ptr_array_index (contacts, 0));

  /* Cancelling keeps the person. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "agency-page.delete-contact", "s", uuid));
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            "Anna Andersson"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  lanka_test_iterate_for (0.2);
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Anna Andersson"));
  g_assert_cmpuint (fixture->changed, ==, 0);

  /* Deleting takes them off the page and out of the database. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "agency-page.delete-contact", "s", uuid));
  dialog = lanka_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  lanka_test_iterate_for (0.2);
  g_assert_false (shows_text (GTK_WIDGET (fixture->page), "Anna Andersson"));
  g_assert_false (shows_text (GTK_WIDGET (fixture->page), "070-123 45 67"));
  g_assert_cmpuint (fixture->changed, ==, 1);

  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = lanka_directory_list_contacts (fixture->database, lanka_agency_get_uuid (agency), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 0);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_full_agency (fixture);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) history_error = NULL;
  GtkWindow *dialog;
  const char *uuid;
  gpointer weak;

  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.1);
  contacts = lanka_directory_list_contacts (fixture->database, lanka_agency_get_uuid (agency), &error);
  g_assert_no_error (error);
  uuid = lanka_agency_contact_get_uuid (g_ptr_array_index (contacts, 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "agency-page.show-history", "s", uuid));
  dialog = lanka_test_find_toplevel (LANKA_TYPE_HISTORY_DIALOG);
  g_assert_nonnull (dialog);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Anna Andersson"));

  /* Whatever the store answers, the dialog says it in words. */
  entries = lanka_directory_list_history (fixture->database, uuid, &history_error);
  if (entries == NULL)
    {
      g_assert_nonnull (history_error);
      g_assert_true (shows_text (GTK_WIDGET (dialog), history_error->message));
    }
  else
    {
      g_assert_cmpuint (entries->len, >, 0);
      g_assert_true (shows_text (GTK_WIDGET (dialog),
                                 g_dpgettext2 (GETTEXT_PACKAGE, "history field", "Name")));
      g_assert_true (shows_text (GTK_WIDGET (dialog), "070-123 45 67"));
      g_assert_false (shows_text (GTK_WIDGET (dialog), "phones"));
    }

  /* The history is personal data: it closes with its agency. */
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  lanka_agency_page_set_agency (fixture->page, NULL);
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
}

static void
test_history_dialog_empty (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  LankaHistoryDialog *dialog;

  /* A person nobody ever saved has no history, or the store says why. */
  dialog = lanka_history_dialog_new (fixture->database, "00000000-0000-4000-8000-000000000000", "Ingen");
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  entries = lanka_directory_list_history (fixture->database,
                                          "00000000-0000-4000-8000-000000000000",
                                          &error);
  if (entries != NULL)
    g_assert_true (shows_text (GTK_WIDGET (dialog), _("No Changes Yet")));
  else
    g_assert_true (shows_text (GTK_WIDGET (dialog), error->message));

  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
on_directory_action_cb (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  GPtrArray *activated = user_data;

  g_ptr_array_add (activated, g_strdup (g_action_get_name (G_ACTION (action))));
}

static void
test_agency_actions (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaAgency) agency = add_small_agency (fixture, "Föreningen Tyst");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GPtrArray) activated = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) menu_buttons = NULL;
  const GActionEntry entries[] = {
    { "edit", on_directory_action_cb },
    { "delete", on_directory_action_cb },
    { "merge", on_directory_action_cb },
    { "export-selected", on_directory_action_cb },
  };
  GMenuModel *menu;
  GtkButton *edit = NULL;

  /* The directory view owns these actions; the page offers them. */
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), activated);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "directory", G_ACTION_GROUP (group));
  lanka_agency_page_set_agency (fixture->page, agency);
  lanka_test_iterate_for (0.1);

  buttons = lanka_test_collect_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "directory.edit") == 0)
      edit = g_ptr_array_index (buttons, i);
  g_assert_nonnull (edit);
  g_assert_true (is_shown (GTK_WIDGET (edit)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (edit)));
  g_assert_true (gtk_button_get_use_underline (edit));
  g_signal_emit_by_name (edit, "clicked");
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (activated, 0), ==, "edit");

  /* The menu holds the rest, each with a keyboard mnemonic. */
  menu_buttons = lanka_test_collect_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_MENU_BUTTON);
  g_assert_cmpuint (menu_buttons->len, ==, 1);
  g_assert_nonnull (gtk_widget_get_tooltip_text (g_ptr_array_index (menu_buttons, 0)));
  menu = gtk_menu_button_get_menu_model (g_ptr_array_index (menu_buttons, 0));
  {
    const char *wanted[] = { "directory.merge", "directory.export-selected", "directory.delete",
                             "agency-page.add-contact" };

    for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
      {
        gboolean found = FALSE;

        for (int section = 0; section < g_menu_model_get_n_items (menu); section++)
          {
            g_autoptr(GMenuModel) items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);

            for (int i = 0; items != NULL && i < g_menu_model_get_n_items (items); i++)
              {
                g_autofree char *action = NULL;
                g_autofree char *label = NULL;

                g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
                g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
                if (g_strcmp0 (action, wanted[w]) == 0)
                  {
                    found = TRUE;
                    g_assert_nonnull (strchr (label, '_'));
                  }
              }
          }

        g_assert_true (found);
      }
  }

  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "directory", NULL);
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);
  lanka_clipboard_set_clear_seconds (CLEAR_SECONDS);

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/ui/agency-page/shows-agency", test_shows_agency);
  ADD_TEST ("/ui/agency-page/empty-groups-hidden", test_empty_groups_hidden);
  ADD_TEST ("/ui/agency-page/copy", test_copy);
  ADD_TEST ("/ui/agency-page/accessible-copy-buttons", test_accessible_copy_buttons);
  ADD_TEST ("/ui/agency-page/add-contact", test_add_contact);
  ADD_TEST ("/ui/agency-page/delete-contact", test_delete_contact);
  ADD_TEST ("/ui/agency-page/history", test_history);
  ADD_TEST ("/ui/agency-page/history-empty", test_history_dialog_empty);
  ADD_TEST ("/ui/agency-page/agency-actions", test_agency_actions);

#undef ADD_TEST

  return g_test_run ();
}
