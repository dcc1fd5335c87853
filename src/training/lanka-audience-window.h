/* lanka-audience-window.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-presentation.h"

G_BEGIN_DECLS

#define LANKA_TYPE_AUDIENCE_WINDOW (lanka_audience_window_get_type ())

G_DECLARE_FINAL_TYPE (LankaAudienceWindow, lanka_audience_window, LANKA, AUDIENCE_WINDOW, AdwWindow)

/* What the audience sees: the slide on black, a film, or a black or white
 * screen, and nothing else ever.  The pointer hides when it rests.
 */
LankaAudienceWindow *lanka_audience_window_new           (void);
/* A slide's picture; %NULL keeps what is shown until one is ready. */
void                 lanka_audience_window_show_slide    (LankaAudienceWindow *self,
                                                          GdkPaintable        *paintable);
void                 lanka_audience_window_show_film     (LankaAudienceWindow *self,
                                                          GtkMediaStream      *stream);
void                 lanka_audience_window_set_screen    (LankaAudienceWindow *self,
                                                          LankaScreen          screen);
LankaScreen          lanka_audience_window_get_screen    (LankaAudienceWindow *self);
/* The slide's picture (its paintable is the slide on screen). */
GtkPicture          *lanka_audience_window_get_picture   (LankaAudienceWindow *self);
/* The size a slide is drawn at, in device pixels. */
void                 lanka_audience_window_get_size      (LankaAudienceWindow *self,
                                                          int                 *width,
                                                          int                 *height);
/* The pointer hides after this many milliseconds without motion. */
#define LANKA_AUDIENCE_CURSOR_HIDE_MS 3000

G_END_DECLS
