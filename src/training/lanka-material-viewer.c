/* lanka-material-viewer.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-material-viewer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lanka-material-import.h"
#include "lanka-material-viewer.h"
#include "lanka-materials.h"
#include "lanka-page-renderer.h"

/* The viewer shows one material the way it is: a PDF as a column of
 * pages, an image, a film, a note's text or a link's address.  The file
 * comes from the database in a thread; a PDF's pages come from a render
 * worker of the viewer's own, only for the pages on screen and one either
 * side, so a hundred-page deck costs no more than the few pages a person
 * looks at.  Until a page's texture arrives, a page-coloured frame of the
 * right size says which page it is, so the column does not jump.
 *
 * An image goes through the same column of one page, so it zooms and
 * fits like a PDF.
 */

typedef enum
{
  CONTENT_NONE,
  CONTENT_PDF,
  CONTENT_IMAGE,
  CONTENT_FILM,
  CONTENT_NOTE,
  CONTENT_LINK,
} Content;

typedef enum
{
  /* An image at its size, or smaller when it does not fit. */
  ZOOM_BEST_FIT,
  ZOOM_FIT_WIDTH,
  ZOOM_FIT_PAGE,
  ZOOM_FIXED,
} ZoomMode;

/* One page in the column: a placeholder label that holds the page's size
 * and says which page it is, and above it the picture that shows the
 * texture once it is rendered.
 */
typedef struct
{
  GtkWidget  *frame;
  GtkWidget  *placeholder;
  GtkPicture *picture;
  /* In points (pixels for an image). */
  double      page_width;
  double      page_height;
  /* Where the page is in the column, in logical pixels. */
  int         y;
  int         width;
  int         height;
  /* The device size of the texture shown, and of the one asked for. */
  int         texture_width;
  int         texture_height;
  int         requested_width;
  int         requested_height;
  gboolean    requested_urgent;
} Page;

struct _LankaMaterialViewer
{
  AdwBin              parent_instance;

  LankaDatabase      *database;
  LankaRecord        *material;
  GCancellable       *cancellable;
  Content             content;

  LankaPageRenderer  *renderer;
  int                 document;
  GdkTexture         *image;
  GArray             *pages;
  /* The page on screen, from 1; before a PDF is open, the page to open it at. */
  guint               page;
  /* The page at the top of the view and how far down it the view begins
   * (0 to 1): what a zoom or a resize keeps in place.
   */
  guint               anchor_page;
  double              anchor_fraction;
  guint               update_tick_id;
  gboolean            scrolling;
  guint               relayout_tick_id;
  int                 layout_height;

  ZoomMode            zoom_mode;
  double              fixed_zoom;
  /* Logical pixels per point (or image pixel) as laid out. */
  double              scale;

  gboolean            show_thumbnails;
  GtkStringList      *thumbnail_pages;
  GtkSingleSelection *thumbnail_selection;
  /* Page index → the picture of a thumbnail row that is bound. */
  GHashTable         *thumbnail_pictures;
  gboolean            selecting_thumbnail;

  char               *query;
  char               *pending_query;
  GArray             *matches;

  int                 film_fd;
  GtkMediaStream     *media_stream;

  GtkEventController *page_entry_focus;

  /* Template widgets */
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkWidget          *page_navigation;
  GtkToggleButton    *thumbnails_button;
  GtkEntry           *page_entry;
  GtkLabel           *page_count_label;
  GtkMenuButton      *zoom_button;
  GtkToggleButton    *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *search_label;
  GtkListView        *thumbnails_view;
  GtkScrolledWindow  *pages_window;
  GtkBox             *pages_box;
  GtkVideo           *video;
  GtkTextView        *note_view;
  AdwStatusPage      *link_page;
};

G_DEFINE_FINAL_TYPE (LankaMaterialViewer, lanka_material_viewer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MATERIAL,
  PROP_PAGE,
  PROP_SHOW_THUMBNAILS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Room for some twenty pages a screen wide at a scale factor of 2. */
#define RENDER_CACHE_BYTES ((gsize)160 * 1024 * 1024)
/* The column's margin and the gap between pages, as in the template. */
#define PAGE_SPACING 12
#define THUMBNAIL_WIDTH 100
/* 100 % shows a page at its printed size on a 96 dpi screen. */
#define POINTS_TO_PIXELS (96.0 / 72.0)
/* Pages further than this from the screen give their textures back. */
#define KEEP_PAGES 3

static const int zoom_levels[] = { 50, 70, 85, 100, 125, 150, 175, 200, 300, 400 };

static void update_visible_pages (LankaMaterialViewer *self);
static void cancel_relayout      (LankaMaterialViewer *self);
static void scroll_to_anchor     (LankaMaterialViewer *self);
static void set_current_page     (LankaMaterialViewer *self,
                                  guint                page);

static gboolean
is_paged (LankaMaterialViewer *self)
{
  return (self->content == CONTENT_PDF || self->content == CONTENT_IMAGE) &&
         self->pages != NULL && self->pages->len > 0;
}

static guint
get_n_pages (LankaMaterialViewer *self)
{
  return self->pages != NULL ? self->pages->len : 0;
}

static Page *
get_page (LankaMaterialViewer *self,
          guint                index)
{
  g_assert (index < get_n_pages (self));

  return &g_array_index (self->pages, Page, index);
}

static double
get_unit (LankaMaterialViewer *self)
{
  return self->content == CONTENT_PDF ? POINTS_TO_PIXELS : 1.0;
}

/* The zoom as a person reads it: 100 % is the printed size. */
static int
get_zoom_percent (LankaMaterialViewer *self)
{
  return (int)round (self->scale / get_unit (self) * 100.0);
}

static void
update_actions (LankaMaterialViewer *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean paged = is_paged (self);
  gboolean pdf = paged && self->content == CONTENT_PDF;
  guint n_pages = get_n_pages (self);
  int percent = get_zoom_percent (self);
  gboolean matches = self->matches != NULL && self->matches->len > 0;

  gtk_widget_action_set_enabled (widget, "viewer.previous-page", pdf && self->page > 1);
  gtk_widget_action_set_enabled (widget, "viewer.next-page", pdf && self->page < n_pages);
  gtk_widget_action_set_enabled (widget, "viewer.zoom", paged);
  gtk_widget_action_set_enabled (widget, "viewer.zoom-in",
                                 paged && percent < zoom_levels[G_N_ELEMENTS (zoom_levels) - 1]);
  gtk_widget_action_set_enabled (widget, "viewer.zoom-out", paged && percent > zoom_levels[0]);
  gtk_widget_action_set_enabled (widget, "viewer.show-thumbnails", pdf);
  gtk_widget_action_set_enabled (widget, "viewer.search", pdf);
  gtk_widget_action_set_enabled (widget, "viewer.next-match", pdf && matches);
  gtk_widget_action_set_enabled (widget, "viewer.previous-match", pdf && matches);
  gtk_widget_action_set_enabled (widget, "viewer.open-link", self->content == CONTENT_LINK);
}

static void
update_zoom_label (LankaMaterialViewer *self)
{
  g_autofree char *label = NULL;

  switch (self->zoom_mode)
    {
    case ZOOM_FIT_WIDTH:
      label = g_strdup (_("Fit Width"));
      break;

    case ZOOM_FIT_PAGE:
      label = g_strdup (_("Fit Page"));
      break;

    case ZOOM_BEST_FIT:
    case ZOOM_FIXED:
      /* TRANSLATORS: a zoom level in percent; Swedish writes "125 %" */
      label = g_strdup_printf (_("%d%%"), get_zoom_percent (self));
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_menu_button_set_label (self->zoom_button, label);
}

static void
update_page_labels (LankaMaterialViewer *self)
{
  g_autofree char *number = NULL;
  g_autofree char *count = NULL;

  if (!is_paged (self))
    return;

  number = g_strdup_printf ("%u", self->page);
  /* TRANSLATORS: after the entry with the page number, as in "3 of 12" */
  count = g_strdup_printf (_("of %u"), get_n_pages (self));

  /* What the person is typing stays until they press Enter or leave. */
  if (!gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->page_entry_focus)))
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), number);
  gtk_label_set_label (self->page_count_label, count);
}

