/* esc-report.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "esc-province.h"
#include "esc-report.h"
#include "esc-scoring.h"
#include "esc-thai.h"

/* Laksaman is Debian's free TH Sarabun-style face, the one Thai official documents use;
 * the others are fallbacks that fontconfig may pick instead. */
#define FONT_FAMILY "Laksaman, TH Sarabun New, Garuda, Loma, sans"
#define MARGIN 42.0
#define STRENGTH_PERCENT 80.0
#define MAX_LINES_IN_LIST 40

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       left;
  double       width;
  double       y;
  double       bottom;
} Page;

static void
page_init (Page    *page,
           cairo_t *cr)
{
  PangoContext *context;

  page->cr = cr;
  page->layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (page->layout);
  /* One point of font size is one unit of the page. */
  pango_cairo_context_set_resolution (context, 72.0);
  pango_layout_context_changed (page->layout);
  pango_layout_set_wrap (page->layout, PANGO_WRAP_WORD_CHAR);
  page->left = MARGIN;
  page->width = ESC_REPORT_PAGE_WIDTH - 2 * MARGIN;
  page->y = MARGIN;
  page->bottom = ESC_REPORT_PAGE_HEIGHT - MARGIN - 18;
}

static void
page_clear (Page *page)
{
  g_clear_object (&page->layout);
}

static void
set_font (Page    *page,
          double   size,
          gboolean bold)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (page->layout, desc);
}

