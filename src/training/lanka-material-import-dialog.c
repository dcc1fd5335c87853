/* lanka-material-import-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-material-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-io-error.h"
#include "lanka-material-import-dialog.h"
#include "lanka-material-import.h"
#include "lanka-materials.h"
#include "lanka-store-error.h"

/* Imports files into the training library one after another, each in a
 * worker: reading a PDF's pages and drawing its thumbnail takes a while,
 * and a training film is large.  Every file gets a row that says how it
 * went.  A file that fails does not stop the others, and stopping keeps
 * what was imported: each material is stored in a transaction of its own.
 */

typedef enum
{
  FILE_WAITING,
  FILE_IMPORTING,
  FILE_IMPORTED,
  FILE_EXISTS,
  FILE_REFUSED,
  FILE_SKIPPED,
} FileState;

typedef struct
{
  GFile          *file;
  char           *name;
  FileState       state;
  char           *outcome;
  AdwActionRow   *row;
  GtkProgressBar *progress;
  GtkImage       *icon;
} Entry;

struct _LankaMaterialImportDialog
{
  AdwWindow       parent_instance;

  LankaDatabase  *database;
  GCancellable   *cancellable;
  GPtrArray      *entries;
  guint           current;
  guint           n_imported;
  char           *first_uuid;
  guint           busy : 1;
  guint           stop : 1;
  guint           disposed : 1;

  /* Template widgets */
  GtkButton      *stop_button;
  GtkButton      *done_button;
  GtkLabel       *summary_label;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (LankaMaterialImportDialog, lanka_material_import_dialog, ADW_TYPE_WINDOW)

enum {
  MATERIAL_IMPORTED,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void import_next (LankaMaterialImportDialog *self);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->file);
  g_free (entry->name);
  g_free (entry->outcome);
  g_free (entry);
}

/* A worker's own references, so that the dialog may close meanwhile. */
typedef struct
{
  LankaDatabase             *database;
  GFile                     *file;
  char                      *name;
  LankaMaterialImportDialog *dialog;
  guint                      index;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->database);
  g_clear_object (&job->file);
  g_clear_object (&job->dialog);
  g_free (job->name);
  g_free (job);
}

typedef struct
{
  LankaMaterialImportDialog *dialog;
  guint                      index;
  guint                      done;
  guint                      total;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_clear_object (&progress->dialog);
  g_free (progress);
}

static gboolean
progress_in_main (gpointer data)
{
  Progress *progress = data;
  LankaMaterialImportDialog *self = progress->dialog;
  Entry *entry;

  if (self->disposed || progress->index >= self->entries->len || progress->total == 0)
    return G_SOURCE_REMOVE;

  entry = g_ptr_array_index (self->entries, progress->index);
  if (entry->state == FILE_IMPORTING)
    gtk_progress_bar_set_fraction (entry->progress, MIN (1.0, (double)progress->done / progress->total));

  return G_SOURCE_REMOVE;
}

/* Called in the worker: the widgets are touched in the main loop only. */
static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (job->dialog);
  progress->index = job->index;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_in_main, progress, progress_free);
}

/* Reading the file only reads: nothing of it is written anywhere but the
 * database.
 */
