/* bench-window.c: how fast the assessor's window starts and turns pages
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With a workspace of 216 local governments, each fully assessed:
 *  - exec to the first frame of the assessment view, as a ratio to a bare libadwaita
 *    window measured in the same run (target <= 1.3);
 *  - the time to switch from one indicator page to the next, in the process, until the
 *    next frame is drawn (target < 16 ms).
 * Without a display it runs itself under xvfb-run.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "esc-gui-test-util.h"

#define N_LAOS 216
#define N_STARTS 7
#define N_SWITCHES 140

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);

  return g_array_index (values, double, values->len / 2);
}

/* Milliseconds from exec to the child's "first-frame" line. */
static double
time_start (const char *const *argv)
{
  g_autoptr (GError)     error = NULL;
  g_autoptr (GIOChannel) channel = NULL;
  g_autofree char       *line = NULL;
  GPid                   pid;
  int                    out;
  gint64                 start;
  double                 elapsed;
  int                    status;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out, NULL, &error))
    g_error ("%s", error->message);

  channel = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      if (g_str_has_prefix (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  if (line == NULL)
    g_error ("%s never drew its first frame", argv[0]);

  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  return elapsed;
}

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static gboolean
is_painted (gpointer data)
{
  return painted;
}

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (GArray)         app_starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         floor_starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         switches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         updates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (EscStore)       store = NULL;
  g_autoptr (GPtrArray)      assessments = NULL;
  g_autoptr (EscApplication) app = NULL;
  g_autofree char           *tmp = NULL;
  g_autofree char           *path = NULL;
  g_autofree char           *app_path = NULL;
  g_autofree char           *floor_path = NULL;
  g_autofree char           *uuid = NULL;
  g_autofree char           *option = NULL;
  EscAssessmentView         *view;
  EscWindow                 *window;
  gint64                     t0;
  void                      *args[2];

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      const char *xvfb[] = { "xvfb-run", "-a", "-s", "-screen 0 1280x800x24 -nolisten tcp", argv[0], NULL };

      execvp ("xvfb-run", (char **) xvfb);
      g_printerr ("No display and no xvfb-run: skipped\n");
      return 77;
    }

  g_setenv ("GSK_RENDERER", g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "cairo", TRUE);
  esc_test_setup_env (FALSE);
  gtk_init ();
  adw_init ();

  tmp = g_dir_make_tmp ("esc-bench-window-XXXXXX", NULL);
  t0 = g_get_monotonic_time ();
  path = esc_test_make_workspace (tmp, &error);
  if (path == NULL || !esc_test_assess (path, N_LAOS, G_MAXUINT, &error))
    g_error ("%s", error->message);
  g_print ("workspace: %d local governments, each with every item answered (made in %.1f s)\n",
           N_LAOS, (g_get_monotonic_time () - t0) / 1e6);

  store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assessments = esc_store_list_assessments (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessments->len, ==, N_LAOS);
  uuid = g_strdup (((EscAssessment *) assessments->pdata[0])->uuid);
  g_clear_object (&store);

  /* Exec to first frame, the application against the floor, interleaved. */
  app_path = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "src", "gui", "esc-assessor", NULL);
  floor_path = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "tests", "bench", "bench-minimal-window", NULL);
  option = g_strdup_printf ("--assessment=%s", uuid);
  for (guint i = 0; i < N_STARTS + 1; i++)
    {
      const char *app_argv[] = { app_path, "--first-frame", option, path, NULL };
      const char *floor_argv[] = { floor_path, NULL };
      double      a = time_start (app_argv);
      double      f = time_start (floor_argv);

      /* The first round warms the caches. */
      if (i == 0)
        continue;
      g_array_append_val (app_starts, a);
      g_array_append_val (floor_starts, f);
    }

  /* Page switches in the process. */
  app = esc_test_application ();
  window = esc_test_window_new (app);
  esc_window_set_initial_assessment (window, uuid);
  esc_window_open_path (window, path, FALSE);
  args[0] = window;
  args[1] = "assessment";
  if (!esc_test_wait (on_page, args, 60000))
    g_error ("The assessment did not open");
  esc_test_drain (300);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  view = esc_window_get_assessment_view (window);
  for (guint i = 0; i < N_SWITCHES; i++)
    {
      guint  next = (esc_assessment_view_get_position (view) + 1) % esc_assessment_view_get_n_items (view);
      gint64 start, updated;
      double total, update;

      painted = FALSE;
      start = g_get_monotonic_time ();
      esc_assessment_view_go_to (view, next);
      updated = g_get_monotonic_time ();
      if (!esc_test_wait (is_painted, NULL, 2000))
        g_error ("No frame after switching pages");
      total = (g_get_monotonic_time () - start) / 1000.0;
      update = (updated - start) / 1000.0;
      g_array_append_val (switches, total);
      g_array_append_val (updates, update);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);

  {
    double app_ms = median (app_starts);
    double floor_ms = median (floor_starts);
    double switch_ms = median (switches);
    double update_ms = median (updates);

    g_print ("exec to first frame, median of %d: esc-assessor (assessment view) %.0f ms, "
             "minimal libadwaita window %.0f ms, ratio %.2f (target <= 1.3)\n",
             N_STARTS, app_ms, floor_ms, app_ms / floor_ms);
    g_print ("indicator page switch, median of %d: %.1f ms to the next frame drawn "
             "(%.1f ms to update the widgets), target < 16 ms\n",
             N_SWITCHES, switch_ms, update_ms);
  }

  return 0;
}
