/* test-evidence-gui.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evidence list and the preview pane in a real window: attach through the file
 * chooser's code path and by a drop, see thumbnails and the first page, page forward,
 * zoom, unlock a protected PDF; in the window, each row action (save a copy, open with the
 * viewer, rename, pages and caption, unlink, remove). With ESC_SCREENSHOT_DIR set, saves
 * the preview pane.
 */
#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>

#include "esc-assessment-view.h"
#include "esc-evidence-list.h"
#include "esc-gui-test-util.h"
#include "esc-pdf-preview.h"
#include "esc-resources.h"
#include "esc-test-pdf.h"
#include "esc-test-workspace.h"

/* A Thai substring of page 2 of thai.pdf, and a note that contains it too. */
#define SEARCH_TEXT "พื้นที่สีเขียว"
#define NOTE_TEXT "ตรวจแผนพื้นที่สีเขียวของเทศบาลแล้ว"

static char           *tmp_dir;
static guint           n_fixtures;
static EscApplication *app;

typedef struct
{
  char            *path;
  char            *assessment;
  EscStore        *store;
  GtkWindow       *window;
  EscEvidenceList *list;
  EscPdfPreview   *preview;
} Fixture;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = data_path (name);

  return g_file_new_for_path (path);
}

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_for (Fixture  *f,
          Condition condition,
          double    seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!condition (f))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static void
settle (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
list_idle (Fixture *f)
{
  return !esc_evidence_list_is_busy (f->list);
}

static gboolean
page_ready (Fixture *f)
{
  return esc_pdf_preview_is_page_ready (f->preview);
}

static gboolean
has_thumbnails (Fixture *f)
{
  return esc_pdf_preview_get_n_thumbnails (f->preview) >= 3;
}

static gboolean
not_loading (Fixture *f)
{
  return !g_str_equal (esc_pdf_preview_get_state (f->preview), "loading");
}

static void
open_link_cb (EscEvidenceList *list,
              const char      *link_uuid,
              Fixture         *f)
{
  const EscLink *link = esc_evidence_list_lookup_link (list, link_uuid);

  esc_pdf_preview_show_document (f->preview, f->path, link->document, link->pages);
}

/* Closes the message dialogs as a user would (Escape: the close response), without holding
 * references that would move their dispose out of gtk_window_destroy(). */
static void
close_dialogs (Fixture *f)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_close (l->data);
  settle (0.05);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *dir = g_strdup_printf ("%s/%u", tmp_dir, ++n_fixtures);
  GtkWidget       *paned;
  GtkWidget       *scroller;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  f->path = g_build_filename (dir, "workspace.esca", NULL);
  f->store = esc_test_workspace_new (f->path, &f->assessment);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1024, 600);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  scroller = gtk_scrolled_window_new ();
  f->list = ESC_EVIDENCE_LIST (esc_evidence_list_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (f->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (f->list), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (f->list), 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->list));
  gtk_widget_set_size_request (scroller, 380, -1);
  f->preview = ESC_PDF_PREVIEW (esc_pdf_preview_new ());
  gtk_paned_set_start_child (GTK_PANED (paned), scroller);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (f->preview));
  gtk_paned_set_position (GTK_PANED (paned), 400);
  gtk_window_set_child (f->window, paned);
  g_signal_connect (f->list, "open-link", G_CALLBACK (open_link_cb), f);
  esc_evidence_list_set_item (f->list, f->store, f->assessment, "5");
  gtk_window_present (f->window);
  settle (0.2);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  close_dialogs (f);
  gtk_window_destroy (f->window);
  settle (0.1);
  g_assert_finalize_object (f->store);
  g_free (f->assessment);
  g_free (f->path);
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (data));

  return files != NULL && g_list_model_get_n_items (files) == 1;
}

static void
attach_by_chooser (Fixture    *f,
                   const char *name)
{
  g_autoptr (GtkNativeDialog) chooser = NULL;
  g_autoptr (GFile)           file = data_file (name);
  gint64                      end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* The code path of the Attach button: the chooser, a file picked, Accept. */
  chooser = g_object_ref (esc_evidence_list_choose_files (f->list));
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  while (!chooser_has_file (chooser) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (chooser_has_file (chooser));
  gtk_native_dialog_hide (chooser);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_for (f, list_idle, 20));
}

