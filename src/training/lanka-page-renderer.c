/* lanka-page-renderer.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-page-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "lanka-io-error.h"
#include "lanka-page-renderer.h"

/* Pages larger than this on a side are not a screen's: refused rather
 * than allocated.
 */
#define MAX_SIDE 16384

/* What the renderer and its worker thread share.  The worker and the
 * callbacks it queues on the main context hold references of their own,
 * so that the renderer can go away while a page is being rendered: the
 * callbacks then find no renderer, or a newer generation (after a
 * clear), and do nothing.  Everything in it is guarded by the mutex.
 */
typedef struct
{
  gatomicrefcount    ref_count;
  GMutex             mutex;
  /* Signalled when a request is queued or the worker must stop. */
  GCond              queue_cond;
  /* Signalled when a waited-for (synchronous) job is done. */
  GCond              done_cond;

  GMainContext      *context;
  /* The renderer, for emitting ::page-ready; only read on the main
   * context, and %NULL once it is finalized.
   */
  LankaPageRenderer *renderer;

  GThread           *thread;
  gboolean           stopping;
  guint              generation;

  /* Document number → Document. Numbers are never reused. */
  GHashTable        *documents;
  int                next_document;

  /* Jobs, the next one first; queued_keys holds the key of every
   * prefetch and request in it, so that none is queued twice.
   */
  GQueue             queue;
  GHashTable        *queued_keys;

  /* Key → CacheEntry; lru holds the entries, most recently used first. */
  GHashTable        *cache;
  GQueue             lru;
  gsize              cache_bytes;
  gsize              cache_budget;
} State;

typedef struct
{
  int   document;
  guint page;
  int   width;
  int   height;
} Key;

/* A document: a PDF, or an image as a document of one page.  The poppler
 * document is only touched by the worker once it was added.
 */
typedef struct
{
  gatomicrefcount  ref_count;
  PopplerDocument *pdf;
  GdkTexture      *texture;
  guint            n_pages;
  /* Width and height of each page, in points. */
  double          *sizes;
} Document;

typedef struct
{
  Key         key;
  GdkTexture *texture;
  gsize       bytes;
  GList      *link;
} CacheEntry;

typedef struct
{
  Key         key;
  /* Set for render_sync(): the caller waits for done. */
  gboolean    sync;
  gboolean    done;
  GdkTexture *texture;
  GError     *error;
} Job;

/* A ::page-ready on its way to the main context. */
typedef struct
{
  State      *state;
  guint       generation;
  Key         key;
  GdkTexture *texture;
} Ready;

struct _LankaPageRenderer
{
  GObject  parent_instance;

  State   *state;
};

G_DEFINE_FINAL_TYPE (LankaPageRenderer, lanka_page_renderer, G_TYPE_OBJECT)

enum {
  PAGE_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
key_hash (gconstpointer data)
{
  const Key *key = data;

  return (((guint)key->document * 31 + key->page) * 31 + (guint)key->width) * 31 +
         (guint)key->height;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *key_a = a;
  const Key *key_b = b;

  return key_a->document == key_b->document && key_a->page == key_b->page &&
         key_a->width == key_b->width && key_a->height == key_b->height;
}

static Document *
document_ref (Document *document)
{
  g_atomic_ref_count_inc (&document->ref_count);

  return document;
}

static void
document_unref (Document *document)
{
  if (!g_atomic_ref_count_dec (&document->ref_count))
    return;

  g_clear_object (&document->pdf);
  g_clear_object (&document->texture);
  g_free (document->sizes);
  g_free (document);
}

static void
cache_entry_free (CacheEntry *entry)
{
  g_object_unref (entry->texture);
  g_free (entry);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->texture);
  g_clear_error (&job->error);
  g_free (job);
}

static State *
state_new (gsize cache_budget)
{
  State *state = g_new0 (State, 1);

  g_atomic_ref_count_init (&state->ref_count);
  g_mutex_init (&state->mutex);
  g_cond_init (&state->queue_cond);
  g_cond_init (&state->done_cond);
  state->context = g_main_context_ref_thread_default ();
  state->documents = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)document_unref);
  state->queued_keys = g_hash_table_new (key_hash, key_equal);
  state->cache = g_hash_table_new_full (key_hash, key_equal, NULL,
                                        (GDestroyNotify)cache_entry_free);
  state->cache_budget = cache_budget;
  g_queue_init (&state->queue);
  g_queue_init (&state->lru);

  return state;
}

