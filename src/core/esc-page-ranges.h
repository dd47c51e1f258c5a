/* esc-page-ranges.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Page ranges as people write them: "3-5, 9". Pages are 1-based.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ESC_PAGE_RANGES_ERROR (esc_page_ranges_error_quark ())

typedef enum
{
  ESC_PAGE_RANGES_ERROR_SYNTAX,       /* not numbers and ranges */
  ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE, /* a page the document does not have */
} EscPageRangesError;

typedef struct
{
  guint first;
  guint last;
} EscPageRange;

GQuark    esc_page_ranges_error_quark (void);

/* Parses text into sorted, merged ranges (an empty text gives an empty array).
 * n_pages 0 skips the check against the document's length. Accepts Thai digits,
 * "-" or "–" between the ends, and commas or spaces between ranges. */
GArray   *esc_page_ranges_parse       (const char  *text,
                                       guint        n_pages,
                                       GError     **error);
/* The canonical text: "3-5, 9"; "" for no ranges. */
char     *esc_page_ranges_to_string   (GArray      *ranges);
/* Checks and rewrites text canonically; NULL with error when it is not valid. */
char     *esc_page_ranges_normalize   (const char  *text,
                                       guint        n_pages,
                                       GError     **error);
gboolean  esc_page_ranges_contains    (GArray      *ranges,
                                       guint        page);
/* The first page named, or 0 when there are none. */
guint     esc_page_ranges_get_first   (GArray      *ranges);

G_END_DECLS
