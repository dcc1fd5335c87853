/* lanka-monitor-dialog.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-monitor-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-monitor-dialog.h"

/* Before the audience sees anything, the trainer says where: a projector
 * is usually a monitor by its connector (HDMI-1), not by a model name
 * anyone remembers, so both are shown.  The console goes where Länka's
 * own window is, which is the screen the trainer looks at.  With one
 * screen only rehearsal makes sense, and the dialog says why.
 */

struct _LankaMonitorDialog
{
  AdwWindow            parent_instance;

  GSettings           *settings;
  GListModel          *monitors;
  GPtrArray           *rows;
  GPtrArray           *checks;
  GPtrArray           *roles;
  GdkMonitor          *near;
  GdkMonitor          *audience;
  GdkMonitor          *console;

  /* Template widgets */
  AdwPreferencesGroup *monitors_group;
  GtkSwitch           *rehearsal_switch;
  GtkSpinButton       *minutes_spin;
  GtkWidget           *swap_button;
  GtkWidget           *start_button;
};

G_DEFINE_FINAL_TYPE (LankaMonitorDialog, lanka_monitor_dialog, ADW_TYPE_WINDOW)

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * lanka_monitor_dialog_dup_monitor_name:
 * @monitor: a #GdkMonitor
 * @position: its place in the display's list, from 0
 *
 * Returns: (transfer full): the connector, such as "HDMI-1", or "Screen 2"
 */
char *
lanka_monitor_dialog_dup_monitor_name (GdkMonitor *monitor,
                                       guint       position)
{
  const char *connector;

  g_return_val_if_fail (GDK_IS_MONITOR (monitor), NULL);

  connector = gdk_monitor_get_connector (monitor);
  if (connector != NULL && connector[0] != '\0')
    return g_strdup (connector);

  /* Translators: a monitor the system gives no name; %u counts from 1 */
  return g_strdup_printf (_("Screen %u"), position + 1);
}

static GdkMonitor *
get_near_monitor (GdkDisplay *display,
                  GtkWindow  *near)
{
  GdkSurface *surface;

  if (near == NULL || !gtk_widget_get_realized (GTK_WIDGET (near)))
    return NULL;

  surface = gtk_native_get_surface (GTK_NATIVE (near));
  if (surface == NULL)
    return NULL;

  return gdk_display_get_monitor_at_surface (display, surface);
}

static GdkMonitor *
get_other (GListModel *monitors,
           GdkMonitor *preferred,
           GdkMonitor *not_this)
{
  if (preferred != NULL && preferred != not_this)
    return preferred;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != not_this)
        return monitor;
    }

  return NULL;
}

static void
choose (GListModel  *monitors,
        GdkMonitor  *near,
        const char  *remembered,
        GdkMonitor **audience,
        GdkMonitor **console)
{
  *audience = NULL;
  *console = NULL;

  if (g_list_model_get_n_items (monitors) < 2)
    return;

  for (guint i = 0; remembered != NULL && remembered[0] != '\0' &&
                    i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (g_strcmp0 (gdk_monitor_get_connector (monitor), remembered) == 0)
        *audience = monitor;
    }

  /* The trainer looks at the screen with Länka on it: the audience gets
   * another one.
   */
  if (*audience == NULL)
    *audience = get_other (monitors, NULL, near);

  *console = get_other (monitors, near, *audience);
}

/**
 * lanka_monitor_dialog_choose:
 * @display: the display
 * @near: (nullable): the window the trainer uses
 * @remembered: (nullable): the connector chosen last time
 * @audience: (out) (transfer none): the audience's monitor, or %NULL
 * @console: (out) (transfer none): the console's monitor, or %NULL
 *
 * Chooses the screens without asking, as the dialog would preselect them.
 */
void
lanka_monitor_dialog_choose (GdkDisplay  *display,
                             GtkWindow   *near,
                             const char  *remembered,
                             GdkMonitor **audience,
                             GdkMonitor **console)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));
  g_return_if_fail (near == NULL || GTK_IS_WINDOW (near));
  g_return_if_fail (audience != NULL);
  g_return_if_fail (console != NULL);

  choose (gdk_display_get_monitors (display), get_near_monitor (display, near), remembered,
          audience, console);
}

static guint
get_n_monitors (LankaMonitorDialog *self)
{
  return g_list_model_get_n_items (self->monitors);
}

