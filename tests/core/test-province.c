/* test-province.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province working group: status rules, targets arithmetic, readiness.
 */
#include "config.h"

#include <math.h>

#include "esc-province.h"

/* Status transitions */

typedef struct
{
  EscParticipationStatus from;
  EscParticipationStatus to;
  EscParticipationResult result;
  gboolean               correction;
  int                    error; /* -1 when allowed */
} Transition;

static void
test_transitions (void)
{
  const Transition cases[] = {
    /* forward, one or more steps, up to documents in preparation */
    { ESC_PARTICIPATION_NOT_CONTACTED, ESC_PARTICIPATION_INVITED, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_INVITED, ESC_PARTICIPATION_INTERESTED, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_NOT_CONTACTED, ESC_PARTICIPATION_REGISTERED, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_INVITED, ESC_PARTICIPATION_PREPARING, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_REGISTERED, ESC_PARTICIPATION_PREPARING, ESC_RESULT_NONE, FALSE, -1 },
    /* submitted needs registration in SAR */
    { ESC_PARTICIPATION_REGISTERED, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_PREPARING, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_INTERESTED, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, FALSE, ESC_PROVINCE_ERROR_TRANSITION },
    { ESC_PARTICIPATION_NOT_CONTACTED, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, FALSE, ESC_PROVINCE_ERROR_TRANSITION },
    /* a result only after submission, and only with a rating */
    { ESC_PARTICIPATION_SUBMITTED, ESC_PARTICIPATION_RESULT, ESC_RESULT_EXCELLENT, FALSE, -1 },
    { ESC_PARTICIPATION_SUBMITTED, ESC_PARTICIPATION_RESULT, ESC_RESULT_NOT_PASSED, FALSE, -1 },
    { ESC_PARTICIPATION_PREPARING, ESC_PARTICIPATION_RESULT, ESC_RESULT_GOOD, FALSE, ESC_PROVINCE_ERROR_TRANSITION },
    { ESC_PARTICIPATION_SUBMITTED, ESC_PARTICIPATION_RESULT, ESC_RESULT_NONE, FALSE, ESC_PROVINCE_ERROR_INVALID },
    { ESC_PARTICIPATION_PREPARING, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_GOOD, FALSE, ESC_PROVINCE_ERROR_INVALID },
    /* changing the rating of a result */
    { ESC_PARTICIPATION_RESULT, ESC_PARTICIPATION_RESULT, ESC_RESULT_VERY_GOOD, FALSE, -1 },
    /* back one step; not two, not out of a result, unless a correction */
    { ESC_PARTICIPATION_INTERESTED, ESC_PARTICIPATION_INVITED, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_SUBMITTED, ESC_PARTICIPATION_PREPARING, ESC_RESULT_NONE, FALSE, -1 },
    { ESC_PARTICIPATION_PREPARING, ESC_PARTICIPATION_INVITED, ESC_RESULT_NONE, FALSE, ESC_PROVINCE_ERROR_TRANSITION },
    { ESC_PARTICIPATION_RESULT, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, FALSE, ESC_PROVINCE_ERROR_TRANSITION },
    { ESC_PARTICIPATION_PREPARING, ESC_PARTICIPATION_INVITED, ESC_RESULT_NONE, TRUE, -1 },
    { ESC_PARTICIPATION_RESULT, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, TRUE, -1 },
    { ESC_PARTICIPATION_NOT_CONTACTED, ESC_PARTICIPATION_RESULT, ESC_RESULT_GOOD, TRUE, -1 },
    /* even a correction needs a rating with a result */
    { ESC_PARTICIPATION_SUBMITTED, ESC_PARTICIPATION_RESULT, ESC_RESULT_NONE, TRUE, ESC_PROVINCE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean           ok;

      ok = esc_participation_check_transition (cases[i].from, cases[i].to, cases[i].result,
                                               cases[i].correction, &error);
      g_test_message ("case %u: %s → %s: %s", i, esc_participation_status_to_id (cases[i].from),
                      esc_participation_status_to_id (cases[i].to),
                      error ? error->message : "allowed");
      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ESC_PROVINCE_ERROR, cases[i].error);
          /* The message names the statuses, so the user knows what to do. */
          g_assert_cmpuint (strlen (error->message), >, 20);
        }
    }
}

