/* esc-application.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-application.h"
#include "esc-window.h"
#include "esc-workspace.h"

struct _EscApplication
{
  AdwApplication parent_instance;

  gboolean       welcome;
  gboolean       report_first_frame;
  char          *assessment;
  GThread       *thai_breaks;
};

G_DEFINE_FINAL_TYPE (EscApplication, esc_application, ADW_TYPE_APPLICATION)

static EscWindow *
get_window (EscApplication *self,
            gboolean       *created)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  *created = window == NULL;
  if (window == NULL)
    window = GTK_WINDOW (esc_window_new (ADW_APPLICATION (self)));

  return ESC_WINDOW (window);
}

static void
esc_application_activate (GApplication *app)
{
  EscApplication *self = ESC_APPLICATION (app);
  gboolean        created;
  EscWindow      *window = get_window (self, &created);

  /* A first start opens the default workspace, creating it; --welcome shows the start page. */
  if (created)
    esc_window_set_report_first_frame (window, self->report_first_frame);
  if (created && !self->welcome)
    esc_window_open_default (window);

  gtk_window_present (GTK_WINDOW (window));
}

static void
esc_application_open (GApplication *app,
                      GFile       **files,
                      int           n_files,
                      const char   *hint)
{
  EscApplication  *self = ESC_APPLICATION (app);
  g_autofree char *path = NULL;
  gboolean         created;
  EscWindow       *window = get_window (self, &created);

  if (n_files > 0)
    path = g_file_get_path (files[0]);

  if (path != NULL)
    {
      esc_window_set_initial_assessment (window, self->assessment);
      esc_window_set_report_first_frame (window, self->report_first_frame);
      esc_window_open_path (window, path, FALSE);
    }
  else if (created)
    esc_window_open_default (window);

  gtk_window_present (GTK_WINDOW (window));
}

/* A quiet first look at the arguments (GApplication parses them properly after): FALSE
 * when they do not parse. */
static gboolean
peek_arguments (char        **arguments,
                GOptionEntry *entries)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_auto (GStrv)             args = g_strdupv (arguments);

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);

  return g_option_context_parse_strv (context, &args, NULL);
}

/* The workspace a start from this command line will show: the file given, else the last
 * one (NULL with --welcome, or when the default workspace is still to be made). */
static char *
find_start_workspace (char **arguments)
{
  g_auto (GStrv)        files = NULL;
  g_autofree char      *assessment = NULL;
  g_autofree char      *last = NULL;
  g_autoptr (GSettings) settings = NULL;
  gboolean              welcome = FALSE;
  gboolean              first_frame = FALSE;
  GOptionEntry          entries[] = {
             { "welcome", 0, 0, G_OPTION_ARG_NONE, &welcome, NULL, NULL },
             { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment, NULL, NULL },
             { "first-frame", 0, 0, G_OPTION_ARG_NONE, &first_frame, NULL, NULL },
             { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
             { NULL }
  };

  if (!peek_arguments (arguments, entries))
    return NULL;

  if (files != NULL && files[0] != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (files[0]);

      return g_file_get_path (file);
    }
  if (welcome)
    return NULL;

  settings = g_settings_new (BASE_APP_ID);
  last = g_settings_get_string (settings, "last-workspace");
  if (last[0] == '\0')
    return NULL;

  return g_steal_pointer (&last);
}

/* Pango breaks Thai text into words with libthai, whose dictionary is read the first
 * time any Thai text is laid out: several milliseconds of a start's main thread. Breaking
 * a word here reads it while the toolkit starts; startup waits for this thread before the
 * first widget exists, so the dictionary is never read by two threads at once. */
static gpointer
read_thai_dictionary (gpointer data)
{
  static const char thai[] = "เมืองสิ่งแวดล้อมยั่งยืน";
  PangoLogAttr      attrs[G_N_ELEMENTS (thai)];

  pango_get_log_attrs (thai, -1, -1, pango_language_from_string ("th"), attrs, G_N_ELEMENTS (attrs));

  return NULL;
}

static gboolean
esc_application_local_command_line (GApplication *app,
                                    char       ***arguments,
                                    int          *exit_status)
{
  EscApplication  *self = ESC_APPLICATION (app);
  g_autofree char *path = find_start_workspace (*arguments);

  self->thai_breaks = g_thread_new ("esc-thai-breaks", read_thai_dictionary, NULL);
  /* Reading the workspace overlaps the toolkit's start-up, the slowest part of it. */
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    esc_workspace_preload (path);

  return G_APPLICATION_CLASS (esc_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static int
esc_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  EscApplication *self = ESC_APPLICATION (app);

  if (g_variant_dict_contains (options, "welcome"))
    self->welcome = TRUE;
  if (g_variant_dict_contains (options, "first-frame"))
    self->report_first_frame = TRUE;
  g_variant_dict_lookup (options, "assessment", "s", &self->assessment);

  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char     *developers[] = { "The ESC Assessor Authors", NULL };
  GtkWidget      *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _ ("ESC Assessor"),
                        "developer-name", _ ("The ESC Assessor Authors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/escassessor/esc-assessor",
                        "issue-url", "https://github.com/escassessor/esc-assessor/issues",
                        "comments", _ ("Assess local governments for Thailand's Environmentally Sustainable City programme, indicator by indicator, without an internet connection."),
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _ ("translator-credits"),
                        "copyright", "© 2026 The ESC Assessor Authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList          *windows = gtk_application_get_windows (app);

  /* Closing each window lets it commit what is being typed. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

static void
esc_application_startup (GApplication *app)
{
  EscApplication *self = ESC_APPLICATION (app);
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open-workspace", { "<Control>o", NULL } },
    { "win.new-workspace", { "<Control>n", NULL } },
    { "win.previous-indicator", { "<Alt>Left", "<Control>Page_Up", NULL } },
    { "win.next-indicator", { "<Alt>Right", "<Control>Page_Down", NULL } },
    { "win.quick-jump", { "<Control>k", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.show-workspace", { "<Alt>Up", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (esc_application_parent_class)->startup (app);
  if (self->thai_breaks != NULL)
    g_thread_join (g_steal_pointer (&self->thai_breaks));

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
esc_application_finalize (GObject *object)
{
  EscApplication *self = ESC_APPLICATION (object);

  g_free (self->assessment);
  /* A second instance hands its command line over and never starts up. */
  if (self->thai_breaks != NULL)
    g_thread_join (self->thai_breaks);

  G_OBJECT_CLASS (esc_application_parent_class)->finalize (object);
}

static void
esc_application_class_init (EscApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = esc_application_finalize;

  app_class->activate = esc_application_activate;
  app_class->open = esc_application_open;
  app_class->startup = esc_application_startup;
  app_class->handle_local_options = esc_application_handle_local_options;
  app_class->local_command_line = esc_application_local_command_line;
}

static void
esc_application_init (EscApplication *self)
{
  static const GOptionEntry entries[] = {
    { "welcome", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the welcome page instead of the last workspace"), NULL },
    { "assessment", 0, 0, G_OPTION_ARG_STRING, NULL, N_ ("Show this assessment of the workspace given"), N_ ("UUID") },
    { "first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, "Print “first-frame” once the first view is drawn, then quit", NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

EscApplication *
esc_application_new (void)
{
  return g_object_new (ESC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
