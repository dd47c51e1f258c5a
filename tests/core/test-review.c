/* test-review.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review loop (submit, return with a comment, fix, accept), its refusals, the history it
 * leaves, and reviewer comments travelling between two files through merges.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "esc-export.h"
#include "esc-history.h"
#include "esc-merge.h"
#include "esc-review.h"
#include "esc-store.h"

typedef struct
{
  char     *dir;
  char     *path;
  EscStore *store;
  char     *assessment;
} Fixture;

static void
set_value (EscStore   *store,
           const char *assessment,
           const char *item,
           const char *key,
           double      value)
{
  g_autoptr (GError) error = NULL;
  EscAnswerChange    change;

  esc_answer_change_init (&change, item);
  esc_answer_change_set_value (&change, key, value);
  esc_store_apply_answer (store, assessment, &change, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscLao)       found = NULL;
  g_autofree char         *framework_uuid = NULL;
  EscLao                  *lao = esc_lao_new ();

  f->dir = g_dir_make_tmp ("esc-review-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "assessor.esca", NULL);
  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  f->store = esc_store_create (f->path, framework, &error);
  g_assert_no_error (error);
  esc_store_set_author (f->store, "ผู้ประเมิน");

  lao->code = g_strdup ("6330101");
  lao->name = g_strdup ("เทศบาลเมืองศรีสะเกษ");
  lao->type = g_strdup ("town");
  lao->district = g_strdup ("เมืองศรีสะเกษ");
  lao->province = g_strdup ("ศรีสะเกษ");
  g_ptr_array_add (laos, lao);
  esc_store_import_laos (f->store, laos, NULL, NULL, &error);
  g_assert_no_error (error);
  found = esc_store_find_lao (f->store, "6330101", &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (f->store, &error);
  g_assert_no_error (error);
  f->assessment = esc_store_create_assessment (f->store, found->uuid, 2568, framework_uuid, "self", "ผู้ประเมิน", &error);
  g_assert_no_error (error);
  set_value (f->store, f->assessment, "3", "process", 4);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char      *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->assessment);
}

static char *
status_of (Fixture *f)
{
  g_autoptr (GError)        error = NULL;
  g_autoptr (EscAssessment) assessment = esc_store_get_assessment (f->store, f->assessment, &error);

  g_assert_no_error (error);
  return g_strdup (assessment->status);
}

static void
assert_status (Fixture    *f,
               const char *expected)
{
  g_autofree char *status = status_of (f);

  g_assert_cmpstr (status, ==, expected);
}

static void
test_review_loop (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError)     error = NULL;
  g_autoptr (GHashTable) verdicts = NULL;
  g_autoptr (GPtrArray)  comments = NULL;
  g_autoptr (GPtrArray)  history = NULL;
  g_autofree char       *comment = NULL;
  const char            *expected[] = { "reviewed", "submitted", "returned", "submitted" };
  guint                  n_status = 0;

  assert_status (f, "draft");

  /* Not yet submitted: cannot be accepted or returned. */
  g_assert_false (esc_review_apply (f->store, f->assessment, ESC_REVIEW_ACCEPT, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "submit"));
  g_clear_error (&error);
  g_assert_false (esc_review_apply (f->store, f->assessment, ESC_REVIEW_RETURN, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_status (f, "draft");

  /* Submit; submitting twice is refused. */
  g_assert_true (esc_review_apply (f->store, f->assessment, ESC_REVIEW_SUBMIT, "ready", &error));
  g_assert_no_error (error);
  assert_status (f, "submitted");
  g_assert_false (esc_review_apply (f->store, f->assessment, ESC_REVIEW_SUBMIT, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The reviewer asks for a fix on indicator 3, with a comment. */
  esc_store_set_author (f->store, "ผู้ตรวจ");
  g_assert_null (esc_review_add_comment (f->store, f->assessment, "3", ESC_REVIEW_NEEDS_FIX, "  ", &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (esc_review_add_comment (f->store, f->assessment, "3", "maybe", "x", &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (esc_review_add_comment (f->store, f->assessment, "99", ESC_REVIEW_ACCEPTED, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  comment = esc_review_add_comment (f->store, f->assessment, "3", ESC_REVIEW_NEEDS_FIX,
                                    "แนบหลักฐานการประชุมด้วย", &error);
  g_assert_no_error (error);
  g_assert_nonnull (comment);
  g_assert_true (esc_review_apply (f->store, f->assessment, ESC_REVIEW_RETURN, "หลักฐานไม่ครบ", &error));
  g_assert_no_error (error);
  assert_status (f, "returned");
  verdicts = esc_review_get_verdicts (f->store, f->assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (verdicts, "3"), ==, ESC_REVIEW_NEEDS_FIX);
  g_clear_pointer (&verdicts, g_hash_table_unref);

  /* The assessor fixes it and submits again. */
  esc_store_set_author (f->store, "ผู้ประเมิน");
  set_value (f->store, f->assessment, "3", "process", 8);
  g_assert_true (esc_review_apply (f->store, f->assessment, ESC_REVIEW_SUBMIT, NULL, &error));
  g_assert_no_error (error);

  /* The reviewer accepts the indicator and the assessment. */
  esc_store_set_author (f->store, "ผู้ตรวจ");
  g_free (esc_review_add_comment (f->store, f->assessment, "3", ESC_REVIEW_ACCEPTED, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (esc_review_apply (f->store, f->assessment, ESC_REVIEW_ACCEPT, NULL, &error));
  g_assert_no_error (error);
  assert_status (f, "reviewed");

  verdicts = esc_review_get_verdicts (f->store, f->assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (verdicts, "3"), ==, ESC_REVIEW_ACCEPTED);
  comments = esc_review_list_comments (f->store, f->assessment, "3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpstr (((EscComment *) comments->pdata[0])->body, ==, "แนบหลักฐานการประชุมด้วย");
  g_assert_cmpstr (((EscComment *) comments->pdata[0])->author, ==, "ผู้ตรวจ");

  /* The history: every status change, newest first, with who and why. */
  history = esc_history_list (f->store, f->assessment, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      EscHistoryEntry *entry = g_ptr_array_index (history, i);

      if (g_strcmp0 (entry->field, "status") != 0)
        continue;
      g_assert_cmpuint (n_status, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (entry->new_value, ==, expected[n_status]);
      if (g_str_equal (entry->new_value, "returned"))
        {
          g_assert_cmpstr (entry->reason, ==, "หลักฐานไม่ครบ");
          g_assert_cmpstr (entry->author, ==, "ผู้ตรวจ");
          g_assert_cmpstr (entry->old_value, ==, "submitted");
        }
      n_status++;
    }
  g_assert_cmpuint (n_status, ==, 4);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* The indicator's own history: its score changes, nothing of other indicators. */
  set_value (f->store, f->assessment, "5", "process", 2);
  history = esc_history_list (f->store, f->assessment, "3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((EscHistoryEntry *) history->pdata[0])->old_value, ==, "4");
  g_assert_cmpstr (((EscHistoryEntry *) history->pdata[0])->new_value, ==, "8");
  g_assert_cmpstr (((EscHistoryEntry *) history->pdata[0])->item_code, ==, "3");
  g_assert_cmpstr (((EscHistoryEntry *) history->pdata[0])->author, ==, "ผู้ประเมิน");

  /* The SAR workbook carries the same history on its ประวัติ sheet. */
  {
    g_autofree char *xlsx = g_build_filename (f->dir, "sar.xlsx", NULL);
    g_autofree char *workbook = NULL;
    g_autofree char *strings = NULL;
    g_autofree char *command = NULL;

    g_assert_true (esc_export_sar (f->path, f->assessment, xlsx, NULL, 0, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    command = g_strdup_printf ("unzip -p '%s' xl/workbook.xml", xlsx);
    g_assert_true (g_spawn_command_line_sync (command, &workbook, NULL, NULL, NULL));
    g_assert_nonnull (strstr (workbook, "name=\"ประวัติ\""));
    g_free (command);
    command = g_strdup_printf ("unzip -p '%s' xl/sharedStrings.xml xl/worksheets/sheet4.xml", xlsx);
    g_assert_true (g_spawn_command_line_sync (command, &strings, NULL, NULL, NULL));
    g_assert_nonnull (strstr (strings, "หลักฐานไม่ครบ")); /* the reason the reviewer gave */
    g_assert_nonnull (strstr (strings, "ผู้ตรวจ"));
  }
}

static void
test_review_travels (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char           *reviewer_path = g_build_filename (f->dir, "reviewer.esca", NULL);
  g_autoptr (EscStore)       reviewer = NULL;
  g_autoptr (EscMergeReport) report = NULL;
  g_autoptr (GPtrArray)      comments = NULL;
  g_autoptr (GError)         error = NULL;
  g_autofree char           *contents = NULL;
  gsize                      length;

  g_assert_true (esc_review_apply (f->store, f->assessment, ESC_REVIEW_SUBMIT, NULL, &error));
  g_clear_object (&f->store);

  /* The assessor's file goes to the reviewer, who returns it with a comment. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (reviewer_path, contents, length, NULL));
  reviewer = esc_store_open (reviewer_path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (reviewer, "ผู้ตรวจ");
  g_free (esc_review_add_comment (reviewer, f->assessment, "3", ESC_REVIEW_NEEDS_FIX, "คะแนนสูงเกินหลักฐาน", &error));
  g_assert_no_error (error);
  g_assert_true (esc_review_apply (reviewer, f->assessment, ESC_REVIEW_RETURN, NULL, &error));
  g_clear_object (&reviewer);

  /* Back on the assessor's machine: the comment and the status come in. */
  f->store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  report = esc_merge_file (f->store, reviewer_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_comments_added, ==, 1);
  g_assert_cmpuint (report->n_assessments_updated, ==, 1);
  g_assert_cmpuint (report->n_conflicts_added, ==, 0);
  assert_status (f, "returned");
  comments = esc_review_list_comments (f->store, f->assessment, "3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (((EscComment *) comments->pdata[0])->verdict, ==, ESC_REVIEW_NEEDS_FIX);

  /* The assessor fixes and resubmits; merged back, the reviewer sees it submitted. */
  set_value (f->store, f->assessment, "3", "process", 2);
  g_assert_true (esc_review_apply (f->store, f->assessment, ESC_REVIEW_SUBMIT, "fixed", &error));
  g_clear_pointer (&report, esc_merge_report_free);
  reviewer = esc_store_open (reviewer_path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  report = esc_merge_file (reviewer, f->path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_conflicts_added, ==, 0);
  {
    g_autoptr (EscAssessment) assessment = esc_store_get_assessment (reviewer, f->assessment, &error);
    g_assert_cmpstr (assessment->status, ==, "submitted");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/review/loop", Fixture, NULL, fixture_set_up, test_review_loop, fixture_tear_down);
  g_test_add ("/core/review/travels", Fixture, NULL, fixture_set_up, test_review_travels, fixture_tear_down);

  return g_test_run ();
}
