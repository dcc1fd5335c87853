/* lanka-directory-view.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-directory-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-agency-editor.h"
#include "lanka-agency-list.h"
#include "lanka-agency-page.h"
#include "lanka-agency-row.h"
#include "lanka-audit.h"
#include "lanka-contact-editor.h"
#include "lanka-directory-view.h"
#include "lanka-directory.h"
#include "lanka-draft.h"
#include "lanka-find-help-dialog.h"
#include "lanka-import-dialog.h"
#include "lanka-merge-dialog.h"
#include "lanka-vcard-directory.h"
#include "lanka-vocabulary.h"

/* The Directory part: a searchable, filterable list of agencies on the
 * side, the chosen agency beside it, one at a time on a narrow window.
 * The list is a lazy model over the store: filtering and ordering happen
 * in SQL, so ten thousand agencies cost no more than ten.
 */
struct _LankaDirectoryView
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaAgencyList     *agencies;
  GtkSingleSelection  *selection;
  LankaAgency         *shown;
  GCancellable        *cancellable;

  /* Agencies deleted while their Undo is still on offer: they are in the
   * store's trash, and go for good when the toast goes or the view lets
   * go of the database.
   */
  GPtrArray           *pending_deletions;

  /* The codes behind the filter drop-downs; position 0 is "any". */
  GPtrArray           *type_codes;
  GPtrArray           *county_codes;
  GPtrArray           *helps_codes;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *filter_button;
  GtkRevealer         *filter_revealer;
  GtkLabel            *filter_label;
  GtkStack            *list_stack;
  GtkGridView         *list_view;
  AdwStatusPage       *error_status;
  GtkLabel            *count_label;
  GtkRevealer         *back_revealer;
  GtkStack            *content_stack;
  LankaAgencyPage     *agency_page;
  GtkDropDown         *type_dropdown;
  GtkDropDown         *county_dropdown;
  GtkDropDown         *helps_dropdown;
  GtkCheckButton      *nmt_check;

  /* Set while the selection changes because the list changed, not
   * because the person chose: then a narrow window stays where it is.
   */
  guint                selecting_quietly : 1;
};

G_DEFINE_FINAL_TYPE (LankaDirectoryView, lanka_directory_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void lanka_directory_view_update_actions (LankaDirectoryView *self);

/* The part has its own toast overlay, so that an Undo stays beside what
 * it undoes.  Takes @toast.
 */
static void
show_toast (LankaDirectoryView *self,
            AdwToast           *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_toast (LankaDirectoryView *self,
                  const char         *message)
{
  show_toast (self, adw_toast_new (message));
}

static GtkWindow *
get_window (LankaDirectoryView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
selected_code (GtkDropDown *dropdown,
               GPtrArray   *codes)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, position);
}

static void
get_filter (LankaDirectoryView   *self,
            LankaDirectoryFilter *filter)
{
  filter->agency_type = selected_code (self->type_dropdown, self->type_codes);
  filter->county = selected_code (self->county_dropdown, self->county_codes);
  filter->helps = selected_code (self->helps_dropdown, self->helps_codes);
  filter->nmt_only = gtk_check_button_get_active (self->nmt_check);
}

static char *
describe_filter (LankaDirectoryView         *self,
                 const LankaDirectoryFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (filter->agency_type != NULL)
    g_ptr_array_add (parts, (gpointer)lanka_vocabulary_get_label (LANKA_VOCABULARY_AGENCY_TYPE,
                                                                  filter->agency_type));
  if (filter->county != NULL)
    g_ptr_array_add (parts, (gpointer)lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY,
                                                                  filter->county));
  if (filter->helps != NULL)
    {
      const char *label = lanka_vocabulary_contains (LANKA_VOCABULARY_SUPPORT_TYPE, filter->helps)
        ? lanka_vocabulary_get_label (LANKA_VOCABULARY_SUPPORT_TYPE, filter->helps)
        : lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION, filter->helps);

      g_ptr_array_add (parts, (gpointer)label);
    }
  if (filter->nmt_only)
    g_ptr_array_add (parts, _("NMT participants"));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: separates the active filters, as in "Police · Skåne" */
  return g_strjoinv (_(" · "), (char **)parts->pdata);
}

