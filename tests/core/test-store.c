/* test-store.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "esc-evidence.h"
#include "esc-scoring.h"
#include "esc-store.h"

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static EscStore *
new_store (char **path_out)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GError)       error = NULL;
  g_autofree char         *path = temp_path ("test.esca");
  EscStore                *store;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

static GPtrArray *
make_laos (void)
{
  GPtrArray *laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  struct
  {
    const char *code;
    const char *name;
    const char *type;
    const char *district;
  } rows[] = {
    { "1331101", "เทศบาลเมืองศรีสะเกษ", "town", "เมืองศรีสะเกษ" },
    { NULL, "เทศบาลตำบลน้ำคำ", "subdistrict", "เมืองศรีสะเกษ" },
    { NULL, "องค์การบริหารส่วนตำบลคูซอด", "sao", "เมืองศรีสะเกษ" },
    { NULL, "องค์การบริหารส่วนตำบลซำ", "sao", "เมืองศรีสะเกษ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      EscLao *lao = esc_lao_new ();

      lao->code = g_strdup (rows[i].code);
      lao->name = g_strdup (rows[i].name);
      lao->type = g_strdup (rows[i].type);
      lao->district = g_strdup (rows[i].district);
      lao->province = g_strdup ("ศรีสะเกษ");
      g_ptr_array_add (laos, lao);
    }

  return laos;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
}

static void
test_create_and_reopen (void)
{
  g_autofree char      *path = NULL;
  g_autoptr (EscStore)  store = new_store (&path);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = make_laos ();
  g_autoptr (GPtrArray) listed = NULL;
  guint                 added = 0, updated = 0;
  sqlite3              *db;
  sqlite3_stmt         *stmt;

  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 4);
  g_assert_cmpuint (updated, ==, 0);

  /* Importing again changes nothing; a renamed district counts as an update. */
  g_free (((EscLao *) g_ptr_array_index (laos, 0))->district);
  ((EscLao *) g_ptr_array_index (laos, 0))->district = g_strdup ("อำเภอใหม่");
  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_finalize_object (g_steal_pointer (&store));

  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  listed = esc_store_list_laos (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 4);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* The file carries its identity, WAL and the schema version. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                          "(SELECT user_version FROM pragma_user_version), "
                          "(SELECT journal_mode FROM pragma_journal_mode)",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, ESC_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, ESC_STORE_SCHEMA_VERSION);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autofree char     *before = file_checksum (path);
  g_autofree char     *after = NULL;
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = NULL;

  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ESC_STORE_ERROR, code);
  {
    g_autofree char *name = g_path_get_basename (path);

    /* The message names the file. */
    g_assert_nonnull (strstr (error->message, name));
  }

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A list with DLA codes imported over one without them (the shipped list) gives the
 * local governments their codes instead of adding them a second time. */
static void
test_import_adds_codes (void)
{
  g_autoptr (EscStore)  store = new_store (NULL);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = make_laos ();
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (EscLao)    found = NULL;
  guint                 added = 0, updated = 0;
  EscLao               *kusot = g_ptr_array_index (laos, 2);

  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 4);

  kusot->code = g_strdup ("6330103");
  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 1);
  listed = esc_store_list_laos (store, &error);
  g_assert_cmpuint (listed->len, ==, 4);
  found = esc_store_find_lao (store, "6330103", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->name, ==, kusot->name);

  /* Again: nothing to change. */
  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 0);

  /* The same name with another code is another local government; a code is never
   * replaced by a list. */
  g_free (kusot->code);
  kusot->code = g_strdup ("6330199");
  g_assert_true (esc_store_import_laos (store, laos, &added, &updated, &error));
  g_assert_cmpuint (added, ==, 1);
  g_clear_pointer (&found, esc_lao_free);
  found = esc_store_find_lao (store, "6330103", &error);
  g_assert_nonnull (found);
}

