/* esc-assessment-view.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "esc-assessment-view.h"
#include "esc-evidence-list.h"
#include "esc-evidence.h"
#include "esc-gui-util.h"
#include "esc-pdf-preview.h"
#include "esc-quick-jump.h"
#include "esc-review.h"
#include "esc-scoring.h"
#include "esc-thai.h"

#define MAX_UNDO 200
#define MAX_SEARCH_HITS 50
/* The share of the width the preview pane opens with, when the window has room for it,
 * and the width the sidebar and the indicator page keep beside it. */
#define PREVIEW_SHARE 0.42
#define MIN_PAGE_WIDTH 660

/* One assessment: the indicators in a sidebar, the current indicator's page and a footer
 * with the scores. Every change goes to the workspace at once; the view keeps a copy of
 * the answers to score without reading the file back. */
struct _EscAssessmentView
{
  AdwBin            parent_instance;

  AdwToastOverlay  *toast_overlay;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  GtkWidget        *search_scroller;
  GtkListBox       *search_list;
  GtkToggleButton  *search_button;
  GtkWidget        *preview_box;
  EscPdfPreview    *preview;
  GtkPaned         *preview_paned;
  GtkListBox       *sidebar_list;
  GtkWidget        *sidebar_scroller;
  GtkToggleButton  *needs_fix_button;
  AdwButtonContent *needs_fix_content;
  EscIndicatorPage *indicator_page;
  GtkLabel         *position_label;
  GtkLabel         *progress_label;
  GtkLevelBar      *progress_bar;
  GtkBox           *component_box;
  GtkLabel         *total_label;
  GtkLabel         *verdict_label;
  GtkWidget        *footer;

  EscWorkspace     *workspace;
  EscFramework     *framework;
  EscAssessment    *assessment;
  EscLao           *lao;
  GHashTable       *answers;  /* item code → EscAnswer */
  GHashTable       *verdicts; /* item code → the reviewer's latest verdict */
  GPtrArray        *rows;     /* EscIndicatorRow per item */
  GPtrArray        *undo;     /* EscAnswer snapshots, oldest first */
  GCancellable     *cancellable;
  GCancellable     *search_cancellable;
  GPtrArray        *search_hits; /* EscSearchHit, as the rows show them */
  EscEvidenceList  *evidence_list;
  guint             position;
  gboolean          searching;
  gboolean          thai;
  gboolean          selecting;
  gint64            saved_at;
  char             *status_text;
  char             *save_error;
};

