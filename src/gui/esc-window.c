/* esc-window.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "esc-backup.h"
#include "esc-export-dialog.h"
#include "esc-merge-window.h"
#include "esc-province-view.h"
#include "esc-restore-dialog.h"
#include "esc-thai.h"
#include "esc-window.h"

#define MAX_RECENT 8
/* How often an open workspace is looked at for other connections' commits. */
#define POLL_SECONDS 2

/* The main window: welcome page, the workspace's local governments, an assessment. */
struct _EscWindow
{
  AdwApplicationWindow    parent_instance;

  AdwToastOverlay        *toast_overlay;
  GtkButton              *back_button;
  GtkButton              *jump_button;
  AdwWindowTitle         *window_title;
  GtkStack               *stack;
  GtkSpinner             *spinner;
  GtkRevealer            *read_only_revealer;
  GtkWidget              *view_switcher;
  EscProvinceView        *province_view;
  EscWelcomePage         *welcome_page;
  EscWorkspaceView       *workspace_view;
  EscAssessmentView      *assessment_view;

  GSettings              *settings;
  EscWorkspace           *workspace;
  GCancellable           *cancellable;
  EscNewAssessmentDialog *new_dialog;
  GtkNativeDialog        *file_chooser;
  GtkWindow              *shortcuts_window;
  char                   *error_title;
  char                   *initial_assessment;
  guint                   busy;
  gboolean                read_only;
  gint64                  data_version; /* of the workspace's connection, when last read */
  guint                   recheck_id;
  guint                   poll_id;
  guint                   welcome_id;
  gboolean                reopen_province; /* the working group's view, once read again */
  gboolean                report_first_frame;
};

G_DEFINE_FINAL_TYPE (EscWindow, esc_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (EscWindow  *self,
            const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (EscWindow  *self,
            const char *title,
            const char *body)
{
  GtkWidget *dialog;

  g_free (self->error_title);
  self->error_title = g_strdup (title);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), title, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A message for a workspace that cannot be opened: what is wrong and what to do. */
static void
show_open_error (EscWindow    *self,
                 const char   *path,
                 const GError *error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (error->domain == ESC_STORE_ERROR)
    {
      switch ((EscStoreError) error->code)
        {
        case ESC_STORE_ERROR_NOT_SQLITE:
        case ESC_STORE_ERROR_NOT_WORKSPACE:
          title = g_strdup_printf (_ ("“%s” is not an ESC workspace"), name);
          body = g_strdup (_ ("Choose a workspace file made by ESC Assessor (.esca). The file was not changed."));
          break;
        case ESC_STORE_ERROR_TOO_NEW:
          title = g_strdup_printf (_ ("“%s” was made by a newer version of ESC Assessor"), name);
          body = g_strdup (_ ("Install the newer version of ESC Assessor to open it. The file was not changed."));
          break;
        case ESC_STORE_ERROR_DAMAGED:
          title = g_strdup_printf (_ ("“%s” is damaged"), name);
          body = g_strdup (_ ("Open a backup copy of the workspace instead. The file was not changed."));
          break;
        case ESC_STORE_ERROR_BUSY:
          title = g_strdup_printf (_ ("“%s” is in use by another program"), name);
          body = g_strdup (_ ("Close the other program, then open the workspace again. The file was not changed."));
          break;
        case ESC_STORE_ERROR_READ_ONLY:
        case ESC_STORE_ERROR_FULL:
        case ESC_STORE_ERROR_IO:
        case ESC_STORE_ERROR_NOT_FOUND:
        case ESC_STORE_ERROR_AMBIGUOUS:
        case ESC_STORE_ERROR_INVALID:
        case ESC_STORE_ERROR_EXISTS:
        case ESC_STORE_ERROR_FAILED:
        default:
          break;
        }
    }

  if (title == NULL)
    {
      title = g_strdup_printf (_ ("Could not open “%s”"), name);
      /* Translators: %s is the reason given by the system */
      body = g_strdup_printf (_ ("%s\n\nThe file was not changed."), error->message);
    }

  show_error (self, title, body);
}

static void  on_lao_activated_cb (EscWindow  *self,
                                  EscLaoItem *item);
static char *find_demo (void);

/* The welcome page is made the first time it is needed, not at start, where the window
 * usually opens the last workspace. NULL once the window is disposed. */
static EscWelcomePage *
ensure_welcome_page (EscWindow *self)
{
  if (self->welcome_page == NULL && self->stack != NULL)
    {
      g_auto (GStrv)   recent = g_settings_get_strv (self->settings, "recent-workspaces");
      g_autofree char *demo = find_demo ();

      self->welcome_page = g_object_new (ESC_TYPE_WELCOME_PAGE, NULL);
      esc_welcome_page_set_recent (self->welcome_page, (const char *const *) recent);
      esc_welcome_page_set_demo (self->welcome_page, demo != NULL);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->welcome_page), "welcome");
    }

  return self->welcome_page;
}

/* The list of local governments is made the first time it is needed, not at start, where
 * the window may show an assessment. NULL once the window is disposed. */
