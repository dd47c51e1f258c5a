/* esc-cli-merge.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Several assessors, one result: merge, conflicts, review and history commands.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "esc-cli-private.h"
#include "esc-history.h"
#include "esc-merge.h"
#include "esc-review.h"
#include "esc-thai.h"

static void
progress_to_stderr (double   fraction,
                    gpointer user_data)
{
  if (isatty (fileno (stderr)))
    fprintf (stderr, "\r%3.0f %%", fraction * 100);
}

static JsonNode *
report_to_json (const EscMergeReport *report)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  struct
  {
    const char *name;
    guint       value;
  } counts[] = {
    { "laos_added", report->n_laos_added },
    { "laos_updated", report->n_laos_updated },
    { "assessments_added", report->n_assessments_added },
    { "assessments_updated", report->n_assessments_updated },
    { "answers_added", report->n_answers_added },
    { "cells_updated", report->n_cells_updated },
    { "values_removed", report->n_values_removed },
    { "blobs_added", report->n_blobs_added },
    { "documents_added", report->n_documents_added },
    { "links_added", report->n_links_added },
    { "links_updated", report->n_links_updated },
    { "links_removed", report->n_links_removed },
    { "comments_added", report->n_comments_added },
    { "history_added", report->n_history_added },
    { "conflicts_added", report->n_conflicts_added },
    { "conflicts_resolved", report->n_conflicts_resolved },
  };

  json_builder_begin_object (builder);
  esc_cli_json_string (builder, "file", report->other_path);
  esc_cli_json_int (builder, "changes", esc_merge_report_n_changes (report));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].name);
      json_builder_add_int_value (builder, counts[i].value);
    }
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->conflicts->len; i++)
    {
      const EscConflict *conflict = g_ptr_array_index (report->conflicts, i);

      json_builder_begin_object (builder);
      esc_cli_json_string (builder, "id", conflict->uuid);
      esc_cli_json_string (builder, "what", conflict->entity);
      esc_cli_json_string (builder, "indicator", conflict->item_code);
      esc_cli_json_string (builder, "field", conflict->field);
      esc_cli_json_string (builder, "kept", conflict->kept_value);
      esc_cli_json_string (builder, "other", conflict->other_value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
esc_cli_merge (int    argc,
               char **argv)
{
  g_autoptr (EscStore)    store = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char        *author = NULL;
  gboolean                json = FALSE;
  GOptionEntry            entries[] = {
               { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_ ("Name recorded with the merge"), N_ ("NAME") },
               { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the reports as JSON"), NULL },
               { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE OTHER.esca…"))
    return ESC_CLI_USAGE_ERROR;
  if (argc < 3)
    return esc_cli_usage_error (_ ("“esc-cli merge” needs a workspace and at least one file to merge into it"));

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  if (author != NULL)
    esc_store_set_author (store, author);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr (EscMergeReport) report = NULL;
      g_autoptr (GError)         error = NULL;

      report = esc_merge_file (store, argv[i], progress_to_stderr, NULL, NULL, &error);
      if (isatty (fileno (stderr)))
        fprintf (stderr, "\r");
      if (report == NULL)
        {
          if (i > 2)
            fprintf (stderr, "%s\n", _ ("The files before this one were merged; nothing of this one was."));
          return esc_cli_data_error (error);
        }
      if (json)
        json_builder_add_value (builder, report_to_json (report));
      else
        {
          g_autofree char *text = esc_merge_report_to_text (report);
          fputs (text, stdout);
        }
    }

  if (json)
    {
      g_autoptr (JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
    }
  return ESC_CLI_OK;
}

/* Conflicts ---------------------------------------------------------------------------- */

