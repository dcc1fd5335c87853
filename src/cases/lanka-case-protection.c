/* lanka-case-protection.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-protection"

#include "config.h"

#include "lanka-case-protection.h"

/* Placeholder: being written. */
struct _LankaCaseProtection
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LankaCaseProtection, lanka_case_protection, ADW_TYPE_BIN)

static void
get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
}

static void
set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
}

static void
dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANKA_TYPE_CASE_PROTECTION);
  G_OBJECT_CLASS (lanka_case_protection_parent_class)->dispose (object);
}

static void
lanka_case_protection_class_init (LankaCaseProtectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dispose;
  object_class->get_property = get_property;
  object_class->set_property = set_property;

  g_object_class_install_property (object_class, 1,
                                   g_param_spec_object ("database", NULL, NULL, G_TYPE_OBJECT,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, 2,
                                   g_param_spec_object ("case", NULL, NULL, G_TYPE_OBJECT,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanka/Lanka/cases/lanka-case-protection.ui");
}

static void
lanka_case_protection_init (LankaCaseProtection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
