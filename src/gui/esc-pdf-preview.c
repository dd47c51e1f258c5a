/* esc-pdf-preview.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "esc-page-ranges.h"
#include "esc-pdf-preview.h"
#include "esc-pdf-thumbnail.h"
#include "esc-pdf.h"

/* Thumbnails are this wide, in logical pixels. */
#define THUMB_WIDTH 96
/* The time of a frame given to thumbnails that arrived, in µs. */
#define THUMB_BUDGET_US 4000
/* Pages added to the strip at each frame. */
#define FILL_CHUNK 20
/* Rendered pages kept, in bytes; thumbnails kept, in number. */
#define PAGE_CACHE_BYTES (48 * 1024 * 1024)
#define THUMB_CACHE_COUNT 300
#define ZOOM_STEP 1.25
/* The strip's width-request and the separator beside it (esc-pdf-preview.ui). */
#define THUMB_STRIP_WIDTH (128 + 1)
/* How long the pane keeps what it showed while the next document's first page is drawn,
 * so that it changes once, with the page, rather than flashing a spinner first. */
#define GRACE_MS 100
/* Documents kept open (their worker, Poppler's parse and fonts) after they were shown,
 * while the pane is; each keeps the page it opens on, drawn, up to KEPT_PAGE_BYTES (an A4
 * page a pane wide is 3 to 5 MB). */
#define OPEN_DOCUMENTS 4
#define KEPT_PAGE_BYTES (16 * 1024 * 1024)

typedef struct
{
  guint       page;
  double      pixel_scale;
  GdkTexture *texture;
  gsize       bytes;
} CachedPage;

typedef struct
{
  char           *store_path;
  char           *sha256;
  EscPdfDocument *document;
  EscPdfDocument *thumb_document; /* NULL until the strip was filled once */
  CachedPage     *page;           /* the page it opens on, drawn */
} OpenDocument;

struct _EscPdfPreview
{
  GtkBox              parent_instance;

  GtkLabel           *title_label;
  GtkLabel           *page_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkScrolledWindow  *thumb_scroller;
  GtkListView        *thumb_list;
  GtkScrolledWindow  *page_scroller;
  EscPdfPageView     *page_view;
  AdwStatusPage      *status_page;
  GtkButton          *unlock_button;
  GtkToggleButton    *fit_width_button;
  GtkToggleButton    *fit_page_button;

  char               *store_path;
  EscDocument        *info;
  GArray             *linked;
  guint               first_page;
  char               *message;
  const char         *state;

  EscPdfDocument     *document;
  /* The same document opened a second time for the strip, on a worker of low priority of
   * its own: a thumbnail being drawn (a scanned page takes as long as the page) never
   * holds up the page on screen. A document unlocked by a password draws both. */
  EscPdfDocument     *thumb_document;
  GCancellable       *thumb_load_cancellable;
  GdkTexture         *image; /* photos */
  GCancellable       *load_cancellable;
  GCancellable       *page_cancellable;
  guint               page;
  guint               opening_page; /* the page the document was shown on first */
  gboolean            page_ready;
  guint               render_idle;
  GdkFrameClock      *layout_clock; /* while waiting for the layout of a new page or zoom */
  gulong              layout_handler;
  guint               inflight_page;  /* the urgent render on its way */
  double              inflight_scale; /* < 0: none */
  gboolean            thumbs_pending;
  guint               thumbs_idle;
  gboolean            password_used;

  /* FALSE while the widgets still show what was there before this document (the grace
   * period): nothing on screen changes until its first page is drawn or GRACE_MS pass. */
  gboolean            presented;
  guint               grace_timeout;
  GQueue              open_documents;     /* OpenDocument, most recent first */
  GHashTable         *thumb_cancellables; /* the renders of the rows bound now */
  GQueue              thumb_results;      /* RenderRequest: drawn, not yet given to a row */
  guint               thumb_tick;
  guint               fill_tick;

  GtkStringList      *thumb_model;
  GtkSingleSelection *thumb_selection;
  GHashTable         *thumbs; /* page → GdkTexture */
  GQueue              thumb_order;
  GQueue              pages; /* CachedPage, most recent first */
  gsize               page_bytes;
  gboolean            selecting;
};

G_DEFINE_FINAL_TYPE (EscPdfPreview, esc_pdf_preview, GTK_TYPE_BOX)

enum
{
  PAGE_READY,
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void  request_page (EscPdfPreview *self);

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  GBytes     *bytes;
  GdkTexture *texture;
  int         height = cairo_image_surface_get_height (surface);
  int         stride = cairo_image_surface_get_stride (surface);

  /* No copy: the bytes keep the surface alive. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) height * stride,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);
  g_object_set_data_full (G_OBJECT (texture), ESC_PDF_PAGE_VIEW_SURFACE_KEY,
                          cairo_surface_reference (surface), (GDestroyNotify) cairo_surface_destroy);
  return texture;
}

static void
cached_page_free (CachedPage *cached)
{
  g_object_unref (cached->texture);
  g_free (cached);
}

static void
clear_caches (EscPdfPreview *self)
{
  g_hash_table_remove_all (self->thumbs);
  g_queue_clear (&self->thumb_order);
  g_queue_clear_full (&self->pages, (GDestroyNotify) cached_page_free);
  self->page_bytes = 0;
}

static void
cache_page (EscPdfPreview *self,
            guint          page,
            double         pixel_scale,
            GdkTexture    *texture)
{
  CachedPage *cached = g_new0 (CachedPage, 1);

  cached->page = page;
  cached->pixel_scale = pixel_scale;
  cached->texture = g_object_ref (texture);
  cached->bytes = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
  g_queue_push_head (&self->pages, cached);
  self->page_bytes += cached->bytes;

  /* Keep at least the page just drawn, whatever its size. */
  while (self->page_bytes > PAGE_CACHE_BYTES && self->pages.length > 1)
    {
      CachedPage *old = g_queue_pop_tail (&self->pages);

      self->page_bytes -= old->bytes;
      cached_page_free (old);
    }
}

/* The texture of page at pixel_scale, or (exact FALSE) any texture of the page. */
static GdkTexture *
lookup_page (EscPdfPreview *self,
             guint          page,
             double         pixel_scale,
             gboolean       exact)
{
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      CachedPage *cached = l->data;

      if (cached->page != page)
        continue;
      if (!exact || fabs (cached->pixel_scale - pixel_scale) < 0.01)
        {
          g_queue_unlink (&self->pages, l);
          g_queue_push_head_link (&self->pages, l);
          return cached->texture;
        }
    }
  return NULL;
}

