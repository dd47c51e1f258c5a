/* fuzz-page-ranges.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Page ranges typed by a user ("3-5, ๙"): any text is parsed, and what parses is written back
 * canonically and must parse again to the same ranges.
 */
#include "config.h"

#include <stdint.h>

#include "esc-page-ranges.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char   *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ranges = NULL;
  guint              n_pages = 0;

  /* The first byte picks the document length, 0 meaning unknown. */
  if (size > 0)
    {
      n_pages = data[0] % 64;
      data++;
      size--;
    }
  text = g_strndup ((const char *) data, size);

  ranges = esc_page_ranges_parse (text, n_pages, &error);
  if (ranges == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);

  {
    g_autofree char   *canonical = esc_page_ranges_to_string (ranges);
    g_autoptr (GArray) again = esc_page_ranges_parse (canonical, n_pages, &error);
    g_autofree char   *canonical_again = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (again);
    canonical_again = esc_page_ranges_to_string (again);
    g_assert_cmpstr (canonical, ==, canonical_again);

    for (guint i = 0; i < ranges->len; i++)
      {
        const EscPageRange *range = &g_array_index (ranges, EscPageRange, i);

        g_assert_cmpuint (range->first, >=, 1);
        g_assert_cmpuint (range->first, <=, range->last);
        if (n_pages > 0)
          g_assert_cmpuint (range->last, <=, n_pages);
        g_assert_true (esc_page_ranges_contains (ranges, range->first));
        g_assert_true (esc_page_ranges_contains (ranges, range->last));
      }
    if (ranges->len > 0)
      g_assert_cmpuint (esc_page_ranges_get_first (ranges), ==,
                        g_array_index (ranges, EscPageRange, 0).first);
  }

  return 0;
}
