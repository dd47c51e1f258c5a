/* esc-workspace.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "esc-lao-csv.h"
#include "esc-scoring.h"
#include "esc-workspace.h"

/* An open workspace file as the window sees it. The main thread keeps one connection
 * for small reads; every write goes to a single writer thread with its own
 * connection, in order; loading and importing run in their own threads, each with
 * its own connection too. */
struct _EscWorkspace
{
  GObject       parent_instance;

  char         *path;
  EscStore     *store; /* main thread only */
  EscFramework *framework;
  char         *framework_uuid;
  GHashTable   *frameworks; /* uuid → EscFramework */
  GListStore   *laos;
  GHashTable   *items; /* lao uuid → EscLaoItem (borrowed) */

  GThreadPool  *writer;
  EscStore     *writer_store; /* writer thread only */
  char         *author;       /* copied into each job */
  guint         n_pending;
};

G_DEFINE_FINAL_TYPE (EscWorkspace, esc_workspace, G_TYPE_OBJECT)

typedef struct
{
  char         *path;
  gboolean      create;
  char         *framework_uuid;
  EscFramework *framework;
  GPtrArray    *items;
  EscStore     *store; /* the worker's connection, for the main thread once done */
} OpenJob;

typedef struct
{
  char  *assessment_uuid;
  char  *item_code;
  guint  n_values;
  char  *keys[ESC_MAX_DIMENSIONS];
  double values[ESC_MAX_DIMENSIONS];
  char  *note;
  char  *checked;
  char  *author;
  GTask *task;
} WriteJob;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  g_free (job->path);
  g_free (job->framework_uuid);
  g_clear_object (&job->framework);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_object (&job->store);
  g_free (job);
}

static void
write_job_free (WriteJob *job)
{
  g_free (job->assessment_uuid);
  g_free (job->item_code);
  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    g_free (job->keys[i]);
  g_free (job->note);
  g_free (job->checked);
  g_free (job->author);
  g_clear_object (&job->task);
  g_free (job);
}

static void
esc_workspace_dispose (GObject *object)
{
  EscWorkspace *self = ESC_WORKSPACE (object);

  /* Every queued change is written before the workspace goes away. */
  if (self->writer != NULL)
    {
      g_thread_pool_free (self->writer, FALSE, TRUE);
      self->writer = NULL;
    }
  g_clear_object (&self->writer_store);
  g_clear_object (&self->store);
  g_clear_object (&self->framework);
  g_clear_object (&self->laos);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);

  G_OBJECT_CLASS (esc_workspace_parent_class)->dispose (object);
}

static void
esc_workspace_finalize (GObject *object)
{
  EscWorkspace *self = ESC_WORKSPACE (object);

  g_free (self->path);
  g_free (self->framework_uuid);
  g_free (self->author);

  G_OBJECT_CLASS (esc_workspace_parent_class)->finalize (object);
}

static void
esc_workspace_class_init (EscWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = esc_workspace_dispose;
  object_class->finalize = esc_workspace_finalize;
}

static void
write_worker (gpointer data,
              gpointer user_data)
{
  WriteJob          *job = data;
  EscWorkspace      *self = user_data;
  g_autoptr (GError) error = NULL;
  EscAnswerChange    change;

  if (self->writer_store == NULL)
    {
      self->writer_store = esc_store_open (self->path, ESC_STORE_OPEN_DEFAULT, &error);
      if (self->writer_store == NULL)
        {
          g_task_return_error (job->task, g_steal_pointer (&error));
          write_job_free (job);
          return;
        }
    }

  esc_store_set_author (self->writer_store, job->author);
  esc_answer_change_init (&change, job->item_code);
  for (guint i = 0; i < job->n_values; i++)
    esc_answer_change_set_value (&change, job->keys[i], job->values[i]);
  change.note = job->note;
  change.checked = job->checked;

  if (esc_store_apply_answer (self->writer_store, job->assessment_uuid, &change, NULL, &error))
    g_task_return_boolean (job->task, TRUE);
  else
    g_task_return_error (job->task, g_steal_pointer (&error));

  write_job_free (job);
}