static void
drop_files (Fixture           *f,
            const char *const *names)
{
  GSList  *files = NULL;
  GValue   value = G_VALUE_INIT;
  gboolean handled = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    files = g_slist_append (files, data_file (names[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);

  g_signal_emit_by_name (esc_evidence_list_get_drop_target (f->list), "drop", &value, 20.0, 20.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  g_assert_true (wait_for (f, list_idle, 20));
}

static guint
find_link (Fixture    *f,
           const char *file_name)
{
  for (guint i = 0; i < esc_evidence_list_get_n_links (f->list); i++)
    if (g_str_equal (esc_evidence_list_get_link (f->list, i)->document->file_name, file_name))
      return i;
  g_assert_not_reached ();
}

static void
open_link (Fixture    *f,
           const char *file_name)
{
  const EscLink *link = esc_evidence_list_get_link (f->list, find_link (f, file_name));

  g_signal_emit_by_name (f->list, "open-link", link->uuid);
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char               *dir = g_getenv ("ESC_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable)  paintable = NULL;
  g_autoptr (GtkSnapshot)   snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture)    texture = NULL;
  g_autofree char          *path = NULL;
  GskRenderer              *renderer;
  int                       width, height;

  if (dir == NULL)
    return;
  settle (0.3);
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("nothing drawn yet for %s", name);
      return;
    }
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
test_attach_and_preview (Fixture      *f,
                         gconstpointer data)
{
  static const char *const dropped[] = { "photo.jpg", "not-a-pdf.pdf", "encrypted.pdf", NULL };
  EscPdfPageView          *view = esc_pdf_preview_get_page_view (f->preview);
  GdkTexture              *texture;
  double                   scale;
  int                      width;

  attach_by_chooser (f, "thai.pdf");
  g_assert_cmpuint (esc_evidence_list_get_n_links (f->list), ==, 1);
  g_assert_cmpstr (esc_evidence_list_get_link (f->list, 0)->document->title, ==, "thai");

  /* A drop of three files: two attached, the text file named .pdf refused by name. */
  drop_files (f, dropped);
  g_assert_cmpuint (esc_evidence_list_get_n_links (f->list), ==, 3);
  g_assert_nonnull (strstr (esc_evidence_list_get_last_error (f->list), "not-a-pdf.pdf"));
  close_dialogs (f);

  /* Select: the first page and the thumbnails appear. */
  open_link (f, "thai.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_cmpstr (esc_pdf_preview_get_state (f->preview), ==, "document");
  g_assert_cmpuint (esc_pdf_preview_get_n_pages (f->preview), ==, 4);
  g_assert_cmpuint (esc_pdf_preview_get_page (f->preview), ==, 0);
  texture = esc_pdf_page_view_get_texture (view);
  g_assert_nonnull (texture);
  scale = esc_pdf_page_view_get_scale (view);
  g_assert_cmpint (gdk_texture_get_width (texture), ==,
                   (int) ceil (595 * scale * gtk_widget_get_scale_factor (GTK_WIDGET (view))));
  g_assert_true (wait_for (f, has_thumbnails, 20));
  settle (0.3);
  save_screenshot (f, "evidence-preview.png");

  /* Page forward, by the key binding's action. */
  gtk_widget_activate_action (GTK_WIDGET (f->preview), "preview.next-page", NULL);
  g_assert_cmpuint (esc_pdf_preview_get_page (f->preview), ==, 1);
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_true (esc_pdf_page_view_get_texture (view) != texture);

  /* Zoom in: a bigger, sharper page. */
  width = gdk_texture_get_width (esc_pdf_page_view_get_texture (view));
  scale = esc_pdf_page_view_get_scale (view);
  gtk_widget_activate_action (GTK_WIDGET (f->preview), "preview.zoom-in", NULL);
  settle (0.1);
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_cmpint (esc_pdf_page_view_get_zoom_mode (view), ==, ESC_ZOOM_FREE);
  g_assert_cmpfloat_with_epsilon (esc_pdf_page_view_get_scale (view), scale * 1.25, 0.01);
  g_assert_cmpint (gdk_texture_get_width (esc_pdf_page_view_get_texture (view)), >, width);

  /* Fit page makes the whole page visible: smaller than fit width here. */
  gtk_widget_activate_action (GTK_WIDGET (f->preview), "preview.fit-page", NULL);
  settle (0.1);
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_cmpfloat (esc_pdf_page_view_get_scale (view), <, scale);
  save_screenshot (f, "evidence-preview-fit-page.png");

  /* A photo shows as one page. */
  open_link (f, "photo.jpg");
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_cmpuint (esc_pdf_preview_get_n_pages (f->preview), ==, 1);
}

static void
test_linked_pages (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError)  error = NULL;
  g_autoptr (GFile)   file = data_file ("thai.pdf");
  g_autoptr (EscLink) link = NULL;

  link = esc_store_attach_file (f->store, file, NULL, f->assessment, "5", "3-4", NULL, NULL, &error);
  g_assert_no_error (error);
  esc_evidence_list_reload (f->list);
  g_assert_cmpuint (esc_evidence_list_get_n_links (f->list), ==, 1);

  /* Opens on the first linked page; the jump goes to the next linked page and round. */
  open_link (f, "thai.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_cmpuint (esc_pdf_preview_get_page (f->preview), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->preview), "preview.linked-page", NULL);
  g_assert_cmpuint (esc_pdf_preview_get_page (f->preview), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (f->preview), "preview.linked-page", NULL);
  g_assert_cmpuint (esc_pdf_preview_get_page (f->preview), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->preview), "preview.first-page", NULL);
  g_assert_cmpuint (esc_pdf_preview_get_page (f->preview), ==, 0);
}

static void
test_password (Fixture      *f,
               gconstpointer data)
{
  static const char *const dropped[] = { "encrypted.pdf", NULL };

  drop_files (f, dropped);
  g_assert_cmpuint (esc_evidence_list_get_n_links (f->list), ==, 1);
  g_assert_true (esc_evidence_list_get_link (f->list, 0)->document->encrypted);

  open_link (f, "encrypted.pdf");
  g_assert_true (wait_for (f, not_loading, 20));
  g_assert_cmpstr (esc_pdf_preview_get_state (f->preview), ==, "locked");
  close_dialogs (f);

  esc_pdf_preview_unlock (f->preview, "wrong");
  g_assert_true (wait_for (f, not_loading, 20));
  g_assert_cmpstr (esc_pdf_preview_get_state (f->preview), ==, "locked");
  g_assert_nonnull (strstr (esc_pdf_preview_get_message (f->preview), "not right"));
  close_dialogs (f);

  esc_pdf_preview_unlock (f->preview, "esc-2567");
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_cmpstr (esc_pdf_preview_get_state (f->preview), ==, "document");
  g_assert_cmpuint (esc_pdf_preview_get_n_pages (f->preview), ==, 4);
}

static gboolean
is_progress_bar (GtkWidget *widget)
{
  return GTK_IS_PROGRESS_BAR (widget);
}

static gboolean
is_stop_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "process-stop-symbolic") == 0;
}

typedef struct
{
  GArray    *fractions;
  gboolean   named; /* the bar said which file */
  GtkWidget *stop;  /* clicked at a quarter, when not NULL */
} FractionLog;

static void
fraction_cb (GtkProgressBar *bar,
             GParamSpec     *pspec,
             FractionLog    *log)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  g_array_append_val (log->fractions, fraction);
  if (fraction > 0 && strstr (gtk_progress_bar_get_text (bar), "big") != NULL)
    log->named = TRUE;
  if (log->stop != NULL && fraction >= 0.25)
    {
      g_signal_emit_by_name (log->stop, "clicked");
      log->stop = NULL;
    }
}

