/* lanka-find-help.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"

G_BEGIN_DECLS

#define LANKA_TYPE_FIND_HELP (lanka_find_help_get_type ())

G_DECLARE_FINAL_TYPE (LankaFindHelp, lanka_find_help, LANKA, FIND_HELP, AdwBin)

LankaFindHelp      *lanka_find_help_new                (void);
LankaDatabase      *lanka_find_help_get_database       (LankaFindHelp      *self);
void                lanka_find_help_set_database       (LankaFindHelp      *self,
                                                        LankaDatabase      *database);
const char         *lanka_find_help_get_need           (LankaFindHelp      *self);
void                lanka_find_help_set_need           (LankaFindHelp      *self,
                                                        const char         *need);
gboolean            lanka_find_help_get_child          (LankaFindHelp      *self);
void                lanka_find_help_set_child          (LankaFindHelp      *self,
                                                        gboolean            child);
const char         *lanka_find_help_get_county         (LankaFindHelp      *self);
void                lanka_find_help_set_county         (LankaFindHelp      *self,
                                                        const char         *county);
gboolean            lanka_find_help_get_selectable     (LankaFindHelp      *self);
void                lanka_find_help_set_selectable     (LankaFindHelp      *self,
                                                        gboolean            selectable);
const char         *lanka_find_help_get_selected_uuid  (LankaFindHelp      *self);
void                lanka_find_help_refresh            (LankaFindHelp      *self);

G_END_DECLS
