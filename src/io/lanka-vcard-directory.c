/* lanka-vcard-directory.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-vcard-directory"

#include "config.h"

#include "lanka-vcard-directory.h"
#include "lanka-audit.h"
#include "lanka-validate.h"
#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <string.h>

/* How the directory maps onto vCards (RFC 6350; RFC 2426 for 3.0).
 *
 * An agency is one card with KIND:org.  FN is its name and ORG its name
 * and unit, so that a phone shows it as a company; X-ABShowAs:COMPANY
 * tells Apple's Contacts the same, since Apple reads no KIND.  Phones,
 * e-mail addresses, web sites and addresses are TEL, EMAIL, URL and ADR
 * with TYPE=work.  A channel's label ("Växel", "Jour") goes where Apple
 * and Google put labels of their own: an X-ABLabel property in the same
 * group as the value ("item1.TEL" and "item1.X-ABLabel").  TYPE cannot
 * carry it, because TYPE values are case-insensitive tokens; on import a
 * value without X-ABLabel takes its label from TYPE (cell, fax, home …),
 * and work, voice and internet make none.  An address is kept whole in
 * the street part of ADR, as the person wrote it.
 * NOTE holds the notes, LANG (one per language) the languages spoken, and
 * UID is urn:uuid: with the agency's uuid.  What vCard has no property
 * for is an X-LANKA- property, which other programs keep or skip quietly:
 *
 *   X-LANKA-TYPE                 agency type code
 *   X-LANKA-COUNTIES             county codes, comma-separated
 *   X-LANKA-NATIONAL, X-LANKA-NMT  TRUE when set
 *   X-LANKA-SUPPORT, X-LANKA-EXPLOITATION, X-LANKA-HELPS-WITH
 *                                what it helps with, comma-separated codes
 *   X-LANKA-ACCEPTS              whom it accepts, comma-separated codes
 *   X-LANKA-OPENING-HOURS, X-LANKA-OUT-OF-HOURS, X-LANKA-LIMITS,
 *   X-LANKA-VERIFIED-ON, X-LANKA-SOURCE, X-LANKA-ORGANISATION-NUMBER
 *
 * A contact person is a card with KIND:individual: FN and N (split at the
 * last space), TITLE for the role (which every address book shows; ROLE
 * is read too), ORG with the agency's name and unit, NOTE, phones and
 * e-mail addresses as above (Länka keeps nothing else of a person), and
 * RELATED:urn:uuid:<the agency's UID>, which puts the person back under
 * the right agency even when two agencies share a name.
 *
 * Version 3.0 has neither KIND nor RELATED.  The writer turns them into
 * X-ADDRESSBOOKSERVER-KIND:org (Apple's extension, which phones know) and
 * X-RELATED, and LANG into X-LANG; the import reads those as well, so
 * Länka reads its own 3.0 back without loss, and a phone still shows a
 * company and a person who works there.
 *
 * Cards from elsewhere are mostly people without KIND who name their
 * organisation in ORG.  People of the same organisation (name and unit,
 * compared without case, spaces and punctuation) become one agency with
 * them as contact persons, or join the agency of that name already in the
 * directory.  A card without KIND that names an organisation and no
 * person is that organisation's card, as Outlook and Google write them.
 * Values the store would refuse (a phone number that is not one, say)
 * are left out of the card with a sentence in the candidate's reason, so
 * that the import itself cannot fail on them.
 */

#define PROPERTY_TYPE                "X-LANKA-TYPE"
#define PROPERTY_COUNTIES            "X-LANKA-COUNTIES"
#define PROPERTY_NATIONAL            "X-LANKA-NATIONAL"
#define PROPERTY_NMT                 "X-LANKA-NMT"
#define PROPERTY_SUPPORT             "X-LANKA-SUPPORT"
#define PROPERTY_EXPLOITATION        "X-LANKA-EXPLOITATION"
#define PROPERTY_OTHER_HELPS         "X-LANKA-HELPS-WITH"
#define PROPERTY_ACCEPTS             "X-LANKA-ACCEPTS"
#define PROPERTY_OPENING_HOURS       "X-LANKA-OPENING-HOURS"
#define PROPERTY_OUT_OF_HOURS        "X-LANKA-OUT-OF-HOURS"
#define PROPERTY_LIMITS              "X-LANKA-LIMITS"
#define PROPERTY_VERIFIED_ON         "X-LANKA-VERIFIED-ON"
#define PROPERTY_SOURCE              "X-LANKA-SOURCE"
#define PROPERTY_ORGANISATION_NUMBER "X-LANKA-ORGANISATION-NUMBER"

#define UUID_PREFIX "urn:uuid:"

#define NO_NAME \
  N_("The card has no name, so it cannot become an agency or a contact person.")

/* Cancellation is checked every so many cards: often enough to stop
 * within a frame or two, rarely enough to cost nothing.
 */
#define CANCEL_CHECK_INTERVAL 256

/* LankaImportStatus as a GType, so that the status can be a property. */

GType
lanka_import_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LANKA_IMPORT_STATUS_NEW, "LANKA_IMPORT_STATUS_NEW", "new" },
        { LANKA_IMPORT_STATUS_DUPLICATE, "LANKA_IMPORT_STATUS_DUPLICATE", "duplicate" },
        { LANKA_IMPORT_STATUS_UNREADABLE, "LANKA_IMPORT_STATUS_UNREADABLE", "unreadable" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("LankaImportStatus"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

struct _LankaImportCandidate
{
  GObject              parent_instance;

  char                *title;
  char                *subtitle;
  char                *reason;
  char                *duplicate_uuid;
  char                *agency_uuid;
  LankaDirectoryEntry *entry;
  guint                card_number;
  guint                n_cards;
  LankaImportStatus    status;
  guint                selected : 1;
};

G_DEFINE_FINAL_TYPE (LankaImportCandidate, lanka_import_candidate, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_CARD_NUMBER,
  PROP_STATUS,
  PROP_REASON,
  PROP_DUPLICATE_UUID,
  PROP_AGENCY_UUID,
  PROP_ENTRY,
  PROP_SELECTED,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
lanka_import_candidate_finalize (GObject *object)
{
  LankaImportCandidate *self = (LankaImportCandidate *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->duplicate_uuid, g_free);
  g_clear_pointer (&self->agency_uuid, g_free);
  g_clear_pointer (&self->entry, lanka_directory_entry_free);

  G_OBJECT_CLASS (lanka_import_candidate_parent_class)->finalize (object);
}

static void
lanka_import_candidate_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LankaImportCandidate *self = LANKA_IMPORT_CANDIDATE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_CARD_NUMBER:
      g_value_set_uint (value, self->card_number);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_DUPLICATE_UUID:
      g_value_set_string (value, self->duplicate_uuid);
      break;

    case PROP_AGENCY_UUID:
      g_value_set_string (value, self->agency_uuid);
      break;

    case PROP_ENTRY:
      g_value_set_boxed (value, self->entry);
      break;

    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_import_candidate_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LankaImportCandidate *self = LANKA_IMPORT_CANDIDATE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      lanka_import_candidate_set_selected (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanka_import_candidate_class_init (LankaImportCandidateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanka_import_candidate_finalize;
  object_class->get_property = lanka_import_candidate_get_property;
  object_class->set_property = lanka_import_candidate_set_property;

  /**
   * LankaImportCandidate:title:
   *
   * What the row shows first: the agency's name, or the names of the
   * contact persons who join an agency already in the directory.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:subtitle:
   *
   * A line that tells the candidate apart: its unit and how many contact
   * persons come with it, or which agency the persons join.
   */
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:card-number:
   *
   * The position in the file of the first card the candidate was made
   * from, counting from 1.
   */
  properties[PROP_CARD_NUMBER] =
    g_param_spec_uint ("card-number", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:status:
   *
   * Whether the candidate is new, looks like an agency already there, or
   * cannot be imported.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       LANKA_TYPE_IMPORT_STATUS,
                       LANKA_IMPORT_STATUS_NEW,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:reason:
   *
   * A translated sentence: why the card cannot be imported, which agency
   * it looks like, or what was left out of it.  %NULL when there is
   * nothing to say.
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:duplicate-uuid:
   *
   * The agency in the directory that the candidate looks like, or %NULL.
   */
  properties[PROP_DUPLICATE_UUID] =
    g_param_spec_string ("duplicate-uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:agency-uuid:
   *
   * The agency in the directory that the contact persons of the entry
   * join, or %NULL when the entry is a new agency.
   */
  properties[PROP_AGENCY_UUID] =
    g_param_spec_string ("agency-uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:entry:
   *
   * The agency and contact persons the cards became, or %NULL for an
   * unreadable card.  When #LankaImportCandidate:agency-uuid is set, the
   * agency is the one in the directory and only the persons are new.
   */
  properties[PROP_ENTRY] =
    g_param_spec_boxed ("entry", NULL, NULL,
                        LANKA_TYPE_DIRECTORY_ENTRY,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  /**
   * LankaImportCandidate:selected:
   *
   * Whether the candidate is imported.  New candidates start selected,
   * possible duplicates not; an unreadable one can never be selected.
   */
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanka_import_candidate_init (LankaImportCandidate *self)
{
}

const char *
lanka_import_candidate_get_title (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), NULL);

  return self->title;
}

const char *
lanka_import_candidate_get_subtitle (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), NULL);

  return self->subtitle;
}

guint
lanka_import_candidate_get_card_number (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), 0);

  return self->card_number;
}

LankaImportStatus
lanka_import_candidate_get_status (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), LANKA_IMPORT_STATUS_UNREADABLE);

  return self->status;
}

const char *
lanka_import_candidate_get_reason (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), NULL);

  return self->reason;
}

