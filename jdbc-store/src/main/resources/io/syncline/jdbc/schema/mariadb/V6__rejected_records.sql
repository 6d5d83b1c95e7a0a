-- Syncline store schema, version 6, mariadb: records set aside (issue 10). A resource that opts
-- in keeps the records it cannot use (no id, a bad timestamp) here, written in the page's
-- transaction, instead of failing the page; seq keeps the order they were written in; a
-- record set aside again with the same text (payload_hash, SHA-256) is not stored twice.
CREATE TABLE IF NOT EXISTS ${prefix}rejected_record (
  seq          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  resource     VARCHAR(63)   NOT NULL,
  record_id    VARCHAR(1000) NULL,
  page_number  BIGINT        NOT NULL,
  field_name   VARCHAR(1000) NOT NULL,
  reason       TEXT          NOT NULL,
  payload      LONGTEXT      NOT NULL,
  payload_hash CHAR(64)      NOT NULL,
  rejected_at  DATETIME(6)   NOT NULL,
  KEY ${prefix}rejected_record_resource (resource, rejected_at, seq),
  KEY ${prefix}rejected_record_payload (resource, payload_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
