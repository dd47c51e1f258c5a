/* esc-pdf-thumbnail.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the preview's page strip: the page's thumbnail and its label, in one widget
 * whose size depends only on the page's shape. A thumbnail that arrives is only drawn: it
 * never lays the strip out again.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ESC_TYPE_PDF_THUMBNAIL (esc_pdf_thumbnail_get_type ())
G_DECLARE_FINAL_TYPE (EscPdfThumbnail, esc_pdf_thumbnail, ESC, PDF_THUMBNAIL, GtkWidget)

GtkWidget  *esc_pdf_thumbnail_new         (int              width);
/* The page's label and size (points): the thumbnail is width wide, of the page's shape. */
void        esc_pdf_thumbnail_set_page    (EscPdfThumbnail *self,
                                           const char      *label,
                                           double           page_width,
                                           double           page_height);
/* NULL: a white sheet until the thumbnail is drawn. */
void        esc_pdf_thumbnail_set_texture (EscPdfThumbnail *self,
                                           GdkTexture      *texture);
GdkTexture *esc_pdf_thumbnail_get_texture (EscPdfThumbnail *self);

G_END_DECLS
