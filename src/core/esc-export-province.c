/* esc-export-province.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province workbook of a fiscal year: one row per local government, a
 * local government × indicator heat map, a summary per district and charts.
 * Written in constant-memory mode, row after row, so the national workbook
 * (7,850 local governments) stays small in memory.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "esc-export-private.h"

#define N_BINS 10

typedef struct
{
  char   *name;
  guint   n_laos;
  guint   n_assessed;
  guint   n_passed;
  double  total_sum;
  double *component_sum;
} District;

static void
district_free (District *district)
{
  g_free (district->name);
  g_free (district->component_sum);
  g_free (district);
}

static int
compare_districts (gconstpointer a,
                   gconstpointer b)
{
  const District *da = *(District **) a;
  const District *db = *(District **) b;

  return g_utf8_collate (da->name, db->name);
}

static void
report_progress (EscExportProgressFunc progress,
                 gpointer              progress_data,
                 double                fraction)
{
  if (progress != NULL)
    progress (fraction, C_ ("workbook", "Writing the province workbook"), progress_data);
}

/* Columns of the local-government sheet. */
static guint
write_lao_header (EscExportBook     *book,
                  EscProvinceReport *report,
                  lxw_worksheet     *sheet)
{
  guint col = 0;

  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "LAO code"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "Local government"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "District"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "Type"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "Assessment status"), book->header);
  for (guint i = 0; i < report->n_components; i++)
    {
      g_autofree char *title = g_strdup_printf (C_ ("workbook", "%s (percent)"), report->component_names[i]);

      _esc_export_write_text (sheet, 0, col++, title, book->header);
    }
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "Total (percent)"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "Verdict"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "Completeness (percent)"), book->header);

  return col;
}

static guint
write_matrix_header (EscExportBook     *book,
                     EscProvinceReport *report,
                     lxw_worksheet     *sheet)
{
  guint col = 0;

  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "LAO code"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "Local government"), book->header);
  _esc_export_write_text (sheet, 0, col++, C_ ("workbook", "District"), book->header);
  for (guint i = 0; i < report->n_indicators; i++)
    _esc_export_write_text (sheet, 0, col++, report->indicator_codes[i], book->header);

  return col;
}