static void
test_transition_messages (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (esc_participation_check_transition (ESC_PARTICIPATION_INTERESTED,
                                                      ESC_PARTICIPATION_SUBMITTED,
                                                      ESC_RESULT_NONE, FALSE, &error));
  g_assert_nonnull (strstr (error->message, "Interested"));
  g_assert_nonnull (strstr (error->message, "Submitted"));
  g_assert_nonnull (strstr (error->message, "registered in SAR"));
  g_clear_error (&error);

  g_assert_false (esc_participation_check_transition (ESC_PARTICIPATION_PREPARING,
                                                      ESC_PARTICIPATION_INVITED,
                                                      ESC_RESULT_NONE, FALSE, &error));
  g_assert_nonnull (strstr (error->message, "correction"));
  g_assert_nonnull (strstr (error->message, "Registered in SAR"));
}

static void
test_status_strings (void)
{
  EscParticipationStatus status;
  EscParticipationResult result;
  EscOutreachKind        kind;

  for (guint s = 0; s < ESC_PARTICIPATION_N_STATUSES; s++)
    {
      g_assert_true (esc_participation_status_from_string (esc_participation_status_to_id (s), &status));
      g_assert_cmpint (status, ==, s);
    }
  g_assert_false (esc_participation_status_from_string ("registred", &status));

  g_assert_true (esc_participation_result_from_string ("ดีมาก", &result));
  g_assert_cmpint (result, ==, ESC_RESULT_VERY_GOOD);
  g_assert_true (esc_participation_result_from_string ("ดีเยี่ยม", &result));
  g_assert_cmpint (result, ==, ESC_RESULT_EXCELLENT);
  g_assert_true (esc_participation_result_from_string ("not-passed", &result));
  g_assert_cmpint (result, ==, ESC_RESULT_NOT_PASSED);
  g_assert_false (esc_participation_result_from_string ("great", &result));

  g_assert_true (esc_outreach_kind_from_string ("visit", &kind));
  g_assert_cmpint (kind, ==, ESC_OUTREACH_VISIT);
  g_assert_false (esc_outreach_kind_from_string ("email", &kind));

  g_assert_false (esc_participation_status_counts (ESC_PARTICIPATION_INTERESTED));
  g_assert_true (esc_participation_status_counts (ESC_PARTICIPATION_REGISTERED));
  g_assert_true (esc_participation_status_counts (ESC_PARTICIPATION_RESULT));
}

/* Targets arithmetic */

static EscParticipation *
participant (const char            *uuid,
             const char            *name,
             const char            *district,
             int                    year,
             EscParticipationStatus status)
{
  EscParticipation *p = esc_participation_new ();

  p->lao_uuid = g_strdup (uuid);
  p->lao_name = g_strdup (name);
  p->district = g_strdup (district);
  p->fiscal_year = year;
  p->status = status;
  if (status == ESC_PARTICIPATION_RESULT)
    p->result = ESC_RESULT_GOOD;

  return p;
}

