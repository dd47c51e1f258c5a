/* test-merge-views.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conflict view resolving a conflict by a click, the history view showing it, and the
 * review loop (submit, return with a comment, fix, accept) driven through the review panel's
 * buttons. With ESC_SCREENSHOT_DIR set, each step is also saved as a PNG there.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "esc-conflict-view.h"
#include "esc-history-view.h"
#include "esc-merge-window.h"
#include "esc-merge.h"
#include "esc-review-panel.h"
#include "esc-resources.h"
#include "esc-review.h"

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static void
drain (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char               *dir = g_getenv ("ESC_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable)  paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture)    texture = NULL;
  g_autofree char          *file = NULL;
  g_autofree char          *path = NULL;
  GtkSnapshot              *snapshot;
  GskRenderer              *renderer;
  int                       width, height;

  if (dir == NULL)
    return;
  drain (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s-%dx%d.png", name, width, height);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("# screenshot %s\n", path);
}

/* The first button under widget whose label is label (translated as the widget shows it). */
static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return GTK_BUTTON (child);
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static GtkEditable *
find_entry (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found;

      if (GTK_IS_ENTRY (child))
        return GTK_EDITABLE (child);
      if ((found = find_entry (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkButton *button = find_button (root, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

static void
set_value (EscStore   *store,
           const char *assessment,
           const char *item,
           const char *key,
           double      value)
{
  g_autoptr (GError) error = NULL;
  EscAnswerChange    change;

  esc_answer_change_init (&change, item);
  esc_answer_change_set_value (&change, key, value);
  esc_store_apply_answer (store, assessment, &change, NULL, &error);
  g_assert_no_error (error);
}

/* A workspace with one assessment of one local government; returns its path. */
static char *
make_workspace (const char *dir,
                char      **assessment_out)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (EscLao)       found = NULL;
  g_autoptr (GError)       error = NULL;
  g_autofree char         *framework_uuid = NULL;
  char                    *path = g_build_filename (dir, "base.esca", NULL);
  EscLao                  *lao = esc_lao_new ();

  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "สมชาย ใจดี");
  lao->code = g_strdup ("6330101");
  lao->name = g_strdup ("เทศบาลเมืองศรีสะเกษ");
  lao->type = g_strdup ("town");
  lao->district = g_strdup ("เมืองศรีสะเกษ");
  lao->province = g_strdup ("ศรีสะเกษ");
  g_ptr_array_add (laos, lao);
  esc_store_import_laos (store, laos, NULL, NULL, &error);
  g_assert_no_error (error);
  found = esc_store_find_lao (store, "6330101", &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_assert_no_error (error);
  *assessment_out = esc_store_create_assessment (store, found->uuid, 2568, framework_uuid, "self", "สมชาย ใจดี", &error);
  g_assert_no_error (error);
  set_value (store, *assessment_out, "3", "process", 4);
  return path;
}

static double
score_of (const char *path,
          const char *item,
          const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT json_extract (scores, '$.%s') FROM answers WHERE item_code = '%s'", key, item);
  sqlite3_stmt    *stmt = NULL;
  sqlite3         *db = NULL;
  double           value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static GtkWidget *
show_in_window (GtkWidget  *child,
                const char *title,
                int         width,
                int         height)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (child, TRUE);
  gtk_box_append (GTK_BOX (box), child);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  drain (200);
  return window;
}

static gboolean
conflict_view_settled (gpointer data)
{
  return !esc_conflict_view_is_busy (data);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char      *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_conflict_view_resolve (void)
{
  g_autofree char           *dir = g_dir_make_tmp ("esc-gui-merge-XXXXXX", NULL);
  g_autofree char           *assessment = NULL;
  g_autofree char           *base = make_workspace (dir, &assessment);
  g_autofree char           *a = g_build_filename (dir, "a.esca", NULL);
  g_autofree char           *b = g_build_filename (dir, "b.esca", NULL);
  g_autoptr (EscStore)       store = NULL;
  g_autoptr (EscMergeReport) report = NULL;
  g_autoptr (GPtrArray)      resolved = NULL;
  g_autoptr (GError)         error = NULL;
  EscConflictView           *view;
  EscHistoryView            *history;
  GtkWidget                 *window;
  GtkWidget                 *paned;

  copy_file (base, a);
  copy_file (base, b);
  store = esc_store_open (b, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "มานี มีนา");
  set_value (store, assessment, "3", "process", 9);
  g_clear_object (&store);

  store = esc_store_open (a, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "สมชาย ใจดี");
  set_value (store, assessment, "3", "process", 6);
  report = esc_merge_file (store, b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_conflicts_added, ==, 1);

  view = ESC_CONFLICT_VIEW (esc_conflict_view_new ());
  esc_conflict_view_set_author (view, "ประธานคณะทำงาน");
  esc_conflict_view_set_store (view, store);
  esc_conflict_view_set_assessment (view, assessment);
  g_assert_cmpuint (esc_conflict_view_get_n_conflicts (view), ==, 1);

  history = ESC_HISTORY_VIEW (esc_history_view_new ());
  paned = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (paned), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (paned), GTK_WIDGET (history));
  gtk_widget_set_margin_bottom (GTK_WIDGET (history), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (history), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (history), 12);
  window = show_in_window (paned, _ ("Merge Conflicts"), 1024, 600);
  screenshot (window, "conflict-view");

  /* The later value (B's 9, or the greater at the same second) is in the cell; take the other. */
  {
    double shown = score_of (a, "3", "process");
    g_assert_true (shown == 9 || shown == 6);
    click (GTK_WIDGET (view), _ ("_Use This"));
    g_assert_true (wait_for (conflict_view_settled, view));
    g_assert_cmpuint (esc_conflict_view_get_n_conflicts (view), ==, 0);
    g_assert_cmpfloat (score_of (a, "3", "process"), ==, shown == 9 ? 6 : 9);
  }

  resolved = esc_merge_list_conflicts (store, assessment, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resolved->len, ==, 1);
  g_assert_cmpstr (((EscConflict *) resolved->pdata[0])->resolved_by, ==, "ประธานคณะทำงาน");

  /* The decision and both assessors' changes are in the indicator's history. */
  esc_history_view_show (history, store, assessment, "3");
  g_assert_cmpuint (esc_history_view_get_n_rows (history), >=, 3);
  screenshot (window, "conflict-view-resolved");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  remove_dir (dir);
}

typedef struct
{
  EscReviewPanel *panel;
  const char     *status;
  guint           n_comments;
} PanelState;

static gboolean
panel_reached (gpointer data)
{
  PanelState *state = data;

  return !esc_review_panel_is_busy (state->panel) &&
         g_strcmp0 (esc_review_panel_get_status (state->panel), state->status) == 0 &&
         esc_review_panel_get_n_comments (state->panel) == state->n_comments;
}

static void
wait_panel (EscReviewPanel *panel,
            const char     *status,
            guint           n_comments)
{
  PanelState state = { panel, status, n_comments };

  g_assert_true (wait_for (panel_reached, &state));
}

static void
test_review_panel_loop (void)
{
  g_autofree char       *dir = g_dir_make_tmp ("esc-gui-review-XXXXXX", NULL);
  g_autofree char       *assessment = NULL;
  g_autofree char       *path = make_workspace (dir, &assessment);
  g_autoptr (EscStore)   store = NULL;
  g_autoptr (GHashTable) verdicts = NULL;
  g_autoptr (GError)     error = NULL;
  EscReviewPanel        *panel;
  GtkWidget             *window;
  GtkWidget             *clamp;

  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  panel = ESC_REVIEW_PANEL (esc_review_panel_new ());
  esc_review_panel_show (panel, store, assessment, "3");
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (panel));
  gtk_widget_set_margin_top (GTK_WIDGET (panel), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (panel), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (panel), 12);
  window = show_in_window (clamp, _ ("Review"), 1024, 600);
  wait_panel (panel, "draft", 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (panel), _ ("Accept as _Reviewed")))));

  /* The assessor submits. */
  esc_review_panel_set_author (panel, "สมชาย ใจดี");
  click (GTK_WIDGET (panel), _ ("_Submit for Review"));
  wait_panel (panel, "submitted", 0);

  /* The reviewer asks for a fix on this indicator and returns the assessment. */
  esc_review_panel_set_author (panel, "ผู้ตรวจ จังหวัด");
  gtk_editable_set_text (find_entry (GTK_WIDGET (panel)), "แนบภาพถ่ายกิจกรรมและรายงานการประชุม");
  click (GTK_WIDGET (panel), _ ("_Needs a Fix"));
  wait_panel (panel, "submitted", 1);
  gtk_editable_set_text (find_entry (GTK_WIDGET (panel)), "ตัวชี้วัดที่ 3 ยังขาดหลักฐาน");
  click (GTK_WIDGET (panel), _ ("_Return for Correction"));
  wait_panel (panel, "returned", 1);
  screenshot (window, "review-returned");
  verdicts = esc_review_get_verdicts (store, assessment, &error);
  g_assert_cmpstr (g_hash_table_lookup (verdicts, "3"), ==, ESC_REVIEW_NEEDS_FIX);
  g_clear_pointer (&verdicts, g_hash_table_unref);

  /* The assessor fixes the indicator and submits again. */
  esc_store_set_author (store, "สมชาย ใจดี");
  set_value (store, assessment, "3", "process", 8);
  esc_review_panel_set_author (panel, "สมชาย ใจดี");
  click (GTK_WIDGET (panel), _ ("_Submit for Review"));
  wait_panel (panel, "submitted", 1);

  /* The reviewer accepts the indicator, then the assessment. */
  esc_review_panel_set_author (panel, "ผู้ตรวจ จังหวัด");
  click (GTK_WIDGET (panel), _ ("_Accept Indicator"));
  wait_panel (panel, "submitted", 2);
  click (GTK_WIDGET (panel), _ ("Accept as _Reviewed"));
  wait_panel (panel, "reviewed", 2);
  screenshot (window, "review-accepted");

  verdicts = esc_review_get_verdicts (store, assessment, &error);
  g_assert_cmpstr (g_hash_table_lookup (verdicts, "3"), ==, ESC_REVIEW_ACCEPTED);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (panel), _ ("_Submit for Review")))));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  remove_dir (dir);
}

