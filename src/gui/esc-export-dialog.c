/* esc-export-dialog.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports the SAR workbook of an assessment (and its evidence) or the
 * province workbook of a fiscal year, on a worker thread, with progress and
 * Cancel; a toast offers to open the folder when it is done.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "esc-export-dialog.h"
#include "esc-export.h"

struct _EscExportDialog
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  AdwActionRow         *sar_row;
  AdwActionRow         *evidence_row;
  AdwActionRow         *province_row;
  AdwActionRow         *year_row;
  GtkCheckButton       *sar_check;
  GtkCheckButton       *province_check;
  GtkSwitch            *evidence_switch;
  GtkSpinButton        *year_spin;
  AdwActionRow         *destination_row;
  GtkButton            *choose_button;
  AdwPreferencesGroup  *progress_group;
  GtkProgressBar       *progress_bar;

  char                 *workspace_path;
  char                 *assessment_uuid;
  char                 *lao_name;
  GFile                *destination;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *error_message;
  double                fraction;
};

G_DEFINE_FINAL_TYPE (EscExportDialog, esc_export_dialog, ADW_TYPE_WINDOW)

static gboolean
is_province (EscExportDialog *self)
{
  return gtk_check_button_get_active (self->province_check);
}

static void
update_sensitivity (EscExportDialog *self)
{
  gboolean running = self->cancellable != NULL;
  gboolean province = is_province (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !running && self->destination != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sar_row), !running && self->assessment_uuid != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->evidence_row), !running && !province);
  gtk_widget_set_sensitive (GTK_WIDGET (self->province_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_row), !running && province);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), running || self->fraction > 0);
}

static char *
suggested_name (EscExportDialog *self)
{
  if (is_province (self))
    /* TRANSLATORS: a file name; %d is the fiscal year */
    return g_strdup_printf (_ ("ESC province %d.xlsx"), gtk_spin_button_get_value_as_int (self->year_spin));
  /* TRANSLATORS: a file name; %s is the local government's name */
  return g_strdup_printf (_ ("ESC SAR %s.xlsx"), self->lao_name ? self->lao_name : "");
}

GFile *
esc_export_dialog_get_evidence_folder (EscExportDialog *self)
{
  g_autoptr (GFile) parent = NULL;
  g_autofree char  *base = NULL;
  g_autofree char  *name = NULL;

  g_return_val_if_fail (ESC_IS_EXPORT_DIALOG (self), NULL);

  if (self->destination == NULL)
    return NULL;

  parent = g_file_get_parent (self->destination);
  base = g_file_get_basename (self->destination);
  if (g_str_has_suffix (base, ".xlsx"))
    base[strlen (base) - 5] = '\0';
  /* TRANSLATORS: the folder of evidence beside a workbook; %s is the workbook's name */
  name = g_strdup_printf (_ ("%s evidence"), base);

  return g_file_get_child (parent, name);
}

void
esc_export_dialog_set_destination (EscExportDialog *self,
                                   GFile           *file)
{
  g_autofree char *display = NULL;

  g_return_if_fail (ESC_IS_EXPORT_DIALOG (self));

  if (!g_set_object (&self->destination, file))
    return;

  display = file != NULL ? g_file_get_parse_name (file) : NULL;
  adw_action_row_set_subtitle (self->destination_row, display != NULL ? display : _ ("Not chosen yet"));
  update_sensitivity (self);
}

