/* esc-framework.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "esc-framework.h"

#define DEFAULT_FRAMEWORK "esc-2568.json"
#define SUPPORTED_FORMAT 1
#define EPSILON 1e-9
#define WEIGHT_TOLERANCE 0.01
#define MAX_DEPTH 64                /* the shipped file nests 8 deep */
#define MAX_SIZE (32 * 1024 * 1024) /* the shipped file is about 100 kB */

struct _EscFramework
{
  GObject     parent_instance;

  char       *display_name;
  char       *id;
  int         fiscal_year;
  EscText     title;
  EscText     note;
  gboolean    has_note;
  GStrv       sources;
  GBytes     *source;
  char       *sha256;

  GPtrArray  *dimensions; /* EscDimension *, the declared dimensions */
  GPtrArray  *components; /* EscComponent * */
  GPtrArray  *issues;     /* EscIssue * */
  GPtrArray  *indicators; /* EscIndicator *, top level, owned */
  GPtrArray  *items;      /* EscIndicator *, borrowed */
  GPtrArray  *lao_types;  /* EscLaoType * */
  GPtrArray  *ratings;    /* EscRating * */

  GHashTable *indicator_by_code; /* code → EscIndicator *, borrowed */
  GHashTable *lao_type_by_key;   /* folded name → EscLaoType *, borrowed */
};

G_DEFINE_FINAL_TYPE (EscFramework, esc_framework, G_TYPE_OBJECT)

G_DEFINE_QUARK (esc - framework - error - quark, esc_framework_error)

/* Freeing */

static void
text_clear (EscText *text)
{
  g_clear_pointer (&text->th, g_free);
  g_clear_pointer (&text->en, g_free);
}

static void
dimension_free (EscDimension *dimension)
{
  g_free (dimension->id);
  text_clear (&dimension->name);
  g_free (dimension);
}

static void
texts_free (EscText *texts,
            guint    n_texts)
{
  for (guint i = 0; i < n_texts; i++)
    text_clear (&texts[i]);
  g_free (texts);
}

static void
indicator_free (EscIndicator *indicator)
{
  if (indicator == NULL)
    return;

  g_free (indicator->code);
  g_free (indicator->component_id);
  g_free (indicator->issue_id);
  text_clear (&indicator->name);

  for (guint i = 0; i < indicator->n_dimensions; i++)
    {
      g_free (indicator->dimensions[i].id);
      text_clear (&indicator->dimensions[i].name);
    }
  g_free (indicator->dimensions);

  text_clear (&indicator->lpa_source);
  g_free (indicator->lpa_bands);

  for (guint i = 0; i < indicator->n_parts; i++)
    indicator_free (indicator->parts[i]);
  g_free (indicator->parts);

  texts_free (indicator->criteria, indicator->n_criteria);
  texts_free (indicator->evidence, indicator->n_evidence);
  g_free (indicator);
}

static void
component_free (EscComponent *component)
{
  g_free (component->id);
  text_clear (&component->name);
  g_free (component->indicators);
  g_free (component);
}

static void
issue_free (EscIssue *issue)
{
  g_free (issue->id);
  g_free (issue->component_id);
  text_clear (&issue->name);
  g_free (issue);
}

static void
lao_type_free (EscLaoType *type)
{
  g_free (type->id);
  g_free (type->abbr);
  text_clear (&type->name);
  g_free (type);
}

static void
rating_free (EscRating *rating)
{
  g_free (rating->id);
  text_clear (&rating->name);
  g_free (rating);
}

static void
esc_framework_finalize (GObject *object)
{
  EscFramework *self = ESC_FRAMEWORK (object);

  g_free (self->display_name);
  g_free (self->id);
  text_clear (&self->title);
  text_clear (&self->note);
  g_strfreev (self->sources);
  g_clear_pointer (&self->source, g_bytes_unref);
  g_free (self->sha256);

  g_clear_pointer (&self->indicator_by_code, g_hash_table_unref);
  g_clear_pointer (&self->lao_type_by_key, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->components, g_ptr_array_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->dimensions, g_ptr_array_unref);
  g_clear_pointer (&self->lao_types, g_ptr_array_unref);
  g_clear_pointer (&self->ratings, g_ptr_array_unref);

  G_OBJECT_CLASS (esc_framework_parent_class)->finalize (object);
}

static void
esc_framework_class_init (EscFrameworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = esc_framework_finalize;
}

static void
esc_framework_init (EscFramework *self)
{
  self->dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify) dimension_free);
  self->components = g_ptr_array_new_with_free_func ((GDestroyNotify) component_free);
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  self->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_free);
  self->items = g_ptr_array_new ();
  self->lao_types = g_ptr_array_new_with_free_func ((GDestroyNotify) lao_type_free);
  self->ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rating_free);
  self->indicator_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->lao_type_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Loading: every failure names the file, the JSON path and what was expected. */

typedef struct
{
  EscFramework *fw;
  const char   *file;
  GError      **error;
} Loader;

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Loader     *ld,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list          args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (ld->error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_INVALID,
               "%s: %s: %s", ld->file, path, detail);
  return FALSE;
}

static char *
path_key (const char *path,
          const char *key)
{
  return g_strdup_printf ("%s.%s", path, key);
}

