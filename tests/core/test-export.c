/* test-export.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbook writers and evidence packages, read back with openpyxl.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "esc-export.h"
#include "esc-thai.h"

#include "../export-test-util.h"

static const char *component_names[] = {
  "เมืองอยู่ดี",
  "คนมีสุข",
  "สิ่งแวดล้อมยั่งยืน",
  "เมืองแห่งการเรียนรู้และการบริหารจัดการที่ดี",
};

/* Text that a spreadsheet would take for a formula if it were not written as text. */
static const char *injections[] = {
  "=HYPERLINK(\"http://example.com\",\"คลิก\")",
  "+66 81 234 5678",
  "-5 คะแนน",
  "@SUM(A1:A9)",
};

static char *
make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char              *dir = g_dir_make_tmp ("esc-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint            n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static EscSarReport *
make_sar_report (const char *lao_name,
                 const char *note_prefix)
{
  EscSarReport *report = esc_sar_report_new ();
  const char   *dims[] = { "กระบวนการ", "ผลผลิต", "ผลลัพธ์" };
  const char   *codes[] = { "1", "2", "18", "19", "19.1", "19.2", "24", "34" };
  double        total = 0;

  report->lao_code = g_strdup ("6330101");
  report->lao_name = g_strdup (lao_name);
  report->lao_type = g_strdup ("เทศบาลตำบล");
  report->district = g_strdup ("กันทรลักษ์");
  report->province = g_strdup ("ศรีสะเกษ");
  report->fiscal_year = 2568;
  report->kind = g_strdup ("ประเมินตนเอง");
  report->assessor = g_strdup ("สมชาย ใจดี");
  report->status = g_strdup ("ร่าง");
  report->framework = g_strdup ("เกณฑ์ ESC ปีงบประมาณ 2568");
  report->created_at = 1727740800; /* 1 Oct 2024 */
  report->updated_at = 1730419200;
  report->exported_at = 1732700000;

  for (guint i = 0; i < G_N_ELEMENTS (component_names); i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i + 1);
      double           points = 20.5 * (i + 1);

      g_ptr_array_add (report->components,
                       esc_export_component_new (id, component_names[i], points, 210, 100 * points / 210));
      total += 25 * points / 210;
    }
  report->total_percent = total;
  report->pass_mark_percent = 60;
  report->passed = total >= 60;
  report->n_complete = 6;
  report->n_indicators = 34;
  report->n_with_evidence = 3;

  report->n_dimensions = 3;
  for (guint i = 0; i < 3; i++)
    report->dimension_names[i] = g_strdup (dims[i]);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      EscExportItem *item = esc_export_item_new (codes[i]);

      item->is_part = strchr (codes[i], '.') != NULL;
      item->component = g_strdup (component_names[MIN (i / 2, 3)]);
      item->issue = g_strdup ("การจัดการขยะมูลฝอยและน้ำเสีย");
      item->name = g_strdup_printf ("ตัวชี้วัดที่ %s ระบบจัดการน้ำเสียชุมชน", codes[i]);
      item->max = 30;
      if (g_str_equal (codes[i], "24"))
        {
          item->lpa_percent = 87.5;
          item->points = 26.25;
        }
      else if (!g_str_equal (codes[i], "34"))
        {
          item->values[0] = 8;
          item->values[1] = 5.5;
          item->values[2] = i;
          item->points = 13.5 + i;
        }
      if (!isnan (item->points))
        item->percent = 100 * item->points / item->max;
      item->status = g_strdup (isnan (item->points) ? "ยังไม่เริ่ม" : "เสร็จแล้ว");
      item->checked = i % 2 ? g_strdup ("1, 3") : NULL;
      item->note = g_strdup_printf ("%s%s บันทึกที่ %u\nบรรทัดที่สอง", note_prefix ? note_prefix : "",
                                    i < G_N_ELEMENTS (injections) ? injections[i] : "หมายเหตุ", i);
      item->evidence = i == 0 ? g_strdup ("แผนปฏิบัติการ (หน้า 1–3)\nรายงานผล (หน้า 2)") : NULL;
      g_ptr_array_add (report->items, item);
    }

  for (guint i = 0; i < 3; i++)
    {
      EscExportDocument *document = esc_export_document_new ();

      document->uuid = g_strdup_printf ("doc-%u", i);
      document->file_name = g_strdup_printf ("%s-%u.pdf", i == 2 ? "=cmd" : "แผน", i);
      document->title = g_strdup (i == 1 ? "@รายงาน" : "แผนปฏิบัติการด้านสิ่งแวดล้อม");
      document->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, document->uuid, -1);
      document->size = 123456 * (i + 1);
      document->n_pages = 3 + i;
      document->items = g_strdup (i == 0 ? "1, 19.1" : "2");
      g_ptr_array_add (report->documents, document);
    }

  return report;
}

