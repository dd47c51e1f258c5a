/* fuzz-framework.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A framework file is data a working group writes by hand: any bytes must load or give an
 * error, and a framework that loads must answer every question about itself.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "esc-framework.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
walk_indicator (EscFramework       *framework,
                const EscIndicator *indicator)
{
  double part_points[64] = { 0 };

  g_assert_nonnull (indicator->code);
  g_assert_true (esc_framework_lookup_indicator (framework, indicator->code) != NULL);
  esc_text_get (&indicator->name, TRUE);
  esc_text_get (&indicator->name, FALSE);

  for (guint i = 0; i < indicator->n_dimensions; i++)
    g_assert_cmpint (esc_indicator_find_dimension (indicator, indicator->dimensions[i].id), >=, 0);
  for (guint i = 0; i < indicator->n_criteria; i++)
    esc_text_get (&indicator->criteria[i], TRUE);
  if (indicator->method == ESC_SCORING_LPA)
    {
      for (double percent = -10; percent <= 110; percent += 12.5)
        {
          double points = esc_indicator_lpa_points (indicator, percent);

          g_assert_false (isnan (points));
        }
    }
  if (indicator->method == ESC_SCORING_PARTS && indicator->n_parts <= G_N_ELEMENTS (part_points))
    {
      esc_indicator_combine_parts (indicator, part_points);
      for (guint i = 0; i < indicator->n_parts; i++)
        walk_indicator (framework, indicator->parts[i]);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = NULL;

  framework = esc_framework_new_from_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  if (framework == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE) ||
                     g_error_matches (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_INVALID));
      g_assert_true (g_str_has_prefix (error->message, "fuzz.json"));
      return 0;
    }

  esc_framework_get_id (framework);
  esc_framework_get_title (framework);
  for (guint i = 0; i < esc_framework_get_n_components (framework); i++)
    {
      const EscComponent *component = esc_framework_get_component (framework, i);

      g_assert_true (esc_framework_lookup_component (framework, component->id) == component);
      for (guint j = 0; j < component->n_indicators; j++)
        g_assert_nonnull (component->indicators[j]);
    }
  for (guint i = 0; i < esc_framework_get_n_issues (framework); i++)
    esc_framework_lookup_issue (framework, esc_framework_get_issue (framework, i)->id);
  for (guint i = 0; i < esc_framework_get_n_indicators (framework); i++)
    walk_indicator (framework, esc_framework_get_indicator (framework, i));
  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    g_assert_nonnull (esc_framework_get_item (framework, i));
  for (guint i = 0; i < esc_framework_get_n_lao_types (framework); i++)
    {
      const EscLaoType *type = esc_framework_get_lao_type (framework, i);

      g_assert_true (esc_framework_lookup_lao_type (framework, type->id) != NULL);
    }
  for (guint i = 0; i < esc_framework_get_n_ratings (framework); i++)
    esc_framework_get_rating (framework, i);

  return 0;
}
