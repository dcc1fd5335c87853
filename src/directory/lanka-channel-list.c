/* lanka-channel-list.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-channel-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lanka-channel-list.h"
#include "lanka-validate.h"

/* The phone numbers, e-mail addresses, web addresses or postal addresses
 * of an agency or a contact person, for an editor: one row each, with a
 * label ("Växel", "Jour") and the value, checked as it is typed.  What is
 * typed stays as it was typed; the message says what is wrong with it.
 */
struct _LankaChannelList
{
  AdwPreferencesGroup  parent_instance;

  LankaChannelKind     kind;
  guint                valid : 1;
  guint                filling : 1;

  /* Template widgets */
  GtkListBox          *list_box;
  GtkListBoxRow       *add_row;
  GtkLabel            *add_label;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (LankaChannelList, lanka_channel_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_KIND,
  PROP_VALID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  const char      *list_title;
  const char      *row_title;
  const char      *add_label;
  const char      *remove_tooltip;
  GtkInputPurpose  purpose;
} KindTexts;

static const KindTexts kind_texts[] = {
  [LANKA_CHANNEL_PHONE] = {
    N_("Phone Numbers"), N_("Phone number"), N_("Add Phone Number"), N_("Remove Phone Number"),
    GTK_INPUT_PURPOSE_PHONE,
  },
  [LANKA_CHANNEL_EMAIL] = {
    N_("E-mail Addresses"), N_("E-mail address"), N_("Add E-mail Address"),
    N_("Remove E-mail Address"), GTK_INPUT_PURPOSE_EMAIL,
  },
  [LANKA_CHANNEL_WEB] = {
    N_("Web Addresses"), N_("Web address"), N_("Add Web Address"), N_("Remove Web Address"),
    GTK_INPUT_PURPOSE_URL,
  },
  [LANKA_CHANNEL_ADDRESS] = {
    N_("Addresses"), N_("Address"), N_("Add Address"), N_("Remove Address"),
    GTK_INPUT_PURPOSE_FREE_FORM,
  },
};

#define LABEL_ENTRY_KEY "lanka-channel-label-entry"

static GtkEditable *
row_get_label_entry (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), LABEL_ENTRY_KEY);
}

static char *
dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* Returns: (transfer full) (nullable): what is wrong with the row, as a
 *   sentence, or %NULL when it can be saved
 */
static char *
check_row (LankaChannelList *self,
           GtkWidget        *row)
{
  g_autofree char *value = dup_stripped (GTK_EDITABLE (row));
  g_autofree char *label = dup_stripped (row_get_label_entry (row));
  g_autoptr(GError) error = NULL;

  /* An empty row is left out when saving, but a label without a value
   * would silently go with it.
   */
  if (value[0] == '\0')
    {
      if (label[0] == '\0')
        return NULL;

      /* Translators: %s is the label the person typed, such as "Växel". */
      return g_strdup_printf (_("The row labelled “%s” is empty: fill it in or remove it."),
                              label);
    }

  switch (self->kind)
    {
    case LANKA_CHANNEL_PHONE:
      {
        g_autofree char *normal = lanka_phone_normalize (value, &error);
      }
      break;

    case LANKA_CHANNEL_EMAIL:
      lanka_email_validate (value, &error);
      break;

    case LANKA_CHANNEL_WEB:
      lanka_web_address_validate (value, &error);
      break;

    case LANKA_CHANNEL_ADDRESS:
    default:
      break;
    }

  return error != NULL ? g_strdup (error->message) : NULL;
}