/* Attaching a large file: the bar moves with the bytes, names the file and ends full;
 * Stop leaves nothing of a file half attached. */
static void
test_attach_progress (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char       *big = g_build_filename (tmp_dir, "big.pdf", NULL);
  g_autofree char       *other = g_build_filename (tmp_dir, "big-other.pdf", NULL);
  g_autoptr (GFile)      big_file = g_file_new_for_path (big);
  g_autoptr (GFile)      other_file = g_file_new_for_path (other);
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr (GError)     error = NULL;
  g_autoptr (GPtrArray)  documents = NULL;
  GtkWidget             *bar = esc_test_find_widget (GTK_WIDGET (f->list), is_progress_bar);
  GtkWidget             *stop = esc_test_find_widget (GTK_WIDGET (f->list), is_stop_button);
  FractionLog            log = { g_array_new (FALSE, FALSE, sizeof (double)), FALSE, NULL };
  guint                  between = 0;
  gulong                 id;

  g_assert_nonnull (bar);
  g_assert_nonnull (stop);
  g_assert_true (esc_test_write_big_pdf (big, 48 * 1024 * 1024, &error));
  g_assert_no_error (error);
  g_assert_true (esc_test_write_big_pdf (other, 40 * 1024 * 1024, &error));
  g_assert_no_error (error);

  id = g_signal_connect (bar, "notify::fraction", G_CALLBACK (fraction_cb), &log);
  g_list_store_append (files, big_file);
  esc_evidence_list_attach_files (f->list, G_LIST_MODEL (files));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  g_assert_true (wait_for (f, list_idle, 60));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  g_assert_cmpuint (esc_evidence_list_get_n_links (f->list), ==, 1);
  g_assert_null (esc_evidence_list_get_last_error (f->list));

  g_assert_cmpuint (log.fractions->len, >, 0);
  for (guint i = 0; i < log.fractions->len; i++)
    {
      double fraction = g_array_index (log.fractions, double, i);

      g_test_message ("fraction %.3f", fraction);
      if (i > 0)
        g_assert_cmpfloat (fraction, >=, g_array_index (log.fractions, double, i - 1));
      if (fraction > 0 && fraction < 1)
        between++;
    }
  g_assert_cmpuint (between, >=, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (log.fractions, double, log.fractions->len - 1), 1.0, 1e-9);
  g_assert_true (log.named);

  /* Stopped at a quarter: the file is not attached, nothing is said to be wrong. */
  g_array_set_size (log.fractions, 0);
  log.stop = stop;
  g_list_store_remove_all (files);
  g_list_store_append (files, other_file);
  esc_evidence_list_attach_files (f->list, G_LIST_MODEL (files));
  g_assert_true (wait_for (f, list_idle, 60));
  g_assert_null (log.stop);
  g_assert_cmpuint (esc_evidence_list_get_n_links (f->list), ==, 1);
  g_assert_null (esc_evidence_list_get_last_error (f->list));
  documents = esc_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);

  g_signal_handler_disconnect (bar, id);
  g_array_unref (log.fractions);
  g_unlink (big);
  g_unlink (other);
}

/* The wired window: the indicator page's evidence list, the preview pane, the search. */

typedef struct
{
  EscWindow         *window;
  EscAssessmentView *view;
  EscEvidenceList   *list;
  EscPdfPreview     *preview;
} WindowRun;

static gboolean
window_list_idle (gpointer data)
{
  WindowRun *run = data;

  return !esc_evidence_list_is_busy (run->list);
}

static gboolean
window_page_ready (gpointer data)
{
  WindowRun *run = data;

  return esc_pdf_preview_is_page_ready (run->preview);
}

static gboolean
window_has_thumbnails (gpointer data)
{
  WindowRun *run = data;

  return esc_pdf_preview_get_n_thumbnails (run->preview) >= 3;
}

