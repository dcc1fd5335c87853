/* test-ui-presenter.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lanka-audience-window.h"
#include "lanka-io-error.h"
#include "lanka-lock-monitor.h"
#include "lanka-materials.h"
#include "lanka-monitor-dialog.h"
#include "lanka-presenter-console.h"
#include "lanka-presenter.h"
#include "lanka-test-ui.h"

/* The presenter as a trainer meets it in rehearsal mode, with a deck of
 * four pages of different colours: both windows open as ordinary windows,
 * the audience sees page 1, the keys a clicker sends turn pages, blank
 * the screen and freeze it, the overview and go-to choose a page, the
 * notes of page 2 show and are saved when edited, Escape ends.  Locking
 * (lanka_presenter_end from outside) closes everything; a course of
 * notes only cannot be presented; the screen dialog lists the monitor.
 * Länka's idle lock waits while a presentation runs, Ctrl+L does not.
 * The audience window holds nothing but the material, and full screen
 * its handle takes no clicks.  When a screen is unplugged the windows move
 * to the screens left, or it becomes rehearsal; Xvfb has one screen, so
 * the projector and the laptop are stand-in monitors there.
 *
 * Keys go through the windows' own key controller, the way a key press
 * reaches it.
 *
 * With LANKA_TEST_SCREENSHOT_DIR set, pictures of the console (at the
 * smallest size it is made for) and of the audience view are saved there.
 */

#define NOTE_PAGE_2 "Ask the room who has met a case like this."

typedef struct
{
  double red;
  double green;
  double blue;
} Colour;

static const Colour page_colours[] = {
  { 0.8, 0.1, 0.1 },
  { 0.1, 0.7, 0.2 },
  { 0.1, 0.2, 0.8 },
  { 0.9, 0.8, 0.1 },
};

static LankaApplication *app;

static LankaDatabase *
get_database (void)
{
  return lanka_application_get_database (app);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* Four pages, each filled with its colour and its number; @title makes
 * the file a new one for the library.
 */
static GBytes *
make_deck (const char *title)
{
  GByteArray *buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, buffer, 640, 360);
  cr = cairo_create (surface);

  for (guint i = 0; i < G_N_ELEMENTS (page_colours); i++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      g_autofree char *text = g_strdup_printf ("%s %u", title, i + 1);

      cairo_set_source_rgb (cr, page_colours[i].red, page_colours[i].green, page_colours[i].blue);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, 20, 20);
      pango_layout_set_text (layout, text, -1);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
      g_object_unref (layout);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (buffer);
}

static LankaRecord *
add_deck (const char *title)
{
  g_autoptr(LankaMaterialContent) content = lanka_material_content_new ();
  g_autoptr(GError) error = NULL;
  LankaRecord *material;

  content->kind = g_strdup ("slides");
  content->title = g_strdup (title);
  content->file_name = g_strdup_printf ("%s.pdf", title);
  content->mime_type = g_strdup ("application/pdf");
  content->data = make_deck (title);
  content->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content->data);
  content->page_count = G_N_ELEMENTS (page_colours);
  content->page_width = 640;
  content->page_height = 360;
  for (guint i = 0; i < G_N_ELEMENTS (page_colours); i++)
    g_ptr_array_add (content->page_texts, g_strdup_printf ("%s %u", title, i + 1));
  content->language = g_strdup ("en");

  material = lanka_materials_add (get_database (), content, &error);
  g_assert_no_error (error);
  g_assert_nonnull (material);

  lanka_presenter_notes_set (get_database (), lanka_record_get_uuid (material), 2, NOTE_PAGE_2,
                             &error);
  g_assert_no_error (error);

  return material;
}

