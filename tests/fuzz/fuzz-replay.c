/* fuzz-replay.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A main() for a fuzz target outside libFuzzer: feeds it every file of the folders given,
 * once, so the seed corpus and the inputs of past crashes are run by every build.
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
main (int   argc,
      char *argv[])
{
  guint n_tests = 0;

  printf ("1..%d\n", argc - 1);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError)    error = NULL;
      g_autoptr (GDir)      dir = g_dir_open (argv[i], 0, &error);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char           *name;

      if (dir == NULL)
        {
          printf ("not ok %d - %s\n", i, error->message);
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (argv[i], g_ptr_array_index (names, j), NULL);
          g_autofree char *contents = NULL;
          gsize            length;

          if (!g_file_get_contents (path, &contents, &length, &error))
            {
              printf ("# %s\n", error->message);
              g_clear_error (&error);
              continue;
            }
          printf ("# %s\n", path);
          fflush (stdout);
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          n_tests++;
        }
      printf ("ok %d - %u inputs from %s\n", i, names->len, argv[i]);
    }

  return 0;
}
