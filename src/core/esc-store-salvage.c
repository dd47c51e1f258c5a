/* esc-store-salvage.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Damaged workspaces. A damaged page breaks the b-tree it belongs to, not the whole file:
 * each table is read on its own, row by row, forwards and then backwards from its end, so
 * the rows on either side of the damage are kept. Rows go into a fresh workspace built by
 * the normal migrations, with foreign keys on, so a row whose parent was lost is refused
 * rather than left dangling.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "esc-salvage.h"
#include "esc-store-private.h"

#define MAX_SKIPS 10000

/* close_v2: the connection goes once its last statement is finalized, whatever order
 * g_autoptr cleans up in. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)

void
esc_salvage_table_free (EscSalvageTable *table)
{
  if (table == NULL)
    return;
  g_free (table->table);
  g_free (table->description);
  g_free (table);
}

static const char *
describe_table (const char *table)
{
  static const struct
  {
    const char *table;
    const char *description;
  } known[] = {
    { "meta", N_ ("workspace details") },
    { "frameworks", N_ ("assessment criteria (frameworks)") },
    { "laos", N_ ("local governments") },
    { "assessments", N_ ("assessments") },
    { "answers", N_ ("criteria ticked and notes") },
    { "answer_values", N_ ("scores") },
    { "blobs", N_ ("evidence files") },
    { "documents", N_ ("evidence documents") },
    { "links", N_ ("evidence links to indicators") },
    { "comments", N_ ("reviewer comments") },
    { "history", N_ ("change history") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].table, table))
      return _ (known[i].description);
  return table;
}

static sqlite3 *
open_damaged (const char *path,
              GError    **error)
{
  g_autofree char    *display = g_filename_display_basename (path);
  g_autofree char    *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char    *uri = g_strdup_printf ("file:%s?mode=ro", escaped);
  g_autoptr (sqlite3) db = NULL;
  int                 enabled;
  int                 rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("There is no workspace at “%s”"), display);
      return NULL;
    }

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("“%s” could not be opened (%s)"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, &enabled);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &enabled);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &enabled);
  return g_steal_pointer (&db);
}

/* Names of the tables of db (ordinary and virtual, such as the search indexes; not the
 * shadow tables a virtual table keeps its data in), in creation order; NULL when the schema
 * is unreadable. */
static GPtrArray *
list_tables (sqlite3 *db)
{
  g_autoptr (GPtrArray)    tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT s.name FROM sqlite_schema s "
                           "JOIN pragma_table_list l ON l.name = s.name AND l.schema = 'main' "
                           "WHERE s.type = 'table' AND l.type IN ('table', 'virtual') "
                           "AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY s.rowid",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&tables);
}

static GPtrArray *
list_columns (sqlite3    *db,
              const char *table)
{
  g_autoptr (GPtrArray)    columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?1) ORDER BY cid", -1, &stmt,
                           NULL);
  if (rc != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&columns);
}

static gboolean
has_rowid (sqlite3    *db,
           const char *table)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT wr FROM pragma_table_list (?1) WHERE schema = 'main'", -1,
                          &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
}

/* Quotes an identifier taken from our own schema for use in SQL text. */
static char *
quote_identifier (const char *name)
{
  char *quoted = sqlite3_mprintf ("\"%w\"", name);
  char *result = g_strdup (quoted);

  sqlite3_free (quoted);
  return result;
}

static char *
join_columns (GPtrArray *columns)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < columns->len; i++)
    {
      g_autofree char *quoted = quote_identifier (g_ptr_array_index (columns, i));

      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, quoted);
    }
  return g_string_free (joined, FALSE);
}

/* Reads every row and column of table; returns SQLITE_DONE or the error met, with the
 * number of rows read before it. */
static int
read_whole_table (sqlite3    *db,
                  const char *table,
                  guint      *n_rows)
{
  g_autofree char         *quoted = quote_identifier (table);
  g_autofree char         *sql = g_strdup_printf ("SELECT * FROM %s", quoted);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  *n_rows = 0;
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      /* Touch every value, so overflow pages (long notes, evidence) are read too. */
      for (int i = 0; i < n; i++)
        sqlite3_column_bytes (stmt, i);
      (*n_rows)++;
    }
  return rc;
}

