-- Syncline store schema, version 3, sqlite: the conditional-request validator of the last
-- incremental pass and the traffic of the last run (issue 15). ${prefix} is the table prefix.
ALTER TABLE ${prefix}sync_state ADD COLUMN validator VARCHAR(1300) NULL;
ALTER TABLE ${prefix}sync_state ADD COLUMN last_requests INTEGER NULL;
ALTER TABLE ${prefix}sync_state ADD COLUMN last_not_modified INTEGER NULL;
ALTER TABLE ${prefix}sync_state ADD COLUMN last_wire_bytes INTEGER NULL;
ALTER TABLE ${prefix}sync_state ADD COLUMN last_decoded_bytes INTEGER NULL;
