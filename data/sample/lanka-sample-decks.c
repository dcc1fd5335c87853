/* lanka-sample-decks.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Draws the sample course when Länka is built: a Swedish deck made from
 * the headings and bullets of a presentation about the county
 * administrative boards' assignment (about 2013, so historical) with a
 * closing part on today's organisation, and a short English deck on using
 * Länka.  Both are 16:9 PDFs; the speaker notes and the metadata of the
 * course go into a JSON file beside them.  The output depends on nothing
 * but the input and the installed fonts, so the same build gives the same
 * bytes, and the same hash in the library.
 *
 * Usage: lanka-sample-decks SOURCE.md SWEDISH.pdf ENGLISH.pdf NOTES.json
 */

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_WIDTH    960.0
#define PAGE_HEIGHT   540.0
#define MARGIN         56.0
#define BAR_HEIGHT    104.0
#define FOOTER_HEIGHT  40.0

/* A fixed date: the PDFs must not change from one build to the next. */
#define FIXED_DATE "2026-01-01T00:00:00Z"

typedef struct
{
  int   level;
  char *text;
} Bullet;

typedef struct
{
  char      *title;
  GPtrArray *bullets;
  char      *note;
} Slide;

typedef struct
{
  const char *file_name;
  const char *title;
  const char *subtitle;
  const char *title_note;
  const char *cover_line;
  const char *sample_label;
  const char *footer;
  const char *description;
  const char *language;
  const char *audiences;
  const char *topics;
  const char *usage_note;
  int         year;
  int         duration;
  double      colour[3];
  GPtrArray  *slides;
} Deck;

typedef struct
{
  const char *heading;
  const char *note;
} SectionNote;

/* What the trainer says to each section of the Swedish deck, by its
 * heading, so that the notes stay with their slides whatever the order.
 */
static const SectionNote swedish_notes[] = {
  { "Länsstyrelsernas uppdrag",
    "Länsstyrelserna hade i uppdrag att stödja samordningen i länen. Länsstyrelsen i "
    "Stockholms län hade dessutom ett nationellt uppdrag: nationell samordning, tryggare "
    "återvändande och stödprogram. Det nationella uppdraget flyttade den 1 januari 2018 "
    "till Jämställdhetsmyndigheten." },
  { "Hur vi arbetar",
    "Tyngdpunkten låg på samverkan och på operativt stöd i enskilda ärenden – länkning, "
    "alltså att koppla ihop den som behöver hjälp med rätt aktör. Fråga gärna gruppen "
    "vilka nätverk de själva ingår i i dag." },
  { "Nationellt metodstödsteam",
    "NMT samlade myndigheter som arbetar praktiskt med frågan varje dag. Flera namn på "
    "bilden finns inte längre: Rikspolisstyrelsen och Rikskriminalpolisen gick 2015 upp i "
    "Polismyndigheten. NMT finns kvar i dag, hos Jämställdhetsmyndigheten." },
  { "NMT:s funktion och syfte",
    "NMT var, och är, ett stöd för yrkesverksamma: råd i operativa ärenden och hänvisning "
    "till rätt instans. Webbadressen på bilden är historisk. I dag når man stödet via "
    "stödtelefonen 020-39 00 00 på kontorstid." },
  { "Stöd och återvändande",
    "Här syns början till det som i dag är det nationella stödprogrammet, NSP, som drivs "
    "av Plattformen Civila Sverige mot människohandel, och återvändandeprogrammet, ÅMP, "
    "som drivs av IOM Helsingfors och finansieras av Jämställdhetsmyndigheten." },
  { "Nytt uppdrag 2013-2014",
    "2013 vidgades uppdraget från människohandel för sexuella ändamål till alla former av "
    "människohandel, till exempel arbetskraftsexploatering. Sedan 2018 finns också brottet "
    "människoexploatering i brottsbalken, 4 kap. 1 b §." },
  { "Stärkt barnperspektiv",
    "Barnperspektivet lyftes särskilt. Påminn om att ett barn under 18 år är offer för "
    "människohandel även när inga otillbörliga medel har använts. Myndigheter som får "
    "kännedom om att ett barn kan behöva skydd ska anmäla det till socialtjänsten." },
};

