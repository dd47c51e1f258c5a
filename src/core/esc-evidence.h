/* esc-evidence.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Evidence inside the workspace: the bytes of each file stored once per SHA-256 and
 * streamed in and out with SQLite's incremental blob I/O (memory does not grow with the
 * file), documents over those bytes, links from an indicator to a document and its pages,
 * and a trigram full-text index of PDF page text and notes.
 */
#pragma once

#include <gio/gio.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_EVIDENCE_ERROR    (esc_evidence_error_quark ())
/* The largest file that can be attached. */
#define ESC_EVIDENCE_MAX_SIZE ((goffset) 512 * 1024 * 1024)

typedef enum
{
  ESC_EVIDENCE_ERROR_TOO_LARGE,   /* over ESC_EVIDENCE_MAX_SIZE */
  ESC_EVIDENCE_ERROR_UNSUPPORTED, /* not a PDF, JPEG or PNG */
  ESC_EVIDENCE_ERROR_IN_USE,      /* removing a document that is still linked */
  ESC_EVIDENCE_ERROR_CHANGED,     /* the file changed while it was being read */
} EscEvidenceError;

typedef struct
{
  char    *uuid;
  char    *sha256;    /* lower-case hex */
  char    *file_name; /* as it was attached */
  char    *title;
  char    *mime_type; /* "application/pdf", "image/jpeg", "image/png" */
  gint64   size;
  guint    n_pages;   /* 0 when unknown (a PDF attached without its password) */
  gboolean encrypted;
  guint    n_links;
  gint64   created_at;
  gint64   updated_at;
} EscDocument;

typedef struct
{
  char        *uuid;
  char        *assessment_uuid;
  char        *item_code;
  char        *pages;   /* canonical page ranges, "" for the whole document */
  char        *caption;
  gint64       created_at;
  gint64       updated_at;
  EscDocument *document;
} EscLink;

typedef enum
{
  ESC_SEARCH_HIT_NOTE, /* an indicator's note */
  ESC_SEARCH_HIT_PAGE, /* a page of a PDF */
} EscSearchHitKind;

typedef struct
{
  EscSearchHitKind kind;
  char            *assessment_uuid; /* notes */
  char            *item_code;       /* notes */
  char            *document_uuid;   /* pages */
  char            *title;           /* pages: the document's title */
  guint            page;            /* pages: 1-based */
  char            *snippet;         /* the text around the match, the match in [brackets] */
} EscSearchHit;

GQuark        esc_evidence_error_quark       (void);

/* Reads file once to hash it, checks it (size limit, type, a PDF that opens), then streams
 * it into the workspace unless the same bytes are already there, and adds a document for
 * it (or returns the one that exists). An encrypted PDF is accepted: with its password its
 * pages are counted and indexed, without it they are not; the password is never stored. */
EscDocument  *esc_store_add_document         (EscStore      *self,
                                              GFile         *file,
                                              const char    *password,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* esc_store_add_document() and esc_store_link_document() as one change. */
EscLink      *esc_store_attach_file          (EscStore      *self,
                                              GFile         *file,
                                              const char    *password,
                                              const char    *assessment_uuid,
                                              const char    *item_code,
                                              const char    *pages,
                                              const char    *caption,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* Told how far an attach has gone: done of total (bytes read to check the file and
 * copied into the workspace, so twice its size), on the thread attaching. */
typedef void (*EscAttachProgressFunc) (goffset  done,
                                       goffset  total,
                                       gpointer user_data);
EscLink      *esc_store_attach_file_with_progress (EscStore             *self,
                                                   GFile                *file,
                                                   const char           *password,
                                                   const char           *assessment_uuid,
                                                   const char           *item_code,
                                                   const char           *pages,
                                                   const char           *caption,
                                                   EscAttachProgressFunc progress,
                                                   gpointer              progress_data,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
/* id is a document uuid, a SHA-256, or a unique prefix of either (at least 4 characters). */
EscDocument  *esc_store_get_document         (EscStore      *self,
                                              const char    *id,
                                              GError       **error);
GPtrArray    *esc_store_list_documents       (EscStore      *self,
                                              GError       **error);
gboolean      esc_store_rename_document      (EscStore      *self,
                                              const char    *document_uuid,
                                              const char    *title,
                                              GError       **error);
/* Refuses (ESC_EVIDENCE_ERROR_IN_USE) while any link names the document; the stored bytes
 * go too when no other document uses them. */
gboolean      esc_store_remove_document      (EscStore      *self,
                                              const char    *document_uuid,
                                              GError       **error);

/* pages: "3-5, 9", checked against the document; NULL or "" for the whole document. */
EscLink      *esc_store_link_document        (EscStore      *self,
                                              const char    *document_uuid,
                                              const char    *assessment_uuid,
                                              const char    *item_code,
                                              const char    *pages,
                                              const char    *caption,
                                              GError       **error);
gboolean      esc_store_update_link          (EscStore      *self,
                                              const char    *link_uuid,
                                              const char    *pages,
                                              const char    *caption,
                                              GError       **error);
gboolean      esc_store_unlink               (EscStore      *self,
                                              const char    *link_uuid,
                                              GError       **error);
/* The links of an assessment, of one item when item_code is not NULL, oldest first. */
GPtrArray    *esc_store_list_links           (EscStore      *self,
                                              const char    *assessment_uuid,
                                              const char    *item_code,
                                              GError       **error);

/* A seekable stream over the stored bytes; use it on the thread that opened the store. */
GInputStream *esc_store_open_blob            (EscStore      *self,
                                              const char    *sha256,
                                              GError       **error);
/* Writes the stored bytes to destination (replacing it), checking their SHA-256. */
gboolean      esc_store_extract_blob         (EscStore      *self,
                                              const char    *sha256,
                                              GFile         *destination,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* Notes and PDF pages containing text (any substring, Thai included), notes first;
 * assessment_uuid limits the hits to one assessment and the documents it links. */
GPtrArray    *esc_store_search               (EscStore      *self,
                                              const char    *text,
                                              const char    *assessment_uuid,
                                              guint          limit,
                                              GError       **error);

/* Opens a stored PDF on a new EscPdfDocument's worker thread, through a second connection
 * to the workspace at store_path. */
void          esc_evidence_load_pdf_async    (const char         *store_path,
                                              const char         *sha256,
                                              const char         *password,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);

EscDocument  *esc_document_copy              (const EscDocument *document);
void          esc_document_free              (EscDocument   *document);
void          esc_link_free                  (EscLink       *link);
void          esc_search_hit_free            (EscSearchHit  *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscDocument, esc_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscLink, esc_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscSearchHit, esc_search_hit_free)

G_END_DECLS
