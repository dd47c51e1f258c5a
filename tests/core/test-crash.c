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
 * Two more parts kill esc-cli while it attaches evidence (a PDF and a JPEG the test makes,
 * in one transaction) and while it merges another workspace into this one: after each kill
 * every attachment reported saved is there and its bytes come back with their SHA-256, and
 * the attachment or merge in flight is there whole or not at all.
 *
 * ESC_CRASH_KILLS sets the number of kills of each part (default 150 + 40 + 30 + 30; 20 +
 * 8 + 6 + 6 with ESC_TEST_QUICK, in the sanitizer build).
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

#include "esc-evidence.h"
#include "esc-test-pdf.h"
#include "esc-test-script.h"
#include "esc-test-workspace.h"

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
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_test_message ("%u kills survived, %u edits acknowledged, %u edits in the workspace",
                  f->kills, f->acked, f->last);
  esc_test_script_free (f->script);
  esc_test_remove_tree (f->dir);
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
  guint            rounds = n_kills (esc_test_scale (40, 8));

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

/* esc-cli, or NULL (the test is skipped) when ESC_BUILD_DIR is not set. */
static char *
find_esc_cli (void)
{
  const char *build_dir = g_getenv ("ESC_BUILD_DIR");

  if (build_dir == NULL)
    {
      g_test_skip ("ESC_BUILD_DIR is not set");
      return NULL;
    }
  return g_build_filename (build_dir, "src", "cli", "esc-cli", NULL);
}

/* Runs argv until it exits or, when deadline is not 0, until the monotonic deadline, when
 * it is killed. Returns TRUE when it exited 0 by itself, FALSE when it was killed; *usec is
 * how long it ran. */
static gboolean
run_until (char  **argv,
           char  **env,
           gint64  deadline,
           gint64 *usec)
{
  g_autoptr (GError) error = NULL;
  gint64             start = g_get_monotonic_time ();
  GPid               pid;
  int                status;

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
      if (deadline != 0 && g_get_monotonic_time () >= deadline)
        {
          g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          break;
        }
      g_usleep (200);
    }
  g_spawn_close_pid (pid);
  *usec = g_get_monotonic_time () - start;

  if (WIFSIGNALED (status))
    return FALSE;
  if (WEXITSTATUS (status) != 0)
    g_error ("%s exited with status %d", argv[0], WEXITSTATUS (status));
  return TRUE;
}

/* A deadline somewhere in a run as long as the last whole one, past the first fifth of it,
 * which esc-cli spends starting; none before the first run. */
static gint64
random_deadline (gint64 typical)
{
  gint64 span = MIN (typical * 5 / 4, G_MAXINT32 - 1);

  if (typical == 0)
    return 0;
  return g_get_monotonic_time () + g_test_rand_int_range ((gint32) (typical / 5), (gint32) span + 1);
}

/* A JPEG of its own: the test photo with a comment segment naming it. */
static void
write_jpeg (const char *path,
            const char *comment)
{
  g_autoptr (GError)     error = NULL;
  g_autofree char       *source = g_test_build_filename (G_TEST_DIST, "data", "photo.jpg", NULL);
  g_autofree char       *contents = NULL;
  gsize                  length = 0;
  g_autoptr (GByteArray) jpeg = g_byte_array_new ();
  gsize                  comment_length = strlen (comment);
  guint8                 marker[4] = { 0xff, 0xfe, (guint8) ((comment_length + 2) >> 8), (guint8) (comment_length + 2) };

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_cmpuint (length, >, 2);
  g_byte_array_append (jpeg, (const guint8 *) contents, 2); /* SOI */
  g_byte_array_append (jpeg, marker, sizeof marker);
  g_byte_array_append (jpeg, (const guint8 *) comment, (guint) comment_length);
  g_byte_array_append (jpeg, (const guint8 *) contents + 2, (guint) (length - 2));
  g_assert_true (g_file_set_contents (path, (const char *) jpeg->data, jpeg->len, &error));
}

/* Holds a document to be there whole: a document of that SHA-256, linked to item_code of
 * the assessment, whose stored bytes come back with that SHA-256. */
static void
assert_attached (EscStore   *store,
                 const char *dir,
                 const char *assessment,
                 const char *item_code,
                 const char *sha256)
{
  g_autoptr (GError)      error = NULL;
  g_autoptr (EscDocument) document = esc_store_get_document (store, sha256, &error);
  g_autoptr (GPtrArray)   links = NULL;
  g_autofree char        *out_path = g_build_filename (dir, "extracted", NULL);
  g_autoptr (GFile)       out = g_file_new_for_path (out_path);
  g_autofree char        *extracted = NULL;
  gboolean                linked = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (document->sha256, ==, sha256);
  links = esc_store_list_links (store, assessment, item_code, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    linked |= g_str_equal (((EscLink *) links->pdata[i])->document->sha256, sha256);
  g_assert_true (linked);

  g_assert_true (esc_store_extract_blob (store, sha256, out, NULL, &error));
  g_assert_no_error (error);
  extracted = esc_test_file_sha256 (out_path);
  g_assert_cmpstr (extracted, ==, sha256);
  g_unlink (out_path);
}

/* Opens the workspace after a kill and checks it passes the integrity check. */
static EscStore *
open_checked (Fixture *f)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  EscStore             *store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  return store;
}

