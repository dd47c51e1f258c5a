/* esc-thai.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ESC_BE_OFFSET 543

int    esc_thai_be_year          (int        ce_year);
int    esc_thai_fiscal_year      (GDateTime *datetime);
char  *esc_thai_format_date      (GDateTime *datetime,
                                  gboolean   thai);
char  *esc_thai_format_timestamp (gint64     unix_seconds,
                                  gboolean   thai);

G_END_DECLS
