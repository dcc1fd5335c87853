/* test-ui-material-viewer.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lanka-material-viewer.h"
#include "lanka-materials.h"
#include "lanka-test-ui.h"

/* The viewer as a trainer meets it, over a real database: a PDF made
 * here with a different word on each page, turned, zoomed and searched;
 * an image, a note, a link, a damaged PDF, and nothing at all (Länka
 * locked).  Textures arrive from the render worker, so the tests wait
 * for them with a timeout instead of sleeping.
 *
 * With LANKA_TEST_SCREENSHOT_DIR set, a picture of the viewer with its
 * thumbnails and a search is saved there.
 */

static const char * const page_words[] = { "alfa", "bravo", "charlie", "delta", "echo" };
#define N_PAGES G_N_ELEMENTS (page_words)

typedef struct
{
  char                *dir;
  LankaDatabase       *database;
  GtkWindow           *window;
  LankaMaterialViewer *viewer;
  guint                page_notified;
} Fixture;

static void
on_page_notify_cb (Fixture *fixture)
{
  fixture->page_notified++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lanka_test_make_data_dir ();
  fixture->database = lanka_test_create_database (fixture->dir);

  fixture->viewer = LANKA_MATERIAL_VIEWER (lanka_material_viewer_new ());
  g_signal_connect_swapped (fixture->viewer, "notify::page", G_CALLBACK (on_page_notify_cb), fixture);

  fixture->window = lanka_test_show_in_window (GTK_WIDGET (fixture->viewer), 800, 600);
}

/* Closes the window and checks that nothing keeps the viewer alive. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_ref (fixture->viewer);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->viewer);

  g_clear_object (&fixture->database);
  lanka_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("LANKA_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width;
  int height;

  if (dir == NULL)
    return;

  /* A window that was just changed has not drawn its frame yet; while it
   * is between two frames, it gives nothing to draw.
   */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      lanka_test_iterate_for (0.3);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("material-viewer-%s-%s.png", name, g_getenv ("LANGUAGE") ?: "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* An A4 PDF with one word of @page_words on each page. */
static GBytes *
make_pdf (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_to_array, array, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < N_PAGES; i++)
    {
      cairo_set_source_rgb (cr, 0.1, 0.2, 0.5);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 48);
      cairo_move_to (cr, 72, 200);
      cairo_show_text (cr, page_words[i]);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (array);
}

/* A PNG of @width × @height in one colour. */
static GBytes *
make_png (int width,
          int height)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.8, 0.3, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, write_to_array, array), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (array);
}

/* Stores a material the way an import would, filled in by hand. */
static LankaRecord *
add_material (Fixture    *fixture,
              const char *kind,
              const char *title,
              const char *mime_type,
              GBytes     *data,
              guint       page_count,
              double      page_width,
              double      page_height)
{
  g_autoptr(LankaMaterialContent) content = lanka_material_content_new ();
  g_autoptr(GError) error = NULL;
  LankaRecord *material;

  content->kind = g_strdup (kind);
  content->title = g_strdup (title);
  content->file_name = g_strdup (title);
  content->mime_type = g_strdup (mime_type);
  content->data = g_bytes_ref (data);
  content->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  content->page_count = page_count;
  content->page_width = page_width;
  content->page_height = page_height;
  content->language = g_strdup ("sv");

  if (g_str_equal (mime_type, "application/pdf") && page_count == N_PAGES)
    {
      for (guint i = 0; i < N_PAGES; i++)
        g_ptr_array_add (content->page_texts, g_strdup (page_words[i]));
    }
  else if (g_str_has_prefix (mime_type, "text/"))
    {
      g_ptr_array_add (content->page_texts, g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data)));
    }
  else
    {
      for (guint i = 0; i < page_count; i++)
        g_ptr_array_add (content->page_texts, g_strdup (""));
    }

  material = lanka_materials_add (fixture->database, content, &error);
  g_assert_no_error (error);
  g_assert_nonnull (material);

  return material;
}

static LankaRecord *
add_pdf (Fixture *fixture)
{
  g_autoptr(GBytes) pdf = make_pdf ();

  return add_material (fixture, "slides", "Fem ord", "application/pdf", pdf, N_PAGES, 595, 842);
}

