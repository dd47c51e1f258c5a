/* esc-province.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The province working group: who takes part each fiscal year, how the group reached
 * out to them, participation targets and multi-year plans, and how ready each
 * participant's documents are for the central review.
 */
#pragma once

#include <glib.h>

#include "esc-framework.h"
#include "esc-scoring.h"
#include "esc-store.h"

G_BEGIN_DECLS

#define ESC_PROVINCE_ERROR (esc_province_error_quark ())

typedef enum
{
  ESC_PROVINCE_ERROR_TRANSITION, /* a status change the rules do not allow */
  ESC_PROVINCE_ERROR_INVALID,    /* a value out of range or unknown */
} EscProvinceError;

/* In the order a local government goes through them. */
typedef enum
{
  ESC_PARTICIPATION_NOT_CONTACTED,
  ESC_PARTICIPATION_INVITED,
  ESC_PARTICIPATION_INTERESTED,
  ESC_PARTICIPATION_REGISTERED, /* registered in SAR */
  ESC_PARTICIPATION_PREPARING,  /* documents in preparation */
  ESC_PARTICIPATION_SUBMITTED,
  ESC_PARTICIPATION_RESULT,
} EscParticipationStatus;

#define ESC_PARTICIPATION_N_STATUSES (ESC_PARTICIPATION_RESULT + 1)

typedef enum
{
  ESC_RESULT_NONE,
  ESC_RESULT_EXCELLENT,  /* ดีเยี่ยม */
  ESC_RESULT_VERY_GOOD,  /* ดีมาก */
  ESC_RESULT_GOOD,       /* ดี */
  ESC_RESULT_NOT_PASSED, /* ไม่ผ่าน */
} EscParticipationResult;

typedef enum
{
  ESC_OUTREACH_LETTER,
  ESC_OUTREACH_MEETING,
  ESC_OUTREACH_VISIT,
  ESC_OUTREACH_CALL,
} EscOutreachKind;

typedef struct
{
  char                  *uuid;
  char                  *lao_uuid;
  int                    fiscal_year; /* พ.ศ. */
  EscParticipationStatus status;
  EscParticipationResult result;
  gboolean               volunteered;
  gboolean               took_part_before;
  char                  *contact; /* contact person: name, position, telephone */
  char                  *note;
  gint64                 updated_at;
  /* Filled when listed: the local government's name, type and district. */
  char                  *lao_name;
  char                  *lao_type;
  char                  *district;
} EscParticipation;

/* One change to one local government's participation in one year. */
typedef struct
{
  int         status;           /* an EscParticipationStatus, or -1 to leave it */
  int         result;           /* an EscParticipationResult, or -1 to leave it */
  int         volunteered;      /* 0, 1, or -1 to leave it */
  int         took_part_before; /* 0, 1, or -1 to leave it */
  const char *contact;          /* NULL leaves it */
  const char *note;             /* NULL leaves it */
  gboolean    correction;       /* allow any status change (fixing a mistake) */
} EscParticipationChange;

typedef struct
{
  char           *uuid;
  char           *lao_uuid;
  int             fiscal_year;
  char           *date; /* ISO 8601 (Gregorian) yyyy-mm-dd; shown in พ.ศ. */
  EscOutreachKind kind;
  char           *notes;
  char           *author;
} EscOutreach;

/* A participation plan: yearly targets over one or more fiscal years (3 or 5 as a rule). */
typedef struct
{
  char *uuid; /* "" for the yearly targets that belong to no plan */
  char *name;
  int   first_year;
  int   n_years;
} EscPlan;

typedef struct
{
  int   fiscal_year;
  char *district; /* "" for the whole province */
  int   target;
} EscTarget;

/* One cell of the dashboard: a year, for the province or one district. */
typedef struct
{
  int        fiscal_year;
  char      *district; /* "" for the whole province */
  int        target;   /* -1 when none was set */
  int        actual;   /* local governments registered in SAR or further */
  GPtrArray *laos;     /* char *: their names, sorted */
} EscProgressCell;

typedef struct
{
  guint      n_years;
  int        first_year;
  GPtrArray *districts; /* char *, sorted; districts with a target or a participant */
  GPtrArray *province;  /* EscProgressCell *, one per year */
  GPtrArray *cells;     /* EscProgressCell *, year-major: cells[y * districts->len + d] */
  int        plan_target;   /* the target of the plan's last year (participants to reach) */
  int        total_target;  /* the sum of the yearly province targets */
  int        total_actual;  /* the sum of the yearly actuals */
  int        distinct_laos; /* local governments taking part in at least one year */
  GPtrArray *problems;      /* char *: inconsistencies worth telling the working group */
} EscPlanProgress;

