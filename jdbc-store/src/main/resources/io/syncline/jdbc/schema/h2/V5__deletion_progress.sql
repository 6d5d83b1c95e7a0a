-- Syncline store schema, version 5, h2: where a resource's deletion passes stand (issue 13): the
-- deletion feed's cursor and when the last complete id sweep started.
ALTER TABLE ${prefix}sync_state ADD COLUMN IF NOT EXISTS deletion_cursor VARCHAR(1300) NULL;
ALTER TABLE ${prefix}sync_state ADD COLUMN IF NOT EXISTS last_sweep_at TIMESTAMP(6) WITH TIME ZONE NULL;
