/* fuzz-vcard.c
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

#include "lanka-vcard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Reads anything, then writes what it read in both versions and reads
 * that again: what Länka writes must always be readable by Länka, with
 * the same cards.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  static const LankaVCardVersion versions[] = {
    LANKA_VCARD_VERSION_4_0, LANKA_VCARD_VERSION_3_0,
  };

  if (!lanka_vcard_read_bytes (bytes, &cards, &problems, &error))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr(GBytes) written = lanka_vcard_write (cards, versions[i]);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GPtrArray) again_problems = NULL;
      g_autoptr(GError) again_error = NULL;

      if (cards->len == 0)
        continue;

      /* abort () rather than g_error (), so that libFuzzer keeps the input. */
      if (!lanka_vcard_read_bytes (written, &again, &again_problems, &again_error))
        {
          g_printerr ("written cards could not be read: %s\n", again_error->message);
          fwrite (g_bytes_get_data (written, NULL), 1, g_bytes_get_size (written), stderr);
          abort ();
        }
      if (again->len != cards->len)
        {
          g_printerr ("%u cards were written but %u read back\n", cards->len, again->len);
          abort ();
        }
    }

  return 0;
}
