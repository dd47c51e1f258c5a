/* esc-store-province.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province tables of the workspace (schema version 2): participation, outreach,
 * plans and targets, benefits texts; and the evidence and review facts readiness needs.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "esc-province.h"
#include "esc-store-private.h"
#include "esc-thai.h"

#define MIN_FISCAL_YEAR 2540
#define MAX_FISCAL_YEAR 2700

static gboolean
check_fiscal_year (int      fiscal_year,
                   GError **error)
{
  if (fiscal_year >= MIN_FISCAL_YEAR && fiscal_year <= MAX_FISCAL_YEAR)
    return TRUE;

  if (fiscal_year > 1900 && fiscal_year < 2200)
    g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                 _ ("Fiscal year %d looks like a Gregorian year: give the Buddhist-era year, "
                    "for example %d"),
                 fiscal_year, fiscal_year + 543);
  else
    g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                 _ ("Fiscal year %d is out of range: give a Buddhist-era year such as 2569"),
                 fiscal_year);
  return FALSE;
}

static EscParticipation *
participation_from_row (sqlite3_stmt *stmt)
{
  EscParticipation      *p = esc_participation_new ();
  g_autofree char       *status = NULL;
  g_autofree char       *result = NULL;
  EscParticipationStatus s = ESC_PARTICIPATION_NOT_CONTACTED;
  EscParticipationResult r = ESC_RESULT_NONE;

  p->uuid = _esc_column_dup (stmt, 0);
  p->lao_uuid = _esc_column_dup (stmt, 1);
  p->fiscal_year = sqlite3_column_int (stmt, 2);
  status = _esc_column_dup (stmt, 3);
  result = _esc_column_dup (stmt, 4);
  esc_participation_status_from_string (status, &s);
  if (result != NULL && result[0] != '\0')
    esc_participation_result_from_string (result, &r);
  p->status = s;
  p->result = r;
  p->volunteered = sqlite3_column_int (stmt, 5) != 0;
  p->took_part_before = sqlite3_column_int (stmt, 6) != 0;
  g_free (p->contact);
  p->contact = _esc_column_dup (stmt, 7);
  g_free (p->note);
  p->note = _esc_column_dup (stmt, 8);
  p->updated_at = sqlite3_column_int64 (stmt, 9);
  p->lao_name = _esc_column_dup (stmt, 10);
  p->lao_type = _esc_column_dup (stmt, 11);
  p->district = _esc_column_dup (stmt, 12);

  if (p->contact == NULL)
    p->contact = g_strdup ("");
  if (p->note == NULL)
    p->note = g_strdup ("");

  return p;
}

#define PARTICIPATION_COLUMNS                                              \
  "p.uuid, p.lao_uuid, p.fiscal_year, p.status, p.result, p.volunteered, " \
  "p.took_part_before, p.contact, p.note, p.updated_at, l.name, l.type, l.district "

EscParticipation *
esc_store_get_participation (EscStore   *self,
                             const char *lao_uuid,
                             int         fiscal_year,
                             GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (EscLao)       lao = NULL;
  EscParticipation        *p;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (lao_uuid != NULL, NULL);

  if (!check_fiscal_year (fiscal_year, error))
    return NULL;

  stmt = _esc_store_prepare (self,
                             "SELECT " PARTICIPATION_COLUMNS
                             "FROM participation p JOIN laos l ON l.uuid = p.lao_uuid "
                             "WHERE p.lao_uuid = ?1 AND p.fiscal_year = ?2",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lao_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, fiscal_year);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return participation_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  /* Nothing recorded for this year: start from the latest earlier year's flags and
   * contact person, which rarely change from one year to the next. */
  lao = esc_store_get_lao (self, lao_uuid, error);
  if (lao == NULL)
    return NULL;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _esc_store_prepare (self,
                             "SELECT volunteered, took_part_before, contact, status "
                             "FROM participation WHERE lao_uuid = ?1 AND fiscal_year < ?2 "
                             "ORDER BY fiscal_year DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lao_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, fiscal_year);

  p = esc_participation_new ();
  p->lao_uuid = g_strdup (lao_uuid);
  p->fiscal_year = fiscal_year;
  p->lao_name = g_strdup (lao->name);
  p->lao_type = g_strdup (lao->type);
  p->district = g_strdup (lao->district);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *earlier_status = (const char *) sqlite3_column_text (stmt, 3);

      p->volunteered = sqlite3_column_int (stmt, 0) != 0;
      p->took_part_before = sqlite3_column_int (stmt, 1) != 0 ||
                            g_strcmp0 (earlier_status, "submitted") == 0 ||
                            g_strcmp0 (earlier_status, "result") == 0;
      g_free (p->contact);
      p->contact = _esc_column_dup (stmt, 2);
      if (p->contact == NULL)
        p->contact = g_strdup ("");
    }
  else if (rc != SQLITE_DONE)
    {
      esc_participation_free (p);
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return p;
}

