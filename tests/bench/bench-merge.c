/* bench-merge.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 216 single-local-government workspaces (Sisaket's count), each with a full assessment,
 * merged one by one into an empty province workspace through esc_merge_file(), against the
 * floor of copying the same rows with ATTACH and INSERT … SELECT, one transaction per file
 * as well, on a connection set up like the store's (WAL, synchronous FULL). Same run, same
 * files; prints the medians and their ratio (target ≤ 3×).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>

#include "esc-merge.h"
#include "esc-store.h"

#define N_FILES 216
#define N_RUNS 3

static double
value_for (guint  lao,
           guint  item,
           guint  dimension,
           double max)
{
  return (double) ((lao * 7 + item * 3 + dimension) % ((guint) max + 1));
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char      *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* One assessor's file: one local government and its full assessment. */
static char *
make_lao_file (const char   *dir,
               EscFramework *framework,
               guint         n)
{
  g_autofree char      *path = g_strdup_printf ("%s/lao-%03u.esca", dir, n);
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (EscLao)    found = NULL;
  g_autoptr (GError)    error = NULL;
  g_autofree char      *code = g_strdup_printf ("633%04u", n);
  g_autofree char      *assessment = NULL;
  EscLao               *lao = esc_lao_new ();

  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "ผู้ประเมิน");
  lao->code = g_strdup (code);
  lao->name = g_strdup_printf ("องค์การบริหารส่วนตำบลที่ %u", n + 1);
  lao->type = g_strdup (n % 5 == 0 ? "subdistrict" : "sao");
  lao->district = g_strdup_printf ("อำเภอ %u", n % 22);
  lao->province = g_strdup ("ศรีสะเกษ");
  g_ptr_array_add (laos, lao);

  g_assert_true (esc_store_begin_batch (store, &error));
  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  found = esc_store_find_lao (store, code, &error);
  g_assert_no_error (error);
  assessment = esc_store_create_assessment (store, found->uuid, 2568, NULL, "self", "ผู้ประเมิน", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    {
      const EscIndicator *item = esc_framework_get_item (framework, i);
      EscAnswerChange     change;

      esc_answer_change_init (&change, item->code);
      if (item->method == ESC_SCORING_LPA)
        esc_answer_change_set_value (&change, "lpa", value_for (n, i, 0, 100));
      else
        for (guint d = 0; d < item->n_dimensions; d++)
          esc_answer_change_set_value (&change, item->dimensions[d].id,
                                       value_for (n, i, d, item->dimensions[d].max));
      change.note = "ตามเอกสารแนบ";
      if (!esc_store_apply_answer (store, assessment, &change, NULL, &error))
        g_error ("%s", error->message);
    }
  g_assert_true (esc_store_end_batch (store, TRUE, &error));
  return g_steal_pointer (&path);
}

