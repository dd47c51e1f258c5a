/* bench-store.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All 7,850 local governments of Thailand with a full assessment each, written
 * through the store in one transaction, against raw SQLite inserts of the same
 * rows in the same run; then the totals of every assessment.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "esc-scoring.h"
#include "esc-store.h"

#define N_RUNS 3
#define RUNS() (g_getenv ("ESC_BENCH_RUNS") ? (guint) atoi (g_getenv ("ESC_BENCH_RUNS")) : N_RUNS)

static const struct
{
  const char *type;
  guint       count;
} national[] = {
  { "pao", 76 },
  { "city", 30 },
  { "town", 195 },
  { "subdistrict", 2247 },
  { "sao", 5300 },
  { "special", 2 },
};

static GPtrArray *
make_laos (void)
{
  GPtrArray *laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  guint      n = 0;

  for (guint t = 0; t < G_N_ELEMENTS (national); t++)
    for (guint i = 0; i < national[t].count; i++, n++)
      {
        EscLao *lao = esc_lao_new ();

        lao->code = g_strdup_printf ("%07u", 1000000 + n);
        lao->name = g_strdup_printf ("องค์กรปกครองส่วนท้องถิ่นที่ %u", n + 1);
        lao->type = g_strdup (national[t].type);
        lao->district = g_strdup_printf ("อำเภอ %u", n % 878);
        lao->province = g_strdup_printf ("จังหวัด %u", n % 76);
        g_ptr_array_add (laos, lao);
      }

  return laos;
}

static double
value_for (guint  lao,
           guint  item,
           guint  dimension,
           double max)
{
  return (double) ((lao * 7 + item * 3 + dimension) % ((guint) max + 1));
}

static char *
fresh_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("esc-bench-XXXXXX", NULL);

  return g_build_filename (dir, name, NULL);
}

static void
remove_workspace (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  g_autofree char   *dir = g_path_get_dirname (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

/* Through the store's public API, in one batch. */
static double
run_store (EscFramework *framework,
           GPtrArray    *laos,
           char        **path_out)
{
  g_autofree char      *path = fresh_path ("store.esca");
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GError)    error = NULL;
  guint                 n_items = esc_framework_get_n_items (framework);
  gint64                start;

  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (esc_store_begin_batch (store, &error));
  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  listed = esc_store_list_laos (store, &error);
  g_assert_no_error (error);

  for (guint l = 0; l < listed->len; l++)
    {
      const EscLao    *lao = g_ptr_array_index (listed, l);
      g_autofree char *assessment = esc_store_create_assessment (store, lao->uuid, 2568, NULL, "self", "bench", &error);

      g_assert_no_error (error);
      for (guint i = 0; i < n_items; i++)
        {
          const EscIndicator *item = esc_framework_get_item (framework, i);
          EscAnswerChange     change;

          esc_answer_change_init (&change, item->code);
          if (item->method == ESC_SCORING_LPA)
            esc_answer_change_set_value (&change, "lpa", value_for (l, i, 0, 100));
          else
            for (guint d = 0; d < item->n_dimensions; d++)
              esc_answer_change_set_value (&change, item->dimensions[d].id,
                                           value_for (l, i, d, item->dimensions[d].max));
          if (!esc_store_apply_answer (store, assessment, &change, NULL, &error))
            g_error ("%s", error->message);
        }
    }
  g_assert_true (esc_store_end_batch (store, TRUE, &error));

  *path_out = g_steal_pointer (&path);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static void
step_or_die (sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("step: %s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
}

static void
insert_history (sqlite3_stmt *stmt,
                const char   *entity,
                const char   *uuid,
                const char   *field,
                const char   *value,
                gint64        now)
{
  g_autofree char *history_uuid = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, history_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, now);
  step_or_die (stmt);
}

/* The same rows (local governments, assessments, answers, values and their
 * history) with bare prepared INSERTs on a workspace of the same schema. */
