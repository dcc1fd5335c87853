/* lanka-test-ui.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-test-ui.h"
#include "lanka-key.h"

#include <glib/gi18n.h>
#include <locale.h>

/**
 * lanka_test_init_locale:
 *
 * Sets the locale from the environment and takes messages from the build
 * tree, so that a test checks the translation that is about to be
 * installed.  A locale that is not installed ends the test at once: it
 * would otherwise pass in English while claiming to check Swedish.
 */
void
lanka_test_init_locale (void)
{
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The locale of this test (LANG=%s) is not installed", g_getenv ("LANG"));
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * lanka_test_ui_init:
 * @argc: the address of main()'s argc
 * @argv: the address of main()'s argv
 *
 * What every widget test does first: the locale, then GTest and GTK, then
 * libadwaita's styles for the tests that build widgets without an
 * application.
 */
void
lanka_test_ui_init (int    *argc,
                    char ***argv)
{
  lanka_test_init_locale ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/**
 * lanka_test_is_mapped:
 * @widget: a #GtkWidget
 *
 * A #LankaTestCondition: whether @widget is on screen.
 */
gboolean
lanka_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/**
 * lanka_test_has_database:
 * @app: a #LankaApplication
 *
 * A #LankaTestCondition: whether @app has a database open.
 */
gboolean
lanka_test_has_database (gpointer app)
{
  return lanka_application_get_database (app) != NULL;
}

/**
 * lanka_test_application_new:
 * @data_dir: the test's own data directory
 *
 * Returns: (transfer full): a registered application that keeps its
 *   database in @data_dir; not unique, since tests run side by side on
 *   one session bus
 */
LankaApplication *
lanka_test_application_new (const char *data_dir)
{
  g_autoptr(LankaApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  g_setenv ("LANKA_DATA_DIR", data_dir, TRUE);
  app = lanka_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&app);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LankaApplication *app = user_data;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_create_finish (LANKA_VAULT (object), result, &code, &error);
  g_assert_no_error (error);
  lanka_application_set_database (app, database);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LankaApplication *app = user_data;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_unlock_finish (LANKA_VAULT (object), result, &error);
  g_assert_no_error (error);
  lanka_application_set_database (app, database);
}

/**
 * lanka_test_ensure_unlocked:
 * @app: a #LankaApplication
 *
 * Opens the database of @app, as the parts need it: creates it in the
 * test's data directory the first time, and unlocks it through the
 * session's keyring after a lock.
 */
void
lanka_test_ensure_unlocked (LankaApplication *app)
{
  LankaVault *vault;

  g_return_if_fail (LANKA_IS_APPLICATION (app));

  if (lanka_application_get_database (app) != NULL)
    return;

  vault = lanka_application_get_vault (app);
  if (lanka_vault_get_state (vault) == LANKA_VAULT_STATE_EMPTY)
    lanka_vault_create_async (vault, NULL, NULL, create_cb, app);
  else
    lanka_vault_unlock_async (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, unlock_cb, app);

  lanka_test_iterate_until (lanka_test_has_database, app);
}

/**
 * lanka_test_create_database:
 * @dir: a directory the test made
 *
 * Returns: (transfer full): a new, empty database in @dir under a random
 *   key, for tests of a widget that need no application
 */
LankaDatabase *
lanka_test_create_database (const char *dir)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  path = g_build_filename (dir, "lanka.db", NULL);
  database = lanka_database_create (path, key, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&database);
}

/**
 * lanka_test_show_in_window:
 * @widget: a widget with no parent
 * @width: the window's width
 * @height: the window's height
 *
 * Puts @widget alone in a new window and waits until it is on screen.
 *
 * Returns: (transfer none): the window; lanka_test_close_window() closes it
 */
GtkWindow *
lanka_test_show_in_window (GtkWidget *widget,
                           int        width,
                           int        height)
{
  GtkWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, widget);
  gtk_window_present (window);
  lanka_test_iterate_until (lanka_test_is_mapped, window);

  return window;
}

/**
 * lanka_test_close_window:
 * @window: a window on screen
 *
 * Closes @window the way a person does, and waits until nothing keeps it
 * alive.
 */
void
lanka_test_close_window (GtkWindow *window)
{
  gpointer weak = window;

  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (window);
  lanka_test_iterate_until (lanka_test_is_cleared, &weak);
}

/**
 * lanka_test_find_toplevel:
 * @type: a #GtkWindow type
 *
 * Returns: (transfer none) (nullable): the first open window of @type
 */
gpointer
lanka_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

/**
 * lanka_test_find_widget:
 * @root: where to look
 * @match: what to look for
 * @data: passed to @match
 *
 * Returns: (transfer none) (nullable): the first widget below @root, in
 *   the order a person reads them, that @match accepts
 */
GtkWidget *
lanka_test_find_widget (GtkWidget      *root,
                        LankaTestMatch  match,
                        gconstpointer   data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;

      if ((found = lanka_test_find_widget (child, match, data)) != NULL)
        return found;
    }

  return NULL;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/**
 * lanka_test_collect_widgets:
 * @root: where to look
 * @type: the type of widget wanted
 *
 * Returns: (transfer container) (element-type GtkWidget): every widget of
 *   @type below @root, in the order a person reads them
 */
GPtrArray *
lanka_test_collect_widgets (GtkWidget *root,
                            GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (root), found);

  collect (root, type, found);

  return found;
}

/* What most searches look for: a widget of a type, perhaps only one on
 * screen, perhaps only one whose string property has a value.
 */
