/* esc-test-pdf.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PDFs made by the tests themselves.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The words on each page of the Thai fixture (tests/data/thai.pdf), NULL-terminated. */
extern const char *const esc_test_thai_pages[];

/* An A4 PDF, one page per text (Thai set in a Thai font), through cairo and Pango. */
gboolean  esc_test_write_text_pdf  (const char         *path,
                                    const char *const  *page_texts,
                                    GError            **error);
/* An A4 PDF of n_pages numbered pages with a little drawing each. */
gboolean  esc_test_write_pages_pdf (const char         *path,
                                    guint               n_pages,
                                    GError            **error);
/* A valid one-page PDF padded to about size bytes with an unused stream of noise. */
gboolean  esc_test_write_big_pdf   (const char         *path,
                                    goffset             size,
                                    GError            **error);
/* SHA-256 of a file, lower-case hex. */
gboolean  esc_test_write_scan_pdf  (const char         *path,
                                    guint               n_pages,
                                    GError            **error);
char     *esc_test_file_sha256     (const char         *path);

G_END_DECLS
