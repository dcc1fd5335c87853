/* lanka-presenter.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-presenter"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lanka-presenter.h"

#include "lanka-application.h"
#include "lanka-audience-window.h"
#include "lanka-io-error.h"
#include "lanka-lock-monitor.h"
#include "lanka-material-import.h"
#include "lanka-materials.h"
#include "lanka-monitor-dialog.h"
#include "lanka-page-renderer.h"
#include "lanka-presenter-console.h"

/* The presenter ties the state (LankaPresentation) to the windows.  Every
 * change of the state ends in update_views(), which asks the renderer's
 * cache for the pictures it needs and shows them; a page that is not
 * drawn yet is asked for at once, and shown when ::page-ready says so,
 * while the old picture stays.  After each turn the pages around are
 * drawn ahead, so the next turn finds them ready.
 *
 * Files are read from the database into memory: PDFs go to the renderer,
 * images become textures, films are sealed memfds that GStreamer reads
 * through /proc/self/fd.  Nothing reaches the disk.
 *
 * The audience window belongs to no application on purpose: the
 * application's shortcuts and dialogs (Preferences, About) then never
 * open on the projector.  Only Ctrl+L, the lock, is passed on from it.
 *
 * A trainer may talk over one slide, or show a film, for longer than
 * Länka's idle lock waits: while the presentation runs the idle lock is
 * held off, as the session's screensaver is.  Locking by hand, the
 * session's lock and sleep still lock at once, and end the presentation.
 *
 * When a screen is unplugged, the windows on it move to one that is left;
 * without a screen for the audience it becomes rehearsal, and without one
 * for the console the console steps aside, so that the notes never show
 * on the projector.
 */

/* Textures of a few slides at projector size, twice in rehearsal. */
#define CACHE_BYTES         ((gsize) 256 * 1024 * 1024)
#define NOTES_SAVE_DELAY_MS 1000
#define RESIZE_DELAY_MS     200

typedef struct
{
  /* Owned by self->materials */
  LankaRecord    *material;
  /* The renderer's document, or -1 for a film */
  int             document;
  /* From 0 */
  guint           page;
  /* Owned by self->films */
  GtkMediaStream *film;
} Slide;

struct _LankaPresenter
{
  GObject                parent_instance;

  GtkApplication        *application;
  LankaDatabase         *database;
  GPtrArray             *materials;
  guint                  planned_minutes;
  GSettings             *settings;

  GArray                *slides;
  GPtrArray             *films;
  GArray                *film_fds;
  LankaPageRenderer     *renderer;
  LankaPresentation     *presentation;
  GListStore            *overview;
  gboolean               overview_requested;

  LankaMonitorDialog    *dialog;
  LankaPresenterConsole *console;
  LankaAudienceWindow   *audience;
  GdkMonitor            *audience_monitor;
  GdkMonitor            *console_monitor;
  GListModel            *monitors;
  gboolean               rehearsal;
  LankaLockMonitor      *idle_lock;

  GtkMediaStream        *playing;
  guint                  notes_slide;
  gboolean               notes_dirty;
  GHashTable            *unsaved_notes;
  guint                  notes_save_id;
  guint                  resize_id;
  guint                  inhibit_cookie;

  gboolean               prepared;
  gboolean               started;
  gboolean               ended;
};

G_DEFINE_FINAL_TYPE (LankaPresenter, lanka_presenter, G_TYPE_OBJECT)

enum {
  ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Slide *
get_slide (LankaPresenter *self,
           guint           index)
{
  g_assert (index < self->slides->len);

  return &g_array_index (self->slides, Slide, index);
}

/* Reading the material */

static void
on_svg_size_prepared_cb (GdkPixbufLoader *loader,
                         int              width,
                         int              height,
                         gpointer         user_data)
{
  double scale;

  /* A drawing has no pixels of its own: draw it big enough for a
   * projector, whatever size its author gave it.
   */
  if (width <= 0 || height <= 0)
    return;

  scale = 3840.0 / MAX (width, height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                              MAX (1, (int) (height * scale)));
}

static GdkTexture *
load_image (GBytes      *bytes,
            const char  *mime_type,
            const char  *title,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (g_strcmp0 (mime_type, "image/svg+xml") == 0)
    {
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
      GdkPixbuf *pixbuf;

      g_signal_connect (loader, "size-prepared", G_CALLBACK (on_svg_size_prepared_cb), NULL);
      if (gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error) &&
          gdk_pixbuf_loader_close (loader, &local_error) &&
          (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) != NULL)
        texture = gdk_texture_new_for_pixbuf (pixbuf);
      else
        gdk_pixbuf_loader_close (loader, NULL);
    }
  else
    {
      texture = gdk_texture_new_from_bytes (bytes, &local_error);
    }

  if (texture == NULL)
    {
      g_debug ("An image could not be read: %s",
               local_error != NULL ? local_error->message : "no picture");
      g_set_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                   /* Translators: %s is the title of a picture in the library */
                   _("The picture “%s” cannot be shown: the file is damaged."), title);
      return NULL;
    }

  return g_steal_pointer (&texture);
}

