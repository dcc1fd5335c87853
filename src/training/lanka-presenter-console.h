/* lanka-presenter-console.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-presentation.h"

G_BEGIN_DECLS

#define LANKA_TYPE_PRESENTER_CONSOLE (lanka_presenter_console_get_type ())

G_DECLARE_FINAL_TYPE (LankaPresenterConsole, lanka_presenter_console, LANKA, PRESENTER_CONSOLE, AdwWindow)

/* The trainer's window: the current slide large, the next one smaller,
 * the notes of the current page (editable), the slide counter, the timer
 * with the pace, the clock, the state of the audience's screen, the
 * number typed for "go to", and on Tab the overview of every slide.  It
 * follows @presentation; its buttons act on it.  The pictures come from
 * whoever drives it (the presenter), which also keeps the notes.
 *
 * ::notes-changed is emitted when the trainer edits the notes,
 * ::swap-screens for Swap Screens, and ::resized when the pictures got
 * another size.
 */
LankaPresenterConsole *lanka_presenter_console_new               (LankaPresentation     *presentation);
LankaPresentation     *lanka_presenter_console_get_presentation  (LankaPresenterConsole *self);
/* %NULL keeps what is shown until the page is drawn. */
void                   lanka_presenter_console_show_current      (LankaPresenterConsole *self,
                                                                  GdkPaintable          *paintable);
void                   lanka_presenter_console_show_current_film (LankaPresenterConsole *self,
                                                                  GtkMediaStream        *stream);
void                   lanka_presenter_console_show_next         (LankaPresenterConsole *self,
                                                                  GdkPaintable          *paintable);
void                   lanka_presenter_console_show_next_film    (LankaPresenterConsole *self,
                                                                  const char            *title);
/* After the last slide. */
void                   lanka_presenter_console_show_end          (LankaPresenterConsole *self);
/* The pictures of every slide (GdkPaintable), for the overview. */
void                   lanka_presenter_console_set_overview      (LankaPresenterConsole *self,
                                                                  GListModel            *pages);
void                   lanka_presenter_console_set_notes         (LankaPresenterConsole *self,
                                                                  const char            *text);
char                  *lanka_presenter_console_dup_notes         (LankaPresenterConsole *self);
/* A sentence under the notes when they could not be saved; %NULL hides it. */
void                   lanka_presenter_console_set_notes_error   (LankaPresenterConsole *self,
                                                                  const char            *message);
void                   lanka_presenter_console_set_can_swap      (LankaPresenterConsole *self,
                                                                  gboolean               can_swap);
/* Keys that mean something to the console before the presentation sees
 * them: the notes' font size, and Escape out of the notes.  %TRUE when
 * the key was used.
 */
gboolean               lanka_presenter_console_handle_key        (LankaPresenterConsole *self,
                                                                  guint                  keyval,
                                                                  GdkModifierType        state);
/* Whether the notes have the keyboard: keys then type. */
gboolean               lanka_presenter_console_get_typing        (LankaPresenterConsole *self);
void                   lanka_presenter_console_focus_slides      (LankaPresenterConsole *self);
/* The room for the current and the next slide and for one page of the
 * overview, in device pixels.
 */
void                   lanka_presenter_console_get_current_size  (LankaPresenterConsole *self,
                                                                  int                   *width,
                                                                  int                   *height);
void                   lanka_presenter_console_get_next_size     (LankaPresenterConsole *self,
                                                                  int                   *width,
                                                                  int                   *height);
void                   lanka_presenter_console_get_overview_size (LankaPresenterConsole *self,
                                                                  int                   *width,
                                                                  int                   *height);

G_END_DECLS
