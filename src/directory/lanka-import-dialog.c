/* lanka-import-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-import-dialog.h"
#include "lanka-io-error.h"
#include "lanka-store-error.h"
#include "lanka-vcard-directory.h"
#include "lanka-vcard.h"

/* Imports a vCard file into the directory in two steps.  First the file is
 * read in a worker and every card is judged (new, a possible duplicate of
 * an agency already there, or unreadable with the reason) without writing
 * anything; the person sees that, picks the cards, and only "Import"
 * writes them, in one transaction, in a worker too.  A file that cannot be
 * read at all says why and writes nothing.
 */
struct _LankaImportDialog
{
  AdwWindow       parent_instance;

  LankaDatabase  *database;
  GFile          *file;
  GCancellable   *cancellable;
  GListModel     *candidates;
  GHashTable     *selected;
  guint           importing : 1;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *import_button;
  GtkSpinner     *import_spinner;
  GtkStack       *stack;
  GtkSpinner     *loading_spinner;
  AdwStatusPage  *error_page;
  GtkWidget      *preview_box;
  GtkLabel       *import_error_label;
  GtkLabel       *summary_label;
  GtkListView    *list_view;
};

G_DEFINE_FINAL_TYPE (LankaImportDialog, lanka_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One read or one import, from the worker's point of view: it gets its
 * own references, so that the dialog may close meanwhile.
 */
typedef struct
{
  LankaDatabase *database;
  GFile         *file;
  GListModel    *candidates;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->database);
  g_clear_object (&job->file);
  g_clear_object (&job->candidates);
  g_free (job);
}

#define ITEM_CHECK    "lanka-check"
#define ITEM_TITLE    "lanka-title"
#define ITEM_SUBTITLE "lanka-subtitle"
#define ITEM_REASON   "lanka-reason"
#define ITEM_STATUS   "lanka-status"
#define ITEM_BINDING  "lanka-binding"

static char *
describe_error (GFile        *file,
                const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);

  g_assert (error != NULL);

  if (error->domain == LANKA_IO_ERROR)
    {
      switch ((LankaIOError)error->code)
        {
        case LANKA_IO_ERROR_EMPTY:
          return g_strdup (_("The file is empty: it holds no contacts."));

        case LANKA_IO_ERROR_TOO_LARGE:
          return g_strdup_printf (_("The file is larger than %u MB, the most Länka imports at "
                                    "once. Split it into smaller files and import them one by one."),
                                  (guint)(LANKA_VCARD_MAX_FILE_SIZE / (1024 * 1024)));

        /* The reader says what is wrong with this file in particular. */
        case LANKA_IO_ERROR_NOT_TEXT:
        case LANKA_IO_ERROR_MALFORMED:
        case LANKA_IO_ERROR_UNSUPPORTED:
        case LANKA_IO_ERROR_ENCRYPTED:
        case LANKA_IO_ERROR_CANNOT_PLAY:
        default:
          return g_strdup (error->message);
        }
    }

  if (error->domain == LANKA_STORE_ERROR)
    {
      if (error->code == LANKA_STORE_ERROR_DISK_FULL)
        return g_strdup (_("The disk is full. Free some space and try again."));

      if (error->code == LANKA_STORE_ERROR_INVALID || error->code == LANKA_STORE_ERROR_NOT_FOUND)
        return g_strdup (error->message);

      /* Translators: %s is the reason, as the database gives it */
      return g_strdup_printf (_("The directory could not be read or written: %s"), error->message);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return g_strdup (_("Länka was locked meanwhile. Unlock it and try again."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* Translators: %s is a file name */
    return g_strdup_printf (_("The file “%s” no longer exists."), name);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    /* Translators: %s is a file name */
    return g_strdup_printf (_("You may not read the file “%s”."), name);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    /* Translators: %s is a folder name */
    return g_strdup_printf (_("“%s” is a folder, not a contacts file."), name);

  /* Translators: the first %s is a file name, the second the reason */
  return g_strdup_printf (_("The file “%s” could not be read: %s"), name, error->message);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GListModel) candidates = NULL;
  GError *error = NULL;

  /* The size first: a video chosen by mistake is refused before a byte
   * of it is read into memory.
   */
  info = g_file_query_info (job->file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable,
                            &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "Is a directory");
      return;
    }

  if (g_file_info_get_size (info) > LANKA_VCARD_MAX_FILE_SIZE)
    {
      g_task_return_new_error (task, LANKA_IO_ERROR, LANKA_IO_ERROR_TOO_LARGE, "Too large");
      return;
    }

  if (g_file_info_get_size (info) == 0)
    {
      g_task_return_new_error (task, LANKA_IO_ERROR, LANKA_IO_ERROR_EMPTY, "Empty");
      return;
    }

  bytes = g_file_load_bytes (job->file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* It may have grown since it was measured. */
  if (g_bytes_get_size (bytes) > LANKA_VCARD_MAX_FILE_SIZE)
    {
      g_task_return_new_error (task, LANKA_IO_ERROR, LANKA_IO_ERROR_TOO_LARGE, "Too large");
      return;
    }

  /* A lock meanwhile waits for the release before it closes the database. */
  lanka_database_hold (job->database);
  if (!lanka_database_is_open (job->database))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The database is closed");
  else
    candidates = lanka_vcard_directory_prepare_import (job->database, bytes, cancellable, &error);
  lanka_database_release (job->database);

  if (candidates == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&candidates), g_object_unref);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  guint n_imported = 0;
  gboolean ok = FALSE;

  lanka_database_hold (job->database);
  if (!lanka_database_is_open (job->database))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The database is closed");
  else
    ok = lanka_vcard_directory_import (job->database, job->candidates, &n_imported, cancellable, &error);
  lanka_database_release (job->database);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_imported);
}