GFile *
esc_export_dialog_get_destination (EscExportDialog *self)
{
  g_return_val_if_fail (ESC_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

void
esc_export_dialog_set_province (EscExportDialog *self,
                                gboolean         province)
{
  g_return_if_fail (ESC_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (province ? self->province_check : self->sar_check, TRUE);
}

void
esc_export_dialog_set_evidence (EscExportDialog *self,
                                gboolean         evidence)
{
  g_return_if_fail (ESC_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->evidence_switch, evidence);
}

gboolean
esc_export_dialog_get_running (EscExportDialog *self)
{
  g_return_val_if_fail (ESC_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

double
esc_export_dialog_get_fraction (EscExportDialog *self)
{
  g_return_val_if_fail (ESC_IS_EXPORT_DIALOG (self), 0);

  return self->fraction;
}

const char *
esc_export_dialog_get_error_message (EscExportDialog *self)
{
  g_return_val_if_fail (ESC_IS_EXPORT_DIALOG (self), NULL);

  return self->error_message;
}

static void
on_kind_toggled_cb (EscExportDialog *self)
{
  /* a chosen file keeps its folder; its name follows the kind */
  if (self->destination != NULL)
    {
      g_autoptr (GFile) parent = g_file_get_parent (self->destination);
      g_autofree char  *name = suggested_name (self);
      g_autoptr (GFile) file = g_file_get_child (parent, name);

      esc_export_dialog_set_destination (self, file);
    }
  update_sensitivity (self);
}

static void
chooser_response_cb (EscExportDialog      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char  *base = g_file_get_basename (file);

      if (!g_str_has_suffix (base, ".xlsx"))
        {
          g_autoptr (GFile) parent = g_file_get_parent (file);
          g_autofree char  *with_suffix = g_strconcat (base, ".xlsx", NULL);

          g_set_object (&file, g_file_get_child (parent, with_suffix));
        }
      esc_export_dialog_set_destination (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
on_choose_clicked_cb (EscExportDialog *self)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char          *name = suggested_name (self);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_ ("Save the Workbook"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("Excel workbooks"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (self->destination != NULL)
    {
      g_autoptr (GFile) parent = g_file_get_parent (self->destination);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), parent, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  EscExportDialog *self = user_data;

  if (self->progress_bar == NULL) /* destroyed meanwhile */
    return;
  self->fraction = fraction;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, message);
}

static void
show_error (EscExportDialog *self,
            const GError    *error)
{
  AdwMessageDialog *dialog;

  g_free (self->error_message);
  self->error_message = g_strdup (error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _ ("The Export Failed"), error->message));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (EscExportDialog) self = user_data;
  g_autoptr (GError)          error = NULL;
  gboolean                    ok;

  if (g_task_get_source_tag (G_TASK (result)) == esc_export_province_async)
    ok = esc_export_province_finish (result, &error);
  else
    ok = esc_export_sar_finish (result, &error);

  g_clear_object (&self->cancellable);
  if (self->progress_bar == NULL) /* destroyed meanwhile */
    return;

  if (ok)
    {
      g_autofree char *base = g_file_get_basename (self->destination);
      g_autofree char *title = g_strdup_printf (_ ("Exported “%s”"), base);
      AdwToast        *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _ ("Open Folder"));
      adw_toast_set_action_name (toast, "export.open-folder");
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      /* The province workbook's last progress step names the writing, not its end. */
      gtk_progress_bar_set_text (self->progress_bar, C_ ("workbook", "Done"));
      self->fraction = 1.0;
      gtk_button_set_label (self->cancel_button, _ ("_Close"));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->fraction = 0;
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _ ("Cancelled; nothing was saved"));
    }
  else
    {
      self->fraction = 0;
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, NULL);
      show_error (self, error);
    }

  update_sensitivity (self);
}

static void
run_export (EscExportDialog *self,
            EscExportFlags   flags)
{
  g_autofree char *path = g_file_get_path (self->destination);

  g_clear_pointer (&self->error_message, g_free);
  self->cancellable = g_cancellable_new ();
  self->fraction = 0;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Starting"));
  gtk_button_set_label (self->cancel_button, _ ("_Cancel"));
  update_sensitivity (self);

  if (is_province (self))
    esc_export_province_async (self->workspace_path, gtk_spin_button_get_value_as_int (self->year_spin),
                               path, flags, progress_cb, g_object_ref (self), g_object_unref,
                               self->cancellable, export_done_cb, g_object_ref (self));
  else
    {
      g_autoptr (GFile) folder = NULL;
      g_autofree char  *folder_path = NULL;

      if (gtk_switch_get_active (self->evidence_switch))
        {
          folder = esc_export_dialog_get_evidence_folder (self);
          folder_path = g_file_get_path (folder);
        }
      esc_export_sar_async (self->workspace_path, self->assessment_uuid, path, folder_path, flags,
                            progress_cb, g_object_ref (self), g_object_unref, self->cancellable,
                            export_done_cb, g_object_ref (self));
    }
}

static gboolean
folder_has_files (GFile *folder)
{
  g_autoptr (GFileEnumerator) children = NULL;
  g_autoptr (GFileInfo)       info = NULL;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children == NULL)
    return FALSE;
  info = g_file_enumerator_next_file (children, NULL, NULL);

  return info != NULL;
}

static void
replace_response_cb (EscExportDialog *self,
                     const char      *response)
{
  if (g_strcmp0 (response, "replace") == 0)
    run_export (self, ESC_EXPORT_OVERWRITE);
}

void
esc_export_dialog_start (EscExportDialog *self)
{
  g_autoptr (GFile) folder = NULL;

  g_return_if_fail (ESC_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL || self->destination == NULL)
    return;

  /* The file chooser has asked before replacing the workbook; the evidence
   * folder is asked about here. */
  if (!is_province (self) && gtk_switch_get_active (self->evidence_switch))
    folder = esc_export_dialog_get_evidence_folder (self);
  if (folder != NULL && folder_has_files (folder))
    {
      g_autofree char  *name = g_file_get_parse_name (folder);
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _ ("Replace the Evidence Files?"), NULL));
      adw_message_dialog_format_body (dialog, _ ("The folder “%s” already holds files. Files of the same names will be replaced."), name);
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "replace", _ ("_Replace"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  run_export (self, ESC_EXPORT_OVERWRITE);
}

void
esc_export_dialog_cancel (EscExportDialog *self)
{
  g_return_if_fail (ESC_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
on_export_clicked_cb (EscExportDialog *self)
{
  esc_export_dialog_start (self);
}

static void
on_cancel_clicked_cb (EscExportDialog *self)
{
  if (self->cancellable != NULL)
    esc_export_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EscExportDialog  *self = ESC_EXPORT_DIALOG (widget);
  g_autoptr (GFile) folder = NULL;
  g_autofree char  *uri = NULL;

  if (self->destination == NULL)
    return;
  folder = g_file_get_parent (self->destination);
  uri = g_file_get_uri (folder);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static gboolean
esc_export_dialog_close_request (GtkWindow *window)
{
  EscExportDialog *self = ESC_EXPORT_DIALOG (window);

  /* closing stops the export; nothing is left under the final name */
  esc_export_dialog_cancel (self);

  return GTK_WINDOW_CLASS (esc_export_dialog_parent_class)->close_request (window);
}

static void
esc_export_dialog_dispose (GObject *object)
{
  EscExportDialog *self = ESC_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (esc_export_dialog_parent_class)->dispose (object);
}

static void
esc_export_dialog_finalize (GObject *object)
{
  EscExportDialog *self = ESC_EXPORT_DIALOG (object);

  g_free (self->workspace_path);
  g_free (self->assessment_uuid);
  g_free (self->lao_name);
  g_free (self->error_message);
  g_clear_object (&self->destination);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (esc_export_dialog_parent_class)->finalize (object);
}

static void
esc_export_dialog_class_init (EscExportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = esc_export_dialog_dispose;
  object_class->finalize = esc_export_dialog_finalize;
  window_class->close_request = esc_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/esc-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, sar_row);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, evidence_row);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, province_row);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, year_row);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, sar_check);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, province_check);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, evidence_switch);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, progress_group);
  gtk_widget_class_bind_template_child (widget_class, EscExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "export.open-folder", NULL, open_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
esc_export_dialog_init (EscExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EscExportDialog *
esc_export_dialog_new (GtkWindow  *parent,
                       const char *workspace_path,
                       const char *assessment_uuid,
                       int         fiscal_year,
                       const char *lao_name)
{
  EscExportDialog *self;

  g_return_val_if_fail (workspace_path != NULL, NULL);

  self = g_object_new (ESC_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->workspace_path = g_strdup (workspace_path);
  self->assessment_uuid = g_strdup (assessment_uuid);
  self->lao_name = g_strdup (lao_name);
  if (fiscal_year > 0)
    gtk_spin_button_set_value (self->year_spin, fiscal_year);
  if (assessment_uuid == NULL)
    gtk_check_button_set_active (self->province_check, TRUE);
  update_sensitivity (self);

  return self;
}
