/* esc-cli.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "esc-cli-private.h"
#include "esc-i18n.h"

/* Keep sorted by name, then sub. Areas add their commands here. */
static const EscCliCommand commands[] = {
  { "answer", "set", esc_cli_answer_set,
    "WORKSPACE --assessment ID --indicator CODE [--process N] [--output N] [--outcome N] [--lpa N] [--note TEXT] [--check 1,3,...]" },
  { "assess", "new", esc_cli_assess_new,
    "WORKSPACE --lao CODE_OR_NAME --year 2568 [--kind self|review|site] [--assessor NAME]" },
  { "benefits", "set", esc_cli_benefits_set,
    "WORKSPACE --province NAME (--text TEXT | --file FILE)" },
  { "backups", "create", esc_cli_backups_create, "WORKSPACE" },
  { "backups", "list", esc_cli_backups_list, "WORKSPACE [--json]" },
  { "check", NULL, esc_cli_check, "WORKSPACE" },
  { "conflicts", "list", esc_cli_conflicts_list, "WORKSPACE [--assessment ID] [--all] [--json]" },
  { "conflicts", "resolve", esc_cli_conflicts_resolve,
    "WORKSPACE CONFLICT_ID (--keep | --other | --value VALUE) [--reason TEXT] [--author NAME]" },
  { "evidence", "add", esc_cli_evidence_add,
    "WORKSPACE --assessment ID --indicator CODE [--pages RANGES] [--caption TEXT] FILE..." },
  { "evidence", "extract", esc_cli_evidence_extract, "WORKSPACE SHA256 -o FILE" },
  { "evidence", "list", esc_cli_evidence_list, "WORKSPACE --assessment ID [--json]" },
  { "export", "province", esc_cli_export_province,
    "WORKSPACE --year 2568 -o OUT.xlsx [--overwrite]" },
  { "export", "sar", esc_cli_export_sar,
    "WORKSPACE --assessment ID -o OUT.xlsx [--evidence-dir DIR] [--overwrite]" },
  { "framework", "check", esc_cli_framework_check, "FILE" },
  { "history", NULL, esc_cli_history, "WORKSPACE [--assessment ID [--indicator CODE]] [--json]" },
  { "laos", "import", esc_cli_laos_import, "WORKSPACE CSV" },
  { "laos", "list", esc_cli_laos_list, "WORKSPACE [--json]" },
  { "merge", NULL, esc_cli_merge, "WORKSPACE OTHER.esca... [--author NAME] [--json]" },
  { "new", NULL, esc_cli_new, "WORKSPACE [--framework FILE] [--laos CSV]" },
  { "participation", "list", esc_cli_participation_list, "WORKSPACE [--year 2570] [--json]" },
  { "participation", "log", esc_cli_participation_log,
    "WORKSPACE --lao CODE_OR_NAME --date 2569-10-15 --kind letter|meeting|visit|call [--notes TEXT]" },
  { "participation", "set", esc_cli_participation_set,
    "WORKSPACE --lao CODE_OR_NAME --year 2570 [--status STATUS] [--result RATING] [--volunteered yes|no] [--took-part-before yes|no] [--contact TEXT] [--note TEXT] [--correction]" },
  { "readiness", NULL, esc_cli_readiness, "WORKSPACE --year 2570 [--lao CODE_OR_NAME] [--json]" },
  { "report", "lao", esc_cli_report_lao, "WORKSPACE --lao CODE_OR_NAME --year 2570 -o OUT.pdf" },
  { "report", "province", esc_cli_report_province, "WORKSPACE --year 2570 [--province NAME] -o OUT.pdf" },
  { "restore", NULL, esc_cli_restore, "WORKSPACE BACKUP_NUMBER_OR_FILE" },
  { "review", "accept", esc_cli_review_accept, "WORKSPACE --assessment ID [--reason TEXT] [--author NAME]" },
  { "review", "comment", esc_cli_review_comment,
    "WORKSPACE --assessment ID [--indicator CODE] [--verdict accepted|needs-fix] [--text TEXT] [--author NAME]" },
  { "review", "list", esc_cli_review_list, "WORKSPACE --assessment ID [--indicator CODE] [--json]" },
  { "review", "return", esc_cli_review_return, "WORKSPACE --assessment ID [--reason TEXT] [--author NAME]" },
  { "review", "submit", esc_cli_review_submit, "WORKSPACE --assessment ID [--reason TEXT] [--author NAME]" },
  { "salvage", NULL, esc_cli_salvage, "DAMAGED NEW" },
  { "search", NULL, esc_cli_search, "WORKSPACE TEXT [--assessment ID] [--json]" },
  { "show", NULL, esc_cli_show, "WORKSPACE --assessment ID [--json]" },
  { "targets", "set", esc_cli_targets_set,
    "WORKSPACE [--plan NAME [--first-year 2569 --years 3]] (--year Y --target N [--district NAME] | --targets N,N,N | --spread FIRST:LAST)" },
  { "targets", "show", esc_cli_targets_show, "WORKSPACE (--plan NAME | --year 2570) [--json]" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _ ("Usage: esc-cli COMMAND [ARGUMENTS…]"));
  fprintf (out, "\n%s\n", _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  esc-cli %s%s%s %s\n",
             commands[i].name,
             commands[i].sub ? " " : "",
             commands[i].sub ? commands[i].sub : "",
             commands[i].summary);
}

int
main (int   argc,
      char *argv[])
{
  const char *name;
  const char *sub;
  gboolean    known_name = FALSE;

  esc_i18n_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return ESC_CLI_USAGE_ERROR;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return ESC_CLI_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      printf ("esc-cli %s\n", PACKAGE_VERSION);
      return ESC_CLI_OK;
    }

  sub = argc > 2 ? argv[2] : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const EscCliCommand *command = &commands[i];
      g_autofree char     *full_name = NULL;
      g_autofree char    **args = NULL;
      int                  n_args;
      int                  skip;

      if (!g_str_equal (command->name, name))
        continue;
      known_name = TRUE;

      if (command->sub != NULL && g_strcmp0 (command->sub, sub) != 0)
        continue;

      skip = command->sub != NULL ? 2 : 1;
      full_name = command->sub != NULL
                    ? g_strdup_printf ("%s %s", command->name, command->sub)
                    : g_strdup (command->name);

      /* argv for the handler: its name, then its own arguments. */
      n_args = argc - skip;
      args = g_new0 (char *, n_args + 1);
      args[0] = full_name;
      for (int j = 1; j < n_args; j++)
        args[j] = argv[skip + j];

      return command->handler (n_args, args);
    }

  if (known_name)
    return esc_cli_usage_error (_ ("Unknown subcommand “%s %s”; run “esc-cli --help” for the list"),
                                name, sub ? sub : "");

  return esc_cli_usage_error (_ ("Unknown command “%s”; run “esc-cli --help” for the list"), name);
}
