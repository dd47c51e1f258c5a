/* esc-indicator-page.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "esc-framework.h"
#include "esc-review-panel.h"
#include "esc-score-row.h"
#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_TYPE_INDICATOR_PAGE (esc_indicator_page_get_type ())
G_DECLARE_FINAL_TYPE (EscIndicatorPage, esc_indicator_page, ESC, INDICATOR_PAGE, AdwBin)

void                esc_indicator_page_show            (EscIndicatorPage   *self,
                                                        EscFramework       *framework,
                                                        const EscIndicator *item,
                                                        const EscAnswer    *answer,
                                                        gboolean            thai);
const EscIndicator *esc_indicator_page_get_item        (EscIndicatorPage   *self);
void                esc_indicator_page_flush_note      (EscIndicatorPage   *self);
gboolean            esc_indicator_page_has_unsaved_note (EscIndicatorPage  *self);
guint               esc_indicator_page_get_n_scores    (EscIndicatorPage   *self);
EscScoreRow        *esc_indicator_page_get_score_row   (EscIndicatorPage   *self,
                                                        guint               index);
guint               esc_indicator_page_get_n_criteria  (EscIndicatorPage   *self);
GtkCheckButton     *esc_indicator_page_get_criterion   (EscIndicatorPage   *self,
                                                        guint               index);
GtkTextView        *esc_indicator_page_get_note_view   (EscIndicatorPage   *self);
GtkBox             *esc_indicator_page_get_evidence_box (EscIndicatorPage  *self);
void                esc_indicator_page_set_review      (EscIndicatorPage   *self,
                                                        EscStore           *store,
                                                        const char         *assessment_uuid);
EscReviewPanel     *esc_indicator_page_get_review_panel (EscIndicatorPage  *self);
void                esc_indicator_page_focus_first     (EscIndicatorPage   *self);
void                esc_indicator_page_set_editable    (EscIndicatorPage   *self,
                                                        gboolean            editable);

G_END_DECLS
