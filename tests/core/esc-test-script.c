/* esc-test-script.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "esc-test-script.h"

#define IMPORT_EVERY 7
#define LAOS_PER_IMPORT 5

struct _EscTestScript
{
  EscFramework *framework;
  char         *assessment;
  char         *lao_type;
  GPtrArray    *items; /* const EscIndicator *, scored by dimensions */
};

void
esc_test_script_free (EscTestScript *self)
{
  g_clear_object (&self->framework);
  g_free (self->assessment);
  g_free (self->lao_type);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self);
}

static EscTestScript *
script_new (EscFramework *framework,
            const char   *assessment)
{
  EscTestScript *self = g_new0 (EscTestScript, 1);

  self->framework = g_object_ref (framework);
  self->assessment = g_strdup (assessment);
  self->lao_type = g_strdup (esc_framework_get_lao_type (framework, 0)->id);
  self->items = g_ptr_array_new ();
  for (guint i = 0; i < esc_framework_get_n_items (framework); i++)
    {
      const EscIndicator *item = esc_framework_get_item (framework, i);

      if (item->method == ESC_SCORING_DIMENSIONS && item->n_dimensions > 0)
        g_ptr_array_add (self->items, (gpointer) item);
    }
  g_assert_cmpuint (self->items->len, >, 0);
  return self;
}

EscTestScript *
esc_test_script_create (const char *path)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = esc_framework_new_default (&error);
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  g_autofree char         *framework_uuid = NULL;
  g_autofree char         *assessment = NULL;
  g_autoptr (GPtrArray)    listed = NULL;
  EscLao                  *lao;

  g_assert_no_error (error);
  store = esc_store_create (path, framework, &error);
  g_assert_no_error (error);

  lao = esc_lao_new ();
  lao->code = g_strdup ("9999999");
  lao->name = g_strdup ("เทศบาลตำบลทดสอบ");
  lao->type = g_strdup (esc_framework_get_lao_type (framework, 0)->id);
  g_ptr_array_add (laos, lao);
  g_assert_true (esc_store_import_laos (store, laos, NULL, NULL, &error));
  g_assert_no_error (error);
  listed = esc_store_list_laos (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);

  framework_uuid = esc_store_get_default_framework_uuid (store, &error);
  g_assert_no_error (error);
  assessment = esc_store_create_assessment (store, ((EscLao *) listed->pdata[0])->uuid, 2568,
                                            framework_uuid, "self", "crash test", &error);
  g_assert_no_error (error);

  return script_new (framework, assessment);
}

EscTestScript *
esc_test_script_load (EscStore *store)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (GPtrArray)    assessments = esc_store_list_assessments (store, NULL, &error);
  g_autoptr (EscFramework) framework = NULL;
  EscAssessment           *assessment;

  g_assert_no_error (error);
  g_assert_cmpuint (assessments->len, ==, 1);
  assessment = g_ptr_array_index (assessments, 0);
  framework = esc_store_get_framework (store, assessment->framework_uuid, &error);
  g_assert_no_error (error);

  return script_new (framework, assessment->uuid);
}

const char *
esc_test_script_get_assessment (EscTestScript *self)
{
  return self->assessment;
}

static gboolean
is_import (guint seq)
{
  return seq % IMPORT_EVERY == 0;
}

static const EscIndicator *
item_of (EscTestScript *self,
         guint          seq)
{
  return g_ptr_array_index (self->items, (seq * 13) % self->items->len);
}

static double
value_of (const EscIndicator *item,
          guint               seq,
          guint               dimension)
{
  guint max = (guint) floor (item->dimensions[dimension].max);

  return (double) ((seq + dimension) % (max + 1));
}

gboolean
esc_test_script_apply (EscTestScript *self,
                       EscStore      *store,
                       guint          seq,
                       GError       **error)
{
  if (is_import (seq))
    {
      g_autoptr (GPtrArray) laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);

      for (guint j = 0; j < LAOS_PER_IMPORT; j++)
        {
          EscLao *lao = esc_lao_new ();

          lao->name = g_strdup_printf ("crash-%u-%u", seq, j);
          lao->type = g_strdup (self->lao_type);
          lao->district = g_strdup ("เมือง");
          g_ptr_array_add (laos, lao);
        }
      return esc_store_import_laos (store, laos, NULL, NULL, error);
    }
  else
    {
      const EscIndicator *item = item_of (self, seq);
      g_autofree char    *note = g_strdup_printf ("change %u", seq);
      EscAnswerChange     change;

      esc_answer_change_init (&change, item->code);
      for (guint d = 0; d < item->n_dimensions; d++)
        esc_answer_change_set_value (&change, item->dimensions[d].id, value_of (item, seq, d));
      change.note = note;
      return esc_store_apply_answer (store, self->assessment, &change, "crash test", error);
    }
}