static void
test_open_bad_files (void)
{
  g_autofree char     *text = temp_path ("text.esca");
  g_autofree char     *empty = temp_path ("empty.esca");
  g_autofree char     *other = temp_path ("other.esca");
  g_autofree char     *missing = temp_path ("missing.esca");
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = NULL;
  sqlite3             *db;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (text, "not a database\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_fails (text, ESC_STORE_ERROR_NOT_SQLITE);
  assert_open_fails (empty, ESC_STORE_ERROR_NOT_WORKSPACE);
  assert_open_fails (other, ESC_STORE_ERROR_NOT_WORKSPACE);

  store = esc_store_open (missing, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_open_newer_version (void)
{
  g_autofree char     *path = NULL;
  g_autoptr (EscStore) store = new_store (&path);
  sqlite3             *db;

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 42", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_fails (path, ESC_STORE_ERROR_TOO_NEW);
}

static void
test_read_only (void)
{
  g_autofree char      *path = NULL;
  g_autoptr (EscStore)  store = new_store (&path);
  g_autoptr (GPtrArray) laos = make_laos ();
  g_autoptr (GError)    error = NULL;
  g_autofree char      *before = NULL;
  g_autofree char      *after = NULL;

  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  g_assert_finalize_object (g_steal_pointer (&store));
  before = file_checksum (path);

  store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (esc_store_is_read_only (store));
  g_assert_false (esc_store_import_laos (store, laos, NULL, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (esc_store_create_assessment (store, "x", 2568, NULL, "self", "", &error));
  g_assert_nonnull (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_find_lao (void)
{
  g_autoptr (EscStore)  store = new_store (NULL);
  g_autoptr (GPtrArray) laos = make_laos ();
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscLao)    by_code = NULL;
  g_autoptr (EscLao)    by_name = NULL;
  g_autoptr (EscLao)    by_part = NULL;
  g_autoptr (EscLao)    none = NULL;

  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));

  by_code = esc_store_find_lao (store, "1331101", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_code->name, ==, "เทศบาลเมืองศรีสะเกษ");

  by_name = esc_store_find_lao (store, "เทศบาลตำบลน้ำคำ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_name->type, ==, "subdistrict");

  /* A Thai substring in the middle of the name. */
  by_part = esc_store_find_lao (store, "คูซอด", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_part->name, ==, "องค์การบริหารส่วนตำบลคูซอด");

  none = esc_store_find_lao (store, "องค์การบริหาร", &error);
  g_assert_null (none);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_AMBIGUOUS);
  g_clear_error (&error);

  none = esc_store_find_lao (store, "ไม่มี", &error);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND);
}

static char *
new_assessment (EscStore *store)
{
  g_autoptr (GPtrArray) laos = make_laos ();
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscLao)    lao = NULL;
  char                 *uuid;

  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  lao = esc_store_find_lao (store, "1331101", &error);
  g_assert_no_error (error);
  uuid = esc_store_create_assessment (store, lao->uuid, 2568, NULL, "site", "สมชาย", &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);

  return uuid;
}

static void
test_answers (void)
{
  g_autoptr (EscStore)      store = new_store (NULL);
  g_autofree char          *assessment = new_assessment (store);
  g_autoptr (GPtrArray)     answers = NULL;
  g_autoptr (GError)        error = NULL;
  g_autoptr (EscAssessment) found = NULL;
  g_autofree char          *prefix = g_strndup (assessment, 8);
  EscAnswerChange           change;
  const EscAnswer          *answer = NULL;

  esc_answer_change_init (&change, "7");
  esc_answer_change_set_value (&change, "process", 8);
  esc_answer_change_set_value (&change, "outcome", 12.5);
  change.note = "มีแผนป้องกันอัคคีภัย";
  change.checked = "2, 1,2";
  g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (esc_store_get_last_change (store), >, 0);

  /* Clearing one value leaves the others. */
  esc_answer_change_init (&change, "7");
  esc_answer_change_set_value (&change, "outcome", NAN);
  g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));

  found = esc_store_get_assessment (store, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->uuid, ==, assessment);
  g_assert_cmpstr (found->kind, ==, "site");
  g_assert_cmpstr (found->status, ==, "draft");

  answers = esc_store_load_answers (store, assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 1);
  answer = g_ptr_array_index (answers, 0);
  g_assert_cmpstr (answer->item_code, ==, "7");
  g_assert_cmpfloat (answer->values[0], ==, 8);
  g_assert_true (isnan (answer->values[1]));
  g_assert_true (isnan (answer->values[2]));
  g_assert_cmpstr (answer->note, ==, "มีแผนป้องกันอัคคีภัย");
  g_assert_cmpstr (answer->checked, ==, "1,2");
}

