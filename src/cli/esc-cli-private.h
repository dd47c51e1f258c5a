/* esc-cli-private.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "esc-store.h"

G_BEGIN_DECLS

/* Exit statuses of every command. */
#define ESC_CLI_OK 0
#define ESC_CLI_USAGE_ERROR 1
#define ESC_CLI_DATA_ERROR 2

/* A command gets its own arguments: argv[0] is the command's name ("answer set"). */
typedef int (*EscCliHandler) (int    argc,
                              char **argv);

typedef struct
{
  const char   *name; /* "laos", "answer" … */
  const char   *sub;  /* "list", "set" … or NULL */
  EscCliHandler handler;
  const char   *summary; /* one line: arguments */
} EscCliCommand;

/* Prints "esc-cli: message" to stderr and returns ESC_CLI_USAGE_ERROR. */
int       esc_cli_usage_error (const char *format,
                               ...) G_GNUC_PRINTF (1, 2);
/* Prints the error's message and returns ESC_CLI_DATA_ERROR. */
int       esc_cli_data_error (const GError *error);
int       esc_cli_data_error_printf (const char *format,
                                     ...) G_GNUC_PRINTF (1, 2);
/* Parses options with GOptionContext; on failure prints it and returns FALSE. */
gboolean  esc_cli_parse_options (GOptionEntry *entries,
                                 int          *argc,
                                 char       ***argv,
                                 const char   *parameter_string);
/* Opens an existing workspace; prints the error and sets *exit_code on failure. */
EscStore *esc_cli_open_store (const char *path,
                              gboolean    write,
                              int        *exit_code);
/* Checks the count of positional arguments after the command's name: at least min, at most
 * max (-1: no upper bound). what names them in the message ("a workspace"). */
int       esc_cli_expect_arguments (int         argc,
                                    char      **argv,
                                    int         min,
                                    int         max,
                                    const char *what);
/* Prints node as JSON on stdout, followed by a newline. */
void      esc_cli_print_json (JsonNode *node);
/* Adds a member to the object being built; a NULL string is written as null. */
void      esc_cli_json_string (JsonBuilder *builder,
                               const char  *name,
                               const char  *value);
void      esc_cli_json_int (JsonBuilder *builder,
                            const char  *name,
                            gint64       value);
void      esc_cli_json_double (JsonBuilder *builder,
                               const char  *name,
                               double       value);
void      esc_cli_json_boolean (JsonBuilder *builder,
                                const char  *name,
                                gboolean     value);

/* Commands of each area. */
int       esc_cli_new (int argc, char **argv);
int       esc_cli_framework_check (int argc, char **argv);
int       esc_cli_laos_import (int argc, char **argv);
int       esc_cli_laos_list (int argc, char **argv);
int       esc_cli_assess_new (int argc, char **argv);
int       esc_cli_answer_set (int argc, char **argv);
int       esc_cli_show (int argc, char **argv);
int       esc_cli_check (int argc, char **argv);
int       esc_cli_evidence_add (int argc, char **argv);
int       esc_cli_evidence_list (int argc, char **argv);
int       esc_cli_evidence_extract (int argc, char **argv);
int       esc_cli_search (int argc, char **argv);
int       esc_cli_export_sar (int argc, char **argv);
int       esc_cli_export_province (int argc, char **argv);

/* Merge, conflicts, review and history (esc-cli-merge.c). */
int       esc_cli_merge (int argc, char **argv);
int       esc_cli_conflicts_list (int argc, char **argv);
int       esc_cli_conflicts_resolve (int argc, char **argv);
int       esc_cli_review_submit (int argc, char **argv);
int       esc_cli_review_return (int argc, char **argv);
int       esc_cli_review_accept (int argc, char **argv);
int       esc_cli_review_comment (int argc, char **argv);
int       esc_cli_review_list (int argc, char **argv);
int       esc_cli_history (int argc, char **argv);
int       esc_cli_backups_list (int argc, char **argv);
int       esc_cli_backups_create (int argc, char **argv);
int       esc_cli_restore (int argc, char **argv);
int       esc_cli_salvage (int argc, char **argv);
/* Prints to stderr what esc_store_describe_damage() finds in the workspace at path. */
void      esc_cli_print_damage (const char *path);

/* The province working group (esc-cli-province.c). */
int       esc_cli_participation_set (int argc, char **argv);
int       esc_cli_participation_list (int argc, char **argv);
int       esc_cli_participation_log (int argc, char **argv);
int       esc_cli_targets_set (int argc, char **argv);
int       esc_cli_targets_show (int argc, char **argv);
int       esc_cli_readiness (int argc, char **argv);
int       esc_cli_benefits_set (int argc, char **argv);
int       esc_cli_report_lao (int argc, char **argv);
int       esc_cli_report_province (int argc, char **argv);

G_END_DECLS
