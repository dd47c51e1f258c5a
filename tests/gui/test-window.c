/* test-window.c: the real window, driven the way an assessor uses it
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>

#include "esc-gui-test-util.h"
#include "esc-indicator-row.h"
#include "esc-lao-item.h"
#include "esc-quick-jump.h"
#include "esc-workspace.h"
#include "esc-scoring.h"
#include "esc-test-workspace.h"
#include "esc-thai.h"

/* The Thai substring searched for, and the local government it finds. */
#define SEARCH_TEXT "น้ำคำ"
#define LAO_NAME "เทศบาลตำบลน้ำคำ"
#define ASSESSOR "สมชาย ใจดี"

static EscApplication *app;
static guint           n_key_presses;

static double
value_for (guint  position,
           guint  dimension,
           double max)
{
  /* Every dimension gets a different, valid value, with some halves and some zeros. */
  double value = fmod (position * 3.0 + dimension * 2.5, max + 1.0);

  return MIN (value, max);
}

static char *
note_for (const EscIndicator *item)
{
  return g_strdup_printf ("บันทึกตัวชี้วัด %s: เอกสารครบ", item->code);
}

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

static gboolean
wait_page (EscWindow  *window,
           const char *name)
{
  void *args[] = { window, (void *) name };

  return esc_test_wait (on_page, args, 20000);
}

static gboolean
at_position (gpointer data)
{
  void **args = data;

  return esc_assessment_view_get_position (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Moves to the next indicator with a real key press when the display allows it,
 * alternating the two shortcuts; otherwise through the same window action. */
static void
press_next (EscWindow *window,
            guint      position)
{
  EscAssessmentView *view = esc_window_get_assessment_view (window);
  void              *args[] = { view, GUINT_TO_POINTER (position + 1) };
  const char        *keys = position % 2 == 0 ? "alt+Right" : "ctrl+Next";

  if (esc_test_send_keys (keys))
    {
      /* A real key press: the shortcut itself must work. */
      g_assert_true (esc_test_wait (at_position, args, 3000));
      n_key_presses++;
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-indicator", NULL));
  g_assert_cmpuint (esc_assessment_view_get_position (view), ==, position + 1);
}

static gboolean
saved (gpointer data)
{
  EscAssessmentView *view = data;
  const char        *text = esc_assessment_view_get_status_text (view);

  return text != NULL && esc_assessment_view_get_saved_at (view) > 0 &&
         g_str_has_prefix (text, "Saved ");
}

static EscWindow *current_window;

static gboolean
fewer_rows (gpointer data)
{
  GListModel *visible = esc_workspace_view_get_visible (esc_window_get_workspace_view (current_window));

  return g_list_model_get_n_items (visible) < GPOINTER_TO_UINT (data);
}

/* Finds the local government by a Thai substring and starts an assessment of it. */
static void
find_and_start (EscWindow *window)
{
  EscWorkspaceView       *workspace_view = esc_window_get_workspace_view (window);
  GtkSearchEntry         *entry = esc_workspace_view_get_search_entry (workspace_view);
  GListModel             *visible = esc_workspace_view_get_visible (workspace_view);
  g_autoptr (EscLaoItem)  first = NULL;
  EscNewAssessmentDialog *dialog;
  guint                   n_all;

  current_window = window;
  n_all = g_list_model_get_n_items (visible);
  g_assert_cmpuint (n_all, >, 200);

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), SEARCH_TEXT);
  /* search-changed fires after a short delay */
  g_assert_true (esc_test_wait (fewer_rows, GUINT_TO_POINTER (n_all), 10000));
  g_assert_cmpuint (g_list_model_get_n_items (visible), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr (EscLaoItem) item = g_list_model_get_item (visible, i);

      g_assert_nonnull (strstr (esc_lao_item_get_name (item), SEARCH_TEXT));
    }
  first = g_list_model_get_item (visible, 0);
  g_assert_cmpstr (esc_lao_item_get_name (first), ==, LAO_NAME);

  /* Enter opens the first match: no assessment yet, so the dialog asks for one. */
  g_signal_emit_by_name (entry, "activate");
  esc_test_drain (50);
  dialog = esc_window_get_new_assessment_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpint (esc_new_assessment_dialog_get_year (dialog), >=, 2568);
  esc_new_assessment_dialog_set_year (dialog, 2568);
  gtk_editable_set_text (esc_new_assessment_dialog_get_assessor (dialog), ASSESSOR);
  esc_new_assessment_dialog_start (dialog);

  g_assert_true (wait_page (window, "assessment"));
}

static EscAssessmentView *undo_view;
static double             undo_value;

static gboolean
undone (gpointer data)
{
  EscIndicatorPage *page = esc_assessment_view_get_page (undo_view);
  GtkSpinButton    *spin = esc_score_row_get_spin (esc_indicator_page_get_score_row (page, 0));

  return gtk_spin_button_get_value (spin) == undo_value;
}

static void
check_footer (EscAssessmentView *view,
              EscScore          *score)
{
  g_autofree char *progress = NULL;
  g_autofree char *total = NULL;

  progress = g_strdup_printf ("%u of %u indicators scored", score->n_complete, score->n_indicators);
  g_assert_cmpstr (esc_assessment_view_get_progress_text (view), ==, progress);
  total = g_strdup_printf ("Total %.1f %%\npass mark %.0f %%", score->total_percent, score->pass_mark_percent);
  g_assert_cmpstr (esc_assessment_view_get_total_text (view), ==, total);
  for (guint i = 0; i < score->n_components; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Component %s\n%.1f %%",
                                                   score->components[i].component->id,
                                                   score->components[i].percent);
      g_autofree char *shown = esc_assessment_view_dup_component_text (view, i);

      g_assert_cmpstr (shown, ==, expected);
    }
  g_assert_cmpstr (esc_assessment_view_get_verdict_text (view), ==,
                   score->passed > 0 ? "Passes" : "Does not pass");
}