static char *
path_index (const char *path,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _ ("an object");
    case JSON_NODE_ARRAY:
      return _ ("an array");
    case JSON_NODE_NULL:
      return _ ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _ ("a string");
    case G_TYPE_BOOLEAN:
      return _ ("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _ ("a number");
    default:
      return _ ("an unknown value");
    }
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* Finds a member; when it is missing and required, fails naming what was expected. */
static gboolean
get_member (Loader     *ld,
            JsonObject *object,
            const char *path,
            const char *key,
            gboolean    required,
            const char *expected,
            JsonNode  **out)
{
  *out = json_object_get_member (object, key);
  if (*out == NULL && required)
    {
      g_autofree char *p = path_key (path, key);
      return fail (ld, p, _ ("this required key is missing; expected %s"), expected);
    }
  return TRUE;
}

static gboolean
wrong_type (Loader     *ld,
            const char *path,
            const char *key,
            JsonNode   *node,
            const char *expected)
{
  g_autofree char *p = key != NULL ? path_key (path, key) : g_strdup (path);
  return fail (ld, p, _ ("found %s; expected %s"), describe_node (node), expected);
}

static gboolean
get_string (Loader      *ld,
            JsonObject  *object,
            const char  *path,
            const char  *key,
            gboolean     required,
            const char **out)
{
  const char *expected = _ ("a non-empty string");
  JsonNode   *node;

  *out = NULL;
  if (!get_member (ld, object, path, key, required, expected, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return wrong_type (ld, path, key, node, expected);

  *out = json_node_get_string (node);
  return TRUE;
}

/* A number; with nullable, JSON null gives -1. */
static gboolean
get_number (Loader     *ld,
            JsonObject *object,
            const char *path,
            const char *key,
            gboolean    nullable,
            double     *out)
{
  const char *expected = nullable ? _ ("a number or null") : _ ("a number");
  JsonNode   *node;

  if (!get_member (ld, object, path, key, TRUE, expected, &node))
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = -1;
      return TRUE;
    }
  if (!node_is_number (node))
    return wrong_type (ld, path, key, node, expected);

  *out = json_node_get_double (node);
  if (!isfinite (*out))
    return wrong_type (ld, path, key, node, expected);
  return TRUE;
}

static gboolean
get_integer (Loader     *ld,
             JsonObject *object,
             const char *path,
             const char *key,
             gint64     *out)
{
  const char *expected = _ ("a whole number");
  JsonNode   *node;
  double      value;

  if (!get_member (ld, object, path, key, TRUE, expected, &node))
    return FALSE;
  if (!node_is_number (node))
    return wrong_type (ld, path, key, node, expected);

  value = json_node_get_double (node);
  if (!isfinite (value) || value != floor (value) || fabs (value) > 1e15)
    {
      g_autofree char *p = path_key (path, key);
      return fail (ld, p, _ ("%g is not a whole number"), value);
    }
  *out = (gint64) value;
  return TRUE;
}

static gboolean
get_array (Loader     *ld,
           JsonObject *object,
           const char *path,
           const char *key,
           gboolean    required,
           JsonArray **out)
{
  const char *expected = _ ("an array");
  JsonNode   *node;

  *out = NULL;
  if (!get_member (ld, object, path, key, required, expected, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (ld, path, key, node, expected);

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_object (Loader      *ld,
            JsonObject  *object,
            const char  *path,
            const char  *key,
            JsonObject **out)
{
  const char *expected = _ ("an object");
  JsonNode   *node;

  *out = NULL;
  if (!get_member (ld, object, path, key, TRUE, expected, &node))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (ld, path, key, node, expected);

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
node_object (Loader      *ld,
             JsonNode    *node,
             const char  *path,
             JsonObject **out)
{
  *out = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (ld, path, NULL, node, _ ("an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
parse_provenance (const char    *text,
                  EscProvenance *out)
{
  if (g_strcmp0 (text, "official") == 0)
    *out = ESC_PROVENANCE_OFFICIAL;
  else if (g_strcmp0 (text, "secondary") == 0)
    *out = ESC_PROVENANCE_SECONDARY;
  else if (g_strcmp0 (text, "reconstructed") == 0)
    *out = ESC_PROVENANCE_RECONSTRUCTED;
  else
    return FALSE;
  return TRUE;
}

/* A text object: {"th", "en", "provenance"} */
static gboolean
parse_text_node (Loader     *ld,
                 JsonNode   *node,
                 const char *path,
                 EscText    *out)
{
  JsonObject *object;
  JsonNode   *en_node;
  const char *th;
  const char *provenance;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (ld, path, NULL, node,
                       _ ("a text object {\"th\", \"en\", \"provenance\"}"));
  object = json_node_get_object (node);

  if (!get_string (ld, object, path, "th", TRUE, &th))
    return FALSE;

  en_node = json_object_get_member (object, "en");
  if (en_node != NULL && !JSON_NODE_HOLDS_NULL (en_node) &&
      (!JSON_NODE_HOLDS_VALUE (en_node) || json_node_get_value_type (en_node) != G_TYPE_STRING))
    return wrong_type (ld, path, "en", en_node, _ ("a string"));

  if (!get_string (ld, object, path, "provenance", TRUE, &provenance))
    return FALSE;
  if (!parse_provenance (provenance, &out->provenance))
    {
      g_autofree char *p = path_key (path, "provenance");
      return fail (ld, p, _ ("unknown provenance “%s”; expected “official”, “secondary” or “reconstructed”"),
                   provenance);
    }

  out->th = g_strdup (th);
  out->en = g_strdup (en_node != NULL && JSON_NODE_HOLDS_VALUE (en_node) ? json_node_get_string (en_node) : "");
  return TRUE;
}

static gboolean
parse_text (Loader     *ld,
            JsonObject *object,
            const char *path,
            const char *key,
            EscText    *out)
{
  g_autofree char *p = path_key (path, key);
  JsonNode        *node;

  if (!get_member (ld, object, path, key, TRUE,
                   _ ("a text object {\"th\", \"en\", \"provenance\"}"), &node))
    return FALSE;
  return parse_text_node (ld, node, p, out);
}

static gboolean
parse_text_list (Loader     *ld,
                 JsonObject *object,
                 const char *path,
                 const char *key,
                 EscText   **out,
                 guint      *n_out)
{
  g_autofree char *p = path_key (path, key);
  JsonArray       *array;
  guint            n;

  if (!get_array (ld, object, path, key, TRUE, &array))
    return FALSE;

  n = json_array_get_length (array);
  *out = g_new0 (EscText, MAX (n, 1));
  *n_out = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = path_index (p, i);

      if (!parse_text_node (ld, json_array_get_element (array, i), item_path, &(*out)[i]))
        return FALSE;
      *n_out = i + 1;
    }
  return TRUE;
}

static EscDimension *
lookup_declared_dimension (EscFramework *self,
                           const char   *id)
{
  for (guint i = 0; i < self->dimensions->len; i++)
    {
      EscDimension *dimension = g_ptr_array_index (self->dimensions, i);

      if (g_strcmp0 (dimension->id, id) == 0)
        return dimension;
    }
  return NULL;
}

static char *
join_ids (GPtrArray *array,
          gsize      id_offset)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < array->len; i++)
    {
      const char *id = G_STRUCT_MEMBER (char *, g_ptr_array_index (array, i), id_offset);

      if (i > 0)
        g_string_append (ids, ", ");
      g_string_append_printf (ids, "“%s”", id);
    }
  return g_string_free (ids, FALSE);
}

static gboolean
parse_dimension_scoring (Loader       *ld,
                         JsonObject   *scoring,
                         const char   *path,
                         EscIndicator *indicator)
{
  g_autofree char  *dims_path = path_key (path, "dimensions");
  g_autoptr (GList) members = NULL;
  JsonObject       *dims;
  double            sum = 0;
  guint             n = 0;

  if (!get_object (ld, scoring, path, "dimensions", &dims))
    return FALSE;

  members = json_object_get_members (dims);
  if (members == NULL)
    {
      g_autofree char *ids = join_ids (ld->fw->dimensions, G_STRUCT_OFFSET (EscDimension, id));
      return fail (ld, dims_path, _ ("no dimension is given; expected at least one of %s"), ids);
    }

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char      *id = l->data;
      g_autofree char *p = path_key (dims_path, id);
      JsonNode        *node = json_object_get_member (dims, id);
      double           max;

      if (lookup_declared_dimension (ld->fw, id) == NULL)
        {
          g_autofree char *ids = join_ids (ld->fw->dimensions, G_STRUCT_OFFSET (EscDimension, id));
          return fail (ld, p, _ ("unknown dimension “%s”; the framework declares %s"), id, ids);
        }
      if (!node_is_number (node))
        return wrong_type (ld, p, NULL, node, _ ("a number"));

      max = json_node_get_double (node);
      if (!isfinite (max) || max < 0)
        return fail (ld, p, _ ("%g is not a valid maximum; expected a number of at least 0"), max);
      if (max > indicator->max_points + EPSILON)
        return fail (ld, p, _ ("%g is above the indicator maximum %g"), max, indicator->max_points);
      sum += max;
    }

  if (fabs (sum - indicator->max_points) > EPSILON)
    return fail (ld, dims_path, _ ("the dimension maxima add up to %g; expected the indicator maximum %g"),
                 sum, indicator->max_points);

  /* Keep the declared order of the dimensions. */
  indicator->dimensions = g_new0 (EscDimension, ld->fw->dimensions->len);
  for (guint i = 0; i < ld->fw->dimensions->len; i++)
    {
      EscDimension *declared = g_ptr_array_index (ld->fw->dimensions, i);
      JsonNode     *node = json_object_get_member (dims, declared->id);
      EscDimension *dimension;

      if (node == NULL)
        continue;

      dimension = &indicator->dimensions[n++];
      dimension->id = g_strdup (declared->id);
      dimension->name.th = g_strdup (declared->name.th);
      dimension->name.en = g_strdup (declared->name.en);
      dimension->name.provenance = declared->name.provenance;
      dimension->max = json_node_get_double (node);
      indicator->n_dimensions = n;
    }
  return TRUE;
}

static gboolean
parse_lpa_scoring (Loader       *ld,
                   JsonObject   *scoring,
                   const char   *path,
                   EscIndicator *indicator)
{
  g_autofree char *bands_path = path_key (path, "bands");
  const char      *rule = NULL;
  JsonArray       *bands;
  guint            n;

  if (!parse_text (ld, scoring, path, "source", &indicator->lpa_source))
    return FALSE;
  if (!get_string (ld, scoring, path, "rule", FALSE, &rule))
    return FALSE;

  if (rule == NULL || g_strcmp0 (rule, "proportional") == 0)
    {
      indicator->lpa_rule = ESC_LPA_RULE_PROPORTIONAL;
      return TRUE;
    }
  if (g_strcmp0 (rule, "bands") != 0)
    {
      g_autofree char *p = path_key (path, "rule");
      return fail (ld, p, _ ("unknown LPA rule “%s”; expected “proportional” or “bands”"), rule);
    }

  indicator->lpa_rule = ESC_LPA_RULE_BANDS;
  if (!get_array (ld, scoring, path, "bands", TRUE, &bands))
    return FALSE;
  n = json_array_get_length (bands);
  if (n == 0)
    return fail (ld, bands_path, _ ("no band is given; expected at least one {\"min_percent\", \"points\"}"));

  indicator->lpa_bands = g_new0 (EscLpaBand, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index (bands_path, i);
      EscLpaBand      *band = &indicator->lpa_bands[i];
      JsonObject      *object;

      if (!node_object (ld, json_array_get_element (bands, i), p, &object) ||
          !get_number (ld, object, p, "min_percent", FALSE, &band->min_percent) ||
          !get_number (ld, object, p, "points", FALSE, &band->points))
        return FALSE;

      if (band->min_percent < 0 || band->min_percent > 100)
        {
          g_autofree char *pp = path_key (p, "min_percent");
          return fail (ld, pp, _ ("%g is outside 0–100; expected a percentage"), band->min_percent);
        }
      if (band->points < 0 || band->points > indicator->max_points + EPSILON)
        {
          g_autofree char *pp = path_key (p, "points");
          return fail (ld, pp, _ ("%g is outside 0–%g; expected points within the indicator maximum"),
                       band->points, indicator->max_points);
        }
      indicator->n_lpa_bands = i + 1;
    }
  return TRUE;
}

static EscIndicator *parse_indicator (Loader       *ld,
                                      JsonNode     *node,
                                      const char   *path,
                                      EscIndicator *parent);

static gboolean
parse_parts_scoring (Loader       *ld,
                     JsonObject   *scoring,
                     const char   *path,
                     EscIndicator *indicator)
{
  g_autofree char *parts_path = path_key (path, "parts");
  const char      *combine;
  JsonArray       *parts;
  double           sum = 0;
  guint            n;

  if (indicator->parent != NULL)
    {
      g_autofree char *p = path_key (path, "method");
      return fail (ld, p, _ ("a part cannot have parts of its own; expected “dimensions” or “lpa”"));
    }

  if (!get_string (ld, scoring, path, "combine", TRUE, &combine))
    return FALSE;
  if (g_strcmp0 (combine, "mean") == 0)
    indicator->combine = ESC_COMBINE_MEAN;
  else if (g_strcmp0 (combine, "sum") == 0)
    indicator->combine = ESC_COMBINE_SUM;
  else
    {
      g_autofree char *p = path_key (path, "combine");
      return fail (ld, p, _ ("unknown way to combine parts “%s”; expected “mean” or “sum”"), combine);
    }

  if (!get_array (ld, scoring, path, "parts", TRUE, &parts))
    return FALSE;
  n = json_array_get_length (parts);
  if (n == 0)
    return fail (ld, parts_path, _ ("no part is given; expected at least one"));

  indicator->parts = g_new0 (EscIndicator *, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index (parts_path, i);
      EscIndicator    *part = parse_indicator (ld, json_array_get_element (parts, i), p, indicator);

      if (part == NULL)
        return FALSE;
      indicator->parts[i] = part;
      indicator->n_parts = i + 1;

      if (indicator->combine == ESC_COMBINE_MEAN &&
          fabs (part->max_points - indicator->max_points) > EPSILON)
        {
          g_autofree char *pp = path_key (p, "max_points");
          return fail (ld, pp, _ ("%g differs from the indicator maximum %g; with “mean” every part has the indicator maximum"),
                       part->max_points, indicator->max_points);
        }
      sum += part->max_points;
    }

  if (indicator->combine == ESC_COMBINE_SUM && fabs (sum - indicator->max_points) > EPSILON)
    return fail (ld, parts_path, _ ("the parts' maxima add up to %g; with “sum” they must add up to the indicator maximum %g"),
                 sum, indicator->max_points);
  return TRUE;
}

static gboolean
parse_indicator_fields (Loader       *ld,
                        JsonObject   *object,
                        const char   *path,
                        EscIndicator *indicator)
{
  EscIndicator    *parent = indicator->parent;
  g_autofree char *scoring_path = path_key (path, "scoring");
  const char      *code;
  const char      *component_id = NULL;
  const char      *issue_id = NULL;
  const char      *method;
  JsonObject      *scoring;

  if (!get_string (ld, object, path, "code", TRUE, &code))
    return FALSE;
  indicator->code = g_strdup (code);

  if (parent != NULL)
    {
      g_autofree char *prefix = g_strconcat (parent->code, ".", NULL);

      if (!g_str_has_prefix (code, prefix) || strlen (code) == strlen (prefix))
        {
          g_autofree char *p = path_key (path, "code");
          return fail (ld, p, _ ("the part code “%s” does not start with its indicator's code; expected “%s…”"),
                       code, prefix);
        }
    }

  if (g_hash_table_contains (ld->fw->indicator_by_code, code))
    {
      g_autofree char *p = path_key (path, "code");
      return fail (ld, p, _ ("the code “%s” is already used by another indicator; expected a unique code"), code);
    }
  g_hash_table_insert (ld->fw->indicator_by_code, indicator->code, indicator);

  /* A part takes its parent's component and issue; it may repeat them. */
  if (!get_string (ld, object, path, "component", parent == NULL, &component_id) ||
      !get_string (ld, object, path, "issue", parent == NULL, &issue_id))
    return FALSE;

  if (parent != NULL)
    {
      if (component_id != NULL && g_strcmp0 (component_id, parent->component_id) != 0)
        {
          g_autofree char *p = path_key (path, "component");
          return fail (ld, p, _ ("a part belongs to its indicator's component “%s”, not “%s”"),
                       parent->component_id, component_id);
        }
      if (issue_id != NULL && g_strcmp0 (issue_id, parent->issue_id) != 0)
        {
          g_autofree char *p = path_key (path, "issue");
          return fail (ld, p, _ ("a part belongs to its indicator's issue “%s”, not “%s”"),
                       parent->issue_id, issue_id);
        }
      indicator->component_id = g_strdup (parent->component_id);
      indicator->issue_id = g_strdup (parent->issue_id);
    }
  else
    {
      const EscIssue *issue;

      if (esc_framework_lookup_component (ld->fw, component_id) == NULL)
        {
          g_autofree char *p = path_key (path, "component");
          g_autofree char *ids = join_ids (ld->fw->components, G_STRUCT_OFFSET (EscComponent, id));
          return fail (ld, p, _ ("unknown component “%s”; expected one of %s"), component_id, ids);
        }

      issue = esc_framework_lookup_issue (ld->fw, issue_id);
      if (issue == NULL)
        {
          g_autofree char *p = path_key (path, "issue");
          return fail (ld, p, _ ("unknown issue “%s”; expected an issue declared in $.issues"), issue_id);
        }
      if (g_strcmp0 (issue->component_id, component_id) != 0)
        {
          g_autofree char *p = path_key (path, "issue");
          return fail (ld, p, _ ("the issue “%s” belongs to component “%s”; expected an issue of component “%s”"),
                       issue_id, issue->component_id, component_id);
        }
      indicator->component_id = g_strdup (component_id);
      indicator->issue_id = g_strdup (issue_id);
    }

  if (!parse_text (ld, object, path, "name", &indicator->name))
    return FALSE;

  if (!get_number (ld, object, path, "max_points", FALSE, &indicator->max_points))
    return FALSE;
  if (indicator->max_points <= 0)
    {
      g_autofree char *p = path_key (path, "max_points");
      return fail (ld, p, _ ("%g is not a valid maximum; expected a number above 0"), indicator->max_points);
    }

  if (!get_object (ld, object, path, "scoring", &scoring) ||
      !get_string (ld, scoring, scoring_path, "method", TRUE, &method))
    return FALSE;

  if (g_strcmp0 (method, "dimensions") == 0)
    {
      indicator->method = ESC_SCORING_DIMENSIONS;
      if (!parse_dimension_scoring (ld, scoring, scoring_path, indicator))
        return FALSE;
    }
  else if (g_strcmp0 (method, "lpa") == 0)
    {
      indicator->method = ESC_SCORING_LPA;
      if (!parse_lpa_scoring (ld, scoring, scoring_path, indicator))
        return FALSE;
    }
  else if (g_strcmp0 (method, "parts") == 0)
    {
      indicator->method = ESC_SCORING_PARTS;
      if (!parse_parts_scoring (ld, scoring, scoring_path, indicator))
        return FALSE;
    }
  else
    {
      g_autofree char *p = path_key (scoring_path, "method");
      return fail (ld, p, _ ("unknown scoring method “%s”; expected “dimensions”, “lpa” or “parts”"), method);
    }

  return parse_text_list (ld, object, path, "criteria", &indicator->criteria, &indicator->n_criteria) &&
         parse_text_list (ld, object, path, "evidence", &indicator->evidence, &indicator->n_evidence);
}

static EscIndicator *
parse_indicator (Loader       *ld,
                 JsonNode     *node,
                 const char   *path,
                 EscIndicator *parent)
{
  EscIndicator *indicator;
  JsonObject   *object;

  if (!node_object (ld, node, path, &object))
    return NULL;

  indicator = g_new0 (EscIndicator, 1);
  indicator->parent = parent;
  indicator->item_index = G_MAXUINT;

  if (!parse_indicator_fields (ld, object, path, indicator))
    {
      /* The framework is thrown away; drop the borrowed pointer all the same. */
      if (indicator->code != NULL &&
          g_hash_table_lookup (ld->fw->indicator_by_code, indicator->code) == indicator)
        g_hash_table_remove (ld->fw->indicator_by_code, indicator->code);
      for (guint i = 0; i < indicator->n_parts; i++)
        g_hash_table_remove (ld->fw->indicator_by_code, indicator->parts[i]->code);
      indicator_free (indicator);
      return NULL;
    }
  return indicator;
}

static gboolean
parse_dimensions (Loader     *ld,
                  JsonObject *root)
{
  JsonArray *array;
  guint      n;

  if (!get_array (ld, root, "$", "dimensions", TRUE, &array))
    return FALSE;
  n = json_array_get_length (array);
  if (n == 0 || n > ESC_MAX_DIMENSIONS)
    return fail (ld, "$.dimensions", _ ("%u dimensions are declared; expected 1 to %u"), n,
                 (guint) ESC_MAX_DIMENSIONS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index ("$.dimensions", i);
      EscDimension    *dimension;
      JsonObject      *object;
      const char      *id;

      if (!node_object (ld, json_array_get_element (array, i), p, &object) ||
          !get_string (ld, object, p, "id", TRUE, &id))
        return FALSE;
      if (lookup_declared_dimension (ld->fw, id) != NULL)
        {
          g_autofree char *pp = path_key (p, "id");
          return fail (ld, pp, _ ("the dimension “%s” is declared twice; expected a unique id"), id);
        }

      dimension = g_new0 (EscDimension, 1);
      dimension->id = g_strdup (id);
      g_ptr_array_add (ld->fw->dimensions, dimension);
      if (!parse_text (ld, object, p, "name", &dimension->name))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_components (Loader     *ld,
                  JsonObject *root)
{
  JsonArray *array;
  double     sum = 0;
  guint      n;

  if (!get_array (ld, root, "$", "components", TRUE, &array))
    return FALSE;
  n = json_array_get_length (array);
  if (n == 0)
    return fail (ld, "$.components", _ ("no component is given; expected at least one"));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index ("$.components", i);
      EscComponent    *component;
      JsonObject      *object;
      const char      *id;

      if (!node_object (ld, json_array_get_element (array, i), p, &object) ||
          !get_string (ld, object, p, "id", TRUE, &id))
        return FALSE;
      if (esc_framework_lookup_component (ld->fw, id) != NULL)
        {
          g_autofree char *pp = path_key (p, "id");
          return fail (ld, pp, _ ("the component id “%s” is used twice; expected a unique id"), id);
        }

      component = g_new0 (EscComponent, 1);
      component->id = g_strdup (id);
      g_ptr_array_add (ld->fw->components, component);

      if (!parse_text (ld, object, p, "name", &component->name) ||
          !get_number (ld, object, p, "weight_percent", FALSE, &component->weight_percent))
        return FALSE;
      if (component->weight_percent <= 0 || component->weight_percent > 100)
        {
          g_autofree char *pp = path_key (p, "weight_percent");
          return fail (ld, pp, _ ("%g is not a valid weight; expected a percentage above 0 and at most 100"),
                       component->weight_percent);
        }
      sum += component->weight_percent;
    }

  if (fabs (sum - 100) > WEIGHT_TOLERANCE)
    return fail (ld, "$.components", _ ("the weights add up to %g %%; expected 100 %%"), sum);
  return TRUE;
}

static gboolean
parse_issues (Loader     *ld,
              JsonObject *root)
{
  JsonArray *array;
  guint      n;

  if (!get_array (ld, root, "$", "issues", TRUE, &array))
    return FALSE;
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index ("$.issues", i);
      EscIssue        *issue;
      JsonObject      *object;
      const char      *id;
      const char      *component_id;

      if (!node_object (ld, json_array_get_element (array, i), p, &object) ||
          !get_string (ld, object, p, "id", TRUE, &id) ||
          !get_string (ld, object, p, "component", TRUE, &component_id))
        return FALSE;
      if (esc_framework_lookup_issue (ld->fw, id) != NULL)
        {
          g_autofree char *pp = path_key (p, "id");
          return fail (ld, pp, _ ("the issue id “%s” is used twice; expected a unique id"), id);
        }
      if (esc_framework_lookup_component (ld->fw, component_id) == NULL)
        {
          g_autofree char *pp = path_key (p, "component");
          g_autofree char *ids = join_ids (ld->fw->components, G_STRUCT_OFFSET (EscComponent, id));
          return fail (ld, pp, _ ("unknown component “%s”; expected one of %s"), component_id, ids);
        }

      issue = g_new0 (EscIssue, 1);
      issue->id = g_strdup (id);
      issue->component_id = g_strdup (component_id);
      g_ptr_array_add (ld->fw->issues, issue);
      if (!parse_text (ld, object, p, "name", &issue->name))
        return FALSE;
    }
  return TRUE;
}

static void
add_item (EscFramework *self,
          EscIndicator *indicator,
          guint         position)
{
  indicator->position = position;
  if (indicator->method == ESC_SCORING_PARTS)
    {
      indicator->item_index = G_MAXUINT;
      for (guint i = 0; i < indicator->n_parts; i++)
        add_item (self, indicator->parts[i], position);
      return;
    }
  indicator->item_index = self->items->len;
  g_ptr_array_add (self->items, indicator);
}

static gboolean
parse_indicators (Loader     *ld,
                  JsonObject *root)
{
  EscFramework *self = ld->fw;
  JsonArray    *array;
  guint         n;

  if (!get_array (ld, root, "$", "indicators", TRUE, &array))
    return FALSE;
  n = json_array_get_length (array);
  if (n == 0)
    return fail (ld, "$.indicators", _ ("no indicator is given; expected at least one"));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index ("$.indicators", i);
      EscIndicator    *indicator = parse_indicator (ld, json_array_get_element (array, i), p, NULL);

      if (indicator == NULL)
        return FALSE;
      g_ptr_array_add (self->indicators, indicator);
      add_item (self, indicator, i);
    }

  for (guint c = 0; c < self->components->len; c++)
    {
      EscComponent *component = g_ptr_array_index (self->components, c);

      component->indicators = g_new0 (EscIndicator *, self->indicators->len);
      for (guint i = 0; i < self->indicators->len; i++)
        {
          EscIndicator *indicator = g_ptr_array_index (self->indicators, i);

          if (g_strcmp0 (indicator->component_id, component->id) == 0)
            component->indicators[component->n_indicators++] = indicator;
        }
      if (component->n_indicators == 0)
        {
          g_autofree char *p = path_index ("$.components", c);
          return fail (ld, p, _ ("the component “%s” has no indicator; expected at least one in $.indicators"),
                       component->id);
        }
    }
  return TRUE;
}

static char *
fold_key (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);

  if (normalized == NULL)
    return NULL;
  return g_utf8_casefold (normalized, -1);
}

/* Registers a name for a local-government type; also the name without a trailing dot. */
static gboolean
add_lao_type_key (Loader     *ld,
                  const char *path,
                  EscLaoType *type,
                  const char *name)
{
  g_autofree char *key = fold_key (name);
  EscLaoType      *other;
  gsize            len;

  if (key == NULL || *key == '\0')
    return TRUE;

  other = g_hash_table_lookup (ld->fw->lao_type_by_key, key);
  if (other != NULL && other != type)
    return fail (ld, path, _ ("“%s” already names the type “%s”; expected a name used by one type only"),
                 name, other->id);
  g_hash_table_insert (ld->fw->lao_type_by_key, g_strdup (key), type);

  len = strlen (key);
  if (len > 1 && key[len - 1] == '.')
    {
      key[len - 1] = '\0';
      other = g_hash_table_lookup (ld->fw->lao_type_by_key, key);
      if (other != NULL && other != type)
        return fail (ld, path, _ ("“%s” already names the type “%s”; expected a name used by one type only"),
                     name, other->id);
      g_hash_table_insert (ld->fw->lao_type_by_key, g_strdup (key), type);
    }
  return TRUE;
}

static gboolean
parse_lao_types (Loader     *ld,
                 JsonObject *root)
{
  JsonArray *array;
  guint      n;

  if (!get_array (ld, root, "$", "lao_types", TRUE, &array))
    return FALSE;
  n = json_array_get_length (array);
  if (n == 0)
    return fail (ld, "$.lao_types", _ ("no local-government type is given; expected at least one"));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index ("$.lao_types", i);
      g_autofree char *id_path = path_key (p, "id");
      g_autofree char *abbr_path = path_key (p, "abbr");
      g_autofree char *name_path = path_key (p, "name");
      g_autofree char *aliases_path = path_key (p, "aliases");
      EscLaoType      *type;
      JsonObject      *object;
      JsonArray       *aliases;
      const char      *id;
      const char      *abbr;

      if (!node_object (ld, json_array_get_element (array, i), p, &object) ||
          !get_string (ld, object, p, "id", TRUE, &id) ||
          !get_string (ld, object, p, "abbr", TRUE, &abbr))
        return FALSE;

      for (guint j = 0; j < ld->fw->lao_types->len; j++)
        {
          EscLaoType *other = g_ptr_array_index (ld->fw->lao_types, j);

          if (g_strcmp0 (other->id, id) == 0)
            return fail (ld, id_path, _ ("the type id “%s” is used twice; expected a unique id"), id);
        }

      type = g_new0 (EscLaoType, 1);
      type->id = g_strdup (id);
      type->abbr = g_strdup (abbr);
      g_ptr_array_add (ld->fw->lao_types, type);

      if (!parse_text (ld, object, p, "name", &type->name) ||
          !get_number (ld, object, p, "pass_mark_percent", TRUE, &type->pass_mark_percent))
        return FALSE;
      if (!JSON_NODE_HOLDS_NULL (json_object_get_member (object, "pass_mark_percent")) &&
          (type->pass_mark_percent < 0 || type->pass_mark_percent > 100))
        {
          g_autofree char *pp = path_key (p, "pass_mark_percent");
          return fail (ld, pp, _ ("%g is outside 0–100; expected a percentage or null"), type->pass_mark_percent);
        }

      if (!add_lao_type_key (ld, id_path, type, id) ||
          !add_lao_type_key (ld, abbr_path, type, abbr) ||
          !add_lao_type_key (ld, name_path, type, type->name.th) ||
          !add_lao_type_key (ld, name_path, type, type->name.en))
        return FALSE;

      if (!get_array (ld, object, p, "aliases", FALSE, &aliases))
        return FALSE;
      for (guint j = 0; aliases != NULL && j < json_array_get_length (aliases); j++)
        {
          g_autofree char *ap = path_index (aliases_path, j);
          JsonNode        *node = json_array_get_element (aliases, j);

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            return wrong_type (ld, ap, NULL, node, _ ("a string"));
          if (!add_lao_type_key (ld, ap, type, json_node_get_string (node)))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_ratings (Loader     *ld,
               JsonObject *root)
{
  JsonArray *array;
  guint      n;

  if (!get_array (ld, root, "$", "ratings", TRUE, &array))
    return FALSE;
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = path_index ("$.ratings", i);
      EscRating       *rating;
      JsonObject      *object;
      const char      *id;

      if (!node_object (ld, json_array_get_element (array, i), p, &object) ||
          !get_string (ld, object, p, "id", TRUE, &id))
        return FALSE;
      for (guint j = 0; j < ld->fw->ratings->len; j++)
        {
          EscRating *other = g_ptr_array_index (ld->fw->ratings, j);

          if (g_strcmp0 (other->id, id) == 0)
            {
              g_autofree char *pp = path_key (p, "id");
              return fail (ld, pp, _ ("the rating id “%s” is used twice; expected a unique id"), id);
            }
        }

      rating = g_new0 (EscRating, 1);
      rating->id = g_strdup (id);
      g_ptr_array_add (ld->fw->ratings, rating);

      if (!parse_text (ld, object, p, "name", &rating->name) ||
          !get_number (ld, object, p, "min_percent", TRUE, &rating->min_percent))
        return FALSE;
      if (!JSON_NODE_HOLDS_NULL (json_object_get_member (object, "min_percent")) &&
          (rating->min_percent < 0 || rating->min_percent > 100))
        {
          g_autofree char *pp = path_key (p, "min_percent");
          return fail (ld, pp, _ ("%g is outside 0–100; expected a percentage or null"), rating->min_percent);
        }
    }
  return TRUE;
}

static gboolean
parse_sources (Loader     *ld,
               JsonObject *root)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray               *array;

  if (!get_array (ld, root, "$", "sources", FALSE, &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *p = path_index ("$.sources", i);
          return wrong_type (ld, p, NULL, node, _ ("a string"));
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  ld->fw->sources = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_root (Loader   *ld,
            JsonNode *root_node)
{
  EscFramework *self = ld->fw;
  JsonObject   *root;
  JsonNode     *note;
  const char   *id;
  gint64        format;
  gint64        fiscal_year;

  if (!node_object (ld, root_node, "$", &root))
    return FALSE;

  if (!get_integer (ld, root, "$", "format", &format))
    return FALSE;
  if (format != SUPPORTED_FORMAT)
    return fail (ld, "$.format", _ ("format %lld is not supported; this version reads format %d"),
                 (long long) format, SUPPORTED_FORMAT);

  if (!get_string (ld, root, "$", "id", TRUE, &id))
    return FALSE;
  self->id = g_strdup (id);

  if (!get_integer (ld, root, "$", "fiscal_year", &fiscal_year))
    return FALSE;
  if (fiscal_year < 2500 || fiscal_year > 3000)
    return fail (ld, "$.fiscal_year", _ ("%lld is not a fiscal year; expected a Buddhist-era year such as 2568"),
                 (long long) fiscal_year);
  self->fiscal_year = (int) fiscal_year;

  if (!parse_text (ld, root, "$", "title", &self->title))
    return FALSE;

  note = json_object_get_member (root, "note");
  if (note != NULL && !JSON_NODE_HOLDS_NULL (note))
    {
      if (!parse_text_node (ld, note, "$.note", &self->note))
        return FALSE;
      self->has_note = TRUE;
    }

  return parse_sources (ld, root) &&
         parse_dimensions (ld, root) &&
         parse_components (ld, root) &&
         parse_issues (ld, root) &&
         parse_indicators (ld, root) &&
         parse_lao_types (ld, root) &&
         parse_ratings (ld, root);
}

/* json-glib parses recursively, so a file of a million "[" would exhaust the
 * stack, and it silently keeps only the last of several top-level values
 * ("{}{}"). Measure the nesting and look for text after the first top-level
 * object or array first, skipping strings. */
static gsize
scan_json (const char *data,
           gsize       size,
           gboolean   *trailing)
{
  gboolean in_string = FALSE;
  gboolean closed = FALSE;
  gsize    depth = 0;
  gsize    max_depth = 0;

  *trailing = FALSE;
  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (closed && !g_ascii_isspace (c))
        {
          *trailing = TRUE;
          return max_depth;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          depth++;
          max_depth = MAX (max_depth, depth);
          if (max_depth > MAX_DEPTH)
            return max_depth;
          break;
        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            closed = TRUE;
          break;
        default:
          break;
        }
    }
  return max_depth;
}

/**
 * esc_framework_new_from_data:
 * @data: the JSON text
 * @length: its length, or -1 when nul-terminated
 * @display_name: how errors name the file, e.g. its base name
 * @error: return location for an error
 *
 * Loads and validates a framework. On failure @error is in
 * %ESC_FRAMEWORK_ERROR and its message names @display_name, the JSON path
 * and what was expected.
 *
 * Returns: (transfer full): the framework, or %NULL
 */
EscFramework *
esc_framework_new_from_data (const char *data,
                             gssize      length,
                             const char *display_name,
                             GError    **error)
{
  g_autoptr (EscFramework) self = NULL;
  g_autoptr (JsonParser)   parser = NULL;
  g_autoptr (GError)       local_error = NULL;
  Loader                   ld;
  gsize                    size;
  gboolean                 trailing;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = _ ("framework");
  size = length < 0 ? strlen (data) : (gsize) length;

  self = g_object_new (ESC_TYPE_FRAMEWORK, NULL);
  self->display_name = g_strdup (display_name);
  self->source = g_bytes_new (data, size);
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->source);

  if (!g_utf8_validate (data, size, NULL))
    {
      g_set_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE,
                   _ ("%s: this is not a framework file: the text is not UTF-8"), display_name);
      return NULL;
    }

  if (size > MAX_SIZE)
    {
      g_set_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE,
                   _ ("%s: this is not a framework file: it is larger than %d MB"),
                   display_name, MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (scan_json (data, size, &trailing) > MAX_DEPTH)
    {
      g_set_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE,
                   _ ("%s: this is not a framework file: its JSON nests more than %d levels deep"),
                   display_name, MAX_DEPTH);
      return NULL;
    }
  if (trailing)
    {
      g_set_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE,
                   _ ("%s: this is not a framework file: more text follows the JSON object"),
                   display_name);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, size > 0 ? data : "", size, &local_error))
    {
      g_set_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE,
                   _ ("%s: this is not a framework file: the JSON is not valid (%s)"),
                   display_name, local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ESC_FRAMEWORK_ERROR, ESC_FRAMEWORK_ERROR_PARSE,
                   _ ("%s: this is not a framework file: it is empty"), display_name);
      return NULL;
    }

  ld.fw = self;
  ld.file = display_name;
  ld.error = error;
  if (!parse_root (&ld, json_parser_get_root (parser)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * esc_framework_new_from_file:
 * @path: a framework JSON file
 * @error: return location for an error
 *
 * Returns: (transfer full): the framework, or %NULL with a #GFileError or
 *   an %ESC_FRAMEWORK_ERROR naming the file's base name
 */
EscFramework *
esc_framework_new_from_file (const char *path,
                             GError    **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  gsize            length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  basename = g_path_get_basename (path);
  return esc_framework_new_from_data (contents, length, basename, error);
}

/**
 * esc_framework_find_default_path:
 *
 * The shipped framework: `$ESC_DATA_DIR/frameworks/esc-2568.json`, else the
 * source tree's copy, else the installed one.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL when none exists
 */
char *
esc_framework_find_default_path (void)
{
  const char *data_dir = g_getenv ("ESC_DATA_DIR");
  const char *dirs[] = { data_dir, SOURCE_DATADIR, PKGDATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;
      path = g_build_filename (dirs[i], "frameworks", DEFAULT_FRAMEWORK, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/**
 * esc_framework_new_default:
 * @error: return location for an error
 *
 * Loads the framework shipped with the application.
 *
 * Returns: (transfer full): the framework, or %NULL
 */
EscFramework *
esc_framework_new_default (GError **error)
{
  g_autofree char *path = esc_framework_find_default_path ();

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("The shipped framework %s was not found in %s or %s. Set ESC_DATA_DIR to the folder that holds frameworks/%s."),
                   DEFAULT_FRAMEWORK, SOURCE_DATADIR "/frameworks", PKGDATADIR "/frameworks",
                   DEFAULT_FRAMEWORK);
      return NULL;
    }
  return esc_framework_new_from_file (path, error);
}

/* Questions */

const char *
esc_framework_get_id (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  return self->id;
}

int
esc_framework_get_fiscal_year (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->fiscal_year;
}

const EscText *
esc_framework_get_title (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  return &self->title;
}

const EscText *
esc_framework_get_note (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  return self->has_note ? &self->note : NULL;
}

const char *const *
esc_framework_get_sources (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  return (const char *const *) self->sources;
}

/**
 * esc_framework_get_source:
 * @self: a framework
 *
 * Returns: (transfer none): the exact bytes the framework was loaded from
 */
GBytes *
esc_framework_get_source (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  return self->source;
}

/* The SHA-256 of the source bytes, in lower-case hex. */
const char *
esc_framework_get_sha256 (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  return self->sha256;
}

const char *
esc_framework_get_display_name (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  return self->display_name;
}

guint
esc_framework_get_n_dimensions (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->dimensions->len;
}

const EscDimension *
esc_framework_get_dimension (EscFramework *self,
                             guint         index)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (index < self->dimensions->len, NULL);
  return g_ptr_array_index (self->dimensions, index);
}

guint
esc_framework_get_n_components (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->components->len;
}

const EscComponent *
esc_framework_get_component (EscFramework *self,
                             guint         index)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (index < self->components->len, NULL);
  return g_ptr_array_index (self->components, index);
}

const EscComponent *
esc_framework_lookup_component (EscFramework *self,
                                const char   *id)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);

  for (guint i = 0; id != NULL && i < self->components->len; i++)
    {
      const EscComponent *component = g_ptr_array_index (self->components, i);

      if (g_strcmp0 (component->id, id) == 0)
        return component;
    }
  return NULL;
}