static EscWorkspaceView *
ensure_workspace_view (EscWindow *self)
{
  if (self->workspace_view == NULL && self->stack != NULL)
    {
      self->workspace_view = g_object_new (ESC_TYPE_WORKSPACE_VIEW, NULL);
      g_signal_connect_swapped (self->workspace_view, "lao-activated", G_CALLBACK (on_lao_activated_cb), self);
      esc_workspace_view_set_workspace (self->workspace_view, self->workspace);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->workspace_view), "workspace");
    }

  return self->workspace_view;
}

/* The working group's view is made the first time it is needed, not at start, where the
 * window shows an assessment or the local governments. NULL once the window is disposed. */
static EscProvinceView *
ensure_province_view (EscWindow *self)
{
  if (self->province_view == NULL && self->stack != NULL)
    {
      self->province_view = ESC_PROVINCE_VIEW (esc_province_view_new ());
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->province_view), "province");
    }

  return self->province_view;
}

static void
set_page (EscWindow  *self,
          const char *name)
{
  gboolean assessment = g_strcmp0 (name, "assessment") == 0;
  gboolean workspace = g_strcmp0 (name, "workspace") == 0;
  gboolean province = g_strcmp0 (name, "province") == 0;
  gboolean open = self->workspace != NULL;
  gboolean view_changed = (workspace || province) &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) != 0;

  if (g_strcmp0 (name, "welcome") == 0)
    ensure_welcome_page (self);
  else if (province)
    ensure_province_view (self);
  else if (workspace)
    ensure_workspace_view (self);
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (self->view_switcher, open && (workspace || province));
  /* The working group's numbers are read again each time the view is shown. */
  if (province && open)
    esc_province_view_set_path (self->province_view, esc_workspace_get_path (self->workspace));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), assessment);
  gtk_widget_set_visible (GTK_WIDGET (self->jump_button), assessment);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-indicator", assessment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-indicator", assessment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.quick-jump", assessment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", assessment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", assessment && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-workspace", assessment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-assessment", workspace && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-laos", open && !assessment && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-workspace", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-workspace", open && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", open && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", open && self->read_only);
  gtk_revealer_set_reveal_child (self->read_only_revealer, open && self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", open && (assessment || workspace || province));

  if (g_strcmp0 (name, "loading") == 0)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);

  if (view_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
update_workspace_title (EscWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  guint            n;

  if (self->workspace == NULL)
    {
      adw_window_title_set_title (self->window_title, _ ("ESC Assessor"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  name = g_path_get_basename (esc_workspace_get_path (self->workspace));
  n = g_list_model_get_n_items (esc_workspace_get_laos (self->workspace));
  adw_window_title_set_title (self->window_title, name);
  /* Translators: the subtitle of a workspace, e.g. "217 local governments" */
  subtitle = g_strdup_printf (_ ("%u local governments"), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
remember_workspace (EscWindow  *self,
                    const char *path)
{
  g_auto (GStrv)           recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv)           updated = NULL;
  guint                    n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-workspaces", (const char *const *) updated);
  g_settings_set_string (self->settings, "last-workspace", path);
  if (self->welcome_page != NULL)
    esc_welcome_page_set_recent (self->welcome_page, (const char *const *) updated);
}

static void
set_inputs_sensitive (EscWindow *self,
                      gboolean   sensitive)
{
  esc_indicator_page_set_editable (esc_assessment_view_get_page (self->assessment_view), sensitive);
}

typedef struct
{
  EscWindow *window;
  char      *path;
} OpenData;

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  OpenData                *data = user_data;
  g_autoptr (EscWindow)    self = data->window;
  g_autofree char         *path = data->path;
  g_autoptr (EscWorkspace) workspace = NULL;
  g_autoptr (GError)       error = NULL;
  g_autofree char         *author = NULL;

  g_free (data);
  self->busy--;

  workspace = esc_workspace_open_finish (result, &error);
  if (workspace == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_open_error (self, path, error);
      self->reopen_province = FALSE;
      set_page (self, self->workspace != NULL ? "workspace" : "welcome");
      return;
    }

  esc_assessment_view_unload (self->assessment_view);
  g_set_object (&self->workspace, workspace);
  /* A file or folder that cannot be written opens read-only (the store decides). */
  self->read_only = esc_store_is_read_only (esc_workspace_get_store (workspace));
  self->data_version = 0;
  esc_store_get_data_version (esc_workspace_get_store (workspace), &self->data_version, NULL);
  set_inputs_sensitive (self, !self->read_only);
  author = g_settings_get_string (self->settings, "assessor-name");
  esc_workspace_set_author (workspace, author);
  if (self->workspace_view != NULL)
    esc_workspace_view_set_workspace (self->workspace_view, workspace);
  remember_workspace (self, path);
  update_workspace_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);

  if (self->initial_assessment != NULL)
    {
      g_autofree char *uuid = g_steal_pointer (&self->initial_assessment);

      esc_window_open_assessment (self, uuid);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "assessment") == 0)
        return;
    }

  if (self->reopen_province)
    {
      self->reopen_province = FALSE;
      set_page (self, "province");
      return;
    }

  set_page (self, "workspace");
  esc_workspace_view_focus_search (self->workspace_view);
}

/* Opens a workspace in a worker; with create, a missing file is made with the shipped
 * framework and local governments. A file that cannot be opened is left untouched. */
void
esc_window_open_path (EscWindow  *self,
                      const char *path,
                      gboolean    create)
{
  OpenData *data;

  g_return_if_fail (ESC_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  esc_assessment_view_flush (self->assessment_view);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->path = g_strdup (path);
  self->busy++;
  set_page (self, "loading");
  esc_workspace_open_async (path, create, self->cancellable, open_cb, data);
}

/* The last workspace, or the default one, created on first run. */
void
esc_window_open_default (EscWindow *self)
{
  g_autofree char *last = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ESC_IS_WINDOW (self));

  last = g_settings_get_string (self->settings, "last-workspace");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      esc_window_open_path (self, last, FALSE);
      return;
    }

  path = esc_workspace_default_path ();
  esc_window_open_path (self, path, TRUE);
}

