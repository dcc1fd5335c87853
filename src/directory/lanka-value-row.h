/* lanka-value-row.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANKA_TYPE_VALUE_ROW (lanka_value_row_get_type ())

G_DECLARE_FINAL_TYPE (LankaValueRow, lanka_value_row, LANKA, VALUE_ROW, AdwActionRow)

GtkWidget          *lanka_value_row_new                (const char         *title,
                                                        const char         *value,
                                                        const char         *uri);
const char         *lanka_value_row_get_label          (LankaValueRow      *self);
void                lanka_value_row_set_label          (LankaValueRow      *self,
                                                        const char         *label);
const char         *lanka_value_row_get_value          (LankaValueRow      *self);
void                lanka_value_row_set_value          (LankaValueRow      *self,
                                                        const char         *value);
const char         *lanka_value_row_get_uri            (LankaValueRow      *self);
void                lanka_value_row_set_uri            (LankaValueRow      *self,
                                                        const char         *uri);
gboolean            lanka_value_row_get_personal       (LankaValueRow      *self);
void                lanka_value_row_set_personal       (LankaValueRow      *self,
                                                        gboolean            personal);
const char         *lanka_value_row_get_copy_label     (LankaValueRow      *self);
void                lanka_value_row_set_copy_label     (LankaValueRow      *self,
                                                        const char         *copy_label);
void                lanka_value_row_copy               (LankaValueRow      *self);

G_END_DECLS