static gboolean
search_done (gpointer data)
{
  WindowRun *run = data;

  return !esc_assessment_view_is_searching (run->view) &&
         esc_assessment_view_get_n_search_hits (run->view) > 0;
}

static gboolean
workspace_ready (gpointer data)
{
  EscWindow *window = data;

  return !esc_window_is_busy (window) && esc_window_get_workspace (window) != NULL;
}

static gboolean
on_assessment_page (gpointer data)
{
  return g_strcmp0 (esc_window_get_page_name (data), "assessment") == 0;
}

static gboolean
search_field_focused (gpointer data)
{
  WindowRun *run = data;
  GtkWidget *entry = GTK_WIDGET (esc_assessment_view_get_search_entry (run->view));
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (run->window));

  return gtk_widget_get_mapped (entry) && focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
test_window (void)
{
  g_autofree char            *dir = g_strdup_printf ("%s/window", tmp_dir);
  g_autofree char            *path = NULL;
  g_autofree char            *assessment = NULL;
  g_autoptr (GFile)           thai = data_file ("thai.pdf");
  g_autoptr (GtkNativeDialog) chooser = NULL;
  g_autoptr (GPtrArray)       links = NULL;
  GtkDropTarget              *target;
  EscPdfPageView             *view;
  EscIndicatorPage           *page;
  GtkTextBuffer              *buffer;
  GdkTexture                 *first;
  GSList                     *files = NULL;
  GValue                      value = G_VALUE_INIT;
  gboolean                    handled = FALSE, found_note = FALSE, found_page = FALSE;
  double                      scale;
  guint                       page_hit = G_MAXUINT;
  g_auto (GStrv)              accels = NULL;
  GtkWidget                  *search_entry;
  GtkSearchBar               *search_bar;
  WindowRun                   run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, "window.esca", NULL);
  g_object_unref (esc_test_workspace_new (path, &assessment));

  run.window = esc_test_window_new (app);
  esc_window_open_path (run.window, path, FALSE);
  g_assert_true (esc_test_wait (workspace_ready, run.window, 30000));
  run.view = esc_window_get_assessment_view (run.window);
  search_entry = GTK_WIDGET (esc_assessment_view_get_search_entry (run.view));
  search_bar = GTK_SEARCH_BAR (gtk_widget_get_ancestor (search_entry, GTK_TYPE_SEARCH_BAR));
  /* Ctrl+F is the window's, and does nothing until an assessment is open. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search");
  g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>f"));
  gtk_widget_activate_action (GTK_WIDGET (run.window), "win.search", NULL);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  esc_window_open_assessment (run.window, assessment);
  g_assert_true (esc_test_wait (on_assessment_page, run.window, 10000));
  run.list = esc_assessment_view_get_evidence_list (run.view);
  run.preview = esc_assessment_view_get_preview (run.view);
  page = esc_assessment_view_get_page (run.view);
  g_assert_true (esc_assessment_view_go_to_code (run.view, "5"));
  /* The list sits in the indicator page, empty, with the preview pane closed. */
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (run.list), GTK_WIDGET (page)));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 0);
  g_assert_false (esc_assessment_view_is_preview_open (run.view));

  /* The Attach button's code path: the chooser, a file picked, Accept. */
  chooser = g_object_ref (esc_evidence_list_choose_files (run.list));
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), thai, NULL));
  g_assert_true (esc_test_wait (chooser_has_file, chooser, 10000));
  gtk_native_dialog_hide (chooser);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 1);
  links = esc_store_list_links (esc_workspace_get_store (esc_window_get_workspace (run.window)),
                                assessment, "5", NULL);
  g_assert_cmpuint (links->len, ==, 1);

  /* A photo dropped from a file manager anywhere on the indicator page. */
  target = find_drop_target (GTK_WIDGET (page));
  g_assert_nonnull (target);
  files = g_slist_append (files, data_file ("photo.png"));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);
  g_signal_emit_by_name (target, "drop", &value, 100.0, 100.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 2);

  /* Selecting the PDF opens the preview pane: first page, then thumbnails. */
  g_signal_emit_by_name (run.list, "open-link", esc_evidence_list_get_link (run.list, 0)->uuid);
  g_assert_true (esc_assessment_view_is_preview_open (run.view));
  g_assert_true (esc_test_wait (window_page_ready, &run, 20000));
  g_assert_cmpuint (esc_pdf_preview_get_n_pages (run.preview), ==, 4);
  g_assert_cmpuint (esc_pdf_preview_get_page (run.preview), ==, 0);
  view = esc_pdf_preview_get_page_view (run.preview);
  first = esc_pdf_page_view_get_texture (view);
  g_assert_nonnull (first);
  g_assert_true (esc_test_wait (window_has_thumbnails, &run, 20000));

  /* Page forward, then zoom in: a sharper texture at the new scale. */
  gtk_widget_activate_action (GTK_WIDGET (run.preview), "preview.next-page", NULL);
  g_assert_cmpuint (esc_pdf_preview_get_page (run.preview), ==, 1);
  g_assert_true (esc_test_wait (window_page_ready, &run, 20000));
  g_assert_true (esc_pdf_page_view_get_texture (view) != first);
  scale = esc_pdf_page_view_get_scale (view);
  gtk_widget_activate_action (GTK_WIDGET (run.preview), "preview.zoom-in", NULL);
  g_assert_false (esc_pdf_preview_is_page_ready (run.preview));
  g_assert_true (esc_test_wait (window_page_ready, &run, 20000));
  g_assert_cmpfloat_with_epsilon (esc_pdf_page_view_get_scale (view), scale * 1.25, 0.01);

  /* A note with the Thai words, then the search finds it and page 2 of the PDF. */
  buffer = gtk_text_view_get_buffer (esc_indicator_page_get_note_view (page));
  gtk_text_buffer_set_text (buffer, NOTE_TEXT, -1);
  esc_indicator_page_flush_note (page);
  esc_assessment_view_flush (run.view);
  /* Ctrl+F with the focus outside the assessment view (nowhere) opens the search field
   * and puts the focus in it: a real key press when the display allows it. */
  gtk_window_set_focus (GTK_WINDOW (run.window), NULL);
  esc_test_drain (50);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  if (!esc_test_send_keys ("ctrl+f"))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (run.window), "win.search", NULL));
  g_assert_true (esc_test_wait (search_field_focused, &run, 3000));
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (gtk_widget_get_mapped (search_entry));
  esc_assessment_view_search (run.view, SEARCH_TEXT);
  g_assert_true (esc_test_wait (search_done, &run, 20000));
  for (guint i = 0; i < esc_assessment_view_get_n_search_hits (run.view); i++)
    {
      const EscSearchHit *hit = esc_assessment_view_get_search_hit (run.view, i);

      if (hit->kind == ESC_SEARCH_HIT_NOTE && g_str_equal (hit->item_code, "5"))
        found_note = TRUE;
      if (hit->kind == ESC_SEARCH_HIT_PAGE && hit->page == 2)
        {
          found_page = TRUE;
          page_hit = i;
        }
    }
  g_assert_true (found_note);
  g_assert_true (found_page);

  /* The page hit opens that page in the preview. */
  gtk_widget_activate_action (GTK_WIDGET (run.preview), "preview.first-page", NULL);
  g_assert_true (esc_assessment_view_open_search_hit (run.view, page_hit));
  g_assert_cmpuint (esc_pdf_preview_get_page (run.preview), ==, 1);
  g_assert_true (esc_test_wait (window_page_ready, &run, 20000));

  /* Another item: its own, empty list. */
  g_assert_true (esc_assessment_view_go_to_code (run.view, "6"));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 0);

  gtk_window_destroy (GTK_WINDOW (run.window));
  esc_test_drain (100);
}

