-- Syncline store schema, version 1, MariaDB (and MySQL).
-- ${prefix} is the table prefix (empty by default); Flyway replaces it as a placeholder.
-- payload is LONGTEXT: it keeps the text exactly as received (MySQL's binary JSON would not), and
-- MariaDB's JSON functions work on it. No JSON_VALID check (what MariaDB's JSON alias adds): it
-- rejects valid payloads nested deeper than 32 levels. utf8mb4_bin makes ids case-sensitive.
-- id_sort orders ids as Syncline's IdOrder does: numeric ids as numbers, before textual ids.
CREATE TABLE IF NOT EXISTS ${prefix}sync_record (
  resource     VARCHAR(63)  NOT NULL,
  id           VARCHAR(255) NOT NULL,
  id_sort      VARCHAR(260) NOT NULL,
  payload      LONGTEXT     NOT NULL,
  payload_hash CHAR(64)     NOT NULL,
  updated_at   DATETIME(6)  NULL,
  fetched_at   DATETIME(6)  NOT NULL,
  synced_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (resource, id),
  KEY ${prefix}sync_record_updated_at (resource, updated_at),
  KEY ${prefix}sync_record_synced_at (resource, synced_at),
  KEY ${prefix}sync_record_id_sort (resource, id_sort, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS ${prefix}sync_state (
  resource         VARCHAR(63)  NOT NULL PRIMARY KEY,
  last_mode        VARCHAR(16)  NULL,
  status           VARCHAR(16)  NULL,
  last_updated_at  DATETIME(6)  NULL,
  last_id          TEXT         NULL,
  last_success_at  DATETIME(6)  NULL,
  last_backfill_at DATETIME(6)  NULL,
  checkpoint       MEDIUMTEXT   NULL,
  last_error       TEXT         NULL,
  lease_owner      VARCHAR(255) NULL,
  lease_expires_at DATETIME(6)  NULL,
  schema_version   INT          NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