const char *
lanka_import_candidate_get_duplicate_uuid (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), NULL);

  return self->duplicate_uuid;
}

/**
 * lanka_import_candidate_get_agency_uuid:
 * @self: a #LankaImportCandidate
 *
 * Returns: (nullable): the uuid of the agency in the directory that the
 *   contact persons join, or %NULL when the entry is a new agency
 */
const char *
lanka_import_candidate_get_agency_uuid (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), NULL);

  return self->agency_uuid;
}

/**
 * lanka_import_candidate_get_entry:
 * @self: a #LankaImportCandidate
 *
 * Returns: (transfer none) (nullable): what the cards became, or %NULL
 *   for an unreadable card
 */
LankaDirectoryEntry *
lanka_import_candidate_get_entry (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), NULL);

  return self->entry;
}

gboolean
lanka_import_candidate_get_selected (LankaImportCandidate *self)
{
  g_return_val_if_fail (LANKA_IS_IMPORT_CANDIDATE (self), FALSE);

  return self->selected;
}

/**
 * lanka_import_candidate_set_selected:
 * @self: a #LankaImportCandidate
 * @selected: whether to import the candidate
 *
 * An unreadable candidate stays unselected: there is nothing to import.
 * Asking for it still notifies, so that whatever is bound to
 * #LankaImportCandidate:selected shows it unselected again.
 */
void
lanka_import_candidate_set_selected (LankaImportCandidate *self,
                                     gboolean              selected)
{
  g_return_if_fail (LANKA_IS_IMPORT_CANDIDATE (self));

  selected = !!selected;

  /* Not a programming error: a check button bound to the property may
   * still try.  The notification makes the binding set it back, so the
   * row shows what will happen.
   */
  if (selected && self->status == LANKA_IMPORT_STATUS_UNREADABLE)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
      return;
    }

  if (self->selected == selected)
    return;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* Text helpers */

/* macOS writes å, ä and ö decomposed; stored and compared composed, they
 * are found by search and match what a person types.
 */
static char *
dup_composed (const char *text)
{
  if (text == NULL)
    return NULL;

  return g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

/* A one-line value: composed, without the spaces around it, NULL when empty. */
static char *
dup_line (const char *text)
{
  char *line = dup_composed (text);

  if (line == NULL)
    return NULL;

  g_strstrip (line);
  if (*line == '\0')
    g_clear_pointer (&line, g_free);

  return line;
}

/* Free text keeps its spaces and line breaks; only emptiness is NULL. */
static char *
dup_text (const char *text)
{
  char *composed = dup_composed (text);

  if (composed != NULL && strspn (composed, " \t\n") == strlen (composed))
    g_clear_pointer (&composed, g_free);

  return composed;
}

/* The form in which two names count as the same: case, spaces and
 * punctuation set aside.
 */
static char *
normalize_name (const char *text)
{
  g_autofree char *composed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  composed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  folded = g_utf8_casefold (composed != NULL ? composed : "", -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
organisation_key (const char *name,
                  const char *unit)
{
  g_autofree char *normal_name = normalize_name (name);
  g_autofree char *normal_unit = normalize_name (unit);

  return g_strconcat (normal_name, "\n", normal_unit, NULL);
}

static char *
organisation_number_key (const char *number)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

/* "urn:uuid:5F0C…" and "5f0c…" name the same card. */
static char *
uid_key (const char *uid)
{
  g_autofree char *line = dup_line (uid);

  if (line == NULL)
    return NULL;

  if (g_ascii_strncasecmp (line, UUID_PREFIX, strlen (UUID_PREFIX)) == 0)
    return g_ascii_strdown (line + strlen (UUID_PREFIX), -1);

  return g_ascii_strdown (line, -1);
}

/* Export: entries to cards */

static void
add_text (LankaVCard *card,
          const char *name,
          const char *value)
{
  if (value != NULL && *value != '\0')
    lanka_vcard_add_property (card, lanka_vcard_property_new (NULL, name, value));
}

static void
add_codes (LankaVCard         *card,
           const char         *name,
           const char * const *codes)
{
  g_autofree char *joined = NULL;

  if (codes == NULL || codes[0] == NULL)
    return;

  joined = g_strjoinv (",", (char **)codes);
  add_text (card, name, joined);
}

static void
add_channels (LankaVCard *card,
              GPtrArray  *channels)
{
  guint n_groups = 0;

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);
      g_autofree char *group = NULL;
      LankaVCardProperty *property;

      if (channel->value == NULL || *channel->value == '\0')
        continue;

      if (channel->label != NULL)
        group = g_strdup_printf ("item%u", ++n_groups);

      switch (channel->kind)
        {
        case LANKA_CHANNEL_PHONE:
          property = lanka_vcard_property_new (group, "TEL", channel->value);
          lanka_vcard_property_add_parameter (property, "TYPE", "work");
          lanka_vcard_property_add_parameter (property, "TYPE", "voice");
          break;

        case LANKA_CHANNEL_EMAIL:
          property = lanka_vcard_property_new (group, "EMAIL", channel->value);
          lanka_vcard_property_add_parameter (property, "TYPE", "work");
          break;

        case LANKA_CHANNEL_WEB:
          property = lanka_vcard_property_new (group, "URL", channel->value);
          lanka_vcard_property_add_parameter (property, "TYPE", "work");
          break;

        case LANKA_CHANNEL_ADDRESS:
        default:
          {
            /* The address as the person wrote it, whole, in the street
             * part: splitting free text into post code and town would
             * only guess, and the import joins the parts again.
             */
            const char *components[] = { "", "", channel->value, "", "", "", "", NULL };

            property = lanka_vcard_property_new_structured (group, "ADR", components);
            lanka_vcard_property_add_parameter (property, "TYPE", "work");
          }
          break;
        }

      lanka_vcard_add_property (card, property);

      if (group != NULL)
        lanka_vcard_add_property (card, lanka_vcard_property_new (group, "X-ABLabel",
                                                                  channel->label));
    }
}

static void
add_organisation (LankaVCard  *card,
                  LankaAgency *agency)
{
  const char *name = lanka_agency_get_name (agency);
  const char *unit = lanka_agency_get_unit (agency);
  const char *components[] = { name != NULL ? name : "", unit, NULL };

  lanka_vcard_add_property (card, lanka_vcard_property_new_structured (NULL, "ORG", components));
}

static LankaVCard *
card_from_agency (LankaAgency *agency,
                  const char  *uid)
{
  g_autoptr(LankaVCard) card = lanka_vcard_new ();
  g_autofree char *uri = g_strconcat (UUID_PREFIX, uid, NULL);
  const char * const *languages = lanka_agency_get_languages (agency);

  add_text (card, "KIND", "org");
  add_text (card, "FN", lanka_agency_get_name (agency));
  add_organisation (card, agency);
  add_text (card, "X-ABShowAs", "COMPANY");
  add_text (card, "UID", uri);
  add_channels (card, lanka_agency_get_channels (agency));
  add_text (card, "NOTE", lanka_agency_get_notes (agency));

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    add_text (card, "LANG", languages[i]);

  add_text (card, PROPERTY_TYPE, lanka_agency_get_agency_type (agency));
  add_codes (card, PROPERTY_COUNTIES, lanka_agency_get_counties (agency));
  if (lanka_agency_get_national (agency))
    add_text (card, PROPERTY_NATIONAL, "TRUE");
  if (lanka_agency_get_nmt (agency))
    add_text (card, PROPERTY_NMT, "TRUE");
  add_codes (card, PROPERTY_SUPPORT, lanka_agency_get_support (agency));
  add_codes (card, PROPERTY_EXPLOITATION, lanka_agency_get_exploitation (agency));
  add_codes (card, PROPERTY_OTHER_HELPS, lanka_agency_get_other_helps (agency));
  add_codes (card, PROPERTY_ACCEPTS, lanka_agency_get_accepts (agency));
  add_text (card, PROPERTY_OPENING_HOURS, lanka_agency_get_opening_hours (agency));
  add_text (card, PROPERTY_OUT_OF_HOURS, lanka_agency_get_out_of_hours (agency));
  add_text (card, PROPERTY_LIMITS, lanka_agency_get_limits (agency));
  add_text (card, PROPERTY_VERIFIED_ON, lanka_agency_get_verified_on (agency));
  add_text (card, PROPERTY_SOURCE, lanka_agency_get_source (agency));
  add_text (card, PROPERTY_ORGANISATION_NUMBER, lanka_agency_get_organisation_number (agency));

  return g_steal_pointer (&card);
}

static LankaVCard *
card_from_contact (LankaAgencyContact *contact,
                   LankaAgency        *agency,
                   const char         *agency_uid)
{
  g_autoptr(LankaVCard) card = lanka_vcard_new ();
  const char *name = lanka_agency_contact_get_name (contact);
  const char *uuid = lanka_agency_contact_get_uuid (contact);
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *related = g_strconcat (UUID_PREFIX, agency_uid, NULL);
  const char *space;

  /* Länka keeps a person's name whole; N only helps address books sort
   * and show it, so the last word is taken as the family name.
   */
  name = name != NULL ? name : "";
  space = strrchr (name, ' ');
  if (space != NULL)
    {
      given = g_strndup (name, space - name);
      family = g_strdup (space + 1);
    }
  else
    {
      given = g_strdup (name);
      family = g_strdup ("");
    }

  add_text (card, "KIND", "individual");
  add_text (card, "FN", name);

  {
    const char *components[] = { family, given, "", "", "", NULL };

    lanka_vcard_add_property (card, lanka_vcard_property_new_structured (NULL, "N", components));
  }

  add_organisation (card, agency);
  add_text (card, "TITLE", lanka_agency_contact_get_role (contact));
  add_text (card, "RELATED", related);

  if (uuid != NULL)
    {
      g_autofree char *uri = g_strconcat (UUID_PREFIX, uuid, NULL);

      add_text (card, "UID", uri);
    }

  add_channels (card, lanka_agency_contact_get_channels (contact));
  add_text (card, "NOTE", lanka_agency_contact_get_notes (contact));

  return g_steal_pointer (&card);
}

/**
 * lanka_vcard_directory_to_cards:
 * @entries: (element-type LankaDirectoryEntry): agencies with their
 *   contact persons
 *
 * Makes one card for each agency, followed by one for each of its contact
 * persons, as described at the top of this file.  An agency not yet saved
 * gets a made-up UID, so that its persons still point to it.
 *
 * Returns: (transfer full) (element-type LankaVCard): the cards, ready
 *   for lanka_vcard_write()
 */
GPtrArray *
lanka_vcard_directory_to_cards (GPtrArray *entries)
{
  g_autoptr(GPtrArray) cards = NULL;

  g_return_val_if_fail (entries != NULL, NULL);

  cards = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_vcard_unref);

  for (guint i = 0; i < entries->len; i++)
    {
      const LankaDirectoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *made_up_uid = NULL;
      const char *uid = lanka_agency_get_uuid (entry->agency);

      if (uid == NULL)
        uid = made_up_uid = g_uuid_string_random ();

      g_ptr_array_add (cards, card_from_agency (entry->agency, uid));

      for (guint j = 0; entry->contacts != NULL && j < entry->contacts->len; j++)
        g_ptr_array_add (cards, card_from_contact (g_ptr_array_index (entry->contacts, j),
                                                   entry->agency, uid));
    }

  return g_steal_pointer (&cards);
}

