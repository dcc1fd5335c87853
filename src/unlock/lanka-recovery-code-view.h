/* lanka-recovery-code-view.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_RECOVERY_CODE_VIEW (lanka_recovery_code_view_get_type ())

G_DECLARE_FINAL_TYPE (LankaRecoveryCodeView, lanka_recovery_code_view, LANKA, RECOVERY_CODE_VIEW, AdwBin)

void               lanka_recovery_code_view_set_code            (LankaRecoveryCodeView *self,
                                                                 const char            *code);
GtkPrintOperation *lanka_recovery_code_view_new_print_operation (LankaRecoveryCodeView *self);

G_END_DECLS
