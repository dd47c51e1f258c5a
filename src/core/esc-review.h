/* esc-review.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review loop: an assessment moves draft → submitted → reviewed, or from submitted (or
 * reviewed) back to returned and then submitted again; a reviewer marks each indicator
 * accepted or needing a fix, with a comment. Comments are rows of the workspace, so they
 * travel with the file through merges. Every status change is in the history.
 */
#pragma once

#include <gio/gio.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_REVIEW_NEEDS_FIX "needs-fix"
#define ESC_REVIEW_ACCEPTED  "accepted"

typedef enum
{
  ESC_REVIEW_SUBMIT, /* draft or returned → submitted */
  ESC_REVIEW_RETURN, /* submitted or reviewed → returned */
  ESC_REVIEW_ACCEPT, /* submitted → reviewed */
} EscReviewAction;

typedef struct
{
  char  *uuid;
  char  *assessment_uuid;
  char  *item_code; /* "" for a comment on the whole assessment */
  char  *verdict;   /* "", "accepted" or "needs-fix" */
  char  *body;
  char  *author;
  gint64 created_at;
} EscComment;

#define ESC_TYPE_COMMENT (esc_comment_get_type ())

GType        esc_comment_get_type        (void) G_GNUC_CONST;

/* Moves the assessment (a uuid or unique prefix) on; refuses a move the loop does not allow,
 * saying which statuses it may come from. reason is kept in the history. */
gboolean     esc_review_apply            (EscStore        *store,
                                          const char      *assessment_id,
                                          EscReviewAction  action,
                                          const char      *reason,
                                          GError         **error);
/* Adds a comment on an indicator (item_code, e.g. "7" or "19.1") or on the whole assessment
 * (item_code NULL or ""), with a verdict ("" for a plain comment). A needs-fix verdict must
 * say what to fix. Returns the new comment's uuid. */
char        *esc_review_add_comment      (EscStore        *store,
                                          const char      *assessment_id,
                                          const char      *item_code,
                                          const char      *verdict,
                                          const char      *body,
                                          GError         **error);
/* Comments of an assessment, oldest first; of one item when item_code is not NULL. */
GPtrArray   *esc_review_list_comments    (EscStore        *store,
                                          const char      *assessment_id,
                                          const char      *item_code,
                                          GError         **error);
/* item code → the latest verdict ("accepted" or "needs-fix") of each item that has one. */
GHashTable  *esc_review_get_verdicts     (EscStore        *store,
                                          const char      *assessment_id,
                                          GError         **error);

/* The writes above on a worker thread with its own connection to the workspace at
 * workspace_path. The comment's finish returns its uuid. */
void         esc_review_apply_async        (const char       *workspace_path,
                                            const char       *author,
                                            const char       *assessment_id,
                                            EscReviewAction   action,
                                            const char       *reason,
                                            GCancellable     *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer          user_data);
gboolean     esc_review_apply_finish       (GAsyncResult     *result,
                                            GError          **error);
void         esc_review_add_comment_async  (const char       *workspace_path,
                                            const char       *author,
                                            const char       *assessment_id,
                                            const char       *item_code,
                                            const char       *verdict,
                                            const char       *body,
                                            GCancellable     *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer          user_data);
char        *esc_review_add_comment_finish (GAsyncResult     *result,
                                            GError          **error);

/* Translated names for a person. */
const char  *esc_review_status_label     (const char      *status);
const char  *esc_review_verdict_label    (const char      *verdict);
const char  *esc_review_action_label     (EscReviewAction  action);

EscComment  *esc_comment_copy            (const EscComment *comment);
void         esc_comment_free            (EscComment      *comment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscComment, esc_comment_free)

G_END_DECLS
