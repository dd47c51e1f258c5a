/* test-restore-dialog.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Restore from backup…": the backups are listed newest first, the one chosen is put back
 * off the main thread, and a damaged backup is refused with a message, the workspace as it
 * was.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "esc-backup.h"
#include "esc-resources.h"
#include "esc-restore-dialog.h"
#include "esc-store.h"
#include "esc-test-workspace.h"

typedef struct
{
  char *dir;
  char *path;
  char *assessment;
  char *backup;
} Fixture;

static void
set_process (Fixture *f,
             double   value)
{
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
  EscAnswerChange      change;

  g_assert_no_error (error);
  esc_answer_change_init (&change, "1");
  esc_answer_change_set_value (&change, "process", value);
  g_assert_true (esc_store_apply_answer (store, f->assessment, &change, NULL, &error));
  g_assert_no_error (error);
}

static double
get_process (Fixture *f)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (f->path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (GPtrArray) answers = NULL;

  g_assert_no_error (error);
  answers = esc_store_load_answers (store, f->assessment, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer *answer = g_ptr_array_index (answers, i);

      if (g_str_equal (answer->item_code, "1"))
        return answer->values[0];
    }
  return NAN;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = esc_framework_new_default (&error);
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (GPtrArray)    listed = NULL;
  g_autofree char         *framework_uuid = NULL;
  g_autofree char         *backups = NULL;
  EscLao                  *lao = esc_lao_new ();

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("esc-restore-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  backups = g_build_filename (f->dir, "backups", NULL);
  g_setenv ("ESC_BACKUP_DIR", backups, TRUE);
  f->path = g_build_filename (f->dir, "ws.esca", NULL);

  store = esc_store_create (f->path, framework, &error);
  g_assert_no_error (error);
  lao->name = g_strdup ("เทศบาลตำบลกันทรลักษ์");
  lao->type = g_strdup ("subdistrict");
  g_ptr_array_add (laos, lao);
  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  listed = esc_store_list_laos (store, &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  f->assessment = esc_store_create_assessment (store, ((EscLao *) listed->pdata[0])->uuid, 2568,
                                               framework_uuid, "self", "สมชาย", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  set_process (f, 3);
  {
    g_autoptr (EscStore) again = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

    f->backup = esc_backup_create (again, "manual", &error);
    g_assert_no_error (error);
  }
  set_process (f, 7);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  esc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->assessment);
  g_free (f->backup);
}

static void
restored_cb (EscRestoreDialog *dialog,
             const char       *safety,
             char            **out)
{
  *out = g_strdup (safety != NULL ? safety : "");
}

static void
wait_while_running (EscRestoreDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (esc_restore_dialog_get_running (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (esc_restore_dialog_get_running (dialog));
}

static void
test_restore (Fixture      *f,
              gconstpointer data)
{
  EscRestoreDialog *dialog = esc_restore_dialog_new (NULL, f->path);
  g_autofree char  *safety = NULL;

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "restored", G_CALLBACK (restored_cb), &safety);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The daily backup of the first reopening, and the one made by hand, newest first. */
  g_assert_cmpuint (esc_restore_dialog_get_n_backups (dialog), ==, 2);
  esc_restore_dialog_select (dialog, 0);
  esc_restore_dialog_restore (dialog);
  g_assert_true (esc_restore_dialog_get_running (dialog));
  wait_while_running (dialog);

  g_assert_null (esc_restore_dialog_get_error_message (dialog));
  g_assert_nonnull (safety);
  g_assert_true (g_file_test (safety, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpfloat (get_process (f), ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_damaged_backup (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  EscRestoreDialog  *dialog;
  g_autofree char   *safety = NULL;

  g_file_set_contents (f->backup, "SQLite format 3 but not really", -1, &error);
  g_assert_no_error (error);

  dialog = esc_restore_dialog_new (NULL, f->path);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "restored", G_CALLBACK (restored_cb), &safety);
  gtk_window_present (GTK_WINDOW (dialog));

  esc_restore_dialog_select (dialog, 0);
  esc_restore_dialog_restore (dialog);
  wait_while_running (dialog);

  g_assert_nonnull (esc_restore_dialog_get_error_message (dialog));
  g_assert_null (safety);
  g_assert_cmpfloat (get_process (f), ==, 7);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (esc_get_resource ());

  g_test_add ("/gui/restore-dialog/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/gui/restore-dialog/damaged-backup", Fixture, NULL, fixture_set_up,
              test_damaged_backup, fixture_tear_down);

  return g_test_run ();
}
