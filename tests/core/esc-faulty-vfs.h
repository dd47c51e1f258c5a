/* esc-faulty-vfs.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test-only SQLite VFS that passes everything to the default VFS but can fail the Nth
 * write (xWrite, xSync or xTruncate, on the database, its WAL or its journal) the way a full
 * disk (ENOSPC → SQLITE_FULL, on writes only: syncs and truncations need no space) or a
 * failing stick (EIO → SQLITE_IOERR_*, on all three) does. Once a fault has fired every later
 * one fails too, as a full disk stays full, until it is disarmed. Syncs that succeed are
 * not passed on (nothing here needs the data on the platter), which keeps the test fast.
 * Reads can fail the same way from the Nth on, as when a stick is pulled out.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ESC_FAULT_FULL, /* the disk is full */
  ESC_FAULT_IO,   /* the device fails */
} EscFaultKind;

/* Registers the shim as the default VFS (once; later calls do nothing). */
void     esc_faulty_vfs_install       (void);
/* Counts writes from now on and fails the nth (1-based); n = 0 only counts. */
void     esc_faulty_vfs_arm           (guint        n,
                                       EscFaultKind kind);
/* Stops failing ("space is back"); the count goes on. */
void     esc_faulty_vfs_disarm        (void);
/* Writes seen since the last arm, failed ones included. */
guint    esc_faulty_vfs_get_n_writes  (void);
/* Writes failed since the last arm. */
guint    esc_faulty_vfs_get_n_failed  (void);
/* Counts reads (xRead) from now on and fails the nth and every later one with
 * SQLITE_IOERR_READ, as a stick pulled out does; n = 0 only counts. */
void     esc_faulty_vfs_arm_reads     (guint        n);
/* Reads seen since reads were last armed. */
guint    esc_faulty_vfs_get_n_reads   (void);

G_END_DECLS
