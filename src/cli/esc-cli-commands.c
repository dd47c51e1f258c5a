/* esc-cli-commands.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace, framework, local-government, assessment and answer commands.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include "esc-cli-private.h"
#include "esc-lao-csv.h"
#include "esc-scoring.h"

static double
round2 (double value)
{
  return round (value * 100.0) / 100.0;
}

/* Parses the CSV and imports it in one transaction; prints every bad row. */
static int
import_laos (EscStore     *store,
             EscFramework *framework,
             const char   *csv_path)
{
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  guint                 added = 0;
  guint                 updated = 0;

  laos = esc_lao_csv_parse_file (csv_path, framework, &problems, &error);
  if (laos == NULL)
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        fprintf (stderr, "%s: %s\n", csv_path, (const char *) g_ptr_array_index (problems, i));
      return esc_cli_data_error (error);
    }

  if (!esc_store_import_laos (store, laos, &added, &updated, &error))
    return esc_cli_data_error (error);

  fprintf (stderr, _ ("Imported %u local governments (%u new, %u updated)\n"), laos->len, added, updated);
  return ESC_CLI_OK;
}

int
esc_cli_new (int    argc,
             char **argv)
{
  g_autofree char         *framework_path = NULL;
  g_autofree char         *laos_path = NULL;
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GError)       error = NULL;
  GOptionEntry             entries[] = {
                { "framework", 0, 0, G_OPTION_ARG_FILENAME, &framework_path, N_ ("Framework file (default: the shipped one)"), N_ ("FILE") },
                { "laos", 0, 0, G_OPTION_ARG_FILENAME, &laos_path, N_ ("Local governments to import (CSV)"), N_ ("CSV") },
                { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("the path of the new workspace"))) != ESC_CLI_OK)
    return status;

  if (framework_path != NULL)
    framework = esc_framework_new_from_file (framework_path, &error);
  else
    framework = esc_framework_new_default (&error);
  if (framework == NULL)
    return esc_cli_data_error (error);

  store = esc_store_create (argv[1], framework, &error);
  if (store == NULL)
    return esc_cli_data_error (error);

  if (laos_path != NULL && (status = import_laos (store, framework, laos_path)) != ESC_CLI_OK)
    {
      /* Leave no half-made workspace behind. */
      g_clear_object (&store);
      static const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (argv[1], suffixes[i], NULL);

          g_remove (file);
        }
      return status;
    }

  return ESC_CLI_OK;
}

int
esc_cli_framework_check (int    argc,
                         char **argv)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GError)       error = NULL;
  GOptionEntry             entries[] = { { NULL } };
  guint                    n_parts = 0;
  int                      status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "FILE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a framework file"))) != ESC_CLI_OK)
    return status;

  framework = esc_framework_new_from_file (argv[1], &error);
  if (framework == NULL)
    return esc_cli_data_error (error);

  for (guint i = 0; i < esc_framework_get_n_indicators (framework); i++)
    n_parts += esc_framework_get_indicator (framework, i)->n_parts;

  printf (_ ("%s: framework %s, fiscal year %d: %u components, %u indicators (%u parts), %u scorable items\n"),
          argv[1],
          esc_framework_get_id (framework),
          esc_framework_get_fiscal_year (framework),
          esc_framework_get_n_components (framework),
          esc_framework_get_n_indicators (framework),
          n_parts,
          esc_framework_get_n_items (framework));
  return ESC_CLI_OK;
}

int
esc_cli_laos_import (int    argc,
                     char **argv)
{
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (EscFramework) framework = NULL;
  g_autofree char         *framework_uuid = NULL;
  g_autoptr (GError)       error = NULL;
  GOptionEntry             entries[] = { { NULL } };
  int                      status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE CSV"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 2, 2, _ ("a workspace and a CSV file"))) != ESC_CLI_OK)
    return status;

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;

  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  if (framework_uuid == NULL)
    return esc_cli_data_error (error);
  framework = esc_store_get_framework (store, framework_uuid, &error);
  if (framework == NULL)
    return esc_cli_data_error (error);

  return import_laos (store, framework, argv[2]);
}

int
esc_cli_laos_list (int    argc,
                   char **argv)
{
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GError)    error = NULL;
  gboolean              json = FALSE;
  GOptionEntry          entries[] = {
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

  laos = esc_store_list_laos (store, &error);
  if (laos == NULL)
    return esc_cli_data_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < laos->len; i++)
        {
          const EscLao *lao = g_ptr_array_index (laos, i);

          json_builder_begin_object (builder);
          esc_cli_json_string (builder, "code", lao->code ? lao->code : "");
          esc_cli_json_string (builder, "name", lao->name);
          esc_cli_json_string (builder, "type", lao->type);
          esc_cli_json_string (builder, "district", lao->district);
          esc_cli_json_string (builder, "province", lao->province);
          esc_cli_json_string (builder, "uuid", lao->uuid);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  for (guint i = 0; i < laos->len; i++)
    {
      const EscLao *lao = g_ptr_array_index (laos, i);

      printf ("%s\t%s\t%s\t%s\n", lao->code ? lao->code : "-", lao->name, lao->type, lao->district);
    }

  return ESC_CLI_OK;
}