static void
test_plan_progress (void)
{
  g_autoptr (EscPlan)         plan = esc_plan_new ("แผน 3 ปี", 2569, 3);
  g_autoptr (GPtrArray)       targets = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_target_free);
  g_autoptr (GPtrArray)       parts = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_participation_free);
  g_autoptr (EscPlanProgress) progress = NULL;
  const EscProgressCell      *cell;

  /* 2569: a province target only. 2570: a province target and district targets that add
   * up to more. 2571: district targets only, so the province target is their sum. */
  g_ptr_array_add (targets, esc_target_new (2569, "", 4));
  g_ptr_array_add (targets, esc_target_new (2570, "", 6));
  g_ptr_array_add (targets, esc_target_new (2570, "ขุนหาญ", 3));
  g_ptr_array_add (targets, esc_target_new (2570, "ราษีไศล", 4));
  g_ptr_array_add (targets, esc_target_new (2571, "ขุนหาญ", 5));
  g_ptr_array_add (targets, esc_target_new (2571, "เมืองจันทร์", 3));
  g_ptr_array_add (targets, esc_target_new (2572, "", 9)); /* outside the plan */

  g_ptr_array_add (parts, participant ("a", "ทต.ขุนหาญ", "ขุนหาญ", 2569, ESC_PARTICIPATION_RESULT));
  g_ptr_array_add (parts, participant ("b", "ทต.ส้มป่อย", "ราษีไศล", 2569, ESC_PARTICIPATION_SUBMITTED));
  g_ptr_array_add (parts, participant ("c", "อบต.ดินแดง", "ราษีไศล", 2569, ESC_PARTICIPATION_INTERESTED));
  g_ptr_array_add (parts, participant ("a", "ทต.ขุนหาญ", "ขุนหาญ", 2570, ESC_PARTICIPATION_PREPARING));
  g_ptr_array_add (parts, participant ("c", "อบต.ดินแดง", "ราษีไศล", 2570, ESC_PARTICIPATION_REGISTERED));
  g_ptr_array_add (parts, participant ("d", "ทต.เมืองจันทร์", "เมืองจันทร์", 2570, ESC_PARTICIPATION_REGISTERED));
  g_ptr_array_add (parts, participant ("e", "ทม.ศรีสะเกษ", "เมืองศรีสะเกษ", 2568, ESC_PARTICIPATION_RESULT)); /* before the plan */
  g_ptr_array_add (parts, participant ("a", "ทต.ขุนหาญ", "ขุนหาญ", 2571, ESC_PARTICIPATION_INVITED));

  progress = esc_plan_progress_compute (plan, targets, parts);

  g_assert_cmpuint (progress->n_years, ==, 3);
  g_assert_cmpuint (progress->districts->len, ==, 3);
  /* Sorted, and only districts with a target or a participant in the plan's years. */
  g_assert_null (esc_plan_progress_get_cell (progress, 2569, "เมืองศรีสะเกษ"));
  g_assert_null (esc_plan_progress_get_cell (progress, 2572, NULL));

  cell = esc_plan_progress_get_cell (progress, 2569, NULL);
  g_assert_cmpint (cell->target, ==, 4);
  g_assert_cmpint (cell->actual, ==, 2);
  g_assert_cmpuint (cell->laos->len, ==, 2);

  cell = esc_plan_progress_get_cell (progress, 2570, NULL);
  g_assert_cmpint (cell->target, ==, 6);
  g_assert_cmpint (cell->actual, ==, 3);
  cell = esc_plan_progress_get_cell (progress, 2570, "ราษีไศล");
  g_assert_cmpint (cell->target, ==, 4);
  g_assert_cmpint (cell->actual, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cell->laos, 0), ==, "อบต.ดินแดง");
  cell = esc_plan_progress_get_cell (progress, 2570, "เมืองจันทร์");
  g_assert_cmpint (cell->target, ==, -1);
  g_assert_cmpint (cell->actual, ==, 1);

  cell = esc_plan_progress_get_cell (progress, 2571, NULL);
  g_assert_cmpint (cell->target, ==, 8); /* 5 + 3 */
  g_assert_cmpint (cell->actual, ==, 0); /* only invited */
  cell = esc_plan_progress_get_cell (progress, 2571, "ขุนหาญ");
  g_assert_cmpint (cell->target, ==, 5);

  g_assert_cmpint (progress->plan_target, ==, 8);
  g_assert_cmpint (progress->total_target, ==, 4 + 6 + 8);
  g_assert_cmpint (progress->total_actual, ==, 2 + 3 + 0);
  g_assert_cmpint (progress->distinct_laos, ==, 4); /* a, b, c, d */

  /* The target outside the plan and 2570's districts promising more than the province. */
  g_assert_cmpuint (progress->problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (progress->problems, 0), "2572"));
  g_assert_nonnull (strstr (g_ptr_array_index (progress->problems, 1), "7"));
}

static void
test_plan_spread (void)
{
  g_autoptr (GPtrArray) three = esc_plan_spread_targets (2569, 3, 10, 20);
  g_autoptr (GPtrArray) five = esc_plan_spread_targets (2569, 5, 5, 14);
  const int             five_expected[] = { 5, 7, 10, 12, 14 };

  g_assert_cmpuint (three->len, ==, 3);
  g_assert_cmpint (((EscTarget *) three->pdata[0])->target, ==, 10);
  g_assert_cmpint (((EscTarget *) three->pdata[1])->target, ==, 15);
  g_assert_cmpint (((EscTarget *) three->pdata[2])->target, ==, 20);
  g_assert_cmpint (((EscTarget *) three->pdata[2])->fiscal_year, ==, 2571);

  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (((EscTarget *) five->pdata[i])->target, ==, five_expected[i]);
}

/* Readiness against hand-made assessments */

static EscAnswer *
answer (const char *code,
        double      a,
        double      b,
        double      c,
        guint       n_links)
{
  EscAnswer *ans = g_new0 (EscAnswer, 1);

  ans->item_code = g_strdup (code);
  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    ans->values[i] = NAN;
  ans->values[0] = a;
  ans->values[1] = b;
  ans->values[2] = c;
  ans->n_links = n_links;

  return ans;
}

