/* esc-province.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "esc-province.h"

G_DEFINE_QUARK (esc - province - error - quark, esc_province_error)

static const char *status_ids[] = {
  "not-contacted",
  "invited",
  "interested",
  "registered",
  "preparing",
  "submitted",
  "result",
};

static const char *result_ids[] = {
  "",
  "excellent",
  "very-good",
  "good",
  "not-passed",
};

/* The ratings as the programme writes them, accepted as input too. */
static const char *result_thai[] = {
  "",
  "ดีเยี่ยม",
  "ดีมาก",
  "ดี",
  "ไม่ผ่าน",
};

static const char *kind_ids[] = {
  "letter",
  "meeting",
  "visit",
  "call",
};

gboolean
esc_province_use_thai (void)
{
  const char *translated = _ ("Not contacted");

  /* The catalogue in use decides, so that the wording follows the messages. */
  return g_strcmp0 (translated, "Not contacted") != 0 ||
         g_str_has_prefix (g_get_language_names ()[0], "th");
}

const char *
esc_participation_status_to_id (EscParticipationStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_ids), "");
  return status_ids[status];
}

const char *
esc_participation_status_get_label (EscParticipationStatus status)
{
  switch (status)
    {
    case ESC_PARTICIPATION_NOT_CONTACTED:
      return _ ("Not contacted");
    case ESC_PARTICIPATION_INVITED:
      return _ ("Invited");
    case ESC_PARTICIPATION_INTERESTED:
      return _ ("Interested");
    case ESC_PARTICIPATION_REGISTERED:
      return _ ("Registered in SAR");
    case ESC_PARTICIPATION_PREPARING:
      return _ ("Documents in preparation");
    case ESC_PARTICIPATION_SUBMITTED:
      return _ ("Submitted");
    case ESC_PARTICIPATION_RESULT:
      return _ ("Result");
    default:
      return "";
    }
}

gboolean
esc_participation_status_from_string (const char             *text,
                                      EscParticipationStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_ids); i++)
    {
      if (g_ascii_strcasecmp (text, status_ids[i]) == 0 ||
          g_strcmp0 (text, esc_participation_status_get_label (i)) == 0)
        {
          *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
esc_participation_status_counts (EscParticipationStatus status)
{
  return status >= ESC_PARTICIPATION_REGISTERED;
}

const char *
esc_participation_result_to_id (EscParticipationResult result)
{
  g_return_val_if_fail ((guint) result < G_N_ELEMENTS (result_ids), "");
  return result_ids[result];
}

const char *
esc_participation_result_get_label (EscParticipationResult result)
{
  switch (result)
    {
    case ESC_RESULT_EXCELLENT:
      return _ ("Excellent (ดีเยี่ยม)");
    case ESC_RESULT_VERY_GOOD:
      return _ ("Very good (ดีมาก)");
    case ESC_RESULT_GOOD:
      return _ ("Good (ดี)");
    case ESC_RESULT_NOT_PASSED:
      return _ ("Not passed");
    case ESC_RESULT_NONE:
    default:
      return "";
    }
}

gboolean
esc_participation_result_from_string (const char             *text,
                                      EscParticipationResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (result_ids); i++)
    {
      if (g_ascii_strcasecmp (text, result_ids[i]) == 0 ||
          g_strcmp0 (text, result_thai[i]) == 0 ||
          (i > 0 && g_strcmp0 (text, esc_participation_result_get_label (i)) == 0))
        {
          *result = i;
          return TRUE;
        }
    }
  if (g_ascii_strcasecmp (text, "none") == 0)
    {
      *result = ESC_RESULT_NONE;
      return TRUE;
    }

  return FALSE;
}

const char *
esc_outreach_kind_to_id (EscOutreachKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_ids), "");
  return kind_ids[kind];
}

const char *
esc_outreach_kind_get_label (EscOutreachKind kind)
{
  switch (kind)
    {
    case ESC_OUTREACH_LETTER:
      return _ ("Letter");
    case ESC_OUTREACH_MEETING:
      return _ ("Meeting");
    case ESC_OUTREACH_VISIT:
      return _ ("Visit");
    case ESC_OUTREACH_CALL:
      return _ ("Call");
    default:
      return "";
    }
}

