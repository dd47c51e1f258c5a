/* test-evidence.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "esc-evidence.h"
#include "esc-pdf.h"
#include "esc-test-pdf.h"
#include "esc-test-workspace.h"

typedef struct
{
  char     *dir;
  char     *path;
  EscStore *store;
  char     *assessment;
} Fixture;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = data_path (name);

  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = g_build_filename (g_get_user_data_dir (), "evidence", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->path = g_build_filename (f->dir, "workspace.esca", NULL);
  f->store = esc_test_workspace_new (f->path, &f->assessment);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_assert_finalize_object (f->store);
  g_free (f->assessment);
  g_free (f->path);
  g_free (f->dir);
}

static guint
count_documents (Fixture *f)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) documents = esc_store_list_documents (f->store, &error);

  g_assert_no_error (error);
  return documents->len;
}

static EscLink *
attach (Fixture    *f,
        const char *name,
        const char *item,
        const char *pages,
        GError    **error)
{
  g_autoptr (GFile) file = data_file (name);

  return esc_store_attach_file (f->store, file, NULL, f->assessment, item, pages, NULL, NULL, error);
}

static void
test_attach_and_list (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GFile)     file = data_file ("thai.pdf");
  g_autofree char      *path = data_path ("thai.pdf");
  g_autofree char      *sha256 = esc_test_file_sha256 (path);
  g_autoptr (EscLink)   link = NULL;
  g_autoptr (GPtrArray) links = NULL;
  g_autoptr (GPtrArray) none = NULL;
  const EscLink        *listed;

  link = esc_store_attach_file (f->store, file, NULL, f->assessment, "5", "๒-3", "รายงานผล", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link->item_code, ==, "5");
  g_assert_cmpstr (link->pages, ==, "2-3");
  g_assert_cmpstr (link->caption, ==, "รายงานผล");
  g_assert_cmpstr (link->document->sha256, ==, sha256);
  g_assert_cmpstr (link->document->file_name, ==, "thai.pdf");
  g_assert_cmpstr (link->document->title, ==, "thai");
  g_assert_cmpstr (link->document->mime_type, ==, "application/pdf");
  g_assert_cmpuint (link->document->n_pages, ==, 4);
  g_assert_false (link->document->encrypted);
  g_assert_cmpint (link->document->size, ==, 19803);
  g_assert_cmpuint (link->document->n_links, ==, 1);

  links = esc_store_list_links (f->store, f->assessment, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  listed = g_ptr_array_index (links, 0);
  g_assert_cmpstr (listed->uuid, ==, link->uuid);
  g_assert_cmpstr (listed->document->uuid, ==, link->document->uuid);

  none = esc_store_list_links (f->store, f->assessment, "6", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_dedupe (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscLink)   first = attach (f, "thai.pdf", "5", NULL, &error);
  g_autoptr (EscLink)   second = NULL;
  g_autoptr (EscLink)   third = NULL;
  g_autoptr (GPtrArray) links = NULL;
  g_autofree char      *copy_path = g_build_filename (f->dir, "สำเนารายงาน.pdf", NULL);
  g_autofree char      *source = data_path ("thai.pdf");
  g_autofree char      *contents = NULL;
  g_autoptr (GFile)     copy = g_file_new_for_path (copy_path);
  struct stat           before, after;
  gsize                 length;

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &before), ==, 0);
  second = attach (f, "thai.pdf", "7", NULL, &error);
  g_assert_no_error (error);

  /* Same bytes under another name: still one document, one copy of the bytes. */
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy_path, contents, length, NULL));
  third = esc_store_attach_file (f->store, copy, NULL, f->assessment, "8", "4", NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (second->document->uuid, ==, first->document->uuid);
  g_assert_cmpstr (third->document->uuid, ==, first->document->uuid);
  g_assert_cmpuint (third->document->n_links, ==, 3);
  g_assert_cmpuint (count_documents (f), ==, 1);
  links = esc_store_list_links (f->store, f->assessment, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 3);

  /* The workspace (and its WAL) did not take another copy of the file. */
  g_assert_cmpint (g_stat (f->path, &after), ==, 0);
  g_assert_cmpint (after.st_size - before.st_size, <, (goffset) length);
}