static gboolean
merge_window_settled (gpointer data)
{
  return !esc_merge_window_is_busy (data);
}

static void
count_merged (guint *n_merged)
{
  (*n_merged)++;
}

/* "Merge workspace…" without the file chooser: the report and the conflict to resolve. */
static void
test_merge_window (void)
{
  g_autofree char     *dir = g_dir_make_tmp ("esc-gui-merge-window-XXXXXX", NULL);
  g_autofree char     *assessment = NULL;
  g_autofree char     *base = make_workspace (dir, &assessment);
  g_autofree char     *a = g_build_filename (dir, "a.esca", NULL);
  g_autofree char     *b = g_build_filename (dir, "b.esca", NULL);
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  const char          *paths[] = { b, NULL };
  EscMergeWindow      *window;
  guint                n_merged = 0;

  copy_file (base, a);
  copy_file (base, b);
  store = esc_store_open (b, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "มานี มีนา");
  set_value (store, assessment, "3", "process", 9);
  set_value (store, assessment, "5", "output", 2);
  g_clear_object (&store);
  store = esc_store_open (a, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "สมชาย ใจดี");
  set_value (store, assessment, "3", "process", 6);

  window = esc_merge_window_new (NULL, store, "สมชาย ใจดี");
  g_signal_connect_swapped (window, "merged", G_CALLBACK (count_merged), &n_merged);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  gtk_window_present (GTK_WINDOW (window));
  esc_merge_window_merge (window, paths);
  g_assert_true (wait_for (merge_window_settled, window));
  g_assert_cmpuint (n_merged, ==, 1);
  g_assert_cmpuint (esc_merge_window_get_n_conflicts (window), ==, 1);
  g_assert_cmpfloat (score_of (a, "5", "output"), ==, 2);
  screenshot (GTK_WIDGET (window), "merge-window");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  remove_dir (dir);
}

static void
test_views_finalize (void)
{
  GtkWidget *widgets[] = { esc_conflict_view_new (), esc_history_view_new (), esc_review_panel_new () };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_object_ref_sink (widgets[i]);
      g_assert_finalize_object (widgets[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *build_dir = g_getenv ("ESC_BUILD_DIR");

  /* Thai screenshots need the catalogue of the build tree. */
  if (build_dir != NULL)
    {
      g_autofree char *localedir = g_build_filename (build_dir, "po", NULL);
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () keeps the C locale; screenshots are taken in the user's language. */
  if (g_getenv ("ESC_SCREENSHOT_DIR") != NULL)
    setlocale (LC_ALL, "");
  adw_init ();
  /* Links the templates in from the static library, and styles them as the application does. */
  g_assert_nonnull (esc_get_resource ());
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/escassessor/Assessor/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/gui/merge-views/finalize", test_views_finalize);
  g_test_add_func ("/gui/conflict-view/resolve", test_conflict_view_resolve);
  g_test_add_func ("/gui/review-panel/loop", test_review_panel_loop);
  g_test_add_func ("/gui/merge-window/merge", test_merge_window);

  return g_test_run ();
}