static const char *
visible_part (Fixture *fixture)
{
  GtkWidget *stack = lanka_test_find_by_id (GTK_WIDGET (fixture->viewer), "stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Read, and no longer fading from the loading page. */
static gboolean
is_loaded (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *stack = lanka_test_find_by_id (GTK_WIDGET (fixture->viewer), "stack");

  return g_strcmp0 (visible_part (fixture), "loading") != 0 &&
         !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static void
show (Fixture     *fixture,
      LankaRecord *material)
{
  lanka_material_viewer_set_material (fixture->viewer, fixture->database, material);
  g_assert_true (lanka_material_viewer_get_material (fixture->viewer) == material);
  lanka_test_iterate_until (is_loaded, fixture);
  lanka_test_iterate_a_while ();
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = lanka_test_find_by_id (GTK_WIDGET (fixture->viewer), id);

  g_assert_nonnull (widget);

  return widget;
}

/* The picture of page @number (from 1) in the column of pages. */
static GtkPicture *
get_page_picture (Fixture *fixture,
                  guint    number)
{
  GtkWidget *frame = gtk_widget_get_first_child (find (fixture, "pages_box"));

  for (guint i = 1; i < number && frame != NULL; i++)
    frame = gtk_widget_get_next_sibling (frame);
  g_assert_nonnull (frame);

  return GTK_PICTURE (lanka_test_find_child (frame, GTK_TYPE_PICTURE));
}

typedef struct
{
  Fixture *fixture;
  guint    page;
  int      min_width;
} Wanted;

static gboolean
page_has_texture (gpointer data)
{
  Wanted *wanted = data;
  GdkPaintable *paintable = gtk_picture_get_paintable (get_page_picture (wanted->fixture, wanted->page));

  return GDK_IS_TEXTURE (paintable) && gdk_texture_get_width (GDK_TEXTURE (paintable)) >= wanted->min_width;
}

static GdkTexture *
wait_for_texture (Fixture *fixture,
                  guint    page,
                  int      min_width)
{
  Wanted wanted = { fixture, page, min_width };

  lanka_test_iterate_until (page_has_texture, &wanted);

  return GDK_TEXTURE (gtk_picture_get_paintable (get_page_picture (fixture, page)));
}

/* How far below the top of the view page @number begins. */
static double
get_page_offset (Fixture *fixture,
                 guint    number)
{
  GtkWidget *frame = gtk_widget_get_parent (GTK_WIDGET (get_page_picture (fixture, number)));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (frame, find (fixture, "pages_window"),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));

  return point.y;
}

static gboolean
page_at_top (gpointer data)
{
  Wanted *wanted = data;
  double offset = get_page_offset (wanted->fixture, wanted->page);

  /* The gap above a page belongs to it. */
  return offset >= -1 && offset <= 13;
}

static void
wait_for_page_at_top (Fixture *fixture,
                      guint    page)
{
  Wanted wanted = { fixture, page, 0 };

  lanka_test_iterate_until (page_at_top, &wanted);
}

static const char *
get_text (Fixture    *fixture,
          const char *id)
{
  GtkWidget *widget = find (fixture, id);

  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));

  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
assert_page_shown (Fixture *fixture,
                   guint    page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *count = g_strdup_printf (_("of %u"), (guint)N_PAGES);

  g_assert_cmpuint (lanka_material_viewer_get_page (fixture->viewer), ==, page);
  g_assert_cmpstr (get_text (fixture, "page_entry"), ==, number);
  g_assert_cmpstr (get_text (fixture, "page_count_label"), ==, count);
}

static void
activate (Fixture    *fixture,
          const char *action,
          const char *target)
{
  if (target != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->viewer), action, "s", target));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->viewer), action, NULL));
  lanka_test_iterate_a_while ();
}

/* A PDF opens at its first page, is rendered, and turns by the API, by
 * the buttons' actions and by a number typed in the page entry; each
 * turn says so through notify::page and brings the page to the top.
 */