static void
cache_thumb (EscPdfPreview *self,
             guint          page,
             GdkTexture    *texture)
{
  if (g_hash_table_contains (self->thumbs, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_insert (self->thumbs, GUINT_TO_POINTER (page), g_object_ref (texture));
  g_queue_push_head (&self->thumb_order, GUINT_TO_POINTER (page));
  while (self->thumb_order.length > THUMB_CACHE_COUNT)
    g_hash_table_remove (self->thumbs, g_queue_pop_tail (&self->thumb_order));
}

static double
wanted_pixel_scale (EscPdfPreview *self)
{
  return esc_pdf_page_view_get_scale (self->page_view) *
         gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void present (EscPdfPreview *self);

/* The spinner spins only while shown: a spinning one, even on a hidden page of the stack,
 * keeps the frame clock ticking, and a frame ticking anyway delays the one with the page. */
static void
show_stack_page (EscPdfPreview *self,
                 const char    *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
set_state (EscPdfPreview *self,
           const char    *state)
{
  self->state = state;
  if (self->presented)
    show_stack_page (self, state);
}

static void
show_message (EscPdfPreview *self,
              const char    *state,
              const char    *title,
              const char    *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, message);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), g_str_equal (state, "locked"));
  adw_status_page_set_icon_name (self->status_page,
                                 g_str_equal (state, "locked") ? "channel-secure-symbolic" : "dialog-warning-symbolic");
  self->state = state;
  /* A reason the document cannot be shown is news at once. */
  if (self->presented)
    show_stack_page (self, "message");
  else
    present (self);
}

static void
update_actions (EscPdfPreview *self)
{
  guint            n = esc_pdf_preview_get_n_pages (self);
  gboolean         has_document = self->document != NULL || self->image != NULL;
  g_autofree char *label = NULL;

  if (!self->presented)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->document != NULL && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page", self->document != NULL && self->page + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.first-page", self->document != NULL && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.last-page", self->document != NULL && self->page + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.linked-page",
                                 self->document != NULL && self->linked != NULL && self->linked->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", has_document);

  if (self->document != NULL)
    /* TRANSLATORS: page label, number of pages */
    label = g_strdup_printf (_ ("%s / %u"), esc_pdf_document_get_page_label (self->document, self->page), n);
  gtk_label_set_label (self->page_label, label != NULL ? label : "");
}

/* Page rendering */

typedef struct
{
  GWeakRef         self;
  guint            page;
  double           pixel_scale;
  gboolean         thumbnail;
  GObject         *list_item;
  cairo_surface_t *surface; /* thumbnails drawn, waiting for their frame */
} RenderRequest;

static void
render_request_free (RenderRequest *request)
{
  g_weak_ref_clear (&request->self);
  g_clear_object (&request->list_item);
  g_clear_pointer (&request->surface, cairo_surface_destroy);
  g_free (request);
}

static gboolean fill_thumbnails_idle_cb (gpointer user_data);
static void     wait_for_layout (EscPdfPreview *self);
static gboolean is_waiting_for_layout (EscPdfPreview *self);

static void
set_page_ready (EscPdfPreview *self)
{
  if (self->page_ready)
    return;
  self->page_ready = TRUE;
  /* The strip is filled once the page is on screen, so its renders come after it: this
   * runs in the frame's layout, and the idle after that frame is painted. */
  if (self->thumbs_pending && self->thumbs_idle == 0)
    self->thumbs_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_thumbnails_idle_cb, self, NULL);
  g_signal_emit (self, signals[PAGE_READY], 0);
}

static void
page_rendered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RenderRequest            *request = user_data;
  g_autoptr (EscPdfPreview) self = g_weak_ref_get (&request->self);
  g_autoptr (GError)        error = NULL;
  g_autoptr (GdkTexture)    texture = NULL;
  cairo_surface_t          *surface;
  surface = esc_pdf_document_render_page_finish (ESC_PDF_DOCUMENT (object), result, &error);
  if (self != NULL && self->document == ESC_PDF_DOCUMENT (object) &&
      request->page == self->inflight_page && fabs (request->pixel_scale - self->inflight_scale) < 0.01)
    self->inflight_scale = -1;
  if (surface == NULL || self == NULL || self->document != ESC_PDF_DOCUMENT (object))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Page %u: %s", request->page + 1, error->message);
      g_clear_pointer (&surface, cairo_surface_destroy);
      render_request_free (request);
      return;
    }

  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  cache_page (self, request->page, request->pixel_scale, texture);
  if (request->page == self->page && !self->presented)
    present (self); /* the page in the space predicted; the layout confirms the scale */
  else if (request->page == self->page)
    {
      esc_pdf_page_view_set_texture (self->page_view, texture);
      if (is_waiting_for_layout (self))
        ; /* the layout to come decides whether this is the right scale */
      else if (fabs (request->pixel_scale - wanted_pixel_scale (self)) < 0.01)
        set_page_ready (self);
      else
        request_page (self);
    }
  render_request_free (request);
}

/* Asks the document's worker for the current page at pixel_scale, unless it is on its way. */
static void
start_render (EscPdfPreview *self,
              double         pixel_scale)
{
  RenderRequest *request;

  if (self->inflight_page == self->page && fabs (self->inflight_scale - pixel_scale) < 0.01)
    return;

  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  self->page_cancellable = g_cancellable_new ();
  self->inflight_page = self->page;
  self->inflight_scale = pixel_scale;

  request = g_new0 (RenderRequest, 1);
  g_weak_ref_init (&request->self, self);
  request->page = self->page;
  request->pixel_scale = pixel_scale;
  esc_pdf_document_render_page_async (self->document, self->page, pixel_scale,
                                      ESC_PDF_PRIORITY_URGENT, self->page_cancellable,
                                      page_rendered_cb, request);
}

