/* lanka-passphrase-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-types.h"

G_BEGIN_DECLS

typedef enum
{
  LANKA_PASSPHRASE_DIALOG_SET,
  LANKA_PASSPHRASE_DIALOG_CHANGE,
  LANKA_PASSPHRASE_DIALOG_REMOVE,
} LankaPassphraseDialogMode;

#define LANKA_TYPE_PASSPHRASE_DIALOG (lanka_passphrase_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaPassphraseDialog, lanka_passphrase_dialog, LANKA, PASSPHRASE_DIALOG, AdwWindow)

LankaPassphraseDialog     *lanka_passphrase_dialog_new      (LankaApplication          *application,
                                                             GtkWindow                 *parent,
                                                             LankaPassphraseDialogMode  mode);
LankaPassphraseDialogMode  lanka_passphrase_dialog_get_mode (LankaPassphraseDialog     *self);

G_END_DECLS