GPtrArray *
esc_store_describe_damage (const char *path,
                           GError    **error)
{
  g_autoptr (sqlite3)      db = NULL;
  g_autoptr (GPtrArray)    problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray)    tables = NULL;
  g_autoptr (GHashTable)   damaged_tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (path != NULL, NULL);

  db = open_damaged (path, error);
  if (db == NULL)
    return NULL;

  tables = list_tables (db);
  if (tables == NULL)
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_ ("The list of tables is damaged (%s), so nothing in the file can be read; restore a backup"),
                                        sqlite3_errmsg (db)));
      return g_steal_pointer (&problems);
    }

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      guint       n_rows = 0;

      rc = read_whole_table (db, table, &n_rows);
      if (rc != SQLITE_DONE)
        {
          g_hash_table_add (damaged_tables, (gpointer) table);
          g_ptr_array_add (problems,
                           g_strdup_printf (_ ("Damaged: %s (table %s); reading stopped after %u rows: %s"),
                                            describe_table (table), table, n_rows,
                                            sqlite3_errmsg (db)));
        }
    }

  /* The tables read whole, but the file may still be inconsistent (indexes, free pages). */
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (20)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      guint n_other = 0;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (line, "ok") != 0)
            n_other++;
        }
      if (rc != SQLITE_DONE)
        g_ptr_array_add (problems,
                         g_strdup_printf (_ ("The integrity check could not finish: %s"),
                                          sqlite3_errmsg (db)));
      else if (n_other > 0 && g_hash_table_size (damaged_tables) == 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "The data reads, but %u inconsistency was found in the file’s indexes or free space",
                                                       "The data reads, but %u inconsistencies were found in the file’s indexes or free space",
                                                       n_other),
                                          n_other));
    }
  else
    {
      g_ptr_array_add (problems, g_strdup_printf (_ ("The integrity check could not run: %s"),
                                                  sqlite3_errmsg (db)));
    }

  return g_steal_pointer (&problems);
}

static gboolean
exec_new (sqlite3    *db,
          const char *sql,
          const char *display,
          GError    **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, ESC_STORE_ERROR,
                   (rc & 0xff) == SQLITE_FULL ? ESC_STORE_ERROR_FULL : ESC_STORE_ERROR_IO,
                   _ ("“%s” could not be written (%s)"), display, sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static sqlite3 *
create_empty_workspace (const char *path,
                        GError    **error)
{
  g_autofree char    *display = g_filename_display_basename (path);
  g_autofree char    *set_app_id = NULL;
  g_autoptr (sqlite3) db = NULL;
  int                 enabled;
  int                 rc;

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("“%s” could not be created (%s)"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, &enabled);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &enabled);

  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", ESC_STORE_APPLICATION_ID);
  /* Nothing is worth syncing until the copy is complete: esc_store_salvage() turns syncing
   * back on for the one transaction that holds the rows. */
  if (!exec_new (db, "PRAGMA synchronous = OFF", display, error) ||
      !exec_new (db, set_app_id, display, error) ||
      !exec_new (db, "PRAGMA journal_mode = WAL", display, error) ||
      !exec_new (db, "PRAGMA foreign_keys = ON", display, error))
    return NULL;

  for (guint version = 1; version <= esc_store_n_migrations; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);

      if (!exec_new (db, "BEGIN IMMEDIATE", display, error))
        return NULL;
      if (!exec_new (db, esc_store_migrations[version], display, error) ||
          !exec_new (db, set_version, display, error) ||
          !exec_new (db, "COMMIT", display, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
    }

  return g_steal_pointer (&db);
}

/* The tables of db ordered so that each comes after the tables it refers to. */
static GPtrArray *
order_by_references (sqlite3   *db,
                     GPtrArray *tables)
{
  g_autoptr (GPtrArray)    ordered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable)   placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean                 progress = TRUE;

  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list (?1)", -1,
                          &stmt, NULL) != SQLITE_OK)
    return NULL;

  while (ordered->len < tables->len && progress)
    {
      progress = FALSE;
      for (guint i = 0; i < tables->len; i++)
        {
          const char *table = g_ptr_array_index (tables, i);
          gboolean    ready = TRUE;

          if (g_hash_table_contains (placed, table))
            continue;
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              const char *parent = (const char *) sqlite3_column_text (stmt, 0);

              if (g_strcmp0 (parent, table) != 0 && !g_hash_table_contains (placed, parent))
                ready = FALSE;
            }
          if (ready)
            {
              g_hash_table_add (placed, (gpointer) table);
              g_ptr_array_add (ordered, g_strdup (table));
              progress = TRUE;
            }
        }
    }

  /* A cycle: keep the rest in creation order. */
  for (guint i = 0; i < tables->len; i++)
    if (!g_hash_table_contains (placed, g_ptr_array_index (tables, i)))
      g_ptr_array_add (ordered, g_strdup (g_ptr_array_index (tables, i)));

  return g_steal_pointer (&ordered);
}

/* Inserts the current row of from (columns offset…) into insert; counts the outcome.
 * Returns FALSE on an error of the new file itself (disk full). */
