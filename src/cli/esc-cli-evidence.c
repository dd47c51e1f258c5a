/* esc-cli-evidence.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * esc-cli evidence add|list|extract, and esc-cli search.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "esc-cli-private.h"
#include "esc-evidence.h"
#include "esc-format.h"

int
esc_cli_evidence_add (int    argc,
                      char **argv)
{
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (GPtrArray)     links = g_ptr_array_new_with_free_func ((GDestroyNotify) esc_link_free);
  g_autoptr (GError)        error = NULL;
  g_autofree char          *id = NULL;
  g_autofree char          *indicator = NULL;
  g_autofree char          *pages = NULL;
  g_autofree char          *caption = NULL;
  GOptionEntry              entries[] = {
                 { "assessment", 0, 0, G_OPTION_ARG_STRING, &id, N_ ("Assessment id"), N_ ("ID") },
                 { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_ ("Indicator code, e.g. 5 or 19.1"), N_ ("CODE") },
                 { "pages", 0, 0, G_OPTION_ARG_STRING, &pages, N_ ("Pages that show the evidence, e.g. “3-5, 9”"), N_ ("RANGES") },
                 { "caption", 0, 0, G_OPTION_ARG_STRING, &caption, N_ ("What the document shows"), N_ ("TEXT") },
                 { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE FILE…"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 2, -1, _ ("a workspace and at least one file"))) != ESC_CLI_OK)
    return status;
  if (id == NULL)
    return esc_cli_usage_error (_ ("“esc-cli evidence add” needs --assessment"));
  if (indicator == NULL)
    return esc_cli_usage_error (_ ("“esc-cli evidence add” needs --indicator"));

  store = esc_cli_open_store (argv[1], TRUE, &status);
  if (store == NULL)
    return status;
  assessment = esc_store_get_assessment (store, id, &error);
  if (assessment == NULL)
    return esc_cli_data_error (error);

  /* All the files or none: one bad file leaves the workspace as it was. */
  if (!esc_store_begin_batch (store, &error))
    return esc_cli_data_error (error);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[i]);
      EscLink          *link;

      link = esc_store_attach_file (store, file, NULL, assessment->uuid, indicator, pages, caption,
                                    NULL, &error);
      if (link == NULL)
        {
          esc_store_end_batch (store, FALSE, NULL);
          esc_cli_data_error (error);
          return esc_cli_data_error_printf (_ ("Nothing was attached."));
        }
      g_ptr_array_add (links, link);
    }
  if (!esc_store_end_batch (store, TRUE, &error))
    return esc_cli_data_error (error);

  for (guint i = 0; i < links->len; i++)
    {
      const EscLink   *link = g_ptr_array_index (links, i);
      g_autofree char *size = esc_format_size (link->document->size);

      /* TRANSLATORS: file name, indicator code, SHA-256, size */
      printf (_ ("Attached %s to indicator %s (%s, %s"),
              link->document->file_name, link->item_code, link->document->sha256, size);
      if (link->pages[0] != '\0')
        printf (_ (", pages %s"), link->pages);
      if (link->document->encrypted && link->document->n_pages == 0)
        printf (_ (", protected by a password"));
      printf (")\n");
    }
  return ESC_CLI_OK;
}

static void
add_document_members (JsonBuilder       *builder,
                      const EscDocument *document)
{
  esc_cli_json_string (builder, "document", document->uuid);
  esc_cli_json_string (builder, "sha256", document->sha256);
  esc_cli_json_string (builder, "file_name", document->file_name);
  esc_cli_json_string (builder, "title", document->title);
  esc_cli_json_string (builder, "mime_type", document->mime_type);
  esc_cli_json_int (builder, "size", document->size);
  esc_cli_json_int (builder, "n_pages", document->n_pages);
  esc_cli_json_boolean (builder, "encrypted", document->encrypted);
}

