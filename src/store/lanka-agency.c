/* lanka-agency.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-agency"

#include "config.h"

#include "lanka-agency-private.h"

#include <string.h>

/* Records are plain values: the store fills them and saves them, and an
 * editor changes them in between.  They hold no database handle.
 */

static const char * const channel_kinds[] = {
  [LANKA_CHANNEL_PHONE] = "phone",
  [LANKA_CHANNEL_EMAIL] = "email",
  [LANKA_CHANNEL_WEB] = "web",
  [LANKA_CHANNEL_ADDRESS] = "address",
};

G_DEFINE_BOXED_TYPE (LankaChannel, lanka_channel, lanka_channel_copy, lanka_channel_free)

/**
 * lanka_channel_new:
 * @kind: what @value is
 * @label: (nullable): a label, such as "Växel"
 * @value: the number or address
 *
 * Returns: (transfer full): a new #LankaChannel
 */
LankaChannel *
lanka_channel_new (LankaChannelKind  kind,
                   const char       *label,
                   const char       *value)
{
  LankaChannel *self;

  g_return_val_if_fail (kind <= LANKA_CHANNEL_ADDRESS, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  self = g_new0 (LankaChannel, 1);
  self->kind = kind;
  self->label = label != NULL && label[0] != '\0' ? g_strdup (label) : NULL;
  self->value = g_strdup (value);

  return self;
}

/**
 * lanka_channel_copy:
 * @self: a #LankaChannel
 *
 * Returns: (transfer full): a copy of @self
 */
LankaChannel *
lanka_channel_copy (const LankaChannel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lanka_channel_new (self->kind, self->label, self->value);
}

/**
 * lanka_channel_free:
 * @self: (nullable): a #LankaChannel
 */
void
lanka_channel_free (LankaChannel *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->value);
  g_free (self);
}

/**
 * lanka_channel_kind_to_string:
 * @kind: a #LankaChannelKind
 *
 * Returns: the code stored in the database, such as "phone"
 */
const char *
lanka_channel_kind_to_string (LankaChannelKind kind)
{
  g_return_val_if_fail (kind <= LANKA_CHANNEL_ADDRESS, NULL);

  return channel_kinds[kind];
}

/**
 * lanka_channel_kind_from_string:
 * @string: a code such as "phone"
 * @kind: (out): the kind
 *
 * Returns: %TRUE if @string names a kind
 */