guint
esc_framework_get_n_issues (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->issues->len;
}

const EscIssue *
esc_framework_get_issue (EscFramework *self,
                         guint         index)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (index < self->issues->len, NULL);
  return g_ptr_array_index (self->issues, index);
}

const EscIssue *
esc_framework_lookup_issue (EscFramework *self,
                            const char   *id)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);

  for (guint i = 0; id != NULL && i < self->issues->len; i++)
    {
      const EscIssue *issue = g_ptr_array_index (self->issues, i);

      if (g_strcmp0 (issue->id, id) == 0)
        return issue;
    }
  return NULL;
}

guint
esc_framework_get_n_indicators (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->indicators->len;
}

const EscIndicator *
esc_framework_get_indicator (EscFramework *self,
                             guint         index)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (index < self->indicators->len, NULL);
  return g_ptr_array_index (self->indicators, index);
}

guint
esc_framework_get_n_items (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->items->len;
}

const EscIndicator *
esc_framework_get_item (EscFramework *self,
                        guint         index)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

const EscIndicator *
esc_framework_lookup_indicator (EscFramework *self,
                                const char   *code)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);

  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (self->indicator_by_code, code);
}

/* Returns the index of the dimension @id in @indicator, or -1. */
int
esc_indicator_find_dimension (const EscIndicator *indicator,
                              const char         *id)
{
  g_return_val_if_fail (indicator != NULL, -1);

  for (guint i = 0; id != NULL && i < indicator->n_dimensions; i++)
    if (g_strcmp0 (indicator->dimensions[i].id, id) == 0)
      return (int) i;
  return -1;
}