/* The items the attachments and merges go to, in turn. */
static const char *
item_for_round (guint round)
{
  static const char *codes[] = { "1", "5", "12", "19.1", "27", "34" };

  return codes[round % G_N_ELEMENTS (codes)];
}

/* Each round attaches a new PDF and a new JPEG with one esc-cli, killed at a random
 * moment of it (the first round runs to its end, to time a run). */
static void
test_kill_attach (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char      *esc_cli = find_esc_cli ();
  g_auto (GStrv)        env = child_env (f);
  g_autofree char      *files = g_build_filename (f->dir, "files", NULL);
  g_autoptr (GPtrArray) saved = g_ptr_array_new_with_free_func (g_free); /* "code sha256" */
  guint                 rounds = n_kills (esc_test_scale (30, 6));
  const char           *assessment = esc_test_script_get_assessment (f->script);
  gint64                typical = 0;
  guint                 n_whole[2] = { 0, 0 }; /* kills that left none of it, all of it */

  if (esc_cli == NULL)
    return;
  g_assert_cmpint (g_mkdir_with_parents (files, 0700), ==, 0);

  for (guint round = 0; f->kills < rounds; round++)
    {
      g_autoptr (GError)   error = NULL;
      g_autofree char     *pdf = g_strdup_printf ("%s/round-%u.pdf", files, round);
      g_autofree char     *jpeg = g_strdup_printf ("%s/round-%u.jpg", files, round);
      g_autofree char     *text = g_strdup_printf ("หลักฐานรอบที่ %u", round);
      const char          *code = item_for_round (round);
      g_autofree char     *pdf_sha = NULL;
      g_autofree char     *jpeg_sha = NULL;
      const char          *sha[2];
      g_autoptr (EscStore) store = NULL;
      gint64               usec = 0;
      gboolean             done;
      guint                present = 0;

      /* A PDF of half a megabyte or more, so that a kill often lands while its bytes are
       * being stored; its size, different each round, makes its bytes its own. */
      g_assert_true (esc_test_write_big_pdf (pdf, 512 * 1024 + round * 7919, &error));
      g_assert_no_error (error);
      write_jpeg (jpeg, text);
      pdf_sha = esc_test_file_sha256 (pdf);
      jpeg_sha = esc_test_file_sha256 (jpeg);
      sha[0] = pdf_sha;
      sha[1] = jpeg_sha;

      {
        const char *argv[] = { esc_cli, "evidence", "add", f->path, "--assessment", assessment,
                               "--indicator", code, "--caption", text, pdf, jpeg, NULL };

        done = run_until ((char **) argv, env, random_deadline (typical), &usec);
      }
      if (done)
        typical = usec; /* the kills follow how long a whole run takes now */

      store = open_checked (f);
      /* Every attachment reported saved is there, whole. */
      for (guint i = 0; i < saved->len; i++)
        {
          g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (saved, i), " ", 2);

          assert_attached (store, f->dir, assessment, parts[0], parts[1]);
        }
      /* The one in flight: both files or neither. */
      for (guint i = 0; i < G_N_ELEMENTS (sha); i++)
        {
          g_autoptr (EscDocument) document = esc_store_get_document (store, sha[i], NULL);

          present += document != NULL;
        }
      if (done)
        g_assert_cmpuint (present, ==, 2);
      else
        g_assert_true (present == 0 || present == 2);
      if (!done)
        n_whole[present == 2]++;
      if (present == 2)
        for (guint i = 0; i < G_N_ELEMENTS (sha); i++)
          {
            assert_attached (store, f->dir, assessment, code, sha[i]);
            g_ptr_array_add (saved, g_strdup_printf ("%s %s", code, sha[i]));
          }

      if (done)
        f->acked++;
      else
        f->kills++;
      g_unlink (pdf);
      g_unlink (jpeg);
    }

  g_test_message ("%u attachments saved (a PDF and a JPEG each); of the %u kills, %u left none of "
                  "the one in flight, %u all of it; one run %.0f ms",
                  saved->len / 2, f->kills, n_whole[0], n_whole[1], typical / 1000.0);
  g_assert_cmpuint (f->kills, ==, rounds);
}

/* What one merge brings: 25 local governments, notes on six items and a PDF of a quarter
 * megabyte or more, all made in a copy of the workspace. */
#define MERGE_LAOS 25
#define MERGE_ITEMS 6

