/* esc-store.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace file: opening, creating, migrating, transactions, and the
 * typed reads and writes of local governments, assessments and answers.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "esc-backup.h"
#include "esc-store-private.h"

#define BUSY_TIMEOUT_MS 15000
#define MAX_NOTE_LENGTH 100000
#define HEADER_SIZE 100

struct _EscStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *author;
  GHashTable *frameworks; /* uuid → EscFramework */
  GHashTable *statements; /* SQL → sqlite3_stmt, borrowed by callers */
  gint64      last_change;
  guint       batch_depth;
  guint       read_only : 1;
};

G_DEFINE_FINAL_TYPE (EscStore, esc_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (esc - store - error - quark, esc_store_error)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_LAST_CHANGE,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers shared by the store's files */

char *
_esc_uuid_new (void)
{
  return g_uuid_string_random ();
}

gint64
_esc_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_esc_bind_text_or_null (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_esc_column_dup (sqlite3_stmt *stmt,
                 int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

sqlite3 *
_esc_store_get_db (EscStore *self)
{
  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  return self->db;
}

static void
set_error_for_code (GError    **error,
                    int         rc,
                    const char *detail)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_SQLITE,
                   _ ("The file is not a workspace (it is not an SQLite database)"));
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_DAMAGED,
                   _ ("The workspace is damaged (%s); restore it from a backup or run “esc-cli salvage”"),
                   detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_FULL,
                   _ ("The disk is full: free some space and try again; the last change was not saved"));
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("The workspace could not be read or written (%s); check that the disk or USB stick is still there"),
                   detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY,
                   _ ("The workspace is read-only: copy it to a writable folder to make changes"));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_BUSY,
                   _ ("Another program is writing to the workspace; try again in a moment"));
      break;
    default:
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_FAILED,
                   _ ("The workspace could not be changed (%s)"), detail);
      break;
    }
}

void
_esc_store_set_error (EscStore *self,
                      int       rc,
                      GError  **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  set_error_for_code (error, rc, detail);
}

sqlite3_stmt *
_esc_store_prepare (EscStore   *self,
                    const char *sql,
                    GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return stmt;
}

