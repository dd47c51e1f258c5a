/* esc-scoring.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions from a framework and the answers of one assessment to points,
 * percentages, the verdict and what is still missing.
 */
#include "config.h"

#include <math.h>

#include "esc-scoring.h"

#define EPSILON 1e-9

static guint
item_n_values (const EscIndicator *item)
{
  return item->method == ESC_SCORING_LPA ? 1 : item->n_dimensions;
}

static guint
count_entered (const EscIndicator *item,
               const EscAnswer    *answer)
{
  guint n = 0;

  if (answer == NULL)
    return 0;

  for (guint i = 0; i < item_n_values (item); i++)
    if (!isnan (answer->values[i]))
      n++;

  return n;
}

double
esc_score_item_points (const EscIndicator *item,
                       const EscAnswer    *answer)
{
  double points = 0;

  g_return_val_if_fail (item != NULL, -1);

  if (count_entered (item, answer) == 0)
    return -1;

  if (item->method == ESC_SCORING_LPA)
    return esc_indicator_lpa_points (item, answer->values[0]);

  for (guint i = 0; i < item->n_dimensions; i++)
    if (!isnan (answer->values[i]))
      points += answer->values[i];

  return points;
}

EscItemState
esc_score_item_state (const EscIndicator *item,
                      const EscAnswer    *answer)
{
  guint entered;

  g_return_val_if_fail (item != NULL, ESC_ITEM_NOT_STARTED);

  entered = count_entered (item, answer);

  if (entered == 0)
    {
      gboolean touched = answer != NULL &&
                         ((answer->note != NULL && *answer->note != '\0') ||
                          (answer->checked != NULL && *answer->checked != '\0') ||
                          answer->n_links > 0);

      return touched ? ESC_ITEM_IN_PROGRESS : ESC_ITEM_NOT_STARTED;
    }

  if (entered < item_n_values (item))
    return ESC_ITEM_IN_PROGRESS;

  return answer->n_links > 0 ? ESC_ITEM_DONE : ESC_ITEM_MISSING_EVIDENCE;
}

const char *
esc_item_state_to_string (EscItemState state)
{
  switch (state)
    {
    case ESC_ITEM_NOT_STARTED:
      return "not-started";
    case ESC_ITEM_IN_PROGRESS:
      return "in-progress";
    case ESC_ITEM_DONE:
      return "done";
    case ESC_ITEM_MISSING_EVIDENCE:
      return "missing-evidence";
    default:
      g_return_val_if_reached ("not-started");
    }
}

static void
score_indicator (const EscIndicator *indicator,
                 const EscAnswer   **by_item,
                 EscIndicatorScore  *out)
{
  out->indicator = indicator;
  out->max = indicator->max_points;

  if (indicator->method != ESC_SCORING_PARTS)
    {
      const EscAnswer *answer = by_item[indicator->item_index];
      double           points = esc_score_item_points (indicator, answer);

      out->points = MAX (points, 0);
      out->state = esc_score_item_state (indicator, answer);
      out->scored = out->state == ESC_ITEM_DONE || out->state == ESC_ITEM_MISSING_EVIDENCE;
      out->has_evidence = answer != NULL && answer->n_links > 0;
      return;
    }

  {
    double   sum = 0;
    guint    n_started = 0;
    guint    n_scored = 0;
    gboolean evidence = indicator->n_parts > 0;

    for (guint i = 0; i < indicator->n_parts; i++)
      {
        const EscIndicator *part = indicator->parts[i];
        const EscAnswer    *answer = by_item[part->item_index];
        EscItemState        state = esc_score_item_state (part, answer);
        double              points = esc_score_item_points (part, answer);

        sum += MAX (points, 0);
        if (state != ESC_ITEM_NOT_STARTED)
          n_started++;
        if (state == ESC_ITEM_DONE || state == ESC_ITEM_MISSING_EVIDENCE)
          n_scored++;
        if (answer == NULL || answer->n_links == 0)
          evidence = FALSE;
      }

    if (indicator->combine == ESC_COMBINE_MEAN && indicator->n_parts > 0)
      sum /= indicator->n_parts;

    out->points = sum;
    out->scored = indicator->n_parts > 0 && n_scored == indicator->n_parts;
    out->has_evidence = evidence;
    if (n_started == 0)
      out->state = ESC_ITEM_NOT_STARTED;
    else if (!out->scored)
      out->state = ESC_ITEM_IN_PROGRESS;
    else
      out->state = evidence ? ESC_ITEM_DONE : ESC_ITEM_MISSING_EVIDENCE;
  }
}

