/* test-shared.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two windows, one file: the same workspace kept open by two processes, as two windows
 * (or a window and esc-cli) do. Each sees what the other saved without reopening, changes
 * to one answer from both sides add up instead of overwriting each other, and while one
 * holds the file for writing the other still reads the last saved state and, once its
 * wait runs out, is told the file is in use, with nothing half-written.
 *
 * The second process is store-peer, driven one command at a time.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "esc-test-script.h"

#define N_ROUNDS 40

static char *test_dir; /* where this test and store-peer are built */

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Peer;

static char *
peer_ask (Peer       *peer,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

/* Sends one command and returns the peer's one-line answer. */
static char *
peer_ask (Peer       *peer,
          const char *format,
          ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *command = NULL;
  g_autofree char   *line = NULL;
  va_list            args;
  char              *answer;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);
  line = g_strconcat (command, "\n", NULL);

  g_assert_true (g_output_stream_write_all (peer->in, line, strlen (line), NULL, NULL, &error));
  g_assert_no_error (error);
  answer = g_data_input_stream_read_line_utf8 (peer->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  return answer;
}

static void
peer_start (Peer       *peer,
            const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *program = g_build_filename (test_dir, "store-peer", NULL);
  g_autofree char   *ready = NULL;

  peer->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    program, path, NULL);
  g_assert_no_error (error);
  peer->in = g_subprocess_get_stdin_pipe (peer->process);
  peer->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  ready = g_data_input_stream_read_line_utf8 (peer->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ready, ==, "ready");
}

static void
peer_stop (Peer *peer)
{
  g_autoptr (GError) error = NULL;

  /* The peer ends when its input does. */
  g_assert_true (g_output_stream_close (peer->in, NULL, &error));
  g_assert_true (g_subprocess_wait_check (peer->process, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&peer->out);
  g_clear_object (&peer->process);
}

static void
set_value (EscStore   *store,
           const char *assessment,
           const char *item_code,
           const char *key,
           double      value)
{
  g_autoptr (GError) error = NULL;
  EscAnswerChange    change;

  esc_answer_change_init (&change, item_code);
  esc_answer_change_set_value (&change, key, value);
  g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
  g_assert_no_error (error);
}

/* The answer of item_code as the store reads it now, or NULL. */
static EscAnswer *
read_answer (EscStore   *store,
             const char *assessment,
             const char *item_code)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) answers = esc_store_load_answers (store, assessment, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < answers->len; i++)
    if (g_str_equal (((EscAnswer *) answers->pdata[i])->item_code, item_code))
      return g_ptr_array_steal_index (answers, i);
  return NULL;
}

/* What store-peer says of a value it reads: "key=value" among its words. */
static gboolean
says (const char *reply,
      const char *key,
      double      value)
{
  g_autofree char *word = g_strdup_printf ("%s=%g", key, value);
  g_auto (GStrv)   words = g_strsplit (reply, " ", -1);

  return g_strv_contains ((const char *const *) words, word);
}