static void
test_assess_all (void)
{
  g_autofree char         *dir = g_dir_make_tmp ("esc-gui-XXXXXX", NULL);
  g_autofree char         *path = NULL;
  g_autofree char         *assessment_uuid = NULL;
  g_autofree char         *lao_uuid = NULL;
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    answers = NULL;
  g_autoptr (EscScore)     score = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (GHashTable)   by_code = NULL;
  EscAssessmentView       *view;
  g_autoptr (EscFramework) framework = NULL;
  EscWindow               *window;
  const EscLao            *lao;
  guint                    n_items;

  path = esc_test_make_workspace (dir, &error);
  g_assert_no_error (error);

  window = esc_test_window_new (app);
  esc_window_open_path (window, path, FALSE);
  g_assert_true (esc_test_wait_workspace (window));
  g_assert_cmpstr (esc_window_get_page_name (window), ==, "workspace");

  find_and_start (window);
  view = esc_window_get_assessment_view (window);
  framework = g_object_ref (esc_assessment_view_get_framework (view));
  lao = esc_assessment_view_get_lao (view);
  g_assert_cmpstr (lao->name, ==, LAO_NAME);
  lao_uuid = g_strdup (lao->uuid);
  assessment_uuid = g_strdup (esc_assessment_view_get_assessment (view)->uuid);
  g_assert_cmpstr (esc_assessment_view_get_assessment (view)->assessor, ==, ASSESSOR);
  n_items = esc_assessment_view_get_n_items (view);
  g_assert_cmpuint (n_items, ==, esc_framework_get_n_items (framework));
  g_assert_cmpuint (n_items, ==, 35); /* 1 … 34 with 19 as 19.1 and 19.2 */

  /* Every indicator, in order, through the widgets. */
  for (guint position = 0; position < n_items; position++)
    {
      EscIndicatorPage   *page = esc_assessment_view_get_page (view);
      const EscIndicator *item = esc_indicator_page_get_item (page);
      g_autofree char    *note = note_for (item);

      g_assert_cmpuint (esc_assessment_view_get_position (view), ==, position);
      for (guint d = 0; d < esc_indicator_page_get_n_scores (page); d++)
        {
          EscScoreRow   *row = esc_indicator_page_get_score_row (page, d);
          GtkSpinButton *spin = esc_score_row_get_spin (row);
          double         max = gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin));

          if (item->method == ESC_SCORING_LPA)
            g_assert_cmpfloat (max, ==, 100.0);
          else
            g_assert_cmpfloat (max, ==, item->dimensions[d].max);
          /* The bound holds: more than the maximum is clamped. */
          gtk_widget_grab_focus (GTK_WIDGET (spin));
          gtk_spin_button_set_value (spin, max + 5);
          g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, max);
          gtk_spin_button_set_value (spin, value_for (position, d, max));
        }
      if (esc_indicator_page_get_n_criteria (page) > 0)
        gtk_check_button_set_active (esc_indicator_page_get_criterion (page, 0), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (esc_indicator_page_get_note_view (page)));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (esc_indicator_page_get_note_view (page)), note, -1);
      /* The sidebar row shows the item scored. */
      g_assert_cmpint (esc_indicator_row_get_state (esc_assessment_view_get_row (view, position)), !=,
                       ESC_ITEM_NOT_STARTED);

      if (position + 1 < n_items)
        press_next (window, position);
    }

  g_test_message ("%u of %u moves made with real key presses", n_key_presses, n_items - 1);

  /* Ctrl+K: jump by Thai words, then by number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.quick-jump", NULL));
  esc_test_drain (50);
  {
    GListModel   *toplevels = gtk_window_get_toplevels ();
    EscQuickJump *jump = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ESC_IS_QUICK_JUMP (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
          jump = ESC_QUICK_JUMP (toplevel);
      }
    g_assert_nonnull (jump);
    esc_quick_jump_set_query (jump, "7");
    g_assert_true (esc_quick_jump_activate_first (jump));
    g_assert_cmpstr (esc_indicator_page_get_item (esc_assessment_view_get_page (view))->code, ==, "7");
  }

  /* Back with the other shortcuts. */
  {
    guint position = esc_assessment_view_get_position (view);
    void *args[] = { view, GUINT_TO_POINTER (position - 1) };

    if (!esc_test_send_keys ("alt+Left"))
      gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-indicator", NULL);
    g_assert_true (esc_test_wait (at_position, args, 3000));
  }
  g_assert_cmpstr (esc_indicator_page_get_item (esc_assessment_view_get_page (view))->code, ==, "6");

  esc_assessment_view_flush (view);
  g_assert_true (esc_test_wait (saved, view, 5000));

  /* The footer agrees with core's scoring of the database's rows. */
  store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  answers = esc_store_load_answers (store, assessment_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, n_items);
  score = esc_score_compute (framework, lao->type, answers);
  g_assert_cmpuint (score->n_complete, ==, 34);
  check_footer (view, score);

  by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer *answer = g_ptr_array_index (answers, i);

      g_hash_table_insert (by_code, answer->item_code, answer);
    }
  for (guint position = 0; position < n_items; position++)
    {
      const EscIndicator *item = esc_framework_get_item (framework, position);
      EscAnswer          *answer = g_hash_table_lookup (by_code, item->code);
      g_autofree char    *note = note_for (item);

      g_assert_nonnull (answer);
      g_assert_cmpstr (answer->note, ==, note);
      if (item->method == ESC_SCORING_LPA)
        g_assert_cmpfloat (answer->values[0], ==, value_for (position, 0, 100));
      else
        for (guint d = 0; d < item->n_dimensions; d++)
          g_assert_cmpfloat (answer->values[d], ==, value_for (position, d, item->dimensions[d].max));
      if (item->n_criteria > 0)
        g_assert_cmpstr (answer->checked, ==, "1");
    }

  /* Ctrl+Z puts the last changes back, in the database too. */
  {
    EscIndicatorPage     *page = esc_assessment_view_get_page (view);
    GtkSpinButton        *spin = esc_score_row_get_spin (esc_indicator_page_get_score_row (page, 0));
    double                before = gtk_spin_button_get_value (spin);
    g_autoptr (EscStore)  check = NULL;
    g_autoptr (GPtrArray) rows = NULL;

    gtk_spin_button_set_value (spin, before == 0 ? 1 : 0);
    esc_assessment_view_flush (view);
    undo_view = view;
    undo_value = before;
    gtk_window_present (GTK_WINDOW (window));
    esc_test_drain (100);
    if (!esc_test_send_keys ("ctrl+z"))
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    if (!esc_test_wait (undone, NULL, 5000))
      {
        GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

        g_test_message ("undo did not happen: item %s, value %g, before %g, focus %s, window active %d",
                        esc_indicator_page_get_item (esc_assessment_view_get_page (view))->code,
                        gtk_spin_button_get_value (esc_score_row_get_spin (esc_indicator_page_get_score_row (esc_assessment_view_get_page (view), 0))),
                        before, focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none",
                        gtk_window_is_active (GTK_WINDOW (window)));
        g_assert_not_reached ();
      }
    esc_assessment_view_flush (view);

    check = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    rows = esc_store_load_answers (check, assessment_uuid, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      {
        EscAnswer *answer = g_ptr_array_index (rows, i);

        if (g_str_equal (answer->item_code, "6"))
          g_assert_cmpfloat (answer->values[0], ==, before);
      }
  }

  /* The header says when it was saved, in the Buddhist era. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char      *year = g_strdup_printf ("%d", esc_thai_be_year (g_date_time_get_year (now)));

    g_assert_nonnull (strstr (esc_window_get_subtitle (window), year));
    g_assert_true (g_str_has_prefix (esc_window_get_subtitle (window), "Saved "));
  }

  /* Back to the list: the row shows 34 of 34 and the total. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-workspace", NULL));
  g_assert_cmpstr (esc_window_get_page_name (window), ==, "workspace");
  {
    EscLaoItem *item = esc_workspace_find_item (esc_window_get_workspace (window), lao_uuid);

    g_assert_cmpuint (esc_lao_item_get_n_done (item), ==, 34);
    g_assert_cmpfloat_with_epsilon (esc_lao_item_get_total_percent (item), score->total_percent, 1e-9);
  }

  /* Close, reopen: everything as it was. */
  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (100);

  window = esc_test_window_new (app);
  esc_window_open_path (window, path, FALSE);
  g_assert_true (esc_test_wait_workspace (window));
  esc_workspace_view_set_search_text (esc_window_get_workspace_view (window), SEARCH_TEXT);
  g_signal_emit_by_name (esc_workspace_view_get_search_entry (esc_window_get_workspace_view (window)), "activate");
  g_assert_true (wait_page (window, "assessment"));
  view = esc_window_get_assessment_view (window);
  g_assert_cmpstr (esc_assessment_view_get_assessment (view)->uuid, ==, assessment_uuid);
  check_footer (view, score);
  for (guint position = 0; position < n_items; position++)
    {
      EscIndicatorPage   *page;
      const EscIndicator *item;
      GtkTextBuffer      *buffer;
      GtkTextIter         start, end;
      g_autofree char    *note = NULL;
      g_autofree char    *expected = NULL;

      esc_assessment_view_go_to (view, position);
      page = esc_assessment_view_get_page (view);
      item = esc_indicator_page_get_item (page);
      for (guint d = 0; d < esc_indicator_page_get_n_scores (page); d++)
        {
          EscScoreRow *row = esc_indicator_page_get_score_row (page, d);
          double       max = item->method == ESC_SCORING_LPA ? 100 : item->dimensions[d].max;

          g_assert_cmpfloat (esc_score_row_get_value (row), ==, value_for (position, d, max));
        }
      if (esc_indicator_page_get_n_criteria (page) > 0)
        g_assert_true (gtk_check_button_get_active (esc_indicator_page_get_criterion (page, 0)));
      buffer = gtk_text_view_get_buffer (esc_indicator_page_get_note_view (page));
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      expected = note_for (item);
      g_assert_cmpstr (note, ==, expected);
      g_assert_cmpint (esc_indicator_row_get_state (esc_assessment_view_get_row (view, position)), !=,
                       ESC_ITEM_NOT_STARTED);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
}

/* A change shown as saved survives SIGKILL at that instant. */
static void
test_crash (void)
{
  if (g_test_subprocess ())
    {
      const char        *path = g_getenv ("ESC_TEST_CRASH_PATH");
      EscAssessmentView *view;
      EscWindow         *window;
      EscIndicatorPage  *page;

      window = esc_test_window_new (app);
      esc_window_open_path (window, path, FALSE);
      g_assert_true (esc_test_wait_workspace (window));
      find_and_start (window);
      view = esc_window_get_assessment_view (window);
      page = esc_assessment_view_get_page (view);
      gtk_spin_button_set_value (esc_score_row_get_spin (esc_indicator_page_get_score_row (page, 0)), 7);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (esc_indicator_page_get_note_view (page)),
                                "ก่อนดับ", -1);
      esc_indicator_page_flush_note (page);
      /* Wait for the window to say so, then die at once. */
      g_assert_true (esc_test_wait (saved, view, 10000));
      g_assert_true (g_str_has_prefix (esc_window_get_subtitle (window), "Saved "));
      raise (SIGKILL);
      g_assert_not_reached ();
    }
  else
    {
      g_autofree char      *dir = g_dir_make_tmp ("esc-crash-XXXXXX", NULL);
      g_autofree char      *path = NULL;
      g_autoptr (EscStore)  store = NULL;
      g_autoptr (GPtrArray) assessments = NULL;
      g_autoptr (GPtrArray) answers = NULL;
      g_autoptr (GError)    error = NULL;
      EscAnswer            *answer;

      path = esc_test_make_workspace (dir, &error);
      g_assert_no_error (error);
      g_setenv ("ESC_TEST_CRASH_PATH", path, TRUE);

      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_failed ();

      store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      assessments = esc_store_list_assessments (store, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (assessments->len, ==, 1);
      answers = esc_store_load_answers (store, ((EscAssessment *) assessments->pdata[0])->uuid, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (answers->len, ==, 1);
      answer = answers->pdata[0];
      g_assert_cmpstr (answer->item_code, ==, "1");
      g_assert_cmpfloat (answer->values[0], ==, 7);
      g_assert_cmpstr (answer->note, ==, "ก่อนดับ");
    }
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gboolean
not_busy (gpointer data)
{
  return !esc_window_is_busy (data);
}

/* Files that are not workspaces give a clear message and stay as they were. */
static void
test_bad_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("esc-bad-XXXXXX", NULL);
  struct
  {
    const char *name;
    const char *contents;
    gsize       length;
    const char *title;
  } cases[] = {
    { "notes.esca", "these are notes, not a workspace\n", 33, "is not an ESC workspace" },
    { "empty-header.esca", "SQLite format 3\0\x10\0\1\1\0@  \0\0\0\1", 32, "" },
  };
  EscWindow *window = esc_test_window_new (app);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].contents, cases[i].length, NULL));
      before = file_checksum (path);

      esc_window_open_path (window, path, FALSE);
      g_assert_true (esc_test_wait (not_busy, window, 20000));
      g_assert_null (esc_window_get_workspace (window));
      g_assert_nonnull (esc_window_get_error_title (window));
      g_assert_nonnull (strstr (esc_window_get_error_title (window), cases[i].name));
      g_assert_nonnull (strstr (esc_window_get_error_title (window), cases[i].title));
      g_assert_cmpstr (esc_window_get_page_name (window), ==, "welcome");

      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_false (g_file_test (g_strconcat (path, "-wal", NULL), G_FILE_TEST_EXISTS));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
}

