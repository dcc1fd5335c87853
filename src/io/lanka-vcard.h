/* lanka-vcard.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Files above this size are refused before any parsing: an address book
 * of tens of thousands of contacts fits comfortably, while a mistaken
 * choice of a video or a disk image is turned away at once.
 */
#define LANKA_VCARD_MAX_FILE_SIZE (32 * 1024 * 1024)

/* One unfolded line longer than this is skipped with a problem; only
 * embedded pictures come close, and those are skipped anyway.
 */
#define LANKA_VCARD_MAX_LINE_LENGTH (1024 * 1024)

/* A card with more properties than this keeps only the first ones. */
#define LANKA_VCARD_MAX_PROPERTIES 10000

typedef enum
{
  LANKA_VCARD_VERSION_2_1,
  LANKA_VCARD_VERSION_3_0,
  LANKA_VCARD_VERSION_4_0,
} LankaVCardVersion;

typedef struct _LankaVCard         LankaVCard;
typedef struct _LankaVCardProperty LankaVCardProperty;

/**
 * LankaVCardProblem:
 * @card_number: the position of the card in the file, counting from 1
 * @line: the line of the file the problem was found on, counting from 1
 * @message: a translated sentence that says what is wrong
 *
 * Something wrong with one card.  A card with a problem may still be in
 * the list of cards that were read; the sentence says whether it was left out.
 */
typedef struct
{
  guint  card_number;
  guint  line;
  char  *message;
} LankaVCardProblem;

#define LANKA_TYPE_VCARD (lanka_vcard_get_type ())

GType               lanka_vcard_get_type                     (void) G_GNUC_CONST;
LankaVCard         *lanka_vcard_new                          (void);
LankaVCard         *lanka_vcard_ref                          (LankaVCard         *card);
void                lanka_vcard_unref                        (LankaVCard         *card);
LankaVCardVersion   lanka_vcard_get_version                  (LankaVCard         *card);
guint               lanka_vcard_get_number                   (LankaVCard         *card);
GPtrArray          *lanka_vcard_get_properties               (LankaVCard         *card);
void                lanka_vcard_add_property                 (LankaVCard         *card,
                                                              LankaVCardProperty *property);
LankaVCardProperty *lanka_vcard_get_property                 (LankaVCard         *card,
                                                              const char         *name);
GPtrArray          *lanka_vcard_dup_properties_named         (LankaVCard         *card,
                                                              const char         *name);
const char         *lanka_vcard_get_value                    (LankaVCard         *card,
                                                              const char         *name);
const char         *lanka_vcard_get_kind                     (LankaVCard         *card);
const char         *lanka_vcard_get_formatted_name           (LankaVCard         *card);
const char         *lanka_vcard_get_uid                      (LankaVCard         *card);
const char         *lanka_vcard_get_note                     (LankaVCard         *card);
char               *lanka_vcard_dup_display_name             (LankaVCard         *card);
char               *lanka_vcard_dup_label                    (LankaVCard         *card,
                                                              LankaVCardProperty *property);

LankaVCardProperty *lanka_vcard_property_new                 (const char         *group,
                                                              const char         *name,
                                                              const char         *value);
LankaVCardProperty *lanka_vcard_property_new_structured      (const char         *group,
                                                              const char         *name,
                                                              const char * const *components);
void                lanka_vcard_property_free                (LankaVCardProperty *property);
const char         *lanka_vcard_property_get_group           (LankaVCardProperty *property);
const char         *lanka_vcard_property_get_name            (LankaVCardProperty *property);
const char         *lanka_vcard_property_get_value           (LankaVCardProperty *property);
const char * const *lanka_vcard_property_get_components      (LankaVCardProperty *property);
void                lanka_vcard_property_add_parameter       (LankaVCardProperty *property,
                                                              const char         *name,
                                                              const char         *value);
const char * const *lanka_vcard_property_get_parameter       (LankaVCardProperty *property,
                                                              const char         *name);
GStrv               lanka_vcard_property_dup_parameter_names (LankaVCardProperty *property);
const char * const *lanka_vcard_property_get_types           (LankaVCardProperty *property);
gboolean            lanka_vcard_property_has_type            (LankaVCardProperty *property,
                                                              const char         *type);
guint               lanka_vcard_property_get_pref            (LankaVCardProperty *property);

void                lanka_vcard_problem_free                 (LankaVCardProblem  *problem);

gboolean            lanka_vcard_read_bytes                   (GBytes             *data,
                                                              GPtrArray         **cards,
                                                              GPtrArray         **problems,
                                                              GError            **error);
GBytes             *lanka_vcard_write                        (GPtrArray          *cards,
                                                              LankaVCardVersion   version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaVCard, lanka_vcard_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaVCardProperty, lanka_vcard_property_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaVCardProblem, lanka_vcard_problem_free)

G_END_DECLS
