/* test-damage.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Damaged workspaces: truncated and bit-flipped copies of a real workspace must give clear
 * errors, never a crash; the damage report names what is affected; salvage copies what can
 * still be read into a new workspace that is whole.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "esc-salvage.h"
#include "esc-test-script.h"
#include "esc-test-workspace.h"

#define N_EDITS 60

static char *work_dir;
static char *good_path;
static gsize good_size;
static char *good_bytes;
static guint n_damaged_copies;
static guint n_salvaged;

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
assert_clear_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == ESC_STORE_ERROR || error->domain == ESC_FRAMEWORK_ERROR);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

/* Everything a user could do with a damaged file: each step works or fails plainly. */
static void
exercise (const char *path)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (GPtrArray) report = NULL;
  g_autofree char      *salvaged = g_strconcat (path, ".salvaged.esca", NULL);
  g_autoptr (GPtrArray) tables = NULL;

  n_damaged_copies++;
  if (store == NULL)
    {
      assert_clear_error (error);
      g_clear_error (&error);
    }
  else
    {
      g_autoptr (GPtrArray) problems = NULL;
      g_autoptr (GPtrArray) laos = esc_store_list_laos (store, &error);
      g_autoptr (GPtrArray) assessments = NULL;

      if (laos == NULL)
        {
          assert_clear_error (error);
          g_clear_error (&error);
        }
      assessments = esc_store_list_assessments (store, NULL, &error);
      if (assessments == NULL)
        {
          assert_clear_error (error);
          g_clear_error (&error);
        }
      for (guint i = 0; assessments != NULL && i < assessments->len; i++)
        {
          EscAssessment        *assessment = g_ptr_array_index (assessments, i);
          g_autoptr (GPtrArray) answers = esc_store_load_answers (store, assessment->uuid, &error);

          if (answers == NULL)
            {
              assert_clear_error (error);
              g_clear_error (&error);
            }
        }
      if (!esc_store_check_integrity (store, &problems, &error) && problems == NULL)
        {
          assert_clear_error (error);
          g_clear_error (&error);
        }
    }

  report = esc_store_describe_damage (path, &error);
  if (report == NULL)
    {
      assert_clear_error (error);
      g_clear_error (&error);
    }

  tables = esc_store_salvage (path, salvaged, &error);
  if (tables == NULL)
    {
      assert_clear_error (error);
      g_assert_false (g_file_test (salvaged, G_FILE_TEST_EXISTS));
    }
  else
    {
      /* What salvage writes is a whole workspace. */
      g_autoptr (EscStore)  rescued = esc_store_open (salvaged, ESC_STORE_OPEN_READ_ONLY, &error);
      g_autoptr (GPtrArray) problems = NULL;

      g_assert_no_error (error);
      g_assert_true (esc_store_check_integrity (rescued, &problems, &error));
      g_assert_no_error (error);
      n_salvaged++;
    }
  remove_workspace (salvaged);
}

static char *
write_copy (const char *name,
            const char *bytes,
            gsize       size)
{
  g_autoptr (GError) error = NULL;
  char              *path = g_build_filename (work_dir, name, NULL);

  /* No fsync: hundreds of copies, and none needs to survive a power cut. */
  g_file_set_contents_full (path, bytes, size, G_FILE_SET_CONTENTS_NONE, 0644, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_intact_salvage (void)
{
  g_autoptr (GError)        error = NULL;
  g_autofree char          *copy = write_copy ("intact.esca", good_bytes, good_size);
  g_autofree char          *salvaged = g_build_filename (work_dir, "intact-salvaged.esca", NULL);
  g_autoptr (GPtrArray)     report = esc_store_describe_damage (copy, &error);
  g_autoptr (GPtrArray)     tables = NULL;
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (EscTestScript) script = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->len, ==, 0);

  /* Salvaging an undamaged workspace loses nothing. */
  tables = esc_store_salvage (copy, salvaged, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tables->len; i++)
    {
      EscSalvageTable *table = g_ptr_array_index (tables, i);

      g_assert_cmpuint (table->n_dropped, ==, 0);
      g_assert_cmpuint (table->n_unreadable, ==, 0);
      g_assert_false (table->damaged);
    }
  store = esc_store_open (salvaged, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  script = esc_test_script_load (store);
  g_assert_true (esc_test_script_verify (script, store, N_EDITS, &error));
  g_assert_no_error (error);

  /* It never overwrites. */
  g_clear_pointer (&tables, g_ptr_array_unref);
  tables = esc_store_salvage (copy, salvaged, &error);
  g_assert_null (tables);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_EXISTS);
}

static void
test_truncated (void)
{
  const gsize sizes[] = { 0, 1, 16, 99, 100, 512, 4096, 4097, 8192, good_size / 3,
                          good_size / 2, good_size - 4096, good_size - 1 };

  /* Every fourth size in the sanitizer build. */
  guint       step = esc_test_scale (1, 4);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i += step)
    {
      g_autofree char *name = g_strdup_printf ("truncated-%zu.esca", sizes[i]);
      g_autofree char *copy = write_copy (name, good_bytes, sizes[i]);

      exercise (copy);
      remove_workspace (copy);
    }
}