/**
 * lanka_vcard_directory_export:
 * @database: an open #LankaDatabase
 * @uuids: (nullable) (array zero-terminated=1): the agencies to export,
 *   or %NULL for all of them
 * @version: %LANKA_VCARD_VERSION_4_0, or 3.0 for older phones
 * @error: a location for a #GError
 *
 * Safe to call from a worker thread while the database is held.
 *
 * Returns: (transfer full): the contents of a vCard file with the
 *   agencies and their contact persons, or %NULL on error
 */
GBytes *
lanka_vcard_directory_export (LankaDatabase       *database,
                              const char * const  *uuids,
                              LankaVCardVersion    version,
                              GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (version == LANKA_VCARD_VERSION_4_0
                        || version == LANKA_VCARD_VERSION_3_0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = lanka_directory_export_entries (database, uuids, error);
  if (entries == NULL)
    return NULL;

  cards = lanka_vcard_directory_to_cards (entries);
  return lanka_vcard_write (cards, version);
}

/* Import: cards to candidates */

/* Apple's own labels, written as "_$!<Mobile>!$_", are English words that
 * Contacts translates when it shows them; Länka does the same.  Work and
 * Other say nothing an agency's number does not already say.
 */
static const struct
{
  const char *apple;
  const char *label;
} apple_labels[] = {
  { "Work", NULL },
  { "Other", NULL },
  { "HomePage", NULL },
  { "Home", NC_("channel label", "Home") },
  { "Mobile", NC_("channel label", "Mobile") },
  { "iPhone", NC_("channel label", "Mobile") },
  { "Main", NC_("channel label", "Switchboard") },
  { "WorkFAX", NC_("channel label", "Fax") },
  { "HomeFAX", NC_("channel label", "Fax") },
  { "OtherFAX", NC_("channel label", "Fax") },
  { "Pager", NC_("channel label", "Pager") },
};

/* TYPE values that make a label, in the order they win: a work fax is
 * a fax.  work, voice, internet and pref make none, since every channel of
 * an agency is for work; that is also what Länka writes for a channel
 * without a label, so such a channel comes back without one.
 */
static const struct
{
  const char *type;
  const char *label;
} type_labels[] = {
  { "fax", NC_("channel label", "Fax") },
  { "cell", NC_("channel label", "Mobile") },
  { "pager", NC_("channel label", "Pager") },
  { "textphone", NC_("channel label", "Text phone") },
  { "main", NC_("channel label", "Switchboard") },
  { "home", NC_("channel label", "Home") },
};

static char *
dup_channel_label (LankaVCard         *card,
                   LankaVCardProperty *property)
{
  const char *group = lanka_vcard_property_get_group (property);
  GPtrArray *all = lanka_vcard_get_properties (card);

  if (group != NULL)
    {
      for (guint i = 0; i < all->len; i++)
        {
          LankaVCardProperty *other = g_ptr_array_index (all, i);
          const char *other_group = lanka_vcard_property_get_group (other);
          const char *value;
          gsize len;

          if (other_group == NULL
              || g_ascii_strcasecmp (other_group, group) != 0
              || strcmp (lanka_vcard_property_get_name (other), "X-ABLABEL") != 0)
            continue;

          value = lanka_vcard_property_get_value (other);
          len = strlen (value);

          if (len >= 8 && g_str_has_prefix (value, "_$!<") && g_str_has_suffix (value, ">!$_"))
            {
              g_autofree char *apple = g_strndup (value + 4, len - 8);

              for (guint j = 0; j < G_N_ELEMENTS (apple_labels); j++)
                if (g_ascii_strcasecmp (apple, apple_labels[j].apple) == 0)
                  return apple_labels[j].label != NULL
                         ? g_strdup (g_dpgettext2 (NULL, "channel label", apple_labels[j].label))
                         : NULL;

              return dup_line (apple);
            }

          return dup_line (value);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (type_labels); i++)
    if (lanka_vcard_property_has_type (property, type_labels[i].type))
      return g_strdup (g_dpgettext2 (NULL, "channel label", type_labels[i].label));

  return NULL;
}

/* The parts of an address other programs write, in the order a Swedish
 * envelope has them: street, "post code town", region, country.
 */
static char *
dup_address (LankaVCardProperty *property)
{
  const char * const *parts = lanka_vcard_property_get_components (property);
  guint n_parts = g_strv_length ((char **)parts);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  const char *code = n_parts > 5 ? parts[5] : "";
  const char *town = n_parts > 3 ? parts[3] : "";

  for (guint i = 0; i < MIN (n_parts, 3); i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (lines, g_strdup (parts[i]));

  if (*code != '\0' || *town != '\0')
    g_ptr_array_add (lines, g_strstrip (g_strjoin (" ", code, town, NULL)));

  for (guint i = 4; i < n_parts; i++)
    if (i != 5 && *parts[i] != '\0')
      g_ptr_array_add (lines, g_strdup (parts[i]));

  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv (", ", (char **)lines->pdata);

  return dup_text (joined);
}

typedef struct
{
  GPtrArray *channels;   /* of LankaChannel */
  GPtrArray *warnings;   /* of translated sentences */
  gboolean   person;
} ChannelReader;

static void
read_channel (LankaVCard         *card,
              LankaVCardProperty *property,
              ChannelReader      *reader)
{
  const char *name = lanka_vcard_property_get_name (property);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;
  g_autofree char *normalized = NULL;
  LankaChannelKind kind;

  if (strcmp (name, "TEL") == 0)
    {
      kind = LANKA_CHANNEL_PHONE;
      value = dup_line (lanka_vcard_property_get_value (property));
      if (value != NULL && (normalized = lanka_phone_normalize (value, &local_error)) == NULL)
        {
          g_ptr_array_add (reader->warnings,
                           g_strdup_printf (_("The phone number “%s” was left out: %s"),
                                            value, local_error->message));
          return;
        }
    }
  else if (strcmp (name, "EMAIL") == 0)
    {
      kind = LANKA_CHANNEL_EMAIL;
      value = dup_line (lanka_vcard_property_get_value (property));
      if (value != NULL && !lanka_email_validate (value, &local_error))
        {
          g_ptr_array_add (reader->warnings,
                           g_strdup_printf (_("The e-mail address “%s” was left out: %s"),
                                            value, local_error->message));
          return;
        }
    }
  else if (reader->person)
    {
      /* Länka keeps phones and e-mail addresses of a contact person; a
       * person's address or web site on a card from a phone is most often
       * private, and not the directory's business.
       */
      return;
    }
  else if (strcmp (name, "URL") == 0)
    {
      kind = LANKA_CHANNEL_WEB;
      value = dup_line (lanka_vcard_property_get_value (property));
      if (value != NULL && !lanka_web_address_validate (value, &local_error))
        {
          g_ptr_array_add (reader->warnings,
                           g_strdup_printf (_("The web address “%s” was left out: %s"),
                                            value, local_error->message));
          return;
        }
    }
  else if (strcmp (name, "ADR") == 0)
    {
      kind = LANKA_CHANNEL_ADDRESS;
      value = dup_address (property);
    }
  else
    {
      return;
    }

  if (value == NULL)
    return;

  label = dup_channel_label (card, property);
  g_ptr_array_add (reader->channels, lanka_channel_new (kind, label, value));
}

static GPtrArray *
read_channels (LankaVCard *card,
               gboolean    person,
               GPtrArray  *warnings)
{
  GPtrArray *all = lanka_vcard_get_properties (card);
  ChannelReader reader = {
    .channels = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_channel_free),
    .warnings = warnings,
    .person = person,
  };

  for (guint i = 0; i < all->len; i++)
    read_channel (card, g_ptr_array_index (all, i), &reader);

  return reader.channels;
}

/* Every NOTE, as some programs split a long note in several. */
static char *
dup_notes (LankaVCard *card)
{
  g_autoptr(GPtrArray) notes = lanka_vcard_dup_properties_named (card, "NOTE");
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < notes->len; i++)
    {
      LankaVCardProperty *property = g_ptr_array_index (notes, i);
      g_autofree char *note = dup_text (lanka_vcard_property_get_value (property));

      if (note == NULL)
        continue;
      if (joined->len > 0)
        g_string_append (joined, "\n\n");
      g_string_append (joined, note);
    }

  return joined->len > 0 ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
}

/* The organisation a card names in ORG: its name and its units. */
static gboolean
read_organisation (LankaVCard  *card,
                   char       **name,
                   char       **unit)
{
  LankaVCardProperty *org = lanka_vcard_get_property (card, "ORG");
  const char * const *parts;
  g_autoptr(GPtrArray) units = NULL;

  *name = NULL;
  *unit = NULL;

  if (org == NULL)
    return FALSE;

  parts = lanka_vcard_property_get_components (org);
  if (parts[0] == NULL || (*name = dup_line (parts[0])) == NULL)
    return FALSE;

  /* ORG may list several levels of units; Länka has one unit field. */
  units = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *part = dup_line (parts[i]);

      if (part != NULL)
        g_ptr_array_add (units, part);
    }

  if (units->len > 0)
    {
      g_ptr_array_add (units, NULL);
      *unit = g_strjoinv (", ", (char **)units->pdata);
    }

  return TRUE;
}

