/* esc-store-evidence.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evidence part of the store: blobs, documents, links and the search index.
 * Tables in esc-store-schema.c (versions 1 and 2), documented in data/SCHEMA.md.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <nettle/sha2.h>
#include <string.h>

#include "esc-evidence.h"
#include "esc-page-ranges.h"
#include "esc-pdf.h"
#include "esc-store-blob-stream.h"
#include "esc-store-private.h"

/* Files are read and written in chunks this big: large enough that per-call overhead of
 * reads and incremental blob writes disappears, small against the memory target. */
#define CHUNK_SIZE (4 * 1024 * 1024)
#define SNIPPET_TOKENS 32
#define SNIPPET_CHARS 40

G_DEFINE_QUARK (esc - evidence - error - quark, esc_evidence_error)

/* SHA-256 through Nettle, which uses the CPU's SHA instructions where there are some: an
 * order of magnitude faster than GChecksum, and hashing is most of the time of attaching
 * and extracting a large file. */
typedef struct sha256_ctx Sha256;

static char *
sha256_finish_hex (Sha256 *ctx)
{
  guint8 digest[SHA256_DIGEST_SIZE];
  char  *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_digest (ctx, SHA256_DIGEST_SIZE, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 0xf];
    }
  hex[2 * SHA256_DIGEST_SIZE] = '\0';
  return hex;
}

#define DOCUMENT_COLUMNS                                                             \
  "d.uuid, d.sha256, d.file_name, d.title, b.mime, b.size, d.n_pages, d.encrypted, " \
  "(SELECT count(*) FROM links l WHERE l.document_uuid = d.uuid), d.created_at, d.updated_at"
#define N_DOCUMENT_COLUMNS 11

/* Boxed helpers */

EscDocument *
esc_document_copy (const EscDocument *document)
{
  EscDocument *copy;

  g_return_val_if_fail (document != NULL, NULL);

  copy = g_memdup2 (document, sizeof *document);
  copy->uuid = g_strdup (document->uuid);
  copy->sha256 = g_strdup (document->sha256);
  copy->file_name = g_strdup (document->file_name);
  copy->title = g_strdup (document->title);
  copy->mime_type = g_strdup (document->mime_type);
  return copy;
}

void
esc_document_free (EscDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->uuid);
  g_free (document->sha256);
  g_free (document->file_name);
  g_free (document->title);
  g_free (document->mime_type);
  g_free (document);
}

void
esc_link_free (EscLink *link)
{
  if (link == NULL)
    return;
  g_free (link->uuid);
  g_free (link->assessment_uuid);
  g_free (link->item_code);
  g_free (link->pages);
  g_free (link->caption);
  esc_document_free (link->document);
  g_free (link);
}

void
esc_search_hit_free (EscSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->assessment_uuid);
  g_free (hit->item_code);
  g_free (hit->document_uuid);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

static EscDocument *
read_document (sqlite3_stmt *stmt,
               int           first)
{
  EscDocument *document = g_new0 (EscDocument, 1);

  document->uuid = _esc_column_dup (stmt, first);
  document->sha256 = _esc_column_dup (stmt, first + 1);
  document->file_name = _esc_column_dup (stmt, first + 2);
  document->title = _esc_column_dup (stmt, first + 3);
  document->mime_type = _esc_column_dup (stmt, first + 4);
  document->size = sqlite3_column_int64 (stmt, first + 5);
  document->n_pages = sqlite3_column_int (stmt, first + 6);
  document->encrypted = sqlite3_column_int (stmt, first + 7) != 0;
  document->n_links = sqlite3_column_int (stmt, first + 8);
  document->created_at = sqlite3_column_int64 (stmt, first + 9);
  document->updated_at = sqlite3_column_int64 (stmt, first + 10);
  return document;
}

static gboolean
step_row (EscStore     *self,
          sqlite3_stmt *stmt,
          gboolean     *has_row,
          GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *has_row = TRUE;
      return TRUE;
    }
  *has_row = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;
  _esc_store_set_error (self, rc, error);
  return FALSE;
}

static gboolean
fail (EscStore *self,
      gboolean  in_transaction)
{
  if (in_transaction)
    _esc_store_rollback (self);
  return FALSE;
}

/* Reading and checking a file before it is stored */

typedef struct
{
  char                 *display_name;
  char                 *sha256;
  const char           *mime_type;
  goffset               size;
  guint64               mtime;
  guint32               mtime_usec;
  guint                 n_pages;
  gboolean              encrypted;
  char                 *title;
  GStrv                 page_texts;

  /* Bytes read to hash the file plus bytes copied into the workspace, of twice its size. */
  EscAttachProgressFunc progress;
  gpointer              progress_data;
  goffset               done;
  goffset               total;
} Incoming;

static void
report_progress (Incoming *in,
                 goffset   bytes)
{
  in->done = MIN (in->done + bytes, in->total);
  if (in->progress != NULL && in->total > 0)
    in->progress (in->done, in->total, in->progress_data);
}

static void
incoming_clear (Incoming *in)
{
  g_free (in->display_name);
  g_free (in->sha256);
  g_free (in->title);
  g_strfreev (in->page_texts);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Incoming, incoming_clear)

static void
prefix_error (GError    **error,
              const char *display_name)
{
  /* TRANSLATORS: the file name, then why it cannot be attached */
  g_prefix_error (error, _ ("“%s” cannot be attached: "), display_name);
}

