/* esc-export.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Excel workbooks and evidence packages. The writers take plain reports
 * (EscSarReport, EscProvinceReport) so they can be used and tested without a
 * workspace; esc_export_sar() and esc_export_province() build the reports from
 * a workspace on their own read connection, inside one read transaction, so
 * the export is a consistent snapshot while the user keeps editing.
 */
#pragma once

#include <gio/gio.h>

#include "esc-framework.h"
#include "esc-history.h"

G_BEGIN_DECLS

#define ESC_EXPORT_ERROR (esc_export_error_quark ())

typedef enum
{
  ESC_EXPORT_ERROR_EXISTS,    /* the destination exists and overwriting was not asked */
  ESC_EXPORT_ERROR_READ_ONLY, /* the destination folder cannot be written to */
  ESC_EXPORT_ERROR_NO_SPACE,  /* the disk is full (or the file size limit was hit) */
  ESC_EXPORT_ERROR_NOT_FOUND, /* no such assessment, or nothing to export */
  ESC_EXPORT_ERROR_INVALID,   /* a destination that cannot be used (not a folder…) */
  ESC_EXPORT_ERROR_FAILED,
} EscExportError;

typedef enum
{
  ESC_EXPORT_DEFAULT   = 0,
  ESC_EXPORT_OVERWRITE = 1 << 0, /* replace existing files of the same names */
} EscExportFlags;

/* Called with a fraction in [0, 1] and a short translated message. The
 * async functions call it on the thread-default main context of the caller. */
typedef void (*EscExportProgressFunc) (double      fraction,
                                       const char *message,
                                       gpointer    user_data);

/* Sheet names, the same in every language. */
#define ESC_SAR_SHEET_SUMMARY           "สรุป"
#define ESC_SAR_SHEET_INDICATORS        "ตัวชี้วัด"
#define ESC_SAR_SHEET_EVIDENCE          "หลักฐาน"
#define ESC_SAR_SHEET_HISTORY           "ประวัติ"
#define ESC_PROVINCE_SHEET_LAOS         "อปท."
#define ESC_PROVINCE_SHEET_MATRIX       "ตัวชี้วัด"
#define ESC_PROVINCE_SHEET_DISTRICTS    "อำเภอ"
#define ESC_PROVINCE_SHEET_CHARTS       "แผนภูมิ"
#define ESC_PROVINCE_SHEET_PREPARE      "เตรียมเอกสาร"

/* The longest evidence file name, in bytes, ".pdf" included. */
#define ESC_EXPORT_MAX_NAME_BYTES 120

typedef struct
{
  char  *id;
  char  *name;
  double points;
  double max;
  double percent;
} EscExportComponent;

typedef struct
{
  char    *code;      /* "7", "19", "19.1" */
  gboolean is_part;   /* a part of an indicator (19.1) */
  char    *component; /* the component's name */
  char    *issue;     /* the issue's name */
  char    *name;      /* the indicator's Thai name */
  double   values[ESC_MAX_DIMENSIONS]; /* per dimension column; NAN when blank */
  double   lpa_percent;                /* NAN unless the item takes an LPA score */
  double   points;                     /* NAN when nothing was entered */
  double   max;
  double   percent; /* NAN when nothing was entered */
  char    *status;  /* translated */
  char    *checked; /* criteria ticked, "1, 3" */
  char    *note;
  char    *evidence; /* one line per attached document: "title (pages)" */
} EscExportItem;

typedef struct
{
  char  *uuid;
  char  *file_name;
  char  *title;
  char  *sha256;
  gint64 size;
  int    n_pages;
  char  *items; /* the indicators that use it: "3, 19.1" */
} EscExportDocument;

typedef struct
{
  char *item_code;
  char *document_uuid;
  char *title;
  char *sha256;
  char *pages;
  char *mime; /* "application/pdf", "image/jpeg", "image/png"; NULL for a PDF */
} EscExportLink;

/* One assessment, ready to write. */
typedef struct
{
  char      *lao_code;
  char      *lao_name;
  char      *lao_type; /* the type's Thai name */
  char      *district;
  char      *province;
  int        fiscal_year; /* พ.ศ. */
  char      *kind;        /* translated */
  char      *assessor;
  char      *status; /* translated */
  char      *framework;
  gint64     created_at;
  gint64     updated_at;
  gint64     exported_at;

  GPtrArray *components; /* EscExportComponent */
  double     total_percent;
  double     pass_mark_percent; /* < 0 when the type has none */
  int        passed;            /* 1, 0, or -1 without a pass mark */
  guint      n_complete;
  guint      n_indicators;
  guint      n_with_evidence;

  guint      n_dimensions;
  char      *dimension_names[ESC_MAX_DIMENSIONS];
  GPtrArray *items;     /* EscExportItem */
  GPtrArray *documents; /* EscExportDocument */
  GPtrArray *links;     /* EscExportLink, for the evidence package */
  GPtrArray *history;   /* EscHistoryEntry, newest first */
} EscSarReport;

typedef struct
{
  char    *code;
  char    *name;
  char    *district;
  char    *type; /* abbreviation, "ทต." */
  gboolean assessed;
  char    *status; /* translated; "not assessed" when no assessment */
  double  *component_percent; /* n_components; NAN when not assessed */
  double   total_percent;
  char    *verdict;
  int      passed;           /* 1, 0, or -1 without an assessment or a pass mark */
  double   completeness;     /* fraction of indicators scored, 0 … 1 */
  double  *indicator_points; /* n_indicators; NAN when not entered */
} EscProvinceRow;