static void
add_slide (LankaPresenter *self,
           LankaRecord    *material,
           int             document,
           guint           page,
           GtkMediaStream *film)
{
  Slide slide = { material, document, page, film };

  g_array_append_val (self->slides, slide);
}

static gboolean
add_material (LankaPresenter  *self,
              LankaRecord     *material,
              GError         **error)
{
  const char *kind = lanka_record_get (material, "kind");
  const char *mime_type = lanka_record_get (material, "mime_type");
  const char *title = lanka_record_get (material, "title");
  const char *uuid = lanka_record_get_uuid (material);
  g_autoptr(GBytes) bytes = NULL;

  if (title == NULL)
    title = "";

  /* Notes and links have nothing to put on a projector. */
  if (g_strcmp0 (kind, "note") == 0 || g_strcmp0 (kind, "link") == 0)
    return TRUE;

  if (g_strcmp0 (mime_type, "application/pdf") != 0 &&
      !g_str_has_prefix (mime_type != NULL ? mime_type : "", "image/") &&
      !g_str_has_prefix (mime_type != NULL ? mime_type : "", "video/"))
    return TRUE;

  bytes = lanka_materials_dup_file (self->database, uuid, error);
  if (bytes == NULL)
    return FALSE;

  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    {
      g_autoptr(GError) local_error = NULL;
      int document = lanka_page_renderer_add_pdf (self->renderer, bytes, &local_error);
      guint n_pages;

      if (document < 0)
        {
          g_set_error (error, LANKA_IO_ERROR,
                       local_error != NULL && local_error->domain == LANKA_IO_ERROR
                         ? local_error->code : LANKA_IO_ERROR_MALFORMED,
                       /* Translators: %s is a title, then a sentence that says why */
                       _("“%s” cannot be shown. %s"), title,
                       local_error != NULL ? local_error->message : "");
          return FALSE;
        }

      n_pages = lanka_page_renderer_get_n_pages (self->renderer, document);
      for (guint page = 0; page < n_pages; page++)
        add_slide (self, material, document, page, NULL);
    }
  else if (g_str_has_prefix (mime_type, "image/"))
    {
      g_autoptr(GdkTexture) texture = load_image (bytes, mime_type, title, error);

      if (texture == NULL)
        return FALSE;

      add_slide (self, material, lanka_page_renderer_add_texture (self->renderer, texture), 0, NULL);
    }
  else
    {
      g_autofree char *path = NULL;
      GtkMediaStream *film;
      int fd;

      /* A neutral name: the descriptor can be listed by anyone who looks. */
      fd = lanka_memfd_new_from_bytes (bytes, "lanka-film", error);
      if (fd < 0)
        return FALSE;

      g_array_append_val (self->film_fds, fd);
      path = g_strdup_printf ("/proc/self/fd/%d", fd);
      film = gtk_media_file_new_for_filename (path);
      g_ptr_array_add (self->films, film);
      add_slide (self, material, -1, 0, film);
    }

  return TRUE;
}

static gboolean
prepare (LankaPresenter  *self,
         GError         **error)
{
  if (self->prepared)
    return TRUE;

  self->renderer = lanka_page_renderer_new (CACHE_BYTES);

  for (guint i = 0; i < self->materials->len; i++)
    {
      if (!add_material (self, g_ptr_array_index (self->materials, i), error))
        return FALSE;
    }

  if (self->slides->len == 0)
    {
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED,
                           _("There is nothing to present: notes and links have no slides. "
                             "Add a PDF, a picture or a film."));
      return FALSE;
    }

  self->prepared = TRUE;

  return TRUE;
}

/* Pictures */

static GdkTexture *
find_texture (LankaPresenter *self,
              Slide          *slide,
              int             width,
              int             height,
              gboolean        request,
              gboolean        urgent)
{
  GdkTexture *texture;

  texture = lanka_page_renderer_lookup (self->renderer, slide->document, slide->page,
                                        width, height);
  if (texture == NULL && request)
    lanka_page_renderer_request (self->renderer, slide->document, slide->page, width, height,
                                 urgent);

  return texture;
}

static void
prefetch (LankaPresenter *self,
          guint           index,
          int             width,
          int             height)
{
  Slide *slide;

  if (index >= self->slides->len)
    return;

  slide = get_slide (self, index);
  if (slide->film == NULL)
    find_texture (self, slide, width, height, TRUE, FALSE);
}

static void
update_film (LankaPresenter *self,
             Slide          *audience_slide)
{
  GtkMediaStream *film = NULL;

  /* A film plays while the audience sees it, and waits where it was
   * when the screen goes black or the slide is left.
   */
  if (audience_slide->film != NULL &&
      lanka_presentation_get_screen (self->presentation) == LANKA_SCREEN_SLIDE)
    film = audience_slide->film;

  if (film == self->playing)
    return;

  if (self->playing != NULL)
    gtk_media_stream_pause (self->playing);

  self->playing = film;
  if (film != NULL)
    gtk_media_stream_play (film);
}