/* A statement kept for the life of the store; reset and unbound, not to be finalized. */
static sqlite3_stmt *
prepare_cached (EscStore   *self,
                const char *sql,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int           rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_esc_store_step_done (EscStore     *self,
                      sqlite3_stmt *stmt,
                      GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _esc_store_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
exec_sql (EscStore   *self,
          const char *sql,
          GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_esc_store_begin (EscStore *self,
                  GError  **error)
{
  if (self->read_only)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY,
                   _ ("The workspace is read-only: copy it to a writable folder to make changes"));
      return FALSE;
    }

  if (self->batch_depth++ > 0)
    return TRUE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    {
      self->batch_depth = 0;
      return FALSE;
    }

  return TRUE;
}

gboolean
_esc_store_commit (EscStore *self,
                   GError  **error)
{
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (--self->batch_depth > 0)
    return TRUE;

  if (!exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  _esc_store_touch (self);
  return TRUE;
}

void
_esc_store_rollback (EscStore *self)
{
  self->batch_depth = 0;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

void
_esc_store_touch (EscStore *self)
{
  self->last_change = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHANGE]);
}

gboolean
_esc_store_record_history (EscStore   *self,
                           const char *entity,
                           const char *entity_uuid,
                           const char *field,
                           const char *old_value,
                           const char *new_value,
                           const char *reason,
                           GError    **error)
{
  g_autofree char *uuid = _esc_uuid_new ();
  sqlite3_stmt    *stmt;

  stmt = prepare_cached (self,
                         "INSERT INTO history (uuid, entity, entity_uuid, field, old_value, new_value, reason, author, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entity_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, field, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 5, old_value);
  _esc_bind_text_or_null (stmt, 6, new_value);
  sqlite3_bind_text (stmt, 7, reason != NULL ? reason : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, self->author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, _esc_now ());

  return _esc_store_step_done (self, stmt, error);
}

/* GObject */

static void
esc_store_finalize (GObject *object)
{
  EscStore *self = ESC_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_free (self->path);
  g_free (self->author);

  G_OBJECT_CLASS (esc_store_parent_class)->finalize (object);
}

static void
esc_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EscStore *self = ESC_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LAST_CHANGE:
      g_value_set_int64 (value, self->last_change);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_store_class_init (EscStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = esc_store_finalize;
  object_class->get_property = esc_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Microseconds since the epoch of the last change this connection committed. */
  properties[PROP_LAST_CHANGE] =
    g_param_spec_int64 ("last-change", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
esc_store_init (EscStore *self)
{
  self->frameworks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->author = g_strdup (g_get_real_name ());
}

/* Opening */

static gboolean
configure_connection (EscStore *self,
                      GError  **error)
{
  int enabled = 0;

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &enabled);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &enabled);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &enabled);

  if (!exec_sql (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  /* Random UUID keys touch pages all over the tables: a larger cache keeps bulk writes
   * from rereading them. A reader's passes stream the answers through the cache once
   * while they revisit the assessments and local governments they join: 8 MiB keeps
   * those of the whole country; more only costs allocations for pages read once. */
  return exec_sql (self, self->read_only ? "PRAGMA cache_size = -8192" : "PRAGMA cache_size = -32768",
                   error);
}

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

/* Reads the start of the file through SQLite's file layer, never with a plain open() and
 * close(): closing any descriptor of a file drops every POSIX lock this process holds on
 * it, those of this process' other connections too. Another process could then take the
 * file as unused, checkpoint it and delete the WAL and its index under those connections,
 * whose later commits would go to a deleted file. SQLite keeps such a descriptor open
 * until its locks are released. Returns an SQLite result code; *n is the bytes read. */
static int
read_header (const char *path,
             guint8     *header,
             gsize       size,
             gsize      *n)
{
  sqlite3_vfs     *vfs = sqlite3_vfs_find (NULL);
  g_autofree void *memory = g_malloc0 (vfs->szOsFile);
  g_autofree char *full_path = g_malloc0 (vfs->mxPathname + 1);
  sqlite3_file    *file = memory;
  sqlite3_int64    file_size = 0;
  int              flags = 0;
  int              rc;

  *n = 0;
  /* The file layer wants the full path SQLite itself would give it. */
  rc = vfs->xFullPathname (vfs, path, vfs->mxPathname + 1, full_path);
  if (rc != SQLITE_OK)
    return rc;
  rc = vfs->xOpen (vfs, full_path, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &flags);
  if (rc == SQLITE_OK)
    rc = file->pMethods->xFileSize (file, &file_size);
  if (rc == SQLITE_OK && file_size > 0)
    {
      *n = (gsize) MIN (file_size, (sqlite3_int64) size);
      rc = file->pMethods->xRead (file, header, (int) *n, 0);
    }
  if (file->pMethods != NULL)
    file->pMethods->xClose (file);

  return rc;
}

/* Looks at the file's header without SQLite's pager, so nothing is written to a file
 * that is not ours. */
static gboolean
check_header (const char *path,
              GError    **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  guint8           header[HEADER_SIZE];
  gsize            n = 0;
  int              rc;

  if (g_access (path, R_OK) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                     _ ("There is no workspace at “%s”"), display);
      else
        g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                     _ ("“%s” could not be opened: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  rc = read_header (path, header, sizeof header, &n);
  if (rc != SQLITE_OK && g_file_test (path, G_FILE_TEST_IS_DIR))
    n = 0; /* said below: not a workspace */
  else if (rc != SQLITE_OK)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("“%s” could not be opened: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }

  if (n == 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE,
                   _ ("“%s” is empty, not a workspace; choose a .esca file or create a new workspace"),
                   display);
      return FALSE;
    }

  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_SQLITE,
                   _ ("“%s” is not a workspace file; choose a .esca file made by ESC Assessor"),
                   display);
      return FALSE;
    }

  if (read_be32 (header + 68) != ESC_STORE_APPLICATION_ID)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE,
                   _ ("“%s” is a database, but not an ESC Assessor workspace"), display);
      return FALSE;
    }

  if (read_be32 (header + 60) > ESC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_TOO_NEW,
                   _ ("“%s” was saved by a newer version of ESC Assessor; update the application to open it"),
                   display);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (EscStore   *self,
           const char *sql,
           gint64     *value,
           GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = _esc_store_prepare (self, sql, error);
  int                      rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
migrate (EscStore *self,
         gint64    from_version,
         GError  **error)
{
  for (guint version = (guint) from_version + 1; version <= esc_store_n_migrations; version++)
    {
      g_autofree char *set_version = NULL;

      if (!_esc_store_begin (self, error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %u", version);
      if (!exec_sql (self, esc_store_migrations[version], error) ||
          !exec_sql (self, set_version, error))
        {
          _esc_store_rollback (self);
          return FALSE;
        }

      if (!_esc_store_commit (self, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
directory_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) == 0;
}

/* Whether a WAL with commits lies beside the file (more than its 32-byte header). */
static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf         buf;

  return g_stat (wal, &buf) == 0 && buf.st_size > 32;
}

/* Opens the connection, replacing any earlier one, and reads the two header fields every
 * open checks. */
static gboolean
open_connection (EscStore   *self,
                 const char *uri,
                 int         open_flags,
                 gint64     *app_id,
                 gint64     *version,
                 GError    **error)
{
  int rc;

  if (self->db != NULL)
    {
      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  /* A store is used by one thread at a time (see esc-store.h): SQLite need not lock the
   * connection around every call, which a pass over every answer makes a million of. */
  rc = sqlite3_open_v2 (uri, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }

  return configure_connection (self, error) &&
         query_int (self, "PRAGMA application_id", app_id, error) &&
         query_int (self, "PRAGMA user_version", version, error);
}

EscStore *
esc_store_open (const char       *path,
                EscStoreOpenFlags flags,
                GError          **error)
{
  g_autoptr (EscStore) self = NULL;
  g_autoptr (GError)   local_error = NULL;
  g_autofree char     *uri = NULL;
  g_autofree char     *fallback_uri = NULL;
  gboolean             read_only;
  gint64               app_id = 0;
  gint64               version = 0;
  int                  open_flags;

  g_return_val_if_fail (path != NULL, NULL);

  if ((flags & ESC_STORE_OPEN_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr (EscFramework) framework = esc_framework_new_default (error);

      if (framework == NULL)
        return NULL;
      return esc_store_create (path, framework, error);
    }

  if (!check_header (path, error))
    return NULL;

  read_only = (flags & ESC_STORE_OPEN_READ_ONLY) != 0 ||
              g_access (path, W_OK) != 0 ||
              !directory_is_writable (path);

  self = g_object_new (ESC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  if (read_only)
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      /* A read-only folder cannot hold a new WAL index; the file is then read as it
       * stands. A WAL with commits left beside it (a crash, another program still at work,
       * a stick made read-only since) is part of the workspace: SQLite reads it through
       * the index left with it, and only when that cannot be read is the file alone read. */
      uri = g_strdup_printf ("file:%s?mode=ro", escaped);
      if (!directory_is_writable (path))
        {
          fallback_uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
          if (!has_wal_content (path))
            g_clear_pointer (&uri, g_free);
        }
      open_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    }
  else
    {
      uri = g_strdup (path);
      open_flags = SQLITE_OPEN_READWRITE;
    }

  if (uri == NULL || !open_connection (self, uri, open_flags, &app_id, &version, &local_error))
    {
      if (fallback_uri == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (local_error != NULL)
        g_debug ("The WAL beside %s cannot be read, the file alone is: %s", path, local_error->message);
      g_clear_error (&local_error);
      if (!open_connection (self, fallback_uri, open_flags, &app_id, &version, error))
        return NULL;
    }

  if (app_id != ESC_STORE_APPLICATION_ID)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_WORKSPACE,
                   _ ("“%s” is a database, but not an ESC Assessor workspace"), path);
      return NULL;
    }
  if (version > ESC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_TOO_NEW,
                   _ ("“%s” was saved by a newer version of ESC Assessor; update the application to open it"),
                   path);
      return NULL;
    }

  if (!read_only)
    {
      if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
          !exec_sql (self, "PRAGMA synchronous = FULL", error))
        return NULL;

      if (version < ESC_STORE_SCHEMA_VERSION)
        {
          g_autofree char *backup = NULL;

          /* A copy of the file as it was, in case the migration goes wrong. */
          if (version > 0 && (backup = esc_backup_create (self, "migration", error)) == NULL)
            return NULL;
          if (!migrate (self, version, error))
            return NULL;
        }

      /* The first use of the day keeps a copy; failing to make it must not stop the work. */
      if (!esc_backup_create_daily (self, NULL, &local_error))
        {
          g_debug ("No daily backup of %s: %s", path, local_error->message);
          g_clear_error (&local_error);
        }
    }
  else if (version < ESC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY,
                   _ ("“%s” needs an update that cannot be written because the file is read-only; copy it to a writable folder"),
                   path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

EscStore *
esc_store_create (const char   *path,
                  EscFramework *framework,
                  GError      **error)
{
  g_autoptr (EscStore) self = NULL;
  g_autoptr (GError)   local_error = NULL;
  g_autofree char     *framework_uuid = NULL;
  g_autofree char     *workspace_uuid = NULL;
  g_autofree char     *set_app_id = NULL;
  int                  rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (ESC_IS_FRAMEWORK (framework), NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_EXISTS,
                   _ ("“%s” already exists; choose another name or open it instead"), display);
      return NULL;
    }

  self = g_object_new (ESC_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _esc_store_set_error (self, rc, error);
      goto failed;
    }

  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", ESC_STORE_APPLICATION_ID);
  if (!configure_connection (self, &local_error) ||
      !exec_sql (self, set_app_id, &local_error) ||
      !exec_sql (self, "PRAGMA journal_mode = WAL", &local_error) ||
      !exec_sql (self, "PRAGMA synchronous = FULL", &local_error) ||
      !migrate (self, 0, &local_error))
    goto failed;

  workspace_uuid = _esc_uuid_new ();
  {
    g_autoptr (sqlite3_stmt) stmt = _esc_store_prepare (self, "INSERT INTO meta (key, value) VALUES ('workspace_uuid', ?), ('created_at', ?)", &local_error);
    g_autofree char         *now = g_strdup_printf ("%" G_GINT64_FORMAT, _esc_now ());

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, workspace_uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
    if (!_esc_store_step_done (self, stmt, &local_error))
      goto failed;
  }

  framework_uuid = esc_store_add_framework (self, framework, &local_error);
  if (framework_uuid == NULL)
    goto failed;

  return g_steal_pointer (&self);

failed:
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  if (self->db != NULL)
    {
      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  {
    static const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
  }
  return NULL;
}

const char *
esc_store_get_path (EscStore *self)
{
  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  return self->path;
}

gboolean
esc_store_is_read_only (EscStore *self)
{
  g_return_val_if_fail (ESC_IS_STORE (self), TRUE);

  return self->read_only;
}

void
esc_store_set_author (EscStore   *self,
                      const char *author)
{
  g_return_if_fail (ESC_IS_STORE (self));

  if (author == NULL || *author == '\0')
    author = g_get_real_name ();
  g_free (self->author);
  self->author = g_strdup (author);
}

const char *
esc_store_get_author (EscStore *self)
{
  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  return self->author;
}

gint64
esc_store_get_last_change (EscStore *self)
{
  g_return_val_if_fail (ESC_IS_STORE (self), 0);

  return self->last_change;
}

gboolean
esc_store_begin_batch (EscStore *self,
                       GError  **error)
{
  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  return _esc_store_begin (self, error);
}

gboolean
esc_store_end_batch (EscStore *self,
                     gboolean  commit,
                     GError  **error)
{
  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  if (!commit)
    {
      _esc_store_rollback (self);
      return TRUE;
    }

  return _esc_store_commit (self, error);
}

gboolean
esc_store_check_integrity (EscStore   *self,
                           GPtrArray **problems,
                           GError    **error)
{
  g_autoptr (GPtrArray)    found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  stmt = _esc_store_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup (line));
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _esc_store_prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, g_strdup_printf (_ ("Table %s row %lld refers to a missing row of %s"),
                                             sqlite3_column_text (stmt, 0),
                                             (long long) sqlite3_column_int64 (stmt, 1),
                                             sqlite3_column_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return problems != NULL ? (*problems)->len == 0 : found->len == 0;
}

/* Frameworks */

char *
esc_store_add_framework (EscStore     *self,
                         EscFramework *framework,
                         GError      **error)
{
  g_autofree char *uuid = NULL;
  GBytes          *source;
  sqlite3_stmt    *stmt;
  int              rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (ESC_IS_FRAMEWORK (framework), NULL);

  stmt = prepare_cached (self, "SELECT uuid FROM frameworks WHERE sha256 = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, esc_framework_get_sha256 (framework), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      uuid = _esc_column_dup (stmt, 0);
      sqlite3_reset (stmt);
      return g_steal_pointer (&uuid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  if (!_esc_store_begin (self, error))
    return NULL;

  uuid = _esc_uuid_new ();
  source = esc_framework_get_source (framework);
  stmt = prepare_cached (self,
                         "INSERT INTO frameworks (uuid, code, fiscal_year, sha256, source, added_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, esc_framework_get_id (framework), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, esc_framework_get_fiscal_year (framework));
  sqlite3_bind_text (stmt, 4, esc_framework_get_sha256 (framework), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, g_bytes_get_data (source, NULL), (int) g_bytes_get_size (source), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, _esc_now ());
  if (!_esc_store_step_done (self, stmt, error))
    goto failed;

  stmt = prepare_cached (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('default_framework', ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (!_esc_store_step_done (self, stmt, error))
    goto failed;

  if (!_esc_store_commit (self, error))
    return NULL;

  g_hash_table_insert (self->frameworks, g_strdup (uuid), g_object_ref (framework));
  return g_steal_pointer (&uuid);

failed:
  _esc_store_rollback (self);
  return NULL;
}

EscFramework *
esc_store_get_framework (EscStore   *self,
                         const char *framework_uuid,
                         GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  EscFramework            *framework;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (framework_uuid != NULL, NULL);

  framework = g_hash_table_lookup (self->frameworks, framework_uuid);
  if (framework != NULL)
    return g_object_ref (framework);

  stmt = _esc_store_prepare (self, "SELECT code, source FROM frameworks WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, framework_uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("The workspace has no framework %s"), framework_uuid);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  framework = esc_framework_new_from_data ((const char *) sqlite3_column_text (stmt, 1),
                                           sqlite3_column_bytes (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 0),
                                           error);
  if (framework == NULL)
    return NULL;

  g_hash_table_insert (self->frameworks, g_strdup (framework_uuid), g_object_ref (framework));
  return framework;
}

char *
esc_store_get_default_framework_uuid (EscStore *self,
                                      GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT value FROM meta WHERE key = 'default_framework' "
                             "UNION ALL SELECT uuid FROM (SELECT uuid FROM frameworks ORDER BY added_at DESC LIMIT 1)",
                             error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _esc_column_dup (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                 _ ("The workspace holds no framework; create it again with “esc-cli new”"));
  else
    _esc_store_set_error (self, rc, error);

  return NULL;
}

/* Local governments */

EscLao *
esc_lao_new (void)
{
  return g_new0 (EscLao, 1);
}

EscLao *
esc_lao_copy (const EscLao *lao)
{
  EscLao *copy = esc_lao_new ();

  copy->uuid = g_strdup (lao->uuid);
  copy->code = g_strdup (lao->code);
  copy->name = g_strdup (lao->name);
  copy->type = g_strdup (lao->type);
  copy->district = g_strdup (lao->district);
  copy->province = g_strdup (lao->province);
  copy->updated_at = lao->updated_at;

  return copy;
}

void
esc_lao_free (EscLao *lao)
{
  if (lao == NULL)
    return;

  g_free (lao->uuid);
  g_free (lao->code);
  g_free (lao->name);
  g_free (lao->type);
  g_free (lao->district);
  g_free (lao->province);
  g_free (lao);
}

#define LAO_COLUMNS "uuid, code, name, type, district, province, updated_at"

/* Reads LAO_COLUMNS starting at column first. */
static EscLao *
lao_from_columns (sqlite3_stmt *stmt,
                  int           first)
{
  EscLao *lao = esc_lao_new ();

  lao->uuid = _esc_column_dup (stmt, first + 0);
  lao->code = _esc_column_dup (stmt, first + 1);
  lao->name = _esc_column_dup (stmt, first + 2);
  lao->type = _esc_column_dup (stmt, first + 3);
  lao->district = _esc_column_dup (stmt, first + 4);
  lao->province = _esc_column_dup (stmt, first + 5);
  lao->updated_at = sqlite3_column_int64 (stmt, first + 6);

  return lao;
}

static EscLao *
lao_from_row (sqlite3_stmt *stmt)
{
  return lao_from_columns (stmt, 0);
}

static gboolean
update_lao_field (EscStore   *self,
                  const char *uuid,
                  const char *column,
                  const char *old_value,
                  const char *new_value,
                  GError    **error)
{
  g_autofree char         *sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  /* column is one of a fixed set chosen by the caller, never user data. */
  sql = g_strdup_printf ("UPDATE laos SET %s = ?, updated_at = ? WHERE uuid = ?", column);
  stmt = _esc_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  _esc_bind_text_or_null (stmt, 1, new_value);
  sqlite3_bind_int64 (stmt, 2, _esc_now ());
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_STATIC);

  return _esc_store_step_done (self, stmt, error) &&
         _esc_store_record_history (self, "lao", uuid, column, old_value, new_value, NULL, error);
}

/* The local government a row of an imported list stands for (ESC_LAO_SAME_SQL), the one
 * with its code first: a list without codes imported before, now with them, gives them. */
static EscLao *
find_existing_lao (EscStore     *self,
                   const EscLao *lao,
                   GError      **error)
{
  const char   *code = lao->code != NULL && *lao->code != '\0' ? lao->code : NULL;
  sqlite3_stmt *stmt;
  int           rc;

  stmt = prepare_cached (self,
                         "SELECT " LAO_COLUMNS " FROM laos WHERE " ESC_LAO_SAME_SQL
                         " ORDER BY ?2 IS NOT NULL AND code = ?2 DESC LIMIT 1",
                         error);
  if (stmt == NULL)
    return NULL;
  _esc_bind_text_or_null (stmt, 2, code);
  sqlite3_bind_text (stmt, 3, lao->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, lao->district ? lao->district : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, lao->province ? lao->province : "", -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      EscLao *found = lao_from_row (stmt);
      sqlite3_reset (stmt);
      return found;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _esc_store_set_error (self, rc, error);

  return NULL;
}

gboolean
esc_store_import_laos (EscStore  *self,
                       GPtrArray *laos,
                       guint     *n_added,
                       guint     *n_updated,
                       GError   **error)
{
  guint added = 0;
  guint updated = 0;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (laos != NULL, FALSE);

  if (!_esc_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < laos->len; i++)
    {
      const EscLao      *lao = g_ptr_array_index (laos, i);
      g_autoptr (EscLao) existing = NULL;
      g_autoptr (GError) local_error = NULL;
      const char        *code = lao->code != NULL && *lao->code != '\0' ? lao->code : NULL;

      if (lao->name == NULL || *lao->name == '\0' || lao->type == NULL)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("Local government %u has no name or type; nothing was imported"), i + 1);
          goto failed;
        }

      existing = find_existing_lao (self, lao, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }

      if (existing != NULL)
        {
          /* A code is added, never changed: the code is how the row was found. */
          gboolean add_code = code != NULL && (existing->code == NULL || *existing->code == '\0');
          gboolean changed = add_code || g_strcmp0 (existing->name, lao->name) != 0 ||
                             g_strcmp0 (existing->type, lao->type) != 0 ||
                             g_strcmp0 (existing->district, lao->district ? lao->district : "") != 0 ||
                             g_strcmp0 (existing->province, lao->province ? lao->province : "") != 0;

          if ((add_code && !update_lao_field (self, existing->uuid, "code", existing->code, code, error)) ||
              !update_lao_field (self, existing->uuid, "name", existing->name, lao->name, error) ||
              !update_lao_field (self, existing->uuid, "type", existing->type, lao->type, error) ||
              !update_lao_field (self, existing->uuid, "district", existing->district, lao->district ? lao->district : "", error) ||
              !update_lao_field (self, existing->uuid, "province", existing->province, lao->province ? lao->province : "", error))
            goto failed;
          if (changed)
            updated++;
        }
      else
        {
          g_autofree char *uuid = lao->uuid != NULL ? g_strdup (lao->uuid) : _esc_uuid_new ();
          sqlite3_stmt    *stmt;
          gint64           now = _esc_now ();

          stmt = prepare_cached (self,
                                 "INSERT INTO laos (uuid, code, name, type, district, province, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
          if (stmt == NULL)
            goto failed;
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
          _esc_bind_text_or_null (stmt, 2, code);
          sqlite3_bind_text (stmt, 3, lao->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, lao->type, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, lao->district ? lao->district : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, lao->province ? lao->province : "", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 7, now);
          sqlite3_bind_int64 (stmt, 8, now);
          if (!_esc_store_step_done (self, stmt, error))
            goto failed;
          if (!_esc_store_record_history (self, "lao", uuid, "created", NULL, lao->name, NULL, error))
            goto failed;
          added++;
        }
    }

  if (!_esc_store_commit (self, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = added;
  if (n_updated != NULL)
    *n_updated = updated;

  return TRUE;

failed:
  _esc_store_rollback (self);
  return FALSE;
}

GPtrArray *
esc_store_list_laos (EscStore *self,
                     GError  **error)
{
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT " LAO_COLUMNS " FROM laos ORDER BY province, district, name",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (laos, lao_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&laos);
}

EscLao *
esc_store_get_lao (EscStore   *self,
                   const char *uuid,
                   GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = _esc_store_prepare (self, "SELECT " LAO_COLUMNS " FROM laos WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return lao_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                 _ ("No local government with id %s in this workspace"), uuid);
  else
    _esc_store_set_error (self, rc, error);

  return NULL;
}

EscLao *
esc_store_find_lao (EscStore   *self,
                    const char *code_or_name,
                    GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    matches = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autoptr (GString)      names = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (code_or_name != NULL, NULL);

  /* Exact matches first, then a substring of the name. */
  stmt = _esc_store_prepare (self,
                             "SELECT " LAO_COLUMNS " FROM laos WHERE uuid = ?1 OR code = ?1 OR name = ?1 "
                             "ORDER BY name LIMIT 6",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code_or_name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (matches, lao_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  if (matches->len == 0 && *code_or_name != '\0')
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = _esc_store_prepare (self,
                                 "SELECT " LAO_COLUMNS " FROM laos WHERE instr(name, ?1) > 0 "
                                 "ORDER BY name LIMIT 6",
                                 error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, code_or_name, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (matches, lao_from_row (stmt));
      if (rc != SQLITE_DONE)
        {
          _esc_store_set_error (self, rc, error);
          return NULL;
        }
    }

  if (matches->len == 1)
    return g_ptr_array_steal_index (matches, 0);

  if (matches->len == 0)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                   _ ("No local government matches “%s”; check the code or name with “esc-cli laos list”"),
                   code_or_name);
      return NULL;
    }

  names = g_string_new (NULL);
  for (guint i = 0; i < MIN (matches->len, 5); i++)
    {
      const EscLao *lao = g_ptr_array_index (matches, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, lao->name);
      if (lao->district != NULL && *lao->district != '\0')
        g_string_append_printf (names, " (%s)", lao->district);
    }
  if (matches->len > 5)
    g_string_append (names, ", …");

  g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_AMBIGUOUS,
               _ ("“%s” matches several local governments: %s; give the full name or the code"),
               code_or_name, names->str);
  return NULL;
}

/* Assessments */

void
esc_assessment_free (EscAssessment *assessment)
{
  if (assessment == NULL)
    return;

  g_free (assessment->uuid);
  g_free (assessment->lao_uuid);
  g_free (assessment->framework_uuid);
  g_free (assessment->kind);
  g_free (assessment->assessor);
  g_free (assessment->status);
  g_free (assessment);
}

#define ASSESSMENT_COLUMNS "uuid, lao_uuid, fiscal_year, framework_uuid, kind, assessor, status, created_at, updated_at"

static EscAssessment *
assessment_from_row (sqlite3_stmt *stmt,
                     int           first)
{
  EscAssessment *assessment = g_new0 (EscAssessment, 1);

  assessment->uuid = _esc_column_dup (stmt, first + 0);
  assessment->lao_uuid = _esc_column_dup (stmt, first + 1);
  assessment->fiscal_year = sqlite3_column_int (stmt, first + 2);
  assessment->framework_uuid = _esc_column_dup (stmt, first + 3);
  assessment->kind = _esc_column_dup (stmt, first + 4);
  assessment->assessor = _esc_column_dup (stmt, first + 5);
  assessment->status = _esc_column_dup (stmt, first + 6);
  assessment->created_at = sqlite3_column_int64 (stmt, first + 7);
  assessment->updated_at = sqlite3_column_int64 (stmt, first + 8);

  return assessment;
}

char *
esc_store_create_assessment (EscStore   *self,
                             const char *lao_uuid,
                             int         fiscal_year,
                             const char *framework_uuid,
                             const char *kind,
                             const char *assessor,
                             GError    **error)
{
  g_autoptr (EscLao)       lao = NULL;
  g_autoptr (EscFramework) framework = NULL;
  g_autofree char         *default_framework = NULL;
  g_autofree char         *uuid = NULL;
  sqlite3_stmt            *stmt;
  gint64                   now;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (lao_uuid != NULL, NULL);

  if (kind == NULL)
    kind = "self";
  if (!g_str_equal (kind, "self") && !g_str_equal (kind, "review") && !g_str_equal (kind, "site"))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Unknown assessment kind “%s”; use self, review or site"), kind);
      return NULL;
    }
  if (fiscal_year < 2500 || fiscal_year > 2700)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Fiscal year %d is not a Buddhist-era year such as 2568"), fiscal_year);
      return NULL;
    }

  lao = esc_store_get_lao (self, lao_uuid, error);
  if (lao == NULL)
    return NULL;

  if (framework_uuid == NULL)
    {
      default_framework = esc_store_get_default_framework_uuid (self, error);
      if (default_framework == NULL)
        return NULL;
      framework_uuid = default_framework;
    }
  framework = esc_store_get_framework (self, framework_uuid, error);
  if (framework == NULL)
    return NULL;

  if (!_esc_store_begin (self, error))
    return NULL;

  uuid = _esc_uuid_new ();
  now = _esc_now ();
  stmt = prepare_cached (self,
                         "INSERT INTO assessments (" ASSESSMENT_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lao_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, fiscal_year);
  sqlite3_bind_text (stmt, 4, framework_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, assessor != NULL ? assessor : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!_esc_store_step_done (self, stmt, error))
    goto failed;
  if (!_esc_store_record_history (self, "assessment", uuid, "created", NULL, lao->name, NULL, error))
    goto failed;

  if (!_esc_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&uuid);

failed:
  _esc_store_rollback (self);
  return NULL;
}

EscAssessment *
esc_store_get_assessment (EscStore   *self,
                          const char *id,
                          GError    **error)
{
  sqlite3_stmt             *stmt;
  g_autoptr (EscAssessment) first = NULL;
  int                       rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (strlen (id) < 4)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Assessment id “%s” is too short; give at least 4 characters"), id);
      return NULL;
    }

  /* An exact id is the common case and uses the primary key. */
  stmt = prepare_cached (self, "SELECT " ASSESSMENT_COLUMNS " FROM assessments WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    first = assessment_from_row (stmt, 0);
  sqlite3_reset (stmt);
  if (first != NULL)
    return g_steal_pointer (&first);
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  stmt = prepare_cached (self,
                         "SELECT " ASSESSMENT_COLUMNS " FROM assessments "
                         "WHERE substr(uuid, 1, length(?1)) = ?1 LIMIT 2",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      first = assessment_from_row (stmt, 0);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return g_steal_pointer (&first);
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_AMBIGUOUS,
                       _ ("Assessment id “%s” matches several assessments; give more characters"), id);
          return NULL;
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                 _ ("No assessment with id “%s” in this workspace"), id);
  else
    _esc_store_set_error (self, rc, error);

  return NULL;
}

GPtrArray *
esc_store_list_assessments (EscStore   *self,
                            const char *lao_uuid,
                            GError    **error)
{
  g_autoptr (GPtrArray)    list = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_assessment_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT " ASSESSMENT_COLUMNS " FROM assessments "
                             "WHERE ?1 IS NULL OR lao_uuid = ?1 ORDER BY fiscal_year DESC, created_at DESC",
                             error);
  if (stmt == NULL)
    return NULL;
  _esc_bind_text_or_null (stmt, 1, lao_uuid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, assessment_from_row (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* Answers */

EscAnswer *
esc_answer_new (const char *item_code)
{
  EscAnswer *answer = g_new0 (EscAnswer, 1);

  answer->item_code = g_strdup (item_code);
  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    answer->values[i] = NAN;

  return answer;
}

void
esc_answer_free (EscAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->item_code);
  g_free (answer->checked);
  g_free (answer->note);
  g_free (answer->updated_by);
  g_free (answer);
}

void
esc_answer_change_init (EscAnswerChange *change,
                        const char      *item_code)
{
  memset (change, 0, sizeof *change);
  change->item_code = item_code;
}

void
esc_answer_change_set_value (EscAnswerChange *change,
                             const char      *key,
                             double           value)
{
  for (guint i = 0; i < change->n_values; i++)
    if (g_str_equal (change->keys[i], key))
      {
        change->values[i] = value;
        return;
      }

  g_return_if_fail (change->n_values < ESC_MAX_DIMENSIONS);

  change->keys[change->n_values] = key;
  change->values[change->n_values] = value;
  change->n_values++;
}

/* Index of key in item's values (a dimension, or "lpa" at 0), or -1. */
static int
value_index (const EscIndicator *item,
             const char         *key,
             gsize               key_length)
{
  if (item->method == ESC_SCORING_LPA)
    return key_length == 3 && strncmp (key, "lpa", 3) == 0 ? 0 : -1;

  for (guint i = 0; i < item->n_dimensions; i++)
    if (strncmp (item->dimensions[i].id, key, key_length) == 0 &&
        item->dimensions[i].id[key_length] == '\0')
      return (int) i;

  return -1;
}

static const char *
value_key (const EscIndicator *item,
           guint               index)
{
  return item->method == ESC_SCORING_LPA ? "lpa" : item->dimensions[index].id;
}

static guint
n_value_slots (const EscIndicator *item)
{
  return item->method == ESC_SCORING_LPA ? 1 : MIN (item->n_dimensions, ESC_MAX_DIMENSIONS);
}

/* Points are short decimals such as 8 or 12.5: read those directly (this runs for
 * every answer when all totals are computed) and leave anything else to GLib. Up to
 * 15 digits fit a double's mantissa exactly, so one division by an exact power of ten
 * rounds once, to the same double as g_ascii_strtod(). */
#define IS_DIGIT(c) ((guint) ((c) - '0') < 10)

static double
parse_number (const char *text,
              char      **end)
{
  static const double powers_of_ten[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };
  const char *p = text;
  guint64     mantissa = 0;
  guint       n_digits = 0;
  guint       n_decimals = 0;
  double      value;
  gboolean    negative = FALSE;

  if (*p == '-')
    negative = TRUE, p++;
  if (!IS_DIGIT (*p))
    return g_ascii_strtod (text, end);
  for (; IS_DIGIT (*p); p++, n_digits++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (*p == '.')
    for (p++; IS_DIGIT (*p); p++, n_digits++, n_decimals++)
      mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (*p == 'e' || *p == 'E' || n_digits > 15)
    return g_ascii_strtod (text, end);

  value = (double) mantissa / powers_of_ten[n_decimals];
  *end = (char *) p;
  return negative ? -value : value;
}

/* Reads the scores column, {"process":8,"output":5}, into values[] by the item's
 * dimension order. The store writes this form itself; anything else is skipped. */
static void
parse_scores (const EscIndicator *item,
              const char         *text,
              double             *values)
{
  const char *p = text;
  guint       guess = 0;

  if (p == NULL)
    return;

  for (;;)
    {
      const char *key;
      char       *end = NULL;
      double      value;
      int         index = -1;

      while (*p != '"' && *p != '\0')
        p++;
      if (*p == '\0')
        return;
      key = ++p;

      /* format_scores() writes the keys in the item's order, so this is mostly the next
       * one: compare it whole rather than look for its end first. */
      if (guess < n_value_slots (item))
        {
          const char *id = value_key (item, guess);
          const char *k = key;

          while (*id != '\0' && *id == *k)
            id++, k++;
          if (*id == '\0' && *k == '"')
            index = (int) guess, p = k;
        }
      if (index < 0)
        {
          while (*p != '"' && *p != '\0')
            p++;
          if (*p == '\0')
            return;
          index = value_index (item, key, (gsize) (p - key));
        }
      p++;
      while (*p == ' ' || *p == ':')
        p++;
      value = parse_number (p, &end);
      if (end == p)
        return;
      p = end;

      if (index >= 0 && isfinite (value))
        values[index] = value;
      if (index >= 0)
        guess = (guint) index + 1;
    }
}

static char *
format_scores (const EscIndicator *item,
               const double       *values)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < n_value_slots (item); i++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      if (isnan (values[i]))
        continue;
      if (text->len > 1)
        g_string_append_c (text, ',');
      g_string_append_printf (text, "\"%s\":%s", value_key (item, i),
                              g_ascii_formatd (number, sizeof number, "%.15g", values[i]));
    }
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

/* Answers of one assessment, found by the item's index in its framework; codes the
 * framework does not know (a file from another framework version) by a table.
 *
 * esc_store_load_answers() hands its answers over. A pass over every assessment
 * (esc_store_foreach_assessment()) lends them to its callback instead and reuses them for
 * the next assessment: one answer per item of the framework, their text in one chunk, so
 * reading the 7,850 assessments of the whole country is not a million mallocs and frees. */
typedef struct
{
  EscFramework        *framework;
  guint                n_items;
  GPtrArray           *answers;
  EscAnswer          **by_item;
  GHashTable          *unknown;
  /* Lending only */
  EscAnswer           *slots;   /* the answers of the framework's items, by item */
  GPtrArray           *others;  /* the answers of codes it does not know */
  GStringChunk        *strings; /* the text of the answers lent */
  const EscIndicator **by_code; /* the items in code order, the order of the rows */
  guint                cursor;
} AnswerSet;

static void
answer_set_init (AnswerSet    *set,
                 EscFramework *framework)
{
  memset (set, 0, sizeof *set);
  set->framework = framework;
  set->n_items = esc_framework_get_n_items (framework);
  set->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_answer_free);
  set->by_item = g_new0 (EscAnswer *, set->n_items);
}

static GPtrArray *
answer_set_finish (AnswerSet *set)
{
  g_clear_pointer (&set->by_item, g_free);
  g_clear_pointer (&set->unknown, g_hash_table_unref);
  return g_steal_pointer (&set->answers);
}

static void
answer_set_init_lending (AnswerSet *set)
{
  memset (set, 0, sizeof *set);
  set->answers = g_ptr_array_new ();
  set->others = g_ptr_array_new_with_free_func (g_free);
  set->strings = g_string_chunk_new (4096);
}

static int
compare_item_codes (gconstpointer a,
                    gconstpointer b)
{
  const EscIndicator *x = *(const EscIndicator *const *) a;
  const EscIndicator *y = *(const EscIndicator *const *) b;

  return strcmp (x->code, y->code);
}

/* Lending: the framework of the next assessment; the answers must have been returned. */
static void
answer_set_use_framework (AnswerSet    *set,
                          EscFramework *framework)
{
  if (set->framework == framework)
    return;

  set->framework = framework;
  set->n_items = esc_framework_get_n_items (framework);
  g_free (set->by_item);
  set->by_item = g_new0 (EscAnswer *, set->n_items);
  g_free (set->slots);
  set->slots = g_new (EscAnswer, MAX (set->n_items, 1));
  g_free (set->by_code);
  set->by_code = g_new (const EscIndicator *, MAX (set->n_items, 1));
  for (guint i = 0; i < set->n_items; i++)
    set->by_code[i] = esc_framework_get_item (framework, i);
  qsort (set->by_code, set->n_items, sizeof *set->by_code, compare_item_codes);
}

/* Lending: the answers for the callback, in the framework's order, which scoring walks;
 * those of codes the framework does not know last, in the order of their rows. */
static GPtrArray *
answer_set_lend (AnswerSet *set)
{
  GPtrArray *answers = set->answers;
  guint      n = 0;

  for (guint i = 0; i < set->n_items; i++)
    n += set->by_item[i] != NULL;
  g_ptr_array_set_size (answers, n + set->others->len);

  n = 0;
  for (guint i = 0; i < set->n_items; i++)
    if (set->by_item[i] != NULL)
      answers->pdata[n++] = set->by_item[i];
  for (guint i = 0; i < set->others->len; i++)
    answers->pdata[n++] = set->others->pdata[i];

  return answers;
}

/* Lending: takes the answers back from the callback for the next assessment. */
static void
answer_set_return (AnswerSet *set)
{
  g_ptr_array_set_size (set->answers, 0);
  memset (set->by_item, 0, set->n_items * sizeof *set->by_item);
  if (set->others->len > 0)
    {
      g_ptr_array_set_size (set->others, 0);
      g_hash_table_remove_all (set->unknown);
    }
  g_string_chunk_clear (set->strings);
  set->cursor = 0;
}

static void
answer_set_clear_lending (AnswerSet *set)
{
  g_clear_pointer (&set->answers, g_ptr_array_unref);
  g_clear_pointer (&set->others, g_ptr_array_unref);
  g_clear_pointer (&set->strings, g_string_chunk_free);
  g_clear_pointer (&set->by_item, g_free);
  g_clear_pointer (&set->slots, g_free);
  g_clear_pointer (&set->by_code, g_free);
  g_clear_pointer (&set->unknown, g_hash_table_unref);
}

/* The framework's item of this code: the rows and links come in code order, so a lending
 * set walks its sorted items alongside them before it asks the framework's table. */
static const EscIndicator *
answer_set_find_item (AnswerSet  *set,
                      const char *code)
{
  if (set->by_code != NULL)
    {
      int order = -1;

      while (set->cursor < set->n_items &&
             (order = strcmp (set->by_code[set->cursor]->code, code)) < 0)
        set->cursor++;
      if (order == 0)
        return set->by_code[set->cursor++];
    }

  return esc_framework_lookup_indicator (set->framework, code);
}

static char *
answer_set_dup (AnswerSet    *set,
                sqlite3_stmt *stmt,
                int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  if (set->strings == NULL)
    return g_strdup (text);

  return g_string_chunk_insert_len (set->strings, text, sqlite3_column_bytes (stmt, column));
}

static void
answer_init (EscAnswer *answer,
             char      *item_code)
{
  memset (answer, 0, sizeof *answer);
  answer->item_code = item_code;
  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    answer->values[i] = NAN;
}

/* The answer of item_code (item, when the framework knows it), added when there is none. */
static EscAnswer *
lookup_answer (AnswerSet          *set,
               const char         *item_code,
               const EscIndicator *item)
{
  EscAnswer *answer;

  if (item != NULL && item->item_index < set->n_items)
    {
      answer = set->by_item[item->item_index];
      if (answer != NULL)
        return answer;

      if (set->slots != NULL)
        {
          /* The framework outlives the loan. */
          answer = &set->slots[item->item_index];
          answer_init (answer, item->code);
        }
      else
        {
          answer = esc_answer_new (item_code);
          g_ptr_array_add (set->answers, answer);
        }
      set->by_item[item->item_index] = answer;
      return answer;
    }

  if (set->unknown == NULL)
    set->unknown = g_hash_table_new (g_str_hash, g_str_equal);
  answer = g_hash_table_lookup (set->unknown, item_code);
  if (answer != NULL)
    return answer;

  if (set->others != NULL)
    {
      answer = g_new (EscAnswer, 1);
      answer_init (answer, g_string_chunk_insert (set->strings, item_code));
      g_ptr_array_add (set->others, answer);
    }
  else
    {
      answer = esc_answer_new (item_code);
      g_ptr_array_add (set->answers, answer);
    }
  g_hash_table_insert (set->unknown, answer->item_code, answer);

  return answer;
}

/* Fills an answer from a row of (item_code, scores, checked, note, updated_by, updated_at),
 * or of (item_code, scores) when the flags say scores only. */
static EscAnswer *
answer_from_row (AnswerSet           *set,
                 sqlite3_stmt        *stmt,
                 int                  first,
                 EscStoreAnswersFlags flags)
{
  const char         *code = (const char *) sqlite3_column_text (stmt, first);
  const EscIndicator *item;
  EscAnswer          *answer;

  if (code == NULL)
    code = "";
  item = answer_set_find_item (set, code);
  answer = lookup_answer (set, code, item);
  if (item != NULL && item->method != ESC_SCORING_PARTS)
    parse_scores (item, (const char *) sqlite3_column_text (stmt, first + 1), answer->values);
  if (flags & ESC_STORE_ANSWERS_SCORES_ONLY)
    return answer;
  answer->checked = answer_set_dup (set, stmt, first + 2);
  answer->note = answer_set_dup (set, stmt, first + 3);
  answer->updated_by = answer_set_dup (set, stmt, first + 4);
  answer->updated_at = sqlite3_column_int64 (stmt, first + 5);

  return answer;
}

/* Counts the evidence of a row of (item_code, count). */
static void
links_from_row (AnswerSet    *set,
                sqlite3_stmt *stmt,
                int           first)
{
  const char *code = (const char *) sqlite3_column_text (stmt, first);

  if (code == NULL)
    code = "";
  lookup_answer (set, code, answer_set_find_item (set, code))->n_links =
    (guint) sqlite3_column_int (stmt, first + 1);
}

GPtrArray *
esc_store_load_answers (EscStore   *self,
                        const char *assessment_uuid,
                        GError    **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (EscFramework)  framework = NULL;
  g_autoptr (GPtrArray)     failed_answers = NULL;
  AnswerSet                 set;
  sqlite3_stmt             *stmt;
  int                       rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (assessment_uuid != NULL, NULL);

  assessment = esc_store_get_assessment (self, assessment_uuid, error);
  if (assessment == NULL)
    return NULL;
  framework = esc_store_get_framework (self, assessment->framework_uuid, error);
  if (framework == NULL)
    return NULL;

  if (!exec_sql (self, "SAVEPOINT load_answers", error))
    return NULL;
  answer_set_init (&set, framework);

  stmt = prepare_cached (self,
                         "SELECT item_code, scores, checked, note, updated_by, updated_at FROM answers "
                         "WHERE assessment_uuid = ?",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, assessment->uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    answer_from_row (&set, stmt, 0, ESC_STORE_ANSWERS_ALL);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed_rc;

  stmt = prepare_cached (self,
                         "SELECT item_code, count(*) FROM links WHERE assessment_uuid = ? GROUP BY item_code",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, assessment->uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    links_from_row (&set, stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed_rc;

  exec_sql (self, "RELEASE load_answers", NULL);
  return answer_set_finish (&set);

failed_rc:
  _esc_store_set_error (self, rc, error);
failed:
  failed_answers = answer_set_finish (&set);
  sqlite3_exec (self->db, "ROLLBACK TO load_answers; RELEASE load_answers", NULL, NULL, NULL);
  return NULL;
}

/* Steps a cursor ordered by assessment (its column 0) to the rows of uuid; FALSE when it
 * has none. *rc is the cursor's last step: SQLITE_ROW while it has rows. */
static gboolean
seek_assessment (sqlite3_stmt *stmt,
                 int          *rc,
                 const char   *uuid)
{
  while (*rc == SQLITE_ROW)
    {
      const char *row_uuid = (const char *) sqlite3_column_text (stmt, 0);
      int         order = row_uuid != NULL ? strcmp (row_uuid, uuid) : -1;

      if (order == 0)
        return TRUE;
      if (order > 0)
        return FALSE;
      *rc = sqlite3_step (stmt);
    }

  return FALSE;
}

gboolean
esc_store_foreach_assessment (EscStore      *self,
                              int            fiscal_year,
                              EscAnswersFunc func,
                              gpointer       user_data,
                              GError       **error)
{
  return esc_store_foreach_assessment_full (self, fiscal_year, ESC_STORE_ANSWERS_ALL, func,
                                            user_data, error);
}

gboolean
esc_store_foreach_assessment_full (EscStore            *self,
                                   int                  fiscal_year,
                                   EscStoreAnswersFlags flags,
                                   EscAnswersFunc       func,
                                   gpointer             user_data,
                                   GError             **error)
{
  g_autoptr (sqlite3_stmt) laos_stmt = NULL;
  g_autoptr (sqlite3_stmt) assessments = NULL;
  g_autoptr (sqlite3_stmt) answers_stmt = NULL;
  g_autoptr (sqlite3_stmt) links = NULL;
  g_autoptr (GHashTable)   laos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) esc_lao_free);
  g_autoptr (EscFramework) framework = NULL;
  g_autofree char         *framework_uuid = NULL;
  AnswerSet                set;
  int                      answers_rc;
  int                      links_rc;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* One read transaction, so the pass sees one consistent state. Three cursors
   * walk in assessment order and are joined here. */
  if (!exec_sql (self, "SAVEPOINT foreach_assessment", error))
    return FALSE;
  answer_set_init_lending (&set);

  /* The local governments are read in one sequential scan, not looked up two b-trees deep
   * for each assessment: for the whole country that halves the time of this part. */
  laos_stmt = _esc_store_prepare (self, "SELECT " LAO_COLUMNS " FROM laos", error);
  if (laos_stmt == NULL)
    goto failed;
  while ((rc = sqlite3_step (laos_stmt)) == SQLITE_ROW)
    {
      EscLao *lao = lao_from_row (laos_stmt);

      g_hash_table_insert (laos, lao->uuid, lao);
    }
  if (rc != SQLITE_DONE)
    goto failed_rc;

  assessments = _esc_store_prepare (self,
                                    "SELECT " ASSESSMENT_COLUMNS " FROM assessments "
                                    "WHERE ?1 = 0 OR fiscal_year = ?1 ORDER BY uuid",
                                    error);
  /* Scores only: the columns after them are not even decoded. */
  answers_stmt = _esc_store_prepare (self,
                                     (flags & ESC_STORE_ANSWERS_SCORES_ONLY)
                                       ? "SELECT assessment_uuid, item_code, scores "
                                         "FROM answers ORDER BY assessment_uuid, item_code"
                                       : "SELECT assessment_uuid, item_code, scores, checked, note, updated_by, updated_at "
                                         "FROM answers ORDER BY assessment_uuid, item_code",
                                     error);
  links = _esc_store_prepare (self,
                              "SELECT assessment_uuid, item_code, count(*) FROM links "
                              "GROUP BY assessment_uuid, item_code ORDER BY assessment_uuid, item_code",
                              error);
  if (assessments == NULL || answers_stmt == NULL || links == NULL)
    goto failed;
  sqlite3_bind_int (assessments, 1, fiscal_year);

  answers_rc = sqlite3_step (answers_stmt);
  links_rc = sqlite3_step (links);

  while ((rc = sqlite3_step (assessments)) == SQLITE_ROW)
    {
      g_autoptr (EscAssessment) assessment = assessment_from_row (assessments, 0);
      const EscLao             *lao = g_hash_table_lookup (laos, assessment->lao_uuid);

      if (lao == NULL)
        continue; /* cannot be while foreign keys hold; its rows are skipped as others' */

      /* Assessments mostly share one framework. */
      if (framework == NULL || g_strcmp0 (framework_uuid, assessment->framework_uuid) != 0)
        {
          g_clear_object (&framework);
          framework = esc_store_get_framework (self, assessment->framework_uuid, error);
          if (framework == NULL)
            goto failed;
          g_free (framework_uuid);
          framework_uuid = g_strdup (assessment->framework_uuid);
          answer_set_use_framework (&set, framework);
        }

      if (seek_assessment (answers_stmt, &answers_rc, assessment->uuid))
        do
          {
            answer_from_row (&set, answers_stmt, 1, flags);
            answers_rc = sqlite3_step (answers_stmt);
          }
        while (seek_assessment (answers_stmt, &answers_rc, assessment->uuid));

      set.cursor = 0;
      if (seek_assessment (links, &links_rc, assessment->uuid))
        do
          {
            links_from_row (&set, links, 1);
            links_rc = sqlite3_step (links);
          }
        while (seek_assessment (links, &links_rc, assessment->uuid));

      /* A read that failed (a damaged file, a stick pulled out) fails the pass: the
       * callback never sees an assessment with part of its answers. */
      if (answers_rc != SQLITE_ROW && answers_rc != SQLITE_DONE)
        {
          rc = answers_rc;
          goto failed_rc;
        }
      if (links_rc != SQLITE_ROW && links_rc != SQLITE_DONE)
        {
          rc = links_rc;
          goto failed_rc;
        }

      func (assessment, lao, answer_set_lend (&set), user_data);
      answer_set_return (&set);
    }
  if (rc != SQLITE_DONE)
    goto failed_rc;

  answer_set_clear_lending (&set);
  g_clear_pointer (&laos_stmt, sqlite3_finalize);
  g_clear_pointer (&assessments, sqlite3_finalize);
  g_clear_pointer (&answers_stmt, sqlite3_finalize);
  g_clear_pointer (&links, sqlite3_finalize);
  exec_sql (self, "RELEASE foreach_assessment", NULL);
  return TRUE;

failed_rc:
  _esc_store_set_error (self, rc, error);
failed:
  answer_set_clear_lending (&set);
  g_clear_pointer (&laos_stmt, sqlite3_finalize);
  g_clear_pointer (&assessments, sqlite3_finalize);
  g_clear_pointer (&answers_stmt, sqlite3_finalize);
  g_clear_pointer (&links, sqlite3_finalize);
  sqlite3_exec (self->db, "ROLLBACK TO foreach_assessment; RELEASE foreach_assessment", NULL, NULL, NULL);
  return FALSE;
}

static char *
format_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* "3, 1,3" → "1,3", checked against the number of criteria. */
static char *
normalize_checked (const EscIndicator *item,
                   const char         *checked,
                   GError            **error)
{
  g_auto (GStrv)      parts = g_strsplit (checked, ",", -1);
  g_autoptr (GArray)  numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GString) result = g_string_new (NULL);
  guint               n_criteria = item->n_criteria;

  if (item->parent != NULL && n_criteria == 0)
    n_criteria = item->parent->n_criteria;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (parts[i]));
      guint64          number;

      if (*text == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (text, 10, 1, MAX (n_criteria, 1), &number, NULL) ||
          number > n_criteria)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("Indicator %s has criteria 1 to %u; “%s” is not one of them"),
                       item->code, n_criteria, text);
          return NULL;
        }
      {
        guint value = (guint) number;

        g_array_append_val (numbers, value);
      }
    }

  g_array_sort (numbers, compare_uint);
  for (guint i = 0; i < numbers->len; i++)
    {
      guint n = g_array_index (numbers, guint, i);

      if (i > 0 && n == g_array_index (numbers, guint, i - 1))
        continue;
      if (result->len > 0)
        g_string_append_c (result, ',');
      g_string_append_printf (result, "%u", n);
    }

  return g_string_free (g_steal_pointer (&result), FALSE);
}

static gboolean
validate_change (EscFramework          *framework,
                 const EscAnswerChange *change,
                 const EscIndicator   **item_out,
                 GError               **error)
{
  const EscIndicator *item;

  item = esc_framework_lookup_indicator (framework, change->item_code);
  if (item == NULL)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("There is no indicator “%s” in framework %s"),
                   change->item_code, esc_framework_get_id (framework));
      return FALSE;
    }
  if (item->method == ESC_SCORING_PARTS)
    {
      g_autoptr (GString) parts = g_string_new (NULL);

      for (guint i = 0; i < item->n_parts; i++)
        g_string_append_printf (parts, "%s%s", i > 0 ? ", " : "", item->parts[i]->code);
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Indicator %s is scored through its parts; enter %s instead"),
                   item->code, parts->str);
      return FALSE;
    }

  for (guint i = 0; i < change->n_values; i++)
    {
      const char *key = change->keys[i];
      double      value = change->values[i];
      int         index = value_index (item, key, strlen (key));
      double      max;

      if (index < 0)
        {
          if (item->method == ESC_SCORING_LPA)
            g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                         _ ("Indicator %s takes its score from the LPA result; enter the LPA percentage instead of “%s”"),
                         item->code, key);
          else
            g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                         _ ("Indicator %s has no scoring dimension “%s”"), item->code, key);
          return FALSE;
        }
      if (isnan (value))
        continue;

      max = item->method == ESC_SCORING_LPA ? 100.0 : item->dimensions[index].max;
      if (!isfinite (value) || value < 0 || value > max)
        {
          if (item->method == ESC_SCORING_LPA)
            g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                         _ ("The LPA result of indicator %s must be a percentage from 0 to 100, not %g"),
                         item->code, value);
          else
            g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                         _ ("Indicator %s, %s: %g points is above the maximum of %g (or below 0)"),
                         item->code, key, value, max);
          return FALSE;
        }
    }

  if (change->note != NULL)
    {
      if (!g_utf8_validate (change->note, -1, NULL))
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("The note of indicator %s is not valid UTF-8 text"), item->code);
          return FALSE;
        }
      if (g_utf8_strlen (change->note, -1) > MAX_NOTE_LENGTH)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("The note of indicator %s is longer than %d characters; shorten it"),
                       item->code, MAX_NOTE_LENGTH);
          return FALSE;
        }
    }

  *item_out = item;
  return TRUE;
}

