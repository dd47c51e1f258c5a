/* esc-province-dashboard.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target against actual participants, per fiscal year of a plan and per district of the
 * chosen year, drawn with cairo. Clicking a number tells which local governments it counts.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-province-dashboard.h"

#define YEAR_CHART_HEIGHT 224.0
#define DISTRICT_ROW 24.0
#define PAD 16.0
#define LABEL_WIDTH 150.0

typedef struct
{
  graphene_rect_t rect;
  int             fiscal_year;
  char           *district; /* "" for the province */
} HitRegion;

struct _EscProvinceDashboard
{
  GtkWidget        parent_instance;

  EscPlanProgress *progress;
  int              year;
  int              selected_year;
  char            *selected_district;
  GArray          *regions; /* HitRegion */
};

G_DEFINE_FINAL_TYPE (EscProvinceDashboard, esc_province_dashboard, GTK_TYPE_WIDGET)

enum
{
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hit_region_clear (gpointer data)
{
  HitRegion *region = data;

  g_free (region->district);
}

static void
add_region (EscProvinceDashboard *self,
            double                x,
            double                y,
            double                width,
            double                height,
            int                   fiscal_year,
            const char           *district)
{
  HitRegion region;

  graphene_rect_init (&region.rect, x, y, width, height);
  region.fiscal_year = fiscal_year;
  region.district = g_strdup (district);
  g_array_append_val (self->regions, region);
}

static void
set_color (cairo_t *cr,
           guint32  rgb,
           double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0,
                         alpha);
}

static void
foreground (GtkWidget *widget,
            cairo_t   *cr,
            double     alpha)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * alpha);
}

static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width,
           gboolean    bold,
           gboolean    centered)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  int                     w, h;

  if (bold)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);

      pango_layout_set_markup (layout, markup, -1);
    }
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (centered)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static gboolean
is_selected (EscProvinceDashboard *self,
             int                   year,
             const char           *district)
{
  return self->selected_district != NULL && self->selected_year == year &&
         g_strcmp0 (self->selected_district, district) == 0;
}

static void
draw_year_chart (EscProvinceDashboard *self,
                 cairo_t              *cr,
                 double                width)
{
  GtkWidget       *widget = GTK_WIDGET (self);
  EscPlanProgress *progress = self->progress;
  double           top = PAD + 24;
  double           base = YEAR_CHART_HEIGHT - 28;
  double           chart_height = base - top - 20;
  double           group = (width - 2 * PAD) / MAX (progress->n_years, 1);
  double           bar = MIN (48, group / 3.2);
  int              max = 1;

  draw_text (widget, cr, _ ("Participants against target, per fiscal year"), PAD, PAD + 4,
             width - 2 * PAD, TRUE, FALSE);

  for (guint y = 0; y < progress->n_years; y++)
    {
      const EscProgressCell *cell = g_ptr_array_index (progress->province, y);

      max = MAX (max, MAX (cell->target, cell->actual));
    }

  for (guint y = 0; y < progress->n_years; y++)
    {
      const EscProgressCell *cell = g_ptr_array_index (progress->province, y);
      double                 x = PAD + group * y + (group - 2 * bar - 6) / 2;
      double                 th = cell->target > 0 ? chart_height * cell->target / max : 0;
      double                 ah = chart_height * cell->actual / max;
      gboolean               met = cell->target >= 0 && cell->actual >= cell->target;
      g_autofree char       *target = cell->target >= 0 ? g_strdup_printf ("%d", cell->target) : g_strdup ("–");
      g_autofree char       *actual = g_strdup_printf ("%d", cell->actual);
      g_autofree char       *year = g_strdup_printf (_ ("FY %d"), cell->fiscal_year);

      if (is_selected (self, cell->fiscal_year, "") || cell->fiscal_year == self->year)
        {
          set_color (cr, 0x3584e4, cell->fiscal_year == self->year ? 0.10 : 0.20);
          cairo_rectangle (cr, PAD + group * y + 2, top - 18, group - 4, base - top + 40);
          cairo_fill (cr);
        }

      /* Target: an outlined bar; actual: a filled one beside it. */
      foreground (widget, cr, 0.55);
      cairo_set_line_width (cr, 1.5);
      cairo_rectangle (cr, x + 0.75, base - th + 0.75, bar - 1.5, MAX (th - 1.5, 0));
      cairo_stroke (cr);
      set_color (cr, met ? 0x2e8b57 : 0xe08a1e, 1);
      cairo_rectangle (cr, x + bar + 6, base - ah, bar, ah);
      cairo_fill (cr);

      foreground (widget, cr, 1);
      draw_text (widget, cr, target, x - 10, base - th - 10, bar + 20, FALSE, TRUE);
      draw_text (widget, cr, actual, x + bar - 4, base - ah - 10, bar + 20, TRUE, TRUE);
      draw_text (widget, cr, year, PAD + group * y, base + 12, group, FALSE, TRUE);

      add_region (self, PAD + group * y, top - 18, group, base - top + 40, cell->fiscal_year, "");
    }

  /* A legend, so the bars read without explanation. */
  {
    double lx = PAD;
    double ly = PAD + 24;

    foreground (widget, cr, 0.55);
    cairo_rectangle (cr, lx + 0.75, ly + 0.75, 12, 10);
    cairo_stroke (cr);
    foreground (widget, cr, 1);
    draw_text (widget, cr, _ ("target"), lx + 18, ly + 5, 80, FALSE, FALSE);
    set_color (cr, 0x2e8b57, 1);
    cairo_rectangle (cr, lx + 100, ly, 12, 10);
    cairo_fill (cr);
    foreground (widget, cr, 1);
    draw_text (widget, cr, _ ("target met"), lx + 118, ly + 5, 100, FALSE, FALSE);
    set_color (cr, 0xe08a1e, 1);
    cairo_rectangle (cr, lx + 215, ly, 12, 10);
    cairo_fill (cr);
    foreground (widget, cr, 1);
    draw_text (widget, cr, _ ("below target"), lx + 233, ly + 5, 100, FALSE, FALSE);
  }
}

