/* esc-province-view.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province working group's page: the dashboard, the local governments behind the
 * number clicked, and each local government's participation in the chosen year.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "esc-province-view.h"
#include "esc-report.h"
#include "esc-thai.h"

#define N_STATUS_CHOICES (ESC_PARTICIPATION_RESULT + 4)

struct _EscProvinceView
{
  GtkBox                parent_instance;

  GtkDropDown          *plan_dropdown;
  GtkButton            *print_button;
  GtkLabel             *error_label;
  EscProvinceDashboard *dashboard;
  GtkLabel             *behind_title;
  GtkListBox           *behind_list;
  GtkLabel             *participation_title;
  GtkListBox           *participation_list;

  char                 *path;
  char                 *plan_uuid;
  GPtrArray            *plans;          /* EscPlan *: "" last, the yearly targets */
  GPtrArray            *participations; /* EscParticipation *, every year */
  GCancellable         *cancellable;
  guint                 n_busy;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (EscProvinceView, esc_province_view, GTK_TYPE_BOX)

static void reload (EscProvinceView *self);

static int
current_fiscal_year (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return esc_thai_fiscal_year (now);
}

static void
show_error (EscProvinceView *self,
            const GError    *error)
{
  if (error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_label_set_text (self->error_label, "");
      return;
    }
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
busy_begin (EscProvinceView *self)
{
  self->n_busy++;
  g_object_ref (self);
}

static void
busy_end (EscProvinceView *self)
{
  self->n_busy--;
  g_object_unref (self);
}

static char *
status_choice_label (guint index)
{
  if (index < ESC_PARTICIPATION_RESULT)
    return g_strdup (esc_participation_status_get_label (index));
  return g_strdup_printf ("%s: %s", esc_participation_status_get_label (ESC_PARTICIPATION_RESULT),
                          esc_participation_result_get_label (index - ESC_PARTICIPATION_RESULT + 1));
}

static guint
status_choice_index (const EscParticipation *p)
{
  if (p->status == ESC_PARTICIPATION_RESULT)
    return ESC_PARTICIPATION_RESULT + MAX (p->result, 1) - 1;
  return p->status;
}

/* Loading */

typedef struct
{
  char            *path;
  char            *plan_uuid;
  GPtrArray       *plans;
  GPtrArray       *participations;
  EscPlanProgress *progress;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job->plan_uuid);
  g_clear_pointer (&job->plans, g_ptr_array_unref);
  g_clear_pointer (&job->participations, g_ptr_array_unref);
  g_clear_pointer (&job->progress, esc_plan_progress_free);
  g_free (job);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob              *job = task_data;
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) targets = NULL;
  g_autoptr (GError)    error = NULL;
  EscPlan              *plan = NULL;

  store = esc_store_open (job->path, ESC_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->plans = esc_store_list_plans (store, &error);
  if (job->plans == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The yearly targets of this fiscal year come last, as a plan of one year. */
  g_ptr_array_add (job->plans, esc_plan_new (_ ("Yearly targets"), current_fiscal_year (), 1));

  for (guint i = 0; i < job->plans->len && plan == NULL; i++)
    if (g_strcmp0 (((EscPlan *) job->plans->pdata[i])->uuid, job->plan_uuid) == 0)
      plan = g_ptr_array_index (job->plans, i);
  if (plan == NULL)
    plan = g_ptr_array_index (job->plans, 0);
  g_free (job->plan_uuid);
  job->plan_uuid = g_strdup (plan->uuid);

  targets = esc_store_list_targets (store, plan->uuid, &error);
  if (targets == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->participations = esc_store_list_participation (store, 0, &error);
  if (job->participations == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->progress = esc_plan_progress_compute (plan, targets, job->participations);

  g_task_return_boolean (task, TRUE);
}

static void
fill_behind (EscProvinceView *self,
             int              fiscal_year,
             const char      *district)
{
  EscPlanProgress       *progress = esc_province_dashboard_get_progress (self->dashboard);
  const EscProgressCell *cell = progress ? esc_plan_progress_get_cell (progress, fiscal_year, district) : NULL;
  g_autofree char       *title = NULL;
  GtkWidget             *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->behind_list))) != NULL)
    gtk_list_box_remove (self->behind_list, child);

  if (cell == NULL)
    return;

  if (cell->target >= 0)
    title = g_strdup_printf (_ ("FY %d, %s: %d taking part against a target of %d"), fiscal_year,
                             district && district[0] ? district : _ ("whole province"),
                             cell->actual, cell->target);
  else
    title = g_strdup_printf (_ ("FY %d, %s: %d taking part, no target"), fiscal_year,
                             district && district[0] ? district : _ ("whole province"), cell->actual);
  gtk_label_set_text (self->behind_title, title);

  for (guint i = 0; i < cell->laos->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (cell->laos, i));
      gtk_list_box_append (self->behind_list, row);
    }
  if (cell->laos->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("None yet"));
      gtk_list_box_append (self->behind_list, row);
    }
}