void
esc_window_show_welcome (EscWindow *self)
{
  g_return_if_fail (ESC_IS_WINDOW (self));

  esc_assessment_view_flush (self->assessment_view);
  esc_assessment_view_unload (self->assessment_view);
  if (self->workspace_view != NULL)
    esc_workspace_view_set_workspace (self->workspace_view, NULL);
  if (self->workspace != NULL)
    {
      g_clear_object (&self->workspace);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
    }
  self->read_only = FALSE;
  set_inputs_sensitive (self, TRUE);
  update_workspace_title (self);
  set_page (self, "welcome");
}

static void
on_status_text_cb (EscWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "assessment") == 0)
    adw_window_title_set_subtitle (self->window_title,
                                   esc_assessment_view_get_status_text (self->assessment_view));
}

static void
on_save_failed_cb (EscWindow  *self,
                   const char *message)
{
  g_autofree char *text = NULL;

  /* Translators: a change could not be written; %s says why */
  text = g_strdup_printf (_ ("The last change was not saved: %s"), message);
  show_toast (self, text);
}

/* Shows an assessment of the open workspace. */
void
esc_window_open_assessment (EscWindow  *self,
                            const char *assessment_uuid)
{
  g_autoptr (GError)   error = NULL;
  g_autofree char     *title = NULL;
  const EscAssessment *assessment;

  g_return_if_fail (ESC_IS_WINDOW (self));
  g_return_if_fail (self->workspace != NULL);

  if (!esc_assessment_view_load (self->assessment_view, self->workspace, assessment_uuid, &error))
    {
      show_error (self, _ ("Could not open the assessment"), error->message);
      return;
    }

  assessment = esc_assessment_view_get_assessment (self->assessment_view);
  /* Translators: the window title of an assessment: local government and fiscal year */
  title = g_strdup_printf (_ ("%s · FY %d"), esc_assessment_view_get_lao (self->assessment_view)->name,
                           assessment->fiscal_year);
  adw_window_title_set_title (self->window_title, title);
  set_page (self, "assessment");
  on_status_text_cb (self);
  esc_indicator_page_focus_first (esc_assessment_view_get_page (self->assessment_view));
}

typedef struct
{
  EscWindow *window;
  char      *lao_uuid;
} CreateData;

static void
create_assessment_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CreateData           *data = user_data;
  g_autoptr (EscWindow) self = data->window;
  g_autofree char      *lao_uuid = data->lao_uuid;
  g_autofree char      *uuid = NULL;
  g_autoptr (GError)    error = NULL;
  EscLaoItem           *item;

  g_free (data);
  self->busy--;

  uuid = esc_workspace_create_assessment_finish (ESC_WORKSPACE (source), result, &error);
  if (uuid == NULL)
    {
      show_error (self, _ ("Could not start the assessment"), error->message);
      return;
    }
  if (ESC_WORKSPACE (source) != self->workspace)
    return;

  item = esc_workspace_find_item (self->workspace, lao_uuid);
  if (item != NULL)
    esc_workspace_refresh_item (self->workspace, item);
  esc_window_open_assessment (self, uuid);
}

static void
on_new_dialog_start_cb (EscWindow              *self,
                        EscNewAssessmentDialog *dialog)
{
  EscLaoItem *item = g_object_get_data (G_OBJECT (dialog), "esc-lao-item");
  const char *assessor = gtk_editable_get_text (esc_new_assessment_dialog_get_assessor (dialog));
  CreateData *data;

  if (item == NULL || self->workspace == NULL)
    return;

  g_settings_set_string (self->settings, "assessor-name", assessor);
  esc_workspace_set_author (self->workspace, assessor);

  data = g_new0 (CreateData, 1);
  data->window = g_object_ref (self);
  data->lao_uuid = g_strdup (esc_lao_item_get_lao (item)->uuid);
  self->busy++;
  esc_workspace_create_assessment_async (self->workspace, data->lao_uuid,
                                         esc_new_assessment_dialog_get_year (dialog),
                                         esc_new_assessment_dialog_get_kind (dialog),
                                         assessor, self->cancellable,
                                         create_assessment_cb, data);
}

