/* esc-review-panel.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "esc-review-panel.h"
#include "esc-review.h"
#include "esc-thai.h"

struct _EscReviewPanel
{
  GtkBox         parent_instance;

  EscStore      *store;
  char          *assessment_uuid;
  char          *item_code;
  char          *author;
  char          *status;
  guint          n_comments;
  guint          n_busy;
  GCancellable  *cancellable;
  EscAssessment *assessment; /* read once per assessment, with ... */
  GPtrArray     *comments;   /* ... all its comments (EscComment); NULL: not read yet */

  GtkLabel      *status_label;
  GtkButton     *submit_button;
  GtkButton     *return_button;
  GtkButton     *accept_button;
  GtkStack      *comments_stack;
  GtkListBox    *comments_list;
  GtkEntry      *comment_entry;
  GtkButton     *accept_item_button;
  GtkButton     *needs_fix_button;
  GtkButton     *comment_button;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (EscReviewPanel, esc_review_panel, GTK_TYPE_BOX)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (EscReviewPanel *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_sensitivity (EscReviewPanel *self)
{
  /* A read-only workspace shows its review, but takes no comment or verdict. */
  gboolean    writable = self->store != NULL && !esc_store_is_read_only (self->store);
  gboolean    idle = self->n_busy == 0 && self->status != NULL && writable;
  const char *status = self->status ? self->status : "";

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button),
                            idle && (g_str_equal (status, "draft") || g_str_equal (status, "returned")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->return_button),
                            idle && (g_str_equal (status, "submitted") || g_str_equal (status, "reviewed")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), idle && g_str_equal (status, "submitted"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_item_button), idle && self->item_code != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->needs_fix_button), idle && self->item_code != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_button), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), writable);
}

static GtkWidget *
make_comment_row (const EscComment *comment)
{
  g_autofree char *when = esc_thai_format_timestamp (comment->created_at, TRUE);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *icon = NULL;

  /* Translators: the verdict, who, when */
  subtitle = g_strdup_printf (_ ("%s — %s, %s"), esc_review_verdict_label (comment->verdict),
                              *comment->author ? comment->author : _ ("unknown"), when);
  title = g_markup_escape_text (*comment->body ? comment->body : esc_review_verdict_label (comment->verdict), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (g_strcmp0 (comment->verdict, ESC_REVIEW_NEEDS_FIX) == 0)
    {
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
    }
  else if (g_strcmp0 (comment->verdict, ESC_REVIEW_ACCEPTED) == 0)
    {
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
    }
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
forget_assessment (EscReviewPanel *self)
{
  g_clear_pointer (&self->assessment, esc_assessment_free);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
}

/* Reads the assessment and every comment on it once: turning the pages of an assessment
 * then shows each item's comments without reading the workspace on the main thread. */
static void
read_assessment (EscReviewPanel *self)
{
  g_autoptr (GError) error = NULL;

  if (self->comments != NULL || self->store == NULL || self->assessment_uuid == NULL)
    return;

  self->assessment = esc_store_get_assessment (self->store, self->assessment_uuid, &error);
  if (self->assessment != NULL)
    self->comments = esc_review_list_comments (self->store, self->assessment->uuid, NULL, &error);
  if (error != NULL)
    {
      show_error (self, error->message);
      forget_assessment (self);
    }
}

static void
show_item (EscReviewPanel *self)
{
  g_autofree char *status_text = NULL;
  GtkWidget       *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->comments_list))) != NULL)
    gtk_list_box_remove (self->comments_list, child);
  self->n_comments = 0;
  g_clear_pointer (&self->status, g_free);

  read_assessment (self);

  if (self->assessment != NULL)
    {
      self->status = g_strdup (self->assessment->status);
      /* Translators: the assessment's review status */
      status_text = g_strdup_printf (_ ("Status: %s"), esc_review_status_label (self->assessment->status));
      gtk_label_set_text (self->status_label, status_text);
    }
  else
    gtk_label_set_text (self->status_label, "");

  for (guint i = 0; self->comments != NULL && i < self->comments->len; i++)
    {
      const EscComment *comment = g_ptr_array_index (self->comments, i);

      if (self->item_code != NULL && g_strcmp0 (comment->item_code, self->item_code) != 0)
        continue;
      gtk_list_box_append (self->comments_list, make_comment_row (comment));
      self->n_comments++;
    }
  gtk_stack_set_visible_child_name (self->comments_stack, self->n_comments > 0 ? "list" : "empty");
  update_sensitivity (self);
}

