/* test-faults.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full disks and failing sticks. For every N, a scripted run of edits is repeated with the
 * Nth write (write, sync or truncate of the database, WAL or journal) failing, and every
 * later one too, as a full disk stays full. Each time: the edit fails with
 * ESC_STORE_ERROR_FULL or _IO and a message that says so; another connection sees exactly
 * the edits saved before it; once space is back the same edit succeeds on the same store;
 * and the file reopens whole.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* setresuid */
#endif
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "esc-faulty-vfs.h"
#include "esc-test-script.h"
#include "esc-test-workspace.h"

#define N_EDITS 10

static char *template_dir;
static char *template_path;
static guint total_faults;

static char *
copy_template (const char *dir,
               guint       n)
{
  g_autofree char   *name = g_strdup_printf ("fault-%u.esca", n);
  char              *path = g_build_filename (dir, name, NULL);
  g_autoptr (GFile)  src = g_file_new_for_path (template_path);
  g_autoptr (GFile)  dest = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_file_copy (src, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static void
check_saved_state (const char    *path,
                   EscTestScript *script,
                   guint          k)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  if (!esc_test_script_verify (script, store, k, &error))
    g_error ("%s", error->message);
}

static void
run_faults (EscFaultKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = esc_test_make_tmp_dir ("esc-faults-XXXXXX", &error);
  guint              n_writes_clean = 0;
  guint              faults = 0;

  g_assert_no_error (error);

  /* Every N; every twentieth in the sanitizer build, where each run is slow. */
  guint stride = esc_test_scale (1, 20);

  for (guint n = 0;; n += n == 0 ? 1 : stride)
    {
      g_autofree char          *path = copy_template (dir, n);
      g_autoptr (EscStore)      store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
      g_autoptr (EscTestScript) script = NULL;
      guint                     failed_at = 0;

      g_assert_no_error (error);
      script = esc_test_script_load (store);

      esc_faulty_vfs_arm (n, kind);
      for (guint seq = 1; seq <= N_EDITS; seq++)
        {
          if (!esc_test_script_apply (script, store, seq, &error))
            {
              failed_at = seq;
              break;
            }
        }
      esc_faulty_vfs_disarm ();

      if (n == 0)
        {
          /* The clean run: count the writes the script makes. */
          g_assert_no_error (error);
          g_assert_cmpuint (failed_at, ==, 0);
          n_writes_clean = esc_faulty_vfs_get_n_writes ();
          g_assert_cmpuint (n_writes_clean, >, N_EDITS);
          g_clear_object (&store);
          check_saved_state (path, script, N_EDITS);
          continue;
        }
      if (failed_at == 0)
        {
          /* N is past the last write (or, for a full disk, past the last write that needs
           * space): nothing failed, all was saved. */
          g_assert_no_error (error);
          g_assert_cmpuint (esc_faulty_vfs_get_n_failed (), ==, 0);
          g_clear_object (&store);
          check_saved_state (path, script, N_EDITS);
          g_unlink (path);
          if (n > n_writes_clean)
            break;
          continue;
        }

      /* The failure is said plainly. */
      g_assert_cmpuint (esc_faulty_vfs_get_n_failed (), >, 0);
      if (kind == ESC_FAULT_FULL)
        {
          g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_FULL);
          g_assert_nonnull (g_strstr_len (error->message, -1, "full"));
        }
      else
        {
          g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO);
        }
      g_clear_error (&error);
      faults++;

      /* Another connection sees the edits saved before, and nothing of the failed one. */
      check_saved_state (path, script, failed_at - 1);

      /* Space is back: the same edit on the same store now succeeds. */
      if (!esc_test_script_apply (script, store, failed_at, &error))
        g_error ("write %u failed, then edit %u failed again once space was back: %s", n,
                 failed_at, error->message);
      check_saved_state (path, script, failed_at);

      g_clear_object (&store);
      check_saved_state (path, script, failed_at);
      g_unlink (path);
    }

  g_test_message ("%u write faults injected (%u writes in the clean run)", faults,
                  n_writes_clean);
  total_faults += faults;
  g_assert_cmpuint (faults, >=, n_writes_clean / stride / 2);
  esc_test_remove_tree (dir);
}

static void
test_disk_full (void)
{
  run_faults (ESC_FAULT_FULL);
}

static void
test_io_error (void)
{
  run_faults (ESC_FAULT_IO);
}

