/* lanka-vcard-private.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lanka-vcard.h"

G_BEGIN_DECLS

typedef struct
{
  char      *name;
  GPtrArray *values;
} LankaVCardParameter;

struct _LankaVCardProperty
{
  char      *group;
  char      *name;
  char      *value;
  GStrv      components;
  GPtrArray *parameters;
};

struct _LankaVCard
{
  LankaVCardVersion  version;
  guint              number;
  GPtrArray         *properties;
};

char                _lanka_vcard_separator_for     (const char *name);
LankaVCardProperty *_lanka_vcard_property_new_take (char       *group,
                                                    char       *name,
                                                    GStrv       components);

G_END_DECLS
