/* esc-province-dashboard.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-province.h"

G_BEGIN_DECLS

#define ESC_TYPE_PROVINCE_DASHBOARD (esc_province_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (EscProvinceDashboard, esc_province_dashboard, ESC, PROVINCE_DASHBOARD, GtkWidget)

GtkWidget       *esc_province_dashboard_new          (void);
/* Takes ownership of progress (NULL clears). */
void             esc_province_dashboard_set_progress (EscProvinceDashboard *self,
                                                      EscPlanProgress      *progress);
EscPlanProgress *esc_province_dashboard_get_progress (EscProvinceDashboard *self);
/* The year the district chart shows. */
void             esc_province_dashboard_set_year     (EscProvinceDashboard *self,
                                                      int                   fiscal_year);
int              esc_province_dashboard_get_year     (EscProvinceDashboard *self);
/* The number under a point: a year's province bars or a district's row. */
gboolean         esc_province_dashboard_cell_at      (EscProvinceDashboard *self,
                                                      double                x,
                                                      double                y,
                                                      int                  *fiscal_year,
                                                      const char          **district);
/* Selects a cell as a click would, emitting "cell-activated". */
void             esc_province_dashboard_activate     (EscProvinceDashboard *self,
                                                      int                   fiscal_year,
                                                      const char           *district);

G_END_DECLS