static void
test_extract (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError)       error = NULL;
  g_autofree char         *out_path = g_build_filename (f->dir, "out.pdf", NULL);
  g_autoptr (GFile)        out = g_file_new_for_path (out_path);
  g_autofree char         *out_sha = NULL;
  g_autoptr (GInputStream) stream = NULL;
  const char              *names[] = { "thai.pdf", "photo.jpg", "encrypted.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (EscLink) link = attach (f, names[i], "3", NULL, &error);
      g_autofree char    *source = data_path (names[i]);
      g_autofree char    *source_sha = esc_test_file_sha256 (source);

      g_assert_no_error (error);
      g_assert_true (esc_store_extract_blob (f->store, link->document->sha256, out, NULL, &error));
      g_assert_no_error (error);
      g_free (out_sha);
      out_sha = esc_test_file_sha256 (out_path);
      g_assert_cmpstr (out_sha, ==, source_sha);
    }

  /* The blob stream seeks like a file. */
  {
    g_autoptr (GPtrArray) documents = esc_store_list_documents (f->store, &error);
    const EscDocument    *thai = NULL;
    char                  head[8] = { 0 };
    gsize                 n;

    g_assert_no_error (error);
    for (guint i = 0; i < documents->len; i++)
      if (g_str_equal (((EscDocument *) g_ptr_array_index (documents, i))->file_name, "thai.pdf"))
        thai = g_ptr_array_index (documents, i);
    g_assert_nonnull (thai);
    stream = esc_store_open_blob (f->store, thai->sha256, &error);
    g_assert_no_error (error);
    g_assert_true (g_seekable_seek (G_SEEKABLE (stream), -6, G_SEEK_END, NULL, &error));
    g_assert_true (g_input_stream_read_all (stream, head, 5, &n, NULL, &error));
    g_assert_cmpstr (head, ==, "%%EOF");
    g_assert_cmpint (g_seekable_tell (G_SEEKABLE (stream)), ==, thai->size - 1);
  }
}

static void
test_bad_files (Fixture      *f,
                gconstpointer data)
{
  struct
  {
    const char *name;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "truncated.pdf", 0, ESC_PDF_ERROR_DAMAGED },
    { "empty.pdf", 0, ESC_PDF_ERROR_NOT_PDF },
    { "not-a-pdf.pdf", 0, ESC_PDF_ERROR_NOT_PDF },
  };
  g_autoptr (GError)  error = NULL;
  g_autoptr (EscLink) good = attach (f, "thai.pdf", "5", NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError)  bad_error = NULL;
      g_autoptr (EscLink) link = attach (f, cases[i].name, "5", NULL, &bad_error);

      g_test_message ("%s: %s", cases[i].name, bad_error ? bad_error->message : "(attached)");
      g_assert_null (link);
      g_assert_error (bad_error, ESC_PDF_ERROR, cases[i].code);
      /* The message names the file. */
      g_assert_nonnull (strstr (bad_error->message, cases[i].name));
    }

  /* Wrong password for an encrypted PDF. */
  {
    g_autoptr (GFile)   file = data_file ("encrypted.pdf");
    g_autoptr (EscLink) link = NULL;

    link = esc_store_attach_file (f->store, file, "not-it", f->assessment, "5", NULL, NULL, NULL, &error);
    g_assert_null (link);
    g_assert_error (error, ESC_PDF_ERROR, ESC_PDF_ERROR_WRONG_PASSWORD);
    g_clear_error (&error);
  }

  /* A file that is not evidence at all, with a name that does not pretend. */
  {
    g_autofree char    *path = g_build_filename (f->dir, "notes.txt", NULL);
    g_autoptr (GFile)   file = g_file_new_for_path (path);
    g_autoptr (EscLink) link = NULL;

    g_assert_true (g_file_set_contents (path, "just text", -1, NULL));
    link = esc_store_attach_file (f->store, file, NULL, f->assessment, "5", NULL, NULL, NULL, &error);
    g_assert_null (link);
    g_assert_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "notes.txt"));
    g_clear_error (&error);
  }

  /* Nothing already saved changed. */
  g_assert_cmpuint (count_documents (f), ==, 1);
  {
    g_autoptr (GPtrArray) links = esc_store_list_links (f->store, f->assessment, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (links->len, ==, 1);
  }
}

