/* test-window-actions.c: the window's menu actions that reach the export, restore,
 * working-group and review widgets, driven through the real window
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* setresuid */
#endif
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "esc-backup.h"
#include "esc-evidence-list.h"
#include "esc-export-dialog.h"
#include "esc-gui-test-util.h"
#include "esc-province-view.h"
#include "esc-restore-dialog.h"
#include "esc-review.h"
#include "esc-test-workspace.h"

#define ITEM "3"

static EscApplication *app;

typedef struct
{
  char *dir;
  char *path;
  char *assessment;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer unused)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("esc-window-actions-XXXXXX", NULL);
  f->path = esc_test_make_workspace (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (esc_test_assess (f->path, 1, 5, &error));
  g_assert_no_error (error);
  f->assessment = esc_test_first_assessment (f->path);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer unused)
{
  g_autofree char *backups = esc_backup_get_folder (f->path);

  esc_test_remove_tree (backups);
  g_chmod (f->dir, 0700);
  esc_test_remove_tree (f->dir);
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

static void
wait_page (EscWindow  *window,
           const char *name)
{
  void *args[] = { window, (void *) name };

  g_assert_true (esc_test_wait (on_page, args, 30000));
}

static EscWindow *
open_window (Fixture    *f,
             const char *assessment)
{
  EscWindow *window = esc_test_window_new (app);

  if (assessment != NULL)
    esc_window_set_initial_assessment (window, assessment);
  esc_window_open_path (window, f->path, FALSE);
  wait_page (window, assessment != NULL ? "assessment" : "workspace");

  return window;
}

/* The first toplevel of the type other than except, or NULL. */
static GtkWidget *
find_toplevel (GType      type,
               GtkWidget *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && window != except)
        return window;
    }

  return NULL;
}

/* A label under widget showing exactly text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_shortcuts_window (gpointer data)
{
  return find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL) != NULL &&
         gtk_widget_get_visible (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL));
}

/* Adds the titles of the shortcuts under widget to titles; each must show its keys. */
static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *titles)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *accelerator = NULL;
          g_autofree char *title = NULL;

          g_object_get (child, "accelerator", &accelerator, "title", &title, NULL);
          if (accelerator == NULL || accelerator[0] == '\0')
            g_error ("The shortcut “%s” shows no keys", title);
          g_hash_table_add (titles, g_steal_pointer (&title));
        }
      collect_shortcuts (child, titles);
    }
}

/* The keyboard shortcuts window (Ctrl+?) is made when first asked for, and made once. */
static void
test_shortcuts (Fixture      *f,
                gconstpointer unused)
{
  g_autoptr (GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  EscWindow             *window = open_window (f, f->assessment);
  GtkWidget             *shortcuts;

  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (esc_test_wait (is_shortcuts_window, NULL, 5000));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
  collect_shortcuts (shortcuts, titles);
  g_assert_cmpuint (g_hash_table_size (titles), ==, 12);
  esc_test_screenshot (shortcuts, "shortcuts.png");
  gtk_window_close (GTK_WINDOW (shortcuts));
  esc_test_drain (100);
  g_assert_false (gtk_widget_get_visible (shortcuts));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (esc_test_wait (is_shortcuts_window, NULL, 5000));
  g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL) == shortcuts);

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL));
  esc_test_drain (50);
}

static gboolean
export_done (gpointer data)
{
  return !esc_export_dialog_get_running (data);
}

/* A zip archive holding xl/workbook.xml, as Excel and LibreOffice expect. */
static void
assert_workbook (const char *path)
{
  g_autofree char   *unzip = g_find_program_in_path ("unzip");
  g_autofree char   *out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv)     names = NULL;
  int                status = 0;
  const char        *argv[] = { NULL, "-Z1", path, NULL };

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (unzip);
  argv[0] = unzip;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  names = g_strsplit (out, "\n", -1);
  g_assert_true (g_strv_contains ((const char *const *) names, "xl/workbook.xml"));
  g_assert_true (g_strv_contains ((const char *const *) names, "xl/worksheets/sheet1.xml"));
}