static State *
state_ref (State *state)
{
  g_atomic_ref_count_inc (&state->ref_count);

  return state;
}

static void
state_unref (State *state)
{
  if (!g_atomic_ref_count_dec (&state->ref_count))
    return;

  g_assert (state->thread == NULL);
  g_assert (g_queue_is_empty (&state->queue));

  g_hash_table_unref (state->cache);
  g_hash_table_unref (state->queued_keys);
  g_hash_table_unref (state->documents);
  g_main_context_unref (state->context);
  g_cond_clear (&state->done_cond);
  g_cond_clear (&state->queue_cond);
  g_mutex_clear (&state->mutex);
  g_free (state);
}

/* The cache; the mutex is held. */

static GdkTexture *
cache_lookup_locked (State     *state,
                     const Key *key)
{
  CacheEntry *entry = g_hash_table_lookup (state->cache, key);

  if (entry == NULL)
    return NULL;

  /* The most recently used is kept longest. */
  g_queue_unlink (&state->lru, entry->link);
  g_queue_push_head_link (&state->lru, entry->link);

  return g_object_ref (entry->texture);
}

static void
cache_insert_locked (State      *state,
                     const Key  *key,
                     GdkTexture *texture)
{
  CacheEntry *entry;

  if (g_hash_table_contains (state->cache, key))
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->key = *key;
  entry->texture = g_object_ref (texture);
  entry->bytes = (gsize)gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
  g_queue_push_head (&state->lru, entry);
  entry->link = state->lru.head;
  g_hash_table_insert (state->cache, &entry->key, entry);
  state->cache_bytes += entry->bytes;

  /* The least recently used go first; the newest stays even when it
   * alone is over the budget, as the screen is waiting for it.
   */
  while (state->cache_bytes > state->cache_budget && state->lru.length > 1)
    {
      CacheEntry *oldest = g_queue_pop_tail (&state->lru);

      state->cache_bytes -= oldest->bytes;
      g_hash_table_remove (state->cache, &oldest->key);
    }
}

static void
cache_clear_locked (State *state)
{
  g_queue_clear (&state->lru);
  g_hash_table_remove_all (state->cache);
  state->cache_bytes = 0;
}

/* Rendering, in the worker */

/* The size of a page of @width_pt × @height_pt points fitted into
 * @width × @height pixels, keeping its proportions.
 */
static void
fit_size (double  width_pt,
          double  height_pt,
          int     width,
          int     height,
          int    *fitted_width,
          int    *fitted_height)
{
  double scale;

  if (width_pt <= 0 || height_pt <= 0)
    {
      *fitted_width = width;
      *fitted_height = height;
      return;
    }

  scale = MIN (width / width_pt, height / height_pt);
  *fitted_width = CLAMP ((int)(width_pt * scale + 0.5), 1, width);
  *fitted_height = CLAMP ((int)(height_pt * scale + 0.5), 1, height);
}

static void
destroy_surface (gpointer data)
{
  cairo_surface_destroy (data);
}

static GdkTexture *
render_page (Document   *document,
             const Key  *key,
             GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width_pt = document->sizes[key->page * 2];
  double height_pt = document->sizes[key->page * 2 + 1];
  int width;
  int height;

  fit_size (width_pt, height_pt, key->width, key->height, &width, &height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("There is not enough memory to show this page."));
      return NULL;
    }

  cr = cairo_create (surface);
  /* Paper is white; a PDF draws only what is on it. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / width_pt, height / height_pt);

  page = poppler_document_get_page (document->pdf, key->page);
  if (page != NULL)
    {
      poppler_page_render (page, cr);
      g_object_unref (page);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied in native byte order, which is
   * GDK_MEMORY_DEFAULT; the texture takes the pixels without a copy.
   */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize)cairo_image_surface_get_stride (surface) * height,
                                      destroy_surface, surface);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                 cairo_image_surface_get_stride (surface));
}

