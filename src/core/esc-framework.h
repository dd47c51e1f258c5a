/* esc-framework.h
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ESC_FRAMEWORK_ERROR (esc_framework_error_quark ())
#define ESC_MAX_DIMENSIONS  4

typedef enum
{
  ESC_FRAMEWORK_ERROR_PARSE,   /* not JSON at all */
  ESC_FRAMEWORK_ERROR_INVALID, /* JSON, but not a valid framework */
} EscFrameworkError;

typedef enum
{
  ESC_PROVENANCE_OFFICIAL,
  ESC_PROVENANCE_SECONDARY,
  ESC_PROVENANCE_RECONSTRUCTED,
} EscProvenance;

typedef enum
{
  ESC_SCORING_DIMENSIONS, /* points entered per dimension (process/output/outcome) */
  ESC_SCORING_LPA,        /* an LPA percentage converted to points by a rule */
  ESC_SCORING_PARTS,      /* the indicator combines the points of its parts (19.1, 19.2) */
} EscScoringMethod;

typedef enum
{
  ESC_COMBINE_MEAN, /* indicator points = mean of the parts' points (each part has the full max) */
  ESC_COMBINE_SUM,  /* indicator points = sum of the parts' points (parts' maxima add up) */
} EscCombine;

typedef enum
{
  ESC_LPA_RULE_PROPORTIONAL, /* points = percent / 100 * max */
  ESC_LPA_RULE_BANDS,        /* points of the highest band whose min_percent <= percent */
} EscLpaRule;

/* A wording, in Thai and English, with where it comes from. */
typedef struct
{
  char         *th;
  char         *en;
  EscProvenance provenance;
} EscText;

typedef struct
{
  char   *id; /* "process", "output", "outcome" */
  EscText name;
  double  max;
} EscDimension;

typedef struct
{
  double min_percent;
  double points;
} EscLpaBand;

typedef struct _EscIndicator EscIndicator;

struct _EscIndicator
{
  char            *code;         /* "1" … "34", or a part "19.1" */
  char            *component_id; /* "1" … "4" */
  char            *issue_id;     /* "1.1" … */
  EscText          name;
  double           max_points;
  EscScoringMethod method;

  EscDimension    *dimensions; /* ESC_SCORING_DIMENSIONS */
  guint            n_dimensions;

  EscText          lpa_source; /* ESC_SCORING_LPA: where the LPA score comes from */
  EscLpaRule       lpa_rule;
  EscLpaBand      *lpa_bands;
  guint            n_lpa_bands;

  EscIndicator   **parts; /* ESC_SCORING_PARTS */
  guint            n_parts;
  EscCombine       combine;
  EscIndicator    *parent; /* set on parts */

  EscText         *criteria;
  guint            n_criteria;
  EscText         *evidence;
  guint            n_evidence;

  guint            item_index; /* position among the scorable items, parts included; G_MAXUINT for ESC_SCORING_PARTS */
  guint            position;   /* position among the top-level indicators; parts share their parent's */
};

typedef struct
{
  char   *id;
  char   *component_id;
  EscText name;
} EscIssue;

typedef struct
{
  char          *id;
  EscText        name;
  double         weight_percent;
  EscIndicator **indicators; /* borrowed, in order */
  guint          n_indicators;
} EscComponent;

typedef struct
{
  char   *id;   /* "pao", "city", "town", "subdistrict", "sao", "special" */
  char   *abbr; /* "อบจ.", "ทน.", … */
  EscText name;
  double  pass_mark_percent; /* < 0 when the framework sets no pass mark for the type */
} EscLaoType;

typedef struct
{
  char   *id;
  EscText name;
  double  min_percent; /* < 0 when the cut-off is not published */
} EscRating;

/* A loaded framework never changes: it may be shared between threads, and
 * the structs it returns live as long as it does. */
#define ESC_TYPE_FRAMEWORK (esc_framework_get_type ())
G_DECLARE_FINAL_TYPE (EscFramework, esc_framework, ESC, FRAMEWORK, GObject)