static LankaRecord *
add_note (const char *title)
{
  g_autoptr(LankaMaterialContent) content = lanka_material_content_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("# %s\n\nRemember the handouts.\n", title);
  LankaRecord *material;

  content->kind = g_strdup ("note");
  content->title = g_strdup (title);
  content->file_name = g_strdup_printf ("%s.md", title);
  content->mime_type = g_strdup ("text/markdown");
  content->data = g_bytes_new (text, strlen (text));
  content->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content->data);
  content->page_count = 1;
  g_ptr_array_add (content->page_texts, g_strdup (text));

  material = lanka_materials_add (get_database (), content, &error);
  g_assert_no_error (error);

  return material;
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

  /* A window that was just resized has not drawn its next frame yet. */
  lanka_test_iterate_for (0.6);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("presenter-%s-%d-%s.png", name, width, g_getenv ("LANGUAGE") ?: "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

typedef struct
{
  LankaPresenter *presenter;
  guint           n_ended;
  LankaRecord    *material;
} Run;

static void
on_ended_cb (LankaPresenter *presenter,
             Run            *run)
{
  run->n_ended++;
}

/* With both monitors full screen on them, else in rehearsal. */
static void
run_start_on (Run        *run,
              const char *title,
              GdkMonitor *audience,
              GdkMonitor *console)
{
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  lanka_test_ensure_unlocked (app);
  run->material = add_deck (title);
  g_ptr_array_add (materials, g_object_ref (run->material));
  run->presenter = lanka_presenter_new (GTK_APPLICATION (app), get_database (), materials, 0);
  run->n_ended = 0;
  g_signal_connect (run->presenter, "ended", G_CALLBACK (on_ended_cb), run);

  if (audience != NULL && console != NULL)
    g_assert_true (lanka_presenter_start_on (run->presenter, 0, audience, console, &error));
  else
    g_assert_true (lanka_presenter_start (run->presenter, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lanka_presenter_get_n_slides (run->presenter), ==, 4);
  lanka_test_iterate_until (lanka_test_is_mapped, lanka_presenter_get_console (run->presenter));
  lanka_test_iterate_until (lanka_test_is_mapped, lanka_presenter_get_audience (run->presenter));
}

static void
run_start (Run        *run,
           const char *title)
{
  run_start_on (run, title, NULL, NULL);
}

static void
run_finish (Run *run)
{
  g_clear_object (&run->material);
  g_assert_finalize_object (run->presenter);
  run->presenter = NULL;
}

static GtkWidget *
get_console (Run *run)
{
  return GTK_WIDGET (lanka_presenter_get_console (run->presenter));
}

static GtkWidget *
get_audience (Run *run)
{
  return GTK_WIDGET (lanka_presenter_get_audience (run->presenter));
}

/* Presses @keyval on @window through the presenter's key controller. */
static gboolean
press_on (GtkWidget       *window,
          guint            keyval,
          GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          g_strcmp0 (gtk_event_controller_get_name (controller), "lanka-presenter-keys") != 0)
        continue;

      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      lanka_test_iterate_a_while ();
      return handled;
    }

  g_error ("The window has no presenter key controller");
}

static void
press (Run   *run,
       guint  keyval)
{
  g_assert_true (press_on (get_console (run), keyval, 0));
}

static const char *
get_counter (Run *run)
{
  return gtk_label_get_label (GTK_LABEL (lanka_test_find_by_id (get_console (run),
                                                                "counter_label")));
}

