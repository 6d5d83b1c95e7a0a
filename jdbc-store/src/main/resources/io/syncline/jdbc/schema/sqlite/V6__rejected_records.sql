-- Syncline store schema, version 6, sqlite: records set aside (issue 10). A resource that opts
-- in keeps the records it cannot use (no id, a bad timestamp) here, written in the page's
-- transaction, instead of failing the page; seq keeps the order they were written in; a
-- record set aside again with the same text (payload_hash, SHA-256) is not stored twice.
CREATE TABLE IF NOT EXISTS ${prefix}rejected_record (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  resource     TEXT    NOT NULL,
  record_id    TEXT    NULL,
  page_number  INTEGER NOT NULL,
  field_name   TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  payload      TEXT    NOT NULL,
  payload_hash TEXT    NOT NULL,
  rejected_at  TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}rejected_record_resource ON ${prefix}rejected_record (resource, rejected_at, seq);
CREATE INDEX IF NOT EXISTS ${prefix}rejected_record_payload ON ${prefix}rejected_record (resource, payload_hash);