static void
update_search_label (LankaMaterialViewer *self)
{
  g_autofree char *label = NULL;

  if (self->query == NULL || self->matches == NULL)
    {
      gtk_label_set_label (self->search_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  if (self->matches->len == 0)
    {
      gtk_label_set_label (self->search_label, _("Not found"));
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");

  for (guint i = 0; i < self->matches->len; i++)
    {
      if (g_array_index (self->matches, guint, i) == self->page)
        {
          /* TRANSLATORS: the first number is a match, the second how many pages match */
          label = g_strdup_printf (ngettext ("%u of %u page", "%u of %u pages", self->matches->len),
                                   i + 1, self->matches->len);
          break;
        }
    }

  if (label == NULL)
    /* TRANSLATORS: how many pages of the document match the search */
    label = g_strdup_printf (ngettext ("%u page", "%u pages", self->matches->len),
                             self->matches->len);

  gtk_label_set_label (self->search_label, label);
}

static void
select_thumbnail (LankaMaterialViewer *self)
{
  guint position;

  if (self->thumbnail_selection == NULL || self->page == 0)
    return;

  position = self->page - 1;
  if (gtk_single_selection_get_selected (self->thumbnail_selection) == position)
    return;

  self->selecting_thumbnail = TRUE;
  gtk_single_selection_set_selected (self->thumbnail_selection, position);
  self->selecting_thumbnail = FALSE;

  if (self->show_thumbnails)
    gtk_widget_activate_action (GTK_WIDGET (self->thumbnails_view), "list.scroll-to-item", "u", position);
}

/* The page on screen changed, by scrolling or by a jump. */
static void
set_current_page (LankaMaterialViewer *self,
                  guint                page)
{
  if (self->page == page)
    return;

  self->page = page;
  update_page_labels (self);
  update_search_label (self);
  select_thumbnail (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* Page textures */

/* @width and @height are the size the texture was asked for, which the
 * page's proportions may have rounded.
 */
static void
set_page_texture (Page       *page,
                  GdkTexture *texture,
                  int         width,
                  int         height)
{
  gtk_picture_set_paintable (page->picture, GDK_PAINTABLE (texture));
  page->texture_width = texture != NULL ? width : 0;
  page->texture_height = texture != NULL ? height : 0;
  /* The placeholder keeps the page's size; it only stops being seen. */
  gtk_widget_set_opacity (page->placeholder, texture != NULL ? 0.0 : 1.0);
}

static void
get_device_size (LankaMaterialViewer *self,
                 const Page          *page,
                 int                 *width,
                 int                 *height)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  *width = MAX (1, page->width * scale_factor);
  *height = MAX (1, page->height * scale_factor);
}

static void
ensure_page_texture (LankaMaterialViewer *self,
                     guint                index,
                     gboolean             urgent)
{
  Page *page = get_page (self, index);
  g_autoptr(GdkTexture) texture = NULL;
  int width;
  int height;

  if (self->image != NULL)
    {
      if (page->texture_width == 0)
        set_page_texture (page, self->image,
                          gdk_texture_get_width (self->image), gdk_texture_get_height (self->image));
      return;
    }

  get_device_size (self, page, &width, &height);
  if (page->texture_width == width && page->texture_height == height)
    return;

  texture = lanka_page_renderer_lookup (self->renderer, self->document, index, width, height);
  if (texture != NULL)
    {
      set_page_texture (page, texture, width, height);
      return;
    }

  /* A texture of another size stays until the new one is there: a
   * blurred page reads better than an empty one while zooming.
   */
  if (page->requested_width == width && page->requested_height == height &&
      (page->requested_urgent || !urgent))
    return;

  page->requested_width = width;
  page->requested_height = height;
  page->requested_urgent = urgent;
  lanka_page_renderer_request (self->renderer, self->document, index, width, height, urgent);
}

static void
get_visible_range (LankaMaterialViewer *self,
                   guint               *first,
                   guint               *last)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->pages_window);
  double top = gtk_adjustment_get_value (vadjustment);
  double bottom = top + gtk_adjustment_get_page_size (vadjustment);
  guint n_pages = get_n_pages (self);

  *first = 0;
  *last = 0;

  for (guint i = 0; i < n_pages; i++)
    {
      Page *page = get_page (self, i);

      if (page->y + page->height <= top)
        *first = MIN (i + 1, n_pages - 1);
      if (page->y < bottom)
        *last = i;
    }

  *last = MAX (*first, *last);
}

static void
update_visible_pages (LankaMaterialViewer *self)
{
  guint n_pages = get_n_pages (self);
  guint first;
  guint last;
  guint from;
  guint to;

  if (!is_paged (self) || self->layout_height == 0)
    return;

  get_visible_range (self, &first, &last);
  from = first > 0 ? first - 1 : 0;
  to = MIN (last + 1, n_pages - 1);

  /* The page the person looks at first, then the rest of the screen,
   * then one either side.
   */
  if (self->page >= 1 && self->page - 1 >= from && self->page - 1 <= to)
    ensure_page_texture (self, self->page - 1, TRUE);
  for (guint i = first; i <= last; i++)
    ensure_page_texture (self, i, FALSE);
  if (from < first)
    ensure_page_texture (self, from, FALSE);
  if (to > last)
    ensure_page_texture (self, to, FALSE);

  /* The renderer's cache holds what may be needed again; the pictures
   * far away need not hold it too.
   */
  if (self->image == NULL)
    {
      for (guint i = 0; i < n_pages; i++)
        {
          Page *page = get_page (self, i);

          if ((i + KEEP_PAGES < first || i > last + KEEP_PAGES) && page->texture_width != 0)
            {
              set_page_texture (page, NULL, 0, 0);
              page->requested_width = 0;
              page->requested_height = 0;
            }
        }
    }
}

/* Layout */

/* The page that fills most of the view (the first of equals): what a
 * person calls the page they are on.
 */
static guint
find_current_page (LankaMaterialViewer *self)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->pages_window);
  double top = gtk_adjustment_get_value (vadjustment);
  double bottom = top + gtk_adjustment_get_page_size (vadjustment);
  double best = -1;
  guint current = 0;

  for (guint i = 0; i < get_n_pages (self); i++)
    {
      Page *page = get_page (self, i);
      double shown = MIN (bottom, page->y + page->height) - MAX (top, page->y);

      if (shown > best + 0.5)
        {
          best = shown;
          current = i;
        }
    }

  return current + 1;
}

