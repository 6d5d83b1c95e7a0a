-- Syncline store schema, version 2 (write path v2), MariaDB: changes are found by comparing the
-- payload text in SQL, so the SHA-256 column goes; no query of the library reads by synced_at.
ALTER TABLE ${prefix}sync_record DROP COLUMN IF EXISTS payload_hash, DROP INDEX IF EXISTS ${prefix}sync_record_synced_at;
