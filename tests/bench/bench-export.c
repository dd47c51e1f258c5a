/* bench-export.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province workbook for one province (216 local governments) and for
 * the whole country (7,850 local governments × 34 indicators = 266,900
 * indicator cells), against a bare libxlsxwriter loop writing the same cells
 * in the same run. Each run is a child process, so its peak memory is its
 * own. Prints medians, the ratio (target ≤ 1.5) and peak RSS (target under
 * 100 MB for the national workbook).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "esc-export.h"

static const char *districts[] = {
  "กันทรลักษ์",
  "ขุขันธ์",
  "เมืองศรีสะเกษ",
  "อุทุมพรพิสัย",
  "ราษีไศล",
  "กันทรารมย์",
  "ขุนหาญ",
  "ไพรบึง",
  "ปรางค์กู่",
  "ศรีรัตนะ",
  "ยางชุมน้อย",
  "วังหิน",
};

static EscProvinceReport *
make_report (guint n_rows)
{
  EscProvinceReport *report = esc_province_report_new (2568, 4, 34);
  const char        *components[] = {
           "เมืองอยู่ดี",
           "คนมีสุข",
           "สิ่งแวดล้อมยั่งยืน",
           "เมืองแห่งการเรียนรู้และการบริหารจัดการที่ดี",
  };

  for (guint i = 0; i < 4; i++)
    report->component_names[i] = g_strdup (components[i]);
  for (guint i = 0; i < 34; i++)
    {
      report->indicator_codes[i] = g_strdup_printf ("%u", i + 1);
      report->indicator_max[i] = 30;
    }

  for (guint r = 0; r < n_rows; r++)
    {
      EscProvinceRow *row = esc_province_row_new (report);
      double          total = 0;

      row->code = g_strdup_printf ("%07u", 3000000 + r);
      row->name = g_strdup_printf ("องค์การบริหารส่วนตำบลบ้านหนองแวง %u", r);
      row->district = g_strdup (districts[r % G_N_ELEMENTS (districts)]);
      row->type = g_strdup (r % 3 == 0 ? "ทต." : "อบต.");
      row->assessed = TRUE;
      row->status = g_strdup ("ส่งแล้ว");
      for (guint c = 0; c < 4; c++)
        {
          row->component_percent[c] = fmod (r * 7.3 + c * 11.1, 100);
          total += row->component_percent[c] / 4;
        }
      row->total_percent = total;
      row->passed = total >= 60;
      row->verdict = g_strdup (row->passed ? "ผ่าน" : "ไม่ผ่าน");
      row->completeness = 1;
      for (guint k = 0; k < 34; k++)
        row->indicator_points[k] = fmod (r * 1.5 + k, 30);
      g_ptr_array_add (report->rows, row);
    }

  return report;
}

/* The floor: the same cells, no formats, no summaries, no charts. */
static void
write_bare (EscProvinceReport *report,
            const char        *path)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  lxw_workbook        *workbook = workbook_new_opt (path, &options);
  lxw_worksheet       *laos = workbook_add_worksheet (workbook, "laos");
  lxw_worksheet       *matrix = workbook_add_worksheet (workbook, "matrix");

  for (guint i = 0; i < report->rows->len; i++)
    {
      EscProvinceRow *row = g_ptr_array_index (report->rows, i);
      guint           col = 0;

      worksheet_write_string (laos, i + 1, col++, row->code, NULL);
      worksheet_write_string (laos, i + 1, col++, row->name, NULL);
      worksheet_write_string (laos, i + 1, col++, row->district, NULL);
      worksheet_write_string (laos, i + 1, col++, row->type, NULL);
      worksheet_write_string (laos, i + 1, col++, row->status, NULL);
      for (guint c = 0; c < 4; c++)
        worksheet_write_number (laos, i + 1, col++, row->component_percent[c], NULL);
      worksheet_write_number (laos, i + 1, col++, row->total_percent, NULL);
      worksheet_write_string (laos, i + 1, col++, row->verdict, NULL);
      worksheet_write_number (laos, i + 1, col++, 100 * row->completeness, NULL);

      col = 0;
      worksheet_write_string (matrix, i + 1, col++, row->code, NULL);
      worksheet_write_string (matrix, i + 1, col++, row->name, NULL);
      worksheet_write_string (matrix, i + 1, col++, row->district, NULL);
      for (guint k = 0; k < 34; k++)
        worksheet_write_number (matrix, i + 1, col++, row->indicator_points[k], NULL);
    }

  if (workbook_close (workbook) != LXW_NO_ERROR)
    g_error ("bare loop failed");
}