/* Each page owns the gap above it, so that scrolling to a page shows
 * the whole of it and nothing of the one before.
 */
static void
remember_anchor (LankaMaterialViewer *self)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->pages_window);
  double top = gtk_adjustment_get_value (vadjustment);

  for (guint i = 0; i < get_n_pages (self); i++)
    {
      Page *page = get_page (self, i);
      double start = page->y - PAGE_SPACING;
      double end = page->y + page->height;

      if (top < end || i + 1 == get_n_pages (self))
        {
          self->anchor_page = i + 1;
          self->anchor_fraction = CLAMP ((top - start) / (end - start), 0.0, 1.0);
          return;
        }
    }
}

/* Scrolls to the anchor at once, even when the pages were just given new
 * sizes: the column's height is known here before the viewport finds it
 * out at the next allocation, so the new zoom is drawn where it belongs
 * from its first frame.
 */
static void
scroll_to_anchor (LankaMaterialViewer *self)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->pages_window);
  double page_size = gtk_adjustment_get_page_size (vadjustment);
  Page *page;
  double start;
  double end;
  double value;

  if (!is_paged (self) || self->anchor_page == 0 || self->layout_height == 0)
    return;

  page = get_page (self, MIN (self->anchor_page, get_n_pages (self)) - 1);
  start = page->y - PAGE_SPACING;
  end = page->y + page->height;
  value = MAX (0, start + self->anchor_fraction * (end - start));

  self->scrolling = TRUE;
  gtk_adjustment_configure (vadjustment,
                            value,
                            0,
                            MAX (self->layout_height, page_size),
                            gtk_adjustment_get_step_increment (vadjustment),
                            gtk_adjustment_get_page_increment (vadjustment),
                            page_size);
  /* Setting the value also ends a scroll still gliding (End, a
   * touchpad flick), which would otherwise carry the view away again.
   */
  gtk_adjustment_set_value (vadjustment, value);
  self->scrolling = FALSE;

  update_visible_pages (self);
}

static double
get_fit_scale (LankaMaterialViewer *self,
               ZoomMode             mode)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->pages_window);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->pages_window);
  double width = gtk_adjustment_get_page_size (hadjustment) - 2 * PAGE_SPACING;
  double height = gtk_adjustment_get_page_size (vadjustment) - 2 * PAGE_SPACING;
  guint index = self->page >= 1 ? MIN (self->page, get_n_pages (self)) - 1 : 0;
  Page *current = get_page (self, index);
  double widest = 1;

  for (guint i = 0; i < get_n_pages (self); i++)
    widest = MAX (widest, get_page (self, i)->page_width);

  switch (mode)
    {
    case ZOOM_FIT_WIDTH:
      return width / widest;

    case ZOOM_FIT_PAGE:
      return MIN (width / current->page_width, height / current->page_height);

    case ZOOM_BEST_FIT:
      return MIN (get_unit (self), MIN (width / current->page_width, height / current->page_height));

    case ZOOM_FIXED:
    default:
      g_assert_not_reached ();
    }
}

/* Gives every page its size for the zoom and the view's size, then puts
 * back what was at the top of the view.
 */
static void
relayout (LankaMaterialViewer *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->pages_window);
  double scale;
  int y = PAGE_SPACING;

  cancel_relayout (self);

  if (!is_paged (self))
    return;

  /* Not allocated yet: the adjustments call again when it is. */
  if (gtk_adjustment_get_page_size (hadjustment) <= 2 * PAGE_SPACING)
    return;

  if (self->zoom_mode == ZOOM_FIXED)
    scale = self->fixed_zoom * get_unit (self);
  else
    scale = get_fit_scale (self, self->zoom_mode);
  scale = MAX (scale, 0.01);

  for (guint i = 0; i < get_n_pages (self); i++)
    {
      Page *page = get_page (self, i);
      int width = MAX (1, (int)round (page->page_width * scale));
      int height = MAX (1, (int)round (page->page_height * scale));

      page->y = y;
      y += height + PAGE_SPACING;

      if (page->width == width && page->height == height)
        continue;

      page->width = width;
      page->height = height;
      gtk_widget_set_size_request (page->placeholder, width, height);
    }

  self->layout_height = y;
  self->scale = scale;
  gtk_widget_set_opacity (GTK_WIDGET (self->pages_box), 1.0);

  update_zoom_label (self);
  update_actions (self);
  scroll_to_anchor (self);
}

static gboolean
relayout_cb (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);

  self->relayout_tick_id = 0;
  relayout (self);

  return G_SOURCE_REMOVE;
}

/* Sizes change during an allocation, where a new size request must wait:
 * until the next frame, before its layout.  Not until the main loop is
 * idle: while anything animates (the stack's crossfade, a page sliding
 * in) frames follow each other, and on a busy computer an idle callback
 * waits behind them, long after the viewer got its width, with the pages
 * left unsized and undrawn.
 */
static void
queue_relayout (LankaMaterialViewer *self)
{
  if (self->relayout_tick_id == 0 && is_paged (self))
    self->relayout_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), relayout_cb,
                                                           NULL, NULL);
}

static void
cancel_relayout (LankaMaterialViewer *self)
{
  if (self->relayout_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_tick_id);
  self->relayout_tick_id = 0;
}

static void
on_hadjustment_page_size_cb (LankaMaterialViewer *self)
{
  queue_relayout (self);
}

/* After the person scrolled, or the viewport moved the pages itself:
 * which page is on screen, and which textures it needs.  Run before the
 * next layout rather than at once, because the viewport also moves the
 * pages while it is being allocated, when no widget may change size.
 */
static gboolean
update_after_scroll_cb (GtkWidget     *widget,
                        GdkFrameClock *frame_clock,
                        gpointer       user_data)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);

  self->update_tick_id = 0;

  /* A layout still to come puts the anchor back itself. */
  if (is_paged (self) && self->layout_height != 0 && self->relayout_tick_id == 0)
    {
      remember_anchor (self);
      set_current_page (self, find_current_page (self));
      update_visible_pages (self);
    }

  return G_SOURCE_REMOVE;
}

static void
queue_update_after_scroll (LankaMaterialViewer *self)
{
  if (self->update_tick_id == 0 && is_paged (self))
    self->update_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), update_after_scroll_cb,
                                                         NULL, NULL);
}

static void
on_vadjustment_changed_cb (LankaMaterialViewer *self)
{
  if (!self->scrolling)
    queue_update_after_scroll (self);
}

static void
on_vadjustment_page_size_cb (LankaMaterialViewer *self)
{
  if (self->zoom_mode != ZOOM_FIXED)
    queue_relayout (self);
}

static void
on_vadjustment_value_changed_cb (LankaMaterialViewer *self)
{
  /* Jumps set the page themselves. */
  if (self->scrolling)
    return;

  queue_update_after_scroll (self);
}

static void
on_scale_factor_changed_cb (LankaMaterialViewer *self)
{
  update_visible_pages (self);
}