static void
test_read_only_flag (void)
{
  g_autoptr (GError)        error = NULL;
  g_autoptr (EscStore)      store = esc_store_open (template_path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (EscTestScript) script = NULL;

  g_assert_no_error (error);
  g_assert_true (esc_store_is_read_only (store));
  script = esc_test_script_load (store);
  g_assert_false (esc_test_script_apply (script, store, 1, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY);
}

#define PASS_LAOS 40

static void
count_answers_cb (const EscAssessment *assessment,
                  const EscLao        *lao,
                  GPtrArray           *answers,
                  gpointer             user_data)
{
  guint *counts = user_data;

  counts[0]++;
  counts[1] += answers->len;
}

/* A stick pulled out in the middle of a pass over every assessment (the totals of the
 * workspace list, the province workbook): for every N, the Nth read of the pass and all
 * later ones fail. The pass must then fail with an I/O error, never hand out totals made
 * from part of the answers. */
static void
test_read_error_mid_pass (void)
{
  g_autoptr (GError)       error = NULL;
  g_autofree char         *dir = esc_test_make_tmp_dir ("esc-pass-XXXXXX", &error);
  g_autofree char         *path = g_build_filename (dir, "pass.esca", NULL);
  g_autoptr (EscFramework) framework = esc_framework_new_default (&error);
  guint                    n_items, n_answers = 0, n_faults = 0;

  g_assert_no_error (error);
  n_items = esc_framework_get_n_items (framework);
  {
    g_autoptr (EscStore)  store = esc_store_create (path, framework, &error);
    g_autoptr (GPtrArray) laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
    g_autoptr (GPtrArray) listed = NULL;

    g_assert_no_error (error);
    for (guint l = 0; l < PASS_LAOS; l++)
      {
        EscLao *lao = esc_lao_new ();

        lao->name = g_strdup_printf ("pass-%u", l);
        lao->type = g_strdup ("sao");
        g_ptr_array_add (laos, lao);
      }
    g_assert_true (esc_store_begin_batch (store, &error));
    g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
    listed = esc_store_list_laos (store, &error);
    g_assert_no_error (error);
    for (guint l = 0; l < listed->len; l++)
      {
        g_autofree char *assessment = esc_store_create_assessment (store, ((EscLao *) listed->pdata[l])->uuid,
                                                                   2568, NULL, "self", "", &error);

        g_assert_no_error (error);
        for (guint i = 0; i < n_items; i++)
          {
            const EscIndicator *item = esc_framework_get_item (framework, i);
            EscAnswerChange     change;

            esc_answer_change_init (&change, item->code);
            change.note = "บันทึกของผู้ประเมิน";
            g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
            n_answers++;
          }
      }
    g_assert_true (esc_store_end_batch (store, TRUE, &error));
    g_assert_no_error (error);
  }

  /* Every N; every fifth in the sanitizer build, where each pass is slow. */
  for (guint n = 1;; n += esc_test_scale (1, 5))
    {
      g_autoptr (EscStore) store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
      guint                counts[2] = { 0, 0 };
      gboolean             ok;

      g_assert_no_error (error);
      esc_faulty_vfs_arm_reads (n);
      ok = esc_store_foreach_assessment (store, 0, count_answers_cb, counts, &error);
      esc_faulty_vfs_arm_reads (0);

      if (ok)
        {
          /* The reads ran out before the fault: the whole workspace was read. */
          g_assert_cmpuint (counts[0], ==, PASS_LAOS);
          g_assert_cmpuint (counts[1], ==, n_answers);
          break;
        }
      g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "USB stick"));
      g_clear_error (&error);
      n_faults++;
    }

  g_test_message ("%u read faults injected in a pass over %u answers", n_faults, n_answers);
  g_assert_cmpuint (n_faults, >, 10);
  esc_test_remove_tree (dir);
}

#define NOBODY 65534

/* Read-only files and folders open read-only. Root ignores file modes, so as root the case
 * runs as nobody (keeping root as the saved user to clean up), in a folder nobody owns. */
static void
test_read_only_file_and_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = esc_test_make_tmp_dir ("esc-ro-XXXXXX", &error);
  g_autofree char   *path = NULL;
  gboolean           was_root = geteuid () == 0;

  g_assert_no_error (error);
  path = copy_template (dir, 0);
  if (was_root)
    {
      g_assert_cmpint (chown (dir, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (setresuid (NOBODY, NOBODY, 0), ==, 0);
    }

  /* A read-only file in a writable folder. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_access (path, W_OK), !=, 0);
  {
    g_autoptr (EscStore)      store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
    g_autoptr (EscTestScript) script = NULL;

    g_assert_no_error (error);
    g_assert_true (esc_store_is_read_only (store));
    script = esc_test_script_load (store);
    g_assert_false (esc_test_script_apply (script, store, 1, &error));
    g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
  }

  /* A writable file in a read-only folder (a locked USB stick). */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_assert_cmpint (g_access (dir, W_OK), !=, 0);
  {
    g_autoptr (EscStore)      store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
    g_autoptr (EscTestScript) script = NULL;

    g_assert_no_error (error);
    g_assert_true (esc_store_is_read_only (store));
    script = esc_test_script_load (store);
    g_assert_false (esc_test_script_apply (script, store, 1, &error));
    g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    check_saved_state (path, script, 0);
  }
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  if (was_root)
    g_assert_cmpint (setresuid (0, 0, 0), ==, 0);
  esc_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int                status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  esc_faulty_vfs_install ();
  template_dir = esc_test_make_tmp_dir ("esc-faults-template-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (template_dir, "template.esca", NULL);
  esc_test_script_free (esc_test_script_create (template_path));
  g_setenv ("ESC_BACKUP_DIR", template_dir, TRUE);

  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add_func ("/faults/io-error", test_io_error);
  g_test_add_func ("/faults/read-error-mid-pass", test_read_error_mid_pass);
  g_test_add_func ("/faults/read-only-flag", test_read_only_flag);
  g_test_add_func ("/faults/read-only-file-and-folder", test_read_only_file_and_folder);

  status = g_test_run ();
  g_print ("# %u write faults injected in all\n", total_faults);
  esc_test_remove_tree (template_dir);
  g_free (template_dir);
  g_free (template_path);
  return status;
}
