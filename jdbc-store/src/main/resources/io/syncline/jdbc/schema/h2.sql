-- Syncline store schema, version 1, H2.
-- ${prefix} is the table prefix (empty by default); Flyway replaces it as a placeholder.
-- id_sort orders ids as Syncline's IdOrder does: numeric ids as numbers, before textual ids.
CREATE TABLE IF NOT EXISTS ${prefix}sync_record (
  resource     VARCHAR(63)  NOT NULL,
  id           VARCHAR(255) NOT NULL,
  id_sort      VARCHAR(260) NOT NULL,
  payload      CLOB         NOT NULL,
  payload_hash CHAR(64)     NOT NULL,
  updated_at   TIMESTAMP(6) WITH TIME ZONE NULL,
  fetched_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  synced_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (resource, id)
);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_updated_at ON ${prefix}sync_record (resource, updated_at);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_synced_at ON ${prefix}sync_record (resource, synced_at);
CREATE INDEX IF NOT EXISTS ${prefix}sync_record_id_sort ON ${prefix}sync_record (resource, id_sort, id);
CREATE TABLE IF NOT EXISTS ${prefix}sync_state (
  resource         VARCHAR(63)  NOT NULL PRIMARY KEY,
  last_mode        VARCHAR(16)  NULL,
  status           VARCHAR(16)  NULL,
  last_updated_at  TIMESTAMP(6) WITH TIME ZONE NULL,
  last_id          VARCHAR(1000) NULL,
  last_success_at  TIMESTAMP(6) WITH TIME ZONE NULL,
  last_backfill_at TIMESTAMP(6) WITH TIME ZONE NULL,
  checkpoint       CLOB         NULL,
  last_error       CLOB         NULL,
  lease_owner      VARCHAR(255) NULL,
  lease_expires_at TIMESTAMP(6) WITH TIME ZONE NULL,
  schema_version   INT          NOT NULL
);
