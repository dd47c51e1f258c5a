/* esc-evidence-list.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "esc-evidence-list.h"
#include "esc-format.h"

struct _EscEvidenceList
{
  GtkBox          parent_instance;

  GtkListBox     *list_box;
  GtkButton      *attach_button;
  GtkWidget      *busy_spinner;
  GtkWidget      *progress_box;
  GtkProgressBar *progress_bar;
  GMenuModel     *row_menu;

  EscStore       *store;
  char           *assessment_uuid;
  char           *item_code;
  GPtrArray      *links;
  GtkDropTarget  *drop_target;
  GPtrArray      *drop_targets; /* every target that attaches to this list, refs */
  GCancellable   *cancellable;
  guint           n_busy;
  guint           n_attaching;
  GCancellable   *attach_stop; /* the Stop button's, while files are being attached */
  char           *last_error;
};

G_DEFINE_FINAL_TYPE (EscEvidenceList, esc_evidence_list, GTK_TYPE_BOX)

enum
{
  OPEN_LINK,
  CHANGED,
  TOAST,
  SHOW_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Work on a worker thread with its own connection */

typedef gboolean (*StoreFunc) (EscStore     *store,
                               gpointer      data,
                               GCancellable *cancellable,
                               GError      **error);

typedef struct
{
  char          *store_path;
  StoreFunc      func;
  gpointer       data;
  GDestroyNotify data_free;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->store_path);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
store_job_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  StoreJob            *job = task_data;
  g_autoptr (EscStore) store = NULL;
  GError              *error = NULL;

