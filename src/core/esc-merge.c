/* esc-merge.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The merge report and conflict types, and merging on a worker thread. The SQL is in
 * esc-store-merge.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "esc-merge-private.h"

G_DEFINE_BOXED_TYPE (EscMergeReport, esc_merge_report, esc_merge_report_copy, esc_merge_report_free)
G_DEFINE_BOXED_TYPE (EscConflict, esc_conflict, esc_conflict_copy, esc_conflict_free)

EscMergeReport *
_esc_merge_report_new (const char *other_path)
{
  EscMergeReport *report = g_new0 (EscMergeReport, 1);

  report->other_path = g_strdup (other_path);
  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_conflict_free);
  return report;
}

EscMergeReport *
esc_merge_report_copy (const EscMergeReport *report)
{
  EscMergeReport *copy;

  g_return_val_if_fail (report != NULL, NULL);

  copy = g_memdup2 (report, sizeof *report);
  copy->other_path = g_strdup (report->other_path);
  copy->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_conflict_free);
  for (guint i = 0; i < report->conflicts->len; i++)
    g_ptr_array_add (copy->conflicts, esc_conflict_copy (g_ptr_array_index (report->conflicts, i)));
  return copy;
}

void
esc_merge_report_free (EscMergeReport *report)
{
  if (report == NULL)
    return;
  g_free (report->other_path);
  g_ptr_array_unref (report->conflicts);
  g_free (report);
}

guint
esc_merge_report_n_changes (const EscMergeReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->n_frameworks_added + report->n_laos_added + report->n_laos_updated +
         report->n_assessments_added + report->n_assessments_updated + report->n_answers_added +
         report->n_cells_updated + report->n_values_removed + report->n_blobs_added +
         report->n_documents_added + report->n_links_added + report->n_links_updated +
         report->n_links_removed + report->n_comments_added + report->n_history_added +
         report->n_conflicts_added + report->n_conflicts_resolved;
}

static void
append_count (GString    *text,
              guint       n,
              const char *label)
{
  if (n == 0)
    return;
  g_string_append_printf (text, "  %s: %u\n", label, n);
}

char *
esc_merge_report_to_text (const EscMergeReport *report)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  if (esc_merge_report_n_changes (report) == 0)
    {
      g_string_append_printf (text, _ ("Nothing new in %s"), report->other_path);
      g_string_append_c (text, '\n');
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  g_string_append_printf (text, _ ("Merged %s:"), report->other_path);
  g_string_append_c (text, '\n');
  append_count (text, report->n_laos_added, _ ("local governments added"));
  append_count (text, report->n_laos_updated, _ ("local governments updated"));
  append_count (text, report->n_assessments_added, _ ("assessments added"));
  append_count (text, report->n_assessments_updated, _ ("assessments updated"));
  append_count (text, report->n_answers_added, _ ("indicators answered"));
  append_count (text, report->n_cells_updated, _ ("scores, notes and checklists updated"));
  append_count (text, report->n_values_removed, _ ("scores cleared"));
  append_count (text, report->n_documents_added, _ ("evidence documents added"));
  append_count (text, report->n_blobs_added, _ ("evidence files stored"));
  append_count (text, report->n_links_added, _ ("evidence links added"));
  append_count (text, report->n_links_updated, _ ("evidence links updated"));
  append_count (text, report->n_links_removed, _ ("evidence links removed"));
  append_count (text, report->n_comments_added, _ ("reviewer comments added"));
  append_count (text, report->n_history_added, _ ("history entries added"));
  append_count (text, report->n_conflicts_resolved, _ ("conflicts resolved in the other file"));
  append_count (text, report->n_conflicts_added, _ ("conflicts to resolve"));
  for (guint i = 0; i < report->conflicts->len; i++)
    {
      const EscConflict *conflict = g_ptr_array_index (report->conflicts, i);
      g_autofree char   *what = esc_conflict_describe (conflict);

      g_string_append_printf (text, _ ("    %s: “%s” (kept) or “%s”"),
                              what, conflict->kept_value, conflict->other_value);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

EscConflict *
_esc_conflict_new (void)
{
  return g_new0 (EscConflict, 1);
}

EscConflict *
esc_conflict_copy (const EscConflict *conflict)
{
  EscConflict *copy;

  g_return_val_if_fail (conflict != NULL, NULL);

  copy = g_memdup2 (conflict, sizeof *conflict);
  copy->uuid = g_strdup (conflict->uuid);
  copy->entity = g_strdup (conflict->entity);
  copy->assessment_uuid = g_strdup (conflict->assessment_uuid);
  copy->item_code = g_strdup (conflict->item_code);
  copy->field = g_strdup (conflict->field);
  copy->kept_value = g_strdup (conflict->kept_value);
  copy->kept_author = g_strdup (conflict->kept_author);
  copy->other_value = g_strdup (conflict->other_value);
  copy->other_author = g_strdup (conflict->other_author);
  copy->resolved_by = g_strdup (conflict->resolved_by);
  copy->resolution = g_strdup (conflict->resolution);
  return copy;
}

void
esc_conflict_free (EscConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->uuid);
  g_free (conflict->entity);
  g_free (conflict->assessment_uuid);
  g_free (conflict->item_code);
  g_free (conflict->field);
  g_free (conflict->kept_value);
  g_free (conflict->kept_author);
  g_free (conflict->other_value);
  g_free (conflict->other_author);
  g_free (conflict->resolved_by);
  g_free (conflict->resolution);
  g_free (conflict);
}

char *
esc_conflict_describe (const EscConflict *conflict)
{
  const char *entity;

  g_return_val_if_fail (conflict != NULL, NULL);

  entity = conflict->entity;
  if (g_strcmp0 (entity, "value") == 0)
    /* Translators: first the indicator, then the scoring dimension */
    return g_strdup_printf (_ ("Indicator %s, score (%s)"), conflict->item_code, conflict->field);
  if (g_strcmp0 (entity, "note") == 0)
    return g_strdup_printf (_ ("Indicator %s, note"), conflict->item_code);
  if (g_strcmp0 (entity, "checked") == 0)
    return g_strdup_printf (_ ("Indicator %s, criteria met"), conflict->item_code);
  if (g_strcmp0 (entity, "link") == 0)
    return g_strdup_printf (_ ("Indicator %s, evidence pages and caption"), conflict->item_code);
  if (g_strcmp0 (entity, "status") == 0)
    return g_strdup (_ ("Assessment status"));
  if (g_strcmp0 (entity, "assessment") == 0)
    return g_strdup (_ ("Assessment kind, assessor and year"));
  if (g_strcmp0 (entity, "lao") == 0)
    return g_strdup (_ ("Local government name, type, district and province"));
  return g_strdup (entity);
}

