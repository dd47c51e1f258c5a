/* esc-export-files.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing files safely: a temporary name beside the final one, renamed when
 * complete; evidence file names that cannot leave their folder.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "esc-export-private.h"

#define TMP_TEMPLATE ".esc-export-XXXXXX.part"

static gboolean
errno_is_no_space (int errsv)
{
  return errsv == ENOSPC || errsv == EFBIG
#ifdef EDQUOT
         || errsv == EDQUOT
#endif
    ;
}

void
_esc_export_set_io_error (GError    **error,
                          int         errsv,
                          const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_display = g_filename_display_name (dir);

  if (errno_is_no_space (errsv))
    g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_NO_SPACE,
                 _ ("The disk is full: “%s” could not be written. Free some space or choose another place; nothing was saved."),
                 display);
  else if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_READ_ONLY,
                 _ ("The folder “%s” cannot be written to (it is read-only or you lack permission). Choose another folder; nothing was saved."),
                 dir_display);
  else if (errsv == ENOENT || errsv == ENOTDIR)
    g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_INVALID,
                 _ ("The folder “%s” does not exist. Choose an existing folder."),
                 dir_display);
  else if (errsv == EEXIST)
    g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_EXISTS,
                 _ ("“%s” already exists. Choose another name, or allow replacing it."),
                 display);
  else if (errsv == EISDIR)
    g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_INVALID,
                 _ ("“%s” is a folder. Choose a file name."),
                 display);
  else
    g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_FAILED,
                 _ ("“%s” could not be written: %s. Nothing was saved."),
                 display, g_strerror (errsv));
}

void
_esc_export_set_lxw_error (GError    **error,
                           lxw_error   lerr,
                           int         errsv,
                           const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (errno_is_no_space (errsv) || errsv == EACCES || errsv == EROFS)
    {
      _esc_export_set_io_error (error, errsv, path);
      return;
    }

  g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_FAILED,
               _ ("The workbook “%s” could not be written (%s). Check that the disk has free space and the folder can be written to; nothing was saved."),
               display, lxw_strerror (lerr));
}

gboolean
_esc_export_target_open (EscExportTarget *target,
                         const char      *path,
                         EscExportFlags   flags,
                         GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  int              fd;

  memset (target, 0, sizeof *target);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      _esc_export_set_io_error (error, EISDIR, path);
      return FALSE;
    }
  if (!(flags & ESC_EXPORT_OVERWRITE) && g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    {
      _esc_export_set_io_error (error, EEXIST, path);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  tmp = g_build_filename (dir, TMP_TEMPLATE, NULL);
  fd = g_mkstemp_full (tmp, O_RDWR, 0644);
  if (fd < 0)
    {
      _esc_export_set_io_error (error, errno, path);
      return FALSE;
    }
  close (fd);

  target->path = g_strdup (path);
  target->tmp_path = g_steal_pointer (&tmp);
  target->flags = flags;

  return TRUE;
}

gboolean
_esc_export_target_commit (EscExportTarget *target,
                           GError         **error)
{
  g_return_val_if_fail (target->tmp_path != NULL, FALSE);

  if (target->flags & ESC_EXPORT_OVERWRITE)
    {
      if (g_rename (target->tmp_path, target->path) != 0)
        {
          _esc_export_set_io_error (error, errno, target->path);
          return FALSE;
        }
    }
  else if (link (target->tmp_path, target->path) == 0)
    {
      /* link() refuses an existing name atomically */
      g_unlink (target->tmp_path);
    }
  else
    {
      int errsv = errno;

      if (errsv == EEXIST || errsv == EISDIR)
        {
          _esc_export_set_io_error (error, errsv, target->path);
          return FALSE;
        }
      /* file systems without hard links (FAT on USB sticks) */
      if (g_file_test (target->path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        {
          _esc_export_set_io_error (error, EEXIST, target->path);
          return FALSE;
        }
      if (g_rename (target->tmp_path, target->path) != 0)
        {
          _esc_export_set_io_error (error, errno, target->path);
          return FALSE;
        }
    }

  g_clear_pointer (&target->tmp_path, g_free);

  return TRUE;
}

void
_esc_export_target_clear (EscExportTarget *target)
{
  if (target->tmp_path != NULL)
    g_unlink (target->tmp_path);
  g_clear_pointer (&target->tmp_path, g_free);
  g_clear_pointer (&target->path, g_free);
}

guint
_esc_export_text_width (const char *text)
{
  guint width = 0;
  guint line = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          width = MAX (width, line);
          line = 0;
        }
      else if (!g_unichar_ismark (c) && !g_unichar_iszerowidth (c))
        line += g_unichar_iswide (c) ? 2 : 1;
    }

  return MAX (width, line);
}

