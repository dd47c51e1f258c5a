/* esc-store-private.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of the store area (esc-store*.c) only: SQL stays there.
 */
#pragma once

#include <sqlite3.h>

#include "esc-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

extern const char *const esc_store_migrations[];
extern const guint       esc_store_n_migrations;

/* A condition on the laos table: the row is the local government whose DLA code, name,
 * district and province are the parameters ?2, ?3, ?4 and ?5: the one with the same code
 * or, when either has no code, the same name in the same district and province (the
 * shipped list has no codes, and each workspace made from it has uuids of its own). */
#define ESC_LAO_SAME_SQL                                                           \
  "((?2 IS NOT NULL AND code = ?2)"                                                \
  " OR ((?2 IS NULL OR code IS NULL OR code = '') AND name = ?3 AND district = ?4" \
  " AND province = ?5))"

/* The connection of this store; it belongs to the thread that opened the store. */
sqlite3      *_esc_store_get_db          (EscStore    *self);

/* Prepares SQL; sets error (ESC_STORE_ERROR) on failure. */
sqlite3_stmt *_esc_store_prepare         (EscStore    *self,
                                          const char  *sql,
                                          GError     **error);
/* BEGIN IMMEDIATE, waiting for other writers; refuses on a read-only store. */
gboolean      _esc_store_begin           (EscStore    *self,
                                          GError     **error);
gboolean      _esc_store_commit          (EscStore    *self,
                                          GError     **error);
void          _esc_store_rollback        (EscStore    *self);
/* Maps the last SQLite error of db (or rc) to ESC_STORE_ERROR with a message. */
void          _esc_store_set_error       (EscStore    *self,
                                          int          rc,
                                          GError     **error);
/* Steps a statement expected to return SQLITE_DONE. */
gboolean      _esc_store_step_done       (EscStore    *self,
                                          sqlite3_stmt *stmt,
                                          GError     **error);
/* Records one change in the history table (inside the caller's transaction). */
gboolean      _esc_store_record_history  (EscStore    *self,
                                          const char  *entity,
                                          const char  *entity_uuid,
                                          const char  *field,
                                          const char  *old_value,
                                          const char  *new_value,
                                          const char  *reason,
                                          GError     **error);
void          _esc_store_touch           (EscStore    *self);

char         *_esc_uuid_new              (void);
gint64        _esc_now                   (void);
void          _esc_bind_text_or_null     (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text);
char         *_esc_column_dup            (sqlite3_stmt *stmt,
                                          int           index);

G_END_DECLS
