/* lanka-agency.h
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * LankaChannelKind:
 * @LANKA_CHANNEL_PHONE: a phone number
 * @LANKA_CHANNEL_EMAIL: an e-mail address
 * @LANKA_CHANNEL_WEB: a web address
 * @LANKA_CHANNEL_ADDRESS: a postal or visiting address
 *
 * The ways to reach an agency or a contact person.
 */
typedef enum
{
  LANKA_CHANNEL_PHONE,
  LANKA_CHANNEL_EMAIL,
  LANKA_CHANNEL_WEB,
  LANKA_CHANNEL_ADDRESS,
} LankaChannelKind;

/**
 * LankaChannel:
 * @kind: what @value is
 * @label: (nullable): what the person calls it, such as "Växel" or "Jour"
 * @value: the number or address as the person wrote it
 *
 * One way to reach an agency or a contact person.
 */
typedef struct
{
  LankaChannelKind  kind;
  char             *label;
  char             *value;
} LankaChannel;

#define LANKA_TYPE_CHANNEL (lanka_channel_get_type ())

GType             lanka_channel_get_type           (void) G_GNUC_CONST;
LankaChannel     *lanka_channel_new                (LankaChannelKind    kind,
                                                    const char         *label,
                                                    const char         *value);
LankaChannel     *lanka_channel_copy               (const LankaChannel *self);
void              lanka_channel_free               (LankaChannel       *self);
const char       *lanka_channel_kind_to_string     (LankaChannelKind    kind);
gboolean          lanka_channel_kind_from_string   (const char         *string,
                                                    LankaChannelKind   *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LankaChannel, lanka_channel_free)

#define LANKA_TYPE_AGENCY (lanka_agency_get_type ())

G_DECLARE_FINAL_TYPE (LankaAgency, lanka_agency, LANKA, AGENCY, GObject)

LankaAgency         *lanka_agency_new                         (void);
const char          *lanka_agency_get_uuid                    (LankaAgency        *self);
const char          *lanka_agency_get_name                    (LankaAgency        *self);
void                 lanka_agency_set_name                    (LankaAgency        *self,
                                                               const char         *name);
const char          *lanka_agency_get_unit                    (LankaAgency        *self);
void                 lanka_agency_set_unit                    (LankaAgency        *self,
                                                               const char         *unit);
const char          *lanka_agency_get_agency_type             (LankaAgency        *self);
void                 lanka_agency_set_agency_type             (LankaAgency        *self,
                                                               const char         *agency_type);
const char          *lanka_agency_get_organisation_number     (LankaAgency        *self);
void                 lanka_agency_set_organisation_number     (LankaAgency        *self,
                                                               const char         *organisation_number);
const char          *lanka_agency_get_opening_hours           (LankaAgency        *self);
void                 lanka_agency_set_opening_hours           (LankaAgency        *self,
                                                               const char         *opening_hours);
const char          *lanka_agency_get_out_of_hours            (LankaAgency        *self);
void                 lanka_agency_set_out_of_hours            (LankaAgency        *self,
                                                               const char         *out_of_hours);
const char          *lanka_agency_get_limits                  (LankaAgency        *self);
void                 lanka_agency_set_limits                  (LankaAgency        *self,
                                                               const char         *limits);
const char          *lanka_agency_get_notes                   (LankaAgency        *self);
void                 lanka_agency_set_notes                   (LankaAgency        *self,
                                                               const char         *notes);
const char          *lanka_agency_get_verified_on             (LankaAgency        *self);
void                 lanka_agency_set_verified_on             (LankaAgency        *self,
                                                               const char         *verified_on);
const char          *lanka_agency_get_source                  (LankaAgency        *self);
void                 lanka_agency_set_source                  (LankaAgency        *self,
                                                               const char         *source);
gboolean             lanka_agency_get_national                (LankaAgency        *self);
void                 lanka_agency_set_national                (LankaAgency        *self,
                                                               gboolean            national);
gboolean             lanka_agency_get_nmt                     (LankaAgency        *self);
void                 lanka_agency_set_nmt                     (LankaAgency        *self,
                                                               gboolean            nmt);
gint64               lanka_agency_get_created                 (LankaAgency        *self);
gint64               lanka_agency_get_modified                (LankaAgency        *self);
const char * const  *lanka_agency_get_counties                (LankaAgency        *self);
void                 lanka_agency_set_counties                (LankaAgency        *self,
                                                               const char * const *counties);
const char * const  *lanka_agency_get_support                 (LankaAgency        *self);
void                 lanka_agency_set_support                 (LankaAgency        *self,
                                                               const char * const *support);
const char * const  *lanka_agency_get_exploitation            (LankaAgency        *self);
void                 lanka_agency_set_exploitation            (LankaAgency        *self,
                                                               const char * const *exploitation);
const char * const  *lanka_agency_get_other_helps             (LankaAgency        *self);
void                 lanka_agency_set_other_helps             (LankaAgency        *self,
                                                               const char * const *other_helps);
const char * const  *lanka_agency_get_accepts                 (LankaAgency        *self);
void                 lanka_agency_set_accepts                 (LankaAgency        *self,
                                                               const char * const *accepts);
const char * const  *lanka_agency_get_languages               (LankaAgency        *self);
void                 lanka_agency_set_languages               (LankaAgency        *self,
                                                               const char * const *languages);
GPtrArray           *lanka_agency_get_channels                (LankaAgency        *self);
void                 lanka_agency_add_channel                 (LankaAgency        *self,
                                                               LankaChannelKind    kind,
                                                               const char         *label,
                                                               const char         *value);
void                 lanka_agency_clear_channels              (LankaAgency        *self);

#define LANKA_TYPE_AGENCY_CONTACT (lanka_agency_contact_get_type ())

G_DECLARE_FINAL_TYPE (LankaAgencyContact, lanka_agency_contact, LANKA, AGENCY_CONTACT, GObject)

LankaAgencyContact  *lanka_agency_contact_new                 (void);
const char          *lanka_agency_contact_get_uuid            (LankaAgencyContact *self);
const char          *lanka_agency_contact_get_agency_uuid     (LankaAgencyContact *self);
const char          *lanka_agency_contact_get_name            (LankaAgencyContact *self);
void                 lanka_agency_contact_set_name            (LankaAgencyContact *self,
                                                               const char         *name);
const char          *lanka_agency_contact_get_role            (LankaAgencyContact *self);
void                 lanka_agency_contact_set_role            (LankaAgencyContact *self,
                                                               const char         *role);
const char          *lanka_agency_contact_get_notes           (LankaAgencyContact *self);
void                 lanka_agency_contact_set_notes           (LankaAgencyContact *self,
                                                               const char         *notes);
gint64               lanka_agency_contact_get_created         (LankaAgencyContact *self);
gint64               lanka_agency_contact_get_modified        (LankaAgencyContact *self);
GPtrArray           *lanka_agency_contact_get_channels        (LankaAgencyContact *self);
void                 lanka_agency_contact_add_channel         (LankaAgencyContact *self,
                                                               LankaChannelKind    kind,
                                                               const char         *label,
                                                               const char         *value);
void                 lanka_agency_contact_clear_channels      (LankaAgencyContact *self);

G_END_DECLS
