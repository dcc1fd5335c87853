/* bench-vcard-import.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <time.h>

#include "lanka-directory.h"
#include "lanka-key.h"
#include "lanka-test-util.h"
#include "lanka-vcard-directory.h"

/* How long a vCard import takes, the target being 10 000 cards in under
 * 2 s.  Run by hand with a count and a number of rounds:
 *
 *   bench-vcard-import [COUNT [ROUNDS]]
 *
 * Two files are generated in memory, the same every time:
 *
 *   mixed     what phones and address books hold: one company card in ten,
 *             the rest people who name it in ORG (and so become its
 *             contact persons), with labels, notes and Swedish letters
 *   agencies  COUNT company cards, the heaviest case: every card is an
 *             agency to compare with the directory, write and index
 *
 * Each round imports into a fresh database that already holds COUNT / 10
 * other agencies, so that looking for duplicates has something to look
 * through.  It prints "name size p50 p95 unit" lines, then the same as
 * JSON.
 */

#define DEFAULT_COUNT  10000
#define DEFAULT_ROUNDS 5

typedef struct
{
  const char *name;
  guint       size;
  GArray     *times;
} Result;

static void
append_org_card (GString *out,
                 guint    i,
                 GRand   *rand)
{
  g_string_append_printf (out,
                          "BEGIN:VCARD\r\n"
                          "VERSION:4.0\r\n"
                          "KIND:org\r\n"
                          "FN:Stödföreningen nummer %u\r\n"
                          "ORG:Stödföreningen nummer %u;Enheten för råd och stöd\r\n"
                          "UID:urn:uuid:00000000-0000-4000-8000-%012u\r\n"
                          "item1.TEL;TYPE=work,voice:08-%07u\r\n"
                          "item1.X-ABLabel:Växel\r\n"
                          "item2.TEL;TYPE=work,voice:+46 70 %07u\r\n"
                          "item2.X-ABLabel:Jour\r\n"
                          "EMAIL;TYPE=work:kontakt%u@example.se\r\n"
                          "URL:https://example.se/aktor/%u\r\n"
                          "ADR;TYPE=work:;;Storgatan %u;Växjö;;352 30;Sverige\r\n"
                          "NOTE:Tar emot kvinnor och barn. Öppet dygnet runt\\, även helger"
                          " och röda dagar. Ring först.\r\n"
                          "X-LANKA-TYPE:ngo\r\n"
                          "X-LANKA-COUNTIES:07\\,%02u\r\n"
                          "X-LANKA-SUPPORT:protected_housing\\,legal\r\n"
                          "END:VCARD\r\n",
                          i, i, i, i, i, i, i,
                          g_rand_int_range (rand, 1, 300),
                          g_rand_boolean (rand) ? 12 : 14);
}

static void
append_person_card (GString *out,
                    guint    i,
                    guint    organisation)
{
  g_string_append_printf (out,
                          "BEGIN:VCARD\r\n"
                          "VERSION:3.0\r\n"
                          "N:Öberg %u;Åsa;;;\r\n"
                          "FN:Åsa Öberg %u\r\n"
                          "ORG:Stödföreningen nummer %u;Enheten för råd och stöd;\r\n"
                          "TITLE:Samordnare\r\n"
                          "item1.TEL;type=CELL;type=VOICE;type=pref:070-%07u\r\n"
                          "item1.X-ABLabel:_$!<Mobile>!$_\r\n"
                          "EMAIL;type=INTERNET;type=WORK:person%u@example.se\r\n"
                          "NOTE:Nås bäst på förmiddagar.\r\n"
                          "END:VCARD\r\n",
                          i, i, organisation, i, i);
}

static GBytes *
generate (guint    count,
          gboolean mixed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260115);
  GString *out = g_string_sized_new (count * 600);
  guint organisation = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!mixed || i % 10 == 0)
        {
          organisation = i;
          append_org_card (out, i, rand);
        }
      else
        {
          append_person_card (out, i, organisation);
        }
    }

  return g_string_free_to_bytes (out);
}

/* Other agencies, none of them like the imported ones. */
static void
fill_directory (LankaDatabase *database,
                guint          count)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_directory_entry_free);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(LankaAgency) agency = lanka_agency_new ();
      g_autofree char *name = g_strdup_printf ("Befintlig myndighet %u", i);
      g_autofree char *phone = g_strdup_printf ("031-%07u", i);

      lanka_agency_set_name (agency, name);
      lanka_agency_add_channel (agency, LANKA_CHANNEL_PHONE, NULL, phone);
      g_ptr_array_add (entries, lanka_directory_entry_new (agency));
    }

  if (!lanka_directory_import (database, entries, &error))
    g_error ("Filling the directory failed: %s", error->message);
}