static gboolean
value_is_true (const char *value)
{
  g_autofree char *line = dup_line (value);

  return line != NULL && (g_ascii_strcasecmp (line, "TRUE") == 0
                          || g_ascii_strcasecmp (line, "yes") == 0
                          || strcmp (line, "1") == 0);
}

/* Reads a comma-separated list of codes, keeping those in @vocabulary
 * (any code when @vocabulary is -1) and adding the rest to @unknown.
 */
static GStrv
read_codes (LankaVCard *card,
            const char *name,
            int         vocabulary,
            GPtrArray  *unknown)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) found = lanka_vcard_dup_properties_named (card, name);

  for (guint i = 0; i < found->len; i++)
    {
      LankaVCardProperty *property = g_ptr_array_index (found, i);
      g_auto(GStrv) parts = g_strsplit (lanka_vcard_property_get_value (property), ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          char *code = dup_line (parts[j]);

          if (code == NULL)
            continue;

          if (vocabulary >= 0 && !lanka_vocabulary_contains (vocabulary, code))
            g_ptr_array_add (unknown, code);
          else
            g_ptr_array_add (codes, code);
        }
    }

  return (GStrv)g_ptr_array_steal (codes, NULL);
}

static GStrv
read_languages (LankaVCard *card)
{
  static const char * const names[] = { "LANG", "X-LANG" };
  g_autoptr(GPtrArray) languages = g_ptr_array_new_null_terminated (4, g_free, TRUE);

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GPtrArray) found = lanka_vcard_dup_properties_named (card, names[n]);

      for (guint i = 0; i < found->len; i++)
        {
          char *language = dup_line (lanka_vcard_property_get_value (g_ptr_array_index (found, i)));

          if (language != NULL)
            g_ptr_array_add (languages, language);
        }
    }

  return (GStrv)g_ptr_array_steal (languages, NULL);
}

static void
set_text (LankaAgency *agency,
          void       (*setter) (LankaAgency *, const char *),
          char        *value)
{
  setter (agency, value);
  g_free (value);
}

