/* esc-store-merge.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of merging: the other file is read through its own read-only, defensive
 * connection (never ATTACHed, so nothing it carries can reach this file), and every
 * decision is written through this store's connection in one transaction.
 *
 * A cell's revision is "content@time" (see migration 2). For a cell held by both files with
 * different content, L and R, and the revisions each file has seen replaced, SL and SR:
 *   R in SL only            → this file changed it since: keep L;
 *   L in SR only            → the other file changed it since: take R;
 *   neither, or both        → both changed it: a conflict. The later value stays in the
 *                             cell (the same one whichever way the files are merged), the
 *                             other is kept in the conflicts table.
 * A cell missing on one side is taken from the other unless the side missing it has seen
 * that revision replaced (it deleted it), in which case the deletion wins.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "esc-merge-private.h"
#include "esc-store-private.h"

#define CHUNK_SIZE (64 * 1024)
#define PROGRESS_EVERY 256
#define FIRST_SEARCH_VERSION 2 /* the schema version that added documents.encrypted and page text */
#define FIRST_MERGE_VERSION 4  /* the schema version that added merge_seen */

typedef struct
{
  EscStore        *store;
  sqlite3         *db;
  sqlite3         *other;
  int              other_version;
  gboolean         other_has_search;
  gboolean         other_has_merge;
  EscMergeReport  *report;
  GHashTable      *local_stmts; /* const char *sql → sqlite3_stmt */
  GHashTable      *other_stmts;
  GHashTable      *uuid_map; /* the other file's uuid → ours, where they differ */
  EscMergeProgress progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  gint64           n_rows;
  gint64           n_done;
} Merge;

typedef enum
{
  DECIDE_SAME,
  DECIDE_KEEP,
  DECIDE_TAKE,
  DECIDE_DELETE,
  DECIDE_CONFLICT,
} Decision;

/* One side of a cell. content NULL: the cell does not exist on that side. */
typedef struct
{
  const char *content;
  gint64      at;
  const char *author;
} Side;

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
merge_clear (Merge *m)
{
  g_clear_pointer (&m->local_stmts, g_hash_table_unref);
  g_clear_pointer (&m->other_stmts, g_hash_table_unref);
  g_clear_pointer (&m->uuid_map, g_hash_table_unref);
  if (m->other != NULL)
    {
      sqlite3_close_v2 (m->other);
      m->other = NULL;
    }
}

