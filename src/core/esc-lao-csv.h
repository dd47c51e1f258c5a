/* esc-lao-csv.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "esc-framework.h"
#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_LAO_CSV_ERROR (esc_lao_csv_error_quark ())

typedef enum
{
  ESC_LAO_CSV_ERROR_EMPTY,    /* nothing in the file */
  ESC_LAO_CSV_ERROR_NO_ROWS,  /* a header but no local government */
  ESC_LAO_CSV_ERROR_ENCODING, /* the header is not UTF-8 */
  ESC_LAO_CSV_ERROR_HEADER,   /* a required column is missing or a column appears twice */
  ESC_LAO_CSV_ERROR_BAD_ROWS, /* one or more rows are bad: see the problems */
  ESC_LAO_CSV_ERROR_IO,       /* the file cannot be read */
} EscLaoCsvError;

GQuark      esc_lao_csv_error_quark (void);

/* Parses a local-government list (RFC 4180 CSV, UTF-8 with or without a byte-order
 * mark, LF or CRLF, a header row naming the columns in Thai or English in any order).
 *
 * framework: the types accepted in the type column (id, abbreviation, Thai or English
 * name); NULL accepts the standard DLA types (pao, city, town, subdistrict, sao, special).
 * problems: when not NULL, receives every bad row as a translated "Line N: …" string
 * (in the order of the file), also on success (then empty).
 *
 * Returns: (transfer full): an array of EscLao (code NULL when empty; district and
 * province "" when empty; uuid NULL), freed with g_ptr_array_unref(); NULL with
 * ESC_LAO_CSV_ERROR when the file or any row is bad, so that nothing is imported. */
GPtrArray  *esc_lao_csv_parse       (const char    *data,
                                     gsize          length,
                                     EscFramework  *framework,
                                     GPtrArray    **problems,
                                     GError       **error);

/* Reads path and parses it as esc_lao_csv_parse() does; I/O errors become
 * ESC_LAO_CSV_ERROR_IO naming the file. */
GPtrArray  *esc_lao_csv_parse_file  (const char    *path,
                                     EscFramework  *framework,
                                     GPtrArray    **problems,
                                     GError       **error);

G_END_DECLS
