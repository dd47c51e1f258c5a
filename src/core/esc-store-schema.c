/* esc-store-schema.c
 *
 * Copyright 2026 The ESC Assessor Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace schema, one migration per version. data/SCHEMA.md documents it;
 * keep the two in step. A migration never edits an earlier one: add the next.
 */
#include "config.h"

#include "esc-store-private.h"

static const char migration_1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ") WITHOUT ROWID;"

  "CREATE TABLE frameworks ("
  "  uuid        TEXT PRIMARY KEY NOT NULL,"
  "  code        TEXT NOT NULL,"
  "  fiscal_year INTEGER NOT NULL,"
  "  sha256      TEXT NOT NULL UNIQUE,"
  "  source      TEXT NOT NULL,"
  "  added_at    INTEGER NOT NULL"
  ");"

  "CREATE TABLE laos ("
  "  uuid       TEXT PRIMARY KEY NOT NULL,"
  "  code       TEXT UNIQUE,"
  "  name       TEXT NOT NULL,"
  "  type       TEXT NOT NULL,"
  "  district   TEXT NOT NULL DEFAULT '',"
  "  province   TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX laos_name ON laos (name);"

  "CREATE TABLE assessments ("
  "  uuid           TEXT PRIMARY KEY NOT NULL,"
  "  lao_uuid       TEXT NOT NULL REFERENCES laos (uuid),"
  "  fiscal_year    INTEGER NOT NULL,"
  "  framework_uuid TEXT NOT NULL REFERENCES frameworks (uuid),"
  "  kind           TEXT NOT NULL CHECK (kind IN ('self', 'review', 'site')),"
  "  assessor       TEXT NOT NULL DEFAULT '',"
  "  status         TEXT NOT NULL DEFAULT 'draft'"
  "                 CHECK (status IN ('draft', 'submitted', 'reviewed', 'returned')),"
  "  created_at     INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL"
  ");"
  "CREATE INDEX assessments_lao ON assessments (lao_uuid, fiscal_year);"

  /* One row per scorable item; the points per dimension (or "lpa") are a JSON object
   * such as {"process":8,"output":5}, so a framework may name its own dimensions. */
  "CREATE TABLE answers ("
  "  assessment_uuid TEXT NOT NULL REFERENCES assessments (uuid) ON DELETE CASCADE,"
  "  item_code       TEXT NOT NULL,"
  "  uuid            TEXT NOT NULL UNIQUE,"
  "  scores          TEXT NOT NULL DEFAULT '{}',"
  "  checked         TEXT,"
  "  updated_by      TEXT NOT NULL DEFAULT '',"
  "  updated_at      INTEGER NOT NULL,"
  "  note            TEXT,"
  "  PRIMARY KEY (assessment_uuid, item_code)"
  ") WITHOUT ROWID;"

  "CREATE TABLE blobs ("
  "  sha256   TEXT PRIMARY KEY NOT NULL,"
  "  size     INTEGER NOT NULL,"
  "  mime     TEXT NOT NULL,"
  "  data     BLOB NOT NULL,"
  "  added_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE documents ("
  "  uuid       TEXT PRIMARY KEY NOT NULL,"
  "  sha256     TEXT NOT NULL REFERENCES blobs (sha256),"
  "  file_name  TEXT NOT NULL,"
  "  title      TEXT NOT NULL,"
  "  n_pages    INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX documents_sha256 ON documents (sha256);"

  "CREATE TABLE links ("
  "  uuid            TEXT PRIMARY KEY NOT NULL,"
  "  document_uuid   TEXT NOT NULL REFERENCES documents (uuid),"
  "  assessment_uuid TEXT NOT NULL REFERENCES assessments (uuid) ON DELETE CASCADE,"
  "  item_code       TEXT NOT NULL,"
  "  pages           TEXT NOT NULL DEFAULT '',"
  "  caption         TEXT NOT NULL DEFAULT '',"
  "  created_at      INTEGER NOT NULL,"
  "  updated_at      INTEGER NOT NULL"
  ");"
  "CREATE INDEX links_item ON links (assessment_uuid, item_code);"
  "CREATE INDEX links_document ON links (document_uuid);"

  "CREATE TABLE comments ("
  "  uuid            TEXT PRIMARY KEY NOT NULL,"
  "  assessment_uuid TEXT NOT NULL REFERENCES assessments (uuid) ON DELETE CASCADE,"
  "  item_code       TEXT NOT NULL DEFAULT '',"
  "  verdict         TEXT NOT NULL DEFAULT '' CHECK (verdict IN ('', 'accepted', 'needs-fix')),"
  "  body            TEXT NOT NULL DEFAULT '',"
  "  author          TEXT NOT NULL DEFAULT '',"
  "  created_at      INTEGER NOT NULL"
  ");"
  "CREATE INDEX comments_item ON comments (assessment_uuid, item_code);"

  "CREATE TABLE history ("
  "  uuid        TEXT PRIMARY KEY NOT NULL,"
  "  entity      TEXT NOT NULL,"
  "  entity_uuid TEXT NOT NULL,"
  "  field       TEXT NOT NULL,"
  "  old_value   TEXT,"
  "  new_value   TEXT,"
  "  reason      TEXT NOT NULL DEFAULT '',"
  "  author      TEXT NOT NULL DEFAULT '',"
  "  at          INTEGER NOT NULL"
  ");"
  "CREATE INDEX history_entity ON history (entity_uuid, at);"
  ;

