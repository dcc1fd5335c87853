/* lanka-value-row.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-value-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-clipboard.h"
#include "lanka-value-row.h"

/* One value of the directory — a phone number, an address — that a person
 * copies into a letter or a phone with one click, or opens in the app that
 * handles it.  The value is the row's title, large and selectable, and
 * what it is ("Växel", "Phone") sits under it, as in GNOME Contacts.
 *
 * Contact persons' values are personal data and leave the clipboard again
 * after a while (#LankaValueRow:personal); an agency's public switchboard
 * number may stay.
 */
struct _LankaValueRow
{
  AdwActionRow  parent_instance;

  char         *label;
  char         *value;
  char         *uri;
  char         *copy_label;
  guint         personal : 1;
  guint         copied_source;

  /* Template widgets */
  GtkButton    *copy_button;
  GtkButton    *open_button;
};

G_DEFINE_FINAL_TYPE (LankaValueRow, lanka_value_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_VALUE,
  PROP_URI,
  PROP_PERSONAL,
  PROP_COPY_LABEL,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* How long the copy button shows that it did something. */
#define COPIED_FEEDBACK_SECONDS 1

/* Returns whether anything changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static gboolean
uri_has_scheme (const char *uri,
                const char *scheme)
{
  g_autofree char *uri_scheme = uri != NULL ? g_uri_parse_scheme (uri) : NULL;

  return uri_scheme != NULL && g_ascii_strcasecmp (uri_scheme, scheme) == 0;
}

/* What a screen reader says for the copy button when nobody chose better. */
static const char *
default_copy_label (LankaValueRow *self)
{
  if (uri_has_scheme (self->uri, "tel"))
    return _("Copy phone number");
  if (uri_has_scheme (self->uri, "mailto"))
    return _("Copy e-mail address");
  if (uri_has_scheme (self->uri, "http") || uri_has_scheme (self->uri, "https"))
    return _("Copy web address");

  return _("Copy");
}

static void
update_copy_button (LankaValueRow *self)
{
  const char *label = self->copy_label != NULL ? self->copy_label : default_copy_label (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_open_button (LankaValueRow *self)
{
  const char *icon_name = "adw-external-link-symbolic";
  const char *tooltip = _("Open");

  if (uri_has_scheme (self->uri, "tel"))
    {
      icon_name = "call-start-symbolic";
      tooltip = _("Call");
    }
  else if (uri_has_scheme (self->uri, "mailto"))
    {
      icon_name = "mail-unread-symbolic";
      tooltip = _("Write e-mail");
    }
  else if (uri_has_scheme (self->uri, "http") || uri_has_scheme (self->uri, "https"))
    {
      tooltip = _("Open in web browser");
    }

  gtk_button_set_icon_name (self->open_button, icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), self->uri != NULL);

  /* Clicking anywhere on the row opens it, as on a link. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self),
                                         self->uri != NULL ? GTK_WIDGET (self->open_button) : NULL);
}

static gboolean
restore_copy_button_cb (gpointer data)
{
  LankaValueRow *self = data;

  self->copied_source = 0;
  gtk_button_set_icon_name (self->copy_button, "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copy"));

  return G_SOURCE_REMOVE;
}

/**
 * lanka_value_row_copy:
 * @self: a #LankaValueRow
 *
 * Copies the value to the clipboard, as the copy button does.
 */
void
lanka_value_row_copy (LankaValueRow *self)
{
  GtkWidget *overlay;

  g_return_if_fail (LANKA_IS_VALUE_ROW (self));

  if (self->value == NULL)
    return;

  if (self->personal)
    lanka_clipboard_copy_sensitive (GTK_WIDGET (self), self->value);
  else
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->value);

  /* The button itself confirms, for the person whose eyes are on it; the
   * window's toast says it for everyone else, and says when personal data
   * leave the clipboard again.
   */
  gtk_button_set_icon_name (self->copy_button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copied"));
  g_clear_handle_id (&self->copied_source, g_source_remove);
  self->copied_source = g_timeout_add (COPIED_FEEDBACK_SECONDS * 1000, restore_copy_button_cb, self);

  if ((overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY)))
    {
      AdwToast *toast;

      if (self->personal)
        toast = adw_toast_new (_("Copied. The clipboard is cleared in 30 seconds."));
      else
        toast = adw_toast_new (_("Copied"));
      adw_toast_set_timeout (toast, 3);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
on_copy_button_clicked_cb (LankaValueRow *self,
                           GtkButton     *button)
{
  lanka_value_row_copy (self);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LankaValueRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Most often there is no app for the kind of address, such as calls on
   * a desktop without a phone app.  The message says nothing of the value.
   */
  gtk_button_set_icon_name (self->open_button, "dialog-warning-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button),
                               _("No app on this computer could open this"));
}

static void
on_open_button_clicked_cb (LankaValueRow *self,
                           GtkButton     *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->uri == NULL || !GTK_IS_WINDOW (root))
    return;

  update_open_button (self);
  gtk_show_uri_full (GTK_WINDOW (root), self->uri, GDK_CURRENT_TIME,
                     NULL, show_uri_cb, g_object_ref (self));
}

static void
lanka_value_row_dispose (GObject *object)
{
  LankaValueRow *self = (LankaValueRow *)object;

  g_clear_handle_id (&self->copied_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_VALUE_ROW);

  G_OBJECT_CLASS (lanka_value_row_parent_class)->dispose (object);
}

static void
lanka_value_row_finalize (GObject *object)
{
  LankaValueRow *self = (LankaValueRow *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->copy_label, g_free);

  G_OBJECT_CLASS (lanka_value_row_parent_class)->finalize (object);
}

static void
lanka_value_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LankaValueRow *self = LANKA_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, lanka_value_row_get_label (self));
      break;

    case PROP_VALUE:
      g_value_set_string (value, lanka_value_row_get_value (self));
      break;

    case PROP_URI:
      g_value_set_string (value, lanka_value_row_get_uri (self));
      break;

    case PROP_PERSONAL:
      g_value_set_boolean (value, lanka_value_row_get_personal (self));
      break;

    case PROP_COPY_LABEL:
      g_value_set_string (value, lanka_value_row_get_copy_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_value_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LankaValueRow *self = LANKA_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      lanka_value_row_set_label (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      lanka_value_row_set_value (self, g_value_get_string (value));
      break;

    case PROP_URI:
      lanka_value_row_set_uri (self, g_value_get_string (value));
      break;

    case PROP_PERSONAL:
      lanka_value_row_set_personal (self, g_value_get_boolean (value));
      break;

    case PROP_COPY_LABEL:
      lanka_value_row_set_copy_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_value_row_class_init (LankaValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_value_row_dispose;
  object_class->finalize = lanka_value_row_finalize;
  object_class->get_property = lanka_value_row_get_property;
  object_class->set_property = lanka_value_row_set_property;

  /**
   * LankaValueRow:label:
   *
   * What the value is, such as "Växel" or "E-mail", shown under it.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaValueRow:value:
   *
   * The value as the person wrote it; this is what is copied.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaValueRow:uri:
   *
   * What opening the value opens, such as "tel:+4620390000", or %NULL
   * for a value that opens nothing.
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaValueRow:personal:
   *
   * Whether the value is personal data, such as a contact person's mobile
   * number: a copy of it is taken off the clipboard again after
   * %LANKA_CLIPBOARD_CLEAR_SECONDS.  On by default, so that forgetting to
   * set it errs on the side of the person.
   */
  properties[PROP_PERSONAL] =
    g_param_spec_boolean ("personal", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * LankaValueRow:copy-label:
   *
   * What a screen reader calls the copy button, such as "Copy address".
   * %NULL picks one from the kind of #LankaValueRow:uri.
   */
  properties[PROP_COPY_LABEL] =
    g_param_spec_string ("copy-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaValueRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, LankaValueRow, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked_cb);
}

static void
lanka_value_row_init (LankaValueRow *self)
{
  self->personal = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  update_copy_button (self);
  update_open_button (self);
}

/**
 * lanka_value_row_new:
 * @title: (nullable): what the value is, such as "Växel"
 * @value: the value as the person wrote it
 * @uri: (nullable): what opening the value opens, such as "tel:+4620390000"
 *
 * Creates a row for one value.  The row counts as personal data until
 * lanka_value_row_set_personal() says otherwise.
 *
 * Returns: (transfer floating): a new #LankaValueRow
 */
GtkWidget *
lanka_value_row_new (const char *title,
                     const char *value,
                     const char *uri)
{
  g_return_val_if_fail (value != NULL, NULL);

  return g_object_new (LANKA_TYPE_VALUE_ROW,
                       "label", title,
                       "value", value,
                       "uri", uri,
                       NULL);
}

/**
 * lanka_value_row_get_label:
 * @self: a #LankaValueRow
 *
 * Returns: (nullable): what the value is
 */
const char *
lanka_value_row_get_label (LankaValueRow *self)
{
  g_return_val_if_fail (LANKA_IS_VALUE_ROW (self), NULL);

  return self->label;
}

/**
 * lanka_value_row_set_label:
 * @self: a #LankaValueRow
 * @label: (nullable): what the value is, such as "Växel"
 */
void
lanka_value_row_set_label (LankaValueRow *self,
                           const char    *label)
{
  g_return_if_fail (LANKA_IS_VALUE_ROW (self));

  if (!set_string (&self->label, label))
    return;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), label != NULL ? label : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/**
 * lanka_value_row_get_value:
 * @self: a #LankaValueRow
 *
 * Returns: (nullable): the value
 */
const char *
lanka_value_row_get_value (LankaValueRow *self)
{
  g_return_val_if_fail (LANKA_IS_VALUE_ROW (self), NULL);

  return self->value;
}

/**
 * lanka_value_row_set_value:
 * @self: a #LankaValueRow
 * @value: (nullable): the value as the person wrote it
 */
void
lanka_value_row_set_value (LankaValueRow *self,
                           const char    *value)
{
  g_return_if_fail (LANKA_IS_VALUE_ROW (self));

  if (!set_string (&self->value, value))
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), value != NULL ? value : "");
  if (adw_action_row_get_title_lines (ADW_ACTION_ROW (self)) == 1)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), value);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), value != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * lanka_value_row_get_uri:
 * @self: a #LankaValueRow
 *
 * Returns: (nullable): what opening the value opens
 */
const char *
lanka_value_row_get_uri (LankaValueRow *self)
{
  g_return_val_if_fail (LANKA_IS_VALUE_ROW (self), NULL);

  return self->uri;
}

/**
 * lanka_value_row_set_uri:
 * @self: a #LankaValueRow
 * @uri: (nullable): such as "tel:+4620390000", "mailto:…" or "https://…"
 */
void
lanka_value_row_set_uri (LankaValueRow *self,
                         const char    *uri)
{
  g_return_if_fail (LANKA_IS_VALUE_ROW (self));

  if (uri != NULL && uri[0] == '\0')
    uri = NULL;

  if (!set_string (&self->uri, uri))
    return;

  /* An address broken over lines, with a hyphen Pango adds, reads as a
   * different address: web and e-mail addresses stay on one line, whole
   * in the tooltip, and copying always takes all of it.
   */
  if (uri != NULL && !g_str_has_prefix (uri, "tel:"))
    {
      adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->value);
    }
  else
    {
      adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 0);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
    }

  update_open_button (self);
  update_copy_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
}

