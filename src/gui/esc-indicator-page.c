/* esc-indicator-page.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "esc-criterion-row.h"
#include "esc-history-view.h"
#include "esc-indicator-page.h"
#include "esc-review-panel.h"

#define NOTE_DELAY_MS 500

/* One scorable item: names, issue, criteria checklist, scores, note and evidence. */
struct _EscIndicatorPage
{
  AdwBin               parent_instance;

  GtkLabel            *number_label;
  GtkLabel            *name_label;
  GtkLabel            *english_label;
  GtkLabel            *issue_label;
  GtkLabel            *provenance_label;
  AdwPreferencesGroup *scores_group;
  GtkListBox          *score_list;
  GtkLabel            *lpa_label;
  GtkWidget           *criteria_group;
  GtkListBox          *criteria_list;
  GtkTextView         *note_view;
  GtkLabel            *evidence_label;
  GtkBox              *evidence_box;
  GtkWidget           *review_group;
  EscReviewPanel      *review_panel;

  EscStore            *store;
  char                *assessment_uuid;
  const EscIndicator  *item;
  GPtrArray           *score_rows;     /* every EscScoreRow made, the first n_scores shown */
  GPtrArray           *criterion_rows; /* every EscCriterionRow made, the first n_criteria shown */
  guint                n_scores;
  guint                n_criteria;
  guint                note_timeout;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (EscIndicatorPage, esc_indicator_page, ADW_TYPE_BIN)

enum
{
  ANSWER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_change (EscIndicatorPage *self,
             EscAnswerChange  *change)
{
  g_signal_emit (self, signals[ANSWER_CHANGED], 0, change);
}

static void
update_lpa_label (EscIndicatorPage *self,
                  double            percent)
{
  g_autofree char *text = NULL;
  const char      *source;

  if (self->item == NULL || self->item->method != ESC_SCORING_LPA)
    return;

  source = esc_text_get (&self->item->lpa_source, TRUE);
  if (isnan (percent))
    /* Translators: %s names where the LPA result comes from */
    text = g_strdup_printf (_ ("Where this score comes from: %s."), source);
  else
    /* Translators: %s names the LPA source; then the percentage and the points it gives */
    text = g_strdup_printf (_ ("Where this score comes from: %s. %.1f %% gives %.1f of %.0f points."),
                            source, percent, esc_indicator_lpa_points (self->item, percent),
                            self->item->max_points);
  gtk_label_set_label (self->lpa_label, text);
}

static void
on_score_changed_cb (EscIndicatorPage *self,
                     EscScoreRow      *row)
{
  EscAnswerChange change;
  double          value = esc_score_row_get_value (row);

  if (self->loading || self->item == NULL)
    return;

  esc_answer_change_init (&change, self->item->code);
  esc_answer_change_set_value (&change, esc_score_row_get_key (row), value);
  update_lpa_label (self, value);
  emit_change (self, &change);
}

static char *
dup_checked (EscIndicatorPage *self)
{
  g_autoptr (GString) checked = g_string_new (NULL);

  for (guint i = 0; i < self->n_criteria; i++)
    {
      if (!esc_criterion_row_get_active (g_ptr_array_index (self->criterion_rows, i)))
        continue;
      if (checked->len > 0)
        g_string_append_c (checked, ',');
      g_string_append_printf (checked, "%u", i + 1);
    }

  return g_string_free (g_steal_pointer (&checked), FALSE);
}

static void
on_criterion_toggled_cb (EscIndicatorPage *self)
{
  g_autofree char *checked = NULL;
  EscAnswerChange  change;

  if (self->loading || self->item == NULL)
    return;

  checked = dup_checked (self);
  esc_answer_change_init (&change, self->item->code);
  change.checked = checked;
  emit_change (self, &change);
}

/* A click on a criterion's row, or Enter on it, ticks it as a click on its box does. */
static void
on_criterion_activated_cb (EscIndicatorPage *self,
                           GtkListBoxRow    *row)
{
  if (ESC_IS_CRITERION_ROW (row))
    esc_criterion_row_activate (ESC_CRITERION_ROW (row));
}

static char *
dup_note (EscIndicatorPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Commits the note now if it has changed since the last commit. */
void
esc_indicator_page_flush_note (EscIndicatorPage *self)
{
  g_autofree char *note = NULL;
  EscAnswerChange  change;

  g_return_if_fail (ESC_IS_INDICATOR_PAGE (self));

  if (self->note_timeout == 0 || self->item == NULL)
    return;
  g_clear_handle_id (&self->note_timeout, g_source_remove);

  note = dup_note (self);
  esc_answer_change_init (&change, self->item->code);
  change.note = note;
  emit_change (self, &change);
}

/* Whether the note was typed into and is not committed yet. */
gboolean
esc_indicator_page_has_unsaved_note (EscIndicatorPage *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), FALSE);

