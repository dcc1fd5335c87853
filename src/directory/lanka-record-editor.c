/* lanka-record-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-application.h"
#include "lanka-draft.h"
#include "lanka-record-editor.h"

/* What every editor of a directory record does around its own form, so
 * that they all do it alike: Cancel, Escape and closing the window ask
 * "Discard Changes?" when something was typed; a failed step says why in
 * the bar at the top; and locking never loses what was typed.
 *
 * When Länka locks, an editor with changes keeps the whole form as a
 * draft inside the encrypted database and closes, as nothing personal may
 * stay on screen.  The next editor for the same record takes the form up
 * again from the draft and says so in a bar at the top.  Without a
 * #LankaApplication to say when Länka locks there are no drafts.
 *
 * The editor window owns its helper and drops it first thing in dispose;
 * the helper does not hold the window, and touches nothing once it has
 * destroyed it.
 */

struct _LankaRecordEditor
{
  GObject                parent_instance;

  GtkWindow             *editor;
  const LankaRecordForm *form;
  GtkRevealer           *error_revealer;
  GtkLabel              *error_label;
  GtkRevealer           *draft_revealer;
  GtkEditable           *name_row;

  LankaDatabase         *database;
  /* The name of this editor's draft; %NULL when there are no drafts. */
  char                  *draft_object;
  char                  *initial_digest;
  AdwMessageDialog      *discard_dialog;
  /* Why the editor goes once the person said to discard the changes. */
  guint                  leave_reason;
  guint                  name_edited : 1;
  guint                  done : 1;
  /* Whether the form was taken up from a draft that is still stored. */
  guint                  restored : 1;
};

G_DEFINE_FINAL_TYPE (LankaRecordEditor, lanka_record_editor, G_TYPE_OBJECT)

/* Where an editor window keeps its helper.  Signals and actions go to
 * the window, which finds its helper here: a handler running keeps the
 * window alive, as it would for any window, and the helper lives exactly
 * as long as the window holds it.
 */
#define RECORD_EDITOR_KEY "lanka-record-editor"

static LankaRecordEditor *
get_for_editor (gpointer editor)
{
  return g_object_get_data (G_OBJECT (editor), RECORD_EDITOR_KEY);
}

static gboolean
is_dirty (LankaRecordEditor *self)
{
  g_autofree char *digest = self->form->dup_digest (self->editor);

  return g_strcmp0 (digest, self->initial_digest) != 0;
}

/* The form as it is, half-typed values, spaces and all: a draft keeps
 * the work, not what could be saved of it.
 */
static GBytes *
form_to_draft (LankaRecordEditor *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) draft = NULL;

  g_variant_dict_insert (&dict, "version", "u", self->form->draft_version);
  self->form->save_draft (self->editor, &dict);

  draft = g_variant_ref_sink (g_variant_dict_end (&dict));

  return g_variant_get_data_as_bytes (draft);
}

/* Fills the form from a draft.  Returns %FALSE, with the form untouched,
 * for content that is not a draft of this editor.
 */
static gboolean
fill_form_from_draft (LankaRecordEditor *self,
                      GBytes            *content)
{
  g_autoptr(GVariant) draft = NULL;
  guint32 version = 0;

  draft = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, content, FALSE));

  if (!g_variant_is_normal_form (draft) ||
      !g_variant_lookup (draft, "version", "u", &version) ||
      version != self->form->draft_version)
    return FALSE;

  self->form->restore_draft (self->editor, draft);

  return TRUE;
}

static void
set_restored (LankaRecordEditor *self,
              gboolean           restored)
{
  self->restored = !!restored;
  gtk_revealer_set_reveal_child (self->draft_revealer, restored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->editor), "editor.discard-draft", restored);
}

static gboolean
discard_draft (LankaRecordEditor  *self,
               GError            **error)
{
  set_restored (self, FALSE);

  return lanka_draft_discard (self->database, self->form->draft_kind, self->draft_object, error);
}

/* For when the editor closes with the form saved, thrown away, or the
 * same as the record: the draft it was taken up from has served.
 */
