/* esc-i18n.c: where the translations are found
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window and esc-cli share one message catalogue. Installed, it is in LOCALEDIR; a
 * development build run from its build tree uses the catalogues it compiled there, so the
 * Thai interface can be seen (and screenshotted) without installing. ESC_LOCALE_DIR
 * overrides both.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "esc-i18n.h"

const char *
esc_i18n_locale_dir (void)
{
  const char *dir = g_getenv ("ESC_LOCALE_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  if (DEVELOPMENT_BUILD && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

/* Takes the locale from the environment and binds the catalogue; call once, first thing. */
void
esc_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, esc_i18n_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
