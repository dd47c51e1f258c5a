/* test-window-actions.c: the window's menu actions that reach the export, restore,
 * working-group and review widgets, driven through the real window
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "esc-export-dialog.h"
#include "esc-gui-test-util.h"

static EscApplication *app;

typedef struct
{
  char *dir;
  char *path;
  char *assessment;
} Fixture;

static char *
first_assessment (const char *path)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GPtrArray) assessments = NULL;

  g_assert_no_error (error);
  laos = esc_store_list_laos (store, &error);
  g_assert_no_error (error);
  assessments = esc_store_list_assessments (store, ((EscLao *) g_ptr_array_index (laos, 0))->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessments->len, ==, 1);

  return g_strdup (((EscAssessment *) g_ptr_array_index (assessments, 0))->uuid);
}

static void
fixture_setup (Fixture      *f,
               gconstpointer unused)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("esc-window-actions-XXXXXX", NULL);
  f->path = esc_test_make_workspace (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (esc_test_assess (f->path, 1, 5, &error));
  g_assert_no_error (error);
  f->assessment = first_assessment (f->path);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char      *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer unused)
{
  g_chmod (f->dir, 0700);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->assessment);
}

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

static void
wait_page (EscWindow  *window,
           const char *name)
{
  void *args[] = { window, (void *) name };

  g_assert_true (esc_test_wait (on_page, args, 30000));
}

static EscWindow *
open_window (Fixture    *f,
             const char *assessment)
{
  EscWindow *window = esc_test_window_new (app);

  if (assessment != NULL)
    esc_window_set_initial_assessment (window, assessment);
  esc_window_open_path (window, f->path, FALSE);
  wait_page (window, assessment != NULL ? "assessment" : "workspace");

  return window;
}

/* The first toplevel of the type other than except, or NULL. */
static GtkWidget *
find_toplevel (GType      type,
               GtkWidget *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && window != except)
        return window;
    }

  return NULL;
}

/* A label under widget showing exactly text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
export_done (gpointer data)
{
  return !esc_export_dialog_get_running (data);
}

/* A zip archive holding xl/workbook.xml, as Excel and LibreOffice expect. */
static void
assert_workbook (const char *path)
{
  g_autofree char   *unzip = g_find_program_in_path ("unzip");
  g_autofree char   *out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv)     names = NULL;
  int                status = 0;
  const char        *argv[] = { NULL, "-Z1", path, NULL };

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (unzip);
  argv[0] = unzip;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  names = g_strsplit (out, "\n", -1);
  g_assert_true (g_strv_contains ((const char *const *) names, "xl/workbook.xml"));
  g_assert_true (g_strv_contains ((const char *const *) names, "xl/worksheets/sheet1.xml"));
}

static void
run_export (EscWindow  *window,
            const char *xlsx)
{
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);
  g_autofree char  *base = g_path_get_basename (xlsx);
  g_autofree char  *toast = g_strdup_printf ("Exported “%s”", base);
  EscExportDialog  *dialog;

  g_assert_null (find_toplevel (ESC_TYPE_EXPORT_DIALOG, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = ESC_EXPORT_DIALOG (find_toplevel (ESC_TYPE_EXPORT_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* The destination is given as the file chooser would; the Export button starts it. */
  esc_export_dialog_set_destination (dialog, file);
  esc_export_dialog_start (dialog);
  g_assert_true (esc_test_wait (export_done, dialog, 60000));
  g_assert_null (esc_export_dialog_get_error_message (dialog));
  esc_test_drain (100);

  assert_workbook (xlsx);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), toast));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Ctrl+E in an assessment exports its SAR workbook; in the list of local governments,
 * the province workbook. */
static void
test_export (Fixture      *f,
             gconstpointer unused)
{
  g_autofree char *sar = g_build_filename (f->dir, "sar.xlsx", NULL);
  g_autofree char *province = g_build_filename (f->dir, "province.xlsx", NULL);
  g_autofree char *evidence = g_build_filename (f->dir, "sar evidence", NULL);
  EscWindow       *window = open_window (f, f->assessment);
  g_auto (GStrv)   accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export");

  g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>e"));

  run_export (window, sar);
  g_assert_true (g_file_test (evidence, G_FILE_TEST_IS_DIR));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-workspace", NULL));
  wait_page (window, "workspace");
  run_export (window, province);

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  esc_test_setup_env (FALSE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = esc_test_application ();

  g_test_add ("/gui/window-actions/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
