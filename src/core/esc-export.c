/* esc-export.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports from a workspace: the reports are read on a connection of their
 * own inside one read transaction, so what is written is one consistent
 * state of the workspace while other connections keep writing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "esc-export.h"
#include "esc-province.h"
#include "esc-scoring.h"
#include "esc-store-export.h"
#include "esc-store.h"

/* Labels */

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "self") == 0)
    return C_ ("workbook", "Self-assessment");
  if (g_strcmp0 (kind, "review") == 0)
    return C_ ("workbook", "Working-group review");
  if (g_strcmp0 (kind, "site") == 0)
    return C_ ("workbook", "Site visit");
  return kind;
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return C_ ("workbook", "Draft");
  if (g_strcmp0 (status, "submitted") == 0)
    return C_ ("workbook", "Submitted");
  if (g_strcmp0 (status, "reviewed") == 0)
    return C_ ("workbook", "Reviewed");
  if (g_strcmp0 (status, "returned") == 0)
    return C_ ("workbook", "Returned");
  return status;
}

static const char *
state_label (EscItemState state)
{
  switch (state)
    {
    case ESC_ITEM_NOT_STARTED:
      return C_ ("workbook", "Not started");
    case ESC_ITEM_IN_PROGRESS:
      return C_ ("workbook", "In progress");
    case ESC_ITEM_DONE:
      return C_ ("workbook", "Done");
    case ESC_ITEM_MISSING_EVIDENCE:
      return C_ ("workbook", "No evidence yet");
    default:
      return "";
    }
}

static const char *
verdict_label (int passed)
{
  if (passed > 0)
    return C_ ("workbook", "Passed");
  if (passed == 0)
    return C_ ("workbook", "Not passed");
  return C_ ("workbook", "No pass mark");
}

static const char *
lao_type_name (EscFramework *framework,
               const char   *type)
{
  const EscLaoType *lao_type = esc_framework_lookup_lao_type (framework, type);

  return lao_type != NULL ? esc_text_get (&lao_type->name, TRUE) : type;
}

static const char *
lao_type_abbr (EscFramework *framework,
               const char   *type)
{
  const EscLaoType *lao_type = esc_framework_lookup_lao_type (framework, type);

  return lao_type != NULL && lao_type->abbr != NULL ? lao_type->abbr : type;
}

/* "1,3" → "1, 3" */
static char *
format_checked (const char *checked)
{
  g_auto (GStrv) parts = NULL;

  if (checked == NULL || *checked == '\0')
    return NULL;
  parts = g_strsplit (checked, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    g_strstrip (parts[i]);

  return g_strjoinv (", ", parts);
}

/* The position of an item code in the framework, for ordering. */
static guint
item_order (EscFramework *framework,
            const char   *code)
{
  const EscIndicator *indicator = esc_framework_lookup_indicator (framework, code);

  if (indicator == NULL)
    return G_MAXUINT;
  if (indicator->parent != NULL)
    for (guint p = 0; p < indicator->parent->n_parts; p++)
      if (indicator->parent->parts[p] == indicator)
        return indicator->position * 64 + p + 1;

  return indicator->position * 64;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const char *ca = *(const char **) a;
  const char *cb = *(const char **) b;
  guint       oa = item_order (user_data, ca);
  guint       ob = item_order (user_data, cb);

  if (oa != ob)
    return oa < ob ? -1 : 1;
  return strcmp (ca, cb);
}

/* "19.1 3 3" → "3, 19.1": unique, in framework order */
static char *
format_item_list (EscFramework *framework,
                  const char   *codes)
{
  g_auto (GStrv)         parts = g_strsplit (codes ? codes : "", " ", -1);
  g_autoptr (GPtrArray)  unique = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && g_hash_table_add (seen, parts[i]))
      g_ptr_array_add (unique, parts[i]);

  g_ptr_array_sort_with_data (unique, compare_codes, framework);
  g_ptr_array_add (unique, NULL);

  return g_strjoinv (", ", (char **) unique->pdata);
}

/* SAR */

