/* esc-pdf.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>
#include <string.h>
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "esc-pdf.h"

/* Poppler accepts the "%PDF-" header anywhere in the first kilobyte. */
#define SNIFF_LENGTH 1024
/* The largest side of a rendered page, in pixels: bounds memory for absurd page sizes. */
#define MAX_RENDER_SIDE 8192

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef struct _Job      Job;
typedef struct _SyncWait SyncWait;
typedef void (*JobFunc) (EscPdfDocument *self,
                         GTask          *task,
                         gpointer        task_data,
                         GCancellable   *cancellable);

struct _Job
{
  int              priority;
  guint            seq;
  GTask           *task;
  JobFunc          func;
  gboolean         quit;
  PopplerDocument *document; /* quit: dropped on the worker */
  SyncWait        *wait;     /* told when the worker has let go of the job */
};

struct _SyncWait
{
  gboolean      done;
  GAsyncResult *result;
  GMutex        mutex;
  GCond         cond;
  gboolean      released;
};

struct _EscPdfDocument
{
  GObject          parent_instance;

  GAsyncQueue     *queue;
  GThread         *thread;
  guint            seq;

  /* Only ever touched on the worker thread. */
  PopplerDocument *document;

  /* Written once by the load job, read-only afterwards. */
  guint            n_pages;
  double          *sizes; /* width, height per page */
  char           **labels;
  char            *title;
};

G_DEFINE_FINAL_TYPE (EscPdfDocument, esc_pdf_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (esc - pdf - error - quark, esc_pdf_error)

typedef struct
{
  GFile         *file;
  GBytes        *bytes;
  EscPdfOpenFunc open_func;
  gpointer       open_data;
  GDestroyNotify open_data_free;
  char          *password;
} LoadData;

typedef struct
{
  guint  page;
  double scale;
} PageData;

static void
wipe_password (char **password)
{
  if (*password != NULL)
    {
      explicit_bzero (*password, strlen (*password));
      g_clear_pointer (password, g_free);
    }
}

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->file);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  if (load->open_data_free != NULL)
    load->open_data_free (load->open_data);
  wipe_password (&load->password);
  g_free (load);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_object (&job->document);
  g_free (job);
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Job *ja = a;
  const Job *jb = b;

  if (ja->priority != jb->priority)
    return ja->priority < jb->priority ? -1 : 1;
  return ja->seq < jb->seq ? -1 : (ja->seq > jb->seq);
}

static gpointer
worker_main (gpointer data)
{
  GAsyncQueue *queue = data;

  for (;;)
    {
      Job      *job = g_async_queue_pop (queue);
      SyncWait *wait;

      if (job->quit)
        {
          job_free (job);
          break;
        }

      if (!g_task_return_error_if_cancelled (job->task))
        job->func (g_task_get_source_object (job->task),
                   job->task,
                   g_task_get_task_data (job->task),
                   g_task_get_cancellable (job->task));

      /* May drop the last reference to the document: finalize copes with that. */
      wait = g_steal_pointer (&job->wait);
      job_free (job);
      if (wait != NULL)
        {
          g_mutex_lock (&wait->mutex);
          wait->released = TRUE;
          g_cond_signal (&wait->cond);
          g_mutex_unlock (&wait->mutex);
        }
    }

  g_async_queue_unref (queue);
  return NULL;
}

