/* lanka-draft.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-database.h"

G_BEGIN_DECLS

/* Unsaved edits, kept encrypted in the database so that locking, a crash or
 * a power cut loses nothing.  An editor names its drafts by kind ("case",
 * "agency", …) and the id of the object it edits ("" for a new one); the
 * content is the editor's own serialisation.
 */
gboolean  lanka_draft_save    (LankaDatabase  *database,
                               const char     *kind,
                               const char     *object,
                               GBytes         *content,
                               GError        **error);
GBytes   *lanka_draft_load    (LankaDatabase  *database,
                               const char     *kind,
                               const char     *object,
                               gint64         *saved_at,
                               GError        **error);
gboolean  lanka_draft_discard (LankaDatabase  *database,
                               const char     *kind,
                               const char     *object,
                               GError        **error);
GStrv     lanka_draft_list    (LankaDatabase  *database,
                               const char     *kind,
                               GError        **error);

G_END_DECLS
