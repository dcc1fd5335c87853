/* lanka-window-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-window.h"

G_BEGIN_DECLS

struct _LankaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
};

void _lanka_window_class_actions_init (LankaWindowClass *klass);
void _lanka_window_actions_init       (LankaWindow      *self);
void _lanka_window_actions_update     (LankaWindow      *self);

G_END_DECLS