gboolean
esc_outreach_kind_from_string (const char      *text,
                               EscOutreachKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    {
      if (g_ascii_strcasecmp (text, kind_ids[i]) == 0 ||
          g_strcmp0 (text, esc_outreach_kind_get_label (i)) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
esc_participation_check_transition (EscParticipationStatus from,
                                    EscParticipationStatus to,
                                    EscParticipationResult result,
                                    gboolean               correction,
                                    GError               **error)
{
  if ((guint) to >= ESC_PARTICIPATION_N_STATUSES || (guint) from >= ESC_PARTICIPATION_N_STATUSES)
    {
      g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_INVALID,
                   _ ("Unknown participation status"));
      return FALSE;
    }
  if ((guint) result > ESC_RESULT_NOT_PASSED)
    {
      g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_INVALID,
                   _ ("Unknown result rating"));
      return FALSE;
    }

  /* The rating belongs to the result, whatever the route. */
  if (to == ESC_PARTICIPATION_RESULT && result == ESC_RESULT_NONE)
    {
      g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_INVALID,
                   _ ("A result needs its rating: give ดีเยี่ยม, ดีมาก, ดี or “not passed”"));
      return FALSE;
    }
  if (to != ESC_PARTICIPATION_RESULT && result != ESC_RESULT_NONE)
    {
      g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_INVALID,
                   _ ("Only a result carries a rating: set the status to “%s” or leave the rating out"),
                   esc_participation_status_get_label (ESC_PARTICIPATION_RESULT));
      return FALSE;
    }

  if (correction || from == to)
    return TRUE;

  if (to > from)
    {
      if (to == ESC_PARTICIPATION_SUBMITTED && from < ESC_PARTICIPATION_REGISTERED)
        {
          g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_TRANSITION,
                       _ ("“%s” cannot become “%s”: a self-assessment is submitted in SAR, so "
                          "the local government must be registered in SAR first"),
                       esc_participation_status_get_label (from),
                       esc_participation_status_get_label (to));
          return FALSE;
        }
      if (to == ESC_PARTICIPATION_RESULT && from != ESC_PARTICIPATION_SUBMITTED)
        {
          g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_TRANSITION,
                       _ ("“%s” cannot become “%s”: only a submitted self-assessment gets a "
                          "result; set the status to “%s” first"),
                       esc_participation_status_get_label (from),
                       esc_participation_status_get_label (to),
                       esc_participation_status_get_label (ESC_PARTICIPATION_SUBMITTED));
          return FALSE;
        }
      return TRUE;
    }

  if (from == ESC_PARTICIPATION_RESULT)
    {
      g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_TRANSITION,
                   _ ("“%s” cannot go back to “%s”: the central review has given its result; "
                      "if it was entered by mistake, make the change as a correction"),
                   esc_participation_status_get_label (from),
                   esc_participation_status_get_label (to));
      return FALSE;
    }
  if (from - to > 1)
    {
      g_set_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_TRANSITION,
                   _ ("“%s” can only go back one step, to “%s”; to go back to “%s”, make the "
                      "change as a correction"),
                   esc_participation_status_get_label (from),
                   esc_participation_status_get_label (from - 1),
                   esc_participation_status_get_label (to));
      return FALSE;
    }

  return TRUE;
}

EscParticipation *
esc_participation_new (void)
{
  EscParticipation *participation = g_new0 (EscParticipation, 1);

  participation->status = ESC_PARTICIPATION_NOT_CONTACTED;
  participation->result = ESC_RESULT_NONE;
  participation->contact = g_strdup ("");
  participation->note = g_strdup ("");

  return participation;
}

void
esc_participation_free (EscParticipation *participation)
{
  if (participation == NULL)
    return;

  g_free (participation->uuid);
  g_free (participation->lao_uuid);
  g_free (participation->contact);
  g_free (participation->note);
  g_free (participation->lao_name);
  g_free (participation->lao_type);
  g_free (participation->district);
  g_free (participation);
}

void
esc_participation_change_init (EscParticipationChange *change)
{
  g_return_if_fail (change != NULL);

  memset (change, 0, sizeof *change);
  change->status = -1;
  change->result = -1;
  change->volunteered = -1;
  change->took_part_before = -1;
}

