/* esc-store-backup.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backup and restore with SQLite's online backup API: the copy is a consistent snapshot of
 * the workspace even while another process writes to it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "esc-backup-private.h"
#include "esc-store-private.h"

#define PAGES_PER_STEP 256
#define MAX_BUSY_WAITS 1500 /* × 10 ms */

/* close_v2: the connection goes once its last statement is finalized, whatever order
 * g_autoptr cleans up in. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)

static void
set_error_from_db (sqlite3    *db,
                   int         rc,
                   const char *display,
                   GError    **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_FULL,
                   _ ("The disk is full: “%s” could not be written; free some space and try again"),
                   display);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("“%s” is damaged (%s)"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_BUSY,
                   _ ("Another program is writing to “%s”; try again in a moment"), display);
      break;
    default:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("“%s” could not be read or written (%s)"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;
    }
}

/* Runs a backup from src to dest to its end, waiting while another writer holds a lock. */
static int
run_backup (sqlite3 *dest,
            sqlite3 *src)
{
  sqlite3_backup *backup;
  guint           waits = 0;
  int             rc;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    return sqlite3_errcode (dest);

  do
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waits++ < MAX_BUSY_WAITS)
        sqlite3_sleep (10);
      else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        break;
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
    rc = sqlite3_errcode (dest);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

gboolean
_esc_store_backup_to_file (EscStore   *self,
                           const char *dest_path,
                           GError    **error)
{
  g_autofree char    *display = g_filename_display_name (dest_path);
  g_autoptr (sqlite3) dest = NULL;
  int                 rc;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  rc = sqlite3_open_v2 (dest_path, &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = run_backup (dest, _esc_store_get_db (self));
  if (rc == SQLITE_OK)
    {
      /* The copy keeps the workspace's WAL flag; leave it a single self-contained file. */
      rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_error_from_db (dest, rc, display, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_esc_store_check_backup_file (const char *path,
                              GError    **error)
{
  g_autofree char         *display = g_filename_display_basename (path);
  g_autofree char         *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char         *uri = g_strdup_printf ("file:%s?mode=ro", escaped);
  g_autoptr (sqlite3)      db = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64                   app_id, version;
  int                      rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("There is no backup at “%s”"), display);
      return FALSE;
    }

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT * FROM pragma_application_id, pragma_user_version", -1,
                             &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_db (db, rc, display, error);
      return FALSE;
    }
  app_id = sqlite3_column_int64 (stmt, 0);
  version = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (app_id != ESC_STORE_APPLICATION_ID)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE,
                   _ ("“%s” is not a backup of a workspace"), display);
      return FALSE;
    }
  if (version > ESC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_TOO_NEW,
                   _ ("“%s” was saved by a newer version of ESC Assessor; update the application to restore it"),
                   display);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_db (db, rc, display, error);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("The backup “%s” is damaged; choose another one"), display);
      return FALSE;
    }

  return TRUE;
}

gboolean
_esc_store_restore_from_file (EscStore   *self,
                              const char *backup_path,
                              GError    **error)
{
  g_autofree char    *display = g_filename_display_basename (esc_store_get_path (self));
  g_autofree char    *escaped = g_uri_escape_string (backup_path, "/", FALSE);
  g_autofree char    *uri = g_strdup_printf ("file:%s?mode=ro", escaped);
  g_autoptr (sqlite3) src = NULL;
  int                 rc;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  if (esc_store_is_read_only (self))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY,
                   _ ("The workspace is read-only: copy it to a writable folder to restore a backup into it"));
      return FALSE;
    }

  if (!_esc_store_check_backup_file (backup_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = run_backup (_esc_store_get_db (self), src);
  if (rc != SQLITE_OK)
    {
      set_error_from_db (_esc_store_get_db (self), rc, display, error);
      return FALSE;
    }

  _esc_store_touch (self);
  return TRUE;
}
