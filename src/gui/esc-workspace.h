/* esc-workspace.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "esc-framework.h"
#include "esc-lao-item.h"
#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_TYPE_WORKSPACE (esc_workspace_get_type ())
G_DECLARE_FINAL_TYPE (EscWorkspace, esc_workspace, ESC, WORKSPACE, GObject)

char           *esc_workspace_default_path          (void);
char           *esc_workspace_find_data_file        (const char           *name);

void            esc_workspace_preload               (const char           *path);
gboolean        esc_workspace_is_preloaded          (const char           *path);
void            esc_workspace_open_async            (const char           *path,
                                                     gboolean              create,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
EscWorkspace   *esc_workspace_open_finish           (GAsyncResult         *result,
                                                     GError              **error);

const char     *esc_workspace_get_path              (EscWorkspace         *self);
EscStore       *esc_workspace_get_store             (EscWorkspace         *self);
EscFramework   *esc_workspace_get_framework         (EscWorkspace         *self);
const char     *esc_workspace_get_framework_uuid    (EscWorkspace         *self);
EscFramework   *esc_workspace_lookup_framework      (EscWorkspace         *self,
                                                     const char           *framework_uuid,
                                                     GError              **error);
GListModel     *esc_workspace_get_laos              (EscWorkspace         *self);
GStrv           esc_workspace_dup_districts         (EscWorkspace         *self);
EscLaoItem     *esc_workspace_find_item             (EscWorkspace         *self,
                                                     const char           *lao_uuid);
void            esc_workspace_refresh_item          (EscWorkspace         *self,
                                                     EscLaoItem           *item);

void            esc_workspace_set_author            (EscWorkspace         *self,
                                                     const char           *author);
void            esc_workspace_apply_async           (EscWorkspace         *self,
                                                     const char           *assessment_uuid,
                                                     const EscAnswerChange *change,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        esc_workspace_apply_finish          (EscWorkspace         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
guint           esc_workspace_get_n_pending         (EscWorkspace         *self);
void            esc_workspace_flush                 (EscWorkspace         *self);

void            esc_workspace_create_assessment_async (EscWorkspace       *self,
                                                     const char           *lao_uuid,
                                                     int                   fiscal_year,
                                                     const char           *kind,
                                                     const char           *assessor,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char           *esc_workspace_create_assessment_finish (EscWorkspace     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            esc_workspace_import_csv_async      (EscWorkspace         *self,
                                                     const char           *csv_path,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        esc_workspace_import_csv_finish     (EscWorkspace         *self,
                                                     GAsyncResult         *result,
                                                     guint                *n_added,
                                                     guint                *n_updated,
                                                     GError              **error);

G_END_DECLS
