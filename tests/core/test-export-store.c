/* test-export-store.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports from a workspace: a consistent snapshot while another connection
 * writes, the async API (progress on the caller's thread, cancellation).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "esc-evidence.h"
#include "esc-export.h"
#include "esc-store.h"
#include "esc-test-workspace.h"

#include <string.h>

#include "../export-test-util.h"

#define N_LAOS 6

typedef struct
{
  char *dir;
  char *path;
  char *assessment;
  char *lao_name;
} Fixture;

static void
set_all_notes (EscStore   *store,
               const char *assessment,
               const char *note,
               double      process)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autofree char         *framework_uuid = NULL;
  g_autoptr (GError)       error = NULL;

  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_assert_no_error (error);
  framework = esc_store_get_framework (store, framework_uuid, &error);
  g_assert_no_error (error);

  /* one transaction: a reader sees all of it or none of it */
  g_assert_true (esc_store_begin_batch (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    {
      const EscIndicator *item = esc_framework_get_item (framework, i);
      EscAnswerChange     change;

      esc_answer_change_init (&change, item->code);
      change.note = note;
      if (item->method == ESC_SCORING_DIMENSIONS)
        esc_answer_change_set_value (&change, item->dimensions[0].id, process);
      g_assert_true (esc_store_apply_answer (store, assessment, &change, "test", &error));
      g_assert_no_error (error);
    }
  g_assert_true (esc_store_end_batch (store, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (GPtrArray)    listed = NULL;
  g_autofree char         *framework_uuid = NULL;
  guint                    added = 0;
  guint                    updated = 0;

  fixture->dir = g_dir_make_tmp ("esc-export-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "ws.esca", NULL);

  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  store = esc_store_create (fixture->path, framework, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_LAOS; i++)
    {
      EscLao *lao = esc_lao_new ();

      lao->code = g_strdup_printf ("63%05u", i);
      lao->name = g_strdup_printf (i == 0 ? "=เทศบาลตำบลทดสอบ %u" : "องค์การบริหารส่วนตำบลทดสอบ %u", i);
      lao->type = g_strdup (i % 3 == 0 ? "subdistrict" : "sao");
      lao->district = g_strdup (i % 2 ? "กันทรลักษ์" : "ขุขันธ์");
      lao->province = g_strdup ("ศรีสะเกษ");
      g_ptr_array_add (laos, lao);
    }
  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, N_LAOS);

  listed = esc_store_list_laos (store, &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < listed->len; i++)
    {
      EscLao          *lao = g_ptr_array_index (listed, i);
      g_autofree char *uuid = NULL;

      if (!g_str_has_prefix (lao->code, "63") || (lao->code[6] - '0') % 2 != 0)
        continue;
      uuid = esc_store_create_assessment (store, lao->uuid, 2568, framework_uuid, "self", "ผู้ทดสอบ", &error);
      g_assert_no_error (error);
      set_all_notes (store, uuid, "รุ่น 0", 1);
      if (fixture->assessment == NULL)
        {
          fixture->assessment = g_steal_pointer (&uuid);
          fixture->lao_name = g_strdup (lao->name);
        }
    }
  g_assert_nonnull (fixture->assessment);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  esc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->assessment);
  g_free (fixture->lao_name);
}

/* The notes column of the indicator sheet: every value, with its count. */
static GHashTable *
note_values (const char *xlsx)
{
  XlsxDump   *dump = xlsx_dump_load (xlsx);
  JsonArray  *cells;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  xlsx_dump_select (dump, "ตัวชี้วัด");
  cells = json_object_get_array_member (dump->sheet, "cells");
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);

      if (json_object_get_int_member (cell, "col") == 13 && json_object_get_int_member (cell, "row") > 0)
        {
          const char *v = json_object_get_string_member (cell, "value");

          g_hash_table_insert (values, g_strdup (v),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (values, v)) + 1));
        }
    }
  xlsx_dump_free (dump);

  return values;
}

typedef struct
{
  EscStore   *writer;
  const char *assessment;
  guint       n_calls;
} WriteDuring;

