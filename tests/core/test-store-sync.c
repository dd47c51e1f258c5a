/* test-store-sync.c: noticing another connection's changes to a workspace
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "esc-test-workspace.h"

static void
set_score (EscStore   *store,
           const char *assessment,
           double      value)
{
  g_autoptr (GError) error = NULL;
  EscAnswerChange    change;

  esc_answer_change_init (&change, "3");
  esc_answer_change_set_value (&change, "process", value);
  g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
  g_assert_no_error (error);
}

static gint64
data_version (EscStore *store)
{
  g_autoptr (GError) error = NULL;
  gint64             version = -1;

  g_assert_true (esc_store_get_data_version (store, &version, &error));
  g_assert_no_error (error);

  return version;
}

/* The version changes with each commit by another connection (also a read-only one's
 * view of it), never with the connection's own writes. */
static void
test_data_version (void)
{
  g_autofree char     *dir = g_dir_make_tmp ("esc-store-sync-XXXXXX", NULL);
  g_autofree char     *path = g_build_filename (dir, "ws.esca", NULL);
  g_autofree char     *assessment = NULL;
  g_autoptr (EscStore) first = esc_test_workspace_new (path, &assessment);
  g_autoptr (EscStore) second = NULL;
  g_autoptr (EscStore) reader = NULL;
  g_autoptr (GError)   error = NULL;
  gint64               version;
  gint64               reader_version;

  second = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  reader = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  version = data_version (first);
  reader_version = data_version (reader);
  g_assert_cmpint (data_version (first), ==, version);

  set_score (first, assessment, 1);
  g_assert_cmpint (data_version (first), ==, version);
  g_assert_cmpint (data_version (reader), !=, reader_version);

  set_score (second, assessment, 2);
  g_assert_cmpint (data_version (first), !=, version);
  version = data_version (first);
  g_assert_cmpint (data_version (first), ==, version);

  g_clear_object (&reader);
  g_clear_object (&second);
  g_clear_object (&first);
  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    const char      *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
  }
  g_rmdir (dir);
}

static double
stored_score (EscStore   *store,
              const char *assessment)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) answers = esc_store_load_answers (store, assessment, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < answers->len; i++)
    {
      const EscAnswer *answer = g_ptr_array_index (answers, i);

      if (g_strcmp0 (answer->item_code, "3") == 0)
        return answer->values[0];
    }
  g_assert_not_reached ();
}

/* Opening and closing another store on the file (two windows, a worker) keeps the locks
 * of the connection still open: a second process writing and closing then leaves the WAL
 * and its index in place (it is not the last user of the file), and the open connection
 * sees that process' commit instead of going on with a WAL deleted under it. */
static void
test_locks_kept_parent (void)
{
  g_autofree char     *dir = g_dir_make_tmp ("esc-store-sync-XXXXXX", NULL);
  g_autofree char     *path = g_build_filename (dir, "ws.esca", NULL);
  g_autofree char     *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char     *assessment = NULL;
  g_autoptr (EscStore) first = esc_test_workspace_new (path, &assessment);
  g_autoptr (GError)   error = NULL;
  gint64               version;

  set_score (first, assessment, 1);
  version = data_version (first);
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (EscStore) other = esc_store_open (path, i == 0 ? ESC_STORE_OPEN_DEFAULT : ESC_STORE_OPEN_READ_ONLY, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (stored_score (other, assessment), ==, 1);
    }

  /* Another process (this test run again) writes and closes its connection. */
  g_setenv ("ESC_TEST_SYNC_PATH", path, TRUE);
  g_setenv ("ESC_TEST_SYNC_ASSESSMENT", assessment, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (data_version (first), !=, version);
  g_assert_cmpfloat (stored_score (first, assessment), ==, 2);

  /* And a write here is seen by a new connection. */
  set_score (first, assessment, 3);
  {
    g_autoptr (EscStore) reader = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (stored_score (reader, assessment), ==, 3);
  }

  g_clear_object (&first);
  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    const char      *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
  }
  g_rmdir (dir);
}

static void
test_locks_kept (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GError)   error = NULL;
      g_autoptr (EscStore) store = esc_store_open (g_getenv ("ESC_TEST_SYNC_PATH"), ESC_STORE_OPEN_DEFAULT, &error);

      g_assert_no_error (error);
      set_score (store, g_getenv ("ESC_TEST_SYNC_ASSESSMENT"), 2);
      return;
    }

  test_locks_kept_parent ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store-sync/data-version", test_data_version);
  g_test_add_func ("/core/store-sync/locks-kept", test_locks_kept);

  return g_test_run ();
}