  return self->note_timeout != 0;
}

static gboolean
note_timeout_cb (gpointer user_data)
{
  EscIndicatorPage *self = user_data;

  esc_indicator_page_flush_note (self);

  return G_SOURCE_REMOVE;
}

static void
on_note_changed_cb (EscIndicatorPage *self)
{
  if (self->loading)
    return;

  /* Typing is committed after a short pause, and at once on focus-out. */
  if (self->note_timeout != 0)
    g_source_remove (self->note_timeout);
  self->note_timeout = g_timeout_add (NOTE_DELAY_MS, note_timeout_cb, self);
}

/* The changes of this indicator, newest first, in a window of their own. */
static void
on_history_clicked_cb (EscIndicatorPage *self)
{
  g_autofree char *title = NULL;
  GtkWidget       *window;
  GtkWidget       *box;
  GtkWidget       *scrolled;
  GtkWidget       *view;

  if (self->store == NULL || self->item == NULL)
    return;

  window = adw_window_new ();
  /* Translators: the title of the history window, e.g. "History of Indicator 7" */
  title = g_strdup_printf (_ ("History of Indicator %s"), self->item->code);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);

  view = esc_history_view_new ();
  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  gtk_widget_set_margin_top (view, 12);
  gtk_widget_set_margin_bottom (view, 12);
  esc_history_view_show (ESC_HISTORY_VIEW (view), self->store, self->assessment_uuid, self->item->code);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
esc_indicator_page_dispose (GObject *object)
{
  EscIndicatorPage *self = ESC_INDICATOR_PAGE (object);

  esc_indicator_page_flush_note (self);
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_INDICATOR_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->assessment_uuid, g_free);
  g_clear_pointer (&self->score_rows, g_ptr_array_unref);
  g_clear_pointer (&self->criterion_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (esc_indicator_page_parent_class)->dispose (object);
}

/* The page is a boundary for size requests. Its width is what its content needs at the
 * least, as measured for allocating it anyway; its height asks for nothing, since the
 * content scrolls. So the window, which measures itself whenever a label changes (on X11,
 * to compute its size before each frame), and the boxes around the page no longer lay out
 * every text of the page at widths it is never shown at: the texts are laid out once, at
 * the page's width, when the scrolled window allocates them. */
static void
esc_indicator_page_measure (GtkWidget     *widget,
                            GtkOrientation orientation,
                            int            for_size,
                            int           *minimum,
                            int           *natural,
                            int           *minimum_baseline,
                            int           *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_get_visible (child))
    return;

