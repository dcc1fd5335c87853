/* lanka-agency-list.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directory as a list model for a GtkListView: one query finds the
 * ids of every match in list order, and the agencies themselves are read
 * a page at a time when the view asks for them.  Ten thousand agencies
 * cost ten thousand integers until someone scrolls.
 */

#define G_LOG_DOMAIN "lanka-agency-list"

#include "config.h"

#include "lanka-agency-list.h"
#include "lanka-directory-private.h"

/* Agencies read in one go around the position asked for: a screenful and
 * more, so that scrolling reads now and then rather than at every row.
 */
#define PAGE_SIZE 50

struct _LankaAgencyList
{
  GObject        parent_instance;

  LankaDatabase *database;

  /* The query, kept for reload(). */
  char          *text;
  char          *agency_type;
  char          *county;
  char          *helps;
  gboolean       nmt_only;

  /* The matches in list order, and the agencies read so far (NULL where
   * nothing was read yet), as long as ids.
   */
  GArray        *ids;
  GPtrArray     *items;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
lanka_agency_list_get_item_type (GListModel *model)
{
  return LANKA_TYPE_AGENCY;
}

static guint
lanka_agency_list_get_n_items (GListModel *model)
{
  LankaAgencyList *self = LANKA_AGENCY_LIST (model);

  return self->ids->len;
}

static void
load_page (LankaAgencyList *self,
           guint            position)
{
  g_autoptr(GError) error = NULL;
  LankaAgency *agencies[PAGE_SIZE];
  gint64 ids[PAGE_SIZE] = { 0 };
  guint positions[PAGE_SIZE];
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);
  guint n = 0;

  for (guint i = start; i < end; i++)
    {
      if (g_ptr_array_index (self->items, i) != NULL)
        continue;

      ids[n] = g_array_index (self->ids, gint64, i);
      positions[n] = i;
      n++;
    }

  if (!_lanka_directory_load_agencies (self->database, ids, n, agencies, &error))
    {
      /* No content in store errors: they are sentences about the database. */
      g_debug ("Could not read agencies of the list: %s", error->message);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      /* Deleted since the query ran: the position still needs an item,
       * and an empty agency is what it shows until the next reload.
       */
      if (agencies[i] == NULL)
        agencies[i] = lanka_agency_new ();

      g_ptr_array_index (self->items, positions[i]) = agencies[i];
    }
}