static void
update_import_button (LankaImportDialog *self)
{
  g_autofree char *label = NULL;
  guint n_selected = g_hash_table_size (self->selected);

  g_assert (LANKA_IS_IMPORT_DIALOG (self));

  if (n_selected == 0)
    label = g_strdup (_("_Import"));
  else
    label = g_strdup_printf (ngettext ("_Import %u Contact", "_Import %u Contacts", n_selected),
                             n_selected);

  gtk_button_set_label (self->import_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 self->candidates != NULL && n_selected > 0 && !self->importing);
}

static void
on_candidate_selected_cb (LankaImportDialog    *self,
                          GParamSpec           *pspec,
                          LankaImportCandidate *candidate)
{
  /* A notification does not always mean a change (an unreadable card
   * that refuses a tick says so too): keep the set, not a running sum.
   */
  if (self->selected == NULL)
    return;

  if (lanka_import_candidate_get_selected (candidate))
    g_hash_table_add (self->selected, candidate);
  else
    g_hash_table_remove (self->selected, candidate);

  update_import_button (self);
}

static void
update_summary (LankaImportDialog *self)
{
  guint counts[3] = { 0, };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  guint n_items = g_list_model_get_n_items (self->candidates);

  g_assert (LANKA_IS_IMPORT_DIALOG (self));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaImportCandidate) candidate = g_list_model_get_item (self->candidates, i);
      LankaImportStatus status = lanka_import_candidate_get_status (candidate);

      if (status < G_N_ELEMENTS (counts))
        counts[status]++;
    }

  if (counts[LANKA_IMPORT_STATUS_NEW] > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u new", "%u new",
                                                       counts[LANKA_IMPORT_STATUS_NEW]),
                                             counts[LANKA_IMPORT_STATUS_NEW]));
  if (counts[LANKA_IMPORT_STATUS_DUPLICATE] > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u possible duplicate", "%u possible duplicates",
                                                       counts[LANKA_IMPORT_STATUS_DUPLICATE]),
                                             counts[LANKA_IMPORT_STATUS_DUPLICATE]));
  if (counts[LANKA_IMPORT_STATUS_UNREADABLE] > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u unreadable", "%u unreadable",
                                                       counts[LANKA_IMPORT_STATUS_UNREADABLE]),
                                             counts[LANKA_IMPORT_STATUS_UNREADABLE]));

  if (parts->len == 0)
    {
      summary = g_strdup (_("The file holds no contacts."));
    }
  else
    {
      g_ptr_array_add (parts, NULL);
      /* Translators: the separator between the parts of "12 new, 2 possible duplicates" */
      summary = g_strjoinv (_(", "), (char **)parts->pdata);
    }

  gtk_label_set_label (self->summary_label, summary);
}

static void
show_error (LankaImportDialog *self,
            const GError      *error)
{
  g_autofree char *message = describe_error (self->file, error);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_assert (LANKA_IS_IMPORT_DIALOG (self));

  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
show_preview (LankaImportDialog *self,
              GListModel        *candidates)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  guint n_items = g_list_model_get_n_items (candidates);

  g_assert (LANKA_IS_IMPORT_DIALOG (self));

  self->candidates = g_object_ref (candidates);
  g_hash_table_remove_all (self->selected);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaImportCandidate) candidate = g_list_model_get_item (candidates, i);

      if (lanka_import_candidate_get_selected (candidate))
        g_hash_table_add (self->selected, candidate);

      g_signal_connect_object (candidate, "notify::selected", G_CALLBACK (on_candidate_selected_cb),
                               self, G_CONNECT_SWAPPED);
    }

  selection = gtk_no_selection_new (g_object_ref (candidates));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  update_summary (self);
  update_import_button (self);

  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.select-all", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.select-none", TRUE);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LankaImportDialog *self = LANKA_IMPORT_DIALOG (object);
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GError) error = NULL;

  candidates = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed meanwhile: the widgets are gone, and so is the interest. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  if (candidates == NULL)
    show_error (self, error);
  else
    show_preview (self, candidates);
}