/* One line of the working group's "what to prepare next" (see esc-province.h). */
typedef struct
{
  char *code;  /* "7", "19.1" */
  char *name;  /* the indicator's Thai name */
  char *gap;   /* what is missing, translated */
  guint n_laos;
  char *laos;  /* their names, comma-separated */
} EscExportPrepare;

/* The local governments of a workspace for one fiscal year. */
typedef struct
{
  int        fiscal_year;
  char      *title;
  gint64     exported_at;
  guint      n_components;
  char     **component_names; /* n_components */
  guint      n_indicators;
  char     **indicator_codes; /* n_indicators, top-level: "1" … "34" */
  double    *indicator_max;
  GPtrArray *rows; /* EscProvinceRow */
  GPtrArray *prepare; /* EscExportPrepare: what to prepare next, most local governments first */
} EscProvinceReport;

GQuark             esc_export_error_quark       (void);

EscSarReport      *esc_sar_report_new           (void);
void               esc_sar_report_free          (EscSarReport          *report);
EscExportComponent *esc_export_component_new    (const char            *id,
                                                 const char            *name,
                                                 double                 points,
                                                 double                 max,
                                                 double                 percent);
EscExportItem     *esc_export_item_new          (const char            *code);
EscExportDocument *esc_export_document_new      (void);
EscExportLink     *esc_export_link_new          (const char            *item_code,
                                                 const char            *document_uuid,
                                                 const char            *title,
                                                 const char            *sha256,
                                                 const char            *pages);
void               esc_export_document_free     (EscExportDocument     *document);
void               esc_export_link_free         (EscExportLink         *link);

EscProvinceReport *esc_province_report_new      (int                    fiscal_year,
                                                 guint                  n_components,
                                                 guint                  n_indicators);
void               esc_province_report_free     (EscProvinceReport     *report);
EscExportPrepare  *esc_export_prepare_new       (const char            *code,
                                                 const char            *name,
                                                 const char            *gap,
                                                 guint                  n_laos,
                                                 const char            *laos);
/* A row with its arrays sized for the report, every number NAN. */
EscProvinceRow    *esc_province_row_new         (EscProvinceReport     *report);

/* Workbook writers. The file is written beside path under a temporary name
 * and renamed when complete: on failure or cancellation nothing is left
 * under path. */
gboolean           esc_sar_report_write         (EscSarReport          *report,
                                                 const char            *path,
                                                 EscExportFlags         flags,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
gboolean           esc_province_report_write    (EscProvinceReport     *report,
                                                 const char            *path,
                                                 EscExportFlags         flags,
                                                 EscExportProgressFunc  progress,
                                                 gpointer               progress_data,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

/* Evidence file names: "<item>_<short title>.pdf" (.jpg and .png for
 * images), without separators or control characters, at most
 * ESC_EXPORT_MAX_NAME_BYTES bytes of valid UTF-8. */
char              *esc_export_evidence_name     (const char            *item_code,
                                                 const char            *title);
/* One unique name (case-insensitively) per link of report, in order. */
GPtrArray         *esc_export_evidence_names    (EscSarReport          *report);

/* Writes the content of a document (by SHA-256) to stream. */
typedef gboolean (*EscExportBlobFunc) (const char    *sha256,
                                       GOutputStream *stream,
                                       gpointer       user_data,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Writes one file per link into folder (created when missing). Every file is
 * written under a temporary name first; they are renamed only when all are
 * complete. An existing file of the same name is an error without
 * ESC_EXPORT_OVERWRITE. */
gboolean           esc_export_write_evidence    (EscSarReport          *report,
                                                 const char            *folder,
                                                 EscExportFlags         flags,
                                                 EscExportBlobFunc      blob_func,
                                                 gpointer               blob_data,
                                                 EscExportProgressFunc  progress,
                                                 gpointer               progress_data,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

/* From a workspace: opens its own read-only connection on workspace_path.
 * xlsx_path or evidence_dir may be NULL (but not both). */
gboolean           esc_export_sar               (const char            *workspace_path,
                                                 const char            *assessment_id,
                                                 const char            *xlsx_path,
                                                 const char            *evidence_dir,
                                                 EscExportFlags         flags,
                                                 EscExportProgressFunc  progress,
                                                 gpointer               progress_data,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
void               esc_export_sar_async         (const char            *workspace_path,
                                                 const char            *assessment_id,
                                                 const char            *xlsx_path,
                                                 const char            *evidence_dir,
                                                 EscExportFlags         flags,
                                                 EscExportProgressFunc  progress,
                                                 gpointer               progress_data,
                                                 GDestroyNotify         progress_destroy,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean           esc_export_sar_finish        (GAsyncResult          *result,
                                                 GError               **error);

gboolean           esc_export_province          (const char            *workspace_path,
                                                 int                    fiscal_year,
                                                 const char            *xlsx_path,
                                                 EscExportFlags         flags,
                                                 EscExportProgressFunc  progress,
                                                 gpointer               progress_data,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
void               esc_export_province_async    (const char            *workspace_path,
                                                 int                    fiscal_year,
                                                 const char            *xlsx_path,
                                                 EscExportFlags         flags,
                                                 EscExportProgressFunc  progress,
                                                 gpointer               progress_data,
                                                 GDestroyNotify         progress_destroy,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean           esc_export_province_finish   (GAsyncResult          *result,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscSarReport, esc_sar_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscProvinceReport, esc_province_report_free)

G_END_DECLS