static gboolean
render_idle_cb (gpointer user_data)
{
  EscPdfPreview *self = user_data;
  double         pixel_scale;
  GdkTexture    *texture;

  self->render_idle = 0;
  /* Not laid out yet: the scale read now would be the old one. */
  if (self->document == NULL || !self->presented || is_waiting_for_layout (self))
    return G_SOURCE_REMOVE;

  pixel_scale = wanted_pixel_scale (self);
  texture = lookup_page (self, self->page, pixel_scale, TRUE);
  if (texture != NULL)
    {
      esc_pdf_page_view_set_texture (self->page_view, texture);
      set_page_ready (self);
      return G_SOURCE_REMOVE;
    }

  self->page_ready = FALSE;
  start_render (self, pixel_scale);
  return G_SOURCE_REMOVE;
}

static void
request_page (EscPdfPreview *self)
{
  if (self->render_idle == 0)
    self->render_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, render_idle_cb, self, NULL);
}

/* The pixel scale the current page will have once laid out in the space the pane has
 * now (beside the strip when the document has more than one page), or 0 when that space
 * is not known yet. */
static double
predict_pixel_scale (EscPdfPreview *self)
{
  int    width = gtk_widget_get_width (GTK_WIDGET (self->stack));
  int    height = gtk_widget_get_height (GTK_WIDGET (self->stack));
  int    strip = gtk_widget_get_width (GTK_WIDGET (self->thumb_scroller));
  double page_width, page_height;

  if (esc_pdf_document_get_n_pages (self->document) > 1)
    width -= strip > 0 ? strip + 1 : THUMB_STRIP_WIDTH;
  if (width <= 1 || height <= 1)
    return 0;
  esc_pdf_document_get_page_size (self->document, self->page, &page_width, &page_height);
  return esc_pdf_page_view_predict_scale (self->page_view, page_width, page_height, width, height) *
         gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* The current page in the widgets: its size, any drawing of it (stretched until the sharp
 * one arrives), its thumbnail selected; the page is ready once laid out and drawn. */
static void
present_current_page (EscPdfPreview *self)
{
  double width, height;

  esc_pdf_document_get_page_size (self->document, self->page, &width, &height);
  esc_pdf_page_view_set_page_size (self->page_view, width, height);
  esc_pdf_page_view_set_texture (self->page_view, lookup_page (self, self->page, wanted_pixel_scale (self), FALSE));
  wait_for_layout (self);

  /* A page not in the strip yet is selected there when it is added (fill_tick_cb). */
  if (self->page < g_list_model_get_n_items (G_LIST_MODEL (self->thumb_model)))
    {
      self->selecting = TRUE;
      gtk_single_selection_set_selected (self->thumb_selection, self->page);
      self->selecting = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self->thumb_list), "list.scroll-to-item", "u", self->page);
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->page_scroller), 0);
  update_actions (self);
}

static void
show_current_page (EscPdfPreview *self)
{
  double predicted;

  self->page_ready = FALSE;
  /* The worker starts on the page at the size it will have when the frame is laid out;
   * the layout then confirms that scale (or asks for the right one). */
  predicted = predict_pixel_scale (self);
  if (predicted > 0 && lookup_page (self, self->page, predicted, TRUE) == NULL)
    start_render (self, predicted);
  if (self->presented)
    present_current_page (self);
  else if (predicted <= 0)
    present (self); /* no space known to draw for: the layout decides */
  else if (lookup_page (self, self->page, predicted, TRUE) != NULL)
    present (self); /* drawn already, when it was shown before */
}

/* Thumbnails */

/* The thumbnails drawn are given to their rows at most THUMB_BUDGET_US of each frame: a
 * burst of them (small pages draw fast) does not hold a frame up. */
static gboolean
deliver_thumbs_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  EscPdfPreview *self = user_data;
  gint64         end = g_get_monotonic_time () + THUMB_BUDGET_US;
  RenderRequest *request;

  while (g_get_monotonic_time () < end && (request = g_queue_pop_head (&self->thumb_results)) != NULL)
    {
      GtkListItem           *item = GTK_LIST_ITEM (request->list_item);
      g_autoptr (GdkTexture) texture = texture_from_surface (request->surface);

      cache_thumb (self, request->page, texture);
      if (gtk_list_item_get_position (item) == request->page)
        esc_pdf_thumbnail_set_texture (ESC_PDF_THUMBNAIL (gtk_list_item_get_child (item)), texture);
      render_request_free (request);
    }
  if (self->thumb_results.length > 0)
    return G_SOURCE_CONTINUE;
  self->thumb_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
thumb_rendered_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RenderRequest            *request = user_data;
  g_autoptr (EscPdfPreview) self = g_weak_ref_get (&request->self);

  request->surface = esc_pdf_document_render_page_finish (ESC_PDF_DOCUMENT (object), result, NULL);
  if (request->surface == NULL || self == NULL || self->thumb_document != ESC_PDF_DOCUMENT (object))
    {
      render_request_free (request);
      return;
    }
  g_queue_push_tail (&self->thumb_results, request);
  if (self->thumb_tick == 0)
    self->thumb_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->thumb_list), deliver_thumbs_cb, self, NULL);
}

static void
thumb_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                EscPdfPreview            *self)
{
  GtkWidget *thumbnail = esc_pdf_thumbnail_new (THUMB_WIDTH);

  gtk_widget_add_css_class (thumbnail, "caption");
  gtk_widget_add_css_class (thumbnail, "numeric");
  gtk_widget_set_margin_top (thumbnail, 6);
  gtk_widget_set_margin_bottom (thumbnail, 6);
  gtk_list_item_set_child (item, thumbnail);
}

/* Whether the strip's row at position is on screen or near it, from its share of the
 * strip's length (the rows are of much the same height). */
static gboolean
thumb_in_view (EscPdfPreview *self,
               guint          position)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->thumb_list));
  guint          n = g_list_model_get_n_items (G_LIST_MODEL (self->thumb_model));
  double         page = gtk_adjustment_get_page_size (adjustment);
  double         value = gtk_adjustment_get_value (adjustment);
  double         y;

  if (n == 0 || page <= 0)
    return TRUE;
  y = gtk_adjustment_get_upper (adjustment) * position / n;
  return y >= value - page && y <= value + 2 * page;
}