static void
run_export (EscWindow  *window,
            const char *xlsx,
            gboolean    sar)
{
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);
  g_autofree char  *base = g_path_get_basename (xlsx);
  g_autofree char  *toast = g_strdup_printf (_ ("Exported “%s”"), base);
  EscExportDialog  *dialog;

  g_assert_null (find_toplevel (ESC_TYPE_EXPORT_DIALOG, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = ESC_EXPORT_DIALOG (find_toplevel (ESC_TYPE_EXPORT_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* The destination is given as the file chooser would; the Export button starts it. */
  esc_export_dialog_set_destination (dialog, file);
  esc_export_dialog_start (dialog);
  g_assert_true (esc_test_wait (export_done, dialog, 60000));
  g_assert_null (esc_export_dialog_get_error_message (dialog));
  esc_test_drain (100);

  assert_workbook (xlsx);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), toast));
  if (sar)
    {
      g_autoptr (GFile) evidence = esc_export_dialog_get_evidence_folder (dialog);

      /* The evidence package beside the workbook. */
      g_assert_true (g_file_test (g_file_peek_path (evidence), G_FILE_TEST_IS_DIR));
    }
  esc_test_screenshot (GTK_WIDGET (dialog), esc_window_get_page_name (window)[0] == 'a' ? "window-export-sar.png" : "window-export-province.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Ctrl+E in an assessment exports its SAR workbook; in the list of local governments,
 * the province workbook. */
static void
test_export (Fixture      *f,
             gconstpointer unused)
{
  g_autofree char *sar = g_build_filename (f->dir, "sar.xlsx", NULL);
  g_autofree char *province = g_build_filename (f->dir, "province.xlsx", NULL);
  EscWindow       *window = open_window (f, f->assessment);
  g_auto (GStrv)   accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export");

  g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>e"));

  run_export (window, sar, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-workspace", NULL));
  wait_page (window, "workspace");
  run_export (window, province, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);
}

static double
shown_score (EscWindow *window)
{
  EscAssessmentView *view = esc_window_get_assessment_view (window);
  EscIndicatorPage  *page = esc_assessment_view_get_page (view);

  g_assert_true (esc_assessment_view_go_to_code (view, ITEM));
  return esc_score_row_get_value (esc_indicator_page_get_score_row (page, 0));
}

static double
stored_score (Fixture *f)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (f->path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (GPtrArray) answers = NULL;

  g_assert_no_error (error);
  answers = esc_store_load_answers (store, f->assessment, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < answers->len; i++)
    {
      const EscAnswer *answer = g_ptr_array_index (answers, i);

      /* "process" is the item's first dimension. */
      if (g_strcmp0 (answer->item_code, ITEM) == 0)
        return answer->values[0];
    }
  g_assert_not_reached ();
}

static void
set_stored_score (Fixture *f,
                  double   value)
{
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
  EscAnswerChange      change;

  g_assert_no_error (error);
  esc_answer_change_init (&change, ITEM);
  esc_answer_change_set_value (&change, "process", value);
  g_assert_true (esc_store_apply_answer (store, f->assessment, &change, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
restore_done (gpointer data)
{
  void **args = data;

  return !esc_restore_dialog_get_running (args[0]) && on_page (args + 1);
}

/* Restore from Backup… puts a backup's content back and the window shows it at once. */
static void
test_restore (Fixture      *f,
              gconstpointer unused)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char      *backup = NULL;
  EscRestoreDialog     *dialog;
  EscWindow            *window;
  double                before = stored_score (f);
  guint                 index = G_MAXUINT;
  void                 *args[3];

  {
    g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    backup = esc_backup_create (store, "manual", &error);
    g_assert_no_error (error);
  }
  set_stored_score (f, before == 1 ? 2 : 1);

  window = open_window (f, f->assessment);
  g_assert_cmpfloat (shown_score (window), !=, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  dialog = ESC_RESTORE_DIALOG (find_toplevel (ESC_TYPE_RESTORE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* The dialog lists the backups as core does, newest first: pick the one made above. */
  backups = esc_backup_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (esc_restore_dialog_get_n_backups (dialog), ==, backups->len);
  for (guint i = 0; i < backups->len; i++)
    if (g_strcmp0 (((EscBackup *) g_ptr_array_index (backups, i))->path, backup) == 0)
      index = i;
  g_assert_cmpuint (index, <, backups->len);

  g_object_ref (dialog);
  esc_restore_dialog_select (dialog, index);
  esc_restore_dialog_restore (dialog);
  args[0] = dialog;
  args[1] = window;
  args[2] = (void *) "assessment";
  g_assert_true (esc_test_wait (restore_done, args, 30000));
  g_assert_null (esc_restore_dialog_get_error_message (dialog));
  g_object_unref (dialog);

  /* The window read the file again: the assessment is still shown, with the old score. */
  g_assert_cmpfloat (stored_score (f), ==, before);
  g_assert_cmpstr (esc_assessment_view_get_assessment (esc_window_get_assessment_view (window))->uuid, ==, f->assessment);
  g_assert_cmpfloat (shown_score (window), ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);
}

static gboolean
child_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child))
        return child;
      if ((found = find_button (child)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
opened_copy (gpointer data)
{
  EscWindow *window = data;

  return !esc_window_is_busy (window) && esc_window_get_workspace (window) != NULL &&
         g_str_has_suffix (esc_workspace_get_path (esc_window_get_workspace (window)), "copy.esca");
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  guint            n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
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

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* A file dropped on target as a file manager drops it; whether the drop was taken. */
static gboolean
drop_file (GtkDropTarget *target,
           const char    *name)
{
  GSList  *files = g_slist_append (NULL, g_file_new_build_filename (g_test_get_dir (G_TEST_DIST), "data", name, NULL));
  GValue   value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_value_unset (&value);

  return handled;
}

static gboolean
preview_ready (gpointer data)
{
  return esc_pdf_preview_is_page_ready (data) && esc_pdf_preview_get_n_thumbnails (data) == esc_pdf_preview_get_n_pages (data);
}

static gboolean
evidence_idle (gpointer data)
{
  return !esc_evidence_list_is_busy (data);
}

/* Scrolls the page holding widget so that widget is at its top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget       *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment   *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 12);
}

/* The evidence and review controls of a read-only workspace: what would write is off and a
 * dropped file is refused; the documents can still be shown in the preview. */
static void
assert_read_only_evidence (EscWindow *window,
                           guint      n_toplevels)
{
  EscAssessmentView       *view = esc_window_get_assessment_view (window);
  EscIndicatorPage        *page = esc_assessment_view_get_page (view);
  EscEvidenceList         *list = esc_assessment_view_get_evidence_list (view);
  EscReviewPanel          *review = esc_indicator_page_get_review_panel (page);
  GtkWidget               *row;
  static const char *const review_controls[] = { "comment_entry", "comment_button", "accept_item_button",
                                                 "needs_fix_button", "submit_button", "return_button",
                                                 "accept_button" };

  g_assert_cmpuint (esc_evidence_list_get_n_links (list), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (template_child (list, ESC_TYPE_EVIDENCE_LIST, "attach_button")));
  for (guint i = 0; i < G_N_ELEMENTS (review_controls); i++)
    g_assert_false (gtk_widget_is_sensitive (template_child (review, ESC_TYPE_REVIEW_PANEL, review_controls[i])));

  /* Dropped on the indicator page or on the list: refused before and at the drop. */
  g_assert_nonnull (find_drop_target (GTK_WIDGET (page)));
  g_assert_cmpint (gtk_drop_target_get_actions (find_drop_target (GTK_WIDGET (page))), ==, 0);
  g_assert_cmpint (gtk_drop_target_get_actions (esc_evidence_list_get_drop_target (list)), ==, 0);
  g_assert_false (drop_file (find_drop_target (GTK_WIDGET (page)), "photo.jpg"));
  g_assert_false (drop_file (esc_evidence_list_get_drop_target (list), "photo.png"));
  esc_test_drain (100);
  g_assert_true (esc_test_wait (evidence_idle, list, 10000));
  g_assert_cmpuint (esc_evidence_list_get_n_links (list), ==, 1);
  g_assert_null (esc_evidence_list_get_last_error (list));

  /* The document's menu: editing, renaming and unlinking open no dialog; showing it does. */
  row = gtk_widget_get_first_child (template_child (list, ESC_TYPE_EVIDENCE_LIST, "list_box"));
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  gtk_widget_activate_action (row, "row.edit", NULL);
  gtk_widget_activate_action (row, "row.rename", NULL);
  gtk_widget_activate_action (row, "row.unlink", NULL);
  esc_test_drain (50);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_toplevels);
  g_assert_false (esc_assessment_view_is_preview_open (view));
  g_assert_true (gtk_widget_activate_action (row, "row.open", NULL));
  g_assert_true (esc_assessment_view_is_preview_open (view));
  g_assert_true (esc_test_wait (preview_ready, esc_assessment_view_get_preview (view), 20000));
}

/* The copy holds the assessment with value as its score and passes the integrity check. */
static void
assert_copy (const char *copy,
             Fixture    *f,
             double      value)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (copy, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) answers = NULL;
  gboolean              found = FALSE;

  g_assert_no_error (error);
  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  answers = esc_store_load_answers (store, f->assessment, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < answers->len; i++)
    {
      const EscAnswer *answer = g_ptr_array_index (answers, i);

      if (g_strcmp0 (answer->item_code, ITEM) == 0)
        {
          g_assert_cmpfloat (answer->values[0], ==, value);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static double
value_from_env (void)
{
  return g_ascii_strtod (g_getenv ("ESC_TEST_WAL_VALUE"), NULL);
}

/* Commits a score and leaves the connection open (the caller ends the process). */
static void
set_stored_score_kept (const char *path,
                       const char *assessment,
                       double      value)
{
  g_autoptr (GError) error = NULL;
  EscStore          *store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  EscAnswerChange    change;

  g_assert_no_error (error);
  esc_answer_change_init (&change, ITEM);
  esc_answer_change_set_value (&change, "process", value);
  g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
  g_assert_no_error (error);
}

/* A workspace whose file and folder cannot be written opens read-only: the banner stays
 * shown, the inputs and the actions that write are off, and the file is untouched. Root
 * ignores file modes, so as root the window runs as an unprivileged user meanwhile. */
static void
test_read_only (Fixture      *f,
                gconstpointer unused)
{
  g_autofree char  *before = NULL;
  g_autofree char  *after = NULL;
  gboolean          was_root = geteuid () == 0;
  EscWindow        *window;
  EscIndicatorPage *page;
  GtkWidget        *banner;
  GtkWidget        *save_copy;
  guint             n_toplevels;
  g_autofree char  *copy_dir = NULL;
  g_autofree char  *copy = NULL;

  /* A document to look at, attached while the file could still be written. */
  {
    g_autoptr (GError)   error = NULL;
    g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
    g_autoptr (GFile)    pdf = g_file_new_build_filename (g_test_get_dir (G_TEST_DIST), "data", "thai.pdf", NULL);
    g_autoptr (EscLink)  link = NULL;

    g_assert_no_error (error);
    link = esc_store_attach_file (store, pdf, NULL, f->assessment, ITEM, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (link);
  }
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  before = file_sha256 (f->path);
  if (was_root)
    g_assert_cmpint (setresuid (65534, 65534, 0), ==, 0);
  g_assert_cmpint (g_access (f->path, W_OK), !=, 0);

  window = open_window (f, f->assessment);
  g_assert_true (esc_window_is_read_only (window));
  /* The header does not promise that changes are saved (in the language of the run). */
  g_assert_cmpstr (esc_assessment_view_get_status_text (esc_window_get_assessment_view (window)), ==,
                   _ ("Read-only: changes are not saved"));

  /* The banner is shown and says why, with a way out. */
  banner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), ESC_TYPE_WINDOW, "read_only_revealer"));
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (esc_test_wait (child_revealed, banner, 10000));
  g_assert_true (gtk_widget_get_mapped (banner));
  if (was_root) /* the screenshot folder is root's */
    g_assert_cmpint (setresuid (0, 0, 0), ==, 0);
  esc_test_screenshot (GTK_WIDGET (window), "window-read-only.png");
  if (was_root)
    g_assert_cmpint (setresuid (65534, 65534, 0), ==, 0);
  save_copy = find_button (banner);
  g_assert_nonnull (save_copy);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (save_copy)), ==, "win.save-copy");
  g_assert_true (gtk_widget_is_sensitive (save_copy));

  /* The inputs are off, and so is everything that would write. */
  page = esc_assessment_view_get_page (esc_window_get_assessment_view (window));
  g_assert_true (esc_assessment_view_go_to_code (esc_window_get_assessment_view (window), ITEM));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (esc_indicator_page_get_score_row (page, 0))));
  /* A disabled action does nothing when activated: no window opens. */
  n_toplevels = g_list_model_get_n_items (gtk_window_get_toplevels ());
  assert_read_only_evidence (window, n_toplevels);
  if (was_root)
    g_assert_cmpint (setresuid (0, 0, 0), ==, 0);
  scroll_to (GTK_WIDGET (esc_assessment_view_get_evidence_list (esc_window_get_assessment_view (window))));
  esc_test_screenshot (GTK_WIDGET (window), "window-read-only-evidence.png");
  if (was_root)
    g_assert_cmpint (setresuid (65534, 65534, 0), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-workspace", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  esc_test_drain (50);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_toplevels);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-workspace", NULL));
  wait_page (window, "workspace");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-laos", NULL);
  esc_test_drain (50);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_toplevels);

  if (was_root)
    g_assert_cmpint (setresuid (0, 0, 0), ==, 0);
  after = file_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  /* Save a Copy… (the file chooser gives the name) copies the file to a writable folder
   * and goes on there, without the banner. */
  copy_dir = g_dir_make_tmp ("esc-window-copy-XXXXXX", NULL);
  copy = g_build_filename (copy_dir, "copy.esca", NULL);
  esc_window_save_copy (window, copy);
  g_assert_true (esc_test_wait (opened_copy, window, 30000));
  wait_page (window, "workspace");
  g_assert_cmpstr (esc_workspace_get_path (esc_window_get_workspace (window)), ==, copy);
  g_assert_false (esc_window_is_read_only (window));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  assert_copy (copy, f, stored_score (f));
  g_free (after);
  after = file_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);
  esc_test_remove_tree (copy_dir);
}

/* A read-only workspace whose last commit is still in its -wal (the program writing it
 * was killed, or the stick was made read-only meanwhile): the window shows that commit,
 * and Save a Copy… copies it too, into a file that passes SQLite's integrity check. */
static void
test_read_only_wal (Fixture      *f,
                    gconstpointer unused)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *copy_dir = NULL;
  g_autofree char *copy = NULL;
  gboolean         was_root = geteuid () == 0;
  double           value = stored_score (f) == 7 ? 8 : 7;
  EscWindow       *window;
  GStatBuf         buf;

  if (g_test_subprocess ())
    {
      /* The writer: commits, then ends without closing, which would checkpoint the WAL
       * into the file and delete it. */
      fixture_teardown (f, NULL); /* this run's own workspace is not used */
      set_stored_score_kept (g_getenv ("ESC_TEST_WAL_PATH"), g_getenv ("ESC_TEST_WAL_ASSESSMENT"), value_from_env ());
      _exit (0);
    }

  g_setenv ("ESC_TEST_WAL_PATH", f->path, TRUE);
  g_setenv ("ESC_TEST_WAL_ASSESSMENT", f->assessment, TRUE);
  g_setenv ("ESC_TEST_WAL_VALUE", value == 7 ? "7" : "8", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, >, 32);

  copy_dir = g_dir_make_tmp ("esc-window-copy-XXXXXX", NULL);
  g_assert_cmpint (g_chmod (copy_dir, 0777), ==, 0);
  copy = g_build_filename (copy_dir, "copy.esca", NULL);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  if (was_root)
    g_assert_cmpint (setresuid (65534, 65534, 0), ==, 0);
  g_assert_cmpint (g_access (f->path, W_OK), !=, 0);

  window = open_window (f, f->assessment);
  g_assert_true (esc_window_is_read_only (window));
  g_assert_cmpfloat (shown_score (window), ==, value);

  esc_window_save_copy (window, copy);
  g_assert_true (esc_test_wait (opened_copy, window, 30000));
  wait_page (window, "workspace");
  g_assert_false (esc_window_is_read_only (window));
  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);

  if (was_root)
    g_assert_cmpint (setresuid (0, 0, 0), ==, 0);
  assert_copy (copy, f, value);
  esc_test_remove_tree (copy_dir);
}