static LankaAgency *
agency_from_card (LankaVCard *card,
                  GPtrArray  *warnings)
{
  g_autoptr(LankaAgency) agency = lanka_agency_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) channels = NULL;
  g_auto(GStrv) counties = NULL;
  g_auto(GStrv) support = NULL;
  g_auto(GStrv) exploitation = NULL;
  g_auto(GStrv) other_helps = NULL;
  g_auto(GStrv) accepts = NULL;
  g_auto(GStrv) languages = NULL;
  g_autofree char *name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *type = NULL;
  g_autofree char *number = NULL;

  if (!read_organisation (card, &name, &unit))
    {
      g_autofree char *display_name = lanka_vcard_dup_display_name (card);

      name = dup_line (display_name);
    }

  lanka_agency_set_name (agency, name);
  lanka_agency_set_unit (agency, unit);

  type = dup_line (lanka_vcard_get_value (card, PROPERTY_TYPE));
  if (type != NULL && lanka_vocabulary_contains (LANKA_VOCABULARY_AGENCY_TYPE, type))
    lanka_agency_set_agency_type (agency, type);
  else if (type != NULL)
    g_ptr_array_add (unknown, g_steal_pointer (&type));

  counties = read_codes (card, PROPERTY_COUNTIES, LANKA_VOCABULARY_COUNTY, unknown);
  support = read_codes (card, PROPERTY_SUPPORT, LANKA_VOCABULARY_SUPPORT_TYPE, unknown);
  exploitation = read_codes (card, PROPERTY_EXPLOITATION, LANKA_VOCABULARY_EXPLOITATION, unknown);
  other_helps = read_codes (card, PROPERTY_OTHER_HELPS, -1, unknown);
  accepts = read_codes (card, PROPERTY_ACCEPTS, LANKA_VOCABULARY_ACCEPTS, unknown);
  languages = read_languages (card);

  lanka_agency_set_counties (agency, (const char * const *)counties);
  lanka_agency_set_support (agency, (const char * const *)support);
  lanka_agency_set_exploitation (agency, (const char * const *)exploitation);
  lanka_agency_set_other_helps (agency, (const char * const *)other_helps);
  lanka_agency_set_accepts (agency, (const char * const *)accepts);
  lanka_agency_set_languages (agency, (const char * const *)languages);
  lanka_agency_set_national (agency,
                             value_is_true (lanka_vcard_get_value (card, PROPERTY_NATIONAL)));
  lanka_agency_set_nmt (agency, value_is_true (lanka_vcard_get_value (card, PROPERTY_NMT)));

  set_text (agency, lanka_agency_set_notes, dup_notes (card));
  set_text (agency, lanka_agency_set_opening_hours,
            dup_text (lanka_vcard_get_value (card, PROPERTY_OPENING_HOURS)));
  set_text (agency, lanka_agency_set_out_of_hours,
            dup_text (lanka_vcard_get_value (card, PROPERTY_OUT_OF_HOURS)));
  set_text (agency, lanka_agency_set_limits,
            dup_text (lanka_vcard_get_value (card, PROPERTY_LIMITS)));
  set_text (agency, lanka_agency_set_verified_on,
            dup_line (lanka_vcard_get_value (card, PROPERTY_VERIFIED_ON)));
  set_text (agency, lanka_agency_set_source,
            dup_text (lanka_vcard_get_value (card, PROPERTY_SOURCE)));

  number = dup_line (lanka_vcard_get_value (card, PROPERTY_ORGANISATION_NUMBER));
  if (number != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (lanka_organisation_number_validate (number, &local_error))
        lanka_agency_set_organisation_number (agency, number);
      else
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("The organisation number “%s” was left out: %s"),
                                          number, local_error->message));
    }

  channels = read_channels (card, FALSE, warnings);
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_add_channel (agency, channel->kind, channel->label, channel->value);
    }

  if (unknown->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (unknown, NULL);
      list = g_strjoinv (", ", (char **)unknown->pdata);
      /* Only a newer Länka writes codes this one does not know. */
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("Codes this version of Länka does not know were "
                                          "left out: %s."),
                                        list));
    }

  return g_steal_pointer (&agency);
}

static LankaAgencyContact *
contact_from_card (LankaVCard *card,
                   GPtrArray  *warnings)
{
  g_autoptr(LankaAgencyContact) contact = lanka_agency_contact_new ();
  g_autoptr(GPtrArray) channels = NULL;
  g_autofree char *display_name = lanka_vcard_dup_display_name (card);
  g_autofree char *name = dup_line (display_name);
  g_autofree char *title = dup_line (lanka_vcard_get_value (card, "TITLE"));
  g_autofree char *role = dup_line (lanka_vcard_get_value (card, "ROLE"));
  g_autofree char *notes = dup_notes (card);

  lanka_agency_contact_set_name (contact, name);

  if (title != NULL && role != NULL && g_strcmp0 (title, role) != 0)
    {
      g_autofree char *both = g_strdup_printf ("%s, %s", title, role);

      lanka_agency_contact_set_role (contact, both);
    }
  else
    {
      lanka_agency_contact_set_role (contact, title != NULL ? title : role);
    }

  lanka_agency_contact_set_notes (contact, notes);

  channels = read_channels (card, TRUE, warnings);
  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_contact_add_channel (contact, channel->kind, channel->label, channel->value);
    }

  return g_steal_pointer (&contact);
}

typedef enum
{
  CARD_PERSON,
  CARD_ORGANISATION,
  CARD_OTHER,
} CardKind;

static CardKind
classify_card (LankaVCard *card)
{
  const char *kind = lanka_vcard_get_kind (card);
  gboolean says_kind = lanka_vcard_get_property (card, "KIND") != NULL
                       || lanka_vcard_get_property (card, "X-ADDRESSBOOKSERVER-KIND") != NULL;
  LankaVCardProperty *n;
  const char *show_as;
  g_autofree char *org_name = NULL;
  g_autofree char *org_unit = NULL;
  g_autofree char *fn = NULL;

  if (g_ascii_strcasecmp (kind, "org") == 0 || g_ascii_strcasecmp (kind, "organization") == 0)
    return CARD_ORGANISATION;
  if (says_kind && g_ascii_strcasecmp (kind, "individual") != 0)
    return CARD_OTHER;

  /* Apple marks a company card this way instead of with a KIND. */
  show_as = lanka_vcard_get_value (card, "X-ABSHOWAS");
  if (show_as != NULL && g_ascii_strcasecmp (show_as, "COMPANY") == 0)
    return CARD_ORGANISATION;
  if (says_kind)
    return CARD_PERSON;

  /* Without either, a card that names an organisation and no person is
   * the organisation's card, as Outlook and Google write them.
   */
  if (!read_organisation (card, &org_name, &org_unit))
    return CARD_PERSON;

  n = lanka_vcard_get_property (card, "N");
  if (n != NULL)
    {
      const char * const *parts = lanka_vcard_property_get_components (n);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *part = dup_line (parts[i]);

          if (part != NULL)
            return CARD_PERSON;
        }
    }

  fn = dup_line (lanka_vcard_get_formatted_name (card));
  if (fn == NULL || g_strcmp0 (fn, org_name) == 0)
    return CARD_ORGANISATION;

  /* Apple's FN of a company with a unit is "Name Unit". */
  if (org_unit != NULL)
    {
      g_autofree char *fn_key = normalize_name (fn);
      g_autofree char *org_key = NULL;
      g_autofree char *joined = g_strconcat (org_name, org_unit, NULL);

      org_key = normalize_name (joined);
      if (strcmp (fn_key, org_key) == 0)
        return CARD_ORGANISATION;
    }

  return CARD_PERSON;
}

/* What one or more cards become: an agency with its persons. */
typedef struct
{
  guint                card_number;
  guint                n_cards;
  LankaDirectoryEntry *entry;
  GPtrArray           *warnings;
  char                *key;
  gboolean             has_org_card;
} Group;

static void
group_free (Group *group)
{
  g_clear_pointer (&group->entry, lanka_directory_entry_free);
  g_clear_pointer (&group->warnings, g_ptr_array_unref);
  g_clear_pointer (&group->key, g_free);
  g_free (group);
}

static Group *
group_new (guint        card_number,
           LankaAgency *agency)
{
  Group *group = g_new0 (Group, 1);

  group->card_number = card_number;
  group->entry = lanka_directory_entry_new (agency);
  group->warnings = g_ptr_array_new_with_free_func (g_free);
  group->key = organisation_key (lanka_agency_get_name (agency), lanka_agency_get_unit (agency));

  return group;
}

typedef struct
{
  LankaDatabase *database;
  GCancellable  *cancellable;

  /* card number → GPtrArray of the reader's sentences about it */
  GHashTable    *problems;

  /* Groups in the order of their first card, and ways to find them. */
  GPtrArray     *groups;
  GHashTable    *by_uid;
  GHashTable    *by_key;

  /* What agencies earlier in the file have, to find duplicates there. */
  GHashTable    *seen_names;
  GHashTable    *seen_phones;
  GHashTable    *seen_emails;
  GHashTable    *seen_numbers;

  GPtrArray     *candidates;
} Preparation;

static void
preparation_clear (Preparation *prep)
{
  g_clear_pointer (&prep->problems, g_hash_table_unref);
  g_clear_pointer (&prep->by_uid, g_hash_table_unref);
  g_clear_pointer (&prep->by_key, g_hash_table_unref);
  g_clear_pointer (&prep->seen_names, g_hash_table_unref);
  g_clear_pointer (&prep->seen_phones, g_hash_table_unref);
  g_clear_pointer (&prep->seen_emails, g_hash_table_unref);
  g_clear_pointer (&prep->seen_numbers, g_hash_table_unref);
  g_clear_pointer (&prep->groups, g_ptr_array_unref);
  g_clear_pointer (&prep->candidates, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Preparation, preparation_clear)

static LankaImportCandidate *
candidate_new (LankaImportStatus  status,
               guint              card_number)
{
  LankaImportCandidate *candidate = g_object_new (LANKA_TYPE_IMPORT_CANDIDATE, NULL);

  candidate->status = status;
  candidate->card_number = card_number;
  candidate->selected = status == LANKA_IMPORT_STATUS_NEW;

  return candidate;
}

static char *
join_sentences (GPtrArray *sentences)
{
  GString *joined;

  if (sentences == NULL || sentences->len == 0)
    return NULL;

  joined = g_string_new (NULL);
  for (guint i = 0; i < sentences->len; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, g_ptr_array_index (sentences, i));
    }

  return g_string_free (joined, FALSE);
}

