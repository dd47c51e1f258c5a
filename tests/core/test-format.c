/* test-format.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File sizes in our own words, in English and in Thai.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "esc-format.h"

typedef struct
{
  guint64     size;
  const char *text;
} Case;

static void
check (const Case *cases,
       gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *text = esc_format_size (cases[i].size);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_english (void)
{
  static const Case cases[] = {
    { 0, "0 bytes" },
    { 1, "1 byte" },
    { 999, "999 bytes" },
    { 1000, "1.0 kB" },
    { 1536, "1.5 kB" },
    { 999949, "999.9 kB" },
    { 999950, "1.0 MB" },
    { 1500000, "1.5 MB" },
    { G_GUINT64_CONSTANT (536870912), "536.9 MB" },
    { G_GUINT64_CONSTANT (2500000000), "2.5 GB" },
    { G_GUINT64_CONSTANT (3000000000000), "3.0 TB" },
    { G_GUINT64_CONSTANT (5000000000000000), "5000.0 TB" },
  };

  /* The same text as GLib's, whose words the English interface showed before. */
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ours = esc_format_size (cases[i].size);
      g_autofree char *glib = g_format_size (cases[i].size);
      g_auto (GStrv)   words = g_strsplit (glib, "\u00a0", -1);
      g_autofree char *spaced = g_strjoinv (" ", words);

      /* GLib puts a no-break space before the unit, says "1000.0 kB" where we go up to
       * the next unit, and goes on to PB. */
      if (cases[i].size != 999950 && cases[i].size < G_GUINT64_CONSTANT (1000000000000))
        g_assert_cmpstr (ours, ==, spaced);
    }
  check (cases, G_N_ELEMENTS (cases));
}

static void
test_thai (void)
{
  static const Case cases[] = {
    { 1, "1 ไบต์" },
    { 999, "999 ไบต์" },
    { 1536, "1.5 กิโลไบต์" },
    { 1500000, "1.5 เมกะไบต์" },
    { G_GUINT64_CONSTANT (2500000000), "2.5 กิกะไบต์" },
  };

  if (g_test_subprocess ())
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "po", NULL);

      g_setenv ("LANGUAGE", "th", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      check (cases, G_N_ELEMENTS (cases));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/size/english", test_english);
  g_test_add_func ("/format/size/thai", test_thai);

  return g_test_run ();
}