static void
on_renderer_page_ready_cb (LankaMaterialViewer *self,
                           int                  document,
                           guint                index)
{
  GtkPicture *thumbnail;

  if (document != self->document || index >= get_n_pages (self))
    return;

  if (get_page (self, index)->requested_width != 0)
    {
      Page *page = get_page (self, index);
      g_autoptr(GdkTexture) texture = lanka_page_renderer_lookup (self->renderer,
                                                                  self->document,
                                                                  index,
                                                                  page->requested_width,
                                                                  page->requested_height);

      if (texture != NULL)
        set_page_texture (page, texture, page->requested_width, page->requested_height);
    }

  thumbnail = g_hash_table_lookup (self->thumbnail_pictures, GUINT_TO_POINTER (index));
  if (thumbnail != NULL && gtk_picture_get_paintable (thumbnail) == NULL)
    {
      int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (thumbnail), "texture-width"));
      int height = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (thumbnail), "texture-height"));
      g_autoptr(GdkTexture) texture = lanka_page_renderer_lookup (self->renderer, self->document,
                                                                  index, width, height);

      gtk_picture_set_paintable (thumbnail, GDK_PAINTABLE (texture));
    }
}

/* Building the column */

static void
clear_page (gpointer data)
{
  Page *page = data;

  page->frame = NULL;
  page->placeholder = NULL;
  page->picture = NULL;
}

static Page
create_page (guint  number,
             double width,
             double height,
             gboolean placeholder_text)
{
  Page page = { 0, };
  g_autofree char *label = NULL;

  page.page_width = MAX (width, 1.0);
  page.page_height = MAX (height, 1.0);

  /* TRANSLATORS: on a page that is still being drawn */
  label = placeholder_text ? g_strdup_printf (_("Page %u"), number) : g_strdup ("");
  page.placeholder = gtk_label_new (label);
  gtk_widget_add_css_class (page.placeholder, "lanka-viewer-placeholder");

  page.picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (page.picture, TRUE);
  gtk_picture_set_content_fit (page.picture, GTK_CONTENT_FIT_CONTAIN);

  /* The placeholder decides the size: a texture rendered for a scale
   * factor of 2 must not make the page twice as big.
   */
  page.frame = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (page.frame), page.placeholder);
  gtk_overlay_add_overlay (GTK_OVERLAY (page.frame), GTK_WIDGET (page.picture));
  gtk_widget_set_halign (page.frame, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (page.frame, "lanka-viewer-page");

  return page;
}

static void
clear_pages (LankaMaterialViewer *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);

  g_clear_pointer (&self->pages, g_array_unref);
  cancel_relayout (self);
  self->layout_height = 0;
  /* Until the pages have their sizes for the view's width, a column of
   * small frames would flash by.
   */
  gtk_widget_set_opacity (GTK_WIDGET (self->pages_box), 0.0);
  if (self->update_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_tick_id);
  self->update_tick_id = 0;
  self->anchor_page = 0;
  self->anchor_fraction = 0;

  if (self->thumbnail_pages != NULL)
    gtk_string_list_splice (self->thumbnail_pages, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->thumbnail_pages)), NULL);
}

static void
build_pages (LankaMaterialViewer *self,
             guint                n_pages)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);

  clear_pages (self);
  self->pages = g_array_sized_new (FALSE, TRUE, sizeof (Page), n_pages);
  g_array_set_clear_func (self->pages, clear_page);

  for (guint i = 0; i < n_pages; i++)
    {
      double width;
      double height;
      Page page;

      if (self->image != NULL)
        {
          width = gdk_texture_get_width (self->image);
          height = gdk_texture_get_height (self->image);
        }
      else
        {
          lanka_page_renderer_get_page_size (self->renderer, self->document, i, &width, &height);
        }

      page = create_page (i + 1, width, height, self->image == NULL);
      if (self->image != NULL)
        set_page_texture (&page, self->image, width, height);
      g_array_append_val (self->pages, page);
      gtk_box_append (self->pages_box, page.frame);
      g_ptr_array_add (numbers, g_strdup_printf ("%u", i + 1));
    }

  if (self->image == NULL)
    {
      g_ptr_array_add (numbers, NULL);
      gtk_string_list_splice (self->thumbnail_pages, 0, 0, (const char * const *)numbers->pdata);
    }
}

/* Thumbnails */

static void
on_thumbnail_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       LankaMaterialViewer      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *placeholder = gtk_label_new (NULL);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *number = gtk_label_new (NULL);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), placeholder);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), picture);
  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (overlay, "lanka-viewer-page");
  gtk_widget_add_css_class (number, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), overlay);
  gtk_box_append (GTK_BOX (box), number);

  g_object_set_data (G_OBJECT (item), "placeholder", placeholder);
  g_object_set_data (G_OBJECT (item), "picture", picture);
  g_object_set_data (G_OBJECT (item), "number", number);
  gtk_list_item_set_child (item, box);
}

static void
on_thumbnail_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LankaMaterialViewer      *self)
{
  GtkWidget *placeholder = g_object_get_data (G_OBJECT (item), "placeholder");
  GtkPicture *picture = g_object_get_data (G_OBJECT (item), "picture");
  GtkLabel *number = g_object_get_data (G_OBJECT (item), "number");
  guint index = gtk_list_item_get_position (item);
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *accessible = NULL;
  Page *page;
  int width;
  int height;

  if (index >= get_n_pages (self) || self->renderer == NULL)
    return;

  page = get_page (self, index);
  width = THUMBNAIL_WIDTH;
  height = MAX (1, (int)round (THUMBNAIL_WIDTH * page->page_height / page->page_width));
  gtk_widget_set_size_request (placeholder, width, height);
  gtk_label_set_label (number, gtk_string_object_get_string (gtk_list_item_get_item (item)));
  /* TRANSLATORS: what a screen reader says for a page's thumbnail */
  accessible = g_strdup_printf (_("Page %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  width *= scale_factor;
  height *= scale_factor;
  g_object_set_data (G_OBJECT (picture), "texture-width", GINT_TO_POINTER (width));
  g_object_set_data (G_OBJECT (picture), "texture-height", GINT_TO_POINTER (height));
  g_hash_table_insert (self->thumbnail_pictures, GUINT_TO_POINTER (index), picture);

  texture = lanka_page_renderer_lookup (self->renderer, self->document, index, width, height);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  /* A closed panel still binds its rows; they are drawn when it opens. */
  if (texture == NULL && self->show_thumbnails)
    lanka_page_renderer_request (self->renderer, self->document, index, width, height, FALSE);
}

static void
request_thumbnails (LankaMaterialViewer *self)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (self->renderer == NULL || self->document < 0)
    return;

  g_hash_table_iter_init (&iter, self->thumbnail_pictures);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkPicture *picture = value;
      int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (picture), "texture-width"));
      int height = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (picture), "texture-height"));

      if (gtk_picture_get_paintable (picture) == NULL)
        lanka_page_renderer_request (self->renderer, self->document, GPOINTER_TO_UINT (key),
                                     width, height, FALSE);
    }
}

static void
on_thumbnail_unbind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        LankaMaterialViewer      *self)
{
  GtkPicture *picture = g_object_get_data (G_OBJECT (item), "picture");
  GHashTableIter iter;
  gpointer value;

  gtk_picture_set_paintable (picture, NULL);

  g_hash_table_iter_init (&iter, self->thumbnail_pictures);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == picture)
        g_hash_table_iter_remove (&iter);
    }
}