static sqlite3_stmt *
local_stmt (Merge      *m,
            const char *sql,
            GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (m->local_stmts, sql);

  if (stmt == NULL)
    {
      stmt = _esc_store_prepare (m->store, sql, error);
      if (stmt == NULL)
        return NULL;
      g_hash_table_insert (m->local_stmts, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
set_other_error (Merge   *m,
                 int      rc,
                 GError **error)
{
  int code = ESC_STORE_ERROR_DAMAGED;

  if (rc == SQLITE_NOTADB)
    code = ESC_STORE_ERROR_NOT_SQLITE;
  else if (rc == SQLITE_AUTH || rc == SQLITE_ERROR)
    code = ESC_STORE_ERROR_NOT_WORKSPACE;
  else if (rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR || rc == SQLITE_PERM)
    code = ESC_STORE_ERROR_IO;
  else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    code = ESC_STORE_ERROR_BUSY;

  g_set_error (error, ESC_STORE_ERROR, code,
               _ ("Cannot read the workspace “%s”: %s"),
               m->report->other_path,
               m->other != NULL ? sqlite3_errmsg (m->other) : sqlite3_errstr (rc));
}

static sqlite3_stmt *
other_stmt (Merge      *m,
            const char *sql,
            GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (m->other_stmts, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v2 (m->other, sql, -1, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          set_other_error (m, rc, error);
          return NULL;
        }
      g_hash_table_insert (m->other_stmts, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* Steps a statement of the other file; TRUE with *row set, or FALSE with error. */
static gboolean
other_step (Merge        *m,
            sqlite3_stmt *stmt,
            gboolean     *row,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *row = rc == SQLITE_ROW;
      return TRUE;
    }
  set_other_error (m, rc, error);
  return FALSE;
}

static gboolean
local_exec (Merge        *m,
            sqlite3_stmt *stmt,
            GError      **error)
{
  return _esc_store_step_done (m->store, stmt, error);
}

/* The local statement sql with its first n_columns parameters bound to the columns of the
 * other file's current row in read; NULL with error set when it cannot be prepared. */
static sqlite3_stmt *
row_insert (Merge        *m,
            const char   *sql,
            sqlite3_stmt *read,
            int           n_columns,
            GError      **error)
{
  sqlite3_stmt *insert = local_stmt (m, sql, error);

  if (insert == NULL)
    return NULL;
  for (int i = 0; i < n_columns; i++)
    sqlite3_bind_value (insert, i + 1, sqlite3_column_value (read, i));
  return insert;
}

/* Runs sql with the other file's current row as its parameters, as they are. */
static gboolean
copy_row (Merge        *m,
          const char   *sql,
          sqlite3_stmt *read,
          int           n_columns,
          GError      **error)
{
  sqlite3_stmt *insert = row_insert (m, sql, read, n_columns, error);

  return insert != NULL && local_exec (m, insert, error);
}

static const char *
map_uuid (Merge      *m,
          const char *uuid)
{
  const char *mapped;

  if (uuid == NULL)
    return NULL;
  mapped = g_hash_table_lookup (m->uuid_map, uuid);
  return mapped != NULL ? mapped : uuid;
}

static gboolean
tick (Merge   *m,
      GError **error)
{
  m->n_done++;
  if (m->n_done % PROGRESS_EVERY != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (m->cancellable, error))
    return FALSE;
  if (m->progress != NULL && m->n_rows > 0)
    m->progress (MIN (0.99, (double) m->n_done / (double) m->n_rows), m->progress_data);
  return TRUE;
}

/* The other file ---------------------------------------------------------------------- */

static int
other_authorizer (void       *user_data,
                  int         action,
                  const char *arg1,
                  const char *arg2,
                  const char *db_name,
                  const char *trigger_or_view)
{
  /* Nothing the other file carries may run: only plain reads of its tables. */
  if (trigger_or_view != NULL)
    return SQLITE_DENY;

  switch (action)
    {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
    case SQLITE_TRANSACTION:
      return SQLITE_OK;
    case SQLITE_PRAGMA:
      if (arg2 == NULL && (g_strcmp0 (arg1, "user_version") == 0 || g_strcmp0 (arg1, "application_id") == 0))
        return SQLITE_OK;
      return SQLITE_DENY;
    default:
      return SQLITE_DENY;
    }
}

static const char *const required_tables[] = {
  "frameworks",
  "laos",
  "assessments",
  "answers",
  "blobs",
  "documents",
  "links",
  "comments",
  "history",
};

static const char *const merge_tables[] = {
  "merge_seen",
  "merge_clock",
  "conflicts",
};

static gboolean
check_other_table (Merge      *m,
                   const char *name,
                   GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean      row;

  stmt = other_stmt (m, "SELECT type, sql FROM sqlite_schema WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!other_step (m, stmt, &row, error))
    return FALSE;
  if (!row ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "table") != 0 ||
      g_ascii_strncasecmp ((const char *) sqlite3_column_text (stmt, 1), "CREATE TABLE", 12) != 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE,
                   _ ("“%s” is not a workspace that can be merged: “%s” is not a plain table. "
                      "Ask for the file as the application saved it."),
                   m->report->other_path, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_other (Merge      *m,
            const char *path,
            GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean      row;
  int           rc;
  int           app_id;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("Cannot merge “%s”: there is no such file"), path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &m->other, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_other_error (m, rc, error);
      return FALSE;
    }

  /* Untrusted input: no code from the file's schema runs, and nothing can be written. */
  sqlite3_db_config (m->other, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (m->other, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (m->other, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (m->other, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (m->other, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (m->other, SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
  sqlite3_limit (m->other, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_busy_timeout (m->other, 5000);
  sqlite3_set_authorizer (m->other, other_authorizer, NULL);

  stmt = other_stmt (m, "PRAGMA application_id", error);
  if (stmt == NULL || !other_step (m, stmt, &row, error))
    return FALSE;
  app_id = row ? sqlite3_column_int (stmt, 0) : 0;
  if (app_id != ESC_STORE_APPLICATION_ID)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE,
                   _ ("“%s” is not an ESC Assessor workspace"), path);
      return FALSE;
    }

  stmt = other_stmt (m, "PRAGMA user_version", error);
  if (stmt == NULL || !other_step (m, stmt, &row, error))
    return FALSE;
  m->other_version = row ? sqlite3_column_int (stmt, 0) : 0;
  if (m->other_version < 1)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE,
                   _ ("“%s” is not an ESC Assessor workspace"), path);
      return FALSE;
    }
  if (m->other_version > (int) esc_store_n_migrations)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_TOO_NEW,
                   _ ("“%s” was saved by a newer version of ESC Assessor; update the "
                      "application before merging it"),
                   path);
      return FALSE;
    }

  /* One snapshot of the other file for the whole merge. */
  if (sqlite3_exec (m->other, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_other_error (m, sqlite3_errcode (m->other), error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required_tables); i++)
    if (!check_other_table (m, required_tables[i], error))
      return FALSE;

  /* Page text is read from the full-text index's plain content table, never through the
   * index module itself. */
  m->other_has_search = m->other_version >= FIRST_SEARCH_VERSION;
  if (m->other_has_search && !check_other_table (m, "page_search_content", error))
    return FALSE;

  m->other_has_merge = m->other_version >= FIRST_MERGE_VERSION;
  if (m->other_has_merge)
    for (guint i = 0; i < G_N_ELEMENTS (merge_tables); i++)
      if (!check_other_table (m, merge_tables[i], error))
        return FALSE;

  return TRUE;
}

static gboolean
count_other_rows (Merge   *m,
                  GError **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM laos) + (SELECT count(*) FROM assessments)"
    " + (SELECT count(*) FROM answers)"
    " + (SELECT count(*) FROM blobs) + (SELECT count(*) FROM documents)"
    " + (SELECT count(*) FROM links) + (SELECT count(*) FROM comments)"
    " + (SELECT count(*) FROM history)";
  sqlite3_stmt *stmt = other_stmt (m, sql, error);
  gboolean      row;

  if (stmt == NULL || !other_step (m, stmt, &row, error))
    return FALSE;
  m->n_rows = row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Revisions --------------------------------------------------------------------------- */

static char *
make_rev (const char *content,
          gint64      at)
{
  return g_strdup_printf ("%s@%" G_GINT64_FORMAT, content, at);
}

static gboolean
seen_in (Merge      *m,
         gboolean    other,
         const char *entity,
         const char *key,
         const char *content,
         gint64      at,
         gboolean   *seen,
         GError    **error)
{
  static const char sql[] =
    "SELECT 1 FROM merge_seen WHERE entity = ?1 AND row_key = ?2 AND rev = ?3";
  g_autofree char *rev = make_rev (content, at);
  sqlite3_stmt    *stmt;
  gboolean         row;

  *seen = FALSE;
  if (other && !m->other_has_merge)
    return TRUE;

  stmt = other ? other_stmt (m, sql, error) : local_stmt (m, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_STATIC);
  if (other)
    {
      if (!other_step (m, stmt, &row, error))
        return FALSE;
    }
  else
    {
      int rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _esc_store_set_error (m->store, rc, error);
          return FALSE;
        }
      row = rc == SQLITE_ROW;
    }
  *seen = row;
  return TRUE;
}

static gboolean
add_seen (Merge      *m,
          const char *entity,
          const char *key,
          const char *content,
          gint64      at,
          GError    **error)
{
  g_autofree char *rev = make_rev (content, at);
  sqlite3_stmt    *stmt = local_stmt (m, "INSERT OR IGNORE INTO merge_seen (entity, row_key, rev) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_STATIC);
  return local_exec (m, stmt, error);
}

/* The time a cell without a time of its own was set, 0 when never changed. */
static gboolean
clock_of (Merge      *m,
          gboolean    other,
          const char *entity,
          const char *key,
          gint64     *at,
          GError    **error)
{
  static const char sql[] = "SELECT at FROM merge_clock WHERE entity = ?1 AND row_key = ?2";
  sqlite3_stmt     *stmt;
  int               rc;

  *at = 0;
  if (other && !m->other_has_merge)
    return TRUE;
  stmt = other ? other_stmt (m, sql, error) : local_stmt (m, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *at = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      if (other)
        set_other_error (m, rc, error);
      else
        _esc_store_set_error (m->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_clock (Merge      *m,
           const char *entity,
           const char *key,
           gint64      at,
           GError    **error)
{
  sqlite3_stmt *stmt;

  if (at == 0)
    stmt = local_stmt (m, "DELETE FROM merge_clock WHERE entity = ?1 AND row_key = ?2", error);
  else
    stmt = local_stmt (m, "INSERT OR REPLACE INTO merge_clock (entity, row_key, at) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (at != 0)
    sqlite3_bind_int64 (stmt, 3, at);
  return local_exec (m, stmt, error);
}

/* The text SQLite's quote () gives for a string. */
static char *
quote_sql_text (const char *text)
{
  g_auto (GStrv)   parts = g_strsplit (text, "'", -1);
  g_autofree char *joined = g_strjoinv ("''", parts);

  return g_strconcat ("'", joined, "'", NULL);
}

/* Which side wins; for both present and equal, SAME. */
static gboolean
decide (Merge      *m,
        const char *entity,
        const char *key,
        const Side *local,
        const Side *other,
        Decision   *decision,
        GError    **error)
{
  gboolean other_in_local = FALSE;
  gboolean local_in_other = FALSE;

  if (local->content == NULL && other->content == NULL)
    {
      *decision = DECIDE_SAME;
      return TRUE;
    }
  if (local->content != NULL && other->content != NULL &&
      g_str_equal (local->content, other->content))
    {
      *decision = DECIDE_SAME;
      return TRUE;
    }

  if (other->content != NULL &&
      !seen_in (m, FALSE, entity, key, other->content, other->at, &other_in_local, error))
    return FALSE;
  if (local->content != NULL &&
      !seen_in (m, TRUE, entity, key, local->content, local->at, &local_in_other, error))
    return FALSE;

  if (local->content == NULL)
    *decision = other_in_local ? DECIDE_KEEP : DECIDE_TAKE;
  else if (other->content == NULL)
    *decision = local_in_other ? DECIDE_DELETE : DECIDE_KEEP;
  else if (other_in_local && !local_in_other)
    *decision = DECIDE_KEEP;
  else if (local_in_other && !other_in_local)
    *decision = DECIDE_TAKE;
  else
    *decision = DECIDE_CONFLICT;
  return TRUE;
}

/* Of two conflicting sides, the one that stays in the cell: the later, then the greater. */
static gboolean
other_is_winner (const Side *local,
                 const Side *other)
{
  if (local->at != other->at)
    return other->at > local->at;
  return strcmp (other->content, local->content) > 0;
}

static char *
conflict_uuid (const char *entity,
               const char *key,
               const char *rev_a,
               const char *rev_b)
{
  g_autofree char *text = NULL;
  g_autofree char *sum = NULL;

  if (strcmp (rev_a, rev_b) > 0)
    {
      const char *tmp = rev_a;
      rev_a = rev_b;
      rev_b = tmp;
    }
  text = g_strjoin ("\n", entity, key, rev_a, rev_b, NULL);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", sum, sum + 8, sum + 12, sum + 16, sum + 20);
}

static gboolean
record_conflict (Merge      *m,
                 const char *entity,
                 const char *key,
                 const char *assessment_uuid,
                 const char *item_code,
                 const char *field,
                 const Side *kept,
                 const Side *lost,
                 GError    **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO conflicts (uuid, entity, row_key, assessment_uuid, item_code, field,"
    " kept_value, kept_author, kept_at, other_value, other_author, other_at, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
  g_autofree char *kept_rev = make_rev (kept->content, kept->at);
  g_autofree char *lost_rev = make_rev (lost->content, lost->at);
  g_autofree char *uuid = conflict_uuid (entity, key, kept_rev, lost_rev);
  sqlite3_stmt    *stmt;

  /* The losing value is replaced in the cell but kept in the conflict. */
  if (!add_seen (m, entity, key, lost->content, lost->at, error))
    return FALSE;

  stmt = local_stmt (m, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 4, assessment_uuid);
  sqlite3_bind_text (stmt, 5, item_code ? item_code : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, field ? field : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, kept->content, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, kept->author ? kept->author : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, kept->at);
  sqlite3_bind_text (stmt, 10, lost->content, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, lost->author ? lost->author : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, lost->at);
  sqlite3_bind_int64 (stmt, 13, MAX (kept->at, lost->at));
  if (!local_exec (m, stmt, error))
    return FALSE;

  if (sqlite3_changes (m->db) > 0)
    {
      EscConflict *conflict = _esc_conflict_new ();

      conflict->uuid = g_strdup (uuid);
      conflict->entity = g_strdup (entity);
      conflict->assessment_uuid = g_strdup (assessment_uuid);
      conflict->item_code = g_strdup (item_code ? item_code : "");
      conflict->field = g_strdup (field ? field : "");
      conflict->kept_value = _esc_merge_content_to_text (entity, kept->content);
      conflict->kept_author = g_strdup (kept->author ? kept->author : "");
      conflict->kept_at = kept->at;
      conflict->other_value = _esc_merge_content_to_text (entity, lost->content);
      conflict->other_author = g_strdup (lost->author ? lost->author : "");
      conflict->other_at = lost->at;
      conflict->created_at = MAX (kept->at, lost->at);
      g_ptr_array_add (m->report->conflicts, conflict);
      m->report->n_conflicts_added++;
    }
  return TRUE;
}

/* Decides a cell and says whether the other side's content must be written (*take), or the
 * local cell removed (*remove). Records conflicts and the revisions replaced. */
static gboolean
merge_cell (Merge      *m,
            const char *entity,
            const char *key,
            const char *assessment_uuid,
            const char *item_code,
            const char *field,
            const Side *local,
            const Side *other,
            gboolean   *take,
            gboolean   *remove,
            GError    **error)
{
  Decision decision;

  *take = FALSE;
  *remove = FALSE;
  if (!decide (m, entity, key, local, other, &decision, error))
    return FALSE;

  switch (decision)
    {
    case DECIDE_SAME:
      /* Same content set at different times: both files keep the later time. */
      if (local->content != NULL && other->at != local->at)
        {
          if (other->at > local->at)
            {
              *take = TRUE;
              return add_seen (m, entity, key, local->content, local->at, error);
            }
          return add_seen (m, entity, key, other->content, other->at, error);
        }
      return TRUE;
    case DECIDE_KEEP:
      return TRUE;
    case DECIDE_TAKE:
      *take = TRUE;
      return TRUE;
    case DECIDE_DELETE:
      *remove = TRUE;
      return TRUE;
    case DECIDE_CONFLICT:
      if (other_is_winner (local, other))
        {
          *take = TRUE;
          return record_conflict (m, entity, key, assessment_uuid, item_code, field, other, local, error);
        }
      return record_conflict (m, entity, key, assessment_uuid, item_code, field, local, other, error);
    default:
      g_assert_not_reached ();
    }
}

/* Frameworks -------------------------------------------------------------------------- */

static gboolean
merge_frameworks (Merge   *m,
                  GError **error)
{
  sqlite3_stmt *read = other_stmt (m, "SELECT uuid, code, fiscal_year, sha256, source, added_at FROM frameworks", error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      const char   *uuid = (const char *) sqlite3_column_text (read, 0);
      const char   *sha256 = (const char *) sqlite3_column_text (read, 3);
      sqlite3_stmt *find = local_stmt (m, "SELECT uuid FROM frameworks WHERE sha256 = ?1", error);
      int           rc;

      if (find == NULL || uuid == NULL || sha256 == NULL)
        goto damaged;
      sqlite3_bind_text (find, 1, sha256, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          const char *mine = (const char *) sqlite3_column_text (find, 0);
          if (g_strcmp0 (mine, uuid) != 0)
            g_hash_table_insert (m->uuid_map, g_strdup (uuid), g_strdup (mine));
          continue;
        }
      if (rc != SQLITE_DONE)
        {
          _esc_store_set_error (m->store, rc, error);
          return FALSE;
        }

      if (!copy_row (m, "INSERT INTO frameworks (uuid, code, fiscal_year, sha256, source, added_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     read, 6, error))
        return FALSE;
      m->report->n_frameworks_added++;
    }
  return error == NULL || *error == NULL;

damaged:
  if (error != NULL && *error == NULL)
    g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                 _ ("The workspace “%s” is damaged: a framework has no identity"),
                 m->report->other_path);
  return FALSE;
}

/* Local governments ------------------------------------------------------------------- */

static gboolean
merge_laos (Merge   *m,
            GError **error)
{
  static const char read_sql[] =
    "SELECT uuid, code, name, type, district, province, created_at, updated_at,"
    " quote (name) || ',' || quote (type) || ',' || quote (district) || ',' || quote (province),"
    " coalesce (code, uuid)"
    " FROM laos";
  /* The same local government: the same row, or ESC_LAO_SAME_SQL (two workspaces made
   * apart from the shipped list give each its own uuid). */
  static const char find_sql[] =
    "SELECT uuid, quote (name) || ',' || quote (type) || ',' || quote (district) || ',' || quote (province),"
    " updated_at, coalesce (code, uuid), code"
    " FROM laos WHERE uuid = ?1 OR " ESC_LAO_SAME_SQL
    " ORDER BY uuid = ?1 DESC, ?2 IS NOT NULL AND code = ?2 DESC LIMIT 1";
  sqlite3_stmt *read = other_stmt (m, read_sql, error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      const char      *uuid = (const char *) sqlite3_column_text (read, 0);
      const char      *code = (const char *) sqlite3_column_text (read, 1);
      const char      *content = (const char *) sqlite3_column_text (read, 8);
      const char      *key = (const char *) sqlite3_column_text (read, 9);
      Side             other = { content, sqlite3_column_int64 (read, 7), "" };
      sqlite3_stmt    *find = local_stmt (m, find_sql, error);
      g_autofree char *mine = NULL;
      g_autofree char *mine_content = NULL;
      g_autofree char *mine_key = NULL;
      g_autofree char *mine_code = NULL;
      gint64           mine_at = 0;
      gboolean         take, remove;
      int              rc;

      if (find == NULL)
        return FALSE;
      if (uuid == NULL || key == NULL)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                       _ ("The workspace “%s” is damaged: a local government has no identity"),
                       m->report->other_path);
          return FALSE;
        }
      sqlite3_bind_text (find, 1, uuid, -1, SQLITE_STATIC);
      _esc_bind_text_or_null (find, 2, code);
      sqlite3_bind_value (find, 3, sqlite3_column_value (read, 2)); /* name */
      sqlite3_bind_value (find, 4, sqlite3_column_value (read, 4)); /* district */
      sqlite3_bind_value (find, 5, sqlite3_column_value (read, 5)); /* province */
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          mine = _esc_column_dup (find, 0);
          mine_content = _esc_column_dup (find, 1);
          mine_at = sqlite3_column_int64 (find, 2);
          mine_key = _esc_column_dup (find, 3);
          mine_code = _esc_column_dup (find, 4);
        }
      else if (rc != SQLITE_DONE)
        {
          _esc_store_set_error (m->store, rc, error);
          return FALSE;
        }
      sqlite3_reset (find);

      if (mine == NULL)
        {
          if (!copy_row (m, "INSERT INTO laos (uuid, code, name, type, district, province, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         read, 8, error))
            return FALSE;
          m->report->n_laos_added++;
        }
      else
        {
          Side     local = { mine_content, mine_at, "" };
          gboolean changed = FALSE;

          if (!g_str_equal (mine, uuid))
            g_hash_table_insert (m->uuid_map, g_strdup (uuid), g_strdup (mine));

          /* Found by name: the code the other one knows is taken. */
          if (code != NULL && mine_code == NULL)
            {
              sqlite3_stmt *update = local_stmt (m, "UPDATE laos SET code = ?2 WHERE uuid = ?1 AND code IS NULL", error);

              if (update == NULL)
                return FALSE;
              sqlite3_bind_text (update, 1, mine, -1, SQLITE_STATIC);
              sqlite3_bind_text (update, 2, code, -1, SQLITE_STATIC);
              if (!local_exec (m, update, error))
                return FALSE;
              changed = TRUE;
            }

          if (!merge_cell (m, "lao", mine_key, NULL, NULL, NULL, &local, &other, &take, &remove, error))
            return FALSE;
          if (take)
            {
              sqlite3_stmt *update = local_stmt (m,
                                                 "UPDATE laos SET name = ?2, type = ?3, district = ?4, province = ?5,"
                                                 " updated_at = ?6 WHERE uuid = ?1",
                                                 error);
              if (update == NULL)
                return FALSE;
              sqlite3_bind_text (update, 1, mine, -1, SQLITE_STATIC);
              for (int i = 2; i <= 5; i++)
                sqlite3_bind_value (update, i, sqlite3_column_value (read, i));
              sqlite3_bind_int64 (update, 6, other.at);
              if (!local_exec (m, update, error))
                return FALSE;
              /* The same row written later only moves the time on: nothing to report. */
              changed |= g_strcmp0 (mine_content, content) != 0;
            }
          if (changed)
            m->report->n_laos_updated++;
        }
      if (!tick (m, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

/* Assessments ------------------------------------------------------------------------- */

static gboolean
merge_assessments (Merge   *m,
                   GError **error)
{
  static const char read_sql[] =
    "SELECT uuid, lao_uuid, fiscal_year, framework_uuid, kind, assessor, status, created_at, updated_at,"
    " quote (status), quote (kind) || ',' || quote (assessor) || ',' || quote (fiscal_year)"
    " FROM assessments";
  static const char find_sql[] =
    "SELECT quote (status), quote (kind) || ',' || quote (assessor) || ',' || quote (fiscal_year), updated_at"
    " FROM assessments WHERE uuid = ?1";
  sqlite3_stmt *read = other_stmt (m, read_sql, error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      const char      *uuid = (const char *) sqlite3_column_text (read, 0);
      sqlite3_stmt    *find = local_stmt (m, find_sql, error);
      g_autofree char *status = NULL;
      g_autofree char *details = NULL;
      gint64           updated_at = 0;
      gint64           other_updated_at = sqlite3_column_int64 (read, 8);
      gboolean         changed = FALSE;
      int              rc;

      if (find == NULL)
        return FALSE;
      if (uuid == NULL)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                       _ ("The workspace “%s” is damaged: an assessment has no identity"),
                       m->report->other_path);
          return FALSE;
        }
      sqlite3_bind_text (find, 1, uuid, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          status = _esc_column_dup (find, 0);
          details = _esc_column_dup (find, 1);
          updated_at = sqlite3_column_int64 (find, 2);
        }
      else if (rc != SQLITE_DONE)
        {
          _esc_store_set_error (m->store, rc, error);
          return FALSE;
        }
      sqlite3_reset (find);

      if (status == NULL)
        {
          sqlite3_stmt *insert = row_insert (m,
                                             "INSERT INTO assessments (uuid, lao_uuid, fiscal_year, framework_uuid, kind,"
                                             " assessor, status, created_at, updated_at)"
                                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                             read, 9, error);
          gint64        at;

          if (insert == NULL)
            return FALSE;
          sqlite3_bind_text (insert, 2, map_uuid (m, (const char *) sqlite3_column_text (read, 1)), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 4, map_uuid (m, (const char *) sqlite3_column_text (read, 3)), -1, SQLITE_TRANSIENT);
          if (!local_exec (m, insert, error))
            return FALSE;
          m->report->n_assessments_added++;

          if (!clock_of (m, TRUE, "status", uuid, &at, error) ||
              !set_clock (m, "status", uuid, at, error) ||
              !clock_of (m, TRUE, "assessment", uuid, &at, error) ||
              !set_clock (m, "assessment", uuid, at, error))
            return FALSE;
        }
      else
        {
          const char *other_status = (const char *) sqlite3_column_text (read, 9);
          const char *other_details = (const char *) sqlite3_column_text (read, 10);
          Side        local = { status, 0, "" };
          Side        other = { other_status, 0, "" };
          gboolean    take, remove;

          if (!clock_of (m, FALSE, "status", uuid, &local.at, error) ||
              !clock_of (m, TRUE, "status", uuid, &other.at, error) ||
              !merge_cell (m, "status", uuid, uuid, NULL, NULL, &local, &other, &take, &remove, error))
            return FALSE;
          if (take)
            {
              sqlite3_stmt *update = local_stmt (m, "UPDATE assessments SET status = ?2 WHERE uuid = ?1", error);
              if (update == NULL)
                return FALSE;
              sqlite3_bind_text (update, 1, uuid, -1, SQLITE_STATIC);
              sqlite3_bind_value (update, 2, sqlite3_column_value (read, 6));
              if (!local_exec (m, update, error) || !set_clock (m, "status", uuid, other.at, error))
                return FALSE;
              changed = TRUE;
            }

          local.content = details;
          other.content = other_details;
          if (!clock_of (m, FALSE, "assessment", uuid, &local.at, error) ||
              !clock_of (m, TRUE, "assessment", uuid, &other.at, error) ||
              !merge_cell (m, "assessment", uuid, uuid, NULL, NULL, &local, &other, &take, &remove, error))
            return FALSE;
          if (take)
            {
              sqlite3_stmt *update = local_stmt (m,
                                                 "UPDATE assessments SET kind = ?2, assessor = ?3, fiscal_year = ?4"
                                                 " WHERE uuid = ?1",
                                                 error);
              if (update == NULL)
                return FALSE;
              sqlite3_bind_text (update, 1, uuid, -1, SQLITE_STATIC);
              sqlite3_bind_value (update, 2, sqlite3_column_value (read, 4));
              sqlite3_bind_value (update, 3, sqlite3_column_value (read, 5));
              sqlite3_bind_value (update, 4, sqlite3_column_value (read, 2));
              if (!local_exec (m, update, error) || !set_clock (m, "assessment", uuid, other.at, error))
                return FALSE;
              changed = TRUE;
            }

          if (changed)
            m->report->n_assessments_updated++;
          if (other_updated_at > updated_at)
            {
              sqlite3_stmt *update = local_stmt (m, "UPDATE assessments SET updated_at = ?2 WHERE uuid = ?1", error);
              if (update == NULL)
                return FALSE;
              sqlite3_bind_text (update, 1, uuid, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (update, 2, other_updated_at);
              if (!local_exec (m, update, error))
                return FALSE;
            }
        }
      if (!tick (m, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

/* Answers ----------------------------------------------------------------------------- */

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (a, b);
}

/* A scores object, {"process":8,"output":5}, as key → number text, in key order. */
static GTree *
parse_scores (const char *text)
{
  GTree      *scores = g_tree_new_full (compare_keys, NULL, g_free, g_free);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *key;
      const char *end;
      char       *number_end = NULL;
      double      value;

      p = strchr (p, '"');
      if (p == NULL)
        break;
      key = ++p;
      p = strchr (p, '"');
      if (p == NULL)
        break;
      end = p++;
      while (*p == ' ' || *p == ':')
        p++;
      value = g_ascii_strtod (p, &number_end);
      if (number_end == p || !isfinite (value))
        break;
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        g_tree_insert (scores, g_strndup (key, end - key),
                       g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value)));
      }
      p = number_end;
    }
  return scores;
}

static gboolean
append_score (gpointer key,
              gpointer value,
              gpointer data)
{
  GString *text = data;

  if (text->len > 1)
    g_string_append_c (text, ',');
  g_string_append_printf (text, "\"%s\":%s", (const char *) key, (const char *) value);
  return FALSE;
}

static char *
format_scores (GTree *scores)
{
  GString *text = g_string_new ("{");

  g_tree_foreach (scores, append_score, text);
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static char *
unquote (const char *quoted)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (quoted == NULL || *quoted != '\'')
    return NULL;
  for (const char *p = quoted + 1; *p != '\0'; p++)
    {
      if (*p == '\'' && p[1] == '\'')
        g_string_append_c (text, *p++);
      else if (*p == '\'')
        break;
      else
        g_string_append_c (text, *p);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The latest revision of a cell both files have seen replaced: the value they shared. */
static gboolean
common_base (Merge      *m,
             const char *entity,
             const char *key,
             char      **content,
             GError    **error)
{
  sqlite3_stmt         *stmt = local_stmt (m, "SELECT rev FROM merge_seen WHERE entity = ?1 AND row_key = ?2", error);
  g_autoptr (GPtrArray) revs = g_ptr_array_new_with_free_func (g_free);
  gint64                best_at = -1;
  int                   rc;

  *content = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (revs, _esc_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (m->store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < revs->len; i++)
    {
      const char   *rev = g_ptr_array_index (revs, i);
      const char   *at = strrchr (rev, '@');
      sqlite3_stmt *other;
      gboolean      found;

      if (at == NULL || g_ascii_strtoll (at + 1, NULL, 10) <= best_at || !m->other_has_merge)
        continue;
      other = other_stmt (m, "SELECT 1 FROM merge_seen WHERE entity = ?1 AND row_key = ?2 AND rev = ?3", error);
      if (other == NULL)
        return FALSE;
      sqlite3_bind_text (other, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (other, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (other, 3, rev, -1, SQLITE_STATIC);
      if (!other_step (m, other, &found, error))
        return FALSE;
      if (found)
        {
          best_at = g_ascii_strtoll (at + 1, NULL, 10);
          g_free (*content);
          *content = g_strndup (rev, at - rev);
        }
    }
  return TRUE;
}

/* Both files changed an answer's scores: merge them dimension by dimension against the
 * scores they last shared. Writes the result when it differs from ours. */
static gboolean
merge_scores_by_key (Merge      *m,
                     const char *key,
                     const char *assessment_uuid,
                     const char *item_code,
                     const Side *local,
                     const Side *other,
                     GError    **error)
{
  g_autofree char      *base_quoted = NULL;
  g_autofree char      *base_text = NULL;
  g_autofree char      *local_text = unquote (local->content);
  g_autofree char      *other_text = unquote (other->content);
  g_autoptr (GTree)     base = NULL;
  g_autoptr (GTree)     mine = NULL;
  g_autoptr (GTree)     theirs = NULL;
  g_autoptr (GTree)     merged = g_tree_new_full (compare_keys, NULL, g_free, g_free);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char      *merged_text = NULL;
  g_autofree char      *merged_quoted = NULL;
  gboolean              other_wins = other_is_winner (local, other);
  gint64                merged_at;

  if (!common_base (m, "scores", key, &base_quoted, error))
    return FALSE;
  base_text = unquote (base_quoted);
  base = parse_scores (base_text);
  mine = parse_scores (local_text);
  theirs = parse_scores (other_text);

  /* Every dimension either side has. */
  {
    GTree *both[] = { mine, theirs };
    for (guint t = 0; t < 2; t++)
      {
        GTreeNode *node = g_tree_node_first (both[t]);
        for (; node != NULL; node = g_tree_node_next (node))
          if (g_tree_lookup (merged, g_tree_node_key (node)) == NULL &&
              !g_ptr_array_find_with_equal_func (keys, g_tree_node_key (node), g_str_equal, NULL))
            g_ptr_array_add (keys, g_strdup (g_tree_node_key (node)));
      }
  }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *dim = g_ptr_array_index (keys, i);
      const char *l = g_tree_lookup (mine, dim);
      const char *r = g_tree_lookup (theirs, dim);
      const char *b = g_tree_lookup (base, dim);
      const char *result;

      if (g_strcmp0 (l, r) == 0 || g_strcmp0 (r, b) == 0)
        result = l;
      else if (g_strcmp0 (l, b) == 0)
        result = r;
      else if (l == NULL || r == NULL)
        result = l != NULL ? l : r; /* changed on one side, cleared on the other: keep the change */
      else
        {
          /* Both changed this dimension: the later value stays, the other waits in a conflict. */
          g_autofree char *cell = g_strdup_printf ("%s|%s", key, dim);
          Side             kept = { other_wins ? r : l, other_wins ? other->at : local->at,
                        other_wins ? other->author : local->author };
          Side lost = { other_wins ? l : r, other_wins ? local->at : other->at,
                        other_wins ? local->author : other->author };

          if (!record_conflict (m, "value", cell, assessment_uuid, item_code, dim, &kept, &lost, error))
            return FALSE;
          result = kept.content;
        }
      if (result != NULL)
        g_tree_insert (merged, g_strdup (dim), g_strdup (result));
      else if (l != NULL)
        m->report->n_values_removed++;
      if (g_strcmp0 (result, l) != 0 && result != NULL)
        m->report->n_cells_updated++;
    }

  merged_text = format_scores (merged);
  merged_quoted = quote_sql_text (merged_text);

  /* The result is a new revision, with the same time whichever way the files merge; the two
   * it replaces are both superseded. */
  if (g_str_equal (merged_quoted, other->content))
    merged_at = other->at;
  else if (g_str_equal (merged_quoted, local->content))
    merged_at = local->at;
  else
    merged_at = MAX (local->at, other->at) + 1;
  if (!(g_str_equal (merged_quoted, local->content) && merged_at == local->at) &&
      !add_seen (m, "scores", key, local->content, local->at, error))
    return FALSE;
  if (!(g_str_equal (merged_quoted, other->content) && merged_at == other->at) &&
      !add_seen (m, "scores", key, other->content, other->at, error))
    return FALSE;

  if (!g_str_equal (merged_quoted, local->content) || merged_at != local->at)
    {
      sqlite3_stmt *update = local_stmt (m,
                                         "UPDATE answers SET scores = ?3 WHERE assessment_uuid = ?1 AND item_code = ?2",
                                         error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_text (update, 1, assessment_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 2, item_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 3, merged_text, -1, SQLITE_STATIC);
      if (!local_exec (m, update, error) || !set_clock (m, "scores", key, merged_at, error))
        return FALSE;
    }
  return TRUE;
}

/* For the report: the dimensions taking the other file's scores changes or clears. */
static void
count_score_changes (Merge      *m,
                     const char *local_quoted,
                     const char *other_quoted)
{
  g_autofree char  *local_text = unquote (local_quoted);
  g_autofree char  *other_text = unquote (other_quoted);
  g_autoptr (GTree) mine = parse_scores (local_text);
  g_autoptr (GTree) theirs = parse_scores (other_text);
  GTreeNode        *node;

  for (node = g_tree_node_first (theirs); node != NULL; node = g_tree_node_next (node))
    if (g_strcmp0 (g_tree_lookup (mine, g_tree_node_key (node)), g_tree_node_value (node)) != 0)
      m->report->n_cells_updated++;
  for (node = g_tree_node_first (mine); node != NULL; node = g_tree_node_next (node))
    if (g_tree_lookup (theirs, g_tree_node_key (node)) == NULL)
      m->report->n_values_removed++;
}

/* One column of an answer (scores, note or checked) as a cell. */
static gboolean
merge_answer_field (Merge        *m,
                    sqlite3_stmt *read,
                    const char   *entity,
                    int           column,
                    int           quoted_column,
                    const char   *assessment_uuid,
                    const char   *item_code,
                    const char   *key,
                    const char   *local_content,
                    const char   *local_author,
                    GError      **error)
{
  Side          local = { local_content, 0, local_author };
  Side          other = { (const char *) sqlite3_column_text (read, quoted_column), 0,
                          (const char *) sqlite3_column_text (read, 5) };
  gboolean      is_scores = g_str_equal (entity, "scores");
  gboolean      take, remove;
  sqlite3_stmt *update;
  Decision      decision;

  if (!clock_of (m, FALSE, entity, key, &local.at, error) ||
      !clock_of (m, TRUE, entity, key, &other.at, error))
    return FALSE;

  if (is_scores)
    {
      if (!decide (m, entity, key, &local, &other, &decision, error))
        return FALSE;
      if (decision == DECIDE_CONFLICT)
        return merge_scores_by_key (m, key, assessment_uuid, item_code, &local, &other, error);
    }

  if (!merge_cell (m, entity, key, assessment_uuid, item_code, NULL, &local, &other, &take, &remove, error))
    return FALSE;
  if (!take)
    return TRUE;

  if (is_scores)
    update = local_stmt (m, "UPDATE answers SET scores = ?3 WHERE assessment_uuid = ?1 AND item_code = ?2", error);
  else if (g_str_equal (entity, "note"))
    update = local_stmt (m, "UPDATE answers SET note = ?3 WHERE assessment_uuid = ?1 AND item_code = ?2", error);
  else
    update = local_stmt (m, "UPDATE answers SET checked = ?3 WHERE assessment_uuid = ?1 AND item_code = ?2", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, assessment_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 2, item_code, -1, SQLITE_STATIC);
  sqlite3_bind_value (update, 3, sqlite3_column_value (read, column));
  if (!local_exec (m, update, error) || !set_clock (m, entity, key, other.at, error))
    return FALSE;
  if (is_scores)
    count_score_changes (m, local.content, other.content);
  else if (local.content == NULL || !g_str_equal (local.content, other.content))
    m->report->n_cells_updated++;
  return TRUE;
}

static gboolean
merge_answers (Merge   *m,
               GError **error)
{
  static const char read_sql[] =
    "SELECT uuid, assessment_uuid, item_code, checked, note, updated_by, updated_at,"
    " quote (note), quote (checked), scores, quote (scores)"
    " FROM answers";
  static const char find_sql[] =
    "SELECT uuid, quote (note), quote (checked), updated_by, quote (scores)"
    " FROM answers WHERE assessment_uuid = ?1 AND item_code = ?2";
  sqlite3_stmt *read = other_stmt (m, read_sql, error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      const char      *uuid = (const char *) sqlite3_column_text (read, 0);
      const char      *assessment_uuid = (const char *) sqlite3_column_text (read, 1);
      const char      *item_code = (const char *) sqlite3_column_text (read, 2);
      sqlite3_stmt    *find = local_stmt (m, find_sql, error);
      g_autofree char *key = NULL;
      g_autofree char *mine = NULL;
      g_autofree char *note = NULL;
      g_autofree char *checked = NULL;
      g_autofree char *updated_by = NULL;
      g_autofree char *scores = NULL;
      int              rc;

      if (find == NULL)
        return FALSE;
      if (uuid == NULL || assessment_uuid == NULL || item_code == NULL ||
          sqlite3_column_type (read, 9) != SQLITE_TEXT)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                       _ ("The workspace “%s” is damaged: an answer has no identity"),
                       m->report->other_path);
          return FALSE;
        }
      key = g_strdup_printf ("%s|%s", assessment_uuid, item_code);
      sqlite3_bind_text (find, 1, assessment_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (find, 2, item_code, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          mine = _esc_column_dup (find, 0);
          note = _esc_column_dup (find, 1);
          checked = _esc_column_dup (find, 2);
          updated_by = _esc_column_dup (find, 3);
          scores = _esc_column_dup (find, 4);
        }
      else if (rc != SQLITE_DONE)
        {
          _esc_store_set_error (m->store, rc, error);
          return FALSE;
        }
      sqlite3_reset (find);

      if (mine == NULL)
        {
          sqlite3_stmt            *insert = row_insert (m,
                                                        "INSERT INTO answers (uuid, assessment_uuid, item_code, checked, note,"
                                                                   " updated_by, updated_at, scores) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                                        read, 7, error);
          static const char *const clocked[] = { "scores", "note", "checked" };

          if (insert == NULL)
            return FALSE;
          sqlite3_bind_value (insert, 8, sqlite3_column_value (read, 9));
          if (!local_exec (m, insert, error))
            return FALSE;
          m->report->n_answers_added++;
          for (guint i = 0; i < G_N_ELEMENTS (clocked); i++)
            {
              gint64 at;
              if (!clock_of (m, TRUE, clocked[i], key, &at, error) ||
                  !set_clock (m, clocked[i], key, at, error))
                return FALSE;
            }
        }
      else
        {
          if (!g_str_equal (mine, uuid))
            g_hash_table_insert (m->uuid_map, g_strdup (uuid), g_strdup (mine));

          if (!merge_answer_field (m, read, "scores", 9, 10, assessment_uuid, item_code, key,
                                   scores, updated_by, error) ||
              !merge_answer_field (m, read, "note", 4, 7, assessment_uuid, item_code, key,
                                   note, updated_by, error) ||
              !merge_answer_field (m, read, "checked", 3, 8, assessment_uuid, item_code, key,
                                   checked, updated_by, error))
            return FALSE;
        }
      if (!tick (m, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

/* Each answer's own stamp: the later of the two, the same whichever way the files merge.
 * Done last, as conflicts name each side's author as it was. */
static gboolean
merge_answer_stamps (Merge   *m,
                     GError **error)
{
  sqlite3_stmt *read = other_stmt (m, "SELECT assessment_uuid, item_code, updated_by, updated_at FROM answers", error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      sqlite3_stmt *update = local_stmt (m,
                                         "UPDATE answers SET updated_by = ?3, updated_at = ?4"
                                         " WHERE assessment_uuid = ?1 AND item_code = ?2"
                                         " AND (updated_at < ?4 OR (updated_at = ?4 AND updated_by < ?3))",
                                         error);
      if (update == NULL)
        return FALSE;
      for (int i = 0; i < 4; i++)
        sqlite3_bind_value (update, i + 1, sqlite3_column_value (read, i));
      if (!local_exec (m, update, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

/* Evidence ---------------------------------------------------------------------------- */

static gboolean
copy_blob (Merge        *m,
           sqlite3_int64 other_rowid,
           const char   *sha256,
           gint64        size,
           const char   *mime,
           gint64        added_at,
           GError      **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar    *buffer = NULL;
  sqlite3_blob         *in = NULL;
  sqlite3_blob         *out = NULL;
  sqlite3_stmt         *insert;
  gint64                offset = 0;
  int                   rc;

  rc = sqlite3_blob_open (m->other, "main", "blobs", "data", other_rowid, 0, &in);
  if (rc != SQLITE_OK)
    {
      set_other_error (m, rc, error);
      return FALSE;
    }
  if (sqlite3_blob_bytes (in) != size || size < 0)
    {
      sqlite3_blob_close (in);
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("The workspace “%s” is damaged: evidence %s has the wrong size"),
                   m->report->other_path, sha256);
      return FALSE;
    }

  insert = local_stmt (m,
                       "INSERT INTO blobs (sha256, size, mime, data, added_at)"
                       " VALUES (?1, ?2, ?3, zeroblob (?2), ?4)",
                       error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_text (insert, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 2, size);
  sqlite3_bind_text (insert, 3, mime ? mime : "application/octet-stream", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 4, added_at);
  if (!local_exec (m, insert, error))
    goto fail;

  rc = sqlite3_blob_open (m->db, "main", "blobs", "data", sqlite3_last_insert_rowid (m->db), 1, &out);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (m->store, rc, error);
      goto fail;
    }

  buffer = g_malloc (CHUNK_SIZE);
  while (offset < size)
    {
      int n = (int) MIN ((gint64) CHUNK_SIZE, size - offset);

      rc = sqlite3_blob_read (in, buffer, n, (int) offset);
      if (rc != SQLITE_OK)
        {
          set_other_error (m, rc, error);
          goto fail;
        }
      g_checksum_update (checksum, buffer, n);
      rc = sqlite3_blob_write (out, buffer, n, (int) offset);
      if (rc != SQLITE_OK)
        {
          _esc_store_set_error (m->store, rc, error);
          goto fail;
        }
      offset += n;
      if (g_cancellable_set_error_if_cancelled (m->cancellable, error))
        goto fail;
    }
  sqlite3_blob_close (in);
  sqlite3_blob_close (out);

  if (g_ascii_strcasecmp (g_checksum_get_string (checksum), sha256) != 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("The workspace “%s” is damaged: evidence %s does not match its checksum"),
                   m->report->other_path, sha256);
      return FALSE;
    }
  m->report->n_blobs_added++;
  m->report->blob_bytes_added += size;
  return TRUE;

fail:
  if (in != NULL)
    sqlite3_blob_close (in);
  if (out != NULL)
    sqlite3_blob_close (out);
  return FALSE;
}

/* A new document's page text, so evidence search finds it here too. */
static gboolean
copy_page_text (Merge      *m,
                const char *document_uuid,
                GError    **error)
{
  sqlite3_stmt *read;
  gboolean      row;

  if (!m->other_has_search || document_uuid == NULL)
    return TRUE;
  read = other_stmt (m, "SELECT c0, c2 FROM page_search_content WHERE c1 = ?1", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_text (read, 1, document_uuid, -1, SQLITE_TRANSIENT);
  while (other_step (m, read, &row, error) && row)
    {
      sqlite3_stmt *insert;

      if (sqlite3_column_type (read, 0) != SQLITE_TEXT)
        continue;
      insert = local_stmt (m, "INSERT INTO page_search (body, document_uuid, page) VALUES (?1, ?2, ?3)", error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_value (insert, 1, sqlite3_column_value (read, 0));
      sqlite3_bind_text (insert, 2, document_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (insert, 3, sqlite3_column_int (read, 1));
      if (!local_exec (m, insert, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gboolean
merge_blobs (Merge   *m,
             GError **error)
{
  sqlite3_stmt *read = other_stmt (m, "SELECT rowid, sha256, size, mime, added_at FROM blobs", error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      const char   *sha256 = (const char *) sqlite3_column_text (read, 1);
      sqlite3_stmt *find = local_stmt (m, "SELECT 1 FROM blobs WHERE sha256 = ?1", error);
      int           rc;

      if (find == NULL)
        return FALSE;
      if (sha256 == NULL)
        continue;
      sqlite3_bind_text (find, 1, sha256, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      sqlite3_reset (find);
      if (rc == SQLITE_DONE &&
          !copy_blob (m, sqlite3_column_int64 (read, 0), sha256, sqlite3_column_int64 (read, 2),
                      (const char *) sqlite3_column_text (read, 3), sqlite3_column_int64 (read, 4), error))
        return FALSE;
      if (!tick (m, error))
        return FALSE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  read = other_stmt (m,
                     m->other_has_search
                       ? "SELECT uuid, sha256, file_name, title, n_pages, created_at, updated_at, encrypted FROM documents"
                       : "SELECT uuid, sha256, file_name, title, n_pages, created_at, updated_at, 0 FROM documents",
                     error);
  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      if (!copy_row (m, "INSERT OR IGNORE INTO documents (uuid, sha256, file_name, title, n_pages,"
                        " created_at, updated_at, encrypted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     read, 8, error))
        return FALSE;
      if (sqlite3_changes (m->db) > 0)
        {
          m->report->n_documents_added++;
          if (!copy_page_text (m, (const char *) sqlite3_column_text (read, 0), error))
            return FALSE;
        }
      if (!tick (m, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gboolean
merge_links (Merge   *m,
             GError **error)
{
  static const char read_sql[] =
    "SELECT uuid, document_uuid, assessment_uuid, item_code, pages, caption, created_at, updated_at,"
    " quote (pages) || ',' || quote (caption)"
    " FROM links";
  static const char find_sql[] =
    "SELECT quote (pages) || ',' || quote (caption), updated_at FROM links WHERE uuid = ?1";
  sqlite3_stmt *read = other_stmt (m, read_sql, error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      const char      *uuid = (const char *) sqlite3_column_text (read, 0);
      const char      *assessment_uuid = (const char *) sqlite3_column_text (read, 2);
      const char      *item_code = (const char *) sqlite3_column_text (read, 3);
      Side             other = { (const char *) sqlite3_column_text (read, 8), sqlite3_column_int64 (read, 7), "" };
      sqlite3_stmt    *find = local_stmt (m, find_sql, error);
      g_autofree char *content = NULL;
      Side             local = { NULL, 0, "" };
      gboolean         take, remove;
      int              rc;

      if (find == NULL)
        return FALSE;
      if (uuid == NULL)
        continue;
      sqlite3_bind_text (find, 1, uuid, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          content = _esc_column_dup (find, 0);
          local.at = sqlite3_column_int64 (find, 1);
        }
      sqlite3_reset (find);
      local.content = content;

      if (!merge_cell (m, "link", uuid, assessment_uuid, item_code, NULL, &local, &other, &take, &remove, error))
        return FALSE;
      if (take && local.content == NULL)
        {
          if (!copy_row (m, "INSERT INTO links (uuid, document_uuid, assessment_uuid, item_code, pages,"
                            " caption, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         read, 8, error))
            return FALSE;
          m->report->n_links_added++;
        }
      else if (take)
        {
          sqlite3_stmt *update = local_stmt (m,
                                             "UPDATE links SET pages = ?2, caption = ?3, updated_at = ?4 WHERE uuid = ?1",
                                             error);
          if (update == NULL)
            return FALSE;
          sqlite3_bind_text (update, 1, uuid, -1, SQLITE_STATIC);
          sqlite3_bind_value (update, 2, sqlite3_column_value (read, 4));
          sqlite3_bind_value (update, 3, sqlite3_column_value (read, 5));
          sqlite3_bind_int64 (update, 4, other.at);
          if (!local_exec (m, update, error))
            return FALSE;
          m->report->n_links_updated++;
        }
      if (!tick (m, error))
        return FALSE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  /* Links the other file removed after it saw them as they are here. */
  if (!m->other_has_merge)
    return TRUE;
  read = other_stmt (m, "SELECT row_key, rev FROM merge_seen WHERE entity = 'link'", error);
  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      const char      *uuid = (const char *) sqlite3_column_text (read, 0);
      const char      *rev = (const char *) sqlite3_column_text (read, 1);
      sqlite3_stmt    *find = local_stmt (m, find_sql, error);
      sqlite3_stmt    *other_has;
      g_autofree char *mine_rev = NULL;
      gboolean         present;
      int              rc;

      if (find == NULL)
        return FALSE;
      if (uuid == NULL || rev == NULL)
        continue;
      sqlite3_bind_text (find, 1, uuid, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        mine_rev = make_rev ((const char *) sqlite3_column_text (find, 0), sqlite3_column_int64 (find, 1));
      sqlite3_reset (find);
      if (mine_rev == NULL || !g_str_equal (mine_rev, rev))
        continue;

      other_has = other_stmt (m, "SELECT 1 FROM links WHERE uuid = ?1", error);
      if (other_has == NULL)
        return FALSE;
      sqlite3_bind_text (other_has, 1, uuid, -1, SQLITE_STATIC);
      if (!other_step (m, other_has, &present, error))
        return FALSE;
      if (present)
        continue;

      {
        sqlite3_stmt *delete = local_stmt (m, "DELETE FROM links WHERE uuid = ?1", error);
        if (delete == NULL)
          return FALSE;
        sqlite3_bind_text (delete, 1, uuid, -1, SQLITE_STATIC);
        if (!local_exec (m, delete, error))
          return FALSE;
        m->report->n_links_removed++;
      }
    }
  return error == NULL || *error == NULL;
}

/* Comments, history and the merge bookkeeping travel as they are ---------------------- */

static gboolean
merge_comments (Merge   *m,
                GError **error)
{
  sqlite3_stmt *read = other_stmt (m,
                                   "SELECT uuid, assessment_uuid, item_code, verdict, body, author, created_at"
                                   " FROM comments",
                                   error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      if (!copy_row (m, "INSERT OR IGNORE INTO comments (uuid, assessment_uuid, item_code, verdict, body,"
                        " author, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     read, 7, error))
        return FALSE;
      m->report->n_comments_added += sqlite3_changes (m->db);
      if (!tick (m, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gboolean
merge_history (Merge   *m,
               GError **error)
{
  sqlite3_stmt *read = other_stmt (m,
                                   "SELECT uuid, entity, entity_uuid, field, old_value, new_value, reason, author, at"
                                   " FROM history",
                                   error);
  gboolean      row;

  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      sqlite3_stmt *insert = row_insert (m,
                                         "INSERT OR IGNORE INTO history (uuid, entity, entity_uuid, field, old_value,"
                                         " new_value, reason, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                         read, 9, error);
      if (insert == NULL)
        return FALSE;
      /* History of a row that has another uuid here follows it. */
      sqlite3_bind_text (insert, 3, map_uuid (m, (const char *) sqlite3_column_text (read, 2)), -1, SQLITE_TRANSIENT);
      if (!local_exec (m, insert, error))
        return FALSE;
      m->report->n_history_added += sqlite3_changes (m->db);
      if (!tick (m, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gboolean
merge_bookkeeping (Merge   *m,
                   GError **error)
{
  sqlite3_stmt *read;
  gboolean      row;

  if (!m->other_has_merge)
    return TRUE;

  read = other_stmt (m, "SELECT entity, row_key, rev FROM merge_seen", error);
  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      if (!copy_row (m, "INSERT OR IGNORE INTO merge_seen (entity, row_key, rev) VALUES (?1, ?2, ?3)", read, 3, error))
        return FALSE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  read = other_stmt (m,
                     "SELECT uuid, entity, row_key, assessment_uuid, item_code, field, kept_value, kept_author,"
                     " kept_at, other_value, other_author, other_at, created_at, resolved_at, resolved_by, resolution"
                     " FROM conflicts",
                     error);
  if (read == NULL)
    return FALSE;
  while (other_step (m, read, &row, error) && row)
    {
      if (!copy_row (m, "INSERT OR IGNORE INTO conflicts (uuid, entity, row_key, assessment_uuid,"
                        " item_code, field, kept_value, kept_author, kept_at, other_value,"
                        " other_author, other_at, created_at, resolved_at, resolved_by, resolution)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                     read, 16, error))
        return FALSE;

      /* A conflict the other file resolved is resolved here too. */
      if (sqlite3_changes (m->db) == 0 && sqlite3_column_type (read, 13) != SQLITE_NULL)
        {
          sqlite3_stmt *update = local_stmt (m,
                                             "UPDATE conflicts SET resolved_at = ?2, resolved_by = ?3, resolution = ?4"
                                             " WHERE uuid = ?1 AND resolved_at IS NULL",
                                             error);
          if (update == NULL)
            return FALSE;
          sqlite3_bind_value (update, 1, sqlite3_column_value (read, 0));
          sqlite3_bind_value (update, 2, sqlite3_column_value (read, 13));
          sqlite3_bind_value (update, 3, sqlite3_column_value (read, 14));
          sqlite3_bind_value (update, 4, sqlite3_column_value (read, 15));
          if (!local_exec (m, update, error))
            return FALSE;
          m->report->n_conflicts_resolved += sqlite3_changes (m->db);
        }
    }
  return error == NULL || *error == NULL;
}

EscMergeReport *
esc_merge_file (EscStore        *store,
                const char      *other_path,
                EscMergeProgress progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr (EscMergeReport) report = NULL;
  g_autoptr (GError)         local_error = NULL;
  Merge                      m = { 0 };
  gint64                     changes_before;
  gboolean                   ok;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);
  g_return_val_if_fail (other_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = _esc_merge_report_new (other_path);
  m.store = store;
  m.db = _esc_store_get_db (store);
  m.report = report;
  m.progress = progress;
  m.progress_data = progress_data;
  m.cancellable = cancellable;
  m.local_stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  m.other_stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  m.uuid_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!open_other (&m, other_path, &local_error) || !count_other_rows (&m, &local_error))
    {
      merge_clear (&m);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!_esc_store_begin (store, &local_error))
    {
      merge_clear (&m);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  changes_before = sqlite3_total_changes64 (m.db);

  ok = merge_frameworks (&m, &local_error) &&
       merge_laos (&m, &local_error) &&
       merge_assessments (&m, &local_error) &&
       merge_answers (&m, &local_error) &&
       merge_answer_stamps (&m, &local_error) &&
       merge_blobs (&m, &local_error) &&
       merge_links (&m, &local_error) &&
       merge_comments (&m, &local_error) &&
       merge_history (&m, &local_error) &&
       merge_bookkeeping (&m, &local_error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, &local_error);

  /* Statements hold read locks of the other file and must go before it closes. */
  g_hash_table_remove_all (m.local_stmts);
  if (!ok)
    {
      _esc_store_rollback (store);
      merge_clear (&m);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (sqlite3_total_changes64 (m.db) == changes_before)
    {
      /* Nothing came in: leave the file exactly as it was. */
      _esc_store_rollback (store);
    }
  else if (!_esc_store_commit (store, &local_error))
    {
      _esc_store_rollback (store);
      merge_clear (&m);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  else
    _esc_store_touch (store);

  merge_clear (&m);
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&report);
}

/* Conflicts --------------------------------------------------------------------------- */

static EscConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  EscConflict *conflict = _esc_conflict_new ();

  conflict->uuid = _esc_column_dup (stmt, 0);
  conflict->entity = _esc_column_dup (stmt, 1);
  conflict->assessment_uuid = _esc_column_dup (stmt, 2);
  conflict->item_code = _esc_column_dup (stmt, 3);
  conflict->field = _esc_column_dup (stmt, 4);
  conflict->kept_value = _esc_merge_content_to_text (conflict->entity, (const char *) sqlite3_column_text (stmt, 5));
  conflict->kept_author = _esc_column_dup (stmt, 6);
  conflict->kept_at = sqlite3_column_int64 (stmt, 7);
  conflict->other_value = _esc_merge_content_to_text (conflict->entity, (const char *) sqlite3_column_text (stmt, 8));
  conflict->other_author = _esc_column_dup (stmt, 9);
  conflict->other_at = sqlite3_column_int64 (stmt, 10);
  conflict->created_at = sqlite3_column_int64 (stmt, 11);
  conflict->resolved_at = sqlite3_column_int64 (stmt, 12);
  conflict->resolved_by = _esc_column_dup (stmt, 13);
  conflict->resolution = _esc_column_dup (stmt, 14);
  return conflict;
}

#define CONFLICT_COLUMNS                                                               \
  "uuid, entity, assessment_uuid, item_code, field, kept_value, kept_author, kept_at," \
  " other_value, other_author, other_at, created_at, coalesce (resolved_at, 0), resolved_by, resolution"

GPtrArray *
esc_merge_list_conflicts (EscStore   *store,
                          const char *assessment_uuid,
                          gboolean    include_resolved,
                          GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_conflict_free);
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  stmt = _esc_store_prepare (store,
                             "SELECT " CONFLICT_COLUMNS " FROM conflicts"
                             " WHERE (?1 IS NULL OR assessment_uuid = ?1) AND (?2 OR resolved_at IS NULL)"
                             " ORDER BY assessment_uuid, CAST (item_code AS INTEGER), item_code, entity, field, uuid",
                             error);
  if (stmt == NULL)
    return NULL;
  _esc_bind_text_or_null (stmt, 1, assessment_uuid);
  sqlite3_bind_int (stmt, 2, include_resolved);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, conflict_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

guint
esc_merge_count_conflicts (EscStore   *store,
                           const char *assessment_uuid,
                           GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), 0);

  stmt = _esc_store_prepare (store,
                             "SELECT count(*) FROM conflicts"
                             " WHERE (?1 IS NULL OR assessment_uuid = ?1) AND resolved_at IS NULL",
                             error);
  if (stmt == NULL)
    return 0;
  _esc_bind_text_or_null (stmt, 1, assessment_uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _esc_store_set_error (store, sqlite3_errcode (_esc_store_get_db (store)), error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* Parses "'text',NULL,7.0" (quote() output joined by commas) into values. */
static GPtrArray *
parse_content (const char *content)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  const char           *p = content;

  if (p == NULL)
    return NULL;
  while (*p != '\0')
    {
      if (*p == '\'')
        {
          GString *text = g_string_new (NULL);

          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_string_free (text, TRUE);
                  return NULL;
                }
              if (*p == '\'' && p[1] == '\'')
                {
                  g_string_append_c (text, '\'');
                  p += 2;
                }
              else if (*p == '\'')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (text, *p++);
            }
          g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_take_string (g_string_free (text, FALSE))));
        }
      else if (g_str_has_prefix (p, "NULL"))
        {
          g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL)));
          p += 4;
        }
      else
        {
          const char      *end = strchr (p, ',');
          g_autofree char *number = end ? g_strndup (p, end - p) : g_strdup (p);

          if (strpbrk (number, ".eE") != NULL)
            g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_double (g_ascii_strtod (number, NULL))));
          else
            g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_int64 (g_ascii_strtoll (number, NULL, 10))));
          p += strlen (number);
        }
      if (*p == ',')
        p++;
      else if (*p != '\0')
        return NULL;
    }
  return g_steal_pointer (&values);
}

static void
bind_variant (sqlite3_stmt *stmt,
              int           index,
              GVariant     *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    sqlite3_bind_double (stmt, index, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
  else
    sqlite3_bind_null (stmt, index);
}

static char *
variant_to_number (GVariant *value)
{
  char   buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double number = 0;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    number = g_variant_get_double (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    number = (double) g_variant_get_int64 (value);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", number));
}

static char *
variant_to_text (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", g_variant_get_double (value)));
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  return g_strdup ("");
}

char *
_esc_merge_content_to_text (const char *entity,
                            const char *content)
{
  g_autoptr (GPtrArray) values = parse_content (content);
  g_autoptr (GString)   text = g_string_new (NULL);

  if (values == NULL)
    return g_strdup (content ? content : "");
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *part = variant_to_text (g_ptr_array_index (values, i));

      if (i > 0)
        g_string_append (text, g_str_equal (entity, "link") ? " · " : ", ");
      g_string_append (text, part);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  char  *uuid;
  char  *entity;
  char  *row_key;
  char  *assessment_uuid;
  char  *item_code;
  char  *field;
  char  *kept;
  char  *other;
  gint64 resolved_at;
} RawConflict;

static void
raw_conflict_clear (RawConflict *raw)
{
  g_free (raw->uuid);
  g_free (raw->entity);
  g_free (raw->row_key);
  g_free (raw->assessment_uuid);
  g_free (raw->item_code);
  g_free (raw->field);
  g_free (raw->kept);
  g_free (raw->other);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RawConflict, raw_conflict_clear)

static gboolean
find_conflict (EscStore    *store,
               const char  *id,
               RawConflict *raw,
               GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char         *pattern = NULL;
  int                      rc;

  if (id == NULL || strlen (id) < 4 || strpbrk (id, "%_") != NULL)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("No conflict “%s”: give its id, or at least its first 4 characters"),
                   id ? id : "");
      return FALSE;
    }
  stmt = _esc_store_prepare (store,
                             "SELECT uuid, entity, row_key, assessment_uuid, item_code, field, kept_value,"
                             " other_value, coalesce (resolved_at, 0)"
                             " FROM conflicts WHERE uuid LIKE ?1 LIMIT 2",
                             error);
  if (stmt == NULL)
    return FALSE;
  pattern = g_strconcat (id, "%", NULL);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("No conflict “%s” in this workspace; “esc-cli conflicts list” shows them"), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _esc_store_set_error (store, rc, error);
      return FALSE;
    }
  raw->uuid = _esc_column_dup (stmt, 0);
  raw->entity = _esc_column_dup (stmt, 1);
  raw->row_key = _esc_column_dup (stmt, 2);
  raw->assessment_uuid = _esc_column_dup (stmt, 3);
  raw->item_code = _esc_column_dup (stmt, 4);
  raw->field = _esc_column_dup (stmt, 5);
  raw->kept = _esc_column_dup (stmt, 6);
  raw->other = _esc_column_dup (stmt, 7);
  raw->resolved_at = sqlite3_column_int64 (stmt, 8);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_AMBIGUOUS,
                   _ ("“%s” matches several conflicts; give more of its id"), id);
      return FALSE;
    }
  return TRUE;
}

/* Sets one dimension of an answer's scores. */
static gboolean
write_score (EscStore          *store,
             const RawConflict *raw,
             GPtrArray         *values,
             gint64             now,
             GError           **error)
{
  g_autoptr (sqlite3_stmt) read = NULL;
  g_autoptr (sqlite3_stmt) write = NULL;
  g_autoptr (GTree)        scores = NULL;
  g_autofree char         *text = NULL;
  g_autofree char         *number = NULL;
  const char              *author = esc_store_get_author (store);

  if (values == NULL || values->len != 1)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("The conflict %s is damaged and cannot be resolved"), raw->uuid);
      return FALSE;
    }
  read = _esc_store_prepare (store, "SELECT scores FROM answers WHERE assessment_uuid = ?1 AND item_code = ?2", error);
  if (read == NULL)
    return FALSE;
  _esc_bind_text_or_null (read, 1, raw->assessment_uuid);
  sqlite3_bind_text (read, 2, raw->item_code, -1, SQLITE_STATIC);
  if (sqlite3_step (read) != SQLITE_ROW)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("The value of conflict %s is no longer in this workspace"), raw->uuid);
      return FALSE;
    }
  scores = parse_scores ((const char *) sqlite3_column_text (read, 0));
  number = variant_to_number (g_ptr_array_index (values, 0));
  g_tree_insert (scores, g_strdup (raw->field), g_steal_pointer (&number));
  text = format_scores (scores);

  write = _esc_store_prepare (store,
                              "UPDATE answers SET scores = ?3, updated_at = ?4, updated_by = ?5"
                              " WHERE assessment_uuid = ?1 AND item_code = ?2",
                              error);
  if (write == NULL)
    return FALSE;
  _esc_bind_text_or_null (write, 1, raw->assessment_uuid);
  sqlite3_bind_text (write, 2, raw->item_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (write, 4, now);
  sqlite3_bind_text (write, 5, author ? author : "", -1, SQLITE_TRANSIENT);
  return _esc_store_step_done (store, write, error);
}

/* Writes content into the cell named by raw, in the current transaction. */
static gboolean
write_cell (EscStore          *store,
            const RawConflict *raw,
            const char        *content,
            gint64             now,
            GError           **error)
{
  g_autoptr (GPtrArray)    values = parse_content (content);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char              *entity = raw->entity;
  guint                    n_expected;
  const char              *sql;

  if (g_str_equal (entity, "value"))
    return write_score (store, raw, values, now, error);
  else if (g_str_equal (entity, "note"))
    {
      n_expected = 1;
      sql = "UPDATE answers SET note = ?1, updated_at = ?2, updated_by = ?6"
            " WHERE assessment_uuid = ?3 AND item_code = ?4";
    }
  else if (g_str_equal (entity, "checked"))
    {
      n_expected = 1;
      sql = "UPDATE answers SET checked = ?1, updated_at = ?2, updated_by = ?6"
            " WHERE assessment_uuid = ?3 AND item_code = ?4";
    }
  else if (g_str_equal (entity, "status"))
    {
      n_expected = 1;
      sql = "UPDATE assessments SET status = ?1, updated_at = ?2 WHERE uuid = ?7";
    }
  else if (g_str_equal (entity, "assessment"))
    {
      n_expected = 3;
      sql = "UPDATE assessments SET kind = ?1, assessor = ?8, fiscal_year = ?9, updated_at = ?2"
            " WHERE uuid = ?7";
    }
  else if (g_str_equal (entity, "lao"))
    {
      n_expected = 4;
      sql = "UPDATE laos SET name = ?1, type = ?8, district = ?9, province = ?10, updated_at = ?2"
            " WHERE coalesce (code, uuid) = ?7";
    }
  else if (g_str_equal (entity, "link"))
    {
      n_expected = 2;
      sql = "UPDATE links SET pages = ?1, caption = ?8, updated_at = ?2 WHERE uuid = ?7";
    }
  else
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("This version cannot resolve a conflict about “%s”"), entity);
      return FALSE;
    }

  if (values == NULL || values->len != n_expected)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("The conflict %s is damaged and cannot be resolved"), raw->uuid);
      return FALSE;
    }

  stmt = _esc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_variant (stmt, 1, g_ptr_array_index (values, 0));
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    {
      _esc_bind_text_or_null (stmt, 3, raw->assessment_uuid);
      sqlite3_bind_text (stmt, 4, raw->item_code, -1, SQLITE_STATIC);
    }
  if (sqlite3_bind_parameter_count (stmt) >= 5)
    sqlite3_bind_text (stmt, 5, raw->field, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 6)
    sqlite3_bind_text (stmt, 6, esc_store_get_author (store) ? esc_store_get_author (store) : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 7)
    sqlite3_bind_text (stmt, 7, raw->row_key, -1, SQLITE_STATIC);
  for (guint i = 1; i < values->len; i++)
    bind_variant (stmt, 7 + i, g_ptr_array_index (values, i));
  if (!_esc_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_esc_store_get_db (store)) == 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("The value of conflict %s is no longer in this workspace"), raw->uuid);
      return FALSE;
    }
  return TRUE;
}

/* Turns what a person typed into a cell's content, or fails saying what is wrong. */
static char *
edited_content (const RawConflict *raw,
                const char        *text,
                GError           **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (g_str_equal (raw->entity, "value"))
    {
      char  *end = NULL;
      double value = g_ascii_strtod (trimmed, &end);
      char   buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (*trimmed == '\0' || end == NULL || *end != '\0' || !isfinite (value) || value < 0)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("“%s” is not a score: type a number of points, such as 7 or 7.5"), trimmed);
          return NULL;
        }
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
    }
  if (g_str_equal (raw->entity, "note"))
    return *trimmed == '\0' ? g_strdup ("NULL") : quote_sql_text (trimmed);
  if (g_str_equal (raw->entity, "checked"))
    {
      g_auto (GStrv) items = g_strsplit (trimmed, ",", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          char *end = NULL;
          g_strstrip (items[i]);
          if (g_ascii_strtoull (items[i], &end, 10) == 0 || end == NULL || *end != '\0')
            {
              g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                           _ ("“%s” is not a list of criteria: type their numbers, such as 1,3"), trimmed);
              return NULL;
            }
        }
      return *trimmed == '\0' ? g_strdup ("NULL") : quote_sql_text (trimmed);
    }
  g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
               _ ("Only a score, a note or a checklist can be edited while resolving; "
                  "choose one of the two values"));
  return NULL;
}

gboolean
esc_merge_resolve_conflict (EscStore         *store,
                            const char       *id,
                            EscConflictChoice choice,
                            const char       *edited_value,
                            const char       *reason,
                            GError          **error)
{
  g_auto (RawConflict)     raw = { 0 };
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char         *content = NULL;
  g_autofree char         *kept_text = NULL;
  g_autofree char         *chosen_text = NULL;
  const char              *author;
  gint64                   now = _esc_now ();

  g_return_val_if_fail (ESC_IS_STORE (store), FALSE);

  if (!find_conflict (store, id, &raw, error))
    return FALSE;
  if (raw.resolved_at != 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("The conflict %s is already resolved"), raw.uuid);
      return FALSE;
    }

  switch (choice)
    {
    case ESC_CONFLICT_KEEP:
      content = g_strdup (raw.kept);
      break;
    case ESC_CONFLICT_OTHER:
      content = g_strdup (raw.other);
      break;
    case ESC_CONFLICT_EDIT:
      content = edited_content (&raw, edited_value, error);
      if (content == NULL)
        return FALSE;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (!_esc_store_begin (store, error))
    return FALSE;

  /* Keeping the value that is there changes nothing in the cell. */
  if (choice != ESC_CONFLICT_KEEP && !write_cell (store, &raw, content, now, error))
    goto fail;

  kept_text = _esc_merge_content_to_text (raw.entity, raw.kept);
  chosen_text = _esc_merge_content_to_text (raw.entity, content);
  author = esc_store_get_author (store);
  stmt = _esc_store_prepare (store,
                             "UPDATE conflicts SET resolved_at = ?2, resolved_by = ?3, resolution = ?4 WHERE uuid = ?1",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, raw.uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, author ? author : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, content, -1, SQLITE_STATIC);
  if (!_esc_store_step_done (store, stmt, error))
    goto fail;

  if (!_esc_store_record_history (store, "conflict", raw.uuid, raw.entity, kept_text, chosen_text,
                                  reason ? reason : "", error))
    goto fail;

  if (!_esc_store_commit (store, error))
    goto fail;
  _esc_store_touch (store);
  return TRUE;

fail:
  _esc_store_rollback (store);
  return FALSE;
}