int
esc_cli_assess_new (int    argc,
                    char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (EscLao)   lao = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *lao_text = NULL;
  g_autofree char     *kind = NULL;
  g_autofree char     *assessor = NULL;
  g_autofree char     *uuid = NULL;
  int                  year = 0;
  GOptionEntry         entries[] = {
            { "lao", 0, 0, G_OPTION_ARG_STRING, &lao_text, N_ ("Local government: code, name or part of the name"), N_ ("CODE_OR_NAME") },
            { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (Buddhist era), e.g. 2568"), N_ ("YEAR") },
            { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("self, review or site (default self)"), N_ ("KIND") },
            { "assessor", 0, 0, G_OPTION_ARG_STRING, &assessor, N_ ("Assessor's name"), N_ ("NAME") },
            { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (lao_text == NULL)
    return esc_cli_usage_error (_ ("“esc-cli assess new” needs --lao"));
  if (year == 0)
    return esc_cli_usage_error (_ ("“esc-cli assess new” needs --year, e.g. --year 2568"));

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  if (assessor != NULL)
    esc_store_set_author (store, assessor);

  lao = esc_store_find_lao (store, lao_text, &error);
  if (lao == NULL)
    return esc_cli_data_error (error);

  uuid = esc_store_create_assessment (store, lao->uuid, year, NULL, kind, assessor, &error);
  if (uuid == NULL)
    return esc_cli_data_error (error);

  printf ("%s\n", uuid);
  return ESC_CLI_OK;
}

/* Accepts "7", "7.5"; refuses anything else with a message. */
static gboolean
parse_number (const char *option,
              const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return TRUE;

  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*value))
    {
      esc_cli_usage_error (_ ("--%s expects a number, not “%s”"), option, text);
      return FALSE;
    }

  return TRUE;
}

int
esc_cli_answer_set (int    argc,
                    char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *assessment = NULL;
  g_autofree char     *indicator = NULL;
  g_autofree char     *process = NULL;
  g_autofree char     *output = NULL;
  g_autofree char     *outcome = NULL;
  g_autofree char     *lpa = NULL;
  g_autofree char     *note = NULL;
  g_autofree char     *check = NULL;
  g_autofree char     *reason = NULL;
  GOptionEntry         entries[] = {
            { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment, N_ ("Assessment id"), N_ ("ID") },
            { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_ ("Indicator code, e.g. 7 or 19.1"), N_ ("CODE") },
            { "process", 0, 0, G_OPTION_ARG_STRING, &process, N_ ("Process points"), N_ ("N") },
            { "output", 0, 0, G_OPTION_ARG_STRING, &output, N_ ("Output points"), N_ ("N") },
            { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_ ("Outcome points"), N_ ("N") },
            { "lpa", 0, 0, G_OPTION_ARG_STRING, &lpa, N_ ("LPA result in percent"), N_ ("N") },
            { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("Note"), N_ ("TEXT") },
            { "check", 0, 0, G_OPTION_ARG_STRING, &check, N_ ("Criteria ticked, e.g. 1,3"), N_ ("LIST") },
            { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why the value changed"), N_ ("TEXT") },
            { NULL }
  };
  struct
  {
    const char  *key;
    const char **text;
  } values[] = {
    { "process", (const char **) &process },
    { "output", (const char **) &output },
    { "outcome", (const char **) &outcome },
    { "lpa", (const char **) &lpa },
  };
  EscAnswerChange change;
  int             status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (assessment == NULL || indicator == NULL)
    return esc_cli_usage_error (_ ("“esc-cli answer set” needs --assessment and --indicator"));

  esc_answer_change_init (&change, indicator);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double value;

      if (*values[i].text == NULL)
        continue;
      if (!parse_number (values[i].key, *values[i].text, &value))
        return ESC_CLI_USAGE_ERROR;
      esc_answer_change_set_value (&change, values[i].key, value);
    }
  change.note = note;
  change.checked = check;

  if (change.n_values == 0 && note == NULL && check == NULL)
    return esc_cli_usage_error (_ ("Nothing to set: give points, --lpa, --note or --check"));

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;

  if (!esc_store_apply_answer (store, assessment, &change, reason, &error))
    return esc_cli_data_error (error);

  return ESC_CLI_OK;
}

static void
add_text_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_double_member (JsonBuilder *builder,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, round2 (value));
}

