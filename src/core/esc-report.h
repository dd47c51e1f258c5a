/* esc-report.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One-page printed summaries (PDF, cairo + Pango): one per local government, one for
 * the province. Collecting the figures and drawing them are separate steps, so the
 * window can draw the same page and tests can draw hand-made figures.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_REPORT_PAGE_WIDTH  595.276 /* A4, points */
#define ESC_REPORT_PAGE_HEIGHT 841.890

typedef struct
{
  char  *label;
  double percent; /* < 0 when nothing is scored */
} EscSummaryBar;

typedef struct
{
  char      *title;    /* the local government's name */
  char      *subtitle; /* type, district, province */
  int        fiscal_year;
  char      *status;   /* participation this year */
  GPtrArray *bars;     /* EscSummaryBar *: the components */
  double     total_percent;     /* < 0 when there is no assessment */
  double     pass_mark_percent; /* < 0 when the type has none */
  GPtrArray *strengths; /* char * */
  GPtrArray *gaps;      /* char * */
  GPtrArray *prepare;   /* char * */
  char      *benefits;
  gint64     generated_at; /* unix seconds */
} EscLaoSummary;

typedef struct
{
  char *district;
  int   target; /* < 0 when none */
  int   actual;
} EscSummaryDistrict;

typedef struct
{
  char      *province;
  int        fiscal_year;
  guint      status_counts[7]; /* per EscParticipationStatus */
  int        target;           /* < 0 when none */
  int        actual;
  GPtrArray *districts;    /* EscSummaryDistrict * */
  GPtrArray *participants; /* char *: "name: status" */
  GPtrArray *prepare;      /* char * */
  char      *benefits;
  gint64     generated_at;
} EscProvinceSummary;

EscLaoSummary      *esc_lao_summary_new                (void);
void               esc_lao_summary_free               (EscLaoSummary      *report);
void               esc_lao_summary_add_bar            (EscLaoSummary      *report,
                                                      const char        *label,
                                                      double             percent);
/* Reads one local government's figures for a fiscal year from the store. */
EscLaoSummary      *esc_lao_summary_collect            (EscStore          *store,
                                                      const char        *lao_uuid,
                                                      int                fiscal_year,
                                                      GError           **error);
/* Draws the page on cr, in points, at the origin. */
void               esc_lao_summary_draw               (const EscLaoSummary *report,
                                                      cairo_t           *cr);
gboolean           esc_lao_summary_write_pdf          (const EscLaoSummary *report,
                                                      const char        *path,
                                                      GError           **error);

EscProvinceSummary *esc_province_summary_new           (void);
void               esc_province_summary_free          (EscProvinceSummary *report);
/* province NULL: the province of the local governments in the store. */
EscProvinceSummary *esc_province_summary_collect       (EscStore          *store,
                                                      const char        *province,
                                                      int                fiscal_year,
                                                      GError           **error);
void               esc_province_summary_draw          (const EscProvinceSummary *report,
                                                      cairo_t           *cr);
gboolean           esc_province_summary_write_pdf     (const EscProvinceSummary *report,
                                                      const char        *path,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscLaoSummary, esc_lao_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscProvinceSummary, esc_province_summary_free)

G_END_DECLS
