/* lanka-validate.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *lanka_phone_normalize                (const char  *phone,
                                                GError     **error);
gboolean  lanka_email_validate                 (const char  *email,
                                                GError     **error);
gboolean  lanka_web_address_validate           (const char  *address,
                                                GError     **error);
gboolean  lanka_organisation_number_validate   (const char  *number,
                                                GError     **error);

G_END_DECLS