gboolean
lanka_channel_kind_from_string (const char       *string,
                                LankaChannelKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (channel_kinds); i++)
    {
      if (g_strcmp0 (string, channel_kinds[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Stores @value, with "" as NULL so that an emptied entry and a never
 * filled one compare equal.  Returns whether anything changed.
 */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Codes are a set: the order they were ticked in means nothing, and a
 * sorted list makes comparing and hashing simple.
 */
static GStrv
dup_code_list (const char * const *codes)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (codes[i][0] == '\0' || g_ptr_array_find_with_equal_func (list, codes[i], g_str_equal, NULL))
        continue;
      g_ptr_array_add (list, g_strdup (codes[i]));
    }

  g_ptr_array_sort (list, compare_codes);
  g_ptr_array_add (list, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

struct _LankaAgency
{
  GObject    parent_instance;

  char      *uuid;
  char      *name;
  char      *unit;
  char      *agency_type;
  char      *organisation_number;
  char      *opening_hours;
  char      *out_of_hours;
  char      *limits;
  char      *notes;
  char      *verified_on;
  char      *source;
  guint      national : 1;
  guint      nmt : 1;
  gint64     created;
  gint64     modified;
  GStrv      counties;
  GStrv      support;
  GStrv      exploitation;
  GStrv      other_helps;
  GStrv      accepts;
  GStrv      languages;
  GPtrArray *channels;
};

G_DEFINE_FINAL_TYPE (LankaAgency, lanka_agency, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_UNIT,
  PROP_AGENCY_TYPE,
  PROP_ORGANISATION_NUMBER,
  PROP_OPENING_HOURS,
  PROP_OUT_OF_HOURS,
  PROP_LIMITS,
  PROP_NOTES,
  PROP_VERIFIED_ON,
  PROP_SOURCE,
  PROP_NATIONAL,
  PROP_NMT,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
lanka_agency_finalize (GObject *object)
{
  LankaAgency *self = (LankaAgency *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->agency_type, g_free);
  g_clear_pointer (&self->organisation_number, g_free);
  g_clear_pointer (&self->opening_hours, g_free);
  g_clear_pointer (&self->out_of_hours, g_free);
  g_clear_pointer (&self->limits, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->verified_on, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->counties, g_strfreev);
  g_clear_pointer (&self->support, g_strfreev);
  g_clear_pointer (&self->exploitation, g_strfreev);
  g_clear_pointer (&self->other_helps, g_strfreev);
  g_clear_pointer (&self->accepts, g_strfreev);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->channels, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_agency_parent_class)->finalize (object);
}

static void
lanka_agency_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LankaAgency *self = LANKA_AGENCY (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, lanka_agency_get_uuid (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, lanka_agency_get_name (self));
      break;

    case PROP_UNIT:
      g_value_set_string (value, lanka_agency_get_unit (self));
      break;

    case PROP_AGENCY_TYPE:
      g_value_set_string (value, lanka_agency_get_agency_type (self));
      break;

    case PROP_ORGANISATION_NUMBER:
      g_value_set_string (value, lanka_agency_get_organisation_number (self));
      break;

    case PROP_OPENING_HOURS:
      g_value_set_string (value, lanka_agency_get_opening_hours (self));
      break;

    case PROP_OUT_OF_HOURS:
      g_value_set_string (value, lanka_agency_get_out_of_hours (self));
      break;

    case PROP_LIMITS:
      g_value_set_string (value, lanka_agency_get_limits (self));
      break;

    case PROP_NOTES:
      g_value_set_string (value, lanka_agency_get_notes (self));
      break;

    case PROP_VERIFIED_ON:
      g_value_set_string (value, lanka_agency_get_verified_on (self));
      break;

    case PROP_SOURCE:
      g_value_set_string (value, lanka_agency_get_source (self));
      break;

    case PROP_NATIONAL:
      g_value_set_boolean (value, lanka_agency_get_national (self));
      break;

    case PROP_NMT:
      g_value_set_boolean (value, lanka_agency_get_nmt (self));
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, lanka_agency_get_created (self));
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, lanka_agency_get_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LankaAgency *self = LANKA_AGENCY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      lanka_agency_set_name (self, g_value_get_string (value));
      break;

    case PROP_UNIT:
      lanka_agency_set_unit (self, g_value_get_string (value));
      break;

    case PROP_AGENCY_TYPE:
      lanka_agency_set_agency_type (self, g_value_get_string (value));
      break;

    case PROP_ORGANISATION_NUMBER:
      lanka_agency_set_organisation_number (self, g_value_get_string (value));
      break;

    case PROP_OPENING_HOURS:
      lanka_agency_set_opening_hours (self, g_value_get_string (value));
      break;

    case PROP_OUT_OF_HOURS:
      lanka_agency_set_out_of_hours (self, g_value_get_string (value));
      break;

    case PROP_LIMITS:
      lanka_agency_set_limits (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      lanka_agency_set_notes (self, g_value_get_string (value));
      break;

    case PROP_VERIFIED_ON:
      lanka_agency_set_verified_on (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      lanka_agency_set_source (self, g_value_get_string (value));
      break;

    case PROP_NATIONAL:
      lanka_agency_set_national (self, g_value_get_boolean (value));
      break;

    case PROP_NMT:
      lanka_agency_set_nmt (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_class_init (LankaAgencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_agency_finalize;
  object_class->get_property = lanka_agency_get_property;
  object_class->set_property = lanka_agency_set_property;

  /**
   * LankaAgency:uuid:
   *
   * The stable identity of the agency, set when it is first saved.
   */
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:name:
   *
   * The name of the authority or organisation.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:unit:
   *
   * The unit or department within it.
   */
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:agency-type:
   *
   * The agency type code from the vocabulary, such as "police".
   */
  properties[PROP_AGENCY_TYPE] =
    g_param_spec_string ("agency-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:organisation-number:
   *
   * The Swedish organisation number.
   */
  properties[PROP_ORGANISATION_NUMBER] =
    g_param_spec_string ("organisation-number", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:opening-hours:
   *
   * When the agency can be reached, as free text.
   */
  properties[PROP_OPENING_HOURS] =
    g_param_spec_string ("opening-hours", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:out-of-hours:
   *
   * How to reach the agency outside its opening hours.
   */
  properties[PROP_OUT_OF_HOURS] =
    g_param_spec_string ("out-of-hours", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:limits:
   *
   * Eligibility limits as free text, such as "only women over 18".
   */
  properties[PROP_LIMITS] =
    g_param_spec_string ("limits", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:notes:
   *
   * Notes about working with the agency.
   */
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:verified-on:
   *
   * The date (YYYY-MM-DD) the details were last checked.
   */
  properties[PROP_VERIFIED_ON] =
    g_param_spec_string ("verified-on", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:source:
   *
   * Where the details come from.
   */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:national:
   *
   * Whether the agency serves the whole country.
   */
  properties[PROP_NATIONAL] =
    g_param_spec_boolean ("national", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:nmt:
   *
   * Whether the agency takes part in the national method-support team (NMT).
   */
  properties[PROP_NMT] =
    g_param_spec_boolean ("nmt", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:created:
   *
   * When the record was first saved, in microseconds since the epoch, or 0.
   */
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgency:modified:
   *
   * When the record was last saved, in microseconds since the epoch, or 0.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanka_agency_init (LankaAgency *self)
{
  self->channels = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_channel_free);
}

/**
 * lanka_agency_get_uuid:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:uuid
 */
const char *
lanka_agency_get_uuid (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->uuid;
}

/**
 * lanka_agency_get_name:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:name
 */
const char *
lanka_agency_get_name (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->name;
}

/**
 * lanka_agency_set_name:
 * @self: a #LankaAgency
 * @name: (nullable): the new value
 *
 * Sets #LankaAgency:name.  An empty string counts as no value.
 */
void
lanka_agency_set_name (LankaAgency *self,
                       const char  *name)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * lanka_agency_get_unit:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:unit
 */
const char *
lanka_agency_get_unit (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->unit;
}

/**
 * lanka_agency_set_unit:
 * @self: a #LankaAgency
 * @unit: (nullable): the new value
 *
 * Sets #LankaAgency:unit.  An empty string counts as no value.
 */
void
lanka_agency_set_unit (LankaAgency *self,
                       const char  *unit)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

/**
 * lanka_agency_get_agency_type:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:agency-type
 */
const char *
lanka_agency_get_agency_type (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->agency_type;
}

/**
 * lanka_agency_set_agency_type:
 * @self: a #LankaAgency
 * @agency_type: (nullable): the new value
 *
 * Sets #LankaAgency:agency-type.  An empty string counts as no value.
 */
void
lanka_agency_set_agency_type (LankaAgency *self,
                              const char  *agency_type)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->agency_type, agency_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENCY_TYPE]);
}

/**
 * lanka_agency_get_organisation_number:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:organisation-number
 */
const char *
lanka_agency_get_organisation_number (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->organisation_number;
}

/**
 * lanka_agency_set_organisation_number:
 * @self: a #LankaAgency
 * @organisation_number: (nullable): the new value
 *
 * Sets #LankaAgency:organisation-number.  An empty string counts as no value.
 */
void
lanka_agency_set_organisation_number (LankaAgency *self,
                                      const char  *organisation_number)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->organisation_number, organisation_number))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION_NUMBER]);
}

/**
 * lanka_agency_get_opening_hours:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:opening-hours
 */
const char *
lanka_agency_get_opening_hours (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->opening_hours;
}

/**
 * lanka_agency_set_opening_hours:
 * @self: a #LankaAgency
 * @opening_hours: (nullable): the new value
 *
 * Sets #LankaAgency:opening-hours.  An empty string counts as no value.
 */
void
lanka_agency_set_opening_hours (LankaAgency *self,
                                const char  *opening_hours)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->opening_hours, opening_hours))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING_HOURS]);
}

/**
 * lanka_agency_get_out_of_hours:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:out-of-hours
 */
const char *
lanka_agency_get_out_of_hours (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->out_of_hours;
}

/**
 * lanka_agency_set_out_of_hours:
 * @self: a #LankaAgency
 * @out_of_hours: (nullable): the new value
 *
 * Sets #LankaAgency:out-of-hours.  An empty string counts as no value.
 */
void
lanka_agency_set_out_of_hours (LankaAgency *self,
                               const char  *out_of_hours)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->out_of_hours, out_of_hours))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUT_OF_HOURS]);
}

