/* esc-lao-csv.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "esc-lao-csv.h"

G_DEFINE_QUARK (esc - lao - csv - error - quark, esc_lao_csv_error)

typedef enum
{
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_TYPE,
  COLUMN_DISTRICT,
  COLUMN_PROVINCE,
  N_COLUMNS
} Column;

/* Header names after normalize_key(): no spaces, dots, '_' or '-', ASCII lower case. */
static const struct
{
  const char *key;
  Column      column;
} column_names[] = {
  { "code", COLUMN_CODE },
  { "dlacode", COLUMN_CODE },
  { "รหัส", COLUMN_CODE },
  { "รหัสอปท", COLUMN_CODE },
  { "name", COLUMN_NAME },
  { "nameth", COLUMN_NAME },
  { "ชื่อ", COLUMN_NAME },
  { "ชื่ออปท", COLUMN_NAME },
  { "type", COLUMN_TYPE },
  { "ประเภท", COLUMN_TYPE },
  { "ประเภทอปท", COLUMN_TYPE },
  { "district", COLUMN_DISTRICT },
  { "amphoe", COLUMN_DISTRICT },
  { "อำเภอ", COLUMN_DISTRICT },
  { "province", COLUMN_PROVINCE },
  { "changwat", COLUMN_PROVINCE },
  { "จังหวัด", COLUMN_PROVINCE },
};

typedef struct
{
  const char *id;
  const char *abbr;
  const char *th;
  const char *en;
} TypeEntry;

/* The standard DLA types, used when no framework is given. */
static const TypeEntry standard_types[] = {
  { "pao", "อบจ.", "องค์การบริหารส่วนจังหวัด", "Provincial Administrative Organization" },
  { "city", "ทน.", "เทศบาลนคร", "City municipality" },
  { "town", "ทม.", "เทศบาลเมือง", "Town municipality" },
  { "subdistrict", "ทต.", "เทศบาลตำบล", "Subdistrict municipality" },
  { "sao", "อบต.", "องค์การบริหารส่วนตำบล", "Subdistrict Administrative Organization" },
  { "special", NULL, "องค์กรปกครองส่วนท้องถิ่นรูปแบบพิเศษ", "Special-form local government" },
};

typedef struct
{
  guint      line;      /* line of the file where the record starts, 1-based */
  GPtrArray *fields;    /* char *, raw bytes (not yet checked as UTF-8) */
  gboolean   unclosed;  /* a quoted field runs to the end of the file */
  gboolean   bad_quote; /* text follows a closing quote */
  gboolean   has_nul;   /* a NUL byte: not text */
} Record;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
  GString    *scratch; /* the field being read */
} Reader;

typedef struct
{
  EscFramework *framework;
  GArray       *types;     /* TypeEntry */
  GHashTable   *type_keys; /* normalize_key() of an id, abbreviation or name → id */
  GPtrArray    *problems;
  GHashTable   *bad_lines;
  GHashTable   *codes; /* code → line */
  GHashTable   *names; /* name "\n" district → line */
} Parser;

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->fields, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

static gboolean
reader_at_newline (Reader *reader)
{
  char c;

  if (reader->pos >= reader->length)
    return FALSE;
  c = reader->data[reader->pos];
  return c == '\n' || c == '\r';
}

/* Consumes one LF, CRLF or CR. */
static void
reader_skip_newline (Reader *reader)
{
  if (reader->data[reader->pos] == '\r' &&
      reader->pos + 1 < reader->length &&
      reader->data[reader->pos + 1] == '\n')
    reader->pos++;
  reader->pos++;
  reader->line++;
}

static void
append_byte (GString *field,
             Record  *record,
             char     c)
{
  if (c == '\0')
    record->has_nul = TRUE;
  g_string_append_c (field, c);
}

