/* esc-indicator-row.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-indicator-row.h"

#define ICON_SIZE 16
#define SPACING 8
#define SUBITEM_INDENT 12
#define CODE_CHARS 4
#define NAME_NATURAL_CHARS 24
#define TOOLTIP_MARK_WIDTH (ICON_SIZE + SPACING)

/* A sidebar row: an indicator (or part) with its status mark, code, name and points.
 *
 * The row draws these itself instead of holding an image and three labels made from a
 * template: the sidebar has 35 rows, all made and laid out before the first frame of an
 * assessment. Its size does not depend on its texts (one line, the name ellipsized), so
 * measuring it shapes no text: the name, the only long text, is laid out once, at the
 * width the row is given. */
struct _EscIndicatorRow
{
  GtkListBoxRow         parent_instance;

  const EscIndicator   *item;
  char                 *name;
  char                 *points_text;
  EscItemState          state;

  PangoLayout          *code_layout;
  PangoLayout          *name_layout;
  PangoLayout          *points_layout;
  PangoFontDescription *font;
  int                   name_width;
  int                   column_width;
  int                   line_height;
};

G_DEFINE_FINAL_TYPE (EscIndicatorRow, esc_indicator_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
state_label (EscItemState state)
{
  switch (state)
    {
    case ESC_ITEM_NOT_STARTED:
      return _ ("not started");
    case ESC_ITEM_IN_PROGRESS:
      return _ ("in progress");
    case ESC_ITEM_DONE:
      return _ ("done");
    case ESC_ITEM_MISSING_EVIDENCE:
      return _ ("scored, evidence missing");
    default:
      return "";
    }
}

/* Forgets the laid out texts, for a new font or a new text. */
static void
clear_layouts (EscIndicatorRow *self)
{
  g_clear_object (&self->code_layout);
  g_clear_object (&self->name_layout);
  g_clear_object (&self->points_layout);
  self->column_width = self->line_height = 0;
}

/* Tabular figures, as the "numeric" style class gives labels. */
static PangoLayout *
create_numeric_layout (EscIndicatorRow *self,
                       const char      *text)
{
  PangoLayout   *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
ensure_layouts (EscIndicatorRow *self)
{
  if (self->code_layout == NULL)
    self->code_layout = create_numeric_layout (self, self->item->code);
  if (self->points_layout == NULL)
    self->points_layout = create_numeric_layout (self, self->points_text);
  if (self->name_layout == NULL)
    {
      self->name_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->name);
      pango_layout_set_ellipsize (self->name_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->name_layout, TRUE);
      self->name_width = -1;
    }
}

/* The width of the code column (four figures) and the height of a line, from a short
 * text in figures: cheap to lay out, unlike the name. */
static void
get_metrics (EscIndicatorRow *self,
             int             *column_width,
             int             *line_height)
{
  if (self->column_width <= 0)
    {
      g_autoptr (PangoLayout) sample = create_numeric_layout (self, "00.0");

      pango_layout_get_pixel_size (sample, &self->column_width, &self->line_height);
    }
  *column_width = self->column_width;
  *line_height = self->line_height;
}

static int
code_width (EscIndicatorRow *self,
            int              column_width)
{
  int width;

  pango_layout_get_pixel_size (self->code_layout, &width, NULL);

  return MAX (width, column_width) + (self->item->parent != NULL ? SUBITEM_INDENT : 0);
}

static void
esc_indicator_row_measure (GtkWidget     *widget,
                           GtkOrientation orientation,
                           int            for_size,
                           int           *minimum,
                           int           *natural,
                           int           *minimum_baseline,
                           int           *natural_baseline)
{
  EscIndicatorRow *self = ESC_INDICATOR_ROW (widget);
  int              column_width, line_height, char_width, points_width;

  ensure_layouts (self);
  get_metrics (self, &column_width, &line_height);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = MAX (ICON_SIZE, line_height);
      return;
    }

  /* The code and the points are a few figures; the name gets what is left. */
  char_width = column_width / CODE_CHARS;
  pango_layout_get_pixel_size (self->points_layout, &points_width, NULL);
  *minimum = ICON_SIZE + 3 * SPACING + code_width (self, column_width) + char_width + points_width;
  *natural = *minimum - char_width + NAME_NATURAL_CHARS * char_width;
}

