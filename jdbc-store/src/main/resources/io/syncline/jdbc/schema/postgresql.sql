-- Syncline store schema, version 1, PostgreSQL.
-- ${prefix} is the table prefix (empty by default); Flyway replaces it as a placeholder.
-- payload is `json`, not `jsonb`: json keeps the text exactly as received (jsonb reorders keys
-- and drops whitespace), and still supports ->, ->> and expression indexes (cast to jsonb there).
-- id_sort orders ids as Syncline's IdOrder does: numeric ids as numbers, before textual ids.
CREATE TABLE IF NOT EXISTS ${prefix}sync_record (
  resource     VARCHAR(63)  NOT NULL,
  id           VARCHAR(255) COLLATE "C" NOT NULL,
  id_sort      VARCHAR(260) COLLATE "C" NOT NULL,
  payload      JSON         NOT NULL,
  payload_hash CHAR(64)     NOT NULL,
  updated_at   TIMESTAMPTZ  NULL,
  fetched_at   TIMESTAMPTZ  NOT NULL,
  synced_at    TIMESTAMPTZ  NOT NULL,
  PRIMARY KEY (resource, id)
);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_updated_at ON ${prefix}sync_record (resource, updated_at);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_synced_at ON ${prefix}sync_record (resource, synced_at);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_id_sort ON ${prefix}sync_record (resource, id_sort, id);
CREATE TABLE IF NOT EXISTS ${prefix}sync_state (
  resource         VARCHAR(63)  NOT NULL PRIMARY KEY,
  last_mode        VARCHAR(16)  NULL,
  status           VARCHAR(16)  NULL,
  last_updated_at  TIMESTAMPTZ  NULL,
  last_id          TEXT         NULL,
  last_success_at  TIMESTAMPTZ  NULL,
  last_backfill_at TIMESTAMPTZ  NULL,
  checkpoint       TEXT         NULL,
  last_error       TEXT         NULL,
  lease_owner      VARCHAR(255) NULL,
  lease_expires_at TIMESTAMPTZ  NULL,
  schema_version   INT          NOT NULL
);