static void
thumb_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               EscPdfPreview            *self)
{
  EscPdfThumbnail         *thumbnail = ESC_PDF_THUMBNAIL (gtk_list_item_get_child (item));
  guint                    page = gtk_list_item_get_position (item);
  const char              *label = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GdkTexture              *texture;
  g_autoptr (GCancellable) cancellable = NULL;
  RenderRequest           *request;
  double                   width = 0, height = 0, scale;

  /* While held, the strip's rows are the previous document's. */
  if (self->document == NULL || self->thumb_document == NULL || !self->presented)
    {
      esc_pdf_thumbnail_set_page (thumbnail, label, 0, 0);
      return;
    }

  esc_pdf_document_get_page_size (self->document, page, &width, &height);
  esc_pdf_thumbnail_set_page (thumbnail, label, width, height);
  texture = g_hash_table_lookup (self->thumbs, GUINT_TO_POINTER (page));
  esc_pdf_thumbnail_set_texture (thumbnail, texture);
  if (texture != NULL)
    return;

  /* Drawn only while the row is bound: unbinding cancels it. GTK binds many more rows
   * than are on screen; those in view go first. */
  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (item), "esc-cancellable", g_object_ref (cancellable),
                          g_object_unref);
  g_hash_table_add (self->thumb_cancellables, g_object_ref (cancellable));
  scale = THUMB_WIDTH * gtk_widget_get_scale_factor (GTK_WIDGET (self)) / width;
  request = g_new0 (RenderRequest, 1);
  g_weak_ref_init (&request->self, self);
  request->page = page;
  request->pixel_scale = scale;
  request->thumbnail = TRUE;
  request->list_item = g_object_ref (G_OBJECT (item));
  esc_pdf_document_render_page_async (self->thumb_document, page, scale,
                                      thumb_in_view (self, page) ? ESC_PDF_PRIORITY_HIGH : ESC_PDF_PRIORITY_LOW,
                                      cancellable, thumb_rendered_cb, request);
}

static void
thumb_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 EscPdfPreview            *self)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (item), "esc-cancellable");

  if (cancellable != NULL)
    {
      g_cancellable_cancel (cancellable);
      g_hash_table_remove (self->thumb_cancellables, cancellable);
    }
  g_object_set_data (G_OBJECT (item), "esc-cancellable", NULL);
  esc_pdf_thumbnail_set_texture (ESC_PDF_THUMBNAIL (gtk_list_item_get_child (item)), NULL);
}

static void
thumb_selected_cb (EscPdfPreview *self)
{
  guint position = gtk_single_selection_get_selected (self->thumb_selection);

  if (self->selecting || self->document == NULL || !self->presented || position == GTK_INVALID_LIST_POSITION)
    return;
  esc_pdf_preview_set_page (self, position);
}

/* Loading */

static void            reset (EscPdfPreview *self);
static void            hold (EscPdfPreview *self);
static void            stop_waiting_for_layout (EscPdfPreview *self);
static void            start_load (EscPdfPreview *self,
                                   const char    *password);
static void            keep_page (EscPdfPreview *self);
static OpenDocument   *lookup_open (EscPdfPreview *self,
                                    const char    *store_path,
                                    const char    *sha256);
static void            remember_document (EscPdfPreview  *self,
                                          EscPdfDocument *document);
static void            document_loaded (EscPdfPreview  *self,
                                        EscPdfDocument *document);
static EscPdfDocument *lookup_thumb_document (EscPdfPreview *self);
static void            remember_thumb_document (EscPdfPreview *self);

static void
password_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      EscPdfPreview    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "esc-entry");

  if (g_str_equal (response, "unlock"))
    {
      g_autofree char *password = g_strdup (gtk_editable_get_text (entry));

      esc_pdf_preview_unlock (self, password);
      explicit_bzero (password, strlen (password));
    }
  gtk_editable_set_text (entry, "");
}

/* libadwaita 1.2's entry row reacts to losing the focus while the dialog is being
 * disposed, after parts of it are gone (a crash in g_type_check_instance_cast, now and
 * then, when the dialog closes with the password field focused). Move the focus away
 * first, while everything is alive. */
static gboolean
password_close_request_cb (GtkWindow *dialog)
{
  gtk_window_set_focus (dialog, NULL);
  return FALSE;
}

static void
ask_password (EscPdfPreview *self,
              gboolean       wrong)
{
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget        *group;
  GtkWidget        *entry;
  g_autofree char  *body = NULL;

  if (!GTK_IS_WINDOW (root) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (wrong)
    body = g_strdup (_ ("The password is not right for this document. Try again."));
  else
    body = g_strdup_printf (_ ("“%s” is protected by a password. Type it to see the document; it is not saved."),
                            self->info->title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), _ ("Password Required"), body));
  group = adw_preferences_group_new ();
  entry = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _ ("Password"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
  adw_message_dialog_set_extra_child (dialog, group);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "unlock", _ ("_Unlock"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "unlock", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "unlock");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "esc-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (password_response_cb), self, 0);
  g_signal_connect (dialog, "close-request", G_CALLBACK (password_close_request_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (EscPdfPreview)  self = user_data;
  g_autoptr (GError)         error = NULL;
  g_autoptr (EscPdfDocument) document = NULL;

  document = esc_pdf_document_load_finish (result, &error);
  if (document == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, ESC_PDF_ERROR, ESC_PDF_ERROR_NEEDS_PASSWORD) ||
          g_error_matches (error, ESC_PDF_ERROR, ESC_PDF_ERROR_WRONG_PASSWORD))
        {
          gboolean wrong = g_error_matches (error, ESC_PDF_ERROR, ESC_PDF_ERROR_WRONG_PASSWORD);

          show_message (self, "locked", _ ("Protected by a Password"), error->message);
          ask_password (self, wrong);
        }
      else
        show_message (self, "error", _ ("The Document Cannot Be Shown"), error->message);
      return;
    }

  if (!self->password_used)
    remember_document (self, document);
  document_loaded (self, document);
}

/* Shows the document's first page (or the one asked for) once it is drawn: until then
 * the pane keeps what it shows (the grace period). */
static void
document_loaded (EscPdfPreview  *self,
                 EscPdfDocument *document)
{
  guint n_pages = esc_pdf_document_get_n_pages (document);

  self->document = g_object_ref (document);
  self->thumb_document = lookup_thumb_document (self);
  self->page = self->first_page > 0 ? MIN (self->first_page, n_pages) - 1 : 0;
  self->opening_page = self->page;
  self->state = "document";
  /* The page first; the strip is filled when it is on screen (set_page_ready). */
  self->thumbs_pending = TRUE;
  if (self->presented)
    hold (self); /* unlocked: the password message stays until the page is drawn */
  show_current_page (self);
}