/* What the central review would find missing on one scorable item. */
typedef enum
{
  ESC_GAP_NEEDS_FIX   = 1 << 0, /* a reviewer asked for a fix */
  ESC_GAP_NO_SCORE    = 1 << 1, /* not every dimension scored */
  ESC_GAP_NO_EVIDENCE = 1 << 2,
  ESC_GAP_NO_PAGES    = 1 << 3, /* evidence attached without the pages that show it */
  ESC_GAP_BELOW_PASS  = 1 << 4, /* fewer points than the pass mark needs */
} EscGap;

#define ESC_N_GAPS 5

/* Evidence and review facts of one item, read from the store. */
typedef struct
{
  char *item_code;
  guint n_links;
  guint n_links_without_pages;
  char *needs_fix; /* the latest comment asking for a fix, unless accepted since; NULL */
} EscItemCheck;

typedef struct
{
  const EscIndicator *item; /* a scorable item (19.1, not 19) */
  double              points; /* -1 when nothing entered */
  double              max;
  double              needed; /* points the pass mark asks of this item */
  guint               gaps;   /* EscGap flags */
  char               *fix_request;
} EscReadinessItem;

typedef struct
{
  EscFramework *framework;      /* the items point into it */
  double     pass_mark_percent; /* < 0 when the type has none */
  guint      n_items;           /* scorable items */
  guint      n_ready;           /* items without any gap */
  guint      counts[ESC_N_GAPS]; /* items per gap, in EscGap bit order */
  GPtrArray *items;             /* EscReadinessItem *, only items with a gap, in framework order */
} EscReadiness;

/* One line of the province's "what to prepare next" list. */
typedef struct
{
  const EscIndicator *item;
  EscGap              gap;
  GPtrArray          *laos; /* char *: names of the local governments concerned */
} EscPrepareEntry;

GQuark               esc_province_error_quark          (void);
/* TRUE when messages are shown in Thai: framework wordings then use their Thai text. */
gboolean             esc_province_use_thai             (void);

const char          *esc_participation_status_to_id    (EscParticipationStatus status);
gboolean             esc_participation_status_from_string (const char          *text,
                                                       EscParticipationStatus *status);
const char          *esc_participation_status_get_label (EscParticipationStatus status);
const char          *esc_participation_result_to_id    (EscParticipationResult result);
gboolean             esc_participation_result_from_string (const char          *text,
                                                       EscParticipationResult *result);
const char          *esc_participation_result_get_label (EscParticipationResult result);
const char          *esc_outreach_kind_to_id           (EscOutreachKind        kind);
gboolean             esc_outreach_kind_from_string     (const char            *text,
                                                       EscOutreachKind       *kind);
const char          *esc_outreach_kind_get_label       (EscOutreachKind        kind);
/* Counts towards the targets: registered in SAR or further. */
gboolean             esc_participation_status_counts   (EscParticipationStatus status);

/* The status rules. A change moves forward any number of steps up to "documents in
 * preparation"; "submitted" needs registration in SAR; a result needs a submitted
 * self-assessment and a rating, and only a result carries a rating; going back is one
 * step at a time and never out of a result, unless correction is set. */
gboolean             esc_participation_check_transition (EscParticipationStatus from,
                                                       EscParticipationStatus to,
                                                       EscParticipationResult result,
                                                       gboolean               correction,
                                                       GError               **error);

EscParticipation    *esc_participation_new             (void);
void                 esc_participation_free            (EscParticipation      *participation);
void                 esc_participation_change_init     (EscParticipationChange *change);
void                 esc_outreach_free                 (EscOutreach           *outreach);
EscPlan             *esc_plan_new                      (const char            *name,
                                                       int                    first_year,
                                                       int                    n_years);
void                 esc_plan_free                     (EscPlan               *plan);
EscTarget           *esc_target_new                    (int                    fiscal_year,
                                                       const char            *district,
                                                       int                    target);
void                 esc_target_free                   (EscTarget             *target);
void                 esc_item_check_free               (EscItemCheck          *check);

/* Targets arithmetic. targets: EscTarget *, those of plan; participations: EscParticipation *
 * of any years (listed, so with names and districts). A year's province target is the one
 * set for the province, else the sum of its district targets. */
EscPlanProgress     *esc_plan_progress_compute         (const EscPlan         *plan,
                                                       GPtrArray             *targets,
                                                       GPtrArray             *participations);
void                 esc_plan_progress_free            (EscPlanProgress       *progress);
const EscProgressCell *esc_plan_progress_get_cell      (EscPlanProgress       *progress,
                                                       int                    fiscal_year,
                                                       const char            *district);
/* Fills n_years yearly targets rising evenly from first_target to last_target. */
GPtrArray           *esc_plan_spread_targets           (int                    first_year,
                                                       int                    n_years,
                                                       int                    first_target,
                                                       int                    last_target);

