/* lanka-case-journal.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-case-journal"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lanka-application.h"
#include "lanka-case-editor.h"
#include "lanka-case-journal.h"
#include "lanka-draft.h"
#include "lanka-journal.h"
#include "lanka-vocabulary.h"

/* The journal of a saved case: its entries and the case's own events in
 * the order they happened, grouped by day, with a composer at the bottom.
 *
 * Unlike the other sections, the journal does not edit the case document:
 * an entry is written to the database when it is added, as a journal is
 * kept as one goes.  What is typed in the composer and not yet added is
 * kept as a draft of kind "journal" under the case's uuid, two seconds
 * after typing stops, when the section moves to another case and when
 * Länka locks, so that it is there again afterwards.
 */

#define DRAFT_KIND     "journal"
#define DRAFT_VERSION  1
#define DRAFT_DELAY_MS 2000
#define ENTRY_KEY      "lanka-journal-entry"

struct _LankaCaseJournal
{
  AdwBin              parent_instance;

  LankaDatabase      *database;
  LankaCase          *kase;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char               *search_key;

  /* The entry the composer changes, or the signed one it corrects. */
  char               *editing;
  char               *correcting;

  /* The editor around the section, whose saves change the journal. */
  GtkWidget          *editor;

  guint               draft_source;
  guint               scroll_source;
  char               *scroll_to;
  /* Whether the composer holds something the stored draft does not. */
  guint               draft_dirty : 1;
  /* Set while the composer is filled by the code, not by a person. */
  guint               filling : 1;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  GtkSearchEntry     *search_entry;
  GtkCheckButton     *events_check;
  GtkStack           *timeline_stack;
  GtkScrolledWindow  *scrolled_window;
  GtkListBox         *list_box;
  GtkRevealer        *mode_revealer;
  GtkLabel           *mode_label;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkDropDown        *type_drop_down;
  GtkEntry           *date_entry;
  GtkEntry           *time_entry;
  GtkTextView        *text_view;
  GtkButton          *add_button;
};

G_DEFINE_FINAL_TYPE (LankaCaseJournal, lanka_case_journal, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void reload (LankaCaseJournal *self);

/* Time */

static GDateTime *
local_time (gint64 usec)
{
  return g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
}

static char *
format_time (gint64      usec,
             const char *format)
{
  g_autoptr(GDateTime) time = local_time (usec);

  return time != NULL ? g_date_time_format (time, format) : g_strdup ("");
}

/* A date and a time as people write them: "2026-03-02" and "14:05" or
 * "14.05".  Returns -1 when either is not one.
 */
static gint64
parse_event_time (const char *date,
                  const char *time)
{
  g_autoptr(GDateTime) when = NULL;
  int year, month, day, hour, minute;
  char separator, rest;

  if (date == NULL || time == NULL)
    return -1;

  if (sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &rest) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return -1;

  if (sscanf (time, "%2d%c%2d%c", &hour, &separator, &minute, &rest) != 3 ||
      (separator != ':' && separator != '.') ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return -1;

  when = g_date_time_new_local (year, month, day, hour, minute, 0);
  if (when == NULL)
    return -1;

  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static gboolean
same_day (gint64 a,
          gint64 b)
{
  g_autoptr(GDateTime) first = local_time (a);
  g_autoptr(GDateTime) second = local_time (b);

  return first != NULL && second != NULL &&
         g_date_time_get_year (first) == g_date_time_get_year (second) &&
         g_date_time_get_day_of_year (first) == g_date_time_get_day_of_year (second);
}

static char *
dup_day_title (gint64 usec)
{
  gint64 now = g_get_real_time ();

  if (same_day (usec, now))
    return g_strdup (_("Today"));
  if (same_day (usec, now - G_TIME_SPAN_DAY))
    return g_strdup (_("Yesterday"));

  /* Translators: the heading of a day in the journal, a strftime format
   * for g_date_time_format(), such as "Monday 2 March 2026".
   */
  return format_time (usec, _("%A %-d %B %Y"));
}

/* "Written 3 days later": an entry written long after what it tells is
 * worth knowing when it is read.  Within the hour it is not.
 */
static char *
dup_written_note (LankaJournalEntry *entry)
{
  gint64 difference = lanka_journal_entry_get_written (entry) -
                      lanka_journal_entry_get_event_time (entry);
  gboolean later = difference >= 0;
  gint64 hours = ABS (difference) / G_TIME_SPAN_HOUR;
  gint64 days = hours / 24;

  if (hours == 0)
    return NULL;

  if (days > 0 && later)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Written %d day later",
                                         "Written %d days later", days),
                            (int) days);
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Written %d day before",
                                         "Written %d days before", days),
                            (int) days);
  if (later)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Written %d hour later",
                                         "Written %d hours later", hours),
                            (int) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Written %d hour before",
                                       "Written %d hours before", hours),
                          (int) hours);
}

/* Labels */

static const char *
get_label (LankaVocabulary  vocabulary,
           const char      *code)
{
  const char *label;

  if (code == NULL)
    return "";

  label = lanka_vocabulary_get_label (vocabulary, code);

  return label != NULL ? label : code;
}

/* Referrals and consents: for "referral_sent", "referral_received",
 * "consent_recorded" and "consent_withdrawn" the store keeps the reason
 * (or purpose) code and the agency's name; for "referral_status" the
 * status codes before and after.
 */
