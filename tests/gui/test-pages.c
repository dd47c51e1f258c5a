/* test-pages.c: the main pages in Thai, without missing glyphs, labelled and in a
 * sensible keyboard order
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-gui-test-util.h"
#include "esc-test-workspace.h"

static EscApplication *app;

typedef struct
{
  guint    n_labels;
  guint    n_thai;
  guint    n_unknown;
  GString *unknown_texts;
} GlyphCount;

static gboolean
has_thai (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0E00 && c <= 0x0E7F)
        return TRUE;
    }

  return FALSE;
}

static void
count_glyphs (GtkWidget  *widget,
              GlyphCount *count)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  /* The sidebar's rows draw their names themselves. */
  if (ESC_IS_INDICATOR_ROW (widget))
    {
      PangoLayout *layout = esc_indicator_row_get_name_layout (ESC_INDICATOR_ROW (widget));
      const char  *text = pango_layout_get_text (layout);
      int          unknown = pango_layout_get_unknown_glyphs_count (layout);

      count->n_labels++;
      if (has_thai (text))
        count->n_thai++;
      if (unknown > 0)
        {
          count->n_unknown += unknown;
          g_string_append_printf (count->unknown_texts, " “%s”", text);
        }
    }

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      int         unknown = pango_layout_get_unknown_glyphs_count (gtk_label_get_layout (GTK_LABEL (widget)));

      count->n_labels++;
      if (has_thai (text))
        count->n_thai++;
      if (unknown > 0)
        {
          count->n_unknown += unknown;
          g_string_append_printf (count->unknown_texts, " “%s”", text);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_glyphs (child, count);
}

static void
assert_no_missing_glyphs (GtkWidget  *window,
                          const char *page)
{
  GlyphCount count = { 0, 0, 0, g_string_new (NULL) };

  count_glyphs (window, &count);
  g_test_message ("%s: %u labels, %u in Thai, %u unknown glyphs", page, count.n_labels,
                  count.n_thai, count.n_unknown);
  if (count.n_unknown > 0)
    g_error ("%s: %u unknown glyphs in%s", page, count.n_unknown, count.unknown_texts->str);
  g_assert_cmpuint (count.n_thai, >, 3);
  g_string_free (count.unknown_texts, TRUE);
}

static gboolean
on_page (gpointer data)
{
  void **args = data;

  return !esc_window_is_busy (args[0]) && g_strcmp0 (esc_window_get_page_name (args[0]), args[1]) == 0;
}

/* An input a screen reader can name: an accessible label, a relation, or visible text. */
static gboolean
is_labelled (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && GTK_IS_BOX (gtk_button_get_child (GTK_BUTTON (widget))))
    return GTK_IS_LABEL (gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (widget))));
  if (GTK_IS_LIST_BOX_ROW (widget) || GTK_IS_DROP_DOWN (widget))
    return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL);

  return FALSE;
}

static void
check_labels (GtkWidget *widget,
              guint     *n_inputs)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget) ||
      GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) ||
      (GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget)) || GTK_IS_MENU_BUTTON (widget))
    {
      /* The window's own title buttons are labelled by GTK. */
      if (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) == NULL &&
          !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
        {
          if (!is_labelled (widget))
            g_error ("A %s has no accessible label", G_OBJECT_TYPE_NAME (widget));
          (*n_inputs)++;
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, n_inputs);
}