static void
fill_thumbnails (EscPdfPreview *self);

static void
thumb_document_loaded_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (EscPdfPreview)  self = user_data;
  g_autoptr (GError)         error = NULL;
  g_autoptr (EscPdfDocument) document = esc_pdf_document_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->document == NULL)
    return;
  if (document == NULL)
    {
      /* Opened once, it opens again; if not, the page's worker draws the strip too. */
      g_debug ("Thumbnails from the page's worker: %s", error->message);
      self->thumb_document = g_object_ref (self->document);
    }
  else
    {
      esc_pdf_document_set_background (document);
      self->thumb_document = g_object_ref (document);
      remember_thumb_document (self);
    }
  if (self->thumbs_pending)
    fill_thumbnails (self);
}

static gboolean
fill_thumbnails_idle_cb (gpointer user_data)
{
  EscPdfPreview *self = user_data;

  self->thumbs_idle = 0;
  if (self->document == NULL || !self->thumbs_pending)
    return G_SOURCE_REMOVE;
  if (self->thumb_document == NULL && self->password_used)
    self->thumb_document = g_object_ref (self->document);
  if (self->thumb_document != NULL)
    fill_thumbnails (self);
  else if (self->thumb_load_cancellable == NULL)
    {
      self->thumb_load_cancellable = g_cancellable_new ();
      esc_evidence_load_pdf_async (self->store_path, self->info->sha256, NULL, self->thumb_load_cancellable,
                                   thumb_document_loaded_cb, g_object_ref (self));
    }
  return G_SOURCE_REMOVE;
}

/* Adds FILL_CHUNK pages to the strip at each frame: GTK makes a row for each of the first
 * 200 or so at once, and their first layout at once took tens of milliseconds. */
static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  EscPdfPreview        *self = user_data;
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  guint                 n_pages = esc_pdf_document_get_n_pages (self->document);
  guint                 done = g_list_model_get_n_items (G_LIST_MODEL (self->thumb_model));
  guint                 end = MIN (done + FILL_CHUNK, n_pages);

  for (guint i = done; i < end; i++)
    g_ptr_array_add (labels, (gpointer) esc_pdf_document_get_page_label (self->document, i));
  g_ptr_array_add (labels, NULL);
  self->selecting = TRUE;
  gtk_string_list_splice (self->thumb_model, done, 0, (const char *const *) labels->pdata);
  if (self->page >= done && self->page < end)
    {
      gtk_single_selection_set_selected (self->thumb_selection, self->page);
      gtk_widget_activate_action (GTK_WIDGET (self->thumb_list), "list.scroll-to-item", "u", self->page);
    }
  self->selecting = FALSE;
  if (end < n_pages)
    return G_SOURCE_CONTINUE;
  self->fill_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
fill_thumbnails (EscPdfPreview *self)
{
  self->thumbs_pending = FALSE;
  self->selecting = TRUE;
  gtk_string_list_splice (self->thumb_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->thumb_model)), NULL);
  self->selecting = FALSE;
  if (self->fill_tick == 0)
    self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->thumb_list), fill_tick_cb, self, NULL);
}

typedef struct
{
  char *store_path;
  char *sha256;
} ImageJob;

static void
image_job_free (ImageJob *job)
{
  g_free (job->store_path);
  g_free (job->sha256);
  g_free (job);
}

static void
load_image_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ImageJob                 *job = task_data;
  g_autoptr (GError)        error = NULL;
  g_autoptr (EscStore)      store = esc_store_open (job->store_path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (GInputStream)  stream = NULL;
  g_autoptr (GOutputStream) memory = NULL;
  g_autoptr (GBytes)        bytes = NULL;
  GdkTexture               *texture;

  if (store == NULL || (stream = esc_store_open_blob (store, job->sha256, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  if (g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              cancellable, &error) < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EscPdfPreview     *self = ESC_PDF_PREVIEW (object);
  g_autoptr (GError) error = NULL;
  GdkTexture        *texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, "error", _ ("The Photo Cannot Be Shown"), error->message);
      return;
    }
  self->image = texture;
  self->state = "document";
  self->presented = FALSE;
  present (self);
  self->page_ready = TRUE;
  g_signal_emit (self, signals[PAGE_READY], 0);
}

static void
start_load (EscPdfPreview *self,
            const char    *password)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->password_used = password != NULL && password[0] != '\0';
  set_state (self, "loading");

  if (g_str_equal (self->info->mime_type, "application/pdf"))
    esc_evidence_load_pdf_async (self->store_path, self->info->sha256, password,
                                 self->load_cancellable, loaded_cb, g_object_ref (self));
  else
    {
      g_autoptr (GTask) task = g_task_new (self, self->load_cancellable, image_loaded_cb, NULL);
      ImageJob         *job = g_new0 (ImageJob, 1);

      job->store_path = g_strdup (self->store_path);
      job->sha256 = g_strdup (self->info->sha256);
      g_task_set_source_tag (task, start_load);
      g_task_set_task_data (task, job, (GDestroyNotify) image_job_free);
      g_task_run_in_thread (task, load_image_thread);
    }
}

/* Lets go of the document shown (or on its way), its renders and caches; the widgets keep
 * showing it until present(). */
static void
forget_document (EscPdfPreview *self)
{
  GHashTableIter iter;
  gpointer       cancellable;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  g_clear_handle_id (&self->render_idle, g_source_remove);
  g_clear_handle_id (&self->thumbs_idle, g_source_remove);
  g_clear_handle_id (&self->grace_timeout, g_source_remove);
  stop_waiting_for_layout (self);
  /* The strip's renders leave the worker's queue now, not when their rows are unbound. */
  g_hash_table_iter_init (&iter, self->thumb_cancellables);
  while (g_hash_table_iter_next (&iter, &cancellable, NULL))
    g_cancellable_cancel (cancellable);
  g_hash_table_remove_all (self->thumb_cancellables);
  g_queue_clear_full (&self->thumb_results, (GDestroyNotify) render_request_free);
  if (self->thumb_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->thumb_list), self->thumb_tick);
  self->thumb_tick = 0;
  if (self->fill_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->thumb_list), self->fill_tick);
  self->fill_tick = 0;

  keep_page (self);
  clear_caches (self);
  g_cancellable_cancel (self->thumb_load_cancellable);
  g_clear_object (&self->thumb_load_cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->thumb_document);
  g_clear_object (&self->image);
  g_clear_pointer (&self->info, esc_document_free);
  g_clear_pointer (&self->linked, g_array_unref);
  g_clear_pointer (&self->message, g_free);
  self->page = 0;
  self->page_ready = FALSE;
  self->inflight_scale = -1;
  self->thumbs_pending = FALSE;
  self->password_used = FALSE;
}