static char *
dup_notes (Run *run)
{
  GtkTextView *view = GTK_TEXT_VIEW (lanka_test_find_by_id (get_console (run), "notes_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Which page of the deck @paintable shows, by the colour at its middle;
 * -1 for none.
 */
static int
get_page_of (GdkPaintable *paintable)
{
  g_autofree guchar *data = NULL;
  GdkTexture *texture;
  int width;
  int height;
  const guchar *pixel;

  if (!GDK_IS_TEXTURE (paintable))
    return -1;

  texture = GDK_TEXTURE (paintable);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  data = g_malloc (width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  /* Below the page number, in the middle: BGRA */
  pixel = data + (height / 2 * width + width / 2) * 4;

  for (guint i = 0; i < G_N_ELEMENTS (page_colours); i++)
    {
      if (ABS (pixel[2] - page_colours[i].red * 255) < 24 &&
          ABS (pixel[1] - page_colours[i].green * 255) < 24 &&
          ABS (pixel[0] - page_colours[i].blue * 255) < 24)
        return i;
    }

  return -1;
}

typedef struct
{
  GtkPicture *picture;
  int         page;
} Wanted;

static gboolean
shows_page (gpointer data)
{
  Wanted *wanted = data;

  return get_page_of (gtk_picture_get_paintable (wanted->picture)) == wanted->page;
}

static void
assert_audience_page (Run *run,
                      int  page)
{
  LankaAudienceWindow *audience = LANKA_AUDIENCE_WINDOW (get_audience (run));
  Wanted wanted = { lanka_audience_window_get_picture (audience), page };

  lanka_test_iterate_until (shows_page, &wanted);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wanted.picture)));
}

static void
assert_picture_page (Run        *run,
                     const char *id,
                     int         page)
{
  Wanted wanted = { GTK_PICTURE (lanka_test_find_by_id (get_console (run), id)), page };

  lanka_test_iterate_until (shows_page, &wanted);
}

static gboolean
is_ended (gpointer data)
{
  Run *run = data;

  return run->n_ended > 0;
}

static void
test_rehearsal (void)
{
  Run run = { 0 };
  GtkWidget *console;
  GtkWidget *audience;
  GtkWidget *black;
  GtkWidget *white;
  GtkWidget *picture;
  g_autofree char *notes = NULL;

  run_start (&run, "Keys");
  console = get_console (&run);
  audience = get_audience (&run);
  g_object_add_weak_pointer (G_OBJECT (console), (gpointer *) &console);
  g_object_add_weak_pointer (G_OBJECT (audience), (gpointer *) &audience);

  /* Rehearsal: two ordinary windows. */
  g_assert_true (lanka_presenter_get_rehearsal (run.presenter));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (console)));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (audience)));
  g_assert_true (LANKA_IS_PRESENTER_CONSOLE (console));
  g_assert_true (LANKA_IS_AUDIENCE_WINDOW (audience));

  assert_audience_page (&run, 0);
  assert_picture_page (&run, "current_picture", 0);
  assert_picture_page (&run, "next_picture", 1);
  g_assert_cmpstr (get_counter (&run), ==, "1 / 4");
  notes = dup_notes (&run);
  g_assert_cmpstr (notes, ==, "");
  g_clear_pointer (&notes, g_free);

  /* Next, from either window, with the keys clickers send */
  press (&run, GDK_KEY_Right);
  g_assert_cmpstr (get_counter (&run), ==, "2 / 4");
  assert_audience_page (&run, 1);
  assert_picture_page (&run, "next_picture", 2);
  notes = dup_notes (&run);
  g_assert_cmpstr (notes, ==, NOTE_PAGE_2);
  g_clear_pointer (&notes, g_free);
  gtk_window_set_default_size (GTK_WINDOW (console), 1024, 600);
  save_screenshot (console, "console");
  save_screenshot (audience, "audience");

  g_assert_true (press_on (audience, GDK_KEY_space, 0));
  g_assert_cmpstr (get_counter (&run), ==, "3 / 4");
  assert_audience_page (&run, 2);
  press (&run, GDK_KEY_Page_Down);
  g_assert_cmpstr (get_counter (&run), ==, "4 / 4");
  assert_audience_page (&run, 3);
  g_assert_true (lanka_test_is_mapped (lanka_test_find_by_id (console, "end_label")));

  press (&run, GDK_KEY_Left);
  g_assert_cmpstr (get_counter (&run), ==, "3 / 4");
  g_assert_false (lanka_test_is_mapped (lanka_test_find_by_id (console, "end_label")));
  press (&run, GDK_KEY_Home);
  g_assert_cmpstr (get_counter (&run), ==, "1 / 4");
  assert_audience_page (&run, 0);
  press (&run, GDK_KEY_End);
  g_assert_cmpstr (get_counter (&run), ==, "4 / 4");

  /* Go to: the digits show while typed */
  press (&run, GDK_KEY_2);
  g_assert_true (lanka_test_is_mapped (lanka_test_find_by_id (console, "goto_label")));
  press (&run, GDK_KEY_Return);
  g_assert_cmpstr (get_counter (&run), ==, "2 / 4");
  g_assert_false (lanka_test_is_mapped (lanka_test_find_by_id (console, "goto_label")));
  assert_audience_page (&run, 1);

  /* Black and white screens fill the audience window */
  black = lanka_test_find_by_id (audience, "black_screen");
  white = lanka_test_find_by_id (audience, "white_screen");
  picture = GTK_WIDGET (lanka_audience_window_get_picture (LANKA_AUDIENCE_WINDOW (audience)));
  press (&run, GDK_KEY_b);
  g_assert_true (lanka_test_is_mapped (black));
  g_assert_false (lanka_test_is_mapped (picture));
  g_assert_true (lanka_test_is_mapped (lanka_test_find_by_id (console, "black_chip")));
  press (&run, GDK_KEY_b);
  g_assert_false (lanka_test_is_mapped (black));
  g_assert_true (lanka_test_is_mapped (picture));
  press (&run, GDK_KEY_w);
  g_assert_true (lanka_test_is_mapped (white));
  g_assert_false (lanka_test_is_mapped (picture));
  g_assert_true (lanka_test_is_mapped (lanka_test_find_by_id (console, "white_chip")));
  press (&run, GDK_KEY_w);
  g_assert_true (lanka_test_is_mapped (picture));
  g_assert_false (lanka_test_is_mapped (lanka_test_find_by_id (console, "white_chip")));

  /* Freeze: the audience keeps page 2 while the console moves on */
  press (&run, GDK_KEY_f);
  g_assert_true (lanka_test_is_mapped (lanka_test_find_by_id (console, "frozen_chip")));
  press (&run, GDK_KEY_Right);
  g_assert_cmpstr (get_counter (&run), ==, "3 / 4");
  assert_picture_page (&run, "current_picture", 2);
  g_assert_cmpint (get_page_of (gtk_picture_get_paintable (GTK_PICTURE (picture))), ==, 1);
  press (&run, GDK_KEY_f);
  assert_audience_page (&run, 2);
  g_assert_false (lanka_test_is_mapped (lanka_test_find_by_id (console, "frozen_chip")));

  /* The overview on Tab: the arrows move in it, Enter chooses */
  press (&run, GDK_KEY_Tab);
  g_assert_true (lanka_test_is_mapped (lanka_test_find_by_id (console, "overview_grid")));
  press (&run, GDK_KEY_Right);
  press (&run, GDK_KEY_Return);
  g_assert_false (lanka_test_is_mapped (lanka_test_find_by_id (console, "overview_grid")));
  g_assert_cmpstr (get_counter (&run), ==, "4 / 4");
  assert_audience_page (&run, 3);

  /* A click on a page of the overview chooses it too */
  press (&run, GDK_KEY_Tab);
  g_signal_emit_by_name (lanka_test_find_by_id (console, "overview_grid"), "activate", 0);
  lanka_test_iterate_a_while ();
  g_assert_cmpstr (get_counter (&run), ==, "1 / 4");
  assert_audience_page (&run, 0);

  /* Escape ends: both windows go, ::ended once */
  press (&run, GDK_KEY_Escape);
  lanka_test_iterate_until (is_ended, &run);
  lanka_test_iterate_until (lanka_test_is_cleared, &console);
  lanka_test_iterate_until (lanka_test_is_cleared, &audience);
  g_assert_null (lanka_presenter_get_console (run.presenter));
  g_assert_null (lanka_presenter_get_audience (run.presenter));
  lanka_presenter_end (run.presenter);
  lanka_test_iterate_a_while ();
  g_assert_cmpuint (run.n_ended, ==, 1);

  run_finish (&run);
}