static void
test_pdf_pages (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  GtkWidget *entry;
  guint notified;

  show (fixture, material);
  g_assert_cmpstr (visible_part (fixture), ==, "document");
  assert_page_shown (fixture, 1);
  wait_for_texture (fixture, 1, 1);

  notified = fixture->page_notified;
  lanka_material_viewer_set_page (fixture->viewer, 3);
  assert_page_shown (fixture, 3);
  g_assert_cmpuint (fixture->page_notified, >, notified);
  wait_for_texture (fixture, 3, 1);
  wait_for_page_at_top (fixture, 3);
  /* Scrolling there does not make another page the current one. */
  lanka_test_iterate_a_while ();
  assert_page_shown (fixture, 3);

  activate (fixture, "viewer.next-page", NULL);
  assert_page_shown (fixture, 4);
  wait_for_page_at_top (fixture, 4);
  activate (fixture, "viewer.previous-page", NULL);
  activate (fixture, "viewer.previous-page", NULL);
  assert_page_shown (fixture, 2);
  wait_for_page_at_top (fixture, 2);

  entry = find (fixture, "page_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "5");
  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_a_while ();
  assert_page_shown (fixture, 5);
  wait_for_texture (fixture, 5, 1);

  /* A page that is not there changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "9");
  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (lanka_material_viewer_get_page (fixture->viewer), ==, 5);

  /* The last page has no next one. */
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (fixture->viewer),
                                                                          "viewer.next-page")));
}

/* Scrolling by hand changes the page the viewer reports. */
static void
test_pdf_scroll (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  GtkAdjustment *vadjustment;
  double offset;

  show (fixture, material);
  wait_for_texture (fixture, 1, 1);

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (find (fixture, "pages_window")));
  offset = get_page_offset (fixture, 4) - get_page_offset (fixture, 1);
  gtk_adjustment_set_value (vadjustment, offset);
  lanka_test_iterate_a_while ();

  assert_page_shown (fixture, 4);
  wait_for_texture (fixture, 4, 1);
}

/* Zooming in renders the pages bigger and keeps the page in view; Ctrl+0
 * goes back to the width of the view.
 */
static void
test_pdf_zoom (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  GtkWidget *zoom_button;
  g_autofree char *fit_label = NULL;
  GdkTexture *texture;
  int fit_width;
  int frame_width;

  show (fixture, material);
  zoom_button = find (fixture, "zoom_button");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (zoom_button)), ==, _("Fit Width"));

  lanka_material_viewer_set_page (fixture->viewer, 2);
  texture = wait_for_texture (fixture, 2, 1);
  fit_width = gdk_texture_get_width (texture);
  frame_width = gtk_widget_get_width (gtk_widget_get_parent (GTK_WIDGET (get_page_picture (fixture, 2))));
  /* Fit Width: the page fills the view but for its margins. */
  g_assert_cmpint (frame_width, >, 800 - 60);
  g_assert_cmpint (frame_width, <=, 800);

  activate (fixture, "viewer.zoom-in", NULL);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (zoom_button)), !=, _("Fit Width"));
  texture = wait_for_texture (fixture, 2, fit_width + 1);
  g_assert_cmpint (gdk_texture_get_width (texture), >, fit_width);
  g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_parent (GTK_WIDGET (get_page_picture (fixture, 2)))),
                   >, frame_width);
  g_assert_cmpuint (lanka_material_viewer_get_page (fixture->viewer), ==, 2);
  wait_for_page_at_top (fixture, 2);

  activate (fixture, "viewer.zoom", "50");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (zoom_button)), ==, (fit_label = g_strdup_printf (_("%d%%"), 50)));
  g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_parent (GTK_WIDGET (get_page_picture (fixture, 2)))),
                   ==, 397);
  /* The smallest zoom goes no smaller. */
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (fixture->viewer),
                                                                          "viewer.zoom-out")));
  g_assert_cmpuint (lanka_material_viewer_get_page (fixture->viewer), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->viewer), "viewer.zoom", "s", "fit-width"));
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (zoom_button)), ==, _("Fit Width"));
  g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_parent (GTK_WIDGET (get_page_picture (fixture, 2)))),
                   ==, frame_width);
}

/* Each frame takes longer than a frame's time, as on a busy computer
 * drawing a big window while something animates: the next frame is always
 * due, and the main loop is never idle until this stops.
 */
static gboolean
slow_frame_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  guint *n_frames = user_data;

  g_usleep (25 * 1000);
  (*n_frames)++;

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  guint *n_frames;
  guint  until;
} Frames;

