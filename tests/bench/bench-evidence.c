/* bench-evidence.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Evidence against floors measured in the same run:
 *  1. attaching a 200 MB PDF vs `sha256sum` of the same file (target ≤ 2×), and the
 *     peak memory growth while attaching (target < 64 MB);
 *  2. selecting a document to its first page on screen vs Poppler opening and drawing
 *     that page alone (target ≤ 1.5×), for a scanned document (the usual evidence: a
 *     150 dpi photograph per page) and for a page of plain text, where Poppler alone
 *     takes a few milliseconds and waiting for the next frame (up to 16.7 ms) dominates;
 *     each first time, and again (a document kept open shows the page it drew before);
 *  3. the longest gap between frames while a 500-page PDF is thumbnailed and its strip
 *     scrolled (target < 50 ms).
 * Prints medians and ratios; asserts nothing about time. ESC_BENCH_ONLY=attach, select or
 * thumbnails runs one part alone (for profiling).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <time.h>

#include "esc-evidence.h"
#include "esc-pdf-preview.h"
#include "esc-resources.h"
#include "esc-test-pdf.h"
#include "esc-test-workspace.h"

#define BIG_SIZE ((goffset) 200 * 1024 * 1024)
#define N_RUNS 3
#define N_SELECTS 9
#define MANY_PAGES 500

static char *dir;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT met";
}

static gint64
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field) + 1, NULL, 10) : 0;
}

static void
reset_peak_rss (void)
{
  /* Writing 5 resets VmHWM (Linux 4.0+). */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

static void
bench_attach (void)
{
  g_autofree char   *big = g_build_filename (dir, "big.pdf", NULL);
  g_autoptr (GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) attach_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  gint64             worst_growth = 0;
  double             floor_median, attach_median;

  g_assert_true (esc_test_write_big_pdf (big, BIG_SIZE, &error));
  g_assert_no_error (error);

  for (guint run = 0; run < N_RUNS + 1; run++)
    {
      const char          *argv[] = { "sha256sum", big, NULL };
      g_autofree char     *path = g_strdup_printf ("%s/attach-%u.esca", dir, run);
      g_autofree char     *assessment = NULL;
      g_autoptr (EscStore) store = NULL;
      g_autoptr (GFile)    file = g_file_new_for_path (big);
      g_autoptr (EscLink)  link = NULL;
      g_autofree char     *out = NULL;
      gint64               start, rss_before, growth;
      double               seconds;
      int                  status;

      start = g_get_monotonic_time ();
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, NULL, &status, &error));
      seconds = (g_get_monotonic_time () - start) / 1e6;
      /* The first run only warms the page cache for both. */
      if (run > 0)
        g_array_append_val (floor_times, seconds);

      store = esc_test_workspace_new (path, &assessment);
      rss_before = read_status_kb ("VmRSS:");
      reset_peak_rss ();
      start = g_get_monotonic_time ();
      link = esc_store_attach_file (store, file, NULL, assessment, "5", NULL, NULL, NULL, &error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      growth = read_status_kb ("VmHWM:") - rss_before;
      worst_growth = MAX (worst_growth, growth);
      if (run > 0)
        g_array_append_val (attach_times, seconds);
      {
        g_auto (GStrv) words = g_strsplit (out, " ", 2);

        g_assert_cmpstr (link->document->sha256, ==, words[0]);
      }

      g_clear_object (&store);
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);

        g_unlink (path);
        g_unlink (wal);
        g_unlink (shm);
      }
    }
  g_unlink (big);

  floor_median = median (floor_times);
  attach_median = median (attach_times);
  printf ("attach 200 MB PDF:        median %.3f s; sha256sum of it: median %.3f s; ratio %.2f (target <= 2: %s)\n",
          attach_median, floor_median, attach_median / floor_median,
          verdict (attach_median / floor_median <= 2));
  printf ("attach peak RSS growth:   %.1f MB (target < 64 MB: %s)\n", worst_growth / 1024.0,
          verdict (worst_growth < 64 * 1024));
}

/* GUI measurements */

typedef struct
{
  gint64  last;
  gint64  longest;
  GArray *gaps;
  guint   frames;
  gint64  last_cpu;
  GArray *cpu; /* the main thread's processor time from one frame to the next, ms */
} FrameStats;

