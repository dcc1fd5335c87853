/* lanka-recovery-code-dialog.h
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
  LANKA_RECOVERY_CODE_DIALOG_NEW_CODE,
  LANKA_RECOVERY_CODE_DIALOG_ROTATE_KEY,
} LankaRecoveryCodeDialogMode;

#define LANKA_TYPE_RECOVERY_CODE_DIALOG (lanka_recovery_code_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaRecoveryCodeDialog, lanka_recovery_code_dialog, LANKA, RECOVERY_CODE_DIALOG, AdwWindow)

LankaRecoveryCodeDialog     *lanka_recovery_code_dialog_new      (LankaApplication            *application,
                                                                  GtkWindow                   *parent,
                                                                  LankaRecoveryCodeDialogMode  mode);
LankaRecoveryCodeDialogMode  lanka_recovery_code_dialog_get_mode (LankaRecoveryCodeDialog     *self);
const char                  *lanka_recovery_code_dialog_get_step (LankaRecoveryCodeDialog     *self);

G_END_DECLS