  store = esc_store_open (job->store_path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !job->func (store, job->data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_store_job (EscEvidenceList    *self,
               StoreFunc           func,
               gpointer            data,
               GDestroyNotify      data_free,
               GAsyncReadyCallback callback)
{
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, callback, NULL);
  StoreJob         *job = g_new0 (StoreJob, 1);

  job->store_path = g_strdup (esc_store_get_path (self->store));
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_task_set_source_tag (task, run_store_job);
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
  self->n_busy++;
  gtk_widget_set_visible (self->busy_spinner, TRUE);
  g_task_run_in_thread (task, store_job_thread);
}

static gpointer
job_data (GAsyncResult *result)
{
  StoreJob *job = g_task_get_task_data (G_TASK (result));

  return job->data;
}

/* Whether documents can be attached, linked, renamed or removed: a read-only workspace
 * is only viewed (its documents previewed and copied out). */
static gboolean
is_writable (EscEvidenceList *self)
{
  return self->store != NULL && !esc_store_is_read_only (self->store);
}

static void
show_error (EscEvidenceList *self,
            const char      *heading,
            const char      *message)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  if (!GTK_IS_WINDOW (root))
    {
      g_message ("%s: %s", heading, message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Finishes a job: FALSE (and the error shown) when it failed. */
static gboolean
finish_job (EscEvidenceList *self,
            GAsyncResult    *result,
            const char      *heading)
{
  g_autoptr (GError) error = NULL;

  self->n_busy--;
  gtk_widget_set_visible (self->busy_spinner, self->n_busy > 0);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, heading, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Rows */

static const EscLink *
find_link (EscEvidenceList *self,
           const char      *link_uuid)
{
  for (guint i = 0; self->links != NULL && i < self->links->len; i++)
    {
      const EscLink *link = g_ptr_array_index (self->links, i);

      if (g_str_equal (link->uuid, link_uuid))
        return link;
    }
  return NULL;
}

static char *
describe_link (const EscLink *link)
{
  g_autofree char *size = esc_format_size (link->document->size);
  GString         *s = g_string_new (NULL);

  if (link->pages[0] != '\0')
    /* TRANSLATORS: the linked pages, e.g. "3-5, 9" */
    g_string_append_printf (s, _ ("Pages %s"), link->pages);
  else if (link->document->n_pages > 1)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", link->document->n_pages),
                            link->document->n_pages);
  else if (g_str_has_prefix (link->document->mime_type, "image/"))
    g_string_append (s, _ ("Photo"));
  if (link->document->encrypted)
    g_string_append_printf (s, "%s%s", s->len > 0 ? " · " : "", _ ("Protected by a password"));
  if (link->caption[0] != '\0')
    g_string_append_printf (s, "%s%s", s->len > 0 ? " · " : "", link->caption);
  g_string_append_printf (s, "%s%s, %s", s->len > 0 ? " · " : "", link->document->file_name, size);
  return g_string_free (s, FALSE);
}

static void row_action_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data);

static GtkWidget *
create_row (EscEvidenceList *self,
            const EscLink   *link)
{
  static const char *const names[] = { "open", "edit", "rename", "save-copy", "open-external", "unlink" };
  static const char *const writing[] = { "edit", "rename", "unlink", NULL };
  GtkWidget               *row = adw_action_row_new ();
  GtkWidget               *icon;
  GtkWidget               *menu_button;
  GSimpleActionGroup      *group = g_simple_action_group_new ();
  g_autofree char         *subtitle = describe_link (link);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->document->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _ ("Show in the preview"));

  icon = gtk_image_new_from_icon_name (g_str_has_prefix (link->document->mime_type, "image/")
                                         ? "image-x-generic-symbolic"
                                         : "x-office-document-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), self->row_menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _ ("Document Menu"));
  gtk_widget_add_css_class (menu_button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GSimpleAction) action = g_simple_action_new (names[i], NULL);

      g_object_set_data_full (G_OBJECT (action), "esc-link", g_strdup (link->uuid), g_free);
      if (g_strv_contains (writing, names[i]))
        g_simple_action_set_enabled (action, is_writable (self));
      g_signal_connect_object (action, "activate", G_CALLBACK (row_action_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (group));
  g_object_unref (group);
  g_object_set_data_full (G_OBJECT (row), "esc-link", g_strdup (link->uuid), g_free);
  return row;
}

void
esc_evidence_list_reload (EscEvidenceList *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget         *child;
  const char        *tooltip;

  g_return_if_fail (ESC_IS_EVIDENCE_LIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), is_writable (self));
  tooltip = self->store != NULL && !is_writable (self)
              ? _ ("The workspace is read-only: save a copy of it to attach evidence")
              : _ ("Attach PDF documents or JPEG and PNG photos");
  /* Setting a tooltip asks the X server where the pointer is: only when it changes, not
   * on every indicator shown. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->attach_button)), tooltip) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->attach_button), tooltip);
  /* A drop on a read-only workspace is refused before it is made. */
  for (guint i = 0; self->drop_targets != NULL && i < self->drop_targets->len; i++)
    gtk_drop_target_set_actions (g_ptr_array_index (self->drop_targets, i),
                                 is_writable (self) ? GDK_ACTION_COPY : 0);
  if (self->store == NULL || self->assessment_uuid == NULL || self->item_code == NULL)
    return;

  self->links = esc_store_list_links (self->store, self->assessment_uuid, self->item_code, &error);
  if (self->links == NULL)
    {
      show_error (self, _ ("The Evidence Cannot Be Listed"), error->message);
      return;
    }
  for (guint i = 0; i < self->links->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (self->links, i)));
}

static void
changed (EscEvidenceList *self)
{
  esc_evidence_list_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
row_activated_cb (EscEvidenceList *self,
                  GtkListBoxRow   *row)
{
  const EscLink *link = find_link (self, g_object_get_data (G_OBJECT (row), "esc-link"));

  if (link != NULL)
    g_signal_emit (self, signals[OPEN_LINK], 0, link->uuid);
}

/* Attaching */

typedef struct
{
  GObject      *owner; /* the list; alive while the job's task is */
  char         *assessment_uuid;
  char         *item_code;
  GPtrArray    *files;
  GPtrArray    *refused; /* messages */
  guint         n_attached;
  GCancellable *stop;
  gboolean      stopped;
  /* On the worker only: the file being attached and when the bar was last told. */
  guint         index;
  char         *name;
  gint64        last_report;
} AttachData;

typedef struct
{
  EscEvidenceList *list;
  guint            index;
  guint            n_files;
  char            *name;
  double           fraction; /* of this file */
} AttachProgress;

/* The bar is told at most this often (µs), and when a file is done. */
#define PROGRESS_INTERVAL (30 * 1000)

static void
attach_progress_free (AttachProgress *progress)
{
  g_object_unref (progress->list);
  g_free (progress->name);
  g_free (progress);
}

/* On the main thread: which file is being attached. */
static gboolean
attach_progress_cb (gpointer user_data)
{
  AttachProgress  *progress = user_data;
  EscEvidenceList *self = progress->list;
  g_autofree char *text = NULL;

  if (self->n_busy == 0)
    return G_SOURCE_REMOVE;
  /* TRANSLATORS: progress while attaching, e.g. "Attaching 2 of 5: report.pdf" */
  text = g_strdup_printf (_ ("Attaching %u of %u: %s"), progress->index + 1, progress->n_files, progress->name);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (progress->index + progress->fraction) / progress->n_files);
  gtk_widget_set_visible (self->progress_box, TRUE);
  return G_SOURCE_REMOVE;
}

/* On the worker: sends the main thread how far the file has gone, throttled. */
static void
report_progress (AttachData *data,
                 double      fraction,
                 gboolean    force)
{
  gint64          now = g_get_monotonic_time ();
  AttachProgress *progress;

  if (!force && now - data->last_report < PROGRESS_INTERVAL)
    return;
  data->last_report = now;
  /* The list is only referenced here, never touched: the main thread shows it. */
  progress = g_new0 (AttachProgress, 1);
  progress->list = ESC_EVIDENCE_LIST (g_object_ref (data->owner));
  progress->index = data->index;
  progress->n_files = data->files->len;
  progress->name = g_strdup (data->name);
  progress->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, attach_progress_cb, progress,
                              (GDestroyNotify) attach_progress_free);
}

static void
bytes_progress_cb (goffset  done,
                   goffset  total,
                   gpointer user_data)
{
  report_progress (user_data, total > 0 ? (double) done / total : 1.0, done >= total);
}

static void
attach_data_free (AttachData *data)
{
  g_free (data->assessment_uuid);
  g_free (data->item_code);
  g_ptr_array_unref (data->files);
  g_ptr_array_unref (data->refused);
  g_clear_object (&data->stop);
  g_free (data->name);
  g_free (data);
}

static gboolean
attach_func (EscStore     *store,
             gpointer      user_data,
             GCancellable *cancellable,
             GError      **error)
{
  AttachData *data = user_data;

  /* Each file on its own: one bad file does not keep the others out. */
  for (guint i = 0; i < data->files->len; i++)
    {
      g_autoptr (GError)  file_error = NULL;
      g_autoptr (EscLink) link = NULL;
      GFile              *file = g_ptr_array_index (data->files, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (g_cancellable_is_cancelled (data->stop))
        {
          data->stopped = TRUE;
          break;
        }
      data->index = i;
      g_free (data->name);
      data->name = g_file_get_basename (file);
      report_progress (data, 0, TRUE);
      link = esc_store_attach_file_with_progress (store, file, NULL, data->assessment_uuid, data->item_code,
                                                  NULL, NULL, bytes_progress_cb, data, data->stop, &file_error);
      if (link != NULL)
        data->n_attached++;
      else if (g_error_matches (file_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Stopped: this file is not attached, nothing of it is kept. */
          data->stopped = TRUE;
          break;
        }
      else
        g_ptr_array_add (data->refused, g_strdup (file_error->message));
    }
  return TRUE;
}

static void
attached_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  EscEvidenceList *self = ESC_EVIDENCE_LIST (object);
  AttachData      *data = job_data (result);
  g_autofree char *toast = NULL;

  if (--self->n_attaching == 0)
    {
      gtk_widget_set_visible (self->progress_box, FALSE);
      g_clear_object (&self->attach_stop);
    }
  if (!finish_job (self, result, _ ("The Files Were Not Attached")))
    return;
  if (data->n_attached > 0)
    changed (self);
  if (data->stopped)
    toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attaching stopped: %u document attached",
                                          "Attaching stopped: %u documents attached", data->n_attached),
                             data->n_attached);
  else if (data->refused->len == 0)
    toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document attached", "%u documents attached",
                                          data->n_attached),
                             data->n_attached);
  else
    /* TRANSLATORS: after attaching, e.g. "2 attached, 1 refused" */
    toast = g_strdup_printf (_ ("%u attached, %u refused"), data->n_attached, data->refused->len);
  g_signal_emit (self, signals[TOAST], 0, toast);
  if (data->refused->len > 0)
    {
      g_autoptr (GString) message = g_string_new (NULL);

      for (guint i = 0; i < data->refused->len; i++)
        g_string_append_printf (message, "%s%s", i > 0 ? "\n\n" : "",
                                (const char *) g_ptr_array_index (data->refused, i));
      show_error (self,
                  g_dngettext (GETTEXT_PACKAGE, "A File Was Not Attached", "Some Files Were Not Attached",
                               data->refused->len),
                  message->str);
    }
}