static gboolean
is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static void
focus (EscWindow *window)
{
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (esc_test_wait (is_active, window, 10000));
}

typedef struct
{
  EscWindow *window;
  double     value;
} ShownData;

static gboolean
shows_score (gpointer data)
{
  ShownData *shown = data;
  void      *args[] = { shown->window, (void *) "assessment" };

  return on_page (args) && shown_score (shown->window) == shown->value;
}

/* The same workspace in two windows (each with its own connection to the file, as two
 * processes have): a score entered in one is shown by the other once it gets the focus
 * back, and entering another value there keeps both windows' work. */
static void
test_two_windows (Fixture      *f,
                  gconstpointer unused)
{
  EscWindow     *first = open_window (f, f->assessment);
  EscWindow     *second = open_window (f, f->assessment);
  double         before = shown_score (first);
  double         value = before == 1 ? 2 : 1;
  GtkSpinButton *spin;
  ShownData      shown;

  g_assert_cmpfloat (shown_score (second), ==, before);

  focus (second);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (first)));
  spin = esc_score_row_get_spin (esc_indicator_page_get_score_row (esc_assessment_view_get_page (esc_window_get_assessment_view (second)), 0));
  gtk_spin_button_set_value (spin, value);
  esc_assessment_view_flush (esc_window_get_assessment_view (second));
  g_assert_cmpfloat (stored_score (f), ==, value);

  /* Back in the first window: it reads the file again and shows the new score. */
  focus (first);
  shown.window = first;
  shown.value = value;
  g_assert_true (esc_test_wait (shows_score, &shown, 30000));
  g_assert_cmpstr (esc_assessment_view_get_assessment (esc_window_get_assessment_view (first))->uuid, ==, f->assessment);

  /* A change there is saved over the second window's, and the second window shows it. */
  spin = esc_score_row_get_spin (esc_indicator_page_get_score_row (esc_assessment_view_get_page (esc_window_get_assessment_view (first)), 0));
  gtk_spin_button_set_value (spin, before);
  focus (second);
  g_assert_cmpfloat (stored_score (f), ==, before);
  shown.window = second;
  shown.value = before;
  g_assert_true (esc_test_wait (shows_score, &shown, 30000));

  /* Without changes elsewhere, getting the focus back reads nothing again. */
  focus (first);
  focus (second);
  g_assert_cmpstr (esc_window_get_page_name (second), ==, "assessment");
  g_assert_false (esc_window_is_busy (second));

  /* Another process (esc-cli) changes the score while the first window is in the back. */
  {
    double             third = before == 3 ? 4 : 3;
    g_autofree char   *cli = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "src", "cli", "esc-cli", NULL);
    g_autofree char   *text = g_strdup_printf ("%g", third);
    g_autoptr (GError) error = NULL;
    int                status = 0;
    const char        *argv[] = { cli, "answer", "set", f->path, "--assessment", f->assessment, "--indicator", ITEM,
                                  "--process", text, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpfloat (stored_score (f), ==, third);

    focus (first);
    shown.window = first;
    shown.value = third;
    g_assert_true (esc_test_wait (shows_score, &shown, 30000));
  }

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (first));
  esc_test_drain (100);
}