static gboolean
frames_drawn (gpointer data)
{
  Frames *frames = data;

  return *frames->n_frames >= frames->until;
}

/* Lets @count more frames go by: time enough for anything that waits for
 * the next frame, none for what waits for the main loop to be idle.
 */
static void
wait_frames (guint *n_frames,
             guint  count)
{
  Frames frames = { n_frames, *n_frames + count };

  lanka_test_iterate_until (frames_drawn, &frames);
}

/* Fit Width: page @page is as wide as the column of pages but for its
 * margins (and a scrollbar, where scrollbars take room), and it is the
 * page at the top.
 */
static gboolean
window_is_1000_wide (gpointer data)
{
  return gtk_widget_get_width (data) == 1000;
}

static int
assert_page_fits_width (Fixture *fixture,
                        guint    page)
{
  int view_width = gtk_widget_get_width (find (fixture, "pages_window"));
  int frame_width = gtk_widget_get_width (gtk_widget_get_parent (GTK_WIDGET (get_page_picture (fixture, page))));

  g_assert_cmpint (frame_width, >, view_width - 2 * 12 - 20);
  g_assert_cmpint (frame_width, <=, view_width - 2 * 12);
  g_assert_cmpint (get_page_offset (fixture, page), >=, -1);
  g_assert_cmpint (get_page_offset (fixture, page), <=, 13);
  g_assert_cmpuint (lanka_material_viewer_get_page (fixture->viewer), ==, page);

  return frame_width;
}

/* In the Training part the viewer sits beside the material's details, on
 * a page that is still hidden while the material opens: it gets its width
 * only when that page is shown, and another one when the details move
 * below it in a narrow window or the window changes size.  Each time the
 * pages fit the new width from the next frames on, and are drawn at that
 * size, however busy the computer is with drawing.
 */
static void
test_pdf_fit_when_shown (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  GtkWidget *viewer = GTK_WIDGET (fixture->viewer);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *details = gtk_label_new (NULL);
  guint n_frames = 0;
  guint tick_id;
  int width_beside;
  int width_above;

  g_object_ref (viewer);
  gtk_window_set_child (fixture->window, NULL);
  gtk_widget_set_hexpand (viewer, TRUE);
  gtk_widget_set_vexpand (viewer, TRUE);
  gtk_box_append (GTK_BOX (box), viewer);
  g_object_unref (viewer);
  gtk_widget_set_size_request (details, 300, 200);
  gtk_box_append (GTK_BOX (box), details);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new (NULL), "library");
  gtk_stack_add_named (GTK_STACK (stack), box, "material");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "library");
  gtk_window_set_child (fixture->window, stack);
  lanka_test_iterate_a_while ();

  /* Opened at its second page while the page with the viewer is hidden. */
  lanka_material_viewer_set_material (fixture->viewer, fixture->database, material);
  lanka_material_viewer_set_page (fixture->viewer, 2);
  lanka_test_iterate_until (is_loaded, fixture);
  g_assert_cmpstr (visible_part (fixture), ==, "document");
  g_assert_false (gtk_widget_get_mapped (viewer));

  tick_id = gtk_widget_add_tick_callback (stack, slow_frame_cb, &n_frames, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "material");
  wait_frames (&n_frames, 4);
  g_assert_cmpint (gtk_widget_get_width (viewer), ==, gtk_widget_get_width (GTK_WIDGET (fixture->window)) - 300);
  width_beside = assert_page_fits_width (fixture, 2);
  wait_for_texture (fixture, 2, width_beside);

  /* The details move below: the viewer has the window's whole width. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_VERTICAL);
  wait_frames (&n_frames, 4);
  g_assert_cmpint (gtk_widget_get_width (viewer), ==, gtk_widget_get_width (GTK_WIDGET (fixture->window)));
  width_above = assert_page_fits_width (fixture, 2);
  g_assert_cmpint (width_above, >, width_beside);
  wait_for_texture (fixture, 2, width_above);

  /* Back beside it, and the window made wider. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_HORIZONTAL);
  wait_frames (&n_frames, 4);
  g_assert_cmpint (assert_page_fits_width (fixture, 2), ==, width_beside);
  gtk_window_set_default_size (fixture->window, 1000, 600);
  lanka_test_iterate_until (window_is_1000_wide, fixture->window);
  wait_frames (&n_frames, 4);
  g_assert_cmpint (gtk_widget_get_width (viewer), ==, 1000 - 300);
  g_assert_cmpint (assert_page_fits_width (fixture, 2), >, width_beside);

  gtk_widget_remove_tick_callback (stack, tick_id);
  save_screenshot (GTK_WIDGET (fixture->window), "beside");
}

/* Runs the shortcut of @widget's controllers in @phase that answers
 * @keyval with @modifiers, if any.
 */