static void
test_pages (void)
{
  g_autofree char   *dir = g_dir_make_tmp ("esc-pages-XXXXXX", NULL);
  g_autofree char   *path = NULL;
  g_autoptr (GError) error = NULL;
  EscAssessmentView *view;
  EscWindow         *window;
  guint              n_inputs = 0;
  void              *args[2];

  /* The interface really is in Thai. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Scores"), ==, "คะแนน");

  path = esc_test_make_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_true (esc_test_assess (path, 3, 20, &error));

  window = esc_test_window_new (app);
  esc_window_show_welcome (window);
  esc_test_drain (300);
  assert_no_missing_glyphs (GTK_WIDGET (window), "welcome");
  check_labels (GTK_WIDGET (window), &n_inputs);

  esc_window_open_path (window, path, FALSE);
  g_assert_true (esc_test_wait_workspace (window));
  esc_test_drain (300);
  assert_no_missing_glyphs (GTK_WIDGET (window), "workspace");
  check_labels (GTK_WIDGET (window), &n_inputs);

  g_signal_emit_by_name (esc_workspace_view_get_search_entry (esc_window_get_workspace_view (window)), "activate");
  args[0] = window;
  args[1] = "assessment";
  g_assert_true (esc_test_wait (on_page, args, 20000));
  view = esc_window_get_assessment_view (window);
  for (guint i = 0; i < esc_assessment_view_get_n_items (view); i += 6)
    {
      g_autofree char *name = g_strdup_printf ("indicator page %u", i + 1);

      esc_assessment_view_go_to (view, i);
      esc_test_drain (100);
      assert_no_missing_glyphs (GTK_WIDGET (window), name);
      check_labels (GTK_WIDGET (window), &n_inputs);
    }
  g_test_message ("%u inputs checked for an accessible label", n_inputs);
  g_assert_cmpuint (n_inputs, >, 40);

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
}

/* A window on the workspace at path, showing the assessment of its first local
 * government (found by the list's search, as an assessor does). */
static EscWindow *
open_first_assessment (const char *path)
{
  EscWindow *window = esc_test_window_new (app);
  void      *args[] = { window, "assessment" };

  esc_window_open_path (window, path, FALSE);
  g_assert_true (esc_test_wait_workspace (window));
  g_signal_emit_by_name (esc_workspace_view_get_search_entry (esc_window_get_workspace_view (window)), "activate");
  g_assert_true (esc_test_wait (on_page, args, 20000));
  esc_test_drain (200);

  return window;
}

/* Tab goes through the page's inputs in reading order: scores, criteria, note. */
static void
test_keyboard_order (void)
{
  g_autofree char      *dir = g_dir_make_tmp ("esc-keys-XXXXXX", NULL);
  g_autofree char      *path = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) expected = g_ptr_array_new ();
  g_autoptr (GString)   visited = g_string_new (NULL);
  EscIndicatorPage     *page;
  EscWindow            *window;
  GtkWidget            *focus;
  guint                 next = 0;

  path = esc_test_make_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_true (esc_test_assess (path, 1, 0, &error));

  window = open_first_assessment (path);

  page = esc_assessment_view_get_page (esc_window_get_assessment_view (window));
  for (guint i = 0; i < esc_indicator_page_get_n_scores (page); i++)
    g_ptr_array_add (expected, esc_score_row_get_spin (esc_indicator_page_get_score_row (page, i)));
  for (guint i = 0; i < esc_indicator_page_get_n_criteria (page); i++)
    g_ptr_array_add (expected, esc_indicator_page_get_criterion (page, i));
  g_ptr_array_add (expected, esc_indicator_page_get_note_view (page));

  /* Opening the assessment puts the focus in the first score. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, g_ptr_array_index (expected, 0)));

  for (guint step = 0; step < 120 && next < expected->len; step++)
    {
      GtkWidget *target = g_ptr_array_index (expected, next);

      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_string_append_printf (visited, " %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none");
      /* The input itself, a part of it, or the row that operates it. */
      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target) ||
                            (GTK_IS_LIST_BOX_ROW (focus) && gtk_widget_is_ancestor (target, focus))))
        next++;
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      esc_test_drain (5);
    }
  if (next != expected->len)
    g_test_message ("focus went through:%s", visited->str);
  g_assert_cmpuint (next, ==, expected->len);

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
}

/* Going to the next indicator from a score keeps the focus in the score field, with its
 * value selected, so that the next score typed replaces it. */
