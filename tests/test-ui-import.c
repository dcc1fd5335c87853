/* test-ui-import.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lanka-directory.h"
#include "lanka-import-dialog.h"
#include "lanka-test-ui.h"
#include "lanka-vcard.h"

/* The agencies, people and numbers below are made up for the tests. */

typedef struct
{
  char          *dir;
  LankaDatabase *database;
} Fixture;

/* Reading and checking a file runs in a thread, which a busy machine slows. */
#define READ_SECONDS 20

static gboolean
is_done_reading (gpointer data)
{
  return gtk_widget_get_mapped (data) && !lanka_import_dialog_is_busy (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaAgency) existing = lanka_agency_new ();
  g_autoptr(GError) error = NULL;

  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = lanka_test_create_database (fixture->dir);

  lanka_agency_set_name (existing, "Kvinnojouren Tranan");
  lanka_agency_set_agency_type (existing, "ngo");
  lanka_agency_add_channel (existing, LANKA_CHANNEL_PHONE, NULL, "08-555 01 00");
  lanka_directory_add_agency (fixture->database, existing, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  lanka_database_close (fixture->database);
  g_assert_finalize_object (g_steal_pointer (&fixture->database));
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static guint
count_agencies (Fixture    *fixture,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  guint count = G_MAXUINT;

  lanka_directory_count (fixture->database, text, NULL, &count, &error);
  g_assert_no_error (error);

  return count;
}

/* A row is the check button, then the name with the status, what the
 * card holds and the reason, one below the other.
 */
static GtkWidget *
row_of (GtkLabel *title)
{
  return gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (title))));
}

/* A card's row: its check button, found from the title beside it. */
static GtkCheckButton *
find_row_check (GtkWidget  *root,
                const char *title)
{
  GtkLabel *label = GTK_LABEL (lanka_test_find_label (root, title));
  GtkWidget *row;

  g_assert_nonnull (label);
  row = row_of (label);

  return GTK_CHECK_BUTTON (gtk_widget_get_first_child (row));
}

/* Does the row of the card titled @title show @text? */
static gboolean
row_shows (GtkWidget  *root,
           const char *title,
           const char *text)
{
  GtkLabel *label = GTK_LABEL (lanka_test_find_label (root, title));
  GtkWidget *row;

  g_assert_nonnull (label);
  row = row_of (label);

  return lanka_test_find_label (row, text) != NULL;
}

static gboolean
has_mapped_action_button (GtkWidget  *root,
                          const char *action_name)
{
  g_autoptr(GPtrArray) buttons = lanka_test_collect_widgets (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action_name) == 0 &&
        gtk_widget_get_mapped (buttons->pdata[i]))
      return TRUE;

  return FALSE;
}

static void
on_imported_cb (LankaImportDialog *dialog,
                guint              n_imported,
                int               *imported)
{
  *imported = n_imported;
}

static LankaImportDialog *
open_dialog (Fixture  *fixture,
             GFile    *file,
             gpointer *weak,
             int      *imported)
{
  LankaImportDialog *dialog = lanka_import_dialog_new (fixture->database, file);

  *weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), weak);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), imported);
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until_within (is_done_reading, dialog, READ_SECONDS);

  return dialog;
}

static const char contacts[] =
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "KIND:org\r\n"
  "FN:Stödcentrum Norr\r\n"
  "ORG:Stödcentrum Norr\r\n"
  "TEL;TYPE=work:+46 90 555 02 00\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Mottagningen Syd\r\n"
  "ORG:Mottagningen Syd\r\n"
  "X-ADDRESSBOOKSERVER-KIND:org\r\n"
  "EMAIL;TYPE=INTERNET:syd@example.org\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "KIND:org\r\n"
  "FN:Kvinnojouren Tranan\r\n"
  "ORG:Kvinnojouren Tranan\r\n"
  "TEL:+46 8 555 01 00\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "FN:Lisa Ström\r\n"
  "N:Ström;Lisa;;;\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "KIND:individual\r\n"
  "FN:Karin Holm\r\n"
  "N:Holm;Karin;;;\r\n"
  "ORG:Stödcentrum Norr\r\n"
  "TITLE:Kurator\r\n"
  "END:VCARD\r\n";

static char *
import_label (guint n)
{
  return g_strdup_printf (ngettext ("_Import %u Contact", "_Import %u Contacts", n), n);
}