static gpointer
lanka_agency_list_get_item (GListModel *model,
                            guint       position)
{
  LankaAgencyList *self = LANKA_AGENCY_LIST (model);
  LankaAgency *agency;

  if (position >= self->ids->len)
    return NULL;

  if (g_ptr_array_index (self->items, position) == NULL)
    load_page (self, position);

  agency = g_ptr_array_index (self->items, position);

  /* The read failed (the disk, or the database closed an instant ago).  A
   * GListModel has an item at every position below its length, so this
   * one is an empty agency without uuid, not kept: the next call tries to
   * read again.  No warning: the failure is the database's, and the
   * person learns about it from whatever they do next with it.
   */
  if (agency == NULL)
    return lanka_agency_new ();

  return g_object_ref (agency);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lanka_agency_list_get_item_type;
  iface->get_n_items = lanka_agency_list_get_n_items;
  iface->get_item = lanka_agency_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (LankaAgencyList, lanka_agency_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Replaces the whole list with @ids (taken) in one items-changed. */
static void
replace_ids (LankaAgencyList *self,
             GArray          *ids)
{
  guint removed = self->ids->len;
  guint added = ids->len;

  g_array_unref (self->ids);
  self->ids = ids;

  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, added);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Locking closes the database while the window may still hold this
 * model: it forgets every agency it read, and its length becomes 0.
 */
static void
on_database_notify_open_cb (LankaAgencyList *self,
                            GParamSpec      *pspec,
                            LankaDatabase   *database)
{
  if (!lanka_database_is_open (database))
    replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
}

static void
lanka_agency_list_constructed (GObject *object)
{
  LankaAgencyList *self = (LankaAgencyList *)object;

  G_OBJECT_CLASS (lanka_agency_list_parent_class)->constructed (object);

  g_assert (LANKA_IS_DATABASE (self->database));

  g_signal_connect_object (self->database,
                           "notify::open",
                           G_CALLBACK (on_database_notify_open_cb),
                           self,
                           G_CONNECT_SWAPPED);
}

static void
lanka_agency_list_dispose (GObject *object)
{
  LankaAgencyList *self = (LankaAgencyList *)object;

  g_ptr_array_set_size (self->items, 0);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_agency_list_parent_class)->dispose (object);
}

static void
lanka_agency_list_finalize (GObject *object)
{
  LankaAgencyList *self = (LankaAgencyList *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->agency_type, g_free);
  g_clear_pointer (&self->county, g_free);
  g_clear_pointer (&self->helps, g_free);

  G_OBJECT_CLASS (lanka_agency_list_parent_class)->finalize (object);
}

static void
lanka_agency_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LankaAgencyList *self = LANKA_AGENCY_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_agency_list_get_database (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LankaAgencyList *self = LANKA_AGENCY_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_agency_list_class_init (LankaAgencyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lanka_agency_list_constructed;
  object_class->dispose = lanka_agency_list_dispose;
  object_class->finalize = lanka_agency_list_finalize;
  object_class->get_property = lanka_agency_list_get_property;
  object_class->set_property = lanka_agency_list_set_property;

  /**
   * LankaAgencyList:database:
   *
   * The database the agencies come from.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaAgencyList:n-items:
   *
   * How many agencies the list holds.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Most positions hold nothing yet. */
static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
lanka_agency_list_init (LankaAgencyList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_ptr_array_new_with_free_func (unref_item);
}

/**
 * lanka_agency_list_new:
 * @database: an open #LankaDatabase
 *
 * Creates an empty list of agencies; lanka_agency_list_set_query() or
 * lanka_agency_list_reload() fills it.
 *
 * Returns: (transfer full): a new #LankaAgencyList
 */
LankaAgencyList *
lanka_agency_list_new (LankaDatabase *database)
{
  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);

  return g_object_new (LANKA_TYPE_AGENCY_LIST,
                       "database", database,
                       NULL);
}

/**
 * lanka_agency_list_get_database:
 * @self: a #LankaAgencyList
 *
 * Returns: (transfer none): the database the agencies come from
 */
LankaDatabase *
lanka_agency_list_get_database (LankaAgencyList *self)
{
  g_return_val_if_fail (LANKA_IS_AGENCY_LIST (self), NULL);

  return self->database;
}

static void
replace_string (char       **location,
                const char  *value)
{
  g_free (*location);
  *location = g_strdup (value);
}

/**
 * lanka_agency_list_set_query:
 * @self: a #LankaAgencyList
 * @text: (nullable): what the person typed
 * @filter: (nullable): what to narrow the list to
 * @error: a location for a #GError
 *
 * Makes the list hold the agencies lanka_directory_search() finds, in the
 * same order: the best matches first when there are few, otherwise by
 * name in Swedish order.  The list changes in one items-changed, and the
 * agencies are read from the database only when asked for.  On error the
 * list stays as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_agency_list_set_query (LankaAgencyList             *self,
                             const char                  *text,
                             const LankaDirectoryFilter  *filter,
                             GError                     **error)
{
  static const LankaDirectoryFilter no_filter = { NULL };

  g_return_val_if_fail (LANKA_IS_AGENCY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (filter == NULL)
    filter = &no_filter;

  replace_string (&self->text, text);
  replace_string (&self->agency_type, filter->agency_type);
  replace_string (&self->county, filter->county);
  replace_string (&self->helps, filter->helps);
  self->nmt_only = filter->nmt_only;

  return lanka_agency_list_reload (self, error);
}

/**
 * lanka_agency_list_reload:
 * @self: a #LankaAgencyList
 * @error: a location for a #GError
 *
 * Runs the query again, after an agency was added, changed or deleted.
 * Every position gets a new object, read again when asked for; use
 * lanka_agency_list_find() to select the same agency again.
 *
 * Returns: %TRUE on success
 */
gboolean
lanka_agency_list_reload (LankaAgencyList  *self,
                          GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  LankaDirectoryFilter filter = {
    .agency_type = self->agency_type,
    .county = self->county,
    .helps = self->helps,
    .nmt_only = self->nmt_only,
  };

  g_return_val_if_fail (LANKA_IS_AGENCY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!_lanka_directory_search_ids (self->database, self->text, &filter, ids, error))
    return FALSE;

  replace_ids (self, g_steal_pointer (&ids));

  return TRUE;
}

/**
 * lanka_agency_list_find:
 * @self: a #LankaAgencyList
 * @uuid: an agency's uuid
 *
 * Returns: the position of the agency, or %GTK_INVALID_LIST_POSITION
 *   (%G_MAXUINT) when the list does not hold it
 */
guint
lanka_agency_list_find (LankaAgencyList *self,
                        const char      *uuid)
{
  gint64 id;

  g_return_val_if_fail (LANKA_IS_AGENCY_LIST (self), G_MAXUINT);
  g_return_val_if_fail (uuid != NULL, G_MAXUINT);

  /* Whatever the list holds, it was read; nothing to look up then. */
  for (guint i = 0; i < self->items->len; i++)
    {
      LankaAgency *agency = g_ptr_array_index (self->items, i);

      if (agency != NULL && g_strcmp0 (lanka_agency_get_uuid (agency), uuid) == 0)
        return i;
    }

  if (self->ids->len == 0 || !_lanka_directory_agency_id (self->database, uuid, &id, NULL))
    return G_MAXUINT;

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}