static void
on_thumbnail_selection_selected_cb (LankaMaterialViewer *self)
{
  guint position = gtk_single_selection_get_selected (self->thumbnail_selection);

  if (self->selecting_thumbnail || position == GTK_INVALID_LIST_POSITION)
    return;

  lanka_material_viewer_set_page (self, position + 1);
}

/* Search in the document */

static guint
find_match_from (LankaMaterialViewer *self,
                 guint                page,
                 gboolean             forward)
{
  guint n_matches = self->matches->len;

  g_assert (n_matches > 0);

  if (forward)
    {
      for (guint i = 0; i < n_matches; i++)
        {
          if (g_array_index (self->matches, guint, i) >= page)
            return g_array_index (self->matches, guint, i);
        }

      return g_array_index (self->matches, guint, 0);
    }

  for (guint i = n_matches; i > 0; i--)
    {
      if (g_array_index (self->matches, guint, i - 1) <= page)
        return g_array_index (self->matches, guint, i - 1);
    }

  return g_array_index (self->matches, guint, n_matches - 1);
}

static void
run_search (LankaMaterialViewer *self,
            const char          *query)
{
  g_autofree char *stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->matches, g_array_unref);

  if (*stripped != '\0' && self->database != NULL && self->material != NULL)
    {
      self->query = g_steal_pointer (&stripped);
      self->matches = lanka_materials_find_pages (self->database,
                                                  lanka_record_get_uuid (self->material),
                                                  self->query,
                                                  &error);
      if (self->matches == NULL)
        {
          g_clear_pointer (&self->query, g_free);
          gtk_label_set_label (self->search_label, error != NULL ? error->message : "");
          update_actions (self);
          return;
        }
    }

  if (self->matches != NULL && self->matches->len > 0)
    lanka_material_viewer_set_page (self, find_match_from (self, MAX (self->page, 1), TRUE));

  update_search_label (self);
  update_actions (self);
}

static void
go_to_match (LankaMaterialViewer *self,
             gboolean             forward)
{
  guint page;

  if (self->matches == NULL || self->matches->len == 0)
    return;

  if (forward)
    page = find_match_from (self, self->page + 1, TRUE);
  else
    page = find_match_from (self, self->page > 1 ? self->page - 1 : 0, FALSE);

  lanka_material_viewer_set_page (self, page);
  update_search_label (self);
}

/* Runs the search for what is in the entry, unless it ran already. */
static void
search_entry_text (LankaMaterialViewer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_strcmp0 (self->query != NULL ? self->query : "", stripped) != 0)
    run_search (self, text);
}

static void
on_search_entry_search_changed_cb (LankaMaterialViewer *self)
{
  search_entry_text (self);
}

static void
on_search_entry_activate_cb (LankaMaterialViewer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_strcmp0 (self->query != NULL ? self->query : "", stripped) != 0)
    run_search (self, text);
  else
    go_to_match (self, TRUE);
}

static void
on_search_entry_next_match_cb (LankaMaterialViewer *self)
{
  search_entry_text (self);
  go_to_match (self, TRUE);
}

static void
on_search_entry_previous_match_cb (LankaMaterialViewer *self)
{
  search_entry_text (self);
  go_to_match (self, FALSE);
}

static gboolean
on_search_entry_shift_return_cb (GtkWidget *widget,
                                 GVariant  *args,
                                 gpointer   user_data)
{
  LankaMaterialViewer *self = user_data;

  on_search_entry_previous_match_cb (self);

  return TRUE;
}

static void
on_search_bar_search_mode_enabled_cb (LankaMaterialViewer *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;

  /* A closed search leaves no marks behind. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  run_search (self, NULL);
}

/* Page entry */

static void
on_page_entry_activate_cb (LankaMaterialViewer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->page_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint64 number = 0;

  if (!g_ascii_string_to_unsigned (stripped, 10, 1, get_n_pages (self), &number, NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (self->page_entry));
      gtk_editable_set_text (GTK_EDITABLE (self->page_entry), "");
      update_page_labels (self);
      return;
    }

  lanka_material_viewer_set_page (self, number);
  /* Back to the pages, so that the keys turn them again. */
  gtk_widget_grab_focus (GTK_WIDGET (self->pages_window));
  update_page_labels (self);
}

static void
on_page_entry_focus_leave_cb (LankaMaterialViewer *self)
{
  update_page_labels (self);
}

/* Film */

static void
close_film (LankaMaterialViewer *self)
{
  if (self->media_stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->media_stream, self);
      g_clear_object (&self->media_stream);
    }

  /* The player lets go of the file before the descriptor is closed. */
  gtk_video_set_file (self->video, NULL);

  if (self->film_fd >= 0)
    {
      close (self->film_fd);
      self->film_fd = -1;
    }
}

static void
show_error (LankaMaterialViewer *self,
            const char          *title,
            const char          *description)
{
  /* The description is markup; an error may quote a file's name. */
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
on_media_stream_error_cb (LankaMaterialViewer *self)
{
  const GError *error = gtk_media_stream_get_error (self->media_stream);
  g_autofree char *description = NULL;

  if (error == NULL)
    return;

  /* TRANSLATORS: %s says why, as a sentence */
  description = g_strdup_printf (_("The film cannot be played: %s"), error->message);
  show_error (self, _("Cannot Play the Film"), description);
}

static void
show_film (LankaMaterialViewer *self,
           int                  fd)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  self->film_fd = fd;
  gtk_video_set_autoplay (self->video, FALSE);
  gtk_video_set_file (self->video, file);

  self->media_stream = gtk_video_get_media_stream (self->video);
  if (self->media_stream != NULL)
    {
      g_object_ref (self->media_stream);
      g_signal_connect_object (self->media_stream, "notify::error",
                               G_CALLBACK (on_media_stream_error_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_stack_set_visible_child_name (self->stack, "film");

  if (self->media_stream != NULL)
    on_media_stream_error_cb (self);
}

/* Note */

static void
show_note (LankaMaterialViewer *self,
           const char          *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start;
  GtkTextIter end;
  int n_lines;

  gtk_text_buffer_set_text (buffer, text, -1);

  /* Markdown is shown as written; its headings stand out. */
  if (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "heading") == NULL)
    gtk_text_buffer_create_tag (buffer, "heading",
                                "weight", PANGO_WEIGHT_BOLD,
                                "scale", 1.2,
                                NULL);

  n_lines = gtk_text_buffer_get_line_count (buffer);
  for (int line = 0; line < n_lines; line++)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &start, line);
      if (gtk_text_iter_get_char (&start) != '#')
        continue;

      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_apply_tag_by_name (buffer, "heading", &start, &end);
    }

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_stack_set_visible_child_name (self->stack, "note");
}

/* Paged: PDF and image */