typedef struct
{
  GType       type;
  gboolean    mapped;
  const char *property;
  const char *value;
} Wanted;

static gboolean
is_wanted (GtkWidget     *widget,
           gconstpointer  data)
{
  const Wanted *wanted = data;
  g_autofree char *value = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) ||
      (wanted->mapped && !gtk_widget_get_mapped (widget)))
    return FALSE;

  if (wanted->property == NULL)
    return TRUE;

  g_object_get (widget, wanted->property, &value, NULL);
  return g_strcmp0 (value, wanted->value) == 0;
}

static GtkWidget *
find_wanted (GtkWidget  *root,
             GType       type,
             gboolean    mapped,
             const char *property,
             const char *value)
{
  Wanted wanted = { type, mapped, property, value };

  return lanka_test_find_widget (root, is_wanted, &wanted);
}

/**
 * lanka_test_find_child:
 * @root: where to look
 * @type: the type of widget wanted
 *
 * Returns: (transfer none) (nullable): the first widget of @type below @root
 */
GtkWidget *
lanka_test_find_child (GtkWidget *root,
                       GType      type)
{
  return find_wanted (root, type, FALSE, NULL, NULL);
}

static gboolean
has_buildable_id (GtkWidget     *widget,
                  gconstpointer  buildable_id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), buildable_id) == 0;
}

/**
 * lanka_test_find_by_id:
 * @root: a widget built from a template
 * @buildable_id: the id of a child in the template
 *
 * Returns: (transfer none) (nullable): the child of @root's template with
 *   that id, for the children a widget does not expose
 */
GtkWidget *
lanka_test_find_by_id (GtkWidget  *root,
                       const char *buildable_id)
{
  return lanka_test_find_widget (root, has_buildable_id, buildable_id);
}

static gboolean
is_styled (GtkWidget     *widget,
           gconstpointer  data)
{
  const Wanted *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         (wanted->value == NULL || gtk_widget_has_css_class (widget, wanted->value));
}

/**
 * lanka_test_find_styled:
 * @root: where to look
 * @type: the type of widget wanted
 * @css_class: (nullable): the style class it has
 *
 * Returns: (transfer none) (nullable): the first widget of @type below
 *   @root with @css_class
 */
GtkWidget *
lanka_test_find_styled (GtkWidget  *root,
                        GType       type,
                        const char *css_class)
{
  Wanted wanted = { type, FALSE, NULL, css_class };

  return lanka_test_find_widget (root, is_styled, &wanted);
}

/**
 * lanka_test_find_row:
 * @root: where to look
 * @type: an #AdwPreferencesRow type
 * @title: the row's title as shown, mnemonic included
 *
 * Returns: (transfer none) (nullable): the first row of @type titled @title
 */
GtkWidget *
lanka_test_find_row (GtkWidget  *root,
                     GType       type,
                     const char *title)
{
  g_return_val_if_fail (g_type_is_a (type, ADW_TYPE_PREFERENCES_ROW), NULL);

  return find_wanted (root, type, FALSE, "title", title);
}

/**
 * lanka_test_find_group:
 * @root: where to look
 * @title: the group's heading as shown
 *
 * Returns: (transfer none) (nullable): the first #AdwPreferencesGroup
 *   titled @title
 */
GtkWidget *
lanka_test_find_group (GtkWidget  *root,
                       const char *title)
{
  return find_wanted (root, ADW_TYPE_PREFERENCES_GROUP, FALSE, "title", title);
}

/**
 * lanka_test_find_label:
 * @root: where to look
 * @text: the whole text of the label, markup and mnemonic included
 *
 * Returns: (transfer none) (nullable): the first label on screen that
 *   says @text
 */
GtkWidget *
lanka_test_find_label (GtkWidget  *root,
                       const char *text)
{
  return find_wanted (root, GTK_TYPE_LABEL, TRUE, "label", text);
}

/**
 * lanka_test_find_button:
 * @root: where to look
 * @label: the button's label, mnemonic included
 *
 * Returns: (transfer none) (nullable): the first button labelled @label
 */
GtkWidget *
lanka_test_find_button (GtkWidget  *root,
                        const char *label)
{
  return find_wanted (root, GTK_TYPE_BUTTON, FALSE, "label", label);
}

/**
 * lanka_test_find_button_with_icon:
 * @root: where to look
 * @icon_name: the name of the button's icon
 *
 * Returns: (transfer none) (nullable): the first button that shows
 *   @icon_name
 */
GtkWidget *
lanka_test_find_button_with_icon (GtkWidget  *root,
                                  const char *icon_name)
{
  return find_wanted (root, GTK_TYPE_BUTTON, FALSE, "icon-name", icon_name);
}

/**
 * lanka_test_find_action_button:
 * @root: where to look
 * @action_name: an action name such as `win.lock`
 *
 * Returns: (transfer none) (nullable): the first button that activates
 *   @action_name
 */
GtkWidget *
lanka_test_find_action_button (GtkWidget  *root,
                               const char *action_name)
{
  return find_wanted (root, GTK_TYPE_BUTTON, FALSE, "action-name", action_name);
}

/**
 * lanka_test_visible_status_page:
 * @root: where to look
 *
 * Returns: (transfer none) (nullable): the status page a person sees, if any
 */
AdwStatusPage *
lanka_test_visible_status_page (GtkWidget *root)
{
  return ADW_STATUS_PAGE (find_wanted (root, ADW_TYPE_STATUS_PAGE, TRUE, NULL, NULL));
}
