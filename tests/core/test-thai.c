/* test-thai.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "esc-thai.h"

static void
test_fiscal_year (void)
{
  g_autoptr (GDateTime) sep = g_date_time_new_utc (2025, 9, 30, 12, 0, 0);
  g_autoptr (GDateTime) oct = g_date_time_new_utc (2024, 10, 1, 12, 0, 0);
  g_autoptr (GDateTime) nov = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);

  /* FY 2568 = 1 Oct 2024 – 30 Sep 2025 */
  g_assert_cmpint (esc_thai_fiscal_year (sep), ==, 2568);
  g_assert_cmpint (esc_thai_fiscal_year (oct), ==, 2568);
  g_assert_cmpint (esc_thai_fiscal_year (nov), ==, 2570);
  g_assert_cmpint (esc_thai_be_year (2026), ==, 2569);
}

static void
test_format_date (void)
{
  g_autoptr (GDateTime) dt = g_date_time_new_local (2026, 11, 27, 9, 5, 0);
  g_autofree char *th = esc_thai_format_date (dt, TRUE);
  g_autofree char *en = esc_thai_format_date (dt, FALSE);

  g_assert_cmpstr (th, ==, "27 พ.ย. 2569 09:05");
  g_assert_cmpstr (en, ==, "27 Nov 2569 09:05");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/thai/fiscal-year", test_fiscal_year);
  g_test_add_func ("/core/thai/format-date", test_format_date);

  return g_test_run ();
}