/* Lays text out at (x, y) in width; returns its height without drawing when dry. */
static double
layout_text (Page       *page,
             const char *text,
             double      x,
             double      y,
             double      width,
             double      max_height,
             gboolean    draw)
{
  int w, h;

  pango_layout_set_width (page->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_height (page->layout, max_height > 0 ? (int) (max_height * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (page->layout, max_height > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (page->layout, text, -1);
  pango_layout_get_size (page->layout, &w, &h);

  if (draw)
    {
      cairo_move_to (page->cr, x, y);
      pango_cairo_show_layout (page->cr, page->layout);
    }

  return (double) h / PANGO_SCALE;
}

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
draw_heading (Page       *page,
              const char *text,
              double      x,
              double      width)
{
  set_color (page->cr, 0x1c5d3a);
  set_font (page, 16, TRUE);
  page->y += layout_text (page, text, x, page->y, width, -1, TRUE) + 2;
  cairo_set_line_width (page->cr, 0.8);
  cairo_move_to (page->cr, x, page->y);
  cairo_line_to (page->cr, x + width, page->y);
  cairo_stroke (page->cr);
  page->y += 4;
  set_color (page->cr, 0x000000);
}

/* A bulleted list that stops where it would pass limit, saying how many were left. */
static double
draw_list (Page       *page,
           const char *heading,
           GPtrArray  *items,
           const char *empty_text,
           double      x,
           double      y,
           double      width,
           double      limit)
{
  double start = y;
  double line = 0;

  page->y = y;
  draw_heading (page, heading, x, width);
  y = page->y;
  set_font (page, 14, FALSE);
  line = layout_text (page, "Ag", x, y, width, -1, FALSE);

  if (items == NULL || items->len == 0)
    {
      set_color (page->cr, 0x666666);
      y += layout_text (page, empty_text, x, y, width, -1, TRUE);
      set_color (page->cr, 0x000000);
      return y - start;
    }

  for (guint i = 0; i < items->len; i++)
    {
      const char *text = g_ptr_array_index (items, i);
      double      h = layout_text (page, text, x + 10, y, width - 10, 3 * line, FALSE);
      guint       left = items->len - i;

      /* Keep a line for "and N more" unless this is the last item. */
      if (y + h > limit - (left > 1 ? line : 0))
        {
          g_autofree char *more = NULL;

          set_color (page->cr, 0x666666);
          more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", left),
                                  left);
          y += layout_text (page, more, x + 10, y, width - 10, -1, TRUE);
          set_color (page->cr, 0x000000);
          break;
        }

      layout_text (page, "•", x, y, 10, -1, TRUE);
      y += layout_text (page, text, x + 10, y, width - 10, 3 * line, TRUE) + 1;
    }

  return y - start;
}

static char *
format_percent (double percent)
{
  if (percent < 0)
    return g_strdup ("–");
  return g_strdup_printf ("%.1f %%", percent);
}

static void
draw_footer (Page  *page,
             gint64 generated_at)
{
  g_autofree char *date = esc_thai_format_timestamp (generated_at, esc_province_use_thai ());
  g_autofree char *text = g_strdup_printf (_ ("Printed %s by ESC Assessor"), date);

  set_color (page->cr, 0x666666);
  set_font (page, 11, FALSE);
  layout_text (page, text, page->left, ESC_REPORT_PAGE_HEIGHT - MARGIN, page->width, -1, TRUE);
  set_color (page->cr, 0x000000);
}

static void
draw_title (Page       *page,
            const char *kicker,
            const char *title,
            const char *subtitle)
{
  set_color (page->cr, 0x1c5d3a);
  cairo_rectangle (page->cr, 0, 0, ESC_REPORT_PAGE_WIDTH, 8);
  cairo_fill (page->cr);

  set_color (page->cr, 0x444444);
  set_font (page, 13, FALSE);
  page->y += layout_text (page, kicker, page->left, page->y, page->width, -1, TRUE);
  set_color (page->cr, 0x000000);
  set_font (page, 26, TRUE);
  page->y += layout_text (page, title, page->left, page->y, page->width, -1, TRUE);
  if (subtitle != NULL && subtitle[0] != '\0')
    {
      set_font (page, 15, FALSE);
      page->y += layout_text (page, subtitle, page->left, page->y, page->width, -1, TRUE);
    }
  page->y += 8;
}

static void
draw_bars (Page                *page,
           const EscLaoSummary *report)
{
  double label_width = 235;
  double value_width = 56;
  double bar_x = page->left + label_width + 6;
  double bar_width = page->width - label_width - value_width - 12;
  double row = 22;
  guint  n = report->bars->len + 1;
  double top;

  draw_heading (page, _ ("Scores by component against the pass mark"), page->left, page->width);
  top = page->y;

  for (guint i = 0; i < n; i++)
    {
      gboolean             total = i == report->bars->len;
      const EscSummaryBar *bar = total ? NULL : g_ptr_array_index (report->bars, i);
      const char          *label = total ? _ ("Total") : bar->label;
      double               percent = total ? report->total_percent : bar->percent;
      double               y = top + i * row;
      g_autofree char     *value = format_percent (percent);

      set_font (page, 14, total);
      set_color (page->cr, 0x000000);
      layout_text (page, label, page->left, y + 1, label_width, row - 2, TRUE);

      set_color (page->cr, 0xeeeeee);
      cairo_rectangle (page->cr, bar_x, y + 4, bar_width, row - 8);
      cairo_fill (page->cr);
      if (percent >= 0)
        {
          gboolean passes = report->pass_mark_percent < 0 || percent >= report->pass_mark_percent;

          set_color (page->cr, passes ? 0x2e8b57 : 0xe08a1e);
          cairo_rectangle (page->cr, bar_x, y + 4, bar_width * MIN (percent, 100) / 100.0, row - 8);
          cairo_fill (page->cr);
        }
      set_color (page->cr, 0x000000);
      layout_text (page, value, bar_x + bar_width + 6, y + 1, value_width, -1, TRUE);
    }

  if (report->pass_mark_percent >= 0)
    {
      double           x = bar_x + bar_width * report->pass_mark_percent / 100.0;
      double           dashes[] = { 3, 2 };
      g_autofree char *text = g_strdup_printf (_ ("pass mark %.0f %%"), report->pass_mark_percent);

      set_color (page->cr, 0xb22222);
      cairo_set_line_width (page->cr, 1.2);
      cairo_set_dash (page->cr, dashes, 2, 0);
      cairo_move_to (page->cr, x, top);
      cairo_line_to (page->cr, x, top + n * row);
      cairo_stroke (page->cr);
      cairo_set_dash (page->cr, NULL, 0, 0);
      set_font (page, 10, FALSE);
      layout_text (page, text, x - 40, top + n * row, 80, -1, TRUE);
      set_color (page->cr, 0x000000);
    }

  page->y = top + n * row + 16;
}

EscLaoSummary *
esc_lao_summary_new (void)
{
  EscLaoSummary *report = g_new0 (EscLaoSummary, 1);

  report->bars = g_ptr_array_new ();
  report->strengths = g_ptr_array_new_with_free_func (g_free);
  report->gaps = g_ptr_array_new_with_free_func (g_free);
  report->prepare = g_ptr_array_new_with_free_func (g_free);
  report->total_percent = -1;
  report->pass_mark_percent = -1;
  report->benefits = g_strdup ("");
  report->title = g_strdup ("");
  report->subtitle = g_strdup ("");
  report->status = g_strdup ("");
  report->generated_at = g_get_real_time () / G_USEC_PER_SEC;

  return report;
}

static void
summary_bar_free (EscSummaryBar *bar)
{
  g_free (bar->label);
  g_free (bar);
}

void
esc_lao_summary_free (EscLaoSummary *report)
{
  if (report == NULL)
    return;

  g_ptr_array_set_free_func (report->bars, (GDestroyNotify) summary_bar_free);
  g_ptr_array_unref (report->bars);
  g_ptr_array_unref (report->strengths);
  g_ptr_array_unref (report->gaps);
  g_ptr_array_unref (report->prepare);
  g_free (report->title);
  g_free (report->subtitle);
  g_free (report->status);
  g_free (report->benefits);
  g_free (report);
}

void
esc_lao_summary_add_bar (EscLaoSummary *report,
                         const char    *label,
                         double         percent)
{
  EscSummaryBar *bar = g_new0 (EscSummaryBar, 1);

  bar->label = g_strdup (label);
  bar->percent = percent;
  g_ptr_array_add (report->bars, bar);
}

void
esc_lao_summary_draw (const EscLaoSummary *report,
                      cairo_t             *cr)
{
  Page             page;
  g_autofree char *kicker = NULL;
  g_autofree char *status = NULL;
  double           column;
  double           h1, h2;
  double           limit;
  double           top;

  g_return_if_fail (report != NULL);

  cairo_save (cr);
  set_color (cr, 0xffffff);
  cairo_paint (cr);
  page_init (&page, cr);

  kicker = g_strdup_printf (_ ("Environmentally Sustainable City: summary for fiscal year %d"),
                            report->fiscal_year);
  draw_title (&page, kicker, report->title, report->subtitle);

  if (report->status[0] != '\0')
    {
      status = g_strdup_printf (_ ("Participation: %s"), report->status);
      set_font (&page, 14, FALSE);
      page.y += layout_text (&page, status, page.left, page.y, page.width, -1, TRUE) + 6;
    }

  draw_bars (&page, report);

  /* Strengths and gaps side by side, then what to prepare, then the benefits. */
  column = (page.width - 16) / 2;
  top = page.y;
  limit = top + 150;
  h1 = draw_list (&page, _ ("Strengths"), report->strengths,
                  /* xgettext:no-c-format */
                  _ ("No indicator scores 80 % or more yet"), page.left, top, column, limit);
  h2 = draw_list (&page, _ ("Gaps"), report->gaps, _ ("No indicator falls below the pass mark"),
                  page.left + column + 16, top, column, limit);
  page.y = top + MAX (h1, h2) + 10;

  limit = MIN (page.bottom - 110, page.y + 230);
  page.y += draw_list (&page, _ ("What to prepare next"), report->prepare,
                       _ ("Nothing is missing for the central review"),
                       page.left, page.y, page.width, limit) +
            10;

  draw_heading (&page, _ ("What the local government gains by taking part"), page.left, page.width);
  set_font (&page, 14, FALSE);
  layout_text (&page,
               report->benefits[0] != '\0' ? report->benefits
                                           : _ ("The working group has not written the benefits yet."),
               page.left, page.y, page.width, page.bottom - page.y, TRUE);

  draw_footer (&page, report->generated_at);
  page_clear (&page);
  cairo_restore (cr);
}

static gboolean
write_pdf (const char *path,
           void (*draw) (gconstpointer, cairo_t *),
           gconstpointer report,
           GError      **error)
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  cairo_status_t   status;

  surface = cairo_pdf_surface_create (path, ESC_REPORT_PAGE_WIDTH, ESC_REPORT_PAGE_HEIGHT);
  cr = cairo_create (surface);
  draw (report, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not write the PDF “%s”: %s; check that the folder exists and "
                      "can be written to"),
                   display, cairo_status_to_string (status));
      g_unlink (path);
      return FALSE;
    }

  return TRUE;
}

