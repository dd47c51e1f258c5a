/* esc-indicator-row.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-framework.h"
#include "esc-scoring.h"

G_BEGIN_DECLS

#define ESC_TYPE_INDICATOR_ROW (esc_indicator_row_get_type ())
G_DECLARE_FINAL_TYPE (EscIndicatorRow, esc_indicator_row, ESC, INDICATOR_ROW, GtkListBoxRow)

EscIndicatorRow    *esc_indicator_row_new         (const EscIndicator *item,
                                                   gboolean            thai);
const EscIndicator *esc_indicator_row_get_item    (EscIndicatorRow    *self);
void                esc_indicator_row_set_state   (EscIndicatorRow    *self,
                                                   EscItemState        state,
                                                   double              points);
EscItemState        esc_indicator_row_get_state   (EscIndicatorRow    *self);
const char         *esc_indicator_row_get_points_text (EscIndicatorRow *self);
PangoLayout        *esc_indicator_row_get_name_layout (EscIndicatorRow *self);

G_END_DECLS
