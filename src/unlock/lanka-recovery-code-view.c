/* lanka-recovery-code-view.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-recovery-code-view"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "lanka-clipboard.h"
#include "lanka-recovery-code-view.h"

/* Shows a recovery code once, large and grouped for reading aloud, with
 * Copy and Print.  The code is wiped from the view when it goes away.
 */
struct _LankaRecoveryCodeView
{
  AdwBin    parent_instance;

  char     *code;

  GtkLabel *code_label;
};

G_DEFINE_FINAL_TYPE (LankaRecoveryCodeView, lanka_recovery_code_view, ADW_TYPE_BIN)

static void
clear_code (LankaRecoveryCodeView *self)
{
  if (self->code != NULL)
    {
      sodium_memzero (self->code, strlen (self->code));
      g_clear_pointer (&self->code, g_free);
    }
}

/**
 * lanka_recovery_code_view_set_code:
 * @self: a #LankaRecoveryCodeView
 * @code: (nullable): the recovery code in its grouped form
 */
void
lanka_recovery_code_view_set_code (LankaRecoveryCodeView *self,
                                   const char            *code)
{
  g_return_if_fail (LANKA_IS_RECOVERY_CODE_VIEW (self));

  clear_code (self);
  self->code = g_strdup (code);
  gtk_label_set_label (self->code_label, code != NULL ? code : "");
}

static void
lanka_recovery_code_view_copy (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  LankaRecoveryCodeView *self = (LankaRecoveryCodeView *)widget;
  GtkRoot *root;

  if (self->code == NULL)
    return;

  lanka_clipboard_copy_sensitive (widget, self->code);

  root = gtk_widget_get_root (widget);
  if (root != NULL)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                     adw_toast_new (_("Copied. The clipboard is cleared in 30 seconds.")));
    }
}

static void
on_draw_page_cb (GtkPrintOperation     *operation,
                 GtkPrintContext       *context,
                 int                    page_nr,
                 LankaRecoveryCodeView *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%x");
  g_autofree char *text = NULL;
  PangoFontDescription *font;
  int height;
  double y = 0;

  layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  font = pango_font_description_from_string ("Sans Bold 18");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, _("Länka Recovery Code"), -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 24;

  font = pango_font_description_from_string ("Monospace Bold 20");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, self->code, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 24;

  font = pango_font_description_from_string ("Sans 11");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  /* Translators: %s is the date the code was printed */
  text = g_strdup_printf (_("This code opens your Länka database if the keyring is lost, reset or "
                            "replaced. Anyone who has it and a copy of the database can read the "
                            "data. Keep it locked away, apart from the computer.\n\nPrinted on %s."),
                          date);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);

  sodium_memzero (text, strlen (text));
}

/**
 * lanka_recovery_code_view_new_print_operation:
 * @self: a #LankaRecoveryCodeView
 *
 * Returns: (transfer full): a print operation that draws the code on one
 *   page, with what it is for and the date
 */
GtkPrintOperation *
lanka_recovery_code_view_new_print_operation (LankaRecoveryCodeView *self)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (LANKA_IS_RECOVERY_CODE_VIEW (self), NULL);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Länka recovery code"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self, 0);

  return operation;
}

static void
lanka_recovery_code_view_print (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LankaRecoveryCodeView *self = (LankaRecoveryCodeView *)widget;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (self->code == NULL)
    return;

  operation = lanka_recovery_code_view_new_print_operation (self);

  root = gtk_widget_get_root (widget);
  if (gtk_print_operation_run (operation,
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                     adw_toast_new (_("The recovery code could not be printed")));
      g_warning ("Printing failed: %s", error->message);
    }
}

static void
lanka_recovery_code_view_dispose (GObject *object)
{
  LankaRecoveryCodeView *self = (LankaRecoveryCodeView *)object;

  clear_code (self);

  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_RECOVERY_CODE_VIEW);

  G_OBJECT_CLASS (lanka_recovery_code_view_parent_class)->dispose (object);
}

static void
lanka_recovery_code_view_class_init (LankaRecoveryCodeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_recovery_code_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/unlock/lanka-recovery-code-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaRecoveryCodeView, code_label);

  gtk_widget_class_install_action (widget_class, "recovery-code.copy", NULL,
                                   lanka_recovery_code_view_copy);
  gtk_widget_class_install_action (widget_class, "recovery-code.print", NULL,
                                   lanka_recovery_code_view_print);
}

static void
lanka_recovery_code_view_init (LankaRecoveryCodeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