int
esc_cli_show (int    argc,
              char **argv)
{
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (GError)        error = NULL;
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (EscLao)        lao = NULL;
  g_autoptr (EscFramework)  framework = NULL;
  g_autoptr (GPtrArray)     answers = NULL;
  g_autoptr (EscScore)      score = NULL;
  g_autofree char          *id = NULL;
  gboolean                  json = FALSE;
  GOptionEntry              entries[] = {
                 { "assessment", 0, 0, G_OPTION_ARG_STRING, &id, N_ ("Assessment id"), N_ ("ID") },
                 { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                 { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (id == NULL)
    return esc_cli_usage_error (_ ("“esc-cli show” needs --assessment"));

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;

  if ((assessment = esc_store_get_assessment (store, id, &error)) == NULL ||
      (lao = esc_store_get_lao (store, assessment->lao_uuid, &error)) == NULL ||
      (framework = esc_store_get_framework (store, assessment->framework_uuid, &error)) == NULL ||
      (answers = esc_store_load_answers (store, assessment->uuid, &error)) == NULL)
    return esc_cli_data_error (error);

  score = esc_score_compute (framework, lao->type, answers);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_object (builder);
      add_text_member (builder, "assessment", assessment->uuid);
      esc_cli_json_int (builder, "year", assessment->fiscal_year);
      add_text_member (builder, "kind", assessment->kind);
      add_text_member (builder, "assessor", assessment->assessor);
      add_text_member (builder, "status", assessment->status);
      add_text_member (builder, "framework", esc_framework_get_id (framework));

      json_builder_set_member_name (builder, "lao");
      json_builder_begin_object (builder);
      add_text_member (builder, "code", lao->code);
      add_text_member (builder, "name", lao->name);
      add_text_member (builder, "type", lao->type);
      add_text_member (builder, "district", lao->district);
      add_text_member (builder, "province", lao->province);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "indicators");
      json_builder_begin_array (builder);
      for (guint i = 0; i < score->n_indicators; i++)
        {
          const EscIndicatorScore *s = &score->indicators[i];

          json_builder_begin_object (builder);
          add_text_member (builder, "code", s->indicator->code);
          add_text_member (builder, "component", s->indicator->component_id);
          add_double_member (builder, "points", s->points);
          add_double_member (builder, "max", s->max);
          add_text_member (builder, "status", esc_item_state_to_string (s->state));
          esc_cli_json_boolean (builder, "scored", s->scored);
          esc_cli_json_boolean (builder, "has_evidence", s->has_evidence);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "components");
      json_builder_begin_array (builder);
      for (guint i = 0; i < score->n_components; i++)
        {
          const EscComponentScore *c = &score->components[i];

          json_builder_begin_object (builder);
          add_text_member (builder, "id", c->component->id);
          add_double_member (builder, "points", c->points);
          add_double_member (builder, "max", c->max);
          add_double_member (builder, "percent", c->percent);
          add_double_member (builder, "weight_percent", c->component->weight_percent);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      add_double_member (builder, "total_percent", score->total_percent);
      json_builder_set_member_name (builder, "pass_mark_percent");
      if (score->pass_mark_percent >= 0)
        json_builder_add_double_value (builder, score->pass_mark_percent);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "passed");
      if (score->passed >= 0)
        json_builder_add_boolean_value (builder, score->passed == 1);
      else
        json_builder_add_null_value (builder);
      esc_cli_json_int (builder, "complete", score->n_complete);
      esc_cli_json_int (builder, "with_evidence", score->n_with_evidence);
      esc_cli_json_int (builder, "of", score->n_indicators);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  printf ("%s  %s (%s, %s)  %s %d\n", assessment->uuid, lao->name, lao->type, lao->district,
          _ ("fiscal year"), assessment->fiscal_year);
  for (guint i = 0; i < score->n_components; i++)
    {
      const EscComponentScore *c = &score->components[i];

      printf (_ ("Component %s: %.2f of %.0f points (%.2f %%)\n"), c->component->id, c->points, c->max, c->percent);
    }
  printf (_ ("Total: %.2f %%"), score->total_percent);
  if (score->passed >= 0)
    printf (_ (" against a pass mark of %.0f %%: %s\n"), score->pass_mark_percent,
            score->passed ? _ ("passed") : _ ("not passed"));
  else
    printf ("\n");
  printf (_ ("%u of %u indicators scored, %u with evidence\n"), score->n_complete, score->n_indicators,
          score->n_with_evidence);

  return ESC_CLI_OK;
}

int
esc_cli_check (int    argc,
               char **argv)
{
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  GOptionEntry          entries[] = { { NULL } };
  int                   status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;

  store = esc_store_open (argv[1], ESC_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      status = esc_cli_data_error (error);
      if (g_error_matches (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED))
        esc_cli_print_damage (argv[1]);
      return status;
    }

  if (!esc_store_check_integrity (store, &problems, &error))
    {
      esc_cli_print_damage (argv[1]);
      if (problems == NULL)
        return esc_cli_data_error (error);
      for (guint i = 0; i < problems->len; i++)
        fprintf (stderr, "%s: %s\n", argv[1], (const char *) g_ptr_array_index (problems, i));
      return esc_cli_data_error_printf (_ ("%s is damaged (%u problems); restore a backup or salvage it"),
                                        argv[1], problems->len);
    }

  printf (_ ("%s: ok\n"), argv[1]);
  return ESC_CLI_OK;
}
