/* lanka-find-help-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-find-help-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-find-help-dialog.h"

/* "Find help for…" in a window of its own: the person picks one of the
 * agencies found, and whoever opened the dialog does something with it
 * (the directory shows it; a referral links to it).  The button says what
 * that something is.
 */
struct _LankaFindHelpDialog
{
  AdwWindow      parent_instance;

  char          *choose_label;

  /* Template widgets */
  GtkButton     *choose_button;
  LankaFindHelp *find_help;
};

G_DEFINE_FINAL_TYPE (LankaFindHelpDialog, lanka_find_help_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CHOOSE_LABEL,
  N_PROPS
};

enum {
  AGENCY_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
choose (LankaFindHelpDialog *self,
        const char          *uuid)
{
  g_autofree char *chosen = g_strdup (uuid);

  g_assert (LANKA_IS_FIND_HELP_DIALOG (self));
  g_assert (uuid != NULL);

  /* A handler may well refresh the directory, which clears the selection
   * the uuid came from: keep a copy.
   */
  g_signal_emit (self, signals[AGENCY_CHOSEN], 0, chosen);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lanka_find_help_dialog_choose (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  LankaFindHelpDialog *self = (LankaFindHelpDialog *)widget;
  const char *uuid = lanka_find_help_get_selected_uuid (self->find_help);

  if (uuid != NULL)
    choose (self, uuid);
}

static void
on_find_help_agency_activated_cb (LankaFindHelpDialog *self,
                                  const char          *uuid,
                                  LankaFindHelp       *find_help)
{
  choose (self, uuid);
}

static void
on_find_help_selected_uuid_cb (LankaFindHelpDialog *self,
                               GParamSpec          *pspec,
                               LankaFindHelp       *find_help)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find-help.choose",
                                 lanka_find_help_get_selected_uuid (find_help) != NULL);
}

static void
lanka_find_help_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_FIND_HELP_DIALOG);

  G_OBJECT_CLASS (lanka_find_help_dialog_parent_class)->dispose (object);
}

static void
lanka_find_help_dialog_finalize (GObject *object)
{
  LankaFindHelpDialog *self = (LankaFindHelpDialog *)object;

  g_clear_pointer (&self->choose_label, g_free);

  G_OBJECT_CLASS (lanka_find_help_dialog_parent_class)->finalize (object);
}

static void
lanka_find_help_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LankaFindHelpDialog *self = LANKA_FIND_HELP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CHOOSE_LABEL:
      g_value_set_string (value, lanka_find_help_dialog_get_choose_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_find_help_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LankaFindHelpDialog *self = LANKA_FIND_HELP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CHOOSE_LABEL:
      lanka_find_help_dialog_set_choose_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_find_help_dialog_class_init (LankaFindHelpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_find_help_dialog_dispose;
  object_class->finalize = lanka_find_help_dialog_finalize;
  object_class->get_property = lanka_find_help_dialog_get_property;
  object_class->set_property = lanka_find_help_dialog_set_property;

  /**
   * LankaFindHelpDialog:choose-label:
   *
   * The label of the button that takes the selected agency, with a
   * mnemonic.  "_Show in Directory" unless set; setting %NULL goes back
   * to that.
   */
  properties[PROP_CHOOSE_LABEL] =
    g_param_spec_string ("choose-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaFindHelpDialog::agency-chosen:
   * @self: a #LankaFindHelpDialog
   * @uuid: the agency the person chose
   *
   * Emitted when the person chose an agency, just before the dialog closes.
   */
  signals[AGENCY_CHOSEN] =
    g_signal_new ("agency-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (LANKA_TYPE_FIND_HELP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/directory/lanka-find-help-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelpDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, LankaFindHelpDialog, find_help);
  gtk_widget_class_bind_template_callback (widget_class, on_find_help_agency_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_help_selected_uuid_cb);

  gtk_widget_class_install_action (widget_class, "find-help.choose", NULL,
                                   lanka_find_help_dialog_choose);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_find_help_dialog_init (LankaFindHelpDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->choose_label = g_strdup (_("_Show in Directory"));
  gtk_button_set_label (self->choose_button, self->choose_label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find-help.choose", FALSE);
}

/**
 * lanka_find_help_dialog_new:
 * @database: the database to search
 * @need: (nullable): the need to start with
 * @child: whether the person is a child (under 18)
 * @county: (nullable): the county code to start with, or %NULL for the
 *   whole country only
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
LankaFindHelpDialog *
lanka_find_help_dialog_new (LankaDatabase *database,
                            const char    *need,
                            gboolean       child,
                            const char    *county)
{
  LankaFindHelpDialog *self;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);

  self = g_object_new (LANKA_TYPE_FIND_HELP_DIALOG, NULL);

  /* The database last, so that the directory is asked once. */
  lanka_find_help_set_need (self->find_help, need);
  lanka_find_help_set_child (self->find_help, child);
  lanka_find_help_set_county (self->find_help, county);
  lanka_find_help_set_database (self->find_help, database);

  return self;
}

/**
 * lanka_find_help_dialog_get_choose_label:
 * @self: a #LankaFindHelpDialog
 *
 * Returns: the label of the choose button, with its mnemonic
 */
const char *
lanka_find_help_dialog_get_choose_label (LankaFindHelpDialog *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP_DIALOG (self), NULL);

  return self->choose_label;
}

/**
 * lanka_find_help_dialog_set_choose_label:
 * @self: a #LankaFindHelpDialog
 * @choose_label: (nullable): the label of the choose button, with a
 *   mnemonic, or %NULL for "Show in Directory"
 */
void
lanka_find_help_dialog_set_choose_label (LankaFindHelpDialog *self,
                                         const char          *choose_label)
{
  g_return_if_fail (LANKA_IS_FIND_HELP_DIALOG (self));

  if (choose_label == NULL)
    choose_label = _("_Show in Directory");

  if (g_strcmp0 (self->choose_label, choose_label) == 0)
    return;

  g_free (self->choose_label);
  self->choose_label = g_strdup (choose_label);

  gtk_button_set_label (self->choose_button, self->choose_label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOOSE_LABEL]);
}

/**
 * lanka_find_help_dialog_get_find_help:
 * @self: a #LankaFindHelpDialog
 *
 * Returns: (transfer none): the #LankaFindHelp the dialog wraps
 */
LankaFindHelp *
lanka_find_help_dialog_get_find_help (LankaFindHelpDialog *self)
{
  g_return_val_if_fail (LANKA_IS_FIND_HELP_DIALOG (self), NULL);

  return self->find_help;
}