G_DEFINE_FINAL_TYPE (EscAssessmentView, esc_assessment_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STATUS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static EscAnswer *
answer_copy (const EscAnswer *answer)
{
  EscAnswer *copy = esc_answer_new (answer->item_code);

  memcpy (copy->values, answer->values, sizeof copy->values);
  copy->checked = g_strdup (answer->checked);
  copy->note = g_strdup (answer->note);
  copy->updated_by = g_strdup (answer->updated_by);
  copy->updated_at = answer->updated_at;
  copy->n_links = answer->n_links;

  return copy;
}

static EscAnswer *
empty_answer (const char *code)
{
  EscAnswer *answer = esc_answer_new (code);

  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    answer->values[i] = NAN;

  return answer;
}

static const EscIndicator *
item_at (EscAssessmentView *self,
         guint              position)
{
  return esc_indicator_row_get_item (g_ptr_array_index (self->rows, position));
}

static void
set_status_text (EscAssessmentView *self,
                 const char        *text)
{
  if (g_strcmp0 (self->status_text, text) == 0)
    return;

  g_free (self->status_text);
  self->status_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

static void
update_status (EscAssessmentView *self)
{
  g_autofree char *text = NULL;

  if (self->workspace == NULL)
    set_status_text (self, NULL);
  else if (esc_store_is_read_only (esc_workspace_get_store (self->workspace)))
    /* Translators: shown in the header of a workspace opened read-only */
    set_status_text (self, _ ("Read-only: changes are not saved"));
  else if (self->save_error != NULL)
    /* Translators: shown in the header when a change could not be written */
    set_status_text (self, _ ("Not saved"));
  else if (esc_workspace_get_n_pending (self->workspace) > 0)
    set_status_text (self, _ ("Saving…"));
  else if (self->saved_at > 0)
    {
      g_autofree char *when = esc_thai_format_timestamp (self->saved_at, self->thai);

      /* Translators: the time of the last saved change, e.g. "Saved 27 Nov 2569 17:42" */
      text = g_strdup_printf (_ ("Saved %s"), when);
      set_status_text (self, text);
    }
  else
    /* Translators: shown in the header before any change; every change is saved at once */
    set_status_text (self, _ ("Changes are saved automatically"));
}

static void
update_row (EscAssessmentView *self,
            guint              position)
{
  EscIndicatorRow    *row = g_ptr_array_index (self->rows, position);
  const EscIndicator *item = esc_indicator_row_get_item (row);
  const EscAnswer    *answer = g_hash_table_lookup (self->answers, item->code);

  esc_indicator_row_set_state (row,
                               esc_score_item_state (item, answer),
                               answer != NULL ? esc_score_item_points (item, answer) : -1);
}

static void
update_footer (EscAssessmentView *self)
{
  g_autoptr (GPtrArray) answers = g_ptr_array_new ();
  g_autoptr (EscScore)  score = NULL;
  g_autofree char      *progress = NULL;
  g_autofree char      *total = NULL;
  GHashTableIter        iter;
  gpointer              value;
  GtkWidget            *child;
  guint                 i = 0;

  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (answers, value);

  score = esc_score_compute (self->framework, self->lao->type, answers);

  /* Translators: indicators scored out of all, e.g. "12 of 34 indicators scored" */
  progress = g_strdup_printf (_ ("%u of %u indicators scored"), score->n_complete, score->n_indicators);
  gtk_label_set_label (self->progress_label, progress);
  gtk_level_bar_set_max_value (self->progress_bar, MAX (score->n_indicators, 1));
  gtk_level_bar_set_value (self->progress_bar, score->n_complete);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->component_box));
       child != NULL && i < score->n_components;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      const EscComponentScore *component = &score->components[i];
      g_autofree char         *text = NULL;
      g_autofree char         *tooltip = NULL;

      /* Translators: a component's score in the footer, e.g. "Component 1\n80.0 %" */
      text = g_strdup_printf (_ ("Component %s\n%.1f %%"), component->component->id, component->percent);
      gtk_label_set_label (GTK_LABEL (child), text);
      /* Translators: the tooltip of a component's score: name, points, maximum */
      tooltip = g_strdup_printf (_ ("%s: %.1f of %.0f points"),
                                 esc_text_get (&component->component->name, self->thai),
                                 component->points, component->max);
      /* Each new tooltip text costs a round trip to the X server: set only changes. */
      if (g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) != 0)
        gtk_widget_set_tooltip_text (child, tooltip);
    }

  if (score->pass_mark_percent >= 0)
    /* Translators: the total against the pass mark, e.g. "Total 74.5 %\npass mark 60 %" */
    total = g_strdup_printf (_ ("Total %.1f %%\npass mark %.0f %%"), score->total_percent, score->pass_mark_percent);
  else
    total = g_strdup_printf (_ ("Total %.1f %%\nno pass mark"), score->total_percent);
  gtk_label_set_label (self->total_label, total);

  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  if (score->passed < 0)
    gtk_label_set_label (self->verdict_label, _ ("No pass mark for this type"));
  else if (score->passed > 0)
    {
      gtk_label_set_label (self->verdict_label, _ ("Passes"));
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "success");
    }
  else if (score->n_complete < score->n_indicators)
    {
      gtk_label_set_label (self->verdict_label, _ ("Below the pass mark so far"));
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "warning");
    }
  else
    {
      gtk_label_set_label (self->verdict_label, _ ("Does not pass"));
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "error");
    }
}

static guint
find_position (EscAssessmentView *self,
               const char        *code)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (item_at (self, i)->code, code) == 0)
      return i;

  return G_MAXUINT;
}

typedef struct
{
  EscAssessmentView *view;
  EscWorkspace      *workspace;
} ApplyData;

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ApplyData         *data = user_data;
  EscAssessmentView *self = data->view;
  g_autoptr (GError) error = NULL;

  if (esc_workspace_apply_finish (data->workspace, result, &error))
    {
      if (self->workspace == data->workspace)
        self->saved_at = g_get_real_time () / G_USEC_PER_SEC;
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      g_signal_emit (self, signals[SAVE_FAILED], 0, error->message);
    }

  if (self->workspace == data->workspace)
    update_status (self);

  g_object_unref (data->view);
  g_object_unref (data->workspace);
  g_free (data);
}

/* Updates the copy of the answers, the sidebar and the footer, and sends the change to
 * the workspace. */