static void status_changed_cb (GtkDropDown     *dropdown,
                               GParamSpec      *pspec,
                               EscProvinceView *self);
static void print_lao_cb (GtkButton       *button,
                          EscProvinceView *self);

static int
compare_participation_names (gconstpointer a,
                             gconstpointer b)
{
  const EscParticipation *pa = *(EscParticipation *const *) a;
  const EscParticipation *pb = *(EscParticipation *const *) b;

  return g_utf8_collate (pa->lao_name ? pa->lao_name : "", pb->lao_name ? pb->lao_name : "");
}

/* Every local government the group has a record of, with its status in the year shown. */
static void
fill_participation (EscProvinceView *self)
{
  int                       year = esc_province_dashboard_get_year (self->dashboard);
  g_autoptr (GHashTable)    latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray)     rows = g_ptr_array_new ();
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char          *title = g_strdup_printf (_ ("Participation in fiscal year %d"), year);
  GtkWidget                *child;
  GHashTableIter            iter;
  gpointer                  value;

  gtk_label_set_text (self->participation_title, title);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->participation_list))) != NULL)
    gtk_list_box_remove (self->participation_list, child);
  if (self->participations == NULL)
    return;

  for (guint i = 0; i < N_STATUS_CHOICES; i++)
    {
      g_autofree char *label = status_choice_label (i);

      gtk_string_list_append (choices, label);
    }

  /* The row of the year shown, else the latest earlier one, for its name and flags. */
  for (guint i = 0; i < self->participations->len; i++)
    {
      EscParticipation *p = g_ptr_array_index (self->participations, i);
      EscParticipation *known = g_hash_table_lookup (latest, p->lao_uuid);

      if (p->fiscal_year > year)
        {
          if (known == NULL)
            g_hash_table_insert (latest, p->lao_uuid, p);
          continue;
        }
      if (known == NULL || known->fiscal_year > year || p->fiscal_year >= known->fiscal_year)
        g_hash_table_insert (latest, p->lao_uuid, p);
    }
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);
  g_ptr_array_sort (rows, compare_participation_names);

  self->filling = TRUE;
  for (guint i = 0; i < rows->len; i++)
    {
      const EscParticipation *p = g_ptr_array_index (rows, i);
      gboolean                this_year = p->fiscal_year == year;
      GtkWidget              *row = adw_action_row_new ();
      GtkWidget              *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      GtkWidget              *print = gtk_button_new_from_icon_name ("document-print-symbolic");
      GString                *subtitle = g_string_new (p->district);

      if (p->volunteered)
        g_string_append_printf (subtitle, " · %s", _ ("volunteered"));
      if (p->took_part_before)
        g_string_append_printf (subtitle, " · %s", _ ("took part before"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->lao_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      g_string_free (subtitle, TRUE);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  this_year ? status_choice_index (p) : ESC_PARTICIPATION_NOT_CONTACTED);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (dropdown, _ ("Participation status this fiscal year"));
      g_object_set_data_full (G_OBJECT (dropdown), "lao-uuid", g_strdup (p->lao_uuid), g_free);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (status_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);

      gtk_widget_set_valign (print, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (print, _ ("Print the one-page summary of this local government"));
      gtk_widget_add_css_class (print, "flat");
      g_object_set_data_full (G_OBJECT (print), "lao-uuid", g_strdup (p->lao_uuid), g_free);
      g_object_set_data_full (G_OBJECT (print), "lao-name", g_strdup (p->lao_name), g_free);
      g_signal_connect (print, "clicked", G_CALLBACK (print_lao_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), print);

      gtk_list_box_append (self->participation_list, row);
    }
  self->filling = FALSE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  EscProvinceView          *self = ESC_PROVINCE_VIEW (object);
  LoadJob                  *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError)        error = NULL;
  g_autoptr (GtkStringList) names = NULL;
  guint                     selected = 0;
  int                       year;

  busy_end (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_clear_pointer (&self->plans, g_ptr_array_unref);
  self->plans = g_steal_pointer (&job->plans);
  g_clear_pointer (&self->participations, g_ptr_array_unref);
  self->participations = g_steal_pointer (&job->participations);
  g_free (self->plan_uuid);
  self->plan_uuid = g_strdup (job->plan_uuid);

  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < self->plans->len; i++)
    {
      const EscPlan   *plan = g_ptr_array_index (self->plans, i);
      g_autofree char *first = g_strdup_printf ("%d", plan->first_year);
      g_autofree char *label = strstr (plan->name, first) != NULL
                                 ? g_strdup (plan->name)
                               : plan->n_years > 1
                                 ? g_strdup_printf ("%s (%d–%d)", plan->name, plan->first_year,
                                                    plan->first_year + plan->n_years - 1)
                                 : g_strdup_printf ("%s (%d)", plan->name, plan->first_year);

      gtk_string_list_append (names, label);
      if (g_strcmp0 (plan->uuid, self->plan_uuid) == 0)
        selected = i;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->plan_dropdown, selected);
  self->filling = FALSE;

  year = esc_province_dashboard_get_year (self->dashboard);
  esc_province_dashboard_set_progress (self->dashboard, g_steal_pointer (&job->progress));
  /* Open on this fiscal year when the plan covers it. */
  if (year == 0 && esc_plan_progress_get_cell (esc_province_dashboard_get_progress (self->dashboard),
                                               current_fiscal_year (), NULL) != NULL)
    esc_province_dashboard_set_year (self->dashboard, current_fiscal_year ());
  else if (year != 0 && esc_plan_progress_get_cell (esc_province_dashboard_get_progress (self->dashboard), year, NULL) != NULL)
    esc_province_dashboard_set_year (self->dashboard, year);

  fill_behind (self, esc_province_dashboard_get_year (self->dashboard), NULL);
  fill_participation (self);
}