/* Hashes the file and sniffs its type in one read; memory stays at one chunk. */
static gboolean
hash_file (GFile        *file,
           Incoming     *in,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autofree guint8           *buffer = g_malloc (CHUNK_SIZE);
  goffset                      total = 0;
  gboolean                     first = TRUE;
  Sha256                       checksum;

  sha256_init (&checksum);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, CHUNK_SIZE, &n,
                                    cancellable, error))
        return FALSE;
      if (n == 0)
        break;
      if (first)
        {
          in->mime_type = esc_pdf_sniff_mime_type (buffer, n);
          first = FALSE;
        }
      total += n;
      if (total > ESC_EVIDENCE_MAX_SIZE)
        {
          g_set_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_TOO_LARGE,
                       _ ("“%s” cannot be attached: it is larger than %d MB. Split it into smaller files or reduce the size of its images."),
                       in->display_name, (int) (ESC_EVIDENCE_MAX_SIZE / (1024 * 1024)));
          return FALSE;
        }
      sha256_update (&checksum, n, buffer);
      report_progress (in, n);
    }

  in->size = total;
  in->sha256 = sha256_finish_hex (&checksum);
  return TRUE;
}

static gboolean
read_incoming (GFile        *file,
               const char   *password,
               Incoming     *in,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char      *basename = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  in->display_name = g_strdup (g_file_info_get_display_name (info));
  in->mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  in->mtime_usec = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  in->total = 2 * g_file_info_get_size (info);

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_UNSUPPORTED,
                   _ ("“%s” cannot be attached: it is not a file."), in->display_name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > ESC_EVIDENCE_MAX_SIZE)
    {
      g_set_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_TOO_LARGE,
                   _ ("“%s” cannot be attached: it is larger than %d MB. Split it into smaller files or reduce the size of its images."),
                   in->display_name, (int) (ESC_EVIDENCE_MAX_SIZE / (1024 * 1024)));
      return FALSE;
    }

  if (!hash_file (file, in, cancellable, error))
    return FALSE;

  if (in->size == 0)
    {
      g_set_error (error, ESC_PDF_ERROR, ESC_PDF_ERROR_NOT_PDF,
                   _ ("“%s” cannot be attached: the file is empty."), in->display_name);
      return FALSE;
    }
  if (in->mime_type == NULL)
    {
      if (g_str_has_suffix (in->display_name, ".pdf") || g_str_has_suffix (in->display_name, ".PDF"))
        g_set_error (error, ESC_PDF_ERROR, ESC_PDF_ERROR_NOT_PDF,
                     _ ("“%s” cannot be attached: its name ends in .pdf, but it is not a PDF document."),
                     in->display_name);
      else
        g_set_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_UNSUPPORTED,
                     _ ("“%s” cannot be attached: only PDF documents and JPEG or PNG photos can be evidence."),
                     in->display_name);
      return FALSE;
    }

  basename = g_strdup (in->display_name);
  if (strrchr (basename, '.') != NULL && strrchr (basename, '.') != basename)
    *strrchr (basename, '.') = '\0';

  if (g_str_equal (in->mime_type, "application/pdf"))
    {
      g_autoptr (EscPdfDocument) document = NULL;
      g_autoptr (GError)         pdf_error = NULL;

      document = esc_pdf_document_new_from_file (file, NULL, cancellable, &pdf_error);
      if (document == NULL && password != NULL && password[0] != '\0' &&
          g_error_matches (pdf_error, ESC_PDF_ERROR, ESC_PDF_ERROR_NEEDS_PASSWORD))
        {
          g_clear_error (&pdf_error);
          in->encrypted = TRUE;
          document = esc_pdf_document_new_from_file (file, password, cancellable, &pdf_error);
        }
      if (document == NULL && g_error_matches (pdf_error, ESC_PDF_ERROR, ESC_PDF_ERROR_NEEDS_PASSWORD))
        {
          /* Kept locked: its pages are counted and read when someone unlocks it. */
          in->encrypted = TRUE;
          in->n_pages = 0;
        }
      else if (document == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&pdf_error));
          prefix_error (error, in->display_name);
          return FALSE;
        }
      else
        {
          g_autofree char *title = g_strdup (esc_pdf_document_get_title (document));

          in->n_pages = esc_pdf_document_get_n_pages (document);
          if (title != NULL && g_strstrip (title)[0] != '\0')
            in->title = g_steal_pointer (&title);
          /* A PDF the index cannot read is still good evidence: it just is not searchable. */
          in->page_texts = esc_pdf_document_get_text (document, cancellable, NULL);
        }
    }
  else
    {
      in->n_pages = 1;
    }

  if (in->title == NULL)
    in->title = g_steal_pointer (&basename);
  return TRUE;
}

/* Blobs */

static gboolean
file_unchanged (GFile        *file,
                Incoming     *in,
                GCancellable *cancellable)
{
  g_autoptr (GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  return info != NULL && g_file_info_get_size (info) == in->size &&
         g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) == in->mtime &&
         g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC) == in->mtime_usec;
}