static gboolean
record (EscStore   *self,
        const char *uuid,
        const char *field,
        const char *old_value,
        const char *new_value,
        const char *reason,
        GError    **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  return _esc_store_record_history (self, "participation", uuid, field, old_value, new_value,
                                    reason ? reason : "", error);
}

gboolean
esc_store_set_participation (EscStore                     *self,
                             const char                   *lao_uuid,
                             int                           fiscal_year,
                             const EscParticipationChange *change,
                             const char                   *reason,
                             GError                      **error)
{
  g_autoptr (EscParticipation) old = NULL;
  g_autoptr (sqlite3_stmt)     stmt = NULL;
  g_autofree char             *uuid = NULL;
  EscParticipationStatus       status;
  EscParticipationResult       result;
  gboolean                     volunteered;
  gboolean                     took_part_before;
  const char                  *contact;
  const char                  *note;
  gint64                       now = _esc_now ();

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (lao_uuid != NULL, FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (change->status >= ESC_PARTICIPATION_N_STATUSES || change->result > ESC_RESULT_NOT_PASSED)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Unknown participation status or rating"));
      return FALSE;
    }

  if (!_esc_store_begin (self, error))
    return FALSE;

  old = esc_store_get_participation (self, lao_uuid, fiscal_year, error);
  if (old == NULL)
    goto fail;

  status = change->status >= 0 ? (EscParticipationStatus) change->status : old->status;
  result = change->result >= 0 ? (EscParticipationResult) change->result : old->result;
  /* Leaving the result behind drops its rating, unless one is given explicitly. */
  if (change->status >= 0 && status != ESC_PARTICIPATION_RESULT && change->result < 0)
    result = ESC_RESULT_NONE;
  volunteered = change->volunteered >= 0 ? change->volunteered != 0 : old->volunteered;
  took_part_before = change->took_part_before >= 0 ? change->took_part_before != 0
                                                   : old->took_part_before;
  contact = change->contact != NULL ? change->contact : old->contact;
  note = change->note != NULL ? change->note : old->note;

  if (!esc_participation_check_transition (old->status, status, result, change->correction, error))
    goto fail;

  uuid = old->uuid != NULL ? g_strdup (old->uuid) : _esc_uuid_new ();

  stmt = _esc_store_prepare (self,
                             "INSERT INTO participation (uuid, lao_uuid, fiscal_year, status, "
                             "  result, volunteered, took_part_before, contact, note, "
                             "  created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) "
                             "ON CONFLICT (lao_uuid, fiscal_year) DO UPDATE SET "
                             "  status = excluded.status, result = excluded.result, "
                             "  volunteered = excluded.volunteered, "
                             "  took_part_before = excluded.took_part_before, "
                             "  contact = excluded.contact, note = excluded.note, "
                             "  updated_at = excluded.updated_at",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lao_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, fiscal_year);
  sqlite3_bind_text (stmt, 4, esc_participation_status_to_id (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, esc_participation_result_to_id (result), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, volunteered ? 1 : 0);
  sqlite3_bind_int (stmt, 7, took_part_before ? 1 : 0);
  sqlite3_bind_text (stmt, 8, contact, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!_esc_store_step_done (self, stmt, error))
    goto fail;

  if (!record (self, uuid, "status", old->uuid ? esc_participation_status_to_id (old->status) : NULL,
               esc_participation_status_to_id (status), reason, error) ||
      !record (self, uuid, "result", esc_participation_result_to_id (old->result),
               esc_participation_result_to_id (result), reason, error) ||
      !record (self, uuid, "volunteered", old->volunteered ? "1" : "0", volunteered ? "1" : "0",
               reason, error) ||
      !record (self, uuid, "took_part_before", old->took_part_before ? "1" : "0",
               took_part_before ? "1" : "0", reason, error) ||
      !record (self, uuid, "contact", old->contact, contact, reason, error) ||
      !record (self, uuid, "note", old->note, note, reason, error))
    goto fail;

  if (!_esc_store_commit (self, error))
    goto fail;

  _esc_store_touch (self);
  return TRUE;

fail:
  _esc_store_rollback (self);
  return FALSE;
}

GPtrArray *
esc_store_list_participation (EscStore *self,
                              int       fiscal_year,
                              GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    list = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  if (fiscal_year != 0 && !check_fiscal_year (fiscal_year, error))
    return NULL;

  stmt = _esc_store_prepare (self,
                             "SELECT " PARTICIPATION_COLUMNS
                             "FROM participation p JOIN laos l ON l.uuid = p.lao_uuid "
                             "WHERE ?1 = 0 OR p.fiscal_year = ?1 "
                             "ORDER BY p.fiscal_year, l.district, l.name",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, fiscal_year);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_participation_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, participation_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* Accepts yyyy-mm-dd in either era: a year after 2400 is read as พ.ศ. */
static char *
normalize_date (const char *text,
                GError    **error)
{
  int  year = 0, month = 0, day = 0;
  char tail = '\0';

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &year, &month, &day, &tail) != 3)
    goto bad;
  if (year > 2400)
    year -= 543;
  if (year < 1900 || year > 2200 || !g_date_valid_dmy (day, month, year))
    goto bad;

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);

