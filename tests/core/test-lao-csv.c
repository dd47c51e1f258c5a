/* test-lao-csv.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "esc-lao-csv.h"

#define HEADER "code,name,type,district,province\n"

static GPtrArray *
parse (const char *text,
       GPtrArray **problems,
       GError    **error)
{
  return esc_lao_csv_parse (text, strlen (text), NULL, problems, error);
}

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  GPtrArray            *laos = parse (text, &problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (laos);
  g_assert_cmpuint (problems->len, ==, 0);
  return laos;
}

static const EscLao *
lao_at (GPtrArray *laos,
        guint      index)
{
  g_assert_cmpuint (index, <, laos->len);
  return g_ptr_array_index (laos, index);
}

/* Asserts that text is refused as a whole with exactly the problems expected, each given
 * as "Line N:" followed by a part of the message. */
static void
assert_bad_rows (const char        *text,
                 const char *const *expected)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = parse (text, &problems, &error);
  guint                 n = g_strv_length ((char **) expected);

  g_assert_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_BAD_ROWS);
  g_assert_null (laos);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      const char      *problem = g_ptr_array_index (problems, i);
      const char      *colon = strchr (expected[i], ':');
      g_autofree char *prefix = g_strndup (expected[i], colon - expected[i] + 1);

      g_assert_true (g_str_has_prefix (problem, prefix));
      g_assert_nonnull (strstr (problem, colon + 1));
    }
}

static void
test_shipped_list (void)
{
  g_autofree char       *path = g_build_filename (SOURCE_DATADIR, "laos", "sisaket.csv", NULL);
  g_autoptr (GPtrArray)  problems = NULL;
  g_autoptr (GError)     error = NULL;
  g_autoptr (GPtrArray)  laos = esc_lao_csv_parse_file (path, NULL, &problems, &error);
  g_autoptr (GHashTable) districts = g_hash_table_new (g_str_hash, g_str_equal);
  guint                  n_pao = 0, n_town = 0, n_subdistrict = 0, n_sao = 0;

  g_assert_no_error (error);
  g_assert_nonnull (laos);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The reference: 1 อบจ. + 216 (2 ทม., 35 ทต., 179 อบต.) in 22 districts. */
  g_assert_cmpuint (laos->len, ==, 217);
  for (guint i = 0; i < laos->len; i++)
    {
      const EscLao *lao = lao_at (laos, i);

      g_assert_null (lao->code); /* no official code is invented */
      g_assert_cmpstr (lao->province, ==, "ศรีสะเกษ");
      g_assert_cmpstr (lao->district, !=, "");
      g_hash_table_add (districts, lao->district);
      if (g_str_equal (lao->type, "pao"))
        n_pao++;
      else if (g_str_equal (lao->type, "town"))
        n_town++;
      else if (g_str_equal (lao->type, "subdistrict"))
        n_subdistrict++;
      else if (g_str_equal (lao->type, "sao"))
        n_sao++;
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (n_pao, ==, 1);
  g_assert_cmpuint (n_town, ==, 2);
  g_assert_cmpuint (n_subdistrict, ==, 35);
  g_assert_cmpuint (n_sao, ==, 179);
  g_assert_cmpuint (g_hash_table_size (districts), ==, 22);

  g_assert_cmpstr (lao_at (laos, 0)->name, ==, "องค์การบริหารส่วนจังหวัดศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 0)->district, ==, "เมืองศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 1)->name, ==, "เทศบาลเมืองศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 1)->type, ==, "town");
}

static void
test_with_framework (void)
{
  g_autofree char         *framework_path = g_build_filename (SOURCE_DATADIR, "frameworks", "esc-2568.json", NULL);
  g_autofree char         *path = g_build_filename (SOURCE_DATADIR, "laos", "sisaket.csv", NULL);
  g_autoptr (EscFramework) framework = NULL;
  g_autoptr (GPtrArray)    problems = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (GPtrArray)    laos = NULL;
  const char              *text = "name,type\n"
                                  "ก,TAO\n" /* an alias the framework declares */
                     "ข,เทศบาลตำบล\n"       /* its Thai name */
                     "ค,ทม\n"               /* an abbreviation without its dot */
                     "ง,village\n";

  framework = esc_framework_new_from_file (framework_path, &error);
  g_assert_no_error (error);

  laos = esc_lao_csv_parse_file (path, framework, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (laos->len, ==, 217);
  for (guint i = 0; i < laos->len; i++)
    g_assert_nonnull (esc_framework_lookup_lao_type (framework, lao_at (laos, i)->type));
  g_clear_pointer (&laos, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  laos = esc_lao_csv_parse (text, strlen (text), framework, &problems, &error);
  g_assert_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_BAD_ROWS);
  g_assert_null (laos);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "Line 5: unknown type “village”"));
  /* The message names the types the framework accepts. */
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "อบต. (sao)"));
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  laos = esc_lao_csv_parse (text, strlen (text) - strlen ("ง,village\n"), framework, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (laos->len, ==, 3);
  g_assert_cmpstr (lao_at (laos, 0)->type, ==, "sao");
  g_assert_cmpstr (lao_at (laos, 1)->type, ==, "subdistrict");
  g_assert_cmpstr (lao_at (laos, 2)->type, ==, "town");
}