/* Readiness of one assessment. answers: EscAnswer *; checks: EscItemCheck *. */
EscReadiness        *esc_readiness_compute             (EscFramework          *framework,
                                                       const char            *lao_type,
                                                       GPtrArray             *answers,
                                                       GPtrArray             *checks);
void                 esc_readiness_free                (EscReadiness          *readiness);
guint                esc_gap_index                     (EscGap                 gap);
const char          *esc_gap_get_label                 (EscGap                 gap);
/* What to do about one gap of one item, as a sentence ("Attach evidence for …"). */
char                *esc_readiness_item_describe       (const EscReadinessItem *item,
                                                       EscGap                 gap);
/* The actions for one local government, most urgent first: char *. */
GPtrArray           *esc_readiness_to_actions          (const EscReadiness    *readiness);
/* Sums readiness of several local governments into a list: EscPrepareEntry *, the entries
 * concerning most local governments first. readinesses and names run in parallel. */
GPtrArray           *esc_readiness_summarize           (GPtrArray             *readinesses,
                                                       GPtrArray             *names);
void                 esc_prepare_entry_free            (EscPrepareEntry       *entry);

/* The assessment of a local government for a fiscal year: the self-assessment changed
 * last, else the assessment of another kind changed last; NULL (without error) if none. */
EscAssessment       *esc_province_find_assessment      (EscStore              *store,
                                                       const char            *lao_uuid,
                                                       int                    fiscal_year,
                                                       GError               **error);
/* Readiness of one local government in a fiscal year; NULL (without error) when it has
 * no assessment that year. */
EscReadiness        *esc_province_load_readiness       (EscStore              *store,
                                                       const EscLao          *lao,
                                                       int                    fiscal_year,
                                                       GError               **error);
/* Readiness of every local government taking part in fiscal_year (registered in SAR or
 * further) that has an assessment: EscReadiness *, with their names in *names. */
GPtrArray           *esc_province_load_all_readiness   (EscStore              *store,
                                                       int                    fiscal_year,
                                                       GPtrArray            **names,
                                                       GError               **error);

/* Store: participation, outreach, plans and targets, the province's benefits text. */
EscParticipation    *esc_store_get_participation       (EscStore              *self,
                                                       const char            *lao_uuid,
                                                       int                    fiscal_year,
                                                       GError               **error);
gboolean             esc_store_set_participation       (EscStore              *self,
                                                       const char            *lao_uuid,
                                                       int                    fiscal_year,
                                                       const EscParticipationChange *change,
                                                       const char            *reason,
                                                       GError               **error);
/* fiscal_year 0 lists every year. */
GPtrArray           *esc_store_list_participation      (EscStore              *self,
                                                       int                    fiscal_year,
                                                       GError               **error);
gboolean             esc_store_add_outreach            (EscStore              *self,
                                                       const char            *lao_uuid,
                                                       int                    fiscal_year,
                                                       const char            *date,
                                                       EscOutreachKind        kind,
                                                       const char            *notes,
                                                       GError               **error);
/* lao_uuid NULL and fiscal_year 0 list everything. */
GPtrArray           *esc_store_list_outreach           (EscStore              *self,
                                                       const char            *lao_uuid,
                                                       int                    fiscal_year,
                                                       GError               **error);
/* Creates a plan, or returns the uuid of the one with that name and the same years. */
char                *esc_store_create_plan             (EscStore              *self,
                                                       const char            *name,
                                                       int                    first_year,
                                                       int                    n_years,
                                                       GError               **error);
GPtrArray           *esc_store_list_plans              (EscStore              *self,
                                                       GError               **error);
EscPlan             *esc_store_find_plan               (EscStore              *self,
                                                       const char            *name,
                                                       GError               **error);
/* plan_uuid NULL or "": the yearly targets; district NULL or "": the whole province;
 * target < 0 removes the target. */
gboolean             esc_store_set_target              (EscStore              *self,
                                                       const char            *plan_uuid,
                                                       int                    fiscal_year,
                                                       const char            *district,
                                                       int                    target,
                                                       GError               **error);
GPtrArray           *esc_store_list_targets            (EscStore              *self,
                                                       const char            *plan_uuid,
                                                       GError               **error);
gboolean             esc_store_set_benefits            (EscStore              *self,
                                                       const char            *province,
                                                       const char            *text,
                                                       GError               **error);
/* "" when none was written. */
char                *esc_store_get_benefits            (EscStore              *self,
                                                       const char            *province,
                                                       GError               **error);
/* EscItemCheck * for every item with evidence or review comments. */
GPtrArray           *esc_store_load_item_checks        (EscStore              *self,
                                                       const char            *assessment_uuid,
                                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscParticipation, esc_participation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscOutreach, esc_outreach_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscPlan, esc_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscPlanProgress, esc_plan_progress_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EscReadiness, esc_readiness_free)

G_END_DECLS