/* Takes ownership of task. */
static void
push_job (EscPdfDocument *self,
          int             priority,
          JobFunc         func,
          GTask          *task,
          SyncWait       *wait)
{
  Job *job = g_new0 (Job, 1);

  job->wait = wait;
  job->priority = priority;
  job->seq = g_atomic_int_add (&self->seq, 1);
  job->func = func;
  job->task = task;
  g_async_queue_push_sorted (self->queue, job, compare_jobs, NULL);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

/* Runs func on the worker and waits for it; returns the task's pointer result. */
static gpointer
run_sync (EscPdfDocument *self,
          JobFunc         func,
          gpointer        task_data,
          GDestroyNotify  task_data_free,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  SyncWait                 wait = { 0 };
  gpointer                 ret;
  GTask                   *task;

  g_mutex_init (&wait.mutex);
  g_cond_init (&wait.cond);
  g_main_context_push_thread_default (context);
  task = g_task_new (self, cancellable, sync_done_cb, &wait);
  g_task_set_task_data (task, task_data, task_data_free);
  push_job (self, ESC_PDF_PRIORITY_URGENT, func, task, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  /* Once this returns, the caller holds the only references it expects. */
  g_mutex_lock (&wait.mutex);
  while (!wait.released)
    g_cond_wait (&wait.cond, &wait.mutex);
  g_mutex_unlock (&wait.mutex);
  g_mutex_clear (&wait.mutex);
  g_cond_clear (&wait.cond);

  ret = g_task_propagate_pointer (G_TASK (wait.result), error);
  g_object_unref (wait.result);
  return ret;
}

const char *
esc_pdf_sniff_mime_type (const guint8 *data,
                         gsize         length)
{
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize               scan = MIN (length, SNIFF_LENGTH);

  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (length >= sizeof png_magic && memcmp (data, png_magic, sizeof png_magic) == 0)
    return "image/png";
  for (gsize i = 0; i + 5 <= scan; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return "application/pdf";
  return NULL;
}

static gboolean
check_is_pdf (const guint8 *data,
              gsize         length,
              GError      **error)
{
  if (length == 0)
    {
      g_set_error_literal (error, ESC_PDF_ERROR, ESC_PDF_ERROR_NOT_PDF,
                           _ ("The file is empty."));
      return FALSE;
    }
  if (g_strcmp0 (esc_pdf_sniff_mime_type (data, length), "application/pdf") != 0)
    {
      g_set_error_literal (error, ESC_PDF_ERROR, ESC_PDF_ERROR_NOT_PDF,
                           _ ("The file is not a PDF document."));
      return FALSE;
    }
  return TRUE;
}

static void
convert_poppler_error (GError     *poppler_error,
                       const char *password,
                       GError    **error)
{
  if (poppler_error->domain != POPPLER_ERROR)
    {
      g_propagate_error (error, poppler_error);
      return;
    }

  if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      if (password == NULL || password[0] == '\0')
        g_set_error_literal (error, ESC_PDF_ERROR, ESC_PDF_ERROR_NEEDS_PASSWORD,
                             _ ("The document is protected by a password."));
      else
        g_set_error_literal (error, ESC_PDF_ERROR, ESC_PDF_ERROR_WRONG_PASSWORD,
                             _ ("The password is not right for this document."));
    }
  else
    {
      g_debug ("Poppler: %s", poppler_error->message);
      g_set_error_literal (error, ESC_PDF_ERROR, ESC_PDF_ERROR_DAMAGED,
                           _ ("The PDF document is damaged and cannot be read."));
    }
  g_error_free (poppler_error);
}

static gboolean
read_head (GInputStream *stream,
           guint8       *buffer,
           gsize        *length,
           GCancellable *cancellable,
           GError      **error)
{
  return g_input_stream_read_all (stream, buffer, SNIFF_LENGTH, length, cancellable, error);
}

static PopplerDocument *
open_poppler_document (LoadData     *load,
                       GCancellable *cancellable,
                       GError      **error)
{
  guint8           head[SNIFF_LENGTH];
  gsize            head_length = 0;
  GError          *poppler_error = NULL;
  PopplerDocument *document = NULL;

  if (load->bytes != NULL)
    {
      gsize         size;
      const guint8 *data = g_bytes_get_data (load->bytes, &size);

      if (!check_is_pdf (data, size, error))
        return NULL;
      document = poppler_document_new_from_bytes (load->bytes, load->password, &poppler_error);
    }
  else if (load->file != NULL)
    {
      g_autoptr (GFileInputStream) stream = g_file_read (load->file, cancellable, error);

      if (stream == NULL)
        return NULL;
      if (!read_head (G_INPUT_STREAM (stream), head, &head_length, cancellable, error))
        return NULL;
      g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);
      if (!check_is_pdf (head, head_length, error))
        return NULL;
      document = poppler_document_new_from_gfile (load->file, load->password,
                                                  cancellable, &poppler_error);
    }
  else
    {
      g_autoptr (GInputStream) stream = NULL;
      goffset                  length;

      stream = load->open_func (load->open_data, cancellable, error);
      if (stream == NULL)
        return NULL;
      g_return_val_if_fail (G_IS_SEEKABLE (stream), NULL);
      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_END, cancellable, error))
        return NULL;
      length = g_seekable_tell (G_SEEKABLE (stream));
      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
        return NULL;
      if (!read_head (stream, head, &head_length, cancellable, error))
        return NULL;
      if (!check_is_pdf (head, head_length, error))
        return NULL;
      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
        return NULL;
      document = poppler_document_new_from_stream (stream, length, load->password,
                                                   cancellable, &poppler_error);
    }

  if (document == NULL)
    {
      if (poppler_error != NULL)
        convert_poppler_error (poppler_error, load->password, error);
      else
        g_set_error_literal (error, ESC_PDF_ERROR, ESC_PDF_ERROR_DAMAGED,
                             _ ("The PDF document is damaged and cannot be read."));
    }
  return document;
}

