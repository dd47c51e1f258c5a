/* esc-scoring.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "esc-framework.h"
#include "esc-store.h"

G_BEGIN_DECLS

typedef enum
{
  ESC_ITEM_NOT_STARTED,
  ESC_ITEM_IN_PROGRESS,
  ESC_ITEM_DONE,
  ESC_ITEM_MISSING_EVIDENCE, /* scored, but no evidence attached */
} EscItemState;

typedef struct
{
  const EscIndicator *indicator; /* a top-level indicator, 1 … 34 */
  double              points;    /* points counted so far (missing dimensions count 0) */
  double              max;
  EscItemState        state;
  gboolean            scored;       /* every dimension (of every part) entered */
  gboolean            has_evidence; /* at least one link (on every part) */
} EscIndicatorScore;

typedef struct
{
  const EscComponent *component;
  double              points;
  double              max;
  double              percent;
} EscComponentScore;

typedef struct
{
  guint              n_indicators;
  EscIndicatorScore *indicators;
  guint              n_components;
  EscComponentScore *components;
  double             total_percent;
  double             pass_mark_percent; /* < 0 when the type has none */
  int                passed;            /* 1, 0, or -1 without a pass mark */
  guint              n_complete;        /* indicators scored */
  guint              n_with_evidence;
} EscScore;

/* answers: EscAnswer, any order, as esc_store_load_answers() gives them. */
EscScore     *esc_score_compute        (EscFramework *framework,
                                        const char   *lao_type,
                                        GPtrArray    *answers);
void          esc_score_free           (EscScore     *score);
/* Item-level points of one answer (parts and dimensions); -1 when nothing entered. */
double        esc_score_item_points    (const EscIndicator *item,
                                        const EscAnswer    *answer);
EscItemState  esc_score_item_state     (const EscIndicator *item,
                                        const EscAnswer    *answer);
const char   *esc_item_state_to_string (EscItemState  state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscScore, esc_score_free)

G_END_DECLS
