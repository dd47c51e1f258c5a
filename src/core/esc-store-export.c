/* esc-store-export.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads for exports: a pinned snapshot, the documents and links of an
 * assessment, and stored bytes streamed out with incremental blob I/O.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "esc-store-export.h"
#include "esc-store-private.h"

#define BLOB_CHUNK (64 * 1024)

gboolean
esc_store_begin_snapshot (EscStore *self,
                          GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  sqlite3                 *db;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  db = _esc_store_get_db (self);
  rc = sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }

  /* A deferred transaction takes its snapshot at the first read. */
  stmt = _esc_store_prepare (self, "SELECT count(*) FROM assessments", error);
  if (stmt == NULL)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _esc_store_set_error (self, rc, error);
      g_clear_pointer (&stmt, sqlite3_finalize);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

void
esc_store_end_snapshot (EscStore *self)
{
  g_return_if_fail (ESC_IS_STORE (self));

  /* nothing was written: ending the read transaction cannot lose anything */
  sqlite3_exec (_esc_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
}

GPtrArray *
esc_store_export_documents (EscStore   *self,
                            const char *assessment_uuid,
                            GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    documents = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (assessment_uuid != NULL, NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT d.uuid, d.file_name, d.title, d.sha256, b.size, d.n_pages, "
                             "       group_concat (l.item_code, ' ') "
                             "FROM links l "
                             "JOIN documents d ON d.uuid = l.document_uuid "
                             "JOIN blobs b ON b.sha256 = d.sha256 "
                             "WHERE l.assessment_uuid = ?1 "
                             "GROUP BY d.uuid "
                             "ORDER BY d.title, d.file_name, d.uuid",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment_uuid, -1, SQLITE_TRANSIENT);

  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_export_document_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscExportDocument *document = esc_export_document_new ();

      document->uuid = _esc_column_dup (stmt, 0);
      document->file_name = _esc_column_dup (stmt, 1);
      document->title = _esc_column_dup (stmt, 2);
      document->sha256 = _esc_column_dup (stmt, 3);
      document->size = sqlite3_column_int64 (stmt, 4);
      document->n_pages = sqlite3_column_int (stmt, 5);
      document->items = _esc_column_dup (stmt, 6); /* the caller orders them */
      g_ptr_array_add (documents, document);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}

GPtrArray *
esc_store_export_links (EscStore   *self,
                        const char *assessment_uuid,
                        GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    links = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (assessment_uuid != NULL, NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT l.item_code, l.document_uuid, d.title, d.sha256, l.pages, b.mime "
                             "FROM links l JOIN documents d ON d.uuid = l.document_uuid "
                             "JOIN blobs b ON b.sha256 = d.sha256 "
                             "WHERE l.assessment_uuid = ?1 "
                             "ORDER BY l.created_at, l.rowid",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment_uuid, -1, SQLITE_TRANSIENT);

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_export_link_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscExportLink *link = esc_export_link_new ((const char *) sqlite3_column_text (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                 (const char *) sqlite3_column_text (stmt, 2),
                                                 (const char *) sqlite3_column_text (stmt, 3),
                                                 (const char *) sqlite3_column_text (stmt, 4));

      link->mime = _esc_column_dup (stmt, 5);
      g_ptr_array_add (links, link);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&links);
}

gboolean
esc_store_export_blob (EscStore      *self,
                       const char    *sha256,
                       GOutputStream *stream,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree guchar       *buffer = NULL;
  sqlite3_blob            *blob = NULL;
  sqlite3_int64            rowid;
  int                      size;
  int                      rc;
  gboolean                 ok = FALSE;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  stmt = _esc_store_prepare (self, "SELECT rowid FROM blobs WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("The stored file %s is missing from the workspace. Run “esc-cli check” on it."),
                   sha256);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }
  rowid = sqlite3_column_int64 (stmt, 0);

  rc = sqlite3_blob_open (_esc_store_get_db (self), "main", "blobs", "data", rowid, 0, &blob);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }

  size = sqlite3_blob_bytes (blob);
  buffer = g_malloc (BLOB_CHUNK);
  for (int offset = 0; offset < size; offset += BLOB_CHUNK)
    {
      int n = MIN (BLOB_CHUNK, size - offset);

      rc = sqlite3_blob_read (blob, buffer, n, offset);
      if (rc != SQLITE_OK)
        {
          _esc_store_set_error (self, rc, error);
          goto out;
        }
      if (!g_output_stream_write_all (stream, buffer, n, NULL, cancellable, error))
        goto out;
    }
  ok = TRUE;

out:
  sqlite3_blob_close (blob);
  return ok;
}