static void
reload (EscProvinceView *self)
{
  GTask   *task;
  LoadJob *job;

  if (self->path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (self->path);
  job->plan_uuid = g_strdup (self->plan_uuid);

  busy_begin (self);
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_worker);
  g_object_unref (task);
}

/* Changing a status */

typedef struct
{
  char                  *path;
  char                  *lao_uuid;
  int                    fiscal_year;
  EscParticipationChange change;
} SetJob;

static void
set_job_free (SetJob *job)
{
  g_free (job->path);
  g_free (job->lao_uuid);
  g_free (job);
}

static void
set_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SetJob              *job = task_data;
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;

  store = esc_store_open (job->path, ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !esc_store_set_participation (store, job->lao_uuid, job->fiscal_year, &job->change, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  EscProvinceView   *self = ESC_PROVINCE_VIEW (object);
  g_autoptr (GError) error = NULL;

  busy_end (self);
  /* A refused change shows why and the list goes back to what is saved. */
  g_task_propagate_boolean (G_TASK (result), &error);
  show_error (self, error);
  reload (self);
}

void
esc_province_view_set_status (EscProvinceView *self,
                              const char      *lao_uuid,
                              guint            status_index)
{
  GTask  *task;
  SetJob *job;

  g_return_if_fail (ESC_IS_PROVINCE_VIEW (self));
  g_return_if_fail (lao_uuid != NULL);
  g_return_if_fail (status_index < N_STATUS_CHOICES);

  job = g_new0 (SetJob, 1);
  job->path = g_strdup (self->path);
  job->lao_uuid = g_strdup (lao_uuid);
  job->fiscal_year = esc_province_dashboard_get_year (self->dashboard);
  esc_participation_change_init (&job->change);
  if (status_index < ESC_PARTICIPATION_RESULT)
    {
      job->change.status = status_index;
      job->change.result = ESC_RESULT_NONE;
    }
  else
    {
      job->change.status = ESC_PARTICIPATION_RESULT;
      job->change.result = status_index - ESC_PARTICIPATION_RESULT + 1;
    }

  busy_begin (self);
  task = g_task_new (self, NULL, set_cb, NULL);
  g_task_set_source_tag (task, esc_province_view_set_status);
  g_task_set_task_data (task, job, (GDestroyNotify) set_job_free);
  g_task_run_in_thread (task, set_worker);
  g_object_unref (task);
}

static void
status_changed_cb (GtkDropDown     *dropdown,
                   GParamSpec      *pspec,
                   EscProvinceView *self)
{
  if (self->filling)
    return;
  esc_province_view_set_status (self, g_object_get_data (G_OBJECT (dropdown), "lao-uuid"),
                                gtk_drop_down_get_selected (dropdown));
}

/* Printing */

typedef struct
{
  char *path;
  char *lao_uuid; /* NULL: the province */
  int   fiscal_year;
  char *output;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->path);
  g_free (job->lao_uuid);
  g_free (job->output);
  g_free (job);
}