/**
 * lanka_agency_get_limits:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:limits
 */
const char *
lanka_agency_get_limits (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->limits;
}

/**
 * lanka_agency_set_limits:
 * @self: a #LankaAgency
 * @limits: (nullable): the new value
 *
 * Sets #LankaAgency:limits.  An empty string counts as no value.
 */
void
lanka_agency_set_limits (LankaAgency *self,
                         const char  *limits)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->limits, limits))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMITS]);
}

/**
 * lanka_agency_get_notes:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:notes
 */
const char *
lanka_agency_get_notes (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->notes;
}

/**
 * lanka_agency_set_notes:
 * @self: a #LankaAgency
 * @notes: (nullable): the new value
 *
 * Sets #LankaAgency:notes.  An empty string counts as no value.
 */
void
lanka_agency_set_notes (LankaAgency *self,
                        const char  *notes)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * lanka_agency_get_verified_on:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:verified-on
 */
const char *
lanka_agency_get_verified_on (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->verified_on;
}

/**
 * lanka_agency_set_verified_on:
 * @self: a #LankaAgency
 * @verified_on: (nullable): the new value
 *
 * Sets #LankaAgency:verified-on.  An empty string counts as no value.
 */
void
lanka_agency_set_verified_on (LankaAgency *self,
                              const char  *verified_on)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->verified_on, verified_on))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFIED_ON]);
}

