/* esc-review.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comment type and the names of the review loop's states. The SQL is in
 * esc-store-review.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "esc-review.h"

G_DEFINE_BOXED_TYPE (EscComment, esc_comment, esc_comment_copy, esc_comment_free)

EscComment *
esc_comment_copy (const EscComment *comment)
{
  EscComment *copy;

  g_return_val_if_fail (comment != NULL, NULL);

  copy = g_new0 (EscComment, 1);
  copy->uuid = g_strdup (comment->uuid);
  copy->assessment_uuid = g_strdup (comment->assessment_uuid);
  copy->item_code = g_strdup (comment->item_code);
  copy->verdict = g_strdup (comment->verdict);
  copy->body = g_strdup (comment->body);
  copy->author = g_strdup (comment->author);
  copy->created_at = comment->created_at;
  return copy;
}

void
esc_comment_free (EscComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->uuid);
  g_free (comment->assessment_uuid);
  g_free (comment->item_code);
  g_free (comment->verdict);
  g_free (comment->body);
  g_free (comment->author);
  g_free (comment);
}

const char *
esc_review_status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return C_ ("assessment status", "Draft");
  if (g_strcmp0 (status, "submitted") == 0)
    return C_ ("assessment status", "Submitted");
  if (g_strcmp0 (status, "reviewed") == 0)
    return C_ ("assessment status", "Reviewed");
  if (g_strcmp0 (status, "returned") == 0)
    return C_ ("assessment status", "Returned for correction");
  return status;
}

const char *
esc_review_verdict_label (const char *verdict)
{
  if (g_strcmp0 (verdict, ESC_REVIEW_ACCEPTED) == 0)
    return C_ ("review verdict", "Accepted");
  if (g_strcmp0 (verdict, ESC_REVIEW_NEEDS_FIX) == 0)
    return C_ ("review verdict", "Needs a fix");
  return C_ ("review verdict", "Comment");
}

const char *
esc_review_action_label (EscReviewAction action)
{
  switch (action)
    {
    case ESC_REVIEW_SUBMIT:
      return C_ ("review action", "Submit for review");
    case ESC_REVIEW_RETURN:
      return C_ ("review action", "Return for correction");
    case ESC_REVIEW_ACCEPT:
      return C_ ("review action", "Accept as reviewed");
    default:
      return "";
    }
}

/* Async ------------------------------------------------------------------------------- */

typedef struct
{
  char           *workspace_path;
  char           *author;
  char           *assessment_id;
  gboolean        comment;
  EscReviewAction action;
  char           *reason;
  char           *item_code;
  char           *verdict;
  char           *body;
} ReviewJob;

static void
review_job_free (ReviewJob *job)
{
  g_free (job->workspace_path);
  g_free (job->author);
  g_free (job->assessment_id);
  g_free (job->reason);
  g_free (job->item_code);
  g_free (job->verdict);
  g_free (job->body);
  g_free (job);
}

static void
review_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReviewJob           *job = task_data;
  g_autoptr (EscStore) store = NULL;
  GError              *error = NULL;

  store = esc_store_open (job->workspace_path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->author != NULL)
    esc_store_set_author (store, job->author);

  if (job->comment)
    {
      char *uuid = esc_review_add_comment (store, job->assessment_id, job->item_code, job->verdict,
                                           job->body, &error);
      if (uuid != NULL)
        g_task_return_pointer (task, uuid, g_free);
      else
        g_task_return_error (task, error);
    }
  else if (esc_review_apply (store, job->assessment_id, job->action, job->reason, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
review_run (ReviewJob          *job,
            gpointer            source_tag,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) review_job_free);
  g_task_run_in_thread (task, review_worker);
}

void
esc_review_apply_async (const char         *workspace_path,
                        const char         *author,
                        const char         *assessment_id,
                        EscReviewAction     action,
                        const char         *reason,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  ReviewJob *job;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (assessment_id != NULL);

  job = g_new0 (ReviewJob, 1);
  job->workspace_path = g_strdup (workspace_path);
  job->author = g_strdup (author);
  job->assessment_id = g_strdup (assessment_id);
  job->action = action;
  job->reason = g_strdup (reason);
  review_run (job, esc_review_apply_async, cancellable, callback, user_data);
}

gboolean
esc_review_apply_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
esc_review_add_comment_async (const char         *workspace_path,
                              const char         *author,
                              const char         *assessment_id,
                              const char         *item_code,
                              const char         *verdict,
                              const char         *body,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  ReviewJob *job;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (assessment_id != NULL);

  job = g_new0 (ReviewJob, 1);
  job->workspace_path = g_strdup (workspace_path);
  job->author = g_strdup (author);
  job->assessment_id = g_strdup (assessment_id);
  job->comment = TRUE;
  job->item_code = g_strdup (item_code);
  job->verdict = g_strdup (verdict);
  job->body = g_strdup (body);
  review_run (job, esc_review_add_comment_async, cancellable, callback, user_data);
}

char *
esc_review_add_comment_finish (GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
