/* esc-store.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "esc-framework.h"

G_BEGIN_DECLS

#define ESC_STORE_ERROR          (esc_store_error_quark ())
#define ESC_STORE_APPLICATION_ID 0x45534341 /* "ESCA" */
#define ESC_STORE_SCHEMA_VERSION 4

typedef enum
{
  ESC_STORE_ERROR_NOT_SQLITE,    /* the file is not an SQLite database */
  ESC_STORE_ERROR_NOT_WORKSPACE, /* SQLite, but not a workspace */
  ESC_STORE_ERROR_TOO_NEW,       /* written by a newer version of the application */
  ESC_STORE_ERROR_READ_ONLY,     /* a write was asked of a read-only workspace */
  ESC_STORE_ERROR_DAMAGED,       /* the file is corrupt */
  ESC_STORE_ERROR_BUSY,          /* another process holds the file too long */
  ESC_STORE_ERROR_FULL,          /* the disk is full */
  ESC_STORE_ERROR_IO,            /* any other I/O failure */
  ESC_STORE_ERROR_NOT_FOUND,     /* no such row */
  ESC_STORE_ERROR_AMBIGUOUS,     /* a name or id prefix matches several rows */
  ESC_STORE_ERROR_INVALID,       /* a value the framework does not allow */
  ESC_STORE_ERROR_EXISTS,        /* creating a file that already exists */
  ESC_STORE_ERROR_FAILED,
} EscStoreError;

/* What esc_store_foreach_assessment_full() reads of each answer. */
typedef enum
{
  ESC_STORE_ANSWERS_ALL         = 0,
  /* The values and the evidence counts: what the totals, verdict and completeness need.
   * The criteria ticked, notes and authors are not read (checked, note and updated_by are
   * NULL, so an item holding only ticks or a note shows as not started). */
  ESC_STORE_ANSWERS_SCORES_ONLY = 1 << 0,
} EscStoreAnswersFlags;

typedef enum
{
  ESC_STORE_OPEN_DEFAULT   = 0,
  ESC_STORE_OPEN_CREATE    = 1 << 0, /* create the file when it does not exist */
  ESC_STORE_OPEN_READ_ONLY = 1 << 1,
} EscStoreOpenFlags;

typedef struct
{
  char  *uuid;
  char  *code;     /* DLA code, may be NULL */
  char  *name;     /* Thai name */
  char  *type;     /* lao type id, see EscLaoType */
  char  *district; /* อำเภอ */
  char  *province;
  gint64 updated_at;
} EscLao;

typedef struct
{
  char  *uuid;
  char  *lao_uuid;
  int    fiscal_year; /* พ.ศ. */
  char  *framework_uuid;
  char  *kind;   /* "self", "review", "site" */
  char  *assessor;
  char  *status; /* "draft", "submitted", "reviewed", "returned" */
  gint64 created_at;
  gint64 updated_at;
} EscAssessment;

typedef struct
{
  char  *item_code;
  double values[ESC_MAX_DIMENSIONS]; /* NAN when not entered; for LPA items values[0] is the percent */
  char  *checked;                    /* criteria ticked, 1-based, "1,3"; NULL when none */
  char  *note;
  char  *updated_by;
  gint64 updated_at;
  guint  n_links; /* evidence links to this item */
} EscAnswer;

/* One change to one scorable item, applied as one transaction. */
typedef struct
{
  const char *item_code;
  guint       n_values;
  const char *keys[ESC_MAX_DIMENSIONS]; /* dimension ids, or "lpa" */
  double      values[ESC_MAX_DIMENSIONS]; /* NAN clears */
  const char *note;    /* NULL leaves it as it is */
  const char *checked; /* NULL leaves it as it is; "" clears */
} EscAnswerChange;

/* An EscStore is used by one thread at a time; a worker thread opens its own on the same
 * path (its SQLite connection is opened without a mutex of its own). */
#define ESC_TYPE_STORE (esc_store_get_type ())
G_DECLARE_FINAL_TYPE (EscStore, esc_store, ESC, STORE, GObject)

GQuark          esc_store_error_quark         (void);

EscStore       *esc_store_open                (const char            *path,
                                               EscStoreOpenFlags      flags,
                                               GError               **error);
/* Creates a new workspace holding the framework (and nothing else). Fails if path exists. */
EscStore       *esc_store_create              (const char            *path,
                                               EscFramework          *framework,
                                               GError               **error);
