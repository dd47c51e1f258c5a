/* esc-restore-dialog.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ESC_TYPE_RESTORE_DIALOG (esc_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EscRestoreDialog, esc_restore_dialog, ESC, RESTORE_DIALOG, AdwWindow)

/* "Restore from backup…": lists the workspace's backups, newest first, and puts the one
 * chosen back in place off the main thread. Emits "restored" (with the path where the
 * replaced content was kept, or NULL) once done: the window then reopens the workspace. */
EscRestoreDialog *esc_restore_dialog_new               (GtkWindow        *parent,
                                                        const char       *workspace_path);
guint             esc_restore_dialog_get_n_backups     (EscRestoreDialog *self);
/* Selects the backup at index (0 = newest), as a click on its row does. */
void              esc_restore_dialog_select            (EscRestoreDialog *self,
                                                        guint             index);
/* Starts the restore of the selected backup, as the Restore button does. */
void              esc_restore_dialog_restore           (EscRestoreDialog *self);
gboolean          esc_restore_dialog_get_running       (EscRestoreDialog *self);
/* The message of the last failure shown, or NULL. */
const char       *esc_restore_dialog_get_error_message (EscRestoreDialog *self);

G_END_DECLS