static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;

  if (!(bytes = g_file_load_bytes (job->file, cancellable, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  lanka_database_hold (job->database);
  material = lanka_material_import (job->database, bytes, job->name, cancellable, on_progress, job, &error);
  lanka_database_release (job->database);

  if (material == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&material), g_object_unref);
}

static char *
describe_error (const Entry  *entry,
                const GError *error)
{
  if (error->domain == LANKA_IO_ERROR)
    return g_strdup (error->message);

  if (error->domain == LANKA_STORE_ERROR)
    {
      if (error->code == LANKA_STORE_ERROR_DISK_FULL)
        return g_strdup (_("The disk is full. Free some space and try again."));

      /* The store names the material already there, or what is wrong. */
      return g_strdup (error->message);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("Not imported: the import was stopped."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return g_strdup (_("Länka was locked meanwhile. Unlock it and try again."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup (_("The file no longer exists."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return g_strdup (_("You may not read this file."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return g_strdup (_("This is a folder. Choose the files inside it instead."));

  return g_strdup (_("The file could not be read."));
}

static void
show_entry (Entry *entry)
{
  const char *icon_name = NULL;
  const char *css_class = NULL;
  const char *subtitle = entry->outcome;
  g_autofree char *escaped = NULL;

  gtk_widget_set_visible (GTK_WIDGET (entry->progress), entry->state == FILE_IMPORTING);

  switch (entry->state)
    {
    case FILE_WAITING:
      subtitle = _("Waiting");
      break;

    case FILE_IMPORTING:
      subtitle = _("Importing…");
      break;

    case FILE_IMPORTED:
      icon_name = "object-select-symbolic";
      css_class = "success";
      break;

    case FILE_EXISTS:
      icon_name = "edit-copy-symbolic";
      css_class = "warning";
      break;

    case FILE_REFUSED:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      break;

    case FILE_SKIPPED:
      icon_name = "media-playback-stop-symbolic";
      break;

    default:
      g_assert_not_reached ();
    }

  /* Rows take markup; a reason may quote a file name. */
  escaped = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);
  adw_action_row_set_subtitle (entry->row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (entry->icon), icon_name != NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (entry->icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (entry->icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (entry->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (entry->icon), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry->icon), css_class);
}

static void
update_summary (LankaMaterialImportDialog *self)
{
  guint n_exists = 0;
  guint n_refused = 0;
  g_autoptr(GString) summary = g_string_new (NULL);

  if (self->busy)
    {
      g_string_append_printf (summary,
                              /* TRANSLATORS: the first %u is the file being imported, the second how many there are */
                              _("Importing file %u of %u…"),
                              MIN (self->current + 1, self->entries->len), self->entries->len);
      gtk_label_set_label (self->summary_label, summary->str);
      return;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      n_exists += entry->state == FILE_EXISTS;
      n_refused += entry->state == FILE_REFUSED;
    }

  g_string_append_printf (summary,
                          ngettext ("%u file imported.", "%u files imported.", self->n_imported),
                          self->n_imported);
  if (n_exists > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary,
                              ngettext ("%u was already in the library.",
                                        "%u were already in the library.", n_exists),
                              n_exists);
    }
  if (n_refused > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary,
                              ngettext ("%u could not be imported.", "%u could not be imported.", n_refused),
                              n_refused);
    }

  gtk_label_set_label (self->summary_label, summary->str);
}

static void
finish (LankaMaterialImportDialog *self)
{
  self->busy = FALSE;

  for (guint i = self->current; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->state == FILE_WAITING)
        {
          entry->state = FILE_SKIPPED;
          g_free (entry->outcome);
          entry->outcome = g_strdup (_("Not imported: the import was stopped."));
          show_entry (entry);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.stop", FALSE);
  update_summary (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));

  g_signal_emit (self, signals[FINISHED], 0, self->first_uuid, self->n_imported);
}

static void
import_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LankaMaterialImportDialog *self = LANKA_MATERIAL_IMPORT_DIALOG (object);
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  Entry *entry;

  material = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    return;

  entry = g_ptr_array_index (self->entries, self->current);
  g_clear_pointer (&entry->outcome, g_free);

  if (material != NULL)
    {
      const char *title = lanka_record_get (material, "title");

      entry->state = FILE_IMPORTED;
      /* TRANSLATORS: %s is the title the new material got */
      entry->outcome = g_strdup_printf (_("Imported as “%s”"), title != NULL ? title : entry->name);
      self->n_imported++;
      if (self->first_uuid == NULL)
        self->first_uuid = g_strdup (lanka_record_get_uuid (material));
    }
  else
    {
      entry->state = g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_EXISTS)
        ? FILE_EXISTS : FILE_REFUSED;
      entry->outcome = describe_error (entry, error);
    }

  show_entry (entry);

  if (material != NULL)
    g_signal_emit (self, signals[MATERIAL_IMPORTED], 0, lanka_record_get_uuid (material));

  self->current++;
  import_next (self);
}

static void
import_next (LankaMaterialImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry;
  Job *job;

  if (self->disposed)
    return;

  if (self->stop || self->current >= self->entries->len ||
      self->database == NULL || !lanka_database_is_open (self->database))
    {
      finish (self);
      return;
    }

  entry = g_ptr_array_index (self->entries, self->current);
  entry->state = FILE_IMPORTING;
  gtk_progress_bar_set_fraction (entry->progress, 0.0);
  show_entry (entry);
  update_summary (self);

  job = g_new0 (Job, 1);
  job->database = g_object_ref (self->database);
  job->file = g_object_ref (entry->file);
  job->name = g_strdup (entry->name);
  job->dialog = g_object_ref (self);
  job->index = self->current;

  task = g_task_new (self, self->cancellable, import_ready_cb, NULL);
  g_task_set_source_tag (task, import_next);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, import_in_thread);
}

static void
lanka_material_import_dialog_stop (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LankaMaterialImportDialog *self = LANKA_MATERIAL_IMPORT_DIALOG (widget);

  self->stop = TRUE;
  gtk_widget_action_set_enabled (widget, "import.stop", FALSE);
}

/* Closing while files wait stops after the file being imported; what
 * was imported stays.
 */
static gboolean
on_close_request_cb (LankaMaterialImportDialog *self)
{
  self->stop = TRUE;

  return FALSE;
}

static void
lanka_material_import_dialog_dispose (GObject *object)
{
  LankaMaterialImportDialog *self = (LankaMaterialImportDialog *)object;

  /* Locking destroys the dialog: the file being read is given up. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_MATERIAL_IMPORT_DIALOG);

  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_material_import_dialog_parent_class)->dispose (object);
}

static void
lanka_material_import_dialog_finalize (GObject *object)
{
  LankaMaterialImportDialog *self = (LankaMaterialImportDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->first_uuid, g_free);

  G_OBJECT_CLASS (lanka_material_import_dialog_parent_class)->finalize (object);
}

static void
lanka_material_import_dialog_class_init (LankaMaterialImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_material_import_dialog_dispose;
  object_class->finalize = lanka_material_import_dialog_finalize;

  /**
   * LankaMaterialImportDialog::material-imported:
   * @self: a #LankaMaterialImportDialog
   * @uuid: the new material
   *
   * Emitted when a file became a material in the library.
   */
  signals[MATERIAL_IMPORTED] =
    g_signal_new ("material-imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LankaMaterialImportDialog::finished:
   * @self: a #LankaMaterialImportDialog
   * @first_uuid: (nullable): the first material imported
   * @n_imported: how many files were imported
   *
   * Emitted once, when every file was tried or the person stopped.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/training/lanka-material-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialImportDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialImportDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialImportDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);

  gtk_widget_class_install_action (widget_class, "import.stop", NULL, lanka_material_import_dialog_stop);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_material_import_dialog_init (LankaMaterialImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_ptr_array_new_with_free_func (entry_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_entry (LankaMaterialImportDialog *self,
           GFile                     *file)
{
  Entry *entry = g_new0 (Entry, 1);
  g_autofree char *title = NULL;

  entry->file = g_object_ref (file);
  entry->name = g_file_get_basename (file);
  entry->state = FILE_WAITING;

  entry->row = ADW_ACTION_ROW (adw_action_row_new ());
  title = g_markup_escape_text (entry->name, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry->row), title);
  adw_action_row_set_subtitle_lines (entry->row, 4);

  entry->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (entry->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (entry->progress), 80, -1);
  adw_action_row_add_suffix (entry->row, GTK_WIDGET (entry->progress));

  entry->icon = GTK_IMAGE (gtk_image_new ());
  adw_action_row_add_suffix (entry->row, GTK_WIDGET (entry->icon));

  gtk_list_box_append (self->list_box, GTK_WIDGET (entry->row));
  g_ptr_array_add (self->entries, entry);
  show_entry (entry);
}

/**
 * lanka_material_import_dialog_new:
 * @database: the open database
 * @files: (element-type GFile): the files to import
 *
 * Returns: (transfer none): a new dialog that starts importing at once;
 *   make it transient and present it
 */
LankaMaterialImportDialog *
lanka_material_import_dialog_new (LankaDatabase *database,
                                  GListModel    *files)
{
  LankaMaterialImportDialog *self;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (files), NULL);

  self = g_object_new (LANKA_TYPE_MATERIAL_IMPORT_DIALOG, NULL);
  self->database = g_object_ref (database);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      add_entry (self, file);
    }

  self->busy = TRUE;
  import_next (self);

  return self;
}

/**
 * lanka_material_import_dialog_is_busy:
 * @self: a #LankaMaterialImportDialog
 *
 * Returns: whether files are still being imported
 */
gboolean
lanka_material_import_dialog_is_busy (LankaMaterialImportDialog *self)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_IMPORT_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * lanka_material_import_dialog_get_outcome:
 * @self: a #LankaMaterialImportDialog
 * @position: a file's position, as given
 *
 * Returns: (nullable): what the row of the file says about it once it
 *   was tried, or %NULL before
 */
const char *
lanka_material_import_dialog_get_outcome (LankaMaterialImportDialog *self,
                                          guint                      position)
{
  Entry *entry;

  g_return_val_if_fail (LANKA_IS_MATERIAL_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  entry = g_ptr_array_index (self->entries, position);

  return entry->outcome;
}

/**
 * lanka_material_import_dialog_get_n_imported:
 * @self: a #LankaMaterialImportDialog
 *
 * Returns: how many files became materials so far
 */
guint
lanka_material_import_dialog_get_n_imported (LankaMaterialImportDialog *self)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_IMPORT_DIALOG (self), 0);

  return self->n_imported;
}
