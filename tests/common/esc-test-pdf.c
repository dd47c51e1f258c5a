/* esc-test-pdf.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "esc-test-pdf.h"

#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0

const char *const esc_test_thai_pages[] = {
  "รายงานการคัดแยกขยะมูลฝอยชุมชน ปีงบประมาณ 2568",
  "แผนพัฒนาพื้นที่สีเขียวในเขตเทศบาล",
  "การจัดการคุณภาพอากาศและเสียง",
  "Evidence page four: green space survey",
  NULL,
};

static gboolean
finish_pdf (cairo_surface_t *surface,
            const char      *path,
            GError         **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo could not write %s: %s",
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
esc_test_write_text_pdf (const char        *path,
                         const char *const *page_texts,
                         GError           **error)
{
  cairo_surface_t      *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t              *cr = cairo_create (surface);
  PangoLayout          *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Loma 20");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (A4_WIDTH - 144) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  for (guint i = 0; page_texts[i] != NULL; i++)
    {
      g_autofree char *footer = g_strdup_printf ("— %u —", i + 1);

      cairo_move_to (cr, 72, 96);
      pango_layout_set_text (layout, page_texts[i], -1);
      pango_cairo_show_layout (cr, layout);
      cairo_rectangle (cr, 72, 200 + 40 * i, 200, 120);
      cairo_set_source_rgb (cr, 0.2, 0.5, 0.3);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, A4_WIDTH / 2 - 20, A4_HEIGHT - 60);
      pango_layout_set_text (layout, footer, -1);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  return finish_pdf (surface, path, error);
}

gboolean
esc_test_write_pages_pdf (const char *path,
                          guint       n_pages,
                          GError    **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t         *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 36);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *label = g_strdup_printf ("Page %u", i + 1);

      cairo_set_source_rgb (cr, (i % 7) / 7.0, (i % 5) / 5.0, (i % 3) / 3.0);
      for (guint j = 0; j < 20; j++)
        cairo_rectangle (cr, 40 + 25 * j, 200 + (j * 37 + i * 11) % 500, 20, 60);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, 72, 120);
      cairo_show_text (cr, label);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  return finish_pdf (surface, path, error);
}

/* Pages as a scanner makes them: one 150 dpi photograph of an A4 sheet each (grey paper
 * with a little noise, dark lines of "text" and a stamp), the usual shape of evidence that
 * local governments attach. */
gboolean
esc_test_write_scan_pdf (const char *path,
                         guint       n_pages,
                         GError    **error)
{
  const int        width = 1240, height = 1754;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t         *cr = cairo_create (surface);
  guint32          state = 0x2545f491u;

  for (guint n = 0; n < n_pages; n++)
    {
      cairo_surface_t *scan = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      guint8          *data;
      int              stride;

      cairo_surface_flush (scan);
      data = cairo_image_surface_get_data (scan);
      stride = cairo_image_surface_get_stride (scan);
      for (int y = 0; y < height; y++)
        {
          guint32 *row = (guint32 *) (data + (gsize) y * stride);
          gboolean line = y > 200 && y < height - 200 && (y / 18) % 3 == 0;

          for (int x = 0; x < width; x++)
            {
              int grey;

              state ^= state << 13;
              state ^= state >> 17;
              state ^= state << 5;
              grey = 236 + (int) (state % 16);
              if (line && x > 150 && x < width - 150 - (y * 37 % 400))
                grey = 40 + (int) (state % 40);
              row[x] = (guint32) (grey << 16 | grey << 8 | (grey - 6));
            }
        }
      cairo_surface_mark_dirty (scan);

      cairo_save (cr);
      cairo_scale (cr, A4_WIDTH / width, A4_HEIGHT / height);
      cairo_set_source_surface (cr, scan, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_set_source_rgba (cr, 0.1, 0.2, 0.7, 0.6);
      cairo_set_line_width (cr, 3);
      cairo_arc (cr, A4_WIDTH - 120, A4_HEIGHT - 140, 45, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_show_page (cr);
      cairo_surface_destroy (scan);
    }
  cairo_destroy (cr);
  return finish_pdf (surface, path, error);
}

gboolean
esc_test_write_big_pdf (const char *path,
                        goffset     size,
                        GError    **error)
{
  static const char content[] = "BT /F1 36 Tf 72 720 Td (Large evidence file) Tj ET\n";
  FILE             *f = fopen (path, "wb");
  long              offsets[7];
  long              xref;
  goffset           noise;
  guint64           state = 0x9e3779b97f4a7c15ull;
  guint64           buffer[8192];

  if (f == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  noise = MAX (size - 1024, 0);

  fputs ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", f);
  offsets[1] = ftell (f);
  fputs ("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
  offsets[2] = ftell (f);
  fputs ("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n", f);
  offsets[3] = ftell (f);
  fputs ("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
         " /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n",
         f);
  offsets[4] = ftell (f);
  fprintf (f, "4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n",
           sizeof content - 1, content);
  offsets[5] = ftell (f);
  fputs ("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", f);
  offsets[6] = ftell (f);
  fprintf (f, "6 0 obj\n<< /Length %" G_GOFFSET_FORMAT " >>\nstream\n", noise);
  for (goffset written = 0; written < noise;)
    {
      gsize chunk = MIN ((goffset) sizeof buffer, noise - written);

      for (guint i = 0; i < G_N_ELEMENTS (buffer); i++)
        {
          state ^= state << 13;
          state ^= state >> 7;
          state ^= state << 17;
          buffer[i] = state;
        }
      fwrite (buffer, 1, chunk, f);
      written += chunk;
    }
  fputs ("\nendstream\nendobj\n", f);
  xref = ftell (f);
  fputs ("xref\n0 7\n0000000000 65535 f \n", f);
  for (guint i = 1; i < 7; i++)
    fprintf (f, "%010ld 00000 n \n", offsets[i]);
  fprintf (f, "trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
  if (fclose (f) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

char *
esc_test_file_sha256 (const char *path)
{
  g_autoptr (GChecksum)        checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GFile)            file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8                       buffer[65536];
  gssize                       n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, NULL)) > 0)
    g_checksum_update (checksum, buffer, n);
  return g_strdup (g_checksum_get_string (checksum));
}
