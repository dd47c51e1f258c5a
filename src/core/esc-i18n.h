/* esc-i18n.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *esc_i18n_locale_dir (void);
void        esc_i18n_init       (void);

G_END_DECLS
