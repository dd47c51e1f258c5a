/* esc-export-report.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain reports the workbook writers take.
 */
#include "config.h"

#include <math.h>

#include "esc-export.h"

G_DEFINE_QUARK (esc - export - error - quark, esc_export_error)

static void
esc_export_component_free (EscExportComponent *component)
{
  if (component == NULL)
    return;
  g_free (component->id);
  g_free (component->name);
  g_free (component);
}

EscExportComponent *
esc_export_component_new (const char *id,
                          const char *name,
                          double      points,
                          double      max,
                          double      percent)
{
  EscExportComponent *component = g_new0 (EscExportComponent, 1);

  component->id = g_strdup (id);
  component->name = g_strdup (name);
  component->points = points;
  component->max = max;
  component->percent = percent;

  return component;
}

static void
esc_export_item_free (EscExportItem *item)
{
  if (item == NULL)
    return;
  g_free (item->code);
  g_free (item->component);
  g_free (item->issue);
  g_free (item->name);
  g_free (item->status);
  g_free (item->checked);
  g_free (item->note);
  g_free (item->evidence);
  g_free (item);
}

EscExportItem *
esc_export_item_new (const char *code)
{
  EscExportItem *item = g_new0 (EscExportItem, 1);

  item->code = g_strdup (code);
  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    item->values[i] = NAN;
  item->lpa_percent = NAN;
  item->points = NAN;
  item->max = NAN;
  item->percent = NAN;

  return item;
}

EscExportDocument *
esc_export_document_new (void)
{
  return g_new0 (EscExportDocument, 1);
}

void
esc_export_document_free (EscExportDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->uuid);
  g_free (document->file_name);
  g_free (document->title);
  g_free (document->sha256);
  g_free (document->items);
  g_free (document);
}

EscExportLink *
esc_export_link_new (const char *item_code,
                     const char *document_uuid,
                     const char *title,
                     const char *sha256,
                     const char *pages)
{
  EscExportLink *link = g_new0 (EscExportLink, 1);

  link->item_code = g_strdup (item_code);
  link->document_uuid = g_strdup (document_uuid);
  link->title = g_strdup (title);
  link->sha256 = g_strdup (sha256);
  link->pages = g_strdup (pages);

  return link;
}

void
esc_export_link_free (EscExportLink *link)
{
  if (link == NULL)
    return;
  g_free (link->item_code);
  g_free (link->document_uuid);
  g_free (link->title);
  g_free (link->sha256);
  g_free (link->pages);
  g_free (link->mime);
  g_free (link);
}

EscSarReport *
esc_sar_report_new (void)
{
  EscSarReport *report = g_new0 (EscSarReport, 1);

  report->components = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_export_component_free);
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_export_item_free);
  report->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_export_document_free);
  report->links = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_export_link_free);
  report->history = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_history_entry_free);
  report->total_percent = NAN;
  report->pass_mark_percent = -1;
  report->passed = -1;

  return report;
}

void
esc_sar_report_free (EscSarReport *report)
{
  if (report == NULL)
    return;
  g_free (report->lao_code);
  g_free (report->lao_name);
  g_free (report->lao_type);
  g_free (report->district);
  g_free (report->province);
  g_free (report->kind);
  g_free (report->assessor);
  g_free (report->status);
  g_free (report->framework);
  for (guint i = 0; i < ESC_MAX_DIMENSIONS; i++)
    g_free (report->dimension_names[i]);
  g_ptr_array_unref (report->components);
  g_ptr_array_unref (report->items);
  g_ptr_array_unref (report->documents);
  g_ptr_array_unref (report->links);
  g_ptr_array_unref (report->history);
  g_free (report);
}

static void
esc_province_row_free (EscProvinceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->name);
  g_free (row->district);
  g_free (row->type);
  g_free (row->status);
  g_free (row->verdict);
  g_free (row->component_percent);
  g_free (row->indicator_points);
  g_free (row);
}

static void
esc_export_prepare_free (EscExportPrepare *prepare)
{
  g_free (prepare->code);
  g_free (prepare->name);
  g_free (prepare->gap);
  g_free (prepare->laos);
  g_free (prepare);
}

EscExportPrepare *
esc_export_prepare_new (const char *code,
                        const char *name,
                        const char *gap,
                        guint       n_laos,
                        const char *laos)
{
  EscExportPrepare *prepare = g_new0 (EscExportPrepare, 1);

  prepare->code = g_strdup (code);
  prepare->name = g_strdup (name);
  prepare->gap = g_strdup (gap);
  prepare->n_laos = n_laos;
  prepare->laos = g_strdup (laos);

  return prepare;
}

EscProvinceReport *
esc_province_report_new (int   fiscal_year,
                         guint n_components,
                         guint n_indicators)
{
  EscProvinceReport *report = g_new0 (EscProvinceReport, 1);

  report->fiscal_year = fiscal_year;
  report->n_components = n_components;
  report->component_names = g_new0 (char *, n_components + 1);
  report->n_indicators = n_indicators;
  report->indicator_codes = g_new0 (char *, n_indicators + 1);
  report->indicator_max = g_new0 (double, n_indicators);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_province_row_free);
  report->prepare = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_export_prepare_free);

  return report;
}

void
esc_province_report_free (EscProvinceReport *report)
{
  if (report == NULL)
    return;
  g_free (report->title);
  g_strfreev (report->component_names);
  g_strfreev (report->indicator_codes);
  g_free (report->indicator_max);
  g_ptr_array_unref (report->rows);
  g_ptr_array_unref (report->prepare);
  g_free (report);
}

EscProvinceRow *
esc_province_row_new (EscProvinceReport *report)
{
  EscProvinceRow *row = g_new0 (EscProvinceRow, 1);

  row->component_percent = g_new (double, MAX (report->n_components, 1));
  for (guint i = 0; i < report->n_components; i++)
    row->component_percent[i] = NAN;
  row->indicator_points = g_new (double, MAX (report->n_indicators, 1));
  for (guint i = 0; i < report->n_indicators; i++)
    row->indicator_points[i] = NAN;
  row->total_percent = NAN;
  row->completeness = NAN;
  row->passed = -1;

  return row;
}