int
esc_cli_evidence_list (int    argc,
                       char **argv)
{
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (GPtrArray)     links = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *id = NULL;
  gboolean                  json = FALSE;
  GOptionEntry              entries[] = {
                 { "assessment", 0, 0, G_OPTION_ARG_STRING, &id, N_ ("Assessment id"), N_ ("ID") },
                 { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                 { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;
  if (id == NULL)
    return esc_cli_usage_error (_ ("“esc-cli evidence list” needs --assessment"));

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  assessment = esc_store_get_assessment (store, id, &error);
  if (assessment == NULL)
    return esc_cli_data_error (error);
  links = esc_store_list_links (store, assessment->uuid, NULL, &error);
  if (links == NULL)
    return esc_cli_data_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < links->len; i++)
        {
          const EscLink *link = g_ptr_array_index (links, i);

          json_builder_begin_object (builder);
          esc_cli_json_string (builder, "link", link->uuid);
          esc_cli_json_string (builder, "indicator", link->item_code);
          esc_cli_json_string (builder, "pages", link->pages);
          esc_cli_json_string (builder, "caption", link->caption);
          add_document_members (builder, link->document);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  if (links->len == 0)
    {
      printf ("%s\n", _ ("No evidence is attached to this assessment."));
      return ESC_CLI_OK;
    }
  for (guint i = 0; i < links->len; i++)
    {
      const EscLink   *link = g_ptr_array_index (links, i);
      g_autofree char *size = esc_format_size (link->document->size);

      printf ("%-6s %.12s  %s", link->item_code, link->document->sha256, link->document->title);
      if (link->pages[0] != '\0')
        printf (_ (" (pages %s)"), link->pages);
      printf ("  [%s, %s]", link->document->file_name, size);
      if (link->caption[0] != '\0')
        printf (" — %s", link->caption);
      printf ("\n");
    }
  return ESC_CLI_OK;
}

int
esc_cli_evidence_extract (int    argc,
                          char **argv)
{
  g_autoptr (EscStore)    store = NULL;
  g_autoptr (EscDocument) document = NULL;
  g_autoptr (GFile)       output = NULL;
  g_autoptr (GError)      error = NULL;
  g_autofree char        *output_path = NULL;
  GOptionEntry            entries[] = {
               { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_ ("Where to write the file"), N_ ("FILE") },
               { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE SHA256"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 2, 2, _ ("a workspace and the SHA-256 of a document"))) != ESC_CLI_OK)
    return status;
  if (output_path == NULL)
    return esc_cli_usage_error (_ ("“esc-cli evidence extract” needs -o FILE"));

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  document = esc_store_get_document (store, argv[2], &error);
  if (document == NULL)
    return esc_cli_data_error (error);

  output = g_file_new_for_commandline_arg (output_path);
  if (!esc_store_extract_blob (store, document->sha256, output, NULL, &error))
    return esc_cli_data_error (error);

  printf (_ ("Wrote %s (%s, SHA-256 %s)\n"), output_path, document->file_name, document->sha256);
  return ESC_CLI_OK;
}

int
esc_cli_search (int    argc,
                char **argv)
{
  g_autoptr (EscStore)      store = NULL;
  g_autoptr (EscAssessment) assessment = NULL;
  g_autoptr (GPtrArray)     hits = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *id = NULL;
  gboolean                  json = FALSE;
  GOptionEntry              entries[] = {
                 { "assessment", 0, 0, G_OPTION_ARG_STRING, &id, N_ ("Only this assessment and its documents"), N_ ("ID") },
                 { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                 { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE TEXT"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 2, 2, _ ("a workspace and the text to find"))) != ESC_CLI_OK)
    return status;
  if (g_strstrip (argv[2])[0] == '\0')
    return esc_cli_usage_error (_ ("“esc-cli search” needs some text to find"));

  /* Writable when it can be, so notes changed since the last search get indexed. */
  store = esc_store_open (argv[1], ESC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return esc_cli_data_error (error);
  if (id != NULL)
    {
      assessment = esc_store_get_assessment (store, id, &error);
      if (assessment == NULL)
        return esc_cli_data_error (error);
    }
  hits = esc_store_search (store, argv[2], assessment != NULL ? assessment->uuid : NULL, 0, &error);
  if (hits == NULL)
    return esc_cli_data_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          const EscSearchHit *hit = g_ptr_array_index (hits, i);

          json_builder_begin_object (builder);
          esc_cli_json_string (builder, "kind", hit->kind == ESC_SEARCH_HIT_NOTE ? "note" : "page");
          if (hit->kind == ESC_SEARCH_HIT_NOTE)
            {
              esc_cli_json_string (builder, "assessment", hit->assessment_uuid);
              esc_cli_json_string (builder, "indicator", hit->item_code);
            }
          else
            {
              esc_cli_json_string (builder, "document", hit->document_uuid);
              esc_cli_json_string (builder, "title", hit->title);
              esc_cli_json_int (builder, "page", hit->page);
            }
          esc_cli_json_string (builder, "snippet", hit->snippet);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  if (hits->len == 0)
    {
      printf (_ ("Nothing contains “%s”.\n"), argv[2]);
      return ESC_CLI_OK;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      const EscSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == ESC_SEARCH_HIT_NOTE)
        /* TRANSLATORS: indicator code, assessment id, the text found */
        printf (_ ("note      indicator %s (assessment %.8s): %s\n"),
                hit->item_code, hit->assessment_uuid, hit->snippet);
      else
        /* TRANSLATORS: document title, page number, the text found */
        printf (_ ("document  %s, page %u: %s\n"), hit->title, hit->page, hit->snippet);
    }
  return ESC_CLI_OK;
}
