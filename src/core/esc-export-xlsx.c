/* esc-export-xlsx.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every workbook shares: the temporary file, formats in the Thai
 * government font, A4 print setup, and text that is never a formula.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "esc-export-private.h"

/* Excel's limit on the characters of a cell; cut well inside it in bytes. */
#define MAX_CELL_BYTES 32000

static lxw_format *
add_format (lxw_workbook *workbook)
{
  lxw_format *format = workbook_add_format (workbook);

  format_set_font_name (format, ESC_EXPORT_FONT);
  format_set_font_size (format, ESC_EXPORT_FONT_SIZE);
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);

  return format;
}

gboolean
_esc_export_book_open (EscExportBook *book,
                       const char    *path,
                       EscExportFlags flags,
                       gboolean       constant_memory,
                       GError       **error)
{
  lxw_workbook_options options = { 0 };

  memset (book, 0, sizeof *book);

  if (!_esc_export_target_open (&book->target, path, flags, error))
    return FALSE;

  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.use_zip64 = LXW_TRUE;
  errno = 0;
  book->workbook = workbook_new_opt (book->target.tmp_path, &options);
  if (book->workbook == NULL)
    {
      _esc_export_set_io_error (error, errno != 0 ? errno : ENOMEM, path);
      _esc_export_target_clear (&book->target);
      return FALSE;
    }

  book->title = add_format (book->workbook);
  format_set_bold (book->title);
  format_set_font_size (book->title, ESC_EXPORT_FONT_SIZE + 4);

  book->label = add_format (book->workbook);
  format_set_bold (book->label);

  book->header = add_format (book->workbook);
  format_set_bold (book->header);
  format_set_text_wrap (book->header);
  format_set_align (book->header, LXW_ALIGN_CENTER);
  format_set_align (book->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color (book->header, 0xDDEBF7);
  format_set_border (book->header, LXW_BORDER_THIN);

  book->text = add_format (book->workbook);

  book->wrap = add_format (book->workbook);
  format_set_text_wrap (book->wrap);

  book->code = add_format (book->workbook);
  format_set_align (book->code, LXW_ALIGN_CENTER);

  book->number = add_format (book->workbook);
  format_set_num_format (book->number, "0.00");

  book->integer = add_format (book->workbook);
  format_set_num_format (book->integer, "0");

  book->bytes = add_format (book->workbook);
  format_set_num_format (book->bytes, "#,##0");

  return TRUE;
}

void
_esc_export_book_abort (EscExportBook *book)
{
  g_clear_pointer (&book->workbook, lxw_workbook_free);
  _esc_export_target_clear (&book->target);
}

gboolean
_esc_export_book_close (EscExportBook *book,
                        GError       **error)
{
  lxw_worksheet *sheet;
  lxw_error      lerr;
  int            errsv;

  /* In constant-memory mode the rows go to temporary files whose write
   * errors libxlsxwriter does not report: check them before packaging, so a
   * full disk never gives a truncated workbook. */
  LXW_FOREACH_WORKSHEET (sheet, book->workbook)
  {
    if (sheet->optimize_tmpfile == NULL)
      continue;
    errno = 0;
    if (fflush (sheet->optimize_tmpfile) != 0 || ferror (sheet->optimize_tmpfile))
      {
        errsv = errno != 0 ? errno : ENOSPC;
        _esc_export_set_io_error (error, errsv, book->target.path);
        _esc_export_book_abort (book);
        return FALSE;
      }
  }

  errno = 0;
  lerr = workbook_close (book->workbook);
  errsv = errno;
  book->workbook = NULL;

  if (lerr != LXW_NO_ERROR)
    {
      _esc_export_set_lxw_error (error, lerr, errsv, book->target.path);
      _esc_export_target_clear (&book->target);
      return FALSE;
    }

  if (!_esc_export_target_commit (&book->target, error))
    {
      _esc_export_target_clear (&book->target);
      return FALSE;
    }

  _esc_export_target_clear (&book->target);

  return TRUE;
}

void
_esc_export_book_set_properties (EscExportBook *book,
                                 const char    *title,
                                 const char    *subject,
                                 const char    *author,
                                 gint64         created)
{
  lxw_doc_properties properties = { 0 };

  properties.title = (char *) title;
  properties.subject = (char *) subject;
  properties.author = (char *) author;
  properties.company = (char *) _ ("ESC Assessor");
  properties.created = (time_t) created;
  workbook_set_properties (book->workbook, &properties);
}

void
_esc_export_sheet_setup (lxw_worksheet *sheet,
                         gboolean       landscape,
                         guint          n_header_rows,
                         const char    *page_header)
{
  worksheet_set_paper (sheet, 9); /* A4 */
  if (landscape)
    worksheet_set_landscape (sheet);
  else
    worksheet_set_portrait (sheet);
  worksheet_set_margins (sheet, 0.5, 0.5, 0.75, 0.75);
  worksheet_fit_to_pages (sheet, 1, 0);

  if (n_header_rows > 0)
    {
      worksheet_repeat_rows (sheet, 0, n_header_rows - 1);
      worksheet_freeze_panes (sheet, n_header_rows, 0);
    }

  if (page_header != NULL)
    {
      g_autofree char *escaped = _esc_export_header_text (page_header);
      g_autofree char *header = g_strdup_printf ("&L&\"" ESC_EXPORT_FONT ",Regular\"%s", escaped);

      worksheet_set_header (sheet, header);
    }
  worksheet_set_footer (sheet, "&C&\"" ESC_EXPORT_FONT ",Regular\"&P / &N");
}

static gboolean
needs_cleaning (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p < 0x20 && *p != '\n' && *p != '\t')
      return TRUE;

  return strlen (text) > MAX_CELL_BYTES || !g_utf8_validate (text, -1, NULL);
}

void
_esc_export_write_text (lxw_worksheet *sheet,
                        guint          row,
                        guint          col,
                        const char    *text,
                        lxw_format    *format)
{
  g_autofree char *clean = NULL;

  if (text == NULL || *text == '\0')
    return;

  if (needs_cleaning (text))
    {
      GString *out;

      clean = g_utf8_make_valid (text, -1);
      out = g_string_new (NULL);
      for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          gsize    len_before = out->len;

          if (c < 0x20 && c != '\n' && c != '\t')
            c = ' ';
          g_string_append_unichar (out, c);
          if (out->len > MAX_CELL_BYTES)
            {
              g_string_truncate (out, len_before);
              break;
            }
        }
      g_free (clean);
      clean = g_string_free (out, FALSE);
      text = clean;
    }

  /* worksheet_write_string() never makes a formula of "=…", "+…", "-…", "@…" */
  worksheet_write_string (sheet, row, col, text, format);
}

void
_esc_export_write_number (lxw_worksheet *sheet,
                          guint          row,
                          guint          col,
                          double         value,
                          lxw_format    *format)
{
  if (isnan (value) || isinf (value))
    return;

  worksheet_write_number (sheet, row, col, value, format);
}

double
_esc_export_fit_width (guint  text_width,
                       double min,
                       double max)
{
  /* TH Sarabun New at 14 pt is a little narrower than the default font */
  return CLAMP (text_width * 1.1 + 2, min, max);
}
