-- Syncline store schema, version 4, h2: deletions (issue 13). deleted_at marks a record deleted
-- (reads skip it unless asked); swept_at is the start of the last id sweep that saw the record.
ALTER TABLE ${prefix}sync_record ADD COLUMN IF NOT EXISTS deleted_at TIMESTAMP(6) WITH TIME ZONE NULL;
ALTER TABLE ${prefix}sync_record ADD COLUMN IF NOT EXISTS swept_at TIMESTAMP(6) WITH TIME ZONE NULL;
