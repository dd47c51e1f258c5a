/* esc-merge.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merging another workspace file into this one. Every mergeable value (a score, a note, a
 * checklist, a status, a local government's details, an evidence link) is a "cell". A cell
 * that only one file changed since the two shared it takes that file's value; a cell both
 * files changed differently keeps both values in a conflict until a person resolves it.
 * Merging is symmetric and idempotent: A into B gives the same rows as B into A, and merging
 * the same file twice changes nothing.
 */
#pragma once

#include <gio/gio.h>

#include "esc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char  *other_path;
  guint  n_frameworks_added;
  guint  n_laos_added;
  guint  n_laos_updated;
  guint  n_assessments_added;
  guint  n_assessments_updated; /* status or details taken from the other file */
  guint  n_answers_added;
  guint  n_cells_updated;       /* scores, notes, checklists taken from the other file */
  guint  n_values_removed;      /* scores the other file cleared */
  guint  n_blobs_added;
  gint64 blob_bytes_added;
  guint  n_documents_added;
  guint  n_links_added;
  guint  n_links_updated;
  guint  n_links_removed;
  guint  n_comments_added;
  guint  n_history_added;
  guint  n_conflicts_added;     /* new conflicts this merge found */
  guint  n_conflicts_resolved;  /* conflicts the other file had resolved */
  GPtrArray *conflicts;         /* EscConflict, the ones this merge found */
} EscMergeReport;

typedef struct
{
  char  *uuid;
  char  *entity;          /* "value", "note", "checked", "status", "assessment", "lao", "link" */
  char  *assessment_uuid; /* NULL for a local government */
  char  *item_code;       /* "" when the cell is not an indicator's */
  char  *field;           /* the dimension key of a score, or "" */
  char  *kept_value;      /* the value in the file now, as text for a person */
  char  *kept_author;
  gint64 kept_at;
  char  *other_value;     /* the other side's value, kept until resolved */
  char  *other_author;
  gint64 other_at;
  gint64 created_at;
  gint64 resolved_at;     /* 0 while open */
  char  *resolved_by;
  char  *resolution;      /* the value chosen, as text */
} EscConflict;

typedef enum
{
  ESC_CONFLICT_KEEP,  /* keep the value the file holds now */
  ESC_CONFLICT_OTHER, /* take the other side's value */
  ESC_CONFLICT_EDIT,  /* a new value typed by the person */
} EscConflictChoice;

/* fraction in [0, 1]; called on the thread doing the merge. */
typedef void (*EscMergeProgress) (double   fraction,
                                  gpointer user_data);

#define ESC_TYPE_MERGE_REPORT (esc_merge_report_get_type ())
#define ESC_TYPE_CONFLICT     (esc_conflict_get_type ())

GType           esc_merge_report_get_type   (void) G_GNUC_CONST;
GType           esc_conflict_get_type       (void) G_GNUC_CONST;

/* Merges the workspace at other_path into store in one transaction. The other file is opened
 * read-only with defensive settings; its triggers and views never run. On error store is
 * unchanged. */
EscMergeReport *esc_merge_file              (EscStore             *store,
                                             const char           *other_path,
                                             EscMergeProgress      progress,
                                             gpointer              progress_data,
                                             GCancellable         *cancellable,
                                             GError              **error);
/* Merges each of other_paths in turn into the workspace at workspace_path, on a worker thread
 * with its own connection. progress is called on the thread-default main context of the
 * caller, with the fraction of all the files. */
void            esc_merge_files_async       (const char           *workspace_path,
                                             const char           *author,
                                             const char *const    *other_paths,
                                             EscMergeProgress      progress,
                                             gpointer              progress_data,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/* Returns the reports (EscMergeReport) of the files merged. */
GPtrArray      *esc_merge_files_finish      (GAsyncResult         *result,
                                             GError              **error);

/* A short, translated text for a person; one line per kind of change. */
char           *esc_merge_report_to_text    (const EscMergeReport *report);
guint           esc_merge_report_n_changes  (const EscMergeReport *report);
EscMergeReport *esc_merge_report_copy       (const EscMergeReport *report);
void            esc_merge_report_free       (EscMergeReport       *report);

/* Conflicts of one assessment (or all when assessment_uuid is NULL), open ones only unless
 * include_resolved. */
GPtrArray      *esc_merge_list_conflicts    (EscStore             *store,
                                             const char           *assessment_uuid,
                                             gboolean              include_resolved,
                                             GError              **error);
guint           esc_merge_count_conflicts   (EscStore             *store,
                                             const char           *assessment_uuid,
                                             GError              **error);
/* id is a uuid or a unique prefix of at least 4 characters. edited_value is used with
 * ESC_CONFLICT_EDIT (scores, notes and checklists only). Records the decision in history. */
gboolean        esc_merge_resolve_conflict  (EscStore             *store,
                                             const char           *id,
                                             EscConflictChoice     choice,
                                             const char           *edited_value,
                                             const char           *reason,
                                             GError              **error);

/* The same on a worker thread with its own connection to the workspace at workspace_path. */
void            esc_merge_resolve_conflict_async  (const char           *workspace_path,
                                                   const char           *author,
                                                   const char           *id,
                                                   EscConflictChoice     choice,
                                                   const char           *edited_value,
                                                   const char           *reason,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        esc_merge_resolve_conflict_finish (GAsyncResult         *result,
                                                   GError              **error);

/* A translated name for a person of what a conflict is about: "Score (process)", "Note"… */
char           *esc_conflict_describe       (const EscConflict    *conflict);
EscConflict    *esc_conflict_copy           (const EscConflict    *conflict);
void            esc_conflict_free           (EscConflict          *conflict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscMergeReport, esc_merge_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscConflict, esc_conflict_free)

G_END_DECLS
