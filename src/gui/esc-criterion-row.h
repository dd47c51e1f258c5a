/* esc-criterion-row.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_CRITERION_ROW (esc_criterion_row_get_type ())
G_DECLARE_FINAL_TYPE (EscCriterionRow, esc_criterion_row, ESC, CRITERION_ROW, AdwPreferencesRow)

EscCriterionRow *esc_criterion_row_new         (const char      *text);
void             esc_criterion_row_set_text    (EscCriterionRow *self,
                                                const char      *text);
gboolean         esc_criterion_row_get_active  (EscCriterionRow *self);
void             esc_criterion_row_set_active  (EscCriterionRow *self,
                                                gboolean         active);
void             esc_criterion_row_activate    (EscCriterionRow *self);
GtkCheckButton  *esc_criterion_row_get_check   (EscCriterionRow *self);

G_END_DECLS