/* Where the parts go: x of the code, the name and its width, the points. */
static void
get_columns (EscIndicatorRow *self,
             int              width,
             int             *code_x,
             int             *name_x,
             int             *name_width,
             int             *points_x)
{
  int column_width, line_height, points_width;

  get_metrics (self, &column_width, &line_height);
  pango_layout_get_pixel_size (self->points_layout, &points_width, NULL);
  *code_x = ICON_SIZE + SPACING + (self->item->parent != NULL ? SUBITEM_INDENT : 0);
  *name_x = ICON_SIZE + SPACING + code_width (self, column_width) + SPACING;
  *points_x = width - points_width;
  *name_width = MAX (0, *points_x - SPACING - *name_x);
}

static void
esc_indicator_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  EscIndicatorRow *self = ESC_INDICATOR_ROW (widget);
  int              code_x, name_x, name_width, points_x;

  ensure_layouts (self);
  get_columns (self, width, &code_x, &name_x, &name_width, &points_x);
  if (name_width != self->name_width)
    {
      self->name_width = name_width;
      pango_layout_set_width (self->name_layout, name_width * PANGO_SCALE);
    }
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               int            x,
               int            height,
               const GdkRGBA *color)
{
  int text_height;

  pango_layout_get_pixel_size (layout, NULL, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The colours of the style classes the status mark had as an image: dim-label, accent,
 * success, warning. */
static void
get_state_color (EscIndicatorRow *self,
                 const GdkRGBA   *fg,
                 GdkRGBA         *color)
{
  static const char *names[] = { NULL, "accent_color", "success_color", "warning_color" };
  GtkStyleContext   *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  *color = *fg;
  if ((guint) self->state < G_N_ELEMENTS (names) && names[self->state] != NULL &&
      gtk_style_context_lookup_color (context, names[self->state], color))
    return;
  color->alpha *= 0.55;
}

static void
esc_indicator_row_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  static const char *icons[] = {
    "radio-symbolic", "radio-mixed-symbolic", "emblem-ok-symbolic", "dialog-warning-symbolic"
  };
  EscIndicatorRow  *self = ESC_INDICATOR_ROW (widget);
  int               width = gtk_widget_get_width (widget);
  int               height = gtk_widget_get_height (widget);
  int               code_x, name_x, name_width, points_x;
  GdkRGBA           fg, dim, mark;
  GtkIconPaintable *icon;

  ensure_layouts (self);
  get_columns (self, width, &code_x, &name_x, &name_width, &points_x);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.55;

  if ((guint) self->state < G_N_ELEMENTS (icons))
    {
      icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                         icons[self->state], NULL, ICON_SIZE,
                                         gtk_widget_get_scale_factor (widget),
                                         gtk_widget_get_direction (widget), 0);
      get_state_color (self, &fg, &mark);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                                ICON_SIZE, ICON_SIZE, &mark, 1);
      gtk_snapshot_restore (snapshot);
      g_object_unref (icon);
    }

  append_layout (snapshot, self->code_layout, code_x, height, &fg);
  if (name_width > 0)
    append_layout (snapshot, self->name_layout, name_x, height, &fg);
  append_layout (snapshot, self->points_layout, points_x, height, &dim);
}

/* Another font: the texts are laid out again. Other changes of style, such as the row
 * being selected, keep them. */
