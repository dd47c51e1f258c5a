/* test-window-merge.c: merging a workspace file and reading an indicator's history and
 * review comments, in the real window
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "esc-gui-test-util.h"
#include "esc-history-view.h"
#include "esc-history.h"
#include "esc-merge-window.h"
#include "esc-review.h"

#define ITEM "3"

static EscApplication *app;

typedef struct
{
  char *dir;
  char *path;
  char *assessment;
} Fixture;

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
fixture_setup (Fixture      *f,
               gconstpointer unused)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("esc-window-merge-XXXXXX", NULL);
  f->path = esc_test_make_workspace (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (esc_test_assess (f->path, 1, 5, &error));
  g_assert_no_error (error);
  f->assessment = esc_test_first_assessment (f->path);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char      *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer unused)
{
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->assessment);
}

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

static EscWindow *
open_assessment (Fixture *f)
{
  EscWindow *window = esc_test_window_new (app);
  void      *args[] = { window, (void *) "assessment" };

  esc_window_set_initial_assessment (window, f->assessment);
  esc_window_open_path (window, f->path, FALSE);
  g_assert_true (esc_test_wait (on_page, args, 30000));

  return window;
}

/* The first toplevel of the type, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static double
shown_score (EscWindow *window)
{
  EscAssessmentView *view = esc_window_get_assessment_view (window);
  EscIndicatorPage  *page = esc_assessment_view_get_page (view);

  g_assert_true (esc_assessment_view_go_to_code (view, ITEM));
  return esc_score_row_get_value (esc_indicator_page_get_score_row (page, 0));
}

static gboolean
merge_settled (gpointer data)
{
  return !esc_merge_window_is_busy (data);
}

static void
count (guint *n)
{
  (*n)++;
}

/* win.merge-workspace brings a score changed in another copy into the assessment shown. */
static void
test_merge (Fixture      *f,
            gconstpointer unused)
{
  g_autofree char    *other = g_build_filename (f->dir, "other.esca", NULL);
  g_autoptr (GError)  error = NULL;
  const char         *paths[] = { other, NULL };
  EscWindow          *window;
  EscMergeWindow     *merge_window;
  const EscIndicator *item;
  void               *args[2];
  double              before;
  guint               n_merged = 0;

  copy_file (f->path, other);
  {
    g_autoptr (EscStore) store = esc_store_open (other, ESC_STORE_OPEN_DEFAULT, &error);
    EscAnswerChange      change;

    g_assert_no_error (error);
    esc_store_set_author (store, "มานี มีนา");
    esc_answer_change_init (&change, ITEM);
    esc_answer_change_set_value (&change, "process", 1);
    g_assert_true (esc_store_apply_answer (store, f->assessment, &change, NULL, &error));
    g_assert_no_error (error);
  }

  window = open_assessment (f);
  item = esc_indicator_page_get_item (esc_assessment_view_get_page (esc_window_get_assessment_view (window)));
  g_assert_nonnull (item);
  before = shown_score (window);
  g_assert_cmpfloat (before, !=, 1);
  g_assert_null (find_toplevel (ESC_TYPE_MERGE_WINDOW));

  /* The menu item's action opens the Merge Workspaces window; the file is given to it as
   * the file chooser would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-workspace", NULL));
  merge_window = ESC_MERGE_WINDOW (find_toplevel (ESC_TYPE_MERGE_WINDOW));
  g_assert_nonnull (merge_window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (merge_window)) == GTK_WINDOW (window));
  g_signal_connect_swapped (merge_window, "merged", G_CALLBACK (count), &n_merged);
  esc_merge_window_merge (merge_window, paths);
  g_assert_true (esc_test_wait (merge_settled, merge_window, 30000));
  g_assert_cmpuint (n_merged, ==, 1);

  /* The window read the workspace again and still shows the assessment, with the score. */
  args[0] = window;
  args[1] = (void *) "assessment";
  g_assert_true (esc_test_wait (on_page, args, 30000));
  g_assert_cmpstr (esc_assessment_view_get_assessment (esc_window_get_assessment_view (window))->uuid, ==, f->assessment);
  g_assert_cmpfloat (shown_score (window), ==, 1);

  gtk_window_destroy (GTK_WINDOW (merge_window));
  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);
}

