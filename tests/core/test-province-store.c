/* test-province-store.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province tables of a workspace: participation through its statuses, the outreach
 * log, plans and targets, the benefits text; refused changes leave nothing behind.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "esc-export.h"
#include "esc-province.h"
#include "esc-report.h"

typedef struct
{
  char     *path;
  EscStore *store;
  char     *khun_han;
  char     *som_poi;
} Fixture;

static EscLao *
lao (const char *name,
     const char *type,
     const char *district)
{
  EscLao *l = esc_lao_new ();

  l->name = g_strdup (name);
  l->type = g_strdup (type);
  l->district = g_strdup (district);
  l->province = g_strdup ("ศรีสะเกษ");

  return l;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = esc_framework_new_default (&error);
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (EscLao)       found = NULL;
  guint                    added = 0, updated = 0;

  g_assert_no_error (error);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  f->path = g_build_filename (g_get_user_data_dir (), "province.esca", NULL);
  f->store = esc_store_create (f->path, framework, &error);
  g_assert_no_error (error);

  g_ptr_array_add (laos, lao ("เทศบาลตำบลขุนหาญ", "subdistrict", "ขุนหาญ"));
  g_ptr_array_add (laos, lao ("เทศบาลตำบลส้มป่อย", "subdistrict", "ราษีไศล"));
  g_ptr_array_add (laos, lao ("เทศบาลเมืองศรีสะเกษ", "town", "เมืองศรีสะเกษ"));
  g_assert_true (esc_store_import_laos (f->store, laos, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);

  found = esc_store_find_lao (f->store, "เทศบาลตำบลขุนหาญ", &error);
  g_assert_no_error (error);
  f->khun_han = g_strdup (found->uuid);
  g_clear_pointer (&found, esc_lao_free);
  found = esc_store_find_lao (f->store, "เทศบาลตำบลส้มป่อย", &error);
  g_assert_no_error (error);
  f->som_poi = g_strdup (found->uuid);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->path);
  g_free (f->khun_han);
  g_free (f->som_poi);
}

static gboolean
set_status (Fixture               *f,
            const char            *lao_uuid,
            int                    year,
            EscParticipationStatus status,
            EscParticipationResult result,
            GError               **error)
{
  EscParticipationChange change;

  esc_participation_change_init (&change);
  change.status = status;
  change.result = result;
  return esc_store_set_participation (f->store, lao_uuid, year, &change, NULL, error);
}

static void
test_participation (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError)           error = NULL;
  g_autoptr (EscParticipation) p = NULL;
  g_autoptr (GPtrArray)        list = NULL;
  EscParticipationChange       change;

  /* Nothing recorded: not contacted. */
  p = esc_store_get_participation (f->store, f->khun_han, 2570, &error);
  g_assert_no_error (error);
  g_assert_null (p->uuid);
  g_assert_cmpint (p->status, ==, ESC_PARTICIPATION_NOT_CONTACTED);
  g_clear_pointer (&p, esc_participation_free);

  esc_participation_change_init (&change);
  change.status = ESC_PARTICIPATION_INVITED;
  change.volunteered = 1;
  change.contact = "นายก อบต. 045-000000";
  g_assert_true (esc_store_set_participation (f->store, f->khun_han, 2570, &change, "เริ่ม", &error));
  g_assert_no_error (error);

  /* Submitting before registering is refused and changes nothing. */
  g_assert_false (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, &error));
  g_assert_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_TRANSITION);
  g_clear_error (&error);
  p = esc_store_get_participation (f->store, f->khun_han, 2570, &error);
  g_assert_cmpint (p->status, ==, ESC_PARTICIPATION_INVITED);
  g_assert_true (p->volunteered);
  g_assert_cmpstr (p->contact, ==, "นายก อบต. 045-000000");
  g_assert_cmpstr (p->district, ==, "ขุนหาญ");
  g_clear_pointer (&p, esc_participation_free);

  g_assert_true (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_REGISTERED, ESC_RESULT_NONE, &error));
  g_assert_true (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, &error));
  g_assert_false (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_RESULT, ESC_RESULT_NONE, &error));
  g_assert_error (error, ESC_PROVINCE_ERROR, ESC_PROVINCE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_RESULT, ESC_RESULT_EXCELLENT, &error));
  g_assert_no_error (error);

  /* Out of a result only as a correction, and then the rating goes. */
  g_assert_false (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_SUBMITTED, ESC_RESULT_NONE, &error));
  g_clear_error (&error);
  esc_participation_change_init (&change);
  change.status = ESC_PARTICIPATION_SUBMITTED;
  change.correction = TRUE;
  g_assert_true (esc_store_set_participation (f->store, f->khun_han, 2570, &change, "บันทึกผิด", &error));
  p = esc_store_get_participation (f->store, f->khun_han, 2570, &error);
  g_assert_cmpint (p->status, ==, ESC_PARTICIPATION_SUBMITTED);
  g_assert_cmpint (p->result, ==, ESC_RESULT_NONE);
  g_clear_pointer (&p, esc_participation_free);

  /* The next year starts from this year's flags and contact, and knows it took part. */
  p = esc_store_get_participation (f->store, f->khun_han, 2571, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->status, ==, ESC_PARTICIPATION_NOT_CONTACTED);
  g_assert_true (p->volunteered);
  g_assert_true (p->took_part_before);
  g_assert_cmpstr (p->contact, ==, "นายก อบต. 045-000000");
  g_clear_pointer (&p, esc_participation_free);

  g_assert_true (set_status (f, f->som_poi, 2570, ESC_PARTICIPATION_INTERESTED, ESC_RESULT_NONE, &error));
  list = esc_store_list_participation (f->store, 2570, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = esc_store_list_participation (f->store, 2569, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A Gregorian year is caught, with the Buddhist-era year suggested. */
  g_assert_false (set_status (f, f->som_poi, 2027, ESC_PARTICIPATION_INVITED, ESC_RESULT_NONE, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2570"));
}

static void
test_outreach (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const EscOutreach    *o;

  g_assert_true (esc_store_add_outreach (f->store, f->khun_han, 0, "2569-10-15", ESC_OUTREACH_LETTER,
                                         "หนังสือเชิญ", &error));
  g_assert_no_error (error);
  g_assert_true (esc_store_add_outreach (f->store, f->khun_han, 0, "2026-09-30", ESC_OUTREACH_CALL, "", &error));
  g_assert_false (esc_store_add_outreach (f->store, f->khun_han, 0, "15/10/2569", ESC_OUTREACH_VISIT, "", &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  list = esc_store_list_outreach (f->store, f->khun_han, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  o = g_ptr_array_index (list, 0);
  g_assert_cmpstr (o->date, ==, "2026-09-30");
  g_assert_cmpint (o->fiscal_year, ==, 2569); /* the last day of fiscal year 2569 */
  o = g_ptr_array_index (list, 1);
  g_assert_cmpstr (o->date, ==, "2026-10-15");
  g_assert_cmpint (o->fiscal_year, ==, 2570);
  g_assert_cmpint (o->kind, ==, ESC_OUTREACH_LETTER);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = esc_store_list_outreach (f->store, NULL, 2570, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_targets (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autofree char      *plan = NULL;
  g_autofree char      *again = NULL;
  g_autoptr (GPtrArray) targets = NULL;
  g_autoptr (GPtrArray) plans = NULL;

  plan = esc_store_create_plan (f->store, "แผน 5 ปี", 2569, 5, &error);
  g_assert_no_error (error);
  again = esc_store_create_plan (f->store, "แผน 5 ปี", 2569, 5, &error);
  g_assert_cmpstr (plan, ==, again);
  g_assert_null (esc_store_create_plan (f->store, "แผน 5 ปี", 2570, 3, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (esc_store_create_plan (f->store, "แผน", 2569, 0, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (esc_store_set_target (f->store, plan, 2569, NULL, 3, &error));
  g_assert_true (esc_store_set_target (f->store, plan, 2573, "", 15, &error));
  g_assert_true (esc_store_set_target (f->store, plan, 2570, "ขุนหาญ", 2, &error));
  g_assert_no_error (error);
  /* Outside the plan, or a district with no local government: refused. */
  g_assert_false (esc_store_set_target (f->store, plan, 2574, NULL, 3, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2569"));
  g_clear_error (&error);
  g_assert_false (esc_store_set_target (f->store, plan, 2570, "ขุนหาร", 2, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Yearly targets outside any plan. */
  g_assert_true (esc_store_set_target (f->store, NULL, 2570, NULL, 4, &error));

  targets = esc_store_list_targets (f->store, plan, &error);
  g_assert_cmpuint (targets->len, ==, 3);
  g_clear_pointer (&targets, g_ptr_array_unref);
  /* Removing one. */
  g_assert_true (esc_store_set_target (f->store, plan, 2573, NULL, -1, &error));
  targets = esc_store_list_targets (f->store, plan, &error);
  g_assert_cmpuint (targets->len, ==, 2);
  g_clear_pointer (&targets, g_ptr_array_unref);
  targets = esc_store_list_targets (f->store, "", &error);
  g_assert_cmpuint (targets->len, ==, 1);
  g_assert_cmpint (((EscTarget *) targets->pdata[0])->target, ==, 4);

  plans = esc_store_list_plans (f->store, &error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_cmpint (((EscPlan *) plans->pdata[0])->n_years, ==, 5);
}

static void
test_benefits_and_reports (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError)             error = NULL;
  g_autofree char               *text = NULL;
  g_autofree char               *assessment = NULL;
  g_autoptr (EscLaoSummary)      lao_summary = NULL;
  g_autoptr (EscProvinceSummary) province = NULL;
  EscAnswerChange                change;

  text = esc_store_get_benefits (f->store, "ศรีสะเกษ", &error);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  g_assert_true (esc_store_set_benefits (f->store, "ศรีสะเกษ", "ได้รับการยกย่อง", &error));
  text = esc_store_get_benefits (f->store, "ศรีสะเกษ", &error);
  g_assert_cmpstr (text, ==, "ได้รับการยกย่อง");

  g_assert_true (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_REGISTERED, ESC_RESULT_NONE, &error));
  assessment = esc_store_create_assessment (f->store, f->khun_han, 2570, NULL, "self", "", &error);
  g_assert_no_error (error);
  esc_answer_change_init (&change, "1");
  esc_answer_change_set_value (&change, "process", 10);
  esc_answer_change_set_value (&change, "output", 7);
  esc_answer_change_set_value (&change, "outcome", 13);
  g_assert_true (esc_store_apply_answer (f->store, assessment, &change, NULL, &error));
  g_assert_no_error (error);

  lao_summary = esc_lao_summary_collect (f->store, f->khun_han, 2570, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lao_summary->title, ==, "เทศบาลตำบลขุนหาญ");
  g_assert_cmpstr (lao_summary->benefits, ==, "ได้รับการยกย่อง");
  g_assert_cmpuint (lao_summary->bars->len, ==, 4);
  g_assert_cmpfloat (lao_summary->pass_mark_percent, ==, 60);
  g_assert_cmpuint (lao_summary->strengths->len, ==, 1); /* indicator 1, full marks */
  g_assert_cmpuint (lao_summary->prepare->len, >, 30);

  province = esc_province_summary_collect (f->store, NULL, 2570, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (province->province, ==, "ศรีสะเกษ");
  g_assert_cmpint (province->actual, ==, 1);
  g_assert_cmpuint (province->participants->len, ==, 1);
  g_assert_cmpuint (province->prepare->len, >, 0);
}

static char *
unzip_member (const char *zip,
              const char *member)
{
  const char        *argv[] = { "unzip", "-p", zip, member, NULL };
  g_autoptr (GError) error = NULL;
  char              *out = NULL;
  int                status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The province workbook carries the working group's list of what to prepare next. */
static void
test_workbook_sheet (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *assessment = NULL;
  g_autofree char   *xlsx = g_build_filename (g_get_user_data_dir (), "province.xlsx", NULL);
  g_autofree char   *book = NULL;
  g_autofree char   *sheet = NULL;
  EscAnswerChange    change;

  g_assert_true (set_status (f, f->khun_han, 2570, ESC_PARTICIPATION_REGISTERED, ESC_RESULT_NONE, &error));
  g_assert_true (set_status (f, f->som_poi, 2570, ESC_PARTICIPATION_PREPARING, ESC_RESULT_NONE, &error));
  assessment = esc_store_create_assessment (f->store, f->khun_han, 2570, NULL, "self", "", &error);
  g_assert_no_error (error);
  esc_answer_change_init (&change, "2");
  esc_answer_change_set_value (&change, "process", 2);
  esc_answer_change_set_value (&change, "output", 1);
  esc_answer_change_set_value (&change, "outcome", 3);
  g_assert_true (esc_store_apply_answer (f->store, assessment, &change, NULL, &error));
  g_clear_pointer (&assessment, g_free);
  assessment = esc_store_create_assessment (f->store, f->som_poi, 2570, NULL, "self", "", &error);
  g_assert_no_error (error);

  g_assert_true (esc_export_province (f->path, 2570, xlsx, ESC_EXPORT_DEFAULT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  book = unzip_member (xlsx, "xl/workbook.xml");
  g_assert_nonnull (strstr (book, ESC_PROVINCE_SHEET_PREPARE));
  sheet = unzip_member (xlsx, "xl/worksheets/sheet5.xml");
  /* Indicator 2 is below the pass mark for ขุนหาญ only; indicator 3 has no score for both. */
  g_assert_nonnull (strstr (sheet, "Below the pass mark"));
  g_assert_nonnull (strstr (sheet, "เทศบาลตำบลขุนหาญ, เทศบาลตำบลส้มป่อย"));
  g_assert_nonnull (strstr (sheet, "No score"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/province-store/participation", Fixture, NULL, fixture_set_up, test_participation, fixture_tear_down);
  g_test_add ("/core/province-store/outreach", Fixture, NULL, fixture_set_up, test_outreach, fixture_tear_down);
  g_test_add ("/core/province-store/targets", Fixture, NULL, fixture_set_up, test_targets, fixture_tear_down);
  g_test_add ("/core/province-store/benefits-and-reports", Fixture, NULL, fixture_set_up,
              test_benefits_and_reports, fixture_tear_down);
  g_test_add ("/core/province-store/workbook-sheet", Fixture, NULL, fixture_set_up, test_workbook_sheet,
              fixture_tear_down);

  return g_test_run ();
}
