/* esc-backup-private.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL half of backups, in esc-store-backup.c (the store area).
 */
#pragma once

#include "esc-store.h"

G_BEGIN_DECLS

/* Copies the workspace into a new file at dest_path with the online backup API. */
gboolean _esc_store_backup_to_file    (EscStore    *self,
                                       const char  *dest_path,
                                       GError     **error);
/* Checks that path holds a readable, undamaged workspace this version can open. */
gboolean _esc_store_check_backup_file (const char  *path,
                                       GError     **error);
/* Replaces the workspace's content with the backup's, in one transaction. */
gboolean _esc_store_restore_from_file (EscStore    *self,
                                       const char  *backup_path,
                                       GError     **error);

G_END_DECLS