static gboolean
deliver_ready_cb (gpointer data)
{
  Ready *ready = data;
  State *state = ready->state;
  g_autoptr(LankaPageRenderer) renderer = NULL;

  g_mutex_lock (&state->mutex);
  if (state->renderer != NULL && ready->generation == state->generation)
    renderer = g_object_ref (state->renderer);
  g_mutex_unlock (&state->mutex);

  if (renderer != NULL)
    g_signal_emit (renderer, signals[PAGE_READY], 0, ready->key.document, ready->key.page,
                   ready->key.width, ready->key.height, ready->texture);

  return G_SOURCE_REMOVE;
}

static void
ready_free (gpointer data)
{
  Ready *ready = data;

  g_object_unref (ready->texture);
  state_unref (ready->state);
  g_free (ready);
}

/* Queues ::page-ready on the renderer's main context: from an idle even
 * on the main thread, so that it never comes from within request().
 */
static void
post_ready_locked (State      *state,
                   const Key  *key,
                   GdkTexture *texture)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Ready *ready = g_new0 (Ready, 1);

  ready->state = state_ref (state);
  ready->generation = state->generation;
  ready->key = *key;
  ready->texture = g_object_ref (texture);

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_ready_cb, ready, ready_free);
  g_source_set_static_name (source, "[lanka] page ready");
  g_source_attach (source, state->context);
}

static gpointer
worker_main (gpointer data)
{
  State *state = data;

  g_mutex_lock (&state->mutex);

  for (;;)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;
      Document *document;
      Job *job;

      while (!state->stopping && g_queue_is_empty (&state->queue))
        g_cond_wait (&state->queue_cond, &state->mutex);

      if (state->stopping)
        break;

      job = g_queue_pop_head (&state->queue);
      if (!job->sync)
        g_hash_table_remove (state->queued_keys, &job->key);

      document = g_hash_table_lookup (state->documents, GINT_TO_POINTER (job->key.document));
      if (document == NULL)
        {
          /* The document is gone: nobody waits for its pages any more. */
          if (!job->sync)
            {
              job_free (job);
              continue;
            }
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The document is no longer open."));
        }
      else if (document->texture != NULL)
        texture = g_object_ref (document->texture);
      else
        texture = cache_lookup_locked (state, &job->key);

      if (texture == NULL && error == NULL)
        {
          guint generation = state->generation;

          /* Rendering takes long: lookups and requests go on meanwhile. */
          document_ref (document);
          g_mutex_unlock (&state->mutex);
          texture = render_page (document, &job->key, &error);
          document_unref (document);
          g_mutex_lock (&state->mutex);

          /* Cleared meanwhile: the page belongs to nobody any more. */
          if (generation != state->generation && !job->sync)
            {
              job_free (job);
              continue;
            }

          if (texture != NULL)
            cache_insert_locked (state, &job->key, texture);
        }

      if (job->sync)
        {
          /* The waiting caller frees the job. */
          job->texture = g_steal_pointer (&texture);
          job->error = g_steal_pointer (&error);
          job->done = TRUE;
          g_cond_broadcast (&state->done_cond);
          continue;
        }

      if (texture != NULL)
        post_ready_locked (state, &job->key, texture);
      else
        g_warning ("Page %u could not be rendered: %s", job->key.page, error->message);

      job_free (job);
    }

  g_mutex_unlock (&state->mutex);

  return NULL;
}

/* The mutex is held. */
static void
ensure_worker_locked (State *state)
{
  if (state->thread != NULL)
    return;

  state->thread = g_thread_new ("lanka-page-renderer", worker_main, state_ref (state));
}

static void
stop_worker (State *state)
{
  GThread *thread;

  g_mutex_lock (&state->mutex);
  thread = g_steal_pointer (&state->thread);
  state->stopping = TRUE;
  /* Anything the worker has finished but not yet delivered is dropped. */
  state->generation++;
  g_hash_table_remove_all (state->queued_keys);
  g_queue_clear_full (&state->queue, (GDestroyNotify)job_free);
  g_cond_broadcast (&state->queue_cond);
  g_mutex_unlock (&state->mutex);

  if (thread != NULL)
    {
      g_thread_join (thread);
      state_unref (state);
    }

  g_mutex_lock (&state->mutex);
  state->stopping = FALSE;
  g_mutex_unlock (&state->mutex);
}

/* Forgets every document and texture; the worker is stopped. */
static void
forget_all (State *state)
{
  g_autoptr(GHashTable) documents = NULL;

  g_mutex_lock (&state->mutex);
  cache_clear_locked (state);
  documents = g_steal_pointer (&state->documents);
  state->documents = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)document_unref);
  g_mutex_unlock (&state->mutex);

  /* Poppler documents are freed here, now that no worker uses them. */
}