static void
read_quoted (Reader  *reader,
             GString *field,
             Record  *record)
{
  reader->pos++; /* the opening quote */

  for (;;)
    {
      char c;

      if (reader->pos >= reader->length)
        {
          record->unclosed = TRUE;
          return;
        }

      c = reader->data[reader->pos];
      if (c == '"')
        {
          if (reader->pos + 1 < reader->length && reader->data[reader->pos + 1] == '"')
            {
              g_string_append_c (field, '"');
              reader->pos += 2;
              continue;
            }
          reader->pos++;
          break;
        }
      else if (c == '\r' || c == '\n')
        {
          reader_skip_newline (reader);
          g_string_append_c (field, '\n');
        }
      else
        {
          append_byte (field, record, c);
          reader->pos++;
        }
    }

  /* Only blanks may follow the closing quote. */
  while (reader->pos < reader->length &&
         reader->data[reader->pos] != ',' &&
         !reader_at_newline (reader))
    {
      char c = reader->data[reader->pos];

      if (c != ' ' && c != '\t')
        {
          record->bad_quote = TRUE;
          append_byte (field, record, c);
        }
      reader->pos++;
    }
}

/* Reads the next record (RFC 4180); FALSE at the end of the data. */
static gboolean
reader_next (Reader *reader,
             Record *record)
{
  if (reader->pos >= reader->length)
    return FALSE;

  record->line = reader->line;
  record->fields = g_ptr_array_new_with_free_func (g_free);
  record->unclosed = FALSE;
  record->bad_quote = FALSE;
  record->has_nul = FALSE;

  for (;;)
    {
      GString *field = g_string_truncate (reader->scratch, 0);
      gsize    start = reader->pos;

      /* Blanks before an opening quote are allowed. */
      while (start < reader->length && (reader->data[start] == ' ' || reader->data[start] == '\t'))
        start++;

      if (start < reader->length && reader->data[start] == '"')
        {
          reader->pos = start;
          read_quoted (reader, field, record);
        }
      else
        {
          while (reader->pos < reader->length &&
                 reader->data[reader->pos] != ',' &&
                 !reader_at_newline (reader))
            append_byte (field, record, reader->data[reader->pos++]);
        }

      g_ptr_array_add (record->fields, g_memdup2 (field->str, field->len + 1));

      if (reader->pos >= reader->length)
        return TRUE;
      if (reader->data[reader->pos] == ',')
        {
          reader->pos++;
          continue;
        }
      reader_skip_newline (reader);
      return TRUE;
    }
}

