/* esc-new-assessment-dialog.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-new-assessment-dialog.h"

/* Asks for what a new assessment needs: the fiscal year, the kind and the assessor. */
struct _EscNewAssessmentDialog
{
  AdwWindow      parent_instance;

  AdwActionRow  *lao_row;
  GtkSpinButton *year_spin;
  AdwComboRow   *kind_row;
  AdwEntryRow   *assessor_row;
};

G_DEFINE_FINAL_TYPE (EscNewAssessmentDialog, esc_new_assessment_dialog, ADW_TYPE_WINDOW)

enum
{
  START,
  N_SIGNALS
};

static guint       signals[N_SIGNALS];

static const char *kinds[] = { "self", "review", "site" };

static void
on_start_clicked_cb (EscNewAssessmentDialog *self)
{
  g_signal_emit (self, signals[START], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (EscNewAssessmentDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
esc_new_assessment_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_NEW_ASSESSMENT_DIALOG);

  G_OBJECT_CLASS (esc_new_assessment_dialog_parent_class)->dispose (object);
}

static void
esc_new_assessment_dialog_class_init (EscNewAssessmentDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_new_assessment_dialog_dispose;

  /**
   * EscNewAssessmentDialog::start:
   *
   * The user asked to start the assessment; read the values from the dialog.
   */
  signals[START] = g_signal_new ("start",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-new-assessment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EscNewAssessmentDialog, lao_row);
  gtk_widget_class_bind_template_child (widget_class, EscNewAssessmentDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, EscNewAssessmentDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, EscNewAssessmentDialog, assessor_row);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
esc_new_assessment_dialog_init (EscNewAssessmentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EscNewAssessmentDialog *
esc_new_assessment_dialog_new (GtkWindow  *parent,
                               const char *lao_name)
{
  EscNewAssessmentDialog *self;

  self = g_object_new (ESC_TYPE_NEW_ASSESSMENT_DIALOG, "transient-for", parent, NULL);
  adw_action_row_set_subtitle (self->lao_row, lao_name);

  return self;
}

int
esc_new_assessment_dialog_get_year (EscNewAssessmentDialog *self)
{
  g_return_val_if_fail (ESC_IS_NEW_ASSESSMENT_DIALOG (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
esc_new_assessment_dialog_set_year (EscNewAssessmentDialog *self,
                                    int                     year)
{
  g_return_if_fail (ESC_IS_NEW_ASSESSMENT_DIALOG (self));

  gtk_spin_button_set_value (self->year_spin, year);
}

const char *
esc_new_assessment_dialog_get_kind (EscNewAssessmentDialog *self)
{
  guint selected;

  g_return_val_if_fail (ESC_IS_NEW_ASSESSMENT_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->kind_row);

  return kinds[selected < G_N_ELEMENTS (kinds) ? selected : 0];
}

/* The assessor field, for binding to the remembered name. */
GtkEditable *
esc_new_assessment_dialog_get_assessor (EscNewAssessmentDialog *self)
{
  g_return_val_if_fail (ESC_IS_NEW_ASSESSMENT_DIALOG (self), NULL);

  return GTK_EDITABLE (self->assessor_row);
}

/* Does what the Start button does. */
void
esc_new_assessment_dialog_start (EscNewAssessmentDialog *self)
{
  g_return_if_fail (ESC_IS_NEW_ASSESSMENT_DIALOG (self));

  on_start_clicked_cb (self);
}
