/* lanka-history-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-directory.h"
#include "lanka-history-dialog.h"

/* The change history of one contact person, newest first: when, who,
 * which field, and the value before and after.  The history is personal
 * data, so the dialog reads it when it opens and keeps nothing after it
 * closes.
 */
struct _LankaHistoryDialog
{
  AdwWindow       parent_instance;

  LankaDatabase  *database;
  char           *contact_uuid;
  char           *contact_name;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkListBox     *list_box;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (LankaHistoryDialog, lanka_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CONTACT_UUID,
  PROP_CONTACT_NAME,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* The store names fields in English code; a person reads labels. */
static const char *
get_field_label (const char *field)
{
  static const struct {
    const char *field;
    const char *label;
  } fields[] = {
    { "name", NC_("history field", "Name") },
    { "role", NC_("history field", "Role") },
    { "notes", NC_("history field", "Notes") },
    { "phones", NC_("history field", "Phone numbers") },
    { "emails", NC_("history field", "E-mail addresses") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "history field", fields[i].label);

  return field;
}

/**
 * lanka_history_label_new:
 * @text: the text
 * @css_class: (nullable): a style class, such as "dim-label"
 *
 * Returns: (transfer floating): a label as the change histories show
 *   text: from the start, wrapping anywhere a long value needs
 */
GtkWidget *
lanka_history_label_new (const char *text,
                         const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
add_value (GtkGrid    *grid,
           int         line,
           const char *caption,
           const char *value)
{
  GtkWidget *caption_label = lanka_history_label_new (caption, "dim-label");
  GtkWidget *value_label = lanka_history_label_new (value, NULL);

  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (grid, caption_label, 0, line, 1, 1);
  gtk_grid_attach (grid, value_label, 1, line, 1, 1);
}

/**
 * lanka_history_change_row_new:
 * @entry: the first field of a saved change
 *
 * A row for one saved change: when and by whom.  The fields it changed
 * go below, in the row's vertical box.
 *
 * Returns: (transfer floating): a new #GtkListBoxRow
 */
GtkWidget *
lanka_history_change_row_new (const LankaHistoryEntry *entry)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->time / G_USEC_PER_SEC);
  g_autofree char *when_text = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
  g_autofree char *byline = NULL;
  GtkWidget *row;
  GtkWidget *box;

  /* Translators: when a change was made and by whom, such as
   * "2026-03-01 14:05 · anna".
   */
  byline = g_strdup_printf (_("%s · %s"),
                            when_text != NULL ? when_text : "",
                            entry->user != NULL ? entry->user : "");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), lanka_history_label_new (byline, "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
add_field_change (GtkWidget               *row,
                  const LankaHistoryEntry *entry)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *grid;

  gtk_box_append (GTK_BOX (box), lanka_history_label_new (get_field_label (entry->field), "heading"));
  gtk_widget_set_margin_top (gtk_widget_get_last_child (box), 6);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  if (entry->old_value == NULL)
    add_value (GTK_GRID (grid), 0, C_("history", "Added"),
               entry->new_value != NULL ? entry->new_value : "");
  else if (entry->new_value == NULL)
    add_value (GTK_GRID (grid), 0, C_("history", "Removed"), entry->old_value);
  else
    {
      add_value (GTK_GRID (grid), 0, C_("history", "Before"), entry->old_value);
      add_value (GTK_GRID (grid), 1, C_("history", "After"), entry->new_value);
    }
  gtk_box_append (GTK_BOX (box), grid);
}

static void
load_history (LankaHistoryDialog *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const LankaHistoryEntry *previous = NULL;
  GtkWidget *row = NULL;

  g_assert (LANKA_IS_HISTORY_DIALOG (self));

  if (self->database == NULL || self->contact_uuid == NULL)
    return;

  entries = lanka_directory_list_history (self->database, self->contact_uuid, &error);

  if (entries == NULL)
    {
      /* The store's messages are sentences written for the person. */
      adw_status_page_set_description (self->error_page,
                                       error != NULL ? error->message
                                                     : _("The change history could not be read."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (entries->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* One save writes a row per field, all at the same time by the same
   * person: they read best together.
   */
  for (guint i = 0; i < entries->len; i++)
    {
      const LankaHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (row == NULL || entry->time != previous->time || g_strcmp0 (entry->user, previous->user) != 0)
        {
          row = lanka_history_change_row_new (entry);
          gtk_list_box_append (self->list_box, row);
        }

      add_field_change (row, entry);
      previous = entry;
    }

  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
lanka_history_dialog_constructed (GObject *object)
{
  LankaHistoryDialog *self = (LankaHistoryDialog *)object;

  G_OBJECT_CLASS (lanka_history_dialog_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title,
                                 self->contact_name != NULL ? self->contact_name : "");
  load_history (self);
}

static void
lanka_history_dialog_dispose (GObject *object)
{
  LankaHistoryDialog *self = (LankaHistoryDialog *)object;

  g_clear_object (&self->database);

  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_HISTORY_DIALOG);

  G_OBJECT_CLASS (lanka_history_dialog_parent_class)->dispose (object);
}

static void
lanka_history_dialog_finalize (GObject *object)
{
  LankaHistoryDialog *self = (LankaHistoryDialog *)object;

  g_clear_pointer (&self->contact_uuid, g_free);
  g_clear_pointer (&self->contact_name, g_free);

  G_OBJECT_CLASS (lanka_history_dialog_parent_class)->finalize (object);
}

static void
lanka_history_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LankaHistoryDialog *self = LANKA_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_CONTACT_UUID:
      g_value_set_string (value, self->contact_uuid);
      break;

    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_history_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LankaHistoryDialog *self = LANKA_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_CONTACT_UUID:
      self->contact_uuid = g_value_dup_string (value);
      break;

    case PROP_CONTACT_NAME:
      self->contact_name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_history_dialog_class_init (LankaHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanka_history_dialog_constructed;
  object_class->dispose = lanka_history_dialog_dispose;
  object_class->finalize = lanka_history_dialog_finalize;
  object_class->get_property = lanka_history_dialog_get_property;
  object_class->set_property = lanka_history_dialog_set_property;

  /**
   * LankaHistoryDialog:database:
   *
   * The open database the history is read from.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaHistoryDialog:contact-uuid:
   *
   * The contact person whose history is shown.
   */
  properties[PROP_CONTACT_UUID] =
    g_param_spec_string ("contact-uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaHistoryDialog:contact-name:
   *
   * The contact person's name, shown under the title.
   */
  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaHistoryDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaHistoryDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, LankaHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaHistoryDialog, window_title);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_history_dialog_init (LankaHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lanka_history_dialog_new:
 * @database: an open #LankaDatabase
 * @contact_uuid: the contact person whose history to show
 * @contact_name: (nullable): their name, for the title
 *
 * Returns: (transfer none): a new #LankaHistoryDialog, not yet shown;
 *   like every window, it lives until it is closed
 */
LankaHistoryDialog *
lanka_history_dialog_new (LankaDatabase *database,
                          const char    *contact_uuid,
                          const char    *contact_name)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (contact_uuid != NULL, NULL);

  return g_object_new (LANKA_TYPE_HISTORY_DIALOG,
                       "database", database,
                       "contact-uuid", contact_uuid,
                       "contact-name", contact_name,
                       NULL);
}