static void
test_preview_and_import (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakter.vcf", contacts, -1);
  LankaImportDialog *dialog;
  GtkButton *import;
  GtkCheckButton *check;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new = NULL;
  g_autofree char *duplicates = NULL;
  g_autofree char *unreadable = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) found = NULL;
  gpointer weak = NULL;
  int imported = -1;

  dialog = open_dialog (fixture, file, &weak, &imported);

  /* The summary counts what the person is about to decide on. */
  new = g_strdup_printf (ngettext ("%u new", "%u new", 2), 2);
  duplicates = g_strdup_printf (ngettext ("%u possible duplicate", "%u possible duplicates", 1), 1);
  unreadable = g_strdup_printf (ngettext ("%u unreadable", "%u unreadable", 1), 1);
  summary = g_strjoin (_(", "), new, duplicates, unreadable, NULL);
  g_assert_nonnull (lanka_test_find_label (GTK_WIDGET (dialog), summary));

  /* Each card says what it is; the doubtful ones say why in the row. */
  g_assert_true (row_shows (GTK_WIDGET (dialog), "Stödcentrum Norr", C_("import status", "New")));
  g_assert_true (row_shows (GTK_WIDGET (dialog), "Mottagningen Syd", C_("import status", "New")));
  g_assert_true (row_shows (GTK_WIDGET (dialog), "Kvinnojouren Tranan",
                            C_("import status", "Possible duplicate")));
  g_assert_true (row_shows (GTK_WIDGET (dialog), "Lisa Ström", C_("import status", "Unreadable")));

  /* New cards start ticked; a possible duplicate does not; an unreadable
   * one cannot be ticked at all.
   */
  g_assert_true (gtk_check_button_get_active (find_row_check (GTK_WIDGET (dialog), "Stödcentrum Norr")));
  g_assert_false (gtk_check_button_get_active (find_row_check (GTK_WIDGET (dialog), "Kvinnojouren Tranan")));
  check = find_row_check (GTK_WIDGET (dialog), "Lisa Ström");
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (check)));

  import = GTK_BUTTON (lanka_test_find_action_button (GTK_WIDGET (dialog), "import.import"));
  g_assert_nonnull (import);
  g_clear_pointer (&label, g_free);
  label = import_label (2);
  g_assert_cmpstr (gtk_button_get_label (import), ==, label);

  /* Select None leaves nothing to import; Select All takes every card
   * that can be read, duplicates too.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.select-none", NULL));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (import)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.select-all", NULL));
  g_clear_pointer (&label, g_free);
  label = import_label (3);
  g_assert_cmpstr (gtk_button_get_label (import), ==, label);
  g_assert_false (gtk_check_button_get_active (find_row_check (GTK_WIDGET (dialog), "Lisa Ström")));

  /* The person leaves out the duplicate and one new card. */
  gtk_check_button_set_active (find_row_check (GTK_WIDGET (dialog), "Kvinnojouren Tranan"), FALSE);
  gtk_check_button_set_active (find_row_check (GTK_WIDGET (dialog), "Mottagningen Syd"), FALSE);
  g_clear_pointer (&label, g_free);
  label = import_label (1);
  g_assert_cmpstr (gtk_button_get_label (import), ==, label);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (import)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  lanka_test_iterate_until_within (lanka_test_is_cleared, &weak, READ_SECONDS);

  /* The agency and the person who works there: two cards. */
  g_assert_cmpint (imported, ==, 2);
  g_assert_cmpuint (count_agencies (fixture, NULL), ==, 2);
  g_assert_cmpuint (count_agencies (fixture, "Mottagningen"), ==, 0);

  found = lanka_directory_search (fixture->database, "Stödcentrum", NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  people = lanka_directory_list_contacts (fixture->database, found[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 1);
  g_assert_cmpstr (lanka_agency_contact_get_name (people->pdata[0]), ==, "Karin Holm");
}

static void
assert_refused (Fixture    *fixture,
                GFile      *file,
                const char *expected)
{
  LankaImportDialog *dialog;
  AdwStatusPage *page;
  gpointer weak = NULL;
  int imported = -1;

  dialog = open_dialog (fixture, file, &weak, &imported);

  /* A sentence and a way out, nothing to import and nothing written. */
  page = lanka_test_visible_status_page (GTK_WIDGET (dialog));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("Nothing to Import"));
  if (expected != NULL)
    g_assert_nonnull (strstr (adw_status_page_get_description (page), expected));
  g_assert_cmpstr (adw_status_page_get_description (page), !=, "");
  g_assert_false (has_mapped_action_button (GTK_WIDGET (dialog), "import.import"));
  g_assert_true (has_mapped_action_button (GTK_WIDGET (dialog), "window.close"));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  lanka_test_iterate_until_within (lanka_test_is_cleared, &weak, READ_SECONDS);
  g_assert_cmpint (imported, ==, -1);
  g_assert_cmpuint (count_agencies (fixture, NULL), ==, 1);
}

