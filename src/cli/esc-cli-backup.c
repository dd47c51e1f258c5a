/* esc-cli-backup.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backups and damaged workspaces: backups list, backups create, restore, salvage.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "esc-backup.h"
#include "esc-cli-private.h"
#include "esc-format.h"
#include "esc-salvage.h"
#include "esc-thai.h"

static gboolean
prefers_thai (void)
{
  const char *const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "th");
}

int
esc_cli_backups_list (int    argc,
                      char **argv)
{
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GError)    error = NULL;
  g_autofree char      *folder = NULL;
  gboolean              json = FALSE;
  GOptionEntry          entries[] = {
             { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
             { NULL }
  };
  int status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;

  backups = esc_backup_list (argv[1], &error);
  if (backups == NULL)
    return esc_cli_data_error (error);
  folder = esc_backup_get_folder (argv[1]);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode)    root = NULL;

      json_builder_begin_object (builder);
      esc_cli_json_string (builder, "folder", folder);
      json_builder_set_member_name (builder, "backups");
      json_builder_begin_array (builder);
      for (guint i = 0; i < backups->len; i++)
        {
          EscBackup       *backup = g_ptr_array_index (backups, i);
          g_autofree char *created = g_date_time_format_iso8601 (backup->created);

          json_builder_begin_object (builder);
          esc_cli_json_int (builder, "number", i + 1);
          esc_cli_json_string (builder, "created", created);
          esc_cli_json_string (builder, "reason", backup->reason);
          esc_cli_json_int (builder, "size", backup->size);
          esc_cli_json_string (builder, "path", backup->path);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      esc_cli_print_json (root);
      return ESC_CLI_OK;
    }

  if (backups->len == 0)
    {
      printf (_ ("No backups of %s yet (they go to %s)\n"), argv[1], folder);
      return ESC_CLI_OK;
    }
  for (guint i = 0; i < backups->len; i++)
    {
      EscBackup            *backup = g_ptr_array_index (backups, i);
      g_autoptr (GDateTime) local = g_date_time_to_local (backup->created);
      g_autofree char      *when = esc_thai_format_date (local, prefers_thai ());
      g_autofree char      *size = esc_format_size (backup->size);

      printf ("%u\t%s\t%s\t%s\t%s\n", i + 1, when, backup->reason, size, backup->path);
    }
  return ESC_CLI_OK;
}

int
esc_cli_backups_create (int    argc,
                        char **argv)
{
  g_autoptr (EscStore) store = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *path = NULL;
  GOptionEntry         entries[] = { { NULL } };
  int                  status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 1, 1, _ ("a workspace"))) != ESC_CLI_OK)
    return status;

  store = esc_cli_open_store (argv[1], FALSE, &status);
  if (store == NULL)
    return status;
  path = esc_backup_create (store, "manual", &error);
  if (path == NULL)
    return esc_cli_data_error (error);

  printf ("%s\n", path);
  return ESC_CLI_OK;
}

/* A backup named by its number in `backups list` (1 = newest) or by its path. */
static char *
find_backup (const char *workspace,
             const char *name,
             int        *status)
{
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GError)    error = NULL;
  char                 *end = NULL;
  guint64               number;

  if (g_file_test (name, G_FILE_TEST_EXISTS))
    return g_strdup (name);

  number = g_ascii_strtoull (name, &end, 10);
  if (end == name || *end != '\0')
    {
      *status = esc_cli_usage_error (_ ("“%s” is neither a backup file nor a number from “esc-cli backups list”"),
                                     name);
      return NULL;
    }

  backups = esc_backup_list (workspace, &error);
  if (backups == NULL)
    {
      *status = esc_cli_data_error (error);
      return NULL;
    }
  if (number < 1 || number > backups->len)
    {
      *status = esc_cli_data_error_printf (
        g_dngettext (GETTEXT_PACKAGE, "There is no backup %s: %s has %u backup",
                     "There is no backup %s: %s has %u backups", backups->len),
        name, workspace, backups->len);
      return NULL;
    }

  return g_strdup (((EscBackup *) g_ptr_array_index (backups, number - 1))->path);
}

int
esc_cli_restore (int    argc,
                 char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *backup = NULL;
  g_autofree char   *safety = NULL;
  GOptionEntry       entries[] = { { NULL } };
  int                status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "WORKSPACE BACKUP"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 2, 2,
                                          _ ("a workspace and a backup (a number from “esc-cli backups list”, or a file)"))) != ESC_CLI_OK)
    return status;

  backup = find_backup (argv[1], argv[2], &status);
  if (backup == NULL)
    return status;

  if (!esc_backup_restore (argv[1], backup, &safety, &error))
    return esc_cli_data_error (error);

  printf (_ ("%s now holds the backup %s\n"), argv[1], backup);
  if (safety != NULL)
    printf (_ ("What it held before was kept as %s\n"), safety);
  return ESC_CLI_OK;
}

int
esc_cli_salvage (int    argc,
                 char **argv)
{
  g_autoptr (GPtrArray) tables = NULL;
  g_autoptr (GError)    error = NULL;
  gboolean              lost = FALSE;
  GOptionEntry          entries[] = { { NULL } };
  int                   status;

  if (!esc_cli_parse_options (entries, &argc, &argv, "DAMAGED NEW"))
    return ESC_CLI_USAGE_ERROR;
  if ((status = esc_cli_expect_arguments (argc, argv, 2, 2,
                                          _ ("the damaged workspace and a new file name"))) != ESC_CLI_OK)
    return status;

  tables = esc_store_salvage (argv[1], argv[2], &error);
  if (tables == NULL)
    return esc_cli_data_error (error);

  for (guint i = 0; i < tables->len; i++)
    {
      EscSalvageTable *table = g_ptr_array_index (tables, i);

      printf (_ ("%s: %u rows copied"), table->description, table->n_copied);
      if (table->n_dropped > 0)
        printf (_ (", %u left out (they belong to rows that were lost)"), table->n_dropped);
      if (table->n_unreadable > 0)
        printf (_ (", %u unreadable"), table->n_unreadable);
      if (table->damaged)
        printf (_ (", damaged: some rows may be missing"));
      printf ("\n");
      lost = lost || table->n_dropped > 0 || table->n_unreadable > 0 || table->damaged;
    }

  if (lost)
    printf (_ ("%s holds what could be read; check it, then compare with your latest backup\n"),
            argv[2]);
  else
    printf (_ ("%s holds everything; nothing was lost\n"), argv[2]);
  return ESC_CLI_OK;
}

void
esc_cli_print_damage (const char *path)
{
  g_autoptr (GPtrArray) report = esc_store_describe_damage (path, NULL);

  for (guint i = 0; report != NULL && i < report->len; i++)
    fprintf (stderr, "%s: %s\n", path, (const char *) g_ptr_array_index (report, i));
}
