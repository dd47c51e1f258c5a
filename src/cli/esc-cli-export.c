/* esc-cli-export.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * esc-cli export sar|province: the Excel workbooks and evidence packages.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "esc-cli-private.h"
#include "esc-export.h"

int
esc_cli_export_sar (int    argc,
                    char **argv)
{
  g_autofree char   *assessment = NULL;
  g_autofree char   *output = NULL;
  g_autofree char   *evidence_dir = NULL;
  gboolean           overwrite = FALSE;
  g_autoptr (GError) error = NULL;
  GOptionEntry       entries[] = {
          { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment, N_ ("The assessment (its id or a unique prefix)"), N_ ("ID") },
          { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The workbook to write"), N_ ("OUT.xlsx") },
          { "evidence-dir", 0, 0, G_OPTION_ARG_FILENAME, &evidence_dir, N_ ("Also copy each attached document into this folder"), N_ ("DIR") },
          { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite, N_ ("Replace files that already exist"), NULL },
          { NULL },
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, _ ("WORKSPACE")))
    return ESC_CLI_USAGE_ERROR;
  if (argc != 2)
    return esc_cli_usage_error (_ ("export sar takes one workspace: esc-cli export sar WORKSPACE --assessment ID -o OUT.xlsx"));
  if (assessment == NULL || *assessment == '\0')
    return esc_cli_usage_error (_ ("Name the assessment with --assessment ID (see “esc-cli show”)"));
  if (output == NULL || *output == '\0')
    return esc_cli_usage_error (_ ("Name the workbook to write with -o OUT.xlsx"));

  if (!esc_export_sar (argv[1], assessment, output, evidence_dir,
                       overwrite ? ESC_EXPORT_OVERWRITE : ESC_EXPORT_DEFAULT,
                       NULL, NULL, NULL, &error))
    return esc_cli_data_error (error);

  printf (_ ("Wrote %s\n"), output);
  if (evidence_dir != NULL)
    printf (_ ("Copied the evidence into %s\n"), evidence_dir);

  return ESC_CLI_OK;
}

int
esc_cli_export_province (int    argc,
                         char **argv)
{
  g_autofree char   *output = NULL;
  int                year = 0;
  gboolean           overwrite = FALSE;
  g_autoptr (GError) error = NULL;
  GOptionEntry       entries[] = {
          { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("The fiscal year, in the Buddhist era (2568)"), N_ ("YEAR") },
          { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The workbook to write"), N_ ("OUT.xlsx") },
          { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite, N_ ("Replace files that already exist"), NULL },
          { NULL },
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, _ ("WORKSPACE")))
    return ESC_CLI_USAGE_ERROR;
  if (argc != 2)
    return esc_cli_usage_error (_ ("export province takes one workspace: esc-cli export province WORKSPACE --year 2568 -o OUT.xlsx"));
  if (year == 0)
    return esc_cli_usage_error (_ ("Name the fiscal year with --year, in the Buddhist era (2568)"));
  if (year < 2500 || year > 2700)
    return esc_cli_usage_error (_ ("%d is not a fiscal year in the Buddhist era; write it like 2568"), year);
  if (output == NULL || *output == '\0')
    return esc_cli_usage_error (_ ("Name the workbook to write with -o OUT.xlsx"));

  if (!esc_export_province (argv[1], year, output,
                            overwrite ? ESC_EXPORT_OVERWRITE : ESC_EXPORT_DEFAULT,
                            NULL, NULL, NULL, &error))
    return esc_cli_data_error (error);

  printf (_ ("Wrote %s\n"), output);

  return ESC_CLI_OK;
}