gboolean
esc_lao_summary_write_pdf (const EscLaoSummary *report,
                           const char          *path,
                           GError             **error)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_pdf (path, (void (*) (gconstpointer, cairo_t *)) esc_lao_summary_draw, report, error);
}

static const char *
lao_type_name (EscFramework *framework,
               const char   *type_id)
{
  const EscLaoType *type = framework ? esc_framework_lookup_lao_type (framework, type_id) : NULL;

  if (type == NULL)
    return type_id;
  return esc_text_get (&type->name, esc_province_use_thai ());
}

static char *
participation_text (const EscParticipation *p)
{
  GString *text = g_string_new (esc_participation_status_get_label (p->status));

  if (p->status == ESC_PARTICIPATION_RESULT)
    g_string_append_printf (text, " %s", esc_participation_result_get_label (p->result));
  if (p->volunteered)
    g_string_append_printf (text, " · %s", _ ("volunteered"));
  if (p->took_part_before)
    g_string_append_printf (text, " · %s", _ ("took part before"));

  return g_string_free (text, FALSE);
}

EscLaoSummary *
esc_lao_summary_collect (EscStore   *store,
                         const char *lao_uuid,
                         int         fiscal_year,
                         GError    **error)
{
  g_autoptr (EscLaoSummary)    report = NULL;
  g_autoptr (EscLao)           lao = NULL;
  g_autoptr (EscParticipation) participation = NULL;
  g_autoptr (EscAssessment)    assessment = NULL;
  g_autoptr (EscFramework)     framework = NULL;
  g_autoptr (GError)           local_error = NULL;
  gboolean                     thai = esc_province_use_thai ();
  GString                     *subtitle;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);
  g_return_val_if_fail (lao_uuid != NULL, NULL);

  lao = esc_store_get_lao (store, lao_uuid, error);
  if (lao == NULL)
    return NULL;
  participation = esc_store_get_participation (store, lao_uuid, fiscal_year, error);
  if (participation == NULL)
    return NULL;
  assessment = esc_province_find_assessment (store, lao_uuid, fiscal_year, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  report = esc_lao_summary_new ();
  report->fiscal_year = fiscal_year;
  g_free (report->title);
  report->title = g_strdup (lao->name);
  g_free (report->status);
  report->status = participation_text (participation);
  g_free (report->benefits);
  report->benefits = esc_store_get_benefits (store, lao->province, error);
  if (report->benefits == NULL)
    return NULL;

  if (assessment != NULL)
    framework = esc_store_get_framework (store, assessment->framework_uuid, error);
  else
    {
      g_autofree char *uuid = esc_store_get_default_framework_uuid (store, NULL);

      if (uuid != NULL)
        framework = esc_store_get_framework (store, uuid, NULL);
    }
  if (assessment != NULL && framework == NULL)
    return NULL;

  subtitle = g_string_new (lao_type_name (framework, lao->type));
  if (lao->district != NULL && lao->district[0] != '\0')
    g_string_append_printf (subtitle, " · %s %s", _ ("District"), lao->district);
  if (lao->province != NULL && lao->province[0] != '\0')
    g_string_append_printf (subtitle, " · %s %s", _ ("Province"), lao->province);
  if (lao->code != NULL && lao->code[0] != '\0')
    g_string_append_printf (subtitle, " · %s %s", _ ("DLA code"), lao->code);
  g_free (report->subtitle);
  report->subtitle = g_string_free (subtitle, FALSE);

  if (framework != NULL)
    for (guint i = 0; i < esc_framework_get_n_components (framework); i++)
      {
        const EscComponent *component = esc_framework_get_component (framework, i);
        g_autofree char    *label = g_strdup_printf ("%s %s", component->id,
                                                     esc_text_get (&component->name, thai));

        esc_lao_summary_add_bar (report, label, -1);
      }

  if (assessment != NULL)
    {
      g_autoptr (GPtrArray)    answers = NULL;
      g_autoptr (GPtrArray)    checks = NULL;
      g_autoptr (EscScore)     score = NULL;
      g_autoptr (EscReadiness) readiness = NULL;
      g_autoptr (GPtrArray)    actions = NULL;

      answers = esc_store_load_answers (store, assessment->uuid, error);
      if (answers == NULL)
        return NULL;
      checks = esc_store_load_item_checks (store, assessment->uuid, error);
      if (checks == NULL)
        return NULL;

      score = esc_score_compute (framework, lao->type, answers);
      report->total_percent = score->total_percent;
      report->pass_mark_percent = score->pass_mark_percent;
      for (guint i = 0; i < score->n_components && i < report->bars->len; i++)
        {
          EscSummaryBar *bar = g_ptr_array_index (report->bars, i);

          bar->percent = score->components[i].percent;
        }

      for (guint i = 0; i < score->n_indicators; i++)
        {
          const EscIndicatorScore *is = &score->indicators[i];
          double                   percent = is->max > 0 ? 100.0 * is->points / is->max : 0;
          const char              *name = esc_text_get (&is->indicator->name, thai);

          if (!is->scored)
            continue;
          if (percent >= STRENGTH_PERCENT)
            g_ptr_array_add (report->strengths,
                             g_strdup_printf (_ ("Indicator %s %s: %.0f %%"),
                                              is->indicator->code, name, percent));
          else if (score->pass_mark_percent >= 0 && percent < score->pass_mark_percent)
            g_ptr_array_add (report->gaps,
                             g_strdup_printf (_ ("Indicator %s %s: %.0f %%"),
                                              is->indicator->code, name, percent));
        }
      if (score->n_complete < score->n_indicators)
        g_ptr_array_add (report->gaps,
                         g_strdup_printf (_ ("%u of %u indicators not scored in full yet"),
                                          score->n_indicators - score->n_complete,
                                          score->n_indicators));

      readiness = esc_readiness_compute (framework, lao->type, answers, checks);
      actions = esc_readiness_to_actions (readiness);
      for (guint i = 0; i < actions->len; i++)
        g_ptr_array_add (report->prepare, g_strdup (g_ptr_array_index (actions, i)));
    }
  else
    g_ptr_array_add (report->prepare,
                     g_strdup_printf (_ ("Start the self-assessment for fiscal year %d"), fiscal_year));

  return g_steal_pointer (&report);
}

