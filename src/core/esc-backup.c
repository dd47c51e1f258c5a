/* esc-backup.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where backups live, their names, how many are kept; the copying itself is SQL and lives in
 * esc-store-backup.c.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc-backup-private.h"
#include "esc-backup.h"

#define BACKUP_SUFFIX ".esca"
#define TMP_SUFFIX ".partial"
/* A partial copy older than this was left by a process that died. */
#define STALE_PARTIAL_USEC ((gint64) G_USEC_PER_SEC * 3600)

void
esc_backup_free (EscBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->reason);
  g_clear_pointer (&backup->created, g_date_time_unref);
  g_free (backup);
}

static char *
absolute_path (const char *path)
{
  char *real = realpath (path, NULL);
  char *result;

  if (real == NULL)
    return g_canonicalize_filename (path, NULL);
  result = g_strdup (real);
  free (real);
  return result;
}

char *
esc_backup_get_folder (const char *workspace_path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *base = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  const char      *root = g_getenv ("ESC_BACKUP_DIR");
  g_autofree char *default_root = NULL;

  g_return_val_if_fail (workspace_path != NULL, NULL);

  absolute = absolute_path (workspace_path);
  base = g_path_get_basename (absolute);
  if (g_str_has_suffix (base, BACKUP_SUFFIX) && strlen (base) > strlen (BACKUP_SUFFIX))
    base[strlen (base) - strlen (BACKUP_SUFFIX)] = '\0';
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  hash[12] = '\0';
  name = g_strdup_printf ("%s-%s", base, hash);

  if (root == NULL || *root == '\0')
    {
      default_root = g_build_filename (g_get_user_data_dir (), "esc-assessor", "backups", NULL);
      root = default_root;
    }

  return g_build_filename (root, name, NULL);
}

/* "20261127T172130.123456Z-daily.esca": sorts by time, says why it was made. */
static EscBackup *
parse_backup_name (const char *folder,
                   const char *name)
{
  g_autoptr (EscBackup) backup = NULL;
  g_autofree char      *stamp = NULL;
  g_autofree char      *iso = NULL;
  const char           *dash;
  GStatBuf              st;

  if (!g_str_has_suffix (name, BACKUP_SUFFIX))
    return NULL;
  dash = strchr (name, '-');
  if (dash == NULL || dash - name != 23)
    return NULL;

  stamp = g_strndup (name, 23);
  /* 20261127T172130.123456Z → 2026-11-27T17:21:30.123456Z */
  iso = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%s", stamp, stamp + 4, stamp + 6,
                         stamp + 9, stamp + 11, stamp + 13, stamp + 15);

  backup = g_new0 (EscBackup, 1);
  backup->created = g_date_time_new_from_iso8601 (iso, NULL);
  if (backup->created == NULL)
    return NULL;
  backup->reason = g_strndup (dash + 1, strlen (dash + 1) - strlen (BACKUP_SUFFIX));
  backup->path = g_build_filename (folder, name, NULL);
  if (g_stat (backup->path, &st) == 0)
    backup->size = st.st_size;

  return g_steal_pointer (&backup);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const EscBackup *x = *(EscBackup *const *) a;
  const EscBackup *y = *(EscBackup *const *) b;

  /* The names sort by time; compare them so equal times still order the same way. */
  return -g_strcmp0 (x->path, y->path);
}

static GPtrArray *
list_folder (const char *folder,
             GError    **error)
{
  g_autoptr (GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_backup_free);
  g_autoptr (GError)    local_error = NULL;
  g_autoptr (GDir)      dir = NULL;
  const char           *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("The backup folder could not be read: %s"), local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      EscBackup *backup = parse_backup_name (folder, name);

      if (backup != NULL)
        g_ptr_array_add (backups, backup);
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

GPtrArray *
esc_backup_list (const char *workspace_path,
                 GError    **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (workspace_path != NULL, NULL);

  folder = esc_backup_get_folder (workspace_path);
  return list_folder (folder, error);
}

static void
prune_folder (const char *folder)
{
  g_autoptr (GPtrArray) backups = list_folder (folder, NULL);
  g_autoptr (GDir)      dir = NULL;
  const char           *name;

  for (guint i = ESC_BACKUP_KEEP; backups != NULL && i < backups->len; i++)
    {
      EscBackup *backup = g_ptr_array_index (backups, i);

      g_unlink (backup->path);
    }

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf         st;

      if (!g_str_has_suffix (name, TMP_SUFFIX))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) == 0 &&
          (gint64) st.st_mtime * G_USEC_PER_SEC < g_get_real_time () - STALE_PARTIAL_USEC)
        g_unlink (path);
    }
}