static void
check_sar_workbook (const char   *path,
                    EscSarReport *report)
{
  XlsxDump        *dump = xlsx_dump_load (path);
  JsonArray       *sheets = xlsx_dump_sheets (dump);
  g_autofree char *title = NULL;
  g_autofree char *created = esc_thai_format_timestamp (report->created_at, TRUE);
  guint            row;
  guint            col;

  g_assert_cmpuint (json_array_get_length (sheets), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 0), "name"), ==, "สรุป");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 1), "name"), ==, "ตัวชี้วัด");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 2), "name"), ==, "หลักฐาน");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 3), "name"), ==, "ประวัติ");

  title = g_strdup_printf ("ESC self-assessment of %s, fiscal year %d", report->lao_name, report->fiscal_year);
  g_assert_cmpstr (json_object_get_string_member (xlsx_dump_properties (dump), "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (xlsx_dump_properties (dump), "creator"), ==, report->assessor);

  /* สรุป */
  xlsx_dump_select (dump, "สรุป");
  g_assert_cmpstr (xlsx_sheet_string (dump, "freeze_panes"), ==, "A2");
  g_assert_cmpstr (xlsx_sheet_string (dump, "print_title_rows"), ==, "$1:$1");
  g_assert_cmpstr (xlsx_sheet_string (dump, "orientation"), ==, "portrait");
  g_assert_cmpint (json_object_get_int_member (dump->sheet, "paper_size"), ==, 9);
  xlsx_assert_text (dump, 0, 0, title);
  row = 2;
  xlsx_assert_text (dump, row, 0, "LAO code");
  xlsx_assert_text (dump, row++, 1, report->lao_code);
  xlsx_assert_text (dump, row, 0, "Local government");
  xlsx_assert_text (dump, row++, 1, report->lao_name);
  xlsx_assert_text (dump, row, 0, "Type");
  xlsx_assert_text (dump, row++, 1, report->lao_type);
  xlsx_assert_text (dump, row, 0, "District");
  xlsx_assert_text (dump, row++, 1, report->district);
  xlsx_assert_text (dump, row, 0, "Province");
  xlsx_assert_text (dump, row++, 1, report->province);
  xlsx_assert_text (dump, row, 0, "Fiscal year");
  xlsx_assert_number (dump, row++, 1, report->fiscal_year);
  xlsx_assert_text (dump, row, 0, "Kind of assessment");
  xlsx_assert_text (dump, row++, 1, report->kind);
  xlsx_assert_text (dump, row, 0, "Assessor");
  xlsx_assert_text (dump, row++, 1, report->assessor);
  xlsx_assert_text (dump, row, 0, "Status");
  xlsx_assert_text (dump, row++, 1, report->status);
  xlsx_assert_text (dump, row, 0, "Framework");
  xlsx_assert_text (dump, row++, 1, report->framework);
  xlsx_assert_text (dump, row, 0, "Created");
  xlsx_assert_text (dump, row++, 1, created);
  g_assert_nonnull (strstr (created, "2567")); /* พ.ศ. */
  xlsx_assert_text (dump, row++, 0, "Last changed");
  xlsx_dump_cell (dump, row - 1, 1);
  xlsx_assert_text (dump, row++, 0, "Exported");
  xlsx_dump_cell (dump, row - 1, 1);
  row++;
  xlsx_assert_text (dump, row, 0, "Component");
  xlsx_assert_text (dump, row, 1, "Name");
  xlsx_assert_text (dump, row, 2, "Points");
  xlsx_assert_text (dump, row, 3, "Maximum");
  xlsx_assert_text (dump, row++, 4, "Percent");
  for (guint i = 0; i < report->components->len; i++, row++)
    {
      EscExportComponent *c = g_ptr_array_index (report->components, i);

      xlsx_assert_text (dump, row, 0, c->id);
      xlsx_assert_text (dump, row, 1, c->name);
      xlsx_assert_number (dump, row, 2, c->points);
      xlsx_assert_number (dump, row, 3, c->max);
      xlsx_assert_number (dump, row, 4, c->percent);
    }
  xlsx_assert_text (dump, row, 1, "Total (percent)");
  xlsx_assert_number (dump, row, 4, report->total_percent);
  row += 2;
  xlsx_assert_text (dump, row, 0, "Pass mark (percent)");
  xlsx_assert_number (dump, row++, 1, report->pass_mark_percent);
  xlsx_assert_text (dump, row, 0, "Verdict");
  xlsx_assert_text (dump, row++, 1, report->passed ? "Passed" : "Not passed");
  xlsx_assert_text (dump, row, 0, "Indicators scored");
  xlsx_assert_number (dump, row++, 1, report->n_complete);
  xlsx_assert_text (dump, row, 0, "Indicators");
  xlsx_assert_number (dump, row++, 1, report->n_indicators);
  xlsx_assert_text (dump, row, 0, "Indicators with evidence");
  xlsx_assert_number (dump, row++, 1, report->n_with_evidence);
  xlsx_assert_text (dump, row, 0, "Completeness (percent)");
  xlsx_assert_number (dump, row++, 1, 100.0 * report->n_complete / report->n_indicators);
  xlsx_assert_all_checked (dump);

  /* ตัวชี้วัด */
  xlsx_dump_select (dump, "ตัวชี้วัด");
  g_assert_cmpstr (xlsx_sheet_string (dump, "freeze_panes"), ==, "A2");
  g_assert_cmpstr (xlsx_sheet_string (dump, "print_title_rows"), ==, "$1:$1");
  g_assert_cmpstr (xlsx_sheet_string (dump, "orientation"), ==, "landscape");
  g_assert_cmpstr (xlsx_sheet_string (dump, "auto_filter"), ==, "A1:O9");
  col = 0;
  xlsx_assert_text (dump, 0, col++, "No.");
  xlsx_assert_text (dump, 0, col++, "Component");
  xlsx_assert_text (dump, 0, col++, "Issue");
  xlsx_assert_text (dump, 0, col++, "Indicator");
  for (guint d = 0; d < report->n_dimensions; d++)
    xlsx_assert_text (dump, 0, col++, report->dimension_names[d]);
  xlsx_assert_text (dump, 0, col++, "LPA score (percent)");
  xlsx_assert_text (dump, 0, col++, "Points");
  xlsx_assert_text (dump, 0, col++, "Maximum");
  xlsx_assert_text (dump, 0, col++, "Percent");
  xlsx_assert_text (dump, 0, col++, "Status");
  xlsx_assert_text (dump, 0, col++, "Criteria met");
  xlsx_assert_text (dump, 0, col++, "Note");
  xlsx_assert_text (dump, 0, col++, "Evidence");
  for (guint i = 0; i < report->items->len; i++)
    {
      EscExportItem *item = g_ptr_array_index (report->items, i);
      JsonObject    *cell;

      row = i + 1;
      col = 0;
      xlsx_assert_text (dump, row, col++, item->code);
      xlsx_assert_text (dump, row, col++, item->component);
      xlsx_assert_text (dump, row, col++, item->issue);
      cell = xlsx_dump_cell (dump, row, col);
      g_assert_cmpstr (json_object_get_string_member (cell, "font"), ==, "TH Sarabun New");
      g_assert_true (json_object_get_boolean_member (cell, "wrap"));
      xlsx_assert_text (dump, row, col++, item->name);
      for (guint d = 0; d < report->n_dimensions; d++)
        xlsx_assert_number (dump, row, col++, item->values[d]);
      xlsx_assert_number (dump, row, col++, item->lpa_percent);
      cell = xlsx_dump_cell (dump, row, col);
      if (cell != NULL)
        g_assert_cmpstr (json_object_get_string_member (cell, "number_format"), ==, "0.00");
      xlsx_assert_number (dump, row, col++, item->points);
      xlsx_assert_number (dump, row, col++, item->max);
      xlsx_assert_number (dump, row, col++, item->percent);
      xlsx_assert_text (dump, row, col++, item->status);
      xlsx_assert_text (dump, row, col++, item->checked);
      xlsx_assert_text (dump, row, col++, item->note);
      xlsx_assert_text (dump, row, col++, item->evidence);
    }
  xlsx_assert_all_checked (dump);

  /* หลักฐาน */
  xlsx_dump_select (dump, "หลักฐาน");
  g_assert_cmpstr (xlsx_sheet_string (dump, "freeze_panes"), ==, "A2");
  g_assert_cmpstr (xlsx_sheet_string (dump, "print_title_rows"), ==, "$1:$1");
  xlsx_assert_text (dump, 0, 0, "File name");
  xlsx_assert_text (dump, 0, 1, "Title");
  xlsx_assert_text (dump, 0, 2, "SHA-256");
  xlsx_assert_text (dump, 0, 3, "Size (bytes)");
  xlsx_assert_text (dump, 0, 4, "Pages");
  xlsx_assert_text (dump, 0, 5, "Used by indicators");
  for (guint i = 0; i < report->documents->len; i++)
    {
      EscExportDocument *document = g_ptr_array_index (report->documents, i);

      row = i + 1;
      xlsx_assert_text (dump, row, 0, document->file_name);
      xlsx_assert_text (dump, row, 1, document->title);
      xlsx_assert_text (dump, row, 2, document->sha256);
      xlsx_assert_number (dump, row, 3, document->size);
      xlsx_assert_number (dump, row, 4, document->n_pages);
      xlsx_assert_text (dump, row, 5, document->items);
    }
  xlsx_assert_all_checked (dump);

  xlsx_dump_free (dump);
}

static void
test_sar_read_back (void)
{
  g_autofree char         *dir = make_dir ();
  g_autofree char         *path = g_build_filename (dir, "รายงาน SAR.xlsx", NULL);
  g_autoptr (EscSarReport) report = make_sar_report ("เทศบาลตำบลกันทรลักษ์", NULL);
  g_autoptr (GError)       error = NULL;

  g_assert_true (esc_sar_report_write (report, path, ESC_EXPORT_DEFAULT, NULL, &error));
  g_assert_no_error (error);
  check_sar_workbook (path, report);
  g_assert_cmpuint (count_entries (dir), ==, 1); /* no temporary file left */
}

/* Each of = + - @ at the start of a name, a note or a title stays text. */
static void
test_sar_injection (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (injections); i++)
    {
      g_autofree char         *dir = make_dir ();
      g_autofree char         *path = g_build_filename (dir, "sar.xlsx", NULL);
      g_autoptr (EscSarReport) report = make_sar_report (injections[i], injections[i]);
      g_autoptr (GError)       error = NULL;
      EscExportItem           *item = g_ptr_array_index (report->items, 0);

      g_free (report->assessor);
      report->assessor = g_strdup (injections[(i + 1) % G_N_ELEMENTS (injections)]);
      g_free (item->name);
      item->name = g_strdup (injections[i]);
      g_free (item->checked);
      item->checked = g_strdup (injections[i]);

      g_assert_true (esc_sar_report_write (report, path, ESC_EXPORT_DEFAULT, NULL, &error));
      g_assert_no_error (error);
      /* check_sar_workbook asserts type "s" and the exact text of every cell */
      check_sar_workbook (path, report);
    }
}