static void
update_overview_pictures (LankaPresenter *self)
{
  int width;
  int height;

  if (!self->overview_requested)
    return;

  lanka_presenter_console_get_overview_size (self->console, &width, &height);

  for (guint i = 0; i < self->slides->len; i++)
    {
      Slide *slide = get_slide (self, i);
      g_autoptr(GdkPaintable) shown = NULL;
      GdkTexture *texture;

      if (slide->film != NULL)
        continue;

      texture = find_texture (self, slide, width, height, FALSE, FALSE);
      shown = g_list_model_get_item (G_LIST_MODEL (self->overview), i);
      if (texture != NULL && shown != GDK_PAINTABLE (texture))
        g_list_store_splice (self->overview, i, 1, (gpointer *) &texture, 1);
    }
}

static void
request_overview (LankaPresenter *self)
{
  int width;
  int height;

  if (self->overview_requested)
    return;

  self->overview_requested = TRUE;
  lanka_presenter_console_get_overview_size (self->console, &width, &height);

  for (guint i = 0; i < self->slides->len; i++)
    prefetch (self, i, width, height);

  update_overview_pictures (self);
}

static void
update_views (LankaPresenter *self,
              gboolean        request)
{
  guint n = self->slides->len;
  guint current;
  guint shown;
  Slide *slide;
  int audience_width;
  int audience_height;
  int current_width;
  int current_height;
  int next_width;
  int next_height;

  if (!self->started || self->ended)
    return;

  current = lanka_presentation_get_current (self->presentation);
  shown = lanka_presentation_get_audience (self->presentation);
  g_return_if_fail (current < n && shown < n);

  lanka_audience_window_get_size (self->audience, &audience_width, &audience_height);
  lanka_presenter_console_get_current_size (self->console, &current_width, &current_height);
  lanka_presenter_console_get_next_size (self->console, &next_width, &next_height);

  /* The console first: the renderer serves the last urgent request
   * first, and the audience's picture matters most.
   */
  slide = get_slide (self, current);
  if (slide->film != NULL)
    lanka_presenter_console_show_current_film (self->console, slide->film);
  else
    lanka_presenter_console_show_current (self->console,
                                          GDK_PAINTABLE (find_texture (self, slide, current_width,
                                                                       current_height, request,
                                                                       TRUE)));

  if (current + 1 < n)
    {
      slide = get_slide (self, current + 1);
      if (slide->film != NULL)
        lanka_presenter_console_show_next_film (self->console,
                                                lanka_record_get (slide->material, "title"));
      else
        lanka_presenter_console_show_next (self->console,
                                           GDK_PAINTABLE (find_texture (self, slide, next_width,
                                                                        next_height, request,
                                                                        TRUE)));
    }
  else
    {
      lanka_presenter_console_show_end (self->console);
    }

  slide = get_slide (self, shown);
  lanka_audience_window_set_screen (self->audience, lanka_presentation_get_screen (self->presentation));
  if (slide->film != NULL)
    lanka_audience_window_show_film (self->audience, slide->film);
  else
    lanka_audience_window_show_slide (self->audience,
                                      GDK_PAINTABLE (find_texture (self, slide, audience_width,
                                                                   audience_height, request,
                                                                   TRUE)));
  update_film (self, slide);

  if (!request)
    return;

  /* Ahead: forward is where a talk usually goes. */
  prefetch (self, current + 1, audience_width, audience_height);
  if (current > 0)
    prefetch (self, current - 1, audience_width, audience_height);
  prefetch (self, current + 2, audience_width, audience_height);
  prefetch (self, current + 1, current_width, current_height);
  prefetch (self, current + 2, next_width, next_height);
  if (current > 0)
    prefetch (self, current - 1, current_width, current_height);
}

static void
on_page_ready_cb (LankaPresenter *self)
{
  update_views (self, FALSE);
  update_overview_pictures (self);
}

static void
fill_overview (LankaPresenter *self)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  int width;
  int height;

  lanka_presenter_console_get_overview_size (self->console, &width, &height);

  for (guint i = 0; i < self->slides->len; i++)
    {
      Slide *slide = get_slide (self, i);
      g_autoptr(GdkPaintable) placeholder = NULL;

      if (slide->film != NULL)
        {
          placeholder = GDK_PAINTABLE (gtk_icon_theme_lookup_icon (theme, "video-x-generic-symbolic",
                                                                   NULL, 64, 1,
                                                                   GTK_TEXT_DIR_NONE, 0));
        }
      else
        {
          double page_width = 0;
          double page_height = 0;
          double scale;

          /* An empty picture of the page's shape keeps the grid in place
           * until the page is drawn.
           */
          lanka_page_renderer_get_page_size (self->renderer, slide->document, slide->page,
                                             &page_width, &page_height);
          if (page_width <= 0 || page_height <= 0)
            {
              page_width = 16;
              page_height = 9;
            }
          scale = MIN (width / page_width, height / page_height);
          placeholder = gdk_paintable_new_empty (MAX (1, (int) (page_width * scale)),
                                                 MAX (1, (int) (page_height * scale)));
        }

      g_list_store_append (self->overview, placeholder);
    }
}

/* Notes */