static void
test_score_selected_after_switch (void)
{
  g_autofree char   *dir = g_dir_make_tmp ("esc-select-XXXXXX", NULL);
  g_autofree char   *path = NULL;
  g_autoptr (GError) error = NULL;
  EscAssessmentView *view;
  EscIndicatorPage  *page;
  EscWindow         *window;
  GtkWidget         *focus;
  GtkEditable       *spin;
  int                start, end;

  path = esc_test_make_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_true (esc_test_assess (path, 1, G_MAXUINT, &error));

  window = open_first_assessment (path);

  view = esc_window_get_assessment_view (window);
  page = esc_assessment_view_get_page (view);
  for (guint step = 1; step <= 3; step++)
    {
      /* Checked before the X server's events are read: another window of the process
       * taking the primary selection would take the field's selection away. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-indicator", NULL));
      g_assert_cmpuint (esc_assessment_view_get_position (view), ==, step);

      spin = GTK_EDITABLE (esc_score_row_get_spin (esc_indicator_page_get_score_row (page, 0)));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (spin)));
      g_assert_cmpstr (gtk_editable_get_text (spin), !=, "");
      g_assert_true (gtk_editable_get_selection_bounds (spin, &start, &end));
      g_assert_cmpint (MIN (start, end), ==, 0);
      g_assert_cmpint (MAX (start, end), ==, g_utf8_strlen (gtk_editable_get_text (spin), -1));
      esc_test_drain (50);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
}

/* Whether row is in sight in the scrolled window around the sidebar's list. */
static gboolean
row_in_sight (GtkWidget *row)
{
  GtkWidget      *list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX);
  GtkWidget      *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment  *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds;
  double          top = gtk_adjustment_get_value (adjustment);

  g_assert_true (gtk_widget_compute_bounds (row, list, &bounds));

  return bounds.origin.y >= top - 0.5 &&
         bounds.origin.y + bounds.size.height <= top + gtk_adjustment_get_page_size (adjustment) + 0.5;
}

/* Going through the indicators by keyboard, the sidebar scrolls so that the current
 * indicator's row stays in sight, down to the last and back up to the first. */
static void
test_sidebar_follows (void)
{
  g_autofree char   *dir = g_dir_make_tmp ("esc-follow-XXXXXX", NULL);
  g_autofree char   *path = NULL;
  g_autoptr (GError) error = NULL;
  EscAssessmentView *view;
  EscWindow         *window;
  guint              n, scrolled = 0;

  path = esc_test_make_workspace (dir, &error);
  g_assert_no_error (error);
  g_assert_true (esc_test_assess (path, 1, 3, &error));

  window = open_first_assessment (path);

  view = esc_window_get_assessment_view (window);
  n = esc_assessment_view_get_n_items (view);
  for (guint i = 1; i < n; i++)
    {
      GtkWidget *row = GTK_WIDGET (esc_assessment_view_get_row (view, i));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-indicator", NULL));
      g_assert_true (row_in_sight (row));
      scrolled += !row_in_sight (GTK_WIDGET (esc_assessment_view_get_row (view, 0)));
      esc_test_drain (20);
    }
  /* At 1024×600 the rows do not all fit: the list did scroll. */
  g_assert_cmpuint (scrolled, >, 0);
  g_assert_false (row_in_sight (GTK_WIDGET (esc_assessment_view_get_row (view, 0))));

  for (guint i = n - 1; i-- > 0;)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-indicator", NULL));
      g_assert_true (row_in_sight (GTK_WIDGET (esc_assessment_view_get_row (view, i))));
      esc_test_drain (20);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  esc_test_drain (50);
  esc_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test accessibility backend keeps the properties for checking. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  esc_test_setup_env (TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = esc_test_application ();

  g_test_add_func ("/gui/pages/thai-glyphs-and-labels", test_pages);
  g_test_add_func ("/gui/pages/keyboard-order", test_keyboard_order);
  g_test_add_func ("/gui/pages/score-selected-after-switch", test_score_selected_after_switch);
  g_test_add_func ("/gui/pages/sidebar-follows", test_sidebar_follows);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