static void
fill_item (EscSarReport       *report,
           EscFramework       *framework,
           const EscIndicator *item,
           const EscAnswer    *answer,
           GHashTable         *evidence_by_item)
{
  EscExportItem      *row = esc_export_item_new (item->code);
  const EscComponent *component = esc_framework_lookup_component (framework, item->component_id);
  const EscIssue     *issue = esc_framework_lookup_issue (framework, item->issue_id);
  GString            *evidence = g_hash_table_lookup (evidence_by_item, item->code);
  double              points;

  row->is_part = item->parent != NULL;
  row->component = g_strdup (component != NULL ? esc_text_get (&component->name, TRUE) : item->component_id);
  row->issue = g_strdup (issue != NULL ? esc_text_get (&issue->name, TRUE) : item->issue_id);
  row->name = g_strdup (esc_text_get (&item->name, TRUE));
  row->max = item->max_points;

  if (answer != NULL && item->method == ESC_SCORING_DIMENSIONS)
    for (guint d = 0; d < report->n_dimensions; d++)
      {
        const EscDimension *dimension = esc_framework_get_dimension (framework, d);
        int                 index = esc_indicator_find_dimension (item, dimension->id);

        if (index >= 0)
          row->values[d] = answer->values[index];
      }
  if (answer != NULL && item->method == ESC_SCORING_LPA)
    row->lpa_percent = answer->values[0];

  points = esc_score_item_points (item, answer);
  if (points >= 0)
    {
      row->points = points;
      row->percent = item->max_points > 0 ? 100 * points / item->max_points : NAN;
    }
  row->status = g_strdup (state_label (esc_score_item_state (item, answer)));
  if (answer != NULL)
    {
      row->checked = format_checked (answer->checked);
      row->note = g_strdup (answer->note);
    }
  row->evidence = evidence != NULL ? g_strdup (evidence->str) : NULL;

  g_ptr_array_add (report->items, row);
}

