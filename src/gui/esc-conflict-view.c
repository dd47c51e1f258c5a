/* esc-conflict-view.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "esc-conflict-row.h"
#include "esc-conflict-view.h"
#include "esc-merge.h"

struct _EscConflictView
{
  GtkBox         parent_instance;

  EscStore      *store;
  char          *assessment_uuid;
  char          *author;
  GCancellable  *cancellable;
  guint          n_conflicts;
  guint          n_busy;

  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkListBox    *list;
  GtkLabel      *count_label;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (EscConflictView, esc_conflict_view, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_N_CONFLICTS,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SIGNAL_RESOLVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
show_error (EscConflictView *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

typedef struct
{
  EscConflictView *self;
  EscConflictRow  *row;
} ResolveData;

static void
resolve_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ResolveData                *data = user_data;
  g_autoptr (EscConflictView) self = data->self;
  g_autoptr (EscConflictRow)  row = data->row;
  g_autoptr (GError)          error = NULL;

  g_free (data);
  if (!esc_merge_resolve_conflict_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      esc_conflict_row_set_busy (row, FALSE);
      show_error (self, error->message);
    }
  else
    show_error (self, NULL);

  self->n_busy--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  esc_conflict_view_reload (self);
  g_signal_emit (self, signals[SIGNAL_RESOLVED], 0);
}

static void
row_resolve (EscConflictRow  *row,
             int              choice,
             const char      *text,
             EscConflictView *self)
{
  const EscConflict *conflict = esc_conflict_row_get_conflict (row);
  ResolveData       *data;

  if (self->store == NULL)
    return;

  esc_conflict_row_set_busy (row, TRUE);
  self->n_busy++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  data = g_new0 (ResolveData, 1);
  data->self = g_object_ref (self);
  data->row = g_object_ref (row);
  esc_merge_resolve_conflict_async (esc_store_get_path (self->store),
                                    self->author ? self->author : esc_store_get_author (self->store),
                                    conflict->uuid, choice, text, NULL, self->cancellable,
                                    resolve_done, data);
}

void
esc_conflict_view_reload (EscConflictView *self)
{
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GError)    error = NULL;
  g_autofree char      *count = NULL;
  GtkWidget            *child;

  g_return_if_fail (ESC_IS_CONFLICT_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->store != NULL)
    {
      conflicts = esc_merge_list_conflicts (self->store, self->assessment_uuid, FALSE, &error);
      if (conflicts == NULL)
        show_error (self, error->message);
    }

  self->n_conflicts = conflicts != NULL ? conflicts->len : 0;
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      GtkWidget *row = esc_conflict_row_new (g_ptr_array_index (conflicts, i));

      g_signal_connect_object (row, "resolve", G_CALLBACK (row_resolve), self, 0);
      gtk_list_box_append (self->list, row);
    }

  count = g_strdup_printf (ngettext ("%u value was changed in both files: choose which to keep.",
                                     "%u values were changed in both files: choose which to keep.",
                                     self->n_conflicts),
                           self->n_conflicts);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, self->n_conflicts > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

static void
esc_conflict_view_dispose (GObject *object)
{
  EscConflictView *self = ESC_CONFLICT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_CONFLICT_VIEW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (esc_conflict_view_parent_class)->dispose (object);
}

static void
esc_conflict_view_finalize (GObject *object)
{
  EscConflictView *self = ESC_CONFLICT_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->assessment_uuid);
  g_free (self->author);
  G_OBJECT_CLASS (esc_conflict_view_parent_class)->finalize (object);
}

static void
esc_conflict_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EscConflictView *self = ESC_CONFLICT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_conflict_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EscConflictView *self = ESC_CONFLICT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      esc_conflict_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_conflict_view_class_init (EscConflictViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_conflict_view_dispose;
  object_class->finalize = esc_conflict_view_finalize;
  object_class->get_property = esc_conflict_view_get_property;
  object_class->set_property = esc_conflict_view_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, ESC_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] = g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ESC_TYPE_CONFLICT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/escassessor/Assessor/esc-conflict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EscConflictView, stack);
  gtk_widget_class_bind_template_child (widget_class, EscConflictView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EscConflictView, list);
  gtk_widget_class_bind_template_child (widget_class, EscConflictView, count_label);
  gtk_widget_class_bind_template_child (widget_class, EscConflictView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EscConflictView, error_label);
}

static void
esc_conflict_view_init (EscConflictView *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
esc_conflict_view_new (void)
{
  return g_object_new (ESC_TYPE_CONFLICT_VIEW, NULL);
}

void
esc_conflict_view_set_store (EscConflictView *self,
                             EscStore        *store)
{
  g_return_if_fail (ESC_IS_CONFLICT_VIEW (self));
  g_return_if_fail (store == NULL || ESC_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      esc_conflict_view_reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

EscStore *
esc_conflict_view_get_store (EscConflictView *self)
{
  g_return_val_if_fail (ESC_IS_CONFLICT_VIEW (self), NULL);

  return self->store;
}

void
esc_conflict_view_set_assessment (EscConflictView *self,
                                  const char      *assessment_uuid)
{
  g_return_if_fail (ESC_IS_CONFLICT_VIEW (self));

  g_free (self->assessment_uuid);
  self->assessment_uuid = g_strdup (assessment_uuid);
  esc_conflict_view_reload (self);
}

void
esc_conflict_view_set_author (EscConflictView *self,
                              const char      *author)
{
  g_return_if_fail (ESC_IS_CONFLICT_VIEW (self));

  g_free (self->author);
  self->author = g_strdup (author);
}

guint
esc_conflict_view_get_n_conflicts (EscConflictView *self)
{
  g_return_val_if_fail (ESC_IS_CONFLICT_VIEW (self), 0);

  return self->n_conflicts;
}

gboolean
esc_conflict_view_is_busy (EscConflictView *self)
{
  g_return_val_if_fail (ESC_IS_CONFLICT_VIEW (self), FALSE);

  return self->n_busy > 0;
}