static void
save_notes (LankaPresenter *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Slide *slide;

  g_clear_handle_id (&self->notes_save_id, g_source_remove);

  if (!self->notes_dirty || self->notes_slide >= self->slides->len || self->console == NULL)
    return;

  self->notes_dirty = FALSE;
  slide = get_slide (self, self->notes_slide);
  text = lanka_presenter_console_dup_notes (self->console);

  if (self->database == NULL || !lanka_database_is_open (self->database))
    return;

  /* A note that could not be saved stays with its slide, shown again and
   * saved again when the trainer comes back to it.
   */
  if (!lanka_presenter_notes_set (self->database, lanka_record_get_uuid (slide->material),
                                  slide->page + 1, text, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, as a sentence */
      message = g_strdup_printf (_("The notes were not saved: %s"), error->message);
      lanka_presenter_console_set_notes_error (self->console, message);
      g_hash_table_insert (self->unsaved_notes, GUINT_TO_POINTER (self->notes_slide),
                           g_steal_pointer (&text));
      return;
    }

  lanka_presenter_console_set_notes_error (self->console, NULL);
  g_hash_table_remove (self->unsaved_notes, GUINT_TO_POINTER (self->notes_slide));
}

static gboolean
on_notes_save_timeout_cb (gpointer user_data)
{
  LankaPresenter *self = user_data;

  self->notes_save_id = 0;
  save_notes (self);

  return G_SOURCE_REMOVE;
}

static void
on_console_notes_changed_cb (LankaPresenter *self)
{
  /* Saved when the trainer pauses, not on every key. */
  self->notes_dirty = TRUE;
  g_clear_handle_id (&self->notes_save_id, g_source_remove);
  self->notes_save_id = g_timeout_add (NOTES_SAVE_DELAY_MS, on_notes_save_timeout_cb, self);
}

static void
update_notes (LankaPresenter *self)
{
  guint current = lanka_presentation_get_current (self->presentation);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Slide *slide;

  if (current == self->notes_slide)
    return;

  save_notes (self);

  self->notes_slide = current;
  slide = get_slide (self, current);

  if (g_hash_table_contains (self->unsaved_notes, GUINT_TO_POINTER (current)))
    {
      lanka_presenter_console_set_notes (self->console,
                                         g_hash_table_lookup (self->unsaved_notes, GUINT_TO_POINTER (current)));
      self->notes_dirty = TRUE;
      return;
    }

  text = lanka_presenter_notes_get (self->database, lanka_record_get_uuid (slide->material),
                                    slide->page + 1, &error);
  if (error != NULL)
    g_debug ("Presenter notes could not be read: %s", error->message);

  lanka_presenter_console_set_notes (self->console, text);
}

/* Windows */

static void
on_presentation_notify_cb (LankaPresenter *self,
                           GParamSpec     *pspec)
{
  if (!self->started || self->ended)
    return;

  update_notes (self);
  update_views (self, TRUE);

  if (lanka_presentation_get_overview (self->presentation))
    request_overview (self);
}

static void
on_presentation_ended_cb (LankaPresenter *self)
{
  lanka_presenter_end (self);
}

/* The audience window belongs to no application, so the application's
 * shortcuts do not reach it; the lock must, wherever the keyboard is.
 */
static gboolean
activate_lock (LankaPresenter  *self,
               guint            keyval,
               GdkModifierType  state)
{
  g_autofree char *accel = NULL;
  g_auto(GStrv) actions = NULL;

  if (self->application == NULL)
    return FALSE;

  accel = gtk_accelerator_name (keyval, state & gtk_accelerator_get_default_mod_mask ());
  actions = gtk_application_get_actions_for_accel (self->application, accel);
  if (actions == NULL || !g_strv_contains ((const char * const *) actions, "app.lock"))
    return FALSE;

  g_action_group_activate_action (G_ACTION_GROUP (self->application), "lock", NULL);

  return TRUE;
}

static gboolean
on_key_pressed_cb (LankaPresenter        *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (!self->started || self->ended)
    return FALSE;

  if (LANKA_IS_APPLICATION (self->application))
    lanka_application_note_activity (LANKA_APPLICATION (self->application));

  /* A key on the audience's window is a clicker: whatever the trainer
   * was typing in the notes is done.
   */
  if (widget == GTK_WIDGET (self->audience) &&
      lanka_presenter_console_get_typing (self->console))
    lanka_presenter_console_focus_slides (self->console);

  if (lanka_presenter_console_handle_key (self->console, keyval, state))
    return TRUE;

  if (lanka_presenter_console_get_typing (self->console))
    return FALSE;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return widget == GTK_WIDGET (self->audience) && activate_lock (self, keyval, state);

  return lanka_presentation_handle_key (self->presentation, keyval);
}

static gboolean
on_window_close_request_cb (LankaPresenter *self)
{
  /* Closing either window ends the presentation, which closes both. */
  lanka_presenter_end (self);

  return TRUE;
}

static gboolean
on_resize_timeout_cb (gpointer user_data)
{
  LankaPresenter *self = user_data;

  self->resize_id = 0;
  update_views (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
queue_resize (LankaPresenter *self)
{
  g_clear_handle_id (&self->resize_id, g_source_remove);
  self->resize_id = g_timeout_add (RESIZE_DELAY_MS, on_resize_timeout_cb, self);
}

static void
place_windows (LankaPresenter *self)
{
  GdkRectangle geometry;

  if (self->rehearsal)
    {
      gtk_window_unfullscreen (GTK_WINDOW (self->audience));
      gtk_window_unfullscreen (GTK_WINDOW (self->console));
      gtk_window_set_default_size (GTK_WINDOW (self->console), 1024, 640);
      gtk_window_set_default_size (GTK_WINDOW (self->audience), 960, 540);
      return;
    }

  gdk_monitor_get_geometry (self->audience_monitor, &geometry);
  if (geometry.width > 0 && geometry.height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self->audience), geometry.width, geometry.height);
  gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->audience), self->audience_monitor);

  if (self->console_monitor != NULL)
    {
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->console), self->console_monitor);
      /* Back from the side, if it had stepped aside. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self->console)))
        gtk_window_present (GTK_WINDOW (self->console));
    }
  else if (gtk_widget_get_mapped (GTK_WIDGET (self->console)))
    {
      /* The console's screen is gone and the audience's is the only one
       * left: the notes must not show there.  The keys still work on the
       * audience window.
       */
      gtk_window_unfullscreen (GTK_WINDOW (self->console));
      gtk_window_minimize (GTK_WINDOW (self->console));
      gtk_window_present (GTK_WINDOW (self->audience));
    }
}