typedef struct
{
  const char *uuid;
  guint       page;
  const char *text;
} StoredNote;

static gboolean
note_is_stored (gpointer data)
{
  StoredNote *note = data;
  g_autofree char *text = lanka_presenter_notes_get (get_database (), note->uuid, note->page, NULL);

  return g_strcmp0 (text, note->text) == 0;
}

static void
test_notes (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.lanka.Lanka");
  Run run = { 0 };
  GtkWidget *view;
  GtkTextBuffer *buffer;
  g_autofree char *stored = NULL;
  g_autofree char *notes = NULL;
  StoredNote note;
  const char *uuid;

  g_settings_set_double (settings, "presenter-notes-font-scale", 1.0);
  run_start (&run, "Notes");
  uuid = lanka_record_get_uuid (run.material);
  view = lanka_test_find_by_id (get_console (&run), "notes_view");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  press (&run, GDK_KEY_Right);
  notes = dup_notes (&run);
  g_assert_cmpstr (notes, ==, NOTE_PAGE_2);

  /* While the notes have the keyboard, keys type and turn nothing */
  g_assert_true (gtk_widget_grab_focus (view));
  g_assert_false (press_on (get_console (&run), GDK_KEY_Right, 0));
  g_assert_false (press_on (get_console (&run), GDK_KEY_b, 0));
  g_assert_cmpstr (get_counter (&run), ==, "2 / 4");
  gtk_text_buffer_set_text (buffer, "Show the film first.", -1);

  /* Escape gives the keyboard back to the slides, without ending */
  g_assert_true (press_on (get_console (&run), GDK_KEY_Escape, 0));
  g_assert_false (gtk_widget_is_focus (view));
  g_assert_cmpuint (run.n_ended, ==, 0);

  /* Leaving the page saves its notes */
  press (&run, GDK_KEY_Right);
  g_assert_cmpstr (get_counter (&run), ==, "3 / 4");
  stored = lanka_presenter_notes_get (get_database (), uuid, 2, NULL);
  g_assert_cmpstr (stored, ==, "Show the film first.");

  /* A pause in typing saves them too */
  gtk_text_buffer_set_text (buffer, "Hand out the leaflet.", -1);
  note = (StoredNote) { uuid, 3, "Hand out the leaflet." };
  lanka_test_iterate_until (note_is_stored, &note);

  /* Ctrl+plus and Ctrl+minus change the notes' size, remembered */
  g_assert_true (press_on (get_console (&run), GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "presenter-notes-font-scale"),
                                  1.1, 0.001);
  g_assert_true (press_on (get_console (&run), GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_true (press_on (get_console (&run), GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "presenter-notes-font-scale"),
                                  0.9, 0.001);
  g_assert_cmpstr (get_counter (&run), ==, "3 / 4");
  g_settings_set_double (settings, "presenter-notes-font-scale", 1.0);

  /* The notes being edited are kept when the presentation ends */
  gtk_text_buffer_set_text (buffer, "Last words.", -1);
  lanka_presenter_end (run.presenter);
  g_clear_pointer (&stored, g_free);
  stored = lanka_presenter_notes_get (get_database (), uuid, 3, NULL);
  g_assert_cmpstr (stored, ==, "Last words.");

  run_finish (&run);
}

/* Notes that cannot be saved (here: the material was deleted meanwhile)
 * are not lost: the console says so, and the slide keeps them.
 */
static void
test_notes_not_saved (void)
{
  Run run = { 0 };
  GtkWidget *view;
  GtkWidget *error_label;
  GtkTextBuffer *buffer;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *not_saved = g_strdup_printf (_("The notes were not saved: %s"), "");

  run_start (&run, "Notes Kept");
  view = lanka_test_find_by_id (get_console (&run), "notes_view");
  error_label = lanka_test_find_by_id (get_console (&run), "notes_error_label");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_assert_false (gtk_widget_get_visible (error_label));

  gtk_text_buffer_set_text (buffer, "Ask who has met this.", -1);
  g_assert_true (lanka_materials_delete (get_database (), lanka_record_get_uuid (run.material), &error));
  g_assert_no_error (error);

  press (&run, GDK_KEY_Right);
  g_assert_cmpstr (get_counter (&run), ==, "2 / 4");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)), not_saved));

  press (&run, GDK_KEY_Left);
  g_assert_cmpstr (get_counter (&run), ==, "1 / 4");
  notes = dup_notes (&run);
  g_assert_cmpstr (notes, ==, "Ask who has met this.");

  run_finish (&run);
}

