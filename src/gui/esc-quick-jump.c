/* esc-quick-jump.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-indicator-row.h"
#include "esc-quick-jump.h"

/* Ctrl+K: find an indicator by its number or by words of its name. */
struct _EscQuickJump
{
  AdwWindow       parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list;

  char           *query;
  gboolean        thai;
};

G_DEFINE_FINAL_TYPE (EscQuickJump, esc_quick_jump, ADW_TYPE_WINDOW)

enum
{
  ITEM_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
matches (EscQuickJump       *self,
         const EscIndicator *item)
{
  g_autofree char *th = NULL;
  g_autofree char *en = NULL;

  if (self->query == NULL)
    return TRUE;
  if (g_str_has_prefix (item->code, self->query))
    return TRUE;

  th = g_utf8_casefold (item->name.th != NULL ? item->name.th : "", -1);
  en = g_utf8_casefold (item->name.en != NULL ? item->name.en : "", -1);

  return strstr (th, self->query) != NULL || strstr (en, self->query) != NULL;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  return matches (user_data, esc_indicator_row_get_item (ESC_INDICATOR_ROW (row)));
}

static void
on_search_changed_cb (EscQuickJump *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_clear_pointer (&self->query, g_free);
  if (text[0] != '\0')
    self->query = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->list);
}

static void
on_row_activated_cb (EscQuickJump  *self,
                     GtkListBoxRow *row)
{
  const EscIndicator *item = esc_indicator_row_get_item (ESC_INDICATOR_ROW (row));

  g_signal_emit (self, signals[ITEM_CHOSEN], 0, item->code);
  gtk_window_close (GTK_WINDOW (self));
}

/* Chooses the first indicator that matches; FALSE when none does. */
gboolean
esc_quick_jump_activate_first (EscQuickJump *self)
{
  g_return_val_if_fail (ESC_IS_QUICK_JUMP (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ESC_IS_INDICATOR_ROW (child) && matches (self, esc_indicator_row_get_item (ESC_INDICATOR_ROW (child))))
        {
          on_row_activated_cb (self, GTK_LIST_BOX_ROW (child));
          return TRUE;
        }
    }

  return FALSE;
}

static void
on_search_activate_cb (EscQuickJump *self)
{
  on_search_changed_cb (self);
  esc_quick_jump_activate_first (self);
}

static void
on_stop_search_cb (EscQuickJump *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
esc_quick_jump_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_QUICK_JUMP);

  G_OBJECT_CLASS (esc_quick_jump_parent_class)->dispose (object);
}

static void
esc_quick_jump_finalize (GObject *object)
{
  EscQuickJump *self = ESC_QUICK_JUMP (object);

  g_free (self->query);

  G_OBJECT_CLASS (esc_quick_jump_parent_class)->finalize (object);
}

static void
esc_quick_jump_class_init (EscQuickJumpClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_quick_jump_dispose;
  object_class->finalize = esc_quick_jump_finalize;

  /**
   * EscQuickJump::item-chosen:
   * @code: the code of the indicator, e.g. "19.1"
   */
  signals[ITEM_CHOSEN] = g_signal_new ("item-chosen",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-quick-jump.ui");
  gtk_widget_class_bind_template_child (widget_class, EscQuickJump, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EscQuickJump, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
esc_quick_jump_init (EscQuickJump *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

EscQuickJump *
esc_quick_jump_new (GtkWindow    *parent,
                    EscFramework *framework,
                    gboolean      thai)
{
  EscQuickJump *self;

  g_return_val_if_fail (ESC_IS_FRAMEWORK (framework), NULL);

  self = g_object_new (ESC_TYPE_QUICK_JUMP, "transient-for", parent, NULL);
  self->thai = thai;
  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    {
      EscIndicatorRow *row = esc_indicator_row_new (esc_framework_get_item (framework, i), thai);

      gtk_list_box_append (self->list, GTK_WIDGET (row));
    }

  return self;
}

void
esc_quick_jump_set_query (EscQuickJump *self,
                          const char   *query)
{
  g_return_if_fail (ESC_IS_QUICK_JUMP (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  on_search_changed_cb (self);
}
