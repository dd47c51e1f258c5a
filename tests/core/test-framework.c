/* test-framework.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include "esc-framework.h"

/* Helpers */

static char *
shipped_path (void)
{
  char *path = esc_framework_find_default_path ();

  g_assert_nonnull (path);
  return path;
}

static EscFramework *shipped_cache;

/* The framework is immutable once loaded, so the tests share one load. */
static EscFramework *
load_shipped (void)
{
  if (shipped_cache == NULL)
    {
      g_autofree char   *path = shipped_path ();
      g_autoptr (GError) error = NULL;

      shipped_cache = esc_framework_new_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (shipped_cache);
    }
  return g_object_ref (shipped_cache);
}

/* The shipped file as a JSON tree, to be edited into a broken one. */
static JsonNode *
shipped_tree (void)
{
  g_autofree char       *path = shipped_path ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
minimal_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "frameworks", "minimal.json", NULL);
}

/* The small hand-written fixture as a JSON tree: cheap enough to load many
 * times, also under AddressSanitizer. */
static JsonNode *
minimal_tree (void)
{
  g_autofree char       *path = minimal_path ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
root_object (JsonNode *tree)
{
  return json_node_get_object (tree);
}

static JsonObject *
array_object (JsonObject *object,
              const char *key,
              guint       index)
{
  JsonArray *array = json_object_get_array_member (object, key);

  g_assert_nonnull (array);
  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_array_get_object_element (array, index);
}

static JsonObject *
indicator_object (JsonNode *tree,
                  guint     index)
{
  return array_object (root_object (tree), "indicators", index);
}

static JsonObject *
scoring_object (JsonNode *tree,
                guint     index)
{
  return json_object_get_object_member (indicator_object (tree, index), "scoring");
}

static char *
tree_to_data (JsonNode *tree)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, tree);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static EscFramework *
load_tree (JsonNode   *tree,
           const char *name,
           GError    **error)
{
  g_autofree char *data = tree_to_data (tree);

  return esc_framework_new_from_data (data, -1, name, error);
}

/* Asserts the edited tree is rejected with INVALID and a message that starts
 * with the file name and the JSON path, and says what was expected. */
static void
assert_invalid (JsonNode   *tree,
                const char *path,
                const char *expected)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = load_tree (tree, "broken.json", &error);
  g_autofree char         *prefix = g_strdup_printf ("broken.json: %s: ", path);

  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  if (expected != NULL && strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);

  json_node_unref (tree);
}

/* The shipped framework */

static void
test_shipped_counts (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();
  double                   weights = 0;
  guint                    n_indicators = 0;

  g_assert_cmpstr (esc_framework_get_id (framework), ==, "esc-2568");
  g_assert_cmpint (esc_framework_get_fiscal_year (framework), ==, 2568);
  g_assert_cmpstr (esc_framework_get_display_name (framework), ==, "esc-2568.json");
  g_assert_cmpuint (esc_framework_get_n_components (framework), ==, 4);
  g_assert_cmpuint (esc_framework_get_n_indicators (framework), ==, 34);
  g_assert_cmpuint (esc_framework_get_n_items (framework), ==, 35);
  g_assert_cmpuint (esc_framework_get_n_dimensions (framework), ==, 3);
  g_assert_cmpuint (esc_framework_get_n_issues (framework), ==, 17);
  g_assert_cmpuint (esc_framework_get_n_ratings (framework), ==, 3);
  g_assert_nonnull (esc_framework_get_note (framework));
  g_assert_nonnull (esc_framework_get_sources (framework));
  g_assert_nonnull (esc_framework_get_sources (framework)[0]);

  for (guint c = 0; c < 4; c++)
    {
      const EscComponent *component = esc_framework_get_component (framework, c);
      static const guint  expected_n[] = { 7, 9, 7, 11 };

      g_assert_cmpfloat (component->weight_percent, ==, 25);
      g_assert_cmpint (component->name.provenance, ==, ESC_PROVENANCE_OFFICIAL);
      g_assert_cmpuint (component->n_indicators, ==, expected_n[c]);
      weights += component->weight_percent;
      n_indicators += component->n_indicators;
    }
  g_assert_cmpfloat (weights, ==, 100);
  g_assert_cmpuint (n_indicators, ==, 34);
  g_assert_cmpstr (esc_framework_get_component (framework, 0)->name.th, ==, "เมืองอยู่ดี");
  g_assert_cmpstr (esc_framework_lookup_component (framework, "4")->name.en, ==,
                   "Learning city and good governance");

  g_assert_cmpstr (esc_framework_get_rating (framework, 0)->name.th, ==, "ดีเยี่ยม");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (esc_framework_get_rating (framework, i)->min_percent, <, 0);
}

