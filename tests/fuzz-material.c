/* fuzz-material.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanka-io-error.h"
#include "lanka-material-import.h"

int         LLVMFuzzerTestOneInput       (const uint8_t *data,
                                          size_t         size);
const char *__lsan_default_suppressions (void);

/* fontconfig, which poppler asks for the fonts a PDF names but does not
 * embed, keeps a cache that it never frees: not Länka's leak, and not one
 * that grows with the input.
 */
const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}

/* Reads anything the way an import does, without asking GStreamer about
 * films.  A refusal must be one of the io layer's sentences, and what is
 * read must be whole: a kind, a hash, one text per page, and a PNG
 * thumbnail of the right size where there is one.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(LankaMaterialContent) content = NULL;
  g_autoptr(GError) error = NULL;

  content = lanka_material_read (bytes, "fuzz.bin", NULL, NULL, NULL, &error);

  /* abort () rather than g_error (), so that libFuzzer keeps the input. */
  if (content == NULL)
    {
      if (error == NULL || error->domain != LANKA_IO_ERROR)
        {
          g_printerr ("refused without an io error: %s\n", error ? error->message : "(none)");
          abort ();
        }
      return 0;
    }

  if (content->kind == NULL || content->title == NULL || content->sha256 == NULL ||
      strlen (content->sha256) != 64 || content->page_count == 0 ||
      content->page_texts->len != content->page_count)
    {
      g_printerr ("incomplete content: kind %s, %u pages, %u texts\n",
                  content->kind, content->page_count, content->page_texts->len);
      abort ();
    }

  for (guint i = 0; i < content->page_texts->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (content->page_texts, i), -1, NULL))
      {
        g_printerr ("page %u's text is not UTF-8\n", i + 1);
        abort ();
      }

  if (content->thumbnail != NULL && g_bytes_get_size (content->thumbnail) < 8)
    {
      g_printerr ("a thumbnail of %zu bytes\n", g_bytes_get_size (content->thumbnail));
      abort ();
    }

  return 0;
}
