/* test-report.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printed summaries: one page each, Thai text that a PDF reader can extract, and
 * a page that renders to an image with Poppler's command-line tools.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "esc-report.h"

static const char benefits[] =
  "การเข้าร่วมโครงการเมืองสิ่งแวดล้อมยั่งยืนช่วยให้องค์กรปกครองส่วนท้องถิ่นได้ทบทวนการจัดการสิ่งแวดล้อม "
  "ได้รับการยกย่องในระดับพื้นที่และระดับประเทศ และใช้ผลการประเมินวางแผนงานปีต่อไป";

static char *
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *out = NULL;
  g_autofree char   *err = NULL;
  int                status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);

  return g_steal_pointer (&out);
}

/* pdftotext may put a space where a Thai mark sits over a tall consonant; compare the
 * characters in order, without spaces and line breaks. */
static gboolean
contains (const char *text,
          const char *expected)
{
  g_autoptr (GString) a = g_string_new (NULL);
  g_autoptr (GString) b = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ' ' && *p != '\n')
      g_string_append_c (a, *p);
  for (const char *p = expected; *p; p++)
    if (*p != ' ' && *p != '\n')
      g_string_append_c (b, *p);

  return strstr (a->str, b->str) != NULL;
}

static EscLaoSummary *
make_lao_report (guint n_items)
{
  EscLaoSummary *report = esc_lao_summary_new ();

  g_free (report->title);
  report->title = g_strdup ("เทศบาลตำบลส้มป่อย");
  g_free (report->subtitle);
  report->subtitle = g_strdup ("เทศบาลตำบล · อำเภอราษีไศล · จังหวัดศรีสะเกษ");
  g_free (report->status);
  report->status = g_strdup ("ลงทะเบียนในระบบ SAR แล้ว");
  report->fiscal_year = 2569;
  esc_lao_summary_add_bar (report, "1 เมืองอยู่ดี", 72.5);
  esc_lao_summary_add_bar (report, "2 คนมีสุข", 55);
  esc_lao_summary_add_bar (report, "3 สิ่งแวดล้อมยั่งยืน", 81);
  esc_lao_summary_add_bar (report, "4 เมืองแห่งการเรียนรู้และการบริหารจัดการที่ดี", -1);
  report->total_percent = 61.2;
  report->pass_mark_percent = 60;
  for (guint i = 0; i < n_items; i++)
    {
      g_ptr_array_add (report->strengths, g_strdup_printf ("ตัวชี้วัด %u การจัดการขยะมูลฝอย: 90 %%", i + 1));
      g_ptr_array_add (report->gaps, g_strdup_printf ("ตัวชี้วัด %u คุณภาพน้ำ: 40 %%", i + 8));
      g_ptr_array_add (report->prepare,
                       g_strdup_printf ("ตัวชี้วัด %u: แนบเอกสารหลักฐานและระบุหน้าที่แสดงผลการดำเนินงาน "
                                        "ให้ครบตามเกณฑ์ก่อนส่งการประเมินในระบบ SAR",
                                        i + 17));
    }
  g_free (report->benefits);
  report->benefits = g_strdup (benefits);

  return report;
}

static void
check_pdf (const char *path,
           const char *expect_text)
{
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png_prefix = g_strconcat (path, "-page", NULL);
  g_autofree char *png = g_strconcat (png_prefix, ".png", NULL);
  g_autofree char *png_data = NULL;
  gsize            png_length = 0;
  const char      *info_argv[] = { "pdfinfo", path, NULL };
  const char      *text_argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  const char      *ppm_argv[] = { "pdftoppm", "-png", "-r", "50", "-singlefile", path, png_prefix, NULL };

  /* ESC_REPORT_KEEP=DIR keeps a copy of each page to look at. */
  if (g_getenv ("ESC_REPORT_KEEP") != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *copy = g_build_filename (g_getenv ("ESC_REPORT_KEEP"), base, NULL);
      g_autofree char *data = NULL;
      gsize            length = 0;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_true (g_file_set_contents (copy, data, length, NULL));
    }

  info = run (info_argv);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));

  text = run (text_argv);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (contains (text, expect_text));

  g_free (run (ppm_argv));
  g_assert_true (g_file_get_contents (png, &png_data, &png_length, NULL));
  g_assert_cmpuint (png_length, >, 1000);
  g_assert_cmpmem (png_data, 8, "\x89PNG\r\n\x1a\n", 8);
}

