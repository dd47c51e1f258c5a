/* test-merge.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One workspace copied to two, each edited differently, then merged both ways. The rows are
 * read back with plain SQLite, independently of the store.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "esc-merge.h"
#include "esc-store.h"

typedef struct
{
  char *dir;
  char *base;
  char *a;
  char *b;
  char *assessment;
} Fixture;

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char   *contents = NULL;
  gsize              length = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (to, contents, length, &error));
  g_assert_no_error (error);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
}

static GPtrArray *
one_lao (const char *code,
         const char *name,
         const char *type)
{
  GPtrArray *laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  EscLao    *lao = esc_lao_new ();

  lao->code = g_strdup (code);
  lao->name = g_strdup (name);
  lao->type = g_strdup (type);
  lao->district = g_strdup ("เมืองศรีสะเกษ");
  lao->province = g_strdup ("ศรีสะเกษ");
  g_ptr_array_add (laos, lao);
  return laos;
}

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
set_note (EscStore   *store,
          const char *assessment,
          const char *item,
          const char *note,
          const char *checked)
{
  g_autoptr (GError) error = NULL;
  EscAnswerChange    change;

  esc_answer_change_init (&change, item);
  change.note = note;
  change.checked = checked;
  esc_store_apply_answer (store, assessment, &change, NULL, &error);
  g_assert_no_error (error);
}

/* Raw SQL on a closed workspace, for what the store API does not do (yet) in this test. */
static void
exec_on (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char    *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
add_evidence (const char *path,
              const char *assessment,
              const char *item,
              const char *tag,
              const char *content)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT OR IGNORE INTO blobs (sha256, size, mime, data, added_at)"
                         " VALUES ('%s', %zu, 'application/pdf', CAST ('%s' AS BLOB), 1);"
                         "INSERT INTO documents (uuid, sha256, file_name, title, n_pages, created_at, updated_at)"
                         " VALUES ('doc-%s', '%s', '%s.pdf', '%s', 1, 1, 1);"
                         "INSERT INTO links (uuid, document_uuid, assessment_uuid, item_code, pages, caption,"
                         " created_at, updated_at) VALUES ('link-%s', 'doc-%s', '%s', '%s', '1', '', 1, 1);",
                         sha, strlen (content), content, tag, sha, tag, tag, tag, tag, assessment, item);
  exec_on (path, sql);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Every row of every table, as sorted text lines. */
static char *
dump (const char *path)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString)   text = g_string_new (NULL);
  sqlite3_stmt         *tables = NULL;
  sqlite3              *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char      *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      sqlite3_stmt    *rows = NULL;

      /* The search index and its queue are derived from the rows, not rows of their own. */
      if (g_str_has_prefix (table, "page_search") || g_str_has_prefix (table, "note_search"))
        continue;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          GString *line = g_string_new (table);

          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              if (sqlite3_column_type (rows, i) == SQLITE_BLOB)
                g_string_append_printf (line, "|<%d bytes>", sqlite3_column_bytes (rows, i));
              else if (sqlite3_column_bytes (rows, i) > 200)
                {
                  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                        (const char *) sqlite3_column_text (rows, i), -1);
                  g_string_append_printf (line, "|<%d characters, %s>", sqlite3_column_bytes (rows, i), sum);
                }
              else
                g_string_append_printf (line, "|%s", (const char *) sqlite3_column_text (rows, i));
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (text, g_ptr_array_index (lines, i));
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Compares two dumps line by line, so a failure names the first row that differs. */
static void
assert_same_rows (const char *a,
                  const char *b)
{
  g_auto (GStrv) lines_a = g_strsplit (a, "\n", -1);
  g_auto (GStrv) lines_b = g_strsplit (b, "\n", -1);

  for (guint i = 0; lines_a[i] != NULL || lines_b[i] != NULL; i++)
    {
      g_assert_cmpstr (lines_a[i], ==, lines_b[i]);
      if (lines_a[i] == NULL || lines_b[i] == NULL)
        break;
    }
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3      *db = NULL;
  gint64        value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3      *db = NULL;
  char         *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static double
value_of (const char *path,
          const char *item,
          const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT json_extract (scores, '$.%s') FROM answers WHERE item_code = '%s'",
                                          key, item);
  g_autofree char *text = query_text (path, sql);

  return text != NULL ? g_ascii_strtod (text, NULL) : NAN;
}

