/* esc-merge-window.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_TYPE_MERGE_WINDOW (esc_merge_window_get_type ())
G_DECLARE_FINAL_TYPE (EscMergeWindow, esc_merge_window, ESC, MERGE_WINDOW, AdwWindow)

/* "Merge workspace…": asks for the files to merge, merges them into the workspace of store on
 * a worker thread with a progress bar, then shows what came in and the conflicts to resolve.
 * "merged" is emitted once the files are in, so the window showing the workspace reloads. */
EscMergeWindow *esc_merge_window_new        (GtkWindow      *parent,
                                             EscStore       *store,
                                             const char     *author);
/* Asks for the files with a file chooser. */
void            esc_merge_window_choose     (EscMergeWindow *self);
/* Merges these files (for scripts and tests, without the chooser). */
void            esc_merge_window_merge      (EscMergeWindow *self,
                                             const char *const *paths);
gboolean        esc_merge_window_is_busy    (EscMergeWindow *self);
guint           esc_merge_window_get_n_conflicts (EscMergeWindow *self);

G_END_DECLS
