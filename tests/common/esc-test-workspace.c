/* esc-test-workspace.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "esc-test-workspace.h"

EscStore *
esc_test_workspace_new (const char *path,
                        char      **assessment_uuid)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = esc_framework_new_default (&error);
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (EscLao)       found = NULL;
  g_autofree char         *framework_uuid = NULL;
  EscLao                  *lao;
  guint                    added = 0, updated = 0;

  g_assert_no_error (error);
  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);

  lao = esc_lao_new ();
  lao->code = g_strdup ("5330101");
  lao->name = g_strdup ("เทศบาลเมืองทดสอบ");
  lao->type = g_strdup ("town");
  lao->district = g_strdup ("เมือง");
  lao->province = g_strdup ("ศรีสะเกษ");
  g_ptr_array_add (laos, lao);
  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_no_error (error);

  found = esc_store_find_lao (store, "5330101", &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_assert_no_error (error);
  *assessment_uuid = esc_store_create_assessment (store, found->uuid, 2568, framework_uuid,
                                                  "self", "ผู้ทดสอบ", &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

void
esc_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char      *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        esc_test_remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}
