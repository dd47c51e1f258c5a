/* esc-restore-dialog.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-backup.h"
#include "esc-format.h"
#include "esc-restore-dialog.h"
#include "esc-thai.h"

struct _EscRestoreDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkButton       *cancel_button;
  GtkButton       *restore_button;
  GtkListBox      *list;
  AdwStatusPage   *empty_page;

  char            *workspace_path;
  GPtrArray       *backups; /* EscBackup, newest first */
  char            *error_message;
  gboolean         running;
};

G_DEFINE_FINAL_TYPE (EscRestoreDialog, esc_restore_dialog, ADW_TYPE_WINDOW)

enum
{
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *workspace_path;
  char *backup_path;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_free (job->workspace_path);
  g_free (job->backup_path);
  g_free (job);
}

static const char *
reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "daily") == 0)
    return _ ("First use of the day");
  if (g_strcmp0 (reason, "migration") == 0)
    return _ ("Before the file was updated to a new version");
  if (g_strcmp0 (reason, "restore") == 0)
    return _ ("What the workspace held before a restore");
  if (g_strcmp0 (reason, "manual") == 0)
    return _ ("Made by hand");
  return reason;
}

static gboolean
prefers_thai (void)
{
  const char *const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "th");
}

static void
show_error (EscRestoreDialog *self,
            const char       *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_buttons (EscRestoreDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                            !self->running && gtk_list_box_get_selected_row (self->list) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), !self->running);
}

static void
load_backups (EscRestoreDialog *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = esc_backup_list (self->workspace_path, &error);
  if (self->backups == NULL)
    {
      self->backups = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_backup_free);
      show_error (self, error->message);
    }

  for (guint i = 0; i < self->backups->len; i++)
    {
      EscBackup            *backup = g_ptr_array_index (self->backups, i);
      g_autoptr (GDateTime) local = g_date_time_to_local (backup->created);
      g_autofree char      *when = esc_thai_format_date (local, prefers_thai ());
      g_autofree char      *size = esc_format_size (backup->size);
      GtkWidget            *row = adw_action_row_new ();
      GtkWidget            *size_label = gtk_label_new (size);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason_label (backup->reason));
      gtk_widget_add_css_class (size_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), size_label);
      gtk_list_box_append (self->list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->backups->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), self->backups->len == 0);
  update_buttons (self);
}

static void
restore_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreJob        *job = task_data;
  g_autoptr (GError) error = NULL;
  char              *safety = NULL;

  if (!esc_backup_restore (job->workspace_path, job->backup_path, &safety, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, safety, g_free);
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EscRestoreDialog  *self = ESC_RESTORE_DIALOG (object);
  g_autoptr (GError) error = NULL;
  g_autofree char   *safety = NULL;

  self->running = FALSE;
  safety = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      update_buttons (self);
      return;
    }

  g_signal_emit (self, signals[RESTORED], 0, safety);
  gtk_window_close (GTK_WINDOW (self));
}

void
esc_restore_dialog_restore (EscRestoreDialog *self)
{
  g_autoptr (GTask) task = NULL;
  GtkListBoxRow    *row;
  EscBackup        *backup;
  RestoreJob       *job;

  g_return_if_fail (ESC_IS_RESTORE_DIALOG (self));

  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL || self->running)
    return;
  backup = g_ptr_array_index (self->backups, gtk_list_box_row_get_index (row));

  job = g_new0 (RestoreJob, 1);
  job->workspace_path = g_strdup (self->workspace_path);
  job->backup_path = g_strdup (backup->path);

  g_clear_pointer (&self->error_message, g_free);
  self->running = TRUE;
  update_buttons (self);

  /* The restore is one transaction: once started it is not cut short. */
  task = g_task_new (self, NULL, restore_done_cb, NULL);
  g_task_set_source_tag (task, esc_restore_dialog_restore);
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (task, restore_worker);
}

static void
on_restore_clicked_cb (EscRestoreDialog *self)
{
  esc_restore_dialog_restore (self);
}

static void
on_cancel_clicked_cb (EscRestoreDialog *self)
{
  if (!self->running)
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_row_selected_cb (EscRestoreDialog *self)
{
  /* The list also says its selection went when it is taken apart. */
  if (self->list != NULL && self->restore_button != NULL)
    update_buttons (self);
}

static void
esc_restore_dialog_dispose (GObject *object)
{
  EscRestoreDialog *self = ESC_RESTORE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_RESTORE_DIALOG);

  G_OBJECT_CLASS (esc_restore_dialog_parent_class)->dispose (object);
}

static void
esc_restore_dialog_finalize (GObject *object)
{
  EscRestoreDialog *self = ESC_RESTORE_DIALOG (object);

  g_free (self->workspace_path);
  g_free (self->error_message);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (esc_restore_dialog_parent_class)->finalize (object);
}

static void
esc_restore_dialog_class_init (EscRestoreDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_restore_dialog_dispose;
  object_class->finalize = esc_restore_dialog_finalize;

  /**
   * EscRestoreDialog::restored:
   * @safety_path: (nullable): where the replaced content was kept
   *
   * The backup is in place; the workspace must be reopened.
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/esc-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EscRestoreDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EscRestoreDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EscRestoreDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, EscRestoreDialog, list);
  gtk_widget_class_bind_template_child (widget_class, EscRestoreDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
}

static void
esc_restore_dialog_init (EscRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EscRestoreDialog *
esc_restore_dialog_new (GtkWindow  *parent,
                        const char *workspace_path)
{
  EscRestoreDialog *self;

  g_return_val_if_fail (workspace_path != NULL, NULL);

  self = g_object_new (ESC_TYPE_RESTORE_DIALOG, "transient-for", parent, NULL);
  self->workspace_path = g_strdup (workspace_path);
  load_backups (self);
  return self;
}

guint
esc_restore_dialog_get_n_backups (EscRestoreDialog *self)
{
  g_return_val_if_fail (ESC_IS_RESTORE_DIALOG (self), 0);

  return self->backups->len;
}

void
esc_restore_dialog_select (EscRestoreDialog *self,
                           guint             index)
{
  g_return_if_fail (ESC_IS_RESTORE_DIALOG (self));
  g_return_if_fail (index < self->backups->len);

  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) index));
}

gboolean
esc_restore_dialog_get_running (EscRestoreDialog *self)
{
  g_return_val_if_fail (ESC_IS_RESTORE_DIALOG (self), FALSE);

  return self->running;
}

const char *
esc_restore_dialog_get_error_message (EscRestoreDialog *self)
{
  g_return_val_if_fail (ESC_IS_RESTORE_DIALOG (self), NULL);

  return self->error_message;
}