static void
lanka_page_renderer_finalize (GObject *object)
{
  LankaPageRenderer *self = (LankaPageRenderer *)object;

  g_mutex_lock (&self->state->mutex);
  self->state->renderer = NULL;
  g_mutex_unlock (&self->state->mutex);

  stop_worker (self->state);
  forget_all (self->state);
  g_clear_pointer (&self->state, state_unref);

  G_OBJECT_CLASS (lanka_page_renderer_parent_class)->finalize (object);
}

static void
lanka_page_renderer_class_init (LankaPageRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_page_renderer_finalize;

  /**
   * LankaPageRenderer::page-ready:
   * @self: the renderer
   * @document: the document number
   * @page: the page, counted from 0
   * @width: the width asked for, in device pixels
   * @height: the height asked for, in device pixels
   * @texture: the page, fitted into @width × @height (so one side may be
   *   smaller), or an image document's own texture
   *
   * A page that was asked for is ready, and in the cache.
   */
  signals[PAGE_READY] =
    g_signal_new ("page-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 5,
                  G_TYPE_INT,
                  G_TYPE_UINT,
                  G_TYPE_INT,
                  G_TYPE_INT,
                  GDK_TYPE_TEXTURE);
}

static void
lanka_page_renderer_init (LankaPageRenderer *self)
{
}

/**
 * lanka_page_renderer_new:
 * @cache_bytes: how many bytes of textures to keep (a 1080p page is about
 *   8 MiB; 0 keeps only the newest)
 *
 * Returns: (transfer full): a renderer without documents
 */
LankaPageRenderer *
lanka_page_renderer_new (gsize cache_bytes)
{
  LankaPageRenderer *self = g_object_new (LANKA_TYPE_PAGE_RENDERER, NULL);

  self->state = state_new (cache_bytes);
  self->state->renderer = self;

  return self;
}

static int
add_document (LankaPageRenderer *self,
              Document          *document)
{
  State *state = self->state;
  int number;

  g_atomic_ref_count_init (&document->ref_count);

  g_mutex_lock (&state->mutex);
  number = state->next_document++;
  g_hash_table_insert (state->documents, GINT_TO_POINTER (number), document);
  g_mutex_unlock (&state->mutex);

  return number;
}

/**
 * lanka_page_renderer_add_pdf:
 * @self: a #LankaPageRenderer
 * @pdf: the whole PDF file
 * @error: return location for a #GError
 *
 * Returns: the document number, from 0, or -1 with %LANKA_IO_ERROR_ENCRYPTED
 *   or %LANKA_IO_ERROR_MALFORMED
 */
int
lanka_page_renderer_add_pdf (LankaPageRenderer  *self,
                             GBytes             *pdf,
                             GError            **error)
{
  g_autoptr(GError) poppler_error = NULL;
  PopplerDocument *poppler;
  Document *document;
  int n_pages;

  g_return_val_if_fail (LANKA_IS_PAGE_RENDERER (self), -1);
  g_return_val_if_fail (pdf != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  poppler = poppler_document_new_from_bytes (pdf, NULL, &poppler_error);
  if (poppler == NULL)
    {
      if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_ENCRYPTED,
                             _("This PDF is protected by a password, so its pages "
                               "cannot be shown."));
      else
        g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                             _("This PDF is damaged, so its pages cannot be shown."));
      return -1;
    }

  n_pages = poppler_document_get_n_pages (poppler);
  if (n_pages <= 0)
    {
      g_object_unref (poppler);
      g_set_error_literal (error, LANKA_IO_ERROR, LANKA_IO_ERROR_MALFORMED,
                           _("This PDF is damaged, so its pages cannot be shown."));
      return -1;
    }

  /* The sizes are read now, on this thread: afterwards only the worker
   * may touch the document.
   */
  document = g_new0 (Document, 1);
  document->pdf = poppler;
  document->n_pages = n_pages;
  document->sizes = g_new0 (double, n_pages * 2);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (poppler, i);

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &document->sizes[i * 2], &document->sizes[i * 2 + 1]);
      g_object_unref (page);
    }

  return add_document (self, document);
}