static void
set_shown (LankaDirectoryView *self,
           LankaAgency        *agency)
{
  g_set_object (&self->shown, agency);
  lanka_agency_page_set_agency (self->agency_page, agency);
  gtk_stack_set_visible_child_name (self->content_stack, agency != NULL ? "agency" : "none");
  lanka_directory_view_update_actions (self);
}

/* Selects the shown agency in the list if the list holds it, without
 * moving a narrow window.
 */
static void
select_shown_quietly (LankaDirectoryView *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->shown != NULL && self->agencies != NULL)
    position = lanka_agency_list_find (self->agencies, lanka_agency_get_uuid (self->shown));

  self->selecting_quietly = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting_quietly = FALSE;
}

static void
update_list_state (LankaDirectoryView         *self,
                   const char                 *text,
                   const LankaDirectoryFilter *filter)
{
  g_autofree char *filter_text = describe_filter (self, filter);
  guint n_items = self->agencies != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->agencies)) : 0;
  gboolean searching = (text != NULL && *text != '\0') || filter_text != NULL;

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, searching ? "no-results" : "empty");

  gtk_revealer_set_reveal_child (self->filter_revealer, filter_text != NULL);
  gtk_label_set_label (self->filter_label, filter_text != NULL ? filter_text : "");

  if (filter_text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  if (n_items > 0)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u agency", "%u agencies", n_items), n_items);

      gtk_label_set_label (self->count_label, count);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
}

static void
run_query (LankaDirectoryView *self)
{
  g_autoptr(GError) error = NULL;
  LankaDirectoryFilter filter;
  const char *text;

  g_assert (LANKA_IS_DIRECTORY_VIEW (self));

  if (self->agencies == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  get_filter (self, &filter);

  if (!lanka_agency_list_set_query (self->agencies, text, &filter, &error))
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  update_list_state (self, text, &filter);
  select_shown_quietly (self);
}

static void
reload (LankaDirectoryView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->agencies == NULL)
    return;

  if (!lanka_agency_list_reload (self->agencies, &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  run_query (self);
}

static void
on_search_entry_search_changed_cb (LankaDirectoryView *self,
                                   GtkSearchEntry     *entry)
{
  run_query (self);
}

static void
on_search_entry_stop_search_cb (LankaDirectoryView *self,
                                GtkSearchEntry     *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_filter_changed_cb (LankaDirectoryView *self,
                      GParamSpec         *pspec,
                      GObject            *object)
{
  run_query (self);
}

static void
navigate_to_content (LankaDirectoryView *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Shows the agency at @position with its full record from the store:
 * the list only holds what its rows show.
 */
static void
show_position (LankaDirectoryView *self,
               guint               position)
{
  g_autoptr(LankaAgency) item = NULL;
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(GError) error = NULL;

  if (self->agencies == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->agencies), position);
  if (item == NULL)
    return;

  if (!(agency = lanka_directory_get_agency (self->database, lanka_agency_get_uuid (item), &error)))
    {
      show_error_toast (self, error->message);
      return;
    }

  set_shown (self, agency);
}

static void
on_selection_changed_cb (LankaDirectoryView *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->selecting_quietly || position == GTK_INVALID_LIST_POSITION)
    return;

  show_position (self, position);
  navigate_to_content (self);
}

static void
on_list_view_activate_cb (LankaDirectoryView *self,
                          guint               position,
                          GtkGridView        *list_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_position (self, position);
  navigate_to_content (self);
}

/* Enter in the search field opens the best match. */
static void
on_search_entry_activate_cb (LankaDirectoryView *self,
                             GtkSearchEntry     *entry)
{
  if (self->agencies == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->agencies)) == 0)
    return;

  on_list_view_activate_cb (self, 0, self->list_view);
}

static void
on_leaflet_folded_cb (LankaDirectoryView *self,
                      GParamSpec         *pspec,
                      AdwLeaflet         *leaflet)
{
  gtk_revealer_set_reveal_child (self->back_revealer, adw_leaflet_get_folded (leaflet));
  lanka_directory_view_update_actions (self);
}