/* The row actions in the wired window: each goes through the row's menu action and the
 * dialog it opens, and changes the workspace exactly as it says. */

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* A ten-page PDF, so that "3-5, 9" names pages it has. */
static char *
make_ten_page_pdf (const char *dir)
{
  char            *path = g_build_filename (dir, "ten-pages.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t         *cr = cairo_create (surface);

  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("Page %u", i);

      cairo_move_to (cr, 72, 72);
      cairo_set_font_size (cr, 24);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static GtkWidget *
find_row (EscEvidenceList *list,
          const char      *link_uuid)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;)
    {
      if (ADW_IS_ACTION_ROW (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "esc-link"), link_uuid) == 0)
        return child;
      /* Depth first through the list's widgets. */
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            {
              child = gtk_widget_get_parent (child);
              if (child == GTK_WIDGET (list))
                return NULL;
            }
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  return NULL;
}

static const EscLink *
link_of (EscEvidenceList *list,
         const char      *file_name)
{
  for (guint i = 0; i < esc_evidence_list_get_n_links (list); i++)
    if (g_str_equal (esc_evidence_list_get_link (list, i)->document->file_name, file_name))
      return esc_evidence_list_get_link (list, i);
  g_assert_not_reached ();
}

static void
row_action (EscEvidenceList *list,
            const char      *file_name,
            const char      *action)
{
  GtkWidget *row = find_row (list, link_of (list, file_name)->uuid);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, action, NULL));
}

/* The message dialog the last action opened. */
static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_assert_nonnull (found);
  return found;
}

/* Answers the dialog as its button would, then lets it go. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  esc_test_drain (20);
}

static void
close_message_dialogs (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  esc_test_drain (20);
}

static void
show_uri_cb (EscEvidenceList *list,
             const char      *uri,
             char           **shown)
{
  g_free (*shown);
  *shown = g_strdup (uri);
  /* No real viewer in a test. */
  g_signal_stop_emission_by_name (list, "show-uri");
}

/* The chooser applies a folder asynchronously: wait until its file is copy.pdf in the
 * folder asked for, not in the folder it started in. */
static gboolean
chooser_has_name (gpointer data)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));
  g_autoptr (GFile) wanted = NULL;

  if (file == NULL)
    return FALSE;
  wanted = g_file_new_build_filename (g_object_get_data (G_OBJECT (data), "test-folder"), "copy.pdf", NULL);
  return g_file_equal (file, wanted);
}

static void
edit_pages (EscEvidenceList *list,
            const char      *file_name,
            const char      *pages,
            const char      *caption)
{
  AdwMessageDialog *dialog;

  row_action (list, file_name, "row.edit");
  dialog = find_message_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "esc-pages"), pages);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "esc-caption"), caption);
  answer (dialog, "save");
}

