/* esc-new-assessment-dialog.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_NEW_ASSESSMENT_DIALOG (esc_new_assessment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EscNewAssessmentDialog, esc_new_assessment_dialog, ESC, NEW_ASSESSMENT_DIALOG, AdwWindow)

EscNewAssessmentDialog *esc_new_assessment_dialog_new           (GtkWindow              *parent,
                                                                 const char             *lao_name);
int                     esc_new_assessment_dialog_get_year      (EscNewAssessmentDialog *self);
void                    esc_new_assessment_dialog_set_year      (EscNewAssessmentDialog *self,
                                                                 int                     year);
const char             *esc_new_assessment_dialog_get_kind      (EscNewAssessmentDialog *self);
GtkEditable            *esc_new_assessment_dialog_get_assessor  (EscNewAssessmentDialog *self);
void                    esc_new_assessment_dialog_start         (EscNewAssessmentDialog *self);

G_END_DECLS