static gboolean
is_preloaded (gpointer data)
{
  return esc_workspace_is_preloaded (data);
}

/* The progress the list shows for the first local government with an assessment. */
static guint
first_progress (EscWindow *window)
{
  GListModel *laos = esc_workspace_get_laos (esc_window_get_workspace (window));

  for (guint i = 0; i < g_list_model_get_n_items (laos); i++)
    {
      g_autoptr (EscLaoItem) item = g_list_model_get_item (laos, i);

      if (esc_lao_item_get_assessment (item) != NULL)
        return esc_lao_item_get_n_done (item);
    }

  return 0;
}

/* A start reads its workspace while the toolkit starts: the window's open of that file
 * takes the result, whether it is still being read or already waiting, with the same
 * contents as an open of its own; an open of another file drops it; a file that is not
 * a workspace gives the usual message and stays as it was. */
static void
test_preload (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = g_dir_make_tmp ("esc-preload-XXXXXX", NULL);
  g_autofree char   *path = esc_test_make_workspace (dir, &error);
  g_autofree char   *other = g_build_filename (dir, "other.esca", NULL);
  g_autofree char   *bad = g_build_filename (dir, "notes.esca", NULL);
  g_autofree char   *before = NULL;
  g_autofree char   *after = NULL;
  g_autoptr (GFile)  source = NULL;
  g_autoptr (GFile)  copy = NULL;
  EscWindow         *window;
  guint              expected;

  g_assert_no_error (error);
  source = g_file_new_for_path (path);
  copy = g_file_new_for_path (other);
  g_assert_true (esc_test_assess (path, 1, 12, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad, "these are notes, not a workspace\n", -1, NULL));
  before = file_checksum (bad);

  /* An open of its own, for comparison. */
  window = esc_test_window_new (app);
  esc_window_open_path (window, path, FALSE);
  g_assert_true (esc_test_wait_workspace (window));
  expected = first_progress (window);
  g_assert_cmpuint (expected, >, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Taken while still being read. */
  esc_workspace_preload (path);
  g_assert_false (esc_workspace_is_preloaded (path));
  window = esc_test_window_new (app);
  esc_window_open_path (window, path, FALSE);
  g_assert_true (esc_test_wait_workspace (window));
  g_assert_cmpuint (first_progress (window), ==, expected);
  g_assert_false (esc_workspace_is_preloaded (path));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Taken once read: the open finishes without reading the file again. */
  esc_workspace_preload (path);
  g_assert_true (esc_test_wait (is_preloaded, path, 20000));
  window = esc_test_window_new (app);
  esc_window_open_path (window, path, FALSE);
  g_assert_false (esc_workspace_is_preloaded (path));
  g_assert_true (esc_test_wait_workspace (window));
  g_assert_cmpuint (first_progress (window), ==, expected);

  /* Opening another file drops a preload; its file opens normally afterwards. */
  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  esc_workspace_preload (path);
  g_assert_true (esc_test_wait (is_preloaded, path, 20000));
  esc_window_open_path (window, other, FALSE);
  g_assert_false (esc_workspace_is_preloaded (path));
  g_assert_true (esc_test_wait_workspace (window));
  g_assert_cmpstr (esc_workspace_get_path (esc_window_get_workspace (window)), ==, other);
  esc_window_open_path (window, path, FALSE);
  g_assert_true (esc_test_wait (not_busy, window, 20000));
  g_assert_cmpstr (esc_workspace_get_path (esc_window_get_workspace (window)), ==, path);
  g_assert_cmpuint (first_progress (window), ==, expected);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A preloaded file that is not a workspace. */
  esc_workspace_preload (bad);
  window = esc_test_window_new (app);
  esc_window_open_path (window, bad, FALSE);
  g_assert_true (esc_test_wait (not_busy, window, 20000));
  g_assert_null (esc_window_get_workspace (window));
  g_assert_nonnull (strstr (esc_window_get_error_title (window), "notes.esca"));
  after = file_checksum (bad);
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (GTK_WINDOW (window));

  esc_test_drain (50);
  esc_test_remove_tree (dir);
}

/* A window given a file at once never builds the welcome page; one given nothing shows
 * it, and a file that fails to open falls back to it. */
static void
test_welcome_when_idle (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = g_dir_make_tmp ("esc-welcome-XXXXXX", NULL);
  g_autofree char   *path = esc_test_make_workspace (dir, &error);
  EscWindow         *window;
  GtkStack          *stack;

  g_assert_no_error (error);
  window = esc_window_new (ADW_APPLICATION (app));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), ESC_TYPE_WINDOW, "stack"));
  esc_window_open_path (window, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (esc_test_wait_workspace (window));
  g_assert_cmpstr (esc_window_get_page_name (window), ==, "workspace");
  g_assert_null (gtk_stack_get_child_by_name (stack, "welcome"));
  gtk_window_destroy (GTK_WINDOW (window));

  window = esc_test_window_new (app);
  g_assert_cmpstr (esc_window_get_page_name (window), ==, "welcome");
  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
  esc_test_remove_tree (dir);
}

