/* esc-test-script.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deterministic sequence of edits for the crash and fault tests. Edit s (1, 2, …) is a
 * function of s alone, so a test can say exactly what a workspace must hold after edits
 * 1…k, and find k back from the workspace: each answer's note names the edit that wrote it,
 * and every seventh edit imports five local governments named after it in one transaction.
 */
#pragma once

#include "esc-store.h"

G_BEGIN_DECLS

typedef struct _EscTestScript EscTestScript;

/* Creates a workspace at path holding the default framework and one assessment. */
EscTestScript *esc_test_script_create     (const char     *path);
/* Reads the assessment and framework back from an existing script workspace. */
EscTestScript *esc_test_script_load       (EscStore       *store);
const char    *esc_test_script_get_assessment (EscTestScript *self);
/* Applies edit seq; FALSE with error when the store refuses or fails. */
gboolean       esc_test_script_apply      (EscTestScript  *self,
                                           EscStore       *store,
                                           guint           seq,
                                           GError        **error);
/* The arguments of `esc-cli answer set` doing edit seq (an answer edit); NULL for an import. */
GStrv          esc_test_script_cli_args   (EscTestScript  *self,
                                           const char     *esc_cli,
                                           const char     *workspace,
                                           guint           seq);
/* The last edit the workspace holds, found from its content. */
guint          esc_test_script_find_last  (EscTestScript  *self,
                                           EscStore       *store,
                                           GError        **error);
/* TRUE when the workspace holds exactly edits 1…k; otherwise says what differs. */
gboolean       esc_test_script_verify     (EscTestScript  *self,
                                           EscStore       *store,
                                           guint           k,
                                           GError        **error);
void           esc_test_script_free       (EscTestScript  *self);

/* full, or quick when ESC_TEST_QUICK is set: the sanitizer build, where every malloc is
 * unwound for leak reports, runs the heavy tests with fewer rounds. */
guint          esc_test_scale             (guint           full,
                                           guint           quick);

/* A new temporary folder, in memory (/dev/shm) when there is one: the tests that use it make
 * hundreds of workspaces and test error handling, not durability, so they need no fsync. */
char          *esc_test_make_tmp_dir      (const char     *tmpl,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscTestScript, esc_test_script_free)

G_END_DECLS