/**
 * lanka_page_renderer_add_texture:
 * @self: a #LankaPageRenderer
 * @texture: an image
 *
 * Returns: the document number of @texture as a document of one page
 */
int
lanka_page_renderer_add_texture (LankaPageRenderer *self,
                                 GdkTexture        *texture)
{
  Document *document;

  g_return_val_if_fail (LANKA_IS_PAGE_RENDERER (self), -1);
  g_return_val_if_fail (GDK_IS_TEXTURE (texture), -1);

  document = g_new0 (Document, 1);
  document->texture = g_object_ref (texture);
  document->n_pages = 1;
  document->sizes = g_new0 (double, 2);
  document->sizes[0] = gdk_texture_get_width (texture);
  document->sizes[1] = gdk_texture_get_height (texture);

  return add_document (self, document);
}

/* A reference to document @number, or %NULL when there is none (any
 * more).
 */
static Document *
get_document (LankaPageRenderer *self,
              int                number)
{
  Document *document;

  g_mutex_lock (&self->state->mutex);
  document = g_hash_table_lookup (self->state->documents, GINT_TO_POINTER (number));
  if (document != NULL)
    document_ref (document);
  g_mutex_unlock (&self->state->mutex);

  return document;
}

/**
 * lanka_page_renderer_get_n_pages:
 * @self: a #LankaPageRenderer
 * @document: a document number
 *
 * Returns: the number of pages, or 0 for a document that is not there
 */
guint
lanka_page_renderer_get_n_pages (LankaPageRenderer *self,
                                 int                document)
{
  Document *found;
  guint n_pages;

  g_return_val_if_fail (LANKA_IS_PAGE_RENDERER (self), 0);

  found = get_document (self, document);
  if (found == NULL)
    return 0;

  n_pages = found->n_pages;
  document_unref (found);

  return n_pages;
}

void
lanka_page_renderer_get_page_size (LankaPageRenderer *self,
                                   int                document,
                                   guint              page,
                                   double            *width,
                                   double            *height)
{
  Document *found;

  g_return_if_fail (LANKA_IS_PAGE_RENDERER (self));

  found = get_document (self, document);
  if (found == NULL || page >= found->n_pages)
    {
      if (width != NULL)
        *width = 0;
      if (height != NULL)
        *height = 0;
      g_clear_pointer (&found, document_unref);
      return;
    }

  if (width != NULL)
    *width = found->sizes[page * 2];
  if (height != NULL)
    *height = found->sizes[page * 2 + 1];
  document_unref (found);
}

/**
 * lanka_page_renderer_lookup:
 * @self: a #LankaPageRenderer
 * @document: a document number
 * @page: the page, from 0
 * @width: the width to fit into, in device pixels
 * @height: the height to fit into
 *
 * Returns: (transfer full) (nullable): the texture, or %NULL
 */
GdkTexture *
lanka_page_renderer_lookup (LankaPageRenderer *self,
                            int                document,
                            guint              page,
                            int                width,
                            int                height)
{
  Key key = { document, page, width, height };
  GdkTexture *texture = NULL;
  Document *found;

  g_return_val_if_fail (LANKA_IS_PAGE_RENDERER (self), NULL);

  g_mutex_lock (&self->state->mutex);
  found = g_hash_table_lookup (self->state->documents, GINT_TO_POINTER (document));
  if (found != NULL && found->texture != NULL)
    texture = g_object_ref (found->texture);
  else if (found != NULL)
    texture = cache_lookup_locked (self->state, &key);
  g_mutex_unlock (&self->state->mutex);

  return texture;
}

/**
 * lanka_page_renderer_request:
 * @self: a #LankaPageRenderer
 * @document: a document number
 * @page: the page, from 0
 * @width: the width to fit into, in device pixels
 * @height: the height to fit into
 * @urgent: whether it goes before everything queued (the page on
 *   screen), or after (a prefetch)
 *
 * Asks for a page; ::page-ready says when it is there.  A page queued
 * already is not queued again (an urgent request moves it to the front).
 * Pages of documents that are gone are forgotten.
 */
