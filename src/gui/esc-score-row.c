/* esc-score-row.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "esc-gui-util.h"
#include "esc-score-row.h"

/* One scoring dimension (or the LPA percentage): a spin button bounded by its maximum,
 * empty until a value is entered. */
struct _EscScoreRow
{
  AdwActionRow   parent_instance;

  GtkSpinButton *spin;
  GtkAdjustment *adjustment;

  char          *key;
  gboolean       entered;
  gboolean       loading;
};

G_DEFINE_FINAL_TYPE (EscScoreRow, esc_score_row, ADW_TYPE_ACTION_ROW)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_value_changed_cb (EscScoreRow *self)
{
  if (self->loading)
    return;

  self->entered = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* An empty field means "not entered", which differs from 0 points. */
static gboolean
on_output_cb (EscScoreRow *self)
{
  if (self->entered)
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->spin), "");
  return TRUE;
}

/* Typing the value the field already holds (0 into an empty field) still enters it. */
static void
on_commit_cb (EscScoreRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->spin));

  if (self->entered || self->loading || text[0] == '\0')
    return;

  gtk_spin_button_update (self->spin);
  if (!self->entered)
    {
      self->entered = TRUE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
on_focus_leave_cb (EscScoreRow *self)
{
  on_commit_cb (self);
}

static void
esc_score_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_SCORE_ROW);

  G_OBJECT_CLASS (esc_score_row_parent_class)->dispose (object);
}

static void
esc_score_row_finalize (GObject *object)
{
  EscScoreRow *self = ESC_SCORE_ROW (object);

  g_free (self->key);

  G_OBJECT_CLASS (esc_score_row_parent_class)->finalize (object);
}

static void
esc_score_row_class_init (EscScoreRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_score_row_dispose;
  object_class->finalize = esc_score_row_finalize;

  /**
   * EscScoreRow::changed:
   *
   * The user entered a value.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-score-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EscScoreRow, spin);
  gtk_widget_class_bind_template_child (widget_class, EscScoreRow, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_output_cb);
}

static void
esc_score_row_init (EscScoreRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  esc_gui_set_wrap_min_chars (GTK_WIDGET (self), ESC_WRAP_MIN_CHARS);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->spin), focus);
  /* Ctrl+Z undoes the last saved change (the window's undo), not the typing. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->spin), FALSE);
  /* GTK 4.8's spin button has no activate signal of its own: use its text's. */
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->spin)), "activate",
                           G_CALLBACK (on_commit_cb), self, G_CONNECT_SWAPPED);
}

EscScoreRow *
esc_score_row_new (const char *key,
                   const char *title,
                   const char *subtitle,
                   double      max)
{
  EscScoreRow *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (ESC_TYPE_SCORE_ROW, NULL);
  esc_score_row_set_dimension (self, key, title, subtitle, max);

  return self;
}

/* Makes the row show another dimension, so that a page can keep its rows from one item to
 * the next instead of building new ones. The value is left as it was: set it next. */
void
esc_score_row_set_dimension (EscScoreRow *self,
                             const char  *key,
                             const char  *title,
                             const char  *subtitle,
                             double       max)
{
  g_return_if_fail (ESC_IS_SCORE_ROW (self));
  g_return_if_fail (key != NULL);

  if (g_strcmp0 (self->key, key) != 0)
    {
      g_free (self->key);
      self->key = g_strdup (key);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title != NULL ? title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  if (gtk_adjustment_get_upper (self->adjustment) != max)
    {
      self->loading = TRUE;
      gtk_adjustment_set_upper (self->adjustment, max);
      gtk_spin_button_update (self->spin);
      self->loading = FALSE;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, max,
                                  -1);
}

const char *
esc_score_row_get_key (EscScoreRow *self)
{
  g_return_val_if_fail (ESC_IS_SCORE_ROW (self), NULL);

  return self->key;
}

/* NAN when nothing is entered. */
double
esc_score_row_get_value (EscScoreRow *self)
{
  g_return_val_if_fail (ESC_IS_SCORE_ROW (self), NAN);

  if (!self->entered)
    return NAN;

  return gtk_spin_button_get_value (self->spin);
}

void
esc_score_row_set_value (EscScoreRow *self,
                         double       value)
{
  g_return_if_fail (ESC_IS_SCORE_ROW (self));

  self->loading = TRUE;
  self->entered = !isnan (value);
  gtk_spin_button_set_value (self->spin, isnan (value) ? 0.0 : value);
  if (!self->entered)
    gtk_editable_set_text (GTK_EDITABLE (self->spin), "");
  else
    {
      g_autofree char *text = g_strdup_printf ("%.1f", value);

      gtk_editable_set_text (GTK_EDITABLE (self->spin), text);
    }
  self->loading = FALSE;
}

GtkSpinButton *
esc_score_row_get_spin (EscScoreRow *self)
{
  g_return_val_if_fail (ESC_IS_SCORE_ROW (self), NULL);

  return self->spin;
}