static EscProvinceReport *
make_province_report (guint n_rows)
{
  EscProvinceReport *report = esc_province_report_new (2568, 4, 34);
  const char        *districts[] = { "กันทรลักษ์", "ขุขันธ์", "เมืองศรีสะเกษ", "=อุทุมพรพิสัย" };

  report->exported_at = 1732700000;
  for (guint i = 0; i < 4; i++)
    report->component_names[i] = g_strdup (component_names[i]);
  for (guint i = 0; i < 34; i++)
    {
      report->indicator_codes[i] = g_strdup_printf ("%u", i + 1);
      report->indicator_max[i] = 30;
    }

  for (guint r = 0; r < n_rows; r++)
    {
      EscProvinceRow *row = esc_province_row_new (report);

      row->code = g_strdup_printf ("63%05u", r);
      row->name = g_strdup_printf ("%sองค์การบริหารส่วนตำบลที่ %u", r == 3 ? "+" : "", r);
      row->district = g_strdup (districts[r % G_N_ELEMENTS (districts)]);
      row->type = g_strdup (r % 5 == 0 ? "ทต." : "อบต.");
      row->assessed = r % 4 != 1;
      if (row->assessed)
        {
          double total = 0;

          row->status = g_strdup ("ร่าง");
          for (guint c = 0; c < 4; c++)
            {
              row->component_percent[c] = fmod (r * 7.3 + c * 11.1, 100);
              total += row->component_percent[c] / 4;
            }
          row->total_percent = total;
          row->passed = total >= 60;
          row->verdict = g_strdup (row->passed ? "Passed" : "Not passed");
          row->completeness = (r % 34) / 34.0;
          for (guint k = 0; k < 34; k++)
            if ((r + k) % 3 != 0)
              row->indicator_points[k] = fmod (r * 1.5 + k, 30);
        }
      else
        row->status = g_strdup ("ไม่ได้ประเมิน");
      g_ptr_array_add (report->rows, row);
    }

  return report;
}