static void
test_answer_validation (void)
{
  g_autoptr (EscStore)  store = new_store (NULL);
  g_autofree char      *assessment = new_assessment (store);
  g_autoptr (GPtrArray) answers = NULL;
  EscAnswerChange       change;
  struct
  {
    const char *code;
    const char *key;
    double      value;
  } bad[] = {
    { "1", "process", 10.5 },
    { "1", "output", -1 },
    { "1", "lpa", 50 },
    { "1", "nonsense", 1 },
    { "24", "lpa", 100.1 },
    { "24", "process", 1 },
    { "19", "process", 1 },
    { "35", "process", 1 },
    { "", "process", 1 },
    { "1", "outcome", INFINITY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      esc_answer_change_init (&change, bad[i].code);
      esc_answer_change_set_value (&change, bad[i].key, bad[i].value);
      g_assert_false (esc_store_apply_answer (store, assessment, &change, NULL, &error));
      g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
    }

  {
    g_autoptr (GError) error = NULL;

    esc_answer_change_init (&change, "2");
    change.checked = "1,99";
    g_assert_false (esc_store_apply_answer (store, assessment, &change, NULL, &error));
    g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  }
  {
    g_autoptr (GError) error = NULL;

    esc_answer_change_init (&change, "2");
    change.note = "\xff\xfe bad";
    g_assert_false (esc_store_apply_answer (store, assessment, &change, NULL, &error));
    g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  }

  answers = esc_store_load_answers (store, assessment, NULL);
  g_assert_cmpuint (answers->len, ==, 0);
}

static void
test_batch_rolls_back (void)
{
  g_autoptr (EscStore)  store = new_store (NULL);
  g_autofree char      *assessment = new_assessment (store);
  g_autoptr (GPtrArray) answers = NULL;
  g_autoptr (GError)    error = NULL;
  EscAnswerChange       change;

  g_assert_true (esc_store_begin_batch (store, &error));
  esc_answer_change_init (&change, "5");
  esc_answer_change_set_value (&change, "process", 3);
  g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
  g_assert_true (esc_store_end_batch (store, FALSE, &error));

  answers = esc_store_load_answers (store, assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 0);
}

static void
count_cb (const EscAssessment *assessment,
          const EscLao        *lao,
          GPtrArray           *answers,
          gpointer             user_data)
{
  guint *n = user_data;

  g_assert_cmpstr (lao->uuid, ==, assessment->lao_uuid);
  n[0]++;
  n[1] += answers->len;
}

static void
test_foreach (void)
{
  g_autoptr (EscStore)      store = new_store (NULL);
  g_autofree char          *first = new_assessment (store);
  g_autoptr (EscAssessment) assessment = esc_store_get_assessment (store, first, NULL);
  g_autofree char          *second = esc_store_create_assessment (store, assessment->lao_uuid, 2569, NULL, "self", "", NULL);
  g_autoptr (GError)        error = NULL;
  guint                     counts[2] = { 0, 0 };
  EscAnswerChange           change;

  esc_answer_change_init (&change, "1");
  esc_answer_change_set_value (&change, "process", 3);
  g_assert_true (esc_store_apply_answer (store, first, &change, NULL, &error));
  esc_answer_change_init (&change, "24");
  esc_answer_change_set_value (&change, "lpa", 80);
  g_assert_true (esc_store_apply_answer (store, second, &change, NULL, &error));
  esc_answer_change_init (&change, "19.2");
  esc_answer_change_set_value (&change, "output", 2);
  g_assert_true (esc_store_apply_answer (store, second, &change, NULL, &error));

  g_assert_true (esc_store_foreach_assessment (store, 0, count_cb, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpuint (counts[1], ==, 3);

  counts[0] = counts[1] = 0;
  g_assert_true (esc_store_foreach_assessment (store, 2569, count_cb, counts, &error));
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 2);
}

/* A pass over every assessment lends each one's answers: they must read exactly as
 * esc_store_load_answers() gives them, and score the same to the last bit, also when it
 * reads the scores only. */
typedef struct
{
  EscStore            *store;
  EscFramework        *framework;
  EscStoreAnswersFlags flags;
  guint                n;
} Lent;

static void
assert_same_score (const EscScore *a,
                   const EscScore *b)
{
  g_assert_cmpmem (&a->total_percent, sizeof a->total_percent, &b->total_percent, sizeof b->total_percent);
  g_assert_cmpint (a->passed, ==, b->passed);
  g_assert_cmpuint (a->n_complete, ==, b->n_complete);
  g_assert_cmpuint (a->n_with_evidence, ==, b->n_with_evidence);
  g_assert_cmpuint (a->n_indicators, ==, b->n_indicators);
  for (guint i = 0; i < a->n_indicators; i++)
    {
      g_assert_cmpfloat (a->indicators[i].points, ==, b->indicators[i].points);
      g_assert_cmpint (a->indicators[i].scored, ==, b->indicators[i].scored);
    }
  for (guint c = 0; c < a->n_components; c++)
    g_assert_cmpmem (&a->components[c].percent, sizeof (double), &b->components[c].percent, sizeof (double));
}

static void
lent_cb (const EscAssessment *assessment,
         const EscLao        *lao,
         GPtrArray           *answers,
         gpointer             user_data)
{
  Lent                 *lent = user_data;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) loaded = esc_store_load_answers (lent->store, assessment->uuid, &error);
  g_autoptr (EscScore)  expected = NULL;
  g_autoptr (EscScore)  score = NULL;
  guint                 last_index = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, loaded->len);
  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer          *answer = g_ptr_array_index (answers, i);
      const EscIndicator *item = esc_framework_lookup_indicator (lent->framework, answer->item_code);
      EscAnswer          *other = NULL;

      /* In the framework's order. */
      g_assert_nonnull (item);
      g_assert_cmpuint (item->item_index, >=, last_index);
      last_index = item->item_index;

      for (guint j = 0; j < loaded->len && other == NULL; j++)
        if (g_str_equal (((EscAnswer *) loaded->pdata[j])->item_code, answer->item_code))
          other = loaded->pdata[j];
      g_assert_nonnull (other);
      g_assert_cmpmem (answer->values, sizeof answer->values, other->values, sizeof other->values);
      g_assert_cmpuint (answer->n_links, ==, other->n_links);
      if (lent->flags & ESC_STORE_ANSWERS_SCORES_ONLY)
        {
          g_assert_null (answer->checked);
          g_assert_null (answer->note);
          g_assert_null (answer->updated_by);
        }
      else
        {
          g_assert_cmpstr (answer->checked, ==, other->checked);
          g_assert_cmpstr (answer->note, ==, other->note);
          g_assert_cmpstr (answer->updated_by, ==, other->updated_by);
          g_assert_cmpint (answer->updated_at, ==, other->updated_at);
        }
    }

  expected = esc_score_compute (lent->framework, lao->type, loaded);
  score = esc_score_compute (lent->framework, lao->type, answers);
  assert_same_score (score, expected);
  lent->n++;
}