static gboolean
copy_row (sqlite3_stmt    *from,
          int              offset,
          sqlite3_stmt    *insert,
          EscSalvageTable *result,
          int             *write_rc)
{
  int n = sqlite3_bind_parameter_count (insert);
  int rc;

  for (int i = 0; i < n; i++)
    sqlite3_bind_value (insert, i + 1, sqlite3_column_value (from, offset + i));
  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  if (rc == SQLITE_DONE)
    {
      /* A row the new workspace already has (a trigger made it) is neither copied nor lost. */
      if (sqlite3_changes (sqlite3_db_handle (insert)) > 0)
        result->n_copied++;
      return TRUE;
    }
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      result->n_dropped++;
      return TRUE;
    }
  *write_rc = rc;
  return FALSE;
}

static gboolean
salvage_table (sqlite3         *old_db,
               sqlite3         *new_db,
               const char      *table,
               EscSalvageTable *result,
               int             *write_rc)
{
  g_autoptr (GPtrArray)    new_columns = list_columns (new_db, table);
  g_autoptr (GPtrArray)    old_columns = list_columns (old_db, table);
  g_autoptr (GPtrArray)    columns = g_ptr_array_new ();
  g_autoptr (GString)      placeholders = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autofree char         *quoted = quote_identifier (table);
  g_autofree char         *column_list = NULL;
  g_autofree char         *sql = NULL;
  gint64                   last_rowid = G_MININT64;
  guint                    skips = 0;
  int                      rc;

  if (new_columns == NULL || old_columns == NULL || old_columns->len == 0)
    {
      result->damaged = old_columns == NULL;
      return TRUE;
    }

  for (guint i = 0; i < new_columns->len; i++)
    for (guint j = 0; j < old_columns->len; j++)
      if (g_str_equal (g_ptr_array_index (new_columns, i), g_ptr_array_index (old_columns, j)))
        g_ptr_array_add (columns, g_ptr_array_index (new_columns, i));
  if (columns->len == 0)
    return TRUE;

  column_list = join_columns (columns);
  for (guint i = 0; i < columns->len; i++)
    g_string_append (placeholders, i == 0 ? "?" : ", ?");
  sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s) VALUES (%s)", quoted, column_list,
                         placeholders->str);
  if (sqlite3_prepare_v2 (new_db, sql, -1, &insert, NULL) != SQLITE_OK)
    {
      *write_rc = sqlite3_errcode (new_db);
      return FALSE;
    }

  if (!has_rowid (old_db, table))
    {
      g_autoptr (sqlite3_stmt) rows = NULL;

      g_free (sql);
      sql = g_strdup_printf ("SELECT %s FROM %s", column_list, quoted);
      rc = sqlite3_prepare_v2 (old_db, sql, -1, &rows, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (rows)) == SQLITE_ROW)
        {
          if (!copy_row (rows, 0, insert, result, write_rc))
            return FALSE;
          rc = SQLITE_OK;
        }
      if (rc != SQLITE_DONE)
        result->damaged = TRUE;
      return TRUE;
    }

  /* Forwards, stepping over rows whose content is unreadable but whose place is known. */
  for (;;)
    {
      g_autoptr (sqlite3_stmt) rows = NULL;
      g_autoptr (sqlite3_stmt) probe = NULL;

      g_free (sql);
      sql = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE rowid > ?1 ORDER BY rowid",
                             column_list, quoted);
      rc = sqlite3_prepare_v2 (old_db, sql, -1, &rows, NULL);
      if (rc == SQLITE_OK)
        sqlite3_bind_int64 (rows, 1, last_rowid);
      while (rc == SQLITE_OK && (rc = sqlite3_step (rows)) == SQLITE_ROW)
        {
          /* Read every value before counting the row as read. */
          for (guint i = 0; i <= columns->len; i++)
            sqlite3_column_bytes (rows, (int) i);
          if (sqlite3_errcode (old_db) == SQLITE_NOMEM || (sqlite3_errcode (old_db) & 0xff) == SQLITE_CORRUPT)
            {
              rc = SQLITE_CORRUPT;
              break;
            }
          last_rowid = sqlite3_column_int64 (rows, 0);
          if (!copy_row (rows, 1, insert, result, write_rc))
            return FALSE;
          rc = SQLITE_OK;
        }
      if (rc == SQLITE_DONE)
        return TRUE;

      result->damaged = TRUE;
      if (++skips > MAX_SKIPS)
        break;

      g_free (sql);
      sql = g_strdup_printf ("SELECT rowid FROM %s WHERE rowid > ?1 ORDER BY rowid LIMIT 1", quoted);
      if (sqlite3_prepare_v2 (old_db, sql, -1, &probe, NULL) != SQLITE_OK)
        break;
      sqlite3_bind_int64 (probe, 1, last_rowid);
      rc = sqlite3_step (probe);
      if (rc == SQLITE_DONE)
        return TRUE;
      if (rc != SQLITE_ROW || sqlite3_column_int64 (probe, 0) <= last_rowid)
        break;
      /* The row is there but its content cannot be read: step over it. */
      result->n_unreadable++;
      last_rowid = sqlite3_column_int64 (probe, 0);
    }

  /* The tree itself is broken: read from the end backwards down to where we stopped. */
  {
    g_autoptr (sqlite3_stmt) rows = NULL;

    g_free (sql);
    sql = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE rowid > ?1 ORDER BY rowid DESC",
                           column_list, quoted);
    rc = sqlite3_prepare_v2 (old_db, sql, -1, &rows, NULL);
    if (rc == SQLITE_OK)
      sqlite3_bind_int64 (rows, 1, last_rowid);
    while (rc == SQLITE_OK && (rc = sqlite3_step (rows)) == SQLITE_ROW)
      {
        if (!copy_row (rows, 1, insert, result, write_rc))
          return FALSE;
        rc = SQLITE_OK;
      }
  }

  return TRUE;
}

