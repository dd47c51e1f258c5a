/* esc-workspace-view.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-workspace-view.h"

/* The local governments of a workspace: search as you type, filters, progress. */
struct _EscWorkspaceView
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *district_dropdown;
  GtkStringList      *district_model;
  GtkDropDown        *type_dropdown;
  GtkStringList      *type_model;
  GtkDropDown        *status_dropdown;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;

  EscWorkspace       *workspace;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *query;
  GPtrArray          *type_ids; /* type id per type_model position, 0 = any */
};

G_DEFINE_FINAL_TYPE (EscWorkspaceView, esc_workspace_view, ADW_TYPE_BIN)

enum
{
  LAO_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  EscWorkspaceView *self = user_data;
  EscLaoItem       *lao_item = item;
  const EscLao     *lao = esc_lao_item_get_lao (lao_item);
  guint             district = gtk_drop_down_get_selected (self->district_dropdown);
  guint             type = gtk_drop_down_get_selected (self->type_dropdown);
  guint             status = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->query != NULL && strstr (esc_lao_item_get_search_key (lao_item), self->query) == NULL)
    return FALSE;

  if (district != GTK_INVALID_LIST_POSITION && district > 0 &&
      g_strcmp0 (lao->district, gtk_string_list_get_string (self->district_model, district)) != 0)
    return FALSE;

  if (type != GTK_INVALID_LIST_POSITION && type > 0 && type < self->type_ids->len &&
      g_strcmp0 (lao->type, g_ptr_array_index (self->type_ids, type)) != 0)
    return FALSE;

  if (status != GTK_INVALID_LIST_POSITION && status > 0 &&
      (guint) esc_lao_item_get_status (lao_item) != status - 1)
    return FALSE;

  return TRUE;
}

static void
update_count (EscWorkspaceView *self)
{
  g_autofree char *text = NULL;
  guint            total = 0;
  guint            shown;

  if (self->workspace != NULL)
    total = g_list_model_get_n_items (esc_workspace_get_laos (self->workspace));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  /* Translators: local governments shown of all, e.g. "12 of 217 local governments" */
  text = g_strdup_printf (_ ("%u of %u local governments"), shown, total);
  gtk_label_set_label (self->count_label, text);
}

static void
on_filter_changed_cb (EscWorkspaceView *self)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (stripped[0] != '\0')
    self->query = g_utf8_casefold (stripped, -1);

  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_row_activated_cb (EscWorkspaceView *self,
                     guint             position)
{
  g_autoptr (EscLaoItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item != NULL)
    g_signal_emit (self, signals[LAO_ACTIVATED], 0, item);
}

/* Enter in the search field opens the first match. */
static void
on_search_activate_cb (EscWorkspaceView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      on_row_activated_cb (self, 0);
    }
}

/* The cells are plain widgets made here: a GtkBuilder per cell costs too much with
 * thousands of rows. Column order as in the template. */
static const char *column_properties[] = {
  "name", "type-label", "district", "code", "year-text", "progress-text", "total-text"
};

static void
update_cell (GtkWidget  *cell,
             EscLaoItem *item)
{
  const char      *property = g_object_get_data (G_OBJECT (cell), "esc-property");
  g_autofree char *text = NULL;

  g_object_get (item, property, &text, NULL);
  if (GTK_IS_PROGRESS_BAR (cell))
    {
      double fraction;

      g_object_get (item, "fraction", &fraction, NULL);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (cell), fraction);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (cell), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (cell), text);
}

static void
on_item_notify_cb (EscLaoItem *item,
                   GParamSpec *pspec,
                   GtkWidget  *cell)
{
  update_cell (cell, item);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  const char *property = user_data;
  GtkWidget  *cell;

  if (g_str_equal (property, "progress-text"))
    {
      cell = gtk_progress_bar_new ();
      gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (cell), TRUE);
      gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
    }
  else
    {
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), g_str_equal (property, "total-text") ? 1.0 : 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      if (g_str_equal (property, "total-text") || g_str_equal (property, "code"))
        gtk_widget_add_css_class (cell, "numeric");
    }
  g_object_set_data (G_OBJECT (cell), "esc-property", (gpointer) property);
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  EscLaoItem *item = gtk_list_item_get_item (list_item);
  GtkWidget  *cell = gtk_list_item_get_child (list_item);

  update_cell (cell, item);
  g_signal_connect_object (item, "notify::progress-text", G_CALLBACK (on_item_notify_cb), cell, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  EscLaoItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_notify_cb, gtk_list_item_get_child (list_item));
}

