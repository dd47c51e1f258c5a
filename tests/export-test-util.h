/* export-test-util.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads workbooks back with an independent reader (openpyxl, through
 * tests/xlsx-dump.py) for the export tests.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <math.h>

typedef struct
{
  JsonNode   *root;
  JsonObject *sheet;      /* the current sheet */
  GHashTable *cells;      /* "row:col" → JsonObject, of the current sheet */
  GHashTable *unchecked;  /* keys of cells not compared yet */
} XlsxDump;

static inline XlsxDump *
xlsx_dump_load (const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "xlsx-dump.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  XlsxDump *dump;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xlsx-dump.py failed on %s: %s", path, err);

  dump = g_new0 (XlsxDump, 1);
  dump->root = json_from_string (out, &error);
  g_assert_no_error (error);

  return dump;
}

static inline void
xlsx_dump_free (XlsxDump *dump)
{
  g_clear_pointer (&dump->cells, g_hash_table_unref);
  g_clear_pointer (&dump->unchecked, g_hash_table_unref);
  json_node_unref (dump->root);
  g_free (dump);
}

static inline JsonArray *
xlsx_dump_sheets (XlsxDump *dump)
{
  return json_object_get_array_member (json_node_get_object (dump->root), "sheets");
}

static inline JsonObject *
xlsx_dump_properties (XlsxDump *dump)
{
  return json_object_get_object_member (json_node_get_object (dump->root), "properties");
}

/* Selects a sheet; every cell of it must then be checked before the next. */
static inline JsonObject *
xlsx_dump_select (XlsxDump   *dump,
                  const char *name)
{
  JsonArray *sheets = xlsx_dump_sheets (dump);

  g_clear_pointer (&dump->cells, g_hash_table_unref);
  g_clear_pointer (&dump->unchecked, g_hash_table_unref);
  dump->sheet = NULL;

  for (guint i = 0; i < json_array_get_length (sheets); i++)
    {
      JsonObject *sheet = json_array_get_object_element (sheets, i);
      JsonArray *cells;

      if (!g_str_equal (json_object_get_string_member (sheet, "name"), name))
        continue;

      dump->sheet = sheet;
      dump->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      dump->unchecked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      cells = json_object_get_array_member (sheet, "cells");
      for (guint j = 0; j < json_array_get_length (cells); j++)
        {
          JsonObject *cell = json_array_get_object_element (cells, j);
          char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                       json_object_get_int_member (cell, "row"),
                                       json_object_get_int_member (cell, "col"));

          g_hash_table_insert (dump->cells, key, cell);
          g_hash_table_add (dump->unchecked, g_strdup (key));
        }
      return sheet;
    }

  g_error ("no sheet named %s", name);
  return NULL;
}

static inline JsonObject *
xlsx_dump_cell (XlsxDump *dump,
                guint     row,
                guint     col)
{
  g_autofree char *key = g_strdup_printf ("%u:%u", row, col);

  g_hash_table_remove (dump->unchecked, key);
  return g_hash_table_lookup (dump->cells, key);
}

/* A text cell holding exactly text (type "s", never a formula); for NULL or
 * "" the cell must be empty. */
static inline void
xlsx_assert_text (XlsxDump   *dump,
                  guint       row,
                  guint       col,
                  const char *text)
{
  JsonObject *cell = xlsx_dump_cell (dump, row, col);

  if (text == NULL || *text == '\0')
    {
      if (cell != NULL)
        g_error ("cell %u:%u should be empty, holds %s", row, col,
                 json_object_get_string_member (cell, "type"));
      return;
    }
  if (cell == NULL)
    g_error ("cell %u:%u is empty, expected “%s”", row, col, text);
  g_assert_cmpstr (json_object_get_string_member (cell, "type"), ==, "s");
  g_assert_cmpstr (json_object_get_string_member (cell, "value"), ==, text);
}

/* A numeric cell (type "n"); for NAN the cell must be empty. */
static inline void
xlsx_assert_number (XlsxDump *dump,
                    guint     row,
                    guint     col,
                    double    value)
{
  JsonObject *cell = xlsx_dump_cell (dump, row, col);

  if (isnan (value))
    {
      g_assert_null (cell);
      return;
    }
  if (cell == NULL)
    g_error ("cell %u:%u is empty, expected %g", row, col, value);
  g_assert_cmpstr (json_object_get_string_member (cell, "type"), ==, "n");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cell, "value"), value, 1e-9);
}

static inline void
xlsx_assert_all_checked (XlsxDump *dump)
{
  if (g_hash_table_size (dump->unchecked) > 0)
    {
      GHashTableIter iter;
      const char *key;

      g_hash_table_iter_init (&iter, dump->unchecked);
      g_hash_table_iter_next (&iter, (gpointer *) &key, NULL);
      g_error ("sheet %s has %u unexpected cells, e.g. %s",
               json_object_get_string_member (dump->sheet, "name"),
               g_hash_table_size (dump->unchecked), key);
    }
}

static inline const char *
xlsx_sheet_string (XlsxDump   *dump,
                   const char *member)
{
  if (json_object_get_null_member (dump->sheet, member))
    return NULL;
  return json_object_get_string_member (dump->sheet, member);
}