static EscMergeReport *
merge (const char *into,
       const char *other,
       const char *author)
{
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = esc_store_open (into, ESC_STORE_OPEN_DEFAULT, &error);
  EscMergeReport      *report;

  g_assert_no_error (error);
  esc_store_set_author (store, author);
  report = esc_merge_file (store, other, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* A base workspace with one assessment and a few answers, copied to a.esca and b.esca. */
static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscLao)       lao = NULL;
  g_autofree char         *framework_uuid = NULL;

  f->dir = g_dir_make_tmp ("esc-merge-XXXXXX", &error);
  g_assert_no_error (error);
  f->base = path_in (f, "base.esca");
  f->a = path_in (f, "a.esca");
  f->b = path_in (f, "b.esca");

  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  store = esc_store_create (f->base, framework, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "base");

  laos = one_lao ("6330101", "เทศบาลเมืองศรีสะเกษ", "town");
  esc_store_import_laos (store, laos, NULL, NULL, &error);
  g_assert_no_error (error);
  lao = esc_store_find_lao (store, "6330101", &error);
  g_assert_no_error (error);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_assert_no_error (error);
  f->assessment = esc_store_create_assessment (store, lao->uuid, 2568, framework_uuid, "self", "base", &error);
  g_assert_no_error (error);

  set_value (store, f->assessment, "1", "process", 5);
  set_value (store, f->assessment, "2", "outcome", 6);
  set_value (store, f->assessment, "3", "output", 2);
  set_value (store, f->assessment, "4", "process", 1);
  set_value (store, f->assessment, "5", "process", 8);
  set_value (store, f->assessment, "6", "process", 1);
  set_value (store, f->assessment, "6", "output", 1);
  set_note (store, f->assessment, "2", "base note", NULL);
  g_clear_object (&store);

  copy_file (f->base, f->a);
  copy_file (f->base, f->b);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = path_in (f, name);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->base);
  g_free (f->a);
  g_free (f->b);
  g_free (f->assessment);
}

/* a.esca and b.esca each edited differently, as two assessors would. */
static void
edit_both (Fixture *f)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  a = esc_store_open (f->a, ESC_STORE_OPEN_DEFAULT, &error);
  g_autoptr (EscStore)  b = NULL;
  g_autoptr (GPtrArray) laos = NULL;

  g_assert_no_error (error);
  esc_store_set_author (a, "อารี");
  set_value (a, f->assessment, "1", "process", 7);              /* only A */
  set_note (a, f->assessment, "2", "A's note", NULL);           /* only A */
  set_value (a, f->assessment, "3", "output", 4);               /* same on both */
  set_value (a, f->assessment, "4", "process", 3);              /* both, differently */
  set_value (a, f->assessment, "5", "process", NAN);            /* A clears it */
  set_value (a, f->assessment, "6", "process", 2);              /* one indicator, two dimensions */
  laos = one_lao ("6330199", "องค์การบริหารส่วนตำบลทดสอบ", "sao"); /* only A */
  esc_store_import_laos (a, laos, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&a);
  add_evidence (f->a, f->assessment, "1", "a", "%PDF-1.4 evidence from A");
  add_evidence (f->a, f->assessment, "1", "shared-a", "%PDF-1.4 the same file on both sides");

  b = esc_store_open (f->b, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (b, "บุญมี");
  set_value (b, f->assessment, "2", "outcome", 9); /* only B */
  set_note (b, f->assessment, "1", NULL, "1,2");   /* only B */
  set_value (b, f->assessment, "3", "output", 4);  /* same on both */
  set_value (b, f->assessment, "4", "process", 6); /* both, differently */
  set_value (b, f->assessment, "6", "output", 3);  /* one indicator, two dimensions */
  g_clear_object (&b);
  add_evidence (f->b, f->assessment, "2", "b", "%PDF-1.4 evidence from B");
  add_evidence (f->b, f->assessment, "2", "shared-b", "%PDF-1.4 the same file on both sides");
}