  /* The same measure the scrolled window makes before allocating its content. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, minimum, NULL, NULL, NULL);
  *natural = *minimum;
}

static void
esc_indicator_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
esc_indicator_page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
esc_indicator_page_class_init (EscIndicatorPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_indicator_page_dispose;
  widget_class->measure = esc_indicator_page_measure;
  widget_class->size_allocate = esc_indicator_page_size_allocate;
  widget_class->get_request_mode = esc_indicator_page_get_request_mode;

  /**
   * EscIndicatorPage::answer-changed:
   * @change: (type gpointer): the EscAnswerChange the user made, valid during emission
   *
   * The user changed a score, the checklist or the note.
   */
  signals[ANSWER_CHANGED] = g_signal_new ("answer-changed",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (ESC_TYPE_REVIEW_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-indicator-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, english_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, issue_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, provenance_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, scores_group);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, score_list);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, lpa_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, note_view);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, review_group);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorPage, review_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_history_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_criterion_activated_cb);
}

static void
esc_indicator_page_init (EscIndicatorPage *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's layout manager would measure the content: see esc_indicator_page_measure(). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->score_rows = g_ptr_array_new ();
  self->criterion_rows = g_ptr_array_new ();

  /* Ctrl+Z undoes the last saved change (the window's undo), not the typing. */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->note_view), FALSE);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_changed_cb), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (esc_indicator_page_flush_note),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);
}

static gboolean
is_checked (const char *checked,
            guint       number)
{
  g_auto (GStrv) parts = NULL;

  if (checked == NULL || checked[0] == '\0')
    return FALSE;

  parts = g_strsplit (checked, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_ascii_strtoull (parts[i], NULL, 10) == number)
      return TRUE;

  return FALSE;
}

/* Rows are made once and kept: switching items rebinds them, which is much cheaper than
 * building rows from their templates on every page. */
static void
show_score_row (EscIndicatorPage *self,
                const char       *key,
                const char       *title,
                const char       *subtitle,
                double            max,
                double            value)
{
  EscScoreRow *row;

  if (self->n_scores < self->score_rows->len)
    {
      row = g_ptr_array_index (self->score_rows, self->n_scores);
      esc_score_row_set_dimension (row, key, title, subtitle, max);
    }
  else
    {
      row = esc_score_row_new (key, title, subtitle, max);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_score_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->score_list, GTK_WIDGET (row));
      g_ptr_array_add (self->score_rows, row);
    }
  esc_score_row_set_value (row, value);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
  self->n_scores++;
}

