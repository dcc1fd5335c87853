/* bench-lanka.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How Länka feels with years of cases in it.  The benchmark makes a data
 * directory the way Länka does (the vault: an encrypted database, its key
 * in the keyring and in a passphrase slot), fills it with generated,
 * always the same, fictional data — N cases with ten journal entries
 * each, and 10 000 agencies with 50 000 contact persons — and measures:
 *
 *   - opening and unlocking: with the raw key, through the keyring,
 *     through the passphrase slot, and Argon2id's part of that alone;
 *   - start-up to the first frame that shows the cases, measured by Länka
 *     itself (lanka --benchmark-startup), and the resident memory after
 *     scrolling the whole case list (lanka --benchmark-scroll);
 *   - the case list made ready, search keystrokes and filters, words of
 *     the journal searched, a case opened and saved;
 *   - directory search keystrokes, the count, scrolling, an agency opened;
 *   - what encryption costs: the same reads and writes on an unencrypted
 *     database built by the same code; and SQLCipher's memory security
 *     (cipher_memory_security on) against Länka's wiping allocator (off);
 *   - training material (bench-lanka-training.c): a 100-page deck
 *     imported, a slide's first rendering at 1080p, a page turned in a
 *     window.  At the default size it runs a few rounds only, so that
 *     every benchmark at its smallest size stays quick.
 *
 *   bench-lanka [--keep] [N_CASES]   (default 1 000; 10 000 and 100 000
 *                                     are the sizes people ask about)
 *   bench-lanka --training-only      (the training part alone, all rounds,
 *                                     on an empty database)
 *
 * With --keep, the data directory stays, for a profiler or for
 * lanka --data-dir; its path is printed first.
 *
 * Run it under build-aux/run-headless: the keyring, and a display for the
 * start-up (without one, start-up is left out and says so).  One line per
 * metric, "name size p50 p95 unit [ratio]", then the same as JSON on the
 * last line.  It reports; it does not judge.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-lanka.h"
#include "lanka-bench.h"
#include "lanka-database-private.h"
#include "lanka-keyring.h"
#include "lanka-slots.h"
#include "lanka-test-util.h"
#include "lanka-vault.h"

#define DEFAULT_CASES        1000
#define JOURNAL_PER_CASE     10
#define N_AGENCIES           10000
#define CONTACTS_PER_AGENCY  5
#define N_OPENS              20
#define N_UNLOCKS            10
#define N_PASSPHRASE_UNLOCKS 3
#define N_STARTUPS           5
#define COMPARE_ROUNDS       3
#define N_IMPORTS            5
#define N_FIRST_RENDERS      20
#define N_TURNS              50
#define N_QUICK_IMPORTS      2
#define N_QUICK_RENDERS      8
#define N_QUICK_TURNS        20
#define PASSPHRASE           "benchmark passphrase, not a secret"

/* BenchRun: samples by metric, in the order they were first added. */

struct _BenchRun
{
  GHashTable *samples;
  GPtrArray  *order;
  double      total;
};

BenchRun *
bench_run_new (void)
{
  BenchRun *run = g_new0 (BenchRun, 1);

  run->samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_array_unref);
  run->order = g_ptr_array_new ();

  return run;
}

void
bench_run_free (BenchRun *run)
{
  g_ptr_array_unref (run->order);
  g_hash_table_unref (run->samples);
  g_free (run);
}

/* Adds a sample to @metric.  Aggregate metrics (such as "keystroke", made
 * of the single searches) are not counted again in the run's total.
 */
static void
add_sample (BenchRun   *run,
            const char *metric,
            double      ms)
{
  GArray *samples = g_hash_table_lookup (run->samples, metric);

  if (samples == NULL)
    {
      char *key = g_strdup (metric);

      samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (run->samples, key, samples);
      g_ptr_array_add (run->order, key);
    }

  g_array_append_val (samples, ms);
}

static gboolean
is_aggregate (const char *metric)
{
  static const char * const aggregates[] = {
    "keystroke", "journal-search", "directory-keystroke",
  };

  for (guint i = 0; i < G_N_ELEMENTS (aggregates); i++)
    if (g_str_equal (metric, aggregates[i]))
      return TRUE;

  return FALSE;
}