void
lanka_page_renderer_request (LankaPageRenderer *self,
                             int                document,
                             guint              page,
                             int                width,
                             int                height,
                             gboolean           urgent)
{
  Key key = { document, page, width, height };
  State *state;
  Document *found;
  Job *job = NULL;

  g_return_if_fail (LANKA_IS_PAGE_RENDERER (self));
  g_return_if_fail (width > 0 && width <= MAX_SIDE);
  g_return_if_fail (height > 0 && height <= MAX_SIDE);

  state = self->state;
  g_mutex_lock (&state->mutex);

  found = g_hash_table_lookup (state->documents, GINT_TO_POINTER (document));
  if (found == NULL)
    goto out;

  if (page >= found->n_pages)
    {
      g_critical ("%s: document %d has no page %u", G_STRFUNC, document, page);
      goto out;
    }

  if (found->texture != NULL)
    {
      post_ready_locked (state, &key, found->texture);
      goto out;
    }

  if (g_hash_table_contains (state->cache, &key))
    {
      g_autoptr(GdkTexture) texture = cache_lookup_locked (state, &key);

      post_ready_locked (state, &key, texture);
      goto out;
    }

  if (g_hash_table_contains (state->queued_keys, &key))
    {
      if (urgent)
        {
          for (GList *l = state->queue.head; l != NULL; l = l->next)
            {
              Job *queued = l->data;

              if (!queued->sync && key_equal (&queued->key, &key))
                {
                  g_queue_unlink (&state->queue, l);
                  g_queue_push_head_link (&state->queue, l);
                  break;
                }
            }
        }
      goto out;
    }

  job = g_new0 (Job, 1);
  job->key = key;
  if (urgent)
    g_queue_push_head (&state->queue, job);
  else
    g_queue_push_tail (&state->queue, job);
  g_hash_table_add (state->queued_keys, &job->key);

  ensure_worker_locked (state);
  g_cond_signal (&state->queue_cond);

out:
  g_mutex_unlock (&state->mutex);
}

/**
 * lanka_page_renderer_render_sync:
 * @self: a #LankaPageRenderer
 * @document: a document number
 * @page: the page, from 0
 * @width: the width to fit into, in device pixels
 * @height: the height to fit into
 * @error: return location for a #GError
 *
 * Renders @page before anything queued, and waits for it.  The page goes
 * into the cache; ::page-ready is not emitted for it.
 *
 * Returns: (transfer full): the texture, or %NULL with an error
 */
GdkTexture *
lanka_page_renderer_render_sync (LankaPageRenderer  *self,
                                 int                 document,
                                 guint               page,
                                 int                 width,
                                 int                 height,
                                 GError            **error)
{
  State *state;
  GdkTexture *texture;
  Document *found;
  Job *job;

  g_return_val_if_fail (LANKA_IS_PAGE_RENDERER (self), NULL);
  g_return_val_if_fail (width > 0 && width <= MAX_SIDE, NULL);
  g_return_val_if_fail (height > 0 && height <= MAX_SIDE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  texture = lanka_page_renderer_lookup (self, document, page, width, height);
  if (texture != NULL)
    return texture;

  state = self->state;
  g_mutex_lock (&state->mutex);

  found = g_hash_table_lookup (state->documents, GINT_TO_POINTER (document));
  if (found == NULL)
    {
      g_mutex_unlock (&state->mutex);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The document is no longer open."));
      return NULL;
    }
  if (page >= found->n_pages)
    {
      g_mutex_unlock (&state->mutex);
      g_critical ("%s: document %d has no page %u", G_STRFUNC, document, page);
      return NULL;
    }

  job = g_new0 (Job, 1);
  job->key = (Key) { document, page, width, height };
  job->sync = TRUE;
  g_queue_push_head (&state->queue, job);
  ensure_worker_locked (state);
  g_cond_signal (&state->queue_cond);

  while (!job->done)
    g_cond_wait (&state->done_cond, &state->mutex);

  g_mutex_unlock (&state->mutex);

  texture = g_steal_pointer (&job->texture);
  if (texture == NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  job_free (job);

  return texture;
}

/**
 * lanka_page_renderer_clear:
 * @self: a #LankaPageRenderer
 *
 * Forgets every document, request and texture, and waits for a page
 * being rendered to be done with.  No ::page-ready comes afterwards for
 * anything asked before.  The renderer can be used again.
 */
void
lanka_page_renderer_clear (LankaPageRenderer *self)
{
  g_return_if_fail (LANKA_IS_PAGE_RENDERER (self));

  stop_worker (self->state);
  forget_all (self->state);
}
