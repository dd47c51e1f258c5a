/* esc-store-history.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL that reads the change history, and its entry type.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "esc-history.h"
#include "esc-store-private.h"

G_DEFINE_BOXED_TYPE (EscHistoryEntry, esc_history_entry, esc_history_entry_copy, esc_history_entry_free)

EscHistoryEntry *
esc_history_entry_copy (const EscHistoryEntry *entry)
{
  EscHistoryEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (EscHistoryEntry, 1);
  copy->uuid = g_strdup (entry->uuid);
  copy->entity = g_strdup (entry->entity);
  copy->entity_uuid = g_strdup (entry->entity_uuid);
  copy->item_code = g_strdup (entry->item_code);
  copy->field = g_strdup (entry->field);
  copy->old_value = g_strdup (entry->old_value);
  copy->new_value = g_strdup (entry->new_value);
  copy->reason = g_strdup (entry->reason);
  copy->author = g_strdup (entry->author);
  copy->at = entry->at;
  return copy;
}

void
esc_history_entry_free (EscHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->uuid);
  g_free (entry->entity);
  g_free (entry->entity_uuid);
  g_free (entry->item_code);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->reason);
  g_free (entry->author);
  g_free (entry);
}

char *
esc_history_entry_describe (const EscHistoryEntry *entry)
{
  const char *field;

  g_return_val_if_fail (entry != NULL, NULL);

  field = entry->field ? entry->field : "";
  if (g_strcmp0 (entry->entity, "conflict") == 0)
    return g_strdup (_ ("Merge conflict resolved"));
  if (g_str_equal (field, "created"))
    return g_strdup (_ ("Created"));
  if (g_str_equal (field, "note"))
    return g_strdup (_ ("Note"));
  if (g_str_equal (field, "checked"))
    return g_strdup (_ ("Criteria met"));
  if (g_str_equal (field, "status"))
    return g_strdup (_ ("Status"));
  if (g_str_equal (field, "lpa"))
    return g_strdup (_ ("LPA score (%)"));
  if (g_strcmp0 (entry->entity, "answer") == 0)
    /* Translators: %s is a scoring dimension id such as process, output or outcome */
    return g_strdup_printf (_ ("Score (%s)"), field);
  if (g_strcmp0 (entry->entity, "lao") == 0)
    /* Translators: %s is a column such as name, type or district */
    return g_strdup_printf (_ ("Local government (%s)"), field);
  if (g_strcmp0 (entry->entity, "link") == 0)
    return g_strdup (_ ("Evidence link"));
  return g_strdup (field);
}

/* Each history row with the indicator it is about, found through the row it names. */
#define HISTORY_SELECT                                                       \
  "SELECT h.uuid, h.entity, h.entity_uuid,"                                  \
  " coalesce (an.item_code, li.item_code, co.item_code, ''),"                \
  " h.field, h.old_value, h.new_value, h.reason, h.author, h.at,"            \
  " coalesce (an.assessment_uuid, li.assessment_uuid, co.assessment_uuid,"   \
  "           CASE WHEN h.entity = 'assessment' THEN h.entity_uuid END),"    \
  " h.rowid"                                                                 \
  " FROM history h"                                                          \
  " LEFT JOIN answers an ON h.entity = 'answer' AND an.uuid = h.entity_uuid" \
  " LEFT JOIN links li ON h.entity = 'link' AND li.uuid = h.entity_uuid"     \
  " LEFT JOIN conflicts co ON h.entity = 'conflict' AND co.uuid = h.entity_uuid"

static GPtrArray *
read_entries (EscStore     *store,
              sqlite3_stmt *stmt,
              GError      **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_history_entry_free);
  int                   rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscHistoryEntry *entry = g_new0 (EscHistoryEntry, 1);

      entry->uuid = _esc_column_dup (stmt, 0);
      entry->entity = _esc_column_dup (stmt, 1);
      entry->entity_uuid = _esc_column_dup (stmt, 2);
      entry->item_code = _esc_column_dup (stmt, 3);
      entry->field = _esc_column_dup (stmt, 4);
      entry->old_value = _esc_column_dup (stmt, 5);
      entry->new_value = _esc_column_dup (stmt, 6);
      entry->reason = _esc_column_dup (stmt, 7);
      entry->author = _esc_column_dup (stmt, 8);
      entry->at = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
esc_history_list (EscStore   *store,
                  const char *assessment_id,
                  const char *item_code,
                  GError    **error)
{
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (sqlite3_stmt)  stmt = NULL;
  g_autofree char          *parts = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  assessment = esc_store_get_assessment (store, assessment_id, error);
  if (assessment == NULL)
    return NULL;

  /* ?3 is "19." so that indicator 19 also shows its parts 19.1 and 19.2. */
  stmt = _esc_store_prepare (store,
                             "WITH h (uuid, entity, entity_uuid, item_code, field, old_value, new_value,"
                             "        reason, author, at, assessment_uuid, seq) AS (" HISTORY_SELECT ")"
                             " SELECT * FROM h"
                             " WHERE (assessment_uuid = ?1 OR (entity = 'lao' AND entity_uuid = ?4 AND ?2 IS NULL))"
                             "   AND (?2 IS NULL OR item_code = ?2 OR substr (item_code, 1, length (?3)) = ?3)"
                             " ORDER BY at DESC, seq DESC",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, assessment->uuid, -1, SQLITE_STATIC);
  _esc_bind_text_or_null (stmt, 2, item_code);
  parts = g_strconcat (item_code ? item_code : "", ".", NULL);
  sqlite3_bind_text (stmt, 3, parts, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, assessment->lao_uuid, -1, SQLITE_STATIC);
  return read_entries (store, stmt, error);
}

GPtrArray *
esc_history_list_all (EscStore *store,
                      GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  stmt = _esc_store_prepare (store, HISTORY_SELECT " ORDER BY h.at DESC, h.rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  return read_entries (store, stmt, error);
}