static void
show_new_assessment_dialog (EscWindow  *self,
                            EscLaoItem *item)
{
  g_autoptr (GDateTime)   now = g_date_time_new_now_local ();
  EscNewAssessmentDialog *dialog;

  dialog = esc_new_assessment_dialog_new (GTK_WINDOW (self), esc_lao_item_get_name (item));
  g_object_set_data_full (G_OBJECT (dialog), "esc-lao-item", g_object_ref (item), g_object_unref);
  esc_new_assessment_dialog_set_year (dialog, esc_thai_fiscal_year (now));
  /* The assessor's name is remembered between assessments. */
  g_settings_bind (self->settings, "assessor-name",
                   esc_new_assessment_dialog_get_assessor (dialog), "text",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_signal_connect_object (dialog, "start", G_CALLBACK (on_new_dialog_start_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->new_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_lao_activated_cb (EscWindow  *self,
                     EscLaoItem *item)
{
  if (esc_lao_item_get_assessment (item) != NULL)
    esc_window_open_assessment (self, esc_lao_item_get_assessment (item));
  else if (self->read_only)
    show_toast (self, _ ("The workspace is read-only: no assessment can be started in it"));
  else
    show_new_assessment_dialog (self, item);
}

static void
new_assessment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EscWindow  *self = ESC_WINDOW (widget);
  EscLaoItem *item = esc_workspace_view_get_selected (ensure_workspace_view (self));

  if (item == NULL)
    {
      show_toast (self, _ ("Choose a local government in the list first"));
      return;
    }

  show_new_assessment_dialog (self, item);
}

static void
show_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EscWindow           *self = ESC_WINDOW (widget);
  const EscAssessment *assessment;

  if (self->workspace == NULL)
    return;

  assessment = esc_assessment_view_get_assessment (self->assessment_view);
  esc_assessment_view_flush (self->assessment_view);
  if (assessment != NULL)
    {
      EscLaoItem *item = esc_workspace_find_item (self->workspace, assessment->lao_uuid);

      if (item != NULL)
        esc_workspace_refresh_item (self->workspace, item);
    }
  esc_assessment_view_unload (self->assessment_view);
  update_workspace_title (self);
  set_page (self, "workspace");
}

static void
navigate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EscWindow *self = ESC_WINDOW (widget);

  if (g_str_equal (action_name, "win.previous-indicator"))
    esc_assessment_view_go_previous (self->assessment_view);
  else if (g_str_equal (action_name, "win.next-indicator"))
    esc_assessment_view_go_next (self->assessment_view);
  else if (g_str_equal (action_name, "win.quick-jump"))
    esc_assessment_view_quick_jump (self->assessment_view);
  else if (g_str_equal (action_name, "win.search"))
    esc_assessment_view_start_search (self->assessment_view);
  else if (g_str_equal (action_name, "win.undo"))
    {
      if (!esc_assessment_view_undo (self->assessment_view))
        show_toast (self, _ ("Nothing to undo"));
    }
}

static void
close_workspace_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  esc_window_show_welcome (ESC_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  esc_window_open_path (ESC_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

typedef struct
{
  EscWindow *window;
  char      *path;
} CopyData;

/* The shipped demo workspace: $ESC_DEMO_WORKSPACE (set by `make run` to the one built in
 * the build tree), else the installed one. */
static char *
find_demo (void)
{
  const char *env = g_getenv ("ESC_DEMO_WORKSPACE");

  if (env != NULL && env[0] != '\0' && g_file_test (env, G_FILE_TEST_IS_REGULAR))
    return g_strdup (env);

  return esc_workspace_find_data_file ("demo/demo.esca");
}

static void
demo_copied_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CopyData             *data = user_data;
  g_autoptr (EscWindow) self = data->window;
  g_autofree char      *path = data->path;
  g_autoptr (GError)    error = NULL;

  g_free (data);
  self->busy--;
  if (!g_file_copy_finish (G_FILE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _ ("The demo workspace could not be opened"), error->message);
      set_page (self, self->workspace != NULL ? "workspace" : "welcome");
      return;
    }

  esc_window_open_path (self, path, FALSE);
}

/* The demo is opened from a copy in the user's folder, so that it can be tried out
 * (the shipped file is read-only once installed) and stays as left between runs. */
static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EscWindow        *self = ESC_WINDOW (widget);
  g_autofree char  *demo = find_demo ();
  g_autofree char  *dir = g_build_filename (g_get_user_data_dir (), "esc-assessor", NULL);
  g_autofree char  *copy = g_build_filename (dir, "demo.esca", NULL);
  g_autoptr (GFile) from = NULL;
  g_autoptr (GFile) to = NULL;
  CopyData         *data;

  if (demo == NULL)
    return;

  if (g_file_test (copy, G_FILE_TEST_EXISTS))
    {
      esc_window_open_path (self, copy, FALSE);
      return;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      show_error (self, _ ("The demo workspace could not be opened"), g_strerror (saved_errno));
      return;
    }

  from = g_file_new_for_path (demo);
  to = g_file_new_for_path (copy);
  data = g_new0 (CopyData, 1);
  data->window = g_object_ref (self);
  data->path = g_steal_pointer (&copy);
  self->busy++;
  set_page (self, "loading");
  g_file_copy_async (from, to, G_FILE_COPY_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                     NULL, NULL, demo_copied_cb, data);
}

/* Reads the workspace again by reopening it; the assessment or the working group's view
 * shown stays. */
static void
reload_workspace (EscWindow *self)
{
  const EscAssessment *assessment = esc_assessment_view_get_assessment (self->assessment_view);
  g_autofree char     *path = NULL;

  if (self->workspace == NULL)
    return;

  path = g_strdup (esc_workspace_get_path (self->workspace));
  if (assessment != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "assessment") == 0)
    esc_window_set_initial_assessment (self, assessment->uuid);
  self->reopen_province = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "province") == 0;
  esc_window_open_path (self, path, FALSE);
}

