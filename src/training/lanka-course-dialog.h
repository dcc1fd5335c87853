/* lanka-course-dialog.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lanka-database.h"
#include "lanka-record.h"

G_BEGIN_DECLS

#define LANKA_TYPE_COURSE_DIALOG (lanka_course_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LankaCourseDialog, lanka_course_dialog, LANKA, COURSE_DIALOG, AdwWindow)

/* A new course (@course %NULL) or an existing one's title, audience,
 * planned length and description.  ::saved is emitted with the stored
 * course.
 */
LankaCourseDialog *lanka_course_dialog_new (LankaDatabase *database,
                                            LankaRecord   *course);

G_END_DECLS