static char *
dup_referral_event_text (const char *event,
                         const char *old_value,
                         const char *new_value)
{
  const char *name = new_value != NULL ? new_value : "";

  if (g_strcmp0 (event, "referral_sent") == 0 && old_value != NULL)
    /* Translators: a case event: the agency and the reason, such as
     * "Referred to Mikamottagningen: Protection".
     */
    return g_strdup_printf (_("Referred to %s: %s"), name,
                            get_label (LANKA_VOCABULARY_REFERRAL_REASON, old_value));
  if (g_strcmp0 (event, "referral_sent") == 0)
    return g_strdup_printf (_("Referred to %s"), name);
  if (g_strcmp0 (event, "referral_received") == 0 && old_value != NULL)
    /* Translators: a case event: the agency that sent a referral and its
     * reason, such as "Referral received from the Police: Protection".
     */
    return g_strdup_printf (_("Referral received from %s: %s"), name,
                            get_label (LANKA_VOCABULARY_REFERRAL_REASON, old_value));
  if (g_strcmp0 (event, "referral_received") == 0)
    return g_strdup_printf (_("Referral received from %s"), name);

  if (g_strcmp0 (event, "referral_status") == 0)
    {
      if (g_strcmp0 (new_value, "in_progress") == 0)
        return g_strdup (_("Referral in progress"));
      if (g_strcmp0 (new_value, "accepted") == 0)
        return g_strdup (_("Referral accepted"));
      if (g_strcmp0 (new_value, "rejected") == 0)
        return g_strdup (_("Referral rejected"));
      if (g_strcmp0 (new_value, "done") == 0)
        return g_strdup (_("Referral done"));
      if (g_strcmp0 (new_value, "revoked") == 0)
        return g_strdup (_("Referral revoked"));
      /* Translators: a case event, such as "Referral status changed from
       * Accepted to Done".
       */
      return g_strdup_printf (_("Referral status changed from %s to %s"),
                              get_label (LANKA_VOCABULARY_REFERRAL_STATUS, old_value),
                              get_label (LANKA_VOCABULARY_REFERRAL_STATUS, new_value));
    }

  if (g_strcmp0 (event, "consent_recorded") == 0 && old_value != NULL)
    /* Translators: a case event: the recipient and the purpose, such as
     * "Consent recorded for Mikamottagningen: Protection".
     */
    return g_strdup_printf (_("Consent recorded for %s: %s"), name,
                            get_label (LANKA_VOCABULARY_REFERRAL_REASON, old_value));
  if (g_strcmp0 (event, "consent_recorded") == 0)
    return g_strdup_printf (_("Consent recorded for %s"), name);
  if (g_strcmp0 (event, "consent_withdrawn") == 0 && old_value != NULL)
    /* Translators: a case event: the recipient and the purpose, such as
     * "Consent withdrawn for Mikamottagningen: Protection".
     */
    return g_strdup_printf (_("Consent withdrawn for %s: %s"), name,
                            get_label (LANKA_VOCABULARY_REFERRAL_REASON, old_value));
  if (g_strcmp0 (event, "consent_withdrawn") == 0)
    return g_strdup_printf (_("Consent withdrawn for %s"), name);

  return g_strdup (_("Case changed"));
}

/* What the case itself recorded, in one line. */
static char *
dup_event_text (LankaJournalEntry *entry)
{
  const char *event = lanka_journal_entry_get_event (entry);
  const char *old_value = lanka_journal_entry_get_event_old (entry);
  const char *new_value = lanka_journal_entry_get_event_new (entry);

  if (g_strcmp0 (event, "status") == 0 && old_value != NULL)
    /* Translators: a case event, such as "Status changed from Intake to Active". */
    return g_strdup_printf (_("Status changed from %s to %s"),
                            get_label (LANKA_VOCABULARY_CASE_STATUS, old_value),
                            get_label (LANKA_VOCABULARY_CASE_STATUS, new_value));
  if (g_strcmp0 (event, "status") == 0)
    return g_strdup_printf (_("Status set to %s"),
                            get_label (LANKA_VOCABULARY_CASE_STATUS, new_value));
  if (g_strcmp0 (event, "nrm_step") == 0 && old_value != NULL)
    /* Translators: a case event, such as "NRM step changed from
     * Identification to Immediate protection".
     */
    return g_strdup_printf (_("NRM step changed from %s to %s"),
                            get_label (LANKA_VOCABULARY_NRM_STEP, old_value),
                            get_label (LANKA_VOCABULARY_NRM_STEP, new_value));
  if (g_strcmp0 (event, "nrm_step") == 0)
    return g_strdup_printf (_("NRM step set to %s"),
                            get_label (LANKA_VOCABULARY_NRM_STEP, new_value));
  if (g_strcmp0 (event, "person_added") == 0)
    /* Translators: a case event: the person's alias and their role, such
     * as "Person added: Sample Lark (Victim)".
     */
    return g_strdup_printf (_("Person added: %s (%s)"),
                            new_value != NULL ? new_value : "",
                            get_label (LANKA_VOCABULARY_ROLE, old_value));
  if (g_strcmp0 (event, "person_removed") == 0)
    return g_strdup_printf (_("Person removed: %s (%s)"),
                            new_value != NULL ? new_value : "",
                            get_label (LANKA_VOCABULARY_ROLE, old_value));
  if (g_strcmp0 (event, "permit_decided") == 0)
    /* Translators: a case event: the kind of permit and the decision, such
     * as "Permit decided: Reflection period – Granted".
     */
    return g_strdup_printf (_("Permit decided: %s – %s"),
                            get_label (LANKA_VOCABULARY_PERMIT_KIND, old_value),
                            get_label (LANKA_VOCABULARY_PERMIT_DECISION, new_value));
  if (g_str_has_prefix (event != NULL ? event : "", "referral_") ||
      g_str_has_prefix (event != NULL ? event : "", "consent_"))
    return dup_referral_event_text (event, old_value, new_value);
  if (g_strcmp0 (event, "created") == 0)
    return g_strdup (_("Case created"));
  if (g_strcmp0 (event, "closed") == 0 && new_value != NULL)
    /* Translators: a case event, with the closure reason. */
    return g_strdup_printf (_("Case closed: %s"),
                            get_label (LANKA_VOCABULARY_CLOSURE_REASON, new_value));
  if (g_strcmp0 (event, "closed") == 0)
    return g_strdup (_("Case closed"));

  return g_strdup (_("Case changed"));
}