static void
write_during_export_cb (double      fraction,
                        const char *message,
                        gpointer    user_data)
{
  WriteDuring *during = user_data;

  /* the first call after the snapshot is taken, before anything is read */
  if (during->n_calls++ == 1)
    set_all_notes (during->writer, during->assessment, "รุ่น 1", 2);
}

/* Another connection commits a change to every item while the export reads:
 * the workbook shows the state before it, entirely. */
static void
test_snapshot (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char       *xlsx = g_build_filename (fixture->dir, "sar.xlsx", NULL);
  g_autoptr (EscStore)   writer = NULL;
  g_autoptr (GHashTable) notes = NULL;
  g_autoptr (GPtrArray)  answers = NULL;
  g_autoptr (GError)     error = NULL;
  WriteDuring            during = { 0 };

  writer = esc_store_open (fixture->path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  during.writer = writer;
  during.assessment = fixture->assessment;

  g_assert_true (esc_export_sar (fixture->path, fixture->assessment, xlsx, NULL, ESC_EXPORT_DEFAULT,
                                 write_during_export_cb, &during, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (during.n_calls, >=, 2);

  /* the write went through … */
  answers = esc_store_load_answers (writer, fixture->assessment, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < answers->len; i++)
    g_assert_cmpstr (((EscAnswer *) g_ptr_array_index (answers, i))->note, ==, "รุ่น 1");

  /* … after the snapshot: the workbook has the earlier state, all of it */
  notes = note_values (xlsx);
  g_assert_cmpuint (g_hash_table_size (notes), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (notes, "รุ่น 0")), ==, answers->len);
}

typedef struct
{
  char         *path;
  char         *assessment;
  volatile gint stop;
  guint         n_commits;
} Writer;

static gpointer
writer_thread (gpointer user_data)
{
  Writer              *writer = user_data;
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = esc_store_open (writer->path, ESC_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *note = g_strdup_printf ("รุ่น %u", ++writer->n_commits);

      set_all_notes (store, writer->assessment, note, writer->n_commits % 10);
    }

  return NULL;
}

typedef struct
{
  GThread *main_thread;
  guint    n_progress;
  gboolean destroyed;
  double   last;
  gboolean done;
  GError  *error;
} AsyncState;

static void
sar_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  esc_export_sar_finish (result, &state->error);
  state->done = TRUE;
}

/* A thread keeps committing while exports run on another: each workbook is
 * one state. */
static void
test_snapshot_concurrent (Fixture      *fixture,
                          gconstpointer data)
{
  Writer   writer = { fixture->path, fixture->assessment, 0, 0 };
  GThread *thread = g_thread_new ("writer", writer_thread, &writer);

  for (guint run = 0; run < 3; run++)
    {
      g_autofree char *name = g_strdup_printf ("sar-%u.xlsx", run);
      g_autofree char *xlsx = g_build_filename (fixture->dir, name, NULL);
      AsyncState       state = { g_thread_self (), 0, FALSE, -1, FALSE, NULL };

      esc_export_sar_async (fixture->path, fixture->assessment, xlsx, NULL, ESC_EXPORT_DEFAULT,
                            NULL, NULL, NULL, NULL, sar_done_cb, &state);
      while (!state.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (state.error);
    }

  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  for (guint run = 0; run < 3; run++)
    {
      g_autofree char       *name = g_strdup_printf ("sar-%u.xlsx", run);
      g_autofree char       *xlsx = g_build_filename (fixture->dir, name, NULL);
      g_autoptr (GHashTable) notes = note_values (xlsx);

      /* one generation of notes in each workbook */
      g_assert_cmpuint (g_hash_table_size (notes), ==, 1);
    }
  g_test_message ("%u commits during the exports", writer.n_commits);
  g_assert_cmpuint (writer.n_commits, >, 0);
}

static void
async_progress_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_false (state->destroyed);
  g_assert_cmpfloat (fraction, >=, state->last);
  g_assert_nonnull (message);
  state->last = fraction;
  state->n_progress++;
}

static void
async_destroy_cb (gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->destroyed = TRUE;
}

static void
province_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  esc_export_province_finish (result, &state->error);
  state->done = TRUE;
}