static void
apply_change (EscAssessmentView     *self,
              const EscAnswerChange *change,
              gboolean               record_undo)
{
  const EscIndicator *item;
  EscAnswer          *answer;
  ApplyData          *data;
  guint               position;

  item = esc_framework_lookup_indicator (self->framework, change->item_code);
  position = find_position (self, change->item_code);
  g_return_if_fail (item != NULL && position != G_MAXUINT);

  answer = g_hash_table_lookup (self->answers, change->item_code);
  if (answer == NULL)
    {
      answer = empty_answer (change->item_code);
      g_hash_table_insert (self->answers, answer->item_code, answer);
    }

  if (record_undo)
    {
      g_ptr_array_add (self->undo, answer_copy (answer));
      if (self->undo->len > MAX_UNDO)
        g_ptr_array_remove_index (self->undo, 0);
    }

  for (guint i = 0; i < change->n_values; i++)
    {
      int index = 0;

      if (g_strcmp0 (change->keys[i], "lpa") != 0)
        index = esc_indicator_find_dimension (item, change->keys[i]);
      if (index >= 0 && index < ESC_MAX_DIMENSIONS)
        answer->values[index] = change->values[i];
    }
  if (change->note != NULL)
    {
      g_free (answer->note);
      answer->note = change->note[0] != '\0' ? g_strdup (change->note) : NULL;
    }
  if (change->checked != NULL)
    {
      g_free (answer->checked);
      answer->checked = change->checked[0] != '\0' ? g_strdup (change->checked) : NULL;
    }

  update_row (self, position);
  update_footer (self);

  g_clear_pointer (&self->save_error, g_free);
  data = g_new0 (ApplyData, 1);
  data->view = g_object_ref (self);
  data->workspace = g_object_ref (self->workspace);
  esc_workspace_apply_async (self->workspace, self->assessment->uuid, change,
                             NULL, apply_cb, data);
  update_status (self);
}

static void
on_answer_changed_cb (EscAssessmentView *self,
                      EscAnswerChange   *change)
{
  if (self->workspace == NULL)
    return;

  apply_change (self, change, TRUE);
}

static void
update_position_label (EscAssessmentView *self)
{
  g_autofree char *text = NULL;

  /* Translators: the position of the page among the items, e.g. "7 / 35" */
  text = g_strdup_printf (_ ("%u / %u"), self->position + 1, self->rows->len);
  gtk_label_set_label (self->position_label, text);
}

/* Evidence: the list of the current item, the preview pane and the search */

static EscStore *
get_store (EscAssessmentView *self)
{
  return self->workspace != NULL ? esc_workspace_get_store (self->workspace) : NULL;
}

static const char *
get_store_path (EscAssessmentView *self)
{
  return self->workspace != NULL ? esc_store_get_path (esc_workspace_get_store (self->workspace)) : NULL;
}

static void
show_toast (EscAssessmentView *self,
            const char        *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void on_preview_close_cb (EscAssessmentView *self);

/* The preview pane is made the first time a document is shown, not with the view. NULL
 * once the view is disposed. */
static EscPdfPreview *
ensure_preview (EscAssessmentView *self)
{
  if (self->preview == NULL && self->preview_box != NULL)
    {
      self->preview = g_object_new (ESC_TYPE_PDF_PREVIEW, "vexpand", TRUE, NULL);
      g_signal_connect_object (self->preview, "close-requested", G_CALLBACK (on_preview_close_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->preview_box), GTK_WIDGET (self->preview));
    }

  return self->preview;
}

static void
open_preview (EscAssessmentView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->preview_paned));

  ensure_preview (self);
  if (gtk_widget_get_visible (self->preview_box))
    return;
  gtk_widget_set_visible (self->preview_box, TRUE);
  /* The pane takes a good part of a wide window; on a narrow one, what the sidebar and
   * the indicator page can spare (their minimum widths). */
  if (width > 0)
    gtk_paned_set_position (self->preview_paned,
                            MAX (width - (int) (width * PREVIEW_SHARE), MIN_PAGE_WIDTH));
}

static void
on_preview_close_cb (EscAssessmentView *self)
{
  gtk_widget_set_visible (self->preview_box, FALSE);
  if (self->preview != NULL)
    esc_pdf_preview_clear (self->preview);
}

static void
on_open_link_cb (EscAssessmentView *self,
                 const char        *link_uuid)
{
  const EscLink *link = esc_evidence_list_lookup_link (self->evidence_list, link_uuid);

  if (link == NULL || self->workspace == NULL)
    return;
  open_preview (self);
  esc_pdf_preview_show_document (self->preview, get_store_path (self), link->document, link->pages);
}

/* Documents were attached or unlinked: the item's evidence mark and the footer follow. */
static void
on_evidence_changed_cb (EscAssessmentView *self)
{
  const EscIndicator *item;
  EscAnswer          *answer;

  if (self->workspace == NULL || self->rows->len == 0)
    return;
  item = item_at (self, self->position);
  answer = g_hash_table_lookup (self->answers, item->code);
  if (answer == NULL)
    {
      answer = empty_answer (item->code);
      g_hash_table_insert (self->answers, answer->item_code, answer);
    }
  answer->n_links = esc_evidence_list_get_n_links (self->evidence_list);
  update_row (self, self->position);
  update_footer (self);
}

static void
on_evidence_toast_cb (EscAssessmentView *self,
                      const char        *text)
{
  show_toast (self, text);
}

