/* esc-gui-test-util.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "esc-framework.h"
#include "esc-gui-test-util.h"
#include "esc-lao-csv.h"
#include "esc-scoring.h"
#include "esc-store.h"

/* Runs the main loop until condition holds; FALSE after timeout_ms. */
gboolean
esc_test_wait (EscTestCondition condition,
               gpointer         data,
               guint            timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets the main loop run for ms milliseconds. */
void
esc_test_drain (guint ms)
{
  esc_test_wait (never, NULL, ms);
}

/* The environment of the application as installed, from the build tree. */
void
esc_test_setup_env (gboolean thai)
{
  const char      *source = g_getenv ("ESC_SOURCE_DIR");
  const char      *build = g_getenv ("ESC_BUILD_DIR");
  g_autofree char *data = NULL;
  g_autofree char *locale = NULL;
  g_autofree char *home = NULL;
  const char      *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };

  g_assert_nonnull (source);
  g_assert_nonnull (build);

  /* Private user folders; the system's XDG_DATA_DIRS stay, for MIME types and icons. */
  home = g_dir_make_tmp ("esc-gui-home-XXXXXX", NULL);
  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  data = g_build_filename (source, "data", NULL);
  g_setenv ("ESC_DATA_DIR", data, TRUE);
  if (thai)
    {
      g_setenv ("LANGUAGE", "th", TRUE);
      g_setenv ("LANG", "C.UTF-8", TRUE);
    }
  else
    g_setenv ("LANGUAGE", "en", TRUE);

  setlocale (LC_ALL, "");
  locale = g_build_filename (build, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* A registered application, so window actions and accelerators work. */
EscApplication *
esc_test_application (void)
{
  g_autoptr (GError) error = NULL;
  EscApplication    *app = esc_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  return app;
}

EscWindow *
esc_test_window_new (EscApplication *app)
{
  EscWindow *window = esc_window_new (ADW_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  gtk_window_present (GTK_WINDOW (window));
  esc_test_drain (50);

  return window;
}

static gboolean
workspace_open (gpointer data)
{
  EscWindow *window = data;

  return !esc_window_is_busy (window) && esc_window_get_workspace (window) != NULL;
}

gboolean
esc_test_wait_workspace (EscWindow *window)
{
  return esc_test_wait (workspace_open, window, 30000);
}

/* Sends real key presses to the display (X11 only), as a user would type them. */
gboolean
esc_test_send_keys (const char *keys)
{
  g_autofree char   *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr (GError) error = NULL;
  int                status = 0;
  const char        *argv[] = { NULL, "key", "--clearmodifiers", keys, NULL };

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    return FALSE;

  argv[0] = xdotool;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;

  return g_spawn_check_wait_status (status, NULL);
}

/* A workspace with the shipped framework and the Sisaket list, made by core alone. */
char *
esc_test_make_workspace (const char *dir,
                         GError    **error)
{
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = NULL;
  g_autofree char         *path = g_build_filename (dir, "test.esca", NULL);
  g_autofree char         *csv = g_build_filename (g_getenv ("ESC_SOURCE_DIR"), "data", "laos", "sisaket.csv", NULL);

  framework = esc_framework_new_default (error);
  if (framework == NULL)
    return NULL;
  store = esc_store_create (path, framework, error);
  if (store == NULL)
    return NULL;
  laos = esc_lao_csv_parse_file (csv, framework, NULL, error);
  if (laos == NULL || !esc_store_import_laos (store, laos, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&path);
}

/* Assesses the first n_laos local governments through core, with n_items items
 * answered each (all of them when n_items is G_MAXUINT), in fiscal year 2568. */
gboolean
esc_test_assess (const char *path,
                 guint       n_laos,
                 guint       n_items,
                 GError    **error)
{
  g_autoptr (EscStore)     store = NULL;
  g_autoptr (GPtrArray)    laos = NULL;
  g_autoptr (EscFramework) framework = NULL;
  g_autofree char         *framework_uuid = NULL;

  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return FALSE;
  esc_store_set_author (store, "ทดสอบ");
  framework_uuid = esc_store_get_default_framework_uuid (store, error);
  if (framework_uuid == NULL)
    return FALSE;
  framework = esc_store_get_framework (store, framework_uuid, error);
  laos = esc_store_list_laos (store, error);
  if (framework == NULL || laos == NULL)
    return FALSE;

  for (guint l = 0; l < MIN (n_laos, laos->len); l++)
    {
      const EscLao    *lao = g_ptr_array_index (laos, l);
      g_autofree char *uuid = NULL;
      guint            n = MIN (n_items, esc_framework_get_n_items (framework));

      uuid = esc_store_create_assessment (store, lao->uuid, 2568, framework_uuid, "self", "ทดสอบ", error);
      if (uuid == NULL)
        return FALSE;

      for (guint i = 0; i < n; i++)
        {
          const EscIndicator *item = esc_framework_get_item (framework, i);
          g_autofree char    *note = g_strdup_printf ("ตรวจเอกสารตัวชี้วัด %s แล้ว", item->code);
          EscAnswerChange     change;

          esc_answer_change_init (&change, item->code);
          if (item->method == ESC_SCORING_LPA)
            esc_answer_change_set_value (&change, "lpa", 60 + (l * 7 + i * 3) % 40);
          else
            for (guint d = 0; d < item->n_dimensions; d++)
              esc_answer_change_set_value (&change, item->dimensions[d].id,
                                           MIN (item->dimensions[d].max, (l + i + d * 2) % (guint) (item->dimensions[d].max + 1) + 2));
          change.note = note;
          change.checked = "1";
          if (!esc_store_apply_answer (store, uuid, &change, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Renders a widget as it is on screen into a PNG file. */
gboolean
esc_test_save_png (GtkWidget  *widget,
                   const char *path,
                   GError    **error)
{
  g_autoptr (GdkPaintable)  paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot)   snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture)    texture = NULL;
  int                       width = gtk_widget_get_width (widget);
  int                       height = gtk_widget_get_height (widget);
  GskRenderer              *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing drawn for %s", path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }

  return TRUE;
}

/* The first widget under root (root included) that matches, or NULL. */
GtkWidget *
esc_test_find_widget (GtkWidget *root,
                      gboolean (*match) (GtkWidget *widget))
{
  if (match (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = esc_test_find_widget (child, match);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

/* With ESC_SCREENSHOT_DIR set, saves what widget shows there as name, once it is on screen
 * with a size and transitions have settled; does nothing otherwise. */
void
esc_test_screenshot (GtkWidget  *widget,
                     const char *name)
{
  const char        *dir = g_getenv ("ESC_SCREENSHOT_DIR");
  g_autofree char   *path = NULL;
  g_autoptr (GError) error = NULL;

  if (dir == NULL)
    return;

  g_assert_true (esc_test_wait (drawn, widget, 20000));
  esc_test_drain (600); /* transitions and toasts settle */
  path = g_build_filename (dir, name, NULL);
  g_assert_true (esc_test_save_png (widget, path, &error));
  g_assert_no_error (error);
  g_test_message ("screenshot %s", path);
}

char *
esc_test_first_assessment (const char *path)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (EscStore)  store = esc_store_open (path, ESC_STORE_OPEN_DEFAULT, &error);
  g_autoptr (GPtrArray) laos = NULL;
  g_autoptr (GPtrArray) assessments = NULL;

  g_assert_no_error (error);
  laos = esc_store_list_laos (store, &error);
  g_assert_no_error (error);
  assessments = esc_store_list_assessments (store, ((EscLao *) g_ptr_array_index (laos, 0))->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessments->len, ==, 1);

  return g_strdup (((EscAssessment *) g_ptr_array_index (assessments, 0))->uuid);
}