static void
load_job (EscPdfDocument *self,
          GTask          *task,
          gpointer        task_data,
          GCancellable   *cancellable)
{
  LoadData                   *load = task_data;
  g_autoptr (PopplerDocument) document = NULL;
  GError                     *error = NULL;
  int                         n_pages;

  document = open_poppler_document (load, cancellable, &error);
  wipe_password (&load->password);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_task_return_new_error (task, ESC_PDF_ERROR, ESC_PDF_ERROR_DAMAGED,
                               "%s", _ ("The PDF document has no pages."));
      return;
    }

  self->sizes = g_new0 (double, 2 * n_pages);
  self->labels = g_new0 (char *, n_pages + 1);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);

      if (page == NULL)
        {
          g_task_return_new_error (task, ESC_PDF_ERROR, ESC_PDF_ERROR_DAMAGED,
                                   "%s", _ ("The PDF document is damaged and cannot be read."));
          return;
        }
      poppler_page_get_size (page, &self->sizes[2 * i], &self->sizes[2 * i + 1]);
      if (!(self->sizes[2 * i] >= 1 && self->sizes[2 * i + 1] >= 1) ||
          !isfinite (self->sizes[2 * i]) || !isfinite (self->sizes[2 * i + 1]))
        {
          /* A page with no usable box: show it as A4 rather than refuse the file. */
          self->sizes[2 * i] = 595;
          self->sizes[2 * i + 1] = 842;
        }
      self->labels[i] = poppler_page_get_label (page);
      if (self->labels[i] == NULL || !g_utf8_validate (self->labels[i], -1, NULL) ||
          self->labels[i][0] == '\0')
        {
          g_free (self->labels[i]);
          self->labels[i] = g_strdup_printf ("%d", i + 1);
        }
    }
  self->title = poppler_document_get_title (document);
  if (self->title != NULL && !g_utf8_validate (self->title, -1, NULL))
    g_clear_pointer (&self->title, g_free);
  self->n_pages = n_pages;
  self->document = g_steal_pointer (&document);

  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

static void
render_job (EscPdfDocument *self,
            GTask          *task,
            gpointer        task_data,
            GCancellable   *cancellable)
{
  PageData               *data = task_data;
  g_autoptr (PopplerPage) page = NULL;
  cairo_surface_t        *surface;
  cairo_t                *cr;
  double                  width, height, scale = data->scale;
  int                     pixel_width, pixel_height;

  page = poppler_document_get_page (self->document, data->page);
  if (page == NULL)
    {
      g_task_return_new_error (task, ESC_PDF_ERROR, ESC_PDF_ERROR_RENDER,
                               _ ("Failed to render page %u."), data->page + 1);
      return;
    }

  width = self->sizes[2 * data->page];
  height = self->sizes[2 * data->page + 1];
  if (width * scale > MAX_RENDER_SIDE || height * scale > MAX_RENDER_SIDE)
    scale = MAX_RENDER_SIDE / MAX (width, height);
  pixel_width = MAX (1, (int) ceil (width * scale));
  pixel_height = MAX (1, (int) ceil (height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, ESC_PDF_ERROR, ESC_PDF_ERROR_RENDER,
                               _ ("Failed to render page %u."), data->page + 1);
      return;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  /* Paper: white under whatever the page drew. */
  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OVER);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, ESC_PDF_ERROR, ESC_PDF_ERROR_RENDER,
                               _ ("Failed to render page %u."), data->page + 1);
      return;
    }
  cairo_surface_flush (surface);

  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