GStrv
esc_test_script_cli_args (EscTestScript *self,
                          const char    *esc_cli,
                          const char    *workspace,
                          guint          seq)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const EscIndicator      *item;

  if (is_import (seq))
    return NULL;

  item = item_of (self, seq);
  g_strv_builder_add_many (builder, esc_cli, "answer", "set", workspace, "--assessment",
                           self->assessment, "--indicator", item->code, NULL);
  for (guint d = 0; d < item->n_dimensions; d++)
    {
      g_autofree char *option = g_strdup_printf ("--%s", item->dimensions[d].id);
      g_autofree char *value = g_strdup_printf ("%g", value_of (item, seq, d));

      g_strv_builder_add_many (builder, option, value, NULL);
    }
  {
    g_autofree char *note = g_strdup_printf ("change %u", seq);

    g_strv_builder_add_many (builder, "--note", note, NULL);
  }
  return g_strv_builder_end (builder);
}

guint
esc_test_script_find_last (EscTestScript *self,
                           EscStore      *store,
                           GError       **error)
{
  g_autoptr (GPtrArray) answers = NULL;
  g_autoptr (GPtrArray) laos = NULL;
  guint                 last = 0;

  answers = esc_store_load_answers (store, self->assessment, error);
  if (answers == NULL)
    return G_MAXUINT;
  laos = esc_store_list_laos (store, error);
  if (laos == NULL)
    return G_MAXUINT;

  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer *answer = g_ptr_array_index (answers, i);

      if (answer->note != NULL && g_str_has_prefix (answer->note, "change "))
        last = MAX (last, (guint) strtoul (answer->note + 7, NULL, 10));
    }
  for (guint i = 0; i < laos->len; i++)
    {
      EscLao *lao = g_ptr_array_index (laos, i);

      if (g_str_has_prefix (lao->name, "crash-"))
        last = MAX (last, (guint) strtoul (lao->name + 6, NULL, 10));
    }

  return last;
}

gboolean
esc_test_script_verify (EscTestScript *self,
                        EscStore      *store,
                        guint          k,
                        GError       **error)
{
  g_autoptr (GPtrArray)  answers = NULL;
  g_autoptr (GPtrArray)  laos = NULL;
  g_autoptr (GHashTable) expected_laos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) last_seq = g_hash_table_new (g_str_hash, g_str_equal);
  guint                  n_crash_laos = 0;

  answers = esc_store_load_answers (store, self->assessment, error);
  if (answers == NULL)
    return FALSE;
  laos = esc_store_list_laos (store, error);
  if (laos == NULL)
    return FALSE;

  for (guint s = 1; s <= k; s++)
    {
      if (is_import (s))
        for (guint j = 0; j < LAOS_PER_IMPORT; j++)
          g_hash_table_add (expected_laos, g_strdup_printf ("crash-%u-%u", s, j));
      else
        g_hash_table_insert (last_seq, item_of (self, s)->code, GUINT_TO_POINTER (s));
    }

  for (guint i = 0; i < laos->len; i++)
    {
      EscLao *lao = g_ptr_array_index (laos, i);

      if (!g_str_has_prefix (lao->name, "crash-"))
        continue;
      n_crash_laos++;
      if (!g_hash_table_contains (expected_laos, lao->name))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "after edit %u the workspace holds %s, which is not expected", k, lao->name);
          return FALSE;
        }
    }
  if (n_crash_laos != g_hash_table_size (expected_laos))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "after edit %u the workspace holds %u imported local governments, not %u", k,
                   n_crash_laos, g_hash_table_size (expected_laos));
      return FALSE;
    }

  for (guint i = 0; i < answers->len; i++)
    {
      EscAnswer          *answer = g_ptr_array_index (answers, i);
      guint               s = GPOINTER_TO_UINT (g_hash_table_lookup (last_seq, answer->item_code));
      g_autofree char    *note = NULL;
      const EscIndicator *item;

      if (s == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "after edit %u item %s has an answer, but no edit wrote it", k,
                       answer->item_code);
          return FALSE;
        }
      g_hash_table_remove (last_seq, answer->item_code);
      note = g_strdup_printf ("change %u", s);
      if (g_strcmp0 (answer->note, note) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "after edit %u item %s has note “%s”, not “%s”", k, answer->item_code,
                       answer->note, note);
          return FALSE;
        }
      item = esc_framework_lookup_indicator (self->framework, answer->item_code);
      for (guint d = 0; d < item->n_dimensions; d++)
        if (answer->values[d] != value_of (item, s, d))
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "after edit %u item %s, %s is %g, not %g", k, answer->item_code,
                         item->dimensions[d].id, answer->values[d], value_of (item, s, d));
            return FALSE;
          }
    }
  if (g_hash_table_size (last_seq) > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "after edit %u, %u answers saved are missing", k, g_hash_table_size (last_seq));
      return FALSE;
    }

  return TRUE;
}

char *
esc_test_make_tmp_dir (const char *tmpl,
                       GError    **error)
{
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      g_autofree char *path = g_build_filename ("/dev/shm", tmpl, NULL);

      if (g_mkdtemp (path) != NULL)
        return g_steal_pointer (&path);
    }
  return g_dir_make_tmp (tmpl, error);
}

guint
esc_test_scale (guint full,
                guint quick)
{
  return g_getenv ("ESC_TEST_QUICK") != NULL ? quick : full;
}