static void
test_async_province (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (fixture->dir, "province.xlsx", NULL);
  AsyncState       state = { g_thread_self (), 0, FALSE, -1, FALSE, NULL };
  XlsxDump        *dump;

  esc_export_province_async (fixture->path, 2568, xlsx, ESC_EXPORT_DEFAULT, async_progress_cb, &state,
                             async_destroy_cb, NULL, province_done_cb, &state);
  while (!state.done || !state.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.n_progress, >=, 2);
  g_assert_cmpfloat (state.last, ==, 1.0);

  dump = xlsx_dump_load (xlsx);
  xlsx_dump_select (dump, "อปท.");
  /* every local government, the assessed ones with their scores */
  for (guint r = 1; r <= N_LAOS; r++)
    {
      JsonObject *code = xlsx_dump_cell (dump, r, 0);
      JsonObject *status = xlsx_dump_cell (dump, r, 4);
      JsonObject *total = xlsx_dump_cell (dump, r, 9);
      const char *c = json_object_get_string_member (code, "value");

      g_assert_nonnull (code);
      if ((c[6] - '0') % 2 == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (status, "value"), ==, "Draft");
          g_assert_cmpstr (json_object_get_string_member (total, "type"), ==, "n");
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (status, "value"), ==, "Not assessed");
          g_assert_null (total);
        }
    }
  g_assert_null (xlsx_dump_cell (dump, N_LAOS + 1, 0));
  xlsx_dump_free (dump);
}

