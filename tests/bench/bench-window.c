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
 * Without a display it runs itself under xvfb-run. It prints its figures, whether each
 * target is met and the load average; it never fails on a figure.
 *
 * Environment, to run it by hand or under a profiler:
 *  ESC_BENCH_STARTS=n     rounds of the start-up comparison (default 7; 0 skips them)
 *  ESC_BENCH_SWITCHES=n   page switches to time (default 140; 0 skips them)
 *  ESC_BENCH_PAUSE_MS=n   time between two switches (default 50)
 *  ESC_BENCH_WORKSPACE=f  the workspace to use, made first when f does not exist
 *                         (making one takes a while; keep it to run again)
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "esc-gui-test-util.h"

#define N_LAOS 216
#define N_STARTS 7
#define N_SWITCHES 140
#define START_TARGET 1.3
#define SWITCH_TARGET_MS 16.0
/* Key presses come a good while apart: so that a switch is not timed waiting for the frame
 * clock's 60 Hz pacing after the previous one's frame, switches are this far apart. */
#define SWITCH_PAUSE_MS 50

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The smallest value with at least a fraction q of the values at or below it. */
static double
quantile (GArray *values,
          double  q)
{
  g_autoptr (GArray) sorted = NULL;
  guint              rank;

  if (values->len == 0)
    return NAN;

  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  rank = (guint) ceil (q * sorted->len);

  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

static double
median (GArray *values)
{
  return quantile (values, 0.5);
}

static guint
env_count (const char *name,
           guint       fallback)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    return fallback;

  return (guint) g_ascii_strtoull (value, NULL, 10);
}

/* The 1, 5 and 15 minute load averages, as uptime shows them. */
static char *
dup_load_average (void)
{
  g_autofree char *text = NULL;
  g_auto (GStrv)   fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("unknown");

  return g_strdup_printf ("%s, %s, %s", fields[0], fields[1], fields[2]);
}

/* Milliseconds from exec to the child's "first-frame" line; cpu_ms gets the CPU time the
 * child used in all (it quits right after that frame). */
static double
time_start (const char *const *argv,
            double            *cpu_ms)
{
  struct rusage          usage;
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

  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("Could not wait for %s", argv[0]);
  g_spawn_close_pid (pid);
  *cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
            (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;

  return elapsed;
}

/* CPU time of this thread (the main thread) in microseconds. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* When the phases of the frame after a switch began and ended. */
static struct
{
  gint64 frame_start;
  gint64 frame_start_cpu;
  gint64 layout_end;
  gint64 paint_end;
  gint64 painted;
  gint64 painted_cpu;
} frame;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  if (frame.frame_start == 0)
    {
      frame.frame_start = g_get_monotonic_time ();
      frame.frame_start_cpu = thread_cpu_time ();
    }
}

/* Connected after GTK's own handlers, so these mark the end of each phase. */
static void
layout_cb (GdkFrameClock *clock,
           gpointer       data)
{
  if (frame.frame_start != 0)
    frame.layout_end = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          gpointer       data)
{
  if (frame.frame_start != 0)
    frame.paint_end = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  if (frame.frame_start != 0 && frame.painted == 0)
    {
      frame.painted = g_get_monotonic_time ();
      frame.painted_cpu = thread_cpu_time ();
    }
}

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop, blocking in poll as the application does, until the frame after
 * the switch is drawn; FALSE after timeout_ms. */
