/* lanka-welcome-page.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_WELCOME_PAGE (lanka_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (LankaWelcomePage, lanka_welcome_page, LANKA, WELCOME_PAGE, AdwBin)

G_END_DECLS