typedef struct
{
  char *store_path;
  char *text;
  char *assessment_uuid;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->store_path);
  g_free (job->text);
  g_free (job->assessment_uuid);
  g_free (job);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob            *job = task_data;
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  GError               *error = NULL;

  store = esc_store_open (job->store_path, ESC_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL)
    hits = esc_store_search (store, job->text, job->assessment_uuid, MAX_SEARCH_HITS, &error);
  if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&hits), (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
create_hit_row (EscAssessmentView  *self,
                const EscSearchHit *hit)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  if (hit->kind == ESC_SEARCH_HIT_NOTE)
    /* TRANSLATORS: a search hit in an indicator's note, e.g. "Note of Indicator 7" */
    title = g_strdup_printf (_ ("Note of Indicator %s"), hit->item_code);
  else
    /* TRANSLATORS: a search hit in a document, its title and the page, e.g. "Report · page 3" */
    title = g_strdup_printf (_ ("%s · page %u"), hit->title, hit->page);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hit->snippet != NULL ? hit->snippet : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (hit->kind == ESC_SEARCH_HIT_NOTE
                                                             ? "accessories-text-editor-symbolic"
                                                             : "x-office-document-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
clear_search_list (EscAssessmentView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_list))) != NULL)
    gtk_list_box_remove (self->search_list, child);
  g_ptr_array_set_size (self->search_hits, 0);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  EscAssessmentView    *self = ESC_ASSESSMENT_VIEW (object);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) hits = g_task_propagate_pointer (G_TASK (result), &error);

  if (hits == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->searching = FALSE;
  clear_search_list (self);
  if (hits == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_list_box_append (self->search_list, label);
    }
  else if (hits->len == 0)
    {
      GtkWidget *label = gtk_label_new (_ ("Nothing found in the notes or the documents."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->search_list, label);
    }
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      EscSearchHit *hit = g_ptr_array_index (hits, i);

      gtk_list_box_append (self->search_list, create_hit_row (self, hit));
      g_ptr_array_add (self->search_hits, hit);
    }
  if (hits != NULL)
    g_ptr_array_set_free_func (hits, NULL);
  gtk_widget_set_visible (self->search_scroller, TRUE);
}

/* Lists the notes and document pages containing text, on a worker with its own connection. */
void
esc_assessment_view_search (EscAssessmentView *self,
                            const char        *text)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char  *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  SearchJob        *job;

  g_return_if_fail (ESC_IS_ASSESSMENT_VIEW (self));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->workspace == NULL || stripped[0] == '\0')
    {
      self->searching = FALSE;
      clear_search_list (self);
      gtk_widget_set_visible (self->search_scroller, FALSE);
      return;
    }

  self->searching = TRUE;
  self->search_cancellable = g_cancellable_new ();
  job = g_new0 (SearchJob, 1);
  job->store_path = g_strdup (get_store_path (self));
  job->text = g_strdup (text);
  job->assessment_uuid = g_strdup (self->assessment->uuid);
  task = g_task_new (self, self->search_cancellable, searched_cb, NULL);
  g_task_set_source_tag (task, esc_assessment_view_search);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

static void
on_search_changed_cb (EscAssessmentView *self)
{
  esc_assessment_view_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Opens what a hit points at: the indicator of a note, or the page of a document. */
gboolean
esc_assessment_view_open_search_hit (EscAssessmentView *self,
                                     guint              index)
{
  const EscSearchHit     *hit;
  g_autoptr (EscDocument) document = NULL;
  g_autoptr (GError)      error = NULL;

  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  if (self->workspace == NULL || index >= self->search_hits->len)
    return FALSE;
  hit = g_ptr_array_index (self->search_hits, index);
  if (hit->kind == ESC_SEARCH_HIT_NOTE)
    return esc_assessment_view_go_to_code (self, hit->item_code);

  document = esc_store_get_document (get_store (self), hit->document_uuid, &error);
  if (document == NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }
  open_preview (self);
  esc_pdf_preview_show_page (self->preview, get_store_path (self), document, hit->page);
  return TRUE;
}

static void
on_search_row_activated_cb (EscAssessmentView *self,
                            GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (ADW_IS_ACTION_ROW (row) && index >= 0)
    esc_assessment_view_open_search_hit (self, (guint) index);
}

static void
on_search_activate_cb (EscAssessmentView *self)
{
  if (self->search_hits->len > 0)
    esc_assessment_view_open_search_hit (self, 0);
}

static void
on_search_mode_cb (EscAssessmentView *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      esc_assessment_view_search (self, NULL);
    }
}