const char     *esc_store_get_path            (EscStore              *self);
gboolean        esc_store_is_read_only        (EscStore              *self);
/* Changes whenever another connection commits to the file (esc-store-sync.c). */
gboolean        esc_store_get_data_version    (EscStore              *self,
                                               gint64                *version,
                                               GError               **error);
/* The user named in changes and history. */
void            esc_store_set_author          (EscStore              *self,
                                               const char            *author);
const char     *esc_store_get_author          (EscStore              *self);
gint64          esc_store_get_last_change     (EscStore              *self);
gboolean        esc_store_check_integrity     (EscStore              *self,
                                               GPtrArray            **problems,
                                               GError               **error);
/* Groups the writes until esc_store_end_batch() in one transaction (imports, bulk work). */
gboolean        esc_store_begin_batch         (EscStore              *self,
                                               GError               **error);
gboolean        esc_store_end_batch           (EscStore              *self,
                                               gboolean               commit,
                                               GError               **error);

/* Frameworks */
char           *esc_store_add_framework       (EscStore              *self,
                                               EscFramework          *framework,
                                               GError               **error);
EscFramework   *esc_store_get_framework       (EscStore              *self,
                                               const char            *framework_uuid,
                                               GError               **error);
char           *esc_store_get_default_framework_uuid (EscStore       *self,
                                               GError               **error);

/* Local governments */
gboolean        esc_store_import_laos         (EscStore              *self,
                                               GPtrArray             *laos,
                                               guint                 *n_added,
                                               guint                 *n_updated,
                                               GError               **error);
GPtrArray      *esc_store_list_laos           (EscStore              *self,
                                               GError               **error);
EscLao         *esc_store_get_lao             (EscStore              *self,
                                               const char            *uuid,
                                               GError               **error);
/* Finds by DLA code, uuid, exact Thai name, or a unique name substring. */
EscLao         *esc_store_find_lao            (EscStore              *self,
                                               const char            *code_or_name,
                                               GError               **error);

/* Assessments */
char           *esc_store_create_assessment   (EscStore              *self,
                                               const char            *lao_uuid,
                                               int                    fiscal_year,
                                               const char            *framework_uuid,
                                               const char            *kind,
                                               const char            *assessor,
                                               GError               **error);
/* id is a uuid or a unique prefix of at least 4 characters. */
EscAssessment  *esc_store_get_assessment      (EscStore              *self,
                                               const char            *id,
                                               GError               **error);
GPtrArray      *esc_store_list_assessments    (EscStore              *self,
                                               const char            *lao_uuid,
                                               GError               **error);

/* Answers: one EscAnswer per scorable item that has anything entered. */
GPtrArray      *esc_store_load_answers        (EscStore              *self,
                                               const char            *assessment_uuid,
                                               GError               **error);
/* Calls func for every assessment (of fiscal_year, or all when 0) with its answers,
 * reading everything in one pass. The answers are lent: the array and the answers in it
 * are reused after each call, so func must neither keep nor change them. */
typedef void  (*EscAnswersFunc)               (const EscAssessment   *assessment,
                                               const EscLao          *lao,
                                               GPtrArray             *answers,
                                               gpointer               user_data);
gboolean        esc_store_foreach_assessment  (EscStore              *self,
                                               int                    fiscal_year,
                                               EscAnswersFunc         func,
                                               gpointer               user_data,
                                               GError               **error);
gboolean        esc_store_foreach_assessment_full (EscStore          *self,
                                               int                    fiscal_year,
                                               EscStoreAnswersFlags   flags,
                                               EscAnswersFunc         func,
                                               gpointer               user_data,
                                               GError               **error);
gboolean        esc_store_apply_answer        (EscStore              *self,
                                               const char            *assessment_uuid,
                                               const EscAnswerChange *change,
                                               const char            *reason,
                                               GError               **error);

EscLao         *esc_lao_new                   (void);
EscLao         *esc_lao_copy                  (const EscLao          *lao);
void            esc_lao_free                  (EscLao                *lao);
void            esc_assessment_free           (EscAssessment         *assessment);
EscAnswer      *esc_answer_new                (const char            *item_code);
void            esc_answer_free               (EscAnswer             *answer);
void            esc_answer_change_init        (EscAnswerChange       *change,
                                               const char            *item_code);
void            esc_answer_change_set_value   (EscAnswerChange       *change,
                                               const char            *key,
                                               double                 value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscLao, esc_lao_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscAssessment, esc_assessment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscAnswer, esc_answer_free)

G_END_DECLS
