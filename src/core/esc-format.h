/* esc-format.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers shown to people, in words from our own catalogue so that a Thai interface does
 * not show GLib's English units.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file size in SI units as g_format_size() gives it: "512 bytes", "1.5 MB". */
char *esc_format_size (guint64 size);

G_END_DECLS
