/* esc-conflict-row.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-conflict-row.h"
#include "esc-thai.h"

struct _EscConflictRow
{
  GtkListBoxRow parent_instance;

  EscConflict  *conflict;

  GtkLabel     *title_label;
  GtkLabel     *kept_value_label;
  GtkLabel     *kept_meta_label;
  GtkLabel     *other_value_label;
  GtkLabel     *other_meta_label;
  GtkButton    *keep_button;
  GtkButton    *other_button;
  GtkBox       *edit_box;
  GtkEntry     *edit_entry;
  GtkButton    *edit_button;
};

G_DEFINE_FINAL_TYPE (EscConflictRow, esc_conflict_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  SIGNAL_RESOLVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_side (const char *author,
               gint64      at)
{
  g_autofree char *when = esc_thai_format_timestamp (at, TRUE);

  if (author == NULL || *author == '\0')
    return g_steal_pointer (&when);
  /* Translators: who changed a value, then when */
  return g_strdup_printf (_ ("%s, %s"), author, when);
}

static void
keep_clicked (EscConflictRow *self)
{
  g_signal_emit (self, signals[SIGNAL_RESOLVE], 0, ESC_CONFLICT_KEEP, NULL);
}

static void
other_clicked (EscConflictRow *self)
{
  g_signal_emit (self, signals[SIGNAL_RESOLVE], 0, ESC_CONFLICT_OTHER, NULL);
}

static void
edit_activated (EscConflictRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->edit_entry));

  g_signal_emit (self, signals[SIGNAL_RESOLVE], 0, ESC_CONFLICT_EDIT, text);
}

static void
esc_conflict_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_CONFLICT_ROW);
  G_OBJECT_CLASS (esc_conflict_row_parent_class)->dispose (object);
}

static void
esc_conflict_row_finalize (GObject *object)
{
  EscConflictRow *self = ESC_CONFLICT_ROW (object);

  g_clear_pointer (&self->conflict, esc_conflict_free);
  G_OBJECT_CLASS (esc_conflict_row_parent_class)->finalize (object);
}

static void
esc_conflict_row_class_init (EscConflictRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_conflict_row_dispose;
  object_class->finalize = esc_conflict_row_finalize;

  signals[SIGNAL_RESOLVE] = g_signal_new ("resolve", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/escassessor/Assessor/esc-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, kept_value_label);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, kept_meta_label);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, other_value_label);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, other_meta_label);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, keep_button);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, other_button);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, edit_box);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, edit_entry);
  gtk_widget_class_bind_template_child (widget_class, EscConflictRow, edit_button);
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked);
  gtk_widget_class_bind_template_callback (widget_class, other_clicked);
  gtk_widget_class_bind_template_callback (widget_class, edit_activated);
}

static void
esc_conflict_row_init (EscConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
esc_conflict_row_new (const EscConflict *conflict)
{
  EscConflictRow  *self;
  g_autofree char *title = NULL;
  g_autofree char *kept_meta = NULL;
  g_autofree char *other_meta = NULL;
  gboolean         editable;

  g_return_val_if_fail (conflict != NULL, NULL);

  self = g_object_new (ESC_TYPE_CONFLICT_ROW, NULL);
  self->conflict = esc_conflict_copy (conflict);

  title = esc_conflict_describe (conflict);
  kept_meta = describe_side (conflict->kept_author, conflict->kept_at);
  other_meta = describe_side (conflict->other_author, conflict->other_at);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->kept_value_label, *conflict->kept_value ? conflict->kept_value : "—");
  gtk_label_set_text (self->kept_meta_label, kept_meta);
  gtk_label_set_text (self->other_value_label, *conflict->other_value ? conflict->other_value : "—");
  gtk_label_set_text (self->other_meta_label, other_meta);

  editable = g_strcmp0 (conflict->entity, "value") == 0 || g_strcmp0 (conflict->entity, "note") == 0 ||
             g_strcmp0 (conflict->entity, "checked") == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->edit_box), editable);
  if (editable)
    gtk_editable_set_text (GTK_EDITABLE (self->edit_entry), conflict->kept_value);
  return GTK_WIDGET (self);
}

const EscConflict *
esc_conflict_row_get_conflict (EscConflictRow *self)
{
  g_return_val_if_fail (ESC_IS_CONFLICT_ROW (self), NULL);

  return self->conflict;
}

void
esc_conflict_row_set_busy (EscConflictRow *self,
                           gboolean        busy)
{
  g_return_if_fail (ESC_IS_CONFLICT_ROW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->other_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_box), !busy);
}