static guint
n_history (Fixture    *f,
           const char *code)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
  g_autoptr (GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = esc_history_list (store, f->assessment, code, &error);
  g_assert_no_error (error);

  return entries->len;
}

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

/* Clicks the page's History button; returns the history window. */
static GtkWindow *
open_history (EscWindow *window)
{
  EscIndicatorPage *page = esc_assessment_view_get_page (esc_window_get_assessment_view (window));
  GtkButton        *button = find_button (GTK_WIDGET (page), "_History");
  GtkWidget        *history;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  esc_test_drain (50);
  history = find_toplevel (ADW_TYPE_WINDOW);
  g_assert_nonnull (history);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (history)) == GTK_WINDOW (window));

  return GTK_WINDOW (history);
}

static gboolean
saved (gpointer data)
{
  EscAssessmentView *view = data;

  return esc_workspace_get_n_pending (esc_window_get_workspace (ESC_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))))) == 0 &&
         esc_assessment_view_get_saved_at (view) > 0;
}

static void
test_history_and_comments (Fixture      *f,
                           gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  EscWindow         *window;
  EscIndicatorPage  *page;
  EscReviewPanel    *panel;

  /* A reviewer's comment on the indicator, made in another copy of the program. */
  {
    g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
    g_autofree char     *uuid = NULL;

    g_assert_no_error (error);
    esc_store_set_author (store, "ผู้ตรวจ");
    uuid = esc_review_add_comment (store, f->assessment, ITEM, ESC_REVIEW_NEEDS_FIX, "แนบภาพถ่ายเพิ่ม", &error);
    g_assert_no_error (error);
  }

  window = open_assessment (f);
  page = esc_assessment_view_get_page (esc_window_get_assessment_view (window));
  panel = esc_indicator_page_get_review_panel (page);
  g_assert_true (esc_assessment_view_go_to_code (esc_window_get_assessment_view (window), ITEM));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (panel)));
  g_assert_cmpuint (esc_review_panel_get_n_comments (panel), ==, 1);
  g_assert_true (esc_assessment_view_go_to_code (esc_window_get_assessment_view (window), "1"));
  g_assert_cmpuint (esc_review_panel_get_n_comments (panel), ==, 0);
  g_assert_true (esc_assessment_view_go_to_code (esc_window_get_assessment_view (window), ITEM));

  /* The History button lists every change of the indicator, and a new one once made. */
  {
    EscAssessmentView *view = esc_window_get_assessment_view (window);
    GtkWindow         *history = open_history (window);
    EscHistoryView    *history_view = ESC_HISTORY_VIEW (find_child (GTK_WIDGET (history), ESC_TYPE_HISTORY_VIEW));
    guint              n = n_history (f, ITEM);

    g_assert_nonnull (history_view);
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpuint (esc_history_view_get_n_rows (history_view), ==, n);
    gtk_window_destroy (history);

    {
      EscScoreRow *row = esc_indicator_page_get_score_row (page, 0);

      gtk_spin_button_set_value (esc_score_row_get_spin (row), esc_score_row_get_value (row) == 0 ? 1 : 0);
    }
    esc_assessment_view_flush (view);
    g_assert_true (esc_test_wait (saved, view, 20000));
    g_assert_cmpuint (n_history (f, ITEM), ==, n + 1);
    history = open_history (window);
    history_view = ESC_HISTORY_VIEW (find_child (GTK_WIDGET (history), ESC_TYPE_HISTORY_VIEW));
    g_assert_cmpuint (esc_history_view_get_n_rows (history_view), ==, n + 1);
    gtk_window_destroy (history);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  esc_test_setup_env (FALSE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = esc_test_application ();

  g_test_add ("/gui/window-merge/merge", Fixture, NULL, fixture_setup, test_merge, fixture_teardown);
  g_test_add ("/gui/window-merge/history-and-comments", Fixture, NULL, fixture_setup, test_history_and_comments, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