static void
on_agency_page_changed_cb (LankaDirectoryView *self,
                           LankaAgencyPage    *page)
{
  g_autoptr(LankaAgency) agency = NULL;

  if (self->shown == NULL || self->database == NULL)
    return;

  /* Contact persons count for search; the agency itself may be gone. */
  agency = lanka_directory_get_agency (self->database, lanka_agency_get_uuid (self->shown), NULL);
  if (agency != NULL)
    g_set_object (&self->shown, agency);
  reload (self);
}

/* Actions */

static void
on_editor_saved_cb (LankaDirectoryView *self,
                    LankaAgency        *agency,
                    LankaAgencyEditor  *editor)
{
  reload (self);
  lanka_directory_view_show_agency (self, lanka_agency_get_uuid (agency));
}

static void
on_editor_open_existing_cb (LankaDirectoryView *self,
                            const char         *uuid,
                            LankaAgencyEditor  *editor)
{
  lanka_directory_view_show_agency (self, uuid);
}

static void
present_editor (LankaDirectoryView *self,
                LankaAgency        *agency)
{
  LankaAgencyEditor *editor = lanka_agency_editor_new (self->database, agency);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-existing", G_CALLBACK (on_editor_open_existing_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (editor), get_window (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
lanka_directory_view_add (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  present_editor (LANKA_DIRECTORY_VIEW (widget), NULL);
}

static void
lanka_directory_view_edit (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);

  if (self->shown != NULL)
    present_editor (self, self->shown);
}

typedef struct
{
  LankaDirectoryView *view;
  LankaDatabase      *database;
  char               *uuid;
} Deletion;

static void
deletion_free (gpointer  data,
               GClosure *closure)
{
  Deletion *deletion = data;

  g_clear_weak_pointer (&deletion->view);
  g_clear_object (&deletion->database);
  g_free (deletion->uuid);
  g_free (deletion);
}

static gboolean
take_pending_deletion (LankaDirectoryView *self,
                       const char         *uuid)
{
  guint position;

  if (!g_ptr_array_find_with_equal_func (self->pending_deletions, uuid, g_str_equal, &position))
    return FALSE;

  g_ptr_array_remove_index (self->pending_deletions, position);

  return TRUE;
}

static void
finish_pending_deletions (LankaDirectoryView *self)
{
  for (guint i = 0; i < self->pending_deletions->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (self->database == NULL || !lanka_database_is_open (self->database))
        break;

      if (!lanka_directory_delete_agency (self->database, self->pending_deletions->pdata[i], &error))
        g_debug ("A deleted agency stays in the trash until the next unlock: %s", error->message);
    }

  g_ptr_array_set_size (self->pending_deletions, 0);
}

static void
on_delete_toast_button_clicked_cb (AdwToast *toast,
                                   Deletion *deletion)
{
  g_autoptr(GError) error = NULL;

  if (deletion->view == NULL || !take_pending_deletion (deletion->view, deletion->uuid))
    return;

  if (!lanka_database_is_open (deletion->database))
    return;

  if (!lanka_directory_restore_agency (deletion->database, deletion->uuid, &error))
    {
      if (deletion->view != NULL)
        show_error_toast (deletion->view, error->message);
      return;
    }

  if (deletion->view != NULL && deletion->view->database == deletion->database)
    {
      reload (deletion->view);
      lanka_directory_view_show_agency (deletion->view, deletion->uuid);
    }
}

/* Once the toast is gone the deletion is final.  Should Länka be locked
 * or closed first, the store empties its trash when the database is next
 * opened.
 */
static void
on_delete_toast_dismissed_cb (AdwToast *toast,
                              Deletion *deletion)
{
  /* After an Undo the deletion is no longer pending. */
  if (deletion->view == NULL ||
      !take_pending_deletion (deletion->view, deletion->uuid) ||
      !lanka_database_is_open (deletion->database))
    return;

  lanka_directory_delete_agency (deletion->database, deletion->uuid, NULL);
}