static gboolean
activate_shortcut (GtkWidget           *widget,
                   GtkPropagationPhase  phase,
                   guint                keyval,
                   GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
            continue;

          if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

/* Presses @keyval with @modifiers where @widget is, in the order a key
 * travels: the capture phase from the window down, then the bubble
 * phase from @widget up.
 */
static void
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);

  for (guint i = 0; i < chain->len; i++)
    {
      if (activate_shortcut (chain->pdata[i], GTK_PHASE_CAPTURE, keyval, modifiers))
        goto done;
    }

  for (guint i = chain->len; i > 0; i--)
    {
      if (activate_shortcut (chain->pdata[i - 1], GTK_PHASE_BUBBLE, keyval, modifiers))
        goto done;
    }

  g_error ("No shortcut answers %s", gtk_accelerator_name (keyval, modifiers));

done:
  lanka_test_iterate_a_while ();
}

static gboolean
is_on_last_page (gpointer data)
{
  Fixture *fixture = data;

  return lanka_material_viewer_get_page (fixture->viewer) == N_PAGES;
}

/* The keys a person reading a document uses, from the pages. */
static void
test_pdf_keys (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  GtkWidget *pages_window;
  GtkWidget *zoom_button;

  show (fixture, material);
  pages_window = find (fixture, "pages_window");
  zoom_button = find (fixture, "zoom_button");
  gtk_widget_grab_focus (pages_window);
  g_assert_true (gtk_widget_has_focus (pages_window));

  press_shortcut (pages_window, GDK_KEY_Page_Down, 0);
  assert_page_shown (fixture, 2);
  wait_for_page_at_top (fixture, 2);
  press_shortcut (pages_window, GDK_KEY_Down, 0);
  assert_page_shown (fixture, 2);
  g_assert_cmpfloat (get_page_offset (fixture, 2), <, -1);
  /* End glides to the end; a page turned to afterwards stays put. */
  press_shortcut (pages_window, GDK_KEY_End, 0);
  lanka_test_iterate_until (is_on_last_page, fixture);
  press_shortcut (pages_window, GDK_KEY_Page_Up, 0);
  wait_for_page_at_top (fixture, N_PAGES - 1);
  lanka_test_iterate_for (0.5);
  assert_page_shown (fixture, N_PAGES - 1);
  wait_for_page_at_top (fixture, N_PAGES - 1);

  press_shortcut (pages_window, GDK_KEY_plus, GDK_CONTROL_MASK);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (zoom_button)), !=, _("Fit Width"));
  press_shortcut (pages_window, GDK_KEY_0, GDK_CONTROL_MASK);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (zoom_button)), ==, _("Fit Width"));
  press_shortcut (pages_window, GDK_KEY_minus, GDK_CONTROL_MASK);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (zoom_button)), !=, _("Fit Width"));

  press_shortcut (pages_window, GDK_KEY_F9, 0);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "thumbnails_revealer"))));
  press_shortcut (pages_window, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find (fixture, "search_bar"))));
}

static char *
dup_matches_label (guint match,
                   guint n_matches)
{
  return g_strdup_printf (ngettext ("%u of %u page", "%u of %u pages", n_matches), match, n_matches);
}

/* Search in the document goes to the page with the word and says how
 * many pages have it; a word that is nowhere says so.
 */
