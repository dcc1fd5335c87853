/* lanka-contact-editor.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-contact-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-application.h"
#include "lanka-channel-list.h"
#include "lanka-contact-editor.h"
#include "lanka-directory.h"
#include "lanka-draft.h"
#include "lanka-store-error.h"

/* Adds a contact person to an agency or changes one, on a copy, like the
 * agency editor: the contact the caller holds changes only once the
 * database has taken the new values, and the store writes the change
 * history that personal data needs.
 *
 * When Länka locks, changes are kept as a draft in the encrypted database
 * and the editor closes, as the agency editor does: contact persons are
 * personal data and must not stay on screen.
 */

/* How drafts of this editor are named in the database: the contact
 * person's uuid, or DRAFT_NEW_PREFIX and the agency's uuid for a contact
 * person not saved yet.
 */
#define DRAFT_KIND       "agency-contact"
#define DRAFT_NEW_PREFIX "new:"

/* The layout of a draft's content, so that a later one can tell an older
 * draft apart instead of misreading it.
 */
#define DRAFT_VERSION 1
struct _LankaContactEditor
{
  AdwWindow           parent_instance;

  LankaDatabase      *database;
  char               *agency_uuid;
  /* The contact the caller holds, when editing a saved one. */
  LankaAgencyContact *original;
  /* What gets saved: a fresh copy from the database, or a new contact. */
  LankaAgencyContact *working;
  /* What the form showed when it opened, and what Discard goes back to. */
  LankaAgencyContact *stored;
  char               *initial_digest;
  /* The name of this editor's draft; %NULL when there are no drafts. */
  char               *draft_object;
  AdwMessageDialog   *discard_dialog;
  guint               loading : 1;
  guint               name_edited : 1;
  guint               done : 1;
  /* Whether the form was taken up from a draft that is still stored. */
  guint               restored : 1;

  /* Template widgets */
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkRevealer        *draft_revealer;
  AdwEntryRow        *name_row;
  AdwEntryRow        *role_row;
  GtkLabel           *name_message;
  LankaChannelList   *phone_list;
  LankaChannelList   *email_list;
  GtkTextView        *notes_view;
};

G_DEFINE_FINAL_TYPE (LankaContactEditor, lanka_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static char *
dup_notes_as_typed (LankaContactEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_notes (LankaContactEditor *self)
{
  return g_strstrip (dup_notes_as_typed (self));
}

static void
copy_contact (LankaAgencyContact *to,
              LankaAgencyContact *from)
{
  GPtrArray *channels = lanka_agency_contact_get_channels (from);

  g_assert (to != from);

  g_object_set (to,
                "name", lanka_agency_contact_get_name (from),
                "role", lanka_agency_contact_get_role (from),
                "notes", lanka_agency_contact_get_notes (from),
                NULL);

  lanka_agency_contact_clear_channels (to);
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_contact_add_channel (to, channel->kind, channel->label, channel->value);
    }
}

static void
fill_form (LankaContactEditor *self,
           LankaAgencyContact *contact)
{
  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         lanka_agency_contact_get_name (contact) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->role_row),
                         lanka_agency_contact_get_role (contact) ?: "");
  lanka_channel_list_set_channels (self->phone_list, lanka_agency_contact_get_channels (contact));
  lanka_channel_list_set_channels (self->email_list, lanka_agency_contact_get_channels (contact));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            lanka_agency_contact_get_notes (contact) ?: "", -1);

  self->loading = FALSE;
}

static void
add_channels (LankaAgencyContact *contact,
              LankaChannelList   *list)
{
  g_autoptr(GPtrArray) channels = lanka_channel_list_get_channels (list);

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_contact_add_channel (contact, channel->kind, channel->label, channel->value);
    }
}

static void
apply_form (LankaContactEditor *self,
            LankaAgencyContact *contact)
{
  g_autofree char *name = dup_stripped (self->name_row);
  g_autofree char *role = dup_stripped (self->role_row);
  g_autofree char *notes = dup_notes (self);

  g_object_set (contact,
                "name", name,
                "role", role,
                "notes", notes,
                NULL);

  lanka_agency_contact_clear_channels (contact);
  add_channels (contact, self->phone_list);
  add_channels (contact, self->email_list);
}

