/* lanka-case-closure.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-closure"

#include "config.h"

#include <glib/gi18n.h>

#include "lanka-case.h"
#include "lanka-case-closure.h"
#include "lanka-case-rows.h"
#include "lanka-database.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* How the case ended: the date, the reason and whom it was handed over
 * to.  The closing date and the status say the same thing twice, and the
 * list filters by status; when they disagree, a row below offers to make
 * them agree rather than changing the status behind the person's back.
 */
struct _LankaCaseClosure
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  GSignalGroup        *record_signals;
  GPtrArray           *rows;

  /* Template widgets */
  AdwPreferencesGroup *closure_group;
  AdwActionRow        *status_row;
  GtkButton           *status_button;
};

G_DEFINE_FINAL_TYPE (LankaCaseClosure, lanka_case_closure, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_closed_status (const char *status)
{
  return g_strcmp0 (status, "closed") == 0 ||
         g_strcmp0 (status, "closed_referred") == 0 ||
         g_strcmp0 (status, "duplicate") == 0;
}

static gboolean
is_empty (const char *value)
{
  return value == NULL || value[0] == '\0';
}

/* The status that fits a closed case: handed over, or just closed. */
static const char *
get_closed_status (LankaRecord *record)
{
  if (!is_empty (lanka_record_get (record, "handed_over_to")) ||
      !is_empty (lanka_record_get (record, "handed_over_to_name")))
    return "closed_referred";

  return "closed";
}

static void
update_status_row (LankaCaseClosure *self)
{
  LankaRecord *record;
  const char *status;
  const char *date;
  gboolean has_date;

  if (self->kase == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_row), FALSE);
      return;
    }

  record = lanka_case_get_record (self->kase);
  status = lanka_record_get (record, "status");
  date = lanka_record_get (record, "closed");
  has_date = !is_empty (date);

  /* A date still being typed is no reason to offer anything yet. */
  if (has_date && lanka_date_validate (date, NULL) && !is_closed_status (status))
    {
      const char *closed = get_closed_status (record);
      g_autofree char *subtitle = NULL;

      /* Translators: the first %s is the case's status, such as "Active";
       * the second the status of a closed case, such as "Closed"
       */
      subtitle = g_strdup_printf (_("Its status is still “%s”; a closed case has “%s”."),
                                  lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS,
                                                              status != NULL ? status : "intake"),
                                  lanka_vocabulary_get_label (LANKA_VOCABULARY_CASE_STATUS, closed));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                     _("The case has a closing date"));
      adw_action_row_set_subtitle (self->status_row, subtitle);
      gtk_button_set_label (self->status_button, _("_Change Status"));
      gtk_widget_set_visible (GTK_WIDGET (self->status_row), TRUE);
    }
  else if (!has_date && is_closed_status (status))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                     _("The case is closed but has no closing date"));
      adw_action_row_set_subtitle (self->status_row, _("The retention date is counted from it."));
      gtk_button_set_label (self->status_button, _("_Use Today"));
      gtk_widget_set_visible (GTK_WIDGET (self->status_row), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_row), FALSE);
    }
}

static void
on_status_button_clicked_cb (LankaCaseClosure *self)
{
  LankaRecord *record;

  g_assert (self->kase != NULL);

  record = lanka_case_get_record (self->kase);

  if (is_empty (lanka_record_get (record, "closed")))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      lanka_record_set (record, "closed", today);
    }
  else
    {
      lanka_record_set (record, "status", get_closed_status (record));
    }

  /* The button goes away under the pointer: keep the focus in the section. */
  gtk_widget_child_focus (GTK_WIDGET (self->closure_group), GTK_DIR_TAB_FORWARD);
  update_status_row (self);
}

static void
remove_rows (LankaCaseClosure *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->closure_group, g_ptr_array_index (self->rows, i));

  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (LankaCaseClosure *self,
         GtkWidget        *row)
{
  adw_preferences_group_add (self->closure_group, row);
  g_ptr_array_add (self->rows, row);
}

static void
rebuild (LankaCaseClosure *self)
{
  LankaRecord *record;

  remove_rows (self);
  g_signal_group_set_target (self->record_signals,
                             self->kase != NULL ? lanka_case_get_record (self->kase) : NULL);
  update_status_row (self);

  if (self->kase == NULL)
    return;

  record = lanka_case_get_record (self->kase);

  add_row (self, lanka_case_date_row_new (record, "closed", _("Closed on")));
  add_row (self, lanka_case_choice_row_new (record, "closure_reason", _("Reason"),
                                            LANKA_VOCABULARY_CLOSURE_REASON, TRUE));
  if (self->database != NULL)
    add_row (self, lanka_case_agency_row_new (self->database, record, "handed_over_to",
                                              "handed_over_to_name", _("Handed over to")));
}

static void
lanka_case_closure_dispose (GObject *object)
{
  LankaCaseClosure *self = (LankaCaseClosure *)object;

  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_CLOSURE);

  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_closure_parent_class)->dispose (object);
}

static void
lanka_case_closure_finalize (GObject *object)
{
  LankaCaseClosure *self = (LankaCaseClosure *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_case_closure_parent_class)->finalize (object);
}

static void
lanka_case_closure_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LankaCaseClosure *self = LANKA_CASE_CLOSURE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_closure_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LankaCaseClosure *self = LANKA_CASE_CLOSURE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      if (g_set_object (&self->database, g_value_get_object (value)))
        {
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CASE:
      if (g_set_object (&self->kase, g_value_get_object (value)))
        {
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_closure_class_init (LankaCaseClosureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_closure_dispose;
  object_class->finalize = lanka_case_closure_finalize;
  object_class->get_property = lanka_case_closure_get_property;
  object_class->set_property = lanka_case_closure_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-closure.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseClosure, closure_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseClosure, status_row);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseClosure, status_button);
  gtk_widget_class_bind_template_callback (widget_class, on_status_button_clicked_cb);
}

static void
lanka_case_closure_init (LankaCaseClosure *self)
{
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->record_signals = g_signal_group_new (LANKA_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "changed",
                                  G_CALLBACK (update_status_row), self);
}