/* The application started as a user or a file manager starts it, on a workspace and one
 * of its assessments, or on the last workspace: it reads the file while the toolkit
 * starts (whichever way the file and the options are given), draws its first view and
 * leaves the file as it was; with --welcome it reads nothing. */
static void
test_start (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = g_dir_make_tmp ("esc-start-XXXXXX", NULL);
  g_autofree char   *path = esc_test_make_workspace (dir, &error);
  g_autofree char   *exe = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "src", "gui", "esc-assessor", NULL);
  g_autofree char   *uuid = NULL;
  g_autofree char   *option = NULL;
  g_autofree char   *before = NULL;
  g_autofree char   *after = NULL;
  g_autofree char   *base = NULL;

  g_assert_no_error (error);
  g_assert_true (esc_test_assess (path, 1, 5, &error));
  g_assert_no_error (error);
  uuid = esc_test_first_assessment (path);
  option = g_strdup_printf ("--assessment=%s", uuid);
  base = g_path_get_basename (path);
  before = file_checksum (path);

  for (guint i = 0; i < 2; i++)
    {
      const char        *argv_joined[] = { exe, "--first-frame", option, path, NULL };
      const char        *argv_split[] = { exe, "--assessment", uuid, "--first-frame", base, NULL };
      const char *const *argv = i == 0 ? argv_joined : argv_split;
      g_auto (GStrv)     envp = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG", "Esc", TRUE);
      g_autofree char   *out = NULL;
      int                status = 0;

      envp = g_environ_unsetenv (envp, "G_DEBUG");
      g_assert_true (g_spawn_sync (dir, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_no_error (error);
      /* GLib prints debug messages on standard output. */
      g_assert_nonnull (strstr (out, "first-frame"));
      g_assert_nonnull (strstr (out, "while the window is made"));
      g_assert_nonnull (strstr (out, "as read at start"));
    }

  /* No file given: the last workspace, read from the settings, and --welcome, which reads
   * nothing. */
  {
    g_autofree char *config = g_build_filename (dir, "config", NULL);
    g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
    g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
    g_autofree char *contents = g_strdup_printf ("[io/github/escassessor/Assessor]\nlast-workspace='%s'\n", path);

    g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));
    for (guint i = 0; i < 2; i++)
      {
        const char      *argv_last[] = { exe, "--first-frame", NULL };
        const char      *argv_welcome[] = { exe, "--welcome", "--first-frame", NULL };
        g_auto (GStrv)   envp = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG", "Esc", TRUE);
        g_autofree char *out = NULL;
        int              status = 0;

        envp = g_environ_unsetenv (envp, "G_DEBUG");
        envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
        envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
        g_assert_true (g_spawn_sync (dir, (char **) (i == 0 ? argv_last : argv_welcome), envp, G_SPAWN_DEFAULT, NULL,
                                     NULL, &out, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, &error));
        g_assert_no_error (error);
        g_assert_nonnull (strstr (out, "first-frame"));
        g_assert_true ((strstr (out, "while the window is made") != NULL) == (i == 0));
        g_assert_true ((strstr (out, "as read at start") != NULL) == (i == 0));
      }
  }

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  esc_test_remove_tree (dir);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint             *counts = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (esc_workspace_import_csv_finish (ESC_WORKSPACE (source), result, &counts[0], &counts[1], &error));
  g_assert_no_error (error);
  counts[2] = TRUE;
}

