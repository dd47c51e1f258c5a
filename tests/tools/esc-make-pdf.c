/* esc-make-pdf.c: writes the test PDFs (tests/data/make-fixtures.sh uses it)
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   esc-make-pdf thai FILE         the Thai multi-page fixture
 *   esc-make-pdf pages N FILE      N numbered pages
 *   esc-make-pdf big BYTES FILE    one page padded to BYTES
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "esc-test-pdf.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  gboolean           ok = FALSE;

  if (argc == 3 && g_str_equal (argv[1], "thai"))
    ok = esc_test_write_text_pdf (argv[2], esc_test_thai_pages, &error);
  else if (argc == 4 && g_str_equal (argv[1], "pages"))
    ok = esc_test_write_pages_pdf (argv[3], atoi (argv[2]), &error);
  else if (argc == 4 && g_str_equal (argv[1], "big"))
    ok = esc_test_write_big_pdf (argv[3], g_ascii_strtoll (argv[2], NULL, 10), &error);
  else
    {
      fprintf (stderr, "usage: esc-make-pdf thai FILE | pages N FILE | big BYTES FILE\n");
      return 1;
    }
  if (!ok)
    {
      fprintf (stderr, "esc-make-pdf: %s\n", error->message);
      return 1;
    }
  return 0;
}
