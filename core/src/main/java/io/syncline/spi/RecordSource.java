package io.syncline.spi;

/**
 * Where records come from: a remote API, one page at a time.
 *
 * <p>Implementations must be thread-safe: the engine may fetch the next page of one resource
 * while it writes the current one, and sync several resources at once. A source handles its own
 * retries and rate limits; what it throws is final for this run. It reports bad input (a
 * malformed body, a record without an id) with {@link io.syncline.InvalidRecordException}, and
 * any other failure with a {@link RuntimeException} whose message names the resource and never
 * contains a secret.
 *
 * <p>What a source must guarantee so that no record is lost: a record that exists for the whole
 * run and is newer than the stored version is delivered by the end of the run (or the fetch fails).
 * A source must therefore not trust positions (page numbers, offsets, continuation links) across a
 * listing that changes while it is read: where it can filter by timestamp, it pages by filtering
 * again from {@link PageRequest#after()} (keyset, or keyset emulated over a positional API) and
 * uses positions only inside a run of equal timestamps. The engine starts every incremental pass
 * at the stored cursor's instant without its id, so the records of that instant are re-read and
 * compared with the store by content; a source may drop records at or before
 * {@link PageRequest#after()} (the engine drops them too) but never records of that instant
 * with a lower id when the request's position has no id.
 *
 * <p>Where a listing can only be read by position (no keyset, no timestamp filter: backfills by
 * id and id-only runs over page numbers, offsets, links or tokens), a source must detect that the
 * listing moved under the run — a deletion or a move before the position shifts a record past
 * it — and read the affected range again before it reports the listing's end. The HTTP source
 * does so lap by lap: it checks each page (offsets one record early, otherwise the total; records
 * stamped during the lap for a listing in its own order), starts a new lap from the first page
 * when one moved, and fails the fetch after three laps that all moved. Records read again are
 * returned in a page marked unsorted ({@link Page#sorted()} false), so the engine delivers them
 * although they are at or before {@link PageRequest#after()} and moves the cursor only at the end
 * of the run; the store compares them by content. A movement the listing does not show (a
 * deletion where there is neither an offset nor a total) is a limit the source documents.
 */
public interface RecordSource {

  /**
   * Fetches one page.
   *
   * @param request what to fetch
   * @return the page, read whole
   */
  Page fetch(PageRequest request);

  /**
   * Tells whether the source has a deletion feed for a resource: pages of deleted ids with their
   * deletion times, read by {@link #fetchDeletions}. Default: none.
   *
   * @param resource the resource
   * @return true when {@link #fetchDeletions} serves it
   */
  default boolean hasDeletionFeed(io.syncline.Resource resource) {
    return false;
  }

  /**
   * Fetches one page of a resource's deletion feed, ordered by deletion time then id: each
   * record's id is a deleted record's id and its {@link SourceRecord#updatedAt()} the deletion
   * time; {@link PageRequest#after()} is the feed's own cursor. Only called when
   * {@link #hasDeletionFeed} is true.
   *
   * @param request what to fetch
   * @return the page, read whole
   * @throws UnsupportedOperationException when the source has no deletion feed (the default)
   */
  default Page fetchDeletions(PageRequest request) {
    throw new UnsupportedOperationException("no deletion feed for " + request.resource().name());
  }

  /**
   * Fetches one page of a resource's ids for an id sweep, in id order, using the lightest listing
   * the source offers (for an HTTP API, e.g. {@code fields=id}); records may hold the id only.
   * Default: the ordinary listing, {@link #fetch}.
   *
   * @param request what to fetch (order {@link PageRequest.Order#ID})
   * @return the page, read whole
   */
  default Page fetchIds(PageRequest request) {
    return fetch(request);
  }
}
