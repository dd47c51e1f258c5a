/* esc-application.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-application.h"
#include "esc-window.h"

struct _EscApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (EscApplication, esc_application, ADW_TYPE_APPLICATION)

static void
esc_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (esc_window_new (ADW_APPLICATION (app)));

  gtk_window_present (window);
}

static void
esc_application_class_init (EscApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = esc_application_activate;
}

static void
esc_application_init (EscApplication *self)
{
}

EscApplication *
esc_application_new (void)
{
  return g_object_new (ESC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