static gboolean
has_monitor (GListModel *monitors,
             GdkMonitor *monitor)
{
  guint n = g_list_model_get_n_items (monitors);

  if (monitor == NULL || !gdk_monitor_is_valid (monitor))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) item = g_list_model_get_item (monitors, i);

      if (item == monitor)
        return TRUE;
    }

  return FALSE;
}

/* The first monitor of @monitors that is not @taken, or %NULL. */
static GdkMonitor *
find_other_monitor (GListModel *monitors,
                    GdkMonitor *taken)
{
  guint n = g_list_model_get_n_items (monitors);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) item = g_list_model_get_item (monitors, i);

      if (item != taken && gdk_monitor_is_valid (item))
        return item;
    }

  return NULL;
}

static void
on_monitors_items_changed_cb (LankaPresenter *self,
                              guint           position,
                              guint           removed,
                              guint           added,
                              GListModel     *monitors)
{
  lanka_presenter_update_monitors (self, monitors);
}

static void
on_console_swap_screens_cb (LankaPresenter *self)
{
  GdkMonitor *monitor;

  if (self->rehearsal || self->audience_monitor == NULL || self->console_monitor == NULL)
    return;

  monitor = self->audience_monitor;
  self->audience_monitor = self->console_monitor;
  self->console_monitor = monitor;

  g_settings_set_string (self->settings, "presenter-monitor",
                         gdk_monitor_get_connector (self->audience_monitor) ?: "");
  place_windows (self);
  queue_resize (self);
}

static void
add_key_controller (LankaPresenter *self,
                    GtkWidget      *window)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  /* Before any widget: the overview and the notes decide for themselves
   * in lanka_presenter_console_handle_key().
   */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "lanka-presenter-keys");
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (window, controller);
}

