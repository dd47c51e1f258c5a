/* esc-conflict-view.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_TYPE_CONFLICT_VIEW (esc_conflict_view_get_type ())
G_DECLARE_FINAL_TYPE (EscConflictView, esc_conflict_view, ESC, CONFLICT_VIEW, GtkBox)

/* The open conflicts of a workspace (or of one assessment), each side by side, for a person
 * to keep one value, take the other or type the right one. Decisions are written on a
 * worker thread; "resolved" is emitted after each. */
GtkWidget  *esc_conflict_view_new             (void);
void        esc_conflict_view_set_store       (EscConflictView *self,
                                               EscStore        *store);
EscStore   *esc_conflict_view_get_store       (EscConflictView *self);
void        esc_conflict_view_set_assessment  (EscConflictView *self,
                                               const char      *assessment_uuid);
void        esc_conflict_view_set_author      (EscConflictView *self,
                                               const char      *author);
void        esc_conflict_view_reload          (EscConflictView *self);
guint       esc_conflict_view_get_n_conflicts (EscConflictView *self);
gboolean    esc_conflict_view_is_busy         (EscConflictView *self);

G_END_DECLS
