/* esc-export-sar.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SAR workbook of one assessment: a summary, one row per indicator (and
 * part), and the evidence documents.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "esc-export-private.h"
#include "esc-thai.h"

static void
write_pair (EscExportBook *book,
            lxw_worksheet *sheet,
            guint         *row,
            const char    *label,
            const char    *value)
{
  _esc_export_write_text (sheet, *row, 0, label, book->label);
  _esc_export_write_text (sheet, *row, 1, value, book->wrap);
  (*row)++;
}

static void
write_pair_number (EscExportBook *book,
                   lxw_worksheet *sheet,
                   guint         *row,
                   const char    *label,
                   double         value,
                   lxw_format    *format)
{
  _esc_export_write_text (sheet, *row, 0, label, book->label);
  _esc_export_write_number (sheet, *row, 1, value, format);
  (*row)++;
}

static void
write_summary (EscExportBook *book,
               EscSarReport  *report,
               lxw_worksheet *sheet)
{
  g_autofree char *title = NULL;
  g_autofree char *created = esc_thai_format_timestamp (report->created_at, TRUE);
  g_autofree char *updated = esc_thai_format_timestamp (report->updated_at, TRUE);
  g_autofree char *exported = esc_thai_format_timestamp (report->exported_at, TRUE);
  const char      *verdict;
  guint            row = 0;
  guint            label_width = 0;
  guint            value_width = 0;

  title = g_strdup_printf (C_ ("workbook", "ESC self-assessment of %s, fiscal year %d"),
                           report->lao_name ? report->lao_name : "", report->fiscal_year);
  _esc_export_write_text (sheet, row++, 0, title, book->title);
  row++;

  write_pair (book, sheet, &row, C_ ("workbook", "LAO code"), report->lao_code);
  write_pair (book, sheet, &row, C_ ("workbook", "Local government"), report->lao_name);
  write_pair (book, sheet, &row, C_ ("workbook", "Type"), report->lao_type);
  write_pair (book, sheet, &row, C_ ("workbook", "District"), report->district);
  write_pair (book, sheet, &row, C_ ("workbook", "Province"), report->province);
  write_pair_number (book, sheet, &row, C_ ("workbook", "Fiscal year"), report->fiscal_year, book->integer);
  write_pair (book, sheet, &row, C_ ("workbook", "Kind of assessment"), report->kind);
  write_pair (book, sheet, &row, C_ ("workbook", "Assessor"), report->assessor);
  write_pair (book, sheet, &row, C_ ("workbook", "Status"), report->status);
  write_pair (book, sheet, &row, C_ ("workbook", "Framework"), report->framework);
  write_pair (book, sheet, &row, C_ ("workbook", "Created"), created);
  write_pair (book, sheet, &row, C_ ("workbook", "Last changed"), updated);
  write_pair (book, sheet, &row, C_ ("workbook", "Exported"), exported);
  row++;

  _esc_export_write_text (sheet, row, 0, C_ ("workbook", "Component"), book->header);
  _esc_export_write_text (sheet, row, 1, C_ ("workbook", "Name"), book->header);
  _esc_export_write_text (sheet, row, 2, C_ ("workbook", "Points"), book->header);
  _esc_export_write_text (sheet, row, 3, C_ ("workbook", "Maximum"), book->header);
  _esc_export_write_text (sheet, row, 4, C_ ("workbook", "Percent"), book->header);
  row++;
  for (guint i = 0; i < report->components->len; i++)
    {
      EscExportComponent *component = g_ptr_array_index (report->components, i);

      _esc_export_write_text (sheet, row, 0, component->id, book->code);
      _esc_export_write_text (sheet, row, 1, component->name, book->wrap);
      _esc_export_write_number (sheet, row, 2, component->points, book->number);
      _esc_export_write_number (sheet, row, 3, component->max, book->number);
      _esc_export_write_number (sheet, row, 4, component->percent, book->number);
      value_width = MAX (value_width, _esc_export_text_width (component->name));
      row++;
    }
  _esc_export_write_text (sheet, row, 1, C_ ("workbook", "Total (percent)"), book->label);
  _esc_export_write_number (sheet, row, 4, report->total_percent, book->number);
  row += 2;

  if (report->pass_mark_percent >= 0)
    write_pair_number (book, sheet, &row, C_ ("workbook", "Pass mark (percent)"), report->pass_mark_percent, book->number);
  else
    write_pair (book, sheet, &row, C_ ("workbook", "Pass mark (percent)"), C_ ("workbook", "none for this type"));

  if (report->passed > 0)
    verdict = C_ ("workbook", "Passed");
  else if (report->passed == 0)
    verdict = C_ ("workbook", "Not passed");
  else
    verdict = C_ ("workbook", "No pass mark");
  write_pair (book, sheet, &row, C_ ("workbook", "Verdict"), verdict);
  write_pair_number (book, sheet, &row, C_ ("workbook", "Indicators scored"), report->n_complete, book->integer);
  write_pair_number (book, sheet, &row, C_ ("workbook", "Indicators"), report->n_indicators, book->integer);
  write_pair_number (book, sheet, &row, C_ ("workbook", "Indicators with evidence"), report->n_with_evidence, book->integer);
  write_pair_number (book, sheet, &row, C_ ("workbook", "Completeness (percent)"),
                     report->n_indicators > 0 ? 100.0 * report->n_complete / report->n_indicators : NAN,
                     book->number);

  label_width = MAX (_esc_export_text_width (C_ ("workbook", "Indicators with evidence")),
                     _esc_export_text_width (C_ ("workbook", "Completeness (percent)")));
  value_width = MAX (value_width, _esc_export_text_width (report->lao_name));
  value_width = MAX (value_width, _esc_export_text_width (report->framework));
  worksheet_set_column (sheet, 0, 0, _esc_export_fit_width (label_width, 12, 30), NULL);
  worksheet_set_column (sheet, 1, 1, _esc_export_fit_width (value_width, 20, 50), NULL);
  worksheet_set_column (sheet, 2, 4, 12, NULL);
  _esc_export_sheet_setup (sheet, FALSE, 1, report->lao_name);
}

typedef struct
{
  const char *title;
  double      min;
  double      max;
  gboolean    wrap;
} Column;

static void
write_items (EscExportBook *book,
             EscSarReport  *report,
             lxw_worksheet *sheet)
{
  g_autoptr (GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autofree guint  *widths = NULL;
  guint              n_fixed;
  guint              col;
  guint              last_row;

#define ADD_COLUMN(t, mn, mx, w)          \
  G_STMT_START                            \
  {                                       \
    Column c_ = { (t), (mn), (mx), (w) }; \
    g_array_append_val (columns, c_);     \
  }                                       \
  G_STMT_END

  ADD_COLUMN (C_ ("workbook", "No."), 6, 8, FALSE);
  ADD_COLUMN (C_ ("workbook", "Component"), 12, 24, TRUE);
  ADD_COLUMN (C_ ("workbook", "Issue"), 12, 24, TRUE);
  ADD_COLUMN (C_ ("workbook", "Indicator"), 20, 45, TRUE);
  n_fixed = columns->len;
  for (guint i = 0; i < report->n_dimensions; i++)
    ADD_COLUMN (report->dimension_names[i], 9, 12, FALSE);
  ADD_COLUMN (C_ ("workbook", "LPA score (percent)"), 10, 12, FALSE);
  ADD_COLUMN (C_ ("workbook", "Points"), 9, 12, FALSE);
  ADD_COLUMN (C_ ("workbook", "Maximum"), 9, 12, FALSE);
  ADD_COLUMN (C_ ("workbook", "Percent"), 9, 12, FALSE);
  ADD_COLUMN (C_ ("workbook", "Status"), 10, 18, TRUE);
  ADD_COLUMN (C_ ("workbook", "Criteria met"), 9, 14, TRUE);
  ADD_COLUMN (C_ ("workbook", "Note"), 20, 50, TRUE);
  ADD_COLUMN (C_ ("workbook", "Evidence"), 20, 50, TRUE);
#undef ADD_COLUMN

  widths = g_new0 (guint, columns->len);
  for (col = 0; col < columns->len; col++)
    {
      Column *c = &g_array_index (columns, Column, col);

      _esc_export_write_text (sheet, 0, col, c->title, book->header);
      widths[col] = _esc_export_text_width (c->title);
    }
  worksheet_set_row (sheet, 0, 40, NULL);

  for (guint i = 0; i < report->items->len; i++)
    {
      EscExportItem *item = g_ptr_array_index (report->items, i);
      guint          row = i + 1;
      const char    *texts[4] = { item->code, item->component, item->issue, item->name };

      for (col = 0; col < 4; col++)
        {
          _esc_export_write_text (sheet, row, col, texts[col], col == 0 ? book->code : book->wrap);
          widths[col] = MAX (widths[col], _esc_export_text_width (texts[col]));
        }
      for (guint d = 0; d < report->n_dimensions; d++)
        _esc_export_write_number (sheet, row, col++, item->values[d], book->number);
      _esc_export_write_number (sheet, row, col++, item->lpa_percent, book->number);
      _esc_export_write_number (sheet, row, col++, item->points, book->number);
      _esc_export_write_number (sheet, row, col++, item->max, book->number);
      _esc_export_write_number (sheet, row, col++, item->percent, book->number);
      _esc_export_write_text (sheet, row, col, item->status, book->wrap);
      widths[col] = MAX (widths[col], _esc_export_text_width (item->status));
      col++;
      _esc_export_write_text (sheet, row, col, item->checked, book->wrap);
      widths[col] = MAX (widths[col], _esc_export_text_width (item->checked));
      col++;
      _esc_export_write_text (sheet, row, col, item->note, book->wrap);
      widths[col] = MAX (widths[col], _esc_export_text_width (item->note));
      col++;
      _esc_export_write_text (sheet, row, col, item->evidence, book->wrap);
      widths[col] = MAX (widths[col], _esc_export_text_width (item->evidence));
    }

  for (col = 0; col < columns->len; col++)
    {
      Column *c = &g_array_index (columns, Column, col);

      worksheet_set_column (sheet, col, col, _esc_export_fit_width (widths[col], c->min, c->max), NULL);
    }

  last_row = MAX (report->items->len, 1);
  worksheet_autofilter (sheet, 0, 0, last_row, columns->len - 1);
  worksheet_ignore_errors (sheet, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A:A");
  _esc_export_sheet_setup (sheet, TRUE, 1, report->lao_name);
  (void) n_fixed;
}

static void
write_documents (EscExportBook *book,
                 EscSarReport  *report,
                 lxw_worksheet *sheet)
{
  const char *titles[] = {
    C_ ("workbook", "File name"),
    C_ ("workbook", "Title"),
    C_ ("workbook", "SHA-256"),
    C_ ("workbook", "Size (bytes)"),
    C_ ("workbook", "Pages"),
    C_ ("workbook", "Used by indicators"),
  };
  guint widths[G_N_ELEMENTS (titles)];

  for (guint col = 0; col < G_N_ELEMENTS (titles); col++)
    {
      _esc_export_write_text (sheet, 0, col, titles[col], book->header);
      widths[col] = _esc_export_text_width (titles[col]);
    }
  worksheet_set_row (sheet, 0, 40, NULL);

  for (guint i = 0; i < report->documents->len; i++)
    {
      EscExportDocument *document = g_ptr_array_index (report->documents, i);
      guint              row = i + 1;

      _esc_export_write_text (sheet, row, 0, document->file_name, book->wrap);
      _esc_export_write_text (sheet, row, 1, document->title, book->wrap);
      _esc_export_write_text (sheet, row, 2, document->sha256, book->text);
      _esc_export_write_number (sheet, row, 3, document->size, book->bytes);
      _esc_export_write_number (sheet, row, 4, document->n_pages, book->integer);
      _esc_export_write_text (sheet, row, 5, document->items, book->wrap);
      widths[0] = MAX (widths[0], _esc_export_text_width (document->file_name));
      widths[1] = MAX (widths[1], _esc_export_text_width (document->title));
      widths[5] = MAX (widths[5], _esc_export_text_width (document->items));
    }

  worksheet_set_column (sheet, 0, 0, _esc_export_fit_width (widths[0], 16, 40), NULL);
  worksheet_set_column (sheet, 1, 1, _esc_export_fit_width (widths[1], 20, 50), NULL);
  worksheet_set_column (sheet, 2, 2, 66, NULL);
  worksheet_set_column (sheet, 3, 4, 12, NULL);
  worksheet_set_column (sheet, 5, 5, _esc_export_fit_width (widths[5], 12, 30), NULL);
  worksheet_autofilter (sheet, 0, 0, MAX (report->documents->len, 1), G_N_ELEMENTS (titles) - 1);
  _esc_export_sheet_setup (sheet, TRUE, 1, report->lao_name);
}

static void
write_history (EscExportBook *book,
               EscSarReport  *report,
               lxw_worksheet *sheet)
{
  const char *titles[] = {
    C_ ("workbook", "When"),
    C_ ("workbook", "Who"),
    C_ ("workbook", "Indicator"),
    C_ ("workbook", "What changed"),
    C_ ("workbook", "Old value"),
    C_ ("workbook", "New value"),
    C_ ("workbook", "Reason"),
  };
  guint widths[G_N_ELEMENTS (titles)];

  for (guint col = 0; col < G_N_ELEMENTS (titles); col++)
    {
      _esc_export_write_text (sheet, 0, col, titles[col], book->header);
      widths[col] = _esc_export_text_width (titles[col]);
    }
  worksheet_set_row (sheet, 0, 40, NULL);

  for (guint i = 0; i < report->history->len; i++)
    {
      EscHistoryEntry *entry = g_ptr_array_index (report->history, i);
      g_autofree char *when = esc_thai_format_timestamp (entry->at, TRUE);
      g_autofree char *what = esc_history_entry_describe (entry);
      const char      *cells[] = { when, entry->author, entry->item_code, what,
                                   entry->old_value, entry->new_value, entry->reason };
      guint            row = i + 1;

      for (guint col = 0; col < G_N_ELEMENTS (cells); col++)
        {
          _esc_export_write_text (sheet, row, col, cells[col] ? cells[col] : "", col >= 3 ? book->wrap : book->text);
          widths[col] = MAX (widths[col], _esc_export_text_width (cells[col] ? cells[col] : ""));
        }
    }

  for (guint col = 0; col < G_N_ELEMENTS (titles); col++)
    worksheet_set_column (sheet, col, col, _esc_export_fit_width (widths[col], 10, col >= 3 ? 40 : 24), NULL);
  worksheet_autofilter (sheet, 0, 0, MAX (report->history->len, 1), G_N_ELEMENTS (titles) - 1);
  _esc_export_sheet_setup (sheet, TRUE, 1, report->lao_name);
}

gboolean
esc_sar_report_write (EscSarReport  *report,
                      const char    *path,
                      EscExportFlags flags,
                      GCancellable  *cancellable,
                      GError       **error)
{
  EscExportBook    book;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  lxw_worksheet   *summary;
  lxw_worksheet   *items;
  lxw_worksheet   *documents;
  lxw_worksheet   *history;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!_esc_export_book_open (&book, path, flags, FALSE, error))
    return FALSE;

  title = g_strdup_printf (C_ ("workbook", "ESC self-assessment of %s, fiscal year %d"),
                           report->lao_name ? report->lao_name : "", report->fiscal_year);
  subject = g_strdup (C_ ("workbook", "Environmentally Sustainable City assessment for the SAR system"));
  _esc_export_book_set_properties (&book, title, subject, report->assessor, report->exported_at);

  /* The sheet names are what the SAR upload expects, in every language. */
  summary = workbook_add_worksheet (book.workbook, ESC_SAR_SHEET_SUMMARY);
  items = workbook_add_worksheet (book.workbook, ESC_SAR_SHEET_INDICATORS);
  documents = workbook_add_worksheet (book.workbook, ESC_SAR_SHEET_EVIDENCE);
  history = workbook_add_worksheet (book.workbook, ESC_SAR_SHEET_HISTORY);
  if (summary == NULL || items == NULL || documents == NULL || history == NULL)
    {
      g_set_error_literal (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_FAILED,
                           C_ ("workbook", "The worksheets could not be created."));
      _esc_export_book_abort (&book);
      return FALSE;
    }

  write_summary (&book, report, summary);
  write_items (&book, report, items);
  write_documents (&book, report, documents);
  write_history (&book, report, history);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _esc_export_book_abort (&book);
      return FALSE;
    }

  return _esc_export_book_close (&book, error);
}