bad:
  g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
               _ ("“%s” is not a date: write it as year-month-day, for example 2568-11-03"),
               text ? text : "");
  return NULL;
}

gboolean
esc_store_add_outreach (EscStore       *self,
                        const char     *lao_uuid,
                        int             fiscal_year,
                        const char     *date,
                        EscOutreachKind kind,
                        const char     *notes,
                        GError        **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (EscLao)       lao = NULL;
  g_autofree char         *iso = NULL;
  g_autofree char         *uuid = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);
  g_return_val_if_fail (lao_uuid != NULL, FALSE);

  if ((guint) kind > ESC_OUTREACH_CALL)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("Unknown kind of outreach: use letter, meeting, visit or call"));
      return FALSE;
    }
  iso = normalize_date (date, error);
  if (iso == NULL)
    return FALSE;
  if (fiscal_year == 0)
    {
      g_autoptr (GDateTime) dt = NULL;
      int                   y, m, d;

      sscanf (iso, "%d-%d-%d", &y, &m, &d);
      dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
      fiscal_year = esc_thai_fiscal_year (dt);
    }
  if (!check_fiscal_year (fiscal_year, error))
    return FALSE;
  lao = esc_store_get_lao (self, lao_uuid, error);
  if (lao == NULL)
    return FALSE;

  if (!_esc_store_begin (self, error))
    return FALSE;

  stmt = _esc_store_prepare (self,
                             "INSERT INTO outreach (uuid, lao_uuid, fiscal_year, date, kind, "
                             "  notes, author, created_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                             error);
  if (stmt == NULL)
    goto fail;
  uuid = _esc_uuid_new ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lao_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, fiscal_year);
  sqlite3_bind_text (stmt, 4, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, esc_outreach_kind_to_id (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, notes ? notes : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, esc_store_get_author (self) ? esc_store_get_author (self) : "",
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, _esc_now ());
  if (!_esc_store_step_done (self, stmt, error) || !_esc_store_commit (self, error))
    goto fail;

  _esc_store_touch (self);
  return TRUE;

fail:
  _esc_store_rollback (self);
  return FALSE;
}

