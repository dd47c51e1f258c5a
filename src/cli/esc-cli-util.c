/* esc-cli-util.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "esc-cli-private.h"

static void
print_error (const char *format,
             va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  fprintf (stderr, "esc-cli: %s\n", message);
}

int
esc_cli_usage_error (const char *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  print_error (format, args);
  va_end (args);

  return ESC_CLI_USAGE_ERROR;
}

int
esc_cli_data_error (const GError *error)
{
  fprintf (stderr, "esc-cli: %s\n", error != NULL ? error->message : _ ("Unknown error"));
  return ESC_CLI_DATA_ERROR;
}

int
esc_cli_data_error_printf (const char *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  print_error (format, args);
  va_end (args);

  return ESC_CLI_DATA_ERROR;
}

gboolean
esc_cli_parse_options (GOptionEntry *entries,
                       int          *argc,
                       char       ***argv,
                       const char   *parameter_string)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError)         error = NULL;

  context = g_option_context_new (parameter_string);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      esc_cli_usage_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

EscStore *
esc_cli_open_store (const char *path,
                    gboolean    write,
                    int        *exit_code)
{
  g_autoptr (GError) error = NULL;
  EscStore          *store;

  store = esc_store_open (path, write ? ESC_STORE_OPEN_DEFAULT : ESC_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      *exit_code = esc_cli_data_error (error);
      return NULL;
    }

  if (write && esc_store_is_read_only (store))
    {
      *exit_code = esc_cli_data_error_printf (_ ("%s is read-only: copy it to a writable folder and try again"), path);
      g_object_unref (store);
      return NULL;
    }

  esc_store_set_author (store, g_get_real_name ());
  *exit_code = ESC_CLI_OK;
  return store;
}

int
esc_cli_expect_arguments (int         argc,
                          char      **argv,
                          int         min,
                          int         max,
                          const char *what)
{
  if (argc - 1 < min)
    return esc_cli_usage_error (_ ("“esc-cli %s” needs %s"), argv[0], what);
  if (max >= 0 && argc - 1 > max)
    return esc_cli_usage_error (_ ("“esc-cli %s” got an unexpected argument “%s”"), argv[0], argv[max + 1]);
  return ESC_CLI_OK;
}

void
esc_cli_json_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
esc_cli_json_int (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
esc_cli_json_double (JsonBuilder *builder,
                     const char  *name,
                     double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

void
esc_cli_json_boolean (JsonBuilder *builder,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
esc_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char          *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, FALSE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}