/* Finding entries */

static LankaJournalEntry *
row_get_entry (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), ENTRY_KEY) : NULL;
}

static GListModel *
get_entries (LankaCaseJournal *self)
{
  return gtk_filter_list_model_get_model (self->filtered);
}

static LankaJournalEntry *
find_entry (LankaCaseJournal *self,
            const char       *uuid)
{
  GListModel *entries = get_entries (self);

  if (entries == NULL || uuid == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(LankaJournalEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (lanka_journal_entry_get_uuid (entry), uuid) == 0)
        return entry;
    }

  return NULL;
}

static GtkListBoxRow *
find_row (LankaCaseJournal *self,
          const char       *uuid)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (g_strcmp0 (lanka_journal_entry_get_uuid (row_get_entry (row)), uuid) == 0)
      return row;

  return NULL;
}

/* "the entry of 2 March 14:05 by Anna Berg", to name an entry in a link. */
static char *
dup_entry_name (LankaJournalEntry *entry)
{
  g_autofree char *when = format_time (lanka_journal_entry_get_event_time (entry),
                                       "%Y-%m-%d %H:%M");

  return g_strdup_printf (_("%s by %s"), when,
                          lanka_journal_entry_get_author (entry) ?: "");
}

/* Scrolling */

static gboolean
scroll_to_entry_cb (gpointer user_data)
{
  LankaCaseJournal *self = user_data;
  g_autofree char *uuid = g_steal_pointer (&self->scroll_to);
  GtkListBoxRow *row;

  self->scroll_source = 0;

  if (uuid != NULL && (row = find_row (self, uuid)) != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
      double x, y;

      if (gtk_widget_translate_coordinates (GTK_WIDGET (row), GTK_WIDGET (self->list_box),
                                            0, 0, &x, &y))
        gtk_adjustment_clamp_page (adjustment, y, y + gtk_widget_get_height (GTK_WIDGET (row)));
    }

  return G_SOURCE_REMOVE;
}

/* Brings the row of @uuid into view once it has a place, and with @focus
 * moves the keyboard there too, for the links between a correction and
 * the entry it corrects.
 */
static void
scroll_to_entry (LankaCaseJournal *self,
                 const char       *uuid,
                 gboolean          focus)
{
  GtkListBoxRow *row = find_row (self, uuid);

  if (row != NULL && focus)
    gtk_widget_grab_focus (GTK_WIDGET (row));

  g_free (self->scroll_to);
  self->scroll_to = g_strdup (uuid);
  if (self->scroll_source == 0)
    self->scroll_source = g_timeout_add (50, scroll_to_entry_cb, self);
}

/* Rows */

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
make_button (const char *label,
             const char *action,
             const char *uuid,
             const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);

  return button;
}

/* A link to another entry: a correction and the entry it corrects point
 * at each other.
 */
static GtkWidget *
make_link (const char *text,
           const char *uuid)
{
  GtkWidget *button = make_button (text, "journal.show-entry", uuid, "link");
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (button, "caption");

  return button;
}

