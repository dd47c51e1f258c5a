/* esc-store-blob-stream.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A seekable GInputStream over one stored blob, read with sqlite3_blob_read(). Private to
 * the store area: it holds the store's connection, so it stays on that store's thread.
 */
#pragma once

#include <sqlite3.h>

#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_TYPE_BLOB_INPUT_STREAM (esc_blob_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (EscBlobInputStream, esc_blob_input_stream, ESC, BLOB_INPUT_STREAM, GInputStream)

/* Takes ownership of blob; keeps store alive while the stream is open. */
GInputStream *_esc_blob_input_stream_new (EscStore     *store,
                                          sqlite3_blob *blob);

G_END_DECLS
