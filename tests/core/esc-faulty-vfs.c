/* esc-faulty-vfs.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "esc-faulty-vfs.h"

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real; /* follows this struct in the same allocation */
} FaultyFile;

static sqlite3_vfs  faulty_vfs;
static sqlite3_vfs *real_vfs;
static guint        fail_at;
static EscFaultKind fail_kind;
static gboolean     failing;
static guint        n_writes;
static guint        n_failed;
static guint        fail_read_at;
static guint        n_reads;

/* Returns SQLITE_OK, or the error the operation should fail with. A full disk fails only
 * what needs space (writes); a failing device fails everything. */
static int
count_write (int      io_error,
             gboolean needs_space)
{
  n_writes++;
  if (fail_at != 0 && n_writes >= fail_at)
    failing = TRUE;
  if (!failing)
    return SQLITE_OK;
  if (fail_kind == ESC_FAULT_FULL)
    {
      if (!needs_space)
        return SQLITE_OK;
      n_failed++;
      return SQLITE_FULL;
    }
  n_failed++;
  return io_error;
}

static int
faulty_close (sqlite3_file *file)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xClose (self->real);
}

static int
faulty_read (sqlite3_file *file,
             void         *buffer,
             int           amount,
             sqlite3_int64 offset)
{
  FaultyFile *self = (FaultyFile *) file;

  n_reads++;
  if (fail_read_at != 0 && n_reads >= fail_read_at)
    return SQLITE_IOERR_READ;
  return self->real->pMethods->xRead (self->real, buffer, amount, offset);
}

static int
faulty_write (sqlite3_file *file,
              const void   *buffer,
              int           amount,
              sqlite3_int64 offset)
{
  FaultyFile *self = (FaultyFile *) file;
  int         rc = count_write (SQLITE_IOERR_WRITE, TRUE);

  if (rc != SQLITE_OK)
    return rc;
  return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
}

static int
faulty_truncate (sqlite3_file *file,
                 sqlite3_int64 size)
{
  FaultyFile *self = (FaultyFile *) file;
  int         rc = count_write (SQLITE_IOERR_TRUNCATE, FALSE);

  if (rc != SQLITE_OK)
    return rc;
  return self->real->pMethods->xTruncate (self->real, size);
}

static int
faulty_sync (sqlite3_file *file,
             int           flags)
{
  int rc = count_write (SQLITE_IOERR_FSYNC, FALSE);

  if (rc != SQLITE_OK)
    return rc;
  /* Counted and failed like a real one, but not waited for: this shim tests how failures
   * are handled, not durability (test-crash does, without it), and hundreds of runs of
   * fsyncs would make the test slow for nothing. */
  return SQLITE_OK;
}

static int
faulty_file_size (sqlite3_file  *file,
                  sqlite3_int64 *size)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xFileSize (self->real, size);
}

static int
faulty_lock (sqlite3_file *file,
             int           lock)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xLock (self->real, lock);
}

static int
faulty_unlock (sqlite3_file *file,
               int           lock)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xUnlock (self->real, lock);
}

static int
faulty_check_reserved_lock (sqlite3_file *file,
                            int          *out)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, out);
}

static int
faulty_file_control (sqlite3_file *file,
                     int           op,
                     void         *arg)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
faulty_sector_size (sqlite3_file *file)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
faulty_device_characteristics (sqlite3_file *file)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
faulty_shm_map (sqlite3_file   *file,
                int             page,
                int             page_size,
                int             extend,
                void volatile **out)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xShmMap (self->real, page, page_size, extend, out);
}

static int
faulty_shm_lock (sqlite3_file *file,
                 int           offset,
                 int           n,
                 int           flags)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
faulty_shm_barrier (sqlite3_file *file)
{
  FaultyFile *self = (FaultyFile *) file;

  self->real->pMethods->xShmBarrier (self->real);
}

static int
faulty_shm_unmap (sqlite3_file *file,
                  int           delete_flag)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
faulty_fetch (sqlite3_file *file,
              sqlite3_int64 offset,
              int           amount,
              void        **out)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xFetch (self->real, offset, amount, out);
}

static int
faulty_unfetch (sqlite3_file *file,
                sqlite3_int64 offset,
                void         *page)
{
  FaultyFile *self = (FaultyFile *) file;

  return self->real->pMethods->xUnfetch (self->real, offset, page);
}

