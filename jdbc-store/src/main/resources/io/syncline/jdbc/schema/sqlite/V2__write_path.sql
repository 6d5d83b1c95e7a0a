-- Syncline store schema, version 2 (write path v2), SQLite, in one transaction (a new table:
-- SQLite cannot change a primary key in place).
-- Changes are found by comparing the payload text in SQL: the SHA-256 column goes. No query of the
-- library reads by synced_at: its index goes. The primary key becomes (resource, id_sort, id):
-- id_sort is a function of id, so it is as unique as (resource, id), and it serves the streams
-- in id order, so the separate id_sort index goes too.
CREATE TABLE ${prefix}sync_record_v2 (
  resource     TEXT NOT NULL,
  id           TEXT NOT NULL,
  id_sort      TEXT NOT NULL,
  payload      TEXT NOT NULL,
  updated_at   TEXT NULL,
  fetched_at   TEXT NOT NULL,
  synced_at    TEXT NOT NULL,
  PRIMARY KEY (resource, id_sort, id)
);
INSERT INTO ${prefix}sync_record_v2 (resource, id, id_sort, payload, updated_at, fetched_at, synced_at)
  SELECT resource, id, id_sort, payload, updated_at, fetched_at, synced_at FROM ${prefix}sync_record;
DROP TABLE ${prefix}sync_record;
ALTER TABLE ${prefix}sync_record_v2 RENAME TO ${prefix}sync_record;
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_updated_at ON ${prefix}sync_record (resource, updated_at);
