/* esc-cli-province.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province working group's commands: participation, outreach, targets and plans,
 * readiness, benefits and the printed summaries.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "esc-cli-private.h"
#include "esc-province.h"
#include "esc-report.h"

static int
need_year (const char *command,
           int         year)
{
  if (year == 0)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --year, the fiscal year in พ.ศ. (e.g. 2569)"),
                                command);
  return ESC_CLI_OK;
}

/* "yes"/"no" (or Thai, or 1/0) into 1/0; -1 when not given; -2 when not understood. */
static int
parse_flag (const char *text)
{
  if (text == NULL)
    return -1;
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_str_equal (text, "1") ||
      g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "ใช่"))
    return 1;
  if (g_ascii_strcasecmp (text, "no") == 0 || g_str_equal (text, "0") ||
      g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "ไม่ใช่"))
    return 0;
  return -2;
}

static EscLao *
find_lao (EscStore   *store,
          const char *text,
          int        *status)
{
  g_autoptr (GError) error = NULL;
  EscLao            *lao = esc_store_find_lao (store, text, &error);

  if (lao == NULL)
    *status = esc_cli_data_error (error);
  return lao;
}

int
esc_cli_participation_set (int    argc,
                           char **argv)
{
  g_autoptr (EscStore)         store = NULL;
  g_autoptr (EscLao)           lao = NULL;
  g_autoptr (EscParticipation) after = NULL;
  g_autoptr (GError)           error = NULL;
  g_autofree char             *lao_text = NULL;
  g_autofree char             *status_text = NULL;
  g_autofree char             *result_text = NULL;
  g_autofree char             *volunteered = NULL;
  g_autofree char             *before = NULL;
  g_autofree char             *contact = NULL;
  g_autofree char             *note = NULL;
  g_autofree char             *reason = NULL;
  gboolean                     correction = FALSE;
  int                          year = 0;
  int                          status;
  EscParticipationChange       change;
  GOptionEntry                 entries[] = {
                    { "lao", 0, 0, G_OPTION_ARG_STRING, &lao_text, N_ ("Local government (DLA code or name)"), N_ ("LAO") },
                    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (พ.ศ.)"), N_ ("YEAR") },
                    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
                      N_ ("not-contacted, invited, interested, registered, preparing, submitted or result"), N_ ("STATUS") },
                    { "result", 0, 0, G_OPTION_ARG_STRING, &result_text,
                      N_ ("With --status result: excellent (ดีเยี่ยม), very-good (ดีมาก), good (ดี) or not-passed"), N_ ("RATING") },
                    { "volunteered", 0, 0, G_OPTION_ARG_STRING, &volunteered, N_ ("yes or no"), N_ ("YES|NO") },
                    { "took-part-before", 0, 0, G_OPTION_ARG_STRING, &before, N_ ("yes or no"), N_ ("YES|NO") },
                    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_ ("Contact person"), N_ ("TEXT") },
                    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("Note"), N_ ("TEXT") },
                    { "correction", 0, 0, G_OPTION_ARG_NONE, &correction,
                      N_ ("Allow any status change, to correct a mistake"), NULL },
                    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why, for the history"), N_ ("TEXT") },
                    { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK ||
      (status = need_year (argv[0], year)) != ESC_CLI_OK)
    return status;
  if (lao_text == NULL)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --lao, a DLA code or name"), argv[0]);

  esc_participation_change_init (&change);
  if (status_text != NULL)
    {
      EscParticipationStatus s;

      if (!esc_participation_status_from_string (status_text, &s))
        return esc_cli_usage_error (_ ("Unknown status “%s”: use not-contacted, invited, interested, "
                                       "registered, preparing, submitted or result"),
                                    status_text);
      change.status = s;
    }
  if (result_text != NULL)
    {
      EscParticipationResult r;

      if (!esc_participation_result_from_string (result_text, &r))
        return esc_cli_usage_error (_ ("Unknown rating “%s”: use excellent (ดีเยี่ยม), very-good "
                                       "(ดีมาก), good (ดี) or not-passed"),
                                    result_text);
      change.result = r;
    }
  change.volunteered = parse_flag (volunteered);
  change.took_part_before = parse_flag (before);
  if (change.volunteered == -2 || change.took_part_before == -2)
    return esc_cli_usage_error (_ ("--volunteered and --took-part-before take yes or no"));
  change.contact = contact;
  change.note = note;
  change.correction = correction;

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  lao = find_lao (store, lao_text, &status);
  if (lao == NULL)
    return status;

  if (!esc_store_set_participation (store, lao->uuid, year, &change, reason, &error))
    return esc_cli_data_error (error);

  after = esc_store_get_participation (store, lao->uuid, year, &error);
  if (after == NULL)
    return esc_cli_data_error (error);
  printf ("%s\t%d\t%s%s%s\n", lao->name, year, esc_participation_status_get_label (after->status),
          after->result != ESC_RESULT_NONE ? " " : "",
          esc_participation_result_get_label (after->result));

  return ESC_CLI_OK;
}