static const sqlite3_io_methods faulty_io_methods = {
  .iVersion = 3,
  .xClose = faulty_close,
  .xRead = faulty_read,
  .xWrite = faulty_write,
  .xTruncate = faulty_truncate,
  .xSync = faulty_sync,
  .xFileSize = faulty_file_size,
  .xLock = faulty_lock,
  .xUnlock = faulty_unlock,
  .xCheckReservedLock = faulty_check_reserved_lock,
  .xFileControl = faulty_file_control,
  .xSectorSize = faulty_sector_size,
  .xDeviceCharacteristics = faulty_device_characteristics,
  .xShmMap = faulty_shm_map,
  .xShmLock = faulty_shm_lock,
  .xShmBarrier = faulty_shm_barrier,
  .xShmUnmap = faulty_shm_unmap,
  .xFetch = faulty_fetch,
  .xUnfetch = faulty_unfetch,
};

static int
faulty_open (sqlite3_vfs  *vfs,
             const char   *name,
             sqlite3_file *file,
             int           flags,
             int          *out_flags)
{
  FaultyFile *self = (FaultyFile *) file;
  int         rc;

  self->real = (sqlite3_file *) &self[1];
  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  /* SQLite calls xClose only when pMethods is set, so mirror the real file's. */
  self->base.pMethods = self->real->pMethods != NULL ? &faulty_io_methods : NULL;
  return rc;
}

static int
faulty_delete (sqlite3_vfs *vfs,
               const char  *name,
               int          sync_dir)
{
  /* As for xSync: the directory is not synced. */
  return real_vfs->xDelete (real_vfs, name, 0);
}

static int
faulty_access (sqlite3_vfs *vfs,
               const char  *name,
               int          flags,
               int         *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
faulty_full_pathname (sqlite3_vfs *vfs,
                      const char  *name,
                      int          n_out,
                      char        *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n_out, out);
}

static void *
faulty_dl_open (sqlite3_vfs *vfs,
                const char  *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
faulty_dl_error (sqlite3_vfs *vfs,
                 int          n,
                 char        *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*faulty_dl_sym (sqlite3_vfs *vfs,
                             void        *handle,
                             const char  *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
faulty_dl_close (sqlite3_vfs *vfs,
                 void        *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
faulty_randomness (sqlite3_vfs *vfs,
                   int          n,
                   char        *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
faulty_sleep (sqlite3_vfs *vfs,
              int          microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
faulty_current_time (sqlite3_vfs *vfs,
                     double      *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
faulty_get_last_error (sqlite3_vfs *vfs,
                       int          n,
                       char        *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
faulty_current_time_int64 (sqlite3_vfs   *vfs,
                           sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

void
esc_faulty_vfs_install (void)
{
  if (real_vfs != NULL)
    return;

  sqlite3_initialize ();
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert (real_vfs != NULL);
  g_assert (real_vfs->iVersion >= 2);

  faulty_vfs.iVersion = 2;
  faulty_vfs.szOsFile = sizeof (FaultyFile) + real_vfs->szOsFile;
  faulty_vfs.mxPathname = real_vfs->mxPathname;
  faulty_vfs.zName = "esc-faulty";
  faulty_vfs.xOpen = faulty_open;
  faulty_vfs.xDelete = faulty_delete;
  faulty_vfs.xAccess = faulty_access;
  faulty_vfs.xFullPathname = faulty_full_pathname;
  faulty_vfs.xDlOpen = faulty_dl_open;
  faulty_vfs.xDlError = faulty_dl_error;
  faulty_vfs.xDlSym = faulty_dl_sym;
  faulty_vfs.xDlClose = faulty_dl_close;
  faulty_vfs.xRandomness = faulty_randomness;
  faulty_vfs.xSleep = faulty_sleep;
  faulty_vfs.xCurrentTime = faulty_current_time;
  faulty_vfs.xGetLastError = faulty_get_last_error;
  faulty_vfs.xCurrentTimeInt64 = faulty_current_time_int64;

  g_assert_cmpint (sqlite3_vfs_register (&faulty_vfs, 1), ==, SQLITE_OK);
}

void
esc_faulty_vfs_arm (guint        n,
                    EscFaultKind kind)
{
  g_assert (real_vfs != NULL);
  fail_at = n;
  fail_kind = kind;
  failing = FALSE;
  n_writes = 0;
  n_failed = 0;
}

void
esc_faulty_vfs_disarm (void)
{
  fail_at = 0;
  failing = FALSE;
}

guint
esc_faulty_vfs_get_n_writes (void)
{
  return n_writes;
}

guint
esc_faulty_vfs_get_n_failed (void)
{
  return n_failed;
}

void
esc_faulty_vfs_arm_reads (guint n)
{
  fail_read_at = n;
  n_reads = 0;
}

guint
esc_faulty_vfs_get_n_reads (void)
{
  return n_reads;
}