GPtrArray *
esc_store_list_outreach (EscStore   *self,
                         const char *lao_uuid,
                         int         fiscal_year,
                         GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    list = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT uuid, lao_uuid, fiscal_year, date, kind, notes, author "
                             "FROM outreach WHERE (?1 IS NULL OR lao_uuid = ?1) "
                             "AND (?2 = 0 OR fiscal_year = ?2) ORDER BY date, created_at",
                             error);
  if (stmt == NULL)
    return NULL;
  _esc_bind_text_or_null (stmt, 1, lao_uuid);
  sqlite3_bind_int (stmt, 2, fiscal_year);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_outreach_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EscOutreach     *o = g_new0 (EscOutreach, 1);
      g_autofree char *kind = _esc_column_dup (stmt, 4);
      EscOutreachKind  k = ESC_OUTREACH_LETTER;

      o->uuid = _esc_column_dup (stmt, 0);
      o->lao_uuid = _esc_column_dup (stmt, 1);
      o->fiscal_year = sqlite3_column_int (stmt, 2);
      o->date = _esc_column_dup (stmt, 3);
      esc_outreach_kind_from_string (kind, &k);
      o->kind = k;
      o->notes = _esc_column_dup (stmt, 5);
      o->author = _esc_column_dup (stmt, 6);
      g_ptr_array_add (list, o);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

static EscPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  EscPlan *plan = g_new0 (EscPlan, 1);

  plan->uuid = _esc_column_dup (stmt, 0);
  plan->name = _esc_column_dup (stmt, 1);
  plan->first_year = sqlite3_column_int (stmt, 2);
  plan->n_years = sqlite3_column_int (stmt, 3);

  return plan;
}

EscPlan *
esc_store_find_plan (EscStore   *self,
                     const char *name,
                     GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT uuid, name, first_year, n_years FROM plans "
                             "WHERE name = ?1 OR uuid = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return plan_from_row (stmt);
  if (rc != SQLITE_DONE)
    _esc_store_set_error (self, rc, error);
  else
    g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND,
                 _ ("No plan is named “%s”: create it first with its first year and length"),
                 name);
  return NULL;
}

GPtrArray *
esc_store_list_plans (EscStore *self,
                      GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    list = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT uuid, name, first_year, n_years FROM plans "
                             "ORDER BY first_year, n_years, name",
                             error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_plan_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, plan_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

char *
esc_store_create_plan (EscStore   *self,
                       const char *name,
                       int         first_year,
                       int         n_years,
                       GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (EscPlan)      existing = NULL;
  g_autofree char         *uuid = NULL;
  gint64                   now = _esc_now ();

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  if (name == NULL || name[strspn (name, " \t\n")] == '\0')
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("A plan needs a name, for example “แผน 3 ปี 2569–2571”"));
      return NULL;
    }
  if (!check_fiscal_year (first_year, error))
    return NULL;
  if (n_years < 1 || n_years > 10)
    {
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                   _ ("A plan runs over 1 to 10 fiscal years (3 or 5 as a rule), not %d"),
                   n_years);
      return NULL;
    }

  existing = esc_store_find_plan (self, name, NULL);
  if (existing != NULL)
    {
      if (existing->first_year == first_year && existing->n_years == n_years)
        return g_strdup (existing->uuid);
      g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_EXISTS,
                   _ ("A plan named “%s” already covers %d–%d: choose another name"),
                   name, existing->first_year, existing->first_year + existing->n_years - 1);
      return NULL;
    }

  if (!_esc_store_begin (self, error))
    return NULL;
  stmt = _esc_store_prepare (self,
                             "INSERT INTO plans (uuid, name, first_year, n_years, created_at, "
                             "  updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                             error);
  if (stmt == NULL)
    goto fail;
  uuid = _esc_uuid_new ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, first_year);
  sqlite3_bind_int (stmt, 4, n_years);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!_esc_store_step_done (self, stmt, error) || !_esc_store_commit (self, error))
    goto fail;

  _esc_store_touch (self);
  return g_steal_pointer (&uuid);

fail:
  _esc_store_rollback (self);
  return NULL;
}

