-- Syncline store schema, version 5, mariadb: where a resource's deletion passes stand (issue 13):
-- the deletion feed's cursor and when the last complete id sweep started.
ALTER TABLE ${prefix}sync_state
  ADD COLUMN IF NOT EXISTS deletion_cursor VARCHAR(1300) NULL,
  ADD COLUMN IF NOT EXISTS last_sweep_at   DATETIME(6) NULL;