void
esc_outreach_free (EscOutreach *outreach)
{
  if (outreach == NULL)
    return;

  g_free (outreach->uuid);
  g_free (outreach->lao_uuid);
  g_free (outreach->date);
  g_free (outreach->notes);
  g_free (outreach->author);
  g_free (outreach);
}

EscPlan *
esc_plan_new (const char *name,
              int         first_year,
              int         n_years)
{
  EscPlan *plan = g_new0 (EscPlan, 1);

  plan->uuid = g_strdup ("");
  plan->name = g_strdup (name ? name : "");
  plan->first_year = first_year;
  plan->n_years = n_years;

  return plan;
}

void
esc_plan_free (EscPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->uuid);
  g_free (plan->name);
  g_free (plan);
}

EscTarget *
esc_target_new (int         fiscal_year,
                const char *district,
                int         target)
{
  EscTarget *self = g_new0 (EscTarget, 1);

  self->fiscal_year = fiscal_year;
  self->district = g_strdup (district ? district : "");
  self->target = target;

  return self;
}

void
esc_target_free (EscTarget *target)
{
  if (target == NULL)
    return;

  g_free (target->district);
  g_free (target);
}

void
esc_item_check_free (EscItemCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->item_code);
  g_free (check->needs_fix);
  g_free (check);
}

/* Targets arithmetic */

static EscProgressCell *
progress_cell_new (int         fiscal_year,
                   const char *district)
{
  EscProgressCell *cell = g_new0 (EscProgressCell, 1);

  cell->fiscal_year = fiscal_year;
  cell->district = g_strdup (district);
  cell->target = -1;
  cell->laos = g_ptr_array_new_with_free_func (g_free);

  return cell;
}