static void
make_merge_source (Fixture    *f,
                   const char *other,
                   guint       round,
                   char      **sha256_out)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GFile)     source = g_file_new_for_path (f->path);
  g_autoptr (GFile)     destination = g_file_new_for_path (other);
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autofree char      *note = g_strdup_printf ("merge %u", round);
  g_autofree char      *pdf = g_strdup_printf ("%s.pdf", other);
  g_autoptr (GFile)     pdf_file = g_file_new_for_path (pdf);
  g_autoptr (EscLink)   link = NULL;
  const char           *assessment = esc_test_script_get_assessment (f->script);

  /* The workspace is closed and its WAL checkpointed, so the file alone is a copy. */
  g_assert_true (g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  store = esc_store_open (other, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "other assessor");
  for (guint j = 0; j < MERGE_LAOS; j++)
    {
      EscLao *lao = esc_lao_new ();

      lao->name = g_strdup_printf ("merge-%u-%u", round, j);
      lao->type = g_strdup ("sao");
      lao->district = g_strdup ("เมือง");
      g_ptr_array_add (laos, lao);
    }
  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < MERGE_ITEMS; k++)
    {
      EscAnswerChange change;

      esc_answer_change_init (&change, item_for_round (k));
      change.note = note;
      g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (esc_test_write_big_pdf (pdf, 256 * 1024 + round * 7919, &error));
  g_assert_no_error (error);
  *sha256_out = esc_test_file_sha256 (pdf);
  link = esc_store_attach_file (store, pdf_file, NULL, assessment, "2", NULL, note, NULL, &error);
  g_assert_no_error (error);
  g_unlink (pdf);
}

/* How many of the things merge round brings the workspace holds. */
static guint
count_merged (EscStore   *store,
              Fixture    *f,
              guint       round,
              const char *sha256)
{
  g_autoptr (GError)      error = NULL;
  g_autoptr (GPtrArray)   laos = esc_store_list_laos (store, &error);
  g_autoptr (GPtrArray)   answers = NULL;
  g_autoptr (EscDocument) document = esc_store_get_document (store, sha256, NULL);
  g_autofree char        *prefix = g_strdup_printf ("merge-%u-", round);
  g_autofree char        *note = g_strdup_printf ("merge %u", round);
  guint                   n = 0;

  g_assert_no_error (error);
  answers = esc_store_load_answers (store, esc_test_script_get_assessment (f->script), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < laos->len; i++)
    n += g_str_has_prefix (((EscLao *) laos->pdata[i])->name, prefix);
  for (guint i = 0; i < answers->len; i++)
    n += g_strcmp0 (((EscAnswer *) answers->pdata[i])->note, note) == 0;
  if (document != NULL)
    {
      assert_attached (store, f->dir, esc_test_script_get_assessment (f->script), "2", sha256);
      n++;
    }
  return n;
}

/* Each round merges a copy of the workspace, changed, with one esc-cli killed at a random
 * moment of it: the merge is one transaction, so all of it is there or none of it. */
static void
test_kill_merge (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *esc_cli = find_esc_cli ();
  g_auto (GStrv)   env = child_env (f);
  g_autofree char *other = g_build_filename (f->dir, "other.esca", NULL);
  guint            rounds = n_kills (esc_test_scale (30, 6));
  guint            n_merged = 0;
  guint            n_whole[2] = { 0, 0 }; /* kills that left none of it, all of it */
  gint64           typical = 0;

  if (esc_cli == NULL)
    return;

  for (guint round = 0; f->kills < rounds; round++)
    {
      g_autofree char     *sha256 = NULL;
      g_autoptr (EscStore) store = NULL;
      const char          *argv[] = { esc_cli, "merge", f->path, other, NULL };
      gint64               usec = 0;
      gboolean             done;
      guint                found;

      make_merge_source (f, other, round, &sha256);
      done = run_until ((char **) argv, env, random_deadline (typical), &usec);
      if (done)
        typical = usec; /* the kills follow how long a whole run takes now */

      store = open_checked (f);
      found = count_merged (store, f, round, sha256);
      if (done)
        g_assert_cmpuint (found, ==, MERGE_LAOS + MERGE_ITEMS + 1);
      else if (found != 0 && found != MERGE_LAOS + MERGE_ITEMS + 1)
        g_error ("merge %u was cut short: %u of its %u changes are in the workspace", round, found,
                 MERGE_LAOS + MERGE_ITEMS + 1);
      n_merged += found != 0;
      if (!done)
        n_whole[found != 0]++;

      /* The local governments of every merge that went through are all still there. */
      {
        g_autoptr (GError)    error = NULL;
        g_autoptr (GPtrArray) laos = esc_store_list_laos (store, &error);
        guint                 n = 0;

        g_assert_no_error (error);
        for (guint i = 0; i < laos->len; i++)
          n += g_str_has_prefix (((EscLao *) laos->pdata[i])->name, "merge-");
        g_assert_cmpuint (n, ==, n_merged * MERGE_LAOS);
      }

      if (done)
        f->acked++;
      else
        f->kills++;
      g_clear_object (&store);
      g_unlink (other);
    }

  g_test_message ("%u merges went through; of the %u kills, %u left none of the merge in "
                  "flight, %u all of it; one run %.0f ms",
                  n_merged, f->kills, n_whole[0], n_whole[1], typical / 1000.0);
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
  g_test_add ("/crash/kill-attach", Fixture, NULL, fixture_set_up, test_kill_attach,
              fixture_tear_down);
  g_test_add ("/crash/kill-merge", Fixture, NULL, fixture_set_up, test_kill_merge,
              fixture_tear_down);

  return g_test_run ();
}