/* Shows the search field (Ctrl+F). */
void
esc_assessment_view_start_search (EscAssessmentView *self)
{
  g_return_if_fail (ESC_IS_ASSESSMENT_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  esc_assessment_view_start_search (ESC_ASSESSMENT_VIEW (widget));
}

/* Scrolls the sidebar, if needed, so that row is in sight (as when moving to the next
 * indicator past the rows on screen). */
static void
scroll_to_row (EscAssessmentView *self,
               GtkWidget         *row)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->sidebar_scroller);
  graphene_rect_t    bounds;

  /* Not laid out yet, or hidden by the needs-fix filter: nothing to scroll to. */
  if (!gtk_widget_get_mapped (row) ||
      !gtk_widget_compute_bounds (row, GTK_WIDGET (self->sidebar_list), &bounds))
    return;

  gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (scroller),
                             bounds.origin.y, bounds.origin.y + bounds.size.height);
}

gboolean
esc_assessment_view_go_to (EscAssessmentView *self,
                           guint              position)
{
  const EscIndicator *item;

  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  if (self->framework == NULL || position >= self->rows->len)
    return FALSE;

  /* A note being typed is committed before the page changes. */
  esc_indicator_page_flush_note (self->indicator_page);

  self->position = position;
  item = item_at (self, position);
  esc_indicator_page_show (self->indicator_page, self->framework, item,
                           g_hash_table_lookup (self->answers, item->code), self->thai);
  esc_evidence_list_set_item (self->evidence_list, get_store (self), self->assessment->uuid, item->code);

  self->selecting = TRUE;
  gtk_list_box_select_row (self->sidebar_list, g_ptr_array_index (self->rows, position));
  self->selecting = FALSE;
  scroll_to_row (self, g_ptr_array_index (self->rows, position));
  update_position_label (self);

  return TRUE;
}

static void
on_row_selected_cb (EscAssessmentView *self,
                    GtkListBoxRow     *row)
{
  guint position;

  if (self->selecting || row == NULL || !ESC_IS_INDICATOR_ROW (row))
    return;

  if (g_ptr_array_find (self->rows, row, &position) && position != self->position)
    esc_assessment_view_go_to (self, position);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  EscAssessmentView  *self = user_data;
  const EscIndicator *item = esc_indicator_row_get_item (ESC_INDICATOR_ROW (row));
  const EscIndicator *top = item->parent != NULL ? item->parent : item;
  const EscIndicator *previous = NULL;
  const EscComponent *component;
  g_autofree char    *text = NULL;
  GtkWidget          *label;

  if (before != NULL)
    {
      previous = esc_indicator_row_get_item (ESC_INDICATOR_ROW (before));
      previous = previous->parent != NULL ? previous->parent : previous;
    }

  if (previous != NULL && g_strcmp0 (previous->component_id, top->component_id) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  component = esc_framework_lookup_component (self->framework, top->component_id);
  /* Translators: a heading in the sidebar, e.g. "Component 1: Livable city" */
  text = g_strdup_printf (_ ("Component %s: %s"), top->component_id,
                          component != NULL ? esc_text_get (&component->name, self->thai) : "");
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* A minimum width, so that measuring the heading does not lay its text out broken at
   * every place it may break (see esc_gui_set_wrap_min_chars()). */
  gtk_label_set_width_chars (GTK_LABEL (label), ESC_WRAP_MIN_CHARS);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "esc-sidebar-heading");
  gtk_list_box_row_set_header (row, label);
}

/* The "needs a fix" filter of the sidebar */

static gboolean
needs_fix (EscAssessmentView *self,
           const char        *code)
{
  return self->verdicts != NULL && g_strcmp0 (g_hash_table_lookup (self->verdicts, code), ESC_REVIEW_NEEDS_FIX) == 0;
}

static gboolean
sidebar_filter_func (GtkListBoxRow *row,
                     gpointer       user_data)
{
  EscAssessmentView *self = user_data;

  if (!gtk_toggle_button_get_active (self->needs_fix_button) || !ESC_IS_INDICATOR_ROW (row))
    return TRUE;

  return needs_fix (self, esc_indicator_row_get_item (ESC_INDICATOR_ROW (row))->code);
}

/* Reads the reviewer's latest verdict of each item (a small read) and updates the filter
 * button, which counts the items needing a fix. */
static void
update_verdicts (EscAssessmentView *self)
{
  g_autofree char *label = NULL;
  guint            n = 0;

  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  if (self->workspace != NULL && self->assessment != NULL)
    self->verdicts = esc_review_get_verdicts (esc_workspace_get_store (self->workspace), self->assessment->uuid, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (needs_fix (self, esc_indicator_row_get_item (g_ptr_array_index (self->rows, i))->code))
      n++;

  /* Translators: the sidebar's filter button, with the number of indicators to fix */
  label = n > 0 ? g_strdup_printf (_ ("Needs a Fix (%u)"), n) : g_strdup (_ ("Needs a Fix"));
  adw_button_content_set_label (self->needs_fix_content, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->needs_fix_button),
                            n > 0 || gtk_toggle_button_get_active (self->needs_fix_button));
  gtk_list_box_invalidate_filter (self->sidebar_list);
}

