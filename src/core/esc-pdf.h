/* esc-pdf.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PopplerDocument with its own worker thread. Poppler is not safe to use from two
 * threads on one document, so every Poppler call for a document runs on that document's
 * thread, in priority order; page sizes are read once at load so layout never waits.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define ESC_PDF_ERROR (esc_pdf_error_quark ())

typedef enum
{
  ESC_PDF_ERROR_NEEDS_PASSWORD, /* encrypted, and no password was given */
  ESC_PDF_ERROR_WRONG_PASSWORD, /* encrypted, and the password given is not right */
  ESC_PDF_ERROR_DAMAGED,        /* a PDF, but Poppler cannot read it */
  ESC_PDF_ERROR_NOT_PDF,        /* the content is not a PDF (empty, text, an image…) */
  ESC_PDF_ERROR_RENDER,         /* a page could not be drawn */
} EscPdfError;

/* Job priorities, most urgent first. */
typedef enum
{
  ESC_PDF_PRIORITY_URGENT, /* the page on screen */
  ESC_PDF_PRIORITY_HIGH,   /* thumbnails in view */
  ESC_PDF_PRIORITY_LOW,    /* preloading, text extraction */
} EscPdfPriority;

/* Opens the bytes of a document; runs on the document's worker thread, so it may block.
 * The stream must be seekable (GSeekable). */
typedef GInputStream *(*EscPdfOpenFunc) (gpointer       user_data,
                                         GCancellable  *cancellable,
                                         GError       **error);

#define ESC_TYPE_PDF_DOCUMENT (esc_pdf_document_get_type ())
G_DECLARE_FINAL_TYPE (EscPdfDocument, esc_pdf_document, ESC, PDF_DOCUMENT, GObject)

GQuark           esc_pdf_error_quark                 (void);

/* "application/pdf", "image/jpeg", "image/png", or NULL, from the first bytes. */
const char      *esc_pdf_sniff_mime_type             (const guint8          *data,
                                                      gsize                  length);

/* Synchronous loads (for the command line and workers): block until the document is open. */
EscPdfDocument  *esc_pdf_document_new_from_file      (GFile                 *file,
                                                      const char            *password,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
EscPdfDocument  *esc_pdf_document_new_from_bytes     (GBytes                *bytes,
                                                      const char            *password,
                                                      GCancellable          *cancellable,
                                                      GError               **error);

void             esc_pdf_document_load_file_async    (GFile                 *file,
                                                      const char            *password,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
void             esc_pdf_document_load_bytes_async   (GBytes                *bytes,
                                                      const char            *password,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
/* open_func runs on the new document's worker thread; data is freed there too. */
void             esc_pdf_document_load_stream_async  (EscPdfOpenFunc         open_func,
                                                      gpointer               open_data,
                                                      GDestroyNotify         open_data_free,
                                                      const char            *password,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
EscPdfDocument  *esc_pdf_document_load_finish        (GAsyncResult          *result,
                                                      GError               **error);

guint            esc_pdf_document_get_n_pages        (EscPdfDocument        *self);
/* page is 0-based; sizes in PDF points (1/72 in). */
void             esc_pdf_document_get_page_size      (EscPdfDocument        *self,
                                                      guint                  page,
                                                      double                *width,
                                                      double                *height);
const char      *esc_pdf_document_get_title          (EscPdfDocument        *self);
/* Page label as the document numbers it ("iv", "12"), or the 1-based number. */
const char      *esc_pdf_document_get_page_label     (EscPdfDocument        *self,
                                                      guint                  page);

/* Renders at scale (1.0 = 72 dpi) onto white paper: an ARGB32 image surface. */
cairo_surface_t *esc_pdf_document_render_page        (EscPdfDocument        *self,
                                                      guint                  page,
                                                      double                 scale,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
void             esc_pdf_document_render_page_async  (EscPdfDocument        *self,
                                                      guint                  page,
                                                      double                 scale,
                                                      EscPdfPriority         priority,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
cairo_surface_t *esc_pdf_document_render_page_finish (EscPdfDocument        *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

/* From now on the document's worker gives way to the other threads of the process and of
 * the machine (a lower scheduling priority): for work nobody is waiting for, such as
 * thumbnails, so that it does not slow the window down or the page on screen. */
void             esc_pdf_document_set_background     (EscPdfDocument        *self);

/* The text of one page (UTF-8, may be empty). */
char            *esc_pdf_document_get_page_text      (EscPdfDocument        *self,
                                                      guint                  page,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
/* The text of every page, one string per page. */
GStrv            esc_pdf_document_get_text           (EscPdfDocument        *self,
                                                      GCancellable          *cancellable,
                                                      GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

G_END_DECLS