static char *
new_backup_name (const char *reason)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char      *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");

  return g_strdup_printf ("%s.%06dZ-%s" BACKUP_SUFFIX, stamp,
                          g_date_time_get_microsecond (now), reason);
}

char *
esc_backup_create (EscStore   *store,
                   const char *reason,
                   GError    **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);
  g_return_val_if_fail (reason != NULL && strchr (reason, '/') == NULL, NULL);

  folder = esc_backup_get_folder (esc_store_get_path (store));
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ESC_STORE_ERROR,
                   saved_errno == ENOSPC ? ESC_STORE_ERROR_FULL : ESC_STORE_ERROR_IO,
                   _ ("The backup folder “%s” could not be made: %s"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }

  name = new_backup_name (reason);
  path = g_build_filename (folder, name, NULL);
  /* Copy under a temporary name first: a copy cut short is never taken for a backup. */
  partial = g_strconcat (path, TMP_SUFFIX, NULL);
  g_unlink (partial);

  if (!_esc_store_backup_to_file (store, partial, error))
    {
      g_unlink (partial);
      return NULL;
    }

  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("The backup “%s” could not be saved: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  prune_folder (folder);
  return g_steal_pointer (&path);
}

gboolean
esc_backup_create_daily (EscStore *store,
                         char    **created_path,
                         GError  **error)
{
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (ESC_IS_STORE (store), FALSE);

  if (created_path != NULL)
    *created_path = NULL;

  backups = esc_backup_list (esc_store_get_path (store), error);
  if (backups == NULL)
    return FALSE;

  if (backups->len > 0)
    {
      EscBackup            *newest = g_ptr_array_index (backups, 0);
      g_autoptr (GDateTime) local = g_date_time_to_local (newest->created);

      if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
        return TRUE;
    }

  {
    g_autofree char *path = esc_backup_create (store, "daily", error);

    if (path == NULL)
      return FALSE;
    if (created_path != NULL)
      *created_path = g_steal_pointer (&path);
  }

  return TRUE;
}

