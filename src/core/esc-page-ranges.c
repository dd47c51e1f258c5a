/* esc-page-ranges.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "esc-page-ranges.h"

#define MAX_PAGE 1000000

G_DEFINE_QUARK (esc - page - ranges - error - quark, esc_page_ranges_error)

static int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 0x0E50 && c <= 0x0E59) /* Thai digits ๐ … ๙ */
    return c - 0x0E50;
  return -1;
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2013 /* – */ || c == 0x2012 || c == 0x2212 /* − */;
}

static gboolean
is_separator (gunichar c)
{
  return c == ',' || c == ';' || g_unichar_isspace (c);
}

static void
set_syntax_error (const char *text,
                  GError    **error)
{
  g_set_error (error, ESC_PAGE_RANGES_ERROR, ESC_PAGE_RANGES_ERROR_SYNTAX,
               _ ("“%s” is not a list of pages: write page numbers and ranges such as “3-5, 9”."),
               text);
}

static gboolean
read_number (const char **p,
             guint       *value)
{
  const char *s = *p;
  guint64     v = 0;
  gboolean    any = FALSE;

  for (;;)
    {
      int d = digit_value (g_utf8_get_char (s));

      if (d < 0)
        break;
      v = v * 10 + d;
      if (v > MAX_PAGE)
        v = MAX_PAGE + 1;
      any = TRUE;
      s = g_utf8_next_char (s);
    }
  if (!any)
    return FALSE;
  *value = (guint) v;
  *p = s;
  return TRUE;
}

static const char *
skip_spaces (const char *s)
{
  while (*s != '\0' && g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  return s;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const EscPageRange *ra = a;
  const EscPageRange *rb = b;

  if (ra->first != rb->first)
    return ra->first < rb->first ? -1 : 1;
  return ra->last < rb->last ? -1 : (ra->last > rb->last);
}

/**
 * esc_page_ranges_parse:
 *
 * Returns: (transfer full): an array of EscPageRange, or NULL with error set.
 */
GArray *
esc_page_ranges_parse (const char *text,
                       guint       n_pages,
                       GError    **error)
{
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (EscPageRange));
  g_autoptr (GArray) merged = g_array_new (FALSE, FALSE, sizeof (EscPageRange));
  const char        *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ESC_PAGE_RANGES_ERROR, ESC_PAGE_RANGES_ERROR_SYNTAX,
                           _ ("The list of pages is not valid text."));
      return NULL;
    }

  p = text;
  for (;;)
    {
      EscPageRange range;

      while (*p != '\0' && is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      if (!read_number (&p, &range.first))
        {
          set_syntax_error (text, error);
          return NULL;
        }
      range.last = range.first;
      if (is_dash (g_utf8_get_char (skip_spaces (p))))
        {
          p = skip_spaces (g_utf8_next_char (skip_spaces (p)));
          if (!read_number (&p, &range.last))
            {
              set_syntax_error (text, error);
              return NULL;
            }
        }
      if (*p != '\0' && !is_separator (g_utf8_get_char (p)))
        {
          set_syntax_error (text, error);
          return NULL;
        }

      if (range.first == 0 || range.last == 0)
        {
          g_set_error_literal (error, ESC_PAGE_RANGES_ERROR, ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE,
                               _ ("Pages are numbered from 1."));
          return NULL;
        }
      if (range.last < range.first)
        {
          g_set_error (error, ESC_PAGE_RANGES_ERROR, ESC_PAGE_RANGES_ERROR_SYNTAX,
                       _ ("The range “%u-%u” goes backwards: write the smaller page first."),
                       range.first, range.last);
          return NULL;
        }
      if (range.last > MAX_PAGE && n_pages == 0)
        {
          g_set_error_literal (error, ESC_PAGE_RANGES_ERROR, ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE,
                               _ ("A page number is too large."));
          return NULL;
        }
      if (n_pages > 0 && range.last > n_pages)
        {
          g_set_error (error, ESC_PAGE_RANGES_ERROR, ESC_PAGE_RANGES_ERROR_OUT_OF_RANGE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Page %u does not exist: the document has %u page.",
                                    "Page %u does not exist: the document has %u pages.",
                                    n_pages),
                       MIN (range.last, MAX_PAGE + 1), n_pages);
          return NULL;
        }
      g_array_append_val (ranges, range);
    }

  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      EscPageRange *r = &g_array_index (ranges, EscPageRange, i);
      EscPageRange *last = merged->len > 0 ? &g_array_index (merged, EscPageRange, merged->len - 1) : NULL;

      if (last != NULL && r->first <= last->last + 1)
        last->last = MAX (last->last, r->last);
      else
        g_array_append_val (merged, *r);
    }

  return g_steal_pointer (&merged);
}

char *
esc_page_ranges_to_string (GArray *ranges)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (ranges != NULL, NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      const EscPageRange *r = &g_array_index (ranges, EscPageRange, i);

      if (i > 0)
        g_string_append (s, ", ");
      if (r->first == r->last)
        g_string_append_printf (s, "%u", r->first);
      else
        g_string_append_printf (s, "%u-%u", r->first, r->last);
    }
  return g_string_free (s, FALSE);
}

char *
esc_page_ranges_normalize (const char *text,
                           guint       n_pages,
                           GError    **error)
{
  g_autoptr (GArray) ranges = NULL;

  ranges = esc_page_ranges_parse (text != NULL ? text : "", n_pages, error);
  if (ranges == NULL)
    return NULL;
  return esc_page_ranges_to_string (ranges);
}

gboolean
esc_page_ranges_contains (GArray *ranges,
                          guint   page)
{
  g_return_val_if_fail (ranges != NULL, FALSE);

  for (guint i = 0; i < ranges->len; i++)
    {
      const EscPageRange *r = &g_array_index (ranges, EscPageRange, i);

      if (page >= r->first && page <= r->last)
        return TRUE;
    }
  return FALSE;
}

guint
esc_page_ranges_get_first (GArray *ranges)
{
  g_return_val_if_fail (ranges != NULL, 0);

  return ranges->len > 0 ? g_array_index (ranges, EscPageRange, 0).first : 0;
}