static GtkWidget *
create_event_row (LankaJournalEntry *entry)
{
  g_autofree char *time = format_time (lanka_journal_entry_get_event_time (entry), "%H:%M");
  g_autofree char *text = dup_event_text (entry);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box), make_label (time, "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "numeric");

  label = make_label (text, "caption");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, text);
  gtk_box_append (GTK_BOX (box), label);

  label = make_label (lanka_journal_entry_get_author (entry), "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static GtkWidget *
create_entry_box (LankaCaseJournal  *self,
                  LankaJournalEntry *entry)
{
  const char *uuid = lanka_journal_entry_get_uuid (entry);
  const char *corrects = lanka_journal_entry_get_corrects (entry);
  const char *corrected_by = lanka_journal_entry_get_corrected_by (entry);
  g_autofree char *time = format_time (lanka_journal_entry_get_event_time (entry), "%H:%M");
  g_autofree char *written = dup_written_note (entry);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons;
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (line), make_label (time, "heading"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (line), "numeric");
  gtk_box_append (GTK_BOX (line),
                  make_label (get_label (LANKA_VOCABULARY_JOURNAL_TYPE,
                                         lanka_journal_entry_get_entry_type (entry)),
                              "heading"));
  label = make_label (lanka_journal_entry_get_author (entry), "dim-label");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (box), line);

  if (written != NULL)
    {
      g_autofree char *when = format_time (lanka_journal_entry_get_written (entry),
                                           "%Y-%m-%d %H:%M");

      label = make_label (written, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_tooltip_text (label, when);
      gtk_box_append (GTK_BOX (box), label);
    }

  /* Long texts wrap; text in a right-to-left script aligns to the right
   * by itself, as the label follows each paragraph's direction.
   */
  label = make_label (lanka_journal_entry_get_text (entry), NULL);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (corrects != NULL)
    {
      LankaJournalEntry *corrected = find_entry (self, corrects);
      g_autofree char *name = corrected != NULL ? dup_entry_name (corrected) : NULL;
      g_autofree char *text = NULL;

      /* Translators: a link to the entry a correction corrects, with when
       * it happened and who wrote it.
       */
      text = name != NULL ? g_strdup_printf (_("Corrects the entry of %s"), name)
                          : g_strdup (_("Corrects an earlier entry"));
      gtk_box_append (GTK_BOX (box), make_link (text, corrects));
    }

  if (corrected_by != NULL)
    {
      LankaJournalEntry *correction = find_entry (self, corrected_by);
      g_autofree char *when = NULL;
      g_autofree char *text = NULL;

      if (correction != NULL)
        when = format_time (lanka_journal_entry_get_written (correction), "%Y-%m-%d %H:%M");

      /* Translators: a link to the correction of an entry, with when it
       * was written.
       */
      text = when != NULL ? g_strdup_printf (_("Corrected on %s"), when)
                          : g_strdup (_("Corrected later"));
      gtk_box_append (GTK_BOX (box), make_link (text, corrected_by));
    }

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);

  if (lanka_journal_entry_get_signed (entry) != 0)
    {
      g_autofree char *when = format_time (lanka_journal_entry_get_signed (entry),
                                           "%Y-%m-%d %H:%M");
      g_autofree char *text = NULL;

      /* Translators: who signed an entry and when. */
      text = g_strdup_printf (_("Signed by %s on %s"),
                              lanka_journal_entry_get_signed_by (entry) ?: "", when);
      label = make_label (text, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (buttons, GTK_ALIGN_FILL);
      gtk_box_append (GTK_BOX (buttons), label);
      gtk_box_append (GTK_BOX (buttons),
                      make_button (_("Correct…"), "journal.correct", uuid, "flat"));
    }
  else
    {
      gtk_box_append (GTK_BOX (buttons), make_button (_("Edit"), "journal.edit", uuid, "flat"));
      gtk_box_append (GTK_BOX (buttons),
                      make_button (_("Delete…"), "journal.delete", uuid, "flat"));
      gtk_box_append (GTK_BOX (buttons), make_button (_("Sign…"), "journal.sign", uuid, "flat"));
    }

  gtk_box_append (GTK_BOX (box), buttons);
  gtk_widget_add_css_class (box, "card");

  return box;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  LankaCaseJournal *self = user_data;
  LankaJournalEntry *entry = item;
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), ENTRY_KEY, g_object_ref (entry), g_object_unref);

  if (lanka_journal_entry_is_event (entry))
    {
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), create_event_row (entry));
    }
  else
    {
      GtkWidget *box = create_entry_box (self, entry);

      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
    }

  return row;
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  LankaJournalEntry *entry = row_get_entry (row);
  LankaJournalEntry *previous = row_get_entry (before);
  gint64 time = lanka_journal_entry_get_event_time (entry);
  g_autofree char *title = NULL;
  GtkWidget *header;

  if (previous != NULL && same_day (time, lanka_journal_entry_get_event_time (previous)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  title = dup_day_title (time);
  header = gtk_list_box_row_get_header (row);
  if (header != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (header)), title) == 0)
    return;

  header = make_label (title, "heading");
  gtk_widget_set_margin_top (header, before != NULL ? 18 : 0);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

/* Filtering */

static gboolean
contains_key (const char *text,
              const char *key)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);

  return strstr (folded, key) != NULL;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  LankaCaseJournal *self = user_data;
  LankaJournalEntry *entry = item;
  g_autofree char *event_text = NULL;

  if (lanka_journal_entry_is_event (entry))
    {
      if (!gtk_check_button_get_active (self->events_check))
        return FALSE;
      if (self->search_key == NULL)
        return TRUE;

      event_text = dup_event_text (entry);
      return contains_key (event_text, self->search_key);
    }

  if (self->search_key == NULL)
    return TRUE;

  return contains_key (lanka_journal_entry_get_text (entry), self->search_key) ||
         contains_key (lanka_journal_entry_get_author (entry), self->search_key) ||
         contains_key (get_label (LANKA_VOCABULARY_JOURNAL_TYPE,
                                  lanka_journal_entry_get_entry_type (entry)),
                       self->search_key);
}

static void
update_timeline_page (LankaCaseJournal *self)
{
  GListModel *entries = get_entries (self);

  if (entries == NULL || g_list_model_get_n_items (entries) == 0)
    gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    gtk_stack_set_visible_child_name (self->timeline_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->timeline_stack, "list");
}

static void
on_filtered_items_changed_cb (LankaCaseJournal *self)
{
  gtk_list_box_invalidate_headers (self->list_box);
  update_timeline_page (self);
}

