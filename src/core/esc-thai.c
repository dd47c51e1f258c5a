/* esc-thai.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "esc-thai.h"

static const char *thai_months[] = {
  "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
  "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};

static const char *english_months[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

int
esc_thai_be_year (int ce_year)
{
  return ce_year + ESC_BE_OFFSET;
}

/* Thai fiscal years run 1 October – 30 September and are named by the
 * Buddhist-era year in which they end. */
int
esc_thai_fiscal_year (GDateTime *datetime)
{
  int year;

  g_return_val_if_fail (datetime != NULL, 0);

  year = g_date_time_get_year (datetime);
  if (g_date_time_get_month (datetime) >= 10)
    year++;

  return esc_thai_be_year (year);
}

/* Dates are always written in the Buddhist era, in Thai or English month names. */
char *
esc_thai_format_date (GDateTime *datetime,
                      gboolean   thai)
{
  int month;

  g_return_val_if_fail (datetime != NULL, NULL);

  month = g_date_time_get_month (datetime);

  return g_strdup_printf ("%d %s %d %02d:%02d",
                          g_date_time_get_day_of_month (datetime),
                          thai ? thai_months[month - 1] : english_months[month - 1],
                          esc_thai_be_year (g_date_time_get_year (datetime)),
                          g_date_time_get_hour (datetime),
                          g_date_time_get_minute (datetime));
}

char *
esc_thai_format_timestamp (gint64   unix_seconds,
                           gboolean thai)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  utc = g_date_time_new_from_unix_utc (unix_seconds);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);

  return esc_thai_format_date (local, thai);
}