static void
on_merged_cb (EscWindow      *self,
              EscMergeWindow *merge_window)
{
  reload_workspace (self);
}

/* Another window or program may change the file while this window is in the background
 * (two assessors' windows on one laptop, esc-cli, a second copy of the application). What
 * this window wrote is committed when it loses the focus; when it gets the focus back and
 * another connection committed meanwhile, the window reads the file again, so it never
 * shows (and a later edit never starts from) a stale value. */
static void
check_for_changes (EscWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gint64      version = 0;

  if (self->workspace == NULL || self->busy > 0 ||
      !esc_store_get_data_version (esc_workspace_get_store (self->workspace), &version, NULL) ||
      version == self->data_version)
    return;

  self->data_version = version;
  /* This window's own writers (a worker, a dialog) also count as other connections: an
   * assessment is read again only when what the file holds differs from what is shown,
   * which keeps its undo history. */
  if (g_strcmp0 (page, "assessment") == 0)
    {
      esc_assessment_view_flush (self->assessment_view);
      if (!esc_assessment_view_is_stale (self->assessment_view))
        return;
    }
  else if (g_strcmp0 (page, "province") == 0)
    {
      esc_province_view_reload (ensure_province_view (self));
      return;
    }
  else if (g_strcmp0 (page, "workspace") != 0)
    return;

  reload_workspace (self);
}

static void
recheck_cb (gpointer user_data)
{
  EscWindow *self = user_data;

  self->recheck_id = 0;
  if (gtk_window_is_active (GTK_WINDOW (self)))
    check_for_changes (self);
}

/* Whether reading the file again now would lose or disturb work in this window: a change
 * not written yet, a note or a score being typed, evidence or a review being saved. */
static gboolean
is_working (EscWindow *self)
{
  EscIndicatorPage *page = esc_assessment_view_get_page (self->assessment_view);
  GtkWidget        *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget        *spin = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) : NULL;

  if (self->busy > 0 || esc_workspace_get_n_pending (self->workspace) > 0 ||
      esc_indicator_page_has_unsaved_note (page) ||
      esc_review_panel_is_busy (esc_indicator_page_get_review_panel (page)) ||
      esc_evidence_list_is_busy (esc_assessment_view_get_evidence_list (self->assessment_view)))
    return TRUE;

  /* A score typed but not entered yet: its text is not the value shown. An empty field
   * is a score not entered (see EscScoreRow). */
  if (spin != NULL)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
      char       *end = NULL;
      double      typed = g_ascii_strtod (text, &end);

      if (text[0] != '\0' &&
          (end == text || *end != '\0' || typed != gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin))))
        return TRUE;
    }

  return FALSE;
}

/* A window in sight but not focused (beside another on the screen) shows what the file
 * holds too: every POLL_SECONDS it asks for the data version, one tiny pragma, and reads
 * the file again only when another connection committed and nothing is being typed. */
static gboolean
poll_cb (gpointer user_data)
{
  EscWindow *self = user_data;

  if (self->workspace != NULL && !is_working (self))
    check_for_changes (self);

  return G_SOURCE_CONTINUE;
}

static void
esc_window_map (GtkWidget *widget)
{
  EscWindow *self = ESC_WINDOW (widget);

  GTK_WIDGET_CLASS (esc_window_parent_class)->map (widget);
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
}

static void
esc_window_unmap (GtkWidget *widget)
{
  EscWindow *self = ESC_WINDOW (widget);

  /* A hidden window is read again when it is shown and focused. */
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->welcome_id, g_source_remove);
  GTK_WIDGET_CLASS (esc_window_parent_class)->unmap (widget);
}

static void
on_is_active_cb (EscWindow *self)
{
  gint64 version = 0;

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->workspace == NULL || self->busy > 0)
    return;

  if (!gtk_window_is_active (GTK_WINDOW (self)))
    {
      esc_assessment_view_flush (self->assessment_view);
      if (esc_store_get_data_version (esc_workspace_get_store (self->workspace), &version, NULL))
        self->data_version = version;
      return;
    }

  /* The window that lost the focus may still be writing its last change: look again soon. */
  check_for_changes (self);
  self->recheck_id = g_timeout_add_once (1000, recheck_cb, self);
}

