/* esc-pdf-preview.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evidence preview pane: page thumbnails, the page, zoom and paging. Pages are drawn
 * on the document's own worker thread; thumbnails only for rows on screen.
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-evidence.h"
#include "esc-pdf-page-view.h"

G_BEGIN_DECLS

#define ESC_TYPE_PDF_PREVIEW (esc_pdf_preview_get_type ())
G_DECLARE_FINAL_TYPE (EscPdfPreview, esc_pdf_preview, ESC, PDF_PREVIEW, GtkBox)

GtkWidget         *esc_pdf_preview_new                (void);
/* Shows a stored document; pages ("3-5, 9") are the linked pages, the first one opened. */
void               esc_pdf_preview_show_document      (EscPdfPreview     *self,
                                                       const char        *store_path,
                                                       const EscDocument *document,
                                                       const char        *pages);
/* Shows a stored document at page (1-based), e.g. from a search hit. */
void               esc_pdf_preview_show_page          (EscPdfPreview     *self,
                                                       const char        *store_path,
                                                       const EscDocument *document,
                                                       guint              page);
/* Shows nothing, and closes the documents kept open for selecting them again. */
void               esc_pdf_preview_clear              (EscPdfPreview     *self);
/* Tries a password for the locked document (what the password dialog does). */
void               esc_pdf_preview_unlock             (EscPdfPreview     *self,
                                                       const char        *password);

/* For tests and the benchmark. */
const char        *esc_pdf_preview_get_sha256         (EscPdfPreview     *self);
guint              esc_pdf_preview_get_n_pages        (EscPdfPreview     *self);
/* 0-based. */
guint              esc_pdf_preview_get_page           (EscPdfPreview     *self);
void               esc_pdf_preview_set_page           (EscPdfPreview     *self,
                                                       guint              page);
/* TRUE once the current page is drawn at the current zoom. */
gboolean           esc_pdf_preview_is_page_ready      (EscPdfPreview     *self);
/* "document", "loading", "locked" or "error". */
const char        *esc_pdf_preview_get_state          (EscPdfPreview     *self);
const char        *esc_pdf_preview_get_message        (EscPdfPreview     *self);
guint              esc_pdf_preview_get_n_thumbnails   (EscPdfPreview     *self);
EscPdfPageView    *esc_pdf_preview_get_page_view      (EscPdfPreview     *self);
GtkWidget         *esc_pdf_preview_get_thumbnail_list (EscPdfPreview     *self);

G_END_DECLS