/* Evidence search: a trigram index of PDF page text and of notes. FTS5 tables cannot be
 * written by triggers while trusted_schema is off, so the triggers only list the answers
 * whose note changed; esc_store_search() indexes them before it searches. The triggers
 * avoid OR IGNORE: an outer upsert would override it and fail on the duplicate. */
static const char migration_2[] =
  "ALTER TABLE documents ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0;"

  "CREATE VIRTUAL TABLE page_search USING fts5 ("
  "  body, document_uuid UNINDEXED, page UNINDEXED, tokenize = 'trigram'"
  ");"
  "CREATE VIRTUAL TABLE note_search USING fts5 ("
  "  body, answer_uuid UNINDEXED, tokenize = 'trigram'"
  ");"
  "CREATE TABLE note_search_pending ("
  "  answer_uuid TEXT PRIMARY KEY NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TRIGGER answers_note_inserted AFTER INSERT ON answers"
  "  WHEN new.note IS NOT NULL AND new.note <> '' BEGIN"
  "  INSERT INTO note_search_pending (answer_uuid) SELECT new.uuid"
  "  WHERE NOT EXISTS (SELECT 1 FROM note_search_pending WHERE answer_uuid = new.uuid);"
  "END;"
  "CREATE TRIGGER answers_note_updated AFTER UPDATE OF note ON answers BEGIN"
  "  INSERT INTO note_search_pending (answer_uuid) SELECT new.uuid"
  "  WHERE NOT EXISTS (SELECT 1 FROM note_search_pending WHERE answer_uuid = new.uuid);"
  "END;"
  "CREATE TRIGGER answers_note_deleted AFTER DELETE ON answers BEGIN"
  "  INSERT INTO note_search_pending (answer_uuid) SELECT old.uuid"
  "  WHERE NOT EXISTS (SELECT 1 FROM note_search_pending WHERE answer_uuid = old.uuid);"
  "END;"
  "INSERT INTO note_search_pending (answer_uuid)"
  "  SELECT uuid FROM answers WHERE note IS NOT NULL AND note <> '';"
  ;

/* The province working group: participation per local government and fiscal year, the
 * outreach log, participation plans with yearly (and district) targets, and the benefits
 * text each province writes once. */
static const char migration_3[] =
  "CREATE TABLE participation ("
  "  uuid             TEXT PRIMARY KEY NOT NULL,"
  "  lao_uuid         TEXT NOT NULL REFERENCES laos (uuid),"
  "  fiscal_year      INTEGER NOT NULL,"
  "  status           TEXT NOT NULL DEFAULT 'not-contacted'"
  "                   CHECK (status IN ('not-contacted', 'invited', 'interested', 'registered',"
  "                                     'preparing', 'submitted', 'result')),"
  "  result           TEXT NOT NULL DEFAULT ''"
  "                   CHECK (result IN ('', 'excellent', 'very-good', 'good', 'not-passed')),"
  "  volunteered      INTEGER NOT NULL DEFAULT 0 CHECK (volunteered IN (0, 1)),"
  "  took_part_before INTEGER NOT NULL DEFAULT 0 CHECK (took_part_before IN (0, 1)),"
  "  contact          TEXT NOT NULL DEFAULT '',"
  "  note             TEXT NOT NULL DEFAULT '',"
  "  created_at       INTEGER NOT NULL,"
  "  updated_at       INTEGER NOT NULL,"
  "  UNIQUE (lao_uuid, fiscal_year),"
  "  CHECK ((status = 'result') = (result <> ''))"
  ");"
  "CREATE INDEX participation_year ON participation (fiscal_year);"

  "CREATE TABLE outreach ("
  "  uuid        TEXT PRIMARY KEY NOT NULL,"
  "  lao_uuid    TEXT NOT NULL REFERENCES laos (uuid),"
  "  fiscal_year INTEGER NOT NULL,"
  "  date        TEXT NOT NULL,"
  "  kind        TEXT NOT NULL CHECK (kind IN ('letter', 'meeting', 'visit', 'call')),"
  "  notes       TEXT NOT NULL DEFAULT '',"
  "  author      TEXT NOT NULL DEFAULT '',"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX outreach_lao ON outreach (lao_uuid, date);"

  "CREATE TABLE plans ("
  "  uuid       TEXT PRIMARY KEY NOT NULL,"
  "  name       TEXT NOT NULL,"
  "  first_year INTEGER NOT NULL,"
  "  n_years    INTEGER NOT NULL CHECK (n_years BETWEEN 1 AND 10),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (name)"
  ");"

  /* plan_uuid '' holds the yearly targets outside any plan; district '' the province. */
  "CREATE TABLE targets ("
  "  plan_uuid   TEXT NOT NULL DEFAULT '',"
  "  fiscal_year INTEGER NOT NULL,"
  "  district    TEXT NOT NULL DEFAULT '',"
  "  target      INTEGER NOT NULL CHECK (target >= 0),"
  "  updated_at  INTEGER NOT NULL,"
  "  PRIMARY KEY (plan_uuid, fiscal_year, district)"
  ") WITHOUT ROWID;"

  "CREATE TABLE province_texts ("
  "  province   TEXT PRIMARY KEY NOT NULL,"
  "  benefits   TEXT NOT NULL DEFAULT '',"
  "  updated_at INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  ;

const char *const esc_store_migrations[] = {
  NULL, /* version 0: an empty file */
  migration_1,
  migration_2,
  migration_3,
};

const guint esc_store_n_migrations = G_N_ELEMENTS (esc_store_migrations) - 1;