static void
lanka_directory_view_delete (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Deletion *deletion;
  AdwToast *toast;

  if (self->shown == NULL)
    return;

  if (!lanka_directory_trash_agency (self->database, lanka_agency_get_uuid (self->shown), &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  deletion = g_new0 (Deletion, 1);
  g_set_weak_pointer (&deletion->view, self);
  deletion->database = g_object_ref (self->database);
  deletion->uuid = g_strdup (lanka_agency_get_uuid (self->shown));
  g_ptr_array_add (self->pending_deletions, g_strdup (deletion->uuid));

  /* TRANSLATORS: a toast after deleting an agency; %s is its name */
  title = g_strdup_printf (_("“%s” deleted"), lanka_agency_get_name (self->shown));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_delete_toast_button_clicked_cb), deletion);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb), deletion,
                         deletion_free, 0);

  set_shown (self, NULL);
  reload (self);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  show_toast (self, toast);
}

static void
on_merge_dialog_merged_cb (LankaDirectoryView *self,
                           const char         *kept_uuid,
                           LankaMergeDialog   *dialog)
{
  reload (self);
  lanka_directory_view_show_agency (self, kept_uuid);
  show_toast (self, adw_toast_new (_("Agencies merged")));
}

static void
lanka_directory_view_merge (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);
  LankaMergeDialog *dialog;

  if (self->shown == NULL)
    return;

  dialog = lanka_merge_dialog_new (self->database, lanka_agency_get_uuid (self->shown), NULL);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_merge_dialog_merged_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_find_help_agency_chosen_cb (LankaDirectoryView  *self,
                               const char          *uuid,
                               LankaFindHelpDialog *dialog)
{
  lanka_directory_view_show_agency (self, uuid);
}

static void
lanka_directory_view_find_help (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);
  LankaDirectoryFilter filter;
  LankaFindHelpDialog *dialog;

  /* What the list is narrowed to is a good first guess. */
  get_filter (self, &filter);
  dialog = lanka_find_help_dialog_new (self->database, filter.helps, FALSE, filter.county);
  g_signal_connect_object (dialog, "agency-chosen", G_CALLBACK (on_find_help_agency_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_dialog_imported_cb (LankaDirectoryView *self,
                              guint               n_imported,
                              LankaImportDialog  *dialog)
{
  g_autofree char *title = NULL;

  reload (self);

  title = g_strdup_printf (ngettext ("%u contact imported", "%u contacts imported", n_imported),
                           n_imported);
  show_toast (self, adw_toast_new (title));
}

static void
import_file (LankaDirectoryView *self,
             GFile              *file)
{
  LankaImportDialog *dialog = lanka_import_dialog_new (self->database, file);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_dialog_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_chooser_response_cb (LankaDirectoryView   *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->database != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        import_file (self, file);
    }

  g_object_unref (chooser);
}

static GtkFileFilter *
new_vcard_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Contacts (vCard)"));
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/x-vcard");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "vcard");

  return filter;
}

static void
lanka_directory_view_import (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = new_vcard_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Contacts"),
                                         get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export: the vCard text is made in a worker, then written where the
 * person chose.  The file leaves the encrypted database on purpose; the
 * audit log records that it happened and how many agencies went, never
 * which.
 */
typedef struct
{
  LankaDatabase     *database;
  GStrv              uuids;
  LankaVCardVersion  version;
  GFile             *file;
  guint              n_agencies;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_object (&export->database);
  g_clear_pointer (&export->uuids, g_strfreev);
  g_clear_object (&export->file);
  g_free (export);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  lanka_database_hold (export->database);
  bytes = lanka_vcard_directory_export (export->database,
                                        (const char * const *)export->uuids,
                                        export->version,
                                        &error);
  lanka_database_release (export->database);

  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LankaDirectoryView *self = g_task_get_source_object (task);
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (export->file);
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* TRANSLATORS: %s is a file name, and the sentence after it says why */
      message = g_strdup_printf (_("The contacts could not be saved in “%s”: %s"), name, error->message);
      show_error_toast (self, message);
      return;
    }

  detail = g_strdup_printf ("%u", export->n_agencies);
  if (lanka_database_is_open (export->database))
    lanka_audit_log (export->database, LANKA_AUDIT_DIRECTORY_EXPORT, NULL, detail, NULL);

  show_toast (self, adw_toast_new (_("Contacts exported")));
}

static void
export_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (object);
  g_autoptr(GTask) task = G_TASK (result);
  Export *export = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!(bytes = g_task_propagate_pointer (task, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_toast (self, error->message);
      return;
    }

  g_file_replace_contents_bytes_async (export->file,
                                       bytes,
                                       NULL,
                                       FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable,
                                       export_written_cb,
                                       g_object_ref (task));
}

static void
on_export_chooser_response_cb (LankaDirectoryView   *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GTask) task = NULL;
  const char *version;
  Export *export;

  if (response != GTK_RESPONSE_ACCEPT || self->database == NULL)
    {
      g_object_unref (chooser);
      return;
    }

  version = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "version");

  export = g_object_steal_data (G_OBJECT (chooser), "lanka-export");
  export->database = g_object_ref (self->database);
  export->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  export->version = g_strcmp0 (version, "3.0") == 0 ? LANKA_VCARD_VERSION_3_0 : LANKA_VCARD_VERSION_4_0;

  task = g_task_new (self, self->cancellable, export_ready_cb, NULL);
  g_task_set_source_tag (task, on_export_chooser_response_cb);
  g_task_set_task_data (task, export, export_free);
  g_task_run_in_thread (task, export_in_thread);

  g_object_unref (chooser);
}

