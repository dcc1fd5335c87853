/* lanka-welcome-page.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-welcome-page"

#include "config.h"

#include "lanka-welcome-page.h"

/* The first-run page: create a database, restore one, or look around in
 * the fictional sample.  Its rows activate window actions.
 */
struct _LankaWelcomePage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaWelcomePage, lanka_welcome_page, ADW_TYPE_BIN)

static void
lanka_welcome_page_dispose (GObject *object)
{
  /* AdwBin keeps its own pointer to the template's top widget. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (lanka_welcome_page_parent_class)->dispose (object);
}

static void
lanka_welcome_page_class_init (LankaWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/unlock/lanka-welcome-page.ui");
}

static void
lanka_welcome_page_init (LankaWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