static void
test_shipped_indicators (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();

  for (guint i = 0; i < 34; i++)
    {
      const EscIndicator *indicator = esc_framework_get_indicator (framework, i);
      g_autofree char    *code = g_strdup_printf ("%u", i + 1);
      const EscIssue     *issue = esc_framework_lookup_issue (framework, indicator->issue_id);

      g_assert_cmpstr (indicator->code, ==, code);
      g_assert_true (esc_framework_lookup_indicator (framework, code) == indicator);
      g_assert_cmpuint (indicator->position, ==, i);
      g_assert_cmpfloat (indicator->max_points, ==, 30);
      g_assert_nonnull (issue);
      g_assert_cmpstr (issue->component_id, ==, indicator->component_id);
      g_assert_true (*indicator->name.th != '\0');
      g_assert_true (*indicator->name.en != '\0');
      g_assert_null (indicator->parent);

      if (i + 1 >= 24 && i + 1 <= 33)
        {
          g_assert_cmpint (indicator->method, ==, ESC_SCORING_LPA);
          g_assert_cmpint (indicator->lpa_rule, ==, ESC_LPA_RULE_PROPORTIONAL);
          g_assert_nonnull (strstr (indicator->lpa_source.th, "กรมส่งเสริมการปกครองท้องถิ่น"));
          g_assert_nonnull (strstr (indicator->lpa_source.en, "Department of Local Administration"));
          g_assert_cmpstr (indicator->component_id, ==, "4");
        }
      else if (i + 1 == 19)
        {
          g_assert_cmpint (indicator->method, ==, ESC_SCORING_PARTS);
          g_assert_cmpuint (indicator->item_index, ==, G_MAXUINT);
        }
      else
        {
          g_assert_cmpint (indicator->method, ==, ESC_SCORING_DIMENSIONS);
          g_assert_cmpuint (indicator->n_dimensions, ==, 3);
          g_assert_cmpstr (indicator->dimensions[0].id, ==, "process");
          g_assert_cmpfloat (indicator->dimensions[0].max, ==, 10);
          g_assert_cmpstr (indicator->dimensions[0].name.th, ==, "กระบวนการ");
          g_assert_cmpstr (indicator->dimensions[1].id, ==, "output");
          g_assert_cmpfloat (indicator->dimensions[1].max, ==, 7);
          g_assert_cmpstr (indicator->dimensions[2].id, ==, "outcome");
          g_assert_cmpfloat (indicator->dimensions[2].max, ==, 13);
          g_assert_cmpint (esc_indicator_find_dimension (indicator, "outcome"), ==, 2);
          g_assert_cmpint (esc_indicator_find_dimension (indicator, "impact"), ==, -1);
          g_assert_cmpuint (indicator->n_criteria, >, 0);
          g_assert_cmpuint (indicator->n_evidence, >, 0);
        }

      /* Reconstructed Thai names and checklists are marked as such. */
      g_assert_cmpint (indicator->name.provenance, ==, ESC_PROVENANCE_RECONSTRUCTED);
      for (guint j = 0; j < indicator->n_criteria; j++)
        {
          g_assert_cmpint (indicator->criteria[j].provenance, ==, ESC_PROVENANCE_RECONSTRUCTED);
          g_assert_true (*indicator->criteria[j].th != '\0');
          g_assert_true (*indicator->criteria[j].en != '\0');
        }
    }

  g_assert_cmpstr (esc_framework_lookup_indicator (framework, "1")->component_id, ==, "1");
  g_assert_cmpstr (esc_framework_lookup_indicator (framework, "8")->component_id, ==, "2");
  g_assert_cmpstr (esc_framework_lookup_indicator (framework, "17")->component_id, ==, "3");
  g_assert_cmpstr (esc_framework_lookup_indicator (framework, "34")->component_id, ==, "4");
  g_assert_null (esc_framework_lookup_indicator (framework, "35"));
  g_assert_null (esc_framework_lookup_indicator (framework, "19.3"));
  g_assert_null (esc_framework_lookup_indicator (framework, NULL));
}

static void
test_shipped_items (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();
  static const char       *expected[] = {
          "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
          "13", "14", "15", "16", "17", "18", "19.1", "19.2", "20", "21", "22", "23",
          "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34"
  };

  g_assert_cmpuint (esc_framework_get_n_items (framework), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const EscIndicator *item = esc_framework_get_item (framework, i);

      g_assert_cmpstr (item->code, ==, expected[i]);
      g_assert_cmpuint (item->item_index, ==, i);
      g_assert_cmpint (item->method, !=, ESC_SCORING_PARTS);
    }
  /* Parts share their parent's position. */
  g_assert_cmpuint (esc_framework_get_item (framework, 19)->position, ==, 18);
  g_assert_cmpuint (esc_framework_get_item (framework, 20)->position, ==, 19);
}

static void
test_shipped_parts (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();
  const EscIndicator      *indicator = esc_framework_lookup_indicator (framework, "19");
  const EscIndicator      *water = esc_framework_lookup_indicator (framework, "19.1");
  const EscIndicator      *air = esc_framework_lookup_indicator (framework, "19.2");
  double                   points[] = { 30, 15 };

  g_assert_nonnull (indicator);
  g_assert_cmpuint (indicator->n_parts, ==, 2);
  g_assert_cmpint (indicator->combine, ==, ESC_COMBINE_MEAN);
  g_assert_true (indicator->parts[0] == water);
  g_assert_true (indicator->parts[1] == air);
  g_assert_cmpstr (water->name.th, ==, "การจัดการน้ำเสีย");
  g_assert_cmpstr (air->name.th, ==, "การจัดการมลพิษทางอากาศ");

  for (guint i = 0; i < 2; i++)
    {
      const EscIndicator *part = indicator->parts[i];

      g_assert_true (part->parent == indicator);
      g_assert_cmpstr (part->component_id, ==, "3");
      g_assert_cmpstr (part->issue_id, ==, indicator->issue_id);
      g_assert_cmpint (part->method, ==, ESC_SCORING_DIMENSIONS);
      g_assert_cmpuint (part->n_dimensions, ==, 3);
      g_assert_cmpfloat (part->max_points, ==, 30);
      g_assert_cmpuint (part->position, ==, 18);
      g_assert_cmpuint (part->n_criteria, >, 0);
      g_assert_cmpuint (part->n_evidence, >, 0);
    }
  g_assert_cmpuint (water->item_index, ==, 18);
  g_assert_cmpuint (air->item_index, ==, 19);

  g_assert_cmpfloat_with_epsilon (esc_indicator_combine_parts (indicator, points), 22.5, 1e-9);
}