static void
merge_workspace_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EscWindow       *self = ESC_WINDOW (widget);
  EscMergeWindow  *merge_window;
  g_autofree char *author = NULL;

  if (self->workspace == NULL)
    return;

  /* Every change made here is written before the other files come in. */
  esc_assessment_view_flush (self->assessment_view);
  author = g_settings_get_string (self->settings, "assessor-name");
  merge_window = esc_merge_window_new (GTK_WINDOW (self), esc_workspace_get_store (self->workspace), author);
  g_signal_connect_object (merge_window, "merged", G_CALLBACK (on_merged_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (merge_window));
  esc_merge_window_choose (merge_window);
}

/* In an assessment, its SAR workbook; in the list of local governments and in the working
 * group's view, the province workbook of the current fiscal year. The dialog reads its own
 * snapshot of the file. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EscWindow           *self = ESC_WINDOW (widget);
  const EscAssessment *assessment = NULL;
  const char          *lao_name = NULL;
  EscExportDialog     *dialog;
  int                  year;

  if (self->workspace == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "assessment") == 0)
    {
      assessment = esc_assessment_view_get_assessment (self->assessment_view);
      lao_name = esc_assessment_view_get_lao (self->assessment_view)->name;
    }

  if (assessment != NULL)
    year = assessment->fiscal_year;
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      year = esc_thai_fiscal_year (now);
    }

  /* What is being typed goes into the workbook too. */
  esc_assessment_view_flush (self->assessment_view);
  dialog = esc_export_dialog_new (GTK_WINDOW (self), esc_workspace_get_path (self->workspace),
                                  assessment != NULL ? assessment->uuid : NULL, year, lao_name);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The backup is in place: the workspace is read again, the assessment shown stays open. */
static void
on_restored_cb (EscWindow        *self,
                const char       *safety_path,
                EscRestoreDialog *dialog)
{
  reload_workspace (self);
  show_toast (self, _ ("The backup was restored; the replaced content was kept as a backup"));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EscWindow        *self = ESC_WINDOW (widget);
  EscRestoreDialog *dialog;

  if (self->workspace == NULL || self->read_only)
    return;

  /* Every change made here is written first, so the backup of what is replaced holds it. */
  esc_assessment_view_flush (self->assessment_view);
  dialog = esc_restore_dialog_new (GTK_WINDOW (self), esc_workspace_get_path (self->workspace));
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef enum
{
  CHOOSE_OPEN,
  CHOOSE_NEW,
  CHOOSE_IMPORT,
  CHOOSE_COPY,
} ChooseKind;

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (EscWindow) self = user_data;
  g_autoptr (GError)    error = NULL;
  g_autofree char      *text = NULL;
  guint                 n_added = 0;
  guint                 n_updated = 0;

  self->busy--;
  if (!esc_workspace_import_csv_finish (ESC_WORKSPACE (source), result, &n_added, &n_updated, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _ ("The list was not imported"), error->message);
      return;
    }

  if (ESC_WORKSPACE (source) == self->workspace)
    {
      if (self->workspace_view != NULL)
        {
          esc_workspace_view_set_workspace (self->workspace_view, NULL);
          esc_workspace_view_set_workspace (self->workspace_view, self->workspace);
        }
      update_workspace_title (self);
    }
  /* Translators: after a CSV import, e.g. "12 local governments added, 3 updated" */
  text = g_strdup_printf (_ ("%u local governments added, %u updated"), n_added, n_updated);
  show_toast (self, text);
}

static void
copy_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CopyData             *data = user_data;
  g_autoptr (EscWindow) self = data->window;
  g_autofree char      *path = data->path;
  g_autoptr (GError)    error = NULL;

  g_free (data);
  self->busy--;
  if (!esc_backup_save_copy_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _ ("The copy was not saved"), error->message);
      return;
    }

  /* The copy is writable: work goes on there. */
  esc_window_open_path (self, path, FALSE);
}

/* The workspace with every committed change (also those still in its -wal, which a copy
 * of the file alone would lose), copied by SQLite's online backup in a worker with its own
 * connection to a new file that is then opened; an existing file is never replaced. */