static void
show_pages (LankaMaterialViewer *self,
            guint                n_pages)
{
  gboolean pdf = self->content == CONTENT_PDF;
  guint page = CLAMP (self->page, 1, n_pages);

  gtk_widget_set_visible (self->page_navigation, pdf);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails_button), pdf);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), pdf);
  if (!pdf)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  self->zoom_mode = pdf ? ZOOM_FIT_WIDTH : ZOOM_BEST_FIT;
  self->fixed_zoom = 1.0;
  self->page = 0;
  build_pages (self, n_pages);

  gtk_stack_set_visible_child_name (self->stack, "document");

  self->anchor_page = page;
  self->anchor_fraction = 0;
  set_current_page (self, page);
  relayout (self);
  update_page_labels (self);
  update_actions (self);

  if (self->pending_query != NULL)
    {
      g_autofree char *query = g_steal_pointer (&self->pending_query);

      lanka_material_viewer_search (self, query);
    }
}

static void
show_pdf (LankaMaterialViewer *self,
          GBytes              *bytes)
{
  g_autoptr(GError) error = NULL;
  guint n_pages;

  if (self->renderer == NULL)
    {
      self->renderer = lanka_page_renderer_new (RENDER_CACHE_BYTES);
      g_signal_connect_object (self->renderer, "page-ready",
                               G_CALLBACK (on_renderer_page_ready_cb), self, G_CONNECT_SWAPPED);
    }

  self->document = lanka_page_renderer_add_pdf (self->renderer, bytes, &error);
  if (self->document < 0)
    {
      show_error (self, _("The Material Cannot Be Shown"), error->message);
      return;
    }

  n_pages = lanka_page_renderer_get_n_pages (self->renderer, self->document);
  if (n_pages == 0)
    {
      show_error (self, _("The Material Cannot Be Shown"), _("The document has no pages."));
      return;
    }

  show_pages (self, n_pages);
}

/* Loading */

typedef struct
{
  LankaDatabase *database;
  char          *uuid;
  char          *mime_type;
  Content        content;
  GBytes        *bytes;
  GdkTexture    *texture;
  char          *text;
  int            fd;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_object (&load->database);
  g_clear_pointer (&load->uuid, g_free);
  g_clear_pointer (&load->mime_type, g_free);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  g_clear_object (&load->texture);
  g_clear_pointer (&load->text, g_free);
  if (load->fd >= 0)
    close (load->fd);
  g_free (load);
}

static GdkTexture *
read_svg (GBytes  *bytes,
          GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type ("image/svg+xml", error);
  GdkPixbuf *pixbuf;

  if (loader == NULL)
    return NULL;

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("The picture is damaged."));
      return NULL;
    }

  return gdk_texture_new_for_pixbuf (pixbuf);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GError) error = NULL;

  lanka_database_hold (load->database);
  load->bytes = lanka_materials_dup_file (load->database, load->uuid, &error);
  lanka_database_release (load->database);

  if (load->bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (load->content)
    {
    case CONTENT_IMAGE:
      if (g_strcmp0 (load->mime_type, "image/svg+xml") == 0)
        load->texture = read_svg (load->bytes, &error);
      else
        load->texture = gdk_texture_new_from_bytes (load->bytes, &error);
      if (load->texture == NULL)
        {
          g_clear_error (&error);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The picture is damaged or in a format Länka cannot show."));
          return;
        }
      break;

    case CONTENT_FILM:
      load->fd = lanka_memfd_new_from_bytes (load->bytes, "film", &error);
      if (load->fd < 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      break;

    case CONTENT_NOTE:
      {
        gsize size;
        const char *data = g_bytes_get_data (load->bytes, &size);

        if (!g_utf8_validate_len (data, size, NULL))
          {
            g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                     _("The note is not readable text."));
            return;
          }
        load->text = g_strndup (data, size);
      }
      break;

    case CONTENT_PDF:
      break;

    case CONTENT_NONE:
    case CONTENT_LINK:
    default:
      g_assert_not_reached ();
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      gtk_spinner_stop (self->spinner);
      show_error (self, _("The Material Cannot Be Shown"), error->message);
      return;
    }

  gtk_spinner_stop (self->spinner);

  switch (load->content)
    {
    case CONTENT_PDF:
      show_pdf (self, load->bytes);
      break;

    case CONTENT_IMAGE:
      self->image = g_steal_pointer (&load->texture);
      show_pages (self, 1);
      break;

    case CONTENT_FILM:
      show_film (self, load->fd);
      load->fd = -1;
      break;

    case CONTENT_NOTE:
      show_note (self, load->text);
      break;

    case CONTENT_NONE:
    case CONTENT_LINK:
    default:
      g_assert_not_reached ();
    }

  update_actions (self);
}

static Content
get_content (LankaRecord *material)
{
  const char *mime_type = lanka_record_get (material, "mime_type");
  const char *kind = lanka_record_get (material, "kind");

  if (g_strcmp0 (kind, "link") == 0 ||
      (mime_type == NULL && lanka_record_get (material, "url") != NULL))
    return CONTENT_LINK;

  /* What the file is decides, not what the trainer calls it. */
  if (mime_type != NULL)
    {
      if (g_str_equal (mime_type, "application/pdf"))
        return CONTENT_PDF;
      if (g_str_has_prefix (mime_type, "image/"))
        return CONTENT_IMAGE;
      if (g_str_has_prefix (mime_type, "video/"))
        return CONTENT_FILM;
      if (g_str_has_prefix (mime_type, "text/"))
        return CONTENT_NOTE;
    }

  if (g_strcmp0 (kind, "slides") == 0 || g_strcmp0 (kind, "document") == 0)
    return CONTENT_PDF;
  if (g_strcmp0 (kind, "image") == 0)
    return CONTENT_IMAGE;
  if (g_strcmp0 (kind, "video") == 0)
    return CONTENT_FILM;
  if (g_strcmp0 (kind, "note") == 0)
    return CONTENT_NOTE;

  return CONTENT_NONE;
}

static void
show_link (LankaMaterialViewer *self)
{
  const char *title = lanka_record_get (self->material, "title");
  const char *url = lanka_record_get (self->material, "url");
  g_autofree char *escaped = g_markup_escape_text (url != NULL ? url : "", -1);

  adw_status_page_set_title (self->link_page, title != NULL ? title : _("Link"));
  adw_status_page_set_description (self->link_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "link");
}

/* Forgets everything shown, so that nothing of it is left on screen or
 * in memory.
 */
static void
clear_content (LankaMaterialViewer *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  clear_pages (self);
  if (self->renderer != NULL)
    lanka_page_renderer_clear (self->renderer);
  self->document = -1;
  g_clear_object (&self->image);
  g_hash_table_remove_all (self->thumbnail_pictures);

  close_film (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
  adw_status_page_set_description (self->link_page, NULL);
  adw_status_page_set_description (self->error_page, NULL);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->pending_query, g_free);
  g_clear_pointer (&self->matches, g_array_unref);
  update_search_label (self);

  gtk_spinner_stop (self->spinner);
  self->content = CONTENT_NONE;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
load_material (LankaMaterialViewer *self)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  self->content = get_content (self->material);

  switch (self->content)
    {
    case CONTENT_LINK:
      show_link (self);
      return;

    case CONTENT_NONE:
      show_error (self, _("The Material Cannot Be Shown"),
                  _("Länka does not know how to show this kind of material."));
      return;

    case CONTENT_PDF:
    case CONTENT_IMAGE:
    case CONTENT_FILM:
    case CONTENT_NOTE:
    default:
      break;
    }

  load = g_new0 (Load, 1);
  load->database = g_object_ref (self->database);
  load->uuid = g_strdup (lanka_record_get_uuid (self->material));
  load->mime_type = g_strdup (lanka_record_get (self->material, "mime_type"));
  load->content = self->content;
  load->fd = -1;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (self, self->cancellable, load_ready_cb, NULL);
  g_task_set_source_tag (task, load_material);
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_in_thread);
}