/* The processor time of the whole process: on a shared machine the
 * wall-clock time also counts the waits for other people's work.
 */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1000000.0;
}

static void
run_round (GBytes *data,
           guint   count,
           double *prepare_ms,
           double *import_ms)
{
  g_autoptr(LankaKey) key = lanka_key_new_random ();
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lanka_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  guint n_imported = 0;
  gint64 start;
  double cpu_start;
  double prepare_cpu_ms;

  database = lanka_database_create (path, key, &error);
  if (database == NULL)
    g_error ("Creating the database failed: %s", error->message);

  fill_directory (database, count / 10);

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  candidates = lanka_vcard_directory_prepare_import (database, data, NULL, &error);
  if (candidates == NULL)
    g_error ("Reading the cards failed: %s", error->message);
  *prepare_ms = (g_get_monotonic_time () - start) / 1000.0;
  prepare_cpu_ms = cpu_ms () - cpu_start;

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  if (!lanka_vcard_directory_import (database, candidates, &n_imported, NULL, &error))
    g_error ("Importing the cards failed: %s", error->message);
  *import_ms = (g_get_monotonic_time () - start) / 1000.0;

  g_print ("# round: read+prepare %.1f ms (processor %.1f ms), import %.1f ms "
           "(processor %.1f ms)\n",
           *prepare_ms, prepare_cpu_ms, *import_ms, cpu_ms () - cpu_start);

  /* A benchmark of an import that silently dropped cards would flatter. */
  if (n_imported != count)
    g_error ("Imported %u cards of %u", n_imported, count);

  g_clear_object (&database);
  lanka_test_remove_tree (dir);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The nearest-rank percentile. */
static double
percentile (GArray *times,
            guint   p)
{
  guint rank = (times->len * p + 99) / 100;

  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, MAX (rank, 1) - 1);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const scenarios[] = { "mixed", "agencies" };
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  guint count = argc > 1 ? (guint)strtoul (argv[1], NULL, 10) : DEFAULT_COUNT;
  guint rounds = argc > 2 ? (guint)strtoul (argv[2], NULL, 10) : DEFAULT_ROUNDS;

  if (count == 0 || rounds == 0)
    {
      g_printerr ("Usage: %s [COUNT [ROUNDS]]\n", argv[0]);
      return EXIT_FAILURE;
    }

  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_autoptr(GBytes) data = generate (count, s == 0);
      Result *prepare = g_new0 (Result, 1);
      Result *import = g_new0 (Result, 1);
      Result *total = g_new0 (Result, 1);

      prepare->name = s == 0 ? "vcard-read-prepare/mixed" : "vcard-read-prepare/agencies";
      import->name = s == 0 ? "vcard-import/mixed" : "vcard-import/agencies";
      total->name = s == 0 ? "vcard-read-prepare-import/mixed"
                           : "vcard-read-prepare-import/agencies";
      prepare->times = g_array_new (FALSE, FALSE, sizeof (double));
      import->times = g_array_new (FALSE, FALSE, sizeof (double));
      total->times = g_array_new (FALSE, FALSE, sizeof (double));
      prepare->size = import->size = total->size = count;

      g_print ("# %s: %u cards, %.1f MiB, %u rounds\n", scenarios[s], count,
               g_bytes_get_size (data) / (1024.0 * 1024.0), rounds);

      for (guint r = 0; r < rounds; r++)
        {
          double prepare_ms = 0;
          double import_ms = 0;
          double total_ms;

          run_round (data, count, &prepare_ms, &import_ms);
          total_ms = prepare_ms + import_ms;
          g_array_append_val (prepare->times, prepare_ms);
          g_array_append_val (import->times, import_ms);
          g_array_append_val (total->times, total_ms);
        }

      g_ptr_array_add (results, prepare);
      g_ptr_array_add (results, import);
      g_ptr_array_add (results, total);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "benchmark");
  json_builder_add_string_value (builder, "vcard-import");
  json_builder_set_member_name (builder, "rounds");
  json_builder_add_int_value (builder, rounds);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);

  for (guint i = 0; i < results->len; i++)
    {
      Result *result = g_ptr_array_index (results, i);
      double p50 = percentile (result->times, 50);
      double p95 = percentile (result->times, 95);

      g_print ("%s %u %.1f %.1f ms\n", result->name, result->size, p50, p95);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, result->name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, result->size);
      json_builder_set_member_name (builder, "p50");
      json_builder_add_double_value (builder, p50);
      json_builder_set_member_name (builder, "p95");
      json_builder_add_double_value (builder, p95);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, "ms");
      json_builder_end_object (builder);

      g_array_unref (result->times);
      g_free (result);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_print ("%s\n", json);

  return EXIT_SUCCESS;
}
