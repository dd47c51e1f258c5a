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
  "CREATE INDEX history_entity ON history (entity_uuid, at);";

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
  "  SELECT uuid FROM answers WHERE note IS NOT NULL AND note <> '';";

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
  ") WITHOUT ROWID;";

/* Version 4: merge bookkeeping. A "cell" is one mergeable value, named by a key that is the
 * same in every copy of the file (entity + natural key). Its revision is its content as
 * quote()d SQL text, "@", and the time it was set. merge_seen holds every revision this file
 * has seen replaced, so a merge can tell which side changed a cell since the two files
 * shared it; the triggers keep it as the store writes. merge_clock holds the time a cell was
 * last set where its row has no time of its own for it; it only moves forward, so a value
 * set again within the same second is still a new revision. conflicts keeps both sides of a cell
 * that both files changed, until a person decides. */
static const char migration_4[] =
  "CREATE TABLE merge_seen ("
  "  entity  TEXT NOT NULL,"
  "  row_key TEXT NOT NULL,"
  "  rev     TEXT NOT NULL,"
  "  PRIMARY KEY (entity, row_key, rev)"
  ") WITHOUT ROWID;"

  "CREATE TABLE merge_clock ("
  "  entity  TEXT NOT NULL,"
  "  row_key TEXT NOT NULL,"
  "  at      INTEGER NOT NULL,"
  "  PRIMARY KEY (entity, row_key)"
  ") WITHOUT ROWID;"

  "CREATE TABLE conflicts ("
  "  uuid            TEXT PRIMARY KEY NOT NULL,"
  "  entity          TEXT NOT NULL,"
  "  row_key         TEXT NOT NULL,"
  "  assessment_uuid TEXT,"
  "  item_code       TEXT NOT NULL DEFAULT '',"
  "  field           TEXT NOT NULL DEFAULT '',"
  "  kept_value      TEXT NOT NULL,"
  "  kept_author     TEXT NOT NULL DEFAULT '',"
  "  kept_at         INTEGER NOT NULL,"
  "  other_value     TEXT NOT NULL,"
  "  other_author    TEXT NOT NULL DEFAULT '',"
  "  other_at        INTEGER NOT NULL,"
  "  created_at      INTEGER NOT NULL,"
  "  resolved_at     INTEGER,"
  "  resolved_by     TEXT,"
  "  resolution      TEXT"
  ");"
  "CREATE INDEX conflicts_item ON conflicts (assessment_uuid, item_code);"

  /* Scores, notes and checklists: one cell each per answer, "assessment|item". A merge
   * that finds both files changed the scores merges them dimension by dimension. The
   * statements avoid OR IGNORE / OR REPLACE: an outer statement's conflict clause (the
   * store's upsert) would override them. */
  "CREATE TRIGGER merge_scores_update AFTER UPDATE OF scores ON answers"
  " WHEN OLD.scores IS NOT NEW.scores BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'scores' AS e, OLD.assessment_uuid || '|' || OLD.item_code AS k, quote (OLD.scores) || '@' || coalesce ((SELECT at FROM merge_clock WHERE entity = 'scores' AND row_key = OLD.assessment_uuid || '|' || OLD.item_code), 0) AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  "  UPDATE merge_clock SET at = max (CAST (strftime ('%s', 'now') AS INTEGER), at + 1)"
  "  WHERE entity = 'scores' AND row_key = NEW.assessment_uuid || '|' || NEW.item_code;"
  "  INSERT INTO merge_clock (entity, row_key, at)"
  "  SELECT 'scores', NEW.assessment_uuid || '|' || NEW.item_code, CAST (strftime ('%s', 'now') AS INTEGER)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_clock WHERE entity = 'scores' AND row_key = NEW.assessment_uuid || '|' || NEW.item_code);"
  " END;"
  "CREATE TRIGGER merge_note_update AFTER UPDATE OF note ON answers"
  " WHEN OLD.note IS NOT NEW.note BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'note' AS e, OLD.assessment_uuid || '|' || OLD.item_code AS k, quote (OLD.note) || '@' || coalesce ((SELECT at FROM merge_clock WHERE entity = 'note' AND row_key = OLD.assessment_uuid || '|' || OLD.item_code), 0) AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  "  UPDATE merge_clock SET at = max (CAST (strftime ('%s', 'now') AS INTEGER), at + 1)"
  "  WHERE entity = 'note' AND row_key = NEW.assessment_uuid || '|' || NEW.item_code;"
  "  INSERT INTO merge_clock (entity, row_key, at)"
  "  SELECT 'note', NEW.assessment_uuid || '|' || NEW.item_code, CAST (strftime ('%s', 'now') AS INTEGER)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_clock WHERE entity = 'note' AND row_key = NEW.assessment_uuid || '|' || NEW.item_code);"
  " END;"
  "CREATE TRIGGER merge_checked_update AFTER UPDATE OF checked ON answers"
  " WHEN OLD.checked IS NOT NEW.checked BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'checked' AS e, OLD.assessment_uuid || '|' || OLD.item_code AS k, quote (OLD.checked) || '@' || coalesce ((SELECT at FROM merge_clock WHERE entity = 'checked' AND row_key = OLD.assessment_uuid || '|' || OLD.item_code), 0) AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  "  UPDATE merge_clock SET at = max (CAST (strftime ('%s', 'now') AS INTEGER), at + 1)"
  "  WHERE entity = 'checked' AND row_key = NEW.assessment_uuid || '|' || NEW.item_code;"
  "  INSERT INTO merge_clock (entity, row_key, at)"
  "  SELECT 'checked', NEW.assessment_uuid || '|' || NEW.item_code, CAST (strftime ('%s', 'now') AS INTEGER)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_clock WHERE entity = 'checked' AND row_key = NEW.assessment_uuid || '|' || NEW.item_code);"
  " END;"

  /* Assessments: the status, and the other editable fields together. */
  "CREATE TRIGGER merge_status_update AFTER UPDATE OF status ON assessments"
  " WHEN OLD.status IS NOT NEW.status BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'status' AS e, OLD.uuid AS k, quote (OLD.status) || '@' || coalesce ((SELECT at FROM merge_clock WHERE entity = 'status' AND row_key = OLD.uuid), 0) AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  "  UPDATE merge_clock SET at = max (CAST (strftime ('%s', 'now') AS INTEGER), at + 1)"
  "  WHERE entity = 'status' AND row_key = NEW.uuid;"
  "  INSERT INTO merge_clock (entity, row_key, at)"
  "  SELECT 'status', NEW.uuid, CAST (strftime ('%s', 'now') AS INTEGER)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_clock WHERE entity = 'status' AND row_key = NEW.uuid);"
  " END;"
  "CREATE TRIGGER merge_assessment_update AFTER UPDATE OF kind, assessor, fiscal_year ON assessments"
  " WHEN OLD.kind IS NOT NEW.kind OR OLD.assessor IS NOT NEW.assessor OR OLD.fiscal_year IS NOT NEW.fiscal_year BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'assessment' AS e, OLD.uuid AS k, quote (OLD.kind) || ',' || quote (OLD.assessor) || ',' || quote (OLD.fiscal_year) || '@' || coalesce ((SELECT at FROM merge_clock WHERE entity = 'assessment' AND row_key = OLD.uuid), 0) AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  "  UPDATE merge_clock SET at = max (CAST (strftime ('%s', 'now') AS INTEGER), at + 1)"
  "  WHERE entity = 'assessment' AND row_key = NEW.uuid;"
  "  INSERT INTO merge_clock (entity, row_key, at)"
  "  SELECT 'assessment', NEW.uuid, CAST (strftime ('%s', 'now') AS INTEGER)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_clock WHERE entity = 'assessment' AND row_key = NEW.uuid);"
  " END;"

  /* Local governments: the whole row, keyed by DLA code (or uuid without one). */
  "CREATE TRIGGER merge_lao_update AFTER UPDATE OF name, type, district, province ON laos"
  " WHEN OLD.name IS NOT NEW.name OR OLD.type IS NOT NEW.type OR OLD.district IS NOT NEW.district OR OLD.province IS NOT NEW.province BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'lao' AS e, coalesce (OLD.code, OLD.uuid) AS k, quote (OLD.name) || ',' || quote (OLD.type) || ',' || quote (OLD.district) || ',' || quote (OLD.province) || '@' || OLD.updated_at AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  " END;"

  /* Evidence links: pages and caption, and whether the link exists at all. */
  "CREATE TRIGGER merge_link_update AFTER UPDATE OF pages, caption ON links"
  " WHEN OLD.pages IS NOT NEW.pages OR OLD.caption IS NOT NEW.caption BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'link' AS e, OLD.uuid AS k, quote (OLD.pages) || ',' || quote (OLD.caption) || '@' || OLD.updated_at AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  " END;"
  "CREATE TRIGGER merge_link_delete AFTER DELETE ON links"
  " BEGIN"
  "  INSERT INTO merge_seen (entity, row_key, rev)"
  "  SELECT e, k, r FROM (SELECT 'link' AS e, OLD.uuid AS k, quote (OLD.pages) || ',' || quote (OLD.caption) || '@' || OLD.updated_at AS r)"
  "  WHERE NOT EXISTS (SELECT 1 FROM merge_seen WHERE entity = e AND row_key = k AND rev = r);"
  " END;";

const char *const esc_store_migrations[] = {
  NULL, /* version 0: an empty file */
  migration_1,
  migration_2,
  migration_3,
  migration_4,
};

const guint esc_store_n_migrations = G_N_ELEMENTS (esc_store_migrations) - 1;