/**
 * lanka_agency_get_source:
 * @self: a #LankaAgency
 *
 * Returns: (nullable): the value of #LankaAgency:source
 */
const char *
lanka_agency_get_source (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->source;
}

/**
 * lanka_agency_set_source:
 * @self: a #LankaAgency
 * @source: (nullable): the new value
 *
 * Sets #LankaAgency:source.  An empty string counts as no value.
 */
void
lanka_agency_set_source (LankaAgency *self,
                         const char  *source)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

/**
 * lanka_agency_get_national:
 * @self: a #LankaAgency
 *
 * Returns: the value of #LankaAgency:national
 */
gboolean
lanka_agency_get_national (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), FALSE);

  return self->national;
}

/**
 * lanka_agency_set_national:
 * @self: a #LankaAgency
 * @national: the new value
 *
 * Sets #LankaAgency:national.
 */
void
lanka_agency_set_national (LankaAgency *self,
                           gboolean     national)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  national = !!national;

  if (self->national != national)
    {
      self->national = national;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NATIONAL]);
    }
}

/**
 * lanka_agency_get_nmt:
 * @self: a #LankaAgency
 *
 * Returns: the value of #LankaAgency:nmt
 */
gboolean
lanka_agency_get_nmt (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), FALSE);

  return self->nmt;
}

/**
 * lanka_agency_set_nmt:
 * @self: a #LankaAgency
 * @nmt: the new value
 *
 * Sets #LankaAgency:nmt.
 */
void
lanka_agency_set_nmt (LankaAgency *self,
                      gboolean     nmt)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  nmt = !!nmt;

  if (self->nmt != nmt)
    {
      self->nmt = nmt;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NMT]);
    }
}

/**
 * lanka_agency_get_created:
 * @self: a #LankaAgency
 *
 * Returns: the value of #LankaAgency:created
 */
gint64
lanka_agency_get_created (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), 0);

  return self->created;
}