GPtrArray *
esc_store_salvage (const char *damaged_path,
                   const char *new_path,
                   GError    **error)
{
  g_autofree char       *display = NULL;
  g_autoptr (GPtrArray)  results = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_salvage_table_free);
  g_autoptr (GPtrArray)  old_tables = NULL;
  g_autoptr (GPtrArray)  new_tables = NULL;
  g_autoptr (GPtrArray)  ordered = NULL;
  g_autoptr (GHashTable) in_old = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (sqlite3)    old_db = NULL;
  g_autoptr (sqlite3)    new_db = NULL;
  int                    write_rc = SQLITE_OK;

  g_return_val_if_fail (damaged_path != NULL, NULL);
  g_return_val_if_fail (new_path != NULL, NULL);

  display = g_filename_display_basename (new_path);
  if (g_file_test (new_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_EXISTS,
                   _ ("“%s” already exists; choose a new file name for the salvaged workspace"),
                   display);
      return NULL;
    }

  old_db = open_damaged (damaged_path, error);
  if (old_db == NULL)
    return NULL;
  old_tables = list_tables (old_db);
  if (old_tables == NULL)
    {
      g_autofree char *old_display = g_filename_display_basename (damaged_path);

      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("Nothing can be read from “%s”: its list of tables is damaged (%s); restore a backup instead"),
                   old_display, sqlite3_errmsg (old_db));
      return NULL;
    }
  for (guint i = 0; i < old_tables->len; i++)
    g_hash_table_add (in_old, g_ptr_array_index (old_tables, i));

  new_db = create_empty_workspace (new_path, error);
  if (new_db == NULL)
    goto failed;
  new_tables = list_tables (new_db);
  ordered = new_tables != NULL ? order_by_references (new_db, new_tables) : NULL;
  if (ordered == NULL)
    {
      write_rc = sqlite3_errcode (new_db);
      goto write_failed;
    }

  if (sqlite3_exec (new_db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (new_db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      write_rc = sqlite3_errcode (new_db);
      goto write_failed;
    }

  for (guint i = 0; i < ordered->len; i++)
    {
      const char      *table = g_ptr_array_index (ordered, i);
      EscSalvageTable *result;

      if (!g_hash_table_contains (in_old, table))
        continue;

      result = g_new0 (EscSalvageTable, 1);
      result->table = g_strdup (table);
      result->description = g_strdup (describe_table (table));
      g_ptr_array_add (results, result);

      if (!salvage_table (old_db, new_db, table, result, &write_rc))
        {
          sqlite3_exec (new_db, "ROLLBACK", NULL, NULL, NULL);
          goto write_failed;
        }
    }

  if (sqlite3_exec (new_db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      write_rc = sqlite3_errcode (new_db);
      sqlite3_exec (new_db, "ROLLBACK", NULL, NULL, NULL);
      goto write_failed;
    }

  return g_steal_pointer (&results);

write_failed:
  g_set_error (error, ESC_STORE_ERROR,
               (write_rc & 0xff) == SQLITE_FULL ? ESC_STORE_ERROR_FULL : ESC_STORE_ERROR_IO,
               _ ("The salvaged workspace “%s” could not be written (%s)"), display,
               sqlite3_errstr (write_rc));
failed:
  g_clear_pointer (&new_db, sqlite3_close_v2);
  {
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (new_path, suffixes[i], NULL);

        g_unlink (file);
      }
  }
  return NULL;
}
