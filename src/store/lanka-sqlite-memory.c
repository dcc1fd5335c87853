/* lanka-sqlite-memory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-sqlite-memory"

#include "config.h"

#include "lanka-sqlite-memory.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* SQLite's memory, wiped when it is freed.
 *
 * Decrypted pages, rows and search terms pass through SQLite's heap.
 * SQLCipher's cipher_memory_security wipes every block SQLite frees, and
 * also mlock()s and munlock()s each block: two system calls per
 * allocation, each of which splits and merges the process's memory
 * mappings.  Debian's SQLCipher is built without lookaside memory, so
 * every small allocation pays that: writes became about fourteen times
 * slower (an import of 10 000 agencies took over a minute), and for a
 * desktop user the locking stops anyway once RLIMIT_MEMLOCK (8 MiB) is
 * used up.
 *
 * So SQLite gets this allocator instead: each block remembers its size
 * and is overwritten with zeros when it is freed or moved, which is the
 * protection that matters against freed plaintext lingering in the heap.
 * Keys never pass through here; they live in sodium_malloc() memory, which
 * is locked and guarded, and core dumps are off for the whole process.
 */

typedef union
{
  sqlite3_int64 size;
  max_align_t   align;
} Header;

static gboolean wiping;

static void *
wiping_malloc (int size)
{
  Header *header;

  if (size <= 0)
    return NULL;

  if (!(header = malloc (sizeof (Header) + (size_t)size)))
    return NULL;

  header->size = size;

  return header + 1;
}

static void
wiping_free (void *memory)
{
  Header *header;

  if (memory == NULL)
    return;

  header = (Header *)memory - 1;
  sodium_memzero (memory, (size_t)header->size);
  free (header);
}

static int
wiping_size (void *memory)
{
  if (memory == NULL)
    return 0;

  return (int)((Header *)memory - 1)->size;
}

/* Never realloc() in place: the old block would be freed unwiped. */
static void *
wiping_realloc (void *memory,
                int   size)
{
  void *moved;

  if (memory == NULL)
    return wiping_malloc (size);

  if (!(moved = wiping_malloc (size)))
    return NULL;

  memcpy (moved, memory, (size_t)MIN (size, wiping_size (memory)));
  wiping_free (memory);

  return moved;
}

static int
wiping_roundup (int size)
{
  return (size + 7) & ~7;
}

static int
wiping_init (void *data)
{
  return SQLITE_OK;
}

static void
wiping_shutdown (void *data)
{
}

/**
 * _lanka_sqlite_memory_init:
 *
 * Gives SQLite the wiping allocator.  It must happen before SQLite is
 * first used in the process; the database does it before every open.
 *
 * Returns: whether SQLite uses the wiping allocator.  If SQLite was
 *   already in use, it does not, and the caller falls back to SQLCipher's
 *   own memory security.
 */
gboolean
_lanka_sqlite_memory_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      static const sqlite3_mem_methods methods = {
        wiping_malloc,
        wiping_free,
        wiping_realloc,
        wiping_size,
        wiping_roundup,
        wiping_init,
        wiping_shutdown,
        NULL,
      };

      wiping = sqlite3_config (SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
      if (!wiping)
        g_debug ("SQLite was in use before Länka: SQLCipher's memory security wipes instead");

      g_once_init_leave (&initialized, 1);
    }

  return wiping;
}

/**
 * _lanka_sqlite_memory_is_wiping:
 *
 * Returns: whether SQLite's freed memory is wiped by Länka's allocator
 */
gboolean
_lanka_sqlite_memory_is_wiping (void)
{
  return wiping;
}