static void
test_end_from_outside (void)
{
  Run run = { 0 };
  GtkWidget *console;
  GtkWidget *audience;

  run_start (&run, "Locked");
  console = get_console (&run);
  audience = get_audience (&run);
  g_object_add_weak_pointer (G_OBJECT (console), (gpointer *) &console);
  g_object_add_weak_pointer (G_OBJECT (audience), (gpointer *) &audience);

  /* What locking Länka does */
  lanka_presenter_end (run.presenter);
  g_assert_cmpuint (run.n_ended, ==, 1);
  lanka_test_iterate_until (lanka_test_is_cleared, &console);
  lanka_test_iterate_until (lanka_test_is_cleared, &audience);
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_PRESENTER_CONSOLE));
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_AUDIENCE_WINDOW));

  lanka_presenter_end (run.presenter);
  g_assert_cmpuint (run.n_ended, ==, 1);

  run_finish (&run);
}

static void
test_nothing_to_present (void)
{
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LankaPresenter) presenter = NULL;
  g_autoptr(GError) error = NULL;

  lanka_test_ensure_unlocked (app);
  g_ptr_array_add (materials, add_note ("Handouts"));
  presenter = lanka_presenter_new (GTK_APPLICATION (app), get_database (), materials, 0);

  g_assert_false (lanka_presenter_start (presenter, 0, TRUE, &error));
  g_assert_error (error, LANKA_IO_ERROR, LANKA_IO_ERROR_UNSUPPORTED);
  /* A sentence for the trainer */
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (lanka_presenter_get_console (presenter));
  g_assert_null (lanka_test_find_toplevel (LANKA_TYPE_AUDIENCE_WINDOW));
}

static void
on_start_cb (LankaMonitorDialog *dialog,
             gboolean           *started)
{
  *started = TRUE;
}

static gboolean
has_monitor_dialog (gpointer data)
{
  return lanka_test_find_toplevel (LANKA_TYPE_MONITOR_DIALOG) != NULL;
}