static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "tom.vcf", "", 0);

  assert_refused (fixture, file, _("The file is empty: it holds no contacts."));
}

static void
test_junk_file (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char junk[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xfe\x00\x00";
  static const char prose[] = "Hej!\nHär kommer listan över kontakter som du bad om.\n";
  g_autoptr(GFile) binary = write_file (fixture, "bild.vcf", junk, sizeof junk - 1);
  g_autoptr(GFile) text = write_file (fixture, "brev.vcf", prose, -1);

  assert_refused (fixture, binary, NULL);
  assert_refused (fixture, text, NULL);
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "film.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *limit = g_strdup_printf ("%u MB", (guint)(LANKA_VCARD_MAX_FILE_SIZE / (1024 * 1024)));
  FILE *stream;

  /* A hole, not 32 MB of disk: the size alone must be enough to refuse. */
  stream = g_fopen (path, "wb");
  g_assert_nonnull (stream);
  g_assert_cmpint (fseek (stream, LANKA_VCARD_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('\n', stream), ==, '\n');
  g_assert_cmpint (fclose (stream), ==, 0);

  assert_refused (fixture, file, limit);
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "borta.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  assert_refused (fixture, file, "borta.vcf");
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakter.vcf", contacts, -1);
  LankaImportDialog *dialog = lanka_import_dialog_new (fixture->database, file);
  gpointer weak = dialog;
  int imported = -1;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Cancel while reading: the dialog goes (once the reader has let go of
   * it), and nothing is written.
   */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  lanka_test_iterate_until_within (lanka_test_is_cleared, &weak, READ_SECONDS);
  g_assert_cmpint (imported, ==, -1);
  g_assert_cmpuint (count_agencies (fixture, NULL), ==, 1);
}

static gboolean
is_idle (gpointer data)
{
  return !lanka_import_dialog_is_busy (data);
}

static void
test_import_fails (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakter.vcf", contacts, -1);
  g_autofree char *prefix = NULL;
  LankaImportDialog *dialog;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean explained = FALSE;
  gpointer weak = NULL;
  int imported = -1;

  dialog = open_dialog (fixture, file, &weak, &imported);

  /* Locking closes the database under the dialog. */
  lanka_database_close (fixture->database);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  lanka_test_iterate_until_within (is_idle, dialog, READ_SECONDS);

  /* The dialog stays, says that nothing was imported, and why. */
  g_assert_nonnull (weak);
  g_assert_cmpint (imported, ==, -1);
  prefix = g_strdup_printf (_("Nothing was imported. %s"), "");
  labels = lanka_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i]) &&
        g_str_has_prefix (gtk_label_get_label (labels->pdata[i]), prefix) &&
        strlen (gtk_label_get_label (labels->pdata[i])) > strlen (prefix))
      explained = TRUE;
  g_assert_true (explained);

  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until_within (lanka_test_is_cleared, &weak, READ_SECONDS);
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

  g_test_add ("/ui/import/preview-and-import", Fixture, NULL,
              fixture_set_up, test_preview_and_import, fixture_tear_down);
  g_test_add ("/ui/import/import-fails", Fixture, NULL,
              fixture_set_up, test_import_fails, fixture_tear_down);
  g_test_add ("/ui/import/empty-file", Fixture, NULL,
              fixture_set_up, test_empty_file, fixture_tear_down);
  g_test_add ("/ui/import/junk-file", Fixture, NULL,
              fixture_set_up, test_junk_file, fixture_tear_down);
  g_test_add ("/ui/import/too-large", Fixture, NULL,
              fixture_set_up, test_too_large, fixture_tear_down);
  g_test_add ("/ui/import/missing-file", Fixture, NULL,
              fixture_set_up, test_missing_file, fixture_tear_down);
  g_test_add ("/ui/import/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);

  return g_test_run ();
}