static void
test_lao_pdf (void)
{
  g_autoptr (EscLaoSummary) report = make_lao_report (3);
  g_autoptr (GError)        error = NULL;
  g_autofree char          *path = g_build_filename (g_get_user_cache_dir (), "lao.pdf", NULL);
  g_autofree char          *text = NULL;
  const char               *text_argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (esc_lao_summary_write_pdf (report, path, &error));
  g_assert_no_error (error);

  check_pdf (path, "เทศบาลตำบลส้มป่อย");
  text = run (text_argv);
  /* Thai with its vowels and tone marks, from the body and the benefits. */
  g_assert_true (contains (text, "สิ่งแวดล้อมยั่งยืน"));
  g_assert_true (contains (text, "ตัวชี้วัด 17"));
  g_assert_true (contains (text, "72.5 %"));
  g_assert_true (contains (text, "2569"));
}

/* A long list still makes one page: the rest is counted, not printed on page two. */
static void
test_lao_pdf_one_page (void)
{
  g_autoptr (EscLaoSummary) report = make_lao_report (40);
  g_autoptr (GError)        error = NULL;
  g_autofree char          *path = g_build_filename (g_get_user_cache_dir (), "long.pdf", NULL);
  g_autofree char          *text = NULL;
  const char               *text_argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (esc_lao_summary_write_pdf (report, path, &error));
  g_assert_no_error (error);
  check_pdf (path, "เทศบาลตำบลส้มป่อย");

  text = run (text_argv);
  g_assert_true (contains (text, "more"));
  /* The benefits still fit at the bottom of the page. */
  g_assert_true (contains (text, "การเข้าร่วมโครงการ"));
}

static void
test_province_pdf (void)
{
  g_autoptr (EscProvinceSummary) report = esc_province_summary_new ();
  g_autoptr (GError)             error = NULL;
  g_autofree char               *path = g_build_filename (g_get_user_cache_dir (), "province.pdf", NULL);
  g_autofree char               *text = NULL;
  const char                    *text_argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  const char                    *districts[] = { "เมืองศรีสะเกษ", "ราษีไศล", "ขุนหาญ", "เมืองจันทร์" };

  g_free (report->province);
  report->province = g_strdup ("ศรีสะเกษ");
  report->fiscal_year = 2570;
  report->target = 12;
  report->actual = 9;
  report->status_counts[0] = 200;
  report->status_counts[3] = 9;
  for (guint i = 0; i < G_N_ELEMENTS (districts); i++)
    {
      EscSummaryDistrict *row = g_new0 (EscSummaryDistrict, 1);

      row->district = g_strdup (districts[i]);
      row->target = 3;
      row->actual = i;
      g_ptr_array_add (report->districts, row);
    }
  g_ptr_array_add (report->participants, g_strdup ("เทศบาลตำบลขุนหาญ: ส่งแล้ว"));
  g_ptr_array_add (report->prepare, g_strdup ("ตัวชี้วัด 7: ไม่มีหลักฐาน, 3 อปท."));
  g_free (report->benefits);
  report->benefits = g_strdup (benefits);

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (esc_province_summary_write_pdf (report, path, &error));
  g_assert_no_error (error);
  check_pdf (path, "ศรีสะเกษ");

  text = run (text_argv);
  g_assert_true (contains (text, "เทศบาลตำบลขุนหาญ"));
  g_assert_true (contains (text, "ราษีไศล"));
}

/* Without a Thai font every Thai glyph would be a box; the page must not have any. */
static void
test_thai_font (void)
{
  cairo_surface_t      *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t              *cr = cairo_create (surface);
  PangoLayout          *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Laksaman 12");

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, "เมืองสิ่งแวดล้อมยั่งยืน ศรีสะเกษ", -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);

  pango_font_description_free (desc);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_unwritable (void)
{
  g_autoptr (EscLaoSummary) report = make_lao_report (1);
  g_autoptr (GError)        error = NULL;

  g_assert_false (esc_lao_summary_write_pdf (report, "/nonexistent/folder/out.pdf", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/report/lao-pdf", test_lao_pdf);
  g_test_add_func ("/core/report/lao-pdf-one-page", test_lao_pdf_one_page);
  g_test_add_func ("/core/report/province-pdf", test_province_pdf);
  g_test_add_func ("/core/report/thai-font", test_thai_font);
  g_test_add_func ("/core/report/unwritable", test_unwritable);

  return g_test_run ();
}
