/* esc-cli.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdio.h>

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_strcmp0 (argv[1], "--version") == 0)
    {
      printf ("esc-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  fprintf (stderr, "usage: esc-cli COMMAND ...\n");
  return 1;
}
