/* lanka-record.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-record"

#include "config.h"

#include "lanka-record.h"

#include <string.h>

/* A record holds no database handle: the store fills it and saves it, and
 * an editor changes it in between.  Fields are kept by name, so that the
 * generic rows of the case editor can bind to any column without a
 * property for each.
 */

struct _LankaRecord
{
  GObject     parent_instance;

  char       *kind;
  char       *uuid;

  /* Field name → value (never NULL, never empty: an empty field is absent). */
  GHashTable *values;

  /* Field name → GStrv of codes, sorted and without repeats (never empty). */
  GHashTable *lists;
};

G_DEFINE_FINAL_TYPE (LankaRecord, lanka_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_UUID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const empty_list[] = { NULL };

static void
lanka_record_finalize (GObject *object)
{
  LankaRecord *self = (LankaRecord *)object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_hash_table_unref);

  G_OBJECT_CLASS (lanka_record_parent_class)->finalize (object);
}

static void
lanka_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LankaRecord *self = LANKA_RECORD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, lanka_record_get_kind (self));
      break;

    case PROP_UUID:
      g_value_set_string (value, lanka_record_get_uuid (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LankaRecord *self = LANKA_RECORD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;

    case PROP_UUID:
      self->uuid = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_record_constructed (GObject *object)
{
  LankaRecord *self = (LankaRecord *)object;

  G_OBJECT_CLASS (lanka_record_parent_class)->constructed (object);

  if (self->kind == NULL)
    self->kind = g_strdup ("case");
  if (self->uuid == NULL)
    self->uuid = g_uuid_string_random ();
}

static void
lanka_record_class_init (LankaRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_record_finalize;
  object_class->get_property = lanka_record_get_property;
  object_class->set_property = lanka_record_set_property;
  object_class->constructed = lanka_record_constructed;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LankaRecord::changed:
   * @self: a #LankaRecord
   * @field: the field that changed
   *
   * Emitted after a field took a new value; the detail is the field.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lanka_record_init (LankaRecord *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_strfreev);
}

/**
 * lanka_record_new:
 * @kind: the table the record belongs to, such as "person"
 *
 * Returns: (transfer full): a new, empty record with a new uuid
 */
LankaRecord *
lanka_record_new (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  return g_object_new (LANKA_TYPE_RECORD, "kind", kind, NULL);
}

/**
 * lanka_record_new_with_uuid:
 * @kind: the table the record belongs to
 * @uuid: the record's uuid
 *
 * Returns: (transfer full): a new, empty record
 */
LankaRecord *
lanka_record_new_with_uuid (const char *kind,
                            const char *uuid)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_object_new (LANKA_TYPE_RECORD, "kind", kind, "uuid", uuid, NULL);
}

/**
 * lanka_record_copy:
 * @self: a #LankaRecord
 *
 * Returns: (transfer full): a record with the same kind, uuid and fields
 */
LankaRecord *
lanka_record_copy (LankaRecord *self)
{
  LankaRecord *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (LANKA_IS_RECORD (self), NULL);

  copy = lanka_record_new_with_uuid (self->kind, self->uuid);

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->values, g_strdup (key), g_strdup (value));

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->lists, g_strdup (key), g_strdupv (value));

  return copy;
}

const char *
lanka_record_get_kind (LankaRecord *self)
{
  g_return_val_if_fail (LANKA_IS_RECORD (self), NULL);

  return self->kind;
}

const char *
lanka_record_get_uuid (LankaRecord *self)
{
  g_return_val_if_fail (LANKA_IS_RECORD (self), NULL);

  return self->uuid;
}

/**
 * lanka_record_get:
 * @self: a #LankaRecord
 * @field: a column name
 *
 * Returns: (nullable): the value, or %NULL when the field is empty
 */
const char *
lanka_record_get (LankaRecord *self,
                  const char  *field)
{
  g_return_val_if_fail (LANKA_IS_RECORD (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return g_hash_table_lookup (self->values, field);
}

static void
emit_changed (LankaRecord *self,
              const char  *field)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (field), field);
}