/**
 * lanka_agency_get_modified:
 * @self: a #LankaAgency
 *
 * Returns: the value of #LankaAgency:modified
 */
gint64
lanka_agency_get_modified (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), 0);

  return self->modified;
}

/**
 * lanka_agency_get_counties:
 * @self: a #LankaAgency
 *
 * Returns: (transfer none) (array zero-terminated=1): the county codes the agency serves
 */
const char * const *
lanka_agency_get_counties (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return (const char * const *)self->counties;
}

/**
 * lanka_agency_set_counties:
 * @self: a #LankaAgency
 * @counties: (nullable) (array zero-terminated=1): the county codes the agency serves
 *
 * Replaces the list; duplicates and empty strings are dropped.
 */
void
lanka_agency_set_counties (LankaAgency        *self,
                           const char * const *counties)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  g_clear_pointer (&self->counties, g_strfreev);
  self->counties = dup_code_list (counties);
}

/**
 * lanka_agency_get_support:
 * @self: a #LankaAgency
 *
 * Returns: (transfer none) (array zero-terminated=1): the support type codes it helps with
 */
const char * const *
lanka_agency_get_support (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return (const char * const *)self->support;
}

/**
 * lanka_agency_set_support:
 * @self: a #LankaAgency
 * @support: (nullable) (array zero-terminated=1): the support type codes it helps with
 *
 * Replaces the list; duplicates and empty strings are dropped.
 */
void
lanka_agency_set_support (LankaAgency        *self,
                          const char * const *support)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  g_clear_pointer (&self->support, g_strfreev);
  self->support = dup_code_list (support);
}

/**
 * lanka_agency_get_exploitation:
 * @self: a #LankaAgency
 *
 * Returns: (transfer none) (array zero-terminated=1): the forms of exploitation it helps with
 */
const char * const *
lanka_agency_get_exploitation (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return (const char * const *)self->exploitation;
}

/**
 * lanka_agency_set_exploitation:
 * @self: a #LankaAgency
 * @exploitation: (nullable) (array zero-terminated=1): the forms of exploitation it helps with
 *
 * Replaces the list; duplicates and empty strings are dropped.
 */
void
lanka_agency_set_exploitation (LankaAgency        *self,
                               const char * const *exploitation)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  g_clear_pointer (&self->exploitation, g_strfreev);
  self->exploitation = dup_code_list (exploitation);
}

/**
 * lanka_agency_get_other_helps:
 * @self: a #LankaAgency
 *
 * Returns: (transfer none) (array zero-terminated=1): other things it helps with, as codes
 */
const char * const *
lanka_agency_get_other_helps (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return (const char * const *)self->other_helps;
}

/**
 * lanka_agency_set_other_helps:
 * @self: a #LankaAgency
 * @other_helps: (nullable) (array zero-terminated=1): other things it helps with, as codes
 *
 * Replaces the list; duplicates and empty strings are dropped.
 */
void
lanka_agency_set_other_helps (LankaAgency        *self,
                              const char * const *other_helps)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  g_clear_pointer (&self->other_helps, g_strfreev);
  self->other_helps = dup_code_list (other_helps);
}

/**
 * lanka_agency_get_accepts:
 * @self: a #LankaAgency
 *
 * Returns: (transfer none) (array zero-terminated=1): the groups it accepts, such as "children"
 */
const char * const *
lanka_agency_get_accepts (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return (const char * const *)self->accepts;
}

/**
 * lanka_agency_set_accepts:
 * @self: a #LankaAgency
 * @accepts: (nullable) (array zero-terminated=1): the groups it accepts, such as "children"
 *
 * Replaces the list; duplicates and empty strings are dropped.
 */
void
lanka_agency_set_accepts (LankaAgency        *self,
                          const char * const *accepts)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  g_clear_pointer (&self->accepts, g_strfreev);
  self->accepts = dup_code_list (accepts);
}

/**
 * lanka_agency_get_languages:
 * @self: a #LankaAgency
 *
 * Returns: (transfer none) (array zero-terminated=1): the ISO 639 codes of the languages spoken
 */
