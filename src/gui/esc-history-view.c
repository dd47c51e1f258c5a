/* esc-history-view.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "esc-history.h"
#include "esc-history-view.h"
#include "esc-review.h"
#include "esc-thai.h"

struct _EscHistoryView
{
  GtkBox      parent_instance;

  EscStore   *store;
  char       *assessment_uuid;
  char       *item_code;
  guint       n_rows;

  GtkStack   *stack;
  GtkListBox *list;
  GtkLabel   *error_label;
};

G_DEFINE_FINAL_TYPE (EscHistoryView, esc_history_view, GTK_TYPE_BOX)

static const char *
shown_value (const EscHistoryEntry *entry,
             const char            *value)
{
  if (value == NULL || *value == '\0')
    return "—";
  if (g_strcmp0 (entry->field, "status") == 0)
    return esc_review_status_label (value);
  return value;
}

static GtkWidget *
make_row (const EscHistoryEntry *entry,
          gboolean               show_item)
{
  g_autofree char *what = esc_history_entry_describe (entry);
  g_autofree char *when = esc_thai_format_timestamp (entry->at, TRUE);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;
  GtkWidget       *row = adw_action_row_new ();

  if (show_item && entry->item_code != NULL && *entry->item_code != '\0')
    /* Translators: indicator code, what changed, old value, new value */
    title = g_strdup_printf (_ ("%s · %s: %s → %s"), entry->item_code, what,
                             shown_value (entry, entry->old_value), shown_value (entry, entry->new_value));
  else
    /* Translators: what changed, old value, new value */
    title = g_strdup_printf (_ ("%s: %s → %s"), what, shown_value (entry, entry->old_value),
                             shown_value (entry, entry->new_value));

  if (entry->reason != NULL && *entry->reason != '\0')
    /* Translators: who, when, why */
    subtitle = g_strdup_printf (_ ("%s, %s — “%s”"), *entry->author ? entry->author : _ ("unknown"), when, entry->reason);
  else
    /* Translators: who, when */
    subtitle = g_strdup_printf (_ ("%s, %s"), *entry->author ? entry->author : _ ("unknown"), when);

  escaped_title = g_markup_escape_text (title, -1);
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  return row;
}

void
esc_history_view_reload (EscHistoryView *self)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError)    error = NULL;
  GtkWidget            *child;

  g_return_if_fail (ESC_IS_HISTORY_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (self->store != NULL && self->assessment_uuid != NULL)
    {
      entries = esc_history_list (self->store, self->assessment_uuid, self->item_code, &error);
      if (entries == NULL)
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
    }

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      gtk_list_box_append (self->list, make_row (g_ptr_array_index (entries, i), self->item_code == NULL));
      self->n_rows++;
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_rows > 0 ? "list" : "empty");
}

static void
esc_history_view_dispose (GObject *object)
{
  EscHistoryView *self = ESC_HISTORY_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_HISTORY_VIEW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (esc_history_view_parent_class)->dispose (object);
}

static void
esc_history_view_finalize (GObject *object)
{
  EscHistoryView *self = ESC_HISTORY_VIEW (object);

  g_free (self->assessment_uuid);
  g_free (self->item_code);
  G_OBJECT_CLASS (esc_history_view_parent_class)->finalize (object);
}

static void
esc_history_view_class_init (EscHistoryViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_history_view_dispose;
  object_class->finalize = esc_history_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/escassessor/Assessor/esc-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EscHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, EscHistoryView, list);
  gtk_widget_class_bind_template_child (widget_class, EscHistoryView, error_label);
}

static void
esc_history_view_init (EscHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
esc_history_view_new (void)
{
  return g_object_new (ESC_TYPE_HISTORY_VIEW, NULL);
}

void
esc_history_view_show (EscHistoryView *self,
                       EscStore       *store,
                       const char     *assessment_uuid,
                       const char     *item_code)
{
  g_return_if_fail (ESC_IS_HISTORY_VIEW (self));
  g_return_if_fail (store == NULL || ESC_IS_STORE (store));

  g_set_object (&self->store, store);
  g_free (self->assessment_uuid);
  self->assessment_uuid = g_strdup (assessment_uuid);
  g_free (self->item_code);
  self->item_code = g_strdup (item_code);
  esc_history_view_reload (self);
}

guint
esc_history_view_get_n_rows (EscHistoryView *self)
{
  g_return_val_if_fail (ESC_IS_HISTORY_VIEW (self), 0);

  return self->n_rows;
}