static const char *swedish_today[] = {
  "0Jämställdhetsmyndigheten samordnar arbetet mot prostitution och människohandel sedan "
    "1 januari 2018",
  "0Nationellt metodstödsteam (NMT) och stödtelefon för yrkesverksamma: 020-39 00 00 "
    "(kontorstid)",
  "1I NMT deltar Polismyndigheten, Åklagarmyndigheten, Migrationsverket, Skatteverket, "
    "Arbetsmiljöverket, Tullverket, länsstyrelserna, socialtjänsten och hälso- och sjukvården",
  "0Regionkoordinatorer mot prostitution och människohandel i länen",
  "0Polisens nationella rapportör om människohandel",
  "0Nationellt stödprogram (NSP): Plattformen Civila Sverige mot människohandel",
  "0Återvändandeprogrammet (ÅMP): IOM Helsingfors, finansierat av Jämställdhetsmyndigheten",
  NULL
};

static const char *swedish_today_note =
  "Avsluta med dagens organisation. Jämställdhetsmyndigheten samordnar nationellt och driver "
  "NMT och stödtelefonen. I länen är regionkoordinatorerna den första kontakten. Polisens "
  "nationella rapportör följer utvecklingen och rapporterar varje år. Dela gärna ut "
  "kontaktuppgifterna till er regionkoordinator.";

static const char *swedish_law[] = {
  "0Människohandel (brottsbalken 4 kap. 1 a §) och människoexploatering (4 kap. 1 b §, "
    "sedan 2018)",
  "0Ett barn under 18 år är offer för människohandel även utan otillbörliga medel",
  "0Betänketid i 30 dagar (utlänningslagen 5 kap. 15 §)",
  "1Sedan 1 augusti 2022 kan socialnämnden själv ansöka",
  "0Ny socialtjänstlag (2025:400) sedan 1 juli 2025",
  "1Reglerna om gallring av personakter följer den nya lagen",
  NULL
};

static const char *swedish_law_note =
  "Betänketiden är ett tillfälligt uppehållstillstånd i 30 dagar. Sedan 1 augusti 2022 kan "
  "socialnämnden ansöka själv, utan att någon förundersökning har inletts. Den nya "
  "socialtjänstlagen gäller sedan 1 juli 2025: kontrollera vad som gäller för gallring av "
  "personakter i er kommun.";

typedef struct
{
  const char  *title;
  const char **bullets;
  const char  *note;
} FixedSlide;

static const char *english_cases[] = {
  "0A case holds the people, the forms of exploitation, assessments, permits and the "
    "support plan",
  "0Lists show the case code; names stay hidden until you ask for them",
  "0Deadlines become tasks with reminders: protection assessment, reflection period, "
    "follow-ups",
  "0The six steps of the national referral mechanism guide the work",
  NULL
};

static const char *english_referrals[] = {
  "0Länkning: link a case to the agency that can help",
  "0Record what was shared, and on which basis: consent or a disclosure rule",
  "0Follow the status: pending, accepted, rejected, done or revoked",
  "0A follow-up date reminds you to check on the referral",
  NULL
};

static const char *english_directory[] = {
  "0Agencies with their contact persons, services and counties",
  "0Find help for…: who helps with this form of exploitation, and where",
  "0Exchange contacts with address books as vCards",
  "0A new library starts with the public national directory",
  NULL
};

static const char *english_training[] = {
  "0Import PDFs, images, films, notes and links",
  "1Everything is kept inside the encrypted database",
  "0Search finds words on every page of every PDF",
  "0A course is an ordered list of material for a training day",
  "0Press F5 to present a material or a whole course",
  NULL
};

static const char *english_keys[] = {
  "0Next: → ↓ Space Page Down Enter N",
  "0Previous: ← ↑ Page Up Backspace P",
  "0First and last slide: Home and End",
  "0Black screen: B or .   White screen: W or ,",
  "0Freeze the audience view: F   Overview: Tab",
  "0Go to a slide: type its number, then Enter   End: Esc",
  NULL
};

static const char *english_safe[] = {
  "0The database is encrypted; its key lives in your keyring",
  "0Länka locks itself when you leave; Ctrl+L locks at once",
  "0Locking ends a presentation",
  "0The audience sees nothing but the material",
  NULL
};