static void
update_validity (LankaChannelList *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  gboolean valid = TRUE;

  g_assert (LANKA_IS_CHANNEL_LIST (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *message = NULL;

      if (!ADW_IS_ENTRY_ROW (row))
        continue;

      message = check_row (self, row);

      if (message == NULL)
        {
          gtk_widget_remove_css_class (row, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          continue;
        }

      valid = FALSE;
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);

      /* Two rows wrong in the same way need the sentence once. */
      if (strstr (messages->str, message) == NULL)
        {
          if (messages->len > 0)
            g_string_append_c (messages, '\n');
          g_string_append (messages, message);
        }
    }

  gtk_label_set_label (self->message_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), messages->len > 0);

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
emit_changed (LankaChannelList *self)
{
  update_validity (self);

  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_row_changed_cb (LankaChannelList *self,
                   GtkEditable      *editable)
{
  emit_changed (self);
}

static void
on_remove_clicked_cb (LankaChannelList *self,
                      GtkButton        *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);
  GtkWidget *next;

  g_return_if_fail (row != NULL);

  /* The focus was on the button that is going away: the next row, or the
   * one to add a row, is where the person goes on.
   */
  next = gtk_widget_get_next_sibling (row);
  if (gtk_widget_has_focus (GTK_WIDGET (button)) || gtk_widget_get_focus_child (row) != NULL)
    gtk_widget_grab_focus (next != NULL ? next : GTK_WIDGET (self->add_row));

  gtk_list_box_remove (self->list_box, row);
  emit_changed (self);
}

static GtkWidget *
add_channel_row (LankaChannelList *self,
                 const char       *label,
                 const char       *value)
{
  const KindTexts *texts = &kind_texts[self->kind];
  GtkWidget *row;
  GtkWidget *label_entry;
  GtkWidget *remove_button;

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(texts->row_title));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), texts->purpose);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");

  /* The label comes first, as it is read: "Växel 08-123 456". */
  label_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (label_entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (label_entry), 8);
  gtk_widget_set_valign (label_entry, GTK_ALIGN_CENTER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (label_entry), _("Label"));
  gtk_widget_set_tooltip_text (label_entry,
                               _("What it is for, such as “Switchboard” or “Duty line”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Label"),
                                  -1);
  gtk_editable_set_text (GTK_EDITABLE (label_entry), label != NULL ? label : "");
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), label_entry);
  g_object_set_data (G_OBJECT (row), LABEL_ENTRY_KEY, label_entry);

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove_button, _(texts->remove_tooltip));
  gtk_widget_add_css_class (remove_button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (label_entry, "changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  /* New rows go above the row that adds them. */
  gtk_list_box_insert (self->list_box, row, gtk_list_box_row_get_index (self->add_row));

  return row;
}

static void
on_list_box_row_activated_cb (LankaChannelList *self,
                              GtkListBoxRow    *row,
                              GtkListBox       *list_box)
{
  if (row == self->add_row)
    lanka_channel_list_add_row (self);
}

static void
lanka_channel_list_constructed (GObject *object)
{
  LankaChannelList *self = (LankaChannelList *)object;
  const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self));

  G_OBJECT_CLASS (lanka_channel_list_parent_class)->constructed (object);

  gtk_label_set_label (self->add_label, _(kind_texts[self->kind].add_label));

  /* An editor may name the group itself; the kind says it otherwise. */
  if (title == NULL || title[0] == '\0')
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                     _(kind_texts[self->kind].list_title));
}

static void
lanka_channel_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CHANNEL_LIST);

  G_OBJECT_CLASS (lanka_channel_list_parent_class)->dispose (object);
}

static void
lanka_channel_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LankaChannelList *self = LANKA_CHANNEL_LIST (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, lanka_channel_kind_to_string (self->kind));
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_channel_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LankaChannelList *self = LANKA_CHANNEL_LIST (object);

  switch (prop_id)
    {
    case PROP_KIND:
      if (!lanka_channel_kind_from_string (g_value_get_string (value), &self->kind))
        g_critical ("“%s” is not a kind of channel", g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_channel_list_class_init (LankaChannelListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanka_channel_list_constructed;
  object_class->dispose = lanka_channel_list_dispose;
  object_class->get_property = lanka_channel_list_get_property;
  object_class->set_property = lanka_channel_list_set_property;

  /**
   * LankaChannelList:kind:
   *
   * What the rows hold: "phone", "email", "web" or "address".
   */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         "phone",
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaChannelList:valid:
   *
   * Whether every row can be saved as it is.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaChannelList::changed:
   * @self: a #LankaChannelList
   *
   * Emitted when the person types in a row, adds one or removes one.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-channel-list.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaChannelList, add_label);
  gtk_widget_class_bind_template_child (widget_class, LankaChannelList, add_row);
  gtk_widget_class_bind_template_child (widget_class, LankaChannelList, list_box);
  gtk_widget_class_bind_template_child (widget_class, LankaChannelList, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated_cb);
}

static void
lanka_channel_list_init (LankaChannelList *self)
{
  self->valid = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lanka_channel_list_new:
 * @kind: what the rows hold
 *
 * Returns: (transfer floating): a new, empty #LankaChannelList
 */
GtkWidget *
lanka_channel_list_new (LankaChannelKind kind)
{
  g_return_val_if_fail (kind <= LANKA_CHANNEL_ADDRESS, NULL);

  return g_object_new (LANKA_TYPE_CHANNEL_LIST,
                       "kind", lanka_channel_kind_to_string (kind),
                       NULL);
}

/**
 * lanka_channel_list_get_kind:
 * @self: a #LankaChannelList
 *
 * Returns: what the rows hold
 */
LankaChannelKind
lanka_channel_list_get_kind (LankaChannelList *self)
{
  g_return_val_if_fail (LANKA_IS_CHANNEL_LIST (self), LANKA_CHANNEL_PHONE);

  return self->kind;
}

/* Every row but the one that adds rows. */
static void
remove_rows (LankaChannelList *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) !=
         GTK_WIDGET (self->add_row))
    gtk_list_box_remove (self->list_box, row);
}

