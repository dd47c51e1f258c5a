/* esc-store-review.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of the review loop: status moves and reviewer comments.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "esc-review.h"
#include "esc-store-private.h"

typedef struct
{
  EscReviewAction action;
  const char     *to;
  const char     *from[3];
} Move;

static const Move moves[] = {
  { ESC_REVIEW_SUBMIT, "submitted", { "draft", "returned", NULL } },
  { ESC_REVIEW_RETURN, "returned", { "submitted", "reviewed", NULL } },
  { ESC_REVIEW_ACCEPT, "reviewed", { "submitted", NULL, NULL } },
};

static gboolean
move_allows (const Move *move,
             const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (move->from) && move->from[i] != NULL; i++)
    if (g_str_equal (move->from[i], status))
      return TRUE;
  return FALSE;
}

static void
set_move_error (const Move *move,
                const char *status,
                GError    **error)
{
  const char *now = esc_review_status_label (status);

  switch (move->action)
    {
    case ESC_REVIEW_SUBMIT:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Cannot submit this assessment: it is “%s”. Only a draft or an assessment "
                      "returned for correction can be submitted."),
                   now);
      break;
    case ESC_REVIEW_RETURN:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Cannot return this assessment: it is “%s”. Only a submitted or reviewed "
                      "assessment can be returned for correction."),
                   now);
      break;
    case ESC_REVIEW_ACCEPT:
    default:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Cannot accept this assessment: it is “%s”. Only a submitted assessment "
                      "can be accepted as reviewed; ask the assessor to submit it first."),
                   now);
      break;
    }
}

gboolean
esc_review_apply (EscStore       *store,
                  const char     *assessment_id,
                  EscReviewAction action,
                  const char     *reason,
                  GError        **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (sqlite3_stmt)  stmt = NULL;
  const Move               *move = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (moves[i].action == action)
      move = &moves[i];
  g_return_val_if_fail (move != NULL, FALSE);

  assessment = esc_store_get_assessment (store, assessment_id, error);
  if (assessment == NULL)
    return FALSE;
  if (!move_allows (move, assessment->status))
    {
      set_move_error (move, assessment->status, error);
      return FALSE;
    }

  if (!_esc_store_begin (store, error))
    return FALSE;

  /* The status it was read with, so a change by another window in between is not lost. */
  stmt = _esc_store_prepare (store,
                             "UPDATE assessments SET status = ?1, updated_at = ?2 WHERE uuid = ?3 AND status = ?4",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, move->to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, _esc_now ());
  sqlite3_bind_text (stmt, 3, assessment->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, assessment->status, -1, SQLITE_STATIC);
  if (!_esc_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (_esc_store_get_db (store)) != 1)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_BUSY,
                   _ ("The assessment changed while this was being saved; look at it again and retry"));
      goto fail;
    }

  if (!_esc_store_record_history (store, "assessment", assessment->uuid, "status",
                                  assessment->status, move->to, reason, error))
    goto fail;

  return _esc_store_commit (store, error);

fail:
  _esc_store_rollback (store);
  return FALSE;
}

char *
esc_review_add_comment (EscStore   *store,
                        const char *assessment_id,
                        const char *item_code,
                        const char *verdict,
                        const char *body,
                        GError    **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (EscFramework)  framework = NULL;
  g_autoptr (sqlite3_stmt)  stmt = NULL;
  g_autofree char          *uuid = NULL;
  g_autofree char          *text = g_strstrip (g_strdup (body ? body : ""));
  const char               *author;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  if (item_code == NULL)
    item_code = "";
  if (verdict == NULL)
    verdict = "";

  if (!g_str_equal (verdict, "") && !g_str_equal (verdict, ESC_REVIEW_ACCEPTED) &&
      !g_str_equal (verdict, ESC_REVIEW_NEEDS_FIX))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("“%s” is not a verdict: use “accepted” or “needs-fix”"), verdict);
      return NULL;
    }
  if (g_str_equal (verdict, ESC_REVIEW_NEEDS_FIX) && *text == '\0')
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Say what needs to be fixed: a “needs fix” verdict needs a comment"));
      return NULL;
    }
  if (g_str_equal (verdict, "") && *text == '\0')
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("The comment is empty: write a comment or give a verdict"));
      return NULL;
    }

  assessment = esc_store_get_assessment (store, assessment_id, error);
  if (assessment == NULL)
    return NULL;
  if (*item_code != '\0')
    {
      framework = esc_store_get_framework (store, assessment->framework_uuid, error);
      if (framework == NULL)
        return NULL;
      if (esc_framework_lookup_indicator (framework, item_code) == NULL)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("There is no indicator “%s” in this assessment's framework"), item_code);
          return NULL;
        }
    }

  if (!_esc_store_begin (store, error))
    return NULL;

  uuid = _esc_uuid_new ();
  author = esc_store_get_author (store);
  stmt = _esc_store_prepare (store,
                             "INSERT INTO comments (uuid, assessment_uuid, item_code, verdict, body, author, created_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, assessment->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, item_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, verdict, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, author ? author : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, _esc_now ());
  if (!_esc_store_step_done (store, stmt, error) || !_esc_store_commit (store, error))
    goto fail;

  return g_steal_pointer (&uuid);

fail:
  _esc_store_rollback (store);
  return NULL;
}

GPtrArray *
esc_review_list_comments (EscStore   *store,
                          const char *assessment_id,
                          const char *item_code,
                          GError    **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (sqlite3_stmt)  stmt = NULL;
  g_autoptr (GPtrArray)     comments = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_comment_free);
  int                       rc;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  assessment = esc_store_get_assessment (store, assessment_id, error);
  if (assessment == NULL)
    return NULL;

  stmt = _esc_store_prepare (store,
                             "SELECT uuid, assessment_uuid, item_code, verdict, body, author, created_at"
                             " FROM comments WHERE assessment_uuid = ?1 AND (?2 IS NULL OR item_code = ?2)"
                             " ORDER BY created_at, rowid",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment->uuid, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 2, item_code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscComment *comment = g_new0 (EscComment, 1);

      comment->uuid = _esc_column_dup (stmt, 0);
      comment->assessment_uuid = _esc_column_dup (stmt, 1);
      comment->item_code = _esc_column_dup (stmt, 2);
      comment->verdict = _esc_column_dup (stmt, 3);
      comment->body = _esc_column_dup (stmt, 4);
      comment->author = _esc_column_dup (stmt, 5);
      comment->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (comments, comment);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&comments);
}

GHashTable *
esc_review_get_verdicts (EscStore   *store,
                         const char *assessment_id,
                         GError    **error)
{
  g_autoptr (GPtrArray) comments = esc_review_list_comments (store, assessment_id, NULL, error);
  GHashTable           *verdicts;

  if (comments == NULL)
    return NULL;

  /* Oldest first, so the latest verdict of each item stays. */
  verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < comments->len; i++)
    {
      EscComment *comment = g_ptr_array_index (comments, i);

      if (comment->verdict != NULL && *comment->verdict != '\0' && *comment->item_code != '\0')
        g_hash_table_insert (verdicts, g_strdup (comment->item_code), g_strdup (comment->verdict));
    }
  return verdicts;
}