static void
cli_set_score (Fixture *f,
               double   value)
{
  g_autofree char   *cli = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "src", "cli", "esc-cli", NULL);
  g_autofree char   *text = g_strdup_printf ("%g", value);
  g_autoptr (GError) error = NULL;
  int                status = 0;
  const char        *argv[] = { cli, "answer", "set", f->path, "--assessment", f->assessment, "--indicator", ITEM,
                                "--process", text, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpfloat (stored_score (f), ==, value);
}

/* Two windows side by side on one workspace: the one that never gets the focus still
 * shows a score entered in the other, or by another process, within a few seconds; a
 * hidden window does not look at the file meanwhile. */
static void
test_background_window (Fixture      *f,
                        gconstpointer unused)
{
  EscWindow     *front = open_window (f, f->assessment);
  EscWindow     *back = open_window (f, f->assessment);
  double         before = shown_score (front);
  double         value = before == 1 ? 2 : 1;
  double         third = before == 3 ? 4 : 3;
  GtkSpinButton *spin;
  ShownData      shown;

  focus (front);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (back)));
  g_assert_cmpfloat (shown_score (back), ==, before);

  /* Entered in the front window: the back one, never focused, shows it. */
  spin = esc_score_row_get_spin (esc_indicator_page_get_score_row (esc_assessment_view_get_page (esc_window_get_assessment_view (front)), 0));
  gtk_spin_button_set_value (spin, value);
  esc_assessment_view_flush (esc_window_get_assessment_view (front));
  g_assert_cmpfloat (stored_score (f), ==, value);
  shown.window = back;
  shown.value = value;
  g_assert_true (esc_test_wait (shows_score, &shown, 30000));
  g_assert_false (gtk_window_is_active (GTK_WINDOW (back)));
  g_assert_cmpstr (esc_assessment_view_get_assessment (esc_window_get_assessment_view (back))->uuid, ==, f->assessment);

  /* Set by esc-cli: both windows show it, the focused one and the one behind. */
  cli_set_score (f, third);
  shown.value = third;
  g_assert_true (esc_test_wait (shows_score, &shown, 30000));
  shown.window = front;
  g_assert_true (esc_test_wait (shows_score, &shown, 30000));
  g_assert_false (gtk_window_is_active (GTK_WINDOW (back)));

  /* Hidden, the back window does not read the file; shown again, it does. */
  gtk_widget_set_visible (GTK_WIDGET (back), FALSE);
  cli_set_score (f, before);
  esc_test_drain (3000);
  g_assert_cmpfloat (shown_score (back), ==, third);
  gtk_widget_set_visible (GTK_WIDGET (back), TRUE);
  shown.window = back;
  shown.value = before;
  g_assert_true (esc_test_wait (shows_score, &shown, 30000));

  gtk_window_destroy (GTK_WINDOW (back));
  gtk_window_destroy (GTK_WINDOW (front));
  esc_test_drain (100);
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      if ((found = find_actionable (child, action_name)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
province_idle (gpointer data)
{
  return !esc_province_view_is_busy (data);
}

/* "Open Demo Workspace" on the welcome page works from the build tree, as `make run` sets
 * it up, and opens a copy; the working group's view is a click away in the header. */
static void
test_demo_and_province (Fixture      *f,
                        gconstpointer unused)
{
  g_autofree char      *demo = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "data", "demo", "demo.esca", NULL);
  g_autofree char      *copy = g_build_filename (g_get_user_data_dir (), "esc-assessor", "demo.esca", NULL);
  g_autofree char      *before = NULL;
  g_autofree char      *after = NULL;
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GError)    error = NULL;
  EscProvinceView      *province;
  EscRestoreDialog     *restore;
  void                 *args[3];
  GtkWidget            *dialog;
  EscPlanProgress      *progress;
  GtkWidget            *button;
  GtkWidget            *toggle;
  EscWindow            *window;

  g_assert_true (g_file_test (demo, G_FILE_TEST_IS_REGULAR));
  g_setenv ("ESC_DEMO_WORKSPACE", demo, TRUE);
  before = file_sha256 (demo);
  {
    g_autoptr (EscStore) store = esc_store_open (demo, ESC_STORE_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    laos = esc_store_list_laos (store, &error);
    g_assert_no_error (error);
  }

  window = esc_test_window_new (app);
  g_assert_cmpstr (esc_window_get_page_name (window), ==, "welcome");
  button = find_actionable (GTK_WIDGET (esc_window_get_welcome_page (window)), "win.open-demo");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (esc_test_wait_workspace (window));
  wait_page (window, "workspace");

  /* A copy in the user's folder, with the demo's local governments; the shipped file is
   * left as it was. */
  g_assert_cmpstr (esc_workspace_get_path (esc_window_get_workspace (window)), ==, copy);
  g_assert_cmpuint (g_list_model_get_n_items (esc_workspace_get_laos (esc_window_get_workspace (window))), ==, laos->len);

  /* The header's "Working Group" button shows the dashboard of the demo's plan. */
  toggle = find_actionable (GTK_WIDGET (window), "win.view");
  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_is_visible (toggle));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "province"));
  wait_page (window, "province");
  province = esc_window_get_province_view (window);
  g_assert_true (esc_test_wait (province_idle, province, 30000));
  g_assert_null (esc_province_view_get_error (province));
  progress = esc_province_dashboard_get_progress (esc_province_view_get_dashboard (province));
  g_assert_nonnull (progress);
  g_assert_cmpint (progress->first_year, ==, 2569);
  g_assert_cmpuint (progress->n_years, ==, 3);
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (esc_province_view_get_participation_list (province))));
  esc_test_screenshot (GTK_WIDGET (window), "window-province.png");

  /* Ctrl+E there offers the province workbook. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_toplevel (ESC_TYPE_EXPORT_DIALOG, NULL);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A backup restored from there (the demo's copy got one when first opened) reads the
   * file again and stays in the working group's view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  restore = ESC_RESTORE_DIALOG (find_toplevel (ESC_TYPE_RESTORE_DIALOG, NULL));
  g_assert_nonnull (restore);
  g_assert_cmpuint (esc_restore_dialog_get_n_backups (restore), >, 0);
  g_object_ref (restore);
  esc_restore_dialog_select (restore, 0);
  esc_restore_dialog_restore (restore);
  args[0] = restore;
  args[1] = window;
  args[2] = (void *) "province";
  g_assert_true (esc_test_wait (restore_done, args, 30000));
  g_assert_null (esc_restore_dialog_get_error_message (restore));
  g_object_unref (restore);
  g_assert_true (esc_test_wait (province_idle, province, 30000));
  g_assert_nonnull (esc_province_dashboard_get_progress (esc_province_view_get_dashboard (province)));

  /* And back to the local governments. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "workspace"));
  wait_page (window, "workspace");

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);

  after = file_sha256 (demo);
  g_assert_cmpstr (before, ==, after);
  g_unsetenv ("ESC_DEMO_WORKSPACE");
  {
    g_autofree char *backups = esc_backup_get_folder (copy);

    esc_test_remove_tree (backups);
  }
}

static gboolean
toggle_active (gpointer data)
{
  return gtk_toggle_button_get_active (data);
}

static gboolean
toggle_inactive (gpointer data)
{
  return !gtk_toggle_button_get_active (data);
}

static void
add_comment (EscStore   *store,
             Fixture    *f,
             const char *code,
             const char *verdict)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *uuid = esc_review_add_comment (store, f->assessment, code, verdict, "ตรวจแล้ว ต้องแก้หลักฐาน", &error);

  g_assert_no_error (error);
  g_assert_nonnull (uuid);
}

/* The sidebar's "Needs a Fix" filter shows exactly the indicators whose latest review
 * verdict asks for a fix, and all of them again when turned off. */