/**
 * lanka_channel_list_set_channels:
 * @self: a #LankaChannelList
 * @channels: (element-type LankaChannel) (nullable): channels of any kind
 *
 * Replaces the rows with one row for each channel of @self's kind in
 * @channels, in their order; the others are left out.
 */
void
lanka_channel_list_set_channels (LankaChannelList *self,
                                 GPtrArray        *channels)
{
  g_return_if_fail (LANKA_IS_CHANNEL_LIST (self));

  self->filling = TRUE;

  remove_rows (self);

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind == self->kind)
        add_channel_row (self, channel->label, channel->value);
    }

  self->filling = FALSE;

  emit_changed (self);
}

/**
 * lanka_channel_list_get_channels:
 * @self: a #LankaChannelList
 *
 * Collects the rows that hold a value, in the order shown, without the
 * spaces around what was typed.  Empty rows are left out.
 *
 * Returns: (transfer container) (element-type LankaChannel): the channels
 */
GPtrArray *
lanka_channel_list_get_channels (LankaChannelList *self)
{
  GPtrArray *channels;

  g_return_val_if_fail (LANKA_IS_CHANNEL_LIST (self), NULL);

  channels = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_channel_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (!ADW_IS_ENTRY_ROW (row))
        continue;

      value = dup_stripped (GTK_EDITABLE (row));
      label = dup_stripped (row_get_label_entry (row));

      if (value[0] != '\0')
        g_ptr_array_add (channels, lanka_channel_new (self->kind, label, value));
    }

  return channels;
}

/**
 * lanka_channel_list_get_valid:
 * @self: a #LankaChannelList
 *
 * Returns: %TRUE if every row can be saved as it is
 */
gboolean
lanka_channel_list_get_valid (LankaChannelList *self)
{
  g_return_val_if_fail (LANKA_IS_CHANNEL_LIST (self), FALSE);

  return self->valid;
}

/**
 * lanka_channel_list_add_row:
 * @self: a #LankaChannelList
 *
 * Adds an empty row at the end and moves the focus into it, as the row
 * that adds rows does.
 *
 * Returns: (transfer none): the new row, a #GtkEditable for the value
 */
GtkWidget *
lanka_channel_list_add_row (LankaChannelList *self)
{
  GtkWidget *row;

  g_return_val_if_fail (LANKA_IS_CHANNEL_LIST (self), NULL);

  row = add_channel_row (self, NULL, NULL);
  gtk_widget_grab_focus (row);
  emit_changed (self);

  return row;
}

/**
 * lanka_channel_list_save_rows:
 * @self: a #LankaChannelList
 *
 * Takes down every row exactly as it was typed, the empty ones and the
 * spaces included, for a draft: unlike lanka_channel_list_get_channels(),
 * which gives what can be saved, this keeps half-typed work too.
 *
 * Returns: (transfer floating): the rows as an array of (label, value)
 *   pairs, type `a(ss)`
 */
GVariant *
lanka_channel_list_save_rows (LankaChannelList *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (LANKA_IS_CHANNEL_LIST (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ENTRY_ROW (row))
        continue;

      g_variant_builder_add (&builder, "(ss)",
                             gtk_editable_get_text (row_get_label_entry (row)),
                             gtk_editable_get_text (GTK_EDITABLE (row)));
    }

  return g_variant_builder_end (&builder);
}

/**
 * lanka_channel_list_restore_rows:
 * @self: a #LankaChannelList
 * @rows: rows from lanka_channel_list_save_rows(), type `a(ss)`
 *
 * Replaces the rows with @rows, as they were typed.
 */
void
lanka_channel_list_restore_rows (LankaChannelList *self,
                                 GVariant         *rows)
{
  GVariantIter iter;
  const char *label;
  const char *value;

  g_return_if_fail (LANKA_IS_CHANNEL_LIST (self));
  g_return_if_fail (g_variant_is_of_type (rows, G_VARIANT_TYPE ("a(ss)")));

  self->filling = TRUE;

  remove_rows (self);

  g_variant_iter_init (&iter, rows);
  while (g_variant_iter_next (&iter, "(&s&s)", &label, &value))
    add_channel_row (self, label, value);

  self->filling = FALSE;

  emit_changed (self);
}