static void
test_merge_both_ways (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char           *ab = path_in (f, "ab.esca");
  g_autofree char           *ba = path_in (f, "ba.esca");
  g_autoptr (EscMergeReport) report_ab = NULL;
  g_autoptr (EscMergeReport) report_ba = NULL;
  g_autoptr (EscMergeReport) again = NULL;
  g_autofree char           *dump_ab = NULL;
  g_autofree char           *dump_ba = NULL;
  g_autofree char           *before = NULL;
  g_autofree char           *after = NULL;
  g_autofree char           *note = NULL;
  g_autofree char           *checked = NULL;
  g_autofree char           *conflict_values = NULL;

  edit_both (f);
  copy_file (f->a, ab);
  copy_file (f->b, ba);

  report_ab = merge (ab, f->b, "อารี");
  report_ba = merge (ba, f->a, "บุญมี");

  /* What came into A from B. */
  g_assert_cmpuint (report_ab->n_laos_added, ==, 0);
  g_assert_cmpuint (report_ab->n_cells_updated, >=, 2); /* 2.outcome, 1.checked */
  g_assert_cmpuint (report_ab->n_blobs_added, ==, 1);   /* the shared file is stored once */
  g_assert_cmpuint (report_ab->n_documents_added, ==, 2);
  g_assert_cmpuint (report_ab->n_links_added, ==, 2);
  g_assert_cmpuint (report_ab->n_conflicts_added, ==, 1);
  g_assert_cmpuint (report_ab->conflicts->len, ==, 1);
  g_assert_cmpuint (report_ba->n_laos_added, ==, 1);
  g_assert_cmpuint (report_ba->n_values_removed, ==, 1);
  g_assert_cmpuint (report_ba->n_conflicts_added, ==, 1);

  /* Every row: both directions give the same file contents. */
  dump_ab = dump (ab);
  dump_ba = dump (ba);
  assert_same_rows (dump_ab, dump_ba);

  /* Disjoint changes both arrive. */
  g_assert_cmpfloat (value_of (ab, "1", "process"), ==, 7);
  g_assert_cmpfloat (value_of (ab, "2", "outcome"), ==, 9);
  note = query_text (ab, "SELECT note FROM answers WHERE item_code = '2'");
  g_assert_cmpstr (note, ==, "A's note");
  checked = query_text (ab, "SELECT checked FROM answers WHERE item_code = '1'");
  g_assert_cmpstr (checked, ==, "1,2");
  /* Each side changed another dimension of indicator 6: both changes are kept. */
  g_assert_cmpfloat (value_of (ab, "6", "process"), ==, 2);
  g_assert_cmpfloat (value_of (ab, "6", "output"), ==, 3);
  /* The same value on both sides is not a conflict. */
  g_assert_cmpfloat (value_of (ab, "3", "output"), ==, 4);
  /* A cleared 5.process and B did not touch it: cleared. */
  g_assert_true (isnan (value_of (ab, "5", "process")));
  /* Both changed 4.process: both values kept, one open conflict. */
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL"), ==, 1);
  conflict_values = query_text (ab, "SELECT min (kept_value, other_value) || ' ' || max (kept_value, other_value)"
                                    " || ' ' || entity || ' ' || item_code || ' ' || field FROM conflicts");
  g_assert_cmpstr (conflict_values, ==, "3 6 value 4 process");
  g_assert_cmpfloat (value_of (ab, "4", "process"), ==, 6); /* the later, or the greater at a tie */
  /* A local government added on one side. */
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM laos"), ==, 2);
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM laos WHERE code = '6330199'"), ==, 1);
  /* Evidence from both sides, the shared file once. */
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM blobs"), ==, 3);
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM documents"), ==, 4);
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM links"), ==, 4);
  /* History of both sides. */
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM history WHERE author = 'อารี'"), >=, 4);
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM history WHERE author = 'บุญมี'"), >=, 4);
  g_assert_cmpint (query_int (ab, "PRAGMA foreign_key_check"), ==, -1);

  /* Merging again changes nothing, not a byte. */
  before = file_checksum (ab);
  again = merge (ab, f->b, "อารี");
  g_assert_cmpuint (esc_merge_report_n_changes (again), ==, 0);
  g_clear_pointer (&again, esc_merge_report_free);
  again = merge (ab, f->a, "อารี");
  g_assert_cmpuint (esc_merge_report_n_changes (again), ==, 0);
  after = file_checksum (ab);
  g_assert_cmpstr (before, ==, after);

  /* Merging the merged files into each other changes nothing either. */
  g_clear_pointer (&again, esc_merge_report_free);
  again = merge (ab, ba, "อารี");
  g_assert_cmpuint (esc_merge_report_n_changes (again), ==, 0);
}

