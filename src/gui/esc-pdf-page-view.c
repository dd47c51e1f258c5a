/* esc-pdf-page-view.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "esc-pdf-page-view.h"

#define MARGIN 12

struct _EscPdfPageView
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  double      page_width;
  double      page_height;
  EscZoomMode mode;
  double      free_scale;
  double      scale; /* as laid out last */
};

G_DEFINE_FINAL_TYPE (EscPdfPageView, esc_pdf_page_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
scale_for_page (EscPdfPageView *self,
                double          page_width,
                double          page_height,
                int             width,
                int             height)
{
  double sw, sh;

  if (page_width <= 0 || page_height <= 0)
    return 1.0;
  sw = MAX (1, width - 2 * MARGIN) / page_width;
  sh = MAX (1, height - 2 * MARGIN) / page_height;
  switch (self->mode)
    {
    case ESC_ZOOM_FIT_WIDTH:
      return sw;
    case ESC_ZOOM_FIT_PAGE:
      return MIN (sw, sh);
    case ESC_ZOOM_FREE:
    default:
      return self->free_scale;
    }
}

static double
scale_for (EscPdfPageView *self,
           int             width,
           int             height)
{
  return scale_for_page (self, self->page_width, self->page_height, width, height);
}

static GtkSizeRequestMode
esc_pdf_page_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
esc_pdf_page_view_measure (GtkWidget     *widget,
                           GtkOrientation orientation,
                           int            for_size,
                           int           *minimum,
                           int           *natural,
                           int           *minimum_baseline,
                           int           *natural_baseline)
{
  EscPdfPageView *self = ESC_PDF_PAGE_VIEW (widget);
  int             size = 1;

  if (self->page_width > 0)
    switch (self->mode)
      {
      case ESC_ZOOM_FREE:
        size = (int) ((orientation == GTK_ORIENTATION_HORIZONTAL ? self->page_width : self->page_height) * self->free_scale) + 2 * MARGIN;
        break;
      case ESC_ZOOM_FIT_WIDTH:
        if (orientation == GTK_ORIENTATION_VERTICAL && for_size > 0)
          size = (int) (self->page_height * MAX (1, for_size - 2 * MARGIN) / self->page_width) + 2 * MARGIN;
        break;
      case ESC_ZOOM_FIT_PAGE:
      default:
        break;
      }
  *minimum = *natural = size;
}

static void
esc_pdf_page_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  EscPdfPageView *self = ESC_PDF_PAGE_VIEW (widget);
  double          scale = scale_for (self, width, height);

  if (G_APPROX_VALUE (scale, self->scale, 1e-6))
    return;
  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

static void
esc_pdf_page_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  EscPdfPageView  *self = ESC_PDF_PAGE_VIEW (widget);
  int              width = gtk_widget_get_width (widget);
  int              height = gtk_widget_get_height (widget);
  cairo_surface_t *surface;
  GtkNative       *native;
  double           w, h, x, y;

  if (self->page_width <= 0)
    return;

  w = self->page_width * self->scale;
  h = self->page_height * self->scale;
  x = MAX (MARGIN, (width - w) / 2);
  y = self->mode == ESC_ZOOM_FIT_PAGE ? MAX (MARGIN, (height - h) / 2) : MARGIN;

  /* Paper first, so a page still being drawn is a white sheet, not a hole. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 0, 0, 0, 0.15 },
                             &GRAPHENE_RECT_INIT (x - 1, y - 1, w + 2, h + 2));
  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (x, y, w, h));
  if (self->texture == NULL)
    return;

  /* GTK 4.8's cairo renderer converts a texture to a new cairo surface each time it draws
   * it, every frame, even where nothing changed: the whole page, pixel by pixel. With the
   * surface the page was rendered to, a cairo node paints it directly, only where the
   * frame is redrawn. */
  surface = g_object_get_data (G_OBJECT (self->texture), ESC_PDF_PAGE_VIEW_SURFACE_KEY);
  native = gtk_widget_get_native (widget);
  if (surface != NULL && native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native)))
    {
      int      surface_width = cairo_image_surface_get_width (surface);
      int      surface_height = cairo_image_surface_get_height (surface);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, w, h));

      if (fabs (surface_width - w) < 1 && fabs (surface_height - h) < 1)
        {
          /* Drawn for this size: copied pixel for pixel, on whole pixels, not filtered. */
          cairo_rectangle (cr, round (x), round (y), surface_width, surface_height);
          cairo_clip (cr);
          cairo_set_source_surface (cr, surface, round (x), round (y));
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
        }
      else
        {
          cairo_translate (cr, x, y);
          cairo_scale (cr, w / surface_width, h / surface_height);
          cairo_set_source_surface (cr, surface, 0, 0);
          cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
        }
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }
  gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