static gboolean
blob_exists (EscStore   *self,
             const char *sha256,
             gboolean   *exists,
             GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = _esc_store_prepare (self, "SELECT 1 FROM blobs WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  return step_row (self, stmt, exists, error);
}

/* Streams the file into a new blob row, hashing what it copies: a file that changed since
 * it was hashed (other bytes, or another size or modification time) is refused rather than
 * stored under the wrong name. */
static gboolean
write_blob (EscStore     *self,
            GFile        *file,
            Incoming     *in,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr (sqlite3_stmt)     stmt = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autofree guint8           *buffer = NULL;
  g_autofree char             *copied = NULL;
  sqlite3_blob                *blob = NULL;
  Sha256                       checksum;
  sqlite3                     *db = _esc_store_get_db (self);
  goffset                      offset = 0;
  int                          rc;

  /* added_at is 0 (the time is the document's created_at): SQLite keeps a zeroblob lazy
   * only when nothing with bytes follows it in the row, and added_at comes after data.
   * With a timestamp there, inserting a 200 MB file first builds 400 MB in memory. */
  stmt = _esc_store_prepare (self,
                             "INSERT INTO blobs (sha256, size, mime, data, added_at) "
                             "VALUES (?, ?, ?, zeroblob(?), 0)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, in->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, in->size);
  sqlite3_bind_text (stmt, 3, in->mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, in->size);
  if (!_esc_store_step_done (self, stmt, error))
    return FALSE;

  rc = sqlite3_blob_open (db, "main", "blobs", "data", sqlite3_last_insert_rowid (db), 1, &blob);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    goto failed;

  buffer = g_malloc (CHUNK_SIZE);
  sha256_init (&checksum);
  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, CHUNK_SIZE, &n,
                                    cancellable, error))
        goto failed;
      if (n == 0)
        break;
      if (offset + (goffset) n > in->size)
        goto changed;
      sha256_update (&checksum, n, buffer);
      rc = sqlite3_blob_write (blob, buffer, (int) n, (int) offset);
      if (rc != SQLITE_OK)
        {
          _esc_store_set_error (self, rc, error);
          goto failed;
        }
      offset += n;
      report_progress (in, n);
    }
  copied = sha256_finish_hex (&checksum);
  if (offset != in->size || !g_str_equal (copied, in->sha256) || !file_unchanged (file, in, cancellable))
    goto changed;

  rc = sqlite3_blob_close (blob);
  blob = NULL;
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;

changed:
  g_set_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_CHANGED,
               _ ("“%s” changed while it was being attached; attach it again once it is saved."),
               in->display_name);
failed:
  if (blob != NULL)
    sqlite3_blob_close (blob);
  return FALSE;
}

static gboolean
index_pages (EscStore   *self,
             const char *document_uuid,
             GStrv       page_texts,
             GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (page_texts == NULL)
    return TRUE;

  stmt = _esc_store_prepare (self,
                             "INSERT INTO page_search (body, document_uuid, page) VALUES (?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; page_texts[i] != NULL; i++)
    {
      if (page_texts[i][0] == '\0')
        continue;
      sqlite3_bind_text (stmt, 1, page_texts[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, document_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i + 1);
      if (!_esc_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static EscDocument *
lookup_document (EscStore   *self,
                 const char *where,
                 const char *value,
                 GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char         *sql = NULL;
  gboolean                 has_row;

  sql = g_strdup_printf ("SELECT " DOCUMENT_COLUMNS " FROM documents d JOIN blobs b ON b.sha256 = d.sha256 "
                         "WHERE %s ORDER BY d.created_at, d.uuid LIMIT 2",
                         where);
  stmt = _esc_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    return NULL;
  return read_document (stmt, 0);
}

/* The caller holds the transaction. */
static EscDocument *
add_document_locked (EscStore     *self,
                     GFile        *file,
                     Incoming     *in,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GError)       local_error = NULL;
  g_autofree char         *uuid = NULL;
  EscDocument             *existing;
  gboolean                 exists;
  gint64                   now = _esc_now ();

  if (!blob_exists (self, in->sha256, &exists, error))
    return NULL;
  if (!exists && !write_blob (self, file, in, cancellable, error))
    return NULL;

  /* The same bytes attached again are the same document. */
  existing = lookup_document (self, "d.sha256 = ?1", in->sha256, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (existing != NULL)
    return existing;

  uuid = _esc_uuid_new ();
  stmt = _esc_store_prepare (self,
                             "INSERT INTO documents (uuid, sha256, file_name, title, n_pages, encrypted, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, in->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, in->display_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, in->title, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, in->n_pages);
  sqlite3_bind_int (stmt, 6, in->encrypted);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!_esc_store_step_done (self, stmt, error) ||
      !index_pages (self, uuid, in->page_texts, error) ||
      !_esc_store_record_history (self, "document", uuid, "file", NULL, in->display_name, NULL, error))
    return NULL;

  return lookup_document (self, "d.uuid = ?1", uuid, error);
}

/**
 * esc_store_add_document:
 *
 * Returns: (transfer full): the document holding the file's bytes, or NULL with error set.
 */
EscDocument *
esc_store_add_document (EscStore     *self,
                        GFile        *file,
                        const char   *password,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_auto (Incoming)       in = { 0 };
  g_autoptr (EscDocument) document = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!read_incoming (file, password, &in, cancellable, error))
    return NULL;

  if (!_esc_store_begin (self, error))
    return NULL;
  document = add_document_locked (self, file, &in, cancellable, error);
  if (document == NULL || !_esc_store_commit (self, error))
    {
      fail (self, TRUE);
      return NULL;
    }
  return g_steal_pointer (&document);
}

static EscLink *
lookup_link (EscStore   *self,
             const char *link_uuid,
             GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean                 has_row;
  EscLink                 *link;

  stmt = _esc_store_prepare (self,
                             "SELECT l.uuid, l.assessment_uuid, l.item_code, l.pages, l.caption, "
                             "l.created_at, l.updated_at, " DOCUMENT_COLUMNS " "
                             "FROM links l JOIN documents d ON d.uuid = l.document_uuid "
                             "JOIN blobs b ON b.sha256 = d.sha256 WHERE l.uuid = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, link_uuid, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                           _ ("The link to this document no longer exists."));
      return NULL;
    }

  link = g_new0 (EscLink, 1);
  link->uuid = _esc_column_dup (stmt, 0);
  link->assessment_uuid = _esc_column_dup (stmt, 1);
  link->item_code = _esc_column_dup (stmt, 2);
  link->pages = _esc_column_dup (stmt, 3);
  link->caption = _esc_column_dup (stmt, 4);
  link->created_at = sqlite3_column_int64 (stmt, 5);
  link->updated_at = sqlite3_column_int64 (stmt, 6);
  link->document = read_document (stmt, 7);
  return link;
}

static char *
check_pages (const EscDocument *document,
             const char        *pages,
             GError           **error)
{
  g_autoptr (GError) local_error = NULL;
  char              *canonical;

  canonical = esc_page_ranges_normalize (pages != NULL ? pages : "", document->n_pages, &local_error);
  if (canonical == NULL)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("The pages of “%s” are not right: %s"), document->title, local_error->message);
      return NULL;
    }
  if (canonical[0] != '\0' && !g_str_equal (document->mime_type, "application/pdf"))
    {
      g_free (canonical);
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("“%s” is a photo: it has no pages to choose."), document->title);
      return NULL;
    }
  return canonical;
}

/* The assessment exists and its framework has the item. */
static gboolean
check_item (EscStore   *self,
            const char *assessment_uuid,
            const char *item_code,
            GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (EscFramework) framework = NULL;
  gboolean                 has_row;

  stmt = _esc_store_prepare (self, "SELECT framework_uuid FROM assessments WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, assessment_uuid, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("There is no assessment “%s” in this workspace."), assessment_uuid);
      return FALSE;
    }

  framework = esc_store_get_framework (self, (const char *) sqlite3_column_text (stmt, 0), error);
  if (framework == NULL)
    return FALSE;
  if (esc_framework_lookup_indicator (framework, item_code) == NULL)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("The framework of this assessment has no indicator “%s”: use a code such as 5 or 19.1."),
                   item_code);
      return FALSE;
    }
  return TRUE;
}