/* Stores @value without emitting anything; returns whether it changed. */
static gboolean
set_value (LankaRecord *self,
           const char  *field,
           const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (g_hash_table_lookup (self->values, field), value) == 0)
    return FALSE;

  if (value == NULL)
    g_hash_table_remove (self->values, field);
  else
    g_hash_table_insert (self->values, g_strdup (field), g_strdup (value));

  return TRUE;
}

/**
 * lanka_record_set:
 * @self: a #LankaRecord
 * @field: a column name
 * @value: (nullable): the new value; %NULL or "" empties the field
 *
 * Emits ::changed if the value is new.
 */
void
lanka_record_set (LankaRecord *self,
                  const char  *field,
                  const char  *value)
{
  g_return_if_fail (LANKA_IS_RECORD (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  if (set_value (self, field, value))
    emit_changed (self, field);
}

/**
 * _lanka_record_set_quiet:
 * @self: a #LankaRecord
 * @field: a column name
 * @value: (nullable): the new value
 *
 * For the store: sets a value the person did not type (a case number, a
 * derived field) without emitting ::changed, so that an editor does not
 * take it for an unsaved edit.
 */
void
_lanka_record_set_quiet (LankaRecord *self,
                         const char  *field,
                         const char  *value)
{
  g_return_if_fail (LANKA_IS_RECORD (self));
  g_return_if_fail (field != NULL);

  set_value (self, field, value);
}

gboolean
lanka_record_get_boolean (LankaRecord *self,
                          const char  *field)
{
  const char *value;

  g_return_val_if_fail (LANKA_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  value = lanka_record_get (self, field);

  return value != NULL && g_strcmp0 (value, "0") != 0;
}

void
lanka_record_set_boolean (LankaRecord *self,
                          const char  *field,
                          gboolean     value)
{
  g_return_if_fail (LANKA_IS_RECORD (self));
  g_return_if_fail (field != NULL);

  lanka_record_set (self, field, value ? "1" : NULL);
}

/**
 * lanka_record_get_int:
 * @self: a #LankaRecord
 * @field: a column name
 * @unset: what to return when the field is empty or not a number
 *
 * Returns: the field as a number, or @unset
 */
gint64
lanka_record_get_int (LankaRecord *self,
                      const char  *field,
                      gint64       unset)
{
  const char *value;
  gint64 number;

  g_return_val_if_fail (LANKA_IS_RECORD (self), unset);
  g_return_val_if_fail (field != NULL, unset);

  value = lanka_record_get (self, field);

  if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return unset;

  return number;
}

void
lanka_record_set_int (LankaRecord *self,
                      const char  *field,
                      gint64       value)
{
  char text[24];

  g_return_if_fail (LANKA_IS_RECORD (self));
  g_return_if_fail (field != NULL);

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  lanka_record_set (self, field, text);
}

/**
 * lanka_record_get_list:
 * @self: a #LankaRecord
 * @field: a multi-valued field, such as "citizenships"
 *
 * Returns: (transfer none) (array zero-terminated=1): the codes, sorted;
 *   an empty array when there are none
 */
const char * const *
lanka_record_get_list (LankaRecord *self,
                       const char  *field)
{
  const char * const *list;

  g_return_val_if_fail (LANKA_IS_RECORD (self), empty_list);
  g_return_val_if_fail (field != NULL, empty_list);

  list = g_hash_table_lookup (self->lists, field);

  return list != NULL ? list : empty_list;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Codes are a set: the database keeps no order for them, so the record
 * keeps them sorted and a comparison is a plain one.
 */
static GStrv
normalize_list (const char * const *values)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (values[i][0] != '\0')
      g_ptr_array_add (codes, g_strdup (values[i]));

  g_ptr_array_sort (codes, compare_codes);

  for (guint i = 1; i < codes->len; )
    {
      if (strcmp (g_ptr_array_index (codes, i), g_ptr_array_index (codes, i - 1)) == 0)
        g_ptr_array_remove_index (codes, i);
      else
        i++;
    }

  if (codes->len == 0)
    return NULL;

  g_ptr_array_add (codes, NULL);
  g_ptr_array_set_free_func (codes, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&codes), FALSE);
}

/**
 * lanka_record_set_list:
 * @self: a #LankaRecord
 * @field: a multi-valued field
 * @values: (nullable) (array zero-terminated=1): the codes, in any order
 *
 * Emits ::changed if the set of codes is new.
 */
void
lanka_record_set_list (LankaRecord        *self,
                       const char         *field,
                       const char * const *values)
{
  g_auto(GStrv) list = NULL;

  g_return_if_fail (LANKA_IS_RECORD (self));
  g_return_if_fail (field != NULL);

  list = normalize_list (values);

  if (g_strv_equal (lanka_record_get_list (self, field),
                    list != NULL ? (const char * const *)list : empty_list))
    return;

  if (list == NULL)
    g_hash_table_remove (self->lists, field);
  else
    g_hash_table_insert (self->lists, g_strdup (field), g_steal_pointer (&list));

  emit_changed (self, field);
}

gboolean
lanka_record_list_contains (LankaRecord *self,
                            const char  *field,
                            const char  *code)
{
  g_return_val_if_fail (LANKA_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  return g_strv_contains (lanka_record_get_list (self, field), code);
}

/**
 * lanka_record_list_toggle:
 * @self: a #LankaRecord
 * @field: a multi-valued field
 * @code: a code
 * @present: whether @code should be in the list
 *
 * Adds or removes one code.
 */
void
lanka_record_list_toggle (LankaRecord *self,
                          const char  *field,
                          const char  *code,
                          gboolean     present)
{
  const char * const *list;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) values = NULL;

  g_return_if_fail (LANKA_IS_RECORD (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (code != NULL);

  list = lanka_record_get_list (self, field);

  if (g_strv_contains (list, code) == !!present)
    return;

  builder = g_strv_builder_new ();

  for (guint i = 0; list[i] != NULL; i++)
    if (present || strcmp (list[i], code) != 0)
      g_strv_builder_add (builder, list[i]);

  if (present)
    g_strv_builder_add (builder, code);

  values = g_strv_builder_end (builder);
  lanka_record_set_list (self, field, (const char * const *)values);
}

/**
 * lanka_record_dup_fields:
 * @self: a #LankaRecord
 *
 * Returns: (transfer full): the names of the fields that hold a value or
 *   a code, single and multi-valued alike, sorted
 */
GStrv
lanka_record_dup_fields (LankaRecord *self)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  GStrv result;

  g_return_val_if_fail (LANKA_IS_RECORD (self), NULL);

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (fields, g_strdup (key));

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (fields, g_strdup (key));

  g_ptr_array_sort (fields, compare_codes);
  g_ptr_array_add (fields, NULL);

  result = (GStrv)g_ptr_array_free (g_steal_pointer (&fields), FALSE);

  return result;
}

/**
 * _lanka_record_is_list:
 * @self: a #LankaRecord
 * @field: a field name
 *
 * Returns: whether @field holds a list of codes in @self
 */
gboolean
_lanka_record_is_list (LankaRecord *self,
                       const char  *field)
{
  g_return_val_if_fail (LANKA_IS_RECORD (self), FALSE);

  return g_hash_table_contains (self->lists, field);
}

/**
 * lanka_record_field_equal:
 * @self: a #LankaRecord
 * @other: another #LankaRecord
 * @field: a field name
 *
 * Returns: whether @field holds the same value (or the same codes) in both
 */
gboolean
lanka_record_field_equal (LankaRecord *self,
                          LankaRecord *other,
                          const char  *field)
{
  g_return_val_if_fail (LANKA_IS_RECORD (self), FALSE);
  g_return_val_if_fail (LANKA_IS_RECORD (other), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return g_strcmp0 (lanka_record_get (self, field), lanka_record_get (other, field)) == 0 &&
         g_strv_equal (lanka_record_get_list (self, field), lanka_record_get_list (other, field));
}