static void
start_export (LankaDirectoryView *self,
              LankaAgency        *agency)
{
  g_autoptr(GtkFileFilter) filter = new_vcard_filter ();
  const char *choice_ids[] = { "4.0", "3.0", NULL };
  const char *choice_labels[] = { N_("vCard 4.0"), N_("vCard 3.0, for older phones"), NULL };
  const char *labels[G_N_ELEMENTS (choice_labels)];
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  Export *export;

  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    labels[i] = choice_labels[i] != NULL ? _(choice_labels[i]) : NULL;

  export = g_new0 (Export, 1);

  if (agency != NULL)
    {
      export->uuids = g_new0 (char *, 2);
      export->uuids[0] = g_strdup (lanka_agency_get_uuid (agency));
      export->n_agencies = 1;
      name = g_strdup_printf ("%s.vcf", lanka_agency_get_name (agency));
      g_strdelimit (name, "/", '-');
    }
  else
    {
      /* TRANSLATORS: the suggested file name of an export of the whole directory */
      name = g_strdup (_("Directory.vcf"));
      if (!lanka_directory_count (self->database, NULL, NULL, &export->n_agencies, NULL))
        export->n_agencies = 0;
    }

  chooser = gtk_file_chooser_native_new (agency != NULL ? _("Export Agency") : _("Export All Contacts"),
                                         get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "version", _("Format"),
                               choice_ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "version", "4.0");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "lanka-export", export, export_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lanka_directory_view_export_selected (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);

  if (self->shown != NULL)
    start_export (self, self->shown);
}

static void
lanka_directory_view_export_all (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  start_export (LANKA_DIRECTORY_VIEW (widget), NULL);
}

static void
lanka_directory_view_search (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  lanka_directory_view_focus_search (LANKA_DIRECTORY_VIEW (widget));
}

static void
lanka_directory_view_back (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
lanka_directory_view_clear_filters (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (widget);

  /* One query for the lot, not one per control. */
  g_signal_handlers_block_by_func (self->type_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->county_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->helps_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->nmt_check, on_filter_changed_cb, self);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_drop_down_set_selected (self->county_dropdown, 0);
  gtk_drop_down_set_selected (self->helps_dropdown, 0);
  gtk_check_button_set_active (self->nmt_check, FALSE);
  g_signal_handlers_unblock_by_func (self->type_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->county_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->helps_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->nmt_check, on_filter_changed_cb, self);

  run_query (self);
}

static void
lanka_directory_view_update_actions (LankaDirectoryView *self)
{
  gboolean open = self->database != NULL;
  gboolean shown = open && self->shown != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.add", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.import", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.export-all", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.find-help", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.search", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.clear-filters", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.edit", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.delete", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.merge", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.export-selected", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.back",
                                 adw_leaflet_get_folded (self->leaflet));
}

static void
on_contact_editor_saved_cb (LankaDirectoryView *self,
                            LankaAgencyContact *contact,
                            LankaContactEditor *editor)
{
  lanka_agency_page_reload_contacts (self->agency_page);
  on_agency_page_changed_cb (self, self->agency_page);
}

/* Editors keep what was typed as a draft when Länka locks.  After the
 * unlock the person is offered to go on where they were; opening the
 * editor brings the draft back.
 */
