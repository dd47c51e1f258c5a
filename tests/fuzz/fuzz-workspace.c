/* fuzz-workspace.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace file can come from anywhere (a USB stick, an e-mail): any bytes must open as a
 * workspace or fail with a store error, and a workspace that opens must answer every read,
 * its damage report and its salvage included, without crashing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "esc-salvage.h"
#include "esc-store.h"

int          LLVMFuzzerTestOneInput (const uint8_t *data,
                                     size_t         size);

static char *dir;

static void
remove_workspace (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
assert_store_error (GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == ESC_STORE_ERROR || error->domain == ESC_FRAMEWORK_ERROR);
  g_assert_nonnull (error->message);
}

static void
read_everything (EscStore *store)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GPtrArray) assessments = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  laos = esc_store_list_laos (store, &error);
  if (laos == NULL)
    {
      assert_store_error (error);
      g_clear_error (&error);
    }
  assessments = esc_store_list_assessments (store, NULL, &error);
  if (assessments == NULL)
    {
      assert_store_error (error);
      g_clear_error (&error);
    }
  for (guint i = 0; assessments != NULL && i < MIN (assessments->len, 4); i++)
    {
      EscAssessment        *assessment = g_ptr_array_index (assessments, i);
      g_autoptr (GPtrArray) answers = esc_store_load_answers (store, assessment->uuid, &error);

      if (answers == NULL)
        {
          assert_store_error (error);
          g_clear_error (&error);
        }
    }
  if (!esc_store_check_integrity (store, &problems, &error) && problems == NULL)
    assert_store_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = NULL;
  g_autofree char   *salvaged = NULL;

  if (dir == NULL)
    {
      /* In memory when possible: salvage syncs what it writes, and fsync would bound the
       * executions per second. */
      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
        dir = g_mkdtemp (g_strdup ("/dev/shm/esc-fuzz-workspace-XXXXXX"));
      if (dir == NULL)
        dir = g_dir_make_tmp ("esc-fuzz-workspace-XXXXXX", &error);
      g_assert_no_error (error);
    }
  path = g_build_filename (dir, "input.esca", NULL);
  salvaged = g_build_filename (dir, "salvaged.esca", NULL);
  remove_workspace (path);
  remove_workspace (salvaged);
  g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE, 0644,
                            &error);
  g_assert_no_error (error);

  {
    g_autoptr (EscStore) store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);

    if (store == NULL)
      {
        assert_store_error (error);
        g_clear_error (&error);
      }
    else
      {
        read_everything (store);
      }
  }

  {
    g_autoptr (GPtrArray) report = esc_store_describe_damage (path, &error);

    if (report == NULL)
      {
        assert_store_error (error);
        g_clear_error (&error);
      }
  }

  {
    g_autoptr (GPtrArray) tables = esc_store_salvage (path, salvaged, &error);

    if (tables == NULL)
      {
        assert_store_error (error);
      }
    else
      {
        /* Whatever came in, what salvage writes opens. */
        g_autoptr (EscStore) rescued = esc_store_open (salvaged, ESC_STORE_OPEN_READ_ONLY, &error);

        g_assert_no_error (error);
        read_everything (rescued);
      }
  }

  return 0;
}