const char * const *
lanka_agency_get_languages (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return (const char * const *)self->languages;
}

/**
 * lanka_agency_set_languages:
 * @self: a #LankaAgency
 * @languages: (nullable) (array zero-terminated=1): the ISO 639 codes of the languages spoken
 *
 * Replaces the list; duplicates and empty strings are dropped.
 */
void
lanka_agency_set_languages (LankaAgency        *self,
                            const char * const *languages)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  g_clear_pointer (&self->languages, g_strfreev);
  self->languages = dup_code_list (languages);
}

/**
 * lanka_agency_new:
 *
 * Returns: (transfer full): a new, unsaved agency of type "other"
 */
LankaAgency *
lanka_agency_new (void)
{
  return g_object_new (LANKA_TYPE_AGENCY,
                       "agency-type", "other",
                       NULL);
}

/**
 * lanka_agency_get_channels:
 * @self: a #LankaAgency
 *
 * Returns: (transfer none) (element-type LankaChannel): the phones,
 *   e-mail addresses, web sites and addresses, in the order shown
 */
GPtrArray *
lanka_agency_get_channels (LankaAgency *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY (self), NULL);

  return self->channels;
}

/**
 * lanka_agency_add_channel:
 * @self: a #LankaAgency
 * @kind: what @value is
 * @label: (nullable): a label, such as "Växel"
 * @value: the number or address as the person wrote it
 *
 * Appends a way to reach the agency.
 */
void
lanka_agency_add_channel (LankaAgency      *self,
                          LankaChannelKind  kind,
                          const char       *label,
                          const char       *value)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));
  g_return_if_fail (value != NULL);

  g_ptr_array_add (self->channels, lanka_channel_new (kind, label, value));
}

/**
 * lanka_agency_clear_channels:
 * @self: a #LankaAgency
 */
void
lanka_agency_clear_channels (LankaAgency *self)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  g_ptr_array_set_size (self->channels, 0);
}

