-- Syncline store schema, version 4, generic: deletions (issue 13). deleted_at marks a record
-- deleted (reads skip it unless asked); swept_at is the start of the last id sweep that saw it.
ALTER TABLE ${prefix}sync_record ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE NULL;
ALTER TABLE ${prefix}sync_record ADD COLUMN swept_at TIMESTAMP WITH TIME ZONE NULL;