void
esc_window_save_copy (EscWindow  *self,
                      const char *path)
{
  CopyData *data;

  g_return_if_fail (ESC_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->workspace == NULL)
    return;

  /* What is being typed goes into the copy too. */
  esc_assessment_view_flush (self->assessment_view);
  data = g_new0 (CopyData, 1);
  data->window = g_object_ref (self);
  data->path = g_strdup (path);
  self->busy++;
  esc_backup_save_copy_async (esc_workspace_get_path (self->workspace), path, self->cancellable,
                              copy_cb, data);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        EscWindow       *self)
{
  ChooseKind        kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "esc-kind"));
  g_autoptr (GFile) file = NULL;
  g_autofree char  *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }

  if (path != NULL)
    {
      switch (kind)
        {
        case CHOOSE_OPEN:
          esc_window_open_path (self, path, FALSE);
          break;
        case CHOOSE_NEW:
          if (!g_str_has_suffix (path, ".esca"))
            {
              char *with_suffix = g_strconcat (path, ".esca", NULL);

              g_free (path);
              path = with_suffix;
            }
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            {
              g_autofree char *name = g_path_get_basename (path);
              g_autofree char *title = g_strdup_printf (_ ("“%s” already exists"), name);

              show_error (self, title, _ ("Choose another name: a new workspace never replaces a file."));
            }
          else
            esc_window_open_path (self, path, TRUE);
          break;
        case CHOOSE_COPY:
          if (!g_str_has_suffix (path, ".esca"))
            {
              char *with_suffix = g_strconcat (path, ".esca", NULL);

              g_free (path);
              path = with_suffix;
            }
          esc_window_save_copy (self, path);
          break;
        case CHOOSE_IMPORT:
          if (self->workspace != NULL)
            {
              self->busy++;
              esc_workspace_import_csv_async (self->workspace, path, self->cancellable,
                                              import_cb, g_object_ref (self));
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (self->file_chooser == chooser)
    g_clear_object (&self->file_chooser);
}

static void
choose_file (EscWindow *self,
             ChooseKind kind)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter        *filter;
  const char           *title;
  GtkFileChooserAction  action = GTK_FILE_CHOOSER_ACTION_OPEN;
  const char           *accept = _ ("_Open");

  filter = gtk_file_filter_new ();
  if (kind == CHOOSE_IMPORT)
    {
      title = _ ("Import Local Governments");
      accept = _ ("_Import");
      gtk_file_filter_set_name (filter, _ ("Local-government lists (CSV)"));
      gtk_file_filter_add_pattern (filter, "*.csv");
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }
  else
    {
      title = kind == CHOOSE_NEW ? _ ("New Workspace") : _ ("Open Workspace");
      if (kind == CHOOSE_NEW)
        {
          action = GTK_FILE_CHOOSER_ACTION_SAVE;
          accept = _ ("_Create");
        }
      else if (kind == CHOOSE_COPY)
        {
          title = _ ("Save a Copy of the Workspace");
          action = GTK_FILE_CHOOSER_ACTION_SAVE;
          accept = _ ("_Save");
        }
      gtk_file_filter_set_name (filter, _ ("ESC workspaces"));
      gtk_file_filter_add_pattern (filter, "*.esca");
      gtk_file_filter_add_mime_type (filter, "application/x-esc-assessment");
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (kind == CHOOSE_NEW)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("workspace.esca"));
  if (kind == CHOOSE_COPY && self->workspace != NULL)
    {
      g_autofree char *base = g_path_get_basename (esc_workspace_get_path (self->workspace));
      g_autofree char *stem = g_strndup (base, g_str_has_suffix (base, ".esca") ? strlen (base) - 5 : strlen (base));
      /* Translators: the file name offered for a copy; %s is the original's name */
      g_autofree char *name = g_strdup_printf (_ ("%s (copy).esca"), stem);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data (G_OBJECT (chooser), "esc-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);

  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EscWindow *self = ESC_WINDOW (widget);

  if (g_str_equal (action_name, "win.open-workspace"))
    choose_file (self, CHOOSE_OPEN);
  else if (g_str_equal (action_name, "win.new-workspace"))
    choose_file (self, CHOOSE_NEW);
  else if (g_str_equal (action_name, "win.save-copy"))
    choose_file (self, CHOOSE_COPY);
  else
    choose_file (self, CHOOSE_IMPORT);
}

static gboolean
esc_window_close_request (GtkWindow *window)
{
  EscWindow *self = ESC_WINDOW (window);
  int        width, height;

  /* What is being typed is committed and every change written before closing. */
  esc_assessment_view_flush (self->assessment_view);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (esc_window_parent_class)->close_request (window);
}

/* The keyboard shortcuts window, made when first asked for, not with every window. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EscWindow *self = ESC_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/esc-shortcuts-window.ui");
      GtkWindow             *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

      gtk_window_set_transient_for (window, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (window, TRUE);
      gtk_window_set_hide_on_close (window, TRUE);
      g_set_weak_pointer (&self->shortcuts_window, window);
    }

  gtk_window_present (self->shortcuts_window);
}

static void
esc_window_dispose (GObject *object)
{
  EscWindow *self = ESC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->file_chooser);
  g_clear_weak_pointer (&self->new_dialog);
  g_clear_weak_pointer (&self->shortcuts_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_WINDOW);
  self->province_view = NULL; /* these went with the stack */
  self->workspace_view = NULL;
  self->welcome_page = NULL;
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (esc_window_parent_class)->dispose (object);
}

static void
esc_window_finalize (GObject *object)
{
  EscWindow *self = ESC_WINDOW (object);

  g_free (self->error_title);
  g_free (self->initial_assessment);

  G_OBJECT_CLASS (esc_window_parent_class)->finalize (object);
}

static void
esc_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EscWindow *self = ESC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->stack != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "province") == 0
                                   ? "province"
                                   : "workspace");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EscWindow  *self = ESC_WINDOW (object);
  const char *view;

  switch (prop_id)
    {
    case PROP_VIEW:
      view = g_value_get_string (value);
      if (self->workspace == NULL || (g_strcmp0 (view, "workspace") != 0 && g_strcmp0 (view, "province") != 0))
        break;
      if (g_strcmp0 (view, "workspace") == 0)
        update_workspace_title (self);
      set_page (self, view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_window_class_init (EscWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = esc_window_dispose;
  object_class->finalize = esc_window_finalize;
  object_class->get_property = esc_window_get_property;
  object_class->set_property = esc_window_set_property;
  window_class->close_request = esc_window_close_request;
  widget_class->map = esc_window_map;
  widget_class->unmap = esc_window_unmap;

  properties[PROP_WORKSPACE] = g_param_spec_object ("workspace", NULL, NULL, ESC_TYPE_WORKSPACE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "workspace" (the local governments) or "province" (the working group), for win.view. */
  properties[PROP_VIEW] = g_param_spec_string ("view", NULL, NULL, "workspace",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ESC_TYPE_ASSESSMENT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EscWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, jump_button);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, EscWindow, assessment_view);
  gtk_widget_class_bind_template_callback (widget_class, on_status_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_failed_cb);

  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "win.import-laos", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.close-workspace", NULL, close_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.merge-workspace", NULL, merge_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.show-workspace", NULL, show_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, choose_action);
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");
  gtk_widget_class_install_action (widget_class, "win.new-assessment", NULL, new_assessment_action);
  gtk_widget_class_install_action (widget_class, "win.previous-indicator", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "win.next-indicator", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "win.quick-jump", NULL, navigate_action);
  /* Ctrl+F wherever the focus is in the window, while an assessment is open. */
  gtk_widget_class_install_action (widget_class, "win.search", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, navigate_action);
}

static gboolean
show_welcome_cb (gpointer data)
{
  EscWindow *self = data;

  self->welcome_id = 0;
  if (self->busy == 0 && self->workspace == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    set_page (self, "welcome");

  return G_SOURCE_REMOVE;
}

static void
esc_window_init (EscWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_cb), NULL);

  /* A new window shows the welcome page unless it is given something to open at once
   * (as a start is), which the welcome page would only be built for. */
  set_page (self, "loading");
  self->welcome_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_welcome_cb, self, NULL);
}