/* The processor time of the calling thread, in µs: what the main thread spent, whatever
 * else the machine was doing meanwhile. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameStats    *stats)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (stats->last != 0)
    {
      double gap = (now - stats->last) / 1000.0;
      double busy = (cpu - stats->last_cpu) / 1000.0;

      stats->longest = MAX (stats->longest, now - stats->last);
      g_array_append_val (stats->gaps, gap);
      g_array_append_val (stats->cpu, busy);
    }
  stats->last = now;
  stats->last_cpu = cpu;
  stats->frames++;
}

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer data,
               double   timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
page_ready (gpointer data)
{
  return esc_pdf_preview_is_page_ready (data);
}

/* The first frame painted once the page is ready: the page is on screen from then on. */
typedef struct
{
  EscPdfPreview *preview;
  gint64         on_screen;
} PaintWait;

static void
after_paint_select_cb (GdkFrameClock *clock,
                       PaintWait     *wait)
{
  if (wait->on_screen == 0 && esc_pdf_preview_is_page_ready (wait->preview))
    wait->on_screen = g_get_monotonic_time ();
}

static gboolean
on_screen (gpointer data)
{
  return ((PaintWait *) data)->on_screen != 0;
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for ms: a selection starts from a window at rest, as after a click,
 * not in the frame of whatever was shown before. */
static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  g_timeout_add (ms, wake_cb, NULL);
  iterate_until (time_passed, &end, ms / 1000.0 + 1);
}

static double
poppler_alone (const char *pdf_path,
               double      pixel_scale)
{
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, NULL);
  gint64           start = g_get_monotonic_time ();
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, NULL);
  PopplerPage     *page = poppler_document_get_page (document, 0);
  double           width, height;
  cairo_surface_t *surface;
  cairo_t         *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * pixel_scale),
                                        (int) ceil (height * pixel_scale));
  cr = cairo_create (surface);
  cairo_scale (cr, pixel_scale, pixel_scale);
  poppler_page_render (page, cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OVER);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Selects document and returns the seconds until the first frame painted with its page;
 * from an empty pane (clear), or with the document shown before still there. With a
 * pixel_scale, the floor is timed just before, once the window is at rest, so that both
 * see the same load on a machine whose load changes from one second to the next. */
static double
select_once (GtkWindow         *window,
             EscPdfPreview     *preview,
             const char        *path,
             const EscDocument *document,
             gboolean           clear,
             const char        *pdf,
             double             pixel_scale,
             double            *floor_seconds)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  PaintWait      wait = { preview, 0 };
  gulong         id;
  gint64         start;

  if (clear)
    esc_pdf_preview_clear (preview);
  settle (clear ? 200 : 600);
  *floor_seconds = pixel_scale > 0 ? poppler_alone (pdf, pixel_scale) : 0;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_select_cb), &wait);
  start = g_get_monotonic_time ();
  esc_pdf_preview_show_document (preview, path, document, NULL);
  iterate_until (on_screen, &wait, 10);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (esc_pdf_preview_is_page_ready (preview));
  g_assert_cmpint (wait.on_screen, !=, 0);
  return (wait.on_screen - start) / 1e6;
}

typedef struct
{
  gint64 painted;
} FrameWait;

static void
frame_painted_cb (GdkFrameClock *clock,
                  FrameWait     *wait)
{
  if (wait->painted == 0)
    wait->painted = g_get_monotonic_time ();
}

static gboolean
frame_painted (gpointer data)
{
  return ((FrameWait *) data)->painted != 0;
}

/* The median time from asking the page view to draw the page it shows again, window at
 * rest, to that frame painted: what putting a page on screen costs here at the least,
 * beyond Poppler's work. */
static double
page_frame_time (GtkWindow     *window,
                 EscPdfPreview *preview)
{
  GdkFrameClock     *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < N_SELECTS; run++)
    {
      FrameWait wait = { 0 };
      gulong    id;
      gint64    start;
      double    seconds;

      settle (200);
      id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &wait);
      start = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (esc_pdf_preview_get_page_view (preview)));
      iterate_until (frame_painted, &wait, 5);
      g_signal_handler_disconnect (clock, id);
      seconds = (wait.painted - start) / 1e6;
      g_array_append_val (times, seconds);
    }
  return median (times);
}

/* The verdict is against Poppler run back to back, warm, the lower floor; the ratio against
 * Poppler timed at rest just before each selection, as the selection is, follows. */
static void
print_select (const char *what,
              GArray     *ours,
              double      floor_median,
              double      rested_median,
              double      pixel_scale)
{
  double ours_median = median (ours);

  printf ("select to first page, %s: median %.1f ms; Poppler alone (open + draw at %.2f): median %.1f ms; ratio %.2f (target <= 1.5: %s); "
          "against Poppler at rest before each selection (%.1f ms): %.2f\n",
          what, ours_median * 1000, pixel_scale, floor_median * 1000, ours_median / floor_median,
          verdict (ours_median / floor_median <= 1.5), rested_median * 1000, ours_median / rested_median);
}