static void
print_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrintJob            *job = task_data;
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  gboolean             ok = FALSE;

  store = esc_store_open (job->path, ESC_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL && job->lao_uuid != NULL)
    {
      g_autoptr (EscLaoSummary) report = esc_lao_summary_collect (store, job->lao_uuid, job->fiscal_year, &error);

      ok = report != NULL && esc_lao_summary_write_pdf (report, job->output, &error);
    }
  else if (store != NULL)
    {
      g_autoptr (EscProvinceSummary) report = esc_province_summary_collect (store, NULL, job->fiscal_year, &error);

      ok = report != NULL && esc_province_summary_write_pdf (report, job->output, &error);
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
print_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  EscProvinceView   *self = ESC_PROVINCE_VIEW (object);
  PrintJob          *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  busy_end (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error);
      return;
    }
  show_error (self, NULL);
  {
    g_autoptr (GFile) file = g_file_new_for_path (job->output);
    g_autofree char  *uri = g_file_get_uri (file);
    GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));

    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PrintJob        *job)
{
  EscProvinceView  *self = g_object_get_data (G_OBJECT (chooser), "view");
  g_autoptr (GFile) file = NULL;
  GTask            *task;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      print_job_free (job);
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  job->output = g_file_get_path (file);
  g_object_unref (chooser);

  busy_begin (self);
  task = g_task_new (self, NULL, print_cb, NULL);
  g_task_set_source_tag (task, chooser_response_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) print_job_free);
  g_task_run_in_thread (task, print_worker);
  g_object_unref (task);
}

