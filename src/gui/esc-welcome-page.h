/* esc-welcome-page.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_WELCOME_PAGE (esc_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (EscWelcomePage, esc_welcome_page, ESC, WELCOME_PAGE, AdwBin)

void            esc_welcome_page_set_recent     (EscWelcomePage     *self,
                                                 const char * const *paths);
void            esc_welcome_page_set_demo       (EscWelcomePage     *self,
                                                 gboolean            available);

G_END_DECLS
