/* lanka-bench.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lanka-bench.h"

#include <json-glib/json-glib.h>

/* What every benchmark prints: one line per metric (name, size, p50, p95,
 * unit, and the ratio to a baseline where there is one) as it is
 * measured, and the same as JSON on the last line, for tooling.
 */

typedef struct
{
  char   *name;
  double  p50;
  double  p95;
  char   *unit;
  double  ratio;  /* 0 without a baseline */
} Metric;

typedef struct
{
  char   *name;
  gint64  count;
} Count;

struct _LankaBench
{
  char      *benchmark;
  guint      size;
  GPtrArray *metrics;
  GPtrArray *counts;
};

static void
metric_free (Metric *metric)
{
  g_free (metric->name);
  g_free (metric->unit);
  g_free (metric);
}

static void
count_free (Count *count)
{
  g_free (count->name);
  g_free (count);
}

/**
 * lanka_bench_new:
 * @benchmark: the benchmark's name, such as "cases"
 * @size: the size it ran at, printed with every metric
 *
 * Returns: (transfer full): a new report
 */
LankaBench *
lanka_bench_new (const char *benchmark,
                 guint       size)
{
  LankaBench *self = g_new0 (LankaBench, 1);

  self->benchmark = g_strdup (benchmark);
  self->size = size;
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify)metric_free);
  self->counts = g_ptr_array_new_with_free_func ((GDestroyNotify)count_free);

  return self;
}

/**
 * lanka_bench_add_count:
 * @self: a #LankaBench
 * @name: what was counted, such as "journal_entries"
 * @count: how many there were
 *
 * Adds a member to the JSON object, beside the metrics.
 */
void
lanka_bench_add_count (LankaBench *self,
                       const char *name,
                       gint64      count)
{
  Count *entry = g_new0 (Count, 1);

  entry->name = g_strdup (name);
  entry->count = count;
  g_ptr_array_add (self->counts, entry);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The nearest-rank percentile @percent of @samples, sorted here. */
static double
percentile (GArray *samples,
            guint   percent)
{
  guint n = samples->len;

  g_assert_cmpuint (n, >, 0);

  g_array_sort (samples, compare_doubles);
  if (percent == 50)
    return g_array_index (samples, double, (n - 1) / 2);

  return g_array_index (samples, double, MIN (n - 1, (guint)((n * percent + 99) / 100) - 1));
}

static Metric *
add_metric (LankaBench *self,
            const char *name,
            GArray     *samples,
            const char *unit)
{
  Metric *metric = g_new0 (Metric, 1);

  metric->name = g_strdup (name);
  metric->unit = g_strdup (unit);
  metric->p50 = percentile (samples, 50);
  metric->p95 = percentile (samples, 95);
  g_ptr_array_add (self->metrics, metric);

  return metric;
}

/**
 * lanka_bench_report:
 * @self: a #LankaBench
 * @name: the metric
 * @samples: (element-type double): its samples, sorted here
 * @unit: the samples' unit, such as "ms"
 *
 * Prints the nearest-rank p50 and p95 of @samples and keeps them for the
 * JSON.
 */
void
lanka_bench_report (LankaBench *self,
                    const char *name,
                    GArray     *samples,
                    const char *unit)
{
  Metric *metric = add_metric (self, name, samples, unit);

  g_print ("%s %u %.3f %.3f %s\n", name, self->size, metric->p50, metric->p95, unit);
}

/**
 * lanka_bench_report_ratio:
 * @self: a #LankaBench
 * @name: the metric
 * @samples: (element-type double): its samples, sorted here
 * @baseline: (element-type double): the same work's samples in the
 *   baseline, sorted here
 * @unit: the samples' unit, such as "ms"
 *
 * Like lanka_bench_report(), with the ratio of the p50 of @samples to the
 * p50 of @baseline after the unit.
 */
void
lanka_bench_report_ratio (LankaBench *self,
                          const char *name,
                          GArray     *samples,
                          GArray     *baseline,
                          const char *unit)
{
  Metric *metric = add_metric (self, name, samples, unit);
  double base = percentile (baseline, 50);

  metric->ratio = base > 0 ? metric->p50 / base : 0;
  g_print ("%s %u %.3f %.3f %s %.2f\n",
           name, self->size, metric->p50, metric->p95, unit, metric->ratio);
}

/**
 * lanka_bench_print_json:
 * @self: a #LankaBench
 *
 * Prints the counts and every metric reported so far as one line of JSON.
 */
void
lanka_bench_print_json (LankaBench *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "benchmark");
  json_builder_add_string_value (builder, self->benchmark);

  for (guint i = 0; i < self->counts->len; i++)
    {
      Count *count = g_ptr_array_index (self->counts, i);

      json_builder_set_member_name (builder, count->name);
      json_builder_add_int_value (builder, count->count);
    }

  json_builder_set_member_name (builder, "metrics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->metrics->len; i++)
    {
      Metric *metric = g_ptr_array_index (self->metrics, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, metric->name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, self->size);
      json_builder_set_member_name (builder, "p50");
      json_builder_add_double_value (builder, metric->p50);
      json_builder_set_member_name (builder, "p95");
      json_builder_add_double_value (builder, metric->p95);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, metric->unit);
      if (metric->ratio > 0)
        {
          json_builder_set_member_name (builder, "ratio");
          json_builder_add_double_value (builder, metric->ratio);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
lanka_bench_free (LankaBench *self)
{
  g_free (self->benchmark);
  g_ptr_array_unref (self->metrics);
  g_ptr_array_unref (self->counts);
  g_free (self);
}