static EscSarReport *
read_sar_report (EscStore   *store,
                 const char *assessment_id,
                 GError    **error)
{
  g_autoptr (EscSarReport)  report = esc_sar_report_new ();
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (EscLao)        lao = NULL;
  g_autoptr (EscFramework)  framework = NULL;
  g_autoptr (GPtrArray)     answers = NULL;
  g_autoptr (GPtrArray)     documents = NULL;
  g_autoptr (GPtrArray)     links = NULL;
  g_autoptr (EscScore)      score = NULL;
  g_autoptr (GHashTable)    answer_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable)    evidence_by_item = NULL;
  guint                     n_dimensions;

  assessment = esc_store_get_assessment (store, assessment_id, error);
  if (assessment == NULL)
    return NULL;
  lao = esc_store_get_lao (store, assessment->lao_uuid, error);
  if (lao == NULL)
    return NULL;
  framework = esc_store_get_framework (store, assessment->framework_uuid, error);
  if (framework == NULL)
    return NULL;
  answers = esc_store_load_answers (store, assessment->uuid, error);
  if (answers == NULL)
    return NULL;
  documents = esc_store_export_documents (store, assessment->uuid, error);
  if (documents == NULL)
    return NULL;
  links = esc_store_export_links (store, assessment->uuid, error);
  if (links == NULL)
    return NULL;

  score = esc_score_compute (framework, lao->type, answers);

  report->lao_code = g_strdup (lao->code);
  report->lao_name = g_strdup (lao->name);
  report->lao_type = g_strdup (lao_type_name (framework, lao->type));
  report->district = g_strdup (lao->district);
  report->province = g_strdup (lao->province);
  report->fiscal_year = assessment->fiscal_year;
  report->kind = g_strdup (kind_label (assessment->kind));
  report->assessor = g_strdup (assessment->assessor);
  report->status = g_strdup (status_label (assessment->status));
  report->framework = g_strdup (esc_text_get (esc_framework_get_title (framework), TRUE));
  report->created_at = assessment->created_at;
  report->updated_at = assessment->updated_at;
  report->exported_at = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < score->n_components; i++)
    {
      const EscComponentScore *c = &score->components[i];

      g_ptr_array_add (report->components,
                       esc_export_component_new (c->component->id, esc_text_get (&c->component->name, TRUE),
                                                 c->points, c->max, c->percent));
    }
  report->total_percent = score->total_percent;
  report->pass_mark_percent = score->pass_mark_percent;
  report->passed = score->passed;
  report->n_complete = score->n_complete;
  report->n_indicators = score->n_indicators;
  report->n_with_evidence = score->n_with_evidence;

  n_dimensions = MIN (esc_framework_get_n_dimensions (framework), ESC_MAX_DIMENSIONS);
  report->n_dimensions = n_dimensions;
  for (guint d = 0; d < n_dimensions; d++)
    report->dimension_names[d] = g_strdup (esc_text_get (&esc_framework_get_dimension (framework, d)->name, TRUE));

  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer *answer = g_ptr_array_index (answers, i);

      g_hash_table_insert (answer_by_code, answer->item_code, answer);
    }

  /* The evidence of each item, one line per link: "title (pages)" */
  evidence_by_item = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < links->len; i++)
    {
      EscExportLink *link = g_ptr_array_index (links, i);
      GString       *lines = g_hash_table_lookup (evidence_by_item, link->item_code);

      if (lines == NULL)
        {
          lines = g_string_new (NULL);
          g_hash_table_insert (evidence_by_item, g_strdup (link->item_code), lines);
        }
      if (lines->len > 0)
        g_string_append_c (lines, '\n');
      g_string_append (lines, link->title);
      if (link->pages != NULL && *link->pages != '\0')
        /* TRANSLATORS: the pages of a document used as evidence, "3-5, 9" */
        g_string_append_printf (lines, C_ ("workbook", " (pages %s)"), link->pages);
    }

  for (guint i = 0; i < esc_framework_get_n_indicators (framework); i++)
    {
      const EscIndicator *indicator = esc_framework_get_indicator (framework, i);

      if (indicator->method == ESC_SCORING_PARTS)
        {
          const EscIndicatorScore *s = &score->indicators[i];
          EscExportItem           *row;
          gboolean                 any = FALSE;

          fill_item (report, framework, indicator, NULL, evidence_by_item);
          row = g_ptr_array_index (report->items, report->items->len - 1);
          for (guint p = 0; p < indicator->n_parts; p++)
            any |= g_hash_table_contains (answer_by_code, indicator->parts[p]->code);
          if (any)
            {
              row->points = s->points;
              row->percent = s->max > 0 ? 100 * s->points / s->max : NAN;
            }
          g_free (row->status);
          row->status = g_strdup (state_label (s->state));

          for (guint p = 0; p < indicator->n_parts; p++)
            fill_item (report, framework, indicator->parts[p],
                       g_hash_table_lookup (answer_by_code, indicator->parts[p]->code), evidence_by_item);
        }
      else
        fill_item (report, framework, indicator, g_hash_table_lookup (answer_by_code, indicator->code),
                   evidence_by_item);
    }

  {
    GHashTableIter iter;
    GString       *lines;

    g_hash_table_iter_init (&iter, evidence_by_item);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lines))
      g_string_free (lines, TRUE);
  }

  for (guint i = 0; i < documents->len; i++)
    {
      EscExportDocument *document = g_ptr_array_index (documents, i);
      char              *items = format_item_list (framework, document->items);

      g_free (document->items);
      document->items = items;
    }
  g_ptr_array_extend_and_steal (report->documents, g_steal_pointer (&documents));
  g_ptr_array_extend_and_steal (report->links, g_steal_pointer (&links));

  /* Who changed what: the workbook's ประวัติ sheet. */
  {
    GPtrArray *history = esc_history_list (store, assessment->uuid, NULL, error);

    if (history == NULL)
      return NULL;
    g_ptr_array_extend_and_steal (report->history, history);
  }

  return g_steal_pointer (&report);
}

static gboolean
export_blob (const char    *sha256,
             GOutputStream *stream,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  return esc_store_export_blob (user_data, sha256, stream, cancellable, error);
}

static void
report_progress (EscExportProgressFunc progress,
                 gpointer              progress_data,
                 double                fraction,
                 const char           *message)
{
  if (progress != NULL)
    progress (fraction, message, progress_data);
}

typedef struct
{
  EscExportProgressFunc progress;
  gpointer              progress_data;
  double                from;
  double                to;
} ProgressRange;

