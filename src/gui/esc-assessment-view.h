/* esc-assessment-view.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "esc-evidence-list.h"
#include "esc-indicator-page.h"
#include "esc-indicator-row.h"
#include "esc-pdf-preview.h"
#include "esc-workspace.h"

G_BEGIN_DECLS

#define ESC_TYPE_ASSESSMENT_VIEW (esc_assessment_view_get_type ())
G_DECLARE_FINAL_TYPE (EscAssessmentView, esc_assessment_view, ESC, ASSESSMENT_VIEW, AdwBin)

gboolean             esc_assessment_view_load             (EscAssessmentView *self,
                                                           EscWorkspace      *workspace,
                                                           const char        *assessment_uuid,
                                                           GError           **error);
void                 esc_assessment_view_unload           (EscAssessmentView *self);
const EscAssessment *esc_assessment_view_get_assessment   (EscAssessmentView *self);
const EscLao        *esc_assessment_view_get_lao          (EscAssessmentView *self);
EscFramework        *esc_assessment_view_get_framework    (EscAssessmentView *self);

guint                esc_assessment_view_get_n_items      (EscAssessmentView *self);
guint                esc_assessment_view_get_position     (EscAssessmentView *self);
gboolean             esc_assessment_view_go_to            (EscAssessmentView *self,
                                                           guint              position);
gboolean             esc_assessment_view_go_to_code       (EscAssessmentView *self,
                                                           const char        *code);
gboolean             esc_assessment_view_go_previous      (EscAssessmentView *self);
gboolean             esc_assessment_view_go_next          (EscAssessmentView *self);
void                 esc_assessment_view_quick_jump       (EscAssessmentView *self);
gboolean             esc_assessment_view_undo             (EscAssessmentView *self);
gboolean             esc_assessment_view_can_undo         (EscAssessmentView *self);
void                 esc_assessment_view_flush            (EscAssessmentView *self);
gboolean             esc_assessment_view_is_stale         (EscAssessmentView *self);
GtkToggleButton     *esc_assessment_view_get_needs_fix_button (EscAssessmentView *self);

EscIndicatorPage    *esc_assessment_view_get_page         (EscAssessmentView *self);
EscIndicatorRow     *esc_assessment_view_get_row          (EscAssessmentView *self,
                                                           guint              position);
const char          *esc_assessment_view_get_status_text  (EscAssessmentView *self);
gint64               esc_assessment_view_get_saved_at     (EscAssessmentView *self);
const char          *esc_assessment_view_get_progress_text (EscAssessmentView *self);
const char          *esc_assessment_view_get_total_text   (EscAssessmentView *self);
const char          *esc_assessment_view_get_verdict_text (EscAssessmentView *self);
char                *esc_assessment_view_dup_component_text (EscAssessmentView *self,
                                                           guint              index);
GtkPaned            *esc_assessment_view_get_preview_paned (EscAssessmentView *self);
GtkWidget           *esc_assessment_view_get_footer       (EscAssessmentView *self);

EscEvidenceList     *esc_assessment_view_get_evidence_list (EscAssessmentView *self);
EscPdfPreview       *esc_assessment_view_get_preview      (EscAssessmentView *self);
gboolean             esc_assessment_view_is_preview_open  (EscAssessmentView *self);
void                 esc_assessment_view_start_search     (EscAssessmentView *self);
void                 esc_assessment_view_search           (EscAssessmentView *self,
                                                           const char        *text);
gboolean             esc_assessment_view_is_searching     (EscAssessmentView *self);
guint                esc_assessment_view_get_n_search_hits (EscAssessmentView *self);
const EscSearchHit  *esc_assessment_view_get_search_hit   (EscAssessmentView *self,
                                                           guint              index);
gboolean             esc_assessment_view_open_search_hit  (EscAssessmentView *self,
                                                           guint              index);
GtkSearchEntry      *esc_assessment_view_get_search_entry (EscAssessmentView *self);

G_END_DECLS