/* The province page */

static void
district_row_free (EscSummaryDistrict *row)
{
  g_free (row->district);
  g_free (row);
}

EscProvinceSummary *
esc_province_summary_new (void)
{
  EscProvinceSummary *report = g_new0 (EscProvinceSummary, 1);

  report->province = g_strdup ("");
  report->target = -1;
  report->districts = g_ptr_array_new_with_free_func ((GDestroyNotify) district_row_free);
  report->participants = g_ptr_array_new_with_free_func (g_free);
  report->prepare = g_ptr_array_new_with_free_func (g_free);
  report->benefits = g_strdup ("");
  report->generated_at = g_get_real_time () / G_USEC_PER_SEC;

  return report;
}

void
esc_province_summary_free (EscProvinceSummary *report)
{
  if (report == NULL)
    return;

  g_free (report->province);
  g_ptr_array_unref (report->districts);
  g_ptr_array_unref (report->participants);
  g_ptr_array_unref (report->prepare);
  g_free (report->benefits);
  g_free (report);
}

static void
draw_district_table (Page                     *page,
                     const EscProvinceSummary *report,
                     double                    limit)
{
  guint  n = report->districts->len;
  guint  n_columns = n > 8 ? 2 : 1;
  guint  per_column = (n + n_columns - 1) / n_columns;
  double column = (page->width - 16 * (n_columns - 1)) / n_columns;
  double row = 18;
  double top;
  guint  shown = 0;

  draw_heading (page, _ ("Target and actual by district"), page->left, page->width);
  top = page->y;

  for (guint c = 0; c < n_columns; c++)
    {
      double x = page->left + c * (column + 16);
      double y = top;

      set_font (page, 13, TRUE);
      layout_text (page, _ ("District"), x, y, column - 100, -1, TRUE);
      layout_text (page, _ ("Target"), x + column - 100, y, 50, -1, TRUE);
      layout_text (page, _ ("Actual"), x + column - 50, y, 50, -1, TRUE);
      y += row;
      set_font (page, 13, FALSE);

      for (guint i = c * per_column; i < MIN (n, (c + 1) * per_column); i++)
        {
          const EscSummaryDistrict *r = g_ptr_array_index (report->districts, i);
          g_autofree char          *target = r->target >= 0 ? g_strdup_printf ("%d", r->target) : g_strdup ("–");
          g_autofree char          *actual = g_strdup_printf ("%d", r->actual);

          if (y + row > limit)
            break;
          if (r->target >= 0 && r->actual < r->target)
            set_color (page->cr, 0xb8600b);
          layout_text (page, r->district, x, y, column - 100, row, TRUE);
          layout_text (page, target, x + column - 100, y, 50, -1, TRUE);
          layout_text (page, actual, x + column - 50, y, 50, -1, TRUE);
          set_color (page->cr, 0x000000);
          y += row;
          shown++;
        }
      page->y = MAX (page->y, y);
    }

  if (n == 0)
    {
      set_color (page->cr, 0x666666);
      page->y += layout_text (page, _ ("No district targets or participants yet"), page->left,
                              page->y, page->width, -1, TRUE);
      set_color (page->cr, 0x000000);
    }
  else if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", n - shown),
                                               n - shown);

      page->y += layout_text (page, more, page->left, page->y, page->width, -1, TRUE);
    }
  page->y += 8;
}

