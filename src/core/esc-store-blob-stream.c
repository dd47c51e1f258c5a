/* esc-store-blob-stream.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-store-blob-stream.h"

struct _EscBlobInputStream
{
  GInputStream  parent_instance;

  EscStore     *store;
  sqlite3_blob *blob;
  goffset       size;
  goffset       position;
};

static void esc_blob_input_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EscBlobInputStream, esc_blob_input_stream, G_TYPE_INPUT_STREAM, G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE, esc_blob_input_stream_seekable_init))

static void
set_read_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("The stored file could not be read from the workspace."));
}

static gssize
esc_blob_input_stream_read (GInputStream *stream,
                            void         *buffer,
                            gsize         count,
                            GCancellable *cancellable,
                            GError      **error)
{
  EscBlobInputStream *self = ESC_BLOB_INPUT_STREAM (stream);
  gsize               n;
  int                 rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->position >= self->size)
    return 0;

  n = MIN (count, (gsize) (self->size - self->position));
  n = MIN (n, (gsize) G_MAXINT);
  rc = sqlite3_blob_read (self->blob, buffer, (int) n, (int) self->position);
  if (rc != SQLITE_OK)
    {
      set_read_error (error);
      return -1;
    }
  self->position += n;
  return n;
}

static gboolean
esc_blob_input_stream_close (GInputStream *stream,
                             GCancellable *cancellable,
                             GError      **error)
{
  EscBlobInputStream *self = ESC_BLOB_INPUT_STREAM (stream);

  g_clear_pointer (&self->blob, sqlite3_blob_close);
  return TRUE;
}

static goffset
esc_blob_input_stream_tell (GSeekable *seekable)
{
  return ESC_BLOB_INPUT_STREAM (seekable)->position;
}

static gboolean
esc_blob_input_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
esc_blob_input_stream_seek (GSeekable    *seekable,
                            goffset       offset,
                            GSeekType     type,
                            GCancellable *cancellable,
                            GError      **error)
{
  EscBlobInputStream *self = ESC_BLOB_INPUT_STREAM (seekable);
  goffset             position;

  switch (type)
    {
    case G_SEEK_CUR:
      position = self->position + offset;
      break;
    case G_SEEK_END:
      position = self->size + offset;
      break;
    case G_SEEK_SET:
    default:
      position = offset;
      break;
    }

  if (position < 0 || position > self->size)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Seek outside the stored file");
      return FALSE;
    }
  self->position = position;
  return TRUE;
}

static gboolean
esc_blob_input_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
esc_blob_input_stream_truncate (GSeekable    *seekable,
                                goffset       offset,
                                GCancellable *cancellable,
                                GError      **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "Stored files cannot be truncated");
  return FALSE;
}

static void
esc_blob_input_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = esc_blob_input_stream_tell;
  iface->can_seek = esc_blob_input_stream_can_seek;
  iface->seek = esc_blob_input_stream_seek;
  iface->can_truncate = esc_blob_input_stream_can_truncate;
  iface->truncate_fn = esc_blob_input_stream_truncate;
}

static void
esc_blob_input_stream_finalize (GObject *object)
{
  EscBlobInputStream *self = ESC_BLOB_INPUT_STREAM (object);

  g_clear_pointer (&self->blob, sqlite3_blob_close);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (esc_blob_input_stream_parent_class)->finalize (object);
}

static void
esc_blob_input_stream_class_init (EscBlobInputStreamClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = esc_blob_input_stream_finalize;
  stream_class->read_fn = esc_blob_input_stream_read;
  stream_class->close_fn = esc_blob_input_stream_close;
}

static void
esc_blob_input_stream_init (EscBlobInputStream *self)
{
}

GInputStream *
_esc_blob_input_stream_new (EscStore     *store,
                            sqlite3_blob *blob)
{
  EscBlobInputStream *self;

  g_return_val_if_fail (ESC_IS_STORE (store), NULL);
  g_return_val_if_fail (blob != NULL, NULL);

  self = g_object_new (ESC_TYPE_BLOB_INPUT_STREAM, NULL);
  self->store = g_object_ref (store);
  self->blob = blob;
  self->size = sqlite3_blob_bytes (blob);
  return G_INPUT_STREAM (self);
}