/* Reads the assessment's status and comments again from the workspace. */
void
esc_review_panel_reload (EscReviewPanel *self)
{
  g_return_if_fail (ESC_IS_REVIEW_PANEL (self));

  forget_assessment (self);
  show_item (self);
}

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (EscReviewPanel) self = user_data;
  g_autoptr (GError)         error = NULL;
  g_autofree char           *uuid = NULL;
  gboolean                   ok;

  if (g_task_get_source_tag (G_TASK (result)) == esc_review_add_comment_async)
    ok = (uuid = esc_review_add_comment_finish (result, &error)) != NULL;
  else
    ok = esc_review_apply_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->n_busy--;
  if (ok)
    {
      show_error (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
    }
  else
    show_error (self, error->message);
  esc_review_panel_reload (self);
  if (ok)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static const char *
author_of (EscReviewPanel *self)
{
  return self->author ? self->author : esc_store_get_author (self->store);
}

static void
move (EscReviewPanel *self,
      EscReviewAction action)
{
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));

  if (self->store == NULL || self->assessment_uuid == NULL)
    return;
  self->n_busy++;
  update_sensitivity (self);
  esc_review_apply_async (esc_store_get_path (self->store), author_of (self), self->assessment_uuid, action,
                          *reason ? reason : NULL, self->cancellable, write_done, g_object_ref (self));
}

static void
comment (EscReviewPanel *self,
         const char     *verdict)
{
  const char *body = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));

  if (self->store == NULL || self->assessment_uuid == NULL)
    return;
  self->n_busy++;
  update_sensitivity (self);
  esc_review_add_comment_async (esc_store_get_path (self->store), author_of (self), self->assessment_uuid,
                                self->item_code, verdict, body, self->cancellable, write_done, g_object_ref (self));
}

static void
submit_clicked (EscReviewPanel *self)
{
  move (self, ESC_REVIEW_SUBMIT);
}

static void
return_clicked (EscReviewPanel *self)
{
  move (self, ESC_REVIEW_RETURN);
}

static void
accept_clicked (EscReviewPanel *self)
{
  move (self, ESC_REVIEW_ACCEPT);
}

static void
accept_item_clicked (EscReviewPanel *self)
{
  comment (self, ESC_REVIEW_ACCEPTED);
}

static void
needs_fix_clicked (EscReviewPanel *self)
{
  comment (self, ESC_REVIEW_NEEDS_FIX);
}

static void
comment_clicked (EscReviewPanel *self)
{
  comment (self, "");
}

static void
esc_review_panel_dispose (GObject *object)
{
  EscReviewPanel *self = ESC_REVIEW_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_REVIEW_PANEL);
  g_clear_object (&self->store);
  forget_assessment (self);
  G_OBJECT_CLASS (esc_review_panel_parent_class)->dispose (object);
}

static void
esc_review_panel_finalize (GObject *object)
{
  EscReviewPanel *self = ESC_REVIEW_PANEL (object);

  g_clear_object (&self->cancellable);
  g_free (self->assessment_uuid);
  g_free (self->item_code);
  g_free (self->author);
  g_free (self->status);
  G_OBJECT_CLASS (esc_review_panel_parent_class)->finalize (object);
}

static void
esc_review_panel_class_init (EscReviewPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_review_panel_dispose;
  object_class->finalize = esc_review_panel_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/escassessor/Assessor/esc-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, submit_button);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, return_button);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, accept_button);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, comments_stack);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, comments_list);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, accept_item_button);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, needs_fix_button);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, comment_button);
  gtk_widget_class_bind_template_child (widget_class, EscReviewPanel, error_label);
  gtk_widget_class_bind_template_callback (widget_class, submit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, return_clicked);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked);
  gtk_widget_class_bind_template_callback (widget_class, accept_item_clicked);
  gtk_widget_class_bind_template_callback (widget_class, needs_fix_clicked);
  gtk_widget_class_bind_template_callback (widget_class, comment_clicked);
}

static void
esc_review_panel_init (EscReviewPanel *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_sensitivity (self);
}

GtkWidget *
esc_review_panel_new (void)
{
  return g_object_new (ESC_TYPE_REVIEW_PANEL, NULL);
}

void
esc_review_panel_show (EscReviewPanel *self,
                       EscStore       *store,
                       const char     *assessment_uuid,
                       const char     *item_code)
{
  g_return_if_fail (ESC_IS_REVIEW_PANEL (self));
  g_return_if_fail (store == NULL || ESC_IS_STORE (store));

  /* Another assessment: its comments are read when shown. */
  if (self->store != store || g_strcmp0 (self->assessment_uuid, assessment_uuid) != 0)
    forget_assessment (self);
  g_set_object (&self->store, store);
  g_free (self->assessment_uuid);
  self->assessment_uuid = g_strdup (assessment_uuid);
  g_free (self->item_code);
  self->item_code = g_strdup (item_code);
  show_item (self);
}

void
esc_review_panel_set_author (EscReviewPanel *self,
                             const char     *author)
{
  g_return_if_fail (ESC_IS_REVIEW_PANEL (self));

  g_free (self->author);
  self->author = g_strdup (author);
}

gboolean
esc_review_panel_is_busy (EscReviewPanel *self)
{
  g_return_val_if_fail (ESC_IS_REVIEW_PANEL (self), FALSE);

  return self->n_busy > 0;
}

const char *
esc_review_panel_get_status (EscReviewPanel *self)
{
  g_return_val_if_fail (ESC_IS_REVIEW_PANEL (self), NULL);

  return self->status;
}

guint
esc_review_panel_get_n_comments (EscReviewPanel *self)
{
  g_return_val_if_fail (ESC_IS_REVIEW_PANEL (self), 0);

  return self->n_comments;
}
