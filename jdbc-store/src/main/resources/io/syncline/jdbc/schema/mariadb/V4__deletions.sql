-- Syncline store schema, version 4, mariadb: deletions (issue 13). deleted_at marks a record
-- deleted (reads skip it unless asked); swept_at is the start of the last id sweep that saw it.
ALTER TABLE ${prefix}sync_record
  ADD COLUMN IF NOT EXISTS deleted_at DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS swept_at   DATETIME(6) NULL;