/* Each document is selected once in an empty pane, not opened before (copies with other
 * bytes); then two of them in turn, each replacing the other in the pane, which keeps
 * both open. */
static void
bench_select (GtkWindow     *window,
              EscPdfPreview *preview,
              gboolean       scanned)
{
  g_autofree char      *pdf = g_build_filename (dir, scanned ? "scan.pdf" : "report.pdf", NULL);
  g_autofree char      *path = g_build_filename (dir, scanned ? "select-scan.esca" : "select.esca", NULL);
  g_autofree char      *assessment = NULL;
  g_autofree char      *bytes = NULL;
  gsize                 length;
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_link_free);
  g_autoptr (GArray)    first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)    again = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)    floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)    rested_times = g_array_new (FALSE, FALSE, sizeof (double));
  double                pixel_scale = 1, floor_median, rested_median;

  if (scanned)
    g_assert_true (esc_test_write_scan_pdf (pdf, 3, &error));
  else
    g_assert_true (esc_test_write_text_pdf (pdf, esc_test_thai_pages, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, &error));
  store = esc_test_workspace_new (path, &assessment);
  for (guint i = 0; i < N_SELECTS + 1; i++)
    {
      g_autofree char    *copy = g_strdup_printf ("%s/copy-%u.pdf", dir, i);
      g_autofree char    *tail = g_strdup_printf ("%% copy %u\n", i);
      g_autoptr (GString) content = g_string_new_len (bytes, length);
      g_autoptr (GFile)   file = g_file_new_for_path (copy);
      EscLink            *link;

      /* A comment after the end: the same document, other bytes. */
      g_string_append (content, tail);
      g_assert_true (g_file_set_contents (copy, content->str, content->len, &error));
      link = esc_store_attach_file (store, file, NULL, assessment, "5", NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (links, link);
      g_unlink (copy);
    }

  for (guint i = 0; i < links->len; i++)
    {
      double floor_seconds;
      double seconds = select_once (window, preview, path, ((EscLink *) g_ptr_array_index (links, i))->document, TRUE,
                                    pdf, i > 0 ? pixel_scale : 0, &floor_seconds);

      pixel_scale = esc_pdf_page_view_get_scale (esc_pdf_preview_get_page_view (preview)) *
                    gtk_widget_get_scale_factor (GTK_WIDGET (preview));
      /* The first run warms the process (fonts, the workspace file's pages). */
      if (i > 0)
        {
          g_array_append_val (first, seconds);
          g_array_append_val (rested_times, floor_seconds);
        }
    }
  for (guint run = 0; run < N_SELECTS + 2; run++)
    {
      const EscDocument *document = ((EscLink *) g_ptr_array_index (links, run % 2))->document;
      double             floor_seconds;
      double             seconds = select_once (window, preview, path, document, FALSE, pdf, pixel_scale, &floor_seconds);

      /* The first two open the documents. */
      if (run >= 2)
        {
          g_array_append_val (again, seconds);
          g_array_append_val (rested_times, floor_seconds);
        }
    }

  for (guint run = 0; run < N_SELECTS + 1; run++)
    {
      double seconds = poppler_alone (pdf, pixel_scale);

      if (run > 0)
        g_array_append_val (floor_times, seconds);
    }

  floor_median = median (floor_times);
  rested_median = median (rested_times);
  print_select (scanned ? "scanned document, first time" : "plain text page, first time ", first, floor_median,
                rested_median, pixel_scale);
  print_select (scanned ? "scanned document, again     " : "plain text page, again      ", again, floor_median,
                rested_median, pixel_scale);
  if (!scanned)
    printf ("  for scale, a frame drawing the page shown again, nothing else: median %.1f ms\n",
            page_frame_time (window, preview) * 1000);
  esc_pdf_preview_clear (preview);
}