gboolean
esc_province_report_write (EscProvinceReport    *report,
                           const char           *path,
                           EscExportFlags        flags,
                           EscExportProgressFunc progress,
                           gpointer              progress_data,
                           GCancellable         *cancellable,
                           GError              **error)
{
  EscExportBook          book;
  g_autoptr (GHashTable) district_index = NULL;
  g_autoptr (GPtrArray)  districts = NULL;
  g_autofree double     *component_sum = NULL;
  guint                  bins[N_BINS] = { 0 };
  guint                  n_assessed = 0;
  g_autofree char       *title = NULL;
  lxw_worksheet         *laos;
  lxw_worksheet         *matrix;
  lxw_worksheet         *district_sheet;
  lxw_worksheet         *charts;
  lxw_format            *heat;
  guint                  n_lao_cols;
  guint                  n_matrix_cols;
  guint                  widths[3] = { 0 };
  double                 max_points = 0;
  guint                  n_rows;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!_esc_export_book_open (&book, path, flags, TRUE, error))
    return FALSE;

  title = report->title != NULL
            ? g_strdup (report->title)
            : g_strdup_printf (C_ ("workbook", "ESC results of the local governments, fiscal year %d"), report->fiscal_year);
  _esc_export_book_set_properties (&book, title,
                                   C_ ("workbook", "Environmentally Sustainable City assessment, province overview"),
                                   NULL, report->exported_at);

  laos = workbook_add_worksheet (book.workbook, ESC_PROVINCE_SHEET_LAOS);
  matrix = workbook_add_worksheet (book.workbook, ESC_PROVINCE_SHEET_MATRIX);
  district_sheet = workbook_add_worksheet (book.workbook, ESC_PROVINCE_SHEET_DISTRICTS);
  charts = workbook_add_worksheet (book.workbook, ESC_PROVINCE_SHEET_CHARTS);
  if (laos == NULL || matrix == NULL || district_sheet == NULL || charts == NULL)
    {
      g_set_error_literal (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_FAILED,
                           C_ ("workbook", "The worksheets could not be created."));
      _esc_export_book_abort (&book);
      return FALSE;
    }

  heat = workbook_add_format (book.workbook);
  format_set_font_name (heat, ESC_EXPORT_FONT);
  format_set_font_size (heat, ESC_EXPORT_FONT_SIZE);
  format_set_num_format (heat, "0.00");
  format_set_align (heat, LXW_ALIGN_CENTER);

  /* The widths of the code, name and district columns, from the data. */
  widths[0] = _esc_export_text_width (C_ ("workbook", "LAO code"));
  widths[1] = _esc_export_text_width (C_ ("workbook", "Local government"));
  widths[2] = _esc_export_text_width (C_ ("workbook", "District"));
  for (guint i = 0; i < report->rows->len; i++)
    {
      EscProvinceRow *row = g_ptr_array_index (report->rows, i);

      widths[0] = MAX (widths[0], _esc_export_text_width (row->code));
      widths[1] = MAX (widths[1], _esc_export_text_width (row->name));
      widths[2] = MAX (widths[2], _esc_export_text_width (row->district));
    }
  for (guint i = 0; i < report->n_indicators; i++)
    max_points = MAX (max_points, report->indicator_max[i]);

  /* Column settings come before the rows in constant-memory mode. */
  worksheet_set_column (laos, 0, 0, _esc_export_fit_width (widths[0], 9, 14), NULL);
  worksheet_set_column (laos, 1, 1, _esc_export_fit_width (widths[1], 16, 40), NULL);
  worksheet_set_column (laos, 2, 2, _esc_export_fit_width (widths[2], 10, 24), NULL);
  worksheet_set_column (laos, 3, 4, 12, NULL);
  worksheet_set_column (laos, 5, 5 + report->n_components + 2, 12, NULL);
  worksheet_set_column (matrix, 0, 0, _esc_export_fit_width (widths[0], 9, 14), NULL);
  worksheet_set_column (matrix, 1, 1, _esc_export_fit_width (widths[1], 16, 40), NULL);
  worksheet_set_column (matrix, 2, 2, _esc_export_fit_width (widths[2], 10, 24), NULL);
  worksheet_set_column (matrix, 3, 3 + MAX (report->n_indicators, 1) - 1, 6, NULL);
  worksheet_set_column (district_sheet, 0, 0, _esc_export_fit_width (widths[2], 12, 24), NULL);
  worksheet_set_column (district_sheet, 1, 4 + report->n_components, 12, NULL);
  worksheet_set_column (charts, 0, 0, 36, NULL);
  worksheet_set_column (charts, 1, 1, 14, NULL);
  worksheet_set_column (charts, 3, 4, 16, NULL);

  worksheet_set_row (laos, 0, 48, NULL);
  n_lao_cols = write_lao_header (&book, report, laos);
  worksheet_set_row (matrix, 0, 24, NULL);
  n_matrix_cols = write_matrix_header (&book, report, matrix);

  district_index = g_hash_table_new (g_str_hash, g_str_equal);
  districts = g_ptr_array_new_with_free_func ((GDestroyNotify) district_free);
  component_sum = g_new0 (double, MAX (report->n_components, 1));

  n_rows = report->rows->len;
  for (guint i = 0; i < n_rows; i++)
    {
      EscProvinceRow *row = g_ptr_array_index (report->rows, i);
      guint           r = i + 1;
      guint           col = 0;
      const char     *district_name = row->district != NULL ? row->district : "";
      District       *district;

      if ((i & 0xff) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              _esc_export_book_abort (&book);
              return FALSE;
            }
          report_progress (progress, progress_data, 0.95 * i / n_rows);
        }

      _esc_export_write_text (laos, r, col++, row->code, book.text);
      _esc_export_write_text (laos, r, col++, row->name, book.text);
      _esc_export_write_text (laos, r, col++, row->district, book.text);
      _esc_export_write_text (laos, r, col++, row->type, book.text);
      _esc_export_write_text (laos, r, col++, row->status, book.text);
      for (guint c = 0; c < report->n_components; c++)
        _esc_export_write_number (laos, r, col++, row->component_percent[c], book.number);
      _esc_export_write_number (laos, r, col++, row->total_percent, book.number);
      _esc_export_write_text (laos, r, col++, row->verdict, book.text);
      _esc_export_write_number (laos, r, col++,
                                isnan (row->completeness) ? NAN : 100.0 * row->completeness,
                                book.number);

      col = 0;
      _esc_export_write_text (matrix, r, col++, row->code, book.text);
      _esc_export_write_text (matrix, r, col++, row->name, book.text);
      _esc_export_write_text (matrix, r, col++, row->district, book.text);
      for (guint k = 0; k < report->n_indicators; k++)
        _esc_export_write_number (matrix, r, col++, row->indicator_points[k], heat);

      district = g_hash_table_lookup (district_index, district_name);
      if (district == NULL)
        {
          district = g_new0 (District, 1);
          district->name = g_strdup (district_name);
          district->component_sum = g_new0 (double, MAX (report->n_components, 1));
          g_ptr_array_add (districts, district);
          g_hash_table_insert (district_index, district->name, district);
        }
      district->n_laos++;
      if (row->assessed && !isnan (row->total_percent))
        {
          guint bin = (guint) CLAMP (row->total_percent / (100.0 / N_BINS), 0, N_BINS - 1);

          district->n_assessed++;
          district->total_sum += row->total_percent;
          for (guint c = 0; c < report->n_components; c++)
            {
              double v = isnan (row->component_percent[c]) ? 0 : row->component_percent[c];

              district->component_sum[c] += v;
              component_sum[c] += v;
            }
          bins[bin]++;
          n_assessed++;
        }
      if (row->assessed && row->passed > 0)
        district->n_passed++;
    }

  worksheet_autofilter (laos, 0, 0, MAX (n_rows, 1), n_lao_cols - 1);
  worksheet_autofilter (matrix, 0, 0, MAX (n_rows, 1), n_matrix_cols - 1);
  worksheet_ignore_errors (laos, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A:A");
  worksheet_ignore_errors (matrix, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A:A");
  _esc_export_sheet_setup (laos, TRUE, 1, title);
  _esc_export_sheet_setup (matrix, TRUE, 1, title);
  worksheet_freeze_panes (matrix, 1, 2);
  worksheet_repeat_columns (matrix, 0, 1);

  if (n_rows > 0 && report->n_indicators > 0)
    {
      lxw_conditional_format scale = { 0 };

      scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
      scale.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
      scale.min_value = 0;
      scale.min_color = 0xF8696B;
      scale.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
      scale.mid_value = max_points / 2;
      scale.mid_color = 0xFFEB84;
      scale.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
      scale.max_value = max_points > 0 ? max_points : 1;
      scale.max_color = 0x63BE7B;
      worksheet_conditional_format_range (matrix, 1, 3, n_rows, 3 + report->n_indicators - 1, &scale);
    }

  /* Districts, in Thai order */
  g_ptr_array_sort (districts, compare_districts);
  {
    guint col = 0;

    worksheet_set_row (district_sheet, 0, 48, NULL);
    _esc_export_write_text (district_sheet, 0, col++, C_ ("workbook", "District"), book.header);
    _esc_export_write_text (district_sheet, 0, col++, C_ ("workbook", "Local governments"), book.header);
    _esc_export_write_text (district_sheet, 0, col++, C_ ("workbook", "Assessed"), book.header);
    _esc_export_write_text (district_sheet, 0, col++, C_ ("workbook", "Passed"), book.header);
    _esc_export_write_text (district_sheet, 0, col++, C_ ("workbook", "Average total (percent)"), book.header);
    for (guint c = 0; c < report->n_components; c++)
      {
        g_autofree char *t = g_strdup_printf (C_ ("workbook", "Average %s (percent)"), report->component_names[c]);

        _esc_export_write_text (district_sheet, 0, col++, t, book.header);
      }

    for (guint i = 0; i < districts->len; i++)
      {
        District *d = g_ptr_array_index (districts, i);
        guint     r = i + 1;

        col = 0;
        _esc_export_write_text (district_sheet, r, col++, d->name, book.text);
        _esc_export_write_number (district_sheet, r, col++, d->n_laos, book.integer);
        _esc_export_write_number (district_sheet, r, col++, d->n_assessed, book.integer);
        _esc_export_write_number (district_sheet, r, col++, d->n_passed, book.integer);
        _esc_export_write_number (district_sheet, r, col++,
                                  d->n_assessed > 0 ? d->total_sum / d->n_assessed : NAN, book.number);
        for (guint c = 0; c < report->n_components; c++)
          _esc_export_write_number (district_sheet, r, col++,
                                    d->n_assessed > 0 ? d->component_sum[c] / d->n_assessed : NAN,
                                    book.number);
      }
    worksheet_autofilter (district_sheet, 0, 0, MAX (districts->len, 1), col - 1);
    _esc_export_sheet_setup (district_sheet, TRUE, 1, title);
  }

  /* The data of the charts, then the charts */
  {
    guint             n_lines = MAX (report->n_components, N_BINS);
    lxw_chart        *averages;
    lxw_chart        *distribution;
    lxw_chart_series *series;
    g_autofree char  *categories = NULL;
    g_autofree char  *values = NULL;
    lxw_chart_font    axis_font = { 0 };

    axis_font.name = (char *) ESC_EXPORT_FONT;
    axis_font.size = ESC_EXPORT_FONT_SIZE;

    _esc_export_write_text (charts, 0, 0, C_ ("workbook", "Component"), book.header);
    _esc_export_write_text (charts, 0, 1, C_ ("workbook", "Average (percent)"), book.header);
    _esc_export_write_text (charts, 0, 3, C_ ("workbook", "Total (percent)"), book.header);
    _esc_export_write_text (charts, 0, 4, C_ ("workbook", "Local governments"), book.header);
    for (guint i = 0; i < n_lines; i++)
      {
        if (i < report->n_components)
          {
            _esc_export_write_text (charts, i + 1, 0, report->component_names[i], book.text);
            _esc_export_write_number (charts, i + 1, 1,
                                      n_assessed > 0 ? component_sum[i] / n_assessed : NAN, book.number);
          }
        if (i < N_BINS)
          {
            g_autofree char *label = g_strdup_printf ("%u–%u", i * (100 / N_BINS),
                                                      (i + 1) * (100 / N_BINS));

            _esc_export_write_text (charts, i + 1, 3, label, book.code);
            _esc_export_write_number (charts, i + 1, 4, bins[i], book.integer);
          }
      }
    _esc_export_sheet_setup (charts, TRUE, 1, title);

    averages = workbook_add_chart (book.workbook, LXW_CHART_COLUMN);
    categories = g_strdup_printf ("='%s'!$A$2:$A$%u", ESC_PROVINCE_SHEET_CHARTS, report->n_components + 1);
    values = g_strdup_printf ("='%s'!$B$2:$B$%u", ESC_PROVINCE_SHEET_CHARTS, report->n_components + 1);
    series = chart_add_series (averages, categories, values);
    chart_series_set_name (series, C_ ("workbook", "Average (percent)"));
    chart_series_set_labels (series);
    chart_title_set_name (averages, C_ ("workbook", "Average of each component (percent)"));
    chart_title_set_name_font (averages, &axis_font);
    chart_axis_set_num_font (averages->x_axis, &axis_font);
    chart_axis_set_min (averages->y_axis, 0);
    chart_axis_set_max (averages->y_axis, 100);
    chart_legend_set_position (averages, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart (charts, 1, 6, averages);

    distribution = workbook_add_chart (book.workbook, LXW_CHART_COLUMN);
    g_free (categories);
    g_free (values);
    categories = g_strdup_printf ("='%s'!$D$2:$D$%u", ESC_PROVINCE_SHEET_CHARTS, N_BINS + 1);
    values = g_strdup_printf ("='%s'!$E$2:$E$%u", ESC_PROVINCE_SHEET_CHARTS, N_BINS + 1);
    series = chart_add_series (distribution, categories, values);
    chart_series_set_name (series, C_ ("workbook", "Local governments"));
    chart_set_series_gap (distribution, 10);
    chart_title_set_name (distribution, C_ ("workbook", "Distribution of the total scores"));
    chart_title_set_name_font (distribution, &axis_font);
    chart_axis_set_name (distribution->x_axis, C_ ("workbook", "Total (percent)"));
    chart_axis_set_name (distribution->y_axis, C_ ("workbook", "Local governments"));
    chart_axis_set_name_font (distribution->x_axis, &axis_font);
    chart_axis_set_name_font (distribution->y_axis, &axis_font);
    chart_legend_set_position (distribution, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart (charts, 18, 6, distribution);
  }

  /* What the participants still lack for the central review, summed over them. */
  {
    lxw_worksheet *prepare = workbook_add_worksheet (book.workbook, ESC_PROVINCE_SHEET_PREPARE);
    guint          name_width = _esc_export_text_width (C_ ("workbook", "Indicator"));
    guint          laos_width = _esc_export_text_width (C_ ("workbook", "Local governments"));

    if (prepare == NULL)
      {
        g_set_error_literal (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_FAILED,
                             C_ ("workbook", "The worksheets could not be created."));
        _esc_export_book_abort (&book);
        return FALSE;
      }
    for (guint i = 0; i < report->prepare->len; i++)
      {
        EscExportPrepare *line = g_ptr_array_index (report->prepare, i);

        name_width = MAX (name_width, _esc_export_text_width (line->name));
        laos_width = MAX (laos_width, _esc_export_text_width (line->laos));
      }
    worksheet_set_column (prepare, 0, 0, 8, book.code);
    worksheet_set_column (prepare, 1, 1, _esc_export_fit_width (name_width, 20, 60), book.text);
    worksheet_set_column (prepare, 2, 2, 24, book.text);
    worksheet_set_column (prepare, 3, 3, 10, book.integer);
    worksheet_set_column (prepare, 4, 4, _esc_export_fit_width (laos_width, 20, 80), book.text);

    _esc_export_write_text (prepare, 0, 0, C_ ("workbook", "Code"), book.header);
    _esc_export_write_text (prepare, 0, 1, C_ ("workbook", "Indicator"), book.header);
    _esc_export_write_text (prepare, 0, 2, C_ ("workbook", "What is missing"), book.header);
    _esc_export_write_text (prepare, 0, 3, C_ ("workbook", "How many"), book.header);
    _esc_export_write_text (prepare, 0, 4, C_ ("workbook", "Local governments"), book.header);
    for (guint i = 0; i < report->prepare->len; i++)
      {
        EscExportPrepare *line = g_ptr_array_index (report->prepare, i);

        _esc_export_write_text (prepare, i + 1, 0, line->code, book.code);
        _esc_export_write_text (prepare, i + 1, 1, line->name, book.text);
        _esc_export_write_text (prepare, i + 1, 2, line->gap, book.text);
        _esc_export_write_number (prepare, i + 1, 3, line->n_laos, book.integer);
        _esc_export_write_text (prepare, i + 1, 4, line->laos, book.text);
      }
    _esc_export_sheet_setup (prepare, TRUE, 1, title);
  }

  report_progress (progress, progress_data, 0.97);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _esc_export_book_abort (&book);
      return FALSE;
    }

  if (!_esc_export_book_close (&book, error))
    return FALSE;

  report_progress (progress, progress_data, 1.0);

  return TRUE;
}