static void
test_province_read_back (void)
{
  g_autofree char              *dir = make_dir ();
  g_autofree char              *path = g_build_filename (dir, "province.xlsx", NULL);
  g_autoptr (EscProvinceReport) report = make_province_report (41);
  g_autoptr (GError)            error = NULL;
  XlsxDump                     *dump;
  JsonObject                   *sheet;
  JsonArray                    *cfs;
  guint                         col;
  double                        bins[10] = { 0 };
  double                        sums[4] = { 0 };
  guint                         n_assessed = 0;

  g_assert_true (esc_province_report_write (report, path, ESC_EXPORT_DEFAULT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  dump = xlsx_dump_load (path);

  xlsx_dump_select (dump, "อปท.");
  g_assert_cmpstr (xlsx_sheet_string (dump, "freeze_panes"), ==, "A2");
  g_assert_cmpstr (xlsx_sheet_string (dump, "print_title_rows"), ==, "$1:$1");
  g_assert_cmpstr (xlsx_sheet_string (dump, "auto_filter"), ==, "A1:L42");
  col = 0;
  xlsx_assert_text (dump, 0, col++, "LAO code");
  xlsx_assert_text (dump, 0, col++, "Local government");
  xlsx_assert_text (dump, 0, col++, "District");
  xlsx_assert_text (dump, 0, col++, "Type");
  xlsx_assert_text (dump, 0, col++, "Assessment status");
  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *t = g_strdup_printf ("%s (percent)", component_names[c]);

      xlsx_assert_text (dump, 0, col++, t);
    }
  xlsx_assert_text (dump, 0, col++, "Total (percent)");
  xlsx_assert_text (dump, 0, col++, "Verdict");
  xlsx_assert_text (dump, 0, col++, "Completeness (percent)");
  for (guint r = 0; r < report->rows->len; r++)
    {
      EscProvinceRow *row = g_ptr_array_index (report->rows, r);

      col = 0;
      xlsx_assert_text (dump, r + 1, col++, row->code);
      xlsx_assert_text (dump, r + 1, col++, row->name);
      xlsx_assert_text (dump, r + 1, col++, row->district);
      xlsx_assert_text (dump, r + 1, col++, row->type);
      xlsx_assert_text (dump, r + 1, col++, row->status);
      for (guint c = 0; c < 4; c++)
        xlsx_assert_number (dump, r + 1, col++, row->component_percent[c]);
      xlsx_assert_number (dump, r + 1, col++, row->total_percent);
      xlsx_assert_text (dump, r + 1, col++, row->verdict);
      xlsx_assert_number (dump, r + 1, col++, isnan (row->completeness) ? NAN : 100 * row->completeness);
      if (row->assessed)
        {
          bins[(guint) CLAMP (row->total_percent / 10, 0, 9)]++;
          for (guint c = 0; c < 4; c++)
            sums[c] += row->component_percent[c];
          n_assessed++;
        }
    }
  xlsx_assert_all_checked (dump);

  sheet = xlsx_dump_select (dump, "ตัวชี้วัด");
  g_assert_cmpstr (xlsx_sheet_string (dump, "freeze_panes"), ==, "C2");
  g_assert_cmpstr (xlsx_sheet_string (dump, "print_title_rows"), ==, "$1:$1");
  cfs = json_object_get_array_member (sheet, "conditional_formats");
  g_assert_cmpuint (json_array_get_length (cfs), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (cfs, 0), ==, "D2:AK42");
  xlsx_assert_text (dump, 0, 0, "LAO code");
  xlsx_assert_text (dump, 0, 1, "Local government");
  xlsx_assert_text (dump, 0, 2, "District");
  for (guint k = 0; k < 34; k++)
    xlsx_assert_text (dump, 0, 3 + k, report->indicator_codes[k]);
  for (guint r = 0; r < report->rows->len; r++)
    {
      EscProvinceRow *row = g_ptr_array_index (report->rows, r);

      xlsx_assert_text (dump, r + 1, 0, row->code);
      xlsx_assert_text (dump, r + 1, 1, row->name);
      xlsx_assert_text (dump, r + 1, 2, row->district);
      for (guint k = 0; k < 34; k++)
        xlsx_assert_number (dump, r + 1, 3 + k, row->indicator_points[k]);
    }
  xlsx_assert_all_checked (dump);

  /* Districts in Thai collation order, with their counts and averages */
  xlsx_dump_select (dump, "อำเภอ");
  {
    const char *order[] = { "=อุทุมพรพิสัย", "กันทรลักษ์", "ขุขันธ์", "เมืองศรีสะเกษ" };
    const char *districts[] = { "กันทรลักษ์", "ขุขันธ์", "เมืองศรีสะเกษ", "=อุทุมพรพิสัย" };

    xlsx_assert_text (dump, 0, 0, "District");
    xlsx_assert_text (dump, 0, 1, "Local governments");
    xlsx_assert_text (dump, 0, 2, "Assessed");
    xlsx_assert_text (dump, 0, 3, "Passed");
    xlsx_assert_text (dump, 0, 4, "Average total (percent)");
    for (guint c = 0; c < 4; c++)
      {
        g_autofree char *t = g_strdup_printf ("Average %s (percent)", component_names[c]);

        xlsx_assert_text (dump, 0, 5 + c, t);
      }
    for (guint d = 0; d < 4; d++)
      {
        guint  n = 0, n_a = 0, n_p = 0;
        double total = 0, comp[4] = { 0 };

        g_assert_true (g_utf8_collate (order[d], order[MIN (d + 1, 3)]) <= 0);
        for (guint r = 0; r < report->rows->len; r++)
          {
            EscProvinceRow *row = g_ptr_array_index (report->rows, r);

            if (!g_str_equal (row->district, order[d]))
              continue;
            n++;
            if (row->assessed)
              {
                n_a++;
                total += row->total_percent;
                for (guint c = 0; c < 4; c++)
                  comp[c] += row->component_percent[c];
              }
            n_p += row->passed > 0;
          }
        xlsx_assert_text (dump, d + 1, 0, order[d]);
        xlsx_assert_number (dump, d + 1, 1, n);
        xlsx_assert_number (dump, d + 1, 2, n_a);
        xlsx_assert_number (dump, d + 1, 3, n_p);
        xlsx_assert_number (dump, d + 1, 4, total / n_a);
        for (guint c = 0; c < 4; c++)
          xlsx_assert_number (dump, d + 1, 5 + c, comp[c] / n_a);
      }
    (void) districts;
  }
  xlsx_assert_all_checked (dump);

  sheet = xlsx_dump_select (dump, "แผนภูมิ");
  g_assert_cmpint (json_object_get_int_member (sheet, "charts"), ==, 2);
  xlsx_assert_text (dump, 0, 0, "Component");
  xlsx_assert_text (dump, 0, 1, "Average (percent)");
  xlsx_assert_text (dump, 0, 3, "Total (percent)");
  xlsx_assert_text (dump, 0, 4, "Local governments");
  for (guint c = 0; c < 4; c++)
    {
      xlsx_assert_text (dump, c + 1, 0, component_names[c]);
      xlsx_assert_number (dump, c + 1, 1, sums[c] / n_assessed);
    }
  for (guint b = 0; b < 10; b++)
    {
      g_autofree char *label = g_strdup_printf ("%u–%u", b * 10, b * 10 + 10);

      xlsx_assert_text (dump, b + 1, 3, label);
      xlsx_assert_number (dump, b + 1, 4, bins[b]);
    }
  xlsx_assert_all_checked (dump);

  xlsx_dump_free (dump);
}

static void
test_evidence_names (void)
{
  g_autoptr (EscSarReport) report = esc_sar_report_new ();
  g_autoptr (GPtrArray)    names = NULL;
  g_autoptr (GHashTable)   seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char         *long_title = NULL;
  GString                 *s = g_string_new (NULL);
  const char              *titles[] = {
                 "../x",
                 "a/b",
                 NULL /* 300 characters */,
                 "!!!...///???",
                 "รายงานผล",
                 "รายงานผล",
                 "รายงานผล",
                 "..",
                 ".",
                 "",
                 "a\\b\x01\n\tc",
                 "CON",
                 "ผลลัพธ์/../../etc/passwd",
                 "ใบเสร็จ:*?\"<>|",
  };

  for (guint i = 0; i < 100; i++)
    g_string_append (s, "กิ่"); /* a consonant with two combining marks */
  long_title = g_string_free (s, FALSE);
  titles[2] = long_title;
  g_assert_cmpuint (g_utf8_strlen (long_title, -1), ==, 300);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_ptr_array_add (report->links, esc_export_link_new (i == 1 ? "19.1" : "3", "d", titles[i], "x", ""));
  g_ptr_array_add (report->links, esc_export_link_new ("../../3", "d", "x", "x", ""));
  g_ptr_array_add (report->links, esc_export_link_new ("3", "d", "รายงานผล (2)", "x", ""));

  names = esc_export_evidence_names (report);
  g_assert_cmpuint (names->len, ==, report->links->len);

  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      g_autofree char *base = g_path_get_basename (name);
      g_autofree char *key = g_utf8_casefold (name, -1);

      g_test_message ("%s", name);
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpstr (base, ==, name);
      g_assert_null (strchr (name, '/'));
      g_assert_null (strchr (name, '\\'));
      g_assert_true (name[0] != '.');
      g_assert_true (g_str_has_suffix (name, ".pdf"));
      g_assert_cmpuint (strlen (name), <=, ESC_EXPORT_MAX_NAME_BYTES);
      for (const char *p = name; *p; p = g_utf8_next_char (p))
        g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
      /* a name never starts with a combining mark cut from its consonant */
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, g_steal_pointer (&key));
    }

  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "3_x.pdf");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "19.1_a_b.pdf");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (names, 2), "3_กิ่กิ่"));
  /* the cut keeps whole characters with their marks */
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 2), "กิ่.pdf"));
  g_assert_cmpstr (g_ptr_array_index (names, 4), ==, "3_รายงานผล.pdf");
  g_assert_cmpstr (g_ptr_array_index (names, 5), ==, "3_รายงานผล (2).pdf");
  g_assert_cmpstr (g_ptr_array_index (names, 6), ==, "3_รายงานผล (3).pdf");
  /* a title that is already "รายงานผล (2)" gets the next free name */
  g_assert_cmpstr (g_ptr_array_index (names, names->len - 1), ==, "3_รายงานผล (2) (2).pdf");

  {
    g_autofree char *single = esc_export_evidence_name ("7", "แผน/งาน\x7f");

    g_assert_cmpstr (single, ==, "7_แผน_งาน.pdf");
  }
}