static gboolean
open_draft (LankaDirectoryView *self)
{
  g_auto(GStrv) agencies = NULL;
  g_auto(GStrv) contacts = NULL;

  agencies = lanka_draft_list (self->database, "agency", NULL);
  if (agencies != NULL && agencies[0] != NULL)
    {
      g_autoptr(LankaAgency) agency = NULL;

      if (g_str_equal (agencies[0], "new"))
        {
          present_editor (self, NULL);
          return TRUE;
        }

      if (lanka_directory_view_show_agency (self, agencies[0]))
        {
          present_editor (self, self->shown);
          return TRUE;
        }
    }

  contacts = lanka_draft_list (self->database, "agency-contact", NULL);
  if (contacts != NULL && contacts[0] != NULL)
    {
      g_autoptr(LankaAgencyContact) contact = NULL;
      LankaContactEditor *editor;
      const char *agency_uuid;

      if (g_str_has_prefix (contacts[0], "new:"))
        agency_uuid = contacts[0] + strlen ("new:");
      else if ((contact = lanka_directory_get_contact (self->database, contacts[0], NULL)) != NULL)
        agency_uuid = lanka_agency_contact_get_agency_uuid (contact);
      else
        return FALSE;

      if (!lanka_directory_view_show_agency (self, agency_uuid))
        return FALSE;

      editor = lanka_contact_editor_new (self->database, agency_uuid, contact);
      g_signal_connect_object (editor, "saved", G_CALLBACK (on_contact_editor_saved_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_set_transient_for (GTK_WINDOW (editor), get_window (self));
      gtk_window_present (GTK_WINDOW (editor));
      return TRUE;
    }

  return FALSE;
}

static void
on_draft_toast_button_clicked_cb (LankaDirectoryView *self,
                                  AdwToast           *toast)
{
  if (self->database != NULL)
    open_draft (self);
}

static void
offer_drafts (LankaDirectoryView *self)
{
  g_auto(GStrv) agencies = lanka_draft_list (self->database, "agency", NULL);
  g_auto(GStrv) contacts = lanka_draft_list (self->database, "agency-contact", NULL);
  AdwToast *toast;

  if ((agencies == NULL || agencies[0] == NULL) && (contacts == NULL || contacts[0] == NULL))
    return;

  toast = adw_toast_new (_("Changes to the directory you had not saved are kept"));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_draft_toast_button_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

/* Drop a vCard file on the list to import it. */
static gboolean
on_drop_cb (LankaDirectoryView *self,
            const GValue       *value,
            double              x,
            double              y,
            GtkDropTarget      *target)
{
  GSList *files;

  if (self->database == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  import_file (self, files->data);
  g_slist_free (files);

  return TRUE;
}

static GtkStringList *
new_code_list (LankaVocabulary  vocabulary,
               const char      *any_label,
               GPtrArray       *codes)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any_label);
  g_ptr_array_add (codes, NULL);

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (vocabulary); i++)
    {
      const char *code = lanka_vocabulary_get_code (vocabulary, i);

      gtk_string_list_append (list, lanka_vocabulary_get_label (vocabulary, code));
      g_ptr_array_add (codes, (gpointer)code);
    }

  return list;
}

static void
setup_filters (LankaDirectoryView *self)
{
  g_autoptr(GtkStringList) types = NULL;
  g_autoptr(GtkStringList) counties = NULL;
  g_autoptr(GtkStringList) helps = NULL;

  self->type_codes = g_ptr_array_new ();
  self->county_codes = g_ptr_array_new ();
  self->helps_codes = g_ptr_array_new ();

  types = new_code_list (LANKA_VOCABULARY_AGENCY_TYPE, _("Any type"), self->type_codes);
  counties = new_code_list (LANKA_VOCABULARY_COUNTY, _("Any county"), self->county_codes);
  helps = new_code_list (LANKA_VOCABULARY_SUPPORT_TYPE, _("Anything"), self->helps_codes);

  /* Forms of exploitation follow the support types in one list. */
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_EXPLOITATION); i++)
    {
      const char *code = lanka_vocabulary_get_code (LANKA_VOCABULARY_EXPLOITATION, i);

      gtk_string_list_append (helps, lanka_vocabulary_get_label (LANKA_VOCABULARY_EXPLOITATION, code));
      g_ptr_array_add (self->helps_codes, (gpointer)code);
    }

  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
  gtk_drop_down_set_model (self->county_dropdown, G_LIST_MODEL (counties));
  gtk_drop_down_set_model (self->helps_dropdown, G_LIST_MODEL (helps));
}