static void
test_row_actions (void)
{
  g_autofree char            *dir = g_strdup_printf ("%s/row-actions", tmp_dir);
  g_autofree char            *path = NULL;
  g_autofree char            *assessment = NULL;
  g_autofree char            *pdf = NULL;
  g_autofree char            *png = data_path ("photo.png");
  g_autofree char            *pdf_sha = NULL;
  g_autofree char            *png_sha = NULL;
  g_autofree char            *copy = NULL;
  g_autofree char            *copy_sha = NULL;
  g_autofree char            *shown = NULL;
  g_autofree char            *shown_path = NULL;
  g_autofree char            *shown_sha = NULL;
  g_autofree char            *cache = NULL;
  g_autofree char            *doc_uuid = NULL;
  g_autofree char            *link_uuid = NULL;
  g_autofree char            *photo_uuid = NULL;
  g_autoptr (GError)          error = NULL;
  g_autoptr (GListStore)      files = g_list_store_new (G_TYPE_FILE);
  g_autoptr (GFile)           pdf_file = NULL;
  g_autoptr (GFile)           png_file = NULL;
  g_autoptr (GFile)           copy_dir = NULL;
  g_autoptr (GtkNativeDialog) chooser = NULL;
  g_autoptr (GPtrArray)       links = NULL;
  g_autoptr (EscDocument)     document = NULL;
  g_autoptr (GInputStream)    blob = NULL;
  const char *const           bad[] = { "9-3", "abc" };
  AdwMessageDialog           *dialog;
  EscStore                   *store;
  WindowRun                   run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, "rows.esca", NULL);
  g_object_unref (esc_test_workspace_new (path, &assessment));
  pdf = make_ten_page_pdf (dir);
  pdf_sha = file_sha256 (pdf);
  png_sha = file_sha256 (png);

  run.window = esc_test_window_new (app);
  esc_window_open_path (run.window, path, FALSE);
  g_assert_true (esc_test_wait (workspace_ready, run.window, 30000));
  esc_window_open_assessment (run.window, assessment);
  g_assert_true (esc_test_wait (on_assessment_page, run.window, 10000));
  run.view = esc_window_get_assessment_view (run.window);
  run.list = esc_assessment_view_get_evidence_list (run.view);
  g_assert_true (esc_assessment_view_go_to_code (run.view, "5"));
  store = esc_workspace_get_store (esc_window_get_workspace (run.window));
  g_signal_connect (run.list, "show-uri", G_CALLBACK (show_uri_cb), &shown);

  pdf_file = g_file_new_for_path (pdf);
  png_file = g_file_new_for_path (png);
  g_list_store_append (files, pdf_file);
  g_list_store_append (files, png_file);
  esc_evidence_list_attach_files (run.list, G_LIST_MODEL (files));
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 2);
  g_assert_cmpuint (link_of (run.list, "ten-pages.pdf")->document->n_pages, ==, 10);
  doc_uuid = g_strdup (link_of (run.list, "ten-pages.pdf")->document->uuid);
  link_uuid = g_strdup (link_of (run.list, "ten-pages.pdf")->uuid);
  photo_uuid = g_strdup (link_of (run.list, "photo.png")->document->uuid);

  /* Save a copy…: the save chooser, a name picked, Accept; the same bytes come out. */
  chooser = g_object_ref (esc_evidence_list_save_copy (run.list, link_uuid));
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  copy_dir = g_file_new_for_path (dir);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), copy_dir, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "copy.pdf");
  g_object_set_data_full (G_OBJECT (chooser), "test-folder", g_strdup (dir), g_free);
  g_assert_true (esc_test_wait (chooser_has_name, chooser, 10000));
  gtk_native_dialog_hide (chooser);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  copy = g_build_filename (dir, "copy.pdf", NULL);
  copy_sha = file_sha256 (copy);
  g_assert_cmpstr (copy_sha, ==, pdf_sha);

  /* Open with the default viewer: a copy in the cache with the same bytes is handed to
   * the launcher (stopped here). */
  row_action (run.list, "photo.png", "row.open-external");
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_nonnull (shown);
  shown_path = g_filename_from_uri (shown, NULL, &error);
  g_assert_no_error (error);
  cache = g_build_filename (g_get_user_cache_dir (), "esc-assessor", "open", NULL);
  g_assert_true (g_str_has_prefix (shown_path, cache));
  g_assert_true (g_str_has_suffix (shown_path, "photo.png"));
  shown_sha = file_sha256 (shown_path);
  g_assert_cmpstr (shown_sha, ==, png_sha);

  /* Rename: the document's title changes in the workspace and in the row. */
  row_action (run.list, "ten-pages.pdf", "row.rename");
  dialog = find_message_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "esc-title"), "แผนพื้นที่สีเขียว 2567");
  answer (dialog, "save");
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  document = esc_store_get_document (store, doc_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->title, ==, "แผนพื้นที่สีเขียว 2567");
  g_assert_cmpstr (link_of (run.list, "ten-pages.pdf")->document->title, ==, "แผนพื้นที่สีเขียว 2567");
  g_clear_pointer (&document, esc_document_free);

  /* Pages and a caption: the link row changes. */
  edit_pages (run.list, "ten-pages.pdf", "3-5, 9", "แผนที่และตาราง");
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_null (esc_evidence_list_get_last_error (run.list));
  links = esc_store_list_links (store, assessment, "5", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  for (guint i = 0; i < links->len; i++)
    {
      EscLink *link = g_ptr_array_index (links, i);

      if (g_str_equal (link->uuid, link_uuid))
        {
          g_assert_cmpstr (link->pages, ==, "3-5, 9");
          g_assert_cmpstr (link->caption, ==, "แผนที่และตาราง");
        }
    }
  g_clear_pointer (&links, g_ptr_array_unref);

  /* Bad ranges: a message that names the fault, and the link as it was. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      EscLink *link;

      edit_pages (run.list, "ten-pages.pdf", bad[i], "changed");
      g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
      g_assert_nonnull (esc_evidence_list_get_last_error (run.list));
      g_test_message ("%s: %s", bad[i], esc_evidence_list_get_last_error (run.list));
      g_assert_nonnull (strstr (esc_evidence_list_get_last_error (run.list), i == 0 ? "backwards" : "not a list of pages"));
      close_message_dialogs ();
      links = esc_store_list_links (store, assessment, "5", &error);
      g_assert_no_error (error);
      link = g_ptr_array_index (links, g_str_equal (((EscLink *) g_ptr_array_index (links, 0))->uuid, link_uuid) ? 0 : 1);
      g_assert_cmpstr (link->uuid, ==, link_uuid);
      g_assert_cmpstr (link->pages, ==, "3-5, 9");
      g_assert_cmpstr (link->caption, ==, "แผนที่และตาราง");
      g_clear_pointer (&links, g_ptr_array_unref);
    }

  /* Unlink the PDF: the link goes, the document stays in the workspace. */
  row_action (run.list, "ten-pages.pdf", "row.unlink");
  answer (find_message_dialog (), "unlink");
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 1);
  document = esc_store_get_document (store, doc_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (document->n_links, ==, 0);
  g_clear_pointer (&document, esc_document_free);

  /* Removing the photo nothing else links asks first: cancel keeps everything. */
  row_action (run.list, "photo.png", "row.unlink");
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "remove"));
  document = esc_store_get_document (store, photo_uuid, &error);
  g_assert_no_error (error);
  g_clear_pointer (&document, esc_document_free);
  answer (dialog, "cancel");
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 1);

  /* Confirmed: the link, the document and its bytes are gone. */
  row_action (run.list, "photo.png", "row.unlink");
  answer (find_message_dialog (), "remove");
  g_assert_true (esc_test_wait (window_list_idle, &run, 20000));
  g_assert_cmpuint (esc_evidence_list_get_n_links (run.list), ==, 0);
  document = esc_store_get_document (store, photo_uuid, &error);
  g_assert_null (document);
  g_assert_nonnull (error);
  g_clear_error (&error);
  blob = esc_store_open_blob (store, png_sha, &error);
  g_assert_null (blob);
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* The PDF's bytes, still a document, are still there. */
  blob = esc_store_open_blob (store, pdf_sha, &error);
  g_assert_no_error (error);
  g_assert_nonnull (blob);
  g_clear_object (&blob);

  gtk_window_destroy (GTK_WINDOW (run.window));
  esc_test_drain (100);
}