static gboolean
record_is_blank (const Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      const char *p = g_ptr_array_index (record->fields, i);

      for (; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

static gboolean
record_is_utf8 (const Record *record)
{
  if (record->has_nul)
    return FALSE;

  for (guint i = 0; i < record->fields->len; i++)
    {
      const char *field = g_ptr_array_index (record->fields, i);

      if (!g_utf8_validate (field, -1, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Trims ASCII blanks and no-break spaces around a field, in place. */
static char *
strip_field (char *field)
{
  char *start = field;
  char *end;

  for (;;)
    {
      if (g_ascii_isspace (*start))
        start++;
      else if ((guchar) start[0] == 0xC2 && (guchar) start[1] == 0xA0)
        start += 2;
      else
        break;
    }

  end = start + strlen (start);
  for (;;)
    {
      if (end > start && g_ascii_isspace (end[-1]))
        end--;
      else if (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
        end -= 2;
      else
        break;
    }
  *end = '\0';
  memmove (field, start, end - start + 1);
  return field;
}

/* Lower-cases ASCII and drops blanks, dots, underscores and dashes, so that
 * "รหัส อปท.", "รหัสอปท" and "Name_TH" compare as keys. */
static char *
normalize_key (const char *text)
{
  GString *key = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '.' || *p == '_' || *p == '-')
        continue;
      g_string_append_c (key, g_ascii_tolower (*p));
    }
  return g_string_free (key, FALSE);
}

static void
add_problem (Parser     *parser,
             guint       line,
             const char *message)
{
  g_hash_table_add (parser->bad_lines, GUINT_TO_POINTER (line));
  if (parser->problems != NULL)
    g_ptr_array_add (parser->problems, g_strdup (message));
}

G_GNUC_PRINTF (3, 4)
static void
add_problemf (Parser     *parser,
              guint       line,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (parser, line, message);
}

static void
add_type_key (Parser     *parser,
              const char *text,
              const char *id)
{
  char *key;

  if (text == NULL)
    return;
  key = normalize_key (text);
  if (*key == '\0' || g_hash_table_contains (parser->type_keys, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (parser->type_keys, key, (gpointer) id);
}

static void
load_types (Parser *parser)
{
  parser->types = g_array_new (FALSE, TRUE, sizeof (TypeEntry));

  if (parser->framework == NULL)
    g_array_append_vals (parser->types, standard_types, G_N_ELEMENTS (standard_types));
  else
    {
      for (guint i = 0; i < esc_framework_get_n_lao_types (parser->framework); i++)
        {
          const EscLaoType *type = esc_framework_get_lao_type (parser->framework, i);
          TypeEntry         entry = {
                    type->id,
                    type->abbr,
                    type->name.th,
                    type->name.en,
          };

          g_array_append_val (parser->types, entry);
        }
    }

  /* Ids first, so that an id always wins over another type's name. */
  parser->type_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < parser->types->len; i++)
    {
      const TypeEntry *entry = &g_array_index (parser->types, TypeEntry, i);

      add_type_key (parser, entry->id, entry->id);
    }
  for (guint i = 0; i < parser->types->len; i++)
    {
      const TypeEntry *entry = &g_array_index (parser->types, TypeEntry, i);

      add_type_key (parser, entry->abbr, entry->id);
      add_type_key (parser, entry->th, entry->id);
      add_type_key (parser, entry->en, entry->id);
    }
}

/* Maps an id, an abbreviation (with or without its dot), a Thai or English type
 * name to the type id; NULL when nothing matches. */
static const char *
lookup_type (Parser     *parser,
             const char *text)
{
  g_autofree char *key = NULL;

  if (parser->framework != NULL)
    {
      const EscLaoType *type = esc_framework_lookup_lao_type (parser->framework, text);

      if (type != NULL)
        return type->id;
    }

  key = normalize_key (text);
  return g_hash_table_lookup (parser->type_keys, key);
}

/* "อบจ. (pao), ทน. (city), …" for messages. */
static char *
describe_types (Parser *parser)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < parser->types->len; i++)
    {
      const TypeEntry *entry = &g_array_index (parser->types, TypeEntry, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      if (entry->abbr != NULL && g_utf8_strlen (entry->abbr, -1) > 1)
        g_string_append_printf (text, "%s (%s)", entry->abbr, entry->id);
      else
        g_string_append (text, entry->id);
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_dla_code (const char *code)
{
  if (strlen (code) != 7)
    return FALSE;
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static const char *
column_label (Column column)
{
  switch (column)
    {
    case COLUMN_CODE:
      return "code";
    case COLUMN_NAME:
      return "name";
    case COLUMN_TYPE:
      return "type";
    case COLUMN_DISTRICT:
      return "district";
    case COLUMN_PROVINCE:
      return "province";
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Finds which field holds which column. */
static gboolean
read_header (Record  *header,
             int      index[N_COLUMNS],
             GError **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    index[c] = -1;

  if (header->unclosed || header->bad_quote)
    {
      g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_HEADER,
                   _ ("The header row has a badly quoted column name. "
                      "The first row must name the columns, for example: code,name,type,district,province."));
      return FALSE;
    }

  if (!record_is_utf8 (header))
    {
      g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_ENCODING,
                   _ ("The file is not UTF-8 text. "
                      "Save it as “CSV UTF-8” in the spreadsheet program and import it again."));
      return FALSE;
    }

  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *key = normalize_key (g_ptr_array_index (header->fields, i));

      for (guint n = 0; n < G_N_ELEMENTS (column_names); n++)
        {
          Column column = column_names[n].column;

          if (strcmp (key, column_names[n].key) != 0)
            continue;

          if (index[column] >= 0)
            {
              g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_HEADER,
                           _ ("The header names the column “%s” twice (columns %u and %u). "
                              "Remove or rename one of them."),
                           column_label (column), (guint) index[column] + 1, i + 1);
              return FALSE;
            }
          index[column] = (int) i;
          break;
        }
    }

  if (index[COLUMN_NAME] < 0)
    {
      g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_HEADER,
                   _ ("The header row has no name column (“name” or “ชื่อ อปท.”). "
                      "The first row must name the columns, for example: code,name,type,district,province."));
      return FALSE;
    }

  if (index[COLUMN_TYPE] < 0)
    {
      g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_HEADER,
                   _ ("The header row has no type column (“type” or “ประเภท”). "
                      "Add one giving each local government’s type, for example อบต. or ทต."));
      return FALSE;
    }

  return TRUE;
}

static char *
take_field (Record *record,
            int     index)
{
  if (index < 0)
    return g_strdup ("");
  return g_strdup (strip_field (g_ptr_array_index (record->fields, index)));
}

static EscLao *
read_row (Parser *parser,
          Record *record,
          guint   n_columns,
          int     index[N_COLUMNS])
{
  g_autoptr (EscLao) lao = NULL;
  g_autofree char   *code = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *type = NULL;
  g_autofree char   *district = NULL;
  g_autofree char   *province = NULL;
  g_autofree char   *name_key = NULL;
  const char        *type_id = NULL;
  gboolean           ok = TRUE;
  guint              line = record->line;
  gpointer           other;

  if (record->unclosed)
    {
      add_problemf (parser, line,
                    _ ("Line %u: a quoted field is not closed. Add the missing double quote (\")."),
                    line);
      return NULL;
    }

  if (record->bad_quote)
    {
      add_problemf (parser, line,
                    _ ("Line %u: there is text after a closing double quote. "
                       "Put the whole field in quotes and double every quote inside it (\"\")."),
                    line);
      return NULL;
    }

  if (!record_is_utf8 (record))
    {
      add_problemf (parser, line,
                    _ ("Line %u: the text is not valid UTF-8. Save the file as “CSV UTF-8”."),
                    line);
      return NULL;
    }

  if (record->fields->len != n_columns)
    {
      add_problemf (parser, line,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "Line %u: the row has %u column but the header has %u. "
                                 "Check for missing or extra commas.",
                                 "Line %u: the row has %u columns but the header has %u. "
                                 "Check for missing or extra commas.",
                                 record->fields->len),
                    line, record->fields->len, n_columns);
      return NULL;
    }

  code = take_field (record, index[COLUMN_CODE]);
  name = take_field (record, index[COLUMN_NAME]);
  type = take_field (record, index[COLUMN_TYPE]);
  district = take_field (record, index[COLUMN_DISTRICT]);
  province = take_field (record, index[COLUMN_PROVINCE]);

  if (*name == '\0')
    {
      add_problemf (parser, line, _ ("Line %u: the name is empty."), line);
      ok = FALSE;
    }

  if (*type == '\0')
    {
      g_autofree char *types = describe_types (parser);

      add_problemf (parser, line, _ ("Line %u: the type is empty. Use one of: %s."), line, types);
      ok = FALSE;
    }
  else if ((type_id = lookup_type (parser, type)) == NULL)
    {
      g_autofree char *types = describe_types (parser);

      add_problemf (parser, line, _ ("Line %u: unknown type “%s”. Use one of: %s."),
                    line, type, types);
      ok = FALSE;
    }

  if (*code != '\0')
    {
      if (!is_dla_code (code))
        {
          add_problemf (parser, line,
                        _ ("Line %u: the code “%s” is not a DLA code of 7 digits. "
                           "Correct it or leave it empty."),
                        line, code);
          ok = FALSE;
        }
      else if (g_hash_table_lookup_extended (parser->codes, code, NULL, &other))
        {
          add_problemf (parser, line,
                        _ ("Line %u: the code %s is already used on line %u."),
                        line, code, GPOINTER_TO_UINT (other));
          ok = FALSE;
        }
      else
        g_hash_table_insert (parser->codes, g_strdup (code), GUINT_TO_POINTER (line));
    }

  if (*name != '\0')
    {
      name_key = g_strconcat (name, "\n", district, NULL);
      if (g_hash_table_lookup_extended (parser->names, name_key, NULL, &other))
        {
          if (*district != '\0')
            add_problemf (parser, line,
                          _ ("Line %u: “%s” in the district %s is already listed on line %u."),
                          line, name, district, GPOINTER_TO_UINT (other));
          else
            add_problemf (parser, line,
                          _ ("Line %u: “%s” is already listed on line %u."),
                          line, name, GPOINTER_TO_UINT (other));
          ok = FALSE;
        }
      else
        g_hash_table_insert (parser->names, g_steal_pointer (&name_key), GUINT_TO_POINTER (line));
    }

  if (!ok)
    return NULL;

  lao = esc_lao_new ();
  lao->code = *code != '\0' ? g_steal_pointer (&code) : NULL;
  lao->name = g_steal_pointer (&name);
  lao->type = g_strdup (type_id);
  lao->district = g_steal_pointer (&district);
  lao->province = g_steal_pointer (&province);
  return g_steal_pointer (&lao);
}

GPtrArray *
esc_lao_csv_parse (const char   *data,
                   gsize         length,
                   EscFramework *framework,
                   GPtrArray   **problems,
                   GError      **error)
{
  g_autoptr (GPtrArray)  laos = NULL;
  g_autoptr (GPtrArray)  found = NULL;
  g_autoptr (GArray)     types = NULL;
  g_autoptr (GHashTable) type_keys = NULL;
  g_autoptr (GHashTable) bad_lines = NULL;
  g_autoptr (GHashTable) codes = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_auto (Record)        header = { 0 };
  g_autoptr (GString)    scratch = g_string_new (NULL);
  Reader                 reader = { data, length, 0, 1, scratch };
  Parser                 parser = { 0 };
  int                    index[N_COLUMNS];
  guint                  n_bad;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (framework == NULL || ESC_IS_FRAMEWORK (framework), NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = g_ptr_array_new_with_free_func (g_free);
  bad_lines = g_hash_table_new (NULL, NULL);
  codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parser.framework = framework;
  parser.problems = found;
  parser.bad_lines = bad_lines;
  parser.codes = codes;
  parser.names = names;
  load_types (&parser);
  types = parser.types;
  type_keys = parser.type_keys;

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;

  /* The first non-blank record is the header. */
  for (;;)
    {
      record_clear (&header);
      if (!reader_next (&reader, &header))
        {
          g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_EMPTY,
                       _ ("The file is empty. A list needs a header row naming the columns "
                          "(code,name,type,district,province) and one row per local government."));
          return NULL;
        }
      if (header.unclosed || header.bad_quote || !record_is_blank (&header))
        break;
    }

  if (!read_header (&header, index, error))
    return NULL;

  laos = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_lao_free);
  for (;;)
    {
      g_auto (Record) record = { 0 };
      EscLao         *lao;

      if (!reader_next (&reader, &record))
        break;
      if (!record.unclosed && !record.bad_quote && record_is_blank (&record))
        continue;

      lao = read_row (&parser, &record, header.fields->len, index);
      if (lao != NULL)
        g_ptr_array_add (laos, lao);
    }

  n_bad = g_hash_table_size (bad_lines);
  if (n_bad > 0)
    {
      g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The list has %u bad row, so nothing is imported. "
                                "Correct it and import the list again.",
                                "The list has %u bad rows, so nothing is imported. "
                                "Correct them and import the list again.",
                                n_bad),
                   n_bad);
      return NULL;
    }

  if (laos->len == 0)
    {
      g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_NO_ROWS,
                   _ ("The file has a header row but no local governments. "
                      "Add one row per local government below the header."));
      return NULL;
    }

  return g_steal_pointer (&laos);
}

GPtrArray *
esc_lao_csv_parse_file (const char   *path,
                        EscFramework *framework,
                        GPtrArray   **problems,
                        GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char   *contents = NULL;
  g_autofree char   *display = NULL;
  gsize              length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      display = g_filename_display_name (path);
      g_set_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_IO,
                   _ ("Cannot read the list “%s”: %s"), display, local_error->message);
      return NULL;
    }

  return esc_lao_csv_parse (contents, length, framework, problems, error);
}