/* Everything a person can change, in one string: what tells whether
 * closing the window would lose anything.
 */
static char *
form_digest (LankaContactEditor *self)
{
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  GString *digest = g_string_new (NULL);
  GPtrArray *channels;

  apply_form (self, contact);
  channels = lanka_agency_contact_get_channels (contact);

  g_string_append_printf (digest, "%s\x1f%s\x1f%s\x1f",
                          lanka_agency_contact_get_name (contact) ?: "",
                          lanka_agency_contact_get_role (contact) ?: "",
                          lanka_agency_contact_get_notes (contact) ?: "");

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      g_string_append_printf (digest, "%s\x1f%s\x1f%s\x1f",
                              lanka_channel_kind_to_string (channel->kind),
                              channel->label ?: "",
                              channel->value);
    }

  return g_string_free (digest, FALSE);
}

static gboolean
is_dirty (LankaContactEditor *self)
{
  g_autofree char *digest = form_digest (self);

  return g_strcmp0 (digest, self->initial_digest) != 0;
}

static void
show_error (LankaContactEditor *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
update_state (LankaContactEditor *self)
{
  g_autofree char *name = NULL;
  gboolean valid = TRUE;
  gboolean show_name_error;

  if (self->loading)
    return;

  name = dup_stripped (self->name_row);
  valid = name[0] != '\0';

  /* A new form is not wrong yet: only a name that was typed and then
   * removed gets the message.
   */
  show_name_error = !valid && self->name_edited;

  if (show_name_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_STATE_INVALID);
    }

  gtk_label_set_label (self->name_message, _("A contact person needs a name."));
  gtk_widget_set_visible (GTK_WIDGET (self->name_message), show_name_error);

  valid &= lanka_channel_list_get_valid (self->phone_list);
  valid &= lanka_channel_list_get_valid (self->email_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && self->working != NULL);
}

static void
on_name_changed_cb (LankaContactEditor *self,
                    GtkEditable        *editable)
{
  if (!self->loading)
    self->name_edited = TRUE;

  update_state (self);
}

static void
on_editable_changed_cb (LankaContactEditor *self,
                        GtkEditable        *editable)
{
  update_state (self);
}

static void
on_channels_changed_cb (LankaContactEditor *self,
                        LankaChannelList   *list)
{
  update_state (self);
}

static void
on_buffer_changed_cb (LankaContactEditor *self,
                      GtkTextBuffer      *buffer)
{
  update_state (self);
}

/* The form as it is, half-typed values, spaces and all: a draft keeps
 * the work, not what could be saved of it.
 */
static GBytes *
form_to_draft (LankaContactEditor *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) draft = NULL;
  g_autofree char *notes = dup_notes_as_typed (self);

  g_variant_dict_insert (&dict, "version", "u", DRAFT_VERSION);
  g_variant_dict_insert (&dict, "name", "s", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_variant_dict_insert (&dict, "role", "s", gtk_editable_get_text (GTK_EDITABLE (self->role_row)));
  g_variant_dict_insert_value (&dict, "phones", lanka_channel_list_save_rows (self->phone_list));
  g_variant_dict_insert_value (&dict, "emails", lanka_channel_list_save_rows (self->email_list));
  g_variant_dict_insert (&dict, "notes", "s", notes);

  draft = g_variant_ref_sink (g_variant_dict_end (&dict));

  return g_variant_get_data_as_bytes (draft);
}

static void
restore_rows (LankaChannelList *list,
              GVariant         *draft,
              const char       *key)
{
  g_autoptr(GVariant) rows = g_variant_lookup_value (draft, key, G_VARIANT_TYPE ("a(ss)"));

  if (rows != NULL)
    lanka_channel_list_restore_rows (list, rows);
}

/* Fills the form from a draft.  A part the draft does not hold keeps the
 * contact person's value.  Returns %FALSE, with the form untouched, for
 * content that is not a draft of this editor.
 */
