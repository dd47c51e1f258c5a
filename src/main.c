/* main.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "esc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (EscApplication) app = NULL;
  const char                *localedir = LOCALEDIR;

  /* A development build run from the build tree finds its translations there. */
#ifdef BUILD_LOCALEDIR
  if (DEVELOPMENT_BUILD && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    localedir = BUILD_LOCALEDIR;
#endif
  if (g_getenv ("ESC_LOCALE_DIR") != NULL)
    localedir = g_getenv ("ESC_LOCALE_DIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = esc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
