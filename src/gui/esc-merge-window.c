/* esc-merge-window.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-conflict-view.h"
#include "esc-merge-window.h"
#include "esc-merge.h"

struct _EscMergeWindow
{
  AdwWindow             parent_instance;

  EscStore             *store;
  char                 *author;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  gboolean              busy;

  GtkStack             *stack;
  GtkProgressBar       *progress_bar;
  GtkLabel             *report_label;
  EscConflictView      *conflict_view;
  GtkButton            *cancel_button;
};

G_DEFINE_FINAL_TYPE (EscMergeWindow, esc_merge_window, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_progress (double   fraction,
             gpointer user_data)
{
  EscMergeWindow *self = user_data;

  if (self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
merged (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (EscMergeWindow) self = user_data;
  g_autoptr (GPtrArray)      reports = NULL;
  g_autoptr (GError)         error = NULL;
  g_autoptr (GString)        text = g_string_new (NULL);

  reports = esc_merge_files_finish (result, &error);
  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  if (reports == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_string_append (text, _ ("The merge was cancelled; the workspace is unchanged."));
      else
        g_string_append_printf (text, _ ("Nothing was merged: %s"), error->message);
    }
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      g_autofree char *report = esc_merge_report_to_text (g_ptr_array_index (reports, i));
      g_string_append (text, report);
    }
  gtk_label_set_text (self->report_label, text->str);
  esc_conflict_view_reload (self->conflict_view);
  gtk_stack_set_visible_child_name (self->stack, "report");
  if (reports != NULL)
    g_signal_emit (self, signals[SIGNAL_MERGED], 0);
}

void
esc_merge_window_merge (EscMergeWindow    *self,
                        const char *const *paths)
{
  g_return_if_fail (ESC_IS_MERGE_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  self->busy = TRUE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  esc_merge_files_async (esc_store_get_path (self->store), self->author, paths, on_progress, self,
                         self->cancellable, merged, g_object_ref (self));
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  EscMergeWindow  *self)
{
  g_autoptr (GListModel) files = NULL;
  g_autoptr (GPtrArray)  paths = g_ptr_array_new_with_free_func (g_free);

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);
      char             *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  if (paths->len > 1)
    esc_merge_window_merge (self, (const char *const *) paths->pdata);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

void
esc_merge_window_choose (EscMergeWindow *self)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (ESC_IS_MERGE_WINDOW (self));

  self->chooser = gtk_file_chooser_native_new (_ ("Merge Workspaces"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Merge"), _ ("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("Workspaces"));
  gtk_file_filter_add_pattern (filter, "*.esca");
  gtk_file_filter_add_mime_type (filter, "application/x-esc-assessment");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked (EscMergeWindow *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
esc_merge_window_dispose (GObject *object)
{
  EscMergeWindow *self = ESC_MERGE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_MERGE_WINDOW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (esc_merge_window_parent_class)->dispose (object);
}

static void
esc_merge_window_finalize (GObject *object)
{
  EscMergeWindow *self = ESC_MERGE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->author);
  G_OBJECT_CLASS (esc_merge_window_parent_class)->finalize (object);
}

static void
esc_merge_window_class_init (EscMergeWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_merge_window_dispose;
  object_class->finalize = esc_merge_window_finalize;

  signals[SIGNAL_MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ESC_TYPE_CONFLICT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/escassessor/Assessor/esc-merge-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EscMergeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EscMergeWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EscMergeWindow, report_label);
  gtk_widget_class_bind_template_child (widget_class, EscMergeWindow, conflict_view);
  gtk_widget_class_bind_template_child (widget_class, EscMergeWindow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
}

static void
esc_merge_window_init (EscMergeWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

EscMergeWindow *
esc_merge_window_new (GtkWindow  *parent,
                      EscStore   *store,
                      const char *author)
{
  EscMergeWindow *self;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  self = g_object_new (ESC_TYPE_MERGE_WINDOW, "transient-for", parent, "modal", parent != NULL, NULL);
  self->store = g_object_ref (store);
  self->author = g_strdup (author);
  esc_conflict_view_set_author (self->conflict_view, author);
  esc_conflict_view_set_store (self->conflict_view, store);
  return self;
}

gboolean
esc_merge_window_is_busy (EscMergeWindow *self)
{
  g_return_val_if_fail (ESC_IS_MERGE_WINDOW (self), FALSE);

  return self->busy || esc_conflict_view_is_busy (self->conflict_view);
}

guint
esc_merge_window_get_n_conflicts (EscMergeWindow *self)
{
  g_return_val_if_fail (ESC_IS_MERGE_WINDOW (self), 0);

  return esc_conflict_view_get_n_conflicts (self->conflict_view);
}
