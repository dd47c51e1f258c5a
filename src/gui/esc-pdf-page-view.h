/* esc-pdf-page-view.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PDF page drawn from a texture, sized by a zoom mode. The texture may be of another
 * scale than the one shown (it is stretched until a sharper one arrives).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A texture may carry the cairo image surface it was made from under this key (object
 * data); the page view then paints that surface directly with the cairo renderer. */
#define ESC_PDF_PAGE_VIEW_SURFACE_KEY "esc-surface"

typedef enum
{
  ESC_ZOOM_FIT_WIDTH,
  ESC_ZOOM_FIT_PAGE,
  ESC_ZOOM_FREE,
} EscZoomMode;

#define ESC_TYPE_PDF_PAGE_VIEW (esc_pdf_page_view_get_type ())
G_DECLARE_FINAL_TYPE (EscPdfPageView, esc_pdf_page_view, ESC, PDF_PAGE_VIEW, GtkWidget)

GtkWidget   *esc_pdf_page_view_new            (void);
/* Page size in points; 0×0 shows nothing. */
void         esc_pdf_page_view_set_page_size  (EscPdfPageView *self,
                                               double          width,
                                               double          height);
void         esc_pdf_page_view_set_texture    (EscPdfPageView *self,
                                               GdkTexture     *texture);
GdkTexture  *esc_pdf_page_view_get_texture    (EscPdfPageView *self);
void         esc_pdf_page_view_set_zoom       (EscPdfPageView *self,
                                               EscZoomMode     mode,
                                               double          scale);
EscZoomMode  esc_pdf_page_view_get_zoom_mode  (EscPdfPageView *self);
/* The scale the page is shown at now (1.0 = 72 dpi, in logical pixels). */
double       esc_pdf_page_view_get_scale      (EscPdfPageView *self);
double       esc_pdf_page_view_predict_scale      (EscPdfPageView *self,
                                                   double          page_width,
                                                   double          page_height,
                                                   int             width,
                                                   int             height);

G_END_DECLS