static void
test_async_cancelled (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char         *xlsx = g_build_filename (fixture->dir, "cancelled.xlsx", NULL);
  g_autofree char         *evidence = g_build_filename (fixture->dir, "evidence", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncState               state = { g_thread_self (), 0, FALSE, -1, FALSE, NULL };

  g_cancellable_cancel (cancellable);
  esc_export_sar_async (fixture->path, fixture->assessment, xlsx, evidence, ESC_EXPORT_DEFAULT,
                        async_progress_cb, &state, async_destroy_cb, cancellable, sar_done_cb, &state);
  while (!state.done || !state.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (evidence, G_FILE_TEST_EXISTS));
}

static char *
sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static EscLink *
attach (EscStore   *store,
        const char *assessment,
        const char *file_name,
        const char *item,
        const char *pages,
        const char *title)
{
  g_autofree char   *path = g_test_build_filename (G_TEST_DIST, "data", file_name, NULL);
  g_autoptr (GFile)  file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  EscLink           *link;

  link = esc_store_attach_file (store, file, NULL, assessment, item, pages, NULL, NULL, &error);
  g_assert_no_error (error);
  if (title != NULL)
    {
      g_assert_true (esc_store_rename_document (store, link->document->uuid, title, &error));
      g_assert_no_error (error);
    }
  return link;
}

/* Documents with hostile titles: every file lands inside the folder under a
 * unique name, with the stored bytes; the workbook lists each document. */
static void
test_evidence (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char     *xlsx = g_build_filename (fixture->dir, "sar.xlsx", NULL);
  g_autofree char     *folder = g_build_filename (fixture->dir, "หลักฐาน", NULL);
  g_autofree char     *folder2 = g_build_filename (fixture->dir, "again", NULL);
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscLink)  thai = NULL;
  g_autoptr (EscLink)  thai2 = NULL;
  g_autoptr (EscLink)  png = NULL;
  g_autoptr (EscLink)  jpg = NULL;
  g_autoptr (EscLink)  encrypted = NULL;
  g_autoptr (GString)  long_title = g_string_new (NULL);
  const char          *expected[][2] = {
             { "1_x.pdf", NULL },
             { "19.1_x.pdf", NULL },
             { "2_a_b.png", NULL },
             { NULL, NULL },
             { "1_x (2).pdf", NULL },
  };
  XlsxDump   *dump;
  GDir       *dir;
  const char *name;
  guint       n_files = 0;

  for (guint i = 0; i < 100; i++)
    g_string_append (long_title, "กิ่");
  store = esc_store_open (fixture->path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  thai = attach (store, fixture->assessment, "thai.pdf", "1", "1", "../x");
  thai2 = attach (store, fixture->assessment, "thai.pdf", "19.1", NULL, NULL);
  png = attach (store, fixture->assessment, "photo.png", "2", NULL, "a/b");
  jpg = attach (store, fixture->assessment, "photo.jpg", "3", NULL, long_title->str);
  encrypted = attach (store, fixture->assessment, "encrypted.pdf", "1", NULL, "../x");
  expected[0][1] = thai->document->sha256;
  expected[1][1] = thai->document->sha256;
  expected[2][1] = png->document->sha256;
  expected[3][1] = jpg->document->sha256;
  expected[4][1] = encrypted->document->sha256;

  g_assert_true (esc_export_sar (fixture->path, fixture->assessment, xlsx, folder, ESC_EXPORT_DEFAULT,
                                 NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* the folder holds one file per link, nothing escaped beside it */
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *sum = sha256_of_file (path);
      gboolean         found = FALSE;

      g_test_message ("%s", name);
      g_assert_cmpuint (strlen (name), <=, ESC_EXPORT_MAX_NAME_BYTES);
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        if (expected[i][0] != NULL ? g_str_equal (name, expected[i][0])
                                   : (g_str_has_prefix (name, "3_") && g_str_has_suffix (name, ".jpg") && g_utf8_validate (name, -1, NULL)))
          {
            g_assert_cmpstr (sum, ==, expected[i][1]);
            found = TRUE;
          }
      g_assert_true (found);
      n_files++;
    }
  g_dir_close (dir);
  g_assert_cmpuint (n_files, ==, 5);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "ws.esca") || g_str_equal (name, "sar.xlsx") ||
                   g_str_equal (name, "หลักฐาน"));
  g_dir_close (dir);

  /* the workbook lists the four documents with their indicators */
  dump = xlsx_dump_load (xlsx);
  xlsx_dump_select (dump, "หลักฐาน");
  for (guint r = 1; r <= 4; r++)
    {
      JsonObject *sha = xlsx_dump_cell (dump, r, 2);
      JsonObject *items = xlsx_dump_cell (dump, r, 5);
      JsonObject *size = xlsx_dump_cell (dump, r, 3);
      const char *s = json_object_get_string_member (sha, "value");

      g_assert_cmpstr (json_object_get_string_member (size, "type"), ==, "n");
      if (g_str_equal (s, thai->document->sha256))
        {
          g_assert_cmpstr (json_object_get_string_member (items, "value"), ==, "1, 19.1");
          g_assert_cmpint (json_object_get_int_member (size, "value"), ==, thai->document->size);
        }
    }
  g_assert_null (xlsx_dump_cell (dump, 5, 0));
  xlsx_dump_select (dump, "ตัวชี้วัด");
  g_assert_cmpstr (json_object_get_string_member (xlsx_dump_cell (dump, 1, 14), "value"), ==, "../x (pages 1)\n../x");
  xlsx_dump_free (dump);

  /* again into the same folder: refused without overwriting */
  g_assert_false (esc_export_sar (fixture->path, fixture->assessment, NULL, folder, ESC_EXPORT_DEFAULT,
                                  NULL, NULL, NULL, &error));
  g_assert_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (esc_export_sar (fixture->path, fixture->assessment, NULL, folder, ESC_EXPORT_OVERWRITE,
                                 NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* a title of punctuation only */
  g_assert_true (esc_store_rename_document (store, thai->document->uuid, "!!!...?!/?/", &error));
  g_assert_no_error (error);
  g_assert_true (esc_export_sar (fixture->path, fixture->assessment, NULL, folder2, ESC_EXPORT_DEFAULT,
                                 NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *plain = g_build_filename (folder2, "1_document.pdf", NULL);

    g_assert_true (g_file_test (plain, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_not_found (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char   *xlsx = g_build_filename (fixture->dir, "x.xlsx", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (esc_export_sar (fixture->path, "ffffffff-ffff", xlsx, NULL, ESC_EXPORT_DEFAULT,
                                  NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/export/store/snapshot", test_snapshot);
  ADD ("/core/export/store/snapshot-concurrent", test_snapshot_concurrent);
  ADD ("/core/export/store/async-province", test_async_province);
  ADD ("/core/export/store/async-cancelled", test_async_cancelled);
  ADD ("/core/export/store/evidence", test_evidence);
  ADD ("/core/export/store/not-found", test_not_found);
#undef ADD

  return g_test_run ();
}
