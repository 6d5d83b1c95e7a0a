package io.syncline.internal;

import io.syncline.spi.Deletion;
import io.syncline.spi.RejectedRecord;
import java.util.List;
import java.util.OptionalLong;

/**
 * A fetched page made ready to write: checked, handed to its pass, with everything the write and
 * the progress need that depends on the page alone. Built where the page was fetched (the run's
 * thread or the fetch-ahead task), so the next page's request can go out before the write starts.
 *
 * @param fetched the page as fetched
 * @param step what its pass commits with it and fetches next
 * @param rejected its records set aside
 * @param softDeletions its records that say they are deleted
 * @param remaining the records the listing holds from this page on, when the source tells
 */
record ReadyPage(FetchedPage fetched, ListingPass.Step step, List<RejectedRecord> rejected,
    List<Deletion> softDeletions, OptionalLong remaining) {}
