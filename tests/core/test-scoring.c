/* test-scoring.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "esc-scoring.h"

static EscFramework *
load_framework (void)
{
  g_autoptr (GError) error = NULL;
  EscFramework      *framework = esc_framework_new_default (&error);

  g_assert_no_error (error);
  return framework;
}

/* Every item gets the same fraction of each dimension's maximum; LPA items get lpa %. */
static GPtrArray *
uniform_answers (EscFramework *framework,
                 double        fraction,
                 double        lpa,
                 gboolean      with_links)
{
  GPtrArray *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_answer_free);

  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    {
      const EscIndicator *item = esc_framework_get_item (framework, i);
      EscAnswer          *answer = esc_answer_new (item->code);

      if (item->method == ESC_SCORING_LPA)
        answer->values[0] = lpa;
      else
        for (guint d = 0; d < item->n_dimensions; d++)
          answer->values[d] = item->dimensions[d].max * fraction;
      answer->n_links = with_links ? 1 : 0;
      g_ptr_array_add (answers, answer);
    }

  return answers;
}

static EscAnswer *
find_answer (GPtrArray  *answers,
             const char *code)
{
  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer *answer = g_ptr_array_index (answers, i);

      if (g_str_equal (answer->item_code, code))
        return answer;
    }
  g_assert_not_reached ();
}

static void
test_empty (void)
{
  g_autoptr (EscFramework) framework = load_framework ();
  g_autoptr (EscScore)     score = esc_score_compute (framework, "sao", NULL);

  g_assert_cmpuint (score->n_indicators, ==, 34);
  g_assert_cmpuint (score->n_components, ==, 4);
  g_assert_cmpfloat (score->total_percent, ==, 0);
  g_assert_cmpfloat (score->pass_mark_percent, ==, 60);
  g_assert_cmpint (score->passed, ==, 0);
  g_assert_cmpuint (score->n_complete, ==, 0);
  for (guint i = 0; i < score->n_indicators; i++)
    g_assert_cmpint (score->indicators[i].state, ==, ESC_ITEM_NOT_STARTED);
}

static void
test_pass_marks_by_type (void)
{
  g_autoptr (EscFramework) framework = load_framework ();
  struct
  {
    const char *type;
    double      fraction;
    double      lpa;
    double      total;
    double      mark;
    int         passed;
  } cases[] = {
    /* Exactly at the mark passes; just below fails. */
    { "town", 0.7, 70, 70, 70, 1 },
    { "city", 0.7, 69.9, -1, 70, 0 },
    { "subdistrict", 0.6, 60, 60, 60, 1 },
    { "sao", 0.6, 59, -1, 60, 0 },
    { "sao", 1.0, 100, 100, 60, 1 },
    { "pao", 0.5, 50, 50, -1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) answers = uniform_answers (framework, cases[i].fraction, cases[i].lpa, TRUE);
      g_autoptr (EscScore)  score = esc_score_compute (framework, cases[i].type, answers);

      if (cases[i].total >= 0)
        g_assert_cmpfloat_with_epsilon (score->total_percent, cases[i].total, 1e-9);
      g_assert_cmpfloat (score->pass_mark_percent, ==, cases[i].mark);
      g_assert_cmpint (score->passed, ==, cases[i].passed);
      g_assert_cmpuint (score->n_complete, ==, 34);
      g_assert_cmpuint (score->n_with_evidence, ==, 34);
    }
}

