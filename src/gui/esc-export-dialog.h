/* esc-export-dialog.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_EXPORT_DIALOG (esc_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EscExportDialog, esc_export_dialog, ESC, EXPORT_DIALOG, AdwWindow)

/* assessment_uuid may be NULL: then only the province workbook is offered. */
EscExportDialog *esc_export_dialog_new             (GtkWindow       *parent,
                                                    const char      *workspace_path,
                                                    const char      *assessment_uuid,
                                                    int              fiscal_year,
                                                    const char      *lao_name);
void             esc_export_dialog_set_destination (EscExportDialog *self,
                                                    GFile           *file);
GFile           *esc_export_dialog_get_destination (EscExportDialog *self);
void             esc_export_dialog_set_province    (EscExportDialog *self,
                                                    gboolean         province);
void             esc_export_dialog_set_evidence    (EscExportDialog *self,
                                                    gboolean         evidence);
/* The folder the evidence goes to, beside the workbook. */
GFile           *esc_export_dialog_get_evidence_folder (EscExportDialog *self);
/* Starts the export, as the Export button does. */
void             esc_export_dialog_start           (EscExportDialog *self);
/* Cancels a running export, as the Cancel button does. */
void             esc_export_dialog_cancel          (EscExportDialog *self);
gboolean         esc_export_dialog_get_running     (EscExportDialog *self);
double           esc_export_dialog_get_fraction    (EscExportDialog *self);
/* The message of the last failure shown, or NULL. */
const char      *esc_export_dialog_get_error_message (EscExportDialog *self);

G_END_DECLS