static void
test_merge_resolve_travels (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char           *ab = path_in (f, "ab.esca");
  g_autoptr (EscMergeReport) report = NULL;
  g_autoptr (GPtrArray)      conflicts = NULL;
  g_autoptr (EscStore)       store = NULL;
  g_autoptr (GError)         error = NULL;
  EscConflict               *conflict;

  edit_both (f);
  copy_file (f->a, ab);
  report = merge (ab, f->b, "อารี");
  g_assert_cmpuint (report->n_conflicts_added, ==, 1);
  g_clear_pointer (&report, esc_merge_report_free);

  store = esc_store_open (ab, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  esc_store_set_author (store, "ผู้ตรวจ");
  conflicts = esc_merge_list_conflicts (store, f->assessment, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->entity, ==, "value");
  g_assert_cmpstr (conflict->item_code, ==, "4");
  g_assert_cmpstr (conflict->field, ==, "process");
  g_assert_cmpstr (conflict->kept_value, ==, "6");
  g_assert_cmpstr (conflict->other_value, ==, "3");

  /* A bad edit is refused and changes nothing. */
  g_assert_false (esc_merge_resolve_conflict (store, conflict->uuid, ESC_CONFLICT_EDIT, "lots", NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (esc_merge_count_conflicts (store, NULL, NULL), ==, 1);

  g_assert_true (esc_merge_resolve_conflict (store, conflict->uuid, ESC_CONFLICT_EDIT, "4.5", "agreed at the meeting", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (esc_merge_count_conflicts (store, NULL, NULL), ==, 0);
  g_assert_false (esc_merge_resolve_conflict (store, conflict->uuid, ESC_CONFLICT_KEEP, NULL, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&store);

  g_assert_cmpfloat (value_of (ab, "4", "process"), ==, 4.5);
  g_assert_cmpint (query_int (ab, "SELECT count(*) FROM history WHERE entity = 'conflict'"
                                  " AND reason = 'agreed at the meeting' AND author = 'ผู้ตรวจ'"),
                   ==, 1);

  /* The decision travels: B takes 4.5 and no conflict is left open there. */
  report = merge (f->b, ab, "บุญมี");
  g_assert_cmpuint (report->n_conflicts_added, ==, 0);
  g_assert_cmpfloat (value_of (f->b, "4", "process"), ==, 4.5);
  g_assert_cmpint (query_int (f->b, "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL"), ==, 0);
  g_assert_cmpint (query_int (f->b, "SELECT count(*) FROM conflicts"), ==, 1);
  /* And A, which never saw the conflict, takes the decision as well. */
  g_clear_pointer (&report, esc_merge_report_free);
  report = merge (f->a, f->b, "อารี");
  g_assert_cmpuint (report->n_conflicts_added, ==, 0);
  g_assert_cmpfloat (value_of (f->a, "4", "process"), ==, 4.5);
}

/* A file carrying triggers and views that would change the receiving file. */
static void
test_merge_untrusted (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char           *crafted = path_in (f, "crafted.esca");
  g_autofree char           *viewed = path_in (f, "viewed.esca");
  g_autoptr (EscMergeReport) report = NULL;
  g_autoptr (EscStore)       store = NULL;
  g_autoptr (GError)         error = NULL;
  g_autofree char           *crafted_before = NULL;
  g_autofree char           *crafted_after = NULL;
  g_autofree char           *b_before = NULL;
  g_autofree char           *b_after = NULL;
  g_autofree char           *dump_before = NULL;
  g_autofree char           *dump_after = NULL;

  edit_both (f);
  copy_file (f->a, crafted);
  exec_on (crafted,
           "CREATE TABLE loot (x);"
           "CREATE TRIGGER evil_read AFTER INSERT ON history BEGIN DELETE FROM answers; END;"
           "CREATE TRIGGER evil_laos BEFORE UPDATE ON laos BEGIN UPDATE laos SET name = 'pwned'; END;"
           "CREATE TRIGGER evil_blobs AFTER DELETE ON blobs BEGIN INSERT INTO loot VALUES (1); END;"
           "CREATE VIEW evil_view AS SELECT 'pwned' AS name;"
           "CREATE VIEW answers_view AS SELECT * FROM answers;");
  crafted_before = file_checksum (crafted);

  report = merge (f->b, crafted, "บุญมี");
  g_assert_cmpuint (report->n_laos_added, ==, 1);
  crafted_after = file_checksum (crafted);
  g_assert_cmpstr (crafted_before, ==, crafted_after); /* opened read-only */

  /* Nothing of the crafted schema came across, and nothing it would do happened. */
  g_assert_cmpint (query_int (f->b, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'evil%' OR name = 'loot'"), ==, 0);
  g_assert_cmpint (query_int (f->b, "SELECT count(*) FROM laos WHERE name = 'pwned'"), ==, 0);
  g_assert_cmpint (query_int (f->b, "SELECT count(*) FROM answers"), >, 0);
  g_assert_cmpfloat (value_of (f->b, "1", "process"), ==, 7);

  /* A workspace whose table is replaced by a view is refused, and nothing changes. */
  copy_file (f->a, viewed);
  exec_on (viewed,
           "ALTER TABLE comments RENAME TO comments_real;"
           "CREATE VIEW comments AS SELECT uuid, assessment_uuid, item_code, verdict, body, author, created_at"
           " FROM comments_real UNION ALL SELECT 'x', (SELECT uuid FROM assessments), '1', 'accepted', 'forged', 'x', 1;");
  b_before = file_checksum (f->b);
  dump_before = dump (f->b);
  store = esc_store_open (f->b, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (esc_merge_file (store, viewed, NULL, NULL, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  g_clear_object (&store);
  b_after = file_checksum (f->b);
  dump_after = dump (f->b);
  assert_same_rows (dump_before, dump_after);
  g_assert_cmpstr (b_before, ==, b_after);
}

static void
test_merge_bad_files (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char     *text = path_in (f, "notes.esca");
  g_autofree char     *plain = path_in (f, "plain.esca");
  g_autofree char     *newer = path_in (f, "newer.esca");
  g_autofree char     *missing = path_in (f, "missing.esca");
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *before = file_checksum (f->a);

  g_assert_true (g_file_set_contents (text, "not a database, just some text that is long enough", -1, NULL));
  exec_on (plain, "CREATE TABLE t (x);");
  copy_file (f->b, newer);
  exec_on (newer, "PRAGMA user_version = 999;");

  store = esc_store_open (f->a, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_assert_null (esc_merge_file (store, text, NULL, NULL, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_SQLITE);
  g_clear_error (&error);
  g_assert_null (esc_merge_file (store, plain, NULL, NULL, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE);
  g_clear_error (&error);
  g_assert_null (esc_merge_file (store, newer, NULL, NULL, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);
  g_assert_null (esc_merge_file (store, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO);
  g_clear_error (&error);
  g_clear_object (&store);

  {
    g_autofree char *after = file_checksum (f->a);
    g_assert_cmpstr (before, ==, after);
  }
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *reports;
  GError    *error;
  double     last_progress;
  guint      n_progress;
} AsyncData;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncData *data = user_data;

  g_assert_cmpfloat (fraction, >=, data->last_progress);
  data->last_progress = fraction;
  data->n_progress++;
}

static void
on_merged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *data = user_data;

  data->reports = esc_merge_files_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_merge_async (Fixture      *f,
                  gconstpointer data_)
{
  AsyncData                data = { 0 };
  const char              *others[] = { f->b, f->b, NULL };
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  edit_both (f);
  data.loop = g_main_loop_new (NULL, FALSE);
  esc_merge_files_async (f->a, "อารี", others, on_progress, &data, NULL, on_merged, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.reports->len, ==, 2);
  g_assert_cmpuint (esc_merge_report_n_changes (g_ptr_array_index (data.reports, 0)), >, 0);
  g_assert_cmpuint (esc_merge_report_n_changes (g_ptr_array_index (data.reports, 1)), ==, 0);
  g_assert_cmpfloat (data.last_progress, ==, 1.0);
  g_clear_pointer (&data.reports, g_ptr_array_unref);

  /* Cancelled before it starts: an error, and the file is unchanged. */
  {
    g_autofree char *before = file_checksum (f->base);
    const char      *one[] = { f->a, NULL };

    g_cancellable_cancel (cancellable);
    esc_merge_files_async (f->base, "x", one, NULL, NULL, cancellable, on_merged, &data);
    g_main_loop_run (data.loop);
    g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&data.error);
    g_assert_null (data.reports);
    g_autofree char *after = file_checksum (f->base);
    g_assert_cmpstr (before, ==, after);
  }
  g_main_loop_unref (data.loop);
}

/* Two workspaces made apart from the same list without DLA codes (each first start makes
 * its own): their local governments are the same ones, matched by name, district and
 * province; the other's assessment lands on this one's local government, and a code
 * known on one side only is taken. A same name with another code stays apart. */
static void
test_merge_laos_by_name (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char           *one = path_in (f, "one.esca");
  g_autofree char           *two = path_in (f, "two.esca");
  g_autoptr (EscFramework)   framework = esc_framework_new_default (NULL);
  g_autoptr (EscStore)       store = NULL;
  g_autoptr (GPtrArray)      laos = one_lao (NULL, "องค์การบริหารส่วนตำบลคูซอด", "sao");
  g_autoptr (GPtrArray)      other_laos = one_lao ("6330150", "องค์การบริหารส่วนตำบลคูซอด", "sao");
  g_autoptr (GPtrArray)      listed = NULL;
  g_autoptr (GPtrArray)      assessments = NULL;
  g_autoptr (EscMergeReport) report = NULL;
  g_autoptr (EscLao)         lao = NULL;
  g_autofree char           *framework_uuid = NULL;
  g_autofree char           *assessment = NULL;
  g_autoptr (GError)         error = NULL;

  store = esc_store_create (one, framework, &error);
  g_assert_no_error (error);
  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  g_clear_object (&store);

  store = esc_store_create (two, framework, &error);
  g_assert_no_error (error);
  ((EscLao *) g_ptr_array_index (laos, 0))->code = g_strdup ("6330103");
  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  lao = esc_store_find_lao (store, "6330103", &error);
  g_assert_nonnull (lao);
  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  assessment = esc_store_create_assessment (store, lao->uuid, 2568, framework_uuid, "self", "two", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  report = merge (one, two, "one");
  g_assert_cmpuint (report->n_laos_added, ==, 0);
  /* The code; the same row written a second later is no change to report. */
  g_assert_cmpuint (report->n_laos_updated, ==, 1);
  g_assert_cmpuint (report->n_assessments_added, ==, 1);

  store = esc_store_open (one, ESC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  listed = esc_store_list_laos (store, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((EscLao *) g_ptr_array_index (listed, 0))->code, ==, "6330103");
  assessments = esc_store_list_assessments (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessments->len, ==, 1);
  g_assert_cmpstr (((EscAssessment *) g_ptr_array_index (assessments, 0))->lao_uuid, ==,
                   ((EscLao *) g_ptr_array_index (listed, 0))->uuid);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Another code under the same name: another local government. */
  g_assert_true (esc_store_import_laos (store, other_laos, NULL, NULL, &error));
  listed = esc_store_list_laos (store, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_clear_object (&store);
  g_clear_pointer (&report, esc_merge_report_free);
  report = merge (two, one, "two");
  g_assert_cmpuint (report->n_laos_added, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/merge/both-ways", Fixture, NULL, fixture_set_up, test_merge_both_ways, fixture_tear_down);
  g_test_add ("/core/merge/resolve-travels", Fixture, NULL, fixture_set_up, test_merge_resolve_travels, fixture_tear_down);
  g_test_add ("/core/merge/untrusted", Fixture, NULL, fixture_set_up, test_merge_untrusted, fixture_tear_down);
  g_test_add ("/core/merge/bad-files", Fixture, NULL, fixture_set_up, test_merge_bad_files, fixture_tear_down);
  g_test_add ("/core/merge/async", Fixture, NULL, fixture_set_up, test_merge_async, fixture_tear_down);
  g_test_add ("/core/merge/laos-by-name", Fixture, NULL, fixture_set_up, test_merge_laos_by_name, fixture_tear_down);

  return g_test_run ();
}
