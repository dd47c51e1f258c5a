/* esc-store-export.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reads an export needs, on the export's own connection.
 */
#pragma once

#include <gio/gio.h>

#include "esc-export.h"
#include "esc-store.h"

G_BEGIN_DECLS

/* Starts a read transaction and pins its snapshot at once: every read until
 * esc_store_end_snapshot() sees the workspace as it was here, whatever
 * other connections commit meanwhile. */
gboolean   esc_store_begin_snapshot       (EscStore      *self,
                                           GError       **error);
void       esc_store_end_snapshot         (EscStore      *self);

/* The documents an assessment links to (EscExportDocument, by title), each
 * with the indicators that use it. */
GPtrArray *esc_store_export_documents     (EscStore      *self,
                                           const char    *assessment_uuid,
                                           GError       **error);
/* The links of an assessment (EscExportLink), oldest first. */
GPtrArray *esc_store_export_links         (EscStore      *self,
                                           const char    *assessment_uuid,
                                           GError       **error);
/* Streams the stored bytes of sha256 to stream, in chunks. */
gboolean   esc_store_export_blob          (EscStore      *self,
                                           const char    *sha256,
                                           GOutputStream *stream,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
