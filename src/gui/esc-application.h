/* esc-application.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_APPLICATION (esc_application_get_type ())
G_DECLARE_FINAL_TYPE (EscApplication, esc_application, ESC, APPLICATION, AdwApplication)

EscApplication *esc_application_new (void);

G_END_DECLS