static GPtrArray *
problems_of (Preparation *prep,
             guint        card_number)
{
  return g_hash_table_lookup (prep->problems, GUINT_TO_POINTER (card_number));
}

static void
add_unreadable (Preparation *prep,
                guint        card_number,
                const char  *name,
                char        *reason)
{
  LankaImportCandidate *candidate = candidate_new (LANKA_IMPORT_STATUS_UNREADABLE, card_number);

  candidate->title = name != NULL ? g_strdup (name)
                                  : g_strdup_printf (_("Card %u"), card_number);
  candidate->reason = reason;
  g_ptr_array_add (prep->candidates, candidate);
}

/* Sentences the reader had about a card that was still read, such as a
 * guessed character set, go with whatever the card became.
 */
static void
take_problems (Preparation *prep,
               Group       *group,
               guint        card_number)
{
  GPtrArray *problems = problems_of (prep, card_number);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (group->warnings, g_strdup (g_ptr_array_index (problems, i)));
}

static Group *
find_related_group (Preparation *prep,
                    LankaVCard  *card)
{
  static const char * const names[] = { "RELATED", "X-RELATED" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GPtrArray) found = lanka_vcard_dup_properties_named (card, names[n]);

      for (guint i = 0; i < found->len; i++)
        {
          LankaVCardProperty *property = g_ptr_array_index (found, i);
          g_autofree char *key = uid_key (lanka_vcard_property_get_value (property));
          Group *group;

          if (key != NULL && (group = g_hash_table_lookup (prep->by_uid, key)) != NULL)
            return group;
        }
    }

  return NULL;
}

static void
read_organisation_card (Preparation *prep,
                        LankaVCard  *card)
{
  guint number = lanka_vcard_get_number (card);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LankaAgency) agency = agency_from_card (card, warnings);
  g_autofree char *uid = uid_key (lanka_vcard_get_uid (card));
  Group *group;

  /* The reader keeps a card whose name is only spaces. */
  if (lanka_agency_get_name (agency) == NULL)
    {
      add_unreadable (prep, number, NULL, g_strdup (_(NO_NAME)));
      return;
    }

  group = group_new (number, agency);
  group->has_org_card = TRUE;
  group->n_cards = 1;
  take_problems (prep, group, number);
  g_ptr_array_extend_and_steal (group->warnings, g_steal_pointer (&warnings));
  g_ptr_array_add (prep->groups, group);

  if (uid != NULL && !g_hash_table_contains (prep->by_uid, uid))
    g_hash_table_insert (prep->by_uid, g_steal_pointer (&uid), group);

  /* A second card of the same organisation is a duplicate within the
   * file; the people of that name go with the first.
   */
  if (!g_hash_table_contains (prep->by_key, group->key))
    g_hash_table_insert (prep->by_key, g_strdup (group->key), group);
}

static void
read_person_card (Preparation *prep,
                  LankaVCard  *card)
{
  guint number = lanka_vcard_get_number (card);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LankaAgencyContact) contact = contact_from_card (card, warnings);
  g_autofree char *org_name = NULL;
  g_autofree char *org_unit = NULL;
  Group *group;

  if (lanka_agency_contact_get_name (contact) == NULL)
    {
      add_unreadable (prep, number, NULL, g_strdup (_(NO_NAME)));
      return;
    }

  group = find_related_group (prep, card);

  if (group == NULL && read_organisation (card, &org_name, &org_unit))
    {
      g_autofree char *key = organisation_key (org_name, org_unit);

      group = g_hash_table_lookup (prep->by_key, key);
      if (group == NULL)
        {
          g_autoptr(LankaAgency) agency = lanka_agency_new ();

          lanka_agency_set_name (agency, org_name);
          lanka_agency_set_unit (agency, org_unit);
          group = group_new (number, agency);
          g_ptr_array_add (prep->groups, group);
          g_hash_table_insert (prep->by_key, g_strdup (group->key), group);
        }
    }

  if (group == NULL)
    {
      g_autofree char *name = lanka_vcard_dup_display_name (card);

      add_unreadable (prep, number, name,
                      g_strdup (_("This person has no organisation on the card. Länka keeps "
                                  "contact persons under the agency they work at: add the "
                                  "organisation to the card, or add the person to an agency "
                                  "by hand.")));
      return;
    }

  g_ptr_array_add (group->entry->contacts, g_steal_pointer (&contact));
  group->card_number = MIN (group->card_number, number);
  group->n_cards++;
  take_problems (prep, group, number);
  g_ptr_array_extend_and_steal (group->warnings, g_steal_pointer (&warnings));
}

static char *
describe_similarity (LankaSimilarity reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reasons & LANKA_SIMILARITY_NAME)
    g_ptr_array_add (parts, (char *)C_("duplicate reason", "same name"));
  if (reasons & LANKA_SIMILARITY_PHONE)
    g_ptr_array_add (parts, (char *)C_("duplicate reason", "same phone number"));
  if (reasons & LANKA_SIMILARITY_EMAIL)
    g_ptr_array_add (parts, (char *)C_("duplicate reason", "same e-mail address"));
  if (reasons & LANKA_SIMILARITY_ORGANISATION_NUMBER)
    g_ptr_array_add (parts, (char *)C_("duplicate reason", "same organisation number"));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **)parts->pdata);
}

static char *
describe_entry (LankaDirectoryEntry *entry)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *unit = lanka_agency_get_unit (entry->agency);
  GPtrArray *channels = lanka_agency_get_channels (entry->agency);

  if (unit != NULL)
    g_ptr_array_add (parts, g_strdup (unit));

  if (entry->contacts->len > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u contact person",
                                                       "%u contact persons",
                                                       entry->contacts->len),
                                             entry->contacts->len));
  else if (channels->len > 0)
    g_ptr_array_add (parts, g_strdup (((LankaChannel *)g_ptr_array_index (channels, 0))->value));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **)parts->pdata);
}

/* Looks up @key (taken) in @seen: on a hit, the earlier group is noted
 * with @reason; on a miss, @group is remembered under @key for the groups
 * after it.
 */
static void
check_seen (GHashTable       *seen,
            char             *key,
            Group            *group,
            LankaSimilarity   reason,
            Group           **earlier,
            LankaSimilarity  *reasons)
{
  Group *other;

  if (key == NULL || *key == '\0')
    {
      g_free (key);
      return;
    }

  other = g_hash_table_lookup (seen, key);
  if (other == NULL)
    {
      g_hash_table_insert (seen, key, group);
      return;
    }

  /* The same number twice on one card says nothing. */
  if (other == group)
    {
      g_free (key);
      return;
    }

  /* Only one earlier card is named, with all it has in common. */
  if (*earlier == NULL)
    *earlier = other;
  if (other == *earlier)
    *reasons |= reason;
  g_free (key);
}

/* Looks for an earlier agency in the file with the same name and unit,
 * phone number, e-mail address or organisation number.  Two units of one
 * organisation are two agencies, as in a file Länka wrote itself.
 */
static Group *
find_in_file (Preparation     *prep,
              Group           *group,
              LankaSimilarity *reasons)
{
  LankaAgency *agency = group->entry->agency;
  GPtrArray *channels = lanka_agency_get_channels (agency);
  const char *number = lanka_agency_get_organisation_number (agency);
  Group *earlier = NULL;

  *reasons = 0;

  check_seen (prep->seen_names, g_strdup (group->key), group,
              LANKA_SIMILARITY_NAME, &earlier, reasons);

  if (number != NULL)
    check_seen (prep->seen_numbers, organisation_number_key (number), group,
                LANKA_SIMILARITY_ORGANISATION_NUMBER, &earlier, reasons);

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind == LANKA_CHANNEL_PHONE)
        check_seen (prep->seen_phones, lanka_phone_normalize (channel->value, NULL), group,
                    LANKA_SIMILARITY_PHONE, &earlier, reasons);
      else if (channel->kind == LANKA_CHANNEL_EMAIL)
        check_seen (prep->seen_emails, g_utf8_strdown (channel->value, -1), group,
                    LANKA_SIMILARITY_EMAIL, &earlier, reasons);
    }

  return earlier;
}

/* People whose organisation is already in the directory join it.  Those
 * who already are its contact persons (by name) are left out; when that is
 * everyone, the candidate is a duplicate that would add them again.
 */
