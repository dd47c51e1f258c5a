/* esc-window.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "esc-assessment-view.h"
#include "esc-new-assessment-dialog.h"
#include "esc-province-view.h"
#include "esc-welcome-page.h"
#include "esc-workspace-view.h"
#include "esc-workspace.h"

G_BEGIN_DECLS

#define ESC_TYPE_WINDOW (esc_window_get_type ())
G_DECLARE_FINAL_TYPE (EscWindow, esc_window, ESC, WINDOW, AdwApplicationWindow)

EscWindow              *esc_window_new                     (AdwApplication *application);
void                    esc_window_open_path               (EscWindow      *self,
                                                            const char     *path,
                                                            gboolean        create);
void                    esc_window_open_default            (EscWindow      *self);
void                    esc_window_show_welcome            (EscWindow      *self);
void                    esc_window_open_assessment         (EscWindow      *self,
                                                            const char     *assessment_uuid);
EscWorkspace           *esc_window_get_workspace           (EscWindow      *self);
const char             *esc_window_get_page_name           (EscWindow      *self);
EscWelcomePage         *esc_window_get_welcome_page        (EscWindow      *self);
EscWorkspaceView       *esc_window_get_workspace_view      (EscWindow      *self);
EscAssessmentView      *esc_window_get_assessment_view     (EscWindow      *self);
EscProvinceView        *esc_window_get_province_view       (EscWindow      *self);
EscNewAssessmentDialog *esc_window_get_new_assessment_dialog (EscWindow    *self);
const char             *esc_window_get_subtitle            (EscWindow      *self);
const char             *esc_window_get_error_title         (EscWindow      *self);
gboolean                esc_window_is_busy                 (EscWindow      *self);
gboolean                esc_window_is_read_only            (EscWindow      *self);
/* Copies the open workspace to path and opens the copy, as Save a Copy… does. */
void                    esc_window_save_copy               (EscWindow      *self,
                                                            const char     *path);
void                    esc_window_set_initial_assessment  (EscWindow      *self,
                                                            const char     *assessment_uuid);
void                    esc_window_set_report_first_frame  (EscWindow      *self,
                                                            gboolean        report);

G_END_DECLS