static void
on_search_entry_search_changed_cb (LankaCaseJournal *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_clear_pointer (&self->search_key, g_free);
  if (key[0] != '\0')
    self->search_key = g_utf8_casefold (key, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_events_check_toggled_cb (LankaCaseJournal *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The composer */

static char *
dup_text (LankaCaseJournal *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
has_text (LankaCaseJournal *self)
{
  g_autofree char *text = dup_text (self);

  return g_strstrip (text)[0] != '\0';
}

static const char *
get_selected_type (LankaCaseJournal *self)
{
  guint selected = gtk_drop_down_get_selected (self->type_drop_down);

  if (selected >= lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_JOURNAL_TYPE))
    selected = 0;

  return lanka_vocabulary_get_code (LANKA_VOCABULARY_JOURNAL_TYPE, selected);
}

static void
select_type (LankaCaseJournal *self,
             const char       *code)
{
  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_JOURNAL_TYPE); i++)
    if (g_strcmp0 (lanka_vocabulary_get_code (LANKA_VOCABULARY_JOURNAL_TYPE, i), code) == 0)
      {
        gtk_drop_down_set_selected (self->type_drop_down, i);
        return;
      }
}

static gint64
get_event_time (LankaCaseJournal *self)
{
  return parse_event_time (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                           gtk_editable_get_text (GTK_EDITABLE (self->time_entry)));
}

static void
set_event_time (LankaCaseJournal *self,
                gint64            usec)
{
  g_autofree char *date = format_time (usec, "%Y-%m-%d");
  g_autofree char *time = format_time (usec, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
}

static void
show_error (LankaCaseJournal *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
update_mode (LankaCaseJournal *self)
{
  LankaJournalEntry *entry = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (self->editing != NULL)
    entry = find_entry (self, self->editing);
  else if (self->correcting != NULL)
    entry = find_entry (self, self->correcting);

  if (entry != NULL)
    name = dup_entry_name (entry);

  if (self->editing != NULL)
    /* Translators: above the composer while an entry is changed. */
    text = g_strdup_printf (_("Changing the entry of %s"), name != NULL ? name : "");
  else if (self->correcting != NULL)
    /* Translators: above the composer while a signed entry is corrected. */
    text = g_strdup_printf (_("Correction of the entry of %s"), name != NULL ? name : "");

  gtk_label_set_label (self->mode_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->mode_revealer, text != NULL);
  gtk_button_set_label (self->add_button, self->editing != NULL ? _("_Save Entry")
                                                                : _("_Add Entry"));
}

static void
update_actions (LankaCaseJournal *self)
{
  gint64 time = get_event_time (self);
  gboolean ready = self->database != NULL && self->kase != NULL && !lanka_case_is_new (self->kase);

  if (time < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->time_entry), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.add",
                                 ready && time >= 0 && has_text (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.cancel",
                                 self->editing != NULL || self->correcting != NULL);
}

/* Puts the composer back to a new, empty entry of now. */
static void
reset_composer (LankaCaseJournal *self)
{
  self->filling = TRUE;
  g_clear_pointer (&self->editing, g_free);
  g_clear_pointer (&self->correcting, g_free);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  set_event_time (self, g_get_real_time ());
  self->filling = FALSE;

  show_error (self, NULL);
  update_mode (self);
  update_actions (self);
}

/* Drafts */

static gboolean
can_keep_draft (LankaCaseJournal *self)
{
  return self->database != NULL && lanka_database_is_open (self->database) &&
         self->kase != NULL && !lanka_case_is_new (self->kase);
}

static GBytes *
composer_to_draft (LankaCaseJournal *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) draft = NULL;
  g_autofree char *text = dup_text (self);

  g_variant_dict_insert (&dict, "version", "u", DRAFT_VERSION);
  g_variant_dict_insert (&dict, "type", "s", get_selected_type (self));
  g_variant_dict_insert (&dict, "date", "s", gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  g_variant_dict_insert (&dict, "time", "s", gtk_editable_get_text (GTK_EDITABLE (self->time_entry)));
  g_variant_dict_insert (&dict, "text", "s", text);
  if (self->editing != NULL)
    g_variant_dict_insert (&dict, "editing", "s", self->editing);
  if (self->correcting != NULL)
    g_variant_dict_insert (&dict, "correcting", "s", self->correcting);

  draft = g_variant_ref_sink (g_variant_dict_end (&dict));

  return g_variant_get_data_as_bytes (draft);
}

/* Keeps what the composer holds now, or removes the draft when it holds
 * nothing worth keeping.
 */
static void
save_draft_now (LankaCaseJournal *self)
{
  g_autoptr(GError) error = NULL;
  const char *uuid;

  g_clear_handle_id (&self->draft_source, g_source_remove);

  if (!self->draft_dirty || !can_keep_draft (self))
    return;

  uuid = lanka_case_get_uuid (self->kase);

  if (has_text (self))
    {
      g_autoptr(GBytes) content = composer_to_draft (self);

      if (!lanka_draft_save (self->database, DRAFT_KIND, uuid, content, &error))
        {
          /* Translators: %s says why, as a sentence. */
          g_autofree char *message = g_strdup_printf (_("The unsent text could not be kept. %s"),
                                                      error->message);

          show_error (self, message);
          return;
        }
    }
  else if (!lanka_draft_discard (self->database, DRAFT_KIND, uuid, &error))
    {
      g_debug ("A journal draft was not removed: %s", error->message);
    }

  self->draft_dirty = FALSE;
}

static gboolean
save_draft_cb (gpointer user_data)
{
  LankaCaseJournal *self = user_data;

  self->draft_source = 0;
  save_draft_now (self);

  return G_SOURCE_REMOVE;
}

static void
discard_draft (LankaCaseJournal *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_dirty = FALSE;

  if (can_keep_draft (self) &&
      !lanka_draft_discard (self->database, DRAFT_KIND, lanka_case_get_uuid (self->kase), &error))
    g_debug ("A journal draft was not removed: %s", error->message);
}

/* Takes the composer up again from the draft of this case, if there is
 * one: what was typed before a lock or before going elsewhere.
 */
static void
restore_draft (LankaCaseJournal *self)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GVariant) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *type = NULL;
  const char *date = NULL;
  const char *time = NULL;
  const char *text = NULL;
  const char *editing = NULL;
  const char *correcting = NULL;
  LankaJournalEntry *entry;
  guint32 version = 0;

  content = lanka_draft_load (self->database, DRAFT_KIND, lanka_case_get_uuid (self->kase), NULL,
                              &error);
  if (content == NULL)
    {
      if (error != NULL)
        g_debug ("A journal draft could not be read: %s", error->message);
      return;
    }

  draft = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, content, FALSE));
  if (!g_variant_is_normal_form (draft) ||
      !g_variant_lookup (draft, "version", "u", &version) || version != DRAFT_VERSION ||
      !g_variant_lookup (draft, "text", "&s", &text))
    return;

  g_variant_lookup (draft, "type", "&s", &type);
  g_variant_lookup (draft, "date", "&s", &date);
  g_variant_lookup (draft, "time", "&s", &time);
  g_variant_lookup (draft, "editing", "&s", &editing);
  g_variant_lookup (draft, "correcting", "&s", &correcting);

  self->filling = TRUE;
  g_clear_pointer (&self->editing, g_free);
  g_clear_pointer (&self->correcting, g_free);

  /* An entry signed or deleted since can no longer change: what was
   * typed for it stays, as a new entry.
   */
  entry = find_entry (self, editing);
  if (entry != NULL && lanka_journal_entry_get_signed (entry) == 0)
    self->editing = g_strdup (editing);
  if (find_entry (self, correcting) != NULL)
    self->correcting = g_strdup (correcting);

  if (type != NULL)
    select_type (self, type);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date != NULL ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time != NULL ? time : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  self->filling = FALSE;

  update_mode (self);
  update_actions (self);
}

