/* esc-screenshots.c: the window's main pages as PNG files, for review and AppStream
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: esc-screenshots OUTDIR WIDTH HEIGHT (run under a display, e.g. xvfb-run)
 */
#include "config.h"

#include "esc-gui-test-util.h"

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

static void
shoot (GtkWidget  *widget,
       const char *dir,
       const char *name,
       int         width,
       int         height)
{
  g_autofree char   *file = g_strdup_printf ("%s-%dx%d.png", name, width, height);
  g_autofree char   *path = g_build_filename (dir, file, NULL);
  g_autoptr (GError) error = NULL;

  esc_test_drain (900);
  if (!esc_test_save_png (widget, path, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
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

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);

  return 0;
}