void
bench_run_add (BenchRun   *run,
               const char *metric,
               double      ms)
{
  add_sample (run, metric, ms);

  if (!is_aggregate (metric))
    run->total += ms;
}

GArray *
bench_run_get (BenchRun   *run,
               const char *metric)
{
  return g_hash_table_lookup (run->samples, metric);
}

/* The time of all the work in @run, in milliseconds. */
double
bench_run_get_total (BenchRun *run)
{
  return run->total;
}

/* What the search field holds as @word is typed: "b", "bo", "boe"… */
GStrv
bench_prefixes (const char *word)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const char *p = word; *p != '\0';)
    {
      g_autofree char *prefix = NULL;

      p = g_utf8_next_char (p);
      prefix = g_strndup (word, p - word);
      g_strv_builder_add (builder, prefix);
    }

  return g_strv_builder_end (builder);
}

static void
report_run (LankaBench *bench,
            BenchRun   *run)
{
  for (guint i = 0; i < run->order->len; i++)
    {
      const char *metric = g_ptr_array_index (run->order, i);

      lanka_bench_report (bench, metric, bench_run_get (run, metric), "ms");
    }
}

static void
report_once (LankaBench *bench,
             const char *metric,
             double      value,
             const char *unit)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_val (samples, value);
  lanka_bench_report (bench, metric, samples, unit);
}

/* Making the data */

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LankaDatabase **database = user_data;
  g_autoptr(LankaSecret) recovery_code = NULL;
  g_autoptr(GError) error = NULL;

  *database = lanka_vault_create_finish (LANKA_VAULT (object), result, &recovery_code, &error);
  g_assert_no_error (error);
}

/* A data directory as Länka makes it: the key in the keyring and in a
 * passphrase slot (and a recovery slot).
 */
static LankaDatabase *
create_vault (LankaVault *vault)
{
  LankaDatabase *database = NULL;

  lanka_vault_create_async (vault, PASSPHRASE, NULL, on_created_cb, &database);
  lanka_test_iterate_until (lanka_test_is_set, &database);

  return database;
}

/* The same data, always: cases, then the directory.  Returns the seconds
 * it took.
 */
static double
generate (LankaBench    *bench,
          LankaDatabase *database,
          guint          n_cases,
          const char    *prefix)
{
  g_autofree char *cases = g_strconcat (prefix, "-cases", NULL);
  g_autofree char *directory = g_strconcat (prefix, "-directory", NULL);
  gint64 start = g_get_monotonic_time ();
  gint64 middle;
  gint64 end;

  bench_cases_generate (database, n_cases, JOURNAL_PER_CASE);
  middle = g_get_monotonic_time ();
  bench_directory_generate (database, N_AGENCIES, CONTACTS_PER_AGENCY);
  end = g_get_monotonic_time ();

  report_once (bench, cases, (middle - start) / 1e6, "s");
  report_once (bench, directory, (end - middle) / 1e6, "s");

  return (end - start) / 1e6;
}

/* Opening and unlocking */

