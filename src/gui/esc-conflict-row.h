/* esc-conflict-row.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-merge.h"

G_BEGIN_DECLS

#define ESC_TYPE_CONFLICT_ROW (esc_conflict_row_get_type ())
G_DECLARE_FINAL_TYPE (EscConflictRow, esc_conflict_row, ESC, CONFLICT_ROW, GtkListBoxRow)

/* One conflict, side by side: the value kept in this workspace and the other file's, each
 * with who and when; "resolve" is emitted with an EscConflictChoice and, for
 * ESC_CONFLICT_EDIT, the typed value. */
GtkWidget         *esc_conflict_row_new          (const EscConflict *conflict);
const EscConflict *esc_conflict_row_get_conflict (EscConflictRow    *self);
void               esc_conflict_row_set_busy     (EscConflictRow    *self,
                                                  gboolean           busy);

G_END_DECLS