static EscLink *
link_document_locked (EscStore          *self,
                      const EscDocument *document,
                      const char        *assessment_uuid,
                      const char        *item_code,
                      const char        *pages,
                      const char        *caption,
                      GError           **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char         *canonical = NULL;
  g_autofree char         *uuid = NULL;
  g_autofree char         *what = NULL;
  gint64                   now = _esc_now ();

  if (item_code == NULL || item_code[0] == '\0')
    {
      g_set_error_literal (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                           _ ("Choose the indicator the document is evidence for."));
      return NULL;
    }
  if (!check_item (self, assessment_uuid, item_code, error))
    return NULL;
  canonical = check_pages (document, pages, error);
  if (canonical == NULL)
    return NULL;

  uuid = _esc_uuid_new ();
  stmt = _esc_store_prepare (self,
                             "INSERT INTO links (uuid, document_uuid, assessment_uuid, item_code, pages, caption, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, document->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, assessment_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, item_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, canonical, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, caption != NULL ? caption : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  what = g_strdup_printf ("%s %s %s", item_code, document->sha256, canonical);
  if (!_esc_store_step_done (self, stmt, error) ||
      !_esc_store_record_history (self, "link", uuid, "link", NULL, g_strstrip (what), NULL, error))
    return NULL;

  return lookup_link (self, uuid, error);
}

/**
 * esc_store_link_document:
 *
 * Returns: (transfer full): the new link, or NULL with error set.
 */
EscLink *
esc_store_link_document (EscStore   *self,
                         const char *document_uuid,
                         const char *assessment_uuid,
                         const char *item_code,
                         const char *pages,
                         const char *caption,
                         GError    **error)
{
  g_autoptr (EscDocument) document = NULL;
  g_autoptr (EscLink)     link = NULL;
  g_autoptr (GError)      local_error = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (document_uuid != NULL, NULL);
  g_return_val_if_fail (assessment_uuid != NULL, NULL);

  if (!_esc_store_begin (self, error))
    return NULL;
  document = lookup_document (self, "d.uuid = ?1", document_uuid, &local_error);
  if (document == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                             _ ("The document is no longer in the workspace."));
      fail (self, TRUE);
      return NULL;
    }
  link = link_document_locked (self, document, assessment_uuid, item_code, pages, caption, error);
  if (link == NULL || !_esc_store_commit (self, error))
    {
      fail (self, TRUE);
      return NULL;
    }
  return g_steal_pointer (&link);
}

/**
 * esc_store_attach_file:
 *
 * Returns: (transfer full): the new link, or NULL with error set and nothing changed.
 */
EscLink *
esc_store_attach_file (EscStore     *self,
                       GFile        *file,
                       const char   *password,
                       const char   *assessment_uuid,
                       const char   *item_code,
                       const char   *pages,
                       const char   *caption,
                       GCancellable *cancellable,
                       GError      **error)
{
  return esc_store_attach_file_with_progress (self, file, password, assessment_uuid, item_code, pages, caption,
                                              NULL, NULL, cancellable, error);
}

/**
 * esc_store_attach_file_with_progress:
 *
 * esc_store_attach_file(), calling progress on this thread as the file's bytes are read
 * and copied (about every 4 MB, and once at the end with done equal to total).
 *
 * Returns: (transfer full): the new link, or NULL with error set and nothing changed.
 */