static void
scaled_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  ProgressRange *range = user_data;

  report_progress (range->progress, range->progress_data,
                   range->from + fraction * (range->to - range->from), message);
}

gboolean
esc_export_sar (const char           *workspace_path,
                const char           *assessment_id,
                const char           *xlsx_path,
                const char           *evidence_dir,
                EscExportFlags        flags,
                EscExportProgressFunc progress,
                gpointer              progress_data,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (EscSarReport) report = NULL;
  ProgressRange            range = { progress, progress_data, 0.3, 1.0 };
  gboolean                 ok = FALSE;

  g_return_val_if_fail (workspace_path != NULL, FALSE);
  g_return_val_if_fail (assessment_id != NULL, FALSE);
  g_return_val_if_fail (xlsx_path != NULL || evidence_dir != NULL, FALSE);

  report_progress (progress, progress_data, 0, C_ ("workbook", "Reading the workspace"));

  /* A connection of its own, read-only: the export never changes the workspace. */
  store = esc_store_open (workspace_path, ESC_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return FALSE;
  if (!esc_store_begin_snapshot (store, error))
    return FALSE;
  report_progress (progress, progress_data, 0.05, C_ ("workbook", "Reading the workspace"));

  report = read_sar_report (store, assessment_id, error);
  if (report == NULL)
    goto out;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (xlsx_path != NULL)
    {
      report_progress (progress, progress_data, 0.2, C_ ("workbook", "Writing the workbook"));
      if (!esc_sar_report_write (report, xlsx_path, flags, cancellable, error))
        goto out;
    }

  /* The evidence is read inside the same snapshot as the workbook. */
  if (evidence_dir != NULL &&
      !esc_export_write_evidence (report, evidence_dir, flags, export_blob, store,
                                  scaled_progress, &range, cancellable, error))
    goto out;

  report_progress (progress, progress_data, 1.0, C_ ("workbook", "Done"));
  ok = TRUE;

out:
  esc_store_end_snapshot (store);
  return ok;
}

/* Province */

typedef struct
{
  EscProvinceReport    *report;
  EscFramework         *framework;  /* the columns of the matrix */
  GHashTable           *best;       /* lao uuid → Candidate */
  GHashTable           *frameworks; /* framework uuid → EscFramework, by the store */
  guint                 n_seen;
  guint                 n_expected;
  EscExportProgressFunc progress;
  gpointer              progress_data;
} ProvinceRead;

typedef struct
{
  int             kind_rank;
  gint64          updated_at;
  EscProvinceRow *row;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  if (candidate->row != NULL)
    {
      g_free (candidate->row->component_percent);
      g_free (candidate->row->indicator_points);
      g_free (candidate->row->status);
      g_free (candidate->row->verdict);
      g_free (candidate->row);
    }
  g_free (candidate);
}

static int
kind_rank (const char *kind)
{
  /* the most advanced assessment of the year counts */
  if (g_strcmp0 (kind, "site") == 0)
    return 3;
  if (g_strcmp0 (kind, "review") == 0)
    return 2;
  return 1;
}

static void
province_assessment_cb (const EscAssessment *assessment,
                        const EscLao        *lao,
                        GPtrArray           *answers,
                        gpointer             user_data)
{
  ProvinceRead        *read = user_data;
  EscProvinceReport   *report = read->report;
  Candidate           *existing = g_hash_table_lookup (read->best, lao->uuid);
  int                  rank = kind_rank (assessment->kind);
  g_autoptr (EscScore) score = NULL;
  Candidate           *candidate;
  EscProvinceRow      *row;

  read->n_seen++;
  if ((read->n_seen & 0x7f) == 0)
    report_progress (read->progress, read->progress_data,
                     0.5 * MIN (1.0, (double) read->n_seen / MAX (read->n_expected, 1)),
                     C_ ("workbook", "Reading the workspace"));

  if (existing != NULL &&
      (existing->kind_rank > rank ||
       (existing->kind_rank == rank && existing->updated_at >= assessment->updated_at)))
    return;

  score = esc_score_compute (read->framework, lao->type, answers);

  row = g_new0 (EscProvinceRow, 1);
  row->assessed = TRUE;
  row->status = g_strdup (status_label (assessment->status));
  row->component_percent = g_new (double, MAX (report->n_components, 1));
  for (guint c = 0; c < report->n_components; c++)
    row->component_percent[c] = c < score->n_components ? score->components[c].percent : NAN;
  row->total_percent = score->total_percent;
  row->passed = score->passed;
  row->verdict = g_strdup (verdict_label (score->passed));
  row->completeness = score->n_indicators > 0 ? (double) score->n_complete / score->n_indicators : NAN;
  row->indicator_points = g_new (double, MAX (report->n_indicators, 1));
  for (guint k = 0; k < report->n_indicators; k++)
    {
      const EscIndicatorScore *s = k < score->n_indicators ? &score->indicators[k] : NULL;

      row->indicator_points[k] = s != NULL && s->state != ESC_ITEM_NOT_STARTED ? s->points : NAN;
    }

  candidate = g_new0 (Candidate, 1);
  candidate->kind_rank = rank;
  candidate->updated_at = assessment->updated_at;
  candidate->row = row;
  g_hash_table_replace (read->best, g_strdup (lao->uuid), candidate);
}

typedef struct
{
  char           *key;
  EscProvinceRow *row;
} SortRow;

static int
compare_sort_rows (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const SortRow *) a)->key, ((const SortRow *) b)->key);
}