static void
test_pdf_search (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  g_autofree char *one_of_one = dup_matches_label (1, 1);
  GtkWidget *entry;

  show (fixture, material);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find (fixture, "search_bar"))));

  lanka_material_viewer_search (fixture->viewer, page_words[3]);
  lanka_test_iterate_a_while ();
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find (fixture, "search_bar"))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find (fixture, "search_button"))));
  assert_page_shown (fixture, 4);
  g_assert_cmpstr (get_text (fixture, "search_label"), ==, one_of_one);
  wait_for_texture (fixture, 4, 1);
  wait_for_page_at_top (fixture, 4);

  /* Enter in the entry goes round to the same, only, page. */
  entry = find (fixture, "search_entry");
  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_a_while ();
  assert_page_shown (fixture, 4);

  /* Typed by the person: the next match from the current page on. */
  gtk_editable_set_text (GTK_EDITABLE (entry), page_words[1]);
  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_a_while ();
  assert_page_shown (fixture, 2);
  g_assert_cmpstr (get_text (fixture, "search_label"), ==, one_of_one);

  gtk_editable_set_text (GTK_EDITABLE (entry), "zulu");
  g_signal_emit_by_name (entry, "activate");
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (get_text (fixture, "search_label"), ==, _("Not found"));
  assert_page_shown (fixture, 2);
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (fixture->viewer),
                                                                          "viewer.next-match")));

  /* Ctrl+F opens the bar again after it was closed. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (find (fixture, "search_bar")), FALSE);
  lanka_test_iterate_a_while ();
  activate (fixture, "viewer.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find (fixture, "search_bar"))));
}

/* A search asked for while the file is still being read runs when the
 * pages are there (the library opens a document at a hit this way).
 */
static void
test_pdf_search_before_loaded (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  g_autofree char *one_of_one = dup_matches_label (1, 1);

  lanka_material_viewer_set_material (fixture->viewer, fixture->database, material);
  lanka_material_viewer_search (fixture->viewer, page_words[4]);
  lanka_test_iterate_until (is_loaded, fixture);
  lanka_test_iterate_a_while ();

  assert_page_shown (fixture, 5);
  g_assert_cmpstr (get_text (fixture, "search_label"), ==, one_of_one);
  wait_for_texture (fixture, 5, 1);
}

static gboolean
thumbnails_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *view = find (fixture, "thumbnails_view");

  return gtk_widget_get_mapped (view) && lanka_test_find_child (view, GTK_TYPE_PICTURE) != NULL;
}

static gboolean
thumbnail_has_texture (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *view = find (fixture, "thumbnails_view");
  GtkWidget *picture = lanka_test_find_child (view, GTK_TYPE_PICTURE);

  return GDK_IS_TEXTURE (gtk_picture_get_paintable (GTK_PICTURE (picture)));
}

static gboolean
search_bar_revealed (gpointer data)
{
  GtkWidget *search_bar = find (data, "search_bar");
  GtkWidget *revealer = lanka_test_find_child (search_bar, GTK_TYPE_REVEALER);

  return gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* F9 shows small pictures of the pages with the current one selected;
 * choosing another goes there.
 */
static void
test_pdf_thumbnails (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);
  GtkSelectionModel *selection;

  show (fixture, material);
  lanka_material_viewer_set_page (fixture->viewer, 3);
  g_assert_false (gtk_widget_get_mapped (find (fixture, "thumbnails_view")));

  activate (fixture, "viewer.show-thumbnails", NULL);
  lanka_test_iterate_until (thumbnails_shown, fixture);
  lanka_test_iterate_until (thumbnail_has_texture, fixture);

  selection = gtk_list_view_get_model (GTK_LIST_VIEW (find (fixture, "thumbnails_view")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, N_PAGES);
  g_assert_true (gtk_selection_model_is_selected (selection, 2));

  gtk_selection_model_select_item (selection, 1, TRUE);
  lanka_test_iterate_a_while ();
  assert_page_shown (fixture, 2);
  wait_for_page_at_top (fixture, 2);

  lanka_material_viewer_search (fixture->viewer, page_words[2]);
  wait_for_texture (fixture, 3, 1);
  lanka_test_iterate_until (search_bar_revealed, fixture);
  save_screenshot (GTK_WIDGET (fixture->window), "pdf");

  activate (fixture, "viewer.show-thumbnails", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "thumbnails_revealer"))));
}