static void
on_needs_fix_toggled_cb (EscAssessmentView *self)
{
  /* Turned on: the verdicts are read again, as another reviewer's file may have come in. */
  if (gtk_toggle_button_get_active (self->needs_fix_button) && self->assessment != NULL)
    update_verdicts (self);
  else
    gtk_list_box_invalidate_filter (self->sidebar_list);
}

static void
on_review_changed_cb (EscAssessmentView *self)
{
  update_verdicts (self);
}

static void
esc_assessment_view_dispose (GObject *object)
{
  EscAssessmentView *self = ESC_ASSESSMENT_VIEW (object);

  esc_assessment_view_unload (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_ASSESSMENT_VIEW);
  self->preview = NULL; /* went with preview_box */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->verdicts, g_hash_table_unref);

  G_OBJECT_CLASS (esc_assessment_view_parent_class)->dispose (object);
}

static void
esc_assessment_view_finalize (GObject *object)
{
  EscAssessmentView *self = ESC_ASSESSMENT_VIEW (object);

  g_free (self->status_text);
  g_free (self->save_error);

  G_OBJECT_CLASS (esc_assessment_view_parent_class)->finalize (object);
}

static void
esc_assessment_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EscAssessmentView *self = ESC_ASSESSMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_assessment_view_class_init (EscAssessmentViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_assessment_view_dispose;
  object_class->finalize = esc_assessment_view_finalize;
  object_class->get_property = esc_assessment_view_get_property;

  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EscAssessmentView::save-failed:
   * @message: what went wrong
   *
   * A change could not be written to the workspace.
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ESC_TYPE_INDICATOR_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-assessment-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, search_scroller);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, search_list);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, search_button);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, preview_box);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, preview_paned);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, sidebar_scroller);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, needs_fix_button);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, needs_fix_content);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, indicator_page);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, position_label);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, component_box);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, total_label);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, EscAssessmentView, footer);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_needs_fix_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);

  gtk_widget_class_install_action (widget_class, "assessment.search", NULL, search_action);
}

static void
esc_assessment_view_init (EscAssessmentView *self)
{
  const char *const *languages = g_get_language_names ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_answer_free);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) esc_answer_free);
  self->cancellable = g_cancellable_new ();
  self->thai = languages[0] != NULL && g_str_has_prefix (languages[0], "th");
  gtk_list_box_set_header_func (self->sidebar_list, header_func, self, NULL);
  gtk_list_box_set_filter_func (self->sidebar_list, sidebar_filter_func, self, NULL);
  g_signal_connect_object (esc_indicator_page_get_review_panel (self->indicator_page), "changed",
                           G_CALLBACK (on_review_changed_cb), self, G_CONNECT_SWAPPED);

  /* The bin's own child: not a bound template child, which the bin would unparent twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->search_hits = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_search_hit_free);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  /* The evidence of the current item, under its page; files dropped anywhere on the page
   * are attached to it. */
  self->evidence_list = ESC_EVIDENCE_LIST (esc_evidence_list_new ());
  gtk_box_append (esc_indicator_page_get_evidence_box (self->indicator_page), GTK_WIDGET (self->evidence_list));
  esc_evidence_list_add_drop_target (self->evidence_list, GTK_WIDGET (self->indicator_page));
  g_signal_connect_object (self->evidence_list, "open-link", G_CALLBACK (on_open_link_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->evidence_list, "changed", G_CALLBACK (on_evidence_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->evidence_list, "toast", G_CALLBACK (on_evidence_toast_cb), self, G_CONNECT_SWAPPED);
}

static void
clear_sidebar (EscAssessmentView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  g_ptr_array_set_size (self->rows, 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->component_box))) != NULL)
    gtk_box_remove (self->component_box, child);
}

/* Shows an assessment of the workspace; reads its answers (a few small reads). */
gboolean
esc_assessment_view_load (EscAssessmentView *self,
                          EscWorkspace      *workspace,
                          const char        *assessment_uuid,
                          GError           **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (EscLao)        lao = NULL;
  g_autoptr (GPtrArray)     answers = NULL;
  EscStore                 *store;
  EscFramework             *framework;

  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);
  g_return_val_if_fail (ESC_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (assessment_uuid != NULL, FALSE);

  store = esc_workspace_get_store (workspace);
  assessment = esc_store_get_assessment (store, assessment_uuid, error);
  if (assessment == NULL)
    return FALSE;
  lao = esc_store_get_lao (store, assessment->lao_uuid, error);
  if (lao == NULL)
    return FALSE;
  framework = esc_workspace_lookup_framework (workspace, assessment->framework_uuid, error);
  if (framework == NULL)
    return FALSE;
  answers = esc_store_load_answers (store, assessment_uuid, error);
  if (answers == NULL)
    return FALSE;

  esc_assessment_view_unload (self);

  self->workspace = g_object_ref (workspace);
  self->framework = g_object_ref (framework);
  self->assessment = g_steal_pointer (&assessment);
  self->lao = g_steal_pointer (&lao);
  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer *answer = answer_copy (g_ptr_array_index (answers, i));

      g_hash_table_replace (self->answers, answer->item_code, answer);
    }

  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    {
      EscIndicatorRow *row = esc_indicator_row_new (esc_framework_get_item (framework, i), self->thai);

      gtk_list_box_append (self->sidebar_list, GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
      update_row (self, i);
    }

  for (guint i = 0; i < esc_framework_get_n_components (framework); i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (self->component_box, label);
    }

  self->saved_at = esc_store_get_last_change (store);
  update_footer (self);
  update_status (self);
  esc_indicator_page_set_review (self->indicator_page, store, self->assessment->uuid);
  update_verdicts (self);
  esc_assessment_view_go_to (self, 0);

  return TRUE;
}