static void
progress_cell_free (EscProgressCell *cell)
{
  g_free (cell->district);
  g_ptr_array_unref (cell->laos);
  g_free (cell);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
find_string (GPtrArray  *array,
             const char *text,
             guint      *index)
{
  return g_ptr_array_find_with_equal_func (array, text, g_str_equal, index);
}

void
esc_plan_progress_free (EscPlanProgress *progress)
{
  if (progress == NULL)
    return;

  g_ptr_array_unref (progress->districts);
  g_ptr_array_unref (progress->province);
  g_ptr_array_unref (progress->cells);
  g_ptr_array_unref (progress->problems);
  g_free (progress);
}

EscPlanProgress *
esc_plan_progress_compute (const EscPlan *plan,
                           GPtrArray     *targets,
                           GPtrArray     *participations)
{
  EscPlanProgress       *progress;
  g_autoptr (GHashTable) distinct = NULL;
  guint                  n_districts;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (plan->n_years > 0, NULL);

  progress = g_new0 (EscPlanProgress, 1);
  progress->n_years = plan->n_years;
  progress->first_year = plan->first_year;
  progress->districts = g_ptr_array_new_with_free_func (g_free);
  progress->province = g_ptr_array_new_with_free_func ((GDestroyNotify) progress_cell_free);
  progress->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) progress_cell_free);
  progress->problems = g_ptr_array_new_with_free_func (g_free);
  distinct = g_hash_table_new (g_str_hash, g_str_equal);

  /* The districts: those with a target in the plan or a participant in its years. */
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      const EscTarget *target = g_ptr_array_index (targets, i);

      if (target->district[0] != '\0' && !find_string (progress->districts, target->district, NULL))
        g_ptr_array_add (progress->districts, g_strdup (target->district));
    }
  for (guint i = 0; participations != NULL && i < participations->len; i++)
    {
      const EscParticipation *p = g_ptr_array_index (participations, i);

      if (p->fiscal_year < plan->first_year || p->fiscal_year >= plan->first_year + plan->n_years)
        continue;
      if (!esc_participation_status_counts (p->status))
        continue;
      if (p->district != NULL && p->district[0] != '\0' &&
          !find_string (progress->districts, p->district, NULL))
        g_ptr_array_add (progress->districts, g_strdup (p->district));
    }
  g_ptr_array_sort (progress->districts, compare_strings);
  n_districts = progress->districts->len;

  for (int y = 0; y < plan->n_years; y++)
    {
      g_ptr_array_add (progress->province, progress_cell_new (plan->first_year + y, ""));
      for (guint d = 0; d < n_districts; d++)
        g_ptr_array_add (progress->cells,
                         progress_cell_new (plan->first_year + y,
                                            g_ptr_array_index (progress->districts, d)));
    }

  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      const EscTarget *target = g_ptr_array_index (targets, i);
      int              y = target->fiscal_year - plan->first_year;
      EscProgressCell *cell;
      guint            d;

      if (y < 0 || y >= plan->n_years)
        {
          g_ptr_array_add (progress->problems,
                           g_strdup_printf (_ ("The target for %d lies outside the plan (%d–%d)"),
                                            target->fiscal_year, plan->first_year,
                                            plan->first_year + plan->n_years - 1));
          continue;
        }
      if (target->district[0] == '\0')
        cell = g_ptr_array_index (progress->province, y);
      else
        {
          find_string (progress->districts, target->district, &d);
          cell = g_ptr_array_index (progress->cells, y * n_districts + d);
        }
      cell->target = target->target;
    }

  for (guint i = 0; participations != NULL && i < participations->len; i++)
    {
      const EscParticipation *p = g_ptr_array_index (participations, i);
      int                     y = p->fiscal_year - plan->first_year;
      EscProgressCell        *cell;
      const char             *name = p->lao_name ? p->lao_name : p->lao_uuid;
      guint                   d;

      if (y < 0 || y >= plan->n_years || !esc_participation_status_counts (p->status))
        continue;

      cell = g_ptr_array_index (progress->province, y);
      cell->actual++;
      g_ptr_array_add (cell->laos, g_strdup (name));
      g_hash_table_add (distinct, p->lao_uuid);

      if (p->district != NULL && find_string (progress->districts, p->district, &d))
        {
          cell = g_ptr_array_index (progress->cells, y * n_districts + d);
          cell->actual++;
          g_ptr_array_add (cell->laos, g_strdup (name));
        }
    }

  /* A year without a province target takes the sum of its district targets; one with
   * both must not promise less than its districts add up to. */
  for (int y = 0; y < plan->n_years; y++)
    {
      EscProgressCell *cell = g_ptr_array_index (progress->province, y);
      int              sum = 0;
      gboolean         any = FALSE;

      for (guint d = 0; d < n_districts; d++)
        {
          EscProgressCell *dcell = g_ptr_array_index (progress->cells, y * n_districts + d);

          g_ptr_array_sort (dcell->laos, compare_strings);
          if (dcell->target >= 0)
            {
              sum += dcell->target;
              any = TRUE;
            }
        }
      g_ptr_array_sort (cell->laos, compare_strings);

      if (cell->target < 0 && any)
        cell->target = sum;
      else if (any && sum > cell->target)
        g_ptr_array_add (progress->problems,
                         g_strdup_printf (_ ("In %d the district targets add up to %d, more than "
                                             "the province target of %d"),
                                          cell->fiscal_year, sum, cell->target));

      if (cell->target >= 0)
        {
          progress->total_target += cell->target;
          progress->plan_target = cell->target;
        }
      progress->total_actual += cell->actual;
    }

  progress->distinct_laos = g_hash_table_size (distinct);

  return progress;
}

const EscProgressCell *
esc_plan_progress_get_cell (EscPlanProgress *progress,
                            int              fiscal_year,
                            const char      *district)
{
  int   y;
  guint d;

  g_return_val_if_fail (progress != NULL, NULL);

  y = fiscal_year - progress->first_year;
  if (y < 0 || y >= (int) progress->n_years)
    return NULL;
  if (district == NULL || district[0] == '\0')
    return g_ptr_array_index (progress->province, y);
  if (!find_string (progress->districts, district, &d))
    return NULL;

  return g_ptr_array_index (progress->cells, y * progress->districts->len + d);
}

GPtrArray *
esc_plan_spread_targets (int first_year,
                         int n_years,
                         int first_target,
                         int last_target)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_target_free);

  for (int y = 0; y < n_years; y++)
    {
      double value = n_years == 1
                       ? last_target
                       : first_target + (double) (last_target - first_target) * y / (n_years - 1);

      g_ptr_array_add (targets, esc_target_new (first_year + y, "", (int) round (value)));
    }

  return targets;
}