static gboolean
grace_cb (gpointer user_data)
{
  EscPdfPreview *self = user_data;

  self->grace_timeout = 0;
  present (self);
  return G_SOURCE_REMOVE;
}

/* Keeps the widgets as they are until the page is drawn, or GRACE_MS at most. */
static void
hold (EscPdfPreview *self)
{
  self->presented = FALSE;
  if (self->grace_timeout == 0)
    self->grace_timeout = g_timeout_add (GRACE_MS, grace_cb, self);
}

/* Brings every widget to the current state, in one go. */
static void
present (EscPdfPreview *self)
{
  guint n_pages = self->document != NULL ? esc_pdf_document_get_n_pages (self->document) : 0;

  if (self->presented)
    return;
  self->presented = TRUE;
  g_clear_handle_id (&self->grace_timeout, g_source_remove);

  gtk_label_set_label (self->title_label, self->info != NULL ? self->info->title : "");
  /* The strip is filled once the page is on screen. */
  self->selecting = TRUE;
  gtk_string_list_splice (self->thumb_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->thumb_model)), NULL);
  self->selecting = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->thumb_scroller), n_pages > 1);
  show_stack_page (self, self->message != NULL ? "message" : self->state);

  if (self->document != NULL)
    present_current_page (self);
  else if (self->image != NULL)
    {
      /* Photo pixels shown as 96 dpi. */
      esc_pdf_page_view_set_page_size (self->page_view, gdk_texture_get_width (self->image) * 0.75,
                                       gdk_texture_get_height (self->image) * 0.75);
      esc_pdf_page_view_set_texture (self->page_view, self->image);
    }
  else
    {
      esc_pdf_page_view_set_texture (self->page_view, NULL);
      esc_pdf_page_view_set_page_size (self->page_view, 0, 0);
    }
  update_actions (self);
}

static void
reset (EscPdfPreview *self)
{
  forget_document (self);
  self->state = "empty";
  self->presented = FALSE;
  present (self);
}

/* Documents kept open */

static void
open_document_free (OpenDocument *open)
{
  g_free (open->store_path);
  g_free (open->sha256);
  g_object_unref (open->document);
  g_clear_object (&open->thumb_document);
  g_clear_pointer (&open->page, cached_page_free);
  g_free (open);
}

/* A document kept open keeps the page it opened on, drawn (up to KEPT_PAGE_BYTES): shown
 * again, that page is on screen in the next frame. */
static void
keep_page (EscPdfPreview *self)
{
  OpenDocument *open;
  CachedPage   *cached;

  if (self->document == NULL)
    return;
  open = lookup_open (self, self->store_path, self->info->sha256);
  if (open == NULL)
    return;
  g_clear_pointer (&open->page, cached_page_free);
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      cached = l->data;
      if (cached->page == self->opening_page && cached->bytes <= KEPT_PAGE_BYTES)
        {
          g_queue_delete_link (&self->pages, l);
          self->page_bytes -= cached->bytes;
          open->page = cached;
          return;
        }
    }
}

/* The page an open document kept goes back to the pane's cache. */
static void
restore_page (EscPdfPreview *self,
              OpenDocument  *open)
{
  if (open->page == NULL)
    return;
  g_queue_push_head (&self->pages, g_steal_pointer (&open->page));
  self->page_bytes += ((CachedPage *) self->pages.head->data)->bytes;
}

static OpenDocument *
lookup_open (EscPdfPreview *self,
             const char    *store_path,
             const char    *sha256)
{
  for (GList *l = self->open_documents.head; l != NULL; l = l->next)
    {
      OpenDocument *open = l->data;

      if (g_str_equal (open->sha256, sha256) && g_str_equal (open->store_path, store_path))
        {
          g_queue_unlink (&self->open_documents, l);
          g_queue_push_head_link (&self->open_documents, l);
          return open;
        }
    }
  return NULL;
}

static EscPdfDocument *
lookup_open_document (EscPdfPreview *self,
                      const char    *store_path,
                      const char    *sha256)
{
  OpenDocument *open = lookup_open (self, store_path, sha256);

  return open != NULL ? open->document : NULL;
}

/* (transfer full) */
static EscPdfDocument *
lookup_thumb_document (EscPdfPreview *self)
{
  OpenDocument *open = lookup_open (self, self->store_path, self->info->sha256);

  return open != NULL && open->thumb_document != NULL ? g_object_ref (open->thumb_document) : NULL;
}

static void
remember_thumb_document (EscPdfPreview *self)
{
  OpenDocument *open = lookup_open (self, self->store_path, self->info->sha256);

  if (open != NULL && open->document == self->document)
    g_set_object (&open->thumb_document, self->thumb_document);
}

/* Selecting it again skips opening the workspace's blob and parsing the PDF: a document
 * opened with a password is not kept once another is shown. */
static void
remember_document (EscPdfPreview  *self,
                   EscPdfDocument *document)
{
  OpenDocument *open;

  if (lookup_open_document (self, self->store_path, self->info->sha256) != NULL)
    return;
  open = g_new0 (OpenDocument, 1);
  open->store_path = g_strdup (self->store_path);
  open->sha256 = g_strdup (self->info->sha256);
  open->document = g_object_ref (document);
  g_queue_push_head (&self->open_documents, open);
  while (self->open_documents.length > OPEN_DOCUMENTS)
    open_document_free (g_queue_pop_tail (&self->open_documents));
}

/* Actions */