static void
lanka_directory_view_dispose (GObject *object)
{
  LankaDirectoryView *self = (LankaDirectoryView *)object;

  g_cancellable_cancel (self->cancellable);
  finish_pending_deletions (self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_DIRECTORY_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->agencies);
  g_clear_object (&self->shown);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_directory_view_parent_class)->dispose (object);
}

static void
lanka_directory_view_finalize (GObject *object)
{
  LankaDirectoryView *self = (LankaDirectoryView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_deletions, g_ptr_array_unref);
  g_clear_pointer (&self->type_codes, g_ptr_array_unref);
  g_clear_pointer (&self->county_codes, g_ptr_array_unref);
  g_clear_pointer (&self->helps_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_directory_view_parent_class)->finalize (object);
}

static void
lanka_directory_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_directory_view_get_database (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_directory_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LankaDirectoryView *self = LANKA_DIRECTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_directory_view_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_directory_view_class_init (LankaDirectoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_directory_view_dispose;
  object_class->finalize = lanka_directory_view_finalize;
  object_class->get_property = lanka_directory_view_get_property;
  object_class->set_property = lanka_directory_view_set_property;

  /**
   * LankaDirectoryView:database:
   *
   * The open database whose directory is shown, or %NULL while Länka is
   * locked: then the view holds no data at all.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/directory/lanka-directory-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, agency_page);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, back_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, content);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, error_status);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, helps_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, nmt_check);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LankaDirectoryView, type_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_agency_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "directory.add", NULL, lanka_directory_view_add);
  gtk_widget_class_install_action (widget_class, "directory.edit", NULL, lanka_directory_view_edit);
  gtk_widget_class_install_action (widget_class, "directory.delete", NULL, lanka_directory_view_delete);
  gtk_widget_class_install_action (widget_class, "directory.merge", NULL, lanka_directory_view_merge);
  gtk_widget_class_install_action (widget_class, "directory.find-help", NULL, lanka_directory_view_find_help);
  gtk_widget_class_install_action (widget_class, "directory.import", NULL, lanka_directory_view_import);
  gtk_widget_class_install_action (widget_class, "directory.export-selected", NULL,
                                   lanka_directory_view_export_selected);
  gtk_widget_class_install_action (widget_class, "directory.export-all", NULL,
                                   lanka_directory_view_export_all);
  gtk_widget_class_install_action (widget_class, "directory.search", NULL, lanka_directory_view_search);
  gtk_widget_class_install_action (widget_class, "directory.back", NULL, lanka_directory_view_back);
  gtk_widget_class_install_action (widget_class, "directory.clear-filters", NULL,
                                   lanka_directory_view_clear_filters);

  /* Every shortcut here is listed in gtk/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "directory.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "directory.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "directory.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "directory.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "directory.find-help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "directory.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "directory.export-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "directory.back", NULL);

  g_type_ensure (LANKA_TYPE_AGENCY_PAGE);
}

/* GTK 4.8's list widgets make their rows as soon as their model has
 * items, shown or not, and the directory is hidden while Länka starts on
 * the Cases part.  So the list gets its model when it is first shown.
 */
static void
on_list_view_map_cb (LankaDirectoryView *self,
                     GtkGridView        *list_view)
{
  if (gtk_grid_view_get_model (list_view) == NULL)
    gtk_grid_view_set_model (list_view, GTK_SELECTION_MODEL (self->selection));
}

/* Rows are made once and given one agency after another as the list
 * scrolls.
 */
static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, lanka_agency_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  lanka_agency_row_set_agency (LANKA_AGENCY_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

/* A row kept for later holds no agency. */
static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  lanka_agency_row_set_agency (LANKA_AGENCY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
lanka_directory_view_init (LankaDirectoryView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkDropTarget *target;

  self->cancellable = g_cancellable_new ();
  self->pending_deletions = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_filters (self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (on_list_view_map_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);

  /* Typing anywhere in the list goes to the search field. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->sidebar);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->sidebar, GTK_EVENT_CONTROLLER (target));

  on_leaflet_folded_cb (self, NULL, self->leaflet);
  lanka_directory_view_update_actions (self);
}

/**
 * lanka_directory_view_get_database:
 * @self: a #LankaDirectoryView
 *
 * Returns: (transfer none) (nullable): the database shown
 */
LankaDatabase *
lanka_directory_view_get_database (LankaDirectoryView *self)
{
  g_return_val_if_fail (LANKA_IS_DIRECTORY_VIEW (self), NULL);

  return self->database;
}

/**
 * lanka_directory_view_set_database:
 * @self: a #LankaDirectoryView
 * @database: (nullable): the open database, or %NULL to empty the view
 *
 * Shows the directory of @database.  With %NULL, as when Länka locks,
 * the list, the agency shown and the search are all let go.
 */
void
lanka_directory_view_set_database (LankaDirectoryView *self,
                                   LankaDatabase      *database)
{
  g_return_if_fail (LANKA_IS_DIRECTORY_VIEW (self));
  g_return_if_fail (!database || LANKA_IS_DATABASE (database));

  if (self->database == database)
    return;

  finish_pending_deletions (self);
  g_set_object (&self->database, database);

  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->agencies);
  set_shown (self, NULL);
  lanka_agency_page_set_database (self->agency_page, database);

  /* What was searched for is part of what the person did: not kept. */
  g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);

  if (database != NULL)
    {
      self->agencies = lanka_agency_list_new (database);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->agencies));
      run_query (self);
      offer_drafts (self);
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  lanka_directory_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_directory_view_show_agency:
 * @self: a #LankaDirectoryView
 * @uuid: the agency to show
 *
 * Shows the agency, selected in the list.  When the search or the filters
 * hide it, they are cleared first.
 *
 * Returns: %TRUE if the agency exists and is shown
 */
gboolean
lanka_directory_view_show_agency (LankaDirectoryView *self,
                                  const char         *uuid)
{
  g_autoptr(LankaAgency) agency = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_val_if_fail (LANKA_IS_DIRECTORY_VIEW (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (self->database == NULL)
    return FALSE;

  if (!(agency = lanka_directory_get_agency (self->database, uuid, &error)))
    {
      show_error_toast (self, error->message);
      return FALSE;
    }

  set_shown (self, agency);

  /* One query for the cleared search and filters together. */
  if (lanka_agency_list_find (self->agencies, uuid) == GTK_INVALID_LIST_POSITION)
    {
      g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
      lanka_directory_view_clear_filters (GTK_WIDGET (self), NULL, NULL);
    }

  select_shown_quietly (self);

  /* GTK 4.8 has no gtk_grid_view_scroll_to() yet; the grid's own action
   * brings the row into view.
   */
  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  navigate_to_content (self);

  return TRUE;
}

/**
 * lanka_directory_view_get_shown_uuid:
 * @self: a #LankaDirectoryView
 *
 * Returns: (nullable): the uuid of the agency shown beside the list
 */
const char *
lanka_directory_view_get_shown_uuid (LankaDirectoryView *self)
{
  g_return_val_if_fail (LANKA_IS_DIRECTORY_VIEW (self), NULL);

  return self->shown != NULL ? lanka_agency_get_uuid (self->shown) : NULL;
}

/**
 * lanka_directory_view_set_search_text:
 * @self: a #LankaDirectoryView
 * @text: what to search for
 *
 * Searches at once, as if the person had typed @text.
 */
void
lanka_directory_view_set_search_text (LankaDirectoryView *self,
                                      const char         *text)
{
  g_return_if_fail (LANKA_IS_DIRECTORY_VIEW (self));

  g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  run_query (self);
}

/**
 * lanka_directory_view_focus_search:
 * @self: a #LankaDirectoryView
 *
 * Moves the keyboard focus to the search field, showing the list on a
 * narrow window.
 */
void
lanka_directory_view_focus_search (LankaDirectoryView *self)
{
  g_return_if_fail (LANKA_IS_DIRECTORY_VIEW (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