static gboolean
join_existing (Preparation  *prep,
               Group        *group,
               LankaAgency  *existing,
               GError      **error)
{
  g_autoptr(GPtrArray) present = NULL;
  g_autoptr(GHashTable) present_names = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(LankaImportCandidate) candidate = NULL;
  GPtrArray *contacts = group->entry->contacts;
  const char *uuid = lanka_agency_get_uuid (existing);
  const char *agency_name = lanka_agency_get_name (existing);
  GPtrArray *joining;

  present = lanka_directory_list_contacts (prep->database, uuid, error);
  if (present == NULL)
    return FALSE;

  present_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < present->len; i++)
    {
      LankaAgencyContact *contact = g_ptr_array_index (present, i);

      g_hash_table_add (present_names, normalize_name (lanka_agency_contact_get_name (contact)));
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      LankaAgencyContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *key = normalize_name (lanka_agency_contact_get_name (contact));

      g_ptr_array_add (g_hash_table_contains (present_names, key) ? again : fresh,
                       g_object_ref (contact));
    }

  if (fresh->len == 0)
    {
      joining = again;
      candidate = candidate_new (LANKA_IMPORT_STATUS_DUPLICATE, group->card_number);
      candidate->duplicate_uuid = g_strdup (uuid);
      g_ptr_array_insert (group->warnings, 0,
                          g_strdup_printf (ngettext ("This person is already a contact person "
                                                     "of “%s”.",
                                                     "These people are already contact persons "
                                                     "of “%s”.",
                                                     again->len),
                                           agency_name));
    }
  else
    {
      joining = fresh;
      candidate = candidate_new (LANKA_IMPORT_STATUS_NEW, group->card_number);
      if (again->len > 0)
        g_ptr_array_insert (group->warnings, 0,
                            g_strdup_printf (ngettext ("%u person on these cards is already a "
                                                       "contact person there and was left out.",
                                                       "%u people on these cards are already "
                                                       "contact persons there and were left out.",
                                                       again->len),
                                             again->len));
    }

  for (guint i = 0; i < joining->len; i++)
    {
      LankaAgencyContact *contact = g_ptr_array_index (joining, i);

      g_ptr_array_add (names, (char *)lanka_agency_contact_get_name (contact));
    }
  g_ptr_array_add (names, NULL);

  candidate->title = g_strjoinv (", ", (char **)names->pdata);
  candidate->subtitle = g_strdup_printf (ngettext ("Adds %u contact person to “%s”",
                                                   "Adds %u contact persons to “%s”",
                                                   joining->len),
                                         joining->len, agency_name);
  candidate->reason = join_sentences (group->warnings);
  candidate->agency_uuid = g_strdup (uuid);
  candidate->n_cards = joining->len;

  /* The entry holds the agency as it is in the directory, so that a
   * preview can show where the persons go.
   */
  candidate->entry = lanka_directory_entry_new (existing);
  g_ptr_array_extend_and_steal (candidate->entry->contacts, g_ptr_array_ref (joining));

  g_ptr_array_add (prep->candidates, g_steal_pointer (&candidate));
  return TRUE;
}

/* The agency in the directory that people naming @group's organisation
 * join: the one with the same unit, else one without a unit; when the
 * people name no unit, the first of that name.  Two units of one
 * authority are two agencies, and a person of one is not a person of the
 * other.
 */
static LankaAgency *
find_named (GPtrArray *similar,
            Group     *group)
{
  const char *unit = lanka_agency_get_unit (group->entry->agency);
  g_autofree char *unit_key = normalize_name (unit);
  LankaAgency *without_unit = NULL;
  LankaAgency *first = NULL;

  for (guint i = 0; i < similar->len; i++)
    {
      LankaSimilarAgency *match = g_ptr_array_index (similar, i);
      g_autofree char *other_key = NULL;

      if ((match->reasons & LANKA_SIMILARITY_NAME) == 0)
        continue;

      other_key = normalize_name (lanka_agency_get_unit (match->agency));
      if (strcmp (unit_key, other_key) == 0)
        return match->agency;

      if (first == NULL)
        first = match->agency;
      if (without_unit == NULL && *other_key == '\0')
        without_unit = match->agency;
    }

  if (without_unit != NULL)
    return without_unit;

  return *unit_key == '\0' ? first : NULL;
}

static LankaSimilarAgency *
first_similar (GPtrArray       *similar,
               LankaSimilarity  only)
{
  for (guint i = 0; similar != NULL && i < similar->len; i++)
    {
      LankaSimilarAgency *match = g_ptr_array_index (similar, i);

      if (only == 0 || (match->reasons & only) != 0)
        return match;
    }

  return NULL;
}

static gboolean
judge_group (Preparation  *prep,
             Group        *group,
             GError      **error)
{
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(LankaImportCandidate) candidate = NULL;
  LankaAgency *agency = group->entry->agency;
  LankaAgency *named;
  LankaSimilarAgency *match;
  LankaSimilarity in_file_reasons = 0;
  Group *earlier;

  similar = lanka_directory_find_similar (prep->database, agency, error);
  if (similar == NULL)
    return FALSE;

  /* People without a card of their organisation join the agency of that
   * name when there is one; an agency made from nothing but a name has
   * nothing else to compare.
   */
  if (!group->has_org_card && (named = find_named (similar, group)) != NULL)
    return join_existing (prep, group, named, error);

  match = first_similar (similar, 0);
  earlier = find_in_file (prep, group, &in_file_reasons);

  if (match != NULL)
    {
      g_autofree char *list = describe_similarity (match->reasons);

      candidate = candidate_new (LANKA_IMPORT_STATUS_DUPLICATE, group->card_number);
      candidate->duplicate_uuid = g_strdup (lanka_agency_get_uuid (match->agency));
      g_ptr_array_insert (group->warnings, 0,
                          g_strdup_printf (_("Looks like “%s” in the directory: %s."),
                                           lanka_agency_get_name (match->agency), list));
    }
  else if (earlier != NULL)
    {
      g_autofree char *list = describe_similarity (in_file_reasons);

      candidate = candidate_new (LANKA_IMPORT_STATUS_DUPLICATE, group->card_number);
      g_ptr_array_insert (group->warnings, 0,
                          g_strdup_printf (_("Looks like card %u in this file: %s."),
                                           earlier->card_number, list));
    }
  else
    {
      candidate = candidate_new (LANKA_IMPORT_STATUS_NEW, group->card_number);
    }

  candidate->title = g_strdup (lanka_agency_get_name (agency));
  candidate->subtitle = describe_entry (group->entry);
  candidate->reason = join_sentences (group->warnings);
  candidate->n_cards = group->n_cards;
  candidate->entry = g_steal_pointer (&group->entry);
  g_ptr_array_add (prep->candidates, g_steal_pointer (&candidate));

  return TRUE;
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const LankaImportCandidate *first = *(LankaImportCandidate * const *)a;
  const LankaImportCandidate *second = *(LankaImportCandidate * const *)b;

  if (first->card_number != second->card_number)
    return first->card_number < second->card_number ? -1 : 1;

  return 0;
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *first = *(Group * const *)a;
  const Group *second = *(Group * const *)b;

  if (first->card_number != second->card_number)
    return first->card_number < second->card_number ? -1 : 1;

  return 0;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 guint          i,
                 GError       **error)
{
  return i % CANCEL_CHECK_INTERVAL == 0
         && g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * lanka_vcard_directory_prepare_import:
 * @database: an open #LankaDatabase, to look for duplicates in
 * @data: the contents of a vCard file of any version
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads the file and tells, card by card, what importing it would do,
 * without writing anything.  Cards of an organisation and of the people
 * who work there become one candidate.  Safe to call from a worker thread
 * while the database is held.
 *
 * Fails only when the whole file cannot be read (empty, too large, not
 * text, no cards; %LANKA_IO_ERROR), when the database fails, or when
 * cancelled; a bad card is an unreadable candidate among the others.
 *
 * Returns: (transfer full): a #GListModel of #LankaImportCandidate in the
 *   order of the file, or %NULL on error
 */
GListModel *
lanka_vcard_directory_prepare_import (LankaDatabase  *database,
                                      GBytes         *data,
                                      GCancellable   *cancellable,
                                      GError        **error)
{
  g_auto(Preparation) prep = { 0 };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GHashTable) present = NULL;
  GListStore *store;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lanka_vcard_read_bytes (data, &cards, &problems, error))
    return NULL;

  prep.database = database;
  prep.cancellable = cancellable;
  prep.problems = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  prep.groups = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);
  prep.by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prep.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prep.seen_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prep.seen_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prep.seen_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prep.seen_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prep.candidates = g_ptr_array_new_with_free_func (g_object_unref);
  people = g_ptr_array_new ();
  present = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const LankaVCardProblem *problem = g_ptr_array_index (problems, i);
      gpointer key = GUINT_TO_POINTER (problem->card_number);
      GPtrArray *messages = g_hash_table_lookup (prep.problems, key);

      if (messages == NULL)
        {
          messages = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (prep.problems, key, messages);
        }
      g_ptr_array_add (messages, g_strdup (problem->message));
    }

  /* Organisations first, so that people find theirs wherever in the file
   * it is.
   */
  for (guint i = 0; i < cards->len; i++)
    {
      LankaVCard *card = g_ptr_array_index (cards, i);

      if (check_cancelled (cancellable, i, error))
        return NULL;

      g_hash_table_add (present, GUINT_TO_POINTER (lanka_vcard_get_number (card)));

      switch (classify_card (card))
        {
        case CARD_ORGANISATION:
          read_organisation_card (&prep, card);
          break;

        case CARD_PERSON:
          g_ptr_array_add (people, card);
          break;

        case CARD_OTHER:
        default:
          {
            g_autofree char *name = lanka_vcard_dup_display_name (card);

            add_unreadable (&prep, lanka_vcard_get_number (card), name,
                            g_strdup (_("This card is a contact group or a place, not an "
                                        "agency or a person.")));
          }
          break;
        }
    }

  for (guint i = 0; i < people->len; i++)
    {
      if (check_cancelled (cancellable, i, error))
        return NULL;

      read_person_card (&prep, g_ptr_array_index (people, i));
    }

  /* Cards the reader left out are known only by their problems. */
  {
    GHashTableIter iter;
    gpointer key;
    gpointer value;

    g_hash_table_iter_init (&iter, prep.problems);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint number = GPOINTER_TO_UINT (key);

        /* 0 is a line outside any card, which belongs to no candidate. */
        if (number == 0 || g_hash_table_contains (present, key))
          continue;

        add_unreadable (&prep, number, NULL, join_sentences (value));
      }
  }

  /* Judged in the order of the file, so that the first of two alike is
   * the new one and the second the duplicate.
   */
  g_ptr_array_sort (prep.groups, compare_groups);
  for (guint i = 0; i < prep.groups->len; i++)
    {
      if (check_cancelled (cancellable, i, error))
        return NULL;

      if (!judge_group (&prep, g_ptr_array_index (prep.groups, i), error))
        return NULL;
    }

  g_ptr_array_sort (prep.candidates, compare_candidates);

  store = g_list_store_new (LANKA_TYPE_IMPORT_CANDIDATE);
  g_list_store_splice (store, 0, 0, prep.candidates->pdata, prep.candidates->len);

  return G_LIST_MODEL (store);
}