static gboolean
fill_form_from_draft (LankaContactEditor *self,
                      GBytes             *content)
{
  g_autoptr(GVariant) draft = NULL;
  const char *text;
  guint32 version = 0;

  draft = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, content, FALSE));

  if (!g_variant_is_normal_form (draft) ||
      !g_variant_lookup (draft, "version", "u", &version) ||
      version != DRAFT_VERSION)
    return FALSE;

  self->loading = TRUE;

  if (g_variant_lookup (draft, "name", "&s", &text))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), text);
  if (g_variant_lookup (draft, "role", "&s", &text))
    gtk_editable_set_text (GTK_EDITABLE (self->role_row), text);
  restore_rows (self->phone_list, draft, "phones");
  restore_rows (self->email_list, draft, "emails");
  if (g_variant_lookup (draft, "notes", "&s", &text))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), text, -1);

  self->loading = FALSE;

  return TRUE;
}

static void
set_restored (LankaContactEditor *self,
              gboolean            restored)
{
  self->restored = !!restored;
  gtk_revealer_set_reveal_child (self->draft_revealer, restored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.discard-draft", restored);
}

static gboolean
discard_draft (LankaContactEditor  *self,
               GError             **error)
{
  set_restored (self, FALSE);

  return lanka_draft_discard (self->database, DRAFT_KIND, self->draft_object, error);
}

/* For when the editor closes with the form saved, thrown away, or the
 * same as the contact person: the draft it was taken up from has served.
 */
static void
discard_draft_quietly (LankaContactEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->restored && !discard_draft (self, &error))
    g_debug ("A draft of a contact person was not removed: %s", error->message);
}

/* Takes the form up from the draft left when Länka locked, if there is
 * one, and says so.
 */
static void
restore_draft (LankaContactEditor *self)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  content = lanka_draft_load (self->database, DRAFT_KIND, self->draft_object, NULL, &error);

  if (content == NULL)
    {
      if (error != NULL)
        g_debug ("A draft of a contact person could not be read: %s", error->message);
      return;
    }

  /* A draft that says nothing the record does not say already would only
   * make the person wonder what changed.
   */
  if (!fill_form_from_draft (self, content) || !is_dirty (self))
    {
      fill_form (self, self->stored);
      if (!lanka_draft_discard (self->database, DRAFT_KIND, self->draft_object, &error))
        g_debug ("A draft of a contact person was not removed: %s", error->message);
      return;
    }

  /* A name the person had taken away is marked, as it was before. */
  name = dup_stripped (self->name_row);
  self->name_edited = g_strcmp0 (name, lanka_agency_contact_get_name (self->stored) ?: "") != 0;

  set_restored (self, TRUE);
}

/* Whether the record a draft belongs to has been deleted since: the
 * contact person, or for a new one the agency.
 */
static gboolean
draft_is_orphaned (LankaDatabase *database,
                   const char    *object)
{
  g_autoptr(GError) error = NULL;

  if (g_str_has_prefix (object, DRAFT_NEW_PREFIX))
    {
      g_autoptr(LankaAgency) agency = NULL;

      agency = lanka_directory_get_agency (database, object + strlen (DRAFT_NEW_PREFIX), &error);
    }
  else
    {
      g_autoptr(LankaAgencyContact) contact = NULL;

      contact = lanka_directory_get_contact (database, object, &error);
    }

  return g_error_matches (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_NOT_FOUND);
}

/* A draft whose contact person (or agency) has been deleted since holds
 * personal data that belong to nothing: it goes without a word, as the
 * record did.
 */
static void
discard_orphaned_drafts (LankaDatabase *database)
{
  g_auto(GStrv) objects = lanka_draft_list (database, DRAFT_KIND, NULL);

  for (guint i = 0; objects != NULL && objects[i] != NULL; i++)
    if (draft_is_orphaned (database, objects[i]))
      lanka_draft_discard (database, DRAFT_KIND, objects[i], NULL);
}

/* Länka locks: nobody is there to ask, and nothing personal may stay on
 * screen.  What was typed goes into a draft and the editor closes.
 */