static void
go_to (EscPdfPreview *self,
       int            page)
{
  guint n = esc_pdf_preview_get_n_pages (self);

  if (self->document == NULL || n == 0)
    return;
  esc_pdf_preview_set_page (self, CLAMP (page, 0, (int) n - 1));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EscPdfPreview *self = ESC_PDF_PREVIEW (widget);

  if (g_str_equal (action_name, "preview.previous-page"))
    go_to (self, (int) self->page - 1);
  else if (g_str_equal (action_name, "preview.next-page"))
    go_to (self, (int) self->page + 1);
  else if (g_str_equal (action_name, "preview.first-page"))
    go_to (self, 0);
  else if (g_str_equal (action_name, "preview.last-page"))
    go_to (self, G_MAXINT);
  else if (g_str_equal (action_name, "preview.linked-page") && self->linked != NULL && self->linked->len > 0)
    {
      /* The next linked page after this one, round to the first. */
      guint next = 0;

      for (guint p = self->page + 2; p <= esc_pdf_preview_get_n_pages (self) && next == 0; p++)
        if (esc_page_ranges_contains (self->linked, p))
          next = p;
      if (next == 0)
        next = esc_page_ranges_get_first (self->linked);
      go_to (self, (int) next - 1);
    }
}

static void
stop_waiting_for_layout (EscPdfPreview *self)
{
  /* A disposed clock (its window went away) has dropped its handlers already. */
  if (self->layout_handler != 0 && g_signal_handler_is_connected (self->layout_clock, self->layout_handler))
    g_signal_handler_disconnect (self->layout_clock, self->layout_handler);
  self->layout_handler = 0;
  g_clear_object (&self->layout_clock);
}

/* TRUE while the layout of a frame is awaited; a clock that is no longer the widget's, or
 * that dropped the handler, ends the wait. */
static gboolean
is_waiting_for_layout (EscPdfPreview *self)
{
  if (self->layout_handler == 0)
    return FALSE;
  if (self->layout_clock == gtk_widget_get_frame_clock (GTK_WIDGET (self)) &&
      g_signal_handler_is_connected (self->layout_clock, self->layout_handler))
    return TRUE;
  stop_waiting_for_layout (self);
  return FALSE;
}

/* Runs after the frame's layout: the page view has its new scale now. A drawing at that
 * scale already there is shown in this very frame; otherwise the worker is asked now. */
static void
laid_out_cb (GdkFrameClock *clock,
             EscPdfPreview *self)
{
  stop_waiting_for_layout (self);
  if (self->document != NULL)
    {
      g_clear_handle_id (&self->render_idle, g_source_remove);
      render_idle_cb (self);
    }
}

/* The current page is not ready until it is laid out (a new page or zoom) and drawn at the
 * scale it has then; whether or not that scale changes, the page is asked for after it. */
static void
wait_for_layout (EscPdfPreview *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->page_ready = FALSE;
  if (clock == NULL)
    {
      request_page (self);
      return;
    }
  if (is_waiting_for_layout (self))
    return;
  self->layout_clock = g_object_ref (clock);
  self->layout_handler = g_signal_connect_after (clock, "layout", G_CALLBACK (laid_out_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

static void
set_zoom (EscPdfPreview *self,
          EscZoomMode    mode,
          double         scale)
{
  esc_pdf_page_view_set_zoom (self->page_view, mode, scale);
  if (self->document != NULL)
    wait_for_layout (self);
  gtk_scrolled_window_set_policy (self->page_scroller,
                                  mode == ESC_ZOOM_FREE ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER,
                                  mode == ESC_ZOOM_FIT_PAGE ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
  gtk_toggle_button_set_active (self->fit_width_button, mode == ESC_ZOOM_FIT_WIDTH);
  gtk_toggle_button_set_active (self->fit_page_button, mode == ESC_ZOOM_FIT_PAGE);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EscPdfPreview *self = ESC_PDF_PREVIEW (widget);
  double         scale = esc_pdf_page_view_get_scale (self->page_view);

  if (g_str_equal (action_name, "preview.zoom-in"))
    set_zoom (self, ESC_ZOOM_FREE, scale * ZOOM_STEP);
  else if (g_str_equal (action_name, "preview.zoom-out"))
    set_zoom (self, ESC_ZOOM_FREE, scale / ZOOM_STEP);
  else if (g_str_equal (action_name, "preview.fit-width"))
    set_zoom (self, ESC_ZOOM_FIT_WIDTH, 1);
  else if (g_str_equal (action_name, "preview.fit-page"))
    set_zoom (self, ESC_ZOOM_FIT_PAGE, 1);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
}

/* The file's name as the title's tooltip, asked for when shown: setting a tooltip's text
 * asks the display server where the pointer is, a round trip at each document. */
static gboolean
title_query_tooltip_cb (GtkWidget     *label,
                        int            x,
                        int            y,
                        gboolean       keyboard,
                        GtkTooltip    *tooltip,
                        EscPdfPreview *self)
{
  if (self->info == NULL || self->info->file_name == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->info->file_name);
  return TRUE;
}

static void
unlock_clicked_cb (EscPdfPreview *self)
{
  ask_password (self, FALSE);
}

static void
scale_changed_cb (EscPdfPreview *self)
{
  if (self->document != NULL)
    request_page (self);
}

static void
fit_width_toggled_cb (EscPdfPreview *self)
{
  if (gtk_toggle_button_get_active (self->fit_width_button) &&
      esc_pdf_page_view_get_zoom_mode (self->page_view) != ESC_ZOOM_FIT_WIDTH)
    set_zoom (self, ESC_ZOOM_FIT_WIDTH, 1);
}

static void
fit_page_toggled_cb (EscPdfPreview *self)
{
  if (gtk_toggle_button_get_active (self->fit_page_button) &&
      esc_pdf_page_view_get_zoom_mode (self->page_view) != ESC_ZOOM_FIT_PAGE)
    set_zoom (self, ESC_ZOOM_FIT_PAGE, 1);
}

/* GObject */

static void
esc_pdf_preview_dispose (GObject *object)
{
  EscPdfPreview *self = ESC_PDF_PREVIEW (object);

  forget_document (self);
  g_queue_clear_full (&self->open_documents, (GDestroyNotify) open_document_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESC_TYPE_PDF_PREVIEW);

  G_OBJECT_CLASS (esc_pdf_preview_parent_class)->dispose (object);
}

static void
esc_pdf_preview_finalize (GObject *object)
{
  EscPdfPreview *self = ESC_PDF_PREVIEW (object);

  g_hash_table_unref (self->thumbs);
  g_hash_table_unref (self->thumb_cancellables);
  g_free (self->store_path);
  g_clear_object (&self->thumb_model);
  g_clear_object (&self->thumb_selection);

  G_OBJECT_CLASS (esc_pdf_preview_parent_class)->finalize (object);
}

static void
esc_pdf_preview_class_init (EscPdfPreviewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_pdf_preview_dispose;
  object_class->finalize = esc_pdf_preview_finalize;

  /**
   * EscPdfPreview::page-ready:
   *
   * The current page is drawn sharp at the current zoom.
   */
  signals[PAGE_READY] = g_signal_new ("page-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EscPdfPreview::close-requested:
   *
   * The close button was pressed: whoever shows the pane hides it.
   */
  signals[CLOSE_REQUESTED] = g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ESC_TYPE_PDF_PAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/esc-pdf-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, title_label);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, thumb_scroller);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, thumb_list);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, page_view);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, status_page);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, fit_width_button);
  gtk_widget_class_bind_template_child (widget_class, EscPdfPreview, fit_page_button);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fit_width_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, fit_page_toggled_cb);

  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "preview.first-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "preview.last-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "preview.linked-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.fit-page", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "preview.first-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "preview.last-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.fit-width", NULL);
}