static EscProvinceReport *
read_province_report (EscStore             *store,
                      int                   fiscal_year,
                      EscExportProgressFunc progress,
                      gpointer              progress_data,
                      GError              **error)
{
  g_autoptr (EscProvinceReport) report = NULL;
  g_autoptr (EscFramework)      framework = NULL;
  g_autoptr (GPtrArray)         laos = NULL;
  g_autoptr (GHashTable)        best = NULL;
  g_autofree char              *framework_uuid = NULL;
  g_autoptr (GArray)            sorted = NULL;
  ProvinceRead                  read = { 0 };

  laos = esc_store_list_laos (store, error);
  if (laos == NULL)
    return NULL;

  /* The matrix follows the framework of the workspace. */
  framework_uuid = esc_store_get_default_framework_uuid (store, error);
  if (framework_uuid == NULL)
    return NULL;
  framework = esc_store_get_framework (store, framework_uuid, error);
  if (framework == NULL)
    return NULL;

  report = esc_province_report_new (fiscal_year, esc_framework_get_n_components (framework),
                                    esc_framework_get_n_indicators (framework));
  report->exported_at = g_get_real_time () / G_USEC_PER_SEC;
  for (guint c = 0; c < report->n_components; c++)
    report->component_names[c] = g_strdup (esc_text_get (&esc_framework_get_component (framework, c)->name, TRUE));
  for (guint k = 0; k < report->n_indicators; k++)
    {
      const EscIndicator *indicator = esc_framework_get_indicator (framework, k);

      report->indicator_codes[k] = g_strdup (indicator->code);
      report->indicator_max[k] = indicator->max_points;
    }

  best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) candidate_free);
  read.report = report;
  read.framework = framework;
  read.best = best;
  read.n_expected = laos->len;
  read.progress = progress;
  read.progress_data = progress_data;
  if (!esc_store_foreach_assessment (store, fiscal_year, province_assessment_cb, &read, error))
    return NULL;

  /* One row per local government, by district, then name, in Thai order. */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (SortRow), laos->len);
  for (guint i = 0; i < laos->len; i++)
    {
      EscLao          *lao = g_ptr_array_index (laos, i);
      Candidate       *candidate = g_hash_table_lookup (best, lao->uuid);
      EscProvinceRow  *row;
      g_autofree char *key_text = NULL;
      SortRow          sort_row;

      if (candidate != NULL)
        {
          row = g_steal_pointer (&candidate->row);
          g_hash_table_remove (best, lao->uuid);
        }
      else
        {
          row = esc_province_row_new (report);
          row->status = g_strdup (C_ ("workbook", "Not assessed"));
        }
      row->code = g_strdup (lao->code);
      row->name = g_strdup (lao->name);
      row->district = g_strdup (lao->district);
      row->type = g_strdup (lao_type_abbr (framework, lao->type));

      key_text = g_strconcat (lao->district ? lao->district : "", "\x01", lao->name ? lao->name : "", NULL);
      sort_row.key = g_utf8_collate_key (key_text, -1);
      sort_row.row = row;
      g_array_append_val (sorted, sort_row);
    }
  g_array_sort (sorted, compare_sort_rows);
  for (guint i = 0; i < sorted->len; i++)
    {
      SortRow *sort_row = &g_array_index (sorted, SortRow, i);

      g_ptr_array_add (report->rows, sort_row->row);
      g_free (sort_row->key);
    }

  /* The working group's "what to prepare next", from the same snapshot. */
  {
    g_autoptr (GPtrArray) names = NULL;
    g_autoptr (GPtrArray) readiness = esc_province_load_all_readiness (store, fiscal_year, &names, error);
    g_autoptr (GPtrArray) entries = NULL;

    if (readiness == NULL)
      return NULL;
    entries = esc_readiness_summarize (readiness, names);
    for (guint i = 0; i < entries->len; i++)
      {
        EscPrepareEntry *entry = g_ptr_array_index (entries, i);
        g_autofree char *names_text = NULL;

        g_ptr_array_add (entry->laos, NULL);
        names_text = g_strjoinv (", ", (char **) entry->laos->pdata);
        g_ptr_array_set_size (entry->laos, entry->laos->len - 1);
        g_ptr_array_add (report->prepare,
                         esc_export_prepare_new (entry->item->code,
                                                 esc_text_get (&entry->item->name, TRUE),
                                                 esc_gap_get_label (entry->gap),
                                                 entry->laos->len, names_text));
      }
  }

  return g_steal_pointer (&report);
}