EscScore *
esc_score_compute (EscFramework *framework,
                   const char   *lao_type,
                   GPtrArray    *answers)
{
  g_autofree const EscAnswer **by_item = NULL;
  const EscLaoType            *type;
  EscScore                    *score;
  guint                        n_items;

  g_return_val_if_fail (ESC_IS_FRAMEWORK (framework), NULL);

  n_items = esc_framework_get_n_items (framework);
  by_item = g_new0 (const EscAnswer *, n_items);

  /* Answers mostly come in the framework's order (the store's pass over every assessment
   * lends them so): try the item after the last one found before the table. */
  for (guint i = 0, next = 0; answers != NULL && i < answers->len; i++)
    {
      const EscAnswer    *answer = g_ptr_array_index (answers, i);
      const EscIndicator *item = next < n_items ? esc_framework_get_item (framework, next) : NULL;

      if (item == NULL || g_strcmp0 (item->code, answer->item_code) != 0)
        item = esc_framework_lookup_indicator (framework, answer->item_code);
      if (item != NULL && item->item_index < n_items)
        {
          by_item[item->item_index] = answer;
          next = item->item_index + 1;
        }
    }

  score = g_new0 (EscScore, 1);
  score->n_indicators = esc_framework_get_n_indicators (framework);
  score->indicators = g_new0 (EscIndicatorScore, score->n_indicators);
  score->n_components = esc_framework_get_n_components (framework);
  score->components = g_new0 (EscComponentScore, score->n_components);

  for (guint i = 0; i < score->n_indicators; i++)
    {
      EscIndicatorScore *out = &score->indicators[i];

      score_indicator (esc_framework_get_indicator (framework, i), by_item, out);
      if (out->scored)
        score->n_complete++;
      if (out->has_evidence)
        score->n_with_evidence++;
    }

  for (guint c = 0; c < score->n_components; c++)
    score->components[c].component = esc_framework_get_component (framework, c);

  /* The indicators come grouped by component: look further only when it changes. */
  for (guint i = 0, c = 0; i < score->n_indicators; i++)
    {
      const EscIndicatorScore *indicator = &score->indicators[i];
      const char              *id = indicator->indicator->component_id;

      if (c >= score->n_components || g_strcmp0 (score->components[c].component->id, id) != 0)
        for (c = 0; c < score->n_components; c++)
          if (g_strcmp0 (score->components[c].component->id, id) == 0)
            break;
      if (c >= score->n_components)
        continue;
      score->components[c].points += indicator->points;
      score->components[c].max += indicator->max;
    }

  for (guint c = 0; c < score->n_components; c++)
    {
      EscComponentScore *out = &score->components[c];

      out->percent = out->max > 0 ? out->points / out->max * 100.0 : 0;
      score->total_percent += out->component->weight_percent / 100.0 * out->percent;
    }

  type = lao_type != NULL ? esc_framework_lookup_lao_type (framework, lao_type) : NULL;
  score->pass_mark_percent = type != NULL ? type->pass_mark_percent : -1;
  if (score->pass_mark_percent < 0)
    score->passed = -1;
  else
    score->passed = score->total_percent + EPSILON >= score->pass_mark_percent;

  return score;
}

void
esc_score_free (EscScore *score)
{
  if (score == NULL)
    return;

  g_free (score->indicators);
  g_free (score->components);
  g_free (score);
}
