/* esc-pdf-thumbnail.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "esc-pdf-page-view.h"
#include "esc-pdf-thumbnail.h"

/* Between the sheet and its label, in logical pixels. */
#define SPACING 3

struct _EscPdfThumbnail
{
  GtkWidget    parent_instance;

  int          width;
  int          sheet_height;
  char        *label;
  PangoLayout *layout; /* made when first measured or drawn */
  GdkTexture  *texture;
};

G_DEFINE_FINAL_TYPE (EscPdfThumbnail, esc_pdf_thumbnail, GTK_TYPE_WIDGET)

static PangoLayout *
get_layout (EscPdfThumbnail *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->label);
      pango_layout_set_alignment (self->layout, PANGO_ALIGN_CENTER);
    }
  return self->layout;
}

static void
esc_pdf_thumbnail_measure (GtkWidget     *widget,
                           GtkOrientation orientation,
                           int            for_size,
                           int           *minimum,
                           int           *natural,
                           int           *minimum_baseline,
                           int           *natural_baseline)
{
  EscPdfThumbnail *self = ESC_PDF_THUMBNAIL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->width;
  else
    {
      int label_height;

      pango_layout_get_pixel_size (get_layout (self), NULL, &label_height);
      *minimum = *natural = self->sheet_height + SPACING + label_height;
    }
}

static void
esc_pdf_thumbnail_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  EscPdfThumbnail *self = ESC_PDF_THUMBNAIL (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  double           x = floor ((gtk_widget_get_width (widget) - self->width) / 2.0);
  graphene_rect_t  sheet = GRAPHENE_RECT_INIT (x, 0, self->width, self->sheet_height);
  int              label_width;
  GdkRGBA          color;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 0, 0, 0, 0.15 },
                             &GRAPHENE_RECT_INIT (x - 1, -1, self->width + 2, self->sheet_height + 2));
  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 1, 1, 1, 1 }, &sheet);
  if (self->texture != NULL)
    {
      cairo_surface_t *surface = g_object_get_data (G_OBJECT (self->texture), ESC_PDF_PAGE_VIEW_SURFACE_KEY);
      GtkNative       *native = gtk_widget_get_native (widget);

      /* As in the page view: GTK 4.8's cairo renderer would convert the texture to a new
       * surface at every frame. */
      if (surface != NULL && native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native)))
        {
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &sheet);

          cairo_translate (cr, x, 0);
          cairo_scale (cr, (double) self->width / cairo_image_surface_get_width (surface),
                       (double) self->sheet_height / cairo_image_surface_get_height (surface));
          cairo_set_source_surface (cr, surface, 0, 0);
          cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
      else
        gtk_snapshot_append_texture (snapshot, self->texture, &sheet);
    }

  gtk_style_context_get_color (context, &color);
  pango_layout_get_pixel_size (get_layout (self), &label_width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor ((gtk_widget_get_width (widget) - label_width) / 2.0),
                                                          self->sheet_height + SPACING));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
esc_pdf_thumbnail_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  EscPdfThumbnail *self = ESC_PDF_THUMBNAIL (widget);

  GTK_WIDGET_CLASS (esc_pdf_thumbnail_parent_class)->css_changed (widget, change);
  /* Another font: laid out again when next measured. */
  g_clear_object (&self->layout);
}

static void
esc_pdf_thumbnail_dispose (GObject *object)
{
  EscPdfThumbnail *self = ESC_PDF_THUMBNAIL (object);

  g_clear_object (&self->texture);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (esc_pdf_thumbnail_parent_class)->dispose (object);
}

static void
esc_pdf_thumbnail_finalize (GObject *object)
{
  EscPdfThumbnail *self = ESC_PDF_THUMBNAIL (object);

  g_free (self->label);

  G_OBJECT_CLASS (esc_pdf_thumbnail_parent_class)->finalize (object);
}

static void
esc_pdf_thumbnail_class_init (EscPdfThumbnailClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_pdf_thumbnail_dispose;
  object_class->finalize = esc_pdf_thumbnail_finalize;
  widget_class->measure = esc_pdf_thumbnail_measure;
  widget_class->snapshot = esc_pdf_thumbnail_snapshot;
  widget_class->css_changed = esc_pdf_thumbnail_css_changed;

  gtk_widget_class_set_css_name (widget_class, "esc-pdf-thumbnail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
esc_pdf_thumbnail_init (EscPdfThumbnail *self)
{
  self->label = g_strdup ("");
}

GtkWidget *
esc_pdf_thumbnail_new (int width)
{
  EscPdfThumbnail *self = g_object_new (ESC_TYPE_PDF_THUMBNAIL, NULL);

  self->width = MAX (1, width);
  self->sheet_height = (int) ceil (self->width * 1.414);
  return GTK_WIDGET (self);
}

void
esc_pdf_thumbnail_set_page (EscPdfThumbnail *self,
                            const char      *label,
                            double           page_width,
                            double           page_height)
{
  int sheet_height;

  g_return_if_fail (ESC_IS_PDF_THUMBNAIL (self));

  /* Bounded, so that a page of absurd shape still makes a row. */
  sheet_height = page_width > 0 && page_height > 0
                   ? (int) CLAMP (ceil (self->width * page_height / page_width), self->width / 4, self->width * 4)
                   : (int) ceil (self->width * 1.414);
  if (g_strcmp0 (label, self->label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label != NULL ? label : "");
      if (self->layout != NULL)
        pango_layout_set_text (self->layout, self->label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (sheet_height != self->sheet_height)
    {
      self->sheet_height = sheet_height;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

void
esc_pdf_thumbnail_set_texture (EscPdfThumbnail *self,
                               GdkTexture      *texture)
{
  g_return_if_fail (ESC_IS_PDF_THUMBNAIL (self));

  if (g_set_object (&self->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
esc_pdf_thumbnail_get_texture (EscPdfThumbnail *self)
{
  g_return_val_if_fail (ESC_IS_PDF_THUMBNAIL (self), NULL);

  return self->texture;
}
