/* test-pdf.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "esc-pdf.h"

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

static EscPdfDocument *
load_fixture (const char *name,
              const char *password,
              GError    **error)
{
  g_autoptr (GFile) file = fixture (name);

  return esc_pdf_document_new_from_file (file, password, NULL, error);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int           stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + 4 * x);
}

static void
test_sniff (void)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F' };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
  static const char   pdf[] = "\n\n%PDF-1.7\n";
  static const char   text[] = "%PD not quite";

  g_assert_cmpstr (esc_pdf_sniff_mime_type (jpeg, sizeof jpeg), ==, "image/jpeg");
  g_assert_cmpstr (esc_pdf_sniff_mime_type (png, sizeof png), ==, "image/png");
  g_assert_cmpstr (esc_pdf_sniff_mime_type ((const guint8 *) pdf, strlen (pdf)), ==, "application/pdf");
  g_assert_null (esc_pdf_sniff_mime_type ((const guint8 *) text, strlen (text)));
  g_assert_null (esc_pdf_sniff_mime_type (NULL, 0));
}

static void
test_load_thai (void)
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (EscPdfDocument) document = load_fixture ("thai.pdf", NULL, &error);
  g_autofree char           *text = NULL;
  g_auto (GStrv)             pages = NULL;
  double                     width, height;

  g_assert_no_error (error);
  g_assert_cmpuint (esc_pdf_document_get_n_pages (document), ==, 4);
  esc_pdf_document_get_page_size (document, 3, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 842, 0.5);
  g_assert_cmpstr (esc_pdf_document_get_page_label (document, 1), ==, "2");

  text = esc_pdf_document_get_page_text (document, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "คัดแยกขยะมูลฝอย"));

  pages = esc_pdf_document_get_text (document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (pages), ==, 4);
  g_assert_nonnull (strstr (pages[1], "พื้นที่สีเขียว"));
  g_assert_null (strstr (pages[1], "คัดแยก"));
  g_assert_nonnull (strstr (pages[3], "green space"));

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_render (void)
{
  g_autoptr (GError)          error = NULL;
  g_autoptr (EscPdfDocument)  document = load_fixture ("thai.pdf", NULL, &error);
  g_autoptr (cairo_surface_t) surface = NULL;

  g_assert_no_error (error);
  surface = esc_pdf_document_render_page (document, 0, 0.5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 298);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 421);
  /* White paper in the corner, the green box (72,200)-(272,320) drawn. */
  g_assert_cmphex (pixel_at (surface, 2, 2), ==, 0xffffffff);
  g_assert_cmphex (pixel_at (surface, 80, 130), !=, 0xffffffff);
  g_assert_cmphex (pixel_at (surface, 80, 130) & 0xff000000, ==, 0xff000000);
}

typedef struct
{
  GPtrArray *order;
  guint      pending;
  GError    *error;
} RenderState;

typedef struct
{
  RenderState *state;
  char        *name;
} RenderCall;

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RenderCall                 *call = user_data;
  g_autoptr (GError)          error = NULL;
  g_autoptr (cairo_surface_t) surface = NULL;

  surface = esc_pdf_document_render_page_finish (ESC_PDF_DOCUMENT (object), result, &error);
  if (error != NULL && call->state->error == NULL)
    call->state->error = g_steal_pointer (&error);
  g_ptr_array_add (call->state->order, call->name);
  call->state->pending--;
  g_free (call);
}

static void
render_async (EscPdfDocument *document,
              RenderState    *state,
              guint           page,
              EscPdfPriority  priority,
              GCancellable   *cancellable,
              const char     *name)
{
  RenderCall *call = g_new0 (RenderCall, 1);

  call->state = state;
  call->name = g_strdup (name);
  state->pending++;
  esc_pdf_document_render_page_async (document, page, 1.5, priority, cancellable, render_cb, call);
}

static void
test_render_async_priority (void)
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (EscPdfDocument) document = load_fixture ("thai.pdf", NULL, &error);
  RenderState                state = { g_ptr_array_new_with_free_func (g_free), 0, NULL };
  guint                      urgent_at = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("low%u", i);

      render_async (document, &state, i % 4, ESC_PDF_PRIORITY_LOW, NULL, name);
    }
  render_async (document, &state, 2, ESC_PDF_PRIORITY_URGENT, NULL, "urgent");
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.order->len, ==, 7);
  for (guint i = 0; i < state.order->len; i++)
    if (g_str_equal (g_ptr_array_index (state.order, i), "urgent"))
      urgent_at = i;
  /* The urgent page jumps the queue of thumbnails that had not started yet. */
  g_assert_cmpuint (urgent_at, <, 6);
  g_assert_cmpstr (g_ptr_array_index (state.order, 6), ==, "low5");
  g_ptr_array_unref (state.order);
}