static void
esc_pdf_preview_init (EscPdfPreview *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = "empty";
  self->inflight_scale = -1;
  self->thumbs = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->thumb_cancellables = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->presented = TRUE;
  self->thumb_model = gtk_string_list_new (NULL);
  self->thumb_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->thumb_model)));
  gtk_single_selection_set_autoselect (self->thumb_selection, FALSE);
  g_signal_connect_object (self->thumb_selection, "notify::selected",
                           G_CALLBACK (thumb_selected_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (thumb_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (thumb_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (thumb_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->thumb_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->thumb_list, GTK_SELECTION_MODEL (self->thumb_selection));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->title_label), TRUE);
  g_signal_connect_object (self->title_label, "query-tooltip", G_CALLBACK (title_query_tooltip_cb), self, 0);
  g_signal_connect_object (self, "notify::scale-factor", G_CALLBACK (scale_changed_cb), self,
                           G_CONNECT_SWAPPED);
  set_zoom (self, ESC_ZOOM_FIT_WIDTH, 1);
  update_actions (self);
}

GtkWidget *
esc_pdf_preview_new (void)
{
  return g_object_new (ESC_TYPE_PDF_PREVIEW, NULL);
}

static void
show_document (EscPdfPreview     *self,
               const char        *store_path,
               const EscDocument *document,
               const char        *pages,
               guint              first_page)
{
  OpenDocument *open;

  /* What the pane shows stays until this document's first page is drawn. */
  forget_document (self);
  hold (self);
  g_free (self->store_path);
  self->store_path = g_strdup (store_path);
  self->info = esc_document_copy (document);
  self->linked = esc_page_ranges_parse (pages != NULL ? pages : "", 0, NULL);
  self->first_page = first_page > 0 ? first_page
                                    : (self->linked != NULL ? esc_page_ranges_get_first (self->linked) : 0);
  self->state = "loading";
  open = lookup_open (self, store_path, document->sha256);
  if (open != NULL)
    {
      restore_page (self, open);
      document_loaded (self, open->document);
    }
  else
    start_load (self, NULL);
}

void
esc_pdf_preview_show_document (EscPdfPreview     *self,
                               const char        *store_path,
                               const EscDocument *document,
                               const char        *pages)
{
  g_return_if_fail (ESC_IS_PDF_PREVIEW (self));
  g_return_if_fail (store_path != NULL);
  g_return_if_fail (document != NULL);

  show_document (self, store_path, document, pages, 0);
}

void
esc_pdf_preview_show_page (EscPdfPreview     *self,
                           const char        *store_path,
                           const EscDocument *document,
                           guint              page)
{
  g_return_if_fail (ESC_IS_PDF_PREVIEW (self));
  g_return_if_fail (store_path != NULL);
  g_return_if_fail (document != NULL);

  if (self->document != NULL && self->info != NULL && g_str_equal (self->info->sha256, document->sha256))
    {
      go_to (self, (int) page - 1);
      return;
    }
  show_document (self, store_path, document, NULL, page);
}

void
esc_pdf_preview_clear (EscPdfPreview *self)
{
  g_return_if_fail (ESC_IS_PDF_PREVIEW (self));

  reset (self);
  /* An open document holds a read of the workspace (its blob) on its worker's own
   * connection: once the pane is closed or the assessment unloaded, none is kept. */
  g_queue_clear_full (&self->open_documents, (GDestroyNotify) open_document_free);
}

void
esc_pdf_preview_unlock (EscPdfPreview *self,
                        const char    *password)
{
  g_return_if_fail (ESC_IS_PDF_PREVIEW (self));

  if (self->info == NULL || self->document != NULL)
    return;
  start_load (self, password);
}

const char *
esc_pdf_preview_get_sha256 (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), NULL);

  return self->info != NULL ? self->info->sha256 : NULL;
}

guint
esc_pdf_preview_get_n_pages (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), 0);

  if (self->document != NULL)
    return esc_pdf_document_get_n_pages (self->document);
  return self->image != NULL ? 1 : 0;
}

guint
esc_pdf_preview_get_page (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), 0);

  return self->page;
}

void
esc_pdf_preview_set_page (EscPdfPreview *self,
                          guint          page)
{
  g_return_if_fail (ESC_IS_PDF_PREVIEW (self));

  if (self->document == NULL || page >= esc_pdf_document_get_n_pages (self->document))
    return;
  if (page == self->page && self->page_ready)
    return;
  self->page = page;
  show_current_page (self);
}

gboolean
esc_pdf_preview_is_page_ready (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), FALSE);

  return self->page_ready;
}

const char *
esc_pdf_preview_get_state (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), NULL);

  return self->state;
}

const char *
esc_pdf_preview_get_message (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), NULL);

  return self->message;
}

guint
esc_pdf_preview_get_n_thumbnails (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), 0);

  return g_hash_table_size (self->thumbs);
}

EscPdfPageView *
esc_pdf_preview_get_page_view (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), NULL);

  return self->page_view;
}

GtkWidget *
esc_pdf_preview_get_thumbnail_list (EscPdfPreview *self)
{
  g_return_val_if_fail (ESC_IS_PDF_PREVIEW (self), NULL);

  return GTK_WIDGET (self->thumb_list);
}