void
_lanka_agency_set_identity (LankaAgency *self,
                            const char  *uuid,
                            gint64       created,
                            gint64       modified)
{
  g_return_if_fail (LANKA_IS_AGENCY (self));

  if (set_string (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);

  if (self->created != created)
    {
      self->created = created;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
    }

  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

struct _LankaAgencyContact
{
  GObject    parent_instance;

  char      *uuid;
  char      *agency_uuid;
  char      *name;
  char      *role;
  char      *notes;
  gint64     created;
  gint64     modified;
  GPtrArray *channels;
};

G_DEFINE_FINAL_TYPE (LankaAgencyContact, lanka_agency_contact, G_TYPE_OBJECT)

enum {
  CONTACT_PROP_0,
  CONTACT_PROP_UUID,
  CONTACT_PROP_AGENCY_UUID,
  CONTACT_PROP_NAME,
  CONTACT_PROP_ROLE,
  CONTACT_PROP_NOTES,
  CONTACT_PROP_CREATED,
  CONTACT_PROP_MODIFIED,
  N_CONTACT_PROPS,
};

static GParamSpec *contact_properties[N_CONTACT_PROPS];

static void
lanka_agency_contact_finalize (GObject *object)
{
  LankaAgencyContact *self = (LankaAgencyContact *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->agency_uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->channels, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_agency_contact_parent_class)->finalize (object);
}

static void
lanka_agency_contact_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LankaAgencyContact *self = LANKA_AGENCY_CONTACT (object);

  switch (prop_id)
    {
    case CONTACT_PROP_UUID:
      g_value_set_string (value, lanka_agency_contact_get_uuid (self));
      break;

    case CONTACT_PROP_AGENCY_UUID:
      g_value_set_string (value, lanka_agency_contact_get_agency_uuid (self));
      break;

    case CONTACT_PROP_NAME:
      g_value_set_string (value, lanka_agency_contact_get_name (self));
      break;

    case CONTACT_PROP_ROLE:
      g_value_set_string (value, lanka_agency_contact_get_role (self));
      break;

    case CONTACT_PROP_NOTES:
      g_value_set_string (value, lanka_agency_contact_get_notes (self));
      break;

    case CONTACT_PROP_CREATED:
      g_value_set_int64 (value, lanka_agency_contact_get_created (self));
      break;

    case CONTACT_PROP_MODIFIED:
      g_value_set_int64 (value, lanka_agency_contact_get_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_contact_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LankaAgencyContact *self = LANKA_AGENCY_CONTACT (object);

  switch (prop_id)
    {
    case CONTACT_PROP_NAME:
      lanka_agency_contact_set_name (self, g_value_get_string (value));
      break;

    case CONTACT_PROP_ROLE:
      lanka_agency_contact_set_role (self, g_value_get_string (value));
      break;

    case CONTACT_PROP_NOTES:
      lanka_agency_contact_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_contact_class_init (LankaAgencyContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_agency_contact_finalize;
  object_class->get_property = lanka_agency_contact_get_property;
  object_class->set_property = lanka_agency_contact_set_property;

  /**
   * LankaAgencyContact:uuid:
   *
   * The stable identity of the contact person, set when first saved.
   */
  contact_properties[CONTACT_PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyContact:agency-uuid:
   *
   * The identity of the agency the person works at.
   */
  contact_properties[CONTACT_PROP_AGENCY_UUID] =
    g_param_spec_string ("agency-uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyContact:name:
   *
   * The name of the contact person.
   */
  contact_properties[CONTACT_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyContact:role:
   *
   * The person's role or title.
   */
  contact_properties[CONTACT_PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyContact:notes:
   *
   * Notes about the contact person.
   */
  contact_properties[CONTACT_PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyContact:created:
   *
   * When the record was first saved, in microseconds since the epoch, or 0.
   */
  contact_properties[CONTACT_PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyContact:modified:
   *
   * When the record was last saved, in microseconds since the epoch, or 0.
   */
  contact_properties[CONTACT_PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_CONTACT_PROPS, contact_properties);
}

static void
lanka_agency_contact_init (LankaAgencyContact *self)
{
  self->channels = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_channel_free);
}

/**
 * lanka_agency_contact_get_uuid:
 * @self: a #LankaAgencyContact
 *
 * Returns: (nullable): the value of #LankaAgencyContact:uuid
 */
const char *
lanka_agency_contact_get_uuid (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), NULL);

  return self->uuid;
}

/**
 * lanka_agency_contact_get_agency_uuid:
 * @self: a #LankaAgencyContact
 *
 * Returns: (nullable): the value of #LankaAgencyContact:agency-uuid
 */
const char *
lanka_agency_contact_get_agency_uuid (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), NULL);

  return self->agency_uuid;
}

/**
 * lanka_agency_contact_get_name:
 * @self: a #LankaAgencyContact
 *
 * Returns: (nullable): the value of #LankaAgencyContact:name
 */
const char *
lanka_agency_contact_get_name (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), NULL);

  return self->name;
}

/**
 * lanka_agency_contact_set_name:
 * @self: a #LankaAgencyContact
 * @name: (nullable): the new value
 *
 * Sets #LankaAgencyContact:name.  An empty string counts as no value.
 */
void
lanka_agency_contact_set_name (LankaAgencyContact *self,
                               const char         *name)
{
  g_return_if_fail (LANKA_IS_AGENCY_CONTACT (self));

  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), contact_properties[CONTACT_PROP_NAME]);
}

/**
 * lanka_agency_contact_get_role:
 * @self: a #LankaAgencyContact
 *
 * Returns: (nullable): the value of #LankaAgencyContact:role
 */
const char *
lanka_agency_contact_get_role (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), NULL);

  return self->role;
}

/**
 * lanka_agency_contact_set_role:
 * @self: a #LankaAgencyContact
 * @role: (nullable): the new value
 *
 * Sets #LankaAgencyContact:role.  An empty string counts as no value.
 */