gboolean
esc_export_province (const char           *workspace_path,
                     int                   fiscal_year,
                     const char           *xlsx_path,
                     EscExportFlags        flags,
                     EscExportProgressFunc progress,
                     gpointer              progress_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr (EscStore)          store = NULL;
  g_autoptr (EscProvinceReport) report = NULL;
  ProgressRange                 range = { progress, progress_data, 0.5, 1.0 };

  g_return_val_if_fail (workspace_path != NULL, FALSE);
  g_return_val_if_fail (xlsx_path != NULL, FALSE);

  report_progress (progress, progress_data, 0, C_ ("workbook", "Reading the workspace"));

  store = esc_store_open (workspace_path, ESC_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return FALSE;
  if (!esc_store_begin_snapshot (store, error))
    return FALSE;
  report_progress (progress, progress_data, 0.05, C_ ("workbook", "Reading the workspace"));
  report = read_province_report (store, fiscal_year, progress, progress_data, error);
  esc_store_end_snapshot (store);
  g_clear_object (&store);
  if (report == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return esc_province_report_write (report, xlsx_path, flags, scaled_progress, &range, cancellable, error);
}

/* Async: the work runs on a worker thread; progress is reported on the
 * main context of the caller. */

typedef struct
{
  gatomicrefcount       ref_count;
  EscExportProgressFunc func;
  gpointer              data;
  GDestroyNotify        destroy;
  GMainContext         *context;
  double                last_fraction;
  char                 *last_message;
} ProgressTarget;

/* Always through the context's loop: g_main_context_invoke() would run the
 * function at once on the worker when the context happens to be free. */
static void
post_to_context (GMainContext  *context,
                 GSourceFunc    func,
                 gpointer       data,
                 GDestroyNotify destroy)
{
  g_autoptr (GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[esc] export progress");
  g_source_attach (source, context);
}

static gboolean
progress_destroy_cb (gpointer user_data)
{
  ProgressTarget *target = user_data;

  if (target->destroy != NULL)
    target->destroy (target->data);
  g_main_context_unref (target->context);
  g_free (target->last_message);
  g_free (target);

  return G_SOURCE_REMOVE;
}

static ProgressTarget *
progress_target_ref (ProgressTarget *target)
{
  g_atomic_ref_count_inc (&target->ref_count);
  return target;
}

static void
progress_target_unref (ProgressTarget *target)
{
  if (g_atomic_ref_count_dec (&target->ref_count))
    /* the caller's data is released on the caller's context */
    post_to_context (target->context, progress_destroy_cb, target, NULL);
}

typedef struct
{
  ProgressTarget *target;
  double          fraction;
  char           *message;
} ProgressEvent;

static gboolean
progress_event_cb (gpointer user_data)
{
  ProgressEvent *event = user_data;

  event->target->func (event->fraction, event->message, event->target->data);

  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  progress_target_unref (event->target);
  g_free (event->message);
  g_free (event);
}

/* Called on the worker: posts at most one event per percent. */
static void
post_progress (double      fraction,
               const char *message,
               gpointer    user_data)
{
  ProgressTarget *target = user_data;
  ProgressEvent  *event;

  if (target->func == NULL)
    return;
  if (fraction < 1.0 && fraction - target->last_fraction < 0.01 &&
      g_strcmp0 (message, target->last_message) == 0)
    return;
  target->last_fraction = fraction;
  g_free (target->last_message);
  target->last_message = g_strdup (message);

  event = g_new0 (ProgressEvent, 1);
  event->target = progress_target_ref (target);
  event->fraction = fraction;
  event->message = g_strdup (message);
  post_to_context (target->context, progress_event_cb, event, progress_event_free);
}

typedef struct
{
  char           *workspace_path;
  char           *assessment_id;
  int             fiscal_year;
  char           *xlsx_path;
  char           *evidence_dir;
  EscExportFlags  flags;
  ProgressTarget *progress;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->workspace_path);
  g_free (job->assessment_id);
  g_free (job->xlsx_path);
  g_free (job->evidence_dir);
  progress_target_unref (job->progress);
  g_free (job);
}

static ExportJob *
export_job_new (const char           *workspace_path,
                const char           *xlsx_path,
                EscExportFlags        flags,
                EscExportProgressFunc progress,
                gpointer              progress_data,
                GDestroyNotify        progress_destroy)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->workspace_path = g_strdup (workspace_path);
  job->xlsx_path = g_strdup (xlsx_path);
  job->flags = flags;
  job->progress = g_new0 (ProgressTarget, 1);
  g_atomic_ref_count_init (&job->progress->ref_count);
  job->progress->func = progress;
  job->progress->data = progress_data;
  job->progress->destroy = progress_destroy;
  job->progress->context = g_main_context_ref_thread_default ();
  job->progress->last_fraction = -1;

  return job;
}

static void
export_sar_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError    *error = NULL;

  if (esc_export_sar (job->workspace_path, job->assessment_id, job->xlsx_path, job->evidence_dir,
                      job->flags, post_progress, job->progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
esc_export_sar_async (const char           *workspace_path,
                      const char           *assessment_id,
                      const char           *xlsx_path,
                      const char           *evidence_dir,
                      EscExportFlags        flags,
                      EscExportProgressFunc progress,
                      gpointer              progress_data,
                      GDestroyNotify        progress_destroy,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  ExportJob        *job;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (assessment_id != NULL);
  g_return_if_fail (xlsx_path != NULL || evidence_dir != NULL);

  job = export_job_new (workspace_path, xlsx_path, flags, progress, progress_data, progress_destroy);
  job->assessment_id = g_strdup (assessment_id);
  job->evidence_dir = g_strdup (evidence_dir);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_export_sar_async);
  /* the result says what happened: a finished export is not reported cancelled */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_sar_worker);
}

gboolean
esc_export_sar_finish (GAsyncResult *result,
                       GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == esc_export_sar_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_province_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError    *error = NULL;

  if (esc_export_province (job->workspace_path, job->fiscal_year, job->xlsx_path, job->flags,
                           post_progress, job->progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
esc_export_province_async (const char           *workspace_path,
                           int                   fiscal_year,
                           const char           *xlsx_path,
                           EscExportFlags        flags,
                           EscExportProgressFunc progress,
                           gpointer              progress_data,
                           GDestroyNotify        progress_destroy,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  ExportJob        *job;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (xlsx_path != NULL);

  job = export_job_new (workspace_path, xlsx_path, flags, progress, progress_data, progress_destroy);
  job->fiscal_year = fiscal_year;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_export_province_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_province_worker);
}

gboolean
esc_export_province_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == esc_export_province_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
