/* lanka-data-dir.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-data-dir"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "lanka-data-dir.h"
#include "lanka-store-error.h"

/* Only the owner may even list the directory that holds the database and its
 * key slots: the file names alone say that Länka is used here.
 */
#define DATA_DIR_MODE 0700

/**
 * lanka_data_dir_dup_default:
 *
 * Finds the directory that holds Länka's database: `$LANKA_DATA_DIR` when it
 * is set and not empty, otherwise `$XDG_DATA_HOME/lanka`.
 *
 * Returns: (transfer full): an absolute path
 */
char *
lanka_data_dir_dup_default (void)
{
  const char *env = g_getenv ("LANKA_DATA_DIR");

  if (env != NULL && env[0] != '\0')
    return g_canonicalize_filename (env, NULL);

  return g_build_filename (g_get_user_data_dir (), "lanka", NULL);
}

/**
 * lanka_data_dir_ensure:
 * @path: the data directory
 * @error: a location for a #GError
 *
 * Creates @path (and its parents) when it does not exist and makes sure that
 * only the owner can enter it.  An existing directory with looser permissions
 * is tightened to 0700; a file in the way is an error, never removed.
 *
 * Returns: %TRUE if @path is a private directory
 */
gboolean
lanka_data_dir_ensure (const char  *path,
                       GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (path, DATA_DIR_MODE) != 0)
    {
      int errsv = errno;

      g_set_error (error,
                   LANKA_STORE_ERROR,
                   errsv == ENOSPC ? LANKA_STORE_ERROR_DISK_FULL : LANKA_STORE_ERROR_IO,
                   _("The folder “%s” could not be created: %s"),
                   path, g_strerror (errsv));
      return FALSE;
    }

  if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error,
                   LANKA_STORE_ERROR,
                   LANKA_STORE_ERROR_IO,
                   _("“%s” is not a folder."),
                   path);
      return FALSE;
    }

  if ((st.st_mode & 0777) != DATA_DIR_MODE && g_chmod (path, DATA_DIR_MODE) != 0)
    {
      int errsv = errno;

      g_set_error (error,
                   LANKA_STORE_ERROR,
                   LANKA_STORE_ERROR_IO,
                   _("The folder “%s” could not be made private: %s"),
                   path, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}