static void
set_importing (LankaImportDialog *self,
               gboolean           importing)
{
  g_assert (LANKA_IS_IMPORT_DIALOG (self));

  self->importing = !!importing;

  /* A check button that turns insensitive while focused never gets its
   * focus-out: move the focus away first.
   */
  if (importing)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_spinner_set_spinning (self->import_spinner, importing);
  gtk_widget_set_visible (GTK_WIDGET (self->import_spinner), importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !importing);
  gtk_widget_set_sensitive (self->preview_box, !importing);
  update_import_button (self);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LankaImportDialog *self = LANKA_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  gssize n_imported;

  n_imported = g_task_propagate_int (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  set_importing (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *message = describe_error (self->file, error);
      /* Translators: %s says why, such as "The disk is full." */
      g_autofree char *sentence = g_strdup_printf (_("Nothing was imported. %s"), message);

      gtk_label_set_label (self->import_error_label, sentence);
      gtk_widget_set_visible (GTK_WIDGET (self->import_error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, (guint)n_imported);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lanka_import_dialog_import (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  LankaImportDialog *self = (LankaImportDialog *)widget;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->importing || self->candidates == NULL || g_hash_table_size (self->selected) == 0)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->import_error_label), FALSE);
  set_importing (self, TRUE);

  job = g_new0 (Job, 1);
  job->database = g_object_ref (self->database);
  job->candidates = g_object_ref (self->candidates);

  task = g_task_new (self, self->cancellable, import_cb, NULL);
  g_task_set_source_tag (task, lanka_import_dialog_import);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, import_in_thread);
}

static void
set_all_selected (LankaImportDialog *self,
                  gboolean           selected)
{
  guint n_items;

  g_assert (LANKA_IS_IMPORT_DIALOG (self));

  if (self->candidates == NULL || self->importing)
    return;

  /* Unreadable cards refuse by themselves. */
  n_items = g_list_model_get_n_items (self->candidates);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaImportCandidate) candidate = g_list_model_get_item (self->candidates, i);

      lanka_import_candidate_set_selected (candidate, selected);
    }
}

static void
lanka_import_dialog_select_all (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  set_all_selected (LANKA_IMPORT_DIALOG (widget), TRUE);
}

static void
lanka_import_dialog_select_none (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  set_all_selected (LANKA_IMPORT_DIALOG (widget), FALSE);
}

static void
on_list_view_activate_cb (LankaImportDialog *self,
                          guint              position,
                          GtkListView       *list_view)
{
  g_autoptr(LankaImportCandidate) candidate = NULL;

  if (self->candidates == NULL || self->importing)
    return;

  /* Enter or a double click ticks or unticks the card. */
  candidate = g_list_model_get_item (self->candidates, position);
  if (candidate != NULL)
    lanka_import_candidate_set_selected (candidate, !lanka_import_candidate_get_selected (candidate));
}