char *
_esc_export_header_text (const char *text)
{
  GString *out = g_string_new (NULL);
  guint    n = 0;

  for (const char *p = text ? text : ""; *p != '\0' && n < 80; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '&')
        g_string_append (out, "&&");
      else if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Evidence names */

static gboolean
is_forbidden (gunichar c)
{
  /* separators and what Windows and FAT refuse, for files copied to USB sticks */
  return c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
         c == '<' || c == '>' || c == '|' || g_unichar_iscntrl (c) ||
         g_unichar_type (c) == G_UNICODE_FORMAT ||
         g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
         g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR;
}

static gboolean
is_trimmed (gunichar c)
{
  return c == ' ' || c == '_' || c == '.' || c == '-';
}

/* Replaces what a file name cannot hold, collapses runs of blanks and
 * underscores, trims the ends; "" when nothing readable is left. */
static char *
clean_part (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  g_autofree char *nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  GString         *out = g_string_new (NULL);
  gunichar         last = 0;
  gboolean         readable = FALSE;
  gsize            start;
  gsize            end;

  for (const char *p = nfc; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_forbidden (c))
        c = '_';
      else if (g_unichar_isspace (c))
        c = ' ';

      if ((c == ' ' || c == '_') && (last == ' ' || last == '_'))
        {
          /* "a / b" becomes "a_b" rather than "a _ b" */
          if (c == '_' && last == ' ')
            out->str[out->len - 1] = '_';
          last = out->str[out->len - 1];
          continue;
        }
      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        readable = TRUE;
      g_string_append_unichar (out, c);
      last = c;
    }

  if (!readable)
    {
      g_string_free (out, TRUE);
      return g_strdup ("");
    }

  start = 0;
  while (start < out->len && is_trimmed ((guchar) out->str[start]))
    start++;
  end = out->len;
  while (end > start && is_trimmed ((guchar) out->str[end - 1]))
    end--;

  g_string_truncate (out, end);
  g_string_erase (out, 0, start);

  return g_string_free (out, FALSE);
}

/* The longest prefix of text of at most max_bytes bytes that ends between
 * two characters and never separates a character from its combining marks. */
static char *
cut_utf8 (const char *text,
          gsize       max_bytes)
{
  const char *p = text;
  const char *cut = text;

  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);

      while (*next != '\0' && g_unichar_ismark (g_utf8_get_char (next)))
        next = g_utf8_next_char (next);
      if ((gsize) (next - text) > max_bytes)
        break;
      cut = next;
      p = next;
    }

  return g_strndup (text, cut - text);
}

static const char *
extension_for (const char *mime)
{
  if (g_strcmp0 (mime, "image/jpeg") == 0)
    return ".jpg";
  if (g_strcmp0 (mime, "image/png") == 0)
    return ".png";
  return ".pdf";
}

static char *
build_name (const char *code,
            const char *title,
            const char *suffix,
            const char *extension)
{
  gsize            fixed = strlen (code) + 1 + strlen (suffix) + strlen (extension);
  g_autofree char *short_title = NULL;
  g_autofree char *trimmed = NULL;

  short_title = cut_utf8 (title, ESC_EXPORT_MAX_NAME_BYTES > fixed ? ESC_EXPORT_MAX_NAME_BYTES - fixed : 0);
  trimmed = clean_part (short_title); /* the cut may leave a blank at the end */
  if (*trimmed == '\0')
    {
      g_free (trimmed);
      trimmed = cut_utf8 (C_ ("evidence file name", "document"),
                          ESC_EXPORT_MAX_NAME_BYTES > fixed ? ESC_EXPORT_MAX_NAME_BYTES - fixed : 0);
    }

  return g_strconcat (code, "_", trimmed, suffix, extension, NULL);
}

static char *
clean_code (const char *item_code)
{
  g_autofree char *code = clean_part (item_code);
  g_autofree char *short_code = NULL;

  if (*code == '\0')
    return g_strdup ("0");
  short_code = cut_utf8 (code, 16);

  return g_steal_pointer (&short_code);
}