/* Fresh copies without identity: if the transaction fails, the
 * candidates are as they were and can be imported again.
 */
static LankaAgencyContact *
copy_contact (LankaAgencyContact *contact)
{
  LankaAgencyContact *copy = lanka_agency_contact_new ();
  GPtrArray *channels = lanka_agency_contact_get_channels (contact);

  lanka_agency_contact_set_name (copy, lanka_agency_contact_get_name (contact));
  lanka_agency_contact_set_role (copy, lanka_agency_contact_get_role (contact));
  lanka_agency_contact_set_notes (copy, lanka_agency_contact_get_notes (contact));

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_contact_add_channel (copy, channel->kind, channel->label, channel->value);
    }

  return copy;
}

static LankaAgency *
copy_agency (LankaAgency *agency)
{
  LankaAgency *copy = lanka_agency_new ();
  GPtrArray *channels = lanka_agency_get_channels (agency);

  lanka_agency_set_name (copy, lanka_agency_get_name (agency));
  lanka_agency_set_unit (copy, lanka_agency_get_unit (agency));
  lanka_agency_set_agency_type (copy, lanka_agency_get_agency_type (agency));
  lanka_agency_set_organisation_number (copy, lanka_agency_get_organisation_number (agency));
  lanka_agency_set_opening_hours (copy, lanka_agency_get_opening_hours (agency));
  lanka_agency_set_out_of_hours (copy, lanka_agency_get_out_of_hours (agency));
  lanka_agency_set_limits (copy, lanka_agency_get_limits (agency));
  lanka_agency_set_notes (copy, lanka_agency_get_notes (agency));
  lanka_agency_set_verified_on (copy, lanka_agency_get_verified_on (agency));
  lanka_agency_set_source (copy, lanka_agency_get_source (agency));
  lanka_agency_set_national (copy, lanka_agency_get_national (agency));
  lanka_agency_set_nmt (copy, lanka_agency_get_nmt (agency));
  lanka_agency_set_counties (copy, lanka_agency_get_counties (agency));
  lanka_agency_set_support (copy, lanka_agency_get_support (agency));
  lanka_agency_set_exploitation (copy, lanka_agency_get_exploitation (agency));
  lanka_agency_set_other_helps (copy, lanka_agency_get_other_helps (agency));
  lanka_agency_set_accepts (copy, lanka_agency_get_accepts (agency));
  lanka_agency_set_languages (copy, lanka_agency_get_languages (agency));

  for (guint i = 0; i < channels->len; i++)
    {
      const LankaChannel *channel = g_ptr_array_index (channels, i);

      lanka_agency_add_channel (copy, channel->kind, channel->label, channel->value);
    }

  return copy;
}

static LankaDirectoryEntry *
copy_entry (LankaDirectoryEntry *entry)
{
  g_autoptr(LankaAgency) agency = copy_agency (entry->agency);
  LankaDirectoryEntry *copy = lanka_directory_entry_new (agency);

  for (guint i = 0; i < entry->contacts->len; i++)
    g_ptr_array_add (copy->contacts, copy_contact (g_ptr_array_index (entry->contacts, i)));

  return copy;
}

static gboolean
add_contacts (LankaDatabase         *database,
              LankaImportCandidate  *candidate,
              GError               **error)
{
  GPtrArray *contacts = candidate->entry->contacts;

  for (guint i = 0; i < contacts->len; i++)
    {
      g_autoptr(LankaAgencyContact) copy = copy_contact (g_ptr_array_index (contacts, i));

      if (!lanka_directory_add_contact (database, candidate->agency_uuid, copy, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * lanka_vcard_directory_import:
 * @database: an open #LankaDatabase
 * @candidates: a #GListModel of #LankaImportCandidate from
 *   lanka_vcard_directory_prepare_import()
 * @n_imported: (out) (optional): how many cards were imported: one for
 *   each agency and each contact person that came from a card
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Imports the selected candidates in one transaction: new agencies with
 * their contact persons, and contact persons who join an agency already
 * in the directory.  On failure or cancellation nothing is written.  Safe
 * to call from a worker thread while the database is held.
 *
 * Returns: %TRUE on success, also when nothing was selected
 */
gboolean
lanka_vcard_directory_import (LankaDatabase  *database,
                              GListModel     *candidates,
                              guint          *n_imported,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) joins = NULL;
  guint n_items;
  guint n_cards = 0;
  gboolean ok;

  g_return_val_if_fail (LANKA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (candidates), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_directory_entry_free);
  joins = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (candidates);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LankaImportCandidate) candidate = g_list_model_get_item (candidates, i);

      if (!candidate->selected || candidate->entry == NULL)
        continue;

      n_cards += candidate->n_cards;

      if (candidate->agency_uuid != NULL)
        g_ptr_array_add (joins, g_steal_pointer (&candidate));
      else
        g_ptr_array_add (entries, copy_entry (candidate->entry));
    }

  if (entries->len == 0 && joins->len == 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The directory's own writes nest in this as savepoints, so that new
   * agencies and persons for existing ones are one transaction.
   */
  if (!lanka_database_begin (database, error))
    return FALSE;

  ok = entries->len == 0 || lanka_directory_import (database, entries, error);

  for (guint i = 0; ok && i < joins->len; i++)
    ok = add_contacts (database, g_ptr_array_index (joins, i), error);

  /* The audit log says that an import happened and how many cards it
   * brought, in the same transaction; never what they held.
   */
  if (ok)
    {
      g_autofree char *detail = g_strdup_printf ("%u", n_cards);

      ok = lanka_audit_log (database, LANKA_AUDIT_DIRECTORY_IMPORT, NULL, detail, error);
    }

  /* A cancel that comes while writing still undoes everything. */
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
  ok = ok && lanka_database_commit (database, error);

  if (!ok)
    {
      lanka_database_rollback (database);
      return FALSE;
    }

  if (n_imported != NULL)
    *n_imported = n_cards;

  return TRUE;
}