static void
test_monitor_dialog (void)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  g_autofree char *name = lanka_monitor_dialog_dup_monitor_name (monitor, 0);
  LankaMonitorDialog *dialog;
  GtkWidget *row;
  GtkWidget *rehearsal;
  gboolean started = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (monitors), ==, 1);
  if (gdk_monitor_get_connector (monitor) != NULL)
    g_assert_cmpstr (name, ==, gdk_monitor_get_connector (monitor));

  dialog = lanka_monitor_dialog_new (NULL, 45);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "start", G_CALLBACK (on_start_cb), &started);
  gtk_window_present (GTK_WINDOW (dialog));
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);

  /* The monitor by its connector; one screen means rehearsal, said so */
  row = lanka_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, name);
  g_assert_nonnull (row);
  rehearsal = lanka_test_find_by_id (GTK_WIDGET (dialog), "rehearsal_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (rehearsal)));
  g_assert_false (gtk_widget_is_sensitive (rehearsal));
  g_assert_true (lanka_monitor_dialog_get_rehearsal (dialog));
  g_assert_null (lanka_monitor_dialog_get_audience (dialog));
  g_assert_cmpuint (lanka_monitor_dialog_get_planned_minutes (dialog), ==, 45);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "monitor.start", NULL));
  lanka_test_iterate_until (lanka_test_is_cleared, &dialog);
  g_assert_true (started);
}

static void
test_choose_and_start (void)
{
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  GtkWidget *dialog;

  lanka_test_ensure_unlocked (app);
  run.material = add_deck ("Chosen");
  g_ptr_array_add (materials, g_object_ref (run.material));

  /* Cancelled: nothing opens, and the caller hears it ended */
  run.presenter = lanka_presenter_new (GTK_APPLICATION (app), get_database (), materials, 30);
  g_signal_connect (run.presenter, "ended", G_CALLBACK (on_ended_cb), &run);
  g_assert_true (lanka_presenter_choose_and_start (run.presenter, NULL, 0, &error));
  g_assert_no_error (error);
  lanka_test_iterate_until (has_monitor_dialog, NULL);
  dialog = lanka_test_find_toplevel (LANKA_TYPE_MONITOR_DIALOG);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  lanka_test_iterate_until (is_ended, &run);
  g_assert_null (lanka_presenter_get_console (run.presenter));
  g_assert_finalize_object (run.presenter);

  /* Started from the dialog: rehearsal on the single screen, from slide 2 */
  run.n_ended = 0;
  run.presenter = lanka_presenter_new (GTK_APPLICATION (app), get_database (), materials, 30);
  g_signal_connect (run.presenter, "ended", G_CALLBACK (on_ended_cb), &run);
  g_assert_true (lanka_presenter_choose_and_start (run.presenter, NULL, 1, &error));
  g_assert_no_error (error);
  lanka_test_iterate_until (has_monitor_dialog, NULL);
  dialog = lanka_test_find_toplevel (LANKA_TYPE_MONITOR_DIALOG);
  lanka_test_iterate_until (lanka_test_is_mapped, dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "monitor.start", NULL));
  lanka_test_iterate_a_while ();
  g_assert_nonnull (lanka_presenter_get_console (run.presenter));
  lanka_test_iterate_until (lanka_test_is_mapped, lanka_presenter_get_audience (run.presenter));
  g_assert_true (lanka_presenter_get_rehearsal (run.presenter));
  g_assert_cmpstr (get_counter (&run), ==, "2 / 4");
  assert_audience_page (&run, 1);
  g_assert_cmpuint (lanka_presentation_get_planned (lanka_presenter_get_presentation (run.presenter)),
                    ==, 30 * 60);

  lanka_presenter_end (run.presenter);
  g_assert_cmpuint (run.n_ended, ==, 1);
  run_finish (&run);
}

static gboolean
is_locked (gpointer data)
{
  return lanka_application_get_database (app) == NULL;
}