/* Actions */

static void
set_zoom (LankaMaterialViewer *self,
          ZoomMode             mode,
          double               fixed_zoom)
{
  if (!is_paged (self))
    return;

  if (self->layout_height != 0)
    remember_anchor (self);

  self->zoom_mode = mode;
  self->fixed_zoom = CLAMP (fixed_zoom, zoom_levels[0] / 100.0,
                            zoom_levels[G_N_ELEMENTS (zoom_levels) - 1] / 100.0);
  relayout (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);
  const char *level = g_variant_get_string (parameter, NULL);
  guint64 percent;

  if (g_str_equal (level, "fit-width"))
    set_zoom (self, ZOOM_FIT_WIDTH, self->fixed_zoom);
  else if (g_str_equal (level, "fit-page"))
    set_zoom (self, ZOOM_FIT_PAGE, self->fixed_zoom);
  else if (g_ascii_string_to_unsigned (level, 10, 1, 10000, &percent, NULL))
    set_zoom (self, ZOOM_FIXED, percent / 100.0);
  else
    g_return_if_reached ();
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);
  int percent = get_zoom_percent (self);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
    {
      if (zoom_levels[i] > percent)
        {
          set_zoom (self, ZOOM_FIXED, zoom_levels[i] / 100.0);
          return;
        }
    }
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);
  int percent = get_zoom_percent (self);

  for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
    {
      if (zoom_levels[i - 1] < percent)
        {
          set_zoom (self, ZOOM_FIXED, zoom_levels[i - 1] / 100.0);
          return;
        }
    }
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);

  if (self->page > 1)
    lanka_material_viewer_set_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);

  lanka_material_viewer_set_page (self, self->page + 1);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
next_match_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  go_to_match (LANKA_MATERIAL_VIEWER (widget), TRUE);
}

static void
previous_match_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  go_to_match (LANKA_MATERIAL_VIEWER (widget), FALSE);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *url;

  if (self->material == NULL || (url = lanka_record_get (self->material, "url")) == NULL)
    return;

  /* Only ever on the person's own click: a link leaves Länka. */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

/* The arrow keys move the pages a little while they have the focus
 * (the scrolled window itself only answers them with Ctrl).
 */
static gboolean
scroll_pages_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (widget);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->pages_window);
  int steps;

  if (!is_paged (self) || !gtk_widget_has_focus (GTK_WIDGET (self->pages_window)))
    return FALSE;

  g_variant_get (args, "i", &steps);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + steps * 3 * PAGE_SPACING);

  return TRUE;
}

static GMenuModel *
create_zoom_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) fit = g_menu_new ();
  g_autoptr(GMenu) levels = g_menu_new ();

  g_menu_append (fit, _("Fit Width"), "viewer.zoom::fit-width");
  g_menu_append (fit, _("Fit Page"), "viewer.zoom::fit-page");

  for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      g_autofree char *target = g_strdup_printf ("%d", zoom_levels[i]);

      label = g_strdup_printf (_("%d%%"), zoom_levels[i]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "viewer.zoom", "s", target);
      g_menu_append_item (levels, item);
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (fit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (levels));

  return G_MENU_MODEL (menu);
}

/* GObject */

static void
lanka_material_viewer_dispose (GObject *object)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_relayout (self);
  if (self->update_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_tick_id);
  self->update_tick_id = 0;

  if (self->video != NULL)
    close_film (self);

  if (self->thumbnails_view != NULL)
    gtk_list_view_set_model (self->thumbnails_view, NULL);
  g_clear_object (&self->thumbnail_selection);
  g_clear_object (&self->thumbnail_pages);
  g_clear_pointer (&self->thumbnail_pictures, g_hash_table_unref);

  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_object (&self->renderer);
  g_clear_object (&self->image);
  g_clear_object (&self->material);
  g_clear_object (&self->database);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_MATERIAL_VIEWER);

  G_OBJECT_CLASS (lanka_material_viewer_parent_class)->dispose (object);
}

static void
lanka_material_viewer_finalize (GObject *object)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (object);

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->pending_query, g_free);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (lanka_material_viewer_parent_class)->finalize (object);
}

static void
lanka_material_viewer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (object);

  switch (prop_id)
    {
    case PROP_MATERIAL:
      g_value_set_object (value, lanka_material_viewer_get_material (self));
      break;

    case PROP_PAGE:
      g_value_set_uint (value, lanka_material_viewer_get_page (self));
      break;

    case PROP_SHOW_THUMBNAILS:
      g_value_set_boolean (value, self->show_thumbnails);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_material_viewer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LankaMaterialViewer *self = LANKA_MATERIAL_VIEWER (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      lanka_material_viewer_set_page (self, g_value_get_uint (value));
      break;

    case PROP_SHOW_THUMBNAILS:
      if (self->show_thumbnails != g_value_get_boolean (value))
        {
          self->show_thumbnails = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          select_thumbnail (self);
          if (self->show_thumbnails)
            request_thumbnails (self);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_material_viewer_class_init (LankaMaterialViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_material_viewer_dispose;
  object_class->finalize = lanka_material_viewer_finalize;
  object_class->get_property = lanka_material_viewer_get_property;
  object_class->set_property = lanka_material_viewer_set_property;

  properties[PROP_MATERIAL] =
    g_param_spec_object ("material", NULL, NULL,
                         LANKA_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * LankaMaterialViewer:page:
   *
   * The page on screen, from 1; it changes as the person scrolls.
   */
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_THUMBNAILS] =
    g_param_spec_boolean ("show-thumbnails", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/training/lanka-material-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, spinner);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, page_navigation);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, thumbnails_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, page_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, page_count_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, search_button);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, search_label);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, thumbnails_view);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, pages_window);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, pages_box);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, video);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, note_view);
  gtk_widget_class_bind_template_child (widget_class, LankaMaterialViewer, link_page);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_bar_search_mode_enabled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_previous_match_cb);

  gtk_widget_class_install_action (widget_class, "viewer.zoom", "s", zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "viewer.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "viewer.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "viewer.next-match", NULL, next_match_action);
  gtk_widget_class_install_action (widget_class, "viewer.previous-match", NULL, previous_match_action);
  gtk_widget_class_install_action (widget_class, "viewer.open-link", NULL, open_link_action);
  gtk_widget_class_install_property_action (widget_class, "viewer.show-thumbnails", "show-thumbnails");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom", "s", "fit-width");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "viewer.zoom", "s", "fit-width");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "viewer.show-thumbnails", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, scroll_pages_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, 0, scroll_pages_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, scroll_pages_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, 0, scroll_pages_cb, "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "viewer.search", NULL);
}

