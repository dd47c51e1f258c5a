/* esc-welcome-page.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-welcome-page.h"

/* What the window shows with no workspace open: new, open, recent files. */
struct _EscWelcomePage
{
  AdwBin      parent_instance;

  GtkButton  *new_button;
  GtkButton  *demo_button;
  GtkWidget  *recent_group;
  GtkListBox *recent_list;
};

G_DEFINE_FINAL_TYPE (EscWelcomePage, esc_welcome_page, ADW_TYPE_BIN)

static void
esc_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESC_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (esc_welcome_page_parent_class)->dispose (object);
}

static void
esc_welcome_page_class_init (EscWelcomePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = esc_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/esc-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EscWelcomePage, new_button);
  gtk_widget_class_bind_template_child (widget_class, EscWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, EscWelcomePage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, EscWelcomePage, recent_list);
}

static void
esc_welcome_page_init (EscWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Lists the recent workspaces that still exist, each opening it when activated. */
void
esc_welcome_page_set_recent (EscWelcomePage    *self,
                             const char *const *paths)
{
  GtkWidget *child;
  guint      n = 0;

  g_return_if_fail (ESC_IS_WELCOME_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      AdwActionRow    *row;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;

      name = g_path_get_basename (paths[i]);
      dir = g_path_get_dirname (paths[i]);
      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (row, dir);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", paths[i]);
      gtk_list_box_append (self->recent_list, GTK_WIDGET (row));
      n++;
    }

  gtk_widget_set_visible (self->recent_group, n > 0);
}

void
esc_welcome_page_set_demo (EscWelcomePage *self,
                           gboolean        available)
{
  g_return_if_fail (ESC_IS_WELCOME_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->demo_button), available);
}
