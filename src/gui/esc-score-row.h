/* esc-score-row.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_SCORE_ROW (esc_score_row_get_type ())
G_DECLARE_FINAL_TYPE (EscScoreRow, esc_score_row, ESC, SCORE_ROW, AdwActionRow)

EscScoreRow    *esc_score_row_new           (const char  *key,
                                             const char  *title,
                                             const char  *subtitle,
                                             double       max);
void            esc_score_row_set_dimension (EscScoreRow *self,
                                             const char  *key,
                                             const char  *title,
                                             const char  *subtitle,
                                             double       max);
const char     *esc_score_row_get_key       (EscScoreRow *self);
double          esc_score_row_get_value     (EscScoreRow *self);
void            esc_score_row_set_value     (EscScoreRow *self,
                                             double       value);
GtkSpinButton  *esc_score_row_get_spin      (EscScoreRow *self);

G_END_DECLS
