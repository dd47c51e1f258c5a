/* test-backup.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rolling backups: one a day, the last five kept, restore (also over a damaged file), and
 * the copy made before a migration.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "esc-backup.h"
#include "esc-store-private.h"
#include "esc-test-script.h"
#include "esc-test-workspace.h"

typedef struct
{
  char          *dir;
  char          *path;
  EscTestScript *script;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *backups = NULL;

  f->dir = esc_test_make_tmp_dir ("esc-backup-XXXXXX", &error);
  g_assert_no_error (error);
  backups = g_build_filename (f->dir, "backups", NULL);
  g_setenv ("ESC_BACKUP_DIR", backups, TRUE);
  f->path = g_build_filename (f->dir, "work.esca", NULL);
  f->script = esc_test_script_create (f->path);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  esc_test_script_free (f->script);
  esc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
apply_edits (Fixture *f,
             guint    from,
             guint    to)
{
  g_autoptr (GError)   error = NULL;
  g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  for (guint seq = from; seq <= to; seq++)
    {
      g_assert_true (esc_test_script_apply (f->script, store, seq, &error));
      g_assert_no_error (error);
    }
}

static void
assert_holds (const char    *path,
              EscTestScript *script,
              guint          k)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_true (esc_store_check_integrity (store, &problems, &error));
  if (!esc_test_script_verify (script, store, k, &error))
    g_error ("%s: %s", path, error->message);
}

static void
test_folder (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *folder = esc_backup_get_folder (f->path);
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other = g_build_filename (other_dir, "work.esca", NULL);
  g_autofree char *other_folder = esc_backup_get_folder (other);
  g_autofree char *base = g_path_get_basename (folder);

  g_assert_true (g_str_has_prefix (folder, g_getenv ("ESC_BACKUP_DIR")));
  g_assert_true (g_str_has_prefix (base, "work-"));
  /* Two workspaces of the same name keep their backups apart. */
  g_assert_cmpstr (folder, !=, other_folder);

  g_unsetenv ("ESC_BACKUP_DIR");
  {
    g_autofree char *xdg = esc_backup_get_folder (f->path);
    g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "esc-assessor",
                                                  "backups", NULL);

    g_assert_true (g_str_has_prefix (xdg, expected));
  }
}

static void
test_daily (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) backups = NULL;

  apply_edits (f, 1, 5);

  /* Opening the workspace made today's backup. */
  backups = esc_backup_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((EscBackup *) backups->pdata[0])->reason, ==, "daily");
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* Not twice the same day. */
  {
    g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
    g_autofree char     *created = NULL;

    g_assert_no_error (error);
    g_assert_true (esc_backup_create_daily (store, &created, &error));
    g_assert_no_error (error);
    g_assert_null (created);
  }
  backups = esc_backup_list (f->path, &error);
  g_assert_cmpuint (backups->len, ==, 1);

  /* The backup is a workspace as it was when the day's work began. */
  assert_holds (((EscBackup *) backups->pdata[0])->path, f->script, 0);
}

static void
test_keep_five (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (EscStore)  store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint seq = 1; seq <= 8; seq++)
    {
      char *path;

      g_assert_true (esc_test_script_apply (f->script, store, seq, &error));
      path = esc_backup_create (store, "manual", &error);
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_ptr_array_add (made, path);
    }

  backups = esc_backup_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, ESC_BACKUP_KEEP);
  /* Newest first: the last five made, each holding the edits up to it. */
  for (guint i = 0; i < backups->len; i++)
    {
      EscBackup *backup = g_ptr_array_index (backups, i);

      g_assert_cmpstr (backup->path, ==, g_ptr_array_index (made, made->len - 1 - i));
      g_assert_cmpint (backup->size, >, 0);
      if (i > 0)
        g_assert_true (g_date_time_compare (((EscBackup *) backups->pdata[i - 1])->created,
                                            backup->created) >= 0);
      assert_holds (backup->path, f->script, 8 - i);
    }
  g_assert_false (g_file_test (g_ptr_array_index (made, 0), G_FILE_TEST_EXISTS));
}

static void
test_restore (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *backup = NULL;
  g_autofree char   *safety = NULL;

  apply_edits (f, 1, 10);
  {
    g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

    backup = esc_backup_create (store, "manual", &error);
    g_assert_no_error (error);
  }
  apply_edits (f, 11, 20);

  /* Restored while another connection has the workspace open. */
  {
    g_autoptr (EscStore) open_elsewhere = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (esc_backup_restore (f->path, backup, &safety, &error));
    g_assert_no_error (error);
    g_assert_true (esc_test_script_verify (f->script, open_elsewhere, 10, &error));
    g_assert_no_error (error);
  }
  assert_holds (f->path, f->script, 10);

  /* What was replaced is itself a backup: the restore can be undone. */
  g_assert_nonnull (safety);
  assert_holds (safety, f->script, 20);
  g_assert_true (esc_backup_restore (f->path, safety, NULL, &error));
  g_assert_no_error (error);
  assert_holds (f->path, f->script, 20);

  /* Edits go on after a restore. */
  apply_edits (f, 21, 25);
  assert_holds (f->path, f->script, 25);
}

static void
test_restore_over_damaged (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *backup = NULL;
  g_autofree char   *aside = NULL;
  g_autofree char   *contents = NULL;

  apply_edits (f, 1, 6);
  {
    g_autoptr (EscStore) store = esc_store_open (f->path, ESC_STORE_OPEN_DEFAULT, &error);

    backup = esc_backup_create (store, "manual", &error);
    g_assert_no_error (error);
  }

  /* The workspace no longer opens at all. */
  g_file_set_contents (f->path, "SQLite format 3 and then nothing useful", -1, &error);
  g_assert_no_error (error);

  g_assert_true (esc_backup_restore (f->path, backup, &aside, &error));
  g_assert_no_error (error);
  assert_holds (f->path, f->script, 6);
  /* The damaged file is kept aside, not deleted. */
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "SQLite format 3 and then"));
}