static void
test_plain (void)
{
  g_autoptr (GPtrArray) laos = parse_ok (HEADER
                                         "3330101,เทศบาลเมืองศรีสะเกษ,town,เมืองศรีสะเกษ,ศรีสะเกษ\n"
                                         ",องค์การบริหารส่วนตำบลคูซอด,sao,เมืองศรีสะเกษ,ศรีสะเกษ\n");

  g_assert_cmpuint (laos->len, ==, 2);
  g_assert_cmpstr (lao_at (laos, 0)->code, ==, "3330101");
  g_assert_cmpstr (lao_at (laos, 0)->name, ==, "เทศบาลเมืองศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 0)->type, ==, "town");
  g_assert_cmpstr (lao_at (laos, 0)->district, ==, "เมืองศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 0)->province, ==, "ศรีสะเกษ");
  g_assert_null (lao_at (laos, 1)->code);
  g_assert_null (lao_at (laos, 1)->uuid);
}

static void
test_bom_and_crlf (void)
{
  const char           *rows = "code,name,type,district,province\r\n"
                               "3330101,เทศบาลเมืองศรีสะเกษ,ทม.,เมืองศรีสะเกษ,ศรีสะเกษ\r\n"
                               ",องค์การบริหารส่วนตำบลจาน,อบต.,เมืองศรีสะเกษ,ศรีสะเกษ\r\n";
  g_autofree char      *with_bom = g_strconcat ("\xEF\xBB\xBF", rows, NULL);
  g_autoptr (GPtrArray) plain = parse_ok (rows);
  g_autoptr (GPtrArray) bom = parse_ok (with_bom);

  g_assert_cmpuint (plain->len, ==, 2);
  g_assert_cmpuint (bom->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (lao_at (bom, i)->name, ==, lao_at (plain, i)->name);
      g_assert_cmpstr (lao_at (bom, i)->type, ==, lao_at (plain, i)->type);
      /* No CR left at the end of the last column. */
      g_assert_cmpstr (lao_at (bom, i)->province, ==, "ศรีสะเกษ");
    }
  g_assert_cmpstr (lao_at (bom, 0)->code, ==, "3330101");
  g_assert_cmpstr (lao_at (bom, 1)->type, ==, "sao");
}

static void
test_thai_headers (void)
{
  /* Thai names, another order, an extra column and a BOM, as a spreadsheet saves it. */
  g_autoptr (GPtrArray) laos = parse_ok ("\xEF\xBB\xBF"
                                         "ลำดับ,ชื่อ อปท.,อำเภอ,จังหวัด,ประเภท,รหัส อปท.\r\n"
                                         "1,เทศบาลตำบลน้ำคำ,เมืองศรีสะเกษ,ศรีสะเกษ,เทศบาลตำบล,6330102\r\n"
                                         "2,องค์การบริหารส่วนตำบลซำ,เมืองศรีสะเกษ,ศรีสะเกษ,อบต,\r\n");
  g_autoptr (GPtrArray) short_names = parse_ok ("รหัส,ชื่อ,ประเภท\n"
                                                "6330103,องค์การบริหารส่วนจังหวัดศรีสะเกษ,อบจ.\n");

  g_assert_cmpuint (laos->len, ==, 2);
  g_assert_cmpstr (lao_at (laos, 0)->code, ==, "6330102");
  g_assert_cmpstr (lao_at (laos, 0)->name, ==, "เทศบาลตำบลน้ำคำ");
  g_assert_cmpstr (lao_at (laos, 0)->type, ==, "subdistrict");
  g_assert_cmpstr (lao_at (laos, 0)->district, ==, "เมืองศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 0)->province, ==, "ศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 1)->type, ==, "sao"); /* "อบต" without its dot */
  g_assert_null (lao_at (laos, 1)->code);

  g_assert_cmpuint (short_names->len, ==, 1);
  g_assert_cmpstr (lao_at (short_names, 0)->type, ==, "pao");
  /* Columns that are not in the file are empty, never NULL. */
  g_assert_cmpstr (lao_at (short_names, 0)->district, ==, "");
  g_assert_cmpstr (lao_at (short_names, 0)->province, ==, "");
}

static void
test_type_forms (void)
{
  g_autoptr (GPtrArray) laos = parse_ok ("name,type\n"
                                         "a,pao\n"
                                         "b,CITY\n"
                                         "c,ทน.\n"
                                         "d,เทศบาลเมือง\n"
                                         "e,Subdistrict municipality\n"
                                         "f, อบต. \n"
                                         "g,ทต\n");
  const char           *expected[] = { "pao", "city", "city", "town", "subdistrict", "sao", "subdistrict" };

  g_assert_cmpuint (laos->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lao_at (laos, i)->type, ==, expected[i]);
}

static void
test_quoting (void)
{
  g_autoptr (GPtrArray) laos = parse_ok (HEADER
                                         "\"3330101\",\"เทศบาล, เมือง\",town,\"เมือง\"\"ศรี\"\"\",ศรีสะเกษ\n"
                                         ",\"สอง\nบรรทัด\",sao,\"\",\"ศรีสะเกษ\"\n"
                                         ", \"quoted after a blank\" ,sao,x,y\n"
                                         ",\"crlf\r\ninside\",sao,x,y\r\n");

  g_assert_cmpuint (laos->len, ==, 4);
  g_assert_cmpstr (lao_at (laos, 0)->code, ==, "3330101");
  g_assert_cmpstr (lao_at (laos, 0)->name, ==, "เทศบาล, เมือง");
  g_assert_cmpstr (lao_at (laos, 0)->district, ==, "เมือง\"ศรี\"");
  g_assert_cmpstr (lao_at (laos, 1)->name, ==, "สอง\nบรรทัด");
  g_assert_cmpstr (lao_at (laos, 1)->district, ==, "");
  g_assert_cmpstr (lao_at (laos, 1)->province, ==, "ศรีสะเกษ");
  g_assert_cmpstr (lao_at (laos, 2)->name, ==, "quoted after a blank");
  g_assert_cmpstr (lao_at (laos, 3)->name, ==, "crlf\ninside");
}

static void
test_blank_lines (void)
{
  /* Blank lines and rows of empty cells, as spreadsheets leave them, are skipped. */
  g_autoptr (GPtrArray) laos = parse_ok ("\n\n" HEADER
                                         "\n"
                                         ",ก,sao,x,y\n"
                                         ",,,,\n"
                                         "  \n"
                                         ",ข,sao,x,y");

  g_assert_cmpuint (laos->len, ==, 2);
  g_assert_cmpstr (lao_at (laos, 1)->name, ==, "ข");
}

static void
test_bad_row_kinds (void)
{
  /* Each kind of bad row alone, with its line number. */
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          "1234567,,sao,x,y\n",
                   (const char *[]){ "Line 3: the name is empty", NULL });
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          ",ข,,x,y\n",
                   (const char *[]){ "Line 3: the type is empty", NULL });
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          ",ข,sao,x,y\n"
                          ",ค,village,x,y\n",
                   (const char *[]){ "Line 4: unknown type “village”", NULL });
  assert_bad_rows (HEADER "123456,ก,sao,x,y\n",
                   (const char *[]){ "Line 2: the code “123456” is not a DLA code", NULL });
  assert_bad_rows (HEADER "12345678,ก,sao,x,y\n",
                   (const char *[]){ "Line 2: the code “12345678”", NULL });
  assert_bad_rows (HEADER "12345a7,ก,sao,x,y\n",
                   (const char *[]){ "Line 2: the code “12345a7”", NULL });
  assert_bad_rows (HEADER "1234567,ก,sao,x,y\n"
                          ",ข,sao,x,y\n"
                          "1234567,ค,sao,x,y\n",
                   (const char *[]){ "Line 4: the code 1234567 is already used on line 2", NULL });
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          ",ก,sao,z,y\n"
                          ",ก,town,x,y\n",
                   (const char *[]){ "Line 4: “ก” in the district x is already listed on line 2", NULL });
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          ",\xE0\xB8,sao,x,y\n",
                   (const char *[]){ "Line 3: the text is not valid UTF-8", NULL });
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          ",ข,sao,x\n",
                   (const char *[]){ "Line 3: the row has 4 columns but the header has 5", NULL });
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          ",ข,sao,x,y,extra\n",
                   (const char *[]){ "Line 3: the row has 6 columns but the header has 5", NULL });
  assert_bad_rows (HEADER ",ก,sao,x,y\n"
                          ",\"ข,sao,x,y\n"
                          ",ค,sao,x,y\n",
                   (const char *[]){ "Line 3: a quoted field is not closed", NULL });
  assert_bad_rows (HEADER ",\"ก\"ข,sao,x,y\n",
                   (const char *[]){ "Line 2: there is text after a closing double quote", NULL });
}