static void
draw_district_chart (EscProvinceDashboard *self,
                     cairo_t              *cr,
                     double                width)
{
  GtkWidget       *widget = GTK_WIDGET (self);
  EscPlanProgress *progress = self->progress;
  double           top = YEAR_CHART_HEIGHT + 8;
  double           bar_x = PAD + LABEL_WIDTH + 8;
  double           bar_width = width - bar_x - PAD - 70;
  g_autofree char *title = g_strdup_printf (_ ("By district, fiscal year %d"), self->year);
  int              max = 1;
  guint            n = progress->districts->len;

  draw_text (widget, cr, title, PAD, top + 8, width - 2 * PAD, TRUE, FALSE);
  top += 24;

  if (n == 0)
    {
      foreground (widget, cr, 0.6);
      draw_text (widget, cr, _ ("No district targets or participants yet"), PAD, top + 10,
                 width - 2 * PAD, FALSE, FALSE);
      return;
    }

  for (guint d = 0; d < n; d++)
    {
      const EscProgressCell *cell = esc_plan_progress_get_cell (progress, self->year,
                                                                g_ptr_array_index (progress->districts, d));

      if (cell != NULL)
        max = MAX (max, MAX (cell->target, cell->actual));
    }

  for (guint d = 0; d < n; d++)
    {
      const char            *district = g_ptr_array_index (progress->districts, d);
      const EscProgressCell *cell = esc_plan_progress_get_cell (progress, self->year, district);
      double                 y = top + d * DISTRICT_ROW;
      g_autofree char       *numbers = NULL;
      double                 tw, aw;

      if (cell == NULL)
        continue;

      if (is_selected (self, self->year, district))
        {
          set_color (cr, 0x3584e4, 0.20);
          cairo_rectangle (cr, PAD - 4, y, width - 2 * PAD + 8, DISTRICT_ROW);
          cairo_fill (cr);
        }

      tw = cell->target > 0 ? bar_width * cell->target / max : 0;
      aw = bar_width * cell->actual / max;
      foreground (widget, cr, 1);
      draw_text (widget, cr, district, PAD, y + DISTRICT_ROW / 2, LABEL_WIDTH, FALSE, FALSE);

      set_color (cr, cell->target >= 0 && cell->actual >= cell->target ? 0x2e8b57 : 0xe08a1e, 1);
      cairo_rectangle (cr, bar_x, y + 6, aw, DISTRICT_ROW - 12);
      cairo_fill (cr);
      if (cell->target >= 0)
        {
          foreground (widget, cr, 0.55);
          cairo_set_line_width (cr, 1.5);
          cairo_rectangle (cr, bar_x + 0.75, y + 4.75, MAX (tw - 1.5, 0), DISTRICT_ROW - 9.5);
          cairo_stroke (cr);
          numbers = g_strdup_printf ("%d / %d", cell->actual, cell->target);
        }
      else
        numbers = g_strdup_printf ("%d / –", cell->actual);

      foreground (widget, cr, 1);
      draw_text (widget, cr, numbers, bar_x + bar_width + 8, y + DISTRICT_ROW / 2, 70, FALSE, FALSE);

      add_region (self, PAD, y, width - 2 * PAD, DISTRICT_ROW, self->year, district);
    }
}

static void
esc_province_dashboard_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  EscProvinceDashboard *self = ESC_PROVINCE_DASHBOARD (widget);
  double                width = gtk_widget_get_width (widget);
  double                height = gtk_widget_get_height (widget);
  cairo_t              *cr;

  g_array_set_size (self->regions, 0);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->progress == NULL)
    {
      foreground (widget, cr, 0.6);
      draw_text (widget, cr, _ ("No participation plan yet"), PAD, PAD + 10, width - 2 * PAD,
                 FALSE, FALSE);
    }
  else
    {
      draw_year_chart (self, cr, width);
      draw_district_chart (self, cr, width);
    }
  cairo_destroy (cr);
}