static void
on_composer_changed_cb (LankaCaseJournal *self)
{
  update_actions (self);

  if (self->filling)
    return;

  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (can_keep_draft (self))
    self->draft_source = g_timeout_add (DRAFT_DELAY_MS, save_draft_cb, self);
}

/* Länka locks: what was typed goes into the draft, and nothing of the
 * journal stays on screen or in memory.
 */
static void
on_application_locking_cb (LankaCaseJournal *self,
                           LankaDatabase    *database,
                           LankaApplication *application)
{
  save_draft_now (self);

  gtk_filter_list_model_set_model (self->filtered, NULL);
  reset_composer (self);
  self->draft_dirty = FALSE;

  if (self->database != NULL)
    {
      g_clear_object (&self->database);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
    }

  reload (self);
}

/* Loading */

static void
reload (LankaCaseJournal *self)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (self->kase != NULL && lanka_case_is_new (self->kase))
    {
      gtk_filter_list_model_set_model (self->filtered, NULL);
      gtk_stack_set_visible_child_name (self->stack, "new");
      update_actions (self);
      return;
    }

  if (self->database == NULL || self->kase == NULL)
    {
      gtk_filter_list_model_set_model (self->filtered, NULL);
      gtk_stack_set_visible_child_name (self->stack, "journal");
      update_timeline_page (self);
      update_actions (self);
      return;
    }

  entries = lanka_journal_list (self->database, lanka_case_get_uuid (self->kase), &error);
  if (entries == NULL)
    {
      gtk_filter_list_model_set_model (self->filtered, NULL);
      adw_status_page_set_description (self->error_page,
                                       error != NULL ? error->message
                                                     : _("The journal could not be read."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_actions (self);
      return;
    }

  gtk_filter_list_model_set_model (self->filtered, entries);
  gtk_stack_set_visible_child_name (self->stack, "journal");
  update_timeline_page (self);
  update_mode (self);
  update_actions (self);
}

/* Shows another case, or the same case from another database after an
 * unlock: what was typed for the one before is kept first.
 */
static void
switch_case (LankaCaseJournal *self,
             LankaDatabase    *database,
             LankaCase        *kase)
{
  save_draft_now (self);

  g_set_object (&self->database, database);
  g_set_object (&self->kase, kase);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->filling = FALSE;
  reset_composer (self);
  self->draft_dirty = FALSE;

  reload (self);

  if (can_keep_draft (self))
    restore_draft (self);

  /* The newest entries are the ones read first. */
  if (get_entries (self) != NULL && g_list_model_get_n_items (get_entries (self)) > 0)
    {
      g_autoptr(LankaJournalEntry) last = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

      if (n > 0)
        {
          last = g_list_model_get_item (G_LIST_MODEL (self->filtered), n - 1);
          scroll_to_entry (self, lanka_journal_entry_get_uuid (last), FALSE);
        }
    }
}

/* A save writes the case's events into the journal, and a first save
 * gives a new case its journal.
 */
static void
on_editor_saved_cb (LankaCaseJournal *self,
                    const char       *uuid)
{
  if (self->kase == NULL || g_strcmp0 (uuid, lanka_case_get_uuid (self->kase)) != 0)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "new") == 0)
    {
      reload (self);
      if (can_keep_draft (self))
        restore_draft (self);
    }
  else
    {
      reload (self);
    }
}

static void
lanka_case_journal_map (GtkWidget *widget)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);
  GtkWidget *editor = gtk_widget_get_ancestor (widget, LANKA_TYPE_CASE_EDITOR);

  GTK_WIDGET_CLASS (lanka_case_journal_parent_class)->map (widget);

  if (editor != NULL && editor != self->editor)
    {
      g_set_weak_pointer (&self->editor, editor);
      g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* The case may have been saved for the first time while the section
   * was elsewhere, and referrals, consents and deadlines write their
   * events into the journal without a save: what is shown is read again.
   */
  if (self->kase != NULL && !lanka_case_is_new (self->kase))
    on_editor_saved_cb (self, lanka_case_get_uuid (self->kase));
}