static void
test_lpa_points (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();
  const EscIndicator      *indicator = esc_framework_lookup_indicator (framework, "24");

  g_assert_cmpfloat_with_epsilon (esc_indicator_lpa_points (indicator, 80), 24, 1e-9);
  g_assert_cmpfloat_with_epsilon (esc_indicator_lpa_points (indicator, 100), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (esc_indicator_lpa_points (indicator, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (esc_indicator_lpa_points (indicator, 55.5), 16.65, 1e-9);
  /* Out of range values are clamped. */
  g_assert_cmpfloat_with_epsilon (esc_indicator_lpa_points (indicator, 120), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (esc_indicator_lpa_points (indicator, -5), 0, 1e-9);
}

static void
test_lpa_bands (void)
{
  JsonNode                *tree = shipped_tree ();
  JsonObject              *scoring = scoring_object (tree, 24); /* indicator 25 */
  g_autoptr (JsonArray)    bands = json_array_new ();
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GError)       error = NULL;
  const EscIndicator      *indicator;
  static const double      table[][2] = { { 90, 30 }, { 50, 15 }, { 75, 24 } };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      JsonObject *band = json_object_new ();

      json_object_set_double_member (band, "min_percent", table[i][0]);
      json_object_set_double_member (band, "points", table[i][1]);
      json_array_add_object_element (bands, band);
    }
  json_object_set_string_member (scoring, "rule", "bands");
  json_object_set_array_member (scoring, "bands", json_array_ref (bands));

  framework = load_tree (tree, "bands.json", &error);
  g_assert_no_error (error);
  indicator = esc_framework_lookup_indicator (framework, "25");
  g_assert_cmpint (indicator->lpa_rule, ==, ESC_LPA_RULE_BANDS);
  g_assert_cmpuint (indicator->n_lpa_bands, ==, 3);
  g_assert_cmpfloat (esc_indicator_lpa_points (indicator, 95), ==, 30);
  g_assert_cmpfloat (esc_indicator_lpa_points (indicator, 90), ==, 30);
  g_assert_cmpfloat (esc_indicator_lpa_points (indicator, 80), ==, 24);
  g_assert_cmpfloat (esc_indicator_lpa_points (indicator, 60), ==, 15);
  g_assert_cmpfloat (esc_indicator_lpa_points (indicator, 49.9), ==, 0);
  json_node_unref (tree);
}

static void
test_lao_types (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();
  static const struct
  {
    const char *text;
    const char *id;
    double      pass_mark;
  } cases[] = {
    { "pao", "pao", -1 },
    { "อบจ.", "pao", -1 },
    { "องค์การบริหารส่วนจังหวัด", "pao", -1 },
    { "city", "city", 70 },
    { "ทน.", "city", 70 },
    { "ทน", "city", 70 },
    { "เทศบาลนคร", "city", 70 },
    { "City municipality", "city", 70 },
    { "town", "town", 70 },
    { "ทม.", "town", 70 },
    { " เทศบาลเมือง ", "town", 70 },
    { "subdistrict", "subdistrict", 60 },
    { "ทต.", "subdistrict", 60 },
    { "เทศบาลตำบล", "subdistrict", 60 },
    { "subdistrict municipality", "subdistrict", 60 },
    { "sao", "sao", 60 },
    { "อบต.", "sao", 60 },
    { "อบต", "sao", 60 },
    { "องค์การบริหารส่วนตำบล", "sao", 60 },
    { "Subdistrict Administrative Organization", "sao", 60 },
    { "special", "special", -1 },
    { "กรุงเทพมหานคร", "special", -1 },
    { "เมืองพัทยา", "special", -1 },
  };

  g_assert_cmpuint (esc_framework_get_n_lao_types (framework), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const EscLaoType *type = esc_framework_lookup_lao_type (framework, cases[i].text);

      if (type == NULL)
        g_error ("“%s” names no type", cases[i].text);
      g_assert_cmpstr (type->id, ==, cases[i].id);
      if (cases[i].pass_mark < 0)
        g_assert_cmpfloat (type->pass_mark_percent, <, 0);
      else
        g_assert_cmpfloat (type->pass_mark_percent, ==, cases[i].pass_mark);
    }

  g_assert_null (esc_framework_lookup_lao_type (framework, "เทศบาล"));
  g_assert_null (esc_framework_lookup_lao_type (framework, ""));
  g_assert_null (esc_framework_lookup_lao_type (framework, NULL));
  g_assert_null (esc_framework_lookup_lao_type (framework, "\xff\xfe"));
}

static void
test_source_bytes (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();
  g_autofree char         *path = shipped_path ();
  g_autofree char         *contents = NULL;
  g_autofree char         *sha256 = NULL;
  g_autoptr (GBytes)       expected = NULL;
  gsize                    length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  expected = g_bytes_new (contents, length);
  g_assert_true (g_bytes_equal (esc_framework_get_source (framework), expected));

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (esc_framework_get_sha256 (framework), ==, sha256);
  g_assert_cmpuint (strlen (esc_framework_get_sha256 (framework)), ==, 64);
}

static void
test_texts (void)
{
  g_autoptr (EscFramework) framework = load_shipped ();
  const EscText           *title = esc_framework_get_title (framework);
  EscText                  no_english = { (char *) "ไทย", (char *) "", ESC_PROVENANCE_SECONDARY };

  g_assert_nonnull (strstr (esc_text_get (title, TRUE), "2568"));
  g_assert_cmpstr (esc_text_get (title, TRUE), ==, title->th);
  g_assert_cmpstr (esc_text_get (title, FALSE), ==, title->en);
  g_assert_cmpstr (esc_text_get (&no_english, FALSE), ==, "ไทย");
  g_assert_cmpstr (esc_provenance_to_string (ESC_PROVENANCE_OFFICIAL), ==, "official");
  g_assert_cmpstr (esc_provenance_to_string (ESC_PROVENANCE_SECONDARY), ==, "secondary");
  g_assert_cmpstr (esc_provenance_to_string (ESC_PROVENANCE_RECONSTRUCTED), ==, "reconstructed");
  g_assert_cmpstr (esc_provenance_get_label (ESC_PROVENANCE_RECONSTRUCTED), ==, "Reconstructed");
}

static void
test_default (void)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GError)       error = NULL;

  framework = esc_framework_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (esc_framework_get_id (framework), ==, "esc-2568");
  g_assert_finalize_object (g_steal_pointer (&framework));
}