static void
test_damaged_page_names_table (void)
{
  g_autoptr (GError)    error = NULL;
  g_autofree char      *bytes = g_memdup2 (good_bytes, good_size);
  g_autofree char      *copy = NULL;
  g_autoptr (GPtrArray) report = NULL;
  gboolean              named = FALSE;

  /* Wipe the last pages, the last ones the edits wrote: the tables of answers and history
   * reach into them, the list of tables (written first) does not. */
  memset (bytes + good_size - 3 * 4096, 0x55, 3 * 4096);
  copy = write_copy ("wiped.esca", bytes, good_size);

  report = esc_store_describe_damage (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->len, >, 0);
  for (guint i = 0; i < report->len; i++)
    {
      const char *line = g_ptr_array_index (report, i);

      g_test_message ("%s", line);
      if (g_str_has_prefix (line, "Damaged: ") && strstr (line, "(table ") != NULL)
        named = TRUE;
    }
  g_assert_true (named);
  exercise (copy);
}

static void
test_bit_flips (void)
{
  guint  n_flips = g_test_slow () ? 2000 : esc_test_scale (160, 6);
  GRand *rand = g_rand_new_with_seed (20261127);

  for (guint i = 0; i < n_flips; i++)
    {
      g_autofree char *bytes = g_memdup2 (good_bytes, good_size);
      g_autofree char *copy = NULL;
      gsize            offset;

      /* Half of the flips in the header and first pages, where the schema lives. */
      if (i % 2 == 0)
        offset = g_rand_int_range (rand, 0, MIN (good_size, 3 * 4096));
      else
        offset = g_rand_int_range (rand, 0, good_size);
      bytes[offset] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      copy = write_copy ("flipped.esca", bytes, good_size);
      exercise (copy);
      remove_workspace (copy);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError)        error = NULL;
  g_autoptr (EscTestScript) script = NULL;
  g_autofree char          *backups = NULL;
  int                       status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  work_dir = esc_test_make_tmp_dir ("esc-damage-XXXXXX", &error);
  g_assert_no_error (error);
  backups = g_build_filename (work_dir, "backups", NULL);
  g_setenv ("ESC_BACKUP_DIR", backups, TRUE);

  /* A workspace with some of everything, closed so it is one file. */
  good_path = g_build_filename (work_dir, "good.esca", NULL);
  script = esc_test_script_create (good_path);
  {
    g_autoptr (EscStore) store = esc_store_open (good_path, ESC_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    for (guint seq = 1; seq <= N_EDITS; seq++)
      {
        g_assert_true (esc_test_script_apply (script, store, seq, &error));
        g_assert_no_error (error);
      }
  }
  g_assert_true (g_file_get_contents (good_path, &good_bytes, &good_size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (good_size, >, 8 * 4096);

  g_test_add_func ("/damage/intact-salvage", test_intact_salvage);
  g_test_add_func ("/damage/truncated", test_truncated);
  g_test_add_func ("/damage/damaged-page-names-table", test_damaged_page_names_table);
  g_test_add_func ("/damage/bit-flips", test_bit_flips);

  status = g_test_run ();
  g_print ("# %u damaged copies opened, reported on and salvaged (%u salvages succeeded)\n",
           n_damaged_copies, n_salvaged);
  esc_test_remove_tree (work_dir);
  g_free (work_dir);
  g_free (good_path);
  g_free (good_bytes);
  return status;
}