static gboolean
import_done (gpointer data)
{
  return ((guint *) data)[2];
}

static void
import_codes (EscWindow *window)
{
  static const char  csv[] = "code,name,type,district,province\n"
                             "6330103,องค์การบริหารส่วนตำบลคูซอด,sao,เมืองศรีสะเกษ,ศรีสะเกษ\n"
                             "6330104,องค์การบริหารส่วนตำบลซำ,sao,เมืองศรีสะเกษ,ศรีสะเกษ\n";
  g_autofree char   *dir = g_dir_make_tmp ("esc-codes-XXXXXX", NULL);
  g_autofree char   *path = g_build_filename (dir, "codes.csv", NULL);
  g_autoptr (GError) error = NULL;
  guint              counts[3] = { 0 };

  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  esc_workspace_import_csv_async (esc_window_get_workspace (window), path, NULL, import_done_cb, counts);
  g_assert_true (esc_test_wait (import_done, counts, 20000));
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[1], ==, 2);
  esc_test_remove_tree (dir);
}

/* First run: the default workspace is created with the shipped list; the next start
 * opens it again, and the welcome page lists it. */
static void
test_default_workspace (void)
{
  g_autofree char *path = esc_workspace_default_path ();
  EscWindow       *window;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  window = esc_test_window_new (app);
  esc_window_open_default (window);
  g_assert_true (esc_test_wait_workspace (window));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (g_list_model_get_n_items (esc_workspace_get_laos (esc_window_get_workspace (window))), ==, 217);

  /* Filters: type and district narrow the list. */
  esc_workspace_view_set_search_text (esc_window_get_workspace_view (window), "เทศบาล");
  g_assert_cmpuint (g_list_model_get_n_items (esc_workspace_view_get_visible (esc_window_get_workspace_view (window))), ==, 37);
  esc_workspace_view_set_search_text (esc_window_get_workspace_view (window), "");

  /* The shipped list has no DLA codes; a list with codes imported over it gives them to
   * the same rows: none is added, and the list finds them by code at once. */
  import_codes (window);
  g_assert_cmpuint (g_list_model_get_n_items (esc_workspace_get_laos (esc_window_get_workspace (window))), ==, 217);
  esc_workspace_view_set_search_text (esc_window_get_workspace_view (window), "6330103");
  g_assert_cmpuint (g_list_model_get_n_items (esc_workspace_view_get_visible (esc_window_get_workspace_view (window))), ==, 1);
  esc_workspace_view_set_search_text (esc_window_get_workspace_view (window), "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL));
  g_assert_cmpstr (esc_window_get_page_name (window), ==, "welcome");
  gtk_window_destroy (GTK_WINDOW (window));

  window = esc_test_window_new (app);
  esc_window_open_default (window);
  g_assert_true (esc_test_wait_workspace (window));
  g_assert_cmpstr (esc_workspace_get_path (esc_window_get_workspace (window)), ==, path);
  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
}

/* The shortcuts the issue names are the window's accelerators. */
static void
test_accels (void)
{
  struct
  {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.previous-indicator", "<Alt>Left" },
    { "win.previous-indicator", "<Control>Page_Up" },
    { "win.next-indicator", "<Alt>Right" },
    { "win.next-indicator", "<Control>Page_Down" },
    { "win.quick-jump", "<Control>k" },
    { "win.undo", "<Control>z" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), expected[i].action);

      g_assert_true (g_strv_contains ((const char *const *) accels, expected[i].accel));
    }
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

  g_test_add_func ("/gui/window/accels", test_accels);
  g_test_add_func ("/gui/window/default-workspace", test_default_workspace);
  g_test_add_func ("/gui/window/bad-files", test_bad_files);
  g_test_add_func ("/gui/window/preload", test_preload);
  g_test_add_func ("/gui/window/start", test_start);
  g_test_add_func ("/gui/window/welcome-when-idle", test_welcome_when_idle);
  g_test_add_func ("/gui/window/assess-all", test_assess_all);
  g_test_add_func ("/gui/window/crash", test_crash);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
