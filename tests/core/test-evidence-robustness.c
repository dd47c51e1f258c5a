/* test-evidence-robustness.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hundreds of damaged copies of a valid PDF (cut short, bytes changed, pieces dropped or
 * repeated), made here from a fixed seed: each is attached and its first page drawn, or it
 * is refused with a message; nothing crashes and the workspace stays sound.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "esc-evidence.h"
#include "esc-pdf.h"
#include "esc-test-workspace.h"

/* A few hundred; fewer under AddressSanitizer, where each costs about a second. */
#if defined(__SANITIZE_ADDRESS__)
#define N_MUTANTS 40
#else
#define N_MUTANTS 300
#endif

static GBytes *
mutate (GBytes *original,
        GRand  *rand,
        guint   index)
{
  gsize         length;
  const guint8 *data = g_bytes_get_data (original, &length);
  GByteArray   *out = g_byte_array_new ();

  switch (index % 4)
    {
    case 0: /* cut short */
      g_byte_array_append (out, data, g_rand_int_range (rand, 0, (gint32) length));
      break;
    case 1: /* a few bytes changed */
    case 2:
      {
        guint n = g_rand_int_range (rand, 1, 1 + (index % 3 == 0 ? 64 : 8));

        g_byte_array_append (out, data, length);
        for (guint i = 0; i < n; i++)
          out->data[g_rand_int_range (rand, 0, (gint32) length)] = (guint8) g_rand_int_range (rand, 0, 256);
        break;
      }
    case 3: /* a piece dropped or repeated */
    default:
      {
        gsize at = g_rand_int_range (rand, 0, (gint32) length);
        gsize n = g_rand_int_range (rand, 1, 2048);

        n = MIN (n, length - at);
        g_byte_array_append (out, data, at);
        if (g_rand_boolean (rand))
          g_byte_array_append (out, data + at, n);
        g_byte_array_append (out, data + at + n, length - at - n);
        break;
      }
    }
  return g_byte_array_free_to_bytes (out);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_mutants (void)
{
  g_autofree char      *dir = g_build_filename (g_get_user_data_dir (), "mutants", NULL);
  g_autofree char      *path = g_build_filename (dir, "workspace.esca", NULL);
  g_autofree char      *source = g_test_build_filename (G_TEST_DIST, "data", "thai.pdf", NULL);
  g_autofree char      *assessment = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GBytes)    original = NULL;
  g_autoptr (GRand)     rand = g_rand_new_with_seed (2567);
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  guint                 attached = 0, refused = 0;
  gchar                *contents;
  gsize                 length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  original = g_bytes_new_take (contents, length);
  store = esc_test_workspace_new (path, &assessment);

  for (guint i = 0; i < N_MUTANTS; i++)
    {
      g_autoptr (GBytes)  bytes = mutate (original, rand, i);
      g_autofree char    *name = g_strdup_printf ("mutant-%03u.pdf", i);
      g_autofree char    *file_path = g_build_filename (dir, name, NULL);
      g_autoptr (GFile)   file = g_file_new_for_path (file_path);
      g_autoptr (GError)  attach_error = NULL;
      g_autoptr (EscLink) link = NULL;

      g_assert_true (g_file_set_contents (file_path, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL));
      link = esc_store_attach_file (store, file, NULL, assessment, "5", NULL, NULL, NULL, &attach_error);
      if (link == NULL)
        {
          /* Refused, with a message naming the file. */
          g_assert_nonnull (attach_error);
          g_assert_true (attach_error->domain == ESC_PDF_ERROR || attach_error->domain == ESC_EVIDENCE_ERROR);
          g_assert_nonnull (strstr (attach_error->message, name));
          refused++;
        }
      else
        {
          g_autoptr (GAsyncResult)    result = NULL;
          g_autoptr (EscPdfDocument)  document = NULL;
          g_autoptr (GError)          load_error = NULL;
          g_autoptr (cairo_surface_t) surface = NULL;

          /* Accepted: it opens from the workspace and its first page draws. */
          esc_evidence_load_pdf_async (path, link->document->sha256, NULL, NULL, loaded_cb, &result);
          while (result == NULL)
            g_main_context_iteration (NULL, TRUE);
          document = esc_pdf_document_load_finish (result, &load_error);
          if (link->document->encrypted)
            {
              g_assert_error (load_error, ESC_PDF_ERROR, ESC_PDF_ERROR_NEEDS_PASSWORD);
            }
          else
            {
              g_assert_no_error (load_error);
              g_assert_cmpuint (esc_pdf_document_get_n_pages (document), ==, link->document->n_pages);
              surface = esc_pdf_document_render_page (document, 0, 0.25, NULL, &load_error);
              g_assert_no_error (load_error);
              g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
            }
          attached++;
        }
      g_unlink (file_path);
    }

  g_test_message ("%u mutants: %u attached and drawn, %u refused", N_MUTANTS, attached, refused);
  g_assert_cmpuint (attached + refused, ==, N_MUTANTS);
  /* Both outcomes happen: the mutations are neither all fatal nor all harmless. */
  g_assert_cmpuint (attached, >, N_MUTANTS / 30);
  g_assert_cmpuint (refused, >, N_MUTANTS / 30);

  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* And the command line agrees. */
  {
    const char      *build = g_getenv ("ESC_BUILD_DIR");
    g_autofree char *cli = g_build_filename (build != NULL ? build : ".", "src", "cli", "esc-cli", NULL);
    const char      *argv[] = { cli, "check", path, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int              status = -1;

    if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
      {
        g_test_skip ("esc-cli is not built");
        return;
      }
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("esc-cli check: %s%s", out, err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/evidence/robustness/mutants", test_mutants);

  return g_test_run ();
}