static const FixedSlide english_slides[] = {
  { "Cases", english_cases,
    "Start with the case: everything about one person's situation in one place. Point out "
    "that names are hidden in lists, so the screen can be shared in a meeting." },
  { "Länkning: referrals", english_referrals,
    "Länkning is the heart of the work: connecting a person with the agency that can help. "
    "Länka records what was shared and why, so that the next caseworker can see it." },
  { "The directory", english_directory,
    "Show Find help for… with an example: forced labour in Västra Götaland. The directory is "
    "yours to keep up to date." },
  { "Training material and courses", english_training,
    "This deck is part of the sample course. Open the library to show the search: type a "
    "word and see the pages it is on." },
  { "Presenter keys", english_keys,
    "Clickers send these keys, so any of them works. Try B now for a black screen, and any "
    "key to come back." },
  { "Your data stays safe", english_safe,
    "End with safety: the data never leaves the encrypted database, and locking Länka "
    "ends the presentation at once." },
};

static void
bullet_free (gpointer data)
{
  Bullet *bullet = data;

  g_free (bullet->text);
  g_free (bullet);
}

static void
slide_free (gpointer data)
{
  Slide *slide = data;

  g_free (slide->title);
  g_ptr_array_unref (slide->bullets);
  g_free (slide->note);
  g_free (slide);
}

static Slide *
slide_new (const char *title,
           const char *note)
{
  Slide *slide = g_new0 (Slide, 1);

  slide->title = g_strdup (title);
  slide->bullets = g_ptr_array_new_with_free_func (bullet_free);
  slide->note = g_strdup (note);

  return slide;
}

static void
slide_add_bullet (Slide      *slide,
                  int         level,
                  const char *text)
{
  Bullet *bullet = g_new0 (Bullet, 1);

  bullet->level = level;
  bullet->text = g_strdup (text);
  g_ptr_array_add (slide->bullets, bullet);
}

/* "0text" is a bullet, "1text" one under it. */
static void
slide_add_bullets (Slide       *slide,
                   const char **bullets)
{
  for (guint i = 0; bullets[i] != NULL; i++)
    slide_add_bullet (slide, bullets[i][0] - '0', bullets[i] + 1);
}

