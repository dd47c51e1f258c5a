/* esc-evidence-list.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents linked to one indicator: attach (chooser or drop), link pages and a
 * caption, rename, unlink, remove, save a copy, open with the default viewer. Writes run
 * on a worker with its own connection to the workspace.
 */
#pragma once

#include <gtk/gtk.h>

#include "esc-evidence.h"

G_BEGIN_DECLS

#define ESC_TYPE_EVIDENCE_LIST (esc_evidence_list_get_type ())
G_DECLARE_FINAL_TYPE (EscEvidenceList, esc_evidence_list, ESC, EVIDENCE_LIST, GtkBox)

GtkWidget      *esc_evidence_list_new              (void);
/* store is read on the main thread (small reads); its path is opened by the workers. */
void            esc_evidence_list_set_item         (EscEvidenceList *self,
                                                    EscStore        *store,
                                                    const char      *assessment_uuid,
                                                    const char      *item_code);
void            esc_evidence_list_reload           (EscEvidenceList *self);
/* What the file chooser and a drop do: attaches each file, then reports the refused. */
void            esc_evidence_list_attach_files     (EscEvidenceList *self,
                                                    GListModel      *files);
/* Opens the file chooser (several files, PDF and photos). */
GtkNativeDialog *esc_evidence_list_choose_files    (EscEvidenceList *self);
/* What "Save a copy…" does: opens the save chooser for the link's document; the copy is
 * written on a worker when it is accepted. NULL when the link is not in the list. */
GtkNativeDialog *esc_evidence_list_save_copy       (EscEvidenceList *self,
                                                    const char      *link_uuid);
/* Lets widget (e.g. the whole indicator page) take dropped files too. */
void            esc_evidence_list_add_drop_target  (EscEvidenceList *self,
                                                    GtkWidget       *widget);
GtkDropTarget  *esc_evidence_list_get_drop_target  (EscEvidenceList *self);

guint           esc_evidence_list_get_n_links      (EscEvidenceList *self);
const EscLink  *esc_evidence_list_get_link         (EscEvidenceList *self,
                                                    guint            index);
const EscLink  *esc_evidence_list_lookup_link      (EscEvidenceList *self,
                                                    const char      *link_uuid);
gboolean        esc_evidence_list_is_busy          (EscEvidenceList *self);
/* The last refusal shown, for tests. */
const char     *esc_evidence_list_get_last_error   (EscEvidenceList *self);

G_END_DECLS