static void
discard_draft_quietly (LankaRecordEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->restored && !discard_draft (self, &error))
    g_debug ("A draft of %s was not removed: %s", self->form->record_name, error->message);
}

/* Takes the form up from the draft left when Länka locked, if there is
 * one, and says so.
 */
static void
restore_draft (LankaRecordEditor *self)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  content = lanka_draft_load (self->database, self->form->draft_kind, self->draft_object, NULL,
                              &error);

  if (content == NULL)
    {
      if (error != NULL)
        g_debug ("A draft of %s could not be read: %s", self->form->record_name, error->message);
      return;
    }

  /* A draft that says nothing the record does not say already would only
   * make the person wonder what changed.
   */
  if (!fill_form_from_draft (self, content) || !is_dirty (self))
    {
      self->form->reset (self->editor);
      if (!lanka_draft_discard (self->database, self->form->draft_kind, self->draft_object,
                                &error))
        g_debug ("A draft of %s was not removed: %s", self->form->record_name, error->message);
      return;
    }

  /* A name the person had taken away is marked, as it was before. */
  name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_row)));
  self->name_edited = g_strcmp0 (name, self->form->get_stored_name (self->editor) ?: "") != 0;

  set_restored (self, TRUE);
}

/* A draft whose record has been deleted since holds personal data that
 * belong to nothing: it goes without a word, as the record did.
 */
static void
discard_orphaned_drafts (LankaRecordEditor *self)
{
  g_auto(GStrv) objects = lanka_draft_list (self->database, self->form->draft_kind, NULL);

  for (guint i = 0; objects != NULL && objects[i] != NULL; i++)
    if (self->form->draft_is_orphaned (self->database, objects[i]))
      lanka_draft_discard (self->database, self->form->draft_kind, objects[i], NULL);
}

/* Länka locks: nobody is there to ask, and nothing personal may stay on
 * screen.  What was typed goes into a draft and the editor closes.
 */
static void
on_application_locking_cb (GtkWindow        *editor,
                           LankaDatabase    *database,
                           LankaApplication *application)
{
  LankaRecordEditor *self = get_for_editor (editor);

  if (self == NULL || self->done)
    return;

  if (is_dirty (self))
    {
      g_autoptr(GBytes) content = form_to_draft (self);
      g_autoptr(GError) error = NULL;

      /* The draft goes where the record lives, which is the database
       * being locked.
       */
      if (!lanka_draft_save (self->database, self->form->draft_kind, self->draft_object, content,
                             &error))
        g_warning ("The changes to %s could not be kept as a draft: %s",
                   self->form->record_name, error->message);
    }
  else
    {
      discard_draft_quietly (self);
    }

  self->done = TRUE;
  gtk_window_destroy (self->editor);
}

static void
leave_now (LankaRecordEditor *self,
           guint              reason)
{
  self->done = TRUE;
  discard_draft_quietly (self);

  if (self->form->left != NULL)
    self->form->left (self->editor, reason);

  gtk_window_destroy (self->editor);
}

static void
on_discard_response_cb (GtkWindow        *editor,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  LankaRecordEditor *self = get_for_editor (editor);

  if (self == NULL)
    return;

  g_clear_weak_pointer (&self->discard_dialog);

  if (g_strcmp0 (response, "discard") == 0)
    leave_now (self, self->leave_reason);
}

static gboolean
on_close_request_cb (GtkWindow *editor,
                     gpointer   user_data)
{
  LankaRecordEditor *self = get_for_editor (editor);

  if (self == NULL || self->done)
    return FALSE;

  if (!is_dirty (self))
    {
      self->done = TRUE;
      discard_draft_quietly (self);
      return FALSE;
    }

  lanka_record_editor_leave (self, 0);
  return TRUE;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LankaRecordEditor *self = get_for_editor (widget);

  if (self != NULL)
    lanka_record_editor_leave (self, 0);
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LankaRecordEditor *self = get_for_editor (widget);

  if (self != NULL)
    lanka_record_editor_discard_draft (self);
}

