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

#include "lanka-channel-list.h"
#include "lanka-contact-editor.h"
#include "lanka-directory.h"
#include "lanka-record-editor.h"
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
  /* Closing, the error and draft bars, and drafts at a lock. */
  LankaRecordEditor  *record;
  guint               loading : 1;

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
form_digest (GtkWindow *editor)
{
  LankaContactEditor *self = LANKA_CONTACT_EDITOR (editor);
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
  show_name_error = !valid && lanka_record_editor_get_name_edited (self->record);

  if (show_name_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      /* A screen reader says why, as the agency editor's rows do. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("A contact person needs a name."),
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->name_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
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
    lanka_record_editor_set_name_edited (self->record, TRUE);

  update_state (self);
}

/* Any part of the form changed: an entry, a list of phone numbers and
 * the like, or a text.
 */
static void
on_form_changed_cb (LankaContactEditor *self,
                    gpointer            part)
{
  update_state (self);
}

static void
save_draft (GtkWindow    *editor,
            GVariantDict *dict)
{
  LankaContactEditor *self = LANKA_CONTACT_EDITOR (editor);
  g_autofree char *notes = dup_notes_as_typed (self);

  g_variant_dict_insert (dict, "name", "s", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_variant_dict_insert (dict, "role", "s", gtk_editable_get_text (GTK_EDITABLE (self->role_row)));
  g_variant_dict_insert_value (dict, "phones", lanka_channel_list_save_rows (self->phone_list));
  g_variant_dict_insert_value (dict, "emails", lanka_channel_list_save_rows (self->email_list));
  g_variant_dict_insert (dict, "notes", "s", notes);
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

/* A part the draft does not hold keeps the contact person's value. */
static void
restore_draft (GtkWindow *editor,
               GVariant  *draft)
{
  LankaContactEditor *self = LANKA_CONTACT_EDITOR (editor);
  const char *text;

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
}

static void
reset_form (GtkWindow *editor)
{
  LankaContactEditor *self = LANKA_CONTACT_EDITOR (editor);

  fill_form (self, self->stored);
}

static const char *
get_stored_name (GtkWindow *editor)
{
  return lanka_agency_contact_get_name (LANKA_CONTACT_EDITOR (editor)->stored);
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

static void
update_form (GtkWindow *editor)
{
  update_state (LANKA_CONTACT_EDITOR (editor));
}

/* What the closing, the bars and the drafts need to know of this form. */
static const LankaRecordForm contact_form = {
  .record_name = "a contact person",
  .draft_kind = DRAFT_KIND,
  .draft_version = DRAFT_VERSION,
  .dup_digest = form_digest,
  .save_draft = save_draft,
  .restore_draft = restore_draft,
  .reset = reset_form,
  .get_stored_name = get_stored_name,
  .draft_is_orphaned = draft_is_orphaned,
  .update = update_form,
};

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

      lanka_record_editor_show_error (self->record, message);
      return;
    }

  if (self->original != NULL)
    copy_contact (self->original, self->working);

  lanka_record_editor_finish (self->record);
  g_signal_emit (self, signals[SAVED], 0, self->working);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lanka_contact_editor_dispose (GObject *object)
{
  LankaContactEditor *self = (LankaContactEditor *)object;

  /* The question goes with the window. */
  g_clear_object (&self->record);

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
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   lanka_contact_editor_save);

  lanka_record_editor_class_install_actions (widget_class);
}

static void
lanka_contact_editor_init (LankaContactEditor *self)
{
  /* Until lanka_contact_editor_new() has filled the form, changes are
   * part of building it, not of editing.
   */
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->record = lanka_record_editor_new (GTK_WINDOW (self), &contact_form,
                                          self->error_revealer, self->error_label,
                                          self->draft_revealer, GTK_EDITABLE (self->name_row));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
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

          lanka_record_editor_show_error (self->record, message);
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
  lanka_record_editor_mark_unchanged (self->record);

  if (self->original != NULL)
    {
      lanka_record_editor_set_up_drafts (self->record, database,
                                         lanka_agency_contact_get_uuid (self->original),
                                         self->working != NULL);
    }
  else if (agency_uuid != NULL)
    {
      g_autofree char *object = g_strconcat (DRAFT_NEW_PREFIX, agency_uuid, NULL);

      /* A contact person from a file comes with a form of their own,
       * which a draft of a new one would overwrite.
       */
      lanka_record_editor_set_up_drafts (self->record, database, object, contact == NULL);
    }

  update_state (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}