static gboolean
fake_blob (const char    *sha256,
           GOutputStream *stream,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *content = g_strdup_printf ("%%PDF-1.4 %s\n", sha256);

  return g_output_stream_write_all (stream, content, strlen (content), NULL, cancellable, error);
}

static void
test_evidence_package (void)
{
  g_autofree char         *dir = make_dir ();
  g_autofree char         *folder = g_build_filename (dir, "หลักฐาน", NULL);
  g_autofree char         *outside = g_build_filename (dir, "x.pdf", NULL);
  g_autoptr (EscSarReport) report = esc_sar_report_new ();
  g_autoptr (GPtrArray)    names = NULL;
  g_autoptr (GError)       error = NULL;
  g_autofree char         *first = NULL;
  g_autofree char         *content = NULL;

  g_ptr_array_add (report->links, esc_export_link_new ("1", "a", "../x", "sha-a", "1-2"));
  g_ptr_array_add (report->links, esc_export_link_new ("1", "b", "../x", "sha-b", ""));
  g_ptr_array_add (report->links, esc_export_link_new ("19.1", "c", "a/b", "sha-c", ""));
  names = esc_export_evidence_names (report);

  g_assert_true (esc_export_write_evidence (report, folder, ESC_EXPORT_DEFAULT, fake_blob, NULL,
                                            NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (folder), ==, 3);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  first = g_build_filename (folder, g_ptr_array_index (names, 0), NULL);
  g_assert_true (g_file_get_contents (first, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "%PDF-1.4 sha-a\n");

  /* again: refused, nothing changed */
  g_file_set_contents (first, "mine", -1, NULL);
  g_assert_false (esc_export_write_evidence (report, folder, ESC_EXPORT_DEFAULT, fake_blob, NULL,
                                             NULL, NULL, NULL, &error));
  g_assert_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&content, g_free);
  g_assert_true (g_file_get_contents (first, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "mine");
  g_assert_cmpuint (count_entries (folder), ==, 3);

  /* with the overwrite flag */
  g_assert_true (esc_export_write_evidence (report, folder, ESC_EXPORT_OVERWRITE, fake_blob, NULL,
                                            NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&content, g_free);
  g_assert_true (g_file_get_contents (first, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "%PDF-1.4 sha-a\n");
  g_assert_cmpuint (count_entries (folder), ==, 3);
}

static void
test_exists (void)
{
  g_autofree char         *dir = make_dir ();
  g_autofree char         *path = g_build_filename (dir, "sar.xlsx", NULL);
  g_autoptr (EscSarReport) report = make_sar_report ("อบต.ทดสอบ", NULL);
  g_autoptr (GError)       error = NULL;
  g_autofree char         *content = NULL;

  g_file_set_contents (path, "keep me", -1, NULL);
  g_assert_false (esc_sar_report_write (report, path, ESC_EXPORT_DEFAULT, NULL, &error));
  g_assert_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "keep me");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_clear_error (&error);

  g_assert_true (esc_sar_report_write (report, path, ESC_EXPORT_OVERWRITE, NULL, &error));
  g_assert_no_error (error);
  check_sar_workbook (path, report);
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

static void
test_cancelled (void)
{
  g_autofree char              *dir = make_dir ();
  g_autofree char              *path = g_build_filename (dir, "p.xlsx", NULL);
  g_autoptr (EscProvinceReport) report = make_province_report (600);
  g_autoptr (GCancellable)      cancellable = g_cancellable_new ();
  g_autoptr (GError)            error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (esc_province_report_write (report, path, ESC_EXPORT_DEFAULT, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (dir), ==, 0);
}

/* A full disk, simulated with a file size limit: a clear error, and neither
 * the final name nor a temporary file is left behind. */
static gboolean
big_blob (const char    *sha256,
          GOutputStream *stream,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  static char chunk[16384];

  for (guint k = 0; k < 8; k++)
    if (!g_output_stream_write_all (stream, chunk, sizeof chunk, NULL, cancellable, error))
      return FALSE;
  return TRUE;
}

static void
test_no_space (void)
{
  if (g_test_subprocess ())
    {
      const char                   *dir = g_getenv ("ESC_TEST_DIR");
      g_autofree char              *path = g_build_filename (dir, "national.xlsx", NULL);
      g_autofree char              *evidence = g_build_filename (dir, "evidence", NULL);
      g_autoptr (EscProvinceReport) report = make_province_report (1200);
      g_autoptr (EscSarReport)      sar = esc_sar_report_new ();
      g_autoptr (GError)            error = NULL;
      struct rlimit                 limit = { 64 * 1024, 64 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (esc_province_report_write (report, path, ESC_EXPORT_DEFAULT, NULL, NULL, NULL, &error));
      g_assert_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_NO_SPACE);
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      g_assert_true (g_mkdir (evidence, 0755) == 0);
      for (guint i = 0; i < 3; i++)
        g_ptr_array_add (sar->links, esc_export_link_new ("1", "a", "big", "sha", ""));
      g_assert_false (esc_export_write_evidence (sar, evidence, ESC_EXPORT_DEFAULT, big_blob, NULL,
                                                 NULL, NULL, NULL, &error));
      g_assert_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_NO_SPACE);
      g_assert_cmpuint (count_entries (evidence), ==, 0);
      return;
    }

  {
    g_autofree char *dir = make_dir ();

    g_setenv ("ESC_TEST_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*disk is full*");
    /* only the evidence folder the child made: no workbook, no temporary file */
    g_assert_cmpuint (count_entries (dir), ==, 1);
  }
}

/* A folder that cannot be written to. Root ignores permissions, so the
 * child drops to nobody first. */
static void
test_read_only (void)
{
  if (g_test_subprocess ())
    {
      const char              *dir = g_getenv ("ESC_TEST_DIR");
      g_autofree char         *path = g_build_filename (dir, "sar.xlsx", NULL);
      g_autoptr (EscSarReport) report = make_sar_report ("อบต.ทดสอบ", NULL);
      g_autoptr (GError)       error = NULL;

      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      g_assert_false (esc_sar_report_write (report, path, ESC_EXPORT_DEFAULT, NULL, &error));
      g_assert_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_READ_ONLY);
      g_printerr ("%s\n", error->message);
      return;
    }

  {
    g_autofree char *dir = make_dir ();

    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
    g_setenv ("ESC_TEST_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*read-only*");
    g_assert_cmpuint (count_entries (dir), ==, 0);
    g_chmod (dir, 0755);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/export/sar/read-back", test_sar_read_back);
  g_test_add_func ("/core/export/sar/injection", test_sar_injection);
  g_test_add_func ("/core/export/province/read-back", test_province_read_back);
  g_test_add_func ("/core/export/evidence/names", test_evidence_names);
  g_test_add_func ("/core/export/evidence/package", test_evidence_package);
  g_test_add_func ("/core/export/file/exists", test_exists);
  g_test_add_func ("/core/export/file/cancelled", test_cancelled);
  g_test_add_func ("/core/export/file/no-space", test_no_space);
  g_test_add_func ("/core/export/file/read-only", test_read_only);

  return g_test_run ();
}