int
esc_cli_conflicts_list (int    argc,
                        char **argv)
{
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (GPtrArray)     conflicts = NULL;
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *assessment_id = NULL;
  gboolean                  all = FALSE;
  gboolean                  json = FALSE;
  GOptionEntry              entries[] = {
                 { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment_id, N_ ("Only the conflicts of this assessment"), N_ ("ID") },
                 { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_ ("Include the resolved ones"), NULL },
                 { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                 { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  if (assessment_id != NULL)
    {
      assessment = esc_store_get_assessment (store, assessment_id, &error);
      if (assessment == NULL)
        return esc_cli_data_error (error);
    }
  conflicts = esc_merge_list_conflicts (store, assessment ? assessment->uuid : NULL, all, &error);
  if (conflicts == NULL)
    return esc_cli_data_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < conflicts->len; i++)
        {
          const EscConflict *c = g_ptr_array_index (conflicts, i);

          json_builder_begin_object (builder);
          esc_cli_json_string (builder, "id", c->uuid);
          esc_cli_json_string (builder, "what", c->entity);
          esc_cli_json_string (builder, "assessment", c->assessment_uuid ? c->assessment_uuid : "");
          esc_cli_json_string (builder, "indicator", c->item_code);
          esc_cli_json_string (builder, "field", c->field);
          esc_cli_json_string (builder, "kept", c->kept_value);
          esc_cli_json_string (builder, "kept_by", c->kept_author);
          esc_cli_json_int (builder, "kept_at", c->kept_at);
          esc_cli_json_string (builder, "other", c->other_value);
          esc_cli_json_string (builder, "other_by", c->other_author);
          esc_cli_json_int (builder, "other_at", c->other_at);
          esc_cli_json_boolean (builder, "resolved", c->resolved_at != 0);
          if (c->resolved_at != 0)
            {
              esc_cli_json_string (builder, "resolution", c->resolution ? c->resolution : "");
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  if (conflicts->len == 0)
    printf ("%s\n", _ ("No conflicts."));
  for (guint i = 0; i < conflicts->len; i++)
    {
      const EscConflict *c = g_ptr_array_index (conflicts, i);
      g_autofree char   *what = esc_conflict_describe (c);
      g_autofree char   *kept_at = esc_thai_format_timestamp (c->kept_at, TRUE);
      g_autofree char   *other_at = esc_thai_format_timestamp (c->other_at, TRUE);

      printf ("%.8s  %s%s\n", c->uuid, what, c->resolved_at != 0 ? _ (" (resolved)") : "");
      printf (_ ("  kept:  %s  (%s, %s)\n"), c->kept_value, c->kept_author, kept_at);
      printf (_ ("  other: %s  (%s, %s)\n"), c->other_value, c->other_author, other_at);
    }
  return ESC_CLI_OK;
}

int
esc_cli_conflicts_resolve (int    argc,
                           char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *value = NULL;
  g_autofree char     *reason = NULL;
  g_autofree char     *author = NULL;
  gboolean             keep = FALSE;
  gboolean             other = FALSE;
  EscConflictChoice    choice;
  GOptionEntry         entries[] = {
            { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_ ("Keep the value the workspace holds now"), NULL },
            { "other", 0, 0, G_OPTION_ARG_NONE, &other, N_ ("Take the other side's value"), NULL },
            { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_ ("Use this value instead (score, note or checklist)"), N_ ("VALUE") },
            { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why, kept in the history"), N_ ("TEXT") },
            { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_ ("Who decides"), N_ ("NAME") },
            { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE CONFLICT_ID"))
    return ESC_CLI_USAGE_ERROR;
  if (argc != 3)
    return esc_cli_usage_error (_ ("“esc-cli conflicts resolve” needs a workspace and a conflict id (see “esc-cli conflicts list”)"));
  if ((keep ? 1 : 0) + (other ? 1 : 0) + (value != NULL ? 1 : 0) != 1)
    return esc_cli_usage_error (_ ("Say how to resolve it: exactly one of --keep, --other or --value VALUE"));
  choice = keep ? ESC_CONFLICT_KEEP : other ? ESC_CONFLICT_OTHER
                                            : ESC_CONFLICT_EDIT;

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  if (author != NULL)
    esc_store_set_author (store, author);
  if (!esc_merge_resolve_conflict (store, argv[2], choice, value, reason, &error))
    return esc_cli_data_error (error);
  return ESC_CLI_OK;
}

/* Review ------------------------------------------------------------------------------- */

static int
review_move (int             argc,
             char          **argv,
             EscReviewAction action)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *assessment_id = NULL;
  g_autofree char     *reason = NULL;
  g_autofree char     *author = NULL;
  GOptionEntry         entries[] = {
            { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment_id, N_ ("The assessment (id or its first characters)"), N_ ("ID") },
            { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why, kept in the history"), N_ ("TEXT") },
            { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_ ("Who does it"), N_ ("NAME") },
            { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (assessment_id == NULL)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --assessment ID"), argv[0]);

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  if (author != NULL)
    esc_store_set_author (store, author);
  if (!esc_review_apply (store, assessment_id, action, reason, &error))
    return esc_cli_data_error (error);
  return ESC_CLI_OK;
}

int
esc_cli_review_submit (int    argc,
                       char **argv)
{
  return review_move (argc, argv, ESC_REVIEW_SUBMIT);
}

int
esc_cli_review_return (int    argc,
                       char **argv)
{
  return review_move (argc, argv, ESC_REVIEW_RETURN);
}

int
esc_cli_review_accept (int    argc,
                       char **argv)
{
  return review_move (argc, argv, ESC_REVIEW_ACCEPT);
}

int
esc_cli_review_comment (int    argc,
                        char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *assessment_id = NULL;
  g_autofree char     *indicator = NULL;
  g_autofree char     *verdict = NULL;
  g_autofree char     *text = NULL;
  g_autofree char     *author = NULL;
  g_autofree char     *uuid = NULL;
  GOptionEntry         entries[] = {
            { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment_id, N_ ("The assessment (id or its first characters)"), N_ ("ID") },
            { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_ ("Indicator code, e.g. 7 or 19.1 (none: the whole assessment)"), N_ ("CODE") },
            { "verdict", 0, 0, G_OPTION_ARG_STRING, &verdict, N_ ("accepted or needs-fix"), N_ ("VERDICT") },
            { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_ ("The comment"), N_ ("TEXT") },
            { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_ ("Reviewer's name"), N_ ("NAME") },
            { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (assessment_id == NULL)
    return esc_cli_usage_error (_ ("“esc-cli review comment” needs --assessment ID"));
  if (verdict == NULL && text == NULL)
    return esc_cli_usage_error (_ ("“esc-cli review comment” needs --verdict or --text"));

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  if (author != NULL)
    esc_store_set_author (store, author);
  uuid = esc_review_add_comment (store, assessment_id, indicator, verdict, text, &error);
  if (uuid == NULL)
    return esc_cli_data_error (error);
  printf ("%s\n", uuid);
  return ESC_CLI_OK;
}

int
esc_cli_review_list (int    argc,
                     char **argv)
{
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (GError)        error = NULL;
  g_autoptr (GPtrArray)     comments = NULL;
  g_autoptr (EscAssessment) assessment = NULL;
  g_autofree char          *assessment_id = NULL;
  g_autofree char          *indicator = NULL;
  gboolean                  json = FALSE;
  GOptionEntry              entries[] = {
                 { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment_id, N_ ("The assessment (id or its first characters)"), N_ ("ID") },
                 { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_ ("Only this indicator's comments"), N_ ("CODE") },
                 { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                 { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (assessment_id == NULL)
    return esc_cli_usage_error (_ ("“esc-cli review list” needs --assessment ID"));

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  assessment = esc_store_get_assessment (store, assessment_id, &error);
  if (assessment == NULL)
    return esc_cli_data_error (error);
  comments = esc_review_list_comments (store, assessment->uuid, indicator, &error);
  if (comments == NULL)
    return esc_cli_data_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_object (builder);
      esc_cli_json_string (builder, "assessment", assessment->uuid);
      esc_cli_json_string (builder, "status", assessment->status);
      json_builder_set_member_name (builder, "comments");
      json_builder_begin_array (builder);
      for (guint i = 0; i < comments->len; i++)
        {
          const EscComment *c = g_ptr_array_index (comments, i);

          json_builder_begin_object (builder);
          esc_cli_json_string (builder, "id", c->uuid);
          esc_cli_json_string (builder, "indicator", c->item_code);
          esc_cli_json_string (builder, "verdict", c->verdict);
          esc_cli_json_string (builder, "text", c->body);
          esc_cli_json_string (builder, "author", c->author);
          esc_cli_json_int (builder, "at", c->created_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  printf ("%s\n", esc_review_status_label (assessment->status));
  for (guint i = 0; i < comments->len; i++)
    {
      const EscComment *c = g_ptr_array_index (comments, i);
      g_autofree char  *at = esc_thai_format_timestamp (c->created_at, TRUE);

      printf ("%s  %s  %s  %s: %s\n", at, *c->item_code ? c->item_code : "-",
              esc_review_verdict_label (c->verdict), c->author, c->body);
    }
  return ESC_CLI_OK;
}

/* History ------------------------------------------------------------------------------ */

int
esc_cli_history (int    argc,
                 char **argv)
{
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) entries_found = NULL;
  g_autofree char      *assessment_id = NULL;
  g_autofree char      *indicator = NULL;
  gboolean              json = FALSE;
  GOptionEntry          entries[] = {
             { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment_id, N_ ("The assessment (id or its first characters)"), N_ ("ID") },
             { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_ ("Only this indicator's changes"), N_ ("CODE") },
             { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
             { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  if (assessment_id != NULL)
    entries_found = esc_history_list (store, assessment_id, indicator, &error);
  else if (indicator != NULL)
    return esc_cli_usage_error (_ ("--indicator needs --assessment ID"));
  else
    entries_found = esc_history_list_all (store, &error);
  if (entries_found == NULL)
    return esc_cli_data_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries_found->len; i++)
        {
          const EscHistoryEntry *e = g_ptr_array_index (entries_found, i);

          json_builder_begin_object (builder);
          esc_cli_json_int (builder, "at", e->at);
          esc_cli_json_string (builder, "author", e->author);
          esc_cli_json_string (builder, "entity", e->entity);
          esc_cli_json_string (builder, "indicator", e->item_code);
          esc_cli_json_string (builder, "field", e->field);
          json_builder_set_member_name (builder, "old");
          if (e->old_value != NULL)
            json_builder_add_string_value (builder, e->old_value);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "new");
          if (e->new_value != NULL)
            json_builder_add_string_value (builder, e->new_value);
          else
            json_builder_add_null_value (builder);
          esc_cli_json_string (builder, "reason", e->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  for (guint i = 0; i < entries_found->len; i++)
    {
      const EscHistoryEntry *e = g_ptr_array_index (entries_found, i);
      g_autofree char       *at = esc_thai_format_timestamp (e->at, TRUE);
      g_autofree char       *what = esc_history_entry_describe (e);

      printf ("%s  %s  %s%s%s: %s → %s%s%s\n", at, e->author,
              *e->item_code ? e->item_code : "", *e->item_code ? " " : "", what,
              e->old_value ? e->old_value : "—", e->new_value ? e->new_value : "—",
              *e->reason ? "  · " : "", e->reason);
    }
  return ESC_CLI_OK;
}
