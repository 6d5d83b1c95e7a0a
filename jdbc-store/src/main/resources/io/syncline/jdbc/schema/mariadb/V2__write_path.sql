-- Syncline store schema, version 2 (write path v2), MariaDB: one ALTER, one rebuild.
-- Changes are found by comparing the payload text in SQL: the SHA-256 column goes. No query of the
-- library reads by synced_at: its index goes. The primary key becomes (resource, id_sort, id):
-- id_sort is a function of id, so it is as unique as (resource, id), and it serves the streams
-- in id order, so the separate id_sort index goes too.
ALTER TABLE ${prefix}sync_record DROP COLUMN IF EXISTS payload_hash,
  DROP INDEX IF EXISTS ${prefix}sync_record_synced_at,
  DROP INDEX IF EXISTS ${prefix}sync_record_id_sort,
  DROP PRIMARY KEY, ADD PRIMARY KEY (resource, id_sort, id);
