/* esc-window.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-window.h"

struct _EscWindow
{
  AdwApplicationWindow parent_instance;

  AdwStatusPage       *status_page;
};

G_DEFINE_FINAL_TYPE (EscWindow, esc_window, ADW_TYPE_APPLICATION_WINDOW)

static void
esc_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_WINDOW);

  G_OBJECT_CLASS (esc_window_parent_class)->dispose (object);
}

static void
esc_window_class_init (EscWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/esc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EscWindow, status_page);
}

static void
esc_window_init (EscWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EscWindow *
esc_window_new (AdwApplication *application)
{
  return g_object_new (ESC_TYPE_WINDOW, "application", application, NULL);
}
