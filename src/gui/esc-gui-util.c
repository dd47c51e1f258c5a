/* esc-gui-util.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "esc-gui-util.h"

/* Gives each wrapping label in widget (itself included) that has no minimum width in
 * characters a minimum of min_chars. Without one, GTK measures the minimum width of a
 * wrapping label with its text broken at every place it may break, and Pango shapes the
 * rest of the text again for each of those lines: for a long Thai text that is
 * milliseconds per label, paid again whenever the label changes. This also reaches the
 * title and subtitle labels of rows such as AdwActionRow, which have no property for it. */
void
esc_gui_set_wrap_min_chars (GtkWidget *widget,
                            int        min_chars)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_width_chars (GTK_LABEL (widget)) < 0)
    gtk_label_set_width_chars (GTK_LABEL (widget), min_chars);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    esc_gui_set_wrap_min_chars (child, min_chars);
}