static gboolean
district_known (EscStore   *self,
                const char *district,
                gboolean   *known,
                GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  stmt = _esc_store_prepare (self, "SELECT 1 FROM laos WHERE district = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, district, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return FALSE;
    }
  *known = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
esc_store_set_target (EscStore   *self,
                      const char *plan_uuid,
                      int         fiscal_year,
                      const char *district,
                      int         target,
                      GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) plan_stmt = NULL;
  g_autofree char         *old_value = NULL;
  g_autofree char         *new_value = NULL;
  g_autofree char         *entity = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  if (plan_uuid == NULL)
    plan_uuid = "";
  if (district == NULL)
    district = "";

  if (!check_fiscal_year (fiscal_year, error))
    return FALSE;

  if (plan_uuid[0] != '\0')
    {
      g_autoptr (EscPlan) plan = esc_store_find_plan (self, plan_uuid, error);

      if (plan == NULL)
        return FALSE;
      if (fiscal_year < plan->first_year || fiscal_year >= plan->first_year + plan->n_years)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("%d lies outside the plan “%s” (%d–%d): give a year inside it"),
                       fiscal_year, plan->name, plan->first_year,
                       plan->first_year + plan->n_years - 1);
          return FALSE;
        }
    }
  if (district[0] != '\0')
    {
      gboolean known = FALSE;

      if (!district_known (self, district, &known, error))
        return FALSE;
      if (!known)
        {
          g_set_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID,
                       _ ("No local government in this workspace lies in the district “%s”: "
                          "check the spelling against the list of local governments"),
                       district);
          return FALSE;
        }
    }

  if (!_esc_store_begin (self, error))
    return FALSE;

  stmt = _esc_store_prepare (self,
                             "SELECT target FROM targets WHERE plan_uuid = ?1 AND "
                             "fiscal_year = ?2 AND district = ?3",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, plan_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, fiscal_year);
  sqlite3_bind_text (stmt, 3, district, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_value = g_strdup_printf ("%d", sqlite3_column_int (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (target < 0)
    stmt = _esc_store_prepare (self,
                               "DELETE FROM targets WHERE plan_uuid = ?1 AND fiscal_year = ?2 "
                               "AND district = ?3",
                               error);
  else
    stmt = _esc_store_prepare (self,
                               "INSERT INTO targets (plan_uuid, fiscal_year, district, target, "
                               "  updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                               "ON CONFLICT (plan_uuid, fiscal_year, district) DO UPDATE SET "
                               "  target = excluded.target, updated_at = excluded.updated_at",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, plan_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, fiscal_year);
  sqlite3_bind_text (stmt, 3, district, -1, SQLITE_TRANSIENT);
  if (target >= 0)
    {
      sqlite3_bind_int (stmt, 4, target);
      sqlite3_bind_int64 (stmt, 5, _esc_now ());
      new_value = g_strdup_printf ("%d", target);
    }
  if (!_esc_store_step_done (self, stmt, error))
    goto fail;

  entity = g_strdup_printf ("%s/%d/%s", plan_uuid, fiscal_year, district);
  if (g_strcmp0 (old_value, new_value) != 0 &&
      !_esc_store_record_history (self, "target", entity, "target", old_value, new_value, "",
                                  error))
    goto fail;

  if (!_esc_store_commit (self, error))
    goto fail;

  _esc_store_touch (self);
  return TRUE;

fail:
  _esc_store_rollback (self);
  return FALSE;
}

GPtrArray *
esc_store_list_targets (EscStore   *self,
                        const char *plan_uuid,
                        GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray)    list = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self,
                             "SELECT fiscal_year, district, target FROM targets "
                             "WHERE plan_uuid = ?1 ORDER BY fiscal_year, district",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_uuid ? plan_uuid : "", -1, SQLITE_TRANSIENT);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_target_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, esc_target_new (sqlite3_column_int (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           sqlite3_column_int (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

gboolean
esc_store_set_benefits (EscStore   *self,
                        const char *province,
                        const char *text,
                        GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char         *old_value = NULL;

  g_return_val_if_fail (ESC_IS_STORE (self), FALSE);

  if (province == NULL)
    province = "";
  if (text == NULL)
    text = "";

  old_value = esc_store_get_benefits (self, province, error);
  if (old_value == NULL)
    return FALSE;

  if (!_esc_store_begin (self, error))
    return FALSE;
  stmt = _esc_store_prepare (self,
                             "INSERT INTO province_texts (province, benefits, updated_at) "
                             "VALUES (?1, ?2, ?3) ON CONFLICT (province) DO UPDATE SET "
                             "  benefits = excluded.benefits, updated_at = excluded.updated_at",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, province, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, _esc_now ());
  if (!_esc_store_step_done (self, stmt, error))
    goto fail;
  if (g_strcmp0 (old_value, text) != 0 &&
      !_esc_store_record_history (self, "province", province, "benefits", old_value, text, "",
                                  error))
    goto fail;
  if (!_esc_store_commit (self, error))
    goto fail;

  _esc_store_touch (self);
  return TRUE;

fail:
  _esc_store_rollback (self);
  return FALSE;
}

char *
esc_store_get_benefits (EscStore   *self,
                        const char *province,
                        GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);

  stmt = _esc_store_prepare (self, "SELECT benefits FROM province_texts WHERE province = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, province ? province : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _esc_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }
  return g_strdup ("");
}

static EscItemCheck *
lookup_check (GPtrArray  *checks,
              const char *code)
{
  EscItemCheck *check;

  for (guint i = 0; i < checks->len; i++)
    {
      check = g_ptr_array_index (checks, i);
      if (g_strcmp0 (check->item_code, code) == 0)
        return check;
    }

  check = g_new0 (EscItemCheck, 1);
  check->item_code = g_strdup (code);
  g_ptr_array_add (checks, check);
  return check;
}

GPtrArray *
esc_store_load_item_checks (EscStore   *self,
                            const char *assessment_uuid,
                            GError    **error)
{
  g_autoptr (sqlite3_stmt) links = NULL;
  g_autoptr (sqlite3_stmt) comments = NULL;
  g_autoptr (GPtrArray)    checks = NULL;
  int                      rc;

  g_return_val_if_fail (ESC_IS_STORE (self), NULL);
  g_return_val_if_fail (assessment_uuid != NULL, NULL);

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_item_check_free);

  links = _esc_store_prepare (self,
                              "SELECT item_code, count(*), "
                              "  sum(CASE WHEN trim(pages) = '' THEN 1 ELSE 0 END) "
                              "FROM links WHERE assessment_uuid = ?1 GROUP BY item_code",
                              error);
  if (links == NULL)
    return NULL;
  sqlite3_bind_text (links, 1, assessment_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (links)) == SQLITE_ROW)
    {
      EscItemCheck *check = lookup_check (checks, (const char *) sqlite3_column_text (links, 0));

      check->n_links = sqlite3_column_int (links, 1);
      check->n_links_without_pages = sqlite3_column_int (links, 2);
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  /* The latest verdict on an item decides: a fix asked for and not yet accepted. */
  comments = _esc_store_prepare (self,
                                 "SELECT item_code, verdict, body FROM comments "
                                 "WHERE assessment_uuid = ?1 AND verdict <> '' "
                                 "ORDER BY created_at, rowid",
                                 error);
  if (comments == NULL)
    return NULL;
  sqlite3_bind_text (comments, 1, assessment_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (comments)) == SQLITE_ROW)
    {
      EscItemCheck *check = lookup_check (checks, (const char *) sqlite3_column_text (comments, 0));
      const char   *verdict = (const char *) sqlite3_column_text (comments, 1);

      g_clear_pointer (&check->needs_fix, g_free);
      if (g_strcmp0 (verdict, "needs-fix") == 0)
        check->needs_fix = _esc_column_dup (comments, 2);
      if (check->needs_fix == NULL && g_strcmp0 (verdict, "needs-fix") == 0)
        check->needs_fix = g_strdup ("");
    }
  if (rc != SQLITE_DONE)
    {
      _esc_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&checks);
}
