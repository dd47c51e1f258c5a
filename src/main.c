/* main.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-application.h"
#include "esc-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (EscApplication) app = NULL;

  esc_i18n_init ();

  app = esc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
