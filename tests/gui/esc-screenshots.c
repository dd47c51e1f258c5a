/* esc-screenshots.c: the window's main pages as PNG files, for review and AppStream
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: esc-screenshots OUTDIR WIDTH HEIGHT (run under a display, e.g. xvfb-run)
 */
#include "config.h"

#include <glib/gstdio.h>

#include "esc-gui-test-util.h"
#include "esc-test-pdf.h"

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

static gboolean
evidence_idle (gpointer data)
{
  return !esc_evidence_list_is_busy (data);
}

static gboolean
preview_ready (gpointer data)
{
  return esc_pdf_preview_is_page_ready (data) && esc_pdf_preview_get_n_thumbnails (data) >= 3;
}

static gboolean
search_done (gpointer data)
{
  return !esc_assessment_view_is_searching (data) && esc_assessment_view_get_n_search_hits (data) > 0;
}

static gboolean
is_progress_bar (GtkWidget *widget)
{
  return GTK_IS_PROGRESS_BAR (widget);
}

static gboolean
a_third_attached (gpointer data)
{
  return gtk_progress_bar_get_fraction (data) >= 0.3;
}

static void
save (GtkWidget  *widget,
      const char *dir,
      const char *name,
      int         width,
      int         height)
{
  g_autofree char   *file = g_strdup_printf ("%s-%dx%d.png", name, width, height);
  g_autofree char   *path = g_build_filename (dir, file, NULL);
  g_autoptr (GError) error = NULL;

  if (!esc_test_save_png (widget, path, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
}

static void
shoot (GtkWidget  *widget,
       const char *dir,
       const char *name,
       int         width,
       int         height)
{
  esc_test_drain (900);
  save (widget, dir, name, width, height);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (EscApplication) app = NULL;
  g_autoptr (GError)         error = NULL;
  g_autofree char           *tmp = NULL;
  g_autofree char           *path = NULL;
  EscAssessmentView         *view;
  EscWindow                 *window;
  int                        width, height;
  void                      *args[2];

  if (argc != 4)
    {
      g_printerr ("Usage: %s OUTDIR WIDTH HEIGHT\n", argv[0]);
      return 2;
    }
  width = atoi (argv[2]);
  height = atoi (argv[3]);
  g_mkdir_with_parents (argv[1], 0755);

  esc_test_setup_env (g_getenv ("LANGUAGE") == NULL || g_str_has_prefix (g_getenv ("LANGUAGE"), "th"));
  gtk_init ();
  adw_init ();

  /* A workspace with some local governments assessed, one of them in part. */
  tmp = g_dir_make_tmp ("esc-shots-XXXXXX", NULL);
  path = esc_test_make_workspace (tmp, &error);
  if (path == NULL || !esc_test_assess (path, 12, G_MAXUINT, &error))
    g_error ("%s", error->message);

  app = esc_test_application ();
  window = esc_test_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);

  esc_window_open_path (window, path, FALSE);
  if (!esc_test_wait_workspace (window))
    g_error ("The workspace did not open");

  /* Welcome page, with the workspace among the recent ones. */
  esc_window_show_welcome (window);
  shoot (GTK_WIDGET (window), argv[1], "welcome", width, height);

  esc_window_open_path (window, path, FALSE);
  if (!esc_test_wait_workspace (window))
    g_error ("The workspace did not open");
  shoot (GTK_WIDGET (window), argv[1], "workspace", width, height);

  /* The first local government's assessment, at indicator 7. */
  esc_workspace_view_set_search_text (esc_window_get_workspace_view (window), "");
  g_signal_emit_by_name (esc_workspace_view_get_search_entry (esc_window_get_workspace_view (window)), "activate");
  args[0] = window;
  args[1] = "assessment";
  if (!esc_test_wait (on_page, args, 20000))
    g_error ("The assessment did not open");
  view = esc_window_get_assessment_view (window);
  esc_assessment_view_go_to_code (view, "7");
  shoot (GTK_WIDGET (window), argv[1], "indicator", width, height);
  shoot (esc_assessment_view_get_footer (view), argv[1], "footer", width, height);
  esc_assessment_view_go_to_code (view, "25");
  shoot (GTK_WIDGET (window), argv[1], "indicator-lpa", width, height);

  /* Evidence: two documents attached to indicator 7 the way the chooser does it, the PDF
   * open in the preview pane; then a search for a Thai word of its first page. */
  esc_assessment_view_go_to_code (view, "7");
  {
    g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
    const char *const      names[] = { "thai.pdf", "photo.jpg" };
    EscEvidenceList       *list = esc_assessment_view_get_evidence_list (view);
    EscPdfPreview         *preview = esc_assessment_view_get_preview (view);

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char  *file_path = g_build_filename (g_getenv ("ESC_SOURCE_DIR"), "tests", "data", names[i], NULL);
        g_autoptr (GFile) file = g_file_new_for_path (file_path);

        g_list_store_append (files, file);
      }
    esc_evidence_list_attach_files (list, G_LIST_MODEL (files));
    if (!esc_test_wait (evidence_idle, list, 20000) || esc_evidence_list_get_n_links (list) != 2)
      g_error ("The evidence was not attached");
    /* The list in view: the indicator page scrolled to its end, where the evidence is. */
    {
      GtkWidget     *scroller = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      esc_test_drain (200);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
    g_signal_emit_by_name (list, "open-link", esc_evidence_list_get_link (list, 0)->uuid);
    if (!esc_test_wait (preview_ready, preview, 20000))
      g_error ("The preview did not show the document");
    shoot (GTK_WIDGET (window), argv[1], "evidence-preview", width, height);
    gtk_widget_activate_action (GTK_WIDGET (preview), "preview.fit-page", NULL);
    if (!esc_test_wait (preview_ready, preview, 20000))
      g_error ("The preview did not fit the page");
    shoot (GTK_WIDGET (window), argv[1], "evidence-preview-fit-page", width, height);

    /* A large file on its way in: the bar moves with the bytes copied. */
    {
      g_autofree char  *big_path = g_build_filename (tmp, "แผนที่ภาพถ่ายทางอากาศ 2567.pdf", NULL);
      g_autoptr (GFile) big = g_file_new_for_path (big_path);
      GtkWidget        *bar = esc_test_find_widget (GTK_WIDGET (list), is_progress_bar);

      if (!esc_test_write_big_pdf (big_path, 160 * 1024 * 1024, &error))
        g_error ("%s", error->message);
      g_list_store_remove_all (files);
      g_list_store_append (files, big);
      esc_evidence_list_attach_files (list, G_LIST_MODEL (files));
      if (!esc_test_wait (a_third_attached, bar, 60000))
        g_error ("The large file was not attached");
      esc_test_drain (50);
      save (GTK_WIDGET (window), argv[1], "evidence-attaching", width, height);
      if (!esc_test_wait (evidence_idle, list, 60000))
        g_error ("The large file was not attached");
      g_unlink (big_path);
    }

    esc_assessment_view_start_search (view);
    gtk_editable_set_text (GTK_EDITABLE (esc_assessment_view_get_search_entry (view)), "ขยะมูลฝอย");
    if (!esc_test_wait (search_done, view, 20000))
      g_error ("The search found nothing");
    shoot (GTK_WIDGET (window), argv[1], "evidence-search", width, height);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);

  return 0;
}
