/* esc-gui-test-util.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "esc-application.h"
#include "esc-window.h"

G_BEGIN_DECLS

typedef gboolean (*EscTestCondition) (gpointer data);

gboolean        esc_test_wait              (EscTestCondition  condition,
                                            gpointer          data,
                                            guint             timeout_ms);
void            esc_test_drain             (guint             ms);
void            esc_test_setup_env         (gboolean          thai);
EscApplication *esc_test_application       (void);
EscWindow      *esc_test_window_new        (EscApplication   *app);
gboolean        esc_test_wait_workspace    (EscWindow        *window);
gboolean        esc_test_send_keys         (const char       *keys);
char           *esc_test_make_workspace    (const char       *dir,
                                            GError          **error);
gboolean        esc_test_assess            (const char       *path,
                                            guint             n_laos,
                                            guint             n_items,
                                            GError          **error);
/* The uuid of the only assessment of the first local government in the workspace at path. */
char           *esc_test_first_assessment  (const char       *path);
gboolean        esc_test_save_png          (GtkWidget        *widget,
                                            const char       *path,
                                            GError          **error);
void            esc_test_screenshot        (GtkWidget        *widget,
                                            const char       *name);
GtkWidget      *esc_test_find_widget       (GtkWidget        *root,
                                            gboolean        (*match) (GtkWidget *widget));

G_END_DECLS