static void
test_hand_computed (void)
{
  g_autoptr (EscFramework) framework = load_framework ();
  g_autoptr (GPtrArray)    answers = uniform_answers (framework, 0, 0, FALSE);
  g_autoptr (EscScore)     score = NULL;
  EscAnswer               *answer;
  double                   c1, c3, c4;

  /* Component 1 (indicators 1–7, 210 points): indicator 1 gets 30, indicator 2 gets 8.5. */
  answer = find_answer (answers, "1");
  answer->values[0] = 10, answer->values[1] = 7, answer->values[2] = 13;
  answer = find_answer (answers, "2");
  answer->values[0] = 5, answer->values[1] = 3.5, answer->values[2] = 0;
  /* Component 3 (17–23, 210 points): 19.1 = 30, 19.2 = 6 → 19 = 18. */
  answer = find_answer (answers, "19.1");
  answer->values[0] = 10, answer->values[1] = 7, answer->values[2] = 13;
  answer = find_answer (answers, "19.2");
  answer->values[0] = 6;
  /* Component 4 (24–34, 330 points): LPA 80 % of 30 = 24. */
  find_answer (answers, "24")->values[0] = 80;

  score = esc_score_compute (framework, "town", answers);

  c1 = (30 + 8.5) / 210.0 * 100;
  c3 = 18 / 210.0 * 100;
  c4 = 24 / 330.0 * 100;
  g_assert_cmpfloat_with_epsilon (score->components[0].percent, c1, 1e-9);
  g_assert_cmpfloat_with_epsilon (score->components[1].percent, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (score->components[2].percent, c3, 1e-9);
  g_assert_cmpfloat_with_epsilon (score->components[3].percent, c4, 1e-9);
  g_assert_cmpfloat_with_epsilon (score->total_percent, 0.25 * (c1 + c3 + c4), 1e-9);
  g_assert_cmpfloat_with_epsilon (score->indicators[18].points, 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (score->indicators[23].points, 24, 1e-9);
  g_assert_cmpint (score->passed, ==, 0);
}

static void
test_states (void)
{
  g_autoptr (EscFramework) framework = load_framework ();
  g_autoptr (GPtrArray)    answers = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_answer_free);
  g_autoptr (EscScore)     score = NULL;
  EscAnswer               *answer;

  answer = esc_answer_new ("1"); /* all dimensions, evidence */
  answer->values[0] = 1, answer->values[1] = 1, answer->values[2] = 1, answer->n_links = 2;
  g_ptr_array_add (answers, answer);
  answer = esc_answer_new ("2"); /* all dimensions, no evidence */
  answer->values[0] = 1, answer->values[1] = 1, answer->values[2] = 1;
  g_ptr_array_add (answers, answer);
  answer = esc_answer_new ("3"); /* one dimension */
  answer->values[1] = 4;
  g_ptr_array_add (answers, answer);
  answer = esc_answer_new ("4"); /* a note only */
  answer->note = g_strdup ("เริ่มแล้ว");
  g_ptr_array_add (answers, answer);
  answer = esc_answer_new ("19.1"); /* one part of two */
  answer->values[0] = 1, answer->values[1] = 1, answer->values[2] = 1, answer->n_links = 1;
  g_ptr_array_add (answers, answer);

  score = esc_score_compute (framework, "sao", answers);

  g_assert_cmpint (score->indicators[0].state, ==, ESC_ITEM_DONE);
  g_assert_cmpint (score->indicators[1].state, ==, ESC_ITEM_MISSING_EVIDENCE);
  g_assert_cmpint (score->indicators[2].state, ==, ESC_ITEM_IN_PROGRESS);
  g_assert_cmpint (score->indicators[3].state, ==, ESC_ITEM_IN_PROGRESS);
  g_assert_cmpint (score->indicators[4].state, ==, ESC_ITEM_NOT_STARTED);
  g_assert_cmpint (score->indicators[18].state, ==, ESC_ITEM_IN_PROGRESS);
  g_assert_false (score->indicators[18].scored);
  g_assert_cmpuint (score->n_complete, ==, 2);
  g_assert_cmpuint (score->n_with_evidence, ==, 1);
  g_assert_cmpstr (esc_item_state_to_string (score->indicators[1].state), ==, "missing-evidence");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/scoring/empty", test_empty);
  g_test_add_func ("/core/scoring/pass-marks-by-type", test_pass_marks_by_type);
  g_test_add_func ("/core/scoring/hand-computed", test_hand_computed);
  g_test_add_func ("/core/scoring/states", test_states);

  return g_test_run ();
}