static void
esc_province_dashboard_measure (GtkWidget     *widget,
                                GtkOrientation orientation,
                                int            for_size,
                                int           *minimum,
                                int           *natural,
                                int           *minimum_baseline,
                                int           *natural_baseline)
{
  EscProvinceDashboard *self = ESC_PROVINCE_DASHBOARD (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 640;
    }
  else
    {
      guint n = self->progress != NULL ? MAX (self->progress->districts->len, 1) : 0;

      *minimum = *natural = (int) (YEAR_CHART_HEIGHT + 40 + n * DISTRICT_ROW + PAD);
    }
}

gboolean
esc_province_dashboard_cell_at (EscProvinceDashboard *self,
                                double                x,
                                double                y,
                                int                  *fiscal_year,
                                const char          **district)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_DASHBOARD (self), FALSE);

  for (guint i = 0; i < self->regions->len; i++)
    {
      const HitRegion *region = &g_array_index (self->regions, HitRegion, i);

      if (graphene_rect_contains_point (&region->rect, &GRAPHENE_POINT_INIT (x, y)))
        {
          if (fiscal_year != NULL)
            *fiscal_year = region->fiscal_year;
          if (district != NULL)
            *district = region->district;
          return TRUE;
        }
    }

  return FALSE;
}

void
esc_province_dashboard_activate (EscProvinceDashboard *self,
                                 int                   fiscal_year,
                                 const char           *district)
{
  g_autofree char *copy = g_strdup (district ? district : "");

  g_return_if_fail (ESC_IS_PROVINCE_DASHBOARD (self));

  self->selected_year = fiscal_year;
  g_free (self->selected_district);
  self->selected_district = g_strdup (copy);
  /* A year's bars also choose the year the district chart shows. */
  if (copy[0] == '\0')
    self->year = fiscal_year;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_signal_emit (self, signals[CELL_ACTIVATED], 0, fiscal_year, copy);
}

static void
pressed_cb (GtkGestureClick      *gesture,
            int                   n_press,
            double                x,
            double                y,
            EscProvinceDashboard *self)
{
  int              year;
  const char      *district;
  g_autofree char *copy = NULL;

  if (!esc_province_dashboard_cell_at (self, x, y, &year, &district))
    return;

  copy = g_strdup (district);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  esc_province_dashboard_activate (self, year, copy);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EscProvinceDashboard  *self)
{
  int year;

  if (self->progress == NULL)
    return FALSE;

  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right)
    {
      year = self->year + (keyval == GDK_KEY_Left ? -1 : 1);
      if (year < self->progress->first_year || year >= self->progress->first_year + (int) self->progress->n_years)
        return TRUE;
      esc_province_dashboard_activate (self, year, "");
      return TRUE;
    }

  return FALSE;
}

static void
esc_province_dashboard_finalize (GObject *object)
{
  EscProvinceDashboard *self = ESC_PROVINCE_DASHBOARD (object);

  g_clear_pointer (&self->progress, esc_plan_progress_free);
  g_clear_pointer (&self->regions, g_array_unref);
  g_free (self->selected_district);

  G_OBJECT_CLASS (esc_province_dashboard_parent_class)->finalize (object);
}

static void
esc_province_dashboard_class_init (EscProvinceDashboardClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = esc_province_dashboard_finalize;
  widget_class->snapshot = esc_province_dashboard_snapshot;
  widget_class->measure = esc_province_dashboard_measure;

  /**
   * EscProvinceDashboard::cell-activated:
   * @fiscal_year: the year of the number
   * @district: its district, or "" for the province
   */
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          2, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "provincedashboard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
esc_province_dashboard_init (EscProvinceDashboard *self)
{
  GtkGesture         *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->regions = g_array_new (FALSE, TRUE, sizeof (HitRegion));
  g_array_set_clear_func (self->regions, hit_region_clear);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Participation target against actual, per year and district"), -1);
}

GtkWidget *
esc_province_dashboard_new (void)
{
  return g_object_new (ESC_TYPE_PROVINCE_DASHBOARD, NULL);
}

void
esc_province_dashboard_set_progress (EscProvinceDashboard *self,
                                     EscPlanProgress      *progress)
{
  g_return_if_fail (ESC_IS_PROVINCE_DASHBOARD (self));

  g_clear_pointer (&self->progress, esc_plan_progress_free);
  self->progress = progress;
  g_clear_pointer (&self->selected_district, g_free);

  if (progress != NULL &&
      (self->year < progress->first_year || self->year >= progress->first_year + (int) progress->n_years))
    self->year = progress->first_year;

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

EscPlanProgress *
esc_province_dashboard_get_progress (EscProvinceDashboard *self)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_DASHBOARD (self), NULL);
  return self->progress;
}

void
esc_province_dashboard_set_year (EscProvinceDashboard *self,
                                 int                   fiscal_year)
{
  g_return_if_fail (ESC_IS_PROVINCE_DASHBOARD (self));

  self->year = fiscal_year;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

int
esc_province_dashboard_get_year (EscProvinceDashboard *self)
{
  g_return_val_if_fail (ESC_IS_PROVINCE_DASHBOARD (self), 0);
  return self->year;
}