/* Actions */

static GtkWindow *
get_window (LankaCaseJournal *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);
  g_autoptr(LankaJournalEntry) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_text (self);
  g_autofree char *uuid = NULL;
  gint64 time = get_event_time (self);
  size_t length;

  if (!can_keep_draft (self) || time < 0 || !has_text (self))
    return;

  /* Blank lines after the last word are a slip of the keyboard. */
  length = strlen (text);
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    text[--length] = '\0';

  if (self->editing != NULL)
    {
      if (!lanka_journal_update (self->database, self->editing, get_selected_type (self), time,
                                 text, &error))
        {
          /* Translators: %s says why, as a sentence. */
          g_autofree char *message = g_strdup_printf (_("The entry could not be changed. %s"),
                                                      error->message);

          show_error (self, message);
          return;
        }

      uuid = g_strdup (self->editing);
    }
  else
    {
      added = lanka_journal_add (self->database, lanka_case_get_uuid (self->kase),
                                 get_selected_type (self), time, text, self->correcting, &error);
      if (added == NULL)
        {
          /* Translators: %s says why, as a sentence. */
          g_autofree char *message = g_strdup_printf (_("The entry could not be added. %s"),
                                                      error != NULL ? error->message : "");

          show_error (self, message);
          return;
        }

      uuid = g_strdup (lanka_journal_entry_get_uuid (added));
    }

  discard_draft (self);
  reset_composer (self);
  self->draft_dirty = FALSE;
  reload (self);
  scroll_to_entry (self, uuid, FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);

  discard_draft (self);
  reset_composer (self);
  self->draft_dirty = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);
  LankaJournalEntry *entry = find_entry (self, g_variant_get_string (param, NULL));

  if (entry == NULL || lanka_journal_entry_get_signed (entry) != 0)
    return;

  reset_composer (self);
  self->editing = g_strdup (lanka_journal_entry_get_uuid (entry));
  select_type (self, lanka_journal_entry_get_entry_type (entry));
  set_event_time (self, lanka_journal_entry_get_event_time (entry));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            lanka_journal_entry_get_text (entry) ?: "", -1);
  update_mode (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);
  LankaJournalEntry *entry = find_entry (self, g_variant_get_string (param, NULL));
  g_autofree char *text = NULL;

  if (entry == NULL)
    return;

  /* What was typed so far stays: the person may have begun the
   * correction before finding the entry.
   */
  text = dup_text (self);
  reset_composer (self);
  self->correcting = g_strdup (lanka_journal_entry_get_uuid (entry));
  select_type (self, lanka_journal_entry_get_entry_type (entry));
  set_event_time (self, lanka_journal_entry_get_event_time (entry));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  update_mode (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
show_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);
  const char *uuid = g_variant_get_string (param, NULL);

  /* The entry may be hidden by the search. */
  if (find_row (self, uuid) == NULL && find_entry (self, uuid) != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_entry_search_changed_cb (self);
    }

  scroll_to_entry (self, uuid, TRUE);
}

static void
on_delete_response_cb (LankaCaseJournal *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), ENTRY_KEY);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || !can_keep_draft (self))
    return;

  if (!lanka_journal_delete (self->database, uuid, &error))
    {
      /* Translators: %s says why, as a sentence. */
      g_autofree char *message = g_strdup_printf (_("The entry could not be deleted. %s"),
                                                  error->message);

      show_error (self, message);
      return;
    }

  if (g_strcmp0 (self->editing, uuid) == 0)
    {
      discard_draft (self);
      reset_composer (self);
    }

  reload (self);
}

static void
on_sign_response_cb (LankaCaseJournal *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), ENTRY_KEY);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "sign") != 0 || !can_keep_draft (self))
    return;

  if (!lanka_journal_sign (self->database, uuid, &error))
    {
      /* Translators: %s says why, as a sentence. */
      g_autofree char *message = g_strdup_printf (_("The entry could not be signed. %s"),
                                                  error->message);

      show_error (self, message);
      return;
    }

  /* A signed entry cannot change: what was being typed for it becomes a
   * new entry rather than be lost.
   */
  if (g_strcmp0 (self->editing, uuid) == 0)
    {
      g_clear_pointer (&self->editing, g_free);
      self->draft_dirty = TRUE;
      update_mode (self);
    }

  reload (self);
  scroll_to_entry (self, uuid, FALSE);
}

static AdwMessageDialog *
ask (LankaCaseJournal *self,
     const char       *uuid,
     const char       *heading,
     const char       *body,
     const char       *response,
     const char       *response_label,
     AdwResponseAppearance appearance,
     GCallback         callback)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), ENTRY_KEY, g_strdup (uuid), g_free);
  g_signal_connect_object (dialog, "response", callback, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);
  LankaJournalEntry *entry = find_entry (self, g_variant_get_string (param, NULL));

  if (entry == NULL || lanka_journal_entry_get_signed (entry) != 0)
    return;

  ask (self, lanka_journal_entry_get_uuid (entry),
       _("Delete Entry?"),
       _("The entry is removed from the journal. Only an entry that is not signed can be "
         "deleted."),
       "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE,
       G_CALLBACK (on_delete_response_cb));
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (widget);
  LankaJournalEntry *entry = find_entry (self, g_variant_get_string (param, NULL));

  if (entry == NULL || lanka_journal_entry_get_signed (entry) != 0)
    return;

  ask (self, lanka_journal_entry_get_uuid (entry),
       _("Sign Entry?"),
       _("A signed entry can no longer be changed. A mistake in it is then corrected with a "
         "new entry."),
       "sign", _("_Sign"), ADW_RESPONSE_SUGGESTED,
       G_CALLBACK (on_sign_response_cb));
}