static void
esc_workspace_init (EscWorkspace *self)
{
  self->laos = g_list_store_new (ESC_TYPE_LAO_ITEM);
  self->items = g_hash_table_new (g_str_hash, g_str_equal);
  self->frameworks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->writer = g_thread_pool_new (write_worker, self, 1, TRUE, NULL);
}

/* Where `make run` and a first start keep their workspace. */
char *
esc_workspace_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "esc-assessor", "workspace.esca", NULL);
}

/* Finds a shipped data file: $ESC_DATA_DIR, the installed data, then the source tree. */
char *
esc_workspace_find_data_file (const char *name)
{
  const char *dirs[] = { g_getenv ("ESC_DATA_DIR"), PKGDATADIR, SOURCE_DATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || dirs[i][0] == '\0')
        continue;
      path = g_build_filename (dirs[i], name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

static gboolean
create_default_workspace (const char *path,
                          GError    **error)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = NULL;
  g_autofree char         *dir = NULL;
  g_autofree char         *csv = NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  framework = esc_framework_new_default (error);
  if (framework == NULL)
    return FALSE;

  store = esc_store_create (path, framework, error);
  if (store == NULL)
    return FALSE;

  csv = esc_workspace_find_data_file ("laos/sisaket.csv");
  if (csv == NULL)
    return TRUE;

  laos = esc_lao_csv_parse_file (csv, framework, NULL, error);
  if (laos == NULL)
    return FALSE;

  return esc_store_import_laos (store, laos, NULL, NULL, error);
}

static int
compare_assessments (gconstpointer a,
                     gconstpointer b)
{
  const EscAssessment *x = *(EscAssessment **) a;
  const EscAssessment *y = *(EscAssessment **) b;

  if (x->fiscal_year != y->fiscal_year)
    return x->fiscal_year < y->fiscal_year ? 1 : -1;
  if (x->updated_at != y->updated_at)
    return x->updated_at < y->updated_at ? 1 : -1;
  return 0;
}

static EscFramework *
lookup_framework (EscStore   *store,
                  GHashTable *frameworks,
                  const char *uuid,
                  GError    **error)
{
  EscFramework *framework = g_hash_table_lookup (frameworks, uuid);

  if (framework == NULL)
    {
      framework = esc_store_get_framework (store, uuid, error);
      if (framework == NULL)
        return NULL;
      g_hash_table_insert (frameworks, g_strdup (uuid), framework);
    }

  return framework;
}

static const char *
type_label (EscFramework *framework,
            const char   *type)
{
  const EscLaoType *lao_type = NULL;

  if (type != NULL)
    lao_type = esc_framework_lookup_lao_type (framework, type);

  return lao_type != NULL ? lao_type->abbr : type;
}

/* Scores the latest assessment of a local government (NULL: it has none). */
static gboolean
summarise_item (EscStore            *store,
                GHashTable          *frameworks,
                EscLaoItem          *item,
                const EscAssessment *latest,
                GError             **error)
{
  const EscLao         *lao = esc_lao_item_get_lao (item);
  g_autoptr (GPtrArray) answers = NULL;
  g_autoptr (EscScore)  score = NULL;
  EscFramework         *framework;

  if (latest == NULL)
    {
      esc_lao_item_set_progress (item, NULL, 0, 0, 0, 0.0);
      return TRUE;
    }

  framework = lookup_framework (store, frameworks, latest->framework_uuid, error);
  if (framework == NULL)
    return FALSE;
  answers = esc_store_load_answers (store, latest->uuid, error);
  if (answers == NULL)
    return FALSE;

  score = esc_score_compute (framework, lao->type, answers);
  esc_lao_item_set_progress (item, latest->uuid, latest->fiscal_year,
                             score->n_complete, score->n_indicators, score->total_percent);

  return TRUE;
}

/* The latest assessment of each local government: lao uuid → EscAssessment. */
static GHashTable *
latest_assessments (EscStore   *store,
                    const char *lao_uuid,
                    GPtrArray **all,
                    GError    **error)
{
  GHashTable *latest;

  *all = esc_store_list_assessments (store, lao_uuid, error);
  if (*all == NULL)
    return NULL;

  g_ptr_array_sort (*all, compare_assessments);
  latest = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < (*all)->len; i++)
    {
      EscAssessment *assessment = g_ptr_array_index (*all, i);

      if (!g_hash_table_contains (latest, assessment->lao_uuid))
        g_hash_table_insert (latest, assessment->lao_uuid, assessment);
    }

  return latest;
}