static void
test_render_cancelled (void)
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (EscPdfDocument) document = load_fixture ("thai.pdf", NULL, &error);
  g_autoptr (GCancellable)   cancellable = g_cancellable_new ();
  RenderState                state = { g_ptr_array_new_with_free_func (g_free), 0, NULL };

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  render_async (document, &state, 0, ESC_PDF_PRIORITY_HIGH, cancellable, "cancelled");
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_ptr_array_unref (state.order);
}

static void
test_document_outlives_caller (void)
{
  g_autoptr (GError) error = NULL;
  EscPdfDocument    *document = load_fixture ("thai.pdf", NULL, &error);
  RenderState        state = { g_ptr_array_new_with_free_func (g_free), 0, NULL };

  g_assert_no_error (error);
  render_async (document, &state, 1, ESC_PDF_PRIORITY_URGENT, NULL, "a");
  render_async (document, &state, 2, ESC_PDF_PRIORITY_URGENT, NULL, "b");
  /* The pending jobs hold the document; dropping ours must not stop them. */
  g_object_unref (document);
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.order->len, ==, 2);
  g_ptr_array_unref (state.order);
}

static void
test_errors (void)
{
  struct
  {
    const char *name;
    const char *password;
    int         code;
  } cases[] = {
    { "encrypted.pdf", NULL, ESC_PDF_ERROR_NEEDS_PASSWORD },
    { "encrypted.pdf", "", ESC_PDF_ERROR_NEEDS_PASSWORD },
    { "encrypted.pdf", "wrong-password", ESC_PDF_ERROR_WRONG_PASSWORD },
    { "truncated.pdf", NULL, ESC_PDF_ERROR_DAMAGED },
    { "empty.pdf", NULL, ESC_PDF_ERROR_NOT_PDF },
    { "not-a-pdf.pdf", NULL, ESC_PDF_ERROR_NOT_PDF },
    { "photo.jpg", NULL, ESC_PDF_ERROR_NOT_PDF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError)         error = NULL;
      g_autoptr (EscPdfDocument) document = load_fixture (cases[i].name, cases[i].password, &error);

      g_test_message ("%s", cases[i].name);
      g_assert_null (document);
      g_assert_error (error, ESC_PDF_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
    }

  {
    g_autoptr (GError)         error = NULL;
    g_autoptr (EscPdfDocument) document = load_fixture ("no-such-file.pdf", NULL, &error);

    g_assert_null (document);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

static void
test_password (void)
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (EscPdfDocument) document = load_fixture ("encrypted.pdf", "esc-2567", &error);
  g_autofree char           *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (esc_pdf_document_get_n_pages (document), ==, 4);
  text = esc_pdf_document_get_page_text (document, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "คุณภาพอากาศ"));
}

static void
test_bytes (void)
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (GFile)          file = fixture ("thai.pdf");
  g_autoptr (GBytes)         bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_autoptr (GBytes)         empty = g_bytes_new_static ("", 0);
  g_autoptr (EscPdfDocument) document = NULL;
  g_autoptr (EscPdfDocument) none = NULL;

  g_assert_no_error (error);
  document = esc_pdf_document_new_from_bytes (bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (esc_pdf_document_get_n_pages (document), ==, 4);

  none = esc_pdf_document_new_from_bytes (empty, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, ESC_PDF_ERROR, ESC_PDF_ERROR_NOT_PDF);
}

static GInputStream *
open_memory_stream (gpointer      user_data,
                    GCancellable *cancellable,
                    GError      **error)
{
  return g_memory_input_stream_new_from_bytes (user_data);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  EscPdfDocument   **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = esc_pdf_document_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_stream_async (void)
{
  g_autoptr (GError)          error = NULL;
  g_autoptr (GFile)           file = fixture ("thai.pdf");
  g_autoptr (GBytes)          bytes = g_file_load_bytes (file, NULL, NULL, &error);
  EscPdfDocument             *document = NULL;
  g_autoptr (cairo_surface_t) surface = NULL;

  g_assert_no_error (error);
  esc_pdf_document_load_stream_async (open_memory_stream, g_bytes_ref (bytes),
                                      (GDestroyNotify) g_bytes_unref, NULL, NULL,
                                      load_cb, &document);
  while (document == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (esc_pdf_document_get_n_pages (document), ==, 4);
  surface = esc_pdf_document_render_page (document, 3, 0.25, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 149);
  g_assert_finalize_object (document);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/pdf/sniff", test_sniff);
  g_test_add_func ("/core/pdf/load-thai", test_load_thai);
  g_test_add_func ("/core/pdf/render", test_render);
  g_test_add_func ("/core/pdf/render-async-priority", test_render_async_priority);
  g_test_add_func ("/core/pdf/render-cancelled", test_render_cancelled);
  g_test_add_func ("/core/pdf/document-outlives-caller", test_document_outlives_caller);
  g_test_add_func ("/core/pdf/errors", test_errors);
  g_test_add_func ("/core/pdf/password", test_password);
  g_test_add_func ("/core/pdf/bytes", test_bytes);
  g_test_add_func ("/core/pdf/stream-async", test_stream_async);

  return g_test_run ();
}
