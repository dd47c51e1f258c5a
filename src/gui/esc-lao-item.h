/* esc-lao-item.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "esc-store.h"

G_BEGIN_DECLS

typedef enum
{
  ESC_LAO_STATUS_NONE,        /* no assessment yet */
  ESC_LAO_STATUS_IN_PROGRESS, /* an assessment with indicators left */
  ESC_LAO_STATUS_COMPLETE,    /* every indicator scored */
} EscLaoStatus;

#define ESC_TYPE_LAO_ITEM (esc_lao_item_get_type ())
G_DECLARE_FINAL_TYPE (EscLaoItem, esc_lao_item, ESC, LAO_ITEM, GObject)

EscLaoItem     *esc_lao_item_new                (const EscLao *lao,
                                                 const char   *type_label);
const EscLao   *esc_lao_item_get_lao            (EscLaoItem   *self);
const char     *esc_lao_item_get_name           (EscLaoItem   *self);
const char     *esc_lao_item_get_search_key     (EscLaoItem   *self);
EscLaoStatus    esc_lao_item_get_status         (EscLaoItem   *self);
const char     *esc_lao_item_get_assessment     (EscLaoItem   *self);
guint           esc_lao_item_get_n_done         (EscLaoItem   *self);
double          esc_lao_item_get_total_percent  (EscLaoItem   *self);
void            esc_lao_item_set_progress       (EscLaoItem   *self,
                                                 const char   *assessment_uuid,
                                                 int           fiscal_year,
                                                 guint         n_done,
                                                 guint         n_total,
                                                 double        total_percent);

G_END_DECLS