static void
measure_unlock (LankaBench *bench,
                LankaVault *vault,
                LankaKey   *key)
{
  g_autofree char *path = lanka_vault_dup_database_path (vault);
  g_autofree char *slots_path = g_build_filename (lanka_vault_get_data_dir (vault),
                                                  LANKA_VAULT_SLOTS_NAME, NULL);
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keyring = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) passphrase = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) argon2id = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  /* The raw key, as the vault has it once the keyring answered: the
   * SQLCipher key, the first page read and checked, the pragmas.
   */
  for (guint i = 0; i < N_OPENS; i++)
    {
      g_autoptr(LankaDatabase) database = NULL;
      double ms;

      BENCH_TIME (ms, database = lanka_database_open (path, key, &error));
      g_assert_no_error (error);
      g_array_append_val (raw, ms);
      lanka_database_close (database);
    }
  lanka_bench_report (bench, "open-raw-key", raw, "ms");

  /* Through the keyring, as Länka unlocks at start: the Secret Service
   * over D-Bus, then the same open.
   */
  for (guint i = 0; i < N_UNLOCKS; i++)
    {
      g_autoptr(LankaDatabase) database = NULL;
      double ms;

      BENCH_TIME (ms, database = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_KEYRING, NULL,
                                                     FALSE, NULL, &error));
      g_assert_no_error (error);
      g_array_append_val (keyring, ms);
      lanka_database_close (database);
    }
  lanka_bench_report (bench, "unlock-keyring", keyring, "ms");

  /* Through the passphrase slot: Argon2id makes that slow on purpose, so
   * its part is measured alone as well.
   */
  for (guint i = 0; i < N_PASSPHRASE_UNLOCKS; i++)
    {
      g_autoptr(LankaDatabase) database = NULL;
      g_autoptr(LankaSlots) slots = NULL;
      g_autoptr(LankaKey) unwrapped = NULL;
      gint64 start;
      double ms;

      BENCH_TIME (ms, database = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE,
                                                     PASSPHRASE, FALSE, NULL, &error));
      g_assert_no_error (error);
      g_array_append_val (passphrase, ms);
      lanka_database_close (database);

      start = g_get_monotonic_time ();
      slots = lanka_slots_load (slots_path, &error);
      g_assert_no_error (error);
      unwrapped = lanka_slots_unwrap (slots, LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_PASSPHRASE,
                                      PASSPHRASE, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_true (lanka_key_equal (unwrapped, key));
      g_array_append_val (argon2id, ms);
    }
  lanka_bench_report (bench, "unlock-passphrase", passphrase, "ms");
  lanka_bench_report (bench, "unlock-passphrase-argon2id", argon2id, "ms");
}

/* Start-up, measured by Länka itself */

/* Runs Länka on @dir with @option, drawing with @renderer (%NULL: GTK's
 * choice), and returns the figures it printed, by name;
 * "process-first-frame-cases" is the time from the spawn until the line
 * about the first frame of the cases arrived.
 */
static GHashTable *
run_lanka (const char *dir,
           const char *option,
           const char *renderer)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 start = g_get_monotonic_time ();
  char *line;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", LANKA_SCHEMA_DIR, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  if (renderer != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
      if (g_str_equal (renderer, "cairo"))
        g_subprocess_launcher_setenv (launcher, "GDK_DEBUG", "gl-disable", TRUE);
    }
  process = g_subprocess_launcher_spawn (launcher, &error,
                                         LANKA_BINARY, "--data-dir", dir, option, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (line, " ", 3);
      double *value = g_new (double, 1);

      g_free (line);
      if (g_strv_length (parts) != 3)
        {
          g_free (value);
          continue;
        }

      *value = g_ascii_strtod (parts[1], NULL);
      g_hash_table_insert (figures, g_strdup (parts[0]), value);

      if (g_str_equal (parts[0], "first-frame-cases"))
        {
          value = g_new (double, 1);
          *value = (g_get_monotonic_time () - start) / 1000.0;
          g_hash_table_insert (figures, g_strdup ("process-first-frame-cases"), value);
        }
    }
  g_assert_no_error (error);

  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  return figures;
}

static double
get_figure (GHashTable *figures,
            const char *name)
{
  double *value = g_hash_table_lookup (figures, name);

  if (value == NULL)
    g_error ("Länka did not print “%s”", name);

  return *value;
}

/* Five starts in a row with @renderer; the metrics' names end in
 * @suffix.
 */
static void
measure_starts (LankaBench *bench,
                const char *dir,
                const char *renderer,
                const char *suffix)
{
  static const char * const names[] = {
    "first-frame", "first-frame-cases", "process-first-frame-cases", "first-frame-cases-rss",
  };
  static const char * const metrics[] = {
    "startup-first-frame", "startup-first-frame-cases", "startup-process-first-frame-cases",
    "startup-rss",
  };
  static const char * const units[] = { "ms", "ms", "ms", "MiB" };
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (samples, g_array_new (FALSE, FALSE, sizeof (double)));

  for (guint run = 0; run < N_STARTUPS; run++)
    {
      g_autoptr(GHashTable) figures = run_lanka (dir, "--benchmark-startup", renderer);

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          double value = get_figure (figures, names[i]);

          g_array_append_val (g_ptr_array_index (samples, i), value);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strconcat (metrics[i], suffix, NULL);

      lanka_bench_report (bench, name, g_ptr_array_index (samples, i), units[i]);
    }
}