static gboolean
is_stack (GtkWidget *widget)
{
  return GTK_IS_STACK (widget);
}

static gboolean
is_heading (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "heading");
}

typedef struct
{
  Fixture    *f;
  GtkStack   *stack;
  GtkLabel   *title;
  GdkTexture *old_texture;
  char       *old_title;
  gint64      start;
  guint       frames;
  guint       frames_held;
} SwitchLog;

/* Each frame painted in the grace period shows the previous document as it was, or the
 * new one with its page: never a spinner, an empty page or a title over the old page. */
static void
switch_frame_cb (GdkFrameClock *clock,
                 SwitchLog     *log)
{
  GdkTexture *texture = esc_pdf_page_view_get_texture (esc_pdf_preview_get_page_view (log->f->preview));
  gboolean    old_title = g_str_equal (gtk_label_get_label (log->title), log->old_title);

  if (g_get_monotonic_time () - log->start > 90 * 1000)
    return;
  log->frames++;
  g_assert_cmpstr (gtk_stack_get_visible_child_name (log->stack), ==, "document");
  if (old_title)
    {
      g_assert_true (texture == log->old_texture);
      log->frames_held++;
    }
  else
    {
      g_assert_nonnull (texture);
      g_assert_true (texture != log->old_texture);
    }
}

/* Attaches thai.pdf (dropped) and a ten-page PDF made in tmp_dir/subdir (chosen). */
static void
attach_two (Fixture    *f,
            const char *subdir)
{
  static const char *const dropped[] = { "thai.pdf", NULL };
  g_autofree char         *dir = g_build_filename (tmp_dir, subdir, NULL);
  g_autofree char         *ten = NULL;
  g_autoptr (GFile)        ten_file = NULL;
  g_autoptr (GListStore)   files = g_list_store_new (G_TYPE_FILE);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  ten = make_ten_page_pdf (dir);
  ten_file = g_file_new_for_path (ten);
  drop_files (f, dropped);
  g_list_store_append (files, ten_file);
  esc_evidence_list_attach_files (f->list, G_LIST_MODEL (files));
  g_assert_true (wait_for (f, list_idle, 20));
  g_assert_cmpuint (esc_evidence_list_get_n_links (f->list), ==, 2);
}

