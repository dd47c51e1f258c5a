/* esc-criterion-row.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "esc-criterion-row.h"

/* One thing the criteria ask for, ticked when the local government shows it.
 *
 * The check button and the text sit in a grid rather than in an AdwActionRow: the action
 * row's header is a horizontal box, and a GtkBox finds the height of a wrapping label
 * beside other widgets by searching over heights, asking the label at each step how wide
 * it must be for that height, which GtkLabel answers with a search over widths. For the
 * long texts of the criteria those nested searches laid each text out a hundred times
 * whenever the page changed. A grid gives the label its width and asks for its height. */
struct _EscCriterionRow
{
  AdwPreferencesRow parent_instance;

  GtkCheckButton   *check;
  GtkLabel         *label;

  gboolean          loading;
};

G_DEFINE_FINAL_TYPE (EscCriterionRow, esc_criterion_row, ADW_TYPE_PREFERENCES_ROW)

enum
{
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_toggled_cb (EscCriterionRow *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[TOGGLED], 0);
}

static void
esc_criterion_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_CRITERION_ROW);

  G_OBJECT_CLASS (esc_criterion_row_parent_class)->dispose (object);
}

static void
esc_criterion_row_class_init (EscCriterionRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_criterion_row_dispose;

  /**
   * EscCriterionRow::toggled:
   *
   * The user ticked or unticked the criterion.
   */
  signals[TOGGLED] = g_signal_new ("toggled",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-criterion-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EscCriterionRow, check);
  gtk_widget_class_bind_template_child (widget_class, EscCriterionRow, label);
  gtk_widget_class_bind_template_callback (widget_class, on_toggled_cb);
}

static void
esc_criterion_row_init (EscCriterionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EscCriterionRow *
esc_criterion_row_new (const char *text)
{
  EscCriterionRow *self = g_object_new (ESC_TYPE_CRITERION_ROW, NULL);

  esc_criterion_row_set_text (self, text);

  return self;
}

/* Makes the row show another criterion, so that a page can keep its rows from one item
 * to the next instead of building new ones. */
void
esc_criterion_row_set_text (EscCriterionRow *self,
                            const char      *text)
{
  g_return_if_fail (ESC_IS_CRITERION_ROW (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), text != NULL ? text : "");
  gtk_label_set_label (self->label, text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

gboolean
esc_criterion_row_get_active (EscCriterionRow *self)
{
  g_return_val_if_fail (ESC_IS_CRITERION_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

void
esc_criterion_row_set_active (EscCriterionRow *self,
                              gboolean         active)
{
  g_return_if_fail (ESC_IS_CRITERION_ROW (self));

  self->loading = TRUE;
  gtk_check_button_set_active (self->check, active);
  self->loading = FALSE;
}

/* Ticks or unticks the criterion as a click on the row does. */
void
esc_criterion_row_activate (EscCriterionRow *self)
{
  g_return_if_fail (ESC_IS_CRITERION_ROW (self));

  gtk_widget_activate (GTK_WIDGET (self->check));
}

GtkCheckButton *
esc_criterion_row_get_check (EscCriterionRow *self)
{
  g_return_val_if_fail (ESC_IS_CRITERION_ROW (self), NULL);

  return self->check;
}