EscLink *
esc_store_attach_file_with_progress (EscStore             *self,
                                     GFile                *file,
                                     const char           *password,
                                     const char           *assessment_uuid,
                                     const char           *item_code,
                                     const char           *pages,
                                     const char           *caption,
                                     EscAttachProgressFunc progress,
                                     gpointer              progress_data,
                                     GCancellable         *cancellable,
                                     GError              **error)
{
  g_auto (Incoming)       in = { 0 };
  g_autoptr (EscDocument) document = NULL;
  g_autoptr (EscLink)     link = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (assessment_uuid != NULL, NULL);

  in.progress = progress;
  in.progress_data = progress_data;
  if (!read_incoming (file, password, &in, cancellable, error))
    return NULL;

  if (!_esc_store_begin (self, error))
    return NULL;
  document = add_document_locked (self, file, &in, cancellable, error);
  if (document != NULL)
    link = link_document_locked (self, document, assessment_uuid, item_code, pages, caption, error);
  if (link == NULL || !_esc_store_commit (self, error))
    {
      fail (self, TRUE);
      return NULL;
    }
  /* Bytes already in the workspace are not copied again: done all the same. */
  report_progress (&in, in.total);
  return g_steal_pointer (&link);
}

/**
 * esc_store_get_document:
 *
 * Returns: (transfer full): the document, or NULL with error set.
 */
EscDocument *
esc_store_get_document (EscStore   *self,
                        const char *id,
                        GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (EscDocument)  document = NULL;
  g_autofree char         *prefix = NULL;
  gboolean                 has_row;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (strlen (id) < 4)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("“%s” is too short to name a document: give at least 4 characters of its id or SHA-256."),
                   id);
      return NULL;
    }

  prefix = g_ascii_strdown (id, -1);
  stmt = _esc_store_prepare (self,
                             "SELECT " DOCUMENT_COLUMNS " FROM documents d JOIN blobs b ON b.sha256 = d.sha256 "
                             "WHERE d.uuid = ?1 OR d.sha256 = ?1 OR substr (d.uuid, 1, length (?1)) = ?1 "
                             "OR substr (d.sha256, 1, length (?1)) = ?1 "
                             "ORDER BY d.uuid = ?1 OR d.sha256 = ?1 DESC, d.created_at LIMIT 2",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("There is no document “%s” in this workspace."), id);
      return NULL;
    }
  document = read_document (stmt, 0);
  if (!g_str_equal (document->uuid, prefix) && !g_str_equal (document->sha256, prefix))
    {
      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      /* Several documents over the same bytes are one answer for a SHA-256 prefix. */
      if (has_row && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), document->sha256) != 0)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_AMBIGUOUS,
                       _ ("“%s” names more than one document: give more characters."), id);
          return NULL;
        }
    }
  return g_steal_pointer (&document);
}

/**
 * esc_store_list_documents:
 *
 * Returns: (transfer full) (element-type EscDocument): every document, by title.
 */
GPtrArray *
esc_store_list_documents (EscStore *self,
                          GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    documents = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_document_free);
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT " DOCUMENT_COLUMNS " FROM documents d JOIN blobs b ON b.sha256 = d.sha256 "
                             "ORDER BY d.title, d.created_at",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, read_document (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&documents);
}

gboolean
esc_store_rename_document (EscStore   *self,
                           const char *document_uuid,
                           const char *title,
                           GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (EscDocument)  document = NULL;
  g_autoptr (GError)       local_error = NULL;
  g_autofree char         *clean = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (document_uuid != NULL, FALSE);

  clean = g_strstrip (g_strdup (title != NULL ? title : ""));
  if (clean[0] == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error_literal (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                           _ ("A document needs a title: type one."));
      return FALSE;
    }

  if (!_esc_store_begin (self, error))
    return FALSE;
  document = lookup_document (self, "d.uuid = ?1", document_uuid, &local_error);
  if (document == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                             _ ("The document is no longer in the workspace."));
      return fail (self, TRUE);
    }
  if (g_str_equal (document->title, clean))
    return _esc_store_commit (self, error);

  stmt = _esc_store_prepare (self, "UPDATE documents SET title = ?, updated_at = ? WHERE uuid = ?", error);
  if (stmt == NULL)
    return fail (self, TRUE);
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, _esc_now ());
  sqlite3_bind_text (stmt, 3, document_uuid, -1, SQLITE_STATIC);
  if (!_esc_store_step_done (self, stmt, error) ||
      !_esc_store_record_history (self, "document", document_uuid, "title", document->title, clean, NULL, error) ||
      !_esc_store_commit (self, error))
    return fail (self, TRUE);
  return TRUE;
}

static gboolean
exec_bound (EscStore   *self,
            const char *sql,
            const char *value,
            GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = _esc_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  return _esc_store_step_done (self, stmt, error);
}

gboolean
esc_store_remove_document (EscStore   *self,
                           const char *document_uuid,
                           GError    **error)
{
  g_autoptr (EscDocument) document = NULL;
  g_autoptr (GError)      local_error = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (document_uuid != NULL, FALSE);

  if (!_esc_store_begin (self, error))
    return FALSE;
  document = lookup_document (self, "d.uuid = ?1", document_uuid, &local_error);
  if (document == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                             _ ("The document is no longer in the workspace."));
      return fail (self, TRUE);
    }
  if (document->n_links > 0)
    {
      g_set_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is still evidence for %u indicator: unlink it first.",
                                "“%s” is still evidence for %u indicators: unlink it first.",
                                document->n_links),
                   document->title, document->n_links);
      return fail (self, TRUE);
    }

  if (!exec_bound (self, "DELETE FROM page_search WHERE document_uuid = ?", document_uuid, error) ||
      !exec_bound (self, "DELETE FROM documents WHERE uuid = ?", document_uuid, error) ||
      !exec_bound (self,
                   "DELETE FROM blobs WHERE sha256 = ?1 "
                   "AND NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = ?1)",
                   document->sha256, error) ||
      !_esc_store_record_history (self, "document", document_uuid, "removed", document->file_name, NULL, NULL, error) ||
      !_esc_store_commit (self, error))
    return fail (self, TRUE);
  return TRUE;
}

