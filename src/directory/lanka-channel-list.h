/* lanka-channel-list.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-agency.h"

G_BEGIN_DECLS

#define LANKA_TYPE_CHANNEL_LIST (lanka_channel_list_get_type ())

G_DECLARE_FINAL_TYPE (LankaChannelList, lanka_channel_list, LANKA, CHANNEL_LIST, AdwPreferencesGroup)

GtkWidget        *lanka_channel_list_new            (LankaChannelKind  kind);
LankaChannelKind  lanka_channel_list_get_kind       (LankaChannelList *self);
void              lanka_channel_list_set_channels   (LankaChannelList *self,
                                                     GPtrArray        *channels);
GPtrArray        *lanka_channel_list_get_channels   (LankaChannelList *self);
gboolean          lanka_channel_list_get_valid      (LankaChannelList *self);
GtkWidget        *lanka_channel_list_add_row        (LankaChannelList *self);
GVariant         *lanka_channel_list_save_rows      (LankaChannelList *self);
void              lanka_channel_list_restore_rows   (LankaChannelList *self,
                                                     GVariant         *rows);

G_END_DECLS
