/* test-crash.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The durability promise: a change reported saved survives the process being killed at any
 * instant. A writer process (crash-writer, or esc-cli) makes the edits of esc-test-script.h
 * and is SIGKILLed at a random moment; each time the workspace must pass the integrity check
 * and hold exactly the edits acknowledged, plus at most the one in flight.
 *
 * ESC_CRASH_KILLS sets the number of kills of each part (default 150 + 60; 25 + 10 with
 * ESC_TEST_QUICK, in the sanitizer build).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "esc-test-script.h"

static char *test_dir; /* where this test and crash-writer are built */

typedef struct
{
  char          *dir;
  char          *path;
  char          *backup_dir;
  EscTestScript *script;
  guint          last; /* the last edit the workspace holds */
  guint          kills;
  guint          acked;
} Fixture;

static guint
n_kills (guint fallback)
{
  const char *env = g_getenv ("ESC_CRASH_KILLS");

  return env != NULL ? (guint) atoi (env) : fallback;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("esc-crash-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "crash.esca", NULL);
  f->backup_dir = g_build_filename (f->dir, "backups", NULL);
  f->script = esc_test_script_create (f->path);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_test_message ("%u kills survived, %u edits acknowledged, %u edits in the workspace",
                  f->kills, f->acked, f->last);
  esc_test_script_free (f->script);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->backup_dir);
}

static char **
child_env (Fixture *f)
{
  char **env = g_get_environ ();

  /* Backups made on the first open of the day go to the test's folder. */
  return g_environ_setenv (env, "ESC_BACKUP_DIR", f->backup_dir, TRUE);
}

/* Opens the workspace as the application would after the crash and holds it to the acks. */
static void
check_after_kill (Fixture *f,
                  guint    acked)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  guint                 found;

  store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  found = esc_test_script_find_last (f->script, store, &error);
  g_assert_no_error (error);
  /* Every acknowledged edit is there; at most the one in flight beyond it. */
  g_assert_cmpuint (found, >=, acked);
  g_assert_cmpuint (found, <=, acked + 1);
  if (!esc_test_script_verify (f->script, store, found, &error))
    g_error ("%s", error->message);

  f->last = found;
  f->kills++;
}

/* Reads what the writer wrote into text, until a whole line has come or timeout passes. */
static void
wait_for_line (int      fd,
               GString *text,
               gint64   timeout_usec)
{
  gint64 deadline = g_get_monotonic_time () + timeout_usec;

  while (strchr (text->str, '\n') == NULL && g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      char          buffer[256];
      ssize_t       n;

      if (poll (&pfd, 1, 10) <= 0)
        continue;
      n = read (fd, buffer, sizeof buffer);
      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
    }
}

/* Reads the rest of the acks (the writer is dead) and returns the last edit acknowledged. */
static guint
parse_acks (int      fd,
            GString *text,
            guint    last)
{
  g_auto (GStrv) lines = NULL;
  char           buffer[4096];
  ssize_t        n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (text, buffer, n);

  lines = g_strsplit (text->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint seq;

      /* A line cut short by the kill has no newline and is not an ack. */
      if (lines[i + 1] == NULL || *lines[i] == '\0')
        continue;
      seq = (guint) strtoul (lines[i], NULL, 10);
      g_assert_cmpuint (seq, ==, last + 1);
      last = seq;
    }
  return last;
}

static void
test_kill_store_writer (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *writer = g_build_filename (test_dir, "crash-writer", NULL);
  g_auto (GStrv)   env = child_env (f);
  guint            rounds = n_kills (esc_test_scale (150, 20));

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr (GError)  error = NULL;
      g_autoptr (GString) text = g_string_new (NULL);
      g_autofree char    *first = g_strdup_printf ("%u", f->last + 1);
      const char         *argv[] = { writer, f->path, first, NULL };
      GPid                pid;
      int                 out_fd;
      int                 status;
      guint               acked;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* One kill in five lands while the writer starts (opening, recovering the WAL, the
       * daily backup); the others once it is editing, anywhere in an edit. */
      if (round % 5 == 0)
        {
          g_usleep (g_test_rand_int_range (0, 20000));
        }
      else
        {
          wait_for_line (out_fd, text, 10 * G_USEC_PER_SEC);
          g_usleep (g_test_rand_int_range (0, 30000));
        }
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      if (!WIFSIGNALED (status))
        g_error ("crash-writer ended on its own (status %d) instead of being killed", status);

      acked = parse_acks (out_fd, text, f->last);
      close (out_fd);
      f->acked += acked - f->last;
      check_after_kill (f, acked);
    }

  g_assert_cmpuint (f->kills, ==, rounds);
  /* Four rounds in five waited for an edit before the kill. */
  g_assert_cmpuint (f->acked, >=, rounds * 4 / 5);
}

static void
test_kill_cli (Fixture      *f,
               gconstpointer data)
{
  const char      *build_dir = g_getenv ("ESC_BUILD_DIR");
  g_autofree char *esc_cli = NULL;
  g_auto (GStrv)   env = child_env (f);
  guint            rounds = n_kills (esc_test_scale (60, 8));

  if (build_dir == NULL)
    {
      g_test_skip ("ESC_BUILD_DIR is not set");
      return;
    }
  esc_cli = g_build_filename (build_dir, "src", "cli", "esc-cli", NULL);

  for (guint round = 0; round < rounds; round++)
    {
      gint64   deadline = g_get_monotonic_time () + g_test_rand_int_range (1000, 400000);
      guint    acked = f->last;
      gboolean killed = FALSE;

      /* Edits one esc-cli each, until the deadline falls inside one of them. */
      while (!killed)
        {
          g_autoptr (GError) error = NULL;
          g_auto (GStrv)     argv = NULL;
          guint              seq = acked + 1;
          GPid               pid;
          int                status;

          argv = esc_test_script_cli_args (f->script, esc_cli, f->path, seq);
          if (argv == NULL)
            {
              /* Imports have no answer-set command: apply them here, unkilled. */
              g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

              g_assert_no_error (error);
              g_assert_true (esc_test_script_apply (f->script, store, seq, &error));
              g_assert_no_error (error);
              acked = seq;
              continue;
            }

          g_assert_true (g_spawn_async (NULL, argv, env,
                                        G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                        NULL, NULL, &pid, &error));
          g_assert_no_error (error);

          for (;;)
            {
              pid_t done = waitpid (pid, &status, WNOHANG);

              g_assert_cmpint (done, >=, 0);
              if (done == pid)
                break;
              if (g_get_monotonic_time () >= deadline)
                {
                  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
                  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
                  break;
                }
              g_usleep (200);
            }
          g_spawn_close_pid (pid);

          if (WIFSIGNALED (status))
            {
              killed = TRUE;
            }
          else
            {
              g_assert_cmpint (WEXITSTATUS (status), ==, 0);
              acked = seq; /* esc-cli exited 0: the edit is saved */
              f->acked++;
            }
        }

      check_after_kill (f, acked);
    }

  g_assert_cmpuint (f->kills, ==, rounds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  test_dir = g_path_get_dirname (argv[0]);

  g_test_add ("/crash/kill-store-writer", Fixture, NULL, fixture_set_up,
              test_kill_store_writer, fixture_tear_down);
  g_test_add ("/crash/kill-esc-cli", Fixture, NULL, fixture_set_up, test_kill_cli,
              fixture_tear_down);

  return g_test_run ();
}