static gboolean
summarise_one (EscStore   *store,
               GHashTable *frameworks,
               EscLaoItem *item,
               GError    **error)
{
  const EscLao          *lao = esc_lao_item_get_lao (item);
  g_autoptr (GPtrArray)  all = NULL;
  g_autoptr (GHashTable) latest = NULL;

  latest = latest_assessments (store, lao->uuid, &all, error);
  if (latest == NULL)
    return FALSE;

  return summarise_item (store, frameworks, item, g_hash_table_lookup (latest, lao->uuid), error);
}

typedef struct
{
  EscStore   *store;
  GHashTable *frameworks;
  GHashTable *latest; /* lao uuid → EscAssessment */
  GHashTable *items;  /* lao uuid → EscLaoItem */
  GError     *error;
} SummaryData;

static void
summary_cb (const EscAssessment *assessment,
            const EscLao        *lao,
            GPtrArray           *answers,
            gpointer             user_data)
{
  SummaryData         *data = user_data;
  const EscAssessment *latest = g_hash_table_lookup (data->latest, assessment->lao_uuid);
  EscLaoItem          *item = g_hash_table_lookup (data->items, assessment->lao_uuid);
  g_autoptr (EscScore) score = NULL;
  EscFramework        *framework;

  if (data->error != NULL || item == NULL || latest == NULL ||
      g_strcmp0 (latest->uuid, assessment->uuid) != 0)
    return;

  framework = lookup_framework (data->store, data->frameworks, assessment->framework_uuid, &data->error);
  if (framework == NULL)
    return;

  score = esc_score_compute (framework, esc_lao_item_get_lao (item)->type, answers);
  esc_lao_item_set_progress (item, assessment->uuid, assessment->fiscal_year,
                             score->n_complete, score->n_indicators, score->total_percent);
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob               *job = task_data;
  g_autoptr (EscStore)   store = NULL;
  g_autoptr (GPtrArray)  laos = NULL;
  g_autoptr (GHashTable) frameworks = NULL;
  g_autoptr (GHashTable) latest = NULL;
  g_autoptr (GPtrArray)  assessments = NULL;
  g_autoptr (GHashTable) items = NULL;
  g_autoptr (GError)     error = NULL;
  SummaryData            summary = { 0 };

  if (job->create && !g_file_test (job->path, G_FILE_TEST_EXISTS) &&
      !create_default_workspace (job->path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  store = esc_store_open (job->path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  if (job->framework_uuid == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  frameworks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  job->framework = lookup_framework (store, frameworks, job->framework_uuid, &error);
  if (job->framework == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_object_ref (job->framework);

  laos = esc_store_list_laos (store, &error);
  if (laos == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Every assessment at once: one query, not one per local government. */
  latest = latest_assessments (store, NULL, &assessments, &error);
  if (latest == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->items = g_ptr_array_new_full (laos->len, g_object_unref);
  items = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < laos->len; i++)
    {
      const EscLao *lao = g_ptr_array_index (laos, i);
      EscLaoItem   *item = esc_lao_item_new (lao, type_label (job->framework, lao->type));

      g_ptr_array_add (job->items, item);
      g_hash_table_insert (items, esc_lao_item_get_lao (item)->uuid, item);
    }

  /* The answers of every assessment in one pass; each local government shows its latest. */
  summary.store = store;
  summary.frameworks = frameworks;
  summary.latest = latest;
  summary.items = items;
  if (!esc_store_foreach_assessment (store, 0, summary_cb, &summary, &error))
    {
      g_clear_error (&summary.error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (summary.error != NULL)
    {
      g_task_return_error (task, summary.error);
      return;
    }

  /* A store is used by one thread at a time: once the task is done, this connection
   * (with the framework it parsed) becomes the main thread's. */
  job->store = g_steal_pointer (&store);
  g_task_return_boolean (task, TRUE);
}

static void
start_open (const char         *path,
            gboolean            create,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  OpenJob          *job;

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  job->create = create;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, start_open);
  g_task_set_task_data (task, job, open_job_free);
  g_task_run_in_thread (task, open_worker);
}

/* The workspace a start will show, opened while the toolkit initialises (main thread
 * only): its result waits here for the window's esc_workspace_open_async() of the same
 * path, which takes it instead of opening the file again. */
static struct
{
  char  *path;
  GTask *result; /* of start_open, once done */
  GTask *claim;  /* the window's open, while the preload is still running */
} preload;

static void
preload_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) claim = g_steal_pointer (&preload.claim);

  if (claim != NULL)
    g_task_return_pointer (claim, g_object_ref (result), g_object_unref);
  else if (preload.path != NULL)
    g_set_object (&preload.result, G_TASK (result));
}

/* Starts opening the workspace at path (which must exist) in a worker, for the first
 * esc_workspace_open_async() of the same path to take. Does nothing if one was started. */
void
esc_workspace_preload (const char *path)
{
  g_return_if_fail (path != NULL);

  if (preload.path != NULL)
    return;

  g_debug ("Reading %s while the window is made", path);
  preload.path = g_strdup (path);
  start_open (path, FALSE, NULL, preload_cb, NULL);
}

/* Whether a preload of path has finished and waits to be taken, so that opening path
 * now finishes at once. */
gboolean
esc_workspace_is_preloaded (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return preload.result != NULL && g_strcmp0 (preload.path, path) == 0;
}

/* Opens a workspace (creating it with the shipped framework and local governments when
 * create is set and the file does not exist) and reads its list of local governments
 * with their progress, in a worker thread. */
void
esc_workspace_open_async (const char         *path,
                          gboolean            create,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (path != NULL);

  if (preload.path != NULL && g_str_equal (preload.path, path) && preload.claim == NULL)
    {
      g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

      g_debug ("Opening %s as read at start", path);
      g_task_set_source_tag (task, esc_workspace_preload);
      g_clear_pointer (&preload.path, g_free);
      if (preload.result != NULL)
        g_task_return_pointer (task, g_steal_pointer (&preload.result), g_object_unref);
      else
        preload.claim = g_steal_pointer (&task);
      return;
    }

  /* Another file: a preload nobody will take is dropped (a running one ends unseen). */
  g_clear_pointer (&preload.path, g_free);
  g_clear_object (&preload.result);

  start_open (path, create, cancellable, callback, user_data);
}

EscWorkspace *
esc_workspace_open_finish (GAsyncResult *result,
                           GError      **error)
{
  g_autoptr (EscWorkspace) self = NULL;
  g_autoptr (GTask)        opened = NULL;
  OpenJob                 *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  /* The window's open that took a preload: its result is the preload's. */
  if (g_task_get_source_tag (G_TASK (result)) == esc_workspace_preload)
    {
      opened = g_task_propagate_pointer (G_TASK (result), error);
      if (opened == NULL)
        return NULL;
      result = G_ASYNC_RESULT (opened);
    }

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));
  self = g_object_new (ESC_TYPE_WORKSPACE, NULL);
  self->path = g_strdup (job->path);
  self->store = g_steal_pointer (&job->store);
  self->framework = g_object_ref (job->framework);
  self->framework_uuid = g_strdup (job->framework_uuid);
  g_hash_table_insert (self->frameworks, g_strdup (job->framework_uuid),
                       g_object_ref (job->framework));

  for (guint i = 0; i < job->items->len; i++)
    {
      EscLaoItem *item = g_ptr_array_index (job->items, i);

      g_hash_table_insert (self->items, esc_lao_item_get_lao (item)->uuid, item);
    }
  g_list_store_splice (self->laos, 0, 0, job->items->pdata, job->items->len);

  return g_steal_pointer (&self);
}

const char *
esc_workspace_get_path (EscWorkspace *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  return self->path;
}

/* The main thread's connection, for small reads. */
EscStore *
esc_workspace_get_store (EscWorkspace *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  return self->store;
}

EscFramework *
esc_workspace_get_framework (EscWorkspace *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  return self->framework;
}

const char *
esc_workspace_get_framework_uuid (EscWorkspace *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  return self->framework_uuid;
}

EscFramework *
esc_workspace_lookup_framework (EscWorkspace *self,
                                const char   *framework_uuid,
                                GError      **error)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  return lookup_framework (self->store, self->frameworks, framework_uuid, error);
}

GListModel *
esc_workspace_get_laos (EscWorkspace *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (self->laos);
}

/* The districts of the local governments, sorted, each once. */
GStrv
esc_workspace_dup_districts (EscWorkspace *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray)  districts = g_ptr_array_new ();
  guint                  n;

  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->laos));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EscLaoItem) item = g_list_model_get_item (G_LIST_MODEL (self->laos), i);
      const char            *district = esc_lao_item_get_lao (item)->district;

      if (district != NULL && district[0] != '\0' && g_hash_table_add (seen, (gpointer) district))
        g_ptr_array_add (districts, g_strdup (district));
    }
  g_ptr_array_sort (districts, (GCompareFunc) g_utf8_collate);
  g_ptr_array_add (districts, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&districts), FALSE);
}