void
esc_evidence_list_attach_files (EscEvidenceList *self,
                                GListModel      *files)
{
  AttachData *data;

  g_return_if_fail (ESC_IS_EVIDENCE_LIST (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (!is_writable (self) || g_list_model_get_n_items (files) == 0)
    return;

  data = g_new0 (AttachData, 1);
  data->owner = G_OBJECT (self);
  data->assessment_uuid = g_strdup (self->assessment_uuid);
  data->item_code = g_strdup (self->item_code);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  data->refused = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (data->files, g_list_model_get_item (files, i));
  /* Files dropped while others are being attached stop with them. */
  if (self->attach_stop == NULL)
    self->attach_stop = g_cancellable_new ();
  data->stop = g_object_ref (self->attach_stop);
  if (self->n_attaching++ == 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _ ("Attaching…"));
      gtk_widget_set_visible (self->progress_box, TRUE);
    }
  run_store_job (self, attach_func, data, (GDestroyNotify) attach_data_free, attached_cb);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     EscEvidenceList *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      esc_evidence_list_attach_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

GtkNativeDialog *
esc_evidence_list_choose_files (EscEvidenceList *self)
{
  GtkRoot                  *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative     *chooser;
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) pdf = gtk_file_filter_new ();

  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), NULL);

  chooser = gtk_file_chooser_native_new (_ ("Attach Evidence"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Attach"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (all, _ ("PDF Documents and Photos"));
  gtk_file_filter_add_mime_type (all, "application/pdf");
  gtk_file_filter_add_mime_type (all, "image/jpeg");
  gtk_file_filter_add_mime_type (all, "image/png");
  gtk_file_filter_add_suffix (all, "pdf");
  gtk_file_filter_add_suffix (all, "jpg");
  gtk_file_filter_add_suffix (all, "jpeg");
  gtk_file_filter_add_suffix (all, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_filter_set_name (pdf, _ ("PDF Documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);

  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  return GTK_NATIVE_DIALOG (chooser);
}

static void
stop_clicked_cb (EscEvidenceList *self)
{
  if (self->attach_stop != NULL)
    g_cancellable_cancel (self->attach_stop);
}

static void
attach_clicked_cb (EscEvidenceList *self)
{
  esc_evidence_list_choose_files (self);
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         EscEvidenceList *self)
{
  GSList                *list;
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !is_writable (self))
    return FALSE;
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  g_slist_free (list);
  esc_evidence_list_attach_files (self, G_LIST_MODEL (files));
  return TRUE;
}

static GtkDropTarget *
new_drop_target (EscEvidenceList *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST,
                                               is_writable (self) ? GDK_ACTION_COPY : 0);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  g_ptr_array_add (self->drop_targets, g_object_ref (target));
  return target;
}

void
esc_evidence_list_add_drop_target (EscEvidenceList *self,
                                   GtkWidget       *widget)
{
  g_return_if_fail (ESC_IS_EVIDENCE_LIST (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (new_drop_target (self)));
}

/* Row actions */

typedef struct
{
  char    *link_uuid;
  char    *document_uuid;
  char    *sha256;
  char    *pages;
  char    *caption;
  char    *title;
  gboolean remove_document;
  GFile   *destination;
} LinkData;

static void
link_data_free (LinkData *data)
{
  g_free (data->link_uuid);
  g_free (data->document_uuid);
  g_free (data->sha256);
  g_free (data->pages);
  g_free (data->caption);
  g_free (data->title);
  g_clear_object (&data->destination);
  g_free (data);
}

static LinkData *
link_data_new (const EscLink *link)
{
  LinkData *data = g_new0 (LinkData, 1);

  data->link_uuid = g_strdup (link->uuid);
  data->document_uuid = g_strdup (link->document->uuid);
  data->sha256 = g_strdup (link->document->sha256);
  return data;
}

static gboolean
update_func (EscStore     *store,
             gpointer      user_data,
             GCancellable *cancellable,
             GError      **error)
{
  LinkData *data = user_data;

  return esc_store_update_link (store, data->link_uuid, data->pages, data->caption, error);
}

static gboolean
rename_func (EscStore     *store,
             gpointer      user_data,
             GCancellable *cancellable,
             GError      **error)
{
  LinkData *data = user_data;

  return esc_store_rename_document (store, data->document_uuid, data->title, error);
}

static gboolean
unlink_func (EscStore     *store,
             gpointer      user_data,
             GCancellable *cancellable,
             GError      **error)
{
  LinkData *data = user_data;

  if (!esc_store_unlink (store, data->link_uuid, error))
    return FALSE;
  return !data->remove_document || esc_store_remove_document (store, data->document_uuid, error);
}

static gboolean
extract_func (EscStore     *store,
              gpointer      user_data,
              GCancellable *cancellable,
              GError      **error)
{
  LinkData *data = user_data;

  return esc_store_extract_blob (store, data->sha256, data->destination, cancellable, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  if (finish_job (ESC_EVIDENCE_LIST (object), result, _ ("The Change Was Not Saved")))
    changed (ESC_EVIDENCE_LIST (object));
}

static void
copy_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  EscEvidenceList *self = ESC_EVIDENCE_LIST (object);
  LinkData        *data = job_data (result);
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;

  if (!finish_job (self, result, _ ("The Copy Was Not Saved")))
    return;
  name = g_file_get_basename (data->destination);
  /* TRANSLATORS: after Save a Copy, %s is the file name */
  toast = g_strdup_printf (_ ("Saved a copy as “%s”"), name);
  g_signal_emit (self, signals[TOAST], 0, toast);
}

static void
extracted_for_viewer_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  EscEvidenceList *self = ESC_EVIDENCE_LIST (object);
  LinkData        *data = job_data (result);
  g_autofree char *uri = NULL;

  if (!finish_job (self, result, _ ("The Document Cannot Be Opened")))
    return;
  uri = g_file_get_uri (data->destination);
  g_signal_emit (self, signals[SHOW_URI], 0, uri);
}

/* The default handler of ::show-uri: the desktop's viewer for the file. */
static void
real_show_uri (EscEvidenceList *self,
               const char      *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static AdwMessageDialog *
new_dialog (EscEvidenceList *self,
            const char      *heading,
            const char      *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     heading, body));
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  EscEvidenceList  *self)
{
  LinkData    *data = g_object_steal_data (G_OBJECT (dialog), "esc-data");
  GtkEditable *pages = g_object_get_data (G_OBJECT (dialog), "esc-pages");
  GtkEditable *caption = g_object_get_data (G_OBJECT (dialog), "esc-caption");
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "esc-title");

  /* A dialog answers once; a late close after the answer finds nothing left to do. */
  if (data == NULL)
    return;
  if (!g_str_equal (response, "save"))
    {
      link_data_free (data);
      return;
    }
  if (title != NULL)
    {
      data->title = g_strdup (gtk_editable_get_text (title));
      run_store_job (self, rename_func, data, (GDestroyNotify) link_data_free, saved_cb);
      return;
    }
  data->pages = g_strdup (gtk_editable_get_text (pages));
  data->caption = g_strstrip (g_strdup (gtk_editable_get_text (caption)));
  run_store_job (self, update_func, data, (GDestroyNotify) link_data_free, saved_cb);
}