static void
test_encrypted (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError)      error = NULL;
  g_autoptr (GFile)       file = data_file ("encrypted.pdf");
  g_autoptr (EscLink)     locked = NULL;
  g_autoptr (EscDocument) unlocked = NULL;
  g_autoptr (GPtrArray)   hits = NULL;

  /* Without its password it is kept, locked: pages unknown, no text. */
  locked = esc_store_attach_file (f->store, file, NULL, f->assessment, "5", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (locked->document->encrypted);
  g_assert_cmpuint (locked->document->n_pages, ==, 0);
  hits = esc_store_search (f->store, "คุณภาพอากาศ", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The same bytes attached with the password are the same document. */
  unlocked = esc_store_add_document (f->store, file, "esc-2567", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unlocked->uuid, ==, locked->document->uuid);
  g_assert_cmpuint (count_documents (f), ==, 1);
}

static void
test_encrypted_with_password (Fixture      *f,
                              gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GFile)     file = data_file ("encrypted.pdf");
  g_autoptr (EscLink)   link = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  const EscSearchHit   *hit;

  link = esc_store_attach_file (f->store, file, "esc-2567", f->assessment, "5", "3", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (link->document->encrypted);
  g_assert_cmpuint (link->document->n_pages, ==, 4);
  hits = esc_store_search (f->store, "คุณภาพอากาศ", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpuint (hit->page, ==, 3);
}

static void
test_photos (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError)  error = NULL;
  g_autoptr (EscLink) jpeg = attach (f, "photo.jpg", "12", NULL, &error);
  g_autoptr (EscLink) png = NULL;
  g_autoptr (EscLink) paged = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (jpeg->document->mime_type, ==, "image/jpeg");
  g_assert_cmpuint (jpeg->document->n_pages, ==, 1);
  png = attach (f, "photo.png", "12", "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (png->document->mime_type, ==, "image/png");

  paged = attach (f, "photo.jpg", "12", "1-2", &error);
  g_assert_null (paged);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
}

static void
test_pages (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscLink)   link = attach (f, "thai.pdf", "5", NULL, &error);
  g_autoptr (EscLink)   beyond = NULL;
  g_autoptr (EscLink)   bad_item = NULL;
  g_autoptr (GPtrArray) links = NULL;
  const EscLink        *updated;

  g_assert_no_error (error);
  g_assert_cmpstr (link->pages, ==, "");

  beyond = attach (f, "thai.pdf", "5", "3-9", &error);
  g_assert_null (beyond);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "9"));
  g_assert_nonnull (strstr (error->message, "4"));
  g_clear_error (&error);

  bad_item = attach (f, "thai.pdf", "99", NULL, &error);
  g_assert_null (bad_item);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  g_assert_true (esc_store_update_link (f->store, link->uuid, "4, 1 - 2", "ภาพกิจกรรม", &error));
  g_assert_no_error (error);
  g_assert_false (esc_store_update_link (f->store, link->uuid, "0", NULL, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  links = esc_store_list_links (f->store, f->assessment, "5", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  updated = g_ptr_array_index (links, 0);
  g_assert_cmpstr (updated->pages, ==, "1-2, 4");
  g_assert_cmpstr (updated->caption, ==, "ภาพกิจกรรม");
}

static void
test_unlink_and_remove (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscLink)      link = attach (f, "thai.pdf", "5", NULL, &error);
  g_autoptr (GInputStream) stream = NULL;

  g_assert_no_error (error);
  g_assert_false (esc_store_remove_document (f->store, link->document->uuid, &error));
  g_assert_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_cmpuint (count_documents (f), ==, 1);

  g_assert_true (esc_store_rename_document (f->store, link->document->uuid, "  รายงานประจำปี  ", &error));
  g_assert_no_error (error);
  g_assert_false (esc_store_rename_document (f->store, link->document->uuid, "   ", &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr (EscDocument) document = esc_store_get_document (f->store, link->document->sha256, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (document->title, ==, "รายงานประจำปี");
    g_assert_cmpuint (document->n_links, ==, 1);
  }

  g_assert_true (esc_store_unlink (f->store, link->uuid, &error));
  g_assert_no_error (error);
  g_assert_false (esc_store_unlink (f->store, link->uuid, &error));
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (esc_store_remove_document (f->store, link->document->uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_documents (f), ==, 0);
  stream = esc_store_open_blob (f->store, link->document->sha256, &error);
  g_assert_null (stream);
  g_assert_error (error, ESC_STORE_ERROR, ESC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The page text went with it. */
  {
    g_autoptr (GPtrArray) hits = esc_store_search (f->store, "คัดแยกขยะ", NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

static void
set_note (Fixture    *f,
          const char *item,
          const char *note)
{
  g_autoptr (GError) error = NULL;
  EscAnswerChange    change;

  esc_answer_change_init (&change, item);
  change.note = note;
  g_assert_true (esc_store_apply_answer (f->store, f->assessment, &change, NULL, &error));
  g_assert_no_error (error);
}

static GPtrArray *
search (Fixture    *f,
        const char *text)
{
  g_autoptr (GError) error = NULL;
  GPtrArray         *hits = esc_store_search (f->store, text, NULL, 0, &error);

  g_assert_no_error (error);
  return hits;
}

static void
test_search (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscLink)   link = attach (f, "thai.pdf", "5", "1", &error);
  g_autoptr (GPtrArray) hits = NULL;
  const EscSearchHit   *hit;

  g_assert_no_error (error);

  /* A Thai substring from the middle of a word, in the PDF's text. */
  hits = search (f, "ยกขยะมูล");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->kind, ==, ESC_SEARCH_HIT_PAGE);
  g_assert_cmpstr (hit->document_uuid, ==, link->document->uuid);
  g_assert_cmpuint (hit->page, ==, 1);
  g_assert_nonnull (strstr (hit->snippet, "[ยกขยะมูล]"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f, "สีเขียว");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (((EscSearchHit *) g_ptr_array_index (hits, 0))->page, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Notes are found too, before pages, and follow edits. */
  set_note (f, "5", "ตรวจการคัดแยกขยะที่ตลาดสดเทศบาล");
  hits = search (f, "คัดแยกขยะ");
  g_assert_cmpuint (hits->len, ==, 2);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->kind, ==, ESC_SEARCH_HIT_NOTE);
  g_assert_cmpstr (hit->item_code, ==, "5");
  g_assert_cmpstr (hit->assessment_uuid, ==, f->assessment);
  g_assert_nonnull (strstr (hit->snippet, "[คัดแยกขยะ]"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  set_note (f, "5", "ปลูกต้นไม้ริมถนน");
  hits = search (f, "ตลาดสด");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "ต้นไม้");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Shorter than a trigram, and ASCII in any case. */
  hits = search (f, "ถน");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (((EscSearchHit *) g_ptr_array_index (hits, 0))->snippet, "[ถน]"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "GREEN SPACE");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (((EscSearchHit *) g_ptr_array_index (hits, 0))->page, ==, 4);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Quotes and FTS syntax are just text. */
  hits = search (f, "\"OR\" NEAR(");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Scoped to another assessment id, nothing is found. */
  hits = esc_store_search (f->store, "สีเขียว", "no-such-assessment", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = esc_store_search (f->store, "สีเขียว", f->assessment, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_search_survives_reopen (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  reader = NULL;
  g_autoptr (GPtrArray) hits = NULL;

  /* A note written by one connection is found by a read-only one before any search
   * indexed it. */
  set_note (f, "3", "ประชุมคณะทำงานเรื่องขยะ");
  /* Changed again before any search: still one pending entry, the latest text. */
  set_note (f, "3", "ประชุมคณะทำงานเรื่องน้ำเสีย");
  reader = esc_store_open (f->path, ESC_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  hits = esc_store_search (reader, "คณะทำงาน", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (((EscSearchHit *) g_ptr_array_index (hits, 0))->snippet, "น้ำเสีย"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = esc_store_search (reader, "เรื่องขยะ", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_too_large (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError)  error = NULL;
  g_autofree char    *path = g_build_filename (f->dir, "huge.pdf", NULL);
  g_autoptr (GFile)   file = g_file_new_for_path (path);
  g_autoptr (EscLink) link = NULL;
  FILE               *out = fopen (path, "wb");

  /* A sparse file: no disk is used. */
  g_assert_nonnull (out);
  fputs ("%PDF-1.4\n", out);
  g_assert_cmpint (fseeko (out, ESC_EVIDENCE_MAX_SIZE, SEEK_SET), ==, 0);
  fputs ("%%EOF\n", out);
  fclose (out);

  link = esc_store_attach_file (f->store, file, NULL, f->assessment, "5", NULL, NULL, NULL, &error);
  g_assert_null (link);
  g_assert_error (error, ESC_EVIDENCE_ERROR, ESC_EVIDENCE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.pdf"));
  g_assert_nonnull (strstr (error->message, "512"));
  g_assert_cmpuint (count_documents (f), ==, 0);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  EscPdfDocument   **document = user_data;
  g_autoptr (GError) error = NULL;

  *document = esc_pdf_document_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_stored_pdf (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError)          error = NULL;
  g_autoptr (EscLink)         link = attach (f, "thai.pdf", "5", NULL, &error);
  g_autoptr (cairo_surface_t) surface = NULL;
  g_autofree char            *text = NULL;
  EscPdfDocument             *document = NULL;

  g_assert_no_error (error);
  esc_evidence_load_pdf_async (f->path, link->document->sha256, NULL, NULL, loaded_cb, &document);
  while (document == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (esc_pdf_document_get_n_pages (document), ==, 4);
  surface = esc_pdf_document_render_page (document, 1, 0.5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 298);
  text = esc_pdf_document_get_page_text (document, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "พื้นที่สีเขียว"));
  g_assert_finalize_object (document);
}

static void
test_integrity (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscLink)   a = attach (f, "thai.pdf", "5", "1-2", &error);
  g_autoptr (EscLink)   b = attach (f, "photo.jpg", "6", NULL, &error);
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_true (esc_store_check_integrity (f->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

typedef struct
{
  GArray       *done; /* goffset */
  goffset       total;
  GCancellable *cancel_at_half; /* cancelled once half is done, when not NULL */
} ProgressLog;

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpint (total, >, 0);
  g_assert_true (log->total == 0 || log->total == total);
  log->total = total;
  g_array_append_val (log->done, done);
  if (log->cancel_at_half != NULL && done * 2 >= total)
    g_cancellable_cancel (log->cancel_at_half);
}

/* Progress goes by the bytes: read to check the file, then copied into the workspace;
 * stopped halfway, nothing of the file is kept. */
static void
test_attach_progress (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char         *path = g_build_filename (f->dir, "big.pdf", NULL);
  g_autoptr (GFile)        file = g_file_new_for_path (path);
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscLink)      link = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  ProgressLog              log = { g_array_new (FALSE, FALSE, sizeof (goffset)), 0, NULL };
  struct stat              st;
  goffset                  size;

  g_assert_true (esc_test_write_big_pdf (path, 24 * 1024 * 1024, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  size = st.st_size;

  /* Stopped: an error, no document, no bytes. */
  log.cancel_at_half = cancellable;
  link = esc_store_attach_file_with_progress (f->store, file, NULL, f->assessment, "5", NULL, NULL, progress_cb, &log,
                                              cancellable, &error);
  g_assert_null (link);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_documents (f), ==, 0);
  g_assert_cmpuint (log.done->len, >, 0);

  g_array_set_size (log.done, 0);
  log.total = 0;
  log.cancel_at_half = NULL;
  link = esc_store_attach_file_with_progress (f->store, file, NULL, f->assessment, "5", NULL, NULL, progress_cb, &log,
                                              NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);
  g_assert_cmpint (log.total, ==, 2 * size);
  /* Several steps (the file is read in 4 MB chunks, twice), never backwards, ending done. */
  g_assert_cmpuint (log.done->len, >=, 8);
  for (guint i = 1; i < log.done->len; i++)
    g_assert_cmpint (g_array_index (log.done, goffset, i), >=, g_array_index (log.done, goffset, i - 1));
  g_assert_cmpint (g_array_index (log.done, goffset, 0), <, size);
  g_assert_cmpint (g_array_index (log.done, goffset, log.done->len - 1), ==, log.total);
  g_assert_cmpuint (count_documents (f), ==, 1);
  g_array_unref (log.done);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/evidence/attach-and-list", test_attach_and_list);
  ADD ("/core/evidence/dedupe", test_dedupe);
  ADD ("/core/evidence/extract", test_extract);
  ADD ("/core/evidence/bad-files", test_bad_files);
  ADD ("/core/evidence/encrypted", test_encrypted);
  ADD ("/core/evidence/encrypted-with-password", test_encrypted_with_password);
  ADD ("/core/evidence/photos", test_photos);
  ADD ("/core/evidence/pages", test_pages);
  ADD ("/core/evidence/unlink-and-remove", test_unlink_and_remove);
  ADD ("/core/evidence/search", test_search);
  ADD ("/core/evidence/search-survives-reopen", test_search_survives_reopen);
  ADD ("/core/evidence/too-large", test_too_large);
  ADD ("/core/evidence/load-stored-pdf", test_load_stored_pdf);
  ADD ("/core/evidence/integrity", test_integrity);
  ADD ("/core/evidence/attach-progress", test_attach_progress);
#undef ADD

  return g_test_run ();
}