void
esc_province_summary_draw (const EscProvinceSummary *report,
                           cairo_t                  *cr)
{
  Page             page;
  g_autofree char *kicker = NULL;
  g_autofree char *title = NULL;
  g_autofree char *figures = NULL;
  GString         *counts;
  double           limit;
  double           column;
  double           top;

  g_return_if_fail (report != NULL);

  cairo_save (cr);
  set_color (cr, 0xffffff);
  cairo_paint (cr);
  page_init (&page, cr);

  kicker = g_strdup_printf (_ ("Environmentally Sustainable City: province summary for fiscal year %d"),
                            report->fiscal_year);
  title = g_strdup_printf (_ ("Province %s"), report->province);
  draw_title (&page, kicker, title, NULL);

  draw_heading (&page, _ ("Participation"), page.left, page.width);
  set_font (&page, 15, TRUE);
  if (report->target >= 0)
    figures = g_strdup_printf (_ ("%d local governments taking part against a target of %d (%.0f %%)"),
                               report->actual, report->target,
                               report->target > 0 ? 100.0 * report->actual / report->target : 100.0);
  else
    figures = g_strdup_printf (_ ("%d local governments taking part; no target set for this year"),
                               report->actual);
  page.y += layout_text (&page, figures, page.left, page.y, page.width, -1, TRUE) + 2;

  counts = g_string_new (NULL);
  for (guint s = 0; s < ESC_PARTICIPATION_N_STATUSES; s++)
    {
      if (report->status_counts[s] == 0)
        continue;
      if (counts->len > 0)
        g_string_append (counts, " · ");
      g_string_append_printf (counts, "%s %u", esc_participation_status_get_label (s),
                              report->status_counts[s]);
    }
  set_font (&page, 14, FALSE);
  page.y += layout_text (&page, counts->str, page.left, page.y, page.width, -1, TRUE) + 10;
  g_string_free (counts, TRUE);

  draw_district_table (&page, report, page.y + 190);

  column = (page.width - 16) / 2;
  top = page.y;
  limit = MIN (page.bottom - 90, top + 230);
  {
    g_autoptr (GPtrArray) left = g_ptr_array_new ();
    g_autoptr (GPtrArray) right = g_ptr_array_new ();
    double                h1, h2;

    /* The participants fill the left column first, then the right one. */
    for (guint i = 0; i < report->participants->len; i++)
      g_ptr_array_add (i < (report->participants->len + 1) / 2 ? left : right,
                       g_ptr_array_index (report->participants, i));
    h1 = draw_list (&page, _ ("Local governments taking part"), left, _ ("None yet"),
                    page.left, top, column, limit);
    h2 = right->len > 0 ? draw_list (&page, " ", right, "", page.left + column + 16, top, column, limit)
                        : 0;
    page.y = top + MAX (h1, h2) + 10;
  }

  limit = MIN (page.bottom - 70, page.y + 200);
  page.y += draw_list (&page, _ ("What to prepare next"), report->prepare,
                       _ ("Nothing is missing for the central review"),
                       page.left, page.y, page.width, limit) +
            10;

  draw_heading (&page, _ ("What local governments gain by taking part"), page.left, page.width);
  set_font (&page, 14, FALSE);
  layout_text (&page,
               report->benefits[0] != '\0' ? report->benefits
                                           : _ ("The working group has not written the benefits yet."),
               page.left, page.y, page.width, MAX (page.bottom - page.y, 14), TRUE);

  draw_footer (&page, report->generated_at);
  page_clear (&page);
  cairo_restore (cr);
}