/* The virtual display of a headless run has no graphics card: GTK's GL
 * renderer would run on Mesa's software rasterizer, whose start (LLVM)
 * and memory would be measured instead of Länka's.  So Länka is measured
 * drawing with Cairo and without GL, and GTK's default is reported
 * beside it, as "-software-gl".
 */
static void
measure_startup (LankaBench *bench,
                 const char *dir)
{
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) scrolled = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("# start-up and memory: not measured, there is no display\n");
      return;
    }

  /* The first start after the data were made also adds the directory's
   * seed agencies: it is measured apart, not mixed in.
   */
  first = run_lanka (dir, "--benchmark-startup", "cairo");
  report_once (bench, "startup-first-run-first-frame-cases",
               get_figure (first, "first-frame-cases"), "ms");

  measure_starts (bench, dir, "cairo", "");
  measure_starts (bench, dir, NULL, "-software-gl");

  /* The whole list, a page per frame, from the top to the end. */
  scrolled = run_lanka (dir, "--benchmark-scroll", "cairo");
  report_once (bench, "scroll-list-end-to-end", get_figure (scrolled, "scroll-total"), "ms");
  report_once (bench, "scroll-list-pages", get_figure (scrolled, "scroll-steps"), "pages");
  report_once (bench, "scrolled-rss", get_figure (scrolled, "scrolled-rss"), "MiB");
  report_once (bench, "scrolled-rss-peak", get_figure (scrolled, "scrolled-rss-peak"), "MiB");
}

/* The cost of encryption */

typedef struct
{
  LankaDatabase *database;
  BenchRun      *run;
  GArray        *reads;
  GArray        *writes;
} Variant;

static void
variant_clear (Variant *variant)
{
  if (variant->database != NULL)
    lanka_database_close (variant->database);
  g_clear_object (&variant->database);
  g_clear_pointer (&variant->run, bench_run_free);
  g_clear_pointer (&variant->reads, g_array_unref);
  g_clear_pointer (&variant->writes, g_array_unref);
}

static void
variant_init (Variant       *variant,
              LankaDatabase *database)
{
  variant->database = database;
  variant->run = bench_run_new ();
  variant->reads = g_array_new (FALSE, FALSE, sizeof (double));
  variant->writes = g_array_new (FALSE, FALSE, sizeof (double));
}

/* One round of the reads and the writes; @keep says whether it counts. */
static void
variant_run (Variant  *variant,
             gboolean  keep)
{
  g_autoptr(BenchRun) scratch = bench_run_new ();
  BenchRun *run = keep ? variant->run : scratch;
  double before = bench_run_get_total (run);
  double reads;
  double writes;

  bench_cases_read (variant->database, run);
  bench_directory_read (variant->database, run);
  reads = bench_run_get_total (run) - before;
  bench_cases_write (variant->database, run);
  writes = bench_run_get_total (run) - before - reads;

  if (keep)
    {
      g_array_append_val (variant->reads, reads);
      g_array_append_val (variant->writes, writes);
    }
}

static void
report_against (LankaBench *bench,
                const char *comparison,
                Variant    *variant,
                Variant    *baseline)
{
  static const char * const metrics[] = {
    "list-ready", "keystroke", "journal-search", "open-case", "directory-keystroke",
    "save-case",
  };
  g_autofree char *reads = g_strdup_printf ("reads-%s", comparison);
  g_autofree char *writes = g_strdup_printf ("writes-%s", comparison);

  lanka_bench_report_ratio (bench, reads, variant->reads, baseline->reads, "ms");
  lanka_bench_report_ratio (bench, writes, variant->writes, baseline->writes, "ms");

  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s", metrics[i], comparison);

      lanka_bench_report_ratio (bench, name,
                                bench_run_get (variant->run, metrics[i]),
                                bench_run_get (baseline->run, metrics[i]),
                                "ms");
    }
}

