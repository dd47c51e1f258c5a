/* esc-backup.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rolling copies of a workspace, made with SQLite's online backup: one before each schema
 * migration and one on the first use of each day, the last ESC_BACKUP_KEEP kept. They live
 * off the workspace's own disk, so a USB stick that dies or is lost does not take them along:
 *
 *   $ESC_BACKUP_DIR/<name>-<hash>/                       when ESC_BACKUP_DIR is set
 *   $XDG_DATA_HOME/esc-assessor/backups/<name>-<hash>/   otherwise (~/.local/share/…)
 *
 * <name> is the workspace's file name without .esca and <hash> the first 12 hex digits of
 * the SHA-256 of its absolute path, so two workspaces of the same name do not mix. Each
 * backup is a plain workspace file named <UTC time>-<reason>.esca.
 */
#pragma once

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_BACKUP_KEEP 5

typedef struct
{
  char      *path;
  char      *reason;  /* "daily", "migration", "manual", "restore" */
  GDateTime *created; /* UTC */
  goffset    size;
} EscBackup;

char      *esc_backup_get_folder    (const char   *workspace_path);
/* Copies the store's workspace into a new backup and drops the oldest beyond
 * ESC_BACKUP_KEEP; returns the new backup's path. */
char      *esc_backup_create        (EscStore     *store,
                                     const char   *reason,
                                     GError      **error);
/* Makes a "daily" backup when none was made today (local time). *created_path is set to
 * the new backup, or NULL when none was due. */
gboolean   esc_backup_create_daily  (EscStore     *store,
                                     char        **created_path,
                                     GError      **error);
/* The workspace's backups, newest first. */
GPtrArray *esc_backup_list          (const char   *workspace_path,
                                     GError      **error);
/* Puts the backup's content into the workspace. When the workspace still opens its
 * current content is first saved as a "restore" backup (its path in *safety_path);
 * when it does not open, the damaged file is moved aside as *safety_path. */
gboolean   esc_backup_restore       (const char   *workspace_path,
                                     const char   *backup_path,
                                     char        **safety_path,
                                     GError      **error);
/* Copies the workspace at workspace_path, with every change committed to it (also those
 * still in its -wal), into a new workspace file at dest_path, which must not exist yet.
 * Opens its own read-only connection, so it runs in any thread and on a read-only file. */
gboolean   esc_backup_save_copy     (const char   *workspace_path,
                                     const char   *dest_path,
                                     GError      **error);
/* esc_backup_save_copy() in a worker thread. */
void       esc_backup_save_copy_async  (const char          *workspace_path,
                                        const char          *dest_path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   esc_backup_save_copy_finish (GAsyncResult        *result,
                                        GError             **error);
void       esc_backup_free          (EscBackup    *backup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscBackup, esc_backup_free)

G_END_DECLS
