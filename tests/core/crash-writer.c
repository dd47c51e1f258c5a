/* crash-writer.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The process test-crash kills. It applies the edits of esc-test-script.h from FIRST on, and
 * after each one the store reports saved it writes "seq\n" to stdout: a promise the test
 * then holds the workspace to.
 *
 *   crash-writer WORKSPACE FIRST [COUNT]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esc-test-script.h"

static void
ack (guint seq)
{
  char line[32];
  int  n = g_snprintf (line, sizeof line, "%u\n", seq);

  /* Straight to the pipe, unbuffered: the ack is out before the next edit starts. */
  if (write (STDOUT_FILENO, line, (size_t) n) != n)
    exit (4);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError)        error = NULL;
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (EscTestScript) script = NULL;
  guint                     first, count;

  if (argc < 3)
    {
      fprintf (stderr, "usage: crash-writer WORKSPACE FIRST [COUNT]\n");
      return 1;
    }
  first = (guint) strtoul (argv[2], NULL, 10);
  count = argc > 3 ? (guint) strtoul (argv[3], NULL, 10) : 100000;

  store = esc_store_open (argv[1], ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      fprintf (stderr, "crash-writer: %s\n", error->message);
      return 2;
    }
  esc_store_set_author (store, "crash-writer");
  script = esc_test_script_load (store);

  for (guint seq = first; seq < first + count; seq++)
    {
      if (!esc_test_script_apply (script, store, seq, &error))
        {
          fprintf (stderr, "crash-writer: edit %u: %s\n", seq, error->message);
          return 3;
        }
      ack (seq);
    }

  return 0;
}
