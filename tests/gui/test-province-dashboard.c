/* test-province-dashboard.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard draws target against actual and says which local governments are
 * behind the number clicked.
 */
#include "config.h"

#include <adwaita.h>

#include "esc-gui-test-util.h"
#include "esc-i18n.h"
#include "esc-province-dashboard.h"

static EscParticipation *
participant (const char            *uuid,
             const char            *name,
             const char            *district,
             int                    year,
             EscParticipationStatus status)
{
  EscParticipation *p = esc_participation_new ();

  p->lao_uuid = g_strdup (uuid);
  p->lao_name = g_strdup (name);
  p->district = g_strdup (district);
  p->fiscal_year = year;
  p->status = status;

  return p;
}

static EscPlanProgress *
make_progress (void)
{
  g_autoptr (EscPlan)   plan = esc_plan_new ("แผน 3 ปี", 2569, 3);
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_target_free);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_participation_free);

  g_ptr_array_add (targets, esc_target_new (2569, "", 4));
  g_ptr_array_add (targets, esc_target_new (2570, "", 6));
  g_ptr_array_add (targets, esc_target_new (2571, "", 8));
  g_ptr_array_add (targets, esc_target_new (2570, "ขุนหาญ", 2));
  g_ptr_array_add (targets, esc_target_new (2570, "ราษีไศล", 2));
  g_ptr_array_add (parts, participant ("a", "เทศบาลตำบลขุนหาญ", "ขุนหาญ", 2569, ESC_PARTICIPATION_SUBMITTED));
  g_ptr_array_add (parts, participant ("b", "เทศบาลตำบลส้มป่อย", "ราษีไศล", 2569, ESC_PARTICIPATION_SUBMITTED));
  g_ptr_array_add (parts, participant ("a", "เทศบาลตำบลขุนหาญ", "ขุนหาญ", 2570, ESC_PARTICIPATION_PREPARING));
  g_ptr_array_add (parts, participant ("c", "เทศบาลเมืองศรีสะเกษ", "เมืองศรีสะเกษ", 2570, ESC_PARTICIPATION_REGISTERED));

  return esc_plan_progress_compute (plan, targets, parts);
}

static void
wait_for_draw (GtkWidget *widget)
{
  /* Until the widget has a size and has been drawn once. */
  for (guint i = 0; i < 200 && (gtk_widget_get_width (widget) == 0 || !gtk_widget_get_mapped (widget)); i++)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (50000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
activated_cb (EscProvinceDashboard *dashboard,
              int                   year,
              const char           *district,
              char                **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%d/%s", year, district);
}

static void
test_dashboard (void)
{
  GtkWidget       *window = gtk_window_new ();
  GtkWidget       *dashboard = esc_province_dashboard_new ();
  EscPlanProgress *progress = make_progress ();
  g_autofree char *activated = NULL;
  int              year = 0;
  const char      *district = NULL;
  gboolean         found_year = FALSE;
  gboolean         found_district = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 420);
  gtk_window_set_child (GTK_WINDOW (window), dashboard);
  esc_province_dashboard_set_progress (ESC_PROVINCE_DASHBOARD (dashboard), progress);
  esc_province_dashboard_set_year (ESC_PROVINCE_DASHBOARD (dashboard), 2570);
  g_signal_connect (dashboard, "cell-activated", G_CALLBACK (activated_cb), &activated);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (dashboard);

  g_assert_cmpint (gtk_widget_get_height (dashboard), >=, 200);

  /* Every year has its bars and every district of 2570 its row. */
  for (double y = 0; y < gtk_widget_get_height (dashboard); y += 4)
    for (double x = 0; x < gtk_widget_get_width (dashboard); x += 20)
      if (esc_province_dashboard_cell_at (ESC_PROVINCE_DASHBOARD (dashboard), x, y, &year, &district))
        {
          if (district[0] == '\0' && year == 2571)
            found_year = TRUE;
          if (g_str_equal (district, "ราษีไศล"))
            {
              g_assert_cmpint (year, ==, 2570);
              found_district = TRUE;
            }
        }
  g_assert_true (found_year);
  g_assert_true (found_district);
  g_assert_false (esc_province_dashboard_cell_at (ESC_PROVINCE_DASHBOARD (dashboard), -10, -10, NULL, NULL));

  esc_test_screenshot (dashboard, "province-dashboard.png");

  /* A year's bars choose the year of the district chart. */
  esc_province_dashboard_activate (ESC_PROVINCE_DASHBOARD (dashboard), 2569, "");
  g_assert_cmpstr (activated, ==, "2569/");
  g_assert_cmpint (esc_province_dashboard_get_year (ESC_PROVINCE_DASHBOARD (dashboard)), ==, 2569);
  esc_province_dashboard_activate (ESC_PROVINCE_DASHBOARD (dashboard), 2569, "ขุนหาญ");
  g_assert_cmpstr (activated, ==, "2569/ขุนหาญ");
  g_assert_cmpint (esc_province_dashboard_get_year (ESC_PROVINCE_DASHBOARD (dashboard)), ==, 2569);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty (void)
{
  GtkWidget *dashboard = esc_province_dashboard_new ();

  g_object_ref_sink (dashboard);
  g_assert_null (esc_province_dashboard_get_progress (ESC_PROVINCE_DASHBOARD (dashboard)));
  esc_province_dashboard_set_progress (ESC_PROVINCE_DASHBOARD (dashboard), make_progress ());
  /* A year outside the plan falls back to its first year. */
  g_assert_cmpint (esc_province_dashboard_get_year (ESC_PROVINCE_DASHBOARD (dashboard)), ==, 2569);
  esc_province_dashboard_set_progress (ESC_PROVINCE_DASHBOARD (dashboard), NULL);
  g_assert_finalize_object (dashboard);
}

int
main (int   argc,
      char *argv[])
{
  esc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/province-dashboard/draw-and-hit", test_dashboard);
  g_test_add_func ("/gui/province-dashboard/empty", test_empty);

  return g_test_run ();
}