gboolean
esc_province_summary_write_pdf (const EscProvinceSummary *report,
                                const char               *path,
                                GError                  **error)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_pdf (path, (void (*) (gconstpointer, cairo_t *)) esc_province_summary_draw, report,
                    error);
}

static GPtrArray *
targets_for_year (EscStore *store,
                  int       fiscal_year,
                  GError  **error)
{
  g_autoptr (GPtrArray) targets = NULL;
  g_autoptr (GPtrArray) plans = NULL;
  GPtrArray            *result = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_target_free);

  /* The yearly target decides; without one, the first plan that covers the year. */
  targets = esc_store_list_targets (store, "", error);
  if (targets == NULL)
    goto fail;
  for (guint i = 0; i < targets->len; i++)
    {
      const EscTarget *t = g_ptr_array_index (targets, i);

      if (t->fiscal_year == fiscal_year)
        g_ptr_array_add (result, esc_target_new (t->fiscal_year, t->district, t->target));
    }
  if (result->len > 0)
    return result;

  plans = esc_store_list_plans (store, error);
  if (plans == NULL)
    goto fail;
  for (guint p = 0; p < plans->len && result->len == 0; p++)
    {
      const EscPlan        *plan = g_ptr_array_index (plans, p);
      g_autoptr (GPtrArray) plan_targets = NULL;

      if (fiscal_year < plan->first_year || fiscal_year >= plan->first_year + plan->n_years)
        continue;
      plan_targets = esc_store_list_targets (store, plan->uuid, error);
      if (plan_targets == NULL)
        goto fail;
      for (guint i = 0; i < plan_targets->len; i++)
        {
          const EscTarget *t = g_ptr_array_index (plan_targets, i);

          if (t->fiscal_year == fiscal_year)
            g_ptr_array_add (result, esc_target_new (t->fiscal_year, t->district, t->target));
        }
    }

  return result;