static void
open_windows (LankaPresenter *self,
              guint           first,
              gboolean        rehearsal)
{
  g_assert (self->prepared);
  g_assert (!self->started);

  self->rehearsal = rehearsal || self->audience_monitor == NULL || self->console_monitor == NULL ||
                    self->audience_monitor == self->console_monitor;
  if (self->rehearsal)
    {
      g_clear_object (&self->audience_monitor);
      g_clear_object (&self->console_monitor);
    }

  self->presentation = lanka_presentation_new (self->slides->len);
  lanka_presentation_set_planned (self->presentation, self->planned_minutes * 60);
  lanka_presentation_go_to (self->presentation, first);

  self->console = g_object_ref (lanka_presenter_console_new (self->presentation));
  self->audience = g_object_ref (lanka_audience_window_new ());
  if (self->application != NULL)
    gtk_window_set_application (GTK_WINDOW (self->console), self->application);

  self->overview = g_list_store_new (GDK_TYPE_PAINTABLE);
  fill_overview (self);
  lanka_presenter_console_set_overview (self->console, G_LIST_MODEL (self->overview));
  lanka_presenter_console_set_can_swap (self->console, !self->rehearsal);

  add_key_controller (self, GTK_WIDGET (self->console));
  add_key_controller (self, GTK_WIDGET (self->audience));

  g_signal_connect_object (self->presentation, "notify", G_CALLBACK (on_presentation_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->presentation, "ended", G_CALLBACK (on_presentation_ended_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->renderer, "page-ready", G_CALLBACK (on_page_ready_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->console, "notes-changed",
                           G_CALLBACK (on_console_notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->console, "swap-screens",
                           G_CALLBACK (on_console_swap_screens_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->console, "resized", G_CALLBACK (queue_resize), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->console, "close-request",
                           G_CALLBACK (on_window_close_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience, "close-request",
                           G_CALLBACK (on_window_close_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience, "notify::default-width", G_CALLBACK (queue_resize),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience, "notify::default-height", G_CALLBACK (queue_resize),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience, "notify::fullscreened", G_CALLBACK (queue_resize),
                           self, G_CONNECT_SWAPPED);

  place_windows (self);

  /* A projector's cable can come out in the middle of a talk. */
  if (!self->rehearsal)
    {
      self->monitors = g_object_ref (gdk_display_get_monitors (gdk_display_get_default ()));
      g_signal_connect_object (self->monitors, "items-changed",
                               G_CALLBACK (on_monitors_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->started = TRUE;
  update_notes (self);
  update_views (self, TRUE);

  gtk_window_present (GTK_WINDOW (self->audience));
  gtk_window_present (GTK_WINDOW (self->console));

  if (self->application != NULL)
    self->inhibit_cookie = gtk_application_inhibit (self->application, GTK_WINDOW (self->console),
                                                    GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("Presenting training material"));

  if (LANKA_IS_APPLICATION (self->application))
    {
      LankaApplication *application = LANKA_APPLICATION (self->application);
      LankaLockMonitor *lock_monitor = lanka_application_get_lock_monitor (application);

      if (lock_monitor != NULL)
        {
          self->idle_lock = g_object_ref (lock_monitor);
          lanka_lock_monitor_hold_idle (self->idle_lock);
        }
    }

  lanka_presentation_start_timer (self->presentation, g_get_monotonic_time ());
}

static void
teardown (LankaPresenter *self)
{
  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      g_clear_weak_pointer (&self->dialog);
    }

  if (self->console != NULL)
    save_notes (self);
  g_clear_handle_id (&self->notes_save_id, g_source_remove);
  g_clear_handle_id (&self->resize_id, g_source_remove);

  if (self->inhibit_cookie != 0 && self->application != NULL)
    gtk_application_uninhibit (self->application, self->inhibit_cookie);
  self->inhibit_cookie = 0;

  if (self->idle_lock != NULL)
    {
      lanka_lock_monitor_release_idle (self->idle_lock);
      g_clear_object (&self->idle_lock);
    }

  if (self->monitors != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitors, self);
      g_clear_object (&self->monitors);
    }

  if (self->presentation != NULL)
    g_signal_handlers_disconnect_by_data (self->presentation, self);
  if (self->renderer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->renderer, self);
      lanka_page_renderer_clear (self->renderer);
    }
  g_clear_object (&self->renderer);

  if (self->console != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->console, self);
      gtk_window_destroy (GTK_WINDOW (self->console));
      g_clear_object (&self->console);
    }

  if (self->audience != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->audience, self);
      gtk_window_destroy (GTK_WINDOW (self->audience));
      g_clear_object (&self->audience);
    }

  self->playing = NULL;
  for (guint i = 0; self->films != NULL && i < self->films->len; i++)
    gtk_media_stream_pause (g_ptr_array_index (self->films, i));
  if (self->films != NULL)
    g_ptr_array_set_size (self->films, 0);
  for (guint i = 0; self->film_fds != NULL && i < self->film_fds->len; i++)
    g_close (g_array_index (self->film_fds, int, i), NULL);
  if (self->film_fds != NULL)
    g_array_set_size (self->film_fds, 0);
  if (self->slides != NULL)
    g_array_set_size (self->slides, 0);

  g_clear_object (&self->overview);
  g_clear_object (&self->audience_monitor);
  g_clear_object (&self->console_monitor);
}

/* The dialog */

static void
on_dialog_start_cb (LankaPresenter     *self,
                    LankaMonitorDialog *dialog)
{
  GdkMonitor *audience = lanka_monitor_dialog_get_audience (dialog);
  GdkMonitor *console = lanka_monitor_dialog_get_console (dialog);

  g_set_object (&self->audience_monitor, audience);
  g_set_object (&self->console_monitor, console);
  self->planned_minutes = lanka_monitor_dialog_get_planned_minutes (dialog);

  open_windows (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "lanka-first")),
                lanka_monitor_dialog_get_rehearsal (dialog));
}

static void
on_dialog_destroy_cb (LankaPresenter *self)
{
  g_clear_weak_pointer (&self->dialog);

  /* Cancelled: the caller waits for ::ended to let go. */
  if (!self->started)
    lanka_presenter_end (self);
}

/* GObject */

static void
lanka_presenter_dispose (GObject *object)
{
  LankaPresenter *self = (LankaPresenter *)object;

  teardown (self);

  g_clear_object (&self->presentation);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_object (&self->application);
  g_clear_pointer (&self->materials, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_presenter_parent_class)->dispose (object);
}

static void
lanka_presenter_finalize (GObject *object)
{
  LankaPresenter *self = (LankaPresenter *)object;

  g_clear_pointer (&self->slides, g_array_unref);
  g_clear_pointer (&self->films, g_ptr_array_unref);
  g_clear_pointer (&self->film_fds, g_array_unref);
  g_clear_pointer (&self->unsaved_notes, g_hash_table_unref);

  G_OBJECT_CLASS (lanka_presenter_parent_class)->finalize (object);
}

static void
lanka_presenter_class_init (LankaPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanka_presenter_dispose;
  object_class->finalize = lanka_presenter_finalize;

  /**
   * LankaPresenter::ended:
   * @self: a #LankaPresenter
   *
   * The presentation is over and its windows are closed (or the choice
   * of screens was cancelled): let the presenter go.  Emitted once.
   */
  signals[ENDED] =
    g_signal_new ("ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lanka_presenter_init (LankaPresenter *self)
{
  self->slides = g_array_new (FALSE, FALSE, sizeof (Slide));
  self->films = g_ptr_array_new_with_free_func (g_object_unref);
  self->film_fds = g_array_new (FALSE, FALSE, sizeof (int));
  self->settings = g_settings_new ("io.github.lanka.Lanka");
  self->notes_slide = G_MAXUINT;
  self->unsaved_notes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * lanka_presenter_new:
 * @application: (nullable): the application, for the screensaver
 * @database: the open database the materials are in
 * @materials: (element-type LankaRecord): the materials, in order
 * @planned_minutes: the planned length, 0 for none
 *
 * Returns: (transfer full): a presenter, not started
 */
LankaPresenter *
lanka_presenter_new (GtkApplication *application,
                     LankaDatabase  *database,
                     GPtrArray      *materials,
                     guint           planned_minutes)
{
  LankaPresenter *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (materials != NULL, NULL);

  self = g_object_new (LANKA_TYPE_PRESENTER, NULL);
  g_set_object (&self->application, application);
  self->database = g_object_ref (database);
  self->materials = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < materials->len; i++)
    g_ptr_array_add (self->materials, g_object_ref (g_ptr_array_index (materials, i)));
  self->planned_minutes = planned_minutes;

  return self;
}

/**
 * lanka_presenter_start:
 * @self: a #LankaPresenter
 * @first: the slide to begin with, from 0
 * @rehearsal: both views as ordinary windows
 * @error: return location for a #GError
 *
 * Reads the material and opens the windows at once.  Without @rehearsal
 * the screens are those chosen last time (or another one than the
 * active window's); with a single monitor it is rehearsal anyway.
 *
 * Returns: whether the presentation runs
 */
gboolean
lanka_presenter_start (LankaPresenter  *self,
                       guint            first,
                       gboolean         rehearsal,
                       GError         **error)
{
  GdkMonitor *audience = NULL;
  GdkMonitor *console = NULL;

  g_return_val_if_fail (LANKA_IS_PRESENTER (self), FALSE);
  g_return_val_if_fail (!self->started && !self->ended, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rehearsal)
    {
      g_autofree char *remembered = g_settings_get_string (self->settings, "presenter-monitor");
      GtkWindow *near = NULL;

      if (self->application != NULL)
        near = gtk_application_get_active_window (self->application);
      lanka_monitor_dialog_choose (gdk_display_get_default (), near, remembered, &audience,
                                   &console);
    }

  return lanka_presenter_start_on (self, first, audience, console, error);
}

/**
 * lanka_presenter_start_on:
 * @self: a #LankaPresenter
 * @first: the slide to begin with, from 0
 * @audience: (nullable): the audience's screen
 * @console: (nullable): the console's screen
 * @error: return location for a #GError
 *
 * Reads the material and opens the windows at once: full screen on
 * @audience and @console, or in rehearsal when one is %NULL or both are
 * the same.
 *
 * Returns: whether the presentation runs
 */
gboolean
lanka_presenter_start_on (LankaPresenter  *self,
                          guint            first,
                          GdkMonitor      *audience,
                          GdkMonitor      *console,
                          GError         **error)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), FALSE);
  g_return_val_if_fail (audience == NULL || GDK_IS_MONITOR (audience), FALSE);
  g_return_val_if_fail (console == NULL || GDK_IS_MONITOR (console), FALSE);
  g_return_val_if_fail (!self->started && !self->ended, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!prepare (self, error))
    return FALSE;

  g_set_object (&self->audience_monitor, audience);
  g_set_object (&self->console_monitor, console);
  open_windows (self, first, FALSE);

  return TRUE;
}

/**
 * lanka_presenter_update_monitors:
 * @self: a #LankaPresenter
 * @monitors: (element-type GdkMonitor): the monitors there are now
 *
 * Follows a change of the screens, as when a projector's cable comes
 * out; the presenter calls it when the display's monitors change.  A
 * window whose screen is gone moves to one that is left.  Without a
 * screen for the audience besides the console's, it becomes rehearsal:
 * two ordinary windows.  Without a screen for the console besides the
 * audience's, the console steps aside (minimised), so that the notes
 * never show on the projector; it comes back when a screen is plugged
 * in.
 */
void
lanka_presenter_update_monitors (LankaPresenter *self,
                                 GListModel     *monitors)
{
  GdkMonitor *audience;
  GdkMonitor *console;

  g_return_if_fail (LANKA_IS_PRESENTER (self));
  g_return_if_fail (G_IS_LIST_MODEL (monitors));

  if (!self->started || self->ended || self->rehearsal)
    return;

  audience = self->audience_monitor;
  console = has_monitor (monitors, self->console_monitor) ? self->console_monitor : NULL;

  if (!has_monitor (monitors, audience))
    {
      audience = find_other_monitor (monitors, console);
      if (console == NULL && audience != NULL)
        console = find_other_monitor (monitors, audience);
      if (console == NULL)
        audience = NULL;
    }
  else if (console == NULL)
    {
      console = find_other_monitor (monitors, audience);
    }

  if (audience == self->audience_monitor && console == self->console_monitor)
    return;

  g_set_object (&self->audience_monitor, audience);
  g_set_object (&self->console_monitor, console);

  if (audience == NULL)
    {
      g_debug ("The audience's screen is gone: rehearsal");
      self->rehearsal = TRUE;
      g_clear_object (&self->console_monitor);
    }

  lanka_presenter_console_set_can_swap (self->console, self->console_monitor != NULL);
  place_windows (self);

  if (self->rehearsal)
    {
      gtk_window_present (GTK_WINDOW (self->audience));
      gtk_window_present (GTK_WINDOW (self->console));
    }

  queue_resize (self);
}

/**
 * lanka_presenter_choose_and_start:
 * @self: a #LankaPresenter
 * @parent: (nullable): the window the trainer started from; %NULL for
 *   the application's active window
 * @first: the slide to begin with, from 0
 * @error: return location for a #GError
 *
 * Reads the material, then asks for the screens; the presentation opens
 * when the trainer presses Start.
 *
 * Returns: whether the dialog is shown
 */
gboolean
lanka_presenter_choose_and_start (LankaPresenter  *self,
                                  GtkWindow       *parent,
                                  guint            first,
                                  GError         **error)
{
  LankaMonitorDialog *dialog;

  g_return_val_if_fail (LANKA_IS_PRESENTER (self), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (!self->started && !self->ended && self->dialog == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!prepare (self, error))
    return FALSE;

  if (parent == NULL && self->application != NULL)
    parent = gtk_application_get_active_window (self->application);

  dialog = lanka_monitor_dialog_new (parent, self->planned_minutes);
  g_object_set_data (G_OBJECT (dialog), "lanka-first", GUINT_TO_POINTER (first));
  g_set_weak_pointer (&self->dialog, dialog);
  g_signal_connect_object (dialog, "start", G_CALLBACK (on_dialog_start_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/**
 * lanka_presenter_end:
 * @self: a #LankaPresenter
 *
 * Ends the presentation: saves the notes being edited, closes both
 * windows, lets the screensaver come back, stops the renderer and lets
 * the films go.  Emits ::ended the first time.
 */
void
lanka_presenter_end (LankaPresenter *self)
{
  g_return_if_fail (LANKA_IS_PRESENTER (self));

  if (self->ended)
    return;

  self->ended = TRUE;

  g_object_ref (self);
  teardown (self);
  g_signal_emit (self, signals[ENDED], 0);
  g_object_unref (self);
}

/**
 * lanka_presenter_get_presentation:
 * @self: a #LankaPresenter
 *
 * Returns: (transfer none) (nullable): the state, once started
 */
LankaPresentation *
lanka_presenter_get_presentation (LankaPresenter *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), NULL);

  return self->presentation;
}

/**
 * lanka_presenter_get_console:
 * @self: a #LankaPresenter
 *
 * Returns: (transfer none) (nullable): the presenter console, while it runs
 */
GtkWindow *
lanka_presenter_get_console (LankaPresenter *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), NULL);

  return GTK_WINDOW (self->console);
}

/**
 * lanka_presenter_get_audience:
 * @self: a #LankaPresenter
 *
 * Returns: (transfer none) (nullable): the audience window, while it runs
 */
GtkWindow *
lanka_presenter_get_audience (LankaPresenter *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), NULL);

  return GTK_WINDOW (self->audience);
}

/**
 * lanka_presenter_get_n_slides:
 * @self: a #LankaPresenter
 *
 * Returns: the slides of the sequence, once read (0 before)
 */
guint
lanka_presenter_get_n_slides (LankaPresenter *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), 0);

  return self->slides->len;
}

gboolean
lanka_presenter_get_rehearsal (LankaPresenter *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), FALSE);

  return self->rehearsal;
}

/**
 * lanka_presenter_get_audience_monitor:
 * @self: a #LankaPresenter
 *
 * Returns: (transfer none) (nullable): the screen the audience window is
 *   full screen on; %NULL in rehearsal
 */
GdkMonitor *
lanka_presenter_get_audience_monitor (LankaPresenter *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), NULL);

  return self->audience_monitor;
}

/**
 * lanka_presenter_get_console_monitor:
 * @self: a #LankaPresenter
 *
 * Returns: (transfer none) (nullable): the screen the console is full
 *   screen on; %NULL in rehearsal, or when its screen is gone and the
 *   console stepped aside
 */
GdkMonitor *
lanka_presenter_get_console_monitor (LankaPresenter *self)
{
  g_return_val_if_fail (LANKA_IS_PRESENTER (self), NULL);

  return self->console_monitor;
}