gboolean
esc_store_update_link (EscStore   *self,
                       const char *link_uuid,
                       const char *pages,
                       const char *caption,
                       GError    **error)
{
  g_autoptr (EscLink)      link = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char         *canonical = NULL;
  const char              *new_caption;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (link_uuid != NULL, FALSE);

  if (!_esc_store_begin (self, error))
    return FALSE;
  link = lookup_link (self, link_uuid, error);
  if (link == NULL)
    return fail (self, TRUE);

  if (pages != NULL)
    {
      canonical = check_pages (link->document, pages, error);
      if (canonical == NULL)
        return fail (self, TRUE);
    }
  else
    canonical = g_strdup (link->pages);
  new_caption = caption != NULL ? caption : link->caption;

  if (g_str_equal (canonical, link->pages) && g_str_equal (new_caption, link->caption))
    return _esc_store_commit (self, error);

  stmt = _esc_store_prepare (self, "UPDATE links SET pages = ?, caption = ?, updated_at = ? WHERE uuid = ?", error);
  if (stmt == NULL)
    return fail (self, TRUE);
  sqlite3_bind_text (stmt, 1, canonical, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, new_caption, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _esc_now ());
  sqlite3_bind_text (stmt, 4, link_uuid, -1, SQLITE_STATIC);
  if (!_esc_store_step_done (self, stmt, error))
    return fail (self, TRUE);
  if (!g_str_equal (canonical, link->pages) &&
      !_esc_store_record_history (self, "link", link_uuid, "pages", link->pages, canonical, NULL, error))
    return fail (self, TRUE);
  if (!g_str_equal (new_caption, link->caption) &&
      !_esc_store_record_history (self, "link", link_uuid, "caption", link->caption, new_caption, NULL, error))
    return fail (self, TRUE);
  return _esc_store_commit (self, error) || fail (self, TRUE);
}

gboolean
esc_store_unlink (EscStore   *self,
                  const char *link_uuid,
                  GError    **error)
{
  g_autoptr (EscLink) link = NULL;
  g_autofree char    *what = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (link_uuid != NULL, FALSE);

  if (!_esc_store_begin (self, error))
    return FALSE;
  link = lookup_link (self, link_uuid, error);
  if (link == NULL)
    return fail (self, TRUE);

  what = g_strdup_printf ("%s %s %s", link->item_code, link->document->sha256, link->pages);
  if (!exec_bound (self, "DELETE FROM links WHERE uuid = ?", link_uuid, error) ||
      !_esc_store_record_history (self, "link", link_uuid, "link", g_strstrip (what), NULL, NULL, error) ||
      !_esc_store_commit (self, error))
    return fail (self, TRUE);
  return TRUE;
}

/**
 * esc_store_list_links:
 *
 * Returns: (transfer full) (element-type EscLink): the links, oldest first.
 */
GPtrArray *
esc_store_list_links (EscStore   *self,
                      const char *assessment_uuid,
                      const char *item_code,
                      GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    links = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_link_free);
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (assessment_uuid != NULL, NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT l.uuid, l.assessment_uuid, l.item_code, l.pages, l.caption, "
                             "l.created_at, l.updated_at, " DOCUMENT_COLUMNS " "
                             "FROM links l JOIN documents d ON d.uuid = l.document_uuid "
                             "JOIN blobs b ON b.sha256 = d.sha256 "
                             "WHERE l.assessment_uuid = ?1 AND (?2 IS NULL OR l.item_code = ?2) "
                             "ORDER BY l.created_at, l.rowid",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment_uuid, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 2, item_code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscLink *link = g_new0 (EscLink, 1);

      link->uuid = _esc_column_dup (stmt, 0);
      link->assessment_uuid = _esc_column_dup (stmt, 1);
      link->item_code = _esc_column_dup (stmt, 2);
      link->pages = _esc_column_dup (stmt, 3);
      link->caption = _esc_column_dup (stmt, 4);
      link->created_at = sqlite3_column_int64 (stmt, 5);
      link->updated_at = sqlite3_column_int64 (stmt, 6);
      link->document = read_document (stmt, 7);
      g_ptr_array_add (links, link);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&links);
}

/* Out again */

/**
 * esc_store_open_blob:
 *
 * Returns: (transfer full): a seekable stream over the stored bytes, or NULL with error set.
 */
GInputStream *
esc_store_open_blob (EscStore   *self,
                     const char *sha256,
                     GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  sqlite3_blob            *blob = NULL;
  gboolean                 has_row;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _esc_store_prepare (self, "SELECT rowid FROM blobs WHERE sha256 = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("The workspace holds no file with SHA-256 %s."), sha256);
      return NULL;
    }

  rc = sqlite3_blob_open (_esc_store_get_db (self), "main", "blobs", "data",
                          sqlite3_column_int64 (stmt, 0), 0, &blob);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }
  return _esc_blob_input_stream_new (self, blob);
}

gboolean
esc_store_extract_blob (EscStore     *self,
                        const char   *sha256,
                        GFile        *destination,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr (GInputStream)      input = NULL;
  g_autoptr (GFileOutputStream) output = NULL;
  g_autofree guint8            *buffer = NULL;
  g_autofree char              *extracted = NULL;
  Sha256                        checksum;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  input = esc_store_open_blob (self, sha256, error);
  if (input == NULL)
    return FALSE;
  /* Written beside the destination and renamed over it when complete. */
  output = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (output == NULL)
    return FALSE;

  buffer = g_malloc (CHUNK_SIZE);
  sha256_init (&checksum);
  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (input, buffer, CHUNK_SIZE, &n, cancellable, error))
        goto failed;
      if (n == 0)
        break;
      sha256_update (&checksum, n, buffer);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (output), buffer, n, NULL, cancellable, error))
        goto failed;
    }

  extracted = sha256_finish_hex (&checksum);
  if (g_ascii_strcasecmp (extracted, sha256) != 0)
    {
      g_set_error_literal (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                           _ ("The stored file is damaged: its contents no longer match their SHA-256."));
      goto failed;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, error);