static void
lanka_record_editor_dispose (GObject *object)
{
  LankaRecordEditor *self = (LankaRecordEditor *)object;

  if (self->editor != NULL)
    g_object_set_data (G_OBJECT (self->editor), RECORD_EDITOR_KEY, NULL);
  self->editor = NULL;

  if (self->discard_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->discard_dialog));
  g_clear_weak_pointer (&self->discard_dialog);

  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_record_editor_parent_class)->dispose (object);
}

static void
lanka_record_editor_finalize (GObject *object)
{
  LankaRecordEditor *self = (LankaRecordEditor *)object;

  g_free (self->draft_object);
  g_free (self->initial_digest);

  G_OBJECT_CLASS (lanka_record_editor_parent_class)->finalize (object);
}

static void
lanka_record_editor_class_init (LankaRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_record_editor_dispose;
  object_class->finalize = lanka_record_editor_finalize;
}

static void
lanka_record_editor_init (LankaRecordEditor *self)
{
}

/**
 * lanka_record_editor_new:
 * @editor: the editor window, which owns the helper
 * @form: (transfer none): what the editor tells about its form; must
 *   outlive the helper
 * @error_revealer: the bar at the top that says why a step failed
 * @error_label: the sentence in that bar
 * @draft_revealer: the bar at the top that says the form was taken up
 *   from a draft, with a button for the editor's `editor.discard-draft`
 * @name_row: where the record's name is typed, and where the form starts
 *
 * Takes over closing the window from @editor: Cancel, closing the window
 * and a discarded draft go through the helper.  The editor's class has
 * installed the actions with lanka_record_editor_class_install_actions().
 *
 * Returns: (transfer full): the helper, for @editor to drop in dispose
 */
LankaRecordEditor *
lanka_record_editor_new (GtkWindow             *editor,
                         const LankaRecordForm *form,
                         GtkRevealer           *error_revealer,
                         GtkLabel              *error_label,
                         GtkRevealer           *draft_revealer,
                         GtkEditable           *name_row)
{
  LankaRecordEditor *self;

  g_return_val_if_fail (GTK_IS_WINDOW (editor), NULL);
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (GTK_IS_REVEALER (error_revealer), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (error_label), NULL);
  g_return_val_if_fail (GTK_IS_REVEALER (draft_revealer), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (name_row), NULL);

  self = g_object_new (LANKA_TYPE_RECORD_EDITOR, NULL);
  self->editor = editor;
  self->form = form;
  self->error_revealer = error_revealer;
  self->error_label = error_label;
  self->draft_revealer = draft_revealer;
  self->name_row = name_row;

  g_object_set_data (G_OBJECT (editor), RECORD_EDITOR_KEY, self);
  g_signal_connect (editor, "close-request", G_CALLBACK (on_close_request_cb), NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (editor), "editor.discard-draft", FALSE);

  return self;
}

/**
 * lanka_record_editor_class_install_actions:
 * @widget_class: the class of an editor window
 *
 * Installs `editor.cancel` (Escape) and `editor.discard-draft`, which go
 * through the editor's #LankaRecordEditor, and binds Control+S to the
 * editor's own `editor.save`.
 */