gboolean
esc_store_apply_answer (EscStore              *self,
                        const char            *assessment_uuid,
                        const EscAnswerChange *change,
                        const char            *reason,
                        GError               **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (EscFramework)  framework = NULL;
  g_autofree char          *answer_uuid = NULL;
  g_autofree char          *old_checked = NULL;
  g_autofree char          *old_note = NULL;
  g_autofree char          *new_checked = NULL;
  g_autofree char          *scores = NULL;
  const EscIndicator       *item = NULL;
  double                    values[ESC_MAX_DIMENSIONS];
  sqlite3_stmt             *stmt;
  gboolean                  changed = FALSE;
  gboolean                  scores_changed = FALSE;
  gint64                    now = _esc_now ();
  int                       rc;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (assessment_uuid != NULL, FALSE);
  g_return_val_if_fail (change != NULL && change->item_code != NULL, FALSE);

  assessment = esc_store_get_assessment (self, assessment_uuid, error);
  if (assessment == NULL)
    return FALSE;
  framework = esc_store_get_framework (self, assessment->framework_uuid, error);
  if (framework == NULL)
    return FALSE;
  if (!validate_change (framework, change, &item, error))
    return FALSE;
  if (change->checked != NULL)
    {
      new_checked = normalize_checked (item, change->checked, error);
      if (new_checked == NULL)
        return FALSE;
    }

  if (!_esc_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    values[i] = NAN;

  stmt = prepare_cached (self,
                         "SELECT uuid, scores, checked, note FROM answers WHERE assessment_uuid = ? AND item_code = ?",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, assessment->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, item->code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      answer_uuid = _esc_column_dup (stmt, 0);
      parse_scores (item, (const char *) sqlite3_column_text (stmt, 1), values);
      old_checked = _esc_column_dup (stmt, 2);
      old_note = _esc_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      goto failed;
    }

  if (answer_uuid == NULL)
    answer_uuid = _esc_uuid_new ();

  for (guint i = 0; i < change->n_values; i++)
    {
      int              index = value_index (item, change->keys[i], strlen (change->keys[i]));
      g_autofree char *old_text = format_value (values[index]);
      g_autofree char *new_text = format_value (change->values[i]);

      if (g_strcmp0 (old_text, new_text) == 0)
        continue;

      values[index] = change->values[i];
      scores_changed = TRUE;
      if (!_esc_store_record_history (self, "answer", answer_uuid, change->keys[i], old_text, new_text, reason, error))
        goto failed;
    }

  if (change->note != NULL && g_strcmp0 (change->note, old_note ? old_note : "") != 0)
    {
      if (!_esc_store_record_history (self, "answer", answer_uuid, "note", old_note, change->note, reason, error))
        goto failed;
      g_free (old_note);
      old_note = *change->note != '\0' ? g_strdup (change->note) : NULL;
      changed = TRUE;
    }

  if (new_checked != NULL && g_strcmp0 (new_checked, old_checked ? old_checked : "") != 0)
    {
      if (!_esc_store_record_history (self, "answer", answer_uuid, "checked", old_checked, new_checked, reason, error))
        goto failed;
      g_free (old_checked);
      old_checked = *new_checked != '\0' ? g_strdup (new_checked) : NULL;
      changed = TRUE;
    }

  if (!changed && !scores_changed)
    return _esc_store_commit (self, error);

  scores = format_scores (item, values);
  stmt = prepare_cached (self,
                         "INSERT INTO answers (assessment_uuid, item_code, uuid, scores, checked, updated_by, updated_at, note) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                         "ON CONFLICT (assessment_uuid, item_code) DO UPDATE SET "
                         "scores = excluded.scores, checked = excluded.checked, updated_by = excluded.updated_by, "
                         "updated_at = excluded.updated_at, note = excluded.note",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, assessment->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, item->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, answer_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, scores, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 5, old_checked);
  sqlite3_bind_text (stmt, 6, self->author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  _esc_bind_text_or_null (stmt, 8, old_note);
  if (!_esc_store_step_done (self, stmt, error))
    goto failed;

  stmt = prepare_cached (self, "UPDATE assessments SET updated_at = ? WHERE uuid = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, assessment->uuid, -1, SQLITE_STATIC);
  if (!_esc_store_step_done (self, stmt, error))
    goto failed;

  return _esc_store_commit (self, error);

failed:
  _esc_store_rollback (self);
  return FALSE;
}
