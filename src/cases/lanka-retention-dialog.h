/* lanka-retention-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-retention.h"

G_BEGIN_DECLS

#define LANKA_TYPE_RETENTION_DIALOG (lanka_retention_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaRetentionDialog, lanka_retention_dialog, LANKA, RETENTION_DIALOG, AdwWindow)

/* The retention review: closed cases whose time is up, to put on hold or
 * delete for good.  ::deleted is emitted with a case's uuid once it is
 * gone.
 */
LankaRetentionDialog *lanka_retention_dialog_new           (GtkWindow                *parent,
                                                            LankaDatabase            *database);
void                  lanka_retention_dialog_set_today     (LankaRetentionDialog     *self,
                                                            const GDate              *today);
void                  lanka_retention_dialog_reload        (LankaRetentionDialog     *self);
char                 *lanka_retention_dialog_dup_rule_text (const LankaRetentionRule *rule);

G_END_DECLS
