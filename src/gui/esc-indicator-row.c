/* esc-indicator-row.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-indicator-row.h"

/* A sidebar row: an indicator (or part) with its status mark and points. */
struct _EscIndicatorRow
{
  GtkListBoxRow       parent_instance;

  GtkImage           *status_icon;
  GtkLabel           *code_label;
  GtkLabel           *name_label;
  GtkLabel           *points_label;

  const EscIndicator *item;
  char               *name;
  EscItemState        state;
};

G_DEFINE_FINAL_TYPE (EscIndicatorRow, esc_indicator_row, GTK_TYPE_LIST_BOX_ROW)

static void
esc_indicator_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_INDICATOR_ROW);

  G_OBJECT_CLASS (esc_indicator_row_parent_class)->dispose (object);
}

static void
esc_indicator_row_finalize (GObject *object)
{
  EscIndicatorRow *self = ESC_INDICATOR_ROW (object);

  g_free (self->name);

  G_OBJECT_CLASS (esc_indicator_row_parent_class)->finalize (object);
}

static const char *state_label (EscItemState state);

/* The tooltips are made when asked for: setting a tooltip's text on a shown widget makes
 * GTK ask the display where the pointer is, a round trip to the X server for each row and
 * each change of state, which slowed opening an assessment. */
static gboolean
on_query_tooltip_cb (EscIndicatorRow *self,
                     int              x,
                     int              y,
                     gboolean         keyboard,
                     GtkTooltip      *tooltip)
{
  GtkWidget *picked = keyboard ? NULL : gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  if (picked != NULL && (picked == GTK_WIDGET (self->status_icon) ||
                         gtk_widget_is_ancestor (picked, GTK_WIDGET (self->status_icon))))
    gtk_tooltip_set_text (tooltip, state_label (self->state));
  else
    gtk_tooltip_set_text (tooltip, self->name);

  return self->name != NULL;
}

static void
esc_indicator_row_class_init (EscIndicatorRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_indicator_row_dispose;
  object_class->finalize = esc_indicator_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-indicator-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, EscIndicatorRow, points_label);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip_cb);
}

static void
esc_indicator_row_init (EscIndicatorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EscIndicatorRow *
esc_indicator_row_new (const EscIndicator *item,
                       gboolean            thai)
{
  EscIndicatorRow *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (ESC_TYPE_INDICATOR_ROW, NULL);
  self->item = item;
  self->name = g_strdup (esc_text_get (&item->name, thai));
  gtk_label_set_label (self->code_label, item->code);
  gtk_label_set_label (self->name_label, self->name);
  if (item->parent != NULL)
    gtk_widget_set_margin_start (GTK_WIDGET (self->code_label), 12);
  esc_indicator_row_set_state (self, ESC_ITEM_NOT_STARTED, -1);

  return self;
}

const EscIndicator *
esc_indicator_row_get_item (EscIndicatorRow *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_ROW (self), NULL);

  return self->item;
}

static const char *
state_label (EscItemState state)
{
  switch (state)
    {
    case ESC_ITEM_NOT_STARTED:
      return _ ("not started");
    case ESC_ITEM_IN_PROGRESS:
      return _ ("in progress");
    case ESC_ITEM_DONE:
      return _ ("done");
    case ESC_ITEM_MISSING_EVIDENCE:
      return _ ("scored, evidence missing");
    default:
      return "";
    }
}

/* points < 0: nothing entered. */
void
esc_indicator_row_set_state (EscIndicatorRow *self,
                             EscItemState     state,
                             double           points)
{
  static const char *icons[] = {
    "radio-symbolic", "radio-mixed-symbolic", "emblem-ok-symbolic", "dialog-warning-symbolic"
  };
  static const char *classes[] = { "dim-label", "accent", "success", "warning" };
  g_autofree char   *points_text = NULL;
  g_autofree char   *accessible = NULL;

  g_return_if_fail (ESC_IS_INDICATOR_ROW (self));

  self->state = state;
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
  if ((guint) state < G_N_ELEMENTS (icons))
    {
      gtk_image_set_from_icon_name (self->status_icon, icons[state]);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), classes[state]);
    }

  if (points < 0)
    points_text = g_strdup ("—");
  else
    points_text = g_strdup_printf ("%.1f", points);
  gtk_label_set_label (self->points_label, points_text);

  /* Translators: a sidebar row read by a screen reader: code, name, state, points */
  accessible = g_strdup_printf (_ ("Indicator %s: %s, %s, %s of %.0f points"),
                                self->item->code, self->name, state_label (state),
                                points_text, self->item->max_points);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

EscItemState
esc_indicator_row_get_state (EscIndicatorRow *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_ROW (self), ESC_ITEM_NOT_STARTED);

  return self->state;
}

const char *
esc_indicator_row_get_points_text (EscIndicatorRow *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_ROW (self), NULL);

  return gtk_label_get_label (self->points_label);
}
