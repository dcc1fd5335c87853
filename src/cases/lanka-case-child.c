/* lanka-case-child.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-child"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lanka-case.h"
#include "lanka-case-child.h"
#include "lanka-case-rows.h"
#include "lanka-database.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

/* What a child case needs beyond an adult's: why it is a child case, the
 * guardian or god man, whether the child came alone, the reference to the
 * BBIC investigation (which lives in the official system; Länka does not
 * rebuild its forms) and the deadlines the social services have to meet
 * for a child, counted from the intake date.
 */

typedef struct
{
  const char *field;
  const char *title;
  const char *done_title;
  const char *when;
  guint       days;
  guint       months;
} Deadline;

static const Deadline deadlines[] = {
  { "protection_assessed_on", N_("Protection assessment"), N_("Protection assessment done on"),
    N_("the same or the next day"), 1, 0 },
  { "initial_assessment_on", N_("Initial assessment"), N_("Initial assessment done on"),
    N_("within 14 days"), 14, 0 },
  { "investigation_done_on", N_("Investigation"), N_("Investigation done on"),
    N_("within four months"), 0, 4 },
};

#define N_DEADLINES G_N_ELEMENTS (deadlines)

struct _LankaCaseChild
{
  AdwBin               parent_instance;

  LankaDatabase       *database;
  LankaCase           *kase;
  GSignalGroup        *case_signals;
  /* Rows bound to the case, built again for another case. */
  GPtrArray           *rows;
  /* The guardians' rows, built again after every change of the case. */
  GPtrArray           *guardian_rows;
  AdwActionRow        *due_rows[N_DEADLINES];
  GtkLabel            *due_labels[N_DEADLINES];

  /* Template widgets */
  AdwPreferencesGroup *child_group;
  AdwActionRow        *why_row;
  AdwPreferencesGroup *guardian_group;
  AdwPreferencesGroup *bbic_group;
  AdwPreferencesGroup *deadlines_group;
};

G_DEFINE_FINAL_TYPE (LankaCaseChild, lanka_case_child, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Reads a date as the store keeps it; a birth date known only to the
 * month or year counts from the first day.
 */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int year = 0;
  int month = 1;
  int day = 1;

  g_date_clear (date, 1);

  if (text == NULL || sscanf (text, "%d-%d-%d", &year, &month, &day) < 1)
    return FALSE;

  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

static int
get_age_on (const GDate *birth,
            const GDate *day)
{
  int age = g_date_get_year (day) - g_date_get_year (birth);

  if (g_date_get_month (day) < g_date_get_month (birth) ||
      (g_date_get_month (day) == g_date_get_month (birth) &&
       g_date_get_day (day) < g_date_get_day (birth)))
    age--;

  return age;
}

static char *
dup_why_child (LankaCase   *kase,
               const GDate *today)
{
  LankaRecord *victim = lanka_case_get_victim (kase);
  LankaRecord *exploitation = lanka_case_get_exploitation (kase);
  GDate birth;
  GDate start;
  gint64 age_at_entry;
  gint64 estimated;

  if (victim == NULL)
    return g_strdup (_("Add the victim under People: the age decides whether this is a child "
                       "case."));

  if (parse_date (lanka_record_get (victim, "birth_date"), &birth))
    {
      int age = get_age_on (&birth, today);

      if (age >= 0 && age < 18)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The victim is %d year old.",
                                             "The victim is %d years old.",
                                             age),
                                age);

      if (exploitation != NULL &&
          parse_date (lanka_record_get (exploitation, "period_start"), &start))
        {
          int then = get_age_on (&birth, &start);

          if (then >= 0 && then < 18)
            {
              g_autofree char *when = format_date (&start);

              /* Translators: %d is an age in years, %s the date the
               * exploitation began
               */
              return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "The victim was %d year old when the "
                                                   "exploitation began on %s.",
                                                   "The victim was %d years old when the "
                                                   "exploitation began on %s.",
                                                   then),
                                      then, when);
            }
        }
    }

  age_at_entry = exploitation != NULL ? lanka_record_get_int (exploitation, "age_at_entry", -1)
                                      : -1;
  if (age_at_entry >= 0 && age_at_entry < 18)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The victim was %d year old when the exploitation "
                                         "began.",
                                         "The victim was %d years old when the exploitation "
                                         "began.",
                                         (int) age_at_entry),
                            (int) age_at_entry);

  estimated = lanka_record_get_int (victim, "estimated_age", -1);
  if (estimated >= 0 && estimated < 18)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The victim's age is estimated at %d year.",
                                         "The victim's age is estimated at %d years.",
                                         (int) estimated),
                            (int) estimated);

  return g_strdup (_("The victim is under 18 now or was at the time of exploitation."));
}

