/* test-province-view.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The working-group page on a copy of the Sisaket demo workspace: the dashboard's
 * numbers, the local governments behind them, and a status change the rules refuse.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "esc-province-view.h"
#include "esc-gui-test-util.h"
#include "esc-i18n.h"
#include "esc-resources.h"

static char *
copy_demo (void)
{
  g_autofree char *demo = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "data", "demo", "demo.esca", NULL);
  g_autofree char *data = NULL;
  gsize            length = 0;
  g_autofree char *dir = g_dir_make_tmp ("esc-province-view-XXXXXX", NULL);
  char            *copy = g_build_filename (dir, "demo-copy.esca", NULL);

  g_assert_true (g_file_get_contents (demo, &data, &length, NULL));
  g_assert_true (g_file_set_contents (copy, data, length, NULL));

  return copy;
}

static void
wait_idle (EscProvinceView *view)
{
  for (guint i = 0; i < 2000 && esc_province_view_is_busy (view); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (esc_province_view_is_busy (view));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
test_view_on_demo (void)
{
  g_autofree char       *path = copy_demo ();
  GtkWidget             *window = adw_application_window_new (NULL);
  GtkWidget             *view = esc_province_view_new ();
  EscProvinceDashboard  *dashboard = esc_province_view_get_dashboard (ESC_PROVINCE_VIEW (view));
  EscPlanProgress       *progress;
  const EscProgressCell *cell;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  esc_province_view_set_path (ESC_PROVINCE_VIEW (view), path);
  wait_idle (ESC_PROVINCE_VIEW (view));
  g_assert_null (esc_province_view_get_error (ESC_PROVINCE_VIEW (view)));

  /* The demo's 3-year plan, 2569–2571, with its targets. */
  progress = esc_province_dashboard_get_progress (dashboard);
  g_assert_nonnull (progress);
  g_assert_cmpint (progress->first_year, ==, 2569);
  g_assert_cmpuint (progress->n_years, ==, 3);
  cell = esc_plan_progress_get_cell (progress, 2570, NULL);
  g_assert_cmpint (cell->target, ==, 10);
  g_assert_cmpint (cell->actual, ==, 7);

  /* Year 2570: the 14 volunteers and earlier participants, and the one invited besides. */
  esc_province_dashboard_activate (dashboard, 2570, "");
  wait_idle (ESC_PROVINCE_VIEW (view));
  g_assert_cmpuint (count_rows (esc_province_view_get_participation_list (ESC_PROVINCE_VIEW (view))), ==, 15);
  g_assert_cmpuint (count_rows (esc_province_view_get_behind_list (ESC_PROVINCE_VIEW (view))), ==, 7);

  /* A district's number lists its local governments. */
  esc_province_dashboard_activate (dashboard, 2570, "เมืองศรีสะเกษ");
  g_assert_cmpuint (count_rows (esc_province_view_get_behind_list (ESC_PROVINCE_VIEW (view))), ==, 2);

  esc_test_screenshot (window, "province-view.png");

  /* Submitting for a local government only invited is refused, with a reason, and the
   * numbers do not move. */
  {
    g_autoptr (EscStore) store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, NULL);
    g_autoptr (EscLao)   lao = esc_store_find_lao (store, "เทศบาลตำบลพยุห์", NULL);

    g_assert_nonnull (lao);
    esc_province_view_set_status (ESC_PROVINCE_VIEW (view), lao->uuid, ESC_PARTICIPATION_SUBMITTED);
    wait_idle (ESC_PROVINCE_VIEW (view));
    g_assert_nonnull (esc_province_view_get_error (ESC_PROVINCE_VIEW (view)));
    g_assert_nonnull (strstr (esc_province_view_get_error (ESC_PROVINCE_VIEW (view)), "SAR"));
    cell = esc_plan_progress_get_cell (esc_province_dashboard_get_progress (dashboard), 2570, NULL);
    g_assert_cmpint (cell->actual, ==, 7);

    /* Registering it counts it. */
    esc_province_view_set_status (ESC_PROVINCE_VIEW (view), lao->uuid, ESC_PARTICIPATION_REGISTERED);
    wait_idle (ESC_PROVINCE_VIEW (view));
    g_assert_null (esc_province_view_get_error (ESC_PROVINCE_VIEW (view)));
    cell = esc_plan_progress_get_cell (esc_province_dashboard_get_progress (dashboard), 2570, NULL);
    g_assert_cmpint (cell->actual, ==, 8);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  esc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The static library's resources are not linked in unless referenced. */
  g_resources_register (esc_get_resource ());

  g_test_add_func ("/gui/province-view/demo", test_view_on_demo);

  return g_test_run ();
}