esc_pdf_page_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EscPdfPageView *self = ESC_PDF_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_pdf_page_view_dispose (GObject *object)
{
  EscPdfPageView *self = ESC_PDF_PAGE_VIEW (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (esc_pdf_page_view_parent_class)->dispose (object);
}

static void
esc_pdf_page_view_class_init (EscPdfPageViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_pdf_page_view_dispose;
  object_class->get_property = esc_pdf_page_view_get_property;
  widget_class->get_request_mode = esc_pdf_page_view_get_request_mode;
  widget_class->measure = esc_pdf_page_view_measure;
  widget_class->size_allocate = esc_pdf_page_view_size_allocate;
  widget_class->snapshot = esc_pdf_page_view_snapshot;

  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "esc-pdf-page");
}

static void
esc_pdf_page_view_init (EscPdfPageView *self)
{
  self->mode = ESC_ZOOM_FIT_WIDTH;
  self->free_scale = 1.0;
  self->scale = 0;
}

GtkWidget *
esc_pdf_page_view_new (void)
{
  return g_object_new (ESC_TYPE_PDF_PAGE_VIEW, NULL);
}

void
esc_pdf_page_view_set_page_size (EscPdfPageView *self,
                                 double          width,
                                 double          height)
{
  g_return_if_fail (ESC_IS_PDF_PAGE_VIEW (self));

  if (width == self->page_width && height == self->page_height)
    return;
  self->page_width = width;
  self->page_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
esc_pdf_page_view_set_texture (EscPdfPageView *self,
                               GdkTexture     *texture)
{
  g_return_if_fail (ESC_IS_PDF_PAGE_VIEW (self));

  if (g_set_object (&self->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
esc_pdf_page_view_get_texture (EscPdfPageView *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PAGE_VIEW (self), NULL);

  return self->texture;
}

void
esc_pdf_page_view_set_zoom (EscPdfPageView *self,
                            EscZoomMode     mode,
                            double          scale)
{
  g_return_if_fail (ESC_IS_PDF_PAGE_VIEW (self));

  self->mode = mode;
  if (mode == ESC_ZOOM_FREE)
    self->free_scale = CLAMP (scale, 0.1, 8.0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

EscZoomMode
esc_pdf_page_view_get_zoom_mode (EscPdfPageView *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PAGE_VIEW (self), ESC_ZOOM_FIT_WIDTH);

  return self->mode;
}

double
esc_pdf_page_view_get_scale (EscPdfPageView *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PAGE_VIEW (self), 1.0);

  return self->scale > 0 ? self->scale : 1.0;
}

/* The scale a page of page_width × page_height would have, laid out at width × height
 * with the current zoom. */
double
esc_pdf_page_view_predict_scale (EscPdfPageView *self,
                                 double          page_width,
                                 double          page_height,
                                 int             width,
                                 int             height)
{
  g_return_val_if_fail (ESC_IS_PDF_PAGE_VIEW (self), 1.0);

  return scale_for_page (self, page_width, page_height, width, height);
}
