/* esc-store-sync.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Noticing changes made to the workspace by another connection: another window, another
 * process (esc-cli, a second copy of the application) or a worker of this one.
 */
#include "config.h"

#include "esc-store-private.h"

/* SQLite's data version of this connection: it changes whenever another connection has
 * committed to the file since the last call, and never for this connection's own writes. */
gboolean
esc_store_get_data_version (EscStore *self,
                            gint64   *version,
                            GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  stmt = _esc_store_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }
  *version = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}
