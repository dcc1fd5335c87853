/* lanka-rekey-child.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "lanka-vault-private.h"

/* Rotates the key of the database in DATA_DIR once, telling each step of
 * the rotation on standard output, so that test-reliability-rekey can kill
 * it with SIGKILL at a chosen moment:
 *
 *   lanka-rekey-child DATA_DIR [PASSPHRASE]
 *
 *   ready                  unlocked through the keyring
 *   code XXXXX-…           the new recovery code, before anything is written
 *   step NAME              after each step of the rotation
 *   done                   the rotation returned
 *
 * Each line is flushed at once: what is in the pipe survives the kill.
 */

static void
say (const char *line)
{
  fputs (line, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
on_rotate_step (LankaVault *vault,
                const char *step,
                const char *recovery_code,
                gpointer    user_data)
{
  g_autofree char *line = NULL;

  if (recovery_code != NULL)
    {
      g_autofree char *code_line = g_strdup_printf ("code %s", recovery_code);

      say (code_line);
    }

  line = g_strdup_printf ("step %s", step);
  say (line);
}

static void
on_rotated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LankaVault) vault = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "usage: %s DATA_DIR [PASSPHRASE]\n", argv[0]);
      return EXIT_FAILURE;
    }

  vault = lanka_vault_new (argv[1]);
  database = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, &error);
  if (database == NULL)
    {
      fprintf (stderr, "unlock: %s\n", error->message);
      return EXIT_FAILURE;
    }

  _lanka_vault_set_rotate_hook (vault, on_rotate_step, NULL);
  say ("ready");

  lanka_vault_rotate_key_async (vault, database, argc > 2 ? argv[2] : NULL, NULL,
                                on_rotated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  code = lanka_vault_rotate_key_finish (vault, result, &error);
  if (code == NULL)
    {
      fprintf (stderr, "rotate: %s\n", error->message);
      return EXIT_FAILURE;
    }

  say ("done");
  lanka_database_close (database);

  return EXIT_SUCCESS;
}