/* Readiness */

guint
esc_gap_index (EscGap gap)
{
  for (guint i = 0; i < ESC_N_GAPS; i++)
    if (gap == (1u << i))
      return i;

  g_return_val_if_reached (0);
}

const char *
esc_gap_get_label (EscGap gap)
{
  switch (gap)
    {
    case ESC_GAP_NEEDS_FIX:
      return _ ("Reviewer asked for a fix");
    case ESC_GAP_NO_SCORE:
      return _ ("No score");
    case ESC_GAP_NO_EVIDENCE:
      return _ ("No evidence");
    case ESC_GAP_NO_PAGES:
      return _ ("Evidence without pages");
    case ESC_GAP_BELOW_PASS:
      return _ ("Below the pass mark");
    default:
      return "";
    }
}

static void
readiness_item_free (EscReadinessItem *item)
{
  g_free (item->fix_request);
  g_free (item);
}

void
esc_readiness_free (EscReadiness *readiness)
{
  if (readiness == NULL)
    return;

  g_ptr_array_unref (readiness->items);
  g_clear_object (&readiness->framework);
  g_free (readiness);
}

static const EscAnswer *
find_answer (GPtrArray  *answers,
             const char *code)
{
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      const EscAnswer *answer = g_ptr_array_index (answers, i);

      if (g_strcmp0 (answer->item_code, code) == 0)
        return answer;
    }
  return NULL;
}

static const EscItemCheck *
find_check (GPtrArray  *checks,
            const char *code)
{
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const EscItemCheck *check = g_ptr_array_index (checks, i);

      if (g_strcmp0 (check->item_code, code) == 0)
        return check;
    }
  return NULL;
}

EscReadiness *
esc_readiness_compute (EscFramework *framework,
                       const char   *lao_type,
                       GPtrArray    *answers,
                       GPtrArray    *checks)
{
  EscReadiness     *readiness;
  const EscLaoType *type = NULL;

  g_return_val_if_fail (ESC_IS_FRAMEWORK (framework), NULL);

  readiness = g_new0 (EscReadiness, 1);
  readiness->framework = g_object_ref (framework);
  readiness->items = g_ptr_array_new_with_free_func ((GDestroyNotify) readiness_item_free);
  readiness->pass_mark_percent = -1;

  if (lao_type != NULL)
    type = esc_framework_lookup_lao_type (framework, lao_type);
  if (type != NULL)
    readiness->pass_mark_percent = type->pass_mark_percent;

  readiness->n_items = esc_framework_get_n_items (framework);
  for (guint i = 0; i < readiness->n_items; i++)
    {
      const EscIndicator *item = esc_framework_get_item (framework, i);
      const EscAnswer    *answer = find_answer (answers, item->code);
      const EscItemCheck *check = find_check (checks, item->code);
      EscItemState        state = esc_score_item_state (item, answer);
      EscReadinessItem   *ritem;
      guint               gaps = 0;
      double              points = answer != NULL ? esc_score_item_points (item, answer) : -1;
      double              needed = readiness->pass_mark_percent >= 0
                                     ? item->max_points * readiness->pass_mark_percent / 100.0
                                     : -1;
      guint               n_links = check != NULL ? check->n_links : (answer != NULL ? answer->n_links : 0);

      if (check != NULL && check->needs_fix != NULL)
        gaps |= ESC_GAP_NEEDS_FIX;
      if (state == ESC_ITEM_NOT_STARTED || state == ESC_ITEM_IN_PROGRESS || points < 0)
        gaps |= ESC_GAP_NO_SCORE;
      if (n_links == 0)
        gaps |= ESC_GAP_NO_EVIDENCE;
      else if (check != NULL && check->n_links_without_pages > 0)
        gaps |= ESC_GAP_NO_PAGES;
      /* Points that fall short only count once the item is scored in full. */
      if (!(gaps & ESC_GAP_NO_SCORE) && needed >= 0 && points + 1e-9 < needed)
        gaps |= ESC_GAP_BELOW_PASS;

      if (gaps == 0)
        {
          readiness->n_ready++;
          continue;
        }

      for (guint g = 0; g < ESC_N_GAPS; g++)
        if (gaps & (1u << g))
          readiness->counts[g]++;

      ritem = g_new0 (EscReadinessItem, 1);
      ritem->item = item;
      ritem->points = points;
      ritem->max = item->max_points;
      ritem->needed = needed;
      ritem->gaps = gaps;
      ritem->fix_request = check != NULL ? g_strdup (check->needs_fix) : NULL;
      g_ptr_array_add (readiness->items, ritem);
    }

  return readiness;
}

