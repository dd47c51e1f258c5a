/* esc-gui-util.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ESC_WRAP_MIN_CHARS 16

void esc_gui_set_wrap_min_chars (GtkWidget *widget,
                                 int        min_chars);

G_END_DECLS