static void
test_nul_byte (void)
{
  static const char     text[] = HEADER ",ก,sao,x,y\n,ข\0ค,sao,x,y\n";
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = esc_lao_csv_parse (text, sizeof text - 1, NULL, &problems, &error);

  g_assert_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_BAD_ROWS);
  g_assert_null (laos);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "Line 3: the text is not valid UTF-8"));
}

static void
test_line_numbers_after_multiline_field (void)
{
  /* Line numbers count the lines of the file, so a field spanning 3 lines moves the
   * next rows down by 2. */
  assert_bad_rows (HEADER ",\"ก\nข\nค\",sao,x,y\r\n"
                          ",,sao,x,y\r\n",
                   (const char *[]){ "Line 5: the name is empty", NULL });
}

static void
test_several_bad_rows (void)
{
  /* Every bad row is reported, in order, and nothing is returned. */
  assert_bad_rows (HEADER ",ก,sao,x,y\n"   /* 2 */
                          ",,sao,x,y\n"    /* 3 */
                          "99,ข,sao,x,y\n" /* 4 */
                          ",ค,sao,x,y\n"   /* 5 */
                          ",ง,moo,x,y\n"   /* 6 */
                          ",ก,sao,x,y\n"   /* 7 */
                          ",จ,sao\n"       /* 8 */
                          "1,,,x,y\n",     /* 9: three problems on one row */
                   (const char *[]){
                     "Line 3: the name is empty",
                     "Line 4: the code “99”",
                     "Line 6: unknown type “moo”",
                     "Line 7: “ก” in the district x is already listed on line 2",
                     "Line 8: the row has 3 columns",
                     "Line 9: the name is empty",
                     "Line 9: the type is empty",
                     "Line 9: the code “1”",
                     NULL,
                   });
}

