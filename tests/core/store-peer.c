/* store-peer.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second window of test-shared: a process that keeps a workspace open, as a window
 * does, and changes or reads it when told. One command a line on stdin, one line of
 * answer on stdout:
 *
 *   set ASSESSMENT ITEM KEY VALUE   sets one value             → "ok" or "error N MESSAGE"
 *   note ASSESSMENT ITEM TEXT…      sets the note              → "ok" or "error N MESSAGE"
 *   get ASSESSMENT ITEM             reads the answer           → "KEY=VALUE … note=TEXT"
 *   hold ASSESSMENT ITEM KEY VALUE  sets a value in a transaction left open → "ok"
 *   release                         commits it                 → "ok"
 *
 *   store-peer WORKSPACE
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc-store.h"

static void
reply (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static void
reply (const char *format,
       ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static void
reply_result (gboolean ok,
              GError  *error)
{
  if (ok)
    reply ("ok");
  else
    reply ("error %d %s", error->code, error->message);
}

static char *
describe (EscStore   *store,
          const char *assessment,
          const char *item_code)
{
  g_autoptr (GError)        error = NULL;
  g_autoptr (GPtrArray)     answers = esc_store_load_answers (store, assessment, &error);
  g_autoptr (EscAssessment) found = NULL;
  g_autoptr (EscFramework)  framework = NULL;
  const EscIndicator       *item;
  GString                  *text = g_string_new (NULL);

  if (answers == NULL)
    {
      g_string_printf (text, "error %d %s", error->code, error->message);
      return g_string_free (text, FALSE);
    }
  found = esc_store_get_assessment (store, assessment, &error);
  framework = found != NULL ? esc_store_get_framework (store, found->framework_uuid, &error) : NULL;
  item = framework != NULL ? esc_framework_lookup_indicator (framework, item_code) : NULL;

  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer *answer = g_ptr_array_index (answers, i);

      if (item == NULL || g_strcmp0 (answer->item_code, item_code) != 0)
        continue;
      for (guint d = 0; d < item->n_dimensions; d++)
        if (!isnan (answer->values[d]))
          g_string_append_printf (text, "%s=%g ", item->dimensions[d].id, answer->values[d]);
      g_string_append_printf (text, "note=%s", answer->note != NULL ? answer->note : "");
    }
  if (text->len == 0)
    g_string_append (text, "none");

  return g_string_free (text, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = NULL;
  char                 line[4096];

  if (argc != 2)
    {
      fprintf (stderr, "usage: store-peer WORKSPACE\n");
      return 1;
    }

  store = esc_store_open (argv[1], ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      fprintf (stderr, "store-peer: %s\n", error->message);
      return 2;
    }
  esc_store_set_author (store, "store-peer");
  reply ("ready");

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto (GStrv)     words = NULL;
      g_autoptr (GError) local_error = NULL;
      EscAnswerChange    change;

      g_strchomp (line);
      words = g_strsplit (line, " ", 4);

      if (g_strv_length (words) == 4 && g_str_equal (words[0], "note"))
        {
          esc_answer_change_init (&change, words[2]);
          change.note = words[3];
          reply_result (esc_store_apply_answer (store, words[1], &change, NULL, &local_error), local_error);
        }
      else if (g_str_equal (words[0], "set") || g_str_equal (words[0], "hold"))
        {
          g_auto (GStrv) args = g_strsplit (line, " ", 5);
          gboolean       hold = g_str_equal (words[0], "hold");
          gboolean       ok;

          if (g_strv_length (args) != 5)
            {
              reply ("error -1 usage: %s ASSESSMENT ITEM KEY VALUE", args[0]);
              continue;
            }
          esc_answer_change_init (&change, args[2]);
          esc_answer_change_set_value (&change, args[3], g_ascii_strtod (args[4], NULL));
          ok = (!hold || esc_store_begin_batch (store, &local_error)) &&
               esc_store_apply_answer (store, args[1], &change, NULL, &local_error);
          reply_result (ok, local_error);
        }
      else if (g_str_equal (words[0], "release"))
        {
          reply_result (esc_store_end_batch (store, TRUE, &local_error), local_error);
        }
      else if (g_str_equal (words[0], "get") && g_strv_length (words) == 3)
        {
          g_autofree char *text = describe (store, words[1], words[2]);

          reply ("%s", text);
        }
      else
        {
          reply ("error -1 unknown command: %s", line);
        }
    }

  return 0;
}
