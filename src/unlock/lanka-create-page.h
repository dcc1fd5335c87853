/* lanka-create-page.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_CREATE_PAGE (lanka_create_page_get_type ())

G_DECLARE_FINAL_TYPE (LankaCreatePage, lanka_create_page, LANKA, CREATE_PAGE, AdwBin)

void        lanka_create_page_reset    (LankaCreatePage *self);
const char *lanka_create_page_get_step (LankaCreatePage *self);

G_END_DECLS