static void
answer_free (EscAnswer *ans)
{
  g_free (ans->item_code);
  g_free (ans);
}

static EscItemCheck *
check (const char *code,
       guint       n_links,
       guint       without_pages,
       const char *needs_fix)
{
  EscItemCheck *c = g_new0 (EscItemCheck, 1);

  c->item_code = g_strdup (code);
  c->n_links = n_links;
  c->n_links_without_pages = without_pages;
  c->needs_fix = g_strdup (needs_fix);

  return c;
}

static const EscReadinessItem *
find_item (EscReadiness *readiness,
           const char   *code)
{
  for (guint i = 0; i < readiness->items->len; i++)
    {
      const EscReadinessItem *item = g_ptr_array_index (readiness->items, i);

      if (g_str_equal (item->item->code, code))
        return item;
    }
  return NULL;
}

/* The item of code, which must be there. */
static const EscReadinessItem *
expect_item (EscReadiness *readiness,
             const char   *code)
{
  const EscReadinessItem *item = find_item (readiness, code);

  if (item == NULL)
    g_error ("No readiness item %s", code);
  return item;
}

static void
make_assessment (GPtrArray **answers,
                 GPtrArray **checks)
{
  *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_item_check_free);

  /* 1: full marks, evidence with pages: ready. */
  g_ptr_array_add (*answers, answer ("1", 10, 7, 13, 1));
  g_ptr_array_add (*checks, check ("1", 1, 0, NULL));
  /* 2: outcome not scored, no evidence. */
  g_ptr_array_add (*answers, answer ("2", 10, 7, NAN, 0));
  /* 3: 20 of 30 points (67 %), one of two documents without pages. */
  g_ptr_array_add (*answers, answer ("3", 8, 5, 7, 2));
  g_ptr_array_add (*checks, check ("3", 2, 1, NULL));
  /* 4: full marks, but the reviewer asked for a fix. */
  g_ptr_array_add (*answers, answer ("4", 10, 7, 13, 1));
  g_ptr_array_add (*checks, check ("4", 1, 0, "แนบภาพถ่ายกิจกรรม"));
  /* 5: 10 of 30 points, evidence with pages: below any pass mark. */
  g_ptr_array_add (*answers, answer ("5", 4, 2, 4, 1));
  g_ptr_array_add (*checks, check ("5", 1, 0, NULL));
  /* 19.1 scored with evidence, 19.2 not started. */
  g_ptr_array_add (*answers, answer ("19.1", 10, 7, 13, 1));
  g_ptr_array_add (*checks, check ("19.1", 1, 0, NULL));
}

