/* esc-format.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-format.h"

char *
esc_format_size (guint64 size)
{
  double value = (double) size;

  if (size < 1000)
    /* TRANSLATORS: a file size under one kilobyte, e.g. "512 bytes" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", (gulong) size), (guint) size);

  /* Each unit while its value does not round up to 1000.0 of it. */
  if (value / 1e3 < 999.95)
    /* TRANSLATORS: a file size in kilobytes (1000 bytes), e.g. "1.5 kB" */
    return g_strdup_printf (_ ("%.1f kB"), value / 1e3);
  if (value / 1e6 < 999.95)
    /* TRANSLATORS: a file size in megabytes (1000 kB), e.g. "1.5 MB" */
    return g_strdup_printf (_ ("%.1f MB"), value / 1e6);
  if (value / 1e9 < 999.95)
    /* TRANSLATORS: a file size in gigabytes (1000 MB), e.g. "1.5 GB" */
    return g_strdup_printf (_ ("%.1f GB"), value / 1e9);
  /* TRANSLATORS: a file size in terabytes (1000 GB), e.g. "1.5 TB" */
  return g_strdup_printf (_ ("%.1f TB"), value / 1e12);
}