static void
choose_output (EscProvinceView *self,
               const char      *lao_uuid,
               const char      *suggested)
{
  GtkRoot                  *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative     *chooser;
  PrintJob                 *job;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->path == NULL)
    return;

  job = g_new0 (PrintJob, 1);
  job->path = g_strdup (self->path);
  job->lao_uuid = g_strdup (lao_uuid);
  job->fiscal_year = esc_province_dashboard_get_year (self->dashboard);

  chooser = gtk_file_chooser_native_new (_ ("Save the Summary as PDF"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data (G_OBJECT (chooser), "view", self);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_lao_cb (GtkButton       *button,
              EscProvinceView *self)
{
  g_autofree char *name = g_strdup_printf ("%s-%d.pdf",
                                           (const char *) g_object_get_data (G_OBJECT (button), "lao-name"),
                                           esc_province_dashboard_get_year (self->dashboard));

  choose_output (self, g_object_get_data (G_OBJECT (button), "lao-uuid"), name);
}

static void
print_province_cb (GtkButton       *button,
                   EscProvinceView *self)
{
  g_autofree char *name = g_strdup_printf (_ ("province-summary-%d.pdf"),
                                           esc_province_dashboard_get_year (self->dashboard));

  choose_output (self, NULL, name);
}

static void
plan_selected_cb (GtkDropDown     *dropdown,
                  GParamSpec      *pspec,
                  EscProvinceView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling || self->plans == NULL || selected >= self->plans->len)
    return;
  g_free (self->plan_uuid);
  self->plan_uuid = g_strdup (((EscPlan *) self->plans->pdata[selected])->uuid);
  esc_province_dashboard_set_year (self->dashboard, 0);
  reload (self);
}

static void
cell_activated_cb (EscProvinceDashboard *dashboard,
                   int                   fiscal_year,
                   const char           *district,
                   EscProvinceView      *self)
{
  fill_behind (self, fiscal_year, district);
  if (district[0] == '\0')
    fill_participation (self);
}

static void
esc_province_view_dispose (GObject *object)
{
  EscProvinceView *self = ESC_PROVINCE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_PROVINCE_VIEW);

  G_OBJECT_CLASS (esc_province_view_parent_class)->dispose (object);
}

static void
esc_province_view_finalize (GObject *object)
{
  EscProvinceView *self = ESC_PROVINCE_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->participations, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->plan_uuid);

  G_OBJECT_CLASS (esc_province_view_parent_class)->finalize (object);
}

static void
esc_province_view_class_init (EscProvinceViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_province_view_dispose;
  object_class->finalize = esc_province_view_finalize;

  g_type_ensure (ESC_TYPE_PROVINCE_DASHBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/esc-province-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, print_button);
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, error_label);
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, dashboard);
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, behind_title);
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, behind_list);
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, participation_title);
  gtk_widget_class_bind_template_child (widget_class, EscProvinceView, participation_list);
}

static void
esc_province_view_init (EscProvinceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->plan_dropdown, "notify::selected", G_CALLBACK (plan_selected_cb), self);
  g_signal_connect (self->dashboard, "cell-activated", G_CALLBACK (cell_activated_cb), self);
  g_signal_connect (self->print_button, "clicked", G_CALLBACK (print_province_cb), self);
}

GtkWidget *
esc_province_view_new (void)
{
  return g_object_new (ESC_TYPE_PROVINCE_VIEW, NULL);
}

void
esc_province_view_set_path (EscProvinceView *self,
                            const char      *path)
{
  g_return_if_fail (ESC_IS_PROVINCE_VIEW (self));

  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_clear_pointer (&self->plan_uuid, g_free);
      esc_province_dashboard_set_year (self->dashboard, 0);
    }
  show_error (self, NULL);
  reload (self);
}

void
esc_province_view_reload (EscProvinceView *self)
{
  g_return_if_fail (ESC_IS_PROVINCE_VIEW (self));
  reload (self);
}

gboolean
esc_province_view_is_busy (EscProvinceView *self)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_VIEW (self), FALSE);
  return self->n_busy > 0;
}

EscProvinceDashboard *
esc_province_view_get_dashboard (EscProvinceView *self)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_VIEW (self), NULL);
  return self->dashboard;
}

GtkListBox *
esc_province_view_get_behind_list (EscProvinceView *self)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_VIEW (self), NULL);
  return self->behind_list;
}

GtkListBox *
esc_province_view_get_participation_list (EscProvinceView *self)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_VIEW (self), NULL);
  return self->participation_list;
}

const char *
esc_province_view_get_error (EscProvinceView *self)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