/* A working group's next-year file loads without a rebuild, from a path or
 * through ESC_DATA_DIR. */
static void
test_next_year (void)
{
  JsonNode                *tree = shipped_tree ();
  JsonObject              *root = root_object (tree);
  JsonObject              *criterion = NULL;
  g_autoptr (EscFramework) shipped = load_shipped ();
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (EscFramework) by_env = NULL;
  g_autoptr (GError)       error = NULL;
  g_autofree char         *data = NULL;
  g_autofree char         *dir = NULL;
  g_autofree char         *path = NULL;
  g_autofree char         *found = NULL;
  g_autofree char         *data_dir = NULL;
  g_autofree char         *old_env = g_strdup (g_getenv ("ESC_DATA_DIR"));
  const EscIndicator      *indicator;

  json_object_set_int_member (root, "fiscal_year", 2569);
  json_object_set_string_member (root, "id", "esc-2569");
  criterion = json_array_get_object_element (json_object_get_array_member (indicator_object (tree, 6), "criteria"), 0);
  json_object_set_string_member (criterion, "th", "เกณฑ์ใหม่ของปี 2569");
  json_object_set_string_member (criterion, "en", "A new criterion for 2569");
  json_object_set_string_member (criterion, "provenance", "official");
  data = tree_to_data (tree);

  dir = g_build_filename (g_get_user_data_dir (), "next", "frameworks", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, "esc-2569.json", NULL);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));

  framework = esc_framework_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (esc_framework_get_fiscal_year (framework), ==, 2569);
  g_assert_cmpstr (esc_framework_get_id (framework), ==, "esc-2569");
  indicator = esc_framework_lookup_indicator (framework, "7");
  g_assert_cmpstr (indicator->criteria[0].th, ==, "เกณฑ์ใหม่ของปี 2569");
  g_assert_cmpint (indicator->criteria[0].provenance, ==, ESC_PROVENANCE_OFFICIAL);
  g_assert_cmpstr (esc_framework_get_sha256 (framework), !=, esc_framework_get_sha256 (shipped));

  /* ESC_DATA_DIR points the application at another data folder. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "esc-2568.json", NULL);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));
  data_dir = g_path_get_dirname (dir);
  g_setenv ("ESC_DATA_DIR", data_dir, TRUE);
  found = esc_framework_find_default_path ();
  g_assert_cmpstr (found, ==, path);
  by_env = esc_framework_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpint (esc_framework_get_fiscal_year (by_env), ==, 2569);
  if (old_env != NULL)
    g_setenv ("ESC_DATA_DIR", old_env, TRUE);
  else
    g_unsetenv ("ESC_DATA_DIR");

  json_node_unref (tree);
}

/* Malformed frameworks: one test per kind */