static void
test_one_bad_row_refuses_all (void)
{
  g_autoptr (GString)   text = g_string_new (HEADER);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "%u,อบต.%u,sao,x,y\n", 1000000 + i, i);
  g_string_append (text, ",อบต.bad,nonsense,x,y\n");

  laos = parse (text->str, &problems, &error);
  g_assert_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_BAD_ROWS);
  g_assert_nonnull (strstr (error->message, "1 bad row"));
  g_assert_null (laos);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "Line 502: "));
}

static void
test_file_errors (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *part;
  } cases[] = {
    { "", ESC_LAO_CSV_ERROR_EMPTY, "empty" },
    { "\xEF\xBB\xBF", ESC_LAO_CSV_ERROR_EMPTY, "empty" },
    { "\n\r\n  \n", ESC_LAO_CSV_ERROR_EMPTY, "empty" },
    { HEADER, ESC_LAO_CSV_ERROR_NO_ROWS, "no local governments" },
    { "code,name,type\r\n\r\n,,\r\n", ESC_LAO_CSV_ERROR_NO_ROWS, "no local governments" },
    { "code,type,district\n1234567,sao,x\n", ESC_LAO_CSV_ERROR_HEADER, "no name column" },
    { "1234567,เทศบาลตำบลน้ำคำ,ทต.\n", ESC_LAO_CSV_ERROR_HEADER, "no name column" },
    { "code,name,district\n,ก,x\n", ESC_LAO_CSV_ERROR_HEADER, "no type column" },
    { "name,type,ชื่อ\nก,sao,ก\n", ESC_LAO_CSV_ERROR_HEADER, "“name” twice (columns 1 and 3)" },
    { "\"name,type\n", ESC_LAO_CSV_ERROR_HEADER, "badly quoted" },
    { "\xBB\xD7\xE8\xCD,type\n", ESC_LAO_CSV_ERROR_ENCODING, "not UTF-8" }, /* TIS-620 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) problems = NULL;
      g_autoptr (GError)    error = NULL;
      g_autoptr (GPtrArray) laos = parse (cases[i].text, &problems, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_error (error, ESC_LAO_CSV_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].part));
      g_assert_null (laos);
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static void
test_missing_file (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) laos = esc_lao_csv_parse_file ("/nonexistent/laos.csv", NULL, NULL, &error);

  g_assert_error (error, ESC_LAO_CSV_ERROR, ESC_LAO_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/laos.csv"));
  g_assert_null (laos);
}

static void
test_truncated_copies (void)
{
  g_autofree char *path = g_build_filename (SOURCE_DATADIR, "laos", "sisaket.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *quoted = NULL;
  gsize            length = 0;
  guint            n_ok = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  quoted = g_strconcat ("\xEF\xBB\xBF"
                        "code,\"name\",type\r\n"
                        "1234567,\"a \"\"b\"\"\r\nc\",sao\r\n"
                        ",\"ก,ข\",ทต.\r\n",
                        NULL);

  /* Every prefix of the quoted sample, and prefixes of the shipped list cut at every
   * byte of its first 700 bytes (through multi-byte characters) and then every 1009 bytes. */
  for (gsize cut = 0; cut <= strlen (quoted); cut++)
    {
      g_autoptr (GPtrArray) problems = NULL;
      g_autoptr (GError)    error = NULL;
      g_autoptr (GPtrArray) laos = esc_lao_csv_parse (quoted, cut, NULL, &problems, &error);

      g_assert_true ((laos == NULL) != (error == NULL));
      n_ok += laos != NULL;
    }

  for (gsize cut = 0; cut <= length; cut += cut < 700 ? 1 : 1009)
    {
      g_autoptr (GPtrArray) problems = NULL;
      g_autoptr (GError)    error = NULL;
      g_autoptr (GPtrArray) laos = esc_lao_csv_parse (contents, cut, NULL, &problems, &error);

      g_assert_true ((laos == NULL) != (error == NULL));
      if (laos != NULL)
        g_assert_cmpuint (problems->len, ==, 0);
      else if (error->code == ESC_LAO_CSV_ERROR_BAD_ROWS)
        g_assert_cmpuint (problems->len, >, 0);
      n_ok += laos != NULL;
    }

  /* Cuts at line ends leave good shorter lists. */
  g_assert_cmpuint (n_ok, >, 10);
}

