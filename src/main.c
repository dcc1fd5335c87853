/* main.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "lanka-application.h"

/* The process will hold a database key and the most sensitive records a
 * municipality keeps: no core dumps, and no other process of the same user
 * may attach to it or read its memory.
 */
static void
harden_process (void)
{
  const struct rlimit no_core = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_warning ("Could not turn off core dumps: %s", g_strerror (errno));

  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not make the process non-dumpable: %s", g_strerror (errno));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LankaApplication) app = NULL;

  harden_process ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lanka_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