/* Markdown links "[label](address)" become their label. */
static char *
strip_links (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *close = NULL;
      const char *end = NULL;

      if (*p == '[')
        close = strstr (p, "](");
      if (close != NULL)
        end = strchr (close, ')');
      if (close != NULL && end != NULL)
        {
          g_string_append_len (out, p + 1, close - p - 1);
          p = end + 1;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

static const char *
find_swedish_note (const char *heading)
{
  for (guint i = 0; i < G_N_ELEMENTS (swedish_notes); i++)
    if (g_strcmp0 (swedish_notes[i].heading, heading) == 0)
      return swedish_notes[i].note;

  return "";
}

/* The source's sections: "# Heading" and its "- ◆ bullets", with
 * indented "- " items one level down.  The HTML comment is skipped.
 */
static void
read_sections (const char *path,
               GPtrArray  *slides)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  Slide *slide = NULL;
  gboolean in_comment = FALSE;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *text;
      int level;

      if (in_comment || g_str_has_prefix (line, "<!--"))
        {
          in_comment = strstr (line, "-->") == NULL;
          continue;
        }

      if (g_str_has_prefix (line, "# "))
        {
          g_autofree char *heading = g_strstrip (g_strdup (line + 2));

          slide = slide_new (heading, find_swedish_note (heading));
          g_ptr_array_add (slides, slide);
          continue;
        }

      text = line;
      while (*text == ' ')
        text++;
      if (slide == NULL || !g_str_has_prefix (text, "- "))
        continue;

      level = text - line >= 2 ? 1 : 0;
      text += 2;
      if (g_str_has_prefix (text, "◆ "))
        text += strlen ("◆ ");

      {
        g_autofree char *plain = strip_links (text);

        slide_add_bullet (slide, level, g_strstrip (plain));
      }
    }

  if (slides->len == 0)
    {
      g_printerr ("%s: no sections\n", path);
      exit (EXIT_FAILURE);
    }
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             double      size,
             double      width,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  /* Sizes in points: a PDF's user unit is the point. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);

  pango_font_description_set_size (description, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width;
  int height;

  pango_layout_get_size (layout, &width, &height);

  return (double) height / PANGO_SCALE;
}

static void
draw_text (cairo_t    *cr,
           const char *font,
           double      size,
           double      x,
           double      y,
           double      width,
           const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, font, size, width, text);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_right_text (cairo_t    *cr,
                 const char *font,
                 double      size,
                 double      right,
                 double      y,
                 const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, font, size, -1, text);
  int width;
  int height;

  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &width, &height);
  cairo_move_to (cr, right - (double) width / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
}

/* A small outlined label in the top right corner that says the deck is
 * sample material, on every page.
 */
static void
draw_sample_label (cairo_t    *cr,
                   const Deck *deck)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, "Cantarell Bold", 12, -1, deck->sample_label);
  double width;
  double height;
  double x;
  double y = 20;
  int w;
  int h;

  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &w, &h);
  width = (double) w / PANGO_SCALE + 20;
  height = (double) h / PANGO_SCALE + 8;
  x = PAGE_WIDTH - MARGIN / 2 - width;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - 6, y + 6, 6, -G_PI / 2, 0);
  cairo_arc (cr, x + width - 6, y + height - 6, 6, 0, G_PI / 2);
  cairo_arc (cr, x + 6, y + height - 6, 6, G_PI / 2, G_PI);
  cairo_arc (cr, x + 6, y + 6, 6, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_stroke (cr);

  cairo_move_to (cr, x + 10, y + 4);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_footer (cairo_t    *cr,
             const Deck *deck,
             guint       page,
             guint       n_pages)
{
  g_autofree char *number = g_strdup_printf ("%u / %u", page, n_pages);
  double y = PAGE_HEIGHT - FOOTER_HEIGHT + 10;

  cairo_set_source_rgb (cr, 0.37, 0.36, 0.39);
  draw_text (cr, "Cantarell", 12, MARGIN, y, PAGE_WIDTH - 2 * MARGIN - 80, deck->footer);
  draw_right_text (cr, "Cantarell Bold", 12, PAGE_WIDTH - MARGIN, y, number);
}

static void
draw_title_page (cairo_t    *cr,
                 const Deck *deck,
                 guint       n_pages)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  g_autoptr(PangoLayout) title = make_layout (cr, "Cantarell Bold", 46, width, deck->title);
  g_autofree char *number = g_strdup_printf ("1 / %u", n_pages);
  double y = 150;

  cairo_set_source_rgb (cr, deck->colour[0], deck->colour[1], deck->colour[2]);
  cairo_paint (cr);

  draw_sample_label (cr, deck);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, title);
  y += layout_height (title) + 18;

  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  draw_text (cr, "Cantarell", 24, MARGIN, y, width, deck->subtitle);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  draw_text (cr, "Cantarell", 16, MARGIN, PAGE_HEIGHT - 110, width, deck->cover_line);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
  draw_right_text (cr, "Cantarell Bold", 12, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 30, number);
}

