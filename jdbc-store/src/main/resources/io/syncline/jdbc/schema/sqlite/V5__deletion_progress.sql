-- Syncline store schema, version 5, sqlite: where a resource's deletion passes stand (issue 13):
-- the deletion feed's cursor and when the last complete id sweep started.
ALTER TABLE ${prefix}sync_state ADD COLUMN deletion_cursor VARCHAR(1300) NULL;
ALTER TABLE ${prefix}sync_state ADD COLUMN last_sweep_at TEXT NULL;