typedef struct
{
  GtkAdjustment *adjustment;
  gint64         start;
  double         duration;
  gboolean       done;
} Scroller;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Scroller *scroller = user_data;
  double    t = (g_get_monotonic_time () - scroller->start) / (scroller->duration * G_USEC_PER_SEC);
  double    upper = gtk_adjustment_get_upper (scroller->adjustment) - gtk_adjustment_get_page_size (scroller->adjustment);

  gtk_adjustment_set_value (scroller->adjustment, MIN (t, 1.0) * upper);
  if (t >= 1.0)
    {
      scroller->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_done (gpointer data)
{
  return ((Scroller *) data)->done;
}

static void
bench_thumbnails (GtkWindow     *window,
                  EscPdfPreview *preview)
{
  g_autofree char     *pdf = g_build_filename (dir, "many.pdf", NULL);
  g_autofree char     *path = g_build_filename (dir, "many.esca", NULL);
  g_autofree char     *assessment = NULL;
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GFile)    file = g_file_new_for_path (pdf);
  g_autoptr (EscLink)  link = NULL;
  GdkFrameClock       *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  FrameStats           stats = { 0, 0, g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  Scroller             scroller = { 0 };
  GtkWidget           *list = esc_pdf_preview_get_thumbnail_list (preview);
  gulong               id;
  guint                tick;

  g_assert_true (esc_test_write_pages_pdf (pdf, MANY_PAGES, &error));
  store = esc_test_workspace_new (path, &assessment);
  link = esc_store_attach_file (store, file, NULL, assessment, "5", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &stats);
  esc_pdf_preview_show_document (preview, path, link->document, NULL);
  iterate_until (page_ready, preview, 20);

  /* Scroll the strip top to bottom in 4 s, a frame at a time, while thumbnails come. */
  scroller.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  scroller.start = g_get_monotonic_time ();
  scroller.duration = 4.0;
  /* Only frames while scrolling count: idle time before is not a stall. */
  stats.last = 0;
  stats.longest = 0;
  stats.frames = 0;
  g_array_set_size (stats.gaps, 0);
  g_array_set_size (stats.cpu, 0);
  tick = gtk_widget_add_tick_callback (list, scroll_tick_cb, &scroller, NULL);
  iterate_until (scroll_done, &scroller, 30);
  g_signal_handler_disconnect (clock, id);
  id = 0;
  /* Let the last thumbnails arrive. */
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  if (!scroller.done)
    gtk_widget_remove_tick_callback (list, tick);

  printf ("thumbnailing %u pages:   %u frames, median gap %.1f ms, longest gap %.1f ms (target < 50 ms: %s); %u thumbnails drawn\n",
          MANY_PAGES, stats.frames, stats.gaps->len > 0 ? median (stats.gaps) : 0,
          stats.longest / 1000.0, verdict (stats.longest < 50 * 1000),
          esc_pdf_preview_get_n_thumbnails (preview));
  if (stats.cpu->len > 0)
    {
      double most;

      g_array_sort (stats.cpu, compare_doubles);
      most = g_array_index (stats.cpu, double, stats.cpu->len - 1);
      printf ("  main thread's processor time per frame: median %.1f ms, 99th percentile %.1f ms, most %.1f ms\n",
              median (stats.cpu), g_array_index (stats.cpu, double, (stats.cpu->len * 99) / 100), most);
    }
  g_array_unref (stats.gaps);
  g_array_unref (stats.cpu);
  esc_pdf_preview_clear (preview);
}

static gboolean
wanted (const char *part)
{
  const char *only = g_getenv ("ESC_BENCH_ONLY");

  return only == NULL || only[0] == '\0' || g_str_equal (only, part);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  GtkWidget       *window;
  GtkWidget       *preview;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  /* Absolute times mean little without the machine's load at the time. */
  {
    g_autofree char *loadavg = NULL;

    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      printf ("load average: %s", loadavg);
  }
  tmp = g_dir_make_tmp ("bench-evidence-XXXXXX", NULL);
  dir = tmp;

  if (wanted ("attach"))
    bench_attach ();

  gtk_init ();
  adw_init ();
  /* Links the templates in (the constructor registers them). */
  g_assert_nonnull (esc_get_resource ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  preview = esc_pdf_preview_new ();
  gtk_window_set_child (GTK_WINDOW (window), preview);
  gtk_window_present (GTK_WINDOW (window));
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }

  if (wanted ("select"))
    {
      bench_select (GTK_WINDOW (window), ESC_PDF_PREVIEW (preview), TRUE);
      bench_select (GTK_WINDOW (window), ESC_PDF_PREVIEW (preview), FALSE);
    }
  if (wanted ("thumbnails"))
    bench_thumbnails (GTK_WINDOW (window), ESC_PDF_PREVIEW (preview));

  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autoptr (GFile)           root = g_file_new_for_path (dir);
    g_autoptr (GFileEnumerator) children = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                      G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo                  *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, g_file_info_get_name (info), NULL);

        g_unlink (child);
        g_object_unref (info);
      }
    g_rmdir (dir);
  }
  return 0;
}
