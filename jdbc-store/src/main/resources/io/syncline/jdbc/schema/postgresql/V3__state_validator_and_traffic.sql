-- Syncline store schema, version 3, postgresql: the conditional-request validator of the last
-- incremental pass and the traffic of the last run (issue 15). ${prefix} is the table prefix.
ALTER TABLE ${prefix}sync_state
  ADD COLUMN IF NOT EXISTS validator          VARCHAR(1300) NULL,
  ADD COLUMN IF NOT EXISTS last_requests      BIGINT NULL,
  ADD COLUMN IF NOT EXISTS last_not_modified  BIGINT NULL,
  ADD COLUMN IF NOT EXISTS last_wire_bytes    BIGINT NULL,
  ADD COLUMN IF NOT EXISTS last_decoded_bytes BIGINT NULL;