/* Commits what is being typed, then forgets the assessment. */
void
esc_assessment_view_unload (EscAssessmentView *self)
{
  g_return_if_fail (ESC_IS_ASSESSMENT_VIEW (self));

  if (self->workspace == NULL)
    return;

  esc_indicator_page_flush_note (self->indicator_page);
  esc_indicator_page_set_review (self->indicator_page, NULL, NULL);
  esc_evidence_list_set_item (self->evidence_list, NULL, NULL, NULL);
  on_preview_close_cb (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_toggle_button_set_active (self->needs_fix_button, FALSE);
  clear_sidebar (self);
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  g_hash_table_remove_all (self->answers);
  g_ptr_array_set_size (self->undo, 0);
  g_clear_pointer (&self->assessment, esc_assessment_free);
  g_clear_pointer (&self->lao, esc_lao_free);
  g_clear_object (&self->framework);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->save_error, g_free);
  self->position = 0;
  self->saved_at = 0;
  update_status (self);
}

/* Waits until every change of this view is written. */
void
esc_assessment_view_flush (EscAssessmentView *self)
{
  g_return_if_fail (ESC_IS_ASSESSMENT_VIEW (self));

  esc_indicator_page_flush_note (self->indicator_page);
  if (self->workspace != NULL)
    esc_workspace_flush (self->workspace);
}

const EscAssessment *
esc_assessment_view_get_assessment (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->assessment;
}

const EscLao *
esc_assessment_view_get_lao (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->lao;
}

EscFramework *
esc_assessment_view_get_framework (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->framework;
}

guint
esc_assessment_view_get_n_items (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), 0);

  return self->rows->len;
}

guint
esc_assessment_view_get_position (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), 0);

  return self->position;
}

gboolean
esc_assessment_view_go_to_code (EscAssessmentView *self,
                                const char        *code)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  return esc_assessment_view_go_to (self, find_position (self, code));
}

gboolean
esc_assessment_view_go_previous (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  if (self->position == 0)
    return FALSE;

  return esc_assessment_view_go_to (self, self->position - 1);
}

gboolean
esc_assessment_view_go_next (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  return esc_assessment_view_go_to (self, self->position + 1);
}

static void
on_item_chosen_cb (EscAssessmentView *self,
                   const char        *code)
{
  esc_assessment_view_go_to_code (self, code);
  esc_indicator_page_focus_first (self->indicator_page);
}

void
esc_assessment_view_quick_jump (EscAssessmentView *self)
{
  EscQuickJump *jump;

  g_return_if_fail (ESC_IS_ASSESSMENT_VIEW (self));

  if (self->framework == NULL)
    return;

  jump = esc_quick_jump_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                             self->framework, self->thai);
  g_signal_connect_object (jump, "item-chosen", G_CALLBACK (on_item_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (jump));
}

/* Puts the item changed last back as it was, through the workspace like any change. */
gboolean
esc_assessment_view_undo (EscAssessmentView *self)
{
  g_autoptr (EscAnswer) before = NULL;
  const EscIndicator   *item;
  EscAnswerChange       change;
  guint                 position;

  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  esc_indicator_page_flush_note (self->indicator_page);
  if (self->workspace == NULL || self->undo->len == 0)
    return FALSE;

  before = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  item = esc_framework_lookup_indicator (self->framework, before->item_code);
  g_return_val_if_fail (item != NULL, FALSE);

  esc_answer_change_init (&change, before->item_code);
  if (item->method == ESC_SCORING_LPA)
    esc_answer_change_set_value (&change, "lpa", before->values[0]);
  else
    for (guint i = 0; i < item->n_dimensions && i < ESC_MAX_DIMENSIONS; i++)
      esc_answer_change_set_value (&change, item->dimensions[i].id, before->values[i]);
  change.note = before->note != NULL ? before->note : "";
  change.checked = before->checked != NULL ? before->checked : "";
  apply_change (self, &change, FALSE);

  /* Show the page that changed back, as it is now. */
  position = find_position (self, before->item_code);
  if (position != self->position)
    esc_assessment_view_go_to (self, position);
  else
    esc_indicator_page_show (self->indicator_page, self->framework, item,
                             g_hash_table_lookup (self->answers, item->code), self->thai);

  return TRUE;
}

