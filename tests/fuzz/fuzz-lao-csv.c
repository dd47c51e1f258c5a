/* fuzz-lao-csv.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Local-government lists come from spreadsheets and text editors: any bytes are parsed, and
 * the parser either returns rows that obey its contract or refuses the whole list with an
 * error, never both and never neither.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "esc-lao-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = NULL;

  laos = esc_lao_csv_parse ((const char *) data, size, NULL, &problems, &error);
  g_assert_nonnull (problems);

  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);

      g_assert_true (g_str_has_prefix (problem, "Line "));
      g_assert_true (g_utf8_validate (problem, -1, NULL));
    }

  if (laos == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ESC_LAO_CSV_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (error->code == ESC_LAO_CSV_ERROR_BAD_ROWS)
        g_assert_cmpuint (problems->len, >, 0);
      else
        g_assert_cmpuint (problems->len, ==, 0);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (laos->len, >, 0);
  g_assert_cmpuint (problems->len, ==, 0);

  for (guint i = 0; i < laos->len; i++)
    {
      const EscLao *lao = g_ptr_array_index (laos, i);

      g_assert_null (lao->uuid);
      g_assert_true (lao->code == NULL || strlen (lao->code) == 7);
      g_assert_nonnull (lao->name);
      g_assert_cmpstr (lao->name, !=, "");
      g_assert_true (g_utf8_validate (lao->name, -1, NULL));
      g_assert_nonnull (lao->type);
      g_assert_nonnull (lao->district);
      g_assert_true (g_utf8_validate (lao->district, -1, NULL));
      g_assert_nonnull (lao->province);
      g_assert_true (g_utf8_validate (lao->province, -1, NULL));
    }

  return 0;
}