static void
draw_slide (cairo_t     *cr,
            const Deck  *deck,
            const Slide *slide,
            guint        page,
            guint        n_pages)
{
  double top = BAR_HEIGHT + 30;
  double bottom = PAGE_HEIGHT - FOOTER_HEIGHT - 16;
  double width = PAGE_WIDTH - 2 * MARGIN;
  double scale = 1.0;
  double gap;
  double y;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  cairo_set_source_rgb (cr, deck->colour[0], deck->colour[1], deck->colour[2]);
  cairo_rectangle (cr, 0, 0, PAGE_WIDTH, BAR_HEIGHT);
  cairo_fill (cr);

  draw_sample_label (cr, deck);

  {
    g_autoptr(PangoLayout) title = make_layout (cr, "Cantarell Bold", 34, width - 150,
                                                slide->title);

    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_move_to (cr, MARGIN, (BAR_HEIGHT - layout_height (title)) / 2);
    pango_cairo_show_layout (cr, title);
  }

  /* Shrink the text until every bullet fits above the footer. */
  for (;;)
    {
      double height = 0;

      gap = 14 * scale;
      for (guint i = 0; i < slide->bullets->len; i++)
        {
          const Bullet *bullet = g_ptr_array_index (slide->bullets, i);
          double indent = 36 + bullet->level * 40;
          double size = (bullet->level == 0 ? 26 : 22) * scale;
          g_autoptr(PangoLayout) layout = make_layout (cr, "Cantarell", size, width - indent,
                                                       bullet->text);

          height += layout_height (layout) + (bullet->level == 0 ? gap : gap / 2);
        }

      if (top + height <= bottom || scale < 0.5)
        break;
      scale *= 0.94;
    }

  y = top;
  for (guint i = 0; i < slide->bullets->len; i++)
    {
      const Bullet *bullet = g_ptr_array_index (slide->bullets, i);
      double indent = 36 + bullet->level * 40;
      double size = (bullet->level == 0 ? 26 : 22) * scale;
      g_autoptr(PangoLayout) layout = make_layout (cr, "Cantarell", size, width - indent,
                                                   bullet->text);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

      pango_layout_iter_free (iter);

      cairo_set_source_rgb (cr, deck->colour[0], deck->colour[1], deck->colour[2]);
      if (bullet->level == 0)
        {
          cairo_arc (cr, MARGIN + indent - 20, y + baseline - size * 0.32, size * 0.2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      else
        {
          cairo_rectangle (cr, MARGIN + indent - 24, y + baseline - size * 0.34, size * 0.5, 2.5);
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
      cairo_move_to (cr, MARGIN + indent, y);
      pango_cairo_show_layout (cr, layout);

      y += layout_height (layout) + (bullet->level == 0 ? gap : gap / 2);
    }

  draw_footer (cr, deck, page, n_pages);
}

static void
write_deck (const Deck *deck,
            const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint n_pages = deck->slides->len + 1;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, deck->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Länka");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, deck->description);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Länka");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);

  draw_title_page (cr, deck, n_pages);
  cairo_show_page (cr);

  for (guint i = 0; i < deck->slides->len; i++)
    {
      draw_slide (cr, deck, g_ptr_array_index (deck->slides, i), i + 2, n_pages);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("%s: %s\n", path, cairo_status_to_string (cairo_surface_status (surface)));
      exit (EXIT_FAILURE);
    }
  cairo_surface_destroy (surface);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_codes (GString    *out,
                   const char *codes)
{
  g_auto(GStrv) split = g_strsplit (codes, ",", -1);

  g_string_append_c (out, '[');
  for (guint i = 0; split[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_json_string (out, split[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_deck_json (GString    *out,
                  const Deck *deck)
{
  g_string_append (out, "    {\n      \"resource\": ");
  append_json_string (out, deck->file_name);
  g_string_append (out, ",\n      \"title\": ");
  append_json_string (out, deck->title);
  g_string_append (out, ",\n      \"description\": ");
  append_json_string (out, deck->description);
  g_string_append (out, ",\n      \"language\": ");
  append_json_string (out, deck->language);
  g_string_append (out, ",\n      \"audiences\": ");
  append_json_codes (out, deck->audiences);
  g_string_append (out, ",\n      \"topics\": ");
  append_json_codes (out, deck->topics);
  g_string_append (out, ",\n      \"usage_note\": ");
  append_json_string (out, deck->usage_note);
  g_string_append_printf (out, ",\n      \"year\": %d,\n      \"duration\": %d,\n",
                          deck->year, deck->duration);
  g_string_append (out, "      \"notes\": [\n        ");
  append_json_string (out, deck->title_note);
  for (guint i = 0; i < deck->slides->len; i++)
    {
      const Slide *slide = g_ptr_array_index (deck->slides, i);

      g_string_append (out, ",\n        ");
      append_json_string (out, slide->note);
    }
  g_string_append (out, "\n      ]\n    }");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) swedish_slides = g_ptr_array_new_with_free_func (slide_free);
  g_autoptr(GPtrArray) english_slides_list = g_ptr_array_new_with_free_func (slide_free);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Deck swedish = {
    .file_name = "lansstyrelsernas-uppdrag.pdf",
    .title = "Länsstyrelsernas uppdrag mot prostitution och människohandel",
    .subtitle = "Hur arbetet var organiserat omkring 2013 – och hur det ser ut i dag",
    .title_note =
      "Välkomna. Bildspelet bygger på en presentation från omkring 2013 om länsstyrelsernas "
      "uppdrag mot prostitution och människohandel. Innehållet är historiskt: sedan "
      "1 januari 2018 ligger den nationella samordningen hos Jämställdhetsmyndigheten. Vi går "
      "igenom hur arbetet var organiserat då och avslutar med hur det ser ut i dag.",
    .cover_line =
      "Historiskt material: sedan 1 januari 2018 ligger den nationella samordningen hos "
      "Jämställdhetsmyndigheten. Exempelmaterial som följer med Länka.",
    .sample_label = "EXEMPELMATERIAL",
    .footer = "Exempelmaterial från Länka · historiskt innehåll från omkring 2013",
    .description =
      "Exempel på utbildningsmaterial: länsstyrelsernas uppdrag mot prostitution och "
      "människohandel omkring 2013, med en avslutning om dagens organisation och "
      "talaranteckningar till varje bild.",
    .language = "sv",
    .audiences = "social_services,police,migration,health",
    .topics = "SexualExploitation,cooperation,child_perspective,support,return",
    .usage_note =
      "Historiskt innehåll från omkring 2013. De två sista bilderna beskriver dagens "
      "organisation och lagstiftning.",
    .year = 2013,
    .duration = 20,
    .colour = { 0.10, 0.37, 0.71 },
    .slides = swedish_slides,
  };
  Deck english = {
    .file_name = "using-lanka.pdf",
    .title = "Using Länka",
    .subtitle = "Cases, referrals, the directory and training: a short tour",
    .title_note =
      "This short deck shows a new colleague what Länka does. It takes about ten minutes; "
      "use the presenter keys on the sixth slide to try the presenter at the same time.",
    .cover_line = "Sample material that comes with Länka.",
    .sample_label = "SAMPLE MATERIAL",
    .footer = "Sample material from Länka",
    .description =
      "Sample training material: a short tour of Länka for new colleagues, with speaker "
      "notes on every slide.",
    .language = "en",
    .audiences = "all",
    .topics = "cooperation,identification",
    .usage_note = "Use it to try the presenter: the keys are on the sixth slide.",
    .year = 2026,
    .duration = 10,
    .colour = { 0.38, 0.21, 0.51 },
    .slides = english_slides_list,
  };

  if (argc != 5)
    {
      g_printerr ("Usage: %s SOURCE.md SWEDISH.pdf ENGLISH.pdf NOTES.json\n", argv[0]);
      return EXIT_FAILURE;
    }

  read_sections (argv[1], swedish_slides);

  {
    Slide *today = slide_new ("Så ser det ut i dag", swedish_today_note);
    Slide *law = slide_new ("Lagstiftning i dag", swedish_law_note);

    slide_add_bullets (today, swedish_today);
    slide_add_bullets (law, swedish_law);
    g_ptr_array_add (swedish_slides, today);
    g_ptr_array_add (swedish_slides, law);
  }

  for (guint i = 0; i < G_N_ELEMENTS (english_slides); i++)
    {
      Slide *slide = slide_new (english_slides[i].title, english_slides[i].note);

      slide_add_bullets (slide, english_slides[i].bullets);
      g_ptr_array_add (english_slides_list, slide);
    }

  write_deck (&swedish, argv[2]);
  write_deck (&english, argv[3]);

  g_string_append (json, "{\n  \"course\": {\n    \"title\": ");
  append_json_string (json, "Exempelkurs: samverkan mot människohandel");
  g_string_append (json, ",\n    \"description\": ");
  append_json_string (json,
                      "En kurs som följer med Länka: ett historiskt bildspel om "
                      "länsstyrelsernas uppdrag och en kort engelsk genomgång av Länka. "
                      "Prova presentatörsvyn med F5.");
  g_string_append (json, ",\n    \"audience\": \"all\",\n    \"planned_minutes\": 30\n  },\n");
  g_string_append (json, "  \"decks\": [\n");
  append_deck_json (json, &swedish);
  g_string_append (json, ",\n");
  append_deck_json (json, &english);
  g_string_append (json, "\n  ]\n}\n");

  if (!g_file_set_contents (argv[4], json->str, json->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