/* Async ------------------------------------------------------------------------------- */

typedef struct
{
  char            *workspace_path;
  char            *author;
  GStrv            other_paths;
  EscMergeProgress progress;
  gpointer         progress_data;
  GMainContext    *context;
  guint            index;
} MergeJob;

static void
merge_job_free (MergeJob *job)
{
  g_free (job->workspace_path);
  g_free (job->author);
  g_strfreev (job->other_paths);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  EscMergeProgress progress;
  gpointer         progress_data;
  double           fraction;
} ProgressCall;

static gboolean
progress_in_main (gpointer data)
{
  ProgressCall *call = data;

  call->progress (call->fraction, call->progress_data);
  return G_SOURCE_REMOVE;
}

static void
worker_progress (double   fraction,
                 gpointer user_data)
{
  MergeJob     *job = user_data;
  ProgressCall *call;
  guint         n = g_strv_length (job->other_paths);

  if (job->progress == NULL)
    return;
  call = g_new0 (ProgressCall, 1);
  call->progress = job->progress;
  call->progress_data = job->progress_data;
  call->fraction = (job->index + fraction) / MAX (n, 1);
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_in_main, call, g_free);
}

static void
merge_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeJob             *job = task_data;
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_merge_report_free);
  GError               *error = NULL;

  store = esc_store_open (job->workspace_path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->author != NULL)
    esc_store_set_author (store, job->author);

  for (job->index = 0; job->other_paths[job->index] != NULL; job->index++)
    {
      EscMergeReport *report = esc_merge_file (store, job->other_paths[job->index], worker_progress,
                                               job, cancellable, &error);
      if (report == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (reports, report);
    }
  g_task_return_pointer (task, g_steal_pointer (&reports), (GDestroyNotify) g_ptr_array_unref);
}

void
esc_merge_files_async (const char         *workspace_path,
                       const char         *author,
                       const char *const  *other_paths,
                       EscMergeProgress    progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  MergeJob         *job;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (other_paths != NULL);

  job = g_new0 (MergeJob, 1);
  job->workspace_path = g_strdup (workspace_path);
  job->author = g_strdup (author);
  job->other_paths = g_strdupv ((char **) other_paths);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_merge_files_async);
  g_task_set_task_data (task, job, (GDestroyNotify) merge_job_free);
  g_task_run_in_thread (task, merge_worker);
}

GPtrArray *
esc_merge_files_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char             *workspace_path;
  char             *author;
  char             *id;
  EscConflictChoice choice;
  char             *edited_value;
  char             *reason;
} ResolveJob;

static void
resolve_job_free (ResolveJob *job)
{
  g_free (job->workspace_path);
  g_free (job->author);
  g_free (job->id);
  g_free (job->edited_value);
  g_free (job->reason);
  g_free (job);
}

static void
resolve_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ResolveJob          *job = task_data;
  g_autoptr (EscStore) store = NULL;
  GError              *error = NULL;

  store = esc_store_open (job->workspace_path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    {
      if (job->author != NULL)
        esc_store_set_author (store, job->author);
      if (esc_merge_resolve_conflict (store, job->id, job->choice, job->edited_value, job->reason, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  g_task_return_error (task, error);
}

void
esc_merge_resolve_conflict_async (const char         *workspace_path,
                                  const char         *author,
                                  const char         *id,
                                  EscConflictChoice   choice,
                                  const char         *edited_value,
                                  const char         *reason,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  ResolveJob       *job;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (id != NULL);

  job = g_new0 (ResolveJob, 1);
  job->workspace_path = g_strdup (workspace_path);
  job->author = g_strdup (author);
  job->id = g_strdup (id);
  job->choice = choice;
  job->edited_value = g_strdup (edited_value);
  job->reason = g_strdup (reason);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_merge_resolve_conflict_async);
  g_task_set_task_data (task, job, (GDestroyNotify) resolve_job_free);
  g_task_run_in_thread (task, resolve_worker);
}

gboolean
esc_merge_resolve_conflict_finish (GAsyncResult *result,
                                   GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