static void
test_restore_refuses_bad_backup (Fixture      *f,
                                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *not_backup = g_build_filename (f->dir, "notes.txt", NULL);

  apply_edits (f, 1, 3);
  g_file_set_contents (not_backup, "not a workspace", -1, &error);
  g_assert_no_error (error);

  g_assert_false (esc_backup_restore (f->path, not_backup, NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  g_assert_false (esc_backup_restore (f->path, "/nonexistent/backup.esca", NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The workspace is untouched. */
  assert_holds (f->path, f->script, 3);
}

/* A workspace as the first release wrote it: schema version 1 (the store's own first
 * migration), holding one local government named name. */
static void
write_version_1 (const char *path,
                 const char *name)
{
  g_autofree char *set_app_id = g_strdup_printf ("PRAGMA application_id = %d", ESC_STORE_APPLICATION_ID);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3         *db = NULL;
  sqlite3_stmt    *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, set_app_id, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, esc_store_migrations[1], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO laos (uuid, name, type, created_at, updated_at) "
                                       "VALUES (?, ?, 'sao', 0, 0)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The schema version and the local governments' names a workspace file holds. */
static int
read_version_and_names (const char *path,
                        GString    *names)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", path);
  sqlite3         *db = NULL;
  sqlite3_stmt    *stmt = NULL;
  int              version;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM laos ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (names, "%s;", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version;
}

/* Opening a workspace of an older schema copies it aside before it is migrated: the copy
 * holds the file as it was, page for page, and the last five copies are kept. */
static void
test_migration (Fixture      *f,
                gconstpointer data)
{
  g_autofree char      *path = g_build_filename (f->dir, "old.esca", NULL);
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GError)    error = NULL;

  for (guint round = 1; round <= ESC_BACKUP_KEEP + 2; round++)
    {
      g_autofree char      *name = g_strdup_printf ("อบต.รอบที่ %u", round);
      g_autofree char      *before = NULL;
      g_autofree char      *after = NULL;
      gsize                 before_length = 0, after_length = 0;
      g_autoptr (GString)   names = g_string_new (NULL);
      g_autoptr (EscStore)  store = NULL;
      g_autoptr (GPtrArray) laos = NULL;
      EscBackup            *newest;

      /* The workspace is written anew at the same path each round, at version 1. */
      g_unlink (path);
      write_version_1 (path, name);
      g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

      store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      laos = esc_store_list_laos (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (laos->len, ==, 1);
      g_assert_cmpstr (((EscLao *) laos->pdata[0])->name, ==, name);
      g_clear_object (&store);
      g_assert_cmpint (read_version_and_names (path, names), ==, ESC_STORE_SCHEMA_VERSION);
      g_string_truncate (names, 0);

      backups = esc_backup_list (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (backups->len, ==, MIN (round, ESC_BACKUP_KEEP));
      newest = g_ptr_array_index (backups, 0);
      g_assert_cmpstr (newest->reason, ==, "migration");
      g_ptr_array_add (made, g_strdup (newest->path));

      /* The copy is the file before the migration: version 1, its content, and every
       * page as it was. In the header only the counters that tell other connections the
       * file changed may differ: the change counter (bytes 24–27) and the version it is
       * valid for (92–95), and the schema cookie (40–43), which the backup API steps. */
      g_assert_cmpint (read_version_and_names (newest->path, names), ==, 1);
      g_assert_true (g_str_has_prefix (names->str, name));
      g_assert_cmpstr (names->str + strlen (name), ==, ";");
      g_assert_true (g_file_get_contents (newest->path, &after, &after_length, NULL));
      g_assert_cmpuint (after_length, ==, before_length);
      g_assert_cmpmem (after + 100, after_length - 100, before + 100, before_length - 100);
      g_assert_cmpmem (after, 24, before, 24);
      g_assert_cmpmem (after + 28, 40 - 28, before + 28, 40 - 28);
      g_assert_cmpmem (after + 44, 92 - 44, before + 44, 92 - 44);
      g_assert_cmpmem (after + 96, 100 - 96, before + 96, 100 - 96);
      g_clear_pointer (&backups, g_ptr_array_unref);
    }

  /* The last five are kept, newest first; the older two are gone. */
  backups = esc_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, ESC_BACKUP_KEEP);
  for (guint i = 0; i < backups->len; i++)
    {
      EscBackup          *backup = g_ptr_array_index (backups, i);
      g_autoptr (GString) names = g_string_new (NULL);
      g_autofree char    *name = g_strdup_printf ("อบต.รอบที่ %u;", ESC_BACKUP_KEEP + 2 - i);

      g_assert_cmpstr (backup->path, ==, g_ptr_array_index (made, made->len - 1 - i));
      g_assert_cmpint (read_version_and_names (backup->path, names), ==, 1);
      g_assert_cmpstr (names->str, ==, name);
    }
  g_assert_false (g_file_test (g_ptr_array_index (made, 0), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (g_ptr_array_index (made, 1), G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/folder", test_folder);
  ADD ("/backup/daily", test_daily);
  ADD ("/backup/keep-five", test_keep_five);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-over-damaged", test_restore_over_damaged);
  ADD ("/backup/restore-refuses-bad-backup", test_restore_refuses_bad_backup);
  ADD ("/backup/migration", test_migration);
#undef ADD

  return g_test_run ();
}