static void
update_roles (LankaMonitorDialog *self)
{
  gboolean rehearsal = gtk_switch_get_active (self->rehearsal_switch);

  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (self->monitors, i);
      GtkLabel *role = g_ptr_array_index (self->roles, i);
      const char *text = "";

      if (rehearsal)
        text = "";
      else if (monitor == self->audience)
        text = _("Audience");
      else if (monitor == self->console)
        text = _("Presenter console");

      gtk_label_set_label (role, text);
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), monitor == self->audience);
      gtk_widget_set_sensitive (g_ptr_array_index (self->rows, i), !rehearsal);
    }

  gtk_widget_set_sensitive (self->swap_button, !rehearsal && get_n_monitors (self) >= 2);
}

static void
on_check_toggled_cb (LankaMonitorDialog *self,
                     GtkCheckButton     *check)
{
  guint position;

  if (!gtk_check_button_get_active (check) ||
      !g_ptr_array_find (self->checks, check, &position))
    return;

  self->audience = g_list_model_get_item (self->monitors, position);
  g_object_unref (self->audience);
  self->console = get_other (self->monitors, self->near, self->audience);
  update_roles (self);
}

static char *
dup_subtitle (GdkMonitor *monitor)
{
  const char *model = gdk_monitor_get_model (monitor);
  GdkRectangle geometry;
  int scale = gdk_monitor_get_scale_factor (monitor);

  gdk_monitor_get_geometry (monitor, &geometry);

  if (model == NULL || model[0] == '\0')
    /* Translators: a monitor's size in pixels, width × height */
    return g_strdup_printf (_("%d × %d"), geometry.width * scale, geometry.height * scale);

  /* Translators: a monitor's model and its size in pixels, width × height */
  return g_strdup_printf (_("%s · %d × %d"), model, geometry.width * scale,
                          geometry.height * scale);
}

static void
rebuild (LankaMonitorDialog *self)
{
  g_autofree char *remembered = g_settings_get_string (self->settings, "presenter-monitor");
  GtkCheckButton *group = NULL;
  guint n = get_n_monitors (self);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->monitors_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_set_size (self->roles, 0);

  choose (self->monitors, self->near, remembered, &self->audience, &self->console);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (self->monitors, i);
      g_autofree char *name = lanka_monitor_dialog_dup_monitor_name (monitor, i);
      g_autofree char *subtitle = dup_subtitle (monitor);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *role = gtk_label_new (NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      gtk_widget_add_css_class (role, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);

      adw_preferences_group_add (self->monitors_group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->roles, role);
    }

  update_roles (self);

  for (guint i = 0; i < self->checks->len; i++)
    g_signal_connect_object (g_ptr_array_index (self->checks, i), "toggled",
                             G_CALLBACK (on_check_toggled_cb), self, G_CONNECT_SWAPPED);

  if (n < 2)
    {
      adw_preferences_group_set_description (self->monitors_group,
                                             _("Only one screen is connected, so the "
                                               "presentation opens in rehearsal mode. Connect "
                                               "a projector to show the audience view on it."));
      gtk_switch_set_active (self->rehearsal_switch, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->rehearsal_switch), FALSE);
    }
  else
    {
      adw_preferences_group_set_description (self->monitors_group,
                                             _("The audience sees only the material, full "
                                               "screen. The presenter console with your notes "
                                               "opens on the other screen."));
      gtk_switch_set_active (self->rehearsal_switch,
                             g_settings_get_boolean (self->settings, "presenter-rehearsal"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->rehearsal_switch), TRUE);
    }
}

static void
on_monitors_items_changed_cb (LankaMonitorDialog *self)
{
  rebuild (self);
}

