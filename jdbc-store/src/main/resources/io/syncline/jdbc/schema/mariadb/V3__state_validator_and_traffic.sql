-- Syncline store schema, version 3, mariadb: the conditional-request validator of the last
-- incremental pass and the traffic of the last run (issue 15). ${prefix} is the table prefix.
ALTER TABLE ${prefix}sync_state
  ADD COLUMN validator          VARCHAR(1300) NULL,
  ADD COLUMN last_requests      BIGINT NULL,
  ADD COLUMN last_not_modified  BIGINT NULL,
  ADD COLUMN last_wire_bytes    BIGINT NULL,
  ADD COLUMN last_decoded_bytes BIGINT NULL;