static void
esc_indicator_row_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  EscIndicatorRow            *self = ESC_INDICATOR_ROW (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (esc_indicator_row_parent_class)->css_changed (widget, change);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && font != NULL && pango_font_description_equal (self->font, font))
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  clear_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
esc_indicator_row_system_setting_changed (GtkWidget       *widget,
                                          GtkSystemSetting setting)
{
  GTK_WIDGET_CLASS (esc_indicator_row_parent_class)->system_setting_changed (widget, setting);
  clear_layouts (ESC_INDICATOR_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
esc_indicator_row_direction_changed (GtkWidget       *widget,
                                     GtkTextDirection previous)
{
  clear_layouts (ESC_INDICATOR_ROW (widget));
  gtk_widget_queue_resize (widget);
}

/* The tooltips are made when asked for: setting a tooltip's text on a shown widget makes
 * GTK ask the display where the pointer is, a round trip to the X server for each row and
 * each change of state, which slowed opening an assessment. */
static gboolean
esc_indicator_row_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  EscIndicatorRow *self = ESC_INDICATOR_ROW (widget);

  if (!keyboard && x < TOOLTIP_MARK_WIDTH)
    gtk_tooltip_set_text (tooltip, state_label (self->state));
  else
    gtk_tooltip_set_text (tooltip, self->name);

  return self->name != NULL;
}

static void
esc_indicator_row_finalize (GObject *object)
{
  EscIndicatorRow *self = ESC_INDICATOR_ROW (object);

  clear_layouts (self);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->name);
  g_free (self->points_text);

  G_OBJECT_CLASS (esc_indicator_row_parent_class)->finalize (object);
}

static void
esc_indicator_row_class_init (EscIndicatorRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = esc_indicator_row_finalize;
  widget_class->measure = esc_indicator_row_measure;
  widget_class->size_allocate = esc_indicator_row_size_allocate;
  widget_class->snapshot = esc_indicator_row_snapshot;
  widget_class->css_changed = esc_indicator_row_css_changed;
  widget_class->system_setting_changed = esc_indicator_row_system_setting_changed;
  widget_class->direction_changed = esc_indicator_row_direction_changed;
  widget_class->query_tooltip = esc_indicator_row_query_tooltip;
}

static void
esc_indicator_row_init (EscIndicatorRow *self)
{
  /* The row lays out what it draws: see esc_indicator_row_measure(). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

EscIndicatorRow *
esc_indicator_row_new (const EscIndicator *item,
                       gboolean            thai)
{
  EscIndicatorRow *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (ESC_TYPE_INDICATOR_ROW, NULL);
  self->item = item;
  self->name = g_strdup (esc_text_get (&item->name, thai));
  esc_indicator_row_set_state (self, ESC_ITEM_NOT_STARTED, -1);

  return self;
}

const EscIndicator *
esc_indicator_row_get_item (EscIndicatorRow *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_ROW (self), NULL);

  return self->item;
}

/* points < 0: nothing entered. */
void
esc_indicator_row_set_state (EscIndicatorRow *self,
                             EscItemState     state,
                             double           points)
{
  g_autofree char *points_text = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (ESC_IS_INDICATOR_ROW (self));

  if (points < 0)
    points_text = g_strdup ("—");
  else
    points_text = g_strdup_printf ("%.1f", points);

  if (state != self->state || g_strcmp0 (points_text, self->points_text) != 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (g_strcmp0 (points_text, self->points_text) != 0)
    {
      g_free (self->points_text);
      self->points_text = g_steal_pointer (&points_text);
      g_clear_object (&self->points_layout);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  self->state = state;

  /* Translators: a sidebar row read by a screen reader: code, name, state, points */
  accessible = g_strdup_printf (_ ("Indicator %s: %s, %s, %s of %.0f points"),
                                self->item->code, self->name, state_label (state),
                                self->points_text, self->item->max_points);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

EscItemState
esc_indicator_row_get_state (EscIndicatorRow *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_ROW (self), ESC_ITEM_NOT_STARTED);

  return self->state;
}

const char *
esc_indicator_row_get_points_text (EscIndicatorRow *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_ROW (self), NULL);

  return self->points_text;
}

/* The name as the row draws it, to check its glyphs. */
PangoLayout *
esc_indicator_row_get_name_layout (EscIndicatorRow *self)
{
  g_return_val_if_fail (ESC_IS_INDICATOR_ROW (self), NULL);

  ensure_layouts (self);

  return self->name_layout;
}