static gboolean
on_close_request_cb (LankaImportDialog *self,
                     GtkWindow         *window)
{
  /* The import is one transaction that takes a moment: let it finish,
   * then the dialog closes by itself or says what went wrong.
   */
  if (self->importing)
    return TRUE;

  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static GtkWidget *
new_row_label (gboolean wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }

  return label;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = new_row_label (TRUE);
  GtkWidget *subtitle = new_row_label (TRUE);
  GtkWidget *reason = new_row_label (TRUE);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), check);

  /* The status goes right after the name rather than at the end of the
   * row, so that the reason below has the whole width in a narrow window.
   */
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (title_box), title);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "lanka-tag");
  gtk_box_append (GTK_BOX (title_box), status);
  gtk_box_append (GTK_BOX (text), title_box);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_widget_add_css_class (reason, "caption");
  gtk_box_append (GTK_BOX (text), reason);
  gtk_box_append (GTK_BOX (box), text);

  /* The check button is read with the name beside it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);

  g_object_set_data (G_OBJECT (item), ITEM_CHECK, check);
  g_object_set_data (G_OBJECT (item), ITEM_TITLE, title);
  g_object_set_data (G_OBJECT (item), ITEM_SUBTITLE, subtitle);
  g_object_set_data (G_OBJECT (item), ITEM_REASON, reason);
  g_object_set_data (G_OBJECT (item), ITEM_STATUS, status);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  LankaImportCandidate *candidate = gtk_list_item_get_item (item);
  GtkWidget *check = g_object_get_data (G_OBJECT (item), ITEM_CHECK);
  GtkLabel *title = g_object_get_data (G_OBJECT (item), ITEM_TITLE);
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (item), ITEM_SUBTITLE);
  GtkLabel *reason = g_object_get_data (G_OBJECT (item), ITEM_REASON);
  GtkWidget *status = g_object_get_data (G_OBJECT (item), ITEM_STATUS);
  LankaImportStatus candidate_status = lanka_import_candidate_get_status (candidate);
  const char *text;
  const char *status_class;
  const char *status_label;
  g_autofree char *fallback_title = NULL;

  text = lanka_import_candidate_get_title (candidate);
  if (text == NULL || text[0] == '\0')
    {
      /* Translators: %u is the position of a contact card in the file */
      fallback_title = g_strdup_printf (_("Card %u"), lanka_import_candidate_get_card_number (candidate));
      text = fallback_title;
    }
  gtk_label_set_label (title, text);

  text = lanka_import_candidate_get_subtitle (candidate);
  gtk_label_set_label (subtitle, text);
  gtk_widget_set_visible (GTK_WIDGET (subtitle), text != NULL && text[0] != '\0');

  switch (candidate_status)
    {
    case LANKA_IMPORT_STATUS_DUPLICATE:
      status_label = C_("import status", "Possible duplicate");
      status_class = "warning";
      break;

    case LANKA_IMPORT_STATUS_UNREADABLE:
      status_label = C_("import status", "Unreadable");
      status_class = "error";
      break;

    case LANKA_IMPORT_STATUS_NEW:
    default:
      status_label = C_("import status", "New");
      status_class = "success";
      break;
    }

  gtk_label_set_label (GTK_LABEL (status), status_label);
  gtk_widget_remove_css_class (status, "success");
  gtk_widget_remove_css_class (status, "warning");
  gtk_widget_remove_css_class (status, "error");
  gtk_widget_add_css_class (status, status_class);

  /* Why a card may be one already there, or cannot be read, is in the
   * row itself: that is what the person decides on.
   */
  text = lanka_import_candidate_get_reason (candidate);
  if (candidate_status == LANKA_IMPORT_STATUS_NEW || text == NULL || text[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (reason), FALSE);
    }
  else
    {
      gtk_label_set_label (reason, text);
      gtk_widget_set_visible (GTK_WIDGET (reason), TRUE);
    }

  if (candidate_status == LANKA_IMPORT_STATUS_UNREADABLE)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      gtk_widget_set_sensitive (check, FALSE);
    }
  else
    {
      GBinding *binding;

      gtk_widget_set_sensitive (check, TRUE);
      binding = g_object_bind_property (candidate, "selected", check, "active",
                                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_set_data (G_OBJECT (item), ITEM_BINDING, binding);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), ITEM_BINDING);

  if (binding != NULL)
    g_binding_unbind (binding);
}

static void
lanka_import_dialog_dispose (GObject *object)
{
  LankaImportDialog *self = (LankaImportDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_object (&self->candidates);
  g_clear_object (&self->database);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (lanka_import_dialog_parent_class)->dispose (object);
}

static void
lanka_import_dialog_class_init (LankaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_import_dialog_dispose;

  /**
   * LankaImportDialog::imported:
   * @self: a #LankaImportDialog
   * @n_imported: how many cards became agencies or contact persons
   *
   * Emitted when the chosen cards were imported, just before the dialog
   * closes.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, import_error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, preview_box);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaImportDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, lanka_import_dialog_import);
  gtk_widget_class_install_action (widget_class, "import.select-all", NULL,
                                   lanka_import_dialog_select_all);
  gtk_widget_class_install_action (widget_class, "import.select-none", NULL,
                                   lanka_import_dialog_select_none);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_import_dialog_init (LankaImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->cancellable = g_cancellable_new ();
  self->selected = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.select-all", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.select-none", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
}

/**
 * lanka_import_dialog_new:
 * @database: the database to import into
 * @file: the vCard file to import
 *
 * Starts reading @file at once; the dialog shows the cards when that is
 * done.
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
LankaImportDialog *
lanka_import_dialog_new (LankaDatabase *database,
                         GFile         *file)
{
  LankaImportDialog *self;
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (LANKA_TYPE_IMPORT_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->file = g_object_ref (file);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);

  job = g_new0 (Job, 1);
  job->database = g_object_ref (database);
  job->file = g_object_ref (file);

  task = g_task_new (self, self->cancellable, read_cb, NULL);
  g_task_set_source_tag (task, lanka_import_dialog_new);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, read_in_thread);

  return self;
}

/**
 * lanka_import_dialog_is_busy:
 * @self: a #LankaImportDialog
 *
 * Returns: %TRUE while the file is read or the cards are imported
 */
gboolean
lanka_import_dialog_is_busy (LankaImportDialog *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_DIALOG (self), FALSE);

  return self->importing ||
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}