static void
connect_model (EscWorkspaceView *self)
{
  GListModel *model = self->workspace != NULL ? esc_workspace_get_laos (self->workspace) : NULL;

  if (gtk_filter_list_model_get_model (self->filter_model) != model)
    gtk_filter_list_model_set_model (self->filter_model, model);
  update_count (self);
}

static void
esc_workspace_view_map (GtkWidget *widget)
{
  connect_model (ESC_WORKSPACE_VIEW (widget));

  GTK_WIDGET_CLASS (esc_workspace_view_parent_class)->map (widget);
}

static void
esc_workspace_view_dispose (GObject *object)
{
  EscWorkspaceView *self = ESC_WORKSPACE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_WORKSPACE_VIEW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->type_ids, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (esc_workspace_view_parent_class)->dispose (object);
}

static void
esc_workspace_view_class_init (EscWorkspaceViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_workspace_view_dispose;
  widget_class->map = esc_workspace_view_map;

  /**
   * EscWorkspaceView::lao-activated:
   * @item: the EscLaoItem
   *
   * A local government was chosen for assessment.
   */
  signals[LAO_ACTIVATED] = g_signal_new ("lao-activated",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, ESC_TYPE_LAO_ITEM);

  g_type_ensure (ESC_TYPE_LAO_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-workspace-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, district_model);
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, type_model);
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, column_view);
  gtk_widget_class_bind_template_child (widget_class, EscWorkspaceView, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
}

static void
esc_workspace_view_init (EscWorkspaceView *self)
{
  GtkSortListModel *sorted;

  GListModel       *columns;

  gtk_widget_init_template (GTK_WIDGET (self));

  columns = gtk_column_view_get_columns (self->column_view);
  g_assert (g_list_model_get_n_items (columns) == G_N_ELEMENTS (column_properties));
  for (guint i = 0; i < G_N_ELEMENTS (column_properties); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr (GtkListItemFactory)  factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) column_properties[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) column_properties[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), (gpointer) column_properties[i]);
      gtk_column_view_column_set_factory (column, factory);
    }

  self->type_ids = g_ptr_array_new_with_free_func (g_free);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

void
esc_workspace_view_set_workspace (EscWorkspaceView *self,
                                  EscWorkspace     *workspace)
{
  g_auto (GStrv) districts = NULL;
  EscFramework  *framework;
  guint          n;

  g_return_if_fail (ESC_IS_WORKSPACE_VIEW (self));
  g_return_if_fail (workspace == NULL || ESC_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->district_model));
  gtk_string_list_splice (self->district_model, 0, n, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->type_model));
  gtk_string_list_splice (self->type_model, 0, n, NULL);
  g_ptr_array_set_size (self->type_ids, 0);

  gtk_string_list_append (self->district_model, _ ("All districts"));
  gtk_string_list_append (self->type_model, _ ("All types"));
  g_ptr_array_add (self->type_ids, NULL);

  if (workspace != NULL)
    {
      districts = esc_workspace_dup_districts (workspace);
      for (guint i = 0; districts[i] != NULL; i++)
        gtk_string_list_append (self->district_model, districts[i]);

      framework = esc_workspace_get_framework (workspace);
      for (guint i = 0; i < esc_framework_get_n_lao_types (framework); i++)
        {
          const EscLaoType *type = esc_framework_get_lao_type (framework, i);

          gtk_string_list_append (self->type_model, type->abbr);
          g_ptr_array_add (self->type_ids, g_strdup (type->id));
        }
    }

  gtk_drop_down_set_selected (self->district_dropdown, 0);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);

  /* The rows are made when the list is first shown, not while another page is. */
  if (workspace == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    connect_model (self);
  else
    gtk_filter_list_model_set_model (self->filter_model, NULL);
}

EscLaoItem *
esc_workspace_view_get_selected (EscWorkspaceView *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

void
esc_workspace_view_set_search_text (EscWorkspaceView *self,
                                    const char       *text)
{
  g_return_if_fail (ESC_IS_WORKSPACE_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_filter_changed_cb (self);
}

/* The rows as shown: filtered and sorted. */
GListModel *
esc_workspace_view_get_visible (EscWorkspaceView *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE_VIEW (self), NULL);

  connect_model (self);

  return G_LIST_MODEL (self->selection);
}

void
esc_workspace_view_focus_search (EscWorkspaceView *self)
{
  g_return_if_fail (ESC_IS_WORKSPACE_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkSearchEntry *
esc_workspace_view_get_search_entry (EscWorkspaceView *self)
{
  g_return_val_if_fail (ESC_IS_WORKSPACE_VIEW (self), NULL);

  return self->search_entry;
}