static void
show_criterion_row (EscIndicatorPage *self,
                    const char       *text,
                    gboolean          active)
{
  EscCriterionRow *row;

  if (self->n_criteria < self->criterion_rows->len)
    {
      row = g_ptr_array_index (self->criterion_rows, self->n_criteria);
      esc_criterion_row_set_text (row, text);
    }
  else
    {
      row = esc_criterion_row_new (text);
      g_signal_connect_object (row, "toggled", G_CALLBACK (on_criterion_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->criteria_list, GTK_WIDGET (row));
      g_ptr_array_add (self->criterion_rows, row);
    }
  esc_criterion_row_set_active (row, active);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
  self->n_criteria++;
}

/* Hides the rows left over from an item with more of them. */
static void
hide_rows_from (GPtrArray *rows,
                guint      first)
{
  for (guint i = first; i < rows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (rows, i), FALSE);
}

/* A score field keeps the focus from one item to the next (Alt+Right typed in a score):
 * its new value is selected, as when the field is reached with Tab, so that the score typed
 * next replaces the value shown instead of being added to it. With a selection the text
 * cursor does not blink either: a blinking cursor has the window drawn at every frame, and
 * the next page then waits for a frame of its own. */
static void
select_focused_score (EscIndicatorPage *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return;
  for (guint i = 0; i < self->n_scores; i++)
    {
      GtkWidget *spin = GTK_WIDGET (esc_score_row_get_spin (g_ptr_array_index (self->score_rows, i)));

      if (focus == spin || gtk_widget_is_ancestor (focus, spin))
        {
          gtk_editable_select_region (GTK_EDITABLE (spin), 0, -1);
          return;
        }
    }
}

/* Shows one scorable item (an indicator, or a part such as 19.1) and its answer. */
void
esc_indicator_page_show (EscIndicatorPage   *self,
                         EscFramework       *framework,
                         const EscIndicator *item,
                         const EscAnswer    *answer,
                         gboolean            thai)
{
  const EscIssue     *issue;
  const EscComponent *component;
  const EscIndicator *top;
  g_autofree char    *number = NULL;
  g_autofree char    *issue_text = NULL;
  g_autofree char    *scores_text = NULL;
  g_autoptr (GString) evidence = NULL;
  const char         *english;

  g_return_if_fail (ESC_IS_INDICATOR_PAGE (self));
  g_return_if_fail (ESC_IS_FRAMEWORK (framework));
  g_return_if_fail (item != NULL);

  esc_indicator_page_flush_note (self);
  self->loading = TRUE;
  self->item = item;
  top = item->parent != NULL ? item->parent : item;

  component = esc_framework_lookup_component (framework, top->component_id);
  issue = esc_framework_lookup_issue (framework, top->issue_id);

  /* Translators: "Indicator 7 · Component 1: Livable city" */
  number = g_strdup_printf (_ ("Indicator %s · Component %s: %s"), item->code, top->component_id,
                            component != NULL ? esc_text_get (&component->name, thai) : "");
  gtk_label_set_label (self->number_label, number);

  /* The Thai name always; the English one beside it when the interface is in English. */
  if (item->parent != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s — %s", item->parent->name.th, item->name.th);

      gtk_label_set_label (self->name_label, name);
    }
  else
    gtk_label_set_label (self->name_label, item->name.th);
  english = item->name.en;
  gtk_widget_set_visible (GTK_WIDGET (self->english_label),
                          !thai && english != NULL && english[0] != '\0');
  gtk_label_set_label (self->english_label, english != NULL ? english : "");

  if (issue != NULL)
    /* Translators: the issue (ประเด็น) an indicator belongs to, e.g. "Issue 1.1: …" */
    issue_text = g_strdup_printf (_ ("Issue %s: %s"), issue->id, esc_text_get (&issue->name, thai));
  gtk_label_set_label (self->issue_label, issue_text != NULL ? issue_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->issue_label), issue_text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->provenance_label),
                          item->name.provenance == ESC_PROVENANCE_RECONSTRUCTED);

  /* Scores */
  self->n_scores = 0;
  if (item->method == ESC_SCORING_LPA)
    {
      double percent = answer != NULL ? answer->values[0] : NAN;

      /* Translators: the maximum of a score, e.g. "0 to 100 %" */
      show_score_row (self, "lpa", _ ("LPA result (%)"), _ ("0 to 100 %"), 100.0, percent);
      gtk_widget_set_visible (GTK_WIDGET (self->lpa_label), TRUE);
      update_lpa_label (self, percent);
    }
  else
    {
      for (guint i = 0; i < item->n_dimensions; i++)
        {
          const EscDimension *dimension = &item->dimensions[i];
          g_autofree char    *subtitle = NULL;

          /* Translators: the maximum of a scoring dimension, e.g. "0 to 10 points" */
          subtitle = g_strdup_printf (_ ("0 to %g points"), dimension->max);
          show_score_row (self, dimension->id, esc_text_get (&dimension->name, thai), subtitle,
                          dimension->max, answer != NULL ? answer->values[i] : NAN);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->lpa_label), FALSE);
    }
  hide_rows_from (self->score_rows, self->n_scores);
  /* Translators: the points an indicator is worth, e.g. "Out of 30 points" */
  scores_text = g_strdup_printf (_ ("Out of %g points"), item->max_points);
  adw_preferences_group_set_description (self->scores_group, scores_text);

  /* Criteria */
  self->n_criteria = 0;
  for (guint i = 0; i < item->n_criteria; i++)
    show_criterion_row (self, esc_text_get (&item->criteria[i], thai),
                        answer != NULL && is_checked (answer->checked, i + 1));
  hide_rows_from (self->criterion_rows, self->n_criteria);
  gtk_widget_set_visible (self->criteria_group, item->n_criteria > 0);

  /* Note */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            answer != NULL && answer->note != NULL ? answer->note : "", -1);

  /* Evidence the criteria expect; the attached documents go in evidence_box. */
  /* Nothing expected: the list's own placeholder says when nothing is attached. */
  evidence = g_string_new (NULL);
  if (item->n_evidence > 0)
    {
      g_string_append (evidence, _ ("Documents the criteria expect:"));
      for (guint i = 0; i < item->n_evidence; i++)
        g_string_append_printf (evidence, "\n• %s", esc_text_get (&item->evidence[i], thai));
    }
  gtk_label_set_label (self->evidence_label, evidence->str);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_label), item->n_evidence > 0);

  /* The reviewer's comments on this item. */
  if (self->store != NULL)
    esc_review_panel_show (self->review_panel, self->store, self->assessment_uuid, item->code);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)))), 0.0);
  select_focused_score (self);
  self->loading = FALSE;
}

