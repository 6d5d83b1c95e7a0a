-- Syncline store schema, version 4, sqlite: deletions (issue 13). deleted_at marks a record
-- deleted (reads skip it unless asked); swept_at is the start of the last id sweep that saw it.
ALTER TABLE ${prefix}sync_record ADD COLUMN deleted_at TEXT NULL;
ALTER TABLE ${prefix}sync_record ADD COLUMN swept_at TEXT NULL;