static gboolean
wait_painted (guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);

  while (frame.painted == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

static void
print_verdict (gboolean met)
{
  g_print ("  => target %s\n", met ? "MET" : "NOT met");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (GArray)         app_starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         floor_starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         app_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         switches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         updates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         waits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         layouts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         paints = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         wait_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (EscStore)       store = NULL;
  g_autoptr (GPtrArray)      assessments = NULL;
  g_autoptr (EscApplication) app = NULL;
  g_autofree char           *tmp = NULL;
  g_autofree char           *path = NULL;
  g_autofree char           *app_path = NULL;
  g_autofree char           *floor_path = NULL;
  g_autofree char           *uuid = NULL;
  g_autofree char           *option = NULL;
  g_autofree char           *load_before = NULL;
  g_autofree char           *load_after = NULL;
  const char                *kept = g_getenv ("ESC_BENCH_WORKSPACE");
  guint                      n_starts = env_count ("ESC_BENCH_STARTS", N_STARTS);
  guint                      n_switches = env_count ("ESC_BENCH_SWITCHES", N_SWITCHES);
  guint                      pause_ms = env_count ("ESC_BENCH_PAUSE_MS", SWITCH_PAUSE_MS);
  EscAssessmentView         *view;
  EscWindow                 *window;
  GdkFrameClock             *clock;
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
  load_before = dup_load_average ();

  t0 = g_get_monotonic_time ();
  if (kept != NULL && kept[0] != '\0' && g_file_test (kept, G_FILE_TEST_EXISTS))
    path = g_strdup (kept);
  else
    {
      tmp = g_dir_make_tmp ("esc-bench-window-XXXXXX", NULL);
      path = esc_test_make_workspace (tmp, &error);
      if (path == NULL || !esc_test_assess (path, N_LAOS, G_MAXUINT, &error))
        g_error ("%s", error->message);
      if (kept != NULL && kept[0] != '\0')
        {
          g_autoptr (GFile) made = g_file_new_for_path (path);
          g_autoptr (GFile) keep = g_file_new_for_path (kept);

          if (!g_file_copy (made, keep, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
            g_error ("Could not keep the workspace: %s", error->message);
          g_free (path);
          path = g_strdup (kept);
        }
    }
  g_print ("workspace: %d local governments, each with every item answered (ready in %.1f s)\n",
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
  for (guint i = 0; n_starts > 0 && i < n_starts + 1; i++)
    {
      const char *app_argv[] = { app_path, "--first-frame", option, path, NULL };
      const char *floor_argv[] = { floor_path, NULL };
      double      a_cpu, f_cpu;
      double      a = time_start (app_argv, &a_cpu);
      double      f = time_start (floor_argv, &f_cpu);
      double      r = a / f;

      /* The first round warms the caches. */
      if (i == 0)
        {
          g_print ("start round 0 (warm-up, not counted): esc-assessor %.0f ms, minimal window %.0f ms\n",
                   a, f);
          continue;
        }
      g_print ("start round %u: esc-assessor %.0f ms (CPU %.0f ms), minimal window %.0f ms (CPU %.0f ms), "
               "ratio %.2f\n",
               i, a, a_cpu, f, f_cpu, r);
      g_array_append_val (app_starts, a);
      g_array_append_val (floor_starts, f);
      g_array_append_val (ratios, r);
      g_array_append_val (app_cpus, a_cpu);
      g_array_append_val (floor_cpus, f_cpu);
    }

  /* Page switches in the process. */
  if (n_switches > 0)
    {
      app = esc_test_application ();
      window = esc_test_window_new (app);
      esc_window_set_initial_assessment (window, uuid);
      esc_window_open_path (window, path, FALSE);
      args[0] = window;
      args[1] = "assessment";
      if (!esc_test_wait (on_page, args, 60000))
        g_error ("The assessment did not open");
      esc_test_drain (300);
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
      g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
      g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
      view = esc_window_get_assessment_view (window);
      for (guint i = 0; i < n_switches; i++)
        {
          guint  next = (esc_assessment_view_get_position (view) + 1) % esc_assessment_view_get_n_items (view);
          gint64 start, updated, start_cpu, updated_cpu;
          double total, update, wait, layout, paint, cpu, wait_cpu;

          esc_test_drain (pause_ms);
          memset (&frame, 0, sizeof frame);
          start = g_get_monotonic_time ();
          start_cpu = thread_cpu_time ();
          esc_assessment_view_go_to (view, next);
          updated = g_get_monotonic_time ();
          updated_cpu = thread_cpu_time ();
          if (!wait_painted (2000))
            g_error ("No frame after switching pages");
          total = (frame.painted - start) / 1000.0;
          update = (updated - start) / 1000.0;
          wait = (frame.frame_start - updated) / 1000.0;
          layout = (frame.layout_end - frame.frame_start) / 1000.0;
          paint = (frame.paint_end - frame.layout_end) / 1000.0;
          cpu = (frame.painted_cpu - start_cpu) / 1000.0;
          wait_cpu = (frame.frame_start_cpu - updated_cpu) / 1000.0;
          g_array_append_val (cpus, cpu);
          g_array_append_val (wait_cpus, wait_cpu);
          g_array_append_val (switches, total);
          g_array_append_val (updates, update);
          g_array_append_val (waits, wait);
          g_array_append_val (layouts, layout);
          g_array_append_val (paints, paint);
        }
      gtk_window_destroy (GTK_WINDOW (window));
      esc_test_drain (50);
    }
  load_after = dup_load_average ();

  g_print ("\nload average (1, 5, 15 min): %s at the start, %s at the end\n", load_before, load_after);
  if (n_starts > 0)
    {
      double app_ms = median (app_starts);
      double floor_ms = median (floor_starts);
      double ratio = median (ratios);

      g_print ("exec to first frame, median of %u: esc-assessor (assessment view) %.0f ms, "
               "minimal libadwaita window %.0f ms\n",
               n_starts, app_ms, floor_ms);
      g_print ("  ratio of the medians %.2f; median of the per-round ratios %.2f (range %.2f to %.2f); "
               "target <= %.1f\n",
               app_ms / floor_ms, ratio, quantile (ratios, 0.0), quantile (ratios, 1.0), START_TARGET);
      g_print ("  CPU time of each whole run (start to quit), medians: esc-assessor %.0f ms, minimal window "
               "%.0f ms, ratio %.2f\n",
               median (app_cpus), median (floor_cpus), median (app_cpus) / median (floor_cpus));
      print_verdict (app_ms / floor_ms <= START_TARGET);
    }
  if (n_switches > 0)
    {
      double switch_ms = median (switches);

      g_print ("indicator page switch, %u switches, until the next frame is drawn: "
               "median %.1f ms, p90 %.1f ms, max %.1f ms; target median < %.0f ms\n",
               n_switches, switch_ms, quantile (switches, 0.9), quantile (switches, 1.0), SWITCH_TARGET_MS);
      g_print ("  medians of the parts: update the widgets %.1f ms, until the frame starts %.1f ms "
               "(on X11 the window's size is computed here, measuring what changed), layout %.1f ms, "
               "draw %.1f ms\n",
               median (updates), median (waits), median (layouts), median (paints));
      g_print ("  main-thread CPU time per switch: median %.1f ms, p90 %.1f ms (%.1f ms of it before the frame began)\n",
               median (cpus), quantile (cpus, 0.9), median (wait_cpus));
      print_verdict (switch_ms < SWITCH_TARGET_MS);
    }

  return 0;
}
