/* esc-history.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the change history: who changed what, when, from which value to which, and why.
 * The store writes it with every change; merges bring the other file's history along.
 */
#pragma once

#include <gio/gio.h>

#include "esc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char  *uuid;
  char  *entity;    /* "answer", "assessment", "lao", "link", "conflict" … */
  char  *entity_uuid;
  char  *item_code; /* the indicator the change is about, "" when none */
  char  *field;     /* a dimension key, "note", "checked", "status", "created" … */
  char  *old_value; /* NULL when there was none */
  char  *new_value; /* NULL when cleared */
  char  *reason;
  char  *author;
  gint64 at;
} EscHistoryEntry;

#define ESC_TYPE_HISTORY_ENTRY (esc_history_entry_get_type ())

GType            esc_history_entry_get_type  (void) G_GNUC_CONST;

/* The changes of one assessment (a uuid or unique prefix), newest first: of one indicator when
 * item_code is not NULL (with its parts: "19" includes 19.1 and 19.2), else of all its
 * indicators, its status and its local government. */
GPtrArray       *esc_history_list            (EscStore              *store,
                                              const char            *assessment_id,
                                              const char            *item_code,
                                              GError               **error);
/* Every change in the workspace, newest first (for the workbook's history sheet). */
GPtrArray       *esc_history_list_all        (EscStore              *store,
                                              GError               **error);

/* A translated name of what changed: "Score (process)", "Note", "Status"… */
char            *esc_history_entry_describe  (const EscHistoryEntry *entry);

EscHistoryEntry *esc_history_entry_copy      (const EscHistoryEntry *entry);
void             esc_history_entry_free      (EscHistoryEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscHistoryEntry, esc_history_entry_free)

G_END_DECLS