text_job (EscPdfDocument *self,
          GTask          *task,
          gpointer        task_data,
          GCancellable   *cancellable)
{
  PageData               *data = task_data;
  g_autoptr (PopplerPage) page = poppler_document_get_page (self->document, data->page);
  char                   *text = NULL;

  if (page != NULL)
    text = poppler_page_get_text (page);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      text = g_strdup ("");
    }
  g_task_return_pointer (task, text, g_free);
}

static void
all_text_job (EscPdfDocument *self,
              GTask          *task,
              gpointer        task_data,
              GCancellable   *cancellable)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->n_pages; i++)
    {
      g_autoptr (PopplerPage) page = NULL;
      g_autofree char        *text = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      page = poppler_document_get_page (self->document, i);
      if (page != NULL)
        text = poppler_page_get_text (page);
      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        g_strv_builder_add (builder, "");
      else
        g_strv_builder_add (builder, text);
    }
  g_task_return_pointer (task, g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
}

static void
background_job (EscPdfDocument *self,
                GTask          *task,
                gpointer        task_data,
                GCancellable   *cancellable)
{
#ifdef __linux__
  /* Linux schedules each thread on its own: this lowers the worker alone, for good (an
   * ordinary user may not raise it back). */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
    g_debug ("Could not lower the priority of a PDF worker: %s", g_strerror (errno));
#endif
  g_task_return_boolean (task, TRUE);
}

void
esc_pdf_document_set_background (EscPdfDocument *self)
{
  g_return_if_fail (ESC_IS_PDF_DOCUMENT (self));

  push_job (self, ESC_PDF_PRIORITY_URGENT, background_job, g_task_new (self, NULL, NULL, NULL), NULL);
}

static void
esc_pdf_document_finalize (GObject *object)
{
  EscPdfDocument *self = ESC_PDF_DOCUMENT (object);
  Job            *quit = g_new0 (Job, 1);

  /* Poppler objects are dropped on the worker, after every job before them. */
  quit->quit = TRUE;
  quit->priority = G_MAXINT;
  quit->seq = G_MAXUINT;
  quit->document = g_steal_pointer (&self->document);
  g_async_queue_push_sorted (self->queue, quit, compare_jobs, NULL);

  /* The last reference may go on the worker itself, when a job finishes. */
  if (g_thread_self () == self->thread)
    g_thread_unref (self->thread);
  else
    g_thread_join (self->thread);
  g_async_queue_unref (self->queue);

  g_free (self->sizes);
  g_strfreev (self->labels);
  g_free (self->title);

  G_OBJECT_CLASS (esc_pdf_document_parent_class)->finalize (object);
}

static void
esc_pdf_document_class_init (EscPdfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = esc_pdf_document_finalize;
}

static void
esc_pdf_document_init (EscPdfDocument *self)
{
  self->queue = g_async_queue_new ();
  self->thread = g_thread_new ("esc-pdf", worker_main, g_async_queue_ref (self->queue));
}

static LoadData *
load_data_new (const char *password)
{
  LoadData *load = g_new0 (LoadData, 1);

  load->password = g_strdup (password);
  return load;
}

static EscPdfDocument *
load_sync (LoadData     *load,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr (EscPdfDocument) self = g_object_new (ESC_TYPE_PDF_DOCUMENT, NULL);
  g_autoptr (EscPdfDocument) loaded = NULL;

  loaded = run_sync (self, load_job, load, load_data_free, cancellable, error);
  return g_steal_pointer (&loaded);
}

static void
load_async (LoadData           *load,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data,
            gpointer            source_tag)
{
  g_autoptr (EscPdfDocument) self = g_object_new (ESC_TYPE_PDF_DOCUMENT, NULL);
  GTask                     *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, load, load_data_free);
  push_job (self, ESC_PDF_PRIORITY_URGENT, load_job, task, NULL);
}

/**
 * esc_pdf_document_new_from_file:
 *
 * Opens a PDF file, sniffing its content first. Errors are ESC_PDF_ERROR or G_IO_ERROR.
 */
EscPdfDocument *
esc_pdf_document_new_from_file (GFile        *file,
                                const char   *password,
                                GCancellable *cancellable,
                                GError      **error)
{
  LoadData *load;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  load = load_data_new (password);
  load->file = g_object_ref (file);
  return load_sync (load, cancellable, error);
}