static void
test_needs_fix (Fixture      *f,
                gconstpointer unused)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  EscAssessmentView    *view;
  GtkToggleButton      *button;
  EscWindow            *window;
  guint                 n_items;

  {
    g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    esc_store_set_author (store, "ผู้ตรวจ");
    add_comment (store, f, "3", ESC_REVIEW_NEEDS_FIX);
    add_comment (store, f, "19.1", ESC_REVIEW_NEEDS_FIX);
    add_comment (store, f, "5", ESC_REVIEW_ACCEPTED);
    add_comment (store, f, "2", ESC_REVIEW_NEEDS_FIX);
    add_comment (store, f, "2", ESC_REVIEW_ACCEPTED); /* fixed and accepted since */
    add_comment (store, f, "4", "");                  /* a plain comment */
  }

  window = open_window (f, f->assessment);
  view = esc_window_get_assessment_view (window);
  n_items = esc_assessment_view_get_n_items (view);
  button = esc_assessment_view_get_needs_fix_button (view);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_false (gtk_toggle_button_get_active (button));

  /* Activated as by the keyboard: the button is clicked once its press is shown. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (button)));
  g_assert_true (esc_test_wait (toggle_active, button, 5000));
  esc_test_drain (50);
  for (guint i = 0; i < n_items; i++)
    {
      EscIndicatorRow *row = esc_assessment_view_get_row (view, i);

      if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
        g_ptr_array_add (shown, (gpointer) esc_indicator_row_get_item (row)->code);
    }
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, "3");
  g_assert_cmpstr (g_ptr_array_index (shown, 1), ==, "19.1");

  /* A flagged indicator opens from the filtered list. */
  {
    EscIndicatorRow *row = NULL;

    for (guint i = 0; i < n_items && row == NULL; i++)
      if (g_strcmp0 (esc_indicator_row_get_item (esc_assessment_view_get_row (view, i))->code, "19.1") == 0)
        row = esc_assessment_view_get_row (view, i);
    g_assert_nonnull (row);
    gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), GTK_LIST_BOX_ROW (row));
    g_assert_cmpstr (esc_indicator_page_get_item (esc_assessment_view_get_page (view))->code, ==, "19.1");
  }
  esc_test_screenshot (GTK_WIDGET (window), "window-needs-fix.png");

  /* Off: every indicator again. */
  gtk_widget_activate (GTK_WIDGET (button));
  g_assert_true (esc_test_wait (toggle_inactive, button, 5000));
  esc_test_drain (50);
  for (guint i = 0; i < n_items; i++)
    g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (esc_assessment_view_get_row (view, i))));

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Screenshots are taken in Thai. */
  esc_test_setup_env (g_getenv ("ESC_SCREENSHOT_DIR") != NULL);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = esc_test_application ();

  g_test_add ("/gui/window-actions/shortcuts", Fixture, NULL, fixture_setup, test_shortcuts, fixture_teardown);
  g_test_add ("/gui/window-actions/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/gui/window-actions/restore", Fixture, NULL, fixture_setup, test_restore, fixture_teardown);
  g_test_add ("/gui/window-actions/two-windows", Fixture, NULL, fixture_setup, test_two_windows, fixture_teardown);
  g_test_add ("/gui/window-actions/background-window", Fixture, NULL, fixture_setup, test_background_window, fixture_teardown);
  g_test_add ("/gui/window-actions/demo-and-province", Fixture, NULL, fixture_setup, test_demo_and_province, fixture_teardown);
  g_test_add ("/gui/window-actions/needs-fix", Fixture, NULL, fixture_setup, test_needs_fix, fixture_teardown);
  g_test_add ("/gui/window-actions/read-only", Fixture, NULL, fixture_setup, test_read_only, fixture_teardown);
  g_test_add ("/gui/window-actions/read-only-wal", Fixture, NULL, fixture_setup, test_read_only_wal, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