EscLaoItem *
esc_workspace_find_item (EscWorkspace *self,
                         const char   *lao_uuid)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);

  return g_hash_table_lookup (self->items, lao_uuid);
}

/* Re-reads one local government's progress after it was assessed (a few small reads). */
void
esc_workspace_refresh_item (EscWorkspace *self,
                            EscLaoItem   *item)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (ESC_IS_WORKSPACE (self));
  g_return_if_fail (ESC_IS_LAO_ITEM (item));

  if (!summarise_one (self->store, self->frameworks, item, &error))
    g_warning ("Could not read the progress of %s: %s",
               esc_lao_item_get_name (item), error->message);
}

void
esc_workspace_set_author (EscWorkspace *self,
                          const char   *author)
{
  g_return_if_fail (ESC_IS_WORKSPACE (self));

  g_free (self->author);
  self->author = g_strdup (author);
  esc_store_set_author (self->store, author);
}

/* Queues one change for the writer thread; the callback runs once it is committed. */
void
esc_workspace_apply_async (EscWorkspace          *self,
                           const char            *assessment_uuid,
                           const EscAnswerChange *change,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr (GError) error = NULL;
  WriteJob          *job;

  g_return_if_fail (ESC_IS_WORKSPACE (self));
  g_return_if_fail (assessment_uuid != NULL);
  g_return_if_fail (change != NULL);

  job = g_new0 (WriteJob, 1);
  job->assessment_uuid = g_strdup (assessment_uuid);
  job->item_code = g_strdup (change->item_code);
  job->n_values = change->n_values;
  for (guint i = 0; i < change->n_values; i++)
    {
      job->keys[i] = g_strdup (change->keys[i]);
      job->values[i] = change->values[i];
    }
  job->note = g_strdup (change->note);
  job->checked = g_strdup (change->checked);
  job->author = g_strdup (self->author);
  /* No source object: the writer thread may drop the last reference to the task. */
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, esc_workspace_apply_async);

  self->n_pending++;
  g_thread_pool_push (self->writer, job, NULL);
}