char *
esc_export_evidence_name (const char *item_code,
                          const char *title)
{
  g_autofree char *code = clean_code (item_code);
  g_autofree char *clean_title = clean_part (title);

  return build_name (code, clean_title, "", ".pdf");
}

GPtrArray *
esc_export_evidence_names (EscSarReport *report)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray             *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < report->links->len; i++)
    {
      EscExportLink   *link = g_ptr_array_index (report->links, i);
      g_autofree char *code = clean_code (link->item_code);
      g_autofree char *title = clean_part (link->title);
      char            *name = NULL;

      for (guint n = 1;; n++)
        {
          g_autofree char *suffix = n == 1 ? g_strdup ("") : g_strdup_printf (" (%u)", n);
          g_autofree char *key = NULL;

          g_free (name);
          name = build_name (code, title, suffix, extension_for (link->mime));
          /* file systems on USB sticks ignore case */
          key = g_utf8_casefold (name, -1);
          if (!g_hash_table_contains (taken, key))
            {
              g_hash_table_add (taken, g_steal_pointer (&key));
              break;
            }
        }

      g_ptr_array_add (names, name);
    }

  return names;
}

/* Evidence packages */

static gboolean
name_stays_inside (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);

  return *name != '\0' && *name != '.' && strchr (name, '/') == NULL &&
         g_str_equal (base, name) && strlen (name) <= ESC_EXPORT_MAX_NAME_BYTES;
}

gboolean
esc_export_write_evidence (EscSarReport         *report,
                           const char           *folder,
                           EscExportFlags        flags,
                           EscExportBlobFunc     blob_func,
                           gpointer              blob_data,
                           EscExportProgressFunc progress,
                           gpointer              progress_data,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autoptr (GPtrArray)       names = NULL;
  g_autofree EscExportTarget *targets = NULL;
  guint                       n_open = 0;
  gboolean                    ok = FALSE;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (blob_func != NULL, FALSE);

  if (g_file_test (folder, G_FILE_TEST_EXISTS) && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, ESC_EXPORT_ERROR, ESC_EXPORT_ERROR_INVALID,
                   _ ("“%s” is a file, not a folder. Choose a folder for the evidence."), display);
      return FALSE;
    }
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      g_autofree char *inside = g_build_filename (folder, "x", NULL);

      _esc_export_set_io_error (error, errno, inside);
      return FALSE;
    }

  names = esc_export_evidence_names (report);

  /* Refuse before writing anything. */
  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      g_autofree char *path = NULL;

      g_assert (name_stays_inside (name));
      path = g_build_filename (folder, name, NULL);
      if (!(flags & ESC_EXPORT_OVERWRITE) && g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        {
          _esc_export_set_io_error (error, EEXIST, path);
          return FALSE;
        }
    }

  targets = g_new0 (EscExportTarget, MAX (names->len, 1));

  for (guint i = 0; i < names->len; i++)
    {
      EscExportLink                *link = g_ptr_array_index (report->links, i);
      g_autofree char              *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autoptr (GFile)             tmp_file = NULL;
      g_autoptr (GFileOutputStream) stream = NULL;
      g_autoptr (GError)            local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL)
        {
          g_autofree char *message = g_strdup_printf (_ ("Copying “%s”"), (char *) g_ptr_array_index (names, i));

          progress ((double) i / names->len, message, progress_data);
        }

      if (!_esc_export_target_open (&targets[i], path, flags, error))
        goto out;
      n_open = i + 1;

      tmp_file = g_file_new_for_path (targets[i].tmp_path);
      errno = 0;
      stream = g_file_append_to (tmp_file, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream == NULL ||
          !blob_func (link->sha256, G_OUTPUT_STREAM (stream), blob_data, cancellable, &local_error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
        {
          /* GIO reports a file-size limit (EFBIG) as a plain failure */
          int errsv = errno;

          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) || errno_is_no_space (errsv))
            _esc_export_set_io_error (error, ENOSPC, path);
          else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
            _esc_export_set_io_error (error, EACCES, path);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
    }

  for (guint i = 0; i < names->len; i++)
    if (!_esc_export_target_commit (&targets[i], error))
      goto out;

  if (progress != NULL)
    progress (1.0, _ ("Evidence copied"), progress_data);
  ok = TRUE;

out:
  for (guint i = 0; i < n_open; i++)
    _esc_export_target_clear (&targets[i]);

  return ok;
}
