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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store-sync/data-version", test_data_version);

  return g_test_run ();
}
