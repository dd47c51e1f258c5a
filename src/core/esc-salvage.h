/* esc-salvage.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Damaged workspaces: saying what is damaged, and copying what can still be read into a new
 * workspace.
 */
#pragma once

#include "esc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *table;       /* SQL table name */
  char *description; /* what the table holds, translated ("scores and notes") */
  guint n_copied;    /* rows read and saved in the new workspace */
  guint n_dropped;   /* rows read but refused (they refer to rows that were lost) */
  guint n_unreadable;/* rows known to exist but unreadable (lower bound) */
  gboolean damaged;  /* reading stopped at a damaged page */
} EscSalvageTable;

/* Reads every table of the damaged workspace at path, page by page, and lists the problems
 * in words a user can act on (which kind of data is affected). Returns NULL with error when
 * the file cannot be read at all; an empty array when nothing is damaged. */
GPtrArray *esc_store_describe_damage (const char  *path,
                                      GError     **error);
/* Creates new_path (which must not exist) as a workspace holding every row of damaged_path
 * that can still be read. Returns one EscSalvageTable per table. */
GPtrArray *esc_store_salvage         (const char  *damaged_path,
                                      const char  *new_path,
                                      GError     **error);
void       esc_salvage_table_free    (EscSalvageTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscSalvageTable, esc_salvage_table_free)

G_END_DECLS
