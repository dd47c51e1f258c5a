/* esc-export-private.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of the export area (esc-export*.c) only.
 */
#pragma once

#include <xlsxwriter.h>

#include "esc-export.h"

G_BEGIN_DECLS

/* The font of Thai government documents; spreadsheet programs fall back to a
 * similar face when it is not installed. */
#define ESC_EXPORT_FONT      "TH Sarabun New"
#define ESC_EXPORT_FONT_SIZE 14

/* A file being written under a temporary name beside its final name. */
typedef struct
{
  char          *path;     /* the final name */
  char          *tmp_path; /* where it is written */
  EscExportFlags flags;
} EscExportTarget;

gboolean  _esc_export_target_open   (EscExportTarget *target,
                                     const char      *path,
                                     EscExportFlags   flags,
                                     GError         **error);
/* Renames the temporary file to the final name (never replacing an existing
 * file without ESC_EXPORT_OVERWRITE). */
gboolean  _esc_export_target_commit (EscExportTarget *target,
                                     GError         **error);
/* Removes the temporary file, if any, and frees the target's strings. */
void      _esc_export_target_clear  (EscExportTarget *target);

void      _esc_export_set_io_error  (GError         **error,
                                     int              errsv,
                                     const char      *path);
void      _esc_export_set_lxw_error (GError         **error,
                                     lxw_error        lerr,
                                     int              errsv,
                                     const char      *path);

/* Display width of text in character cells (combining marks take none). */
guint     _esc_export_text_width    (const char      *text);
/* "&" escaped for a page header; cut to a bounded length. */
char     *_esc_export_header_text   (const char      *text);

/* A workbook being written to a target. */
typedef struct
{
  EscExportTarget target;
  lxw_workbook   *workbook;

  lxw_format     *title;
  lxw_format     *label;
  lxw_format     *header;
  lxw_format     *text;
  lxw_format     *wrap;
  lxw_format     *code;
  lxw_format     *number;
  lxw_format     *integer;
  lxw_format     *bytes;
} EscExportBook;

gboolean  _esc_export_book_open     (EscExportBook   *book,
                                     const char      *path,
                                     EscExportFlags   flags,
                                     gboolean         constant_memory,
                                     GError         **error);
/* Closes the workbook and renames it to its final name. */
gboolean  _esc_export_book_close    (EscExportBook   *book,
                                     GError         **error);
/* Drops the workbook and its temporary file. */
void      _esc_export_book_abort    (EscExportBook   *book);
void      _esc_export_book_set_properties (EscExportBook *book,
                                     const char      *title,
                                     const char      *subject,
                                     const char      *author,
                                     gint64           created);
/* A4, the given orientation, fitted to the page width, the first
 * n_header_rows repeated on every page and frozen on screen. */
void      _esc_export_sheet_setup   (lxw_worksheet   *sheet,
                                     gboolean         landscape,
                                     guint            n_header_rows,
                                     const char      *page_header);
/* Text is always written as a string, never as a formula: "=1+1" stays
 * text. Nothing is written for NULL or "". */
void      _esc_export_write_text    (lxw_worksheet   *sheet,
                                     guint            row,
                                     guint            col,
                                     const char      *text,
                                     lxw_format      *format);
/* Nothing is written for NAN. */
void      _esc_export_write_number  (lxw_worksheet   *sheet,
                                     guint            row,
                                     guint            col,
                                     double           value,
                                     lxw_format      *format);
/* Column width fitting text, within [min, max]. */
double    _esc_export_fit_width     (guint            text_width,
                                     double           min,
                                     double           max);

G_END_DECLS