/**
 * lanka_value_row_get_personal:
 * @self: a #LankaValueRow
 *
 * Returns: whether the value is personal data
 */
gboolean
lanka_value_row_get_personal (LankaValueRow *self)
{
  g_return_val_if_fail (LANKA_IS_VALUE_ROW (self), TRUE);

  return self->personal;
}

/**
 * lanka_value_row_set_personal:
 * @self: a #LankaValueRow
 * @personal: whether a copy must leave the clipboard again
 */
void
lanka_value_row_set_personal (LankaValueRow *self,
                              gboolean       personal)
{
  g_return_if_fail (LANKA_IS_VALUE_ROW (self));

  personal = !!personal;
  if (self->personal == personal)
    return;

  self->personal = personal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONAL]);
}

/**
 * lanka_value_row_get_copy_label:
 * @self: a #LankaValueRow
 *
 * Returns: (nullable): the copy button's accessible label, if one was set
 */
const char *
lanka_value_row_get_copy_label (LankaValueRow *self)
{
  g_return_val_if_fail (LANKA_IS_VALUE_ROW (self), NULL);

  return self->copy_label;
}

/**
 * lanka_value_row_set_copy_label:
 * @self: a #LankaValueRow
 * @copy_label: (nullable): what a screen reader calls the copy button,
 *   such as "Copy address"
 */
void
lanka_value_row_set_copy_label (LankaValueRow *self,
                                const char    *copy_label)
{
  g_return_if_fail (LANKA_IS_VALUE_ROW (self));

  if (!set_string (&self->copy_label, copy_label))
    return;

  update_copy_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPY_LABEL]);
}