EscPdfDocument *
esc_pdf_document_new_from_bytes (GBytes       *bytes,
                                 const char   *password,
                                 GCancellable *cancellable,
                                 GError      **error)
{
  LoadData *load;

  g_return_val_if_fail (bytes != NULL, NULL);

  load = load_data_new (password);
  load->bytes = g_bytes_ref (bytes);
  return load_sync (load, cancellable, error);
}

void
esc_pdf_document_load_file_async (GFile              *file,
                                  const char         *password,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  LoadData *load;

  g_return_if_fail (G_IS_FILE (file));

  load = load_data_new (password);
  load->file = g_object_ref (file);
  load_async (load, cancellable, callback, user_data, esc_pdf_document_load_file_async);
}

void
esc_pdf_document_load_bytes_async (GBytes             *bytes,
                                   const char         *password,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  LoadData *load;

  g_return_if_fail (bytes != NULL);

  load = load_data_new (password);
  load->bytes = g_bytes_ref (bytes);
  load_async (load, cancellable, callback, user_data, esc_pdf_document_load_bytes_async);
}

void
esc_pdf_document_load_stream_async (EscPdfOpenFunc      open_func,
                                    gpointer            open_data,
                                    GDestroyNotify      open_data_free,
                                    const char         *password,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  LoadData *load;

  g_return_if_fail (open_func != NULL);

  load = load_data_new (password);
  load->open_func = open_func;
  load->open_data = open_data;
  load->open_data_free = open_data_free;
  load_async (load, cancellable, callback, user_data, esc_pdf_document_load_stream_async);
}

/**
 * esc_pdf_document_load_finish:
 *
 * Returns: (transfer full): the loaded document, or NULL with error set.
 */
EscPdfDocument *
esc_pdf_document_load_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
esc_pdf_document_get_n_pages (EscPdfDocument *self)
{
  g_return_val_if_fail (ESC_IS_PDF_DOCUMENT (self), 0);

  return self->n_pages;
}

void
esc_pdf_document_get_page_size (EscPdfDocument *self,
                                guint           page,
                                double         *width,
                                double         *height)
{
  g_return_if_fail (ESC_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page < self->n_pages);

  if (width != NULL)
    *width = self->sizes[2 * page];
  if (height != NULL)
    *height = self->sizes[2 * page + 1];
}

const char *
esc_pdf_document_get_title (EscPdfDocument *self)
{
  g_return_val_if_fail (ESC_IS_PDF_DOCUMENT (self), NULL);

  return self->title;
}

const char *
esc_pdf_document_get_page_label (EscPdfDocument *self,
                                 guint           page)
{
  g_return_val_if_fail (ESC_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (page < self->n_pages, NULL);

  return self->labels[page];
}

static PageData *
page_data_new (guint  page,
               double scale)
{
  PageData *data = g_new0 (PageData, 1);

  data->page = page;
  data->scale = scale;
  return data;
}

cairo_surface_t *
esc_pdf_document_render_page (EscPdfDocument *self,
                              guint           page,
                              double          scale,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_return_val_if_fail (ESC_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (page < self->n_pages, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  return run_sync (self, render_job, page_data_new (page, scale), g_free, cancellable, error);
}

void
esc_pdf_document_render_page_async (EscPdfDocument     *self,
                                    guint               page,
                                    double              scale,
                                    EscPdfPriority      priority,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (ESC_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page < self->n_pages);
  g_return_if_fail (scale > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, esc_pdf_document_render_page_async);
  g_task_set_task_data (task, page_data_new (page, scale), g_free);
  push_job (self, priority, render_job, task, NULL);
}

/**
 * esc_pdf_document_render_page_finish:
 *
 * Returns: (transfer full): an ARGB32 image surface, or NULL with error set.
 */
cairo_surface_t *
esc_pdf_document_render_page_finish (EscPdfDocument *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
esc_pdf_document_get_page_text (EscPdfDocument *self,
                                guint           page,
                                GCancellable   *cancellable,
                                GError        **error)
{
  g_return_val_if_fail (ESC_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (page < self->n_pages, NULL);

  return run_sync (self, text_job, page_data_new (page, 1), g_free, cancellable, error);
}

GStrv
esc_pdf_document_get_text (EscPdfDocument *self,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_return_val_if_fail (ESC_IS_PDF_DOCUMENT (self), NULL);

  return run_sync (self, all_text_job, NULL, NULL, cancellable, error);
}
