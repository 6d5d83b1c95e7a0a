-- Syncline store schema, version 7, h2: the (resource, updated_at) index goes. H2 reads every
-- stream of records, a range of updated_at included, in primary-key order (lazily, so memory stays
-- flat): no query of the library used the index, and every write paid for it (a fifth of a page
-- write, measured in issue 11).
DROP INDEX IF EXISTS ${prefix}sync_record_updated_at;