static double
run_raw (EscFramework *framework,
         GPtrArray    *laos)
{
  g_autofree char     *path = fresh_path ("raw.esca");
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *framework_uuid = NULL;
  guint                n_items = esc_framework_get_n_items (framework);
  sqlite3_stmt        *lao_stmt, *assessment_stmt, *answer_stmt, *history_stmt;
  sqlite3             *db;
  gint64               start, now = g_get_real_time () / G_USEC_PER_SEC;
  double               elapsed;

  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768");

  lao_stmt = prepare_or_die (db, "INSERT INTO laos (uuid, code, name, type, district, province, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  assessment_stmt = prepare_or_die (db, "INSERT INTO assessments (uuid, lao_uuid, fiscal_year, framework_uuid, kind, assessor, status, created_at, updated_at) VALUES (?, ?, 2568, ?, 'self', 'bench', 'draft', ?, ?)");
  answer_stmt = prepare_or_die (db, "INSERT INTO answers (uuid, assessment_uuid, item_code, scores, updated_by, updated_at) VALUES (?, ?, ?, ?, 'bench', ?)");
  history_stmt = prepare_or_die (db, "INSERT INTO history (uuid, entity, entity_uuid, field, old_value, new_value, reason, author, at) VALUES (?, ?, ?, ?, NULL, ?, '', 'bench', ?)");

  start = g_get_monotonic_time ();
  exec_or_die (db, "BEGIN IMMEDIATE");
  for (guint l = 0; l < laos->len; l++)
    {
      const EscLao    *lao = g_ptr_array_index (laos, l);
      g_autofree char *lao_uuid = g_uuid_string_random ();
      g_autofree char *assessment_uuid = g_uuid_string_random ();

      sqlite3_bind_text (lao_stmt, 1, lao_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (lao_stmt, 2, lao->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (lao_stmt, 3, lao->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (lao_stmt, 4, lao->type, -1, SQLITE_STATIC);
      sqlite3_bind_text (lao_stmt, 5, lao->district, -1, SQLITE_STATIC);
      sqlite3_bind_text (lao_stmt, 6, lao->province, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (lao_stmt, 7, now);
      sqlite3_bind_int64 (lao_stmt, 8, now);
      step_or_die (lao_stmt);
      insert_history (history_stmt, "lao", lao_uuid, "created", lao->name, now);

      sqlite3_bind_text (assessment_stmt, 1, assessment_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (assessment_stmt, 2, lao_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (assessment_stmt, 3, framework_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (assessment_stmt, 4, now);
      sqlite3_bind_int64 (assessment_stmt, 5, now);
      step_or_die (assessment_stmt);
      insert_history (history_stmt, "assessment", assessment_uuid, "created", lao->name, now);

      for (guint i = 0; i < n_items; i++)
        {
          const EscIndicator *item = esc_framework_get_item (framework, i);
          g_autofree char    *answer_uuid = g_uuid_string_random ();
          guint               n_values = item->method == ESC_SCORING_LPA ? 1 : item->n_dimensions;

          g_autoptr (GString) scores = g_string_new ("{");

          for (guint d = 0; d < n_values; d++)
            {
              const char *key = item->method == ESC_SCORING_LPA ? "lpa" : item->dimensions[d].id;
              double      value = item->method == ESC_SCORING_LPA ? value_for (l, i, 0, 100)
                                                                  : value_for (l, i, d, item->dimensions[d].max);
              char        text[G_ASCII_DTOSTR_BUF_SIZE];

              g_ascii_formatd (text, sizeof text, "%.15g", value);
              g_string_append_printf (scores, "%s\"%s\":%s", d > 0 ? "," : "", key, text);
              insert_history (history_stmt, "answer", answer_uuid, key, text, now);
            }
          g_string_append_c (scores, '}');

          sqlite3_bind_text (answer_stmt, 1, answer_uuid, -1, SQLITE_STATIC);
          sqlite3_bind_text (answer_stmt, 2, assessment_uuid, -1, SQLITE_STATIC);
          sqlite3_bind_text (answer_stmt, 3, item->code, -1, SQLITE_STATIC);
          sqlite3_bind_text (answer_stmt, 4, scores->str, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (answer_stmt, 5, now);
          step_or_die (answer_stmt);
        }
    }
  exec_or_die (db, "COMMIT");
  elapsed = (g_get_monotonic_time () - start) / 1000.0;

  sqlite3_finalize (lao_stmt);
  sqlite3_finalize (assessment_stmt);
  sqlite3_finalize (answer_stmt);
  sqlite3_finalize (history_stmt);
  sqlite3_close (db);
  remove_workspace (path);

  return elapsed;
}

typedef struct
{
  EscStore     *store;
  EscFramework *framework; /* of the last assessment; they share one */
  char         *framework_uuid;
  guint         n;
  guint         n_passed;
  guint         n_complete;
  double        sum;
} Totals;

static void
totals_clear (Totals *totals)
{
  g_clear_object (&totals->framework);
  g_clear_pointer (&totals->framework_uuid, g_free);
}

static void
total_cb (const EscAssessment *assessment,
          const EscLao        *lao,
          GPtrArray           *answers,
          gpointer             user_data)
{
  Totals              *totals = user_data;
  g_autoptr (EscScore) score = NULL;

  if (g_strcmp0 (totals->framework_uuid, assessment->framework_uuid) != 0)
    {
      totals_clear (totals);
      totals->framework = esc_store_get_framework (totals->store, assessment->framework_uuid, NULL);
      totals->framework_uuid = g_strdup (assessment->framework_uuid);
    }
  score = esc_score_compute (totals->framework, lao->type, answers);

  totals->n++;
  totals->sum += score->total_percent;
  totals->n_passed += score->passed == 1;
  totals->n_complete += score->n_complete;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The totals of every assessment through the store and scoring; returns CPU
 * milliseconds (the machine is shared, so wall time is printed beside it). */
static double
run_totals (const char          *path,
            EscStoreAnswersFlags flags,
            Totals              *totals,
            double              *wall_ms)
{
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  gint64               start;
  double               cpu_start, cpu;

  g_assert_no_error (error);
  *totals = (Totals){ .store = store };

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  g_assert_true (esc_store_foreach_assessment_full (store, 0, flags, total_cb, totals, &error));
  *wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  cpu = cpu_ms () - cpu_start;

  totals_clear (totals);
  totals->store = NULL;
  return cpu;
}

/* The totals read with every column of the answers must be the same, to the last bit. */
static void
check_totals (const char   *path,
              const Totals *fast)
{
  Totals full;
  double wall;

  run_totals (path, ESC_STORE_ANSWERS_ALL, &full, &wall);
  g_assert_cmpuint (full.n, ==, fast->n);
  g_assert_cmpuint (full.n_passed, ==, fast->n_passed);
  g_assert_cmpuint (full.n_complete, ==, fast->n_complete);
  g_assert_cmpmem (&full.sum, sizeof full.sum, &fast->sum, sizeof fast->sum);
}

/* The floor for the totals: stepping the same answer rows with bare SQLite. */
static double
run_scan (const char *path)
{
  sqlite3      *db;
  sqlite3_stmt *stmt;
  double        cpu_start;
  gsize         bytes = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  stmt = prepare_or_die (db, "SELECT assessment_uuid, item_code, scores, checked, note FROM answers ORDER BY assessment_uuid");
  cpu_start = cpu_ms ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 5; c++)
      bytes += (gsize) sqlite3_column_bytes (stmt, c) + (sqlite3_column_text (stmt, c) != NULL);
  g_assert_cmpuint (bytes, >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return cpu_ms () - cpu_start;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, (int (*) (const void *, const void *)) compare_double);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GPtrArray)    laos = make_laos ();
  g_autoptr (GError)       error = NULL;
  double                   store_ms[N_RUNS], raw_ms[N_RUNS], totals_ms[N_RUNS], ratios[N_RUNS];
  double                   totals_wall_ms[N_RUNS], scan_ms[N_RUNS], scan_ratios[N_RUNS];
  Totals                   totals = { 0 };
  guint                    n_runs;

  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);

  printf ("bench-store: %u local governments × %u items, %u runs\n",
          laos->len, esc_framework_get_n_items (framework), CLAMP (RUNS (), 1, N_RUNS));

  n_runs = CLAMP (RUNS (), 1, N_RUNS);
  for (guint run = 0; run < n_runs; run++)
    {
      g_autofree char *path = NULL;

      raw_ms[run] = run_raw (framework, laos);
      store_ms[run] = run_store (framework, laos, &path);
      ratios[run] = store_ms[run] / raw_ms[run];
      {
        double reps[5], walls[5], scans[5];

        /* The totals are quick: take the median of a few passes over the same file. */
        for (guint r = 0; r < G_N_ELEMENTS (reps); r++)
          {
            scans[r] = run_scan (path);
            reps[r] = run_totals (path, ESC_STORE_ANSWERS_SCORES_ONLY, &totals, &walls[r]);
          }
        check_totals (path, &totals);
        totals_ms[run] = median (reps, G_N_ELEMENTS (reps));
        totals_wall_ms[run] = median (walls, G_N_ELEMENTS (walls));
        scan_ms[run] = median (scans, G_N_ELEMENTS (scans));
      }
      printf ("  run %u: raw %.0f ms, store %.0f ms (%.2f×); totals of %u assessments %.1f ms CPU "
              "(%.1f ms wall), bare scan of the rows %.1f ms CPU\n",
              run + 1, raw_ms[run], store_ms[run], ratios[run], totals.n, totals_ms[run],
              totals_wall_ms[run], scan_ms[run]);
      fflush (stdout);
      remove_workspace (path);
    }

  for (guint run = 0; run < n_runs; run++)
    scan_ratios[run] = totals_ms[run] / scan_ms[run];

  /* median() sorts its array: take them after the ratios of each run. */
  {
    double ratio = median (ratios, n_runs);
    double totals_cpu = median (totals_ms, n_runs);

    printf ("median raw inserts:        %.0f ms\n", median (raw_ms, n_runs));
    printf ("median store creation:     %.0f ms\n", median (store_ms, n_runs));
    printf ("median ratio store / raw:  %.2f× (target ≤ 2×: %s)\n", ratio,
            ratio <= 2 ? "met" : "NOT met");
    printf ("median totals, all %u:   %.1f ms CPU, %.1f ms wall (target < 200 ms CPU: %s); "
            "%u passed, mean %.2f %%\n",
            totals.n, totals_cpu, median (totals_wall_ms, n_runs), totals_cpu < 200 ? "met" : "NOT met",
            totals.n_passed, totals.sum / MAX (totals.n, 1));
    printf ("median ratio totals / bare scan of the same rows: %.2f× (bare scan %.1f ms CPU)\n",
            median (scan_ratios, n_runs), median (scan_ms, n_runs));
  }

  return 0;
}