/* An image is shown at its own size when it fits, without page tools. */
static void
test_image (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GBytes) png = make_png (64, 48);
  g_autoptr(LankaRecord) material = add_material (fixture, "image", "Ruta", "image/png", png, 1, 64, 48);
  GtkPicture *picture;
  GdkPaintable *paintable;
  GtkWidget *frame;

  show (fixture, material);
  g_assert_cmpstr (visible_part (fixture), ==, "document");
  g_assert_false (gtk_widget_get_visible (find (fixture, "page_navigation")));

  picture = get_page_picture (fixture, 1);
  paintable = gtk_picture_get_paintable (picture);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 64);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 48);
  frame = gtk_widget_get_parent (GTK_WIDGET (picture));
  g_assert_cmpint (gtk_widget_get_width (frame), ==, 64);
  g_assert_cmpint (gtk_widget_get_height (frame), ==, 48);

  /* Zoomed to 200 %, it is twice as big on screen. */
  activate (fixture, "viewer.zoom", "200");
  g_assert_cmpint (gtk_widget_get_width (frame), ==, 128);
  g_assert_cmpint (gtk_widget_get_height (frame), ==, 96);
}

/* An SVG picture is drawn at the size it gives itself. */
static void
test_image_svg (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\">"
    "<rect width=\"40\" height=\"30\" fill=\"#1c71d8\"/></svg>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (svg, strlen (svg));
  g_autoptr(LankaRecord) material = add_material (fixture, "image", "Ruta", "image/svg+xml", bytes, 1, 40, 30);
  GdkPaintable *paintable;

  show (fixture, material);
  g_assert_cmpstr (visible_part (fixture), ==, "document");

  paintable = gtk_picture_get_paintable (get_page_picture (fixture, 1));
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 40);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 30);
}

/* A note shows its text, which can be selected but not changed. */
static void
test_note (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const char text[] = "# Samverkan\n\nRing Länsstyrelsens regionkoordinator först.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(LankaRecord) material = add_material (fixture, "note", "Samverkan", "text/markdown", bytes, 1, 0, 0);
  GtkTextView *view;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *shown = NULL;

  show (fixture, material);
  g_assert_cmpstr (visible_part (fixture), ==, "note");

  view = GTK_TEXT_VIEW (find (fixture, "note_view"));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  shown = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, text);
  g_assert_false (gtk_text_view_get_editable (view));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
}

/* The descriptors of this process that hold a film in memory. */
static guint
count_film_files (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "/memfd:"))
        n_files++;
    }

  return n_files;
}

static gboolean
has_no_film_files (gpointer data)
{
  return count_film_files () == 0;
}

static gboolean
shows_error (gpointer data)
{
  return g_strcmp0 (visible_part (data), "error") == 0;
}

/* A film the codecs cannot play says why in a sentence; its file in
 * memory is closed when the viewer moves on.
 */
static void
test_film_cannot_play (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char broken[] = "\0\0\0\x18" "ftypmp42 not really a film, only its first bytes";
  g_autoptr(GBytes) bytes = g_bytes_new_static (broken, sizeof broken - 1);
  g_autoptr(LankaRecord) material = add_material (fixture, "video", "Film", "video/mp4", bytes, 1, 0, 0);
  AdwStatusPage *status_page;

  g_assert_cmpuint (count_film_files (), ==, 0);
  lanka_material_viewer_set_material (fixture->viewer, fixture->database, material);
  lanka_test_iterate_until (shows_error, fixture);
  lanka_test_iterate_until (is_loaded, fixture);

  status_page = lanka_test_visible_status_page (GTK_WIDGET (fixture->viewer));
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (status_page), ==, _("Cannot Play the Film"));
  g_assert_nonnull (adw_status_page_get_description (status_page));
  g_assert_cmpuint (count_film_files (), >, 0);

  lanka_material_viewer_set_material (fixture->viewer, NULL, NULL);
  lanka_test_iterate_until (has_no_film_files, NULL);
}

/* A link shows its address and a button that opens it, and nothing
 * happens before the person presses it.
 */