int
esc_cli_participation_list (int    argc,
                            char **argv)
{
  g_autoptr (EscStore)  store = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError)    error = NULL;
  gboolean              json = FALSE;
  int                   year = 0;
  int                   status;
  GOptionEntry          entries[] = {
             { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (พ.ศ.); every year when left out"), N_ ("YEAR") },
             { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
             { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  list = esc_store_list_participation (store, year, &error);
  if (list == NULL)
    return esc_cli_data_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const EscParticipation *p = g_ptr_array_index (list, i);
          g_autoptr (GPtrArray)   outreach = esc_store_list_outreach (store, p->lao_uuid, p->fiscal_year, NULL);

          json_builder_begin_object (builder);
          esc_cli_json_string (builder, "lao", p->lao_name);
          esc_cli_json_string (builder, "lao_uuid", p->lao_uuid);
          esc_cli_json_string (builder, "district", p->district);
          esc_cli_json_int (builder, "fiscal_year", p->fiscal_year);
          esc_cli_json_string (builder, "status", esc_participation_status_to_id (p->status));
          esc_cli_json_string (builder, "result", esc_participation_result_to_id (p->result));
          esc_cli_json_boolean (builder, "volunteered", p->volunteered);
          esc_cli_json_boolean (builder, "took_part_before", p->took_part_before);
          esc_cli_json_string (builder, "contact", p->contact);
          esc_cli_json_string (builder, "note", p->note);
          json_builder_set_member_name (builder, "outreach");
          json_builder_begin_array (builder);
          for (guint j = 0; outreach != NULL && j < outreach->len; j++)
            {
              const EscOutreach *o = g_ptr_array_index (outreach, j);

              json_builder_begin_object (builder);
              esc_cli_json_string (builder, "date", o->date);
              esc_cli_json_string (builder, "kind", esc_outreach_kind_to_id (o->kind));
              esc_cli_json_string (builder, "notes", o->notes);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  for (guint i = 0; i < list->len; i++)
    {
      const EscParticipation *p = g_ptr_array_index (list, i);

      printf ("%d\t%s\t%s\t%s%s%s\t%s%s%s\n", p->fiscal_year, p->lao_name, p->district,
              esc_participation_status_get_label (p->status),
              p->result != ESC_RESULT_NONE ? " " : "",
              esc_participation_result_get_label (p->result),
              p->volunteered ? _ ("volunteered") : "",
              p->volunteered && p->took_part_before ? ", " : "",
              p->took_part_before ? _ ("took part before") : "");
    }

  return ESC_CLI_OK;
}

int
esc_cli_participation_log (int    argc,
                           char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (EscLao)   lao = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *lao_text = NULL;
  g_autofree char     *date = NULL;
  g_autofree char     *kind_text = NULL;
  g_autofree char     *notes = NULL;
  EscOutreachKind      kind;
  int                  year = 0;
  int                  status;
  GOptionEntry         entries[] = {
            { "lao", 0, 0, G_OPTION_ARG_STRING, &lao_text, N_ ("Local government (DLA code or name)"), N_ ("LAO") },
            { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("Date, year-month-day (พ.ศ. or ค.ศ.)"), N_ ("DATE") },
            { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_ ("letter, meeting, visit or call"), N_ ("KIND") },
            { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_ ("What was said or agreed"), N_ ("TEXT") },
            { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (พ.ศ.); from the date when left out"), N_ ("YEAR") },
            { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (lao_text == NULL || date == NULL || kind_text == NULL)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --lao, --date and --kind"), argv[0]);
  if (!esc_outreach_kind_from_string (kind_text, &kind))
    return esc_cli_usage_error (_ ("Unknown kind “%s”: use letter, meeting, visit or call"), kind_text);

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  lao = find_lao (store, lao_text, &status);
  if (lao == NULL)
    return status;
  if (!esc_store_add_outreach (store, lao->uuid, year, date, kind, notes, &error))
    return esc_cli_data_error (error);

  return ESC_CLI_OK;
}

static gboolean
parse_int_list (const char *text,
                GArray     *out)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 value;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, 0, 100000, &value, NULL))
        return FALSE;
      g_array_append_val (out, value);
    }
  return out->len > 0;
}

int
esc_cli_targets_set (int    argc,
                     char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *plan_name = NULL;
  g_autofree char     *plan_uuid = NULL;
  g_autofree char     *district = NULL;
  g_autofree char     *targets_text = NULL;
  g_autofree char     *spread = NULL;
  g_autoptr (GArray)   values = g_array_new (FALSE, FALSE, sizeof (gint64));
  int                  year = 0;
  int                  first_year = 0;
  int                  n_years = 0;
  int                  target = -1;
  gboolean             remove = FALSE;
  int                  status;
  GOptionEntry         entries[] = {
            { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name, N_ ("The plan; yearly targets when left out"), N_ ("NAME") },
            { "first-year", 0, 0, G_OPTION_ARG_INT, &first_year, N_ ("Creates the plan: its first fiscal year"), N_ ("YEAR") },
            { "years", 0, 0, G_OPTION_ARG_INT, &n_years, N_ ("Creates the plan: how many years (3 or 5)"), N_ ("N") },
            { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (พ.ศ.) of one target"), N_ ("YEAR") },
            { "target", 0, 0, G_OPTION_ARG_INT, &target, N_ ("Number of participants"), N_ ("N") },
            { "targets", 0, 0, G_OPTION_ARG_STRING, &targets_text, N_ ("One target per year of the plan"), N_ ("N,N,…") },
            { "spread", 0, 0, G_OPTION_ARG_STRING, &spread, N_ ("Targets rising evenly over the plan"), N_ ("FIRST:LAST") },
            { "district", 0, 0, G_OPTION_ARG_STRING, &district, N_ ("A district (อำเภอ); the province when left out"), N_ ("NAME") },
            { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_ ("Remove the target of --year"), NULL },
            { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;

  if (targets_text != NULL && !parse_int_list (targets_text, values))
    return esc_cli_usage_error (_ ("--targets takes whole numbers separated by commas, e.g. 4,6,8"));
  if (spread != NULL)
    {
      int  a, b;
      char tail;

      if (sscanf (spread, "%d:%d%c", &a, &b, &tail) != 2 || a < 0 || b < 0)
        return esc_cli_usage_error (_ ("--spread takes FIRST:LAST, e.g. 4:10"));
      gint64 first = a, last = b;

      g_array_set_size (values, 0);
      g_array_append_val (values, first);
      g_array_append_val (values, last);
    }
  if (values->len == 0 && year == 0)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --year and --target, or --plan with --targets "
                                   "or --spread"),
                                argv[0]);
  if (values->len == 0 && target < 0 && !remove)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --target N (or --remove)"), argv[0]);
  if (values->len > 0 && plan_name == NULL)
    return esc_cli_usage_error (_ ("--targets and --spread belong to a plan: give --plan"));

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;

  if (plan_name != NULL)
    {
      if (first_year != 0 || n_years != 0)
        {
          if (first_year == 0 || n_years == 0)
            return esc_cli_usage_error (_ ("A new plan needs both --first-year and --years"));
          plan_uuid = esc_store_create_plan (store, plan_name, first_year, n_years, &error);
          if (plan_uuid == NULL)
            return esc_cli_data_error (error);
        }
      {
        g_autoptr (EscPlan) plan = esc_store_find_plan (store, plan_name, &error);

        if (plan == NULL)
          return esc_cli_data_error (error);
        g_free (plan_uuid);
        plan_uuid = g_strdup (plan->uuid);
        first_year = plan->first_year;
        n_years = plan->n_years;
      }
    }

  if (values->len > 0)
    {
      g_autoptr (GPtrArray) yearly = NULL;

      if (spread != NULL)
        yearly = esc_plan_spread_targets (first_year, n_years, (int) g_array_index (values, gint64, 0),
                                          (int) g_array_index (values, gint64, 1));
      else
        {
          if ((int) values->len != n_years)
            return esc_cli_usage_error (_ ("The plan “%s” runs over %d years, but --targets gives %u"),
                                        plan_name, n_years, values->len);
          yearly = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_target_free);
          for (guint i = 0; i < values->len; i++)
            g_ptr_array_add (yearly, esc_target_new (first_year + i, district,
                                                     (int) g_array_index (values, gint64, i)));
        }

      /* All years in one batch: a bad district leaves every target as it was. */
      if (!esc_store_begin_batch (store, &error))
        return esc_cli_data_error (error);
      for (guint i = 0; i < yearly->len; i++)
        {
          const EscTarget *t = g_ptr_array_index (yearly, i);

          if (!esc_store_set_target (store, plan_uuid, t->fiscal_year, district, t->target, &error))
            {
              esc_store_end_batch (store, FALSE, NULL);
              return esc_cli_data_error (error);
            }
        }
      if (!esc_store_end_batch (store, TRUE, &error))
        return esc_cli_data_error (error);
      return ESC_CLI_OK;
    }

  if (!esc_store_set_target (store, plan_uuid, year, district, remove ? -1 : target, &error))
    return esc_cli_data_error (error);

  return ESC_CLI_OK;
}

static void
add_cell_json (JsonBuilder           *builder,
               const EscProgressCell *cell)
{
  json_builder_begin_object (builder);
  esc_cli_json_int (builder, "fiscal_year", cell->fiscal_year);
  esc_cli_json_string (builder, "district", cell->district);
  json_builder_set_member_name (builder, "target");
  if (cell->target >= 0)
    json_builder_add_int_value (builder, cell->target);
  else
    json_builder_add_null_value (builder);
  esc_cli_json_int (builder, "actual", cell->actual);
  json_builder_set_member_name (builder, "laos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cell->laos->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (cell->laos, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_cell (const EscProgressCell *cell,
            const char            *indent)
{
  g_autofree char *names = NULL;

  g_ptr_array_add (cell->laos, NULL);
  names = g_strjoinv (", ", (char **) cell->laos->pdata);
  g_ptr_array_remove_index (cell->laos, cell->laos->len - 1);

  if (cell->target >= 0)
    printf ("%s%d\t%s\t%s %d\t%s %d\t%s\n", indent, cell->fiscal_year,
            cell->district[0] ? cell->district : _ ("province"), _ ("target"), cell->target,
            _ ("actual"), cell->actual, names);
  else
    printf ("%s%d\t%s\t%s –\t%s %d\t%s\n", indent, cell->fiscal_year,
            cell->district[0] ? cell->district : _ ("province"), _ ("target"), _ ("actual"),
            cell->actual, names);
}

int
esc_cli_targets_show (int    argc,
                      char **argv)
{
  g_autoptr (EscStore)        store = NULL;
  g_autoptr (GError)          error = NULL;
  g_autoptr (EscPlan)         plan = NULL;
  g_autoptr (GPtrArray)       targets = NULL;
  g_autoptr (GPtrArray)       participations = NULL;
  g_autoptr (EscPlanProgress) progress = NULL;
  g_autofree char            *plan_name = NULL;
  gboolean                    json = FALSE;
  int                         year = 0;
  int                         status;
  GOptionEntry                entries[] = {
                   { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name, N_ ("The plan to show"), N_ ("NAME") },
                   { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Without --plan: the fiscal year of the yearly targets"), N_ ("YEAR") },
                   { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                   { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (plan_name == NULL && year == 0)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --plan NAME or --year YEAR"), argv[0]);

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;

  if (plan_name != NULL)
    {
      plan = esc_store_find_plan (store, plan_name, &error);
      if (plan == NULL)
        return esc_cli_data_error (error);
    }
  else
    plan = esc_plan_new (_ ("Yearly targets"), year, 1);

  targets = esc_store_list_targets (store, plan->uuid, &error);
  if (targets == NULL)
    return esc_cli_data_error (error);
  participations = esc_store_list_participation (store, 0, &error);
  if (participations == NULL)
    return esc_cli_data_error (error);
  progress = esc_plan_progress_compute (plan, targets, participations);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_object (builder);
      esc_cli_json_string (builder, "plan", plan->name);
      esc_cli_json_int (builder, "first_year", plan->first_year);
      esc_cli_json_int (builder, "years", plan->n_years);
      esc_cli_json_int (builder, "total_target", progress->total_target);
      esc_cli_json_int (builder, "total_actual", progress->total_actual);
      esc_cli_json_int (builder, "distinct_laos", progress->distinct_laos);
      json_builder_set_member_name (builder, "province");
      json_builder_begin_array (builder);
      for (guint i = 0; i < progress->province->len; i++)
        add_cell_json (builder, g_ptr_array_index (progress->province, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "districts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < progress->cells->len; i++)
        add_cell_json (builder, g_ptr_array_index (progress->cells, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < progress->problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (progress->problems, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  printf ("%s (%d–%d)\n", plan->name, plan->first_year, plan->first_year + plan->n_years - 1);
  for (guint y = 0; y < progress->n_years; y++)
    {
      print_cell (g_ptr_array_index (progress->province, y), "");
      for (guint d = 0; d < progress->districts->len; d++)
        {
          const EscProgressCell *cell = g_ptr_array_index (progress->cells, y * progress->districts->len + d);

          if (cell->target >= 0 || cell->actual > 0)
            print_cell (cell, "  ");
        }
    }
  printf (_ ("Total: target %d, actual %d; %d local governments took part in the plan's years\n"),
          progress->total_target, progress->total_actual, progress->distinct_laos);
  for (guint i = 0; i < progress->problems->len; i++)
    printf ("%s: %s\n", _ ("Warning"), (const char *) g_ptr_array_index (progress->problems, i));

  return ESC_CLI_OK;
}

int
esc_cli_readiness (int    argc,
                   char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *lao_text = NULL;
  gboolean             json = FALSE;
  int                  year = 0;
  int                  status;
  GOptionEntry         entries[] = {
            { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (พ.ศ.)"), N_ ("YEAR") },
            { "lao", 0, 0, G_OPTION_ARG_STRING, &lao_text, N_ ("Only this local government"), N_ ("LAO") },
            { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
            { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK ||
      (status = need_year (argv[0], year)) != ESC_CLI_OK)
    return status;

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;

  if (lao_text != NULL)
    {
      g_autoptr (EscLao)       lao = find_lao (store, lao_text, &status);
      g_autoptr (EscReadiness) readiness = NULL;
      g_autoptr (GPtrArray)    actions = NULL;

      if (lao == NULL)
        return status;
      readiness = esc_province_load_readiness (store, lao, year, &error);
      if (error != NULL)
        return esc_cli_data_error (error);
      if (readiness == NULL)
        return esc_cli_data_error_printf (_ ("%s has no assessment for fiscal year %d: start one with "
                                             "“esc-cli assess new”"),
                                          lao->name, year);
      actions = esc_readiness_to_actions (readiness);
      if (json)
        {
          g_autoptr (JsonBuilder) builder = json_builder_new ();
          g_autoptr (JsonNode)    root = NULL;

          json_builder_begin_object (builder);
          esc_cli_json_string (builder, "lao", lao->name);
          esc_cli_json_int (builder, "items", readiness->n_items);
          esc_cli_json_int (builder, "ready", readiness->n_ready);
          json_builder_set_member_name (builder, "gaps");
          json_builder_begin_array (builder);
          for (guint i = 0; i < readiness->items->len; i++)
            {
              const EscReadinessItem *item = g_ptr_array_index (readiness->items, i);

              json_builder_begin_object (builder);
              esc_cli_json_string (builder, "indicator", item->item->code);
              json_builder_set_member_name (builder, "gaps");
              json_builder_begin_array (builder);
              for (guint g = 0; g < ESC_N_GAPS; g++)
                if (item->gaps & (1u << g))
                  {
                    const char *ids[] = { "needs-fix", "no-score", "no-evidence", "no-pages", "below-pass" };

                    json_builder_add_string_value (builder, ids[g]);
                  }
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "actions");
          json_builder_begin_array (builder);
          for (guint i = 0; i < actions->len; i++)
            json_builder_add_string_value (builder, g_ptr_array_index (actions, i));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          esc_cli_print_json (root);
          return ESC_CLI_OK;
        }

      printf (_ ("%s: %u of %u indicators ready for the central review\n"), lao->name,
              readiness->n_ready, readiness->n_items);
      for (guint i = 0; i < actions->len; i++)
        printf ("%u. %s\n", i + 1, (const char *) g_ptr_array_index (actions, i));
      return ESC_CLI_OK;
    }

  {
    g_autoptr (GPtrArray) names = NULL;
    g_autoptr (GPtrArray) all = esc_province_load_all_readiness (store, year, &names, &error);
    g_autoptr (GPtrArray) entries_list = NULL;

    if (all == NULL)
      return esc_cli_data_error (error);
    entries_list = esc_readiness_summarize (all, names);

    if (json)
      {
        g_autoptr (JsonBuilder) builder = json_builder_new ();
        g_autoptr (JsonNode)    root = NULL;

        json_builder_begin_array (builder);
        for (guint i = 0; i < entries_list->len; i++)
          {
            const EscPrepareEntry *entry = g_ptr_array_index (entries_list, i);

            json_builder_begin_object (builder);
            esc_cli_json_string (builder, "indicator", entry->item->code);
            esc_cli_json_string (builder, "gap", esc_gap_get_label (entry->gap));
            json_builder_set_member_name (builder, "laos");
            json_builder_begin_array (builder);
            for (guint j = 0; j < entry->laos->len; j++)
              json_builder_add_string_value (builder, g_ptr_array_index (entry->laos, j));
            json_builder_end_array (builder);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        root = json_builder_get_root (builder);
        esc_cli_print_json (root);
        return ESC_CLI_OK;
      }

    printf (_ ("What to prepare next, fiscal year %d (%u local governments with an assessment)\n"),
            year, all->len);
    for (guint i = 0; i < entries_list->len; i++)
      {
        const EscPrepareEntry *entry = g_ptr_array_index (entries_list, i);
        g_autofree char       *laos = NULL;

        g_ptr_array_add (entry->laos, NULL);
        laos = g_strjoinv (", ", (char **) entry->laos->pdata);
        g_ptr_array_remove_index (entry->laos, entry->laos->len - 1);
        printf ("%u. %s %s\t%s\t%u\t%s\n", i + 1, _ ("Indicator"), entry->item->code,
                esc_gap_get_label (entry->gap), entry->laos->len, laos);
      }
  }

  return ESC_CLI_OK;
}

int
esc_cli_benefits_set (int    argc,
                      char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *province = NULL;
  g_autofree char     *text = NULL;
  g_autofree char     *file = NULL;
  int                  status;
  GOptionEntry         entries[] = {
            { "province", 0, 0, G_OPTION_ARG_STRING, &province, N_ ("Province (จังหวัด)"), N_ ("NAME") },
            { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_ ("The benefits of taking part"), N_ ("TEXT") },
            { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_ ("Read the text from a UTF-8 file"), N_ ("FILE") },
            { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (province == NULL || (text == NULL) == (file == NULL))
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --province and one of --text or --file"), argv[0]);

  if (file != NULL)
    {
      if (!g_file_get_contents (file, &text, NULL, &error))
        return esc_cli_data_error (error);
      if (!g_utf8_validate (text, -1, NULL))
        return esc_cli_data_error_printf (_ ("%s is not UTF-8 text: save it as UTF-8 and try again"), file);
      g_strchomp (text);
    }

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  if (!esc_store_set_benefits (store, province, text, &error))
    return esc_cli_data_error (error);

  return ESC_CLI_OK;
}

int
esc_cli_report_lao (int    argc,
                    char **argv)
{
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (EscLao)        lao = NULL;
  g_autoptr (EscLaoSummary) report = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *lao_text = NULL;
  g_autofree char          *output = NULL;
  int                       year = 0;
  int                       status;
  GOptionEntry              entries[] = {
                 { "lao", 0, 0, G_OPTION_ARG_STRING, &lao_text, N_ ("Local government (DLA code or name)"), N_ ("LAO") },
                 { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (พ.ศ.)"), N_ ("YEAR") },
                 { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The PDF to write"), N_ ("OUT.pdf") },
                 { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK ||
      (status = need_year (argv[0], year)) != ESC_CLI_OK)
    return status;
  if (lao_text == NULL || output == NULL)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs --lao and -o OUT.pdf"), argv[0]);

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  lao = find_lao (store, lao_text, &status);
  if (lao == NULL)
    return status;

  report = esc_lao_summary_collect (store, lao->uuid, year, &error);
  if (report == NULL || !esc_lao_summary_write_pdf (report, output, &error))
    return esc_cli_data_error (error);

  return ESC_CLI_OK;
}

int
esc_cli_report_province (int    argc,
                         char **argv)
{
  g_autoptr (EscStore)           store = NULL;
  g_autoptr (EscProvinceSummary) report = NULL;
  g_autoptr (GError)             error = NULL;
  g_autofree char               *province = NULL;
  g_autofree char               *output = NULL;
  int                            year = 0;
  int                            status;
  GOptionEntry                   entries[] = {
                      { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("Fiscal year (พ.ศ.)"), N_ ("YEAR") },
                      { "province", 0, 0, G_OPTION_ARG_STRING, &province, N_ ("Province (จังหวัด); the workspace's when left out"), N_ ("NAME") },
                      { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The PDF to write"), N_ ("OUT.pdf") },
                      { NULL }
  };

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK ||
      (status = need_year (argv[0], year)) != ESC_CLI_OK)
    return status;
  if (output == NULL)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs -o OUT.pdf"), argv[0]);

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;

  report = esc_province_summary_collect (store, province, year, &error);
  if (report == NULL || !esc_province_summary_write_pdf (report, output, &error))
    return esc_cli_data_error (error);

  return ESC_CLI_OK;
}