EscWindow *
esc_window_new (AdwApplication *application)
{
  return g_object_new (ESC_TYPE_WINDOW, "application", application, NULL);
}

EscWorkspace *
esc_window_get_workspace (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return self->workspace;
}

const char *
esc_window_get_page_name (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

EscWelcomePage *
esc_window_get_welcome_page (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return ensure_welcome_page (self);
}

EscWorkspaceView *
esc_window_get_workspace_view (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return ensure_workspace_view (self);
}

EscProvinceView *
esc_window_get_province_view (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return ensure_province_view (self);
}

EscAssessmentView *
esc_window_get_assessment_view (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return self->assessment_view;
}

/* The open "New Assessment" dialog, or NULL. */
EscNewAssessmentDialog *
esc_window_get_new_assessment_dialog (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return self->new_dialog;
}

const char *
esc_window_get_subtitle (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return adw_window_title_get_subtitle (self->window_title);
}

/* The title of the last error message shown, for tests. */
const char *
esc_window_get_error_title (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), NULL);

  return self->error_title;
}

/* Whether the open workspace is read-only (its banner shown, its inputs insensitive). */
gboolean
esc_window_is_read_only (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), FALSE);

  return self->read_only;
}

/* Whether a workspace is being opened or an assessment created. */
gboolean
esc_window_is_busy (EscWindow *self)
{
  g_return_val_if_fail (ESC_IS_WINDOW (self), FALSE);

  return self->busy > 0;
}

/* The assessment to show once the workspace being opened is loaded. */
void
esc_window_set_initial_assessment (EscWindow  *self,
                                   const char *assessment_uuid)
{
  g_return_if_fail (ESC_IS_WINDOW (self));

  g_free (self->initial_assessment);
  self->initial_assessment = g_strdup (assessment_uuid);
}

static void
after_paint_cb (GdkFrameClock *clock,
                EscWindow     *self)
{
  /* Not while the workspace, or the assessment asked for, is still being opened. */
  if (!self->report_first_frame || self->busy > 0 || self->initial_assessment != NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    return;

  /* The first frame of the view a start shows is on screen (used by bench-window). */
  self->report_first_frame = FALSE;
  g_print ("first-frame\n");
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
on_realize_cb (EscWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (after_paint_cb), self, 0);
}

/* Prints "first-frame" and quits once the view the window opens on has been drawn. */
void
esc_window_set_report_first_frame (EscWindow *self,
                                   gboolean   report)
{
  g_return_if_fail (ESC_IS_WINDOW (self));

  self->report_first_frame = report;
  if (report)
    {
      if (gtk_widget_get_realized (GTK_WIDGET (self)))
        on_realize_cb (self);
      else
        g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
    }
}