static char *
make_province (const char   *dir,
               EscFramework *framework,
               const char   *name)
{
  g_autofree char     *path = g_build_filename (dir, name, NULL);
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;

  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static double
run_merge (const char   *dir,
           EscFramework *framework,
           GPtrArray    *files,
           guint        *n_rows)
{
  g_autofree char     *path = make_province (dir, framework, "province-merge.esca");
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  gint64               start;
  double               ms;

  start = g_get_monotonic_time ();
  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr (EscMergeReport) report = esc_merge_file (store, g_ptr_array_index (files, i), NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (report->n_laos_added, ==, 1);
      g_assert_cmpuint (report->n_conflicts_added, ==, 0);
    }
  g_clear_object (&store);
  ms = (g_get_monotonic_time () - start) / 1000.0;

  {
    sqlite3      *db = NULL;
    sqlite3_stmt *stmt = NULL;

    sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM laos) + (SELECT count(*) FROM assessments)"
                            " + (SELECT count(*) FROM answers)"
                            " + (SELECT count(*) FROM history)",
                        -1, &stmt, NULL);
    sqlite3_step (stmt);
    *n_rows = (guint) sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_remove (path);
  return ms;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The floor: the same rows copied blindly, no decisions, no checks. */
static double
run_attach (const char   *dir,
            EscFramework *framework,
            GPtrArray    *files,
            guint        *n_rows)
{
  static const char copy[] =
    "INSERT OR IGNORE INTO main.laos SELECT * FROM other.laos;"
    "INSERT OR IGNORE INTO main.assessments SELECT * FROM other.assessments;"
    "INSERT OR IGNORE INTO main.answers SELECT * FROM other.answers;"
    "INSERT OR IGNORE INTO main.blobs SELECT * FROM other.blobs;"
    "INSERT OR IGNORE INTO main.documents SELECT * FROM other.documents;"
    "INSERT OR IGNORE INTO main.links SELECT * FROM other.links;"
    "INSERT OR IGNORE INTO main.comments SELECT * FROM other.comments;"
    "INSERT OR IGNORE INTO main.history SELECT * FROM other.history;"
    "INSERT OR IGNORE INTO main.merge_seen SELECT * FROM other.merge_seen;";
  g_autofree char *path = make_province (dir, framework, "province-attach.esca");
  sqlite3         *db = NULL;
  sqlite3_stmt    *stmt = NULL;
  gint64           start;
  double           ms;

  start = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
  for (guint i = 0; i < files->len; i++)
    {
      char *attach = sqlite3_mprintf ("ATTACH %Q AS other", (const char *) g_ptr_array_index (files, i));

      exec_or_die (db, attach);
      sqlite3_free (attach);
      exec_or_die (db, "BEGIN IMMEDIATE");
      exec_or_die (db, copy);
      exec_or_die (db, "COMMIT");
      exec_or_die (db, "DETACH other");
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;

  sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM laos) + (SELECT count(*) FROM assessments)"
                          " + (SELECT count(*) FROM answers)"
                          " + (SELECT count(*) FROM history)",
                      -1, &stmt, NULL);
  sqlite3_step (stmt);
  *n_rows = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_remove (path);
  return ms;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  double sorted[N_RUNS];

  memcpy (sorted, values, n * sizeof *values);
  qsort (sorted, n, sizeof *sorted, compare_doubles);
  return sorted[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GPtrArray)    files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError)       error = NULL;
  g_autofree char         *dir = NULL;
  double                   merge_ms[N_RUNS], attach_ms[N_RUNS], ratios[N_RUNS];
  guint                    merge_rows = 0, attach_rows = 0;
  gint64                   start;

  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("esc-bench-merge-XXXXXX", &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint n = 0; n < N_FILES; n++)
    g_ptr_array_add (files, make_lao_file (dir, framework, n));
  printf ("bench-merge: %u workspaces of one local government × %u items (made in %.1f s), %d runs\n",
          N_FILES, esc_framework_get_n_items (framework), (g_get_monotonic_time () - start) / 1e6, N_RUNS);

  for (guint run = 0; run < N_RUNS; run++)
    {
      /* Alternate the order so neither side always finds the files in the page cache. */
      if (run % 2 == 0)
        {
          attach_ms[run] = run_attach (dir, framework, files, &attach_rows);
          merge_ms[run] = run_merge (dir, framework, files, &merge_rows);
        }
      else
        {
          merge_ms[run] = run_merge (dir, framework, files, &merge_rows);
          attach_ms[run] = run_attach (dir, framework, files, &attach_rows);
        }
      ratios[run] = merge_ms[run] / attach_ms[run];
      printf ("  run %u: ATTACH + INSERT … SELECT %.0f ms, merge %.0f ms (%.2f×); rows %u / %u\n",
              run + 1, attach_ms[run], merge_ms[run], ratios[run], attach_rows, merge_rows);
      g_assert_cmpuint (merge_rows, ==, attach_rows);
    }

  printf ("median ATTACH + INSERT … SELECT: %.0f ms (%.2f ms a file)\n",
          median (attach_ms, N_RUNS), median (attach_ms, N_RUNS) / N_FILES);
  printf ("median merge:                    %.0f ms (%.2f ms a file)\n",
          median (merge_ms, N_RUNS), median (merge_ms, N_RUNS) / N_FILES);
  printf ("median ratio merge / ATTACH:     %.2f× (target ≤ 3×)\n", median (ratios, N_RUNS));

  remove_tree (dir);
  return 0;
}