static void
unlink_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    EscEvidenceList  *self)
{
  LinkData *data = g_object_steal_data (G_OBJECT (dialog), "esc-data");

  if (data == NULL)
    return;
  if (g_str_equal (response, "cancel"))
    {
      link_data_free (data);
      return;
    }
  data->remove_document = g_str_equal (response, "remove");
  run_store_job (self, unlink_func, data, (GDestroyNotify) link_data_free, saved_cb);
}

static void
save_copy_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       EscEvidenceList *self)
{
  LinkData *data = g_object_steal_data (G_OBJECT (chooser), "esc-data");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      data->destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      run_store_job (self, extract_func, data, (GDestroyNotify) link_data_free, copy_saved_cb);
    }
  else
    link_data_free (data);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

GtkNativeDialog *
esc_evidence_list_save_copy (EscEvidenceList *self,
                             const char      *link_uuid)
{
  GtkRoot              *root;
  GtkFileChooserNative *chooser;
  const EscLink        *link;

  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), NULL);
  g_return_val_if_fail (link_uuid != NULL, NULL);

  link = find_link (self, link_uuid);
  if (link == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_ ("Save a Copy"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), link->document->file_name);
  g_object_set_data_full (G_OBJECT (chooser), "esc-data", link_data_new (link), (GDestroyNotify) link_data_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_copy_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  return GTK_NATIVE_DIALOG (chooser);
}

