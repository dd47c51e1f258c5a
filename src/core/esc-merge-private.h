/* esc-merge-private.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by esc-merge.c and esc-store-merge.c only.
 */
#pragma once

#include "esc-merge.h"

G_BEGIN_DECLS

EscMergeReport *_esc_merge_report_new       (const char  *other_path);
EscConflict    *_esc_conflict_new           (void);

/* Turns a cell's content (a list of quote()d SQL values) into text for a person. */
char           *_esc_merge_content_to_text  (const char  *entity,
                                             const char  *content);

G_END_DECLS