static void
test_invalid_not_json (void)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = NULL;
  g_autofree char         *deep = NULL;
  g_autofree char         *brackets = g_strnfill (1000, '[');

  framework = esc_framework_new_from_data ("{\"format\": 1,,", -1, "broken.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "broken.json: "));
  g_clear_error (&error);

  framework = esc_framework_new_from_data ("", 0, "empty.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "empty.json: "));
  g_clear_error (&error);

  framework = esc_framework_new_from_data ("\xff\xfe{}", 4, "binary.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "binary.json: "));
  g_clear_error (&error);

  /* Deep nesting is refused before the recursive parser could exhaust the stack. */
  deep = g_strnfill (200000, '[');
  framework = esc_framework_new_from_data (deep, -1, "deep.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "deep.json: "));
  g_clear_error (&error);

  /* json-glib would keep the last of two top-level values. */
  framework = esc_framework_new_from_data ("{}{}", -1, "two.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "two.json: "));
  g_clear_error (&error);

  framework = esc_framework_new_from_data ("{\"a\": \"}{\"} \n\t", -1, "space.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_INVALID);
  g_clear_error (&error);

  /* Brackets inside strings do not count. */
  g_clear_pointer (&deep, g_free);
  deep = g_strdup_printf ("{\"format\": \"%s\\\"\"}", brackets);
  framework = esc_framework_new_from_data (deep, -1, "strings.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "strings.json: $.format: "));
}

static void
test_invalid_not_object (void)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = NULL;

  framework = esc_framework_new_from_data ("[1, 2]", -1, "broken.json", &error);
  g_assert_null (framework);
  g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "broken.json: $: "));
}

static void
test_invalid_missing_file (void)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (EscFramework) framework = NULL;

  framework = esc_framework_new_from_file ("/nonexistent/esc-2599.json", &error);
  g_assert_null (framework);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_invalid_format (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_int_member (root_object (tree), "format", 2);
  assert_invalid (tree, "$.format", "format 1");
}

static void
test_invalid_missing_key (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_remove_member (indicator_object (tree, 0), "name");
  assert_invalid (tree, "$.indicators[0].name", "missing");
}

static void
test_invalid_missing_part_key (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_remove_member (array_object (scoring_object (tree, 1), "parts", 1), "max_points");
  assert_invalid (tree, "$.indicators[1].scoring.parts[1].max_points", "missing");
}

static void
test_invalid_wrong_type (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (root_object (tree), "fiscal_year", "2570");
  assert_invalid (tree, "$.fiscal_year", "a string");
}

static void
test_invalid_fiscal_year (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_int_member (root_object (tree), "fiscal_year", 2025);
  assert_invalid (tree, "$.fiscal_year", "2568");
}

static void
test_invalid_text (void)
{
  JsonNode   *tree = minimal_tree ();
  JsonObject *name = json_object_get_object_member (indicator_object (tree, 0), "name");

  json_object_set_string_member (name, "provenance", "guessed");
  assert_invalid (tree, "$.indicators[0].name.provenance", "reconstructed");
}

static void
test_invalid_duplicate_code (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (indicator_object (tree, 2), "code", "1");
  assert_invalid (tree, "$.indicators[2].code", "“1”");
}

static void
test_invalid_duplicate_part_code (void)
{
  JsonNode *tree = minimal_tree ();

  /* Indicator 3 takes the code of part 2.b. */
  json_object_set_string_member (indicator_object (tree, 2), "code", "2.b");
  assert_invalid (tree, "$.indicators[2].code", "“2.b”");
}

static void
test_invalid_part_code (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (array_object (scoring_object (tree, 1), "parts", 1), "code", "9.b");
  assert_invalid (tree, "$.indicators[1].scoring.parts[1].code", "“2.…”");
}

static void
test_invalid_duplicate_component (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (array_object (root_object (tree), "components", 1), "id", "A");
  assert_invalid (tree, "$.components[1].id", "“A”");
}

static void
test_invalid_empty_component (void)
{
  JsonNode   *tree = minimal_tree ();
  JsonArray  *components = json_object_get_array_member (root_object (tree), "components");
  JsonObject *extra = json_object_new ();
  JsonObject *name = json_object_new ();

  json_object_set_string_member (name, "th", "องค์ประกอบซี");
  json_object_set_string_member (name, "provenance", "reconstructed");
  json_object_set_string_member (extra, "id", "C");
  json_object_set_object_member (extra, "name", name);
  json_object_set_int_member (extra, "weight_percent", 20);
  json_array_add_object_element (components, extra);
  json_object_set_int_member (array_object (root_object (tree), "components", 1), "weight_percent", 20);
  assert_invalid (tree, "$.components[2]", "no indicator");
}

static void
test_invalid_weights (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_double_member (array_object (root_object (tree), "components", 0), "weight_percent", 70);
  assert_invalid (tree, "$.components", "110");
}

static void
test_invalid_dimension_over_max (void)
{
  JsonNode   *tree = minimal_tree ();
  JsonObject *dims = json_object_get_object_member (scoring_object (tree, 0), "dimensions");

  json_object_set_int_member (dims, "process", 40);
  json_object_set_int_member (dims, "outcome", 0);
  assert_invalid (tree, "$.indicators[0].scoring.dimensions.process", "40 is above the indicator maximum 30");
}

/* The same on the shipped file, as a working group would edit it. */
static void
test_invalid_shipped_dimension_over_max (void)
{
  JsonNode   *tree = shipped_tree ();
  JsonObject *dims = json_object_get_object_member (scoring_object (tree, 3), "dimensions");

  json_object_set_int_member (dims, "process", 40);
  json_object_set_int_member (dims, "output", 0);
  json_object_set_int_member (dims, "outcome", 0);
  assert_invalid (tree, "$.indicators[3].scoring.dimensions.process", "40 is above the indicator maximum 30");
}

static void
test_invalid_dimension_sum (void)
{
  JsonNode   *tree = minimal_tree ();
  JsonObject *dims = json_object_get_object_member (scoring_object (tree, 0), "dimensions");

  json_object_set_int_member (dims, "process", 12);
  assert_invalid (tree, "$.indicators[0].scoring.dimensions", "32");
}

static void
test_invalid_unknown_dimension (void)
{
  JsonNode   *tree = minimal_tree ();
  JsonObject *dims = json_object_get_object_member (scoring_object (tree, 0), "dimensions");

  json_object_remove_member (dims, "process");
  json_object_set_int_member (dims, "proces", 10);
  assert_invalid (tree, "$.indicators[0].scoring.dimensions.proces", "“process”");
}

static void
test_invalid_unknown_component (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (indicator_object (tree, 0), "component", "Z");
  assert_invalid (tree, "$.indicators[0].component", "“Z”");
}

static void
test_invalid_unknown_issue (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (indicator_object (tree, 0), "issue", "A.9");
  assert_invalid (tree, "$.indicators[0].issue", "“A.9”");
}

static void
test_invalid_issue_of_other_component (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (indicator_object (tree, 0), "issue", "B.1");
  assert_invalid (tree, "$.indicators[0].issue", "belongs to component “B”");
}

static void
test_invalid_part_component (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (array_object (scoring_object (tree, 1), "parts", 1), "component", "B");
  assert_invalid (tree, "$.indicators[1].scoring.parts[1].component", "“A”");
}

static void
test_invalid_unknown_method (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (scoring_object (tree, 0), "method", "stars");
  assert_invalid (tree, "$.indicators[0].scoring.method", "“stars”");
}

static void
test_invalid_nested_parts (void)
{
  JsonNode   *tree = minimal_tree ();
  JsonObject *part_scoring = json_object_get_object_member (array_object (scoring_object (tree, 1), "parts", 0), "scoring");

  json_object_set_string_member (part_scoring, "method", "parts");
  assert_invalid (tree, "$.indicators[1].scoring.parts[0].scoring.method", "parts of its own");
}

static void
test_invalid_lpa_rule (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (scoring_object (tree, 2), "rule", "logarithmic");
  assert_invalid (tree, "$.indicators[2].scoring.rule", "“proportional”");
}

static void
test_invalid_lpa_band (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_int_member (array_object (scoring_object (tree, 2), "bands", 0), "points", 31);
  assert_invalid (tree, "$.indicators[2].scoring.bands[0].points", "31");
}

/* With "mean" every part has the indicator's maximum (shipped indicator 19). */
static void
test_invalid_part_max (void)
{
  JsonNode   *tree = shipped_tree ();
  JsonObject *part = array_object (scoring_object (tree, 18), "parts", 0);
  JsonObject *dims = json_object_get_object_member (json_object_get_object_member (part, "scoring"), "dimensions");

  json_object_set_int_member (part, "max_points", 20);
  json_object_set_int_member (dims, "outcome", 3);
  assert_invalid (tree, "$.indicators[18].scoring.parts[0].max_points", "mean");
}

/* With "sum" the parts' maxima add up to the indicator's. */
static void
test_invalid_part_sum (void)
{
  JsonNode   *tree = minimal_tree ();
  JsonObject *part = array_object (scoring_object (tree, 1), "parts", 1);
  JsonObject *dims = json_object_get_object_member (json_object_get_object_member (part, "scoring"), "dimensions");

  json_object_set_int_member (part, "max_points", 6);
  json_object_set_int_member (dims, "process", 6);
  assert_invalid (tree, "$.indicators[1].scoring.parts", "21");
}

static void
test_invalid_pass_mark (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_int_member (array_object (root_object (tree), "lao_types", 0), "pass_mark_percent", 170);
  assert_invalid (tree, "$.lao_types[0].pass_mark_percent", "170");
}

static void
test_invalid_lao_type_name (void)
{
  JsonNode *tree = minimal_tree ();

  json_object_set_string_member (array_object (root_object (tree), "lao_types", 1), "abbr", "อบต");
  assert_invalid (tree, "$.lao_types[1].abbr", "“sao”");
}

/* A small hand-written file exercising what the shipped one does not use:
 * parts that add up, LPA bands, two dimensions, optional keys left out. */
static void
test_minimal (void)
{
  g_autofree char         *path = minimal_path ();
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GError)       error = NULL;
  const EscIndicator      *plain;
  const EscIndicator      *indicator;
  const EscIndicator      *lpa;
  const EscLaoType        *type;
  double                   points[] = { 12, 4 };

  framework = esc_framework_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (esc_framework_get_fiscal_year (framework), ==, 2570);
  g_assert_null (esc_framework_get_note (framework));
  g_assert_nonnull (esc_framework_get_sources (framework));
  g_assert_null (esc_framework_get_sources (framework)[0]);
  g_assert_cmpuint (esc_framework_get_n_dimensions (framework), ==, 2);
  g_assert_cmpuint (esc_framework_get_n_components (framework), ==, 2);
  g_assert_cmpfloat (esc_framework_get_component (framework, 0)->weight_percent, ==, 60);
  g_assert_cmpuint (esc_framework_get_component (framework, 0)->n_indicators, ==, 2);
  g_assert_cmpuint (esc_framework_get_n_indicators (framework), ==, 3);
  g_assert_cmpuint (esc_framework_get_n_items (framework), ==, 4);
  g_assert_cmpuint (esc_framework_get_n_ratings (framework), ==, 0);

  /* English falls back to Thai when left out. */
  g_assert_cmpstr (esc_text_get (esc_framework_get_title (framework), FALSE), ==,
                   "กรอบการประเมินขนาดเล็กสำหรับทดสอบ");

  plain = esc_framework_lookup_indicator (framework, "1");
  g_assert_cmpuint (plain->n_dimensions, ==, 2);
  g_assert_cmpfloat (plain->dimensions[1].max, ==, 20);
  g_assert_cmpint (plain->criteria[0].provenance, ==, ESC_PROVENANCE_OFFICIAL);
  g_assert_cmpint (plain->evidence[0].provenance, ==, ESC_PROVENANCE_SECONDARY);

  indicator = esc_framework_lookup_indicator (framework, "2");
  g_assert_cmpint (indicator->combine, ==, ESC_COMBINE_SUM);
  g_assert_cmpfloat (esc_indicator_combine_parts (indicator, points), ==, 16);
  g_assert_cmpstr (esc_framework_get_item (framework, 0)->code, ==, "1");
  g_assert_cmpstr (esc_framework_get_item (framework, 1)->code, ==, "2.a");
  g_assert_cmpstr (esc_framework_get_item (framework, 2)->code, ==, "2.b");
  g_assert_cmpstr (esc_framework_get_item (framework, 3)->code, ==, "3");
  g_assert_cmpuint (esc_framework_get_item (framework, 2)->position, ==, 1);
  g_assert_cmpuint (esc_framework_get_item (framework, 3)->position, ==, 2);

  /* Dimensions come in the declared order, whatever the order in the indicator. */
  g_assert_cmpuint (indicator->parts[0]->n_dimensions, ==, 2);
  g_assert_cmpstr (indicator->parts[0]->dimensions[0].id, ==, "process");
  g_assert_cmpfloat (indicator->parts[0]->dimensions[0].max, ==, 5);
  g_assert_cmpstr (indicator->parts[0]->dimensions[1].id, ==, "outcome");
  g_assert_cmpuint (indicator->parts[1]->n_dimensions, ==, 1);
  g_assert_cmpint (esc_indicator_find_dimension (indicator->parts[1], "outcome"), ==, -1);
  g_assert_cmpstr (indicator->parts[1]->issue_id, ==, "A.2");

  lpa = esc_framework_lookup_indicator (framework, "3");
  g_assert_cmpint (lpa->lpa_rule, ==, ESC_LPA_RULE_BANDS);
  g_assert_cmpfloat (esc_indicator_lpa_points (lpa, 0), ==, 2);
  g_assert_cmpfloat (esc_indicator_lpa_points (lpa, 79.99), ==, 6);
  g_assert_cmpfloat (esc_indicator_lpa_points (lpa, 80), ==, 10);

  type = esc_framework_lookup_lao_type (framework, "อบต");
  g_assert_nonnull (type);
  g_assert_cmpfloat (type->pass_mark_percent, ==, 55.5);
  type = esc_framework_lookup_lao_type (framework, "นคร");
  g_assert_nonnull (type);
  g_assert_cmpstr (type->id, ==, "city");
  g_assert_cmpfloat (type->pass_mark_percent, <, 0);
  g_assert_null (esc_framework_lookup_lao_type (framework, "ทต."));
}

/* Messages are translated: a Thai user reads what is wrong in Thai, with the
 * same file name and JSON path. */
static void
test_invalid_thai_message (void)
{
  g_autofree char *mo = g_build_filename (g_getenv ("ESC_BUILD_DIR") != NULL ? g_getenv ("ESC_BUILD_DIR") : ".",
                                          "po", "th", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the Thai catalogue is not built");
      return;
    }

  if (g_test_subprocess ())
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("ESC_BUILD_DIR"), "po", NULL);
      JsonNode        *tree = minimal_tree ();

      g_setenv ("LANGUAGE", "th", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      json_object_set_double_member (array_object (root_object (tree), "components", 0), "weight_percent", 70);
      assert_invalid (tree, "$.components", "น้ำหนักรวมกันได้ร้อยละ 110");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static JsonNode *
replacement_node (guint kind)
{
  JsonNode *node;

  switch (kind)
    {
    case 0:
      return json_node_new (JSON_NODE_NULL);
    case 1:
      return json_node_init_int (json_node_alloc (), -7);
    case 2:
      return json_node_init_string (json_node_alloc (), "");
    case 3:
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_new ());
      return node;
    default:
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      return node;
    }
}

/* Replaces the target-th node (depth first, root excluded) with a value of
 * another kind. json-glib 1.6 cannot change a node's type in place, so the
 * parent's member or array is replaced instead. */
static gboolean
mutate_nth (JsonNode *node,
            guint    *counter,
            guint     target,
            guint     kind)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject       *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          if ((*counter)++ == target)
            {
              json_object_set_member (object, l->data, replacement_node (kind));
              return TRUE;
            }
          if (mutate_nth (json_object_get_member (object, l->data), counter, target, kind))
            return TRUE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint      n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          if ((*counter)++ == target)
            {
              JsonArray *copy = json_array_sized_new (n);

              for (guint j = 0; j < n; j++)
                json_array_add_element (copy, j == i ? replacement_node (kind) : json_node_copy (json_array_get_element (array, j)));
              json_node_take_array (node, copy);
              return TRUE;
            }
          if (mutate_nth (json_array_get_element (array, i), counter, target, kind))
            return TRUE;
        }
    }
  return FALSE;
}

