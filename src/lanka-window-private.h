/* lanka-window-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-cases-view.h"
#include "lanka-create-page.h"
#include "lanka-directory-view.h"
#include "lanka-due-notifier.h"
#include "lanka-restore-page.h"
#include "lanka-training-view.h"
#include "lanka-unlock-page.h"
#include "lanka-welcome-page.h"
#include "lanka-window.h"

G_BEGIN_DECLS

struct _LankaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;

  /* Announces the tasks due today while the database is open. */
  LankaDueNotifier     *due_notifier;
  /* Counts and lists of what is due change at midnight. */
  guint                 midnight_source;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *lock_button;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  LankaWelcomePage     *welcome_page;
  LankaCreatePage      *create_page;
  LankaUnlockPage      *unlock_page;
  LankaRestorePage     *restore_page;
  GtkRevealer          *sample_banner;
  AdwViewStack         *stack;
  LankaCasesView       *cases_view;
  LankaDirectoryView   *directory_view;
  LankaTrainingView    *training_view;

  /* The keyring is asked without a question only when the window first
   * opens; after the person locked Länka, unlocking is their choice.
   */
  guint                 tried_keyring : 1;
  /* The person answered the question about unsaved changes to a case. */
  guint                 close_confirmed : 1;
};

void        _lanka_window_update_page        (LankaWindow      *self);
void        _lanka_window_show_due           (LankaWindow      *self);
void        _lanka_window_update_due_badge   (LankaWindow      *self);

void        _lanka_window_class_actions_init (LankaWindowClass *klass);
void        _lanka_window_actions_init       (LankaWindow      *self);
void        _lanka_window_actions_update     (LankaWindow      *self);

void        _lanka_window_benchmark          (LankaWindow      *self,
                                              gint64            started,
                                              gboolean          scroll);

G_END_DECLS