void
lanka_record_editor_class_install_actions (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.discard-draft", NULL,
                                   discard_draft_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

/**
 * lanka_record_editor_show_error:
 * @self: a #LankaRecordEditor
 * @message: (nullable): a sentence that says what failed and why, or
 *   %NULL to hide the bar
 */
void
lanka_record_editor_show_error (LankaRecordEditor *self,
                                const char        *message)
{
  g_return_if_fail (LANKA_IS_RECORD_EDITOR (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/**
 * lanka_record_editor_mark_unchanged:
 * @self: a #LankaRecordEditor
 *
 * Takes the form as it is now as what closing the window would not lose:
 * called once the editor has filled the form with the record.
 */
void
lanka_record_editor_mark_unchanged (LankaRecordEditor *self)
{
  g_return_if_fail (LANKA_IS_RECORD_EDITOR (self));

  g_free (self->initial_digest);
  self->initial_digest = self->form->dup_digest (self->editor);
}

/**
 * lanka_record_editor_set_up_drafts:
 * @self: a #LankaRecordEditor
 * @database: where the record lives, and so its drafts
 * @object: the name of this editor's draft
 * @restore: whether to take the form up from the draft stored under
 *   @object, if there is one
 *
 * Keeps the form as a draft when Länka locks.  Drafts need an application
 * that says when Länka locks; tests of an editor alone have none, and
 * then there are no drafts.
 */
void
lanka_record_editor_set_up_drafts (LankaRecordEditor *self,
                                   LankaDatabase     *database,
                                   const char        *object,
                                   gboolean           restore)
{
  GApplication *application = g_application_get_default ();

  g_return_if_fail (LANKA_IS_RECORD_EDITOR (self));
  g_return_if_fail (LANKA_IS_DATABASE (database));
  g_return_if_fail (object != NULL);

  if (!LANKA_IS_APPLICATION (application))
    return;

  g_set_object (&self->database, database);
  g_free (self->draft_object);
  self->draft_object = g_strdup (object);
  g_signal_connect_object (application, "locking", G_CALLBACK (on_application_locking_cb),
                           self->editor, G_CONNECT_SWAPPED);

  discard_orphaned_drafts (self);

  if (restore)
    restore_draft (self);
}

/**
 * lanka_record_editor_get_name_edited:
 * @self: a #LankaRecordEditor
 *
 * A new form is not wrong yet: only a name that was typed and then
 * removed gets a message.
 *
 * Returns: whether the person has changed the name
 */
gboolean
lanka_record_editor_get_name_edited (LankaRecordEditor *self)
{
  g_return_val_if_fail (LANKA_IS_RECORD_EDITOR (self), FALSE);

  return self->name_edited;
}

/**
 * lanka_record_editor_set_name_edited:
 * @self: a #LankaRecordEditor
 * @name_edited: whether the person has changed the name
 */
void
lanka_record_editor_set_name_edited (LankaRecordEditor *self,
                                     gboolean           name_edited)
{
  g_return_if_fail (LANKA_IS_RECORD_EDITOR (self));

  self->name_edited = !!name_edited;
}

/**
 * lanka_record_editor_leave:
 * @self: a #LankaRecordEditor
 * @reason: why the editor goes, for #LankaRecordForm.left; 0 to close
 *
 * Leaves the editor, after asking whether to throw away what was typed
 * if anything was.
 */
void
lanka_record_editor_leave (LankaRecordEditor *self,
                           guint              reason)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (LANKA_IS_RECORD_EDITOR (self));

  if (self->done || !is_dirty (self))
    {
      leave_now (self, reason);
      return;
    }

  self->leave_reason = reason;

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->editor,
                                                       _("Discard Changes?"),
                                                       _("What you typed in this window will "
                                                         "be lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb),
                           self->editor, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->discard_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lanka_record_editor_discard_draft:
 * @self: a #LankaRecordEditor
 *
 * Puts the form back as the record is and removes the draft it was taken
 * up from, for the button in the draft bar.
 */
void
lanka_record_editor_discard_draft (LankaRecordEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANKA_IS_RECORD_EDITOR (self));

  /* The button goes away with the bar; the form starts at the name. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  self->form->reset (self->editor);
  self->name_edited = FALSE;
  self->form->update (self->editor);

  if (!discard_draft (self, &error))
    {
      /* Translators: %s says why, as a sentence. */
      g_autofree char *message = g_strdup_printf (_("The restored changes could not be "
                                                    "removed. %s"),
                                                  error->message);

      lanka_record_editor_show_error (self, message);
    }
}

/**
 * lanka_record_editor_finish:
 * @self: a #LankaRecordEditor
 *
 * Says the record was saved: the editor may close without asking, and
 * the draft it was taken up from has served.
 */
void
lanka_record_editor_finish (LankaRecordEditor *self)
{
  g_return_if_fail (LANKA_IS_RECORD_EDITOR (self));

  self->done = TRUE;
  discard_draft_quietly (self);
}