static void
test_foreach_lends_answers (void)
{
  g_autoptr (EscStore)     store = new_store (NULL);
  g_autoptr (GPtrArray)    laos = make_laos ();
  g_autoptr (GPtrArray)    listed = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (GFile)        photo = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "photo.jpg", NULL));
  g_autofree char         *framework_uuid = esc_store_get_default_framework_uuid (store, NULL);
  g_autoptr (EscFramework) framework = esc_store_get_framework (store, framework_uuid, NULL);
  /* Decimals that a naive digit-by-digit reading rounds differently from strtod(). */
  static const double      values[] = { 0.1, 0.3, 2.675, 7.3, 8.7, 9.95, 12.5, 0, 1e-5, 4.35 };
  Lent                     lent = { .store = store, .framework = framework };

  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  listed = esc_store_list_laos (store, &error);
  g_assert_no_error (error);

  for (guint l = 0; l < listed->len; l++)
    {
      const EscLao    *lao = g_ptr_array_index (listed, l);
      g_autofree char *assessment = esc_store_create_assessment (store, lao->uuid, 2568, NULL, "self", "", &error);

      g_assert_no_error (error);
      /* Every third item skipped, some half entered, one with only a note, one with ticks only. */
      for (guint i = l; i < esc_framework_get_n_items (framework); i++)
        {
          const EscIndicator *item = esc_framework_get_item (framework, i);
          EscAnswerChange     change;

          if ((i + l) % 3 == 0)
            continue;
          esc_answer_change_init (&change, item->code);
          if ((i + l) % 7 == 1)
            change.note = "ยังไม่ได้ให้คะแนน";
          else if ((i + l) % 7 == 2)
            change.checked = "1";
          else if (item->method == ESC_SCORING_LPA)
            esc_answer_change_set_value (&change, "lpa", 8 * values[(i + l) % G_N_ELEMENTS (values)]);
          else
            for (guint d = 0; d < item->n_dimensions; d += 1 + (i % 2))
              esc_answer_change_set_value (&change, item->dimensions[d].id,
                                           MIN (values[(i + d + l) % G_N_ELEMENTS (values)], item->dimensions[d].max));
          if (i % 5 == 0)
            change.note = "มีหลักฐาน";
          if (!esc_store_apply_answer (store, assessment, &change, NULL, &error))
            g_error ("item %s: %s", item->code, error->message);
          if (i % 4 == 0)
            {
              g_autoptr (EscLink) link = esc_store_attach_file (store, photo, NULL, assessment, item->code,
                                                                NULL, NULL, NULL, &error);

              g_assert_no_error (error);
            }
        }
    }

  g_assert_true (esc_store_foreach_assessment (store, 0, lent_cb, &lent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lent.n, ==, listed->len);

  lent.n = 0;
  lent.flags = ESC_STORE_ANSWERS_SCORES_ONLY;
  g_assert_true (esc_store_foreach_assessment_full (store, 0, lent.flags, lent_cb, &lent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lent.n, ==, listed->len);
}

/* Points read back are the doubles that were written, also for decimals with no exact
 * binary form. */
static void
test_decimal_points (void)
{
  g_autoptr (EscStore)  store = new_store (NULL);
  g_autofree char      *assessment = new_assessment (store);
  g_autoptr (GPtrArray) answers = NULL;
  g_autoptr (GError)    error = NULL;
  static const char    *texts[] = { "0.1", "0.7", "2.675", "8.7", "9.95", "3.3333333333333", "0.000123" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      double          value = g_ascii_strtod (texts[i], NULL);
      EscAnswerChange change;

      esc_answer_change_init (&change, "1");
      esc_answer_change_set_value (&change, "process", value);
      g_assert_true (esc_store_apply_answer (store, assessment, &change, NULL, &error));
      g_assert_no_error (error);
      answers = esc_store_load_answers (store, assessment, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (answers->len, ==, 1);
      g_assert_cmpmem (&((EscAnswer *) answers->pdata[0])->values[0], sizeof (double), &value, sizeof value);
      g_clear_pointer (&answers, g_ptr_array_unref);
    }
}

static void
test_integrity (void)
{
  g_autoptr (EscStore)  store = new_store (NULL);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;

  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/core/store/import-adds-codes", test_import_adds_codes);
  g_test_add_func ("/core/store/open-bad-files", test_open_bad_files);
  g_test_add_func ("/core/store/open-newer-version", test_open_newer_version);
  g_test_add_func ("/core/store/read-only", test_read_only);
  g_test_add_func ("/core/store/find-lao", test_find_lao);
  g_test_add_func ("/core/store/answers", test_answers);
  g_test_add_func ("/core/store/answer-validation", test_answer_validation);
  g_test_add_func ("/core/store/batch-rolls-back", test_batch_rolls_back);
  g_test_add_func ("/core/store/foreach", test_foreach);
  g_test_add_func ("/core/store/foreach-lends-answers", test_foreach_lends_answers);
  g_test_add_func ("/core/store/decimal-points", test_decimal_points);
  g_test_add_func ("/core/store/integrity", test_integrity);

  return g_test_run ();
}