char *
esc_readiness_item_describe (const EscReadinessItem *item,
                             EscGap                  gap)
{
  const char *name;

  g_return_val_if_fail (item != NULL, NULL);

  name = esc_text_get (&item->item->name, esc_province_use_thai ());

  switch (gap)
    {
    case ESC_GAP_NEEDS_FIX:
      if (item->fix_request != NULL && item->fix_request[0] != '\0')
        return g_strdup_printf (_ ("Indicator %s (%s): fix what the reviewer asked: %s"),
                                item->item->code, name, item->fix_request);
      return g_strdup_printf (_ ("Indicator %s (%s): fix what the reviewer asked"),
                              item->item->code, name);
    case ESC_GAP_NO_SCORE:
      return g_strdup_printf (_ ("Indicator %s (%s): score every dimension"),
                              item->item->code, name);
    case ESC_GAP_NO_EVIDENCE:
      return g_strdup_printf (_ ("Indicator %s (%s): attach the evidence documents"),
                              item->item->code, name);
    case ESC_GAP_NO_PAGES:
      return g_strdup_printf (_ ("Indicator %s (%s): give the pages of the evidence that show it"),
                              item->item->code, name);
    case ESC_GAP_BELOW_PASS:
      return g_strdup_printf (_ ("Indicator %s (%s): %.1f of %.0f points, the pass mark needs %.1f"),
                              item->item->code, name, item->points, item->max, item->needed);
    default:
      return g_strdup ("");
    }
}

GPtrArray *
esc_readiness_to_actions (const EscReadiness *readiness)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (readiness != NULL, actions);

  /* Most urgent first: the reviewer's requests, then what SAR cannot take at all. */
  for (guint g = 0; g < ESC_N_GAPS; g++)
    for (guint i = 0; i < readiness->items->len; i++)
      {
        const EscReadinessItem *item = g_ptr_array_index (readiness->items, i);

        if (item->gaps & (1u << g))
          g_ptr_array_add (actions, esc_readiness_item_describe (item, 1u << g));
      }

  return actions;
}

void
esc_prepare_entry_free (EscPrepareEntry *entry)
{
  if (entry == NULL)
    return;

  g_ptr_array_unref (entry->laos);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const EscPrepareEntry *ea = *(const EscPrepareEntry *const *) a;
  const EscPrepareEntry *eb = *(const EscPrepareEntry *const *) b;

  if (ea->laos->len != eb->laos->len)
    return ea->laos->len > eb->laos->len ? -1 : 1;
  if (ea->gap != eb->gap)
    return ea->gap < eb->gap ? -1 : 1;
  if (ea->item->item_index != eb->item->item_index)
    return ea->item->item_index < eb->item->item_index ? -1 : 1;
  return 0;
}

GPtrArray *
esc_readiness_summarize (GPtrArray *readinesses,
                         GPtrArray *names)
{
  GPtrArray             *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_prepare_entry_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (readinesses != NULL, entries);
  g_return_val_if_fail (names != NULL && names->len == readinesses->len, entries);

  for (guint r = 0; r < readinesses->len; r++)
    {
      const EscReadiness *readiness = g_ptr_array_index (readinesses, r);
      const char         *name = g_ptr_array_index (names, r);

      for (guint i = 0; i < readiness->items->len; i++)
        {
          const EscReadinessItem *item = g_ptr_array_index (readiness->items, i);

          for (guint g = 0; g < ESC_N_GAPS; g++)
            {
              g_autofree char *key = NULL;
              EscPrepareEntry *entry;

              if (!(item->gaps & (1u << g)))
                continue;

              key = g_strdup_printf ("%s/%u", item->item->code, g);
              entry = g_hash_table_lookup (by_key, key);
              if (entry == NULL)
                {
                  entry = g_new0 (EscPrepareEntry, 1);
                  entry->item = item->item;
                  entry->gap = 1u << g;
                  entry->laos = g_ptr_array_new_with_free_func (g_free);
                  g_ptr_array_add (entries, entry);
                  g_hash_table_insert (by_key, g_steal_pointer (&key), entry);
                }
              g_ptr_array_add (entry->laos, g_strdup (name));
            }
        }
    }

  g_ptr_array_sort (entries, compare_entries);

  return entries;
}