static void
test_readiness (void)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = esc_framework_new_default (&error);
  g_autoptr (GPtrArray)    answers = NULL;
  g_autoptr (GPtrArray)    checks = NULL;
  g_autoptr (EscReadiness) subdistrict = NULL;
  g_autoptr (EscReadiness) city = NULL;
  g_autoptr (GPtrArray)    actions = NULL;
  const EscReadinessItem  *item;
  guint                    n_items;

  g_assert_no_error (error);
  n_items = esc_framework_get_n_items (framework);
  make_assessment (&answers, &checks);

  /* A เทศบาลตำบล: pass mark 60 %, 18 of 30 points. */
  subdistrict = esc_readiness_compute (framework, "subdistrict", answers, checks);
  g_assert_cmpfloat (subdistrict->pass_mark_percent, ==, 60);
  g_assert_cmpuint (subdistrict->n_items, ==, n_items);
  g_assert_cmpuint (subdistrict->n_ready, ==, 2); /* 1 and 19.1 */
  g_assert_null (find_item (subdistrict, "1"));
  g_assert_null (find_item (subdistrict, "19.1"));

  item = expect_item (subdistrict, "2");
  g_assert_cmpuint (item->gaps, ==, ESC_GAP_NO_SCORE | ESC_GAP_NO_EVIDENCE);
  item = expect_item (subdistrict, "3");
  g_assert_cmpuint (item->gaps, ==, ESC_GAP_NO_PAGES);
  g_assert_cmpfloat (item->points, ==, 20);
  g_assert_cmpfloat (item->needed, ==, 18);
  item = expect_item (subdistrict, "4");
  g_assert_cmpuint (item->gaps, ==, ESC_GAP_NEEDS_FIX);
  g_assert_cmpstr (item->fix_request, ==, "แนบภาพถ่ายกิจกรรม");
  item = expect_item (subdistrict, "5");
  g_assert_cmpuint (item->gaps, ==, ESC_GAP_BELOW_PASS);
  item = expect_item (subdistrict, "19.2");
  g_assert_cmpuint (item->gaps, ==, ESC_GAP_NO_SCORE | ESC_GAP_NO_EVIDENCE);
  item = expect_item (subdistrict, "34");
  g_assert_cmpuint (item->gaps, ==, ESC_GAP_NO_SCORE | ESC_GAP_NO_EVIDENCE);

  g_assert_cmpuint (subdistrict->counts[esc_gap_index (ESC_GAP_NEEDS_FIX)], ==, 1);
  g_assert_cmpuint (subdistrict->counts[esc_gap_index (ESC_GAP_NO_PAGES)], ==, 1);
  g_assert_cmpuint (subdistrict->counts[esc_gap_index (ESC_GAP_BELOW_PASS)], ==, 1);
  /* Everything but 1, 3, 4, 5 and 19.1 lacks a score. */
  g_assert_cmpuint (subdistrict->counts[esc_gap_index (ESC_GAP_NO_SCORE)], ==, n_items - 5);

  /* A เทศบาลนคร: pass mark 70 %, 21 of 30 points, so item 3 now falls short too. */
  city = esc_readiness_compute (framework, "city", answers, checks);
  g_assert_cmpfloat (city->pass_mark_percent, ==, 70);
  item = expect_item (city, "3");
  g_assert_cmpuint (item->gaps, ==, ESC_GAP_NO_PAGES | ESC_GAP_BELOW_PASS);
  g_assert_cmpfloat (item->needed, ==, 21);

  /* The reviewer's request comes first in what to prepare. */
  actions = esc_readiness_to_actions (subdistrict);
  g_assert_cmpuint (actions->len, >, 5);
  g_assert_nonnull (strstr (g_ptr_array_index (actions, 0), "4"));
  g_assert_nonnull (strstr (g_ptr_array_index (actions, 0), "แนบภาพถ่ายกิจกรรม"));
}

static void
test_readiness_summary (void)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = esc_framework_new_default (&error);
  g_autoptr (GPtrArray)    answers = NULL;
  g_autoptr (GPtrArray)    checks = NULL;
  g_autoptr (GPtrArray)    readinesses = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_readiness_free);
  g_autoptr (GPtrArray)    names = g_ptr_array_new ();
  g_autoptr (GPtrArray)    entries = NULL;
  gboolean                 found_below = FALSE;

  g_assert_no_error (error);
  make_assessment (&answers, &checks);
  g_ptr_array_add (readinesses, esc_readiness_compute (framework, "subdistrict", answers, checks));
  g_ptr_array_add (names, "ทต.ส้มป่อย");
  g_ptr_array_add (readinesses, esc_readiness_compute (framework, "town", answers, checks));
  g_ptr_array_add (names, "ทม.ศรีสะเกษ");

  entries = esc_readiness_summarize (readinesses, names);
  g_assert_cmpuint (entries->len, >, 0);
  /* The entries that concern both local governments come first. */
  g_assert_cmpuint (((EscPrepareEntry *) entries->pdata[0])->laos->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      const EscPrepareEntry *entry = g_ptr_array_index (entries, i);

      if (i > 0)
        g_assert_cmpuint (((EscPrepareEntry *) entries->pdata[i - 1])->laos->len, >=, entry->laos->len);
      if (g_str_equal (entry->item->code, "3") && entry->gap == ESC_GAP_BELOW_PASS)
        {
          /* 20 points pass at 60 % but not at 70 %. */
          g_assert_cmpuint (entry->laos->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (entry->laos, 0), ==, "ทม.ศรีสะเกษ");
          found_below = TRUE;
        }
    }
  g_assert_true (found_below);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/province/transitions", test_transitions);
  g_test_add_func ("/core/province/transition-messages", test_transition_messages);
  g_test_add_func ("/core/province/status-strings", test_status_strings);
  g_test_add_func ("/core/province/plan-progress", test_plan_progress);
  g_test_add_func ("/core/province/plan-spread", test_plan_spread);
  g_test_add_func ("/core/province/readiness", test_readiness);
  g_test_add_func ("/core/province/readiness-summary", test_readiness_summary);

  return g_test_run ();
}