static void
test_two_windows (void)
{
  g_autoptr (GError)        error = NULL;
  g_autofree char          *dir = esc_test_make_tmp_dir ("esc-shared-XXXXXX", &error);
  g_autofree char          *path = g_build_filename (dir, "shared.esca", NULL);
  g_autoptr (EscTestScript) script = esc_test_script_create (path);
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (EscFramework)  framework = esc_framework_new_default (&error);
  g_autoptr (GPtrArray)     items = g_ptr_array_new ();
  g_autoptr (GPtrArray)     problems = NULL;
  const char               *assessment = esc_test_script_get_assessment (script);
  double                    expected[N_ROUNDS][ESC_MAX_DIMENSIONS];
  const EscIndicator       *item;
  Peer                      peer = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    if (esc_framework_get_item (framework, i)->method == ESC_SCORING_DIMENSIONS &&
        esc_framework_get_item (framework, i)->n_dimensions >= 2)
      g_ptr_array_add (items, (gpointer) esc_framework_get_item (framework, i));
  g_assert_cmpuint (items->len, >=, 4);
  g_assert_cmpuint (items->len, <=, N_ROUNDS);
  item = g_ptr_array_index (items, 0);

  /* Both windows open before either changes anything. */
  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "first window");
  peer_start (&peer, path);

  /* The second sees what the first saved. */
  set_value (store, assessment, item->code, item->dimensions[0].id, 3);
  {
    g_autofree char *reply = peer_ask (&peer, "get %s %s", assessment, item->code);

    g_assert_true (says (reply, item->dimensions[0].id, 3));
  }

  /* The first sees what the second saved, and the two changes to one answer add up. */
  {
    g_autofree char      *reply = peer_ask (&peer, "note %s %s จากหน้าต่างที่สอง", assessment, item->code);
    g_autoptr (EscAnswer) answer = NULL;

    g_assert_cmpstr (reply, ==, "ok");
    answer = read_answer (store, assessment, item->code);
    g_assert_nonnull (answer);
    g_assert_cmpstr (answer->note, ==, "จากหน้าต่างที่สอง");
    g_assert_cmpfloat (answer->values[0], ==, 3);
  }
  set_value (store, assessment, item->code, item->dimensions[1].id, 4);
  {
    g_autofree char *reply = peer_ask (&peer, "get %s %s", assessment, item->code);

    g_assert_true (says (reply, item->dimensions[0].id, 3));
    g_assert_true (says (reply, item->dimensions[1].id, 4));
    g_assert_true (g_str_has_suffix (reply, "note=จากหน้าต่างที่สอง"));
  }

  /* Turn by turn, each changes a value the other then reads back: nothing is lost. */
  for (guint r = 0; r < N_ROUNDS; r++)
    for (guint d = 0; d < ESC_MAX_DIMENSIONS; d++)
      expected[r][d] = NAN;
  for (guint r = 0; r < N_ROUNDS; r++)
    {
      const EscIndicator *target = g_ptr_array_index (items, 1 + r % (items->len - 1));
      guint               slot = 1 + r % (items->len - 1);
      guint               d = (r / (items->len - 1)) % target->n_dimensions;
      double              value = (r * 7) % ((guint) target->dimensions[d].max + 1);

      expected[slot][d] = value;
      if (r % 2 == 0)
        {
          g_autofree char *reply = NULL;

          set_value (store, assessment, target->code, target->dimensions[d].id, value);
          reply = peer_ask (&peer, "get %s %s", assessment, target->code);
          g_assert_true (says (reply, target->dimensions[d].id, value));
        }
      else
        {
          g_autofree char      *reply = peer_ask (&peer, "set %s %s %s %g", assessment, target->code,
                                                  target->dimensions[d].id, value);
          g_autoptr (EscAnswer) answer = NULL;

          g_assert_cmpstr (reply, ==, "ok");
          answer = read_answer (store, assessment, target->code);
          g_assert_nonnull (answer);
          g_assert_cmpfloat (answer->values[d], ==, value);
        }
    }
  for (guint slot = 1; slot < MIN (items->len, N_ROUNDS); slot++)
    {
      const EscIndicator   *target = g_ptr_array_index (items, slot);
      g_autoptr (EscAnswer) answer = read_answer (store, assessment, target->code);

      for (guint d = 0; d < target->n_dimensions; d++)
        if (!isnan (expected[slot][d]))
          {
            g_assert_nonnull (answer);
            g_assert_cmpfloat (answer->values[d], ==, expected[slot][d]);
          }
    }

  /* While the second holds the file for writing, the first still reads the last saved
   * state; its own write waits, and when the wait runs out it is told the file is in use,
   * and nothing of it is saved. */
  {
    const EscIndicator   *held = g_ptr_array_index (items, 1);
    g_autofree char      *reply = peer_ask (&peer, "hold %s %s %s 1", assessment, held->code, held->dimensions[0].id);
    g_autoptr (EscAnswer) before = read_answer (store, assessment, held->code);
    g_autoptr (EscAnswer) answer = NULL;
    EscAnswerChange       change;
    gint64                start = g_get_monotonic_time ();

    g_assert_cmpstr (reply, ==, "ok");
    g_assert_nonnull (before);
    g_assert_cmpfloat (before->values[0], !=, 1);

    esc_answer_change_init (&change, item->code);
    esc_answer_change_set_value (&change, item->dimensions[item->n_dimensions - 1].id, 2);
    g_assert_false (esc_store_apply_answer (store, assessment, &change, NULL, &error));
    g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_BUSY);
    g_assert_nonnull (strstr (error->message, "Another program is writing"));
    g_test_message ("told after %.1f s: %s", (g_get_monotonic_time () - start) / 1e6, error->message);
    g_clear_error (&error);

    /* Once the second has saved, the first sees it and its own change goes through. */
    g_free (reply);
    reply = peer_ask (&peer, "release");
    g_assert_cmpstr (reply, ==, "ok");
    answer = read_answer (store, assessment, held->code);
    g_assert_cmpfloat (answer->values[0], ==, 1);
    g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
    g_assert_no_error (error);
    g_free (reply);
    reply = peer_ask (&peer, "get %s %s", assessment, item->code);
    g_assert_true (says (reply, item->dimensions[item->n_dimensions - 1].id, 2));
    g_assert_true (says (reply, item->dimensions[0].id, 3));
  }

  peer_stop (&peer);
  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&store);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  test_dir = g_path_get_dirname (argv[0]);

  g_test_add_func ("/shared/two-windows-one-file", test_two_windows);

  return g_test_run ();
}