const EscIndicator *
esc_indicator_page_get_item (EscIndicatorPage *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), NULL);

  return self->item;
}

guint
esc_indicator_page_get_n_scores (EscIndicatorPage *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), 0);

  return self->n_scores;
}

EscScoreRow *
esc_indicator_page_get_score_row (EscIndicatorPage *self,
                                  guint             index)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), NULL);
  g_return_val_if_fail (index < self->n_scores, NULL);

  return g_ptr_array_index (self->score_rows, index);
}

guint
esc_indicator_page_get_n_criteria (EscIndicatorPage *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), 0);

  return self->n_criteria;
}

GtkCheckButton *
esc_indicator_page_get_criterion (EscIndicatorPage *self,
                                  guint             index)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), NULL);
  g_return_val_if_fail (index < self->n_criteria, NULL);

  return esc_criterion_row_get_check (g_ptr_array_index (self->criterion_rows, index));
}

GtkTextView *
esc_indicator_page_get_note_view (EscIndicatorPage *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), NULL);

  return self->note_view;
}

/* The assessment whose review comments and history the page shows (NULL: none).
 * Takes effect with the next esc_indicator_page_show(). */
void
esc_indicator_page_set_review (EscIndicatorPage *self,
                               EscStore         *store,
                               const char       *assessment_uuid)
{
  g_return_if_fail (ESC_IS_INDICATOR_PAGE (self));
  g_return_if_fail (store == NULL || ESC_IS_STORE (store));

  g_set_object (&self->store, store);
  g_free (self->assessment_uuid);
  self->assessment_uuid = g_strdup (assessment_uuid);
  gtk_widget_set_sensitive (self->review_group, store != NULL);
  /* The panel reads the assessment's comments afresh when the next item is shown. */
  esc_review_panel_show (self->review_panel, NULL, NULL, NULL);
}

EscReviewPanel *
esc_indicator_page_get_review_panel (EscIndicatorPage *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), NULL);

  return self->review_panel;
}

/* Where the evidence list of the item goes. */
GtkBox *
esc_indicator_page_get_evidence_box (EscIndicatorPage *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_PAGE (self), NULL);

  return self->evidence_box;
}

void
esc_indicator_page_focus_first (EscIndicatorPage *self)
{
  g_return_if_fail (ESC_IS_INDICATOR_PAGE (self));

  if (self->n_scores > 0)
    gtk_widget_grab_focus (GTK_WIDGET (esc_score_row_get_spin (g_ptr_array_index (self->score_rows, 0))));
}

/* Turns the inputs off for a read-only workspace; the texts, the evidence, the comments
 * and the history stay readable. */
void
esc_indicator_page_set_editable (EscIndicatorPage *self,
                                 gboolean          editable)
{
  g_return_if_fail (ESC_IS_INDICATOR_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->score_list), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->criteria_list), editable);
  gtk_text_view_set_editable (self->note_view, editable);
}