static void
on_application_locking_cb (LankaContactEditor *self,
                           LankaDatabase      *database,
                           LankaApplication   *application)
{
  if (self->done)
    return;

  if (is_dirty (self))
    {
      g_autoptr(GBytes) content = form_to_draft (self);
      g_autoptr(GError) error = NULL;

      /* The draft goes where the contact person lives, which is the
       * database being locked.
       */
      if (!lanka_draft_save (self->database, DRAFT_KIND, self->draft_object, content, &error))
        g_warning ("The changes to a contact person could not be kept as a draft: %s",
                   error->message);
    }
  else
    {
      discard_draft_quietly (self);
    }

  self->done = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Drafts need an application that says when Länka locks; tests of the
 * editor alone have none, and then there are no drafts.
 */
static void
set_up_drafts (LankaContactEditor *self,
               const char         *object,
               gboolean            restore)
{
  GApplication *application = g_application_get_default ();

  if (!LANKA_IS_APPLICATION (application))
    return;

  self->draft_object = g_strdup (object);
  g_signal_connect_object (application, "locking", G_CALLBACK (on_application_locking_cb), self,
                           G_CONNECT_SWAPPED);

  discard_orphaned_drafts (self->database);

  if (restore)
    restore_draft (self);
}

static void
on_discard_response_cb (LankaContactEditor *self,
                        const char         *response,
                        AdwMessageDialog   *dialog)
{
  g_clear_weak_pointer (&self->discard_dialog);

  if (g_strcmp0 (response, "discard") == 0)
    {
      self->done = TRUE;
      discard_draft_quietly (self);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

/* Closes the editor, after asking whether to throw away what was typed
 * if anything was.
 */
static void
leave (LankaContactEditor *self)
{
  AdwMessageDialog *dialog;

  if (self->done || !is_dirty (self))
    {
      self->done = TRUE;
      discard_draft_quietly (self);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
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
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->discard_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_close_request_cb (LankaContactEditor *self,
                     GtkWindow          *window)
{
  if (self->done)
    return FALSE;

  if (!is_dirty (self))
    {
      self->done = TRUE;
      discard_draft_quietly (self);
      return FALSE;
    }

  leave (self);
  return TRUE;
}

static void
lanka_contact_editor_cancel (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  leave (LANKA_CONTACT_EDITOR (widget));
}

static void
lanka_contact_editor_discard_draft (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  LankaContactEditor *self = LANKA_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  /* The button goes away with the bar; the form starts at the name. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  fill_form (self, self->stored);
  self->name_edited = FALSE;
  update_state (self);

  if (!discard_draft (self, &error))
    {
      /* Translators: %s says why, as a sentence. */
      g_autofree char *message = g_strdup_printf (_("The restored changes could not be "
                                                    "removed. %s"),
                                                  error->message);

      show_error (self, message);
    }
}

static void
lanka_contact_editor_save (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LankaContactEditor *self = LANKA_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_return_if_fail (self->working != NULL);

  apply_form (self, self->working);

  if (lanka_agency_contact_get_uuid (self->working) == NULL)
    saved = lanka_directory_add_contact (self->database, self->agency_uuid, self->working, &error);
  else
    saved = lanka_directory_update_contact (self->database, self->working, &error);

  if (!saved)
    {
      /* Translators: %s says why, as a sentence. */
      g_autofree char *message = g_strdup_printf (_("The contact person was not saved. %s"),
                                                  error->message);

      show_error (self, message);
      return;
    }

  if (self->original != NULL)
    copy_contact (self->original, self->working);

  self->done = TRUE;
  discard_draft_quietly (self);
  g_signal_emit (self, signals[SAVED], 0, self->working);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lanka_contact_editor_dispose (GObject *object)
{
  LankaContactEditor *self = (LankaContactEditor *)object;

  if (self->discard_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->discard_dialog));
  g_clear_weak_pointer (&self->discard_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CONTACT_EDITOR);

  g_clear_object (&self->database);
  g_clear_object (&self->original);
  g_clear_object (&self->working);
  g_clear_object (&self->stored);

  G_OBJECT_CLASS (lanka_contact_editor_parent_class)->dispose (object);
}

static void
lanka_contact_editor_finalize (GObject *object)
{
  LankaContactEditor *self = (LankaContactEditor *)object;

  g_free (self->agency_uuid);
  g_free (self->initial_digest);
  g_free (self->draft_object);

  G_OBJECT_CLASS (lanka_contact_editor_parent_class)->finalize (object);
}

static void
lanka_contact_editor_class_init (LankaContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_contact_editor_dispose;
  object_class->finalize = lanka_contact_editor_finalize;

  /**
   * LankaContactEditor::saved:
   * @self: a #LankaContactEditor
   * @contact: the contact person as saved, with their uuid
   *
   * Emitted when the contact person was saved, just before the editor
   * closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, LANKA_TYPE_AGENCY_CONTACT);

  g_type_ensure (LANKA_TYPE_CHANNEL_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, email_list);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, name_message);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, phone_list);
  gtk_widget_class_bind_template_child (widget_class, LankaContactEditor, role_row);
  gtk_widget_class_bind_template_callback (widget_class, on_channels_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editable_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   lanka_contact_editor_save);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL,
                                   lanka_contact_editor_cancel);
  gtk_widget_class_install_action (widget_class, "editor.discard-draft", NULL,
                                   lanka_contact_editor_discard_draft);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
lanka_contact_editor_init (LankaContactEditor *self)
{
  /* Until lanka_contact_editor_new() has filled the form, changes are
   * part of building it, not of editing.
   */
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.discard-draft", FALSE);
}

/**
 * lanka_contact_editor_new:
 * @database: the open database to save into
 * @agency_uuid: (nullable): the agency a new contact person belongs to;
 *   only needed when @contact is %NULL
 * @contact: (nullable): a saved contact person to change, or %NULL to add
 *   one
 *
 * The caller makes the editor transient for its window and presents it.
 * @contact itself only changes once the changes are saved.  When Länka locks,
 * the editor keeps its changes as a draft and closes by itself; the next
 * editor for the same record takes them up.
 *
 * Returns: (transfer none): a new editor, owned by GTK until it closes
 */
LankaContactEditor *
lanka_contact_editor_new (LankaDatabase      *database,
                          const char         *agency_uuid,
                          LankaAgencyContact *contact)
{
  LankaContactEditor *self;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (contact == NULL || LANKA_IS_AGENCY_CONTACT (contact), NULL);
  g_return_val_if_fail (agency_uuid != NULL ||
                        (contact != NULL && lanka_agency_contact_get_uuid (contact) != NULL),
                        NULL);

  self = g_object_new (LANKA_TYPE_CONTACT_EDITOR, NULL);
  self->database = g_object_ref (database);
  self->agency_uuid = g_strdup (agency_uuid);

  if (contact != NULL && lanka_agency_contact_get_uuid (contact) != NULL)
    {
      g_autoptr(GError) error = NULL;

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact Person"));
      self->original = g_object_ref (contact);

      /* The copy comes from the database, as only the store can give it
       * the contact's identity; the values are the ones the caller shows.
       */
      self->working = lanka_directory_get_contact (database,
                                                   lanka_agency_contact_get_uuid (contact),
                                                   &error);
      if (self->working != NULL)
        {
          copy_contact (self->working, contact);
        }
      else
        {
          /* Translators: %s says why, as a sentence. */
          g_autofree char *message = g_strdup_printf (_("The contact person cannot be changed. %s"),
                                                      error->message);

          show_error (self, message);
        }
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Contact Person"));
      self->working = lanka_agency_contact_new ();

      if (contact != NULL)
        copy_contact (self->working, contact);
    }

  /* A new contact person starts from an empty one of its own: the
   * working copy takes what the form holds on a failed save, and Discard
   * must not.
   */
  self->stored = contact != NULL ? g_object_ref (contact) : lanka_agency_contact_new ();
  fill_form (self, self->stored);
  self->initial_digest = form_digest (self);

  if (self->original != NULL)
    {
      set_up_drafts (self, lanka_agency_contact_get_uuid (self->original), self->working != NULL);
    }
  else if (agency_uuid != NULL)
    {
      g_autofree char *object = g_strconcat (DRAFT_NEW_PREFIX, agency_uuid, NULL);

      /* A contact person from a file comes with a form of their own,
       * which a draft of a new one would overwrite.
       */
      set_up_drafts (self, object, contact == NULL);
    }

  update_state (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}