static void
measure_encryption (LankaBench    *bench,
                    LankaDatabase *database,
                    const char    *dir,
                    LankaKey      *key,
                    guint          n_cases,
                    double         generated)
{
  g_autofree char *plain_path = g_build_filename (dir, "plain.db", NULL);
  Variant encrypted = { 0 };
  Variant plain = { 0 };
  g_autoptr(GError) error = NULL;
  Variant *variants[] = { &encrypted, &plain };

  variant_init (&encrypted, g_object_ref (database));

  /* The same data, made by the same code, in a file without encryption. */
  _lanka_database_set_benchmark_flags (LANKA_DATABASE_BENCHMARK_PLAIN);
  variant_init (&plain, lanka_database_create (plain_path, key, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) encrypted_generate = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) plain_generate = g_array_new (FALSE, FALSE, sizeof (double));
    double seconds = generate (bench, plain.database, n_cases, "plain-generate");

    g_array_append_val (encrypted_generate, generated);
    g_array_append_val (plain_generate, seconds);
    lanka_bench_report_ratio (bench, "generate-encrypted-vs-plain",
                              encrypted_generate, plain_generate, "s");
  }

  _lanka_database_set_benchmark_flags (LANKA_DATABASE_BENCHMARK_NONE);

  /* A round to warm every connection's caches alike, then the rounds
   * that count, taking turns so that the machine's moods fall on all.
   */
  for (guint round = 0; round <= COMPARE_ROUNDS; round++)
    for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
      variant_run (variants[i], round > 0);

  report_against (bench, "encrypted-vs-plain", &encrypted, &plain);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    variant_clear (variants[i]);
}

/* SQLCipher's memory security against Länka's wiping allocator.  SQLite's
 * allocator is chosen once per process, so each side runs in a process of
 * its own (this program again, with --memory-security-run) on the same
 * database, unlocked through the keyring, and prints its samples.
 */
static int
memory_security_run (const char *mode,
                     const char *dir)
{
  g_autoptr(LankaVault) vault = lanka_vault_new (dir);
  g_autoptr(GError) error = NULL;
  Variant variant = { 0 };

  if (g_str_equal (mode, "on"))
    _lanka_database_set_benchmark_flags (LANKA_DATABASE_BENCHMARK_CIPHER_MEMORY_SECURITY);

  variant_init (&variant, lanka_vault_unlock (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE,
                                              NULL, &error));
  g_assert_no_error (error);

  for (guint round = 0; round <= COMPARE_ROUNDS; round++)
    variant_run (&variant, round > 0);

  for (guint i = 0; i < variant.reads->len; i++)
    g_print ("reads %f\nwrites %f\n",
             g_array_index (variant.reads, double, i),
             g_array_index (variant.writes, double, i));

  for (guint i = 0; i < variant.run->order->len; i++)
    {
      const char *metric = g_ptr_array_index (variant.run->order, i);
      GArray *samples = bench_run_get (variant.run, metric);

      for (guint j = 0; j < samples->len; j++)
        g_print ("sample %s %f\n", metric, g_array_index (samples, double, j));
    }

  variant_clear (&variant);

  return EXIT_SUCCESS;
}

/* Runs one side of the comparison and reads its samples into @variant. */
static void
memory_security_spawn (Variant    *variant,
                       const char *mode,
                       const char *dir)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_path, "--memory-security-run", mode, dir, NULL };
  int status;

  g_assert_nonnull (self_path);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  variant_init (variant, NULL);
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
      guint n = g_strv_length (parts);
      double value = n >= 2 ? g_ascii_strtod (parts[n - 1], NULL) : 0;

      if (n == 2 && g_str_equal (parts[0], "reads"))
        g_array_append_val (variant->reads, value);
      else if (n == 2 && g_str_equal (parts[0], "writes"))
        g_array_append_val (variant->writes, value);
      else if (n == 3 && g_str_equal (parts[0], "sample"))
        add_sample (variant->run, parts[1], value);
    }
}