failed:
  {
    /* Cancelling the close leaves the destination as it was. */
    g_autoptr (GCancellable) abort = g_cancellable_new ();

    g_cancellable_cancel (abort);
    g_output_stream_close (G_OUTPUT_STREAM (output), abort, NULL);
  }
  return FALSE;
}

/* Search */

/* Notes changed since the last search are listed by triggers (an FTS5 table cannot be
 * written from a trigger while trusted_schema is off) and indexed here. */
static gboolean
flush_note_index (EscStore *self,
                  GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean                 has_row;

  stmt = _esc_store_prepare (self, "SELECT 1 FROM note_search_pending LIMIT 1", error);
  if (stmt == NULL || !step_row (self, stmt, &has_row, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!has_row || esc_store_is_read_only (self))
    return TRUE;

  if (!_esc_store_begin (self, error))
    return FALSE;
  if (sqlite3_exec (_esc_store_get_db (self),
                    "DELETE FROM note_search WHERE answer_uuid IN (SELECT answer_uuid FROM note_search_pending);"
                    "INSERT INTO note_search (body, answer_uuid) "
                    "  SELECT a.note, a.uuid FROM answers a JOIN note_search_pending p ON p.answer_uuid = a.uuid"
                    "  WHERE a.note IS NOT NULL AND a.note <> '';"
                    "DELETE FROM note_search_pending;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      _esc_store_set_error (self, sqlite3_errcode (_esc_store_get_db (self)), error);
      return fail (self, TRUE);
    }
  return _esc_store_commit (self, error) || fail (self, TRUE);
}

/* A snippet around the first match, made here when SQLite cannot (short queries). */
static char *
make_snippet (const char *body,
              const char *text)
{
  g_autofree char *body_folded = g_utf8_casefold (body, -1);
  g_autofree char *text_folded = g_utf8_casefold (text, -1);
  const char      *found = strstr (body_folded, text_folded);
  glong            at, n, start, end;
  g_autofree char *before = NULL;
  g_autofree char *match = NULL;
  g_autofree char *after = NULL;

  /* Case folding keeps lengths for Thai and ASCII; for anything else fall back to the start. */
  if (found == NULL || strlen (body_folded) != strlen (body))
    return g_utf8_substring (body, 0, MIN (g_utf8_strlen (body, -1), 2 * SNIPPET_CHARS));

  at = g_utf8_pointer_to_offset (body_folded, found);
  n = g_utf8_strlen (text, -1);
  start = MAX (0, at - SNIPPET_CHARS);
  end = MIN (g_utf8_strlen (body, -1), at + n + SNIPPET_CHARS);
  before = g_utf8_substring (body, start, at);
  match = g_utf8_substring (body, at, at + n);
  after = g_utf8_substring (body, at + n, end);
  return g_strdup_printf ("%s%s[%s]%s%s", start > 0 ? "…" : "", before, match, after,
                          end < g_utf8_strlen (body, -1) ? "…" : "");
}

static char *
clean_snippet (const char *snippet)
{
  char *s = g_strdup (snippet != NULL ? snippet : "");

  /* One line: page text keeps the layout's line breaks. */
  for (char *p = s; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return s;
}

/**
 * esc_store_search:
 *
 * Returns: (transfer full) (element-type EscSearchHit): the hits, notes first.
 */
GPtrArray *
esc_store_search (EscStore   *self,
                  const char *text,
                  const char *assessment_uuid,
                  guint       limit,
                  GError    **error)
{
  g_autoptr (GPtrArray)    hits = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_search_hit_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GError)       flush_error = NULL;
  g_autofree char         *query = NULL;
  g_autofree char         *needle = NULL;
  g_autofree char         *phrase = NULL;
  gboolean                 use_match;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (limit == 0)
    limit = 200;
  needle = g_strstrip (g_strdup (text));
  if (needle[0] == '\0' || !g_utf8_validate (needle, -1, NULL))
    return g_steal_pointer (&hits);

  /* Notes not indexed yet are still found below, by scanning them. */
  if (!flush_note_index (self, &flush_error))
    g_debug ("The note index was not brought up to date: %s", flush_error->message);

  /* The trigram index answers substrings of 3 characters or more; shorter ones scan. */
  use_match = g_utf8_strlen (needle, -1) >= 3;
  {
    g_auto (GStrv)   parts = g_strsplit (needle, "\"", -1);
    g_autofree char *escaped = g_strjoinv ("\"\"", parts);

    phrase = g_strdup_printf ("\"%s\"", escaped);
  }

  if (use_match)
    query = g_strdup ("SELECT a.assessment_uuid, a.item_code, snippet (note_search, 0, '[', ']', '…', " G_STRINGIFY (SNIPPET_TOKENS) "), a.note "
                                                                                                                                     "FROM note_search JOIN answers a ON a.uuid = note_search.answer_uuid "
                                                                                                                                     "WHERE note_search MATCH ?1 AND (?2 IS NULL OR a.assessment_uuid = ?2) "
                                                                                                                                     "AND a.uuid NOT IN (SELECT answer_uuid FROM note_search_pending) "
                                                                                                                                     "UNION ALL "
                                                                                                                                     "SELECT a.assessment_uuid, a.item_code, NULL, a.note FROM answers a "
                                                                                                                                     "JOIN note_search_pending p ON p.answer_uuid = a.uuid "
                                                                                                                                     "WHERE instr (lower (a.note), lower (?3)) > 0 AND (?2 IS NULL OR a.assessment_uuid = ?2) "
                                                                                                                                     "LIMIT ?4");
  else
    query = g_strdup ("SELECT a.assessment_uuid, a.item_code, NULL, a.note FROM answers a "
                      "WHERE ?1 IS NOT NULL AND instr (lower (a.note), lower (?3)) > 0 "
                      "AND (?2 IS NULL OR a.assessment_uuid = ?2) "
                      "ORDER BY a.assessment_uuid, a.item_code LIMIT ?4");
  stmt = _esc_store_prepare (self, query, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 2, assessment_uuid);
  sqlite3_bind_text (stmt, 3, needle, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscSearchHit *hit = g_new0 (EscSearchHit, 1);

      hit->kind = ESC_SEARCH_HIT_NOTE;
      hit->assessment_uuid = _esc_column_dup (stmt, 0);
      hit->item_code = _esc_column_dup (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        hit->snippet = clean_snippet ((const char *) sqlite3_column_text (stmt, 2));
      else
        {
          g_autofree char *snippet = make_snippet ((const char *) sqlite3_column_text (stmt, 3), needle);

          hit->snippet = clean_snippet (snippet);
        }
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&query, g_free);

  if (hits->len >= limit)
    return g_steal_pointer (&hits);

  if (use_match)
    query = g_strdup ("SELECT d.uuid, d.title, page_search.page, "
                      "snippet (page_search, 0, '[', ']', '…', " G_STRINGIFY (SNIPPET_TOKENS) "), NULL "
                                                                                              "FROM page_search JOIN documents d ON d.uuid = page_search.document_uuid "
                                                                                              "WHERE page_search MATCH ?1 AND (?2 IS NULL OR EXISTS "
                                                                                              "(SELECT 1 FROM links l WHERE l.document_uuid = d.uuid AND l.assessment_uuid = ?2)) "
                                                                                              "ORDER BY d.title, d.uuid, page_search.page LIMIT ?4");
  else
    query = g_strdup ("SELECT d.uuid, d.title, page_search.page, NULL, page_search.body "
                      "FROM page_search JOIN documents d ON d.uuid = page_search.document_uuid "
                      "WHERE ?1 IS NOT NULL AND instr (lower (page_search.body), lower (?3)) > 0 "
                      "AND (?2 IS NULL OR EXISTS "
                      "(SELECT 1 FROM links l WHERE l.document_uuid = d.uuid AND l.assessment_uuid = ?2)) "
                      "ORDER BY d.title, d.uuid, page_search.page LIMIT ?4");
  stmt = _esc_store_prepare (self, query, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 2, assessment_uuid);
  sqlite3_bind_text (stmt, 3, needle, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, limit - hits->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscSearchHit *hit = g_new0 (EscSearchHit, 1);

      hit->kind = ESC_SEARCH_HIT_PAGE;
      hit->document_uuid = _esc_column_dup (stmt, 0);
      hit->title = _esc_column_dup (stmt, 1);
      hit->page = sqlite3_column_int (stmt, 2);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        hit->snippet = clean_snippet ((const char *) sqlite3_column_text (stmt, 3));
      else
        {
          g_autofree char *snippet = make_snippet ((const char *) sqlite3_column_text (stmt, 4), needle);

          hit->snippet = clean_snippet (snippet);
        }
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}

/* Loading a stored PDF for the preview */

/* Stored PDFs up to this size are read into memory to be shown. */
#define IN_MEMORY_PDF_SIZE (4 * 1024 * 1024)

typedef struct
{
  char *store_path;
  char *sha256;
} BlobSource;

static void
blob_source_free (gpointer data)
{
  BlobSource *source = data;

  g_free (source->store_path);
  g_free (source->sha256);
  g_free (source);
}

/* Runs on the PDF document's worker thread: the connection is that thread's own. */
static GInputStream *
open_blob_source (gpointer      user_data,
                  GCancellable *cancellable,
                  GError      **error)
{
  BlobSource              *source = user_data;
  g_autoptr (EscStore)     store = NULL;

  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GBytes)       bytes = NULL;
  g_autofree guint8       *data = NULL;
  gsize                    length = 0;
  goffset                  size;

  store = esc_store_open (source->store_path, ESC_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return NULL;
  stream = esc_store_open_blob (store, source->sha256, error);
  if (stream == NULL || !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_END, cancellable, error))
    return NULL;
  size = g_seekable_tell (G_SEEKABLE (stream));
  if (size > IN_MEMORY_PDF_SIZE)
    return g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error) ? g_steal_pointer (&stream) : NULL;

  /* A small document is read at once: Poppler reads it from memory, and the workspace is
   * let go of now rather than held (an open blob keeps a read of the file going, which
   * stops the WAL from being checkpointed past it) for as long as the document is open. */
  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return NULL;
  data = g_malloc (MAX (size, 1));
  if (!g_input_stream_read_all (stream, data, size, &length, cancellable, error))
    return NULL;
  if ((goffset) length != size)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("The stored file could not be read from the workspace."));
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  return g_memory_input_stream_new_from_bytes (bytes);
}

void
esc_evidence_load_pdf_async (const char         *store_path,
                             const char         *sha256,
                             const char         *password,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  BlobSource *source;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (sha256 != NULL);

  source = g_new0 (BlobSource, 1);
  source->store_path = g_strdup (store_path);
  source->sha256 = g_strdup (sha256);
  esc_pdf_document_load_stream_async (open_blob_source, source, blob_source_free, password,
                                      cancellable, callback, user_data);
}
