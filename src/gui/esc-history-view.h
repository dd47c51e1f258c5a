/* esc-history-view.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_TYPE_HISTORY_VIEW (esc_history_view_get_type ())
G_DECLARE_FINAL_TYPE (EscHistoryView, esc_history_view, ESC, HISTORY_VIEW, GtkBox)

/* Who changed what, when, from which value to which and why: of one indicator, or of the
 * whole assessment when the item code is NULL. Newest first. */
GtkWidget *esc_history_view_new       (void);
void       esc_history_view_show      (EscHistoryView *self,
                                       EscStore       *store,
                                       const char     *assessment_uuid,
                                       const char     *item_code);
void       esc_history_view_reload    (EscHistoryView *self);
guint      esc_history_view_get_n_rows (EscHistoryView *self);

G_END_DECLS