/* Reading the figures a province needs from the store */

EscAssessment *
esc_province_find_assessment (EscStore   *store,
                              const char *lao_uuid,
                              int         fiscal_year,
                              GError    **error)
{
  g_autoptr (GPtrArray) assessments = NULL;
  EscAssessment        *best = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);
  g_return_val_if_fail (lao_uuid != NULL, NULL);

  assessments = esc_store_list_assessments (store, lao_uuid, error);
  if (assessments == NULL)
    return NULL;

  for (guint i = 0; i < assessments->len; i++)
    {
      EscAssessment *assessment = g_ptr_array_index (assessments, i);
      gboolean       self_kind = g_strcmp0 (assessment->kind, "self") == 0;

      if (assessment->fiscal_year != fiscal_year)
        continue;
      if (best == NULL)
        best = assessment;
      else
        {
          gboolean best_self = g_strcmp0 (best->kind, "self") == 0;

          if ((self_kind && !best_self) ||
              (self_kind == best_self && assessment->updated_at > best->updated_at))
            best = assessment;
        }
    }

  if (best == NULL)
    return NULL;

  g_ptr_array_set_free_func (assessments, NULL);
  for (guint i = 0; i < assessments->len; i++)
    if (g_ptr_array_index (assessments, i) != best)
      esc_assessment_free (g_ptr_array_index (assessments, i));

  return best;
}

EscReadiness *
esc_province_load_readiness (EscStore     *store,
                             const EscLao *lao,
                             int           fiscal_year,
                             GError      **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (EscFramework)  framework = NULL;
  g_autoptr (GPtrArray)     answers = NULL;
  g_autoptr (GPtrArray)     checks = NULL;
  g_autoptr (GError)        local_error = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);
  g_return_val_if_fail (lao != NULL, NULL);

  assessment = esc_province_find_assessment (store, lao->uuid, fiscal_year, &local_error);
  if (assessment == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  framework = esc_store_get_framework (store, assessment->framework_uuid, error);
  if (framework == NULL)
    return NULL;
  answers = esc_store_load_answers (store, assessment->uuid, error);
  if (answers == NULL)
    return NULL;
  checks = esc_store_load_item_checks (store, assessment->uuid, error);
  if (checks == NULL)
    return NULL;

  return esc_readiness_compute (framework, lao->type, answers, checks);
}

GPtrArray *
esc_province_load_all_readiness (EscStore   *store,
                                 int         fiscal_year,
                                 GPtrArray **names,
                                 GError    **error)
{
  g_autoptr (GPtrArray) participations = NULL;
  g_autoptr (GPtrArray) result = NULL;
  g_autoptr (GPtrArray) result_names = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  participations = esc_store_list_participation (store, fiscal_year, error);
  if (participations == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_readiness_free);
  result_names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < participations->len; i++)
    {
      const EscParticipation *p = g_ptr_array_index (participations, i);
      g_autoptr (EscLao)      lao = NULL;
      g_autoptr (GError)      local_error = NULL;
      EscReadiness           *readiness;

      if (!esc_participation_status_counts (p->status))
        continue;

      lao = esc_store_get_lao (store, p->lao_uuid, error);
      if (lao == NULL)
        return NULL;
      readiness = esc_province_load_readiness (store, lao, fiscal_year, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (readiness == NULL)
        continue;

      g_ptr_array_add (result, readiness);
      g_ptr_array_add (result_names, g_strdup (lao->name));
    }

  if (names != NULL)
    *names = g_steal_pointer (&result_names);

  return g_steal_pointer (&result);
}