static void
row_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EscEvidenceList  *self = user_data;
  const char       *name = g_action_get_name (G_ACTION (action));
  const EscLink    *link = find_link (self, g_object_get_data (G_OBJECT (action), "esc-link"));
  AdwMessageDialog *dialog;

  if (link == NULL)
    return;

  if (g_str_equal (name, "open"))
    g_signal_emit (self, signals[OPEN_LINK], 0, link->uuid);
  else if (g_str_equal (name, "edit"))
    {
      GtkWidget *group = adw_preferences_group_new ();

      dialog = new_dialog (self, _ ("Pages and Caption"), link->document->title);
      g_object_set_data (G_OBJECT (dialog), "esc-pages",
                         entry_row (group, _ ("Pages, e.g. 3-5, 9 (empty for all)"), link->pages));
      g_object_set_data (G_OBJECT (dialog), "esc-caption", entry_row (group, _ ("Caption"), link->caption));
      adw_message_dialog_set_extra_child (dialog, group);
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "save", _ ("_Save"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
      g_object_set_data_full (G_OBJECT (dialog), "esc-data", link_data_new (link), (GDestroyNotify) link_data_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (g_str_equal (name, "rename"))
    {
      GtkWidget *group = adw_preferences_group_new ();

      dialog = new_dialog (self, _ ("Rename Document"), _ ("The title is shown wherever the document is evidence."));
      g_object_set_data (G_OBJECT (dialog), "esc-title", entry_row (group, _ ("Title"), link->document->title));
      adw_message_dialog_set_extra_child (dialog, group);
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "save", _ ("_Rename"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
      g_object_set_data_full (G_OBJECT (dialog), "esc-data", link_data_new (link), (GDestroyNotify) link_data_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (g_str_equal (name, "unlink"))
    {
      g_autofree char *body = NULL;

      if (link->document->n_links <= 1)
        body = g_strdup_printf (_ ("“%s” is no longer evidence for this indicator. No other indicator uses it: you can also remove the file from the workspace."),
                                link->document->title);
      else
        body = g_strdup_printf (_ ("“%s” is no longer evidence for this indicator. Other indicators keep it."),
                                link->document->title);
      dialog = new_dialog (self, _ ("Unlink Document?"), body);
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "unlink", _ ("_Unlink"), NULL);
      if (link->document->n_links <= 1)
        {
          adw_message_dialog_add_response (dialog, "remove", _ ("Unlink and _Remove File"));
          adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
        }
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "esc-data", link_data_new (link), (GDestroyNotify) link_data_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (unlink_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (g_str_equal (name, "save-copy"))
    esc_evidence_list_save_copy (self, link->uuid);
  else if (g_str_equal (name, "open-external"))
    {
      LinkData        *data = link_data_new (link);
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "esc-assessor", "open", link->document->sha256, NULL);
      g_autofree char *path = g_build_filename (dir, link->document->file_name, NULL);

      g_mkdir_with_parents (dir, 0700);
      data->destination = g_file_new_for_path (path);
      run_store_job (self, extract_func, data, (GDestroyNotify) link_data_free, extracted_for_viewer_cb);
    }
}

/* GObject */

static void
esc_evidence_list_dispose (GObject *object)
{
  EscEvidenceList *self = ESC_EVIDENCE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->attach_stop != NULL)
    g_cancellable_cancel (self->attach_stop);
  g_clear_object (&self->attach_stop);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_EVIDENCE_LIST);
  g_clear_object (&self->store);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->drop_targets, g_ptr_array_unref);

  G_OBJECT_CLASS (esc_evidence_list_parent_class)->dispose (object);
}

static void
esc_evidence_list_finalize (GObject *object)
{
  EscEvidenceList *self = ESC_EVIDENCE_LIST (object);

  g_clear_object (&self->cancellable);
  g_free (self->assessment_uuid);
  g_free (self->item_code);
  g_free (self->last_error);

  G_OBJECT_CLASS (esc_evidence_list_parent_class)->finalize (object);
}

static void
esc_evidence_list_class_init (EscEvidenceListClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_evidence_list_dispose;
  object_class->finalize = esc_evidence_list_finalize;

  /**
   * EscEvidenceList::open-link:
   * @link_uuid: the link to show
   *
   * A document was picked to be shown in the preview.
   */
  signals[OPEN_LINK] = g_signal_new ("open-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * EscEvidenceList::changed:
   *
   * Documents were attached, unlinked, renamed or edited.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EscEvidenceList::toast:
   * @text: a short note for the user, e.g. how many files were attached
   *
   * Work in the background finished; whoever shows the list shows the text briefly.
   */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * EscEvidenceList::show-uri:
   * @uri: the extracted copy of a document
   *
   * "Open with the default viewer" extracted the document; the default handler launches
   * the desktop's viewer. A handler that stops the emission keeps the viewer closed.
   */
  signals[SHOW_URI] = g_signal_new_class_handler ("show-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  G_CALLBACK (real_show_uri), NULL, NULL, NULL,
                                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/esc-evidence-list.ui");
  gtk_widget_class_bind_template_child (widget_class, EscEvidenceList, list_box);
  gtk_widget_class_bind_template_child (widget_class, EscEvidenceList, attach_button);
  gtk_widget_class_bind_template_child (widget_class, EscEvidenceList, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, EscEvidenceList, progress_box);
  gtk_widget_class_bind_template_child (widget_class, EscEvidenceList, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EscEvidenceList, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
esc_evidence_list_init (EscEvidenceList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->drop_targets = g_ptr_array_new_with_free_func (g_object_unref);
  self->drop_target = new_drop_target (self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), FALSE);
}

GtkWidget *
esc_evidence_list_new (void)
{
  return g_object_new (ESC_TYPE_EVIDENCE_LIST, NULL);
}

void
esc_evidence_list_set_item (EscEvidenceList *self,
                            EscStore        *store,
                            const char      *assessment_uuid,
                            const char      *item_code)
{
  g_return_if_fail (ESC_IS_EVIDENCE_LIST (self));
  g_return_if_fail (store == NULL || ESC_IS_STORE (store));

  g_set_object (&self->store, store);
  g_free (self->assessment_uuid);
  self->assessment_uuid = g_strdup (assessment_uuid);
  g_free (self->item_code);
  self->item_code = g_strdup (item_code);
  esc_evidence_list_reload (self);
}

GtkDropTarget *
esc_evidence_list_get_drop_target (EscEvidenceList *self)
{
  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), NULL);

  return self->drop_target;
}

guint
esc_evidence_list_get_n_links (EscEvidenceList *self)
{
  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), 0);

  return self->links != NULL ? self->links->len : 0;
}

const EscLink *
esc_evidence_list_get_link (EscEvidenceList *self,
                            guint            index)
{
  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), NULL);
  g_return_val_if_fail (self->links != NULL && index < self->links->len, NULL);

  return g_ptr_array_index (self->links, index);
}

gboolean
esc_evidence_list_is_busy (EscEvidenceList *self)
{
  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), FALSE);

  return self->n_busy > 0;
}

const char *
esc_evidence_list_get_last_error (EscEvidenceList *self)
{
  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), NULL);

  return self->last_error;
}

const EscLink *
esc_evidence_list_lookup_link (EscEvidenceList *self,
                               const char      *link_uuid)
{
  g_return_val_if_fail (ESC_IS_EVIDENCE_LIST (self), NULL);
  g_return_val_if_fail (link_uuid != NULL, NULL);

  return find_link (self, link_uuid);
}