/* A row that leads to the People section, where guardians are edited. */
static void
make_people_link (GtkWidget *row)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "case-editor.show-section");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", "people");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Go to People"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Go to People"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
}

static void
update_guardians (LankaCaseChild *self)
{
  GListModel *people;
  guint n;

  for (guint i = 0; i < self->guardian_rows->len; i++)
    adw_preferences_group_remove (self->guardian_group,
                                  g_ptr_array_index (self->guardian_rows, i));
  g_ptr_array_set_size (self->guardian_rows, 0);

  if (self->kase == NULL)
    return;

  people = lanka_case_get_people (self->kase);
  n = people != NULL ? g_list_model_get_n_items (people) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LankaRecord) person = g_list_model_get_item (people, i);
      const char *alias;
      GtkWidget *row;

      if (g_strcmp0 (lanka_record_get (person, "role"), "guardian") != 0)
        continue;

      alias = lanka_record_get (person, "alias");
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     alias != NULL && alias[0] != '\0' ? alias
                                                                       : _("No alias yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   lanka_vocabulary_get_label (LANKA_VOCABULARY_ROLE, "guardian"));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "avatar-default-symbolic");
      make_people_link (row);
      adw_preferences_group_add (self->guardian_group, row);
      g_ptr_array_add (self->guardian_rows, row);
    }

  if (self->guardian_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No guardian or god man yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add one under People with the role guardian or god man."));
      make_people_link (row);
      adw_preferences_group_add (self->guardian_group, row);
      g_ptr_array_add (self->guardian_rows, row);
    }
}

static void
update_deadlines (LankaCaseChild *self,
                  const GDate    *today)
{
  LankaRecord *record = lanka_case_get_record (self->kase);
  const char *intake_text = lanka_record_get (record, "intake_date");
  GDate intake;
  gboolean has_intake = parse_date (intake_text, &intake) &&
                        lanka_date_validate (intake_text, NULL);

  if (has_intake)
    {
      g_autofree char *when = format_date (&intake);
      g_autofree char *description = NULL;

      /* Translators: %s is the intake date */
      description = g_strdup_printf (_("Counted from the intake date, %s."), when);
      adw_preferences_group_set_description (self->deadlines_group, description);
    }
  else
    {
      adw_preferences_group_set_description (self->deadlines_group,
                                             _("Set the intake date under Overview to count "
                                               "the deadlines."));
    }

  for (guint i = 0; i < N_DEADLINES; i++)
    {
      const char *done_text = lanka_record_get (record, deadlines[i].field);
      GDate done;
      gboolean is_done = parse_date (done_text, &done) && lanka_date_validate (done_text, NULL);
      g_autofree char *subtitle = NULL;
      const char *state = NULL;
      const char *state_class = NULL;

      if (has_intake)
        {
          GDate due = intake;
          g_autofree char *due_text = NULL;

          g_date_add_days (&due, deadlines[i].days);
          g_date_add_months (&due, deadlines[i].months);
          due_text = format_date (&due);

          /* Translators: %s is a date, then when it is due, such as
           * "within 14 days"
           */
          subtitle = g_strdup_printf (_("Due %s, %s"), due_text, _(deadlines[i].when));

          if (is_done)
            {
              state = _("Done");
              state_class = "success";
            }
          else if (g_date_compare (&due, today) < 0)
            {
              state = _("Overdue");
              state_class = "error";
            }
        }
      else
        {
          subtitle = g_strdup (_(deadlines[i].when));
          if (is_done)
            {
              state = _("Done");
              state_class = "success";
            }
        }

      adw_action_row_set_subtitle (self->due_rows[i], subtitle);
      gtk_label_set_label (self->due_labels[i], state);
      gtk_widget_set_visible (GTK_WIDGET (self->due_labels[i]), state != NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_labels[i]), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_labels[i]), "error");
      if (state_class != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->due_labels[i]), state_class);
    }
}