static const struct
{
  guint       keyval;
  const char *action;
} page_keys[] = {
  { GDK_KEY_Page_Up, "viewer.previous-page" },
  { GDK_KEY_KP_Page_Up, "viewer.previous-page" },
  { GDK_KEY_Page_Down, "viewer.next-page" },
  { GDK_KEY_KP_Page_Down, "viewer.next-page" },
};

static void
lanka_material_viewer_init (LankaMaterialViewer *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GMenuModel) zoom_menu = NULL;
  g_autoptr(GtkShortcut) shortcut = NULL;
  GtkEventController *controller;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;

  self->document = -1;
  self->film_fd = -1;
  self->fixed_zoom = 1.0;
  self->zoom_mode = ZOOM_FIT_WIDTH;
  self->scale = POINTS_TO_PIXELS;
  self->thumbnail_pictures = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  zoom_menu = create_zoom_menu ();
  gtk_menu_button_set_menu_model (self->zoom_button, zoom_menu);
  update_zoom_label (self);

  self->thumbnail_pages = gtk_string_list_new (NULL);
  self->thumbnail_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->thumbnail_pages)));
  gtk_single_selection_set_autoselect (self->thumbnail_selection, FALSE);
  g_signal_connect_object (self->thumbnail_selection, "notify::selected",
                           G_CALLBACK (on_thumbnail_selection_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (factory, "setup", G_CALLBACK (on_thumbnail_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_thumbnail_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_thumbnail_unbind_cb), self);
  gtk_list_view_set_factory (self->thumbnails_view, factory);
  gtk_list_view_set_model (self->thumbnails_view, GTK_SELECTION_MODEL (self->thumbnail_selection));

  /* Page Up and Page Down turn a whole page, as a clicker does, before
   * the scrolled window would move a screenful.
   */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (page_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (page_keys[i].keyval, 0),
                                                            gtk_named_action_new (page_keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                               gtk_callback_action_new (on_search_entry_shift_return_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), g_steal_pointer (&shortcut));
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_SHIFT_MASK),
                               gtk_callback_action_new (on_search_entry_shift_return_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), g_steal_pointer (&shortcut));
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  self->page_entry_focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (self->page_entry_focus, "leave",
                           G_CALLBACK (on_page_entry_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->page_entry), self->page_entry_focus);

  hadjustment = gtk_scrolled_window_get_hadjustment (self->pages_window);
  vadjustment = gtk_scrolled_window_get_vadjustment (self->pages_window);
  g_signal_connect_object (hadjustment, "notify::page-size",
                           G_CALLBACK (on_hadjustment_page_size_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "notify::page-size",
                           G_CALLBACK (on_vadjustment_page_size_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "changed",
                           G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "value-changed",
                           G_CALLBACK (on_vadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);

  update_actions (self);
}

/**
 * lanka_material_viewer_new:
 *
 * Returns: (transfer floating): a viewer showing nothing
 */
GtkWidget *
lanka_material_viewer_new (void)
{
  return g_object_new (LANKA_TYPE_MATERIAL_VIEWER, NULL);
}

/**
 * lanka_material_viewer_set_material:
 * @self: a #LankaMaterialViewer
 * @database: (nullable): the database that holds @material's file
 * @material: (nullable): a material, or %NULL to show nothing
 *
 * Shows @material from its first page, reading its file in a thread.
 * %NULL forgets everything shown (Länka is locking).  The same material
 * again (the same file) stays as it is on screen.
 */
void
lanka_material_viewer_set_material (LankaMaterialViewer *self,
                                    LankaDatabase       *database,
                                    LankaRecord         *material)
{
  guint old_page = self->page;
  gboolean same;

  g_return_if_fail (LANKA_IS_MATERIAL_VIEWER (self));
  g_return_if_fail (database == NULL || LANKA_IS_DATABASE (database));
  g_return_if_fail (material == NULL || LANKA_IS_RECORD (material));
  g_return_if_fail (material == NULL || database != NULL);

  same = material != NULL && self->material != NULL && database == self->database &&
         g_strcmp0 (lanka_record_get_uuid (material), lanka_record_get_uuid (self->material)) == 0 &&
         g_strcmp0 (lanka_record_get (material, "sha256"), lanka_record_get (self->material, "sha256")) == 0 &&
         g_strcmp0 (lanka_record_get (material, "url"), lanka_record_get (self->material, "url")) == 0;

  g_set_object (&self->database, database);

  if (same)
    {
      /* A saved title or description: the link page says it, nothing else changes. */
      g_set_object (&self->material, material);
      if (self->content == CONTENT_LINK)
        show_link (self);
      return;
    }

  clear_content (self);
  g_set_object (&self->material, material);

  self->page = 0;
  if (material != NULL)
    {
      self->page = 1;
      load_material (self);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATERIAL]);
  if (self->page != old_page)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * lanka_material_viewer_get_material:
 * @self: a #LankaMaterialViewer
 *
 * Returns: (transfer none) (nullable): the material shown
 */
LankaRecord *
lanka_material_viewer_get_material (LankaMaterialViewer *self)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_VIEWER (self), NULL);

  return self->material;
}

/**
 * lanka_material_viewer_get_page:
 * @self: a #LankaMaterialViewer
 *
 * Returns: the page on screen, from 1, or 0 when nothing is shown
 */
guint
lanka_material_viewer_get_page (LankaMaterialViewer *self)
{
  g_return_val_if_fail (LANKA_IS_MATERIAL_VIEWER (self), 0);

  return self->page;
}

/**
 * lanka_material_viewer_set_page:
 * @self: a #LankaMaterialViewer
 * @page: a page, from 1
 *
 * Brings @page to the top of the view.  While the file is still being
 * read, the material opens at @page.  Pages past the end show the last.
 */
void
lanka_material_viewer_set_page (LankaMaterialViewer *self,
                                guint                page)
{
  g_return_if_fail (LANKA_IS_MATERIAL_VIEWER (self));

  if (self->material == NULL)
    return;

  if (!is_paged (self))
    {
      /* Kept for when the pages are there. */
      page = MAX (page, 1);
      if (self->page != page)
        {
          self->page = page;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
        }
      return;
    }

  page = CLAMP (page, 1, get_n_pages (self));

  self->anchor_page = page;
  self->anchor_fraction = 0;
  set_current_page (self, page);
  scroll_to_anchor (self);

  /* Fit Page fits the page on screen, which may be another size. */
  if (self->zoom_mode == ZOOM_FIT_PAGE)
    queue_relayout (self);
}

/**
 * lanka_material_viewer_search:
 * @self: a #LankaMaterialViewer
 * @query: (nullable): words to find, or %NULL to stop searching
 *
 * Searches the document's pages and shows the first page that matches,
 * from the current page on, as if the person had typed @query in the
 * search bar.
 */
void
lanka_material_viewer_search (LankaMaterialViewer *self,
                              const char          *query)
{
  g_return_if_fail (LANKA_IS_MATERIAL_VIEWER (self));

  if (self->material == NULL)
    return;

  if (!is_paged (self))
    {
      g_free (self->pending_query);
      self->pending_query = g_strdup (query);
      return;
    }

  if (self->content != CONTENT_PDF)
    return;

  if (query == NULL || *query == '\0')
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      return;
    }

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  run_search (self, query);
  /* The entry says what was searched for; its own signal finds it ran already. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}