gboolean
esc_assessment_view_can_undo (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  return self->undo->len > 0;
}

EscIndicatorPage *
esc_assessment_view_get_page (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->indicator_page;
}

EscIndicatorRow *
esc_assessment_view_get_row (EscAssessmentView *self,
                             guint              position)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, position);
}

/* "Saved …" with the time of the last committed change. */
const char *
esc_assessment_view_get_status_text (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->status_text;
}

gint64
esc_assessment_view_get_saved_at (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), 0);

  return self->saved_at;
}

const char *
esc_assessment_view_get_progress_text (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return gtk_label_get_label (self->progress_label);
}

const char *
esc_assessment_view_get_total_text (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return gtk_label_get_label (self->total_label);
}

const char *
esc_assessment_view_get_verdict_text (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return gtk_label_get_label (self->verdict_label);
}

char *
esc_assessment_view_dup_component_text (EscAssessmentView *self,
                                        guint              index)
{
  GtkWidget *child;

  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->component_box));
  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  return child != NULL ? g_strdup (gtk_label_get_label (GTK_LABEL (child))) : NULL;
}

/* The end child of this paned is the place of the evidence preview. */
GtkPaned *
esc_assessment_view_get_preview_paned (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->preview_paned;
}

/* The bar with the progress, the component scores, the total and the verdict. */
GtkWidget *
esc_assessment_view_get_footer (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->footer;
}

EscEvidenceList *
esc_assessment_view_get_evidence_list (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->evidence_list;
}

EscPdfPreview *
esc_assessment_view_get_preview (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return ensure_preview (self);
}

/* TRUE while the preview pane is shown. */
gboolean
esc_assessment_view_is_preview_open (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  return gtk_widget_get_visible (self->preview_box);
}

guint
esc_assessment_view_get_n_search_hits (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), 0);

  return self->search_hits->len;
}

const EscSearchHit *
esc_assessment_view_get_search_hit (EscAssessmentView *self,
                                    guint              index)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);
  g_return_val_if_fail (index < self->search_hits->len, NULL);

  return g_ptr_array_index (self->search_hits, index);
}

/* TRUE while a search runs. */
gboolean
esc_assessment_view_is_searching (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  return self->searching;
}

GtkSearchEntry *
esc_assessment_view_get_search_entry (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->search_entry;
}

static gboolean
same_value (double a,
            double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Whether the workspace now holds other answers than the ones shown (another window or
 * program changed them); this view's own writes must have been flushed. A small read. */
gboolean
esc_assessment_view_is_stale (EscAssessmentView *self)
{
  g_autoptr (GPtrArray) answers = NULL;
  GHashTableIter        iter;
  gpointer              value;

  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), FALSE);

  if (self->workspace == NULL)
    return FALSE;

  answers = esc_store_load_answers (esc_workspace_get_store (self->workspace), self->assessment->uuid, NULL);
  if (answers == NULL)
    return TRUE;

  for (guint i = 0; i < answers->len; i++)
    {
      const EscAnswer *stored = g_ptr_array_index (answers, i);
      const EscAnswer *shown = g_hash_table_lookup (self->answers, stored->item_code);

      if (shown == NULL || g_strcmp0 (shown->checked, stored->checked) != 0 ||
          g_strcmp0 (shown->note, stored->note) != 0 || shown->n_links != stored->n_links)
        return TRUE;
      for (guint d = 0; d < ESC_MAX_DIMENSIONS; d++)
        if (!same_value (shown->values[d], stored->values[d]))
          return TRUE;
    }

  /* An answer shown with something entered, but no longer stored. */
  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const EscAnswer *shown = value;
      gboolean         stored = FALSE;
      gboolean         entered = (shown->checked != NULL && shown->checked[0] != '\0') ||
                         (shown->note != NULL && shown->note[0] != '\0') || shown->n_links > 0;

      for (guint d = 0; d < ESC_MAX_DIMENSIONS && !entered; d++)
        entered = !isnan (shown->values[d]);
      for (guint i = 0; i < answers->len && !stored; i++)
        stored = g_strcmp0 (((EscAnswer *) g_ptr_array_index (answers, i))->item_code, shown->item_code) == 0;
      if (entered && !stored)
        return TRUE;
    }

  return FALSE;
}

/* The sidebar's "needs a fix" filter button. */
GtkToggleButton *
esc_assessment_view_get_needs_fix_button (EscAssessmentView *self)
{
  g_return_val_if_fail (ESC_IS_ASSESSMENT_VIEW (self), NULL);

  return self->needs_fix_button;
}