/* Converts an LPA percentage (clamped to 0–100) to the indicator's points by its rule. */
double
esc_indicator_lpa_points (const EscIndicator *indicator,
                          double              percent)
{
  double points = 0;
  double best_min = -1;

  g_return_val_if_fail (indicator != NULL, 0);
  g_return_val_if_fail (indicator->method == ESC_SCORING_LPA, 0);

  if (isnan (percent))
    return 0;
  percent = CLAMP (percent, 0, 100);

  switch (indicator->lpa_rule)
    {
    case ESC_LPA_RULE_PROPORTIONAL:
      return percent * indicator->max_points / 100.0;

    case ESC_LPA_RULE_BANDS:
      for (guint i = 0; i < indicator->n_lpa_bands; i++)
        {
          const EscLpaBand *band = &indicator->lpa_bands[i];

          if (band->min_percent <= percent && band->min_percent > best_min)
            {
              best_min = band->min_percent;
              points = band->points;
            }
        }
      return points;

    default:
      g_return_val_if_reached (0);
    }
}

double
esc_indicator_combine_parts (const EscIndicator *indicator,
                             const double       *part_points)
{
  double sum = 0;

  g_return_val_if_fail (indicator != NULL, 0);
  g_return_val_if_fail (indicator->method == ESC_SCORING_PARTS, 0);
  g_return_val_if_fail (indicator->n_parts > 0, 0);
  g_return_val_if_fail (part_points != NULL, 0);

  for (guint i = 0; i < indicator->n_parts; i++)
    sum += part_points[i];

  switch (indicator->combine)
    {
    case ESC_COMBINE_MEAN:
      return sum / indicator->n_parts;
    case ESC_COMBINE_SUM:
      return sum;
    default:
      g_return_val_if_reached (0);
    }
}