void
lanka_agency_contact_set_role (LankaAgencyContact *self,
                               const char         *role)
{
  g_return_if_fail (LANKA_IS_AGENCY_CONTACT (self));

  if (set_string (&self->role, role))
    g_object_notify_by_pspec (G_OBJECT (self), contact_properties[CONTACT_PROP_ROLE]);
}

/**
 * lanka_agency_contact_get_notes:
 * @self: a #LankaAgencyContact
 *
 * Returns: (nullable): the value of #LankaAgencyContact:notes
 */
const char *
lanka_agency_contact_get_notes (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), NULL);

  return self->notes;
}

/**
 * lanka_agency_contact_set_notes:
 * @self: a #LankaAgencyContact
 * @notes: (nullable): the new value
 *
 * Sets #LankaAgencyContact:notes.  An empty string counts as no value.
 */
void
lanka_agency_contact_set_notes (LankaAgencyContact *self,
                                const char         *notes)
{
  g_return_if_fail (LANKA_IS_AGENCY_CONTACT (self));

  if (set_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), contact_properties[CONTACT_PROP_NOTES]);
}

/**
 * lanka_agency_contact_get_created:
 * @self: a #LankaAgencyContact
 *
 * Returns: the value of #LankaAgencyContact:created
 */
gint64
lanka_agency_contact_get_created (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), 0);

  return self->created;
}

/**
 * lanka_agency_contact_get_modified:
 * @self: a #LankaAgencyContact
 *
 * Returns: the value of #LankaAgencyContact:modified
 */
gint64
lanka_agency_contact_get_modified (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), 0);

  return self->modified;
}

/**
 * lanka_agency_contact_new:
 *
 * Returns: (transfer full): a new, unsaved contact person
 */
LankaAgencyContact *
lanka_agency_contact_new (void)
{
  return g_object_new (LANKA_TYPE_AGENCY_CONTACT, NULL);
}

/**
 * lanka_agency_contact_get_channels:
 * @self: a #LankaAgencyContact
 *
 * Returns: (transfer none) (element-type LankaChannel): the phones and
 *   e-mail addresses, in the order shown
 */
GPtrArray *
lanka_agency_contact_get_channels (LankaAgencyContact *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_CONTACT (self), NULL);

  return self->channels;
}

/**
 * lanka_agency_contact_add_channel:
 * @self: a #LankaAgencyContact
 * @kind: %LANKA_CHANNEL_PHONE or %LANKA_CHANNEL_EMAIL
 * @label: (nullable): a label, such as "Mobil"
 * @value: the number or address as the person wrote it
 *
 * Appends a way to reach the person.
 */
void
lanka_agency_contact_add_channel (LankaAgencyContact *self,
                                  LankaChannelKind    kind,
                                  const char         *label,
                                  const char         *value)
{
  g_return_if_fail (LANKA_IS_AGENCY_CONTACT (self));
  g_return_if_fail (kind == LANKA_CHANNEL_PHONE || kind == LANKA_CHANNEL_EMAIL);
  g_return_if_fail (value != NULL);

  g_ptr_array_add (self->channels, lanka_channel_new (kind, label, value));
}

/**
 * lanka_agency_contact_clear_channels:
 * @self: a #LankaAgencyContact
 */
void
lanka_agency_contact_clear_channels (LankaAgencyContact *self)
{
  g_return_if_fail (LANKA_IS_AGENCY_CONTACT (self));

  g_ptr_array_set_size (self->channels, 0);
}

void
_lanka_agency_contact_set_identity (LankaAgencyContact *self,
                                    const char         *uuid,
                                    const char         *agency_uuid,
                                    gint64              created,
                                    gint64              modified)
{
  g_return_if_fail (LANKA_IS_AGENCY_CONTACT (self));

  if (set_string (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), contact_properties[CONTACT_PROP_UUID]);

  if (set_string (&self->agency_uuid, agency_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), contact_properties[CONTACT_PROP_AGENCY_UUID]);

  if (self->created != created)
    {
      self->created = created;
      g_object_notify_by_pspec (G_OBJECT (self), contact_properties[CONTACT_PROP_CREATED]);
    }

  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), contact_properties[CONTACT_PROP_MODIFIED]);
    }
}
