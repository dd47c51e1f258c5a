/* esc-workspace-view.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "esc-lao-item.h"
#include "esc-workspace.h"

G_BEGIN_DECLS

#define ESC_TYPE_WORKSPACE_VIEW (esc_workspace_view_get_type ())
G_DECLARE_FINAL_TYPE (EscWorkspaceView, esc_workspace_view, ESC, WORKSPACE_VIEW, AdwBin)

void            esc_workspace_view_set_workspace    (EscWorkspaceView *self,
                                                     EscWorkspace     *workspace);
EscLaoItem     *esc_workspace_view_get_selected     (EscWorkspaceView *self);
void            esc_workspace_view_set_search_text  (EscWorkspaceView *self,
                                                     const char       *text);
GListModel     *esc_workspace_view_get_visible      (EscWorkspaceView *self);
void            esc_workspace_view_focus_search     (EscWorkspaceView *self);
GtkSearchEntry *esc_workspace_view_get_search_entry (EscWorkspaceView *self);

G_END_DECLS
