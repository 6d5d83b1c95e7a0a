-- Syncline store schema, version 2 (write path v2), standard SQL: changes are found by comparing
-- the payload text in SQL, so the SHA-256 column goes; no query of the library reads by synced_at.
-- The keys stay as in version 1 (primary key (resource, id), index on (resource, id_sort, id)):
-- standard SQL cannot name the primary key to replace it.
DROP INDEX ${prefix}sync_record_synced_at;
ALTER TABLE ${prefix}sync_record DROP COLUMN payload_hash;