/* Every node of a framework replaced by null, a number, an empty string, an
 * empty array or an empty object: the loader never crashes, and refuses the
 * file with a message naming the file and a JSON path, or loads it. */
static void
test_invalid_every_node (void)
{
  g_autofree char *path = minimal_path ();
  guint            n_nodes = 0;
  guint            n_tried = 0;
  guint            n_rejected = 0;

  {
    g_autoptr (JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_file (parser, path, NULL));
    mutate_nth (json_parser_get_root (parser), &n_nodes, G_MAXUINT, 0);
  }
  g_assert_cmpuint (n_nodes, >, 100);

  for (guint target = 0; target < n_nodes; target++)
    for (guint kind = 0; kind < 5; kind++)
      {
#ifdef __SANITIZE_ADDRESS__
        /* Instrumented allocations are slow: a third of the nodes, one kind
         * each, rotating; the plain build tries them all. */
        if (target % 3 != 0 || kind != (target / 3) % 5)
          continue;
#endif
        g_autoptr (JsonParser)   parser = json_parser_new ();
        g_autoptr (EscFramework) framework = NULL;
        g_autoptr (GError)       error = NULL;
        guint                    counter = 0;

        g_assert_true (json_parser_load_from_file (parser, path, NULL));
        g_assert_true (mutate_nth (json_parser_get_root (parser), &counter, target, kind));
        n_tried++;
        framework = load_tree (json_parser_get_root (parser), "m.json", &error);
        if (framework != NULL)
          continue;

        g_assert_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_INVALID);
        if (!g_str_has_prefix (error->message, "m.json: $"))
          g_error ("“%s” names no file and path", error->message);
        n_rejected++;
      }
  g_test_message ("%u nodes, %u of %u mutations rejected", n_nodes, n_rejected, n_tried);
  g_assert_cmpuint (n_rejected, >, n_tried * 3 / 5);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/framework/shipped/counts", test_shipped_counts);
  g_test_add_func ("/core/framework/shipped/indicators", test_shipped_indicators);
  g_test_add_func ("/core/framework/shipped/items", test_shipped_items);
  g_test_add_func ("/core/framework/shipped/parts", test_shipped_parts);
  g_test_add_func ("/core/framework/shipped/lao-types", test_lao_types);
  g_test_add_func ("/core/framework/shipped/source-bytes", test_source_bytes);
  g_test_add_func ("/core/framework/shipped/texts", test_texts);
  g_test_add_func ("/core/framework/default", test_default);
  g_test_add_func ("/core/framework/lpa/proportional", test_lpa_points);
  g_test_add_func ("/core/framework/lpa/bands", test_lpa_bands);
  g_test_add_func ("/core/framework/next-year", test_next_year);
  g_test_add_func ("/core/framework/minimal", test_minimal);

  g_test_add_func ("/core/framework/invalid/not-json", test_invalid_not_json);
  g_test_add_func ("/core/framework/invalid/not-object", test_invalid_not_object);
  g_test_add_func ("/core/framework/invalid/missing-file", test_invalid_missing_file);
  g_test_add_func ("/core/framework/invalid/format", test_invalid_format);
  g_test_add_func ("/core/framework/invalid/missing-key", test_invalid_missing_key);
  g_test_add_func ("/core/framework/invalid/missing-part-key", test_invalid_missing_part_key);
  g_test_add_func ("/core/framework/invalid/wrong-type", test_invalid_wrong_type);
  g_test_add_func ("/core/framework/invalid/fiscal-year", test_invalid_fiscal_year);
  g_test_add_func ("/core/framework/invalid/provenance", test_invalid_text);
  g_test_add_func ("/core/framework/invalid/duplicate-code", test_invalid_duplicate_code);
  g_test_add_func ("/core/framework/invalid/duplicate-part-code", test_invalid_duplicate_part_code);
  g_test_add_func ("/core/framework/invalid/part-code", test_invalid_part_code);
  g_test_add_func ("/core/framework/invalid/duplicate-component", test_invalid_duplicate_component);
  g_test_add_func ("/core/framework/invalid/empty-component", test_invalid_empty_component);
  g_test_add_func ("/core/framework/invalid/weights", test_invalid_weights);
  g_test_add_func ("/core/framework/invalid/dimension-over-max", test_invalid_dimension_over_max);
  g_test_add_func ("/core/framework/invalid/shipped-dimension-over-max", test_invalid_shipped_dimension_over_max);
  g_test_add_func ("/core/framework/invalid/dimension-sum", test_invalid_dimension_sum);
  g_test_add_func ("/core/framework/invalid/unknown-dimension", test_invalid_unknown_dimension);
  g_test_add_func ("/core/framework/invalid/unknown-component", test_invalid_unknown_component);
  g_test_add_func ("/core/framework/invalid/unknown-issue", test_invalid_unknown_issue);
  g_test_add_func ("/core/framework/invalid/issue-of-other-component", test_invalid_issue_of_other_component);
  g_test_add_func ("/core/framework/invalid/part-component", test_invalid_part_component);
  g_test_add_func ("/core/framework/invalid/unknown-method", test_invalid_unknown_method);
  g_test_add_func ("/core/framework/invalid/nested-parts", test_invalid_nested_parts);
  g_test_add_func ("/core/framework/invalid/lpa-rule", test_invalid_lpa_rule);
  g_test_add_func ("/core/framework/invalid/lpa-band", test_invalid_lpa_band);
  g_test_add_func ("/core/framework/invalid/part-max", test_invalid_part_max);
  g_test_add_func ("/core/framework/invalid/part-sum", test_invalid_part_sum);
  g_test_add_func ("/core/framework/invalid/pass-mark", test_invalid_pass_mark);
  g_test_add_func ("/core/framework/invalid/lao-type-name", test_invalid_lao_type_name);
  g_test_add_func ("/core/framework/invalid/thai-message", test_invalid_thai_message);
  g_test_add_func ("/core/framework/invalid/every-node", test_invalid_every_node);

  status = g_test_run ();
  if (shipped_cache != NULL)
    g_assert_finalize_object (shipped_cache);
  return status;
}