static void
test_idle_lock (void)
{
  LankaLockMonitor *monitor = lanka_application_get_lock_monitor (app);
  GSettings *settings = lanka_application_get_settings (app);
  gint64 eleven_minutes = (gint64) 11 * 60 * G_USEC_PER_SEC;
  Run run = { 0 };

  g_assert_nonnull (monitor);
  g_settings_set_uint (settings, "idle-lock-minutes", 10);

  /* Eleven minutes over one slide, or of a film, without a key: the
   * presentation goes on.
   */
  run_start (&run, "Long talk");
  g_assert_true (lanka_lock_monitor_get_idle_held (monitor));
  lanka_lock_monitor_check_idle (monitor, g_get_monotonic_time () + eleven_minutes);
  lanka_test_iterate_a_while ();
  g_assert_nonnull (get_database ());
  g_assert_cmpuint (run.n_ended, ==, 0);
  g_assert_true (lanka_test_is_mapped (get_audience (&run)));

  /* After it, idleness locks again. */
  lanka_presenter_end (run.presenter);
  g_assert_false (lanka_lock_monitor_get_idle_held (monitor));
  lanka_lock_monitor_check_idle (monitor, g_get_monotonic_time () + eleven_minutes);
  lanka_test_iterate_until (is_locked, NULL);
  run_finish (&run);

  /* Ctrl+L locks at once while presenting, also typed on the audience
   * window, which belongs to no application.
   */
  run_start (&run, "Locked at once");
  g_assert_true (press_on (get_audience (&run), GDK_KEY_l, GDK_CONTROL_MASK));
  lanka_test_iterate_until (is_locked, NULL);
  lanka_presenter_end (run.presenter);
  g_assert_false (lanka_lock_monitor_get_idle_held (monitor));
  run_finish (&run);

  /* A presenter that is let go without ending releases the hold too. */
  run_start (&run, "Let go");
  g_assert_true (lanka_lock_monitor_get_idle_held (monitor));
  g_clear_object (&run.material);
  g_clear_object (&run.presenter);
  g_assert_false (lanka_lock_monitor_get_idle_held (monitor));

  lanka_test_ensure_unlocked (app);
}

/* Whether a click at the middle of @window would reach its handle, which
 * moves, maximises and unfullscreens the window.
 */
static gboolean
click_reaches_handle (GtkWidget *window)
{
  GtkWidget *handle = lanka_test_find_child (window, GTK_TYPE_WINDOW_HANDLE);
  GtkWidget *picked;

  g_assert_nonnull (handle);
  picked = gtk_widget_pick (window, gtk_widget_get_width (window) / 2.0,
                            gtk_widget_get_height (window) / 2.0, GTK_PICK_DEFAULT);

  return picked != NULL && (picked == handle || gtk_widget_is_ancestor (picked, handle));
}

static void
assert_only_material (GtkWidget *audience)
{
  g_autoptr(GPtrArray) widgets = lanka_test_collect_widgets (audience, GTK_TYPE_WIDGET);
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Not the application's: its dialogs and shortcuts never come here. */
  g_assert_null (gtk_window_get_application (GTK_WINDOW (audience)));
  g_assert_false (gtk_widget_get_has_tooltip (audience));

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);

      g_assert_false (gtk_widget_get_has_tooltip (widget));
      g_assert_false (ADW_IS_TOAST_OVERLAY (widget));
      g_assert_false (GTK_IS_POPOVER (widget));
      g_assert_false (ADW_IS_HEADER_BAR (widget));
      g_assert_false (GTK_IS_HEADER_BAR (widget));
    }

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      g_assert_true (gtk_window_get_transient_for (window) != GTK_WINDOW (audience));
    }
}

static void
test_only_material (void)
{
  Run run = { 0 };
  GtkWidget *audience;

  run_start (&run, "Nothing else");
  audience = get_audience (&run);

  /* In rehearsal the whole window is a handle to move it by. */
  g_assert_true (click_reaches_handle (audience));
  assert_only_material (audience);

  /* Not after turning pages, blanking, or the overview on the console */
  press (&run, GDK_KEY_Right);
  press (&run, GDK_KEY_b);
  press (&run, GDK_KEY_b);
  press (&run, GDK_KEY_Tab);
  g_assert_true (lanka_test_is_mapped (lanka_test_find_by_id (get_console (&run),
                                                              "overview_grid")));
  assert_only_material (audience);

  lanka_presenter_end (run.presenter);
  run_finish (&run);
}

/* Stand-ins for a projector and a laptop's screen: Xvfb has one. */
static GdkMonitor *
new_monitor (void)
{
  return g_object_new (GDK_TYPE_MONITOR, "display", gdk_display_get_default (), NULL);
}

static GListModel *
list_monitors (GdkMonitor *monitor,
               ...)
{
  GListStore *monitors = g_list_store_new (GDK_TYPE_MONITOR);
  va_list args;

  va_start (args, monitor);
  for (; monitor != NULL; monitor = va_arg (args, GdkMonitor *))
    g_list_store_append (monitors, monitor);
  va_end (args);

  return G_LIST_MODEL (monitors);
}

static gboolean
can_swap (Run *run)
{
  return gtk_widget_get_visible (lanka_test_find_by_id (get_console (run), "swap_button"));
}

static void
update_monitors (Run        *run,
                 GListModel *monitors)
{
  lanka_presenter_update_monitors (run->presenter, monitors);
  lanka_test_iterate_a_while ();
  g_object_unref (monitors);
}

