/* esc-quick-jump.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "esc-framework.h"

G_BEGIN_DECLS

#define ESC_TYPE_QUICK_JUMP (esc_quick_jump_get_type ())
G_DECLARE_FINAL_TYPE (EscQuickJump, esc_quick_jump, ESC, QUICK_JUMP, AdwWindow)

EscQuickJump   *esc_quick_jump_new              (GtkWindow    *parent,
                                                 EscFramework *framework,
                                                 gboolean      thai);
void            esc_quick_jump_set_query        (EscQuickJump *self,
                                                 const char   *query);
gboolean        esc_quick_jump_activate_first   (EscQuickJump *self);

G_END_DECLS
