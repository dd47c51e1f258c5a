/* esc-review-panel.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_TYPE_REVIEW_PANEL (esc_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (EscReviewPanel, esc_review_panel, ESC, REVIEW_PANEL, GtkBox)

/* The review loop for one indicator of an assessment: its status with the moves it allows
 * (submit, return for correction, accept), the reviewer's comments on the indicator, and a
 * field to comment, accept the indicator or ask for a fix. Writes run on a worker thread;
 * "changed" is emitted after each. */
GtkWidget  *esc_review_panel_new        (void);
void        esc_review_panel_show       (EscReviewPanel *self,
                                         EscStore       *store,
                                         const char     *assessment_uuid,
                                         const char     *item_code);
void        esc_review_panel_set_author (EscReviewPanel *self,
                                         const char     *author);
void        esc_review_panel_reload     (EscReviewPanel *self);
gboolean    esc_review_panel_is_busy    (EscReviewPanel *self);
const char *esc_review_panel_get_status (EscReviewPanel *self);
guint       esc_review_panel_get_n_comments (EscReviewPanel *self);

G_END_DECLS
