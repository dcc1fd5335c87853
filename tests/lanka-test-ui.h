/* lanka-test-ui.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-application.h"
#include "lanka-test-util.h"

G_BEGIN_DECLS

typedef gboolean (*LankaTestMatch) (GtkWidget     *widget,
                                    gconstpointer  data);

void              lanka_test_init_locale           (void);
void              lanka_test_ui_init               (int                 *argc,
                                                    char              ***argv);

gboolean          lanka_test_is_mapped             (gpointer             widget);
gboolean          lanka_test_has_database          (gpointer             app);

LankaApplication *lanka_test_application_new       (const char          *data_dir);
void              lanka_test_ensure_unlocked       (LankaApplication    *app);
LankaDatabase    *lanka_test_create_database       (const char          *dir);

GtkWindow        *lanka_test_show_in_window        (GtkWidget           *widget,
                                                    int                  width,
                                                    int                  height);
void              lanka_test_close_window          (GtkWindow           *window);
gpointer          lanka_test_find_toplevel         (GType                type);

GtkWidget        *lanka_test_find_widget           (GtkWidget           *root,
                                                    LankaTestMatch       match,
                                                    gconstpointer        data);
GPtrArray        *lanka_test_collect_widgets       (GtkWidget           *root,
                                                    GType                type);
GtkWidget        *lanka_test_find_child            (GtkWidget           *root,
                                                    GType                type);
GtkWidget        *lanka_test_find_by_id            (GtkWidget           *root,
                                                    const char          *buildable_id);
GtkWidget        *lanka_test_find_styled           (GtkWidget           *root,
                                                    GType                type,
                                                    const char          *css_class);
GtkWidget        *lanka_test_find_row              (GtkWidget           *root,
                                                    GType                type,
                                                    const char          *title);
GtkWidget        *lanka_test_find_group            (GtkWidget           *root,
                                                    const char          *title);
GtkWidget        *lanka_test_find_label            (GtkWidget           *root,
                                                    const char          *text);
GtkWidget        *lanka_test_find_button           (GtkWidget           *root,
                                                    const char          *label);
GtkWidget        *lanka_test_find_button_with_icon (GtkWidget           *root,
                                                    const char          *icon_name);
GtkWidget        *lanka_test_find_action_button    (GtkWidget           *root,
                                                    const char          *action_name);
AdwStatusPage    *lanka_test_visible_status_page   (GtkWidget           *root);

G_END_DECLS