static void
update (LankaCaseChild *self)
{
  g_autofree char *why = NULL;
  GDate today;

  update_guardians (self);

  if (self->kase == NULL)
    return;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  why = dup_why_child (self->kase, &today);
  adw_action_row_set_subtitle (self->why_row, why);
  update_deadlines (self, &today);
}

static void
add_row (LankaCaseChild      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
rebuild (LankaCaseChild *self)
{
  LankaRecord *record;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  g_signal_group_set_target (self->case_signals, self->kase);

  if (self->kase != NULL)
    {
      record = lanka_case_get_record (self->kase);

      add_row (self, self->child_group,
               lanka_case_switch_row_new (record, "unaccompanied", _("Unaccompanied"),
                                          _("Came to Sweden without a parent or other "
                                            "guardian")));
      add_row (self, self->bbic_group,
               lanka_case_entry_row_new (record, "bbic_reference", _("BBIC reference")));

      for (guint i = 0; i < N_DEADLINES; i++)
        {
          GtkWidget *due_row = adw_action_row_new ();
          GtkWidget *label = gtk_label_new (NULL);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due_row), _(deadlines[i].title));
          gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (label, "lanka-tag");
          adw_action_row_add_suffix (ADW_ACTION_ROW (due_row), label);
          gtk_widget_add_css_class (due_row, "lanka-case-deadline");
          self->due_rows[i] = ADW_ACTION_ROW (due_row);
          self->due_labels[i] = GTK_LABEL (label);
          add_row (self, self->deadlines_group, due_row);

          add_row (self, self->deadlines_group,
                   lanka_case_date_row_new (record, deadlines[i].field,
                                            _(deadlines[i].done_title)));
        }
    }
  else
    {
      memset (self->due_rows, 0, sizeof self->due_rows);
      memset (self->due_labels, 0, sizeof self->due_labels);
    }

  update (self);
}

static void
lanka_case_child_dispose (GObject *object)
{
  LankaCaseChild *self = (LankaCaseChild *)object;

  if (self->case_signals != NULL)
    g_signal_group_set_target (self->case_signals, NULL);
  g_clear_object (&self->case_signals);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_CHILD);

  g_clear_object (&self->kase);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (lanka_case_child_parent_class)->dispose (object);
}

static void
lanka_case_child_finalize (GObject *object)
{
  LankaCaseChild *self = (LankaCaseChild *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->guardian_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lanka_case_child_parent_class)->finalize (object);
}

static void
lanka_case_child_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LankaCaseChild *self = LANKA_CASE_CHILD (object);

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
lanka_case_child_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LankaCaseChild *self = LANKA_CASE_CHILD (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      if (g_set_object (&self->database, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
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
lanka_case_child_class_init (LankaCaseChildClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_child_dispose;
  object_class->finalize = lanka_case_child_finalize;
  object_class->get_property = lanka_case_child_get_property;
  object_class->set_property = lanka_case_child_set_property;

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
                                               "/io/github/lanka/Lanka/cases/lanka-case-child.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseChild, child_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseChild, why_row);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseChild, guardian_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseChild, bbic_group);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseChild, deadlines_group);
}

static void
lanka_case_child_init (LankaCaseChild *self)
{
  self->rows = g_ptr_array_new ();
  self->guardian_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->case_signals = g_signal_group_new (LANKA_TYPE_CASE);
  g_signal_group_connect_swapped (self->case_signals, "changed", G_CALLBACK (update), self);
}