GQuark               esc_framework_error_quark       (void);

/* Errors: a GFileError when the file cannot be read; ESC_FRAMEWORK_ERROR with
 * a message "FILE: $.json.path: what is wrong; what was expected" otherwise. */
EscFramework        *esc_framework_new_from_file     (const char    *path,
                                                      GError       **error);
EscFramework        *esc_framework_new_from_data     (const char    *data,
                                                      gssize         length,
                                                      const char    *display_name,
                                                      GError       **error);
EscFramework        *esc_framework_new_default       (GError       **error);
char                *esc_framework_find_default_path (void);

const char          *esc_framework_get_id            (EscFramework  *self);
int                  esc_framework_get_fiscal_year   (EscFramework  *self);
const EscText       *esc_framework_get_title         (EscFramework  *self);
/* The exact bytes loaded (transfer none), and their SHA-256 in lower-case hex. */
GBytes              *esc_framework_get_source        (EscFramework  *self);
const char          *esc_framework_get_sha256        (EscFramework  *self);
const char          *esc_framework_get_display_name  (EscFramework  *self);
/* A caveat about the whole file, or NULL. */
const EscText       *esc_framework_get_note          (EscFramework  *self);
const char * const  *esc_framework_get_sources       (EscFramework  *self);

/* The scoring dimensions the framework declares (max is 0 here). */
guint                esc_framework_get_n_dimensions  (EscFramework  *self);
const EscDimension  *esc_framework_get_dimension     (EscFramework  *self,
                                                      guint          index);

guint                esc_framework_get_n_components  (EscFramework  *self);
const EscComponent  *esc_framework_get_component     (EscFramework  *self,
                                                      guint          index);
const EscComponent  *esc_framework_lookup_component  (EscFramework  *self,
                                                      const char    *id);
guint                esc_framework_get_n_issues      (EscFramework  *self);
const EscIssue      *esc_framework_get_issue         (EscFramework  *self,
                                                      guint          index);
const EscIssue      *esc_framework_lookup_issue      (EscFramework  *self,
                                                      const char    *id);

/* The top-level indicators, 1 … 34. */
guint                esc_framework_get_n_indicators  (EscFramework  *self);
const EscIndicator  *esc_framework_get_indicator     (EscFramework  *self,
                                                      guint          index);
/* The scorable items: every indicator, with 19 replaced by 19.1 and 19.2. */
guint                esc_framework_get_n_items       (EscFramework  *self);
const EscIndicator  *esc_framework_get_item          (EscFramework  *self,
                                                      guint          index);
/* Any code: "7", "19", "19.1". */
const EscIndicator  *esc_framework_lookup_indicator  (EscFramework  *self,
                                                      const char    *code);
int                  esc_indicator_find_dimension    (const EscIndicator *indicator,
                                                      const char    *id);
double               esc_indicator_lpa_points        (const EscIndicator *indicator,
                                                      double         percent);
/* The indicator's points from its parts' points (n_parts values, in order). */
double               esc_indicator_combine_parts     (const EscIndicator *indicator,
                                                      const double  *part_points);

guint                esc_framework_get_n_lao_types   (EscFramework  *self);
const EscLaoType    *esc_framework_get_lao_type      (EscFramework  *self,
                                                      guint          index);
/* Matches an id, an abbreviation, a Thai or English name. */
const EscLaoType    *esc_framework_lookup_lao_type   (EscFramework  *self,
                                                      const char    *text);

guint                esc_framework_get_n_ratings     (EscFramework  *self);
const EscRating     *esc_framework_get_rating        (EscFramework  *self,
                                                      guint          index);

/* The Thai text when lang starts with "th" or the English one is missing. */
const char          *esc_text_get                    (const EscText *text,
                                                      gboolean       thai);
const char          *esc_provenance_to_string        (EscProvenance  provenance);
/* A translated label for the window, e.g. "Reconstructed". */
const char          *esc_provenance_get_label        (EscProvenance  provenance);

G_END_DECLS
