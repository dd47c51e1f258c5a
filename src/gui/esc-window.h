/* esc-window.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_WINDOW (esc_window_get_type ())
G_DECLARE_FINAL_TYPE (EscWindow, esc_window, ESC, WINDOW, AdwApplicationWindow)

EscWindow *esc_window_new (AdwApplication *application);

G_END_DECLS
