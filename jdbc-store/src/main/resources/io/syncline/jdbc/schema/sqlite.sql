-- Syncline store schema, version 1, SQLite.
-- ${prefix} is the table prefix (empty by default); Flyway replaces it as a placeholder.
-- Instants are TEXT in a fixed-width UTC form (2026-11-28T10:00:00.000000Z) so they compare as text.
-- id_sort orders ids as Syncline's IdOrder does: numeric ids as numbers, before textual ids.
CREATE TABLE IF NOT EXISTS ${prefix}sync_record (
  resource     TEXT NOT NULL,
  id           TEXT NOT NULL,
  id_sort      TEXT NOT NULL,
  payload      TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  updated_at   TEXT NULL,
  fetched_at   TEXT NOT NULL,
  synced_at    TEXT NOT NULL,
  PRIMARY KEY (resource, id)
);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_updated_at ON ${prefix}sync_record (resource, updated_at);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_synced_at ON ${prefix}sync_record (resource, synced_at);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_id_sort ON ${prefix}sync_record (resource, id_sort, id);
CREATE TABLE IF NOT EXISTS ${prefix}sync_state (
  resource         TEXT    NOT NULL PRIMARY KEY,
  last_mode        TEXT    NULL,
  status           TEXT    NULL,
  last_updated_at  TEXT    NULL,
  last_id          TEXT    NULL,
  last_success_at  TEXT    NULL,
  last_backfill_at TEXT    NULL,
  checkpoint       TEXT    NULL,
  last_error       TEXT    NULL,
  lease_owner      TEXT    NULL,
  lease_expires_at TEXT    NULL,
  schema_version   INTEGER NOT NULL
);