gboolean
esc_workspace_apply_finish (EscWorkspace *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  g_assert (self->n_pending > 0);
  self->n_pending--;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Changes queued or written whose callback has not run yet. */
guint
esc_workspace_get_n_pending (EscWorkspace *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), 0);

  return self->n_pending;
}

/* Runs the main loop until every queued change is written and reported. */
void
esc_workspace_flush (EscWorkspace *self)
{
  g_return_if_fail (ESC_IS_WORKSPACE (self));

  while (self->n_pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
import_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EscWorkspace         *self = source_object;
  const char           *csv_path = task_data;
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  guint                *counts;

  laos = esc_lao_csv_parse_file (csv_path, self->framework, &problems, &error);
  if (laos == NULL)
    {
      if (problems != NULL && problems->len > 0)
        {
          g_autoptr (GString) text = g_string_new (error->message);

          for (guint i = 0; i < MIN (problems->len, 5u); i++)
            g_string_append_printf (text, "\n%s", (char *) g_ptr_array_index (problems, i));
          g_task_return_new_error (task, error->domain, error->code, "%s", text->str);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  store = esc_store_open (self->path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  counts = g_new0 (guint, 2);
  if (!esc_store_import_laos (store, laos, &counts[0], &counts[1], &error))
    {
      g_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, counts, g_free);
}

static gboolean
same_lao (const EscLao *a,
          const EscLao *b)
{
  return g_strcmp0 (a->code, b->code) == 0 && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->type, b->type) == 0 && g_strcmp0 (a->district, b->district) == 0 &&
         g_strcmp0 (a->province, b->province) == 0;
}

static void
reload_items (EscWorkspace *self)
{
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GError)    error = NULL;

  laos = esc_store_list_laos (self->store, &error);
  if (laos == NULL)
    {
      g_warning ("Could not list the local governments: %s", error->message);
      return;
    }

  for (guint i = 0; i < laos->len; i++)
    {
      const EscLao          *lao = g_ptr_array_index (laos, i);
      EscLaoItem            *old = g_hash_table_lookup (self->items, lao->uuid);
      g_autoptr (EscLaoItem) item = NULL;
      guint                  position;

      if (old != NULL && same_lao (esc_lao_item_get_lao (old), lao))
        continue;
      item = esc_lao_item_new (lao, type_label (self->framework, lao->type));
      summarise_one (self->store, self->frameworks, item, NULL);
      /* A list imported again may give a code, a new name or district: the row shows it.
       * The table's key is the old item's: replaced while that item is still alive. */
      g_hash_table_replace (self->items, esc_lao_item_get_lao (item)->uuid, item);
      if (old != NULL && g_list_store_find (self->laos, old, &position))
        g_list_store_splice (self->laos, position, 1, (gpointer *) &item, 1);
      else
        g_list_store_append (self->laos, item);
    }
}

/* Imports a local-government list (CSV) in a worker thread, as one transaction. */
void
esc_workspace_import_csv_async (EscWorkspace       *self,
                                const char         *csv_path,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (ESC_IS_WORKSPACE (self));
  g_return_if_fail (csv_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_workspace_import_csv_async);
  g_task_set_task_data (task, g_strdup (csv_path), g_free);
  g_task_run_in_thread (task, import_worker);
}

gboolean
esc_workspace_import_csv_finish (EscWorkspace *self,
                                 GAsyncResult *result,
                                 guint        *n_added,
                                 guint        *n_updated,
                                 GError      **error)
{
  g_autofree guint *counts = NULL;

  g_return_val_if_fail (ESC_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  counts = g_task_propagate_pointer (G_TASK (result), error);
  if (counts == NULL)
    return FALSE;

  if (n_added != NULL)
    *n_added = counts[0];
  if (n_updated != NULL)
    *n_updated = counts[1];
  reload_items (self);

  return TRUE;
}

typedef struct
{
  char *lao_uuid;
  int   fiscal_year;
  char *kind;
  char *assessor;
} CreateJob;

static void
create_job_free (gpointer data)
{
  CreateJob *job = data;

  g_free (job->lao_uuid);
  g_free (job->kind);
  g_free (job->assessor);
  g_free (job);
}

static void
create_assessment_worker (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  EscWorkspace        *self = source_object;
  CreateJob           *job = task_data;
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  char                *uuid;

  store = esc_store_open (self->path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  esc_store_set_author (store, job->assessor);
  uuid = esc_store_create_assessment (store, job->lao_uuid, job->fiscal_year, self->framework_uuid,
                                      job->kind, job->assessor, &error);
  if (uuid == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, uuid, g_free);
}

/* Creates an assessment with the workspace's framework, in a worker thread. */
void
esc_workspace_create_assessment_async (EscWorkspace       *self,
                                       const char         *lao_uuid,
                                       int                 fiscal_year,
                                       const char         *kind,
                                       const char         *assessor,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CreateJob        *job;

  g_return_if_fail (ESC_IS_WORKSPACE (self));
  g_return_if_fail (lao_uuid != NULL);

  job = g_new0 (CreateJob, 1);
  job->lao_uuid = g_strdup (lao_uuid);
  job->fiscal_year = fiscal_year;
  job->kind = g_strdup (kind);
  job->assessor = g_strdup (assessor);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_workspace_create_assessment_async);
  g_task_set_task_data (task, job, create_job_free);
  g_task_run_in_thread (task, create_assessment_worker);
}

char *
esc_workspace_create_assessment_finish (EscWorkspace *self,
                                        GAsyncResult *result,
                                        GError      **error)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