fail:
  g_ptr_array_unref (result);
  return NULL;
}

EscProvinceSummary *
esc_province_summary_collect (EscStore   *store,
                              const char *province,
                              int         fiscal_year,
                              GError    **error)
{
  g_autoptr (EscProvinceSummary) report = NULL;
  g_autoptr (GPtrArray)          participations = NULL;
  g_autoptr (GPtrArray)          targets = NULL;
  g_autoptr (EscPlan)            year = NULL;
  g_autoptr (EscPlanProgress)    progress = NULL;
  g_autoptr (GPtrArray)          readiness = NULL;
  g_autoptr (GPtrArray)          names = NULL;
  g_autoptr (GPtrArray)          entries = NULL;
  const EscProgressCell         *cell;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);

  participations = esc_store_list_participation (store, fiscal_year, error);
  if (participations == NULL)
    return NULL;

  report = esc_province_summary_new ();
  report->fiscal_year = fiscal_year;

  if (province == NULL)
    {
      g_autoptr (GPtrArray) laos = esc_store_list_laos (store, error);

      if (laos == NULL)
        return NULL;
      for (guint i = 0; i < laos->len && province == NULL; i++)
        {
          const EscLao *lao = g_ptr_array_index (laos, i);

          if (lao->province != NULL && lao->province[0] != '\0')
            {
              g_free (report->province);
              report->province = g_strdup (lao->province);
              break;
            }
        }
    }
  else
    {
      g_free (report->province);
      report->province = g_strdup (province);
    }

  for (guint i = 0; i < participations->len; i++)
    {
      const EscParticipation *p = g_ptr_array_index (participations, i);
      g_autofree char        *status = participation_text (p);

      report->status_counts[p->status]++;
      if (esc_participation_status_counts (p->status))
        g_ptr_array_add (report->participants, g_strdup_printf ("%s: %s", p->lao_name, status));
    }

  targets = targets_for_year (store, fiscal_year, error);
  if (targets == NULL)
    return NULL;
  year = esc_plan_new ("", fiscal_year, 1);
  progress = esc_plan_progress_compute (year, targets, participations);
  cell = esc_plan_progress_get_cell (progress, fiscal_year, NULL);
  report->target = cell->target;
  report->actual = cell->actual;
  for (guint d = 0; d < progress->districts->len; d++)
    {
      const char            *district = g_ptr_array_index (progress->districts, d);
      const EscProgressCell *dcell = esc_plan_progress_get_cell (progress, fiscal_year, district);
      EscSummaryDistrict    *row = g_new0 (EscSummaryDistrict, 1);

      row->district = g_strdup (district);
      row->target = dcell->target;
      row->actual = dcell->actual;
      g_ptr_array_add (report->districts, row);
    }

  readiness = esc_province_load_all_readiness (store, fiscal_year, &names, error);
  if (readiness == NULL)
    return NULL;
  entries = esc_readiness_summarize (readiness, names);
  for (guint i = 0; i < entries->len && i < MAX_LINES_IN_LIST; i++)
    {
      const EscPrepareEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char       *laos = NULL;

      g_ptr_array_add (entry->laos, NULL);
      laos = g_strjoinv (", ", (char **) entry->laos->pdata);
      g_ptr_array_remove_index (entry->laos, entry->laos->len - 1);
      g_ptr_array_add (report->prepare,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Indicator %s %s: %s, %u local government (%s)",
                                                     "Indicator %s %s: %s, %u local governments (%s)",
                                                     entry->laos->len),
                                        entry->item->code,
                                        esc_text_get (&entry->item->name, esc_province_use_thai ()),
                                        esc_gap_get_label (entry->gap),
                                        entry->laos->len, laos));
    }

  g_free (report->benefits);
  report->benefits = esc_store_get_benefits (store, report->province, error);
  if (report->benefits == NULL)
    return NULL;

  return g_steal_pointer (&report);
}