typedef struct
{
  double seconds;
  long   max_rss_kb;
} Run;

/* Runs one export in a child; returns its time and peak memory. */
static Run
run_child (guint       n_rows,
           gboolean    bare,
           const char *dir)
{
  int   fds[2];
  pid_t pid;
  Run   run = { 0 };

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);

  if (pid == 0)
    {
      g_autoptr (EscProvinceReport) report = make_report (n_rows);
      g_autofree char              *path = g_build_filename (dir, bare ? "bare.xlsx" : "esc.xlsx", NULL);
      g_autoptr (GError)            error = NULL;
      struct rusage                 usage;
      gint64                        start;

      g_unlink (path);
      start = g_get_monotonic_time ();
      if (bare)
        write_bare (report, path);
      else if (!esc_province_report_write (report, path, ESC_EXPORT_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      run.seconds = (g_get_monotonic_time () - start) / 1e6;
      getrusage (RUSAGE_SELF, &usage);
      run.max_rss_kb = usage.ru_maxrss;
      if (write (fds[1], &run, sizeof run) != sizeof run)
        _exit (1);
      _exit (0);
    }

  close (fds[1]);
  if (read (fds[0], &run, sizeof run) != sizeof run)
    g_error ("the benchmark child failed");
  close (fds[0]);
  waitpid (pid, NULL, 0);

  return run;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
bench (const char *label,
       guint       n_rows,
       guint       n_runs,
       const char *dir)
{
  g_autofree double *ours = g_new (double, n_runs);
  g_autofree double *bare = g_new (double, n_runs);
  long               ours_rss = 0;
  long               bare_rss = 0;
  double             m_ours;
  double             m_bare;

  /* interleaved, so drift in the machine's speed hits both alike */
  for (guint i = 0; i < n_runs; i++)
    {
      Run a = run_child (n_rows, FALSE, dir);
      Run b = run_child (n_rows, TRUE, dir);

      ours[i] = a.seconds;
      bare[i] = b.seconds;
      ours_rss = MAX (ours_rss, a.max_rss_kb);
      bare_rss = MAX (bare_rss, b.max_rss_kb);
    }

  m_ours = median (ours, n_runs);
  m_bare = median (bare, n_runs);
  printf ("%s: %u local governments, %u indicator cells, %u runs\n",
          label, n_rows, n_rows * 34, n_runs);
  printf ("  province workbook  median %8.1f ms  peak RSS %6.1f MB\n", m_ours * 1000, ours_rss / 1024.0);
  printf ("  bare libxlsxwriter median %8.1f ms  peak RSS %6.1f MB\n", m_bare * 1000, bare_rss / 1024.0);
  printf ("  ratio %.2f× (target ≤ 1.5×)%s\n", m_ours / m_bare,
          ours_rss / 1024.0 < 100 ? "" : "  PEAK RSS OVER 100 MB");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = g_dir_make_tmp ("bench-export-XXXXXX", &error);
  g_autofree char   *esc = NULL;
  g_autofree char   *bare = NULL;

  g_assert_no_error (error);
  setvbuf (stdout, NULL, _IOLBF, 0);

  bench ("province", 216, 9, dir);
  bench ("national", 7850, 5, dir);

  esc = g_build_filename (dir, "esc.xlsx", NULL);
  bare = g_build_filename (dir, "bare.xlsx", NULL);
  g_unlink (esc);
  g_unlink (bare);
  g_rmdir (dir);

  return 0;
}
