/* test-page-ranges.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "esc-page-ranges.h"

static void
test_valid (void)
{
  struct
  {
    const char *text;
    const char *canonical;
  } cases[] = {
    { "", "" },
    { "  ", "" },
    { "9", "9" },
    { "3-5, 9", "3-5, 9" },
    { "9,3-5", "3-5, 9" },
    { "3 - 5 ,9", "3-5, 9" },
    { "1–2; 7", "1-2, 7" },
    { "๓-๕, ๙", "3-5, 9" },
    { "3-5, 4-8, 9, 12", "3-9, 12" },
    { "2 2 2", "2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char   *canonical = esc_page_ranges_normalize (cases[i].text, 20, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (canonical, ==, cases[i].canonical);
    }
}

static void
test_contains (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ranges = esc_page_ranges_parse ("9, 3-5", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpuint (esc_page_ranges_get_first (ranges), ==, 3);
  g_assert_false (esc_page_ranges_contains (ranges, 2));
  g_assert_true (esc_page_ranges_contains (ranges, 3));
  g_assert_true (esc_page_ranges_contains (ranges, 5));
  g_assert_false (esc_page_ranges_contains (ranges, 6));
  g_assert_true (esc_page_ranges_contains (ranges, 9));
}

static void
test_invalid (void)
{
  struct
  {
    const char *text;
    guint       n_pages;
    int         code;
    const char *says;
  } cases[] = {
    { "3-", 10, ESC_PAGE_RANGES_ERROR_SYNTAX, "3-5, 9" },
    { "-3", 10, ESC_PAGE_RANGES_ERROR_SYNTAX, "-3" },
    { "abc", 10, ESC_PAGE_RANGES_ERROR_SYNTAX, "abc" },
    { "3.5", 10, ESC_PAGE_RANGES_ERROR_SYNTAX, "3.5" },
    { "5-3", 10, ESC_PAGE_RANGES_ERROR_SYNTAX, "5-3" },
    { "0", 10, ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE, "1" },
    { "3-11", 10, ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE, "11" },
    { "2", 1, ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE, "1 page" },
    { "99999999999", 0, ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE, "large" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) ranges = esc_page_ranges_parse (cases[i].text, cases[i].n_pages, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (ranges);
      g_assert_error (error, ESC_PAGE_RANGES_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/page-ranges/valid", test_valid);
  g_test_add_func ("/core/page-ranges/contains", test_contains);
  g_test_add_func ("/core/page-ranges/invalid", test_invalid);

  return g_test_run ();
}