/* GObject */

static void
lanka_case_journal_dispose (GObject *object)
{
  LankaCaseJournal *self = (LankaCaseJournal *)object;

  save_draft_now (self);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANKA_TYPE_CASE_JOURNAL);

  g_clear_weak_pointer (&self->editor);
  g_clear_object (&self->filtered);
  g_clear_object (&self->database);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (lanka_case_journal_parent_class)->dispose (object);
}

static void
lanka_case_journal_finalize (GObject *object)
{
  LankaCaseJournal *self = (LankaCaseJournal *)object;

  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->editing, g_free);
  g_clear_pointer (&self->correcting, g_free);
  g_clear_pointer (&self->scroll_to, g_free);

  G_OBJECT_CLASS (lanka_case_journal_parent_class)->finalize (object);
}

static void
lanka_case_journal_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, lanka_case_journal_get_database (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, lanka_case_journal_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_journal_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LankaCaseJournal *self = LANKA_CASE_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      lanka_case_journal_set_database (self, g_value_get_object (value));
      break;

    case PROP_CASE:
      lanka_case_journal_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_case_journal_class_init (LankaCaseJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanka_case_journal_dispose;
  object_class->finalize = lanka_case_journal_finalize;
  object_class->get_property = lanka_case_journal_get_property;
  object_class->set_property = lanka_case_journal_set_property;

  widget_class->map = lanka_case_journal_map;

  /**
   * LankaCaseJournal:database:
   *
   * The open database the journal is read from and written to.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         LANKA_TYPE_DATABASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaCaseJournal:case:
   *
   * The case whose journal is shown.
   */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         LANKA_TYPE_CASE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lanka/Lanka/cases/lanka-case-journal.ui");
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, add_button);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, date_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, error_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, error_page);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, events_check);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, list_box);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, mode_label);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, mode_revealer);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, stack);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, text_view);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, time_entry);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, LankaCaseJournal, type_drop_down);
  gtk_widget_class_bind_template_callback (widget_class, on_composer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_events_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "journal.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "journal.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "journal.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "journal.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "journal.sign", "s", sign_action);
  gtk_widget_class_install_action (widget_class, "journal.correct", "s", correct_action);
  gtk_widget_class_install_action (widget_class, "journal.show-entry", "s", show_entry_action);
}

static void
lanka_case_journal_init (LankaCaseJournal *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < lanka_vocabulary_get_n_codes (LANKA_VOCABULARY_JOURNAL_TYPE); i++)
    gtk_string_list_append (types,
                            get_label (LANKA_VOCABULARY_JOURNAL_TYPE,
                                       lanka_vocabulary_get_code (LANKA_VOCABULARY_JOURNAL_TYPE, i)));
  self->filling = TRUE;
  gtk_drop_down_set_model (self->type_drop_down, G_LIST_MODEL (types));
  self->filling = FALSE;

  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row_cb, self,
                           NULL);
  gtk_list_box_set_header_func (self->list_box, update_header_cb, NULL, NULL);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_composer_changed_cb), self, G_CONNECT_SWAPPED);

  if (LANKA_IS_APPLICATION (application))
    g_signal_connect_object (application, "locking", G_CALLBACK (on_application_locking_cb),
                             self, G_CONNECT_SWAPPED);

  reset_composer (self);
  reload (self);
}

/**
 * lanka_case_journal_new:
 *
 * Returns: (transfer full): a new journal section with no case yet
 */
GtkWidget *
lanka_case_journal_new (void)
{
  return g_object_new (LANKA_TYPE_CASE_JOURNAL, NULL);
}

/**
 * lanka_case_journal_get_database:
 * @self: a #LankaCaseJournal
 *
 * Returns: (transfer none) (nullable): the database
 */
LankaDatabase *
lanka_case_journal_get_database (LankaCaseJournal *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_JOURNAL (self), NULL);

  return self->database;
}

/**
 * lanka_case_journal_set_database:
 * @self: a #LankaCaseJournal
 * @database: (nullable): the open database
 */
void
lanka_case_journal_set_database (LankaCaseJournal *self,
                                 LankaDatabase    *database)
{
  g_return_if_fail (LANKA_IS_CASE_JOURNAL (self));
  g_return_if_fail (database == NULL || LANKA_IS_DATABASE (database));

  if (self->database == database)
    return;

  switch_case (self, database, self->kase);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * lanka_case_journal_get_case:
 * @self: a #LankaCaseJournal
 *
 * Returns: (transfer none) (nullable): the case
 */
LankaCase *
lanka_case_journal_get_case (LankaCaseJournal *self)
{
  g_return_val_if_fail (LANKA_IS_CASE_JOURNAL (self), NULL);

  return self->kase;
}

/**
 * lanka_case_journal_set_case:
 * @self: a #LankaCaseJournal
 * @kase: (nullable): the case whose journal to show
 *
 * Shows the journal of @kase, with the unsent text of its composer from
 * the draft if there is one.  A case that is not saved yet has no
 * journal: the section says to save it first.
 */
void
lanka_case_journal_set_case (LankaCaseJournal *self,
                             LankaCase        *kase)
{
  g_return_if_fail (LANKA_IS_CASE_JOURNAL (self));
  g_return_if_fail (kase == NULL || LANKA_IS_CASE (kase));

  if (self->kase == kase)
    return;

  switch_case (self, self->database, kase);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}
