/* test-export-dialog.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export dialog: an export runs off the main thread with progress, ends
 * with a workbook and a toast; a failure is shown and leaves nothing behind.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "esc-export-dialog.h"
#include "esc-resources.h"
#include "esc-store.h"
#include "esc-test-workspace.h"

typedef struct
{
  char *dir;
  char *path;
  char *assessment;
} Fixture;

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
  EscLao                  *lao = esc_lao_new ();
  EscAnswerChange          change;
  guint                    added = 0;
  guint                    updated = 0;

  fixture->dir = g_dir_make_tmp ("esc-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "ws.esca", NULL);

  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  store = esc_store_create (fixture->path, framework, &error);
  g_assert_no_error (error);

  lao->code = g_strdup ("6330101");
  lao->name = g_strdup ("เทศบาลตำบลกันทรลักษ์");
  lao->type = g_strdup ("subdistrict");
  lao->district = g_strdup ("กันทรลักษ์");
  lao->province = g_strdup ("ศรีสะเกษ");
  g_ptr_array_add (laos, lao);
  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_no_error (error);
  listed = esc_store_list_laos (store, &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_assert_no_error (error);
  fixture->assessment = esc_store_create_assessment (store, ((EscLao *) g_ptr_array_index (listed, 0))->uuid,
                                                     2568, framework_uuid, "self", "สมชาย", &error);
  g_assert_no_error (error);

  esc_answer_change_init (&change, "1");
  esc_answer_change_set_value (&change, "process", 8);
  change.note = "บันทึกภาษาไทย";
  g_assert_true (esc_store_apply_answer (store, fixture->assessment, &change, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  esc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->assessment);
}

static void
wait_until_done (EscExportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (esc_export_dialog_get_running (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* let the last progress events and the toast arrive */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* With ESC_TEST_SCREENSHOT=FILE.png, saves what the dialog shows. */
static void
maybe_screenshot (GtkWidget *widget)
{
  const char               *path = g_getenv ("ESC_TEST_SCREENSHOT");
  g_autoptr (GdkPaintable)  paintable = NULL;
  g_autoptr (GtkSnapshot)   snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture)    texture = NULL;
  GskRenderer              *renderer;

  if (path == NULL)
    return;
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2; /* the toast slides in */

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_sar (Fixture      *fixture,
          gconstpointer data)
{
  EscExportDialog  *dialog = esc_export_dialog_new (NULL, fixture->path, fixture->assessment, 2568,
                                                    "เทศบาลตำบลกันทรลักษ์");
  g_autofree char  *xlsx = g_build_filename (fixture->dir, "SAR.xlsx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);
  g_autoptr (GFile) folder = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  esc_export_dialog_set_destination (dialog, file);
  folder = esc_export_dialog_get_evidence_folder (dialog);
  g_assert_true (g_str_has_suffix (g_file_peek_path (folder), "SAR evidence"));

  esc_export_dialog_start (dialog);
  g_assert_true (esc_export_dialog_get_running (dialog));
  wait_until_done (dialog);

  g_assert_null (esc_export_dialog_get_error_message (dialog));
  g_assert_cmpfloat (esc_export_dialog_get_fraction (dialog), ==, 1.0);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (g_file_peek_path (folder), G_FILE_TEST_IS_DIR));
  maybe_screenshot (GTK_WIDGET (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_province (Fixture      *fixture,
               gconstpointer data)
{
  EscExportDialog  *dialog = esc_export_dialog_new (NULL, fixture->path, NULL, 2568, NULL);
  g_autofree char  *xlsx = g_build_filename (fixture->dir, "province.xlsx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);

  gtk_window_present (GTK_WINDOW (dialog));
  esc_export_dialog_set_destination (dialog, file);
  esc_export_dialog_start (dialog);
  wait_until_done (dialog);

  g_assert_null (esc_export_dialog_get_error_message (dialog));
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A folder that does not exist: a clear message, nothing written. */
static void
test_failure (Fixture      *fixture,
              gconstpointer data)
{
  EscExportDialog  *dialog = esc_export_dialog_new (NULL, fixture->path, fixture->assessment, 2568, "x");
  g_autofree char  *xlsx = g_build_filename (fixture->dir, "missing", "SAR.xlsx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);

  gtk_window_present (GTK_WINDOW (dialog));
  esc_export_dialog_set_evidence (dialog, FALSE);
  esc_export_dialog_set_destination (dialog, file);
  esc_export_dialog_start (dialog);
  wait_until_done (dialog);

  g_assert_nonnull (esc_export_dialog_get_error_message (dialog));
  g_assert_nonnull (strstr (esc_export_dialog_get_error_message (dialog), "does not exist"));
  g_assert_cmpfloat (esc_export_dialog_get_fraction (dialog), ==, 0);
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Closing while it runs cancels; the dialog goes away cleanly. */
static void
test_close_while_running (Fixture      *fixture,
                          gconstpointer data)
{
  EscExportDialog  *dialog = esc_export_dialog_new (NULL, fixture->path, NULL, 2568, NULL);
  g_autofree char  *xlsx = g_build_filename (fixture->dir, "province.xlsx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);

  gtk_window_present (GTK_WINDOW (dialog));
  esc_export_dialog_set_destination (dialog, file);
  esc_export_dialog_start (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (esc_get_resource ());

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/gui/export-dialog/sar", test_sar);
  ADD ("/gui/export-dialog/province", test_province);
  ADD ("/gui/export-dialog/failure", test_failure);
  ADD ("/gui/export-dialog/close-while-running", test_close_while_running);
#undef ADD

  return g_test_run ();
}