static gboolean
move_aside (const char *workspace_path,
            char      **moved_to,
            GError    **error)
{
  g_autoptr (GDateTime)    now = g_date_time_new_now_local ();
  g_autofree char         *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char         *aside = g_strdup_printf ("%s.damaged-%s", workspace_path, stamp);
  static const char *const suffixes[] = { "-wal", "-journal" };

  if (g_rename (workspace_path, aside) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_IO,
                   _ ("The damaged workspace could not be moved aside: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (workspace_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      g_rename (from, to);
    }
  {
    g_autofree char *shm = g_strconcat (workspace_path, "-shm", NULL);

    g_unlink (shm);
  }

  if (moved_to != NULL && g_file_test (aside, G_FILE_TEST_EXISTS))
    *moved_to = g_steal_pointer (&aside);
  return TRUE;
}

/* Copies the backup file to path through a temporary name, so path is either the old file
 * or the whole backup. */
static gboolean
copy_into_place (const char *backup_path,
                 const char *workspace_path,
                 GError    **error)
{
  g_autoptr (GFile)  src = g_file_new_for_path (backup_path);
  g_autoptr (GFile)  dest = NULL;
  g_autofree char   *partial = g_strconcat (workspace_path, TMP_SUFFIX, NULL);
  g_autoptr (GError) local_error = NULL;

  dest = g_file_new_for_path (partial);
  if (!g_file_copy (src, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error) ||
      g_rename (partial, workspace_path) != 0)
    {
      g_unlink (partial);
      g_set_error (error, ESC_STORE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                     ? ESC_STORE_ERROR_FULL
                     : ESC_STORE_ERROR_IO,
                   _ ("The backup could not be copied into place: %s"),
                   local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
esc_backup_restore (const char *workspace_path,
                    const char *backup_path,
                    char      **safety_path,
                    GError    **error)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   open_error = NULL;

  g_return_val_if_fail (workspace_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (safety_path != NULL)
    *safety_path = NULL;

  if (!_esc_store_check_backup_file (backup_path, error))
    return FALSE;

  store = esc_store_open (workspace_path, ESC_STORE_OPEN_DEFAULT, &open_error);
  if (store != NULL)
    {
      g_autofree char *saved = NULL;

      if (esc_store_is_read_only (store))
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY,
                       _ ("The workspace is read-only: copy it to a writable folder to restore a backup into it"));
          return FALSE;
        }

      /* The content being replaced becomes a backup itself, so a restore can be undone. */
      saved = esc_backup_create (store, "restore", error);
      if (saved == NULL)
        return FALSE;
      if (!_esc_store_restore_from_file (store, backup_path, error))
        return FALSE;
      if (safety_path != NULL)
        *safety_path = g_steal_pointer (&saved);
      return TRUE;
    }

  if (g_error_matches (open_error, ESC_STORE_ERROR, ESC_STORE_ERROR_TOO_NEW) ||
      g_error_matches (open_error, ESC_STORE_ERROR, ESC_STORE_ERROR_BUSY) ||
      g_error_matches (open_error, ESC_STORE_ERROR, ESC_STORE_ERROR_READ_ONLY))
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }

  /* The workspace does not open (damaged, not a workspace, missing): keep it aside and put
   * the backup in its place. */
  if (!move_aside (workspace_path, safety_path, error))
    return FALSE;
  return copy_into_place (backup_path, workspace_path, error);
}

gboolean
esc_backup_save_copy (const char *workspace_path,
                      const char *dest_path,
                      GError    **error)
{
  g_autofree char     *display = NULL;
  g_autofree char     *partial = NULL;
  g_autoptr (EscStore) store = NULL;

  g_return_val_if_fail (workspace_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  display = g_filename_display_name (dest_path);
  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_EXISTS,
                   _ ("“%s” already exists; choose another name: a copy never replaces a file"), display);
      return FALSE;
    }

  /* Read-only: the copy is made from what the file holds, even when it cannot be written. */
  store = esc_store_open (workspace_path, ESC_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return FALSE;

  /* Under a temporary name first, checked, then renamed: a copy cut short is never left
   * under the chosen name. */
  partial = g_strconcat (dest_path, TMP_SUFFIX, NULL);
  g_unlink (partial);
  if (!_esc_store_backup_to_file (store, partial, error) ||
      !_esc_store_check_backup_file (partial, error))
    {
      g_unlink (partial);
      return FALSE;
    }

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS) || g_rename (partial, dest_path) != 0)
    {
      int saved_errno = g_file_test (dest_path, G_FILE_TEST_EXISTS) ? EEXIST : errno;

      g_unlink (partial);
      g_set_error (error, ESC_STORE_ERROR,
                   saved_errno == EEXIST ? ESC_STORE_ERROR_EXISTS : ESC_STORE_ERROR_IO,
                   _ ("The copy “%s” could not be saved: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char *workspace_path;
  char *dest_path;
} SaveCopyData;

static void
save_copy_data_free (SaveCopyData *data)
{
  g_free (data->workspace_path);
  g_free (data->dest_path);
  g_free (data);
}

static void
save_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveCopyData *data = task_data;
  GError       *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!esc_backup_save_copy (data->workspace_path, data->dest_path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
esc_backup_save_copy_async (const char         *workspace_path,
                            const char         *dest_path,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveCopyData     *data;

  g_return_if_fail (workspace_path != NULL);
  g_return_if_fail (dest_path != NULL);

  data = g_new0 (SaveCopyData, 1);
  data->workspace_path = g_strdup (workspace_path);
  data->dest_path = g_strdup (dest_path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_backup_save_copy_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_copy_data_free);
  g_task_run_in_thread (task, save_copy_thread);
}

gboolean
esc_backup_save_copy_finish (GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == esc_backup_save_copy_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
