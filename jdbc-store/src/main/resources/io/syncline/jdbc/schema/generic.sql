-- Syncline store schema, version 1, standard SQL for any other JDBC database.
-- ${prefix} is the table prefix (empty by default); Flyway replaces it as a placeholder.
-- Not idempotent by itself: migrate() runs it only when the tables are missing.
-- id_sort orders ids as Syncline's IdOrder does: numeric ids as numbers, before textual ids.
CREATE TABLE ${prefix}sync_record (
  resource     VARCHAR(63)  NOT NULL,
  id           VARCHAR(255) NOT NULL,
  id_sort      VARCHAR(260) NOT NULL,
  payload      CLOB         NOT NULL,
  payload_hash CHAR(64)     NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE,
  fetched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  synced_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (resource, id)
);
CREATE INDEX ${prefix}sync_record_updated_at ON ${prefix}sync_record (resource, updated_at);
CREATE INDEX ${prefix}sync_record_synced_at ON ${prefix}sync_record (resource, synced_at);
CREATE INDEX ${prefix}sync_record_id_sort ON ${prefix}sync_record (resource, id_sort, id);
CREATE TABLE ${prefix}sync_state (
  resource         VARCHAR(63)  NOT NULL PRIMARY KEY,
  last_mode        VARCHAR(16),
  status           VARCHAR(16),
  last_updated_at  TIMESTAMP WITH TIME ZONE,
  last_id          VARCHAR(1000),
  last_success_at  TIMESTAMP WITH TIME ZONE,
  last_backfill_at TIMESTAMP WITH TIME ZONE,
  checkpoint       CLOB,
  last_error       CLOB,
  lease_owner      VARCHAR(255),
  lease_expires_at TIMESTAMP WITH TIME ZONE,
  schema_version   INTEGER      NOT NULL
);