static void
test_random_bytes (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2568);
  static const char alphabet[] = "ab,\"\r\n \xE0\xB8\x81.";

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr (GString)   text = g_string_new (round % 2 ? HEADER : "");
      g_autoptr (GPtrArray) problems = NULL;
      g_autoptr (GError)    error = NULL;
      g_autoptr (GPtrArray) laos = NULL;
      guint                 n = g_rand_int_range (rand, 0, 60);

      for (guint i = 0; i < n; i++)
        g_string_append_c (text, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);

      laos = esc_lao_csv_parse (text->str, text->len, NULL, &problems, &error);
      g_assert_true ((laos == NULL) != (error == NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/lao-csv/shipped-list", test_shipped_list);
  g_test_add_func ("/core/lao-csv/with-framework", test_with_framework);
  g_test_add_func ("/core/lao-csv/plain", test_plain);
  g_test_add_func ("/core/lao-csv/bom-and-crlf", test_bom_and_crlf);
  g_test_add_func ("/core/lao-csv/thai-headers", test_thai_headers);
  g_test_add_func ("/core/lao-csv/type-forms", test_type_forms);
  g_test_add_func ("/core/lao-csv/quoting", test_quoting);
  g_test_add_func ("/core/lao-csv/blank-lines", test_blank_lines);
  g_test_add_func ("/core/lao-csv/bad-row-kinds", test_bad_row_kinds);
  g_test_add_func ("/core/lao-csv/nul-byte", test_nul_byte);
  g_test_add_func ("/core/lao-csv/line-numbers", test_line_numbers_after_multiline_field);
  g_test_add_func ("/core/lao-csv/several-bad-rows", test_several_bad_rows);
  g_test_add_func ("/core/lao-csv/one-bad-row-refuses-all", test_one_bad_row_refuses_all);
  g_test_add_func ("/core/lao-csv/file-errors", test_file_errors);
  g_test_add_func ("/core/lao-csv/missing-file", test_missing_file);
  g_test_add_func ("/core/lao-csv/truncated-copies", test_truncated_copies);
  g_test_add_func ("/core/lao-csv/random-bytes", test_random_bytes);

  return g_test_run ();
}
