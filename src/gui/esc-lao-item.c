/* esc-lao-item.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-lao-item.h"

/* One local government of the workspace as the list shows it: its names and the
 * progress of its latest assessment. */
struct _EscLaoItem
{
  GObject      parent_instance;

  EscLao      *lao;
  char        *type_label;
  char        *search_key;
  char        *assessment_uuid;
  char        *progress_text;
  char        *total_text;
  char        *year_text;
  guint        n_done;
  guint        n_total;
  double       total_percent;
  EscLaoStatus status;
};

G_DEFINE_FINAL_TYPE (EscLaoItem, esc_lao_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_CODE,
  PROP_TYPE_LABEL,
  PROP_DISTRICT,
  PROP_PROGRESS_TEXT,
  PROP_TOTAL_TEXT,
  PROP_YEAR_TEXT,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
esc_lao_item_finalize (GObject *object)
{
  EscLaoItem *self = ESC_LAO_ITEM (object);

  g_clear_pointer (&self->lao, esc_lao_free);
  g_free (self->type_label);
  g_free (self->search_key);
  g_free (self->assessment_uuid);
  g_free (self->progress_text);
  g_free (self->total_text);
  g_free (self->year_text);

  G_OBJECT_CLASS (esc_lao_item_parent_class)->finalize (object);
}

static void
esc_lao_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EscLaoItem *self = ESC_LAO_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->lao->name);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->lao->code != NULL ? self->lao->code : "");
      break;
    case PROP_TYPE_LABEL:
      g_value_set_string (value, self->type_label);
      break;
    case PROP_DISTRICT:
      g_value_set_string (value, self->lao->district != NULL ? self->lao->district : "");
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_TOTAL_TEXT:
      g_value_set_string (value, self->total_text);
      break;
    case PROP_YEAR_TEXT:
      g_value_set_string (value, self->year_text);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->n_total > 0 ? (double) self->n_done / self->n_total : 0.0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
esc_lao_item_class_init (EscLaoItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = esc_lao_item_finalize;
  object_class->get_property = esc_lao_item_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE_LABEL] = g_param_spec_string ("type-label", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] = g_param_spec_string ("district", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOTAL_TEXT] = g_param_spec_string ("total-text", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_YEAR_TEXT] = g_param_spec_string ("year-text", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
esc_lao_item_init (EscLaoItem *self)
{
}

EscLaoItem *
esc_lao_item_new (const EscLao *lao,
                  const char   *type_label)
{
  EscLaoItem      *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (lao != NULL, NULL);

  self = g_object_new (ESC_TYPE_LAO_ITEM, NULL);
  self->lao = esc_lao_copy (lao);
  self->type_label = g_strdup (type_label != NULL ? type_label : "");
  name = g_utf8_casefold (lao->name != NULL ? lao->name : "", -1);
  self->search_key = g_strdup_printf ("%s\n%s", name, lao->code != NULL ? lao->code : "");
  esc_lao_item_set_progress (self, NULL, 0, 0, 0, 0.0);

  return self;
}

const EscLao *
esc_lao_item_get_lao (EscLaoItem *self)
{
  g_return_val_if_fail (ESC_IS_LAO_ITEM (self), NULL);

  return self->lao;
}

const char *
esc_lao_item_get_name (EscLaoItem *self)
{
  g_return_val_if_fail (ESC_IS_LAO_ITEM (self), NULL);

  return self->lao->name;
}

/* The case-folded name and the code, for search-as-you-type. */
const char *
esc_lao_item_get_search_key (EscLaoItem *self)
{
  g_return_val_if_fail (ESC_IS_LAO_ITEM (self), NULL);

  return self->search_key;
}

EscLaoStatus
esc_lao_item_get_status (EscLaoItem *self)
{
  g_return_val_if_fail (ESC_IS_LAO_ITEM (self), ESC_LAO_STATUS_NONE);

  return self->status;
}

const char *
esc_lao_item_get_assessment (EscLaoItem *self)
{
  g_return_val_if_fail (ESC_IS_LAO_ITEM (self), NULL);

  return self->assessment_uuid;
}

guint
esc_lao_item_get_n_done (EscLaoItem *self)
{
  g_return_val_if_fail (ESC_IS_LAO_ITEM (self), 0);

  return self->n_done;
}

double
esc_lao_item_get_total_percent (EscLaoItem *self)
{
  g_return_val_if_fail (ESC_IS_LAO_ITEM (self), 0.0);

  return self->total_percent;
}

void
esc_lao_item_set_progress (EscLaoItem *self,
                           const char *assessment_uuid,
                           int         fiscal_year,
                           guint       n_done,
                           guint       n_total,
                           double      total_percent)
{
  g_return_if_fail (ESC_IS_LAO_ITEM (self));

  g_free (self->assessment_uuid);
  self->assessment_uuid = g_strdup (assessment_uuid);
  self->n_done = n_done;
  self->n_total = n_total;
  self->total_percent = total_percent;

  g_free (self->progress_text);
  g_free (self->total_text);
  g_free (self->year_text);
  if (assessment_uuid == NULL)
    {
      self->status = ESC_LAO_STATUS_NONE;
      /* Translators: the progress of a local government that has no assessment */
      self->progress_text = g_strdup (_ ("Not assessed"));
      self->total_text = g_strdup ("—");
      self->year_text = g_strdup ("");
    }
  else
    {
      self->status = n_done >= n_total ? ESC_LAO_STATUS_COMPLETE : ESC_LAO_STATUS_IN_PROGRESS;
      /* Translators: indicators scored out of all indicators, e.g. "12 of 34" */
      self->progress_text = g_strdup_printf (_ ("%u of %u"), n_done, n_total);
      self->total_text = g_strdup_printf ("%.1f %%", total_percent);
      /* Translators: a Thai fiscal year (Buddhist era), e.g. "FY 2568" */
      self->year_text = g_strdup_printf (_ ("FY %d"), fiscal_year);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}