static void
test_monitor_unplugged (void)
{
  g_autoptr(GdkMonitor) projector = new_monitor ();
  g_autoptr(GdkMonitor) laptop = new_monitor ();
  g_autoptr(GdkMonitor) other = new_monitor ();
  Run run = { 0 };
  GtkWidget *audience;

  /* Presenting: the audience window full screen, where a click does not
   * reach the handle.
   */
  run_start_on (&run, "Cable", projector, laptop);
  audience = get_audience (&run);
  g_assert_false (lanka_presenter_get_rehearsal (run.presenter));
  g_assert_true (lanka_presenter_get_audience_monitor (run.presenter) == projector);
  g_assert_true (lanka_presenter_get_console_monitor (run.presenter) == laptop);
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (audience)));
  g_assert_false (click_reaches_handle (audience));
  g_assert_true (can_swap (&run));
  assert_only_material (audience);

  /* A monitor that comes or goes elsewhere changes nothing. */
  update_monitors (&run, list_monitors (laptop, projector, other, NULL));
  update_monitors (&run, list_monitors (laptop, projector, NULL));
  g_assert_true (lanka_presenter_get_audience_monitor (run.presenter) == projector);
  g_assert_true (lanka_presenter_get_console_monitor (run.presenter) == laptop);

  /* The projector's cable comes out, another screen is there */
  update_monitors (&run, list_monitors (laptop, other, NULL));
  g_assert_false (lanka_presenter_get_rehearsal (run.presenter));
  g_assert_true (lanka_presenter_get_audience_monitor (run.presenter) == other);
  g_assert_true (lanka_presenter_get_console_monitor (run.presenter) == laptop);

  /* That one goes too: rehearsal, two ordinary windows, and on it goes */
  update_monitors (&run, list_monitors (laptop, NULL));
  g_assert_true (lanka_presenter_get_rehearsal (run.presenter));
  g_assert_null (lanka_presenter_get_audience_monitor (run.presenter));
  g_assert_null (lanka_presenter_get_console_monitor (run.presenter));
  g_assert_false (can_swap (&run));
  g_assert_true (lanka_test_is_mapped (audience));
  press (&run, GDK_KEY_Right);
  g_assert_cmpstr (get_counter (&run), ==, "2 / 4");
  assert_audience_page (&run, 1);

  lanka_presenter_end (run.presenter);
  run_finish (&run);

  /* The laptop's screen goes and the projector stays: the console steps
   * aside rather than show the notes to the room, and the keys work on
   * the audience window.
   */
  run_start_on (&run, "Lid", projector, laptop);
  audience = get_audience (&run);
  update_monitors (&run, list_monitors (projector, NULL));
  g_assert_false (lanka_presenter_get_rehearsal (run.presenter));
  g_assert_true (lanka_presenter_get_audience_monitor (run.presenter) == projector);
  g_assert_null (lanka_presenter_get_console_monitor (run.presenter));
  g_assert_false (can_swap (&run));
  g_assert_true (press_on (audience, GDK_KEY_Right, 0));
  assert_audience_page (&run, 1);

  /* A screen for the console again */
  update_monitors (&run, list_monitors (projector, other, NULL));
  g_assert_true (lanka_presenter_get_audience_monitor (run.presenter) == projector);
  g_assert_true (lanka_presenter_get_console_monitor (run.presenter) == other);
  g_assert_true (can_swap (&run));

  lanka_presenter_end (run.presenter);
  run_finish (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int ret;

  lanka_test_ui_init (&argc, &argv);
  data_dir = lanka_test_make_data_dir ();
  app = lanka_test_application_new (data_dir);

  g_test_add_func ("/ui/presenter/rehearsal", test_rehearsal);
  g_test_add_func ("/ui/presenter/notes", test_notes);
  g_test_add_func ("/ui/presenter/notes-not-saved", test_notes_not_saved);
  g_test_add_func ("/ui/presenter/end-from-outside", test_end_from_outside);
  g_test_add_func ("/ui/presenter/nothing-to-present", test_nothing_to_present);
  g_test_add_func ("/ui/presenter/monitor-dialog", test_monitor_dialog);
  g_test_add_func ("/ui/presenter/choose-and-start", test_choose_and_start);
  g_test_add_func ("/ui/presenter/idle-lock", test_idle_lock);
  g_test_add_func ("/ui/presenter/only-material", test_only_material);
  g_test_add_func ("/ui/presenter/monitor-unplugged", test_monitor_unplugged);

  ret = g_test_run ();

  lanka_application_lock (app);
  g_object_unref (app);
  lanka_test_remove_tree (data_dir);

  return ret;
}