/* Selecting another document: the pane keeps the one shown until the new first page is
 * drawn, then changes at once. */
static void
test_switch_once (Fixture      *f,
                  gconstpointer data)
{
  EscPdfPageView *view = esc_pdf_preview_get_page_view (f->preview);
  GdkFrameClock  *clock;
  SwitchLog       log = { f };
  gulong          id;

  attach_two (f, "switch");

  open_link (f, "thai.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_true (wait_for (f, has_thumbnails, 20));
  settle (0.3);

  log.stack = GTK_STACK (esc_test_find_widget (GTK_WIDGET (f->preview), is_stack));
  log.title = GTK_LABEL (esc_test_find_widget (GTK_WIDGET (f->preview), is_heading));
  log.old_texture = esc_pdf_page_view_get_texture (view);
  log.old_title = g_strdup (gtk_label_get_label (log.title));
  g_assert_nonnull (log.old_texture);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (switch_frame_cb), &log);
  log.start = g_get_monotonic_time ();
  open_link (f, "ten-pages.pdf");

  /* Nothing has changed yet: the new document is on its way. */
  g_assert_false (esc_pdf_preview_is_page_ready (f->preview));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (log.stack), ==, "document");
  g_assert_cmpstr (gtk_label_get_label (log.title), ==, log.old_title);
  g_assert_true (esc_pdf_page_view_get_texture (view) == log.old_texture);

  g_assert_true (wait_for (f, page_ready, 20));
  g_signal_handler_disconnect (clock, id);
  g_test_message ("%u frames in the grace period, %u of them with the previous document", log.frames,
                  log.frames_held);
  g_assert_cmpstr (gtk_label_get_label (log.title), !=, log.old_title);
  g_assert_cmpuint (esc_pdf_preview_get_n_pages (f->preview), ==, 10);
  g_assert_true (esc_pdf_page_view_get_texture (view) != log.old_texture);
  g_free (log.old_title);
}

typedef struct
{
  Fixture *f;
  guint    frames;
  gboolean ready_at_first_frame;
} AgainLog;

static void
again_frame_cb (GdkFrameClock *clock,
                AgainLog      *log)
{
  if (log->frames++ == 0)
    log->ready_at_first_frame = esc_pdf_preview_is_page_ready (log->f->preview);
}

/* A document shown again while it is kept open shows the page it opens on as drawn the
 * first time, in the first frame after it is selected, without drawing it again. */
static void
test_shown_again (Fixture      *f,
                  gconstpointer data)
{
  EscPdfPageView        *view = esc_pdf_preview_get_page_view (f->preview);
  g_autoptr (GdkTexture) first = NULL;
  g_autoptr (GdkTexture) other = NULL;
  AgainLog               log = { f };
  GdkFrameClock         *clock;
  gulong                 id;

  attach_two (f, "again");

  open_link (f, "thai.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  /* Held here, so that no later texture can have its address. */
  first = g_object_ref (esc_pdf_page_view_get_texture (view));
  /* Read further: shown again, the document still opens on its first page. */
  esc_pdf_preview_set_page (f->preview, 2);
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_true (esc_pdf_page_view_get_texture (view) != first);
  open_link (f, "ten-pages.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  other = g_object_ref (esc_pdf_page_view_get_texture (view));
  g_assert_true (other != first);
  settle (0.2);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (again_frame_cb), &log);
  open_link (f, "thai.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  g_signal_handler_disconnect (clock, id);
  g_assert_cmpuint (esc_pdf_preview_get_page (f->preview), ==, 0);
  g_assert_true (esc_pdf_page_view_get_texture (view) == first);
  g_assert_true (log.ready_at_first_frame);

  /* And back: the other one kept its page too. */
  open_link (f, "ten-pages.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_true (esc_pdf_page_view_get_texture (view) == other);

  /* Closing the pane lets go of what the documents kept. */
  esc_pdf_preview_clear (f->preview);
  open_link (f, "thai.pdf");
  g_assert_true (wait_for (f, page_ready, 20));
  g_assert_true (esc_pdf_page_view_get_texture (view) != first);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's XDG data dirs (schemas, MIME
   * types, icons); the workspaces go in a directory of their own. */
  esc_test_setup_env (FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  app = esc_test_application ();
  tmp_dir = g_dir_make_tmp ("test-evidence-gui-XXXXXX", NULL);
  /* Links the templates in (the constructor registers them). */
  g_assert_nonnull (esc_get_resource ());

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/evidence/attach-and-preview", test_attach_and_preview);
  ADD ("/gui/evidence/linked-pages", test_linked_pages);
  ADD ("/gui/evidence/password", test_password);
  ADD ("/gui/evidence/attach-progress", test_attach_progress);
  ADD ("/gui/evidence/switch-once", test_switch_once);
  ADD ("/gui/evidence/shown-again", test_shown_again);
#undef ADD
  g_test_add_func ("/gui/evidence/window", test_window);
  g_test_add_func ("/gui/evidence/row-actions", test_row_actions);

  status = g_test_run ();
  g_clear_object (&app);
  esc_test_remove_tree (tmp_dir);
  return status;
}