static void
on_rehearsal_active_cb (LankaMonitorDialog *self)
{
  update_roles (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LankaMonitorDialog *self = LANKA_MONITOR_DIALOG (widget);

  gtk_spin_button_update (self->minutes_spin);

  /* A single screen forces rehearsal: that is not the trainer's choice,
   * and must not be remembered as one.
   */
  if (get_n_monitors (self) >= 2)
    {
      g_settings_set_boolean (self->settings, "presenter-rehearsal",
                              gtk_switch_get_active (self->rehearsal_switch));
      if (self->audience != NULL)
        g_settings_set_string (self->settings, "presenter-monitor",
                               gdk_monitor_get_connector (self->audience) ?: "");
    }

  g_object_ref (self);
  g_signal_emit (self, signals[START], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
swap_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lanka_monitor_dialog_swap (LANKA_MONITOR_DIALOG (widget));
}

/**
 * lanka_monitor_dialog_swap:
 * @self: a #LankaMonitorDialog
 *
 * The audience gets the console's screen and the console the audience's.
 */
void
lanka_monitor_dialog_swap (LankaMonitorDialog *self)
{
  GdkMonitor *audience;

  g_return_if_fail (LANKA_IS_MONITOR_DIALOG (self));

  if (self->audience == NULL || self->console == NULL)
    return;

  audience = self->audience;
  self->audience = self->console;
  self->console = audience;
  update_roles (self);
}

/* GObject */

static void
lanka_monitor_dialog_dispose (GObject *object)
{
  LankaMonitorDialog *self = (LankaMonitorDialog *)object;

  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_MONITOR_DIALOG);

  g_clear_object (&self->settings);
  g_clear_object (&self->monitors);
  self->near = NULL;
  self->audience = NULL;
  self->console = NULL;

  G_OBJECT_CLASS (lanka_monitor_dialog_parent_class)->dispose (object);
}

static void
lanka_monitor_dialog_finalize (GObject *object)
{
  LankaMonitorDialog *self = (LankaMonitorDialog *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_monitor_dialog_parent_class)->finalize (object);
}

static void
lanka_monitor_dialog_class_init (LankaMonitorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_monitor_dialog_dispose;
  object_class->finalize = lanka_monitor_dialog_finalize;

  /**
   * LankaMonitorDialog::start:
   * @self: a #LankaMonitorDialog
   *
   * The trainer chose and pressed Start: read the choice now.
   */
  signals[START] =
    g_signal_new ("start",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/training/lanka-monitor-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaMonitorDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, LankaMonitorDialog, monitors_group);
  gtk_widget_class_bind_template_child (widget_class, LankaMonitorDialog, rehearsal_switch);
  gtk_widget_class_bind_template_child (widget_class, LankaMonitorDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMonitorDialog, swap_button);

  gtk_widget_class_install_action (widget_class, "monitor.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "monitor.swap", NULL, swap_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lanka_monitor_dialog_init (LankaMonitorDialog *self)
{
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  self->roles = g_ptr_array_new ();
  self->settings = g_settings_new ("io.github.lanka.Lanka");

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), self->start_button);
  g_signal_connect_object (self->rehearsal_switch, "notify::active",
                           G_CALLBACK (on_rehearsal_active_cb), self, G_CONNECT_SWAPPED);
}

/**
 * lanka_monitor_dialog_new:
 * @parent: (nullable): the window the trainer started from
 * @planned_minutes: the course's planned length, 0 for none
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
LankaMonitorDialog *
lanka_monitor_dialog_new (GtkWindow *parent,
                          guint      planned_minutes)
{
  LankaMonitorDialog *self;
  GdkDisplay *display;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (LANKA_TYPE_MONITOR_DIALOG,
                       "transient-for", parent,
                       NULL);

  display = gtk_widget_get_display (GTK_WIDGET (self));
  self->monitors = g_object_ref (gdk_display_get_monitors (display));
  self->near = get_near_monitor (display, parent);
  gtk_spin_button_set_value (self->minutes_spin, planned_minutes);

  g_signal_connect_object (self->monitors, "items-changed",
                           G_CALLBACK (on_monitors_items_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return self;
}

/**
 * lanka_monitor_dialog_get_audience:
 * @self: a #LankaMonitorDialog
 *
 * Returns: (transfer none) (nullable): the audience's monitor
 */
GdkMonitor *
lanka_monitor_dialog_get_audience (LankaMonitorDialog *self)
{
  g_return_val_if_fail (LANKA_IS_MONITOR_DIALOG (self), NULL);

  return lanka_monitor_dialog_get_rehearsal (self) ? NULL : self->audience;
}

/**
 * lanka_monitor_dialog_get_console:
 * @self: a #LankaMonitorDialog
 *
 * Returns: (transfer none) (nullable): the presenter console's monitor
 */
GdkMonitor *
lanka_monitor_dialog_get_console (LankaMonitorDialog *self)
{
  g_return_val_if_fail (LANKA_IS_MONITOR_DIALOG (self), NULL);

  return lanka_monitor_dialog_get_rehearsal (self) ? NULL : self->console;
}

gboolean
lanka_monitor_dialog_get_rehearsal (LankaMonitorDialog *self)
{
  g_return_val_if_fail (LANKA_IS_MONITOR_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->rehearsal_switch) || self->audience == NULL ||
         self->console == NULL;
}

guint
lanka_monitor_dialog_get_planned_minutes (LankaMonitorDialog *self)
{
  g_return_val_if_fail (LANKA_IS_MONITOR_DIALOG (self), 0);

  return (guint) gtk_spin_button_get_value_as_int (self->minutes_spin);
}