static void
test_link (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(LankaMaterialContent) content = lanka_material_content_new ();
  g_autoptr(LankaRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  AdwStatusPage *status_page;
  GtkWidget *button;

  content->kind = g_strdup ("link");
  content->title = g_strdup ("Jämställdhetsmyndigheten");
  content->url = g_strdup ("https://www.jamstalldhetsmyndigheten.se/?a=1&b=2");
  content->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content->url, -1);
  content->page_count = 1;
  g_ptr_array_add (content->page_texts, g_strdup (""));
  material = lanka_materials_add (fixture->database, content, &error);
  g_assert_no_error (error);

  show (fixture, material);
  status_page = lanka_test_visible_status_page (GTK_WIDGET (fixture->viewer));
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (status_page), ==, "Jämställdhetsmyndigheten");
  g_assert_nonnull (strstr (adw_status_page_get_description (status_page), "jamstalldhetsmyndigheten.se"));
  button = lanka_test_find_action_button (GTK_WIDGET (status_page), "viewer.open-link");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Open Link"));
  g_assert_true (gtk_widget_is_sensitive (button));
}

/* A damaged PDF says so in a sentence instead of showing empty pages. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const char damaged[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage, not a PDF\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (damaged, strlen (damaged));
  g_autoptr(LankaRecord) material = add_material (fixture, "document", "Trasig", "application/pdf",
                                                  bytes, 1, 595, 842);
  AdwStatusPage *status_page;

  show (fixture, material);
  g_assert_cmpstr (visible_part (fixture), ==, "error");
  status_page = lanka_test_visible_status_page (GTK_WIDGET (fixture->viewer));
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (status_page), ==, _("The Material Cannot Be Shown"));
  g_assert_nonnull (adw_status_page_get_description (status_page));
  g_assert_cmpuint (strlen (adw_status_page_get_description (status_page)), >, 10);
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (fixture->viewer),
                                                                          "viewer.zoom-in")));
}

/* Nothing: what the viewer shows while Länka is locked.  No page, no
 * picture and no text of the material is left behind.
 */
static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LankaRecord) material = add_pdf (fixture);

  show (fixture, material);
  lanka_material_viewer_search (fixture->viewer, page_words[2]);
  wait_for_texture (fixture, 3, 1);

  lanka_material_viewer_set_material (fixture->viewer, NULL, NULL);
  lanka_test_iterate_a_while ();

  g_assert_null (lanka_material_viewer_get_material (fixture->viewer));
  g_assert_cmpuint (lanka_material_viewer_get_page (fixture->viewer), ==, 0);
  g_assert_cmpstr (visible_part (fixture), ==, "empty");
  g_assert_null (gtk_widget_get_first_child (find (fixture, "pages_box")));
  g_assert_cmpstr (get_text (fixture, "search_entry"), ==, "");
  g_assert_null (lanka_test_visible_status_page (GTK_WIDGET (fixture->viewer)));
  g_assert_false (gtk_widget_is_sensitive (lanka_test_find_action_button (GTK_WIDGET (fixture->viewer),
                                                                          "viewer.next-page")));

  /* And it can show something again afterwards. */
  show (fixture, material);
  assert_page_shown (fixture, 1);
  wait_for_texture (fixture, 1, 1);
}

int
main (int   argc,
      char *argv[])
{
  lanka_test_ui_init (&argc, &argv);

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/ui/material-viewer/pdf/pages", test_pdf_pages);
  ADD_TEST ("/ui/material-viewer/pdf/scroll", test_pdf_scroll);
  ADD_TEST ("/ui/material-viewer/pdf/zoom", test_pdf_zoom);
  ADD_TEST ("/ui/material-viewer/pdf/fit-when-shown", test_pdf_fit_when_shown);
  ADD_TEST ("/ui/material-viewer/pdf/keys", test_pdf_keys);
  ADD_TEST ("/ui/material-viewer/pdf/search", test_pdf_search);
  ADD_TEST ("/ui/material-viewer/pdf/search-before-loaded", test_pdf_search_before_loaded);
  ADD_TEST ("/ui/material-viewer/pdf/thumbnails", test_pdf_thumbnails);
  ADD_TEST ("/ui/material-viewer/image", test_image);
  ADD_TEST ("/ui/material-viewer/image-svg", test_image_svg);
  ADD_TEST ("/ui/material-viewer/note", test_note);
  ADD_TEST ("/ui/material-viewer/link", test_link);
  ADD_TEST ("/ui/material-viewer/film-cannot-play", test_film_cannot_play);
  ADD_TEST ("/ui/material-viewer/damaged", test_damaged);
  ADD_TEST ("/ui/material-viewer/empty", test_empty);

#undef ADD_TEST

  return g_test_run ();
}