static void
measure_memory_security (LankaBench *bench,
                         const char *dir)
{
  Variant on = { 0 };
  Variant off = { 0 };

  memory_security_spawn (&off, "off", dir);
  memory_security_spawn (&on, "on", dir);
  report_against (bench, "memory-security-on-vs-off", &on, &off);
  variant_clear (&on);
  variant_clear (&off);
}

/* Training material; @full runs every round, otherwise a few. */
static void
measure_training (LankaBench    *bench,
                  LankaDatabase *database,
                  gboolean       full)
{
  g_autoptr(BenchRun) run = bench_run_new ();

  bench_training_import (database, full ? N_IMPORTS : N_QUICK_IMPORTS, run);
  bench_training_render (full ? N_FIRST_RENDERS : N_QUICK_RENDERS, run);
  if (!bench_training_turn (full ? N_TURNS : N_QUICK_TURNS, run))
    g_print ("# page turns: not measured, there is no display\n");
  report_run (bench, run);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LankaVault) vault = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(LankaBench) bench = NULL;
  g_autoptr(BenchRun) run = bench_run_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uuid = NULL;
  guint n_cases = DEFAULT_CASES;
  gboolean keep = FALSE;
  gboolean training_only = FALSE;
  double generated;

  if (argc == 4 && g_str_equal (argv[1], "--memory-security-run"))
    return memory_security_run (argv[2], argv[3]);

  for (int i = 1; i < argc; i++)
    {
      guint64 n;

      if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else if (g_str_equal (argv[i], "--training-only"))
        training_only = TRUE;
      else if (g_ascii_string_to_unsigned (argv[i], 10, 1, 1000000, &n, NULL))
        n_cases = n;
      else
        {
          g_printerr ("Usage: %s [--keep] [--training-only] [N_CASES]\n", argv[0]);
          return EXIT_FAILURE;
        }
    }

  bench = lanka_bench_new ("lanka", n_cases);

  if (training_only)
    {
      dir = lanka_test_make_data_dir ();
      vault = lanka_vault_new (dir);
      database = create_vault (vault);
      uuid = g_strdup (lanka_database_get_uuid (database));
      measure_training (bench, database, TRUE);
      lanka_database_close (database);
      lanka_bench_print_json (bench);
      lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, NULL);
      lanka_test_remove_tree (dir);
      return EXIT_SUCCESS;
    }

  lanka_bench_add_count (bench, "cases", n_cases);
  lanka_bench_add_count (bench, "journal_entries", (gint64) n_cases * JOURNAL_PER_CASE);
  lanka_bench_add_count (bench, "agencies", N_AGENCIES);
  lanka_bench_add_count (bench, "contacts", N_AGENCIES * CONTACTS_PER_AGENCY);

  dir = lanka_test_make_data_dir ();
  if (keep)
    g_print ("# data directory: %s\n", dir);
  vault = lanka_vault_new (dir);
  database = create_vault (vault);
  generated = generate (bench, database, n_cases, "generate");
  uuid = g_strdup (lanka_database_get_uuid (database));
  path = g_strdup (lanka_database_get_path (database));

  /* Checkpointed and closed, as Länka leaves it when it quits. */
  lanka_database_close (database);
  g_clear_object (&database);

  key = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_no_error (error);

  measure_unlock (bench, vault, key);
  measure_startup (bench, dir);

  /* The store, as the cases and directory parts use it. */
  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);
  bench_cases_read (database, run);
  bench_directory_read (database, run);
  bench_cases_write (database, run);
  report_run (bench, run);

  measure_encryption (bench, database, dir, key, n_cases, generated);
  lanka_database_close (database);
  g_clear_object (&database);
  measure_memory_security (bench, dir);

  /* Last, as its decks stay in the database, and it starts GTK here. */
  database = lanka_database_open (path, key, &error);
  g_assert_no_error (error);
  measure_training (bench, database, n_cases > DEFAULT_CASES);
  lanka_database_close (database);
  g_clear_object (&database);

  lanka_bench_print_json (bench);

  if (!keep)
    {
      lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, NULL);
      lanka_test_remove_tree (dir);
    }

  return EXIT_SUCCESS;
}
