/* esc-test-workspace.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace with one local government and one assessment, for the evidence tests, and
 * the clean-up of a test's folder.
 */
#pragma once

#include "esc-store.h"

G_BEGIN_DECLS

/* Creates path with the default framework, a town municipality and a self-assessment for
 * 2568; returns the store and the assessment's uuid. */
EscStore *esc_test_workspace_new (const char  *path,
                                  char       **assessment_uuid);

/* Removes dir and everything below it; a symbolic link is removed, not followed. */
void      esc_test_remove_tree   (const char  *dir);

G_END_DECLS
