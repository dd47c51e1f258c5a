/* esc-province-view.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-province-dashboard.h"

G_BEGIN_DECLS

#define ESC_TYPE_PROVINCE_VIEW (esc_province_view_get_type ())
G_DECLARE_FINAL_TYPE (EscProvinceView, esc_province_view, ESC, PROVINCE_VIEW, GtkBox)

GtkWidget            *esc_province_view_new                (void);
/* Reads the workspace at path (on its own connection, off the main thread). */
void                  esc_province_view_set_path           (EscProvinceView *self,
                                                            const char      *path);
void                  esc_province_view_reload             (EscProvinceView *self);
gboolean              esc_province_view_is_busy            (EscProvinceView *self);
EscProvinceDashboard *esc_province_view_get_dashboard      (EscProvinceView *self);
GtkListBox           *esc_province_view_get_behind_list    (EscProvinceView *self);
GtkListBox           *esc_province_view_get_participation_list (EscProvinceView *self);
const char           *esc_province_view_get_error          (EscProvinceView *self);
/* Sets the status of one local government in the dashboard's year, as its row's menu
 * does: status_index counts the statuses, then the four result ratings. */
void                  esc_province_view_set_status         (EscProvinceView *self,
                                                            const char      *lao_uuid,
                                                            guint            status_index);

G_END_DECLS