guint
esc_framework_get_n_lao_types (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->lao_types->len;
}

const EscLaoType *
esc_framework_get_lao_type (EscFramework *self,
                            guint         index)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (index < self->lao_types->len, NULL);
  return g_ptr_array_index (self->lao_types, index);
}

/* Matches an id, an abbreviation with or without its final dot, a Thai or
 * English name or an alias, ignoring case and surrounding spaces. */
const EscLaoType *
esc_framework_lookup_lao_type (EscFramework *self,
                               const char   *text)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);

  if (text == NULL)
    return NULL;

  /* Stored local governments carry the type id: find it without folding. */
  for (guint i = 0; i < self->lao_types->len; i++)
    {
      const EscLaoType *type = g_ptr_array_index (self->lao_types, i);

      if (strcmp (type->id, text) == 0)
        return type;
    }

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  key = fold_key (text);
  if (key == NULL)
    return NULL;
  return g_hash_table_lookup (self->lao_type_by_key, key);
}

guint
esc_framework_get_n_ratings (EscFramework *self)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), 0);
  return self->ratings->len;
}

const EscRating *
esc_framework_get_rating (EscFramework *self,
                          guint         index)
{
  g_return_val_if_fail (ESC_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (index < self->ratings->len, NULL);
  return g_ptr_array_index (self->ratings, index);
}

const char *
esc_text_get (const EscText *text,
              gboolean       thai)
{
  if (text == NULL)
    return "";
  if (thai || text->en == NULL || *text->en == '\0')
    return text->th != NULL ? text->th : "";
  return text->en;
}

/* The keyword used in framework files. */
const char *
esc_provenance_to_string (EscProvenance provenance)
{
  switch (provenance)
    {
    case ESC_PROVENANCE_OFFICIAL:
      return "official";
    case ESC_PROVENANCE_SECONDARY:
      return "secondary";
    case ESC_PROVENANCE_RECONSTRUCTED:
      return "reconstructed";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
esc_provenance_get_label (EscProvenance provenance)
{
  switch (provenance)
    {
    case ESC_PROVENANCE_OFFICIAL:
      return _ ("Official");
    case ESC_PROVENANCE_SECONDARY:
      return _ ("Secondary source");
    case ESC_PROVENANCE_RECONSTRUCTED:
      return _ ("Reconstructed");
    default:
      g_return_val_if_reached (NULL);
    }
}
